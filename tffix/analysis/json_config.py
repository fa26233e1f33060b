"""Terraform's JSON configuration (``.tf.json``, ``.tofu.json``), read for analysis.

A module may declare some of its objects in JSON
(https://developer.hashicorp.com/terraform/language/syntax/json): a
reference from a ``.tf`` file to a resource declared there is not a
reference to nothing, and a JSON file's ``"${...}"`` strings refer to
objects of the ``.tf`` files (a fix that renames one of them breaks the
JSON file). So the analysis reads both; tffix never writes JSON
configuration (a fix that would need to is a manual finding naming the
file, see ``tffix.engine.runner``).

What is read: the top-level ``resource``, ``data``, ``variable``,
``locals``, ``output`` and ``module`` objects (a block type's value may also
be an array of such objects), each with the line and column of its name,
and the references inside ``"${...}"`` interpolations and ``depends_on``.
``"//"`` keys are comments. A file that is not valid JSON declares nothing
known: it is reported as an ``error`` and the caller treats the module's
analysis as incomplete.
"""

from __future__ import annotations

import json
import json.decoder
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tffix.engine.files import shadowed

# json's own string scanner (C-accelerated): (decoded string, index after the
# closing quote). The standard library's stubs do not declare it.
scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]

_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_SPACE = re.compile(r"[ \t\n\r]*")
_LITERALS = {"true": True, "false": False, "null": None}


@dataclass
class _Object:
    """A JSON object with where each key is: (key, offset of the key, value)."""

    items: list[tuple[str, int, Any]] = field(default_factory=list)


@dataclass
class _String:
    value: str
    offset: int


class _Reader:
    """A JSON reader that keeps where each key and string starts (``json`` does not)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def value(self, at: int) -> tuple[Any, int]:
        at = _SPACE.match(self.text, at).end()  # type: ignore[union-attr]
        char = self.text[at : at + 1]
        if char == "{":
            result = _Object()
            at = _SPACE.match(self.text, at + 1).end()  # type: ignore[union-attr]
            if self.text[at : at + 1] == "}":
                return result, at + 1
            while True:
                at = _SPACE.match(self.text, at).end()  # type: ignore[union-attr]
                if self.text[at : at + 1] != '"':
                    raise ValueError(f"expected a key at offset {at}")
                key, end = scanstring(self.text, at + 1)
                end = _SPACE.match(self.text, end).end()  # type: ignore[union-attr]
                if self.text[end : end + 1] != ":":
                    raise ValueError(f"expected ':' at offset {end}")
                item, end = self.value(end + 1)
                result.items.append((key, at, item))
                end = _SPACE.match(self.text, end).end()  # type: ignore[union-attr]
                if self.text[end : end + 1] == ",":
                    at = end + 1
                elif self.text[end : end + 1] == "}":
                    return result, end + 1
                else:
                    raise ValueError(f"expected ',' or '}}' at offset {end}")
        if char == "[":
            items: list[Any] = []
            at = _SPACE.match(self.text, at + 1).end()  # type: ignore[union-attr]
            if self.text[at : at + 1] == "]":
                return items, at + 1
            while True:
                item, at = self.value(at)
                items.append(item)
                at = _SPACE.match(self.text, at).end()  # type: ignore[union-attr]
                if self.text[at : at + 1] == ",":
                    at += 1
                elif self.text[at : at + 1] == "]":
                    return items, at + 1
                else:
                    raise ValueError(f"expected ',' or ']' at offset {at}")
        if char == '"':
            text, end = scanstring(self.text, at + 1)
            return _String(text, at), end
        for word, literal in _LITERALS.items():
            if self.text.startswith(word, at):
                return literal, at + len(word)
        number = _NUMBER.match(self.text, at)
        if number is None:
            raise ValueError(f"unexpected {char!r} at offset {at}")
        return json.loads(number.group()), number.end()


@dataclass(frozen=True)
class JsonDeclaration:
    """An object a JSON file declares; ``address`` as in ``tffix.analysis.module``."""

    kind: str  # resource, data, variable, local, output, module
    address: str
    path: str
    line: int
    column: int
    has_default: bool = False  # a variable's ``default`` (its value is not read)


@dataclass(frozen=True)
class JsonReference:
    kind: str  # resource, data, var, local, module
    address: str
    path: str
    line: int
    column: int


@dataclass
class JsonConfig:
    path: str
    declarations: list[JsonDeclaration] = field(default_factory=list)
    references: list[JsonReference] = field(default_factory=list)
    error: str | None = None


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _objects(value: Any) -> list[_Object]:
    """A block type's value: one object, or an array of them."""
    if isinstance(value, _Object):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, _Object)]
    return []


