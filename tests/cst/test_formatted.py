"""``is_formatted`` never says "clean" where the formatter would change a byte.

The oracle is ``format_module`` (itself tested byte for byte against
``terraform fmt`` in test_format.py): for every corpus file and for
thousands of mutated copies (spaces added or removed, lines re-indented or
repeated, tokens inserted), ``is_formatted(text)`` must imply that the
formatter returns ``text`` unchanged. The fast path must also decide most
clean corpus files, or it saves nothing.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tffix.cst.format import format_module, format_text
from tffix.cst.formatted import is_formatted
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import parse

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def formats_to_itself(text: str) -> bool:
    module = parse(text)
    return format_module(module, bom_kept=True, converge=True) == text


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not present")
    return [
        p.read_text(encoding="utf-8", errors="surrogateescape")
        for p in sorted(CORPUS.rglob("*.tf"))
    ]


def test_corpus_files_it_calls_formatted_are(corpus: list[str]) -> None:
    clean = decided = 0
    for text in corpus:
        try:
            same = formats_to_itself(text)
        except ParseError:
            continue
        clean += same
        if is_formatted(text):
            decided += 1
            assert same, text[:200]
    # Most clean files are decided without formatting (on this corpus: 696 of 832).
    assert decided >= 0.75 * clean


_SNIPPETS = (
    " ", "  ", "-", "!", '"${a}"', "${", "in", " in ", "=>", " => ", "-1", " -1", "- 1",
    "[", "]", "{", "}", "(", ")", ",", ", ", ".", "...", "*", " # c", "#", '"', "list",
    '"string"', "type", " = ", "=", "  =", "\n", ":", " ? ", "<<EOF", "/*", "*/", "a",
    "1", '"x"', "[*]", ".*", "%{", "$${", '\\"', "é", "::", "for", " if ", "x = ",
)  # fmt: skip


def _mutate(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.choice((1, 1, 2))):
        i = rng.randrange(len(lines) - 1)
        line = lines[i]
        op = rng.random()
        at = rng.randrange(len(line) + 1)
        if op < 0.35:
            line = line[:at] + rng.choice(_SNIPPETS) + line[at:]
        elif op < 0.6 and line:
            line = line[:at] + line[min(len(line), at + rng.choice((1, 1, 2, 3))) :]
        elif op < 0.75:
            line = line[:at] + rng.choice(_SNIPPETS) + line[at + 1 :]
        elif op < 0.85:
            lines.insert(i + 1, lines[rng.randrange(len(lines) - 1)])
        else:
            line = " " * rng.choice((0, 2, 4, 6)) + line.lstrip(" ")
        lines[i] = line
    text = "\n".join(lines)
    return text.rstrip("\n") if rng.random() < 0.1 else text  # no final newline


def test_mutated_corpus_files_it_calls_formatted_are(corpus: list[str]) -> None:
    rng = random.Random(16)
    sources = [text for text in corpus if text and is_formatted(text)]  # (lines to mutate)
    checked = 0
    for _ in range(3000):
        variant = _mutate(rng, rng.choice(sources))
        if not is_formatted(variant):
            continue
        try:
            same = formats_to_itself(variant)
        except ParseError:
            continue
        checked += 1
        assert same, variant
    assert checked > 300  # the mutations must reach the accepting paths


@pytest.mark.parametrize(
    "text",
    [
        "resource aws_s3_bucket b {\n}\n",  # labels get quoted
        "terraform in x {\n}\n",
        'resource "a" "b\\u0041" {\n}\n',  # escapes decoded and written again
        'x = "${var.a}"\n',  # unwrapped
        'variable "v" {\n  type = "string"\n}\n',
        'variable "v" {\n  type = list\n}\n',
        "x = { for k, v in m : k => -1 }\n",  # hclwrite writes `=> - 1`
        "x = a -1\n",
        'x = "a"[0]\n',  # hclwrite spaces an index after a string
        "x = [{\n    a = 1\n}]\n",  # two brackets on a line open one level
        "a = 1\nbb = 2\n",  # not aligned
        "a  = 1\nbb  = 2\n",  # aligned one space too far
        "x = 1 # a\nyy = 2 # b\n",
        "x = 1  \n",
        "x = [\n    1,\n]\n",
        "x = <<EOF\n${ a }\nEOF\n",
        "x = f( a )\n",
        "x = {a = 1}\n",
    ],
)
def test_texts_the_formatter_changes_are_not_formatted(text: str) -> None:
    assert not is_formatted(text)
    assert format_text(text) != text


def test_a_megabyte_line_is_left_to_the_formatter() -> None:
    line = "x = [" + ", ".join(str(i) for i in range(200_000)) + "]\n"
    assert format_text(line) == line
    assert not is_formatted(line)  # (not matched: memory grows with a line's tokens)
    assert is_formatted("x = [" + ", ".join(str(i) for i in range(100)) + "]\n")


@pytest.mark.parametrize(
    "text",
    [
        'resource "a" "b" {\n  x   = 1\n  abc = "s"\n\n  tags = {\n    a = 1\n  }\n}\n',
        "x = { for k, v in m : k => - 1 }\n",
        "x = a - -1\n",
        "x = [{\n  a = 1\n}]\n",
        "x = merge(a, {\n  b = 1\n})\n",
        "a  = 1 # one\nbb = 2 # two\n",
        "x = <<-EOT\n  ${a}\n  EOT\ny = 1\n",
        'x = "a" [0]\n',
        "x = c ? -1 : 1\n",
        'a = 1\nb = "x"',  # no final newline: kept
        'x = [for s in var.list : upper(s) if s != ""]\n',
    ],
)
def test_clean_texts_are_formatted(text: str) -> None:
    assert format_text(text) == text  # the oracle first: these are clean
    assert is_formatted(text)


def test_lines_seen_before_are_judged_where_they_are_now() -> None:
    """What a line says by itself is remembered across texts (most lines of a tree
    repeat); its indentation and its neighbours' alignment are judged in each text."""
    import tffix.cst.formatted as formatted

    formatted._KNOWN.clear()
    assert is_formatted('a  = 1\nbb = "x"\n\nresource "r" "n" {\n  a = 1\n}\n')
    assert formatted._KNOWN  # lines remembered
    assert not is_formatted(" a = 1\n")  # the same line, indented where nothing is open
    assert not is_formatted('a = 1\nbb = "x"\n')  # the same lines, unaligned together
    assert is_formatted('a  = 1\nbb = "x"\n')
    assert not is_formatted('resource "r" "n" {\na = 1\n}\n')  # not indented in a block


