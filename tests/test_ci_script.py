"""``.ci/run`` leaves no venv behind, even when the run fails."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = [
    pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash"),
    pytest.mark.slow,  # creates a venv with pip: 5 s alone, far more on a busy machine
]


def test_ci_run_removes_its_venv_when_the_install_fails(tmp_path: Path) -> None:
    """The script runs on a project whose install cannot succeed offline (its
    build backend is not to be had), so it stops after creating its venv: the
    temporary directory holding it must be gone afterwards."""
    project = tmp_path / "project"
    (project / ".ci").mkdir(parents=True)
    shutil.copy(REPO / ".ci" / "run", project / ".ci" / "run")
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["no-such-backend-tffix-test"]\n'
        'build-backend = "no_such_backend"\n\n[project]\nname = "p"\nversion = "0"\n'
    )
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": ""}
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(
        ["bash", str(project / ".ci" / "run")],
        env=env, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode != 0, done.stdout
    assert "no-such-backend-tffix-test" in done.stdout + done.stderr  # failed where meant to
    assert list(scratch.iterdir()) == []
