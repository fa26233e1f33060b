"""AWS010 lambda-xray-tracing: Lambda functions record X-Ray traces."""

from __future__ import annotations

import re

from tffix.analysis.names import free_label
from tffix.analysis.roots import library_module
from tffix.aws import lambda_runtimes
from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.cst.placement import TRAILING_BLOCKS, insert_nested_block
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from tffix.analysis.evaluate import Evaluator
    from tffix.analysis.module import TakenLabels
    from tffix.aws.iam import Permissions

_BLOCK = "tracing_config"
_ACTIVE = "Active"
_PASS_THROUGH = "PassThrough"
_SNIPPET = f'{_BLOCK} {{\n  mode = "{_ACTIVE}"\n}}'
# A mode that can be replaced as it is: a plain string, or null.
_REPLACEABLE = m.String() | m.Literal(None)
_ATTACHMENT = "aws_iam_role_policy_attachment"
_NEEDS = (
    "Lambda rejects active tracing unless the execution role grants xray:PutTraceSegments "
    "and xray:PutTelemetryRecords (InvalidParameterValueException), e.g. through the AWS "
    "managed policy AWSXRayDaemonWriteAccess"
)
_THEN = 'once it does, set tracing_config { mode = "Active" }'
# Partitions written in literal ARNs of the module: arn:aws:, arn:aws-us-gov:, arn:aws-cn:.
_PARTITION = re.compile(r"\barn:(aws(?:-[a-z]+)*):")


