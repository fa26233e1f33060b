"""Finding the files to work on.

Code under review is untrusted: symlinked directories are not followed (no
loops, no escaping the tree), and a symlinked file whose target lies outside
the roots given on the command line is skipped, so tffix never writes
through a link to somewhere else.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

SKIP_DIRS = frozenset((".terraform", ".git"))


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


class _Finder:
    """The rules of discovery, shared by ``discover`` and ``find_modules``.

    Both must agree on which files make up a module: the files read as
    context for a given file are exactly those ``tffix DIRECTORY`` would fix.
    """

    def __init__(self, given: list[Path], exclude: Iterable[str]) -> None:
        self.patterns = list(exclude)
        self.roots = [p.resolve() if p.is_dir() else p.resolve().parent for p in given]

    def excluded(self, path: Path) -> bool:
        if not self.patterns:
            return False
        text = path.as_posix()
        return any(
            fnmatch.fnmatch(text, pat) or fnmatch.fnmatch(path.name, pat) for pat in self.patterns
        )

    def identity(self, path: Path) -> Path | None:
        """The real path that identifies ``path``, or None when it is not to be used."""
        if self.excluded(path):
            return None
        # Resolving costs several system calls: only links need it (a link
        # may point outside the roots, or at a file already seen).
        if os.path.islink(path):
            real = path.resolve()
            return real if _inside(real, self.roots) else None
        return Path(os.path.abspath(path))

    def walk(self, root: Path, *, recursive: bool = True) -> Iterator[Path]:
        """``.tf`` files under ``root`` (only directly in it unless ``recursive``), sorted."""
        for current, dirs, files in os.walk(root):  # never follows directory links
            base = Path(current)
            if not recursive:
                dirs[:] = []
            dirs[:] = sorted(
                d
                for d in dirs
                if d not in SKIP_DIRS and not d.startswith(".") and not self.excluded(base / d)
            )
            for name in sorted(files):
                if name.endswith(".tf"):
                    yield base / name


def discover(
    paths: Iterable[str | os.PathLike[str]], *, exclude: Iterable[str] = ()
) -> Iterator[Path]:
    """``.tf`` files under ``paths`` in sorted order, each once.

    Skips ``.terraform``, ``.git`` and hidden directories, paths matching an
    ``exclude`` glob, symlinked directories, and symlinked files that point
    outside the given roots.
    """
    given = [Path(p) for p in paths]
    finder = _Finder(given, exclude)
    seen: set[Path] = set()

    def accept(path: Path) -> bool:
        real = finder.identity(path)
        if real is None or real in seen:
            return False
        seen.add(real)
        return True

    for root in given:
        if root.is_dir():
            yield from (path for path in finder.walk(root) if accept(path))
        elif root.is_file() and accept(root):
            yield root


@dataclass
class ModuleFiles:
    """One module to work on: every file of it, and the ones that may change.

    ``writable`` is None when every file may change and files may be
    created (the module's directory, or one above it, was given); otherwise
    it holds the files given one by one, and the others are read only, so
    that codemods and analysis see the whole module (a pre-commit hook
    passes only the staged files, and would not notice a file created
    beside them).
    """

    directory: Path
    files: list[Path] = field(default_factory=list)
    writable: set[Path] | None = field(default_factory=set)

    def may_change(self, path: Path) -> bool:
        return self.writable is None or path in self.writable


def find_modules(
    paths: Iterable[str | os.PathLike[str]], *, exclude: Iterable[str] = ()
) -> list[ModuleFiles]:
    """The modules under ``paths``, sorted by directory, each file in one module once.

    A directory PATH brings every module under it, all writable. A file PATH
    brings its module too: the ``.tf`` files of its directory as discovery
    finds them (same excludes and link rules), of which only the given files
    may change, and none may be created, even when every file is given. A
    file reached both ways may change.
    """
    given = [Path(p) for p in paths]
    finder = _Finder(given, exclude)
    names: dict[Path, Path] = {}  # real path -> the name it was first found under
    modules: dict[Path, ModuleFiles] = {}
    walked: set[Path] = set()  # modules found under a directory PATH
    listed: set[Path] = set()  # files already in their module (membership, not a list scan)
    context: set[Path] = set()  # directories whose files were read for a file PATH

    def add(path: Path, real: Path, *, writable: bool) -> None:
        path = names.setdefault(real, path)  # one file, one name, one module
        module = modules.setdefault(path.parent, ModuleFiles(path.parent))
        if path not in listed:
            listed.add(path)
            module.files.append(path)
        if writable and module.writable is not None:
            module.writable.add(path)

    for root in given:
        if root.is_dir():
            for path in finder.walk(root):
                real = finder.identity(path)
                if real is not None:
                    add(path, real, writable=True)
                    walked.add(names[real].parent)
        elif root.is_file():
            real = finder.identity(root)
            if real is None:
                continue
            add(root, real, writable=True)
            if root.parent in context:  # one pre-commit run passes many files of a module
                continue
            context.add(root.parent)
            for path in finder.walk(root.parent, recursive=False):
                other = finder.identity(path)
                if other is not None:
                    add(path, other, writable=False)
    result = []
    for directory in sorted(modules):
        module = modules[directory]
        module.files.sort(key=lambda p: p.name)
        if directory in walked:  # its directory was given: every file of it, and new ones
            module.writable = None
        result.append(module)
    return result
