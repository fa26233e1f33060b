"""AWSV602 v6-removed-arguments: arguments AWS provider v6 removed, written the way the guide says.

Each entry is a removal the v6 upgrade guide lists together with its
replacement (``vpc = true`` -> ``domain = "vpc"``, ``instance_id`` ->
``targets``), or a removal with nothing to replace because the AWS service
behind it reached its end of life (Elastic Inference, Elastic Graphics,
OpsWorks endpoints). The replacements exist in the latest 5.x provider, the
version the guide asks to upgrade to first, so the change can land before the
provider moves to 6.x. What needs a value tffix cannot derive (an expression
where the mapping depends on it, a replacement already set) is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from tffix.analysis.dynamic import block_type
from tffix.aws import provider_versions as versions
from tffix.cst import edit
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

GUIDE = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-6-upgrade"
_NULLABLE = "#nullable-boolean-validation-update"


@dataclass(frozen=True)
class _Edit:
    """What to do with one block: items (the text of each) to write in place of
    ``remove`` (after the first of them), and what the finding says; or
    ``manual``, why it is left."""

    remove: tuple[n.Attribute | n.Block, ...] = ()
    lines: tuple[str, ...] = ()
    said: str = ""
    manual: str | None = None


@dataclass(frozen=True)
class Removal:
    kind: str  # "resource", "data" or "provider"
    type: str
    arguments: tuple[str, ...]  # what the guide removed (attributes or block types)
    section: str
    handle: Callable[[ModuleContext, n.Block], _Edit | None]
    # The first provider release whose schema has the replacement (None: every release
    # a Terraform 0.12+ module runs, or nothing replaces it), and where that is said.
    since: tuple[int, int, int] | None = None
    since_source: str = ""


def _literal(expr: n.Expression) -> object:
    code = expr.code.strip()
    if code in ("true", "false"):
        return code == "true"
    if isinstance(expr, n.TemplateString) and expr.is_literal:
        return expr.literal_value()
    if isinstance(expr, n.Number):
        return expr.value
    return None


def _items(block: n.Block, names: tuple[str, ...]) -> list[n.Attribute | n.Block]:
    return [
        item
        for item in block.body.items
        if (isinstance(item, n.Attribute) and item.name in names)
        or (isinstance(item, n.Block) and block_type(item) in names)
    ]


# ---- handlers: one per guide entry -------------------------------------------------


def _eip(ctx: ModuleContext, block: n.Block) -> _Edit | None:
    vpc = block.body.attribute("vpc")
    if vpc is None:
        return None
    value = _literal(vpc.value)
    if block.body.attribute("domain") is not None:
        return _Edit((vpc,), (), "vpc removed (domain is set)")
    if value is True:
        return _Edit((vpc,), ('domain = "vpc"',), 'vpc = true is now domain = "vpc"')
    if value is False:
        return _Edit((vpc,), (), "vpc = false removed (an EIP without domain is standard)")
    return _Edit(
        manual=f"vpc = {vpc.value.code.strip()} is an expression: write "
        'domain = <the expression> ? "vpc" : "standard" (or null) by hand'
    )


def _eks_addon(ctx: ModuleContext, block: n.Block) -> _Edit | None:
    old = block.body.attribute("resolve_conflicts")
    if old is None:
        return None
    if (
        block.body.attribute("resolve_conflicts_on_create") is not None
        or block.body.attribute("resolve_conflicts_on_update") is not None
    ):
        return _Edit(
            manual="resolve_conflicts is set with resolve_conflicts_on_create/_on_update: "
            "remove resolve_conflicts, keeping what the new ones say"
        )
    value = _literal(old.value)
    if value in ("NONE", "OVERWRITE"):
        return _Edit(
            (old,),
            (
                f'resolve_conflicts_on_create = "{value}"',
                f'resolve_conflicts_on_update = "{value}"',
            ),
            f"resolve_conflicts = {value} now applies to create and update, as before",
        )
    if value == "PRESERVE":
        return _Edit(
            (old,),
            ('resolve_conflicts_on_update = "PRESERVE"',),
            "resolve_conflicts = PRESERVE is now resolve_conflicts_on_update "
            "(creation does not take PRESERVE)",
        )
    return _Edit(
        manual=f"resolve_conflicts = {old.value.code.strip()} is not a literal: set "
        "resolve_conflicts_on_create (NONE or OVERWRITE) and resolve_conflicts_on_update"
    )


def _instance_cpu(ctx: ModuleContext, block: n.Block) -> _Edit | None:
    found = _items(block, ("cpu_core_count", "cpu_threads_per_core"))
    if not found:
        return None
    if block.body.blocks_of_type("cpu_options"):
        return _Edit(
            manual="cpu_core_count/cpu_threads_per_core are set beside a cpu_options block: "
            "move them into it (core_count, threads_per_core)"
        )
    inner = []
    for item in found:
        assert isinstance(item, n.Attribute)
        name = "core_count" if item.name == "cpu_core_count" else "threads_per_core"
        inner.append(f"  {name} = {item.value.code.strip()}")
    return _Edit(
        tuple(found),
        ("\n".join(("cpu_options {", *inner, "}")),),
        "cpu_core_count/cpu_threads_per_core are now the cpu_options block",
    )


def _rename(old: str, new: str, *, as_list: bool = False) -> Callable[..., _Edit | None]:
    def handle(ctx: ModuleContext, block: n.Block) -> _Edit | None:
        item = block.body.attribute(old)
        if item is None:
            return None
        if block.body.attribute(new) is not None:
            return _Edit(manual=f"both {old} (removed) and {new} are set: keep {new}")
        value = item.value.code.strip()
        if as_list:
            if "\n" in value:
                return _Edit(manual=f"{old} spans several lines: write {new} = [...] by hand")
            value = f"[{value}]"
        return _Edit((item,), (f"{new} = {value}",), f"{old} is now {new}")

    return handle


def _flow_log(ctx: ModuleContext, block: n.Block) -> _Edit | None:
    item = block.body.attribute("log_group_name")
    if item is None:
        return None
    if block.body.attribute("log_destination") is not None:
        return _Edit(manual="both log_group_name (removed) and log_destination are set")
    value = item.value
    if isinstance(value, n.Traversal) and value.names()[:1] == ["aws_cloudwatch_log_group"]:
        names = value.names()
        if names[-1] == "name" and value.code.strip().endswith(".name"):
            arn = value.code.strip()[: -len(".name")] + ".arn"
            return _Edit(
                (item,),
                (f"log_destination = {arn}",),
                f"log_group_name is now log_destination = {arn} (the log group's ARN)",
            )
    return _Edit(
        manual=f"log_group_name = {value.code.strip()}: log_destination takes the log "
        "group's ARN, which the code does not give here: write it by hand"
    )


def _ssm_association(ctx: ModuleContext, block: n.Block) -> _Edit | None:
    item = block.body.attribute("instance_id")
    if item is None:
        return None
    if block.body.blocks_of_type("targets"):
        return _Edit(manual="instance_id (removed) is set beside targets: keep targets")
    value = item.value.code.strip()
    if "\n" in value:
        return _Edit(manual="instance_id spans several lines: write targets by hand")
    return _Edit(
        (item,),
        ("\n".join(("targets {", '  key    = "InstanceIds"', f"  values = [{value}]", "}")),),
        'instance_id is now targets { key = "InstanceIds" }',
    )


def _job_queue(ctx: ModuleContext, block: n.Block) -> _Edit | None:
    item = block.body.attribute("compute_environments")
    if item is None:
        return None
    if block.body.blocks_of_type("compute_environment_order"):
        return _Edit(
            manual="compute_environments (removed) is set beside compute_environment_order"
        )
    if not isinstance(item.value, n.Tuple) or any(
        "\n" in e.code.strip() for e in item.value.elements
    ):
        return _Edit(
            manual=f"compute_environments = {item.value.code.strip()} is not a list written "
            "out: write one compute_environment_order block per environment, in order"
        )
    lines = [
        "compute_environment_order {\n"
        f"  compute_environment = {element.code.strip()}\n"
        f"  order               = {order}\n"
        "}"
        for order, element in enumerate(item.value.elements)
    ]
    return _Edit(
        (item,),
        tuple(lines),
        "compute_environments is now compute_environment_order blocks, in the list's order",
    )


def _guardduty(ctx: ModuleContext, block: n.Block) -> _Edit | None:
    item = block.body.attribute("auto_enable")
    if item is None:
        return None
    if block.body.attribute("auto_enable_organization_members") is not None:
        return _Edit((item,), (), "auto_enable removed (auto_enable_organization_members is set)")
    value = _literal(item.value)
    if value is False:
        return _Edit(
            (item,),
            ('auto_enable_organization_members = "NONE"',),
            'auto_enable = false is now auto_enable_organization_members = "NONE" (new member '
            "accounts not enabled, as before)",
        )
    if value is True:
        # The provider reads auto_enable_organization_members back: true was "NEW" or
        # "ALL" (set in the console, or by an earlier apply of the new argument), and
        # writing the other one plans a change of the organization's setting.
        return _Edit(
            manual='auto_enable = true is auto_enable_organization_members = "NEW" or '
            '"ALL", whichever the organization has now (`aws guardduty '
            "describe-organization-configuration` shows AutoEnableOrganizationMembers; the "
            "provider reads it back, so the other value plans a change): write that one"
        )
    return _Edit(
        manual=f"auto_enable = {item.value.code.strip()}: set auto_enable_organization_members "
        '("NONE" where it is false; where true, "NEW" or "ALL", whichever the organization '
        "has now: the provider reads it back)"
    )


def _drop(*names: str, why: str) -> Callable[..., _Edit | None]:
    def handle(ctx: ModuleContext, block: n.Block) -> _Edit | None:
        found = _items(block, names)
        if not found:
            return None
        shown = ", ".join(
            sorted({i.name if isinstance(i, n.Attribute) else block_type(i) for i in found})
        )
        return _Edit(tuple(found), (), f"{shown} removed: {why}")

    return handle


def _endpoints(ctx: ModuleContext, block: n.Block) -> _Edit | None:
    for endpoints in block.body.blocks_of_type("endpoints"):
        found = _items(endpoints, ("opsworks", "simpledb", "sdb", "worklink"))
        if found:
            shown = ", ".join(i.name for i in found if isinstance(i, n.Attribute))
            return _Edit(
                tuple(found),
                (),
                f"endpoints {shown} removed: provider v6 dropped these services "
                "(OpsWorks Stacks end of life, SimpleDB and WorkLink support)",
            )
    return None


# (resource type, path of nested block types, attribute) whose 0/1 v6 refuses.
NULLABLE_BOOLS = (
    ("aws_accessanalyzer_archive_rule", ("filter",), "exists"),
    ("aws_alb_target_group", (), "preserve_client_ip"),
    ("aws_lb_target_group", (), "preserve_client_ip"),
    ("aws_cloudtrail_event_data_store", (), "suspend"),
    ("aws_ec2_spot_instance_fleet", (), "terminate_instances_on_delete"),
    ("aws_elasticache_cluster", (), "auto_minor_version_upgrade"),
    ("aws_elasticache_replication_group", (), "at_rest_encryption_enabled"),
    ("aws_elasticache_replication_group", (), "auto_minor_version_upgrade"),
    ("aws_evidently_feature", ("variations", "value"), "bool_value"),
    ("aws_imagebuilder_container_recipe", ("instance_configuration", "block_device_mapping", "ebs"),
     "delete_on_termination"),
    ("aws_imagebuilder_container_recipe", ("instance_configuration", "block_device_mapping", "ebs"),
     "encrypted"),
    ("aws_imagebuilder_image_recipe", ("block_device_mapping", "ebs"), "delete_on_termination"),
    ("aws_imagebuilder_image_recipe", ("block_device_mapping", "ebs"), "encrypted"),
    ("aws_launch_template", ("block_device_mappings", "ebs"), "delete_on_termination"),
    ("aws_launch_template", ("block_device_mappings", "ebs"), "encrypted"),
    ("aws_launch_template", (), "ebs_optimized"),
    ("aws_launch_template", ("network_interfaces",), "associate_carrier_ip_address"),
    ("aws_launch_template", ("network_interfaces",), "associate_public_ip_address"),
    ("aws_launch_template", ("network_interfaces",), "delete_on_termination"),
    ("aws_launch_template", ("network_interfaces",), "primary_ipv6"),
    ("aws_mq_broker", ("logs",), "audit"),
)  # fmt: skip
_BOOL_TEXT = {"0": "false", "1": "true", '"0"': "false", '"1"': "true"}


def _nested(block: n.Block, path: tuple[str, ...]) -> Iterator[n.Block]:
    if not path:
        yield block
        return
    for child in block.body.blocks:
        if block_type(child) == path[0]:
            inner = child
            if child.type == "dynamic":
                contents = child.body.blocks_of_type("content")
                if not contents:
                    continue
                inner = contents[0]
            yield from _nested(inner, path[1:])


def _nullable(type_: str) -> Callable[..., _Edit | None]:
    entries = [(path, name) for t, path, name in NULLABLE_BOOLS if t == type_]

    def handle(ctx: ModuleContext, block: n.Block) -> _Edit | None:
        changed = []
        for path, name in entries:
            for container in _nested(block, path):
                item = container.body.attribute(name)
                if item is not None and item.value.code.strip() in _BOOL_TEXT:
                    changed.append((item, ".".join((*path, name))))
        if not changed:
            return None
        for item, _where in changed:
            edit.set_value(item, _BOOL_TEXT[item.value.code.strip()])
        shown = ", ".join(sorted({w for _i, w in changed}))
        return _Edit((), (), f"{shown}: 0/1 is now false/true (v6 accepts only booleans)")

    return handle


_EI = "Amazon Elastic Inference reached end of life in April 2024"
_EG = "Amazon Elastic Graphics reached end of life in January 2024"
_CHANGELOG = "https://github.com/hashicorp/terraform-provider-aws/blob/main/CHANGELOG.md"
# Replacements whose first release is not pinned down here: the guide asks to move to
# the latest 5.x before 6.0, and every replacement exists there.
_LATEST_5 = (5, 100, 0)
_LATEST_5_SOURCE = "the upgrade guide moves to the latest 5.x before 6.0"
REMOVALS = (
    Removal("resource", "aws_eip", ("vpc",), "#resource-aws_eip", _eip,
            (5, 0, 0), f"{_CHANGELOG}, 5.0.0: domain settable, #31567"),
    Removal("resource", "aws_eks_addon", ("resolve_conflicts",), "#resource-aws_eks_addon",
            _eks_addon, _LATEST_5, _LATEST_5_SOURCE),
    Removal("resource", "aws_instance", ("cpu_core_count", "cpu_threads_per_core"),
            "#resource-aws_instance", _instance_cpu,
            (4, 66, 0), f"{_CHANGELOG}, 4.66.0: cpu_options, #31035"),
    Removal("resource", "aws_dx_gateway_association", ("vpn_gateway_id",),
            "#resource-aws_dx_gateway_association",
            _rename("vpn_gateway_id", "associated_gateway_id")),
    Removal("resource", "aws_networkmanager_core_network", ("base_policy_region",),
            "#resource-aws_networkmanager_core_network",
            _rename("base_policy_region", "base_policy_regions", as_list=True),
            _LATEST_5, _LATEST_5_SOURCE),
    Removal("resource", "aws_flow_log", ("log_group_name",), "#resource-aws_flow_log", _flow_log),
    Removal("resource", "aws_ssm_association", ("instance_id",), "#resource-aws_ssm_association",
            _ssm_association),
    Removal("resource", "aws_batch_job_queue", ("compute_environments",),
            "#resource-aws_batch_job_queue", _job_queue, _LATEST_5, _LATEST_5_SOURCE),
    Removal("resource", "aws_guardduty_organization_configuration", ("auto_enable",),
            "#resource-aws_guardduty_organization_configuration", _guardduty,
            _LATEST_5, _LATEST_5_SOURCE),
    Removal("resource", "aws_ecs_task_definition", ("inference_accelerator",),
            "#resource-aws_ecs_task_definition", _drop("inference_accelerator", why=_EI)),
    Removal("resource", "aws_launch_template",
            ("elastic_gpu_specifications", "elastic_inference_accelerator"),
            "#resource-aws_launch_template",
            _drop("elastic_gpu_specifications", "elastic_inference_accelerator",
                  why=f"{_EG}; {_EI}")),
    Removal("resource", "aws_sagemaker_notebook_instance", ("accelerator_types",),
            "#resource-aws_sagemaker_notebook_instance",
            _drop("accelerator_types", why=f"{_EI}; use an Inferentia instance_type")),
    Removal("resource", "aws_spot_instance_request", ("block_duration_minutes",),
            "#resource-aws_spot_instance_request",
            _drop("block_duration_minutes", why="EC2 no longer offers Spot blocks")),
    Removal("resource", "aws_cloudfront_response_headers_policy", ("etag",),
            "#resource-aws_cloudfront_response_headers_policy",
            _drop("etag", why="it is computed only")),
    Removal("data", "aws_ecs_task_execution", ("inference_accelerator_overrides",),
            "#data-source-aws_ecs_task_execution",
            _drop("inference_accelerator_overrides", why=_EI)),
    Removal("provider", "aws", ("endpoints",), "#removed-provider-arguments", _endpoints),
    *(
        Removal("resource", t, (), _NULLABLE, _nullable(t))
        for t in sorted({t for t, _p, _a in NULLABLE_BOOLS})
    ),
)  # fmt: skip


class V6RemovedArguments(Codemod):
    """Arguments removed by AWS provider v6 -> what the guide puts in their place."""

    code = "AWSV602"
    name = "v6-removed-arguments"
    summary = "AWS provider v6: replace arguments v6 removed (eip vpc, instance cpu counts, ...)"
    safety = Safety.UNSAFE
    documentation = (GUIDE,)
    explanation = """\
