"""A whole run: choose codemods, find modules, fix them in parallel, report.

The command line is a thin layer over ``run``; bots and tests call it
directly. Work is split by module (a directory), since codemods reason
across the files of one module; modules run in worker processes when
``jobs > 1``, each worker parsing and fixing its module independently.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from tffix.engine import timeline
from tffix.engine.cache import Cache, module_key
from tffix.engine.codemod import Codemod, Finding, Safety, Status
from tffix.engine.files import DEFAULT_MAX_FILE_SIZE, ModuleFiles, find_modules, read_regular
from tffix.engine.registry import Entry, acting, catalog, load
from tffix.engine.results import ContractError, ConvergenceError, FileResult, ModuleResult

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any

    from tffix.engine.config import Config
    from tffix.engine.jobs import Workers


def run_module(*args: Any, **kwargs: Any) -> ModuleResult:
    """``tffix.engine.runner.run_module``, imported when a module is run.

    A run whose modules all come from the cache runs none: the runner and
    what it imports (parser, analysis, layout, JSON) are then not loaded.
    """
    from tffix.engine.runner import run_module as run

    return run(*args, **kwargs)


def write_results(result: ModuleResult) -> list[str]:
    """``tffix.engine.runner.write_results``, imported when a module is written."""
    from tffix.engine.runner import write_results as write

    return write(result)


class SelectionError(ValueError):
    """A --select/--ignore code that no codemod has."""


def _expand(patterns: Iterable[str], what: str, known: Sequence[Entry]) -> set[str]:
    """The codes ``patterns`` name: codes, names, prefixes (``AWS``) or ``ALL``."""
    codes: set[str] = set()
    for raw in patterns:
        parts = [p.strip() for p in raw.split(",")]
        if not any(parts):
            raise SelectionError(f"{what}: empty code")
        for pattern in filter(None, parts):
            hits = {
                c.code
                for c in known
                if c.code == pattern.upper()
                or c.name == pattern
                or (pattern.upper() == "ALL")
                or _family_prefix(pattern, c.code)
            }
            if not hits:
                names = ", ".join(c.code for c in known)
                raise SelectionError(f"{what}: no codemod {pattern!r} (known: {names})")
            codes |= hits
    return codes


_PREFIX = re.compile(r"([A-Za-z]+)([0-9]*)")


def _family_prefix(pattern: str, code: str) -> bool:
    """True when ``pattern`` is a prefix of ``code`` within its family of letters.

    ``AWS`` means AWS001...AWS012, not the AWSV4 upgrade family (AWSV401...):
    the letters must be the code's letters exactly, and the digits, if any,
    begin its number (``AWSV4`` is the v3 -> v4 family, ``AWS00`` AWS001-AWS009).
    """
    wanted, have = _PREFIX.fullmatch(pattern), _PREFIX.fullmatch(code)
    if wanted is None or have is None or pattern.upper() == code:
        return False
    return wanted.group(1).upper() == have.group(1) and have.group(2).startswith(wanted.group(2))


def expand_codes(patterns: Iterable[str], what: str) -> set[str]:
    """The codes that codes, names or prefixes name (``SelectionError`` for an unknown one)."""
    return _expand(patterns, what, catalog())


def _chosen(
    select: Iterable[str], ignore: Iterable[str], extend_select: Iterable[str]
) -> tuple[list[Entry], set[str]]:
    """(the codemods chosen, whatever their safety; the codes named explicitly).

    From the catalog: only the codemods a run keeps are imported (by the callers).
    """
    known = catalog()
    select, extend_select = list(select), list(extend_select)
    named = _expand(select, "--select", known) if select else set()
    named |= _expand(extend_select, "--extend-select", known)
    default = {c.code for c in known if c.default_selected}
    selected = (named if select else default | named) - _expand(ignore, "--ignore", known)
    return [c for c in known if c.code in selected], named & selected


def _selected(
    select: Iterable[str], ignore: Iterable[str], unsafe: bool, extend_select: Iterable[str]
) -> list[Entry]:
    """``select_codemods``, as catalog entries (nothing imported)."""
    chosen, _named = _chosen(select, ignore, extend_select)
    return [c for c in chosen if unsafe or c.safety is Safety.SAFE]


def _hidden(
    select: Iterable[str], ignore: Iterable[str], unsafe: bool, extend_select: Iterable[str]
) -> list[Entry]:
    """``hidden_codemods``, as catalog entries (nothing imported)."""
    if unsafe:
        return []
    chosen, named = _chosen(select, ignore, extend_select)
    return [
        c
        for c in chosen
        if c.safety is not Safety.SAFE and (c.code in named or c.reports_by_default)
    ]


def select_codemods(
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    *,
    unsafe: bool = False,
    extend_select: Iterable[str] = (),
) -> list[type[Codemod]]:
    """The codemods to run, in their fixed order.

    ``select``/``ignore`` take codes (``AWS003``), names (``kms-key-rotation``)
    or prefixes (``AWS``); ``extend_select`` adds to the selection. Without
    ``select``, the default set is every safe codemod that is on by default
    (TF001, formatting, is opt-in: ``tffix fmt`` is the formatter). Unsafe
    codemods run only with ``unsafe``; see ``hidden_codemods`` for the ones
    named but not run.
    """
    return [e.load() for e in _selected(select, ignore, unsafe, extend_select)]


def hidden_codemods(
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    *,
    unsafe: bool = False,
    extend_select: Iterable[str] = (),
) -> list[type[Codemod]]:
    """Unsafe codemods the selection names but ``unsafe`` does not let fix.

    As ruff shows hidden unsafe fixes of the rules a user selected, they run
    for findings only (``fixable``, no edit), so that ``--select AWS004``
    without ``--unsafe-fixes`` is never a silent "0 findings". Unsafe
    codemods nobody selected are not in the default set, and stay quiet,
    except those that declare ``reports_by_default`` (the problem they find
    makes apply fail): those in the selection run for findings only too.
    """
    return [e.load() for e in _hidden(select, ignore, unsafe, extend_select)]


def configured_entries(
    settings: Config,
    select: Iterable[str],
    ignore: Iterable[str],
    *,
    unsafe: bool,
    extend_select: Iterable[str] = (),
    hidden: bool = False,
) -> list[Entry]:
    """``configured_codemods`` as catalog entries: none of them is imported.

    What the command line plans with: a module found in the cache needs no
    codemod, and ``run`` takes entries (workers load what they run).
    """
    choose = _hidden if hidden else _selected
    return choose(
        list(select) or settings.select,
        list(ignore) or settings.ignore,
        unsafe or settings.unsafe_fixes,
        [*settings.extend_select, *extend_select],
    )


def configured_codemods(
    settings: Config,
    select: Iterable[str],
    ignore: Iterable[str],
    *,
    unsafe: bool,
    extend_select: Iterable[str] = (),
    hidden: bool = False,
) -> list[type[Codemod]]:
    """The codemods for a run: command-line selection first, else the configuration's.

    ``extend_select`` (command line) adds to the configuration's
    ``extend-select``; ``hidden`` gives the unsafe codemods that run for
    findings only instead (``hidden_codemods``).
    """
    entries = configured_entries(
        settings, select, ignore, unsafe=unsafe, extend_select=extend_select, hidden=hidden
    )
    return [e.load() for e in entries]


@dataclass
class RunReport:
    """Everything a run produced, for every output format."""

    modules: list[ModuleResult] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    dry_run: bool = False
    # What no module holds: directories that could not be read, and the like.
    problems: list[str] = field(default_factory=list)
    # Codes of the unsafe codemods that ran for findings only (``hidden_codemods``).
    hidden: list[str] = field(default_factory=list)

    @property
    def hidden_fixes(self) -> int:
        """Fixes found by codemods that ran for findings only: ``--unsafe-fixes`` applies them."""
        codes = set(self.hidden)
        return sum(1 for f in self.findings if f.code in codes and f.status is Status.FIXABLE)

    def extend(self, other: RunReport) -> None:
        """Add another part of the same run (modules configured by another file)."""
        self.modules = sorted([*self.modules, *other.modules], key=lambda r: r.directory)
        self.written.extend(other.written)
        self.problems.extend(other.problems)
        self.hidden = sorted({*self.hidden, *other.hidden})

    @property
    def findings(self) -> list[Finding]:
        return [f for m in self.modules for f in m.findings]

    @property
    def errors(self) -> list[str]:
        return [*self.problems, *(e for m in self.modules for e in m.errors)]

    @property
    def changed(self) -> list[str]:
        return [f.path for m in self.modules for f in m.changed_files]

    @property
    def unwritten(self) -> list[str]:
        """Files a real run changed in memory but did not write (each has an error)."""
        if self.dry_run:
            return []
        done = set(self.written)
        return [p for p in self.changed if p not in done]

    def exit_code(self) -> int:
        """0 nothing left to do; 1 changes pending (dry run), fixes not applied (``fixable``:
        an unsafe fix without --unsafe-fixes) or manual findings; 2 errors."""
        if self.errors:
            return 2
        if (self.dry_run and self.changed) or any(
            f.status in (Status.MANUAL, Status.FIXABLE) for f in self.findings
        ):
            return 1
        return 0

    def to_json(self) -> dict[str, Any]:
        from tffix.report.json_report import report_json

        return report_json(self)

    def json_text(self) -> str:
        from tffix.report.json_report import json_text

        return json_text(self)


def _work(
    directory: str,
    paths: list[str],
    writable: list[str] | None,
    codes: list[str],
    options: dict[str, dict[str, Any]],
    dry_run: bool,
    max_rounds: int,
    max_file_size: int | None = DEFAULT_MAX_FILE_SIZE,
    time_limit: float | None = None,
    hidden: Sequence[str] = (),
    file_ignores: dict[str, list[str]] | None = None,
) -> ModuleResult:
    def build(code: str) -> Codemod:
        codemod = load(code)(**options.get(code, {}))
        # per-file-ignores: blocks of these files are waived for the codemod.
        ignored = [p for p, codes in (file_ignores or {}).items() if code in codes]
        if ignored:
            codemod.ignored_files = frozenset(ignored)  # type: ignore[attr-defined]
        return codemod

    def run_codes(chosen: Sequence[str], dry: bool) -> ModuleResult:
        """``run_module`` with the codemods of ``chosen`` that have something to act on.

        A codemod whose resource types no file names is left out, not even
        imported (``registry.acting``). If the others wrote one of those types
        into a file (they may create what it acts on), or failed, all of them
        run again from the files as they are, so the result is that of all
        ``chosen``.
        """

        read: dict[str, tuple[bytes, os.stat_result]] = {}  # by acting, for the first attempt

        def attempt(some: Sequence[str]) -> ModuleResult:
            return run_module(
                directory,
                paths,
                [build(code) for code in some],
                dry_run=dry,
                max_rounds=max_rounds,
                writable=writable,
                max_file_size=max_file_size,
                time_limit=time_limit,
                read=read,
            )

        some = acting(chosen, paths, max_file_size, read=read)
        if len(some) == len(chosen):
            return attempt(chosen)
        try:
            result = attempt(some)
        except (ConvergenceError, ContractError):
            return attempt(chosen)
        left_out = [code for code in chosen if code not in some]
        written = [f.new.encode("utf-8", "surrogateescape") for f in result.changed_files]
        if result.errors or acting(left_out, [], texts=written):
            return attempt(chosen)
        return result

    from tffix.engine import inputs
    from tffix.engine.generated import generator, report_only

    start = time.time()
    origin = generator(directory, paths)
    with inputs.recording() as read:
        # Generated configuration: what would change is only reported (see generated).
        result = _run_all(directory, run_codes, codes, hidden, dry_run or origin is not None)
    if origin is not None:
        result.files = []
        result.findings = report_only(result.findings, origin)
    result.inputs = read
    timeline.mark(f"module {directory}", start)
    return result


def _run_all(
    directory: str,
    run_codes: Callable[[Sequence[str], bool], ModuleResult],
    codes: list[str],
    hidden: Sequence[str],
    dry_run: bool,
) -> ModuleResult:
    """The fix run of one module, then the findings-only run of ``hidden``: any
    failure is this module's, reported as its error."""
    try:
        result = run_codes(codes, dry_run)
        if hidden and not result.errors:
            # Findings only: run on the files as they are on disk (nothing is
            # written before every module is done), keep no edit.
            try:
                found = run_codes(hidden, True).findings
            except ConvergenceError:
                found = []
            result.findings.extend(
                replace(f, status=Status.FIXABLE) if f.status is Status.FIXED else f for f in found
            )
        return result
    except ConvergenceError as exc:
        return ModuleResult(directory, errors=[str(exc)])
    except ContractError:
        raise
    except Exception as exc:  # a bug outside any codemod: still this module's failure only
        return ModuleResult(directory, errors=[_internal_error(directory, exc)])


