"""The module behind an open file, analysed from the editor's buffers.

An editor's view of a module is its directory's ``.tf`` files as they are on
disk, except the open ones, which are read from their unsaved buffers. The
language server runs the same runner, codemods and configuration as the
command line on that view, in memory (a dry run): what it shows is what
``tffix`` would do, and nothing here writes a file.

A buffer in the middle of typing often does not parse. Its parse error is
its one diagnostic, and the other files keep the findings of the last run
that succeeded (kept per module), so diagnostics do not flicker away.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tffix.engine import config as configuration
from tffix.engine.codemod import Codemod, Finding, Safety
from tffix.engine.registry import all_codemods
from tffix.engine.runner import ConvergenceError, ModuleResult, run_module
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import decode

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence


@dataclass
class Settings:
    """What the client may change: whether unsafe fixes are offered."""

    unsafe_fixes: bool = False


@dataclass
class Analysis:
    """One run over a module: findings per file, parse errors per file."""

    directory: str
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    parse_errors: dict[str, ParseError] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def module_paths(directory: str, open_paths: Sequence[str]) -> list[str]:
    """Every ``.tf`` file of ``directory`` on disk, and the open ones not saved yet."""
    found = set()
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.endswith(".tf") and entry.is_file():
                    found.add(os.path.join(directory, entry.name))
    except OSError:
        pass
    found.update(p for p in open_paths if os.path.dirname(p) == directory and p.endswith(".tf"))
    return sorted(found)


def codemods_for(directory: str, settings: Settings, *, only: str | None = None) -> list[Codemod]:
    """The codemods the command line would run in ``directory`` (its configuration),
    with unsafe ones only when the client or the configuration allows them."""
    from tffix.engine.session import configured_codemods

    config = configuration.discover(Path(directory))
    unsafe = settings.unsafe_fixes or config.unsafe_fixes
    if only is not None:
        chosen = [c for c in all_codemods() if c.code == only]
        chosen = [c for c in chosen if unsafe or c.safety is Safety.SAFE]
    else:
        chosen = configured_codemods(config, (), (), unsafe=unsafe)
    return [c(**config.options.get(c.code, {})) for c in chosen]


def read(path: str) -> str | None:
    try:
        with open(path, "rb") as f:
            return decode(f.read())
    except OSError:
        return None


def run(directory: str, texts: Mapping[str, str], codemods: Sequence[Codemod]) -> ModuleResult:
    """A dry run of ``codemods`` over the module, unsaved buffers instead of the disk."""
    paths = module_paths(directory, list(texts))
    try:
        result = run_module(directory, paths, codemods, dry_run=True, texts=texts, strict=False)
    except ConvergenceError as exc:
        return ModuleResult(directory, errors=[str(exc)])
    return result


class Modules:
    """The last successful analysis of each module, and the current one."""

    def __init__(self) -> None:
        self.last_good: dict[str, dict[str, list[Finding]]] = {}

    def analyse(self, directory: str, texts: Mapping[str, str], settings: Settings) -> Analysis:
        analysis = Analysis(directory)
        try:
            codemods = codemods_for(directory, settings)
        except (configuration.ConfigError, ValueError) as exc:
            analysis.errors.append(str(exc))
            return analysis
        result = run(directory, texts, codemods)
        if result.errors:
            broken = _parse_errors(directory, texts)  # only now: a second parse, to locate them
            if not broken:
                analysis.errors.extend(result.errors)
                return analysis
            analysis.parse_errors = broken
            # The files that parse keep the findings of the last good run.
            for path, found in self.last_good.get(directory, {}).items():
                if path not in broken:
                    analysis.findings[path] = found
            return analysis
        by_path: dict[str, list[Finding]] = {p: [] for p in module_paths(directory, list(texts))}
        for finding in result.findings:
            by_path.setdefault(finding.path, []).append(finding)
        analysis.findings = by_path
        self.last_good[directory] = by_path
        return analysis


def _parse_errors(directory: str, texts: Mapping[str, str]) -> dict[str, ParseError]:
    from tffix.syntax.parser import parse

    out = {}
    for path in module_paths(directory, list(texts)):
        text = texts.get(path)
        if text is None:
            text = read(path)
            if text is None:
                continue
        try:
            parse(text, path=path)
        except ParseError as exc:
            out[path] = exc
    return out
