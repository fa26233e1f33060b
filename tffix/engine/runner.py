"""Apply codemods to modules: to a fixed point, re-parsed, laid out, then written.

One module (directory) at a time: every file is parsed once per round, the
codemods run in their fixed order on the module's trees, and changed files
are laid out with ``relayout`` (only the changed paragraphs) and re-parsed.
Rounds repeat until a round changes nothing, so codemods that enable each
other converge; a module that keeps changing past ``max_rounds`` is an
error, never a silent stop. A module with a file that does not parse is
left untouched, since cross-file analysis of it would be unreliable.

A codemod may also add a file: a new parsed module given to ``ctx.add_file``
with a path directly inside the module directory that does not exist yet
(anything else is an error and nothing is written). It starts from an
empty original, is laid out and re-parsed like the others, and is listed
after the module's existing files, with ``created`` set.

Some files of a module may be read only (``tffix FILE...``, as a pre-commit
hook runs it: the module is every file of the directory, so codemods and
analysis see all of it, but only the given files may change). A codemod
whose change in a round would touch (or create) a file that may not change
is undone for that round, as if it had not run on the module: a fix is
applied whole or not at all. When it touched or reported on a given file,
a ``manual`` finding there names the other files and says to run tffix on
the directory. Findings are reported for the given files only.

A finding's position is where the code was before the run: a codemod sees
the text earlier codemods left (with lines inserted or removed above), so
its positions are mapped back through the run's changes. Diffs, review
tools and annotations on a pull request all show the original lines.

A module's failure stays the module's: a codemod that raises on it (a bug,
or code it did not foresee), a file over the size limit, or a module past
its time budget is an error of that module, which is left untouched (none
of its fixes are written), and the run goes on with the next one.
Writing checks that every file is still as it was read (see
``write_atomic``); a file that cannot be written is reported per file.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import os
import threading
from dataclasses import replace

from tffix.analysis.dialect import hcl1_hint, legacy
from tffix.analysis.module import ModuleAnalysis, analyze_modules
from tffix.analysis.overrides import overridden_ranges
from tffix.aws.provider_versions import written_high
from tffix.cst import edit
from tffix.cst.layout import relayout_text
from tffix.cst.linediff import opcodes as line_opcodes
from tffix.cst.write import (
    FileChanged,
    Snapshot,
    check_writable,
    split_lines,
    write_atomic,
)
from tffix.engine import suppress
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Status
from tffix.engine.files import DEFAULT_MAX_FILE_SIZE, is_override, read_problem, read_regular
from tffix.engine.results import (  # defined there so that a cached run imports none of this
    ContractError,
    ConvergenceError,
    FileResult,
    ModuleResult,
)
from tffix.json.module import JsonFiles
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import decode, encode, parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Mapping, Sequence
    from typing import Any

# Codemods whose output is terraform fmt's: they run on code that may be 0.11's
# (``_run_module``), as terraform fmt would.
_FORMATTERS = frozenset(("TF001",))


class ModuleTimeout(BaseException):
    """A module ran past its time budget.

    A BaseException, so that no ``except Exception`` in a codemod or the
    parser can swallow it.
    """


@contextlib.contextmanager
def time_budget(seconds: float | None, what: list[str]) -> Iterator[None]:
    """Raise ``ModuleTimeout`` in this thread after ``seconds`` (None: no limit).

    A timer signal interrupts Python code and the regular expression
    engine alike; it works in a process's main thread only (elsewhere the
    budget is not enforced). ``what`` names the step under way, for the
    message.
    """
    if seconds is None or seconds <= 0:
        yield  # (no budget, the usual case: ``signal`` is not even imported)
        return
    import signal

    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    assert seconds is not None

    def expire(_signum: int, _frame: object) -> None:
        step = f" while {what[-1]}" if what else ""
        raise ModuleTimeout(f"timed out after {seconds:g} s{step} (module time budget)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _strict_default() -> bool:
    return os.environ.get("TFFIX_STRICT") == "1"


def run_module(
    directory: str,
    paths: Sequence[str],
    codemods: Sequence[Codemod],
    *,
    dry_run: bool = False,
    max_rounds: int = 10,
    writable: Collection[str] | None = None,
    strict: bool | None = None,
    max_file_size: int | None = DEFAULT_MAX_FILE_SIZE,
    time_limit: float | None = None,
    texts: Mapping[str, str] | None = None,
    incremental: bool = True,
    read: dict[str, tuple[bytes, os.stat_result]] | None = None,
) -> ModuleResult:
    """Fix one module in memory; nothing is written here (see ``write_results``).

    ``writable`` lists the paths that may change (the files given on the
    command line); None means every file of the module may, and any file
    may be created. ``strict`` (default: ``TFFIX_STRICT=1`` in the
    environment) checks the codemod contract after every codemod and
    raises ``ContractError`` when it is broken; it costs a print of every
    file per codemod, so only tests turn it on. ``texts`` gives the text of
    some paths instead of what is on disk (an editor's unsaved buffers; a
    dry run only, since there is no file state to check before writing).

    A file larger than ``max_file_size`` bytes (None: no limit), or that is
    not a regular file, is not read; a codemod that raises, or a module
    still at work after ``time_limit`` seconds, is an error of this module,
    which is then left untouched. ``ContractError`` alone propagates.

    ``incremental`` (the default) skips, in later rounds, a codemod whose
    input has not changed since it last ran (see ``_run_module``); False
    runs every codemod in every round, as the engine always did: the tests
    compare both on the corpus.

    ``read``: files read just before (``registry.acting``), each bytes and
    status as ``read_regular`` gave them: taken out and used instead of
    reading the file again.
    """
    steps: list[str] = []
    tracker = _Tracker()
    edit.observers.append(tracker)
    # Whether this run may freeze the garbage collector's view of the trees (see
    # ``_run_module``): not when someone else froze objects already.
    thaw = gc.get_freeze_count() == 0
    try:
        with time_budget(time_limit, steps):
            return _run_module(
                directory, paths, codemods, dry_run=dry_run, max_rounds=max_rounds,
                writable=writable, strict=strict, max_file_size=max_file_size, steps=steps,
                texts=texts, incremental=incremental, tracker=tracker, freeze=thaw, read=read,
            )  # fmt: skip
    except ModuleTimeout as exc:
        return ModuleResult(
            directory,
            errors=[f"{directory}: {exc}; module left untouched, nothing of it written"],
        )
    finally:
        edit.observers.remove(tracker)
        suppress.forget()
        if thaw:
            gc.unfreeze()


def _run_module(
    directory: str,
    paths: Sequence[str],
    codemods: Sequence[Codemod],
    *,
    dry_run: bool,
    max_rounds: int,
    writable: Collection[str] | None,
    strict: bool | None,
    max_file_size: int | None,
    steps: list[str],
    texts: Mapping[str, str] | None = None,
    incremental: bool = False,
    tracker: _Tracker,
    freeze: bool = False,
    read: dict[str, tuple[bytes, os.stat_result]] | None = None,
) -> ModuleResult:
    if strict is None:
        strict = _strict_default()
    allowed = None if writable is None else frozenset(writable)
    result = ModuleResult(directory, writable=allowed)
    originals: dict[str, str] = {}
    snapshots: dict[str, Snapshot] = {}
    modules: dict[str, n.Module] = {}
    json_paths = [p for p in paths if p.endswith(JSON_KINDS)]
    paths = [p for p in paths if not p.endswith(JSON_KINDS)]
    for path in paths:
        if texts is not None and path in texts:
            originals[path] = texts[path]
            try:
                modules[path] = parse(originals[path], path=path)
            except ParseError as exc:
                result.errors.append(str(exc))
                hint = hcl1_hint(originals[path], exc.line, exc.column)
                if hint is not None:
                    result.errors.append(f"{path}: {hint}")
            continue
        steps.append(f"reading {path}")
        try:
            kept = read.pop(path, None) if read else None
            data, info = kept if kept is not None else read_regular(path, max_size=max_file_size)
        except OSError as exc:
            result.errors.append(read_problem(path, exc))
            continue
        originals[path] = decode(data)
        snapshots[path] = Snapshot.of(data, info)
        steps.append(f"parsing {path}")
        try:
            modules[path] = parse(originals[path], path=path, freeze=freeze)
        except ParseError as exc:
            result.errors.append(str(exc))
            hint = hcl1_hint(originals[path], exc.line, exc.column)
            if hint is not None:
                result.errors.append(f"{path}: {hint}")
        if freeze:
            # The trees live until the module is done and hold no garbage cycles
            # (the parser builds them with the collector off): frozen as they come,
            # no collection walks them again. Each collection of the run walked every
            # tree read so far, a third of the time of a module of 2,000 files. They
            # are freed by reference counting as ever, and thawed when the module ends.
            gc.freeze()
    # JSON configuration: codemods see each file as HCL (tffix.json.module)
    json_files = JsonFiles()
    for path in json_paths:
        try:
            data, info = read_regular(path, max_size=max_file_size)
        except OSError:
            continue  # read (and reported) by the analysis, as a read-only file
        loaded = json_files.load(path, decode(data))
        if loaded is not None:
            originals[path], modules[path] = loaded
            snapshots[path] = Snapshot.of(data, info)
    if result.errors:
        result.errors.append(
            f"{directory}: module left untouched because a file in it could not be read or parsed"
        )
        return result
    written = {path: modules[path] for path in paths if path in modules}
    old_dialect = legacy(written, written_high(written))
    # Code that may be 0.11's (tffix.analysis.dialect.maybe_0_11) gets the formatter
    # alone, when selected: its output is terraform fmt's, which rewrites 0.11 forms
    # on purpose; the other codemods would write 0.12 syntax into 0.11 code.
    formatters = (
        [c for c in codemods if c.code in _FORMATTERS]
        if old_dialect is not None and not old_dialect.certain
        else []
    )
    if old_dialect is not None and len(formatters) < len(codemods):
        result.errors.append(str(old_dialect))
        if not formatters:
            result.errors.append(
                f"{directory}: module left untouched because it "
                f"{'is' if old_dialect.certain else 'may be'} written for Terraform 0.11"
            )
            return result
        result.errors.append(
            f"{directory}: only {', '.join(c.code for c in formatters)} run, because the "
            "module may be written for Terraform 0.11"
        )
    if formatters:
        codemods = formatters
    if freeze:
        gc.freeze()  # the JSON files' shadows too
    current = dict(originals)
    created: list[str] = []  # new files codemods added, in the order they appeared
    lines = _LineMap(originals)

    def relocate(found: Sequence[Finding]) -> list[Finding]:
        return [lines.to_original(f, current, modules) for f in found]

    overridden: dict[str, list[tuple[int, int, str]]] = {}
    fixed: list[Finding] = []
    manual: list[Finding] = []
    notes: list[Finding] = []
    analysis: ModuleAnalysis | None = None
    # Facts codemods keep about the module's text between rounds (``ModuleContext.memo``).
    memo: dict[str, Any] = {}
    # Bumped whenever a change is applied: a codemod that last ran at the
    # current generation would see exactly the text it saw then (codemods
    # are functions of the module's text), so running it again in a later
    # round can only repeat its findings, which are kept instead. Only the
    # codemods that ran before the last change of a round run again.
    generation = 0
    # index of a codemod -> (generation it last ran at, its manual findings, its notes)
    last_run: dict[int, tuple[int, list[Finding], list[Finding]]] = {}
    for _round in range(max_rounds):
        manual = []
        notes = []
        changed_any = False
        ctx: ModuleContext | None = None
        # A codemod ran without the printed check (it reported no fix): the
        # round's last codemod checks for any change, as it always did (when
        # it would be skipped, the files are printed here, and it runs only
        # if some codemod changed code without saying so).
        unchecked = False
        for index, codemod in enumerate(codemods):
            previous_run = last_run.pop(index, None)
            if (
                previous_run is not None
                and previous_run[0] == generation
                and not (
                    unchecked
                    and codemod is codemods[-1]
                    and _edited(ctx, current, tracker, modules, strict=strict)
                )
            ):
                manual.extend(previous_run[1])
                notes.extend(previous_run[2])
                last_run[index] = previous_run
                continue
            steps.append(f"running {codemod.code}")
            manual_before, notes_before = len(manual), len(notes)
            try:
                if ctx is None:  # fresh trees and analysis after every change
                    files = dict(modules)
                    # Only the re-parsed files are analysed again (new trees).
                    analysis = analyze_modules(directory, files, previous=analysis)
                    _unbridged(analysis, json_files)
                    ctx = ModuleContext(directory, files, analysis, dry_run)
                    ctx.know_texts(dict(current))
                    if incremental:
                        ctx.memo = memo
                    overridden = overridden_ranges(files)
                # A context with overridden blocks waived is not the plain one a
                # later round builds: what runs on it is not kept.
                repeatable = incremental and "protected" not in ctx.__dict__
                ctx.current = codemod
                ctx.__dict__.pop("asked", None)
                triggered = _trigger_ranges(codemod, ctx) if strict else None
                found = codemod.run(ctx)
            except ContractError:
                raise
            except Exception as exc:  # its failure on this module, not the run's
                return ModuleResult(directory, errors=[_crash(directory, paths, codemod, exc)])
            if triggered is not None:
                _check_decisions(codemod, triggered, found)
            manual.extend(_json_unchecked(codemod, ctx))
            notes.extend(relocate([f for f in found if f.status is Status.FINE]))
            found = [f for f in found if f.status is not Status.FINE]
            reported = any(f.status is Status.FIXED for f in found)
            # A codemod changes code only when it reports a fix (the contract),
            # so printing every file to compare is needed only then; after the
            # last codemod of a round it is done anyway, to catch any change.
            if not reported and codemod is not codemods[-1] and not strict:
                manual.extend(relocate(found))
                unchecked = True
                if repeatable:
                    last_run[index] = (generation, manual[manual_before:], notes[notes_before:])
                continue
            unchecked = False
            # Each file an edit touched (or the codemod reported a fix in) printed once.
            printed = tracker.printed(ctx, current, modules, found, codemod, strict=strict)
            changed = [p for p in current if printed[p] != current[p]]
            new_paths = [p for p in ctx.files if p not in current]
            if strict and (changed or new_paths) and not reported:
                raise ContractError(
                    f"{codemod.code} changed {', '.join([*changed, *new_paths])} "
                    "without reporting a fixed finding"
                )
            for path in new_paths:
                problem = _new_file_problem(directory, path)
                if problem is not None:
                    message = (
                        f"{path}: {codemod.code} tried to create a file {problem}; not written"
                    )
                    return ModuleResult(directory, errors=[message])
            if allowed is not None and any(p not in allowed for p in [*changed, *new_paths]):
                blocked = _blocked(
                    codemod, directory, found, changed, new_paths, current, printed, allowed
                )
                manual.extend(relocate(blocked))
                for path in current:  # undo it: the trees were edited in place
                    if modules[path].code != current[path]:
                        modules[path] = parse(current[path], path=path)
                ctx = None
                continue
            broken = _json_broken(codemod, ctx, found) if changed else []
            if broken:  # the fix would leave a JSON file referring to nothing
                manual.extend(relocate([f for f in broken if f.path in current]))
                manual.extend(f for f in broken if f.path not in current)
                for path in current:
                    if modules[path].code != current[path]:
                        modules[path] = parse(current[path], path=path)
                ctx = None
                continue
            conflicts = _override_conflicts(changed, new_paths, current, printed, overridden)
            if conflicts:
                # Undo it, and run it once more with the overridden blocks waived:
                # its other fixes stand, those blocks get a manual finding.
                for path in current:
                    if modules[path].code != current[path]:
                        modules[path] = parse(current[path], path=path)
                again = _unbridged(analyze_modules(directory, dict(modules)), json_files)
                ctx = ModuleContext(directory, dict(modules), again, dry_run)
                repeatable = False
                ctx.current = codemod
                ctx.__dict__["protected"] = frozenset(
                    id(block)
                    for path, module in modules.items()
                    for block in module.body.blocks
                    if any(
                        first <= block.line <= last for p, first, last, _ in conflicts if p == path
                    )
                )
                effective = _effective(codemod, directory, modules, conflicts, json_files, dry_run)
                manual.extend(relocate(_overridden_findings(codemod, found, conflicts, effective)))
                tracker.clear()  # what ran on the merged copies is not the module's
                found = [f for f in codemod.run(ctx) if f.status is not Status.FINE]
                printed = tracker.printed(ctx, current, modules, found, codemod, strict=strict)
                changed = [p for p in current if printed[p] != current[p]]
                new_paths = [p for p in ctx.files if p not in current]
                if _override_conflicts(changed, new_paths, current, printed, overridden):
                    for path in current:
                        if modules[path].code != current[path]:
                            modules[path] = parse(current[path], path=path)
                    ctx = None
                    continue
            translated: dict[str, str] = {}
            for attempt in range(2):
                failed = _json_translate(json_files, changed, current, printed, translated)
                if not failed:
                    break
                # Undo it; run it once more with the blocks it could not change in
                # JSON waived: its other fixes stand, those get a manual finding.
                for path in current:
                    if modules[path].code != current[path]:
                        modules[path] = parse(current[path], path=path)
                manual.extend(relocate(_json_findings(codemod, found, failed, modules)))
                if attempt:
                    break
                again = analyze_modules(directory, dict(modules), previous=analysis)
                ctx = ModuleContext(directory, dict(modules), again, dry_run)
                repeatable = False
                ctx.current = codemod
                ctx.__dict__["protected"] = frozenset(
                    id(block)
                    for path, key, _ in failed
                    for block in modules[path].body.blocks
                    if key is None or (block.type, *block.labels) == key
                )
                tracker.clear()  # the undone run's edits were on trees now replaced
                found = [f for f in codemod.run(ctx) if f.status is not Status.FINE]
                printed = {p: ctx.files[p].code for p in ctx.files}
                changed = [p for p in current if printed[p] != current[p]]
                new_paths = [p for p in ctx.files if p not in current]
            if failed:
                ctx = None
                continue
            for path in [p for p in changed if p in translated]:
                if translated[path] == json_files.files[path].current:
                    # only layout in the shadow (terraform fmt): nothing to write
                    changed.remove(path)
                    modules[path] = parse(current[path], path=path)
                    found = [f for f in found if f.path != path or f.status is not Status.FIXED]
                    ctx = None
            for finding in relocate(found):
                (fixed if finding.status is Status.FIXED else manual).append(finding)
            for path in new_paths:
                originals[path] = current[path] = ""
                created.append(path)
                changed.append(path)
            # Lay out and re-parse after each codemod, so that the next one
            # (terraform-fmt among them) sees the code as it will be written.
            for path in changed:
                if path in translated:
                    current[path], modules[path] = json_files.commit(path, translated[path])
                    continue
                # A file a codemod rewrote whole and parsed (TF001) is not parsed again.
                parsed = ctx.parsed(path, printed[path]) if ctx is not None else None
                try:
                    modules[path], laid_out = relayout_text(
                        current[path], printed[path], path=path, parsed=parsed
                    )
                except ParseError as exc:
                    message = f"{path}: {codemod.code} produced invalid HCL, not written: {exc}"
                    return ModuleResult(directory, errors=[message])
                current[path] = laid_out
            if changed:
                changed_any = True
                ctx = None
                generation += 1
            elif repeatable:
                last_run[index] = (generation, manual[manual_before:], notes[notes_before:])
        if not changed_any:
            break
    else:
        raise ConvergenceError(
            f"{directory}: still changing after {max_rounds} rounds; "
            "two codemods are undoing each other"
        )
    result.files = [
        FileResult(p, originals[p], current[p], snapshot=snapshots.get(p)) for p in paths
    ]
    result.files += [
        FileResult(p, f.original, f.current, snapshot=snapshots.get(p))
        for p, f in json_files.files.items()
        if f.current != f.original
    ]
    if json_files.files:  # findings on a JSON file's shadow point into the JSON file
        fixed, manual, notes = (
            [_json_position(json_files, f) for f in found] for found in (fixed, manual, notes)
        )
    result.files += [FileResult(p, "", current[p], created=True) for p in created]
    if dry_run:  # nothing is written: what was fixed in memory is only fixable
        fixed = [replace(f, status=Status.FIXABLE) for f in fixed]
    seen: set[tuple[str, str, int, str]] = set()
    # A block fixed in an earlier round is fine in the last one: its decision is the fix.
    done = {(f.code, f.path, f.line) for f in fixed}
    for finding in notes:
        key = (finding.code, finding.path, finding.line, finding.message)
        if (finding.code, finding.path, finding.line) in done:
            continue
        if (allowed is None or finding.path in allowed) and key not in seen:
            seen.add(key)
            result.notes.append(finding)
    seen.clear()
    for finding in [*fixed, *manual]:
        key = (finding.code, finding.path, finding.line, finding.message)
        if allowed is not None and finding.path not in allowed:
            continue  # about a file that was not asked about (and is not changed)
        if key not in seen:
            seen.add(key)
            result.findings.append(finding)
    return result


def _edited(
    ctx: ModuleContext | None,
    current: Mapping[str, str],
    tracker: _Tracker,
    modules: Mapping[str, n.Module],
    *,
    strict: bool,
) -> bool:
    """True when the context's trees no longer print as ``current`` (or it has new files)."""
    if ctx is None:
        return False
    nodes = list(tracker.nodes)  # still to be seen by the check of the codemod that runs then
    printed = tracker.printed(ctx, current, modules, (), None, strict=strict)
    tracker.nodes[:] = nodes
    return len(printed) != len(current) or any(printed[p] != text for p, text in current.items())


