"""Local formatting: lay out the lines an edit changed, and nothing else.

Go tools (hclwrite, tflint --fix) reformat the whole file after an edit,
which buries a one-line fix in noise on any file that was not perfectly
formatted. tffix formats the edited text with the full formatter, then keeps
the formatter's version only for the lines the edit changed and the
paragraph around them (the contiguous non-blank lines: the attribute group
whose ``=`` alignment the edit can shift), and of those only the lines whose
layout the edit changes: a line the formatter writes the same before and after
the edit (the inside of a neighbour's ``jsonencode({...})`` policy written in
another style, a block opened with ``attribute{``) keeps its bytes. Every other line is kept byte
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
    return compare_lines(before, after)[0]


def compare_lines(before: list[str], after: list[str]) -> tuple[set[int], dict[int, int]]:
    """``changed_lines``, and for each line of ``after`` the edit left as it was, its
    index in ``before``: one diff of the two texts serves both."""
    changed: set[int] = set()
    same: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in opcodes(before, after):
        if tag == "equal":
            same.update(zip(range(j1, j2), range(i1, i2), strict=True))
        elif j2 > j1:
            changed.update(range(j1, j2))
        else:
            changed.update(j for j in (j1 - 1, j1) if 0 <= j < len(after))
    return changed, same


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


def _unaffected_lines(
    original: str,
    lines: list[str],
    new_lines: list[str],
    region: set[int],
    changed: set[int],
    same: dict[int, int],
    path: str | None,
) -> set[int]:
    """The lines of ``region`` the edit did not change and whose layout it does not
    change either: the formatter writes them the same before the edit as after it,
    so where they differ from it, that is the author's own style, which they keep
    (the inside of a ``jsonencode`` policy written with ``"Sid": "x"``, a block
    opened with ``attribute{``). The text before the edit is formatted only when
    there is such a line to decide on, which an already formatted file never has."""
    candidates = [i for i in region if i not in changed and new_lines[i] != lines[i]]
    if not candidates:
        return set()
    from tffix.cst.format import format_module

    try:
        before = split_lines(
            format_module(parse(original, path=path), rewrite=False, bom_kept=True)
        )
    except ParseError:  # the text before the edit did not parse: lay everything out
        return set()
    if len(before) != len(split_lines(original)):
        return set()
    return {i for i in candidates if i in same and before[same[i]] == new_lines[i]}


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
    changed, same = compare_lines(split_lines(original), lines)
    region = paragraphs(lines, changed, literal_lines(module))
    region -= untouched_blocks(module, changed)
    new_lines = split_lines(formatted)
    if len(new_lines) == len(lines):
        region -= _unaffected_lines(original, lines, new_lines, region, changed, same, path)
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
