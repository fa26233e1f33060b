"""tffix.aws.kms: who may use a key, what a key was made for, where it lives."""

from __future__ import annotations

import tffix
from tffix.analysis.module import ModuleAnalysis, analyze_modules
from tffix.aws import kms
from tffix.syntax import nodes as n

TEXT = """
data "aws_caller_identity" "current" {}

# Default key policy: the account's IAM delegation only.
resource "aws_kms_key" "default" {}

resource "aws_kms_key" "trail" {
  policy = data.aws_iam_policy_document.trail.json
}

data "aws_iam_policy_document" "trail" {
  statement {
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    actions   = ["kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "trail"
  kms_key_id     = aws_kms_key.trail.arn
}

resource "aws_kms_key" "separate" {
  provider = aws.west
}

resource "aws_kms_key_policy" "separate" {
  key_id = aws_kms_key.separate.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "kms:*"
      Resource  = "*"
      Condition = { StringEquals = { "kms:ViaService" = "s3.us-west-2.amazonaws.com" } }
    }]
  })
}

resource "aws_kms_key" "unreadable" {
  policy = var.key_policy
}

resource "aws_s3_bucket" "east" {}

resource "aws_s3_bucket" "west" {
  provider = aws.west
}
"""


def analysis() -> ModuleAnalysis:
    return analyze_modules("/nonexistent", {"main.tf": tffix.parse(TEXT)})


def block(module: ModuleAnalysis, address: str) -> n.Block:
    found = module.lookup(address)
    assert found is not None
    return found.node  # type: ignore[return-value]


def test_who_may_use_a_key() -> None:
    module = analysis()
    default, trail, separate, unreadable = (
        block(module, f"aws_kms_key.{k}") for k in ("default", "trail", "separate", "unreadable")
    )
    assert kms.key_policy(module, default) == []
    assert kms.grants_service(module, default, "delivery.logs.amazonaws.com") is False
    assert kms.grants_service(module, trail, "cloudtrail.amazonaws.com") is True
    assert kms.grants_service(module, trail, "delivery.logs.amazonaws.com") is False
    # kms:* to everyone (through S3) covers any service principal too.
    assert kms.grants_service(module, separate, "delivery.logs.amazonaws.com") is True
    assert kms.grants_service(module, unreadable, "cloudtrail.amazonaws.com") is None
    assert kms.grants_account_through_s3(module, separate)
    assert not kms.grants_account_through_s3(module, default)
    assert not kms.grants_account_through_s3(module, trail)


def test_what_a_key_was_made_for_and_where_it_lives() -> None:
    module = analysis()
    trail, default, separate = (
        block(module, f"aws_kms_key.{k}") for k in ("trail", "default", "separate")
    )
    assert kms.made_for(module, trail) == "aws_cloudtrail.main"
    assert kms.made_for(module, default) is None
    assert kms.made_for(module, separate) is None  # its policy resource is not a use
    east, west = block(module, "aws_s3_bucket.east"), block(module, "aws_s3_bucket.west")
    assert kms.same_provider(east, default) and not kms.same_provider(east, separate)
    assert kms.same_provider(west, separate) and not kms.same_provider(west, default)


LOGS_KEYS = """
resource "aws_kms_key" "regional" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logs.${data.aws_region.current.name}.amazonaws.com" }
      Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"]
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "literal" {
  policy = data.aws_iam_policy_document.literal.json
}

data "aws_iam_policy_document" "literal" {
  statement {
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.eu-west-1.amazonaws.com"]
    }
  }
}

# Names the service, but only lets it describe the key.
resource "aws_kms_key" "describe_only" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logs.amazonaws.com" }
      Action    = "kms:Describe*"
      Resource  = "*"
    }]
  })
}

# Another service whose name contains "logs": not CloudWatch Logs.
resource "aws_kms_key" "delivery" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "delivery.logs.amazonaws.com" }
      Action    = "kms:GenerateDataKey*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_key" "input_principal" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = var.service }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
"""


def test_whether_cloudwatch_logs_may_use_a_key() -> None:
    """logs.<region>.amazonaws.com, the region often an expression; Encrypt or
    GenerateDataKey allowed (CloudWatch Logs User Guide, encrypt-log-data-kms)."""
    module = analyze_modules("/nonexistent", {"main.tf": tffix.parse(LOGS_KEYS)})
    verdicts = {
        name: kms.grants_logs(module, block(module, f"aws_kms_key.{name}"))
        for name in ("regional", "literal", "describe_only", "delivery", "input_principal")
    }
    assert verdicts == {
        "regional": True,
        "literal": True,
        "describe_only": False,
        "delivery": False,
        "input_principal": None,
    }
    assert kms.grants_logs(analysis(), block(analysis(), "aws_kms_key.default")) is False


def test_the_account_through_one_service_only() -> None:
    """A statement for every principal of the account limited by kms:ViaService serves
    that service only; the default policy (IAM delegation) serves nobody by itself."""
    module = analysis()
    default, separate, unreadable = (
        block(module, f"aws_kms_key.{k}") for k in ("default", "separate", "unreadable")
    )
    assert kms.grants_account_through(module, separate, "s3", ("kms:Decrypt",))
    assert not kms.grants_account_through(module, separate, "dynamodb", ("kms:Decrypt",))
    assert not kms.grants_account_through(module, default, "dynamodb", ("kms:Decrypt",))
    assert not kms.grants_account_through(module, unreadable, "dynamodb", ("kms:Decrypt",))
