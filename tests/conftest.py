"""Shared test fixtures: where the corpora are, and how to skip without them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

# The codemod contract is checked on every run the tests make, in-process and
# in subprocesses (which inherit the environment): an edit without a ``fixed``
# finding, or a triggered block without a decision, fails the test.
os.environ["TFFIX_STRICT"] = "1"

REPO = Path(__file__).resolve().parents[1]
OWN_CORPUS = REPO / "corpus"
# Real-world Terraform beside the checkout (never copied into the repo).
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


def run_tffix(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """``tffix ARGS`` in a fresh process, as a user runs it, with this checkout's code."""
    full = {**(os.environ if env is None else env), "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "tffix", *map(str, args)],
        cwd=cwd, env=full, capture_output=True, text=True, check=False, timeout=timeout,
    )  # fmt: skip


def copy_writable(source: Path, target: Path) -> Path:
    """A copy of ``source`` that tffix may write to.

    CI lays out ../shared without write bits, and tffix refuses to replace a
    read-only file (as ``terraform fmt`` does): a copy that kept the modes
    would test that refusal instead of the fixes.
    """
    shutil.copytree(source, target, copy_function=shutil.copyfile)
    for path in [target, *target.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | 0o200)
    return target


def shared_corpus_files() -> list[Path]:
    """Every .tf file of ../shared/corpus, or [] when it is absent."""
    if not SHARED_CORPUS.is_dir():
        return []
    return sorted(SHARED_CORPUS.rglob("*.tf"))


def roundtrip_files() -> list[Path]:
    return sorted((OWN_CORPUS / "roundtrip").glob("*.tf"))


def corpus_id(path: Path) -> str:
    try:
        return str(path.relative_to(SHARED_CORPUS))
    except ValueError:
        return str(path.relative_to(REPO))


@pytest.fixture(scope="session")
def shared_files() -> list[Path]:
    files = shared_corpus_files()
    if not files:
        pytest.skip(f"shared corpus not found at {SHARED_CORPUS}")
    return files


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests (and the tffix processes they start) never share the user's cache."""
    monkeypatch.setenv("TFFIX_CACHE_DIR", str(tmp_path_factory.mktemp("tffix-cache")))
