"""Builders: new CST fragments from HCL snippets.

Writing ``parse_block('point_in_time_recovery {\\n  enabled = true\\n}')``
is clearer than assembling tokens by hand, and the result is guaranteed to
be valid HCL because the real parser produced it. Fragments come back with
no leading trivia; the edit functions give them the indentation of the
place they are inserted into.
"""

from __future__ import annotations

from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _fragment_error(kind: str, text: str, exc: ParseError) -> ParseError:
    return ParseError(
        f"invalid {kind} snippet {text!r}: {exc.message}",
        path="<snippet>",
        line=exc.line,
        column=exc.column,
    )


def parse_expression(text: str) -> n.Expression:
    """An expression node from source text, e.g. ``parse_expression('var.x ? 1 : 0')``."""
    try:
        module = parse(f"x = {text}\n")
    except ParseError as exc:
        raise _fragment_error("expression", text, exc) from None
    (attribute,) = module.body.attributes
    value = attribute.value
    value.first_token.pre = ""
    return value


def _parse_item(kind: str, cls: type[n.Attribute] | type[n.Block], text: str) -> Any:
    """The one item of ``text``, which must be a ``cls``, without leading trivia."""
    try:
        module = parse(text.strip() + "\n")
    except ParseError as exc:
        raise _fragment_error(kind, text, exc) from None
    items = module.body.items
    if len(items) != 1 or not isinstance(items[0], cls):
        raise ParseError(
            f"expected exactly one {kind} in {text!r}", path="<snippet>", line=1, column=1
        )
    items[0].first_token.pre = ""
    return items[0]


def parse_attribute(text: str) -> n.Attribute:
    """An attribute node from ``name = value`` source text."""
    return _parse_item("attribute", n.Attribute, text)


def parse_block(text: str) -> n.Block:
    """A block node from source text, e.g. ``'tracing_config {\\n  mode = "Active"\\n}'``."""
    return _parse_item("block", n.Block, text)
