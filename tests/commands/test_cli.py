"""The command line as click assembles it: help, usage errors, completion, and
commands imported only when they run (in-process: ``tffix.__main__.main``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tffix.__main__ import main


def test_help_lists_the_commands_and_keeps_the_docstrings_layout(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--help"]) == 0
    top = capsys.readouterr().out
    listed = top.split("Commands:\n", 1)[1].split()
    commands = [word for word in listed if word in ("fix", "bulk", "parse", "fmt", "rules")]
    assert commands == ["fix", "bulk", "parse", "fmt", "rules"]
    assert "bulk-report" not in top and "--install-completion" in top
    assert main(["fix", "-h"]) == 0
    text = capsys.readouterr().out
    # Paragraphs and examples as the docstring writes them; arguments described.
    assert "\n      tffix --dry-run infra/            review what would change\n" in text
    assert "are re-parsed before they are written" in text
    assert "Arguments:\n  PATHS...  Files or directories" in text
    assert "--format [text|json|sarif|github|pr-markdown]" in text


@pytest.mark.parametrize(
    "argv",
    [
        [],  # no command: the help, as a usage error
        ["fix"],  # no path
        ["--format", "bad", "x"],  # a value the option does not take
        ["--jobs", "0", "x"],  # out of range
        ["--no-such-option", "x"],
        ["explain"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "Usage: tffix" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o"),
        ("zsh", "#compdef tffix"),
        ("fish", "complete --no-files --command tffix"),
    ],
)
def test_show_completion_prints_the_shells_script(
    shell: str, marker: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SHELL", f"/usr/bin/{shell}")
    assert main(["--show-completion"]) == 0
    script = capsys.readouterr().out
    assert marker in script and "_TFFIX_COMPLETE" in script


def test_completion_answers_the_shell(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("_TFFIX_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", "tffix fi")
    monkeypatch.setenv("COMP_CWORD", "1")
    assert main(["fi"]) == 0
    assert capsys.readouterr().out.split() == ["plain,fix"]
    monkeypatch.setenv("COMP_WORDS", "tffix fix --dry")
    monkeypatch.setenv("COMP_CWORD", "2")
    assert main([]) == 0
    assert capsys.readouterr().out.split() == ["plain,--dry-run"]


def test_install_completion_writes_where_the_shell_reads_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("SHELL", "/bin/bash")
    (tmp_path / ".bashrc").write_text("alias ll='ls -l'\n")
    assert main(["--install-completion"]) == 0
    assert main(["--install-completion"]) == 0
    script = tmp_path / ".bash_completions" / "tffix.sh"
    assert "_TFFIX_COMPLETE" in script.read_text()
    assert (tmp_path / ".bashrc").read_text() == f"alias ll='ls -l'\nsource '{script}'\n"
    monkeypatch.setenv("SHELL", "/bin/tcsh")
    assert main(["--install-completion"]) == 1
    assert "Shell tcsh is not supported." in capsys.readouterr().err


def test_only_the_command_that_runs_is_imported(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('variable "x" {}\n')
    probe = (
        "import sys, json\n"
        "from tffix.__main__ import main\n"
        "status = main(['parse', '-q', sys.argv[1]])\n"
        "print(json.dumps([status, sorted(m for m in sys.modules if m.startswith(\n"
        "    ('tffix.commands.', 'tffix.codemods.', 'typer', 'pydantic', 'importlib.metadata')))]))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "main.tf")],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    status, imported = json.loads(done.stdout.splitlines()[-1])
    assert status == 0
    assert imported == ["tffix.commands.options", "tffix.commands.parse"]


def test_no_cache_reads_and_writes_nothing_in_the_cache_directory(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "main.tf").write_text('resource "aws_kms_key" "k" {\n}\n')
    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": str(REPO), "TFFIX_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "tffix", "--dry-run", str(tmp_path / "m")]
    done = subprocess.run([*command, "--no-cache"], env=env, capture_output=True, check=False)
    assert done.returncode == 1 and not cache.exists()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    # With the cache: the module, the code hash and the plug-in list. The data
    # tables ship compiled (codemods/*.json), so "tables" is written only for a
    # table edited since it was compiled.
    assert done.returncode == 1
    assert {p.name for p in cache.iterdir()} >= {"modules", "code", "plugins"}
