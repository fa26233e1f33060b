"""What a module's run produced, and how a run can fail: the runner's results.

Their own module, apart from ``tffix.engine.runner``: a run whose modules all
come from the cache (pre-commit and CI re-runs, the warm run of
``bench/fix.py``) builds these from cache entries and never runs a codemod,
so it need not import the runner's parser, analysis, layout and JSON
machinery (about a fifth of such a run). ``tffix.engine.runner`` re-exports
every name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tffix.engine.codemod import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tffix.cst.write import Snapshot


class ConvergenceError(RuntimeError):
    """Codemods kept changing a module: two of them undo each other."""


class ContractError(AssertionError):
    """A codemod broke the contract (checked when ``TFFIX_STRICT=1``, as in the tests):
    it edited code without a ``fixed`` finding, or left a block its trigger matched
    without a decision."""


@dataclass
class FileResult:
    path: str
    original: str
    new: str
    created: bool = False  # a new file a codemod added to the module
    # The file as read (size, time, content): it is written only if still so.
    snapshot: Snapshot | None = None

    @property
    def changed(self) -> bool:
        return self.created or self.original != self.new

    def diff(self, display: str | None = None) -> str:
        """A unified diff that ``git apply`` and ``patch -p1`` apply byte for byte.

        A last line without a newline gets the ``\\ No newline at end of
        file`` marker, as ``diff -u`` writes it; without it, the patch would
        add a newline (or fail) and the result would not be this file.
        """
        if not self.changed:
            return ""
        from tffix.cst.write import unified_diff_text

        name = (display or self.path).replace(os.sep, "/").lstrip("/")
        fromfile = "/dev/null" if self.created else f"a/{name}"
        return unified_diff_text(self.original, self.new, fromfile, f"b/{name}")


@dataclass
class ModuleResult:
    directory: str
    files: list[FileResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # ``fine`` decisions: blocks a codemod judged and left alone, with why (-v).
    notes: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # The paths that may be written; None: all of them (see ``run_module``).
    writable: frozenset[str] | None = None
    # Files outside the module its decisions read, with their fingerprints
    # (``tffix.engine.inputs``): a cached result holds while they are unchanged.
    inputs: dict[str, str | None] = field(default_factory=dict)

    @property
    def changed_files(self) -> list[FileResult]:
        return [f for f in self.files if f.changed]
