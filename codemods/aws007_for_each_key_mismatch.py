"""AWS007 for-each-key-mismatch: ``[each.key]`` must name an instance that exists.

A resource iterating ``for_each`` over one map and indexing a resource
iterated over another map with ``each.key`` only works when both maps have
the same keys. The seed's API Gateway integrations were keyed by endpoint
but looked up their Lambda functions (keyed by service) with ``each.key``;
the attribute of each endpoint that names its service was the right index.
Both maps are evaluated statically (locals, variable defaults), so the fix
is made only when the keys are known and exactly one attribute fits.
"""

from __future__ import annotations

from tffix.cst import edit
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

_SHOWN = 4  # keys quoted in a message before "..."


class ForEachKeyMismatch(Codemod):
    """``other[each.key]`` becomes ``other[each.value.<attr>]`` when the keys differ."""

    code = "AWS007"
    name = "for-each-key-mismatch"
    summary = "Resources iterated over one map index resources of another map by the right key"
    seed_section = "§10 API Gateway Integration Key Mismatches"
    documentation = ("https://developer.hashicorp.com/terraform/language/meta-arguments/for_each",)
    checks = ()
    safety = Safety.SAFE
    explanation = """\
Why: `aws_lambda_function.fn[each.key]` inside a resource whose `for_each`
is a different map only works when the two maps share their keys. When
they do not (routes keyed by endpoint, functions keyed by service), the
plan fails with "Invalid index", or worse, a key that happens to exist in
both maps wires an endpoint to the wrong function: API Gateway
integrations keyed by endpoint that index functions keyed by service are
the typical case.

What it does: for every resource with a `for_each` whose keys are known
without a plan (literal maps, sets, `locals`, variable defaults, `for`
expressions), looks at each `other[each.key]` where `other` is a resource
or data source iterated by `for_each` with known keys. When some of this
resource's keys are not keys of `other`, and exactly one attribute of
`each.value` has, for every instance, a value that is a key of `other`,
the index becomes `each.value.<attribute>` (or `each.value` itself for a
map of strings). When no attribute, or more than one, fits, the reference
is reported with the keys that do not match, and left alone. Keys that
depend on resources or data sources are not guessed at.

Example:

    locals {
      functions = { users = {}, orders = {} }
      endpoints = {
        list_users  = { service = "users", method = "GET" }
        create_order = { service = "orders", method = "POST" }
      }
    }

    resource "aws_api_gateway_integration" "endpoint" {
      for_each = local.endpoints
    -  uri      = aws_lambda_function.service[each.key].invoke_arn
    +  uri      = aws_lambda_function.service[each.value.service].invoke_arn
    }
"""

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        from tffix.analysis.evaluate import UNKNOWN, Evaluator

        evaluator = Evaluator(ctx.analysis)
        iterated: dict[str, n.Block] = {}
        for declaration in ctx.analysis.declared():
            node = declaration.node
            if (
                declaration.kind in ("resource", "data")
                and isinstance(node, n.Block)
                and node.body.attribute("for_each") is not None
            ):
                iterated[declaration.address] = node
        keys_of: dict[str, Any] = {}

        def keys(address: str) -> Any:
            if address not in keys_of:
                for_each = iterated[address].body.attribute("for_each")
                assert for_each is not None
                keys_of[address] = _instances(evaluator.value(for_each.value), UNKNOWN)
            return keys_of[address]

        for path, block in ctx.resources():
            if len(block.labels) != 2 or block.body.attribute("for_each") is None:
                continue
            own = f"{block.labels[0]}.{block.labels[1]}"
            for trav, step, target in _each_key_indexes(block, iterated):
                if target == own:
                    continue
                mine = keys(own)
                theirs = keys(target)
                if mine is UNKNOWN or theirs is UNKNOWN:
                    continue
                missing = [k for k in mine if k not in theirs]
                if not missing:
                    continue
                label = own
                fits = _fitting(mine, set(theirs))
                if len(fits) == 1:
                    (attribute,) = fits
                    new = "each.value" if attribute is None else f"each.value.{attribute}"
                    edit.replace(step, step.expr, new)
                    yield self.fixed(
                        path,
                        trav,
                        f"{label}: indexed {target} with each.key, but its keys "
                        f"({_show(missing)}) are not keys of {target}; now uses {new}",
                    )
                    continue
                if fits:
                    names = ", ".join(
                        "each.value" if a is None else f"each.value.{a}"
                        for a in sorted(fits, key=str)
                    )
                    advice = f"several values could be the key ({names}): pick the right one"
                else:
                    advice = (
                        f"no attribute of each.value holds keys of {target} "
                        f"({_show(theirs)}): fix the index or the maps"
                    )
                yield self.manual(
                    path,
                    trav,
                    f"{label}: indexes {target} with each.key, but {_show(missing)} "
                    f"{_not_keys(missing)} of {target}; {advice}",
                )


def _instances(value: Any, unknown: Any) -> Any:
    """``{key: each.value}`` of a ``for_each`` value, or UNKNOWN."""
    if value is unknown:
        return unknown
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return {v: v for v in value}  # a set of strings: each.value is each.key
    return unknown


def _is_each_key(expr: n.Expression) -> bool:
    if isinstance(expr, n.TemplateString):
        parts = expr.parts
        if len(parts) == 1 and isinstance(parts[0], n.Interpolation):
            expr = parts[0].expr
    return isinstance(expr, n.Traversal) and expr.names() == ["each", "key"]


def _each_key_indexes(
    block: n.Block, iterated: dict[str, n.Block]
) -> Iterator[tuple[n.Traversal, n.Index, str]]:
    """(traversal, its ``[each.key]`` step, indexed address) of iterated objects in ``block``."""
    for trav in list(edit.traversals(block)):
        names = trav.names()
        root = names[0]
        if root is None:
            continue
        width = 3 if root == "data" else 2
        if len(names) <= width or None in names[:width]:
            continue
        if not all(isinstance(s, n.GetAttr) for s in trav.steps[: width - 1]):
            continue
        address = ".".join(str(x) for x in names[:width])
        if address not in iterated:
            continue
        step = trav.steps[width - 1]
        if isinstance(step, n.Index) and _is_each_key(step.expr):
            yield trav, step, address


def _fitting(mine: dict[str, Any], theirs: set[str]) -> list[str | None]:
    """Attributes of each.value whose values are all keys of ``theirs`` (None: each.value)."""
    values = list(mine.values())
    if values and all(isinstance(v, str) for v in values):
        return [None] if all(v in theirs for v in values) else []
    if not values or not all(isinstance(v, dict) for v in values):
        return []
    common = set(values[0]).intersection(*values[1:])
    return [
        name
        for name in sorted(common)
        if name.isidentifier()
        and all(isinstance(v[name], str) and v[name] in theirs for v in values)
    ]


def _not_keys(missing: list[str]) -> str:
    return "is not a key" if len(missing) == 1 else "are not keys"


def _show(keys: Any) -> str:
    keys = list(keys)
    shown = ", ".join(f'"{k}"' for k in keys[:_SHOWN])
    return shown + (", ..." if len(keys) > _SHOWN else "")
