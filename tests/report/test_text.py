"""Findings folded for a terminal, one line each for pipes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.conftest import REPO, run_tffix
from tffix.report.text import fold

if TYPE_CHECKING:
    from pathlib import Path

FINDING = re.compile(r"^\S+:\d+:\d+ [A-Z]+\d+ ")
URL = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html"


def test_fold_keeps_every_word_and_never_breaks_a_link() -> None:
    line = "main.tf:3:1 AWS008 " + " ".join(["word"] * 40) + f" ({URL}) [fixable]"
    folded = fold(line, 60)
    assert len(folded) > 1
    assert folded[0].startswith("main.tf:3:1 AWS008 word")
    assert all(later.startswith("    ") for later in folded[1:])
    assert all(len(part) <= 60 for part in folded if URL not in part)
    assert any(part.strip() == f"({URL})" for part in folded)
    assert " ".join(part.strip() for part in folded) == line


def test_fold_leaves_a_short_line_alone() -> None:
    assert fold("main.tf:1:1 AWS003 short [fixable]", 80) == ["main.tf:1:1 AWS003 short [fixable]"]


def test_piped_output_keeps_one_line_per_finding() -> None:
    result = run_tffix("--dry-run", "--no-cache", REPO / "examples")
    findings = [line for line in result.stdout.splitlines() if FINDING.match(line)]
    assert len(findings) == 4
    assert max(len(line) for line in findings) > 300  # the long AWS008 message, unfolded


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_terminal_output_folds_long_findings(tmp_path: Path) -> None:
    import pty

    main, side = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "100", "NO_COLOR": "1"}
    with open(os.devnull, "w") as devnull:
        process = subprocess.Popen(
            [sys.executable, "-m", "tffix", "--dry-run", "--no-cache", str(REPO / "examples")],
            stdout=side, stderr=devnull, env=env, cwd=tmp_path,
        )  # fmt: skip
    os.close(side)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closes when the process exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=600)
    os.close(main)
    lines = b"".join(chunks).decode().replace("\r\n", "\n").splitlines()
    start = next(i for i, line in enumerate(lines) if FINDING.match(line))
    findings = lines[start:]
    assert sum(bool(FINDING.match(line)) for line in findings) == 4
    assert any(line.startswith("    ") for line in findings)  # folded continuation lines
    assert all(len(line) <= 100 for line in findings if "https://" not in line)
