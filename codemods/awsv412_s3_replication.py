"""AWSV412 s3-v4-replication: ``replication_configuration`` becomes
aws_s3_bucket_replication_configuration.

The guide's mapping: ``rules`` -> ``rule``; ``delete_marker_replication_status``
-> ``delete_marker_replication { status }``; in ``destination``,
``replica_kms_key_id`` -> ``encryption_configuration``, ``account_id`` ->
``account``, ``replication_time.minutes`` -> ``time { minutes }``,
``metrics.minutes`` -> ``event_threshold { minutes }`` (v3 defaulted
``status`` and ``minutes`` of both to ``Enabled``/15, v4 requires them: an
omitted one is written out with v3's default);
``sse_kms_encrypted_objects { enabled }`` -> ``{ status }``; a ``filter``'s
``tags`` -> ``tag`` or ``and``. Anything else is left for a person.
"""

from __future__ import annotations

from collections.abc import Iterator

from tffix.analysis.dynamic import block_type
from tffix.aws.s3_split import (
    S3Split,
    Translation,
    _configured_by,
    boolean,
    dynamic_problem,
    explanation,
    null_as,
    operand,
    optional_block,
    source_of,
    tags_filter,
    wrap,
)
from tffix.cst.edit import traversals
from tffix.engine.codemod import ModuleContext
from tffix.syntax import nodes as n

_RESOURCE = "aws_s3_bucket_replication_configuration"
_RULE_ATTRIBUTES = ("id", "priority", "status", "prefix", "delete_marker_replication_status")
_RULE_BLOCKS = ("filter", "destination", "source_selection_criteria")
_DESTINATION = ("bucket", "storage_class", "replica_kms_key_id", "account_id")
_DESTINATION_BLOCKS = ("access_control_translation", "replication_time", "metrics")


class _Unknown(Exception):
    """A setting this codemod does not translate (the message names it)."""


class S3V4Replication(S3Split):
    """``replication_configuration`` -> ``aws_s3_bucket_replication_configuration``."""

    code = "AWSV412"
    name = "s3-v4-replication"
    summary = (
        "AWS provider v4: move a bucket's replication_configuration to "
        "aws_s3_bucket_replication_configuration"
    )
    inline = ("replication_configuration",)
    resource = _RESOURCE
    dynamic_form = "single"
    documentation = (
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#replication_configuration-argument",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_replication_configuration",
    )
    explanation = explanation(
        "`replication_configuration` block",
        _RESOURCE,
        """
`role` stays; each `rules` block becomes a `rule` (`id`, `priority`,
`status`, `prefix` kept); `delete_marker_replication_status` becomes
`delete_marker_replication { status }` (a rule with a `filter` and none gets
`"Disabled"`, what provider v3 sent); a `filter` keeps `prefix`, and its
`tags` become `tag` (one tag, no prefix) or `and`; in `destination`,
`replica_kms_key_id` becomes `encryption_configuration { replica_kms_key_id }`,
`account_id` becomes `account`, `replication_time { minutes }` becomes
`time { minutes }`, `metrics { minutes }` becomes `event_threshold { minutes }`
(v3 defaulted `status` to `"Enabled"` and `minutes` to 15 in both blocks and
v4 requires them, so `metrics {}` becomes `metrics { status = "Enabled"
event_threshold { minutes = 15 } }`);
`sse_kms_encrypted_objects { enabled = true }` becomes `status = "Enabled"`
(an expression: `x ? "Enabled" : "Disabled"`). A rule with a `filter` keeps
the filter's prefix, not its own (v3 sent only the filter's, and v4 refuses
both); a `replica_kms_key_id` that may be null makes `encryption_configuration`
a dynamic block that exists where it is not.
The new resource waits (`depends_on`) for the `aws_s3_bucket_versioning` of
the bucket and of each destination bucket of the module: S3 refuses the
replication until both buckets are versioned ("Destination bucket must have
versioning enabled",
https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-requirements.html),
and in v3 each bucket carried its own versioning. Where the module allows a
provider before 4.0 (3.74 and later have the new resource, but their bucket
still manages, and resets, `replication_configuration`), the bucket gets
`lifecycle { ignore_changes = [replication_configuration] }`, as the 3.x
documentation of `aws_s3_bucket_replication_configuration` requires; the
v4 guide's "Changes to S3 Bucket Drift Detection" says it can go once the
provider is 4.x. Settings other than these are left for a person (a
finding).
""",
        """\
    resource "aws_s3_bucket" "source" {
      bucket = "my-source"
    -
    -  replication_configuration {
    -    role = aws_iam_role.replication.arn
    -
    -    rules {
    -      id     = "all"
    -      status = "Enabled"
    -
    -      destination {
    -        bucket        = aws_s3_bucket.replica.arn
    -        storage_class = "STANDARD"
    -      }
    -    }
    -  }
    }
    +
    +resource "aws_s3_bucket_replication_configuration" "source" {
    +  bucket = aws_s3_bucket.source.id
    +  role   = aws_iam_role.replication.arn
    +
    +  rule {
    +    id     = "all"
    +    status = "Enabled"
    +
    +    destination {
    +      bucket        = aws_s3_bucket.replica.arn
    +      storage_class = "STANDARD"
    +    }
    +  }
    +}

    s3_v4_imports.tf (apply once in each existing environment, then delete it):

    +import {
    +  to = aws_s3_bucket_replication_configuration.source
    +  id = "my-source"
    +}
""",
    )

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        if len(items) != 1 or not isinstance(items[0], n.Block):
            return Translation(manual="more than one replication_configuration: merge by hand")
        body = items[0].body
        try:
            lines = _configuration(body, ctx)
        except _Unknown as exc:
            return Translation(manual=f"{exc}: translate it by hand")
        waits = _versionings(ctx, bucket.labels[1], body)
        if waits:
            lines += ["", f"depends_on = [{', '.join(waits)}]"]
        translation = Translation(body=lines)
        return translation


