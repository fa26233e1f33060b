"""AWS012 dynamodb-on-demand: DynamoDB tables bill per request instead of fixed capacity."""

from __future__ import annotations

from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.cst.placement import LEADING_META, leading_attributes
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from tffix.analysis.evaluate import Evaluator
    from tffix.analysis.module import ModuleAnalysis

_ON_DEMAND = "PAY_PER_REQUEST"
_CAPACITY = ("read_capacity", "write_capacity")
# Resources that drive a scalable target; they go when the target goes.
_SCALING = ("aws_appautoscaling_policy", "aws_appautoscaling_scheduled_action")


class DynamodbOnDemand(Codemod):
    """``aws_dynamodb_table`` whose billing is left open (or on-demand already) bills on demand;
    a provisioned-capacity choice is reported, never switched."""

    code = "AWS012"
    name = "dynamodb-on-demand"
    summary = "DynamoDB tables with no billing choice bill on demand; provisioned ones are reported"
    seed_section = "Infrastructure improvements, 4. Cost Optimization (DynamoDB on-demand billing)"
    documentation = (
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/capacity-mode.html",
    )
    checks = ("CKV2_AWS_16",)
    safety = Safety.UNSAFE
    explanation = """\
Why: a table with no billing mode and no capacity gets the provider's
default, `PROVISIONED`, which then needs `read_capacity` and
`write_capacity`: the configuration is incomplete. On-demand billing
(`PAY_PER_REQUEST`) scales with every request and costs nothing at rest,
which suits spiky or young workloads. Where the author did choose
provisioned throughput, that is a cost decision: checkov CKV2_AWS_16 asks
such a table for Application Auto Scaling, not for on-demand billing.

What it does: only where the module leaves the billing choice open, or
has made it for on-demand already:
- no `billing_mode` and no capacity (table or indexes): writes
  `billing_mode = "PAY_PER_REQUEST"` after `name`;
- `billing_mode = "PAY_PER_REQUEST"` (written out, or a local holding it)
  with leftover `read_capacity`/`write_capacity` on the table or in a
  `global_secondary_index` (`dynamic` ones included): removes them, since
  the provider refuses table capacity on an on-demand table and DynamoDB
  refuses index throughput. Comments written on the removed lines go with
  them, and the finding names variables that only fed those lines.

It edits nothing and reports, with what to do, when:
- `billing_mode = "PROVISIONED"` is written out (or fixed by a local), or
  capacities are set without a billing mode: the author chose provisioned
  capacity. The finding names the choice and the two ways forward:
  `aws_appautoscaling_target`/`aws_appautoscaling_policy` for reads and
  writes (what CKV2_AWS_16 checks), or on-demand by hand;
- `aws_appautoscaling_target`s of the module scale the table (their
  `resource_id` refers to it): the finding lists what to delete if
  on-demand is still wanted;
- `lifecycle { ignore_changes }` lists the capacities: something outside
  this module manages them;
- `billing_mode` is an expression that may be an input of the module (a
  variable, also through locals): the finding names the variable and, when
  its default is a literal, says what it is.

Fix safety: unsafe (runs only with `--unsafe-fixes`). Writing the billing
mode of a table that had none completes a configuration the provider
cannot apply as written (PROVISIONED without capacity); removing capacity
from an on-demand table removes values DynamoDB ignores or rejects. Both
are in place: no table is replaced and no data is touched. It never
switches a table whose author chose provisioned capacity (DynamoDB
Developer Guide, "Considerations when switching capacity modes": the
switch changes cost and behaviour under load, and DynamoDB limits how often
a table may switch). It checks first that no Application Auto Scaling
target of the module scales the table, that `ignore_changes` does not hand
the capacities to something else, and that the billing mode is not a
caller's choice.

Example:

    resource "aws_dynamodb_table" "sessions" {
    -  name     = "sessions"
    -  hash_key = "id"
    +  name         = "sessions"
    +  billing_mode = "PAY_PER_REQUEST"
    +  hash_key     = "id"
    }
"""

    def triggers(self, ctx: ModuleContext) -> Iterable[tuple[str, n.Block]]:
        """Every DynamoDB table."""
        return ctx.targets("aws_dynamodb_table")

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        from tffix.analysis.describe import depends_on, expression_note, source
        from tffix.analysis.evaluate import Evaluator
        from tffix.analysis.partial import PartialEvaluator

        evaluator = Evaluator(ctx.analysis)
        fixed = PartialEvaluator(ctx.analysis, {}, inputs=False)
        for path, table in ctx.targets("aws_dynamodb_table"):
            label = ".".join(table.labels)
            billing = table.body.attribute("billing_mode")
            module_value = None if billing is None else fixed.value(billing.value)
            if (
                billing is not None
                and not m.Constant().matches(billing.value)
                and module_value != _ON_DEMAND  # set by the module (locals)
                and not _provisioned(module_value)
            ):
                value = evaluator.value(billing.value)
                if value == _ON_DEMAND:
                    yield self.fine(
                        path,
                        billing,
                        f"{label}: billing_mode `{source(billing.value)}` is {_ON_DEMAND} "
                        "unless a caller says otherwise",
                    )
                    continue
                want = f'"{_ON_DEMAND}"'
                note = expression_note(
                    evaluator, billing.value, want=want, ok=lambda v: v == _ON_DEMAND
                )
                message = depends_on(f"{label}: billing mode", billing.value, want, note or "")
                yield self.manual(path, billing, message)
                continue
            on_demand = billing is not None and evaluator.value(billing.value) == _ON_DEMAND
            capacities = _capacity_attributes(table)
            if on_demand and not capacities:
                yield self.fine(path, billing or table, f"{label}: already bills on demand")
                continue

            targets = _autoscaling_targets(ctx, table, evaluator)
            if targets:
                scaling = _scaling_resources(ctx.analysis, targets)
                names = ", ".join(_address(t) for t in targets)
                delete = ", ".join([*(_address(t) for t in targets), *scaling])
                yield self.manual(
                    path,
                    billing or table,
                    f"{label}: capacity is autoscaled by {names}; to bill on demand instead, "
                    f"delete {delete}, remove the read/write capacity and set "
                    f'billing_mode = "{_ON_DEMAND}"',
                )
                continue
            ignored = _ignored_capacity(table)
            if ignored and not on_demand:
                yield self.manual(
                    path,
                    billing or table,
                    f"{label}: lifecycle ignore_changes lists {', '.join(ignored)}, so something "
                    "outside this module manages capacity (autoscaling?); retire that and those "
                    "entries before switching to on demand",
                )
                continue
            if billing is not None and not on_demand and not _provisioned(module_value):
                yield self.manual(
                    path,
                    billing,
                    f"{label}: billing_mode {source(billing.value)} is neither "
                    f'"PROVISIONED" nor "{_ON_DEMAND}", which the provider rejects; write '
                    "the one meant",
                )
                continue
            if not on_demand and (billing is not None or capacities):
                # PROVISIONED written out (or fixed by the module's locals), or capacity
                # units chosen: a cost decision, not an omission.
                message = _provisioned_message(label, table, billing, capacities)
                yield self.manual(path, billing or table, message)
                continue

            changes = []
            if billing is None:
                anchor = _billing_anchor(table.body)
                text = f'billing_mode = "{_ON_DEMAND}"'
                if anchor is None:
                    edit.insert(table, text)
                elif isinstance(anchor, tuple):
                    edit.insert(table, text, before=anchor[0])
                else:
                    edit.insert(table, text, after=anchor)
                changes.append(f'added billing_mode = "{_ON_DEMAND}"')
            unused = _orphaned_variables(ctx.analysis, [a for a, _c in capacities])
            for attribute, container in capacities:
                edit.remove(attribute, container)
            if capacities:
                where = sorted({a.name for a, c in capacities if c is table})
                in_indexes = sum(1 for _a, c in capacities if c is not table)
                removed = ", ".join(where) if where else ""
                if in_indexes:
                    removed += f"{' and ' if removed else ''}{in_indexes} index capacity setting"
                    removed += "s" * (in_indexes > 1)
                changes.append(f"removed {removed}")
            message = f"{label}: on-demand billing: {'; '.join(changes)}"
            if unused:
                plural = "s" * (len(unused) > 1)
                message += f" (variable{plural} {', '.join(unused)} now unused)"
            yield self.fixed(path, billing or table, message)


