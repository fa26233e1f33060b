"""``tffix lsp``: the language server (stdio), on pygls and lsprotocol.

What it offers an editor, all computed by the same runner, codemods,
configuration and formatter as the command line:

- diagnostics for every finding of the open file's module (the whole
  directory is analysed, so a reference in another file counts), on open,
  change and save; fixable findings are warnings, manual ones information,
  and each links to its codemod's documentation;
- code actions: a quick fix per fixable finding (the codemod's edit, across
  files when the fix spans them), and ``source.fixAll.tffix`` for every fix
  of the module; unsafe fixes only when the client's settings allow them
  (``{"tffix": {"unsafeFixes": true}}``, or ``initializationOptions``);
- formatting and range formatting, byte-identical to ``tffix fmt``;
- rename of a resource, data source or module label with every reference
  across the module, plus the ``moved`` block that keeps the state.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import dataclasses
import functools
import os
import re
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path

from tffix import __version__
from tffix.analysis.json_config import read_json_config
from tffix.cst import edit
from tffix.engine.codemod import Codemod, Finding, Status
from tffix.engine.config import ConfigError
from tffix.engine.runner import ModuleResult
from tffix.lsp.edits import text_edits, utf16_length
from tffix.lsp.modules import (
    KINDS,
    Analysis,
    Modules,
    Settings,
    codemods_for,
    is_config,
    is_json,
    json_error_position,
    module_files,
    module_paths,
    read,
    run,
)
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Wire = dict[str, Any]  # a diagnostic as sent: lsprotocol's JSON form of it

FIX_ALL = "source.fixAll.tffix"
_FIXES = (Status.FIXABLE, Status.FIXED)
# Seconds between two analyses of a module while typing (see ``TffixServer.schedule``).
DEBOUNCE = 0.05
SETTLE = 1.0
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


def to_path(uri: str) -> str:
    parsed = urlparse(uri)
    return os.path.normpath(unquote(parsed.path))


def to_uri(path: str) -> str:
    return from_fs_path(path) or f"file://{path}"


class TffixServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "tffix", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.settings = Settings()
        self.modules = Modules()
        # module directory -> {uri: the diagnostics last published for it, as sent}
        self.published: dict[str, dict[str, list[Wire]]] = {}
        # Changes are analysed at most once per ``debounce`` seconds per module:
        # the first change after a pause at once, those typed meanwhile together
        # (the analysis reads the buffers as they are when it runs).
        self.debounce = DEBOUNCE
        self.pending: dict[str, tuple[str, asyncio.TimerHandle]] = {}
        self.finished: dict[str, float] = {}  # module directory -> when its last analysis ended
        self.fixes = _FixCache()
        # Seconds without a change before the command line's engine runs on a module
        # (``settle_later``); one thread runs it, beside the keystrokes' analyses.
        self.settle = float(os.environ.get("TFFIX_LSP_SETTLE", SETTLE))
        self.settling: dict[str, asyncio.TimerHandle] = {}
        self.generation: dict[str, int] = {}  # module directory -> analyses so far
        self.pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="tffix-settle")

    # ---- the module as the editor sees it ------------------------------------------

    def texts(self) -> dict[str, str]:
        """The open buffers, by path."""
        return {
            to_path(uri): doc.source
            for uri, doc in self.workspace.text_documents.items()
            if uri.startswith("file:")
        }

    def text_of(self, path: str) -> str | None:
        found = self.texts().get(path)
        return found if found is not None else read(path)

    def schedule(self, uri: str) -> None:
        """Analyse the module of ``uri`` soon: at once after a pause in typing, else
        ``debounce`` seconds after the last analysis, once for all changes since."""
        path = to_path(uri)
        if not is_config(path):
            return
        directory = os.path.dirname(path)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not under an event loop (direct calls): no debounce
            self.refresh(uri)
            return
        if directory in self.pending:
            return  # the analysis already scheduled reads the newest buffers
        wait = max(0.0, self.finished.get(directory, -1e9) + self.debounce - loop.time())
        handle = loop.call_later(wait, self._run_pending, directory)
        self.pending[directory] = (uri, handle)

    def _run_pending(self, directory: str) -> None:
        uri, _handle = self.pending.pop(directory)
        try:
            self.refresh(uri)
        finally:
            with contextlib.suppress(RuntimeError):
                self.finished[directory] = asyncio.get_running_loop().time()

    def refresh(self, uri: str) -> None:
        """Analyse the module of ``uri`` and publish diagnostics for each of its files
        (again only for those whose diagnostics changed, and always for ``uri``)."""
        path = to_path(uri)
        if not is_config(path):
            return
        directory = os.path.dirname(path)
        texts = self.texts()
        analysis = self.modules.analyse(directory, texts, self.settings)
        settling = self.settle_later(uri, analysis, texts)
        self.publish(uri, analysis, texts, settled=not settling)

    def publish(
        self, uri: str, analysis: Analysis, texts: dict[str, str], *, settled: bool = True
    ) -> None:
        """Publish an analysis's diagnostics: for ``uri`` always, for the module's other
        files where they changed. ``settled``: they are the command line's findings
        (each diagnostic's ``data.settled`` says so), not a keystroke's that a run
        of the engine will replace (``settle_later``)."""
        directory = analysis.directory
        before = self.published.get(directory, {})
        now: dict[str, list[Wire]] = {}
        for file in sorted({*analysis.findings, *analysis.parse_errors, *analysis.json_errors}):
            diagnostics = self.diagnostics(
                file, analysis.findings.get(file, []), texts, settled=settled
            )
            error = analysis.parse_errors.get(file)
            if error is not None:
                diagnostics = [self.wire(_parse_diagnostic(error)), *diagnostics]
            problem = analysis.json_errors.get(file)
            if problem is not None:
                text = texts.get(file) or read(file) or ""
                diagnostics = [self.wire(_json_diagnostic(text, problem)), *diagnostics]
            now[to_uri(file)] = diagnostics
        for file, replacement in analysis.shadowed.items():
            if file in texts:  # an open file OpenTofu does not read: say so, once
                now[to_uri(file)] = [self.wire(_shadowed_diagnostic(file, replacement))]
        for file_uri, diagnostics in now.items():
            if file_uri == uri or before.get(file_uri) != diagnostics:
                self.send_diagnostics(file_uri, diagnostics)
        for stale in set(before) - set(now):  # files gone since
            self.send_diagnostics(stale, [])
        self.published[directory] = now
        for message in analysis.errors:
            self.window_log_message(
                types.LogMessageParams(type=types.MessageType.Warning, message=message)
            )

    # ---- the command line's view, after a pause ---------------------------------------

    def settle_later(self, uri: str, analysis: Analysis, texts: dict[str, str]) -> bool:
        """After ``settle`` seconds without a change, run the command line's engine on
        the module (in a thread) and publish its findings instead; whether it will
        (``analysis`` of ``texts`` is otherwise what the command line finds).

        The diagnostics of a keystroke are each codemod's findings on the code
        as written; the engine applies the fixes one after another to a fixed
        point, where a fix can lead to more findings (an import file a split
        leaves, a reference a rename leaves). Only a module with something
        fixable can differ, and only in findings about code a fix adds or
        changes. The run also fills the cache the code actions read, so that a
        fix asked for after the pause is already computed. Diagnostics say
        which they are (``data.settled``): false until the engine's replace
        them (or the engine cannot run on the module: then the keystroke's
        stand, settled).
        """
        directory = analysis.directory
        self.generation[directory] = self.generation.get(directory, 0) + 1
        pending = self.settling.pop(directory, None)
        if pending is not None:
            pending.cancel()
        if analysis.parse_errors or analysis.json_errors or analysis.errors:
            return False
        if not any(f.status is Status.FIXABLE for v in analysis.findings.values() for f in v):
            return False
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        self.settling[directory] = loop.call_later(
            self.settle, self._settle, uri, analysis, texts, self.generation[directory]
        )
        return True

    def _settle(
        self, uri: str, analysis: Analysis, analysed: dict[str, str], generation: int
    ) -> None:
        directory = analysis.directory
        self.settling.pop(directory, None)

        def stand() -> None:
            """The engine does not run: the keystroke's diagnostics are final."""
            if self.generation.get(directory) == generation:
                self.publish(uri, analysis, analysed, settled=True)

        texts = self.texts()
        for path, text in texts.items():
            if os.path.dirname(path) == directory and is_json(path) and text != read(path):
                return stand()  # the engine reads JSON from disk: it would see another module
        try:
            codemods = codemods_for(directory, self.settings)
        except (ConfigError, ValueError):
            return stand()
        key = self.fixes.key(directory, texts, codemods, None)
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self.pool, run, directory, texts, codemods)

        def done(future: asyncio.Future[ModuleResult]) -> None:
            if future.cancelled() or future.exception() is not None:
                return stand()
            result = future.result()
            if result.errors:
                return stand()
            self.fixes.store(key, result)
            if self.generation.get(directory) != generation:
                return  # the module changed meanwhile: this describes another text
            by_path: dict[str, list[Finding]] = {p: [] for p in analysis.findings}
            for finding in result.findings:
                by_path.setdefault(finding.path, []).append(finding)
            self.publish(uri, dataclasses.replace(analysis, findings=by_path), texts)

        future.add_done_callback(done)

    def resolves_edits(self) -> bool:
        """Whether the client asks for an action's edit only when it applies it."""
        try:
            support = self.client_capabilities.text_document.code_action.resolve_support  # type: ignore[union-attr]
        except AttributeError:
            return False
        return support is not None and "edit" in support.properties

    def has_fixes(self, uri: str) -> bool:
        """Whether the last analysis of the module of ``uri`` found something fixable."""
        state = self.modules.states.get(os.path.dirname(to_path(uri)))
        return state is not None and any(
            f.status is Status.FIXABLE for found in state.last_good.values() for f in found
        )

    def watch_files(self) -> None:
        """Ask the client to say when a configuration or module file changes on disk
        (``workspace/didChangeWatchedFiles``), where it lets servers ask: a
        ``.tffix.toml`` edited in another program applies without a keystroke."""
        workspace = self.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace is not None else None
        if watched is None or not watched.dynamic_registration:
            return
        patterns = ["**/.tffix.toml", "**/pyproject.toml", *(f"**/*{k}" for k in KINDS)]
        self.client_register_capability(
            types.RegistrationParams(
                registrations=[
                    types.Registration(
                        id="tffix-watched-files",
                        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=types.DidChangeWatchedFilesRegistrationOptions(
                            watchers=[types.FileSystemWatcher(glob_pattern=p) for p in patterns]
                        ),
                    )
                ]
            )
        )

    def refresh_all(self) -> None:
        """Analyse every module with an open file again (settings or files changed)."""
        seen = set()
        for uri in list(self.workspace.text_documents):
            directory = os.path.dirname(to_path(uri))
            if is_config(to_path(uri)) and directory not in seen:
                seen.add(directory)
                self.refresh(uri)

    def diagnostics(
        self, path: str, findings: list[Finding], texts: dict[str, str], *, settled: bool = True
    ) -> list[Wire]:
        """The findings of one file as diagnostics, in the form they are sent in (its
        text split into lines once; each finding's built once for its line's text)."""
        if not findings:
            return []
        text = texts.get(path)
        if text is None:
            text = read(path) or ""
        lines = text.split("\n")
        count = len(lines)
        return [
            _wire_diagnostic(f, lines[max(f.line - 1, 0)] if f.line <= count else "", settled)
            for f in findings
        ]

    def wire(self, diagnostic: types.Diagnostic) -> Wire:
        """A diagnostic in the form it is sent in (JSON-ready)."""
        return self.protocol._converter.unstructure(diagnostic)

    def send_diagnostics(self, uri: str, diagnostics: list[Wire]) -> None:
        """``textDocument/publishDiagnostics``, written from the diagnostics' JSON form.

        pygls would convert lsprotocol objects with cattrs on every send, a
        third of a keystroke's cost for a file with hundreds of findings; the
        same findings are sent again after every keystroke, so each is built
        once (``_wire_diagnostic``) and only the message is written.
        """
        message = {
            "jsonrpc": "2.0",
            "method": types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
            "params": {"uri": uri, "diagnostics": diagnostics},
        }
        send = getattr(self.protocol, "_send_data", None)
        if send is not None:
            send(message)
        else:  # pragma: no cover - another pygls: its own conversion
            params = self.protocol._converter.structure(
                message["params"], types.PublishDiagnosticsParams
            )
            self.text_document_publish_diagnostics(params)

    # ---- fixes -----------------------------------------------------------------------

    def fix_edit(self, uri: str, code: str | None, line: int | None) -> types.WorkspaceEdit | None:
        """The edit of one codemod (``code``) or of all (None) on the module of ``uri``;
        with ``line``, the fix of the finding there: the hunks of the current file
        around the finding's block, and those of other files (a new file, a block a
        fix adds or changes elsewhere) but for the blocks the codemod has other
        findings about, which are those findings' own quick fixes."""
        path = to_path(uri)
        directory = os.path.dirname(path)
        codemods = codemods_for(directory, self.settings, only=code)
        if not codemods:
            return None
        texts = self.texts()
        result = self.fixes.run(directory, texts, codemods, code)
        if result.errors:
            return None
        changes: list[types.TextDocumentEdit | types.CreateFile] = []
        for file in result.changed_files:
            if not file.created and (texts.get(file.path) or read(file.path)) != file.original:
                # The engine reads JSON configuration from disk: an unsaved buffer
                # would get edits made for another text.
                self.window_log_message(
                    types.LogMessageParams(
                        type=types.MessageType.Warning,
                        message=f"{file.path}: save it first; tffix fixes it as saved",
                    )
                )
                return None
            if file.created:
                changes.append(types.CreateFile(uri=to_uri(file.path)))
                edits = text_edits("", file.new)
            else:
                limit = None
                leave: list[tuple[int, int]] = []
                if line is not None and not is_json(file.path):
                    if file.path == path:
                        limit = _block_lines(file.original, line)
                    else:  # the fix's part in another file, not the other findings' fixes
                        leave = [
                            _block_lines(file.original, f.line)
                            for f in result.findings
                            if f.path == file.path and f.status in _FIXES
                        ]
                edits = text_edits(file.original, file.new, lines=limit, leave=leave)
            if edits:
                changes.append(
                    types.TextDocumentEdit(
                        text_document=types.OptionalVersionedTextDocumentIdentifier(
                            uri=to_uri(file.path), version=None
                        ),
                        edits=list(edits),
                    )
                )
        if not any(isinstance(c, types.TextDocumentEdit) for c in changes):
            return None
        return types.WorkspaceEdit(document_changes=changes)

    # ---- rename ----------------------------------------------------------------------

    def label_at(
        self, uri: str, position: types.Position
    ) -> tuple[n.Block, str, types.Range] | None:
        """The renamable block whose name label is under ``position``."""
        text = self.text_of(to_path(uri))
        if text is None:
            return None
        try:
            tree = parse(text, path=to_path(uri))
        except ParseError:
            return None
        lines = text.split("\n")
        for block in tree.body.blocks:
            index = {"resource": 1, "data": 1, "module": 0}.get(block.type)
            if index is None or len(block.labels) <= index:
                continue
            node = block.label_nodes[index]
            token = node.first_token if isinstance(node, n.Node) else node
            row = token.line - 1
            if row != position.line:
                continue
            content = lines[row]
            column = token.column - 1
            label = block.labels[index]
            quoted = content[column : column + 1] == '"'
            start = utf16_length(content[: column + (1 if quoted else 0)])
            end = start + utf16_length(label)
            if start <= position.character <= end:
                span = types.Range(
                    start=types.Position(line=row, character=start),
                    end=types.Position(line=row, character=end),
                )
                return block, label, span
        return None

    def rename_edit(self, uri: str, position: types.Position, new: str) -> types.WorkspaceEdit:
        found = self.label_at(uri, position)
        if found is None:
            raise JsonRpcInvalidParams("no resource, data source or module name here")
        block, old, _span = found
        if not _IDENTIFIER.match(new):
            raise JsonRpcInvalidParams(f"{new!r} is not a valid Terraform name")
        if new == old:
            return types.WorkspaceEdit(document_changes=[])
        path = to_path(uri)
        directory = os.path.dirname(path)
        prefix_old: tuple[str, ...]
        prefix_new: tuple[str, ...]
        if block.type == "module":
            prefix_old, prefix_new = ("module", old), ("module", new)
            address_old, address_new = f"module.{old}", f"module.{new}"
        elif block.type == "data":
            kind = block.labels[0]
            prefix_old, prefix_new = ("data", kind, old), ("data", kind, new)
            address_old = address_new = ""  # data sources hold no state: no moved block
        else:
            kind = block.labels[0]
            prefix_old, prefix_new = (kind, old), (kind, new)
            address_old, address_new = f"{kind}.{old}", f"{kind}.{new}"
        referred = ".".join(prefix_old)
        for file in module_files(directory, list(self.texts()))[0]:
            text = self.text_of(file) if is_json(file) else None
            if text is None:
                continue
            config = read_json_config(file, text.removeprefix("\ufeff"))
            for reference in config.references:
                if reference.address == referred:  # rename does not edit JSON: refuse
                    raise JsonRpcInvalidParams(
                        f"{os.path.basename(file)}:{reference.line} refers to {referred}, "
                        "and rename does not edit JSON configuration: rename it there too, "
                        "by hand"
                    )
        originals: dict[str, str] = {}
        changes: list[types.TextDocumentEdit | types.CreateFile] = []
        for file in module_paths(directory, list(self.texts())):
            text = self.text_of(file)
            if text is None:
                continue
            try:
                tree = parse(text, path=file)
            except ParseError as exc:
                raise JsonRpcInvalidParams(f"cannot rename while {exc}") from None
            originals[file] = text
            if _declares(tree, block, new):
                raise JsonRpcInvalidParams(f"{'.'.join(prefix_new)} already exists in {file}")
            # The ``from`` of a moved block names the old address on purpose.
            keep = {
                id(t)
                for b in tree.body.blocks
                if b.type == "moved" and (source := b.body.attribute("from")) is not None
                for t in edit.traversals(source)
            }
            edit.rename_references(tree, prefix_old, prefix_new, where=_outside(keep))
            if file == path:
                for candidate in tree.body.blocks:
                    if candidate.type == block.type and candidate.labels == block.labels:
                        edit.rename_label(candidate, 1 if block.type != "module" else 0, new)
                        if address_old:
                            moved = _moved(edit.newline_of(tree), address_old, address_new)
                            edit.insert(tree, moved, after=candidate, blank_line=True)
                        break
            new_text = tree.code
            edits = text_edits(text, new_text)
            if edits:
                changes.append(
                    types.TextDocumentEdit(
                        text_document=types.OptionalVersionedTextDocumentIdentifier(
                            uri=to_uri(file), version=None
                        ),
                        edits=list(edits),
                    )
                )
        return types.WorkspaceEdit(document_changes=changes)


