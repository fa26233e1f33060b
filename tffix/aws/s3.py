"""S3 buckets: which bucket an argument designates, who writes to or reads from a
bucket, and whether its ACLs and policies make it public.

What a bucket may be encrypted with depends on who uses it: several AWS
services deliver only to SSE-S3 buckets, others need a customer-managed key
whose policy lets their service principal in, and CloudFront's origin access
identity cannot read SSE-KMS objects at all. :data:`SERVICES` says which, with
the AWS documentation that says so; :func:`accesses` finds those services in
the module.

Whether a companion resource (``aws_s3_bucket_versioning`` ...) already exists
for a bucket, or which bucket a log destination is, depends on what a
``bucket`` argument designates, which modules write through locals, variables
and ``for_each``: :func:`designates` follows those with the static evaluator
and answers True, False, or None when the module does not show it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tffix.analysis import partial
from tffix.analysis.dynamic import nested_blocks
from tffix.analysis.evaluate import UNKNOWN, Evaluator
from tffix.analysis.module import ModuleAnalysis
from tffix.analysis.names import object_part
from tffix.aws import out_of_band
from tffix.aws.policies import Statement, readable, statements
from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

BUCKET = "aws_s3_bucket"
# ModuleContext.memo key: addresses of buckets whose v3 ``versioning { enabled = false }``
# the v4 split removed in this run. It was a choice, which the code no longer shows
# once the block is gone (v4 has no "never versioned" setting to carry it).
VERSIONING_OFF = "s3.versioning-off"


# ---- who uses a bucket -----------------------------------------------------------


@dataclass(frozen=True)
class Service:
    """An AWS service that writes to or reads from a bucket, and what encryption it needs."""

    name: str
    # What may encrypt the bucket besides SSE-S3 (which every service here supports):
    #   "none"       SSE-S3 only; with SSE-KMS default encryption the service fails;
    #   "key-policy" a customer-managed key whose key policy allows ``principal``
    #                (an AWS managed key such as aws/s3 cannot be given that grant);
    #   "role"       a customer-managed key the service's IAM role may use.
    kms: str
    principal: str | None
    source: str  # the AWS documentation that says so
    does: str = "delivers logs to it"
    fails: str = "the logs never arrive"  # what happens when the encryption does not suit it


_DOCS = "https://docs.aws.amazon.com"
S3_ACCESS_LOGS = Service(
    "S3 server access logging",
    "none",
    "logging.s3.amazonaws.com",
    # "only SSE-S3 default encryption is supported" for the target bucket
    f"{_DOCS}/AmazonS3/latest/userguide/enable-server-access-logging.html",
)
ELB_ACCESS_LOGS = Service(
    "Elastic Load Balancing access logs",
    "none",
    "logdelivery.elasticloadbalancing.amazonaws.com",
    # "The only server-side encryption option that's supported is ... (SSE-S3)"
    f"{_DOCS}/elasticloadbalancing/latest/application/enable-access-logging.html",
)
NLB_ACCESS_LOGS = Service(
    "Network Load Balancer access logs",
    "key-policy",
    "delivery.logs.amazonaws.com",
    f"{_DOCS}/elasticloadbalancing/latest/network/load-balancer-access-logs.html",
)
FLOW_LOGS = Service(
    "VPC Flow Logs",
    "key-policy",
    "delivery.logs.amazonaws.com",
    f"{_DOCS}/vpc/latest/userguide/flow-logs-s3-permissions.html",
)
CLOUDTRAIL = Service(
    "CloudTrail",
    "key-policy",
    "cloudtrail.amazonaws.com",
    f"{_DOCS}/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html",
)
CONFIG = Service(
    "AWS Config",
    "key-policy",
    "config.amazonaws.com",
    f"{_DOCS}/config/latest/developerguide/s3-kms-key-policy.html",
)
WAF_LOGS = Service(
    "AWS WAF logging",
    "key-policy",
    "delivery.logs.amazonaws.com",
    f"{_DOCS}/waf/latest/developerguide/logging-s3.html",
)
FIREHOSE = Service(
    "Amazon Data Firehose",
    "role",
    None,
    f"{_DOCS}/firehose/latest/dev/controlling-access.html#using-iam-s3",
    "delivers data to it",
)
CLOUDFRONT_LOGS = Service(
    "CloudFront standard logging",
    "key-policy",
    "delivery.logs.amazonaws.com",
    f"{_DOCS}/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html",
)
CLOUDFRONT_OAI = Service(
    "CloudFront origin access identity",
    "none",
    None,
    # "OAI doesn't support SSE-KMS"
    f"{_DOCS}/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html",
    "reads its objects",
    "CloudFront gets 403 for every new object",
)
CLOUDFRONT_OAC = Service(
    "CloudFront origin access control",
    "key-policy",
    "cloudfront.amazonaws.com",
    f"{_DOCS}/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html",
    "reads its objects",
)
S3_REPLICATION = Service(
    "S3 Replication",
    "none",
    None,
    # SSE-KMS objects replicate only when the rule selects sse_kms_encrypted_objects
    f"{_DOCS}/AmazonS3/latest/userguide/replication-config-for-kms-objects.html",
    "replicates its objects",
    "new objects are not replicated",
)
S3_INVENTORY = Service(
    "S3 Inventory",
    "key-policy",
    "s3.amazonaws.com",
    f"{_DOCS}/AmazonS3/latest/userguide/configure-inventory.html",
    "delivers inventory reports to it",
)
LOG_DELIVERY = Service(
    "AWS log delivery",
    "key-policy",
    "delivery.logs.amazonaws.com",
    f"{_DOCS}/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html",
)
NETWORK_FIREWALL_LOGS = Service(
    "AWS Network Firewall logging",
    "key-policy",
    "delivery.logs.amazonaws.com",
    f"{_DOCS}/network-firewall/latest/developerguide/logging-s3.html",
)
RESOLVER_QUERY_LOGS = Service(
    "Route 53 Resolver query logging",
    "key-policy",
    "delivery.logs.amazonaws.com",
    f"{_DOCS}/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html",
)
MSK_BROKER_LOGS = Service(
    "Amazon MSK broker logs",
    "key-policy",
    "delivery.logs.amazonaws.com",
    f"{_DOCS}/msk/latest/developerguide/msk-logging.html",
)
REDSHIFT_AUDIT_LOGS = Service(
    "Amazon Redshift audit logging",
    "none",
    "redshift.amazonaws.com",
    # audit logging supports only SSE-S3 on the bucket (kept as SSE-S3 either way: safe)
    f"{_DOCS}/redshift/latest/mgmt/db-auditing.html",
)
SES_RECEIPT = Service(
    "Amazon SES receipt rule",
    "key-policy",
    "ses.amazonaws.com",
    f"{_DOCS}/ses/latest/dg/receiving-email-permissions.html",
    "delivers received email to it",
    "no email is stored",
)
S3_ANALYTICS = Service(
    "S3 Storage Class Analysis export",
    "key-policy",
    "s3.amazonaws.com",
    f"{_DOCS}/AmazonS3/latest/userguide/analytics-storage-class.html",
    "delivers analysis reports to it",
    "no report arrives",
)
GLOBAL_ACCELERATOR_FLOW_LOGS = Service(
    "Global Accelerator flow logs",
    "key-policy",
    "delivery.logs.amazonaws.com",
    f"{_DOCS}/global-accelerator/latest/dg/monitoring-global-accelerator.flow-logs.html",
)
VPC_LATTICE_ACCESS_LOGS = Service(
    "VPC Lattice access logs",
    "key-policy",
    "delivery.logs.amazonaws.com",
    f"{_DOCS}/vpc-lattice/latest/ug/monitoring-access-logs.html",
)
VERIFIED_ACCESS_LOGS = Service(
    "Verified Access logging",
    "key-policy",
    "delivery.logs.amazonaws.com",
    f"{_DOCS}/verified-access/latest/ug/access-logs-destinations.html",
)
LOGS_EXPORT = Service(
    "CloudWatch Logs export",
    "key-policy",
    "logs.amazonaws.com",  # regional in policies: logs.<region>.amazonaws.com
    f"{_DOCS}/AmazonCloudWatch/latest/logs/S3ExportTasksConsole.html",
    "receives exported log data",
    "the export task fails",
)
COST_REPORTS = Service(
    "Cost and Usage Reports",
    "key-policy",
    "billingreports.amazonaws.com",
    f"{_DOCS}/cur/latest/userguide/cur-s3.html",
    "delivers billing reports to it",
    "no report arrives",
)
# Elastic Load Balancing's own accounts (one per Region), which a bucket policy for
# Classic/Application Load Balancer access logs names as the principal
# (arn:aws:iam::<id>:root): such a bucket takes only SSE-S3 (source: ELB_ACCESS_LOGS).
ELB_ACCOUNTS = frozenset(
    {
        "127311923021",  # us-east-1
        "033677994240",  # us-east-2
        "027434742980",  # us-west-1
        "797873946194",  # us-west-2
        "098369216593",  # af-south-1
        "754344448648",  # ap-east-1
        "718504428378",  # ap-south-1
        "383597477331",  # ap-northeast-3
        "600734575887",  # ap-northeast-2
        "114774131450",  # ap-southeast-1
        "783225319266",  # ap-southeast-2
        "582318560864",  # ap-northeast-1
        "985666609251",  # ca-central-1
        "054676820928",  # eu-central-1
        "156460612806",  # eu-west-1
        "652711504416",  # eu-west-2
        "635631232127",  # eu-south-1
        "009996457667",  # eu-west-3
        "897822967062",  # eu-north-1
        "076674570225",  # me-south-1
        "507241528517",  # sa-east-1
        "048591011584",  # us-gov-west-1
        "190560391635",  # us-gov-east-1
        "638102146993",  # cn-north-1
        "037604701340",  # cn-northwest-1
    }
)
_KMS_SERVICE_PRINCIPALS = f"{_DOCS}/kms/latest/developerguide/key-policy-services.html"
# Other resources that deliver to a bucket: (type, nested block path, argument, service).
_DELIVERIES = (
    (
        "aws_networkfirewall_logging_configuration",
        ("logging_configuration", "log_destination_config"),
        "log_destination",
        NETWORK_FIREWALL_LOGS,
    ),
    ("aws_route53_resolver_query_log_config", (), "destination_arn", RESOLVER_QUERY_LOGS),
    ("aws_msk_cluster", ("logging_info", "broker_logs", "s3"), "bucket", MSK_BROKER_LOGS),
    ("aws_redshift_cluster", ("logging",), "bucket_name", REDSHIFT_AUDIT_LOGS),
    ("aws_redshift_logging", (), "bucket_name", REDSHIFT_AUDIT_LOGS),
    ("aws_ses_receipt_rule", ("s3_action",), "bucket_name", SES_RECEIPT),
    (
        "aws_s3_bucket_analytics_configuration",
        ("storage_class_analysis", "data_export", "destination", "s3_bucket_destination"),
        "bucket_arn",
        S3_ANALYTICS,
    ),
    # CloudWatch Logs vended-log deliveries (CloudFront standard logging v2 and others).
    (
        "aws_cloudwatch_log_delivery_destination",
        ("delivery_destination_configuration",),
        "destination_resource_arn",
        LOG_DELIVERY,
    ),
    (
        "aws_globalaccelerator_accelerator",
        ("attributes",),
        "flow_logs_s3_bucket",
        GLOBAL_ACCELERATOR_FLOW_LOGS,
    ),
    (
        "aws_globalaccelerator_custom_routing_accelerator",
        ("attributes",),
        "flow_logs_s3_bucket",
        GLOBAL_ACCELERATOR_FLOW_LOGS,
    ),
    ("aws_vpclattice_access_log_subscription", (), "destination_arn", VPC_LATTICE_ACCESS_LOGS),
    (
        "aws_verifiedaccess_instance_logging_configuration",
        ("access_logs", "s3"),
        "bucket_name",
        VERIFIED_ACCESS_LOGS,
    ),
    ("aws_cur_report_definition", (), "s3_bucket", COST_REPORTS),
)
# Service principals a bucket policy lets write: the service that delivers there.
_POLICY_PRINCIPALS = {
    "logging.s3.amazonaws.com": S3_ACCESS_LOGS,
    "logdelivery.elasticloadbalancing.amazonaws.com": ELB_ACCESS_LOGS,
    "delivery.logs.amazonaws.com": LOG_DELIVERY,
    "cloudtrail.amazonaws.com": CLOUDTRAIL,
    "config.amazonaws.com": CONFIG,
    "cloudfront.amazonaws.com": CLOUDFRONT_OAC,
    "redshift.amazonaws.com": REDSHIFT_AUDIT_LOGS,
    "ses.amazonaws.com": SES_RECEIPT,
    "s3.amazonaws.com": S3_INVENTORY,
    "billingreports.amazonaws.com": COST_REPORTS,
    "logs.amazonaws.com": LOGS_EXPORT,
}
_REGIONAL_LOGS = re.compile(r"logs\.[a-z0-9-]+\.amazonaws\.com(\.cn)?")
SERVICES = (
    REDSHIFT_AUDIT_LOGS,
    SES_RECEIPT,
    S3_ANALYTICS,
    NETWORK_FIREWALL_LOGS,
    RESOLVER_QUERY_LOGS,
    MSK_BROKER_LOGS,
    S3_REPLICATION,
    S3_INVENTORY,
    LOG_DELIVERY,
    S3_ACCESS_LOGS,
    ELB_ACCESS_LOGS,
    NLB_ACCESS_LOGS,
    FLOW_LOGS,
    CLOUDTRAIL,
    CONFIG,
    WAF_LOGS,
    FIREHOSE,
    CLOUDFRONT_LOGS,
    CLOUDFRONT_OAI,
    CLOUDFRONT_OAC,
)


@dataclass(frozen=True)
class Access:
    """A service that uses the bucket, through which resource (and IAM role, if any)."""

    service: Service
    via: str  # address of the resource: aws_flow_log.vpc
    role: n.Expression | None = None  # the role the service uses (Firehose's role_arn)
    certain: bool = True  # False when the resource may designate the bucket (not shown)

    @property
    def describe(self) -> str:
        return f"{self.service.name} ({self.via})"


def accesses(analysis: ModuleAnalysis, bucket: n.Block) -> list[Access]:
    """The services of :data:`SERVICES` the module points at ``bucket``, certain ones first."""
    resolver = Resolver(analysis)
    found: list[Access] = []

    def check(service: Service, owner: n.Block, expr: n.Node | None, **extra: Any) -> None:
        if expr is None:
            return
        relation = resolver.designates(expr, owner, bucket)
        if relation is not False:
            address = f"{owner.labels[0]}.{owner.labels[1]}"
            found.append(Access(service, address, certain=relation is True, **extra))

    def attr(block: n.Block, name: str) -> n.Expression | None:
        attribute = block.body.attribute(name)
        return attribute.value if attribute is not None else None

    for _p, logging in analysis.resources("aws_s3_bucket_logging"):
        log_target = attr(logging, "target_bucket")
        source = attr(logging, "bucket")
        if (
            log_target is not None
            and source is not None
            and resolver.designates(source, logging, bucket) is True
            and resolver.designates(log_target, logging, bucket) is not True
        ):
            continue  # it sends this bucket's own logs to another bucket
        check(S3_ACCESS_LOGS, logging, log_target)
    for _p, other in analysis.resources(BUCKET):
        for block, _dynamic in nested_blocks(other.body, "logging"):
            log_target = attr(block, "target_bucket")
            if (
                other is bucket
                and log_target is not None
                and resolver.designates(log_target, other, bucket) is not True
            ):
                continue  # this bucket's own logs, sent elsewhere
            check(S3_ACCESS_LOGS, other, log_target)
    found += _log_delivery_acls(analysis, resolver, bucket)
    for type_ in ("aws_lb", "aws_alb", "aws_elb"):
        for _p, balancer in analysis.resources(type_):
            kind = attr(balancer, "load_balancer_type")
            network = kind is not None and m.string_value(kind) in ("network", "gateway")
            service = NLB_ACCESS_LOGS if network else ELB_ACCESS_LOGS
            for block, _dynamic in nested_blocks(balancer.body, "access_logs", "connection_logs"):
                check(service, balancer, attr(block, "bucket"))
    for _p, flow in analysis.resources("aws_flow_log"):
        kind = attr(flow, "log_destination_type")
        written = m.string_value(kind) if kind is not None else "cloud-watch-logs"
        if written in ("s3", None):  # None: from a value the module does not show
            check(FLOW_LOGS, flow, attr(flow, "log_destination"))
    for _p, trail in analysis.resources("aws_cloudtrail"):
        check(CLOUDTRAIL, trail, attr(trail, "s3_bucket_name"))
    for _p, channel in analysis.resources("aws_config_delivery_channel"):
        check(CONFIG, channel, attr(channel, "s3_bucket_name"))
    for _p, waf in analysis.resources("aws_wafv2_web_acl_logging_configuration"):
        check(WAF_LOGS, waf, attr(waf, "log_destination_configs"))
    for _p, stream in analysis.resources("aws_kinesis_firehose_delivery_stream"):
        for block in _firehose_s3_blocks(stream.body):
            check(FIREHOSE, stream, attr(block, "bucket_arn"), role=attr(block, "role_arn"))
    for _p, distribution in analysis.resources("aws_cloudfront_distribution"):
        for block, _dynamic in nested_blocks(distribution.body, "logging_config"):
            check(CLOUDFRONT_LOGS, distribution, attr(block, "bucket"))
        for origin, _dynamic in nested_blocks(distribution.body, "origin"):
            oac = attr(origin, "origin_access_control_id")
            oai = [
                attr(c, "origin_access_identity")
                for c, _d in nested_blocks(origin.body, "s3_origin_config")
            ]
            if oac is not None:
                check(CLOUDFRONT_OAC, distribution, attr(origin, "domain_name"))
            elif any(v is not None and m.string_value(v) != "" for v in oai):
                check(CLOUDFRONT_OAI, distribution, attr(origin, "domain_name"))
    for type_, path, argument, service in _DELIVERIES:
        for _p, owner in analysis.resources(type_):
            for block in _descend([owner], path):
                check(service, owner, attr(block, argument))
    for _p, replication in analysis.resources("aws_s3_bucket_replication_configuration"):
        if not _replicates_kms_objects(replication):
            check(S3_REPLICATION, replication, attr(replication, "bucket"))
    # The bucket's own replication_configuration block (provider v3), which the v4
    # split may move into the resource above later in the same run.
    for inline, _dynamic in nested_blocks(bucket.body, "replication_configuration"):
        if not _replicates_kms_objects(inline):
            found.append(Access(S3_REPLICATION, "its replication_configuration block"))
    for _p, inventory in analysis.resources("aws_s3_bucket_inventory"):
        for destination, _d in nested_blocks(inventory.body, "destination"):
            for target, _d2 in nested_blocks(destination.body, "bucket"):
                check(S3_INVENTORY, inventory, attr(target, "bucket_arn"))
    for policy, sure in _bucket_policies(analysis, resolver, bucket):
        if not sure:
            continue
        via = f"{BUCKET}.{bucket.labels[1]}" if policy[0] is None else policy[0]
        for access in _policy_accesses(analysis, policy[1], via):
            if all(a.service != access.service for a in found):
                found.append(access)
    found.sort(key=lambda a: not a.certain)
    return found


ELB_POLICY_DOCS = (
    f"{_DOCS}/elasticloadbalancing/latest/application/enable-access-logging.html"
    "#attach-bucket-policy"
)


def elb_log_delivery_unpermitted(
    analysis: ModuleAnalysis, bucket: n.Block, resolver: Resolver | None = None
) -> Access | None:
    """A load balancer of the module that sends its access logs to ``bucket`` when no
    bucket policy the module shows lets Elastic Load Balancing write there, or None.

    Classic and Application Load Balancers deliver as the Region's ELB account
    (``data.aws_elb_service_account``; Regions opened since August 2022: the
    service principal logdelivery.elasticloadbalancing.amazonaws.com), which
    the bucket policy must allow to PutObject; without it enabling access logs
    fails ("Access Denied for bucket") (:data:`ELB_POLICY_DOCS`). A policy whose
    bucket or content the module does not show may be that grant: None then.
    """
    resolver = resolver or Resolver(analysis)
    for (_address, expr), sure in _bucket_policies(analysis, resolver, bucket):
        if not sure or statements(analysis, expr) is None:
            return None
        if any(a.service is ELB_ACCESS_LOGS for a in _policy_accesses(analysis, expr, "")):
            return None
    for access in accesses(analysis, bucket):
        if access.service is not ELB_ACCESS_LOGS or not access.certain:
            continue
        type_ = access.via.partition(".")[0]
        if type_ not in ("aws_lb", "aws_alb", "aws_elb"):
            continue
        found = analysis.lookup(access.via)
        balancer = found.node if found is not None else None
        if isinstance(balancer, n.Block) and all(
            (enabled := block.body.attribute("enabled")) is not None
            and m.Literal(False).matches(enabled.value)
            for block, _d in nested_blocks(balancer.body, "access_logs")
        ):
            continue  # every access_logs block is turned off
        return access
    return None


# The grantee group server access logs were delivered by before bucket policies
# (the canned ACL log-delivery-write grants it WRITE and READ_ACP).
LOG_DELIVERY_GROUP = "acs.amazonaws.com/groups/s3/LogDelivery"


def _log_delivery_acls(
    analysis: ModuleAnalysis, resolver: Resolver, bucket: n.Block
) -> list[Access]:
    """The bucket as a target of S3 server access logs, as its ACL says: the canned
    ACL ``log-delivery-write`` or a grant to the LogDelivery group exists only to let
    server access logs (the ACL way) be written to it (Amazon S3 User Guide, "Access
    control list (ACL) overview", canned ACL; "Enabling Amazon S3 server access
    logging", permissions for log delivery)."""
    found: list[Access] = []
    acl = bucket.body.attribute("acl")
    if acl is not None and m.string_value(acl.value) == "log-delivery-write":
        found.append(Access(S3_ACCESS_LOGS, f"{BUCKET}.{bucket.labels[1]}, ACL log-delivery-write"))
    if any(LOG_DELIVERY_GROUP in g.code for g, _d in nested_blocks(bucket.body, "grant")):
        found.append(Access(S3_ACCESS_LOGS, f"{BUCKET}.{bucket.labels[1]}, a LogDelivery grant"))
    for _p, resource in analysis.resources("aws_s3_bucket_acl"):
        target = resource.body.attribute("bucket")
        if target is None or resolver.designates(target.value, resource, bucket) is not True:
            continue
        where = f"aws_s3_bucket_acl.{resource.labels[1]}"
        acl = resource.body.attribute("acl")
        if acl is not None and m.string_value(acl.value) == "log-delivery-write":
            found.append(Access(S3_ACCESS_LOGS, f"{where}, ACL log-delivery-write"))
        elif any(
            LOG_DELIVERY_GROUP in p.code
            for p, _d in nested_blocks(resource.body, "access_control_policy")
        ):
            found.append(Access(S3_ACCESS_LOGS, f"{where}, a LogDelivery grant"))
    return found


def _descend(blocks: list[n.Block], path: tuple[str, ...]) -> list[n.Block]:
    """The nested blocks (dynamic ones too) at ``path`` under ``blocks``."""
    for kind in path:
        blocks = [inner for b in blocks for inner, _d in nested_blocks(b.body, kind)]
    return blocks


def _replicates_kms_objects(replication: n.Block) -> bool:
    """Whether every rule selects SSE-KMS objects (``sse_kms_encrypted_objects`` enabled):
    ``rule``/``status = "Enabled"`` of the resource, ``rules``/``enabled = true`` of the
    bucket's provider v3 block."""
    rules = [rule for rule, _d in nested_blocks(replication.body, "rule", "rules")]
    if not rules:
        return False
    for rule in rules:
        selected = False
        for criteria, _d in nested_blocks(rule.body, "source_selection_criteria"):
            for objects, _d2 in nested_blocks(criteria.body, "sse_kms_encrypted_objects"):
                status = objects.body.attribute("status")
                selected |= status is not None and m.string_value(status.value) == "Enabled"
                enabled = objects.body.attribute("enabled")
                selected |= enabled is not None and m.Literal(True).matches(enabled.value)
        if not selected:
            return False
    return True


def _bucket_policies(
    analysis: ModuleAnalysis, resolver: Resolver, bucket: n.Block
) -> Iterator[tuple[tuple[str | None, n.Expression], bool]]:
    """((policy resource address or None for the inline one, policy expression), certain)."""
    inline = bucket.body.attribute("policy")
    if inline is not None:
        yield (None, inline.value), True
    for _p, other in analysis.resources("aws_s3_bucket_policy"):
        target, policy = other.body.attribute("bucket"), other.body.attribute("policy")
        if target is None or policy is None:
            continue
        relation = resolver.designates(target.value, other, bucket)
        if relation is not False:
            yield (f"aws_s3_bucket_policy.{other.labels[1]}", policy.value), relation is True


def _policy_accesses(analysis: ModuleAnalysis, expr: n.Expression, via: str) -> list[Access]:
    """Services a bucket policy lets in: service principals, the ELB account, an OAI."""
    out = []
    for statement in statements(analysis, expr) or []:
        if statement.effect != "Allow" or not statement.principals:
            continue
        for kind, ident in statement.principals:
            service = _policy_service(kind, ident)
            if service is not None:
                out.append(Access(service, via))
    for trav in _policy_traversals(analysis, expr):
        names = trav.names()
        if names[:1] == ["aws_cloudfront_origin_access_identity"]:
            out.append(Access(CLOUDFRONT_OAI, via))
        elif names[:2] == ["data", "aws_elb_service_account"]:
            out.append(Access(ELB_ACCESS_LOGS, via))
    return out


def _policy_service(kind: str, ident: str | None) -> Service | None:
    """The service a bucket policy principal stands for. A service principal the table
    does not hold still cannot use the AWS managed key aws/s3 (its key policy admits
    only principals of the account): it needs a key whose policy names it, or SSE-S3
    (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-services.html)."""
    if kind == "AWS" and ident is not None:
        found = re.fullmatch(r"(?:arn:aws[a-z-]*:iam::)?(\d{12})(?::root)?", ident)
        return ELB_ACCESS_LOGS if found and found.group(1) in ELB_ACCOUNTS else None
    if kind != "Service" or not ident:
        return None
    if readable(ident) != ident:
        # "cloudtrail.${data.aws_partition.current.dns_suffix}": the service is known by
        # its first label; still a service principal when it is not.
        head = readable(ident).split("${", 1)[0]
        if head.endswith("."):
            for principal, service in _POLICY_PRINCIPALS.items():
                if principal.startswith(head):
                    return service
        ident = readable(ident)
    known = _POLICY_PRINCIPALS.get(ident)
    if known is not None:
        return known
    if _REGIONAL_LOGS.fullmatch(ident):
        return replace(LOGS_EXPORT, principal=ident)
    return Service(
        f"the service {ident}",
        "key-policy",
        ident,
        _KMS_SERVICE_PRINCIPALS,
        "is let in by its bucket policy",
        "its requests fail",
    )


def _policy_traversals(analysis: ModuleAnalysis, expr: n.Expression) -> list[n.Traversal]:
    """References in a policy, and in the policy document data sources it reads."""
    out = list(edit.traversals(expr))
    seen: set[str] = set()
    for trav in list(out):
        names = trav.names()
        if names[:2] == ["data", "aws_iam_policy_document"] and len(names) > 2:
            label = str(names[2])
            if label in seen:
                continue
            seen.add(label)
            for _path, doc in analysis.data_sources("aws_iam_policy_document"):
                if doc.labels[1] == label:
                    out.extend(edit.traversals(doc))
    return out


# Roots of references that name principals of the module's own account.
_OWN_ACCOUNT = (
    ("aws_iam_role",),
    ("aws_iam_user",),
    ("aws_iam_group",),
    ("data", "aws_caller_identity"),
    ("data", "aws_iam_role"),
    ("data", "aws_iam_user"),
    ("aws_cloudfront_origin_access_identity",),
    ("data", "aws_elb_service_account"),
)


def other_principals(analysis: ModuleAnalysis, bucket: n.Block, resolver: Resolver) -> list[str]:
    """AWS principals a bucket policy lets in that may belong to another account (an ARN
    with an account ID, or a value the module does not show): they cannot use the AWS
    managed key aws/s3, and a customer key only if its policy says so."""
    out: list[str] = []
    for (where, expr), _sure in _bucket_policies(analysis, resolver, bucket):
        found = statements(analysis, expr)
        label = where or f"{BUCKET}.{bucket.labels[1]}"
        if found is None:
            out.append(f"the principals of {label}'s policy (not readable here)")
            continue
        unknown = False
        for statement in found:
            if statement.effect != "Allow" or not statement.principals:
                continue
            for kind, ident in statement.principals:
                if kind != "AWS" or ident == "*":
                    continue
                if ident is None or readable(ident) != ident:
                    unknown = True  # which account: see where the unknown piece comes from
                elif re.search(r"\b\d{12}\b", ident):
                    out.append(f"{ident} (in {label})")
        if unknown:
            roots = [tuple(t.names()[:2]) for t in _policy_traversals(analysis, expr)]
            foreign = [
                r
                for r in roots
                if r[:1] in (("var",), ("local",), ("module",))
                and not any(r[: len(o)] == o for o in _OWN_ACCOUNT)
            ]
            if foreign:
                what = ", ".join(sorted({".".join(str(x) for x in r) for r in foreign}))
                out.append(f"AWS principals from {what} (in {label})")
    out += _acl_grantees(analysis, bucket, resolver)
    return out


def _acl_grantees(analysis: ModuleAnalysis, bucket: n.Block, resolver: Resolver) -> list[str]:
    """Grantees of the bucket's ACL that may be other accounts: a canonical user ID that is
    not the module's own (``data.aws_canonical_user_id``), an e-mail address. Writers and
    readers of another account cannot use the AWS managed key aws/s3 either."""
    grants = [(g, f"{BUCKET}.{bucket.labels[1]}") for g, _d in nested_blocks(bucket.body, "grant")]
    for _p, acl in analysis.resources("aws_s3_bucket_acl"):
        target = acl.body.attribute("bucket")
        if target is None or resolver.designates(target.value, acl, bucket) is not True:
            continue
        for policy, _d in nested_blocks(acl.body, "access_control_policy"):
            for grant, _d2 in nested_blocks(policy.body, "grant"):
                for grantee, _d3 in nested_blocks(grant.body, "grantee"):
                    grants.append((grantee, f"aws_s3_bucket_acl.{acl.labels[1]}"))
    out = []
    for grantee, where in grants:
        kind = grantee.body.attribute("type")
        kind_value = m.string_value(kind.value) if kind is not None else None
        if kind_value == "AmazonCustomerByEmail" or grantee.body.attribute("email_address"):
            out.append(f"a grantee given by e-mail address (in {where}'s ACL)")
            continue
        ident = grantee.body.attribute("id")
        if ident is None or kind_value not in (None, "CanonicalUser"):
            continue
        if any(
            t.names()[:2] == ["data", "aws_canonical_user_id"]
            for t in ident.value.walk()
            if isinstance(t, n.Traversal)
        ):
            continue  # the module's own account
        out.append(f"the canonical user {_short(ident.value)} (in {where}'s ACL)")
    return out


def _firehose_s3_blocks(body: n.Body) -> Iterator[n.Block]:
    """Every S3 destination of a delivery stream, the backup ones of other destinations too."""
    kinds = ("s3_configuration", "extended_s3_configuration", "s3_backup_configuration")
    for block in body.blocks:
        if block.type in kinds:
            yield block
        if block.type != "dynamic":
            yield from _firehose_s3_blocks(block.body)


# ---- what an argument designates ---------------------------------------------------


@dataclass
class Designation:
    """What an expression may name: buckets of the module, literal bucket names, and
    whether some piece of it is not shown by the module."""

    buckets: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)  # variables it reads, as written
    modules: set[str] = field(default_factory=set)  # module calls whose outputs it reads
    unknown: bool = False


