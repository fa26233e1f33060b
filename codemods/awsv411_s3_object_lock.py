"""AWSV411 s3-v4-object-lock: ``object_lock_configuration`` splits in two.

``object_lock_enabled = "Enabled"`` becomes the bucket's own
``object_lock_enabled = true`` (v4 keeps that on the bucket, as S3 can only
turn it on at creation), and the ``rule`` (default retention) becomes
aws_s3_bucket_object_lock_configuration.
"""

from __future__ import annotations

from typing import ClassVar

from tffix.analysis.dynamic import block_type
from tffix.aws.s3_split import (
    BUCKET,
    OBJECTS,
    S3Split,
    Translation,
    body_text,
    content_of,
    dynamic_problem,
    explanation,
    item_text,
    literal,
    single_element,
    users_of,
)
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
    dynamic_form = "single"
    # The bucket's top-level object_lock_enabled came with provider 4.5.0.
    later_arguments: ClassVar[dict[str, tuple[str, str]]] = {
        "object_lock_enabled": (BUCKET, "object_lock_enabled")
    }
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
keeps it there; the state already says so, no replacement). That argument
came with provider 4.5.0: where the module allows an older provider, the
bucket is reported with the version it needs (the raise_provider_constraint
option raises the constraint to `~> 4.5` instead). The `rule` with
its `default_retention` (`mode`, `days` or `years`) moves as written. A block
without a rule only changes the bucket's argument. A `dynamic
"object_lock_configuration"` (at most one element, as v3 allowed) sets the
bucket's `object_lock_enabled` to the condition under which it makes its
block (`c ? [x] : []` gives `c`, any other collection `length(...) > 0`;
v3 accepted only "Enabled" in it, so an expression there is read as that),
and the rule's resource exists where it does, reading the element where the
content read the iterator; a `dynamic "rule"` inside it narrows that to
where the rule's own for_each has its element (provider v4 requires a rule).
A condition that depends on `count.index` is left for a person.
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
        # The content of a dynamic block: the setting exists where its for_each has
        # its element, and the base reads the element where the content read it.
        dynamic = items[0].type == "content"
        body = items[0].body
        enabled = body.attribute("object_lock_enabled")
        value = literal(enabled.value) if enabled is not None else None
        if enabled is None or (value != "Enabled" and not (dynamic and value is None)):
            return Translation(
                manual="object_lock_enabled is not the literal 'Enabled': set the bucket's "
                "object_lock_enabled (true or false) by hand"
            )
        if bucket.body.attribute("object_lock_enabled") is not None:
            return Translation(manual="the bucket already sets object_lock_enabled")
        rules = [i for i in body.items if isinstance(i, n.Block) and block_type(i) == "rule"]
        unknown = [
            i
            for i in body.items
            if i is not enabled
            and not (
                isinstance(i, n.Block)
                and i in rules
                and (not i.labels or (dynamic and i.type == "dynamic"))
            )
        ]
        if unknown:
            return Translation(manual="object_lock_configuration settings this rule does not know")
        notes = ["the bucket sets object_lock_enabled = true instead"]
        if dynamic:
            notes = [
                "the bucket sets object_lock_enabled where the dynamic block made the "
                'setting (provider v3 accepted only "Enabled" there; S3 turns object lock '
                "on only when a bucket is created, and the state already says so)"
            ]
        translation = Translation(body=None, notes=notes)
        if dynamic:
            translation.flags.append("object_lock_enabled")
        else:
            translation.bucket_lines.append("object_lock_enabled = true")
        if not rules:
            return translation
        if len(rules) != 1:
            return Translation(manual="more than one rule (provider v3 allowed one): merge by hand")
        (rule,) = rules
        # A default retention applies to objects written after it is set: the module's
        # objects in this bucket were ordered after it by the bucket reference.
        translation.waiters = [
            (item, f"now waits for it (depends_on): {_OBJECTS_WAIT}")
            for item in users_of(ctx, bucket.labels[1], OBJECTS, "bucket")
        ]
        if rule.type != "dynamic":
            translation.body = item_text(rule, 0)
            return translation
        problem = dynamic_problem(rule)
        if problem is not None:
            return Translation(manual=f"the dynamic `rule` block {problem}: translate it by hand")
        # At most one rule: the resource (whose rule provider v4 requires) exists where
        # the rule's for_each has its element, and reads it where the content did.
        inner = single_element(rule, ctx)
        translation.body = ["rule {", *body_text(content_of(rule), 1, inner.replace), "}"]
        translation.also_where = inner.condition
        translation.notes.append(
            f"{_RESOURCE} exists where the dynamic rule has its element "
            f"(`{inner.condition}`), as provider v4 requires a rule"
        )
        return translation


_OBJECTS_WAIT = (
    "a bucket's default retention applies to object versions written after it is set "
    "(https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html#object-lock-"
    "bucket-config), and with it inline the bucket reference ordered the object after it"
)
