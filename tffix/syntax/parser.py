"""``parse`` and ``parse_file``: text to a lossless CST.

The scanner's tokens drive an LALR(1) automaton whose tables Lark computed
from ``grammar/hcl2.lark`` (see ``tables.py``). The driver loop is ours
rather than Lark's ``Lark.parse`` for speed: no ``lark.Token`` objects, no
parse-tree nodes, callbacks looked up by rule number, CST nodes built during
the reductions. It is the same algorithm Lark's LALR parser runs.
"""

from __future__ import annotations

import gc
import os

from tffix.syntax import _tables
from tffix.syntax import build as _build
from tffix.syntax.build import (
    CALLBACKS,
    CAPPED,
    LAZY,
    PLAIN,
    SKIPPING,
    TRUNCATED,
    Chain,
    Signal,
    Truncate,
    TruncateExpr,
    expr,
    fold_chain,
)
from tffix.syntax.errors import ParseError
from tffix.syntax.nodes import (
    _CHILDREN,
    Binary,
    Block,
    Body,
    LazyBinary,
    LazyTraversal,
    Module,
    Node,
    Traversal,
)
from tffix.syntax.scanner import _PAREN, _SURROGATE, scan
from tffix.syntax.tokens import Token

# typing costs ~6 ms at start-up; it is only needed by type checkers.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_STATES: list[dict[str, int]] = _tables.STATES
_END: int = _tables.END
# Per rule: (nonterminal to go to, number of values to pop, callback). Unit
# rules that pass their one value through (`unary: postfix`, ...) get no
# callback: the driver just moves to the goto state, which saves a third of
# all reductions.
# (They have no entry in build.CALLBACKS at all.)
_UNIT = frozenset(("pass", "chain_start"))

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    _Rules = list[tuple[str, int, Any, Any]]


def _rules(callbacks: dict[str, Any], *, skipping: bool = False) -> _Rules:
    """Per rule: (lhs, size, callback or None for a unit rule, node class or None).

    A rule whose callback only wraps its values in a node (``build.PLAIN``)
    gets the class instead, and the driver builds the node itself: one
    Python call less per node. A unit rule's class, if any, is the one
    value type it must fold (``build.Chain``). While ``skipping``, the unit
    rules that end a traversal (``unary: postfix``) and a chain of operators
    (``expr: operation``) get the class of the node kept as text instead:
    there a truncated traversal or chain is complete.
    """
    rules: _Rules = []
    for lhs, size, alias in _tables.RULES:
        if skipping and (lhs, size, alias) == ("unary", 1, "pass"):
            rules.append((lhs, size, None, LazyTraversal))
        elif skipping and alias == "expr":
            rules.append((lhs, size, None, LazyBinary))
        elif alias in _UNIT:
            rules.append((lhs, size, None, None))
        elif alias == "expr" and callbacks[alias] is expr:
            # `expr: operation`: a unit rule unless the operation is a chain
            # of binary operators, which the driver folds (most are not).
            rules.append((lhs, size, None, Chain))
        elif callbacks[alias] is _build.body:
            # (`body: lines`, once per block: the driver wraps the list in place.)
            rules.append((lhs, size, None, _Body))
        elif callbacks[alias] is _build.block:
            rules.append((lhs, size, callbacks[alias], _Block))
        elif callbacks[alias] in _APPENDS:
            rules.append((lhs, size, callbacks[alias], _APPENDS[callbacks[alias]]))
        else:
            rules.append((lhs, size, callbacks[alias], PLAIN.get(callbacks[alias])))
    return rules


class _Append:
    """Marks a list rule the driver does itself (no call): the list gets the last values."""


class _Body:
    """Marks ``body: lines``, which the driver does itself: the list becomes a ``Body``."""


class _Block:
    """Marks ``block``, which the driver builds itself (``build.block``, without its call)."""


class _AppendCapped:
    """The same, up to ``build.LIST_CAP`` entries; there the callback says ``Truncate``."""


_APPENDS: dict[Any, type] = {
    _build.list_append: _Append,
    _build.list_append2: _Append,
    _build.lines_append: _Append,
    _build.list_append_capped: _AppendCapped,
    _build.list_append2_capped: _AppendCapped,
}


