"""Resources whose replacement cannot be completed: destroy works, create fails.

Terraform replaces a resource whose "Forces new resource" argument changes by
destroying it and creating it anew (unless ``create_before_destroy``). That
is only as safe as the create: when AWS refuses to create the resource as it
is written, the apply deletes the working one and then fails, and the
service is down until someone rewrites it. tffix.aws.stateful covers what a
replacement deletes (data); this module covers what it cannot make again,
or cannot get rid of:

- a Lambda function on a runtime Lambda blocks for create (go1.x since
  2024-02-08, python3.7, nodejs14.x, ...; dated in tffix.aws.lambda_runtimes,
  from https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html:
  "Block function create": CreateFunction refuses the runtime), and one
  whose runtime the module does not show (a variable without a default, a
  value read from elsewhere): it may be such a runtime;
- a resource with deletion protection on (``enable_deletion_protection``
  of a load balancer, ``deletion_protection`` of a database or a cluster,
  ``deletion_protection_enabled`` of a table): the destroy is refused
  (OperationNotPermitted), so the replacement never happens and the apply
  fails (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection);
- a CodeStar/CodeConnections connection: a new one is created in the
  ``PENDING`` state and works only once someone completes the handshake
  with the provider in the console, so every pipeline using it stops
  (https://docs.aws.amazon.com/dtconsole/latest/userguide/connections-update.html:
  a connection created by the CLI or CloudFormation is PENDING by default);
- an SNS topic with a subscription whose endpoint must confirm it (protocol
  ``email``, ``email-json``, ``http``, ``https``; an http(s) endpoint marked
  ``endpoint_auto_confirms`` confirms itself): Terraform makes the
  subscription again on the new topic, but SNS delivers nothing to it until
  a person clicks the link of the confirmation mail (or the endpoint answers
  the confirmation request), so every alarm and notification published
  meanwhile reaches nobody
  (https://docs.aws.amazon.com/sns/latest/dg/sns-email-notifications.html,
  https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html;
  the provider's aws_sns_topic_subscription page: such a subscription stays
  pending until confirmed). A protocol the module does not show (a variable,
  an input) may be one of them;
- a security group or a load balancer target group without
  ``create_before_destroy``: Terraform destroys it first, and AWS refuses to
  delete a security group a network interface still uses (an instance, a
  load balancer, a function in a VPC; provider docs, aws_security_group,
  "Recreating a Security Group": "the deletion cannot complete ... you must
  set the create_before_destroy property") or a target group a listener or
  rule still forwards to (ELB DeleteTargetGroup: "You can delete a target
  group if it is not referenced by any actions"), so the apply fails (or
  waits until it times out) with the old one still in place;
- an IAM role, managed policy or instance profile that a resource of the
  module uses (a function's or project's role, a policy's attachment, an
  instance's or launch template's profile): its name forces a new resource
  (provider docs: aws_iam_role, aws_iam_policy, aws_iam_instance_profile,
  ``name`` "Forces new resource"), and Terraform destroys before it creates
  ("By default, when Terraform must change a resource argument that cannot
  be updated in-place due to remote API limitations, Terraform will instead
  destroy the existing object and then create a new replacement object",
  https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#create_before_destroy).
  From the destroy until the user is updated to the new one, a running
  function, instance or task works without its permissions (AccessDenied,
  "The role defined for the function cannot be assumed by Lambda"). Per
  type, when ``create_before_destroy`` makes it sound:
  a role whose permissions are all in its own block (``inline_policy``,
  ``managed_policy_arns``: created with it) and whose users are updated in
  place keeps working with it; one whose policies are separate resources
  (``aws_iam_role_policy``, attachments) does not, since those are made
  again on the new role, destroy first, in an order Terraform does not tie
  to the user's update; a policy's attachments are replaced destroy first
  even with it; an instance profile used by a launch template or
  configuration is still associated with instances launched before, which
  lose their credentials when the old one goes. Then the rename is left to a
  person, with the window named. A role only builds and pipelines use (they
  run when started; one started during the apply fails and runs again) is
  renamed;
- anything a Lambda function refers to (its role, a layer) when the function
  is on a runtime whose updates Lambda blocks (or one the module does not
  show): the function must be updated to the new ARN, the update is refused,
  and the function is left pointing at the destroyed object.

Codemods that rename (TF004) ask :func:`problem` before each rename.
"""

