"""TF005 resource-type-rename: invalid or renamed resource types get their current name.

The rename table is data (``tf005_renames.toml`` next to this file, with the
source of each entry), so that a new provider rename is a reviewed line of
TOML rather than code.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

from tffix.analysis.names import free_label
from tffix.aws import provider_versions as versions
from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Option, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

_TABLE = Path(__file__).with_name("tf005_renames.toml")
# Terraform versions that bring what each way of carrying state needs.
_CROSS_TYPE_MOVED = (1, 8, 0)  # `moved` between resource types (MoveResourceState)
_REMOVED = (1, 7, 0)  # `removed` blocks; `import` with an expression id is 1.6
_CONSTRAINT = re.compile(r"^\s*(>=|<=|~>|!=|>|<|=)?\s*v?(\d+(?:\.\d+){0,2})")
_PLACEHOLDER = re.compile(r"\$\{(\w+)\}")
# Traversal roots that make an expression vary per instance or refer to the block itself.
_PER_INSTANCE = frozenset(("count", "each", "self"))
# Labels that say nothing about the object: a renamed block takes a better one.
_GENERIC_LABELS = frozenset(("this", "main", "default"))


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, dict[str, Any]], frozenset[str], str]:
    """(renames by old type, known resource types, provider version) from the data file."""
    from tffix.engine.cache import data_table  # parsed once per content (start-up)

    data = data_table(_TABLE)
    renames = {entry["old"]: entry for entry in data.get("rename", [])}
    known = frozenset(data.get("known", {}).get("resource_types", ()))
    return renames, known, str(data.get("provider_version", ""))


def _lower_bound(constraint: str) -> tuple[int, ...] | None:
    """The lowest version a constraint string allows (``">= 1.7, < 2.0"`` -> (1, 7, 0)).

    Only lower bounds count (``>=``, ``>``, ``~>``, ``=``); ``> 1.7`` counts
    as 1.7, erring towards "not guaranteed".
    """
    best: tuple[int, ...] | None = None
    for part in constraint.split(","):
        match = _CONSTRAINT.match(part)
        if match is None or match.group(1) in ("<", "<=", "!="):
            continue
        version = (*(int(x) for x in match.group(2).split(".")), 0, 0)[:3]
        if best is None or version > best:
            best = version
    return best


def _minimum_terraform(ctx: ModuleContext) -> tuple[int, ...] | None:
    """The lowest Terraform version ``required_version`` allows, or None when unconstrained.

    A block that a version below the bound cannot read must not be written
    unless the bound excludes that version. Several ``terraform`` blocks
    all apply, so the highest bound wins.
    """
    bounds = []
    for module in ctx.files.values():
        for block in module.body.blocks_of_type("terraform"):
            attribute = block.body.attribute("required_version")
            text = m.string_value(attribute.value if attribute is not None else None)
            bound = _lower_bound(text) if text is not None else None
            if bound is not None:
                bounds.append(bound)
    return max(bounds, default=None)


def _minimum_aws_provider(ctx: ModuleContext) -> tuple[int, ...] | None:
    """The lowest hashicorp/aws version ``required_providers`` allows, or None."""
    bounds = []
    for module in ctx.files.values():
        for block in module.body.blocks_of_type("terraform"):
            for providers in block.body.blocks_of_type("required_providers"):
                aws = providers.body.attribute("aws")
                if aws is None or not isinstance(aws.value, n.Object):
                    continue
                for item in aws.value.items:
                    text = m.string_value(item.value) if item.key_name() == "version" else None
                    bound = _lower_bound(text) if text is not None else None
                    if bound is not None:
                        bounds.append(bound)
    return max(bounds, default=None)


def _import_id(block: n.Block, template: str) -> str | None:
    """The import ID built from the block's own arguments, as an HCL string, or None.

    ``${bucket}/${key}`` becomes ``"${aws_s3_bucket.b.id}/readme.txt"``. Not
    derivable when an argument is missing or depends on the instance
    (``count.index``, ``each.key``), since one ``import`` cannot say it.
    """
    parts: list[str] = []
    pos = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(template[pos : match.start()].replace("${", "$${"))
        attribute = block.body.attribute(match.group(1))
        if attribute is None:
            return None
        value = attribute.value
        if any(t.root_name() in _PER_INSTANCE for t in edit.traversals(value)):
            return None
        if isinstance(value, n.TemplateString):
            parts.append(value.code.strip()[1:-1])
        elif isinstance(value, n.Heredoc):
            return None
        else:
            parts.append("${" + value.code.strip() + "}")
        pos = match.end()
    parts.append(template[pos:].replace("${", "$${"))
    return '"' + "".join(parts) + '"'


def _from_side(item: n.Node) -> set[int]:
    """ids of the traversals in ``from`` of a ``moved``/``removed`` block: an old address."""
    if not isinstance(item, n.Block) or item.type not in ("moved", "removed"):
        return set()
    attribute = item.body.attribute("from")
    return set() if attribute is None else {id(t) for t in edit.traversals(attribute.value)}


def _from_sides(module: n.Module) -> set[int]:
    """ids of the traversals in ``from`` of every ``moved``/``removed``: old addresses, kept."""
    return {i for block in module.body.blocks for i in _from_side(block)}


def _argument(block: n.Block, name: str) -> str | None:
    attribute = block.body.attribute(name)
    return None if attribute is None else re.sub(r"\s+", "", attribute.value.code)


def _same_object(entry: dict[str, Any], block: n.Block, other: n.Block) -> str | None:
    """``bucket = "artifacts"`` when both blocks manage the same object, else None.

    Same object: every ``identity`` argument of the table entry is written the
    same way in both (or absent from both), and at least one is present. An
    entry without ``identity`` cannot tell them apart: taken for the same
    object, so that nothing is renamed on a guess.
    """
    names = entry.get("identity")
    if not names:
        return "for all the rename table can tell: it lists no identity arguments"
    values = [(name, _argument(block, name)) for name in names]
    if any(value != _argument(other, name) for name, value in values):
        return None
    present = [f"{name} = {value}" for name, value in values if value is not None]
    return ", ".join(present) or None


def _free_label(
    ctx: ModuleContext, block: n.Block, new_type: str, name: str, declared: set[str]
) -> str:
    """A label for ``block`` that no ``new_type`` resource has, and that reads well.

    A generic label (``this``, ``main``, ``default``) gives way to the label of
    a resource the block's arguments refer to (``bucket = aws_s3_bucket.logs.id``
    -> ``logs``): a module that calls everything ``this`` names the objects
    around it. Otherwise, or when none is free: ``<name>_2``, ``<name>_3``...
    """

    def free(label: str) -> bool:
        return f"{new_type}.{label}" not in declared

    types = {b.labels[0] for _p, b in ctx.analysis.resources()}
    for attribute in block.body.attributes if name in _GENERIC_LABELS else ():
        if attribute.name in ("count", "for_each", "provider", "depends_on"):
            continue
        for trav in edit.traversals(attribute.value):
            names = trav.names()
            label = names[1] if len(names) >= 2 and names[0] in types else None
            if label and label != name and free(label):
                return label
    prefix = f"{new_type}."
    taken = {d[len(prefix) :] for d in declared if d.startswith(prefix)}
    return free_label(taken | {name}, name)


def _state_steps(old: str, new: str, entry: dict[str, Any]) -> str:
    hint = entry.get("id_hint", "")
    if not hint:
        return (
            f"`terraform state rm {old}` (the new type cannot be imported: the next apply "
            f"creates {new} again)"
        )
    shown = hint if "<" in hint else f"<{hint}>"
    return f"`terraform state rm {old}` then `terraform import {new} '{shown}'`"


class ResourceTypeRename(Codemod):
    """Resource types that never existed, or were renamed by the provider, get the current name."""

    code = "TF005"
    name = "resource-type-rename"
    summary = "Resource types that do not exist or were renamed get their current name"
    seed_section = "§2 S3 Bucket Encryption Configuration Error"
    documentation = ("https://developer.hashicorp.com/terraform/language/moved",)
    safety = Safety.SAFE
    options = (
        Option(
            "import_existing",
            False,
            "every state this module is applied with already holds its resources of old "
            "types (no new environments): rename those with removed + import blocks (an "
            "import of an object that does not exist makes plan fail)",
        ),
        Option(
            "moves_supported",
            (),
            "old types (e.g. aws_alb) whose move to the new type you know your provider "
            "version supports; with Terraform >= 1.8 required, they get a `moved` block",
        ),
    )
    explanation = """\
