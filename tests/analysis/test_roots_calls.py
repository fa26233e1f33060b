"""The caller search's memory between runs (``roots._Store``): a run on an unchanged
tree stats its .tf files instead of reading them, and any change to a caller (a
module block added, removed or edited, a file added, deleted or replaced, a
directory renamed or relinked) gives the answer a search from scratch gives."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tffix.analysis import roots
from tffix.engine import cache

CALL = 'module "{name}" {{\n  source = "{source}"\n}}\n'
# Long ago: stamps old enough to be kept (``roots._RACY_NS``).
OLD = time.time_ns() - 3600 * 10**9


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The .tf files read for their module calls (each run starts as a new process would,
    with nothing remembered in memory)."""
    read: list[str] = []
    original = roots._sources_in

    def counting(path: str) -> tuple[str, ...]:
        read.append(os.path.relpath(path))
        return original(path)

    monkeypatch.setattr(roots, "_sources_in", counting)
    return read


def aged(path: Path, text: str | None = None, *, step: int = 0) -> Path:
    """Write ``text`` (when given) and set the file's modification time in the past."""
    if text is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    os.utime(path, ns=(OLD + step, OLD + step))
    return path


def callers(top: Path, *names: str) -> dict[str, list[str]]:
    """``caller_files`` of the named directories, as a new process runs it, relative to
    ``top``; the ctime of files just written is recent, so none would be kept on disk
    without ``_RACY_NS`` set to 0 by the tests that want them kept."""
    roots._FILE_CALLS.clear()
    found = roots.caller_files([str(top / name) for name in names])
    return {
        os.path.relpath(d, top): [os.path.relpath(p, top) for p in files]
        for d, files in found.items()
    }


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(roots, "_RACY_NS", 0)
    monkeypatch.chdir(tmp_path)
    top = tmp_path / "repo"
    (top / ".git").mkdir(parents=True)
    aged(top / "lib" / "main.tf", 'variable "x" {}\n')
    aged(top / "other" / "main.tf", 'variable "y" {}\n')
    aged(top / "app" / "main.tf", CALL.format(name="lib", source="../lib"))
    aged(top / "app" / "outputs.tf", 'output "o" {\n  value = 1\n}\n')
    return top


def store_files() -> list[Path]:
    return sorted(cache.cache_dir().glob("calls/*.json"))


def test_an_unchanged_tree_is_not_read_again(repo: Path, reads: list[str]) -> None:
    first = callers(repo, "lib", "other")
    assert first == {"lib": ["app/main.tf"], "other": []}
    assert len(reads) == 4 and len(store_files()) == 1
    written = store_files()[0].stat().st_mtime_ns
    reads.clear()
    assert callers(repo, "lib", "other") == first
    assert reads == []
    assert store_files()[0].stat().st_mtime_ns == written  # nothing changed: not rewritten


def test_a_module_block_added_edited_or_removed_is_seen(repo: Path, reads: list[str]) -> None:
    callers(repo, "lib", "other")
    outputs = repo / "app" / "outputs.tf"
    aged(outputs, outputs.read_text() + CALL.format(name="o", source="../other"), step=1)
    reads.clear()
    assert callers(repo, "lib", "other") == {"lib": ["app/main.tf"], "other": ["app/outputs.tf"]}
    assert reads == ["repo/app/outputs.tf"]  # only the changed file is read
    # the source edited to the same length: another directory is called
    main = repo / "app" / "main.tf"
    aged(main, CALL.format(name="lib", source="../lix"), step=2)
    assert callers(repo, "lib", "other") == {"lib": [], "other": ["app/outputs.tf"]}
    aged(outputs, 'output "o" {\n  value = 1\n}\n', step=3)
    assert callers(repo, "lib", "other") == {"lib": [], "other": []}


def test_a_file_added_or_deleted_is_seen(repo: Path, reads: list[str]) -> None:
    callers(repo, "lib")
    extra = aged(repo / "live" / "main.tf", CALL.format(name="lib", source="../lib"))
    assert callers(repo, "lib") == {"lib": ["app/main.tf", "live/main.tf"]}
    extra.unlink()
    (repo / "app" / "main.tf").unlink()
    reads.clear()
    assert callers(repo, "lib") == {"lib": []}
    assert reads == []
    entry = json.loads(store_files()[0].read_text())
    assert sorted(entry["files"]) == ["app/outputs.tf", "lib/main.tf", "other/main.tf"]


def test_renamed_directories_are_seen(repo: Path) -> None:
    callers(repo, "lib")
    (repo / "app").rename(repo / "service")  # the caller's directory
    assert callers(repo, "lib") == {"lib": ["service/main.tf"]}
    (repo / "lib").rename(repo / "library")  # the called one: ../lib names nothing now
    assert callers(repo, "library") == {"library": []}
    (repo / "lib").mkdir()
    assert callers(repo, "lib") == {"lib": ["service/main.tf"]}


def test_a_file_replaced_with_the_same_size_and_time_is_read_again(
    repo: Path, reads: list[str]
) -> None:
    """``cp -p``, ``rsync -t`` or ``touch -d`` leave the size and modification time as
    they were: the inode (a file renamed over it) or the change time says the bytes may
    differ."""
    main = repo / "app" / "main.tf"
    callers(repo, "lib", "other")
    replacement = repo / "app" / "main.tf.new"
    replacement.write_text(CALL.format(name="lib", source="../xyz"))
    aged(replacement)
    replacement.replace(main)  # same size, same mtime, another inode
    reads.clear()
    assert callers(repo, "lib", "other") == {"lib": [], "other": []}
    assert reads == ["repo/app/main.tf"]
    time.sleep(0.05)  # past a tick of the file system's clock
    main.write_text(CALL.format(name="lib", source="../lib"))  # in place: same inode
    aged(main)
    assert callers(repo, "lib", "other") == {"lib": ["app/main.tf"], "other": []}


