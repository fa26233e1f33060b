"""Every user error exits 2 with one line, before any work, and no traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_tffix
from tffix.engine.codemod import OptionError
from tffix.engine.config import ConfigError, parse_config
from tffix.engine.registry import get

KEY = 'resource "aws_kms_key" "main" {\n  description = "k"\n}\n'
GROUP = 'resource "aws_cloudwatch_log_group" "g" {\n  name = "g"\n}\n'


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "main.tf").write_text(KEY + GROUP, encoding="utf-8")
    return tmp_path


def tffix(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_tffix(*args, cwd=cwd)


def assert_user_error(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    for word in words:
        assert word in lines[0], lines[0]


def untouched(tree: Path) -> bool:
    return (tree / "m" / "main.tf").read_text(encoding="utf-8") == KEY + GROUP


@pytest.mark.slow  # a tffix process per configuration
@pytest.mark.parametrize(
    ("toml", "words"),
    [
        (
            "[options.AWS009]\ndays = 13\n",
            ["[options.AWS009] days: must be one of 0, 1, 3", "(got 13)"],
        ),
        ("[options.AWS009]\ndays = 366\n", ["days: must be one of", "(got 366)"]),
        ('[options.AWS009]\ndays = "14"\n', ["days: must be one of", '(got "14")']),
        ('[options.AWS008]\nlifecycle = "false"\n', ["lifecycle: must be true or false"]),
        (
            "[options.AWS008]\nnoncurrent_days = 0\n",
            ["noncurrent_days: must be an integer of at least 1"],
        ),
        ('[options.AWS004]\nstrategy = "remove"\n', ['strategy: must be one of "strip", "grant"']),
        ('[options.TF005]\nmoves_supported = "aws_alb"\n', ["moves_supported: must be a list"]),
        ('select = [""]\n', ["`select` holds an empty string"]),
        ('ignore = ["AWS003", " "]\n', ["`ignore` holds an empty string"]),
        ("a = " + "[" * 3000 + "]" * 3000 + "\n", ["invalid TOML: nested too deeply"]),
        ("[tool]\ntffix = 3\n", ["unknown key(s) tool"]),
    ],
)
def test_configuration_errors(tree: Path, toml: str, words: list[str]) -> None:
    config = tree / ".tffix.toml"
    config.write_text(toml, encoding="utf-8")
    done = tffix("m", cwd=tree)
    assert_user_error(done, ".tffix.toml", *words)
    assert untouched(tree)


def test_invalid_utf8_configuration(tree: Path) -> None:
    (tree / ".tffix.toml").write_bytes(b'select = ["AWS\xff"]\n')
    assert_user_error(tffix("m", cwd=tree), ".tffix.toml: not UTF-8")
    assert untouched(tree)


@pytest.mark.slow  # a tffix process
def test_pyproject_tool_that_is_not_a_table(tree: Path) -> None:
    (tree / "pyproject.toml").write_text("tool = 3\n[project]\nname = 'x'\n", encoding="utf-8")
    assert tffix("--dry-run", "m", cwd=tree).returncode == 1  # no [tool.tffix]: defaults
    (tree / "pyproject.toml").write_text("[tool]\ntffix = 3\n", encoding="utf-8")
    assert_user_error(tffix("m", cwd=tree), "[tool.tffix] must be a table")


def test_empty_selection_on_the_command_line(tree: Path) -> None:
    assert_user_error(tffix("--select", "", "m", cwd=tree), "--select: empty code")


@pytest.mark.parametrize(("output", "words"), [
    ("missing-dir/r.json", ["missing-dir/r.json: cannot write the report: no directory"]),
    ("m", ["m: cannot write the report: is a directory"]),
])  # fmt: skip
def test_output_is_checked_before_any_work(tree: Path, output: str, words: list[str]) -> None:
    done = tffix("--format", "json", "-o", output, "m", cwd=tree)
    assert_user_error(done, *words)
    assert untouched(tree)  # nothing fixed, then the report lost


def test_empty_directory_and_no_terraform_files(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text("hi\n")
    assert_user_error(tffix("empty", cwd=tmp_path), "empty: no Terraform files found")
    assert_user_error(tffix("--dry-run", "docs", cwd=tmp_path), "docs: no Terraform files found")


def test_option_declared_once_is_checked_by_the_codemod_too() -> None:
    with pytest.raises(OptionError, match=r"AWS009: days: must be one of .* \(got 13\)"):
        get("AWS009")(days=13)
    assert get("AWS009")(days=30).settings["days"] == 30
    # Strings match a declared choice whatever their case, and arrive as declared.
    assert get("AWS004")(strategy="GRANT").settings["strategy"] == "grant"
    assert get("TF005")(moves_supported=["aws_alb"]).settings["moves_supported"] == ("aws_alb",)


def test_config_values_are_the_checked_ones() -> None:
    config = parse_config({"options": {"AWS001": {"projection_type": "keys_only"}}}, "x.toml")
    assert config.options == {"AWS001": {"projection_type": "KEYS_ONLY"}}
    with pytest.raises(ConfigError, match=r"^x.toml: \[options.AWS002\] deletion_protection"):
        parse_config({"options": {"AWS002": {"deletion_protection": 1}}}, "x.toml")


@pytest.mark.slow
def test_every_option_declares_what_it_accepts() -> None:
    """Each option's default passes its own check, and ``explain`` shows the accepted values."""
    from tffix.engine.registry import all_codemods

    for codemod in all_codemods():
        if not codemod.options:
            continue
        shown = run_explain(codemod.code)
        for option in codemod.options:
            option.check(option.default)
            assert f"{option.name} = {option.describe()}" in shown


def run_explain(code: str) -> str:
    done = run_tffix("explain", code)
    assert done.returncode == 0, done.stderr
    return done.stdout