Why: AWS provider v6 removed arguments, each with its replacement named in the
upgrade guide; a configuration that still sets them fails `plan` after the
upgrade (GUIDE).

What it does, each as its guide section says:

- `aws_eip`: `vpc = true` -> `domain = "vpc"` (`false`: removed);
- `aws_eks_addon`: `resolve_conflicts` -> `resolve_conflicts_on_create` and
  `resolve_conflicts_on_update` (PRESERVE only on update);
- `aws_instance`: `cpu_core_count`, `cpu_threads_per_core` -> a `cpu_options`
  block (`core_count`, `threads_per_core`);
- `aws_dx_gateway_association`: `vpn_gateway_id` -> `associated_gateway_id`;
- `aws_networkmanager_core_network`: `base_policy_region` ->
  `base_policy_regions = [...]`;
- `aws_flow_log`: `log_group_name = aws_cloudwatch_log_group.x.name` ->
  `log_destination = aws_cloudwatch_log_group.x.arn` (reported, not written:
  a flow log created with `log_group_name` is read back with an empty
  `log_destination`, which is ForceNew, so the change replaces it;
  terraform-provider-aws pull request 47699 converts it on read);
- `aws_ssm_association`: `instance_id` -> `targets { key = "InstanceIds" }`;
- `aws_batch_job_queue`: `compute_environments = [...]` ->
  `compute_environment_order` blocks in the list's order (the guide's example);