def bucket_name(value: str) -> str:
    """``arn:aws:s3:::name/prefix``, ``name.s3.amazonaws.com``, ``name`` -> ``name``."""
    if value.startswith("arn:") and ":::" in value:
        value = value.split(":::", 1)[1]
    value = value.split("/", 1)[0]
    for marker in (".s3.", ".s3-"):
        if marker in value:
            value = value.split(marker, 1)[0]
    return value


class Resolver:
    """Answers "which bucket does this argument designate?" for one module."""

    def __init__(self, analysis: ModuleAnalysis) -> None:
        self.analysis = analysis
        self.evaluator = Evaluator(analysis)
        self._partial = partial.PartialEvaluator(analysis, {})
        self._cache: dict[int, Designation] = {}
        # id(bucket) -> (edit.edits, bucket, names_of(bucket)); id(node) -> (edits, node, text)
        self._names: dict[int, tuple[int, n.Block, tuple[set[str], bool]]] = {}
        self._texts: dict[int, tuple[int, n.Node, str]] = {}
        # (what, value) -> ids of module-call arguments naming it (``inputs_naming``)
        self._inputs: dict[tuple[str, str], set[int]] | None = None

    def names_of(self, bucket: n.Block) -> tuple[set[str], bool]:
        """(the names the bucket may have, whether they are all known)."""
        # Asked for each bucket about every companion of the module: worked out once
        # while no tree is edited (``edit.edits``), as an edit may change the answer.
        known = self._names.get(id(bucket))
        if known is None or known[0] != edit.edits or known[1] is not bucket:
            known = (edit.edits, bucket, self._names_of(bucket))
            self._names[id(bucket)] = known
        names, all_known = known[2]
        return set(names), all_known

    def _names_of(self, bucket: n.Block) -> tuple[set[str], bool]:
        attribute = bucket.body.attribute("bucket")
        if attribute is None:
            return set(), False  # a generated name: nothing in the module can spell it
        values = self._values(attribute.value, bucket)
        if values is None:
            return set(), False
        return {v for v in values if isinstance(v, str)}, True

    def designation(self, expr: n.Node, owner: n.Block | None) -> Designation:
        key = id(expr)
        if key not in self._cache:
            found = Designation()
            self._collect(expr, owner, found, depth=0)
            values = self._values(expr, owner)
            if values is None:
                # Values not all known: the references above say what it may be.
                pass
            else:
                found.names |= {bucket_name(v) for v in values if isinstance(v, str)}
            self._cache[key] = found
        return self._cache[key]

    def inputs_naming(self, bucket: n.Block) -> set[int]:
        """The ids of the module-call arguments that certainly name ``bucket`` (a
        reference, its literal name, a local or variable equal to it: ``designates``
        would say True). Every call's arguments are read once per resolver and indexed
        by what they name, so asking for each bucket of a big module stays linear."""
        if self._inputs is None:
            index: dict[tuple[str, str], set[int]] = {}
            for _path, module in self.analysis.files.items():
                for call in module.body.blocks_of_type("module"):
                    for attribute in call.body.attributes:
                        if attribute.name in _MODULE_META:
                            continue
                        found = self.designation(attribute.value, call)
                        # A name worked out from an input's default is a guess at what
                        # callers pass: equal to the bucket's name only by the same
                        # expression (text), not because two defaults agree.
                        guessed = any(t.startswith("var.") for t in found.texts)
                        for kind, values in (
                            ("bucket", found.buckets),
                            ("name", set() if guessed else found.names),
                            ("text", found.texts),
                        ):
                            for value in values:
                                index.setdefault((kind, value), set()).add(id(attribute))
            self._inputs = index
        index = self._inputs
        hits = set(index.get(("bucket", bucket.labels[1]), ()))
        own = bucket.body.attribute("bucket")
        if own is not None:
            for name in self.names_of(bucket)[0]:
                hits |= index.get(("name", name), set())
            hits |= index.get(("text", _text(own.value)), set())
        return hits

    def designates(self, expr: n.Node, owner: n.Block | None, bucket: n.Block) -> bool | None:
        """True when ``expr`` (an argument of ``owner``) names ``bucket``, False when it
        names something else, None when the module does not show which."""
        found = self.designation(expr, owner)
        label = bucket.labels[1]
        if label in found.buckets:
            return True
        names, all_known = self.names_of(bucket)
        if names & found.names:
            return True
        own = bucket.body.attribute("bucket")
        if own is not None:
            own_text = self._text(own.value)
            if own_text == self._text(expr) or own_text in found.texts:
                return True
        if found.unknown:
            return None
        if any(self.analysis.lookup(f"{BUCKET}.{b}") is None for b in found.buckets):
            # A bucket the module does not declare (a typo terraform validate rejects,
            # or a file not given): once fixed, it may well be this one.
            return None
        if any(self._module_passes(module, label) for module in found.modules):
            return None  # a module given this bucket may output it back
        could_be = own is not None and any(
            partial.can_equal(self._partial.value(own.value), name) for name in found.names
        )
        return None if own is not None and not all_known and could_be else False

    def _text(self, expr: n.Node) -> str:
        """``_text(expr)``, printed once while no tree is edited (see ``names_of``)."""
        known = self._texts.get(id(expr))
        if known is None or known[0] != edit.edits or known[1] is not expr:
            known = (edit.edits, expr, _text(expr))
            self._texts[id(expr)] = known
        return known[2]

    def _module_passes(self, module: str, label: str) -> bool:
        declaration = self.analysis.lookup(f"module.{module}")
        if declaration is None:
            return True
        return any(t.names()[:2] == [BUCKET, label] for t in edit.traversals(declaration.node))

    # ---- walking ---------------------------------------------------------------

    def _values(self, expr: n.Node, owner: n.Block | None) -> list[Any] | None:
        """Every value ``expr`` takes (one per instance of ``owner``), None when unknown."""
        scopes = self._scopes(owner)
        if scopes is None:
            return None
        out = []
        for scope in scopes:
            value = self.evaluator.value(expr, scope)
            if value is UNKNOWN:
                return None
            out.extend(value if isinstance(value, list) else [value])
        return out

    def _scopes(self, owner: n.Block | None) -> list[dict[str, Any]] | None:
        if owner is None:
            return [{}]
        for_each = owner.body.attribute("for_each")
        if for_each is None:
            return [{}]
        value = self.evaluator.value(for_each.value)
        if isinstance(value, dict):
            return [{"each": {"key": k, "value": v}} for k, v in value.items()]
        if isinstance(value, list):
            return [{"each": {"key": v, "value": v}} for v in value]
        return None

    def _collect(self, expr: n.Node, owner: n.Block | None, found: Designation, depth: int) -> None:
        if depth > 8:
            found.unknown = True
            return
        for node in expr.walk():
            if not isinstance(node, n.Traversal):
                continue
            names = node.names()
            root = names[0]
            if root is None or root in ("count", "path", "terraform", "self"):
                continue
            if root == BUCKET and len(names) >= 2 and names[1] is not None:
                found.buckets.add(str(names[1]))
            elif root == "local" and len(names) >= 2 and names[1] is not None:
                local = self.analysis.local(str(names[1]))
                if local is None:
                    found.unknown = True
                else:
                    self._collect(object_part(local.value, names[2:]), None, found, depth + 1)
            elif root == "var" and len(names) >= 2:
                # A caller's value: the same bucket only by the same expression or name
                # (its default is among the values the evaluator gives).
                found.texts.add(f"var.{names[1]}")
            elif root == "each" and owner is not None:
                for_each = owner.body.attribute("for_each")
                if for_each is None:
                    found.unknown = True
                else:
                    self._collect(for_each.value, None, found, depth + 1)
            elif root == "data" and len(names) >= 3 and names[1] == BUCKET:
                self._data_bucket(str(names[2]), found)
            elif root == "data":
                continue  # another data source: something that exists outside the module
            elif root == "module" and len(names) >= 2 and names[1] is not None:
                found.modules.add(str(names[1]))
            elif root.startswith("aws_s3_bucket_") and len(names) >= 2:
                found.unknown = True  # e.g. aws_s3_bucket_versioning.x.bucket
            elif "_" in root and len(names) >= 2:
                continue  # another resource's attribute (a role, a key): not a bucket name
            else:
                found.unknown = True  # an iterator of a for expression, a dynamic block

    def _data_bucket(self, label: str, found: Designation) -> None:
        """``data.aws_s3_bucket.x``: an existing bucket, named by its ``bucket`` argument."""
        for _path, block in self.analysis.data_sources(BUCKET):
            if block.labels[1] == label:
                attribute = block.body.attribute("bucket")
                value = self.evaluator.value(attribute.value) if attribute is not None else None
                if isinstance(value, str):
                    found.names.add(value)
                    return
        found.unknown = True


