"""Writing results back: atomic, byte-exact file replacement and unified diffs.

A formatter or codemod that dies half-way through a write must not leave a
truncated ``.tf`` file behind, so ``write_atomic`` writes a temporary file in
the same directory (same file system, so the final ``os.replace`` is an
atomic rename) and only then swaps it in. The file keeps its permission bits
(and owner, where we may set it), and a symlink keeps pointing at the same
target, which is what gets rewritten, as with a plain ``open(path, "w")``.

A rename replaces a file whatever its permissions, so the checks a plain
``open`` would make are made here: a read-only file (no write bit, which
also holds for root, who may write anything) is refused as ``terraform fmt``
refuses it. A file is replaced only if it is still what was read (size,
modification time and content): a person, an editor or a second tffix run
that changed it meanwhile keeps its change, and this write is reported as
refused instead (a lost update otherwise). A new file is created only if no
other has appeared under its name.

Temporary files carry the writer's process id (``.NAME.tffix-PID-XXXX.tmp``):
a run killed between write and rename leaves one behind, and the next write
into that directory removes those whose process is gone or that are older
than a few minutes.

Texts are turned into bytes with ``tffix.syntax.parser.encode``, the inverse
of the ``decode`` used when reading, so bytes that are not UTF-8 (allowed in
comments) come back unchanged.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import time
from dataclasses import dataclass

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "FileChanged",
    "ReadOnlyFile",
    "Snapshot",
    "check_writable",
    "split_lines",
    "unified_diff",
    "unified_diff_text",
    "write_atomic",
]

# A temporary file left by a dead writer, or one older than this, is removed.
STALE_AFTER = 300.0
_TEMP = re.compile(r"^\.(?P<name>.+)\.tffix-(?P<pid>\d+)-[0-9a-z]+\.tmp$")
# What tffix before the process id in the name left (tempfile.mkstemp's 8 characters).
_OLD_TEMP = re.compile(r"^\..+\.(?:tf|tfvars|hcl|json|md)\.[a-z0-9_]{8}\.tmp$")
_cleaned: set[str] = set()  # directories already swept by this process


class ReadOnlyFile(PermissionError):
    """The file has no write permission: it is not replaced (``terraform fmt`` refuses too)."""


class FileChanged(OSError):
    """The file changed (or appeared, or vanished) after it was read: not overwritten."""


@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: a write replaces it only if it is still exactly that."""

    size: int
    mtime_ns: int
    sha256: bytes

    @classmethod
    def of(cls, data: bytes, info: os.stat_result) -> Snapshot:
        return cls(len(data), info.st_mtime_ns, hashlib.sha256(data).digest())

    @classmethod
    def of_text(cls, data: bytes) -> Snapshot:
        """Content only (no time known): what a caller that kept the text can check."""
        return cls(len(data), -1, hashlib.sha256(data).digest())

    def matches(self, path: str) -> bool:
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size != self.size:
                return False
            if self.mtime_ns != -1 and info.st_mtime_ns != self.mtime_ns:
                return False
            with open(path, "rb") as f:
                data = f.read(self.size + 1)
        except OSError:
            return False
        return hashlib.sha256(data).digest() == self.sha256


def _read_only(info: os.stat_result, path: str) -> bool:
    """No write bit at all (root too), or none for this user."""
    return not info.st_mode & 0o222 or not os.access(path, os.W_OK)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by another user
    return True


def remove_stale_temp_files(directory: str, *, now: float | None = None) -> list[str]:
    """Remove temporary files of tffix writes that died; return their paths.

    Only names of tffix's own pattern: a temporary file whose writer is gone
    (its process id is not running) or that is older than ``STALE_AFTER``.
    """
    removed: list[str] = []
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP.match(entry.name)
        if match is None and not _OLD_TEMP.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        old = now - info.st_mtime > STALE_AFTER
        dead = (
            match is not None and int(match["pid"]) != os.getpid() and not _alive(int(match["pid"]))
        )
        if old or dead:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(entry.path)
    return removed


def _temp_file(directory: str, name: str) -> tuple[int, str]:
    for _ in range(100):
        temp = os.path.join(directory, f".{name}.tffix-{os.getpid()}-{os.urandom(4).hex()}.tmp")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
            return os.open(temp, flags, 0o600), temp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", directory)


