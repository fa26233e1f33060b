"""End to end through a real `tffix` process, on temporary copies."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_tffix

KEY = """\
resource "aws_kms_key" "main" {
  description             = "k"
  deletion_window_in_days = 7
}
"""
FIXED = """\
resource "aws_kms_key" "main" {
  description             = "k"
  deletion_window_in_days = 7
  enable_key_rotation     = true
}
"""


def tffix(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_tffix(*args, cwd=cwd)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "main.tf").write_text(KEY, encoding="utf-8")
    return tmp_path


def test_dry_run_prints_a_diff_and_writes_nothing(tree: Path) -> None:
    done = tffix("--dry-run", "a", cwd=tree)
    assert done.returncode == 1, done.stderr
    assert "--- a/a/main.tf\n+++ b/a/main.tf\n" in done.stdout
    assert "+  enable_key_rotation     = true\n" in done.stdout
    assert "a/main.tf:1:1 AWS003" in done.stdout and "[fixable]" in done.stdout
    assert (tree / "a" / "main.tf").read_text() == KEY


@pytest.mark.slow  # several tffix processes
def test_apply_then_nothing_left(tree: Path) -> None:
    path = tree / "a" / "main.tf"
    os.chmod(path, 0o640)
    done = tffix("a", cwd=tree)
    assert done.returncode == 0, done.stderr
    assert path.read_text() == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    again = tffix("--dry-run", "a", cwd=tree)
    assert again.returncode == 0 and "---" not in again.stdout


@pytest.mark.slow  # several tffix processes
def test_crlf_and_bom_survive(tree: Path) -> None:
    path = tree / "a" / "main.tf"
    path.write_bytes(b"\xef\xbb\xbf" + KEY.replace("\n", "\r\n").encode())
    assert tffix("a", cwd=tree).returncode == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode()


def test_json_report(tree: Path) -> None:
    done = tffix("--dry-run", "--format", "json", "a", cwd=tree)
    report = json.loads(done.stdout)
    assert report["schema"] == "tffix.report/1"
    assert report["exit_code"] == done.returncode == 1
    (finding,) = report["findings"]
    assert finding["code"] == "AWS003" and finding["status"] == "fixable"
    assert finding["line"] == 1 and finding["path"].endswith("main.tf")


@pytest.mark.slow  # several tffix processes
def test_broken_module_is_untouched_and_others_are_fixed(tree: Path) -> None:
    (tree / "b").mkdir()
    (tree / "b" / "main.tf").write_text(KEY, encoding="utf-8")
    (tree / "b" / "broken.tf").write_text('resource "x" "y" {\n', encoding="utf-8")
    done = tffix(".", cwd=tree)
    assert done.returncode == 2
    assert "broken.tf:1:18: unexpected end of file" in done.stderr
    assert (tree / "b" / "main.tf").read_text() == KEY  # same module: left alone
    assert (tree / "a" / "main.tf").read_text() == FIXED  # other module: fixed


@pytest.mark.slow  # several tffix processes
def test_unknown_code_is_a_usage_error(tree: Path) -> None:
    done = tffix("--select", "NOPE1", "a", cwd=tree)
    assert done.returncode == 2 and "no codemod 'NOPE1'" in done.stderr
    assert tffix("--ignore", "AWS003", "--dry-run", "a", cwd=tree).returncode == 0


def test_missing_path_is_an_error(tree: Path) -> None:
    done = tffix("nowhere", cwd=tree)
    assert done.returncode == 2 and "no such file or directory" in done.stderr


@pytest.mark.slow  # several tffix processes
def test_symlink_outside_the_tree_is_not_followed(
    tree: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.tf"
    outside.write_text(KEY, encoding="utf-8")
    (tree / "a" / "link.tf").symlink_to(outside)
    assert tffix("a", cwd=tree).returncode == 0
    assert outside.read_text() == KEY


@pytest.mark.slow  # several tffix processes
def test_rules_and_explain(tree: Path) -> None:
    rules = tffix("rules", "--json", cwd=tree)
    assert rules.returncode == 0
    by_code = {row["code"]: row for row in json.loads(rules.stdout)}
    assert by_code["AWS003"]["name"] == "kms-key-rotation"
    assert by_code["AWS003"]["checks"] == ["CKV_AWS_7"]
    explain = tffix("explain", "AWS003", cwd=tree)
    assert explain.returncode == 0 and "CKV_AWS_7" in explain.stdout and "Why:" in explain.stdout
    assert tffix("explain", "ZZZ", cwd=tree).returncode == 2


def test_version_and_help(tree: Path) -> None:
    assert tffix("--version", cwd=tree).stdout.startswith("tffix ")
    help_text = tffix("fix", "--help", cwd=tree).stdout
    assert "--dry-run" in help_text and "Exit status" in help_text


def test_parse_outline_prints_nesting_deeper_than_the_recursion_limit(tmp_path: Path) -> None:
    """The outline was recursive and failed (RecursionError) at depth 984."""
    depth = 3000
    (tmp_path / "deep.tf").write_text("b {\n" * depth + "}\n" * depth)
    done = run_tffix("parse", "--outline", "deep.tf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == depth + 1
    assert lines[-1] == "  " * depth + f"{depth}:1 block b"
