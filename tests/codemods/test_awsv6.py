"""The AWSV6 family (provider v5 -> v6): sources, and the fixed cases against the provider.

The oracle for AWSV602 is the AWS provider's own schema: every fixed case
validates with the latest 5.x provider (the local mirror), the version the
v6 guide asks to upgrade to first, and without a deprecation warning left
for anything the case fixed. AWSV601's new names exist only in 6.x, which
the mirror does not have; its cases are checked by the corpus test alone.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import OWN_CORPUS
from tffix.engine.session import select_codemods

TERRAFORM = shutil.which("terraform")
PLUGINS = Path("/opt/tf-plugins")
GUIDE = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-6-upgrade"
# The guide's section headings (the anchors findings link to), as the guide names them.
_SECTIONS = {
    "#data-source-aws_region", "#data-source-aws_batch_compute_environment",
    "#resource-aws_batch_compute_environment", "#resource-aws_s3_bucket",
    "#data-source-aws_s3_bucket", "#resource-aws_eip", "#resource-aws_eks_addon",
    "#resource-aws_instance", "#resource-aws_flow_log", "#resource-aws_ssm_association",
    "#resource-aws_batch_job_queue", "#resource-aws_redshift_cluster",
    "#resource-aws_api_gateway_deployment", "#data-source-aws_ami",
    "#nullable-boolean-validation-update", "#removed-provider-arguments",
}  # fmt: skip


def test_every_v6_finding_links_its_guide_section() -> None:
    linked = set()
    for code in ("AWSV601", "AWSV602", "AWSV603"):
        cases = sorted((OWN_CORPUS / code).glob("*.before.tf"))
        assert len(cases) >= 5, code
        for found in sorted((OWN_CORPUS / code).glob("*.findings.txt")):
            for line in found.read_text().splitlines():
                match = re.search(rf"\({re.escape(GUIDE)}(#[\w-]+)\)$", line)
                assert match, line
                linked.add(match.group(1))
    for codemod in select_codemods(["AWSV6"], unsafe=True):
        assert codemod.safety.value == "unsafe"
        assert GUIDE in codemod.explanation and "Fix safety: unsafe" in codemod.explanation
        source = Path(__import__(codemod.__module__, fromlist=["x"]).__file__).read_text()
        linked |= set(re.findall(r'"(#[a-z0-9_-]+)"', source))
    assert linked >= _SECTIONS, _SECTIONS - linked


@pytest.mark.slow
def test_fixed_awsv602_cases_validate_with_the_latest_5x_provider(tmp_path: Path) -> None:
    if TERRAFORM is None or not (PLUGINS / "registry.terraform.io/hashicorp/aws").is_dir():
        pytest.skip("terraform or the local AWS provider mirror (/opt/tf-plugins) is absent")
    config = tmp_path / "terraform.rc"
    config.write_text(
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path    = "{PLUGINS}"\n'
        '    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n'
        '  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n',
        encoding="utf-8",
    )
    env = {**os.environ, "TF_CLI_CONFIG_FILE": str(config), "TF_IN_AUTOMATION": "1"}
    for before in sorted((OWN_CORPUS / "AWSV602").glob("*.before.tf")):
        name = before.name.removesuffix(".before.tf")
        work = tmp_path / name
        work.mkdir()
        after = before.with_name(f"{name}.after.tf").read_text(encoding="utf-8")
        # The mirror has one provider release (the latest 5.x): a case made for an older
        # constraint is checked there too (what it leaves alone is valid on 5.x as well).
        after = re.sub(r'(\n\s*version\s*=\s*)"[^"]*"', r'\1">= 5.100"', after)
        (work / "main.tf").write_text(after, encoding="utf-8")
        (work / "containers.json").write_text("[]")
        for command in (["init", "-backend=false", "-input=false"], ["validate"]):
            done = subprocess.run(
                [str(TERRAFORM), *command, "-no-color"], cwd=work, env=env,
                capture_output=True, text=True, check=False, timeout=600,
            )  # fmt: skip
            assert done.returncode == 0, (name, done.stdout + done.stderr)
        warned = set(re.findall(r'in resource "(\w+)" "(\w+)"', done.stdout + done.stderr))
        findings = before.with_name(f"{name}.findings.txt")
        left = findings.read_text() if findings.exists() else ""
        # What still warns after the fix is what the case leaves for a person.
        for kind, label in warned:
            assert f"{kind}.{label}:" in left, (name, kind, label)


# ---- structure: no setting lost (python-hcl2, independent of tffix's parser) ---------

# Settings a case may drop on purpose: (type, argument) the guide removes with nothing
# in their place, or whose value is re-expressed (a bool that became a string).
_DROPPED = {
    ("aws_eip", "vpc"),
    ("aws_guardduty_organization_configuration", "auto_enable"),
    ("aws_cloudfront_response_headers_policy", "etag"),
    ("aws_ecs_task_definition", "inference_accelerator"),
    ("aws_launch_template", "elastic_gpu_specifications"),
    ("aws_launch_template", "elastic_inference_accelerator"),
    ("aws_sagemaker_notebook_instance", "accelerator_types"),
    ("aws_spot_instance_request", "block_duration_minutes"),
    ("aws", "opsworks"),
    ("aws", "sdb"),
    ("aws", "simpledb"),
    ("aws", "worklink"),
}
# References the guide renames, written from the guide (not from the codemods' tables):
# a value that read the old name reads the new one after.
_GUIDE_READS = (
    (r"(data\.aws_region\.\w+)\.name\b", r"\1.region"),
    (r"(aws_batch_compute_environment\.\w+(\[[^\]]*\])?)\.compute_environment_name\b", r"\1.name"),
    (r"(aws_s3_bucket\.\w+(\[[^\]]*\])?)\.region\b", r"\1.bucket_region"),
    (r"(aws_config_aggregate_authorization\.\w+)\.region\b", r"\1.authorized_aws_region"),
    (r"(data\.aws_vpc_peering_connection\.\w+)\.region\b", r"\1.requester_region"),
    (r"(aws_servicequotas_template\.\w+)\.region\b", r"\1.aws_region"),
    (r"(aws_cloudwatch_log_group\.\w+)\.name\b", r"\1.arn"),  # flow log: the group's ARN
)


def _renamed(value: str) -> str:
    for pattern, replacement in _GUIDE_READS:
        value = re.sub(pattern, replacement, value)
    return value


def _blocks_of(doc: dict) -> dict[tuple[str, str], dict]:
    out = {}
    for kind in ("resource", "data"):
        for entry in doc.get(kind, []):
            for type_, named in entry.items():
                for label, body in named.items():
                    out[(kind, type_.strip('"'), label.strip('"'))] = body
    for entry in doc.get("provider", []):
        for name, body in entry.items():
            out[("provider", name.strip('"'), "")] = body
    return out


def _values(value: object, key: str = "") -> list[tuple[str, str]]:
    """(argument name, value as text) of every leaf setting, at any depth."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [leaf for v in value for leaf in _values(v, key)]
    if isinstance(value, dict):
        return [leaf for k, v in value.items() if k != "__is_block__" for leaf in _values(v, k)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _values(v, key)]
    return [(key, "".join(str(value).split()))]


