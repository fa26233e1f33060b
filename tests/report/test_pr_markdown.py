"""The pull request description: its structure read back with a CommonMark parser,
its diffs, fences, size limit and determinism, and ``tffix --format pr-markdown``."""

from __future__ import annotations

import re
import subprocess
from typing import TYPE_CHECKING

import pytest

from tests.conftest import REPO, run_tffix
from tffix.engine.codemod import Finding, Status
from tffix.engine.runner import FileResult, ModuleResult
from tffix.engine.session import RunReport, run, select_codemods
from tffix.report import pr_markdown, summarize
from tffix.report.pr_markdown import LIMIT, code, fence, first_paragraph, inline
from tffix.report.summary import display_path

if TYPE_CHECKING:
    from pathlib import Path

markdown_it = pytest.importorskip("markdown_it")  # a test extra

CODEMODS = select_codemods()
UNSAFE = select_codemods(unsafe=True)
COMMAND = "tffix --dry-run infra"


def parse(text: str) -> list:
    return markdown_it.MarkdownIt("commonmark").enable("table").parse(text)


def code_blocks(text: str, info: str) -> list[str]:
    return [t.content for t in parse(text) if t.type == "fence" and t.info == info]


def table_rows(text: str) -> list[list[str]]:
    """The cells of the summary table's body, as rendered text."""
    tokens = parse(text)
    rows: list[list[str]] = []
    in_body = False
    for token in tokens:
        if token.type == "tbody_open":
            in_body = True
        elif token.type == "tbody_close":
            in_body = False
        elif in_body and token.type == "tr_open":
            rows.append([])
        elif in_body and token.type == "inline":
            rows[-1].append("".join(c.content for c in token.children or []))
    return rows


def details(text: str) -> dict[str, str]:
    """Path shown in each ``<details>`` summary -> the diff in the code block after it."""
    out = {}
    tokens = parse(text)
    for i, token in enumerate(tokens):
        match = re.search(r"<summary><code>(.*?)</code>", token.content)
        if token.type == "html_block" and match:
            following = tokens[i + 1]
            assert following.type == "fence" and following.info == "diff"
            out[match.group(1)] = following.content
    return out


def changed_files(report: RunReport) -> list[FileResult]:
    return [f for m in report.modules for f in m.changed_files]


@pytest.fixture
def dry(infra: Path) -> RunReport:
    return run([infra], CODEMODS, dry_run=True, jobs=1)


def test_table_rows_match_the_findings(dry: RunReport, infra: Path) -> None:
    text = pr_markdown(dry, CODEMODS, command=COMMAND, root=str(infra))
    rows = table_rows(text)
    summaries = summarize(dry, CODEMODS, root=str(infra))
    assert [r[0] for r in rows] == [f"{s.code} {s.name}" for s in summaries]
    for row, s in zip(rows, summaries, strict=True):
        assert row[1:5] == [str(len(s.files)), str(s.changes), str(s.manual), s.safety]
        assert row[5] == ", ".join(s.checks)
    assert sum(int(r[2]) for r in rows) == sum(f.status is Status.FIXABLE for f in dry.findings)
    assert sum(int(r[3]) for r in rows) == sum(f.status is Status.MANUAL for f in dry.findings)


def test_sections_say_why_and_list_every_finding(dry: RunReport, infra: Path) -> None:
    text = pr_markdown(dry, CODEMODS, command=COMMAND, root=str(infra))
    for cls in (c for c in CODEMODS if c.code in ("AWS003", "AWS008", "AWS009")):
        assert f"### `{cls.code}` {cls.name}\n" in text
        assert f"**Why it matters:** {inline(first_paragraph(cls.explanation))}" in text
    for finding in dry.findings:
        where = code(f"{display_path(finding.path, str(infra))}:{finding.line}")
        line = f"{where} {inline(finding.message)}"
        if finding.status is Status.MANUAL:
            assert f"- [ ] `{finding.code}` {line}\n" in text
        else:
            assert f"- {line}\n" in text
    assert "[!WARNING]" not in text  # no unsafe codemod ran


