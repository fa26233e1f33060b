"""The scanner: HCL text to tokens, with every byte accounted for.

A regular lexer cannot tokenize HCL: a ``}`` may close an object, a block or
a template interpolation (after which the scanner is back inside a string);
``"${ "a${b}" }"`` nests templates in expressions in templates; a heredoc
ends at a line that holds only its marker; and a newline ends an attribute in
a block body but is mere whitespace inside ``()``, ``[]``, ``${}`` or a
``for`` expression. The scanner therefore keeps a stack of open contexts and
decides those questions itself, so the grammar stays LALR(1).

Whitespace and comments are never tokens: they are collected as the leading
trivia (``Token.pre``) of the next token, and whatever follows the last token
goes to the end-of-file token. Newlines that end an item are ``NL`` tokens;
blank lines and comment lines after them are trivia of the next item, which
is where an editor wants them (a comment above an attribute belongs to it).
"""

from __future__ import annotations

import re

from tffix.syntax.errors import ParseError
from tffix.syntax.tokens import Token

# typing costs ~6 ms at start-up; it is only needed by type checkers.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterator

    _Error = Callable[[str, int], ParseError]

# Context kinds on the scanner's stack.
# (Up to _BRACE newlines are significant: ``kind <= _BRACE``.)
_TOP = 0  # file body: newlines significant
_BLOCK = 1  # block body: newlines significant; never kept as text, not counted in MAX_NESTING
_BRACE = 2  # object: newlines significant
_FORBRACE = 3  # `{ for ... }`: newlines are whitespace
_PAREN = 4
_BRACKET = 5
_INTERP = 6  # ${ ... }
_DIRECTIVE = 7  # %{ ... }
_QUOTED = 8  # "..." template text
_HEREDOC = 9  # heredoc template text

_CLOSERS = {
    _BLOCK: "}",
    _BRACE: "}",
    _FORBRACE: "}",
    _PAREN: ")",
    _BRACKET: "]",
    _INTERP: "}",
    _DIRECTIVE: "}",
}

# Trivia where newlines are significant: spaces, tabs, comments up to (not
# including) the line ending. Where they are not, line endings too.
_LINE_COMMENT = r"(?:#|//)(?:[^\r\n]+|\r(?!\n))*"  # a bare CR inside a comment is allowed
_TRIVIA_LINE = re.compile(r"(?:[ \t]+|" + _LINE_COMMENT + r"|/\*.*?\*/)*", re.DOTALL)
_TRIVIA_ALL = re.compile(r"(?:[ \t\n]+|\r\n|" + _LINE_COMMENT + r"|/\*.*?\*/)*", re.DOTALL)

# Identifier characters after the first: word characters, `-`, and the
# combining marks that Unicode's ID_Continue has but Python's \w lacks.
_ID_CONTINUE = (
    r"[\w\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u064b-\u065f\u0900-\u0903"
    r"\u093a-\u094f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20f0\ufe00-\ufe0f\ufe20-\ufe2f-]"
)
_TOKEN_ALTERNATIVES = (
    r"(?P<IDENT>[^\W\d]" + _ID_CONTINUE + "*)"
    r"|(?P<NUMBER>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)"
    r"|(?P<HEREDOC><<(?P<minus>-?)(?P<marker>[^\W\d][\w-]*)\r?\n)"
    r"|(?P<OP>\.\.\.|==|!=|<=|>=|&&|\|\||=>|::|/(?![/*])|[-+*%<>!=?:,.])"
    r"|(?P<OPEN>[{\[(])|(?P<CLOSE>[}\])]|~\})|(?P<QUOTE>\")"
)
_TOKEN = re.compile(_TOKEN_ALTERNATIVES)
# Trivia and the token after it in one match, the one regex call per token
# of the common case; the end of the text and invalid input (no match) take
# the general path below, which says what is wrong. Where newlines are
# significant a newline is itself a token (``NL``), else it is trivia. The
# trivia are matched possessively (``*+``, ``++``): they are never given
# back, so a token that fails after a long run of spaces or comments fails
# once, not once per way of splitting the run.
_CODE_LINE = re.compile(
    r"(?:[ \t]++|" + _LINE_COMMENT + r"|/\*.*?\*/)*+(?:" + _TOKEN_ALTERNATIVES + r"|(?P<NL>\r?\n))",
    re.DOTALL,
)
_CODE_ALL = re.compile(
    r"(?:[ \t\n]++|\r\n|" + _LINE_COMMENT + r"|/\*.*?\*/)*+(?:" + _TOKEN_ALTERNATIVES + ")",
    re.DOTALL,
)
# The same without comments in the trivia, a quarter of the cost: a
# repeated group is slow in Python's regex engine even when it repeats
# once. (A carriage return is let in and checked afterwards: only as part
# of a line ending is it trivia.)
_FAST_LINE = re.compile(r"[ \t]*+(?:" + _TOKEN_ALTERNATIVES + r"|(?P<NL>\r?\n))")
_FAST_ALL = re.compile(r"[ \t\n\r]*+(?:" + _TOKEN_ALTERNATIVES + ")")
_KEYWORDS = frozenset(("for", "in", "if", "else", "endif", "endfor"))
# A whole quoted string without templates, unusual escapes or undecodable
# bytes, after its opening quote: its text and closing quote are yielded at
# once, without a template frame.
_SIMPLE_STRING = re.compile(r'(?:[^"\\$%\r\n\udc80-\udcff]++|\\[nrt"\\])*+"')
_new = object.__new__
_OPERATORS = {
    "{": "LBRACE",
    "}": "RBRACE",
    "[": "LBRACK",
    "]": "RBRACK",
    "(": "LPAREN",
    ")": "RPAREN",
    ",": "COMMA",
    ":": "COLON",
    "?": "QMARK",
    ".": "DOT",
    "...": "ELLIPSIS",
    "=>": "ARROW",
    "=": "EQ",
    "!": "BANG",
    "-": "MINUS",
    "*": "STAR",
    "::": "DCOLON",
    "+": "BINOP",
    "/": "BINOP",
    "%": "BINOP",
    "<": "BINOP",
    ">": "BINOP",
    "<=": "BINOP",
    ">=": "BINOP",
    "==": "BINOP",
    "!=": "BINOP",
    "&&": "BINOP",
    "||": "BINOP",
    '"': "OQUOTE",
    "~}": "TCLOSE",
}

