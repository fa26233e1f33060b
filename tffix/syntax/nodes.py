"""Typed nodes of the concrete syntax tree.

Every node keeps its children, tokens and nodes, in source order and nothing
else: the typed accessors (``Block.labels``, ``Attribute.value``, ...) are
views computed from those children. Keeping a single ordered list is what lets
later edits (``tffix.cst``) splice tokens in and out without ever losing a
comment, and lets printing be a plain walk over the leaves.
"""

from __future__ import annotations

import threading

from tffix.syntax.tokens import Token

# typing costs ~6 ms at start-up; it is only needed by type checkers.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import TypeAlias

    Child: TypeAlias = "Node | Token"


class Node:
    """Base class: an ordered list of children (tokens and nodes)."""

    __slots__ = ("children",)

    def __init__(self, children: list[Child]) -> None:
        self.children = children

    # ---- printing ---------------------------------------------------------

    @property
    def code(self) -> str:
        """The exact source text of this node, including leading trivia."""
        parts: list[str] = []
        _emit(self.children, parts.append)
        return "".join(parts)

    def tokens(self) -> Iterator[Token]:
        """Every token under this node, in source order (iterative: no recursion limit)."""
        stack: list[Iterator[Child]] = [iter(self.children)]
        while stack:
            for child in stack[-1]:
                if isinstance(child, Token):
                    yield child
                else:
                    stack.append(iter(child.children))
                    break
            else:
                stack.pop()

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, depth first, in source order."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(c for c in reversed(node.children) if isinstance(c, Node))

    # ---- positions --------------------------------------------------------

    @property
    def first_token(self) -> Token:
        return next(self.tokens())

    @property
    def last_token(self) -> Token:
        node: Node = self
        while True:
            last = node.children[-1]
            if isinstance(last, Token):
                return last
            node = last

    @property
    def line(self) -> int:
        """1-based line of the node's first token (its leading trivia excluded)."""
        return self.first_token.line

    @property
    def column(self) -> int:
        """1-based column of the node's first token."""
        return self.first_token.column

    @property
    def end_line(self) -> int:
        """1-based line on which the node's last token ends."""
        last = self.last_token
        return last.line + last.text.count("\n")

    def __repr__(self) -> str:
        text = self.code.strip()
        if len(text) > 40:
            text = text[:37] + "..."
        return f"{type(self).__name__}({text!r} at {self.line}:{self.column})"


# Set while a thread prints: a node kept as text then gives its text as its
# only child, instead of being parsed into children that nobody asked for.
_printing = threading.local()


def _lazy_getattr(self: Node, name: str) -> object:
    """``children`` of a node kept as source text (see ``build.LIST_CAP``): parse it now.

    Only a tuple, object or template with thousands of entries is kept so
    (long traversals and chains: ``LazyTraversal``, ``LazyBinary``); it
    has no ``children`` slot set, so Python asks here, once: the children are
    parsed, stored, and from then on the node is like any other.
    """
    if name != "children":
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
    lazy = self._lazy  # type: ignore[attr-defined]
    if lazy is None:  # pragma: no cover (a node is either built or kept as text)
        raise AttributeError("children")
    text, start, end, check_utf8 = lazy
    if getattr(_printing, "on", False):
        return [Token("TLIT", text[start:end], "", 0, 0)]
    from tffix.syntax.parser import materialize

    children = materialize(type(self), text, start, end, check_utf8)
    self.children = children
    self._lazy = None  # type: ignore[attr-defined]
    return children


def _emit(children: list[Child], append: Callable[[str], None]) -> None:
    """Append every token's trivia and text under ``children``, in order.

    Printing runs after every codemod on every file, so it is a tight
    recursive loop rather than the generic ``tokens()`` walk; trees too deep
    for Python's recursion limit are printed by an iterative walk instead.
    """
    parts: list[str] = []
    _printing.on = True
    try:
        _emit_recursive(children, parts.append)
    except RecursionError:
        parts = []
        stack: list[Child] = list(reversed(children))
        while stack:
            child = stack.pop()
            if type(child) is Token:
                parts.append(child.pre)
                parts.append(child.text)
            else:
                stack.extend(reversed(child.children))  # type: ignore[union-attr]
    finally:
        _printing.on = False
    append("".join(parts))


def _emit_recursive(children: list[Child], append: Callable[[str], None]) -> None:
    for child in children:
        if type(child) is Token:
            append(child.pre)
            append(child.text)
        else:
            _emit_recursive(child.children, append)  # type: ignore[union-attr]


