"""Property-based tests of the parser, driven by Hypothesis.

Two properties, each checked on inputs nobody wrote by hand:

* **Generated valid HCL round-trips and parses to the right structure.** A
  generator writes files the way Terraform accepts them (every construct of
  the native syntax, with comments, odd whitespace, CRLF, BOM...). tffix must
  parse each one (rejecting valid code is the worst failure for a rewriting
  tool), give back exactly the same text, and find the attributes and blocks
  (types and label values) that the generator put there, at every level.
* **Mutated real files never crash the parser.** Byte-level damage to real
  Terraform files gives text that is valid, or invalid in every imaginable
  way. tffix must either round-trip it or raise ``ParseError`` at a position
  inside the text, never any other exception: callers run it over untrusted
  repositories and catch exactly one exception type.

The generator follows HCL's rules closely: while it was written, thousands of
its files were fed to ``terraform fmt -`` (which runs HCL's own parser) and
all were accepted; redo that check after changing it. The runs are
derandomized and use no example database, so CI sees the same examples on
every run.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tffix
from tffix.syntax.parser import decode, encode

REPO = Path(__file__).resolve().parents[2]
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
OWN_ROUNDTRIP = REPO / "corpus" / "roundtrip"

_SETTINGS: dict[str, Any] = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
}

# ---- vocabulary --------------------------------------------------------------

# Names read as variables: `in` too (a keyword only right after `for x`), but
# not `for` (`[for` always starts a `for` expression) nor `if` (see KEYWORD_CASES).
VARIABLES = [
    "a", "b", "x", "xs", "var", "local", "each", "count", "self", "my-name", "_p", "é", "v2",
    "in",
]  # fmt: skip
# Attribute names and block types: keywords are plain names in a body.
NAMES = [
    "a", "name", "value", "tags", "for_each", "count", "my-attr", "_x", "é", "Ω2",
    "in", "if", "else", "endif", "endfor", "true", "null",
]  # fmt: skip
BLOCK_TYPES = ["resource", "locals", "variable", "dynamic", "lifecycle", "if", "in", "é", "b-2"]
# `for` as an attribute name or block type is generated only where tffix
# takes it: not as the first item of a block body (see KEYWORD_CASES).
FOR = "for"
# After a dot any identifier is an attribute name, keywords included.
STEP_NAMES = ["id", "name", "arn", "tags", "if", "in", "for", "true", "null", "é", "x-y"]
# Object keys: anything but a first `for` (that starts a `for` expression).
KEYS = ["a", "name", "in", "if", "endfor", "key-1", "é", "true"]
FUNCTIONS = ["f", "upper", "join", "lookup", "merge", "try", "can", "length", "format", "max"]
PROVIDER_FUNCTIONS = [
    "provider::aws::arn_parse",
    "provider::aws::alias::trim_iam_role_path",
    "provider :: time :: rfc3339_parse",
]
# Heredoc markers all start with "E", and heredoc text never contains "E":
# no line of generated text can be mistaken for the closing marker.
MARKERS = ["EOT", "EOF", "END", "EOT-2", "E_O_T", "Ex"]

# Literal text of quoted strings: (source, value) atoms. No atom ends with
# `$` or `%` so that a following `{` never makes an interpolation.
_PLAIN = [*"abcxyz019 \t.,:;!?@^&*()[]{}<>=+-/#'`|~_", "é", "日本", "😀", "\u00a0", "\x7f", "\x00"]
QUOTED_ATOMS = [(c, c) for c in _PLAIN] + [
    ("\\n", "\n"), ("\\r", "\r"), ("\\t", "\t"), ('\\"', '"'), ("\\\\", "\\"),
    ("\\u00e9", "é"), ("\\U0001F600", "😀"), ("$${", "${"), ("%%{", "%{"),
    ("$x", "$x"), ("$ ", "$ "), ("100% ", "100% "), ("%d", "%d"), ("$$${", "$${"),
    ("//", "//"), ("/*", "/*"), ("*/", "*/"), ("~}", "~}"),
]  # fmt: skip
# Heredocs take backslashes and quotes literally; newlines end lines.
HEREDOC_ATOMS = [c for c in _PLAIN if "E" not in c] + [
    "\n", "\n", '"', "\\", "\\n", "$${", "%%{", "$x", "100% ", "  ", "\t",
]  # fmt: skip

COMMENT_CHARS = [*"abc xyz019\t#/\"'{}[]()$%*=<>\\", "é", "日本", "${", "%{", "<<EOT"]

_PUNCT = set("/*<=>!&|:.-%~$?+")


def _wordy(c: str) -> bool:
    return c.isalnum() or c in "_-" or ord(c) > 127


def _merges(left: str, right: str) -> bool:
    """True when ``left`` followed directly by ``right`` would read as one token."""
    return (
        (_wordy(left) and _wordy(right))
        or (left in _PUNCT and right in _PUNCT)
        or (left.isdigit() and right == ".")
    )


# ---- the generator -------------------------------------------------------------


class _Writer:
    """Writes random valid HCL with Hypothesis' ``draw``.

    Every expression method takes ``nl`` (newlines are whitespace here: inside
    (), [], ${}, %{} or a ``for`` expression) and ``tail`` (the expression may
    end with the newline that closes a heredoc: it ends an attribute or an
    object item, or ``nl`` holds). Choices shrink towards the simplest form.
    """

    def __init__(self, draw: Any) -> None:
        self.draw = draw

    # -- primitives --

    def pick(self, options: list[Any]) -> Any:
        return self.draw(st.sampled_from(options))

    def maybe(self, percent: int) -> bool:
        """True with roughly ``percent``% probability; shrinks to False."""
        return self.draw(st.integers(0, 99)) >= 100 - percent

    def count(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def text(self, alphabet: list[str], max_size: int) -> str:
        return "".join(self.draw(st.lists(st.sampled_from(alphabet), max_size=max_size)))

    def comment(self, nl: bool, multiline: bool = True) -> str:
        """A comment: ``/* */`` anywhere, line comments (with their newline) where ``nl``."""
        kinds = ["block"]
        if multiline:
            kinds.append("block-multiline")
        if nl:
            kinds += ["hash", "slashes"]
        kind = self.pick(kinds)
        body = self.text(COMMENT_CHARS, 6)
        if kind == "hash":
            return "#" + body + "\n"
        if kind == "slashes":
            return "//" + body + "\n"
        if kind == "block-multiline":
            body += "\n" + self.text(COMMENT_CHARS, 4)
        return "/*" + body.replace("*/", "* /").rstrip("*") + "*/"

    def ws(self, nl: bool, multiline: bool = True) -> str:
        """Trivia between two tokens: spaces, tabs, comments, newlines where ``nl``.

        ``multiline`` allows ``/* */`` comments that span lines (they do not
        end an item, so they may stand even where newlines may not).
        """
        if not self.maybe(60):
            return ""
        parts = []
        for _ in range(self.count(1, 3)):
            kind = self.pick(["space", "space", "comment"] + (["newline"] if nl else []))
            if kind == "space":
                parts.append(self.pick([" ", " ", "  ", "\t", " \t"]))
            elif kind == "newline":
                parts.append("\n" + self.pick(["", "  ", "\t", "    "]))
            else:
                parts.append(self.comment(nl, multiline))
        out = "".join(parts)
        if out.startswith("/"):
            out = " " + out  # never glue a comment to a `/` operator
        return out

    def join(self, parts: list[str], nl: bool, multiline: bool = True) -> str:
        """Concatenate tokens/expressions with random trivia, never merging two of them."""
        out = parts[0]
        for part in parts[1:]:
            sep = self.ws(nl, multiline=multiline)
            first = sep[0] if sep else part[0]
            if _merges(out[-1], first):
                sep = " " + sep
            out += sep + part
        return out

    # -- expressions --

    def expr(self, d: int, nl: bool, tail: bool) -> str:
        kinds = ["number", "literal", "variable", "string"]
        if d > 0:
            kinds += [
                "traversal", "traversal", "template", "tuple", "object", "call", "unary",
                "binary", "binary", "conditional", "parens", "for_tuple", "for_object",
            ]  # fmt: skip
            if nl or tail:
                kinds.append("heredoc")
        kind = self.pick(kinds)
        if kind == "number":
            return self.number()
        if kind == "literal":
            return self.pick(["true", "false", "null"])
        if kind == "variable":
            return self.pick(VARIABLES)
        if kind == "string":
            return self.template(0)
        if kind == "traversal":
            return self.traversal(d, nl)
        if kind == "template":
            return self.template(d)
        if kind == "heredoc":
            return self.heredoc(d)
        if kind == "tuple":
            return self.tuple(d)
        if kind == "object":
            return self.object(d)
        if kind == "call":
            return self.call(d)
        if kind == "unary":
            op = self.pick(["-", "!"])
            operand = self.expr(d - 1, nl, tail)
            sep = self.ws(nl)
            if (sep or operand)[0] in _PUNCT:
                sep = " " + sep  # `- -x`, not `--x`
            return op + sep + operand
        if kind == "binary":
            op = self.pick(["+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||"])
            left = self.expr(d - 1, nl, nl)
            right = self.expr(d - 1, nl, tail)
            return self.join([left, op, right], nl)
        if kind == "conditional":
            cond = self.expr(d - 1, nl, nl)
            yes = self.expr(d - 1, nl, nl)
            no = self.expr(d - 1, nl, tail)
            return self.join([cond, "?", yes, ":", no], nl)
        if kind == "parens":
            return self.join(["(", self.expr(d - 1, True, True), ")"], True)
        if kind == "for_tuple":
            return self.for_expr(d, "[", "]")
        return self.for_expr(d, "{", "}")

    def number(self) -> str:
        digits = st.text("0123456789", min_size=1, max_size=4)
        out = self.draw(digits)
        if self.maybe(30):
            out += "." + self.draw(digits)
        if self.maybe(30):
            out += self.pick(["e", "E"]) + self.pick(["", "+", "-"]) + self.draw(digits)
        return out

    def traversal(self, d: int, nl: bool) -> str:
        root_kind = self.pick(["variable", "variable", "call", "parens", "tuple"])
        if root_kind == "variable":
            out = self.pick(VARIABLES)
        elif root_kind == "call":
            out = self.call(d - 1)
        elif root_kind == "parens":
            out = self.join(["(", self.expr(d - 1, True, True), ")"], True)
        else:
            out = self.tuple(d - 1)
        after_legacy = False  # `a.0.1` reads as `a` then the number 0.1
        attr_splat = False  # after `.*`, another splat before any `[` is invalid
        for _ in range(self.count(1, 4)):
            kinds = [".name", "[index]", "[*]"]
            if not after_legacy:
                kinds.append(".0")
            if not attr_splat:
                kinds.append(".*")
            step = self.pick(kinds)
            after_legacy = step == ".0"
            if step == ".name":
                out += "." + self.pick(STEP_NAMES)
            elif step == ".0":
                out += "." + self.pick(["0", "1", "12"])
            elif step == ".*":
                out += ".*"
                attr_splat = True
            elif step == "[*]":
                # `[*]` takes newlines only where its context does, unlike `[index]`.
                out += self.join(["[", "*", "]"], nl)
                attr_splat = False
            else:
                out += self.join(["[", self.expr(d - 1, True, True), "]"], True)
                attr_splat = False
        return out

    def elements(self, d: int, max_items: int) -> list[str]:
        return [self.expr(d - 1, True, True) for _ in range(self.count(0, max_items))]

    def tuple(self, d: int) -> str:
        items = self.elements(d, 3)
        parts = ["["]
        for i, item in enumerate(items):
            if i:
                parts.append(",")
            parts.append(item)
        if items and self.maybe(30):
            parts.append(",")
        parts.append("]")
        return self.join(parts, True)

    def call(self, d: int) -> str:
        name = self.pick(FUNCTIONS) if self.maybe(80) else self.pick(PROVIDER_FUNCTIONS)
        args = self.elements(d, 3)
        parts = [name + "("]
        for i, arg in enumerate(args):
            if i:
                parts.append(",")
            parts.append(arg)
        if args:
            end = self.pick(["", ",", "..."])
            if end:
                parts.append(end)
        parts.append(")")
        return self.join(parts, True)

    def key(self, d: int) -> str:
        kind = self.pick(["name", "name", "string", "parens"])
        if kind == "name":
            return self.pick(KEYS)
        if kind == "string":
            return self.template(max(d - 1, 0))
        return self.join(["(", self.expr(max(d - 1, 0), True, True), ")"], True)

    def object(self, d: int) -> str:
        """``{ k = v, ... }``: newlines separate items, so values must end on their line."""
        n = self.count(0, 3)
        out = "{" + self.ws(True)
        for i in range(n):
            value = self.expr(d - 1, False, True)
            out += self.join([self.key(d), self.pick(["=", ":"]), value], False)
            last = i == n - 1
            if value.endswith("\n"):  # a heredoc: its newline ends the item
                out += self.ws(True)
            elif last and self.maybe(50):
                out += self.ws(False, multiline=False)  # `}` right after the value
            elif self.maybe(50):
                out += self.ws(False) + "," + self.ws(True)
            else:
                out += self.ws(False) + self.pick(["\n", " # c\n", "// c\n"]) + self.ws(True)
        return out + "}"

    def for_intro(self, d: int) -> list[str]:
        names = [self.pick(VARIABLES)]
        if self.maybe(50):
            names += [",", self.pick(VARIABLES)]
        return ["for", *names, "in", self.expr(d - 1, True, True), ":"]

    def for_expr(self, d: int, opener: str, closer: str) -> str:
        parts = [opener, *self.for_intro(d), self.expr(d - 1, True, True)]
        if opener == "{":
            parts += ["=>", self.expr(d - 1, True, True)]
            if self.maybe(30):
                parts.append("...")
        if self.maybe(40):
            parts += ["if", self.expr(d - 1, True, True)]
        parts.append(closer)
        return self.join(parts, True)

    # -- templates --

    def interpolation(self, d: int) -> str:
        opener = self.pick(["${", "${", "${~"])
        closer = self.pick(["}", "}", "~}"])
        return self.join([opener, self.expr(max(d - 1, 0), True, True), closer], True)

    def directive(self, word: str) -> str:
        return self.join([self.pick(["%{", "%{~"]), word, self.pick(["}", "~}"])], True)

    def template_parts(self, d: int, heredoc: bool) -> str:
        out = ""
        for _ in range(self.count(0, 4)):
            kinds = ["literal", "literal"]
            if d > 0:
                kinds += ["interpolation", "if", "for"]
            kind = self.pick(kinds)
            if kind == "literal":
                if heredoc:
                    out += self.text(HEREDOC_ATOMS, 8)
                else:
                    out += "".join(
                        src
                        for src, _ in self.draw(st.lists(st.sampled_from(QUOTED_ATOMS), max_size=8))
                    )
            elif kind == "interpolation":
                out += self.interpolation(d)
            elif kind == "if":
                cond = self.expr(d - 1, True, True)
                out += self.directive(self.join(["if", cond], True))
                out += self.template_parts(d - 1, heredoc)
                if self.maybe(40):
                    out += self.directive("else") + self.template_parts(d - 1, heredoc)
                out += self.directive("endif")
            else:
                intro = self.for_intro(d)[:-1]  # no ":" in a directive
                out += self.directive(self.join(intro, True))
                out += self.template_parts(d - 1, heredoc)
                out += self.directive("endfor")
        return out

    def template(self, d: int) -> str:
        return '"' + self.template_parts(d, heredoc=False) + '"'

    def heredoc(self, d: int) -> str:
        marker = self.pick(MARKERS)
        body = self.template_parts(d, heredoc=True)
        if body and not body.endswith("\n"):
            body += "\n"
        indent = self.pick(["", "", "  ", "\t"])
        trailing = self.pick(["", "", " ", "\t "])
        return f"<<{self.pick(['', '-'])}{marker}\n{body}{indent}{marker}{trailing}\n"

    # -- structure --

    def label(self) -> tuple[str, str]:
        """A block label as written and its value."""
        if self.maybe(30):
            name = self.pick([*VARIABLES, "for", "in", "if"])
            return name, name
        atoms = self.draw(st.lists(st.sampled_from(QUOTED_ATOMS), max_size=6))
        return '"' + "".join(s for s, _ in atoms) + '"', "".join(v for _, v in atoms)

    def attribute(
        self, d: int, used: set[str], for_ok: bool, single_line: bool = False
    ) -> tuple[str, Any]:
        names = [*NAMES, FOR] if for_ok else NAMES
        name = self.pick([n for n in names if n not in used])  # a name is set once per body
        used.add(name)
        value = self.expr(d, False, not single_line)
        return self.join([name, "=", value], False, multiline=not single_line), ("attr", name)

    def block(self, depth: int, indent: str, for_ok: bool) -> tuple[str, Any]:
        btype = self.pick([*BLOCK_TYPES, FOR] if for_ok else BLOCK_TYPES)
        labels = [self.label() for _ in range(self.count(0, 2))]
        head = self.join([btype] + [src for src, _ in labels] + ["{"], False)
        kind = self.pick(
            ["multi", "multi", "empty", "single"] if depth > 0 else ["empty", "single"]
        )
        if kind == "empty":
            text, children = head + self.ws(False, multiline=False) + "}", []
        elif kind == "single":
            attr, spec = self.attribute(self.count(0, 2), set(), False, single_line=True)
            inner = self.join(["{", attr, "}"], False, multiline=False)
            text, children = head + inner[1:], [spec]
        else:
            after = self.ws(False, multiline=False)
            if self.maybe(30):
                after += self.comment(True, multiline=False)
            if not after.endswith("\n"):
                after += "\n"
            body, children = self.body(depth - 1, indent + self.pick(["  ", "\t", "    "]))
            text = head + after + body + self.lines(indent) + indent + "}"
        return text, ("block", btype, [value for _, value in labels], children)

    def lines(self, indent: str) -> str:
        """Blank lines and comment lines between items."""
        out = ""
        for _ in range(self.count(0, 2) if self.maybe(40) else 0):
            out += indent + self.ws(False, multiline=False)
            out += self.comment(True) if self.maybe(70) else "\n"
            if not out.endswith("\n"):
                out += "\n"
        return out

    def body(self, depth: int, indent: str, top: bool = False) -> tuple[str, list[Any]]:
        """Items, each ending with its newline; ``top`` allows the file's last line to lack one."""
        out = ""
        specs = []
        used: set[str] = set()
        n = self.count(0, 4)
        for i in range(n):
            out += self.lines(indent) + indent
            for_ok = True  # `for` as a name first in a block body (once a tffix bug)
            if self.maybe(50):
                item, spec = self.block(depth, indent, for_ok)
            else:
                item, spec = self.attribute(self.count(0, 3), used, for_ok)
            out += item
            specs.append(spec)
            if item.endswith("\n"):
                continue  # a heredoc's newline ends the attribute
            end = self.ws(False)
            if self.maybe(25):
                end += self.comment(True)
            if top and i == n - 1 and self.maybe(30):
                out += end.rstrip("\n")  # the file ends without a final newline
                return out, specs
            if not end.endswith("\n"):
                end += "\n"
            out += end
        if top:
            out += self.lines("")
        return out, specs