_RULES = _rules(CALLBACKS)  # builds every node
_RULES_CAPPED = _rules(CAPPED)  # stops building lists, traversals, chains past build.LIST_CAP
_RULES_SKIPPING = _rules(SKIPPING, skipping=True)  # builds nothing, until that one ends


class _Fallback(Exception):
    """A long list in a node that cannot be kept as text: parse again, building all."""


_EXPRESSION_START = frozenset(
    ("IDENT", "NUMBER", "OQUOTE", "HEREDOC_OPEN", "LPAREN", "LBRACK", "LBRACE", "MINUS", "BANG")
)

_DESCRIPTIONS = {
    "IDENT": "an identifier",
    "NUMBER": "a number",
    "NL": "a newline",
    "EQ": "'='",
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "LBRACK": "'['",
    "RBRACK": "']'",
    "LPAREN": "'('",
    "RPAREN": "')'",
    "COMMA": "','",
    "COLON": "':'",
    "QMARK": "'?'",
    "DOT": "'.'",
    "ELLIPSIS": "'...'",
    "ARROW": "'=>'",
    "BANG": "'!'",
    "MINUS": "'-'",
    "STAR": "'*'",
    "BINOP": "an operator",
    "DCOLON": "'::'",
    "FOR": "'for'",
    "IN": "'in'",
    "IF": "'if'",
    "ELSE": "'else'",
    "ENDIF": "'endif'",
    "ENDFOR": "'endfor'",
    "OQUOTE": "a string",
    "CQUOTE": "'\"'",
    "HEREDOC_OPEN": "a heredoc",
    "HEREDOC_CLOSE": "the heredoc's end marker",
    "TLIT": "template text",
    "TINTERP": "'${'",
    "TDIRECTIVE": "'%{'",
    "TCLOSE": "'}'",
    "$END": "the end of the file",
}


# States right after `for`: a name must follow (Terraform: "Invalid 'for' expression").
# (A directive's `%{` state also accepts `if`; an expression's `[`/`{` state does not.)
_AFTER_FOR = frozenset(row["FOR"] for row in _STATES if "FOR" in row and "IF" not in row)
_AFTER_FOR_DIRECTIVE = frozenset(row["FOR"] for row in _STATES if "FOR" in row and "IF" in row)

_FOUND = {"NL": "newline", "OQUOTE": "string", "$END": "end of file", "HEREDOC_OPEN": "heredoc"}
# Terminals that can continue a complete expression; one phrase stands for them all.
_CONTINUATIONS = frozenset(("BINOP", "MINUS", "STAR", "DOT", "LBRACK", "QMARK", "LPAREN", "DCOLON"))


def _describe_found(token: Token) -> str:
    if token.type == "IDENT":
        return f"identifier {token.text!r}"
    if token.type == "NUMBER":
        return f"number {token.text}"
    if token.type in ("BINOP", "FOR", "IN", "IF", "ELSE", "ENDIF", "ENDFOR"):
        return repr(token.text)
    if token.type == "TLIT":
        return f"text {token.text[:20]!r}"
    return _FOUND.get(token.type) or _DESCRIPTIONS.get(token.type, token.type)


def _describe_expected(row: dict[str, int]) -> str:
    terminals = {s for s in row if s.isupper() or s == "$END"}
    parts: list[str] = []
    if len(terminals & _EXPRESSION_START) >= 6:
        parts.append("an expression")
        terminals -= _EXPRESSION_START
    if "BINOP" in terminals:
        parts.append("an operator")
        terminals -= _CONTINUATIONS
    for description in sorted({_DESCRIPTIONS.get(t, t) for t in terminals}):
        if description not in parts:
            parts.append(description)
    if len(parts) == 1:
        return parts[0]
    return "one of " + ", ".join(parts[:-1]) + " or " + parts[-1]


