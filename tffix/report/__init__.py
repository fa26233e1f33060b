"""Reports: SARIF 2.1.0 for code-scanning dashboards, GitHub annotations, and the
summaries and pull request descriptions that fix PRs (``tffix bulk``) are made of.

The names below are imported when first used: ``tffix --dry-run`` prints a
text report and should not pay for the others (``tffix.report.text`` and
``tffix.report.paths`` are reached without them).
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tffix.report.github import github_annotations
    from tffix.report.pr_markdown import pr_markdown
    from tffix.report.sarif import sarif_log, sarif_text
    from tffix.report.summary import CodemodSummary, commit_message, pr_title, summarize

_WHERE = {
    "CodemodSummary": "summary",
    "commit_message": "summary",
    "github_annotations": "github",
    "pr_markdown": "pr_markdown",
    "pr_title": "summary",
    "sarif_log": "sarif",
    "sarif_text": "sarif",
    "summarize": "summary",
}


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    # Bound here, after the import: ``pr_markdown`` names the function, not
    # the module of the same name the import binds on this package.
    globals()[name] = value
    return value


__all__ = [
    "CodemodSummary",
    "commit_message",
    "github_annotations",
    "pr_markdown",
    "pr_title",
    "sarif_log",
    "sarif_text",
    "summarize",
]
