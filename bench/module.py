"""One-big-module benchmark: N corpus files copied into one directory.

Run from the repository root::

    PYTHONPATH=. python bench/module.py [--sizes 500,1000,2000] [--jobs 1] [CORPUS]

Real monorepos keep hundreds of files in one directory, and codemods reason
across the files of a module, so everything per module must stay linear in
its files. For each size N, the first N ``.tf`` files of ``CORPUS`` (default
``../shared/corpus``, sorted by path) are copied into one temporary
directory under distinct names, then timed, each in a fresh process:

- ``tffix --dry-run --unsafe-fixes --select ALL --no-cache DIR``;
- ``terraform fmt -check DIR`` for scale.

tffix's modules are compiled first, as an installed tool's are.

Printed per size: files, MB, both wall times and their ratio, both CPU
times (user + system of the process, which is what to compare on a shared,
loaded machine where wall time depends on the neighbours) and their ratio,
tffix's CPU time per file (flat when the engine is linear in the files of
one module) and its peak resident memory (linear too).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO.parent / "shared" / "corpus"


@dataclass(frozen=True)
class Timing:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process (and its children)
    rss: float  # peak resident set size, MB
    status: int


def timed(command: list[str], env: dict[str, str]) -> Timing:
    """Run ``command`` to the end, its output discarded, with its own resource usage
    (``wait4``: this process's other children do not count)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux.
    return Timing(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode)


def build(corpus: Path, count: int, target: Path) -> int:
    """Copy ``count`` corpus files into ``target`` (cycling when the corpus is smaller)."""
    files = sorted(corpus.rglob("*.tf"))
    size = 0
    for index in range(count):
        source = files[index % len(files)]
        data = source.read_bytes()
        (target / f"f{index:05d}_{source.name}").write_bytes(data)
        size += len(data)
    return size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--sizes", default="500,1000,2000")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    env = {**os.environ, "PYTHONPATH": str(REPO), "TF_CLI_CONFIG_FILE": os.devnull}
    # An installed tffix starts from compiled modules (pip compiles them): with
    # PYTHONDONTWRITEBYTECODE set, as in some shells, every run compiled all of
    # them again, about 0.4 s of each run. Compiled once here, read by each run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(REPO / "tffix", quiet=1)
    compileall.compile_dir(REPO / "codemods", quiet=1)
    terraform = shutil.which("terraform")
    print(
        f"{'files':>6} {'MB':>6} {'tffix s':>8} {'fmt s':>7} {'ratio':>6} "
        f"{'cpu s':>7} {'fmt cpu':>7} {'cpu ratio':>9} {'cpu ms/file':>11} {'peak MB':>8}"
    )
    for count in (int(x) for x in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="tffix-bench-module-") as tmp:
            size = build(args.corpus, count, Path(tmp))
            command = [
                sys.executable, "-m", "tffix", "--dry-run", "--unsafe-fixes", "--select",
                "ALL", "--no-cache", "-q", "--jobs", str(args.jobs), tmp,
            ]  # fmt: skip
            ours = timed(command, env)
            nan = Timing(float("nan"), float("nan"), float("nan"), 0)
            tf = timed([terraform, "fmt", "-check", tmp], env) if terraform else nan
            print(
                f"{count:>6} {size / 1e6:>6.2f} {ours.wall:>8.2f} {tf.wall:>7.2f} "
                f"{ours.wall / tf.wall:>6.1f} {ours.cpu:>7.2f} {tf.cpu:>7.2f} "
                f"{ours.cpu / tf.cpu:>9.1f} {ours.cpu / count * 1000:>11.2f} {ours.rss:>8.0f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
