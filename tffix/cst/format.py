"""The formatter: ``format_text`` returns exactly the bytes ``terraform fmt`` writes.

Terraform formats in two steps, and so does this module:

1. **Rewrites** (Terraform's ``internal/command/fmt.go``), done on each
   attribute's expression tokens and each block header:

   - an attribute whose value is a template holding exactly one
     interpolation, ``"${x}"``, becomes ``x`` (in parentheses when ``x``
     spans lines); only attributes of bodies, not object items;
   - in a top-level ``variable`` block, ``type = "string"`` becomes
     ``string``, ``"list"`` / ``"map"`` become ``list(string)`` /
     ``map(string)``, and a bare ``list`` / ``map`` / ``set`` becomes
     ``list(any)`` / ...;
   - block labels are re-quoted from their values: ``resource aws_s3_bucket
     b`` gets quotes, escapes are decoded then re-encoded in canonical form
     (non-printable characters as ``\\uNNNN``), the value is NFC-normalised,
     and comments among the labels are dropped. Terraform reads a label only
     when its literal is a single scanner token, and the scanner splits
     literals at every ``$`` and ``%``: such labels (``"100%"``,
     ``"a$b"``) are *dropped* by ``terraform fmt``. We mirror that, since the
     contract is byte-identical output; ``tffix fmt`` users get the same
     result as from Terraform.

2. **Layout** (hclwrite's ``format.go``), purely whitespace: the file is cut
   into lines (a line comment carries its newline; a heredoc and a
   multi-line ``/* */`` comment stay inside one line), each line into up to
   three cells (lead, ``= value`` and a trailing comment). Indentation is
   two spaces per level of net open brackets of the lines above, spaces
   between tokens follow fixed pair rules, and the ``=`` and trailing
   comment cells are aligned over runs of consecutive lines that have them.

Everything else is kept byte for byte, including what Terraform keeps:
line endings (a CRLF file stays CRLF: newline tokens keep their bytes),
trailing spaces inside comments and heredocs, blank lines (also at the end
of the file), a missing final newline, and the spaces and tabs after the
last newline (each written as one space, since hclwrite counts them as
bytes). A UTF-8 byte order mark is dropped: Terraform's scanner skips it
as if it were three spaces before the first token, which formatting then
resets (a file holding nothing but a BOM becomes three spaces).

The work is done on a flat list of tokens in the form of HCL's own scanner
(``hclsyntax``): every newline is a token, comments are tokens, and the
tffix CST only says where attributes and block headers are.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

from tffix.cst.formatted import close_levels
from tffix.syntax.nodes import Attribute, Block, Body, Module, Node, TemplateString
from tffix.syntax.parser import parse
from tffix.syntax.strings import decode_quoted
from tffix.syntax.tokens import Token

__all__ = ["format_module", "format_text"]

# ---- token kinds, as hclsyntax distinguishes them ------------------------------

NIL = 0  # "no token": the `before` of a cell's first token
NEWLINE = 1
COMMENT = 2
IDENT = 3
IN = 4  # the identifier `in`: an IDENT with one rule of its own
NUMBER = 5
EQUAL = 6
OBRACE = 7
CBRACE = 8
OBRACK = 9
CBRACK = 10
OPAREN = 11
CPAREN = 12
COMMA = 13
COLON = 14
QUESTION = 15
DOT = 16
ELLIPSIS = 17
ARROW = 18
BANG = 19
MINUS = 20
STAR = 21
OPERATOR = 22  # + / % == != < > <= >= && ||
DCOLON = 23
OQUOTE = 24
CQUOTE = 25
OHEREDOC = 26
CHEREDOC = 27
LIT = 28  # template text (hclsyntax's QuotedLit in quotes, StringLit in heredocs)
TINTERP = 29  # ${ or ${~
TCONTROL = 30  # %{ or %{~
TSEQEND = 31  # } or ~} closing either
_KINDS = 32

_KIND_OF = {
    "IDENT": IDENT,
    "FOR": IDENT,  # keywords are plain identifiers to hclsyntax
    "IN": IDENT,  # (`in` is found by its text, keyword or not)
    "IF": IDENT,
    "ELSE": IDENT,
    "ENDIF": IDENT,
    "ENDFOR": IDENT,
    "NUMBER": NUMBER,
    "NL": NEWLINE,
    "EQ": EQUAL,
    "LBRACE": OBRACE,
    "RBRACE": CBRACE,
    "LBRACK": OBRACK,
    "RBRACK": CBRACK,
    "LPAREN": OPAREN,
    "RPAREN": CPAREN,
    "COMMA": COMMA,
    "COLON": COLON,
    "QMARK": QUESTION,
    "DOT": DOT,
    "ELLIPSIS": ELLIPSIS,
    "ARROW": ARROW,
    "BANG": BANG,
    "MINUS": MINUS,
    "STAR": STAR,
    "BINOP": OPERATOR,
    "DCOLON": DCOLON,
    "OQUOTE": OQUOTE,
    "CQUOTE": CQUOTE,
    "HEREDOC_OPEN": OHEREDOC,
    "HEREDOC_CLOSE": CHEREDOC,
    "TLIT": LIT,
    "TINTERP": TINTERP,
    "TDIRECTIVE": TCONTROL,
    "TCLOSE": TSEQEND,
}

_BRACKET = [0] * _KINDS
for _k in (OBRACE, OBRACK, OPAREN, TINTERP, TCONTROL):
    _BRACKET[_k] = 1
for _k in (CBRACE, CBRACK, CPAREN, TSEQEND):
    _BRACKET[_k] = -1

# After one of these, a minus is a negation and takes no space after it.
_NEGATION_CONTEXT = frozenset(
    (NIL, OPAREN, OBRACE, OBRACK, EQUAL, COLON, COMMA, QUESTION, STAR, MINUS, OPERATOR, BANG)
)


def _space_after(subject: int, before: int, after: int) -> bool:
    """hclwrite's pair rule: one space between ``subject`` and ``after``, or none.

    ``before`` is the token before the subject in the same cell, or NIL. The
    order of the tests is hclwrite's and matters.
    """
    is_in = subject == IN
    if is_in:
        subject = IDENT
    if after == IN:
        after = IDENT
    if before == IN:
        before = IDENT
    if after == NEWLINE:
        return False
    if subject == IDENT and after == OPAREN:
        return False  # f(x), and also `for x in(y)`
    if (subject == IDENT and after == DCOLON) or (subject == DCOLON and after == IDENT):
        return False  # provider::aws::f
    if subject == DOT or after == DOT:
        return False
    if after in (COMMA, ELLIPSIS):
        return False
    if subject == COMMA:
        return True
    if subject in (LIT, OQUOTE, OHEREDOC) or after in (LIT, CQUOTE, CHEREDOC):
        return False  # never inside template text
    if is_in and before == IDENT:
        return True  # `for x in [a]`, not `in[a]`
    if after == OBRACK and (subject in (IDENT, NUMBER) or _BRACKET[subject] < 0):
        return False  # a[0], f(x)[0]
    if subject == BANG:
        return False
    if subject == MINUS:
        # Negation or subtraction? hclwrite guesses from the token before,
        # which gives `k => - 1` and `in - x`; so do we.
        return before not in _NEGATION_CONTEXT
    if subject == OBRACE or after == CBRACE:
        return not (subject == OBRACE and after == CBRACE)  # { a = 1 }, but {}
    if subject in (TINTERP, TCONTROL) and after == OBRACE:
        return True  # "${ {a = 1} }"
    if subject == CBRACE and after == TSEQEND:
        return True
    if subject == TSEQEND and after in (TINTERP, TCONTROL):
        return False  # "${a}${b}"
    if _BRACKET[subject] > 0:
        return False
    return not _BRACKET[after] < 0


def _pair_table() -> list[int]:
    """For every subject * _KINDS + after: 0 or 1 space, or -1 where ``before`` decides."""
    table = []
    for subject in range(_KINDS):
        # Only `in` and `-` look at the token before them: for the others one
        # call decides (the import of this module pays for every call).
        befores = range(_KINDS) if subject in (IN, MINUS) else (NIL,)
        for after in range(_KINDS):
            results = {_space_after(subject, before, after) for before in befores}
            table.append(int(results.pop()) if len(results) == 1 else -1)
    return table


_PAIRS = _pair_table()


# ---- columns -------------------------------------------------------------------


def _width(text: str) -> int:
    """Columns of ``text``: hclwrite counts grapheme clusters."""
    if text.isascii():
        return len(text) - text.count("\r\n") if "\r" in text else len(text)
    return _graphemes(text)


def _graphemes(text: str) -> int:
    """Extended grapheme clusters in ``text`` (UAX #29, without the rare Prepend rule)."""
    count = 0
    prev = ""
    prev_kind = ""
    ri_run = 0
    for ch in text:
        cp = ord(ch)
        cat = unicodedata.category(ch)
        if 0x1100 <= cp <= 0x115F or 0xA960 <= cp <= 0xA97C:
            kind = "L"
        elif 0x1160 <= cp <= 0x11A7 or 0xD7B0 <= cp <= 0xD7C6:
            kind = "V"
        elif 0x11A8 <= cp <= 0x11FF or 0xD7CB <= cp <= 0xD7FB:
            kind = "T"
        elif 0xAC00 <= cp <= 0xD7A3:
            kind = "LV" if (cp - 0xAC00) % 28 == 0 else "LVT"
        elif 0x1F1E6 <= cp <= 0x1F1FF:
            kind = "RI"
        elif cp == 0x200D:
            kind = "ZWJ"
        elif (
            cat in ("Mn", "Me", "Mc")
            or cp == 0x200C
            or 0x1F3FB <= cp <= 0x1F3FF
            or 0xE0020 <= cp <= 0xE007F
        ):
            kind = "EXT"
        elif cat in ("Cc", "Zl", "Zp") or (cat == "Cf" and cp != 0x200C):
            kind = "CTL"
        else:
            kind = "PICT" if cat == "So" or cp >= 0x1F000 else ""
        if not prev:
            joins = False
        elif prev == "\r" and ch == "\n":
            joins = True
        elif prev_kind == "CTL" or kind == "CTL":
            joins = False
        else:
            joins = (
                kind in ("EXT", "ZWJ")
                or (prev_kind == "L" and kind in ("L", "V", "LV", "LVT"))
                or (prev_kind in ("LV", "V") and kind in ("V", "T"))
                or (prev_kind in ("LVT", "T") and kind == "T")
                or (prev_kind == "ZWJ" and kind == "PICT")
                or (kind == "RI" and prev_kind == "RI" and ri_run % 2 == 1)
            )
        ri_run = ri_run + 1 if kind == "RI" else 0
        if not joins:
            count += 1
        prev = ch
        prev_kind = kind
    return count


# ---- labels ----------------------------------------------------------------------

# A label literal that hclsyntax scans as one token: no `$` or `%` in it, or
# nothing but one escaped template opener or one lone `$` / `%`.
_ONE_TOKEN_LITERAL = re.compile(r"[^$%]*|\$(?:\$\{~?)?|%(?:%\{~?)?")
# Printable ASCII that needs no escape in a quoted string.
_PLAIN = re.compile(r"[ !#&-\[\]-~]*")


@lru_cache(maxsize=4096)
def _canonical_label(literal: str) -> str:
    """The literal text hclwrite writes for a quoted label.

    ``Block.Labels`` reads the label's value (escapes decoded, NFC) only when
    its literal is one scanner token; ``SetLabels`` writes the value back
    with hclwrite's escaping. When the literal is not one token (a label
    such as ``"100%"`` or ``"x$y"``), terraform fmt 1.11 deletes the label,
    which changes what the configuration means; tffix keeps it as written,
    the one place where it deliberately differs from ``terraform fmt``.
    """
    if _PLAIN.fullmatch(literal):
        return literal
    if not _ONE_TOKEN_LITERAL.fullmatch(literal):
        return literal
    return _escape(unicodedata.normalize("NFC", decode_quoted(literal)))


def _escape(value: str) -> str:
    """hclwrite's quoted-string encoding (``TokensForValue``): non-printables as ``\\uNNNN``."""
    if _PLAIN.fullmatch(value):
        return value
    out = []
    n = len(value)
    for i, ch in enumerate(value):
        if ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in "$%":
            out.append(ch + ch if i + 1 < n and value[i + 1] == "{" else ch)
        elif ch == " " or unicodedata.category(ch)[0] in "LMNPS":  # Go's unicode.IsPrint
            out.append(ch)
        else:
            cp = ord(ch)
            out.append(f"\\u{cp:04x}" if cp < 0x10000 else f"\\U{cp:08x}")
    return "".join(out)


def _label_literal(label: Token | TemplateString) -> str | None:
    """The canonical literal of a label (identifier labels get quoted), or None to drop it."""
    if isinstance(label, Token):
        return _escape(label.text)  # an identifier, as it is
    parts = label.children[1:-1]
    if not parts:
        return ""
    if len(parts) == 1 and type(parts[0].children[0]) is Token:  # type: ignore[union-attr]
        token = parts[0].children[0]  # type: ignore[union-attr]
        if token.type == "TLIT":
            return _canonical_label(token.text)
    # Template sequences in a label were refused by the parser (build.block).
    return _canonical_label("".join(t.text for t in label.tokens() if t.type == "TLIT"))


# ---- from the CST to hclsyntax-style tokens ------------------------------------

# Trivia pieces that become tokens: newlines and comments (spaces are
# recomputed, so they only matter at the end of the file).
_TRIVIA = re.compile(r"\r?\n|(?:#|//)[^\n]*\n?|/\*.*?\*/", re.DOTALL)
_TYPE_KEYWORDS = ("list", "map", "set")
_OPEN_QUOTE = Token("OQUOTE", '"', "", 0, 0)
_CLOSE_QUOTE = Token("CQUOTE", '"', "", 0, 0)


def _leaves(node: Node, out: list[Token]) -> None:
    """Append the tokens under ``node`` to ``out`` (recursive: faster than ``Node.tokens``)."""
    for child in node.children:
        if type(child) is Token:
            out.append(child)
        else:
            _leaves(child, out)  # type: ignore[arg-type]


def _flatten(
    body: Body,
    out: list[Token],
    marks: list[tuple[int, int, bool]],
    rewrite: bool = True,
) -> None:
    """Append a body's tokens to ``out``, block labels already rewritten.

    ``marks`` gets (start, end, is_variable_type) for each attribute value
    that a rewrite may apply to: the ``type`` of a top-level ``variable``
    block, and values that start with a quote. Blocks are walked with a
    stack of their own, so any nesting depth the parser accepts works.
    """
    # Per open body: its remaining children, whether it is the body of a
    # top-level `variable` block, its `}`. (An argument set twice was refused
    # by the parser: build._check_unique.)
    stack: list[tuple[Iterator[Node | Token], bool, Token | None]] = [
        (iter(body.children), False, None)
    ]
    while stack:
        children, in_variable, close = stack[-1]
        for child in children:
            cls = type(child)
            if cls is Token:
                out.append(child)  # type: ignore[arg-type]
            elif cls is Attribute:
                name, equals, value = child.children  # type: ignore[union-attr]
                out.append(name)  # type: ignore[arg-type]
                out.append(equals)  # type: ignore[arg-type]
                start = len(out)
                try:
                    _leaves(value, out)  # type: ignore[arg-type]
                except RecursionError:
                    del out[start:]
                    out.extend(value.tokens())  # type: ignore[union-attr]
                is_type = in_variable and name.text == "type"  # type: ignore[union-attr]
                if is_type or out[start].type == "OQUOTE":
                    marks.append((start, len(out), is_type))
            elif cls is Block:
                parts = child.children  # type: ignore[union-attr]
                out.append(parts[0])  # type: ignore[arg-type]
                # Everything between the type and the `{`'s trivia (comments
                # included) gives way to the canonical labels.
                for label in parts[1:-3]:
                    if not rewrite:  # layout only: the labels stay as written
                        if type(label) is Token:
                            out.append(label)
                        else:
                            _leaves(label, out)  # type: ignore[arg-type]
                        continue
                    literal = _label_literal(label)  # type: ignore[arg-type]
                    if literal is None:
                        continue
                    out.append(_OPEN_QUOTE)
                    if literal:
                        out.append(Token("TLIT", literal, "", 0, 0))
                    out.append(_CLOSE_QUOTE)
                out.append(parts[-3])  # type: ignore[arg-type]
                is_variable = len(stack) == 1 and parts[0].text == "variable"  # type: ignore[union-attr]
                stack.append((iter(parts[-2].children), is_variable, parts[-1]))  # type: ignore[arg-type,union-attr]
                break
            else:  # pragma: no cover - bodies hold only items and newlines
                _leaves(child, out)  # type: ignore[arg-type]
        else:
            stack.pop()
            if close is not None:
                out.append(close)


def _convert(
    flat: list[Token], eof_pre: str, marks: list[tuple[int, int, bool]]
) -> tuple[list[int], list[str], list[tuple[int, int, bool]]]:
    """hclsyntax's token list: kinds and texts, trivia turned into newline and comment tokens.

    Done with list-wide operations: most tokens have no trivia worth a token.
    Returns the marks as (start, end, is_type) ranges of the new lists; a
    value's range starts after the trivia before it.
    """
    kinds = [_KIND_OF[t.type] for t in flat]
    texts = [t.text for t in flat]
    pres = [t.pre for t in flat]
    pres.append(eof_pre)
    for i in [i for i, text in enumerate(texts) if text == "in"]:
        if kinds[i] == IDENT:
            kinds[i] = IN
    if CHEREDOC in kinds:
        # hclsyntax's closing marker is its whole line: spaces after it too.
        for i in [i for i, kind in enumerate(kinds) if kind == CHEREDOC]:
            pre = pres[i + 1]
            texts[i] += pre[: len(pre) - len(pre.lstrip(" \t"))]
    with_trivia = [
        i for i, pre in enumerate(pres) if pre and ("\n" in pre or "#" in pre or "/" in pre)
    ]
    if with_trivia and with_trivia[-1] == len(flat):
        with_trivia.pop()  # the end-of-file trivia is the caller's
    if not with_trivia:
        return kinds, texts, [(s, e, t) for s, e, t in marks]
    out_kinds: list[int] = []
    out_texts: list[str] = []
    shifts = []  # output index minus input index after each position with trivia
    done = 0
    find = _TRIVIA.findall
    for i in with_trivia:
        out_kinds += kinds[done:i]
        out_texts += texts[done:i]
        done = i
        pre = pres[i]
        if pre[-1] == " ":  # the indentation of the next line: skip it at C speed
            stripped = pre.rstrip(" \t")
            if stripped[-1:] == "\n":  # (not inside a comment, which a newline ends)
                pre = stripped
        pieces = find(pre)
        for piece in pieces:
            out_kinds.append(NEWLINE if piece[0] in "\r\n" else COMMENT)
        out_texts += pieces
        if kinds[i] == NEWLINE and pieces:
            last = pieces[-1]
            if last[-1] != "\n" and (last[0] == "#" or last[1] == "/"):
                # A line comment owns the newline that ends it.
                out_texts[-1] = last + texts[i]
                done = i + 1
        shifts.append(len(out_kinds) - done)
    out_kinds += kinds[done:]
    out_texts += texts[done:]

    def shift(count: int) -> int:
        return shifts[count - 1] if count else 0

    ranges = [
        (
            start + shift(bisect_right(with_trivia, start)),
            end + shift(bisect_left(with_trivia, end)),
            is_type,
        )
        for start, end, is_type in marks
    ]
    return out_kinds, out_texts, ranges


def _rewrite_type(kinds: list[int], texts: list[str], start: int, end: int) -> None:
    """Legacy type constraints of a ``variable`` block, as Terraform rewrites them."""
    count = end - start
    if count == 1 and kinds[start] == IDENT and texts[start] in _TYPE_KEYWORDS:
        kinds[end:end] = (OPAREN, IDENT, CPAREN)
        texts[end:end] = ("(", "any", ")")
    elif count == 3 and kinds[start:end] == [OQUOTE, LIT, CQUOTE]:
        word = texts[start + 1]
        if word == "string":
            kinds[start:end] = (IDENT,)
            texts[start:end] = ("string",)
        elif word in ("list", "map"):
            kinds[start:end] = (IDENT, OPAREN, IDENT, CPAREN)
            texts[start:end] = (word, "(", "string", ")")


def _unwrap(
    kinds: list[int], texts: list[str], start: int, end: int, converge: bool = False
) -> None:
    """``"${x}"`` to ``x``: Terraform's interpolation-only unwrapping, token for token.

    Terraform unwraps one level per run: ``"${"${x}"}"`` needs two runs of
    ``terraform fmt`` to become ``x``. With ``converge`` every level goes at
    once, giving what repeated runs end with; the levels are found in one
    pass (a nested string is jumped over, not re-read at every level) and
    removed with one slice assignment, so a deep nest costs linear time.
    """
    if end - start < 5 or kinds[start + 1] != TINTERP or kinds[end - 2] != TSEQEND:
        return  # the common case, a plain string, decided at once
    closing: dict[int, int] = {}  # OQUOTE index -> its CQUOTE
    newlines = [0]  # newlines[i]: NEWLINE tokens among kinds[start:start + i]
    opened: list[int] = []
    count = 0
    for i in range(start, end):
        kind = kinds[i]
        if kind == OQUOTE:
            opened.append(i)
        elif kind == CQUOTE and opened:
            closing[opened.pop()] = i
        elif kind == NEWLINE:
            count += 1
        newlines.append(count)
    lo, hi = start, end
    parens = False
    while not parens:
        inner = _unwrappable(kinds, closing, lo, hi)
        if inner is None:
            break
        lo, hi = inner
        if newlines[hi - start] - newlines[lo - start] and not (
            kinds[lo] == OPAREN and kinds[hi - 1] == CPAREN
        ):
            # A multi-line expression needs parentheses to stay one expression.
            parens = True
        if not converge:
            break
    if lo == start:
        return
    if parens:
        kinds[start:end] = [OPAREN, *kinds[lo:hi], CPAREN]
        texts[start:end] = ["(", *texts[lo:hi], ")"]
    else:
        kinds[start:end] = kinds[lo:hi]
        texts[start:end] = texts[lo:hi]


def _unwrappable(
    kinds: list[int], closing: dict[int, int], start: int, end: int
) -> tuple[int, int] | None:
    """The range of ``x`` if ``kinds[start:end]`` is ``"${x}"`` (newlines around x excluded)."""
    if (
        end - start < 5
        or kinds[start] != OQUOTE
        or kinds[start + 1] != TINTERP
        or kinds[end - 2] != TSEQEND
        or kinds[end - 1] != CQUOTE
    ):
        return None
    heredocs = 0
    i = start + 2
    while i < end - 2:
        kind = kinds[i]
        if kind == OQUOTE:
            # A nested string: nothing in it counts (Terraform counts quotes).
            i = closing[i] + 1
            continue
        if kind in (TINTERP, TSEQEND, CQUOTE):
            return None  # "${a}${b}": more than one interpolation (a stray '"': never)
        if kind == LIT and not heredocs:
            return None  # "a${b}": text around it (heredoc text does not count)
        if kind == OHEREDOC:
            heredocs += 1
        elif kind == CHEREDOC:
            heredocs -= 1
        i += 1
    lo = start + 2
    hi = end - 2
    while lo < hi and kinds[lo] == NEWLINE:
        lo += 1
    while hi > lo and kinds[hi - 1] == NEWLINE:
        hi -= 1
    return lo, hi


# ---- layout ----------------------------------------------------------------------


def _layout(kinds: list[int], texts: list[str]) -> list[int]:
    """Spaces before every token: hclwrite's formatIndent, formatSpaces and formatCells."""
    n = len(kinds)
    if not n:
        return []
    # Spaces between neighbours by the pair rules, for every pair at once;
    # then line starts get their indentation, the first token of an assign
    # cell one space, and the aligned cells are moved in the end.
    pair_index = map(int.__add__, [k * _KINDS for k in kinds], islice(kinds, 1, None))
    spaces = [0, *map(_PAIRS.__getitem__, pair_index)]
    ends = _positions(kinds, NEWLINE)
    if COMMENT in kinds:
        line_comments = [i for i in _positions(kinds, COMMENT) if texts[i - 1][-1] == "\n"]
        ends = sorted(ends + line_comments)
    if not ends or ends[-1] != n:
        ends.append(n)
    bracket = _BRACKET.__getitem__
    starts_of_cells = set()  # tokens whose `before` is NIL although a token precedes
    # Per line: (start, lead end, assign start or -1, cells end, comment or -1).
    cells: list[tuple[int, int, int, int, int]] = []
    indents: list[int] = []
    s = 0
    for e in ends:
        cells_end = e
        comment = -1
        if e - s > 1 and kinds[e - 1] == COMMENT:
            comment = cells_end = e - 1
        line = kinds[s:cells_end]
        assign = -1
        if EQUAL in line:
            # The first `=` that is not the line's first token starts an
            # "assign" cell if the brackets after it balance: the value ends
            # on this line.
            equals = line.index(EQUAL)
            if equals == 0 and EQUAL in line[1:]:
                equals = line.index(EQUAL, 1)
            if equals > 0 and not sum(map(bracket, line[equals:])):
                assign = s + equals
                line = line[:equals]
        if OHEREDOC in line:
            line = line[: line.index(OHEREDOC)]  # brackets inside a heredoc don't count
        net = sum(map(bracket, line))
        cells.append((s, assign if assign >= 0 else cells_end, assign, cells_end, comment))

        # Indentation: two spaces per level of brackets left open above.
        if kinds[s] == NEWLINE:
            spaces[s] = 0
        else:
            if net < 0:
                close_levels(indents, -net)
            spaces[s] = 2 * len(indents)
            if net > 0:
                indents.append(net)
        if assign >= 0:
            spaces[assign] = 1
            starts_of_cells.add(assign + 1)
        starts_of_cells.add(s + 1)
        s = e

    # Pairs whose spacing depends on the token before the subject (`in`, `-`).
    if -1 in spaces:
        for i in [i for i, rule in enumerate(spaces) if rule < 0]:
            before = NIL if i in starts_of_cells else kinds[i - 2]
            spaces[i] = int(_space_after(kinds[i - 1], before, kinds[i]))

    # Alignment of `=` over runs of lines with an assign cell, then of comments.
    _align(cells, spaces, texts, 2)
    _align(cells, spaces, texts, 4)
    return spaces


def _positions(kinds: list[int], kind: int) -> list[int]:
    """One past each index of ``kind`` in ``kinds`` (``list.index`` scans in C)."""
    out = []
    index = kinds.index
    i = -1
    try:
        while True:
            i = index(kind, i + 1)
            out.append(i + 1)
    except ValueError:
        return out


def _columns(spaces: list[int], texts: list[str], start: int, end: int) -> int:
    total = 0
    for i in range(start, end):
        text = texts[i]
        total += spaces[i] + (len(text) if text.isascii() and "\r" not in text else _width(text))
    return total


def _align(
    cells: list[tuple[int, int, int, int, int]], spaces: list[int], texts: list[str], cell: int
) -> None:
    """Align cell 2 (assign: after the lead) or 4 (comment: after lead and assign) in runs."""
    chain: list[tuple[int, int]] = []
    widest = 0
    for line in cells:
        target = line[cell]
        if target < 0:
            if chain:
                for index, width in chain:
                    spaces[index] = widest - width + 1
                chain = []
                widest = 0
            continue
        width = _columns(spaces, texts, line[0], line[1] if cell == 2 else line[3])
        chain.append((target, width))
        if width > widest:
            widest = width
    for index, width in chain:
        spaces[index] = widest - width + 1


# ---- entry points ------------------------------------------------------------------


def format_module(
    module: Module, *, rewrite: bool = True, bom_kept: bool = False, converge: bool = False
) -> str:
    """The text ``terraform fmt`` would write for ``module`` (a parsed or edited tree).

    With ``rewrite=False`` only the layout (indentation, spacing, alignment)
    is done: no ``"${x}"`` unwrapping, no variable type unquoting, labels as
    written. That is what an edit's local re-layout needs, since it must not
    change tokens the edit did not touch.

    Two options make the result a fixed point, which a fix needs (the runner
    repeats its codemods until nothing changes, and ``terraform fmt -check``
    must pass afterwards), where ``terraform fmt`` itself is not one:

    - ``bom_kept``: the caller writes the module's BOM back in front of the
      result (Terraform drops it and counts it as three spaces, which on a
      file holding only a BOM would add three spaces on every run);
    - ``converge``: ``"${"${x}"}"`` is unwrapped to ``x`` at once, not one
      level per run (see ``_unwrap``).

    What Terraform refuses to format (a template sequence in a block label,
    an argument set twice in one body) the parser already refused; a tree
    edited into such a state is caught when its text is parsed again, which
    the runner does before anything is written.
    """
    # Like the parser: many small acyclic objects, nothing for the cyclic GC to find.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _format(module, rewrite, bom_kept, converge)
    finally:
        if gc_was_enabled:
            gc.enable()


def _format(
    module: Module, rewrite: bool = True, bom_kept: bool = False, converge: bool = False
) -> str:
    flat: list[Token] = []
    marks: list[tuple[int, int, bool]] = []
    _flatten(module.body, flat, marks, rewrite)
    pre = module.eof.pre
    kinds, texts, ranges = _convert(flat, pre, marks)
    # The end-of-file token is no token to hclwrite, only where the trivia
    # stops: spaces and tabs after the last newline or comment stay, one
    # space each (a BOM counts as three when nothing comes before it).
    last_end = 0
    for m in _TRIVIA.finditer(pre):
        kinds.append(NEWLINE if m.group()[0] in "\r\n" else COMMENT)
        texts.append(m.group())
        last_end = m.end()
    tail = len(pre) - last_end
    if not kinds and module.bom and not bom_kept:
        tail += 3
    for start, end, is_type in reversed(ranges if rewrite else []):  # later ranges first
        if is_type:
            _rewrite_type(kinds, texts, start, end)
        else:
            _unwrap(kinds, texts, start, end, converge)
    spaces = _layout(kinds, texts)
    out = [""] * (2 * len(kinds) + 1)
    out[0:-1:2] = map(" ".__mul__, spaces)
    out[1::2] = texts
    out[-1] = " " * tail
    return "".join(out)


def format_text(text: str, *, path: str | None = None, rewrite: bool = True) -> str:
    """Parse ``text`` and return it formatted exactly as ``terraform fmt`` writes it.

    Raises ``tffix.ParseError`` on invalid input (Terraform refuses to format
    those files too). Line endings are kept as they are; a BOM is removed.
    ``rewrite=False``: layout only (see ``format_module``).
    """
    # Formatting reads every token: keeping long lists as text would only
    # mean parsing them twice.
    return format_module(parse(text, path=path, lazy=False), rewrite=rewrite)