# (Repetitions that can never usefully give anything back are possessive,
# ``++``/``*+``: Python's regex engine otherwise keeps a backtracking record
# per repetition, about 120 bytes per character of a long string with many
# `$`, `%` or escapes, or of a long run of spaces in a skipped list.)
#
# Literal text of a quoted template: anything but a quote, a backslash escape,
# an interpolation/directive opener or a line ending. `$${` and `%%{` are
# escapes for a literal `${` / `%{` and must be tried before the lone `$`/`%`.
_QUOTED_LIT = re.compile(r"(?:[^\"\\$%\r\n]++|\\[^\r\n]|\$\$\{|%%\{|\$(?!\{)|%(?!\{))++")
_ESCAPE_OK = re.compile(r"\\(?:[nrt\"\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})")
# Literal text of a heredoc, at most up to the end of one line.
_HEREDOC_LINE = re.compile(r"(?:[^$%\n]++|\$\$\{|%%\{|\$(?!\{)|%(?!\{))*+\n?")

# Token types after which an expression can be complete: only there can `if`
# start the condition of a `for` expression (`[for if in xs : if]` is valid).
_ENDS_EXPRESSION = frozenset(
    ("IDENT", "NUMBER", "RPAREN", "RBRACK", "RBRACE", "CQUOTE", "HEREDOC_CLOSE", "ELLIPSIS")
)
_DIRECTIVE_KEYWORDS = {
    "if": "IF",
    "else": "ELSE",
    "endif": "ENDIF",
    "for": "FOR",
    "endfor": "ENDFOR",
}
# After these, a newline cannot end an item, so it is whitespace.
_NL_SUPPRESSORS = frozenset(("NL", "LBRACE", "COMMA", None))

