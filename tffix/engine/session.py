"""A whole run: choose codemods, find modules, fix them in parallel, report.

The command line is a thin layer over ``run``; bots and tests call it
directly. Work is split by module (a directory), since codemods reason
across the files of one module; modules run in worker processes when
``jobs > 1``, each worker parsing and fixing its module independently.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from tffix.engine.cache import Cache, module_key
from tffix.engine.codemod import Codemod, Finding, Safety, Status
from tffix.engine.files import DEFAULT_MAX_FILE_SIZE, find_modules, read_regular
from tffix.engine.registry import all_codemods
from tffix.engine.runner import (
    ContractError,
    ConvergenceError,
    FileResult,
    ModuleResult,
    run_module,
    write_results,
)
from tffix.syntax.parser import decode

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any

    from tffix.engine.config import Config


class SelectionError(ValueError):
    """A --select/--ignore code that no codemod has."""


def select_codemods(
    select: Iterable[str] = (), ignore: Iterable[str] = (), *, unsafe: bool = False
) -> list[type[Codemod]]:
    """The codemods to run, in their fixed order.

    ``select``/``ignore`` take codes (``AWS003``), names (``kms-key-rotation``)
    or prefixes (``AWS``); unsafe codemods run only with ``unsafe``.
    """
    known = all_codemods()

    def expand(patterns: Iterable[str], what: str) -> set[str]:
        codes: set[str] = set()
        for raw in patterns:
            for pattern in filter(None, (p.strip() for p in raw.split(","))):
                hits = {
                    c.code
                    for c in known
                    if c.code == pattern.upper()
                    or c.name == pattern
                    or (pattern.upper() == "ALL")
                    or (pattern.isalpha() and c.code.startswith(pattern.upper()))
                }
                if not hits:
                    names = ", ".join(c.code for c in known)
                    raise SelectionError(f"{what}: no codemod {pattern!r} (known: {names})")
                codes |= hits
        return codes

    selected = expand(select, "--select") if select else {c.code for c in known}
    ignored = expand(ignore, "--ignore")
    return [
        c
        for c in known
        if c.code in selected and c.code not in ignored and (unsafe or c.safety is Safety.SAFE)
    ]


def configured_codemods(
    settings: Config, select: Iterable[str], ignore: Iterable[str], *, unsafe: bool
) -> list[type[Codemod]]:
    """The codemods for a run: command-line selection first, else the configuration's."""
    return select_codemods(
        list(select) or settings.select,
        list(ignore) or settings.ignore,
        unsafe=unsafe or settings.unsafe_fixes,
    )


@dataclass
class RunReport:
    """Everything a run produced, for every output format."""

    modules: list[ModuleResult] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    dry_run: bool = False
    # What no module holds: directories that could not be read, and the like.
    problems: list[str] = field(default_factory=list)

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
        """0 nothing left to do; 1 changes pending (dry run) or manual findings; 2 errors."""
        if self.errors:
            return 2
        if (self.dry_run and self.changed) or any(f.status is Status.MANUAL for f in self.findings):
            return 1
        return 0

    def to_json(self) -> dict[str, Any]:
        from tffix import __version__

        return {
            "schema": "tffix.report/1",
            "tffix": __version__,
            "dry_run": self.dry_run,
            "findings": [f.to_json() for f in self.findings],
            "changed_files": self.changed,
            "written_files": self.written,
            "errors": self.errors,
            "exit_code": self.exit_code(),
        }

    def json_text(self) -> str:
        return json.dumps(self.to_json(), indent=2) + "\n"


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
) -> ModuleResult:
    by_code = {c.code: c for c in all_codemods()}
    try:
        codemods = [by_code[code](**options.get(code, {})) for code in codes]
        return run_module(
            directory,
            paths,
            codemods,
            dry_run=dry_run,
            max_rounds=max_rounds,
            writable=writable,
            max_file_size=max_file_size,
            time_limit=time_limit,
        )
    except ConvergenceError as exc:
        return ModuleResult(directory, errors=[str(exc)])
    except ContractError:
        raise
    except Exception as exc:  # a bug outside any codemod: still this module's failure only
        return ModuleResult(directory, errors=[_internal_error(directory, exc)])


def _internal_error(directory: str, exc: BaseException) -> str:
    detail = (str(exc).splitlines() or [""])[0][:300]
    return (
        f"{directory}: internal error ({type(exc).__name__}: {detail}); "
        "module left untouched, nothing of it written"
    )


