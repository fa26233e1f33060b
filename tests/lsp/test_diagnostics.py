"""Diagnostics are sent in the JSON form lsprotocol gives them, built once per finding.

The server writes ``publishDiagnostics`` from dictionaries it keeps per
finding instead of having pygls convert lsprotocol objects on every send. The
dictionaries must be exactly what the conversion gives, for any finding and
line: positions in UTF-16 code units, a line ending in ``\\r``, a finding on a
line past the end of the text, each status.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pygls", reason="pygls is not installed: pip install -e '.[test]'")

from tffix.engine.codemod import Finding, Status
from tffix.lsp.server import TffixServer, _diagnostic, _wire_diagnostic

LINES = [
    'resource "aws_kms_key" "k" {\r',
    '  description = "clé 🔑 de données"',
    "",
    '  name = "\U0001d518nicode" # tail',
]


@pytest.mark.parametrize("settled", [True, False])
@pytest.mark.parametrize("status", [Status.FIXABLE, Status.MANUAL])
@pytest.mark.parametrize(("line", "column"), [(1, 1), (2, 3), (2, 30), (3, 1), (4, 10), (9, 2)])
def test_the_sent_form_is_lsprotocols(
    status: Status, line: int, column: int, settled: bool
) -> None:
    server = TffixServer()
    finding = Finding("AWS003", "rotation is off", "/m/main.tf", line, column, status)
    content = LINES[line - 1] if line <= len(LINES) else ""
    wanted = server.protocol._converter.unstructure(_diagnostic(finding, LINES, settled))
    assert _wire_diagnostic(finding, content, settled) == wanted
    assert wanted["data"]["settled"] is settled


def test_a_file_s_diagnostics_follow_its_text() -> None:
    """The same finding on a line whose text changed gets the new line's range."""
    server = TffixServer()
    finding = Finding("AWS003", "rotation is off", "/m/main.tf", 2, 3, Status.FIXABLE)
    (before,) = server.diagnostics("/m/main.tf", [finding], {"/m/main.tf": "x\n  ab\n"})
    (after,) = server.diagnostics("/m/main.tf", [finding], {"/m/main.tf": "x\n  abcdef\n"})
    assert (before["range"]["end"]["character"], after["range"]["end"]["character"]) == (4, 8)
