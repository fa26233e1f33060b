"""A run answered from the cache prints exactly what the cold run printed.

The cache stores each module's result; whatever a report shows (diffs, findings,
`-v` notes, statistics, the machine formats) must come out of that entry the
same as out of the run that made it, or a user sees a different report for the
same command depending on whether a run came before it.
"""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

import pytest

from tests.conftest import REPO, run_tffix

if TYPE_CHECKING:
    from pathlib import Path

MODES = [
    [],
    ["-v"],
    ["--unsafe-fixes", "-v"],
    ["--statistics"],
    ["--show-fixes"],
    ["--format", "json"],
    ["--format", "sarif"],
    ["--format", "github"],
    ["--format", "pr-markdown"],
]


def _tree(tmp_path: Path) -> Path:
    """The README example and corpus cases that give fixes, manual findings and notes."""
    root = tmp_path / "infra"
    shutil.copytree(REPO / "examples" / "s3-kms", root / "s3-kms")
    cases = sorted((REPO / "corpus").glob("AWS00[2-9]/*.before.tf"))[:12]
    assert len(cases) == 12, "the corpus holds fewer cases than the test needs"
    for case in cases:
        module = root / f"{case.parent.name}_{case.name.removesuffix('.before.tf')}"
        module.mkdir()
        shutil.copyfile(case, module / "main.tf")
    return root


@pytest.mark.slow  # 27 runs of the command
@pytest.mark.parametrize("mode", MODES, ids=lambda mode: " ".join(mode) or "default")
def test_warm_run_prints_what_the_cold_run_printed(tmp_path: Path, mode: list[str]) -> None:
    tree = _tree(tmp_path)
    env = {**os.environ, "TFFIX_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    args = ["--dry-run", *mode, "-j", "1", tree]
    uncached = run_tffix(*args, "--no-cache", env=env, cwd=tmp_path)
    cold = run_tffix(*args, env=env, cwd=tmp_path)
    warm = run_tffix(*args, env=env, cwd=tmp_path)
    assert cold.returncode in (0, 1), cold.stderr
    assert uncached.stdout.strip()  # the mode printed something to compare
    assert any((tmp_path / "cache").rglob("*")), "the cold run wrote no cache entry"
    for run in (cold, warm):
        assert (run.returncode, run.stdout, run.stderr) == (
            uncached.returncode,
            uncached.stdout,
            uncached.stderr,
        )
