"""Fix benchmark: ``tffix --dry-run`` with every codemod vs ``terraform fmt -check``.

Run from the repository root::

    PYTHONPATH=. python bench/fix.py [--repeat N] [DIR]

``DIR`` defaults to ``../shared/corpus``. Three timed runs, each a fresh
process, same tree (read once beforehand so the page cache is warm):

- ``tffix --dry-run --unsafe-fixes --select ALL DIR`` with an empty private
  cache (cold: every module parsed, analysed and fixed in memory);
- the same command again (warm: unchanged clean modules come from the cache);
- ``terraform fmt -check -recursive DIR`` for scale.

Printed: wall time, CPU time (user + system of the process and its
workers) and exit status of each, then the ratios. ``--repeat N`` runs the
three N times, interleaved (a burst of load on a shared machine hits them
alike), each cold run with a new empty cache, and keeps the least disturbed
(minimum) of each: on a loaded machine compare the CPU ratios, which load
disturbs less than wall time (a cold run uses the cores with ``--jobs``, so its
wall time on an idle machine is below its CPU time). Nothing is written (dry
run).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO.parent / "shared" / "corpus"


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall time, CPU time (user + system, the command's worker processes included)
    and exit status of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=1, help="interleaved runs; minimum kept")
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

    env = {**os.environ, "PYTHONPATH": str(REPO), "TF_CLI_CONFIG_FILE": os.devnull}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "tffix", "--version"], env=env, capture_output=True)
    command = [
        sys.executable, "-m", "tffix", "--dry-run", "--unsafe-fixes", "--select", "ALL",
        "-q", str(directory),
    ]  # fmt: skip
    terraform = shutil.which("terraform")
    rows: dict[str, list[tuple[float, float, int]]] = {}
    for _ in range(max(1, args.repeat)):
        cache = tempfile.mkdtemp(prefix="tffix-bench-fix-")
        try:
            cached = {**env, "TFFIX_CACHE_DIR": cache}
            rows.setdefault("cold", []).append(timed(command, cached))
            rows.setdefault("warm", []).append(timed(command, cached))
        finally:
            shutil.rmtree(cache, ignore_errors=True)
        if terraform is not None:
            check = [terraform, "fmt", "-check", "-recursive", str(directory)]
            rows.setdefault("terraform", []).append(timed(check, env))
    best = {
        name: (min(r[0] for r in runs), min(r[1] for r in runs), {r[2] for r in runs})
        for name, runs in rows.items()
    }
    labels = {
        "cold": "tffix --dry-run (all codemods, cold)",
        "warm": "tffix --dry-run (all codemods, warm)",
        "terraform": "terraform fmt -check -recursive",
    }
    for name, (wall, cpu, statuses) in best.items():
        exits = ",".join(str(s) for s in sorted(statuses))
        print(f"{labels[name]:<38} {wall:7.2f} s  CPU {cpu:6.2f} s  exit {exits}")
    if terraform is None:
        print("terraform fmt -check -recursive        skipped: terraform not on PATH")
        return 0
    (cold, cold_cpu, _), (warm, warm_cpu, _) = best["cold"], best["warm"]
    tf, tf_cpu, _ = best["terraform"]
    print(
        f"ratio cold / terraform: {cold / tf:.2f} (CPU {cold_cpu / tf_cpu:.2f})   "
        f"warm / terraform: {warm / tf:.2f} (CPU {warm_cpu / tf_cpu:.2f})   "
        f"cold / warm: {cold / warm:.1f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
