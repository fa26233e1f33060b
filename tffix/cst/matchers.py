"""Matchers: declarative patterns over CST nodes, in the spirit of libcst's.

Codemods find blocks through their context (``ctx.targets(type)``) and
read arguments with ``block.body.attribute(name)``; matchers answer the
questions about a value that recur::

    from tffix.cst import matchers as m

    if m.Literal(False).matches(rotation.value): ...   # false, written out
    if (m.String() | m.Literal(None)).matches(value): ...  # a plain string or null
    refs = m.find_all(module, m.Traversal(names=("aws_s3_bucket", "logs")))

Fields left as ``None`` match anything.
"""

from __future__ import annotations

from tffix.syntax import nodes as n


class Matcher:
    """Base class: ``matches(node)`` says whether ``node`` fits the pattern."""

    def matches(self, node: object) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def __or__(self, other: Matcher) -> Matcher:
        return OneOf(self, other)


class OneOf(Matcher):
    def __init__(self, *options: Matcher) -> None:
        self.options = options

    def matches(self, node: object) -> bool:
        return any(o.matches(node) for o in self.options)


class Literal(Matcher):
    """``true``/``false``/``null``, a number, or a string without interpolation, by value."""

    def __init__(self, value: object) -> None:
        self.value = value

    def matches(self, node: object) -> bool:
        if isinstance(node, n.Literal):
            return (
                node.value is self.value
                if isinstance(self.value, bool) or self.value is None
                else False
            )
        if isinstance(node, n.Number):
            return not isinstance(self.value, bool) and node.value == self.value
        if isinstance(node, n.TemplateString) and node.is_literal:
            return node.literal_value() == self.value
        return False


class String(Matcher):
    """A string without interpolation, whatever its value."""

    def matches(self, node: object) -> bool:
        return isinstance(node, n.TemplateString) and node.is_literal


class Constant(Matcher):
    """A value written out: ``true``/``false``/``null``, a number or a plain string.

    What a fix may replace as it is, as opposed to a computation (a
    reference, a call, ``-1``, a heredoc), which is the author's to change.
    """

    def matches(self, node: object) -> bool:
        return isinstance(node, (n.Literal, n.Number)) or String().matches(node)


class Traversal(Matcher):
    """A reference such as ``aws_kms_key.main.arn``, by root name or leading names."""

    def __init__(self, root: str | None = None, names: tuple[str, ...] | None = None) -> None:
        self.root = root
        self.names = names

    def matches(self, node: object) -> bool:
        if not isinstance(node, n.Traversal):
            return False
        names = node.names()
        if self.root is not None and names[0] != self.root:
            return False
        return self.names is None or tuple(names[: len(self.names)]) == self.names


def string_value(expr: object) -> str | None:
    """The value of a plain string (no interpolation, no directive), else None.

    ``"a\\nb"`` gives ``a``, a newline, ``b``; ``"$${x}"`` gives ``${x}``. A
    heredoc, a number or a reference is not a plain string.
    """
    if isinstance(expr, n.TemplateString) and expr.is_literal:
        return expr.literal_value()
    return None


def find_all(root: n.Node | n.Module, matcher: Matcher) -> list[n.Node]:
    """Every node under ``root`` that ``matcher`` matches, in source order."""
    return [node for node in root.walk() if matcher.matches(node)]
