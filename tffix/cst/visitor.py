"""Visitors and transformers over the CST, in the style of libcst.

A ``Visitor`` gets ``visit_<NodeClass>(node)`` before a node's children and
``leave_<NodeClass>(node)`` after them; returning ``False`` from a visit
method skips the children. A ``Transformer``'s ``leave_<NodeClass>(node)``
may return a replacement node, or ``REMOVE`` to drop an item from its body.
Walks are iterative, so deeply nested expressions cannot hit Python's
recursion limit.
"""

from __future__ import annotations

from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable


class _Remove:
    """Sentinel: a transformer returns it to remove the node from its parent."""

    _instance: _Remove | None = None

    def __new__(cls) -> _Remove:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "REMOVE"


REMOVE = _Remove()


def _method(obj: object, prefix: str, node: n.Node) -> Callable[[n.Node], object] | None:
    for cls in type(node).__mro__:
        method = getattr(obj, prefix + cls.__name__, None)
        if method is not None:
            return method  # type: ignore[no-any-return]
        if cls is n.Node:
            break
    return None


class Visitor:
    """Read-only walk. Subclass and define ``visit_Block``, ``leave_Attribute``, ...

    Methods are looked up along the class hierarchy, so ``visit_Expression``
    sees every expression node and ``visit_Node`` every node.
    """

    def on_visit(self, node: n.Node) -> bool:
        method = _method(self, "visit_", node)
        return method(node) is not False if method is not None else True

    def on_leave(self, node: n.Node) -> None:
        method = _method(self, "leave_", node)
        if method is not None:
            method(node)

    def walk(self, root: n.Node | n.Module) -> None:
        start = root.body if isinstance(root, n.Module) else root
        stack: list[tuple[n.Node, bool]] = [(start, False)]
        while stack:
            node, left = stack.pop()
            if left:
                self.on_leave(node)
                continue
            descend = self.on_visit(node)
            stack.append((node, True))
            if descend:
                for child in reversed(node.children):
                    if isinstance(child, n.Node):
                        stack.append((child, False))


class Transformer(Visitor):
    """A walk whose ``leave_*`` methods may replace nodes (or ``REMOVE`` body items).

    Replacements are spliced into the parent's children in place; the tree
    is mutated, as codemods want, and the edit layer's formatting pass then
    lays out the changed lines.
    """

    def walk(self, root: n.Node | n.Module) -> None:
        start = root.body if isinstance(root, n.Module) else root
        # (node, parent, index in parent, children done?)
        stack: list[tuple[n.Node, n.Node | None, int, bool]] = [(start, None, -1, False)]
        removals: list[tuple[n.Node, n.Node]] = []
        # A body's owner (block or module): removing an item needs its closing token.
        owners: dict[int, n.Block | n.Module] = {}
        if isinstance(root, n.Module):
            owners[id(root.body)] = root
        while stack:
            node, parent, index, left = stack.pop()
            if not left:
                if isinstance(node, n.Block):
                    owners[id(node.body)] = node
                descend = self.on_visit(node)
                stack.append((node, parent, index, True))
                if descend:
                    for i in range(len(node.children) - 1, -1, -1):
                        child = node.children[i]
                        if isinstance(child, n.Node):
                            stack.append((child, node, i, False))
                continue
            method = _method(self, "leave_", node)
            if method is None:
                continue
            result = method(node)
            if result is None or result is node or parent is None:
                continue
            if result is REMOVE:
                if not isinstance(node, (n.Attribute, n.Block)) or id(parent) not in owners:
                    raise TypeError("only attributes and blocks of a body can be removed")
                removals.append((parent, node))
            else:
                assert isinstance(result, n.Node)
                from tffix.cst.edit import replace

                replace(parent, node, result)
        if removals:
            from tffix.cst.edit import remove

            for body, node in removals:
                remove(node, within=owners[id(body)])  # type: ignore[arg-type]