# Below this many bytes of Terraform, starting worker processes costs more
# than it saves, whatever --jobs asks for; above it, each worker gets at least
# half of it to do (work is counted in bytes, not modules: one big module is
# most of the work of a tree). bench/jobs.py on 2 cores (loaded machine,
# --dry-run --no-cache, shared corpus): 108 files / 200 KB: -j 1 5.2 s, -j 2
# 5.4 s; 443 files / 1.05 MB: 13.8 s, 10.8 s; 852 files / 2.3 MB: 23.5 s, 15.3 s.
# What a worker costs since this process works beside it (``_shared``): its own
# imports and first-module set-up, 0.1-0.2 s of CPU (bench/jobs.py, threshold 0,
# load 11-15: 200 KB -j 1 0.35 s CPU, -j 2 0.44 s; 870 KB 0.93 s, 1.13 s), which
# a tree below this size does not win back on a shared machine. Forked workers
# (``tffix.engine.jobs``, Linux) import once for all, and this process none:
# threshold 0, load 11, 3 runs: 97 KB -j 1 0.33 s CPU, -j 2 0.40 s (the first
# worker imports every selected codemod, -j 1 only those whose types appear);
# 200 KB 0.55 s, 0.54 s; 300 KB 0.64 s, 0.76 s. -j 2 was faster in wall time at
# each size, but not by enough to spend a second core below this size.
PARALLEL_MIN_BYTES = 512_000


