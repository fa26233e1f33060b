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
"""

from __future__ import annotations

import gc
import tracemalloc

import pytest

import tffix

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
}


def peak_per_byte(text: str) -> float:
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
