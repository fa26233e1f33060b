"""``tffix parse``: a syntax check with ``path:line:col`` errors, or an outline."""

from __future__ import annotations

import os
from pathlib import Path

import click

from tffix.commands.options import command
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


@command(
    "parse",
    arguments=[
        ("PATHS...", "Files or directories; directories are searched for .tf and .tofu files.")
    ],
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--outline", is_flag=True, help="Print each file's blocks and attributes with positions."
)
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
def parse_command(paths: tuple[Path, ...], outline: bool, quiet: bool) -> None:
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
        click.echo(f"{missing}: cannot read: no such file or directory", err=True)
    problems: list[str] = []
    for path in discover(paths, problems=problems):
        count += 1
        try:
            data, _info = read_regular(path)  # never a FIFO or a device; not past the limit
            module = parse(decode(data), path=str(path))
        except ParseError as exc:
            errors += 1
            click.echo(f"{exc}", err=True)
            continue
        except OSError as exc:
            unreadable += 1
            click.echo(read_problem(path, exc), err=True)
            continue
        if outline:
            lines: list[str] = [f"{path}:"]
            _outline(module.body, 1, lines)
            click.echo("\n".join(lines))
    for problem in problems:  # directories that could not be read
        unreadable += 1
        click.echo(problem, err=True)
    if not quiet:
        click.echo(f"{count} files, {errors} with syntax errors", err=True)
    if unreadable:
        raise click.exceptions.Exit(2)
    if errors:
        raise click.exceptions.Exit(1)
