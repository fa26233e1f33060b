"""Put a parsed file back as it was after a codemod edited it in place.

Codemods edit trees in place (that is how the runner applies fixes). The
language server wants findings only, and wants to keep each file's tree from
one keystroke to the next: parsing is most of the cost of a change, and the
module analysis is reused per tree object. So before a codemod that fixes
something may have touched a tree, the tree's state is recorded, and after
it the tree is put back: every node gets its children list back, every
token its text, trivia and position. Reading the tree (the record) costs
about as much as printing it, a tenth of parsing it again, and the tree
keeps its identity, which the analysis and the per-block caches rely on.
"""

from __future__ import annotations

from tffix.syntax import nodes as n
from tffix.syntax.tokens import Token

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tffix.syntax.nodes import Child


class _Item:
    """The state of one top-level item: each node's children, each token's fields."""

    __slots__ = ("first", "line", "nodes", "tokens")

    def __init__(self, item: n.Node) -> None:
        nodes: list[tuple[n.Node, list[Child]]] = []
        tokens: list[tuple[Token, str, str, str, int, int]] = []
        stack: list[n.Node] = [item]
        while stack:
            node = stack.pop()
            children = node.children
            nodes.append((node, list(children)))
            for child in children:
                if type(child) is Token:
                    tokens.append(
                        (child, child.type, child.text, child.pre, child.line, child.column)
                    )
                else:
                    stack.append(child)  # type: ignore[arg-type]
        self.nodes = nodes
        self.tokens = tokens
        self.first = item.first_token
        self.line = self.first.line

    def restore(self) -> None:
        for node, children in self.nodes:
            if node.children != children:  # identity comparison of each child: fast
                node.children = list(children)
        for token, type_, text, pre, line, column in self.tokens:
            token.type = type_
            token.text = text
            token.pre = pre
            token.line = line
            token.column = column


class Snapshot:
    """The state of one file's tree: what ``restore`` puts back.

    Recorded per top-level item. Given the snapshot of the tree a keystroke
    came from (``previous``), the items ``reparse`` kept (the same objects, on
    the same lines: an edit that adds or removes lines moves those below it)
    keep their records, and only the rest of the file is read.
    """

    __slots__ = ("body", "eof", "items", "module", "top")
    items: dict[int, _Item | tuple[Token, str, str, str, int, int]]

    def __init__(self, module: n.Module, previous: Snapshot | None = None) -> None:
        self.module = module
        self.top = (module.body, module.eof, module.bom, module.path)
        body = module.body
        self.body = list(body.children)
        known = previous.items if previous is not None else {}
        items: dict[int, _Item | tuple[Token, str, str, str, int, int]] = {}
        for child in body.children:
            if type(child) is Token:
                items[id(child)] = (
                    child,
                    child.type,
                    child.text,
                    child.pre,
                    child.line,
                    child.column,
                )
                continue
            record = known.get(id(child))
            if not isinstance(record, _Item) or record.first.line != record.line:
                record = _Item(child)  # type: ignore[arg-type]
            items[id(child)] = record
        self.items = items
        eof = module.eof
        self.eof = (eof, eof.type, eof.text, eof.pre, eof.line, eof.column)

    def restore(self) -> None:
        """Put the tree back as recorded (the same node and token objects)."""
        module = self.module
        module.body, module.eof, module.bom, module.path = self.top
        body = module.body
        if body.children != self.body:
            body.children = list(self.body)
        for record in self.items.values():
            if isinstance(record, _Item):
                record.restore()
            else:
                _put(record)
        _put(self.eof)


def _put(record: tuple[Token, str, str, str, int, int]) -> None:
    token = record[0]
    _, token.type, token.text, token.pre, token.line, token.column = record
