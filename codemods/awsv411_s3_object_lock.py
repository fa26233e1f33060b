"""AWSV411 s3-v4-object-lock: ``object_lock_configuration`` splits in two.

``object_lock_enabled = "Enabled"`` becomes the bucket's own
``object_lock_enabled = true`` (v4 keeps that on the bucket, as S3 can only
turn it on at creation), and the ``rule`` (default retention) becomes
aws_s3_bucket_object_lock_configuration.
"""

from __future__ import annotations

from tffix.aws.s3_split import S3Split, Translation, explanation, item_text, literal
from tffix.engine.codemod import ModuleContext
from tffix.syntax import nodes as n

_RESOURCE = "aws_s3_bucket_object_lock_configuration"


class S3V4ObjectLock(S3Split):
    """``object_lock_configuration`` -> ``object_lock_enabled`` on the bucket and
    ``aws_s3_bucket_object_lock_configuration`` for its rule."""

    code = "AWSV411"
    name = "s3-v4-object-lock"
    summary = (
        "AWS provider v4: split a bucket's object_lock_configuration into object_lock_enabled "
        "and aws_s3_bucket_object_lock_configuration"
    )
    inline = ("object_lock_configuration",)
    resource = _RESOURCE
    dynamic_manual = (
        "object lock is enabled on the bucket itself (object_lock_enabled, which can only "
        "be set when the bucket is created) and its rule goes to "
        "aws_s3_bucket_object_lock_configuration; with a for_each both depend on its "
        "elements: write them by hand"
    )
    documentation = (
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#object_lock_configuration-rule-argument",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_object_lock_configuration",
    )
    explanation = explanation(
        "`object_lock_configuration` block",
        _RESOURCE,
        """
`object_lock_enabled = "Enabled"` becomes `object_lock_enabled = true` on the
bucket itself (S3 turns object lock on only when a bucket is created, so v4
keeps it there; the state already says so, no replacement). The `rule` with
its `default_retention` (`mode`, `days` or `years`) moves as written. A block
without a rule only changes the bucket's argument.
""",
        """\
    resource "aws_s3_bucket" "vault" {
      bucket = "my-vault"
    -
    -  object_lock_configuration {
    -    object_lock_enabled = "Enabled"
    -
    -    rule {
    -      default_retention {
    -        mode = "COMPLIANCE"
    -        days = 5
    -      }
    -    }
    -  }
    +  object_lock_enabled = true
    }
    +
    +resource "aws_s3_bucket_object_lock_configuration" "vault" {
    +  bucket = aws_s3_bucket.vault.id
    +
    +  rule {
    +    default_retention {
    +      mode = "COMPLIANCE"
    +      days = 5
    +    }
    +  }
    +}

    s3_v4_imports.tf (apply once in each existing environment, then delete it):

    +import {
    +  to = aws_s3_bucket_object_lock_configuration.vault
    +  id = "my-vault"
    +}
""",
    )

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        if len(items) != 1 or not isinstance(items[0], n.Block):
            return Translation(manual="more than one object_lock_configuration: merge by hand")
        body = items[0].body
        enabled = body.attribute("object_lock_enabled")
        if enabled is None or literal(enabled.value) != "Enabled":
            return Translation(
                manual="object_lock_enabled is not the literal 'Enabled': set the bucket's "
                "object_lock_enabled (true or false) by hand"
            )
        if bucket.body.attribute("object_lock_enabled") is not None:
            return Translation(manual="the bucket already sets object_lock_enabled")
        unknown = [
            i
            for i in body.items
            if i is not enabled
            and not (isinstance(i, n.Block) and i.type == "rule" and not i.labels)
        ]
        if unknown:
            return Translation(manual="object_lock_configuration settings this rule does not know")
        rules = [i for i in body.items if isinstance(i, n.Block)]
        keep = ["object_lock_enabled = true"]
        notes = ["the bucket sets object_lock_enabled = true instead"]
        if not rules:
            return Translation(body=None, bucket_lines=keep, notes=notes)
        lines: list[str] = []
        for rule in rules:
            lines += item_text(rule, 0)
        return Translation(body=lines, bucket_lines=keep, notes=notes)
