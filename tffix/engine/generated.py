"""Configuration another tool writes: reported, never edited.

``cdktf synth`` turns a CDK for Terraform app (TypeScript, Python, ...) into
Terraform JSON, ``cdktf.out/stacks/NAME/cdk.tf.json``, and writes it again on
every synth: an edit there is lost at the next one, and the app, the code its
team reads and reviews, keeps the problem. So a module holding such a file
gets the findings a person needs, each naming the file as generated, and no
change (https://developer.hashicorp.com/terraform/cdktf/cli-reference/commands#synth).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import replace

from tffix.engine.codemod import Finding, Status

SYNTH_DOCS = "https://developer.hashicorp.com/terraform/cdktf/cli-reference/commands#synth"


def generator(directory: str, paths: Sequence[str]) -> str | None:
    """What writes the module's configuration, when a tool does (a phrase for the
    findings), or None for configuration people write."""
    parts = os.path.normpath(os.path.abspath(directory)).split(os.sep)
    if "cdktf.out" in parts:
        return "`cdktf synth` (CDK for Terraform) writes this directory, cdktf.out"
    for path in paths:
        if path.endswith(".tf.json") and _cdktf_marker(path):
            return f"`cdktf synth` (CDK for Terraform) wrote {os.path.basename(path)}"
    return None


def _cdktf_marker(path: str) -> bool:
    """Whether a JSON configuration file carries CDKTF's ``"//"`` metadata with the
    name of the stack it was synthesized from."""
    from tffix.engine.files import read_regular  # a FIFO or device named *.tf.json is refused

    try:
        raw, _info = read_regular(path)
        if b'"//"' not in raw[:4096]:
            return False
        data = json.loads(raw)
    except (OSError, ValueError):
        return False
    meta = data.get("//") if isinstance(data, dict) else None
    inner = meta.get("metadata") if isinstance(meta, dict) else None
    return isinstance(inner, dict) and "stackName" in inner


def report_only(findings: Sequence[Finding], origin: str) -> list[Finding]:
    """``findings`` of a generated module: each fix becomes a finding for a person,
    told to make the change in the source the configuration is generated from."""
    out = []
    for finding in findings:
        if finding.status in (Status.FIXED, Status.FIXABLE):
            finding = replace(
                finding,
                status=Status.MANUAL,
                message=(
                    f"{finding.message}; not applied: {origin}, and the next synth replaces "
                    f"it, so make this change in the CDKTF app's code ({SYNTH_DOCS})"
                ),
            )
        out.append(finding)
    return out
