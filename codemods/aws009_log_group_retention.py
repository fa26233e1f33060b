"""AWS009 log-group-retention: CloudWatch log groups say how long they keep logs."""

from __future__ import annotations

import re

from tffix.analysis.describe import dependence
from tffix.analysis.names import traversals_through_locals
from tffix.analysis.roots import Use, module_use
from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.cst.placement import insert_attribute
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Option, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Any

    from tffix.analysis.evaluate import Evaluator
    from tffix.analysis.module import ModuleAnalysis

_ATTRIBUTE = "retention_in_days"
# The only retention periods CloudWatch Logs accepts; 0 means "never expire".
ACCEPTED = (
    0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
    1827, 2192, 2557, 2922, 3288, 3653,
)  # fmt: skip
_NEVER = 0
# Attributes after which a person would write retention_in_days, best first.
_ANCHORS = ("name", "name_prefix")
# Audit and security logs are kept at least a year: CIS AWS Foundations asks for
# CloudTrail logs in CloudWatch Logs, and checkov CKV_AWS_338 for 365 days on every group.
AUDIT_DAYS = 365
_GROUP = "aws_cloudwatch_log_group"

# (resource type, attribute) through which an AWS service writes audit or security
# logs to a log group it names (Terraform AWS provider docs of each resource).
AUDIT_WRITERS: dict[tuple[str, str], str] = {
    ("aws_cloudtrail", "cloud_watch_logs_group_arn"): "CloudTrail events",
    ("aws_flow_log", "log_destination"): "VPC flow logs",
    ("aws_flow_log", "log_group_name"): "VPC flow logs",
    ("aws_route53_query_log", "cloudwatch_log_group_arn"): "Route 53 DNS query logs",
    ("aws_route53_resolver_query_log_config", "destination_arn"): "Route 53 Resolver query logs",
    ("aws_wafv2_web_acl_logging_configuration", "log_destination_configs"): "AWS WAF logs",
}
# Groups that AWS services write audit logs to under a fixed name: RDS, DocumentDB,
# Neptune and Amazon MQ audit logs (/aws/<service>/.../audit), the EKS control
# plane, whose "audit" log type goes to /aws/eks/<cluster>/cluster, Redshift's
# user activity and connection logs, WAF's aws-waf-logs-* destinations; and
# groups their authors named as audit, trail or flow logs.
_AUDIT_NAMES = (
    (re.compile(r"\baudit", re.IGNORECASE), "audit logs, by its name"),
    (re.compile(r"cloud-?trail", re.IGNORECASE), "CloudTrail events, by its name"),
    (re.compile(r"flow[-_ ]?logs?", re.IGNORECASE), "VPC flow logs, by its name"),
    (re.compile(r"^/aws/eks/.+/cluster$"), "EKS control plane logs, audit logs among them"),
    (re.compile(r"^/aws/redshift/"), "Redshift audit logs"),
    (re.compile(r"^aws-waf-logs-"), "AWS WAF logs"),
)


