"""AWSV403 s3-v4-logging: a bucket's inline ``logging`` becomes aws_s3_bucket_logging.

``target_bucket`` and ``target_prefix`` keep their names; the new resource
requires ``target_prefix``, and v3 without one logged with no prefix, so an
absent prefix becomes ``""``.
"""

from __future__ import annotations

from typing import ClassVar

from tffix.aws.s3_split import S3Split, Translation, body_text, explanation, null_as
from tffix.engine.codemod import ModuleContext
from tffix.syntax import nodes as n

_RESOURCE = "aws_s3_bucket_logging"


class S3V4Logging(S3Split):
    """``logging { ... }`` of ``aws_s3_bucket`` -> ``aws_s3_bucket_logging``."""

    code = "AWSV403"
    name = "s3-v4-logging"
    summary = "AWS provider v4: move a bucket's logging block to aws_s3_bucket_logging"
    inline = ("logging",)
    resource = _RESOURCE
    dynamic_form = "single"
    reads: ClassVar[dict[str, str]] = {
        ".logging[0].target_bucket": "{r}.target_bucket",
        ".logging[0].target_prefix": "{r}.target_prefix",
    }
    documentation = (
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#logging-argument",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_logging",
    )
    explanation = explanation(
        "`logging` block",
        _RESOURCE,
        """
`target_bucket` and `target_prefix` keep their names. The new resource
requires `target_prefix`; a v3 block without one logged without a prefix, so
it becomes `target_prefix = ""`.
""",
        """\
    resource "aws_s3_bucket" "data" {
      bucket = "my-data"
    -
    -  logging {
    -    target_bucket = aws_s3_bucket.logs.id
    -    target_prefix = "log/"
    -  }
    }
    +
    +resource "aws_s3_bucket_logging" "data" {
    +  bucket        = aws_s3_bucket.data.id
    +  target_bucket = aws_s3_bucket.logs.id
    +  target_prefix = "log/"
    +}

    s3_v4_imports.tf (apply once in each existing environment, then delete it):

    +import {
    +  to = aws_s3_bucket_logging.data
    +  id = "my-data"
    +}
""",
    )

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        if len(items) != 1 or not isinstance(items[0], n.Block):
            return Translation(manual="more than one logging block: merge them by hand")
        block = items[0]
        if block.body.attribute("target_bucket") is None:
            return Translation(manual="a logging block without target_bucket")
        notes = []
        prefix = block.body.attribute("target_prefix")
        fixed = null_as(ctx, prefix.value, '""') if prefix is not None else None
        # v3 read a null prefix as none; v4 requires one, and null fails plan. The value
        # that is "" where it was null is written in as the body is made.
        body = body_text(block, 0, lambda node: fixed if prefix and node is prefix.value else None)
        if prefix is None:
            body.append('target_prefix = ""')
            notes.append('target_prefix = "" as v3 logged without a prefix')
        elif fixed is not None:
            notes.append(
                f'target_prefix is "" where `{" ".join(prefix.value.code.split())}` is null, '
                "as v3 logged without a prefix then and v4 requires one"
            )
        return Translation(body=body, notes=notes)