class _Tracker:
    """The nodes edited since the last check (``tffix.cst.edit.touched``), and from them
    which files to print to see what changed: printing every file of a big module after
    every fix was a tenth of its run. A file is printed when an edit touched a node in
    it, when a codemod replaced or added it, or when the codemod reported a fix in it
    (a codemod that changed tokens without saying so still has its change seen there).
    """

    def __init__(self) -> None:
        self.nodes: list[n.Node | n.Module] = []

    def __call__(self, node: n.Node | n.Module) -> None:
        self.nodes.append(node)

    def clear(self) -> None:
        self.nodes.clear()

    def printed(
        self,
        ctx: ModuleContext,
        current: Mapping[str, str],
        modules: Mapping[str, n.Module],
        found: Sequence[Finding],
        codemod: Codemod | None,
        *,
        strict: bool,
    ) -> dict[str, str]:
        """Each file's text now: printed where it may have changed, else as it was.

        Strict (the tests), every file is printed, and a change in a file the
        tracking missed is a ``ContractError``: the promise this relies on.
        """
        maybe = self._touched_files(ctx, modules, found)
        self.clear()
        if not strict:
            return {p: ctx.files[p].code if p in maybe else current[p] for p in ctx.files}
        printed = {p: ctx.files[p].code for p in ctx.files}
        missed = [p for p in current if printed[p] != current[p] and p not in maybe]
        if missed:
            who = codemod.code if codemod is not None else "a codemod"
            raise ContractError(
                f"{who} changed {', '.join(missed)} without a fix reported there or an edit "
                "made through tffix.cst.edit (call edit.touched(node) after changing tokens)"
            )
        return printed

    def _touched_files(
        self, ctx: ModuleContext, modules: Mapping[str, n.Module], found: Sequence[Finding]
    ) -> set[str]:
        files = ctx.files
        maybe = {p for p in files if p not in modules or files[p] is not modules[p]}
        maybe.update(f.path for f in found if f.status is Status.FIXED and f.path in files)
        if not self.nodes:
            return maybe
        # Ids are looked up while every node asked about is alive (held in
        # ``self.nodes``) and the trees are not edited: built here, used here.
        top: dict[int, str] = {}
        for path, module in files.items():
            top[id(module)] = top[id(module.body)] = path
            for item in module.body.items:
                top[id(item)] = path
        walked: dict[str, set[int]] = {}
        for node in self.nodes:
            holder = top.get(id(node))
            if holder is None:
                holder = _holder(files, node, [*maybe, *files], walked)
            if holder is not None:
                maybe.add(holder)
        return maybe