# Runs the parser does not need to see (``scan``'s ``skipping``): a tuple's
# plain elements each followed by a comma, an object's `key = value` items
# each followed by a separator, a template's text and `${name}` parts. From
# the state after a comma (or separator, or template part), such a run leads
# back to the same state, so leaving it out changes no decision of the
# parser; it only does so while the parser builds nothing anyway. Anything
# unusual (comments, escapes other than the simple ones, calls, nested
# brackets) ends a run, and the scanner goes on token by token.
_SKIP_SPACE = r"(?:[ \t\n]++|\r\n)*+"
_SKIP_ATOM = (
    r"(?:[^\W\d]" + _ID_CONTINUE + r"*"
    r"|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
    r'|"(?:[^"\\$%\r\n\udc80-\udcff]++|\\[nrt"\\])*+")'
)
# (At most 256 repetitions per match: Python's regex engine keeps state for
# every repetition of a group, so one match over megabytes would cost more
# memory than the tokens it saves.)
# An element may also be a tuple of such atoms, `[1, "a"]` (not `[for ...`).
_SKIP_TUPLE = (
    r"\[(?!" + _SKIP_SPACE + r"for(?!" + _ID_CONTINUE + r"))"
    r"(?:" + _SKIP_SPACE + _SKIP_ATOM + _SKIP_SPACE + r",)*+"
    r"(?:" + _SKIP_SPACE + _SKIP_ATOM + r")?" + _SKIP_SPACE + r"\]"
)
_SKIP_ELEMENTS = (
    r"(?:" + _SKIP_SPACE + r"(?:" + _SKIP_ATOM + "|" + _SKIP_TUPLE + r")" + _SKIP_SPACE + r",)"
    r"{1,256}"
)
_SKIP_ITEMS = (
    r"(?:" + _SKIP_SPACE + _SKIP_ATOM + r"[ \t]*[=:][ \t]*" + _SKIP_ATOM + r"[ \t]*(?:,|\r?\n))"
    r"{1,256}"
)
# A truncated traversal's steps after a `.`: `name.`, `name[0].`; a
# truncated chain's operands after a binary operator (not `-` or `*`, whose
# states differ): `x + `, `1 == `. From the state after the `.` (the
# operator), such a run leads back to it. No newline, comment or space
# inside a step; the `.` is not the start of a `...`, an operator `<` not
# that of a heredoc `<<EOF`.
_SKIP_STEPS = r"(?:[^\W\d]" + _ID_CONTINUE + r"*(?:\[[0-9]+\])*\.(?!\.\.)){1,256}"
_SKIP_OPERANDS = (
    r"(?:[ \t]*" + _SKIP_ATOM + r"[ \t]*(?:==|!=|<=|>=|&&|\|\||\+|%|/(?![/*])|<(?!<)|>)){1,256}"
)
_SKIP_AFTER = frozenset(("COMMA", "NL", "DOT", "BINOP"))
_SKIP_TEMPLATE = (
    r"(?:[^\"\\$%\r\n\udc80-\udcff]++|\\[nrt\"\\]|\$\$\{|%%\{|\$(?!\{)|%(?!\{)"
    r"|\$\{[ \t]*[^\W\d]" + _ID_CONTINUE + r"*[ \t]*\}){1,256}"
)
# The skip patterns compiled, on first use: (elements, items, steps, operands,
# template). Compiling them took about 4 ms of every start, half of the
# scanner's import, for lists of thousands of entries that most runs never see.
_skip_patterns: tuple[re.Pattern[str], ...] = ()


def _skips() -> tuple[re.Pattern[str], ...]:
    global _skip_patterns
    if not _skip_patterns:
        sources = (_SKIP_ELEMENTS, _SKIP_ITEMS, _SKIP_STEPS, _SKIP_OPERANDS, _SKIP_TEMPLATE)
        _skip_patterns = tuple(re.compile(source) for source in sources)
    return _skip_patterns


# Bytes that are not valid UTF-8, as decoded by parse_file ("surrogateescape").
_SURROGATE = re.compile("[\udc80-\udcff]")
_OPENER_NAMES = {
    _BLOCK: "'{'",
    _BRACE: "'{'",
    _FORBRACE: "'{'",
    _PAREN: "'('",
    _BRACKET: "'['",
    _INTERP: "'${'",
    _DIRECTIVE: "'%{'",
}

_DESCRIBE_CLOSER = {"}": "'}'", ")": "')'", "]": "']'"}


# A bracket, object, string or heredoc at least this long (opener's trivia to
# closer, in characters) is reported in ``scan``'s ``spans``: the parser may
# keep it as unparsed source text (see ``tffix.syntax.nodes.Node``).
LAZY_SPAN = 4096

# Expressions nested deeper than this are refused. Terraform's parser recurses
# per level of brackets, braces, parentheses and interpolations and runs out
# of stack (Go's 1 GB limit: "goroutine stack exceeds") before 100,000 levels
# of any of them, so no configuration Terraform accepts is refused; without
# the limit such a file would still parse here, slowly (a few microseconds a
# level), only for Terraform to crash on it. (`terraform fmt` 1.11 crashes at
# about 80,000 nested templates, 88,000 objects, 90,000 brackets and 100,000
# parentheses.) Block bodies do not count: Terraform parses blocks nested
# 200,000 deep.
MAX_NESTING = 100_000


class _Frame:
    __slots__ = (
        "close_re",
        "column",
        "for_state",
        "kind",
        "line",
        "marker",
        "skip_re",
        "start",
    )

    def __init__(self, kind: int, line: int, column: int, start: int = -1) -> None:
        self.kind = kind
        self.line = line
        self.column = column
        self.start = start  # where the opener's trivia starts; -1: not a span to report
        self.for_state = 0  # 1: inside `for` head (before `in`), 2: after `in`
        self.marker = ""
        self.close_re: re.Pattern[str] | None = None
        self.skip_re: re.Pattern[str] | None = None  # a heredoc's lines, for ``skipping``


