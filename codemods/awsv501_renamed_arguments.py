"""AWSV501 v5-renamed-arguments: arguments AWS provider v5 removed in favour of a new name.

Each entry of the table is a rename the v5 upgrade guide asks for, where the
new argument already exists in provider 4.x with the same meaning, so the
rewrite works before and after the upgrade. References to a removed
attribute (``aws_db_instance.x.name``) are reported, not rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from tffix.analysis.dynamic import block_type
from tffix.analysis.evaluate import evaluate
from tffix.analysis.module import ModuleAnalysis
from tffix.aws import provider_versions as versions
from tffix.cst import edit
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

GUIDE = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-5-upgrade"


_CHANGELOG = "https://github.com/hashicorp/terraform-provider-aws/blob/main/CHANGELOG.md"
_CHANGELOG_3 = "https://github.com/hashicorp/terraform-provider-aws/blob/release/3.x/CHANGELOG.md"


@dataclass(frozen=True)
class Rename:
    kind: str  # "resource" or "data"
    type: str
    old: str
    new: str
    section: str
    as_list: bool = False  # the new argument takes a list of what the old one took
    attribute: str | None = None  # the exported attribute that replaces ``old``, if any
    note: str = ""  # what plan may show after the rename, for the finding
    # The first provider version with the new name, and where that is written down:
    # the 4.0 deprecations (hashicorp/terraform-provider-aws CHANGELOG 4.0.0) unless
    # told otherwise.
    since: tuple[int, int, int] = (4, 0, 0)
    since_source: str = f"{_CHANGELOG}#400-february-10-2022"


_RDS = "#resourceaws_db_instance"
_REDIS = "#resourceaws_elasticache_replication_group"
_ASG = "#resourceaws_autoscaling_attachment"
_POLICY = "#data-sourceaws_iam_policy_document"
_GROUP = "aws_elasticache_replication_group"
_POLICY_SINCE = f"{_CHANGELOG_3}#3280-february-12-2021"
RENAMES = (
    Rename("resource", "aws_db_instance", "name", "db_name", _RDS, attribute="db_name"),
    Rename("resource", _GROUP, "number_cache_clusters", "num_cache_clusters", _REDIS,
           attribute="num_cache_clusters"),
    Rename("resource", _GROUP, "replication_group_description", "description", _REDIS,
           attribute="description"),
    Rename("resource", _GROUP, "availability_zones", "preferred_cache_cluster_azs", _REDIS,
           attribute="preferred_cache_cluster_azs",
           note="plan may show preferred_cache_cluster_azs set in place: it is not read back, "
                "and ModifyReplicationGroup has no parameter that moves existing nodes"),
    Rename("resource", "aws_autoscaling_attachment", "alb_target_group_arn",
           "lb_target_group_arn", _ASG, attribute="lb_target_group_arn",
           note="plan may show the attachment created again: 5.x drops alb_target_group_arn "
                "from the state, and the read, which looks the attachment up by "
                "lb_target_group_arn, then no longer finds it; check the plan before applying"),
    Rename("data", "aws_iam_policy_document", "source_json", "source_policy_documents",
           _POLICY, as_list=True, since=(3, 28, 0), since_source=_POLICY_SINCE),
    Rename("data", "aws_iam_policy_document", "override_json", "override_policy_documents",
           _POLICY, as_list=True, since=(3, 28, 0), since_source=_POLICY_SINCE),
)  # fmt: skip


@dataclass(frozen=True)
class Removal:
    """An argument or block v5 removed with no name to rename it to: a person moves its
    settings (the advice says where); a finding, never an edit."""

    type: str
    name: str  # "" for the resource type itself
    advice: str
    section: str
    path: tuple[str, ...] = ()  # nested block types holding ``name``
    value: str | None = None  # only where ``name`` is set to this literal


_EC2_CLASSIC = "#ec2-classic-retirement"
REMOVALS = (
    # Provider 5.0.0's release note: "Remove `cluster_mode` configuration block -- use
    # top-level `num_node_groups` and `replicas_per_node_group` instead".
    Removal(_GROUP, "cluster_mode",
            "write its num_node_groups and replicas_per_node_group as top-level arguments "
            "of the replication group, then remove the block",
            _REDIS),
    Removal("aws_route", "instance_id",
            "route to the instance's network interface with network_interface_id (its "
            "primary_network_interface_id) instead",
            "#resourceaws_route"),
    Removal("aws_route_table", "instance_id",
            "route to the instance's network interface with the route's network_interface_id "
            "(its primary_network_interface_id) instead",
            "#resourceaws_route_table", path=("route",)),
    Removal("aws_autoscaling_group", "tags",
            "write one tag block per entry (key, value, propagate_at_launch)",
            "#resourceaws_autoscaling_group"),
    Removal("aws_secretsmanager_secret", "rotation_lambda_arn",
            "move the rotation to an aws_secretsmanager_secret_rotation resource",
            "#resourceaws_secretsmanager_secret"),
    Removal("aws_secretsmanager_secret", "rotation_rules",
            "move the rotation to an aws_secretsmanager_secret_rotation resource",
            "#resourceaws_secretsmanager_secret"),
    Removal("aws_vpc", "enable_classiclink", "remove it (EC2-Classic is retired)", _EC2_CLASSIC),
    Removal("aws_vpc", "enable_classiclink_dns_support", "remove it (EC2-Classic is retired)",
            _EC2_CLASSIC),
    Removal("aws_default_vpc", "enable_classiclink", "remove it (EC2-Classic is retired)",
            _EC2_CLASSIC),
    Removal("aws_elasticache_cluster", "security_group_names",
            "use security_group_ids (EC2-Classic is retired)", _EC2_CLASSIC),
    Removal("aws_db_instance", "security_group_names",
            "use vpc_security_group_ids (EC2-Classic is retired)", _EC2_CLASSIC),
    Removal("aws_launch_configuration", "vpc_classic_link_id",
            "remove it (EC2-Classic is retired)", _EC2_CLASSIC),
    Removal("aws_launch_configuration", "vpc_classic_link_security_groups",
            "remove it (EC2-Classic is retired)", _EC2_CLASSIC),
    Removal("aws_db_security_group", "",
            "remove it (EC2-Classic is retired) with a `removed` block (lifecycle { destroy "
            "= false }) and use VPC security groups", _EC2_CLASSIC),
    Removal("aws_msk_cluster", "ebs_volume_size",
            "write broker_node_group_info.storage_info.ebs_storage_info.volume_size instead",
            "#resourceaws_msk_cluster", path=("broker_node_group_info",)),
    Removal("aws_ecs_cluster", "capacity_providers",
            "move it to an aws_ecs_cluster_capacity_providers resource",
            "#resourceaws_ecs_cluster"),
    Removal("aws_ecs_cluster", "default_capacity_provider_strategy",
            "move it to an aws_ecs_cluster_capacity_providers resource",
            "#resourceaws_ecs_cluster"),
    Removal("aws_kinesis_firehose_delivery_stream", "destination",
            'write destination = "extended_s3" with an extended_s3_configuration block',
            "#resourceaws_kinesis_firehose_delivery_stream", value="s3"),
    Removal("aws_kinesis_firehose_delivery_stream", "buffer_size",
            "it is buffering_size there now", "#resourceaws_kinesis_firehose_delivery_stream",
            path=("extended_s3_configuration", "s3_backup_configuration")),
    Removal("aws_kinesis_firehose_delivery_stream", "buffer_interval",
            "it is buffering_interval there now", "#resourceaws_kinesis_firehose_delivery_stream",
            path=("extended_s3_configuration", "s3_backup_configuration")),
)  # fmt: skip


def _holders(block: n.Block, path: tuple[str, ...]) -> list[n.Block]:
    """The blocks at ``path`` inside ``block`` (a dynamic block's content counts)."""
    found = [block]
    for step in path:
        inner = []
        for holder in found:
            for child in holder.body.blocks:
                if block_type(child) != step:
                    continue
                if child.type == "dynamic":
                    inner.extend(child.body.blocks_of_type("content"))
                else:
                    inner.append(child)
        found = inner
    return found


def _sets(block: n.Block, removal: Removal, analysis: ModuleAnalysis | None = None) -> bool:
    """Whether ``block`` sets what ``removal`` names. A value read from a local or a
    variable counts when it is the removed one, or may be (unknown here): reported,
    never left silent."""
    if not removal.name:
        return True
    for holder in _holders(block, removal.path):
        item = holder.body.attribute(removal.name)
        if item is not None:
            if removal.value is None:
                return True
            value = evaluate(item.value, analysis)
            if not isinstance(value, str) or value == removal.value:
                return True
        elif removal.value is None and any(
            block_type(i) == removal.name for i in holder.body.blocks
        ):
            return True
    return False


class V5RenamedArguments(Codemod):
    """Arguments removed by AWS provider v5 -> the names the guide gives."""

    code = "AWSV501"
    name = "v5-renamed-arguments"
    summary = "AWS provider v5: rename arguments v5 removed (db_name, num_cache_clusters, ...)"
    safety = Safety.UNSAFE
    documentation = (GUIDE,)
    explanation = """\
Why: AWS provider v5 removed arguments that had been deprecated in favour of
new names; a configuration that still sets them fails `plan` after the
upgrade (GUIDE).

What it does: renames, keeping the value:

- `aws_db_instance`: `name` -> `db_name`;
- `aws_elasticache_replication_group`: `number_cache_clusters` ->
  `num_cache_clusters`, `replication_group_description` -> `description`,
  `availability_zones` -> `preferred_cache_cluster_azs`;
- `aws_autoscaling_attachment`: `alb_target_group_arn` -> `lb_target_group_arn`;
- `data "aws_iam_policy_document"`: `source_json` ->
  `source_policy_documents = [...]`, `override_json` ->
  `override_policy_documents = [...]` (a list of the one document). 4.x
  skipped an empty or null `source_json`; the list parses each element, so
  `[""]` fails plan: a value that may be empty or null (a variable, a
  conditional, `join` over a counted document) is written `compact([...])`,
  and a literal `null` or `""` is removed.

What v5 removed without a new name is reported, not edited:
`aws_elasticache_replication_group`'s `cluster_mode` block (its settings
become the top-level `num_node_groups` and `replicas_per_node_group`),
`instance_id` of `aws_route` and of `aws_route_table`'s `route` blocks (route
to the instance's network interface), `aws_autoscaling_group`'s `tags`,
`aws_secretsmanager_secret`'s rotation arguments, the EC2-Classic arguments
(`enable_classiclink`, `security_group_names`, `vpc_classic_link_*`) and the
`aws_db_security_group` resource, `aws_msk_cluster`'s
`broker_node_group_info.ebs_volume_size`, `aws_ecs_cluster`'s capacity
provider arguments, and a Firehose stream's `destination = "s3"` and its
backup `buffer_size`/`buffer_interval`.

The new names exist in provider 4.x with the same meaning (the policy
document's from 3.28), so the change works on both sides of the upgrade; it
is made where every provider version the module allows has them (its
`required_providers`, or the version `.terraform.lock.hcl` pins; a root
module with no constraint gets the newest). Elsewhere (a 3.x pin, a module
that may be called and states no version) a finding says which version the
new name needs: on 3.x the renamed argument fails `plan`. A block that sets both names is left for
a person. References to a removed attribute (`aws_db_instance.x.name`,
`aws_db_instance.x[0].name`) read the new one (`db_name`), which 4.x exports
too.

Two renames replace the resource on 4.x, and are made only where the module
allows no 4.x provider (else a finding): `availability_zones` of a
replication group is ForceNew and not read back, so a configuration without
it plans to replace the replication group (terraform-provider-aws issue
31435); `alb_target_group_arn` and `lb_target_group_arn` of an attachment are
both ForceNew and neither is read back, so the rename detaches the target
group and attaches it again. Provider 5.0 drops the old argument from the
state: rename it with that upgrade.

Fix safety: unsafe. It changes infrastructure code; the renamed arguments
mean the same, so `terraform plan` should show no change: review it before
applying. `source_policy_documents` merges statements by `sid` as
`source_json` did, but a document whose statements repeat a `sid` is refused
(the guide's note).

Sources: GUIDE.

Example:

    resource "aws_db_instance" "app" {
    -  name           = "app"
    +  db_name        = "app"
       engine         = "postgres"
       instance_class = "db.t3.micro"
    }
""".replace("GUIDE", GUIDE)

    def _blocks(self, ctx: ModuleContext, rename: Rename) -> list[tuple[str, n.Block]]:
        if rename.kind == "resource":
            found = ctx.targets(rename.type)
        else:
            found = [(p, b) for p, b in ctx.analysis.data_sources(rename.type) if not ctx.waived(b)]
        return [(p, b) for p, b in found if b.body.attribute(rename.old) is not None]

    def _removed(self, ctx: ModuleContext, removal: Removal) -> list[tuple[str, n.Block]]:
        return [(p, b) for p, b in ctx.targets(removal.type) if _sets(b, removal, ctx.analysis)]

    def triggers(self, ctx: ModuleContext) -> Iterable[tuple[str, n.Block]]:
        seen: dict[int, tuple[str, n.Block]] = {}
        for rename in RENAMES:
            for path, block in self._blocks(ctx, rename):
                seen[id(block)] = (path, block)
        for removal in REMOVALS:
            for path, block in self._removed(ctx, removal):
                seen[id(block)] = (path, block)
        return list(seen.values())

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        for rename in RENAMES:
            for path, block in self._blocks(ctx, rename):
                yield from self._rename(ctx, path, block, rename)
        yield from self._indirect_reads(ctx)
        for removal in REMOVALS:
            for path, block in self._removed(ctx, removal):
                what = ".".join((*removal.path, removal.name)) or f"the {removal.type} resource"
                if removal.value is not None:
                    what += f' = "{removal.value}"'
                yield self.manual(
                    path,
                    block,
                    f"{'.'.join(block.labels)}: {what} was removed in provider v5, "
                    f"so plan fails on it there: {removal.advice} "
                    f"({GUIDE}{removal.section})",
                )

    def _indirect_reads(self, ctx: ModuleContext) -> Iterator[Finding]:
        """Report reads of a removed attribute the rename cannot follow: through a
        for-expression's variable (``[for d in aws_db_instance.x : d.name]``) or a
        function's result (``values(aws_db_instance.x)[*].name``); v5 refuses them
        ("Unsupported attribute")."""
        for rename in RENAMES:
            if rename.kind != "resource" or rename.attribute is None:
                continue
            if not ctx.mentions(rename.type):
                continue
            for path, module in ctx.files.items():
                for top in module.body.blocks:
                    said = sorted(set(_indirect(top, rename)))
                    if said:
                        holder = ".".join([top.type, *top.labels])
                        yield self.manual(
                            path,
                            top,
                            f"{holder}: {', '.join(f'`{t}`' for t in said)} may read "
                            f"{rename.type}'s {rename.old}, which v5 removed: read "
                            f"{rename.attribute} instead ({GUIDE}{rename.section})",
                        )

    def _rename(
        self, ctx: ModuleContext, path: str, block: n.Block, rename: Rename
    ) -> Iterator[Finding]:
        address = ".".join(block.labels)
        if rename.kind == "data":
            address = f"data.{address}"
        where = f"{GUIDE}{rename.section}"
        if block.body.attribute(rename.new) is not None:
            yield self.manual(
                path,
                block,
                f"{address} sets both {rename.old} (removed in v5) and {rename.new}: keep "
                f"{rename.new} ({where})",
            )
            return
        why = versions.not_ready(ctx, rename.since)
        if why is not None:
            since = ".".join(map(str, rename.since))
            yield self.manual(
                path,
                block,
                f"{address}: {rename.old} (removed in v5) is {rename.new} from provider "
                f"{since} on ({rename.since_source}), and {why}: rename it once the module "
                f"requires >= {since} (the v4 upgrade first, for a 3.x module), or keep "
                f"{rename.old} until then ({where})",
            )
            return
        disrupts = versions.disrupts(ctx, rename.type, rename.old)
        if disrupts is not None:
            until = versions.disruptive(rename.type, rename.old)
            assert until is not None and until.version is not None
            major = until.version[0]
            yield self.manual(
                path,
                block,
                f"{address}: {rename.old} (removed in v5) is {rename.new}, but {disrupts}: "
                f"keep {rename.old} while the module runs a provider older than {major}.0; "
                f"rename it with the move to {major}.x (which drops {rename.old} from the "
                f"state) and check that `terraform plan` shows no replacement ({where})",
            )
            return
        old = block.body.attribute(rename.old)
        assert old is not None
        value: str | None = old.value.code.strip()
        message = f"{address}: {rename.old} (removed in v5) renamed to {rename.new}"
        if rename.as_list:
            value, said = _as_documents(old.value)
            if value is None:
                edit.remove(old, block)
                yield self.fixed(
                    path,
                    block,
                    f"{address}: {rename.old} = {said} removed: provider 4.x skipped an "
                    f"empty or null {rename.old}, and {rename.new} would refuse it ({where})",
                )
                return
            message += said
        edit.insert(block, f"{rename.new} = {value}", after=old)
        edit.remove(old, block)
        readers = (
            _read_new_attribute(ctx, block, rename)
            if rename.kind == "resource" and rename.attribute is not None
            else []
        )
        if readers:
            message += (
                f"; {', '.join(readers)} read{'s' * (len(readers) == 1)} "
                f"{rename.attribute} instead of {rename.old}"
            )
        if rename.note:
            message += f"; {rename.note}"
        yield self.fixed(path, block, f"{message} ({where})")


def _indirect(top: n.Block, rename: Rename) -> Iterator[str]:
    """The reads of ``rename.old`` in ``top`` reached through a for-expression's
    variable or a function call over the resource type, as written."""
    head = f"{rename.type}."
    for node in top.walk():
        if isinstance(node, (n.ForTuple, n.ForObject)) and head in node.collection.code:
            names = {node.value_var}
            for inner in node.walk():
                if not isinstance(inner, n.Traversal) or inner.root_name() not in names:
                    continue
                step = next((x for x in inner.steps if isinstance(x, n.GetAttr)), None)
                if step is not None and step.name == rename.old:
                    yield " ".join(inner.code.split())
        elif (
            isinstance(node, n.Traversal)
            and isinstance(node.root, n.Call)
            and head in node.root.code
            and any(isinstance(x, n.GetAttr) and x.name == rename.old for x in node.steps)
        ):
            yield " ".join(node.code.split())


def _as_documents(value: n.Expression) -> tuple[str | None, str]:
    """The list ``source_json = X`` becomes, and what the finding adds about it; (None,
    the literal) for a literal ``null`` or ``""``, which is dropped.

    Provider 4.x read ``source_json``/``override_json`` with ``GetOk``: an empty string
    or null was "not set" and skipped. The list arguments parse every element as JSON,
    so ``[""]`` fails plan ("unexpected end of JSON input") and a null element is
    refused. ``compact([X])`` drops both (Terraform 0.12.5 and later: pull request
    hashicorp/terraform#22044 made it accept null) and keeps any other X; the bare
    ``[X]`` is written only where X cannot be empty: a policy document's ``json``,
    ``jsonencode(...)`` or a literal with text."""
    code = value.code.strip()
    if isinstance(value, n.Literal) and value.value is None:
        return None, "null"
    if isinstance(value, n.TemplateString) and value.is_literal and not value.literal_value():
        return None, code
    listed = f"[{code}]" if "\n" not in code else f"[\n{code}\n]"
    if _never_empty(value):
        return listed, ""
    return (
        f"compact({listed})",
        f" as compact([...]): {code if len(code) <= 60 else 'the value'} may be empty or null "
        "(4.x skipped it then; the list refuses it)",
    )


def _never_empty(value: n.Expression) -> bool:
    """Whether ``value`` is a non-empty string whatever the module's inputs are."""
    if isinstance(value, n.Call):
        return value.name == "jsonencode"
    if isinstance(value, (n.TemplateString, n.Heredoc)):
        return any(
            isinstance(part, n.TemplateLiteral) and part.text.strip() for part in value.parts
        )
    if isinstance(value, n.Traversal):
        names = value.names()
        splat = any(isinstance(s, (n.AttrSplat, n.FullSplat)) for s in value.steps)
        return (
            not splat and names[:2] == ["data", "aws_iam_policy_document"] and names[-1] == "json"
        )
    return False


def _read_new_attribute(ctx: ModuleContext, block: n.Block, rename: Rename) -> list[str]:
    """Make the module's reads of the removed attribute (``aws_db_instance.x.name``,
    ``...x[0].name``) read the one that replaces it (``db_name``, in 4.x too), as v5
    no longer exports the old one; where they are (``main.tf:9``)."""
    out = []
    # Only the files holding a traversal of the type can read it.
    holders = ctx.analysis.holding(block.labels[0], ctx.files)
    for path, module in ctx.files.items():
        if path not in holders.paths:
            continue
        changed = False
        for t in edit.traversals(module):
            steps = t.steps
            if t.root_name() != block.labels[0] or not steps:
                continue
            if not isinstance(steps[0], n.GetAttr) or steps[0].name != block.labels[1]:
                continue
            # the first attribute after the label, past an instance key or splat
            step = next((s for s in steps[1:] if isinstance(s, n.GetAttr)), None)
            if step is None or step.name != rename.old:
                continue
            step.children[1].text = rename.attribute  # type: ignore[union-attr]
            changed = True
            out.append(f"{path.rsplit('/', 1)[-1]}:{t.line}")
        if changed:
            edit.touched(module)
    return out