def _holder(
    files: Mapping[str, n.Module], node: object, order: list[str], walked: dict[str, set[int]]
) -> str | None:
    """The file holding ``node`` (the likeliest files first); None: in none of them (a
    fragment not inserted yet: its insertion is an edit of its own)."""
    wanted = id(node)
    for path in dict.fromkeys(order):
        ids = walked.get(path)
        if ids is None:
            ids = walked[path] = {id(x) for x in files[path].body.walk()}
        if wanted in ids:
            return path
    return None


_JSON_NOTE = (
    "which this run reads but does not fix (a file not given or excluded, "
    "or a construct tffix cannot write back exactly)"
)


JSON_KINDS = (".tf.json", ".tofu.json")


def _unbridged(analysis: ModuleAnalysis, json_files: JsonFiles) -> ModuleAnalysis:
    """The analysis with the JSON files codemods see as HCL left out of its read-only
    JSON list (their blocks are in its HCL part)."""
    if json_files.files:
        bridged = {os.path.abspath(p) for p in json_files.files}
        analysis.json = [c for c in analysis.json if os.path.abspath(c.path) not in bridged]
    return analysis


def _json_translate(
    json_files: JsonFiles,
    changed: Sequence[str],
    current: Mapping[str, str],
    printed: Mapping[str, str],
    translated: dict[str, str],
) -> list[tuple[str, tuple[str, ...] | None, str]]:
    """Each changed JSON file's new text into ``translated``; (path, the top-level block
    (type and labels; None: not known), why) of each change that cannot be made in JSON."""
    failed = []
    for path in changed:
        if path in json_files:
            from tffix.json.hcl import Unsupported  # (only modules with JSON files get here)

            try:
                translated[path] = json_files.translate(path, current[path], printed[path])
            except Unsupported as exc:
                failed.append((path, exc.block, str(exc)))
    return failed


