"""``tffix parse``: a syntax check with ``path:line:col`` errors, or an outline."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from tffix.syntax.errors import ParseError
from tffix.syntax.nodes import Block, Body


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


def parse_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files or directories; directories are searched for .tf and .tofu files."
        ),
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
