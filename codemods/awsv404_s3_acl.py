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

from tffix.analysis.dynamic import iterator_name
from tffix.analysis.names import free_label
from tffix.analysis.partial import PartialEvaluator, can_equal
from tffix.aws.provider_versions import possibly_called
from tffix.aws.s3_split import (
    BUCKET,
    S3Split,
    Translation,
    _describe_block,
    bucket_outputs,
    code_with,
    configuring,
    content_of,
    explanation,
    item_text,
    literal,
    operand,
    presence,
    users_of,
)
from tffix.cst import edit
from tffix.cst import matchers as m
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
    dynamic_form = "repeated"
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
whose permissions are not a literal list are left for a person. A
`dynamic "grant"` block becomes a dynamic `grant` of the policy over the
flattened (grant, permission) pairs of the same for_each (a variable, a
local, an `each` value, a literal list, or a conditional of them), each
built with the content's expressions (`grant.value.x`,
`lookup(grant.value, "x", null)`, `try(grant.value.x, null)`); the ACL
and its ownership setting exist only where the for_each has grants (v3 kept
the private ACL where it had none, and an empty policy would take every
permission away). An `acl` beside it (v3 refused both set at once, the
module's inputs chose) stays the resource's `acl`, with a dynamic
`access_control_policy` where there are grants; the resource then exists
where either sets a non-private ACL, and is imported by `bucket` where there
are grants and by `bucket,acl` where the canned ACL is. Other content forms
(`grant.key`, functions of the element) and for_each forms are left for a
person with a finding that names them.
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
        """A dynamic grant is translated when its for_each and content are of the forms
        :func:`_grant_problem` knows; else it is left for a person, and an acl beside it
        (v3 took one or the other, chosen by the module's inputs) gets its own advice."""
        problem = super()._dynamic_problem(bucket, items, dynamic)
        if problem is None:
            static = [i for i in items if isinstance(i, n.Block) and i.type != "dynamic"]
            if static or len(dynamic) > 1:
                problem = (
                    "a dynamic `grant` block beside other grant blocks: merge them into one "
                    "dynamic block by hand, or write aws_s3_bucket_acl by hand"
                )
            else:
                problem = _grant_problem(dynamic[0])
            if problem is not None:
                problem = f"{problem}; {self.dynamic_manual}"
        acl = bucket.body.attribute("acl")
        if problem is not None and acl is not None:
            problem += f"; for the canned ACL: {_maybe_private(acl.value.code.strip(), bucket)}"
        return problem

    def _presence(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> str | None:
        """Where the ACL resource exists: where the dynamic grant makes a grant, or,
        with an ``acl`` beside it (one or the other, by the module's inputs), also
        where that ACL is set and not private (private needs no resource)."""
        dynamic = [i for i in items if isinstance(i, n.Block) and i.type == "dynamic"]
        grants = presence(ctx, dynamic)
        acl = bucket.body.attribute("acl")
        canned = _canned(ctx, acl) if acl is not None else "private"
        if canned == "private" or grants is None:
            return grants
        if canned is not None:
            return None  # a canned ACL other than private: always
        assert acl is not None
        value = operand(acl.value)
        value = " ".join(value.split())
        return f'{grants} || ({value} != null && {value} != "private")'

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        translation = self._translate(ctx, bucket, items)
        if translation.manual is None and translation.body is not None:
            translation.waiters += [
                (consumer, f"now waits for it (depends_on): {why}")
                for consumer, why in _log_writers(ctx, bucket.labels[1])
            ]
            if possibly_called(ctx):
                translation.waiters += [
                    (output, f"now waits for it (depends_on): {_OUTPUT_WAITS}")
                    for output in bucket_outputs(ctx, bucket.labels[1])
                ]
        return translation

    def _translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        grants = [i for i in items if isinstance(i, n.Block)]
        dynamic = [g for g in grants if g.type == "dynamic"]
        if dynamic:
            enforced = _acls_disabled(ctx, bucket)
            if enforced is not None:
                return Translation(
                    manual=f"{enforced} disables ACLs (BucketOwnerEnforced), so the bucket's "
                    "grants cannot be applied: drop them or change the ownership setting "
                    f"({_OWNERSHIP_DOC})"
                )
            translation = _dynamic_grants(ctx, bucket, items)
            if translation.manual is None:
                translation.prerequisites.append((_OWNERSHIP, list(_OBJECT_WRITER)))
                translation.notes.append(_acls_stay_enabled(None))
            return translation
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
        canned: str | None = None  # the canned ACL, when the module fixes it
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
                    return Translation(manual=_maybe_private(acl.value.code.strip(), bucket))
                value = value if isinstance(value, str) else None
            if value == "private":
                return Translation(notes=[_PRIVATE])
            suffix = f",{value}" if isinstance(value, str) else ",${" + acl.value.code.strip() + "}"
            translation = Translation(body=item_text(acl, 0), import_suffix=suffix)
            canned = value
        if translation.manual is None:
            translation.prerequisites.append((_OWNERSHIP, list(_OBJECT_WRITER)))
            translation.notes.append(_acls_stay_enabled(canned))
            if canned in _PUBLIC:
                blocks = users_of(ctx, bucket.labels[1], (_PAB,), "bucket")
                translation.after += [f"{_PAB}.{b.labels[1]}" for b in blocks]
                translation.notes.append(_public_note([b.labels[1] for b in blocks]))
        return translation


# Canned ACLs S3 counts as public (they grant AllUsers or AuthenticatedUsers): Block
# Public Access, on by default for buckets created since April 2023, refuses them.
_PUBLIC = frozenset({"public-read", "public-read-write", "authenticated-read"})
_PAB = "aws_s3_bucket_public_access_block"
_BPA_DOC = (
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"
)


def _public_note(labels: list[str]) -> str:
    """What the finding says about a public canned ACL and Block Public Access."""
    if labels:
        names = ", ".join(f"{_PAB}.{label}" for label in labels)
        return (
            f"the ACL is public, so it waits for {names} (depends_on): on a bucket created "
            "since April 2023 Block Public Access is on by default, and a public ACL is "
            "refused until that block allows public ACLs (block_public_acls = false) "
            f"({_BPA_DOC})"
        )
    return (
        "the ACL is public: on a bucket created since April 2023 Block Public Access is "
        "on by default and refuses it (with the ACL inline, v3 failed there too) until an "
        f"{_PAB} with block_public_acls = false is applied first ({_BPA_DOC})"
    )


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


def _maybe_private(code: str, bucket: n.Block) -> str:
    """The finding for an ACL expression that may or may not be ``private``; the way to
    write the resources only where it is not: a ``count`` when the ACL is the same for
    every instance, else a ``for_each`` over the instances whose ACL is not private
    (``count`` cannot read ``each`` or ``count.index``)."""
    value = code if re.fullmatch(r"[\w.\[\]\"${}-]+", code) else f"({code})"
    test = f'{value} == "private"'
    if re.search(r"\bnull\b", code):
        test = f"{value} == null || {test}"  # null: v3's default, private
    how = f"`count = {test} ? 0 : 1`"
    label = f"{BUCKET}.{bucket.labels[1]}"
    for_each = bucket.body.attribute("for_each")
    count = bucket.body.attribute("count")
    if for_each is not None:
        source = " ".join(for_each.value.code.split())
        kept = re.sub(r"\beach\.value\b", "v", re.sub(r"\beach\.key\b", "k", test))
        how = (
            f"`for_each = {{ for k, v in {source} : k => v if !({kept}) }}` and "
            f"`bucket = {label}[each.key].id` (each.value is that instance's element there too)"
        )
    elif count is not None and not re.search(r"\bcount\.index\b", test):
        number = " ".join(count.value.code.split())
        how = f"`count = {test} ? 0 : {number}` and `bucket = {label}[count.index].id`"
    elif count is not None:
        number = " ".join(count.value.code.split())
        kept = re.sub(r"\bcount\.index\b", "i", test)
        how = (
            f"`for_each = toset([for i in range({number}) : tostring(i) if !({kept})])` and "
            f"`bucket = {label}[tonumber(each.key)].id` (count.index becomes "
            "tonumber(each.key) in them)"
        )
    return (
        f'acl = {code} can be "private": a private bucket needs '
        "no resource (every bucket's ACL is private unless told otherwise, and "
        "aws_s3_bucket_acl fails on buckets created since April 2023, whose ACLs are "
        f"disabled), while any other ACL needs {_OWNERSHIP} (object_ownership = "
        '"ObjectWriter") first and aws_s3_bucket_acl depending on it; writing both for '
        "every value would re-enable ACLs on private buckets. Write both by hand with "
        f"{how} ({_OWNERSHIP_DOC}; "
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
    owner, data = _owner_source(ctx, bucket, provider)
    lines += ["  owner {", f"    id = data.{_OWNER}.{owner}.id", "  }", "}"]
    return Translation(
        body=lines,
        notes=[f"the ACL's owner is data.{_OWNER}.{owner} (the provider's account, as in v3)"],
        before_bucket=data,
    )


def _owner_source(
    ctx: ModuleContext, bucket: n.Block, provider: n.Attribute | None
) -> tuple[str, list[str]]:
    """The label of a ``data "aws_canonical_user_id"`` with the bucket's provider, and
    the block to write above the bucket when the split is made (the module has none).
    Nothing is written here: the split may still stop after the translation."""
    wanted = provider.value.code.strip() if provider is not None else None
    taken = set()
    for _path, module in ctx.files.items():
        for block in module.body.blocks_of_type("data"):
            if len(block.labels) == 2 and block.labels[0] == _OWNER:
                taken.add(block.labels[1])
                has = block.body.attribute("provider")
                if (has.value.code.strip() if has is not None else None) == wanted:
                    return block.labels[1], []
    base = "current" if wanted is None else wanted.split(".")[-1]
    label = free_label(taken, base)
    text = f'data "{_OWNER}" "{label}" {{}}'
    if wanted is not None:
        text = f'data "{_OWNER}" "{label}" {{\n  provider = {wanted}\n}}'
    return label, [text]


# ---- dynamic grants ----------------------------------------------------------------

_GRANTEE = ("id", "type", "uri")
_FOR_EACH_ROOTS = ("var", "local", "each")


def _canned(ctx: ModuleContext, acl: n.Attribute) -> str | None:
    """The canned ACL ``acl`` is, when the module fixes it (a caller may set any
    variable); None when it depends on the module's inputs."""
    value = literal(acl.value)
    if not isinstance(value, str):
        value = PartialEvaluator(ctx.analysis, {}, inputs=False).value(acl.value)
    return value if isinstance(value, str) else None


def _reads_iterator(expr: n.Node, iterator: str) -> bool:
    return any(
        isinstance(node, n.Traversal) and node.root_name() == iterator for node in expr.walk()
    )


def _element_field(expr: n.Expression, iterator: str) -> bool:
    """True for ``it.value.x`` and ``it.value["x"]``: a field of the element."""
    if not isinstance(expr, n.Traversal) or expr.root_name() != iterator:
        return False
    steps = expr.steps
    if len(steps) != 2 or not isinstance(steps[0], n.GetAttr) or steps[0].name != "value":
        return False
    last = steps[1]
    return isinstance(last, n.GetAttr) or (
        isinstance(last, n.Index) and m.string_value(last.expr) is not None
    )


def _understood(expr: n.Expression, iterator: str) -> bool:
    """The content forms a grant's field may take: no use of the element, a field of
    it (``grant.value.x``), ``lookup(grant.value, "x"[, default])`` or
    ``try(grant.value.x, default)`` (defaults without the element)."""
    while isinstance(expr, n.Parens):
        expr = expr.children[1]  # type: ignore[assignment]
    if not _reads_iterator(expr, iterator) or _element_field(expr, iterator):
        return True
    if not isinstance(expr, n.Call):
        return False
    args = expr.args
    if expr.name == "lookup" and len(args) in (2, 3):
        whole = args[0]
        return (
            isinstance(whole, n.Traversal)
            and whole.names() == [iterator, "value"]
            and m.string_value(args[1]) is not None
            and not any(_reads_iterator(a, iterator) for a in args[2:])
        )
    if expr.name == "try" and len(args) == 2:
        return _element_field(args[0], iterator) and not _reads_iterator(args[1], iterator)
    return False


def _for_each_understood(expr: n.Expression) -> bool:
    """The for_each forms translated: a variable, local or ``each`` value, a literal
    list, ``[]``, or a conditional choosing between them."""
    while isinstance(expr, n.Parens):
        expr = expr.children[1]  # type: ignore[assignment]
    if isinstance(expr, n.Tuple):
        return True
    if isinstance(expr, n.Traversal):
        return expr.root_name() in _FOR_EACH_ROOTS and all(
            isinstance(s, (n.GetAttr, n.Index)) for s in expr.steps
        )
    if isinstance(expr, n.Conditional):
        return _for_each_understood(expr.true_result) and _for_each_understood(expr.false_result)
    return False


def _one_line(expr: n.Expression) -> bool:
    """True when ``expr`` can be written on one line as it is: no comment inside (it
    would swallow the rest of the line) and no heredoc."""
    tokens = list(expr.tokens())
    return not any(t.comments for t in tokens[1:]) and not any(
        t.type.startswith("HEREDOC") for t in tokens
    )


def _flat(expr: n.Expression) -> str:
    """``expr`` on one line (a literal list without its trailing comma)."""
    inner = expr
    while isinstance(inner, n.Parens):
        inner = inner.children[1]  # type: ignore[assignment]
    if isinstance(inner, n.Tuple) and inner is expr:
        return "[" + ", ".join(" ".join(e.code.split()) for e in inner.elements) + "]"
    return " ".join(expr.code.split())


def _grant_problem(dynamic: n.Block) -> str | None:
    """What of a dynamic ``grant`` block the translation does not understand, or None."""
    for_each = dynamic.body.attribute("for_each")
    assert for_each is not None
    unwritable = [
        a.name for a in [for_each, *content_of(dynamic).body.attributes] if not _one_line(a.value)
    ]
    if unwritable:
        return (
            f"the dynamic `grant` block's {', '.join(unwritable)} holds a comment or a "
            "heredoc, which the flattened for_each cannot hold on one line"
        )
    if not _for_each_understood(for_each.value):
        code = " ".join(for_each.value.code.split())
        return (
            f"the dynamic `grant` block's for_each = {code} is not a variable, a local, an "
            "each value or a literal list (or a conditional of them)"
        )
    iterator = iterator_name(dynamic)
    body = content_of(dynamic).body
    if body.blocks:
        return "the dynamic `grant` block's content has nested blocks (v3 grants have none)"
    names = [a.name for a in body.attributes]
    unknown = [name for name in names if name not in (*_GRANTEE, "permissions")]
    if unknown:
        return f"the dynamic `grant` block's content sets {', '.join(unknown)}"
    if "permissions" not in names or "type" not in names:
        return "the dynamic `grant` block's content has no permissions or no type"
    for attribute in body.attributes:
        if not _understood(attribute.value, iterator):
            code = " ".join(attribute.value.code.split())
            return (
                f"the dynamic `grant` block's {attribute.name} = {code} is not "
                f'{iterator}.value.<field>, lookup({iterator}.value, "<field>", ...) or '
                f"try({iterator}.value.<field>, ...)"
            )
    return None


def _element_text(expr: n.Expression, iterator: str, name: str) -> str:
    """``expr`` reading the for expression's variable ``name`` where it read the
    element (``grant.value`` -> ``grant``)."""

    def one(node: n.Node) -> str | None:
        if not isinstance(node, n.Traversal) or node.root_name() != iterator or not node.steps:
            return None
        step = node.steps[0]
        if not isinstance(step, n.GetAttr) or step.name != "value":
            return None
        return name + "".join(s.code for s in node.steps[1:])

    return code_with(expr, one, flat=True)


def _dynamic_grants(
    ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
) -> Translation:
    """A dynamic ``grant`` block (and an ``acl`` beside it) as the ACL resource's body.

    v3 took each grant with a set of permissions; v4 takes one grant per permission,
    so the for_each becomes the flattened (grant, permission) pairs, each an object
    of the grantee's fields and the permission, built with the same expressions the
    content had (reading the for expression's variable where they read the element).
    An ``acl`` beside it (v3 refused both set at once: the module's inputs choose)
    stays the resource's ``acl``, and the access_control_policy exists only where
    there are grants (the provider refuses both as well).
    """
    dynamic = next(i for i in items if isinstance(i, n.Block))
    acl = next((i for i in items if isinstance(i, n.Attribute)), None)
    canned = _canned(ctx, acl) if acl is not None else "private"
    iterator = iterator_name(dynamic)
    permission = "permission" if iterator != "permission" else "p"
    for_each = dynamic.body.attribute("for_each")
    assert for_each is not None
    collection = _flat(for_each.value)
    # Grouped in `for x in (...) :`, where a conditional's own `:` would be read wrong.
    grouped = isinstance(for_each.value, (n.Conditional, n.Binary))
    source = f"({collection})" if grouped else collection
    body = content_of(dynamic).body
    fields = [a for a in body.attributes if a.name in _GRANTEE]
    permissions = body.attribute("permissions")
    assert permissions is not None
    width = max(len(name) for name in [*(f.name for f in fields), "permission"])
    element = [
        f"{f.name.ljust(width)} = {_element_text(f.value, iterator, iterator)}" for f in fields
    ]
    element.append(f"{'permission'.ljust(width)} = {permission}")
    grantee_width = max(len(f.name) for f in fields)
    grant = [
        'dynamic "grant" {',
        "  for_each = flatten([",
        f"    for {iterator} in {source} : [",
        f"      for {permission} in {_element_text(permissions.value, iterator, iterator)} : {{",
        *(f"        {line}" for line in element),
        "      }",
        "    ]",
        "  ])",
    ]
    if iterator != "grant":
        grant.append(f"  iterator = {iterator}")
    grant += [
        "",
        "  content {",
        "    grantee {",
        *(f"      {f.name.ljust(grantee_width)} = {iterator}.value.{f.name}" for f in fields),
        "    }",
        f"    permission = {iterator}.value.permission",
        "  }",
        "}",
    ]
    provider = bucket.body.attribute("provider")
    owner, data = _owner_source(ctx, bucket, provider)
    policy = [*grant, "", "owner {", f"  id = data.{_OWNER}.{owner}.id", "}"]
    notes = [
        f"the ACL's owner is data.{_OWNER}.{owner} (the provider's account, as in v3); "
        f"each grant of {collection} becomes one grant per permission"
    ]
    if acl is None or canned == "private":
        return Translation(
            body=["access_control_policy {", *(f"  {line}" for line in policy), "}"],
            notes=notes,
            before_bucket=data,
        )
    # Both: the module's inputs chose one (v3 refused both), and so does the resource.
    code = " ".join(acl.value.code.split())
    lines = [
        f"acl = {code}",
        "",
        'dynamic "access_control_policy" {',
        f"  for_each = length({collection}) > 0 ? [1] : []",
        "",
        "  content {",
        *(f"    {line}" if line else "" for line in policy),
        "  }",
        "}",
    ]
    notes.append(
        "the canned ACL stays the resource's acl, and its access_control_policy exists only "
        "where there are grants (provider v3 refused both at once, and so does v4); the "
        "import ID is the bucket where there are grants and bucket,ACL where the canned "
        f"ACL is set ({_IMPORT_DOC})"
    )
    acl_text = canned if canned is not None else f"${{{code}}}"
    suffix = f'${{length({collection}) > 0 ? "" : ",{acl_text}"}}'
    return Translation(body=lines, notes=notes, import_suffix=suffix, before_bucket=data)


_IMPORT_DOC = (
    "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/"
    "s3_bucket_acl#import"
)


# Services that check the log bucket's ACL when logging to it is turned on: with the
# ACL inline, the bucket they reference carried it; now only depends_on orders them
# after aws_s3_bucket_acl (which waits for the ownership setting that enables ACLs).
_ACCESS_LOGS = (
    "S3 checks that the target bucket lets the log delivery group write when server "
    "access logging is turned on, and PutBucketLogging fails with "
    "InvalidTargetBucketForLogging while the target's ACL does not "
    "(https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLogging.html, "
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html)"
)
_OUTPUT_WAITS = (
    "a module that may be called hands the bucket to its callers through this output, "
    "and with the ACL inline the output was known only once the bucket had it; a caller "
    "that turns on logging into the bucket (S3 server access logging, which needs the "
    "log delivery group's grants; CloudFront standard logging, which needs ACLs enabled) "
    "would otherwise be created before the ACL and fail "
    "(https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html, "
    "https://developer.hashicorp.com/terraform/language/values/outputs#depends_on)"
)
_CLOUDFRONT_LOGS = (
    "CloudFront standard logging needs ACLs enabled on the log bucket (it grants its "
    "log delivery account through the ACL) and fails otherwise when the distribution "
    "turns logging on "
    "(https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html)"
)


def _log_writers(ctx: ModuleContext, label: str) -> list[tuple[n.Block, str]]:
    """The module's resources that turn on logging into ``aws_s3_bucket.<label>``: S3
    server access logging (``aws_s3_bucket_logging``, a bucket's inline ``logging``)
    and CloudFront standard logging (``logging_config``). The target names the bucket
    by a reference, or by its name: the same expression as the bucket's ``bucket`` (a
    bucket that logs to itself, ``"${local.name}-logs"`` in both), or the same string."""
    own = next(
        (
            b.body.attribute("bucket")
            for _p, b in ctx.analysis.resources(BUCKET)
            if b.labels[1] == label
        ),
        None,
    )
    evaluator = PartialEvaluator(ctx.analysis)
    own_code = " ".join(own.value.code.split()) if own is not None else None
    own_name = evaluator.value(own.value) if own is not None else None

    def names(node: n.Node | None) -> bool:
        if node is None:
            return False
        if any(t.names()[:2] == [BUCKET, label] for t in edit.traversals(node)):
            return True
        if own_code is not None and " ".join(node.code.split()) == own_code:
            return True
        return isinstance(own_name, str) and evaluator.value(node) == own_name

    def nested(block: n.Block, kind: str, argument: str) -> bool:
        for item in block.body.blocks:
            source = (
                item.body.blocks_of_type("content")[0]
                if (
                    item.type == "dynamic"
                    and item.labels == [kind]
                    and item.body.blocks_of_type("content")
                )
                else item
                if item.type == kind
                else None
            )
            if source is not None:
                found = source.body.attribute(argument)
                if names(found.value if found is not None else None):
                    return True
        return False

    found: list[tuple[n.Block, str]] = []
    for _path, block in ctx.analysis.resources("aws_s3_bucket_logging"):
        target = block.body.attribute("target_bucket")
        if names(target.value if target is not None else None):
            found.append((block, _ACCESS_LOGS))
    for _path, block in ctx.analysis.resources(BUCKET):
        if block.labels[1] != label and nested(block, "logging", "target_bucket"):
            found.append((block, _ACCESS_LOGS))
    for _path, block in ctx.analysis.resources("aws_cloudfront_distribution"):
        if nested(block, "logging_config", "bucket"):
            found.append((block, _CLOUDFRONT_LOGS))
    return found
