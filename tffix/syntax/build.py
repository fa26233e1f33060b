"""Reduction callbacks: build CST nodes directly while the LALR parser runs.

Each function is named after a rule alias in ``grammar/hcl2.lark`` and gets
the values of the rule's right-hand side (tokens, nodes, or the plain lists
that list rules accumulate). Building the typed nodes here, instead of
building a generic parse tree and converting it afterwards, saves the second
pass that dominates python-hcl2's run time.
"""

from __future__ import annotations

from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError
from tffix.syntax.tokens import Token

# typing costs ~6 ms at start-up; it is only needed by type checkers.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

# Nodes are built as ``object.__new__`` and one attribute store: calling the
# class would run ``Node.__init__``, a Python call per node.
_new = object.__new__

_PRECEDENCE = {
    "||": 1,
    "&&": 2,
    "==": 3,
    "!=": 3,
    "<": 4,
    ">": 4,
    "<=": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "%": 6,
}


class Chain(list):
    """operand, operator, operand, ...: a binary expression before precedence is applied."""

    __slots__ = ()


def fold_chain(chain: list[Any]) -> n.Expression:
    """Nest a flat operator chain by HCL precedence, all operators left-associative."""
    operands: list[Any] = [chain[0]]
    operators: list[Token] = []
    precedences: list[int] = []
    binary = n.Binary
    for i in range(1, len(chain), 2):
        op = chain[i]
        prec = _PRECEDENCE[op.text]
        while precedences and precedences[-1] >= prec:
            precedences.pop()
            right = operands.pop()
            node = _new(binary)
            node.children = [operands[-1], operators.pop(), right]
            operands[-1] = node
        operators.append(op)
        precedences.append(prec)
        operands.append(chain[i + 1])
    while operators:
        right = operands.pop()
        node = _new(binary)
        node.children = [operands[-1], operators.pop(), right]
        operands[-1] = node
    return operands[0]


def start(s: list[Any]) -> Any:
    return s[0]


def _check_unique(children: list[Any]) -> None:
    """An argument may be set once per body (Terraform: "Attribute redefined")."""
    seen: dict[str, Token] = {}
    for child in children:
        if type(child) is n.Attribute:
            name = child.name_token
            first = seen.setdefault(name.text, name)
            if first is not name:
                raise ParseError(
                    f"attribute {name.text!r} is already set at line {first.line}, "
                    f"column {first.column}; an argument may be set only once in a block",
                    path=None,
                    line=name.line,
                    column=name.column,
                )


def body(s: list[Any]) -> n.Body:
    items = s[0]
    if len(items) > 2:  # (two attributes take at least three entries: a, NL, b)
        _check_unique(items)
    node = _new(n.Body)
    node.children = items
    return node


def body_last(s: list[Any]) -> n.Body:
    items = s[0]
    items.append(s[1])
    _check_unique(items)
    node = _new(n.Body)
    node.children = items
    return node


def lines_empty(s: list[Any]) -> list[Any]:
    return []


def lines_append(s: list[Any]) -> list[Any]:
    items = s[0]
    items.append(s[1])
    items.append(s[2])
    return items


def list_empty(s: list[Any]) -> list[Any]:
    return []


def list_start(s: list[Any]) -> list[Any]:
    return s


def list_append(s: list[Any]) -> list[Any]:
    items = s[0]
    items.append(s[1])
    return items


def list_append2(s: list[Any]) -> list[Any]:
    items = s[0]
    items.append(s[1])
    items.append(s[2])
    return items


# ---- long lists: kept as source text ----------------------------------------
#
# A tuple, object or template with thousands of elements on one line (a
# generated allow-list, a minified file) would cost a hundred bytes of
# objects per byte of input. Past LIST_CAP entries the parser stops building
# the list (``Truncate``), checks the rest of the container's syntax without
# building anything, and keeps the container as a node that holds only its
# offsets in the text; its children are parsed when first asked for
# (``nodes.Node``). Printing such a node copies its text.
#
# A traversal past LIST_CAP steps and a chain of binary operators past
# LIST_CAP entries go the same way (``TruncateExpr``); having no closing
# bracket, they end where the parser leaves them (``parser._drive``), and
# are kept as ``nodes.LazyTraversal`` / ``nodes.LazyBinary``.

