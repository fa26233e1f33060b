"""``tffix lsp`` driven over stdio by a real LSP client (pytest-lsp), as an editor does.

Each test starts the server in a fresh process on a module of several files
in a temporary directory: open, receive diagnostics, ask for code actions
and apply them, format, rename, change a buffer and see diagnostics follow.
Applied quick fixes are compared with what the command line does to the
same module.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# The test extras install both; a venv made before they were added skips, saying so.
pytest.importorskip("pygls", reason="pygls is not installed: pip install -e '.[test]'")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is not installed")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from tests.conftest import REPO  # noqa: E402
from tffix.lsp.edits import apply  # noqa: E402
from tffix.lsp.server import FIX_ALL, to_uri  # noqa: E402

# Each test starts a server process: minutes under load, so outside the fast subset.
pytestmark = pytest.mark.slow

if TYPE_CHECKING:
    from collections.abc import Callable

KEYS = 'resource "aws_kms_key" "data" {\n  description = "data"\n}\n'
LOGS = 'resource "aws_cloudwatch_log_group" "app" {\n  name = "/app"\n}\n'
USES = 'output "key" {\n  value = aws_kms_key.data.arn\n}\n'
UNFORMATTED = 'resource "aws_sns_topic" "t" {\n  name = "t"\n  display_name= "x"\n}\n'


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "tffix", "lsp"],
    server_env={
        **os.environ,
        "PYTHONPATH": str(REPO),
        "TFFIX_CACHE_DIR": "/tmp/tffix-lsp-test",
    },
)
EDITS = types.WorkspaceClientCapabilities(
    workspace_edit=types.WorkspaceEditClientCapabilities(
        document_changes=True,
        resource_operations=[types.ResourceOperationKind.Create],
    )
)


async def _session(
    lsp_client: LanguageClient,
    tmp_path_factory: pytest.TempPathFactory,
    capabilities: types.ClientCapabilities,
) -> LanguageClient:
    root = tmp_path_factory.mktemp("workspace")
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities, root_uri=to_uri(str(root)))
    )
    lsp_client.root = root  # type: ignore[attr-defined]
    return lsp_client


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    yield await _session(lsp_client, tmp_path_factory, types.ClientCapabilities(workspace=EDITS))
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def resolving_client(  # type: ignore[no-untyped-def]
    lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
):
    """A client that asks for a code action's edit only when it applies it (VS Code)."""
    capabilities = types.ClientCapabilities(
        workspace=EDITS,
        text_document=types.TextDocumentClientCapabilities(
            code_action=types.CodeActionClientCapabilities(
                resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"])
            )
        ),
    )
    yield await _session(lsp_client, tmp_path_factory, capabilities)
    await lsp_client.shutdown_session()


def _module(root: Path, files: dict[str, str]) -> Path:
    directory = root / f"m{len(list(root.iterdir()))}"
    directory.mkdir()
    for name, text in files.items():
        (directory / name).write_text(text)
    return directory


