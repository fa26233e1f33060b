"""AWSV601 v6-renamed-arguments: names AWS provider v6 replaced, in arguments and references.

The v6 upgrade guide renames a few arguments and attributes: some because
v6 gives ``region`` a new meaning on every resource (Enhanced Region Support),
so the old ``region`` of ``aws_s3_bucket``, ``aws_config_aggregate_authorization``
and others moved to a specific name; ``data.aws_region``'s ``name`` became
``region``; ``aws_batch_compute_environment`` lost its long ``compute_environment_name``.

The new names exist only from provider 6.0, so the rewrite is made only where
every provider version the module allows is a 6.x (its ``required_providers``
or lock file says so); elsewhere the finding says what to change once it is
(a root module's constraint is raised with ``raise_provider_constraint``). A
reusable module's constraint is never narrowed: its callers choose.
"""

from __future__ import annotations

from dataclasses import dataclass

from tffix.analysis.dynamic import block_type
from tffix.aws import provider_versions as versions
from tffix.aws.s3_split import raise_constraint
from tffix.cst import edit
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Option, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

GUIDE = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-6-upgrade"
_V6 = (6, 0, 0)


@dataclass(frozen=True)
class Rename:
    kind: str  # "resource" or "data"
    type: str
    old: str
    new: str
    section: str
    argument: bool = True  # set in configuration (else only read as an attribute)
    block: bool = False  # nested blocks of that type (``region { ... }``)


_BATCH = "aws_batch_compute_environment"
RENAMES = (
    Rename("data", "aws_region", "name", "region", "#data-source-aws_region"),
    Rename("data", _BATCH, "compute_environment_name", "name",
           "#data-source-aws_batch_compute_environment"),
    Rename("resource", _BATCH, "compute_environment_name", "name",
           "#resource-aws_batch_compute_environment"),
    Rename("resource", _BATCH, "compute_environment_name_prefix", "name_prefix",
           "#resource-aws_batch_compute_environment"),
    Rename("resource", "aws_s3_bucket", "region", "bucket_region", "#resource-aws_s3_bucket",
           argument=False),
    Rename("data", "aws_s3_bucket", "region", "bucket_region", "#data-source-aws_s3_bucket",
           argument=False),
    Rename("data", "aws_servicequotas_templates", "region", "aws_region",
           "#data-source-aws_servicequotas_templates"),
    Rename("resource", "aws_servicequotas_template", "region", "aws_region",
           "#resource-aws_servicequotas_template"),
    Rename("data", "aws_vpc_endpoint_service", "region", "service_region",
           "#data-source-aws_vpc_endpoint_service", argument=False),
    Rename("data", "aws_vpc_peering_connection", "region", "requester_region",
           "#data-source-aws_vpc_peering_connection"),
    Rename("resource", "aws_cloudformation_stack_set_instance", "region",
           "stack_set_instance_region", "#resource-aws_cloudformation_stack_set_instance"),
    Rename("resource", "aws_config_aggregate_authorization", "region", "authorized_aws_region",
           "#resource-aws_config_aggregate_authorization"),
    Rename("resource", "aws_dx_hosted_connection", "region", "connection_region",
           "#resource-aws_dx_hosted_connection", argument=False),
    Rename("resource", "aws_ssmincidents_replication_set", "region", "regions",
           "#resource-aws_ssmincidents_replication_set", block=True),
)  # fmt: skip


def v6_only(ctx: ModuleContext) -> bool | None:
    """True when every AWS provider version the module allows is 6.x or later, False
    when none is, None when some are (or the constraints contradict each other)."""
    allowed = versions.allowed(ctx)
    if allowed.locked is not None:
        return allowed.locked >= _V6
    if not allowed.text:
        # Nothing pins it: a fresh init would install 6.x, but a caller, a lock file
        # kept outside the repository or an older CI image may run 5.x, where the new
        # names do not exist ("Unsupported attribute"). v6 is recent: ask, don't assume.
        return None
    if allowed.empty():
        return None
    if allowed.low >= _V6:
        return True
    if allowed.high is not None and allowed.high <= _V6:
        return False
    return None