def scan(
    text: str,
    path: str | None = None,
    unclosed: list[tuple[str, int, int]] | None = None,
    spans: dict[Token, tuple[int, int]] | None = None,
    *,
    begin: int = 0,
    check_utf8: bool | None = None,
    skipping: list[bool] | None = None,
    inside: int | None = None,
) -> Iterator[Token]:
    """Yield the tokens of ``text`` (which must not start with a BOM), ending with ``$END``.

    Raises ``ParseError`` for text that cannot be tokenized: unterminated
    strings, heredocs and comments, unbalanced brackets, invalid characters.
    When the text ends with brackets still open, the innermost one is
    appended to ``unclosed`` (what, line, column) before ``$END`` is yielded,
    so that the parser can say either "expected an expression" (a truncated
    attribute) or "this '{' is never closed", whichever fits; without the list
    that case raises here.

    With ``spans``, every tuple, object, quoted string or heredoc of at least
    ``LAZY_SPAN`` characters gets an entry: its closing token maps to the
    offsets (start of the opener's trivia, end of the closer), which is all
    the parser needs to keep it as source text and parse it again on demand.
    ``begin`` starts the scan there (as the first token of a file: nothing
    before it counts), for that second parse; ``check_utf8`` saves it a search
    of the whole text when the caller already knows.

    While ``skipping[0]`` is true (the parser sets it while it checks a long
    list without building it), runs of plain elements, items and template
    parts are passed over without tokens: they are valid, and the parser's
    state after them is the one before them.

    ``inside`` (a bracket's context kind) starts the scan as if that bracket
    had just been opened: a kept traversal or chain is read so, as it was
    read in the file (see ``parser.materialize``).
    """
    if check_utf8 is None:
        check_utf8 = _SURROGATE.search(text) is not None
    # The last `*` was that of an attribute splat (`x.*`, not `2 * x`); it
    # matters only while the last token is that `*`.
    splat_star = False
    if skipping is None:
        skipping = [False]
    pos = begin
    if begin:
        line = text.count("\n", 0, begin) + 1
        line_start = text.rfind("\n", 0, begin) + 1
    else:
        line = 1
        line_start = 0
    stack: list[_Frame] = [_Frame(_TOP, 1, 1)]
    if inside is not None:  # (``materialize``: the span is read as if inside this bracket)
        stack.append(_Frame(inside, line, begin - line_start + 1))
    frame = stack[-1]
    prev: str | None = None  # type of the last token yielded
    depth = 0  # open brackets, braces (not block bodies), parentheses, interpolations
    # One string object per distinct token text and trivia: a file repeats
    # the same names, operators and indentation thousands of times, and a
    # slice of the text is a new object each time (about 50 bytes plus the
    # characters); sharing them took a parse from 25.6 to ~21 bytes per input
    # character on the corpus. (Copies of short strings, never of the text.)
    shared: dict[str, str] = {}
    share = shared.setdefault
    # The same for the trivia the one-regex path finds, with what the scanner
    # needs of them: (the shared string, its newlines, characters after the
    # last). Indentation repeats: one look-up instead of four scans of the
    # string per token.
    trivia_facts: dict[str, tuple[str, int, int]] = {}
    trivia = trivia_facts.get
    # (Bound methods in locals: two attribute look-ups less per token.)
    fast_all, code_all = _FAST_ALL.match, _CODE_ALL.match
    fast_line, code_line = _FAST_LINE.match, _CODE_LINE.match

    # (``text`` and ``path`` bound as defaults: a closure would make them
    # cell variables, slower to read on every token of the loop.)
    def error(message: str, at: int, text: str = text, path: str | None = path) -> ParseError:
        # Recompute the position from scratch: errors are rare, correctness matters.
        err_line = text.count("\n", 0, at) + 1
        err_col = at - (text.rfind("\n", 0, at) + 1) + 1
        return ParseError(message, path=path, line=err_line, column=err_col)

    while True:
        kind = frame.kind

        # ---- template text: inside "..." or a heredoc ------------------------
        if kind >= _QUOTED:
            if kind == _QUOTED:
                if skipping[0]:
                    skip_template = _skips()[4].match
                    m = skip_template(text, pos)
                    while m is not None:
                        pos = m.end()
                        m = skip_template(text, pos)
                m = _QUOTED_LIT.match(text, pos)
                if m is not None:
                    lit = m.group()
                    lit = share(lit, lit)
                    if "\\" in lit:
                        _check_escapes(lit, pos, error)
                    if check_utf8:
                        _check_utf8(lit, pos, error)
                    token = _new(Token)
                    token.type = "TLIT"
                    token.text = lit
                    token.pre = ""
                    token.line = line
                    token.column = pos - line_start + 1
                    yield token
                    pos = m.end()
                    prev = "TLIT"
                if text.startswith('"', pos):
                    token = Token("CQUOTE", '"', "", line, pos - line_start + 1)
                    pos += 1
                    if spans is not None and pos - frame.start >= LAZY_SPAN:
                        spans[token] = (frame.start, pos)
                    yield token
                    stack.pop()
                    frame = stack[-1]
                    prev = "CQUOTE"
                elif text.startswith("${", pos) or text.startswith("%{", pos):
                    token, frame = _template_opener(text, pos, line, pos - line_start + 1)
                    yield token
                    stack.append(frame)
                    depth += 1
                    if depth > MAX_NESTING:
                        raise _too_deep(error, pos)
                    pos += len(token.text)
                    prev = token.type
                elif text.startswith("\\", pos):
                    raise error("unterminated escape sequence at the end of a line", pos)
                else:
                    raise ParseError(
                        "unterminated string: this quote is not closed before the end of the line",
                        path=path,
                        line=frame.line,
                        column=frame.column,
                    )
                continue

            if kind == _HEREDOC:
                close_re = frame.close_re
                assert close_re is not None
                if skipping[0]:
                    skip_re = frame.skip_re
                    if skip_re is None:
                        skip_re = frame.skip_re = _heredoc_skip(frame.marker)
                    m = skip_re.match(text, pos)
                    while m is not None:
                        run = m.group()
                        line += run.count("\n")
                        line_start = pos + run.rfind("\n") + 1
                        pos = m.end()
                        m = skip_re.match(text, pos)
                start = pos
                start_line = line
                start_col = pos - line_start + 1
                while True:
                    if (pos == 0 or text[pos - 1] == "\n") and close_re.match(text, pos):
                        break
                    m = _HEREDOC_LINE.match(text, pos)
                    end = m.end()  # type: ignore[union-attr]
                    if end == pos:
                        break
                    pos = end
                    if text[pos - 1] == "\n":
                        line += 1
                        line_start = pos
                        continue
                    break
                if pos > start:
                    if check_utf8:
                        _check_utf8(text[start:pos], start, error)
                    yield Token("TLIT", text[start:pos], "", start_line, start_col)
                    prev = "TLIT"
                m = close_re.match(text, pos) if (pos == 0 or text[pos - 1] == "\n") else None
                if m is not None:
                    token = Token("HEREDOC_CLOSE", m.group(), "", line, pos - line_start + 1)
                    pos = m.end()
                    if spans is not None and pos - frame.start >= LAZY_SPAN:
                        spans[token] = (frame.start, pos)
                    yield token
                    stack.pop()
                    frame = stack[-1]
                    prev = "HEREDOC_CLOSE"
                elif text.startswith("${", pos) or text.startswith("%{", pos):
                    token, frame = _template_opener(text, pos, line, pos - line_start + 1)
                    yield token
                    stack.append(frame)
                    depth += 1
                    if depth > MAX_NESTING:
                        raise _too_deep(error, pos)
                    pos += len(token.text)
                    prev = token.type
                else:
                    raise ParseError(
                        f"unterminated heredoc: no line with only {frame.marker!r} closes it "
                        "before the end of the file",
                        path=path,
                        line=frame.line,
                        column=frame.column,
                    )
                continue

        # ---- code: trivia, then one token ------------------------------------
        if skipping[0] and prev in _SKIP_AFTER:
            skips = _skips()
            if prev == "DOT":
                skip = skips[2].match
            elif prev == "BINOP":
                skip = skips[3].match
            elif frame.for_state:
                skip = None
            elif kind == _BRACKET and prev == "COMMA":
                skip = skips[0].match
            elif kind == _BRACE:
                skip = skips[1].match
            else:
                skip = None
            m = skip(text, pos) if skip is not None else None
            while m is not None:
                run = m.group()
                if "\n" in run:
                    line += run.count("\n")
                    line_start = pos + run.rfind("\n") + 1
                pos = m.end()
                if run[-1] == "\n":
                    prev = "NL"
                elif run[-1] == ",":
                    prev = "COMMA"  # (a run of steps or operands ends as it began)
                m = skip(text, pos)  # type: ignore[misc]
        start = pos
        if kind > _BRACE or prev in _NL_SUPPRESSORS:
            m = fast_all(text, pos) or code_all(text, pos)
        else:
            m = fast_line(text, pos) or code_line(text, pos)
        if m is not None:
            group = m.lastgroup
            pos, end = m.span(group)  # type: ignore[arg-type]
            if pos > start:
                pre = text[start:pos]
                known = trivia(pre)
                if known is None:
                    known = _trivia_facts(pre)
                    trivia_facts[pre] = known
                pre, newlines, after = known
                if newlines:
                    if newlines < 0:
                        # A carriage return not ending a line: the general path says so.
                        pos = start
                        m = None
                    else:
                        line += newlines
                        line_start = pos - after
            else:
                pre = ""
            column = pos - line_start + 1
        if m is None:
            pre, pos, line, line_start, prev, m = yield from _general_trivia(
                text, start, line, line_start, kind, prev, share, stack, unclosed, path, error
            )
            if m is None:
                return
            group = m.lastgroup
            end = m.end()
            column = pos - line_start + 1
        value = text[pos:end]
        pos = end
        if group == "IDENT":
            value = share(value, value)
            ttype = "IDENT"
            if value in _KEYWORDS:
                ttype = _keyword(value, prev, frame, splat_star and prev == "STAR")
        elif group == "OP":
            ttype = _OPERATORS[value]
            if pos - column - line_start > 0:  # longer than one character
                value = share(value, value)
            if ttype == "STAR":
                splat_star = prev == "DOT"
        elif group == "NL":
            token = _new(Token)
            token.type = "NL"
            token.text = "\n" if value == "\n" else "\r\n"
            token.pre = pre
            token.line = line
            token.column = column
            yield token
            line += 1
            line_start = pos
            prev = "NL"
            continue
        elif group == "NUMBER":
            value = share(value, value)
            ttype = "NUMBER"
            if prev == "DOT" and "." in value:
                # HCL reads `a.0.1` as `a` followed by the number 0.1, not two indexes.
                first, _, second = value.partition(".")
                raise error(
                    f"invalid legacy index '.{value}': write [{first}][{second}] instead",
                    pos - len(value),
                )
        elif group == "OPEN":
            # (A bracket's frame is built slot by slot: ``_Frame(...)`` would
            # be a Python call per bracket. The heredoc slots stay unset.)
            frame = _new(_Frame)
            frame.line = line
            frame.column = column
            frame.for_state = 0
            if value == "{":
                ttype = "LBRACE"
                # After a block's type or label, `{` opens its body; anywhere
                # else it opens an object (where it follows a name or a
                # string, no expression can continue, so guessing "block" for
                # invalid code only changes which error is reported). A
                # block body is never kept as text: no span.
                if prev == "IDENT" or prev == "CQUOTE":
                    frame.kind = _BLOCK
                    frame.start = -1
                else:
                    frame.kind = _BRACE
                    frame.start = start
                    depth += 1
            elif value == "[":
                ttype = "LBRACK"
                frame.kind = _BRACKET
                frame.start = start
                depth += 1
            else:
                ttype = "LPAREN"
                frame.kind = _PAREN
                frame.start = -1
                depth += 1
            stack.append(frame)
            if depth > MAX_NESTING:
                raise _too_deep(error, pos - 1)
        elif group == "CLOSE":
            ttype = _OPERATORS[value]
            closer = "}" if ttype == "TCLOSE" else value
            expected = _CLOSERS.get(kind)
            if expected != closer or (ttype == "TCLOSE" and kind not in (_INTERP, _DIRECTIVE)):
                raise _mismatch(value, stack, pos - len(value), error)
            if kind >= _INTERP:  # (_INTERP or _DIRECTIVE: template frames never get here)
                ttype = "TCLOSE"
            closed = stack.pop()
            frame = stack[-1]
            token = _new(Token)
            token.type = ttype
            token.text = value
            token.pre = pre
            token.line = line
            token.column = column
            if closed.kind != _BLOCK:
                depth -= 1
                if spans is not None and closed.start >= 0 and pos - closed.start >= LAZY_SPAN:
                    spans[token] = (closed.start, pos)
            yield token
            prev = ttype
            if frame.kind <= _BRACE:
                # The newline that usually follows a closing bracket where
                # newlines are significant, without another round of the loop
                # (a quarter of the tokens of nested blocks).
                if text.startswith("\n", pos):
                    nl = "\n"
                elif text.startswith("\r\n", pos):
                    nl = "\r\n"
                else:
                    continue
                token = _new(Token)
                token.type = "NL"
                token.text = nl
                token.pre = ""
                token.line = line
                token.column = pos - line_start + 1
                yield token
                pos += len(nl)
                line += 1
                line_start = pos
                prev = "NL"
            continue
        elif group == "QUOTE":
            token = _new(Token)
            token.type = "OQUOTE"
            token.text = '"'
            token.pre = pre
            token.line = line
            token.column = column
            yield token
            m = _SIMPLE_STRING.match(text, pos)
            if m is not None and (spans is None or m.end() - start < LAZY_SPAN):
                end = m.end() - 1
                if end > pos:
                    lit = text[pos:end]
                    token = _new(Token)
                    token.type = "TLIT"
                    token.text = share(lit, lit)
                    token.pre = ""
                    token.line = line
                    token.column = column + 1
                    yield token
                token = _new(Token)
                token.type = "CQUOTE"
                token.text = '"'
                token.pre = ""
                token.line = line
                token.column = end - line_start + 1
                yield token
                pos = end + 1
                prev = "CQUOTE"
                continue
            frame = _Frame(_QUOTED, line, column, start)
            stack.append(frame)
            prev = "OQUOTE"
            continue
        else:  # HEREDOC
            ttype = "HEREDOC_OPEN"
            marker = m.group("marker")
            new = _Frame(_HEREDOC, line, column, start)
            new.marker = marker
            new.close_re = re.compile(r"[ \t]*" + re.escape(marker) + r"(?=[ \t]*\r?\n)")
            yield Token(ttype, value, pre, line, column)
            line += 1
            line_start = pos
            stack.append(new)
            frame = new
            prev = ttype
            continue

        token = _new(Token)
        token.type = ttype
        token.text = value
        token.pre = pre
        token.line = line
        token.column = column
        yield token
        prev = ttype


