"""``is_formatted``: does ``terraform fmt`` leave this text as it is? Decided line by line.

Most files a run reads are already ``terraform fmt`` clean, and building the
formatter's output (``format.format_module``: every token flattened,
converted, laid out and joined) only to find it equal to the input is the
terraform-fmt codemod's whole cost on them. This module answers the question
from the text, one regular expression per line, without building anything.

It answers True only when it is certain, and False whenever a line is of a
kind it does not model; False means "format it and see", never "not clean".
What it checks is what the formatter would change (see ``format.py``):

- **spacing between tokens**: each line must be a sequence of tokens written
  with the formatter's pair rules (one space or none between neighbours,
  the ``-`` of a negation told from a subtraction by the token before, as
  hclwrite does); a token kind the rules below do not list (``::``,
  template directives, ``/* */`` after code, ...) makes the answer False;
- **indentation**: two spaces per open bracket level, with hclwrite's rule
  that a line opening several brackets opens one level (a stack of per-line
  counts, as ``format._layout`` keeps);
- **alignment**: in a run of consecutive lines that have an assign cell
  (``name = value`` whose value ends on the line), every ``=`` sits in one
  column and at least one has a single space before it; trailing comments
  of consecutive lines likewise (only ASCII lines there: widths);
- **rewrites**: a value that is exactly ``"${x}"``, a legacy type keyword
  (``"string"``, ``list``, ...), a block label that is not a plain quoted
  string: False (the formatter would rewrite them).

Files with a BOM, CR characters or tabs are left to the formatter (and
heredocs in a file without a final newline). Heredoc bodies are kept
verbatim by the formatter except their interpolations, which must be
written canonically.

The contract, ``is_formatted(text)`` implies ``format_text(text) == text``,
is tested on the corpus and on thousands of mutated copies of it
(tests/cst/test_formatted.py).
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["is_formatted"]

# An identifier that is not the keyword `in` (which has spacing rules of its
# own) and does not end in `-` (HCL allows that; `a- 1` would then read as
# `a-` and `1`, which the pair rules below do not model).
_NAME = r"(?!in(?![A-Za-z0-9_-]))[A-Za-z_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?"
_NUM = r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
# A label the formatter writes back as it is (format._PLAIN inside quotes).
_PLAIN_STRING = r'"[ !#&-\[\]-~]*"'
_TRAVERSAL = (
    _NAME
    + r"(?:\."
    + _NAME
    + r"|\.[0-9]+|\.\*|\[[0-9]+\]|\[\*\]|\["
    + _PLAIN_STRING
    + r"\]|\["
    + _NAME
    + r"(?:\."
    + _NAME
    + r")*\])*"
)
_SIMPLE_CALL = (
    _NAME
    + r"\((?:(?:"
    + _TRAVERSAL
    + "|"
    + _NUM
    + r")(?:, (?:"
    + _TRAVERSAL
    + "|"
    + _NUM
    + r"))*)?\)"
)
# Interpolations in templates: a traversal or a call of traversals, no spaces.
_INTERPOLATION = r"\$\{(?:" + _SIMPLE_CALL + "|" + _TRAVERSAL + r")\}"
_TEXT = r'[^"\\$%\n]|\\[^\n]|\$\$\{|%%\{|\$(?!\{)|%(?!\{)'
_STRING = r'"(?:' + _TEXT + "|" + _INTERPOLATION + r')*"'
_KEY_STRING = r'"(?:' + _TEXT + r')*"'

# Where a token may end: the end of the line, or a trailing comment.
_END = r"(?=$| +(?:#|//))"


def _sep(direct: str, banned: str) -> str:
    """What may follow a token: nothing before a character of ``direct``; the
    end; one space before anything not in ``banned``; or, before an ``=``,
    the spaces of alignment (checked per run by the caller)."""
    return rf"(?:(?=[{direct}])|{_END}| (?=[^ {banned}])|  +(?==(?![=>])))"


# Each token with the separator the pair rules give it before what follows.
_CLOSE_SEP = _sep(r".\[,)\]", r".\[,)\]")
_OPERATOR_SEP = _sep(r".,)\]", r".,)\]")
_TOKEN = "|".join(
    [
        _NAME + _sep(r".(\[,)\]", r".(\[,)\]"),
        r"in(?:" + _END + r"| (?=[^ .,)\](\[]))",  # `for x in y`: a space after it
        _NUM + _sep(r",)\]", r".(\[,)\]"),
        _STRING + _sep(r".,)\]", r".,)\]"),  # `"a" [0]`: hclwrite spaces an index here
        r"[)\]}]" + _CLOSE_SEP,
        r"\{\}" + _CLOSE_SEP,
        r"[(\[](?:(?=[^ }])|" + _END + ")",
        r"\{(?:" + _END + r"| (?=[^ .,)\]}]))",
        r",(?:" + _END + r"| (?=[^ .,]))",
        r"\.\.\." + _sep(r")\]", r".,)\]"),
        r"\.(?=[A-Za-z0-9_*])",
        r"\*" + _OPERATOR_SEP,
        r"(?:==|!=|<=|>=|=>|&&|\|\||[+/%<>?:]|=(?![=>]))" + _OPERATOR_SEP,
        r"!(?=[^ ])",
        # A negation: `-` after nothing, a bracket, `=`, an operator, `?`,
        # `:`, `,`, `*`, `!` or `-` (format._NEGATION_CONTEXT), not after `=>`.
        r"(?:(?<![\s\S])|(?<=[(\[!-])|(?<=[(\[{=:,?*+/%<>&|!-] )(?<!=> ))-(?=[^ ])",
        # A subtraction: after an operand (and after `=>`, where hclwrite takes it for one).
        r"(?:(?<=[A-Za-z0-9_\"\])}] )|(?<==> ))-(?:" + _END + r"| (?=[^ .,)\]]))",
    ]
)
_COMMENT_LINE = re.compile(r"(?:#|//).*|/\*(?:(?!\*/).)*\*/").fullmatch
# A line that may be a block header (an identifier, a space, then a label or
# `{`); it must then be a header whose labels the formatter keeps.
_HEADER_LIKE = re.compile(r'[A-Za-z_][A-Za-z0-9_-]* [A-Za-z_"{]').match
_HEADER = re.compile(_NAME + r"(?: " + _PLAIN_STRING + r")* \{\}?").fullmatch
_HEREDOC = re.compile(
    r"(" + _NAME + r"|" + _KEY_STRING + r")( +)= <<(-?)([A-Za-z_][A-Za-z0-9_-]*)"
).fullmatch


def _on_first_use(pattern: str) -> Callable[[str], re.Match[str] | None]:
    """``re.compile(pattern).fullmatch``, compiled when first called: for the patterns
    of rare lines (heredoc bodies, ``"${x}"`` values), each as long to compile as
    the rest of this module's (~1 ms), which every run that imports it paid."""
    compiled: list[re.Pattern[str]] = []

    def fullmatch(text: str) -> re.Match[str] | None:
        if not compiled:
            compiled.append(re.compile(pattern))
        return compiled[0].fullmatch(text)

    return fullmatch


