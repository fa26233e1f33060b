"""The repository list of a campaign: parsing, sharding and clone directories.

A list may name repositories we do not control, so nothing in an entry may
reach outside ``--workdir``: clone directories are derived from the URL by a
function that only keeps a safe alphabet and adds a hash of the whole URL,
and every result is checked to sit directly under the work directory.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


class RepoListError(ValueError):
    """A repository list entry or option that cannot be used; says where."""


@dataclass(frozen=True)
class RepoSpec:
    """One entry of the list: a URL to clone, or a local checkout to work in."""

    source: str  # as written (credentials masked when displayed)
    local: bool  # an existing working tree: worked on in place, never cloned

    @property
    def key(self) -> str:
        """The stable identity of the entry, used for sharding and the report."""
        if self.local:
            return str(Path(self.source).resolve())
        return self.source.rstrip("/")

    @property
    def display(self) -> str:
        return mask_credentials(self.key)


_CREDENTIALS = re.compile(r"(?<=://)[^/@\s]+@")


def mask_credentials(text: str) -> str:
    """``https://user:secret@host/x`` → ``https://***@host/x``: lists and logs are shared."""
    return _CREDENTIALS.sub("***@", text)


def _is_checkout(path: Path) -> bool:
    return path.is_dir() and (path / ".git").exists()


def parse_entry(raw: str, where: str) -> RepoSpec:
    """A ``--repo`` value or a list line (already stripped of comments)."""
    text = raw.strip()
    if not text:
        raise RepoListError(f"{where}: empty repository entry")
    if text.startswith("-"):
        # Passed to git after `--`, but a leading dash is never a repository.
        raise RepoListError(f"{where}: {text!r} is not a repository URL or path")
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*::", text):
        raise RepoListError(f"{where}: remote helper URLs ({text.split('::')[0]}::) are refused")
    if _is_checkout(Path(text)):
        return RepoSpec(text, local=True)
    return RepoSpec(text, local=False)


def read_list(path: Path) -> list[RepoSpec]:
    """One repository per line; ``#`` starts a comment; blank lines are ignored."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RepoListError(f"{path}: cannot read: {exc}") from None
    specs = []
    for number, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if text:
            specs.append(parse_entry(text, f"{path}:{number}"))
    return specs


def collect(repos: Sequence[str], lists: Sequence[Path]) -> list[RepoSpec]:
    """``--repo`` values then ``--repos`` files, duplicates dropped (first one wins)."""
    specs = [parse_entry(r, "--repo") for r in repos]
    for path in lists:
        specs.extend(read_list(path))
    seen: set[str] = set()
    unique = []
    for spec in specs:
        if spec.key not in seen:
            seen.add(spec.key)
            unique.append(spec)
    return unique


def parse_shard(text: str) -> tuple[int, int]:
    """``K/N`` with 1 <= K <= N."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match:
        raise RepoListError(f"--shard: expected K/N (for example 2/8), got {text!r}")
    k, n = int(match.group(1)), int(match.group(2))
    if not 1 <= k <= n:
        raise RepoListError(f"--shard: K must be between 1 and N, got {text!r}")
    return k, n


def shard_of(key: str, count: int) -> int:
    """The shard (1-based) a repository belongs to.

    A hash of the entry, not its position: adding or removing a line of the
    list never moves the other repositories to another machine of the matrix.
    """
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select_shard(specs: Iterable[RepoSpec], shard: tuple[int, int] | None) -> list[RepoSpec]:
    if shard is None:
        return list(specs)
    k, n = shard
    return [s for s in specs if shard_of(s.key, n) == k]


def clone_dir(workdir: Path, spec: RepoSpec) -> Path:
    """Where ``spec`` is cloned: ``<workdir>/<readable-name>-<hash>``, never elsewhere."""
    url = spec.key
    tail = re.sub(r"\.git$", "", url.rstrip("/"))
    parts = [p for p in re.split(r"[/:\\]+", tail) if p][-2:]
    readable = "__".join(re.sub(r"[^A-Za-z0-9._-]+", "_", p) for p in parts).lstrip(".-") or "repo"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    name = f"{readable[:80]}-{digest}"
    root = workdir.resolve()
    target = (root / name).resolve()
    if target.parent != root or os.sep in name or name in (".", ".."):
        raise RepoListError(f"{spec.display}: clone directory would escape {workdir}")
    return target


def default_workdir() -> Path:
    """Clones live beside tffix's cache (``cache_dir()``, which honours XDG)."""
    from tffix.engine.cache import cache_dir

    return cache_dir() / "bulk"
