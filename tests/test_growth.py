"""The growth-ratio helper tells linear work from quadratic work (tests/growth.py)."""

from __future__ import annotations

import pytest

from tests.growth import TooSlow, assert_linear, cpu_seconds


def _linear(text: str) -> int:
    return sum(1 for _ in text)


def _quadratic(text: str) -> int:
    """Every tenth position scans the rest of the text: n/10 scans of O(n)."""
    return sum(text.count("x", i) for i in range(0, len(text), 10))


def test_linear_work_passes() -> None:
    assert_linear(_linear, lambda n: "x" * n, 200_000)


def test_quadratic_work_fails() -> None:
    with pytest.raises(AssertionError, match="superlinear"):
        assert_linear(_quadratic, lambda n: "xy" * n, 4_000, repeat=1)


def test_a_short_run_is_lengthened_until_it_can_be_measured() -> None:
    """At n = 1,000 a run takes microseconds: timer noise, and under the 2 ms floor."""
    rows = assert_linear(_linear, lambda n: "x" * n, 1_000, min_seconds=0.01)
    assert rows[0][0] > 1_000 and rows[0][2] >= 0.005


def test_a_run_over_budget_is_stopped() -> None:
    with pytest.raises(TooSlow):
        cpu_seconds(lambda: [0 for _ in iter(int, 1)], repeat=1, budget=0.2)