def _json_findings(
    codemod: Codemod,
    found: Sequence[Finding],
    failed: Sequence[tuple[str, tuple[str, ...] | None, str]],
    trees: Mapping[str, n.Module],
) -> list[Finding]:
    """Manual findings for the fixes a codemod could not make in a JSON file."""
    result = []
    for path, key, why in failed:
        lines = [
            (b.line, b.end_line)
            for b in trees[path].body.blocks
            if key is not None and (b.type, *b.labels) == key
        ]
        mine = [
            f
            for f in found
            if f.path == path
            and f.status is Status.FIXED
            and (not lines or any(a <= f.line <= b for a, b in lines))
        ]
        where = mine[0] if mine else next((f for f in found if f.status is Status.FIXED), None)
        line = lines[0][0] if lines else 1
        what = where.message if where is not None else "a fix"
        from tffix.json.hcl import JSON_DOC

        result.append(
            Finding(
                codemod.code,
                f"{what}: not applied: {os.path.basename(path)} is JSON configuration and "
                f"{why}; tffix edits JSON only where the change can be written exactly "
                f"({JSON_DOC}); make the change by hand",
                where.path if where is not None else path,
                where.line if where is not None else max(line, 1),
                where.column if where is not None else 1,
                Status.MANUAL,
            )
        )
    return result


