"""The provider-upgrade renames that plan more than a no-op: the version table's
``DISRUPTIVE`` entries, and what AWSV501/AWSV602/AWSV601 do with them.

A rename whose old argument is ForceNew and not read back (or whose removal makes
the provider stop the resource) replaces the resource on the providers that still
know the old argument; the codemods ask the table and report there. The oracle for
the table is the AWS provider's own schema (the local mirror's latest 5.x): an entry
that says 5.0 dropped an argument is checked against it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import OWN_CORPUS
from tffix.aws import provider_versions as versions
from tffix.codemods.awsv501_renamed_arguments import RENAMES as V5_RENAMES
from tffix.codemods.awsv601_renamed_arguments import RENAMES as V6_RENAMES
from tffix.codemods.awsv602_removed_arguments import REMOVALS as V6_REMOVALS
from tffix.engine.registry import get
from tffix.engine.runner import run_module

TERRAFORM = shutil.which("terraform")
PLUGINS = Path("/opt/tf-plugins")


def test_every_disruptive_entry_is_a_change_an_upgrade_codemod_makes() -> None:
    made = {(r.type, r.old) for r in V5_RENAMES if r.kind == "resource"}
    made |= {(r.type, r.old) for r in V6_RENAMES if r.kind == "resource"}
    made |= {(r.type, a) for r in V6_REMOVALS if r.kind == "resource" for a in r.arguments}
    assert set(versions.DISRUPTIVE) <= made, set(versions.DISRUPTIVE) - made
    for entry in versions.DISRUPTIVE.values():
        assert entry.source.startswith("https://github.com/hashicorp/terraform-provider-aws/")


MODULE = """terraform {{
  required_providers {{
    aws = {{
      source  = "hashicorp/aws"
      version = "{constraint}"
    }}
  }}
}}

