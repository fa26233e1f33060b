"""The repository list: entries, comments, shards and clone directories."""

from __future__ import annotations

from pathlib import Path

import pytest

from tffix.bulk.repos import (
    RepoListError,
    RepoSpec,
    clone_dir,
    collect,
    mask_credentials,
    parse_shard,
    read_list,
    select_shard,
    shard_of,
)


def test_list_file_comments_blank_lines_and_duplicates(tmp_path: Path) -> None:
    listing = tmp_path / "repos.txt"
    listing.write_text(
        "# platform repos\n\nhttps://github.com/acme/a.git  # the first\n"
        "   https://github.com/acme/b\n#https://github.com/acme/c\nhttps://github.com/acme/a.git\n"
    )
    specs = collect(["https://github.com/acme/z"], [listing])
    assert [s.source for s in specs] == [
        "https://github.com/acme/z",
        "https://github.com/acme/a.git",
        "https://github.com/acme/b",
    ]
    assert not any(s.local for s in specs)


def test_a_local_checkout_is_worked_in_place(tmp_path: Path) -> None:
    (tmp_path / "co" / ".git").mkdir(parents=True)
    (tmp_path / "bare.git").mkdir()
    spec_local, spec_bare = collect([str(tmp_path / "co"), str(tmp_path / "bare.git")], [])
    assert spec_local.local and not spec_bare.local


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("--upload-pack=touch /tmp/x", "not a repository"),
        ("ext::sh -c touch% /tmp/pwned", "remote helper"),
        ("fd::3", "remote helper"),
    ],
)
def test_entries_that_would_run_commands_are_refused(entry: str, reason: str) -> None:
    with pytest.raises(RepoListError, match=reason):
        collect([entry], [])


def test_errors_say_which_line(tmp_path: Path) -> None:
    listing = tmp_path / "repos.txt"
    listing.write_text("https://github.com/acme/a\n-oops\n")
    with pytest.raises(RepoListError, match=r"repos\.txt:2:"):
        read_list(listing)


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/acme/infra.git",
        "git@github.com:acme/infra.git",
        "../../../../etc",
        "https://evil.example/../../..",
        "/abs/path/with/../../dots/..",
        "https://x/..%2f..%2f",
        "..",
        ".",
        "https://github.com/acme/" + "n" * 300,
    ],
)
def test_clone_directories_stay_directly_under_the_workdir(tmp_path: Path, url: str) -> None:
    workdir = tmp_path / "work"
    target = clone_dir(workdir, RepoSpec(url, local=False))
    assert target.parent == workdir.resolve()
    assert not target.name.startswith(".")
    assert len(target.name) < 100


def test_clone_directories_differ_for_different_urls(tmp_path: Path) -> None:
    a = clone_dir(tmp_path, RepoSpec("https://github.com/acme/infra", local=False))
    b = clone_dir(tmp_path, RepoSpec("https://gitlab.com/acme/infra", local=False))
    assert a != b and a.name.startswith("acme__infra-")


def test_shards_partition_the_list_and_are_stable() -> None:
    specs = [RepoSpec(f"https://github.com/acme/repo{i}", local=False) for i in range(200)]
    parts = [select_shard(specs, (k, 4)) for k in range(1, 5)]
    seen = [s.key for part in parts for s in part]
    assert sorted(seen) == sorted(s.key for s in specs)  # every repo exactly once
    assert all(len(part) > 25 for part in parts)  # roughly balanced
    # Adding repositories never moves the others to another shard.
    more = [*specs, *(RepoSpec(f"https://github.com/acme/new{i}", local=False) for i in range(9))]
    for k in range(1, 5):
        assert {s.key for s in parts[k - 1]} <= {s.key for s in select_shard(more, (k, 4))}
    # Pinned: a change of the hash would move every repository of a running
    # campaign to another machine of its CI matrix.
    assert [shard_of(f"https://github.com/acme/repo{i}", 4) for i in range(8)] == [
        4, 3, 4, 4, 1, 4, 4, 1,
    ]  # fmt: skip


@pytest.mark.parametrize("text", ["0/4", "5/4", "x/4", "3", "1/0"])
def test_bad_shards(text: str) -> None:
    with pytest.raises(RepoListError, match="--shard"):
        parse_shard(text)


def test_credentials_in_urls_are_masked() -> None:
    assert mask_credentials("https://user:s3cret@github.com/a/b") == "https://***@github.com/a/b"
    spec = RepoSpec("https://x-access-token:s3cret@github.com/a/b", local=False)
    assert "s3cret" not in spec.display
