"""AWSV402 s3-v4-encryption: ``server_side_encryption_configuration`` becomes its own resource.

The nested ``rule`` keeps its shape in
aws_s3_bucket_server_side_encryption_configuration, so it moves as written.
"""

from __future__ import annotations

from tffix.aws.s3_split import OBJECTS, S3Split, Translation, body_text, explanation, users_of
from tffix.engine.codemod import ModuleContext
from tffix.syntax import nodes as n

_RESOURCE = "aws_s3_bucket_server_side_encryption_configuration"


class S3V4Encryption(S3Split):
    """``server_side_encryption_configuration`` -> its resource, ``rule`` as written."""

    code = "AWSV402"
    name = "s3-v4-encryption"
    summary = (
        "AWS provider v4: move a bucket's server_side_encryption_configuration to "
        "aws_s3_bucket_server_side_encryption_configuration"
    )
    inline = ("server_side_encryption_configuration",)
    resource = _RESOURCE
    dynamic_form = "single"
    documentation = (
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#server_side_encryption_configuration-argument",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_server_side_encryption_configuration",
    )
    explanation = explanation(
        "`server_side_encryption_configuration` block",
        _RESOURCE,
        """
The `rule` block (`apply_server_side_encryption_by_default` with
`sse_algorithm` and `kms_master_key_id`, and `bucket_key_enabled`) has the
same shape in the new resource and moves as written.
""",
        """\
    resource "aws_s3_bucket" "data" {
      bucket = "my-data"
    -
    -  server_side_encryption_configuration {
    -    rule {
    -      apply_server_side_encryption_by_default {
    -        sse_algorithm = "AES256"
    -      }
    -    }
    -  }
    }
    +
    +resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
    +  bucket = aws_s3_bucket.data.id
    +
    +  rule {
    +    apply_server_side_encryption_by_default {
    +      sse_algorithm = "AES256"
    +    }
    +  }
    +}

    s3_v4_imports.tf (apply once in each existing environment, then delete it):

    +import {
    +  to = aws_s3_bucket_server_side_encryption_configuration.data
    +  id = "my-data"
    +}
""",
    )

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        if len(items) != 1 or not isinstance(items[0], n.Block):
            return Translation(manual="more than one encryption block: merge them by hand")
        body = body_text(items[0], 0)
        if not body:
            return Translation(manual="an empty server_side_encryption_configuration")
        translation = Translation(body=body)
        translation.waiters = [
            (item, f"now waits for it (depends_on): {_OBJECTS_WAIT}")
            for item in users_of(ctx, bucket.labels[1], OBJECTS, "bucket")
        ]
        return translation


_OBJECTS_WAIT = (
    "S3 encrypts an object with the bucket's default encryption when it is written, and "
    "only objects written after the setting get it "
    "(https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html); with "
    "it inline the bucket reference ordered the object after it"
)