{body}
"""


def _run(tmp_path: Path, code: str, constraint: str, body: str) -> tuple[str, list[str]]:
    main = tmp_path / "main.tf"
    main.write_text(MODULE.format(constraint=constraint, body=body), encoding="utf-8")
    result = run_module(str(tmp_path), [str(main)], [get(code)()])
    assert not result.errors, result.errors
    (file,) = result.files
    return file.new, [f"{f.status.value} {f.message}" for f in result.findings]


DX = """resource "aws_dx_gateway_association" "onprem" {
  dx_gateway_id  = "dxgw-0123456789abcdef0"
  vpn_gateway_id = "vgw-0123456789abcdef0"
}"""


@pytest.mark.parametrize(
    ("constraint", "renamed"), [("~> 5.0", False), (">= 4.0", False), ("~> 6.0", True)]
)
def test_dx_association_is_renamed_only_where_no_5x_provider_runs_it(
    tmp_path: Path, constraint: str, renamed: bool
) -> None:
    new, findings = _run(tmp_path, "AWSV602", constraint, DX)
    assert ("associated_gateway_id" in new) is renamed
    assert ("vpn_gateway_id" in new) is not renamed
    (finding,) = findings
    if renamed:
        assert finding.startswith("fixed ")
    else:
        assert finding.startswith("manual ")
        assert "replace the association" in finding and "before 6.0.0" in finding
        assert f'"{constraint}"' in finding


@pytest.mark.parametrize("constraint", ["~> 4.0", ">= 4.0, < 6.0", "~> 4.67"])
def test_v5_renames_that_replace_on_4x_are_reported_while_4x_is_allowed(
    tmp_path: Path, constraint: str
) -> None:
    body = """resource "aws_autoscaling_attachment" "web" {
  autoscaling_group_name = "web"
  alb_target_group_arn   = "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/1"
}"""
    new, (finding,) = _run(tmp_path, "AWSV501", constraint, body)
    assert new == MODULE.format(constraint=constraint, body=body)
    assert finding.startswith("manual ") and "replace the attachment" in finding


def test_a_v5_module_gets_the_rename(tmp_path: Path) -> None:
    body = """resource "aws_elasticache_replication_group" "r" {
  replication_group_id = "r"
  description          = "r"
  availability_zones   = ["us-east-1a"]
}"""
    new, (finding,) = _run(tmp_path, "AWSV501", ">= 5.0", body)
    assert "preferred_cache_cluster_azs = [" in new and "availability_zones" not in new
    # Not read back: the finding says what plan may show rather than "no change".
    assert finding.startswith("fixed ") and "set in place: it is not read back" in finding


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("var.policy", "compact([var.policy])"),
        ('var.on ? data.aws_iam_policy_document.b.json : ""', "compact(["),
        ('join("", data.aws_iam_policy_document.b.*.json)', "compact(["),
        ("data.aws_iam_policy_document.b.json", "[data.aws_iam_policy_document.b.json]"),
        ("data.aws_iam_policy_document.b[0].json", "[data.aws_iam_policy_document.b[0].json]"),
        ('jsonencode({ Version = "2012-10-17" })', '[jsonencode({ Version = "2012-10-17" })]'),
        ("null", None),
        ('""', None),
    ],
)
def test_a_source_document_that_may_be_empty_is_compacted(
    tmp_path: Path, value: str, written: str | None
) -> None:
    body = f'data "aws_iam_policy_document" "d" {{\n  source_json = {value}\n}}'
    new, (finding,) = _run(tmp_path, "AWSV501", ">= 4.0", body)
    assert "source_json" not in new and finding.startswith("fixed ")
    if written is None:
        assert "source_policy_documents" not in new and "removed" in finding
    else:
        assert f"source_policy_documents = {written}" in new
        assert ("compact" in finding) is written.startswith("compact")


# ---- the provider's schema --------------------------------------------------------


def _terraform(work: Path, *command: str) -> subprocess.CompletedProcess[str]:
    config = work / "terraform.rc"
    config.write_text(
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path    = "{PLUGINS}"\n'
        '    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n'
        '  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n',
        encoding="utf-8",
    )
    env = {**os.environ, "TF_CLI_CONFIG_FILE": str(config), "TF_IN_AUTOMATION": "1"}
    return subprocess.run(
        [str(TERRAFORM), *command, "-no-color"], cwd=work, env=env,
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip


def _needs_mirror() -> None:
    if TERRAFORM is None or not (PLUGINS / "registry.terraform.io/hashicorp/aws").is_dir():
        pytest.skip("terraform or the local AWS provider mirror (/opt/tf-plugins) is absent")


@pytest.mark.slow
def test_the_latest_5x_schema_agrees_with_the_table_and_the_fixed_cases(tmp_path: Path) -> None:
    """Each 5.0 entry's argument is gone from 5.x and its new name is there; each 6.0
    entry's argument is still there (so removing it on 5.x does what the entry says);
    and the AWSV501 cases fixed because the module allows no 4.x validate on 5.x."""
    _needs_mirror()
    work = tmp_path / "schema"
    work.mkdir()
    (work / "main.tf").write_text(MODULE.format(constraint=">= 5.100", body=""))
    assert _terraform(work, "init", "-backend=false", "-input=false").returncode == 0
    shown = subprocess.run(
        [str(TERRAFORM), "providers", "schema", "-json"], cwd=work, capture_output=True,
        text=True, check=True, timeout=600,
        env={**os.environ, "TF_CLI_CONFIG_FILE": str(work / "terraform.rc")},
    )  # fmt: skip
    schemas = json.loads(shown.stdout)["provider_schemas"]
    resources = schemas["registry.terraform.io/hashicorp/aws"]["resource_schemas"]

    def has(type_: str, name: str) -> bool:
        block = resources[type_]["block"]
        return name in block.get("attributes", {}) or name in block.get("block_types", {})

    new_names = {(r.type, r.old): r.new for r in V5_RENAMES if r.kind == "resource"}
    for (type_, argument), entry in versions.DISRUPTIVE.items():
        if entry.version == (5, 0, 0):
            assert not has(type_, argument), (type_, argument)
            assert has(type_, new_names[(type_, argument)]), (type_, argument)
        elif entry.version == (6, 0, 0):
            assert has(type_, argument), (type_, argument)
    # The self-contained cases of the renames the table allows (the others name blocks
    # they do not declare, which validate refuses whatever the renames).
    for name in ("autoscaling_v5", "elasticache_v5", "policy_document_empty"):
        before = OWN_CORPUS / "AWSV501" / f"{name}.before.tf"
        assert not before.with_name(f"{name}.findings.txt").exists(), name
        case = tmp_path / name
        case.mkdir()
        after = before.with_name(f"{name}.after.tf").read_text(encoding="utf-8")
        after = re.sub(r'(\n\s*version\s*=\s*)"[^"]*"', r'\1">= 5.100"', after)
        (case / "main.tf").write_text(after, encoding="utf-8")
        for command in (["init", "-backend=false", "-input=false"], ["validate"]):
            done = _terraform(case, *command)
            assert done.returncode == 0, (name, done.stdout + done.stderr)
