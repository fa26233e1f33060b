"""tffix.aws.iam: does a role of the module grant an action? yes / no / unknown, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tffix.analysis.module import analyze_directory
from tffix.aws.iam import MANAGED_POLICIES, XRAY_ACTIONS, Answer, Grant, Permissions

if TYPE_CHECKING:
    from pathlib import Path

ROLE = """
resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = "{}"
}
"""


def permissions(tmp_path: Path, *texts: str) -> Permissions:
    for k, text in enumerate(texts):
        (tmp_path / f"f{k}.tf").write_text(text, encoding="utf-8")
    return Permissions(analyze_directory(tmp_path))


def xray(tmp_path: Path, text: str, role: str = "aws_iam_role.fn") -> Answer:
    return permissions(tmp_path, ROLE, text).grants(role, XRAY_ACTIONS)


def attachment(arn: str, role: str = "aws_iam_role.fn.name") -> str:
    return (
        'resource "aws_iam_role_policy_attachment" "x" {\n'
        f"  role       = {role}\n  policy_arn = {arn}\n}}\n"
    )


def test_a_role_with_no_policy_grants_nothing(tmp_path: Path) -> None:
    answer = xray(tmp_path, "")
    assert answer.grant is Grant.NO and answer.addable
    assert "xray:PutTraceSegments" in answer.reason


@pytest.mark.parametrize(
    "arn",
    [
        '"arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"',
        '"arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"',
        '"arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSXrayFullAccess"',
        '"arn:aws-us-gov:iam::aws:policy/AdministratorAccess"',
        '"arn:aws:iam::aws:policy/PowerUserAccess"',
    ],
)
def test_managed_policies_that_write_traces(tmp_path: Path, arn: str) -> None:
    assert xray(tmp_path, attachment(arn)).grant is Grant.YES


@pytest.mark.parametrize(
    "name",
    ["service-role/AWSLambdaBasicExecutionRole", "service-role/AWSLambdaVPCAccessExecutionRole"],
)
def test_basic_lambda_policies_do_not_write_traces(tmp_path: Path, name: str) -> None:
    text = attachment(f'"arn:aws:iam::aws:policy/{name}"', "aws_iam_role.fn.id")
    assert xray(tmp_path, text).grant is Grant.NO


def test_an_attachment_by_literal_role_name(tmp_path: Path) -> None:
    text = attachment('"arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"', '"fn"')
    assert xray(tmp_path, text).grant is Grant.YES


def test_an_unknown_managed_policy_is_unknown(tmp_path: Path) -> None:
    answer = xray(tmp_path, attachment('"arn:aws:iam::aws:policy/ReadOnlyAccess"'))
    assert answer.grant is Grant.UNKNOWN and answer.addable
    assert "ReadOnlyAccess is not in tffix's table" in answer.reason


def test_a_policy_from_a_variable_is_unknown(tmp_path: Path) -> None:
    answer = xray(tmp_path, 'variable "extra_policy" {}\n' + attachment("var.extra_policy"))
    assert answer.grant is Grant.UNKNOWN
    assert "var.extra_policy" in answer.reason


JSONENCODE = """
resource "aws_iam_role_policy" "fn" {
  role = aws_iam_role.fn.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["dynamodb:GetItem"]
        Resource = aws_dynamodb_table.t.arn
      },
      {
        Effect   = "Allow"
        Action   = %s
        Resource = %s
      },
    ]
  })
}
"""


@pytest.mark.parametrize(
    ("action", "resource", "grant"),
    [
        ('["xray:PutTraceSegments", "xray:PutTelemetryRecords"]', '"*"', Grant.YES),
        ('"xray:*"', '["*"]', Grant.YES),
        ('["XRay:Put*"]', '"*"', Grant.YES),  # actions are case-insensitive
        ('["xray:PutTraceSegments"]', '"*"', Grant.NO),  # telemetry missing
        ('["xray:*"]', '"arn:aws:xray:*:*:group/*"', Grant.NO),  # Put* needs "*"
        ('["xray:*"]', "aws_xray_group.g.arn", Grant.UNKNOWN),
        ("var.actions", '"*"', Grant.UNKNOWN),
        ('["xray:${var.verb}*"]', '"*"', Grant.UNKNOWN),
    ],
)
def test_jsonencode_statements(tmp_path: Path, action: str, resource: str, grant: Grant) -> None:
    assert xray(tmp_path, JSONENCODE % (action, resource)).grant is grant


def test_a_statement_from_a_local_with_a_condition(tmp_path: Path) -> None:
    text = """
