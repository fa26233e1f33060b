"""Lambda managed runtimes and the dates AWS stops supporting them.

Lambda deprecates a runtime in steps ("Runtime deprecation policy", AWS
Lambda developer guide): on the deprecation date it stops patching the
runtime; from the *block function create* date ``CreateFunction`` refuses it;
from the *block function update* date ``UpdateFunctionConfiguration`` and
``UpdateFunctionCode`` refuse it too ("The runtime parameter of nodejs16.x is
no longer supported for creating or updating AWS Lambda functions"), while
existing functions keep running. A fix that updates a function (turning on
tracing) or replaces it (a rename) on such a runtime fails to apply.

A list of "deprecated runtimes" goes stale the day the next one reaches its
date, so :data:`RUNTIMES` holds the dates, and :func:`status` compares them
with the date of the run: nodejs22.x is reported from 30 April 2027 on without
a change here. Dates are as the runtimes page gave them when :data:`CHECKED`
(its "Supported runtimes" and "Deprecated runtimes" tables, with the block
dates AWS has since extended); re-check the page when AWS announces a runtime
or moves a date, and set :data:`CHECKED`.

Source: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

SOURCE = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"
# When the table was last compared with SOURCE.
CHECKED = datetime.date(2026, 10, 15)


@dataclass(frozen=True)
class Runtime:
    """A managed runtime; a date of None is one AWS has not announced (or, for long
    retired runtimes, one the page no longer lists: the runtime is blocked anyway)."""

    identifier: str
    name: str
    deprecation: datetime.date | None
    block_create: datetime.date | None = None
    block_update: datetime.date | None = None


def _d(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _table(*rows: tuple[str, str, str | None, str | None, str | None]) -> dict[str, Runtime]:
    return {r[0]: Runtime(r[0], r[1], _d(r[2]), _d(r[3]), _d(r[4])) for r in rows}


# identifier, name, deprecation, block function create, block function update
RUNTIMES: dict[str, Runtime] = _table(
    ("nodejs24.x", "Node.js 24", "2028-04-30", "2028-06-01", "2028-07-01"),
    ("nodejs22.x", "Node.js 22", "2027-04-30", "2027-06-01", "2027-07-01"),
    ("nodejs20.x", "Node.js 20", "2026-04-30", "2027-07-29", "2027-08-31"),
    ("nodejs18.x", "Node.js 18", "2025-09-01", "2027-07-29", "2027-08-31"),
    ("nodejs16.x", "Node.js 16", "2024-06-12", "2027-07-29", "2027-08-31"),
    ("nodejs14.x", "Node.js 14", "2023-12-04", "2024-01-09", "2027-08-31"),
    ("nodejs12.x", "Node.js 12", "2023-03-31", "2023-03-31", "2023-04-30"),
    ("nodejs10.x", "Node.js 10", "2021-07-30", "2021-07-30", "2022-02-14"),
    ("nodejs8.10", "Node.js 8.10", "2020-03-06", "2020-01-06", "2020-03-06"),
    ("nodejs6.10", "Node.js 6.10", "2019-08-12", None, "2019-08-12"),
    ("nodejs4.3", "Node.js 4.3", "2020-03-05", None, "2020-03-05"),
    ("nodejs4.3-edge", "Node.js 4.3 edge", "2019-04-30", None, "2019-04-30"),
    ("nodejs", "Node.js 0.10", "2016-10-31", None, "2016-10-31"),
    ("python3.14", "Python 3.14", "2029-06-30", "2029-07-31", "2029-08-31"),
    ("python3.13", "Python 3.13", "2029-06-30", "2029-07-31", "2029-08-31"),
    ("python3.12", "Python 3.12", "2028-10-31", "2028-11-30", "2029-01-10"),
    ("python3.11", "Python 3.11", "2027-06-30", "2027-07-29", "2027-08-31"),
    ("python3.10", "Python 3.10", "2026-10-31", "2027-07-29", "2027-08-31"),
    ("python3.9", "Python 3.9", "2025-12-15", "2027-07-29", "2027-08-31"),
    ("python3.8", "Python 3.8", "2024-10-14", "2027-07-29", "2027-08-31"),
    ("python3.7", "Python 3.7", "2023-12-04", "2024-01-09", "2027-08-31"),
    ("python3.6", "Python 3.6", "2022-07-18", "2022-07-18", "2022-08-29"),
    ("python2.7", "Python 2.7", "2021-07-15", "2021-07-15", "2022-05-30"),
    ("java25", "Java 25", "2029-06-30", "2029-07-31", "2029-08-31"),
    ("java21", "Java 21", "2029-06-30", "2029-07-31", "2029-08-31"),
    ("java17", "Java 17", "2027-06-30", "2027-07-29", "2027-08-31"),
    ("java11", "Java 11", "2027-06-30", "2027-07-29", "2027-08-31"),
    ("java8.al2", "Java 8 (Amazon Linux 2)", "2027-06-30", "2027-07-29", "2027-08-31"),
    ("java8", "Java 8 (Amazon Linux 1)", "2024-01-08", "2024-02-08", "2027-08-31"),
    ("dotnet10", ".NET 10", "2028-11-14", "2028-12-14", "2029-01-15"),
    ("dotnet9", ".NET 9 (container only)", "2026-11-10", None, None),
    ("dotnet8", ".NET 8", "2026-11-10", "2027-07-29", "2027-08-31"),
    ("dotnet7", ".NET 7 (container only)", "2024-05-14", None, None),
    ("dotnet6", ".NET 6", "2024-12-20", "2027-07-29", "2027-08-31"),
    ("dotnet5.0", ".NET 5 (container only)", "2022-05-10", None, None),
    ("dotnetcore3.1", ".NET Core 3.1", "2023-04-03", "2023-04-03", "2023-05-03"),
    ("dotnetcore2.1", ".NET Core 2.1", "2022-01-05", "2022-01-05", "2022-04-13"),
    ("dotnetcore2.0", ".NET Core 2.0", "2019-05-30", None, "2019-05-30"),
    ("dotnetcore1.0", ".NET Core 1.0", "2019-07-30", None, "2019-07-30"),
    ("ruby3.4", "Ruby 3.4", "2028-03-31", "2028-04-30", "2028-05-31"),
    ("ruby3.3", "Ruby 3.3", "2027-03-31", "2027-07-29", "2027-08-31"),
    ("ruby3.2", "Ruby 3.2", "2026-03-31", "2027-07-29", "2027-08-31"),
    ("ruby2.7", "Ruby 2.7", "2023-12-07", "2024-01-09", None),
    ("ruby2.5", "Ruby 2.5", "2021-07-30", "2021-07-30", "2022-03-31"),
    ("go1.x", "Go 1.x", "2024-01-08", "2024-02-08", "2027-08-31"),
    ("provided.al2023", "OS-only (Amazon Linux 2023)", "2029-06-30", "2029-07-31", "2029-08-31"),
    ("provided.al2", "OS-only (Amazon Linux 2)", "2026-07-31", "2027-07-29", "2027-08-31"),
    ("provided", "OS-only (Amazon Linux 1)", "2024-01-08", "2024-02-08", "2027-08-31"),
)  # fmt: skip


def today() -> datetime.date:
    """The date the run judges runtimes at: ``TFFIX_TODAY`` (YYYY-MM-DD) when set, for
    a reproducible run, else today's date in UTC."""
    given = os.environ.get("TFFIX_TODAY", "").strip()
    if given:
        try:
            return datetime.date.fromisoformat(given)
        except ValueError:
            pass
    return datetime.datetime.now(datetime.timezone.utc).date()


