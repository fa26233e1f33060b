"""AWSV404 s3-v4-acl: a bucket's canned ``acl`` becomes aws_s3_bucket_acl.

Since April 2023 a new bucket has ACLs disabled (BucketOwnerEnforced), and an
``aws_s3_bucket_acl`` fails on it: a v3 module that creates its buckets per
environment would stop working on the next new environment. So ``private``
(every bucket's ACL unless told otherwise) is dropped, not moved, and any
other ACL gets the ownership setting every bucket had before April 2023
(ObjectWriter) first. The provider imports a canned ACL as ``bucket,acl``;
``grant`` blocks need the owner's canonical ID in an ``access_control_policy``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from tffix.analysis.names import free_label
from tffix.analysis.partial import PartialEvaluator, can_equal
from tffix.aws.s3_split import (
    BUCKET,
    S3Split,
    Translation,
    _describe_block,
    configuring,
    explanation,
    item_text,
    literal,
)
from tffix.cst import edit
from tffix.engine.codemod import Finding, ModuleContext
from tffix.syntax import nodes as n

_RESOURCE = "aws_s3_bucket_acl"


class S3V4Acl(S3Split):
    """``acl = "..."`` of ``aws_s3_bucket`` -> ``aws_s3_bucket_acl``."""

    code = "AWSV404"
    name = "s3-v4-acl"
    summary = "AWS provider v4: move a bucket's acl argument to aws_s3_bucket_acl"
    inline = ("acl", "grant")
    resource = _RESOURCE
    dynamic_manual = (
        "aws_s3_bucket_acl takes grants as an access_control_policy, with one grant per "
        "permission (v3 listed several in permissions) and the owner's canonical user ID, "
        "and a policy with no grant left would take every permission away, where v3 kept "
        "the private ACL: write aws_s3_bucket_acl by hand, with `count` so that it exists "
        "only where the for_each has grants "
        "(https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/"
        "version-4-upgrade#grant-argument)"
    )
    reads: ClassVar[dict[str, str]] = {".acl": "{r}.acl"}
    documentation = (
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#acl-argument",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_acl#import",
    )
    explanation = explanation(
        "`acl` argument",
        _RESOURCE,
        """
`acl = "private"` is removed and nothing replaces it: private is the ACL
every bucket has unless told otherwise, and buckets created since April 2023
have ACLs disabled (Object Ownership "BucketOwnerEnforced"), where an
`aws_s3_bucket_acl` fails with AccessControlListNotSupported (so would the
next environment a module creates). An expression that may be `"private"`
(a variable, which a caller may set to it) is left for a person with a
finding: private needs nothing, other ACLs need the ownership setting first,
so both resources take `count = var.acl == "private" ? 0 : 1`; one the module
fixes to `"private"` is removed. Any other canned ACL (`"log-delivery-write"`,
`"public-read"`, an expression that can never be `"private"`) moves as written, after an
`aws_s3_bucket_ownership_controls` with `ObjectWriter`, the setting every
bucket had before April 2023 (it changes nothing on such a bucket and lets
the ACL apply on a new one; the ACL resource `depends_on` it); an ownership
setting of the module that disables ACLs is reported instead
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html).
The import ID is `bucket,acl`, as the provider documents for a bucket of the
provider's account with a canned ACL; the ownership setting is not imported
(a bucket made before 2023 has none to import). `grant` blocks become an
`access_control_policy` with one `grant` per permission (`grantee` keeps
`id` or `uri` and `type`) and the bucket owner's canonical user ID from
`data.aws_canonical_user_id` (added once per provider configuration, as v3
made the provider's account the owner); its import ID is the bucket. Grants
whose permissions are not a literal list are left for a person.
A reference to the bucket's `acl` where no ACL is set any more (private
dropped, or never set: provider v3's default) becomes `"private"`, the value
it read: in v4 the attribute is a deprecated computed copy that nothing sets,
old state's value on an existing bucket and null on a new one (a block
whose only link to the bucket was that reference gets a finding instead, as
it would lose its wait for the bucket).
""",
        """\
    resource "aws_s3_bucket" "data" {
      bucket = "my-data"
    -  acl    = "private"
    }

    resource "aws_s3_bucket" "logs" {
      bucket = "my-logs"
    -  acl    = "log-delivery-write"
    }
    +
    +resource "aws_s3_bucket_ownership_controls" "logs" {
    +  bucket = aws_s3_bucket.logs.id
    +
    +  rule {
    +    object_ownership = "ObjectWriter"
    +  }
    +}
    +
    +resource "aws_s3_bucket_acl" "logs" {
    +  bucket = aws_s3_bucket.logs.id
    +  acl    = "log-delivery-write"
    +
    +  depends_on = [aws_s3_bucket_ownership_controls.logs]
    +}

    s3_v4_imports.tf (apply once in each existing environment, then delete it):

    +import {
    +  to = aws_s3_bucket_acl.logs
    +  id = "my-logs,log-delivery-write"
    +}
