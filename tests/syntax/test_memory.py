"""Memory of a parse is proportional to the input, with a bounded constant.

Every byte of the input lives in exactly one token's text or trivia, so a
parse holds one copy of the text plus its objects. What must never happen is
a copy per token of the rest of a line (quadratic on one long line) or of the
trivia around it. Measured with ``tracemalloc`` (peak bytes allocated during
the parse, the tree included) at n and 4n: the peak per input byte stays
under a bound per shape, and grows no faster than the input.

The bounds are today's values with headroom, not goals: a token is a Python
object (about 70 bytes) and an element of a list like ``1, 2, 3`` takes two
tokens and two nodes for three bytes of input, about 115 bytes per byte.
Text that is one token (a long string, comment or heredoc line) costs about
one byte per byte.

Past a few thousand entries a tuple, object or template is kept as its
source text (``build.LIST_CAP``, ``test_lazy``), so a long line costs little
more than the line: the second half of this file parses megabytes in a fresh
process and bounds the growth of its peak resident memory.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import tffix
from tests.conftest import SHARED_CORPUS, shared_corpus_files
from tffix.syntax.parser import decode

pytestmark = pytest.mark.slow  # measures memory over large generated inputs

# shape: (text of about n bytes, n, bytes of peak memory per input byte allowed)
# (tracing every allocation makes a parse many times slower: sizes are small)
SHAPES = {
    "single_line_list": (lambda n: "a = [" + "1, " * (n // 3) + "]\n", 6000, 150),
    "single_line_strings": (lambda n: "a = [" + '"abc", ' * (n // 7) + "]\n", 6000, 150),
    "single_line_interpolations": (lambda n: 'a = "' + "${x}" * (n // 4) + '"\n', 6000, 200),
    "long_string": (lambda n: 'a = "' + "x" * n + '"\n', 250_000, 5),
    "long_comment": (lambda n: "# " + "x" * n + "\na = 1\n", 250_000, 5),
    "heredoc": (lambda n: "a = <<EOF\n" + "line $x %y\n" * (n // 11) + "EOF\n", 40_000, 5),
    "blank_lines": (lambda n: "\n" * n + "a = 1\n", 5_000, 5),
    # Text a regex repetition matches piece by piece: possessive, or Python's
    # regex engine keeps about 120 bytes of backtracking state per piece.
    "string_of_escapes": (lambda n: 'a = "' + "x$%\\n" * (n // 5) + '"\n', 40_000, 5),
    "heredoc_line_of_dollars": (lambda n: "a = <<EOF\n" + "$x" * (n // 2) + "\nEOF\n", 40_000, 5),
    "skipped_list_spaces": (
        lambda n: (
            "a = [" + "1, " * 5000 + '"' + "x$" * (n // 4) + '", [' + " " * (n // 2) + "f()]]\n"
        ),
        100_000,
        10,
    ),
}


def peak_per_byte(text: str) -> float:
    tffix.parse("a = 1\n")  # the first parse imports the tables: not the parse's memory
    gc.collect()
    tracemalloc.start()
    try:
        tffix.parse(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak / len(text)


@pytest.mark.parametrize("shape", SHAPES)
def test_parse_memory_is_proportional_to_the_input(shape: str) -> None:
    make, n, bound = SHAPES[shape]
    small = peak_per_byte(make(n))
    large = peak_per_byte(make(4 * n))
    assert large < bound, f"{large:.0f} bytes per input byte (bound {bound})"
    # Linear: the cost per byte does not grow with the size.
    assert large < 1.5 * small + 1, f"per byte: {small:.1f} at n, {large:.1f} at 4n"


# Issue 13's long lines, about 2 MB each: (text, bound on the growth of the
# peak RSS per input byte). Reading the file alone costs 2 (its bytes and its
# text); building every token and node cost 110 to 180.
LONG_LINES = {
    "list": (lambda: "a = [" + "1, " * 700_000 + "]\n", 40),
    "strings": (lambda: "a = [" + '"abc", ' * 300_000 + "]\n", 40),
    "objects": (lambda: "a = {" + "k = 1, " * 300_000 + "}\n", 40),
    "nested_lists": (lambda: "a = [" + "[1, x], " * 250_000 + "]\n", 40),
    "interpolations": (lambda: 'a = "' + "${x}" * 500_000 + '"\n', 40),
    "heredoc_interpolations": (
        lambda: "a = <<EOF\n" + "line ${x} and $y\n" * 120_000 + "EOF\n",
        40,
    ),
}

CHILD = """
import os, sys
import tffix
def peak():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) * 1024
tffix.parse("a = 1\\n")
before = peak()
tffix.parse_file(sys.argv[1])
print(peak() - before)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (VmHWM)")
@pytest.mark.parametrize("shape", LONG_LINES)
def test_a_long_line_parses_in_memory_proportional_to_its_length(
    shape: str, tmp_path: Path
) -> None:
    make, bound = LONG_LINES[shape]
    path = tmp_path / "long.tf"
    path.write_text(make())
    size = path.stat().st_size
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    growth = int(done.stdout.split()[-1])
    assert growth < bound * size, f"peak RSS grew {growth / size:.0f} bytes per input byte"


def _ordinary_code(chars: int) -> str:
    """Real modules, concatenated into one file of at least ``chars`` characters."""
    parts: list[str] = []
    size = 0
    for path in shared_corpus_files():
        text = decode(path.read_bytes())
        if text.startswith("\ufeff"):
            continue
        try:
            tffix.parse(text)
        except tffix.ParseError:
            continue
        if not text.endswith("\n"):
            text += "\n"
        parts.append(text)
        size += len(text)
        if size >= chars:
            break
    return "".join(parts)


# Ordinary code: each token (~7 characters with its trivia) is a Python
# object of 72 bytes and about half a node (~120 bytes with its children
# list) rides on each; what is left to save is the text. A slice per token
# and per trivia made 25.6 bytes per character; sharing the repeated
# strings (names, operators, indentation) makes about 21.5.
ORDINARY_BOUND = 23.5


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"needs {SHARED_CORPUS}")
def test_ordinary_code_parses_in_a_bounded_number_of_bytes_per_character() -> None:
    text = _ordinary_code(400_000)
    assert len(text) >= 400_000
    per_char = peak_per_byte(text)
    assert per_char < ORDINARY_BOUND, f"{per_char:.1f} bytes per character of ordinary code"


def test_repeated_token_texts_and_trivia_are_one_string() -> None:
    """Names, operators and indentation are shared, not sliced out again per token."""
    text = 'resource "x" "a" {\n  name = var.name\n}\nresource "x" "b" {\n  name = var.name\n}\n'
    by_value: dict[tuple[str, str], set[int]] = {}
    for token in tffix.parse(text).tokens():
        by_value.setdefault(("text", token.text), set()).add(id(token.text))
        by_value.setdefault(("pre", token.pre), set()).add(id(token.pre))
    repeated = {key: ids for key, ids in by_value.items() if key[1] in ("name", "var", "=", "\n  ")}
    assert len(repeated) == 4
    assert all(len(ids) == 1 for ids in repeated.values()), repeated
