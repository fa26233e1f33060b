"""Turn a tffix CST into the dict that python-hcl2 8.1's ``hcl2.loads`` returns.

This is the bridge for the differential test: python-hcl2 is an independent
parser, so if the tree tffix builds, rendered in python-hcl2's shape, equals
what python-hcl2 itself produces for all real files, both parsers agree on
the structure (blocks, labels, attributes, expression nesting and order).

The shape is python-hcl2's with ``SerializationOptions(with_comments=False)``
(where python-hcl2 puts comments depends on its grammar internals, and it
drops some). The rules, found by experiment on 8.1.4:

- a body is a dict; an attribute is ``name: V(value)``; a block appends
  ``{label: {label2: {...body, "__is_block__": True}}}`` to ``type: [...]``;
  quoted labels keep their quotes;
- ``V`` (value context): numbers as int/float (exponent floats stay text,
  wrapped in ``${}``), true/false/null as Python values, a bare name as its
  text, strings with their quotes and raw escapes, heredocs as their raw
  text in quotes, tuples as lists, objects as dicts, ``-`` on a number as a
  negative number, anything else ``${E(expr)}``;
- ``E`` (inside an expression): a one-line rendering with single spaces
  around binary operators, ``f(a, b)``, ``[a, b]``, ``{k = v}`` and only the
  parentheses of the source.
"""

from __future__ import annotations

from typing import Any

from tffix.syntax import nodes as n
from tffix.syntax.tokens import Token


class OracleQuirk(Exception):
    """python-hcl2 would raise here too (e.g. a block named like an attribute)."""


def module_to_dict(module: n.Module) -> dict[str, Any]:
    return _body(module.body)


def _body(body: n.Body) -> dict[str, Any]:
    out: dict[str, Any] = {}
    attributes: set[str] = set()
    for item in body.items:
        if isinstance(item, n.Attribute):
            attributes.add(item.name)
            out[item.name] = _value(item.value)
        else:
            if item.type in attributes:
                raise OracleQuirk(f"Attribute {item.type} is already defined.")
            block: dict[str, Any] = _body(item.body)
            block["__is_block__"] = True
            for label in reversed(item.label_nodes):
                key = label.text if isinstance(label, Token) else _string(label)  # type: ignore[arg-type]
                block = {key: block}
            existing = out.setdefault(item.type, [])
            if not isinstance(existing, list):
                existing = out[item.type] = []
            existing.append(block)
    return out


def _wrap(text: str) -> str:
    return text if text.startswith("${") and text.endswith("}") else "${" + text + "}"


def _number(node: n.Number) -> tuple[bool, Any]:
    """(is_scientific, value): python-hcl2 keeps exponent notation as source text."""
    text = node.text
    if "e" in text or "E" in text:
        return True, text
    if "." in text:
        return False, float(text)
    return False, int(text)


def _value(node: n.Expression) -> Any:
    if isinstance(node, n.Number):
        sci, value = _number(node)
        return _wrap(value) if sci else value
    if isinstance(node, n.Literal):
        return node.value
    if isinstance(node, n.Variable):
        return node.name
    if isinstance(node, n.TemplateString):
        return _string(node)
    if isinstance(node, n.Heredoc):
        return _heredoc(node)
    if isinstance(node, n.Tuple):
        return [_value(e) for e in node.elements]
    if isinstance(node, n.Object):
        return {_key(item.key, in_expr=False): _value(item.value) for item in node.items}
    if isinstance(node, n.Parens):
        inner = _value(node.expr)
        text = inner if isinstance(inner, str) else str(inner)
        if text.startswith("${") and text.endswith("}"):
            return "${(" + text[2:-1] + ")}"
        return "${(" + text + ")}"
    if isinstance(node, n.Unary) and node.operator == "-" and isinstance(node.operand, n.Number):
        sci, value = _number(node.operand)
        if not sci:
            return -value
    return _wrap(_expr(node))


def _key(node: n.Expression, *, in_expr: bool) -> str:
    if isinstance(node, (n.Variable, n.Literal)):
        return node.children[0].text  # type: ignore[union-attr]
    if isinstance(node, n.TemplateString):
        return _string(node)
    if isinstance(node, n.Number):
        sci, value = _number(node)
        if not sci:
            return str(value)
        return value if in_expr else _wrap(value)  # type: ignore[no-any-return]
    text = _expr(node)
    return text if in_expr else _wrap(text)


