"""AWSV603 v6-decisions: AWS provider v6 changes that need a person, with the guide's advice.

Some v6 changes cannot be rewritten without choosing: a default that flips
(a Redshift cluster that was public because nothing said otherwise), a
resource that is gone (OpsWorks, SimpleDB, WorkLink), an implicit API
Gateway stage that must become a resource and be imported, an AMI lookup
that must now name its owner. This codemod edits nothing: each finding says
what v6 changes, what the code shows, and what the guide advises.
"""

from __future__ import annotations

from dataclasses import dataclass

from tffix.analysis.dynamic import block_type
from tffix.cst import edit
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

GUIDE = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-6-upgrade"


@dataclass(frozen=True)
class Check:
    kind: str  # "resource", "data" or "provider"
    types: tuple[str, ...]  # exact types, or prefixes ending with "*"
    section: str
    # The message for a block when v6 needs a decision there, else None.
    judge: Callable[[n.Block], str | None]


def _api_gateway_deployment(block: n.Block) -> str | None:
    found = [
        i.name if isinstance(i, n.Attribute) else block_type(i)
        for i in block.body.items
        if (isinstance(i, n.Attribute) and i.name in ("stage_name", "stage_description"))
        or (isinstance(i, n.Block) and block_type(i) == "canary_settings")
    ]
    if not found:
        return None
    stage = block.body.attribute("stage_name")
    name = stage.value.code.strip() if stage is not None else "<stage name>"
    return (
        f"{', '.join(found)} removed in v6: the deployment's implicit stage must become an "
        f"aws_api_gateway_stage (stage_name = {name}, deployment_id = this deployment's id), "
        "imported once where it exists (`terraform import aws_api_gateway_stage.<name> "
        "<rest_api_id>/<stage_name>`) so that it is not created twice"
    )


def _api_gateway_account(block: n.Block) -> str | None:
    if block.body.attribute("reset_on_delete") is None:
        return None
    return (
        "reset_on_delete removed in v6: destroying this resource now always resets the "
        "account's API Gateway settings; to leave them when the resource goes, remove it "
        "with a `removed` block (lifecycle { destroy = false }) instead"
    )


def _redshift(block: n.Block) -> str | None:
    said = []
    if block.body.attribute("publicly_accessible") is None:
        said.append(
            "publicly_accessible is not set: v5 made such a cluster publicly accessible, v6 "
            "makes it private (set publicly_accessible = true to keep it reachable, or "
            "accept the change after checking who connects)"
        )
    if block.body.attribute("encrypted") is None:
        said.append(
            "encrypted is not set: v5 left such a cluster unencrypted, v6 defaults to "
            "encrypted = true, and the change starts an encryption migration (set "
            "encrypted = false to keep it as it is, or plan the migration)"
        )
    for name, resource in (("logging", "aws_redshift_logging"),
                           ("snapshot_copy", "aws_redshift_snapshot_copy")):  # fmt: skip
        if block.body.blocks_of_type(name):
            said.append(f"the {name} block is removed in v6: write {resource} instead")
    for name in ("cluster_public_key", "cluster_revision_number", "endpoint"):
        if block.body.attribute(name) is not None:
            said.append(f"{name} is read-only in v6: remove it")
    return "; ".join(said) or None


def _ami(block: n.Block) -> str | None:
    recent = block.body.attribute("most_recent")
    if recent is None or recent.value.code.strip() != "true":
        return None
    if block.body.attribute("owners") is not None:
        return None
    for f in block.body.blocks_of_type("filter"):
        name = f.body.attribute("name")
        if name is not None and name.value.code.strip().strip('"') in ("owner-id", "image-id"):
            return None
    if block.body.attribute("allow_unsafe_filter") is not None:
        return None
    return (
        "most_recent = true without owners or an owner-id/image-id filter: v6 refuses the "
        'lookup (anyone can publish an AMI whose name matches); add owners = ["<account '
        'id or alias of the publisher>"] (for example "amazon")'
    )


