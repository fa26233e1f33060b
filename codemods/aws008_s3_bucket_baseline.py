"""AWS008 s3-bucket-baseline: every S3 bucket gets its companion security resources.

Since AWS provider v4 a bucket's public access block, versioning, encryption
and lifecycle are separate resources; a bucket written without them is
private only by account defaults, keeps no history and is encrypted with
whatever S3 picks. The seed's model wrote the bucket and forgot the rest.
"""

from __future__ import annotations

import re

from tffix.analysis.dynamic import block_type, nested_blocks
from tffix.analysis.kms import default_key
from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Option, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

_BUCKET = "aws_s3_bucket"
_PAB = "aws_s3_bucket_public_access_block"
_VERSIONING = "aws_s3_bucket_versioning"
_SSE = "aws_s3_bucket_server_side_encryption_configuration"
_LIFECYCLE = "aws_s3_bucket_lifecycle_configuration"
# A misspelt SSE type (seed §2) that TF005 renames: it already encrypts the bucket.
_SSE_TYPES = (_SSE, "aws_s3_bucket_encryption_configuration")

_PAB_CHECK = "CKV2_AWS_6"
_VERSIONING_CHECK = "CKV_AWS_21"
_SSE_CHECK = "CKV_AWS_145"
_LIFECYCLE_CHECK = "CKV2_AWS_61"

# Legacy (provider v3) inline blocks that already configure one companion.
_INLINE = {
    _VERSIONING: ("versioning",),
    _SSE: ("server_side_encryption_configuration",),
    _LIFECYCLE: ("lifecycle_rule",),
}
_PUBLIC_ACLS = ("public-read", "public-read-write", "authenticated-read")
# The ACL grantee groups S3 counts as public: everyone, and every AWS account.
_PUBLIC_GROUPS = {
    "http://acs.amazonaws.com/groups/global/AllUsers": "AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
}
# `Principal = "*"`, `"Principal": "*"`, `Principal = { AWS = "*" }`, `identifiers = ["*"]`.
_KMS_ALGORITHM = re.compile(r'sse_algorithm\s*=\s*"aws:kms')
_PUBLIC_PRINCIPAL = re.compile(
    r"""["']?Principal["']?\s*[:=]\s*(?:"\*"|\{[^{}]*["']?AWS["']?\s*[:=]\s*\[?\s*"\*")"""
    r"""|identifiers\s*=\s*\[\s*"\*"\s*\]""",
)


