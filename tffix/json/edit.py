"""Minimal edits to a JSON text: set, add or remove an object's member, add an array item.

An ``Editor`` collects edits against one parsed ``Document`` and splices
them into its text: every byte outside the edited spans is kept, so key
order, indentation, line endings and a BOM stay as they were. New members
go after an object's last member (JSON objects have no order that
Terraform reads) and are written in the file's own style: its indentation
step and line ending, its spacing after ``:``, on one line when the object
is written on one line.

Values to write are plain Python (``dict``, ``list``, ``str``, ``bool``,
``None``, ``int``/``float``) or ``Raw`` (JSON text written as it is, such as
a number spelled as the source spelled it).
"""

from __future__ import annotations

import builtins
import json
from dataclasses import dataclass
from typing import Any

from tffix.json.document import Document, JArray, JNode, JObject, Member


@dataclass(frozen=True)
class Raw:
    """JSON text inserted as written (a number's spelling, a value copied from the file)."""

    text: str


@dataclass(frozen=True)
class Style:
    """How the file writes JSON: indentation step, line ending, text between key and value."""

    unit: str = "  "
    newline: str = "\n"
    colon: str = ": "

    @classmethod
    def of(cls, doc: Document) -> Style:
        text = doc.text
        colon = ": "
        unit = ""
        stack = [doc.root]
        while stack and (not unit or colon == ": "):
            node = stack.pop()
            if isinstance(node, JObject):
                for member in node.members:
                    between = text[member.key_end : member.value.start]
                    if between.strip() == ":" and "\n" not in between:
                        colon = between
                        break
                stack.extend(m.value for m in reversed(node.members))
            elif isinstance(node, JArray):
                stack.extend(reversed(node.items))
            if not unit and isinstance(node, (JObject, JArray)):
                inner, outer = (
                    _indent_at(text, _first_child_start(node)),
                    _line_indent(text, node.start),
                )
                if inner is not None and inner.startswith(outer) and len(inner) > len(outer):
                    unit = inner[len(outer) :]
            if not unit and not stack:
                break
        return cls(unit or "  ", doc.newline, colon)


def _first_child_start(node: JObject | JArray) -> int:
    if isinstance(node, JObject):
        return node.members[0].key_start if node.members else node.end - 1
    return node.items[0].start if node.items else node.end - 1


def _line_indent(text: str, offset: int) -> str:
    """The whitespace that starts the line ``offset`` is on."""
    start = text.rfind("\n", 0, offset) + 1
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[start:end]


def _indent_at(text: str, offset: int) -> str | None:
    """The whitespace before ``offset`` when only whitespace precedes it on its line, else None."""
    start = text.rfind("\n", 0, offset) + 1
    before = text[start:offset]
    return before if before.strip(" \t") == "" else None


