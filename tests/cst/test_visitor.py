"""Visitors see every node in order; transformers replace and remove."""

from __future__ import annotations

import tffix
from tffix.cst.visitor import REMOVE, Transformer, Visitor
from tffix.syntax import nodes as n


def test_visit_and_leave_in_source_order() -> None:
    seen: list[str] = []

    class Names(Visitor):
        def visit_Block(self, node: n.Block) -> None:
            seen.append("enter " + node.type)

        def leave_Block(self, node: n.Block) -> None:
            seen.append("leave " + node.type)

        def visit_Attribute(self, node: n.Attribute) -> bool:
            seen.append("attr " + node.name)
            return False  # do not descend into the value

        def visit_Variable(self, node: n.Variable) -> None:
            seen.append("var " + node.name)

    Names().walk(tffix.parse("a {\n  b = x\n  c { d = y }\n}\n"))
    assert seen == ["enter a", "attr b", "enter c", "attr d", "leave c", "leave a"]


def test_base_class_methods_see_subclasses() -> None:
    count = 0

    class Exprs(Visitor):
        def visit_Expression(self, node: n.Expression) -> None:
            nonlocal count
            count += 1

    Exprs().walk(tffix.parse("a = [1, x.y, f(2)]\n"))
    assert count == 6  # tuple, 1, x.y traversal, x variable, call, 2


def test_transformer_replaces_and_removes() -> None:
    class Fix(Transformer):
        def leave_Attribute(self, node: n.Attribute) -> object:
            if node.name == "drop":
                return REMOVE
            return None

        def leave_Literal(self, node: n.Literal) -> object:
            if node.value is False:
                from tffix.cst.builders import parse_expression

                return parse_expression("true")
            return None

    module = tffix.parse('r "x" {\n  keep = false # why\n  drop = 1\n}\n')
    Fix().walk(module)
    assert module.code == 'r "x" {\n  keep = true # why\n}\n'
