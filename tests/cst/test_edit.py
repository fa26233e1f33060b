"""Edits keep every untouched byte and place new lines where a human would.

Expected texts here were written by hand; the layout tests (test_layout.py)
check the same edits against ``terraform fmt``.
"""

from __future__ import annotations

import textwrap

import pytest

import tffix
from tffix.cst import edit


def dedent(text: str) -> str:
    return textwrap.dedent(text)


KEY = dedent(
    """\
    # Keys
    resource "aws_kms_key" "main" {
      description             = "k"
      deletion_window_in_days = 7 # days

      # the policy
      policy = data.x.json
    }
    """
)


def test_insert_after_named_attribute() -> None:
    m = tffix.parse(KEY)
    (key,) = m.body.blocks
    edit.insert_after(key, "deletion_window_in_days", "enable_key_rotation = true")
    assert m.code == KEY.replace("= 7 # days\n", "= 7 # days\n  enable_key_rotation = true\n")


def test_insert_before_keeps_comments_with_their_item() -> None:
    m = tffix.parse(KEY)
    (key,) = m.body.blocks
    edit.insert(key, "x = 1", before="policy")
    assert m.code == KEY.replace("\n\n  # the policy\n", "\n\n  x = 1\n  # the policy\n")


def test_append_nested_block_with_blank_line() -> None:
    m = tffix.parse(KEY)
    (key,) = m.body.blocks
    edit.append(key, 'tracing_config {\n  mode = "Active"\n}', blank_line=True)
    assert m.code.endswith(
        '  policy = data.x.json\n\n  tracing_config {\n    mode = "Active"\n  }\n}\n'
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('r "t" "n" {}\n', 'r "t" "n" {\n  a = 1\n}\n'),
        ('r "t" "n" {\n}\n', 'r "t" "n" {\n  a = 1\n}\n'),
        ('r "t" "n" { b = 2 }\n', 'r "t" "n" {\n  b = 2\n  a = 1\n}\n'),
        ('r "t" "n" {\n  # only a comment\n}\n', 'r "t" "n" {\n  # only a comment\n  a = 1\n}\n'),
        ("x {\n  y {\n    b = 2\n  }\n}\n", "x {\n  y {\n    b = 2\n  }\n  a = 1\n}\n"),
        ("b = 2", "b = 2\na = 1\n"),
        ("", "a = 1\n"),
    ],
)
def test_append_to_various_bodies(before: str, after: str) -> None:
    m = tffix.parse(before)
    container = m.body.blocks[0] if m.body.blocks else m
    edit.append(container, "a = 1")
    assert m.code == after
    tffix.parse(m.code)


def test_append_into_nested_block_uses_its_indentation() -> None:
    m = tffix.parse("x {\n  y {\n    b = 2\n  }\n}\n")
    inner = m.body.blocks[0].body.blocks[0]
    edit.append(inner, "a = 1")
    assert m.code == "x {\n  y {\n    b = 2\n    a = 1\n  }\n}\n"


def test_crlf_files_get_crlf_lines() -> None:
    m = tffix.parse('r "t" "n" {\r\n  b = 2\r\n}\r\n')
    edit.append(m.body.blocks[0], "tracing_config {\n  mode = 1\n}")
    assert m.code == 'r "t" "n" {\r\n  b = 2\r\n  tracing_config {\r\n    mode = 1\r\n  }\r\n}\r\n'


def test_remove_takes_own_comments_and_trailing_comment() -> None:
    m = tffix.parse(KEY)
    (key,) = m.body.blocks
    edit.remove(key.body.attribute("policy"), key)  # type: ignore[arg-type]
    assert m.code == dedent(
        """\
        # Keys
        resource "aws_kms_key" "main" {
          description             = "k"
          deletion_window_in_days = 7 # days
        }
        """
    )
    edit.remove(key.body.attribute("deletion_window_in_days"), key)  # type: ignore[arg-type]
    assert "# days" not in m.code


def test_remove_first_and_only_items() -> None:
    m = tffix.parse('r "t" "n" {\n  a = 1\n  b = 2\n}\n')
    block = m.body.blocks[0]
    edit.remove(block.body.attribute("a"), block)  # type: ignore[arg-type]
    assert m.code == 'r "t" "n" {\n  b = 2\n}\n'
    edit.remove(block.body.attribute("b"), block)  # type: ignore[arg-type]
    assert m.code == 'r "t" "n" {\n}\n'


def test_remove_collapses_blank_lines() -> None:
    m = tffix.parse("a = 1\n\nb = 2\n\nc = 3\n")
    edit.remove(m.body.attribute("b"), m)  # type: ignore[arg-type]
    assert m.code == "a = 1\n\nc = 3\n"


def test_remove_block_keeps_separated_comment() -> None:
    src = '# header\n\n# about x\nresource "x" "y" {\n  a = 1\n}\n\nresource "z" "w" {}\n'
    m = tffix.parse(src)
    edit.remove(m.body.blocks[0], m)
    assert m.code == '# header\n\nresource "z" "w" {}\n'


