"""Parallel, serial, cached: the same run gives the same output whichever way it ran.

Work is split across worker processes by size and results come back in any
order; the cache answers unchanged modules without running them. None of
that may show in the output: diffs, findings, notes and errors are compared
between ``jobs=1`` and ``jobs=2`` (an explicit ``jobs`` starts the workers
whatever the size) and between a cold and a warm cache.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tffix.engine import jobs, session
from tffix.engine.cache import Cache
from tffix.engine.session import RunReport, run, select_codemods

REPO = Path(__file__).resolve().parents[2]


def _tree(tmp_path: Path, count: int = 30) -> Path:
    """One module per corpus case (its ``before`` file as main.tf), ``count`` of them."""
    root = tmp_path / "tree"
    cases = sorted((REPO / "corpus").glob("[AT][WF]*/*.before.tf"))[:count]
    assert len(cases) == count, "the corpus holds fewer cases than the test needs"
    for case in cases:
        module = root / f"{case.parent.name}_{case.name.removesuffix('.before.tf')}"
        module.mkdir(parents=True)
        shutil.copyfile(case, module / "main.tf")
    return root


def _output(report: RunReport, *, notes: bool = True) -> list[object]:
    """Everything a run shows, module by module, in a form to compare (``notes``: the
    ``fine`` decisions listed under -v, which the cache does not keep)."""
    return [
        (
            module.directory,
            [(f.path, f.diff()) for f in module.changed_files],
            module.findings,
            module.notes if notes else None,
            module.errors,
        )
        for module in report.modules
    ]


@pytest.mark.slow  # worker processes
def test_jobs_1_and_2_give_the_same_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = _tree(tmp_path)
    codemods = select_codemods(["ALL"], unsafe=True)
    serial = run([str(tree)], codemods, dry_run=True, jobs=1)
    # Workers even for this small tree (below the size where they pay, -j 2 runs in-process).
    monkeypatch.setattr(session, "PARALLEL_MIN_BYTES", 0)
    assert session._workers(2, [(str(tree), [], None)] * 3) == 2  # workers, not in-process
    parallel = run([str(tree)], codemods, dry_run=True, jobs=2)
    assert any(module.changed_files for module in serial.modules)  # there was work to do
    assert _output(parallel) == _output(serial)


def test_cold_and_warm_cache_give_the_same_output(tmp_path: Path) -> None:
    tree = _tree(tmp_path, count=12)
    codemods = select_codemods(["ALL"], unsafe=True)
    cache = Cache(tmp_path / "cache")
    cold = run([str(tree)], codemods, dry_run=True, jobs=1, cache=cache)
    warm = run([str(tree)], codemods, dry_run=True, jobs=1, cache=cache)
    assert any(module.changed_files for module in cold.modules)
    assert _output(warm, notes=False) == _output(cold, notes=False)


@pytest.mark.slow  # worker processes
def test_workers_forked_before_any_import_do_the_work(tmp_path: Path) -> None:
    """``jobs=2`` is two workers: the first forked before the codemods and the runner
    are imported here, at the first module the cache does not answer (with an empty
    cache, before the callers are searched for), before the other keys are computed (it
    imports meanwhile: a serial part before the workers started kept -j 2 at 1.5x), the
    second forked from it with all that imported; this process imports none of it and
    runs no module; the report is the one ``jobs=1`` gives, cold and warm."""
    import json
    import os
    import subprocess
    import sys

    tree = _tree(tmp_path, count=8)
    probe = (
        "import json, os, sys\n"
        "from pathlib import Path\n"
        "from tffix.analysis import roots\n"
        "from tffix.engine import jobs, session\n"
        "from tffix.engine.cache import Cache\n"
        "from tffix.engine.registry import catalog\n"
        "seen = []\n"
        "class Workers(jobs.Workers):\n"
        "    def __init__(self, count, *args):\n"
        "        seen.append([count, sorted(m for m in sys.modules\n"
        "            if m.startswith('tffix.codemods.') and '_catalog' not in m),\n"
        "            'tffix.engine.runner' in sys.modules,\n"
        "            bool(roots.run_state().listings)])\n"
        "        super().__init__(count, *args)\n"
        "jobs.Workers = Workers\n"
        "real = session._work\n"
        "def work(*args):\n"
        "    with open(sys.argv[2], 'a') as f:\n"
        "        f.write(f'{os.getpid()}\\n')\n"
        "    return real(*args)\n"
        "session._work = work\n"
        "session.PARALLEL_MIN_BYTES = 0\n"
        "entries = [e for e in catalog() if e.code in ('AWS003', 'AWS009')]\n"
        "cache = Cache(Path(sys.argv[3]))\n"
        "cold = session.run([sys.argv[1]], entries, dry_run=True, jobs=2, cache=cache)\n"
        "warm = session.run([sys.argv[1]], entries, dry_run=True, jobs=2, cache=cache)\n"
        "session._work = real\n"
        "serial = session.run([sys.argv[1]], entries, dry_run=True, jobs=1)\n"
        "same = [r.json_text() == serial.json_text() for r in (cold, warm)]\n"
        "try:\n"
        "    left = os.waitpid(-1, os.WNOHANG)[0]\n"
        "except ChildProcessError:\n"
        "    left = 0\n"
        "print(json.dumps([os.getpid(), seen, len(cold.modules), same, left]))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    pids = tmp_path / "pids"
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tree), str(pids), str(tmp_path / "cache")],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    parent, seen, modules, same, left = json.loads(done.stdout.splitlines()[-1])
    assert modules == 8 and same == [True, True]
    if not jobs.AVAILABLE:  # a process pool instead: see test_without_fork_a_process_pool
        return
    # Workers for the cold run, forked before any codemod or the runner was imported
    # here (the cold run imported none of them either) and, the cache being empty,
    # before the callers were searched for; none for the warm one, which the cache
    # answered.
    assert seen == [[2, [], False, False]]
    assert left == 0  # no worker left behind, not even a zombie
    ran = [int(line) for line in pids.read_text().split()]
    assert len(ran) == 8 and parent not in ran and len(set(ran)) == 2  # the warm run ran none


@pytest.mark.slow  # worker processes
def test_without_fork_a_process_pool_gives_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where workers cannot be forked (not Linux), a process pool does the work."""
    tree = _tree(tmp_path, count=8)
    codemods = select_codemods(["ALL"], unsafe=True)
    serial = run([str(tree)], codemods, dry_run=True, jobs=1)
    monkeypatch.setattr(session, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(jobs, "AVAILABLE", False)
    made = []
    real = session._shared

    def shared(*args: Any) -> Any:
        made.append(args[1])
        return real(*args)

    monkeypatch.setattr(session, "_shared", shared)
    parallel = run([str(tree)], codemods, dry_run=True, jobs=2)
    assert made == [2]
    assert _output(parallel) == _output(serial)


@pytest.mark.slow  # worker processes
def test_a_worker_that_dies_is_reported_and_the_run_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed (out of memory, a signal): the modules it had are errors of those
    modules (never run again, where they might kill another process too), and when
    every worker is gone the modules left run in this process: the run ends."""
    import os

    tree = _tree(tmp_path, count=8)
    parent = os.getpid()
    real = session._work

    def dying(*args: object) -> object:
        if os.getpid() != parent:
            os._exit(9)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(session, "_work", dying)
    monkeypatch.setattr(session, "PARALLEL_MIN_BYTES", 0)
    codemods = select_codemods(["AWS003", "AWS009"])
    report = run([str(tree)], codemods, dry_run=True, jobs=2)
    assert len(report.modules) == 8
    failed = [m for m in report.modules if m.errors]
    assert failed and all("internal error" in m.errors[0] for m in failed)
    assert len(failed) < 8  # this process ran those no worker had


@pytest.mark.slow  # worker processes
def test_a_broken_contract_in_a_worker_ends_the_run_and_its_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``ContractError`` (a codemod's bug the tests must see) raised in a worker is
    raised here, as in a run without workers, and no worker outlives the run."""
    import os

    from tffix.engine.results import ContractError

    tree = _tree(tmp_path, count=8)
    parent = os.getpid()
    real = session._work

    def breaking(*args: object) -> object:
        if os.getpid() != parent:
            raise ContractError("AWS003 edited code without a fixed finding")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(session, "_work", breaking)
    monkeypatch.setattr(session, "PARALLEL_MIN_BYTES", 0)
    codemods = select_codemods(["AWS003", "AWS009"])
    with pytest.raises(ContractError, match="without a fixed finding"):
        run([str(tree)], codemods, dry_run=True, jobs=2)
    with pytest.raises(ChildProcessError):  # none left, not even a zombie
        os.waitpid(-1, os.WNOHANG)
