"""Which codemods exist: the built-ins, and those installed packages register.

Third-party codemods come only from installed distributions, through the
``tffix.codemods`` entry-point group; nothing in a repository under review
can add or load code.

Start-up is a feature (a pre-commit hook runs tffix on every commit), so
nothing here imports more than a run needs:

- the built-ins are known from a static table (``tffix.codemods._catalog``):
  choosing a run's codemods reads only the table (``catalog()``), and a
  codemod's module is imported when the codemod is loaded (``load()``);
- the entry points are read once and remembered in the cache directory
  (``$TFFIX_CACHE_DIR``, as the fix cache), under a key made of the import
  path and the times of its directories: an install, upgrade or removal
  gives another key, and a run with no plug-in installed never imports
  ``importlib.metadata`` (about 15 ms).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module

from tffix.engine.codemod import Codemod, Safety

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

ENTRY_POINT_GROUP = "tffix.codemods"
_BUILTIN_PACKAGE = "tffix.codemods"


@dataclass(frozen=True)
class Entry:
    """A codemod as the catalog knows it: enough to select it, and how to load it.

    ``module`` is the module that defines the codemod; ``attribute`` names
    the class in it (empty for a built-in: its module defines one codemod).
    """

    code: str
    name: str
    safety: Safety
    default_selected: bool
    module: str
    attribute: str = ""
    loaded: list[type[Codemod]] = field(default_factory=list, compare=False, repr=False)
    reports_by_default: bool = False  # Codemod.reports_by_default

    @classmethod
    def of(cls, codemod: type[Codemod]) -> Entry:
        """The entry of a class that is loaded already (plug-ins, unlisted built-ins)."""
        entry = cls(
            codemod.code,
            codemod.name,
            codemod.safety,
            codemod.default_selected,
            codemod.__module__,
            codemod.__qualname__,
            reports_by_default=codemod.reports_by_default,
        )
        entry.loaded.append(codemod)
        return entry

    def load(self) -> type[Codemod]:
        """The codemod's class (its module is imported the first time)."""
        if not self.loaded:
            module = import_module(self.module)
            if self.attribute:
                found = getattr(module, self.attribute)
            else:
                (found,) = _defined_in(vars(module), module.__name__)
            if (
                found.code,
                found.name,
                found.safety,
                found.default_selected,
                found.reports_by_default,
            ) != (
                self.code,
                self.name,
                self.safety,
                self.default_selected,
                self.reports_by_default,
            ):
                raise RuntimeError(
                    f"{self.module}: the codemod does not match its row in "
                    f"{_BUILTIN_PACKAGE}._catalog (tests/engine/test_registry.py says how)"
                )
            self.loaded.append(found)
        return self.loaded[0]


def _defined_in(namespace: dict[str, object], module: str) -> list[type[Codemod]]:
    """The ``Codemod`` subclasses a module defines (not those it imports)."""
    return [
        value
        for value in namespace.values()
        if isinstance(value, type)
        and issubclass(value, Codemod)
        and value is not Codemod
        and value.__module__ == module
    ]


def builtin_modules() -> list[str]:
    """The names of the built-in codemods' modules, found by listing the package."""
    from importlib.util import find_spec

    spec = find_spec(_BUILTIN_PACKAGE)
    names: set[str] = set()
    for directory in (spec.submodule_search_locations or []) if spec else []:
        for name in os.listdir(directory):
            if name.endswith(".py") and not name.startswith("_"):
                names.add(name[:-3])
    return sorted(names)


@lru_cache(maxsize=1)
def builtin_entries() -> tuple[Entry, ...]:
    """Every built-in codemod: the catalog's rows, and the modules it does not list yet."""
    from tffix.codemods._catalog import CATALOG, REPORTS_BY_DEFAULT

    entries = [
        Entry(
            code,
            name,
            Safety(safety),
            default,
            f"{_BUILTIN_PACKAGE}.{module}",
            reports_by_default=code in REPORTS_BY_DEFAULT,
        )
        for code, name, safety, default, module in CATALOG
    ]
    listed = {row[4] for row in CATALOG}
    for name in builtin_modules():
        if name not in listed:
            module = import_module(f"{_BUILTIN_PACKAGE}.{name}")
            entries.extend(Entry.of(c) for c in _defined_in(vars(module), module.__name__))
    return tuple(entries)


