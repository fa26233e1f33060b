"""Terraform's override files, as far as tffix honours them.

Terraform (and OpenTofu) merge each block of ``override.tf`` and
``*_override.tf`` (and the ``.tofu`` forms) into the block of the same
kind and name declared elsewhere in the module: the override's arguments
replace the base block's arguments of the same name
(https://developer.hashicorp.com/terraform/language/files/override,
https://opentofu.org/docs/language/files/override/). A fix made to the base
block may therefore have no effect, or be undone by the override, and a
block added to an override file would be merged into a block the author
did not mean: so tffix never changes an override file, nor a base block
that an override file overrides (the runner turns such a fix into a manual
finding, see ``tffix.engine.runner``).

``merged_attributes`` gives the arguments of a base block as Terraform
sees them after merging (the override's win), for callers that evaluate a
block's settings. ``merge`` writes the whole block as Terraform merges it:
an argument of the override replaces the base's; a nested block type the
override has replaces every nested block of that type in the base; a
resource's ``lifecycle`` (and ``terraform``'s ``required_providers``) merge
argument by argument; a ``backend`` or ``cloud`` block replaces either in
the base. ``merged_texts`` gives every file of the module with its
overridden blocks so merged and the override files left out: the module as
Terraform reads it, for the runner to judge overridden blocks by their
effective values.
"""

from __future__ import annotations

import os

from tffix.engine.files import is_override
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping
    from typing import TypeVar

    from tffix.analysis.module import ModuleAnalysis

    T = TypeVar("T")

_NAMED = frozenset(("resource", "data", "module", "variable", "output"))


def block_keys(block: n.Block) -> Iterator[tuple[str, ...]]:
    """How an override block finds its base: kind and name (``locals``: each local)."""
    if block.type in _NAMED:
        yield (block.type, *block.labels)
    elif block.type == "provider" and block.labels:
        alias = block.body.attribute("alias")
        name = alias.value.code.strip() if alias is not None else ""
        yield ("provider", block.labels[0], name)
    elif block.type == "locals":
        for attribute in block.body.attributes:
            yield ("local", attribute.name)
    elif block.type == "terraform":
        yield ("terraform",)


def override_keys(files: Mapping[str, n.Module]) -> dict[tuple[str, ...], str]:
    """The blocks override files name: key -> the override file (the last one wins)."""
    keys: dict[tuple[str, ...], str] = {}
    for path in sorted(files):
        if is_override(path):
            for block in files[path].body.blocks:
                for key in block_keys(block):
                    keys[key] = path
    return keys


def overridden_ranges(files: Mapping[str, n.Module]) -> dict[str, list[tuple[int, int, str]]]:
    """Per base file, (first line, last line, override file) of each overridden block
    (of each overridden local, for ``locals``)."""
    keys = override_keys(files)
    ranges: dict[str, list[tuple[int, int, str]]] = {}
    if not keys:
        return ranges
    for path, module in files.items():
        if is_override(path):
            continue
        for block in module.body.blocks:
            if block.type == "locals":
                for attribute in block.body.attributes:
                    source = keys.get(("local", attribute.name))
                    if source is not None:
                        ranges.setdefault(path, []).append(
                            (attribute.line, attribute.end_line, source)
                        )
                continue
            for key in block_keys(block):
                source = keys.get(key)
                if source is not None:
                    ranges.setdefault(path, []).append((block.line, block.end_line, source))
                    break
    return ranges


def merged_attributes(block: n.Block, files: Mapping[str, n.Module]) -> dict[str, n.Attribute]:
    """The arguments of ``block`` after Terraform merges the override files into it."""
    result = {attribute.name: attribute for attribute in block.body.attributes}
    keys = set(block_keys(block))
    for path in sorted(files):
        if not is_override(path):
            continue
        for other in files[path].body.blocks:
            if other is not block and other.type == block.type and keys & set(block_keys(other)):
                result.update({a.name: a for a in other.body.attributes})
    return result


# Nested blocks merged argument by argument rather than replaced whole.
_MERGED_NESTED = {"lifecycle", "required_providers"}
# Nested block types that replace one another (an override's cloud replaces a backend).
_SAME_KIND = {"backend": "backend-or-cloud", "cloud": "backend-or-cloud"}


def _nested_key(block: n.Block) -> str:
    if block.type == "dynamic" and block.labels:  # dynamic "x" stands for x blocks
        return block.labels[0]
    return _SAME_KIND.get(block.type, block.type)


