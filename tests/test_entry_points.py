"""The pre-commit hooks and the GitHub Action run the command lines they declare.

Both files are read with a real YAML parser (what pre-commit and GitHub use
read YAML too; a hand-made reader could agree with itself and not with
them), and the exact commands are run against temporary copies of small
modules: the hook's entry, args and matching file names; the Action's step
scripts with their inputs put in as GitHub would. ``tffix`` on PATH is a
small script that starts this checkout's tffix, as an install would.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

yaml = pytest.importorskip("yaml")  # pyyaml, a test dependency

pytestmark = [
    pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash"),
    pytest.mark.slow,  # git repositories, bash and a tffix process per case: seconds each
]

# a deployment: it configures its provider (without one, nothing shows whether it
# is a root or a module called from elsewhere, and version-dependent companions wait)
BUCKET = """\
provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
"""
# Versioning with the lifecycle rule expiring its noncurrent versions (versioning alone
# leaves AWS008 a manual finding, how long to keep them, and the hook would exit 1).
VERSIONING = """\
resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 90
    }
  }
}
"""


def write_exe(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


@pytest.fixture
def bin_dir(tmp_path: Path) -> Path:
    """A directory with a ``tffix`` command that runs this checkout's tffix."""
    directory = tmp_path / "bin"
    directory.mkdir()
    write_exe(
        directory / "tffix",
        f"#!/bin/sh\nPYTHONPATH={shlex.quote(str(REPO))} exec {shlex.quote(sys.executable)} "
        '-m tffix "$@"\n',
    )
    return directory


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository: ``infra/s3-kms`` (three safe fixes), ``infra/keys`` (one), and
    files no hook should touch."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "examples" / "s3-kms", root / "infra" / "s3-kms")
    (root / "infra" / "keys").mkdir()
    shutil.copy(REPO / "corpus" / "AWS003" / "plain.before.tf", root / "infra" / "keys" / "main.tf")
    (root / "infra" / "s3-kms" / "terraform.tfvars").write_text('project_name="demo"\n')
    # a deployment: it configures its provider (without one, nothing shows whether
    # it is a root or a module called from elsewhere, and versioning is not added)
    (root / "infra" / "s3-kms" / "providers.tf").write_text(
        'provider "aws" {\n  region = "eu-west-1"\n}\n'
    )
    (root / "README.md").write_text("# infra\n")
    return root


def env_with(bin_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


# ---- pre-commit ------------------------------------------------------------------


def hooks() -> dict[str, dict]:
    loaded = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in loaded}