from __future__ import annotations

from tffix.analysis.evaluate import UNKNOWN, Evaluator
from tffix.analysis.names import traversals_through_locals
from tffix.aws import lambda_runtimes
from tffix.cst import edit
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from tffix.analysis.module import ModuleAnalysis

# Arguments that refuse a resource's destroy while true.
_DELETION_PROTECTION = (
    "enable_deletion_protection",  # aws_lb / aws_alb
    "deletion_protection",  # aws_db_instance, aws_rds_cluster, ...
    "deletion_protection_enabled",  # aws_dynamodb_table
)
_PENDING = (
    "aws_codestarconnections_connection",
    "aws_codeconnections_connection",
)
_CONNECTIONS = "https://docs.aws.amazon.com/dtconsole/latest/userguide/connections-update.html"
# Resources AWS refuses to delete while something uses them, so that only
# create_before_destroy lets a replacement through (what uses them, the source).
_IN_USE = {
    "aws_security_group": (
        "a network interface uses it (an instance, a load balancer, a function in a VPC, "
        "anywhere in the account)",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/"
        "security_group#recreating-a-security-group",
    ),
    "aws_lb_target_group": (
        "a listener or a listener rule forwards to it",
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/"
        "API_DeleteTargetGroup.html",
    ),
}
_IN_USE["aws_alb_target_group"] = _IN_USE["aws_lb_target_group"]
# Subscription protocols whose endpoint must confirm a new subscription before SNS
# delivers to it, with where AWS says so; http(s) may confirm by itself
# (endpoint_auto_confirms), email never does.
_CONFIRMED = {
    "email": "https://docs.aws.amazon.com/sns/latest/dg/sns-email-notifications.html",
    "email-json": "https://docs.aws.amazon.com/sns/latest/dg/sns-email-notifications.html",
    "http": "https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html",
    "https": "https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html",
}


def problem(analysis: ModuleAnalysis, block: n.Block) -> str | None:
    """Why replacing ``block`` (destroy, then create) can fail or stop what uses it, as a
    clause ("Lambda refuses to create functions on go1.x ..."), or None."""
    evaluator = Evaluator(analysis)
    type_ = block.labels[0] if block.labels else ""
    if type_ == "aws_lambda_function":
        found = _runtime_problem(evaluator, block)
        if found is not None:
            return found
    for name in _DELETION_PROTECTION:
        attribute = block.body.attribute(name)
        if attribute is None:
            continue
        values = _values(evaluator, block, attribute.value)
        if values is None or any(v is True for v in values):
            how = "is on" if values is not None else f"comes from {_short(attribute.value)}"
            return (
                f"its deletion protection ({name}) {how}: AWS refuses to delete it, so the "
                "replacement fails at its destroy and the apply stops"
            )
    if type_ in _PENDING:
        return (
            "a new connection starts in the PENDING state and works only after someone "
            "completes the handshake with the provider in the console, so everything using "
            f"it (pipelines) stops until then ({_CONNECTIONS})"
        )
    if type_ in _IN_USE and not _creates_before_destroying(evaluator, block):
        user, source = _IN_USE[type_]
        return (
            f"AWS refuses to delete it while {user} ({source}), which without lifecycle "
            "create_before_destroy Terraform does before making the new one: the apply "
            "fails with the old one still in place; set lifecycle { create_before_destroy "
            "= true } first"
        )
    if type_ == "aws_sns_topic":
        found = _confirmation_problem(analysis, evaluator, block)
        if found is not None:
            return found
    # A user that can never be updated to the new one first, then the window.
    found = _dependent_problem(analysis, evaluator, block)
    if found is not None:
        return found
    return _live_user_problem(analysis, evaluator, block)


