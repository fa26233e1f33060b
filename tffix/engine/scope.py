"""Which files a run works on, and which configuration applies to each.

As ruff does it: every module (directory) is configured by the nearest
configuration file above it, so the order of the paths on the command line
never changes the result (``tffix a b`` is ``tffix b a``). ``exclude``
patterns are anchored at the directory of the file that declares them
(``--exclude`` on the command line: at the working directory), so the same
configuration excludes the same files from wherever tffix runs. Files that
git ignores (``.gitignore``, ``.git/info/exclude``, ``core.excludesFile``)
are skipped unless ``respect_gitignore`` is off.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path

from tffix.engine.config import Config, load_file
from tffix.engine.files import ModuleFiles, find_modules

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


@dataclass
class Part:
    """Modules that share one configuration."""

    settings: Config
    modules: list[ModuleFiles] = field(default_factory=list)
    # per-file-ignores: each matching file (as named in ``modules``) and its patterns' codes.
    ignores: dict[str, list[str]] = field(default_factory=dict)


def matches(path: Path, patterns: Iterable[str], anchor: Path) -> bool:
    """True when ``path`` (or a directory above it, up to ``anchor``) matches a pattern.

    A pattern is a glob relative to ``anchor`` (``examples/*``, ``legacy``),
    or, without a ``/``, a name matched anywhere (``*.generated.tf``).
    """
    patterns = list(patterns)
    if not patterns:
        return False
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(anchor).as_posix()
    except ValueError:
        relative = None
    # A pattern without "/" names a file or directory anywhere below the anchor.
    names = relative.split("/") if relative is not None else [absolute.name]
    for pattern in patterns:
        pattern = pattern.strip().removeprefix("./").rstrip("/")
        if "/" not in pattern and any(fnmatch.fnmatchcase(name, pattern) for name in names):
            return True
        if relative is None:
            continue
        if fnmatch.fnmatchcase(relative, pattern):
            return True
        parts = relative.split("/")
        for depth in range(1, len(parts)):  # a directory above the file
            if fnmatch.fnmatchcase("/".join(parts[:depth]), pattern):
                return True
    return False


class _Configs:
    """The nearest configuration of each directory, each file read once."""

    def __init__(self, fixed: Config | None) -> None:
        self.fixed = fixed
        self.memo: dict[Path, Config] = {}

    def __call__(self, directory: Path) -> Config:
        if self.fixed is not None:
            return self.fixed
        here = directory.resolve()
        walked = []
        found: Config | None = None
        for current in (here, *here.parents):
            if current in self.memo:
                found = self.memo[current]
                break
            walked.append(current)
            for name in (".tffix.toml", "pyproject.toml"):
                candidate = current / name
                if candidate.is_file():
                    found = load_file(candidate)
                    if found is not None:
                        break
            if found is not None:
                break
        if found is None:
            found = Config()
        for current in walked:
            self.memo[current] = found
        return found


def _git_root(directory: Path, memo: dict[Path, Path | None]) -> Path | None:
    """The work tree holding ``directory`` (a ``.git`` directory or file above it)."""
    trail = []
    root: Path | None = None
    for current in (directory, *directory.parents):
        if current in memo:
            root = memo[current]
            break
        trail.append(current)
        if (current / ".git").exists():
            root = current
            break
    for current in trail:
        memo[current] = root
    return root


def git_ignored(paths: Sequence[Path]) -> set[Path]:
    """The absolute paths among ``paths`` that git ignores (none when git is not there).

    ``git check-ignore`` reads ignore files only: it runs no hook, filter or
    other configured program, so it is safe on an untrusted checkout.
    """
    by_root: dict[Path, list[str]] = {}
    memo: dict[Path, Path | None] = {}
    roots: dict[str, Path | None] = {}  # directory -> its work tree: one lookup per directory
    for path in paths:
        absolute = os.path.abspath(path)
        directory = os.path.dirname(absolute)
        if directory not in roots:
            roots[directory] = _git_root(Path(directory), memo)
        root = roots[directory]
        if root is not None:
            by_root.setdefault(root, []).append(absolute)
    ignored: set[Path] = set()
    if not by_root:
        return ignored
    import subprocess  # only for paths in a git work tree (start-up of the others)

    for root, files in by_root.items():
        try:
            done = subprocess.run(
                ["git", "-C", str(root), "check-ignore", "-z", "--stdin"],
                input=b"".join(os.fsencode(f) + b"\0" for f in files),
                capture_output=True,
                check=False,
                timeout=60,
            )
        except (OSError, subprocess.SubprocessError):
            continue  # no git: nothing is ignored
        if done.returncode not in (0, 1):  # 1: nothing ignored; else git failed
            continue
        ignored.update(Path(os.fsdecode(p)) for p in done.stdout.split(b"\0") if p)
    return ignored


def resolve(
    paths: Sequence[str | os.PathLike[str]],
    *,
    config: Path | None = None,
    exclude: Sequence[str] = (),
    extend_exclude: Sequence[str] = (),
    respect_gitignore: bool | None = None,
) -> list[Part]:
    """The modules under ``paths``, grouped by the configuration that applies to them.

    ``config`` (``--config FILE``) applies to every module; else each
    module's nearest file. ``exclude`` replaces the configuration's
    patterns, ``extend_exclude`` adds to them; both are relative to the
    working directory. ``respect_gitignore`` None: as configured (default
    on). Raises ``ConfigError`` for a configuration that cannot be used.
    """
    fixed = None
    if config is not None:
        fixed = load_file(config) or Config(source=str(config), directory=config.resolve().parent)
    configs = _Configs(fixed)
    here = Path.cwd()
    parts: dict[int, Part] = {}
    todo: list[tuple[ModuleFiles, Config]] = []
    for module in find_modules(paths):
        settings = configs(module.directory)
        anchor = settings.directory or here
        keep = []
        for path in module.files:
            if exclude:
                out = matches(path, exclude, here)
            else:
                out = matches(path, settings.exclude, anchor)
            out = out or matches(path, settings.extend_exclude, anchor)
            out = out or matches(path, extend_exclude, here)
            if not out:
                keep.append(path)
        if not keep:
            continue
        module.files = keep
        if module.writable is not None:
            module.writable &= set(keep)
        todo.append((module, settings))
    gitignore = [
        (m, s)
        for m, s in todo
        if (s.respect_gitignore if respect_gitignore is None else respect_gitignore)
    ]
    if gitignore:
        ignored = git_ignored([p for m, _s in gitignore for p in m.files])
        if ignored:
            for module, _settings in gitignore:
                module.files = [p for p in module.files if Path(os.path.abspath(p)) not in ignored]
                if module.writable is not None:
                    module.writable &= set(module.files)
            todo = [(m, s) for m, s in todo if m.files]
    for module, settings in todo:
        part = parts.setdefault(id(settings), Part(settings))
        part.modules.append(module)
        anchor = settings.directory or here
        for path in module.files:
            codes = [
                code
                for pattern, listed in settings.per_file_ignores.items()
                if matches(path, [pattern], anchor)
                for code in listed
            ]
            if codes:
                part.ignores[str(path)] = codes
    return list(parts.values())