# Lines other than the common ones (``_SIMPLE``), token by token: the longest pattern
# here to compile (~3 ms), which a run formatting nothing never needs.
_CODE = _on_first_use(r"(?:" + _TOKEN + r")*(?P<tc> +(?:#|//).*)?")
_HEREDOC_BODY = _on_first_use(r"(?:[^$%]|\$\$\{|%%\{|\$(?!\{)|%(?!\{)|" + _INTERPOLATION + r")*")
_LEAD = re.compile(r"(" + _NAME + r"|" + _KEY_STRING + r")( +)= ").match
_ANY_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_EQUAL = re.compile(r"(?<![=!<>])=(?![=>])").search
# The common lines, decided by one match: a closing line, a block header, an
# attribute with a plain value, an attribute opening a collection. (The name
# that starts the last three is matched once, not once per alternative: the
# match is ~70 % of the lines' time.)
_SIMPLE = re.compile(
    r"(?P<close>\}[\])]?,?|[\])],?)"
    r"|(?P<lead>" + _NAME + r")(?:"
    r"(?P<header>(?: " + _PLAIN_STRING + r")* \{)"
    r"|(?P<pad> +)= (?:"
    r'"[^"\\$%]*"'
    r"|(?!(?:true|false|null|list|map|set)$)" + _NAME + r"(?:\." + _NAME + r")*"
    r"|[0-9]+|true|false|null)"
    r"|(?P<opad> +)= [\[{])"
).fullmatch
_SINGLE_INTERPOLATION = _on_first_use('"' + _INTERPOLATION + '"')
# Longer lines are left to the formatter: Python's regex engine keeps state for
# every repetition of a group, ~100 bytes a token, and a generated file may
# hold a megabyte on one line.
_LONG_LINE = 2000
# Values of `type` that terraform fmt rewrites in a variable block.
_LEGACY_TYPES = frozenset(("list", "map", "set", '"string"', '"list"', '"map"'))


