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
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field, replace

from tffix.analysis.module import analyze_modules
from tffix.cst.layout import relayout_module
from tffix.cst.write import write_atomic
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Status
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import decode, encode, parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from tffix.syntax import nodes as n


class ConvergenceError(RuntimeError):
    """Codemods kept changing a module: two of them undo each other."""


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
        name = (display or self.path).replace(os.sep, "/").lstrip("/")
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.new.splitlines(keepends=True),
                fromfile="/dev/null" if self.created else f"a/{name}",
                tofile=f"b/{name}",
            )
        )


@dataclass
class ModuleResult:
    directory: str
    files: list[FileResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

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
) -> ModuleResult:
    """Fix one module in memory; nothing is written here (see ``write_results``)."""
    result = ModuleResult(directory)
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
    fixed: list[Finding] = []
    manual: list[Finding] = []
    for _round in range(max_rounds):
        manual = []
        changed_any = False
        ctx: ModuleContext | None = None
        for codemod in codemods:
            if ctx is None:  # fresh trees and analysis after every change
                files = dict(modules)
                ctx = ModuleContext(directory, files, analyze_modules(directory, files), dry_run)
            ctx.current = codemod
            reported = False
            for finding in codemod.fix(ctx):
                if finding.status is Status.FIXED:
                    fixed.append(finding)
                    reported = True
                else:
                    manual.append(finding)
            # A codemod changes code only when it reports a fix (the contract),
            # so printing every file to compare is needed only then; after the
            # last codemod of a round it is done anyway, to catch any change.
            if not reported and codemod is not codemods[-1]:
                continue
            printed = {p: ctx.files[p].code for p in ctx.files}  # each file printed once
            changed = [p for p in current if printed[p] != current[p]]
            for path in ctx.files:
                if path in current:
                    continue
                problem = _new_file_problem(directory, path)
                if problem is not None:
                    message = (
                        f"{path}: {codemod.code} tried to create a file {problem}; not written"
                    )
                    return ModuleResult(directory, errors=[message])
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
    for finding in [*fixed, *manual]:
        key = (finding.code, finding.path, finding.line, finding.message)
        if key not in seen:
            seen.add(key)
            result.findings.append(finding)
    return result


def _new_file_problem(directory: str, path: str) -> str | None:
    """Why a codemod may not create ``path`` in the module, or None when it may."""
    if os.path.dirname(os.path.abspath(path)) != os.path.abspath(directory):
        return "outside the module directory"
    if os.path.lexists(path):
        return "that already exists"
    return None


def write_results(result: ModuleResult) -> list[str]:
    """Write every changed (or created) file of a module atomically; return the paths written."""
    written = []
    for file in result.changed_files:
        write_atomic(file.path, encode(file.new))
        written.append(file.path)
    return written
