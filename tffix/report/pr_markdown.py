"""A pull request description for a tffix run, in GitHub-flavoured Markdown.

A fix PR is merged only when a reviewer trusts it, and a reviewer's time goes
to the parts that can hurt: so the description leads with a table of what
each codemod did, says why each fix matters, lists for every codemod the
places it changed (with a warning on the unsafe ones, whose changes may
replace or rename real infrastructure), the ``moved``/``import``/``removed``
blocks that will change Terraform state, and the findings left for a person
as a checklist. The diffs come last, collapsed, and the command that
reproduces the change closes the body, so anyone can check the bot's work.

GitHub refuses a body over 65536 characters; the largest diffs are left out
first (the note says which), then the per-codemod lists get shorter. The
output depends only on the run and the arguments, so a bot that rewrites the
body of an open PR changes it only when the fix changed.
"""

from __future__ import annotations

import html
import re
import shlex

from tffix.cst.write import split_lines
from tffix.report.summary import (
    changed_file_count,
    display_path,
    is_change,
    plural,
    summarize,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from tffix.engine.codemod import Codemod, Finding
    from tffix.engine.runner import FileResult
    from tffix.engine.session import RunReport

LIMIT = 60_000  # GitHub's limit is 65536 characters; leave room for a bot's own lines
LIST_CAPS = (25, 10, 3, 0)  # items per list, tried in turn until the body fits
STATE_BLOCKS = ("moved", "import", "removed")
_NOTE_MARGIN = 10_000
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
# Markdown that a message could trigger by accident: emphasis, links, HTML
# tags and entities, table cells, strike-through; "_" only at a word's edge,
# since GitHub never reads var.project_name's underscores as emphasis.
_PUNCTUATION = re.compile(r"([\\*\[\]<>|~&]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")


def fence(text: str, info: str = "") -> str:
    """``text`` in a fenced code block that nothing inside it can close.

    A diff of a Markdown heredoc can hold a line of backticks (a context line
    is a space and the text, and a fence may be indented), so the fence is
    one backtick longer than the longest run in the text.
    """
    runs = [len(r) for r in re.findall(r"`+", text)]
    ticks = "`" * max(3, max(runs, default=0) + 1)
    body = text if text.endswith("\n") or not text else text + "\n"
    return f"{ticks}{info}\n{body}{ticks}"


def code(text: str) -> str:
    """An inline code span for any text (paths may hold backticks)."""
    runs = [len(r) for r in re.findall(r"`+", text)]
    ticks = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _escape(text: str) -> str:
    return _PUNCTUATION.sub(r"\\\1", text).replace("`", "\\`")


def inline(text: str) -> str:
    """A finding message as one line of Markdown: its code spans kept, the rest escaped.

    Messages quote HCL in backticks, which should render as code, but also
    say things like ``logs.<region>.amazonaws.com``, which GitHub would
    swallow as an HTML tag.
    """
    text = " ".join(text.split())
    out = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_escape(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_escape(text[last:]))
    return "".join(out)


def first_paragraph(explanation: str) -> str:
    """The "Why: ..." paragraph a codemod's explanation starts with, on one line."""
    for paragraph in explanation.strip().split("\n\n"):
        text = " ".join(paragraph.split())
        if text:
            return text.removeprefix("Why:").strip()
    return ""


def _diff_stats(diff: str) -> tuple[int, int]:
    lines = split_lines(diff)[2:]  # after the ---/+++ header
    added = sum(1 for line in lines if line.startswith("+"))
    removed = sum(1 for line in lines if line.startswith("-"))
    return added, removed


def _state_blocks(file: FileResult, shown: str) -> list[str]:
    """One line per ``moved``/``import``/``removed`` block the change adds to ``file``."""
    from tffix.syntax.errors import ParseError
    from tffix.syntax.parser import parse

    def blocks(text: str) -> list[tuple[str, int, str, dict[str, str]]]:
        try:
            module = parse(text, path=file.path)
        except ParseError:
            return []
        found = []
        for block in module.body.blocks:
            if block.type in STATE_BLOCKS:
                values = {a.name: " ".join(a.value.code.split()) for a in block.body.attributes}
                found.append((block.type, block.line, " ".join(block.code.split()), values))
        return found

    before = [b[2] for b in blocks(file.original)]
    out = []
    for kind, line, text, values in blocks(file.new):
        if text in before:
            before.remove(text)
            continue
        if kind == "moved":
            what = f"{code(values.get('from', '?'))} → {code(values.get('to', '?'))}"
        elif kind == "import":
            what = f"{code(values.get('id', '?'))} into {code(values.get('to', '?'))}"
        else:
            what = f"{code(values.get('from', '?'))} leaves the state"
        out.append(f"- {code(f'{shown}:{line}')} {code(kind)}: {what}")
    return out


def _capped(items: list[str], cap: int | None, what: str) -> list[str]:
    if cap is None or len(items) <= cap:
        return items
    rest = len(items) - cap
    return [*items[:cap], f"- … and {plural(rest, 'more ' + what, 'more ' + what + 's')}"]


class _Document:
    """The parts of the description, rendered again with fewer diffs or shorter lists."""

    def __init__(
        self,
        report: RunReport,
        codemods: Sequence[type[Codemod]],
        command: str,
        root: str | None,
    ) -> None:
        self.report = report
        self.hidden = set(report.hidden)  # codemods that ran for findings only
        self.command = command
        self.root = root
        self.summaries = summarize(report, codemods, root=root)
        self.classes = {c.code: c for c in codemods}
        self.findings: dict[str, list[Finding]] = {}
        for finding in report.findings:
            self.findings.setdefault(finding.code, []).append(finding)
        self.diffs: list[tuple[str, str]] = []  # (shown path, <details> block)
        self.state: list[str] = []
        for module in report.modules:
            for file in module.changed_files:
                shown = display_path(file.path, root)
                diff = file.diff(shown)
                added, removed = _diff_stats(diff)
                created = " (new file)" if file.created else ""
                block = (
                    f"<details>\n<summary><code>{html.escape(shown)}</code>{created} "
                    f"(+{added} -{removed})</summary>\n\n{fence(diff, 'diff')}\n\n</details>"
                )
                self.diffs.append((shown, block))
                self.state.extend(_state_blocks(file, shown))

    def where(self, finding: Finding) -> str:
        return code(f"{display_path(finding.path, self.root)}:{finding.line}")

    def head(self) -> list[str]:
        changes = sum(s.changes for s in self.summaries)
        manual = sum(s.manual for s in self.summaries)
        files = changed_file_count(self.report, self.summaries)
        fixing = [s for s in self.summaries if s.changes]
        verb = "would make" if self.report.dry_run else "made"
        if changes:
            line = (
                f"tffix {verb} {plural(changes, 'change')} in {plural(files, 'file')} "
                f"with {plural(len(fixing), 'codemod')}"
            )
        else:
            line = "tffix changed nothing"
        if manual:
            line += f"; {plural(manual, 'finding')} {'needs' if manual == 1 else 'need'} a person"
        out = ["## tffix", "", line + "."]
        if self.report.errors:
            out += ["", "> [!CAUTION]", "> Some modules could not be processed and are unchanged:"]
            out += [f"> - {inline(e)}" for e in self.report.errors]
        return out

    def table(self) -> list[str]:
        if not self.summaries:
            return []
        out = [
            "",
            "| Codemod | Files | Changes | Manual | Safety | Checks satisfied |",
            "| --- | ---: | ---: | ---: | --- | --- |",
        ]
        for s in self.summaries:
            label = f"{code(s.code)} {inline(s.name)}".rstrip()
            safety = "**unsafe**" if s.safety == "unsafe" else s.safety
            checks = ", ".join(inline(c) for c in s.checks) or "—"
            out.append(
                f"| {label} | {len(s.files)} | {s.changes} | {s.manual} | {safety} | {checks} |"
            )
        return out

    def sections(self, cap: int | None) -> list[str]:
        out: list[str] = []
        for s in self.summaries:
            cls = self.classes.get(s.code)
            out += ["", f"### {code(s.code)} {inline(s.name)}".rstrip()]
            if s.summary:
                out += ["", inline(s.summary.rstrip(".")) + "."]
            why = first_paragraph(cls.explanation) if cls is not None else ""
            if why:
                out += ["", f"**Why it matters:** {inline(why)}"]
            found = self.findings.get(s.code, [])
            changes = [f for f in found if is_change(f, self.hidden)]
            if s.safety == "unsafe" and changes:
                out += [
                    "",
                    "> [!WARNING]",
                    "> Unsafe codemod: these changes may replace or rename real infrastructure. "
                    "Read `terraform plan` for each affected stack before merging.",
                ]
            if changes:
                title = "What it replaces or renames" if s.safety == "unsafe" else "What changed"
                items = [f"- {self.where(f)} {inline(f.message)}" for f in changes]
                out += ["", f"**{title}** (review these):", "", *_capped(items, cap, "change")]
            if s.manual:
                out += ["", f"{plural(s.manual, 'finding')} to handle by hand: see the checklist."]
        return out

    def state_section(self, cap: int | None) -> list[str]:
        if not self.state:
            return []
        return [
            "",
            "### Terraform state",
            "",
            "Blocks this change adds or rewrites that tell `terraform apply` what to do with "
            "existing state; check each:",
            "",
            *_capped(self.state, cap, "block"),
        ]

    def checklist(self, cap: int | None) -> list[str]:
        items = [
            f"- [ ] {code(s.code)} {self.where(f)} {inline(f.message)}"
            for s in self.summaries
            for f in self.findings.get(s.code, [])
            if not is_change(f, self.hidden)
        ]
        if not items:
            return []
        return ["", "### Left for a person", "", *_capped(items, cap, "finding")]

    def reproduce(self) -> list[str]:
        return ["", "### Reproduce", "", fence(self.command + "\n", "sh")]

    def diff_section(self, omitted: set[str]) -> list[str]:
        if not self.diffs:
            return []
        out = ["", "### Diffs"]
        for shown, block in self.diffs:
            if shown not in omitted:
                out += ["", block]
        if omitted:
            names = sorted(omitted)
            listed = ", ".join(code(n) for n in names[:20])
            if len(names) > 20:
                listed += f" and {len(names) - 20} more"
            try:
                dry = "--dry-run" in shlex.split(self.command)
            except ValueError:
                dry = False
            how = "run the command above" + ("" if dry else " with `--dry-run`")
            out += [
                "",
                "> [!NOTE]",
                f"> Not shown, to keep this description within GitHub's size limit: the diffs "
                f"of {listed}. See them in the *Files changed* tab, or {how}.",
            ]
        return out

    def footer(self) -> list[str]:
        from tffix import __version__

        return ["", "---", "", f"<sub>Generated by tffix {html.escape(__version__)}.</sub>", ""]

    def render(self, omitted: set[str], cap: int | None) -> str:
        parts = [
            *self.head(),
            *self.table(),
            *self.sections(cap),
            *self.state_section(cap),
            *self.checklist(cap),
            *self.reproduce(),
            *self.diff_section(omitted),
            *self.footer(),
        ]
        return "\n".join(parts)


def pr_markdown(
    report: RunReport,
    codemods: Sequence[type[Codemod]],
    *,
    command: str,
    root: str | None = None,
    limit: int = LIMIT,
) -> str:
    """The description of a pull request that carries ``report``'s changes.

    ``command`` is shown as the way to reproduce them; paths are relative to
    ``root`` when given. The result is at most ``limit`` characters unless
    even the shortest form (no diffs, no lists) is longer.
    """
    doc = _Document(report, codemods, command, root)
    omitted: set[str] = set()
    text = doc.render(omitted, LIST_CAPS[0])
    # Largest diffs first (ties by path, for the same output every time).
    # Rendering again after each one would be quadratic in a large campaign:
    # subtract each block's size and render only near the limit (the note
    # naming the omitted files grows by at most a few kilobytes).
    by_size = sorted(doc.diffs, key=lambda d: (-len(d[1]), d[0]))
    size = len(text)
    for shown, block in by_size:
        if size <= limit:
            break
        omitted.add(shown)
        size -= len(block) + 2  # the block and the blank line before it
        if size <= limit + _NOTE_MARGIN:
            text = doc.render(omitted, LIST_CAPS[0])
            size = len(text)
    if omitted:
        text = doc.render(omitted, LIST_CAPS[0])
    for cap in LIST_CAPS[1:]:
        if len(text) <= limit:
            break
        text = doc.render(omitted, cap)
    return text
