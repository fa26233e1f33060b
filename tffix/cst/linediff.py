"""Line diff in near-linear time, for texts that differ in a few places.

``difflib.SequenceMatcher`` without autojunk is quadratic on Terraform: a
file is full of identical lines (``}``, blank lines, ``enabled = true``),
and its longest-match search revisits every copy of them. One file with
800 edited blocks took 25 s to diff, every round of every run. With
autojunk it is faster but wrong for us: it ignores exactly the popular
lines whose changes matter.

This is a patience diff (Bram Cohen's; the variant ``git diff --patience``
runs): strip the common head and tail, then anchor on the lines that occur
exactly once on each side, keep the longest run of anchors in the same order
on both sides (longest increasing subsequence, O(k log k)), and do the same
again in every gap between anchors, where lines unique within the gap anchor
it. A range small enough for ``difflib`` to be cheap goes to ``difflib``
(so small files get exactly the diff they always got, and the gaps between
anchors, usually a few lines between two blocks' labels, the minimal one);
a large range with no anchor at all is counted as replaced (a larger change
than the minimal one, never a wrong one).

The result has ``difflib``'s shape (``get_opcodes``), so callers can switch
without other changes.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Hashable, Iterator, Sequence

    Opcode = tuple[str, int, int, int, int]

# Gaps without anchors up to this many line pairs go to difflib (cost ~ product).
_SMALL_GAP = 40_000


def matching_pairs(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Index pairs (i, j), increasing in both, of lines kept equal from ``a`` to ``b``."""
    pairs: list[tuple[int, int]] = []
    if len(a) * len(b) <= _SMALL_GAP:  # exactly the diff difflib gives, as always
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for i, j, size in matcher.get_matching_blocks():
            pairs.extend((i + k, j + k) for k in range(size))
        return pairs
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        # Common head and tail.
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            pairs.append((alo, blo))
            alo += 1
            blo += 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi -= 1
            bhi -= 1
            pairs.append((ahi, bhi))
        if alo == ahi or blo == bhi:
            continue
        if (ahi - alo) * (bhi - blo) <= _SMALL_GAP:  # cheap enough for the minimal diff
            matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            for i, j, size in matcher.get_matching_blocks():
                pairs.extend((alo + i + k, blo + j + k) for k in range(size))
            continue
        anchors = _anchors(a, b, alo, ahi, blo, bhi)
        if not anchors:
            continue  # nothing to hold on to: all replaced
        # Gaps between consecutive anchors (and before the first, after the last).
        prev_i, prev_j = alo, blo
        for i, j in anchors:
            pairs.append((i, j))
            if prev_i < i and prev_j < j:
                stack.append((prev_i, i, prev_j, j))
            prev_i, prev_j = i + 1, j + 1
        if prev_i < ahi and prev_j < bhi:
            stack.append((prev_i, ahi, prev_j, bhi))
    pairs.sort()
    return pairs


def _anchors(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Lines unique on both sides of the range, longest run in the same order."""
    count: dict[Hashable, int] = {}
    where_a: dict[Hashable, int] = {}
    for i in range(alo, ahi):
        line = a[i]
        count[line] = count.get(line, 0) + 1
        where_a[line] = i
    count_b: dict[Hashable, int] = {}
    where_b: dict[Hashable, int] = {}
    for j in range(blo, bhi):
        line = b[j]
        if count.get(line) == 1:
            count_b[line] = count_b.get(line, 0) + 1
            where_b[line] = j
    candidates = sorted((where_a[line], where_b[line]) for line, c in count_b.items() if c == 1)
    if not candidates:
        return []
    # Longest increasing subsequence of the b indexes (patience sorting).
    tails: list[int] = []  # tails[k]: smallest b index ending a run of length k + 1
    tail_at: list[int] = []  # index into candidates of that tail
    back: list[int] = []
    for n, (_i, j) in enumerate(candidates):
        k = bisect_left(tails, j)
        back.append(tail_at[k - 1] if k else -1)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k] = j
            tail_at[k] = n
    out: list[tuple[int, int]] = []
    n = tail_at[-1]
    while n >= 0:
        out.append(candidates[n])
        n = back[n]
    out.reverse()
    return out


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """Like ``difflib.SequenceMatcher(None, a, b).get_opcodes()``, in near-linear time."""
    out: list[Opcode] = []
    i = j = 0
    run_i = run_j = -1  # start of the current run of equal lines
    for pi, pj in [*matching_pairs(a, b), (len(a), len(b))]:
        if run_i >= 0 and pi == i and pj == j and pi < len(a):
            i += 1
            j += 1
            continue
        if run_i >= 0:
            out.append(("equal", run_i, i, run_j, j))
            run_i = -1
        if pi > i or pj > j:
            tag = "replace" if pi > i and pj > j else "delete" if pi > i else "insert"
            out.append((tag, i, pi, j, pj))
        i, j = pi, pj
        if pi < len(a):
            run_i, run_j = pi, pj
            i += 1
            j += 1
    return out


def grouped(codes: list[Opcode], context: int = 3) -> list[list[Opcode]]:
    """Hunks of ``codes`` with ``context`` equal lines around each change.

    The same grouping as ``difflib.SequenceMatcher.get_grouped_opcodes``.
    """
    if not codes:
        codes = [("equal", 0, 1, 0, 1)]
    codes = list(codes)
    # No changes at the ends: keep only the context next to the first/last change.
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)
    span = context + context
    groups: list[list[Opcode]] = []
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        # A long run of equal lines ends one hunk and starts the next.
        if tag == "equal" and i2 - i1 > span:
            group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            groups.append(group)
            group = []
            i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        groups.append(group)
    return groups


def _range(start: int, stop: int) -> str:
    """A hunk header's range: ``start,length`` (1-based), as diff -u writes it."""
    length = stop - start
    if length == 1:
        return f"{start + 1}"
    return f"{start if not length else start + 1},{length}"


def unified_diff(
    a: list[str], b: list[str], fromfile: str, tofile: str, *, n: int = 3
) -> Iterator[str]:
    """``difflib.unified_diff(a, b, fromfile, tofile, n=n)`` in near-linear time.

    Small inputs go to ``difflib`` itself (the output is the same as it always
    was); large ones use ``opcodes``, which differ from difflib's only where
    difflib was slow.
    """
    if len(a) * len(b) <= _SMALL_GAP:
        yield from difflib.unified_diff(a, b, fromfile, tofile, n=n)
        return
    started = False
    for group in grouped(opcodes(a, b), n):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for line in a[i1:i2]:
                    yield " " + line
                continue
            if tag in ("replace", "delete"):
                for line in a[i1:i2]:
                    yield "-" + line
            if tag in ("replace", "insert"):
                for line in b[j1:j2]:
                    yield "+" + line
