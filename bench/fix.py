"""Fix benchmark: ``tffix --dry-run`` with every codemod vs ``terraform fmt -check``.

Run from the repository root::

    PYTHONPATH=. python bench/fix.py [--repeat N] [--timeline] [DIR]

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

``--timeline`` runs the cold command once more with ``TFFIX_TIMELINE`` set
(``tffix.engine.timeline``) and prints where its wall time went, per process:
the run's phases (command line, discovery, callers, keys, workers forked and
warmed up, report), each worker's busy time, its first and last module and
its largest ones; what is left between a process's busy time and the run's
end is waiting (serial parts, start-up, one process finishing a big module).
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


def timeline(command: list[str], env: dict[str, str]) -> None:
    """One cold run of ``command`` with ``TFFIX_TIMELINE``: each process's lane."""
    with tempfile.TemporaryDirectory(prefix="tffix-bench-timeline-") as tmp:
        record = Path(tmp) / "timeline"
        traced = {**env, "TFFIX_CACHE_DIR": str(Path(tmp) / "cache"), "TFFIX_TIMELINE": str(record)}
        start = time.time()
        subprocess.run(command, capture_output=True, env=traced, check=False)
        total = time.time() - start
        lines = record.read_text(encoding="utf-8").splitlines()
    lanes: dict[str, list[tuple[float, float, str]]] = {}
    for line in lines:
        pid, begun, ended, what = line.split(" ", 3)
        lanes.setdefault(pid, []).append((float(begun) - start, float(ended) - start, what))
    print(f"timeline of one cold run: {total:.3f} s wall (times from the command's start)")
    for number, (pid, events) in enumerate(lanes.items()):
        modules = [e for e in events if e[2].startswith("module ")]
        busy = sum(end - begin for begin, end, _ in modules)
        name = "run" if number == 0 else f"worker {pid}"
        line = f"  {name}: {len(modules)} modules, busy {busy:.3f} s"
        if modules:
            first = min(begin for begin, _, _ in modules)
            last = max(end for _, end, _ in modules)
            line += f" from {first:.3f} to {last:.3f} (idle at the end {total - last:.3f})"
        print(line)
        for begin, end, what in events:
            if not what.startswith("module "):
                span = f"{begin:7.3f}-{end:7.3f}" if end - begin > 0.0005 else f"{end:7.3f}        "
                print(f"    {span} {what}")
        for begin, end, what in sorted(modules, key=lambda e: e[0] - e[1])[:3]:
            print(f"    {begin:7.3f}-{end:7.3f} {end - begin:.3f} s {what.removeprefix('module ')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=1, help="interleaved runs; minimum kept")
    parser.add_argument("--timeline", action="store_true", help="where a cold run's time goes")
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
    if args.timeline:
        timeline(command, env)
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
