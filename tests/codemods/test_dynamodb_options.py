"""Options of the DynamoDB codemods (AWS001, AWS002, AWS012), which corpus cases cannot set."""

from __future__ import annotations

from pathlib import Path

import pytest

from tffix.engine.codemod import Safety
from tffix.engine.registry import get
from tffix.engine.runner import run_module

TABLE = """\
resource "aws_dynamodb_table" "t" {
  name                        = "t"
  hash_key                    = "id"
  deletion_protection_enabled = false

  attribute {
    name = "id"
    type = "S"
  }

  global_secondary_index {
    name     = "x"
    hash_key = "x"
  }
}
"""


def _run(tmp_path: Path, text: str, code: str, **options: object) -> tuple[str, list[str]]:
    path = tmp_path / "main.tf"
    path.write_text(text, encoding="utf-8")
    result = run_module(str(tmp_path), [str(path)], [get(code)(**options)])
    assert not result.errors, result.errors
    manual = [f.message for f in result.findings if f.status.value == "manual"]
    return result.files[0].new, manual


def test_projection_type_option(tmp_path: Path) -> None:
    new, _ = _run(tmp_path, TABLE, "AWS001", projection_type="KEYS_ONLY")
    assert '    projection_type = "KEYS_ONLY"\n' in new


def test_projection_type_option_is_validated(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="projection_type"):
        _run(tmp_path, TABLE, "AWS001", projection_type="SOME")


def test_deletion_protection_true_turns_false_into_true(tmp_path: Path) -> None:
    new, _ = _run(tmp_path, TABLE, "AWS002", deletion_protection=True)
    assert "  deletion_protection_enabled = true\n" in new


def test_deletion_protection_false_never_weakens_true(tmp_path: Path) -> None:
    text = TABLE.replace(
        "deletion_protection_enabled = false", "deletion_protection_enabled = true"
    )
    new, _ = _run(tmp_path, text, "AWS002")
    assert "  deletion_protection_enabled = true\n" in new


def test_deletion_protection_true_reports_an_expression(tmp_path: Path) -> None:
    text = TABLE.replace("= false", "= var.protect") + (
        'variable "protect" {\n  default = false\n}\n'
    )
    new, manual = _run(tmp_path, text, "AWS002", deletion_protection=True)
    assert "deletion_protection_enabled = var.protect" in new
    assert any("variable protect defaults to false: make that true" in m for m in manual)


@pytest.mark.parametrize(
    ("option", "written"),
    [
        ("arn:aws:kms:eu-west-1:1:key/abcd", '"arn:aws:kms:eu-west-1:1:key/abcd"'),
        ("var.table_key_arn", "var.table_key_arn"),
        # Not an expression, so a string: `${` and `%{` must not start a template.
        ("my-key${x %{y", '"my-key$${x %%{y"'),
    ],
)  # fmt: skip
def test_kms_key_arn_option(tmp_path: Path, option: str, written: str) -> None:
    new, manual = _run(tmp_path, TABLE, "AWS002", kms_key_arn=option)
    assert f"    kms_key_arn = {written}\n" in new
    assert manual == []


# A key policy that lets the account's principals use the key through DynamoDB.
THROUGH_DYNAMODB = """
resource "aws_kms_key" "k" {
  enable_key_rotation = true
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"]
      Resource  = "*"
      Condition = { StringEquals = { "kms:ViaService" = "dynamodb.eu-west-1.amazonaws.com" } }
    }]
  })
}
"""


def test_the_module_key_wins_over_the_option(tmp_path: Path) -> None:
    new, _ = _run(tmp_path, TABLE + THROUGH_DYNAMODB, "AWS002", kms_key_arn="var.other")
    assert "    kms_key_arn = aws_kms_key.k.arn\n" in new


def test_the_option_serves_when_the_module_key_may_not(tmp_path: Path) -> None:
    """The module's key with the default key policy and no user shown: the table's
    readers may not be allowed to use it; the key a person set for the tables is."""
    text = TABLE + '\nresource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n'
    new, manual = _run(tmp_path, text, "AWS002", kms_key_arn="var.other")
    assert "    kms_key_arn = var.other\n" in new
    assert manual == []
    new, manual = _run(tmp_path, text, "AWS002")
    assert "kms_key_arn" not in new
    assert any("not aws_kms_key.k.arn" in m and "AccessDeniedException" in m for m in manual)


def test_a_counted_key_is_not_guessed(tmp_path: Path) -> None:
    text = TABLE + '\nresource "aws_kms_key" "k" {\n  count = 2\n}\n'
    new, manual = _run(tmp_path, text, "AWS002")
    assert "kms_key_arn" not in new
    assert any("aws_kms_key.k, has count/for_each" in m for m in manual)


def test_on_demand_is_unsafe_and_documented() -> None:
    cls = get("AWS012")
    assert cls.safety is Safety.UNSAFE
    assert cls.checks == ("CKV2_AWS_16",)
    for code in ("AWS001", "AWS002", "AWS012"):
        text = get(code).explanation
        assert "Why:" in text and "What it does:" in text and "Example:" in text


@pytest.mark.parametrize(
    "setting",
    [
        "billing_mode = local.billing\n  read_capacity = 5\n  write_capacity = 5",
        "read_capacity = var.read\n  write_capacity = var.write",
        'billing_mode = "PROVISIONED"',
    ],
)
def test_a_provisioned_choice_is_reported_never_switched(tmp_path: Path, setting: str) -> None:
    """PROVISIONED written out, fixed by a local, or capacity units chosen (even by
    variables): a cost decision. CKV2_AWS_16 asks for autoscaling, not on-demand."""
    text = (
        'locals {\n  billing = "PROVISIONED"\n}\n\n'
        'variable "read" {\n  default = 5\n}\n\nvariable "write" {\n  default = 5\n}\n\n'
        f'resource "aws_dynamodb_table" "t" {{\n  name = "t"\n  {setting}\n  hash_key = "id"\n}}\n'
    )
    new, manual = _run(tmp_path, text, "AWS012")
    assert new == text
    (message,) = manual
    assert "provisioned capacity is chosen here" in message
    assert "aws_appautoscaling_target" in message and "does not override" in message
