"""AWS007 across the files of one module.

The maps, the resources iterated over them and the resource with the wrong
index usually live in different files (locals.tf, lambda.tf, api.tf).
"""

from __future__ import annotations

from pathlib import Path

from tffix.engine.registry import get
from tffix.engine.runner import run_module, write_results

VARIABLES = """\
variable "services" {
  type    = set(string)
  default = ["users", "orders"]
}
"""

LOCALS = """\
locals {
  endpoints = {
    for route in ["GET /users", "POST /orders"] : route => {
      service = lower(trimspace(split("/", route)[1]))
      method  = split(" ", route)[0]
    }
  }
}
"""

LAMBDA = """\
resource "aws_lambda_function" "service" {
  for_each      = var.services
  function_name = each.key
  role          = "arn:aws:iam::123456789012:role/lambda"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "lambda.zip"
}
"""

API = """\
resource "aws_api_gateway_integration" "endpoint" {
  for_each    = local.endpoints
  rest_api_id = "abc123"
  resource_id = "def456"
  http_method = each.value.method
  type        = "AWS_PROXY"
  uri         = aws_lambda_function.service[each.key].invoke_arn
}
"""


def _run(directory: Path):
    paths = sorted(str(p) for p in directory.glob("*.tf"))
    result = run_module(str(directory), paths, [get("AWS007")()])
    assert not result.errors, result.errors
    write_results(result)
    return result


def test_multi_file_module(tmp_path: Path) -> None:
    for name, text in [
        ("variables.tf", VARIABLES),
        ("locals.tf", LOCALS),
        ("lambda.tf", LAMBDA),
        ("api.tf", API),
    ]:
        (tmp_path / name).write_text(text)
    result = _run(tmp_path)
    assert [f.path for f in result.findings] == [str(tmp_path / "api.tf")]
    api = (tmp_path / "api.tf").read_text()
    assert api == API.replace("service[each.key]", "service[each.value.service]")
    for name, text in [("variables.tf", VARIABLES), ("locals.tf", LOCALS), ("lambda.tf", LAMBDA)]:
        assert (tmp_path / name).read_text() == text
    again = _run(tmp_path)
    assert again.changed_files == [] and again.findings == []


def test_unknown_keys_are_not_guessed(tmp_path: Path) -> None:
    (tmp_path / "lambda.tf").write_text(LAMBDA.replace("var.services", "toset(var.names)"))
    (tmp_path / "variables.tf").write_text('variable "names" {\n  type = set(string)\n}\n')
    (tmp_path / "locals.tf").write_text(LOCALS)
    (tmp_path / "api.tf").write_text(API)
    result = _run(tmp_path)
    assert result.changed_files == []
    (finding,) = result.findings
    assert finding.status.value == "manual"
    assert "the keys of aws_lambda_function.service come from toset(var.names) (depends on " in (
        finding.message
    )
    assert "var.names (no default: set by the caller))" in finding.message


def test_keys_from_terraform_tfvars(tmp_path: Path) -> None:
    """A variable without a default, set by terraform.tfvars beside the root module."""
    (tmp_path / "variables.tf").write_text('variable "names" {\n  type = set(string)\n}\n')
    (tmp_path / "terraform.tfvars").write_text('names = ["users", "orders"]\n')
    (tmp_path / "lambda.tf").write_text(LAMBDA.replace("var.services", "var.names"))
    (tmp_path / "locals.tf").write_text(LOCALS)
    (tmp_path / "api.tf").write_text(API)
    result = _run(tmp_path)
    (finding,) = result.findings
    assert finding.status.value == "fixed"
    api = (tmp_path / "api.tf").read_text()
    assert api == API.replace("service[each.key]", "service[each.value.service]")


_ALARMS = """\
variable "functions" {
  default = {
    orders  = { handler = "orders.handler" }
    billing = { handler = "billing.handler" }
  }
}

variable "alarms" {
  default = {
    orders-errors  = { function = "orders" }
    billing-errors = { function = "billing" }
  }
}

resource "aws_lambda_function" "fn" {
  for_each      = var.functions
  function_name = each.key
  role          = "arn:aws:iam::123456789012:role/x"
  handler       = each.value.handler
  runtime       = "python3.12"
  filename      = "x.zip"
}

resource "aws_cloudwatch_metric_alarm" "errors" {
  for_each            = var.alarms
  alarm_name          = each.key
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "Errors"
  namespace           = "AWS/Lambda"
  period              = 60
  statistic           = "Sum"
  threshold           = 0
  dimensions = {
    FunctionName = aws_lambda_function.fn[each.key].function_name
  }
}
"""


def test_keys_a_var_file_beside_the_module_may_set(tmp_path: Path) -> None:
    """The defaults' keys differ, but a var file a deployment passes with -var-file sets
    the map: its keys are not known, so the index is reported, not rewritten; without
    that file the index is fixed."""
    main = tmp_path / "main.tf"
    main.write_text(_ALARMS, encoding="utf-8")
    result = run_module(str(tmp_path), [str(main)], [get("AWS007")()])
    assert [f.status.value for f in result.findings] == ["fixed"]
    (tmp_path / "prod.tfvars").write_text(
        'alarms = {\n  orders = { function = "orders" }\n}\n', encoding="utf-8"
    )
    result = run_module(str(tmp_path), [str(main)], [get("AWS007")()])
    (finding,) = result.findings
    assert finding.status.value == "manual" and "prod.tfvars" in finding.message
    assert not result.changed_files