def builtin_codemods() -> list[type[Codemod]]:
    """Every built-in codemod's class, in code order (imports them all)."""
    return [e.load() for e in sorted(builtin_entries(), key=lambda e: e.code)]


def _installed_key() -> str:
    """A digest that changes whenever the installed entry points may have changed.

    Each directory of the import path that holds distributions, with their
    names and, for a directory of many (site-packages), its modification time:
    installing, upgrading, reinstalling or removing a distribution adds or
    removes its metadata directory (``*.dist-info``), which changes both.
    (Editing an installed ``entry_points.txt`` there by hand does not:
    reinstall instead, as pip does.) A ``stat`` of every distribution's
    ``entry_points.txt`` took ~10 ms in a full venv; a directory of a few
    (a checkout's ``*.egg-info``) is stamped by those files instead, since
    its own time changes with anything made at its top.
    """
    import hashlib
    import sys

    from tffix import __version__

    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0".encode())
    for entry in sys.path:
        directory = entry or "."
        try:
            names = os.listdir(directory)
            info = os.stat(directory)
        except OSError:  # a zip file, or gone: its own time stands for its content
            try:
                info = os.stat(directory)
            except OSError:
                continue
            digest.update(f"{entry}\0{info.st_mtime_ns}\0".encode())
            continue
        # Only directories that hold distributions count: the working directory
        # (``python -m tffix`` puts it on the path) changes often and holds none.
        held = sorted(n for n in names if n.endswith((".dist-info", ".egg-info")))
        if not held:
            continue
        where = os.path.abspath(directory)
        digest.update(f"{where}\0{'/'.join(held)}\0".encode())
        if len(held) > _FEW_DISTRIBUTIONS:
            digest.update(f"{info.st_mtime_ns}\0".encode())
            continue
        # A checkout (its ``*.egg-info``, on the path as the working directory or
        # PYTHONPATH) or a small venv: the directory's time changes with every file
        # made or removed at its top (a test run's cache, an editor's swap file, a
        # merge touching README.md), which made each such run read the entry points
        # again (importlib.metadata: 30-60 ms). Each distribution's entry points
        # file is what an install, reinstall or removal changes.
        for name in held:
            try:
                mark = os.stat(os.path.join(directory, name, "entry_points.txt"))
                stamp = f"{mark.st_ino}:{mark.st_size}:{mark.st_mtime_ns}"
            except OSError:
                stamp = "none"
            digest.update(f"{name}\0{stamp}\0".encode())
    return digest.hexdigest()


# Up to this many distributions in a directory, their entry point files are
# looked at one by one (see ``_installed_key``); a site-packages directory
# with more is stamped by its own time, which installs change.
_FEW_DISTRIBUTIONS = 8


def _none_declared() -> bool:
    """True when no distribution on the import path can declare a ``tffix.codemods``
    entry point: none of their ``entry_points.txt`` files names the group.

    What ``importlib.metadata`` would find, without importing it (30-60 ms,
    most of a cold run's start-up when the plug-ins are not remembered yet:
    an empty cache directory, ``--no-cache``). Only for the plain case, where
    that is all it reads: directories on ``sys.path`` and no other finder of
    distributions; anything else (a zip file, a custom finder) says False.
    """
    import sys
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if hasattr(finder, "find_distributions") and finder is not PathFinder:
            return False
    for entry in sys.path:
        directory = entry or "."
        try:
            names = os.listdir(directory)
        except NotADirectoryError:
            return False  # a zip file: its distributions are read from inside it
        except OSError:
            continue  # gone or unreadable: nothing found there either way
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(directory, name, "entry_points.txt"), "rb") as file:
                    if ENTRY_POINT_GROUP.encode() in file.read():
                        return False
            except (FileNotFoundError, NotADirectoryError):
                continue  # no entry points (an .egg-info file holds only metadata)
            except OSError:
                return False  # not readable here (or a file itself): let importlib decide
    return True


