"""Finding the files to work on.

Code under review is untrusted: symlinked directories are not followed (no
loops, no escaping the tree), and a symlinked file whose target lies outside
the roots given on the command line is skipped, so tffix never writes
through a link to somewhere else.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

SKIP_DIRS = frozenset((".terraform", ".git"))


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def discover(
    paths: Iterable[str | os.PathLike[str]], *, exclude: Iterable[str] = ()
) -> Iterator[Path]:
    """``.tf`` files under ``paths`` in sorted order, each once.

    Skips ``.terraform``, ``.git`` and hidden directories, paths matching an
    ``exclude`` glob, symlinked directories, and symlinked files that point
    outside the given roots.
    """
    patterns = list(exclude)
    given = [Path(p) for p in paths]
    roots = [p.resolve() if p.is_dir() else p.resolve().parent for p in given]
    seen: set[Path] = set()

    def excluded(path: Path) -> bool:
        if not patterns:
            return False
        text = path.as_posix()
        return any(
            fnmatch.fnmatch(text, pat) or fnmatch.fnmatch(path.name, pat) for pat in patterns
        )

    def accept(path: Path) -> bool:
        if excluded(path):
            return False
        # Resolving costs several system calls: only links need it (a link
        # may point outside the roots, or at a file already seen).
        if os.path.islink(path):
            real = path.resolve()
            if not _inside(real, roots):
                return False
        else:
            real = Path(os.path.abspath(path))
        if real in seen:
            return False
        seen.add(real)
        return True

    for root in given:
        if root.is_dir():
            for current, dirs, files in os.walk(root):  # never follows directory links
                base = Path(current)
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if d not in SKIP_DIRS and not d.startswith(".") and not excluded(base / d)
                )
                for name in sorted(files):
                    if name.endswith(".tf") and accept(base / name):
                        yield base / name
        elif root.is_file() and accept(root):
            yield root


def group_by_module(files: Iterable[Path]) -> dict[Path, list[Path]]:
    """Files grouped by directory: one directory is one Terraform module."""
    modules: dict[Path, list[Path]] = {}
    for path in files:
        modules.setdefault(path.parent, []).append(path)
    return modules
