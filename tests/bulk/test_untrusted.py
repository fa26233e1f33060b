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

from tests.bulk.gitrepos import git, git_env, hooks_ran, make_remote, pushes, refs, run_bulk

pytestmark = pytest.mark.slow  # git repositories and a tffix process per case: seconds each

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


RECEIVE_HOOKS = (
    "pre-receive", "update", "post-receive", "post-update", "reference-transaction",
    "push-to-checkout", "proc-receive",
)  # fmt: skip


def test_a_local_remote_s_own_hooks_do_not_run_on_push(tmp_path: Path, env: dict) -> None:
    """A push to a path runs the receiving side on this machine: its hooks stayed on
    (git does not pass the pusher's -c options to the other side)."""
    marker = tmp_path / "hook-ran"
    remote = make_remote(tmp_path, "acme", "infra", {"main.tf": NEEDS_FIX}, env)
    for name in RECEIVE_HOOKS:
        hook = remote / "hooks" / name
        hook.write_text(_trap_script(marker))
        hook.chmod(0o755)
    for url in (str(remote), f"file://{remote}"):
        report = tmp_path / "r.json"
        args = ["--repo", url, "--workdir", str(tmp_path / "w"), "--report", str(report)]
        done = run_bulk(*args, "--push", "--branch", f"fix-{len(url)}", cwd=tmp_path, env=env)
        assert done.returncode == 0, done.stderr
        assert _report(report)["pushed"] is True
        assert f"refs/heads/fix-{len(url)}" in refs(remote, env)
    assert len(pushes(remote)) == 2  # both pushes arrived...
    assert not marker.exists(), marker.read_text()  # ...and no hook of the remote ran
    assert hooks_ran(remote) == []


def test_no_filter_runs_in_a_local_checkout_not_even_for_status(tmp_path: Path, env: dict) -> None:
    """`git status` ran before the filters were turned off: a clean filter configured
    on the machine ran on a file whose stat data changed."""
    marker = tmp_path / "filter-ran"
    plain = dict(env, GIT_CONFIG_GLOBAL=os.devnull)
    make_remote(
        tmp_path,
        "acme",
        "infra",
        {"main.tf": NEEDS_FIX, ".gitattributes": b"*.tf filter=evil\n"},
        plain,
    )
    checkout = tmp_path / "work" / "acme" / "infra"
    Path(env["GIT_CONFIG_GLOBAL"]).write_text(
        f'[filter "evil"]\n\tclean = "sh -c \'echo clean >> {marker}; cat\'"\n'
        f"\tsmudge = \"sh -c 'echo smudge >> {marker}; cat'\"\n"
        f'[filter "other"]\n\tclean = "sh -c \'echo other >> {marker}; cat\'"\n'
    )
    later = (checkout / "main.tf").stat().st_mtime + 100
    os.utime(checkout / "main.tf", (later, later))  # stat data no longer matches the index
    report = tmp_path / "r.json"
    done = run_bulk("--repo", str(checkout), "--report", str(report), cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert _report(report)["status"] == "changed"
    assert not marker.exists(), marker.read_text()

    # An uncommitted .gitattributes names a driver no commit names: only the
    # machine's configuration knows it, and status must not run it either.
    (checkout / ".gitattributes").write_text("*.tf filter=other\n")
    later += 100
    os.utime(checkout / "main.tf", (later, later))
    dirty = run_bulk("--repo", str(checkout), "--report", str(report), cwd=tmp_path, env=env)
    assert dirty.returncode == 1
    assert "uncommitted changes" in _report(report)["errors"][0]
    assert not marker.exists(), marker.read_text()


@pytest.mark.parametrize("name", [".tffix.toml", "pyproject.toml"])
@pytest.mark.parametrize("kind", ["link-out", "link-in", "fifo"])
def test_a_configuration_file_that_is_not_a_regular_file_is_not_read(
    tmp_path: Path, env: dict, name: str, kind: str
) -> None:
    """A .tffix.toml linked to a file outside the clone was read and its values echoed
    into the output and the report (linked to /proc/self/environ: the token)."""
    secret = tmp_path / "secret.toml"
    secret.write_text('select = ["SECRET-VALUE-42"]\n[tool.tffix]\nselect = ["SECRET-VALUE-42"]\n')
    remote = make_remote(tmp_path, "acme", "infra", {"main.tf": NEEDS_FIX}, env)
    checkout = tmp_path / "work" / "acme" / "infra"
    if kind == "fifo":
        os.mkfifo(checkout / name)
    else:
        (checkout / "conf.toml").write_text(
            'ignore = ["TF001"]\n[tool.tffix]\nignore = ["TF001"]\n'
        )
        (checkout / name).symlink_to(secret if kind == "link-out" else "conf.toml")
    if kind != "fifo":  # git stores a FIFO as nothing: it is tested as a local checkout
        git("add", "-A", cwd=checkout, env=env)
        git("commit", "-q", "-m", "config", cwd=checkout, env=env)
        git("push", "-q", "upstream", "HEAD:main", cwd=checkout, env=env)
    target = checkout if kind == "fifo" else remote
    report = tmp_path / "r.json"
    args = ["--repo", str(target), "--workdir", str(tmp_path / "w"), "--report", str(report)]
    done = run_bulk(*args, cwd=tmp_path, env=env, timeout=120)
    assert done.returncode == 1, done.stderr
    entry = _report(report)
    assert entry["status"] == "failed"
    assert f"{name}: not read: " in entry["errors"][0]
    everything = done.stdout + done.stderr + report.read_text()
    assert "SECRET-VALUE-42" not in everything
