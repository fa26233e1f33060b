"""Parsing and formatting are linear in the input, whatever its shape.

tffix parses repositories nobody vetted (bulk campaigns, CI on pull
requests), so one hostile file must not stall a run: each shape below is
parsed (or refused) at sizes n, 2n and 4n, and the time must grow linearly
(see ``tests/growth.py`` for the ratio test). Shapes that once were
exponential or quadratic come first. ``bench/hostile.py`` prints the same
shapes' times and memory at large sizes.
"""

from __future__ import annotations

import contextlib

import pytest

import tffix
from tests.growth import assert_linear, deadline
from tffix.cst.format import format_text

pytestmark = pytest.mark.slow  # times parsing over growing inputs


def parse_or_refuse(text: str) -> None:
    with contextlib.suppress(tffix.ParseError):
        tffix.parse(text)


def _nested_for(n: int) -> str:
    """``[for x /**/ in # c`` n deep: each head surrounded by comments and newlines."""
    return "a = " + "[for x /* c */ in # c\n" * n + "[]" + " : x]" * n + "\n"


# name: (text of size n, n for the test)
SHAPES = {
    # `{ for` followed by comment characters or spaces: the look-ahead that
    # decided whether `for` starts a for expression was exponential here.
    "for_then_comment_chars": (lambda n: "a = {\n  for" + "#" * n + "\n}\n", 20000),
    "for_then_spaces": (lambda n: "b {\n  for" + " " * n + "= 1\n}\n", 20000),
    "for_then_block_comments": (lambda n: "a = [for" + "/**/ " * n + "x in y : x]\n", 5000),
    "for_head_commented_out": (lambda n: "a = { for// k, v in x : k => v }\n" * n, 2000),
    "nested_for_with_trivia": (_nested_for, 500),
    "nested_objects_with_for": (lambda n: "a = " + "{ for /* */ #\n" * n + "}" * n + "\n", 2000),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_for_expression_shapes_parse_in_linear_time(shape: str) -> None:
    make, n = SHAPES[shape]
    assert_linear(parse_or_refuse, make, n)


@pytest.mark.parametrize("shape", SHAPES)
def test_the_small_hostile_case_takes_milliseconds(shape: str) -> None:
    """The 38-byte file of the report (20 `#`), and its siblings at similar sizes."""
    with deadline(0.5, shape):
        for size in (20, 30, 40):
            parse_or_refuse(SHAPES[shape][0](size))


# Every other shape a file can take to extremes: (text of size n, n for the test).
# Nesting shapes are parsed only: their formatted text is quadratic by
# definition (two spaces of indentation per level on every line).
NESTING = {
    "deep_brackets": (lambda n: "a = " + "[" * n + "]" * n + "\n", 1500),
    "deep_blocks": (lambda n: "b {\n" * n + "}\n" * n, 800),
    "deep_objects": (lambda n: "a = " + "{\nk = " * n + "1" + "\n}" * n + "\n", 600),
    "deep_parens": (lambda n: "a = " + "(" * n + "1" + ")" * n + "\n", 1500),
    "deep_templates": (lambda n: "a = " + '"${' * n + "x" + '}"' * n + "\n", 800),
    "deep_calls": (lambda n: "a = " + "f(" * n + ")" * n + "\n", 1000),
}
FLAT = {
    "long_list": (lambda n: "a = [" + "1, " * n + "]\n", 1500),
    "long_string_list": (lambda n: "a = [" + '"abc", ' * n + "]\n", 800),
    "long_expression": (lambda n: "a = " + "x + " * n + "1\n", 1200),
    "long_traversal": (lambda n: "a = x" + ".b[0]" * n + "\n", 600),
    "long_identifier": (lambda n: "a = " + "x" * (100 * n) + "\n", 4000),
    "long_comment": (lambda n: "#" * (100 * n) + "\na = 1\n", 4000),
    "long_string": (lambda n: 'a = "' + "x$%\\n" * (20 * n) + '"\n', 400),
    "many_comment_lines": (lambda n: "# comment\n" * n + "a = 1\n", 8000),
    "many_block_comments": (lambda n: "a = 1" + " /* c */" * n + "\n", 8000),
    "heredoc_lines": (lambda n: "a = <<EOF\n" + "line $x ${y} %z\n" * n + "EOF\n", 600),
    "interpolations": (lambda n: 'a = "' + "${x}" * n + '"\n', 800),
    "directives": (lambda n: 'a = "' + "%{ if x }y%{ endif }" * n + '"\n', 300),
    "blank_lines": (lambda n: "\n" * (10 * n) + "a = 1\n", 2000),
    "many_attributes": (lambda n: "".join(f"a{i} = {i}\n" for i in range(n)), 600),
    "many_blocks": (lambda n: 'resource "x" "y" {\n  a = 1\n}\n\n' * n, 250),
    "crlf_lines": (lambda n: "a {\r\n  b = 1\r\n}\r\n" * n, 400),
    # Past build.LIST_CAP entries the scanner skips plain runs by regex: a run
    # that fails late (a long line, then `${a.b}`) must fail in linear time.
    "skipped_heredoc_line": (
        lambda n: "a = [" + "1, " * 5000 + "<<EOF\n" + "x" * (20 * n) + "${a.b}\nEOF\n]\n",
        2000,
    ),
    "skipped_string": (
        lambda n: "a = [" + "1, " * 5000 + '"' + "x" * (20 * n) + '${a.b}"]\n',
        2000,
    ),
    "skipped_elements": (lambda n: "a = [" + "1, " * 5000 + "[" + " " * (20 * n) + "f()]]\n", 2000),
}
# Refused: the error must come as fast as a success would.
REFUSED = {
    "unterminated_string": (lambda n: 'a = "' + "x" * (100 * n) + "\n", 4000),
    "unterminated_comment": (lambda n: "a = 1 /*" + " x" * (50 * n) + "\n", 4000),
    "unterminated_heredoc": (lambda n: "a = <<EOF\n" + "x\n" * (10 * n), 1000),
    "unclosed_list": (lambda n: "a = [" + "1, " * n + "\n", 1500),
    "unclosed_blocks": (lambda n: "b {\n" * n, 1000),
    "missing_commas": (lambda n: "a = [" + "1 " * n + "]\n", 40000),
}
PARSE_SHAPES = {**NESTING, **FLAT, **REFUSED}


@pytest.mark.parametrize("shape", PARSE_SHAPES)
def test_parsing_is_linear(shape: str) -> None:
    make, n = PARSE_SHAPES[shape]
    assert_linear(parse_or_refuse, make, n, repeat=2)


@pytest.mark.parametrize("shape", FLAT)
def test_formatting_is_linear(shape: str) -> None:
    make, n = FLAT[shape]
    assert_linear(format_text, make, n, repeat=2)


@pytest.mark.parametrize("shape", REFUSED)
def test_refused_shapes_are_refused(shape: str) -> None:
    make, _n = REFUSED[shape]
    with pytest.raises(tffix.ParseError):
        tffix.parse(make(10))