def test_set_value_keeps_trailing_comment() -> None:
    m = tffix.parse("a = false # off\n")
    edit.set_value(m.body.attribute("a"), "true")  # type: ignore[arg-type]
    assert m.code == "a = true # off\n"


def test_rename_label_keeps_quoting() -> None:
    m = tffix.parse('resource "aws_alb" "main" {}\nmodule m {}\n')
    edit.rename_label(m.body.blocks[0], 0, "aws_lb")
    edit.rename_label(m.body.blocks[1], 0, "n")
    assert m.code == 'resource "aws_lb" "main" {}\nmodule n {}\n'
    with pytest.raises(edit.EditError):
        edit.rename_label(m.body.blocks[1], 3, "x")


def test_rename_references_everywhere() -> None:
    src = dedent(
        """\
        a = aws_alb.main.arn
        b = "${aws_alb.main[0].id}-x"
        c = <<EOT
          ${aws_alb.main.dns_name}
        EOT
        d = [for x in aws_alb.main[*].id : x]
        e = aws_alb_listener.l.arn
        moved {
          from = aws_alb.main
          to   = aws_lb.main
        }
        """
    )
    m = tffix.parse(src)
    moved = m.body.blocks[0]
    from_side = moved.body.attribute("from").value  # type: ignore[union-attr]
    count = edit.rename_references(m, ("aws_alb",), ("aws_lb",), where=lambda t: t is not from_side)
    assert count == 4
    assert m.code == src.replace("aws_alb.main.arn", "aws_lb.main.arn").replace(
        "${aws_alb.main[0]", "${aws_lb.main[0]"
    ).replace("${aws_alb.main.dns", "${aws_lb.main.dns").replace(
        "in aws_alb.main[*]", "in aws_lb.main[*]"
    )
    assert "from = aws_alb.main" in m.code


def test_rename_one_resource_by_prefix() -> None:
    m = tffix.parse("a = aws_s3_bucket.a.id\nb = aws_s3_bucket.b.id\nc = aws_s3_bucket.a\n")
    assert edit.rename_references(m, ("aws_s3_bucket", "a"), ("aws_s3_bucket", "logs")) == 2
    assert m.code == "a = aws_s3_bucket.logs.id\nb = aws_s3_bucket.b.id\nc = aws_s3_bucket.logs\n"


def test_anchor_errors_are_clear() -> None:
    m = tffix.parse("r {\n  a = 1\n}\n")
    with pytest.raises(edit.EditError, match="no attribute or block named 'zz'"):
        edit.insert_after(m.body.blocks[0], "zz", "b = 1")


def test_blank_line_after_separates_the_next_item() -> None:
    m = tffix.parse('r "t" "n" {\n  count = 1\n  # about b\n  b = 2\n}\n')
    block = m.body.blocks[0]
    edit.insert(block, "a = 1", after="count", blank_line=True, blank_line_after=True)
    assert m.code == 'r "t" "n" {\n  count = 1\n\n  a = 1\n\n  # about b\n  b = 2\n}\n'


def test_blank_line_after_keeps_an_existing_blank_line_single() -> None:
    m = tffix.parse('r "t" "n" {\r\n  a = 1\r\n\r\n  c = 3\r\n}\r\n')
    block = m.body.blocks[0]
    edit.insert(block, "b = 2", before="a", blank_line_after=True)
    assert m.code == 'r "t" "n" {\r\n  b = 2\r\n\r\n  a = 1\r\n\r\n  c = 3\r\n}\r\n'


def test_blank_line_after_the_last_item_adds_nothing() -> None:
    m = tffix.parse('r "t" "n" {\n  a = 1\n  # trailing\n}\n')
    edit.insert(m.body.blocks[0], "b = 2", after="a", blank_line_after=True)
    assert m.code == 'r "t" "n" {\n  a = 1\n  b = 2\n  # trailing\n}\n'


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_comment_first_keeps_the_file_line_endings(newline: str) -> None:
    source = 'resource "a" "b" {\n  x = 1\n}\n\nresource "a" "c" {}\n'.replace("\n", newline)
    module = tffix.parse(source)
    first, second = module.body.items
    edit.comment_first(first, "# checkov:skip=CKV_X:why")
    edit.comment_first(second, "# note")
    expected = (
        'resource "a" "b" {\n  # checkov:skip=CKV_X:why\n  x = 1\n}\n\n'
        'resource "a" "c" {\n  # note\n}\n'
    ).replace("\n", newline)
    assert module.code == expected


def test_removing_a_files_first_block_leaves_no_blank_first_line() -> None:
    module = tffix.parse('resource "a" "b" {}\n\n# about c\nresource "a" "c" {}\n')
    edit.remove(module.body.items[0], module)
    assert module.code == '# about c\nresource "a" "c" {}\n'
    crlf = tffix.parse('resource "a" "b" {}\r\n\r\nresource "a" "c" {}\r\n')
    edit.remove(crlf.body.items[0], crlf)
    assert crlf.code == 'resource "a" "c" {}\r\n'