def _expr(node: n.Node) -> str:
    """python-hcl2's one-line rendering of an expression."""
    if isinstance(node, n.Number):
        sci, value = _number(node)
        return value if sci else str(value)  # type: ignore[no-any-return]
    if isinstance(node, (n.Literal, n.Variable)):
        return node.children[0].text  # type: ignore[union-attr]
    if isinstance(node, n.TemplateString):
        return _string(node)
    if isinstance(node, n.Heredoc):
        return _heredoc(node)
    if isinstance(node, n.Parens):
        return "(" + _expr(node.expr) + ")"
    if isinstance(node, n.Tuple):
        return "[" + ", ".join(_expr(e) for e in node.elements) + "]"
    if isinstance(node, n.Object):
        items = (_key(i.key, in_expr=True) + " = " + _expr(i.value) for i in node.items)
        return "{" + ", ".join(items) + "}"
    if isinstance(node, n.Unary):
        return node.operator + _expr(node.operand)
    if isinstance(node, n.Binary):
        return _expr(node.left) + " " + node.operator + " " + _expr(node.right)
    if isinstance(node, n.Conditional):
        parts = (node.condition, node.true_result, node.false_result)
        return "{} ? {} : {}".format(*(_expr(p) for p in parts))
    if isinstance(node, n.Call):
        args = ", ".join(_expr(a) for a in node.args)
        if node.expand_final:
            args += " ..."
        return node.name + "(" + args + ")"
    if isinstance(node, n.Traversal):
        return _expr(node.root) + "".join(_step(s) for s in node.steps)
    if isinstance(node, n.ForTuple):
        cond = node.condition
        return (
            "[" + _for_intro(node) + _expr(node.value_expr)
            + (" if " + _expr(cond) if cond is not None else "") + "]"
        )  # fmt: skip
    if isinstance(node, n.ForObject):
        cond = node.condition
        return (
            "{" + _for_intro(node) + _expr(node.key_expr) + " => " + _expr(node.value_expr)
            + ("..." if node.grouping else "")
            + (" if " + _expr(cond) if cond is not None else "") + "}"
        )  # fmt: skip
    raise TypeError(f"no rendering for {type(node).__name__}")


def _for_intro(node: n.ForTuple | n.ForObject) -> str:
    names = node.value_var if node.key_var is None else f"{node.key_var}, {node.value_var}"
    return f"for {names} in {_expr(node.collection)} : "


def _step(step: n.Step) -> str:
    if isinstance(step, n.GetAttr):
        return "." + step.name
    if isinstance(step, n.LegacyIndex):
        return "." + str(step.index)
    if isinstance(step, n.Index):
        return "[" + _expr(step.expr) + "]"
    if isinstance(step, n.AttrSplat):
        return ".*"
    if isinstance(step, n.FullSplat):
        return "[*]"
    raise TypeError(type(step).__name__)


def _string(node: n.TemplateString) -> str:
    return '"' + "".join(_template_parts(node.parts)) + '"'


def _template_parts(parts: list[Any]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if isinstance(part, n.TemplateLiteral):
            out.append(part.text)
        elif isinstance(part, n.Interpolation):
            out.append(_wrap(_expr(part.expr)))
        else:
            out.append(_directive(part))
    return out


def _directive(node: n.IfDirective | n.ForDirective) -> str:
    """Render a directive; python-hcl2 puts one space inside each ``%{ }``."""
    out: list[str] = []
    children = node.children
    i = 0
    while i < len(children):
        child = children[i]
        if isinstance(child, Token) and child.type == "TDIRECTIVE":
            close = i + 1
            while not (isinstance(children[close], Token) and children[close].type == "TCLOSE"):
                close += 1
            head = children[i + 1 : close]
            keyword = head[0].text  # type: ignore[union-attr]
            if keyword == "if":
                inner = "if " + _expr(head[1])  # type: ignore[arg-type]
            elif keyword == "for":
                names = [h.text for h in head if isinstance(h, Token) and h.type == "IDENT"]
                inner = "for " + ", ".join(names) + " in " + _expr(head[-1])  # type: ignore[arg-type]
            else:
                inner = keyword
            strip_open = "~ " if child.text.endswith("~") else " "
            strip_close = " ~" if children[close].text.startswith("~") else " "  # type: ignore[union-attr]
            out.append("%{" + strip_open + inner + strip_close + "}")
            i = close + 1
        else:
            out.extend(_template_parts([child]))
            i += 1
    return "".join(out)


def _heredoc(node: n.Heredoc) -> str:
    text = node.code[len(node.first_token.pre) :]
    return '"' + text + '"'