def _net(code: str) -> int:
    """Open minus closed brackets (``code`` without strings)."""
    return (
        code.count("{")
        + code.count("[")
        + code.count("(")
        - code.count("}")
        - code.count("]")
        - code.count(")")
    )


def is_formatted(text: str) -> bool:
    """True only if ``format_text(text)`` (with the rewrites) is ``text`` itself.

    False also when unsure: the caller then formats the text to find out.
    ``text`` is expected to parse (it is checked as the formatter would lay
    out its tokens, not for validity).
    """
    if "\r" in text or "\t" in text or text.startswith("\ufeff"):
        return False
    if not text:
        return True  # (an empty file: a tenth of the corpus's, each formatted for nothing)
    final_newline = text.endswith("\n")
    if not final_newline and "<<" in text:
        return False  # (a heredoc's marker must end its line)
    indents: list[int] = []  # format._layout's stack: brackets opened per line
    run_column = -1  # the `=` column of the current run of assign cells, or -1
    run_tight = False  # a line of the run has one space before its `=`
    comment_column = -1  # likewise for trailing comments
    comment_tight = False
    heredoc: str | None = None  # the closing marker while in a heredoc
    dash = False  # the heredoc is `<<-` (its marker may be indented)
    lines = text.split("\n")
    if final_newline:
        lines.pop()  # else the last line ends the file, as the formatter keeps it
    known = _KNOWN
    if len(known) > _KNOWN_MAX:
        known.clear()
    for line in lines:
        if heredoc is not None:
            if line.strip() == heredoc:
                if line.rstrip() != line or (not dash and line != heredoc):
                    return False  # spaces after the marker (moved), or an indented `<<` marker
                heredoc = None
            elif len(line) > _LONG_LINE or not _HEREDOC_BODY(line):
                return False
            continue
        if not line:
            if (run_column >= 0 and not run_tight) or (comment_column >= 0 and not comment_tight):
                return False
            run_column = comment_column = -1
            continue
        code = line.lstrip(" ")
        facts = known.get(code, _UNKNOWN)
        if facts is _UNKNOWN:
            facts = _line(code)
            if len(code) <= _LONG_LINE:  # (a long line is not kept alive here)
                known[code] = facts
        if facts is None:
            return False
        net, equals, tight, comment, comment_single, marker, marker_dash = facts
        indent = len(line) - len(code)
        if marker is not None:
            heredoc, dash = marker, marker_dash
        if equals >= 0:
            column = indent + equals
            if run_column < 0:
                run_column, run_tight = column, tight
            elif column != run_column:
                return False
            elif tight:
                run_tight = True
        else:
            if run_column >= 0 and not run_tight:
                return False
            run_column = -1
        if comment >= 0:
            column = indent + comment
            if comment_column < 0:
                comment_column, comment_tight = column, comment_single
            elif column != comment_column:
                return False
            elif comment_single:
                comment_tight = True
        else:
            if comment_column >= 0 and not comment_tight:
                return False
            comment_column = -1
        if net < 0:
            close_levels(indents, -net)
        if indent != 2 * len(indents):
            return False
        if net > 0:
            indents.append(net)
    if heredoc is not None:
        return False
    return not ((run_column >= 0 and not run_tight) or (comment_column >= 0 and not comment_tight))


# What one line says by itself, its indentation removed (``_line``): (net brackets
# opened, the column of its assign cell's `=` or -1, whether one space is before
# that `=`, the column of its trailing comment or -1, whether one space is before
# that, the marker of the heredoc it opens or None, whether that is `<<-`).
_Line = tuple[int, int, bool, int, bool, "str | None", bool]
# Lines seen by this process, and what they say: most lines of a tree are lines
# seen before (`}`, `]`, `tags = var.tags`: 19,000 distinct of the corpus's
# 58,000), each decided by a dictionary lookup instead of regular expressions.
_KNOWN: dict[str, _Line | None] = {}
_KNOWN_MAX = 100_000  # then started afresh (memory stays bounded: a few MB)
_UNKNOWN: _Line = (0, 0, False, 0, False, None, False)  # (a marker: never a value)