class LambdaXrayTracing(Codemod):
    """Every ``aws_lambda_function`` whose role may write traces gets active tracing."""

    code = "AWS010"
    name = "lambda-xray-tracing"
    summary = "Lambda functions sample and record requests with X-Ray (active tracing)"
    seed_section = "Infrastructure Improvements §3 Better Observability"
    documentation = ("https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html",)
    checks = ("CKV_AWS_50",)
    safety = Safety.SAFE
    explanation = """\
Why: with active tracing a function samples its invocations and sends
X-Ray a segment for each, so a slow call to DynamoDB or a cold start shows
up in the same trace as the API Gateway request that caused it. The default,
`PassThrough`, only forwards a trace that an upstream service already
started, so a function invoked by a queue, a schedule or a plain API call is
never traced. checkov CKV_AWS_50 fails a function with no `tracing_config`.

The execution role must be allowed to send traces: "your function needs
permission to upload trace data to X-Ray ... add the
AWSXRayDaemonWriteAccess managed policy" (Lambda developer guide,
https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html). Without
it Lambda refuses the change: `InvalidParameterValueException: The provided
execution role does not have permissions to call PutTraceSegments on XRAY`.

What it does: for a function without `tracing_config` (or with a `mode` of
`null`), it works out what the function's role may do from what the module
shows (tffix.aws.iam: inline policies, `aws_iam_role_policy`, attachments of
the module's own policies and of AWS managed policies such as
AWSXRayDaemonWriteAccess):

- the role grants `xray:PutTraceSegments` and `xray:PutTelemetryRecords`:
  adds `tracing_config { mode = "Active" }`;
- the role is an `aws_iam_role` of the module that does not grant them:
  also attaches AWSXRayDaemonWriteAccess to it with an
  `aws_iam_role_policy_attachment` next to the role (with the role's
  `provider`, `count`/`for_each`; the ARN's partition from
  `data.aws_partition` when the module has one, else from the module's
  other ARNs, else `aws`, which the finding says), and adds the attachment
  to the function's `depends_on`, so that the function is updated only once
  the role may write traces; the finding says so. Not when the attachment
  could exceed IAM's quota of managed policies per role (10 by default,
  raised only on request:
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html;
  AttachRolePolicy fails at apply past it): the attachments the module makes
  (`aws_iam_role_policy_attachment`, `aws_iam_policy_attachment`, counted
  per `for_each`/`count` instance) already number 10, or a `for_each`/`count`
  reads an input, so their number is not shown; then the role gets the
  actions of AWSXRayDaemonWriteAccess in an `aws_iam_role_policy` instead
  (inline policies do not count against that quota), when the size of the
  role's inline policies is shown and leaves room for it (they share 10,240
  characters), else a finding;
- otherwise (the role comes from a variable, a data source, another module
  or an ARN; a policy of the module may deny X-Ray; a permissions boundary
  may not allow it; the role lists its managed policies exclusively; the
  function runs at CloudFront edge locations, as Lambda@Edge, which supports
  only some Lambda features): no edit, a finding that names the fact to
  check.

In a module made to be called (tffix.analysis.roots: under `modules/`,
called by another module of the repository, or without provider and backend
and with inputs that have no default) nothing is changed: every caller's
function would be traced, and billed, and its role would get one more
managed policy, with no input to opt out. The finding suggests the input
(`var.tracing_mode`, default "PassThrough") and a `count`-guarded attachment.

An explicit `mode = "PassThrough"` is the author's choice and is reported,
never flipped. A `dynamic "tracing_config"` block is the author's own
configuration and is left alone. A mode given by an expression
(`var.tracing_mode`) is not overwritten: the finding names the expression
and, for a variable with a literal default, says what to change; a variable
that defaults to "Active" is left alone. Tracing that is Active already
(written, by a variable's default, or by a dynamic block that makes an
Active block with the defaults) is checked the same way: when the
function's role is one of the module's and nothing the module attaches to
it allows `xray:PutTraceSegments`, a finding says so (Lambda refuses to
create or update the function, and the role sends no trace, unless a policy
attached elsewhere grants it); nothing is edited.

Fix safety: safe. It enables tracing only when the module shows that the
role may write traces, or makes it so with an attachment of the AWS
managed policy (or, at IAM's quota of managed policies per role, an inline
policy with its actions) to a role the module creates (a permission added,
none removed), within IAM's quotas as far as the module shows them. What
it could break: tracing costs X-Ray fees per sampled trace
(1 request per second and 5% of the rest, by default); a policy attached
outside the module that denies X-Ray, or a service control policy, is not
visible to tffix. It checks first: the role the `role` argument designates
(locals, conditionals and `for_each` maps written in the module are
followed), every policy the module attaches to it, `Deny` statements,
conditions, attachments created only under `count`, the permissions
boundary, and `managed_policy_arns`/`aws_iam_role_policy_attachments_exclusive`
(which would detach a policy they do not list), and an exclusive
`aws_iam_policy_attachment` of AWSXRayDaemonWriteAccess in the module. An
exclusive attachment of that policy in another configuration of the same
account would detach the new one: tffix cannot see it. A function on a
runtime past its deprecation date on the day of the run (python3.9 from
2025-12-15, nodejs20.x from 2026-04-30, nodejs22.x from 2027-04-30, ...) is
reported, not changed: Lambda blocks updates to functions on deprecated
runtimes, so the update would fail to apply. The dates come from a table
of every managed runtime with its deprecation, block-create and
block-update dates (tffix.aws.lambda_runtimes, from
https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html),
compared with the date of the run (`TFFIX_TODAY=YYYY-MM-DD` sets it).

Example:

    resource "aws_lambda_function" "api" {
      function_name = "api"
      role          = aws_iam_role.api.arn
    +
    +  tracing_config {
    +    mode = "Active"
    +  }
    +
    +  depends_on = [aws_iam_role_policy_attachment.api_xray]
    }
    +
    +resource "aws_iam_role_policy_attachment" "api_xray" {
    +  role       = aws_iam_role.api.name
    +  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
    +}
"""

    def triggers(self, ctx: ModuleContext) -> Iterable[tuple[str, n.Block]]:
        return ctx.targets("aws_lambda_function")

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        from tffix.analysis.evaluate import Evaluator
        from tffix.aws.iam import Permissions

        evaluator = Evaluator(ctx.analysis)
        permissions = Permissions(ctx.analysis, evaluator)
        self._ctx = ctx
        # Roles given an X-Ray attachment by this run: role address -> attachment address.
        attached: dict[str, str] = {}
        taken = ctx.analysis.taken_labels()
        library: str | None = None  # why callers would get the change ("" if none), once asked
        for path, function in ctx.targets("aws_lambda_function"):
            label = ".".join(function.labels)
            body = function.body
            dynamics = body.blocks_of_type("dynamic", _BLOCK)
            if dynamics:
                yield self._already_active(
                    permissions,
                    path,
                    function,
                    dynamics[0],
                    "set by a dynamic block",
                    _dynamic_may_be_active(evaluator, dynamics[0]),
                )
                continue
            configs = body.blocks_of_type(_BLOCK)
            config = configs[0] if configs else None
            mode = config.body.attribute("mode") if config is not None else None
            if mode is not None and not m.Literal(None).matches(mode.value):
                if m.Literal(_ACTIVE).matches(mode.value):
                    yield self._already_active(
                        permissions, path, function, mode, "already Active", True
                    )
                    continue
                if m.Literal(_PASS_THROUGH).matches(mode.value):
                    yield self.manual(
                        path,
                        mode,
                        f"{label}: tracing mode is PassThrough, set explicitly, so the "
                        "function's own invocations are not traced; left as chosen. To trace "
                        f'them set mode = "Active"; {_NEEDS}',
                    )
                    continue
                if not _REPLACEABLE.matches(mode.value):
                    message = _expression_message(evaluator, mode.value, label)
                    if message is None:
                        yield self._already_active(
                            permissions, path, function, mode, "Active by default", True
                        )
                    else:
                        yield self.manual(path, mode, message)
                    continue
            edge = _edge_use(ctx, function)
            if edge is not None:
                yield self.manual(
                    path,
                    function,
                    f"{label}: active X-Ray tracing not enabled: {edge}, and Lambda@Edge "
                    "supports only some Lambda features (CloudFront developer guide, "
                    '"Restrictions on Lambda@Edge"); check that tracing is supported there '
                    'before setting tracing_config { mode = "Active" }',
                )
                continue
            runtime = _deprecated_runtime(evaluator, function)
            if runtime is not None:
                yield self.manual(
                    path,
                    function,
                    f"{label}: active X-Ray tracing not enabled: runtime "
                    f"{runtime.runtime.identifier} is past its end of support in Lambda "
                    f"({runtime.describe()}; {lambda_runtimes.SOURCE}): an update of the "
                    "function fails once Lambda blocks updates on it, a date AWS sets and "
                    f"moves; move to a supported runtime, then {_THEN}",
                )
                continue
            # No mode (or null, or a literal Lambda does not accept): Active, if the role allows.
            if library is None:
                library = library_module(ctx.directory, ctx.files, ctx.analysis) or ""
            ready = self._role_ready(ctx, permissions, path, function, attached, taken, library)
            if isinstance(ready, Finding):
                yield ready
                continue
            how = ready
            if config is None:
                insert_nested_block(function, _SNIPPET)
                done = "enabled active X-Ray tracing"
            elif mode is None:
                edit.insert(config, f'mode = "{_ACTIVE}"')
                done = "tracing_config had no mode; set Active"
            else:
                old = mode.value.code.strip()
                edit.set_value(mode, f'"{_ACTIVE}"')
                done = f"tracing mode was {old}; set Active"
            node = function if config is None else config if mode is None else mode
            yield self.fixed(path, node, f"{label}: {done}; {how}")

    def _already_active(
        self,
        permissions: Permissions,
        path: str,
        function: n.Block,
        node: n.Node,
        how: str,
        active: bool,
    ) -> Finding:
        """Tracing the author turned on (or may have): fine when the role may write
        traces, or when the module does not show the role's permissions; a finding when
        the module's own role, as the module shows it, may not. Lambda refuses to
        create or update a function with active tracing whose execution role cannot
        call PutTraceSegments (InvalidParameterValueException), and a role without the
        permission sends no trace."""
        from tffix.aws.iam import XRAY_ACTIONS, XRAY_WRITE_POLICY, Grant

        label = ".".join(function.labels)
        if not active:
            return self.fine(path, node, f"{label}: tracing {how}, not Active with the defaults")
        role = function.body.attribute("role")
        roles, why = permissions.roles_of(role.value, function) if role is not None else ([], "")
        if why is not None or not roles:
            fact = why or "it has no role"
            return self.fine(
                path, node, f"{label}: tracing {how}; whether its role may write traces: {fact}"
            )
        for address in roles:
            answer = permissions.grants(address, XRAY_ACTIONS)
            if answer.grant is Grant.NO:
                return self.manual(
                    path,
                    node,
                    f"{label}: active tracing is on ({how}), but {answer.reason}: Lambda "
                    "rejects creating or updating a function with active tracing whose "
                    "execution role cannot call xray:PutTraceSegments "
                    "(InvalidParameterValueException), and such a role sends no trace. Unless "
                    f"a policy attached outside this module grants it, attach {XRAY_WRITE_POLICY} "
                    f"to {address} (or allow {' and '.join(XRAY_ACTIONS)})",
                )
            if answer.grant is Grant.UNKNOWN:
                denied = self._denied_by_callers(address, answer.reason)
                if denied is not None:
                    return self.manual(
                        path,
                        node,
                        f"{label}: active tracing is on ({how}), but {denied}: Lambda "
                        "rejects creating or updating a function with active tracing whose "
                        "execution role cannot call xray:PutTraceSegments "
                        "(InvalidParameterValueException), and such a role sends no trace. "
                        f"Unless a policy attached outside grants it, attach {XRAY_WRITE_POLICY} "
                        f"to {address} (or allow {' and '.join(XRAY_ACTIONS)}) here or in "
                        "what the callers pass",
                    )
                return self.fine(
                    path,
                    node,
                    f"{label}: tracing {how}; whether {address} may write traces: {answer.reason}",
                )
        return self.fine(path, node, f"{label}: tracing {how}, and its role may write traces")

    def _denied_by_callers(self, address: str, reason: str) -> str | None:
        """Why ``address`` may not write traces as every module block of the repository
        that calls this one sets it up, when what decides it is a policy taken from an
        input (``policy = var.policy``) and each caller passes a document without the
        X-Ray actions; None when there is no caller, or one may grant them."""
        from tffix.analysis.roots import calls_of
        from tffix.aws.iam import XRAY_ACTIONS, Grant, Permissions
        from tffix.aws.policies import Reader

        if "comes from variable" not in reason:
            return None
        ctx = self._ctx
        calls = calls_of(ctx.directory)
        if not calls:
            return None
        own = Reader(ctx.analysis)
        reasons = []
        for call in calls:
            given: dict[str, tuple[Reader, n.Expression, str]] = {}
            caller = Reader(call.analysis)
            for declared in ctx.analysis.declared("variable"):
                node = declared.node
                argument = call.block.body.attribute(declared.name)
                if argument is not None:
                    given[declared.name] = (caller, argument.value, call.where)
                elif isinstance(node, n.Block) and node.body.attribute("default") is not None:
                    default = node.body.attribute("default")
                    assert default is not None
                    given[declared.name] = (own, default.value, f"its default, {call.where}")
            answer = Permissions(ctx.analysis, inputs=given).grants(address, XRAY_ACTIONS)
            if answer.grant is not Grant.NO:
                return None
            reasons.append(f"{answer.reason}, as {call.where} calls this module")
        more = f" (and {len(reasons) - 1} more callers alike)" if len(reasons) > 1 else ""
        return reasons[0] + more

    def _role_ready(
        self,
        ctx: ModuleContext,
        permissions: Permissions,
        path: str,
        function: n.Block,
        attached: dict[str, str],
        taken: TakenLabels,
        library: str,
    ) -> str | Finding:
        """Why the function's role may write traces (adding the grant if needed), or a
        finding; in a module made to be called (``library`` says why), a finding
        suggesting the input instead of any edit."""
        from tffix.aws.iam import XRAY_ACTIONS, Grant

        label = ".".join(function.labels)
        role = function.body.attribute("role")
        if role is None:
            return self.manual(
                path,
                function,
                f"{label}: active X-Ray tracing not enabled: it has no role. {_NEEDS}",
            )
        roles, why = permissions.roles_of(role.value, function)
        if why is not None:
            return self.manual(
                path,
                role,
                f"{label}: active X-Ray tracing not enabled: {why}. {_NEEDS}; {_THEN}",
            )
        reasons: list[str] = []
        missing: list[str] = []
        # Roles at IAM's managed-policy quota: granted through an inline policy instead
        # (inline policies do not count against it), address -> why.
        inline: dict[str, str] = {}
        for address in roles:
            if address in attached:
                reasons.append(f"{address} may write traces through {attached[address]}")
                continue
            answer = permissions.grants(address, XRAY_ACTIONS)
            if answer.grant is Grant.YES:
                reasons.append(f"its role may write traces: {answer.reason}")
                continue
            blocked = None if answer.addable else answer.reason
            blocked = (
                blocked or permissions.exclusive(address) or _attached_already(permissions, address)
            )
            if blocked is None:
                found = permissions.role(address)
                quota = _quota_problem(ctx, found[1]) if found is not None else None
                if quota is not None and found is not None:
                    room = _inline_room(ctx, found[1])
                    if room is None:
                        inline[address] = quota
                        missing.append(address)
                        continue
                    blocked = (
                        quota.split("; grant xray:")[0] + "; no inline policy with the X-Ray "
                        f"actions (which does not count against it) is written instead: {room}"
                    )
            if blocked is not None:
                return self.manual(
                    path,
                    role,
                    f"{label}: active X-Ray tracing not enabled: {blocked}. {_NEEDS}; {_THEN}",
                )
            missing.append(address)
        # Every attachment's ARN must be known before any is written: no half-done fix.
        partitions = {}
        for address in missing:
            if address in inline:
                continue  # an inline policy names no ARN
            found = permissions.role(address)
            assert found is not None
            partitions[address] = _partition(ctx, found[1])
            if partitions[address] is None:
                return self.manual(
                    path,
                    role,
                    f"{label}: active X-Ray tracing not enabled: the module's ARNs use several "
                    f"partitions, so the ARN of the policy to attach to {address} is not "
                    f"known. {_NEEDS}",
                )
        if library:
            return self.manual(
                path,
                function,
                f"{label}: active X-Ray tracing not enabled here: this directory "
                f"{library}, and tracing (billed per trace recorded, "
                "https://aws.amazon.com/xray/pricing/)"
                + (
                    f" with one more AWS managed policy on {', '.join(missing)} (at most 10 "
                    "per role, https://docs.aws.amazon.com/IAM/latest/UserGuide/"
                    "reference_iam-quotas.html)"
                    if missing
                    else ""
                )
                + " would change every caller's function with no way to opt out; add an "
                'input (variable "tracing_mode", default "PassThrough", today\'s behaviour) '
                "set as tracing_config { mode = var.tracing_mode }"
                + (
                    ", and an aws_iam_role_policy_attachment of AWSXRayDaemonWriteAccess "
                    'with count = var.tracing_mode == "Active" ? 1 : 0'
                    if missing
                    else ""
                )
                + "; callers opt in",
            )
        added: list[str] = []
        for address in missing:
            if address in inline:
                grant = self._inline_policy(ctx, permissions, address, taken)
                attached[address] = grant
                added.append(grant)
                fact = inline[address].split("; grant xray:")[0]
                reasons.append(
                    f"granted the X-Ray write actions to {address} with an inline policy "
                    f"({grant}), which Lambda requires for active tracing, instead of "
                    f"attaching AWSXRayDaemonWriteAccess (inline policies do not count "
                    f"against the managed-policy quota): {fact}"
                )
                continue
            partition = partitions[address]
            assert partition is not None
            attachment, note = self._attach(ctx, permissions, address, taken, partition)
            attached[address] = attachment
            added.append(attachment)
            reasons.append(
                f"attached the AWS managed policy AWSXRayDaemonWriteAccess to {address} "
                f"({attachment}), which Lambda requires for active tracing{note}"
            )
        for attachment in (attached[a] for a in roles if a in attached):
            _depend_on(function, attachment)
        return "; ".join(dict.fromkeys(reasons))

    def _inline_policy(
        self, ctx: ModuleContext, permissions: Permissions, role: str, taken: TakenLabels
    ) -> str:
        """Grant the actions of AWSXRayDaemonWriteAccess to ``role`` with an
        ``aws_iam_role_policy`` next to it: its address."""
        found = permissions.role(role)
        assert found is not None
        path, block = found
        label, lines, reference = _opening_beside_role(block, _INLINE, taken)
        actions = ", ".join(f'"{a}"' for a in _XRAY_WRITE_ACTIONS)
        lines += [
            f'  name = "{_inline_name(ctx, block)}"',
            f"  role = {reference}.id",
            "  policy = jsonencode({",
            '    Version = "2012-10-17"',
            "    Statement = [{",
            '      Effect   = "Allow"',
            f"      Action   = [{actions}]",
            '      Resource = "*"',
            "    }]",
            "  })",
            "}",
        ]
        edit.insert(
            ctx.files[path], "\n".join(lines), after=block, blank_line=True, blank_line_after=True
        )
        return f"{_INLINE}.{label}"

    def _attach(
        self,
        ctx: ModuleContext,
        permissions: Permissions,
        role: str,
        taken: TakenLabels,
        partition: tuple[str, str],
    ) -> tuple[str, str]:
        """Attach AWSXRayDaemonWriteAccess to ``role``, next to it: (address, note)."""
        from tffix.aws.iam import XRAY_WRITE_POLICY

        found = permissions.role(role)
        assert found is not None
        path, block = found
        arn_partition, note = partition
        label, lines, reference = _opening_beside_role(block, _ATTACHMENT, taken)
        lines += [
            f"  role       = {reference}.name",
            f'  policy_arn = "arn:{arn_partition}:iam::aws:policy/{XRAY_WRITE_POLICY}"',
            "}",
        ]
        edit.insert(
            ctx.files[path], "\n".join(lines), after=block, blank_line=True, blank_line_after=True
        )
        return f"{_ATTACHMENT}.{label}", note


