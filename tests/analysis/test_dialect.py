"""Terraform 0.11 code is recognised from its own text (tffix.analysis.dialect)."""

from __future__ import annotations

import pytest

from tffix.analysis.dialect import legacy, removed_function
from tffix.syntax.parser import parse


def _files(text: str) -> dict[str, object]:
    return {"main.tf": parse(text, path="main.tf")}


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        (
            'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n\n  tags {\n    Name = "x"\n  }\n}\n',
            (4, 3),
            "`tags` written as a block",
        ),
        (
            'resource "aws_lambda_function" "f" {\n  environment {\n    variables {\n'
            '      A = "1"\n    }\n  }\n}\n',
            (3, 5),
            "`variables` written as a block",
        ),
        ('output "Web DNS Name" {\n  value = "x"\n}\n', (1, 8), 'output name "Web DNS Name"'),
        ('resource "aws_s3_bucket" "b i1" {\n}\n', (1, 26), 'resource name "b i1"'),
        ('variable "2fast" {\n}\n', (1, 10), 'variable name "2fast"'),
    ],
)
def test_terraform_0_11_syntax_is_found(text: str, where: tuple[int, int], what: str) -> None:
    found = legacy(_files(text))  # type: ignore[arg-type]
    assert found is not None
    assert (found.line, found.column) == where
    assert found.what.startswith(what)


def test_a_provider_pinned_before_terraform_0_12_support_is_legacy() -> None:
    text = 'provider "aws" {\n  version = ">= 1.20.0, <= 2.0.0"\n  region  = "us-east-1"\n}\n'
    found = legacy(_files(text), (2, 0, 1))  # type: ignore[arg-type]
    assert found is not None and (found.line, found.column) == (2, 3)
    assert legacy(_files(text), (2, 7, 1)) is None  # type: ignore[arg-type]
    assert legacy(_files(text), None) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        # Current syntax: map arguments, names with dashes and underscores.
        'resource "aws_s3_bucket" "my-bucket_1" {\n  tags = {\n    Name = "x"\n  }\n}\n',
        # A block named tags outside AWS resources, and a dynamic "tags" content.
        'resource "other_thing" "x" {\n  tags {\n    a = 1\n  }\n}\n',
        'resource "aws_autoscaling_group" "g" {\n  tag {\n    key = "a"\n  }\n}\n',
        # Unicode letters are letters.
        'output "größe" {\n  value = 1\n}\n',
        # A provider label is a provider's name, not checked here.
        'provider "aws" {\n  region = "x"\n}\n',
    ],
)
def test_current_code_is_not_legacy(text: str) -> None:
    assert legacy(_files(text)) is None  # type: ignore[arg-type]


def test_map_and_list_calls_are_found_but_not_type_constraints() -> None:
    typed = 'variable "v" {\n  type = map(list(string))\n}\n'
    assert removed_function(_files(typed)) is None  # type: ignore[arg-type]
    called = typed + 'locals {\n  t = merge(map("a", "b"), {})\n}\n'
    found = removed_function(_files(called))  # type: ignore[arg-type]
    assert found is not None and found[1].name == "map" and found[1].line == 5