- `aws_guardduty_organization_configuration`: `auto_enable` ->
  `auto_enable_organization_members` (`"NONE"` for false; true is `"NEW"` or
  `"ALL"`, whichever the organization has, which a person looks up);
- removed with nothing in their place (the AWS feature reached end of life):
  `inference_accelerator` of `aws_ecs_task_definition` and
  `aws_ecs_task_execution`, `elastic_gpu_specifications` and
  `elastic_inference_accelerator` of `aws_launch_template`, `accelerator_types`
  of `aws_sagemaker_notebook_instance`, `block_duration_minutes` of
  `aws_spot_instance_request`, `etag` of
  `aws_cloudfront_response_headers_policy` (computed only), and the
  `opsworks`, `simpledb`, `sdb`, `worklink` provider endpoints;
- `0`/`1` in the boolean arguments of the guide's "Nullable Boolean
  Validation Update" table -> `false`/`true`.

An expression where the mapping depends on its value, or a replacement
already set beside the removed argument, is reported for a person.

Some removals plan more than a no-op while the provider still knows the old
argument (5.x), and are made only where the module allows no 5.x provider
(6.0 drops the argument from the schema and the state): `vpn_gateway_id`
(ForceNew: the Direct Connect association is replaced) and `instance_id` of
`aws_ssm_association` (ForceNew: the association is deleted and created,
which runs it at once), `block_duration_minutes` (the Spot request is
replaced), `inference_accelerator` (a new task definition revision), and
`accelerator_types` (the provider stops the notebook instance to update it).

