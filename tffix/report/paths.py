"""How a path is shown to a person: the one function every output format uses."""

from __future__ import annotations

import os


def display_path(path: str | os.PathLike[str], root: str | None = None) -> str:
    """``path`` relative to ``root`` (default: the working directory) with ``/`` separators;
    as given when it lies outside ``root``.

    Computed when the report is written, never stored: a cached result made
    from another directory names the files as this run reaches them. Reports
    are read on other machines (a pull request, a CI log), so they never show
    the absolute paths of the machine that ran tffix when a shorter, portable
    one exists.
    """
    shown = os.fspath(path)
    base = os.getcwd() if root is None else root
    try:
        rel = os.path.relpath(os.path.abspath(shown), os.path.abspath(base))
    except ValueError:  # another drive on Windows
        rel = shown
    if rel != ".." and not rel.startswith(".." + os.sep):
        shown = rel
    return shown.replace(os.sep, "/")
