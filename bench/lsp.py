"""Language-server benchmark: open, change and diagnostics latency by file size.

Run from the repository root::

    PYTHONPATH=. python bench/lsp.py [--sizes 100,1000,3000] [--repeat N] [--files K]

For each size a module of K files (default 4) is generated in a temporary
directory: the edited ``main.tf`` about that many lines long (DynamoDB
tables, KMS keys, log groups and topics, so that several codemods have work
in every block) and K-1 others a quarter of its size. Times, each the
minimum (and the median) of N runs (default 10). On a shared machine the
wall-clock times grow with the others' load; the CPU times do not, and are
what the same work takes on an idle machine. The load average is printed
before and after.

In the benchmark's process (``Modules.analyse``, as the server calls it):

- ``open cpu``: the first analysis of the module in a fresh server state
  (every file parsed and analysed, every codemod run);
- ``change cpu`` / ``change wall``: the analysis after a one-line edit of
  ``main.tf``, in the same process, as the server does it (the other files'
  trees and analysis kept), and its diagnostics built;
- ``publish cpu``: the ``publishDiagnostics`` message of ``main.tf`` written
  (serialised to JSON; the writer discards it);
- ``full run cpu``: what a change cost before the analysis was incremental:
  the command line's dry run of the module from its buffers (parse
  everything, fix to a fixed point, lay out), which the server now does only
  for code actions and after a pause in typing.

Through ``tffix lsp`` over stdio, driven by pygls's client; changes are sent
after the previous diagnostics arrived, a pause apart, so that the debounce
never holds one back (it only merges changes typed faster than an analysis):

- ``e2e wall``: the latency an editor sees, from sending ``didChange`` to the
  client's handler receiving the ``publishDiagnostics`` of the file, decoded;
- ``server wall``: from sending ``didChange`` to the message's last byte read
  by the client, before it decodes it: the server's part (reading the
  change, the analysis, writing the diagnostics) and the pipe;
- ``decode wall``: the client's part, ``e2e wall`` minus ``server wall``:
  parsing the JSON and building lsprotocol objects with cattrs (an editor
  decodes in its own language, at its own cost);
- ``e2e cpu``: the server process's CPU time for that change (reading the
  message, the analysis, writing the diagnostics), from ``/proc`` (Linux).

The target is 100 ms for the change of a 1,000-line file.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tffix.lsp.modules import Modules, Settings, codemods_for, run
from tffix.lsp.server import TffixServer

_BLOCKS = [
    'resource "aws_kms_key" "k{i}" {{\n  description = "key {i}"\n}}\n',
    'resource "aws_cloudwatch_log_group" "g{i}" {{\n  name              = "/app/{i}"\n'
    "  retention_in_days = 30\n}}\n",
    'resource "aws_dynamodb_table" "t{i}" {{\n  name         = "t{i}"\n'
    '  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "id"\n\n'
    '  attribute {{\n    name = "id"\n    type = "S"\n  }}\n}}\n',
    'resource "aws_sns_topic" "s{i}" {{\n  name = "topic-{i}"\n}}\n',
]


def generate(lines: int) -> str:
    out, i = [], 0
    while sum(part.count("\n") for part in out) < lines:
        out.append(_BLOCKS[i % len(_BLOCKS)].format(i=i))
        out.append("\n")
        i += 1
    return "".join(out)


def module(directory: Path, lines: int, files: int) -> tuple[Path, str]:
    for k in range(1, files):
        (directory / f"other{k}.tf").write_text(generate(lines // 4).replace('"k', f'"o{k}k'))
    edited = directory / "main.tf"
    text = generate(lines)
    edited.write_text(text)
    return edited, text


def edit(text: str, n: int) -> str:
    """The text with one line changed (a description), differently each time."""
    return text.replace('"key 0', f'"key 0 {n}', 1) if n else text


def in_process(directory: Path, edited: Path, text: str, repeat: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {
        "open cpu": [],
        "change cpu": [],
        "change wall": [],
        "publish cpu": [],
        "full run cpu": [],
    }
    settings = Settings()
    server = TffixServer()
    server.protocol.set_writer(_Discard())
    for n in range(repeat):
        modules = Modules()
        start = time.process_time()
        modules.analyse(str(directory), {str(edited): edit(text, n)}, settings)
        times["open cpu"].append(time.process_time() - start)
    for n in range(1, repeat + 1):
        current = edit(text, n)
        start, cpu = time.perf_counter(), time.process_time()
        analysis = modules.analyse(str(directory), {str(edited): current}, settings)
        built = {
            path: server.diagnostics(path, found, {str(edited): current})
            for path, found in analysis.findings.items()
        }
        times["change cpu"].append(time.process_time() - cpu)
        times["change wall"].append(time.perf_counter() - start)
        cpu = time.process_time()
        _send(server, str(edited), built[str(edited)])
        times["publish cpu"].append(time.process_time() - cpu)
    codemods = codemods_for(str(directory), settings)
    for n in range(1, min(repeat, 5) + 1):  # slow: a few runs are enough
        start = time.process_time()
        run(str(directory), {str(edited): edit(text, n)}, codemods)
        times["full run cpu"].append(time.process_time() - start)
    return times


def _send(server: TffixServer, path: str, diagnostics: list[Any]) -> None:
    """Write the file's ``publishDiagnostics`` as the server does (``--checkout``
    of a version from before ``send_diagnostics``: lsprotocol objects, pygls's
    conversion)."""
    from lsprotocol import types

    send = getattr(server, "send_diagnostics", None)
    if send is not None:
        send(path, diagnostics)
    else:
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=path, diagnostics=diagnostics)
        )


class _Discard:
    """A writer for the server's protocol that drops what it is given."""

    def write(self, data: bytes) -> None:
        pass