def _named(value: Any) -> list[tuple[str, int, Any]]:
    return [item for obj in _objects(value) for item in obj.items if item[0] != "//"]


def _interpolations(text: str) -> list[str]:
    """The expressions of ``${...}`` sequences in a string (``$${`` is a literal ``${``)."""
    found: list[str] = []
    at = 0
    while True:
        start = text.find("${", at)
        if start < 0:
            return found
        if start > 0 and text[start - 1] == "$":
            at = start + 2
            continue
        depth, i, quote = 1, start + 2, False
        while i < len(text) and depth:
            char = text[i]
            if quote:
                if char == "\\":
                    i += 1
                elif char == '"':
                    quote = False
            elif char == '"':
                quote = True
            elif char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            i += 1
        if depth:
            return found
        found.append(text[start + 2 : i - 1])
        at = i


def _expression_references(expression: str) -> list[tuple[str, str]]:
    """(kind, address) of each reference in one HCL expression (nothing if it does not parse)."""
    from tffix.analysis.module import _BUILTIN_ROOTS, _address
    from tffix.syntax import nodes as n
    from tffix.syntax.errors import ParseError
    from tffix.syntax.parser import parse

    try:
        module = parse(f"x = ({expression.strip().removeprefix('~').removesuffix('~')})\n")
    except ParseError:
        return []
    found = []
    for node in module.walk():
        if isinstance(node, n.Traversal):
            address = _address(node)
            if address is not None and address[0] not in _BUILTIN_ROOTS:
                found.append(address)
    return found


def read_json_config(path: str, text: str | None = None) -> JsonConfig:
    """The declarations and references of one JSON configuration file."""
    config = JsonConfig(path)
    try:
        if text is None:
            with open(path, encoding="utf-8-sig") as f:
                text = f.read()
        root, end = _Reader(text).value(0)
        if _SPACE.match(text, end).end() != len(text):  # type: ignore[union-attr]
            raise ValueError(f"unexpected text after the JSON value at offset {end}")
    except (OSError, ValueError) as exc:
        config.error = f"{path}: not read as JSON configuration: {exc}"
        return config
    if not isinstance(root, _Object):
        config.error = f"{path}: not read as JSON configuration: not a JSON object"
        return config

    def declare(kind: str, address: str, offset: int, body: Any = None) -> None:
        line, column = _position(text, offset)
        default = any(key == "default" for obj in _objects(body) for key, _, _ in obj.items)
        config.declarations.append(JsonDeclaration(kind, address, path, line, column, default))

    def refer(value: Any, depends: bool = False) -> None:
        if isinstance(value, _String):
            expressions = [value.value] if depends else _interpolations(value.value)
            for expression in expressions:
                for kind, address in _expression_references(expression):
                    line, column = _position(text, value.offset)
                    config.references.append(JsonReference(kind, address, path, line, column))
        elif isinstance(value, list):
            for item in value:
                refer(item, depends)
        elif isinstance(value, _Object):
            for key, _offset, item in value.items:
                if key != "//":
                    refer(item, key == "depends_on")

    for block_type, _offset, value in root.items:
        if block_type in ("resource", "data"):
            for type_name, _at, by_name in _named(value):
                for name, at, body in _named(by_name):
                    prefix = "data." if block_type == "data" else ""
                    declare(block_type, f"{prefix}{type_name}.{name}", at)
                    refer(body)
        elif block_type in ("variable", "output", "module"):
            for name, at, body in _named(value):
                declare(
                    block_type, f"{'var' if block_type == 'variable' else block_type}.{name}", at
                )
                refer(body)
        elif block_type == "locals":
            for name, at, body in _named(value):
                declare("local", f"local.{name}", at)
                refer(body)
        elif block_type != "//":
            refer(value)
    return config


def json_files(directory: str) -> list[str]:
    """The JSON configuration files of ``directory`` OpenTofu and Terraform read, sorted
    (a ``.tf.json`` file that a ``.tofu.json`` one of the same name replaces is left out)."""
    try:
        names = sorted(n for n in os.listdir(directory) if n.endswith((".tf.json", ".tofu.json")))
    except OSError:
        return []
    hidden = shadowed(names)
    return [
        os.path.join(directory, name)
        for name in names
        if name not in hidden
        and not name.startswith(".")
        and os.path.isfile(os.path.join(directory, name))
    ]


def read_json_module(directory: str) -> list[JsonConfig]:
    """Every JSON configuration file of the module in ``directory``, read."""
    return [read_json_config(path) for path in json_files(directory)]
