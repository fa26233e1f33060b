"""Local formatting: lay out the lines an edit changed, and nothing else.

Go tools (hclwrite, tflint --fix) reformat the whole file after an edit,
which buries a one-line fix in noise on any file that was not perfectly
formatted. tffix formats the edited text with the full formatter, then keeps
the formatter's version only for the lines the edit changed and the
paragraph around them (the contiguous non-blank lines: the attribute group
whose ``=`` alignment the edit can shift), at the nesting depth of the changed
lines: the inside of a neighbour's multi-line value (a ``jsonencode({...})``
policy written in another style) is not shifted by an edit beside it, so it
keeps its bytes unless its own depth changed. Every other line is kept byte
for byte as it was.

The changed lines are found by diffing the text before and after the edit
(``linediff``: near-linear, so a file with hundreds of fixes is not
quadratic), so edits need no bookkeeping and any way of changing the tree
works.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from tffix.cst.linediff import opcodes
from tffix.cst.write import split_lines
from tffix.syntax.errors import ParseError
from tffix.syntax.nodes import Block, Module
from tffix.syntax.parser import parse


def changed_lines(before: list[str], after: list[str]) -> set[int]:
    """0-based indexes of the lines of ``after`` that differ from ``before``.

    Lines as ``split_lines`` makes them: token positions count ``\n`` only,
    so a form feed or U+2028 in a comment must not start a line here.
    A deletion marks the lines on both sides of it: removing the widest
    attribute of a group changes the alignment of its neighbours.
    """
    changed: set[int] = set()
    for tag, _i1, _i2, j1, j2 in opcodes(before, after):
        if tag == "equal":
            continue
        if j2 > j1:
            changed.update(range(j1, j2))
        else:
            changed.update(j for j in (j1 - 1, j1) if 0 <= j < len(after))
    return changed


def paragraphs(
    lines: list[str], seeds: set[int], literal: AbstractSet[int] = frozenset()
) -> set[int]:
    """``seeds`` grown to whole paragraphs (runs of non-blank lines).

    Lines in ``literal`` (inside a heredoc) never end a paragraph: a blank
    line in a heredoc does not break the attribute group around it.
    """

    def filled(i: int) -> bool:
        return i in literal or bool(lines[i].strip())

    # A changed line may be a blank line that splits an aligned group, or sit
    # next to one: the paragraphs on either side are affected too.
    grown = set(seeds)
    for seed in seeds:
        for step in (-1, 1):
            i = seed + step
            while 0 <= i < len(lines) and not filled(i):
                i += step
            if 0 <= i < len(lines) and (i == seed + step or not filled(seed)):
                grown.add(i)
    region: set[int] = set()
    for seed in sorted(grown):
        if seed in region:
            continue
        lo = hi = seed
        while lo > 0 and filled(lo - 1):
            lo -= 1
        while hi + 1 < len(lines) and filled(hi + 1):
            hi += 1
        if not filled(seed):
            lo = hi = seed
        region.update(range(lo, hi + 1))
    return region


_OPEN = frozenset(("LBRACE", "LBRACK", "LPAREN", "TINTERP", "TDIRECTIVE"))
_CLOSE = frozenset(("RBRACE", "RBRACK", "RPAREN", "TCLOSE"))


def line_depths(module: Module, count: int) -> list[int]:
    """The bracket depth at which each of the first ``count`` lines starts (a line
    that starts with a closing bracket counts at the depth that bracket returns
    to, as its opening line does); -1 for a line no token starts on (blank, or
    inside a comment, string or heredoc)."""
    depths = [-1] * count
    depth = 0
    for token in module.tokens():
        kind = token.type
        if kind in _CLOSE:
            depth -= 1
        index = token.line - 1
        if 0 <= index < count and depths[index] < 0:
            depths[index] = depth
        if kind in _OPEN:
            depth += 1
    return depths


def nested_in_neighbours(
    lines: list[str], region: set[int], changed: set[int], depths: list[int]
) -> set[int]:
    """The lines of ``region`` deeper than every changed line of their paragraph:
    the insides of an unchanged neighbour's multi-line value or nested block."""
    out: set[int] = set()
    ordered = sorted(region)
    start = 0
    while start < len(ordered):  # one paragraph (a run of consecutive lines) at a time
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        run = ordered[start : end + 1]
        seeds = [depths[i] for i in run if i in changed and depths[i] >= 0]
        if seeds:
            limit = max(seeds)
            out.update(i for i in run if i not in changed and depths[i] > limit)
        start = end + 1
    return out


def literal_lines(module: Module) -> set[int]:
    """0-based indexes of the lines that lie inside multi-line template text (heredocs)."""
    out: set[int] = set()
    for token in module.tokens():
        if token.type == "TLIT" and "\n" in token.text:
            first = token.line - 1
            out.update(range(first, first + token.text.count("\n") + 1))
    return out


