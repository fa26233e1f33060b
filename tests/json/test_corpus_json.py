"""The JSON configuration of corpus/json: read, shadowed and fixed without losing a byte.

The files hold the shapes generators write (arrays at every level, empty
objects, maps with dashed keys, dynamic blocks in arrays, a BOM, CRLF and
tabs, no final newline); ``prod.tfvars`` is a variable file that is not
``terraform fmt`` clean, with comments.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import OWN_CORPUS
from tffix.engine.session import run, select_codemods
from tffix.json.document import parse as parse_json
from tffix.json.document import tokens
from tffix.json.hcl import read, translate
from tffix.syntax.parser import parse

CORPUS = OWN_CORPUS / "json"
JSON = sorted(CORPUS.glob("*.tf.json"))


@pytest.mark.parametrize("path", JSON, ids=lambda p: p.name)
def test_read_shadowed_and_written_back_unchanged(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    assert "".join(t for _, t in tokens(text)) == text
    parse_json(text)
    shadow = read(text)
    tree = parse(shadow.text)
    assert tree.code == shadow.text
    # no change to the shadow, no change to the file
    assert translate(shadow, parse(shadow.text), tree) == text


def test_tfvars_round_trip() -> None:
    for path in CORPUS.glob("*.tfvars"):
        text = path.read_bytes().decode("utf-8")
        assert parse(text).code == text


def test_generated_json_is_fixed_in_place(tmp_path: Path) -> None:
    shutil.copy(CORPUS / "generated.tf.json", tmp_path / "main.tf.json")
    # A deployment: without a provider configuration and with required inputs, the
    # module is one made to be called, where AWS009 reports instead of editing.
    (tmp_path / "provider.tf").write_text('provider "aws" {\n  region = "eu-west-1"\n}\n')
    before = (tmp_path / "main.tf.json").read_text()
    report = run([tmp_path], select_codemods(["AWS003", "AWS009"]))
    assert not report.errors
    after = (tmp_path / "main.tf.json").read_text()
    data = json.loads(after)
    key = data["resource"]["aws_kms_key"]["logs"][0]
    assert key["enable_key_rotation"] is True
    assert data["resource"]["aws_cloudwatch_log_group"]["app"]["retention_in_days"] == 365
    # only lines were added, each in the file's indentation
    old, new = before.splitlines(), after.splitlines()
    added = [line for line in new if line not in old]
    assert added == [
        '                    "deletion_window_in_days": 7,',
        '                    "enable_key_rotation": true',
        '                "tags": {"team-name": "platform", "Env": "${var.env}"},',
        '                "retention_in_days": 365',
    ]
    assert [line for line in old if line not in new] == [
        '                    "deletion_window_in_days": 7',
        '                "tags": {"team-name": "platform", "Env": "${var.env}"}',
    ]  # each gained the comma before the new member
    assert not after.endswith("\n")
    again = run([tmp_path], select_codemods(["AWS003", "AWS009"]))
    assert not again.changed and not again.findings


def test_a_bom_crlf_and_tabs_are_kept(tmp_path: Path) -> None:
    shutil.copy(CORPUS / "crlf_tabs.tf.json", tmp_path / "keys.tf.json")
    report = run([tmp_path], select_codemods(["AWS003"]))
    assert not report.errors
    data = (tmp_path / "keys.tf.json").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf{\r\n\t")
    assert b'\t\t\t\t"description": "k",\r\n\t\t\t\t"enable_key_rotation": true\r\n' in data
    assert b"\n" not in data.replace(b"\r\n", b"")