def _nodes(children: list[Child]) -> list[Node]:
    return [c for c in children if isinstance(c, Node)]


# ---- structure -------------------------------------------------------------


class Module:
    """A parsed file: its body, the trivia after the last token, and a BOM if any."""

    __slots__ = ("body", "bom", "eof", "path")

    def __init__(self, body: Body, eof: Token, bom: str = "", path: str | None = None) -> None:
        self.body = body
        self.eof = eof
        self.bom = bom
        self.path = path

    @property
    def code(self) -> str:
        """The file's exact text: printing an untouched tree gives the input back."""
        parts = [self.bom]
        _emit(self.body.children, parts.append)
        parts.append(self.eof.pre)
        return "".join(parts)

    def tokens(self) -> Iterator[Token]:
        yield from self.body.tokens()
        yield self.eof

    def walk(self) -> Iterator[Node]:
        return self.body.walk()

    def __repr__(self) -> str:
        return f"Module({self.path or '<string>'}, {len(self.body.items)} items)"


class Body(Node):
    """The items of a file or block, with the newline tokens that end them."""

    __slots__ = ()

    @property
    def items(self) -> list[Attribute | Block]:
        return [c for c in self.children if isinstance(c, (Attribute, Block))]

    @property
    def attributes(self) -> list[Attribute]:
        return [c for c in self.children if isinstance(c, Attribute)]

    @property
    def blocks(self) -> list[Block]:
        return [c for c in self.children if isinstance(c, Block)]

    def attribute(self, name: str) -> Attribute | None:
        """The attribute called ``name``, if present (HCL allows at most one)."""
        for child in self.children:
            if isinstance(child, Attribute) and child.name == name:
                return child
        return None

    def blocks_of_type(self, type: str, *labels: str) -> list[Block]:
        """Blocks of ``type`` whose labels start with ``labels``."""
        n = len(labels)
        return [
            b for b in self.blocks if b.type == type and (not n or tuple(b.labels[:n]) == labels)
        ]


class Attribute(Node):
    """``name = value``."""

    __slots__ = ()

    @property
    def name_token(self) -> Token:
        return self.children[0]  # type: ignore[return-value]

    @property
    def name(self) -> str:
        return self.children[0].text  # type: ignore[union-attr]

    @property
    def equals(self) -> Token:
        return self.children[1]  # type: ignore[return-value]

    @property
    def value(self) -> Expression:
        return self.children[2]  # type: ignore[return-value]


class Block(Node):
    """``type label... { body }``; labels are identifiers or quoted strings."""

    __slots__ = ()

    @property
    def type_token(self) -> Token:
        return self.children[0]  # type: ignore[return-value]

    @property
    def type(self) -> str:
        return self.children[0].text  # type: ignore[union-attr]

    @property
    def label_nodes(self) -> list[Child]:
        """Labels as written: identifier tokens or ``TemplateString`` nodes."""
        return self.children[1:-3]

    @property
    def labels(self) -> list[str]:
        """Label values without quotes (``resource "aws_s3_bucket" "b"`` gives both names)."""
        out: list[str] = []
        for label in self.children[1:-3]:
            if isinstance(label, Token):
                out.append(label.text)
            else:
                assert isinstance(label, TemplateString)
                out.append(label.literal_value())
        return out

    @property
    def open_brace(self) -> Token:
        return self.children[-3]  # type: ignore[return-value]

    @property
    def body(self) -> Body:
        return self.children[-2]  # type: ignore[return-value]

    @property
    def close_brace(self) -> Token:
        return self.children[-1]  # type: ignore[return-value]


# ---- expressions -----------------------------------------------------------


class Expression(Node):
    """Base class of every expression node."""

    __slots__ = ()


class Number(Expression):
    __slots__ = ()

    @property
    def text(self) -> str:
        return self.children[0].text  # type: ignore[union-attr]

    @property
    def value(self) -> int | float:
        text = self.text
        if "." in text or "e" in text or "E" in text:
            value = float(text)
            return int(value) if value.is_integer() and "." not in text else value
        return int(text)


class Literal(Expression):
    """``true``, ``false`` or ``null``."""

    __slots__ = ()

    @property
    def value(self) -> bool | None:
        return {"true": True, "false": False, "null": None}[self.children[0].text]  # type: ignore[union-attr]