def _removed_resource(block: n.Block) -> str | None:
    return (
        f"{block.labels[0]} is removed in v6 (the AWS service or its SDK support ended): "
        "take it out of the configuration with a `removed` block (lifecycle { destroy = "
        "false }) so that nothing is destroyed, then migrate what it did"
    )


def _s3_endpoint(block: n.Block) -> str | None:
    if block.body.attribute("s3_us_east_1_regional_endpoint") is None:
        return None
    return (
        "s3_us_east_1_regional_endpoint is deprecated in v6 (removed in v7; the global S3 "
        'endpoint is going away): remove it, or set it to "regional" and verify the S3 '
        "resources in us-east-1"
    )


def _bot_control(block: n.Block) -> str | None:
    for node in block.walk():
        if (
            isinstance(node, n.Block)
            and block_type(node) == "aws_managed_rules_bot_control_rule_set"
        ):
            inner = node.body.blocks_of_type("content") if node.type == "dynamic" else [node]
            if inner and inner[0].body.attribute("enable_machine_learning") is None:
                return (
                    "aws_managed_rules_bot_control_rule_set without enable_machine_learning: "
                    "v6 defaults it to false (v5: true); set enable_machine_learning = true "
                    "to keep the bot control's machine learning"
                )
    return None


def _db_instance(block: n.Block) -> str | None:
    if block.body.attribute("character_set_name") is None:
        return None
    found = [
        i.name if isinstance(i, n.Attribute) else block_type(i)
        for i in block.body.items
        if (isinstance(i, n.Attribute) and i.name in
            ("replicate_source_db", "snapshot_identifier"))
        or (isinstance(i, n.Block) and block_type(i) in ("restore_to_point_in_time", "s3_import"))
    ]  # fmt: skip
    if not found:
        return None
    return (
        f"character_set_name with {', '.join(found)}: v6 refuses the combination (the "
        "character set comes from the source); remove character_set_name"
    )


def _elasticache(block: n.Block) -> str | None:
    if block.body.attribute("auth_token") is None:
        return None
    if block.body.attribute("auth_token_update_strategy") is not None:
        return None
    return (
        "auth_token without auth_token_update_strategy: v6 has no default (v5: ROTATE); "
        'set auth_token_update_strategy = "ROTATE" to keep how token changes apply'
    )


def _dms(block: n.Block) -> str | None:
    if not block.body.blocks_of_type("s3_settings"):
        return None
    return "s3_settings is removed in v6: write an aws_dms_s3_endpoint instead"


def _identitystore(block: n.Block) -> str | None:
    if not block.body.blocks_of_type("filter"):
        return None
    return "filter is removed in v6: look the entry up with alternate_identifier"


def _guardduty(block: n.Block) -> str | None:
    if not block.body.blocks_of_type("datasources"):
        return None
    return "datasources is deprecated in v6: use aws_guardduty_detector_feature resources"


_REMOVED = ("aws_opsworks_*", "aws_simpledb_domain", "aws_worklink_*",
            "aws_redshift_service_account")  # fmt: skip
