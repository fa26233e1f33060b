"""The line diff behind relayout, finding positions, SARIF and unified diffs.

It must give a correct diff (the equal runs are equal, the edits rebuild the
new text), the very diff ``difflib`` gives on small inputs (so layouts and
printed diffs stay what they were), and take near-linear time on a file with
hundreds of edits, where ``difflib`` took 25 s.
"""

from __future__ import annotations

import difflib
import itertools
import random
import re

import pytest

from tests.growth import assert_linear
from tffix.cst import linediff
from tffix.cst.layout import relayout
from tffix.cst.write import split_lines, unified_diff_text


def _mutate(rng: random.Random, a: list[str], alphabet: int) -> list[str]:
    b = list(a)
    for _ in range(rng.randrange(0, 8)):
        op = rng.random()
        if op < 0.4 and b:
            del b[rng.randrange(len(b))]
        elif op < 0.8:
            b.insert(rng.randrange(len(b) + 1), f"{rng.randrange(alphabet + 3)}\n")
        elif b:
            b[rng.randrange(len(b))] = f"{rng.randrange(alphabet + 3)}\n"
    return b


def _check_opcodes(a: list[str], b: list[str], codes: list[tuple[str, int, int, int, int]]) -> None:
    i = j = 0
    for tag, i1, i2, j1, j2 in codes:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2] and i2 > i1
        else:
            assert tag == ("replace" if i2 > i1 and j2 > j1 else "delete" if i2 > i1 else "insert")
        i, j = i2, j2
    assert (i, j) == (len(a), len(b))
    assert all(not (x[0] == y[0] == "equal") for x, y in itertools.pairwise(codes))


def _apply(a: list[str], diff: list[str]) -> list[str]:
    """Apply a unified diff (the output of unified_diff) to ``a``."""
    out: list[str] = []
    at = 0
    for line in diff[2:]:
        header = re.match(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", line)
        if header:
            start, length = int(header.group(1)), int(header.group(2) or 1)
            start = start - 1 if length else start
            out += a[at:start]
            at = start
        elif line[0] == "+":
            out.append(line[1:])
        else:
            assert a[at] == line[1:], "context or deleted line does not match"
            at += 1
            if line[0] == " ":
                out.append(line[1:])
    return out + a[at:]


@pytest.mark.parametrize("seed", range(4))
def test_small_inputs_get_difflibs_diff(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(500):
        alphabet = rng.choice([2, 3, 20])
        a = [f"{rng.randrange(alphabet)}\n" for _ in range(rng.randrange(0, 40))]
        b = _mutate(rng, a, alphabet)
        expected = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        assert linediff.opcodes(a, b) == expected
        for context in (0, 3):
            matcher = difflib.SequenceMatcher(None, a, b)
            assert linediff.grouped(matcher.get_opcodes(), context) == [
                list(g) for g in matcher.get_grouped_opcodes(context)
            ]
            assert list(linediff.unified_diff(a, b, "x", "y", n=context)) == list(
                difflib.unified_diff(a, b, "x", "y", n=context)
            )


@pytest.mark.parametrize("seed", range(4))
def test_large_path_gives_a_correct_diff(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    """Small inputs through the patience path (threshold 0): still a valid diff that applies."""
    monkeypatch.setattr(linediff, "_SMALL_GAP", 0)
    rng = random.Random(seed)
    for _ in range(500):
        alphabet = rng.choice([2, 3, 20])
        a = [f"{rng.randrange(alphabet)}\n" for _ in range(rng.randrange(0, 40))]
        b = _mutate(rng, a, alphabet)
        _check_opcodes(a, b, linediff.opcodes(a, b))
        for context in (0, 3):
            assert _apply(a, list(linediff.unified_diff(a, b, "x", "y", n=context))) == b


def _blocks(n: int) -> str:
    block = 'resource "aws_cloudwatch_log_group" "g{0}" {{\n  name = "g{0}"\n}}\n\n'
    return "".join(block.format(i) for i in range(n))


def _fixed(n: int) -> str:
    """Every block fixed: one argument added, with its '=' to align."""
    return _blocks(n).replace('"\n}', '"\n    retention_in_days=365\n}')


def test_many_edits_in_one_file_diff_in_linear_time() -> None:
    def diff(n: str) -> None:
        linediff.opcodes(split_lines(_blocks(int(n))), split_lines(_fixed(int(n))))

    assert_linear(diff, str, 400)


@pytest.mark.slow  # times growing inputs
def test_many_fixes_in_one_file_lay_out_in_linear_time() -> None:
    """400 fixes in one file took 3.4 s, 800 took 25.6 s (difflib in changed_lines)."""
    n = 200
    laid_out = relayout(_blocks(n), _fixed(n))
    aligned = _blocks(n).replace("  name = ", "  name              = ")
    assert laid_out == aligned.replace('"\n}', '"\n  retention_in_days = 365\n}')
    assert_linear(lambda n: relayout(_blocks(int(n)), _fixed(int(n))), str, 200, repeat=2)


@pytest.mark.slow  # times growing inputs
def test_unified_diff_of_many_fixes_in_linear_time() -> None:
    n = 2000
    diff = unified_diff_text(_blocks(n), _fixed(n), "a/main.tf", "b/main.tf")
    assert diff.count("\n+    retention_in_days=365\n") == n
    assert _apply(split_lines(_blocks(n)), split_lines(diff)) == split_lines(_fixed(n))
    assert_linear(lambda n: unified_diff_text(_blocks(int(n)), _fixed(int(n)), "a", "b"), str, 500)