# IAM resources whose name forces a new resource, and the resource types that only
# carry their permissions (made again on the replacement, destroy first): they are not
# the ones left without the permissions, their users are.
_CARRIERS = {
    "aws_iam_role": (
        "aws_iam_role_policy",
        "aws_iam_role_policy_attachment",
        "aws_iam_policy_attachment",
        "aws_iam_role_policies_exclusive",
        "aws_iam_role_policy_attachments_exclusive",
    ),
    "aws_iam_policy": (),
    "aws_iam_instance_profile": (),
}
# Users of a role updated in place to the new one (UpdateFunctionConfiguration,
# UpdateProject, ...): with create_before_destroy they switch before the old one goes.
_IN_PLACE_USERS = frozenset(
    (
        "aws_lambda_function",
        "aws_codebuild_project",
        "aws_codepipeline",
        "aws_sfn_state_machine",
        "aws_iam_instance_profile",
        "aws_instance",
    )
)
# Users that run only when started (a build, a pipeline execution): one started during
# the apply fails and is run again, nothing is down meanwhile.
_ON_DEMAND_USERS = frozenset(("aws_codebuild_project", "aws_codepipeline"))
_WINDOW_SOURCE = (
    "https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle"
    "#create_before_destroy"
)


def _live_user_problem(
    analysis: ModuleAnalysis, evaluator: Evaluator, block: n.Block
) -> str | None:
    """A role, policy or instance profile that a resource of the module uses: renaming
    it replaces it under that user (see the module docstring), unless
    ``create_before_destroy`` is set where it makes the replacement seamless."""
    type_ = block.labels[0] if block.labels else ""
    if type_ not in _CARRIERS or len(block.labels) < 2:
        return None
    wanted = list(block.labels[:2])
    users: list[str] = []
    carriers: list[str] = []
    for _path, other in analysis.resources():
        if other is block or not other.labels:
            continue
        if not any(t.names()[:2] == wanted for t in edit.traversals(other.body)):
            continue
        address = ".".join(other.labels[:2])
        if other.labels[0] in _CARRIERS[type_]:
            carriers.append(address)
        elif other.labels[0] not in _ON_DEMAND_USERS:
            users.append(address)
    for module in analysis.declared("module"):
        node = module.node
        if isinstance(node, n.Block) and any(
            t.names()[:2] == wanted for t in edit.traversals(node.body)
        ):
            users.append(f"module.{module.name}")
    if not users:
        return None
    users.sort()  # the same sentence whatever order the files declare them in
    what = {
        "aws_iam_role": "role",
        "aws_iam_policy": "policy",
        "aws_iam_instance_profile": "instance profile",
    }[type_]
    shown = ", ".join(users[:3]) + (f" (and {len(users) - 3} more)" if len(users) > 3 else "")
    seamless = (
        type_ != "aws_iam_policy"
        and not carriers
        and all(u.split(".")[0] in _IN_PLACE_USERS for u in users)
    )
    if seamless and _creates_before_destroying(evaluator, block):
        return None  # made first, the users switch, then the old one goes
    window = (
        f"{shown} {'use' if len(users) > 1 else 'uses'} it: Terraform destroys the {what} "
        f"first ({_WINDOW_SOURCE}), so from then until {shown} "
        f"{'are' if len(users) > 1 else 'is'} updated to (or made again with) the new one "
        "(and IAM has propagated it) what runs there works without these permissions "
        "(AccessDenied, or a role Lambda cannot assume)"
    )
    if seamless:
        return (
            f"{window}; set lifecycle {{ create_before_destroy = true }} on it first (its "
            "permissions are all in its own block and its users are updated in place, so "
            "the new one is complete before they switch), or rename it in a maintenance "
            "window"
        )
    if carriers:
        why = (
            f"create_before_destroy on it alone does not close the window: "
            f"{', '.join(carriers[:3])} {'carry' if len(carriers) > 1 else 'carries'} its "
            "permissions, made again on the new one, destroy first, in an order Terraform does "
            "not tie to the update of its users"
        )
    elif type_ == "aws_iam_policy":
        why = (
            "create_before_destroy on it alone does not close the window: its attachments "
            "are replaced too, detached before they are attached again"
        )
    else:
        why = "create_before_destroy does not close the window: " + (
            "instances launched from a launch template or configuration keep the old "
            "profile and lose their credentials when it is deleted"
            if type_ == "aws_iam_instance_profile"
            else "some of its users keep the old one until they are replaced or "
            "redeployed (task definitions, launch templates, module calls)"
        )
    return f"{window}; {why}: rename it in a maintenance window"