""",
    )

    def _read(self, ctx: ModuleContext, target: str, instance: str, tail: str) -> str | None:
        """``.acl`` follows only to an ``aws_s3_bucket_acl`` with a canned ``acl`` (one
        written from grants holds an ``access_control_policy`` instead)."""
        label = target.split(".", 1)[1]
        for _path, block in ctx.analysis.resources(_RESOURCE):
            if block.labels[1] == label and block.body.attribute("acl") is None:
                return None
        return super()._read(ctx, target, instance, tail)

    def _read_unset(
        self,
        ctx: ModuleContext,
        path: str,
        block: n.Block,
        parent: n.Node,
        t: n.Traversal,
        label: str,
        tail: str,
    ) -> Iterator[Finding]:
        """``aws_s3_bucket.x.acl`` of a bucket with no ACL setting (``acl = "private"``
        dropped, or never set) reads ``"private"``: provider v3's default, the value it
        had. Provider v4 keeps the attribute only as a deprecated computed copy that
        nothing sets any more, so it would read the old state's value where the bucket
        exists and null where it is new."""
        if tail != ".acl" or not any(
            b.labels[1] == label for _p, b in ctx.analysis.resources(BUCKET)
        ):
            return
        old = " ".join(t.code.split())
        where = _describe_block(block)
        others = [
            other
            for other in edit.traversals(block)
            if other is not t and other.names()[:2] == [BUCKET, label]
        ]
        if "*" in old:
            # One "private" per instance, still read from the bucket (the same list).
            new = f'[for b in {BUCKET}.{label} : "private"]'
            edit.replace(parent, t, new)
            yield self.fixed(
                path,
                block,
                f"{where}: `{old}` now reads `{new}`, the ACL every instance had: {_STALE} "
                f"({self.documentation[0]})",
            )
            return
        if not others and block.type not in ("output", "locals"):
            yield self.manual(
                path,
                block,
                f'{where}: `{old}` read the bucket\'s ACL, "private"; {_STALE}: '
                f'write "private" instead, and `depends_on = [{BUCKET}.{label}]` if {where} '
                f"must wait for the bucket (this reference was its only link to it) "
                f"({self.documentation[0]})",
            )
            return
        edit.replace(parent, t, '"private"')
        yield self.fixed(
            path,
            block,
            f'{where}: `{old}` now reads "private", the ACL the bucket had: {_STALE} '
            f"({self.documentation[0]})",
        )

    def _dynamic_problem(
        self, bucket: n.Block, items: list[n.Attribute | n.Block], dynamic: list[n.Block]
    ) -> str | None:
        """A dynamic grant is left for a person; an acl beside it (v3 took one or the
        other, chosen by the module's inputs) gets its own advice."""
        problem = super()._dynamic_problem(bucket, items, dynamic)
        acl = bucket.body.attribute("acl")
        if problem is not None and acl is not None:
            problem += f"; for the canned ACL: {_maybe_private(acl.value.code.strip())}"
        return problem

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        grants = [i for i in items if isinstance(i, n.Block)]
        if grants and len(grants) < len(items):
            return Translation(
                manual="both acl and grant blocks (provider v3 refuses them together): keep one"
            )
        enforced = _acls_disabled(ctx, bucket)
        if enforced is not None:
            return Translation(
                manual=f"{enforced} disables ACLs (BucketOwnerEnforced), so the bucket's "
                "ACL cannot be applied: drop it (a private bucket needs none) or change the "
                f"ownership setting ({_OWNERSHIP_DOC})"
            )
        if grants:
            translation = _grants(ctx, bucket, grants)
        else:
            acl = items[0]
            assert isinstance(acl, n.Attribute)
            value = literal(acl.value)
            if not isinstance(value, str):
                # What the module itself fixes: a caller may set any variable.
                value = PartialEvaluator(ctx.analysis, {}, inputs=False).value(acl.value)
                if not isinstance(value, str) and can_equal(value, "private"):
                    return Translation(manual=_maybe_private(acl.value.code.strip()))
                value = value if isinstance(value, str) else None
            if value == "private":
                return Translation(notes=[_PRIVATE])
            suffix = f",{value}" if isinstance(value, str) else ",${" + acl.value.code.strip() + "}"
            translation = Translation(body=item_text(acl, 0), import_suffix=suffix)
        if translation.manual is None:
            translation.prerequisites.append((_OWNERSHIP, list(_OBJECT_WRITER)))
            canned = None if grants else literal(items[0].value)  # type: ignore[union-attr]
            translation.notes.append(
                _acls_stay_enabled(canned if isinstance(canned, str) else None)
            )
        return translation


_STALE = (
    "with no ACL set on it (private, provider v3's default, needs no aws_s3_bucket_acl), "
    "the bucket's acl attribute (deprecated since provider v4, computed) is set by "
    "nothing: it keeps an existing bucket's old value and is null for a new one"
)
_OWNERSHIP = "aws_s3_bucket_ownership_controls"
_OBJECT_WRITER = ("rule {", '  object_ownership = "ObjectWriter"', "}")
_OWNERSHIP_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html"
_PRIVATE = (
    "`private` is the ACL every bucket has unless told otherwise, so it needs no "
    "resource; an aws_s3_bucket_acl would fail on buckets created since April 2023, "
    "whose ACLs are disabled (AccessControlListNotSupported), and Terraform no longer "
    f"resets an ACL changed outside it ({_OWNERSHIP_DOC})"
)
_LOG_DELIVERY_DOC = (
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html"
)
# What a bucket policy would have to grant instead of a canned bucket ACL, once ACLs are
# off (S3 User Guide, "Access control list (ACL) overview", canned ACLs: READ on a bucket
# lists its objects, WRITE creates objects in it).
_INSTEAD = {
    "log-delivery-write": (
        "one letting the logging service principal logging.s3.amazonaws.com "
        f"s3:PutObject, for server access logs ({_LOG_DELIVERY_DOC})"
    ),
    "public-read": "one letting everyone s3:ListBucket",
    "public-read-write": "one letting everyone s3:ListBucket and s3:PutObject",
    "authenticated-read": "one letting any AWS account s3:ListBucket",
}


def _acls_stay_enabled(acl: str | None) -> str:
    """What the finding says about the ownership setting written before the ACL: ACLs
    stay enabled, as the bucket had them (checkov's CKV2_AWS_65 then reports the new
    resource, though nothing changed), and turning them off is a separate decision that
    needs a bucket policy granting what the ACL grants."""
    named = f"the {acl} ACL" if acl is not None else "the ACL"
    instead = _INSTEAD.get(acl or "", "one granting what the ACL grants")
    return (
        f"ACLs stay enabled, as before, since {named} works only with them: "
        f"{_OWNERSHIP} (ObjectWriter, the setting of every bucket made before April 2023) "
        "comes first, changing nothing on such a bucket and letting the ACL apply on one "
        "created since then, whose ACLs are disabled. Disabling ACLs (BucketOwnerEnforced, "
        "which checkov's CKV2_AWS_65 asks for) is a separate decision: the ACL would go "
        f"and a bucket policy would have to grant the same access first, {instead}, "
        f"and what objects' own ACLs grant, as those stop counting too ({_OWNERSHIP_DOC})"
    )


def _maybe_private(code: str) -> str:
    """The finding for an ACL expression that may or may not be ``private``."""
    value = code if re.fullmatch(r"[\w.\[\]\"${}-]+", code) else f"({code})"
    test = f'{value} == "private"'
    if re.search(r"\bnull\b", code):
        test = f"{value} == null || {test}"  # null: v3's default, private
    return (
        f'acl = {code} can be "private": a private bucket needs '
        "no resource (every bucket's ACL is private unless told otherwise, and "
        "aws_s3_bucket_acl fails on buckets created since April 2023, whose ACLs are "
        f"disabled), while any other ACL needs {_OWNERSHIP} (object_ownership = "
        '"ObjectWriter") first and aws_s3_bucket_acl depending on it; writing both for '
        "every value would re-enable ACLs on private buckets. Write both by hand with "
        f"`count = {test} ? 0 : 1` (with for_each: only the keys whose ACL "
        f'is not "private") ({_OWNERSHIP_DOC}; '
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/"
        "s3_bucket_ownership_controls)"
    )


def _acls_disabled(ctx: ModuleContext, bucket: n.Block) -> str | None:
    """The ownership controls of ``bucket`` that disable ACLs, if the module has them."""
    for other in configuring(ctx, _OWNERSHIP, bucket.labels[1]):
        for rule in other.body.blocks_of_type("rule"):
            ownership = rule.body.attribute("object_ownership")
            if ownership is not None and literal(ownership.value) == "BucketOwnerEnforced":
                return f"{_OWNERSHIP}.{other.labels[1]}"
    return None


_OWNER = "aws_canonical_user_id"


def _grants(ctx: ModuleContext, bucket: n.Block, grants: list[n.Block]) -> Translation:
    """``grant`` blocks as an ``access_control_policy`` (or why they cannot be)."""
    lines = ["access_control_policy {"]
    for grant in grants:
        permissions = grant.body.attribute("permissions")
        values = permissions.value if permissions is not None else None
        if not isinstance(values, n.Tuple):
            return Translation(manual="grant permissions that are not a list: translate by hand")
        kinds = [literal(e) for e in values.elements]
        if not kinds or not all(isinstance(k, str) for k in kinds):
            return Translation(manual="grant permissions that are not literal: translate by hand")
        grantee = [
            f"      {a.name} = {a.value.code.strip()}"
            for a in grant.body.attributes
            if a.name in ("id", "uri", "type")
        ]
        for kind in kinds:
            lines += [
                "  grant {",
                "    grantee {",
                *grantee,
                "    }",
                f'    permission = "{kind}"',
                "  }",
                "",
            ]
    provider = bucket.body.attribute("provider")
    owner = _owner_source(ctx, bucket, provider)
    lines += ["  owner {", f"    id = data.{_OWNER}.{owner}.id", "  }", "}"]
    return Translation(
        body=lines,
        notes=[f"the ACL's owner is data.{_OWNER}.{owner} (the provider's account, as in v3)"],
    )


def _owner_source(ctx: ModuleContext, bucket: n.Block, provider: n.Attribute | None) -> str:
    """The label of a ``data "aws_canonical_user_id"`` with the bucket's provider, added
    after the bucket's file's last data source (or at its top) when the module has none."""
    wanted = provider.value.code.strip() if provider is not None else None
    taken = set()
    for _path, module in ctx.files.items():
        for block in module.body.blocks_of_type("data"):
            if len(block.labels) == 2 and block.labels[0] == _OWNER:
                taken.add(block.labels[1])
                has = block.body.attribute("provider")
                if (has.value.code.strip() if has is not None else None) == wanted:
                    return block.labels[1]
    base = "current" if wanted is None else wanted.split(".")[-1]
    label = free_label(taken, base)
    module = ctx.files[ctx.file_for(bucket)]
    text = f'data "{_OWNER}" "{label}" {{}}'
    if wanted is not None:
        text = f'data "{_OWNER}" "{label}" {{\n  provider = {wanted}\n}}'
    edit.insert(module, text, before=bucket, blank_line_after=True)
    return label