def _text(expr: n.Node) -> str:
    return "".join(expr.code.split())


# ---- public or private ---------------------------------------------------------------

PUBLIC_ACLS = ("public-read", "public-read-write", "authenticated-read")
# Block Public Access and the ACLs of objects: BlockPublicAcls refuses PutObject with a
# public ACL, IgnorePublicAcls ignores the public ACLs of objects written before.
OBJECT_ACL_DOCS = (
    f"{_DOCS}/AmazonS3/latest/userguide/access-control-block-public-access.html"
    "#access-control-block-public-access-options"
)
# An origin without OAI/OAC: CloudFront sends anonymous requests to S3, so the objects
# must be publicly readable.
CLOUDFRONT_ANONYMOUS_DOCS = (
    f"{_DOCS}/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html"
)
PRIVATE_ACLS = (
    "private",
    "log-delivery-write",
    "bucket-owner-read",
    "bucket-owner-full-control",
    "aws-exec-read",
)
# ACL grantee groups S3 counts as public: everyone, and every AWS account.
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#specifying-grantee-predefined-groups
PUBLIC_GROUPS = {
    "acs.amazonaws.com/groups/global/AllUsers": "AllUsers",
    "acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
}
# Condition keys that make an Allow-to-everyone statement non-public when fixed to
# known values, as S3 judges policies for Block Public Access (S3 API Reference,
# PublicAccessBlockConfiguration: "Amazon S3 considers a bucket policy public unless ...
# a fixed aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceOwner,
# aws:SourceAccount ... aws:userid";
# https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status).
NON_PUBLIC_CONDITION_KEYS = frozenset(
    k.lower()
    for k in (
        "aws:SourceAccount",
        "aws:SourceArn",
        "aws:SourceVpc",
        "aws:SourceVpce",
        "aws:SourceOwner",
        "aws:userid",
        "s3:DataAccessPointAccount",
        "s3:DataAccessPointArn",
    )
)