@functools.lru_cache(maxsize=8192)
def _wire_diagnostic(finding: Finding, content: str, settled: bool = True) -> Wire:
    """``_diagnostic`` in the JSON form lsprotocol gives it (what is sent), for a
    finding whose line reads ``content``. Shared between the lists sent: not
    to be changed."""
    line = max(finding.line - 1, 0)
    start = utf16_length(content[: max(finding.column - 1, 0)])
    end = max(utf16_length(content.rstrip("\r")), start)
    fixable = finding.status is Status.FIXABLE
    return {
        "range": {
            "start": {"line": line, "character": start},
            "end": {"line": line, "character": end},
        },
        "message": finding.message,
        "severity": (
            types.DiagnosticSeverity.Warning if fixable else types.DiagnosticSeverity.Information
        ).value,
        "code": finding.code,
        "codeDescription": {"href": explain_uri(finding.code)},
        "source": "tffix",
        "data": {"status": finding.status.value, "line": finding.line, "settled": settled},
    }


def _diagnostic(finding: Finding, lines: list[str], settled: bool = True) -> types.Diagnostic:
    """A finding as a diagnostic: from its column to the end of its line."""
    line = max(finding.line - 1, 0)
    content = lines[line] if line < len(lines) else ""
    start = utf16_length(content[: max(finding.column - 1, 0)])
    end = utf16_length(content.rstrip("\r"))
    fixable = finding.status is Status.FIXABLE
    return types.Diagnostic(
        range=types.Range(
            start=types.Position(line=line, character=start),
            end=types.Position(line=line, character=max(end, start)),
        ),
        severity=(
            types.DiagnosticSeverity.Warning if fixable else types.DiagnosticSeverity.Information
        ),
        code=finding.code,
        code_description=types.CodeDescription(href=explain_uri(finding.code)),
        source="tffix",
        message=finding.message,
        data={"status": finding.status.value, "line": finding.line, "settled": settled},
    )