# ---- helpers -------------------------------------------------------------------


def _provisioned(value: object) -> bool:
    """ "PROVISIONED" in any letter case (the provider rejects all but the capitals, yet the
    author's choice is plain)."""
    return isinstance(value, str) and value.upper() == "PROVISIONED"


def _provisioned_message(
    label: str,
    table: n.Block,
    billing: n.Attribute | None,
    capacities: list[tuple[n.Attribute, n.Block]],
) -> str:
    """Why a provisioned table is left alone, and what CKV2_AWS_16 and on-demand would take."""
    from tffix.analysis.describe import source

    chosen = []
    if billing is not None:
        chosen.append(f"billing_mode = {source(billing.value)}")
    own = [a for a, c in capacities if c is table]
    if own:
        chosen.append(", ".join(f"{a.name} = {source(a.value)}" for a in own))
    indexes = sum(1 for _a, c in capacities if c is not table)
    if indexes:
        chosen.append(f"{indexes} index capacity setting{'s' * (indexes > 1)}")
    spelled = ""
    if (
        billing is not None
        and m.Constant().matches(billing.value)
        and not m.Literal("PROVISIONED").matches(billing.value)
    ):
        spelled = f' (the provider accepts only "PROVISIONED" or "{_ON_DEMAND}", in capitals)'
    return (
        f"{label}: provisioned capacity is chosen here ({'; '.join(chosen)}){spelled}, a cost "
        "decision this fix does not override; CKV2_AWS_16 asks a provisioned table for "
        "Application Auto Scaling: add aws_appautoscaling_target and "
        "aws_appautoscaling_policy (TargetTrackingScaling) for its read and write capacity, "
        f'or, if on demand is wanted, set billing_mode = "{_ON_DEMAND}" and remove the '
        "read/write capacity of the table and its indexes"
    )


