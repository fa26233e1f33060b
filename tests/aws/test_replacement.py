"""tffix.aws.replacement: resources whose replacement cannot be completed."""

from __future__ import annotations

import pytest

import tffix
from tffix.analysis.module import ModuleAnalysis, analyze_modules
from tffix.aws import replacement
from tffix.syntax import nodes as n


def module(text: str) -> ModuleAnalysis:
    return analyze_modules("/nonexistent", {"main.tf": tffix.parse(text)})


def block(analysis: ModuleAnalysis, address: str) -> n.Block:
    found = analysis.lookup(address)
    assert found is not None, address
    return found.node  # type: ignore[return-value]


def function(runtime: str, extra: str = "") -> str:
    return (
        'resource "aws_lambda_function" "f" {\n'
        f"{extra}"
        '  function_name = "f"\n'
        "  role          = aws_iam_role.r.arn\n"
        f"  runtime       = {runtime}\n"
        "}\n\n"
        'resource "aws_iam_role" "r" {\n  name = "r"\n}\n'
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"go1.x"', "Lambda refuses to create functions on go1.x"),
        ('"python3.13"', None),
        ("var.runtime", "its runtime comes from var.runtime"),
        ("var.runtime_with_default", None),
        ("local.runtime", "Lambda refuses to create functions on nodejs12.x"),
        ("each.value", "Lambda refuses to create functions on python3.7"),
    ],
)
def test_lambda_runtimes(text: str, expected: str | None) -> None:
    extra = '  for_each = { a = "python3.12", b = "python3.7" }\n' if text == "each.value" else ""
    analysis = module(
        'variable "runtime" {}\n\n'
        'variable "runtime_with_default" {\n  default = "python3.12"\n}\n\n'
        'locals {\n  runtime = "nodejs12.x"\n}\n\n' + function(text, extra)
    )
    found = replacement.problem(analysis, block(analysis, "aws_lambda_function.f"))
    if expected is None:
        assert found is None
    else:
        assert found is not None and found.startswith(expected), found


def test_a_container_image_function_has_no_runtime_to_block() -> None:
    analysis = module(
        'resource "aws_lambda_function" "f" {\n  function_name = "f"\n'
        '  package_type  = "Image"\n}\n'
    )
    assert replacement.problem(analysis, block(analysis, "aws_lambda_function.f")) is None


@pytest.mark.parametrize(
    ("runtime", "held"),
    [('"python3.6"', True), ('"go1.x"', False), ("var.runtime", True), ('"java21"', False)],
)
def test_what_a_function_on_an_update_blocked_runtime_refers_to(runtime: str, held: bool) -> None:
    """go1.x is blocked for create but (until 2027-08-31) not for update: its role can be
    replaced seamlessly, with create_before_destroy (without it the function runs
    without its role for a while: the window); python3.6 is blocked for both."""
    analysis = module('variable "runtime" {}\n\n' + function(runtime))
    found = replacement.problem(analysis, block(analysis, "aws_iam_role.r"))
    assert found is not None
    if held:
        assert found.startswith("aws_lambda_function.f refers to it"), found
    else:
        assert found.startswith("aws_lambda_function.f uses it: Terraform destroys the role")
        assert "set lifecycle { create_before_destroy = true } on it first" in found
        seamless = function(runtime).replace(
            '  name = "r"\n',
            '  name = "r"\n\n  lifecycle {\n    create_before_destroy = true\n  }\n',
        )
        analysis = module('variable "runtime" {}\n\n' + seamless)
        assert replacement.problem(analysis, block(analysis, "aws_iam_role.r")) is None


@pytest.mark.parametrize(
    ("extra", "window"),
    [
        # Its permissions in a separate resource: made again destroy-first on the new role.
        (
            'resource "aws_iam_role_policy" "p" {\n  role = aws_iam_role.r.id\n}\n',
            "aws_iam_role_policy.p carries its permissions",
        ),
        # A task definition keeps the old role until the service deploys new tasks.
        (
            'resource "aws_ecs_task_definition" "t" {\n  task_role_arn = aws_iam_role.r.arn\n}\n',
            "some of its users keep the old one",
        ),
        # A build runs when started: not a user the window stops.
        ('resource "aws_codebuild_project" "b" {\n  service_role = aws_iam_role.r.arn\n}\n', None),
    ],
)
def test_a_role_in_use_keeps_a_window_create_before_destroy_does_not_close(
    extra: str, window: str | None
) -> None:
    role = (
        'resource "aws_iam_role" "r" {\n  name = "r"\n\n'
        "  lifecycle {\n    create_before_destroy = true\n  }\n}\n\n"
    )
    user = (
        'resource "aws_lambda_function" "f" {\n  role    = aws_iam_role.r.arn\n'
        '  runtime = "python3.12"\n}\n\n'
    )
    analysis = module(role + (user if "aws_iam_role_policy" in extra else "") + extra)
    found = replacement.problem(analysis, block(analysis, "aws_iam_role.r"))
    if window is None:
        assert found is None
    else:
        assert found is not None and window in found, found
        assert found.endswith(": rename it in a maintenance window")


