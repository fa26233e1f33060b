"""AWSV405 s3-v4-policy: a bucket's inline ``policy`` becomes aws_s3_bucket_policy.

The policy document moves as written (a heredoc, ``jsonencode``, a data
source's ``json``).
"""

from __future__ import annotations

from typing import ClassVar

from tffix.aws.s3_split import S3Split, Translation, explanation, item_text
from tffix.engine.codemod import ModuleContext
from tffix.syntax import nodes as n

_RESOURCE = "aws_s3_bucket_policy"


class S3V4Policy(S3Split):
    """``policy = ...`` of ``aws_s3_bucket`` -> ``aws_s3_bucket_policy``."""

    code = "AWSV405"
    name = "s3-v4-policy"
    summary = "AWS provider v4: move a bucket's policy argument to aws_s3_bucket_policy"
    inline = ("policy",)
    resource = _RESOURCE
    reads: ClassVar[dict[str, str]] = {".policy": "{r}.policy"}
    documentation = (
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#policy-argument",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_policy#import",
    )
    explanation = explanation(
        "`policy` argument",
        _RESOURCE,
        """
The policy document moves as written. A bucket that already has an
`aws_s3_bucket_policy` is left for a person: the two would overwrite each
other on every apply.
""",
        """\
    resource "aws_s3_bucket" "site" {
      bucket = "my-site"
    -  policy = data.aws_iam_policy_document.site.json
    }
    +
    +resource "aws_s3_bucket_policy" "site" {
    +  bucket = aws_s3_bucket.site.id
    +  policy = data.aws_iam_policy_document.site.json
    +}

    s3_v4_imports.tf (apply once in each existing environment, then delete it):

    +import {
    +  to = aws_s3_bucket_policy.site
    +  id = "my-site"
    +}
""",
    )

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        return Translation(body=item_text(items[0], 0))