@st.composite
def hcl_files(draw: Any) -> tuple[str, list[Any]]:
    """A valid Terraform file and the structure of its items.

    The structure is a list of ``("attr", name)`` and
    ``("block", type, [label values], [children])``.
    """
    writer = _Writer(draw)
    text, spec = writer.body(writer.count(0, 3), "", top=True)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.integers(0, 9)) == 9:
        text = "\ufeff" + text
    return text, spec


def _structure(body: tffix.Body) -> list[Any]:
    out: list[Any] = []
    for item in body.items:
        if isinstance(item, tffix.Attribute):
            out.append(("attr", item.name))
        else:
            out.append(("block", item.type, item.labels, _structure(item.body)))
    return out


@pytest.mark.slow
@settings(max_examples=250, **_SETTINGS)
@given(hcl_files())
def test_generated_valid_hcl_roundtrips_with_its_structure(sample: tuple[str, list[Any]]) -> None:
    """Valid HCL parses, prints back byte for byte, and has the items it was built with.

    Failing to parse valid input, losing or changing any character, or
    attaching an item to the wrong body (e.g. a block read as an attribute or
    a label decoded wrongly) all fail here.
    """
    text, expected = sample
    try:
        module = tffix.parse(text)
    except tffix.ParseError as err:
        pytest.fail(f"valid HCL rejected: {err}\n{text}")
    assert module.code == text
    assert _structure(module.body) == expected
    assert [b.type for b in module.body.blocks] == [s[1] for s in expected if s[0] == "block"]
    assert [a.name for a in module.body.attributes] == [s[1] for s in expected if s[0] == "attr"]