LIST_CAP = 4096


class Signal(Exception):
    """Base of the signals the capped callbacks send to the parser loop."""


class Truncate(Signal):
    """A list reached ``LIST_CAP`` entries: stop building until it is consumed."""


class TruncateExpr(Truncate):
    """A traversal or an operator chain reached ``LIST_CAP`` entries.

    ``first`` is its first value (the root, the first operand), where its
    source text starts; ``lazy`` the class of the node kept as text. The
    parser keeps the expression as text when it ends (``parser._drive``).
    """

    def __init__(self, first: Any, lazy: type[n.Node]) -> None:
        super().__init__()
        self.first = first
        self.lazy = lazy


class Consume(Signal):
    """A rule consumes a truncated list: the parser decides what it becomes."""


TRUNCATED: Any = ["truncated"]  # the value of a truncated list (compared by identity)


def list_append_capped(s: list[Any]) -> list[Any]:
    items = s[0]
    if len(items) >= LIST_CAP:
        raise Truncate
    items.append(s[1])
    return items


def list_append2_capped(s: list[Any]) -> list[Any]:
    items = s[0]
    if len(items) >= LIST_CAP:
        raise Truncate
    items.append(s[1])
    items.append(s[2])
    return items


def skip_list(s: list[Any]) -> Any:
    """A list rule while nothing is built: a truncated list stays truncated."""
    return s[0]


def skip_step(s: list[Any]) -> Any:
    """A traversal step or an operator while nothing is built: a truncated
    traversal or chain (the first value) stays truncated."""
    if s[0] is TRUNCATED:
        for value in s[1:]:
            if value is TRUNCATED:  # pragma: no cover (one truncation at a time)
                raise Consume
        return TRUNCATED
    return skip(s)


def skip(s: list[Any]) -> None:
    """Any other rule while nothing is built, until one consumes the truncated list."""
    for value in s:
        if value is TRUNCATED:
            raise Consume
    return None


def none(s: list[Any]) -> None:
    return None


def attribute(s: list[Any]) -> n.Attribute:
    node = _new(n.Attribute)
    node.children = s
    return node


def block(s: list[Any]) -> n.Block:
    """(The parser builds blocks itself, the same way: ``parser._drive``.)"""
    if s[1]:
        check_labels(s[1])
    items = s[3].children
    if items:
        check_items(s[2], items, s[4])
    children = s[1]  # the labels' list
    children.insert(0, s[0])
    children.extend(s[2:])
    node = _new(n.Block)
    node.children = children
    return node


def check_labels(labels: list[Any]) -> None:
    """A block's quoted labels are literal strings: no interpolation or directive."""
    for label in labels:
        if type(label) is not n.TemplateString:
            continue
        parts = label.children
        if len(parts) == 2 or (len(parts) == 3 and type(parts[1]) is n.TemplateLiteral):
            continue  # "" or "text": the common case, decided without a walk
        if not label.is_literal:
            bad = next(t for t in label.tokens() if t.type in ("TINTERP", "TDIRECTIVE"))
            raise ParseError(
                "a block label must be a literal string: template sequences are not allowed "
                f"(write {bad.text[0] * 2}{{ for a literal {bad.text[:2]})",
                path=None,
                line=bad.line,
                column=bad.column,
            )


def check_items(open_brace: Token, items: list[Any], close_brace: Token) -> None:
    """The items of a block body (not empty) are laid out as Terraform requires."""
    # (An item, attribute or block, starts with its name token.)
    if "\n" not in items[0].children[0].pre:
        _check_single_line(open_brace, items)
    elif type(items[-1]) is not Token:
        _check_last_newline(items[-1], close_brace)


def _check_single_line(open_brace: Token, items: list[Any]) -> None:
    """Content right after ``{`` makes a single-line block: one attribute, then ``}``."""
    first = items[0]
    if not isinstance(first, n.Attribute):
        bad = first.first_token
        why = "a single-line block can hold only one attribute, not a nested block"
    elif len(items) > 1:
        bad = items[1]
        why = "a single-line block must close with '}' on the same line"
    else:
        return
    raise ParseError(why, path=None, line=bad.line, column=bad.column)