def _json_position(json_files: JsonFiles, finding: Finding) -> Finding:
    """A finding on a JSON file's shadow, at its place in the JSON file (and the
    ``file.tf.json:LINE`` its message quotes too)."""
    message = finding.message
    if ".json:" in message:
        message = json_files.quoted_lines(message)
    if finding.path not in json_files:
        return replace(finding, message=message)
    line, column = json_files.position(finding.path, finding.line, finding.column)
    return replace(finding, line=line, column=column, message=message)


def _json_unchecked(codemod: Codemod, ctx: ModuleContext) -> list[Finding]:
    """Manual findings for the JSON-declared resources of the types the codemod checks.

    A codemod reads only HCL blocks: a resource of a type it fixes, declared
    in a ``.tf.json`` file, would otherwise pass for checked.
    """
    asked = ctx.__dict__.pop("asked", None)
    if not asked or not ctx.analysis.json:
        return []
    found = []
    for config in ctx.analysis.json:
        for declaration in config.declarations:
            kind_type = declaration.address.split(".")[0]
            # Only codemods about given types: one that looks at every resource
            # (a rename table, for_each keys) would list every JSON resource.
            if declaration.kind == "resource" and kind_type in asked:
                found.append(
                    Finding(
                        codemod.code,
                        f"{declaration.address} is declared in "
                        f"{os.path.basename(declaration.path)}, {_JSON_NOTE}, so it was not "
                        f"checked for: {codemod.summary}",
                        declaration.path,
                        declaration.line,
                        declaration.column,
                        Status.MANUAL,
                    )
                )
    return found


