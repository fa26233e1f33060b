"""Navigating the typed CST: what codemods will read."""

from __future__ import annotations

import textwrap

import pytest

import tffix
from tffix.syntax import nodes as n


def parse(text: str) -> tffix.Module:
    return tffix.parse(textwrap.dedent(text))


def value(expr_text: str) -> n.Expression:
    return tffix.parse(f"x = {expr_text}\n").body.attributes[0].value


def test_blocks_labels_attributes_and_positions() -> None:
    m = parse(
        """\
        # leading comment
        resource "aws_kms_key" "main" {
          description = "k" # trailing
          deletion_window_in_days = 7

          dynamic "grant" {
            for_each = var.grants
          }
        }
        locals { a = 1 }
        terraform {}
        """
    )
    blocks = m.body.blocks
    assert [b.type for b in blocks] == ["resource", "locals", "terraform"]
    key = blocks[0]
    assert key.labels == ["aws_kms_key", "main"]
    assert (key.line, key.column) == (2, 1)
    assert [a.name for a in key.body.attributes] == ["description", "deletion_window_in_days"]
    days = key.body.attribute("deletion_window_in_days")
    assert days is not None and isinstance(days.value, n.Number) and days.value.value == 7
    assert (days.line, days.column, days.value.column) == (4, 3, 29)
    assert key.body.attribute("nope") is None
    (dynamic,) = key.body.blocks
    assert dynamic.type == "dynamic" and dynamic.labels == ["grant"]
    assert dynamic.end_line == 8
    assert blocks[1].body.attribute("a") is not None
    assert m.body.blocks_of_type("resource", "aws_kms_key")[0] is key
    assert m.body.blocks_of_type("resource", "aws_s3_bucket") == []
    assert key.first_token.comments == ["# leading comment"]
    description = key.body.attribute("description")
    assert description is not None
    assert description.value.code == ' "k"'


def test_bare_and_escaped_labels() -> None:
    m = parse('a b "c\\"d" /* between */ "e$${x}" {\n}\n')
    assert m.body.blocks[0].labels == ["b", 'c"d', "e${x}"]
    with pytest.raises(tffix.ParseError, match="literal string"):
        tffix.parse('a "x${y}" {}\n')


def test_binary_precedence_and_associativity() -> None:
    e = value("a || b && c == d + e * f - g")
    assert isinstance(e, n.Binary) and e.operator == "||"
    right = e.right
    assert isinstance(right, n.Binary) and right.operator == "&&"
    eq = right.right
    assert isinstance(eq, n.Binary) and eq.operator == "=="
    minus = eq.right
    assert isinstance(minus, n.Binary) and minus.operator == "-"  # left-assoc: (d + e*f) - g
    plus = minus.left
    assert isinstance(plus, n.Binary) and plus.operator == "+"
    assert isinstance(plus.right, n.Binary) and plus.right.operator == "*"
    e2 = value("1 - 2 - 3")
    assert isinstance(e2, n.Binary) and isinstance(e2.left, n.Binary)
    assert e2.left.code.strip() == "1 - 2"


def test_unary_conditional_parens() -> None:
    e = value("!a ? -1 : (b ? 2 : 3)")
    assert isinstance(e, n.Conditional)
    assert isinstance(e.condition, n.Unary) and e.condition.operator == "!"
    assert isinstance(e.true_result, n.Unary) and e.true_result.operator == "-"
    assert isinstance(e.false_result, n.Parens)
    assert isinstance(e.false_result.expr, n.Conditional)


def test_traversals_are_flat_with_typed_steps() -> None:
    e = value("aws_s3_bucket.b[0].tags.0.*.x[*].y")
    assert isinstance(e, n.Traversal)
    assert e.root_name() == "aws_s3_bucket"
    assert [type(s).__name__ for s in e.steps] == [
        "GetAttr", "Index", "GetAttr", "LegacyIndex",
        "AttrSplat", "GetAttr", "FullSplat", "GetAttr",
    ]  # fmt: skip
    assert e.names() == ["aws_s3_bucket", "b", None, "tags", "0", "*", "x", "*", "y"]
    index = e.steps[1]
    assert isinstance(index, n.Index) and isinstance(index.expr, n.Number)