def _cpu(pid: int) -> float:
    """CPU seconds a process's threads have run so far (``schedstat``: nanoseconds,
    where ``stat`` counts clock ticks of 10 ms)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
        except OSError:  # a thread that ended meanwhile
            pass
    return total / 1e9


async def end_to_end(
    edited: Path, text: str, repeat: int, checkout: Path | None = None
) -> dict[str, list[float]]:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient
    from pygls.uris import from_fs_path

    client = LanguageClient("bench", "1")
    arrived: dict[str, asyncio.Event] = {}
    uri = from_fs_path(str(edited)) or ""

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        if params.uri in arrived:
            arrived[params.uri].set()

    checkout = checkout or Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    # In the checkout: ``-m`` puts the working directory first on the path.
    await client.start_io(sys.executable, "-m", "tffix", "lsp", env=env, cwd=str(checkout))
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=uri)
    )
    client.initialized(types.InitializedParams())
    arrived[uri] = asyncio.Event()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="terraform", version=1, text=text
            )
        )
    )
    await asyncio.wait_for(arrived[uri].wait(), 120)
    pid = client._server.pid if client._server is not None else 0
    measure_cpu = os.path.exists(f"/proc/{pid}/schedstat")
    times: dict[str, list[float]] = {
        "e2e wall": [],
        "server wall": [],
        "decode wall": [],
        "e2e cpu": [],
    }
    # When the body of the file's publishDiagnostics was read, before the client
    # decodes it: the reader is the server's stdout, read a message at a time.
    read: list[float] = []
    reader = client._server.stdout if client._server is not None else None
    if reader is not None:
        readexactly = reader.readexactly
        about = f'"uri": "{uri}"'.encode()

        async def timed(count: int) -> bytes:
            body = await readexactly(count)
            if b'"textDocument/publishDiagnostics"' in body and about in body:
                read.append(time.perf_counter())
            return body

        reader.readexactly = timed  # type: ignore[method-assign]
    for n in range(1, repeat + 1):
        await asyncio.sleep(0.1)  # longer than the debounce: each change analysed alone
        arrived[uri] = asyncio.Event()
        cpu = _cpu(pid) if measure_cpu else 0.0
        read.clear()
        start = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=n + 1),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=edit(text, n))],
            )
        )
        await asyncio.wait_for(arrived[uri].wait(), 120)
        end = time.perf_counter()
        times["e2e wall"].append(end - start)
        if read:
            times["server wall"].append(read[-1] - start)
            times["decode wall"].append(end - read[-1])
        if measure_cpu:
            times["e2e cpu"].append(_cpu(pid) - cpu)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,3000")
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--no-e2e", action="store_true", help="leave out the server over stdio")
    parser.add_argument(
        "--checkout",
        type=Path,
        help="for e2e, the server of another checkout (an older commit, to compare)",
    )
    args = parser.parse_args(argv)
    columns = [
        "open cpu",
        "change cpu",
        "change wall",
        "publish cpu",
        "full run cpu",
        "e2e wall",
        "server wall",
        "decode wall",
        "e2e cpu",
    ]
    print(f"load average before: {_load()}")
    print(f"{'lines':>6} {'findings':>9} " + " ".join(f"{c:>13}" for c in columns))
    for size in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            directory = Path(tmp)
            edited, text = module(directory, size, args.files)
            times = in_process(directory, edited, text, args.repeat)
            if not args.no_e2e:
                times.update(asyncio.run(end_to_end(edited, text, args.repeat, args.checkout)))
            found = Modules().analyse(str(directory), {}, Settings()).findings
            count = sum(len(v) for v in found.values())
        cells = []
        for column in columns:
            found_times = times.get(column)
            if not found_times:
                cells.append(f"{'-':>13}")
                continue
            low, mid = min(found_times) * 1000, statistics.median(found_times) * 1000
            cells.append(f"{f'{low:.0f} ({mid:.0f})':>13}")
        print(f"{text.count(chr(10)):>6} {count:>9} " + " ".join(cells))
    print(f"load average after: {_load()}")
    print("ms, minimum (median) of the runs; target: a change of a 1,000-line file under 100 ms")
    return 0


def _load() -> str:
    """The 1, 5 and 15 minute load averages, and the cores they share."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


if __name__ == "__main__":
    raise SystemExit(main())
