"""Campaign benchmark: ``tffix bulk`` over local repositories made from the shared corpus.

Run from the repository root::

    PYTHONPATH=. python bench/bulk.py [--repos N] [--jobs J]

Makes N bare repositories (one per module directory of ``../shared/corpus``
that has .tf files, in sorted order), then times, each a fresh process:

- the first campaign (clone, fix, commit, push the fix branch) with 1 job
  and with J jobs (a fresh work directory and fresh remotes for each);
- a re-run without the report (fetch, fix, compare with the pushed branch:
  nothing to commit or push);
- a re-run with the report (every entry up to date: one ``git ls-remote``
  per repository);
- for scale, a plain loop doing what a hand-made script does per
  repository: ``git clone --depth 1``, ``tffix DIR``, ``git commit -a``.

Printed: wall time, repositories per minute and the ratio to the first
1-job campaign. No network: remotes are bare repositories on disk.
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
IDENTITY = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}


def git(*args: str, cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def make_remotes(root: Path, modules: list[Path], env: dict[str, str]) -> list[Path]:
    remotes = []
    for i, module in enumerate(modules):
        work = root / "src" / f"r{i}"
        work.mkdir(parents=True)
        for tf in module.glob("*.tf"):
            shutil.copyfile(tf, work / tf.name)
        git("init", "-q", "-b", "main", cwd=work, env=env)
        git("add", "-A", cwd=work, env=env)
        git("commit", "-q", "-m", "initial", cwd=work, env=env)
        remote = root / "remotes" / f"r{i}.git"
        git("clone", "-q", "--bare", str(work), str(remote), cwd=root, env=env)
        remotes.append(remote)
    return remotes


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, check=False)
    return time.perf_counter() - start, done.returncode


def script_loop(root: Path, remotes: list[Path], env: dict[str, str]) -> tuple[float, int]:
    """What a hand-written campaign script does per repository (no PR, no checks)."""
    start = time.perf_counter()
    worst = 0
    for i, remote in enumerate(remotes):
        clone = root / "script" / f"r{i}"
        git("clone", "-q", "--depth", "1", str(remote), str(clone), cwd=root, env=env)
        done = subprocess.run(
            [sys.executable, "-m", "tffix", "-q", "--no-cache", str(clone)],
            env=env, capture_output=True, check=False,
        )  # fmt: skip
        worst = max(worst, done.returncode)
        git("checkout", "-q", "-b", "tffix/fixes", cwd=clone, env=env)
        subprocess.run(
            ["git", "commit", "-q", "-a", "-m", "tffix"], cwd=clone, env=env, capture_output=True
        )
    return time.perf_counter() - start, worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"shared corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    modules = sorted({p.parent for p in CORPUS.rglob("*.tf")})[: args.repos]
    env = {**os.environ, **IDENTITY, "PYTHONPATH": str(REPO), "GIT_CONFIG_NOSYSTEM": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env["TFFIX_CACHE_DIR"] = str(root / "cache")
        for jobs in (1, args.jobs):
            case = root / f"jobs{jobs}"
            case.mkdir()
            remotes = make_remotes(case, modules, env)
            listing = case / "repos.txt"
            listing.write_text("\n".join(map(str, remotes)) + "\n")
            base = [sys.executable, "-m", "tffix", "bulk", "--repos", str(listing), "-q"]
            base += ["--workdir", str(case / "clones"), "--push", "--jobs", str(jobs)]
            report = ["--report", str(case / "report.json")]
            rows.append((f"first campaign, {jobs} job(s)", *timed(base + report, env, case)))
            if jobs == 1:
                rows.append(("re-run without report", *timed(base, env, case)))
                rows.append(("re-run with report", *timed(base + report, env, case)))
                loop = script_loop(case, remotes, env)
                rows.append(("script loop (clone, tffix, commit)", *loop))
    first = rows[0][1]
    print(f"{len(modules)} repositories from {CORPUS}\n")
    print(f"{'run':<40} {'seconds':>8} {'repos/min':>10} {'vs first':>9} {'exit':>5}")
    for name, seconds, code in rows:
        rate = len(modules) / seconds * 60
        print(f"{name:<40} {seconds:>8.2f} {rate:>10.0f} {seconds / first:>8.2f}x {code:>5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