def test_literals_and_variables() -> None:
    assert value("true").value is True  # type: ignore[attr-defined]
    assert value("null").value is None  # type: ignore[attr-defined]
    assert value("1.5e3").value == 1500.0  # type: ignore[attr-defined]
    assert value("1e3").value == 1000  # type: ignore[attr-defined]
    v = value("var")
    assert isinstance(v, n.Variable) and v.name == "var"


def test_collections() -> None:
    t = value("[1, 2,\n 3,\n]")
    assert isinstance(t, n.Tuple) and len(t.elements) == 3
    o = value('{\n  a = 1\n  "b" : 2, (var.k) = 3\n}')
    assert isinstance(o, n.Object)
    assert [i.key_name() for i in o.items] == ["a", "b", None]
    assert [i.separator for i in o.items] == ["=", ":", "="]
    assert isinstance(o.items[2].key, n.Parens)


def test_calls() -> None:
    c = value("provider::aws::arn_parse(var.arn)")
    assert isinstance(c, n.Call) and c.name == "provider::aws::arn_parse"
    c2 = value("concat(a, b...)")
    assert isinstance(c2, n.Call) and c2.expand_final and len(c2.args) == 2
    c3 = value("max(\n  1,\n  2,\n)")
    assert isinstance(c3, n.Call) and not c3.expand_final and len(c3.args) == 2


def test_for_expressions() -> None:
    t = value('[for s in var.list : upper(s) if s != ""]')
    assert isinstance(t, n.ForTuple)
    assert (t.key_var, t.value_var) == (None, "s")
    assert isinstance(t.value_expr, n.Call) and t.condition is not None
    o = value("{\n  for k, v in var.map :\n  k => v...\n}")
    assert isinstance(o, n.ForObject)
    assert (o.key_var, o.value_var, o.grouping) == ("k", "v", True)
    assert isinstance(o.collection, n.Traversal) and o.condition is None


def test_templates() -> None:
    s = value('"a-${var.b}-%{ if c }x%{ else }y%{ endif }${~ d ~}"')
    assert isinstance(s, n.TemplateString) and not s.is_literal
    kinds = [type(p).__name__ for p in s.parts]
    assert kinds == ["TemplateLiteral", "Interpolation", "TemplateLiteral", "IfDirective",
                     "Interpolation"]  # fmt: skip
    directive = s.parts[3]
    assert isinstance(directive, n.IfDirective)
    assert [p.code for p in directive.then_parts] == ["x"]
    assert [p.code for p in directive.else_parts or []] == ["y"]
    strip = s.parts[4]
    assert isinstance(strip, n.Interpolation) and strip.strip_left and strip.strip_right
    nested = value('"${ "a${b}" }"')
    assert isinstance(nested, n.TemplateString)
    inner = nested.parts[0]
    assert isinstance(inner, n.Interpolation) and isinstance(inner.expr, n.TemplateString)
    lit = value('"tab\\t \\u00e9 $${x} %%{y}"')
    assert isinstance(lit, n.TemplateString) and lit.is_literal
    assert lit.literal_value() == "tab\t \u00e9 ${x} %{y}"


def test_heredocs() -> None:
    m = tffix.parse(
        "a = <<-EOT\n  hello ${name}\n  %{ for x in xs }${x}%{ endfor }\n  EOT\nb = 1\n"
    )
    h = m.body.attributes[0].value
    assert isinstance(h, n.Heredoc) and h.indented and h.marker == "EOT"
    loop = next(p for p in h.parts if isinstance(p, n.ForDirective))
    assert (loop.key_var, loop.value_var) == (None, "x")
    assert [a.name for a in m.body.attributes] == ["a", "b"]
    assert m.body.attributes[1].line == 5


def test_newlines_are_whitespace_inside_brackets_only() -> None:
    m = tffix.parse("a = foo(\n  1,\n  2\n)\nb = (\n  c ? d : e\n)\n")
    assert [a.name for a in m.body.attributes] == ["a", "b"]
    with pytest.raises(tffix.ParseError):
        tffix.parse("a = 1 +\n  2\n")


def test_walk_and_tokens_cover_everything() -> None:
    m = tffix.parse('r "t" "n" {\n  a = [x.y, {k = "v"}]\n}\n')
    kinds = {type(node).__name__ for node in m.walk()}
    assert {"Block", "Body", "Attribute", "Tuple", "Traversal", "Object", "ObjectItem"} <= kinds
    assert "".join(t.pre + t.text for t in m.tokens()) == m.code
