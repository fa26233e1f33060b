"""The module behind an open file, analysed from the editor's buffers, incrementally.

An editor's view of a module is its directory's configuration files (``.tf``,
``.tofu``, ``.tf.json``, ``.tofu.json``) as they are on disk, except the open
ones, which are read from their unsaved buffers. A ``.tofu`` file replaces the
``.tf`` file of the same name, as OpenTofu reads them (and the command line).

Diagnostics come after every keystroke, so they are computed differently from
a run of the command line, and from the same parts:

- each file's tree is kept from one change to the next, and only a file whose
  text changed is parsed again; the module analysis (declarations and
  references) is rebuilt from the per-file facts of the trees it already
  walked, so only the changed file is walked;
- the codemods run once each, on the module as written, for their findings
  only: no layout, no re-parse, no second round. A codemod edits trees in
  place; the trees it touched are put back afterwards (``Snapshot``), so every
  codemod sees the buffers as they are and every position is a position in
  them. Fixes (the edited text, the diff) are computed only when an editor
  asks for a code action, by the command line's runner (``run``);
- JSON configuration is read from buffers too, as the runner reads it: each
  file as its HCL shadow (``tffix.json.hcl``), so codemods check and fix the
  blocks it declares, a fix JSON cannot say exactly becomes the runner's
  manual finding, and positions map back into the JSON; a file the shadow
  cannot express is read only (what it declares resolves references).

What a keystroke shows is therefore what each codemod finds in the code as
it stands. The command line applies the codemods one after another, to a
fixed point, so a finding that only exists after another codemod's fix (a
key a fix adds, checked by the next codemod) is not among them; the server
runs the engine after a pause in typing to show those too
(``TffixServer.settle_later``), and each diagnostic says which it is
(``data.settled``). A module with override files is analysed by the full run (their
merging decides which fixes may apply), as is any module when the fast path
fails.

A buffer in the middle of typing often does not parse. Its parse error is its
one diagnostic, and the other files keep the findings of the last analysis
that succeeded (kept per module), so diagnostics do not flicker away.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from tffix.analysis.json_config import JsonConfig, read_json_config
from tffix.analysis.module import ModuleAnalysis, analyze_modules
from tffix.engine import config as configuration
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety, Status
from tffix.engine.files import is_override, shadowed
from tffix.engine.registry import all_codemods
from tffix.engine.runner import (
    ConvergenceError,
    ModuleResult,
    _crash,
    _json_broken,
    _json_findings,
    _json_position,
    _json_translate,
    _json_unchecked,
    run_module,
)
from tffix.json import hcl
from tffix.json.module import JsonFile, JsonFiles
from tffix.lsp.reparse import reparse
from tffix.lsp.snapshot import Snapshot
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import decode, parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from typing import Any

HCL_KINDS = (".tf", ".tofu")
JSON_KINDS = (".tf.json", ".tofu.json")
KINDS = (*JSON_KINDS, *HCL_KINDS)


def is_hcl(path: str) -> bool:
    return path.endswith(HCL_KINDS)


def is_json(path: str) -> bool:
    return path.endswith(JSON_KINDS)


def is_config(path: str) -> bool:
    """A file the language server analyses: Terraform or OpenTofu configuration."""
    return path.endswith(KINDS) and not os.path.basename(path).startswith(".")


@dataclass
class Settings:
    """What the client may change: whether unsafe fixes are offered."""

    unsafe_fixes: bool = False


@dataclass
class Analysis:
    """One analysis of a module: findings per file, parse errors per file."""

    directory: str
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    parse_errors: dict[str, ParseError] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    # JSON configuration files that are not valid JSON: why.
    json_errors: dict[str, str] = field(default_factory=dict)
    # Files left out because a ``.tofu`` file of the same name replaces them.
    shadowed: dict[str, str] = field(default_factory=dict)


def _listing(directory: str, open_paths: Iterable[str]) -> list[str]:
    found = set()
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                if is_config(entry.name) and entry.is_file():
                    found.add(os.path.join(directory, entry.name))
    except OSError:
        pass
    found.update(p for p in open_paths if os.path.dirname(p) == directory and is_config(p))
    return sorted(found)


def module_files(directory: str, open_paths: Iterable[str]) -> tuple[list[str], dict[str, str]]:
    """(the files of the module, {shadowed file: the ``.tofu`` file that replaces it}):
    every configuration file of ``directory`` on disk and the open ones not saved yet,
    with the ``.tf``(``.json``) files a ``.tofu`` one of the same name shadows left out."""
    every = _listing(directory, open_paths)
    hidden = shadowed(os.path.basename(p) for p in every)
    files = [p for p in every if os.path.basename(p) not in hidden]
    return files, {
        os.path.join(directory, a): os.path.join(directory, b) for a, b in hidden.items()
    }


def module_paths(directory: str, open_paths: Sequence[str]) -> list[str]:
    """The HCL files (``.tf``, ``.tofu``) of the module: what the runner parses and fixes."""
    files, _hidden = module_files(directory, open_paths)
    return [p for p in files if is_hcl(p)]


# ---- configuration --------------------------------------------------------------

# (path, mtime, size) -> the configuration it holds (None: a pyproject.toml without
# [tool.tffix]): read again only when the file changes, checked on every analysis.
_loaded: dict[tuple[str, int, int], configuration.Config | None] = {}


def discover(directory: str) -> configuration.Config:
    """``tffix.engine.config.discover`` without parsing TOML on every keystroke: the
    same walk up from ``directory``, with each file's contents cached by its stat."""
    here = Path(directory).resolve()
    for folder in (here, *here.parents):
        for name in (".tffix.toml", "pyproject.toml"):
            candidate = folder / name
            try:
                info = candidate.stat()
            except OSError:
                continue
            if not candidate.is_file():
                continue
            key = (str(candidate), info.st_mtime_ns, info.st_size)
            if key not in _loaded:
                _loaded[key] = configuration.load_file(candidate)
            found = _loaded[key]
            if found is not None:
                return found
    return configuration.Config()