Why: `terraform validate` stops at the first resource type the provider does
not have. Generated code and old examples write types that never existed
(`aws_s3_bucket_encryption_configuration`, for the real
`aws_s3_bucket_server_side_encryption_configuration`) or old names the
provider keeps only as aliases (`aws_alb*` for `aws_lb*`, `aws_s3_bucket_object`
for `aws_s3_object`). Renaming the block alone is not enough: every reference
to it must follow, and for a type that existed, objects already in state must
not be destroyed and created again.

What it does: renames the type of each block listed in the rename table
(`tf005_renames.toml`, with its sources) and every reference to it in every
file of the module: `type.name.attr`, `type.name[0]`, splats, `depends_on`,
outputs, string templates, the `to` of `moved` and `import` blocks (never the
`from` of a `moved` or `removed` block: that is the old address). State:

- a type that never existed has no state: plain rename, and the finding says so;
- a type that existed is renamed with a `moved` block when `required_version`
  guarantees Terraform >= 1.8 and the provider supports that move; else,
  only with the `import_existing` option, with a
  `removed { lifecycle { destroy = false } }` + `import` pair when Terraform
  >= 1.7 is guaranteed and the import ID can be built from the block's own
  arguments (`aws_s3_object`: bucket/key); else it is left as it is and the
  finding gives the `terraform state` steps to do the rename by hand;