def _entry_point_targets() -> list[tuple[str, str]]:
    """(name, ``module:attribute``) of each ``tffix.codemods`` entry point, read once."""
    import json

    from tffix.engine.cache import cache_dir, memos

    path = cache_dir() / "plugins" / f"{_installed_key()}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if memos() else None
        if isinstance(data, list) and all(
            isinstance(item, list) and len(item) == 2 and all(isinstance(s, str) for s in item)
            for item in data
        ):
            return [(name, value) for name, value in data]
    except (OSError, ValueError):
        pass
    if _none_declared():
        found: list[tuple[str, str]] = []
    else:
        from importlib.metadata import entry_points  # slow to import: only when needed

        found = sorted({(e.name, e.value) for e in entry_points(group=ENTRY_POINT_GROUP)})
    if not memos():
        return found
    try:
        from tffix.engine.cache import write_entry

        write_entry(path, json.dumps([list(item) for item in found]).encode())
    except OSError:
        pass  # a read-only home: read them again next time
    return found


def plugin_codemods() -> list[type[Codemod]]:
    """The classes installed distributions register as ``tffix.codemods`` entry points."""
    found: list[type[Codemod]] = []
    for name, value in _entry_point_targets():
        module, _, attribute = value.partition(":")
        loaded: object = import_module(module.strip())
        for part in attribute.split("[")[0].strip().split(".") if attribute else []:
            loaded = getattr(loaded, part)
        if not (isinstance(loaded, type) and issubclass(loaded, Codemod)):
            raise TypeError(f"entry point {name!r} is not a Codemod subclass")
        found.append(loaded)
    return found


@lru_cache(maxsize=1)
def catalog() -> tuple[Entry, ...]:
    """Every known codemod, ordered by code (the order they run in), most not imported.

    Looked up once per process: workers ask for every module they fix.
    """
    by_code: dict[str, Entry] = {}
    for entry in [*builtin_entries(), *(Entry.of(c) for c in plugin_codemods())]:
        other = by_code.get(entry.code)
        if other is not None and (other.module, other.attribute) != (
            entry.module,
            entry.attribute,
        ):
            raise ValueError(f"two codemods claim code {entry.code}")
        by_code.setdefault(entry.code, entry)
    return tuple(by_code[code] for code in sorted(by_code))


def acting(
    codes: Sequence[str],
    files: Sequence[str],
    max_file_size: int | None = None,
    *,
    texts: Sequence[bytes] = (),
    read: dict[str, tuple[bytes, os.stat_result]] | None = None,
) -> list[str]:
    """The codes of ``codes`` that may have something to do in a module of ``files``.

    A codemod that acts only on some resource types (``TRIGGER_TYPES`` of the
    catalog) has nothing to do where no file of the module names one of
    them; every other codemod always may. The module's JSON files count
    too, and ``texts`` (files as a run left them). When a file cannot be
    read (or is not a regular file), every codemod may: the run reports it.
    ``read`` gets each file read, with its status, for the run that follows
    (``run_module(..., read=...)``): the module's files are then read once.
    """
    from tffix.codemods._catalog import TRIGGER_TYPES

    if not any(code in TRIGGER_TYPES for code in codes):
        return list(codes)
    from tffix.engine.files import read_regular

    directories = {os.path.dirname(path) or "." for path in files}
    texts = list(texts)
    try:
        names = list(files)
        for directory in directories:
            names.extend(
                os.path.join(directory, n) for n in os.listdir(directory) if n.endswith(".json")
            )
        for name in names:
            data, info = read_regular(name, max_size=max_file_size)
            texts.append(data)
            if read is not None:
                read[name] = (data, info)
    except OSError:
        return list(codes)
    text = b"\0".join(texts)
    named: dict[str, bool] = {}  # each type looked for once (the S3 split's twelve share one)

    def mentioned(type_: str) -> bool:
        found = named.get(type_)
        if found is None:
            found = named[type_] = type_.encode() in text
        return found

    return [
        code
        for code in codes
        if code not in TRIGGER_TYPES or any(mentioned(t) for t in TRIGGER_TYPES[code])
    ]


def all_codemods() -> list[type[Codemod]]:
    """Every known codemod's class, ordered by code (imports them all)."""
    return [entry.load() for entry in catalog()]


def load(code: str) -> type[Codemod]:
    """The class of the codemod with this exact code (``KeyError`` if none)."""
    for entry in catalog():
        if entry.code == code:
            return entry.load()
    raise KeyError(code)


def get(code: str) -> type[Codemod]:
    """The codemod a user names: by code (any case) or by name."""
    for entry in catalog():
        if entry.code == code.upper() or entry.name == code:
            return entry.load()
    raise KeyError(code)