locals {
  xray = {
    Effect    = "Allow"
    Action    = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    Resource  = "*"
    Condition = { StringEquals = { "aws:RequestedRegion" = "eu-west-1" } }
  }
}
resource "aws_iam_role_policy" "fn" {
  role   = aws_iam_role.fn.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [local.xray] })
}
"""
    answer = xray(tmp_path, text)
    assert answer.grant is Grant.UNKNOWN and answer.addable
    assert "under conditions" in answer.reason


def test_a_deny_wins_and_cannot_be_added_to(tmp_path: Path) -> None:
    text = attachment('"arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"') + (
        'resource "aws_iam_role_policy" "deny" {\n'
        "  role   = aws_iam_role.fn.id\n"
        "  policy = <<POLICY\n"
        '{"Version": "2012-10-17",\n'
        ' "Statement": [{"Effect": "Deny", "NotAction": ["s3:*"], "Resource": "*"}]}\n'
        "POLICY\n"
        "}\n"
    )
    answer = xray(tmp_path, text)
    assert answer.grant is Grant.NO and not answer.addable
    assert "aws_iam_role_policy.deny denies" in answer.reason


def test_a_heredoc_policy_with_interpolations(tmp_path: Path) -> None:
    text = (
        'resource "aws_iam_role_policy" "p" {\n'
        "  role   = aws_iam_role.fn.id\n"
        "  policy = <<-POLICY\n"
        '    {"Statement": [\n'
        '      {"Effect": "Allow", "Action": "s3:*", "Resource": "${aws_s3_bucket.b.arn}/*"},\n'
        '      {"Effect": "Allow", "Action": "xray:Put*", "Resource": "*"}]}\n'
        "  POLICY\n"
        "}\n"
    )
    assert xray(tmp_path, text).grant is Grant.YES


def test_policy_document_data_source_and_customer_policy(tmp_path: Path) -> None:
    text = """
data "aws_iam_policy_document" "xray" {
  statement {
    sid       = "Traces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "xray" {
  name   = "xray"
  policy = data.aws_iam_policy_document.xray.json
}
resource "aws_iam_policy_attachment" "xray" {
  name       = "xray"
  roles      = [aws_iam_role.fn.name]
  policy_arn = aws_iam_policy.xray.arn
}
"""
    answer = xray(tmp_path, text)
    assert answer.grant is Grant.YES
    assert "data.aws_iam_policy_document.xray allows" in answer.reason


def test_a_policy_document_statement_with_a_condition_block(tmp_path: Path) -> None:
    text = """
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["xray:*"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }
  }
}
resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.fn.name
  policy = data.aws_iam_policy_document.p.json
}
"""
    assert xray(tmp_path, text).grant is Grant.UNKNOWN


def test_inline_policy_block_and_managed_policy_arns(tmp_path: Path) -> None:
    text = """
resource "aws_iam_role" "other" {
  name                = "other"
  assume_role_policy  = "{}"
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
  inline_policy {
    name   = "xray"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "xray:*", Resource = "*" }] })
  }
}
"""
    p = permissions(tmp_path, text)
    assert p.grants("aws_iam_role.other", XRAY_ACTIONS).grant is Grant.YES
    assert p.grants("aws_iam_role.other", ["logs:PutLogEvents"]).grant is Grant.YES
    assert p.grants("aws_iam_role.other", ["s3:GetObject"]).grant is Grant.NO
    assert "managed_policy_arns" in (p.exclusive("aws_iam_role.other") or "")
    assert p.exclusive("aws_iam_role.fn") is not None  # not declared in this module


def test_an_attachment_made_only_under_a_condition(tmp_path: Path) -> None:
    text = (
        'variable "tracing" {\n  default = true\n}\n'
        'resource "aws_iam_role_policy_attachment" "x" {\n'
        "  count      = var.tracing ? 1 : 0\n"
        "  role       = aws_iam_role.fn.name\n"
        '  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"\n'
        "}\n"
    )
    answer = xray(tmp_path, text)
    assert answer.grant is Grant.UNKNOWN and answer.addable
    assert "exists only when `count = var.tracing ? 1 : 0`" in answer.reason


def test_an_attachment_per_instance_of_the_role(tmp_path: Path) -> None:
    role = (
        'resource "aws_iam_role" "fn" {\n  for_each           = toset(var.names)\n'
        '  name               = each.key\n  assume_role_policy = "{}"\n}\n'
    )
    text = (
        'resource "aws_iam_role_policy_attachment" "x" {\n'
        "  for_each   = aws_iam_role.fn\n"
        "  role       = aws_iam_role.fn[each.key].name\n"
        '  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"\n'
        "}\n"
    )
    answer = permissions(tmp_path, role, text).grants("aws_iam_role.fn", XRAY_ACTIONS)
    assert answer.grant is Grant.YES


def test_permissions_boundary_from_outside_is_unknown_and_not_addable(tmp_path: Path) -> None:
    text = """