def staged(root: Path) -> list[str]:
    """Every file of the repository, as pre-commit passes them: relative, '/' separators."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def run_hook(hook_id: str, root: Path, bin_dir: Path, files: list[str]) -> tuple[int, list[str]]:
    """Run a hook as pre-commit does: entry + args + the files its pattern matches."""
    hook = hooks()[hook_id]
    matched = [f for f in files if re.search(hook["files"], f)]
    argv = [*shlex.split(hook["entry"]), *hook.get("args", []), *matched]
    done = subprocess.run(
        argv, cwd=root, env=env_with(bin_dir), capture_output=True, text=True, check=False
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, matched


def test_hooks_are_declared_as_pre_commit_expects() -> None:
    declared = hooks()
    assert set(declared) == {"tffix", "tffix-fmt"}
    for hook in declared.values():
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert declared["tffix"]["entry"] == "tffix"
    assert declared["tffix"]["require_serial"] is True  # one process sees a module's files
    assert declared["tffix-fmt"]["entry"] == "tffix fmt"


def test_tffix_hook_fixes_the_staged_files_module_by_module(repo: Path, bin_dir: Path) -> None:
    code, matched = run_hook("tffix", repo, bin_dir, staged(repo))
    assert matched == [
        "infra/keys/main.tf",
        "infra/s3-kms/main.tf",
        "infra/s3-kms/providers.tf",
        "infra/s3-kms/variables.tf",
    ]
    # Fixed, but the log group's key still shuts CloudWatch Logs out: AWS004's fix is
    # unsafe, so it is reported (fixable) and the commit fails until a person decides.
    assert code == 1
    main = (repo / "infra" / "s3-kms" / "main.tf").read_text()
    assert "enable_key_rotation     = true" in main
    assert 'resource "aws_s3_bucket_versioning" "artifacts"' in main
    assert "retention_in_days = 365" in main
    keys = (repo / "infra" / "keys" / "main.tf").read_text()
    assert keys == (REPO / "corpus" / "AWS003" / "plain.after.tf").read_text()
    assert (repo / "README.md").read_text() == "# infra\n"
    before = {f: (repo / f).read_bytes() for f in staged(repo)}
    assert run_hook("tffix", repo, bin_dir, staged(repo))[0] == 1  # AWS004 still reported
    assert {f: (repo / f).read_bytes() for f in staged(repo)} == before  # nothing else to fix
    assert "AllowCloudWatchLogs" not in main


def test_tffix_hook_fails_on_findings_for_a_person(repo: Path, bin_dir: Path) -> None:
    shutil.copy(
        REPO / "corpus" / "AWS003" / "expression_value.before.tf",
        repo / "infra" / "keys" / "main.tf",
    )
    code, _ = run_hook("tffix", repo, bin_dir, ["infra/keys/main.tf"])
    assert code == 1


def test_tffix_hook_with_part_of_a_module_staged(tmp_path: Path, bin_dir: Path) -> None:
    module = tmp_path / "m"
    module.mkdir()
    (module / "main.tf").write_text(BUCKET)
    (module / "versioning.tf").write_text(VERSIONING)
    code, _ = run_hook("tffix", tmp_path, bin_dir, ["m/main.tf"])
    main = (module / "main.tf").read_text()
    assert "aws_s3_bucket_versioning" not in main  # versioning.tf declares it already
    assert "aws_s3_bucket_public_access_block" in main  # the other companions are added
    assert (module / "versioning.tf").read_text() == VERSIONING  # not staged: not touched
    assert code == 0
    before = (module / "main.tf").read_bytes()
    assert run_hook("tffix", tmp_path, bin_dir, ["m/main.tf"])[0] == 0
    assert (module / "main.tf").read_bytes() == before  # the next commit passes


def test_tffix_hook_leaves_unstaged_files_alone(tmp_path: Path, bin_dir: Path) -> None:
    module = tmp_path / "m"
    module.mkdir()
    (module / "main.tf").write_text(BUCKET)
    (module / "variables.tf").write_text('variable "unused" {}\n')
    code, _ = run_hook("tffix", tmp_path, bin_dir, ["m/variables.tf"])
    assert code == 0  # main.tf's missing companions are not this commit's business
    assert (module / "main.tf").read_text() == BUCKET


def test_tffix_hook_refuses_a_fix_that_needs_an_unstaged_file(
    tmp_path: Path, bin_dir: Path
) -> None:
    module = tmp_path / "m"
    module.mkdir()
    role = (
        'resource "aws_iam_role" "lambda" {\n  name               = "api"\n'
        "  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json\n}\n"
    )
    (module / "iam.tf").write_text(role)
    hook = hooks()["tffix"]
    argv = [*shlex.split(hook["entry"]), *hook.get("args", []), "--no-cache", "m/iam.tf"]
    done = subprocess.run(
        argv, cwd=tmp_path, env=env_with(bin_dir), capture_output=True, text=True, check=False
    )
    assert done.returncode == 1  # the commit fails, saying what to do
    assert (
        "TF003 the fix also creates m/data.tf, which was not given; not applied; "
        "run tffix on the directory m [manual]"
    ) in done.stdout
    assert not (module / "data.tf").exists()
    assert (module / "iam.tf").read_text() == role


def test_fmt_hook_formats_tf_and_tfvars(repo: Path, bin_dir: Path) -> None:
    messy = repo / "infra" / "keys" / "main.tf"
    messy.write_text(
        'resource "aws_kms_key" "k" {\ndescription="k"\n  enable_key_rotation=true\n}\n'
    )
    code, matched = run_hook("tffix-fmt", repo, bin_dir, staged(repo))
    assert "infra/s3-kms/terraform.tfvars" in matched and "README.md" not in matched
    assert code == 0
    assert (repo / "infra" / "s3-kms" / "terraform.tfvars").read_text() == (
        'project_name = "demo"\n'
    )
    assert messy.read_text() == (
        'resource "aws_kms_key" "k" {\n  description         = "k"\n'
        "  enable_key_rotation = true\n}\n"
    )
    assert (repo / "infra" / "s3-kms" / "main.tf").read_text() == (
        REPO / "examples" / "s3-kms" / "main.tf"
    ).read_text()  # already formatted: left alone (fixes are the other hook's job)


# ---- GitHub Action --------------------------------------------------------------


def action() -> dict:
    return yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def step(step_id: str) -> dict:
    (found,) = [s for s in action()["runs"]["steps"] if s.get("id") == step_id]
    return found


def inputs_with(**given: str) -> dict[str, str]:
    declared = action()["inputs"]
    values = {name: str(spec.get("default", "")) for name, spec in declared.items()}
    for name, value in given.items():
        name = name.replace("_", "-")
        assert name in declared, name
        values[name] = value
    return values


def substitute(text: str, inputs: dict[str, str], context: dict[str, str]) -> str:
    """``${{ inputs.x }}`` and the like, replaced as GitHub does before a step runs."""

    def value(match: re.Match[str]) -> str:
        expression = match.group(1)
        if expression.startswith("inputs."):
            return inputs[expression.removeprefix("inputs.")]
        return context[expression]

    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", value, text)


def run_step(
    step_id: str, inputs: dict[str, str], cwd: Path, bin_dir: Path, context: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    found = step(step_id)
    assert found["shell"] == "bash"
    script = cwd.parent / f"{step_id}.sh"
    script.write_text(substitute(found["run"], inputs, context), encoding="utf-8")
    env = env_with(bin_dir)
    for name, raw in found.get("env", {}).items():
        env[name] = substitute(str(raw), inputs, context)
    env.update({k: v for k, v in context.items() if k.startswith("GITHUB_")})
    # What GitHub runs for `shell: bash`.
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_action_declares_its_inputs_and_modes() -> None:
    declared = action()
    assert declared["runs"]["using"] == "composite"
    assert {"path", "mode", "args", "version", "unsafe-fixes", "github-token"} <= set(
        declared["inputs"]
    )
    assert declared["inputs"]["mode"]["default"] == "check"
    assert step("check")["if"] == "inputs.mode == 'check'"
    assert step("fix-pr")["if"] == "inputs.mode == 'fix-pr'"
    text = (REPO / "action.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", text))
    assert used <= set(declared["inputs"])
    for s in declared["runs"]["steps"]:  # inputs reach scripts through env, never pasted in
        assert "${{" not in s.get("run", "")


def test_action_install_step(tmp_path: Path, bin_dir: Path) -> None:
    calls = tmp_path / "calls"
    write_exe(bin_dir / "python", f'#!/bin/sh\necho "python $*" >> {shlex.quote(str(calls))}\n')
    context = {"github.action_path": str(REPO)}
    workspace = tmp_path / "ws"
    workspace.mkdir()
    for version, expected in (("", str(REPO)), ("0.2.0", "tffix==0.2.0")):
        calls.write_text("")
        done = run_step("install", inputs_with(version=version), workspace, bin_dir, context)
        assert done.returncode == 0, done.stderr
        assert calls.read_text().split("\n")[0] == (
            f"python -m pip install --disable-pip-version-check {expected}"
        )
        assert done.stdout.startswith("tffix ")  # `tffix --version`


def test_action_check_mode_annotates_and_fails_while_fixes_are_pending(
    repo: Path, bin_dir: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    context = {"GITHUB_STEP_SUMMARY": str(summary)}
    before = {f: (repo / f).read_bytes() for f in staged(repo)}
    inputs = inputs_with(path="infra", args="--select AWS003 --select AWS009")
    done = run_step("check", inputs, repo, bin_dir, context)
    assert done.returncode == 1, done.stderr  # fixes pending: the check fails
    lines = done.stdout.splitlines()
    assert lines == [
        "::notice file=infra/keys/main.tf,line=1,col=1,title=AWS003 [fixable]::"
        "aws_kms_key.pipeline_key: enabled key rotation",
        "::notice file=infra/s3-kms/main.tf,line=5,col=1,title=AWS003 [fixable]::"
        "aws_kms_key.main: enabled key rotation",
        "::notice file=infra/s3-kms/main.tf,line=18,col=1,title=AWS009 [fixable]::"
        "aws_cloudwatch_log_group.pipeline: no retention (logs never expire); set 365 days",
    ]
    assert {f: (repo / f).read_bytes() for f in staged(repo)} == before  # a check writes nothing
    text = summary.read_text(encoding="utf-8")
    assert (
        text.startswith("## tffix\n") and "tffix --dry-run --select AWS003 --select AWS009" in text
    )


def test_action_check_mode_passes_when_clean(repo: Path, bin_dir: Path, tmp_path: Path) -> None:
    inputs = inputs_with(path="infra/s3-kms/variables.tf")
    done = run_step("check", inputs, repo, bin_dir, {})
    assert (done.returncode, done.stdout) == (0, ""), done.stderr


def test_action_check_mode_unsafe_fixes(repo: Path, bin_dir: Path) -> None:
    # A selected unsafe codemod is never silent: without unsafe-fixes it still
    # annotates what it would fix (fixable) and fails the check.
    for unsafe in ("false", "true"):
        inputs = inputs_with(path="infra", args="--select AWS004", unsafe_fixes=unsafe)
        done = run_step("check", inputs, repo, bin_dir, {})
        assert done.returncode == 1, done.stdout + done.stderr
        assert "title=AWS004 [fixable]" in done.stdout


def test_action_fix_pr_mode_runs_tffix_bulk(repo: Path, bin_dir: Path, tmp_path: Path) -> None:
    calls = tmp_path / "calls.json"
    write_exe(
        bin_dir / "tffix",
        f"#!{sys.executable}\nimport json, os, sys\n"
        f"with open({str(calls)!r}, 'w') as f:\n"
        "    json.dump({'argv': sys.argv[1:], 'token': os.environ.get('GITHUB_TOKEN')}, f)\n",
    )
    context = {"runner.temp": str(tmp_path), "github.token": "unused"}
    inputs = inputs_with(
        args="--draft --select AWS003", unsafe_fixes="true", github_token="secret-token"
    )
    done = run_step("fix-pr", inputs, repo, bin_dir, context)
    assert done.returncode == 0, done.stderr
    recorded = json.loads(calls.read_text())
    assert recorded["token"] == "secret-token"
    argv = recorded["argv"]
    report = str(tmp_path / "tffix-report.md")
    assert argv == [
        "bulk", "--repo", ".", "--push", "--pr", "github", "--report", report,
        "--draft", "--select", "AWS003", "--unsafe-fixes",
    ]  # fmt: skip
    import click

    from tffix.cli import SUBCOMMANDS, app

    if "bulk" not in SUBCOMMANDS:
        pytest.skip("`tffix bulk` does not exist yet, so its options cannot be checked")
    bulk = app.get_command(click.Context(app), "bulk")
    assert bulk is not None
    context_ = bulk.make_context("bulk", argv[1:])  # parses only: unknown options raise
    assert context_.params["push"] is True and context_.params["draft"] is True