def _versionings(ctx: ModuleContext, label: str, body: n.Body) -> list[str]:
    """The ``aws_s3_bucket_versioning`` resources the replication must wait for: the
    source bucket's and those of every destination that is a bucket of this module.

    S3 refuses PutBucketReplication unless both buckets are versioned ("Destination
    bucket must have versioning enabled"). In v3 each bucket carried its versioning,
    so the reference to the destination bucket ordered the replication after it; with
    the versioning in its own resource only an explicit ``depends_on`` does (the
    provider's acceptance configurations wait for every destination's versioning).
    ``depends_on`` names whole resources, so a ``count``/``for_each`` destination is
    waited for as a whole."""
    labels = [label]
    for block in _nested(body, "destination"):
        target = source_of(block).body.attribute("bucket")
        if target is None:
            continue
        for t in traversals(target.value):
            names = t.names()
            name = names[1] if len(names) > 1 and names[0] == "aws_s3_bucket" else None
            if name is not None and name not in labels:
                labels.append(name)
    waits: list[str] = []
    for name in labels:
        for address in _configured_by(ctx, "aws_s3_bucket_versioning", name)[:1]:
            if address not in waits:
                waits.append(address)
    return waits


def _nested(body: n.Body, kind: str) -> Iterator[n.Block]:
    """Every ``kind`` block (written out or dynamic) at any depth of ``body``."""
    for block in body.blocks:
        if block_type(block) == kind:
            yield block
        yield from _nested(source_of(block).body, kind)


def _value(attribute: n.Attribute) -> str:
    return attribute.value.code.strip()


def _required(ctx: ModuleContext | None, attribute: n.Attribute | None, default: str) -> str:
    """The value of an argument v3 had optional and v4 requires: v3's ``default`` where
    it is absent or null (a null there fails v4's plan)."""
    if attribute is None:
        return default
    fixed = null_as(ctx, attribute.value, default) if ctx is not None else None
    return fixed if fixed is not None else _value(attribute)


def _blocks(body: n.Body, kind: str) -> list[n.Block]:
    """The ``kind`` blocks of ``body``, written out or dynamic, in order."""
    return [
        b for b in body.blocks if block_type(b) == kind and (not b.labels or b.type == "dynamic")
    ]


def _only(block: n.Block, attributes: tuple[str, ...], blocks: tuple[str, ...], where: str) -> None:
    for item in source_of(block).body.items:
        if isinstance(item, n.Attribute) and item.name not in attributes:
            raise _Unknown(f"{where}.{item.name}")
        if isinstance(item, n.Block):
            kind = block_type(item)
            if kind not in blocks or (item.labels and item.type != "dynamic"):
                raise _Unknown(f"{where}.{kind}")
            if item.type == "dynamic" and dynamic_problem(item) is not None:
                raise _Unknown(f'a dynamic "{kind}" in {where} that {dynamic_problem(item)}')


def _configuration(body: n.Body, ctx: ModuleContext | None) -> list[str]:
    role = body.attribute("role")
    if role is None:
        raise _Unknown("a replication_configuration without role")
    rules = _blocks(body, "rules")
    for item in body.items:
        if item is not role and item not in rules:
            name = item.name if isinstance(item, n.Attribute) else block_type(item)
            raise _Unknown(f"replication_configuration.{name}")
    for rule in rules:
        if rule.type == "dynamic" and dynamic_problem(rule) is not None:
            raise _Unknown(f'a dynamic "rules" block that {dynamic_problem(rule)}')
    lines = [f"role = {_value(role)}"]
    for rule in rules:
        lines += ["", *_rule(rule, ctx)]
    return lines