class LogGroupRetention(Codemod):
    """Every ``aws_cloudwatch_log_group`` gets a ``retention_in_days``."""

    code = "AWS009"
    name = "log-group-retention"
    summary = "CloudWatch log groups expire their logs after a set number of days"
    seed_section = "Infrastructure Improvements §2 Improved Reliability, §4 Cost Optimization"
    documentation = (
        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html",
    )
    checks = ("CKV_AWS_66", "CKV_AWS_338")
    safety = Safety.SAFE
    options = (
        Option(
            "days",
            365,
            "retention given to log groups that have none; one of the values CloudWatch "
            "Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, ... 3653); "
            "14 keeps two weeks; groups that receive audit logs get at least 365 whatever "
            "this says",
            choices=ACCEPTED,
        ),
    )
    explanation = """\
Why: a log group without `retention_in_days` keeps every event forever, and
CloudWatch Logs bills each GB stored every month, so a chatty Lambda or API
quietly grows a bill nobody reviews. checkov CKV_AWS_66 asks that some
retention is set; CKV_AWS_338 wants at least a year (365 days, or 0 for
never). Audit and security logs (CloudTrail events, VPC flow logs, DNS query
logs, RDS/EKS/Redshift audit logs) are what an investigation reads months
later, and CIS AWS Foundations and most audit regimes ask for a year.

What it does: adds `retention_in_days = 365` (option `days`; `14` keeps two
weeks) after `name` (or `name_prefix`, else the group's last argument), and
replaces a literal `null`. A group that receives audit logs gets at least
365 days whatever the option says: the module shows
it through `aws_cloudtrail.cloud_watch_logs_group_arn`,
`aws_flow_log.log_destination`/`log_group_name`, `aws_route53_query_log`,
Route 53 Resolver, WAF and Network Firewall logging configurations,
OpenSearch audit logs (directly or through a local), or the group's name
(`/aws/rds/.../audit`, `/aws/eks/<cluster>/cluster`, `aws-waf-logs-*`, a name
with audit, cloudtrail or flow logs); the finding names it. A retention
already set is never lowered: a literal the service accepts is kept (a
value below 365 on an audit group is reported, not raised); a literal it
does not accept (`10`) would fail at apply and is raised to the next
accepted value (`14`); a value above the maximum is reported. A literal `0`
means "never expire": a deliberate choice both checks accept, kept. A value
given by an expression (`var.log_retention`) is not overwritten: when it
cannot be worked out statically, or works out to `null` or to a value the
service rejects, the finding names the expression and, for a variable with
a literal default, says what to change. Groups created with `count` or
`for_each`, and comments, are handled like any other. A group whose
retention a command of the module sets (`aws logs put-retention-policy` in a
provisioner, user data or an external program, naming the group or a group
the module does not show) gets a finding instead: a value here would replace
the command's on every apply.

In a module made to be called (a reusable module: marked by its place, its
callers or `configuration_aliases`, or with required inputs and no provider
of its own), a missing retention is reported instead: a value written
there would delete older events from every caller's group on their next
apply, with no input to keep them. The finding suggests an input.

Fix safety: safe. The fix only sets a retention where none is set (logs
never expire) or where the value written would fail at apply; it never
shortens a retention the author chose. What it could break: when applied,
CloudWatch Logs deletes events older than the new retention from a group
that kept everything so far: with the default, events older than a year;
with `days = 14`, everything older than two weeks. Export what must be kept
longer first, or waive the group. It checks first: the retention
already written (literal, variable default, local), and whether the group
receives CloudTrail, flow, query, WAF or service audit logs, which keep at
least 365 days. In a module made to be called, and in a directory that may
be one (no provider, no backend, no required input, no caller in the
repository: tffix.analysis.roots.module_use), no retention is written:
a finding names the input to add, since the deletion would reach every
caller's group.

A `#checkov:skip=CKV_AWS_66` waives the group; a `#checkov:skip=CKV_AWS_338`
waives only the one-year floor of audit groups.

Example:

    resource "aws_cloudwatch_log_group" "lambda" {
      name              = "/aws/lambda/${var.function_name}"
    +  retention_in_days = 365
    }
"""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        days = self.settings["days"]
        if isinstance(days, bool) or days not in ACCEPTED:
            raise ValueError(
                f"{self.code}: days = {days!r} is not a retention CloudWatch Logs accepts "
                f"({', '.join(map(str, ACCEPTED))})"
            )

    def triggers(self, ctx: ModuleContext) -> Iterable[tuple[str, n.Block]]:
        return ctx.targets(_GROUP)

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        from tffix.analysis.evaluate import Evaluator

        evaluator = Evaluator(ctx.analysis)
        writers = audit_writers(ctx)
        library: str | None = None  # why the module is made to be called ("" when not)
        either = ""  # why it may be a root or a called module ("" when it is known)
        for path, group in ctx.targets(_GROUP):
            label = ".".join(group.labels)
            waived = ctx.waived_checks(group)
            if "CKV_AWS_66" in waived:
                yield self.fine(path, group, f"{label}: retention waived (checkov:skip=CKV_AWS_66)")
                continue
            audit = writers.get(group.labels[1]) or _audit_by_name(group)
            if "CKV_AWS_338" in waived:
                audit = None  # a shorter retention accepted on purpose: no one-year floor
            days = self.settings["days"]
            why = ""
            if audit is not None and days < AUDIT_DAYS and days != _NEVER:
                days = AUDIT_DAYS
                why = f"; it receives {audit}, kept at least {AUDIT_DAYS} days for audits"
            elif audit is not None:
                why = f"; it receives {audit}"
            retention = group.body.attribute(_ATTRIBUTE)
            never = retention is None or m.Literal(None).matches(retention.value)
            if never and library is None:
                use = module_use(ctx.directory, ctx.files, ctx.analysis)
                library = use.reason if use.use is Use.CALLED else ""
                either = use.reason if use.use is Use.EITHER else ""
            if never and either:
                # Root or called is not shown, and a retention deletes what it does not
                # keep: made only where the directory is known to be a root.
                yield self.manual(
                    path,
                    group if retention is None else retention,
                    f"{label}: no retention (logs never expire), not set here: this directory "
                    f"{either}, and a retention makes CloudWatch Logs delete the older events "
                    "on the next apply, of every caller's group if modules call it. If it is a "
                    'root module, declare its provider (provider "aws" {}) or backend and run '
                    f"again; if it is called, add an input (`{_ATTRIBUTE} = "
                    f"var.log_retention_days`, default {days}"
                    + (f" as the group receives {audit}" if audit is not None else "")
                    + ", or 0 to keep today's never-expire) and set it in the callers",
                )
                continue
            if never and library:
                yield self.manual(
                    path,
                    group if retention is None else retention,
                    f"{label}: no retention (logs never expire), not set here: this directory "
                    f"{library}, and a retention written here would make CloudWatch Logs delete "
                    "the older events of every caller's group on their next apply with no way "
                    f"to keep them; add an input (`{_ATTRIBUTE} = var.log_retention_days`, "
                    f"default {days}"
                    + (f" as the group receives {audit}" if audit is not None else "")
                    + ", or 0 to keep today's never-expire) and say so in the module's changelog",
                )
                continue
            commanded = _retention_command(ctx, group, evaluator) if never else None
            if commanded is not None:
                # A command sets the retention: Terraform would reset it to this value on
                # every apply (and the command back), deleting what the command keeps.
                yield self.manual(
                    path,
                    group if retention is None else retention,
                    f"{label}: no retention in the configuration, not set here: its retention "
                    f"{commanded}; a retention_in_days here would replace the command's on "
                    "every apply, and CloudWatch Logs deletes the events older than the "
                    "shorter one (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/"
                    "APIReference/API_PutRetentionPolicy.html). Keep one of the two: move "
                    f"the command's value into {_ATTRIBUTE} and remove the command",
                )
                continue
            if retention is None:
                insert_attribute(group, f"{_ATTRIBUTE} = {days}", _ANCHORS)
                yield self.fixed(
                    path, group, f"{label}: no retention (logs never expire); set {days} days{why}"
                )
                continue
            value = retention.value
            if m.Literal(None).matches(value):
                edit.set_value(retention, str(days))
                yield self.fixed(
                    path,
                    retention,
                    f"{label}: retention was null (never expire); set {days} days{why}",
                )
                continue
            literal = _literal_number(value)
            if literal is not None:
                if literal in ACCEPTED:
                    yield self._kept(path, retention, label, literal, audit)
                    continue
                accepted = _round_up(literal)
                if accepted is not None and audit is not None:
                    accepted = max(accepted, AUDIT_DAYS)  # the author's value cannot be kept
                if accepted is None:
                    yield self.manual(
                        path,
                        retention,
                        f"{label}: CloudWatch Logs does not accept a retention of "
                        f"{_number(literal)} days; the longest is 3653 (or 0 to never expire)",
                    )
                else:
                    edit.set_value(retention, str(accepted))
                    yield self.fixed(
                        path,
                        retention,
                        f"{label}: CloudWatch Logs does not accept a retention of "
                        f"{_number(literal)} days; raised it to {accepted}"
                        + (f"; it receives {audit}" if audit is not None else ""),
                    )
                continue
            # One value per instance when the group iterates over a map the module shows.
            values = [
                _as_number(evaluator.value(value, scope)) for scope in _scopes(evaluator, group)
            ]
            if all(_accepted(v) for v in values):
                shortest = min(values)
                yield self._kept(path, retention, label, shortest, audit, value.code.strip())
                continue
            message = _expression_message(evaluator, value, label, days)
            yield self.manual(path, retention, message or dependence(f"{label}: retention", value))

    def _kept(
        self,
        path: str,
        retention: n.Attribute,
        label: str,
        days: float,
        audit: str | None,
        expression: str = "",
    ) -> Finding:
        """The decision on a retention the service accepts: kept, or reported when short."""
        shown = _number(days)
        source = f" (from `{expression}`)" if expression else ""
        if days == _NEVER:
            return self.fine(path, retention, f"{label}: logs never expire{source}, on purpose")
        if audit is not None and days < AUDIT_DAYS:
            return self.manual(
                path,
                retention,
                f"{label}: retention {shown} days{source} for a group that receives {audit}; audit "
                f"rules (CIS AWS Foundations, checkov CKV_AWS_338) ask for at least "
                f"{AUDIT_DAYS}: raise it unless a shorter retention is required",
            )
        return self.fine(path, retention, f"{label}: keeps logs {shown} days{source}")


