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