# Keys that limit everyone to the principals of an organization or of accounts, which S3
# does not list among those that make a policy non-public: to Block Public Access such a
# policy is public, and RestrictPublicBuckets would shut out the other accounts it shares
# the bucket with (only principals of the bucket owner's account keep access).
PRINCIPAL_SCOPE_KEYS = {
    k.lower(): k
    for k in (
        "aws:PrincipalOrgID",
        "aws:PrincipalOrgPaths",
        "aws:PrincipalAccount",
        "aws:PrincipalArn",
    )
}


@dataclass(frozen=True)
class Exposure:
    """How public a bucket is meant to be: ``public`` (on purpose, the module says so),
    ``possibly`` (depends on a value the module does not show), or ``private``."""

    state: str
    reason: str = ""


PRIVATE = Exposure("private")


def exposure(
    analysis: ModuleAnalysis, bucket: n.Block, resolver: Resolver | None = None
) -> Exposure:
    """Whether ``bucket`` is public on purpose, possibly public, or private, and why.

    Public only through what S3 itself counts as public: a website, a public
    canned ACL or a grant to the AllUsers/AuthenticatedUsers group, an Allow
    statement for the principal ``*`` (without a condition that pins it down).
    A value that comes from a variable, or that the module does not show,
    makes it ``possibly`` public: never private.
    """
    resolver = resolver or Resolver(analysis)
    possible: list[str] = []
    body = bucket.body
    address = f"{BUCKET}.{bucket.labels[1]}"

    def related(type_: str, argument: str = "bucket") -> Iterator[tuple[n.Block, bool]]:
        for _p, other in analysis.resources(type_):
            attribute = other.body.attribute(argument)
            if attribute is None:
                continue
            relation = resolver.designates(attribute.value, other, bucket)
            if relation is not False:
                yield other, relation is True

    websites = [o for o, sure in related("aws_s3_bucket_website_configuration") if sure]
    if body.blocks_of_type("website") or websites:
        return Exposure("public", "it serves a website")

    acls: list[tuple[n.Attribute | None, str, bool]] = [(body.attribute("acl"), address, True)]
    acl_resources = list(related("aws_s3_bucket_acl"))
    acls += [
        (o.body.attribute("acl"), f"aws_s3_bucket_acl.{o.labels[1]}", s) for o, s in acl_resources
    ]
    for attribute, where, sure in acls:
        if attribute is None:
            continue
        verdict = _acl(analysis, resolver, attribute.value)
        if verdict is None:
            continue
        state, text = verdict
        if state == "public" and sure:
            return Exposure("public", f"its ACL is {text}")
        if state == "public":
            possible.append(f"the ACL of {where}, which may apply to it, is {text}")
        elif where == address:
            possible.append(f"its ACL comes {text}")
        else:
            possible.append(f"its ACL ({where}) comes {text}")

    grants = [(grant, grant, True, address) for grant, _d in nested_blocks(body, "grant")]
    for resource, sure in acl_resources:
        for policy, _d in nested_blocks(resource.body, "access_control_policy"):
            for grant, _d2 in nested_blocks(policy.body, "grant"):
                for grantee, _d3 in nested_blocks(grant.body, "grantee"):
                    grants.append((grant, grantee, sure, f"aws_s3_bucket_acl.{resource.labels[1]}"))
    for grant, grantee, sure, where in grants:
        uri = grantee.body.attribute("uri")
        if uri is None:
            continue
        group = next((g for u, g in PUBLIC_GROUPS.items() if u in uri.value.code), None)
        if group is not None:
            if sure:
                return Exposure(
                    "public", f"its ACL grants {_permission(grant)} to the {group} group"
                )
            possible.append(f"{where} grants {_permission(grant)} to the {group} group")
        elif m.string_value(uri.value) is None and not isinstance(uri.value, n.TemplateString):
            possible.append(f"a grant of {where} names the grantee group {uri.value.code.strip()}")

    policies = [(body.attribute("policy"), address, True)]
    policies += [
        (o.body.attribute("policy"), f"aws_s3_bucket_policy.{o.labels[1]}", s)
        for o, s in related("aws_s3_bucket_policy")
    ]
    for attribute, where, sure in policies:
        if attribute is None:
            continue
        judged = policy_exposure(analysis, attribute.value)
        if judged.state == "public" and sure:
            return Exposure("public", f"its policy {judged.reason}")
        if judged.state != "private":
            if where == address:
                possible.append(f"its policy {judged.reason}")
            elif sure:
                possible.append(f"its policy ({where}) {judged.reason}")
            else:
                possible.append(f"the policy of {where}, which may apply to it, {judged.reason}")
    # Objects the module writes with a public canned ACL: public on purpose, object by
    # object. A public access block refuses such uploads (BlockPublicAcls: PutObject
    # with a public ACL is denied, so the apply fails) and makes the objects written so
    # far private (IgnorePublicAcls).
    for type_ in OBJECTS:
        for item, sure in related(type_):
            attribute = item.body.attribute("acl")
            if attribute is None:
                continue
            verdict = _acl(analysis, resolver, attribute.value)
            if verdict is None:
                continue
            state, text = verdict
            where = f"{type_}.{item.labels[1]}"
            if state == "public" and sure:
                return Exposure(
                    "public", f"{where} is written to it with the ACL {text} ({OBJECT_ACL_DOCS})"
                )
            possible.append(
                f"{where}, which may be stored in it, is written with the ACL {text}"
                if state == "public"
                else f"the ACL of {where}, which may be stored in it, comes {text}"
            )
    # CloudFront reading the bucket through its S3 endpoint without an origin access
    # identity or control reads as an anonymous user: that works only for objects
    # anyone may read (object ACLs or a policy the module does not show), which a
    # public access block would turn into 403 errors at the edge.
    for _p, distribution in analysis.resources("aws_cloudfront_distribution"):
        for origin, _dynamic in nested_blocks(distribution.body, "origin"):
            domain = origin.body.attribute("domain_name")
            if domain is None or origin.body.attribute("origin_access_control_id") is not None:
                continue
            identities = [
                c.body.attribute("origin_access_identity")
                for c, _d in nested_blocks(origin.body, "s3_origin_config")
            ]
            if any(i is not None and m.string_value(i.value) != "" for i in identities):
                continue
            relation = resolver.designates(domain.value, distribution, bucket)
            if relation is False:
                continue
            where = f"aws_cloudfront_distribution.{distribution.labels[1]}"
            possible.append(
                f"{where}{'' if relation else ', which may use it,'} reads it as an origin "
                "without an origin access identity or control, as an anonymous user: that "
                "works only for objects anyone may read, public by object ACLs or a policy "
                f"the module does not show ({CLOUDFRONT_ANONYMOUS_DOCS})"
            )
    # ACLs enabled by the ownership controls: objects may be written with their own
    # ACLs (public-read among them), which only a person who knows the writers can
    # rule out; a public access block would refuse (BlockPublicAcls) or ignore
    # (IgnorePublicAcls) them. ACLs of a bucket with BucketOwnerEnforced (the default
    # since April 2023) are disabled: nothing to refuse.
    for controls, sure in related("aws_s3_bucket_ownership_controls"):
        where = f"aws_s3_bucket_ownership_controls.{controls.labels[1]}"
        for rule, _d in nested_blocks(controls.body, "rule"):
            ownership = rule.body.attribute("object_ownership")
            if ownership is None:
                continue
            value = m.string_value(ownership.value)
            if value == "BucketOwnerEnforced":
                continue
            said = f"= {value}" if value is not None else f"from `{_short(ownership.value)}`"
            possible.append(
                f"its ownership controls ({where}{'' if sure else ', which may apply to it'}) "
                f"enable ACLs (object_ownership {said}), so objects may be written with "
                "public ACLs, which a public access block would refuse or ignore "
                "(https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html)"
            )
    if possible:
        return Exposure("possibly", "; ".join(possible))
    return PRIVATE


