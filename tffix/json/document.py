"""A lossless view of a JSON text: every value with the span of text it covers.

``json`` gives values and forgets where they were; an edit that must keep a
file's indentation, key order, line endings and every untouched byte needs
the spans. ``parse`` reads a text into ``JObject``/``JArray``/``JScalar``
nodes that know their ``start`` and ``end`` offsets (and each member the
span of its key); the text itself is never rebuilt, so what is not edited
stays byte for byte (``tffix.json.edit`` splices replacements into it).
``tokens`` cuts the text into tokens and the whitespace between them, which
join back to the text: the round-trip tests check both on real files.

JSON as RFC 8259 defines it (what Terraform reads for ``.tf.json`` and
``.tfvars.json``), with a leading byte order mark allowed and kept.
Duplicate keys are kept in order; what they mean is the reader's business.
"""

from __future__ import annotations

import json
import json.decoder
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

# json's own (C-accelerated) string scanner: (decoded string, index after the closing quote)
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]

_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LITERALS = (("true", True), ("false", False), ("null", None))
BOM = "\ufeff"


class JsonSyntaxError(ValueError):
    """Not JSON: the message gives ``line:column`` (1-based) and what was expected."""

    def __init__(self, text: str, offset: int, what: str) -> None:
        self.line, self.column = position(text, offset)
        self.offset = offset
        super().__init__(f"{self.line}:{self.column}: {what}")


def position(text: str, offset: int) -> tuple[int, int]:
    """(line, column), 1-based, of ``offset`` in ``text`` (a column counts characters)."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@dataclass(eq=False)
class JNode:
    start: int
    end: int


@dataclass(eq=False)
class JScalar(JNode):
    """A string, number, ``true``, ``false`` or ``null``; ``value`` decoded."""

    value: Any = None

    @property
    def is_string(self) -> bool:
        return isinstance(self.value, str)


@dataclass(eq=False)
class JArray(JNode):
    items: list[JNode] = field(default_factory=list)


@dataclass(eq=False)
class Member:
    """``"key": value`` of an object: the key decoded, with its span (quotes included)."""

    key: str
    key_start: int
    key_end: int
    value: JNode


@dataclass(eq=False)
class JObject(JNode):
    members: list[Member] = field(default_factory=list)

    def get(self, key: str) -> Member | None:
        """The last member called ``key`` (the one a JSON reader keeps), or None."""
        found = None
        for member in self.members:
            if member.key == key:
                found = member
        return found


@dataclass(eq=False)
class Document:
    text: str
    root: JNode

    @property
    def newline(self) -> str:
        """The file's line ending: CRLF when its first line ends so, else LF."""
        end = self.text.find("\n")
        return "\r\n" if end > 0 and self.text[end - 1] == "\r" else "\n"


def plain(node: JNode) -> Any:
    """The node's value as ``json.loads`` gives it (later duplicate keys win)."""
    if isinstance(node, JObject):
        return {m.key: plain(m.value) for m in node.members}
    if isinstance(node, JArray):
        return [plain(item) for item in node.items]
    assert isinstance(node, JScalar)
    return node.value


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text

    def space(self, at: int) -> int:
        return _SPACE.match(self.text, at).end()  # type: ignore[union-attr]

    def fail(self, at: int, what: str) -> JsonSyntaxError:
        found = self.text[at : at + 1]
        return JsonSyntaxError(
            self.text,
            at,
            f"expected {what}, found {found!r}"
            if found
            else f"expected {what}, found the end of the text",
        )

    def string(self, at: int) -> tuple[str, int]:
        try:
            return _scanstring(self.text, at + 1)
        except ValueError as exc:
            raise JsonSyntaxError(self.text, at, f"invalid string ({exc})") from None

    def value(self, at: int, depth: int = 0) -> JNode:
        if depth > 500:
            raise JsonSyntaxError(self.text, at, "nested too deeply")
        text = self.text
        char = text[at : at + 1]
        if char == "{":
            obj = JObject(at, at)
            at = self.space(at + 1)
            if text[at : at + 1] == "}":
                obj.end = at + 1
                return obj
            while True:
                if text[at : at + 1] != '"':
                    raise self.fail(at, "a key (a string)")
                key, key_end = self.string(at)
                colon = self.space(key_end)
                if text[colon : colon + 1] != ":":
                    raise self.fail(colon, "':'")
                item = self.value(self.space(colon + 1), depth + 1)
                obj.members.append(Member(key, at, key_end, item))
                at = self.space(item.end)
                if text[at : at + 1] == ",":
                    at = self.space(at + 1)
                elif text[at : at + 1] == "}":
                    obj.end = at + 1
                    return obj
                else:
                    raise self.fail(at, "',' or '}'")
        if char == "[":
            array = JArray(at, at)
            at = self.space(at + 1)
            if text[at : at + 1] == "]":
                array.end = at + 1
                return array
            while True:
                item = self.value(at, depth + 1)
                array.items.append(item)
                at = self.space(item.end)
                if text[at : at + 1] == ",":
                    at = self.space(at + 1)
                elif text[at : at + 1] == "]":
                    array.end = at + 1
                    return array
                else:
                    raise self.fail(at, "',' or ']'")
        if char == '"':
            value, end = self.string(at)
            return JScalar(at, end, value)
        for word, literal in _LITERALS:
            if text.startswith(word, at):
                return JScalar(at, at + len(word), literal)
        number = _NUMBER.match(text, at)
        if number is None or number.end() == at:
            raise self.fail(at, "a value")
        return JScalar(at, number.end(), json.loads(number.group()))


def parse(text: str) -> Document:
    """The document of ``text`` (one JSON value, with whitespace and an optional BOM
    around it); ``JsonSyntaxError`` when it is not JSON."""
    reader = _Reader(text)
    start = reader.space(1 if text.startswith(BOM) else 0)
    root = reader.value(start)
    end = reader.space(root.end)
    if end != len(text):
        raise reader.fail(end, "the end of the text")
    return Document(text, root)


def tokens(text: str) -> Iterator[tuple[str, str]]:
    """(kind, text) of every token and run of whitespace, in order: they join to ``text``.

    Kinds: ``bom``, ``space``, ``punct`` (``{}[]:,``), ``string``, ``number``,
    ``literal``. ``JsonSyntaxError`` at the first byte that starts no token.
    """
    at = 0
    if text.startswith(BOM):
        yield "bom", BOM
        at = 1
    reader = _Reader(text)
    while at < len(text):
        char = text[at]
        if char in " \t\r\n":
            end = reader.space(at)
            yield "space", text[at:end]
        elif char in "{}[]:,":
            end = at + 1
            yield "punct", char
        elif char == '"':
            _, end = reader.string(at)
            yield "string", text[at:end]
        else:
            word = next((w for w, _ in _LITERALS if text.startswith(w, at)), None)
            if word is not None:
                end = at + len(word)
                yield "literal", word
            else:
                number = _NUMBER.match(text, at)
                if number is None or number.end() == at:
                    raise reader.fail(at, "a token")
                end = number.end()
                yield "number", number.group()
        at = end