class S3BucketBaseline(Codemod):
    """Every ``aws_s3_bucket`` gets a public access block, versioning, default encryption
    and, by option, a lifecycle configuration, as companion resources."""

    code = "AWS008"
    name = "s3-bucket-baseline"
    summary = "S3 buckets block public access, keep versions, encrypt with KMS"
    seed_section = "Infrastructure Improvements: Blocked public access on all S3 buckets"
    documentation = (
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    )
    checks = (_PAB_CHECK, _VERSIONING_CHECK, _SSE_CHECK, _LIFECYCLE_CHECK)
    safety = Safety.SAFE
    options = (
        Option(
            "kms_key_arn",
            None,
            "key for default encryption when the module does not hold exactly one aws_kms_key: "
            "an ARN or an HCL expression such as var.bucket_key_arn (without either, the "
            "AWS-managed key aws/s3)",
        ),
        Option(
            "lifecycle",
            False,
            "also add aws_s3_bucket_lifecycle_configuration (abort incomplete uploads, expire "
            "old versions; CKV2_AWS_61)",
        ),
        Option(
            "noncurrent_days",
            90,
            "with lifecycle: days a replaced object version is kept before it expires",
            minimum=1,
        ),
    )
    explanation = """\
Why: since AWS provider v4 an `aws_s3_bucket` is only the bucket; blocking
public access, versioning and default encryption are separate resources, and
a bucket written without them is private only as long as the account-wide
settings say so, loses every overwritten or deleted object for good, and is
encrypted with a key you do not control. AWS recommends blocking public
access on every bucket that is not a website; checkov checks all of it (CKV2_AWS_6,
CKV_AWS_21, CKV_AWS_145, and CKV2_AWS_61 for lifecycle rules).

What it does: for every bucket, right after it and in the same file, adds
whichever of these is missing, each pointing at the bucket by expression
(`bucket = aws_s3_bucket.x.id`) so that scanners and readers see the link:

- `aws_s3_bucket_public_access_block` with all four flags true;
- `aws_s3_bucket_versioning` with status `Enabled`;
- `aws_s3_bucket_server_side_encryption_configuration` with `aws:kms` and the
  `.arn` of the module's only symmetric `aws_kms_key` (else the `kms_key_arn`
  option, else the AWS-managed key `aws/s3`) and bucket keys on, which keeps
  KMS request costs down;
- with the `lifecycle` option, `aws_s3_bucket_lifecycle_configuration`
  aborting incomplete multipart uploads after 7 days and expiring replaced
  versions after `noncurrent_days` (90).

A bucket with `count` gets companions with the same `count` and index
`[count.index]`; one with `for_each` gets companions iterating over the
bucket itself (`for_each = aws_s3_bucket.x`, `aws_s3_bucket.x[each.key]`).
A companion is not added when any resource of the module, in any file,
already configures that for the bucket (by reference or by the literal
bucket name), nor when the bucket still does it inline in the provider-v3
way (`versioning`, `server_side_encryption_configuration`, `lifecycle_rule`
blocks).

A bucket that is public on purpose (a website configuration, a `public-read`,
`public-read-write` or `authenticated-read` ACL, an ACL grant to the AllUsers
or AuthenticatedUsers group, in an `aws_s3_bucket_acl`'s
`access_control_policy` or a legacy inline `grant` block, or a bucket policy
granting `Principal = "*"`) gets no public access block, which would break
it, only a finding saying why; its encryption is `AES256`, because anonymous
readers cannot decrypt objects encrypted with KMS.

A bucket that receives access logs (the `target_bucket` of an
`aws_s3_bucket_logging` or of a legacy inline `logging` block, or the
`access_logs` bucket of an `aws_lb`/`aws_alb`/`aws_elb`) is encrypted with
`AES256` too: S3 server access logs and Elastic Load Balancing deliver only
to buckets whose default encryption is SSE-S3, and with `aws:kms` the logs
would silently stop arriving (a log target already encrypted with `aws:kms`
gets a finding that says so). Either way the bucket gets a
`# checkov:skip=CKV_AWS_145:<reason>` comment, so that scanners and
reviewers see that AES256 was chosen, not forgotten.

A `#checkov:skip=` of one of the checks waives only that companion;
`# tffix: ignore[AWS008]` waives the bucket.

Example:

    resource "aws_s3_bucket" "artifacts" {
      bucket = "pipeline-artifacts"
    }
    +
    +resource "aws_s3_bucket_public_access_block" "artifacts" {
    +  bucket = aws_s3_bucket.artifacts.id
    +
    +  block_public_acls       = true
    +  block_public_policy     = true
    +  ignore_public_acls      = true
    +  restrict_public_buckets = true
    +}
    +
    +resource "aws_s3_bucket_versioning" "artifacts" {
    +  bucket = aws_s3_bucket.artifacts.id
    +
    +  versioning_configuration {
    +    status = "Enabled"
    +  }
    +}
    +
    +resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
    +  bucket = aws_s3_bucket.artifacts.id
    +
    +  rule {
    +    apply_server_side_encryption_by_default {
    +      sse_algorithm     = "aws:kms"
    +      kms_master_key_id = aws_kms_key.main.arn
    +    }
    +    bucket_key_enabled = true
    +  }
    +}
"""

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        key, _why = default_key(ctx.analysis, self.settings["kms_key_arn"])
        taken = {tuple(b.labels) for _p, b in ctx.analysis.resources()}
        for path, bucket in ctx.resources(_BUCKET):
            checks = ctx.waived_checks(bucket)
            name = bucket.labels[1]
            public = _public_reason(ctx, bucket)
            logs = _log_target_reason(ctx, bucket)
            # Default-encryption configurations, looked up once (not when CKV_AWS_145 is waived).
            sse = [] if _SSE_CHECK in checks else _encryption_configurations(ctx, bucket)
            if logs is not None and any(_KMS_ALGORITHM.search(c.code) for c in sse):
                yield self.manual(
                    path,
                    bucket,
                    f"{_BUCKET}.{name}: {logs}, which are delivered only to SSE-S3 buckets, "
                    'but its default encryption is aws:kms; set sse_algorithm = "AES256" '
                    "for this bucket or the logs never arrive",
                )
            wanted: list[tuple[str, str]] = []
            if _PAB_CHECK not in checks and not _covered(ctx, bucket, (_PAB,)):
                if public is None:
                    wanted.append((_PAB, "public access block"))
                else:
                    yield self.manual(
                        path,
                        bucket,
                        f"{_BUCKET}.{name} is public on purpose ({public}): no public access "
                        "block added; if it should not be public, remove that and run again",
                    )
            if _VERSIONING_CHECK not in checks and not _covered(ctx, bucket, (_VERSIONING,)):
                wanted.append((_VERSIONING, "versioning"))
            if _SSE_CHECK not in checks and not sse:
                wanted.append((_SSE, "default encryption"))
            if (
                self.settings["lifecycle"]
                and _LIFECYCLE_CHECK not in checks
                and not _covered(ctx, bucket, (_LIFECYCLE,))
            ):
                wanted.append((_LIFECYCLE, "lifecycle configuration"))
            if not wanted:
                continue
            module = ctx.files[path]
            anchor: n.Attribute | n.Block = bucket
            added = []
            sse_s3 = public is not None or logs is not None
            for type_, what in wanted:
                label = _free_name(taken, type_, name)
                taken.add((type_, label))
                text = self._companion(type_, label, bucket, key, sse_s3)
                anchor = edit.insert(
                    module, text, after=anchor, blank_line=True, blank_line_after=True
                )
                added.append(what)
            message = f"{_BUCKET}.{name}: added {', '.join(added)}"
            why = None
            if any(t == _SSE for t, _ in wanted):
                if public is not None:
                    why = f"the bucket is public on purpose ({public}), and outside "
                    why += "readers cannot decrypt SSE-KMS objects"
                elif logs is not None:
                    why = f"{logs}, which are delivered only to SSE-S3 buckets"
            if why is not None:
                message += f" (AES256, as {why})"
                # CKV_AWS_145 asks for KMS: record that AES256 is a decision.
                edit.comment_first(
                    bucket, f"# checkov:skip={_SSE_CHECK}:AES256 on purpose: {why} (tffix AWS008)"
                )
            yield self.fixed(path, bucket, message)

    # ---- building companions ---------------------------------------------------

    def _companion(
        self, type_: str, label: str, bucket: n.Block, key: str | None, sse_s3: bool
    ) -> str:
        head, ref = _iteration(bucket)
        lines = [f'resource "{type_}" "{label}" {{']
        if head:
            lines += [f"  {head}", ""]
        lines += [f"  bucket = {ref}.id", ""]
        if type_ == _PAB:
            lines += [
                "  block_public_acls       = true",
                "  block_public_policy     = true",
                "  ignore_public_acls      = true",
                "  restrict_public_buckets = true",
            ]
        elif type_ == _VERSIONING:
            lines += [
                "  versioning_configuration {",
                '    status = "Enabled"',
                "  }",
            ]
        elif type_ == _SSE:
            lines += ["  rule {", "    apply_server_side_encryption_by_default {"]
            if sse_s3:
                lines += ['      sse_algorithm = "AES256"', "    }"]
            else:
                if key is not None:
                    lines += [
                        '      sse_algorithm     = "aws:kms"',
                        f"      kms_master_key_id = {key}",
                    ]
                else:
                    lines += ['      sse_algorithm = "aws:kms"']
                lines += ["    }", "    bucket_key_enabled = true"]
            lines += ["  }"]
        else:
            days = int(self.settings["noncurrent_days"])
            lines += [
                "  rule {",
                '    id     = "baseline"',
                '    status = "Enabled"',
                "",
                "    filter {}",
                "",
                "    abort_incomplete_multipart_upload {",
                "      days_after_initiation = 7",
                "    }",
                "",
                "    noncurrent_version_expiration {",
                f"      noncurrent_days = {days}",
                "    }",
                "  }",
            ]
        lines.append("}")
        return "\n".join(lines)


