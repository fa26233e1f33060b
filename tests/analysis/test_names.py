"""Naming new blocks and finding blocks by address (tffix.analysis.names)."""

from __future__ import annotations

from tffix import parse
from tffix.analysis.module import analyze_modules
from tffix.analysis.names import (
    find_data,
    find_resource,
    free_label,
    referenced,
    referenced_data,
    resource_labels,
    traversals_through_locals,
)

MODULE = """\
resource "aws_iam_role_policy" "codestar" {
  role = aws_iam_role.pipeline.id
}

resource "aws_iam_role_policy" "codestar_2" {
  role = "${aws_iam_role.pipeline.name}-${aws_iam_role.other.name}"
}

data "aws_secretsmanager_secret_version" "token" {
  secret_id = data.aws_secretsmanager_secret.gh.id
}
"""


def test_free_label_prefers_the_wanted_label_then_numbers_the_fallback() -> None:
    assert free_label(set(), "github", "pipeline_github") == "github"
    assert free_label({"github"}, "github", "pipeline_github") == "pipeline_github"
    taken = {"github", "pipeline_github", "pipeline_github_2"}
    assert free_label(taken, "github", "pipeline_github") == "pipeline_github_3"
    assert free_label({"logs", "logs_2"}, "logs") == "logs_3"


def test_labels_and_lookups_read_the_analysis() -> None:
    analysis = analyze_modules("/m", {"/m/main.tf": parse(MODULE)})
    labels = resource_labels(analysis, "aws_iam_role_policy")
    assert labels == {"codestar", "codestar_2"}
    assert free_label(labels, "codestar") == "codestar_3"
    found = find_resource(analysis, "aws_iam_role_policy", "codestar_2")
    assert found is not None and found[0] == "/m/main.tf"
    assert find_resource(analysis, "aws_iam_role_policy", "absent") is None
    version = find_data(analysis, "aws_secretsmanager_secret_version", "token")
    assert version is not None
    secret_id = version[1].body.attribute("secret_id")
    assert secret_id is not None
    assert referenced_data(secret_id.value, "aws_secretsmanager_secret") == ["gh"]
    role = found[1].body.attribute("role")
    assert role is not None
    assert referenced(role.value, "aws_iam_role") == ["pipeline", "other"]


LOCALS = """\
locals {
  group  = aws_cloudwatch_log_group.app.name
  groups = [local.group, local.other, local.group]
  other  = "${var.prefix}-${local.groups[0]}"
}

resource "aws_cloudwatch_log_subscription_filter" "f" {
  log_group_name = local.groups[1]
}
"""


def test_traversals_through_locals_follow_each_local_once_even_in_a_cycle() -> None:
    analysis = analyze_modules("/m", {"/m/main.tf": parse(LOCALS)})
    found = find_resource(analysis, "aws_cloudwatch_log_subscription_filter", "f")
    assert found is not None
    name = found[1].body.attribute("log_group_name")
    assert name is not None
    seen = [
        ".".join(str(p) for p in t.names()[:2])
        for t in traversals_through_locals(analysis, name.value)
    ]
    # local.groups -> local.group, local.other (-> var.prefix, local.groups: already followed)
    assert sorted(seen) == sorted(
        [
            "local.groups",
            "local.group",
            "local.other",
            "local.group",
            "aws_cloudwatch_log_group.app",
            "var.prefix",
            "local.groups",
        ]
    )
