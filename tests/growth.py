"""Growth-rate checks: does the work grow linearly with the input?

An absolute time limit fails on a slow or busy machine and passes a quadratic
algorithm on a fast one; the ratio between runs at sizes n, 2n and 4n does
neither. Linear work doubles with each doubling of the input, quadratic work
quadruples, exponential work explodes. The bound used here (4n must cost
less than ``limit`` times n, 7 by default) sits between linear (4) and
quadratic (16), with room for the noise of a shared machine: each size is
timed as the best of a few runs of CPU time of this process, which other
processes' load barely affects.

A run that has not finished after ``budget`` seconds (wall clock) is stopped
by a timer signal and fails the test, so an exponential case fails in
seconds instead of hanging the suite.
"""

from __future__ import annotations

import signal
import time
from contextlib import contextmanager

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator


class TooSlow(AssertionError):
    """A single run exceeded its wall-clock budget."""


@contextmanager
def deadline(seconds: float, what: str) -> Iterator[None]:
    """Raise ``TooSlow`` in the main thread if the block runs longer than ``seconds``."""

    def expire(signum: int, frame: object) -> None:
        raise TooSlow(f"{what}: still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def cpu_seconds(run: Callable[[], object], *, repeat: int = 3, budget: float = 10.0) -> float:
    """Best CPU time of ``repeat`` calls of ``run`` (each under a ``budget`` wall-clock limit)."""
    best = float("inf")
    for _ in range(repeat):
        with deadline(budget, "one run"):
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
    return best


def growth(
    run: Callable[[str], object],
    make: Callable[[int], str],
    n: int,
    *,
    repeat: int = 3,
    budget: float = 10.0,
) -> list[tuple[int, int, float]]:
    """(size, input length, seconds) of ``run(make(size))`` for size n, 2n and 4n."""
    out = []
    for size in (n, 2 * n, 4 * n):
        text = make(size)
        seconds = cpu_seconds(lambda text=text: run(text), repeat=repeat, budget=budget)  # type: ignore[misc]
        out.append((size, len(text), seconds))
    return out


def assert_linear(
    run: Callable[[str], object],
    make: Callable[[int], str],
    n: int,
    *,
    limit: float = 7.0,
    repeat: int = 3,
    budget: float = 10.0,
) -> list[tuple[int, int, float]]:
    """Fail unless ``run(make(4n))`` costs less than ``limit`` times ``run(make(n))``.

    The time at n is floored at 2 ms so that timer resolution alone cannot
    produce a large ratio on a tiny input. A ratio over the limit is measured
    once more before the test fails: on a busy machine (another process on
    the same core's other hyperthread, a cache flushed between the runs) one
    measurement can be off by half, twice in a row rarely; superlinear work
    fails both times.
    """
    for _attempt in range(2):
        rows = growth(run, make, n, repeat=repeat, budget=budget)
        ratio = rows[2][2] / max(rows[0][2], 0.002)
        if ratio < limit:
            return rows
    table = ", ".join(f"n={size} ({length} chars): {t * 1000:.1f} ms" for size, length, t in rows)
    raise AssertionError(f"superlinear: 4n/n = {ratio:.1f} (limit {limit}); {table}")
