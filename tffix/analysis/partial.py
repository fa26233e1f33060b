"""Partial evaluation: what is known of a value before ``terraform plan``.

The static evaluator (``evaluate.py``) gives a value only when all of it is
known. Codemods often need less: the *keys* of a ``for_each`` map whose
values refer to resources (``{ ingest = { role = aws_iam_role.ingest.arn } }``),
whether a name built as ``"${var.env}-gh-oauth"`` can equal some literal, or
whether a value is known at all. Giving up on the whole value because one
leaf is unknown makes a codemod silent where the code answers its question.

Values here are ordinary Python values (str, int, float, bool, None, list,
dict) in which any part may be one of:

- ``Unknown``: nothing is known of it, but where it comes from
  (``aws_iam_role.ingest.arn``, ``var.env (no default)``), for messages;
- ``Template``: a string with known and unknown pieces (``"${var.env}-gh-oauth"``
  is ``Template((Unknown(var.env), "-gh-oauth"))``), so known prefixes,
  suffixes and infixes can be compared;
- ``OneOf``: one of several values (a conditional whose condition is not
  known).

A dict whose values are unknown still has known keys; a list with unknown
elements still has a known length. Variables take their value from
``terraform.tfvars`` and ``*.auto.tfvars`` beside the module when those set
them (as Terraform does for a root module), else from their default.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass

from tffix.analysis import evaluate
from tffix.analysis.overrides import effective_local, effective_variable
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError
from tffix.syntax.strings import decode_heredoc, decode_quoted

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    from tffix.analysis.module import ModuleAnalysis


@dataclass(frozen=True, eq=False)
class Unknown:
    """A value nothing is known of, with where it comes from (``aws_iam_role.x.arn``)."""

    origin: str
    reason: str = ""  # why it is not known here: "no default: set by the caller"

    def __repr__(self) -> str:
        return f"Unknown({self.origin})"

    def __str__(self) -> str:
        return f"{self.origin} ({self.reason})" if self.reason else self.origin


@dataclass(frozen=True)
class Template:
    """A string made of known pieces (str) and unknown ones (``Unknown``), in order."""

    parts: tuple[str | Unknown, ...]

    @property
    def prefix(self) -> str:
        """The known text the string starts with."""
        return self.parts[0] if self.parts and isinstance(self.parts[0], str) else ""

    @property
    def suffix(self) -> str:
        """The known text the string ends with."""
        return self.parts[-1] if self.parts and isinstance(self.parts[-1], str) else ""

    def pattern(self) -> re.Pattern[str]:
        """A regular expression matching every string this template can be."""
        pieces = [re.escape(p) if isinstance(p, str) else ".*" for p in self.parts]
        return re.compile("".join(pieces), re.DOTALL)

    def __str__(self) -> str:
        return "".join(p if isinstance(p, str) else "${" + p.origin + "}" for p in self.parts)


@dataclass(frozen=True, eq=False)
class OneOf:
    """One of ``options`` (a conditional whose condition is not known)."""

    options: tuple[Any, ...]
    origin: str = ""


class _Opaque(Exception):
    """A function cannot say anything of its result from what is known of its arguments."""


def _opaque() -> Any:
    raise _Opaque


class _Error(Exception):
    """What Terraform would report as an error (a missing key, a bad argument).

    ``try`` and ``can`` catch it; elsewhere the value becomes ``Unknown``.
    """


def _template(parts: list[Any]) -> str | Template:
    """Join string pieces and unknown pieces; a plain str when everything is known."""
    out: list[str | Unknown] = []
    for part in parts:
        pieces = part.parts if isinstance(part, Template) else (part,)
        for piece in pieces:
            if isinstance(piece, str) and out and isinstance(out[-1], str):
                out[-1] += piece
            elif not (isinstance(piece, str) and piece == ""):
                out.append(piece)
    if all(isinstance(p, str) for p in out):
        return "".join(out)  # type: ignore[arg-type]
    return Template(tuple(out))


def _one_of(options: list[Any], origin: str = "") -> Any:
    """``OneOf`` of the distinct options; the option itself when they all agree."""
    distinct: list[Any] = []
    for option in options:
        flat = option.options if isinstance(option, OneOf) else (option,)
        for value in flat:
            if not any(_same(value, d) for d in distinct):
                distinct.append(value)
    if len(distinct) == 1:
        return distinct[0]
    return OneOf(tuple(distinct), origin)


def _same(a: Any, b: Any) -> bool:
    """Known to be the same value (unknown parts are the same only if they are one object)."""
    if isinstance(a, (Unknown, OneOf)) or isinstance(b, (Unknown, OneOf)):
        return a is b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Template):
        return len(a.parts) == len(b.parts) and all(
            _same(x, y) for x, y in zip(a.parts, b.parts, strict=True)
        )
    return bool(a == b)


# ---- questions codemods ask ----------------------------------------------------


def is_known(value: Any) -> bool:
    """True when every part of ``value`` is known."""
    if isinstance(value, (Unknown, Template, OneOf)):
        return False
    if isinstance(value, dict):
        return all(is_known(v) for v in value.values())
    if isinstance(value, list):
        return all(is_known(v) for v in value)
    return True


def known(value: Any) -> Any:
    """``value`` when it is entirely known, else ``evaluate.UNKNOWN``."""
    return value if is_known(value) else evaluate.UNKNOWN


def unknowns(value: Any) -> list[str]:
    """Where the unknown parts of ``value`` come from, each once, in order."""
    out: list[str] = []

    def visit(v: Any) -> None:
        if isinstance(v, Unknown):
            if str(v) not in out:
                out.append(str(v))
        elif isinstance(v, Template):
            for part in v.parts:
                visit(part)
        elif isinstance(v, OneOf):
            if v.origin and v.origin not in out:
                out.append(v.origin)
            for option in v.options:
                visit(option)
        elif isinstance(v, dict):
            for item in v.values():
                visit(item)
        elif isinstance(v, list):
            for item in v:
                visit(item)

    visit(value)
    return out


def instances(value: Any) -> dict[str, Any] | None:
    """``{each.key: each.value}`` of a ``for_each`` value when its keys are known, else None.

    A map gives its keys (its values may be unknown); a set of strings gives
    its elements, each its own value. A conditional counts when every branch
    has the same keys (the values may differ: they become ``OneOf``).
    """
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return {v: v for v in value}
        return None
    if isinstance(value, OneOf):
        branches = [instances(option) for option in value.options]
        if any(b is None for b in branches):
            return None
        first = branches[0]
        assert first is not None
        if any(list(b or {}) != list(first) for b in branches[1:]):
            return None
        return {k: _one_of([b[k] for b in branches if b is not None]) for k in first}
    return None


def known_keys(value: Any) -> list[str] | None:
    """The keys of a ``for_each`` value (map keys or set elements), when known."""
    found = instances(value)
    return None if found is None else list(found)


def can_equal(a: Any, b: Any) -> bool:
    """False only when ``a`` and ``b`` can never be the same value.

    Strings are compared by their known pieces: ``"${var.env}-gh-oauth"``
    can equal ``"prod-gh-oauth"`` but never ``"github-token"``; two templates
    must agree on their known prefix and suffix.
    """
    if isinstance(a, Unknown) or isinstance(b, Unknown):
        return True
    if isinstance(a, OneOf):
        return any(can_equal(option, b) for option in a.options)
    if isinstance(b, OneOf):
        return any(can_equal(a, option) for option in b.options)
    if isinstance(a, Template) and isinstance(b, str):
        return a.pattern().fullmatch(b) is not None
    if isinstance(a, str) and isinstance(b, Template):
        return b.pattern().fullmatch(a) is not None
    if isinstance(a, Template) and isinstance(b, Template):
        prefix, other = sorted((a.prefix, b.prefix), key=len)
        suffix, other_suffix = sorted((a.suffix, b.suffix), key=len)
        return other.startswith(prefix) and other_suffix.endswith(suffix)
    if isinstance(a, Template) or isinstance(b, Template):
        return isinstance(a, (int, float)) or isinstance(b, (int, float))  # "${n}" == 3?
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(can_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(can_equal(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def describe(value: Any) -> str:
    """A short human form: ``"${var.env}-gh-oauth"``, ``one of "a", "b"``, ``(unknown)``."""
    if isinstance(value, Unknown):
        return f"`{value.origin}`"
    if isinstance(value, Template):
        return json.dumps(str(value))
    if isinstance(value, OneOf):
        return "one of " + ", ".join(describe(o) for o in value.options)
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)


# ---- functions ------------------------------------------------------------------


def _partial_merge(*maps: Any) -> Any:
    out: dict[str, Any] = {}
    for m in maps:
        if m is None:
            continue
        if not isinstance(m, dict):
            raise _Opaque
        out.update(m)
    return out


def _partial_lookup(m: Any, key: Any, *default: Any) -> Any:
    if not isinstance(m, dict) or not isinstance(key, str):
        raise _Opaque
    if key in m:
        return m[key]
    if default:
        return default[0]
    raise _Error(f"lookup: no key {key!r}")


def _partial_concat(*lists: Any) -> Any:
    if not all(isinstance(x, list) for x in lists):
        raise _Opaque
    return [item for lst in lists for item in lst]


def _partial_keys(m: Any) -> Any:
    found = known_keys(m) if isinstance(m, (dict, OneOf)) else None
    if found is None:
        raise _Opaque
    return sorted(found)


def _partial_values(m: Any) -> Any:
    if isinstance(m, dict):
        return [m[k] for k in sorted(m)]
    raise _Opaque


def _partial_toset(items: Any) -> Any:
    if isinstance(items, list) and all(is_known(v) for v in items):
        return evaluate.FUNCTIONS["toset"](items)
    raise _Opaque


def _partial_length(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return len(value)
    if isinstance(value, str):
        return len(value)
    raise _Opaque


def _partial_join(sep: Any, items: Any) -> Any:
    if not isinstance(sep, str) or not isinstance(items, list):
        raise _Opaque
    pieces: list[Any] = []
    for i, item in enumerate(items):
        if i:
            pieces.append(sep)
        pieces.append(_stringify(item))
    return _template(pieces)


def _partial_format(fmt: Any, *args: Any) -> Any:
    if not isinstance(fmt, str):
        raise _Opaque
    pieces: list[Any] = []
    pos = 0
    index = 0
    for match in re.finditer(r"%(%|[-+# 0]*\d*(?:\.\d+)?[sdvfqtbx])", fmt):
        pieces.append(fmt[pos : match.start()])
        pos = match.end()
        verb = match.group(1)
        if verb == "%":
            pieces.append("%")
            continue
        if index >= len(args):
            raise _Error("format: not enough arguments")
        arg = args[index]
        index += 1
        if verb in ("s", "v", "d") and (isinstance(arg, (str, Template, Unknown, int))):
            pieces.append(_stringify(arg))
        elif is_known(arg):
            try:
                pieces.append(evaluate.FUNCTIONS["format"]("%" + verb, arg))
            except (TypeError, ValueError, IndexError) as exc:
                raise _Error(str(exc)) from exc
        else:
            raise _Opaque
    pieces.append(fmt[pos:])
    return _template(pieces)


def _case(method: Callable[[str], str]) -> Callable[[Any], Any]:
    def apply(value: Any) -> Any:
        if isinstance(value, str):
            return method(value)
        if isinstance(value, Template):
            return _template([method(p) if isinstance(p, str) else p for p in value.parts])
        if isinstance(value, Unknown):
            return value  # still unknown, from the same place
        raise _Error("a value that is not a string")

    return apply


def _stringify(value: Any) -> Any:
    """``value`` as a template piece: strings, numbers and bools as Terraform prints them."""
    if isinstance(value, (str, Template, Unknown)):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, OneOf):
        return Unknown(value.origin or "one of several values")
    raise _Error("a collection in a string template")


_PARTIAL_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "merge": _partial_merge,
    "lookup": _partial_lookup,
    "concat": _partial_concat,
    "keys": _partial_keys,
    "values": _partial_values,
    "toset": _partial_toset,
    "tomap": lambda m: m if isinstance(m, dict) else _opaque(),
    "tolist": lambda v: v if isinstance(v, list) else _opaque(),
    "length": _partial_length,
    "join": _partial_join,
    "format": _partial_format,
    "lower": _case(str.lower),
    "upper": _case(str.upper),
    "tostring": lambda v: _stringify(v),
}


# ---- variables from .tfvars -----------------------------------------------------


def _tfvars_files(directory: str) -> list[str]:
    """The variable files Terraform loads by itself, in its order (later ones win), then
    the run's ``--var-file`` files (``tffix.analysis.tfvars``)."""
    from tffix.analysis.tfvars import var_files

    try:
        names = os.listdir(directory)
    except OSError:
        names = []
    ordered: list[str] = [n for n in ("terraform.tfvars", "terraform.tfvars.json") if n in names]
    ordered += sorted(
        name for name in names if name.endswith((".auto.tfvars", ".auto.tfvars.json"))
    )
    return [os.path.join(directory, name) for name in ordered] + var_files()