class V6RenamedArguments(Codemod):
    """Arguments and attributes AWS provider v6 renamed -> their new names."""

    code = "AWSV601"
    name = "v6-renamed-arguments"
    summary = "AWS provider v6: rename arguments and attributes v6 renamed (region, name, ...)"
    safety = Safety.UNSAFE
    documentation = (GUIDE,)
    options = (
        Option(
            "raise_provider_constraint",
            False,
            'in a root module, also change the hashicorp/aws constraint to "~> 6.0" when it '
            "admits 5.x, or write it when there is none (reusable modules are left to their "
            "callers)",
        ),
    )
    explanation = """\
Why: AWS provider v6 renamed arguments and attributes (GUIDE): it gives
`region` a new meaning on most resources (the Region to manage the resource
in), so the old `region` of some resources and data sources moved to a
name of its own, and a few long names were shortened. The old names are
deprecated or gone; where `region` stays, it now means something else.

What it does, in arguments and in every reference of the module:

- `data.aws_region`: `name` -> `region`;
- `aws_batch_compute_environment` (and its data source):
  `compute_environment_name` -> `name`, `compute_environment_name_prefix` ->
  `name_prefix`;
- `aws_s3_bucket` (and its data source): the `region` attribute ->
  `bucket_region`;
- `region` -> `aws_region` (`aws_servicequotas_template` and the
  `aws_servicequotas_templates` data source), `requester_region`
  (`data.aws_vpc_peering_connection`), `service_region`
  (`data.aws_vpc_endpoint_service`), `stack_set_instance_region`
  (`aws_cloudformation_stack_set_instance`), `authorized_aws_region`
  (`aws_config_aggregate_authorization`: reported, see below),
  `connection_region` (`aws_dx_hosted_connection`); the `region` blocks of
  `aws_ssmincidents_replication_set` -> `regions`.

The new names exist only from provider 6.0: the rewrite is made where every
provider version the module allows is 6.x (its `required_providers`, or the
version `.terraform.lock.hcl` pins); elsewhere a finding says what to change
once it is. A module with no constraint at all is not assumed to be on 6.x:
a caller, a lock file kept elsewhere or a CI image may still run 5.x, where
the new names fail with "Unsupported attribute". With
`raise_provider_constraint`, a root module's constraint becomes `~> 6.0` in
the same change, written in its `terraform` block when it states none (run
`terraform init -upgrade` to update `.terraform.lock.hcl`); a reusable
module's is never narrowed.

One rename replaces the resource even on 6.x and is reported instead:
`aws_config_aggregate_authorization`'s `region` and `authorized_aws_region`
are both ForceNew and the provider reads back only the one the state holds,
so the rename deletes and recreates the authorization (its reads keep
`region` with it).

Fix safety: unsafe. It changes infrastructure code; renamed arguments keep
their value, so `terraform plan` should show no change: review it.

Sources: GUIDE.

Example:

    data "aws_region" "current" {}

    locals {
    -  arn_prefix = "arn:aws:logs:${data.aws_region.current.name}"
    +  arn_prefix = "arn:aws:logs:${data.aws_region.current.region}"
    }
""".replace("GUIDE", GUIDE)

    def _blocks(self, ctx: ModuleContext, rename: Rename) -> list[tuple[str, n.Block]]:
        if rename.kind == "resource":
            return ctx.targets(rename.type)
        return [(p, b) for p, b in ctx.analysis.data_sources(rename.type) if not ctx.waived(b)]

    def _set(self, block: n.Block, rename: Rename) -> list[n.Attribute | n.Block]:
        if not rename.argument:
            return []
        if rename.block:
            return [b for b in block.body.blocks if block_type(b) == rename.old]
        found = block.body.attribute(rename.old)
        return [found] if found is not None else []

    def triggers(self, ctx: ModuleContext) -> Iterable[tuple[str, n.Block]]:
        seen: dict[int, tuple[str, n.Block]] = {}
        for rename in RENAMES:
            for path, block in self._blocks(ctx, rename):
                if self._set(block, rename):
                    seen[id(block)] = (path, block)
        return list(seen.values())

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        if not [found for rename in RENAMES for found in self._blocks(ctx, rename)]:
            # No block of a renamed type: nothing to rename and nothing of one to read
            # (``_reads``), so the provider versions need not be worked out.
            return
        ready = v6_only(ctx)
        raised = None
        wanted = ready is not True and self.settings.get("raise_provider_constraint")
        if wanted and self._pending(ctx):
            raised = raise_constraint(ctx, "~> 6.0", widen=False)
            ready = True if raised is not None else ready
        for rename in RENAMES:
            for path, block in self._blocks(ctx, rename):
                items = self._set(block, rename)
                if items:
                    yield from self._argument(ctx, path, block, rename, items, ready, raised)
            yield from self._references(ctx, rename, ready, raised)

    def _pending(self, ctx: ModuleContext) -> bool:
        return any(
            self._set(b, r) or list(self._reads(ctx, r))
            for r in RENAMES
            for _p, b in self._blocks(ctx, r)
        )

    def _argument(
        self,
        ctx: ModuleContext,
        path: str,
        block: n.Block,
        rename: Rename,
        items: list[n.Attribute | n.Block],
        ready: bool | None,
        raised: str | None,
    ) -> Iterator[Finding]:
        address = _address(rename, block)
        where = f"{GUIDE}{rename.section}"
        if not rename.block and block.body.attribute(rename.new) is not None:
            yield self.manual(
                path, block, f"{address} sets both {rename.old} and {rename.new}: keep "
                f"{rename.new} ({where})",
            )  # fmt: skip
            return
        if ready is not True:
            yield self.manual(path, block, f"{address}: {rename.old} is {rename.new} in "
                              f"provider v6; {_not_ready(ctx)} ({where})")  # fmt: skip
            return
        disrupts = (
            versions.disrupts(ctx, rename.type, rename.old) if rename.kind == "resource" else None
        )
        if disrupts is not None:
            yield self.manual(
                path,
                block,
                f"{address}: {rename.old} is {rename.new} in provider v6 (deprecated, still "
                f"accepted), but {disrupts}: keep {rename.old} until a provider release reads "
                f"{rename.new} back, or rename it where replacing the resource is acceptable, "
                f"after checking `terraform plan` ({where})",
            )
            return
        for item in items:
            if isinstance(item, n.Block):
                if item.type == "dynamic":
                    if item.body.attribute("iterator") is None:  # content reads region.value
                        edit.insert(item, f"iterator = {rename.old}", before=item.body.items[0])
                    edit.rename_label(item, 0, rename.new)
                else:
                    edit.rename_type(item, rename.new)
            else:
                edit.insert(block, f"{rename.new} = {item.value.code.strip()}", after=item)
                edit.remove(item, block)
        message = f"{address}: {rename.old} renamed to {rename.new} (provider v6)"
        if raised:
            message += f"; {raised}"
        yield self.fixed(path, block, f"{message} ({where})")

    def _reads(
        self, ctx: ModuleContext, rename: Rename
    ) -> Iterator[tuple[str, n.Block, n.Node, n.Traversal]]:
        """(path, top-level block, parent, traversal) of each read of the old attribute
        of a block the module declares."""
        labels = {b.labels[1] for _p, b in self._blocks(ctx, rename) if len(b.labels) == 2}
        head = ["data", rename.type] if rename.kind == "data" else [rename.type]
        if not labels:
            return  # no block of the type: nothing of it is read
        # Only the blocks holding a traversal of the type can read it.
        holders = ctx.analysis.holding(".".join(head), ctx.files)
        for path, module in ctx.files.items():
            if path not in holders.paths:
                continue
            for top in module.body.blocks:
                if top not in holders:
                    continue
                for node in top.walk():
                    for child in node.children:
                        if not isinstance(child, n.Traversal):
                            continue
                        names = child.names()
                        if names[: len(head)] != head or len(names) < len(head) + 2:
                            continue
                        if names[len(head)] not in labels:
                            continue
                        step = _attribute_step(child, len(head))
                        if step is not None and step.name == rename.old:
                            yield path, top, node, child

    def _references(
        self, ctx: ModuleContext, rename: Rename, ready: bool | None, raised: str | None
    ) -> Iterator[Finding]:
        where = f"{GUIDE}{rename.section}"
        # Blocks whose argument stays (renaming it would replace the resource): the
        # provider keeps filling the old attribute of those, so their reads stay too.
        kept = set()
        if rename.kind == "resource" and versions.disrupts(ctx, rename.type, rename.old):
            kept = {
                b.labels[1]
                for _p, b in self._blocks(ctx, rename)
                if len(b.labels) == 2 and self._set(b, rename)
            }
        for path, top, parent, traversal in list(self._reads(ctx, rename)):
            old = " ".join(traversal.code.split())
            holder = ".".join([top.type, *top.labels])
            if traversal.names()[1] in kept:
                yield self.manual(
                    path,
                    top,
                    f"{holder}: `{old}` reads {rename.old}, which is {rename.new} in provider "
                    f"v6; {rename.type}.{traversal.names()[1]} keeps setting {rename.old} (see "
                    f"its finding), and the provider reads back only the name set: rename "
                    f"both together ({where})",
                )
                continue
            if ready is not True:
                said = f"reads {rename.old}, which is {rename.new} in provider v6"
                yield self.manual(
                    path, top, f"{holder}: `{old}` {said}; {_not_ready(ctx)} ({where})"
                )
                continue
            step = _attribute_step(traversal, 2 if rename.kind == "data" else 1)
            assert step is not None
            new = "".join(
                c.code if c is not step else c.code.replace(rename.old, rename.new)
                for c in traversal.children
            ).strip()
            edit.replace(parent, traversal, new)
            message = f"{holder}: `{old}` now reads `{' '.join(new.split())}` (provider v6)"
            if raised:
                message += f"; {raised}"
            yield self.fixed(path, top, f"{message} ({where})")