def test_every_changed_file_has_its_diff(dry: RunReport, infra: Path) -> None:
    text = pr_markdown(dry, CODEMODS, command=COMMAND, root=str(infra))
    files = changed_files(dry)
    assert len(files) == 2
    shown = {display_path(f.path, str(infra)): f for f in files}
    assert details(text) == {name: f.diff(name) for name, f in shown.items()}
    lines = shown["s3-kms/main.tf"].diff("s3-kms/main.tf").splitlines()
    added = sum(1 for line in lines if line.startswith("+") and not line.startswith("+++"))
    removed = sum(1 for line in lines if line.startswith("-") and not line.startswith("---"))
    assert (added, removed) > (20, 0)  # the example gets a real fix
    assert f"<summary><code>s3-kms/main.tf</code> (+{added} -{removed})</summary>" in text


def test_reproduce_block_and_footer(dry: RunReport, infra: Path) -> None:
    from tffix import __version__

    command = "tffix --dry-run --select 'AWS003 x' infra"
    text = pr_markdown(dry, CODEMODS, command=command, root=str(infra))
    assert code_blocks(text, "sh") == [command + "\n"]
    assert text.index("### Reproduce") < text.index("### Diffs")
    assert text.endswith(f"<sub>Generated by tffix {__version__}.</sub>\n")


def test_deterministic(infra: Path) -> None:
    first = run([infra], CODEMODS, dry_run=True, jobs=1)
    again = run([infra], CODEMODS, dry_run=True, jobs=2)  # cached or in workers: same report
    texts = {
        pr_markdown(r, CODEMODS, command=COMMAND, root=str(infra)) for r in (first, first, again)
    }
    assert len(texts) == 1


def synthetic(files: dict[str, tuple[str, str]], findings: list[Finding]) -> RunReport:
    module = ModuleResult(
        ".",
        files=[FileResult(path, old, new) for path, (old, new) in files.items()],
        findings=findings,
    )
    return RunReport(modules=[module], dry_run=True)


def test_a_diff_with_backticks_cannot_close_its_fence() -> None:
    old = "locals {\n  doc = <<EOT\n```\nx\n   ````\nEOT\n}\n"
    new = old.replace("x\n", "y\n")
    report = synthetic(
        {"doc.tf": (old, new)}, [Finding("TF001", "x -> y", "doc.tf", 4, 1, Status.FIXABLE)]
    )
    text = pr_markdown(report, CODEMODS, command="tffix --dry-run .", root=None)
    diff = FileResult("doc.tf", old, new).diff("doc.tf")
    assert " ```\n" in diff and "    ````\n" in diff  # context lines that could close a fence
    assert details(text) == {"doc.tf": diff}
    assert "`````diff\n" in text
    assert fence("a\n", "sh") == "```sh\na\n```"
    assert code("a`b") == "``a`b``" and code("`a") == "`` `a ``"


def test_messages_are_escaped_but_keep_their_code() -> None:
    assert inline("logs.<region>.amazonaws.com") == r"logs.\<region\>.amazonaws.com"
    assert inline("set `var.a_b` to *x* | _y_") == r"set `var.a_b` to \*x\* \| \_y\_"
    assert inline("a_b_c [link](x) & b\nc") == r"a_b_c \[link\](x) \& b c"
    assert inline("`unclosed") == r"\`unclosed"


def big_report(count: int, size: int) -> RunReport:
    files = {}
    findings = []
    for i in range(count):
        path = f"m{i}/main.tf"
        old = "".join(f'resource "null_resource" "r{i}_{j}" {{}}\n' for j in range(size * (i + 1)))
        files[path] = (old, old.replace("{}", "{ }"))
        findings.append(Finding("TF001", "formatted", path, 1, 1, Status.FIXABLE))
    return synthetic(files, findings)


def test_largest_diffs_are_dropped_to_fit_the_limit() -> None:
    report = big_report(4, 40)  # diffs of 3, 6, 9 and 12 kB
    full = pr_markdown(report, CODEMODS, command="tffix --dry-run .")
    assert len(full) < LIMIT and "[!NOTE]" not in full
    limit = len(full) - 15000  # more than the largest diff alone
    text = pr_markdown(report, CODEMODS, command="tffix --dry-run .", limit=limit)
    assert len(text) <= limit
    assert set(details(text)) == {"m0/main.tf", "m1/main.tf"}  # the two largest went
    note = text[text.index("[!NOTE]") :]
    assert "`m2/main.tf`, `m3/main.tf`" in note and "*Files changed* tab" in note
    assert "run the command above." in note  # it has --dry-run already


