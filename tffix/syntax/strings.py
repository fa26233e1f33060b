"""Decoding the literal text of templates into string values."""

from __future__ import annotations

import re

_QUOTED_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)|\$\$\{|%%\{", re.DOTALL)
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def _replace(match: re.Match[str]) -> str:
    text = match.group()
    if text == "$${":
        return "${"
    if text == "%%{":
        return "%{"
    code = text[1]
    if code in "uU":
        return chr(int(text[2:], 16))
    return _SIMPLE.get(code, text)


def decode_quoted(text: str) -> str:
    """Value of the literal text of a quoted string (escapes and ``$${`` decoded)."""
    if "\\" not in text and "$${" not in text and "%%{" not in text:
        return text
    return _QUOTED_ESCAPE.sub(_replace, text)


def decode_heredoc(text: str) -> str:
    """Value of the literal text of a heredoc: no backslash escapes, only ``$${``/``%%{``."""
    return text.replace("$${", "${").replace("%%{", "%{")
