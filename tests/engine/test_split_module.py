"""A module split across .tf, .tofu, .tf.json and .tfvars means what its .tf-only form means.

Each corpus case (one ``.tf`` file) is split by a generator: the second half
of the top-level blocks goes to a ``.tofu`` file (beside a ``.tf`` file of the
same name that OpenTofu ignores, holding code that would change the
findings if it were read), variables without a default or validation are
declared in a ``.tf.json`` file, and a ``terraform.tfvars`` gives every
variable with a literal default that same value. The findings (code,
status, message) and the fixed text must be those of the ``.tf`` form.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import OWN_CORPUS
from tffix.engine.codemod import Status
from tffix.engine.session import run, select_codemods
from tffix.syntax import nodes as n
from tffix.syntax.parser import parse

CASES = sorted(
    p
    for p in OWN_CORPUS.glob("[AT]*/*.before.tf")
    if not p.with_name(p.name.replace(".before.tf", ".options.toml")).exists()
)

_USED = re.compile(
    r"is set to (.*?) in terraform\.tfvars, which Terraform uses instead of its default"
)
# The file a finding names for a block elsewhere ("... in null_resource.x (main.tf)"):
# which file holds the block is the split's choice.
_FILE = re.compile(r" \([\w.-]+\.(?:tf|tofu|tf\.json)\)")
# a place a message names (``main.tf:7``): where the split put the block
_AT = re.compile(r"\b[\w.-]+\.(?:tf|tofu|tf\.json):\d+")
# Read by nobody when the split works: a duplicate key and an undeclared reference.
DECOY = 'resource "aws_kms_key" "decoy" {\n  description = var.never_declared\n}\n'


def _json_variable(block: n.Block) -> dict[str, str] | None:
    """A variable as JSON, when it has only a type and a description (else None)."""
    if block.body.blocks or any(
        a.name not in ("type", "description") for a in block.body.attributes
    ):
        return None
    body = {}
    for attribute in block.body.attributes:
        value = attribute.value
        if attribute.name == "description":
            if not isinstance(value, n.TemplateString) or value.literal_value() is None:
                return None
            body["description"] = value.literal_value()
        else:
            body["type"] = value.code.strip()
    return body


def split(source: Path, target: Path) -> set[str]:
    """Write the split form of the one-file module ``source`` into ``target``;
    return the variables declared in JSON."""
    module = parse(source.read_text(), path=str(source))
    kept: list[str] = []
    moved: list[str] = []
    variables: dict[str, dict[str, str]] = {}
    tfvars: list[str] = []
    half = len(module.body.blocks) // 2
    for index, block in enumerate(module.body.blocks):
        text = block.code.strip("\n") + "\n"
        if block.type == "variable":
            declared_type = block.body.attribute("type")
            as_json = _json_variable(block)
            if declared_type is not None and isinstance(declared_type.value, n.TemplateString):
                as_json = None  # a Terraform 0.11 type string: TF001's, in HCL only
            if as_json is not None:
                variables[block.labels[0]] = as_json
                continue
            default = block.body.attribute("default")
            value = default.value if default is not None else None
            if isinstance(value, n.TemplateString) and value.literal_value() is not None:
                tfvars.append(f"{block.labels[0]} = {value.code.strip()}\n")
        # the first half stays in main.tf, the rest goes to more.tofu: files are
        # read in name order, so declarations keep their order
        (moved if index >= half else kept).append(text)
    target.mkdir(parents=True)
    (target / "main.tf").write_text("\n".join(kept))
    if moved:
        (target / "more.tofu").write_text("\n".join(moved))
        (target / "more.tf").write_text(DECOY)
    if variables:
        (target / "variables.tf.json").write_text(json.dumps({"variable": variables}, indent=2))
    if tfvars:
        (target / "terraform.tfvars").write_text("".join(tfvars))
    return set(variables)


def _findings(
    directory: Path, code: str, in_json: set[str]
) -> tuple[list[tuple[str, str, str]], str]:
    report = run([directory], select_codemods([code]), dry_run=True)
    assert not report.errors, report.errors
    # A value quoted from terraform.tfvars is said to come from there (the same value
    # as the default it replaces, by construction); file names are the split's choice
    found = sorted(
        (
            f.code,
            f.status.value,
            _AT.sub("FILE:N", _FILE.sub("", _USED.sub(r"defaults to \1", f.message))),
        )
        for f in report.findings
        if f.status is not Status.FINE
    )
    texts = [f.new for m in report.modules for f in m.files if f.path.endswith((".tf", ".tofu"))]
    # the fixed blocks, in any file
    blocks = sorted(
        b.code.strip()
        for t in texts
        for b in parse(t).body.blocks
        if not (b.type == "variable" and b.labels[0] in in_json)
    )
    return found, "\n".join(blocks)


@pytest.mark.parametrize("before", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_split_module_gives_the_same_findings_and_fixes(before: Path, tmp_path: Path) -> None:
    code = before.parent.name
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "main.tf").write_text(before.read_text())
    in_json = split(before, tmp_path / "split")
    assert _findings(tmp_path / "split", code, in_json) == _findings(plain, code, in_json)
