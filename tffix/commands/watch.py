"""``--watch``: run again whenever a Terraform or configuration file changes.

Polling (modification time and size of each file, twice a second) needs no
platform API and no extra dependency, and a tree of Terraform code is small
enough to look at that often.
"""

from __future__ import annotations

import os
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

WATCHED = (".tf", ".tffix.toml", "pyproject.toml", ".gitignore")
INTERVAL = 0.5  # seconds between two looks


def snapshot(paths: Sequence[Path]) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every watched file under ``paths``."""
    seen: dict[str, tuple[int, int]] = {}

    def look(path: str) -> None:
        try:
            stat = os.stat(path)
        except OSError:
            return
        seen[path] = (stat.st_mtime_ns, stat.st_size)

    for given in paths:
        if os.path.isfile(given):
            look(os.fspath(given))
            continue
        for current, dirs, files in os.walk(given):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if name.endswith(WATCHED):
                    look(os.path.join(current, name))
    return seen


def watch_paths(paths: Sequence[Path], first: Callable[[], int], again: Callable[[], int]) -> int:
    """Run ``first``, then ``again`` after every change, until interrupted (Ctrl-C)."""
    status = 130
    try:
        # Taken before each run: a change made while it runs is not lost (the
        # run's own writes cause one more run, which finds nothing to do).
        before = snapshot(paths)
        status = first()
        while True:
            sys.stderr.write("[watch] waiting for changes (Ctrl-C to stop)\n")
            sys.stderr.flush()
            now = snapshot(paths)
            while now == before:
                time.sleep(INTERVAL)
                now = snapshot(paths)
            before = now
            sys.stderr.write("[watch] files changed; running again\n")
            sys.stderr.flush()
            status = again()
    except KeyboardInterrupt:
        return status