def check_writable(
    path: str | os.PathLike[str], *, expected: Snapshot | None = None, create: bool = False
) -> os.stat_result | None:
    """Raise what ``write_atomic`` would refuse with; the file's status (None: new file).

    Lets a caller check every file of a change before writing any of them.
    """
    real = os.path.realpath(path)
    try:
        info: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        info = None  # a new file: default permissions
    if create and (info is not None or os.path.lexists(path)):
        raise FileChanged(errno.EEXIST, "created by someone else during the run", str(path))
    if info is None and expected is not None:
        raise FileChanged(errno.ENOENT, "deleted by someone else during the run", str(path))
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise FileChanged(errno.EINVAL, "no longer a regular file", str(path))
        if _read_only(info, real):
            mode = stat.S_IMODE(info.st_mode)
            why = "read-only file" if not mode & 0o222 else "not writable here"
            raise ReadOnlyFile(errno.EACCES, f"{why} (mode {mode:04o})", str(path))
        if expected is not None and not expected.matches(real):
            raise FileChanged(errno.ESTALE, "changed by someone else since it was read", str(path))
    return info


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    expected: Snapshot | None = None,
    create: bool = False,
) -> None:
    """Replace the contents of ``path`` with ``data`` (or create it), atomically.

    Readers see either the old file or the new one, never a mix; on any
    error the temporary file is removed and the original is left as it was.
    ``expected``: what the file was when read; it is replaced only if it is
    still that (else ``FileChanged``). ``create``: the file must not exist
    (a new file of a run); one that appeared meanwhile is not overwritten.
    A file without write permission raises ``ReadOnlyFile``.
    """
    real = os.path.realpath(path)
    directory, name = os.path.split(real)
    info = check_writable(path, expected=expected, create=create)
    if directory not in _cleaned:
        _cleaned.add(directory)
        remove_stale_temp_files(directory)
    # A dot name: tools that skip hidden files (terraform among them) ignore it.
    fd, temp = _temp_file(directory, name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if info is None:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        else:
            os.chmod(temp, stat.S_IMODE(info.st_mode))
        if info is not None and hasattr(os, "chown"):
            with contextlib.suppress(OSError):  # only root may give files away
                os.chown(temp, info.st_uid, info.st_gid)
        if create:
            _create_from(temp, real, str(path))
            return
        # The last moment to notice a change by someone else: the rename is next.
        # Another tffix doing the same holds the lock on the file it replaces, so a
        # check and its rename are never split by another writer's (no lost update).
        with _locked(real):
            if expected is not None and not expected.matches(real):
                raise FileChanged(
                    errno.ESTALE, "changed by someone else since it was read", str(path)
                )
            os.replace(temp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


@contextlib.contextmanager
def _locked(path: str) -> Iterator[None]:
    """An exclusive advisory lock on the file at ``path`` while the block runs.

    Whoever replaces the file locks the inode it replaces: a second writer
    that opened the same inode waits, then sees the new content through the
    path and refuses; one that opens after the rename checks the new file.
    Without fcntl (Windows) or when the file cannot be opened, no lock.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _create_from(temp: str, real: str, shown: str) -> None:
    """Move ``temp`` to ``real`` only if nothing is there: a hard link fails if it is."""
    try:
        os.link(temp, real)
    except FileExistsError:
        raise FileChanged(errno.EEXIST, "created by someone else during the run", shown) from None
    except OSError:  # no hard links here (some network or FUSE file systems)
        if os.path.lexists(real):
            raise FileChanged(
                errno.EEXIST, "created by someone else during the run", shown
            ) from None
        os.replace(temp, real)
        return
    os.unlink(temp)


def split_lines(text: str) -> list[str]:
    """Lines with their endings; only ``\\n`` ends a line (``\\r\\n`` keeps its ``\\r``).

    ``str.splitlines`` also splits at a lone ``\\r``, form feeds, ``\\x1c``-``\\x1e``
    and Unicode line separators, which ``diff``, ``patch`` and git do not: a
    diff built from it would not apply.
    """
    lines = text.split("\n")
    last = lines.pop()
    out = [line + "\n" for line in lines]
    if last:
        out.append(last)
    return out


def unified_diff_text(old: str, new: str, fromfile: str, tofile: str, *, context: int = 3) -> str:
    """``diff -u`` output from ``fromfile`` to ``tofile``; empty when the texts are equal.

    A last line without a newline is marked ``\\ No newline at end of file``,
    as GNU diff writes it and ``git apply``/``patch`` expect: without the
    marker the patch would add a newline, or not apply.
    """
    from tffix.cst.linediff import unified_diff as diff_lines  # near-linear on large files

    out: list[str] = []
    for line in diff_lines(split_lines(old), split_lines(new), fromfile, tofile, n=context):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def unified_diff(old: str, new: str, path: str, *, context: int = 3) -> bytes:
    """``diff -u`` output from ``a/path`` to ``b/path``, as bytes ready to print.

    See ``unified_diff_text``. Empty when the texts are equal.
    """
    if old == new:
        return b""
    text = unified_diff_text(old, new, f"a/{path}", f"b/{path}", context=context)
    # tffix.syntax.parser.encode, without importing the parser: a warm run prints the
    # diffs it remembers and needs no parser (its scanner's patterns take ~10 ms)
    return text.encode("utf-8", "surrogateescape")
