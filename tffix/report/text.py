"""The text report a person reads in a terminal: diffs, findings, a summary line.

Colour follows the conventions other tools share: ``--color always`` and
``never`` win; under ``auto``, a non-empty ``NO_COLOR`` turns it off
(https://no-color.org), a non-empty ``FORCE_COLOR`` turns it on
(https://force-color.org), and otherwise the stream decides (a terminal).
"""

from __future__ import annotations

import os

from tffix.engine.codemod import Status
from tffix.report.paths import display_path
from tffix.report.summary import plural

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TextIO

    from tffix.engine.codemod import Codemod
    from tffix.engine.session import RunReport

_BOLD, _RED, _GREEN, _CYAN, _RESET = "\x1b[1m", "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[0m"


def colour_enabled(choice: str, stream: TextIO | None) -> bool:
    """Whether to colour what goes to ``stream`` (None: a file) for ``--color choice``."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _paint(line: str, colour: str) -> str:
    """``line`` in ``colour``, the line ending outside the escape codes."""
    body = line.rstrip("\r\n")
    return f"{colour}{body}{_RESET}{line[len(body) :]}"


def colour_diff(diff: str) -> str:
    """A unified diff with ANSI colours: headers bold, removals red, additions green."""
    from tffix.cst.write import split_lines  # only with diffs: a cached clean run has none

    out = []
    for line in split_lines(diff):
        if line.startswith(("+++", "---")):
            out.append(_paint(line, _BOLD))
        elif line.startswith("+"):
            out.append(_paint(line, _GREEN))
        elif line.startswith("-"):
            out.append(_paint(line, _RED))
        elif line.startswith("@@"):
            out.append(_paint(line, _CYAN))
        else:
            out.append(line)
    return "".join(out)


def diffs(report: RunReport, *, colour: bool = False) -> str:
    """The unified diff of every file the run changed (or would change)."""
    out = []
    for module in report.modules:
        for file in module.changed_files:
            diff = file.diff(display_path(file.path))
            out.append(colour_diff(diff) if colour else diff)
    return "".join(out)


def summary_line(report: RunReport) -> str:
    """``3 findings; 1 file would change; 0 errors``."""
    unwritten = len(report.unwritten)
    changed = len(report.changed) - unwritten
    verb = "would change" if report.dry_run else "changed"
    not_written = f"; {unwritten} not written (see the errors)" if unwritten else ""
    return (
        f"{plural(len(report.findings), 'finding')}; {plural(changed, 'file')} {verb}"
        f"{not_written}; {plural(len(report.errors), 'error')}"
    )


def hidden_fixes_line(report: RunReport) -> str | None:
    """Ruff's hint for unsafe fixes that were found but not applied."""
    count = report.hidden_fixes
    if not count:
        return None
    verb = "is" if count == 1 else "are"
    return f"{plural(count, 'fix', 'fixes')} {verb} available with --unsafe-fixes"


def statistics(report: RunReport, codemods: Sequence[type[Codemod]]) -> list[str]:
    """One line per code: how many findings, the codemod's name, and their statuses."""
    names = {c.code: c.name for c in codemods}
    by_code: dict[str, list[Status]] = {}
    for finding in report.findings:
        by_code.setdefault(finding.code, []).append(finding.status)
    lines = []
    for code, statuses in sorted(by_code.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        counts = ", ".join(
            f"{statuses.count(s)} {s.value}"
            for s in Status
            if s in statuses and s is not Status.FINE
        )
        lines.append(f"{len(statuses):>5}  {code:<7} {names.get(code, ''):<28} ({counts})")
    return lines


def show_fixes(report: RunReport, codemods: Sequence[type[Codemod]]) -> list[str]:
    """What was fixed (or would be), per file and code, as ``ruff --show-fixes`` lists it."""
    names = {c.code: c.name for c in codemods}
    status = Status.FIXABLE if report.dry_run else Status.FIXED
    hidden = set(report.hidden)
    per_file: dict[str, dict[str, int]] = {}
    total = 0
    for finding in report.findings:
        if finding.status is status and finding.code not in hidden:
            codes = per_file.setdefault(display_path(finding.path), {})
            codes[finding.code] = codes.get(finding.code, 0) + 1
            total += 1
    if not total:
        return []
    head = "Would fix" if report.dry_run else "Fixed"
    lines = [f"{head} {plural(total, 'finding')}:"]
    for path in sorted(per_file):
        lines.append(f"- {path}:")
        for code, count in sorted(per_file[path].items()):
            name = f" ({names[code]})" if code in names else ""
            lines.append(f"    {count} x {code}{name}")
    return lines


def fold(line: str, width: int) -> list[str]:
    """``line`` folded at spaces into lines of at most ``width`` characters, the
    later ones indented by four; a word longer than that (a URL) is never broken,
    so a link stays clickable."""
    import textwrap

    if len(line) <= width:
        return [line]
    return textwrap.wrap(
        line,
        width=width,
        subsequent_indent="    ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def terminal_width(stream: TextIO | None) -> int | None:
    """The width to fold findings to when ``stream`` is a terminal, else None
    (never narrower than 60 columns, where folding would hurt more than help)."""
    import shutil

    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return None
    return max(60, shutil.get_terminal_size().columns)


def text_report(
    report: RunReport,
    codemods: Sequence[type[Codemod]],
    *,
    quiet: bool = False,
    with_statistics: bool = False,
    with_fixes: bool = False,
    width: int | None = None,
) -> str:
    """Findings as ``path:line:col CODE message [status]`` (or statistics), then the summary.

    With ``width`` (a terminal's), a finding longer than that is folded at spaces,
    its later lines indented, since some messages explain a fix in several clauses
    and one 900-character line is hard to read. Piped output keeps one line per
    finding, which is what grep, editors and scripts expect.
    """
    lines = []
    if with_statistics:
        lines.extend(statistics(report, codemods))
    else:
        for f in report.findings:
            line = (
                f"{display_path(f.path)}:{f.line}:{f.column} {f.code} {f.message} "
                f"[{f.status.value}]"
            )
            lines.extend(fold(line, width) if width else [line])
    if with_fixes:
        lines.extend(show_fixes(report, codemods))
    if not quiet:
        lines.append(summary_line(report))
        hint = hidden_fixes_line(report)
        if hint:
            lines.append(hint)
    return "\n".join(lines) + ("\n" if lines else "")
