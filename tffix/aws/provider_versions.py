"""Which AWS provider versions a module allows, and whether they all have a resource.

A fix that writes ``aws_s3_bucket_versioning`` into a module pinned to
``version = "~> 3.50"`` makes ``terraform init`` pick a provider in which that
resource does not exist (3.50 to 3.74), and ``plan`` fails. So before a
codemod writes a resource or an argument it asks :func:`supports`: True when
every provider version the module allows has it, False when none does, None
when some do and some do not (the codemod then reports instead of editing).

What the module allows is the intersection of its ``required_providers``
constraints (``version = "~> 3.50"``, the legacy ``aws = "~> 3.0"`` form, and
the deprecated ``version`` of a ``provider "aws"`` block), narrowed to the
version in ``.terraform.lock.hcl`` when the module has one (that is the
version ``init`` installs). A module without any constraint gets the newest
provider on a fresh ``init``, so it counts as allowing only recent versions.

The module's own code narrows it too: a module that already declares
``aws_s3_object`` (or sets ``object_lock_enabled`` on a bucket) plans with no
provider older than the one that brought it, whatever its constraint says, so
the oldest version the table gives for what it already uses is a floor
(:attr:`Allowed.floor`). Only what the table knows counts, each with its source.

An argument can come to an older major line later than to the newer one:
:attr:`Since.backports` lists such ranges, and a module allows the argument
only when every version it admits lies in one of them. Where a backport is
known to have been made but no release note found here says which release
carries it (``routing_rules`` of ``aws_s3_bucket_website_configuration`` on
3.x), :attr:`Since.unconfirmed` lists the range it may be in: never enough to
write the argument there, and never ruled out either (the module's own code
may already use it on such a version). A local name ``aws`` bound to another
provider (a fork such as ``c2devel/croccloud``) has versions of its own:
nothing here says what it has.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

from tffix.analysis.constraints import bounds as _bounds
from tffix.analysis.constraints import parse_version as _version
from tffix.analysis.dialect import FIRST_FOR_TERRAFORM_0_12
from tffix.analysis.module import ModuleAnalysis
from tffix.cst import matchers as m
from tffix.engine import inputs
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

Version = tuple[int, int, int]

_CHANGELOG = "https://github.com/hashicorp/terraform-provider-aws/blob/main/CHANGELOG.md"
_CHANGELOG_1 = "https://github.com/hashicorp/terraform-provider-aws/blob/release/1.x/CHANGELOG.md"
_V4_GUIDE = (
    "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade"
)


@dataclass(frozen=True)
class Since:
    """The first provider version that has a resource (or an argument of one), and where
    that is written down; ``backports``: ranges ``[first, end)`` of older major lines
    that got it too, later."""

    version: Version
    source: str
    backports: tuple[tuple[Version, Version], ...] = ()
    # Ranges ``[first, end)`` that may have it (a backport was merged) though no release
    # note found says which release carries it, and what is known, for messages.
    unconfirmed: tuple[tuple[Version, Version], ...] = ()
    unconfirmed_why: str = ""

    def ranges(self) -> list[tuple[Version, Version | None]]:
        """The versions that have it, as ``[low, high)`` ranges (``high`` None: no end)."""
        return [*self.backports, (self.version, None)]

    def first(self) -> Version:
        """The oldest version that may have it (on any line, confirmed or not): the floor
        a module that already uses it runs with, at the lowest."""
        return min(low for low, _high in [*self.ranges(), *self.unconfirmed])

    def shown(self) -> str:
        """The versions that have it, for a message: ``4.15.0 (3.x: from 3.75.2)``."""
        text = _dotted(self.version)
        older = [f"{low[0]}.x: from {_dotted(low)}" for low, _high in self.backports]
        return f"{text} ({'; '.join(older)})" if older else text

    def doubt(self, low: Version, high: Version | None) -> str:
        """What is not known about the versions ``[low, high)`` admit (the unconfirmed
        ranges they reach), for a message; "" when they reach none."""
        said = [
            f"whether {_dotted(first)} and later {first[0]}.x releases have it too is not "
            "confirmed: "
            f"{self.unconfirmed_why}"
            for first, end in self.unconfirmed
            if low < end and (high is None or first < high)
        ]
        return "".join(f"; {text}" for text in said)


# (resource type, argument or None) -> first version that has it. The split-out S3
# resources came with 4.0.0 (February 10, 2022, "New Resource" entries) and were
# backported to 3.75.0 (March 18, 2022) to ease the upgrade; so 3.75.x has them, 3.74
# and earlier do not.
_S3_SPLIT = Since((3, 75, 0), f"{_CHANGELOG}#3750-march-18-2022")
SINCE: dict[tuple[str, str | None], Since] = {
    ("aws_s3_bucket_public_access_block", None): Since(
        (1, 54, 0), f"{_CHANGELOG_1}#1540-december-21-2018"
    ),
    ("aws_s3_bucket_versioning", None): _S3_SPLIT,
    ("aws_s3_bucket_server_side_encryption_configuration", None): _S3_SPLIT,
    ("aws_s3_bucket_lifecycle_configuration", None): _S3_SPLIT,
    ("aws_s3_bucket_logging", None): _S3_SPLIT,
    ("aws_s3_bucket_acl", None): _S3_SPLIT,
    ("aws_s3_bucket_website_configuration", None): _S3_SPLIT,
    ("aws_s3_bucket_cors_configuration", None): _S3_SPLIT,
    ("aws_s3_bucket_object_lock_configuration", None): _S3_SPLIT,
    ("aws_s3_bucket_request_payment_configuration", None): _S3_SPLIT,
    ("aws_s3_bucket_accelerate_configuration", None): _S3_SPLIT,
    ("aws_s3_object", None): Since((4, 0, 0), f"{_CHANGELOG}#400-february-10-2022"),
    # Added in a 3.x release of late 2021 (pull request 20777), before the backport of
    # 3.75; the earliest release checked here to have it is 3.74.0 (its registry
    # documentation, with the ignore_changes usage note). Older constraints are
    # reported rather than split into a resource they may not have. AWSV412 asks about
    # every argument it writes into it too (rule.destination.account, ...): none is
    # listed here because no release note found names one as added after the resource
    # (the 3.x entries between its release and 3.74 are not readable in the stored
    # CHANGELOG; the 3.75.0 rework, pull requests 23716/23737, made `rule` a list and
    # added `token`, which the split does not write). An entry added here takes effect.
    ("aws_s3_bucket_replication_configuration", None): Since(
        (3, 74, 0),
        "https://registry.terraform.io/providers/hashicorp/aws/3.74.0/docs/resources/"
        "s3_bucket_replication_configuration",
    ),
    # hashicorp/terraform-provider-aws pull request 29924, released in 4.59.0.
    ("aws_dynamodb_table", "deletion_protection_enabled"): Since(
        (4, 59, 0), f"{_CHANGELOG}#4590-march-17-2023"
    ),
    # AWS002 writes it (a customer-managed key for a table): the 2.47.0 release notes,
    # "resource/aws_dynamodb_table: Add `server_side_encryption` configuration block
    # `kms_key_arn` argument (support customer managed CMKs for server-side encryption)
    # (#11081)". A nested argument is named by its path.
    ("aws_dynamodb_table", "server_side_encryption.kms_key_arn"): Since(
        (2, 47, 0), "https://github.com/hashicorp/terraform-provider-aws/blob/v2.47.0/CHANGELOG.md"
    ),
    # The bucket's top-level flag (AWSV411 writes it for object_lock_configuration's
    # "Enabled"): pull request 23556 "resource/aws_s3_bucket: Add top-level
    # object_lock_enabled parameter", merged March 9, 2022, released in 4.5.0 (March 11,
    # 2022; 4.4.0 and older say "An argument named "object_lock_enabled" is not expected
    # here"). No 3.x release is known here to have it: a 3.x constraint is reported.
    ("aws_s3_bucket", "object_lock_enabled"): Since(
        (4, 5, 0), "https://github.com/hashicorp/terraform-provider-aws/pull/23556"
    ),
    # CHANGELOG 4.15.0 (May 20, 2022): "resource/aws_s3_bucket_website_configuration: Add
    # `routing_rules` parameter to be used instead of `routing_rule` to support
    # configurations with empty String values (#24198)". 4.0.0 to 4.14.x refuse it
    # (minamijoyo/tfedit issue 30 shows the error on 4.14.0). On the 3.x line, pull
    # request 24199 ("backport ... add `routing_rules` parameter") was merged, and 3.75.2
    # came out the same day with one enhancement, but no text found here says that
    # enhancement is this one: 3.x from 3.75.2 on is unknown, never written on.
    ("aws_s3_bucket_website_configuration", "routing_rules"): Since(
        (4, 15, 0),
        f"{_CHANGELOG}#4150-may-20-2022",
        unconfirmed=(((3, 75, 2), (4, 0, 0)),),
        unconfirmed_why=(
            "a backport was merged (hashicorp/terraform-provider-aws pull request 24199), "
            "but no 3.x release note found names it (the registry documentation of the "
            "3.x version you run shows whether it lists routing_rules)"
        ),
    ),
    # The prerequisite AWSV404 writes before a grant-based ACL (object ownership
    # ObjectWriter): "New Resource: aws_s3_bucket_ownership_controls (#15482)", 3.10.0.
    ("aws_s3_bucket_ownership_controls", None): Since(
        (3, 10, 0), f"{_CHANGELOG}#3100-october-09-2020"
    ),
    # Arguments checked and found older than 2.7.0 (FIRST_FOR_TERRAFORM_0_12: every
    # module tffix edits runs a provider at least that new), so not listed: AWS011's
    # aws_api_gateway_stage.xray_tracing_enabled (pull request 5817, 1.x, 2018); AWS003's
    # enable_key_rotation, AWS009's retention_in_days, AWS004's kms_key_id, AWS010's
    # tracing_config, AWS012's billing_mode (all 1.x). AWS005 writes no
    # aws_codestarconnections_connection (3.22.0): it only uses one the module has.
}


@dataclass(frozen=True)
class Allowed:
    """The versions a module allows: ``low <= v`` (``< high`` when ``high`` is set)."""

    low: Version
    high: Version | None  # exclusive
    text: str  # the constraints as written, for messages ("" when there are none)
    locked: Version | None = None
    # The oldest provider the module's own code plans with (what it already declares
    # that the table knows), and what that is, for messages; already part of ``low``.
    floor: Version | None = None
    floor_why: str = ""
    # The source address the local name ``aws`` is bound to when that is not
    # hashicorp/aws (a fork, whose versions mean something else).
    foreign: str | None = None

    def empty(self) -> bool:
        return self.high is not None and self.high <= self.low


# Provider 6.0.0 added the top-level `region` to every regional resource (Enhanced
# Region Support); before it, `region` of aws_s3_bucket was read-only (3.x-5.x).
_PER_RESOURCE_REGION = Since(
    (6, 0, 0),
    "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/"
    "enhanced-region-support",
)


def since(resource_type: str, argument: str | None = None) -> Since | None:
    """When a resource (or one of its arguments) appeared, if the table knows it."""
    found = SINCE.get((resource_type, argument))
    if found is None and argument == "region" and resource_type.startswith("aws_s3_bucket"):
        return _PER_RESOURCE_REGION
    return found


def allowed(subject: object, provider: str = "aws") -> Allowed:
    """The provider versions a module allows (``subject``: a ModuleAnalysis or a context
    that has one as ``.analysis``).

    Worked out once per analysis (codemods ask for every resource they look
    at, and each time read every file's top-level blocks and the lock file:
    quadratic in a big module); the engine makes a new analysis after every
    change, and no codemod edits version constraints.
    """
    analysis = _analysis(subject)
    memo: dict[str, Allowed] = analysis.__dict__.setdefault("_allowed_versions", {})
    found = memo.get(provider)
    if found is None:
        found = memo[provider] = _allowed(analysis, provider)
    return found


def _allowed(analysis: ModuleAnalysis, provider: str) -> Allowed:
    low, high, texts = _range(analysis.files, provider)
    floor, why = _used_floor(analysis) if provider == "aws" else (None, "")
    if floor is not None and floor <= max(low, FIRST_FOR_TERRAFORM_0_12):
        floor, why = None, ""  # narrows nothing: not worth a word in a finding
    return Allowed(
        max(low, floor) if floor is not None else low,
        high,
        ", ".join(texts),
        _locked(analysis.directory, provider),
        floor,
        why,
        _foreign(analysis.files, provider),
    )


def _used_floor(analysis: ModuleAnalysis) -> tuple[Version | None, str]:
    """The oldest AWS provider the module's own resources plan with: the latest first
    version, in the table, of a resource type it declares or of an argument it sets
    (with what that is, and the table's source)."""
    best: tuple[Version, str] | None = None
    for _path, block in analysis.resources():
        if len(block.labels) < 2:
            continue
        type_ = block.labels[0]
        if not type_.startswith("aws_"):
            continue
        found = [(type_, None)] + [(type_, a.name) for a in block.body.attributes]
        for key in found:
            entry = SINCE.get(key)
            if entry is None:
                continue
            first = entry.first()
            if best is None or first > best[0]:
                what = type_ if key[1] is None else f"{type_}.{key[1]}"
                best = (first, f"{what} ({block.labels[0]}.{block.labels[1]}): {entry.source}")
    if best is None:
        return None, ""
    return best


def _foreign(files: Mapping[str, n.Module], provider: str) -> str | None:
    """The source of a ``required_providers`` entry named ``provider`` that is not
    hashicorp/``provider`` (resources ``aws_*`` use that provider then). A source of
    the type alone (``"aws"``, as CDKTF writes it) is hashicorp's: Terraform reads
    it as registry.terraform.io/hashicorp/aws."""
    for module in files.values():
        for block in module.body.blocks_of_type("terraform"):
            for required in block.body.blocks_of_type("required_providers"):
                for attribute in required.body.attributes:
                    if attribute.name != provider or not isinstance(attribute.value, n.Object):
                        continue
                    fields = {item.key_name(): item.value for item in attribute.value.items}
                    source = m.string_value(fields.get("source"))
                    if source and not is_hashicorp(source, provider):
                        return source
    return None


def is_hashicorp(source: str, provider: str = "aws") -> bool:
    """Whether a ``required_providers`` source address names hashicorp/``provider``: with
    or without the registry host, or the type alone (``"aws"``, as CDKTF writes it),
    which Terraform reads as registry.terraform.io/hashicorp/aws
    (https://developer.hashicorp.com/terraform/language/providers/requirements#source-addresses)."""
    parts = source.lower().split("/")
    return parts[-2:] == ["hashicorp", provider] or parts == [provider]


def written_high(files: Mapping[str, n.Module], provider: str = "aws") -> Version | None:
    """The exclusive upper bound of the versions the module's own constraints allow
    (None: no upper bound), from parsed files alone: the runner asks before any analysis."""
    return _range(files, provider)[1]


def written_low(files: Mapping[str, n.Module], provider: str = "aws") -> Version:
    """The lowest version the module's own constraints allow, from parsed files alone
    (a constraint written in this run, which the analysis does not show yet)."""
    return _range(files, provider)[0]


def _range(
    files: Mapping[str, n.Module], provider: str
) -> tuple[Version, Version | None, list[str]]:
    texts = list(_constraints(files, provider))
    low: Version = (0, 0, 0)
    high: Version | None = None
    for text in texts:
        for part in text.split(","):
            bounds = _bounds(part)
            if bounds is None:
                continue
            part_low, part_high = bounds
            low = max(low, part_low)
            if part_high is not None:
                high = part_high if high is None else min(high, part_high)
    return low, high, texts


def supports(subject: object, resource_type: str, argument: str | None = None) -> bool | None:
    """True when every AWS provider version the module allows has ``resource_type`` (and
    ``argument`` of it), False when none does, None when some do and some do not, the
    constraints contradict each other, or ``aws`` names another provider. A resource
    the table does not know is assumed old enough (True): add it to :data:`SINCE` when
    that is not so."""
    entry = since(resource_type, argument)
    if entry is None:
        return True
    versions = allowed(subject)
    if versions.foreign is not None:
        return None
    if versions.locked is not None:
        return _within(entry, versions.locked, _next(versions.locked))
    if not versions.text:
        # A fresh init of a root module installs the newest provider; a module known
        # to be called runs whatever provider its callers chose, which may be older.
        # Every caller runs at least the first release for Terraform 0.12 (code for
        # an older Terraform is left alone: tffix.analysis.dialect), and what the
        # module already uses narrows that further.
        if (
            entry.first() <= FIRST_FOR_TERRAFORM_0_12
            and not entry.backports
            and not entry.unconfirmed
        ):
            return True
        if not _called(subject):
            return True
        return _within(entry, max(versions.low, FIRST_FOR_TERRAFORM_0_12), None)
    if versions.empty():
        return None
    return _within(entry, versions.low, versions.high)


def _within(entry: Since, low: Version, high: Version | None) -> bool | None:
    """Whether the versions ``[low, high)`` all have ``entry`` (True), none has (False),
    or some do (None)."""
    overlap = False
    for first, end in entry.ranges():
        if first <= low and (end is None or (high is not None and high <= end)):
            return True
        if (end is None or low < end) and (high is None or first < high):
            overlap = True
    for first, end in entry.unconfirmed:  # may have it: never True, never ruled out
        if low < end and (high is None or first < high):
            overlap = True
    return None if overlap else False


def _next(version: Version) -> Version:
    return (version[0], version[1], version[2] + 1)


def raise_floor(resource_type: str, argument: str | None = None) -> Version:
    """The lowest version from which every later one has the resource (or argument): the
    floor a raised constraint needs (``routing_rules``: 4.15.0, since 4.0 to 4.14 lack
    it, whatever 3.75.2 has). 0.0.0 for what the table does not know."""
    entry = since(resource_type, argument)
    return entry.version if entry is not None else (0, 0, 0)


def explain(subject: object, resource_type: str, argument: str | None = None) -> str:
    """Why :func:`supports` is not True, for a finding: the constraint and the table's source."""
    entry = since(resource_type, argument)
    versions = allowed(subject)
    what = resource_type if argument is None else f"{resource_type}.{argument}"
    if entry is None:
        return f"{what} is not in the provider version table"
    first = entry.shown()
    if versions.foreign is not None:
        return (
            f'required_providers binds the local name aws to "{versions.foreign}", not '
            f"hashicorp/aws: its versions are its own, and whether they have {what} "
            f"(hashicorp/aws: from {first} on, {entry.source}) is not known here"
        )
    if versions.locked is not None:
        locked = _dotted(versions.locked)
        doubt = entry.doubt(versions.locked, _next(versions.locked))
        pinned = f".terraform.lock.hcl pins the AWS provider to {locked}"
        return f"{pinned}; {what} needs {first}{doubt}"
    floor = ""
    if versions.floor is not None:
        floor = (
            f"; the module's own code already needs >= {_dotted(versions.floor)} "
            f"({versions.floor_why})"
        )
    if not versions.text:
        doubt = entry.doubt(max(versions.low, FIRST_FOR_TERRAFORM_0_12), None)
        return (
            "no required_providers constraint says which AWS provider runs this module, "
            "which may be called by other modules (then it runs their provider, which may "
            f"be older){floor}, "
            f"and {what} exists only from {first} on ({entry.source}; upgrade guide: "
            f"{_V4_GUIDE}){doubt}"
        )
    doubt = entry.doubt(versions.low, versions.high)
    return (
        f'required_providers allows AWS provider versions "{versions.text}"{floor}, and {what} '
        f"exists only from {first} on ({entry.source}; upgrade guide: {_V4_GUIDE}){doubt}"
    )


# ---- renames and removals that plan a replacement on older providers ---------------


@dataclass(frozen=True)
class Disruptive:
    """A change an upgrade step makes (an argument replaced by its new name, or dropped)
    that plans more than a no-op on providers older than ``version``: what happens
    there (``effect``), and where that is written down. From ``version`` on the old
    argument is gone from the schema and from the state, so the change plans nothing."""

    version: Version | None  # None: no release known here is free of it
    effect: str
    source: str


_V4_TREE = "https://github.com/hashicorp/terraform-provider-aws/blob/v4.67.0/internal/service"
_V5_TREE = "https://github.com/hashicorp/terraform-provider-aws/blob/v5.100.0/internal/service"
_5_0_0 = f"{_CHANGELOG}#500-may-25-2023"
_6_0_0 = f"{_CHANGELOG}#600-june-18-2025"
# (resource type, the argument the step removes) -> what removing it does before the
# version that drops it. Only the provider source says whether an argument is ForceNew
# and read back: each entry names the file that shows it.
DISRUPTIVE: dict[tuple[str, str], Disruptive] = {
    # 4.x: availability_zones is Optional + ForceNew and not Computed (nothing reads it
    # back), so a configuration without it differs from the state on a ForceNew
    # argument whether or not preferred_cache_cluster_azs is written
    # (hashicorp/terraform-provider-aws issue 31435, on 4.67.0). 5.0.0 removed it
    # (pull request 31008): the state loses it, and preferred_cache_cluster_azs is not
    # ForceNew.
    ("aws_elasticache_replication_group", "availability_zones"): Disruptive(
        (5, 0, 0),
        "availability_zones is ForceNew and not read back, so a configuration without it "
        "plans to replace the replication group (its nodes, endpoints and data), with or "
        "without preferred_cache_cluster_azs",
        "https://github.com/hashicorp/terraform-provider-aws/issues/31435",
    ),
    # 4.x attachment.go: alb_target_group_arn and lb_target_group_arn both ForceNew,
    # Optional, not Computed, and the read sets neither. 5.0.0 removed
    # alb_target_group_arn (pull request 30828).
    ("aws_autoscaling_attachment", "alb_target_group_arn"): Disruptive(
        (5, 0, 0),
        "alb_target_group_arn and lb_target_group_arn are both ForceNew and neither is read "
        "back, so the rename plans to replace the attachment: the target group is detached "
        "from the Auto Scaling group (its instances deregistered) and attached again",
        f"{_V4_TREE}/autoscaling/attachment.go",
    ),
    # The AWSV602 removals below exist up to the latest 5.x, where each is still in the
    # schema; 6.0.0 drops them (and the state loses them), so removing one then plans
    # nothing. On 5.x removing one plans what the entry says (5.x source files).
    ("aws_dx_gateway_association", "vpn_gateway_id"): Disruptive(
        (6, 0, 0),
        "vpn_gateway_id is ForceNew and not Computed, so a configuration without it plans "
        "to replace the association: the virtual private gateway is disassociated from the "
        "Direct Connect gateway (its traffic stops) and associated again",
        f"{_V5_TREE}/directconnect/gateway_association.go",
    ),
    ("aws_ssm_association", "instance_id"): Disruptive(
        (6, 0, 0),
        "instance_id is ForceNew and read back from the association, so a configuration "
        "without it plans to replace the association: it is deleted and created again, "
        "which runs its document on the instance at once",
        f"{_V5_TREE}/ssm/association.go",
    ),
    ("aws_sagemaker_notebook_instance", "accelerator_types"): Disruptive(
        (6, 0, 0),
        "a configuration without accelerator_types plans an update, and the provider stops "
        "the notebook instance to update it, then starts it again",
        f"{_V5_TREE}/sagemaker/notebook_instance.go",
    ),
    ("aws_spot_instance_request", "block_duration_minutes"): Disruptive(
        (6, 0, 0),
        "block_duration_minutes is ForceNew, so a configuration without it plans to replace "
        "the Spot request, terminating its instance",
        f"{_V5_TREE}/ec2/ec2_spot_instance_request.go",
    ),
    ("aws_ecs_task_definition", "inference_accelerator"): Disruptive(
        (6, 0, 0),
        "every argument of a task definition is ForceNew, so a configuration without "
        "inference_accelerator plans to replace it: a new revision is registered and this "
        "one deregistered, and services using it start new tasks",
        f"{_V5_TREE}/ecs/task_definition.go",
    ),
    # A flow log created with log_group_name has no log destination in the API's answer
    # (the state holds log_destination = ""), and log_destination is ForceNew: writing
    # the log group's ARN there replaces the flow log (issue 45770; pull request 47699,
    # merged April 2026, converts it on read; no release number for it is known here).
    ("aws_flow_log", "log_group_name"): Disruptive(
        None,
        "a flow log created with log_group_name is read back with an empty "
        "log_destination, which is ForceNew, so log_destination = <the group's ARN> plans "
        "to replace the flow log (flow logs are not captured in between) until a release "
        "with pull request 47699, which converts it on read",
        "https://github.com/hashicorp/terraform-provider-aws/pull/47699",
    ),
    # 6.x aggregate_authorization.go: region (deprecated) and authorized_aws_region are
    # both Optional + ForceNew, not Computed, and the read sets only the one the state
    # already has: the rename plans a replacement on every 6.x release seen here.
    ("aws_config_aggregate_authorization", "region"): Disruptive(
        None,
        "region and authorized_aws_region are both ForceNew and the provider reads back only "
        "the one the state holds, so the rename plans to replace the authorization (deleted, "
        "then created again: the aggregator account loses access in between)",
        "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/"
        "configservice/aggregate_authorization.go",
    ),
}


def disruptive(resource_type: str, argument: str) -> Disruptive | None:
    """What removing ``argument`` of ``resource_type`` plans on older providers, if the
    table knows it does more than nothing."""
    return DISRUPTIVE.get((resource_type, argument))


def disrupts(subject: object, resource_type: str, argument: str) -> str | None:
    """Why removing ``argument`` (or writing it under its new name) may plan more than a
    no-op for this module, for a finding; None when every provider version the module
    allows is past the table's version (or the table knows no such effect)."""
    entry = disruptive(resource_type, argument)
    if entry is None:
        return None
    if entry.version is None:
        return f"on every AWS provider version known here {entry.effect} ({entry.source})"
    why = not_ready(subject, entry.version)
    if why is None:
        return None
    older = f"before {_dotted(entry.version)}"
    return f"on AWS provider versions {older} {entry.effect} ({entry.source}), and {why}"


def _dotted(version: Version) -> str:
    return ".".join(map(str, version))


# ---- reading the module ----------------------------------------------------------


def possibly_called(subject: object) -> bool:
    """Whether the module may be called by others, so that its callers' provider runs it
    (anything but a root module: see :func:`tffix.analysis.roots.module_use`)."""
    return _called(subject)


def _called(subject: object) -> bool:
    """Whether the module is made to be called by others (its place, its callers, or
    required inputs with no provider or backend of its own say so)."""
    from tffix.analysis.roots import Use, module_use

    analysis = _analysis(subject)
    return module_use(analysis.directory, analysis.files, analysis).use is not Use.ROOT


def _analysis(subject: object) -> ModuleAnalysis:
    if isinstance(subject, ModuleAnalysis):
        return subject
    analysis = getattr(subject, "analysis", None)
    if not isinstance(analysis, ModuleAnalysis):
        raise TypeError(f"expected a ModuleAnalysis or a context, got {type(subject).__name__}")
    return analysis


def _constraints(files: Mapping[str, n.Module], provider: str) -> Iterator[str]:
    """Every version constraint string the module writes for ``provider``."""
    for module in files.values():
        for block in module.body.blocks:
            if block.type == "terraform":
                for required in block.body.blocks_of_type("required_providers"):
                    for attribute in required.body.attributes:
                        text = _required(attribute, provider)
                        if text is not None:
                            yield text
            elif block.type == "provider" and block.labels == [provider]:
                version = block.body.attribute("version")
                text = m.string_value(version.value) if version is not None else None
                if text:
                    yield text


def _required(attribute: n.Attribute, provider: str) -> str | None:
    """The constraint of one ``required_providers`` entry when it is the AWS provider."""
    value = attribute.value
    if isinstance(value, n.TemplateString):  # legacy: aws = "~> 3.0"
        return value.literal_value() if attribute.name == provider and value.is_literal else None
    if not isinstance(value, n.Object):
        return None
    fields = {item.key_name(): item.value for item in value.items}
    source = m.string_value(fields.get("source"))
    if source is not None:
        if not is_hashicorp(source, provider):
            return None
    elif attribute.name != provider:
        return None
    return m.string_value(fields.get("version"))


def _locked(directory: str, provider: str) -> Version | None:
    """The version ``.terraform.lock.hcl`` beside the module selects, if there is one."""
    path = os.path.join(directory, ".terraform.lock.hcl")
    inputs.note(path)  # a lock file that appears or changes changes the answer
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return _read_lock(path, stat.st_mtime_ns, stat.st_size, provider)


@functools.lru_cache(maxsize=64)
def _read_lock(path: str, _mtime: int, _size: int, provider: str) -> Version | None:
    """The lock file read once per version of it (codemods ask for every resource)."""
    try:
        with open(path, encoding="utf-8") as handle:
            tree = parse(handle.read(), path=path)
    except (OSError, ParseError, UnicodeDecodeError):
        return None
    for block in tree.body.blocks:
        if block.type != "provider" or not block.labels:
            continue
        if block.labels[0].lower().endswith(f"/hashicorp/{provider}"):
            version = block.body.attribute("version")
            text = m.string_value(version.value) if version is not None else None
            if text and re.fullmatch(r"\d+\.\d+\.\d+", text):
                return _version(text)[0]
    return None


def not_ready(subject: object, since: Version) -> str | None:
    """Why the module may run an AWS provider older than ``since``, or None: an upgrade
    step that writes what ``since`` brought (a renamed argument, a replacement block)
    makes plan fail on an older one ("An argument named ... is not expected here").
    A root module without a constraint or lock file gets the newest provider."""
    admitted = allowed(subject)
    if admitted.locked is not None:
        if admitted.locked >= since:
            return None
        return f".terraform.lock.hcl pins the AWS provider to {'.'.join(map(str, admitted.locked))}"
    if not admitted.text:
        if not possibly_called(subject):
            return None  # a root module's init takes the newest provider
        return (
            "no required_providers constraint says which AWS provider runs this module, "
            "which may be called by other modules (then it runs theirs, which may be older)"
        )
    if not admitted.empty() and admitted.low >= since:
        return None
    return f'required_providers allows AWS provider versions "{admitted.text}"'