def _acl(
    analysis: ModuleAnalysis, resolver: Resolver, expr: n.Expression
) -> tuple[str, str] | None:
    """("public" | "possibly", how to say it) for an ACL value, None when it is private."""
    literal = m.string_value(expr)
    if literal is not None:
        return ("public", f'"{literal}"') if literal in PUBLIC_ACLS else None
    found = resolver.designation(expr, None)  # which variables it reads
    value = resolver.evaluator.value(expr)
    inputs = sorted(t for t in found.texts if t.startswith("var."))
    written = expr.code.strip()
    if inputs:
        default = f' (default "{value}")' if isinstance(value, str) else ""
        return (
            "possibly",
            f"from the module input {', '.join(inputs)}{default}, which callers may set "
            "to a public ACL",
        )
    if isinstance(value, str):
        return ("public", f'"{value}" (from {written})') if value in PUBLIC_ACLS else None
    return "possibly", f"from {written}, whose value the module does not show"


def _permission(grant: n.Block) -> str:
    """What a grant allows, for the finding: ``READ``, ``READ and WRITE``, or ``access``."""
    for name in ("permission", "permissions"):  # aws_s3_bucket_acl; legacy inline grant
        attribute = grant.body.attribute(name)
        if attribute is None:
            continue
        value = Evaluator().value(attribute.value)
        values = [value] if isinstance(value, str) else value
        if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
            return " and ".join(values)
    return "access"


