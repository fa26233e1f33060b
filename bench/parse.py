"""Parse-speed benchmark: tffix vs python-hcl2 vs ``terraform fmt``, on the same files.

Run from the repository root::

    PYTHONPATH=. /tmp/venv/bin/python bench/parse.py [DIR] [--repeat N] [--only tffix]
                                                     [--json FILE] [--startup-runs N]

``DIR`` defaults to ``../shared/corpus`` next to the repository. Every ``*.tf`` file under
it (recursively, sorted by path) is read into memory once, as bytes decoded from UTF-8
with ``surrogateescape`` (exactly what ``tffix.parse_file`` does), so disk I/O is outside
every Python timing. Sizes are the files' bytes on disk; MB means 10**6 bytes.

Throughput rows (every parser is given every file; a file it rejects still counts in the
time and is reported under "failures"; nothing is excluded):

``tffix.parse``
    tffix's lossless CST parser (scanner + precomputed LALR tables). The baseline that
    the "vs tffix.parse" column compares against.
``hcl2.parses``
    python-hcl2's parse to its typed tree (``hcl2.api.parses``: a ``StartRule`` of
    ``LarkElement`` rules, comments kept): the Lark parse below plus its
    ``RuleTransformer``. The closest python-hcl2 equivalent of tffix's CST.
``hcl2.parses_to_tree``
    python-hcl2's raw Lark LALR parse (a ``lark.Tree``, with ``propagate_positions``);
    no transformation.
``hcl2.loads``
    python-hcl2's text-to-dict: ``parses`` plus serialisation to plain Python data.
``terraform fmt -check -recursive DIR``
    Wall time of the subprocess, including process start-up and its own reading of the
    files (page-cached after the first read). It also looks at ``*.tfvars`` and
    ``*.tftest.hcl`` files, of which a Terraform corpus usually has none. Exit status 3
    only means some files are not canonically formatted; "failures" counts its
    ``Error:`` diagnostics (syntax errors).

Each Python row is the best of ``--repeat`` runs over all files (default 1: python-hcl2
takes a minute or more per pass). Before timing, one small file is parsed by each
parser so one-off set-up (python-hcl2 builds or loads its Lark parser on first use) is
excluded; that set-up is reported separately under "first call". The machine may have
few cores (``os.cpu_count()`` is printed), and everything here runs on one.

Start-up section: wall time of fresh processes, the median of ``--startup-runs`` runs
(default 5) after one untimed run, each started with this interpreter
(``sys.executable``) and ``PYTHONPATH`` set to the repository root:
``python -c pass`` (interpreter alone, for reference), ``python -c "import tffix"``,
``python -m tffix --version``, parsing the small file with ``tffix.parse_file``, the
same with ``hcl2.loads`` and ``terraform fmt -check FILE``.

``--only tffix`` (or ``hcl2``, ``terraform``; may be repeated) runs only those rows.
``--json FILE`` also writes all results, including every run's time and every failing
file, as JSON. python-hcl2 and terraform are optional: their rows print "skipped" when
they are not installed.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO.parent / "shared" / "corpus"
SMALL_TARGET = 1024  # bytes: the warm-up/start-up file is the corpus file closest to this
GROUPS = ("tffix", "hcl2", "terraform")


@dataclass
class Source:
    """One input file, read into memory."""

    path: Path
    rel: str
    size: int
    text: str


@dataclass
class Failure:
    """A file a parser rejected."""

    file: str
    error: str


@dataclass
class Row:
    """One throughput row of the table."""

    name: str
    status: str = "ok"  # "ok", or why the row was not run
    seconds: float | None = None
    runs: list[float] = field(default_factory=list)
    mb_per_s: float | None = None
    files_per_s: float | None = None
    failures: int | None = None
    failing: list[Failure] = field(default_factory=list)
    vs_tffix: float | None = None
    note: str = ""


@dataclass
class Startup:
    """One start-up measurement: a fresh process, median of several runs."""

    name: str
    command: list[str]
    status: str = "ok"
    median: float | None = None
    runs: list[float] = field(default_factory=list)
    note: str = ""


# --------------------------------------------------------------------------- inputs


def read_sources(directory: Path) -> list[Source]:
    """All ``*.tf`` files under ``directory``, sorted by path, decoded like parse_file."""
    sources = []
    for path in sorted(directory.rglob("*.tf")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        sources.append(
            Source(
                path=path,
                rel=path.relative_to(directory).as_posix(),
                size=len(data),
                text=data.decode("utf-8", "surrogateescape"),
            )
        )
    return sources


def small_candidates(sources: list[Source]) -> list[Source]:
    """Files ordered by closeness of their size to SMALL_TARGET bytes."""
    return sorted(sources, key=lambda s: (abs(s.size - SMALL_TARGET), s.rel))


# --------------------------------------------------------------------------- throughput


def run_over(
    parse: Callable[[Source], object], sources: list[Source]
) -> tuple[float, list[Failure]]:
    """Time ``parse`` over all sources; a raised exception is a failure, not an abort."""
    failures: list[Failure] = []
    gc.collect()
    start = time.perf_counter()
    for source in sources:
        try:
            parse(source)
        except Exception as exc:  # any rejection (or crash) counts as a failure
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            failures.append(Failure(source.rel, f"{type(exc).__name__}: {first_line}"[:200]))
    return time.perf_counter() - start, failures


def measure(
    name: str, parse: Callable[[Source], object], sources: list[Source], repeat: int
) -> Row:
    """Best of ``repeat`` passes over all sources."""
    row = Row(name)
    for _ in range(repeat):
        seconds, failures = run_over(parse, sources)
        row.runs.append(seconds)
        print(f"  {name}: {seconds:.3f} s, {len(failures)} failures", file=sys.stderr)
        if row.failures is None:  # parsing is deterministic: the first pass's list will do
            row.failures, row.failing = len(failures), failures
    row.seconds = min(row.runs)
    return row


def terraform_fmt_dir(terraform: str, directory: Path, repeat: int) -> Row:
    """Wall time of ``terraform fmt -check -recursive DIR`` (best of ``repeat``)."""
    row = Row("terraform fmt -check -recursive")
    command = [terraform, "fmt", "-check", "-recursive", str(directory)]
    subprocess.run(command, capture_output=True)  # untimed: page cache, binary load
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, errors="replace")
        seconds = time.perf_counter() - start
        row.runs.append(seconds)
        print(f"  terraform fmt: {seconds:.3f} s, exit {done.returncode}", file=sys.stderr)
    row.seconds = min(row.runs)
    stderr = re.sub(r"\x1b\[[0-9;]*m", "", done.stderr)  # its diagnostics are coloured
    errors = re.findall(
        r"^\W*Error: (.*)$(?:\n\W*$)*(?:\n\W*on (.+?) line \d+)?", stderr, flags=re.MULTILINE
    )
    row.failures = len(errors)
    row.failing = [Failure(where, f"Error: {what}") for what, where in errors]
    unformatted = [line for line in done.stdout.splitlines() if line.strip()]
    row.note = f"exit {done.returncode}; {len(unformatted)} files not canonically formatted"
    if done.returncode not in (0, 3) and not errors:
        row.status = f"failed (exit {done.returncode})"
    return row


# --------------------------------------------------------------------------- start-up


def python_env() -> dict[str, str]:
    """The environment for child Pythons: the repository first on PYTHONPATH.

    Bytecode caching is switched back on (some machines set
    PYTHONDONTWRITEBYTECODE): an installed tffix always has its .pyc files,
    written by pip, and start-up is what a user of the installed tool sees.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def time_process(
    name: str, command: list[str], runs: int, ok_codes: tuple[int, ...] = (0,)
) -> Startup:
    """Median wall time of ``runs`` fresh runs of ``command`` (after one untimed run)."""
    result = Startup(name, command)
    env = python_env()
    for i in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(
            command, capture_output=True, text=True, errors="replace", env=env, cwd=REPO
        )
        seconds = time.perf_counter() - start
        if done.returncode not in ok_codes:
            lines = (done.stderr or done.stdout).strip().splitlines()
            why = lines[-1] if lines else ""
            result.status = f"not available (exit {done.returncode}: {why[:100]})"
            return result
        if i == 0:
            result.note = done.stdout.strip().splitlines()[0][:60] if done.stdout.strip() else ""
            continue  # untimed: bytecode compiled, page cache warm
        result.runs.append(seconds)
    result.median = statistics.median(result.runs)
    return result


