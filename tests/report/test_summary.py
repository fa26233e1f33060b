"""Per-codemod counts, commit messages and PR titles, from real runs on temporary copies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tffix.engine.codemod import Finding, Status
from tffix.engine.runner import ModuleResult
from tffix.engine.session import RunReport, run, select_codemods
from tffix.report import CodemodSummary, commit_message, pr_title, summarize
from tffix.report.summary import SUBJECT_LIMIT, display_path

if TYPE_CHECKING:
    from pathlib import Path

CODEMODS = select_codemods()


def expected(dry_run: bool) -> list[CodemodSummary]:
    del dry_run  # the same numbers either way: that is the point
    aws003, aws008, aws009 = (c for c in CODEMODS if c.code in ("AWS003", "AWS008", "AWS009"))
    return [
        CodemodSummary(
            "AWS003",
            "kms-key-rotation",
            aws003.summary,
            "safe",
            ("CKV_AWS_7",),
            ("keys/main.tf", "s3-kms/main.tf"),
            changes=2,
            manual=1,
        ),
        CodemodSummary(
            "AWS008",
            "s3-bucket-baseline",
            aws008.summary,
            "safe",
            aws008.checks,
            ("s3-kms/main.tf",),
            changes=1,
            manual=0,
        ),
        CodemodSummary(
            "AWS009",
            "log-group-retention",
            aws009.summary,
            "safe",
            aws009.checks,
            ("s3-kms/main.tf",),
            changes=1,
            manual=0,
        ),
    ]


def test_dry_run_counts_fixable_findings(infra: Path) -> None:
    report = run([infra], CODEMODS, dry_run=True, jobs=1)
    statuses = {f.status for f in report.findings}
    assert statuses == {Status.FIXABLE, Status.MANUAL}  # a dry run never says "fixed"
    assert summarize(report, CODEMODS, root=str(infra)) == expected(dry_run=True)


def test_real_run_counts_fixed_findings(infra: Path) -> None:
    report = run([infra], CODEMODS, jobs=1)
    statuses = {f.status for f in report.findings}
    assert statuses == {Status.FIXED, Status.MANUAL}  # a real run never says "fixable"
    assert len(report.written) == 2
    assert summarize(report, CODEMODS, root=str(infra)) == expected(dry_run=False)
    # Nothing left but the finding for a person: no entry counts a change.
    again = summarize(run([infra], CODEMODS, jobs=1), CODEMODS, root=str(infra))
    assert [(s.code, s.changes, s.manual, s.files) for s in again] == [("AWS003", 0, 1, ())]


def test_paths_without_root_are_as_given(infra: Path) -> None:
    report = run([infra], CODEMODS, dry_run=True, jobs=1)
    (aws003, *_rest) = summarize(report, CODEMODS)
    assert aws003.files == tuple(sorted(str(infra / m / "main.tf") for m in ("keys", "s3-kms")))


def test_codemod_order_and_unknown_codes() -> None:
    findings = [
        Finding("ZZZ999", "from a plug-in not passed in", "b.tf", 1, 1, Status.FIXED),
        Finding("AWS009", "retention", "a.tf", 3, 1, Status.FIXED),
        Finding("AWS003", "rotation", "a.tf", 1, 1, Status.FIXED),
    ]
    report = RunReport(modules=[ModuleResult(".", findings=findings)])
    summaries = summarize(report, CODEMODS)
    assert [s.code for s in summaries] == ["AWS003", "AWS009", "ZZZ999"]
    assert summaries[-1] == CodemodSummary("ZZZ999", "", "", "unknown", (), ("b.tf",), 1, 0)


def test_display_path(tmp_path: Path) -> None:
    inside = tmp_path / "a" / "main.tf"
    assert display_path(str(inside), str(tmp_path)) == "a/main.tf"
    assert display_path(str(inside), str(tmp_path / "b")) == str(inside).replace("\\", "/")
    assert display_path("a/main.tf", None) == "a/main.tf"


def test_commit_message(infra: Path) -> None:
    report = run([infra], CODEMODS, jobs=1)
    assert commit_message(report, CODEMODS, root=str(infra)) == (
        "tffix: AWS003, AWS008, AWS009\n"
        "\n"
        "AWS003 kms-key-rotation: 2 changes in 2 files\n"
        "AWS008 s3-bucket-baseline: 1 change in 1 file\n"
        "AWS009 log-group-retention: 1 change in 1 file\n"
        "Left for a person: 1 finding (AWS003 1)"
    )


def test_pr_title(infra: Path) -> None:
    report = run([infra], CODEMODS, dry_run=True, jobs=1)
    assert pr_title(report, CODEMODS) == "tffix: fix AWS003, AWS008, AWS009 (2 files)"
    assert pr_title(RunReport(), CODEMODS) == "tffix: nothing to fix"


def test_long_subjects_name_the_rest_by_count() -> None:
    findings = [Finding(c.code, "x", f"{c.code}.tf", 1, 1, Status.FIXED) for c in CODEMODS]
    report = RunReport(modules=[ModuleResult(".", findings=findings)])
    subject = commit_message(report, CODEMODS).split("\n")[0]
    assert len(subject) <= SUBJECT_LIMIT
    assert subject.startswith("tffix: AWS001, AWS002, ") and subject.endswith(" more")
    shown = subject.removeprefix("tffix: ").split(" and ")[0].split(", ")
    rest = int(subject.split(" and ")[1].split()[0])
    assert len(shown) + rest == len(CODEMODS)
    title = pr_title(report, CODEMODS)
    assert len(title) <= SUBJECT_LIMIT and title.endswith(f" ({len(CODEMODS)} files)")


def test_only_manual_findings_still_name_the_codemod() -> None:
    findings = [Finding("AWS003", "by hand", "a.tf", 1, 1, Status.MANUAL)]
    report = RunReport(modules=[ModuleResult(".", findings=findings)])
    assert commit_message(report, CODEMODS) == (
        "tffix: AWS003\n\nLeft for a person: 1 finding (AWS003 1)"
    )  # no "0 changes" line: only codemods that changed code get one
