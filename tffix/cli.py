"""The typer application: thin, it parses options and calls into the library."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from tffix import __version__
from tffix.syntax.errors import ParseError
from tffix.syntax.nodes import Block, Body
from tffix.syntax.parser import parse_file

app = typer.Typer(
    name="tffix",
    help=(
        "Auto-remediation and refactoring for Terraform.\n\n"
        "tffix reads .tf files losslessly (every byte, comment and line ending is kept) "
        "and rewrites only what a fix needs."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_SKIP_DIRS = {".terraform", ".git"}


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


def iter_tf_files(paths: list[Path]) -> Iterator[Path]:
    """``.tf`` files under ``paths``, sorted, skipping ``.terraform``, ``.git`` and hidden dirs.

    Symlinked directories are not followed, so a link cycle cannot hang a run.
    """
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    if name.endswith(".tf"):
                        yield Path(root) / name
        else:
            yield path


def _outline(body: Body, depth: int, out: list[str]) -> None:
    for item in body.items:
        pad = "  " * depth
        if isinstance(item, Block):
            labels = " ".join(f'"{label}"' for label in item.labels)
            out.append(f"{pad}{item.line}:{item.column} block {item.type} {labels}".rstrip())
            _outline(item.body, depth + 1, out)
        else:
            kind = type(item.value).__name__
            out.append(f"{pad}{item.line}:{item.column} attribute {item.name} = <{kind}>")


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
    for path in iter_tf_files(paths):
        count += 1
        try:
            module = parse_file(path)
        except ParseError as exc:
            errors += 1
            typer.echo(f"{exc}", err=True)
            continue
        except OSError as exc:
            unreadable += 1
            typer.echo(f"{path}: cannot read: {exc.strerror or exc}", err=True)
            continue
        if outline:
            lines: list[str] = [f"{path}:"]
            _outline(module.body, 1, lines)
            typer.echo("\n".join(lines))
    if not quiet:
        typer.echo(f"{count} files, {errors} with syntax errors", err=True)
    if unreadable:
        raise typer.Exit(2)
    if errors:
        raise typer.Exit(1)


def run() -> None:  # pragma: no cover - convenience for `python -m tffix.cli`
    sys.exit(app())
