"""Static evaluation: the value of an expression when it is known without a plan.

Codemods need some values before Terraform ever runs: the keys of a
``for_each`` map defined in ``locals``, a variable's literal default, the
literal ``false`` that should become ``true``. This evaluates literals,
collections, string templates, arithmetic and logic, conditionals, ``for``
expressions, ``var.*`` defaults, ``local.*`` values and a set of pure
functions; anything else (resource attributes, data sources, impure or
unknown functions) is ``UNKNOWN``, and so is every expression that uses it.
"""

from __future__ import annotations

import operator

from tffix.analysis.module import ModuleAnalysis
from tffix.analysis.overrides import effective_local, effective_variable
from tffix.syntax import nodes as n
from tffix.syntax.strings import decode_heredoc, decode_quoted

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "%": operator.mod,
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    ">": operator.gt,
    "<=": operator.le,
    ">=": operator.ge,
}


class _Unknown:
    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        raise TypeError("UNKNOWN has no truth value; compare with `is UNKNOWN`")


UNKNOWN: Any = _Unknown()


class _Stop(Exception):
    """Raised inside evaluation when a value is unknown; caught at the top."""


def _known(value: Any) -> Any:
    if value is UNKNOWN:
        raise _Stop
    return value


def _flatten(value: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in value:
        if isinstance(item, list):
            out.extend(_flatten(item))
        else:
            out.append(item)
    return out


def _distinct(values: list[Any]) -> list[Any]:
    out: list[Any] = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


def _merge(*maps: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for m in maps:
        out.update(m)
    return out


def _lookup(m: dict[str, Any], key: str, *default: Any) -> Any:
    if key in m:
        return m[key]
    if default:
        return default[0]
    raise _Stop


def _coalesce(*values: Any) -> Any:
    for v in values:
        if v is not None and v != "":
            return v
    raise _Stop


def _toset(values: list[Any]) -> list[Any]:
    # Terraform sets of strings iterate in lexical order.
    unique = _distinct(values)
    try:
        return sorted(unique)
    except TypeError:
        return unique


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "merge": _merge,
    "concat": lambda *lists: [x for lst in lists for x in lst],
    "keys": lambda m: sorted(m),
    "values": lambda m: [m[k] for k in sorted(m)],
    "length": len,
    "lower": str.lower,
    "upper": str.upper,
    "tolist": list,
    "toset": _toset,
    "tomap": dict,
    "tostring": str,
    "lookup": _lookup,
    "join": lambda sep, items: sep.join(items),
    "split": lambda sep, s: s.split(sep),
    "coalesce": _coalesce,
    "flatten": _flatten,
    "distinct": _distinct,
    "contains": lambda items, v: v in items,
    "format": lambda fmt, *args: fmt.replace("%s", "{}").replace("%d", "{}").format(*args),
    "replace": lambda s, old, new: s.replace(old, new),
    "trimspace": str.strip,
    "zipmap": lambda ks, vs: dict(zip(ks, vs, strict=True)),
    "min": min,
    "max": max,
    "abs": abs,
}


class Evaluator:
    """Evaluates expressions of one module; values of locals are memoised."""

    def __init__(self, analysis: ModuleAnalysis | None = None) -> None:
        self.analysis = analysis
        self._locals: dict[str, Any] = {}
        self._in_progress: set[str] = set()

    def value(self, expr: n.Node, scope: dict[str, Any] | None = None) -> Any:
        """The value of ``expr``, or ``UNKNOWN``."""
        try:
            return self._eval(expr, scope or {})
        except (_Stop, TypeError, ValueError, KeyError, IndexError, ZeroDivisionError):
            return UNKNOWN

    def variable_default(self, name: str) -> Any:
        if self.analysis is None:
            return UNKNOWN
        block = effective_variable(self.analysis, name)  # override files merged
        if block is None:
            return UNKNOWN
        default = block.body.attribute("default")
        return UNKNOWN if default is None else self.value(default.value)

    def local_value(self, name: str) -> Any:
        if name in self._locals:
            return self._locals[name]
        if self.analysis is None or name in self._in_progress:
            return UNKNOWN
        attribute = effective_local(self.analysis, name)
        if attribute is None:
            return UNKNOWN
        self._in_progress.add(name)
        try:
            result = self.value(attribute.value)
        finally:
            self._in_progress.discard(name)
        self._locals[name] = result
        return result

    # ---- the evaluator ---------------------------------------------------------

    def _eval(self, node: n.Node, scope: dict[str, Any]) -> Any:
        method = getattr(self, "_eval_" + type(node).__name__, None)
        if method is None:
            raise _Stop
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
        raise _Stop

    def _eval_Tuple(self, node: n.Tuple, scope: dict[str, Any]) -> Any:
        return [self._eval(e, scope) for e in node.elements]

    def _eval_Object(self, node: n.Object, scope: dict[str, Any]) -> Any:
        out: dict[str, Any] = {}
        for item in node.items:
            key = item.key_name()
            if key is None:
                key = self._eval(item.key, scope)
            out[str(key)] = self._eval(item.value, scope)
        return out

    def _template(self, parts: list[n.TemplatePart], scope: dict[str, Any], quoted: bool) -> str:
        out: list[str] = []
        for part in parts:
            if isinstance(part, n.TemplateLiteral):
                out.append(decode_quoted(part.text) if quoted else decode_heredoc(part.text))
            elif isinstance(part, n.Interpolation):
                value = _known(self._eval(part.expr, scope))
                if isinstance(value, bool):
                    value = "true" if value else "false"
                elif isinstance(value, (dict, list)) or value is None:
                    raise _Stop
                out.append(str(value))
            else:
                raise _Stop  # directives: rare in values codemods need
        return "".join(out)

    def _eval_TemplateString(self, node: n.TemplateString, scope: dict[str, Any]) -> Any:
        return self._template(node.parts, scope, quoted=True)

    def _eval_Heredoc(self, node: n.Heredoc, scope: dict[str, Any]) -> Any:
        text = self._template(node.parts, scope, quoted=False)
        if node.indented:
            lines = text.split("\n")
            widths = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
            cut = min(widths, default=0)
            text = "\n".join(line[cut:] for line in lines)
        return text

    def _eval_Unary(self, node: n.Unary, scope: dict[str, Any]) -> Any:
        value = _known(self._eval(node.operand, scope))
        if node.operator == "-":
            return -value
        if not isinstance(value, bool):
            raise _Stop
        return not value

    def _eval_Binary(self, node: n.Binary, scope: dict[str, Any]) -> Any:
        op = node.operator
        left = _known(self._eval(node.left, scope))
        if op == "&&" and left is False:
            return False
        if op == "||" and left is True:
            return True
        right = _known(self._eval(node.right, scope))
        if op in ("&&", "||"):
            return bool(right)
        if op in "+-*/%" and (isinstance(left, str) or isinstance(right, str)):
            raise _Stop  # HCL converts strings to numbers here; not worth guessing
        return _BINARY[op](left, right)

    def _eval_Conditional(self, node: n.Conditional, scope: dict[str, Any]) -> Any:
        condition = _known(self._eval(node.condition, scope))
        if not isinstance(condition, bool):
            raise _Stop
        return self._eval(node.true_result if condition else node.false_result, scope)

    def _eval_Call(self, node: n.Call, scope: dict[str, Any]) -> Any:
        function = FUNCTIONS.get(node.name)
        if function is None:
            raise _Stop
        args = [_known(self._eval(a, scope)) for a in node.args]
        if node.expand_final:
            *head, last = args
            args = [*head, *last]
        return function(*args)

    def _eval_Traversal(self, node: n.Traversal, scope: dict[str, Any]) -> Any:
        root = node.root
        steps = node.steps
        name = node.root_name()
        if name in scope:
            value = scope[name]
        elif name in ("var", "local") and steps and isinstance(steps[0], n.GetAttr):
            attr = steps[0].name
            value = self.variable_default(attr) if name == "var" else self.local_value(attr)
            steps = steps[1:]
        elif name is None:
            value = self._eval(root, scope)
        else:
            raise _Stop
        for step in steps:
            value = _known(value)
            if isinstance(step, n.GetAttr):
                value = value[step.name]
            elif isinstance(step, n.LegacyIndex):
                value = value[step.index]
            elif isinstance(step, n.Index):
                key = _known(self._eval(step.expr, scope))
                value = value[int(key)] if isinstance(value, list) else value[str(key)]
            else:
                raise _Stop  # splats
        return _known(value)

    def _for(self, node: n.ForTuple | n.ForObject, scope: dict[str, Any]) -> list[tuple[Any, dict]]:
        collection = _known(self._eval(node.collection, scope))
        pairs = collection.items() if isinstance(collection, dict) else enumerate(collection)
        out = []
        for key, value in pairs:
            inner = dict(scope)
            inner[node.value_var] = value
            if node.key_var:
                inner[node.key_var] = key
            condition = node.condition
            if condition is not None:
                keep = _known(self._eval(condition, inner))
                if keep is not True:
                    continue
            out.append((key, inner))
        return out

    def _eval_ForTuple(self, node: n.ForTuple, scope: dict[str, Any]) -> Any:
        return [self._eval(node.value_expr, inner) for _key, inner in self._for(node, scope)]

    def _eval_ForObject(self, node: n.ForObject, scope: dict[str, Any]) -> Any:
        out: dict[str, Any] = {}
        for _key, inner in self._for(node, scope):
            key = str(_known(self._eval(node.key_expr, inner)))
            value = self._eval(node.value_expr, inner)
            if node.grouping:
                out.setdefault(key, []).append(value)
            else:
                out[key] = value
        return out


def evaluate(expr: n.Node, analysis: ModuleAnalysis | None = None) -> Any:
    """The static value of ``expr`` (``UNKNOWN`` when it depends on what only a plan knows)."""
    return Evaluator(analysis).value(expr)
