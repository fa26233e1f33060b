"""Start-up benchmark: ``tffix --dry-run`` on one small file vs ``terraform fmt -check`` on it.

Run from the repository root::

    PYTHONPATH=. .venv/bin/python bench/startup.py [-n RUNS] [FILE]

The pre-commit case: a hook starts tffix on each commit with a file or two,
so the time before the first byte is read (interpreter, imports, command
line) is most of the run. ``FILE`` defaults to a small module with one log
group and one variable (written to a temporary directory). Every command
runs ``RUNS`` times (default 15), interleaved so that a burst of load on a
shared machine hits them alike, each as a fresh process; the table shows the
minimum (the least disturbed run) and the median wall time, the minimum CPU
time (user + system, which load disturbs less), and each one's ratio to
``terraform fmt -check`` (the target of issue 16: at most 3x the wall time).

Rows:

``python -c pass``
    the interpreter alone with this venv's site-packages: the floor under any
    Python command.
``tffix --version``
    answered before the command line is built.
``tffix --dry-run FILE``
    the real run, with the module cache (the second and later commits of a
    pre-commit user find their unchanged module in it).
``tffix --dry-run CHANGED``
    a copy of FILE edited (a comment added) before each run, as a commit
    changes the files a hook is given: not in the module cache, so parsed and
    fixed, with what the cache remembers besides (code hash, plug-in list,
    parsed data tables).
``tffix --dry-run --no-cache FILE``
    the same with nothing read from the cache: everything computed afresh.
``python -S -c pass``
    the interpreter without ``site``'s start-up: how much of the floor is the
    ``.pth`` files of this venv (among them the finder of an editable
    install, which an installed tffix does not have).
``terraform fmt -check FILE``
    the ``terraform`` on ``PATH`` (``TF_CLI_CONFIG_FILE=/dev/null`` silences its
    configuration warning); "skipped" when it is not installed.

``--before PYTHON CHECKOUT`` adds rows for another checkout (say, the commit
before a change, with a venv that has its dependencies), timed in the same
runs, so that before and after see the same load.

tffix runs as ``python -m tffix`` with this interpreter and ``PYTHONPATH`` set
to the repository root, with bytecode cached (as an installed tool runs).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SMALL = """\
resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/logs"
  retention_in_days = 30
}

variable "region" {
  type    = string
  default = "us-east-1"
}
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall time, CPU time (user + system) and exit status of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("-n", "--runs", type=int, default=15)
    parser.add_argument(
        "--before",
        nargs=2,
        metavar=("PYTHON", "CHECKOUT"),
        help="also time another checkout (an older commit) with its own interpreter, "
        "in the same runs: rows 'before: ...'",
    )
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="tffix-bench-startup-"))
    try:
        path: Path = args.file
        if path is None:
            path = scratch / "module" / "main.tf"
            path.parent.mkdir()
            path.write_text(SMALL, encoding="utf-8")
        if not path.is_file():
            print(f"no such file: {path}", file=sys.stderr)
            return 2
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "TF_CLI_CONFIG_FILE": os.devnull,
            "TFFIX_CACHE_DIR": str(scratch / "cache"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        tffix = [sys.executable, "-m", "tffix"]
        # A copy edited before each run: the module cache never has it (a commit's file).
        changed = scratch / "changed" / path.name
        changed.parent.mkdir()
        original = path.read_bytes()
        commands: dict[str, list[str]] = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "tffix --version": [*tffix, "--version"],
            "tffix --dry-run FILE": [*tffix, "--dry-run", str(path)],
            "tffix --dry-run CHANGED": [*tffix, "--dry-run", str(changed)],
            "tffix --dry-run --no-cache FILE": [*tffix, "--dry-run", "--no-cache", str(path)],
            "python -S -c pass": [sys.executable, "-S", "-c", "pass"],
        }
        if args.before:
            python, checkout = args.before
            # Its own PYTHONPATH and cache, through env(1): one environment for all rows.
            before = ["env", f"PYTHONPATH={checkout}", f"TFFIX_CACHE_DIR={scratch / 'before'}"]
            before += [python, "-P", "-m", "tffix"]  # -P: not this directory's tffix
            commands["before: tffix --dry-run FILE"] = [*before, "--dry-run", str(path)]
            commands["before: tffix --dry-run CHANGED"] = [*before, "--dry-run", str(changed)]
            commands["before: tffix --dry-run --no-cache"] = [
                *before,
                "--dry-run",
                "--no-cache",
                str(path),
            ]
        terraform = shutil.which("terraform")
        if terraform:
            commands["terraform fmt -check FILE"] = [terraform, "fmt", "-check", str(path)]
        edits = [0]

        def run(name: str) -> tuple[float, float, int]:
            if "CHANGED" in name:
                edits[0] += 1
                changed.write_bytes(original + f"# edit {edits[0]}\n".encode())
            return timed(commands[name], env)

        for name in commands:  # bytecode, page cache, the module cache
            run(name)
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        statuses: dict[str, set[int]] = {name: set() for name in commands}
        for _ in range(args.runs):
            for name in commands:
                seconds, cpu, status = run(name)
                times[name].append(seconds)
                cpus[name].append(cpu)
                statuses[name].add(status)
        key = "terraform fmt -check FILE"
        base = min(times[key]) if terraform else None
        base_cpu = min(cpus[key]) if terraform else None
        size = path.stat().st_size
        print(f"{path.name}: {size} bytes; {args.runs} runs each; {os.cpu_count()} CPUs")
        print(
            f"{'command':<34} {'min ms':>8} {'median ms':>10} {'x terraform':>12} "
            f"{'CPU ms':>8} {'x terraform':>12}  exit"
        )
        for name, values in times.items():
            best, cpu = min(values), min(cpus[name])
            ratio = f"{best / base:.2f}" if base else "skipped"
            cpu_ratio = f"{cpu / base_cpu:.2f}" if base_cpu else "skipped"
            exits = ",".join(str(s) for s in sorted(statuses[name]))
            print(
                f"{name:<34} {best * 1000:8.1f} {statistics.median(values) * 1000:10.1f} "
                f"{ratio:>12} {cpu * 1000:8.1f} {cpu_ratio:>12}  {exits}"
            )
        if not terraform:
            print("terraform fmt -check FILE: skipped (no terraform on PATH)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
