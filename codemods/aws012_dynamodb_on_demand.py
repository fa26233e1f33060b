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
    """``aws_dynamodb_table`` gets ``billing_mode = "PAY_PER_REQUEST"`` and loses its capacity."""

    code = "AWS012"
    name = "dynamodb-on-demand"
    summary = "DynamoDB tables use on-demand capacity instead of fixed provisioned throughput"
    seed_section = "Infrastructure improvements, 4. Cost Optimization (DynamoDB on-demand billing)"
    documentation = (
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/capacity-mode.html",
    )
    checks = ("CKV2_AWS_16",)
    safety = Safety.UNSAFE
    explanation = """\
Why: a table with fixed provisioned throughput and no autoscaling throttles
as soon as traffic exceeds its read/write capacity units, and pays for them
when idle. On-demand billing (`PAY_PER_REQUEST`) scales with every request
and costs nothing at rest, which suits spiky or young workloads, and it
satisfies checkov CKV2_AWS_16
(provisioned tables need Application Auto Scaling instead).

What it does: sets `billing_mode = "PAY_PER_REQUEST"` (written after `name`
when missing, since the provider's default is PROVISIONED; a literal
`"PROVISIONED"` is replaced) and removes `read_capacity`/`write_capacity`
from the table and from each `global_secondary_index`, `dynamic` ones
included: the provider refuses table capacity on an on-demand table and
DynamoDB refuses index throughput. Comments written on the removed lines go
with them, and the finding names variables that only fed those lines.

It leaves a table alone, with a finding for a person, when:
- `aws_appautoscaling_target`s of the module scale it (their `resource_id`
  refers to the table): switching would leave those targets and their
  policies behind, and with a scaling policy the table already passes
  CKV2_AWS_16. The finding lists what to delete if on-demand is still wanted.
- `lifecycle { ignore_changes }` lists the capacities: something outside
  this module manages them.

- `billing_mode` is an expression that may be an input of the module (a
  variable, also through locals): the finding names the variable and, when
  its default is a literal, says what to change. An expression the module
  fixes itself (a local holding "PAY_PER_REQUEST") counts as written out.

Fix safety: unsafe (runs only with `--unsafe-fixes`). The switch is an
in-place `UpdateTable`: no table is replaced and no data is touched, but
it changes what you pay and how the table behaves under load: at a steady
high rate on-demand costs more than provisioned capacity, the switch takes
minutes, and DynamoDB limits how often a table may switch billing mode
(DynamoDB Developer Guide, "Considerations when switching capacity
modes"). An explicit `"PROVISIONED"` is replaced because that is what this
opt-in fix is for. It checks first that no Application Auto Scaling target
of the module scales the table, that `ignore_changes` does not hand the
capacities to something else, and that the billing mode is not a caller's
choice; in those cases it reports and edits nothing.

Example:

    resource "aws_dynamodb_table" "orders" {
    -  name           = "orders"
    -  billing_mode   = "PROVISIONED"
    -  read_capacity  = 20
    -  write_capacity = 20
    -  hash_key       = "id"
    +  name         = "orders"
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
            if (
                billing is not None
                and not m.Constant().matches(billing.value)
                and fixed.value(billing.value) != _ON_DEMAND  # set by the module (locals)
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
            elif not on_demand:
                old = source(billing.value)
                edit.set_value(billing, f'"{_ON_DEMAND}"')
                changes.append(f'billing_mode {old} -> "{_ON_DEMAND}"')
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