def _json_diagnostic(text: str, message: str) -> types.Diagnostic:
    """A JSON configuration file that is not valid JSON: one error where reading stopped."""
    line, column = json_error_position(text, message)
    content = text.split("\n")[line] if text else ""
    start = utf16_length(content[:column])
    return types.Diagnostic(
        range=types.Range(
            start=types.Position(line=line, character=start),
            end=types.Position(line=line, character=start + 1),
        ),
        severity=types.DiagnosticSeverity.Error,
        source="tffix",
        message=message.split(": ", 1)[-1],
    )


def _shadowed_diagnostic(path: str, replacement: str) -> types.Diagnostic:
    return types.Diagnostic(
        range=types.Range(
            start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
        ),
        severity=types.DiagnosticSeverity.Information,
        source="tffix",
        message=(
            f"not analysed: {os.path.basename(replacement)} replaces this file, as OpenTofu "
            "reads it instead of a .tf file of the same name "
            "(https://opentofu.org/docs/language/files/#file-extension); "
            "its findings are shown there"
        ),
    )


class _FixCache:
    """The last few fix runs, by module text: an editor asks for code actions each
    time the cursor moves, and the same fixes are not computed again."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self.runs: dict[tuple[object, ...], ModuleResult] = {}

    @staticmethod
    def key(
        directory: str, texts: dict[str, str], codemods: list[Codemod], code: str | None
    ) -> tuple[object, ...]:
        paths, _hidden = module_files(directory, list(texts))  # JSON files too
        contents = tuple((p, texts[p] if p in texts else read(p)) for p in paths)
        return (directory, code, tuple((c.code, repr(c.settings)) for c in codemods), contents)

    def store(self, key: tuple[object, ...], result: ModuleResult) -> None:
        self.runs.pop(key, None)
        self.runs[key] = result  # the newest last
        while len(self.runs) > self.size:
            del self.runs[next(iter(self.runs))]

    def run(
        self, directory: str, texts: dict[str, str], codemods: list[Codemod], code: str | None
    ) -> ModuleResult:
        key = self.key(directory, texts, codemods, code)
        found = self.runs.get(key)
        if found is None:
            found = run(directory, texts, codemods)
        self.store(key, found)
        return found


def _moved(nl: str, old: str, new: str) -> str:
    """The ``moved`` block that tells Terraform the object of ``old`` is now ``new``."""
    return f"moved {{{nl}  from = {old}{nl}  to   = {new}{nl}}}"


def _declares(tree: n.Module, block: n.Block, new: str) -> bool:
    index = 0 if block.type == "module" else 1
    for other in tree.body.blocks:
        if other.type == block.type and len(other.labels) > index:
            labels = list(other.labels)
            if labels[index] == new and labels[:index] == list(block.labels[:index]):
                return True
    return False


def _block_lines(text: str, line: int) -> tuple[int, int]:
    """The 0-based line range of the top-level block holding 1-based ``line``."""
    try:
        tree = parse(text)
    except ParseError:
        return (line - 1, line - 1)
    for item in tree.body.items:
        if item.line <= line <= item.end_line:
            return (item.line - 1, item.end_line - 1)
    return (line - 1, line - 1)


def _parse_diagnostic(error: ParseError) -> types.Diagnostic:
    line = max(error.line - 1, 0)
    column = max(error.column - 1, 0)
    return types.Diagnostic(
        range=types.Range(
            start=types.Position(line=line, character=column),
            end=types.Position(line=line, character=column + 1),
        ),
        severity=types.DiagnosticSeverity.Error,
        source="tffix",
        message=error.message,
    )


@functools.cache
def explain_uri(code: str) -> str:
    """A file with the codemod's documentation (what ``tffix explain`` prints), written
    once into the cache directory: an editor opens it from the diagnostic's link."""
    from tffix.engine.cache import cache_dir
    from tffix.engine.registry import get

    directory = os.path.join(cache_dir(), "explain", __version__)
    target = os.path.join(directory, f"{code}.md")
    if not os.path.exists(target):
        try:
            codemod = get(code)
            os.makedirs(directory, exist_ok=True)
            text = (
                f"# {codemod.code} {codemod.name}\n\n{codemod.summary}\n\n{codemod.explanation}\n"
            )
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)
        except (KeyError, OSError):
            pass
    return to_uri(target)