def policy_exposure(analysis: ModuleAnalysis, expr: n.Expression) -> Exposure:
    """Public when an Allow statement names the principal ``*`` without a pinning condition;
    a Deny statement (the usual TLS-only guard) never makes a policy public."""
    found = statements(analysis, expr)
    if found is None:
        return Exposure("possibly", f"comes from {_short(expr)}, which the module does not show")
    unsure = False
    for statement in found:
        verdict = _statement_public(statement)
        if verdict is True:
            scoped = sorted(k for k in statement.conditions or {} if k in PRINCIPAL_SCOPE_KEYS)
            if scoped:
                return Exposure(
                    "possibly",
                    f'grants Principal "*" limited by {PRINCIPAL_SCOPE_KEYS[scoped[0]]}, a key S3 '
                    "does not count among those that make a policy non-public, so Block Public "
                    "Access treats it as public: RestrictPublicBuckets would shut out the "
                    "other accounts it shares the bucket with, and BlockPublicPolicy would "
                    "refuse the next change of the policy (https://docs.aws.amazon.com/AmazonS3/latest/API/"
                    "API_PublicAccessBlockConfiguration.html); to block public access, name the "
                    "accounts as principals first",
                )
            return Exposure("public", 'grants Principal "*"')
        if verdict is None:
            unsure = True
    if unsure:
        return Exposure(
            "possibly", "has an Allow statement whose principal or condition is not shown"
        )
    return PRIVATE


def _statement_public(statement: Statement) -> bool | None:
    if statement.effect == "Deny":
        return False
    everyone = statement.names_everyone()
    if statement.not_principal:
        everyone = True  # Allow with NotPrincipal: everyone but a few
    if everyone is False:
        return False
    if statement.conditions is None:
        return None
    pinned = any(
        k in NON_PUBLIC_CONDITION_KEYS and known for k, known in statement.conditions.items()
    )
    if statement.effect is None or everyone is None:
        return None if not pinned else False
    return not pinned


def _short(expr: n.Expression) -> str:
    text = " ".join(expr.code.split())
    return text if len(text) <= 60 else text[:57] + "..."


# ---- objects whose ETag must stay the MD5 of their content --------------------------

# The object resources of the provider (aws_s3_bucket_object is the one before v4).
OBJECTS = ("aws_s3_object", "aws_s3_bucket_object")
# "etag ... not compatible with KMS encryption, kms_key_id or server_side_encryption =
# "aws:kms", also if an object is encrypted by default with KMS (see source_hash
# instead)": the ETag of an SSE-KMS object is not the MD5 of its content, so the
# provider sees a change on every plan and uploads the object again.
ETAG_SOURCE = (
    "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_object#etag"
)


@dataclass(frozen=True)
class EtagObject:
    """An object of the module stored in a bucket, tracked by its ``etag`` argument."""

    address: str
    certain: bool  # False when its ``bucket`` may designate the bucket (not shown)
    etag: str  # the expression, for the finding (filemd5("app.zip"))


