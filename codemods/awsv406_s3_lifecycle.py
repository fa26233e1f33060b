"""AWSV406 s3-v4-lifecycle: ``lifecycle_rule`` blocks become aws_s3_bucket_lifecycle_configuration.

Each v3 rule becomes a ``rule`` of one configuration, following the guide's
mapping: ``enabled`` -> ``status``, ``prefix``/``tags`` -> ``filter`` (``and``
when both, or several tags), ``abort_incomplete_multipart_upload_days`` ->
``abort_incomplete_multipart_upload``, ``days`` of noncurrent versions ->
``noncurrent_days``; ``expiration`` and ``transition`` keep their fields.
The v4 resource requires an ``id`` for each rule: a rule without one gets
``rule-N`` (the ID only names the rule; S3 stored a generated one).
"""

from __future__ import annotations

import re

from tffix.analysis.dynamic import block_type, iterator_name
from tffix.aws.s3_split import (
    S3Split,
    Translation,
    _configured_by,
    boolean,
    dynamic_problem,
    explanation,
    item_text,
    literal,
    nullable,
    operand,
    source_of,
    tags_filter,
    wrap,
)
from tffix.engine.codemod import ModuleContext
from tffix.syntax import nodes as n

_RESOURCE = "aws_s3_bucket_lifecycle_configuration"
# Nested blocks whose fields keep their names.
_SAME = ("expiration", "transition")
# Nested blocks whose ``days`` became ``noncurrent_days``.
_NONCURRENT = ("noncurrent_version_expiration", "noncurrent_version_transition")
_KNOWN = {"id", "prefix", "tags", "enabled", "abort_incomplete_multipart_upload_days"}


class S3V4Lifecycle(S3Split):
    """``lifecycle_rule { ... }`` blocks -> one ``aws_s3_bucket_lifecycle_configuration``."""

    code = "AWSV406"
    name = "s3-v4-lifecycle"
    summary = (
        "AWS provider v4: move a bucket's lifecycle_rule blocks to "
        "aws_s3_bucket_lifecycle_configuration"
    )
    inline = ("lifecycle_rule",)
    resource = _RESOURCE
    dynamic_form = "repeated"
    documentation = (
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#lifecycle_rule-argument",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_lifecycle_configuration",
    )
    explanation = explanation(
        "`lifecycle_rule` blocks",
        _RESOURCE,
        """
Each rule keeps its `id` (a rule without one gets `rule-N`: v4 requires an
ID, and S3 only stored a generated one), `enabled` becomes `status`
(`"Enabled"`/`"Disabled"`), `prefix` and `tags` become a `filter` (`prefix`
alone, one tag as `tag`, otherwise `and`; no filter at all as `filter {}`,
the whole bucket), `abort_incomplete_multipart_upload_days` becomes
`abort_incomplete_multipart_upload { days_after_initiation }`, the `days` of
noncurrent-version expirations and transitions become `noncurrent_days`;
`expiration` and `transition` keep their fields. Where the values are
expressions: `abort_incomplete_multipart_upload_days` becomes a dynamic block
that exists where it is above 0 (v3 sent it only then; S3 refuses 0), and
`tags` a filter with `prefix` where they are empty and a dynamic `and` where
not (v3 chose between the two when it applied); a dynamic rule whose id may
be null gets `rule-N-<key>` then.
""",
        """\
    resource "aws_s3_bucket" "logs" {
      bucket = "my-logs"
    -
    -  lifecycle_rule {
    -    id      = "logs"
    -    enabled = true
    -    prefix  = "log/"
    -
    -    expiration {
    -      days = 90
    -    }
    -  }
    }
    +
    +resource "aws_s3_bucket_lifecycle_configuration" "logs" {
    +  bucket = aws_s3_bucket.logs.id
    +
    +  rule {
    +    id     = "logs"
    +    status = "Enabled"
    +
    +    filter {
    +      prefix = "log/"
    +    }
    +
    +    expiration {
    +      days = 90
    +    }
    +  }
    +}

    s3_v4_imports.tf (apply once in each existing environment, then delete it):

    +import {
    +  to = aws_s3_bucket_lifecycle_configuration.logs
    +  id = "my-logs"
    +}
""",
    )

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        lines: list[str] = []
        notes: list[str] = []
        for number, rule in enumerate(items, 1):
            assert isinstance(rule, n.Block)
            out = self._rule(ctx, rule, number, notes)
            if isinstance(out, str):
                return Translation(manual=out)
            if lines:
                lines.append("")
            lines += out
        versioning = _configured_by(ctx, "aws_s3_bucket_versioning", bucket.labels[1])
        if versioning and "noncurrent_version" in "\n".join(lines):
            # The provider's documented order: versioning before rules on noncurrent versions.
            lines += ["", f"depends_on = [{versioning[0]}]"]
        return Translation(body=lines, notes=notes)

    def _rule(
        self, ctx: ModuleContext, rule: n.Block, number: int, notes: list[str]
    ) -> list[str] | str:
        body = source_of(rule).body
        dynamic = rule.type == "dynamic"
        unknown = [a.name for a in body.attributes if a.name not in _KNOWN]
        for block in body.blocks:
            kind = block_type(block)
            if kind not in (*_SAME, *_NONCURRENT) or (block.labels and block.type != "dynamic"):
                unknown.append(kind)
            elif block.type == "dynamic" and dynamic_problem(block) is not None:
                unknown.append(f'dynamic "{kind}" ({dynamic_problem(block)})')
        if unknown:
            return f"lifecycle_rule {number} sets {', '.join(unknown)}: translate it by hand"
        lines: list[str] = []
        rule_id = body.attribute("id")
        # A dynamic rule without an id gets one per element (v4 requires one).
        generated = (
            f'"rule-{number}-${{{iterator_name(rule)}.key}}"' if dynamic else f'"rule-{number}"'
        )
        if rule_id is not None:
            code = rule_id.value.code.strip()
            if (dynamic and re.search(r"\bnull\b", code)) or nullable(
                ctx, rule_id.value
            ) is not None:
                code = f"coalesce({code}, {generated})"
                notes.append(
                    f"lifecycle rule {number} may have no id: it is {generated} "
                    "then, as v4 requires one; v3 stored a generated one (tf-s3-lifecycle-...)"
                )
            lines.append(f"id = {code}")
        else:
            lines.append(f"id = {generated}")
            notes.append(
                f"lifecycle rule {number} had no id: it is {generated} now; v3 stored a "
                "generated one (tf-s3-lifecycle-...), so after an import `terraform plan` shows "
                "the id changing (an in-place update that changes no object); to keep it, copy "
                "the id `terraform state show` gives into the rule"
            )
        enabled = body.attribute("enabled")
        value = boolean(enabled.value) if enabled is not None else None
        if enabled is None:
            return f"lifecycle_rule {number} has no enabled (required in v3)"
        if isinstance(value, bool):
            lines.append(f'status = "{"Enabled" if value else "Disabled"}"')
        else:
            lines.append(f'status = {operand(enabled.value)} ? "Enabled" : "Disabled"')
        lines += ["", *_filter(body, ctx)]
        days = body.attribute("abort_incomplete_multipart_upload_days")
        if days is not None and _number(days.value) == 0:
            # v3 sent the action only above 0 days: 0 (what terraformer writes for a
            # rule without it) is no action, and S3 refuses an action of 0 days.
            notes.append(
                f"lifecycle rule {number}'s abort_incomplete_multipart_upload_days = 0 is "
                "left out, as provider v3 sent no abort action for 0"
            )
        elif days is not None:
            lines += ["", *_abort(days)]
        for block in body.blocks:
            kind = block_type(block)
            zero = source_of(block).body.attribute("days")
            if kind in _NONZERO_DAYS and zero is not None and _number(zero.value) == 0:
                return (
                    f"lifecycle_rule {number} has {kind} {{ days = 0 }}, which provider v3 did "
                    "not send as 0 days and S3 refuses: write what the rule means by hand"
                )
            lines.append("")
            if kind in _SAME:
                lines += item_text(block, 0)
                continue
            inner = []
            for attribute in source_of(block).body.attributes:
                name = "noncurrent_days" if attribute.name == "days" else attribute.name
                inner.append(f"{name} = {attribute.value.code.strip()}")
            lines += wrap(block, kind, inner)
        return wrap(rule, "rule", lines)


