"""Real git repositories and bare remotes on disk, for the campaign tests.

Each remote is ``<root>/remotes/<owner>/<name>.git`` so that its URL names
``owner/name`` for the GitHub provider. The bare remote keeps a reflog of
every ref (``core.logAllRefUpdates=always``), so a test can prove that a
re-run pushed nothing. It also has a ``pre-receive`` hook that appends every
push to ``hooks-ran.log``: a push to a local path runs the receiving side
here, and tffix must keep that repository's hooks from running, so the
file must never appear (``hooks_ran``).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

IDENTITY = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.com",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.com",
}


def git_env(home: Path) -> dict[str, str]:
    """No user or system git configuration leaks into the tests."""
    env = dict(os.environ)
    env.update(IDENTITY)
    env.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=str(home / ".gitconfig"))
    for key in [k for k in env if k.startswith("GIT_CONFIG_KEY_") or k == "GIT_CONFIG_COUNT"]:
        env.pop(key)
    return env


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed in {cwd}: {done.stderr}")
    return done.stdout.strip()


PRE_RECEIVE = """#!/bin/sh
while read old new ref; do echo "$ref $old $new" >> "$(dirname "$0")/../hooks-ran.log"; done
"""


def make_remote(
    root: Path, owner: str, name: str, files: dict[str, bytes], env: dict[str, str]
) -> Path:
    """A bare remote whose ``main`` holds ``files``; returns its path (the clone URL)."""
    work = root / "work" / owner / name
    work.mkdir(parents=True)
    git("init", "-q", "-b", "main", cwd=work, env=env)
    for rel, data in files.items():
        target = work / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    git("add", "-A", cwd=work, env=env)
    git("commit", "-q", "-m", "initial", cwd=work, env=env)
    remote = root / "remotes" / owner / f"{name}.git"
    remote.parent.mkdir(parents=True, exist_ok=True)
    git("clone", "-q", "--bare", str(work), str(remote), cwd=root, env=env)
    git("config", "core.logAllRefUpdates", "always", cwd=remote, env=env)
    hook = remote / "hooks" / "pre-receive"
    hook.write_text(PRE_RECEIVE)
    hook.chmod(0o755)
    git("remote", "add", "upstream", str(remote), cwd=work, env=env)
    return remote


def push_change(remote: Path, rel: str, data: bytes, env: dict[str, str]) -> str:
    """Commit a new file version on the remote's main (as a developer would); its sha."""
    work = remote.parent.parent.parent / "work" / remote.parent.name / remote.name[:-4]
    target = work / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    git("add", "-A", cwd=work, env=env)
    git("commit", "-q", "-m", f"change {rel}", cwd=work, env=env)
    git("push", "-q", "upstream", "HEAD:main", cwd=work, env=env)
    # Only tffix's pushes from now on are of interest.
    (remote / "hooks-ran.log").unlink(missing_ok=True)
    logs = remote / "logs" / "refs"
    for path in [p for p in logs.rglob("*") if p.is_file()]:
        if path.relative_to(logs).as_posix() != "heads/main":
            path.write_text("")
    return git("rev-parse", "HEAD", cwd=work, env=env)


def refs(remote: Path, env: dict[str, str]) -> dict[str, str]:
    out = git("for-each-ref", "--format=%(refname) %(objectname)", cwd=remote, env=env)
    pairs = (line.split(" ", 1) for line in out.splitlines() if line)
    return {ref: sha for ref, sha in pairs}


def pushes(remote: Path) -> list[str]:
    """Every update of a ref other than ``main`` (which developers push): what tffix
    pushed, as ``ref old new``, from the remote's reflogs."""
    logs = remote / "logs" / "refs"
    out = []
    for path in sorted(p for p in logs.rglob("*") if p.is_file()):
        ref = "refs/" + path.relative_to(logs).as_posix()
        if ref != "refs/heads/main":
            out.extend(
                f"{ref} {' '.join(line.split()[:2])}" for line in path.read_text().splitlines()
            )
    return out


def hooks_ran(remote: Path) -> list[str]:
    """The pushes the remote's own ``pre-receive`` hook saw (it must see none of tffix's)."""
    log = remote / "hooks-ran.log"
    return log.read_text().splitlines() if log.exists() else []


def module_files(directory: Path) -> dict[str, bytes]:
    """The .tf files of one corpus module directory (not its subdirectories)."""
    return {p.name: p.read_bytes() for p in sorted(directory.glob("*.tf")) if p.is_file()}


def run_bulk(
    *args: str, cwd: Path, env: dict[str, str], timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """``tffix bulk ARGS`` in a fresh process, as a user or CI job runs it."""
    from tests.conftest import run_tffix

    return run_tffix("bulk", *args, cwd=cwd, env=env, timeout=timeout)