def _edge_use(ctx: ModuleContext, function: n.Block) -> str | None:
    """How the module shows ``function`` runs at CloudFront edge locations, or None."""
    from tffix.analysis.names import traversals_through_locals

    name = function.labels[1]
    wanted = ["aws_lambda_function", name]
    for _p, distribution in ctx.analysis.resources("aws_cloudfront_distribution"):
        for trav in traversals_through_locals(ctx.analysis, distribution.body):
            if trav.names()[:2] == wanted:
                return f"aws_cloudfront_distribution.{distribution.labels[1]} runs it"
    # A module call that builds a distribution (terraform-aws-modules/cloudfront takes
    # lambda_function_association maps) and is given the function.
    for declared in ctx.analysis.declared("module"):
        call = declared.node
        if not isinstance(call, n.Block):
            continue
        text = call.code.lower()
        if ("lambda_function_association" in text or "cloudfront" in text) and any(
            trav.names()[:2] == wanted
            for trav in traversals_through_locals(ctx.analysis, call.body)
        ):
            return f"module.{declared.name}, which builds a CloudFront distribution, runs it"
    role = function.body.attribute("role")
    if role is None:
        return None
    for node in role.value.walk():
        if not isinstance(node, n.Traversal) or node.names()[0] != "aws_iam_role":
            continue
        found = ctx.analysis.lookup(f"aws_iam_role.{node.names()[1]}")
        trust = found.node.body.attribute("assume_role_policy") if found is not None else None  # type: ignore[union-attr]
        if trust is None:
            continue
        texts = [trust.value.code]
        for inner in trust.value.walk():
            if isinstance(inner, n.Traversal) and inner.names()[0] == "data":
                names = inner.names()
                document = (
                    ctx.analysis.lookup(f"data.{names[1]}.{names[2]}") if len(names) > 2 else None
                )
                if document is not None:
                    texts.append(document.node.code)
        if any("edgelambda.amazonaws.com" in text for text in texts):
            return "its role trusts edgelambda.amazonaws.com (a Lambda@Edge function)"
    return None