def codemods_for(directory: str, settings: Settings, *, only: str | None = None) -> list[Codemod]:
    """The codemods the command line would run in ``directory`` (its configuration,
    per-file-ignores included), with unsafe ones only when the client or the
    configuration allows them."""
    from tffix.engine.scope import matches
    from tffix.engine.session import configured_codemods

    config = discover(directory)
    unsafe = settings.unsafe_fixes or config.unsafe_fixes
    if only is not None:
        chosen = [c for c in all_codemods() if c.code == only]
        chosen = [c for c in chosen if unsafe or c.safety is Safety.SAFE]
    else:
        chosen = configured_codemods(config, (), (), unsafe=unsafe)
    codemods = [c(**config.options.get(c.code, {})) for c in chosen]
    if config.per_file_ignores:
        anchor = config.directory or Path(directory)
        files, _hidden = module_files(directory, ())
        for codemod in codemods:
            ignored = [
                p
                for p in files
                for pattern, codes in config.per_file_ignores.items()
                if codemod.code in codes and matches(Path(p), [pattern], anchor)
            ]
            if ignored:
                codemod.ignored_files = frozenset(ignored)  # type: ignore[attr-defined]
    return codemods


def read(path: str) -> str | None:
    try:
        with open(path, "rb") as f:
            return decode(f.read())
    except OSError:
        return None


def run(directory: str, texts: Mapping[str, str], codemods: Sequence[Codemod]) -> ModuleResult:
    """A dry run of ``codemods`` over the module as the command line does it (to a
    fixed point, laid out), unsaved buffers instead of the disk: the fixes."""
    paths, _hidden = module_files(directory, list(texts))  # JSON configuration too
    try:
        result = run_module(directory, paths, codemods, dry_run=True, texts=texts, strict=False)
    except ConvergenceError as exc:
        return ModuleResult(directory, errors=[str(exc)])
    except Exception as exc:  # as the command line reports it: an error of the module
        return ModuleResult(
            directory,
            errors=[f"{directory}: internal error ({type(exc).__name__}: {exc}); nothing fixed"],
        )
    return result


# ---- the incremental analysis ---------------------------------------------------


