"""Matchers: declarative patterns over CST nodes, in the spirit of libcst's.

A codemod says what it looks for instead of walking the tree by hand::

    from tffix.cst import matchers as m

    keys = m.find_all(module, m.Block(type="resource", labels=("aws_kms_key",)))
    refs = m.find_all(module, m.Traversal(root="aws_s3_bucket_encryption_configuration"))
    off = m.Attribute(name="enable_key_rotation", value=m.Literal(False))

Fields left as ``None`` match anything. ``labels`` is a prefix: a resource
matcher with only the type label matches every resource of that type.
"""

from __future__ import annotations

from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator


class Matcher:
    """Base class: ``matches(node)`` says whether ``node`` fits the pattern."""

    def matches(self, node: object) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def __or__(self, other: Matcher) -> Matcher:
        return OneOf(self, other)

    def __and__(self, other: Matcher) -> Matcher:
        return AllOf(self, other)

    def __invert__(self) -> Matcher:
        return Not(self)


class OneOf(Matcher):
    def __init__(self, *options: Matcher) -> None:
        self.options = options

    def matches(self, node: object) -> bool:
        return any(o.matches(node) for o in self.options)


class AllOf(Matcher):
    def __init__(self, *parts: Matcher) -> None:
        self.parts = parts

    def matches(self, node: object) -> bool:
        return all(p.matches(node) for p in self.parts)


class Not(Matcher):
    def __init__(self, inner: Matcher) -> None:
        self.inner = inner

    def matches(self, node: object) -> bool:
        return not self.inner.matches(node)


class MatchIf(Matcher):
    """Any predicate, for what the other matchers cannot say."""

    def __init__(self, predicate: Callable[[object], bool]) -> None:
        self.predicate = predicate

    def matches(self, node: object) -> bool:
        return bool(self.predicate(node))


def _field(expected: object, actual: object) -> bool:
    if expected is None:
        return True
    if isinstance(expected, Matcher):
        return expected.matches(actual)
    if callable(expected):
        return bool(expected(actual))
    return expected == actual


class Block(Matcher):
    """A block by type, leading labels and/or a matcher on its body."""

    def __init__(
        self,
        type: str | None = None,
        labels: tuple[str, ...] | None = None,
        *,
        has_attribute: str | None = None,
    ) -> None:
        self.type = type
        self.labels = labels
        self.has_attribute = has_attribute

    def matches(self, node: object) -> bool:
        if not isinstance(node, n.Block):
            return False
        if self.type is not None and node.type != self.type:
            return False
        if self.labels is not None and tuple(node.labels[: len(self.labels)]) != self.labels:
            return False
        return self.has_attribute is None or node.body.attribute(self.has_attribute) is not None


class Resource(Block):
    """``resource "<type>" "<name>"`` blocks; either may be left out."""

    def __init__(self, type: str | None = None, name: str | None = None) -> None:
        super().__init__("resource")
        self.resource_type = type
        self.name = name

    def matches(self, node: object) -> bool:
        if not super().matches(node):
            return False
        labels = node.labels  # type: ignore[attr-defined]
        if self.resource_type is not None and labels[:1] != [self.resource_type]:
            return False
        return self.name is None or labels[1:2] == [self.name]


class Attribute(Matcher):
    """An attribute by name and/or a matcher (or value) for its expression."""

    def __init__(self, name: str | None = None, value: object = None) -> None:
        self.name = name
        self.value = value

    def matches(self, node: object) -> bool:
        if not isinstance(node, n.Attribute):
            return False
        return _field(self.name, node.name) and _field(self.value, node.value)


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


def iter_matches(root: n.Node | n.Module, matcher: Matcher) -> Iterator[n.Node]:
    for node in root.walk():
        if matcher.matches(node):
            yield node


def matches(node: object, matcher: Matcher) -> bool:
    return matcher.matches(node)