def etag_objects(
    analysis: ModuleAnalysis, bucket: n.Block, resolver: Resolver | None = None
) -> list[EtagObject]:
    """The module's objects (with ``count``/``for_each`` and ``dynamic``-free bodies alike)
    that the bucket may hold and that compare their ``etag`` with S3's: each of them
    depends on the bucket's default encryption leaving ETags as MD5 (SSE-S3 or none).
    An object that names its own encryption (``server_side_encryption`` or
    ``kms_key_id``) is encrypted as it says whatever the bucket's default, and is left
    out. Certain ones first."""
    resolver = resolver or Resolver(analysis)
    found = []
    for kind in OBJECTS:
        for _p, obj in analysis.resources(kind):
            etag = obj.body.attribute("etag")
            target = obj.body.attribute("bucket")
            if etag is None or target is None:
                continue
            if obj.body.attribute("server_side_encryption") is not None:
                continue
            if obj.body.attribute("kms_key_id") is not None:
                continue
            relation = resolver.designates(target.value, obj, bucket)
            if relation is False:
                continue
            text = " ".join(etag.value.code.split())
            found.append(EtagObject(f"{kind}.{obj.labels[1]}", relation is True, text))
    # A local child module given the bucket may upload its objects into it.
    for passed in passed_to_modules(analysis, analysis.directory, bucket, resolver):
        if passed.declares is None or not any(t in passed.declares for t in OBJECTS):
            continue
        for kind, label, text in _child_etag_objects(analysis.directory, passed.source):
            found.append(EtagObject(f"{passed.call}'s {kind}.{label}", False, text))
    found.sort(key=lambda o: not o.certain)
    return found


_OBJECT_HEAD = re.compile(
    r'^resource\s+"(aws_s3_object|aws_s3_bucket_object)"\s+"([^"\n]+)"\s*\{', re.MULTILINE
)
_ETAG = re.compile(r"^\s*etag\s*=\s*(.+?)\s*$", re.MULTILINE)
_OWN_ENCRYPTION = re.compile(r"^\s*(server_side_encryption|kms_key_id)\s*=", re.MULTILINE)


