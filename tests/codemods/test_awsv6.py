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
        shutil.copyfile(before.with_name(f"{name}.after.tf"), work / "main.tf")
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
