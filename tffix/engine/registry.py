"""Which codemods exist: the built-ins, and those installed packages register.

Third-party codemods come only from installed distributions, through the
``tffix.codemods`` entry-point group; nothing in a repository under review
can add or load code.
"""

from __future__ import annotations

from functools import lru_cache

from tffix.engine.codemod import Codemod

ENTRY_POINT_GROUP = "tffix.codemods"


def builtin_codemods() -> list[type[Codemod]]:
    from tffix.codemods import BUILTIN

    return list(BUILTIN)


def plugin_codemods() -> list[type[Codemod]]:
    from importlib.metadata import entry_points  # slow to import; needed once per run

    found: list[type[Codemod]] = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        loaded = entry.load()
        if not (isinstance(loaded, type) and issubclass(loaded, Codemod)):
            raise TypeError(f"entry point {entry.name!r} is not a Codemod subclass")
        found.append(loaded)
    return found


@lru_cache(maxsize=1)
def _all_codemods() -> tuple[type[Codemod], ...]:
    by_code: dict[str, type[Codemod]] = {}
    for cls in [*builtin_codemods(), *plugin_codemods()]:
        if cls.code in by_code and by_code[cls.code] is not cls:
            raise ValueError(f"two codemods claim code {cls.code}")
        by_code[cls.code] = cls
    return tuple(by_code[code] for code in sorted(by_code))


def all_codemods() -> list[type[Codemod]]:
    """Every known codemod, ordered by code (the order they run in).

    Looked up once per process: scanning entry points is slow, and workers
    ask for every module they fix.
    """
    return list(_all_codemods())


def get(code: str) -> type[Codemod]:
    for cls in all_codemods():
        if cls.code == code.upper() or cls.name == code:
            return cls
    raise KeyError(code)
