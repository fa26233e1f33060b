"""Opt-in: checkov, an independent scanner, agrees that the fixes fix.

Runs only with ``TFFIX_CHECKOV=1`` and checkov installed (``CHECKOV`` names
its path, else it is looked up on PATH): checkov is heavy and slow, so this
is not part of the default suite. On a copy of terragoat, every check ID a
safe codemod satisfies is counted by ``../shared/tools/checkov_count``
before and after ``tffix`` runs; failures of those checks must not grow,
and those that the codemods claim to fix must drop.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SHARED_CORPUS, copy_writable
from tffix.engine.codemod import Safety
from tffix.engine.registry import all_codemods

CHECKOV = os.environ.get("CHECKOV") or shutil.which("checkov")
TOOL = SHARED_CORPUS.parent / "tools" / "checkov_count"
TERRAGOAT = SHARED_CORPUS / "bridgecrewio+terragoat" / "terraform" / "aws"

pytestmark = [
    pytest.mark.checkov,
    pytest.mark.skipif(os.environ.get("TFFIX_CHECKOV") != "1", reason="opt-in: TFFIX_CHECKOV=1"),
    pytest.mark.skipif(CHECKOV is None, reason="checkov not installed (set CHECKOV=path)"),
    pytest.mark.skipif(not TOOL.exists(), reason=f"{TOOL} not found"),
]


def counts(directory: Path, checks: list[str]) -> dict[str, tuple[int, int]]:
    env = {**os.environ, "CHECKOV": CHECKOV or "checkov"}
    done = subprocess.run(
        [str(TOOL), "--checks", ",".join(checks), str(directory)],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    out = {}
    for line in done.stdout.splitlines():
        check, failed, passed = line.split()
        out[check] = (int(failed), int(passed))
    return out


def test_checkov_failures_drop_on_terragoat(tmp_path: Path) -> None:
    codemods = [c for c in all_codemods() if c.safety is Safety.SAFE and c.checks]
    checks = sorted({check for c in codemods for check in c.checks})
    work = tmp_path / "aws"
    copy_writable(TERRAGOAT, work)
    before = counts(work, checks)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-m", "tffix", "-q", str(work)], env=env, check=False)
    after = counts(work, checks)
    print("\ncheck       failed before -> after")
    for check in checks:
        print(f"{check:<11} {before[check][0]:>6} -> {after[check][0]}")
    for check in checks:
        assert after[check][0] <= before[check][0], check
    assert sum(a for a, _ in after.values()) < sum(b for b, _ in before.values())
