"""AWS007 for-each-key-mismatch: ``[each.key]`` must name an instance that exists.

A resource iterating ``for_each`` over one map and indexing a resource
iterated over another map with ``each.key`` only works when both maps have
the same keys: API Gateway integrations keyed by endpoint that look up
their Lambda functions (keyed by service) with ``each.key`` need the
attribute of each endpoint that names its service instead. The keys of
both maps are asked of the partial evaluator (known keys, unknown values
allowed), so the fix is made only when they are known and exactly one
attribute fits.
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
both maps wires an endpoint to the wrong function (Terraform documentation,
"The for_each Meta-Argument", Referring to Instances).

What it does: for every resource with a `for_each` whose keys are known
without a plan, looks at each `other[each.key]` where `other` is a
resource or data source iterated by `for_each`. Keys are known when they
are literal, even if the values are not (`{ ingest = { role =
aws_iam_role.ingest.arn } }`): through `locals`, variable defaults and
`terraform.tfvars`/`*.auto.tfvars` beside the module (a var file Terraform
does not load by itself, such as `prod.tfvars`, that sets one of those
variables makes the keys of a deployment unknown: reported, unless given to
tffix with `--var-file`), `for` expressions
over literal lists, `merge`, `keys`, `toset`, `lookup`, `try` and
conditionals whose branches have the same keys. When some of this
resource's keys are not keys of `other`, and exactly one attribute of
`each.value` has, for every instance, a value that is a key of `other`,
the index becomes `each.value.<attribute>` (or `each.value` itself for a
map of strings). When no attribute, or more than one, fits, the reference
is reported with the keys that do not match, and left alone. Keys that
depend on resources, data sources or variables without a default are not
guessed at: the finding names where they come from. Two resources that
iterate over the same expression, or one over the other
(`for_each = aws_lambda_function.fn`), have the same keys and are fine. An
index the author guards against a missing key is fine too: inside `try()`
or `can()`, or in a branch of a conditional that tests `each.key`
(`contains(keys(local.functions), each.key) ? fn[each.key].arn : ...`):
Terraform reports errors of the selected branch only, so it plans as
written, and a key of both collections is looked up there on purpose.

Fix safety: safe. The index changes only when some keys of the resource
are not keys of the resource it indexes: as written, `terraform plan`
fails with "Invalid index", so no deployment of this code exists that the
fix could alter. Before editing it checks that the keys of both `for_each`
are known and that exactly one attribute of `each.value` holds, for every
instance, a key of the other resource; otherwise it reports and edits
nothing. What it could break: a caller of a reusable module that passes
other keys than the variable defaults; the attribute picked is still the
one naming the other resource's instance.

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

    def triggers(self, ctx: ModuleContext) -> Iterator[tuple[str, n.Block]]:
        """Resources with ``for_each`` indexing another iterated object with ``each.key``."""
        iterated = _iterated(ctx)
        for path, block in ctx.targets():
            if _candidates(block, iterated):
                yield path, block

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        self._ctx = ctx
        iterated = _iterated(ctx)
        if not iterated:
            # Nothing has for_each: no block is iterated, none has a candidate. (Not
            # even the targets are listed: every resource's waivers read for nothing.)
            return
        targets = ctx.targets()
        # (imported and built only for a module that iterates something: start-up)
        from tffix.analysis.partial import PartialEvaluator, instances, unknowns

        evaluator = PartialEvaluator(ctx.analysis)
        keys_of: dict[str, Any] = {}

        def keys(address: str) -> Any:
            if address not in keys_of:
                for_each = iterated[address].body.attribute("for_each")
                assert for_each is not None
                value = evaluator.value(for_each.value)
                found = instances(value)
                keys_of[address] = found if found is not None else unknowns(value)
            return keys_of[address]

        for path, block in targets:
            own = f"{block.labels[0]}.{block.labels[1]}" if len(block.labels) == 2 else ""
            candidates = _candidates(block, iterated)
            guards = _guards(block) if candidates else {}
            for trav, step, target in candidates:
                guard = guards.get(id(trav))
                if guard is not None:
                    # The author handles a missing key: as written it plans, and a key
                    # of both collections is looked up on purpose (no fix to make).
                    yield self.fine(
                        path,
                        trav,
                        f"{own}: indexes {target} with each.key {guard}, which handles a key "
                        f"{target} lacks: Terraform evaluates only the branch or expression "
                        "that applies (try: https://developer.hashicorp.com/terraform/"
                        "language/functions/try)",
                    )
                    continue
                yield from self._judge(path, own, trav, step, target, keys, iterated)

    def _judge(
        self,
        path: str,
        own: str,
        trav: n.Traversal,
        step: n.Index,
        target: str,
        keys: Any,
        iterated: dict[str, n.Block],
    ) -> Iterator[Finding]:
        mine = keys(own)
        theirs = keys(target)
        if _same_collection(iterated[own], iterated[target], target):
            yield self.fine(
                path, trav, f"{own} and {target} iterate over the same collection: same keys"
            )
            return
        if isinstance(mine, list) or isinstance(theirs, list):
            facts = []
            if isinstance(mine, list):
                facts.append(f"the keys of {own} come from {_facts(mine)}")
            if isinstance(theirs, list):
                facts.append(f"the keys of {target} come from {_facts(theirs)}")
            yield self.manual(
                path,
                trav,
                f"{own}: indexes {target} with each.key, but whether they have the same keys "
                f"is not known without a plan ({'; '.join(facts)}); check that every key of "
                f"{own} is a key of {target}, or index by the attribute that names the "
                f"{target} instance",
            )
            return
        missing = [k for k in mine if k not in theirs]
        if not missing:
            yield self.fine(path, trav, f"{own}: every key of its for_each is a key of {target}")
            return
        fits = _fitting(mine, set(theirs))
        chosen = _set_per_deployment(self._ctx, [iterated[own], iterated[target]])
        if len(fits) == 1 and chosen is not None:
            # The keys worked out are the defaults' (and auto-loaded files'); a var file a
            # deployment passes (-var-file) may give keys that match as written.
            variable, where = chosen
            index = "each.value" if fits[0] is None else f"each.value.{fits[0]}"
            yield self.manual(
                path,
                trav,
                f"{own}: indexes {target} with each.key, and with the values the module "
                f"shows its keys ({_show(missing)}) are not keys of {target}, but var."
                f"{variable} is also set by {where}, which a deployment passes with "
                "-var-file and which may give both the same keys; check the keys it "
                f"deploys with (or give it to tffix with --var-file), and index by {index} "
                "where they differ",
            )
            return
        if len(fits) == 1:
            (attribute,) = fits
            new = "each.value" if attribute is None else f"each.value.{attribute}"
            edit.replace(step, step.expr, new)
            yield self.fixed(
                path,
                trav,
                f"{own}: indexed {target} with each.key, but its keys "
                f"({_show(missing)}) are not keys of {target}; now uses {new}",
            )
            return
        if fits:
            names = ", ".join(
                "each.value" if a is None else f"each.value.{a}" for a in sorted(fits, key=str)
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
            f"{own}: indexes {target} with each.key, but {_show(missing)} "
            f"{_not_keys(missing)} of {target}; {advice}",
        )


def _set_per_deployment(ctx: ModuleContext, blocks: list[n.Block]) -> tuple[str, str] | None:
    """(variable, file) when a ``for_each`` of ``blocks`` reads a variable that a var file
    beside the module which Terraform does not load by itself (``prod.tfvars``, given
    with ``-var-file``) sets: the keys of a deployment may differ from the defaults."""
    import os

    from tffix.analysis.names import traversals_through_locals
    from tffix.analysis.tfvars import var_files

    auto = ("terraform.tfvars", "terraform.tfvars.json")
    given = {os.path.abspath(p) for p in var_files()}
    try:
        names = sorted(os.listdir(ctx.directory))
    except OSError:
        return None
    files = [
        name
        for name in names
        if name.endswith((".tfvars", ".tfvars.json"))
        and name not in auto
        and not name.endswith((".auto.tfvars", ".auto.tfvars.json"))
        and os.path.abspath(os.path.join(ctx.directory, name)) not in given
    ]
    if not files:
        return None
    read = []
    for block in blocks:
        for_each = block.body.attribute("for_each")
        if for_each is None:
            continue
        for trav in traversals_through_locals(ctx.analysis, for_each.value):
            found = trav.names()
            if found[0] == "var" and len(found) > 1 and found[1] is not None:
                read.append(str(found[1]))
    if not read:
        return None
    from tffix.engine import inputs
    from tffix.syntax.errors import ParseError
    from tffix.syntax.parser import parse_file

    for name in files:
        path = os.path.join(ctx.directory, name)
        inputs.note(path)
        try:
            if name.endswith(".json"):
                import json

                with open(path, encoding="utf-8") as handle:
                    data = json.load(handle)
                set_here = set(data) if isinstance(data, dict) else set()
            else:
                set_here = {a.name for a in parse_file(path).body.attributes}
        except (OSError, ValueError, ParseError):
            continue
        for variable in read:
            if variable in set_here:
                return variable, name
    return None


def _iterated(ctx: ModuleContext) -> dict[str, n.Block]:
    """Address -> block of every resource and data source with ``for_each``."""
    iterated: dict[str, n.Block] = {}
    for declaration in ctx.analysis.declared():
        node = declaration.node
        if (
            declaration.kind in ("resource", "data")
            and isinstance(node, n.Block)
            and node.body.attribute("for_each") is not None
        ):
            iterated[declaration.address] = node
    return iterated


def _candidates(
    block: n.Block, iterated: dict[str, n.Block]
) -> list[tuple[n.Traversal, n.Index, str]]:
    """``other[each.key]`` references of an iterated resource to another iterated object."""
    if len(block.labels) != 2 or block.body.attribute("for_each") is None:
        return []
    own = f"{block.labels[0]}.{block.labels[1]}"
    return [c for c in _each_key_indexes(block, iterated) if c[2] != own]


def _guards(block: n.Block) -> dict[int, str]:
    """The traversals of ``block`` an author guarded against a missing key (by id), with
    the guard in words: inside ``try(...)`` or ``can(...)``, or in a branch of a
    conditional whose condition reads ``each.key`` (``contains(keys(x), each.key) ?
    x[each.key].y : ...``); only the selected branch's errors count."""
    guarded: dict[int, str] = {}
    for node in block.walk():
        if isinstance(node, n.Call) and node.name in ("try", "can"):
            for inner in edit.traversals(node):
                guarded.setdefault(id(inner), f"inside {node.name}()")
        elif isinstance(node, n.Conditional) and "each.key" in "".join(node.condition.code.split()):
            condition = " ".join(node.condition.code.split())
            for branch in (node.true_result, node.false_result):
                for inner in edit.traversals(branch):
                    guarded.setdefault(id(inner), f"behind the condition `{condition}`")
    return guarded