def read_tfvars(directory: str) -> dict[str, n.Expression | Any]:
    """Variable values set by ``terraform.tfvars`` and ``*.auto.tfvars`` in ``directory``.

    HCL files give expressions (evaluated like defaults), JSON files plain
    values. A file that does not parse is skipped: what it sets is not known
    here, and the defaults stand as they would in the analysis without it.
    """
    from tffix.syntax.parser import parse_file

    values: dict[str, Any] = {}
    for path in _tfvars_files(directory):
        if path.endswith(".json"):
            try:
                with open(path, encoding="utf-8") as f:
                    data = json.load(f)
            except (OSError, ValueError):
                continue
            if isinstance(data, dict):
                values.update(data)
            continue
        try:
            module = parse_file(path)
        except (OSError, ParseError):
            continue
        for attribute in module.body.attributes:
            values[attribute.name] = attribute.value
    return values


# ---- the evaluator --------------------------------------------------------------


class PartialEvaluator:
    """Evaluates expressions of one module to what is known of their values.

    ``tfvars``: when None, the ``.tfvars`` files of the module directory are
    read (when there is an analysis); pass ``{}`` to use defaults only.
    ``inputs=False`` treats every variable as unknown (what a caller may
    set): a value known then is fixed by the module itself.
    """

    def __init__(
        self,
        analysis: ModuleAnalysis | None = None,
        tfvars: dict[str, Any] | None = None,
        *,
        inputs: bool = True,
    ) -> None:
        self.analysis = analysis
        self.inputs = inputs
        if tfvars is None:
            tfvars = read_tfvars(analysis.directory) if analysis is not None else {}
        self.tfvars = tfvars
        self._memo: dict[str, Any] = {}
        self._in_progress: set[str] = set()

    def value(self, expr: n.Node, scope: dict[str, Any] | None = None) -> Any:
        """What is known of ``expr``'s value (``Unknown`` where nothing is)."""
        try:
            return self._eval(expr, scope or {})
        except (_Error, TypeError, ValueError, KeyError, IndexError, ZeroDivisionError):
            return Unknown(expr.code.strip(), "cannot be evaluated here")
        except RecursionError:
            return Unknown(expr.code.strip(), "too deep to evaluate")

    def variable(self, name: str) -> Any:
        """``var.<name>``: its ``.tfvars`` value, else its default, else ``Unknown``."""
        return self._memoised(f"var.{name}", lambda: self._variable(name))

    def local(self, name: str) -> Any:
        """``local.<name>``."""
        return self._memoised(f"local.{name}", lambda: self._local(name))

    def _memoised(self, key: str, compute: Callable[[], Any]) -> Any:
        if key in self._memo:
            return self._memo[key]
        if key in self._in_progress:
            return Unknown(key, "refers to itself")
        self._in_progress.add(key)
        try:
            result = compute()
        finally:
            self._in_progress.discard(key)
        self._memo[key] = result
        return result

    def _variable(self, name: str) -> Any:
        if not self.inputs:
            return Unknown(f"var.{name}", "an input of the module")
        if name in self.tfvars:
            given = self.tfvars[name]
            return self.value(given) if isinstance(given, n.Node) else given
        if self.analysis is None:
            return Unknown(f"var.{name}")
        block = effective_variable(self.analysis, name)  # override files merged
        if block is None:
            return Unknown(f"var.{name}", "not declared")
        default = block.body.attribute("default")
        if default is None:
            return Unknown(f"var.{name}", "no default: set by the caller")
        return self.value(default.value)

    def _local(self, name: str) -> Any:
        if self.analysis is None:
            return Unknown(f"local.{name}")
        attribute = effective_local(self.analysis, name)
        if attribute is None:
            return Unknown(f"local.{name}", "not declared")
        return self.value(attribute.value)

    # ---- nodes -------------------------------------------------------------

    def _eval(self, node: n.Node, scope: dict[str, Any]) -> Any:
        method = getattr(self, "_eval_" + type(node).__name__, None)
        if method is None:
            return Unknown(node.code.strip(), "not evaluated here")
        return method(node, scope)

    def _eval_Number(self, node: n.Number, scope: dict[str, Any]) -> Any:
        return node.value

    def _eval_Literal(self, node: n.Literal, scope: dict[str, Any]) -> Any:
        return node.value

    def _eval_Parens(self, node: n.Parens, scope: dict[str, Any]) -> Any:
        return self._eval(node.expr, scope)

    def _eval_Variable(self, node: n.Variable, scope: dict[str, Any]) -> Any:
        if node.name in scope:
            return scope[node.name]
        return Unknown(node.name)

    def _eval_Tuple(self, node: n.Tuple, scope: dict[str, Any]) -> Any:
        return [self._eval(e, scope) for e in node.elements]

    def _eval_Object(self, node: n.Object, scope: dict[str, Any]) -> Any:
        out: dict[str, Any] = {}
        for item in node.items:
            key: Any = item.key_name()
            if key is None:
                key = self._eval(item.key, scope)
                if isinstance(key, bool):
                    key = "true" if key else "false"
                if not isinstance(key, (str, int, float)):
                    return Unknown(f"a map key `{item.key.code.strip()}` not known here")
            out[str(key)] = self._eval(item.value, scope)
        return out

    def _parts(self, parts: list[n.TemplatePart], scope: dict[str, Any], quoted: bool) -> Any:
        pieces: list[Any] = []
        for part in parts:
            if isinstance(part, n.TemplateLiteral):
                pieces.append(decode_quoted(part.text) if quoted else decode_heredoc(part.text))
            elif isinstance(part, n.Interpolation):
                value = self._eval(part.expr, scope)
                if isinstance(value, (dict, list)) or value is None:
                    raise _Error("a collection or null in a string template")
                pieces.append(_stringify(value))
            else:
                pieces.append(Unknown(f"a template directive `{part.code.strip()}`"))
        return _template(pieces)

    def _eval_TemplateString(self, node: n.TemplateString, scope: dict[str, Any]) -> Any:
        return self._parts(node.parts, scope, quoted=True)

    def _eval_Heredoc(self, node: n.Heredoc, scope: dict[str, Any]) -> Any:
        text = self._parts(node.parts, scope, quoted=False)
        if not node.indented:
            return text
        if not isinstance(text, str):
            return Unknown("an indented heredoc with unknown pieces")
        lines = text.split("\n")
        widths = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
        cut = min(widths, default=0)
        return "\n".join(line[cut:] for line in lines)

    def _eval_Unary(self, node: n.Unary, scope: dict[str, Any]) -> Any:
        value = self._eval(node.operand, scope)
        if not is_known(value):
            return _derived(node, value)
        if node.operator == "-":
            return -value
        if not isinstance(value, bool):
            raise _Error("! of a value that is not a bool")
        return not value

    def _eval_Binary(self, node: n.Binary, scope: dict[str, Any]) -> Any:
        op = node.operator
        left = self._eval(node.left, scope)
        if op == "&&" and left is False:
            return False
        if op == "||" and left is True:
            return True
        right = self._eval(node.right, scope)
        if op in ("==", "!=") and not (is_known(left) and is_known(right)):
            if not can_equal(left, right):
                return op == "!="
            return _derived(node, left, right)
        if not (is_known(left) and is_known(right)):
            if op == "&&" and right is False:
                return False
            if op == "||" and right is True:
                return True
            return _derived(node, left, right)
        if op in ("&&", "||"):
            return bool(right)
        if op in "+-*/%" and (isinstance(left, str) or isinstance(right, str)):
            return Unknown(node.code.strip(), "not evaluated here")
        return evaluate._BINARY[op](left, right)

    def _eval_Conditional(self, node: n.Conditional, scope: dict[str, Any]) -> Any:
        condition = self._eval(node.condition, scope)
        if condition is True:
            return self._eval(node.true_result, scope)
        if condition is False:
            return self._eval(node.false_result, scope)
        if is_known(condition):
            raise _Error("a condition that is not a bool")
        return _one_of(
            [self._eval(node.true_result, scope), self._eval(node.false_result, scope)],
            str(condition if isinstance(condition, Unknown) else _derived(node, condition)),
        )

    def _eval_Call(self, node: n.Call, scope: dict[str, Any]) -> Any:
        name = node.name
        if name == "try":
            return self._try(node, scope)
        if name == "can":
            return self._can(node, scope)
        args = [self._eval(a, scope) for a in node.args]
        if node.expand_final:
            *head, last = args
            if not isinstance(last, list):
                return Unknown(node.code.strip(), "not evaluated here")
            args = [*head, *last]
        if name == "coalesce":
            return self._coalesce(node, args)
        if all(is_known(a) for a in args) and name in evaluate.FUNCTIONS:
            try:
                return evaluate.FUNCTIONS[name](*args)
            except evaluate._Stop as exc:
                raise _Error(name) from exc
        partial = _PARTIAL_FUNCTIONS.get(name)
        if all(is_known(a) for a in args) or partial is None:
            if not all(is_known(a) for a in args):
                return _derived(node, *args)
            return Unknown(node.code.strip(), f"{name}() is not evaluated here")
        try:
            return partial(*args)
        except _Opaque:
            return _derived(node, *args)

    def _try(self, node: n.Call, scope: dict[str, Any]) -> Any:
        """The first argument that evaluates without an error (an unknown one stops here)."""
        for arg in node.args:
            try:
                return self._eval(arg, scope)
            except (_Error, TypeError, ValueError, KeyError, IndexError, ZeroDivisionError):
                continue
        raise _Error("try: every argument failed")

    def _can(self, node: n.Call, scope: dict[str, Any]) -> Any:
        if len(node.args) != 1:
            raise _Error("can takes one argument")
        try:
            value = self._eval(node.args[0], scope)
        except (_Error, TypeError, ValueError, KeyError, IndexError, ZeroDivisionError):
            return False
        return True if is_known(value) else Unknown(node.code.strip(), "not evaluated here")

    @staticmethod
    def _coalesce(node: n.Call, args: list[Any]) -> Any:
        """The first argument that is not null or ""; ``OneOf`` while earlier ones are unknown."""
        candidates: list[Any] = []
        for arg in args:
            if arg is None or arg == "":
                continue
            if is_known(arg) or isinstance(arg, (dict, list)):
                candidates.append(arg)
                return _one_of(candidates, node.code.strip())
            if isinstance(arg, Template) and any(isinstance(p, str) and p for p in arg.parts):
                candidates.append(arg)  # never "": it has known text
                return _one_of(candidates, node.code.strip())
            candidates.append(arg)
        if not candidates:
            raise _Error("coalesce: no non-empty argument")
        return _one_of(candidates, node.code.strip())

    def _eval_Traversal(self, node: n.Traversal, scope: dict[str, Any]) -> Any:
        steps = node.steps
        name = node.root_name()
        if name in scope:
            value = scope[name]
        elif name in ("var", "local") and steps and isinstance(steps[0], n.GetAttr):
            attr = steps[0].name
            value = self.variable(attr) if name == "var" else self.local(attr)
            steps = steps[1:]
        elif name is None:
            value = self._eval(node.root, scope)
        else:
            return Unknown(node.code.strip(), _why(node))
        for step in steps:
            value = self._step(value, step, scope, node)
        return value

    def _step(self, value: Any, step: n.Step, scope: dict[str, Any], node: n.Traversal) -> Any:
        if isinstance(value, Unknown):
            return value
        if isinstance(value, OneOf):
            return _one_of([self._step(o, step, scope, node) for o in value.options], value.origin)
        if isinstance(step, n.GetAttr):
            if not isinstance(value, dict):
                raise _Error(f"attribute {step.name} of a value that is not an object")
            return value[step.name]
        if isinstance(step, n.LegacyIndex):
            return value[step.index]
        if isinstance(step, n.Index):
            key = self._eval(step.expr, scope)
            if not is_known(key):
                return Unknown(node.code.strip(), "its index is not known here")
            if isinstance(value, list):
                return value[int(key)]
            if isinstance(value, dict):
                return value[str(key)]
            raise _Error("index into a value that is not a collection")
        return Unknown(node.code.strip(), "a splat")

    def _for(
        self, node: n.ForTuple | n.ForObject, scope: dict[str, Any]
    ) -> Iterator[tuple[Any, dict[str, Any]]] | None:
        collection = self._eval(node.collection, scope)
        if isinstance(collection, dict):
            pairs: Any = list(collection.items())
        elif isinstance(collection, list):
            pairs = list(enumerate(collection))
        else:
            return None
        out = []
        for key, value in pairs:
            inner = dict(scope)
            inner[node.value_var] = value
            if node.key_var:
                inner[node.key_var] = key
            if node.condition is not None:
                keep = self._eval(node.condition, inner)
                if keep is False:
                    continue
                if keep is not True:
                    return None  # which elements stay is not known
            out.append((key, inner))
        return iter(out)

    def _eval_ForTuple(self, node: n.ForTuple, scope: dict[str, Any]) -> Any:
        found = self._for(node, scope)
        if found is None:
            return Unknown(node.code.strip(), "not evaluated here")
        return [self._eval(node.value_expr, inner) for _key, inner in found]

    def _eval_ForObject(self, node: n.ForObject, scope: dict[str, Any]) -> Any:
        found = self._for(node, scope)
        if found is None:
            return Unknown(node.code.strip(), "not evaluated here")
        out: dict[str, Any] = {}
        for _key, inner in found:
            key = self._eval(node.key_expr, inner)
            if isinstance(key, bool):
                key = "true" if key else "false"
            if not isinstance(key, (str, int, float)):
                return Unknown(f"keys of `{node.code.strip()}` (a key is not known here)")
            value = self._eval(node.value_expr, inner)
            if node.grouping:
                out.setdefault(str(key), []).append(value)
            elif str(key) in out:
                raise _Error(f"duplicate key {key!r} in a for expression")
            else:
                out[str(key)] = value
        return out


def _derived(node: n.Node, *inputs: Any) -> Unknown:
    """An unknown computed from unknown inputs: named by its code, explained by theirs."""
    return Unknown(node.code.strip(), "depends on " + "; ".join(unknowns(list(inputs))))


def _why(node: n.Traversal) -> str:
    """Why a reference to another object is not known here."""
    root = node.root_name()
    if root == "data":
        return "read by a data source at plan time"
    if root in ("each", "count", "self", "path", "terraform"):
        return ""
    if root == "module":
        return "an output of a module call"
    return "known after apply"
