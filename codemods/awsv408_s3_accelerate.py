"""AWSV408 s3-v4-accelerate: ``acceleration_status`` becomes its own resource.

Its value is the status of aws_s3_bucket_accelerate_configuration.
"""

from __future__ import annotations

from typing import ClassVar

from tffix.aws.s3_split import S3Split, Translation, explanation, nullable
from tffix.engine.codemod import ModuleContext
from tffix.syntax import nodes as n

_RESOURCE = "aws_s3_bucket_accelerate_configuration"


class S3V4Accelerate(S3Split):
    """``acceleration_status = ...`` -> ``aws_s3_bucket_accelerate_configuration { status }``."""

    code = "AWSV408"
    name = "s3-v4-accelerate"
    summary = (
        "AWS provider v4: move a bucket's acceleration_status to "
        "aws_s3_bucket_accelerate_configuration"
    )
    inline = ("acceleration_status",)
    resource = _RESOURCE
    reads: ClassVar[dict[str, str]] = {".acceleration_status": "{r}.status"}
    documentation = (
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#acceleration_status-argument",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_accelerate_configuration",
    )
    explanation = explanation(
        "`acceleration_status` argument",
        _RESOURCE,
        """
`acceleration_status` becomes the new resource's `status` (`Enabled` or
`Suspended`).
""",
        """\
    resource "aws_s3_bucket" "uploads" {
      bucket              = "my-uploads"
    -  acceleration_status = "Enabled"
    }
    +
    +resource "aws_s3_bucket_accelerate_configuration" "uploads" {
    +  bucket = aws_s3_bucket.uploads.id
    +  status = "Enabled"
    +}

    s3_v4_imports.tf (apply once in each existing environment, then delete it):

    +import {
    +  to = aws_s3_bucket_accelerate_configuration.uploads
    +  id = "my-uploads"
    +}
""",
    )

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        item = items[0]
        assert isinstance(item, n.Attribute)
        empty = nullable(ctx, item.value)
        if empty is not None:
            # v3 read null as "not set" and left transfer acceleration alone; the new resource
            # requires status, so an unconditional one fails the plan where it is null.
            code = " ".join(item.value.code.split())
            tested = f"({code})" if isinstance(item.value, n.Conditional) else code
            return Translation(
                manual=f"acceleration_status is `{code}`, which {empty}; on the bucket that meant "
                f"transfer acceleration was not managed, but {_RESOURCE} requires status, so an "
                "unconditional resource fails where it is null: write it with "
                f"`count = {tested} == null ? 0 : 1` and import it as "
                f"{_RESOURCE}.{bucket.labels[1]}[0] only where it is set"
            )
        return Translation(body=[f"status = {item.value.code.strip()}"])