def _syntax_error(
    token: Token,
    state: int,
    path: str | None,
    unclosed: list[tuple[str, int, int]],
) -> ParseError:
    row = _STATES[state]
    if token.type == "$END" and unclosed and len(row.keys() & _EXPRESSION_START) < 6:
        # Truncated after a complete item: the useful place is the opener.
        what, line, column = unclosed[0]
        return ParseError(
            f"unexpected end of file: {what} opened here is never closed",
            path=path,
            line=line,
            column=column,
        )
    if state in _AFTER_FOR:
        message = (
            f"invalid 'for': unexpected {_describe_found(token)}; `for` after '[' or "
            "'{' starts a for expression and needs a name (`for x in ...`)"
        )
    elif state in _AFTER_FOR_DIRECTIVE:
        message = (
            f"invalid 'for' directive: unexpected {_describe_found(token)}; "
            "it needs a name (`%{ for x in ... }`)"
        )
    elif "BINOP" in row and token.type in _EXPRESSION_START:
        # LALR merges the lookaheads of every context here, so a list would
        # mislead; say what is wrong instead.
        message = (
            f"unexpected {_describe_found(token)} after a complete expression; "
            "expected an operator, or a newline, ',' or closing bracket to end it"
        )
    else:
        message = f"unexpected {_describe_found(token)}; expected {_describe_expected(row)}"
    if token.type == "NL" and "EQ" not in row:
        message += " (an expression must end on its line, unless inside brackets)"
    return ParseError(message, path=path, line=token.line, column=token.column)