def _attached_already(permissions: Permissions, role: str) -> str | None:
    """Why a new attachment of AWSXRayDaemonWriteAccess would be wrong, or None.

    An attachment of that policy exists but only under a condition (the
    author decides when the role may write traces), or an exclusive
    ``aws_iam_policy_attachment`` of it would detach the new one.
    """
    from tffix.aws.iam import XRAY_WRITE_POLICY

    found = permissions.role(role)
    assert found is not None
    label = found[1].labels[1]
    for _p, other in permissions.analysis.resources(_ATTACHMENT):
        arn = other.body.attribute("policy_arn")
        target = other.body.attribute("role")
        if arn is None or target is None or XRAY_WRITE_POLICY not in arn.value.code:
            continue
        if any(
            isinstance(t, n.Traversal) and t.names()[:2] == ["aws_iam_role", label]
            for t in target.value.walk()
        ):
            return (
                f"{_ATTACHMENT}.{other.labels[1]} attaches {XRAY_WRITE_POLICY} to {role} only "
                "under its count/for_each"
            )
    # aws_iam_policy_attachment is exclusive: it detaches its policy from every role,
    # user and group it does not list (provider docs), so another attachment would not stay.
    for _p, other in permissions.analysis.resources("aws_iam_policy_attachment"):
        arn = other.body.attribute("policy_arn")
        if arn is not None and XRAY_WRITE_POLICY in arn.value.code:
            return (
                f"aws_iam_policy_attachment.{other.labels[1]} attaches {XRAY_WRITE_POLICY} "
                f"exclusively (it detaches it from every role it does not list): add {role} "
                "to its roles"
            )
    return None