async def _until(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    """Wait until the client's state satisfies ``condition`` (notifications race)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def _open(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = to_uri(str(path))
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="terraform", version=1, text=text or path.read_text()
            )
        )
    )
    await _until(lambda: uri in client.diagnostics, f"diagnostics of {path}")
    return uri


async def _settle(client: LanguageClient, path: Path) -> list[types.Diagnostic]:
    """Diagnostics of ``path`` once the server has published for its module."""
    uri = to_uri(str(path))
    await _until(lambda: uri in client.diagnostics, f"diagnostics of {path}")
    return client.diagnostics[uri]


async def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    """Replace a buffer's text, and wait for the diagnostics that follow."""
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await _until(lambda: uri in client.diagnostics, f"diagnostics after change {version}")


def _apply_workspace_edit(change: types.WorkspaceEdit) -> dict[str, str]:
    """Apply a workspace edit to the files on disk; the new text of each file."""
    out = {}
    for item in change.document_changes or []:
        if isinstance(item, types.CreateFile):
            path = Path(item.uri.removeprefix("file://"))
            path.touch()
            continue
        assert isinstance(item, types.TextDocumentEdit)
        path = Path(item.text_document.uri.removeprefix("file://"))
        text = apply(path.read_text(), list(item.edits))  # type: ignore[arg-type]
        path.write_text(text)
        out[path.name] = text
    return out


@pytest.mark.asyncio
async def test_diagnostics_for_the_whole_module(client: LanguageClient) -> None:
    module = _module(client.root, {"keys.tf": KEYS, "logs.tf": LOGS, "outputs.tf": USES})  # type: ignore[attr-defined]
    await _open(client, module / "keys.tf")
    keys = await _settle(client, module / "keys.tf")
    logs = await _settle(client, module / "logs.tf")
    assert {d.code for d in keys} == {"AWS003"}
    (rotation,) = keys
    assert rotation.severity == types.DiagnosticSeverity.Warning  # fixable
    assert rotation.range.start.line == 0
    assert rotation.code_description is not None
    explain = Path(rotation.code_description.href.removeprefix("file://"))
    assert "AWS003" in explain.read_text()
    assert "AWS009" in {d.code for d in logs}


@pytest.mark.asyncio
async def test_quick_fix_gives_what_the_command_line_gives(
    client: LanguageClient, tmp_path: Path
) -> None:
    files = {"keys.tf": KEYS, "outputs.tf": USES}
    module = _module(client.root, files)  # type: ignore[attr-defined]
    uri = await _open(client, module / "keys.tf")
    (diagnostic,) = await _settle(client, module / "keys.tf")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(
                diagnostics=[diagnostic], only=[types.CodeActionKind.QuickFix]
            ),
        )
    )
    assert actions is not None
    (action,) = [a for a in actions if isinstance(a, types.CodeAction)]
    assert action.kind == types.CodeActionKind.QuickFix
    assert action.edit is not None
    fixed = _apply_workspace_edit(action.edit)
    # The command line on a copy of the same module.
    copy = tmp_path / "copy"
    copy.mkdir()
    for name, text in files.items():
        (copy / name).write_text(text)
    from tests.conftest import run_tffix

    run = run_tffix("--select", "AWS003", "--no-cache", copy)
    assert run.returncode in (0, 1), run.stderr
    assert fixed == {"keys.tf": (copy / "keys.tf").read_text()}


def _settled(diagnostics: list[types.Diagnostic]) -> bool:
    return all(isinstance(d.data, dict) and d.data.get("settled") for d in diagnostics)


@pytest.mark.asyncio
async def test_applying_every_offered_quick_fix_gives_what_tffix_writes(
    client: LanguageClient, tmp_path: Path
) -> None:
    """Quick fixes applied one at a time, as a person does, each asked for once the
    diagnostics have settled (``data.settled``: the engine's, after a pause),
    until none is offered: the files are what ``tffix`` writes. The module has
    fixes in several files and a finding that moves when a fix adds code."""
    case = (REPO / "corpus" / "AWS002" / "key_not_usable.before.tf").read_text()
    files = {"main.tf": case, "keys.tf": KEYS, "logs.tf": LOGS, "outputs.tf": USES}
    module = _module(client.root, files)  # type: ignore[attr-defined]
    buffers: dict[str, str] = {}
    versions: dict[str, int] = {}
    for name, text in files.items():
        uri = await _open(client, module / name)
        buffers[uri], versions[uri] = text, 1

    async def settled() -> None:
        await asyncio.sleep(0.3)  # the rest of a publication follows its first message
        await _until(
            lambda: all(
                u in client.diagnostics and _settled(client.diagnostics[u]) for u in buffers
            ),
            "settled diagnostics",
            timeout=90,
        )

    applied = []
    for _ in range(12):
        await settled()
        offered = [
            (uri, d)
            for uri in sorted(buffers)
            for d in client.diagnostics[uri]
            if isinstance(d.data, dict) and d.data.get("status") == "fixable"
        ]
        if not offered:
            break
        uri, diagnostic = offered[0]
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=diagnostic.range,
                context=types.CodeActionContext(
                    diagnostics=[diagnostic], only=[types.CodeActionKind.QuickFix]
                ),
            )
        )
        assert actions, f"no quick fix offered for {diagnostic.code} {diagnostic.message}"
        (action,) = [a for a in actions if isinstance(a, types.CodeAction)]
        assert action.edit is not None
        applied.append(f"{diagnostic.code} {diagnostic.message}")
        created = []
        changed: dict[str, str] = {}
        for item in action.edit.document_changes or []:
            if isinstance(item, types.CreateFile):
                created.append(item.uri)
                changed[item.uri] = ""
                continue
            assert isinstance(item, types.TextDocumentEdit)
            target = item.text_document.uri
            before = changed.get(target, buffers.get(target, ""))
            changed[target] = apply(before, list(item.edits))  # type: ignore[arg-type]
        for target, text in changed.items():  # one at a time: each is analysed
            client.diagnostics.pop(target, None)
            buffers[target] = text
            if target in created:
                versions[target] = 1
                client.text_document_did_open(
                    types.DidOpenTextDocumentParams(
                        text_document=types.TextDocumentItem(
                            uri=target, language_id="terraform", version=1, text=text
                        )
                    )
                )
            else:
                versions[target] += 1
                client.text_document_did_change(
                    types.DidChangeTextDocumentParams(
                        text_document=types.VersionedTextDocumentIdentifier(
                            uri=target, version=versions[target]
                        ),
                        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
                    )
                )
            await _until(lambda t=target: t in client.diagnostics, f"diagnostics of {target}")
    else:
        raise AssertionError(f"quick fixes still offered after {applied}")
    assert len(applied) >= 5, applied
    copy = tmp_path / "copy"
    copy.mkdir()
    for name, text in files.items():
        (copy / name).write_text(text)
    from tests.conftest import run_tffix

    run = run_tffix("--no-cache", copy)
    assert run.returncode in (0, 1), run.stderr
    wanted = {p.name: p.read_text() for p in copy.iterdir()}
    assert {os.path.basename(u): t for u, t in buffers.items()} == wanted, applied


