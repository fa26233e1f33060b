"""Module analysis: what a directory of .tf files declares and references.

A Terraform module is one directory; its files share one namespace. This
package parses each file once and answers the questions codemods ask: which
resources of a type exist, where each is referenced (also inside string
templates and heredocs), what literal value a variable default or local has,
and which references point at nothing. ``evaluate`` gives a value when all
of it is known; ``partial`` gives what is known of it (the keys of a map
whose values refer to resources, the known pieces of a name, one of several
branches) and answers "what are the keys?", "can these be equal?".
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tffix.analysis.module import Declaration, ModuleAnalysis, Reference, analyze_directory

__all__ = ["Declaration", "ModuleAnalysis", "Reference", "analyze_directory"]


def __getattr__(name: str) -> object:
    """The analysis, imported when first asked for: a submodule such as
    ``tffix.analysis.tfvars`` (which every cached run asks for --var-file
    files) does not load it."""
    if name in __all__:
        from tffix.analysis import module

        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
