"""Cloned repositories are untrusted: nothing they carry runs, nothing is written outside.

Each test arms a trap that git would spring without tffix's hardening (a
hook, a filter driver chosen by ``.gitattributes``, a symbolic link out of
the clone, a configuration file above the work directory) and checks it
stayed shut while the campaign still did its job.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.bulk.gitrepos import git, git_env, make_remote, refs, run_bulk

NEEDS_FIX = b'resource "aws_kms_key" "k" {\n  description = "no rotation"\n}\n'
ROTATED = b'resource "aws_kms_key" "k" {\n  description         = "no rotation"\n  enable_key_rotation = true\n}\n'  # noqa: E501


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "home").mkdir()
    return git_env(tmp_path / "home")


def _trap_script(marker: Path) -> str:
    return f'#!/bin/sh\necho "$0 $*" >> {marker}\ncat\n'


def _campaign(tmp_path: Path, env: dict, remote: Path, *, push: bool = True) -> Path:
    """One `tffix bulk` run over ``remote``; it must succeed. Returns the JSON report."""
    report = tmp_path / "r.json"
    args = ["--repo", str(remote), "--workdir", str(tmp_path / "w"), "--report", str(report)]
    run = run_bulk(*args, *(["--push"] if push else []), cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr
    return report


def _report(path: Path) -> dict:
    return json.loads(path.read_text())["repositories"][0]


def test_no_hook_runs_from_git_templates_or_hooks_path(tmp_path: Path, env: dict) -> None:
    """Hooks the user's git would install or run (templates, core.hooksPath) stay off:
    a campaign must not run code because a repository has a name or a branch."""
    marker = tmp_path / "hook-ran"
    hooks = tmp_path / "evil-hooks"
    (hooks / "hooks").mkdir(parents=True)
    for name in ("post-checkout", "pre-commit", "commit-msg", "post-commit", "pre-push"):
        script = hooks / "hooks" / name
        script.write_text(_trap_script(marker))
        script.chmod(0o755)
    remote = make_remote(tmp_path, "acme", "infra", {"main.tf": NEEDS_FIX}, env)
    gitconfig = Path(env["GIT_CONFIG_GLOBAL"])
    gitconfig.write_text(
        f"[init]\n\ttemplateDir = {hooks}\n[core]\n\thooksPath = {hooks / 'hooks'}\n"
    )
    report = _campaign(tmp_path, env, remote)
    assert _report(report)["status"] == "changed"
    assert "refs/heads/tffix/fixes" in refs(remote, env)
    assert not marker.exists(), marker.read_text()
    clone = next((tmp_path / "w").iterdir())
    assert not any((clone / ".git" / "hooks").glob("*")), "no template hooks in clones"


def test_filters_chosen_by_gitattributes_do_not_run(tmp_path: Path, env: dict) -> None:
    marker = tmp_path / "filter-ran"
    Path(env["GIT_CONFIG_GLOBAL"]).write_text(
        f'[filter "evil"]\n\tclean = "sh -c \'echo clean >> {marker}; cat\'"\n'
        f"\tsmudge = \"sh -c 'echo smudge >> {marker}; cat'\"\n"
    )
    files = {"main.tf": NEEDS_FIX, ".gitattributes": b"*.tf filter=evil\n"}
    # Make the remote without the filter (its creation is not under test).
    plain = dict(env, GIT_CONFIG_GLOBAL=os.devnull)
    remote = make_remote(tmp_path, "acme", "infra", files, plain)
    report = _campaign(tmp_path, env, remote)
    assert _report(report)["status"] == "changed"
    assert not marker.exists(), marker.read_text()
    shown = git("show", "tffix/fixes:main.tf", cwd=remote, env=plain)
    assert shown.encode() + b"\n" == ROTATED


def test_a_link_out_of_the_clone_is_neither_read_nor_written(tmp_path: Path, env: dict) -> None:
    outside = tmp_path / "outside.tf"
    outside.write_bytes(NEEDS_FIX)
    work = tmp_path / "src"
    work.mkdir()
    remote = make_remote(tmp_path, "acme", "infra", {"main.tf": b"# nothing\n"}, env)
    checkout = tmp_path / "work" / "acme" / "infra"
    (checkout / "escape.tf").symlink_to(outside)
    (checkout / "up").symlink_to(tmp_path)
    git("add", "-A", cwd=checkout, env=env)
    git("commit", "-q", "-m", "links", cwd=checkout, env=env)
    git("push", "-q", "upstream", "HEAD:main", cwd=checkout, env=env)
    report = _campaign(tmp_path, env, remote)
    assert outside.read_bytes() == NEEDS_FIX
    assert _report(report)["status"] == "no-changes"


def test_configuration_comes_from_the_repository_only(tmp_path: Path, env: dict) -> None:
    """The repository's .tffix.toml is honoured; one above the work directory is not."""
    (tmp_path / ".tffix.toml").write_text('select = ["TF001"]\n')  # would turn AWS003 off
    files = {
        "main.tf": NEEDS_FIX + b'\nvariable "x" {\n  default="x"\n}\n',
        ".tffix.toml": b'ignore = ["TF001"]\n',
    }
    remote = make_remote(tmp_path, "acme", "infra", files, env)
    report = _campaign(tmp_path, env, remote, push=False)
    entry = _report(report)
    assert [c["code"] for c in entry["codemods"]] == ["AWS003"]  # TF001 ignored by the repo
    clone = next((tmp_path / "w").iterdir())
    text = git("show", "tffix/fixes:main.tf", cwd=clone, env=env)
    assert 'default="x"' in text  # not formatted: the repository said so