def startup_section(
    groups: set[str], small: Source, runs: int, terraform: str | None, have_hcl2: bool
) -> list[Startup]:
    """The start-up measurements for the selected groups."""
    py = sys.executable
    file = str(small.path)
    out: list[Startup] = []
    out.append(time_process("python -c pass (interpreter only)", [py, "-c", "pass"], runs))
    if "tffix" in groups:
        out.append(time_process('python -c "import tffix"', [py, "-c", "import tffix"], runs))
        version = time_process("python -m tffix --version", [py, "-m", "tffix", "--version"], runs)
        out.append(version)
        code = f"import tffix; tffix.parse_file({file!r})"
        out.append(time_process("python: tffix.parse_file(small)", [py, "-c", code], runs))
    if "hcl2" in groups:
        name = "python: hcl2.loads(small)"
        if have_hcl2:
            code = f"import hcl2; hcl2.loads(open({file!r}).read())"
            out.append(time_process(name, [py, "-c", code], runs))
        else:
            out.append(Startup(name, [], status="skipped (python-hcl2 not installed)"))
    if "terraform" in groups:
        name = "terraform fmt -check small"
        if terraform:
            cmd = [terraform, "fmt", "-check", file]
            out.append(time_process(name, cmd, runs, ok_codes=(0, 3)))
        else:
            out.append(Startup(name, [], status="skipped (terraform not on PATH)"))
    return out


