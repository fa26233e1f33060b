"""The typer application: thin, it parses options and calls into the library."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from tffix import __version__
from tffix.bulk_command import bulk
from tffix.fix_command import fix
from tffix.syntax.errors import ParseError
from tffix.syntax.nodes import Block, Body

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tffix.cst.write import Snapshot

    # What formatting one file gives: bytes read, formatted text, error, snapshot.
    _Formatted = tuple[bytes | None, str | None, str | None, Snapshot | None]

app = typer.Typer(
    name="tffix",
    help=(
        "Auto-remediation and refactoring for Terraform.\n\n"
        "tffix reads .tf files losslessly (every byte, comment and line ending is kept) "
        "and rewrites only what a fix needs.\n\n"
        "Usage: tffix [OPTIONS] PATH... applies the fixes (same as `tffix fix`); "
        "tffix --dry-run PATH... shows them as diffs. See `tffix fix --help`."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tffix {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Auto-remediation and refactoring for Terraform."""


# The main jobs first, so that `tffix --help` lists them first.
app.command("fix")(fix)
app.command("bulk")(bulk)


def _outline(body: Body, depth: int, out: list[str]) -> None:
    """One line per item, nested blocks indented; a stack, not recursion, so any depth prints."""
    stack = [(iter(body.items), depth)]
    while stack:
        items, level = stack[-1]
        for item in items:
            pad = "  " * level
            if isinstance(item, Block):
                labels = " ".join(f'"{label}"' for label in item.labels)
                out.append(f"{pad}{item.line}:{item.column} block {item.type} {labels}".rstrip())
                stack.append((iter(item.body.items), level + 1))
                break
            kind = type(item.value).__name__
            out.append(f"{pad}{item.line}:{item.column} attribute {item.name} = <{kind}>")
        else:
            stack.pop()


