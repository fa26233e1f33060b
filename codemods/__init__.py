"""Built-in codemods, installed as ``tffix.codemods`` (one module per fix).

Each module named ``<code>_<name>.py`` holds one ``Codemod`` subclass; they
are found by scanning this package, so adding a codemod is adding a file.
"""

from __future__ import annotations

import importlib
import pkgutil

from tffix.engine.codemod import Codemod


def _discover() -> tuple[type[Codemod], ...]:
    found: dict[str, type[Codemod]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Codemod)
                and value is not Codemod
                and value.__module__ == module.__name__
            ):
                if value.code in found:
                    raise ValueError(f"two built-in codemods claim {value.code}")
                found[value.code] = value
    return tuple(found[code] for code in sorted(found))


BUILTIN = _discover()

__all__ = ["BUILTIN"]
