"""A fix's text as LSP edits: the hunks kept for one finding, and those left to others.

A quick fix is the codemod's run over the module cut down to the finding:
in its file, the hunks that touch its block (``lines``); in the module's
other files, every hunk but those that touch a block the codemod has another
finding about (``leave``), which that finding's own quick fix makes.
"""

from __future__ import annotations

import pytest

pytest.importorskip("lsprotocol", reason="lsprotocol is not installed: pip install -e '.[test]'")

from tffix.lsp.edits import apply, text_edits

OLD = "a {\n  x = 1\n}\n\nb {\n  y = 2\n}\n\nc {\n  z = 3\n}\n"
NEW = "a {\n  x = 10\n}\n\nb {\n  y = 2\n  w = 4\n}\n\nc {\n  z = 30\n}\n"


def test_all_hunks_make_the_new_text() -> None:
    assert apply(OLD, text_edits(OLD, NEW)) == NEW


def test_lines_keep_the_hunks_of_one_block() -> None:
    kept = apply(OLD, text_edits(OLD, NEW, lines=(4, 6)))
    assert kept == OLD.replace("  y = 2\n", "  y = 2\n  w = 4\n")


def test_leave_drops_the_hunks_of_other_blocks() -> None:
    kept = apply(OLD, text_edits(OLD, NEW, leave=[(0, 2), (8, 10)]))
    assert kept == OLD.replace("  y = 2\n", "  y = 2\n  w = 4\n")
    # An insertion right after a left block's last line touches it.
    assert text_edits(OLD, OLD.replace("}\n\nb", "}\nq = 1\n\nb", 1), leave=[(0, 2)]) == []