def _trivia_facts(pre: str) -> tuple[str, int, int]:
    """``pre`` (trivia: spaces, tabs, line endings, comments), its number of newlines
    (-1: it has a carriage return that does not end a line), and the number of
    characters after its last newline."""
    if "\r" in pre and pre.count("\r") != pre.count("\r\n"):
        return pre, -1, 0
    newlines = pre.count("\n")
    return pre, newlines, len(pre) - pre.rfind("\n") - 1 if newlines else 0


def _general_trivia(
    text: str,
    start: int,
    line: int,
    line_start: int,
    kind: int,
    prev: str | None,
    share: Callable[[str, str], str],
    stack: list[_Frame],
    unclosed: list[tuple[str, int, int]] | None,
    path: str | None,
    error: _Error,
) -> Generator[Token, None, tuple[str, int, int, int, str | None, re.Match[str] | None]]:
    """Trivia then a token, where the one-regex path found none: newline tokens
    (yielded), the end of the text (``$END`` yielded, no match returned),
    or the error that explains why nothing can follow (raised).

    Returns (trivia before the token, its position, line, start of line,
    type of the last token yielded, match).
    """
    n = len(text)
    pos = start
    if kind <= _BRACE:  # _TOP, _BLOCK or _BRACE: newlines are significant
        while True:
            pos = _TRIVIA_LINE.match(text, pos).end()  # type: ignore[union-attr]
            if pos < n and text[pos] == "\n":
                nl_len = 1
            elif text.startswith("\r\n", pos):
                nl_len = 2
            else:
                break
            if prev in _NL_SUPPRESSORS:
                # Blank lines and comment lines are trivia of the next token.
                pos += nl_len
                continue
            pre = text[start:pos]
            if "\n" in pre:
                line += pre.count("\n")
                line_start = start + pre.rfind("\n") + 1
            nl = "\n" if nl_len == 1 else "\r\n"
            yield Token("NL", nl, share(pre, pre), line, pos - line_start + 1)
            pos += nl_len
            line += 1
            line_start = pos
            prev = "NL"
            start = pos
    else:
        pos = _TRIVIA_ALL.match(text, pos).end()  # type: ignore[union-attr]
    pre = text[start:pos]
    if "\n" in pre:
        line += pre.count("\n")
        line_start = start + pre.rfind("\n") + 1
    if text.startswith("/*", pos):
        raise error("unterminated comment: '/*' has no matching '*/'", pos)
    m = _TOKEN.match(text, pos)
    if m is None:
        if pos >= n:
            if len(stack) > 1:
                if unclosed is None:
                    raise _unclosed(stack, path, text)
                top = stack[-1]
                unclosed.append((_OPENER_NAMES.get(top.kind, "bracket"), top.line, top.column))
            yield Token("$END", "", pre, line, pos - line_start + 1)
            return pre, pos, line, line_start, prev, None
        ch = text[pos]
        if "\udc80" <= ch <= "\udcff":
            raise error(f"invalid UTF-8: byte 0x{ord(ch) - 0xDC00:02x} cannot be decoded", pos)
        raise error(f"invalid character {ch!r} (U+{ord(ch):04X})", pos)
    return share(pre, pre), pos, line, line_start, prev, m