resource "aws_iam_role" "bounded" {
  name                 = "b"
  assume_role_policy   = "{}"
  permissions_boundary = var.boundary
}
resource "aws_iam_role_policy_attachment" "x" {
  role       = aws_iam_role.bounded.name
  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
}
"""
    answer = permissions(tmp_path, text).grants("aws_iam_role.bounded", XRAY_ACTIONS)
    assert answer.grant is Grant.UNKNOWN and not answer.addable
    assert "permissions boundary" in answer.reason


def test_a_module_given_the_role_may_attach_policies(tmp_path: Path) -> None:
    text = 'module "policies" {\n  source = "./p"\n  role   = aws_iam_role.fn.name\n}\n'
    answer = xray(tmp_path, text)
    assert answer.grant is Grant.UNKNOWN and answer.addable
    assert "module.policies" in answer.reason


# ---- which role ----------------------------------------------------------------

FUNCTION = """
resource "aws_lambda_function" "f" {
  %s
  function_name = "f"
  role          = %s
}
"""
OTHERS = """
resource "aws_iam_role" "two" {
  name               = "two"
  assume_role_policy = "{}"
}
locals {
  role_arn = aws_iam_role.fn.arn
  functions = {
    a = { role = aws_iam_role.fn.arn, memory = 128 }
    b = { role = local.role_arn }
    c = { role = aws_iam_role.two.arn }
  }
}
variable "create" {
  default = true
}
"""


@pytest.mark.parametrize(
    ("meta", "role", "roles", "fact"),
    [
        ("", "aws_iam_role.fn.arn", ["aws_iam_role.fn"], None),
        ("", '"${aws_iam_role.fn.arn}"', ["aws_iam_role.fn"], None),
        ("", "local.role_arn", ["aws_iam_role.fn"], None),
        ("", "var.role_arn", [], "variable role_arn"),
        ("", "data.aws_iam_role.shared.arn", [], "data.aws_iam_role.shared"),
        ("", "module.roles.arn", [], "module.roles"),
        ("", '"arn:aws:iam::123456789012:role/x"', [], "arn:aws:iam::123456789012:role/x"),
        ("", "var.create ? aws_iam_role.fn.arn : var.role_arn", [], "var.create"),
        ("", "aws_iam_role.gone.arn", [], "aws_iam_role.gone is not declared"),
        (
            "for_each = local.functions",
            "each.value.role",
            ["aws_iam_role.fn", "aws_iam_role.two"],
            None,
        ),
        ("for_each = var.functions", "each.value.role", [], "each.value.role"),
        (
            'for_each = { for name, f in local.functions : name => f if name != "c" }',
            "each.value.role",
            ["aws_iam_role.fn"],
            None,
        ),
        (
            "for_each = merge(local.functions, { d = { role = var.role_arn } })",
            "each.value.role",
            [],
            "instance 'd' comes from `var.role_arn",
        ),
    ],
)
def test_roles_of(tmp_path: Path, meta: str, role: str, roles: list[str], fact: str | None) -> None:
    p = permissions(tmp_path, ROLE, OTHERS, FUNCTION % (meta, role))
    declaration = p.analysis.lookup("aws_lambda_function.f")
    assert declaration is not None
    function = declaration.node
    attribute = function.body.attribute("role")  # type: ignore[union-attr]
    assert attribute is not None
    found, why = p.roles_of(attribute.value, function)  # type: ignore[arg-type]
    assert found == roles
    if fact is None:
        assert why is None
    else:
        assert why is not None and fact in why, why


def test_the_managed_policy_table_cites_its_source() -> None:
    for policy in MANAGED_POLICIES.values():
        assert policy.source.startswith("https://docs.aws.amazon.com/aws-managed-policy/")
    basic = MANAGED_POLICIES["service-role/AWSLambdaBasicExecutionRole"]
    assert not any(a.startswith("xray:") for a in basic.allow)
    assert basic.source.endswith("/AWSLambdaBasicExecutionRole.html")


KEYS = """
resource "aws_kms_key" "logs" {}
resource "aws_kms_key" "other" {}
resource "aws_kms_key" "many" {
  count = 2
}
resource "aws_iam_role_policy" "fn" {
  role = aws_iam_role.fn.id
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource = RESOURCE
    }]
  })
}
"""


@pytest.mark.parametrize(
    ("resource", "key", "grant", "on_star"),
    [
        ("aws_kms_key.logs.arn", "aws_kms_key.logs", Grant.YES, Grant.NO),
        ('["${aws_kms_key.logs.arn}"]', "aws_kms_key.logs", Grant.YES, Grant.NO),
        ('"*"', "aws_kms_key.logs", Grant.YES, Grant.YES),
        ("aws_kms_key.other.arn", "aws_kms_key.logs", Grant.NO, Grant.NO),
        ("aws_kms_key.many[0].arn", "aws_kms_key.many", Grant.UNKNOWN, Grant.NO),
        ('"arn:aws:kms:eu-west-1:111122223333:key/*"', "aws_kms_key.logs", Grant.UNKNOWN, Grant.NO),
        ("var.key_arn", "aws_kms_key.logs", Grant.UNKNOWN, Grant.UNKNOWN),
    ],
)
def test_a_statement_naming_a_key_by_reference_covers_that_key_only(
    tmp_path: Path, resource: str, key: str, grant: Grant, on_star: Grant
) -> None:
    from tffix.aws.iam import Reference

    p = permissions(tmp_path, ROLE, KEYS.replace("RESOURCE", resource))
    answer = p.grants("aws_iam_role.fn", ["kms:Decrypt", "kms:GenerateDataKey"], Reference(key))
    assert answer.grant is grant, answer.reason
    # Actions asked on "*" (no resource-level permissions) need Resource = "*".
    star = p.grants("aws_iam_role.fn", ["kms:Decrypt"])
    assert star.grant is on_star, star.reason


TABLES = """
resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "id"
}

