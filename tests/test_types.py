"""tffix type-checks clean with mypy, as configured in pyproject.toml.

``.ci/run`` runs mypy before the tests; this test makes the full suite, what
a developer runs before landing, say so too (mypy reads the checkout's
``tffix``, and the codemods through its ``tffix/codemods`` link).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO


@pytest.mark.slow  # seconds with mypy's cache, ~15 s without
def test_mypy_finds_no_type_errors() -> None:
    if importlib.util.find_spec("mypy") is None:  # a test dependency, not an optional one
        pytest.fail("mypy is not installed here: pip install -e '.[test]'")
    done = subprocess.run(
        [sys.executable, "-m", "mypy"],
        cwd=REPO, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    # Every module was checked, the codemods (reached through the link) included.
    sources = [f for _d, _s, files in os.walk(REPO / "tffix", followlinks=True) for f in files]
    checked = sum(f.endswith(".py") for f in sources)
    assert f"Success: no issues found in {checked} source files" in done.stdout