class Variable(Expression):
    """A bare name: the root of a traversal such as ``var`` in ``var.x``."""

    __slots__ = ()

    @property
    def name(self) -> str:
        return self.children[0].text  # type: ignore[union-attr]


class Parens(Expression):
    __slots__ = ()

    @property
    def expr(self) -> Expression:
        return self.children[1]  # type: ignore[return-value]


class Unary(Expression):
    """``-x`` or ``!x``."""

    __slots__ = ()

    @property
    def operator(self) -> str:
        return self.children[0].text  # type: ignore[union-attr]

    @property
    def operand(self) -> Expression:
        return self.children[1]  # type: ignore[return-value]


class Binary(Expression):
    """``left op right``, nested by precedence: ``||`` < ``&&`` < ``==`` < ``<`` < ``+`` < ``*``."""

    __slots__ = ()

    @property
    def left(self) -> Expression:
        return self.children[0]  # type: ignore[return-value]

    @property
    def operator(self) -> str:
        return self.children[1].text  # type: ignore[union-attr]

    @property
    def right(self) -> Expression:
        return self.children[2]  # type: ignore[return-value]


class Conditional(Expression):
    """``condition ? true_result : false_result``."""

    __slots__ = ()

    @property
    def condition(self) -> Expression:
        return self.children[0]  # type: ignore[return-value]

    @property
    def true_result(self) -> Expression:
        return self.children[2]  # type: ignore[return-value]

    @property
    def false_result(self) -> Expression:
        return self.children[4]  # type: ignore[return-value]


class Traversal(Expression):
    """A root expression followed by steps: ``aws_s3_bucket.b[0].id``, ``x[*].y``.

    Steps are kept flat (not nested left-deep) so that matching or rewriting
    "the traversal rooted at ``aws_alb``" looks at one node.
    """

    __slots__ = ()

    @property
    def root(self) -> Expression:
        return self.children[0]  # type: ignore[return-value]

    @property
    def steps(self) -> list[Step]:
        return self.children[1:]  # type: ignore[return-value]

    def root_name(self) -> str | None:
        """The variable the traversal starts from (``var``, ``aws_kms_key``), if any."""
        root = self.children[0]
        return root.name if isinstance(root, Variable) else None

    def names(self) -> list[str | None]:
        """Root name then each step's name (attribute name, literal index, ``*``), or None."""
        out: list[str | None] = [self.root_name()]
        for step in self.steps:
            out.append(step.key)
        return out


# ---- long traversals and operator chains: kept as text ---------------------
#
# A traversal of thousands of steps or a chain of thousands of operators (a
# generated or minified file) is kept as its source text past
# ``build.LIST_CAP``, like a long list (see ``_lazy_getattr``). Its node is
# an instance of a subclass whose ``children`` property parses the text when
# first asked and then turns the node into an ordinary ``Traversal`` or
# ``Binary`` (``__class__`` assignment; the layout is the same): the classes
# of every other node keep their plain slot, the fastest attribute read
# there is. (Tuples, objects and templates use ``__getattr__`` instead, which
# makes every read of their ``children`` a few times slower.) While kept, the
# node's ``children`` slot holds (text, start, end, check_utf8).

_CHILDREN = Node.__dict__["children"]  # the slot itself, under the property


def _kept_children(self: Node) -> list[Child]:
    text, start, end, check_utf8 = _CHILDREN.__get__(self)
    if getattr(_printing, "on", False):
        return [Token("TLIT", text[start:end], "", 0, 0)]
    from tffix.syntax.parser import materialize

    plain = _KEPT[type(self)]
    children: list[Child] = materialize(plain, text, start, end, check_utf8)
    _CHILDREN.__set__(self, children)
    self.__class__ = plain
    return children


def _set_kept_children(self: Node, children: list[Child]) -> None:
    """Children given before the text was parsed: an ordinary node from now on."""
    _CHILDREN.__set__(self, children)
    self.__class__ = _KEPT[type(self)]


class LazyTraversal(Traversal):
    """A ``Traversal`` kept as its source text until its children are asked for."""

    __slots__ = ()
    children = property(_kept_children, _set_kept_children)


class LazyBinary(Binary):
    """A ``Binary`` (a chain of operators) kept as its source text until asked."""

    __slots__ = ()
    children = property(_kept_children, _set_kept_children)


