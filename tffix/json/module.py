"""A module's JSON configuration files while the runner fixes it.

The runner gives codemods each ``.tf.json``/``.tofu.json`` file as its HCL
shadow (``tffix.json.hcl``) under the file's own path, so codemods read and
fix JSON-declared blocks like any other. This keeps, per file, the JSON text
as read and as fixed so far, and the shadow of each: the runner compares
the shadow a codemod left with the one it was given, ``translate`` turns
the difference into JSON edits (or says why it cannot), ``commit`` takes
the new JSON text and gives the next shadow, and ``position`` turns a
finding's shadow position into one in the JSON file as it was read.

A file the shadow cannot express (not JSON, a construct tffix does not
read) is left out: it stays read only, in the analysis as before
(``tffix.analysis.json_config``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tffix.json import hcl


@dataclass
class JsonFile:
    path: str
    original: str  # the JSON text as read
    current: str  # the JSON text with the fixes so far
    first: hcl.Shadow  # the shadow of ``original``: findings' positions map through it
    shadow: hcl.Shadow  # the shadow of ``current``


class JsonFiles:
    def __init__(self) -> None:
        self.files: dict[str, JsonFile] = {}

    def __contains__(self, path: object) -> bool:
        return path in self.files

    def load(self, path: str, text: str) -> tuple[str, n.Module] | None:
        """The shadow text and tree of a JSON file, or None when it stays read only."""
        from tffix.json import hcl  # here: most modules have no JSON file (start-up)

        try:
            shadow = hcl.read(text)
            tree = parse(shadow.text, path=path)
        except (hcl.Unsupported, ParseError):
            return None
        self.files[path] = JsonFile(path, text, text, shadow, shadow)
        return shadow.text, tree

    def translate(self, path: str, old: str, new: str) -> str:
        """The JSON text after the change from shadow text ``old`` to ``new``
        (``hcl.Unsupported`` when it cannot be made exactly)."""
        from tffix.json import hcl

        file = self.files[path]
        try:
            before, after = parse(old, path=path), parse(new, path=path)
        except ParseError as exc:
            raise hcl.Unsupported(f"the fix does not parse ({exc})") from None
        return hcl.translate(file.shadow, before, after)

    def commit(self, path: str, text: str) -> tuple[str, n.Module]:
        """Take ``text`` as the file's JSON now; its shadow text and tree."""
        from tffix.json import hcl

        file = self.files[path]
        file.shadow = hcl.read(text)
        file.current = text
        return file.shadow.text, parse(file.shadow.text, path=path)

    def quoted_lines(self, message: str) -> str:
        """``message`` with each ``name.tf.json:LINE`` it quotes pointing into the JSON file."""
        for path, file in self.files.items():
            name = os.path.basename(path)
            if name + ":" not in message:
                continue

            def moved(match: re.Match[str], file: JsonFile = file, name: str = name) -> str:
                return f"{name}:{file.first.position(int(match.group(1)), 1)[0]}"

            message = re.sub(re.escape(name) + r":(\d+)", moved, message)
        return message

    def position(self, path: str, line: int, column: int) -> tuple[int, int]:
        """Where in the JSON file as read a position of its first shadow is."""
        return self.files[path].first.position(line, column)
