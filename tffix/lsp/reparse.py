"""Parse a changed buffer again, re-using the top-level blocks a keystroke left alone.

Most keystrokes change lines inside one top-level block (a value, an
argument added or removed). Then only that block's text is parsed, and a new
tree is made of the old tree's other items around it: the blocks after it
move by as many lines as the edit added or removed. Anything else (a change
on a block's first or last line, between blocks, one that makes several
blocks of one, a block that does not parse alone) is parsed whole, as is any
result whose text is not exactly the buffer's.

The new tree is a new ``Module`` object (the module analysis keys what it
knows of a file by its tree), but its unchanged blocks are the old tree's
objects, so what is kept per block (waiver readings) stays valid.
"""

from __future__ import annotations

from tffix.cst.write import split_lines
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import parse


def reparse(old: n.Module, old_text: str, new_text: str, path: str | None = None) -> n.Module:
    """The tree of ``new_text`` (``ParseError`` when it does not parse), given the
    tree ``old`` that prints as ``old_text``; ``old`` is not usable afterwards (the
    new tree shares its unchanged items)."""
    tree = _splice(old, old_text, new_text, path)
    return tree if tree is not None else parse(new_text, path=path)


def _splice(old: n.Module, old_text: str, new_text: str, path: str | None) -> n.Module | None:
    before, after = split_lines(old_text), split_lines(new_text)
    shortest = min(len(before), len(after))
    first = 0
    while first < shortest and before[first] == after[first]:
        first += 1
    if first == shortest and len(before) == len(after):
        return None  # the same lines (the texts differ in nothing split_lines sees)
    same_end = 0
    while (
        same_end < shortest - first
        and before[len(before) - 1 - same_end] == after[len(after) - 1 - same_end]
    ):
        same_end += 1
    old_end, new_end = len(before) - same_end, len(after) - same_end  # exclusive, 0-based
    children = old.body.children
    for index, item in enumerate(children):
        if not isinstance(item, n.Block):
            continue
        top, bottom = item.line - 1, item.end_line - 1  # 0-based lines of the block
        if not (top < first and old_end <= bottom and first <= bottom):
            continue
        delta = new_end - old_end
        lines = after[top : bottom + 1 + delta]
        try:
            alone = parse("".join(lines), path=path)
        except ParseError:
            return None  # parsed whole: the error's position is then the file's
        parsed = alone.body.children
        if not 1 <= len(parsed) <= 2 or not isinstance(parsed[0], n.Block) or alone.eof.pre:
            return None  # not one block alone (a "}" typed inside it, say)
        block = parsed[0]
        tokens = list(block.tokens())
        old_first = item.first_token
        tokens[0].pre = old_first.pre  # the trivia above the block, and its indentation
        for token in tokens:
            token.line += top
        if delta:
            for later in children[index + 1 :]:
                for token in later.tokens() if isinstance(later, n.Node) else (later,):
                    token.line += delta
            old.eof.line += delta
        body = n.Body([*children[:index], block, *children[index + 1 :]])
        tree = n.Module(body, old.eof, old.bom, path if path is not None else old.path)
        return tree if tree.code == new_text else None
    return None
