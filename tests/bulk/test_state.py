"""The campaign report: Markdown rows, and what a re-run reads back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tffix import __version__
from tffix.bulk import state
from tffix.bulk.campaign import RepoResult


def _entries() -> list[RepoResult]:
    changed = RepoResult(
        "https://github.com/acme/a", "changed", files=["main.tf"],
        codemods=[
            {"code": "AWS003", "changes": 2, "manual": 0},
            {"code": "TF003", "changes": 0, "manual": 3},
        ],
        pull_request={"number": 7, "url": "https://github.com/acme/a/pull/7", "action": "updated"},
    )  # fmt: skip
    failed = RepoResult("https://github.com/acme/b", "failed", errors=["x.tf:1:2: bad | token"])
    skipped = RepoResult("https://github.com/acme/c", "no-changes", skipped=True)
    return [changed, failed, skipped]


def test_markdown_rows() -> None:
    rows = state.markdown_text(_entries()).splitlines()
    assert rows[2] == f"tffix {__version__}: 1 changed, 1 failed, 1 no-changes"
    assert rows[6] == (
        "| https://github.com/acme/a | changed (AWS003) | 1 | 2 | "
        "[#7](https://github.com/acme/a/pull/7) updated | 3 findings left for a person |"
    )
    assert rows[7] == "| https://github.com/acme/b | failed | 0 | 0 |  | x.tf:1:2: bad \\| token |"
    assert rows[8].endswith("| (unchanged since the previous run) |")


def test_json_round_trip_and_merge(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    entries = _entries()
    state.write(path, state.json_text(entries, {"branch": "tffix/fixes"}))
    loaded = state.load(path)
    assert {k: v.to_json() for k, v in loaded.items()} == {e.repo: e.to_json() for e in entries}
    # Entries of repositories no longer listed are dropped; this run's win.
    rerun = [RepoResult("https://github.com/acme/a", "up-to-date")]
    merged = state.merge(
        loaded, rerun, keep={"https://github.com/acme/a", "https://github.com/acme/c"}
    )
    assert [(e.repo, e.status) for e in merged] == [
        ("https://github.com/acme/a", "up-to-date"),
        ("https://github.com/acme/c", "no-changes"),
    ]


def test_a_report_of_something_else_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"schema": "tffix.report/1"}))
    with pytest.raises(state.ReportError, match="not a tffix bulk report"):
        state.load(path)
    assert state.load(tmp_path / "absent.json") == {}
