"""SARIF fixes: regions count lines as ``diff`` does (``\\n`` only)."""

from __future__ import annotations

from tffix.engine.runner import FileResult
from tffix.report.sarif import _replacements


def test_a_form_feed_in_a_comment_does_not_shift_the_region() -> None:
    original = "# a\x0cb\nx = 1\ny = 2\nz = 3\n"
    new = original + "w = 4\n"
    (fix,) = _replacements(FileResult("main.tf", original, new))
    # Four lines by diff's count: the insertion starts at line 5, column 1.
    assert fix["deletedRegion"] == {"startLine": 5, "startColumn": 1, "endLine": 5, "endColumn": 1}
    assert fix["insertedContent"] == {"text": "w = 4\n"}
