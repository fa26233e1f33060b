"""GitHub Actions workflow commands: findings show up on the pull request's lines."""

from __future__ import annotations

from tffix.report.paths import display_path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tffix.engine.session import RunReport


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(report: RunReport) -> str:
    """One ``::warning``/``::notice`` line per finding, ``::error`` per error."""
    lines = []
    for f in report.findings:
        level = "warning" if f.status.value == "manual" else "notice"
        path = display_path(f.path)
        props = ",".join(
            (
                f"file={_escape_property(path)}",
                f"line={f.line}",
                f"col={f.column}",
                f"title={_escape_property(f'{f.code} [{f.status.value}]')}",
            )
        )
        lines.append(f"::{level} {props}::{_escape_data(f.message)}")
    for error in report.errors:
        lines.append(f"::error::{_escape_data(error)}")
    return "\n".join(lines) + ("\n" if lines else "")