def _partition(ctx: ModuleContext, role: n.Block) -> tuple[str, str] | None:
    """(partition text for the ARN, note for the finding), or None when it cannot be chosen."""
    provider = role.body.attribute("provider")
    want = provider.value.code.strip() if provider is not None else None
    for _path, data in ctx.analysis.data_sources("aws_partition"):
        if data.body.attribute("count") or data.body.attribute("for_each"):
            continue
        own = data.body.attribute("provider")
        if (own.value.code.strip() if own is not None else None) == want:
            return f"${{data.aws_partition.{data.labels[1]}.partition}}", ""
    seen = {p for module in ctx.files.values() for p in _PARTITION.findall(module.code)}
    if len(seen) > 1:
        return None
    if seen and seen != {"aws"}:
        (only,) = seen
        return only, f"; the policy ARN is in partition {only}, as the module's other ARNs"
    return "aws", (
        "; the policy ARN is in the aws partition (the module has no data.aws_partition): "
        "in AWS GovCloud (US) or China it starts arn:aws-us-gov or arn:aws-cn"
    )


def _depend_on(function: n.Block, address: str) -> None:
    """Add ``address`` to the function's ``depends_on`` (created before closing blocks)."""
    from tffix.analysis.describe import source

    attribute = function.body.attribute("depends_on")
    if attribute is None:
        # After the last item that does not close the block (lifecycle, provisioner).
        items = [
            i
            for i in function.body.items
            if not (isinstance(i, n.Block) and i.type in TRAILING_BLOCKS)
        ]
        edit.insert(
            function,
            f"depends_on = [{address}]",
            after=items[-1] if items else None,
            blank_line=True,
            blank_line_after=True,
        )
        return
    value = attribute.value
    if not isinstance(value, n.Tuple):
        return  # not a list written out: nothing safe to append to
    if any(source(e) == address for e in value.elements):
        return
    code = source(value)
    if not value.elements:
        edit.set_value(attribute, f"[{address}]")
        return
    if "\n" not in code:
        joined = ", ".join([*(source(e) for e in value.elements), address])
        edit.set_value(attribute, f"[{joined}]")
        return
    last = source(value.elements[-1])
    end = code.rindex(last) + len(last)
    head, tail = code[:end], code[end:]
    indent = re.match(r"[ \t]*", head[head.rindex("\n") + 1 :]).group(0)  # type: ignore[union-attr]
    stripped = tail.lstrip(" \t")
    comma = stripped.startswith(",")
    if comma:
        head, tail = head + tail[: len(tail) - len(stripped) + 1], stripped[1:]
    eol = tail.find("\n")
    if eol < 0 or "]" in tail[:eol]:
        # The list closes on the last element's line: `[\n  a, b]`.
        new = f"{head}{'' if comma else ','} {address}{tail}"
    else:
        # After the rest of the last element's line (its comment stays with it).
        separator = "" if comma else ","
        new = f"{head}{separator}{tail[:eol]}\n{indent}{address}{',' if comma else ''}{tail[eol:]}"
    edit.set_value(attribute, new)


