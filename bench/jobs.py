"""Where worker processes start to pay: ``tffix --dry-run --no-cache`` with -j 1, -j N
and the default, over growing parts of the shared corpus.

Run from the repository root::

    PYTHONPATH=. python bench/jobs.py [--jobs N] [--sizes 50,200,800]

For each size, the first S module directories of ``../shared/corpus`` (in
sorted order) are copied to a temporary directory, and each setting is run
in a fresh process. Printed: files, bytes, and wall time per setting. The
default (``session.PARALLEL_MIN_BYTES``) should track the faster of the two
at every size.
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
CORPUS = REPO.parent / "shared" / "corpus"


def modules() -> list[Path]:
    return sorted({p.parent for p in CORPUS.rglob("*.tf")})


def timed(args: list[str], cwd: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(REPO), "TFFIX_CACHE_DIR": str(cwd / ".cache")}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tffix", "--dry-run", "--no-cache", "-q", *args, "work"],
        cwd=cwd, env=env, capture_output=True, check=False,
    )  # fmt: skip
    return time.perf_counter() - start


def best(settings: list[list[str]], cwd: Path, repeat: int) -> list[float]:
    """The fastest of ``repeat`` runs of each setting, interleaved (the machine's load
    changes during a run: each setting sees the same share of it)."""
    times = [float("inf")] * len(settings)
    for _ in range(repeat):
        for index, args in enumerate(settings):
            times[index] = min(times[index], timed(args, cwd))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--sizes", default="10,50,200,800")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    found = modules()
    head = f"{'modules':>8} {'files':>6} {'bytes':>10} {'-j 1':>8}"
    print(f"{head} {f'-j {args.jobs}':>8} {'default':>8} {'speed-up':>8}")
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
                f"{serial:>7.2f}s {parallel:>7.2f}s {default:>7.2f}s {serial / parallel:>7.2f}x",
                flush=True,
            )


if __name__ == "__main__":
    main()
