"""Finding the files to work on, and reading them.

Code under review is untrusted: symlinked directories are not followed (no
loops, no escaping the tree), and a symlinked file whose target lies outside
the roots given on the command line is skipped, so tffix never writes
through a link to somewhere else. A directory that cannot be read is a
problem reported by the run, never a silent gap in it.

A name ending in ``.tf`` says nothing about what it is: ``read_regular``
reads only regular files (a FIFO would block the run forever, a device
would be read until memory runs out), and only up to a size limit, since
no phase of the work is cheaper than the input is long.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

SKIP_DIRS = frozenset((".terraform", ".git"))

# What Terraform and OpenTofu read in a module directory, longest suffix first
# (``x.tfvars.json`` is JSON variables, not HCL ones). The HCL configuration
# kinds (``.tf``, ``.tofu``) are parsed and fixed; JSON configuration is fixed
# through its HCL form (``tffix.json``) and read by the analysis
# (``tffix.analysis.json_config``); variable files feed the static evaluator
# (``tffix.analysis.partial``).
FILE_KINDS = (".tfvars.json", ".tofu.json", ".tf.json", ".tfvars", ".tofu", ".tf")
CONFIG_KINDS = (".tf", ".tofu")
# JSON configuration: a module's files too, which codemods fix through their HCL
# form (``tffix.json``); ``discover`` (parse, fmt) leaves them out.
JSON_CONFIG_KINDS = (".tf.json", ".tofu.json")
OVERRIDE_NAMES = ("override", "_override")


def file_kind(name: str) -> str | None:
    """The kind of a file by its name: one of ``FILE_KINDS``, or None (not Terraform's)."""
    return next((kind for kind in FILE_KINDS if name.endswith(kind)), None)


def is_override(name: str) -> bool:
    """``override.tf``, ``x_override.tf`` and their ``.tofu``/JSON forms: merged into
    the blocks they name (Terraform's override files), never given new blocks."""
    kind = file_kind(os.path.basename(name))
    if kind is None or kind.startswith(".tfvars"):
        return False
    stem = os.path.basename(name)[: -len(kind)]
    return stem == "override" or stem.endswith("_override")


def shadowed(names: Iterable[str]) -> dict[str, str]:
    """``x.tf`` -> ``x.tofu`` for each ``.tf``(``.json``) file a ``.tofu`` one of the same
    directory and stem replaces: OpenTofu reads the ``.tofu`` file and ignores the other
    (https://opentofu.org/docs/language/files/#file-extension)."""
    present = set(names)
    result = {}
    for name in present:
        for tf, tofu in ((".tf", ".tofu"), (".tf.json", ".tofu.json")):
            if name.endswith(tf) and name[: -len(tf)] + tofu in present:
                result[name] = name[: -len(tf)] + tofu
    return result


DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024
_UNITS = {
    "": 1,
    "B": 1,
    "K": 1024,
    "KB": 1024,
    "M": 1024**2,
    "MB": 1024**2,
    "G": 1024**3,
    "GB": 1024**3,
}


class FileRefused(OSError):
    """A file tffix will not read; ``reason`` says why, as the report prints it."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def parse_size(text: str | int) -> int:
    """``20MB``, ``512 KB``, ``1G`` or a number of bytes; K, M and G are powers of 1024."""
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    else:
        match = re.fullmatch(r"\s*(\d+)\s*([A-Za-z]*)\s*", str(text))
        unit = match.group(2).upper() if match else ""
        if match is None or unit not in _UNITS:
            raise ValueError(f"not a size: {text!r} (for example 20MB, 512KB or 1000000)")
        value = int(match.group(1)) * _UNITS[unit]
    if value <= 0:
        raise ValueError(f"a size must be positive, got {text!r}")
    return value


def format_size(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular(
    path: str | os.PathLike[str], *, max_size: int | None = DEFAULT_MAX_FILE_SIZE
) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its status, or ``FileRefused`` / ``OSError``.

    The type is checked before the file is opened (opening a device can
    act on it), and again on the open descriptor (the name may have been
    swapped meanwhile); ``O_NONBLOCK`` guards the open itself, which on a
    FIFO would otherwise wait for a writer. At most ``max_size`` bytes are
    accepted, whatever the file grows to while it is read.
    """
    name = os.fspath(path)
    before = os.stat(name)
    if not stat.S_ISREG(before.st_mode):
        raise FileRefused(name, f"skipped: {_kind(before.st_mode)}, not a regular file")
    limit = f"larger than {format_size(max_size)} (max-file-size)" if max_size else ""
    if max_size is not None and before.st_size > max_size:
        raise FileRefused(name, f"skipped: {limit}")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(name, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or (info.st_dev, info.st_ino) != (
            before.st_dev,
            before.st_ino,
        ):
            raise FileRefused(name, "skipped: replaced by something else while being read")
        chunks = []
        size = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if max_size is not None and size > max_size:
                raise FileRefused(name, f"skipped: {limit}")
            chunks.append(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks), info


def read_problem(path: str | os.PathLike[str], exc: OSError) -> str:
    """How a failed ``read_regular`` is reported: ``path: why``."""
    if isinstance(exc, FileRefused):
        return str(exc)
    return f"{os.fspath(path)}: cannot read: {exc.strerror or exc}"


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _real(path: Path) -> Path:
    """``path`` with every link resolved; a loop or missing part stays as it is written."""
    return Path(os.path.realpath(path))


def _given_file(path: Path) -> bool:
    """A given path that is not a directory but exists (a regular file, or a FIFO,
    a device or a broken link: those are taken, so that reading them is refused
    and reported, not silently passed over)."""
    return not path.is_dir() and os.path.lexists(path)


class _Finder:
    """The rules of discovery, shared by ``discover`` and ``find_modules``.

    Both must agree on which files make up a module: the files read as
    context for a given file are exactly those ``tffix DIRECTORY`` would fix.
    """

    def __init__(
        self, given: list[Path], exclude: Iterable[str], problems: list[str] | None = None
    ) -> None:
        # (directory, name) of every Terraform file seen, whatever its kind;
        # shadowed ``.tf`` files -> the ``.tofu`` file that replaces them.
        self.seen: list[Path] = []
        self.ignored: dict[Path, Path] = {}
        self.patterns = list(exclude)
        self.roots = [_real(p) if p.is_dir() else _real(p.parent) for p in given]
        self.problems = problems if problems is not None else []

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
            try:
                real = Path(os.path.realpath(path, strict=True))
            except OSError:
                # A loop or a dangling link: used under its own name, so that
                # reading it fails and the run reports it (never a crash).
                return Path(os.path.abspath(path))
            return real if _inside(real, self.roots) else None
        return Path(os.path.abspath(path))

    def walk(self, root: Path, *, recursive: bool = True, json: bool = False) -> Iterator[Path]:
        """``.tf`` and ``.tofu`` files under ``root`` (only directly in it unless
        ``recursive``), sorted, and JSON configuration (``.tf.json``, ``.tofu.json``)
        too when ``json``; a file a ``.tofu`` one shadows is left out (recorded in
        ``ignored``), and every Terraform file met in ``seen``."""
        kinds = (*CONFIG_KINDS, *JSON_CONFIG_KINDS) if json else CONFIG_KINDS

        def unreadable(exc: OSError) -> None:
            self.problems.append(
                f"{exc.filename}: cannot read directory: {exc.strerror or exc}; "
                "its files were not checked"
            )

        # never follows directory links
        for current, dirs, files in os.walk(root, onerror=unreadable):
            base = Path(current)
            if not recursive:
                dirs[:] = []
            dirs[:] = sorted(
                d
                for d in dirs
                if d not in SKIP_DIRS and not d.startswith(".") and not self.excluded(base / d)
            )
            kept = sorted(name for name in files if file_kind(name) is not None)
            hidden = shadowed(kept)
            for name in kept:
                if self.excluded(base / name):
                    continue
                self.seen.append(base / name)
                if name in hidden:
                    self.ignored[base / name] = base / hidden[name]
                elif name.endswith(kinds):
                    yield base / name


def discover(
    paths: Iterable[str | os.PathLike[str]],
    *,
    exclude: Iterable[str] = (),
    problems: list[str] | None = None,
    json: bool = False,
) -> Iterator[Path]:
    """``.tf`` and ``.tofu`` files under ``paths`` in sorted order, each once (JSON
    configuration files too when ``json``).

    Skips ``.terraform``, ``.git`` and hidden directories, paths matching an
    ``exclude`` glob, symlinked directories, and symlinked files that point
    outside the given roots. Directories that cannot be read are appended
    to ``problems``.
    """
    given = [Path(p) for p in paths]
    finder = _Finder(given, exclude, problems)
    seen: set[Path] = set()

    def accept(path: Path) -> bool:
        real = finder.identity(path)
        if real is None or real in seen:
            return False
        seen.add(real)
        return True

    for root in given:
        if root.is_dir():
            yield from (path for path in finder.walk(root, json=json) if accept(path))
        elif _given_file(root) and accept(root):
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
    # Read, never written: JSON configuration and variable files of the module
    # (their content is part of what the module means, so of its cache key).
    context: list[Path] = field(default_factory=list)
    # ``.tf`` files OpenTofu ignores for a ``.tofu`` file of the same name.
    ignored: dict[Path, Path] = field(default_factory=dict)

    def may_change(self, path: Path) -> bool:
        return self.writable is None or path in self.writable


def find_modules(
    paths: Iterable[str | os.PathLike[str]],
    *,
    exclude: Iterable[str] = (),
    problems: list[str] | None = None,
) -> list[ModuleFiles]:
    """The modules under ``paths``, sorted by directory, each file in one module once.

    A directory PATH brings every module under it, all writable. A file PATH
    brings its module too: the ``.tf`` files of its directory as discovery
    finds them (same excludes and link rules), of which only the given files
    may change, and none may be created, even when every file is given. A
    file reached both ways may change.
    """
    given = [Path(p) for p in paths]
    finder = _Finder(given, exclude, problems)
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
            for path in finder.walk(root, json=True):
                real = finder.identity(path)
                if real is not None:
                    add(path, real, writable=True)
                    walked.add(names[real].parent)
        elif _given_file(root):
            real = finder.identity(root)
            if real is None:
                continue
            twin = shadowed([root.name, root.name.replace(".tf", ".tofu", 1)])
            kind = file_kind(root.name)
            if root.name in twin and (root.parent / twin[root.name]).exists():
                finder.ignored[root] = root.parent / twin[root.name]
            elif kind is not None and kind not in (*CONFIG_KINDS, *JSON_CONFIG_KINDS):
                pass  # variables: read as its module's context, never fixed
            else:
                add(root, real, writable=True)
            if root.parent in context:  # one pre-commit run passes many files of a module
                continue
            context.add(root.parent)
            for path in finder.walk(root.parent, recursive=False, json=True):
                other = finder.identity(path)
                if other is not None:
                    add(path, other, writable=False)
    for path in finder.seen:
        module = modules.get(path.parent)
        if module is None:
            continue
        if path in finder.ignored:
            module.ignored[path] = finder.ignored[path]
        elif (
            not path.name.endswith((*CONFIG_KINDS, *JSON_CONFIG_KINDS))
            and path not in module.context
        ):
            module.context.append(path)
    for path, replacement in finder.ignored.items():
        if path.parent in modules:
            modules[path.parent].ignored[path] = replacement
    result = []
    for directory in sorted(modules):
        module = modules[directory]
        module.files.sort(key=lambda p: p.name)
        if directory in walked:  # its directory was given: every file of it, and new ones
            module.writable = None
        result.append(module)
    return result


@dataclass
class Survey:
    """What discovery found under some paths: files per kind, and the ignored ones."""

    counts: dict[str, int] = field(default_factory=dict)
    ignored: dict[Path, Path] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def lines(self) -> list[str]:
        """The ``-v`` report: one line of counts, then one per ignored file."""
        if not self.counts:
            return ["found: no Terraform files"]
        parts = [f"{self.counts[k]} {k}" for k in FILE_KINDS[::-1] if self.counts.get(k)]
        lines = [f"found: {', '.join(parts)}"]
        for path, twin in sorted(self.ignored.items()):
            lines.append(f"ignored: {path} ({twin.name} replaces it, as in OpenTofu)")
        return lines


def survey(paths: Iterable[str | os.PathLike[str]], *, exclude: Iterable[str] = ()) -> Survey:
    """Count the Terraform and OpenTofu files under ``paths`` by kind (discovery's rules)."""
    given = [Path(p) for p in paths]
    finder = _Finder(given, exclude)
    for root in given:
        if root.is_dir():
            for _path in finder.walk(root):
                pass
        elif _given_file(root) and file_kind(root.name) is not None:
            finder.seen.append(root)
    result = Survey(ignored=dict(finder.ignored))
    for path in dict.fromkeys(finder.seen):
        kind = file_kind(path.name)
        if kind is not None:
            result.counts[kind] = result.counts.get(kind, 0) + 1
    return result