def _workers(jobs: int | None, tasks: Sequence[tuple[str, list[str], list[str] | None]]) -> int:
    """Processes working on ``tasks`` (forked workers, or this one and a pool's, see
    ``_shared``): at most ``jobs`` (default: the cores), and one (this process alone) for
    a run too small for a worker to pay, so that ``--jobs N`` is never slower than ``-j 1``."""
    limit = jobs if jobs is not None else os.cpu_count() or 1
    if limit < 2 or len(tasks) < 2:
        return 1
    size = 0
    for _directory, files, _writable in tasks:
        for name in files:
            with contextlib.suppress(OSError):  # unreadable: reported by the run
                size += os.path.getsize(name)
    if size < PARALLEL_MIN_BYTES:
        return 1
    share = PARALLEL_MIN_BYTES // 2
    by_size = size // share if share else limit
    return max(1, min(limit, len(tasks), by_size))


def _relative(finding: Finding, directory: str) -> Finding:
    """A finding as the cache keeps it: its path relative to the module directory."""
    return replace(finding, path=os.path.relpath(finding.path, directory))


def _rebased(name: str, directory: str) -> str:
    """A cached name (relative to the module directory) as this run names the file."""
    return str(Path(directory) / name)


def _internal_error(directory: str, exc: BaseException) -> str:
    detail = (str(exc).splitlines() or [""])[0][:300]
    return (
        f"{directory}: internal error ({type(exc).__name__}: {detail}); "
        "module left untouched, nothing of it written"
    )