def test_a_changed_directory_link_is_followed(repo: Path) -> None:
    """Sources are kept as written and resolved by each run: a link the source goes
    through may point elsewhere while the caller stays the same."""
    os.symlink("lib", repo / "current")
    aged(repo / "live" / "main.tf", CALL.format(name="c", source="../current"))
    assert callers(repo, "lib", "other")["lib"] == ["app/main.tf", "live/main.tf"]
    (repo / "current").unlink()
    os.symlink("other", repo / "current")
    assert callers(repo, "lib", "other") == {"lib": ["app/main.tf"], "other": ["live/main.tf"]}


def test_files_changed_just_now_are_not_kept(
    repo: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file changed within ``_RACY_NS`` (its modification or change time) may be
    written again within the same tick of the clock, its stamp unchanged: it is read
    again by every run until it is older. (The tree was just written: all of it.)"""
    monkeypatch.setattr(roots, "_RACY_NS", 2_000_000_000)
    callers(repo, "lib")
    assert store_files() == []
    reads.clear()
    assert callers(repo, "lib") == {"lib": ["app/main.tf"]}
    assert len(reads) == 4
    monkeypatch.setattr(roots, "_RACY_NS", 0)
    callers(repo, "lib")
    reads.clear()
    callers(repo, "lib")
    assert reads == []


def test_a_damaged_or_foreign_entry_is_ignored(repo: Path, reads: list[str]) -> None:
    callers(repo, "lib")
    (stored,) = store_files()
    entry = json.loads(stored.read_text())
    entry["files"]["app/main.tf"][4] = [7]  # not a source
    entry["files"]["app/outputs.tf"] = "x"
    stored.write_text(json.dumps(entry))
    reads.clear()
    assert callers(repo, "lib") == {"lib": ["app/main.tf"]}
    assert sorted(reads) == ["repo/app/main.tf", "repo/app/outputs.tf"]
    stored.write_text(json.dumps({**entry, "top": "/elsewhere"}))
    reads.clear()
    callers(repo, "lib")
    assert len(reads) == 4
    stored.write_text("{")
    assert callers(repo, "lib") == {"lib": ["app/main.tf"]}


def test_no_cache_reads_and_writes_no_entry(
    repo: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(cache._MEMOS, "on", False)  # what --no-cache does (cache.bypass)
    callers(repo, "lib")
    callers(repo, "lib")
    assert store_files() == [] and len(reads) == 8


def test_a_repository_inside_a_searched_tree_is_taken_from_its_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a version control marker, a module at the top of a repository copy is
    searched for from the directory above (``_search_top``), its others from their
    repository's top: the tree above is listed once, the repository taken from it, with
    the answers a search of its own gives."""
    trees = tmp_path / "trees"
    repo = trees / "terraform-aws-x"
    aged(repo / "main.tf", 'variable "x" {}\n')
    aged(repo / "modules" / "a" / "main.tf", 'variable "a" {}\n')
    aged(repo / "examples" / "e" / "main.tf", CALL.format(name="a", source="../../modules/a"))
    aged(repo / "examples" / "f" / "main.tf", CALL.format(name="x", source="../../"))
    aged(trees / "other" / "main.tf", CALL.format(name="x", source="../terraform-aws-x"))
    aged(trees / ".hidden" / "main.tf", CALL.format(name="x", source="../terraform-aws-x"))
    names = ["terraform-aws-x", "terraform-aws-x/modules/a", "other"]
    alone = {name: roots._callers(os.path.realpath(trees / name), None)[0] for name in names}
    listed: list[str] = []
    original = roots._tf_files

    def tf_files(top: str):  # type: ignore[no-untyped-def]
        listed.append(os.path.relpath(top, tmp_path))
        return original(top)

    monkeypatch.setattr(roots, "_tf_files", tf_files)
    found = roots.caller_files([str(trees / name) for name in names])
    assert found == {str(trees / name): alone[name] for name in names}
    assert found[str(trees / "terraform-aws-x")] == [
        str(trees / "other" / "main.tf"),
        str(repo / "examples" / "f" / "main.tf"),
    ]
    assert found[str(trees / "terraform-aws-x" / "modules" / "a")] == [
        str(repo / "examples" / "e" / "main.tf")
    ]
    assert listed == ["trees"]


def test_the_climb_stops_below_the_temporary_and_home_directories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a version control marker the search climbs past ``examples/`` and the
    like, never into the temporary or home directory, which hold unrelated trees; the
    temporary directory is the one ``tempfile`` would choose (asked only for a
    directory that may be it)."""
    import tempfile

    tmp_path = tmp_path.resolve()
    temp, home = tmp_path / "temp", tmp_path / "home"
    for directory in (temp / "examples" / "x", home / "modules" / "y", tmp_path / "other"):
        directory.mkdir(parents=True)
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(tempfile, "tempdir", None)  # chosen again, from $TMPDIR
    stops = roots._Stops()
    assert str(temp) in stops and str(home) in stops
    assert str(tmp_path) not in stops and str(tmp_path / "other") not in stops
    assert stops.temporary == str(temp)
    found = roots._search_top(str(temp / "examples" / "x"), None)
    assert found == str(temp / "examples")
    assert roots._search_top(str(home / "modules" / "y"), None) == str(home / "modules")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "other"))
    monkeypatch.setattr(tempfile, "tempdir", None)
    assert roots._search_top(str(temp / "examples" / "x"), None) == str(temp)