@dataclass
class _File:
    """One file as last read: its text, and its tree or why it has none."""

    text: str
    tree: n.Module | None = None
    error: ParseError | None = None
    snapshot: Snapshot | None = None
    json: JsonConfig | None = None
    # A JSON file's HCL shadow (``tffix.json.hcl``), which ``tree`` is the tree of:
    # codemods read and fix JSON-declared blocks through it, as the runner does.
    shadow: hcl.Shadow | None = None
    # {id of a top-level block of ``tree``: {what was asked of it: the answer}}, the
    # comments that waive codemods for it read once (``_Context``). The tree keeps
    # its blocks alive, so an id stays the block's while this entry lives; a block
    # a keystroke left alone is the same object in the next tree (``reparse``), and
    # its entry moves there with it.
    waivers: dict[int, dict[object, object]] = field(default_factory=dict)

    @property
    def code(self) -> str:
        """What ``tree`` prints when it is as read (the shadow's text for JSON)."""
        return self.shadow.text if self.shadow is not None else self.text


class _Disk:
    """Files not open in the editor, read again only when their stat changes."""

    def __init__(self) -> None:
        self.cache: dict[str, tuple[tuple[int, int], str]] = {}

    def read(self, path: str) -> str | None:
        try:
            info = os.stat(path)
        except OSError:
            self.cache.pop(path, None)
            return None
        key = (info.st_mtime_ns, info.st_size)
        cached = self.cache.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        text = read(path)
        if text is None:
            return None
        self.cache[path] = (key, text)
        return text


class ModuleState:
    """What is kept of one module between changes: trees, analysis, last good findings."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.files: dict[str, _File] = {}
        self.analysis: ModuleAnalysis | None = None
        self.last_good: dict[str, list[Finding]] = {}

    def update(self, paths: Sequence[str], text_of: Mapping[str, str]) -> None:
        """Read the module's files; parse only those whose text changed."""
        for path in list(self.files):
            if path not in text_of:
                del self.files[path]
        for path in paths:
            text = text_of.get(path)
            if text is None:
                continue
            known = self.files.get(path)
            if known is not None and known.text == text:
                continue
            entry = _File(text)
            if is_json(path):
                entry.json = read_json_config(path, text.removeprefix("\ufeff"))
                if entry.json.error is None:
                    try:
                        entry.shadow = hcl.read(text)
                        entry.tree = parse(entry.shadow.text, path=path)
                    except (hcl.Unsupported, ParseError):  # read only, as for the runner
                        entry.shadow = None
                    else:
                        entry.snapshot = Snapshot(entry.tree)
            else:
                try:
                    if known is not None and known.tree is not None:
                        entry.tree = reparse(known.tree, known.text, text, path)
                    else:
                        entry.tree = parse(text, path=path)
                except ParseError as exc:
                    entry.error = exc
                else:  # a tenth of the parse: codemods may edit it, and it is put back
                    entry.snapshot = Snapshot(entry.tree, known.snapshot if known else None)
                    if known is not None and known.waivers:
                        # The blocks the splice kept: their comments are as they were.
                        kept = known.waivers
                        entry.waivers = {
                            id(b): kept[id(b)] for b in entry.tree.body.blocks if id(b) in kept
                        }
            self.files[path] = entry

    def trees(self) -> dict[str, n.Module]:
        """The trees in the runner's order (codemods choose by it: the first key of the
        module, where a new block goes): HCL files by name, then JSON shadows."""
        hcl = sorted(p for p, f in self.files.items() if f.tree is not None and f.shadow is None)
        shadows = sorted(p for p, f in self.files.items() if f.shadow is not None)
        return {p: self.files[p].tree for p in [*hcl, *shadows]}  # type: ignore[misc]

    def waivers(self) -> dict[int, dict[object, object]]:
        """{id of a top-level block: {question: answer}}, kept per tree (``_Context``)."""
        found: dict[int, dict[object, object]] = {}
        for entry in self.files.values():
            if entry.tree is not None:
                for block in entry.tree.body.blocks:
                    found[id(block)] = entry.waivers.setdefault(id(block), {})
        return found

    def json(self) -> list[JsonConfig]:
        """The JSON files read only (those without a shadow), for the analysis."""
        return [
            f.json for _, f in sorted(self.files.items()) if f.json is not None and f.tree is None
        ]

    def json_files(self) -> JsonFiles:
        """The JSON files with a shadow, as the runner's ``JsonFiles`` holds them."""
        files = JsonFiles()
        for path, entry in self.files.items():
            if entry.shadow is not None:
                shadow = entry.shadow
                files.files[path] = JsonFile(path, entry.text, entry.text, shadow, shadow)
        return files

    def analyse(self) -> ModuleAnalysis:
        """The module analysis, re-walking only trees it has not seen."""
        analysis = analyze_modules(self.directory, self.trees(), previous=self.analysis)
        analysis.json = self.json()
        self.analysis = analysis
        return analysis


