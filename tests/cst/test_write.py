"""write_atomic refuses what a plain open() would, and never overwrites someone else's change."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tffix.cst import write
from tffix.cst.write import (
    FileChanged,
    ReadOnlyFile,
    Snapshot,
    remove_stale_temp_files,
    write_atomic,
)


def _snapshot(path: Path) -> Snapshot:
    return Snapshot.of(path.read_bytes(), path.stat())


def test_a_read_only_file_is_not_replaced_even_by_root(tmp_path: Path) -> None:
    target = tmp_path / "main.tf"
    target.write_bytes(b"old\n")
    target.chmod(0o444)
    with pytest.raises(ReadOnlyFile, match=r"read-only file \(mode 0444\)"):
        write_atomic(target, b"new\n")
    assert target.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["main.tf"]


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "main.tf"
    target.write_bytes(b"old\n")
    seen = _snapshot(target)
    target.write_bytes(b"someone else's edit\n")
    with pytest.raises(FileChanged, match="changed by someone else"):
        write_atomic(target, b"ours\n", expected=seen)
    assert target.read_bytes() == b"someone else's edit\n"

    # Same bytes, but written again since (an editor's save): not what was read either.
    target.write_bytes(b"old\n")
    seen = _snapshot(target)
    os.utime(target, ns=(seen.mtime_ns + 10**9, seen.mtime_ns + 10**9))
    with pytest.raises(FileChanged):
        write_atomic(target, b"ours\n", expected=seen)
    assert target.read_bytes() == b"old\n"

    seen = _snapshot(target)
    write_atomic(target, b"ours\n", expected=seen)
    assert target.read_bytes() == b"ours\n"


def test_a_deleted_file_is_not_recreated_and_a_new_one_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "main.tf"
    target.write_bytes(b"old\n")
    seen = _snapshot(target)
    target.unlink()
    with pytest.raises(FileChanged, match="deleted"):
        write_atomic(target, b"ours\n", expected=seen)
    assert not target.exists()

    created = tmp_path / "new.tf"
    created.write_bytes(b"theirs\n")
    with pytest.raises(FileChanged, match="created by someone else"):
        write_atomic(created, b"ours\n", create=True)
    assert created.read_bytes() == b"theirs\n"
    write_atomic(tmp_path / "other.tf", b"ours\n", create=True)
    assert (tmp_path / "other.tf").read_bytes() == b"ours\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.tf", "other.tf"]


def test_the_check_happens_just_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit made while the temporary file is being written still wins."""
    target = tmp_path / "main.tf"
    target.write_bytes(b"old\n")
    seen = _snapshot(target)
    real_fsync = os.fsync

    def edit_meanwhile(fd: int) -> None:
        real_fsync(fd)
        target.write_bytes(b"edited during the write\n")

    monkeypatch.setattr(write.os, "fsync", edit_meanwhile)
    with pytest.raises(FileChanged):
        write_atomic(target, b"ours\n", expected=seen)
    assert target.read_bytes() == b"edited during the write\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["main.tf"]


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    return int(done.stdout)


def test_stale_temporary_files_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    dead = tmp_path / f".main.tf.tffix-{_dead_pid()}-0a1b2c3d.tmp"
    live = tmp_path / f".main.tf.tffix-{os.getppid()}-0a1b2c3d.tmp"  # a running process
    old_live = tmp_path / f".vars.tf.tffix-{os.getppid()}-99999999.tmp"
    legacy = tmp_path / ".main.tf.k2j4_x9a.tmp"  # tempfile.mkstemp's name, before the pid
    fresh_legacy = tmp_path / ".vars.tf.q8w7e6r5.tmp"
    unrelated = tmp_path / ".main.tf.swp"
    for path in (dead, live, old_live, legacy, fresh_legacy, unrelated):
        path.write_bytes(b"partial")
    an_hour_ago = time.time() - 3600
    for path in (old_live, legacy):
        os.utime(path, (an_hour_ago, an_hour_ago))
    removed = remove_stale_temp_files(str(tmp_path))
    assert sorted(removed) == sorted(str(p) for p in (dead, old_live, legacy))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (live, fresh_legacy, unrelated)
    )


def test_a_write_sweeps_its_directory_once_and_names_temp_files_with_its_pid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dead = tmp_path / f".main.tf.tffix-{_dead_pid()}-0a1b2c3d.tmp"
    dead.write_bytes(b"partial")
    names: list[str] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        names.append(os.path.basename(src))
        real_replace(src, dst)

    monkeypatch.setattr(write.os, "replace", spy)
    monkeypatch.setattr(write, "_cleaned", set())
    write_atomic(tmp_path / "main.tf", b"x\n")
    assert not dead.exists()
    assert len(names) == 1 and write._TEMP.match(names[0])
    assert f"tffix-{os.getpid()}-" in names[0]
