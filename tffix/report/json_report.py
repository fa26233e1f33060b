"""The JSON report (``--format json``, schema ``tffix.report/1``)."""

from __future__ import annotations

import json

from tffix.report.paths import display_path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from tffix.engine.session import RunReport


def report_json(report: RunReport) -> dict[str, Any]:
    """The report as data; paths are shown as the text report shows them."""
    from tffix import __version__

    return {
        "schema": "tffix.report/1",
        "tffix": __version__,
        "dry_run": report.dry_run,
        "findings": [{**f.to_json(), "path": display_path(f.path)} for f in report.findings],
        "changed_files": [display_path(p) for p in report.changed],
        "written_files": [display_path(p) for p in report.written],
        "errors": report.errors,
        "exit_code": report.exit_code(),
    }


def json_text(report: RunReport) -> str:
    return json.dumps(report_json(report), indent=2) + "\n"