def _rule(rule: n.Block, ctx: ModuleContext | None) -> list[str]:
    _only(rule, _RULE_ATTRIBUTES, _RULE_BLOCKS, "rules")
    body = source_of(rule).body
    lines = []
    filters = _blocks(body, "filter")
    for name in ("id", "priority", "prefix", "status"):
        attribute = body.attribute(name)
        if attribute is not None and not (name == "prefix" and filters):
            # With a filter (schema V2) v3 sent the filter's prefix, not the rule's,
            # and v4 refuses both.
            lines.append(f"{name} = {_value(attribute)}")
    marker = body.attribute("delete_marker_replication_status")
    if marker is None and any(f.type == "dynamic" for f in filters):
        # v3 sent "Disabled" with a filter (schema V2) and nothing without one (V1).
        raise _Unknown("a dynamic filter without delete_marker_replication_status")
    if marker is not None or filters:
        # v3 sent "Disabled" for a rule without a status; v4 requires one.
        status = _required(ctx, marker, '"Disabled"')
        lines += ["", "delete_marker_replication {", f"  status = {status}", "}"]
    for block in filters:
        lines += ["", *wrap(block, "filter", _filter(block, ctx))]
    for block in _blocks(body, "destination"):
        lines += ["", *wrap(block, "destination", _destination(block, ctx))]
    for block in _blocks(body, "source_selection_criteria"):
        lines += ["", *wrap(block, "source_selection_criteria", _selection(block))]
    return wrap(rule, "rule", lines)


def _filter(block: n.Block, ctx: ModuleContext | None) -> list[str]:
    """The content of the v4 ``filter``."""
    _only(block, ("prefix", "tags"), (), "filter")
    body = source_of(block).body
    prefix, tags = body.attribute("prefix"), body.attribute("tags")
    pairs = tags.value.items if tags is not None and isinstance(tags.value, n.Object) else None
    if pairs == []:  # tags = {}: no condition
        tags = None
    if tags is None:
        return [f"prefix = {_value(prefix)}"] if prefix else []
    if pairs is None:
        return _inner(tags_filter(prefix, tags, ctx))
    if prefix is None and len(pairs) == 1:
        name = pairs[0].key_name()
        key = f'"{name}"' if name is not None else pairs[0].key.code.strip()
        value = pairs[0].value.code.strip()
        return ["tag {", f"  key   = {key}", f"  value = {value}", "}"]
    inner = [f"  prefix = {_value(prefix)}"] if prefix is not None else []
    inner.append(f"  tags = {_value(tags)}")
    return ["and {", *inner, "}"]


def _inner(lines: list[str]) -> list[str]:
    """The lines inside a block's first and last line, one level less deep."""
    return [line[2:] if line.startswith("  ") else line for line in lines[1:-1]]


def _destination(block: n.Block, ctx: ModuleContext | None) -> list[str]:
    _only(block, _DESTINATION, _DESTINATION_BLOCKS, "destination")
    body = source_of(block).body
    lines = []
    for name, new in (("bucket", "bucket"), ("storage_class", "storage_class")):
        attribute = body.attribute(name)
        if attribute is not None:
            lines.append(f"{new} = {_value(attribute)}")
    account = body.attribute("account_id")
    if account is not None:
        lines.append(f"account = {_value(account)}")
    key = body.attribute("replica_kms_key_id")
    if key is not None:
        # v3 left the encryption out where the key was null; v4 requires the key.
        lines += [
            "",
            *optional_block("encryption_configuration", "replica_kms_key_id", key.value, ctx),
        ]
    for inner in body.blocks:
        lines.append("")
        kind = block_type(inner)
        if kind == "access_control_translation":
            _only(inner, ("owner",), (), "access_control_translation")
            owner = source_of(inner).body.attribute("owner")
            lines += wrap(inner, kind, [f"owner = {_value(owner)}"] if owner is not None else [])
            continue
        _only(inner, ("status", "minutes"), (), kind)
        inner_body = source_of(inner).body
        status, minutes = inner_body.attribute("status"), inner_body.attribute("minutes")
        wrapper = "time" if kind == "replication_time" else "event_threshold"
        # v3 defaulted both to Enabled / 15 (and sent them); v4 requires status,
        # and the threshold in its own block, so the defaults are written out.
        status_value = _required(ctx, status, '"Enabled"')
        minutes_value = _required(ctx, minutes, "15")
        lines += wrap(
            inner,
            kind,
            [f"status = {status_value}", f"{wrapper} {{", f"  minutes = {minutes_value}", "}"],
        )
    return lines


def _selection(block: n.Block) -> list[str]:
    _only(block, (), ("sse_kms_encrypted_objects",), "source_selection_criteria")
    lines: list[str] = []
    for inner in source_of(block).body.blocks:
        _only(inner, ("enabled",), (), "sse_kms_encrypted_objects")
        enabled = source_of(inner).body.attribute("enabled")
        if enabled is None:
            raise _Unknown("sse_kms_encrypted_objects without enabled")
        value = boolean(enabled.value)
        if isinstance(value, bool):
            status = f'"{"Enabled" if value else "Disabled"}"'
        else:
            status = f'{operand(enabled.value)} ? "Enabled" : "Disabled"'
        lines += wrap(inner, "sse_kms_encrypted_objects", [f"status = {status}"])
    return lines
