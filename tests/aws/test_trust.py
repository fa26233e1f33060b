"""Which service assumes a role: from what uses the role, else from its names."""

from __future__ import annotations

import pytest

import tffix
from tffix.analysis.module import analyze_modules
from tffix.aws.trust import principals_from_names, role_users


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["batch_trust"], ("batch.amazonaws.com",)),
        (["states_trust"], ("states.amazonaws.com",)),
        (["lambda_exec_assume_role"], ("lambda.amazonaws.com",)),
        (["app-ecs-task-execution"], ("ecs-tasks.amazonaws.com",)),  # longest run wins
        (["edge_lambda_trust"], ("lambda.amazonaws.com", "edgelambda.amazonaws.com")),
        (["orders", "orders-step-functions-role"], ("states.amazonaws.com",)),
        (["lambda-to-ecs"], None),  # two services: no guess
        (["reporting_trust", "reporting"], None),  # no service at all
        (["Lambda_Trust"], ("lambda.amazonaws.com",)),
    ],
)
def test_principals_from_names(names: list[str], expected: tuple[str, ...] | None) -> None:
    assert principals_from_names(names) == expected


_MODULE = """
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = data.aws_iam_policy_document.app.json
}

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = "[]"
  execution_role_arn    = aws_iam_role.app.arn
}

resource "aws_kinesis_firehose_delivery_stream" "logs" {
  name        = "logs"
  destination = "extended_s3"

  extended_s3_configuration {
    role_arn   = aws_iam_role.delivery.arn
    bucket_arn = "arn:aws:s3:::logs"
  }
}

locals {
  roles     = { job = aws_iam_role.job.arn }
  job_role  = local.roles["job"]
}

resource "aws_sfn_state_machine" "job" {
  name       = "job"
  role_arn   = local.job_role
  definition = "{}"
}

resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = "{}"
}
"""


def test_role_users_follow_arguments_in_nested_blocks_and_ignore_policies() -> None:
    module = tffix.parse(_MODULE, path="m/main.tf")
    analysis = analyze_modules("m", {"m/main.tf": module})
    assert role_users(analysis, "app") == {"aws_ecs_task_definition.app": "ecs-tasks.amazonaws.com"}
    assert role_users(analysis, "delivery") == {
        "aws_kinesis_firehose_delivery_stream.logs": "firehose.amazonaws.com"
    }
    assert role_users(analysis, "job") == {"aws_sfn_state_machine.job": "states.amazonaws.com"}
    assert role_users(analysis, "unused") == {}