# ---- mutated real files ------------------------------------------------------------

# Inserted by the mutations: HCL's syntax characters, the openers of strings,
# templates, heredocs and comments, line endings, NUL, non-ASCII text, a BOM
# and bytes that are not UTF-8 at all (decoded as lone surrogates).
_INSERTS = [
    *(c.encode() for c in '{}[]()"$%~<>-=#/*\n\r\\ \t.,:?!\'`'),
    b"${", b"%{", b"$${", b"~}", b"/*", b"*/", b"//", b"<<EOT\n", b"<<-EOT\n", b"\nEOT\n",
    b"\r\n", b"for ", b" in ", b" if ", b"...", b"::", b"=>", b"a", b"0", b"1e", b".0",
    b"\x00", b"\x7f", "é".encode(), "\u00a0".encode(), "\ufeff".encode(), "日本".encode(),
    b"\xff", b"\xc3", b"\xe2\x82", b"\x80",
]  # fmt: skip


@functools.cache
def _read(path: Path) -> bytes:
    return path.read_bytes()


@st.composite
def mutants(draw: Any, files: list[Path]) -> tuple[str, bytes]:
    """A file of ``files`` damaged by 1 to 4 byte-level edits, with the file's name.

    Edits: insert syntax characters, delete a range, duplicate a range
    elsewhere, swap two ranges, truncate, or insert one chunk many times.
    """
    path = draw(st.sampled_from(files))
    data = _read(path)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "swap", "truncate", "repeat"]))
        size = len(data)
        i = draw(st.integers(0, size))
        j = draw(st.integers(i, min(size, i + 80)))
        if op == "insert":
            chunk = b"".join(draw(st.lists(st.sampled_from(_INSERTS), min_size=1, max_size=4)))
            data = data[:i] + chunk + data[i:]
        elif op == "delete":
            data = data[:i] + data[j:]
        elif op == "duplicate":
            at = draw(st.integers(0, size))
            data = data[:at] + data[i:j] + data[at:]
        elif op == "swap":  # [i, j) and [k, m) change places
            k = draw(st.integers(j, size))
            m = draw(st.integers(k, min(size, k + 80)))
            data = data[:i] + data[k:m] + data[j:k] + data[i:j] + data[m:]
        elif op == "repeat":  # deep nesting, long runs: `[[[[`, `${${`, `((((`...
            chunk = draw(st.sampled_from(_INSERTS)) * draw(st.integers(2, 300))
            data = data[:i] + chunk + data[i:]
        else:
            data = data[:i]
    return path.name, data


