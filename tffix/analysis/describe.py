"""Describing an expression in a finding that a person has to act on.

A codemod never overwrites a value computed by an expression (``var.x``,
``local.y``, a conditional): the expression is the author's decision, and a
caller may pass something else. It reports it instead, and the report is
only useful if it says where the value comes from and what to change there:
the variable behind the expression, its default rendered as it would be
written in HCL, and the value it should have. Every codemod words this the
same way::

    aws_kms_key.main: rotation depends on `var.rotate`; make it true
    (variable rotate defaults to false: make that true)

so the pieces live here, next to the static evaluation they rely on.
"""

from __future__ import annotations

import json
import os

from tffix.analysis.evaluate import UNKNOWN
from tffix.analysis.tfvars import tfvars_value
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from tffix.analysis.evaluate import Evaluator


def hcl(value: Any) -> str:
    """A static value as it is written in HCL: ``true``, ``null``, ``14``, ``"Active"``.

    Strings are quoted with JSON's escapes, which HCL shares (``\\"``,
    ``\\\\``, ``\\n``, ``\\uNNNN``). Collections are not written by hand in
    advice and come out as Python shows them.
    """
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return json.dumps(value)
    return str(value)


def source(expr: n.Node) -> str:
    """The expression as written, without the whitespace and comments around it."""
    return expr.code.strip()


def variable_name(expr: n.Expression) -> str | None:
    """``NAME`` when ``expr`` is exactly ``var.NAME``: a value a variable alone decides."""
    if not isinstance(expr, n.Traversal) or expr.root_name() != "var":
        return None
    steps = expr.steps
    return steps[0].name if len(steps) == 1 and isinstance(steps[0], n.GetAttr) else None


def variables(expr: n.Node) -> list[str]:
    """The names of the variables ``expr`` refers to (``var.NAME...``), sorted, once each."""
    names: set[str] = set()
    for node in expr.walk():
        if isinstance(node, n.Traversal) and node.root_name() == "var":
            path = node.names()
            if len(path) > 1 and path[1] is not None:
                names.add(path[1])
    return sorted(names)


def dependence(subject: str, expr: n.Node) -> str:
    """``<subject> depends on `<expr>```: how every finding about a value that an
    expression decides begins, whatever it goes on to ask for."""
    return f"{subject} depends on `{source(expr)}`"


def depends_on(subject: str, expr: n.Node, make_it: str, note: str = "") -> str:
    """The standard finding: ``<subject> depends on `<expr>`; make it <make_it><note>``."""
    return f"{dependence(subject, expr)}; make it {make_it}{note}"


def variables_note(expr: n.Node) -> str:
    """`` (it depends on variables a, b)`` for the variables in ``expr``, or nothing."""
    names = variables(expr)
    return f" (it depends on {_variables_phrase(names)})" if names else ""


def default_note(name: str, default: Any, want: str) -> str:
    """What to change in variable ``name``, whose literal default is ``default``.

    `` (variable NAME defaults to <default>: make that <want>)``, or, when
    the default is not known statically (``UNKNOWN``: no default, or one
    that is computed), `` (variable NAME has no literal default)``.
    """
    if default is UNKNOWN:
        return f" (variable {name} has no literal default)"
    return f" (variable {name} defaults to {hcl(default)}: make that {want})"


def variable_note(evaluator: Evaluator, expr: n.Expression, want: str) -> str:
    """``default_note`` for the variable ``expr`` is, or nothing when it is no variable."""
    name = variable_name(expr)
    if name is None:
        return ""
    return default_note(name, evaluator.variable_default(name), want)


def expression_note(
    evaluator: Evaluator, expr: n.Expression, *, want: str, ok: Callable[[Any], bool]
) -> str | None:
    """None when ``expr`` is statically acceptable (``ok``); else a note on where it comes from.

    For ``var.NAME`` the note says whether the variable is declared, has a
    default and what to make that default; for any other expression, its
    value with the defaults (when known) and the variables it depends on.
    """
    value = evaluator.value(expr)
    if value is not UNKNOWN and ok(value):
        return None
    name = variable_name(expr)
    if name is not None:
        analysis = evaluator.analysis
        block = analysis.variable(name) if analysis is not None else None
        if block is None:
            in_json = analysis.json_declared().get(f"var.{name}") if analysis else None
            if in_json is not None and not in_json.has_default:
                return f" (variable {name} has no default: check what callers pass)"
            if in_json is not None:
                where = os.path.basename(in_json.path)
                return (
                    f" (variable {name} has a default in {where}: check it and what callers pass)"
                )
            return f" (variable {name} is not declared in this module)"
        given = tfvars_value(analysis.directory, name) if analysis is not None else None
        if given is not None:  # Terraform uses it, not the default
            used = evaluator.value(given.value) if isinstance(given.value, n.Node) else given.value
            if used is not UNKNOWN and ok(used):
                return None
            shown = hcl(used) if used is not UNKNOWN else f"`{source(given.value)}`"
            return (
                f" (variable {name} is set to {shown} in {given.file}, which Terraform uses "
                f"instead of its default: make that {want})"
            )
        if block.body.attribute("default") is None:
            return f" (variable {name} has no default: check what callers pass)"
        return default_note(name, value, want)
    if value is UNKNOWN:
        return variables_note(expr)
    names = variables(expr)
    note = f"with the defaults it is {hcl(value)}"
    return f" ({note}; it depends on {_variables_phrase(names)})" if names else f" ({note})"


def _variables_phrase(names: list[str]) -> str:
    return f"variable{'s' * (len(names) > 1)} {', '.join(names)}"
