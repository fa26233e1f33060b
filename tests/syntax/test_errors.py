"""Invalid input raises ParseError, at the line Terraform itself reports.

``corpus/invalid/EXPECTED.tsv`` holds, for each invalid file, the position
of the first error that ``terraform fmt`` (1.11) reports, cross-checked with
``terraform validate -json``: an independent oracle for "the right line".
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import tffix
from tests.conftest import OWN_CORPUS
from tffix.syntax.parser import decode

INVALID = OWN_CORPUS / "invalid"
with (INVALID / "EXPECTED.tsv").open(encoding="utf-8") as _f:
    EXPECTED = {row["file"]: row for row in csv.DictReader(_f, delimiter="\t")}

# Where tffix deliberately reports another place than terraform, and why.
OTHER_POSITION = {
    # terraform points at the end of the file; the opener is what the user must fix.
    "unterminated_heredoc.tf": "reported at the heredoc opener",
    "heredoc_close_marker_followed_by_comment.tf": "reported at the heredoc opener",
    "heredoc_close_marker_at_eof.tf": "reported at the heredoc opener",
}
# Invalid for terraform, accepted by tffix: accepting more is harmless for a
# rewriting tool (terraform itself will report it), rejecting valid code is not.
# (Empty since `{ for` always starts a `for` expression, as in Terraform.)
ACCEPTED: dict[str, str] = {}


def test_every_invalid_file_has_an_expectation() -> None:
    files = {p.name for p in INVALID.glob("*.tf")}
    assert files == set(EXPECTED)
    assert len(files) >= 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_file_raises_parse_error_at_terraforms_line(name: str) -> None:
    path = INVALID / name
    if name in ACCEPTED:
        tffix.parse_file(path)  # documented difference: must at least parse
        return
    with pytest.raises(tffix.ParseError) as info:
        tffix.parse_file(path)
    err = info.value
    assert err.path == str(path)
    assert str(err) == f"{path}:{err.line}:{err.column}: {err.message}"
    if name not in OTHER_POSITION:
        assert err.line == int(EXPECTED[name]["line"]), EXPECTED[name]["terraform_message"]
    lines = decode(path.read_bytes()).split("\n")
    assert 1 <= err.line <= len(lines)
    assert 1 <= err.column <= len(lines[err.line - 1]) + 1


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('a = "abc\n', 1, 5, "unterminated string"),
        ("a = <<EOF\nxyz\n", 1, 5, "unterminated heredoc"),
        ("a = 1 /* never closed\n", 1, 7, "unterminated comment"),
        ("b {\n  a = 1\n", 1, 3, "never closed"),
        ("b {\n  a = 1\n}\n}\n", 4, 1, "no open bracket"),
        ("a = [1, 2\n", 1, 5, "never closed"),
        ("a = (1 + 2]\n", 1, 11, "expected ')'"),
        ("a = \x00\n", 1, 5, "invalid character"),
        ("a = 1\nb = \n", 2, 5, "expected an expression"),
        ('a = "${b"\n', 1, 9, "after a complete expression"),
        ("a = x.0.1\n", 1, 7, "legacy index"),
        ('a = "\\q"\n', 1, 6, "invalid escape"),
        ("a { b {} }\n", 1, 5, "single-line block"),
        ("a = 1 b = 2\n", 1, 7, "after a complete expression"),
        ("x = 1\n\n  y = ", 3, 7, "unexpected end of file"),
        ('b {\n  c {\n    status = "Enabled"}\n}\n', 3, 23, "missing newline after argument"),
        ("b {\n  c {\n  }}\n", 3, 4, "missing newline after block definition"),
        ("a = {\n  for####\n}\n", 3, 1, "invalid 'for': unexpected '}'"),
        ('a = "%{ for }x%{ endfor }"\n', 1, 13, "invalid 'for' directive"),
    ],
)
def test_messages_name_what_was_found_and_where(
    text: str, line: int, column: int, words: str
) -> None:
    with pytest.raises(tffix.ParseError) as info:
        tffix.parse(text, path="t.tf")
    err = info.value
    assert (err.line, err.column) == (line, column), str(err)
    assert words in err.message
    assert str(err).startswith(f"t.tf:{line}:{column}: ")


def test_error_without_path_prints_string_marker() -> None:
    with pytest.raises(tffix.ParseError) as info:
        tffix.parse("a = \n")
    assert str(info.value).startswith("<string>:1:5: ")


def test_parse_error_pickles() -> None:
    import pickle

    err = tffix.ParseError("boom", path="x.tf", line=3, column=4)
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.path, copy.line, copy.column, str(copy)) == ("x.tf", 3, 4, "x.tf:3:4: boom")


def test_undecodable_bytes_in_a_string_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.tf"
    path.write_bytes(b'a = "caf\xe9"\n')
    with pytest.raises(tffix.ParseError) as info:
        tffix.parse_file(path)
    assert (info.value.line, info.value.column) == (1, 9)
    assert "UTF-8" in info.value.message


def test_deep_nesting_is_a_parse_error_or_parses() -> None:
    text = "a = " + "[" * 5000 + "]" * 5000 + "\n"
    assert tffix.parse(text).code == text