def _remember(
    cache: Cache | None, keys: dict[str, str | None], result: ModuleResult, dry_run: bool
) -> None:
    """Keep a module's result in the cache, for the next run to reuse if nothing changed.

    Changed modules are remembered only in dry runs: a real run writes them,
    so their content (and key) changes anyway.
    """
    if cache is None or result.errors or not (dry_run or not result.changed_files):
        return
    directory = result.directory
    changed = {os.path.relpath(f.path, directory): f.new for f in result.changed_files}
    found = [_relative(f, directory) for f in result.findings]
    notes = [_relative(f, directory) for f in result.notes]
    cache.put(keys.get(directory), found, changed, inputs=result.inputs, notes=notes)


def _task_bytes(paths: Sequence[str], max_file_size: int | None) -> int:
    """The bytes a module's files hold (a file over the size limit is not read: 0)."""
    total = 0
    for path in paths:
        try:
            size = os.stat(path).st_size
        except OSError:
            continue
        if max_file_size is None or size <= max_file_size:
            total += size
    return total


def _shared(
    tasks: Sequence[tuple[str, list[str], list[str] | None]],
    workers: int,
    arguments: Callable[[int], tuple[Any, ...]],
    finished: Callable[[int, ModuleResult], None],
) -> list[ModuleResult]:
    """The result of ``_work`` for each task (``arguments``: its arguments), in task
    order, from this process and ``workers - 1`` worker processes taking tasks in order.

    This process is one of the ``workers``: it takes the next task no worker
    has begun (a pending future it cancels) and runs it as ``-j 1`` would,
    then collects what the workers finished. The workers start before it
    imports anything for the modules (codemods, runner, parser: a fifth of a
    second): each imports what it runs while the others work, instead of all
    waiting for this process to import everything first (a serial part that
    kept ``-j 2`` at 1.5x on the shared corpus). ``finished`` is called for
    each result as it comes, in this process.
    """
    from concurrent.futures import Future, ProcessPoolExecutor  # only when used: start-up

    results: list[ModuleResult | None] = [None] * len(tasks)

    def collect(index: int, future: Future[ModuleResult]) -> None:
        task_dir = tasks[index][0]
        try:
            result = future.result()
        except ContractError:
            raise
        except Exception as exc:  # the worker died (killed, out of memory)
            result = ModuleResult(task_dir, errors=[_internal_error(task_dir, exc)])
        results[index] = result
        finished(index, result)

    pool = ProcessPoolExecutor(max_workers=workers - 1)
    timeline.mark(f"pool of {workers - 1}")
    try:
        futures = [pool.submit(_work, *arguments(i)) for i in range(len(tasks))]
        uncollected = dict(enumerate(futures))
        for index, future in enumerate(futures):
            if future.cancel():  # no worker has begun it: this process does it
                del uncollected[index]
                result = _work(*arguments(index))
                results[index] = result
                finished(index, result)
            # what the workers finished meanwhile (their cache entries, the progress)
            for other, pending in list(uncollected.items()):
                if pending.done():
                    del uncollected[other]
                    collect(other, pending)
        for index, future in uncollected.items():
            collect(index, future)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return [r for r in results if r is not None]