- an `aws_` type that is neither in the table nor a type of the provider
  (hashicorp/aws 5.100.0, listed in the data file) gets a finding naming the
  nearest known type, and no change; skipped when the module requires a newer
  provider than the list, which cannot know that provider's new types;
- a rename onto an address the module already declares (`aws_lb.main` next
  to `aws_alb.main`) renames the label too, to a free one: a generic label
  (`this`, `main`, `default`) takes the label of a resource the block refers
  to (`bucket = aws_s3_bucket.logs.id` -> `logs`), else `<name>_2`; every
  reference follows, and the state rules above apply to the new address
  (one `moved` block covers type and label). When the table's `identity`
  arguments (the bucket, the listener and port, ...) are the same in both
  blocks, they manage one object: that is reported, to be merged by hand.
  A label rename within one type would always get a `moved` block (Terraform
  >= 1.1); every entry of the table changes the type, so here a label only
  changes together with it.

Example:

    -resource "aws_s3_bucket_encryption_configuration" "artifacts" {
    +resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
       bucket = aws_s3_bucket.artifacts.id

Fix safety: safe. A type that never existed cannot be in any state, so its
rename changes nothing that is deployed (the configuration could not even
be planned before); a `moved` block is a no-op where the old address is
not in state. What it could break, and so never does on its own: an
`import` block makes plan fail wherever the object does not exist (a new
environment, a configuration never applied), so the removed + import
rename waits for the `import_existing` option, which says every state holds
the objects. What it checks first: that the table says whether the old
type existed and whether the provider can move its state, the Terraform
versions `required_version` admits (`moved` across types needs 1.8,
`removed` 1.7), that no block of the new type already manages the same
object, and that every reference (outside the `from` of `moved`/`removed`)
follows. See https://developer.hashicorp.com/terraform/language/moved,
https://developer.hashicorp.com/terraform/language/resources/syntax#removing-resources
and https://developer.hashicorp.com/terraform/language/import.

Options: `moves_supported` lists old types whose cross-type move you know
your provider supports (the table marks none: in hashicorp/aws 5.100.0 only
security group rules implement it); `import_existing` (false) allows the
removed + import rename.
"""

    def triggers(self, ctx: ModuleContext) -> list[tuple[str, n.Block]]:
        """Resources of a type the rename table lists, or an ``aws_`` type the provider
        does not have."""
        renames, known, _version = _table()
        return [
            (path, block)
            for path, block in ctx.targets()
            if block.labels[0] in renames
            or (block.labels[0].startswith("aws_") and block.labels[0] not in known)
        ]

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        renames, known, provider_version = _table()
        targets = [(entry, ctx.targets(old_type)) for old_type, entry in renames.items()]
        if any(found for _entry, found in targets):
            # (worked out only for a module with a block to rename: most have none)
            minimum = _minimum_terraform(ctx)
            declared = {d.address for d in ctx.analysis.declared("resource")}
            # Old addresses that renames leave alone, per file; moved/removed blocks added
            # below join.
            self._history = {path: _from_sides(module) for path, module in ctx.files.items()}
            # Labels each new type will have once every block of its old types is renamed.
            for entry, found in targets:
                for _path, block in found:
                    declared.add(f"{entry['new']}.{block.labels[1]}")
            for entry, found in targets:
                for path, block in found:
                    yield from self._rename(ctx, path, block, entry, minimum, declared)
        table_version = _lower_bound(provider_version)
        newer: bool | None = None  # asked at the first type not in the list
        for path, block in ctx.analysis.resources():
            type_ = block.labels[0]
            if not type_.startswith("aws_") or type_ in known or type_ in renames:
                continue
            if ctx.waived(block):
                continue
            if newer is None:
                required = _minimum_aws_provider(ctx)
                newer = (
                    required is not None and table_version is not None and required > table_version
                )
            if newer:  # types newer than the list: it cannot tell a typo from a new type
                yield self.fine(
                    path,
                    block,
                    f"resource type {type_} is not in the list of AWS provider "
                    f"{provider_version} types, but the module requires a newer provider, "
                    "which may have it",
                )
                continue
            close = difflib.get_close_matches(type_, sorted(known), n=1, cutoff=0.75)
            message = f"resource type {type_} is not in the AWS provider ({provider_version})"
            if close:
                message += f"; did you mean {close[0]}?"
            yield self.manual(path, block, message)

    def _rename(
        self,
        ctx: ModuleContext,
        path: str,
        block: n.Block,
        entry: dict[str, Any],
        minimum: tuple[int, ...] | None,
        declared: set[str],
    ) -> Iterator[Finding]:
        old_type, new_type = entry["old"], entry["new"]
        name = block.labels[1]
        if (
            old_type != new_type
            and entry.get("existed", True)
            and versions.supports(ctx, new_type) is not True
        ):
            # The new name is newer than a provider the module may run (aws_s3_object:
            # 4.0.0): renamed, it would not plan there; the old name still does. (A name
            # that never existed plans nowhere: renaming it can only help.)
            yield self.manual(
                path,
                block,
                f"{old_type}.{name}: {old_type} is an old name of {new_type}, but "
                f"{versions.explain(ctx, new_type)}: keep {old_type} until the module "
                f"requires a provider that has {new_type}, then run again",
            )
            return
        new_name = name
        taken = ""  # why the label changes, for the finding
        # Waived blocks count: their addresses are taken all the same.
        found = ctx.analysis.lookup(f"{new_type}.{name}")
        existing = found.node if found is not None else None
        if isinstance(existing, n.Block):
            shared = _same_object(entry, block, existing)
            if shared is not None:
                yield self.manual(
                    path,
                    block,
                    f"{old_type}.{name}: {old_type} should be {new_type}, but "
                    f"{new_type}.{name} already exists and manages the same object "
                    f"({shared}); merge the two blocks by hand",
                )
                return
            new_name = _free_label(ctx, block, new_type, name, declared)
            declared.add(f"{new_type}.{new_name}")
            taken = f" ({new_type}.{name} already exists, so it takes the label {new_name})"
        old, new = f"{old_type}.{name}", f"{new_type}.{new_name}"
        if not entry.get("existed", True):
            self._rename_everywhere(ctx, block, old_type, new_type, name, new_name)
            yield self.fixed(
                path,
                block,
                f"{old}: renamed to {new}{taken}; {old_type} never existed in the AWS "
                "provider, so no state can hold it and no `moved` block is needed",
            )
            return
        module = ctx.files[path]
        movable = entry.get("move_supported", False) or old_type in self.settings["moves_supported"]
        cross_type_moved = movable and minimum is not None and minimum >= _CROSS_TYPE_MOVED
        # A label rename within one type is what `moved` was made for (Terraform 1.1).
        if old_type == new_type or cross_type_moved:
            self._rename_everywhere(ctx, block, old_type, new_type, name, new_name)
            moved = edit.insert(
                module,
                f"moved {{\n  from = {old}\n  to   = {new}\n}}",
                after=block,
                blank_line=True,
                blank_line_after=True,
            )
            self._history[path] |= _from_side(moved)
            message = f"{old}: renamed to {new}{taken}; a `moved` block moves its state"
            yield self.fixed(path, block, message)
            return
        template = entry.get("import_id")
        repeated = any(block.body.attribute(a) is not None for a in ("count", "for_each"))
        import_id = _import_id(block, template) if template and not repeated else None
        importable = import_id is not None and minimum is not None and minimum >= _REMOVED
        if importable and self.settings["import_existing"]:
            self._rename_everywhere(ctx, block, old_type, new_type, name, new_name)
            removed = edit.insert(
                module,
                f"removed {{\n  from = {old}\n\n  lifecycle {{\n    destroy = false\n  }}\n}}",
                after=block,
                blank_line=True,
                blank_line_after=True,
            )
            self._history[path] |= _from_side(removed)
            edit.insert(
                module,
                f"import {{\n  to = {new}\n  id = {import_id}\n}}",
                after=removed,
                blank_line=True,
            )
            yield self.fixed(
                path,
                block,
                f"{old}: renamed to {new}{taken}; `removed` (destroy = false) and `import` "
                "blocks carry the object over without destroying it",
            )
            return
        # No way to carry the state over in code: renaming would destroy and
        # recreate the object, so the block stays and a person does it.
        if not movable:
            why = f"the provider cannot move state from {old_type} to {new_type}"
        else:
            why = "required_version does not guarantee Terraform >= 1.8 for a `moved` block"
        if not entry.get("id_hint"):
            why += f", and {new_type} cannot be imported"
        elif template is None:
            why += f", and the import ID of {new_type} is known only to AWS"
        elif repeated:
            why += ", and it uses count/for_each (one `import` per instance)"
        elif import_id is None:
            why += ", and the import ID cannot be built from its arguments"
        elif importable:
            why += (
                "; `removed` + `import` blocks would carry it over, but an `import` of an "
                "object that does not exist (a new environment, a configuration never "
                "applied) makes plan fail: set the import_existing option when every state "
                "this module is applied with holds it"
            )
        else:
            why += ", and required_version does not guarantee Terraform >= 1.7 for `removed`"
        to = f" to {new} ({new_type}.{name} is taken)" if new_name != name else ""
        yield self.manual(
            path,
            block,
            f"{old}: {old_type} is an old name of {new_type} ({why}); rename it by hand{to} "
            f"and move its state: {_state_steps(old, new, entry)}",
        )

    def _rename_everywhere(
        self,
        ctx: ModuleContext,
        block: n.Block,
        old_type: str,
        new_type: str,
        name: str,
        new_name: str,
    ) -> None:
        edit.rename_label(block, 0, new_type)
        if new_name != name:
            edit.rename_label(block, 1, new_name)
        for path, module in ctx.files.items():
            skip = self._history[path]
            edit.rename_references(
                module,
                (old_type, name),
                (new_type, new_name),
                where=lambda t, skip=skip: id(t) not in skip,  # type: ignore[misc]
            )
