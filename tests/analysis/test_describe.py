"""Describing an expression in a manual finding: its variable, default and what to change.

Expected texts are written by hand: they are what a person reads in a
finding, so the exact wording is the contract.
"""

from __future__ import annotations

import pytest

import tffix
from tffix.analysis.describe import (
    default_note,
    depends_on,
    expression_note,
    hcl,
    source,
    variable_name,
    variable_note,
    variables,
    variables_note,
)
from tffix.analysis.evaluate import UNKNOWN, Evaluator
from tffix.analysis.module import analyze_modules
from tffix.syntax import nodes as n

MODULE = """\
variable "rotate" {
  default = false
}
variable "mode" {
  default = "PassThrough"
}
variable "on" {
  default = true
}
variable "required" {
  type = bool
}
variable "computed" {
  default = "x-${1}"
}
variable "list" {
  default = ["a"]
}
locals {
  off = false
}
"""


def expr(text: str) -> n.Expression:
    return tffix.parse(f"x = {text}\n").body.attributes[0].value


@pytest.fixture
def evaluator() -> Evaluator:
    return Evaluator(analyze_modules("module", {"main.tf": tffix.parse(MODULE)}))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "true"),
        (False, "false"),
        (None, "null"),
        (14, "14"),
        (2.5, "2.5"),
        ("Active", '"Active"'),
        ('say "hi"\n', '"say \\"hi\\"\\n"'),
        ("é", '"\\u00e9"'),
    ],
)
def test_hcl_writes_a_static_value_as_hcl(value: object, text: str) -> None:
    assert hcl(value) == text


def test_source_is_the_expression_as_written() -> None:
    attribute = tffix.parse("x =   var.a  # why\n").body.attributes[0]
    assert source(attribute.value) == "var.a"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("var.rotate", "rotate"),
        ("var.my-flag", "my-flag"),
        ("var.settings.rotate", None),
        ("var.list[0]", None),
        ("local.rotate", None),
        ('"${var.rotate}"', None),
        ("!var.rotate", None),
    ],
)
def test_variable_name_only_for_exactly_var_name(text: str, name: str | None) -> None:
    assert variable_name(expr(text)) == name


def test_variables_are_sorted_and_named_once() -> None:
    assert variables(expr('var.b ? "${var.a}-x" : var.b.c')) == ["a", "b"]
    assert variables(expr("local.x")) == []


def test_depends_on_is_the_standard_sentence() -> None:
    message = depends_on("aws_kms_key.main: rotation", expr("var.rotate"), "true")
    assert message == "aws_kms_key.main: rotation depends on `var.rotate`; make it true"
    message = depends_on("t: billing mode", expr("local.mode"), '"PAY_PER_REQUEST"', " (note)")
    assert message == 't: billing mode depends on `local.mode`; make it "PAY_PER_REQUEST" (note)'


def test_variables_note() -> None:
    assert variables_note(expr("var.a")) == " (it depends on variable a)"
    assert variables_note(expr("var.b + var.a")) == " (it depends on variables a, b)"
    assert variables_note(expr("local.a")) == ""


def test_default_note() -> None:
    assert default_note("rotate", False, "true") == (
        " (variable rotate defaults to false: make that true)"
    )
    assert default_note("mode", "PassThrough", '"Active"') == (
        ' (variable mode defaults to "PassThrough": make that "Active")'
    )
    assert default_note("mode", UNKNOWN, '"Active"') == " (variable mode has no literal default)"


def test_variable_note_looks_the_default_up(evaluator: Evaluator) -> None:
    assert variable_note(evaluator, expr("var.rotate"), "true") == (
        " (variable rotate defaults to false: make that true)"
    )
    assert variable_note(evaluator, expr("var.required"), "true") == (
        " (variable required has no literal default)"
    )
    assert variable_note(evaluator, expr("var.missing"), "true") == (
        " (variable missing has no literal default)"
    )
    assert variable_note(evaluator, expr("local.off"), "true") == ""


def test_expression_note_is_none_when_the_value_is_acceptable(evaluator: Evaluator) -> None:
    assert expression_note(evaluator, expr("var.on"), want="true", ok=lambda v: v is True) is None


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("var.rotate", " (variable rotate defaults to false: make that true)"),
        ("var.missing", " (variable missing is not declared in this module)"),
        ("var.required", " (variable required has no default: check what callers pass)"),
        ("var.computed", ' (variable computed defaults to "x-1": make that true)'),
        ("var.list", " (variable list defaults to ['a']: make that true)"),
        (
            "var.on && var.rotate",
            " (with the defaults it is false; it depends on variables on, rotate)",
        ),
        ("local.off", " (with the defaults it is false)"),
        ("var.on && var.required", " (it depends on variables on, required)"),
        ("aws_kms_key.main.enabled", ""),
    ],
)
def test_expression_note_says_where_the_value_comes_from(
    evaluator: Evaluator, text: str, note: str
) -> None:
    assert expression_note(evaluator, expr(text), want="true", ok=lambda v: v is True) == note


def test_expression_note_without_an_analysis() -> None:
    note = expression_note(Evaluator(), expr("var.rotate"), want="true", ok=lambda v: v is True)
    assert note == " (variable rotate is not declared in this module)"
