"""tffix.aws.s3_split helpers that the corpus cases do not reach on every branch."""

from __future__ import annotations

import pytest

from tffix.aws.s3_split import _test, ignore_changes, single_element
from tffix.cst.format import format_text
from tffix.syntax.parser import parse


@pytest.mark.parametrize(
    ("lifecycle", "expected"),
    [
        ("", "  lifecycle {\n    ignore_changes = [replication_configuration]\n  }\n"),
        (
            "  lifecycle {\n    prevent_destroy = true\n  }\n",
            "  lifecycle {\n    ignore_changes  = [replication_configuration]\n"
            "    prevent_destroy = true\n  }\n",
        ),
        (
            "  lifecycle {\n    ignore_changes = [tags]\n  }\n",
            "  lifecycle {\n    ignore_changes = [tags, replication_configuration]\n  }\n",
        ),
        # Already there, or everything ignored: nothing to add.
        (
            "  lifecycle {\n    ignore_changes = [replication_configuration]\n  }\n",
            "  lifecycle {\n    ignore_changes = [replication_configuration]\n  }\n",
        ),
        (
            "  lifecycle {\n    ignore_changes = all\n  }\n",
            "  lifecycle {\n    ignore_changes = all\n  }\n",
        ),
    ],
)
def test_ignore_changes_lists_the_attribute_once(lifecycle: str, expected: str) -> None:
    head = 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n'
    module = parse(head + ("\n" + lifecycle if lifecycle else "") + "}\n")
    bucket = module.body.blocks[0]
    ignore_changes(bucket, "replication_configuration")
    assert format_text(module.code) == head + "\n" + expected + "}\n"


@pytest.mark.parametrize(
    ("condition", "test"),
    [
        ("var.enabled", "var.enabled"),
        ("length(var.x == null ? [] : var.x) > 0", "length(var.x == null ? [] : var.x) > 0"),
        ("var.a ? true : false", "(var.a ? true : false)"),
        ('var.b != "?"', 'var.b != "?"'),
    ],
)
def test_a_condition_is_grouped_only_when_it_is_a_conditional(condition: str, test: str) -> None:
    assert _test(condition) == test


@pytest.mark.parametrize(
    ("for_each", "condition", "value"),
    [
        ("var.on ? [1] : []", "var.on", "1"),
        ("var.key == null ? [] : [var.key]", "var.key != null", "var.key"),
        ("var.cfg == null ? [] : [var.cfg.x + 1]", "var.cfg != null", "(var.cfg.x + 1)"),
        ("var.list", "length(var.list) > 0", "one([for v in var.list : v])"),
    ],
)
def test_a_one_only_dynamic_block_is_its_element_where_it_has_one(
    for_each: str, condition: str, value: str
) -> None:
    text = f'dynamic "logging" {{\n  for_each = {for_each}\n  content {{}}\n}}\n'
    single = single_element(parse(text).body.blocks[0])
    assert (single.condition, single.value) == (condition, value)
