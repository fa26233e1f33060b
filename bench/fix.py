"""Fix benchmark: ``tffix --dry-run`` with every codemod vs ``terraform fmt -check``.

Run from the repository root::

    PYTHONPATH=. python bench/fix.py [DIR]

``DIR`` defaults to ``../shared/corpus``. Three timed runs, each a fresh
process, same tree (read once beforehand so the page cache is warm):

- ``tffix --dry-run --unsafe-fixes --select ALL DIR`` with an empty private
  cache (cold: every module parsed, analysed and fixed in memory);
- the same command again (warm: unchanged clean modules come from the cache);
- ``terraform fmt -check -recursive DIR`` for scale.

Printed: wall time and exit status of each, then cold/terraform and
cold/warm ratios. Nothing is written (dry run).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO.parent / "shared" / "corpus"


def timed(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    return time.perf_counter() - start, done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    directory: Path = args.dir
    if not directory.is_dir():
        print(f"no such directory: {directory}", file=sys.stderr)
        return 2
    files = list(directory.rglob("*.tf"))
    for path in files:
        path.read_bytes()
    size = sum(p.stat().st_size for p in files)
    print(f"{directory}: {len(files)} .tf files, {size / 1e6:.2f} MB; {os.cpu_count()} CPUs")

    cache = tempfile.mkdtemp(prefix="tffix-bench-fix-")
    env = {**os.environ, "PYTHONPATH": str(REPO), "TFFIX_CACHE_DIR": cache}
    env["TF_CLI_CONFIG_FILE"] = os.devnull
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "tffix", "--version"], env=env, capture_output=True)
    command = [
        sys.executable, "-m", "tffix", "--dry-run", "--unsafe-fixes", "--select", "ALL",
        "-q", str(directory),
    ]  # fmt: skip
    cold, cold_status = timed(command, env)
    print(f"tffix --dry-run (all codemods, cold)   {cold:7.2f} s  exit {cold_status}")
    warm, warm_status = timed(command, env)
    print(f"tffix --dry-run (all codemods, warm)   {warm:7.2f} s  exit {warm_status}")
    shutil.rmtree(cache, ignore_errors=True)
    terraform = shutil.which("terraform")
    if terraform is None:
        print("terraform fmt -check -recursive        skipped: terraform not on PATH")
        return 0
    tf, tf_status = timed([terraform, "fmt", "-check", "-recursive", str(directory)], env)
    print(f"terraform fmt -check -recursive        {tf:7.2f} s  exit {tf_status}")
    print(f"ratio cold / terraform: {cold / tf:.2f}   cold / warm: {cold / warm:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
