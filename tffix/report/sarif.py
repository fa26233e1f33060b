"""SARIF 2.1.0: findings, the rules behind them, and the fixes as replacements.

Code-scanning dashboards (GitHub, GitLab, Azure DevOps) read SARIF. Each
codemod is a rule with its summary and explanation; each finding a result
at ``path:line:col``; a file that tffix would change gets its edit as a
SARIF ``fix`` (whole-line replacements computed from the diff) on the first
finding in that file, so a reviewer's tool can apply it.
"""

from __future__ import annotations

import json

from tffix.cst.linediff import opcodes
from tffix.cst.write import split_lines
from tffix.report.paths import display_path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from tffix.engine.codemod import Codemod
    from tffix.engine.runner import FileResult
    from tffix.engine.session import RunReport

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    return display_path(path)


def _replacements(file: FileResult) -> list[dict[str, Any]]:
    before = split_lines(file.original)
    after = split_lines(file.new)
    out = []
    for tag, i1, i2, j1, j2 in opcodes(before, after):
        if tag == "equal":
            continue
        # Whole lines i1..i2 (1-based start, exclusive end at column 1 of the next line).
        region = {"startLine": i1 + 1, "startColumn": 1, "endLine": i2 + 1, "endColumn": 1}
        out.append({"deletedRegion": region, "insertedContent": {"text": "".join(after[j1:j2])}})
    return out


def sarif_log(report: RunReport, codemods: Sequence[type[Codemod]]) -> dict[str, Any]:
    from tffix import __version__

    rules = [
        {
            "id": c.code,
            "name": c.name,
            "shortDescription": {"text": c.summary},
            "fullDescription": {"text": c.explanation or c.summary},
            "help": {"text": c.explanation or c.summary},
            "properties": {"safety": c.safety.value, "checks": list(c.checks)},
            **({"helpUri": c.documentation[0]} if c.documentation else {}),
        }
        for c in codemods
    ]
    index = {c.code: i for i, c in enumerate(codemods)}
    changed = {f.path: f for m in report.modules for f in m.changed_files}
    fixed_once: set[str] = set()
    results = []
    for finding in report.findings:
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": "warning" if finding.status.value == "manual" else "note",
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(finding.path)},
                        "region": {"startLine": finding.line, "startColumn": finding.column},
                    }
                }
            ],
            "properties": {"status": finding.status.value},
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        file = changed.get(finding.path)
        if file is not None and finding.path not in fixed_once and finding.status.value != "manual":
            fixed_once.add(finding.path)
            result["fixes"] = [
                {
                    "description": {"text": "tffix's change to this file"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": _uri(file.path)},
                            "replacements": _replacements(file),
                        }
                    ],
                }
            ]
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "tffix",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/tffix/",
                        "rules": rules,
                    }
                },
                "results": results,
                "invocations": [
                    {
                        "executionSuccessful": not report.errors,
                        "toolExecutionNotifications": [
                            {"level": "error", "message": {"text": e}} for e in report.errors
                        ],
                    }
                ],
            }
        ],
    }


def sarif_text(report: RunReport, codemods: Sequence[type[Codemod]]) -> str:
    return json.dumps(sarif_log(report, codemods), indent=2) + "\n"