def _dynamic_may_be_active(evaluator: Evaluator, dynamic: n.Block) -> bool:
    """Whether a ``dynamic "tracing_config"`` may make an Active block: its content's
    mode is "Active" or an expression (a variable, the iterator), and its for_each
    makes a block with the module's defaults or is not known."""
    from tffix.analysis.dynamic import iteration_scopes

    contents = dynamic.body.blocks_of_type("content")
    mode = contents[0].body.attribute("mode") if contents else None
    if mode is None or (
        m.String().matches(mode.value) and not m.Literal(_ACTIVE).matches(mode.value)
    ):
        return False
    return iteration_scopes(evaluator, dynamic) != []


def _expression_message(evaluator: Evaluator, expr: n.Expression, label: str) -> str | None:
    """What to say about a mode computed by ``expr``, or None when it is Active anyway."""
    from tffix.analysis.describe import depends_on, variable_note

    if evaluator.value(expr) == _ACTIVE:
        return None  # Active unless someone overrides it: nothing to say
    want = f'"{_ACTIVE}"'
    return depends_on(f"{label}: tracing mode", expr, want, variable_note(evaluator, expr, want))


def _deprecated_runtime(evaluator: Evaluator, function: n.Block) -> lambda_runtimes.Status | None:
    """Where the function's runtime stands when it is past its deprecation date on the
    day of the run (as far as the module says which runtime it is)."""
    attribute = function.body.attribute("runtime")
    if attribute is None:
        return None  # a container image: no managed runtime
    value = evaluator.value(attribute.value)
    if not isinstance(value, str):
        return None
    found = lambda_runtimes.status(value)
    return found if found is not None and found.deprecated else None


