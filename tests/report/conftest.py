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
    for name, case in (("keys", "plain"), ("rotate", "expression_value")):
        (root / name).mkdir()
        shutil.copy(REPO / "corpus" / "AWS003" / f"{case}.before.tf", root / name / "main.tf")
    return root
