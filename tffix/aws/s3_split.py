"""The AWS provider v4 S3 split: an inline setting of ``aws_s3_bucket`` becomes its own resource.

Provider v4 made the bucket's configuration arguments (``versioning``,
``logging``, ``acl``, ...) read-only and moved each into an
``aws_s3_bucket_*`` resource; its upgrade guide asks users to write each one
and import it. The AWSV4 codemods do that one setting at a time, and share
everything else here: where the new resource goes and how it follows its
bucket (``provider``, ``count``, ``for_each``), how it is imported (in a
one-off imports file, see :mod:`tffix.aws.s3_imports`), and what the user is
told about the provider constraint and the lock file.

Each codemod only says how its inline form translates (:class:`Translation`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from tffix.analysis.constraints import range_of, required_terraform
from tffix.analysis.dynamic import block_type, iterator_name
from tffix.analysis.names import free_label, resource_labels, traversals_through_locals
from tffix.analysis.partial import OneOf, PartialEvaluator, Unknown
from tffix.analysis.roots import module_use
from tffix.aws import provider_versions as version
from tffix.aws.s3_imports import (
    IMPORTS_FILE,
    ONCE,
    may_be_null,
    pending,
    plan_import,
    record,
    unknown_at_plan,
)
from tffix.cst import edit, placement
from tffix.cst import matchers as m
from tffix.cst.builders import parse_block, parse_expression
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Option, Safety
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import parse
from tffix.syntax.tokens import Token

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
    from typing import ClassVar

BUCKET = "aws_s3_bucket"
_V4: tuple[int, int, int] = (4, 0, 0)
# The bucket arguments v3 declares Computed: left out of the configuration, they keep
# their live value. The others (acl, grant, policy, cors_rule, website, logging,
# lifecycle_rule, replication_configuration, server_side_encryption_configuration,
# object_lock_configuration) are Optional only: v3 removes what is no longer written.
V3_COMPUTED = frozenset({"versioning", "acceleration_status", "request_payer"})
# The inline settings of a v3 bucket that are nested blocks (the others are arguments).
V3_BLOCKS = frozenset(
    {
        "cors_rule",
        "grant",
        "lifecycle_rule",
        "logging",
        "object_lock_configuration",
        "replication_configuration",
        "server_side_encryption_configuration",
        "versioning",
        "website",
    }
)
_UPGRADE_012 = "https://developer.hashicorp.com/terraform/language/v1.1.x/upgrade-guides/0-12"
GUIDE = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade"
SPLIT_SECTION = f"{GUIDE}#s3-bucket-refactor"
_IMPORT = "https://developer.hashicorp.com/terraform/language/import"
Version = tuple[int, int, int]
# Marks a line of heredoc content: it goes into the new resource exactly as it was.
RAW = "\0"
_PLAIN = re.compile(r'"[^"$%\\]*"')


@dataclass
class Translation:
    """What one inline setting becomes.

    ``body``: the new resource's lines after ``bucket = ...`` (no indentation;
    nested lines indented by two spaces per level), or None when nothing is
    to be created (``versioning { enabled = false }``). ``manual``: why it
    cannot be translated (the bucket is then left alone). ``import_suffix``:
    what follows the bucket in the import ID (``,private`` for a canned ACL).
    ``notes``: what the user should know about the result.
    """

    body: list[str] | None = None
    manual: str | None = None
    import_suffix: str = ""
    notes: list[str] = field(default_factory=list)
    # Arguments the bucket itself gets instead (``object_lock_enabled = true``).
    bucket_lines: list[str] = field(default_factory=list)
    # Bucket arguments that are true where the setting exists: ``true``, or, for a
    # dynamic block's setting, the condition under which it makes its block.
    flags: list[str] = field(default_factory=list)
    # A further condition for the new resource (a dynamic block inside the setting,
    # whose one element the body reads): it exists where both hold.
    also_where: str | None = None
    # Resources the new one needs first, as (type, body lines): written before it,
    # following the bucket as it does, never imported (they may not exist yet),
    # and named in the new resource's ``depends_on``.
    prerequisites: list[tuple[str, list[str]]] = field(default_factory=list)
    # (resource, why) that must wait for the new resource: they used the bucket while
    # it carried the setting, and a service checks the setting when they are created.
    waiters: list[tuple[n.Block, str]] = field(default_factory=list)
    # Resources of the module the new one waits for (addresses, in its depends_on).
    after: list[str] = field(default_factory=list)
    # Blocks written above the bucket when the split is made (a data source the new
    # resource reads), never before: the split may still stop after the translation.
    before_bucket: list[str] = field(default_factory=list)


def item_text(
    item: n.Attribute | n.Block,
    depth: int,
    replace: Callable[[n.Node], str | None] | None = None,
) -> list[str]:
    """The lines of ``item`` moved to nesting ``depth`` (0: directly in the new resource).

    Lines after the first keep their indentation relative to the item's
    first line; a heredoc's content lines are kept exactly, since they are
    part of the value. ``replace`` gives the text of nodes written otherwise
    (:func:`code_with`), so a changed value is put in as the lines are made.
    """
    text = item.code if replace is None else item.first_token.pre + code_with(item, replace)
    text = text.strip()
    lines = text.splitlines()
    shift = item.column - 1
    out = [("  " * depth) + lines[0]]
    inside_heredoc: str | None = None
    marker = re.search(r"<<-?([A-Za-z_][A-Za-z0-9_]*)\s*$", lines[0])
    if marker:
        inside_heredoc = marker.group(1)
    for line in lines[1:]:
        if inside_heredoc is not None:
            out.append(RAW + line)
            if line.strip() == inside_heredoc:
                inside_heredoc = None
            continue
        stripped = line[shift:] if line[:shift].strip() == "" else line.lstrip()
        out.append(("  " * depth) + stripped if stripped else "")
        marker = re.search(r"<<-?([A-Za-z_][A-Za-z0-9_]*)\s*$", line)
        if marker:
            inside_heredoc = marker.group(1)
    return out


def body_text(
    block: n.Block, depth: int, replace: Callable[[n.Node], str | None] | None = None
) -> list[str]:
    """The items of ``block``'s body at ``depth``, blank lines between nested blocks
    (``replace``: as for :func:`item_text`)."""
    out: list[str] = []
    previous: n.Attribute | n.Block | None = None
    for item in block.body.items:
        if previous is not None and (isinstance(item, n.Block) or isinstance(previous, n.Block)):
            out.append("")
        out.extend(item_text(item, depth, replace))
        previous = item
    return out


def literal(expr: n.Expression | None) -> object:
    """The literal value of ``expr`` (a bool, a number, a plain string), else None."""
    if expr is None:
        return None
    code = expr.code.strip()
    if code in ("true", "false"):
        return code == "true"
    text = m.string_value(expr)
    if text is not None and _PLAIN.fullmatch(code):
        return text
    return None


def boolean(expr: n.Expression | None) -> bool | None:
    """The boolean ``expr`` is for a bool argument, else None: ``true``/``false``, and the
    strings ``"true"``/``"false"``, which Terraform converts to them (modules written for
    Terraform 0.11 quote them: ``enabled = "true"``)."""
    value = literal(expr)
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    return None


# ---- Terraform versions ---------------------------------------------------------------


def _terraform_bounds(ctx: ModuleContext) -> tuple[Version, Version | None]:
    """(lowest, exclusive highest) Terraform version ``required_version`` admits; an absent
    or unreadable constraint admits everything.

    Read once per analysis and set of trees (it is asked for every bucket, and reads
    every file: quadratic in one big module); the engine makes a new analysis after
    every change, and no codemod edits ``required_version``.
    """
    trees = tuple(ctx.files.values())
    memo = ctx.analysis.__dict__.get("_terraform_bounds")
    if (
        memo is None
        or len(memo[0]) != len(trees)
        or any(a is not b for a, b in zip(memo[0], trees, strict=True))
    ):
        memo = (trees, _read_terraform_bounds(ctx))
        ctx.analysis.__dict__["_terraform_bounds"] = memo
    return memo[1]


def _read_terraform_bounds(ctx: ModuleContext) -> tuple[Version, Version | None]:
    return required_terraform(ctx.files)


def terraform_admits(ctx: ModuleContext, wanted: Version) -> bool:
    """True unless ``required_version`` rules out every Terraform >= ``wanted``."""
    low, high = _terraform_bounds(ctx)
    return high is None or high > max(low, wanted)


def terraform_guarantees(ctx: ModuleContext, wanted: Version) -> bool:
    """True when ``required_version`` admits only Terraform >= ``wanted``, or is absent
    (an absent constraint means a current Terraform)."""
    written = any(
        block.body.attribute("required_version") is not None
        for module in ctx.files.values()
        for block in module.body.blocks_of_type("terraform")
    )
    return not written or _terraform_bounds(ctx)[0] >= wanted


def _shown(v: Version) -> str:
    return ".".join(str(p) for p in v[:2])


# ---- the codemod family ---------------------------------------------------------------


class S3Split(Codemod):
    """Base of the AWSV4 S3-split codemods: one inline setting of ``aws_s3_bucket`` moves
    to its own resource (subclasses say which, and how it translates)."""

    safety = Safety.UNSAFE
    # The bucket's arguments or nested blocks this codemod moves.
    inline: ClassVar[tuple[str, ...]] = ()
    resource: ClassVar[str] = ""
    section: ClassVar[str] = SPLIT_SECTION
    # References to the bucket's old attributes and what they read now, by the text
    # after the bucket's address (``.versioning[0].enabled``); ``{r}`` is the new
    # resource's address with the bucket's instance key. An attribute of the moved
    # setting with no entry here gets a manual finding at the reference.
    reads: ClassVar[dict[str, str]] = {}
    attributes: ClassVar[tuple[str, ...]] = ()  # more attributes of the setting than ``inline``
    # How a ``dynamic`` block of the setting is translated: "repeated" (a block the
    # bucket may have many of, ``lifecycle_rule``: the translation writes a dynamic
    # block of its own), "single" (at most one, ``logging``: the new resource exists
    # once per element, its content is the resource's body), or None (left for a person).
    dynamic_form: ClassVar[str | None] = None
    # Why a dynamic block is left for a person, when ``dynamic_form`` is None.
    dynamic_manual: ClassVar[str] = "write the new resource by hand with the same for_each"
    # Arguments of the inline form whose translation came to the provider later than
    # the new resource, and the (resource type, argument) written for them, which the
    # version table is asked about (``routing_rules``: 4.15.0, not 3.75/4.0).
    later_arguments: ClassVar[dict[str, tuple[str, str]]] = {}
    options = (
        Option(
            "raise_provider_constraint",
            False,
            "also change the hashicorp/aws constraint of required_providers when it admits "
            'provider versions without the new resources: "~> 4.0" in a root module, '
            'widened to ">= 3.75, < 5.0" (keeping a higher upper bound) in a reusable one; '
            'a module that states none gets one ("~> 4.0" in a root module, the floor '
            '">= 3.75" alone in a reusable one); higher where an argument written came '
            'later ("~> 4.15" / ">= 4.15" for routing_rules, 4.5 for object_lock_enabled)',
        ),
    )

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:  # pragma: no cover - abstract
        raise NotImplementedError

    # ---- what to look at ----

    def _items(self, bucket: n.Block) -> list[n.Attribute | n.Block]:
        found: list[n.Attribute | n.Block] = []
        for item in bucket.body.items:
            if (isinstance(item, n.Attribute) and item.name in self.inline) or (
                isinstance(item, n.Block) and block_type(item) in self.inline
            ):
                found.append(item)
        return found

    def triggers(self, ctx: ModuleContext) -> Iterable[tuple[str, n.Block]]:
        return [(p, b) for p, b in ctx.targets(BUCKET) if self._items(b)]

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        triggered = self.triggers(ctx)
        for path, bucket in triggered:
            yield from self._bucket(ctx, path, bucket)
        # A bucket changed just now: the analysis does not show its new resource yet,
        # so references to it wait for the next round (the change makes one).
        yield from self._references(ctx, {bucket.labels[1] for _path, bucket in triggered})
        # What is left of earlier runs (or of this one's earlier rounds): the imports
        # file is the record, so a later run on migrated code still shows the steps.
        for path, node, message in pending(ctx, self.resource):
            yield self.manual(path, node, message)

    # ---- references to the old attributes ----

    def _references(self, ctx: ModuleContext, busy: Collection[str] = ()) -> Iterator[Finding]:
        """References to the moved setting's attributes of a bucket that has its own
        ``self.resource`` now follow it where the guide names the replacement; the
        others get a manual finding at the block that holds them."""
        owned = (*self.inline, *self.attributes)
        # Only the blocks holding a traversal rooted at the bucket type can read one,
        # and only those traversals, which are looked for once per block for all the
        # split codemods and rounds (again only after an edit of the block).
        holders = ctx.analysis.holding(BUCKET, ctx.files)
        index = ctx.analysis.traversal_index()
        for path, module in list(ctx.files.items()):
            if path not in holders.paths:
                continue
            for block in module.body.blocks:
                if block not in holders:
                    continue
                reads = index.memo(
                    path, block, BUCKET, functools.partial(_bucket_reads, block), ctx.files
                )
                for parent, t in list(reads):
                    found = _old_read(t, owned)
                    if found is None:
                        continue
                    label, instance, tail = found
                    if self._items_of(ctx, label):
                        continue  # not moved (yet, or left for a person): it still holds
                    split = _configured_by(ctx, self.resource, label)
                    old = " ".join(t.code.split())
                    if not split and label not in busy:
                        yield from self._read_unset(ctx, path, block, parent, t, label, tail)
                        continue
                    if len(split) != 1:
                        continue  # nothing moved it: the attribute is empty, and stays so
                    new = self._read(ctx, split[0], instance, tail)
                    where = _describe_block(block)
                    source = self.documentation[0] if self.documentation else self.section
                    if new is not None and _only_where(ctx, self.resource, label):
                        # One instance or none (made from a dynamic block): which value the
                        # reference wants where there is none is the module's to say.
                        rest = new.removeprefix(split[0])
                        yield self.manual(
                            path,
                            block,
                            f"{where}: `{old}` reads the bucket's copy of a setting provider v4 "
                            f"moved to {split[0]} (deprecated, read-only), which exists only "
                            f"where the bucket's dynamic block made the setting (count 0 or 1): "
                            f"read `one({split[0]}[*]{rest})` (null where there is none) or "
                            f"what the module means there ({source})",
                        )
                        continue
                    if new is None:
                        yield self.manual(
                            path,
                            block,
                            f"{where}: `{old}` reads the bucket's copy of a setting provider v4 "
                            f"moved to {split[0]} (deprecated, read-only); the new resource holds "
                            f"it in another shape: read it from "
                            f"{split[0]} ({source})",
                        )
                        continue
                    edit.replace(parent, t, new)
                    yield self.fixed(
                        path,
                        block,
                        f"{where}: `{old}` now reads `{new}`, as the setting moved to "
                        f"{split[0]} ({source})",
                    )

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
        """A reference to the setting of ``aws_s3_bucket.<label>``, which neither the bucket
        nor a resource of its own sets (never set, or removed as it needs no resource):
        left alone unless a subclass knows what it read (a v3 default)."""
        return iter(())

    def _items_of(self, ctx: ModuleContext, label: str) -> bool:
        for _path, bucket in ctx.analysis.resources(BUCKET):
            if bucket.labels[1] == label:
                return bool(self._items(bucket))
        return False

    def _read(self, ctx: ModuleContext, target: str, instance: str, tail: str) -> str | None:
        """What ``aws_s3_bucket.<label><instance><tail>`` reads now, or None."""
        template = self.reads.get(tail)
        if template is None:
            return None
        if instance in ("[*]", ".*") and not template.startswith("{r}"):
            return None  # a comparison of a splat: not the same expression
        return template.replace("{r}", f"{target}{instance}")

    def _presence(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> str | None:
        """Where the new resource of a repeated setting with dynamic blocks exists
        (None: always); a prerequisite written for it follows the same condition."""
        return presence(ctx, items)

    def _dynamic_problem(
        self, bucket: n.Block, items: list[n.Attribute | n.Block], dynamic: list[n.Block]
    ) -> str | None:
        """Why the dynamic blocks of the setting cannot be translated, or None."""
        kind = block_type(dynamic[0])
        if self.dynamic_form is None:
            others = sorted({_name(i) for i in items if i not in dynamic})
            also = f"{', '.join(others)} and " if others else ""
            return f"{also}a dynamic `{kind}` block: {self.dynamic_manual}"
        for block in dynamic:
            problem = dynamic_problem(block)
            if problem is not None:
                return f"the dynamic `{kind}` block {problem}: translate it by hand"
        if self.dynamic_form == "single" and len(items) != 1:
            return (
                f"a dynamic `{kind}` block and another `{kind}` (provider v3 allowed one): "
                "merge them by hand"
            )
        return None

    def _needs(self, items: Sequence[n.Attribute | n.Block]) -> list[tuple[str, str]]:
        """The arguments of :attr:`later_arguments` that the setting's translation writes:
        those its inline form sets, at any depth (in a dynamic block's content too)."""
        found: list[tuple[str, str]] = []

        def visit(item: n.Attribute | n.Block) -> None:
            if isinstance(item, n.Attribute):
                need = self.later_arguments.get(item.name)
                if need is not None and need not in found:
                    found.append(need)
                return
            for child in item.body.items:
                if isinstance(child, (n.Attribute, n.Block)):
                    visit(child)

        for item in items:
            visit(item)
        return found

    # ---- one bucket ----

    def _bucket(self, ctx: ModuleContext, path: str, bucket: n.Block) -> Iterator[Finding]:
        label = bucket.labels[1]
        address = f"{BUCKET}.{label}"
        items = self._items(bucket)
        old_style = sorted(
            {i.name for i in items if isinstance(i, n.Attribute) and i.name in V3_BLOCKS}
        )
        if old_style:
            written = ", ".join(f"`{name} = {{ ... }}`" for name in old_style)
            yield self.manual(
                path,
                bucket,
                f"{address}: {written} is a block written as an argument, Terraform 0.11 "
                'syntax that Terraform 0.12 and later refuse ("An argument named ... is not '
                'expected here"): write it as a block, as `terraform 0.12upgrade` does, then '
                f"run this again ({_UPGRADE_012})",
            )
            return
        what = ", ".join(sorted({_name(i) for i in items}))
        ignored = ignored_names(bucket) & {"all", *(_name(i) for i in items)}
        if ignored:
            listed = ", ".join(sorted(ignored))
            yield self.manual(
                path,
                bucket,
                f"{address}: the bucket's lifecycle ignore_changes lists {listed}: the live "
                f"{what} is deliberately left as it is after creation, but {self.resource}, "
                "imported, would set it to what the configuration says on the next apply; "
                f"write {self.resource} by hand with lifecycle {{ ignore_changes = all }} if "
                "the setting is to stay unmanaged, or drop the ignore first "
                f"({self.section})",
            )
            return
        dynamic = [i for i in items if isinstance(i, n.Block) and i.type == "dynamic"]
        condition: str | None = None
        single: Single | None = None
        if dynamic:
            problem = self._dynamic_problem(bucket, items, dynamic)
            if problem is not None:
                yield self.manual(path, bucket, f"{address}: {problem} ({self.section})")
                return
            if self.dynamic_form == "single":
                single = single_element(dynamic[0], ctx)
                condition = single.condition
            else:
                condition = self._presence(ctx, bucket, items)
            if condition is not None and "count.index" in condition:
                yield self.manual(
                    path,
                    bucket,
                    f"{address}: whether the bucket has {what} depends on count.index "
                    f"(`{condition}`): write {self.resource} by hand ({self.section})",
                )
                return
        existing = _configured_by(ctx, self.resource, label)
        if existing:
            yield self.manual(
                path,
                bucket,
                f"{address}: {what} is set inline and {existing[0]} configures the same "
                "bucket; with provider v4 they would overwrite each other on every apply: "
                f"keep one ({self.section})",
            )
            return
        # The module must be able to use the new resource: else the fix breaks its plan.
        # What the split writes must exist in every provider the module allows: the new
        # resource, and arguments that came later than it (routing_rules: 4.15); with
        # the option, the raised constraint covers them all.
        needs = [(self.resource, None), *self._needs(items)]
        if bucket.body.attribute("region") is not None:
            needs.append((self.resource, "region"))  # carried to the new resource (6.0)
        lacking = [need for need in needs if version.supports(ctx, *need) is not True]
        raising = bool(lacking) and bool(self.settings.get("raise_provider_constraint"))
        if lacking and not raising:
            yield self._unsupported(ctx, path, bucket, what, needs)
            return
        floor = _raised_floor(needs)
        if single is not None:
            try:
                content = single.applied(content_of(dynamic[0]))
            except ParseError as exc:
                yield self.manual(
                    path,
                    bucket,
                    f"{address}: the dynamic `{_name(dynamic[0])}` block's content, with its "
                    f"element in place of `{single.iterator}`, is not valid HCL ({exc.message}): "
                    f"write {self.resource} by hand ({self.section})",
                )
                return
            translation = self.translate(ctx, bucket, [content])
            if translation.manual is not None:
                # What to do by hand is said in the code as the module has it.
                as_written = self.translate(ctx, bucket, [content_of(dynamic[0])])
                translation.manual = as_written.manual or translation.manual
        else:
            translation = self.translate(ctx, bucket, items)
        if translation.manual is not None:
            yield self.manual(path, bucket, f"{address}: {translation.manual} ({self.section})")
            return
        translation.bucket_lines += [
            f"{flag} = {condition or 'true'}" for flag in translation.flags
        ]
        if translation.also_where is not None and translation.body is not None:
            condition = (
                translation.also_where
                if condition is None
                else f"{_conjunct(condition)} && {_conjunct(translation.also_where)}"
            )
        if condition is not None and translation.body is not None:
            unknown = _unknown_condition(ctx, condition)
            if unknown is not None:
                yield self.manual(
                    path,
                    bucket,
                    f"{address}: {what} is a dynamic block, so {self.resource} would exist "
                    f"where `{condition}` holds (its count or for_each), but that {unknown}: a "
                    "dynamic block's for_each may be unknown while Terraform plans, a "
                    'resource\'s count may not ("Invalid count argument" in every new '
                    "environment, https://developer.hashicorp.com/terraform/language/"
                    "meta-arguments/count): write it by hand with a condition known at plan "
                    "(e.g. a boolean input such as `logging_enabled`), or give the module a "
                    f"value known at plan there ({self.section})",
                )
                return
        if condition is not None and translation.body is None and not translation.flags:
            yield self.manual(
                path,
                bucket,
                f"{address}: {what} is a dynamic block, and its translation depends on "
                f"whether `{condition}` holds: write {self.resource} by hand ({self.section})",
            )
            return
        module = ctx.files[path]
        built: _Built | None = None
        if translation.body is not None:
            result = self._build(ctx, module, bucket, items, translation, condition)
            if isinstance(result, str):
                yield self.manual(
                    path,
                    bucket,
                    f"{address}: the {self.resource} written for {what} is not valid HCL "
                    f"({result}), so which provider versions have what it sets could not be "
                    f"checked: write it by hand ({self.section})",
                )
                return
            built = result
            # Every argument the new resources write, as the one parsed tree that is
            # inserted reads it (an argument may have come later than its resource).
            for need in built.needs:
                if need not in needs:
                    needs.append(need)
            lacking = [need for need in needs if version.supports(ctx, *need) is not True]
            raising = bool(lacking) and bool(self.settings.get("raise_provider_constraint"))
            if lacking and not raising:
                yield self._unsupported(ctx, path, bucket, what, needs)
                return
            floor = _raised_floor(needs)
        raised = None
        if raising:  # only now, when nothing else stops the split
            raised = raise_constraint(ctx, _root_for(floor), floor=floor, path=path)
            if raised is None:
                yield self._unsupported(ctx, path, bucket, what, needs)
                return
        message = f"{address}: {what} "
        if built is None:
            for item in items:
                _keep_comments(bucket, item)
                edit.remove(item, bucket)
            message += "removed"
            for line in translation.bucket_lines:
                placement.insert_attribute(bucket, line, ("bucket", "bucket_prefix"))
        else:
            new = built.address
            for text in translation.before_bucket:
                edit.insert(module, text, before=bucket, blank_line_after=True)
            for block in built.prerequisites:
                anchor = _last_companion(module, bucket)
                edit.insert(module, block, after=anchor, blank_line=True, blank_line_after=True)
            anchor = _last_companion(module, bucket)
            comments = [c for item in items for c in _comments(bucket, item) if c not in built.text]
            for item in items:
                edit.remove(item, bucket)
            for line in translation.bucket_lines:
                placement.insert_attribute(bucket, line, ("bucket", "bucket_prefix"))
            guarded = [n for n in self.inline if n not in V3_COMPUTED]
            if guarded and _v3_may_run(ctx, raised is not None):
                for name in guarded:
                    ignore_changes(bucket, name)
                translation.notes.append(_guard_note(guarded, self.resource))
            placed = edit.insert(
                module, built.block, after=anchor, blank_line=True, blank_line_after=True
            )
            if comments:  # above the new resource, where the setting's lines went
                eol = edit.newline_of(module)
                placed.first_token.pre += "".join(f"{c}{eol}" for c in comments)
                edit.touched(placed)
            message += f"moved to {new}"
            if condition is not None:
                message += (
                    f" (a dynamic block: {new} exists where `{condition}` holds, as the "
                    "settings did)"
                )
            message += self._import(ctx, bucket, new, translation.import_suffix, condition)
            for waiter, why in translation.waiters:
                if add_depends_on(waiter, new):
                    translation.notes.append(f"{_address_of(waiter)} {why}")
        for note in translation.notes:
            message += f"; {note}"
        if raised is not None:
            message += f"; {raised}"
        message += f" ({self.section})"
        yield self.fixed(path, bucket, message)

    def _build(
        self,
        ctx: ModuleContext,
        module: n.Module,
        bucket: n.Block,
        items: Sequence[n.Attribute | n.Block],
        translation: Translation,
        condition: str | None,
    ) -> _Built | str:
        """The new resource (and the prerequisites it needs that the module lacks), each
        parsed once: the tree read for the provider-version check is the one inserted.
        A text that does not parse is why (a str): the split stops there, unchecked
        and unwritten, rather than write what was not checked."""
        label = bucket.labels[1]
        new_label = free_label(resource_labels(ctx.analysis, self.resource), label)
        head, ref, _repeated, _each_value = iteration(bucket, items, condition)
        lines = [f'resource "{self.resource}" "{new_label}" {{']
        if head:
            lines += [*(f"  {h}" for h in head), ""]
        lines += [f"  bucket = {ref}.id"]
        eol = edit.newline_of(module)
        prerequisites: list[n.Block] = []
        needs: list[tuple[str, str | None]] = []
        needed: list[str] = []
        for type_, body in translation.prerequisites:
            existing = _configured_by(ctx, type_, label)
            if existing:
                needed.append(existing[0])
                continue
            text = _prerequisite_text(ctx, type_, body, head, ref, label)
            try:
                block = parse_block(_line_ends(text, body, eol))
            except ParseError as exc:
                return f"{type_}: {exc.message}"
            prerequisites.append(block)
            needs += [(type_, None), *((type_, p) for p in written_arguments(block.body))]
            needed.append(f"{type_}.{block.labels[1]}")
        needed += [a for a in translation.after if a not in needed]
        if translation.body:
            lines += [""] if translation.body[0].rstrip().endswith("{") else []
            lines += [_indented(line) for line in translation.body]
        if needed:
            lines += ["", f"  depends_on = [{', '.join(needed)}]"]
        lines.append("}")
        text = "\n".join(lines)
        try:
            block = parse_block(_line_ends(text, translation.body or [], eol))
        except ParseError as exc:
            return exc.message
        needs += [(self.resource, p) for p in written_arguments(block.body)]
        return _Built(f"{self.resource}.{new_label}", text, block, prerequisites, needs)

    def _unsupported(
        self,
        ctx: ModuleContext,
        path: str,
        bucket: n.Block,
        what: str,
        needs: Sequence[tuple[str, str | None]],
    ) -> Finding:
        """The finding for a bucket whose module may run a provider without what the split
        writes (``needs``: the new resource and later arguments): the newest one missing
        is named, and the advice covers them all."""
        lacking = [need for need in needs if version.supports(ctx, *need) is not True]
        resource, argument = max(lacking or needs, key=lambda need: version.raise_floor(*need))
        floor = _raised_floor(needs)
        shown = _shown(floor)
        if version.allowed(ctx).foreign is not None:
            advice = "check that provider's documentation, or move the bucket by hand"
        elif not version.allowed(ctx).text:
            advice = (
                "declare the provider versions its callers must run, e.g. "
                f'aws = {{ source = "hashicorp/aws", version = ">= {shown}" }} in '
                "required_providers (the raise_provider_constraint option writes it)"
            )
        else:
            advice = (
                f"raise the hashicorp/aws constraint to {_root_for(floor)} (a reusable module: "
                f"widen it to admit >= {shown}; the raise_provider_constraint option does "
                "either), run `terraform init -upgrade`"
            )
        return self.manual(
            path,
            bucket,
            f"{BUCKET}.{bucket.labels[1]}: {what} is set inline, and "
            f"{version.explain(ctx, resource, argument)}: {advice}, then run this again "
            f"({self.section})",
        )

    def _import(
        self,
        ctx: ModuleContext,
        bucket: n.Block,
        new: str,
        suffix: str,
        condition: str | None = None,
    ) -> str:
        """Record the one-off import of ``new`` in the module's imports file; what the
        finding says about it (complete on its own: it is the PR's text too). A
        resource that exists only where ``condition`` holds is imported by commands,
        to be run where it does (an import block would fail where it does not)."""
        plan = plan_import(ctx, bucket, new, suffix, lambda v: _import_terraform(ctx, v), condition)
        if plan.block is None and not plan.commands:
            return "; nothing to import (the bucket has no instances)"
        written = record(ctx, plan)
        if plan.block is not None:
            if written is None:
                block = " ".join(plan.block.split())
                return (
                    f"; {IMPORTS_FILE} is not part of this run: to import it, add "
                    f"`{block}` there ({ONCE})"
                )
            return f"; its one-off import block is in {IMPORTS_FILE}: {ONCE}"
        commands = _shown_commands(plan.commands)
        where = f", listed in {IMPORTS_FILE}," if written is not None else ""
        return (
            f"; to import it (optional: creating it applies the same settings), run {commands}"
            f"{where} once in each environment whose bucket exists already ({_IMPORT})"
        )


def _shown_commands(commands: Sequence[str]) -> str:
    """Import entries (``ADDRESS: terraform import ... (hint)``) as a finding quotes them."""
    return "; ".join(
        f"`{c.split(': ', 1)[1].split(' (')[0]}`"
        + (f" ({c.split(' (', 1)[1]}" if " (" in c else "")
        for c in commands
    )


def _terraform_written(ctx: ModuleContext) -> bool:
    """Whether the module states which Terraform runs it (``required_version``)."""
    return any(
        block.body.attribute("required_version") is not None
        for module in ctx.files.values()
        for block in module.body.blocks_of_type("terraform")
    )


def _import_terraform(ctx: ModuleContext, wanted: Version) -> bool:
    """Whether ``required_version`` ensures a Terraform that reads an import block of the
    form that needs ``wanted`` (1.5 a literal id, 1.6 an expression, 1.7 for_each). A
    module that states none admits every Terraform, and an older one refuses the whole
    file ("Unsupported block type"); the import is optional, so it then gets the
    commands, never a block that may fail its plan."""
    return _terraform_written(ctx) and terraform_guarantees(ctx, wanted)


def allows_before_4_0(ctx: ModuleContext) -> bool:
    """True when the module may run an AWS provider before 4.0. Those versions'
    aws_s3_bucket still manages the settings v4 moved out (3.75 only added the new
    resources; 4.0 made the bucket's arguments computed): one left out of the bucket
    is taken back, that is removed, on its next update, unless the bucket ignores
    changes to it."""
    allowed = version.allowed(ctx)
    if allowed.locked is not None:
        return allowed.locked < _V4
    if not allowed.text:
        # No constraint: a root module's init takes the newest provider; a module that
        # may be called runs whatever its callers pinned.
        return version.possibly_called(ctx)
    return allowed.low < _V4


def _v3_may_run(ctx: ModuleContext, raised: bool) -> bool:
    """:func:`allows_before_4_0`, or, when this run has just written the constraint (the
    analysis does not show it yet), whether what is written now admits a 3.x provider
    (a reusable module's floor ``>= 3.75`` does; a lock file on 3.75+ satisfies it)."""
    if not raised:
        return allows_before_4_0(ctx)
    return version.written_low(ctx.files) < _V4


def _guard_note(names: Sequence[str], resource: str) -> str:
    listed = ", ".join(names)
    return (
        "the module allows AWS provider versions before 4.0, whose aws_s3_bucket still "
        f"manages {listed}: it reads the live setting back and removes what the "
        "configuration no longer sets on the bucket's next update (a policy by "
        "DeleteBucketPolicy, lifecycle rules by DeleteBucketLifecycle), so the bucket now "
        f"has `lifecycle {{ ignore_changes = [{listed}] }}` and {resource} alone manages "
        "it, as the 3.75 documentation of the new resources asks; from 4.0 on the argument "
        "is computed and the line can go "
        "(https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/"
        "version-4-upgrade#changes-to-s3-bucket-drift-detection)"
    )


def ignored_names(bucket: n.Block) -> set[str]:
    """The arguments ``bucket``'s ``lifecycle { ignore_changes }`` lists (``{"all"}`` for
    ``all``), by their first name (``lifecycle_rule[0]`` is ``lifecycle_rule``)."""
    found: set[str] = set()
    for lifecycle in bucket.body.blocks_of_type("lifecycle"):
        ignore = lifecycle.body.attribute("ignore_changes")
        if ignore is None:
            continue
        value = ignore.value
        if not isinstance(value, n.Tuple):
            found.add(value.code.strip().strip('"'))
            continue
        for element in value.elements:
            name = re.match(r'\s*"?([A-Za-z_][\w-]*)', element.code)
            if name:
                found.add(name.group(1))
    return found


def ignore_changes(bucket: n.Block, name: str) -> None:
    """Make ``bucket``'s ``lifecycle { ignore_changes }`` list ``name``: added to the list,
    to a ``lifecycle`` block without one, or as a new ``lifecycle`` block at the end."""
    for lifecycle in bucket.body.blocks_of_type("lifecycle"):
        ignore = lifecycle.body.attribute("ignore_changes")
        if ignore is None:
            edit.insert(lifecycle, f"ignore_changes = [{name}]", before=lifecycle.body.items[0])
            return
        value = ignore.value
        if not isinstance(value, n.Tuple):
            return  # ignore_changes = all
        if any(e.code.strip().strip('"') == name for e in value.elements):
            return
        items = [e.code.strip() for e in value.elements]
        edit.set_value(ignore, f"[{', '.join([*items, name])}]")
        return
    edit.append(bucket, f"lifecycle {{\n  ignore_changes = [{name}]\n}}", blank_line=True)


def _comments(bucket: n.Block, item: n.Attribute | n.Block) -> list[str]:
    """The comments of a moved ``item``, one line each: the run right above it (which
    ``edit.remove`` takes with it), those inside it and the one after it on its line.
    Written out again with the setting (or kept in the bucket) they are not lost: they
    often say why a value is what it is, or name a compliance control."""
    children = bucket.body.children
    i = next(k for k, child in enumerate(children) if child is item)
    pres = [edit.split_leading(item.first_token.pre, i > 0)[2]]
    pres += [t.pre for t in list(item.tokens())[1:]]
    after = children[i + 1] if i + 1 < len(children) else None
    if isinstance(after, Token):
        pres.append(after.pre)  # the rest of the item's last line
    return [line.strip() for pre in pres for line in pre.splitlines() if line.strip()]


def _keep_comments(bucket: n.Block, item: n.Attribute | n.Block) -> None:
    """Leave ``item``'s comments in ``bucket`` when it is removed with nothing replacing
    it: a blank line between them and the item keeps them where they are."""
    comments = _comments(bucket, item)
    if not comments:
        return
    token = item.first_token
    starts_line = bucket.body.children[0] is not item
    first, stay, own = edit.split_leading(token.pre, starts_line)
    indent = own.split("\n")[-1]
    eol = "\r\n" if "\r" in token.pre else "\n"
    kept = "".join(f"{indent}{c}{eol}" for c in comments)
    token.pre = first + "".join(line + "\n" for line in stay) + kept + eol + indent
    edit.touched(item)


def add_depends_on(block: n.Block, address: str) -> bool:
    """Make ``block`` wait for ``address``: added to its ``depends_on`` list, or a new
    ``depends_on`` before its closing blocks (``lifecycle``, ...). False when it cannot
    (``depends_on`` that is not a list) or already does."""
    existing = block.body.attribute("depends_on")
    if existing is not None:
        value = existing.value
        if not isinstance(value, n.Tuple):
            return False
        items = [e.code.strip() for e in value.elements]
        if address in items:
            return False
        edit.set_value(existing, f"[{', '.join([*items, address])}]")
        return True
    text = f"depends_on = [{address}]"
    closing = [b for b in block.body.blocks if b.type in placement.TRAILING_BLOCKS]
    if closing:
        edit.insert(block, text, before=closing[0], blank_line_after=True)
    else:
        edit.append(block, text, blank_line=True)
    return True


@dataclass
class _Built:
    """The new resource of a split: its address, text and parsed block, the
    prerequisites to write before it (parsed), and what they all need of
    the provider ((resource type, dotted argument path), as the version table asks)."""

    address: str
    text: str
    block: n.Block
    prerequisites: list[n.Block]
    needs: list[tuple[str, str | None]]


def _prerequisite_text(
    ctx: ModuleContext, type_: str, body: list[str], head: list[str], ref: str, label: str
) -> str:
    """A ``type_`` resource for the bucket the new resource depends on (the module has
    none): written after the bucket's last companion, following the bucket."""
    new_label = free_label(resource_labels(ctx.analysis, type_), label)
    lines = [f'resource "{type_}" "{new_label}" {{']
    if head:
        lines += [*(f"  {h}" for h in head), ""]
    lines += [f"  bucket = {ref}.id", ""]
    lines += [_indented(line) for line in body]
    lines.append("}")
    return "\n".join(lines)


def _line_ends(text: str, body: Sequence[str], eol: str) -> str:
    """``text`` with the module's line ends where it carries heredoc lines (their text
    keeps its line ends exactly; the layout sets the others)."""
    if eol == "\r\n" and any(line.startswith(RAW) for line in body):
        return text.replace("\n", "\r\n")
    return text


def raise_constraint(
    ctx: ModuleContext,
    root: str = "~> 4.0",
    *,
    widen: bool = True,
    floor: Version = (3, 75, 0),
    path: str | None = None,
) -> str | None:
    """Make the module's hashicorp/aws ``required_providers`` constraint admit only
    versions with the split resources; what was done, or None.

    A root module is upgraded (``root``: ``~> 4.0``); a reusable module keeps
    admitting every version its callers may use that has the resources (``>= 3.75``,
    its own upper bound when that is 5.0 or higher, else ``< 5.0``), or is left as
    it is when not ``widen`` (None). A module that states no AWS provider version
    at all gets one: ``root`` in a root module, in a reusable one the ``floor`` alone
    (an upper bound would shut out callers on a later major version that the code
    still suits). It goes into the ``aws`` entry when there is one without a version,
    else into the module's ``terraform`` block, else into a new one at the top of
    ``path`` (the file of the code that needs it). The lock file is
    ``terraform init -upgrade``'s to change.

    Asked again before the module is analysed anew (the next bucket of the same
    round), it answers what it did the first time instead of raising again.
    """
    memo: dict[bool, tuple[Version, str | None]] = ctx.analysis.__dict__.setdefault(
        "_raised_constraint", {}
    )
    done = memo.get(widen)
    if done is None or (done[1] is not None and done[0] < floor):
        # A later bucket of the round that writes something newer (routing_rules after
        # a plain split) raises the constraint written for the first one again.
        memo[widen] = (floor, _raise_constraint(ctx, root, widen, floor, path))
    return memo[widen][1]


def _raise_constraint(
    ctx: ModuleContext, root: str, widen: bool, floor: Version, path: str | None
) -> str | None:
    deployment = module_use(ctx.directory, dict(ctx.files), ctx.analysis).is_deployment
    if not deployment and not widen:
        return None
    where = "root module" if deployment else "reusable module"
    then = "run `terraform init -upgrade` to update .terraform.lock.hcl"
    entries = [
        (required, attribute)
        for module_path, module in _plain_files(ctx)
        for block in module.body.blocks_of_type("terraform")
        for required in block.body.blocks_of_type("required_providers")
        for attribute in required.body.attributes
        if attribute.name == "aws"
    ]
    for _required, attribute in entries:
        value = attribute.value
        old: str | None
        target: n.Expression
        parent: n.Node
        if isinstance(value, n.TemplateString):
            old, target, parent = value.literal_value(), value, attribute
        elif isinstance(value, n.Object):
            if not _hashicorp_aws(value):
                return None  # the local name "aws" is another provider here
            items = [i for i in value.items if i.key_name() == "version"]
            if not items:
                continue
            old, target, parent = m.string_value(items[0].value), items[0].value, items[0]
        else:
            continue
        if old is None:
            continue
        new = root if deployment else _widened(old, floor)
        edit.replace(parent, target, edit.quoted(new))
        return f'hashicorp/aws constraint "{old}" is now "{new}" ({where}); {then}'
    if version.allowed(ctx).text:
        return None  # constrained elsewhere (a provider block's deprecated version)
    new = root if deployment else f">= {_shown(floor)}"
    how = (
        f"{where}: a floor only, so that callers on any later provider keep working"
        if not deployment
        else where
    )
    said = f'hashicorp/aws constraint "{new}" added to required_providers ({how}); {then}'
    for _required, attribute in entries:
        value = attribute.value
        if not isinstance(value, n.Object):
            return None
        _add_version(attribute, value, new)
        return said
    entry = f'aws = {{\n  source  = "hashicorp/aws"\n  version = "{new}"\n}}'
    required_blocks = [r for _p, module in _plain_files(ctx) for r in _required_blocks(module)]
    if required_blocks:
        edit.append(required_blocks[0], entry)
        return said
    block = f"required_providers {{\n{_nested(entry)}\n}}"
    terraform = [
        t for _p, module in _plain_files(ctx) for t in module.body.blocks_of_type("terraform")
    ]
    if terraform:
        _insert_required_providers(terraform[0], block)
        return said
    target_path = _versions_file(ctx, path)
    if target_path is None:
        return None
    module = ctx.files[target_path]
    text = f"terraform {{\n{_nested(block)}\n}}"
    if module.body.items:
        edit.insert(module, text, before=module.body.items[0], blank_line_after=True)
    else:
        edit.append(module, text)
    return said


def _plain_files(ctx: ModuleContext) -> list[tuple[str, n.Module]]:
    """The module's HCL files where a constraint is written and may be edited: not JSON
    (read-only here), not override files (which replace what others say), not the
    one-off imports file (deleted once applied)."""
    out = []
    for path, module in ctx.files.items():
        name = path.replace("\\", "/").rsplit("/", 1)[-1]
        if not name.endswith(".tf") or name == IMPORTS_FILE:
            continue
        if name == "override.tf" or name.endswith("_override.tf"):
            continue
        out.append((path, module))
    return out


def _hashicorp_aws(entry: n.Object) -> bool:
    """Whether a ``required_providers`` entry is hashicorp/aws (no ``source``: the
    local name ``aws`` means it)."""
    found = [i.value for i in entry.items if i.key_name() == "source"]
    source = m.string_value(found[0]) if found else None
    if found and source is None:
        return False
    return source is None or version.is_hashicorp(source)


def _required_blocks(module: n.Module) -> list[n.Block]:
    return [
        required
        for block in module.body.blocks_of_type("terraform")
        for required in block.body.blocks_of_type("required_providers")
    ]


def _nested(text: str) -> str:
    return "\n".join(f"  {line}" if line else "" for line in text.split("\n"))


def _add_version(attribute: n.Attribute, value: n.Object, new: str) -> None:
    """Give an ``aws = { source = ... }`` entry a ``version``, in the object's own shape
    (one line, or one item per line)."""
    code = value.code.strip()
    pair = f"version = {edit.quoted(new)}"
    if not value.items:
        text = f"{{ {pair} }}"
    elif "\n" not in code:
        inner = code[1:-1].strip().rstrip(",")
        text = f"{{ {inner}, {pair} }}"
    else:
        text = code[: code.rindex("}")].rstrip() + f"\n{pair}\n}}"
    edit.set_value(attribute, text)


def _insert_required_providers(terraform: n.Block, text: str) -> None:
    """``required_providers`` where the Terraform documentation writes it: after
    ``required_version``, before ``backend``/``cloud`` and the other nested blocks."""
    anchor = terraform.body.attribute("required_version")
    if anchor is not None:
        edit.insert(terraform, text, after=anchor, blank_line=True, blank_line_after=True)
    elif terraform.body.items:
        edit.insert(terraform, text, before=terraform.body.items[0], blank_line_after=True)
    else:
        edit.append(terraform, text)


def _versions_file(ctx: ModuleContext, path: str | None) -> str | None:
    """The file a new ``terraform`` block goes into: ``versions.tf`` or ``terraform.tf``
    when the module keeps one, else ``path``, else ``main.tf``, else the first file."""
    plain = [p for p, _m in _plain_files(ctx)]
    for name in ("versions.tf", "terraform.tf"):
        found = ctx.file_named(name)
        if found is not None and found in plain:
            return found
    if path is not None and path in plain:
        return path
    found = ctx.file_named("main.tf")
    if found is not None and found in plain:
        return found
    return plain[0] if plain else None


def _widened(old: str, floor: Version = (3, 75, 0)) -> str:
    high = range_of(old)[1]
    low = _shown(floor)
    if high is None:
        return f">= {low}"
    if high >= (5, 0, 0):
        return f">= {low}, < {_shown(high)}"
    return f">= {low}, < 5.0"


def _raised_floor(needs: Iterable[tuple[str, str | None]]) -> Version:
    """The lowest version a raised constraint admits: 3.75, the first with the new
    resources (a 3.x provider still gets the bucket's ``ignore_changes`` guard, see
    :func:`_v3_may_run`), or the newest first version of what is written
    (routing_rules: 4.15, object_lock_enabled: 4.5)."""
    return max([(3, 75, 0), *(version.raise_floor(*need) for need in needs)])


def _root_for(floor: Version) -> str:
    """The constraint a root module is raised to: ``~> 4.0``, or the 4.x release that
    brought what is written (``~> 4.15`` for routing_rules)."""
    if floor <= (4, 0, 0):
        return "~> 4.0"
    return f"~> {floor[0]}.{floor[1]}"


def users_of(
    ctx: ModuleContext, label: str, types: Sequence[str], attribute: str | None = None
) -> list[n.Block]:
    """The module's resources of ``types`` that use ``aws_s3_bucket.<label>`` (in their
    ``attribute`` when given, else anywhere): with a setting inline, referencing the
    bucket ordered them after it; as its own resource, only ``depends_on`` does."""
    found = []
    for type_ in types:
        for _path, block in ctx.analysis.resources(type_):
            where: object = block
            if attribute is not None:
                value = block.body.attribute(attribute)
                if value is None:
                    continue
                where = value.value
            if any(
                t.names()[:2] == [BUCKET, label]
                for t in edit.traversals(where)  # type: ignore[arg-type]
            ):
                found.append(block)
    return found


OBJECTS = ("aws_s3_bucket_object", "aws_s3_object", "aws_s3_object_copy")


def code_with(node: n.Node, replace: Callable[[n.Node], str | None], *, flat: bool = False) -> str:
    """``node``'s source text (its own leading trivia left out) with every node of it
    (itself too) for which ``replace`` gives text written as that text, the replaced node's leading
    trivia kept. Built from the tree, not by patching the text: a string or a comment
    that reads like the replaced code stays as it is, and a value spread over several
    lines is the same one node as on one line. ``flat``: a line break between tokens
    is one space, or none inside brackets (the caller has made sure no comment is
    there), the text inside strings kept exactly."""
    parts: list[str] = []
    stack: list[n.Node | Token] = [node]
    first = True
    while stack:
        child = stack.pop()
        new = None if isinstance(child, Token) else replace(child)
        if isinstance(child, Token) or new is not None:
            pre = child.pre if isinstance(child, Token) else child.first_token.pre
            text = child.text if isinstance(child, Token) else new or ""
            if first:
                pre = ""
            elif flat and "\n" in pre:
                tight = parts[-1][-1:] in ("(", "[", "{") or text[:1] in (")", "]", "}", ",")
                pre = "" if tight else " "
            parts.append(pre + text)
            first = False
            continue
        stack.extend(reversed(child.children))
    return "".join(parts)


def null_as(ctx: ModuleContext, expr: n.Expression, default: str) -> str | None:
    """``expr`` written so that where it is null it is ``default`` (a literal: what v3
    sent, or meant, without the argument), or None when it cannot be null. A null
    branch or fallback is replaced; anything else is tested. The rest of ``expr`` is
    kept as written, over as many lines as it had (:func:`code_with`)."""
    if nullable(ctx, expr) is None:
        return None
    inner = expr
    while isinstance(inner, n.Parens):
        inner = inner.expr
    if isinstance(inner, n.Literal):
        return default
    if isinstance(inner, n.Conditional):
        replaced: dict[int, str] = {}
        for branch in (inner.true_result, inner.false_result):
            fixed = null_as(ctx, branch, default)
            if fixed is not None:
                grouped = isinstance(_parsed_or_none(fixed), n.Conditional)
                replaced[id(branch)] = f"({fixed})" if grouped else fixed
        return code_with(expr, lambda node: replaced.get(id(node)))
    # Anything else is tested as a whole: lookup's default applies only to a missing
    # key and try's fallback only to an error, so lookup(m, "k", "") is still null
    # where m holds k = null (an optional() attribute not set).
    code = one_line(expr)
    tested = f"({code})" if inner is expr and isinstance(inner, n.Binary) else code
    return f"{tested} == null ? {default} : {code}"


def one_line(expr: n.Node) -> str:
    """``expr`` on one line where it can be (no comment or heredoc inside: their line
    ends are part of them), else as written."""
    tokens = list(expr.tokens())
    if any(t.comments for t in tokens[1:]) or any(t.type.startswith("HEREDOC") for t in tokens):
        return expr.code.strip()
    return code_with(expr, lambda node: None, flat=True)


# Functions whose result is null only where an argument is null, or never: a string,
# number or collection function errors on null rather than returning it.
_NULL_THROUGH = frozenset({"lookup", "try", "one", "element", "can"})


def nullable(ctx: ModuleContext, expr: n.Expression) -> str | None:
    """How ``expr`` can be null, or None when the code shows it cannot: what
    :func:`may_be_null` says, and also a value read out of an input that the module
    does not fix (``var.logging.target_prefix``, an ``optional()`` attribute or one a
    caller sets to null; ``lookup(m, "k", x)`` where ``m`` holds ``k``). For an argument
    v3 had optional and v4 requires, where a null fails the plan."""
    found = may_be_null(ctx, expr)
    if found is not None:
        return found
    inner = expr
    while isinstance(inner, n.Parens):
        inner = inner.expr
    if isinstance(inner, n.Conditional):
        for branch in (inner.true_result, inner.false_result):
            found = nullable(ctx, branch)
            if found is not None:
                return found
        return None
    if not isinstance(inner, (n.Traversal, n.Call)):
        return None  # a literal, template, operation or collection: never null
    if isinstance(inner, n.Call) and inner.name not in _NULL_THROUGH:
        return None
    value = PartialEvaluator(ctx.analysis).value(inner)
    if value is not None and not isinstance(value, (Unknown, OneOf)):
        return None  # the module fixes it
    if isinstance(inner, n.Call):
        return f"reads a value with {inner.name}(), which is null where the value is"
    root = inner.root
    if isinstance(root, n.Variable) and root.name in ("var", "local", "each"):
        if len(inner.steps) < 2:
            return None  # the input itself: may_be_null knows its default
        return (
            "reads an attribute of an input, which is null where it is not set (optional()) "
            "or set to null"
        )
    if isinstance(root, n.Variable):
        return None  # a resource's or a data source's attribute
    return "reads an element of an input, which may be null"


def _parsed_or_none(text: str) -> n.Expression | None:
    try:
        return parse_expression(text)
    except ParseError:
        return None


_META = frozenset({"for_each", "iterator", "count", "depends_on", "provider", "lifecycle"})


def written_arguments(body: n.Body) -> list[str]:
    """Every argument and nested block a new resource's ``body`` writes, as dotted paths
    (``rule.destination.encryption_configuration.replica_kms_key_id``; a dynamic block
    counts as the block it makes, meta-arguments and the bucket not at all), for the
    version table: an argument can come to the provider later than its resource. Read
    from the parsed tree that is inserted, so multi-line expressions and heredocs count
    as the one value they are, and nothing written goes unasked."""
    found: list[str] = []

    def visit(body: n.Body, prefix: str) -> None:
        for item in body.items:
            if isinstance(item, n.Attribute):
                if item.name not in _META:
                    found.append(prefix + item.name)
            elif isinstance(item, n.Block):
                if item.type == "dynamic" and item.labels:
                    name = item.labels[0]
                    content = item.body.blocks_of_type("content")
                    inner = content[0].body if content else None
                else:
                    name, inner = item.type, item.body
                if name in _META:
                    continue
                found.append(prefix + name)
                if inner is not None:
                    visit(inner, f"{prefix}{name}.")

    visit(body, "")
    return [p for p in dict.fromkeys(found) if p != "bucket"]


def _indented(line: str) -> str:
    if line.startswith(RAW):
        return line[len(RAW) :]
    return f"  {line}" if line else ""


def _name(item: n.Attribute | n.Block) -> str:
    return item.name if isinstance(item, n.Attribute) else block_type(item)


def iteration(
    bucket: n.Block, items: Sequence[n.Attribute | n.Block] = (), condition: str | None = None
) -> tuple[list[str], str, bool, bool]:
    """(meta-argument lines, reference to the matching bucket instance, repeated, moved text
    uses each.value): a resource made for a bucket (its split-out arguments ``items``, or a
    baseline companion) lives where its bucket does (same provider configuration) and has
    one instance per bucket instance; where ``condition`` holds only, when given (a
    dynamic block's setting)."""
    name = f"{BUCKET}.{bucket.labels[1]}"
    head: list[str] = []
    provider = bucket.body.attribute("provider")
    if provider is not None:
        head.append(f"provider = {provider.value.code.strip()}")
    # Provider 6 manages each resource in its own `region` when it has one (else the
    # provider's): a companion without the bucket's region would be sent to another
    # regional endpoint (S3 answers PermanentRedirect). Before 6.0 a bucket cannot
    # set `region` at all, so a bucket that has it is written for 6.x.
    # https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/enhanced-region-support
    region = bucket.body.attribute("region")
    if region is not None:
        head.append(f"region = {region.value.code.strip()}")
    count = bucket.body.attribute("count")
    if count is not None:
        code = count.value.code.strip()
        if "\n" in code:
            code = f"length({name})"
        if condition is not None:
            code = f"{_test(condition)} ? {code if _simple(code) else f'({code})'} : 0"
        return [*head, f"count = {code}"], f"{name}[count.index]", True, False
    for_each = bucket.body.attribute("for_each")
    if for_each is not None:
        each_value = condition is not None or any(
            t.root_name() == "each" and t.names()[1:2] == ["value"]
            for item in items
            for t in edit.traversals(item)
        )
        # each.value in the moved text means the bucket's own for_each value: keep it.
        source = " ".join(for_each.value.code.split()) if each_value else name
        if condition is not None:
            test = _each_as(condition, {"key": "k", "value": "v"})
            source = f"{{ for k, v in {source} : k => v if {test} }}"
        return [*head, f"for_each = {source}"], f"{name}[each.key]", True, each_value
    if condition is not None:
        return [*head, f"count = {_test(condition)} ? 1 : 0"], name, False, False
    return head, name, False, False


def _each_as(condition: str, names: dict[str, str]) -> str:
    """``condition`` reading a for expression's variables where it read ``each.key`` /
    ``each.value`` (``names``: key/value -> variable), by its references."""

    def one(node: n.Node) -> str | None:
        if not isinstance(node, n.Traversal) or node.root_name() != "each" or not node.steps:
            return None
        step = node.steps[0]
        if not isinstance(step, n.GetAttr) or step.name not in names:
            return None
        return names[step.name] + "".join(s.code for s in node.steps[1:])

    return code_with(parse_expression(condition), one)


# Declared types of an input whose use as a whole in a condition is taken as known
# at plan: a collection or object a caller builds (``var.x == null`` is known where
# its elements are not), and a switch (a bool input is how a module is told to make a
# resource, as opposed to a name or an ARN, which often come from a resource).
_KNOWN_TYPE = re.compile(r"\s*(bool\s*$|(object|map|list|set|tuple)\s*\()")


def _unknown_condition(ctx: ModuleContext, condition: str) -> str | None:
    """Why ``condition`` (a new resource's count or for_each test) may be unknown while
    Terraform plans, or None: it reads a resource, data source or module output; or,
    in a module that may be called, an input a caller may set from one (a string,
    number or bool input, or an attribute of one, as opposed to a whole collection)."""
    try:
        expr = parse_expression(condition)
    except ParseError:
        return "cannot be read"
    found = unknown_at_plan(ctx, expr, {"each"})
    if found is not None:
        return found
    if module_use(ctx.directory, dict(ctx.files), ctx.analysis).is_deployment:
        return None  # a root module's variables are known when it plans
    return _caller_set(ctx, expr, set())


def _caller_set(ctx: ModuleContext, expr: n.Node, seen: set[str]) -> str | None:
    # A whole input counted or listed (length(var.rules)) is a collection the caller
    # builds: its size and keys are known where its elements may not be.
    counted: set[int] = set()
    for node in expr.walk():
        if isinstance(node, n.Call) and node.name in ("length", "keys"):
            for arg in node.args:
                counted.add(id(arg))
                # length(keys(lookup(var.x, "rule", {}))): the collection read out of it.
                if isinstance(arg, n.Call) and arg.name in ("lookup", "try") and arg.args:
                    counted.add(id(arg.args[0]))
    for t in edit.traversals(expr):
        names = t.names()
        name = names[1] if len(names) > 1 else None
        if names[0] == "local" and isinstance(name, str) and name not in seen:
            seen.add(name)
            local = ctx.analysis.local(name)
            found = _caller_set(ctx, local.value, seen) if local is not None else None
            if found is not None:
                return f"uses local.{name}, which {found}"
        if names[0] != "var" or not isinstance(name, str):
            continue
        declared = ctx.analysis.variable(name)
        type_ = declared.body.attribute("type") if declared is not None else None
        whole = len(t.steps) == 1
        if whole and (
            id(t) in counted or (type_ is not None and _KNOWN_TYPE.match(type_.value.code))
        ):
            continue
        shown = " ".join(t.code.split())
        return (
            f"reads `{shown}`, which a caller may set from a resource attribute that is "
            "known only after apply"
        )
    return None


# ---- dynamic blocks ----------------------------------------------------------------


def content_of(dynamic: n.Block) -> n.Block:
    """The ``content`` block of a ``dynamic`` block (checked by :func:`dynamic_problem`)."""
    return dynamic.body.blocks_of_type("content")[0]


def dynamic_problem(block: n.Block) -> str | None:
    """Why a ``dynamic`` block cannot be carried into a new resource, or None."""
    contents = block.body.blocks_of_type("content")
    if len(contents) != 1 or block.body.attribute("for_each") is None:
        return "has no for_each or not one content block"
    if block.body.attribute("labels") is not None:
        return "sets labels"
    return None


def source_of(block: n.Block) -> n.Block:
    """The block whose body holds the settings: ``block``, or a dynamic one's content."""
    return content_of(block) if block.type == "dynamic" else block


def wrap(block: n.Block, new_type: str, inner: list[str]) -> list[str]:
    """The lines of a ``new_type`` block holding ``inner`` (at depth 0) made from
    ``block``: written out when it was, else a dynamic block over the same
    ``for_each`` whose content keeps the old iterator name (``iterator = rules``
    when the type changes), so the moved expressions read the same element."""
    if block.type != "dynamic":
        if not inner:
            return [f"{new_type} {{}}"]
        return [f"{new_type} {{", *_deeper(inner, 1), "}"]
    for_each = block.body.attribute("for_each")
    assert for_each is not None
    lines = [f'dynamic "{new_type}" {{', *item_text(for_each, 1)]
    name = iterator_name(block)
    if name != new_type:
        lines.append(f"  iterator = {name}")
    return [*lines, "", "  content {", *_deeper(inner, 2), "  }", "}"]


def _deeper(lines: list[str], depth: int) -> list[str]:
    return [line if line.startswith(RAW) or not line else "  " * depth + line for line in lines]


def known_nonempty(ctx: ModuleContext, dynamic: n.Block) -> bool:
    """True when the module fixes the dynamic block's for_each to a non-empty collection."""
    for_each = dynamic.body.attribute("for_each")
    if for_each is None:
        return False
    value = PartialEvaluator(ctx.analysis, {}, inputs=False).value(for_each.value)
    return isinstance(value, (list, dict, tuple, set)) and len(value) > 0


def presence(ctx: ModuleContext, items: Sequence[n.Attribute | n.Block]) -> str | None:
    """When the new resource of a repeated setting exists: None when always (a block
    written out, or a dynamic one over a collection the module fixes non-empty),
    else the condition that one of the dynamic blocks makes a block (the resources
    refuse an empty list of rules, where v3 simply set none)."""
    conditions = []
    for item in items:
        if not isinstance(item, n.Block) or item.type != "dynamic" or known_nonempty(ctx, item):
            return None
        for_each = item.body.attribute("for_each")
        assert for_each is not None
        conditions.append(f"length({' '.join(for_each.value.code.split())}) > 0")
    return " || ".join(conditions)


def operand(value: n.Expression) -> str:
    """``value``'s text, parenthesised when it is a conditional or a binary operation:
    copied in front of `` ? ... : ...`` or ``== null``, HCL would otherwise read
    ``a ? true : false ? "Enabled" : "Disabled"`` as ``a ? true : (false ? ...)``
    (the conditional groups to the right, comparisons bind tighter than ``?:``)."""
    code = value.code.strip()
    return f"({code})" if isinstance(value, (n.Conditional, n.Binary)) else code


def optional_block(
    name: str, field: str, value: n.Expression, ctx: ModuleContext | None = None
) -> list[str]:
    """``name { field = value }``; where ``value`` may be null (``lookup(x, "k", null)``,
    ``try(..., null)``, a variable defaulting to null), whose v3 argument was then
    simply not set, a dynamic block that exists only where it is not null (v4 requires
    the field)."""
    code = value.code.strip()
    null = ctx is not None and nullable(ctx, value) is not None
    if not null and not re.search(r"\bnull\b", code):
        return [f"{name} {{", f"  {field} = {code}", "}"]
    code = " ".join(code.split())
    test = " ".join(operand(value).split())
    return [
        f'dynamic "{name}" {{',
        f"  for_each = {test} == null ? [] : [{code}]",
        "",
        "  content {",
        f"    {field} = {name}.value",
        "  }",
        "}",
    ]


def tags_filter(
    prefix: n.Attribute | None, tags: n.Attribute, ctx: ModuleContext | None = None
) -> list[str]:
    """The v4 ``filter`` of a v3 lifecycle or replication rule whose ``tags`` is an
    expression: v3 sent ``And { Prefix, Tags }`` when the tags were not empty and a
    plain ``Prefix`` otherwise, which v4 writes as ``and`` or ``prefix``; which one
    is known only once the tags are, so the filter says both, by condition."""
    code = " ".join(tags.value.code.split())
    some = f"try(length({code}), 0) > 0"
    if ctx is not None and not terraform_guarantees(ctx, _TRY_FUNCTION):
        # try() came with Terraform 0.12.20; the module admits older ones.
        some = f"length({code} == null ? {{}} : {code}) > 0"
    lines = ["filter {"]
    if prefix is not None:
        lines += [f"  prefix = {some} ? null : {prefix.value.code.strip()}", ""]
    lines += ['  dynamic "and" {', f"    for_each = {some} ? [1] : []", "", "    content {"]
    # v3's And always had a Prefix ("" when none was set): with a single tag it is the
    # second predicate that S3 asks of an And.
    value = prefix.value.code.strip() if prefix is not None else '""'
    lines.append(f"      prefix = {value}")
    lines += [f"      tags   = {tags.value.code.strip()}", "    }", "  }", "}"]
    return lines


@dataclass
class Single:
    """A dynamic block of a setting the bucket has at most one of: the condition under
    which it makes its block, and what its iterator's value and key stand for."""

    iterator: str
    condition: str
    value: str
    key: str

    def replace(self, node: n.Node) -> str | None:
        """What ``node`` is written as where the moved text reads the iterator: the
        element for ``<iterator>.value`` (and ``.key``), the steps after it kept. Only
        references count (a string that reads like one is text), over any lines."""
        if not isinstance(node, n.Traversal):
            return None
        root, steps = node.root, node.steps
        if not (isinstance(root, n.Variable) and root.name == self.iterator and steps):
            return None
        first = steps[0]
        if not isinstance(first, n.GetAttr) or first.name not in ("value", "key"):
            return None
        head = self.value if first.name == "value" else self.key
        return head + "".join(step.code for step in steps[1:])

    def applied(self, block: n.Block) -> n.Block:
        """``block`` (the dynamic block's content) as it reads with the element in place
        of the iterator: a new tree, the translation is made from (never patched after).
        Raises ParseError if the result is not HCL."""
        text = " " * (block.column - 1) + code_with(block, self.replace)
        (made,) = parse(text + "\n", path="<content>").body.blocks
        return made


def single_element(dynamic: n.Block, ctx: ModuleContext | None = None) -> Single:
    """What a dynamic block of a one-only setting amounts to: ``c ? [x] : []`` is
    ``x`` where ``c`` holds; any other collection its only element, where it has one
    (v3 refused more). That element is read with ``one()`` where the module's
    ``required_version`` ensures Terraform 0.15 (or states none: a current one), else
    by index (``[0]``: read only where the count made the resource, so where there is
    one), as Terraform 0.12 to 0.14 have no ``one``
    (https://developer.hashicorp.com/terraform/language/functions/one)."""
    for_each = dynamic.body.attribute("for_each")
    assert for_each is not None
    value = for_each.value
    while isinstance(value, n.Parens):
        value = value.children[1]  # type: ignore[assignment]
    name = iterator_name(dynamic)
    if isinstance(value, n.Conditional):
        yes, no = value.true_result, value.false_result
        condition = " ".join(value.condition.code.split())
        for one, empty, test in ((yes, no, condition), (no, yes, _negated(value.condition))):
            if (
                isinstance(one, n.Tuple)
                and len(one.elements) == 1
                and isinstance(empty, n.Tuple)
                and not empty.elements
            ):
                element = " ".join(one.elements[0].code.split())
                if not _simple(element):
                    element = f"({element})"
                return Single(name, test, element, "0")
    code = " ".join(value.code.split())
    if ctx is not None and not terraform_guarantees(ctx, _ONE_FUNCTION):
        return Single(
            name, f"length({code}) > 0", f"[for v in {code} : v][0]", f"[for k, v in {code} : k][0]"
        )
    return Single(
        name,
        f"length({code}) > 0",
        f"one([for v in {code} : v])",
        f"one([for k, v in {code} : k])",
    )


_ONE_FUNCTION: Version = (0, 15, 0)  # Terraform's one(): 0.15 and later
# Terraform's try(): 0.12.20 and later
# (https://developer.hashicorp.com/terraform/language/functions/try).
_TRY_FUNCTION: Version = (0, 12, 20)


def _negated(condition: n.Expression) -> str:
    """``condition`` negated, as a person writes it (``a == b`` is ``a != b``)."""
    if isinstance(condition, n.Binary) and condition.operator in ("==", "!="):
        operator = "!=" if condition.operator == "==" else "=="
        left, right = (" ".join(e.code.split()) for e in (condition.left, condition.right))
        return f"{left} {operator} {right}"
    return f"!({' '.join(condition.code.split())})"


def _test(condition: str) -> str:
    """``condition`` as the test of a conditional: grouped when it is a conditional
    itself, as the parser reads it (not a scan for ``?`` that strings and templates
    would fool)."""
    try:
        top = parse_expression(condition)
    except ParseError:
        return f"({condition})"
    return f"({condition})" if isinstance(top, n.Conditional) else condition


def _conjunct(condition: str) -> str:
    """``condition`` as an operand of ``&&``: grouped when the parser reads it as a
    conditional or an ``||`` (both bind more loosely than ``&&``)."""
    try:
        top = parse_expression(condition)
    except ParseError:
        return f"({condition})"
    loose = isinstance(top, n.Conditional) or (isinstance(top, n.Binary) and top.operator == "||")
    return f"({condition})" if loose else condition


def _simple(code: str) -> bool:
    return re.fullmatch(r"[\w.\[\]\"-]+", code) is not None


def _traversals_with_parent(root: n.Node) -> Iterator[tuple[n.Node, n.Traversal]]:
    for node in root.walk():
        for child in node.children:
            if isinstance(child, n.Traversal):
                yield node, child


def _bucket_reads(root: n.Node) -> list[tuple[n.Node, n.Traversal]]:
    """(parent, traversal) of each traversal under ``root`` rooted at the bucket type."""
    return [(p, t) for p, t in _traversals_with_parent(root) if t.root_name() == BUCKET]


def _old_read(t: n.Traversal, owned: Sequence[str]) -> tuple[str, str, str] | None:
    """(bucket label, instance key as written, the rest normalised) of a reference that
    reads one of the ``owned`` attributes of an ``aws_s3_bucket``, else None."""
    if t.root_name() != BUCKET:
        return None
    steps = t.steps
    if not steps or not isinstance(steps[0], n.GetAttr):
        return None
    index = 1
    instance = ""
    if index < len(steps) and isinstance(
        steps[index], (n.Index, n.LegacyIndex, n.FullSplat, n.AttrSplat)
    ):
        instance = "".join(steps[index].code.split())
        if isinstance(steps[index], n.LegacyIndex):
            instance = f"[{instance.lstrip('.')}]"
        index += 1
    attribute = steps[index] if index < len(steps) else None
    if not isinstance(attribute, n.GetAttr) or attribute.name not in owned:
        return None
    tail = "".join("".join(step.code.split()) for step in steps[index:])
    tail = re.sub(r"\.(\d+)(?=\.|\[|$)", r"[\1]", tail)  # legacy .0 is [0]
    return steps[0].name, instance, tail


# What a caller passes to a service as the bucket: its name, ARN, or the whole object.
_IDENTITY = frozenset({"id", "arn", "bucket"})


def bucket_outputs(ctx: ModuleContext, label: str) -> list[n.Block]:
    """The module's outputs that hand ``aws_s3_bucket.<label>`` itself to callers (its
    id, arn, bucket, or the object); not those reading other attributes (the policy
    read follows the new resource, which the output then waits for anyway). With the
    setting inline, such an output was known only once the bucket had it; a caller may
    hand the bucket to a service that checks the setting."""

    def identity(t: n.Traversal) -> bool:
        names = t.names()
        if names[:2] != ["aws_s3_bucket", label]:
            return False
        rest = [x for x in names[2:] if x not in (None, "*")]
        return not rest or rest[0] in _IDENTITY

    # Through locals too: `value = local.bucket_id` hands the bucket out all the same.
    return [
        block
        for module in ctx.files.values()
        for block in module.body.blocks_of_type("output")
        if any(identity(t) for t in traversals_through_locals(ctx.analysis, block))
    ]


def _address_of(block: n.Block) -> str:
    """``aws_lb.web`` for a resource, ``output.bucket_id`` for anything else."""
    labels = ".".join(block.labels)
    return labels if block.type == "resource" else f"{block.type}.{labels}"


def _describe_block(block: n.Block) -> str:
    return ".".join([block.type, *block.labels]) if block.labels else block.type


def configuring(ctx: ModuleContext, type_: str, label: str) -> list[n.Block]:
    """Resources of ``type_`` whose ``bucket`` refers to ``aws_s3_bucket.<label>``."""
    out = []
    for _path, other in ctx.analysis.resources(type_):
        target = other.body.attribute("bucket")
        if target is not None and any(
            t.names()[:2] == [BUCKET, label] for t in edit.traversals(target.value)
        ):
            out.append(other)
    return out


def _only_where(ctx: ModuleContext, type_: str, label: str) -> bool:
    """True when the ``type_`` resource of ``aws_s3_bucket.<label>`` has a count or
    for_each that the bucket has not (it was made from a dynamic block)."""
    buckets = [b for _p, b in ctx.analysis.resources(BUCKET) if b.labels[1] == label]
    iterated = any(b.body.attribute(m) is not None for b in buckets for m in ("count", "for_each"))
    return not iterated and any(
        other.body.attribute(m) is not None
        for other in configuring(ctx, type_, label)
        for m in ("count", "for_each")
    )


def _configured_by(ctx: ModuleContext, type_: str, label: str) -> list[str]:
    """The addresses of :func:`configuring`."""
    return [f"{type_}.{other.labels[1]}" for other in configuring(ctx, type_, label)]


def _last_companion(module: n.Module, bucket: n.Block) -> n.Block:
    """The last of the blocks right after ``bucket`` that belong to it (its split-out
    resources and their import blocks), so that new ones follow in order."""
    items = module.body.items
    index = next(i for i, item in enumerate(items) if item is bucket)
    anchor = bucket
    reference = f"{BUCKET}.{bucket.labels[1]}"
    for item in items[index + 1 :]:
        if not isinstance(item, n.Block):
            break
        if item.type == "resource" and item.labels[0].startswith(f"{BUCKET}_"):
            target = item.body.attribute("bucket")
            if target is None or not re.search(rf"\b{re.escape(reference)}\b", target.value.code):
                break
        elif item.type == "import":
            target = item.body.attribute("to")
            if target is None or not target.value.code.strip().startswith(f"{BUCKET}_"):
                break
        else:
            break
        anchor = item
    return anchor


def explanation(moved: str, resource: str, specifics: str, example: str) -> str:
    """The ``explain`` text of one AWSV4 codemod: the shared part around its own."""
    return f"""\
Why: AWS provider v4 split `aws_s3_bucket` into one resource per setting; the
bucket's {moved} became read-only, and the provider's v4 upgrade guide asks
for `{resource}` instead, written and imported by hand for every bucket
({SPLIT_SECTION}).

What it does: removes {moved} from the bucket and writes `{resource}` right
after it with every setting carried over, pointing at the bucket by
expression (`bucket = aws_s3_bucket.x.id`). The new resource lives where its
bucket does: the same `provider`, the same `count` (`[count.index]`) or one
instance per bucket instance (`for_each`, `[each.key]`). A dynamic block is
translated by the same rules: a setting the bucket may have many of
(`lifecycle_rule`, `cors_rule`) becomes a dynamic block of the new resource
over the same `for_each`, keeping the iterator's name (`iterator =
lifecycle_rule` where the block is now `rule`), and the resource exists only
where one of them makes a block, as v4 refuses an empty list (`count =
length(...) > 0 ? 1 : 0`); one it has at most one of (`logging`,
`replication_configuration`, ...) makes the resource exist once where the
`for_each` has its element (`c ? [x] : []` is `count = c ? 1 : 0`, and the
content reads `x` where it read the iterator). What depends on values the
code does not show is written as an expression (`enabled` becomes
`status = x ? "Enabled" : "Disabled"`; tags that may be empty a filter with a
dynamic `and`). Such a resource is imported by commands, to be run where it
exists. References to the bucket's copies of the
moved setting (deprecated, read-only in v4) follow it where the new resource
has the same value (`aws_s3_bucket.x.website_endpoint` reads
`aws_s3_bucket_website_configuration.x.website_endpoint`,
`versioning[0].enabled` compares `versioning_configuration[0].status`);
where the shape differs (lifecycle rules, encryption rules, whole blocks) a
finding at the reference says where to read it.

Imports: the new resources are PUT-style (creating one applies the same
settings), so importing them is optional; it keeps `terraform plan` free of
creations where the buckets exist. The imports go into one file per module,
`s3_v4_imports.tf`, whose header says: apply it once in each existing
environment, then delete it; a new environment must not carry it (importing
a bucket that does not exist fails the plan). An import block's `id` is
built from what Terraform knows when it plans: the bucket's `bucket`
expression (a literal, variables, locals, `each`), never from the bucket's
attributes, which are unknown where the bucket is new. Terraform 1.5 takes
only literal ids (used when the module fixes the name), 1.6 expressions,
1.7 `for_each` (for `count`/`for_each` buckets): a form is used only when
`required_version` ensures a Terraform that reads it (none written counts as
a current Terraform; the finding then says which Terraform the block needs
and gives the `terraform import` commands to run instead on an older one,
which refuses the file). Otherwise, and when the name is generated
(`bucket_prefix`) or comes from another resource or a data source, the file
lists the `terraform import` commands, with placeholders that say what goes
there. Outside a root module (import blocks are valid only there) the file
lists the commands for the root modules that call it. While the file holds
an import, each run reports it, so later runs still show what is left.
{specifics}
While the module allows a provider before 4.0 (3.75 has the new resources,
but its `aws_s3_bucket` still manages every moved argument it does not
compute, and removes one the configuration no longer sets), the bucket gets
`lifecycle {{ ignore_changes = [<the moved argument>] }}`; from 4.0 on the
line can go. A setting the bucket already lists in `ignore_changes`
(deliberately unmanaged) is left for a person: the new resource, imported,
would enforce it.

Fix safety: unsafe. It changes infrastructure code: after it, the module
needs provider >= 4.0 (or 3.75, which has the new resources). It changes
`required_providers` only with the `raise_provider_constraint` option:
`~> 4.0` in a root module; a reusable module is widened to `>= 3.75, < 5.0`
(a higher upper bound kept), so that its callers on 3.75+ keep working. A
module that states no AWS provider version gets an `aws` entry (in its
`terraform` block, or a new one at the top of the file): `~> 4.0` in a root
module, `>= 3.75` alone in a reusable one, whose callers may run any later
provider.
Either way run `terraform init -upgrade` to update `.terraform.lock.hcl`.
Then `terraform plan` should show the imports and no changes; review any
change it shows before applying.

Sources: {SPLIT_SECTION}, {_IMPORT}.

Example:

{example}"""
