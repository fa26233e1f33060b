"""Where a new argument or nested block goes in a block: where a person would write it.

A fix is reviewed as a diff, and a line dropped at the end of a resource,
after ``depends_on`` or between ``count`` and the arguments it governs,
reads as machine-made and gets moved by hand. Codemods that add settings
share the conventions of the Terraform style guide, kept here in one place:

- meta-arguments ``count``, ``for_each`` and ``provider`` open a block and
  stand apart, separated by a blank line from the arguments that follow;
- ``tags`` close the arguments, and ``depends_on``, ``lifecycle``,
  ``provisioner`` and ``connection`` close the whole block;
- nested blocks come after the arguments, each separated by a blank line.

``tffix.cst.edit`` does the inserting (indentation, comments, blank lines);
this module only chooses the place. The ``=`` alignment of the groups around
a new item is settled afterwards by ``tffix.cst.layout.relayout``.
"""

from __future__ import annotations

from tffix.cst import edit
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import TypeVar

    T = TypeVar("T")

# Meta-arguments that open a block, apart from its own arguments.
LEADING_META = ("count", "for_each", "provider")
# A meta-argument that closes a block.
TRAILING_META = ("depends_on",)
# Arguments people keep last among the ordinary ones.
TAGS = ("tags", "tags_all")
# Nested blocks that close a resource (meta-arguments and provisioners).
TRAILING_BLOCKS = ("lifecycle", "provisioner", "connection")


def is_ordinary(attribute: n.Attribute) -> bool:
    """True for an argument of the resource itself: not a meta-argument, not ``tags``."""
    return attribute.name not in (*LEADING_META, *TRAILING_META, *TAGS)


def first_attribute(body: n.Body, names: Iterable[str]) -> n.Attribute | None:
    """The first of ``names`` (in order of preference) that ``body`` sets, or None."""
    for name in names:
        attribute = body.attribute(name)
        if attribute is not None:
            return attribute
    return None


def leading_attributes(body: n.Body) -> list[n.Attribute]:
    """The attributes written before the first nested block (the block's opening group)."""
    leading: list[n.Attribute] = []
    for item in body.items:
        if isinstance(item, n.Block):
            break
        leading.append(item)
    return leading


def insert_attribute(block: n.Block, text: str, anchors: Iterable[str]) -> n.Attribute | n.Block:
    """Insert the attribute ``text`` where a person would, and return it.

    After the first of ``anchors`` that is present; else after the last
    ordinary argument; else before ``tags``; with only meta-arguments, after
    them and a blank line; with only nested blocks or closing items, first,
    apart from them; in an empty block, as its only line.
    """
    body = block.body
    after = first_attribute(body, anchors)
    if after is None:
        after = _last([a for a in body.attributes if is_ordinary(a)])
    if after is not None:
        return edit.insert(block, text, after=after)
    tags = [a for a in body.attributes if a.name in TAGS]
    if tags:
        return edit.insert(block, text, before=tags[0])
    leading = _last([a for a in body.attributes if a.name in LEADING_META])
    if leading is not None:
        return edit.insert(block, text, after=leading, blank_line=True, blank_line_after=True)
    if body.items:
        return edit.insert(block, text, before=body.items[0], blank_line_after=True)
    return edit.append(block, text)


def insert_nested_block(block: n.Block, text: str) -> n.Attribute | n.Block:
    """Insert the nested block ``text`` where a person would, apart by blank lines; return it.

    After the last nested block that does not close the block (``lifecycle``,
    ...); without one, after the last item that does not (``depends_on``);
    with only closing items, first; in an empty block, as its only item.
    """
    items = block.body.items
    ordinary = [item for item in items if not _closes_block(item)]
    blocks = [item for item in ordinary if isinstance(item, n.Block)]
    after = _last(blocks) if blocks else _last(ordinary)
    if after is not None:
        return edit.insert(block, text, after=after, blank_line=True, blank_line_after=True)
    if items:
        return edit.insert(block, text, before=items[0], blank_line_after=True)
    return edit.append(block, text)


def _closes_block(item: n.Attribute | n.Block) -> bool:
    if isinstance(item, n.Block):
        return item.type in TRAILING_BLOCKS
    return item.name in TRAILING_META


def _last(items: list[T]) -> T | None:
    return items[-1] if items else None
