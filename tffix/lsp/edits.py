"""Text changes as LSP edits: the smallest line hunks, in the editor's coordinates.

The language server computes a fix the way the command line does (new
text for each file) and hands the editor only the lines that differ, so an
undo in the editor undoes the fix and nothing else, and a cursor elsewhere
in the file does not move. Positions count UTF-16 code units, as LSP asks
unless the client negotiated otherwise.
"""

from __future__ import annotations

import difflib

from lsprotocol import types

from tffix.cst.write import split_lines

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence


def utf16_length(text: str) -> int:
    """How many UTF-16 code units ``text`` takes (characters above U+FFFF take two)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _end(lines: list[str]) -> types.Position:
    """The position just after the last character of a text split into ``lines``."""
    if not lines:
        return types.Position(line=0, character=0)
    last = lines[-1]
    if last.endswith("\n"):
        return types.Position(line=len(lines), character=0)
    return types.Position(line=len(lines) - 1, character=utf16_length(last))


def _start_of(lines: list[str], index: int) -> types.Position:
    """Where line ``index`` starts; one past the last line is the end of the text."""
    if index >= len(lines):
        return _end(lines)
    return types.Position(line=index, character=0)


def _touches(i1: int, i2: int, first: int, last: int) -> bool:
    """Whether the hunk replacing lines ``i1:i2`` of the old text touches lines
    ``first..last`` (0-based, inclusive); an insertion touches the lines it goes
    between, inside the range or right after it."""
    if i1 == i2:
        return first <= i1 <= last + 1
    return not (i2 - 1 < first or i1 > last)


def text_edits(
    old: str,
    new: str,
    *,
    lines: tuple[int, int] | None = None,
    leave: Sequence[tuple[int, int]] = (),
) -> list[types.TextEdit]:
    """The edits that turn ``old`` into ``new``, one per changed run of lines.

    ``lines`` (0-based, inclusive) keeps only the hunks that touch that
    range of ``old``: range formatting, or the part of a fix that belongs
    to one finding. ``leave`` drops the hunks that touch any of its ranges
    (the parts that belong to other findings).
    """
    if old == new:
        return []
    before, after = split_lines(old), split_lines(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    edits = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if lines is not None and not _touches(i1, i2, *lines):
            continue
        if any(_touches(i1, i2, *span) for span in leave):
            continue
        edits.append(
            types.TextEdit(
                range=types.Range(start=_start_of(before, i1), end=_start_of(before, i2)),
                new_text="".join(after[j1:j2]),
            )
        )
    return edits


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits to ``text`` as a client does (for tests and checks)."""
    lines = split_lines(text)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def offset(position: types.Position) -> int:
        if position.line >= len(lines):
            return len(text)
        line = lines[position.line]
        units = 0
        for index, ch in enumerate(line):
            if units >= position.character:
                return offsets[position.line] + index
            units += 2 if ord(ch) > 0xFFFF else 1
        return offsets[position.line] + len(line)

    spans = sorted(
        ((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True
    )
    for start, end, new_text in spans:
        text = text[:start] + new_text + text[end:]
    return text