def test_local_checkout_keeps_its_branch_and_refuses_uncommitted_work(
    tmp_path: Path, env: dict
) -> None:
    make_remote(tmp_path, "acme", "infra", {"main.tf": NEEDS_FIX}, env)
    checkout = tmp_path / "work" / "acme" / "infra"
    marker = tmp_path / "hook-ran"
    hook = checkout / ".git" / "hooks" / "pre-commit"
    hook.write_text(_trap_script(marker))
    hook.chmod(0o755)
    (checkout / "main.tf").write_bytes(NEEDS_FIX + b"# wip\n")
    report = tmp_path / "r.json"
    args = ["--repo", str(checkout), "--report", str(report)]
    dirty = run_bulk(*args, cwd=tmp_path, env=env)
    assert dirty.returncode == 1
    assert "uncommitted changes" in _report(report)["errors"][0]
    assert (checkout / "main.tf").read_bytes() == NEEDS_FIX + b"# wip\n"

    git("checkout", "-q", "--", "main.tf", cwd=checkout, env=env)
    clean = run_bulk(*args, cwd=tmp_path, env=env)
    assert clean.returncode == 0, clean.stderr
    entry = _report(report)
    assert entry["status"] == "changed" and entry["files"] == ["main.tf"]
    assert git("symbolic-ref", "--short", "HEAD", cwd=checkout, env=env) == "main"
    assert (checkout / "main.tf").read_bytes() == NEEDS_FIX  # back on main, untouched
    fixed = git("show", "tffix/fixes:main.tf", cwd=checkout, env=env)
    assert fixed.encode() + b"\n" == ROTATED
    assert not marker.exists(), "the checkout's own hooks do not run either"

    # The same again: nothing new to commit (the branch already holds the fix).
    before = git("rev-parse", "tffix/fixes", cwd=checkout, env=env)
    report.unlink()
    again = run_bulk(*args, cwd=tmp_path, env=env)
    assert again.returncode == 0, again.stderr
    assert _report(report)["status"] == "up-to-date"
    assert git("rev-parse", "tffix/fixes", cwd=checkout, env=env) == before
