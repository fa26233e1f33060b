"""Tokens: the leaves of the concrete syntax tree.

A token owns the exact source text it was scanned from plus the trivia
(whitespace and comments) that precede it. Since every byte of a file is
either a token's text or some token's leading trivia, concatenating
``pre + text`` over all tokens gives the file back unchanged: losslessness
holds by construction rather than by careful re-printing.
"""

from __future__ import annotations


class Token:
    """One scanned token with its leading trivia and 1-based start position."""

    __slots__ = ("column", "line", "pre", "text", "type")

    def __init__(self, type: str, text: str, pre: str, line: int, column: int) -> None:
        self.type = type
        self.text = text
        self.pre = pre
        self.line = line
        self.column = column

    @property
    def code(self) -> str:
        """The token as it appears in the file, trivia included."""
        return self.pre + self.text

    @property
    def comments(self) -> list[str]:
        """The comments in the leading trivia, in order, without surrounding space."""
        from tffix.syntax.trivia import comments_in

        return comments_in(self.pre)

    def __repr__(self) -> str:
        return f"Token({self.type}, {self.text!r}, pre={self.pre!r}, {self.line}:{self.column})"


# Token types produced by the scanner; the grammar declares the same names.
IDENT = "IDENT"
NUMBER = "NUMBER"
NL = "NL"
EQ = "EQ"
LBRACE = "LBRACE"
RBRACE = "RBRACE"
LBRACK = "LBRACK"
RBRACK = "RBRACK"
LPAREN = "LPAREN"
RPAREN = "RPAREN"
COMMA = "COMMA"
COLON = "COLON"
QMARK = "QMARK"
DOT = "DOT"
ELLIPSIS = "ELLIPSIS"
ARROW = "ARROW"
BANG = "BANG"
MINUS = "MINUS"
STAR = "STAR"
BINOP = "BINOP"
DCOLON = "DCOLON"
FOR = "FOR"
IN = "IN"
IF = "IF"
ELSE = "ELSE"
ENDIF = "ENDIF"
ENDFOR = "ENDFOR"
OQUOTE = "OQUOTE"
CQUOTE = "CQUOTE"
HEREDOC_OPEN = "HEREDOC_OPEN"
HEREDOC_CLOSE = "HEREDOC_CLOSE"
TLIT = "TLIT"
TINTERP = "TINTERP"
TDIRECTIVE = "TDIRECTIVE"
TCLOSE = "TCLOSE"
EOF = "$END"
