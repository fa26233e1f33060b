"""Matchers find what codemods look for."""

from __future__ import annotations

import tffix
from tffix.cst import matchers as m
from tffix.syntax import nodes as n

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


def test_blocks_by_type_and_label_prefix() -> None:
    module = tffix.parse(SRC)
    keys = m.find_all(module, m.Block("resource", ("aws_kms_key",)))
    assert [b.labels for b in keys] == [["aws_kms_key", "a"], ["aws_kms_key", "b"]]  # type: ignore[attr-defined]
    assert len(m.find_all(module, m.Resource("aws_kms_key", "b"))) == 1
    assert len(m.find_all(module, m.Resource(name="c"))) == 1
    assert len(m.find_all(module, m.Block(labels=("aws_kms_key",)))) == 3
    assert len(m.find_all(module, m.Block("resource", has_attribute="bucket"))) == 1


def test_attributes_by_name_and_literal_value() -> None:
    module = tffix.parse(SRC)
    off = m.find_all(module, m.Attribute("enable_key_rotation", m.Literal(False)))
    assert len(off) == 1 and off[0].line == 2
    not_literal = m.Attribute("enable_key_rotation", ~(m.Literal(True) | m.Literal(False)))
    (expr,) = m.find_all(module, not_literal)
    assert isinstance(expr, n.Attribute) and expr.value.code.strip() == "var.rotate"


def test_traversals_by_root() -> None:
    module = tffix.parse(SRC)
    refs = m.find_all(module, m.Traversal(root="aws_s3_bucket_encryption_configuration"))
    assert [r.line for r in refs] == [12]
    assert len(m.find_all(module, m.Traversal(names=("aws_s3_bucket", "x")))) == 1
    assert m.matches(refs[0], m.Traversal() & m.MatchIf(lambda t: t.line == 12))


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
