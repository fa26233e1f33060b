"""Minimal JSON edits: only the edited spans change, in the file's own style."""

from __future__ import annotations

import json

import pytest

from tffix.json.document import JObject, parse
from tffix.json.edit import Editor, Raw, Style


def _obj(node: object) -> JObject:
    assert isinstance(node, JObject)
    return node


def test_a_member_is_added_after_the_last_one_with_the_files_indentation() -> None:
    text = '{\n    "a": {\n        "x": 1\n    }\n}\n'
    doc = parse(text)
    editor = Editor(doc)
    inner = _obj(_obj(doc.root).members[0].value)
    editor.add(inner, "y", {"z": [True, None]})
    assert editor.apply() == (
        '{\n    "a": {\n        "x": 1,\n        "y": {\n            "z": [\n'
        "                true,\n                null\n            ]\n        }\n    }\n}\n"
    )


def test_crlf_tabs_and_a_bom_are_kept() -> None:
    text = '\ufeff{\r\n\t"a": 1,\r\n\t"b": 2\r\n}\r\n'
    doc = parse(text)
    assert Style.of(doc) == Style("\t", "\r\n", ": ")
    editor = Editor(doc)
    editor.add(_obj(doc.root), "c", {"d": "e"})
    assert (
        editor.apply()
        == '\ufeff{\r\n\t"a": 1,\r\n\t"b": 2,\r\n\t"c": {\r\n\t\t"d": "e"\r\n\t}\r\n}\r\n'
    )


def test_an_object_on_one_line_stays_on_one_line() -> None:
    doc = parse('{"a": {"x": 1}, "b": 2}')
    editor = Editor(doc)
    editor.add(_obj(_obj(doc.root).members[0].value), "y", {"z": "w"})
    assert editor.apply() == '{"a": {"x": 1, "y": {"z": "w"}}, "b": 2}'


def test_an_empty_object_in_a_multiline_file_opens_up() -> None:
    text = '{\n  "a": {}\n}'
    doc = parse(text)
    editor = Editor(doc)
    editor.add(_obj(_obj(doc.root).members[0].value), "x", 1)
    editor.add(_obj(_obj(doc.root).members[0].value), "y", 2)
    assert editor.apply() == '{\n  "a": {\n    "x": 1,\n    "y": 2\n  }\n}'


def test_replace_keeps_the_rest_and_raw_text_is_written_as_is() -> None:
    text = '{\n  "n": 10, "s": "old" ,\n  "t": true\n}\n'
    doc = parse(text)
    editor = Editor(doc)
    root = _obj(doc.root)
    editor.set(root, "s", "new")
    editor.set(root, "n", Raw("1e3"))
    assert editor.apply() == '{\n  "n": 1e3, "s": "new" ,\n  "t": true\n}\n'


@pytest.mark.parametrize(
    ("remove", "expected"),
    [
        (["a"], '{\n  "b": 2,\n  "c": 3\n}'),
        (["b"], '{\n  "a": 1,\n  "c": 3\n}'),
        (["c"], '{\n  "a": 1,\n  "b": 2\n}'),
        (["a", "b"], '{\n  "c": 3\n}'),
        (["b", "c"], '{\n  "a": 1\n}'),
        (["a", "c"], '{\n  "b": 2\n}'),
        (["a", "b", "c"], "{}"),
    ],
)
def test_removing_members_takes_their_commas_with_them(remove: list[str], expected: str) -> None:
    doc = parse('{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}')
    editor = Editor(doc)
    root = _obj(doc.root)
    for key in remove:
        member = root.get(key)
        assert member is not None
        editor.remove(root, member)
    assert editor.apply() == expected
    json.loads(expected)


def test_removing_every_member_and_adding_one() -> None:
    doc = parse('{\n  "a": 1\n}')
    editor = Editor(doc)
    root = _obj(doc.root)
    editor.remove(root, root.members[0])
    editor.add(root, "b", 2)
    assert json.loads(editor.apply()) == {"b": 2}


def test_an_item_is_appended_to_an_array() -> None:
    doc = parse('{"a": [\n  {"x": 1}\n]}')
    editor = Editor(doc)
    array = _obj(doc.root).members[0].value
    editor.append(array, {"x": 2})  # type: ignore[arg-type]
    assert editor.apply() == '{"a": [\n  {"x": 1},\n  {\n    "x": 2\n  }\n]}'