CHECKS = (
    Check("resource", ("aws_api_gateway_deployment",), "#resource-aws_api_gateway_deployment",
          _api_gateway_deployment),
    Check("resource", ("aws_api_gateway_account",), "#resource-aws_api_gateway_account",
          _api_gateway_account),
    Check("resource", ("aws_redshift_cluster",), "#resource-aws_redshift_cluster", _redshift),
    Check("data", ("aws_ami",), "#data-source-aws_ami", _ami),
    Check("resource", _REMOVED, "#opsworks-stacks-removal", _removed_resource),
    Check("provider", ("aws",), "#s3-global-endpoint-deprecation", _s3_endpoint),
    Check("resource", ("aws_wafv2_web_acl",), "#resource-aws_wafv2_web_acl", _bot_control),
    Check("resource", ("aws_db_instance",), "#resource-aws_db_instance", _db_instance),
    Check("resource", ("aws_elasticache_replication_group",),
          "#resource-aws_elasticache_replication_group", _elasticache),
    Check("resource", ("aws_dms_endpoint",), "#resource-aws_dms_endpoint", _dms),
    Check("data", ("aws_identitystore_group", "aws_identitystore_user"),
          "#data-source-aws_identitystore_group", _identitystore),
    Check("resource", ("aws_guardduty_detector",), "#resource-aws_guardduty_detector", _guardduty),
)  # fmt: skip
# Attributes v6 removed with no same-shaped replacement: (kind, type) -> {attribute: advice}.
READS = {
    ("resource", "aws_api_gateway_deployment"): {
        "invoke_url": "read invoke_url of the aws_api_gateway_stage",
        "execution_arn": "read execution_arn of the aws_api_gateway_stage",
    },
    ("resource", "aws_opensearch_domain"): {
        "kibana_endpoint": "OpenSearch serves Dashboards at /_dashboards/ on the domain "
        "endpoint: read dashboard_endpoint",
    },
    ("data", "aws_opensearch_domain"): {
        "kibana_endpoint": "OpenSearch serves Dashboards at /_dashboards/ on the domain "
        "endpoint: read dashboard_endpoint",
    },
}
_READ_SECTIONS = {
    "aws_api_gateway_deployment": "#resource-aws_api_gateway_deployment",
    "aws_opensearch_domain": "#resource-aws_opensearch_domain",
}
_SECTION_OF_REMOVED = {
    "aws_simpledb_domain": "#simpledb-support-removed",
    "aws_worklink": "#worklink-support-removed",
    "aws_redshift_service_account": "#resource-aws_redshift_service_account",
}