# A kept node shows the name of the node it stands for (dispatch by class
# name, reprs, test shapes).
LazyTraversal.__name__ = LazyTraversal.__qualname__ = "Traversal"
LazyBinary.__name__ = LazyBinary.__qualname__ = "Binary"
_KEPT: dict[type[Node], type[Node]] = {LazyTraversal: Traversal, LazyBinary: Binary}


class Step(Node):
    """One step of a traversal."""

    __slots__ = ()

    @property
    def key(self) -> str | None:
        return None


class GetAttr(Step):
    """``.name``."""

    __slots__ = ()

    @property
    def name(self) -> str:
        return self.children[1].text  # type: ignore[union-attr]

    @property
    def key(self) -> str | None:
        return self.name


class LegacyIndex(Step):
    """``.0``: the pre-0.12 index syntax, still accepted."""

    __slots__ = ()

    @property
    def index(self) -> int:
        return int(self.children[1].text)  # type: ignore[union-attr]

    @property
    def key(self) -> str | None:
        return self.children[1].text  # type: ignore[union-attr]


class Index(Step):
    """``[expr]``."""

    __slots__ = ()

    @property
    def expr(self) -> Expression:
        return self.children[1]  # type: ignore[return-value]


class AttrSplat(Step):
    """``.*``."""

    __slots__ = ()

    @property
    def key(self) -> str | None:
        return "*"


class FullSplat(Step):
    """``[*]``."""

    __slots__ = ()

    @property
    def key(self) -> str | None:
        return "*"


class Tuple(Expression):
    """``[a, b, c]``."""

    __slots__ = ("_lazy",)
    __getattr__ = _lazy_getattr

    @property
    def elements(self) -> list[Expression]:
        return _nodes(self.children)  # type: ignore[return-value]


class Object(Expression):
    """``{ key = value, ... }``: items separated by commas or newlines."""

    __slots__ = ("_lazy",)
    __getattr__ = _lazy_getattr

    @property
    def items(self) -> list[ObjectItem]:
        return _nodes(self.children)  # type: ignore[return-value]


class ObjectItem(Node):
    """``key = value`` or ``key: value`` inside an object."""

    __slots__ = ()

    @property
    def key(self) -> Expression:
        return self.children[0]  # type: ignore[return-value]

    @property
    def separator(self) -> str:
        return self.children[1].text  # type: ignore[union-attr]

    @property
    def value(self) -> Expression:
        return self.children[2]  # type: ignore[return-value]

    def key_name(self) -> str | None:
        """The key as a plain name when it is an identifier or a literal string."""
        key = self.children[0]
        if isinstance(key, Variable):
            return key.name
        if isinstance(key, Literal):
            return key.children[0].text  # type: ignore[union-attr]
        if isinstance(key, TemplateString) and key.is_literal:
            return key.literal_value()
        return None


class Call(Expression):
    """``name(args...)``, including ``provider::aws::arn_parse(...)`` and ``f(list...)``."""

    __slots__ = ()

    @property
    def name(self) -> str:
        parts = []
        for child in self.children:
            if not isinstance(child, Token) or child.type == "LPAREN":
                break
            parts.append(child.text)
        return "".join(parts)

    @property
    def args(self) -> list[Expression]:
        return _nodes(self.children)  # type: ignore[return-value]

    @property
    def expand_final(self) -> bool:
        """True when the last argument is expanded with ``...``."""
        return any(isinstance(c, Token) and c.type == "ELLIPSIS" for c in self.children)


class _ForExpr(Expression):
    __slots__ = ()

    def _token_index(self, type: str) -> int:
        for i, child in enumerate(self.children):
            if isinstance(child, Token) and child.type == type:
                return i
        return -1

    @property
    def key_var(self) -> str | None:
        """The key/index variable in ``for k, v in ...``, or None with one variable."""
        if self._token_index("COMMA") >= 0:
            return self.children[2].text  # type: ignore[union-attr]
        return None

    @property
    def value_var(self) -> str:
        return self.children[self._token_index("IN") - 1].text  # type: ignore[union-attr]

    @property
    def collection(self) -> Expression:
        return self.children[self._token_index("IN") + 1]  # type: ignore[return-value]

    @property
    def condition(self) -> Expression | None:
        i = self._token_index("IF")
        return self.children[i + 1] if i >= 0 else None  # type: ignore[return-value]


class ForTuple(_ForExpr):
    """``[for v in coll : expr if cond]``."""

    __slots__ = ()

    @property
    def value_expr(self) -> Expression:
        return self.children[self._token_index("COLON") + 1]  # type: ignore[return-value]


