"""`tffix fmt` skips files whose exact bytes it has seen formatted before."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import run_tffix
from tffix.engine.cache import FormattedCache


def fmt(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_tffix("fmt", *args, cwd=cwd)


def test_formatted_content_is_remembered(tmp_path: Path) -> None:
    (tmp_path / "a.tf").write_text("a=1\n")
    assert fmt("--check", ".", cwd=tmp_path).returncode == 3
    assert fmt(".", cwd=tmp_path).returncode == 0
    assert (tmp_path / "a.tf").read_text() == "a = 1\n"
    assert FormattedCache().known(b"a = 1\n")
    assert fmt("--check", ".", cwd=tmp_path).returncode == 0


def test_a_cache_hit_skips_parsing_and_no_cache_does_not(tmp_path: Path) -> None:
    # Seed the cache with bytes that do not even parse: a hit proves no parse happened.
    broken = b"a = [\n"
    (tmp_path / "b.tf").write_bytes(broken)
    FormattedCache().add(broken)
    assert fmt("--check", ".", cwd=tmp_path).returncode == 0
    done = fmt("--check", "--no-cache", ".", cwd=tmp_path)
    assert done.returncode == 2 and "b.tf:2:1: unexpected end of file" in done.stderr