# IAM's default quota of managed policies attached to one role (PoliciesPerRole);
# it can be raised to 20 on request, which the module cannot show.
_POLICIES_PER_ROLE = 10
_QUOTAS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html"
_QUOTA_INCREASE = "https://repost.aws/knowledge-center/iam-increase-policy-size"


def _quota_problem(ctx: ModuleContext, role: n.Block) -> str | None:
    """Why one more managed policy on ``role`` may exceed IAM's quota, or None.

    Counts what the module attaches to it: each ``aws_iam_role_policy_attachment``
    and ``aws_iam_policy_attachment`` naming it, as many times as their ``for_each``
    or ``count`` make instances. A count the module does not show (a collection from
    an input) leaves the total unknown: AttachRolePolicy fails at apply
    (LimitExceeded) past the quota, so the attachment is written only when the
    total, plus it, stays within the default quota.
    """
    from tffix.analysis.evaluate import Evaluator
    from tffix.analysis.names import traversals_through_locals

    evaluator = Evaluator(ctx.analysis)
    wanted = list(role.labels[:2])
    name = role.body.attribute("name")
    role_name = evaluator.value(name.value) if name is not None else None
    total = 0
    unknown: list[str] = []

    def names_role(expr: n.Node) -> bool:
        if any(t.names()[:2] == wanted for t in traversals_through_locals(ctx.analysis, expr)):
            return True
        value = evaluator.value(expr)
        values = value if isinstance(value, list) else [value]
        return isinstance(role_name, str) and role_name in values

    def size(expr: n.Expression) -> object:
        """The value of a for_each or count, unknown when it reads an input (a
        deployment may pass another value than the default)."""
        for trav in traversals_through_locals(ctx.analysis, expr):
            if trav.names()[0] == "var":
                return None
        return evaluator.value(expr)

    for kind, argument in (
        ("aws_iam_role_policy_attachment", "role"),
        ("aws_iam_policy_attachment", "roles"),
    ):
        for _path, attachment in ctx.analysis.resources(kind):
            target = attachment.body.attribute(argument)
            if target is None or not names_role(target.value):
                continue
            address = ".".join(attachment.labels[:2])
            for_each = attachment.body.attribute("for_each")
            count = attachment.body.attribute("count")
            if for_each is not None:
                value = size(for_each.value)
                if isinstance(value, (list, dict, set, tuple)):
                    total += len(value)
                else:
                    unknown.append(f"{address} (for_each = {_short(for_each.value)})")
            elif count is not None:
                value = size(count.value)
                if isinstance(value, int) and not isinstance(value, bool):
                    total += value
                else:
                    unknown.append(f"{address} (count = {_short(count.value)})")
            else:
                total += 1
    label = ".".join(wanted)
    where = (
        f"IAM allows {_POLICIES_PER_ROLE} managed policies per role by default "
        f"(PoliciesPerRole, raised only on request: {_QUOTAS}, {_QUOTA_INCREASE}), and "
        "AttachRolePolicy fails at apply (LimitExceeded) past it"
    )
    advice = (
        "grant xray:PutTraceSegments, xray:PutTelemetryRecords, xray:GetSamplingRules, "
        "xray:GetSamplingTargets and xray:GetSamplingStatisticSummaries in an inline policy "
        "of the role (aws_iam_role_policy; inline policies do not count against that quota), "
        "or make room"
    )
    if total + 1 > _POLICIES_PER_ROLE:
        return (
            f"the module attaches {total} managed policies to {label} already: one more "
            f"would exceed the quota ({where}); {advice}"
        )
    if unknown:
        return (
            f"the module attaches {total} managed policies to {label} and more through "
            f"{', '.join(unknown)}, as many as the module does not show: one more may "
            f"exceed the quota ({where}); {advice}"
        )
    return None


def _short(expr: n.Expression) -> str:
    text = " ".join(expr.code.split())
    return text if len(text) <= 50 else text[:47] + "..."


_INLINE = "aws_iam_role_policy"
# The actions of the AWS managed policy AWSXRayDaemonWriteAccess (AWS managed policy
# reference: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/
# AWSXRayDaemonWriteAccess.html).
_XRAY_WRITE_ACTIONS = (
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
    "xray:GetSamplingStatisticSummaries",
)
# IAM: the inline policies of one role share 10,240 characters (whitespace not
# counted): reference_iam-quotas.html, "Role policy size".
_ROLE_POLICY_SIZE = 10240


