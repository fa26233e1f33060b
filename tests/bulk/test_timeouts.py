"""A repository that stalls does not stall the campaign; oversized or slow modules are reported.

Before, `tffix bulk` ran repositories one after the other in its own
process with no limit: one that never finished (a file that takes forever
to parse, a server that accepts a connection and never answers) left the
campaign without progress, without report, and the next repository never
processed.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.bulk.gitrepos import git_env, make_remote, run_bulk

pytestmark = pytest.mark.slow  # campaigns that wait for stalls and time limits

NEEDS_FIX = b'resource "aws_kms_key" "k" {\n  description = "no rotation"\n}\n'


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "home").mkdir()
    return git_env(tmp_path / "home")


class SilentServer:
    """Accepts connections on 127.0.0.1 and never answers: a git server that hangs."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.connections: list[socket.socket] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/acme/stalls.git"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(conn)

    def closed_by_client(self) -> bool:
        """Every connection was closed by the other side (its process was killed)."""
        for conn in self.connections:
            conn.settimeout(5)
            try:
                while conn.recv(65536):
                    pass
            except OSError:
                return False
        return bool(self.connections)

    def close(self) -> None:
        self.stop.set()
        self.sock.close()
        self.thread.join(5)
        for conn in self.connections:
            conn.close()


def _entries(report: Path) -> dict[str, dict]:
    return {e["repo"]: e for e in json.loads(report.read_text())["repositories"]}


def test_a_repository_that_stalls_is_stopped_and_the_campaign_goes_on(
    tmp_path: Path, env: dict
) -> None:
    good = make_remote(tmp_path, "acme", "infra", {"main.tf": NEEDS_FIX}, env)
    server = SilentServer()
    try:
        report = tmp_path / "r.json"
        args = ["--repo", server.url, "--repo", str(good), "--workdir", str(tmp_path / "w")]
        started = time.monotonic()
        done = run_bulk(*args, "--timeout", "4", "--report", str(report), cwd=tmp_path, env=env,
                        timeout=120)  # fmt: skip
        elapsed = time.monotonic() - started
        assert done.returncode == 1, done.stderr
        entries = _entries(report)
        stalled = entries[server.url]
        assert stalled["status"] == "failed"
        assert stalled["errors"] == [
            "timed out after 4 s (per-repository timeout); its work was stopped and nothing "
            "more was done"
        ]
        assert 4 <= stalled["seconds"] < 30
        assert entries[str(good)]["status"] == "changed"
        assert elapsed < 60
        assert "[1/2]" in done.stderr and "[2/2]" in done.stderr
        assert server.closed_by_client(), "the git command it started was killed too"
    finally:
        server.close()


def test_stalled_repositories_do_not_hold_the_other_workers(tmp_path: Path, env: dict) -> None:
    remotes = [
        make_remote(tmp_path, "acme", f"infra{i}", {"main.tf": NEEDS_FIX}, env) for i in range(3)
    ]
    server = SilentServer()
    try:
        report = tmp_path / "r.json"
        args = ["--repo", server.url, *(a for r in remotes for a in ("--repo", str(r)))]
        args += ["--workdir", str(tmp_path / "w"), "--report", str(report), "-j", "2"]
        done = run_bulk(*args, "--timeout", "20", cwd=tmp_path, env=env, timeout=120)
        assert done.returncode == 1, done.stderr
        entries = _entries(report)
        assert [entries[str(r)]["status"] for r in remotes] == ["changed"] * 3
        assert "timed out after 20 s" in entries[server.url]["errors"][0]
        # The other worker did all three while the first one waited.
        finished = [line for line in done.stderr.splitlines() if line.startswith("[")]
        assert server.url in finished[-1]
    finally:
        server.close()


def test_a_slow_module_and_an_oversized_file_fail_their_repository_only(
    tmp_path: Path, env: dict
) -> None:
    blocks = "".join(
        f'resource "aws_kms_key" "k{i}" {{\n  description = "x{i}"\n}}\n' for i in range(40000)
    )
    slow = make_remote(tmp_path, "acme", "slow", {"main.tf": blocks.encode()}, env)
    # Its own configuration asks for more room: a repository may lower the limit only.
    big = make_remote(
        tmp_path, "acme", "big",
        {"main.tf": NEEDS_FIX + b"# pad\n" * 600_000, ".tffix.toml": b'max-file-size = "1GB"\n'},
        env,
    )  # fmt: skip
    good = make_remote(tmp_path, "acme", "good", {"main.tf": NEEDS_FIX}, env)
    report = tmp_path / "r.json"
    args = [a for r in (slow, big, good) for a in ("--repo", str(r))]
    args += ["--workdir", str(tmp_path / "w"), "--report", str(report)]
    done = run_bulk(*args, "--module-timeout", "1", "--max-file-size", "3MB", cwd=tmp_path,
                    env=env, timeout=300)  # fmt: skip
    assert done.returncode == 1, done.stderr
    entries = _entries(report)
    assert entries[str(slow)]["status"] == "failed"
    assert any(
        "timed out after 1 s while parsing" in e and "(module time budget)" in e
        for e in entries[str(slow)]["errors"]
    ), entries[str(slow)]["errors"]
    assert entries[str(big)]["status"] == "failed"
    assert any(
        e.endswith("main.tf: skipped: larger than 3 MB (max-file-size)")
        for e in entries[str(big)]["errors"]
    ), entries[str(big)]["errors"]
    assert entries[str(good)]["status"] == "changed", entries[str(good)]["errors"]


def test_a_clone_stopped_mid_work_is_started_afresh(tmp_path: Path, env: dict) -> None:
    """A kill leaves the clone as it was (a git lock file, half-written fixes): the next
    run must not trip over it."""
    # seconds to parse, however fast the parser gets: the run stops at 1 s
    values = "".join(f'  a{i} = "x{i}"\n' for i in range(300000))
    files = {"main.tf": NEEDS_FIX, "locals.tf": f"locals {{\n{values}}}\n".encode()}
    slow = make_remote(tmp_path, "acme", "slow", files, env)
    report = tmp_path / "r.json"
    args = ["--repo", str(slow), "--workdir", str(tmp_path / "w"), "--report", str(report)]
    done = run_bulk(*args, "--timeout", "1", "--module-timeout", "0", cwd=tmp_path, env=env,
                    timeout=120)  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "timed out after 1 s" in _entries(report)[str(slow)]["errors"][0]
    # The clone it was working in is gone (on a loaded machine the second may end before
    # the work directory was even made: then there is nothing to leave behind either).
    work = tmp_path / "w"
    assert not work.exists() or list(work.iterdir()) == []
    again = run_bulk(*args, "--timeout", "600", cwd=tmp_path, env=env, timeout=700)
    assert again.returncode == 0, _entries(report)[str(slow)]["errors"]
    assert _entries(report)[str(slow)]["status"] == "changed"


def test_a_bad_size_is_a_usage_error(tmp_path: Path, env: dict) -> None:
    done = run_bulk("--repo", str(tmp_path), "--max-file-size", "huge", cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert "--max-file-size: not a size: 'huge'" in done.stderr