def audit_writers(ctx: ModuleContext) -> dict[str, str]:
    """Log groups of the module (by label) that AWS services write audit logs to, and which.

    A group is named in the writer's attribute by reference
    (``aws_cloudwatch_log_group.trail.arn``, ``"${...arn}:*"``), as the
    provider's examples do, or through a local. Network Firewall logging
    configurations count for every group they name; OpenSearch/Elasticsearch
    domains count when the
    ``log_publishing_options`` block that names the group has ``log_type =
    "AUDIT_LOGS"``.
    """
    out: dict[str, str] = {}
    for _path, resource in ctx.analysis.resources():
        type_ = resource.labels[0]
        for (writer, attribute_name), what in AUDIT_WRITERS.items():
            if writer != type_:
                continue
            attribute = resource.body.attribute(attribute_name)
            if attribute is not None:
                for label in _groups_named(attribute.value, ctx.analysis):
                    out.setdefault(label, what)
        if type_ in ("aws_opensearch_domain", "aws_elasticsearch_domain"):
            for options in resource.body.blocks_of_type("log_publishing_options"):
                kind = options.body.attribute("log_type")
                arn = options.body.attribute("cloudwatch_log_group_arn")
                if (
                    kind is not None
                    and arn is not None
                    and m.Literal("AUDIT_LOGS").matches(kind.value)
                ):
                    for label in _groups_named(arn.value, ctx.analysis):
                        out.setdefault(label, "OpenSearch audit logs")
        if type_ == "aws_networkfirewall_logging_configuration":
            for label in _groups_named(resource, ctx.analysis):
                out.setdefault(label, "Network Firewall flow and alert logs")
    return out