# ---- helpers -------------------------------------------------------------------


def _iteration(bucket: n.Block) -> tuple[str, str]:
    """(meta-argument line or "", reference to the matching bucket instance)."""
    name = f"{_BUCKET}.{bucket.labels[1]}"
    count = bucket.body.attribute("count")
    if count is not None:
        code = count.value.code.strip()
        if "\n" in code:
            code = f"length({name})"
        return f"count = {code}", f"{name}[count.index]"
    if bucket.body.attribute("for_each") is not None:
        return f"for_each = {name}", f"{name}[each.key]"
    return "", name


def _free_name(taken: set[tuple[str, ...]], type_: str, name: str) -> str:
    label, k = name, 2
    while (type_, label) in taken:
        label, k = f"{name}_{k}", k + 1
    return label


def _refers_to(node: n.Node, address: tuple[str, str]) -> bool:
    return next(m.iter_matches(node, m.Traversal(names=address)), None) is not None


def _targets(ctx: ModuleContext, bucket: n.Block, types: tuple[str, ...]) -> list[n.Block]:
    """Resources of ``types`` that configure ``bucket`` (by reference or literal name)."""
    address = (_BUCKET, bucket.labels[1])
    name_attr = bucket.body.attribute("bucket")
    literal = m.string_value(name_attr.value) if name_attr is not None else None
    found = []
    for type_ in types:
        for _path, other in ctx.analysis.resources(type_):
            target = other.body.attribute("bucket")
            iteration = [other.body.attribute(a) for a in ("for_each", "count")]
            linked = any(a is not None and _refers_to(a, address) for a in (target, *iteration))
            named = (
                target is not None
                and literal is not None
                and m.string_value(target.value) == literal
            )
            if linked or named:
                found.append(other)
    return found