def _forked(
    forked: Workers,
    workers: int,
    tasks: Sequence[tuple[str, list[str], list[str] | None]],
    arguments: Callable[[int], tuple[Any, ...]],
    finished: Callable[[int, ModuleResult], None],
) -> list[ModuleResult]:
    """``_shared`` with ``workers`` processes forked before the tasks were known
    (``_fork_workers``): this process only hands out the tasks and collects the results."""
    from tffix.analysis.roots import run_state

    results: list[ModuleResult | None] = [None] * len(tasks)
    every = [arguments(index) for index in range(len(tasks))]

    def collect(index: int, ok: bool, value: Any) -> None:
        if ok:
            result = value
        elif isinstance(value, ContractError):
            raise value
        else:  # a bug outside any codemod (``_work`` reports those), or the worker died
            result = ModuleResult(tasks[index][0], errors=[_internal_error(tasks[index][0], value)])
        results[index] = result
        finished(index, result)

    forked.run(run_state(), every, workers, lambda index: _work(*every[index]), collect)
    return [r for r in results if r is not None]


def run(
    paths: Sequence[str | os.PathLike[str]],
    codemods: Sequence[type[Codemod] | Entry],
    *,
    dry_run: bool = False,
    jobs: int | None = None,
    exclude: Sequence[str] = (),
    options: dict[str, dict[str, Any]] | None = None,
    max_rounds: int = 10,
    progress: Callable[[int, int], None] | None = None,
    cache: Cache | None = None,
    max_file_size: int | None = DEFAULT_MAX_FILE_SIZE,
    time_limit: float | None = None,
    hidden: Sequence[type[Codemod] | Entry] = (),
    modules: Sequence[ModuleFiles] | None = None,
    file_ignores: dict[str, list[str]] | None = None,
) -> RunReport:
    """Fix every module under ``paths``; write changed files unless ``dry_run``.

    A file PATH brings its whole module (every ``.tf`` file of its
    directory) for analysis, but only the files given may change; see
    ``run_module`` for a fix that needs another file. Modules found in
    ``cache`` (unchanged since a run that left them alone) are not parsed
    again. A file over ``max_file_size`` bytes is not read (its module is
    reported and left alone); ``time_limit`` is each module's time budget
    in seconds (bulk runs), enforced in each worker's main thread. ``hidden``
    codemods run for findings only (``fixable``, no edit); both may be given
    as catalog entries (``registry.Entry``), loaded only for the modules that
    are not in the cache. ``modules``, when
    given, are the modules to work on (found and filtered by the caller);
    ``paths`` and ``exclude`` are then not used. ``file_ignores`` maps a file
    (as named in ``modules``) to the codes waived for its blocks
    (``per-file-ignores``).
    """
    problems: list[str] = []
    if modules is None:
        modules = find_modules(paths, exclude=exclude, problems=problems)
    codes = [c.code for c in codemods]
    hidden_codes = [c.code for c in hidden]
    opts = options or {}
    config: dict[str, Any] = {
        "codes": codes,
        "options": opts,
        "max_rounds": max_rounds,
        "dry_run": dry_run,
    }
    if hidden_codes:
        config["hidden"] = hidden_codes
    ignores = file_ignores or {}
    report = RunReport(dry_run=dry_run, problems=problems, hidden=hidden_codes)
    if cache is not None and not cache.enabled:
        cache = None  # --no-cache: no keys either (they read every file and hash tffix)
    from tffix.analysis.roots import run_scope

    # The repository is searched for callers of each module once for the whole
    # run (in each worker), not once per module: nothing is written before the end.
    # The scope is entered here so that the modules run below (and forked workers)
    # find the trees listed already for the cache keys.
    with run_scope():
        return _run_scoped(
            modules,
            config,
            codes,
            hidden_codes,
            opts,
            report,
            cache,
            ignores,
            dry_run=dry_run,
            jobs=jobs,
            max_rounds=max_rounds,
            progress=progress,
            max_file_size=max_file_size,
            time_limit=time_limit,
        )


