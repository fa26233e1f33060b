"""Growth-rate checks: does the work grow linearly with the input?

An absolute time limit fails on a slow or busy machine and passes a quadratic
algorithm on a fast one; the ratio between runs at sizes n, 2n and 4n does
neither. Linear work doubles with each doubling of the input, quadratic work
quadruples, exponential work explodes. The bound used here (4n must cost
less than ``limit`` times n, 7 by default) sits between linear (4) and
quadratic (16), with room for the noise of a shared machine: each size is
timed as the best of a few runs of CPU time of this process, which other
processes' load barely affects.

A run of a few milliseconds is too short for that: a context switch, a
cache flush or the timer's resolution is then a large part of it (a linear
diff once measured 4 ms at n and 34 ms at 4n under load), and a quadratic
run that short hides under the 2 ms floor. So n is first doubled until one
run at n costs ``min_seconds`` (10 ms by default); the sizes are then timed
in turns (n, 2n, 4n, n, 2n, 4n, ...) so that load arriving halfway through
slows every size alike instead of only the last; and the garbage collector
runs once before the timed calls and is kept off during them, so a full
collection of the test session's heap, which the work under test did not
cause, never lands inside a measurement.

A run that has not finished after ``budget`` seconds (wall clock) is stopped
by a timer signal and fails the test, so an exponential case fails in
seconds instead of hanging the suite.
"""

from __future__ import annotations

import gc
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
    return _best_of([run], repeat=repeat, budget=budget)[0]


def _best_of(
    runs: list[Callable[[], object]], *, repeat: int, budget: float, collect: bool = True
) -> list[float]:
    """Best CPU time of each of ``runs``, called in turns ``repeat`` times, collector off."""
    best = [float("inf")] * len(runs)
    enabled = gc.isenabled()
    if collect:
        gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            for i, run in enumerate(runs):
                with deadline(budget, "one run"):
                    start = time.process_time()
                    run()
                    best[i] = min(best[i], time.process_time() - start)
    finally:
        if enabled:
            gc.enable()
    return best


def calibrated(
    run: Callable[[str], object],
    make: Callable[[int], str],
    n: int,
    min_seconds: float,
    *,
    budget: float = 10.0,
    most: int = 1024,
) -> int:
    """The first of n, 2n, 4n, ... (up to ``most`` times n) whose run costs ``min_seconds``.

    Work that does not grow at all stops at ``most`` times n (its ratio is
    then about 1, which passes, as it should).
    """
    size = n
    while size < n * most:
        text = make(size)
        once = _best_of([lambda: run(text)], repeat=1, budget=budget, collect=False)  # noqa: B023
        if once[0] >= min_seconds:
            break
        size *= 2
    return size


def growth(
    run: Callable[[str], object],
    make: Callable[[int], str],
    n: int,
    *,
    repeat: int = 3,
    budget: float = 10.0,
) -> list[tuple[int, int, float]]:
    """(size, input length, seconds) of ``run(make(size))`` for size n, 2n and 4n."""
    sizes = (n, 2 * n, 4 * n)
    texts = [make(size) for size in sizes]
    runs = [lambda text=text: run(text) for text in texts]
    seconds = _best_of(runs, repeat=repeat, budget=budget)  # type: ignore[arg-type]
    return [(size, len(text), t) for size, text, t in zip(sizes, texts, seconds, strict=True)]


def assert_linear(
    run: Callable[[str], object],
    make: Callable[[int], str],
    n: int,
    *,
    limit: float = 7.0,
    repeat: int = 3,
    budget: float = 10.0,
    min_seconds: float = 0.01,
) -> list[tuple[int, int, float]]:
    """Fail unless ``run(make(4n))`` costs less than ``limit`` times ``run(make(n))``.

    The time at n is floored at 2 ms so that timer resolution alone cannot
    produce a large ratio on a tiny input. A ratio over the limit is measured
    once more before the test fails: on a busy machine (another process on
    the same core's other hyperthread, a cache flushed between the runs) one
    measurement can be off by half, twice in a row rarely; superlinear work
    fails both times. ``n`` is only a starting size: see ``calibrated``.
    """
    n = calibrated(run, make, n, min_seconds, budget=budget)
    for _attempt in range(2):
        rows = growth(run, make, n, repeat=repeat, budget=budget)
        ratio = rows[2][2] / max(rows[0][2], 0.002)
        if ratio < limit:
            return rows
    table = ", ".join(f"n={size} ({length} chars): {t * 1000:.1f} ms" for size, length, t in rows)
    raise AssertionError(f"superlinear: 4n/n = {ratio:.1f} (limit {limit}); {table}")
