"""Reports: SARIF 2.1.0 for code-scanning dashboards, GitHub annotations, and the
summaries and pull request descriptions that fix PRs (``tffix bulk``) are made of."""

from tffix.report.github import github_annotations
from tffix.report.pr_markdown import pr_markdown
from tffix.report.sarif import sarif_log, sarif_text
from tffix.report.summary import CodemodSummary, commit_message, pr_title, summarize

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
