"""``--jobs`` benchmark: the same dry run with ``-j 1`` and ``-j N``, side by side.

Run from the repository root::

    PYTHONPATH=. python bench/jobs.py [--jobs 2] [--repeat 2] [DIR...]

``DIR`` defaults to ``../shared/corpus`` and one small module of it (below
``session.PARALLEL_MIN_BYTES``, where the run stays in-process). Each
command is a fresh process with ``--no-cache``, run ``--repeat`` times
alternating ``-j 1`` and ``-j N`` (the machine is shared: the best of each
is printed). Printed per tree: bytes, best ``-j 1`` and ``-j N`` times and
the speed-up (``>= 1.0`` is the promise: never slower than ``-j 1``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SMALL = CORPUS / "terraform-aws-modules+terraform-aws-kms"


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, env=env, check=False)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=[CORPUS, SMALL])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    print(f"{'tree':<40} {'MB':>6} {'-j 1 s':>7} {f'-j {args.jobs} s':>7} {'speed-up':>9}")
    for directory in args.dirs:
        size = sum(p.stat().st_size for p in directory.rglob("*.tf"))
        best: dict[int, float] = {}
        for _ in range(args.repeat):
            for jobs in (1, args.jobs):
                command = [
                    sys.executable, "-m", "tffix", "--dry-run", "--unsafe-fixes", "--select",
                    "ALL", "--no-cache", "-q", "--jobs", str(jobs), str(directory),
                ]  # fmt: skip
                took = timed(command, env)
                best[jobs] = min(best.get(jobs, took), took)
        one, many = best[1], best[args.jobs]
        print(
            f"{directory.name[-40:]:<40} {size / 1e6:>6.2f} {one:>7.2f} {many:>7.2f} "
            f"{one / many:>8.2f}x",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