def _parses_or_fails_cleanly(data: bytes) -> None:
    """``parse`` round-trips the text or raises ParseError at a place inside it."""
    text = decode(data)
    assert encode(text) == data
    try:
        module = tffix.parse(text, path="mutant.tf")
    except tffix.ParseError as err:
        assert err.path == "mutant.tf"
        assert str(err).startswith(f"mutant.tf:{err.line}:{err.column}: ")
        lines = text.split("\n")
        assert 1 <= err.line <= len(lines), err
        assert 1 <= err.column <= len(lines[err.line - 1]) + 1, err
    else:
        assert module.code == text


def _own_files() -> list[Path]:
    return sorted(OWN_ROUNDTRIP.glob("*.tf"))


def _shared_files() -> list[Path]:
    return sorted(SHARED_CORPUS.rglob("*.tf")) if SHARED_CORPUS.is_dir() else []


@pytest.mark.slow
@settings(max_examples=400, **_SETTINGS)
@given(mutants(_own_files()))
def test_mutated_own_corpus_roundtrips_or_raises_parse_error(mutant: tuple[str, bytes]) -> None:
    """Damaged copies of ``corpus/roundtrip`` (every construct, edge cases of trivia).

    Whatever the damage, ``parse`` must either give the text back unchanged
    or raise ParseError with a line and column inside the text; any other
    exception (IndexError, AssertionError, RecursionError, ...) is a crash
    that a caller scanning untrusted repositories cannot handle.
    """
    _parses_or_fails_cleanly(mutant[1])


