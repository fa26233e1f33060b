"""Format-check benchmark: ``tffix fmt --check`` vs ``terraform fmt -check``, same tree.

Run from the repository root::

    PYTHONPATH=. /tmp/venv/bin/python bench/fmt.py [DIR]

``DIR`` defaults to ``../shared/corpus`` next to the repository. Each command runs
once, as a fresh process (so start-up is included), recursively over ``DIR``:

``tffix fmt --check --recursive DIR``
    started as ``python -m tffix`` with this interpreter and ``PYTHONPATH`` set to the
    repository root; run twice with a fresh private cache: cold, then warm (files
    whose exact bytes were found formatted are not parsed again).
``terraform fmt -check -recursive DIR``
    the ``terraform`` on ``PATH`` (``TF_CLI_CONFIG_FILE`` points at ``/dev/null`` to
    silence its configuration warning); "skipped" when it is not installed.

Both check (read, parse, format, compare) and write nothing. Printed per command: wall
time, exit status (3 means some file needs formatting, 2 a syntax error) and the number
of files listed as unformatted; then the ratio tffix / terraform and whether both
listed the same files. Before the timed runs, every file is read once so that both
commands find the files in the page cache.
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


def run(command: list[str], env: dict[str, str]) -> tuple[float, int, list[str]]:
    """Wall time, exit status and listed files of one run of ``command``."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    return seconds, done.returncode, sorted(done.stdout.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    directory: Path = args.dir
    if not directory.is_dir():
        print(f"no such directory: {directory}", file=sys.stderr)
        return 2

    files = [p for p in directory.rglob("*") if p.is_file()]
    tf_files = sum(1 for p in files if p.suffix == ".tf")
    size = sum(p.stat().st_size for p in files if p.suffix == ".tf")
    for path in files:  # warm the page cache for both commands
        path.read_bytes()
    print(f"{directory}: {tf_files} .tf files, {size / 1e6:.2f} MB; {os.cpu_count()} CPUs")

    # A private, empty cache: the first run is cold, the second finds every
    # formatted file in it (what a pre-commit hook or CI re-run sees).
    cache = tempfile.mkdtemp(prefix="tffix-bench-cache-")
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "TF_CLI_CONFIG_FILE": os.devnull,
        "TFFIX_CACHE_DIR": cache,
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # start-up as installed (bytecode cached)
    subprocess.run([sys.executable, "-m", "tffix", "--version"], env=env, capture_output=True)
    tffix_cmd = [sys.executable, "-m", "tffix", "fmt", "--check", "--recursive", str(directory)]
    t_time, t_status, t_listed = run(tffix_cmd, env)
    print(
        f"tffix fmt --check --recursive      {t_time:7.2f} s  exit {t_status}  "
        f"{len(t_listed)} files to format  (cold cache)"
    )
    w_time, w_status, w_listed = run(tffix_cmd, env)
    print(
        f"tffix fmt --check --recursive      {w_time:7.2f} s  exit {w_status}  "
        f"{len(w_listed)} files to format  (second run, warm cache)"
    )
    shutil.rmtree(cache, ignore_errors=True)

    terraform = shutil.which("terraform")
    if terraform is None:
        print("terraform fmt -check -recursive    skipped: terraform not on PATH")
        return 0
    tf_cmd = [terraform, "fmt", "-check", "-recursive", str(directory)]
    f_time, f_status, f_listed = run(tf_cmd, env)
    print(
        f"terraform fmt -check -recursive    {f_time:7.2f} s  exit {f_status}  "
        f"{len(f_listed)} files to format"
    )
    print(f"ratio tffix / terraform: {t_time / f_time:.2f} cold, {w_time / f_time:.2f} warm")
    same = t_listed == f_listed == w_listed and t_status == f_status == w_status
    print(f"same files listed and same exit status: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