def _check_last_newline(last: Any, close_brace: Token) -> None:
    """In a multi-line block the last item, like every other, ends with a newline.

    The grammar lets a body's last item go without one, which a single-line
    block (``{ a = 1 }``) and the end of a file need; Terraform rejects
    ``status = "Enabled"}`` inside a multi-line block ("Missing newline after
    argument"), at the ``}``, and so do we.
    """
    what = "argument" if type(last) is n.Attribute else "block definition"
    raise ParseError(
        f"missing newline after {what}: in a multi-line block, put '}}' on a line of its own",
        path=None,
        line=close_brace.line,
        column=close_brace.column,
    )


def expr(s: list[Any]) -> Any:
    value = s[0]
    return fold_chain(value) if type(value) is Chain else value


def conditional(s: list[Any]) -> n.Conditional:
    if type(s[0]) is Chain:
        s[0] = fold_chain(s[0])
    node = _new(n.Conditional)
    node.children = s
    return node


def chain_append(s: list[Any]) -> Chain:
    left = s[0]
    if type(left) is Chain:
        left.append(s[1])
        left.append(s[2])
        return left
    return Chain(s)


def chain_append_capped(s: list[Any]) -> Chain:
    left = s[0]
    if type(left) is Chain:
        if len(left) >= LIST_CAP:
            raise TruncateExpr(left[0], n.LazyBinary)
        left.append(s[1])
        left.append(s[2])
        return left
    return Chain(s)


def unary(s: list[Any]) -> n.Unary:
    node = _new(n.Unary)
    node.children = s
    return node


def _step(target: Any, step: n.Step) -> n.Traversal:
    if type(target) is n.Traversal:
        target.children.append(step)
        return target
    node = _new(n.Traversal)
    node.children = [target, step]
    return node


def _step_capped(target: Any, step: n.Step) -> n.Traversal:
    if type(target) is n.Traversal:
        children = target.children
        if len(children) >= LIST_CAP:
            raise TruncateExpr(children[0], n.LazyTraversal)
        children.append(step)
        return target
    node = _new(n.Traversal)
    node.children = [target, step]
    return node


def _steps(step: Callable[[Any, n.Step], n.Traversal]) -> dict[str, Callable[[list[Any]], Any]]:
    """The callbacks of the five kinds of traversal step, adding steps with ``step``."""

    def kind(cls: type[n.Step]) -> Callable[[list[Any]], Any]:
        def add(s: list[Any]) -> n.Traversal:
            node = _new(cls)
            node.children = s[1:]
            return step(s[0], node)

        return add

    return {
        "get_attr": kind(n.GetAttr),
        "legacy_index": kind(n.LegacyIndex),
        "attr_splat": kind(n.AttrSplat),
        "index": kind(n.Index),
        "full_splat": kind(n.FullSplat),
    }


_STEPS = _steps(_step)
_STEPS_CAPPED = _steps(_step_capped)


def number(s: list[Any]) -> n.Number:
    node = _new(n.Number)
    node.children = s
    return node


_LITERALS = frozenset(("true", "false", "null"))


def variable(s: list[Any]) -> n.Expression:
    if s[0].text in _LITERALS:
        literal = _new(n.Literal)
        literal.children = s
        return literal
    node = _new(n.Variable)
    node.children = s
    return node


def parens(s: list[Any]) -> n.Parens:
    node = _new(n.Parens)
    node.children = s
    return node