# --------------------------------------------------------------------------- output


def ratio_text(ratio: float | None) -> str:
    """``2.5x slower`` / ``1.8x faster`` relative to tffix.parse."""
    if ratio is None:
        return "n/a"
    if abs(ratio - 1.0) < 1e-9:
        return "baseline"
    factor = ratio if ratio >= 1.0 else 1 / ratio
    digits = 2 if factor < 2 else 1  # "1.04x", not a puzzling "1.0x faster"
    return f"{factor:.{digits}f}x {'slower' if ratio >= 1.0 else 'faster'}"


def fmt_num(value: float | None, spec: str) -> str:
    """Format a number, or a dash for a missing one."""
    return "-" if value is None else format(value, spec)


def print_table(rows: list[Row]) -> None:
    """The throughput table."""
    header = ("row", "seconds", "MB/s", "files/s", "failures", "vs tffix.parse")
    cells = {
        row.name: (
            row.name,
            fmt_num(row.seconds, ".3f"),
            fmt_num(row.mb_per_s, ".3f"),
            fmt_num(row.files_per_s, ".1f"),
            fmt_num(row.failures, "d"),
            ratio_text(row.vs_tffix),
        )
        for row in rows
        if row.status == "ok"
    }
    lines = [header, *cells.values()]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    widths[0] = max(widths[0], *(len(row.name) for row in rows))

    def show(line: tuple[str, ...]) -> None:
        out = [line[0].ljust(widths[0])]
        out += [cell.rjust(widths[i]) for i, cell in enumerate(line[1:5], start=1)]
        out.append(line[5])
        print("  ".join(out).rstrip())

    show(header)
    print("  ".join("-" * w for w in widths))
    for row in rows:
        if row.status == "ok":
            show(cells[row.name])
        else:
            print(f"{row.name.ljust(widths[0])}  {row.status}")
    for row in rows:
        if row.note:
            print(f"  {row.name}: {row.note}")
        for failure in row.failing[:5]:
            print(f"  {row.name} failed: {failure.file} {failure.error}".rstrip())
        if len(row.failing) > 5:
            print(f"  {row.name}: ... and {len(row.failing) - 5} more failures")