def _run_scoped(
    modules: Sequence[ModuleFiles],
    config: dict[str, Any],
    codes: list[str],
    hidden_codes: list[str],
    opts: dict[str, dict[str, Any]],
    report: RunReport,
    cache: Cache | None,
    ignores: dict[str, list[str]],
    *,
    dry_run: bool,
    jobs: int | None,
    max_rounds: int,
    progress: Callable[[int, int], None] | None,
    max_file_size: int | None,
    time_limit: float | None,
) -> RunReport:
    """``run`` once its modules and configuration are known, within ``run_scope``."""
    forking = _Forking(jobs, modules, [*codes, *hidden_codes])
    try:
        return _run_forked(
            forking,
            modules,
            config,
            codes,
            hidden_codes,
            opts,
            report,
            cache,
            ignores,
            dry_run=dry_run,
            jobs=jobs,
            max_rounds=max_rounds,
            progress=progress,
            max_file_size=max_file_size,
            time_limit=time_limit,
        )
    finally:
        if forking.workers is not None:
            forking.workers.stop()


class _Forking:
    """The run's workers (``tffix.engine.jobs``), forked at the first module the cache
    does not answer: they import what they run while this process computes the other
    keys. Not before: a warm run (every module answered) then forks nothing, and a
    worker forked for nothing costs a shared machine the CPU of its imports."""

    def __init__(self, jobs: int | None, modules: Sequence[ModuleFiles], codes: list[str]):
        self.jobs, self.modules, self.codes = jobs, modules, codes
        self.asked = False
        self.workers: Workers | None = None

    def start(self) -> None:
        """Fork the workers, once, if the run is large enough for them (as if the
        cache answered none of the modules it has not looked up yet)."""
        if not self.asked:
            self.asked = True
            self.workers = _fork_workers(self.jobs, self.modules, self.codes)