# Below this many bytes of Terraform to fix, worker processes cost more than
# they save: starting one and handing it modules and results back takes about
# as long as fixing ~200 KB in-process (bench/jobs.py measures both sides).
PARALLEL_MIN_BYTES = 512 * 1024


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


def _workers(
    jobs: int | None, tasks: Sequence[tuple[str, list[str], Any]], max_file_size: int | None
) -> int:
    """How many worker processes pay off: none (1, in-process) for one module or for
    less than ``PARALLEL_MIN_BYTES`` of code, never more than there are modules; an
    explicit ``jobs`` is an upper bound, the default is every core."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    workers = min(workers, len(tasks))
    if workers <= 1:
        return 1
    total = sum(_task_bytes(files, max_file_size) for _d, files, _w in tasks)
    if total < PARALLEL_MIN_BYTES:
        return 1
    return workers


def run(
    paths: Sequence[str | os.PathLike[str]],
    codemods: Sequence[type[Codemod]],
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
) -> RunReport:
    """Fix every module under ``paths``; write changed files unless ``dry_run``.

    A file PATH brings its whole module (every ``.tf`` file of its
    directory) for analysis, but only the files given may change; see
    ``run_module`` for a fix that needs another file. Modules found in
    ``cache`` (unchanged since a run that left them alone) are not parsed
    again. A file over ``max_file_size`` bytes is not read (its module is
    reported and left alone); ``time_limit`` is each module's time budget
    in seconds (bulk runs), enforced in each worker's main thread.
    """
    problems: list[str] = []
    modules = find_modules(paths, exclude=exclude, problems=problems)
    codes = [c.code for c in codemods]
    opts = options or {}
    config = {"codes": codes, "options": opts, "max_rounds": max_rounds, "dry_run": dry_run}
    report = RunReport(dry_run=dry_run, problems=problems)
    if cache is not None and not cache.enabled:
        cache = None  # --no-cache: no keys either (they read every file and hash tffix)
    cached: list[ModuleResult] = []
    keys: dict[str, str | None] = {}
    tasks = []
    for module in modules:
        directory = module.directory
        names = [str(p) for p in module.files]
        writable = None if module.writable is None else sorted(str(p) for p in module.writable)
        key = None
        if cache is not None:
            key = module_key(names, config, writable=writable, max_file_size=max_file_size)
        hit = cache.get(key) if cache is not None else None
        if hit is not None:
            found, changed = hit
            allowed = None if writable is None else frozenset(writable)
            result = ModuleResult(str(directory), findings=found, writable=allowed)
            try:
                for name in names:
                    if name in changed:
                        data, _info = read_regular(name, max_size=max_file_size)
                        result.files.append(FileResult(name, decode(data), changed[name]))
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
        keys[str(directory)] = key
        tasks.append((str(directory), names, writable))
    workers = _workers(jobs, tasks, max_file_size)
    done = 0
    if workers <= 1:
        results = []
        for task_dir, files, writable in tasks:
            results.append(
                _work(
                    task_dir,
                    files,
                    writable,
                    codes,
                    opts,
                    dry_run,
                    max_rounds,
                    max_file_size,
                    time_limit,
                )
            )
            done += 1
            if progress:
                progress(done, len(tasks))
    else:
        from concurrent.futures import ProcessPoolExecutor  # only when it is used: start-up

        # Largest modules first, so that one big module started last does not
        # leave the other workers idle at the end (results are sorted below).
        tasks.sort(key=lambda task: -_task_bytes(task[1], max_file_size))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [
                pool.submit(
                    _work, d, f, w, codes, opts, dry_run, max_rounds, max_file_size, time_limit
                )
                for d, f, w in tasks
            ]
            results = []
            for (task_dir, _files, _writable), future in zip(tasks, futures, strict=True):
                try:
                    results.append(future.result())
                except ContractError:
                    raise
                except Exception as exc:  # the worker died (killed, out of memory)
                    results.append(ModuleResult(task_dir, errors=[_internal_error(task_dir, exc)]))
                done += 1
                if progress:
                    progress(done, len(tasks))
    if cache is not None:
        for result in results:
            # Changed modules are remembered only in dry runs: a real run
            # writes them, so their content (and key) changes anyway.
            if not result.errors and (dry_run or not result.changed_files):
                changed = {f.path: f.new for f in result.changed_files}
                cache.put(keys.get(result.directory), result.findings, changed)
    report.modules = sorted([*cached, *results], key=lambda r: r.directory)
    if not dry_run:
        for result in results:
            if not result.errors:
                report.written.extend(write_results(result))
    return report