def _apply_settings(server: TffixServer, settings: object) -> None:
    if isinstance(settings, dict):
        section = settings.get("tffix", settings)
        if isinstance(section, dict) and "unsafeFixes" in section:
            server.settings.unsafe_fixes = bool(section["unsafeFixes"])


def make_server() -> TffixServer:
    server = TffixServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: TffixServer, params: types.InitializeParams) -> None:
        _apply_settings(ls, params.initialization_options)

    @server.feature(types.INITIALIZED)
    def initialized(ls: TffixServer, params: types.InitializedParams) -> None:
        ls.watch_files()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def changed_configuration(ls: TffixServer, params: types.DidChangeConfigurationParams) -> None:
        _apply_settings(ls, params.settings)
        ls.refresh_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def changed_files(ls: TffixServer, params: types.DidChangeWatchedFilesParams) -> None:
        # A configuration file or a module file changed on disk: analyse again.
        ls.refresh_all()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TffixServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TffixServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TffixServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TffixServer, params: types.DidCloseTextDocumentParams) -> None:
        # Closed without saving, the file is what is on disk again: the module changed.
        ls.schedule(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL],
            resolve_provider=True,
        ),
    )
    def code_action(ls: TffixServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        """The quick fixes of the fixable diagnostics given, and the module's fix-all.

        An editor asks on every cursor move; a fix costs a run of the command
        line's engine over the module. So when the client resolves actions
        (``codeAction/resolve`` with ``edit``), the actions go out without
        their edits, from what the diagnostics already say, and the edit of
        the one the user picks is computed then; other clients get the
        edits at once.
        """
        uri = params.text_document.uri
        only = params.context.only
        lazy = ls.resolves_edits()
        actions: list[types.CodeAction] = []
        wants = (
            (lambda kind: True)
            if not only
            else (lambda kind: any(kind.startswith(o) for o in only))
        )
        if wants(types.CodeActionKind.QuickFix):
            for diagnostic in params.context.diagnostics:
                data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
                if diagnostic.source != "tffix" or data.get("status") != Status.FIXABLE.value:
                    continue
                line = int(data.get("line", 0)) or None
                action = types.CodeAction(
                    title=f"tffix {diagnostic.code}: {diagnostic.message}",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=True,
                    data={"uri": uri, "code": str(diagnostic.code), "line": line},
                )
                if not lazy:
                    action.edit = ls.fix_edit(uri, str(diagnostic.code), line)
                    if action.edit is None:
                        continue
                actions.append(action)
        if wants(FIX_ALL) and (not lazy or ls.has_fixes(uri)):
            action = types.CodeAction(
                title="tffix: fix all in this module", kind=FIX_ALL, data={"uri": uri}
            )
            if not lazy:
                action.edit = ls.fix_edit(uri, None, None)
            if action.edit is not None or lazy:
                actions.append(action)
        return actions

    @server.feature(types.CODE_ACTION_RESOLVE)
    def resolve_code_action(ls: TffixServer, action: types.CodeAction) -> types.CodeAction:
        data = action.data if isinstance(action.data, dict) else {}
        uri = data.get("uri")
        if isinstance(uri, str) and action.edit is None:
            code = data.get("code")
            line = data.get("line")
            action.edit = ls.fix_edit(
                uri, code if isinstance(code, str) else None, int(line or 0) or None
            )
        return action

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: TffixServer, params: types.DocumentFormattingParams) -> list[types.TextEdit]:
        return _format(ls, params.text_document.uri, None)

    @server.feature(types.TEXT_DOCUMENT_RANGE_FORMATTING)
    def range_formatting(
        ls: TffixServer, params: types.DocumentRangeFormattingParams
    ) -> list[types.TextEdit]:
        span = (params.range.start.line, params.range.end.line)
        return _format(ls, params.text_document.uri, span)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(
        ls: TffixServer, params: types.PrepareRenameParams
    ) -> types.PrepareRenamePlaceholder | None:
        found = ls.label_at(params.text_document.uri, params.position)
        if found is None:
            return None
        _block, label, span = found
        return types.PrepareRenamePlaceholder(range=span, placeholder=label)

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def rename(ls: TffixServer, params: types.RenameParams) -> types.WorkspaceEdit:
        return ls.rename_edit(params.text_document.uri, params.position, params.new_name)

    return server


def _format(ls: TffixServer, uri: str, span: tuple[int, int] | None) -> list[types.TextEdit]:
    from tffix.cst.format import format_text

    path = to_path(uri)
    text = ls.text_of(path)
    if text is None:
        return []
    try:
        formatted = format_text(text, path=path)
    except ParseError:
        return []  # as terraform fmt: a file that does not parse is not formatted
    return text_edits(text, formatted, lines=span)


def main() -> None:
    """Serve one editor over stdin/stdout until it disconnects."""
    make_server().start_io()


def _outside(ids: set[int]) -> Callable[[n.Traversal], bool]:
    """A ``where`` for ``rename_references``: the traversals not in ``ids``."""
    return lambda traversal: id(traversal) not in ids
