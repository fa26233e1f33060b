"""Printing an untouched tree gives back every byte of the file.

This is the property everything in tffix rests on: a codemod edits a few
tokens and the rest of the file must come out exactly as it went in.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tffix
from tests.conftest import SHARED_CORPUS, corpus_id, roundtrip_files, shared_corpus_files
from tffix.syntax.parser import decode, encode


def _roundtrip(path: Path) -> None:
    data = path.read_bytes()
    module = tffix.parse_file(path)
    assert encode(module.code) == data
    # Every byte belongs to exactly one token or trivia: the pieces add up.
    assert sum(len(t.pre) + len(t.text) for t in module.tokens()) + len(module.bom) == len(
        decode(data)
    )


@pytest.mark.parametrize("path", roundtrip_files(), ids=corpus_id)
def test_own_corpus_roundtrips(path: Path) -> None:
    _roundtrip(path)


def test_own_corpus_covers_the_constructs() -> None:
    names = {p.stem for p in roundtrip_files()}
    for construct in (
        "heredoc_indented",
        "nested_interpolation",
        "template_strip_markers",
        "crlf_line_endings",
        "bom",
        "no_final_newline",
        "comments_everywhere",
        "provider_functions",
    ):
        assert construct in names


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"shared corpus absent: {SHARED_CORPUS}")
def test_shared_corpus_roundtrips_byte_identical() -> None:
    """All 852 real files, in one test so that a failure lists every bad file at once."""
    files = shared_corpus_files()
    failures = []
    for path in files:
        try:
            module = tffix.parse_file(path)
        except tffix.ParseError as exc:
            failures.append(f"rejected: {exc}")
            continue
        if encode(module.code) != path.read_bytes():
            failures.append(f"not identical: {corpus_id(path)}")
    assert not failures, "\n".join(failures)
    assert len(files) >= 800


def test_crlf_and_bom_are_kept() -> None:
    text = "\ufeffa = 1\r\nb {\r\n  c = 2 # x\r\n}\r\n"
    module = tffix.parse(text)
    assert module.code == text
    assert module.bom == "\ufeff"
    assert [a.name for a in module.body.attributes] == ["a"]
    assert module.body.blocks[0].body.attribute("c").line == 3  # type: ignore[union-attr]


def test_line_endings_and_comments_in_trivia_keep_positions() -> None:
    """CRLF and comments inside brackets and after braces are trivia; a bare CR in a comment too."""
    text = 'b "l" {\r\n  c = [1, # x\ry\r\n 2, /* z\r\n */ 3]\r\n\r\n  d = "s"\r\n}\r\n'
    module = tffix.parse(text)
    assert module.code == text
    seen = [(t.type, t.text, t.line, t.column) for t in module.tokens() if t.type != "NL"]
    assert ("NUMBER", "2", 3, 2) in seen
    assert ("NUMBER", "3", 4, 5) in seen
    assert ("TLIT", "s", 6, 8) in seen
    assert ("CQUOTE", '"', 6, 9) in seen
    assert ("RBRACE", "}", 7, 1) in seen


def test_the_newline_after_a_closing_bracket_is_a_token_where_newlines_count() -> None:
    """The scanner yields it together with the bracket (``scanner.scan``); inside
    parentheses, and right after an opening brace, a newline stays trivia."""
    text = "a = {\n  b = [1]\n}\r\nc {\n  d = (1)\r\n}\ne = f(\n)\n"
    module = tffix.parse(text)
    assert module.code == text
    newlines = [(t.text, t.line, t.column) for t in module.tokens() if t.type == "NL"]
    assert newlines == [("\n", 2, 10), ("\r\n", 3, 2), ("\r\n", 5, 10), ("\n", 6, 2), ("\n", 8, 2)]
    assert [(t.type, t.line, t.column) for t in tffix.parse("a {\n}").tokens()][-2:] == [
        ("RBRACE", 2, 1),
        ("$END", 2, 2),
    ]


@pytest.mark.parametrize(
    ("text", "at"), [("a {\n}\rb = 1\n", (2, 2)), ("a = [1]\rb = 1\n", (1, 8))]
)
def test_a_bare_carriage_return_after_a_closing_bracket_is_refused(
    text: str, at: tuple[int, int]
) -> None:
    with pytest.raises(tffix.ParseError, match="invalid character") as info:
        tffix.parse(text)
    assert (info.value.line, info.value.column) == at


def test_invalid_utf8_in_a_comment_is_kept() -> None:
    data = b"# caf\xe9\na = 1\n"
    module = tffix.parse(decode(data))
    assert encode(module.code) == data


@pytest.mark.parametrize(
    "text",
    ["", "\n", "   ", "# only a comment", "a = 1", "a = 1\n\n\n", "/* x */", "\r\n\r\n"],
)
def test_degenerate_files(text: str) -> None:
    assert tffix.parse(text).code == text