@pytest.mark.asyncio
async def test_fix_all_in_the_module(client: LanguageClient, tmp_path: Path) -> None:
    files = {"keys.tf": KEYS, "logs.tf": LOGS}
    module = _module(client.root, files)  # type: ignore[attr-defined]
    uri = await _open(client, module / "keys.tf")
    await _settle(client, module / "keys.tf")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(
                start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
            ),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.tffix"]),
        )
    )
    assert actions is not None
    (action,) = actions
    assert isinstance(action, types.CodeAction) and action.edit is not None
    _apply_workspace_edit(action.edit)
    copy = tmp_path / "copy"
    shutil.copytree(REPO / "tests" / "lsp", copy, ignore=shutil.ignore_patterns("*"))
    for name, text in files.items():
        (copy / name).write_text(text)
    from tests.conftest import run_tffix

    run_tffix("--no-cache", copy)
    for name in files:
        assert (module / name).read_text() == (copy / name).read_text(), name


@pytest.mark.asyncio
async def test_formatting_matches_tffix_fmt(client: LanguageClient) -> None:
    module = _module(client.root, {"main.tf": UNFORMATTED})  # type: ignore[attr-defined]
    uri = await _open(client, module / "main.tf")
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    from tffix.cst.format import format_text

    assert edits
    assert apply(UNFORMATTED, edits) == format_text(UNFORMATTED)
    # Range formatting outside the bad line changes nothing.
    none = await client.text_document_range_formatting_async(
        types.DocumentRangeFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(
                start=types.Position(line=0, character=0), end=types.Position(line=0, character=5)
            ),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert not none


@pytest.mark.asyncio
async def test_a_buffer_mid_typing_gives_one_parse_error_and_keeps_the_rest(
    client: LanguageClient,
) -> None:
    module = _module(client.root, {"keys.tf": KEYS, "logs.tf": LOGS})  # type: ignore[attr-defined]
    uri = await _open(client, module / "keys.tf")
    await _settle(client, module / "logs.tf")
    before_logs = {d.code for d in client.diagnostics[to_uri(str(module / "logs.tf"))]}
    broken = KEYS.replace("}\n", "  enable_key_rotation = \n}\n")
    await _change(client, uri, 2, broken)
    (error,) = client.diagnostics[uri]
    assert error.severity == types.DiagnosticSeverity.Error
    assert error.range.start.line in (2, 3)
    assert {d.code for d in client.diagnostics[to_uri(str(module / "logs.tf"))]} == before_logs
    # Typing on: fixed by hand, the finding is gone from the unsaved buffer.
    done = (
        'resource "aws_kms_key" "data" {\n'
        '  description         = "data"\n'
        "  enable_key_rotation = true\n"
        "}\n"
    )
    await _change(client, uri, 3, done)
    assert not client.diagnostics[uri]


@pytest.mark.asyncio
async def test_rename_moves_state_and_references(client: LanguageClient) -> None:
    module = _module(client.root, {"keys.tf": KEYS, "outputs.tf": USES})  # type: ignore[attr-defined]
    uri = await _open(client, module / "keys.tf")
    position = types.Position(line=0, character=len('resource "aws_kms_key" "d'))
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position
        )
    )
    assert isinstance(prepared, types.PrepareRenamePlaceholder)
    assert prepared.placeholder == "data"
    change = await client.text_document_rename_async(
        types.RenameParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position,
            new_name="storage",
        )
    )
    assert change is not None
    texts = _apply_workspace_edit(change)
    assert texts["keys.tf"] == (
        'resource "aws_kms_key" "storage" {\n  description = "data"\n}\n'
        "\nmoved {\n  from = aws_kms_key.data\n  to   = aws_kms_key.storage\n}\n"
    )
    assert texts["outputs.tf"] == USES.replace("aws_kms_key.data", "aws_kms_key.storage")
    from tffix.cst.format import format_text

    assert format_text(texts["keys.tf"]) == texts["keys.tf"]


