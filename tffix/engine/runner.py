"""Apply codemods to modules: to a fixed point, re-parsed, laid out, then written.

One module (directory) at a time: every file is parsed once per round, the
codemods run in their fixed order on the module's trees, and changed files
are laid out with ``relayout`` (only the changed paragraphs) and re-parsed.
Rounds repeat until a round changes nothing, so codemods that enable each
other converge; a module that keeps changing past ``max_rounds`` is an
error, never a silent stop. A module with a file that does not parse is
left untouched, since cross-file analysis of it would be unreliable.

A codemod may also add a file: a new parsed module put into ``ctx.files``
under a path directly inside the module directory that does not exist yet
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
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from tffix.analysis.module import analyze_modules
from tffix.cst.layout import relayout_module
from tffix.cst.linediff import opcodes as line_opcodes
from tffix.cst.write import split_lines, unified_diff_text, write_atomic
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Status
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import decode, encode, parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection, Sequence


class ConvergenceError(RuntimeError):
    """Codemods kept changing a module: two of them undo each other."""


class ContractError(AssertionError):
    """A codemod broke the contract (checked when ``TFFIX_STRICT=1``, as in the tests):
    it edited code without a ``fixed`` finding, or left a block its trigger matched
    without a decision."""


def _strict_default() -> bool:
    return os.environ.get("TFFIX_STRICT") == "1"


@dataclass
class FileResult:
    path: str
    original: str
    new: str
    created: bool = False  # a new file a codemod added to the module

    @property
    def changed(self) -> bool:
        return self.created or self.original != self.new

    def diff(self, display: str | None = None) -> str:
        """A unified diff that ``git apply`` and ``patch -p1`` apply byte for byte.

        A last line without a newline gets the ``\\ No newline at end of
        file`` marker, as ``diff -u`` writes it; without it, the patch would
        add a newline (or fail) and the result would not be this file.
        """
        if not self.changed:
            return ""
        name = (display or self.path).replace(os.sep, "/").lstrip("/")
        fromfile = "/dev/null" if self.created else f"a/{name}"
        return unified_diff_text(self.original, self.new, fromfile, f"b/{name}")


@dataclass
class ModuleResult:
    directory: str
    files: list[FileResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # ``fine`` decisions: blocks a codemod judged and left alone, with why (-v).
    notes: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # The paths that may be written; None: all of them (see ``run_module``).
    writable: frozenset[str] | None = None

    @property
    def changed_files(self) -> list[FileResult]:
        return [f for f in self.files if f.changed]


def run_module(
    directory: str,
    paths: Sequence[str],
    codemods: Sequence[Codemod],
    *,
    dry_run: bool = False,
    max_rounds: int = 10,
    writable: Collection[str] | None = None,
    strict: bool | None = None,
) -> ModuleResult:
    """Fix one module in memory; nothing is written here (see ``write_results``).

    ``writable`` lists the paths that may change (the files given on the
    command line); None means every file of the module may, and any file
    may be created. ``strict`` (default: ``TFFIX_STRICT=1`` in the
    environment) checks the codemod contract after every codemod and
    raises ``ContractError`` when it is broken; it costs a print of every
    file per codemod, so only tests turn it on.
    """
    if strict is None:
        strict = _strict_default()
    allowed = None if writable is None else frozenset(writable)
    result = ModuleResult(directory, writable=allowed)
    originals: dict[str, str] = {}
    modules: dict[str, n.Module] = {}
    for path in paths:
        try:
            with open(path, "rb") as f:
                originals[path] = decode(f.read())
        except OSError as exc:
            result.errors.append(f"{path}: cannot read: {exc.strerror or exc}")
            continue
        try:
            modules[path] = parse(originals[path], path=path)
        except ParseError as exc:
            result.errors.append(str(exc))
    if result.errors:
        result.errors.append(
            f"{directory}: module left untouched because a file in it could not be read or parsed"
        )
        return result

    current = dict(originals)
    created: list[str] = []  # new files codemods added, in the order they appeared
    lines = _LineMap(originals)

    def relocate(found: Sequence[Finding]) -> list[Finding]:
        return [lines.to_original(f, current, modules) for f in found]

    fixed: list[Finding] = []
    manual: list[Finding] = []
    notes: list[Finding] = []
    for _round in range(max_rounds):
        manual = []
        notes = []
        changed_any = False
        ctx: ModuleContext | None = None
        for codemod in codemods:
            if ctx is None:  # fresh trees and analysis after every change
                files = dict(modules)
                ctx = ModuleContext(directory, files, analyze_modules(directory, files), dry_run)
            ctx.current = codemod
            triggered = _trigger_ranges(codemod, ctx) if strict else None
            found = list(codemod.fix(ctx))
            if triggered is not None:
                _check_decisions(codemod, triggered, found)
            notes.extend(relocate([f for f in found if f.status is Status.FINE]))
            found = [f for f in found if f.status is not Status.FINE]
            reported = any(f.status is Status.FIXED for f in found)
            # A codemod changes code only when it reports a fix (the contract),
            # so printing every file to compare is needed only then; after the
            # last codemod of a round it is done anyway, to catch any change.
            if not reported and codemod is not codemods[-1] and not strict:
                manual.extend(relocate(found))
                continue
            printed = {p: ctx.files[p].code for p in ctx.files}  # each file printed once
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
            for finding in relocate(found):
                (fixed if finding.status is Status.FIXED else manual).append(finding)
            for path in new_paths:
                originals[path] = current[path] = ""
                created.append(path)
                changed.append(path)
            # Lay out and re-parse after each codemod, so that the next one
            # (terraform-fmt among them) sees the code as it will be written.
            for path in changed:
                try:
                    modules[path] = relayout_module(current[path], printed[path], path=path)
                    laid_out = modules[path].code
                except ParseError as exc:
                    message = f"{path}: {codemod.code} produced invalid HCL, not written: {exc}"
                    return ModuleResult(directory, errors=[message])
                current[path] = laid_out
            if changed:
                changed_any = True
                ctx = None
        if not changed_any:
            break
    else:
        raise ConvergenceError(
            f"{directory}: still changing after {max_rounds} rounds; "
            "two codemods are undoing each other"
        )
    result.files = [FileResult(p, originals[p], current[p]) for p in paths]
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


class _LineMap:
    """Maps a line of a file's current text back to its text before the run."""

    def __init__(self, originals: dict[str, str]) -> None:
        self.originals = originals
        self.cache: dict[str, tuple[str, list[tuple[str, int, int, int, int]]]] = {}

    def to_original(
        self, finding: Finding, current: dict[str, str], trees: dict[str, n.Module]
    ) -> Finding:
        path = finding.path
        now, before = current.get(path), self.originals.get(path)
        if now is None or before is None or now == before or not before:
            return finding  # unchanged so far, created by the run, or not of this module
        cached = self.cache.get(path)
        if cached is None or cached[0] is not now:
            cached = (now, line_opcodes(split_lines(before), split_lines(now)))
            self.cache[path] = cached
        opcodes = cached[1]
        line = self._equal(opcodes, finding.line)
        if line is not None:
            return replace(finding, line=line)
        if path in trees:
            # On code the run added: point at the top-level block it was added to.
            for item in trees[path].body.items:
                if isinstance(item, n.Block) and item.line <= finding.line <= item.end_line:
                    line = self._equal(opcodes, item.line)
                    if line is not None:
                        return replace(finding, line=line, column=item.column)
                    break
        original_lines = opcodes[-1][2] if opcodes else 0  # the last run ends there
        for _tag, i1, _i2, j1, j2 in opcodes:  # a new top-level block: where it went in
            if j1 <= finding.line - 1 < j2:
                line = min(i1, max(original_lines - 1, 0)) + 1
                return replace(finding, line=line, column=1)
        return finding

    @staticmethod
    def _equal(opcodes: list[tuple[str, int, int, int, int]], line: int) -> int | None:
        """The original line of a current line that the run left as it was, else None."""
        index = line - 1
        for tag, i1, _i2, j1, j2 in opcodes:
            if tag == "equal" and j1 <= index < j2:
                return i1 + index - j1 + 1
        return None


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
    """
    allowed = result.writable
    refused = [
        f.path for f in result.changed_files if allowed is not None and f.path not in allowed
    ]
    if refused:
        raise PermissionError(f"{', '.join(refused)}: not given, must not be written")
    written = []
    for file in result.changed_files:
        write_atomic(file.path, encode(file.new))
        written.append(file.path)
    return written
