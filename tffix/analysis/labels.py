"""Block labels read fast: ``Block.labels`` for the code that reads every block.

The analysis, the 0.11 check and several codemods read the labels of every
block of every module (about 27,000 reads on the shared corpus).
``Block.labels`` decodes each quoted label through ``literal_value``, which
joins the decoded literal parts of any template; a label is almost always
one plain literal part, whose value is its text when it holds no escape.
These functions give exactly what ``Block.labels`` gives, taking that
common case first.
"""

from __future__ import annotations

from tffix.syntax import nodes as n
from tffix.syntax.strings import decode_quoted
from tffix.syntax.tokens import Token

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tffix.syntax.nodes import Child

_LITERAL = n.TemplateLiteral
_TOKEN = Token


def label_value(label: Child) -> str:
    """The value of one label node (``Block.label_nodes``) without its quotes."""
    if label.__class__ is _TOKEN:
        return label.text
    parts = label.children  # type: ignore[union-attr]
    if len(parts) == 3 and parts[1].__class__ is _LITERAL:
        return decode_quoted(parts[1].text)
    assert isinstance(label, n.TemplateString)
    return label.literal_value()


def labels(block: n.Block) -> list[str]:
    """``block.labels``: its label values without quotes."""
    return [label_value(label) for label in block.children[1:-3]]