ROTATING = (
    'resource "aws_kms_key" "data" {\n'
    '  description         = "data"\n'
    "  enable_key_rotation = true\n"
    "}\n"
)


@pytest.mark.asyncio
async def test_a_tofu_file_is_analysed_fixed_and_shadows_its_tf_twin(
    client: LanguageClient, tmp_path: Path
) -> None:
    # OpenTofu reads main.tofu and ignores main.tf (a log group without retention there).
    files = {"main.tf": LOGS, "main.tofu": KEYS, "other.tf": ROTATING.replace('"data"', '"x"', 1)}
    module = _module(client.root, files)  # type: ignore[attr-defined]
    uri = await _open(client, module / "main.tofu", KEYS)
    (diagnostic,) = await _settle(client, module / "main.tofu")
    assert diagnostic.code == "AWS003"
    assert diagnostic.severity == types.DiagnosticSeverity.Warning
    assert not await _settle(client, module / "other.tf")
    # The shadowed file, opened, says why it shows nothing of its own.
    (note,) = [d for d in await _settle_open(client, module / "main.tf")]
    assert note.severity == types.DiagnosticSeverity.Information
    assert "main.tofu" in note.message and note.code is None
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(
                diagnostics=[diagnostic], only=[types.CodeActionKind.QuickFix]
            ),
        )
    )
    assert actions is not None
    (action,) = actions
    assert isinstance(action, types.CodeAction) and action.edit is not None
    fixed = _apply_workspace_edit(action.edit)
    copy = tmp_path / "copy"
    copy.mkdir()
    for name, text in files.items():
        (copy / name).write_text(text)
    from tests.conftest import run_tffix

    run = run_tffix("--select", "AWS003", "--no-cache", copy)
    assert run.returncode in (0, 1), run.stderr
    assert fixed == {"main.tofu": (copy / "main.tofu").read_text()}
    assert (copy / "main.tf").read_text() == LOGS


async def _settle_open(client: LanguageClient, path: Path) -> list[types.Diagnostic]:
    uri = to_uri(str(path))
    client.diagnostics.pop(uri, None)
    await _open(client, path)
    return client.diagnostics[uri]


