"""Reports for machines: SARIF 2.1.0 for code-scanning dashboards, GitHub annotations."""

from tffix.report.github import github_annotations
from tffix.report.sarif import sarif_log, sarif_text

__all__ = ["github_annotations", "sarif_log", "sarif_text"]
