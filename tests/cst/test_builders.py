"""Builders parse snippets into nodes, and reject what is not one."""

from __future__ import annotations

import pytest

import tffix
from tffix.cst.builders import parse_attribute, parse_block, parse_expression
from tffix.syntax import nodes as n


def test_builders_return_typed_nodes_without_leading_trivia() -> None:
    e = parse_expression("var.a ? 1 : 0")
    assert isinstance(e, n.Conditional) and e.code == "var.a ? 1 : 0"
    a = parse_attribute("  enable_key_rotation = true  ")
    assert a.name == "enable_key_rotation" and a.code == "enable_key_rotation = true"
    b = parse_block('tracing_config {\n  mode = "Active"\n}')
    assert b.type == "tracing_config" and b.code == 'tracing_config {\n  mode = "Active"\n}'


@pytest.mark.parametrize(
    ("builder", "text"),
    [
        (parse_expression, "1 +"),
        (parse_attribute, "a {}"),
        (parse_attribute, "a = 1\nb = 2"),
        (parse_block, "a = 1"),
    ],
)
def test_bad_snippets_raise_parse_error(builder: object, text: str) -> None:
    with pytest.raises(tffix.ParseError) as info:
        builder(text)  # type: ignore[operator]
    assert info.value.path == "<snippet>"


def test_a_snippet_built_again_is_a_new_copy_of_a_fresh_parse() -> None:
    """Snippets are parsed once and copied: every copy is its own nodes and tokens
    (what an edit changes in one is not in the next), equal to a fresh parse."""
    from tffix.syntax.parser import parse

    text = 'point_in_time_recovery {\n  enabled = [true, "x"]\n}'
    first = parse_block(text)
    for token in first.tokens():
        token.pre, token.line = "  ", 99
    first.body.children.clear()
    second = parse_block(text)
    assert second is not first and second.code == text
    (fresh,) = parse(text + "\n").body.items
    fresh.first_token.pre = ""
    assert [type(x) for x in second.walk()] == [type(x) for x in fresh.walk()]
    assert [(t.type, t.text, t.pre, t.line, t.column) for t in second.tokens()] == [
        (t.type, t.text, t.pre, t.line, t.column) for t in fresh.tokens()
    ]