def print_startup(results: list[Startup]) -> None:
    """The start-up table."""
    width = max(len(r.name) for r in results)
    print(f"{'process':<{width}}  {'median s':>8}  runs (s)")
    print(f"{'-' * width}  {'-' * 8}  {'-' * 8}")
    for r in results:
        if r.status != "ok":
            print(f"{r.name:<{width}}  {r.status}")
            continue
        runs = " ".join(f"{t:.3f}" for t in r.runs)
        note = f"  [{r.note}]" if r.note and "version" in r.name else ""
        print(f"{r.name:<{width}}  {r.median:>8.3f}  {runs}{note}")


def version_of(dist: str) -> str | None:
    """An installed distribution's version, or None."""
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def terraform_version(terraform: str) -> str:
    """First line of ``terraform version``."""
    done = subprocess.run([terraform, "version"], capture_output=True, text=True)
    return done.stdout.strip().splitlines()[0] if done.stdout.strip() else "?"


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=1, help="passes per parser; best is kept")
    parser.add_argument("--only", action="append", choices=GROUPS, help="run only these rows")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write results here")
    parser.add_argument("--startup-runs", type=int, default=5, help="fresh processes per row")
    args = parser.parse_args(argv)
    groups = set(args.only or GROUPS)
    directory: Path = args.directory.resolve()
    if not directory.is_dir():
        parser.error(f"not a directory: {directory}")
    if args.repeat < 1 or args.startup_runs < 1:
        parser.error("--repeat and --startup-runs must be at least 1")

    sources = read_sources(directory)
    if not sources:
        parser.error(f"no *.tf files under {directory}")
    total_bytes = sum(s.size for s in sources)
    terraform_found = shutil.which("terraform")
    terraform = terraform_found if "terraform" in groups else None
    have_hcl2 = "hcl2" in groups and version_of("python-hcl2") is not None

    meta: dict[str, Any] = {
        "directory": str(directory),
        "files": len(sources),
        "bytes": total_bytes,
        "repeat": args.repeat,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "executable": sys.executable,
        "cpu_count": os.cpu_count(),
        "machine": platform.platform(),
        "lark": version_of("lark"),
        "python_hcl2": version_of("python-hcl2"),
        "terraform": terraform_version(terraform_found) if terraform_found else None,
    }
    print(f"inputs: {len(sources)} *.tf files, {total_bytes:,} bytes ({total_bytes / 1e6:.2f} MB)")
    print(f"        from {directory}")
    print(
        f"python {meta['python']}, {meta['cpu_count']} CPUs, lark {meta['lark']}, "
        f"python-hcl2 {meta['python_hcl2'] or '-'}, {meta['terraform'] or 'no terraform'}; "
        f"best of {args.repeat} pass(es)"
    )

    # ---- first calls (set-up), which also serve as the warm-up
    candidates = small_candidates(sources)
    small = candidates[0]
    first: dict[str, Any] = {"small_file": small.rel, "small_bytes": small.size}
    tffix: Any = None
    if "tffix" in groups:
        start = time.perf_counter()
        import tffix

        first["tffix_import_s"] = time.perf_counter() - start
        start = time.perf_counter()
        with contextlib.suppress(tffix.ParseError):  # the set-up happens all the same
            tffix.parse(small.text, path=small.rel)
        first["tffix_first_parse_s"] = time.perf_counter() - start
        for candidate in candidates:  # the start-up file must be one tffix accepts
            try:
                tffix.parse(candidate.text, path=candidate.rel)
            except tffix.ParseError:
                continue
            small = candidate
            break
        first["small_file"], first["small_bytes"] = small.rel, small.size
    hcl2: Any = None
    if have_hcl2:
        start = time.perf_counter()
        import hcl2
        import hcl2.parser

        first["hcl2_import_s"] = time.perf_counter() - start
        cache = Path(hcl2.parser.PARSER_FILE)
        first["hcl2_lark_cache_present"] = cache.exists()
        start = time.perf_counter()
        hcl2.parser.parser()  # functools.lru_cache: built (or loaded from cache) once
        first["hcl2_parser_build_s"] = time.perf_counter() - start
        for label, fn in (("parses", hcl2.parses), ("loads", hcl2.loads)):
            start = time.perf_counter()
            with contextlib.suppress(Exception):
                fn(small.text)
            first[f"hcl2_first_{label}_s"] = time.perf_counter() - start
        start = time.perf_counter()
        with contextlib.suppress(Exception):
            hcl2.parses(small.text)
        first["hcl2_second_parses_s"] = time.perf_counter() - start

    # ---- throughput
    rows: list[Row] = []
    print("\nparsing all files (progress on stderr) ...", file=sys.stderr)
    if "tffix" in groups:
        rows.append(
            measure("tffix.parse", lambda s: tffix.parse(s.text, path=s.rel), sources, args.repeat)
        )
    if "hcl2" in groups:
        names = ("hcl2.parses", "hcl2.parses_to_tree", "hcl2.loads")
        if hcl2 is None:
            rows += [Row(n, status="skipped (python-hcl2 not installed)") for n in names]
        else:
            fns = (hcl2.parses, hcl2.parses_to_tree, hcl2.loads)
            for name, fn in zip(names, fns, strict=True):
                rows.append(measure(name, lambda s, fn=fn: fn(s.text), sources, args.repeat))
    if "terraform" in groups:
        if terraform is None:
            rows.append(Row("terraform fmt -check -recursive", status="skipped (not on PATH)"))
        else:
            rows.append(terraform_fmt_dir(terraform, directory, args.repeat))
    base = next((r.seconds for r in rows if r.name == "tffix.parse"), None)
    for row in rows:
        if row.seconds:
            row.mb_per_s = total_bytes / 1e6 / row.seconds
            row.files_per_s = len(sources) / row.seconds
            row.vs_tffix = row.seconds / base if base else None

    print(
        f"\nthroughput ({len(sources)} files, {total_bytes / 1e6:.2f} MB, same set for every row)"
    )
    print_table(rows)

    print(f"\nfirst call in this process (small file: {small.rel}, {small.size} bytes)")
    if "tffix_import_s" in first:
        print(
            f"  tffix:  import {first['tffix_import_s'] * 1e3:.1f} ms, "
            f"first parse {first['tffix_first_parse_s'] * 1e3:.1f} ms"
        )
    if "hcl2_import_s" in first:
        cached = "loaded from" if first["hcl2_lark_cache_present"] else "built, no"
        print(
            f"  hcl2:   import {first['hcl2_import_s'] * 1e3:.1f} ms, "
            f"Lark parser {first['hcl2_parser_build_s'] * 1e3:.1f} ms "
            f"({cached} .lark_cache.bin), "
            f"first parses {first['hcl2_first_parses_s'] * 1e3:.1f} ms, "
            f"second parses {first['hcl2_second_parses_s'] * 1e3:.1f} ms"
        )
    elif "hcl2" in groups:
        print("  hcl2:   skipped (python-hcl2 not installed)")

    print(f"\nstart-up (fresh processes, median of {args.startup_runs}; small file: {small.rel})")
    startups = startup_section(groups, small, args.startup_runs, terraform, have_hcl2)
    print_startup(startups)

    if args.json:
        payload = {
            "meta": meta,
            "first_call": first,
            "rows": [asdict(r) for r in rows],
            "startup": [asdict(s) for s in startups],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