def _inline(bucket: n.Block, type_: str) -> list[n.Block]:
    """The bucket's legacy inline blocks (``dynamic`` ones too) that do what ``type_`` does."""
    kinds = _INLINE.get(type_, ())
    return [block for block in bucket.body.blocks if block_type(block) in kinds]


def _covered(ctx: ModuleContext, bucket: n.Block, types: tuple[str, ...]) -> bool:
    """True when another resource, or a legacy inline block, already configures this."""
    return bool(_inline(bucket, types[0])) or bool(_targets(ctx, bucket, types))


def _encryption_configurations(ctx: ModuleContext, bucket: n.Block) -> list[n.Block]:
    """The bucket's default encryption: legacy inline blocks and companion resources."""
    return _inline(bucket, _SSE) + _targets(ctx, bucket, _SSE_TYPES)


def _public_reason(ctx: ModuleContext, bucket: n.Block) -> str | None:
    """Why the bucket is meant to be public, or None."""
    body = bucket.body
    if body.blocks_of_type("website") or _targets(
        ctx, bucket, ("aws_s3_bucket_website_configuration",)
    ):
        return "it serves a website"
    acl_resources = _targets(ctx, bucket, ("aws_s3_bucket_acl",))
    acls = [body.attribute("acl")] + [a.body.attribute("acl") for a in acl_resources]
    for acl in acls:
        value = m.string_value(acl.value) if acl is not None else None
        if value in _PUBLIC_ACLS:
            return f'its ACL is "{value}"'
    # Explicit grants: `access_control_policy { grant { grantee { uri = ... } } }` of an
    # aws_s3_bucket_acl, or the bucket's legacy (provider v3) inline `grant { uri = ... }`.
    grants = [(grant, grant) for grant, _dynamic in nested_blocks(body, "grant")]
    for resource in acl_resources:
        for policy, _dynamic in nested_blocks(resource.body, "access_control_policy"):
            for grant, _dynamic in nested_blocks(policy.body, "grant"):
                for grantee, _dynamic in nested_blocks(grant.body, "grantee"):
                    grants.append((grant, grantee))
    for grant, grantee in grants:
        uri = grantee.body.attribute("uri")
        group = _public_group(uri.value) if uri is not None else None
        if group is not None:
            return f"its ACL grants {_permission(grant)} to the {group} group"
    policies = [body.attribute("policy")] + [
        p.body.attribute("policy") for p in _targets(ctx, bucket, ("aws_s3_bucket_policy",))
    ]
    for policy in policies:
        if policy is not None and _grants_everyone(ctx, policy.value):
            return 'its policy grants Principal "*"'
    return None