def _merge_body(base: n.Block, override: n.Block) -> None:
    """Merge ``override``'s body into ``base`` (a copy, edited in place)."""
    from tffix.cst import edit

    for attribute in override.body.attributes:
        current = base.body.attribute(attribute.name)
        if current is not None:
            edit.set_value(current, attribute.value.code.strip())
        else:
            edit.append(base, attribute.code.strip())
    replaced: set[str] = set()
    for nested in override.body.blocks:
        key = _nested_key(nested)
        if nested.type in _MERGED_NESTED:
            found = base.body.blocks_of_type(nested.type)
            if found:
                _merge_body(found[0], nested)
                continue
        if key not in replaced:
            replaced.add(key)
            for old in [b for b in base.body.blocks if _nested_key(b) == key]:
                edit.remove(old, base)
        edit.append(base, nested.code.strip())


def merge(base: n.Block, overrides: list[n.Block]) -> n.Block:
    """A copy of ``base`` with ``overrides`` merged in, in order, as Terraform merges them."""
    from tffix.syntax.parser import parse

    copy = parse(base.code.strip() + "\n").body.blocks[0]
    for override in overrides:
        if base.type == "locals":  # only the locals the base declares, each on its own
            names = {a.name for a in copy.body.attributes}
            sets = [a.code.strip() + "\n" for a in override.body.attributes if a.name in names]
            override = parse("locals {\n" + "".join(sets) + "}\n").body.blocks[0]
        _merge_body(copy, override)
    return copy


def merged_texts(files: Mapping[str, n.Module]) -> dict[str, str]:
    """Each file that is not an override file, with every block an override file
    overrides merged as Terraform merges it (override files in name order)."""
    from tffix.syntax.parser import parse

    overriders: dict[tuple[str, ...], list[n.Block]] = {}
    for path in sorted(files, key=os.path.basename):
        if is_override(path):
            for block in files[path].body.blocks:
                for key in block_keys(block):
                    overriders.setdefault(key, []).append(block)
    result: dict[str, str] = {}
    for path, module in files.items():
        if is_override(path):
            continue
        if not overriders:
            result[path] = module.code
            continue
        copy = parse(module.code, path=path)
        children = copy.body.children
        for index, child in enumerate(children):
            if not isinstance(child, n.Block):
                continue
            found = [b for key in block_keys(child) for b in overriders.get(key, [])]
            if found:
                merged = merge(child, list(dict.fromkeys(found)))
                merged.first_token.pre = child.first_token.pre
                children[index] = merged
        result[path] = copy.code
    return result


def effective_variable(analysis: ModuleAnalysis, name: str) -> n.Block | None:
    """The ``variable`` block ``name`` as Terraform reads it after merging the override
    files (a detached copy when one overrides it): what evaluators read its default from."""
    cache: dict[str, n.Block | None] = analysis.__dict__.setdefault("_effective_variables", {})
    if name in cache:
        return cache[name]
    found: n.Block | None = None
    overrides: list[n.Block] = []
    # Only the files declaring it, in the order of all of them sorted by name: going
    # through every file for every variable asked about made big modules quadratic.
    holders = analysis.holding(f"variable {name}")
    for path in _by_basename(analysis, holders.paths):
        for block in analysis.files[path].body.blocks:
            if block not in holders:
                continue
            if block.type == "variable" and block.labels == [name]:
                if is_override(path):
                    overrides.append(block)
                elif found is None:
                    found = block
    if found is None:
        found = analysis.variable(name)
    if found is not None and overrides:
        found = merge(found, overrides)
    cache[name] = found
    return found


def _by_basename(analysis: ModuleAnalysis, paths: Iterable[str]) -> list[str]:
    """``paths`` (files of the analysis) in the order of ``sorted(analysis.files,
    key=os.path.basename)``."""
    rank: dict[str, int] = _by_paths(
        analysis,
        "_basename_rank",
        lambda: {p: i for i, p in enumerate(sorted(analysis.files, key=os.path.basename))},
    )
    return sorted((p for p in paths if p in rank), key=rank.__getitem__)


def _override_paths(analysis: ModuleAnalysis) -> list[str]:
    """The override files of the analysis, last name first (the one Terraform reads
    last wins): sorting every file for every local an evaluator asks about made big
    modules quadratic."""
    return _by_paths(
        analysis,
        "_override_paths",
        lambda: [
            p for p in sorted(analysis.files, key=os.path.basename, reverse=True) if is_override(p)
        ],
    )


def _by_paths(analysis: ModuleAnalysis, name: str, make: Callable[[], T]) -> T:
    """``make()``, kept on the analysis while its list of files is the same."""
    paths = tuple(analysis.files)
    cached = analysis.__dict__.get(name)
    if cached is None or cached[0] != paths:
        cached = analysis.__dict__[name] = (paths, make())
    return cached[1]


def effective_local(analysis: ModuleAnalysis, name: str) -> n.Attribute | None:
    """The local ``name`` as Terraform reads it: the last override file setting it
    wins over its declaration."""
    for path in _override_paths(analysis):
        for block in analysis.files[path].body.blocks:
            if block.type == "locals":
                attribute = block.body.attribute(name)
                if attribute is not None:
                    return attribute
    return analysis.local(name)