def _json_broken(codemod: Codemod, ctx: ModuleContext, found: Sequence[Finding]) -> list[Finding]:
    """Manual findings when a codemod's change removes or renames what JSON files refer to."""
    from tffix.analysis.module import _declarations

    analysis = ctx.analysis
    if not any(config.references for config in analysis.json):
        return []
    after = {
        d.address
        for path, module in ctx.files.items()
        for block in module.body.blocks
        for d in _declarations(path, block)
    }
    after |= set(analysis.json_declared())
    before = {d.address for d in analysis.declarations} | set(analysis.json_declared())
    lost = []
    for config in analysis.json:
        for reference in config.references:
            if reference.address in before and reference.address not in after:
                lost.append(reference)
    if not lost:
        return []
    first = lost[0]
    fixes = [f for f in found if f.status is Status.FIXED]
    where = fixes[0] if fixes else first
    what = fixes[0].message if fixes else "a fix"
    return [
        Finding(
            codemod.code,
            f"{what}: not applied: it removes or renames {first.address}, which "
            f"{os.path.basename(first.path)}:{first.line} refers to, {_JSON_NOTE}: "
            "change both by hand",
            where.path,
            where.line,
            where.column,
            Status.MANUAL,
        )
    ]


_OVERRIDE_DOC = "https://developer.hashicorp.com/terraform/language/files/override"


def _override_conflicts(
    changed: Sequence[str],
    created: Sequence[str],
    current: Mapping[str, str],
    printed: Mapping[str, str],
    overridden: Mapping[str, list[tuple[int, int, str]]],
) -> list[tuple[str, int, int, str]]:
    """(path, first, last, override file) of each overridden block a change touched;
    a change to an override file itself is one of the whole file."""
    found: list[tuple[str, int, int, str]] = []
    for path in [*changed, *created]:
        if is_override(path):
            found.append((path, 1, max(1, len(split_lines(current.get(path, "")))), path))
            continue
        ranges = overridden.get(path)
        if not ranges:
            continue
        codes = line_opcodes(split_lines(current[path]), split_lines(printed[path]))
        for tag, i1, i2, _j1, _j2 in codes:
            if tag == "equal":
                continue
            for first, last, source in ranges:
                # lines i1..i2 (0-based) replaced; an insertion at i1 lands before line i1+1
                if (i1 < last and i2 >= first) if i2 > i1 else first <= i1 < last:
                    found.append((path, first, last, source))
    return list(dict.fromkeys(found))


def _effective(
    codemod: Codemod,
    directory: str,
    modules: Mapping[str, n.Module],
    conflicts: Sequence[tuple[str, int, int, str]],
    json_files: JsonFiles,
    dry_run: bool,
) -> dict[tuple[str, int], list[Finding]]:
    """What the codemod finds on each overridden block as Terraform merges it.

    The codemod runs once more, on a copy of the module in which every block
    an override file overrides is merged as Terraform merges it and the
    override files are left out (``tffix.analysis.overrides.merged_texts``):
    {(path, first line of the base block): its findings there}. A block
    missing from the result could not be judged so (a ``locals`` entry, an
    override file's own block): the fix found on it is reported as it is.
    """
    from tffix.analysis.overrides import block_keys, merged_texts

    wanted: dict[tuple[str, ...], tuple[str, int]] = {}
    for path, first, _last, source in conflicts:
        if source == path:
            continue
        for block in modules[path].body.blocks:
            if block.line == first and block.type != "locals":
                for key in block_keys(block):
                    wanted[(path, *key)] = (path, first)
    if not wanted:
        return {}
    try:
        trees = {p: parse(t, path=p) for p, t in merged_texts(modules).items()}
        analysis = _unbridged(analyze_modules(directory, dict(trees)), json_files)
        ctx = ModuleContext(directory, dict(trees), analysis, dry_run)
        ctx.current = codemod
        found = codemod.run(ctx)
    except Exception:  # judged as written, then: the fix found is reported
        return {}
    result: dict[tuple[str, int], list[Finding]] = {}
    for path, tree in trees.items():
        for block in tree.body.blocks:
            for key in block_keys(block):
                where = wanted.get((path, *key))
                if where is not None:
                    result[where] = [
                        f
                        for f in found
                        if f.path == path
                        and block.line <= f.line <= block.end_line
                        and f.status is not Status.FINE
                    ]
    return result


