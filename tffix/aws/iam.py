"""What an IAM role may do, as far as the module shows it.

Some fixes are only safe when a role holds a permission: Lambda refuses to
turn on active X-Ray tracing (``InvalidParameterValueException: The provided
execution role does not have permissions to call PutTraceSegments on XRAY``)
unless the function's execution role may write traces. So a codemod asks
"does role R grant action A?" and gets one of three answers:

- ``YES``: an ``Allow`` the module shows grants it, unconditionally, and no
  policy of the module denies it;
- ``NO``: nothing the module attaches to the role allows it (or a ``Deny``
  or the permissions boundary rules it out);
- ``UNKNOWN``: the answer depends on something the module does not show (a
  policy from a variable or another module, a statement with conditions, an
  attachment created only under a ``count`` condition, a role passed in or
  read by a data source). The answer names that fact.

Where permissions come from (Terraform AWS provider documentation,
https://registry.terraform.io/providers/hashicorp/aws/latest/docs):

- inline policies: ``aws_iam_role.inline_policy`` blocks and
  ``aws_iam_role_policy`` resources;
- managed policies: ``aws_iam_role_policy_attachment``,
  ``aws_iam_policy_attachment`` (``roles``) and the role's
  ``managed_policy_arns``; a policy is either declared by the module
  (``aws_iam_policy``) or an AWS managed policy known by its ARN (the table
  below, from the AWS Managed Policy Reference Guide);
- the role's ``permissions_boundary`` caps all of them (IAM policy
  evaluation logic, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).

A policy document is read from ``jsonencode({...})`` (known parts only: a
``Resource`` that refers to another resource is unknown, the ``Action``
next to it may still be known), from ``data.aws_iam_policy_document``, or
from a JSON string or heredoc. Service control policies and session
policies are outside any module and are not considered.
"""

from __future__ import annotations

import enum
import fnmatch
import re
from dataclasses import dataclass

from tffix.analysis.evaluate import UNKNOWN, Evaluator
from tffix.aws.policies import MARK, Document, Reader, Reference, Statement
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import Any