def _template_opener(text: str, pos: int, line: int, column: int) -> tuple[Token, _Frame]:
    """The ``${``, ``${~``, ``%{`` or ``%{~`` at ``pos`` of a quoted string or a
    heredoc: its token and the frame of the interpolation or directive it opens.

    (One helper for both kinds of template text instead of the same branch
    inlined twice in ``scan``: the call per opener is within the noise, about
    1.5% on a line of 100,000 interpolations and the same on the corpus.)
    """
    tilde = text.startswith("~", pos + 2)
    # (Both objects built slot by slot: a constructor is one Python call more.)
    token = _new(Token)
    frame = _new(_Frame)
    if text[pos] == "$":
        token.type = "TINTERP"
        token.text = "${~" if tilde else "${"
        frame.kind = _INTERP
    else:
        token.type = "TDIRECTIVE"
        token.text = "%{~" if tilde else "%{"
        frame.kind = _DIRECTIVE
    token.pre = ""
    token.line = frame.line = line
    token.column = frame.column = column
    frame.start = -1
    frame.for_state = 0
    return token, frame


def _heredoc_skip(marker: str) -> re.Pattern[str]:
    """Whole lines of a heredoc's text and `${name}` parts, up to its end marker.

    (The text is matched possessively, ``++``: a line that turns out not to
    qualify must fail at once, not after trying every way to split it.)
    """
    return re.compile(
        r"(?:(?![ \t]*" + re.escape(marker) + r"[ \t]*\r?\n)"
        r"(?:[^$%\n\udc80-\udcff]++|\$\$\{|%%\{|\$(?!\{)|%(?!\{)"
        r"|\$\{[ \t]*[^\W\d]" + _ID_CONTINUE + r"*[ \t]*\})*\n){1,256}"
    )