def untouched_blocks(module: Module, changed: set[int]) -> set[int]:
    """0-based lines of the top-level blocks that no changed line falls in."""
    out: set[int] = set()
    for item in module.body.items:
        if isinstance(item, Block):
            span = range(item.line - 1, item.end_line)
            if not any(i in changed for i in span):
                out.update(span)
    return out


_SPACE = re.compile(r"\s+")


def _same_tokens(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ in whitespace only."""
    return _SPACE.sub("", a) == _SPACE.sub("", b)


def _kept_inner_lines(
    original: str,
    lines: list[str],
    new_lines: list[str],
    region: set[int],
    changed: set[int],
    module: Module,
    path: str | None,
) -> set[int]:
    """The lines of ``region`` nested deeper than the edit's lines, which the
    formatter would change but which keep their text: the edit did not move them
    to another depth (a line it wrapped into a new block is laid out). The text
    before the edit is parsed only when there is such a line to decide on, which
    an already formatted file never has."""
    candidates = [i for i in region if i not in changed and new_lines[i] != lines[i]]
    if not candidates:
        return set()
    depths = line_depths(module, len(lines))
    inner = nested_in_neighbours(lines, region, changed, depths)
    inner.intersection_update(candidates)
    if not inner:
        return set()
    try:
        before_lines = split_lines(original)
        before_depths = line_depths(parse(original, path=path), len(before_lines))
    except ParseError:  # the text before the edit did not parse: lay everything out
        return set()
    same: dict[int, int] = {}  # line of the edited text -> its line before the edit
    for tag, i1, i2, j1, j2 in opcodes(before_lines, lines):
        if tag == "equal":
            same.update(zip(range(j1, j2), range(i1, i2), strict=True))
    return {i for i in inner if i in same and before_depths[same[i]] == depths[i]}


def relayout(original: str, edited: str, *, path: str | None = None) -> str:
    """``edited`` with its changed paragraphs formatted as ``terraform fmt`` would.

    Raises ``ParseError`` if ``edited`` is not valid HCL, so an edit that
    went wrong is never written.
    """
    if original == edited:
        return edited
    return relayout_text(original, edited, path=path)[1]


def relayout_module(
    original: str, edited: str, *, path: str | None = None, parsed: Module | None = None
) -> Module:
    """Like ``relayout``, returning the parsed result (the runner keeps the tree).

    ``edited`` is parsed once and formatted from that tree; the result is
    parsed once more, which both checks it and gives the tree to go on with.
    ``parsed``: the tree the parser made of ``edited`` already (a whole file
    rewritten, as the terraform-fmt codemod does), not parsed again.
    """
    return relayout_text(original, edited, path=path, parsed=parsed)[0]


def relayout_text(
    original: str, edited: str, *, path: str | None = None, parsed: Module | None = None
) -> tuple[Module, str]:
    """``relayout_module``'s tree and its text (the text it parsed: the parser gives
    back exactly its input, so the tree need not be printed again to know it)."""
    from tffix.cst.format import format_module

    module = parsed if parsed is not None else parse(edited, path=path)
    # terraform fmt drops a BOM; an edit must not: lay out the text after it.
    bom = module.bom
    text = edited[len(bom) :]
    original = original.removeprefix(bom)
    if original == text:
        return module, edited
    if parsed is not None:  # a whole file rewritten: laid out already, as TF001 writes
        from tffix.cst.formatted import is_formatted  # (imported by TF001 already)

        if is_formatted(text):
            return module, edited
    formatted = format_module(module, rewrite=False, bom_kept=True)
    if formatted == text:  # already laid out
        return module, edited
    lines = split_lines(text)
    changed = changed_lines(split_lines(original), lines)
    region = paragraphs(lines, changed, literal_lines(module))
    region -= untouched_blocks(module, changed)
    new_lines = split_lines(formatted)
    if len(new_lines) == len(lines):
        region -= _kept_inner_lines(original, lines, new_lines, region, changed, module, path)
    # Only layout is taken from the formatter (it runs with rewrite=False);
    # as a safeguard, a line whose tokens it would still change keeps its
    # own text: rewriting is the terraform-fmt codemod's business.
    if len(new_lines) == len(lines):
        out = [
            new_lines[i] if i in region and _same_tokens(new_lines[i], line) else line
            for i, line in enumerate(lines)
        ]
    else:
        out = []
        for tag, i1, i2, j1, j2 in opcodes(lines, new_lines):
            touched = any(i in region for i in range(i1, max(i2, i1 + 1)))
            old_part, new_part = lines[i1:i2], new_lines[j1:j2]
            if (
                tag == "equal"
                or not touched
                or not _same_tokens("".join(new_part), "".join(old_part))
            ):
                out.extend(old_part)
            else:
                out.extend(new_part)
    laid_out = bom + "".join(out)
    return parse(laid_out, path=path), laid_out  # never hand back text that does not parse