def _overridden_findings(
    codemod: Codemod,
    found: Sequence[Finding],
    conflicts: Sequence[tuple[str, int, int, str]],
    effective: Mapping[tuple[str, int], list[Finding]] | None = None,
) -> list[Finding]:
    """Manual findings for the fixes a codemod made to blocks override files override.

    Where ``effective`` gives what the codemod finds on the block as Terraform
    merges it, that is what is reported: nothing when the merged block needs
    no fix (the override already sets what the fix would), its own message
    when it needs one."""
    result: list[Finding] = []
    for path, first, last, source in conflicts:
        mine = [
            f
            for f in found
            if f.path == path and first <= f.line <= last and f.status is Status.FIXED
        ]
        line, column = (mine[0].line, mine[0].column) if mine else (first, 1)
        what = mine[0].message if mine else "a fix"
        merged = (effective or {}).get((path, first))
        if merged is not None:
            fixes = [f for f in merged if f.status in (Status.FIXED, Status.FIXABLE)]
            others = [f for f in merged if f not in fixes]
            result.extend(replace(f, path=path, line=line, column=column) for f in others)
            if not fixes:
                continue  # as merged, the block needs nothing (or only what is said above)
            what = f"{fixes[0].message} (as {os.path.basename(source)} merges into it)"
        if source == path:
            why = f"{os.path.basename(path)} is an override file, which tffix does not edit"
        else:
            why = (
                f"this block is overridden by {os.path.basename(source)}, and Terraform merges "
                "the override's arguments over it, so a change here may not take effect"
            )
        result.append(
            Finding(
                codemod.code,
                f"{what}: not applied: {why}; make the change by hand where it belongs "
                f"({_OVERRIDE_DOC})",
                path,
                line,
                column,
                Status.MANUAL,
            )
        )
    return result


def _crash(directory: str, paths: Sequence[str], codemod: Codemod, exc: Exception) -> str:
    """The error for a codemod that raised on a module: where, which, and why."""
    detail = str(exc).splitlines()[0] if str(exc) else ""
    if len(detail) > 300:
        detail = detail[:300] + "..."
    names = ", ".join(os.path.basename(p) for p in paths)
    return (
        f"{directory}: {codemod.code} failed on this module ({names}): "
        f"{type(exc).__name__}{': ' + detail if detail else ''}; "
        "module left untouched, nothing of it written"
    )


def _trigger_ranges(codemod: Codemod, ctx: ModuleContext) -> list[tuple[str, int, int]] | None:
    """Where the blocks the codemod's trigger matches are, before it runs."""
    matched = codemod.triggers(ctx)
    if matched is None:
        return None
    return [(path, block.line, block.end_line) for path, block in matched]


def _check_decisions(
    codemod: Codemod, triggered: list[tuple[str, int, int]], found: Sequence[Finding]
) -> None:
    """Every block the trigger matched holds a finding of the codemod: never silent."""
    mine = [f for f in found if f.code == codemod.code]
    for path, first, last in triggered:
        if not any(f.path == path and first <= f.line <= last for f in mine):
            raise ContractError(
                f"{codemod.code}: {path}:{first}: its trigger matched this block, "
                "but it reported no decision (fixed, manual or fine)"
            )


_Mapped = tuple[str, dict[int, int], list[tuple[str, int, int, int, int]], list[str], list[str]]


class _LineMap:
    """Maps a line of a file's current text back to its text before the run.

    Lines the run left as they were map through the diff's ``equal`` runs.
    Lines it changed in place map too: a diff's ``replace`` run is matched
    again line by line on whitespace-free content (``terraform fmt``
    re-indents and re-aligns a whole block, which makes every line of it
    "changed"), and what still differs maps one to one where as many lines
    went out as came in (a value rewritten on its line). Only lines the run
    added have no original line.
    """

    def __init__(self, originals: dict[str, str]) -> None:
        self.originals = originals
        # path -> (current text, {current line index: original line index}, opcodes,
        # current lines, original lines)
        self.cache: dict[str, _Mapped] = {}

    def to_original(
        self, finding: Finding, current: dict[str, str], trees: dict[str, n.Module]
    ) -> Finding:
        path = finding.path
        now, before = current.get(path), self.originals.get(path)
        if now is None or before is None or now == before or not before:
            return finding  # unchanged so far, created by the run, or not of this module
        cached = self.cache.get(path)
        if cached is None or cached[0] is not now:
            now_lines, before_lines = split_lines(now), split_lines(before)
            table, opcodes = _line_table(before_lines, now_lines)
            cached = (now, table, opcodes, now_lines, before_lines)
            self.cache[path] = cached
        _now, table, opcodes, now_lines, before_lines = cached
        line = table.get(finding.line - 1)
        if line is not None:
            column = _column(now_lines[finding.line - 1], before_lines[line], finding.column)
            return replace(finding, line=line + 1, column=column)
        if path in trees:
            # On code the run added: point at the top-level block it was added to.
            for item in trees[path].body.items:
                if isinstance(item, n.Block) and item.line <= finding.line <= item.end_line:
                    line = table.get(item.line - 1)
                    if line is not None:
                        return replace(finding, line=line + 1, column=item.column)
                    break
        original_lines = opcodes[-1][2] if opcodes else 0  # the last run ends there
        for _tag, i1, _i2, j1, j2 in opcodes:  # a new top-level block: where it went in
            if j1 <= finding.line - 1 < j2:
                line = min(i1, max(original_lines - 1, 0)) + 1
                return replace(finding, line=line, column=1)
        return finding


