"""Writing results back: atomic, byte-exact file replacement and unified diffs.

A formatter or codemod that dies half-way through a write must not leave a
truncated ``.tf`` file behind, so ``write_atomic`` writes a temporary file in
the same directory (same file system, so the final ``os.replace`` is an
atomic rename) and only then swaps it in. The file keeps its permission bits
(and owner, where we may set it), and a symlink keeps pointing at the same
target, which is what gets rewritten, as with a plain ``open(path, "w")``.

Texts are turned into bytes with ``tffix.syntax.parser.encode``, the inverse
of the ``decode`` used when reading, so bytes that are not UTF-8 (allowed in
comments) come back unchanged.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from tffix.syntax.parser import encode

__all__ = ["split_lines", "unified_diff", "unified_diff_text", "write_atomic"]


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the contents of ``path`` with ``data`` (or create it), atomically.

    Readers see either the old file or the new one, never a mix; on any
    error the temporary file is removed and the original is left as it was.
    """
    real = os.path.realpath(path)
    directory, name = os.path.split(real)
    try:
        info: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        info = None  # a new file (a cache entry): default permissions
    # A dot name: tools that skip hidden files (terraform among them) ignore it.
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
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
        os.replace(temp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


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
    return encode(unified_diff_text(old, new, f"a/{path}", f"b/{path}", context=context))
