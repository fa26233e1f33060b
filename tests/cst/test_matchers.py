"""Matchers find what codemods look for."""

from __future__ import annotations

import tffix
from tffix.cst import matchers as m

SRC = """\
resource "aws_kms_key" "a" {
  enable_key_rotation = false
}
resource "aws_kms_key" "b" {
  enable_key_rotation = var.rotate
}
resource "aws_s3_bucket_encryption_configuration" "c" {
  bucket = aws_s3_bucket.x.id
}
data "aws_kms_key" "d" {}
output "o" {
  value = aws_s3_bucket_encryption_configuration.c.id
}
"""


def test_literals_by_value_and_alternatives() -> None:
    module = tffix.parse(SRC)
    rotations = [
        a.value for b in module.body.blocks for a in b.body.attributes
        if a.name == "enable_key_rotation"
    ]  # fmt: skip
    assert [m.Literal(False).matches(v) for v in rotations] == [True, False]
    either = m.Literal(True) | m.Literal(False)
    assert [either.matches(v) for v in rotations] == [True, False]
    assert not m.Literal(0).matches(tffix.parse("a = false\n").body.attributes[0].value)
    assert m.Literal("x").matches(tffix.parse('a = "x"\n').body.attributes[0].value)


def test_traversals_by_root_and_leading_names() -> None:
    module = tffix.parse(SRC)
    refs = m.find_all(module, m.Traversal(root="aws_s3_bucket_encryption_configuration"))
    assert [r.line for r in refs] == [12]
    assert len(m.find_all(module, m.Traversal(names=("aws_s3_bucket", "x")))) == 1
    assert len(m.find_all(module, m.Traversal(names=("aws_s3_bucket", "y")))) == 0


def test_strings_and_constants() -> None:
    values = tffix.parse(
        'a = "x"\nb = 1\nc = null\nd = true\ne = "${var.x}"\nf = -1\ng = var.x\nh = <<EOT\nx\nEOT\n'
    ).body.attributes
    strings = [a.name for a in values if m.String().matches(a.value)]
    constants = [a.name for a in values if m.Constant().matches(a.value)]
    assert strings == ["a"]
    assert constants == ["a", "b", "c", "d"]


def test_string_value_of_plain_strings_only() -> None:
    module = tffix.parse(
        "locals {\n"
        '  plain   = "a\\nb $${x}"\n'
        '  empty   = ""\n'
        '  interp  = "a-${var.x}"\n'
        "  number  = 1\n"
        "  flag    = true\n"
        "  ref     = var.x\n"
        "  heredoc = <<EOT\n"
        "text\n"
        "EOT\n"
        "}\n"
    )
    values = {a.name: m.string_value(a.value) for a in module.body.blocks[0].body.attributes}
    assert values == {
        "plain": "a\nb ${x}",
        "empty": "",
        "interp": None,
        "number": None,
        "flag": None,
        "ref": None,
        "heredoc": None,
    }
    assert m.string_value(None) is None
