"""Findings that quote a variable's value quote the .tfvars value Terraform uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import OWN_CORPUS, run_tffix
from tffix.analysis.tfvars import given_var_files, tfvars_value
from tffix.engine.session import run, select_codemods

CASE = OWN_CORPUS / "AWS001" / "expression_value.before.tf"


def _messages(directory: Path) -> list[str]:
    report = run([directory], select_codemods(["AWS001"]), dry_run=True)
    assert not report.errors
    return [f.message for f in report.findings if "customer-index" in f.message]


def test_the_last_automatic_file_wins(tmp_path: Path) -> None:
    (tmp_path / "terraform.tfvars").write_text('gsi_projection = "ALL"\n')
    (tmp_path / "b.auto.tfvars.json").write_text(json.dumps({"gsi_projection": "NONE"}))
    found = tfvars_value(str(tmp_path), "gsi_projection")
    assert found is not None and (found.file, found.value) == ("b.auto.tfvars.json", "NONE")
    assert tfvars_value(str(tmp_path), "other") is None


def test_a_tfvars_value_beats_the_default_and_is_named(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CASE.read_text())
    [plain] = _messages(tmp_path)
    assert 'variable gsi_projection defaults to "all": make that "ALL"' in plain
    (tmp_path / "terraform.tfvars").write_text('gsi_projection = "none"\n')
    [given] = _messages(tmp_path)
    assert (
        'variable gsi_projection is set to "none" in terraform.tfvars, which Terraform uses '
        'instead of its default: make that "ALL"'
    ) in given
    # a valid value there is what Terraform uses: nothing to report on that index
    (tmp_path / "terraform.tfvars").write_text('gsi_projection = "INCLUDE"\n')
    assert _messages(tmp_path) == []


def test_var_files_come_last_in_the_order_given_and_are_named_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "main.tf").write_text(CASE.read_text())
    (tmp_path / "m" / "x.auto.tfvars").write_text('gsi_projection = "all"\n')
    (tmp_path / "envs").mkdir()
    (tmp_path / "envs" / "a.tfvars").write_text('gsi_projection = "none"\n')
    (tmp_path / "envs" / "b.tfvars.json").write_text('{"gsi_projection": "keys"}')
    monkeypatch.chdir(tmp_path)
    with given_var_files(["envs/b.tfvars.json", "envs/a.tfvars"]):
        found = tfvars_value(str(tmp_path / "m"), "gsi_projection")
        assert found is not None and found.file == "envs/a.tfvars"
        [given] = _messages(tmp_path / "m")
        assert 'is set to "none" in envs/a.tfvars, which Terraform uses' in given
    found = tfvars_value(str(tmp_path / "m"), "gsi_projection")  # the run is over
    assert found is not None and found.file == "x.auto.tfvars"
    with pytest.raises(FileNotFoundError), given_var_files(["envs/missing.tfvars"]):
        pass


def test_the_command_line_takes_var_files(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CASE.read_text())
    (tmp_path / "prod.tfvars").write_text('gsi_projection = "none"\n')
    args = ["--select", "AWS001", "--dry-run", "--var-file", "prod.tfvars", "."]
    done = run_tffix(*args, cwd=tmp_path)
    assert 'is set to "none" in prod.tfvars, which Terraform uses' in done.stdout
    # the cache knows the var file: another value, another result
    (tmp_path / "prod.tfvars").write_text('gsi_projection = "ALL"\n')
    assert "customer-index" not in run_tffix(*args, cwd=tmp_path).stdout
    missing = run_tffix("--var-file", "nope.tfvars", ".", cwd=tmp_path)
    assert missing.returncode == 2 and "--var-file nope.tfvars: no such file" in missing.stderr