# Nested blocks whose ``days = 0`` provider v3 did not send as 0 days (it sent them only
# above 0), while v4 sends what is written and S3 refuses 0 for an expiration.
_NONZERO_DAYS = ("expiration", "noncurrent_version_expiration")


def _number(expr: n.Expression) -> int | None:
    """The whole number ``expr`` is written as (``0`` or ``"0"``), else None."""
    value = literal(expr)
    code = expr.code.strip()
    text = value if isinstance(value, str) else code
    return int(text) if text.isdigit() else None


def _abort(days: n.Attribute) -> list[str]:
    """``abort_incomplete_multipart_upload_days``: v3 sent it only when above 0 (v4
    refuses 0), so an expression keeps the block only where it is."""
    code = days.value.code.strip()
    if isinstance(literal(days.value), (bool, str)) or code.isdigit():
        return [
            "abort_incomplete_multipart_upload {",
            f"  days_after_initiation = {code}",
            "}",
        ]
    return [
        'dynamic "abort_incomplete_multipart_upload" {',
        f"  for_each = coalesce({code}, 0) > 0 ? [{code}] : []",
        "",
        "  content {",
        "    days_after_initiation = abort_incomplete_multipart_upload.value",
        "  }",
        "}",
    ]


def _filter(body: n.Body, ctx: ModuleContext) -> list[str]:
    """The v4 ``filter`` for a v3 rule's ``prefix`` and ``tags``."""
    prefix = body.attribute("prefix")
    tags = body.attribute("tags")
    pairs = tags.value.items if tags is not None and isinstance(tags.value, n.Object) else None
    if pairs == []:  # tags = {}: no condition
        tags = None
    if tags is not None and pairs is None:
        return tags_filter(prefix, tags, ctx)
    if prefix is None and tags is None:
        return ["filter {}"]
    if tags is None:
        assert prefix is not None
        return ["filter {", f"  prefix = {prefix.value.code.strip()}", "}"]
    if prefix is None and pairs is not None and len(pairs) == 1:
        name = pairs[0].key_name()
        key = f'"{name}"' if name is not None else pairs[0].key.code.strip()
        return [
            "filter {",
            "  tag {",
            f"    key   = {key}",
            f"    value = {pairs[0].value.code.strip()}",
            "  }",
            "}",
        ]
    lines = ["filter {", "  and {"]
    if prefix is not None:
        lines.append(f"    prefix = {prefix.value.code.strip()}")
    lines += [f"    {line}" for line in item_text(tags, 0)]
    return [*lines, "  }", "}"]
