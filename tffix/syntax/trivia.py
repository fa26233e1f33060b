"""Reading comments out of trivia strings."""

from __future__ import annotations

import re

_COMMENT = re.compile(r"#[^\r\n]*|//[^\r\n]*|/\*.*?\*/", re.DOTALL)


def comments_in(trivia: str) -> list[str]:
    """Every comment in ``trivia`` (``#``, ``//`` and ``/* */``), in source order."""
    if "#" not in trivia and "/" not in trivia:
        return []
    return _COMMENT.findall(trivia)