def _column(now: str, before: str, column: int) -> int:
    """The column in ``before`` of the character at ``column`` of ``now``, its line as the
    run changed it: where only spacing changed, the one after as many non-blank
    characters; else through the characters both lines share (``"${var.x}"`` that
    became ``var.x``); else the same column."""
    if now == before:
        return column
    index = column - 1
    if "".join(now.split()) == "".join(before.split()):
        wanted = sum(1 for char in now[:index] if not char.isspace())
        blanks = [i for i, char in enumerate(before) if not char.isspace()]
        return blanks[wanted] + 1 if wanted < len(blanks) else column
    matcher = difflib.SequenceMatcher(None, now, before, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        if a <= index < a + size:
            return b + index - a + 1
    return column


def _line_table(
    old: list[str], new: list[str]
) -> tuple[dict[int, int], list[tuple[str, int, int, int, int]]]:
    """({index of a current line: index of the original line it is}, the opcodes).

    Lines are compared without their whitespace: re-indenting or re-aligning
    a block leaves each line the same line. Comparing them as they are let
    short lines that stayed as they were (``}``, blank lines) anchor the
    alignment in the wrong places, and a whole reformatted block came out
    as deleted and inserted, with no line mapped. Runs that still differ
    map one to one where as many lines went out as came in.
    """
    opcodes = line_opcodes(  # near-linear: difflib was quadratic on hundreds of fixes
        ["".join(line.split()) for line in old], ["".join(line.split()) for line in new]
    )
    table: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            table.update((j1 + k, i1 + k) for k in range(j2 - j1))
        elif tag == "replace" and (i2 - i1) * (j2 - j1) <= _SIMILAR_PAIRS:
            table.update(_similar(old, new, i1, i2, j1, j2))
    return table, opcodes


# Most (old, new) line pairs compared in one run of changed lines: bounded so
# that a rewritten file stays near-linear; past it those lines are not mapped.
_SIMILAR_PAIRS = 400


def _similar(old: list[str], new: list[str], i1: int, i2: int, j1: int, j2: int) -> dict[int, int]:
    """In a run where lines went out and others came in, in different numbers, each
    new line that is mostly an old one (``"${var.x}"`` unwrapped to ``var.x`` while a
    neighbour moved elsewhere), in order: {new index: old index}."""
    found: dict[int, int] = {}
    start = i1
    for j in range(j1, j2):
        wanted = "".join(new[j].split())
        best, best_ratio = None, 0.6
        for i in range(start, i2):
            ratio = difflib.SequenceMatcher(None, "".join(old[i].split()), wanted).ratio()
            if ratio > best_ratio:
                best, best_ratio = i, ratio
        if best is not None:
            found[j] = best
            start = best + 1
    return found


def _first_difference(old: str, new: str) -> int:
    """The first line (1-based) of ``old`` where ``new`` differs; text added at the end
    counts as on the last line, so that the position exists in the file."""
    old_lines, new_lines = split_lines(old), split_lines(new)
    for number, (a, b) in enumerate(zip(old_lines, new_lines, strict=False), 1):
        if a != b:
            return number
    return max(1, min(len(old_lines), len(new_lines)))


def _blocked(
    codemod: Codemod,
    directory: str,
    found: Sequence[Finding],
    changed: Sequence[str],
    created: Sequence[str],
    current: dict[str, str],
    printed: dict[str, str],
    allowed: frozenset[str],
) -> list[Finding]:
    """The findings of a codemod undone because it changed files that may not change.

    Its fixes become ``fixable`` (a fix exists; it was not applied), and a
    ``manual`` finding on the first given file it touched (or reported on)
    says which other files the fix needs. A codemod that neither touched
    nor reported on a given file says nothing: those files were not asked
    about, and are left as they are.
    """
    findings = [replace(f, status=Status.FIXABLE) if f.status is Status.FIXED else f for f in found]
    others = [p for p in changed if p not in allowed]
    parts = []
    if others:
        parts.append(f"changes {_and(others)}")
    if created:
        parts.append(f"creates {_and(created)}")
    plural = len(others) + len(created) > 1
    message = (
        f"the fix also {' and '.join(parts)}, which {'were' if plural else 'was'} not given; "
        f"not applied; run tffix on the directory {directory}"
    )
    touched = [p for p in changed if p in allowed]
    if touched:
        line = _first_difference(current[touched[0]], printed[touched[0]])
        findings.append(Finding(codemod.code, message, touched[0], line, 1, Status.MANUAL))
    else:
        given = [f for f in found if f.path in allowed]
        if given:
            where = given[0]
            findings.append(
                Finding(codemod.code, message, where.path, where.line, where.column, Status.MANUAL)
            )
    return findings


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _new_file_problem(directory: str, path: str) -> str | None:
    """Why a codemod may not create ``path`` in the module, or None when it may."""
    if os.path.dirname(os.path.abspath(path)) != os.path.abspath(directory):
        return "outside the module directory"
    if os.path.lexists(path):
        return "that already exists"
    return None


def write_results(result: ModuleResult) -> list[str]:
    """Write every changed (or created) file of a module atomically; return the paths written.

    Nothing is written when a changed file may not be (the runner never
    produces one; this guards the promise that only given files change).
    Every file is first checked (still as read, writable, a new file still
    absent): when one is not, none of the module is written, since its
    fixes belong together. A file that then fails to write (disk full)
    stops the module's writes. Each file not written gets an error in
    ``result.errors`` that says why.
    """
    allowed = result.writable
    refused = [
        f.path for f in result.changed_files if allowed is not None and f.path not in allowed
    ]
    if refused:
        raise PermissionError(f"{', '.join(refused)}: not given, must not be written")
    files = result.changed_files
    plans = []
    for file in files:
        expected = file.snapshot
        if expected is None and not file.created:
            expected = Snapshot.of_text(encode(file.original))
        plans.append((file, expected))
    for file, expected in plans:
        try:
            check_writable(file.path, expected=expected, create=file.created)
        except OSError as exc:
            result.errors.append(_write_error(file.path, exc))
            others = [f.path for f in files if f is not file]
            if others:
                result.errors.append(
                    f"{_and(others)}: not written either: the module's fixes are written "
                    "together, and one of its files could not be"
                )
            return []
    written: list[str] = []
    for index, (file, expected) in enumerate(plans):
        try:
            write_atomic(file.path, encode(file.new), expected=expected, create=file.created)
        except OSError as exc:
            result.errors.append(_write_error(file.path, exc))
            rest = [f.path for f, _ in plans[index + 1 :]]
            if rest:
                result.errors.append(f"{_and(rest)}: not written (after the failure above)")
            break
        written.append(file.path)
    return written


def _write_error(path: str, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileChanged):
        return f"{path}: Failed to write: {reason}; not overwritten, run tffix again"
    return f"{path}: Failed to write: {reason}; the file was left as it was"
