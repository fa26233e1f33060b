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
from tffix.syntax.tokens import Token

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


# Snippet text -> its item as parsed, never handed out: copies are. Codemods insert
# the same few snippets into every block they fix (``deletion_protection_enabled =
# true``), and copying the tokens is a fraction of parsing them again (the language
# server runs every codemod on every keystroke).
_parsed: dict[tuple[str, str], n.Node] = {}
_PARSED_MAX = 512


def _copy(node: n.Node) -> Any:
    """A copy of ``node`` with copies of its tokens (what a fresh parse gives)."""
    new = object.__new__(type(node))
    new.children = [
        Token(c.type, c.text, c.pre, c.line, c.column) if type(c) is Token else _copy(c)  # type: ignore[arg-type]
        for c in node.children
    ]
    return new


def _parse_item(kind: str, cls: type[n.Attribute] | type[n.Block], text: str) -> Any:
    """The one item of ``text``, which must be a ``cls``, without leading trivia."""
    found = _parsed.get((kind, text))
    if found is None:
        try:
            module = parse(text.strip() + "\n", lazy=False)
        except ParseError as exc:
            raise _fragment_error(kind, text, exc) from None
        items = module.body.items
        if len(items) != 1 or not isinstance(items[0], cls):
            raise ParseError(
                f"expected exactly one {kind} in {text!r}", path="<snippet>", line=1, column=1
            )
        found = items[0]
        found.first_token.pre = ""
        if len(_parsed) >= _PARSED_MAX:
            _parsed.clear()
        _parsed[kind, text] = found
    return _copy(found)


def parse_attribute(text: str) -> n.Attribute:
    """An attribute node from ``name = value`` source text."""
    return _parse_item("attribute", n.Attribute, text)


def parse_block(text: str) -> n.Block:
    """A block node from source text, e.g. ``'tracing_config {\\n  mode = "Active"\\n}'``."""
    return _parse_item("block", n.Block, text)
