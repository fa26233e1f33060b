"""A run killed at any moment leaves every file either old or new, never half-written.

The kill is made deterministic: the tffix process is started with
``os.replace`` wrapped so that it SIGKILLs itself at the 50th file, after
the new content is on disk in the temporary file and before the rename,
the worst moment. A second test kills a real run after a random delay.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow  # kills tffix processes at each write step

OLD = 'resource "aws_kms_key" "k" {\n  description = "%d"\n}\n'
NEW = (
    'resource "aws_kms_key" "k" {\n  description         = "%d"\n  enable_key_rotation = true\n}\n'
)

KILL_AT_50TH_RENAME = """
import os, signal, sys
import tffix.cst.write as write
calls = [0]
real_replace = os.replace
def replace(src, dst):
    calls[0] += 1
    if calls[0] == 50:
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(src, dst)
write.os = type(sys)("os_proxy")
write.os.__dict__.update(os.__dict__)
write.os.replace = replace
from tffix.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def make_tree(root: Path, count: int) -> None:
    for i in range(count):
        directory = root / f"m{i:03d}"
        directory.mkdir()
        (directory / "main.tf").write_text(OLD % i)


def states(root: Path, count: int) -> dict[str, int]:
    seen = {"old": 0, "new": 0}
    for i in range(count):
        text = (root / f"m{i:03d}" / "main.tf").read_text()
        if text == OLD % i:
            seen["old"] += 1
        elif text == NEW % i:
            seen["new"] += 1
        else:
            pytest.fail(f"m{i:03d}/main.tf is neither the old nor the new content:\n{text}")
    return seen


def test_kill_between_temp_file_and_rename(tmp_path: Path) -> None:
    count = 120
    make_tree(tmp_path, count)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", KILL_AT_50TH_RENAME, "--jobs", "1", "--no-cache", str(tmp_path)],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert states(tmp_path, count) == {"old": count - 49, "new": 49}
    leftovers = [p for p in tmp_path.rglob(".*") if p.is_file()]
    assert len(leftovers) == 1  # the temporary file of the 50th write, hidden, harmless


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_killed_real_run_leaves_only_old_or_new_files(tmp_path: Path, seed: int) -> None:
    count = 200
    make_tree(tmp_path, count)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tffix", "--jobs", "1", "--no-cache", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    time.sleep(random.Random(seed).uniform(0.3, 2.0))
    process.send_signal(signal.SIGKILL)
    process.wait()
    seen = states(tmp_path, count)
    assert seen["old"] + seen["new"] == count


def test_the_next_run_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    count = 60
    make_tree(tmp_path, count)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AT_50TH_RENAME, "--jobs", "1", "--no-cache", str(tmp_path)],
        capture_output=True,
        env=env,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    (leftover,) = [p for p in tmp_path.rglob(".*") if p.is_file()]
    again = subprocess.run(
        [sys.executable, "-m", "tffix", "--jobs", "1", "--no-cache", str(tmp_path)],
        capture_output=True,
        env=env,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert not leftover.exists()  # its writer is dead: removed by the write beside it
    assert [p for p in tmp_path.rglob(".*") if p.is_file()] == []
    assert states(tmp_path, count) == {"old": 0, "new": count}
