"""Where a run's wall time goes, per process: ``TFFIX_TIMELINE=FILE`` appends one
line per event (``pid start end what``, both
wall-clock times, equal for a point in time) to FILE.

A run with ``--jobs`` is as slow as its longest process: what the main
process does before the first worker has work and after the last one is done,
a worker's start-up, a worker left idle while another finishes a big module
are not seen in CPU profiles. ``bench/fix.py --timeline`` runs the fix with it
and prints each process's lanes. Off (one dictionary look-up) otherwise.
"""

from __future__ import annotations

import os
import time

_FILE = os.environ.get("TFFIX_TIMELINE") or None


def enabled() -> bool:
    return _FILE is not None


def mark(what: str, since: float | None = None) -> None:
    """Note ``what`` now (wall clock, comparable across processes), or as a span
    from ``since`` (a ``time.time()``) to now."""
    if _FILE is None:
        return
    now = time.time()
    line = f"{os.getpid()} {now if since is None else since:.6f} {now:.6f} {what}\n"
    # One write per line with O_APPEND: lines of several processes do not mix.
    fd = os.open(_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode("utf-8", "surrogateescape"))
    finally:
        os.close(fd)
