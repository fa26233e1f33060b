"""AWSV407 s3-v4-cors: a bucket's ``cors_rule`` blocks become aws_s3_bucket_cors_configuration.

The rules keep their shape (``allowed_headers``, ``allowed_methods``,
``allowed_origins``, ``expose_headers``, ``max_age_seconds``) inside one
configuration, in their order.
"""

from __future__ import annotations

from tffix.aws.s3_split import S3Split, Translation, explanation, item_text
from tffix.engine.codemod import ModuleContext
from tffix.syntax import nodes as n

_RESOURCE = "aws_s3_bucket_cors_configuration"


class S3V4Cors(S3Split):
    """``cors_rule { ... }`` blocks -> one ``aws_s3_bucket_cors_configuration``."""

    code = "AWSV407"
    name = "s3-v4-cors"
    summary = (
        "AWS provider v4: move a bucket's cors_rule blocks to aws_s3_bucket_cors_configuration"
    )
    inline = ("cors_rule",)
    resource = _RESOURCE
    dynamic_form = "repeated"
    documentation = (
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#cors_rule-argument",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_cors_configuration",
    )
    explanation = explanation(
        "`cors_rule` blocks",
        _RESOURCE,
        """
Every `cors_rule` moves as written, in order, into one configuration (the
fields have the same names).
""",
        """\
    resource "aws_s3_bucket" "site" {
      bucket = "my-site"
    -
    -  cors_rule {
    -    allowed_methods = ["GET"]
    -    allowed_origins = ["https://example.com"]
    -  }
    }
    +
    +resource "aws_s3_bucket_cors_configuration" "site" {
    +  bucket = aws_s3_bucket.site.id
    +
    +  cors_rule {
    +    allowed_methods = ["GET"]
    +    allowed_origins = ["https://example.com"]
    +  }
    +}

    s3_v4_imports.tf (apply once in each existing environment, then delete it):

    +import {
    +  to = aws_s3_bucket_cors_configuration.site
    +  id = "my-site"
    +}
""",
    )

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        lines: list[str] = []
        for item in items:
            if lines:
                lines.append("")
            lines += item_text(item, 0)
        return Translation(body=lines)
