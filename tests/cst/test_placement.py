"""New arguments and nested blocks go where a person would write them.

Expected texts are written by hand. The edit itself does not align ``=``;
where a blank line splits a group, the tests also run ``relayout`` (what
the runner does after every codemod) to show that both sides are
realigned without any help from the codemod.
"""

from __future__ import annotations

import textwrap

import pytest

import tffix
from tffix.cst import edit
from tffix.cst.layout import relayout
from tffix.cst.placement import (
    first_attribute,
    insert_attribute,
    insert_nested_block,
    is_ordinary,
    leading_attributes,
)
from tffix.syntax import nodes as n

SNIPPET = 'tracing_config {\n  mode = "Active"\n}'


def dedent(text: str) -> str:
    return textwrap.dedent(text)


def block_of(text: str) -> tuple[n.Module, n.Block]:
    module = tffix.parse(text)
    return module, module.body.blocks[0]


def test_first_attribute_follows_the_order_of_preference() -> None:
    _, block = block_of('r "a" {\n  rest_api_id = "r"\n  stage_name  = "s"\n}\n')
    found = first_attribute(block.body, ("stage_name", "rest_api_id"))
    assert found is not None and found.name == "stage_name"
    assert first_attribute(block.body, ("name",)) is None


def test_leading_attributes_stop_at_the_first_nested_block() -> None:
    _, block = block_of("r {\n  a = 1\n  b = 2\n  c {}\n  d = 3\n}\n")
    assert [a.name for a in leading_attributes(block.body)] == ["a", "b"]


def test_meta_arguments_and_tags_are_not_ordinary() -> None:
    _, block = block_of(
        "r {\n  count = 1\n  name = 2\n  tags = {}\n  depends_on = []\n  provider = aws.x\n}\n"
    )
    assert [a.name for a in block.body.attributes if is_ordinary(a)] == ["name"]


def test_attribute_goes_after_the_preferred_anchor() -> None:
    module, block = block_of(
        dedent(
            """\
            resource "aws_api_gateway_stage" "s" {
              stage_name    = "prod"
              rest_api_id   = "r"
              deployment_id = "d"
            }
            """
        )
    )
    insert_attribute(block, "xray_tracing_enabled = true", ("stage_name", "rest_api_id"))
    assert module.code == dedent(
        """\
        resource "aws_api_gateway_stage" "s" {
          stage_name    = "prod"
          xray_tracing_enabled = true
          rest_api_id   = "r"
          deployment_id = "d"
        }
        """
    )


def test_attribute_goes_after_the_last_ordinary_argument_before_tags_and_meta() -> None:
    module, block = block_of(
        dedent(
            """\
            resource "aws_cloudwatch_log_group" "g" {
              count      = 2
              kms_key_id = "k"
              tags       = {}
              depends_on = []
            }
            """
        )
    )
    insert_attribute(block, "retention_in_days = 14", ("name",))
    assert module.code == dedent(
        """\
        resource "aws_cloudwatch_log_group" "g" {
          count      = 2
          kms_key_id = "k"
          retention_in_days = 14
          tags       = {}
          depends_on = []
        }
        """
    )


def test_attribute_goes_before_tags_when_there_is_no_other_argument() -> None:
    module, block = block_of('resource "x" "y" {\n  # labels\n  tags = {}\n}\n')
    insert_attribute(block, "retention_in_days = 14", ("name",))
    assert module.code == dedent(
        """\
        resource "x" "y" {
          retention_in_days = 14
          # labels
          tags = {}
        }
        """
    )


def test_attribute_after_meta_arguments_stands_apart_and_both_sides_realign() -> None:
    original = dedent(
        """\
        resource "aws_cloudwatch_log_group" "g" {
          for_each   = var.groups
          depends_on = [aws_iam_role.r]
        }
        """
    )
    module, block = block_of(original)
    insert_attribute(block, "retention_in_days = 14", ("name",))
    assert module.code == dedent(
        """\
        resource "aws_cloudwatch_log_group" "g" {
          for_each   = var.groups

          retention_in_days = 14

          depends_on = [aws_iam_role.r]
        }
        """
    )
    assert relayout(original, module.code) == dedent(
        """\
        resource "aws_cloudwatch_log_group" "g" {
          for_each = var.groups

          retention_in_days = 14

          depends_on = [aws_iam_role.r]
        }
        """
    )


def test_attribute_in_a_block_with_only_nested_blocks_goes_first_and_apart() -> None:
    module, block = block_of(
        'resource "x" "y" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n'
    )
    insert_attribute(block, "retention_in_days = 14", ("name",))
    assert module.code == (
        'resource "x" "y" {\n'
        "  retention_in_days = 14\n"
        "\n"
        "  lifecycle {\n"
        "    prevent_destroy = true\n"
        "  }\n"
        "}\n"
    )