@pytest.mark.asyncio
async def test_json_configuration_resolves_references_and_shows_its_findings(
    client: LanguageClient, tmp_path: Path
) -> None:
    declared = (
        '{\n  "resource": {\n    "aws_kms_key": {\n      "data": {\n'
        '        "description": "data"\n      }\n    }\n  }\n}\n'
    )
    module = _module(client.root, {"keys.tf.json": declared, "outputs.tf": USES})  # type: ignore[attr-defined]
    outputs = await _open(client, module / "outputs.tf")
    assert not client.diagnostics[outputs]  # aws_kms_key.data is declared in JSON
    uri = await _open(client, module / "keys.tf.json")
    # The JSON-declared key is checked and fixed as the command line does it.
    (rotation,) = client.diagnostics[uri]
    assert rotation.code == "AWS003"
    assert rotation.severity == types.DiagnosticSeverity.Warning
    assert (rotation.range.start.line, rotation.range.start.character) == (3, 6)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=rotation.range,
            context=types.CodeActionContext(
                diagnostics=[rotation], only=[types.CodeActionKind.QuickFix]
            ),
        )
    )
    assert actions is not None
    (action,) = actions
    assert isinstance(action, types.CodeAction) and action.edit is not None
    (change,) = action.edit.document_changes or []
    assert isinstance(change, types.TextDocumentEdit)
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "keys.tf.json").write_text(declared)
    (copy / "outputs.tf").write_text(USES)
    from tests.conftest import run_tffix

    run_tffix("--no-cache", copy)
    fixed = apply(declared, list(change.edits))  # type: ignore[arg-type]
    assert fixed == (copy / "keys.tf.json").read_text() != declared
    # The unsaved buffer counts: without the declaration the reference is undefined.
    client.diagnostics.pop(outputs, None)
    await _change(client, uri, 2, '{\n  "resource": {}\n}\n')
    await _until(lambda: outputs in client.diagnostics, "diagnostics of outputs.tf")
    (undefined,) = client.diagnostics[outputs]
    assert undefined.code == "TF003" and "aws_kms_key.data" in undefined.message
    # JSON mid-typing: one error where reading stopped; outputs.tf keeps its findings.
    await _change(client, uri, 3, '{\n  "resource": {\n    "aws_kms_key" {}\n}\n')
    (error,) = client.diagnostics[uri]
    assert error.severity == types.DiagnosticSeverity.Error
    assert error.range.start.line == 2
    assert [d.code for d in client.diagnostics[outputs]] == ["TF003"]


@pytest.mark.asyncio
async def test_a_resolving_client_gets_edits_when_it_applies_an_action(
    resolving_client: LanguageClient, tmp_path: Path
) -> None:
    client = resolving_client
    files = {"keys.tf": KEYS, "logs.tf": LOGS, "outputs.tf": USES}
    module = _module(client.root, files)  # type: ignore[attr-defined]
    uri = await _open(client, module / "keys.tf")
    (diagnostic,) = await _settle(client, module / "keys.tf")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    assert actions is not None
    quick, fix_all = actions
    assert isinstance(quick, types.CodeAction) and isinstance(fix_all, types.CodeAction)
    assert quick.kind == types.CodeActionKind.QuickFix and fix_all.kind == FIX_ALL
    assert quick.edit is None and fix_all.edit is None  # not computed yet
    resolved = await client.code_action_resolve_async(fix_all)
    assert resolved.edit is not None
    _apply_workspace_edit(resolved.edit)
    copy = tmp_path / "copy"
    copy.mkdir()
    for name, text in files.items():
        (copy / name).write_text(text)
    from tests.conftest import run_tffix

    run_tffix("--no-cache", copy)
    for name in files:
        assert (module / name).read_text() == (copy / name).read_text(), name


@pytest.mark.asyncio
async def test_changes_typed_faster_than_an_analysis_end_in_the_last_ones_diagnostics(
    client: LanguageClient,
) -> None:
    module = _module(client.root, {"keys.tf": KEYS})  # type: ignore[attr-defined]
    uri = await _open(client, module / "keys.tf")
    # Rotation typed a character at a time, without waiting: the analyses that run
    # see whichever buffer is newest, and the last one sees the finished text.
    line = "  enable_key_rotation = true\n"
    for version, end in enumerate(range(1, len(line) + 1), start=2):
        text = KEYS.replace("}\n", line[:end] + ("" if end == len(line) else "\n") + "}\n")
        client.diagnostics.pop(uri, None)
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
    # Every text before the last has a diagnostic (a parse error, or no rotation yet).
    await _until(
        lambda: uri in client.diagnostics and not client.diagnostics[uri],
        "the diagnostics of the finished text (none: the key rotates)",
    )
    await asyncio.sleep(0.5)  # and no analysis of an older text comes after them
    assert not client.diagnostics[uri]