def _same_collection(mine: n.Block, theirs: n.Block, target: str) -> bool:
    """True when both ``for_each`` are the same expression, or mine iterates over ``target``.

    ``for_each = aws_lambda_function.fn`` has the keys of ``aws_lambda_function.fn``
    whatever they are; two resources over ``var.services`` have the same keys.
    """
    a = mine.body.attribute("for_each")
    b = theirs.body.attribute("for_each")
    assert a is not None and b is not None
    code = "".join(a.value.code.split())
    if code == "".join(b.value.code.split()):
        return True
    return code == target or (target.startswith("data.") and code == target)


def _facts(origins: list[str]) -> str:
    return ", ".join(origins[:_SHOWN]) + (", ..." if len(origins) > _SHOWN else "") or "unknown"


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
    if values and all(_is_key(v, theirs) for v in values):
        return [None]
    if not values or not all(isinstance(v, dict) for v in values):
        return []
    common = set(values[0]).intersection(*values[1:])
    return [
        name
        for name in sorted(common)
        if name.isidentifier() and all(_is_key(v[name], theirs) for v in values)
    ]


def _is_key(value: Any, theirs: set[str]) -> bool:
    """A known string (or one of known strings) that is a key of ``theirs``."""
    from tffix.analysis.partial import OneOf

    if isinstance(value, OneOf):
        return all(_is_key(option, theirs) for option in value.options)
    return isinstance(value, str) and value in theirs


def _not_keys(missing: list[str]) -> str:
    return "is not a key" if len(missing) == 1 else "are not keys"


def _show(keys: Any) -> str:
    keys = list(keys)
    shown = ", ".join(f'"{k}"' for k in keys[:_SHOWN])
    return shown + (", ..." if len(keys) > _SHOWN else "")