def _address(block: n.Block) -> str:
    return ".".join(block.labels)


def _capacity_attributes(table: n.Block) -> list[tuple[n.Attribute, n.Block]]:
    """(attribute, block it is in) of every read/write capacity of the table and its GSIs."""
    from tffix.analysis.dynamic import nested_blocks

    indexes = [block for block, _dynamic in nested_blocks(table.body, "global_secondary_index")]
    out: list[tuple[n.Attribute, n.Block]] = []
    for container in [table, *indexes]:
        for name in _CAPACITY:
            attribute = container.body.attribute(name)
            if attribute is not None:
                out.append((attribute, container))
    return out


def _billing_anchor(body: n.Body) -> n.Attribute | tuple[n.Attribute] | None:
    """After ``name``; else before ``hash_key``; else after the leading attributes."""
    name = body.attribute("name")
    if name is not None:
        return name
    hash_key = body.attribute("hash_key")
    if hash_key is not None:
        return (hash_key,)
    leading = [a for a in leading_attributes(body) if a.name not in LEADING_META]
    return leading[-1] if leading else None


def _ignored_capacity(table: n.Block) -> list[str]:
    """Capacity attributes the table's ``lifecycle.ignore_changes`` lists."""
    out: list[str] = []
    for lifecycle in table.body.blocks_of_type("lifecycle"):
        ignore = lifecycle.body.attribute("ignore_changes")
        if ignore is None:
            continue
        for node in ignore.value.walk():  # bare names are Variables, not Traversals
            if isinstance(node, n.Variable) and node.name in _CAPACITY and node.name not in out:
                out.append(node.name)
    return out


def _references(expr: n.Node, analysis: ModuleAnalysis, seen: set[str]) -> Iterator[list]:
    """Names of every traversal in ``expr``, following ``local.x`` into its definition."""
    for trav in edit.traversals(expr):
        names = trav.names()
        yield names
        if names[0] == "local" and len(names) > 1 and names[1] not in seen:
            seen.add(str(names[1]))
            local = analysis.local(str(names[1]))
            if local is not None:
                yield from _references(local.value, analysis, seen)


def _autoscaling_targets(ctx: ModuleContext, table: n.Block, evaluator: Evaluator) -> list[n.Block]:
    """The module's DynamoDB scalable targets whose resource_id is this table (or its indexes)."""
    from tffix.analysis.evaluate import UNKNOWN

    kind, label = table.labels[:2]
    name_attr = table.body.attribute("name")
    table_name = evaluator.value(name_attr.value) if name_attr is not None else UNKNOWN
    found = []
    for _path, target in ctx.analysis.resources("aws_appautoscaling_target"):
        namespace = target.body.attribute("service_namespace")
        if namespace is not None:
            value = evaluator.value(namespace.value)
            if value is not UNKNOWN and value != "dynamodb":
                continue
        resource_id = target.body.attribute("resource_id")
        if resource_id is None:
            continue
        refers = any(
            names[:2] == [kind, label]
            for names in _references(resource_id.value, ctx.analysis, set())
        )
        if not refers and isinstance(table_name, str):
            rid = evaluator.value(resource_id.value)
            refers = isinstance(rid, str) and (
                rid == f"table/{table_name}" or rid.startswith(f"table/{table_name}/index/")
            )
        if refers:
            found.append(target)
    return found


def _scaling_resources(analysis: ModuleAnalysis, targets: list[n.Block]) -> list[str]:
    """Addresses of the policies and scheduled actions attached to ``targets``."""
    wanted = {tuple(t.labels[:2]) for t in targets}
    out = []
    for kind in _SCALING:
        for _path, block in analysis.resources(kind):
            for trav in edit.traversals(block):
                if tuple(trav.names()[:2]) in wanted:
                    out.append(_address(block))
                    break
    return out


def _orphaned_variables(analysis: ModuleAnalysis, removed: list[n.Attribute]) -> list[str]:
    """Variables referenced only by the attributes about to be removed."""
    counts: dict[str, int] = {}
    for attribute in removed:
        for trav in edit.traversals(attribute.value):
            names = trav.names()
            if names[0] == "var" and len(names) > 1 and names[1] is not None:
                counts[str(names[1])] = counts.get(str(names[1]), 0) + 1
    return sorted(
        name
        for name, count in counts.items()
        if analysis.lookup(f"var.{name}") is not None
        and len(analysis.references_to(f"var.{name}")) == count
    )