def _fork_workers(
    jobs: int | None, modules: Sequence[ModuleFiles], codes: list[str]
) -> Workers | None:
    """Workers for a run of all ``modules`` (as if none were in the cache), forked
    now, or None (a run too small for workers, or no fork: see ``_shared``)."""
    if jobs == 1 or len(modules) < 2:  # the usual pre-commit run: nothing imported
        return None
    everything = [(str(m.directory), [str(p) for p in m.files], None) for m in modules]
    count = _workers(jobs, everything)
    if count < 2:
        return None
    from tffix.engine import jobs as forking

    if not forking.AVAILABLE:
        return None
    started = forking.Workers(count, _work, partial(_warm, codes), _adopt)
    timeline.mark(f"forked {count}")
    return started


def _warm(codes: list[str]) -> None:
    """A forked worker's head start: what running a module imports."""
    import tffix.engine.runner  # noqa: F401 - parser, analysis, layout

    for code in codes:
        load(code)
    timeline.mark("warm")


def _adopt(state: Any) -> None:
    """A forked worker takes what the run read before it sent work (the callers' trees)."""
    from tffix.analysis.roots import adopt_run_state

    adopt_run_state(state)


def _run_forked(
    forking: _Forking,
    modules: Sequence[ModuleFiles],
    config: dict[str, Any],
    codes: list[str],
    hidden_codes: list[str],
    opts: dict[str, dict[str, Any]],
    report: RunReport,
    cache: Cache | None,
    ignores: dict[str, list[str]],
    *,
    dry_run: bool,
    jobs: int | None,
    max_rounds: int,
    progress: Callable[[int, int], None] | None,
    max_file_size: int | None,
    time_limit: float | None,
) -> RunReport:
    """``_run_scoped``, forking workers (``forking``) when it is known there is work."""
    cached: list[ModuleResult] = []
    keys: dict[str, str | None] = {}
    callers: dict[str, list[str]] = {}
    if cache is not None and not cache.holds_modules():
        forking.start()  # every key will miss: the workers import while they are computed
    start = time.time()
    if cache is not None:
        from tffix.analysis.roots import caller_files

        callers = caller_files([str(m.directory) for m in modules])
        timeline.mark("callers", start)
    start = time.time()
    tasks = []
    module_ignores: dict[str, dict[str, list[str]]] = {}
    for module in modules:
        directory = str(module.directory)
        names = [str(p) for p in module.files]
        writable = None if module.writable is None else sorted(str(p) for p in module.writable)
        key = None
        waived = {name: sorted(ignores[name]) for name in names if ignores.get(name)}
        if cache is not None:
            keyed = config
            if waived:
                keyed = {**config, "ignores": {os.path.basename(k): v for k, v in waived.items()}}
            # JSON configuration and .tfvars files are read by the analysis: a
            # change to one of them changes the module's findings.
            from tffix.analysis.tfvars import var_files  # --var-file: read like tfvars

            context = [str(p) for p in module.context] + var_files()
            # The modules that call it, found anew for each run (tffix.analysis.roots):
            # one added or removed makes fixes there change (a root's into a called
            # module's findings). Other files read outside the module are noted while
            # it runs (tffix.engine.inputs) and checked before an entry is used.
            context += callers.get(directory, [])
            key = module_key(
                [*names, *context], keyed, writable=writable, max_file_size=max_file_size
            )
        hit = cache.get(key) if cache is not None else None
        if hit is not None:
            # The cache holds paths relative to the module directory: the same
            # module reached from elsewhere (``cd copy && tffix .``) gets this
            # run's names, never the ones of the run that filled the cache.
            found = [replace(f, path=_rebased(f.path, directory)) for f in hit[0]]
            changed = {_rebased(k, directory): v for k, v in hit[1].items()}
            allowed = None if writable is None else frozenset(writable)
            notes = [replace(f, path=_rebased(f.path, directory)) for f in hit[2]]
            result = ModuleResult(directory, findings=found, notes=notes, writable=allowed)
            try:
                for name in names:
                    if name in changed:
                        data, _info = read_regular(name, max_size=max_file_size)
                        # tffix.syntax.parser.decode, without importing the parser
                        # (its scanner compiles its patterns at import: ~10 ms)
                        text = data.decode("utf-8", "surrogateescape")
                        result.files.append(FileResult(name, text, changed[name]))
                # The other changed paths are files a codemod created: absent then,
                # and absent still, or the module is not the one that was cached.
                for name, new in changed.items():
                    if name not in names:
                        if os.path.lexists(name):
                            raise FileExistsError(name)
                        result.files.append(FileResult(name, "", new, created=True))
            except OSError:
                pass  # unreadable now: run it for real below
            else:
                cached.append(result)
                continue
        forking.start()
        keys[directory] = key
        tasks.append((directory, names, writable))
        module_ignores[directory] = waived
    timeline.mark(f"keys {len(cached)} cached, {len(tasks)} to run", start)
    workers = _workers(jobs, tasks)
    done = 0

    def arguments(index: int) -> tuple[Any, ...]:
        """What ``_work`` takes for ``tasks[index]``, here or in a worker."""
        task_dir, files, writable = tasks[index]
        return (
            task_dir,
            files,
            writable,
            codes,
            opts,
            dry_run,
            max_rounds,
            max_file_size,
            time_limit,
            hidden_codes,
            module_ignores[task_dir],
        )

    def finished(index: int, result: ModuleResult) -> None:
        nonlocal done
        _remember(cache, keys, result, dry_run)
        done += 1
        if progress:
            progress(done, len(tasks))

    forked = forking.workers
    if forked is not None and (workers <= 1 or len(tasks) <= 1):
        forked.stop()  # the cache answered all of the run, or all but a small part
    if workers <= 1 or len(tasks) <= 1:
        results = []
        for index in range(len(tasks)):
            results.append(_work(*arguments(index)))
            finished(index, results[-1])
    else:
        # Largest modules first, so that one big module started last does not
        # leave the other processes idle at the end (results are sorted below).
        tasks.sort(key=lambda task: -_task_bytes(task[1], max_file_size))
        if forked is not None:
            results = _forked(forked, workers, tasks, arguments, finished)
        else:
            results = _shared(tasks, workers, arguments, finished)
    timeline.mark("modules done")
    report.modules = sorted([*cached, *results], key=lambda r: r.directory)
    if not dry_run:
        for result in results:
            if not result.errors:
                report.written.extend(write_results(result))
    return report
