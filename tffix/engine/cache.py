"""A cache of modules known to need nothing, keyed by content and configuration.

Re-running tffix on a tree where nothing changed (pre-commit, CI) should cost
little more than hashing the files. A module's key is the SHA-256 of the
tffix version, the run's configuration (codemods, options, mode), every
file's path and bytes, and which files may change (``tffix FILE`` reads the
whole module but changes only the given files, which can give other results
than ``tffix DIRECTORY`` on the same bytes); an entry exists only for modules whose run changed
nothing and hit no error, and holds their findings (a dry run also keeps
the new text of the files it would change or create). Any edit to any file,
any other option, or a new tffix version gives another key, so a stale entry
can never be used. Entries are small JSON files; deleting the directory is
always safe.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import itertools
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

from tffix.engine.codemod import Finding, Status
from tffix.engine.files import DEFAULT_MAX_FILE_SIZE, read_regular

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any


# What this process remembers across runs besides module results: the code
# hash, the plug-in list and parsed data tables. ``tffix --no-cache`` turns it
# off with ``bypass``: everything is computed afresh and nothing is written.
_MEMOS = {"on": True}


def bypass() -> None:
    """Neither read nor write the cache directory for the rest of this process."""
    _MEMOS["on"] = False


def memos() -> bool:
    """Whether the cache directory may be read and written (see ``bypass``)."""
    return _MEMOS["on"]


def cache_dir() -> Path:
    """``$TFFIX_CACHE_DIR``, else ``$XDG_CACHE_HOME/tffix``, else ``~/.cache/tffix``."""
    explicit = os.environ.get("TFFIX_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tffix"


def code_files() -> list[Path]:
    """The files that make up tffix's behaviour: its modules and the codemods' data tables.

    Only the imported packages' own directories: a checkout's tests, benches
    and corpora change nothing a run computes, so editing them must not
    invalidate every cached result. The built-in codemods are reached both as
    ``tffix/codemods`` and through their own ``__path__`` (a checkout links
    the top-level ``codemods/``), so files are counted once, by real path.
    Listed with ``os.scandir`` (each package and its direct subpackages):
    every run that uses the cache lists them, and globbing took tens of ms.
    """
    return [Path(path) for path, _stamp in _code_stamps()]


def _code_stamps() -> list[tuple[str, str]]:
    """(real path, ``size:mtime``) of each of ``code_files``, sorted by path."""
    import tffix

    roots = list(tffix.__path__)
    # Found without importing them: the digest must not depend on whether
    # the codemods were imported yet (``tffix fmt`` never imports them).
    from importlib.util import find_spec

    codemods = find_spec("tffix.codemods")
    if codemods is not None:
        roots.extend(codemods.submodule_search_locations or ())
    found: dict[str, str] = {}

    def scan(directory: str) -> list[str]:
        """Record the directory's files; return its subdirectories."""
        try:
            entries = list(os.scandir(os.path.realpath(directory)))
        except OSError:
            return []
        subdirectories = []
        for entry in entries:
            if entry.name.endswith((".py", ".toml")) and entry.is_file():
                info = entry.stat()
                found[entry.path] = f"{info.st_size}:{info.st_mtime_ns}"
            elif entry.is_dir() and not entry.name.startswith((".", "__")):
                subdirectories.append(entry.path)
        return subdirectories

    for root in roots:
        for subdirectory in scan(root):
            scan(subdirectory)
    return sorted(found.items())


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of tffix's own code and of the codemods' code.

    The version alone would let a development checkout (or a plugin
    upgraded in place) reuse results computed by different code. Hashing
    1.2 MB of code on every run is most of a small run's work, so the hash
    is remembered in the cache directory under the files' paths, sizes and
    modification times (the stamps ``make`` and git trust): only a changed
    file makes the next run read them all again.
    """
    stamps = _code_stamps()
    key = hashlib.sha256("\0".join(f"{p}\0{s}" for p, s in stamps).encode()).hexdigest()
    remembered = cache_dir() / "code" / key
    try:
        known = remembered.read_text(encoding="ascii") if memos() else ""
        if len(known) == 64 and all(c in "0123456789abcdef" for c in known):
            return known
    except (OSError, UnicodeDecodeError):
        pass
    digest = hashlib.sha256()
    for path, _stamp in stamps:
        try:
            with open(path, "rb") as f:
                digest.update(f.read())
        except OSError:
            continue
    result = digest.hexdigest()
    if not memos():
        return result
    with contextlib.suppress(OSError):  # a read-only home: hash again next time
        write_entry(remembered, result.encode("ascii"))
    return result


def data_table(path: Path) -> dict[str, Any]:
    """A codemod's TOML data table, parsed once per content.

    Python's TOML parser takes tens of milliseconds on a table of a few
    thousand lines (TF005's renames), more than the rest of a small run; the
    parsed table is kept as JSON in the cache directory under the hash of the
    file's bytes, so a changed table is parsed again and a damaged entry is
    ignored. Tables holding values JSON cannot hold (dates) are not kept.
    A table the package ships compiled (``compile_table``) is read from
    there, cache or not, while it is compiled from the TOML's bytes.
    """
    data = path.read_bytes()
    key = hashlib.sha256(data).hexdigest()
    shipped = _compiled_table(path, key)
    if shipped is not None:
        return shipped
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    kept = cache_dir() / "tables" / f"{key}.json"
    try:
        table = json.loads(kept.read_text(encoding="utf-8")) if memos() else None
        if isinstance(table, dict):
            return table
    except (OSError, ValueError):
        pass
    table = tomllib.loads(data.decode("utf-8"))
    if not memos():
        return table
    # A read-only home, or a value JSON has no form for: parse again next time.
    with contextlib.suppress(OSError, TypeError, ValueError):
        write_entry(kept, json.dumps(table).encode("utf-8"))
    return table


def compiled_table_path(path: Path) -> Path:
    """Where the package keeps ``path``'s table compiled (``compile_table``): beside it."""
    return path.with_suffix(".json")


def compile_table(path: Path) -> str:
    """The JSON the package ships beside a TOML data table: the table, and the SHA-256
    of the bytes it was compiled from (a table edited since is parsed instead).

    A run without the cache directory (``--no-cache``, a first run, a read-only
    home) read TF005's table with Python's TOML parser: 8 ms of a 30 ms run on
    one small file. ``tests/engine/test_cache.py`` checks every shipped table
    is compiled from its TOML as it is now.
    """
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    data = path.read_bytes()
    table = tomllib.loads(data.decode("utf-8"))
    digest = hashlib.sha256(data).hexdigest()
    return json.dumps({"sha256": digest, "table": table}, indent=1) + "\n"


def _compiled_table(path: Path, key: str) -> dict[str, Any] | None:
    """The table compiled beside ``path`` when it was compiled from bytes of SHA-256 ``key``."""
    try:
        compiled = json.loads(compiled_table_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(compiled, dict) or compiled.get("sha256") != key:
        return None
    table = compiled.get("table")
    return table if isinstance(table, dict) else None


def module_key(
    paths: Sequence[str],
    config: Any,
    *,
    writable: Sequence[str] | None = None,
    max_file_size: int | None = DEFAULT_MAX_FILE_SIZE,
) -> str | None:
    """The cache key of a module, or None when a file cannot be read.

    ``writable``: the files that may change, None for all of them. A file
    that is not a regular one, or is over ``max_file_size``, gives no key:
    the run refuses it and says so.
    """
    # Findings about Lambda runtimes depend on the date (a runtime reaches its
    # deprecation date): a result holds until the next date of the table.
    from tffix.aws.lambda_runtimes import today

    digest = _run_digest(json.dumps(config, sort_keys=True, default=str), today()).copy()
    if writable is None:
        digest.update(b"writable: all\0")
    else:
        digest.update(b"writable:\0")
        for path in sorted(os.path.abspath(p) for p in writable):
            digest.update(path.encode() + b"\0")
        digest.update(b"files:\0")
    for path in sorted(paths):
        try:
            data, _info = read_regular(path, max_size=max_file_size)
        except OSError:
            return None
        digest.update(os.path.abspath(path).encode() + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


@lru_cache(maxsize=16)
def _run_digest(config: str, day: datetime.date) -> hashlib._Hash:
    """The hash of what every module of a run shares (tffix's version and code, the
    configuration, the runtime table's epoch on ``day``), to be copied for each module:
    computing the epoch and dumping the configuration for each of 201 modules was
    half of the cache keys' time on the shared corpus."""
    from tffix import __version__
    from tffix.aws.lambda_runtimes import epoch

    digest = hashlib.sha256()
    digest.update(__version__.encode())
    digest.update(code_fingerprint().encode())
    digest.update(config.encode())
    digest.update(f"runtimes: {epoch(day)}\0".encode())
    return digest


_TEMP_NUMBERS = itertools.count()


def write_entry(path: Path, data: bytes) -> None:
    """Write a cache entry: complete or absent, never half written; not flushed to disk.

    Entries are hints: a reader checks each one (``_entry``) and does the
    work again when it is missing or damaged, so a crash may lose one, and
    nothing a user wrote is at stake. ``write_atomic`` is for their files: it
    waits for the disk (``fsync``) and checks and locks the target, which made
    the cold run's 201 entries of the shared corpus cost 0.6-1.2 s on a
    loaded machine, all in the parent after the workers were done. Here: a
    private temporary file in the entry's directory, renamed over the entry
    (readers see the old entry or the new one).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:  # a name no other writer (process or thread) uses at the same time
        temp = path.with_name(f".{path.name}.{os.getpid()}-{next(_TEMP_NUMBERS)}.tmp")
        try:
            fd = os.open(temp, flags, 0o644)
            break
        except FileExistsError:  # left by a process that had this pid and crashed
            continue
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


_FINDING_FIELDS = {
    "code": str,
    "message": str,
    "path": str,
    "line": int,
    "column": int,
    "status": str,
}


def _entry(data: object) -> tuple[list[Finding], dict[str, str], list[Finding]]:
    """An entry's content, checked field by field: anything else raises ``ValueError``.

    An entry is only a hint written by an earlier run (by another version,
    or damaged, or edited): a value of the wrong type must never reach the
    report or a file.
    """
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ValueError("not a cache entry")
    findings = _findings(data["findings"])
    # The decisions to leave a block alone (``tffix -v``): a warm run lists them
    # as the cold run did (entries of older versions have none).
    notes = data.get("notes", [])
    if not isinstance(notes, list):
        raise ValueError("notes of the wrong type")
    changed = data.get("changed", {})
    if not isinstance(changed, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in changed.items()
    ):
        raise ValueError("changed files of the wrong type")
    return findings, dict(changed), _findings(notes)


def _findings(items: list[object]) -> list[Finding]:
    """Findings (or notes) of an entry, each checked field by field."""
    found = []
    for item in items:
        if not isinstance(item, dict) or set(item) != set(_FINDING_FIELDS):
            raise ValueError("not a finding")
        for name, kind in _FINDING_FIELDS.items():
            value = item[name]
            if not isinstance(value, kind) or isinstance(value, bool):
                raise ValueError(f"finding field {name} of the wrong type")
        found.append(Finding.from_json({**item, "status": Status(item["status"]).value}))
    return found


def _inputs(data: dict[str, Any]) -> dict[str, str | None]:
    """The entry's outside files and their fingerprints (none in older entries)."""
    found = data.get("inputs", {})
    if not isinstance(found, dict) or not all(
        isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in found.items()
    ):
        raise ValueError("inputs of the wrong type")
    return dict(found)


class Cache:
    def __init__(self, directory: Path | None = None, *, enabled: bool = True) -> None:
        self.directory = directory or cache_dir()
        self.enabled = enabled

    def _path(self, key: str) -> Path:
        return self.directory / "modules" / key[:2] / f"{key}.json"

    def holds_modules(self) -> bool:
        """Whether any module was ever kept here: if not, every ``get`` misses (a
        first run, a CI runner's fresh cache), which a run knows before the keys."""
        return self.enabled and (self.directory / "modules").is_dir()

    def get(self, key: str | None) -> tuple[list[Finding], dict[str, str], list[Finding]] | None:
        """(findings, new text of each changed file, notes) of a module seen before, or None."""
        if not self.enabled or key is None:
            return None
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            entry = _entry(data)
        except Exception:  # missing, unreadable, or not what ``put`` writes: do the work
            return None
        from tffix.engine import inputs

        # A lock file, child module or script the decisions read has changed since.
        if not inputs.unchanged(_inputs(data)):
            return None
        return entry

    def put(
        self,
        key: str | None,
        findings: Sequence[Finding],
        changed: dict[str, str] | None = None,
        *,
        inputs: Mapping[str, str | None] | None = None,
        notes: Sequence[Finding] = (),
    ) -> None:
        """Remember a module's result; ``changed`` maps paths to their new text (dry runs),
        ``inputs`` the outside files its decisions read (``tffix.engine.inputs``)."""
        if not self.enabled or key is None:
            return
        path = self._path(key)
        try:
            data = {
                "findings": [f.to_json() for f in findings],
                "notes": [f.to_json() for f in notes],
                "changed": changed or {},
                "inputs": dict(inputs or {}),
            }
            write_entry(path, json.dumps(data).encode("utf-8", "surrogateescape"))
        except (OSError, UnicodeEncodeError):
            pass  # a read-only home must not fail the run


class FormattedCache:
    """Contents known to be formatted already, for ``tffix fmt`` re-runs.

    An entry is an empty file named by the SHA-256 of the tffix version, the
    hash of its code (``code_fingerprint``) and the file's bytes: only
    identical bytes under the same formatter hit.
    """

    def __init__(self, directory: Path | None = None, *, enabled: bool = True) -> None:
        self.directory = (directory or cache_dir()) / "formatted"
        self.enabled = enabled

    def _path(self, data: bytes) -> Path:
        from tffix import __version__

        # The version and the code: a formatter fixed in a checkout must not
        # keep skipping files an older one found formatted.
        stamp = f"{__version__}\0{code_fingerprint()}\0".encode()
        key = hashlib.sha256(stamp + data).hexdigest()
        return self.directory / key[:2] / key

    def known(self, data: bytes) -> bool:
        return self.enabled and self._path(data).exists()

    def add(self, data: bytes) -> None:
        if not self.enabled:
            return
        path = self._path(data)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
        except OSError:
            pass  # a read-only cache directory must not fail the run
