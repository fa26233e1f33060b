"""Which AWS provider versions a module allows, and whether they all have a resource."""

from __future__ import annotations

from pathlib import Path

import pytest

import tffix
from tffix.analysis.module import analyze_modules
from tffix.aws import provider_versions as pv


def module(text: str, directory: str = "/nonexistent") -> object:
    return analyze_modules(directory, {"main.tf": tffix.parse(text)})


def required(version: str) -> str:
    return (
        "terraform {\n  required_providers {\n    aws = {\n"
        f'      source  = "hashicorp/aws"\n      version = "{version}"\n'
        "    }\n  }\n}\n"
    )


@pytest.mark.parametrize(
    ("constraint", "versioning", "public_access_block"),
    [
        ("~> 3.50", None, True),  # 3.50..3.74 lack it, 3.75 has it
        ("~> 3.75", True, True),
        ("~> 3.74.0", False, True),  # 3.74.x only
        ("< 4.0, >= 3.0", None, True),
        (">= 4.0", True, True),
        ("~> 5.0", True, True),
        (">= 3.0", None, True),
        ("= 3.74.3", False, True),
        ("3.76.0", True, True),
        ("~> 1.50", False, None),  # 1.50..1.x: the block came in 1.54.0
        ("< 3.0, > 4.0", None, None),  # contradiction
    ],
)
def test_supports_reads_the_constraint(
    constraint: str, versioning: bool | None, public_access_block: bool | None
) -> None:
    analysis = module(required(constraint))
    assert pv.supports(analysis, "aws_s3_bucket_versioning") is versioning
    assert pv.supports(analysis, "aws_s3_bucket_public_access_block") is public_access_block


def test_no_constraint_means_the_newest_provider() -> None:
    assert pv.supports(module('resource "aws_s3_bucket" "b" {}\n'), "aws_s3_bucket_versioning")


def test_legacy_forms_and_other_providers() -> None:
    legacy = 'terraform {\n  required_providers {\n    aws = "~> 3.0"\n  }\n}\n'
    assert pv.supports(module(legacy), "aws_s3_bucket_versioning") is None
    block = 'provider "aws" {\n  version = "~> 2.70"\n}\n'
    assert pv.supports(module(block), "aws_s3_bucket_versioning") is False
    # A provider named aws from another namespace is not hashicorp/aws.
    other = required("~> 1.0").replace("hashicorp/aws", "acme/aws")
    assert pv.supports(module(other), "aws_s3_bucket_versioning") is True
    # Constraints in several blocks intersect.
    both = required(">= 3.0") + required(">= 3.75")
    assert pv.supports(module(both), "aws_s3_bucket_versioning") is True


def test_lock_file_decides(tmp_path: Path) -> None:
    (tmp_path / ".terraform.lock.hcl").write_text(
        'provider "registry.terraform.io/hashicorp/aws" {\n'
        '  version     = "3.74.1"\n'
        '  constraints = ">= 3.0"\n'
        "}\n",
        encoding="utf-8",
    )
    analysis = module(required(">= 3.0"), str(tmp_path))
    assert pv.supports(analysis, "aws_s3_bucket_versioning") is False
    assert "3.74.1" in pv.explain(analysis, "aws_s3_bucket_versioning")


def test_context_and_unknown_resources() -> None:
    analysis = module(required("~> 3.50"))

    class Context:
        def __init__(self, analysis: object) -> None:
            self.analysis = analysis

    assert pv.supports(Context(analysis), "aws_s3_bucket_versioning") is None
    assert pv.supports(analysis, "aws_instance") is True  # not in the table: old enough
    text = pv.explain(analysis, "aws_s3_bucket_versioning")
    assert '"~> 3.50"' in text and "3.75.0" in text and "CHANGELOG.md" in text
    with pytest.raises(TypeError):
        pv.supports(object(), "aws_s3_bucket_versioning")
