"""AWSV404 s3-v4-acl: a bucket's canned ``acl`` becomes aws_s3_bucket_acl.

The provider imports a canned ACL as ``bucket,acl``. Explicit ``grant``
blocks need the owner's canonical ID in an ``access_control_policy``; they
are left for a person.
"""

from __future__ import annotations

from tffix.aws.s3_split import S3Split, Translation, explanation, item_text, literal
from tffix.engine.codemod import ModuleContext
from tffix.syntax import nodes as n

_RESOURCE = "aws_s3_bucket_acl"


class S3V4Acl(S3Split):
    """``acl = "..."`` of ``aws_s3_bucket`` -> ``aws_s3_bucket_acl``."""

    code = "AWSV404"
    name = "s3-v4-acl"
    summary = "AWS provider v4: move a bucket's acl argument to aws_s3_bucket_acl"
    inline = ("acl", "grant")
    resource = _RESOURCE
    documentation = (
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#acl-argument",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_acl#import",
    )
    explanation = explanation(
        "`acl` argument",
        _RESOURCE,
        """
A canned ACL (`acl = "private"`, `"log-delivery-write"`, ...) moves as
written; the import ID is `bucket,acl`, as the provider documents for a
bucket of the provider's account with a canned ACL. `grant` blocks are left
for a person: `access_control_policy` also needs the owner's canonical user
ID (`data.aws_canonical_user_id`), one `grant` per permission.
""",
        """\
    resource "aws_s3_bucket" "logs" {
      bucket = "my-logs"
    -  acl    = "log-delivery-write"
    }
    +
    +resource "aws_s3_bucket_acl" "logs" {
    +  bucket = aws_s3_bucket.logs.id
    +  acl    = "log-delivery-write"
    +}
    +
    +import {
    +  to = aws_s3_bucket_acl.logs
    +  id = "my-logs,log-delivery-write"
    +}
""",
    )

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        if any(isinstance(i, n.Block) for i in items):
            return Translation(
                manual="grant blocks: write aws_s3_bucket_acl with access_control_policy "
                "(one grant per permission, owner from data.aws_canonical_user_id) by hand"
            )
        acl = items[0]
        assert isinstance(acl, n.Attribute)
        value = literal(acl.value)
        suffix = f",{value}" if isinstance(value, str) else ",${" + acl.value.code.strip() + "}"
        return Translation(body=item_text(acl, 0), import_suffix=suffix)