def _flatten(s: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in s:
        if type(item) is list:
            out.extend(item)
        elif item is not None:
            out.append(item)
    return out


def _bracketed(s: list[Any]) -> list[Any]:
    """``[open, close]`` or ``[open, list, (separator,) close]`` as one list.

    The inner list (elements, items, template parts) becomes the node's
    children: no second list, and no walk over the values to flatten them.
    """
    if len(s) == 2:
        return s
    children: list[Any] = s[1]
    children.insert(0, s[0])
    children.extend(s[2:])
    return children


def tuple_(s: list[Any]) -> n.Tuple:
    node = _new(n.Tuple)
    node.children = _bracketed(s)
    return node


def object_(s: list[Any]) -> n.Object:
    node = _new(n.Object)
    node.children = _bracketed(s)
    return node


def object_item(s: list[Any]) -> n.ObjectItem:
    node = _new(n.ObjectItem)
    node.children = s
    return node


def call(s: list[Any]) -> n.Call:
    node = _new(n.Call)
    node.children = _flatten(s)
    return node


def for_intro(s: list[Any]) -> list[Any]:
    return s


def for_cond(s: list[Any]) -> list[Any]:
    return s


def for_tuple(s: list[Any]) -> n.ForTuple:
    node = _new(n.ForTuple)
    node.children = _flatten(s)
    return node


def for_object(s: list[Any]) -> n.ForObject:
    node = _new(n.ForObject)
    node.children = _flatten(s)
    return node


def template_string(s: list[Any]) -> n.TemplateString:
    node = _new(n.TemplateString)
    node.children = _bracketed(s)
    return node


def heredoc(s: list[Any]) -> n.Heredoc:
    node = _new(n.Heredoc)
    node.children = _bracketed(s)
    return node


def template_literal(s: list[Any]) -> n.TemplateLiteral:
    node = _new(n.TemplateLiteral)
    node.children = s
    return node


def interpolation(s: list[Any]) -> n.Interpolation:
    node = _new(n.Interpolation)
    node.children = s
    return node


def if_directive(s: list[Any]) -> n.IfDirective:
    node = _new(n.IfDirective)
    node.children = _flatten(s)
    return node


def for_directive(s: list[Any]) -> n.ForDirective:
    node = _new(n.ForDirective)
    node.children = _flatten(s)
    return node


# Callbacks that only wrap their values in a node: the parser builds these
# nodes itself (``object.__new__`` and one attribute store, no Python call).
# ``list`` stands for the callbacks whose result is the list of their values.
PLAIN: dict[Callable[[list[Any]], Any], type[n.Node] | type[list[Any]]] = {
    lines_empty: list,
    list_empty: list,
    list_start: list,
    for_intro: list,
    for_cond: list,
    attribute: n.Attribute,
    unary: n.Unary,
    number: n.Number,
    parens: n.Parens,
    object_item: n.ObjectItem,
    template_literal: n.TemplateLiteral,
    interpolation: n.Interpolation,
}

# Tuples, objects and templates can be kept as text: their first and last
# tokens are the brackets the scanner reports spans for.
LAZY = {tuple_: n.Tuple, object_: n.Object, template_string: n.TemplateString, heredoc: n.Heredoc}

CALLBACKS: dict[str, Callable[[list[Any]], Any]] = {
    "start": start,
    "body": body,
    "body_last": body_last,
    "lines_empty": lines_empty,
    "lines_append": lines_append,
    "list_empty": list_empty,
    "list_start": list_start,
    "list_append": list_append,
    "list_append2": list_append2,
    "none": none,
    "attribute": attribute,
    "block": block,
    "expr": expr,
    "conditional": conditional,
    "chain_append": chain_append,
    "unary": unary,
    **_STEPS,
    "number": number,
    "variable": variable,
    "parens": parens,
    "tuple": tuple_,
    "object": object_,
    "object_item": object_item,
    "call": call,
    "for_intro": for_intro,
    "for_cond": for_cond,
    "for_tuple": for_tuple,
    "for_object": for_object,
    "template_string": template_string,
    "heredoc": heredoc,
    "template_literal": template_literal,
    "interpolation": interpolation,
    "if_directive": if_directive,
    "for_directive": for_directive,
}
CAPPED = {
    **CALLBACKS,
    "list_append": list_append_capped,
    "list_append2": list_append2_capped,
    "chain_append": chain_append_capped,
    **_STEPS_CAPPED,
}
SKIPPING = {
    **{alias: skip for alias in CALLBACKS},
    "list_append": skip_list,
    "list_append2": skip_list,
    "chain_append": skip_step,
    **{alias: skip_step for alias in _STEPS},
}