def findings_of(state: ModuleState, codemods: Sequence[Codemod]) -> tuple[list[Finding], list[str]]:
    """(the findings of each codemod on the module as written, errors): see the module
    docstring. Trees a codemod edited are put back before the next one runs."""
    directory = state.directory
    trees = state.trees()
    analysis = state.analyse()
    found_all: list[Finding] = []
    waivers = state.waivers()
    json_files = state.json_files()
    for codemod in codemods:
        ctx = _Context(directory, dict(trees), analysis, True, waivers=waivers)
        ctx.current = codemod
        try:
            found = codemod.run(ctx)
        except Exception as exc:  # its failure on this module, as the runner reports it
            _restore(state, trees)
            return [], [_crash(directory, list(trees), codemod, exc)]
        found_all.extend(_json_unchecked(codemod, ctx))
        found = [f for f in found if f.status is not Status.FINE]
        if not any(f.status is Status.FIXED for f in found):
            found_all.extend(found)
            continue
        broken = _json_broken(codemod, ctx, found)
        failed: list[tuple[str, tuple[str, ...] | None, str]] = []
        if json_files.files:  # fixes in JSON files: can JSON say them exactly?
            changed = [p for p in json_files.files if trees[p].code != state.files[p].code]
            current = {p: state.files[p].code for p in changed}
            printed = {p: trees[p].code for p in changed}
            try:
                failed = _json_translate(json_files, changed, current, printed, {})
            except Exception as exc:  # the engine's failure on this module: an error of it
                _restore(state, trees)
                return [], [_crash(directory, list(trees), codemod, exc)]
        _restore(state, trees)
        if broken:  # as the runner: the fix is not applied, the reason is the finding
            found_all.extend(broken)
        else:
            if failed:  # as the runner: manual there, the codemod's other fixes stand
                instead = _json_findings(codemod, found, failed, trees)
                found = [f for f in found if not _within(f, failed, trees)] + instead
            found_all.extend(
                replace(f, status=Status.FIXABLE) if f.status is Status.FIXED else f for f in found
            )
        # A fresh analysis object: nothing a codemod cached on it survives its edits.
        analysis = analyze_modules(directory, trees, previous=analysis)
        analysis.json = state.json()
    state.analysis = analysis
    if json_files.files:  # findings on a shadow point into the JSON file
        found_all = [_json_position(json_files, f) for f in found_all]
    seen: set[tuple[str, str, int, str]] = set()
    unique = []
    for finding in found_all:
        key = (finding.code, finding.path, finding.line, finding.message)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique, []


def _within(
    finding: Finding,
    failed: Sequence[tuple[str, tuple[str, ...] | None, str]],
    trees: Mapping[str, n.Module],
) -> bool:
    """Whether ``finding`` is about a block whose fix JSON cannot say (the runner runs
    the codemod again with those blocks waived: it then says nothing of them)."""
    for path, key, _why in failed:
        if finding.path != path:
            continue
        if key is None:
            return True
        for block in trees[path].body.blocks:
            if (block.type, *block.labels) == key and block.line <= finding.line <= block.end_line:
                return True
    return False


def _restore(state: ModuleState, trees: Mapping[str, n.Module]) -> None:
    """Put back every tree (cheaper than printing each to find the ones edited)."""
    for path in trees:
        snapshot = state.files[path].snapshot
        if snapshot is not None:
            snapshot.restore()