@pytest.mark.slow  # a huge generated change
def test_default_limit_holds_for_a_huge_change() -> None:
    report = big_report(3, 800)  # each diff alone is larger than GitHub allows
    text = pr_markdown(report, CODEMODS, command="tffix .")
    assert len(text) <= LIMIT
    assert details(text) == {}
    assert "run the command above with `--dry-run`" in text
    assert text.count("- `m") == 3  # the changes are still listed


def test_unsafe_codemods_get_a_warning_and_state_blocks_are_listed(tmp_path: Path) -> None:
    import shutil

    (tmp_path / "m").mkdir()
    shutil.copy(
        REPO / "corpus" / "TF005" / "import_existing" / "s3_object_removed_import.before.tf",
        tmp_path / "m" / "main.tf",
    )
    shutil.copy(REPO / "corpus" / "AWS012" / "open_choice.before.tf", tmp_path / "m" / "table.tf")
    codemods = [c for c in UNSAFE if c.code in ("AWS012", "TF005")]
    # The removed + import pair is TF005's opt-in (the object must already exist).
    options = {"TF005": {"import_existing": True}}
    report = run([tmp_path], codemods, dry_run=True, jobs=1, options=options)
    text = pr_markdown(report, codemods, command="tffix --dry-run .", root=str(tmp_path))
    aws012 = text[text.index("### `AWS012`") : text.index("### `TF005`")]
    assert "> [!WARNING]" in aws012 and "**What it replaces or renames**" in aws012
    assert "> [!WARNING]" not in text[text.index("### `TF005`") :]  # TF005 is safe
    state = text[text.index("### Terraform state") :].split("\n\n###")[0]
    assert "`removed`: `aws_s3_bucket_object.readme` leaves the state" in state
    assert '`import`: `"${aws_s3_bucket.docs.id}/readme.txt"` into `aws_s3_object.readme`' in (
        state
    )


def tffix(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_tffix(*args, cwd=cwd)


def test_cli_format_pr_markdown(infra: Path) -> None:
    done = tffix(
        "--format", "pr-markdown", "--dry-run", "-j", "1", "--select", "AWS003", "infra",
        cwd=infra.parent,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr  # changes pending, as with every format
    text = done.stdout
    assert text.startswith("## tffix\n\ntffix would make 2 changes in 2 files with 1 codemod;")
    # The command, normalised: the options that decide the change, in a fixed order.
    assert code_blocks(text, "sh") == ["tffix --dry-run --select AWS003 infra\n"]
    assert set(details(text)) == {"keys/main.tf", "s3-kms/main.tf"}  # relative to infra/
    assert (infra / "keys" / "main.tf").read_text() == (
        REPO / "corpus" / "AWS003" / "plain.before.tf"
    ).read_text()


@pytest.mark.slow  # tffix processes
def test_cli_real_run_with_pr_markdown_writes_and_describes(infra: Path) -> None:
    out = infra.parent / "pr.md"
    done = tffix(
        "infra/keys/main.tf", "infra/s3-kms", "--format", "pr-markdown", "-o", str(out),
        cwd=infra.parent,
    )  # fmt: skip
    # AWS004 (unsafe) reports the log group's key policy without --unsafe-fixes: not a
    # change, a finding for a person, and the run exits 1.
    assert done.returncode == 1, done.stderr
    text = out.read_text(encoding="utf-8")
    assert "tffix made 4 changes in 2 files with 3 codemods; 1 finding needs a person." in text
    assert "- [ ] `AWS004` `s3-kms/main.tf:20`" in text
    assert code_blocks(text, "sh") == ["tffix infra/keys/main.tf infra/s3-kms\n"]
    assert set(details(text)) == {"keys/main.tf", "s3-kms/main.tf"}
    assert "enable_key_rotation" in (infra / "keys" / "main.tf").read_text()


def test_many_diffs_dropped_largest_first() -> None:
    report = big_report(60, 2)  # sizes grow with the index
    text = pr_markdown(report, CODEMODS, command="tffix --dry-run .", limit=20_000)
    assert 15_000 < len(text) <= 20_000
    kept = sorted(int(name[1:].split("/")[0]) for name in details(text))
    assert kept == list(range(len(kept))) and 0 < len(kept) < 60
    assert "and " in text[text.index("[!NOTE]") :]  # more than twenty names: the rest counted
