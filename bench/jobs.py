"""Where worker processes start to pay: ``tffix --dry-run --no-cache`` with -j 1, -j N
and the default, over growing parts of the shared corpus.

Run from the repository root::

    PYTHONPATH=. python bench/jobs.py [--jobs N] [--sizes 50,200,800]

For each size, the first S module directories of ``../shared/corpus`` (in
sorted order) are copied to a temporary directory, and each setting is run
in a fresh process. Printed: files, bytes, wall time per setting, the
speed-up of -j N, and the CPU time (user + system, workers included) of -j 1
and -j N: what -j N costs a shared machine, and, on a loaded one, whether a
slow -j N was the load (its CPU no higher) or its own overhead. The default
(``session.PARALLEL_MIN_BYTES``) should track the faster of the two at every
size.
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
CORPUS = REPO.parent / "shared" / "corpus"


# Bytecode written and used: a run that compiles every module measures the compiler.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPATH"] = str(REPO)


def modules() -> list[Path]:
    return sorted({p.parent for p in CORPUS.rglob("*.tf")})


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU time (user + system, worker processes included) of one run."""
    env = {**ENV, "TFFIX_CACHE_DIR": str(cwd / ".cache")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tffix", "--dry-run", "--no-cache", "-q", *args, "work"],
        cwd=cwd, env=env, capture_output=True, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best(settings: list[list[str]], cwd: Path, repeat: int) -> list[tuple[float, float]]:
    """The least of ``repeat`` runs of each setting (wall and CPU apart), interleaved
    (the machine's load changes during a run: each setting sees the same share of it)."""
    times = [(float("inf"), float("inf"))] * len(settings)
    for _ in range(repeat):
        for index, args in enumerate(settings):
            wall, cpu = timed(args, cwd)
            times[index] = (min(times[index][0], wall), min(times[index][1], cpu))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--sizes", default="10,50,200,800")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    found = modules()
    head = f"{'modules':>8} {'files':>6} {'bytes':>10} {'-j 1':>8}"
    jobs = f"-j {args.jobs}"
    print(f"{head} {jobs:>8} {'default':>8} {'speed-up':>8} {'CPU -j 1':>9} {f'CPU {jobs}':>9}")
    subprocess.run([sys.executable, "-m", "tffix", "--version"], env=ENV, capture_output=True)
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            for index, module in enumerate(found[:size]):
                target = root / "work" / f"m{index:04d}"
                target.mkdir(parents=True)
                for tf in module.glob("*.tf"):
                    shutil.copyfile(tf, target / tf.name)
            files = list((root / "work").rglob("*.tf"))
            size_bytes = sum(f.stat().st_size for f in files)
            serial, parallel, default = best(
                [["-j", "1"], ["-j", str(args.jobs)], []], root, args.repeat
            )
            print(
                f"{min(size, len(found)):>8} {len(files):>6} {size_bytes:>10} "
                f"{serial[0]:>7.2f}s {parallel[0]:>7.2f}s {default[0]:>7.2f}s "
                f"{serial[0] / parallel[0]:>7.2f}x {serial[1]:>8.2f}s {parallel[1]:>8.2f}s",
                flush=True,
            )


if __name__ == "__main__":
    main()