def _confirmation_problem(
    analysis: ModuleAnalysis, evaluator: Evaluator, topic: n.Block
) -> str | None:
    """A subscription of ``topic`` whose endpoint must confirm it again on the new topic
    (or whose protocol the module does not show): replacing the topic silences it
    until a person confirms."""
    wanted = list(topic.labels[:2])
    for _path, subscription in analysis.resources("aws_sns_topic_subscription"):
        topic_arn = subscription.body.attribute("topic_arn")
        if topic_arn is None or not _refers_to(analysis, topic_arn.value, wanted):
            continue
        address = ".".join(subscription.labels)
        protocol = subscription.body.attribute("protocol")
        if protocol is None:
            continue  # the provider requires it: plan fails already
        values = _values(evaluator, subscription, protocol.value)
        variable = _reads_variable(analysis, protocol.value)
        for_each = subscription.body.attribute("for_each")
        if variable is None and for_each is not None:
            # each.value.protocol: an input that fills the collection may hold any protocol
            variable = _reads_variable(analysis, for_each.value)
        if values is None or variable is not None or not all(isinstance(v, str) for v in values):
            where = (
                f"{variable}, which each deployment may set"
                if variable is not None
                else f"{_short(protocol.value)}, whose value the module does not show"
            )
            return (
                f"{address} subscribes to it with a protocol that comes from {where}: if it "
                "is email, email-json, http or https, the "
                "endpoint must confirm the new subscription before SNS delivers anything "
                f"({_CONFIRMED['email']}, {_CONFIRMED['https']}), so what publishes to the "
                "topic reaches nobody until someone confirms; keep the name, or rename it "
                "when someone can confirm the new subscriptions right away"
            )
        auto = subscription.body.attribute("endpoint_auto_confirms")
        auto_confirms = auto is not None and _values(evaluator, subscription, auto.value) == [
            True
        ] * len(values)
        for value in dict.fromkeys(values):
            if value not in _CONFIRMED or (auto_confirms and value.startswith("http")):
                continue
            who = (
                "a person clicks the link in the confirmation mail"
                if value.startswith("email")
                else "the endpoint answers the confirmation request"
            )
            return (
                f'{address} subscribes to it with protocol "{value}": on the new topic the '
                f"subscription is pending until {who} ({_CONFIRMED[value]}), so what "
                "publishes to the topic (alarms, notifications) reaches nobody meanwhile; "
                "keep the name, or rename it when someone can confirm the new subscription "
                "right away"
            )
    return None


def _creates_before_destroying(evaluator: Evaluator, block: n.Block) -> bool:
    """Whether ``block`` has ``lifecycle { create_before_destroy = true }``."""
    for lifecycle in block.body.blocks_of_type("lifecycle"):
        attribute = lifecycle.body.attribute("create_before_destroy")
        if attribute is not None and evaluator.value(attribute.value) is True:
            return True
    return False


def _refers_to(analysis: ModuleAnalysis, expr: n.Node, wanted: list[str]) -> bool:
    """Whether ``expr`` refers to the resource ``wanted`` (type, name), through locals too."""
    return any(t.names()[:2] == wanted for t in traversals_through_locals(analysis, expr))


