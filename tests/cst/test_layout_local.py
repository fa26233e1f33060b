"""An edit lays out its own attribute group, not the inside of its neighbours.

Real policies are often written in another style (``"Sid": "x"`` inside a
``jsonencode``, where ``terraform fmt`` writes ``"Sid" : "x"``). Adding one
attribute beside such a policy must not turn the fix into a diff of the
whole policy: a line is laid out when the edit changes it or its layout
(its group's alignment, its indentation), and keeps its bytes otherwise.
Expected texts checked by hand against ``terraform fmt`` (1.11).
"""

from __future__ import annotations

from tffix.cst.layout import relayout

KEY = """\
resource "aws_kms_key" "k" {
  description = "artifacts"
  policy = jsonencode({
    Statement = [{
      "Sid": "Root",
      "Effect": "Allow",
    }]
  })
}
"""


def test_a_neighbours_multi_line_value_keeps_its_style() -> None:
    edited = KEY.replace(
        '  description = "artifacts"\n',
        '  description = "artifacts"\n  enable_key_rotation = true\n',
    )
    assert (
        relayout(KEY, edited)
        == """\
resource "aws_kms_key" "k" {
  description         = "artifacts"
  enable_key_rotation = true
  policy = jsonencode({
    Statement = [{
      "Sid": "Root",
      "Effect": "Allow",
    }]
  })
}
"""
    )


def test_an_edit_inside_the_value_lays_out_only_the_lines_it_changes() -> None:
    edited = KEY.replace('      "Effect": "Allow",\n', '      "Effect": "Deny",\n')
    assert relayout(KEY, edited) == KEY.replace(
        '      "Sid": "Root",\n      "Effect": "Allow",\n',
        '      "Sid": "Root",\n      "Effect" : "Deny",\n',
    )


def test_lines_moved_to_another_depth_are_laid_out() -> None:
    original = """\
resource "a" "b" {
  x = 1
  tags = {
    k = 1
  }
}
"""
    wrapped = """\
resource "a" "b" {
  x = 1
  nested {
  tags = {
    k = 1
  }
  }
}
"""
    assert (
        relayout(original, wrapped)
        == """\
resource "a" "b" {
  x = 1
  nested {
    tags = {
      k = 1
    }
  }
}
"""
    )


TABLE = """\
resource "aws_dynamodb_table" "t"{
  name = "users"
  hash_key = "id"
  global_secondary_index {
    name               = "login"
    projection_type    = "ALL"
  }
  # the table's key
  attribute{
    name = "id"
    type = "S"
  }
}
"""


def test_lines_whose_layout_the_edit_does_not_change_keep_their_bytes() -> None:
    edited = TABLE.replace(
        '  hash_key = "id"\n', '  hash_key = "id"\n  deletion_protection_enabled = true\n'
    )
    assert relayout(TABLE, edited) == TABLE.replace(
        '  name = "users"\n  hash_key = "id"\n',
        '  name                        = "users"\n'
        '  hash_key                    = "id"\n'
        "  deletion_protection_enabled = true\n",
    )