def _line(code: str) -> _Line | None:
    """What ``code`` (a non-blank line without its indentation, outside a heredoc
    body) says by itself, or None when the formatter would change it (or it is of a
    kind this module does not model)."""
    if not code:
        return None  # trailing spaces
    net = 0
    equals = -1
    tight = False
    comment = -1
    comment_single = False
    marker: str | None = None
    marker_dash = False
    simple = _SIMPLE(code)
    if simple is not None:
        kind = simple.lastgroup
        if kind == "pad":
            if (
                simple.group("lead") == "type"
                and code[-1] == '"'
                and code[code.index("=") + 2 :] in _LEGACY_TYPES
            ):
                return None
            equals = simple.end("pad")
            tight = equals - simple.start("pad") == 1
        elif kind == "close":
            net = -len(code.rstrip(","))
        elif kind == "header":
            net = 1
        else:  # `name = [` or `name = {`: no assign cell, one space
            if len(simple.group("opad")) != 1:
                return None
            net = 1
    elif code[0] in "#/" and _COMMENT_LINE(code):
        pass
    else:
        heredoc_match = _HEREDOC(code)
        if heredoc_match is not None:
            marker = heredoc_match.group(4)
            marker_dash = bool(heredoc_match.group(3))
            lead = heredoc_match.group(1)
            if not lead.isascii():
                return None
            # (a heredoc's line is one formatter line: brackets balance)
            equals = heredoc_match.end(2)
            tight = equals - heredoc_match.start(2) == 1
        else:
            if len(code) > _LONG_LINE:
                return None
            match = _CODE(code)
            if match is None:
                return None
            trailing = match.start("tc")
            part = code[:trailing] if trailing >= 0 else code
            if not part:
                return None
            if _HEADER_LIKE(part) and not _for_head(part):
                if not _HEADER(part):
                    return None
                net = 1 if part[-1] == "{" else 0  # (brackets in labels do not count)
            else:
                bare = _ANY_STRING.sub('""', part) if '"' in part else part
                net = _net(bare)
                found = _EQUAL(bare)
                if found is not None:
                    at = found.start()
                    if at == 0:
                        return None
                    if _net(bare[at:]) == 0:  # an assign cell
                        lead_match = _LEAD(part)
                        if lead_match is None:
                            return None
                        lead = lead_match.group(1)
                        if not lead.isascii():
                            return None
                        value = part[lead_match.end() :]
                        if value[:3] == '"${' and _SINGLE_INTERPOLATION(value):
                            return None
                        if lead == "type" and value in _LEGACY_TYPES:
                            return None
                        equals = lead_match.end(2)
                        tight = equals - lead_match.start(2) == 1
                        if "  " in bare[at:]:
                            return None
                    elif "  " in bare:
                        return None
            if trailing >= 0:
                if not code[:trailing].isascii():
                    return None
                rest = code[trailing:]
                spaces = len(rest) - len(rest.lstrip(" "))
                comment = trailing + spaces
                comment_single = spaces == 1
    return net, equals, tight, comment, comment_single, marker, marker_dash


# The start of a line that opens a ``for`` expression (``for k, v in x :``).
_FOR_HEAD = re.compile(r"for " + _NAME + r"(?:, " + _NAME + r")? in ").match


def _for_head(part: str) -> bool:
    """Whether ``part`` (a line that looks like a block header: a name, a space, a
    name) is the head of a ``for`` expression instead: ``for``, its variables,
    ``in``, and a ``:`` before any ``{`` outside strings. No block header holds a
    ``:`` (labels are names or strings), and a block written on one line
    (``for "x" { a = b ? c : d }``) has its ``{`` first, so such a line is checked
    as the expression it is, not left to the formatter."""
    if _FOR_HEAD(part) is None:
        return False
    bare = _ANY_STRING.sub('""', part) if '"' in part else part
    colon = bare.find(":")
    brace = bare.find("{")
    return colon >= 0 and (brace < 0 or colon < brace)


def close_levels(indents: list[int], closed: int) -> None:
    """Close ``closed`` brackets on the stack of open levels (each entry: how many
    brackets one line opened, which count as one indentation level): a line that
    opens ``{[`` indents once, and both must close before the level is gone."""
    while closed > 0 and indents:
        top = indents[-1]
        if closed >= top:
            closed -= top
            indents.pop()
        else:
            indents[-1] = top - closed
            closed = 0
