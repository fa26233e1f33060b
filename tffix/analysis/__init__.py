"""Module analysis: what a directory of .tf files declares and references.

A Terraform module is one directory; its files share one namespace. This
package parses each file once and answers the questions codemods ask: which
resources of a type exist, where each is referenced (also inside string
templates and heredocs), what literal value a variable default or local has,
and which references point at nothing.
"""

from tffix.analysis.module import Declaration, ModuleAnalysis, Reference, analyze_directory

__all__ = ["Declaration", "ModuleAnalysis", "Reference", "analyze_directory"]