Fix safety: unsafe. It changes infrastructure code. The replacements exist
in the latest 5.x provider, which the guide asks to upgrade to before 6.0,
so `terraform plan` there should show no change; review it before applying.

Sources: GUIDE.

Example:

    resource "aws_eip" "nat" {
    -  vpc = true
    +  domain = "vpc"
    }
""".replace("GUIDE", GUIDE)

    def _blocks(self, ctx: ModuleContext, removal: Removal) -> list[tuple[str, n.Block]]:
        if removal.kind == "resource":
            return ctx.targets(removal.type)
        if removal.kind == "data":
            found = ctx.analysis.data_sources(removal.type)
        else:
            found = [
                (path, block)
                for path, module in ctx.files.items()
                for block in module.body.blocks_of_type("provider")
                if block.labels == [removal.type]
            ]
        return [(p, b) for p, b in found if not ctx.waived(b)]

    def _found(self, ctx: ModuleContext) -> list[tuple[Removal, str, n.Block, _Edit]]:
        """What applies, without editing (the nullable handler edits: it runs in fix)."""
        out = []
        for removal in REMOVALS:
            for path, block in self._blocks(ctx, removal):
                if removal.arguments and not _has(block, removal.arguments):
                    continue
                if not removal.arguments and not _nullable_present(block, removal.type):
                    continue
                out.append((removal, path, block, _Edit()))
        return out

    def triggers(self, ctx: ModuleContext) -> Iterable[tuple[str, n.Block]]:
        seen: dict[int, tuple[str, n.Block]] = {}
        for _removal, path, block, _edit in self._found(ctx):
            seen[id(block)] = (path, block)
        return list(seen.values())

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        for removal, path, block, _ in self._found(ctx):
            result = removal.handle(ctx, block)
            if result is None:
                continue
            address = _address(removal, block)
            where = f"{GUIDE}{removal.section}"
            if result.manual is not None:
                yield self.manual(path, block, f"{address}: {result.manual} ({where})")
                continue
            disrupts = _disrupts(ctx, removal, block, result)
            if disrupts is not None:
                said, entry = disrupts
                if entry.version is None:
                    advice = (
                        "make the change where replacing the resource is acceptable, or once "
                        "the provider release you run reads the new argument back"
                    )
                else:
                    advice = (
                        f"make the change with the move to {entry.version[0]}.x (which drops "
                        "the old argument from the state), or accept the replacement knowingly"
                    )
                yield self.manual(
                    path,
                    block,
                    f"{address}: v6 removes {'/'.join(removal.arguments)} ({result.said}), but "
                    f"{said}: {advice}, and check what `terraform plan` shows ({where})",
                )
                continue
            why = versions.not_ready(ctx, removal.since) if result.lines and removal.since else None
            if why is not None:
                since = ".".join(map(str, removal.since or ()))
                yield self.manual(
                    path,
                    block,
                    f"{address}: v6 removes {'/'.join(removal.arguments)} ({result.said}), "
                    f"but the replacement needs provider "
                    f">= {since} ({removal.since_source}) and {why}: raise the constraint "
                    f"first (AWSV5 before AWSV6), then run again ({where})",
                )
                continue
            container = _container(block, result.remove[0]) if result.remove else block
            anchor: n.Attribute | n.Block | None = result.remove[0] if result.remove else None
            for text in result.lines:
                nested = text.endswith("}")  # a block stands apart, as a person writes it
                anchor = edit.insert(
                    container, text, after=anchor, blank_line=nested, blank_line_after=nested
                )
            for item in result.remove:
                edit.remove(item, _container(block, item))
            yield self.fixed(path, block, f"{address}: {result.said} ({where})")


def _disrupts(
    ctx: ModuleContext, removal: Removal, block: n.Block, result: _Edit
) -> tuple[str, versions.Disruptive] | None:
    """Why removing what ``result`` removes may replace or stop the resource on a
    provider the module allows, with the version table's entry; or None."""
    if removal.kind != "resource":
        return None
    for item in result.remove:
        name = item.name if isinstance(item, n.Attribute) else block_type(item)
        if _container(block, item) is not block:
            continue  # nested settings: none is in the table
        said = versions.disrupts(ctx, removal.type, name)
        entry = versions.disruptive(removal.type, name)
        if said is not None and entry is not None:
            return said, entry
    return None


def _has(block: n.Block, names: tuple[str, ...]) -> bool:
    if block.type == "provider":
        return any(_items(e, ("opsworks", "simpledb", "sdb", "worklink")) for e in
                   block.body.blocks_of_type("endpoints"))  # fmt: skip
    return bool(_items(block, names))


def _nullable_present(block: n.Block, type_: str) -> bool:
    for t, path, name in NULLABLE_BOOLS:
        if t != type_:
            continue
        for container in _nested(block, path):
            item = container.body.attribute(name)
            if item is not None and item.value.code.strip() in _BOOL_TEXT:
                return True
    return False


def _container(block: n.Block, item: n.Node) -> n.Block:
    """The block whose body holds ``item`` (``block`` or one nested in it)."""
    for node in block.walk():
        if isinstance(node, n.Block) and any(i is item for i in node.body.items):
            return node
    return block


def _address(removal: Removal, block: n.Block) -> str:
    if removal.kind == "provider":
        alias = block.body.attribute("alias")
        return f"provider {removal.type}" + (f" ({alias.value.code.strip()})" if alias else "")
    address = ".".join(block.labels)
    return f"data.{address}" if removal.kind == "data" else address