def _inline_policies(ctx: ModuleContext, role: n.Block) -> list[tuple[str, n.Expression]]:
    """(address, policy expression) of every inline policy the module gives ``role``:
    its ``inline_policy`` blocks and the ``aws_iam_role_policy`` resources naming it."""
    from tffix.analysis.names import traversals_through_locals

    wanted = list(role.labels[:2])
    label = ".".join(wanted)
    out: list[tuple[str, n.Expression]] = []
    for inline in role.body.blocks_of_type("inline_policy"):
        policy = inline.body.attribute("policy")
        if policy is not None:
            out.append((f"{label} inline_policy", policy.value))
    for _path, other in ctx.analysis.resources(_INLINE):
        target = other.body.attribute("role")
        if target is None or not any(
            t.names()[:2] == wanted for t in traversals_through_locals(ctx.analysis, target.value)
        ):
            continue
        policy = other.body.attribute("policy")
        if policy is not None:
            out.append((".".join(other.labels[:2]), policy.value))
    return out


def _inline_room(ctx: ModuleContext, role: n.Block) -> str | None:
    """Why an inline policy with the X-Ray actions may not fit ``role``, or None: the
    role's inline policies share 10,240 characters, so each must have a known size
    (and no role policy may be written where the module does not show it: a dynamic
    inline_policy, a for_each or count over role policies)."""
    import json

    from tffix.analysis.evaluate import Evaluator

    if role.body.blocks_of_type("dynamic"):
        return "the role's inline policies are built dynamically, so their size is not shown"
    # inline_policy blocks on the role, or aws_iam_role_policies_exclusive, make
    # Terraform remove the inline policies they do not list (provider docs).
    if role.body.blocks_of_type("inline_policy"):
        return "the role lists its inline policies in inline_policy blocks, which would remove it"
    label = role.labels[1] if len(role.labels) > 1 else ""
    for _p, other in ctx.analysis.resources("aws_iam_role_policies_exclusive"):
        target = other.body.attribute("role_name")
        if target is not None and any(
            t.names()[:2] == ["aws_iam_role", label] for t in edit.traversals(target.value)
        ):
            return (
                f"aws_iam_role_policies_exclusive.{other.labels[1]} lists the role's inline "
                "policies exclusively, which would remove it"
            )
    evaluator = Evaluator(ctx.analysis)
    size = 0
    for address, expr in _inline_policies(ctx, role):
        owner = ctx.analysis.lookup(address.split(" ")[0])
        node = owner.node if owner is not None else None
        if (
            isinstance(node, n.Block)
            and node.labels[:1] == [_INLINE]
            and (
                node.body.attribute("for_each") is not None
                or node.body.attribute("count") is not None
            )
        ):
            return f"{address} makes several inline policies, whose size is not shown"
        value = evaluator.value(expr)
        if not isinstance(value, str):
            return (
                f"the size of {address}'s policy is not shown, and a role's inline policies "
                f"share {_ROLE_POLICY_SIZE} characters ({_QUOTAS})"
            )
        size += len("".join(value.split()))
    added = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": list(_XRAY_WRITE_ACTIONS), "Resource": "*"}
            ],
        },
        separators=(",", ":"),
    )
    if size + len(added) > _ROLE_POLICY_SIZE:
        return (
            f"its inline policies use {size} of the {_ROLE_POLICY_SIZE} characters a role's "
            f"inline policies share ({_QUOTAS}), too many for one more"
        )
    return None


def _inline_name(ctx: ModuleContext, role: n.Block) -> str:
    """A policy name the role's inline policies do not use yet."""
    from tffix.analysis.evaluate import Evaluator

    evaluator = Evaluator(ctx.analysis)
    used = set()
    for inline in role.body.blocks_of_type("inline_policy"):
        name = inline.body.attribute("name")
        if name is not None:
            used.add(evaluator.value(name.value))
    wanted = list(role.labels[:2])
    for _path, other in ctx.analysis.resources(_INLINE):
        target = other.body.attribute("role")
        name = other.body.attribute("name")
        if (
            target is not None
            and name is not None
            and any(t.names()[:2] == wanted for t in edit.traversals(target.value))
        ):
            used.add(evaluator.value(name.value))
    candidate, n_ = "xray-write", 2
    while candidate in used:
        candidate, n_ = f"xray-write-{n_}", n_ + 1
    return candidate


def _opening_beside_role(
    role: n.Block, resource_type: str, taken: TakenLabels
) -> tuple[str, list[str], str]:
    """The first lines of a ``resource_type`` written for ``role``: (label, lines, reference).

    The new resource is instantiated exactly as the role is (its ``count`` or
    ``for_each``, its ``provider``), so each instance of the role gets its own
    grant; ``reference`` is how the new resource names its role instance.
    """
    name = role.labels[1]
    label = free_label(taken.of(resource_type), f"{name}_xray")
    taken.add(resource_type, label)
    lines = [f'resource "{resource_type}" "{label}" {{']
    meta = []
    reference = f"aws_iam_role.{name}"
    count = role.body.attribute("count")
    if count is not None:
        code = count.value.code.strip()
        meta.append(f"count = {code if chr(10) not in code else f'length({reference})'}")
        reference += "[count.index]"
    elif role.body.attribute("for_each") is not None:
        meta.append(f"for_each = {reference}")
        reference = "each.value"
    provider = role.body.attribute("provider")
    if provider is not None:
        meta.append(f"provider = {provider.value.code.strip()}")
    lines += [f"  {line}" for line in meta]
    if meta:
        lines.append("")
    return label, lines, reference
