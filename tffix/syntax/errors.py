"""The one exception the parser raises for input it cannot accept."""

from __future__ import annotations


class ParseError(Exception):
    """Invalid HCL, with the 1-based position where it was detected.

    Every kind of bad input (syntax errors, unterminated strings, heredocs or
    comments, stray bytes, undecodable files) ends up here, so callers that
    process untrusted repositories need to catch exactly one exception type.
    ``str(err)`` is ``path:line:col: message``, the form editors and CI
    annotations understand.
    """

    def __init__(self, message: str, *, path: str | None, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"{self.path or '<string>'}:{self.line}:{self.column}: {self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments need help to survive pickling (parallel runs).
        return (_rebuild, (self.message, self.path, self.line, self.column))


def _rebuild(message: str, path: str | None, line: int, column: int) -> ParseError:
    return ParseError(message, path=path, line=line, column=column)
