"""The campaign view: bulk shard reports merged into one page (HTML, Markdown or JSON).

An upgrade across hundreds of repositories runs as ``--shard K/N`` jobs, each
writing its own ``tffix.bulk/1`` report. ``tffix bulk report merge`` reads
them all and writes one report a platform team can look at: totals and
progress at the top, then per repository the outcome, the pull request, the
changes per codemod, the steps left for a person, and any failure's error.

The HTML page is static and self-contained (no scripts, fonts or images
from elsewhere): it is attached to CI runs and opened from there. Every
value from the reports is escaped, since repository names, errors and
finding texts come from the repositories.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from tffix import __version__
from tffix.bulk.campaign import CHANGED, FAILED, NO_CHANGES, UP_TO_DATE, RepoResult
from tffix.bulk.state import SCHEMA, ReportError, counts, json_text, markdown_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

# Status -> bar colour; the order is the bar's.
_COLOURS = {
    CHANGED: "#2da44e",
    UP_TO_DATE: "#0969da",
    NO_CHANGES: "#8c959f",
    FAILED: "#cf222e",
}


def load_shards(paths: Sequence[Path]) -> tuple[list[RepoResult], dict[str, Any]]:
    """(one entry per repository, the options of the first shard), from shard reports.

    A repository in several shards (a re-run shard) keeps its entry from the
    last file given. A file that is not a bulk report is an error, naming it.
    """
    by_repo: dict[str, RepoResult] = {}
    options: dict[str, Any] = {}
    if not paths:
        raise ReportError("no shard reports given")
    for path in paths:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ReportError(f"{path}: cannot read it: {exc}") from None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise ReportError(f"{path}: not a tffix bulk report (schema {SCHEMA})")
        if not options and isinstance(data.get("options"), dict):
            options = data["options"]
        for item in data.get("repositories", []):
            entry = RepoResult.from_json(item)
            by_repo[entry.repo] = entry
    return [by_repo[k] for k in sorted(by_repo)], options


def totals(entries: Sequence[RepoResult]) -> dict[str, int]:
    """Counts for the top of the page."""
    return {
        "repositories": len(entries),
        "files": sum(len(e.files) for e in entries),
        "changes": sum(int(c.get("changes", 0)) for e in entries for c in e.codemods),
        "manual": sum(
            int(c.get("manual", 0)) for e in entries if e.status != FAILED for c in e.codemods
        ),
        "pull_requests": sum(1 for e in entries if e.pull_request),
        "failed": sum(1 for e in entries if e.status == FAILED),
    }


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _link(url: object, text: str) -> str:
    """A link only to an http(s) address; anything else is shown as text."""
    if isinstance(url, str) and url.lower().startswith(("https://", "http://")):
        return f'<a href="{_e(url)}">{_e(text)}</a>'
    return _e(text)


def _bar(parts: list[tuple[str, int, str]], total: int, label: str) -> str:
    cells = []
    for name, value, colour in parts:
        if value and total:
            width = 100 * value / total
            cells.append(
                f'<span class="seg" style="width:{width:.2f}%;background:{colour}" '
                f'title="{_e(name)}: {value}">{value}</span>'
            )
    return f'<div class="bar" role="img" aria-label="{_e(label)}">{"".join(cells)}</div>'


def html_text(entries: Sequence[RepoResult]) -> str:
    """The campaign page."""
    total = totals(entries)
    by_status = counts(entries)
    statuses = [*_COLOURS, *sorted(set(by_status) - set(_COLOURS))]
    progress = _bar(
        [(s, by_status.get(s, 0), _COLOURS.get(s, "#bf8700")) for s in statuses],
        len(entries),
        "repositories by outcome",
    )
    legend = " ".join(
        f'<span class="key"><span class="dot" style="background:{_COLOURS.get(s, "#bf8700")}">'
        f"</span>{_e(s)}: {by_status.get(s, 0)}</span>"
        for s in statuses
        if by_status.get(s)
    )
    per_codemod: dict[str, int] = {}
    for e in entries:
        for c in e.codemods:
            if c.get("changes"):
                per_codemod[str(c["code"])] = per_codemod.get(str(c["code"]), 0) + int(c["changes"])
    most = max(per_codemod.values(), default=0)
    codemod_rows = "".join(
        f'<tr class="codemod"><th scope="row">{_e(code)}</th><td>'
        + _bar([(code, n, "#8250df")], most, f"{code} changes")
        + "</td></tr>"
        for code, n in sorted(per_codemod.items())
    )
    rows = "".join(_row(e) for e in entries)
    figures = "".join(
        f'<div class="figure" data-total="{_e(k)}"><b>{v}</b> {_e(k.replace("_", " "))}</div>'
        for k, v in total.items()
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>tffix bulk campaign</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #1f2328; }}
.figures {{ display: flex; gap: 1.5em; flex-wrap: wrap; margin: 1em 0; }}
.figure b {{ font-size: 1.6em; display: block; }}
.bar {{ display: flex; width: 100%; height: 1.4em; background: #eaeef2; border-radius: 4px;
  overflow: hidden; }}
.seg {{ color: #fff; font-size: .8em; text-align: center; line-height: 1.75em; overflow: hidden; }}
.key {{ margin-right: 1em; }}
.dot {{ display: inline-block; width: .8em; height: .8em; border-radius: 50%;
  margin-right: .3em; }}
table {{ border-collapse: collapse; width: 100%; margin-top: 1em; }}
th, td {{ border-bottom: 1px solid #d0d7de; padding: .35em .6em; text-align: left;
  vertical-align: top; }}
table.codemods td {{ width: 80%; }}
.failed {{ background: #ffebe9; }}
code {{ font-size: .9em; }}
</style>
</head>
<body>
<h1>tffix bulk campaign</h1>
<p>tffix {_e(__version__)}, {len(entries)} repositories</p>
<div class="figures">{figures}</div>
<h2>Progress</h2>
{progress}
<p class="legend">{legend}</p>
<h2>Changes per codemod</h2>
<table class="codemods"><tbody>{codemod_rows}</tbody></table>
<h2>Repositories</h2>
<table class="repositories">
<thead><tr><th>repository</th><th>outcome</th><th>pull request</th><th>files</th>
<th>changes per codemod</th><th>manual steps left</th><th>errors</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""


def _row(e: RepoResult) -> str:
    pull = ""
    if e.pull_request:
        pr = e.pull_request
        state = pr.get("state") or pr.get("action") or ""
        pull = _link(pr.get("url"), f"#{pr.get('number', '?')}") + (
            f" {_e(state)}" if state else ""
        )
    changes = ", ".join(
        f"<code>{_e(c.get('code'))}</code>: {int(c.get('changes', 0))}"
        for c in e.codemods
        if c.get("changes")
    )
    manual = 0 if e.status == FAILED else sum(int(c.get("manual", 0)) for c in e.codemods)
    errors = "<br>".join(_e(x) for x in e.errors)
    outcome = _e(e.status) + (" (previous run)" if e.skipped else "")
    css = ' class="failed"' if e.status == FAILED else ""
    return (
        f'<tr{css} data-repo="{_e(e.repo)}" data-status="{_e(e.status)}">'
        f"<td>{_e(e.repo)}</td><td>{outcome}</td><td>{pull}</td><td>{len(e.files)}</td>"
        f"<td>{changes}</td><td>{manual}</td><td>{errors}</td></tr>\n"
    )


def render(entries: Sequence[RepoResult], options: dict[str, Any], output: Path) -> str:
    """The merged report in the format ``output``'s suffix names (.html, .md, .json)."""
    suffix = output.suffix.lower()
    if suffix in (".html", ".htm"):
        return html_text(entries)
    if suffix == ".md":
        return markdown_text(entries)
    if suffix == ".json":
        return json_text(entries, options)
    raise ReportError(f"{output}: write .html, .md or .json")
