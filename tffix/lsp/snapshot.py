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


class Snapshot:
    """The state of one file's tree: what ``restore`` puts back."""

    __slots__ = ("module", "nodes", "tokens", "top")

    def __init__(self, module: n.Module) -> None:
        self.module = module
        self.top = (module.body, module.eof, module.bom, module.path)
        nodes: list[tuple[n.Node, list[Child]]] = []
        tokens: list[tuple[Token, str, str, str, int, int]] = []
        stack: list[n.Node] = [module.body]
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
        eof = module.eof
        tokens.append((eof, eof.type, eof.text, eof.pre, eof.line, eof.column))
        self.nodes = nodes
        self.tokens = tokens

    def restore(self) -> None:
        """Put the tree back as recorded (the same node and token objects)."""
        module = self.module
        module.body, module.eof, module.bom, module.path = self.top
        for node, children in self.nodes:
            if node.children != children:  # identity comparison of each child: fast
                node.children = list(children)
        for token, type_, text, pre, line, column in self.tokens:
            token.type = type_
            token.text = text
            token.pre = pre
            token.line = line
            token.column = column
