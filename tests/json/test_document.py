"""The lossless JSON reader: spans that cover the text, values json agrees with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tffix.json.document import JArray, JObject, JsonSyntaxError, parse, plain, tokens

OWN = Path(__file__).resolve().parents[2] / "corpus"
JSON_FILES = sorted([*OWN.rglob("*.json"), *OWN.rglob("*.tfvars")])

SAMPLES = [
    "{}",
    "[]",
    '\ufeff{"a": 1}\r\n',
    '{\n\t"a": [1, -2.5e3, true, false, null, "x\\u00e9\\"y"],\n\t"b": {"c": {}}\n}\n',
    '  {"dup": 1, "dup": 2}  ',
    '{"//": "a comment", "k": "${var.x}"}',
]


@pytest.mark.parametrize("text", SAMPLES)
def test_tokens_join_to_the_text_and_values_agree_with_json(text: str) -> None:
    assert "".join(t for _, t in tokens(text)) == text
    assert plain(parse(text).root) == json.loads(text.lstrip("\ufeff"))


@pytest.mark.parametrize("path", [p for p in JSON_FILES if p.name.endswith(".json")], ids=str)
def test_every_json_file_of_the_corpus_round_trips(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "".join(t for _, t in tokens(text)) == text
    assert plain(parse(text).root) == json.loads(text.lstrip("\ufeff"))


def test_spans_are_the_members_and_items() -> None:
    text = '{ "a" : [1, {"b": "c"}], "d": null }'
    root = parse(text).root
    assert isinstance(root, JObject)
    a = root.members[0]
    assert text[a.key_start : a.key_end] == '"a"'
    assert isinstance(a.value, JArray)
    assert text[a.value.start : a.value.end] == '[1, {"b": "c"}]'
    assert text[a.value.items[1].start : a.value.items[1].end] == '{"b": "c"}'
    assert root.get("d") is root.members[1]
    assert (root.start, root.end) == (0, len(text))


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"a": }', "1:7"),
        ('{"a": 1,}', "1:9"),
        ("{\n  'a': 1}", "2:3"),
        ('{"a": 1} x', "1:10"),
        ('{"a": 01}', "1:8"),
        ('["unterminated]', "1:2"),
    ],
)
def test_what_is_not_json_is_an_error_with_its_position(text: str, where: str) -> None:
    with pytest.raises(JsonSyntaxError) as caught:
        parse(text)
    assert str(caught.value).startswith(where)
    with pytest.raises(ValueError):
        json.loads(text)


def test_a_deep_nest_is_an_error_not_a_crash() -> None:
    with pytest.raises(JsonSyntaxError, match="nested too deeply"):
        parse("[" * 2000 + "]" * 2000)