def parse(text: str, *, path: str | None = None, lazy: bool = True, freeze: bool = False) -> Module:
    """Parse HCL2 text into a ``Module`` whose ``code`` is exactly ``text``.

    Raises ``ParseError`` (and nothing else) for invalid input. ``lazy``
    (the default) keeps a tuple, object or template of thousands of entries
    as text until its children are asked for; a caller that reads every
    token anyway (the formatter) saves the second parse with ``lazy=False``.
    ``freeze``: the caller keeps the tree a while and thaws the collector's
    frozen objects itself (``gc.unfreeze``, as the runner does per module),
    so the new objects go straight to ``gc.freeze`` (see ``_promote``).
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes str, not {type(text).__name__}; use parse_file for bytes")
    bom = ""
    if text.startswith("\ufeff"):
        bom = "\ufeff"
        text = text[1:]
    # The parse allocates hundreds of thousands of small acyclic objects; the
    # cyclic garbage collector would walk them over and over for nothing.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        body, eof = _run(text, path, lazy=lazy)
        module = Module(body, eof, bom=bom, path=path)
    except ParseError as exc:
        if exc.path is None and path is not None:
            exc.path = path  # raised by a callback, which does not know the path
        raise
    except RecursionError:
        raise ParseError("nesting too deep to parse", path=path, line=1, column=1) from None
    finally:
        if gc_was_enabled:
            if freeze:
                gc.freeze()
            elif len(text) >= PROMOTE_SIZE:
                _promote()
            gc.enable()
    return module


# A text at least this long (about 100,000 objects of tree) is moved to the
# collector's oldest generation after its parse (``_promote``).
PROMOTE_SIZE = 256 * 1024


def _promote() -> None:
    """Move the new objects to the collector's oldest generation without a walk.

    Objects allocated while the collector was off still count towards its
    youngest generation: the first allocation after a parse started a
    collection that walked the whole new tree (and, later, a second one as it
    aged), a fifth of the parse time of a file of small blocks, only to find
    every object alive. ``freeze`` then ``unfreeze`` moves every tracked
    object to the oldest generation in constant time; the tree is still
    walked by full collections and freed by reference counting like any
    object (a refused file's partial tree too: it is freed with the error).
    Not when someone froze objects: ``unfreeze`` would thaw theirs. Knowing
    that costs a walk of the frozen objects (``get_freeze_count``, ~15 ns
    each), so it is done only after a parse big enough to repay it
    (``PROMOTE_SIZE``); callers that freeze on their own pass ``freeze``.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def _run(text: str, path: str | None, *, lazy: bool = True) -> tuple[Body, Token]:
    """The parse; ``lazy``: keep long tuples, objects and templates as text."""
    check_utf8 = _SURROGATE.search(text) is not None
    if lazy:
        spans: dict[Token, tuple[int, int]] = {}
        skipping = [False]
        unclosed: list[tuple[str, int, int]] = []
        tokens = scan(text, path, unclosed, spans, check_utf8=check_utf8, skipping=skipping)
        lazy_state = (text, spans, check_utf8, skipping)
        try:
            return _drive(tokens, path, unclosed, lazy_state, _RULES_CAPPED)
        except _Fallback:
            pass  # a long list where no node can be kept as text: build everything
    unclosed = []
    tokens = scan(text, path, unclosed, check_utf8=check_utf8)
    return _drive(tokens, path, unclosed, None, _RULES)


def _drive(
    tokens: Iterable[Token],
    path: str | None,
    unclosed: list[tuple[str, int, int]],
    lazy: tuple[str, dict[Token, tuple[int, int]], bool, list[bool]] | None,
    rules: _Rules,
) -> tuple[Body, Token]:
    """The LALR loop. With ``lazy``, long lists come back as nodes kept as text.

    ``lazy`` is (the text, the scanner's spans, whether the text has bytes
    that are not UTF-8, the scanner's flag that lets it skip plain runs).
    """
    states = _STATES
    state_stack = [0]
    value_stack: list[Any] = []
    push_state = state_stack.append
    push_value = value_stack.append
    new = object.__new__
    fold = fold_chain
    check_unique = _build._check_unique
    check_labels = _build.check_labels
    check_items = _build.check_items
    state = 0
    # A truncated traversal or chain: (class of the node kept as text, offset
    # where its text starts); the start of every line, to find offsets.
    kept: tuple[type[Node], int] | None = None
    line_starts: list[int] = []
    # (``~action`` is ``-action - 1``: the rule number of a reduce action.)
    for token in tokens:
        ttype = token.type
        while True:
            try:
                action = states[state][ttype]
            except KeyError:
                raise _syntax_error(token, state, path, unclosed) from None
            if action >= 0:
                push_state(action)
                push_value(token)
                state = action
                break
            lhs, size, callback, cls = rules[~action]
            if callback is None:  # unit rule: the value stays where it is
                if cls is not None:
                    if cls is _Body:
                        items = value_stack[-1]
                        if len(items) > 2:  # (see build.body)
                            check_unique(items)
                        wrapped = new(Body)
                        wrapped.children = items
                        value_stack[-1] = wrapped
                    elif type(value_stack[-1]) is cls:
                        value_stack[-1] = fold(value_stack[-1])
                    elif kept is not None and kept[0] is cls and value_stack[-1] is TRUNCATED:
                        # The truncated traversal or chain ends before ``token``.
                        assert lazy is not None
                        text, spans, check_utf8, skipping = lazy
                        end = _offset(token, text, line_starts) - len(token.pre)
                        node = new(cls)
                        _CHILDREN.__set__(node, (text, kept[1], end, check_utf8))
                        value_stack[-1] = node
                        kept = None
                        rules = _RULES_CAPPED
                        skipping[0] = False
                state = states[state_stack[-2]][lhs]
                state_stack[-1] = state
                continue
            if cls is _Append or (
                cls is _AppendCapped and len(value_stack[-size]) < _build.LIST_CAP
            ):
                # A list rule adds its one or two last values to the list before them.
                last = value_stack.pop()
                if size == 3:
                    value_stack[-2].append(value_stack.pop())
                value_stack[-1].append(last)
                del state_stack[-size:]
                state = states[state_stack[-1]][lhs]
                push_state(state)
                continue
            if cls is _Block:
                # IDENT labels LBRACE body RBRACE: the labels' list becomes the
                # block's children, after the same checks as ``build.block``.
                children = value_stack[-4]
                if children:
                    check_labels(children)
                body_node = value_stack[-2]
                items = body_node.children
                if items and ("\n" not in items[0].children[0].pre or type(items[-1]) is not Token):
                    check_items(value_stack[-3], items, value_stack[-1])
                children.insert(0, value_stack[-5])
                children.append(value_stack[-3])
                children.append(body_node)
                children.append(value_stack[-1])
                del value_stack[-5:]
                del state_stack[-5:]
                block_node = new(Block)
                block_node.children = children
                state = states[state_stack[-1]][lhs]
                push_state(state)
                push_value(block_node)
                continue
            if size:
                values = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
            else:
                values = []
            state = states[state_stack[-1]][lhs]
            push_state(state)
            if cls is not None and cls is not _AppendCapped:
                if cls is list:  # the callback would return ``values`` itself
                    push_value(values)
                else:
                    node = new(cls)
                    node.children = values
                    push_value(node)
                continue
            try:
                push_value(callback(values))
            except Signal as signal:
                assert lazy is not None
                text, spans, check_utf8, skipping = lazy
                if isinstance(signal, Truncate):
                    if type(signal) is TruncateExpr:
                        kept = (signal.lazy, _start(signal.first, text, line_starts))
                    push_value(TRUNCATED)
                    rules = _RULES_SKIPPING
                    skipping[0] = True
                    continue
                # The rule consumes the truncated list: keep its node as text.
                cls = LAZY.get(_RULES_CAPPED[~action][2])
                span = spans.get(values[-1]) if cls is not None else None
                if cls is None or span is None:
                    raise _Fallback from None
                node = cls.__new__(cls)
                node._lazy = (text, span[0], span[1], check_utf8)  # type: ignore[attr-defined]
                push_value(node)
                rules = _RULES_CAPPED
                skipping[0] = False
            if state == _END and ttype == "$END":
                return value_stack[-1], token
    raise AssertionError("the scanner always ends with $END")  # pragma: no cover


def _offset(token: Token, text: str, line_starts: list[int]) -> int:
    """Offset of ``token``'s text in ``text`` (``line_starts`` filled on first use)."""
    if not line_starts:
        line_starts.append(0)
        find = text.find
        i = find("\n")
        while i >= 0:
            line_starts.append(i + 1)
            i = find("\n", i + 1)
    return line_starts[token.line - 1] + token.column - 1


def _start(value: Any, text: str, line_starts: list[int]) -> int:
    """Offset where the source of ``value`` (a token or node) starts, its trivia included."""
    while type(value) is not Token:
        kept = getattr(value, "_lazy", None)  # a long list kept as text: not parsed for this
        if kept is None and type(value) in (LazyTraversal, LazyBinary):
            kept = _CHILDREN.__get__(value)
        if kept is not None:
            return kept[1]
        value = value.children[0]
    return _offset(value, text, line_starts) - len(value.pre)


def materialize(cls: type[Node], text: str, start: int, end: int, check_utf8: bool) -> Any:
    """The children of the ``cls`` node whose source is ``text[start:end]``, parsed now.

    The span was parsed once already, when the file was, so it is valid: the
    same scanner and automaton read it again, as the value of an attribute,
    and give the same tokens, at the same lines and columns, as a parse that
    had built everything at once. A traversal or a chain of operators, which
    has no brackets of its own, is read inside parentheses (as if it were
    ``x = (...)``): a newline in it was whitespace where it was written (it
    would have ended the attribute otherwise).
    """
    wrapped = cls is Traversal or cls is Binary
    scanned = scan(text, begin=start, check_utf8=check_utf8, inside=_PAREN if wrapped else None)

    def stream() -> Iterator[Token]:
        yield Token("IDENT", "x", "", 1, 1)
        yield Token("EQ", "=", "", 1, 1)
        if wrapped:
            yield Token("LPAREN", "(", "", 1, 1)
        pos = start
        for token in scanned:
            yield token
            pos += len(token.pre) + len(token.text)
            if pos >= end:
                break
        if wrapped:
            yield Token("RPAREN", ")", "", 1, 1)
        yield Token("NL", "\n", "", 1, 1)
        yield Token("$END", "", "", 1, 1)

    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        body, _eof = _drive(stream(), None, [], None, _RULES)
    finally:
        if gc_was_enabled:
            gc.enable()
    node = body.children[0].value  # type: ignore[union-attr]
    if wrapped:
        node = node.children[1]  # (the expression inside the parentheses)
    assert type(node) is cls, (type(node), cls)
    return node.children


def decode(data: bytes) -> str:
    """Text of a file's bytes, losslessly.

    Terraform accepts bytes that are not UTF-8 inside comments, so a strict
    decode would reject valid files. Undecodable bytes become lone surrogates
    (``surrogateescape``); the scanner rejects them anywhere but in comments,
    and ``encode`` turns them back into the same bytes.
    """
    return data.decode("utf-8", "surrogateescape")


def encode(text: str) -> bytes:
    """Inverse of ``decode``: ``encode(decode(b)) == b`` for any bytes."""
    return text.encode("utf-8", "surrogateescape")


def parse_file(path: str | os.PathLike[str]) -> Module:
    """Read and parse one file; line endings, BOM and all other bytes are kept."""
    name = os.fspath(path)
    with open(name, "rb") as f:
        data = f.read()
    return parse(decode(data), path=name)
