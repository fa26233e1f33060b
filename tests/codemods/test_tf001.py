"""TF001 and legacy quoted types: where the fix differs from ``terraform fmt``, and why.

``terraform fmt`` turns ``type = "map"`` into ``map(string)``; a default
holding lists then no longer converts and Terraform refuses the module.
``tffix fmt`` stays byte for byte what terraform fmt writes; TF001 writes a
type the default satisfies, checked here with ``terraform validate``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import OWN_CORPUS, run_tffix
from tffix.engine.registry import get
from tffix.engine.runner import run_module

TERRAFORM = shutil.which("terraform")
needs_terraform = pytest.mark.skipif(TERRAFORM is None, reason="terraform not on PATH")
CASE = OWN_CORPUS / "TF001" / "legacy_map_of_lists.before.tf"


def _terraform(directory: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1"}
    return subprocess.run(
        [TERRAFORM or "terraform", *args, "-no-color"],
        cwd=directory, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


def _fixed(tmp_path: Path) -> tuple[str, list[tuple[int, int, str]]]:
    work = tmp_path / "fix"
    work.mkdir()
    shutil.copyfile(CASE, work / "main.tf")
    result = run_module(str(work), [str(work / "main.tf")], [get("TF001")()])
    assert not result.errors
    findings = [(f.line, f.column, f.message) for f in result.findings]
    return result.files[0].new, findings


@needs_terraform
def test_fix_loads_where_terraform_fmt_output_does_not(tmp_path: Path) -> None:
    fixed, _ = _fixed(tmp_path)
    for name, text in (("tffix", fixed), ("fmt", None)):
        directory = tmp_path / name
        directory.mkdir()
        (directory / "main.tf").write_text(text or CASE.read_text(encoding="utf-8"))
        if text is None:
            assert _terraform(directory, "fmt").returncode == 0
        init = _terraform(directory, "init", "-backend=false")
        if name == "tffix":
            assert init.returncode == 0, init.stderr
            validate = _terraform(directory, "validate")
            assert validate.returncode == 0, validate.stderr
            assert _terraform(directory, "fmt", "-check").returncode == 0
        else:  # terraform refuses the module as soon as it loads it
            assert init.returncode != 0
            assert "Invalid default value for variable" in init.stderr


@needs_terraform
def test_tffix_fmt_stays_terraform_fmt(tmp_path: Path) -> None:
    """`tffix fmt` writes what terraform fmt writes, map(string) included."""
    for name in ("ours", "theirs"):
        (tmp_path / name).mkdir()
        shutil.copyfile(CASE, tmp_path / name / "main.tf")
    assert run_tffix("fmt", tmp_path / "ours").returncode == 0
    assert _terraform(tmp_path / "theirs", "fmt").returncode == 0
    ours = (tmp_path / "ours" / "main.tf").read_bytes()
    assert ours == (tmp_path / "theirs" / "main.tf").read_bytes()
    assert b"type = map(string)\n  default = {" in ours


def test_each_legacy_type_gets_a_finding_saying_why(tmp_path: Path) -> None:
    _text, findings = _fixed(tmp_path)
    assert findings == [
        (
            4,
            3,
            'variable subnets: type = "map" is map(list(string)), the type of its default '
            "(terraform fmt writes map(string), which the default does not satisfy: "
            "Terraform would refuse the module)",
        ),
        (
            12,
            3,
            'variable tags: type = "map" is map(string), as terraform fmt writes it; the '
            "default satisfies it",
        ),
        (1, 1, "formatted as terraform fmt does"),
    ]


def test_explain_says_where_tf001_and_terraform_fmt_differ() -> None:
    text = " ".join(run_tffix("explain", "TF001").stdout.split())
    assert "Where it differs from `terraform fmt`" in text
    assert "map(list(string))" in text and "Invalid default value for variable" in text
    assert "Fix safety: safe." in text