@app.command("parse")
def parse_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or directories; directories are searched for .tf files."),
    ],
    outline: Annotated[
        bool,
        typer.Option("--outline", help="Print each file's blocks and attributes with positions."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
) -> None:
    """Parse Terraform files and report syntax errors as path:line:col.

    Exit status: 0 when every file parses, 1 when any has a syntax error,
    2 when a path cannot be read.

    Examples:

        tffix parse examples/

        tffix parse --outline main.tf
    """
    errors = 0
    unreadable = 0
    count = 0
    from tffix.engine.files import discover, read_problem, read_regular
    from tffix.syntax.parser import decode, parse

    for missing in (p for p in paths if not os.path.lexists(p)):
        unreadable += 1
        typer.echo(f"{missing}: cannot read: no such file or directory", err=True)
    problems: list[str] = []
    for path in discover(paths, problems=problems):
        count += 1
        try:
            data, _info = read_regular(path)  # never a FIFO or a device; not past the limit
            module = parse(decode(data), path=str(path))
        except ParseError as exc:
            errors += 1
            typer.echo(f"{exc}", err=True)
            continue
        except OSError as exc:
            unreadable += 1
            typer.echo(read_problem(path, exc), err=True)
            continue
        if outline:
            lines: list[str] = [f"{path}:"]
            _outline(module.body, 1, lines)
            typer.echo("\n".join(lines))
    for problem in problems:  # directories that could not be read
        unreadable += 1
        typer.echo(problem, err=True)
    if not quiet:
        typer.echo(f"{count} files, {errors} with syntax errors", err=True)
    if unreadable:
        raise typer.Exit(2)
    if errors:
        raise typer.Exit(1)


# Terraform 1.11's `fmt` extensions; JSON files are never formatted.
FMT_EXTENSIONS = (".tf", ".tfvars", ".tftest.hcl", ".tfmock.hcl")


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
                    typer.echo(
                        f"{_display(entry.path)}: skipped: a symbolic link to {target}, "
                        f"outside {_display(root)}",
                        err=True,
                    )
                    continue
            yield entry.path


def _display(path: str) -> str:
    """A path as Terraform prints it: relative to the working directory when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return os.path.normpath(path)


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


@app.command("fmt")
def fmt_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or directories (default: the current directory); '-' reads standard "
            "input and writes the result to standard output.",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Write nothing; exit 3 when any file is not formatted, listing it."
        ),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Also print a unified diff of each change.")
    ] = False,
    recursive: Annotated[
        bool,
        typer.Option(
            "--recursive", "-r", help="Also format files in subdirectories of the directories."
        ),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Format every file even if its exact content was found formatted before "
            "(the cache lives in $TFFIX_CACHE_DIR or ~/.cache/tffix).",
        ),
    ] = False,
) -> None:
    """Rewrite Terraform files in the canonical style, byte for byte like `terraform fmt`.

    Formats .tf, .tfvars, .tftest.hcl and .tfmock.hcl files: the given
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
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from None
        if diff:
            _write_out(unified_diff(text, result, "<stdin>"))
        elif not check:
            # Terraform prints through its UI, which ends the output with a newline.
            _write_out(encode(result if result.endswith("\n") else result + "\n"))
        raise typer.Exit(3 if check and encode(result) != data else 0)

    failed = False
    jobs: list[tuple[str, str]] = []  # (path, path as shown)
    for given in paths or ["."]:
        if os.path.isdir(given):
            problems: list[str] = []
            jobs.extend((path, _display(path)) for path in _fmt_dir(given, recursive, problems))
            for problem in problems:
                typer.echo(problem, err=True)
                failed = True
        elif not os.path.exists(given):
            # Terraform stops at the first missing path (what came before is done).
            typer.echo(f"{_display(given)}: no file or directory", err=True)
            failed = True
            break
        elif given.endswith(FMT_EXTENSIONS):
            jobs.append((given, _display(given)))
        else:
            extensions = ", ".join(FMT_EXTENSIONS)
            typer.echo(f"{_display(given)}: only {extensions} files can be formatted", err=True)
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
            typer.echo(error, err=True)
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
                typer.echo(
                    f"{shown}: Failed to write: {exc.strerror or exc}; the file was left as it was",
                    err=True,
                )
                failed = True
                continue
            cache.add(new)
        if diff:
            _write_out(unified_diff(decode(data), formatted, shown))
    if failed:
        raise typer.Exit(2)
    if check and changed:
        raise typer.Exit(3)


@app.command("rules")
def rules_command(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """List every codemod: code, name, safety and summary."""
    from tffix.engine.registry import all_codemods

    codemods = all_codemods()
    if as_json:
        import json

        rows = [
            {
                "code": c.code,
                "name": c.name,
                "summary": c.summary,
                "safety": c.safety.value,
                "checks": list(c.checks),
                "options": [
                    {"name": o.name, "default": o.default, "help": o.help} for o in c.options
                ],
            }
            for c in codemods
        ]
        typer.echo(json.dumps(rows, indent=2))
        return
    for c in codemods:
        checks = f" ({', '.join(c.checks)})" if c.checks else ""
        typer.echo(f"{c.code:<7} {c.name:<28} {c.safety.value:<7} {c.summary}{checks}")


@app.command("explain")
def explain_command(
    code: Annotated[str, typer.Argument(help="A codemod code (AWS003) or name.")],
) -> None:
    """Print a codemod's documentation: what, why, example, safety, options."""
    from tffix.engine.registry import get

    try:
        c = get(code)
    except KeyError:
        typer.echo(f"tffix: no codemod {code!r}; see `tffix rules`", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{c.code} {c.name}: {c.summary}")
    typer.echo(f"Fix safety: {c.safety.value}")
    if c.checks:
        typer.echo(f"Satisfies: {', '.join(c.checks)}")
    if c.seed_section:
        typer.echo(f"From the incident report: {c.seed_section}")
    typer.echo("")
    typer.echo(c.explanation.rstrip())
    if c.options:
        typer.echo("\nOptions:")
        for o in c.options:
            typer.echo(f"  {o.name} (default {o.default!r}): {o.help}")


@app.command("lsp")
def lsp_command() -> None:
    """Run the language server on stdin/stdout (editors start it; see the README)."""
    try:
        from tffix.lsp.server import main
    except ImportError as exc:  # pygls is an optional dependency
        typer.echo(f"tffix lsp needs pygls: pip install 'tffix[lsp]' ({exc})", err=True)
        raise typer.Exit(2) from None
    main()


# Subcommands; any other first argument means `fix` (`tffix --dry-run infra/`).
SUBCOMMANDS = frozenset(c.name for c in app.registered_commands if c.name)


def run() -> None:  # pragma: no cover - convenience for `python -m tffix.cli`
    sys.exit(app())