def test_remembered_lines_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past its bound the memory of lines starts afresh; the answers stay the same."""
    import tffix.cst.formatted as formatted

    monkeypatch.setattr(formatted, "_KNOWN_MAX", 5)
    formatted._KNOWN.clear()
    text = "".join(f"a{i} = {i}\n\n" for i in range(10))
    assert is_formatted(text)
    assert len(formatted._KNOWN) == 10
    assert is_formatted(text)  # begun with too many: cleared, then filled again
    assert len(formatted._KNOWN) == 10
    assert not is_formatted("a1  = 1\n")


def test_an_empty_file_is_decided_as_the_formatter_leaves_it() -> None:
    assert is_formatted("")
    assert formats_to_itself("")


_FOR_LINES = """\
locals {
  by_key = {
    for k, v in var.items : k => v
  }
  nested = flatten([
    for i in range(var.count) : {
      index = i
    }
  ])
  listed = [
    for entry in var.entries :
    entry.name
  ]
}
"""


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("for k, v in var.items : k", "for k, v in var.items: k"),
        ("for k, v in var.items : k", "for k,v in var.items : k"),
        ("for i in range(var.count) : {", "for i in range(var.count)  : {"),
        ("for i in range(var.count) : {", "for i  in range(var.count) : {"),
        ("for entry in var.entries :", "for entry in var.entries : "),
        ("    for entry in var.entries :", "      for entry in var.entries :"),
    ],
)
def test_lines_opening_a_for_expression_are_decided(old: str, new: str) -> None:
    """A ``for`` head looks like a block header (a name, a space, a name); it is
    checked token by token, and misspaced or misindented it is not called clean."""
    assert formats_to_itself(_FOR_LINES)
    assert is_formatted(_FOR_LINES)
    variant = _FOR_LINES.replace(old, new)
    assert variant != _FOR_LINES
    assert not formats_to_itself(variant)
    assert not is_formatted(variant)


def test_a_block_named_for_on_one_line_is_left_to_the_formatter() -> None:
    # `for` is a valid block type and labels may be names: this is a block, whose
    # labels the formatter quotes, not a for head (its `{` comes before the `:`).
    text = "for x in y { a = b ? c : d }\n"
    assert parse(text).body.blocks[0].labels == ["x", "in", "y"]
    assert not formats_to_itself(text)
    assert not is_formatted(text)