def _keyword(word: str, prev: str | None, frame: _Frame, splat: bool = False) -> str:
    """Decide whether ``for``/``in``/``if``/... is a keyword here or a plain identifier."""
    if prev == "TDIRECTIVE" and frame.kind == _DIRECTIVE:
        kw = _DIRECTIVE_KEYWORDS.get(word)
        if kw is not None:
            if kw == "FOR":
                frame.for_state = 1
            return kw
    if word == "for" and (prev == "LBRACK" or (prev == "LBRACE" and frame.kind == _BRACE)):
        # As in Terraform (hclsyntax), `for` right after the `[` of a tuple or
        # the `{` of an object always starts a `for` expression: no look-ahead,
        # so nothing after it is ever scanned twice. Newlines are whitespace
        # inside `{ for ... }`; the trivia before `for` was read without them
        # anyway (a newline right after `{` never ends an item).
        frame.for_state = 1
        if frame.kind == _BRACE:
            frame.kind = _FORBRACE
        return "FOR"
    if word == "in" and frame.for_state == 1 and prev == "IDENT":
        frame.for_state = 2
        return "IN"
    if word == "if" and frame.for_state == 2 and (prev in _ENDS_EXPRESSION or splat):
        return "IF"
    return "IDENT"


def _check_escapes(lit: str, pos: int, error: _Error) -> None:
    i = lit.find("\\")
    while i >= 0:
        if not _ESCAPE_OK.match(lit, i):
            raise error(
                f"invalid escape sequence {lit[i : i + 2]!r}; "
                'valid escapes are \\n \\r \\t \\" \\\\ \\uNNNN \\UNNNNNNNN',
                pos + i,
            )
        i = lit.find("\\", i + (6 if lit[i + 1] == "u" else 10 if lit[i + 1] == "U" else 2))