def _accepted(value: Any) -> bool:
    from tffix.analysis.evaluate import UNKNOWN

    return value is not UNKNOWN and not isinstance(value, bool) and value in ACCEPTED


def _scopes(evaluator: Evaluator, group: n.Block) -> list[dict[str, Any] | None]:
    """``each``/``count`` scopes of the group's instances when known, else [None]."""
    for_each = group.body.attribute("for_each")
    if for_each is not None:
        collection = evaluator.value(for_each.value)
        if isinstance(collection, dict) and collection:
            return [{"each": {"key": k, "value": v}} for k, v in collection.items()]
        if isinstance(collection, list) and collection:
            return [{"each": {"key": v, "value": v}} for v in collection]
    count = group.body.attribute("count")
    if count is not None:
        number = evaluator.value(count.value)
        if isinstance(number, int) and not isinstance(number, bool) and number > 0:
            return [{"count": {"index": k}} for k in range(number)]
    return [None]


def _groups_named(expr: n.Node, analysis: ModuleAnalysis) -> list[str]:
    """Labels of the log groups ``expr`` refers to, directly or through locals."""
    out = []
    for trav in traversals_through_locals(analysis, expr):
        names = trav.names()
        if names[0] == _GROUP and len(names) > 1 and names[1] is not None:
            out.append(str(names[1]))
    return out


def _audit_by_name(group: n.Block) -> str | None:
    """What audit logs the group's name says it holds, or None."""
    for attribute_name in ("name", "name_prefix"):
        attribute = group.body.attribute(attribute_name)
        if attribute is None:
            continue
        value = attribute.value
        text = (
            value.literal_value()
            if isinstance(value, n.TemplateString) and value.is_literal
            else value.code.strip().strip('"')
        )
        for pattern, what in _AUDIT_NAMES:
            if pattern.search(text):
                return what
    return None


def _literal_number(expr: n.Expression) -> float | None:
    """The number written as ``expr`` (``14``, ``-1``, ``"14"``), or None."""
    if isinstance(expr, n.Number):
        return expr.value
    if isinstance(expr, n.Unary) and expr.operator == "-" and isinstance(expr.operand, n.Number):
        return -expr.operand.value
    if isinstance(expr, n.TemplateString) and expr.is_literal:
        try:
            number = float(expr.literal_value())
        except ValueError:
            return None
        return int(number) if number.is_integer() else number
    return None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _round_up(value: float) -> int | None:
    """The smallest accepted retention above ``value`` (never 0), or None past the maximum."""
    return next((a for a in ACCEPTED if a > value and a != _NEVER), None)


