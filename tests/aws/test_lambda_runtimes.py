"""The Lambda runtime table: dates pinned against the runtimes page, judged by date."""

from __future__ import annotations

import datetime

import pytest

from tffix.aws import lambda_runtimes as lr

D = datetime.date


@pytest.mark.parametrize(
    ("identifier", "deprecation", "block_create", "block_update"),
    [
        # Pinned from https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
        ("nodejs20.x", D(2026, 4, 30), D(2027, 7, 29), D(2027, 8, 31)),
        ("nodejs22.x", D(2027, 4, 30), D(2027, 6, 1), D(2027, 7, 1)),
        ("python3.9", D(2025, 12, 15), D(2027, 7, 29), D(2027, 8, 31)),
        ("python3.12", D(2028, 10, 31), D(2028, 11, 30), D(2029, 1, 10)),
        ("dotnetcore3.1", D(2023, 4, 3), D(2023, 4, 3), D(2023, 5, 3)),
        ("provided.al2023", D(2029, 6, 30), D(2029, 7, 31), D(2029, 8, 31)),
    ],
)
def test_pinned_entries(identifier: str, deprecation: D, block_create: D, block_update: D) -> None:
    runtime = lr.RUNTIMES[identifier]
    assert (runtime.deprecation, runtime.block_create, runtime.block_update) == (
        deprecation,
        block_create,
        block_update,
    )


def test_dates_are_in_order() -> None:
    """Each runtime is deprecated before creation, and creation before update, is blocked."""
    for runtime in lr.RUNTIMES.values():
        dates = [d for d in (runtime.deprecation, runtime.block_create) if d is not None]
        if runtime.block_update is not None:
            dates.append(runtime.block_update)
        assert dates[:1] == [runtime.deprecation], runtime
        assert sorted(dates[1:]) == dates[1:], runtime


def test_status_follows_the_date() -> None:
    """nodejs20.x is supported the day before its deprecation date and deprecated on it;
    the table need not change for that."""
    before = lr.status("nodejs20.x", D(2026, 4, 29))
    on = lr.status("nodejs20.x", D(2026, 4, 30))
    assert before is not None and on is not None
    assert not before.deprecated and on.deprecated
    assert not on.create_blocked and not on.update_blocked
    later = lr.status("nodejs20.x", D(2027, 9, 1))
    assert later is not None and later.create_blocked and later.update_blocked
    # The review's date: deprecated, updates not blocked yet (but reported all the same).
    review = lr.status("nodejs20.x", D(2026, 12, 6))
    assert review is not None and review.deprecated
    assert "deprecated on 2026-04-30" in review.describe()
    assert review.describe() == "deprecated on 2026-04-30, function updates blocked from 2027-08-31"
    nodejs22 = lr.status("nodejs22.x", D(2026, 12, 6))
    assert nodejs22 is not None and not nodejs22.deprecated


def test_unknown_runtime_is_not_judged() -> None:
    assert lr.status("nodejs99.x", D(2026, 12, 6)) is None


def test_today_can_be_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TFFIX_TODAY", "2027-05-01")
    assert lr.today() == D(2027, 5, 1)
    status = lr.status("nodejs22.x")
    assert status is not None and status.deprecated


def test_epoch_changes_only_at_table_dates() -> None:
    """The cache key part: equal between two table dates, different across one."""
    assert lr.epoch(D(2026, 12, 6)) == lr.epoch(D(2026, 12, 7))
    assert lr.epoch(D(2027, 4, 29)) != lr.epoch(D(2027, 4, 30))
    assert lr.epoch(D(2027, 4, 30)) == "2027-04-30"


def test_table_was_checked_recently() -> None:
    """A table nobody re-checks goes stale silently (a new runtime, a moved date): this
    fails once the check is more than nine months old, to have the page read again."""
    age = (lr.today() - lr.CHECKED).days
    assert age <= 270, (
        f"tffix.aws.lambda_runtimes was last compared with {lr.SOURCE} on {lr.CHECKED} "
        f"({age} days ago): compare it again and set CHECKED"
    )
