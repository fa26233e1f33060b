"""A small repository of two modules, copied from examples/ and corpus/ for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture
def infra(tmp_path: Path) -> Path:
    """Three modules: ``s3-kms`` (AWS003, AWS008, AWS009 fixes), ``keys`` (an AWS003
    fix) and ``rotate`` (an AWS003 finding for a person)."""
    root = tmp_path / "infra"
    shutil.copytree(REPO / "examples" / "s3-kms", root / "s3-kms")
    # a deployment: it configures its provider (without one, nothing shows whether it
    # is a root or a module called from elsewhere, and versioning is not added)
    (root / "s3-kms" / "providers.tf").write_text('provider "aws" {\n  region = "eu-west-1"\n}\n')
    for name, case in (("keys", "plain"), ("rotate", "expression_value")):
        (root / name).mkdir()
        shutil.copy(REPO / "corpus" / "AWS003" / f"{case}.before.tf", root / name / "main.tf")
    return root