def _expression_message(
    evaluator: Evaluator, expr: n.Expression, label: str, days: int
) -> str | None:
    """What to say about a retention computed by ``expr``, or None when it is fine."""
    from tffix.analysis.describe import default_note, hcl, variable_name
    from tffix.analysis.evaluate import UNKNOWN

    head = dependence(f"{label}: retention", expr)
    value: Any = _as_number(evaluator.value(expr))
    if value is not UNKNOWN and not isinstance(value, bool) and value in ACCEPTED:
        return None  # a retention the service accepts, whoever overrides it
    name = variable_name(expr)
    if name is not None:
        default = _as_number(evaluator.variable_default(name))
        if default is UNKNOWN:  # worded as every codemod words it (describe.default_note)
            return head + default_note(name, UNKNOWN, "") + "; make sure it is set"
        if default is None:
            return (
                head + f" (variable {name} defaults to null, so logs never expire: "
                f"make the default {days})"
            )
        suggestion = _suggest(default, days)
        return (
            head + f" (variable {name} defaults to {hcl(default)}, which CloudWatch Logs "
            f"does not accept: make that {suggestion})"
        )
    if value is None:
        return f"{head}, which is null (logs never expire); make it {days}"
    if value is not UNKNOWN:
        return (
            f"{head}, which is {hcl(value)}; CloudWatch Logs "
            f"does not accept that: make it {_suggest(value, days)}"
        )
    return (
        f"{head}; make sure it is never null "
        f"(logs would never expire) and is a value CloudWatch Logs accepts, e.g. {days}"
    )


def _as_number(value: Any) -> Any:
    """Terraform converts ``"14"`` to ``14`` where a number is expected; so does this."""
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    return value


def _suggest(value: Any, days: int) -> int:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        rounded = _round_up(value)
        if rounded is not None:
            return rounded
    return days


# A command that sets (or removes) a log group's retention: the AWS CLI, boto3,
# AWS Tools for PowerShell.
_RETENTION_COMMAND = re.compile(
    r"(?:put|delete)[-_]retention[-_]policy|(?:Write|Remove)-CWLRetentionPolicy", re.IGNORECASE
)


def _retention_command(ctx: ModuleContext, group: n.Block, evaluator: Evaluator) -> str | None:
    """How a command of the module (a provisioner, user data, an external program) sets
    the retention of ``group``, or may (its log group is not shown), for a finding;
    None when none does."""
    address = f"{_GROUP}.{group.labels[1]}"
    own = group.body.attribute("name")
    name = evaluator.value(own.value) if own is not None else None
    others = [
        f"{_GROUP}.{g.labels[1]}" for _p, g in ctx.analysis.resources(_GROUP) if g is not group
    ]
    found: list[tuple[bool, str]] = []
    owners = [(b, "resource") for _p, b in ctx.analysis.resources()]
    owners += [(b, "data") for _p, b in ctx.analysis.data_sources("external")]
    for block, kind in owners:
        texts: list[tuple[str, n.Node]] = []
        for provisioner in block.body.blocks_of_type("provisioner"):
            for attribute in provisioner.body.attributes:
                if attribute.name in ("command", "inline"):
                    texts.append(
                        (
                            f"a {provisioner.labels[0] if provisioner.labels else ''} provisioner",
                            attribute,
                        )
                    )
        for argument in ("user_data", "program"):
            found_argument = block.body.attribute(argument)
            if found_argument is not None:
                texts.append((f"its {argument}", found_argument))
        for what, node in texts:
            code = node.code
            match = _RETENTION_COMMAND.search(code)
            if match is None:
                continue
            owner = ("data." if kind == "data" else "") + ".".join(block.labels)
            said = f"is set outside Terraform by `{match.group(0)}` in {what} of {owner}"
            if address in code or (isinstance(name, str) and name and name in code):
                found.append((True, said))
            elif not any(other in code for other in others):
                found.append(
                    (
                        False,
                        said.replace("is set", "may be set", 1)
                        + ", whose log group the module does not show",
                    )
                )
    found.sort(key=lambda f: not f[0])
    return found[0][1] if found else None
