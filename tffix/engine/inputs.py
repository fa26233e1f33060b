"""Files outside a module's own ``.tf`` files that its decisions read.

The result cache is keyed on the module's files, its variable files and the
run's configuration. Some decisions read more: the provider version that
``.terraform.lock.hcl`` selects (an argument the locked provider lacks must
not be written), the ``.tf`` files of a local child module, a script a
provisioner runs. A cached result replayed after one of those changed would
repeat a decision made for another provider or another child module, so
each such read is noted here while a module runs, kept with its cache entry,
and checked before the entry is used: any difference is a miss.

Readers call ``note(path)`` (a file, present or not) or ``note_listing(dir)``
(which files a directory holds) before they read; outside ``recording()``
this costs one lookup.
"""

from __future__ import annotations

import contextvars
import hashlib
import os
import stat as stat_module
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

_RECORD: contextvars.ContextVar[dict[str, str | None] | None] = contextvars.ContextVar(
    "tffix_inputs", default=None
)
# (path, mtime_ns, size) -> digest: a file every module of a run reads (a shared
# lock file, a child module) is hashed once per version of it.
_DIGESTS: dict[tuple[str, int, int], str] = {}


@contextmanager
def recording() -> Iterator[dict[str, str | None]]:
    """Note, for the code run inside, every outside file read (path -> fingerprint)."""
    record: dict[str, str | None] = {}
    token = _RECORD.set(record)
    try:
        yield record
    finally:
        _RECORD.reset(token)


def note(path: str) -> None:
    """``path`` is read (or looked for) by a decision of the module being run."""
    record = _RECORD.get()
    if record is not None:
        path = os.path.abspath(path)
        if path not in record:
            record[path] = fingerprint(path)


def note_listing(directory: str) -> None:
    """Which files ``directory`` holds matters to a decision (a file added there
    changes it even before anything reads that file)."""
    record = _RECORD.get()
    if record is not None:
        directory = os.path.abspath(directory)
        key = directory + os.sep
        if key not in record:
            record[key] = fingerprint(key)


def fingerprint(path: str) -> str | None:
    """A digest of a file's bytes, or of a directory's names when ``path`` ends with
    a separator; None when there is no such file or directory (absence is a fact too:
    a lock file that appears changes the decision)."""
    if path.endswith(os.sep):
        try:
            names = sorted(os.listdir(path))
        except OSError:
            return None
        return (
            "dir:" + hashlib.sha256("\0".join(names).encode("utf-8", "surrogateescape")).hexdigest()
        )
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat_module.S_ISREG(info.st_mode):
        return "special"
    key = (path, info.st_mtime_ns, info.st_size)
    digest = _DIGESTS.get(key)
    if digest is None:
        try:
            with open(path, "rb") as handle:
                digest = hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            return "unreadable"
        _DIGESTS[key] = digest
    return digest


def unchanged(record: Mapping[str, str | None]) -> bool:
    """Whether every noted file is as it was when the record was made."""
    return all(fingerprint(path) == digest for path, digest in record.items())
