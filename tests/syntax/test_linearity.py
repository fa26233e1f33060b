"""Parsing is linear in the input, whatever its shape.

tffix parses repositories nobody vetted (bulk campaigns, CI on pull
requests), so one hostile file must not stall a run: each shape below is
parsed (or refused) at sizes n, 2n and 4n, and the time must grow linearly
(see ``tests/growth.py`` for the ratio test). Shapes that once were
exponential or quadratic come first.
"""

from __future__ import annotations

import contextlib

import pytest

import tffix
from tests.growth import assert_linear, deadline


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