@pytest.mark.parametrize("empty", ['resource "x" "y" {}\n', 'resource "x" "y" {\n}\n'])
def test_attribute_in_an_empty_block_is_its_only_line(empty: str) -> None:
    module, block = block_of(empty)
    insert_attribute(block, "retention_in_days = 14", ("name",))
    assert module.code == 'resource "x" "y" {\n  retention_in_days = 14\n}\n'


def test_nested_block_goes_after_the_last_nested_block_before_lifecycle() -> None:
    module, block = block_of(
        dedent(
            """\
            resource "aws_lambda_function" "f" {
              function_name = "f"

              environment {
                variables = {}
              }
              lifecycle {
                ignore_changes = [tags]
              }
            }
            """
        )
    )
    insert_nested_block(block, SNIPPET)
    assert module.code == dedent(
        """\
        resource "aws_lambda_function" "f" {
          function_name = "f"

          environment {
            variables = {}
          }

          tracing_config {
            mode = "Active"
          }

          lifecycle {
            ignore_changes = [tags]
          }
        }
        """
    )


def test_nested_block_goes_after_the_arguments_and_before_depends_on() -> None:
    original = dedent(
        """\
        resource "aws_lambda_function" "f" {
          function_name = "f"
          depends_on    = [aws_iam_role.r]
        }
        """
    )
    module, block = block_of(original)
    insert_nested_block(block, SNIPPET)
    assert module.code == dedent(
        """\
        resource "aws_lambda_function" "f" {
          function_name = "f"

          tracing_config {
            mode = "Active"
          }

          depends_on    = [aws_iam_role.r]
        }
        """
    )
    assert "\n  depends_on = [aws_iam_role.r]\n" in relayout(original, module.code)


def test_nested_block_keeps_an_existing_blank_line_single() -> None:
    module, block = block_of('resource "x" "y" {\n  a = 1\n\n  depends_on = []\n}\n')
    insert_nested_block(block, SNIPPET)
    assert module.code == (
        'resource "x" "y" {\n'
        "  a = 1\n"
        "\n"
        "  tracing_config {\n"
        '    mode = "Active"\n'
        "  }\n"
        "\n"
        "  depends_on = []\n"
        "}\n"
    )


def test_nested_block_before_closing_items_only() -> None:
    module, block = block_of('resource "x" "y" {\n  depends_on = []\n}\n')
    insert_nested_block(block, SNIPPET)
    assert module.code == dedent(
        """\
        resource "x" "y" {
          tracing_config {
            mode = "Active"
          }

          depends_on = []
        }
        """
    )


def test_nested_block_in_an_empty_block() -> None:
    module, block = block_of('resource "x" "y" {}\n')
    new = insert_nested_block(block, SNIPPET)
    assert isinstance(new, n.Block) and new.type == "tracing_config"
    assert module.code == 'resource "x" "y" {\n  tracing_config {\n    mode = "Active"\n  }\n}\n'


def test_crlf_files_get_crlf_blank_lines() -> None:
    module, block = block_of('resource "x" "y" {\r\n  count = 1\r\n  lifecycle {}\r\n}\r\n')
    insert_attribute(block, "retention_in_days = 14", ("name",))
    assert module.code == (
        'resource "x" "y" {\r\n'
        "  count = 1\r\n"
        "\r\n"
        "  retention_in_days = 14\r\n"
        "\r\n"
        "  lifecycle {}\r\n"
        "}\r\n"
    )


def test_a_neighbouring_block_without_a_blank_line_is_not_laid_out() -> None:
    """Blocks share no alignment: an edit in one leaves the next one's bytes alone,
    even when no blank line separates them (it used to be one paragraph)."""
    original = dedent(
        """\
        resource "aws_kms_key" "k" {
          description = "x"
        }
        variable "name" {
          default="untidy"
        }
        """
    )
    module = tffix.parse(original)
    (block,) = [b for b in module.body.items if isinstance(b, n.Block) and b.type == "resource"]
    edit.append(block, "enable_key_rotation = true")
    assert relayout(original, module.code) == dedent(
        """\
        resource "aws_kms_key" "k" {
          description         = "x"
          enable_key_rotation = true
        }
        variable "name" {
          default="untidy"
        }
        """
    )


@pytest.mark.parametrize("separator", ["\x0c", "\u2028"])
def test_line_separators_in_comments_do_not_shift_the_layout(separator: str) -> None:
    """Token lines count ``\\n`` only; so must the lines relayout compares."""
    original = (
        f'resource "a" "b" {{\n  # c1{separator}c2\n  x = 1\n}}\n'
        'resource "a" "c" {\n    y = 2\n}\n'
    )
    module = tffix.parse(original)
    edit.append(module.body.items[0], "zz = 3")
    assert relayout(original, module.code) == original.replace("  x = 1\n", "  x  = 1\n  zz = 3\n")