@pytest.mark.asyncio
async def test_after_a_pause_the_diagnostics_are_the_command_lines(
    client: LanguageClient, tmp_path: Path
) -> None:
    """A keystroke's diagnostics are each codemod's findings on the code as written;
    after a pause the engine's run replaces them, fixes applied to a fixed point.
    Here a manual finding is about code a fix adds: at first it points where the
    added code would start, then, as the command line says, at its table."""
    case = (REPO / "corpus" / "AWS002" / "key_not_usable.before.tf").read_text()
    module = _module(client.root, {"main.tf": case})  # type: ignore[attr-defined]
    uri = await _open(client, module / "main.tf")
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "main.tf").write_text(case)
    from tests.conftest import run_tffix

    report = json.loads(run_tffix("--dry-run", "--no-cache", "--format", "json", copy).stdout)
    wanted = sorted((f["code"], f["line"] - 1, f["status"]) for f in report["findings"])

    def shown() -> list[tuple[object, ...]]:
        return sorted(
            (d.code, d.range.start.line, d.data["status"])  # type: ignore[index]
            for d in client.diagnostics.get(uri, [])
        )

    await _until(lambda: shown() == wanted, "the command line's findings", timeout=60)


@pytest.mark.asyncio
async def test_a_buffer_closed_unsaved_gives_way_to_the_file_on_disk(
    client: LanguageClient,
) -> None:
    module = _module(client.root, {"keys.tf": KEYS, "outputs.tf": USES})  # type: ignore[attr-defined]
    uri = await _open(client, module / "keys.tf")
    assert [d.code for d in client.diagnostics[uri]] == ["AWS003"]
    await _change(client, uri, 2, ROTATING)  # rotation typed, not saved
    assert not client.diagnostics[uri]
    client.diagnostics.pop(uri, None)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await _until(lambda: uri in client.diagnostics, "diagnostics after closing")
    assert [d.code for d in client.diagnostics[uri]] == ["AWS003"]


@pytest.mark.asyncio
async def test_configuration_changed_on_disk_applies_at_once(client: LanguageClient) -> None:
    module = _module(client.root, {"keys.tf": KEYS})  # type: ignore[attr-defined]
    uri = await _open(client, module / "keys.tf")
    assert [d.code for d in client.diagnostics[uri]] == ["AWS003"]
    config = module / ".tffix.toml"
    config.write_text('ignore = ["AWS003"]\n')
    client.diagnostics.pop(uri, None)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=to_uri(str(config)), type=types.FileChangeType.Created)]
        )
    )
    await _until(lambda: uri in client.diagnostics, "diagnostics after the configuration")
    assert not client.diagnostics[uri]


@pytest_lsp.fixture(config=SERVER)
async def watching_client(  # type: ignore[no-untyped-def]
    lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
):
    """A client that lets servers ask to be told of file changes (VS Code, Neovim)."""
    registrations: list[types.Registration] = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registrations.extend(params.registrations)

    lsp_client.registrations = registrations  # type: ignore[attr-defined]
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True
            )
        )
    )
    yield await _session(lsp_client, tmp_path_factory, capabilities)
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_the_server_asks_to_watch_configuration_and_module_files(
    watching_client: LanguageClient,
) -> None:
    registrations = watching_client.registrations  # type: ignore[attr-defined]
    await _until(lambda: bool(registrations), "a registration")
    (registration,) = registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    options = registration.register_options
    globs = {
        w["globPattern"] if isinstance(w, dict) else w.glob_pattern
        for w in (options["watchers"] if isinstance(options, dict) else options.watchers)
    }
    assert {"**/.tffix.toml", "**/pyproject.toml", "**/*.tf", "**/*.tofu", "**/*.tf.json"} <= globs


@pytest.mark.asyncio
async def test_rename_refuses_a_name_json_configuration_refers_to(
    client: LanguageClient,
) -> None:
    uses = (
        '{\n  "output": {\n    "key": {\n      "value": "${aws_kms_key.data.arn}"\n    }\n  }\n}\n'
    )
    module = _module(client.root, {"keys.tf": KEYS, "outputs.tf.json": uses})  # type: ignore[attr-defined]
    uri = await _open(client, module / "keys.tf")
    with pytest.raises(Exception, match=r"outputs\.tf\.json:4 refers to aws_kms_key\.data"):
        await client.text_document_rename_async(
            types.RenameParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=0, character=len('resource "aws_kms_key" "d')),
                new_name="storage",
            )
        )