class V6Decisions(Codemod):
    """AWS provider v6 changes that need a decision -> findings with the guide's advice."""

    code = "AWSV603"
    name = "v6-decisions"
    summary = "AWS provider v6: report changes that need a decision (flipped defaults, removals)"
    safety = Safety.UNSAFE
    documentation = (GUIDE,)
    explanation = """\
Why: some AWS provider v6 changes cannot be made for you (GUIDE): a default
that flips changes a live resource unless the old value is written down,
and only the owner knows which one is wanted; a removed resource must leave
the state without being destroyed; an implicit API Gateway stage must be
written and imported.

What it does: edits nothing. It reports, each with its guide section:

- `aws_redshift_cluster` without `publicly_accessible` (v5: public, v6:
  private) or `encrypted` (v6: encrypted), and its `logging`/`snapshot_copy`
  blocks (now `aws_redshift_logging`/`aws_redshift_snapshot_copy`);
- `aws_api_gateway_deployment` with `stage_name`, `stage_description` or
  `canary_settings` (write `aws_api_gateway_stage` and import it), and reads
  of its `invoke_url`/`execution_arn`;
- `aws_api_gateway_account` with `reset_on_delete`;
- `data "aws_ami"` with `most_recent = true` and no owner (v6 refuses it);
- resources v6 removed (OpsWorks Stacks, SimpleDB, WorkLink,
  `aws_redshift_service_account`): a `removed` block keeps the real objects;
- `s3_us_east_1_regional_endpoint` in the provider configuration;
- `aws_wafv2_web_acl` bot control without `enable_machine_learning` (v6:
  false, v5: true);
- `aws_db_instance` with `character_set_name` and a source it comes from;
- `aws_elasticache_replication_group` with `auth_token` and no
  `auth_token_update_strategy`;
- `aws_dms_endpoint` `s3_settings`, `aws_identitystore_*` data source
  `filter`, `aws_guardduty_detector` `datasources`;
- reads of `kibana_endpoint` of `aws_opensearch_domain`.

Fix safety: unsafe (the family's class); it makes no change.

Sources: GUIDE.

Example:

    resource "aws_redshift_cluster" "warehouse" {
      cluster_identifier = "warehouse"
      node_type          = "ra3.xlplus"
      # manual: publicly_accessible is not set: v5 made such a cluster publicly
      # accessible, v6 makes it private ...
    }
""".replace("GUIDE", GUIDE)

    def _found(self, ctx: ModuleContext) -> list[tuple[str, n.Block, str]]:
        out = []
        typed: dict[str, list[tuple[str, n.Block, str]]] = {}  # each block's type read once
        for check in CHECKS:
            for path, block in _blocks(ctx, check, typed):
                said = check.judge(block)
                if said is None:
                    continue
                section = check.section
                if check.judge is _removed_resource:
                    section = next(
                        (
                            s
                            for p, s in _SECTION_OF_REMOVED.items()
                            if block.labels[0].startswith(p)
                        ),
                        section,
                    )
                out.append((path, block, f"{_address(check, block)}: {said} ({GUIDE}{section})"))
        return out

    def triggers(self, ctx: ModuleContext) -> Iterable[tuple[str, n.Block]]:
        return [(p, b) for p, b, _m in self._found(ctx)]

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        for path, block, message in self._found(ctx):
            yield self.manual(path, block, message)
        yield from self._reads(ctx)

    def _reads(self, ctx: ModuleContext) -> Iterator[Finding]:
        for (kind, type_), advice in READS.items():
            if not ctx.mentions(type_):
                continue  # no file names the type: nothing reads it (and no index is built)
            head = ["data", type_] if kind == "data" else [type_]
            # Only the blocks holding a traversal of the type can read it.
            holders = ctx.analysis.holding(".".join(head), ctx.files)
            for path, module in ctx.files.items():
                if path not in holders.paths:
                    continue
                for top in module.body.blocks:
                    if top not in holders:
                        continue
                    for t in edit.traversals(top):
                        names = t.names()
                        if names[: len(head)] != head or len(names) < len(head) + 2:
                            continue
                        rest = [x for x in names[len(head) + 1 :] if x is not None]
                        if not rest or rest[0] not in advice:
                            continue
                        holder = ".".join([top.type, *top.labels])
                        old = " ".join(t.code.split())
                        yield self.manual(
                            path,
                            top,
                            f"{holder}: `{old}` is removed in v6: {advice[rest[0]]} "
                            f"({GUIDE}{_READ_SECTIONS[type_]})",
                        )


def _blocks(
    ctx: ModuleContext, check: Check, typed: dict[str, list[tuple[str, n.Block, str]]]
) -> list[tuple[str, n.Block]]:
    """The blocks ``check`` is about, in file order, waived ones left out; ``typed``
    keeps (path, block, type) of the resources and data sources from one check to the
    next (a block's labels are read from its tokens each time they are asked for)."""
    if check.kind == "provider":
        found = [
            (path, block)
            for path, module in ctx.files.items()
            for block in module.body.blocks_of_type("provider")
            if block.labels[:1] == list(check.types)
        ]
    else:
        listing = typed.get(check.kind)
        if listing is None:
            source = (
                ctx.analysis.resources if check.kind == "resource" else ctx.analysis.data_sources
            )
            listing = typed[check.kind] = [(p, b, b.labels[0]) for p, b in source(None)]
        found = [
            (p, b)
            for p, b, type_ in listing
            if any(type_.startswith(t[:-1]) if t.endswith("*") else type_ == t for t in check.types)
        ]
    return [(p, b) for p, b in found if not ctx.waived(b)]


def _address(check: Check, block: n.Block) -> str:
    if check.kind == "provider":
        alias = block.body.attribute("alias")
        return "provider aws" + (f" ({alias.value.code.strip()})" if alias else "")
    address = ".".join(block.labels)
    return f"data.{address}" if check.kind == "data" else address