def _child_etag_objects(directory: str, source: str) -> list[tuple[str, str, str]]:
    """(type, label, etag expression) of the object resources of a local child module
    tracked by etag without their own encryption (a text scan of its .tf files)."""
    import os

    from tffix.engine import inputs

    where = os.path.join(directory, source)
    inputs.note_listing(where)  # the child module's files are part of this decision
    try:
        names = sorted(name for name in os.listdir(where) if name.endswith((".tf", ".tofu")))
    except OSError:
        return []
    out = []
    for name in names:
        inputs.note(os.path.join(where, name))
        try:
            with open(os.path.join(where, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
        except OSError:
            continue
        for head in _OBJECT_HEAD.finditer(text):
            end = re.compile(r"^\}", re.MULTILINE).search(text, head.end())
            body = text[head.end() : end.start() if end else len(text)]
            etag = _ETAG.search(body)
            if etag is not None and _OWN_ENCRYPTION.search(body) is None:
                out.append((head.group(1), head.group(2), etag.group(1)))
    return out


def etag_problem(objects: list[EtagObject]) -> str:
    """Why SSE-KMS default encryption does not suit a bucket holding ``objects``."""
    first = objects[0]
    held = "holds" if first.certain else "may hold"
    more = f" (and {len(objects) - 1} more)" if len(objects) > 1 else ""
    return (
        f"it {held} {first.address}{more}, whose etag = {first.etag} is compared with "
        "the object's ETag, which is the MD5 of the content only without SSE-KMS: with "
        "KMS default encryption every plan would show the object changed and every apply "
        f"upload it again ({ETAG_SOURCE})"
    )


# ---- buckets a child module receives -------------------------------------------------

# Arguments of a module block that are not inputs of the child module.
_MODULE_META = frozenset(("source", "version", "providers", "count", "for_each", "depends_on"))
_RESOURCE_HEAD = re.compile(r'^\s*resource\s+"([A-Za-z0-9_]+)"', re.MULTILINE)


@dataclass(frozen=True)
class ModuleInput:
    """A module call that is given the bucket (its name, ID or ARN).

    ``declares``: the resource types the child module's files declare, when its source
    is a local directory that can be read; None when it cannot (a registry or Git
    source: what it does with the bucket is not in this module).
    """

    call: str  # module.logs
    argument: str  # the input it is given to
    source: str
    declares: frozenset[str] | None

    def may_configure(self, types: tuple[str, ...]) -> bool:
        """Whether the child may configure the bucket with a resource of ``types``."""
        return self.declares is None or any(t in self.declares for t in types)

    def describe(self, types: tuple[str, ...]) -> str:
        if self.declares is None:
            return f"{self.call} (input {self.argument}; source {self.source} is not read here)"
        found = ", ".join(t for t in types if t in self.declares)
        return f"{self.call} (input {self.argument}), whose module declares {found}"


def passed_to_modules(
    analysis: ModuleAnalysis,
    directory: str,
    bucket: n.Block,
    resolver: Resolver | None = None,
) -> list[ModuleInput]:
    """The module calls of the module that are given ``bucket``: a child module can add
    its own companions (versioning, encryption, a public access block) to a bucket it
    receives, and two of one kind for one bucket overwrite each other on every apply.

    Given a reference to the bucket, or, with ``resolver``, any value that designates
    it (its literal name, a local or variable equal to it): a module handed the name
    ``"shared-logs-123"`` configures the same bucket as one handed its ``id``."""
    import functools
    import os

    wanted = (bucket.labels[0], bucket.labels[1])
    out: list[ModuleInput] = []
    # Only the calls holding a traversal rooted at the bucket's type can be given a
    # reference to it; the inputs that name it otherwise come from the resolver's index.
    holders = analysis.holding(bucket.labels[0])
    named = resolver.inputs_naming(bucket) if resolver is not None else set()
    index = analysis.traversal_index()
    for path, module in analysis.files.items():
        if path not in holders.paths and not named:
            continue
        for call in module.body.blocks_of_type("module"):
            holds = path in holders.paths and call in holders
            if not holds and not any(id(a) in named for a in call.body.attributes):
                continue
            # What a call is given is worked out once per call, not once per bucket:
            # a module of hundreds of buckets, each handed to a call, looked at every
            # call's inputs for every bucket.
            source, inputs = index.memo(
                path,
                call,
                "s3.module-inputs",
                functools.partial(_module_inputs, call),
                analysis.files,
            )
            for attribute, refs in inputs:
                if id(attribute) not in named and not (holds and wanted in refs):
                    continue
                declares: frozenset[str] | None = None
                if source is not None and source.startswith(("./", "../")):
                    declares = _declared_types(os.path.join(directory, source))
                label = call.labels[0] if call.labels else "?"
                out.append(ModuleInput(f"module.{label}", attribute.name, source or "?", declares))
                break
    return out


def _module_inputs(
    call: n.Block,
) -> tuple[str | None, list[tuple[n.Attribute, frozenset[tuple[str | None, ...]]]]]:
    """A module call's ``source`` and, for each input in order, the first two names of
    the traversals its value holds (``aws_s3_bucket.logs``)."""
    source_attribute = call.body.attribute("source")
    source = m.string_value(source_attribute.value) if source_attribute is not None else None
    inputs = [
        (attribute, frozenset(tuple(t.names()[:2]) for t in edit.traversals(attribute.value)))
        for attribute in call.body.attributes
        if attribute.name not in _MODULE_META
    ]
    return source, inputs


def _declared_types(directory: str) -> frozenset[str] | None:
    """Resource types the .tf files of ``directory`` declare, or configure by commands
    (a text scan; tffix.aws.out_of_band), or None."""
    import os

    from tffix.engine import inputs

    inputs.note_listing(directory)  # the child module's files are part of this decision
    try:
        names = [name for name in os.listdir(directory) if name.endswith((".tf", ".tofu"))]
    except OSError:
        return None
    found: set[str] = set()
    for name in names:
        inputs.note(os.path.join(directory, name))
        try:
            with open(os.path.join(directory, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
        except OSError:
            return None
        found.update(_RESOURCE_HEAD.findall(text))
        # What it sets by command (a provisioner running aws s3api ...) counts the same.
        found.update(out_of_band.types_in_text(text))
    return frozenset(found)


# ---- what a bucket may be encrypted with --------------------------------------------


@dataclass(frozen=True)
class Encryption:
    """The default encryption a bucket can take without breaking who uses it.

    ``kind``: ``"AES256"`` (SSE-S3), ``"aws:kms"`` with ``key`` (HCL of a customer key,
    or None for the AWS managed key aws/s3), or ``"manual"`` (a person decides; ``reason``
    names the fact the module does not show).
    """

    kind: str
    key: str | None = None
    reason: str = ""
    note: str = ""  # the reason in a few words, for a comment (else ``reason``)
    # Service principals the key's policy must be given (kms.SERVICE_STATEMENTS) before
    # it suits the bucket: the key is the module's, and its policy can be edited.
    grant: tuple[str, ...] = ()
    key_block: n.Block | None = None


def _key_suits(analysis: ModuleAnalysis, key: n.Block, access: Access) -> bool:
    """Whether a service may use ``key`` for the bucket: its principal is in the key
    policy, or (a service writing with an IAM role) the key policy leaves it to IAM and
    the role's policies, as the module shows them, allow the key's use."""
    from tffix.aws import iam, kms

    if access.service.kms == "key-policy":
        return kms.grants_service(analysis, key, str(access.service.principal)) is True
    if access.service.kms != "role" or access.role is None:
        return False
    if not kms.delegates_to_iam(analysis, key):
        return False
    permissions = iam.Permissions(analysis)
    target = iam.Reference(f"{key.labels[0]}.{key.labels[1]}")
    owner = analysis.lookup(access.via)
    block = owner.node if owner is not None and isinstance(owner.node, n.Block) else None
    roles, unknown = permissions.roles_of(access.role, block)
    if unknown is not None or not roles:
        return False
    return all(
        permissions.grants(role, ["kms:GenerateDataKey", "kms:Decrypt"], target).grant
        is iam.Grant.YES
        for role in roles
    )


def encryption_for(
    analysis: ModuleAnalysis,
    bucket: n.Block,
    *,
    exposure_: Exposure | None = None,
    option: object = None,
    resolver: Resolver | None = None,
) -> Encryption:
    """Pick the default encryption for ``bucket``.

    - public, or possibly public: SSE-S3 (anonymous readers cannot use a KMS key);
    - a service that supports only SSE-S3 writes or reads it: SSE-S3;
    - services that need their principal in the key policy: a key of the module
      (same provider, made for no other use) whose policy allows every one of
      them, else SSE-S3 (which they all support);
    - no such service: principals of other accounts in its policy make it a
      person's decision; else a module key whose policy lets the account use
      it through S3, else the ``kms_key_arn`` option, else the AWS managed key
      aws/s3, which every principal of the account that may use the bucket may
      use through S3.
    """
    from tffix.aws import kms

    resolver = resolver or Resolver(analysis)
    exposed = exposure_ or exposure(analysis, bucket, resolver)
    if exposed.state == "public":
        why = f"the bucket is public on purpose ({exposed.reason}), and outside readers "
        return Encryption("AES256", reason=why + "cannot decrypt SSE-KMS objects")
    if exposed.state == "possibly":
        why = f"the bucket may be public ({exposed.reason}), and outside readers "
        return Encryption("AES256", reason=why + "cannot decrypt SSE-KMS objects")
    users = accesses(analysis, bucket)
    only_s3 = [a for a in users if a.service.kms == "none"]
    if only_s3:
        access = only_s3[0]
        verb = (
            access.service.does
            if access.certain
            else f"may be set up so that it {access.service.does}"
        )
        return Encryption(
            "AES256",
            reason=f"{access.describe} {verb}, which works only with SSE-S3 "
            f"({access.service.source})",
        )
    keys = [
        k
        for _p, k in analysis.resources("aws_kms_key")
        if kms.is_symmetric_encryption_key(k)
        and k.body.attribute("count") is None
        and k.body.attribute("for_each") is None
        and kms.same_provider(bucket, k)
        and kms.made_for(analysis, k) is None
    ]
    if users:
        by_role = [a for a in users if a.service.kms == "role"]
        for key in keys:
            if all(_key_suits(analysis, key, a) for a in users):
                address = f"{kms.key_address(key)}.arn"
                chosen = _unless_etags(analysis, bucket, resolver, None, address)
                return _explained(chosen, "which every service that writes the bucket may use")
        grantable = _grantable_key(analysis, keys, users)
        if grantable is not None:
            key, principals = grantable
            chosen = _unless_etags(analysis, bucket, resolver, None, f"{kms.key_address(key)}.arn")
            if chosen.kind == "aws:kms":
                return replace(chosen, grant=principals, key_block=key)
        access = (by_role or users)[0]
        verb = (
            access.service.does
            if access.certain
            else f"may be set up so that it {access.service.does}"
        )
        if by_role:
            lack = (
                "its IAM role needs kms:GenerateDataKey and kms:Decrypt on a key whose "
                "policy leaves that to IAM, which the module does not show"
            )
        else:
            lack = f"no key of the module lets {access.service.principal} use it"
        return Encryption(
            "AES256", reason=f"{access.describe} {verb}, and {lack} ({access.service.source})"
        )
    for (where, expr), sure in _bucket_policies(analysis, resolver, bucket):
        found = statements(analysis, expr) or []
        if sure and any(st.effect == "Allow" and st.names_everyone() for st in found):
            label = where or "its policy"
            return Encryption(
                "AES256",
                reason=f"{label} allows the principal * (limited by conditions), and "
                "requests from other accounts or without credentials cannot use a KMS key",
            )
    others = other_principals(analysis, bucket, resolver)
    if others:
        return Encryption(
            "manual",
            reason="its bucket policy or ACL lets in "
            + "; ".join(others)
            + ", which may be in another account: they can read SSE-KMS objects only "
            "with a customer-managed key whose policy allows them (not with the AWS managed "
            "key aws/s3)",
        )
    for key in keys:
        if kms.grants_account_through_s3(analysis, key):
            chosen = _unless_etags(
                analysis, bucket, resolver, option, f"{kms.key_address(key)}.arn"
            )
            return _explained(
                chosen, "whose policy lets the account's principals use it through S3"
            )
    if option:
        chosen = _unless_etags(analysis, bucket, resolver, option, kms.key_expression(str(option)))
        return _explained(chosen, "the key the kms_key_arn option names")
    chosen = _unless_etags(analysis, bucket, resolver, option, None)
    return _explained(
        chosen,
        f"{why_not_module_keys(analysis, bucket)}; aws/s3 lets every principal of the "
        "account that may write the bucket use it through S3 (the kms_key_arn option names "
        "another key)",
    )


def _explained(chosen: Encryption, why: str) -> Encryption:
    """``chosen`` with ``why`` as its reason when it is the SSE-KMS it was picked as (an
    SSE-S3 or manual fallback keeps the reason it has)."""
    return replace(chosen, reason=why) if chosen.kind == "aws:kms" else chosen


def why_not_module_keys(analysis: ModuleAnalysis, bucket: n.Block) -> str:
    """Why no ``aws_kms_key`` of the module encrypts ``bucket`` by default, key by key (a
    clause for a finding): a bucket key must be symmetric, on the bucket's provider, one
    key (no count/for_each), made for nothing else, and usable by whoever may write the
    bucket, which the default key policy leaves to IAM policies the module does not show."""
    from tffix.aws import kms

    keys = [k for _p, k in analysis.resources("aws_kms_key")]
    if not keys:
        return "the module has no aws_kms_key"
    reasons = []
    for key in keys[:3]:
        address = kms.key_address(key)
        made = kms.made_for(analysis, key)
        if not kms.is_symmetric_encryption_key(key):
            why = "which is not a symmetric encryption key"
        elif key.body.attribute("count") is not None or key.body.attribute("for_each"):
            why = "which has count/for_each"
        elif not kms.same_provider(bucket, key):
            why = "which is on another provider configuration (another region or account)"
        elif made is not None:
            why = f"which is the key of {made}, made for that"
        elif kms.key_policy(analysis, key) == []:
            why = (
                "whose policy is the default one, which leaves its use to IAM policies: a writer "
                "the bucket allows but whose IAM policies do not allow kms:GenerateDataKey "
                "on it could no longer upload"
            )
        else:
            why = (
                "whose policy does not let the account's principals use it through S3, "
                "so writers the bucket allows might not be able to encrypt with it"
            )
        reasons.append(f"not {address}, {why}")
    if len(keys) > 3:
        reasons.append(f"nor {len(keys) - 3} more keys")
    return "; ".join(reasons)


def _grantable_key(
    analysis: ModuleAnalysis, keys: list[n.Block], users: list[Access]
) -> tuple[n.Block, tuple[str, ...]] | None:
    """(the key, the service principals to add to its policy) when the module has one
    candidate key (symmetric, same provider, made for nothing else), every user of the
    bucket is a service whose key-policy statement is known (kms.SERVICE_STATEMENTS),
    the key's policy visibly lacks them and can be edited; else None."""
    from tffix.aws import kms
    from tffix.aws.policy_edit import key_policy_editable

    if len(keys) != 1 or any(a.service.kms != "key-policy" for a in users):
        return None
    key = keys[0]
    if not key_policy_editable(analysis, kms.policy_holder(analysis, key)):
        return None
    principals: list[str] = []
    for access in users:
        principal = str(access.service.principal)
        if principal not in kms.SERVICE_STATEMENTS:
            return None
        granted = kms.grants_service(analysis, key, principal)
        if granted is None:
            return None
        if granted is False and principal not in principals:
            principals.append(principal)
    return (key, tuple(principals)) if principals else None


def _unless_etags(
    analysis: ModuleAnalysis,
    bucket: n.Block,
    resolver: Resolver,
    option: object,
    key: str | None,
) -> Encryption:
    """SSE-KMS with ``key``, unless objects of the module in the bucket are tracked by
    their ETag: then SSE-S3, whose ETags stay MD5, or, when the ``kms_key_arn`` option
    asks for KMS, a person's decision (move the objects to ``source_hash`` first)."""
    objects = etag_objects(analysis, bucket, resolver)
    if not objects:
        return Encryption("aws:kms", key)
    problem = etag_problem(objects)
    if option:
        return Encryption(
            "manual",
            reason=f"the kms_key_arn option asks for SSE-KMS, but {problem}; track "
            f"{objects[0].address} with source_hash = <its etag expression> instead of "
            "etag, then add the encryption",
        )
    return Encryption(
        "AES256",
        reason=problem,
        note=f"{objects[0].address} is tracked by etag, which SSE-KMS objects do not "
        "have as MD5 (the provider would upload it on every apply)",
    )