class Grant(str, enum.Enum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Answer:
    """The answer to "does the role grant these actions?" and why.

    ``addable``: whether attaching a new ``Allow`` to the role would make the
    answer YES. False when a ``Deny`` of the module or the role's
    permissions boundary rules the actions out, or may.
    """

    grant: Grant
    reason: str
    addable: bool = True
    source: str = ""  # YES: the policy that allows it


# ---- AWS managed policies ----------------------------------------------------------

_REFERENCE = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/"


@dataclass(frozen=True)
class ManagedPolicy:
    """An AWS managed policy: its statements (effect, actions, not_actions) on ``*``.

    ``complete``: every statement is listed, so an action none of them
    allows is not allowed. Each entry cites the AWS Managed Policy
    Reference Guide page that shows the policy document.
    """

    name: str  # the path and name after arn:<partition>:iam::aws:policy/
    allow: tuple[str, ...] = ()
    allow_not: tuple[str, ...] = ()  # an Allow with NotAction (all but these)
    complete: bool = True

    @property
    def source(self) -> str:
        return _REFERENCE + self.name.rsplit("/", 1)[-1] + ".html"


_XRAY_WRITE = (
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
    "xray:GetSamplingStatisticSummaries",
)
_LOGS = ("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents")

MANAGED_POLICIES: dict[str, ManagedPolicy] = {
    p.name: p
    for p in (
        ManagedPolicy("AWSXRayDaemonWriteAccess", _XRAY_WRITE),
        ManagedPolicy("AWSXrayWriteOnlyAccess", _XRAY_WRITE),
        ManagedPolicy("AWSXrayFullAccess", ("xray:*",)),
        # The basic Lambda policies grant logs, and nothing for X-Ray.
        ManagedPolicy("service-role/AWSLambdaBasicExecutionRole", _LOGS),
        ManagedPolicy(
            "service-role/AWSLambdaVPCAccessExecutionRole",
            (
                *_LOGS,
                "ec2:CreateNetworkInterface",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeSubnets",
                "ec2:DeleteNetworkInterface",
                "ec2:AssignPrivateIpAddresses",
                "ec2:UnassignPrivateIpAddresses",
            ),
        ),
        ManagedPolicy(
            "service-role/AWSLambdaKinesisExecutionRole",
            (
                *_LOGS,
                "kinesis:DescribeStream",
                "kinesis:DescribeStreamSummary",
                "kinesis:GetRecords",
                "kinesis:GetShardIterator",
                "kinesis:ListShards",
                "kinesis:ListStreams",
                "kinesis:SubscribeToShard",
            ),
        ),
        ManagedPolicy(
            "service-role/AWSLambdaDynamoDBExecutionRole",
            (
                *_LOGS,
                "dynamodb:DescribeStream",
                "dynamodb:GetRecords",
                "dynamodb:GetShardIterator",
                "dynamodb:ListStreams",
            ),
        ),
        ManagedPolicy(
            "service-role/AWSLambdaSQSQueueExecutionRole",
            (*_LOGS, "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"),
        ),
        ManagedPolicy("AWSLambdaExecute", ("logs:*", "s3:GetObject", "s3:PutObject")),
        ManagedPolicy("AdministratorAccess", ("*",)),
        # Everything but IAM, Organizations and Account; more statements follow
        # (a few IAM actions), not listed here.
        ManagedPolicy(
            "PowerUserAccess", allow_not=("iam:*", "organizations:*", "account:*"), complete=False
        ),
    )
}

# The policy to attach for X-Ray: "Lambda ... needs permission to upload trace
# data to X-Ray ... add the AWSXRayDaemonWriteAccess managed policy"
# (https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html).
XRAY_WRITE_POLICY = "AWSXRayDaemonWriteAccess"
XRAY_ACTIONS = ("xray:PutTraceSegments", "xray:PutTelemetryRecords")

_MANAGED_ARN = re.compile(r"arn:([^:]*):iam::aws:policy/(.+)")
# Where a partly evaluated value comes from: a role of the module (aws_iam_role.x[...].arn).
_ROLE_ORIGIN = re.compile(r"aws_iam_role\.([A-Za-z_][\w-]*)\b")

# ---- policy documents -------------------------------------------------------------


def _pattern_matches(pattern: str | None, value: str) -> bool | None:
    """IAM wildcard match (``*``, ``?``; case-insensitive for actions); None: unknown pattern."""
    if pattern is None or MARK in pattern:
        return None
    return fnmatch.fnmatchcase(value.lower(), pattern.lower())


def _any_matches(
    patterns: Sequence[str | Reference | None], value: str | Reference, exact: bool = False
) -> bool | None:
    """Whether a pattern covers ``value`` (None: cannot tell).

    A :class:`Reference` value (the resource asked about, its ARN unknown) is
    covered by ``*`` and by a reference to the same resource, not by a reference
    to another resource; a literal ARN pattern may or may not match it. A
    reference pattern may name anything when the value is a literal ARN.
    """
    unknown = False
    for pattern in patterns:
        if isinstance(pattern, Reference) or isinstance(value, Reference):
            hit = _reference_matches(pattern, value)
            if hit:
                return True
            unknown = unknown or hit is None
        elif pattern is None or MARK in pattern:
            unknown = True
        elif (pattern == value) if exact else _pattern_matches(pattern, value):
            return True
    return None if unknown else False


def _reference_matches(pattern: str | Reference | None, value: str | Reference) -> bool | None:
    if isinstance(pattern, Reference):
        if not isinstance(value, Reference):
            # an ARN known only after apply: it may be the one asked about, never "*"
            return False if value == "*" else None
        if pattern.address != value.address:
            return False  # another resource of the module: another ARN
        if pattern.indexed and value.indexed and pattern.key is not None and value.key is not None:
            return pattern.key == value.key  # aws_kms_key.this["data"] is not this["logs"]
        return None if pattern.indexed or value.indexed else True
    if pattern == "*":
        return True
    return None  # a literal (or unknown) pattern against an ARN known only after apply


def _statement_applies(statement: Statement, action: str, resource: str | Reference) -> bool | None:
    """Whether ``statement`` covers ``action`` on ``resource`` (None: cannot tell)."""
    if statement.actions is not None:
        acts = _any_matches(statement.actions, action)
    elif statement.not_actions is not None:
        hit = _any_matches(statement.not_actions, action)
        acts = None if hit is None else not hit
    else:
        acts = None
    if acts is False:
        return False
    # Actions without resource-level permissions (X-Ray's Put*) are requested on
    # "*": only a Resource of "*" covers them.
    if statement.resources is not None:
        res = _any_matches(statement.resources, resource, exact=resource == "*")
    elif statement.not_resources is not None:
        hit = _any_matches(statement.not_resources, resource, exact=resource == "*")
        res = None if hit is None else not hit
    else:
        res = None
    if res is False:
        return False
    return True if acts and res else None


# ---- the permissions of roles ---------------------------------------------------------


class Permissions(Reader):
    """Answers "does role R grant A?" for the roles of one module (policies read by
    :class:`tffix.aws.policies.Reader`)."""

    # ---- roles --------------------------------------------------------------

    def role(self, address: str) -> tuple[str, n.Block] | None:
        """(path, block) of ``aws_iam_role.NAME``, when the module declares it."""
        found = self.analysis.lookup(address)
        if found is None or found.kind != "resource" or not address.startswith("aws_iam_role."):
            return None
        return found.path, found.node  # type: ignore[return-value]

    def roles_of(
        self, expr: n.Expression, resource: n.Block | None = None
    ) -> tuple[list[str], str | None]:
        """The module's roles an expression (a function's ``role``) designates.

        (addresses, None) when every value it can take is an ``aws_iam_role``
        of the module; ([], fact) when it can be something else, with the fact
        that decides it (a variable, a data source, another module, an ARN).
        ``resource`` is the block holding the expression (for ``each.value``).
        """
        found: list[str] = []
        why = self._roles(expr, resource, found)
        return (sorted(set(found)), None) if why is None else ([], why)

    def _roles(self, expr: n.Node, resource: n.Block | None, out: list[str]) -> str | None:
        from tffix.analysis.describe import source

        if id(expr) in self._active:
            return f"`{source(expr)}` refers to itself"
        self._active.add(id(expr))
        try:
            return self._roles_inner(expr, resource, out)
        finally:
            self._active.discard(id(expr))

    def _roles_inner(self, expr: n.Node, resource: n.Block | None, out: list[str]) -> str | None:
        from tffix.analysis.describe import source, variables

        text = source(expr)
        if isinstance(expr, n.Parens):
            return self._roles(expr.expr, resource, out)
        if isinstance(expr, n.TemplateString) and len(expr.parts) == 1:
            (part,) = expr.parts
            if isinstance(part, n.Interpolation):
                return self._roles(part.expr, resource, out)
        if isinstance(expr, n.Conditional):
            # A variable's default decides nothing: a caller may pass another value.
            condition = (
                UNKNOWN if variables(expr.condition) else self.evaluator.value(expr.condition)
            )
            if condition is True or condition is False:
                branch = expr.true_result if condition else expr.false_result
                return self._roles(branch, resource, out)
            for branch in (expr.true_result, expr.false_result):
                why = self._roles(branch, resource, out)
                if why is not None:
                    return f"the role is chosen by `{source(expr.condition)}`, and {why}"
            return None
        if isinstance(expr, n.Traversal):
            names = expr.names()
            root = names[0]
            if root == "aws_iam_role" and len(names) > 1 and names[1]:
                address = f"aws_iam_role.{names[1]}"
                if self.role(address) is None:
                    return f"{address} is not declared in this module"
                out.append(address)
                return None
            if root == "local" and len(names) == 2 and names[1]:
                local = self.analysis.local(names[1])
                if local is None:
                    return f"local.{names[1]} is not declared in this module"
                return self._roles(local.value, resource, out)
            if root == "var" and len(names) > 1:
                return f"the role comes from variable {names[1]} (set by the module's caller)"
            if root == "data" and len(names) > 2:
                return (
                    f"the role is read by data.{names[1]}.{names[2]}: its policies are "
                    "managed outside this module"
                )
            if root == "module" and len(names) > 1:
                return (
                    f"the role is made by module.{names[1]}, whose policies this module "
                    "does not show"
                )
            if root == "each" and names[1:2] == ["value"] and resource is not None:
                return self._each_value_roles(expr, resource, out)
            return f"the role comes from `{text}`"
        value = self.evaluator.value(expr)
        if isinstance(value, str):
            return f"the role {value} is not created by this module"
        return f"the role comes from `{text}`"

    def _each_value_roles(self, expr: n.Traversal, resource: n.Block, out: list[str]) -> str | None:
        """Roles named by ``each.value...`` for each instance of the resource's for_each.

        The for_each value is evaluated in part (tffix.analysis.partial): its
        keys must be known, its values may refer to roles (``{ ingest = {
        role = aws_iam_role.ingest.arn } }``, built by ``for``, ``merge``, ...).
        """
        from tffix.analysis.describe import source
        from tffix.analysis.partial import OneOf, PartialEvaluator, Unknown, instances

        attribute = resource.body.attribute("for_each")
        if attribute is None:
            return f"the role comes from `{source(expr)}`"
        evaluator = PartialEvaluator(self.analysis)
        found = instances(evaluator.value(attribute.value))
        if not found:
            return (
                f"the role comes from `{source(expr)}`, and the for_each keys are not known "
                "without a plan"
            )
        for key, value in found.items():
            role = evaluator.value(expr, {"each": {"key": key, "value": value}})
            options = role.options if isinstance(role, OneOf) else [role]
            for option in options:
                match = _ROLE_ORIGIN.match(option.origin) if isinstance(option, Unknown) else None
                if match is not None and self.role(f"aws_iam_role.{match.group(1)}") is not None:
                    out.append(f"aws_iam_role.{match.group(1)}")
                elif isinstance(option, str):
                    return f"the role of instance {key!r} is {option}, not created by this module"
                else:
                    return f"the role of instance {key!r} comes from `{option}`"
        return None

    # ---- what a role may do ---------------------------------------------------

    def grants(self, role: str, actions: Sequence[str], resource: str | Reference = "*") -> Answer:
        """Does the module's role ``role`` (``aws_iam_role.NAME``) grant all ``actions``?

        ``resource``: the ARN the actions are requested on, ``*`` for actions without
        resource-level permissions, or a :class:`Reference` to a resource of the module
        (``Reference("aws_kms_key.x")``: "may the role use key x?").
        """
        found = self.role(role)
        if found is None:
            return Answer(Grant.UNKNOWN, f"{role} is not declared in this module", False)
        _path, block = found
        documents = list(self.documents(role))
        answers = [_decide(documents, role, action, resource) for action in actions]
        boundary = block.body.attribute("permissions_boundary")
        if boundary is not None:
            bounded = self._boundary(boundary.value, actions, resource, role)
            if bounded is not None:
                return bounded
        for grant in (Grant.NO, Grant.UNKNOWN):
            for answer in answers:
                if answer.grant is grant:
                    return answer
        by_source: dict[str, list[str]] = {}
        for action, answer in zip(actions, answers, strict=True):
            by_source.setdefault(answer.source, []).append(action)
        reason = "; ".join(f"{src} allows {', '.join(acts)}" for src, acts in by_source.items())
        return Answer(Grant.YES, reason)

    def roles_using(self, address: str, service: str) -> list[str]:
        """The module's roles whose policies allow some ``service:`` action (``dynamodb``)
        on the resource ``address``, named by reference to its ARN: the principals the
        module shows reading or writing it. A grant on ``*`` (an administrator's role)
        says nothing about who uses this resource and does not count; principals
        outside the module are not known here."""
        target = Reference(address)
        found = []
        # Each role's documents once per Permissions (asked again for every table).
        cache: dict[str, list[Document]] = self.__dict__.setdefault("_role_documents", {})
        for _path, role in self.analysis.resources("aws_iam_role"):
            name = f"aws_iam_role.{role.labels[1]}"
            if name not in cache:
                cache[name] = list(self.documents(name))
            for document in cache[name]:
                if any(
                    statement.effect == "Allow"
                    and _names_service(statement, service)
                    and statement.resources is not None
                    and any(
                        isinstance(r, Reference) and r.address == target.address
                        for r in statement.resources
                    )
                    for statement in document.statements
                ):
                    found.append(name)
                    break
        return found

    def roles_maybe_using(self, address: str, service: str, name: str | None) -> list[str]:
        """The module's roles whose policies allow some ``service:`` action on resources that
        may include ``address`` without naming it: ``*``, an ARN pattern
        (``arn:aws:dynamodb:*:*:table/ord*``) that ``name`` (the resource's name, None when
        not known) may match, or a value the module does not show. Such a role (an ETL
        job scanning "*") uses the resource as much as one that names its ARN."""
        cache: dict[str, list[Document]] = self.__dict__.setdefault("_role_documents", {})
        found = []
        for _path, role in self.analysis.resources("aws_iam_role"):
            role_name = f"aws_iam_role.{role.labels[1]}"
            if role_name not in cache:
                cache[role_name] = list(self.documents(role_name))
            for document in cache[role_name]:
                if any(
                    statement.effect == "Allow"
                    and _names_service(statement, service)
                    and _may_cover(statement.resources, service, name)
                    for statement in document.statements
                ):
                    found.append(role_name)
                    break
        return found

    def _boundary(
        self, expr: n.Expression, actions: Sequence[str], resource: str | Reference, role: str
    ) -> Answer | None:
        """A NO/UNKNOWN (not addable) when the permissions boundary may cap ``actions``."""
        from tffix.analysis.describe import source

        document = self.policy_arn(expr, f"the permissions boundary of {role}")
        for action in actions:
            answer = _decide([document], role, action, resource)
            if answer.grant is Grant.NO:
                return Answer(
                    Grant.NO, f"the permissions boundary of {role} does not allow {action}", False
                )
            if answer.grant is Grant.UNKNOWN:
                return Answer(
                    Grant.UNKNOWN,
                    f"{role} has a permissions boundary (`{source(expr)}`) that may not allow "
                    f"{action}",
                    False,
                )
        return None

    def documents(self, role: str) -> Iterator[Document]:
        """Every policy the module attaches to ``role``, inline and managed."""
        found = self.role(role)
        if found is None:
            return
        _path, block = found
        label = block.labels[1]
        for inline in block.body.blocks_of_type("inline_policy"):
            policy = inline.body.attribute("policy")
            if policy is not None:
                yield self.document(policy.value, f"{role} inline_policy")
        for _dynamic in block.body.blocks_of_type("dynamic", "inline_policy"):
            yield Document(unknown=f"{role} has inline policies made by a dynamic block")
        managed = block.body.attribute("managed_policy_arns")
        if managed is not None:
            yield from self._managed_list(managed.value, f"{role} managed_policy_arns")
        for _p, other in self.analysis.resources():
            type_ = other.labels[0]
            address = f"{type_}.{other.labels[1]}"
            if type_ == "aws_iam_role_policy":
                if _designates(other.body.attribute("role"), label, block, self.evaluator):
                    policy = other.body.attribute("policy")
                    if policy is not None:
                        yield self._conditional(other, self.document(policy.value, address), role)
            elif type_ == "aws_iam_role_policy_attachment":
                if _designates(
                    other.body.attribute("role"), label, block, self.evaluator
                ) or _each_role(other, label):
                    arn = other.body.attribute("policy_arn")
                    if arn is not None:
                        for scope in self._instances(other):
                            document = self.policy_arn(arn.value, address, scope)
                            yield self._conditional(other, document, role)
            elif type_ == "aws_iam_policy_attachment":
                roles = other.body.attribute("roles")
                if roles is not None and _designates(roles, label, block, self.evaluator):
                    arn = other.body.attribute("policy_arn")
                    if arn is not None:
                        yield self._conditional(other, self.policy_arn(arn.value, address), role)
            elif type_ == "aws_iam_role_policy_attachments_exclusive" and _designates(
                other.body.attribute("role_name"), label, block, self.evaluator
            ):
                arns = other.body.attribute("policy_arns")
                if arns is not None:
                    yield from self._managed_list(arns.value, address)
        for module in self._modules_given(label):
            yield Document(
                unknown=f"module.{module} is given {role} and may attach policies to it",
            )

    def _instances(self, resource: n.Block) -> list[dict[str, Any] | None]:
        """The ``each`` scopes of a resource whose for_each the module shows, else [None].

        ``for_each = toset([arn1, arn2])`` attaches each ARN: each is read.
        """
        from tffix.analysis.describe import variables

        attribute = resource.body.attribute("for_each")
        if attribute is None or variables(attribute.value):
            return [None]
        value = self.evaluator.value(attribute.value)
        if isinstance(value, list):
            return [{"each": {"key": v, "value": v}} for v in value]
        if isinstance(value, dict):
            return [{"each": {"key": k, "value": v}} for k, v in value.items()]
        return [None]

    def _modules_given(self, label: str) -> list[str]:
        out = []
        for declaration in self.analysis.declared("module"):
            node = declaration.node
            if any(
                isinstance(t, n.Traversal) and t.names()[:2] == ["aws_iam_role", label]
                for t in node.walk()
            ):
                out.append(declaration.name)
        return out

    def exclusive(self, role: str) -> str | None:
        """Why a new ``aws_iam_role_policy_attachment`` would not stay attached, or None.

        ``managed_policy_arns`` on the role and
        ``aws_iam_role_policy_attachments_exclusive`` both make Terraform
        detach every managed policy they do not list (provider docs of
        ``aws_iam_role`` and of the exclusive resource).
        """
        found = self.role(role)
        if found is None:
            return f"{role} is not declared in this module"
        _path, block = found
        if block.body.attribute("managed_policy_arns") is not None:
            return f"{role} lists its managed policies exclusively in managed_policy_arns"
        for _p, other in self.analysis.resources("aws_iam_role_policy_attachments_exclusive"):
            if _designates(
                other.body.attribute("role_name"), block.labels[1], block, self.evaluator
            ):
                return (
                    f"aws_iam_role_policy_attachments_exclusive.{other.labels[1]} lists the "
                    f"managed policies of {role} exclusively"
                )
        return None

    def _conditional(self, resource: n.Block, document: Document, role: str) -> Document:
        """Marks the statements of a policy attached only under a ``count``/``for_each``."""
        why = self._condition(resource, role)
        if why:
            for statement in document.statements:
                statement.certain = False
                statement.why_uncertain = why
        return document

    def _condition(self, resource: n.Block, role: str) -> str:
        from tffix.analysis.describe import source, variables

        found = self.role(role)
        role_block = found[1] if found is not None else None
        address = f"{resource.labels[0]}.{resource.labels[1]}"
        for meta in ("count", "for_each"):
            attribute = resource.body.attribute(meta)
            if attribute is None:
                continue
            if role_block is not None:
                same = role_block.body.attribute(meta)
                if same is not None and source(same.value) == source(attribute.value):
                    return ""  # one attachment per instance of the role
                if meta == "for_each" and any(
                    isinstance(t, n.Traversal)
                    and t.names()[:2] == ["aws_iam_role", role_block.labels[1]]
                    for t in attribute.value.walk()
                ):
                    return ""
            value = UNKNOWN if variables(attribute.value) else self.evaluator.value(attribute.value)
            if value is UNKNOWN:
                return f"{address} exists only when `{meta} = {source(attribute.value)}` allows"
            if not value:
                return f"{address} is not created (`{meta} = {source(attribute.value)}`)"
        return ""

    def _managed_list(self, expr: n.Expression, where: str) -> Iterator[Document]:
        if isinstance(expr, n.Tuple):
            for element in expr.elements:
                yield self.policy_arn(element, where)
            return
        from tffix.analysis.describe import source

        yield Document(unknown=f"{where} is `{source(expr)}`, which this module does not show")

    # ---- policies -------------------------------------------------------------

    def policy_arn(
        self, expr: n.Expression, where: str, scope: dict[str, Any] | None = None
    ) -> Document:
        """The statements of the managed policy an ARN expression designates."""
        from tffix.analysis.describe import source

        text = source(expr)
        if isinstance(expr, n.Traversal):
            names = expr.names()
            if names[0] == "aws_iam_policy" and len(names) > 1:
                return self.managed_policy(str(names[1]), where)
            if names[0] == "data" and names[1:2] == ["aws_iam_policy"] and len(names) > 2:
                found = self.analysis.lookup(f"data.aws_iam_policy.{names[2]}")
                arn = found.node.body.attribute("arn") if found is not None else None  # type: ignore[union-attr]
                if arn is not None:
                    return self.policy_arn(arn.value, where)
            if names[0] == "local" and len(names) == 2 and names[1]:
                local = self.analysis.local(names[1])
                if local is not None and id(local) not in self._active:
                    self._active.add(id(local))
                    try:
                        return self.policy_arn(local.value, where)
                    finally:
                        self._active.discard(id(local))
        rendered = self._render(expr, scope)
        if rendered is not None:
            match = _MANAGED_ARN.fullmatch(rendered)
            if match is not None and MARK not in match.group(2):
                return managed_document(match.group(2), where)
        return Document(unknown=f"{where}: the policy `{text}` is not declared in this module")


def managed_document(name: str, where: str) -> Document:
    """The statements of the AWS managed policy ``name`` (path included), from the table."""
    policy = MANAGED_POLICIES.get(name)
    label = f"{where} (the AWS managed policy {name.rsplit('/', 1)[-1]})"
    if policy is None:
        return Document(
            unknown=f"{where}: the AWS managed policy {name} is not in tffix's table of managed "
            "policies"
        )
    statements = []
    if policy.allow:
        statements.append(Statement(label, actions=list(policy.allow), resources=["*"]))
    if policy.allow_not:
        statements.append(Statement(label, not_actions=list(policy.allow_not), resources=["*"]))
    return Document(statements, complete=policy.complete)


def _decide(documents: list[Document], role: str, action: str, resource: str | Reference) -> Answer:
    """IAM's evaluation logic over what the module shows: Deny wins, then Allow."""
    allow: Statement | None = None
    maybe_allow: str | None = None
    maybe_deny: str | None = None
    for document in documents:
        if document.unknown is not None and maybe_allow is None:
            maybe_allow = document.unknown
        for statement in document.statements:
            applies = _statement_applies(statement, action, resource)
            if applies is False:
                continue
            sure = applies and statement.certain and not statement.conditional
            if statement.effect == "Deny":
                if sure:
                    return Answer(Grant.NO, f"{statement.source} denies {action}", False)
                maybe_deny = maybe_deny or _maybe(statement, action, "deny")
            elif statement.effect == "Allow":
                if sure:
                    allow = allow or statement
                else:
                    maybe_allow = maybe_allow or _maybe(statement, action, "allow")
            else:
                maybe_deny = maybe_deny or f"{statement.source}: a statement's Effect is not known"
        if not document.complete and maybe_allow is None:
            maybe_allow = f"{document.statements[0].source if document.statements else 'a policy'} "
            maybe_allow += f"may allow {action} (tffix knows only part of it)"
    if maybe_deny is not None:
        return Answer(Grant.UNKNOWN, maybe_deny, False)
    if allow is not None:
        return Answer(Grant.YES, f"{allow.source} allows {action}", source=allow.source)
    if maybe_allow is not None:
        return Answer(Grant.UNKNOWN, maybe_allow)
    return Answer(Grant.NO, f"no policy this module attaches to {role} allows {action}")


def _may_cover(
    resources: list[str | Reference | None] | None, service: str, name: str | None
) -> bool:
    """Whether statement ``resources`` may cover a resource of ``service`` called ``name``
    without naming it by reference: ``*``, an ARN of the service whose resource part
    (``table/<pattern>``) may match the name, or something not known."""
    if resources is None:
        return True
    for resource in resources:
        if resource is None:
            return True
        if isinstance(resource, Reference):
            continue
        if MARK in resource or resource == "*":
            return True
        parts = resource.split(":", 5)
        if len(parts) < 6 or not fnmatch.fnmatchcase(service, parts[2]):
            continue
        last = parts[5].split("/", 2)
        if len(last) < 2:
            continue
        if name is None or fnmatch.fnmatchcase(name, last[1]):
            return True
    return False


def _names_service(statement: Statement, service: str) -> bool:
    """Whether a statement's actions name some action of ``service`` (``dynamodb:GetItem``,
    ``dynamodb:*``, ``*``)."""
    prefix = f"{service.lower()}:"
    return any(
        isinstance(a, str) and (a == "*" or a.lower().startswith(prefix))
        for a in statement.actions or []
    )


def _maybe(statement: Statement, action: str, verb: str) -> str:
    if not statement.certain:
        return f"{statement.source} may {verb} {action}, but {statement.why_uncertain}"
    if statement.conditional:
        return f"{statement.source} may {verb} {action}, under conditions"
    return f"{statement.source} may {verb} {action} (its actions or resources are not known)"


def _each_role(resource: n.Block, label: str) -> bool:
    """``role = each.value.name`` in a resource whose ``for_each`` is the role itself
    (``for_each = aws_iam_role.<label>``): one attachment per instance of the role."""
    role = resource.body.attribute("role")
    for_each = resource.body.attribute("for_each")
    if role is None or for_each is None:
        return False
    if not (isinstance(role.value, n.Traversal) and role.value.names()[:2] == ["each", "value"]):
        return False
    value = for_each.value
    return isinstance(value, n.Traversal) and value.names() == ["aws_iam_role", label]


def _designates(
    attribute: n.Attribute | None, label: str, role: n.Block, evaluator: Evaluator
) -> bool:
    """True when ``attribute`` (``role``, ``roles``) names the role ``aws_iam_role.<label>``.

    By reference (``aws_iam_role.x.name``, ``.id``, ``[count.index]``), or by
    a literal equal to the role's literal ``name``.
    """
    if attribute is None:
        return False
    for node in attribute.value.walk():
        if isinstance(node, n.Traversal) and node.names()[:2] == ["aws_iam_role", label]:
            return True
    name = role.body.attribute("name")
    if name is None:
        return False
    role_name = evaluator.value(name.value)
    if not isinstance(role_name, str):
        return False
    value = evaluator.value(attribute.value)
    return value == role_name or (isinstance(value, list) and role_name in value)