class ForObject(_ForExpr):
    """``{for k, v in coll : key => value... if cond}``."""

    __slots__ = ()

    @property
    def key_expr(self) -> Expression:
        return self.children[self._token_index("COLON") + 1]  # type: ignore[return-value]

    @property
    def value_expr(self) -> Expression:
        return self.children[self._token_index("ARROW") + 1]  # type: ignore[return-value]

    @property
    def grouping(self) -> bool:
        return self._token_index("ELLIPSIS") >= 0


# ---- templates -------------------------------------------------------------


class TemplatePart(Node):
    __slots__ = ()


class TemplateLiteral(TemplatePart):
    """Literal text inside a template, exactly as written (escapes not decoded)."""

    __slots__ = ()

    @property
    def text(self) -> str:
        return self.children[0].text  # type: ignore[union-attr]


class Interpolation(TemplatePart):
    """``${ expr }`` (``${~`` / ``~}`` strip the adjacent whitespace)."""

    __slots__ = ()

    @property
    def expr(self) -> Expression:
        return self.children[1]  # type: ignore[return-value]

    @property
    def strip_left(self) -> bool:
        return self.children[0].text.endswith("~")  # type: ignore[union-attr]

    @property
    def strip_right(self) -> bool:
        return self.children[2].text.startswith("~")  # type: ignore[union-attr]


class IfDirective(TemplatePart):
    """``%{ if cond }...%{ else }...%{ endif }``."""

    __slots__ = ()

    @property
    def condition(self) -> Expression:
        return self.children[2]  # type: ignore[return-value]

    def _branches(self) -> tuple[list[TemplatePart], list[TemplatePart] | None]:
        then: list[TemplatePart] = []
        other: list[TemplatePart] | None = None
        current = then
        for child in self.children[4:]:
            if isinstance(child, Token):
                if child.type == "ELSE":
                    other = []
                    current = other
                continue
            current.append(child)  # type: ignore[arg-type]
        return then, other

    @property
    def then_parts(self) -> list[TemplatePart]:
        return self._branches()[0]

    @property
    def else_parts(self) -> list[TemplatePart] | None:
        return self._branches()[1]


class ForDirective(TemplatePart):
    """``%{ for k, v in coll }...%{ endfor }``."""

    __slots__ = ()

    def _close(self) -> int:
        for i, child in enumerate(self.children):
            if isinstance(child, Token) and child.type == "TCLOSE":
                return i
        raise AssertionError("for directive without closing brace")

    @property
    def key_var(self) -> str | None:
        if isinstance(self.children[3], Token) and self.children[3].type == "COMMA":
            return self.children[2].text  # type: ignore[union-attr]
        return None

    @property
    def value_var(self) -> str:
        return self.children[self._close() - 3].text  # type: ignore[union-attr]

    @property
    def collection(self) -> Expression:
        return self.children[self._close() - 1]  # type: ignore[return-value]

    @property
    def body_parts(self) -> list[TemplatePart]:
        return _nodes(self.children[self._close() + 1 :])  # type: ignore[return-value]


class _Template(Expression):
    __slots__ = ("_lazy",)
    __getattr__ = _lazy_getattr

    @property
    def parts(self) -> list[TemplatePart]:
        return self.children[1:-1]  # type: ignore[return-value]

    @property
    def is_literal(self) -> bool:
        """True when the template has no interpolation or directive."""
        return all(isinstance(p, TemplateLiteral) for p in self.children[1:-1])


class TemplateString(_Template):
    """A quoted string ``"..."``, possibly with interpolations and directives."""

    __slots__ = ()

    def literal_value(self) -> str:
        """The decoded string value; only meaningful when ``is_literal``."""
        from tffix.syntax.strings import decode_quoted

        return "".join(
            decode_quoted(p.text) for p in self.children[1:-1] if isinstance(p, TemplateLiteral)
        )


class Heredoc(_Template):
    """``<<EOF`` or ``<<-EOF`` ... ``EOF``."""

    __slots__ = ()

    @property
    def marker(self) -> str:
        return self.children[0].text.strip().lstrip("<-")  # type: ignore[union-attr]

    @property
    def indented(self) -> bool:
        """True for ``<<-`` heredocs, whose common leading whitespace is removed."""
        return self.children[0].text.startswith("<<-")  # type: ignore[union-attr]
