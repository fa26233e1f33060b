"""The campaign report: what happened to each repository, as JSON and Markdown.

The JSON file is also the campaign's memory. A re-run reads it and skips a
repository whose entry was made by the same tffix version with the same
options on the same default-branch commit: a campaign over hundreds of
repositories can be restarted after a failure, or run on a schedule,
without redoing (or re-pushing) finished work.
"""

from __future__ import annotations

import json
from pathlib import Path

from tffix import __version__
from tffix.bulk.campaign import FAILED, RepoResult
from tffix.cst.write import write_atomic

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

SCHEMA = "tffix.bulk/1"


class ReportError(ValueError):
    """A previous report that cannot be read."""


def load(path: Path) -> dict[str, RepoResult]:
    """Entries of an earlier JSON report by repository; empty when there is none yet."""
    if path.suffix == ".md" or not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportError(f"{path}: cannot read the previous report: {exc}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ReportError(f"{path}: not a tffix bulk report (schema {SCHEMA})")
    entries = {}
    for item in data.get("repositories", []):
        entry = RepoResult.from_json(item)
        entries[entry.repo] = entry
    return entries


def merge(
    previous: dict[str, RepoResult], results: Sequence[RepoResult], keep: set[str]
) -> list[RepoResult]:
    """This run's results, plus earlier entries of listed repositories it did not visit
    (another shard's, when shards share one report file)."""
    by_repo = {r.repo: r for r in previous.values() if r.repo in keep}
    by_repo.update({r.repo: r for r in results})
    return [by_repo[k] for k in sorted(by_repo)]


def json_text(entries: Sequence[RepoResult], options: dict[str, object]) -> str:
    data = {
        "schema": SCHEMA,
        "tffix": __version__,
        "options": options,
        "summary": counts(entries),
        "repositories": [e.to_json() for e in entries],
    }
    return json.dumps(data, indent=2, sort_keys=False) + "\n"


def counts(entries: Sequence[RepoResult]) -> dict[str, int]:
    out: dict[str, int] = {}
    for entry in entries:
        out[entry.status] = out.get(entry.status, 0) + 1
    return dict(sorted(out.items()))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_text(entries: Sequence[RepoResult]) -> str:
    lines = [
        "# tffix bulk campaign",
        "",
        f"tffix {__version__}: "
        + ", ".join(f"{n} {status}" for status, n in counts(entries).items()),
        "",
        "| repository | status | files | changes | pull request | notes |",
        "|---|---|---:|---:|---|---|",
    ]
    for e in entries:
        changes = sum(int(c.get("changes", 0)) for c in e.codemods)
        pull = ""
        if e.pull_request:
            number, url, action = (e.pull_request[k] for k in ("number", "url", "action"))
            pull = f"[#{number}]({url}) {action}"
        notes = "; ".join(e.errors if e.status == FAILED else e.notes)
        if e.skipped:
            notes = (notes + " " if notes else "") + "(unchanged since the previous run)"
        codes = ", ".join(c["code"] for c in e.codemods if c.get("changes"))
        manual = sum(int(c.get("manual", 0)) for c in e.codemods)
        if manual and e.status != FAILED:
            left = f"{manual} finding{'s' * (manual != 1)} left for a person"
            notes = f"{notes}; {left}" if notes else left
        status = e.status + (f" ({codes})" if codes else "")
        lines.append(
            f"| {_cell(e.repo)} | {_cell(status)} | {len(e.files)} | {changes} | {pull} | "
            f"{_cell(notes)} |"
        )
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> None:
    """Atomically: a killed campaign leaves the previous report, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))
