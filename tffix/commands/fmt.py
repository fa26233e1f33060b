"""``tffix fmt``: the formatter, byte for byte ``terraform fmt``."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import click

from tffix.commands.options import command
from tffix.report.paths import display_path
from tffix.syntax.errors import ParseError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tffix.cst.write import Snapshot

    # What formatting one file gives: bytes read, formatted text, error, snapshot.
    _Formatted = tuple[bytes | None, str | None, str | None, Snapshot | None]


# Terraform 1.11's `fmt` extensions, and OpenTofu's `.tofu` (which `tofu fmt`
# formats by the same rules); JSON files are never formatted.
FMT_EXTENSIONS = (".tf", ".tofu", ".tfvars", ".tftest.hcl", ".tfmock.hcl")


def _fmt_ignored(name: str) -> bool:
    """Names Terraform skips in a directory: hidden files, editor backups (``~``, ``#x#``)."""
    return (
        name.startswith(".") or name.endswith("~") or (name.startswith("#") and name.endswith("#"))
    )


def _fmt_dir(
    directory: str, recursive: bool, problems: list[str], root: str | None = None
) -> Iterator[str]:
    """Files ``terraform fmt`` picks in ``directory``: sorted by name, subdirectories in place.

    Like Terraform, symlinks to directories are not entered (no cycles), and
    hidden directories (``.terraform``, ``.git``) are skipped. A symlinked
    file whose target lies outside the given directory is not formatted (a
    write would land outside it); a directory that cannot be read is added
    to ``problems`` and the rest goes on.
    """
    root = os.path.realpath(directory) if root is None else root
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as exc:
        problems.append(f"{directory}: cannot read directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if _fmt_ignored(entry.name):
            continue
        if entry.is_dir(follow_symlinks=False):
            if recursive:
                yield from _fmt_dir(entry.path, recursive, problems, root)
        elif entry.name.endswith(FMT_EXTENSIONS):
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if os.path.commonpath([root, target]) != root:
                    click.echo(
                        f"{display_path(entry.path)}: skipped: a symbolic link to {target}, "
                        f"outside {display_path(root)}",
                        err=True,
                    )
                    continue
            yield entry.path


def _write_out(data: bytes) -> None:
    stream = getattr(sys.stdout, "buffer", None)
    if stream is not None:
        sys.stdout.flush()
        stream.write(data)
        stream.flush()
    else:  # a test runner's text stream
        sys.stdout.write(data.decode("utf-8", "surrogateescape"))


def _format_job(job: tuple[str, str]) -> _Formatted:
    """Read and format one file: (bytes read, formatted text, error message, snapshot)."""
    from tffix.cst.format import format_text
    from tffix.cst.write import Snapshot
    from tffix.engine.files import read_problem, read_regular
    from tffix.syntax.parser import decode

    path, shown = job
    try:
        data, info = read_regular(path)  # never a FIFO or a device; not past the limit
    except OSError as exc:
        return None, None, read_problem(shown, exc), None
    snapshot = Snapshot.of(data, info)
    try:
        return data, format_text(decode(data), path=shown), None, snapshot
    except ParseError as exc:
        return data, None, str(exc), snapshot


def _format_files(jobs: list[tuple[str, str]]) -> Iterator[_Formatted]:
    """``_format_job`` over ``jobs``, in order; on several CPUs in worker processes.

    Only on Linux, where forked workers start in milliseconds; anywhere
    else, or for a few files, or if a pool cannot be started, in-process.
    """
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < 32 or workers < 2 or not sys.platform.startswith("linux"):
        yield from map(_format_job, jobs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    except (OSError, ValueError):
        yield from map(_format_job, jobs)
        return
    with pool:
        yield from pool.map(_format_job, jobs, chunksize=8)


@command(
    "fmt",
    arguments=[
        (
            "[PATHS]...",
            "Files or directories (default: the current directory); '-' reads standard "
            "input and writes the result to standard output.",
        )
    ],
)
@click.argument("paths", nargs=-1)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 3 when any file is not formatted, listing it.",
)
@click.option("--diff", is_flag=True, help="Also print a unified diff of each change.")
@click.option(
    "--recursive",
    "-r",
    is_flag=True,
    help="Also format files in subdirectories of the directories.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Format every file even if its exact content was found formatted before "
    "(the cache lives in $TFFIX_CACHE_DIR or ~/.cache/tffix).",
)
def fmt_command(
    paths: tuple[str, ...], check: bool, diff: bool, recursive: bool, no_cache: bool
) -> None:
    """Rewrite Terraform files in the canonical style, byte for byte like `terraform fmt`.

    Formats .tf, .tofu, .tfvars, .tftest.hcl and .tfmock.hcl files: the given
    files, and the files in the given directories (and their subdirectories
    with --recursive; hidden files and directories are skipped). The name of
    each file that changes (or would change, with --check) is printed, as a
    path relative to the current directory. Files are replaced atomically
    and keep their permissions.

    A file with a syntax error is reported as path:line:col: message on
    stderr and left untouched.

    Exit status: 0 when done (or, with --check, when everything is
    formatted); 3 with --check when some file needs formatting; 2 when any
    file has a syntax error or a path cannot be used (Terraform's codes).

    Examples:

        tffix fmt                      # the .tf files of the current directory

        tffix fmt --recursive infra/

        tffix fmt --check --diff -r .  # CI: show what is wrong, change nothing

        cat main.tf | tffix fmt -
    """
    from tffix.cst.format import format_text
    from tffix.cst.write import unified_diff, write_atomic
    from tffix.syntax.parser import decode, encode

    if paths and paths[0] == "-":
        data = sys.stdin.buffer.read()
        text = decode(data)
        try:
            result = format_text(text, path="<stdin>")
        except ParseError as exc:
            click.echo(str(exc), err=True)
            raise click.exceptions.Exit(2) from None
        if diff:
            _write_out(unified_diff(text, result, "<stdin>"))
        elif not check:
            # Terraform prints through its UI, which ends the output with a newline.
            _write_out(encode(result if result.endswith("\n") else result + "\n"))
        raise click.exceptions.Exit(3 if check and encode(result) != data else 0)

    failed = False
    jobs: list[tuple[str, str]] = []  # (path, path as shown)
    for given in paths or ["."]:
        if os.path.isdir(given):
            problems: list[str] = []
            jobs.extend((path, display_path(path)) for path in _fmt_dir(given, recursive, problems))
            for problem in problems:
                click.echo(problem, err=True)
                failed = True
        elif not os.path.exists(given):
            # Terraform stops at the first missing path (what came before is done).
            click.echo(f"{display_path(given)}: no file or directory", err=True)
            failed = True
            break
        elif given.endswith(FMT_EXTENSIONS):
            jobs.append((given, display_path(given)))
        else:
            extensions = ", ".join(FMT_EXTENSIONS)
            click.echo(f"{display_path(given)}: only {extensions} files can be formatted", err=True)
            failed = True

    from tffix.engine.cache import FormattedCache
    from tffix.engine.files import read_regular

    # Files whose exact bytes were found formatted before need no parse.
    cache = FormattedCache(enabled=not no_cache)
    todo: list[tuple[str, str]] = []
    for job in jobs:
        if cache.enabled:
            try:
                if cache.known(read_regular(job[0])[0]):
                    continue
            except OSError:
                pass  # reported by the formatting job
        todo.append(job)
    jobs = todo

    changed = 0
    for (path, shown), (data, formatted, error, snapshot) in zip(
        jobs, _format_files(jobs), strict=True
    ):
        if error is not None:
            click.echo(error, err=True)
            failed = True
            continue
        assert data is not None and formatted is not None
        new = encode(formatted)
        if new == data:
            cache.add(data)
            continue
        changed += 1
        _write_out(encode(shown + "\n"))
        if not check:
            try:  # not a read-only file, nor one changed since it was read
                write_atomic(path, new, expected=snapshot)
            except OSError as exc:
                click.echo(
                    f"{shown}: Failed to write: {exc.strerror or exc}; the file was left as it was",
                    err=True,
                )
                failed = True
                continue
            cache.add(new)
        if diff:
            _write_out(unified_diff(decode(data), formatted, shown))
    if failed:
        raise click.exceptions.Exit(2)
    if check and changed:
        raise click.exceptions.Exit(3)
