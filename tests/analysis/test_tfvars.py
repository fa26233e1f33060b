"""Findings that quote a variable's value quote the .tfvars value Terraform uses."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import OWN_CORPUS
from tffix.analysis.tfvars import tfvars_value
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
