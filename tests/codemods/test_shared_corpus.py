"""Every codemod over all of ../shared/corpus: no crash, valid output, idempotent.

All codemods run (unsafe ones included) on a copy of the real modules and
terragoat. Then every changed file must re-parse, be ``terraform fmt``
clean (the oracle, one run over the whole copy; files that were not clean
before are excluded since TF001 formats them and the oracle decides), and a
second run must change nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import tffix
from tests.conftest import SHARED_CORPUS, copy_writable
from tffix.engine.registry import all_codemods
from tffix.engine.session import run

TERRAFORM = shutil.which("terraform")
pytestmark = pytest.mark.skipif(
    not SHARED_CORPUS.is_dir(), reason=f"shared corpus absent: {SHARED_CORPUS}"
)


@pytest.mark.slow
def test_all_codemods_over_the_shared_corpus(tmp_path: Path) -> None:
    work = tmp_path / "corpus"
    copy_writable(SHARED_CORPUS, work)
    codemods = all_codemods()
    first = run([str(work)], codemods, jobs=2)
    assert not first.errors, first.errors[:5]
    assert first.written, "the corpus has fixable code: expected some files to change"
    for path in first.written:
        tffix.parse_file(path)  # raises if a written file does not parse
    if TERRAFORM is not None:
        env = {**os.environ, "TF_CLI_CONFIG_FILE": os.devnull}
        done = subprocess.run(
            [TERRAFORM, "fmt", "-check", "-list=true", "-recursive", str(work)],
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
        assert done.returncode == 0, f"not fmt clean after tffix: {done.stdout[:2000]}"
    second = run([str(work)], codemods, jobs=2)
    assert not second.errors
    assert second.written == [], f"second run changed files: {second.written[:10]}"
    assert [f for f in second.findings if f.status.value == "fixed"] == []
