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
from tffix.syntax import scanner
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
        ("a = [1,\r 2]\n", 1, 8, "invalid character '\\r'"),
        ("b {\r\n  a = 1 \r}\n", 2, 9, "invalid character '\\r'"),
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


# Expressions nested past scanner.MAX_NESTING: (text at depth d, the opener counted).
DEEP = {
    "brackets": (lambda d: "a = " + "[" * d + "]" * d + "\n", "["),
    "parentheses": (lambda d: "a = " + "(" * d + "1" + ")" * d + "\n", "("),
    "calls": (lambda d: "a = " + "f(" * d + ")" * d + "\n", "("),
    "objects": (lambda d: "a = " + "{\nk = " * d + "1" + "\n}" * d + "\n", "{"),
    "templates": (lambda d: "a = " + '"${' * d + "x" + '}"' * d + "\n", "${"),
    "heredocs": (lambda d: "a = " + "<<E\n${" * d + "x" + "}\nE\n" * d, "${"),
    "mixed": (lambda d: "a = " + '[{k = ("${' * d + "x" + '}")}]' * d + "\n", "["),
}


def _position(text: str, opener: str, nth: int) -> tuple[int, int]:
    at = -1
    for _ in range(nth):
        at = text.index(opener, at + 1)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


@pytest.mark.parametrize("shape", DEEP)
def test_expressions_nested_past_the_limit_are_refused_at_the_opener(
    shape: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Terraform crashes on them; the refusal points at the first opener too many."""
    make, opener = DEEP[shape]
    monkeypatch.setattr(scanner, "MAX_NESTING", 40)
    depth = 40 if shape != "mixed" else 10  # four levels per repetition
    ok = make(depth)
    assert tffix.parse(ok).code == ok
    bad = make(depth + 1)
    with pytest.raises(tffix.ParseError) as info:
        tffix.parse(bad, path="deep.tf")
    assert "nested more than 40 levels" in info.value.message
    # The 41st level: in "mixed", the `[` of the 11th repetition.
    where = _position(bad, opener, depth + 1)
    assert (info.value.line, info.value.column) == where, str(info.value)


def test_nested_blocks_do_not_count_toward_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Terraform parses blocks nested 200,000 deep: only expressions are limited."""
    monkeypatch.setattr(scanner, "MAX_NESTING", 40)
    text = "b {\n" * 100 + "a = " + "[" * 40 + "]" * 40 + "\n" + "}\n" * 100
    assert tffix.parse(text).code == text
    with pytest.raises(tffix.ParseError, match="nested more than 40"):
        tffix.parse(text.replace("[" * 40 + "]" * 40, "[" * 41 + "]" * 41))


def test_the_limit_is_counted_per_expression_not_per_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scanner, "MAX_NESTING", 40)
    text = "".join(f"a{i} = " + "[" * 40 + "]" * 40 + "\n" for i in range(50))
    assert tffix.parse(text).code == text


@pytest.mark.slow
def test_the_real_limit_is_one_terraform_cannot_parse() -> None:
    """`terraform fmt` (1.11) crashes ("goroutine stack exceeds") at 100,000 brackets."""
    assert scanner.MAX_NESTING == 100_000
    text = "a = " + "[" * 100_001 + "]" * 100_001 + "\n"
    with pytest.raises(tffix.ParseError, match="nested more than 100,000"):
        tffix.parse(text)