@dataclass(frozen=True)
class Status:
    """Where a runtime stands on a date."""

    runtime: Runtime
    on: datetime.date

    @property
    def deprecated(self) -> bool:
        """Past its deprecation date: unpatched, and updates may be refused."""
        date = self.runtime.deprecation
        return date is not None and self.on >= date

    @property
    def create_blocked(self) -> bool:
        """``CreateFunction`` refuses it (a replaced function cannot be made again)."""
        if not self.deprecated:
            return False
        date = self.runtime.block_create
        return date is None or self.on >= date  # long retired: blocked

    @property
    def update_blocked(self) -> bool:
        """Updates of functions on it are refused."""
        if not self.deprecated:
            return False
        date = self.runtime.block_update
        return date is None or self.on >= date

    def describe(self) -> str:
        """Its dates, in words that stay true whatever the day: "deprecated on
        2026-04-30, function updates blocked from 2027-08-31"."""
        r = self.runtime
        parts = [f"deprecated on {r.deprecation}" if r.deprecation else "not deprecated"]
        if r.block_update is not None:
            parts.append(f"function updates blocked from {r.block_update}")
        elif self.deprecated:
            parts.append("no date announced for blocking function updates")
        return ", ".join(parts)


def status(identifier: str, on: datetime.date | None = None) -> Status | None:
    """Where the runtime ``identifier`` stands on ``on`` (default :func:`today`), or None
    for an identifier the table does not hold (a newer runtime, or a typo)."""
    runtime = RUNTIMES.get(identifier)
    if runtime is None:
        return None
    return Status(runtime, on or today())


def epoch(on: datetime.date | None = None) -> str:
    """The latest table date on or before ``on``: results that depend on runtime dates
    stay valid until the next one (a cache key part)."""
    day = on or today()
    dates = [
        d
        for r in RUNTIMES.values()
        for d in (r.deprecation, r.block_create, r.block_update)
        if d is not None and d <= day
    ]
    return str(max(dates)) if dates else ""