@pytest.mark.slow
@pytest.mark.skipif(
    not _shared_files(), reason=f"shared corpus of real Terraform not found at {SHARED_CORPUS}"
)
@settings(max_examples=400, **_SETTINGS)
@given(st.deferred(lambda: mutants(_shared_files())))
def test_mutated_real_files_roundtrip_or_raise_parse_error(mutant: tuple[str, bytes]) -> None:
    """Damaged copies of real-world modules (``../shared/corpus``): same property.

    Real files are long and varied (heredoc policies, deep nesting, templates),
    so the damage lands in contexts the hand-written corpus lacks.
    """
    _parses_or_fails_cleanly(mutant[1])


# ---- keywords as names ---------------------------------------------------------------

# Valid HCL (`terraform fmt` accepts each) where a keyword is a plain name,
# which tffix's scanner must tell apart from the keyword. Each was once a bug.
KEYWORD_CASES = [
    pytest.param("b {\n  for x {}\n}\n", id="for_block_type_first_in_block_body"),
    pytest.param(
        "b {\n  for /**/ = /**/ x\n}\n",
        id="for_attribute_first_in_block_body_between_comments",
    ),
    pytest.param("a = [for if in xs : if]\n", id="if_as_for_variable"),
    pytest.param("a = [for x in xs : x if if]\n", id="if_as_variable_in_for_condition"),
    pytest.param(
        "a = [for x in xs : 2 * if]\n", id="if_as_variable_after_multiplication_in_for_body"
    ),
    pytest.param("a = [for x in xs : x.* if x]\n", id="if_keyword_after_attribute_splat"),
    pytest.param("a = [for in in in : in if in]\n", id="in_as_every_name_of_a_for"),
]


@pytest.mark.parametrize("text", KEYWORD_CASES)
def test_valid_hcl_with_keywords_as_names_parses(text: str) -> None:
    """``for``/``in``/``if`` used as plain names parse and round-trip (see KEYWORD_CASES)."""
    assert tffix.parse(text).code == text
