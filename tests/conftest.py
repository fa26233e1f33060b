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


# Test modules with no test in the fast subset (`pytest -m "not slow"`), and why.
# Every other module must keep at least one fast test, so that the fast subset
# still exercises each package; the check below fails the collection when a
# module loses its last fast test, or when one listed here gains one.
ALL_SLOW = {
    "tests/bulk/test_campaign.py": "campaigns over many generated git repositories",
    "tests/bulk/test_failures.py": "whole campaigns through the CLI: seconds each",
    "tests/bulk/test_timeouts.py": "campaigns that wait for stalls and time limits",
    "tests/bulk/test_untrusted.py": "git repositories and a tffix process per case",
    "tests/commands/test_cache_output.py": "three tffix processes per output mode",
    "tests/codemods/test_metamorphic.py": "every corpus case in every variant",
    "tests/codemods/test_never_silent.py": "every codemod over every corpus",
    "tests/codemods/test_shared_corpus.py": "the whole shared corpus",
    "tests/engine/test_convergence.py": "tffix processes to a fixed point",
    "tests/engine/test_first_contact.py": "a tffix process per scenario, many per test",
    "tests/engine/test_kill.py": "kills tffix processes at each write step",
    "tests/integration/test_incident_stack.py": "whole stacks through the CLI",
    "tests/integration/test_incident_stack2.py": "whole stacks through the CLI",
    "tests/lsp/test_server.py": "an editor session over stdio per test",
    "tests/syntax/test_linearity.py": "times parsing over growing inputs",
    "tests/syntax/test_memory.py": "measures memory over large generated inputs",
    "tests/test_ci_script.py": "creates a venv with pip",
    "tests/test_entry_points.py": "git repositories, bash and a tffix process per case",
    "tests/test_types.py": "mypy over the whole package",
}


# Sweeps that run every corpus case through another form of the module: the
# fast subset keeps the first case of each corpus directory (each codemod),
# the others are marked slow (all of them run in the full suite).
SAMPLED_SWEEPS = (
    "tests/engine/test_split_module.py::test_split_module_gives_the_same_findings_and_fixes",
    "tests/json/test_split_json.py::test_json_declared_blocks_get_the_same_findings_and_fixes",
)


def _sample_sweeps(items: list[pytest.Item]) -> None:
    kept: set[tuple[str, str]] = set()
    for item in items:
        test, _, case = item.nodeid.partition("[")
        if test not in SAMPLED_SWEEPS:
            continue
        directory = case.split("/", 1)[0]
        if (test, directory) in kept:
            item.add_marker(pytest.mark.slow)
        else:
            kept.add((test, directory))


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects: every collected test counts
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    _sample_sweeps(items)
    chosen = any("::" in arg for arg in config.args)
    if chosen or config.getoption("--deselect") or config.getoption("keyword"):
        return  # a chosen few tests: the modules are not all there
    fast: dict[str, bool] = {}
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        fast[module] = fast.get(module, False) or item.get_closest_marker("slow") is None
    problems = [
        f"{module}: every test is marked slow; keep a fast one or list it in ALL_SLOW"
        for module, has_fast in sorted(fast.items())
        if not has_fast and module not in ALL_SLOW
    ] + [
        f"{module}: listed in ALL_SLOW but has fast tests; take it off the list"
        for module, has_fast in sorted(fast.items())
        if has_fast and module in ALL_SLOW
    ]
    if problems:
        raise pytest.UsageError("tests/conftest.py ALL_SLOW:\n" + "\n".join(problems))