def _attribute_step(t: n.Traversal, head: int) -> n.GetAttr | None:
    """The attribute step after ``<type>.<label>[<key>]`` (``head`` names before the
    label: 1 for a resource, 2 for a data source)."""
    steps = t.steps
    index = head  # steps[head - 1] is the label
    if index < len(steps) and isinstance(steps[index], (n.Index, n.LegacyIndex, n.FullSplat)):
        index += 1
    step = steps[index] if index < len(steps) else None
    return step if isinstance(step, n.GetAttr) else None


def _not_ready(ctx: ModuleContext) -> str:
    allowed = versions.allowed(ctx)
    if allowed.locked is not None:
        locked = ".".join(map(str, allowed.locked))
        why = f".terraform.lock.hcl pins the AWS provider to {locked}"
    elif not allowed.text:
        why = (
            "no required_providers constraint says which AWS provider runs it (a caller, "
            "a lock file or a CI image may still run 5.x)"
        )
    else:
        why = f'required_providers allows AWS provider versions "{allowed.text}"'
    return (
        f"the new name exists only from 6.0 and {why}: rename it when the module requires "
        "~> 6.0 (the raise_provider_constraint option does so in a root module), then run "
        "`terraform init -upgrade`"
    )


def _address(rename: Rename, block: n.Block) -> str:
    address = ".".join(block.labels)
    return f"data.{address}" if rename.kind == "data" else address