def _reads_variable(analysis: ModuleAnalysis, expr: n.Node) -> str | None:
    """``var.x`` when ``expr`` reads an input (directly or through locals): whatever its
    default, a deployment may set another value."""
    for trav in traversals_through_locals(analysis, expr):
        names = trav.names()
        if names[0] == "var" and len(names) > 1:
            return f"var.{names[1]}"
    return None


def _dependent_problem(
    analysis: ModuleAnalysis, evaluator: Evaluator, block: n.Block
) -> str | None:
    """A function that refers to ``block`` (its role, a layer) must be updated to the
    replacement's new ARN; on a runtime whose updates Lambda blocks that update fails,
    and the function is left pointing at the destroyed object."""
    wanted = list(block.labels[:2])
    for _path, function in analysis.resources("aws_lambda_function"):
        if function is block:
            continue
        if not any(t.names()[:2] == wanted for t in edit.traversals(function.body)):
            continue
        attribute = function.body.attribute("runtime")
        if attribute is None:
            continue
        address = ".".join(function.labels)
        values = _values(evaluator, function, attribute.value)
        if values is None or not all(isinstance(v, str) for v in values):
            return (
                f"{address} refers to it and must be updated to the new one, but its runtime "
                f"comes from {_short(attribute.value)}, whose value the module does not show: "
                "if Lambda blocks updates on that runtime "
                f"({lambda_runtimes.SOURCE}), the update fails and the function is left "
                "pointing at the destroyed one"
            )
        for value in dict.fromkeys(values):
            status = lambda_runtimes.status(value)
            if status is not None and status.update_blocked:
                return (
                    f"{address} refers to it and must be updated to the new one, but Lambda "
                    f"refuses updates of functions on {value} ({status.describe()}; "
                    f"{lambda_runtimes.SOURCE}): the update fails and the function is left "
                    "pointing at the destroyed one"
                )
    return None


def _runtime_problem(evaluator: Evaluator, function: n.Block) -> str | None:
    attribute = function.body.attribute("runtime")
    if attribute is None:
        return None  # a container image: no managed runtime
    values = _values(evaluator, function, attribute.value)
    if values is None or not all(isinstance(v, str) for v in values):
        return (
            f"its runtime comes from {_short(attribute.value)}, whose value the module does "
            "not show: if it is a runtime Lambda no longer lets functions be created on "
            f"({lambda_runtimes.SOURCE}), the apply deletes the working function and then "
            "fails to create the new one"
        )
    for value in dict.fromkeys(values):
        status = lambda_runtimes.status(value)
        if status is not None and status.create_blocked:
            runtime = status.runtime
            since = f" from {runtime.block_create}" if runtime.block_create else ""
            return (
                f"Lambda refuses to create functions on {value} ({runtime.name}, deprecated "
                f"on {runtime.deprecation}, function creation blocked{since}; "
                f"{lambda_runtimes.SOURCE}), so the apply would delete the working function "
                "and then fail to create the new one; move it to a supported runtime first"
            )
    return None


def _values(evaluator: Evaluator, block: n.Block, expr: n.Expression) -> list[Any] | None:
    """The value of ``expr`` in each instance of ``block`` (its ``for_each``), or None
    when one is not known."""
    scopes: list[dict[str, Any]] = [{}]
    for_each = block.body.attribute("for_each")
    if for_each is not None:
        collection = evaluator.value(for_each.value)
        if isinstance(collection, dict):
            scopes = [{"each": {"key": k, "value": v}} for k, v in collection.items()]
        elif isinstance(collection, list):
            scopes = [{"each": {"key": v, "value": v}} for v in collection]
        else:
            return None
    out = []
    for scope in scopes:
        value = evaluator.value(expr, scope)
        if value is UNKNOWN:
            return None
        out.append(value)
    return out


def _short(expr: n.Expression) -> str:
    text = " ".join(expr.code.split())
    return text if len(text) <= 60 else text[:57] + "..."