def _log_target_reason(ctx: ModuleContext, bucket: n.Block) -> str | None:
    """What delivers access logs to the bucket (only SSE-S3 works for those), or None."""
    address = (_BUCKET, bucket.labels[1])
    name_attr = bucket.body.attribute("bucket")
    literal = m.string_value(name_attr.value) if name_attr is not None else None

    def names_bucket(attribute: n.Attribute | None) -> bool:
        if attribute is None:
            return False
        return _refers_to(attribute, address) or (
            literal is not None and m.string_value(attribute.value) == literal
        )

    for _path, logging in ctx.analysis.resources("aws_s3_bucket_logging"):
        if names_bucket(logging.body.attribute("target_bucket")):
            source = f"aws_s3_bucket_logging.{logging.labels[1]}"
            return f"it receives S3 server access logs from {source}"
    for _path, other in ctx.analysis.resources(_BUCKET):
        for block, _dynamic in nested_blocks(other.body, "logging"):
            if names_bucket(block.body.attribute("target_bucket")):
                return f"it receives S3 server access logs from {_BUCKET}.{other.labels[1]}"
    for type_ in ("aws_lb", "aws_alb", "aws_elb"):
        for _path, balancer in ctx.analysis.resources(type_):
            for block, _dynamic in nested_blocks(balancer.body, "access_logs"):
                if names_bucket(block.body.attribute("bucket")):
                    source = f"{type_}.{balancer.labels[1]}"
                    return f"it receives load balancer access logs from {source}"
    return None


def _public_group(expr: n.Expression) -> str | None:
    """``AllUsers`` or ``AuthenticatedUsers`` when ``expr`` names that grantee group."""
    for uri, group in _PUBLIC_GROUPS.items():
        if uri.split("//", 1)[1] in expr.code:  # a literal, or inside a template
            return group
    return None


def _permission(grant: n.Block) -> str:
    """What a grant allows, for the finding: ``READ``, ``READ and WRITE``, or ``access``."""
    for name in ("permission", "permissions"):  # aws_s3_bucket_acl; legacy inline grant
        attribute = grant.body.attribute(name)
        if attribute is None:
            continue
        from tffix.analysis.evaluate import evaluate

        value = evaluate(attribute.value)
        values = [value] if isinstance(value, str) else value
        if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
            return " and ".join(values)
    return "access"


def _grants_everyone(ctx: ModuleContext, expr: n.Expression) -> bool:
    """A policy text (jsonencode, heredoc or policy document data source) naming ``*``."""
    if _PUBLIC_PRINCIPAL.search(expr.code):
        return True
    for trav in edit.traversals(expr):
        names = trav.names()
        if len(names) >= 3 and names[0] == "data" and names[1] == "aws_iam_policy_document":
            for _path, doc in ctx.analysis.data_sources("aws_iam_policy_document"):
                if doc.labels[1] == names[2] and _PUBLIC_PRINCIPAL.search(doc.code):
                    return True
        elif len(names) >= 2 and names[0] == "local":
            local = ctx.analysis.local(str(names[1]))
            if local is not None and _PUBLIC_PRINCIPAL.search(local.code):
                return True
    return False