class _Context(ModuleContext):
    """The runner's context, with each top-level block's waiver comments read once
    per block (they are read for every block by every codemod, and a keystroke
    leaves the other blocks as they were): whether a codemod is waived, and which
    of its checks, asked once per codemod and its ``per-file-ignores`` (from the
    configuration, which can change while the text does not)."""

    def __init__(self, *args: Any, waivers: dict[int, dict[object, object]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.waivers = waivers

    def _known(self, block: n.Block) -> tuple[dict[object, object] | None, object]:
        codemod = self.current
        known = self.waivers.get(id(block))
        if codemod is None or known is None or "protected" in self.__dict__:
            return None, None
        return known, (codemod.code, getattr(codemod, "ignored_files", None))

    def waived(self, block: n.Block) -> bool:
        known, key = self._known(block)
        if known is None:
            return super().waived(block)
        if key not in known:
            known[key] = super().waived(block)
        return known[key]  # type: ignore[return-value]

    def waived_checks(self, block: n.Block) -> set[str]:
        known, key = self._known(block)
        if known is None:
            return super().waived_checks(block)
        key = ("checks", key)
        if key not in known:
            known[key] = frozenset(super().waived_checks(block))
        return set(known[key])  # type: ignore[call-overload]


class Modules:
    """Every module the editor has open a file of, with what is kept of it."""

    def __init__(self) -> None:
        self.states: dict[str, ModuleState] = {}
        self.disk = _Disk()

    @property
    def last_good(self) -> dict[str, dict[str, list[Finding]]]:
        return {d: s.last_good for d, s in self.states.items()}

    def state(self, directory: str) -> ModuleState:
        found = self.states.get(directory)
        if found is None:
            found = self.states[directory] = ModuleState(directory)
        return found

    def texts_of(
        self, directory: str, buffers: Mapping[str, str]
    ) -> tuple[list[str], dict[str, str], dict[str, str]]:
        """(the module's files, {path: its text}, {shadowed: what replaces it})."""
        paths, hidden = module_files(directory, list(buffers))
        texts = {}
        for path in paths:
            text = buffers.get(path)
            if text is None:
                text = self.disk.read(path)
            if text is not None:
                texts[path] = text
        return paths, texts, hidden

    def analyse(self, directory: str, texts: Mapping[str, str], settings: Settings) -> Analysis:
        analysis = Analysis(directory)
        try:
            codemods = codemods_for(directory, settings)
        except (configuration.ConfigError, ValueError) as exc:
            analysis.errors.append(str(exc))
            return analysis
        state = self.state(directory)
        paths, text_of, analysis.shadowed = self.texts_of(directory, texts)
        state.update(paths, text_of)
        broken: set[str] = set()
        for path, entry in state.files.items():
            if entry.error is not None:
                analysis.parse_errors[path] = entry.error
                broken.add(path)
            elif entry.json is not None and entry.json.error:
                analysis.json_errors[path] = entry.json.error
                broken.add(path)
        if broken:
            # Cross-file conclusions would be unreliable (a reference to what the
            # broken file declares would look undefined), as for the command line.
            # The files that parse keep the findings of the last good analysis.
            for path, found in state.last_good.items():
                if path not in broken and path in state.files:
                    analysis.findings[path] = found
            return analysis
        if any(is_override(p) for p in state.files):
            findings, errors = self._full_run(directory, text_of, codemods)
        else:
            findings, errors = findings_of(state, codemods)
        if errors:
            analysis.errors.extend(errors)
            return analysis
        by_path: dict[str, list[Finding]] = {p: [] for p in state.files}
        for finding in findings:
            by_path.setdefault(finding.path, []).append(finding)
        analysis.findings = by_path
        state.last_good = by_path
        return analysis

    def _full_run(
        self, directory: str, texts: Mapping[str, str], codemods: Sequence[Codemod]
    ) -> tuple[list[Finding], list[str]]:
        hcl = {p: t for p, t in texts.items() if is_hcl(p)}
        result = run(directory, hcl, codemods)
        return result.findings, result.errors


_OFFSET = re.compile(r"at offset (\d+)")


def json_error_position(text: str, message: str) -> tuple[int, int]:
    """(0-based line, column) a JSON reading error names (its offset), else the start."""
    found = _OFFSET.search(message)
    if found is None:
        return 0, 0
    offset = min(int(found.group(1)), len(text))
    before = text[:offset]
    line = before.count("\n")
    return line, offset - (before.rfind("\n") + 1)
