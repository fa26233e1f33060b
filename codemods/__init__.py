"""Built-in codemods, installed as ``tffix.codemods`` (one module per fix).

Each module named ``<code>_<name>.py`` holds one ``Codemod`` subclass, and
``_catalog.py`` lists it with what choosing it needs (code, name, safety,
default), so that a run imports only the codemods it runs
(``tffix.engine.registry``). Importing this package imports none of them;
``BUILTIN`` (every built-in class, in code order) imports them all.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tffix.engine.codemod import Codemod

    BUILTIN: tuple[type[Codemod], ...]


def __getattr__(name: str) -> object:
    if name == "BUILTIN":
        from tffix.engine.registry import builtin_codemods

        return tuple(builtin_codemods())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["BUILTIN"]
