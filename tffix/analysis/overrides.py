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
block's settings. Nested blocks are not merged (Terraform replaces every
nested block of a kind the override names); a caller that needs them
should treat an overridden block as unknown.
"""

from __future__ import annotations

from tffix.engine.files import is_override
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

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