def _check_utf8(lit: str, pos: int, error: _Error) -> None:
    m = _SURROGATE.search(lit)
    if m is not None:
        byte = ord(m.group()) - 0xDC00
        raise error(f"invalid UTF-8 in a string: byte 0x{byte:02x}", pos + m.start())


def _too_deep(error: _Error, at: int) -> ParseError:
    return error(
        f"expressions nested more than {MAX_NESTING:,} levels deep (brackets, braces, "
        "parentheses and interpolations): Terraform cannot parse this either (its parser "
        "runs out of stack)",
        at,
    )


def _mismatch(found: str, stack: list[_Frame], at: int, error: _Error) -> ParseError:
    top = stack[-1]
    expected = _CLOSERS.get(top.kind)
    if expected is None:
        msg = f"unexpected {found!r}: there is no open bracket for it to close"
    else:
        msg = (
            f"unexpected {found!r}; expected {_DESCRIBE_CLOSER[expected]} to close the "
            f"bracket opened at {top.line}:{top.column}"
        )
    return error(msg, at)


def _unclosed(stack: list[_Frame], path: str | None, text: str) -> ParseError:
    """End of file with brackets still open: point at the innermost opener."""
    top = stack[-1]
    what = _OPENER_NAMES.get(top.kind, "bracket")
    eof_line = text.count("\n") + 1
    return ParseError(
        f"unexpected end of file: {what} opened here is never closed "
        f"(the file ends at line {eof_line})",
        path=path,
        line=top.line,
        column=top.column,
    )