@pytest.mark.parametrize("code", ["AWSV601", "AWSV602"])
def test_structural_no_setting_lost(code: str) -> None:
    """Every value a block set before is set in the block after (under its new name, or
    unchanged where the case leaves it for a person), except what the guide drops; 0/1
    booleans reappear as false/true."""
    import hcl2

    carried = dropped = 0
    for before in sorted((OWN_CORPUS / code).glob("*.before.tf")):
        after = before.with_name(before.name.replace(".before.", ".after."))
        old, new = (
            _blocks_of(hcl2.loads(before.read_text())),
            _blocks_of(hcl2.loads(after.read_text())),
        )
        assert old.keys() == new.keys(), before.name
        for key, body in old.items():
            have = [v for _k, v in _values(new[key])]
            for name, value in _values(body):
                if (key[1], name) in _DROPPED or any((key[1], p) in _DROPPED for p in (name,)):
                    dropped += 1
                    continue
                # Under its new name, or as it was where the case leaves it for a person.
                found = next((v for v in (_renamed(value), value) if v in have), None)
                if found is not None:
                    have.remove(found)
                    carried += 1
                    continue
                shown = {"0": "False", "1": "True"}.get(value.strip('"'))
                if shown is not None and shown in have:
                    have.remove(shown)
                    carried += 1
                    continue
                # A removed block's own settings (end-of-life features) go with it.
                assert (key[1], name) in _DROPPED or _inside_dropped(body, key[1], name), (
                    before.name,
                    key,
                    name,
                    value,
                )
                dropped += 1
    print(f"{code}: {carried} settings carried, {dropped} dropped as the guide says")
    assert carried >= 25


def _inside_dropped(body: dict, type_: str, name: str) -> bool:
    """True when ``name`` is set only inside a block the guide drops."""
    for block, value in body.items():
        if (type_, block) in _DROPPED and name in {k for k, _v in _values(value)}:
            return True
    if "endpoints" in body and type_ == "aws":
        return any((type_, k) in _DROPPED for k, _v in _values(body["endpoints"]))
    return False


@pytest.mark.skipif(TERRAFORM is None, reason="terraform is not on PATH")
def test_v6_after_files_are_terraform_fmt_clean(tmp_path: Path) -> None:
    for code in ("AWSV601", "AWSV602", "AWSV603"):
        for after in sorted((OWN_CORPUS / code).glob("*.after.tf")):
            shutil.copyfile(after, tmp_path / "main.tf")
            done = subprocess.run(
                [str(TERRAFORM), "fmt", "-check", "-diff", str(tmp_path / "main.tf")],
                capture_output=True, text=True, check=False,
                env={"TF_CLI_CONFIG_FILE": "/dev/null", "PATH": os.environ.get("PATH", "")},
            )  # fmt: skip
            assert done.returncode == 0, (after.name, done.stdout)
