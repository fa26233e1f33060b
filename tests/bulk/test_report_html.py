"""``tffix bulk report merge``: shard reports combined into one page.

The structure test parses the HTML (html.parser) and checks the counts, the
rows, that every value from the reports is escaped, and that nothing is
loaded from elsewhere. Rendering in a real browser is opt-in: it needs
Chromium (Debian's ``chromium`` package) and TFFIX_CHROMIUM=1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import run_tffix
from tffix.bulk.campaign import RepoResult
from tffix.bulk.state import SCHEMA

EVIL = '<script>alert("x")</script>&'


def _shard(path: Path, entries: list[RepoResult]) -> Path:
    data = {
        "schema": SCHEMA,
        "tffix": "test",
        "options": {"select": ["AWSV4"]},
        "summary": {},
        "repositories": [e.to_json() for e in entries],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _shards(tmp_path: Path) -> list[Path]:
    changed = RepoResult(
        "org/infra",
        "changed",
        files=["s3.tf", "logs.tf"],
        pull_request={
            "number": 12,
            "url": "https://github.com/org/infra/pull/12",
            "action": "created",
        },
        codemods=[
            {"code": "AWSV401", "changes": 3, "manual": 1},
            {"code": "AWSV402", "changes": 2, "manual": 0},
        ],
    )
    failed = RepoResult("org/" + EVIL, "failed", errors=[f"clone failed: {EVIL}"])
    quiet = RepoResult("org/quiet", "no-changes")
    hostile = RepoResult(
        "org/hostile",
        "changed",
        files=["a.tf"],
        pull_request={"number": 3, "url": "javascript:alert(1)", "action": "updated"},
        codemods=[{"code": "AWSV401", "changes": 1, "manual": 0}],
    )
    stale = RepoResult("org/quiet", "failed", errors=["old"])  # re-run in a later shard
    return [
        _shard(tmp_path / "shard-1.json", [changed, stale]),
        _shard(tmp_path / "shard-2.json", [failed, quiet, hostile]),
    ]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self.totals: dict[str, int] = {}
        self.tags: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self._total: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "tr" and "data-repo" in a:
            self.rows.append({"repo": a["data-repo"] or "", "status": a["data-status"] or ""})
        if tag == "div" and "data-total" in a:
            self._total = a["data-total"]
        if tag == "a":
            self.links.append(a.get("href") or "")
        for name, value in attrs:
            assert not (value or "").lower().startswith(("http://", "https://")) or tag == "a", (
                f"{tag} {name} loads {value}"
            )

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._total is not None and data.strip().isdigit():
            self.totals[self._total] = int(data)
            self._total = None


def test_merge_html_structure_counts_and_escaping(tmp_path: Path) -> None:
    out = tmp_path / "campaign.html"
    done = run_tffix("bulk", "report", "merge", *map(str, _shards(tmp_path)), "-o", str(out))
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    parsed = _Page()
    parsed.feed(page)
    assert [r["repo"] for r in parsed.rows] == sorted(
        ["org/infra", "org/" + EVIL, "org/quiet", "org/hostile"]
    )
    statuses = {r["repo"]: r["status"] for r in parsed.rows}
    assert statuses["org/quiet"] == "no-changes"  # the later shard's entry wins
    assert parsed.totals == {
        "repositories": 4,
        "files": 3,
        "changes": 6,
        "manual": 1,
        "pull_requests": 2,
        "failed": 1,
    }
    assert "script" not in parsed.tags and "<script>" not in page
    assert EVIL in "".join(parsed.text)  # shown as text, escaped in the source
    assert parsed.links == ["https://github.com/org/infra/pull/12"]  # no javascript: link
    assert "#3 updated" in "".join(parsed.text)
    assert "link" not in parsed.tags and "img" not in parsed.tags


@pytest.mark.slow  # tffix processes
def test_merge_writes_markdown_and_json(tmp_path: Path) -> None:
    shards = list(map(str, _shards(tmp_path)))
    md, js = tmp_path / "campaign.md", tmp_path / "campaign.json"
    assert run_tffix("bulk", "report", "merge", *shards, "-o", str(md)).returncode == 0
    assert run_tffix("bulk", "report", "merge", *shards, "-o", str(js)).returncode == 0
    assert md.read_text(encoding="utf-8").count("\n| org/") == 4
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA and len(data["repositories"]) == 4
    assert data["summary"] == {"changed": 2, "failed": 1, "no-changes": 1}


def test_merge_refuses_what_is_not_a_bulk_report(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"schema": "other"}', encoding="utf-8")
    done = run_tffix("bulk", "report", "merge", str(bad), "-o", str(tmp_path / "c.html"))
    assert done.returncode == 2 and "not a tffix bulk report" in done.stderr
    assert not (tmp_path / "c.html").exists()


_CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    not (_CHROMIUM and os.environ.get("TFFIX_CHROMIUM") == "1"),
    reason="opt-in: renders in headless Chromium (Debian's chromium) with TFFIX_CHROMIUM=1",
)
def test_merge_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    out = tmp_path / "campaign.html"
    assert (
        run_tffix(
            "bulk", "report", "merge", *map(str, _shards(tmp_path)), "-o", str(out)
        ).returncode
        == 0
    )
    done = subprocess.run(
        [str(_CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", out.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    parsed = _Page()
    parsed.feed(done.stdout)
    assert len(parsed.rows) == 4 and parsed.totals["repositories"] == 4
    assert "<script>" not in done.stdout