@pytest.mark.parametrize(
    ("value", "held"),
    [("true", True), ("false", False), ("var.protect", True), ("var.unprotected", False)],
)
def test_deletion_protection(value: str, held: bool) -> None:
    analysis = module(
        'variable "protect" {}\n\nvariable "unprotected" {\n  default = false\n}\n\n'
        f'resource "aws_lb" "x" {{\n  name = "x"\n  enable_deletion_protection = {value}\n}}\n'
    )
    found = replacement.problem(analysis, block(analysis, "aws_lb.x"))
    assert (found is not None) is held, found


def test_a_codestar_connection_waits_for_a_handshake() -> None:
    analysis = module(
        'resource "aws_codestarconnections_connection" "c" {\n  name = "c"\n'
        '  provider_type = "GitHub"\n}\n'
    )
    found = replacement.problem(analysis, block(analysis, "aws_codestarconnections_connection.c"))
    assert found is not None and "PENDING" in found


def topic(subscription: str) -> str:
    return (
        'resource "aws_sns_topic" "t" {\n  name = "t"\n}\n\n'
        'resource "aws_sns_topic_subscription" "s" {\n'
        "  topic_arn = aws_sns_topic.t.arn\n"
        f"{subscription}"
        "}\n"
    )


@pytest.mark.parametrize(
    ("subscription", "expected"),
    [
        ('  protocol = "email"\n', 'protocol "email": on the new topic'),
        ('  protocol = "email-json"\n', 'protocol "email-json"'),
        ('  protocol = "http"\n', "the endpoint answers the confirmation request"),
        ('  protocol = "https"\n', "sns-http-https-endpoint-as-subscriber"),
        ('  protocol = "https"\n  endpoint_auto_confirms = true\n', None),
        ('  protocol = "email"\n  endpoint_auto_confirms = true\n', 'protocol "email"'),
        ('  protocol = "sqs"\n', None),
        ('  protocol = "lambda"\n', None),
        # An input may be set to any protocol, whatever its default.
        ("  protocol = var.p\n", "comes from var.p, which each deployment may set"),
        ("  protocol = local.p\n", "comes from var.p"),
        ("  protocol = data.x.y.protocol\n", "whose value the module does not show"),
    ],
)
def test_a_topic_whose_subscribers_must_confirm_again(
    subscription: str, expected: str | None
) -> None:
    text = topic(subscription) + (
        'variable "p" {\n  default = "lambda"\n}\n\nlocals {\n  p = var.p\n}\n'
    )
    analysis = module(text)
    found = replacement.problem(analysis, block(analysis, "aws_sns_topic.t"))
    if expected is None:
        assert found is None
    else:
        assert found is not None and expected in found, found
        assert "aws_sns_topic_subscription.s" in found and "keep the name" in found


@pytest.mark.parametrize(
    ("collection", "held"),
    [
        ('{ a = { protocol = "sqs" }, b = { protocol = "email" } }', True),
        ('{ a = { protocol = "sqs" }, b = { protocol = "lambda" } }', False),
        ("var.subscribers", True),
    ],
)
def test_subscriptions_made_with_for_each(collection: str, held: bool) -> None:
    text = (
        'variable "subscribers" {\n  default = { a = { protocol = "sqs" } }\n}\n\n'
        'resource "aws_sns_topic" "t" {\n  name = "t"\n}\n\n'
        'resource "aws_sns_topic_subscription" "s" {\n'
        f"  for_each  = {collection}\n"
        "  topic_arn = aws_sns_topic.t.arn\n"
        "  protocol  = each.value.protocol\n"
        "}\n"
    )
    analysis = module(text)
    found = replacement.problem(analysis, block(analysis, "aws_sns_topic.t"))
    assert (found is not None) is held, found


def test_a_subscription_of_another_topic_does_not_hold_it() -> None:
    text = topic('  protocol = "email"\n').replace("aws_sns_topic.t.arn", "var.other_topic")
    analysis = module(text)
    assert replacement.problem(analysis, block(analysis, "aws_sns_topic.t")) is None


@pytest.mark.parametrize("type_", ["aws_security_group", "aws_lb_target_group"])
@pytest.mark.parametrize(
    ("lifecycle", "held"),
    [
        ("", True),
        ("  lifecycle {\n    create_before_destroy = false\n  }\n", True),
        ("  lifecycle {\n    create_before_destroy = true\n  }\n", False),
        ("  lifecycle {\n    create_before_destroy = local.cbd\n  }\n", False),
    ],
)
def test_what_aws_refuses_to_delete_while_in_use(type_: str, lifecycle: str, held: bool) -> None:
    text = (
        f'locals {{\n  cbd = true\n}}\n\nresource "{type_}" "x" {{\n  name = "x"\n{lifecycle}}}\n'
    )
    analysis = module(text)
    found = replacement.problem(analysis, block(analysis, f"{type_}.x"))
    assert (found is not None) is held, found
    if held:
        assert "create_before_destroy = true } first" in found  # type: ignore[operator]