resource "aws_dynamodb_table" "audit" {
  name     = "audit"
  hash_key = "id"
}

resource "aws_kms_key" "this" {
  for_each = toset(["data", "logs"])
}

resource "aws_iam_role" "admin" {
  name               = "admin"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy" "admin" {
  role = aws_iam_role.admin.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_role_policy" "fn" {
  role = aws_iam_role.fn.id
  policy = jsonencode({
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["dynamodb:GetItem"]
        Resource = [aws_dynamodb_table.orders.arn]
      },
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = [aws_kms_key.this["data"].arn]
      },
    ]
  })
}
"""


def test_the_roles_that_use_a_table_and_which_key_instance_they_may_use(
    tmp_path: Path,
) -> None:
    """Users are roles whose policies name the table's ARN (an administrator's ``*``
    says nothing about who uses it); a literal index tells key instances apart."""
    from tffix.aws.policies import Reference

    found = permissions(tmp_path, ROLE, TABLES)
    assert found.roles_using("aws_dynamodb_table.orders", "dynamodb") == ["aws_iam_role.fn"]
    assert found.roles_using("aws_dynamodb_table.audit", "dynamodb") == []
    data = Reference("aws_kms_key.this", indexed=True, key="data")
    logs = Reference("aws_kms_key.this", indexed=True, key="logs")
    assert found.grants("aws_iam_role.fn", ("kms:Decrypt",), data).grant is Grant.YES
    assert found.grants("aws_iam_role.fn", ("kms:Decrypt",), logs).grant is Grant.NO
