"""What a run did, per codemod: the numbers behind commit messages, PR titles and descriptions.

A bot that opens fix pull requests (``tffix bulk``), the ``--format
pr-markdown`` report and the GitHub Action all describe the same run, so
they count from one place: a reviewer must never see "3 changes" in the
title and 4 in the body.

A change is a finding the codemod applied (``fixed``) or, in a dry run,
would apply (``fixable``: the runner turns every in-memory fix of a dry run
into ``fixable``, and a real run never reports ``fixable``); ``manual``
findings are counted apart, since they change nothing.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass

from tffix.engine.codemod import Status
from tffix.report.paths import display_path as display_path  # re-exported

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    from tffix.engine.codemod import Codemod, Finding
    from tffix.engine.session import RunReport

SUBJECT_LIMIT = 72  # git's convention for a subject line; GitHub folds longer ones


@dataclass(frozen=True)
class CodemodSummary:
    """One codemod's share of a run."""

    code: str
    name: str
    summary: str
    safety: str  # "safe" | "unsafe" ("unknown" for a finding of a codemod not passed in)
    checks: tuple[str, ...]  # scanner check IDs the codemod satisfies
    files: tuple[str, ...]  # paths of its changes, relative to root when given, sorted
    changes: int  # fixed (or, in a dry run, fixable) findings
    manual: int  # findings left for a person


def _shown(path: str, root: str | None) -> str:
    """Relative to ``root`` when one is given; else as the run named it."""
    return display_path(path, root) if root is not None else path.replace(os.sep, "/")


def is_change(finding: Finding, hidden: Collection[str] = ()) -> bool:
    """True for a finding that changed (or, in a dry run, would change) the code. A
    ``fixable`` finding of a codemod that ran for findings only (``hidden``: an unsafe
    codemod without --unsafe-fixes) changed nothing and will not: a person decides."""
    if finding.status is Status.MANUAL:
        return False
    return not (finding.status is Status.FIXABLE and finding.code in hidden)


def summarize(
    report: RunReport, codemods: Sequence[type[Codemod]], *, root: str | None = None
) -> list[CodemodSummary]:
    """One entry per codemod with at least one finding, in codemod order.

    Findings of a code that is not in ``codemods`` (a report made with
    another selection) still get an entry, after the others, so that no
    change goes uncounted.
    """
    by_code: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_code.setdefault(finding.code, []).append(finding)
    known = {c.code: c for c in codemods}
    order = [c.code for c in codemods if c.code in by_code]
    order += sorted(code for code in by_code if code not in known)
    out = []
    for code in order:
        found = by_code[code]
        changes = [f for f in found if is_change(f, report.hidden)]
        cls = known.get(code)
        out.append(
            CodemodSummary(
                code=code,
                name=cls.name if cls else "",
                summary=cls.summary if cls else "",
                safety=cls.safety.value if cls else "unknown",
                checks=tuple(cls.checks) if cls else (),
                files=tuple(sorted({_shown(f.path, root) for f in changes})),
                changes=len(changes),
                manual=len(found) - len(changes),
            )
        )
    return out


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 change``, ``2 changes``: counts in messages people read."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def _codes_line(prefix: str, codes: Sequence[str], suffix: str, limit: int) -> str:
    """``prefix`` + as many codes as fit in ``limit`` characters (``and N more`` for the rest)."""
    if not codes:
        return f"{prefix.split(':')[0]}: nothing to fix"
    for shown in range(len(codes), 0, -1):
        rest = len(codes) - shown
        listed = ", ".join(codes[:shown]) + (f" and {rest} more" if rest else "")
        line = f"{prefix}{listed}{suffix}"
        if len(line) <= limit:
            return line
    return f"{prefix}{len(codes)} codemods{suffix}"[:limit]


def _headline_codes(summaries: Sequence[CodemodSummary]) -> list[str]:
    """Codes of the codemods that changed something, or of all when none did."""
    changed = [s.code for s in summaries if s.changes]
    return changed or [s.code for s in summaries]


def changed_file_count(report: RunReport, summaries: Sequence[CodemodSummary]) -> int:
    """Files the run changed, counting files codemods created (no finding points at those)."""
    return len(report.changed) or len({p for s in summaries for p in s.files})


def commit_message(
    report: RunReport, codemods: Sequence[type[Codemod]], *, root: str | None = None
) -> str:
    """A commit message: subject, blank line, one line per codemod (no trailing newline).

    The subject (``tffix: AWS003, TF001``, at most 72 characters) names the
    codemods that changed code; the body says how much each changed and,
    last, how many findings are left for a person, so ``git log`` alone
    tells a reviewer what the commit is.
    """
    summaries = summarize(report, codemods, root=root)
    subject = _codes_line("tffix: ", _headline_codes(summaries), "", SUBJECT_LIMIT)
    body = []
    for s in summaries:
        if not s.changes:
            continue  # only findings: counted in the last line, not as a change
        label = f"{s.code} {s.name}".rstrip()
        body.append(f"{label}: {plural(s.changes, 'change')} in {plural(len(s.files), 'file')}")
    manual = [s for s in summaries if s.manual]
    if manual:
        total = sum(s.manual for s in manual)
        detail = ", ".join(f"{s.code} {s.manual}" for s in manual)
        body.append(f"Left for a person: {plural(total, 'finding')} ({detail})")
    if not body:
        return subject
    return subject + "\n\n" + "\n".join(body)


def pr_title(
    report: RunReport, codemods: Sequence[type[Codemod]], *, root: str | None = None
) -> str:
    """``tffix: fix AWS003, TF001 (3 files)``: short enough for a pull request list."""
    summaries = summarize(report, codemods, root=root)
    count = changed_file_count(report, summaries)
    suffix = f" ({plural(count, 'file')})" if count else ""
    return _codes_line("tffix: fix ", _headline_codes(summaries), suffix, SUBJECT_LIMIT)


def reproduce_command(
    paths: Sequence[str | os.PathLike[str]],
    *,
    dry_run: bool = False,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    unsafe_fixes: bool = False,
    config: str | os.PathLike[str] | None = None,
    extend_select: Sequence[str] = (),
) -> str:
    """The command that makes the same changes, for a PR description to show.

    Only the options that decide what changes are kept (not the output
    format, jobs, colour or cache), in a fixed order, so the same run is
    described by the same command whichever way its options were spelled.
    """
    argv = ["tffix"]
    if dry_run:
        argv.append("--dry-run")
    for option, values in (
        ("--select", select),
        ("--extend-select", extend_select),
        ("--ignore", ignore),
    ):
        for value in values:
            argv += [option, value]
    if unsafe_fixes:
        argv.append("--unsafe-fixes")
    if config is not None:
        argv += ["--config", str(config)]
    return shlex.join([*argv, *(str(p) for p in paths)])
