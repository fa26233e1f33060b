"""Which KMS keys can encrypt data, and how a key option is written."""

from __future__ import annotations

import pytest

import tffix
from tffix.analysis.kms import is_symmetric_encryption_key, key_expression


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("", True),
        ('customer_master_key_spec = "SYMMETRIC_DEFAULT"', True),
        ('key_spec = "RSA_2048"', False),
        ('key_usage = "SIGN_VERIFY"', False),
        ('key_usage = "ENCRYPT_DECRYPT"', True),
        ('customer_master_key_spec = "HMAC_256"\n  key_usage = "GENERATE_VERIFY_MAC"', False),
    ],
)
def test_symmetric_encryption_keys(body: str, expected: bool) -> None:
    key = tffix.parse(f'resource "aws_kms_key" "k" {{\n  {body}\n}}\n').body.blocks[0]
    assert is_symmetric_encryption_key(key) is expected


def test_key_options() -> None:
    assert key_expression("aws_kms_key.main.arn") == "aws_kms_key.main.arn"
    assert key_expression(" var.key_arn ") == "var.key_arn"
    arn = "arn:aws:kms:eu-west-1:111122223333:key/abcd"
    assert key_expression(arn) == f'"{arn}"'
    assert key_expression("not an expression {") == '"not an expression {"'