def render(value: Any, style: Style, indent: str | None) -> str:
    """``value`` as JSON text: over several lines, each nested level one ``unit`` deeper
    than ``indent`` (the indentation of the line it starts on), or on one line when
    ``indent`` is None."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = [f"{json.dumps(k, ensure_ascii=False)}{style.colon}" for k in value]
        if indent is None:
            inner = [p + render(v, style, None) for p, v in zip(parts, value.values(), strict=True)]
            return "{" + ", ".join(inner) + "}"
        deeper = indent + style.unit
        inner = [
            deeper + p + render(v, style, deeper)
            for p, v in zip(parts, value.values(), strict=True)
        ]
        return (
            "{" + style.newline + ("," + style.newline).join(inner) + style.newline + indent + "}"
        )
    if isinstance(value, list):
        if not value:
            return "[]"
        if indent is None:
            return "[" + ", ".join(render(v, style, None) for v in value) + "]"
        deeper = indent + style.unit
        inner = [deeper + render(v, style, deeper) for v in value]
        return (
            "[" + style.newline + ("," + style.newline).join(inner) + style.newline + indent + "]"
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value, ensure_ascii=False)


def _multiline(text: str, node: JObject | JArray) -> bool:
    return "\n" in text[node.start : node.end]


class Editor:
    """Edits to one document, applied together by ``apply`` (positions are the original text's)."""

    def __init__(self, doc: Document, style: Style | None = None) -> None:
        self.doc = doc
        self.style = style or Style.of(doc)
        self._replace: dict[int, tuple[JNode, Any]] = {}
        self._add: dict[int, tuple[JObject | JArray, list[tuple[str | None, Any]]]] = {}
        self._remove: dict[int, tuple[JObject, set[int]]] = {}
        self._keys: dict[int, tuple[Member, str]] = {}

    def replace(self, node: JNode, value: Any) -> None:
        """Write ``value`` in place of ``node``."""
        self._replace[id(node)] = (node, value)

    def set(self, obj: JObject, key: str, value: Any) -> None:
        """``obj[key] = value``: the existing member's value replaced, or a member added."""
        member = obj.get(key)
        if member is not None:
            self.replace(member.value, value)
        else:
            self.add(obj, key, value)

    def add(self, obj: JObject, key: str, value: Any) -> None:
        """A new member after the object's last one."""
        self._add.setdefault(id(obj), (obj, []))[1].append((key, value))

    def append(self, array: JArray, value: Any) -> None:
        """A new item after the array's last one."""
        self._add.setdefault(id(array), (array, []))[1].append((None, value))

    def remove(self, obj: JObject, member: Member) -> None:
        """Take ``member`` out of ``obj`` (with the comma and space that went with it)."""
        self._remove.setdefault(id(obj), (obj, set()))[1].add(id(member))

    def rename(self, member: Member, key: str) -> None:
        """Give ``member`` the key ``key`` (its value stays as it is)."""
        self._keys[id(member)] = (member, key)

    def discard(self, obj: JObject) -> None:
        """Forget the removals inside ``obj`` (it is removed whole)."""
        self._remove.pop(id(obj), None)

    @property
    def empty(self) -> bool:
        return not (self._replace or self._add or self._remove or self._keys)

    def apply(self) -> str:
        """The text with every edit made."""
        text = self.doc.text
        splices: list[tuple[int, int, str]] = []
        for node, value in self._replace.values():
            splices.append(
                (node.start, node.end, render(value, self.style, self._indent(node.start)))
            )
        for member, key in self._keys.values():
            splices.append((member.key_start, member.key_end, json.dumps(key, ensure_ascii=False)))
        for obj, removed in self._remove.values():
            splices.extend(self._removals(obj, removed))
        for container, added in self._add.values():
            splices.append(self._additions(container, added))
        splices.sort(key=lambda s: (s[0], s[1]), reverse=True)
        last = len(text) + 1
        for start, end, new in splices:
            if end > last:
                raise ValueError("overlapping JSON edits")
            text = text[:start] + new + text[end:]
            last = start
        return text

    def _indent(self, offset: int) -> str | None:
        """The indentation for a value written at ``offset``: its line's, or None (one
        line) when the enclosing text is written on one line."""
        text = self.doc.text
        if "\n" not in text.strip():
            return None
        return _line_indent(text, offset)

    def _removals(self, obj: JObject, removed: builtins.set[int]) -> list[tuple[int, int, str]]:
        members = obj.members
        flags = [id(m) in removed for m in members]
        if all(flags):  # emptied: new members, if any, are written in its place
            return [] if id(obj) in self._add else [(obj.start + 1, obj.end - 1, "")]
        splices = []
        i = 0
        while i < len(members):
            if not flags[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(members) and flags[j + 1]:
                j += 1
            if i > 0:
                splices.append((members[i - 1].value.end, members[j].value.end, ""))
            else:
                splices.append((members[0].key_start, members[j + 1].key_start, ""))
            i = j + 1
        return splices

    def _additions(
        self, container: JObject | JArray, added: list[tuple[str | None, Any]]
    ) -> tuple[int, int, str]:
        text, style = self.doc.text, self.style
        removed = self._remove.get(id(container), (None, set()))[1]
        if isinstance(container, JObject):
            kept: list[JNode] = [m.value for m in container.members if id(m) not in removed]
            ends = [m.value.end for m in container.members]
            starts = [m.key_start for m in container.members]
        else:
            kept = list(container.items)
            ends = [item.end for item in kept]
            starts = [item.start for item in kept]
        multiline = _multiline(text, container) or (
            not kept and self._indent(container.start) is not None
        )
        if kept:
            # the separator the container already uses between items (or before its first)
            if len(starts) > 1:
                gap = text[ends[-2] : starts[-1]].lstrip().removeprefix(",")
            else:
                gap = text[container.start + 1 : starts[0]]
            indent = _indent_at(text, starts[-1]) if multiline else None
            if multiline and indent is None:
                multiline = False
            if not multiline:
                gap = " " if not gap.strip() and "\n" not in gap else gap
        else:
            indent = _line_indent(text, container.start) + style.unit if multiline else None
            gap = style.newline + indent if multiline and indent is not None else ""
        pieces = []
        for key, value in added:
            head = "" if key is None else json.dumps(key, ensure_ascii=False) + style.colon
            pieces.append(head + render(value, style, indent if multiline else None))
        if kept:
            sep = "," + (gap if gap else " ")
            return (kept[-1].end, kept[-1].end, sep + sep.join(pieces))
        inside = gap + ("," + gap if gap else ", ").join(pieces)
        if multiline:
            inside += style.newline + _line_indent(text, container.start)
        return (container.start + 1, container.end - 1, inside)
