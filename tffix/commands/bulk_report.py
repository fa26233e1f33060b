"""``tffix bulk report merge``: combine the shard reports of a bulk campaign into one."""

from __future__ import annotations

from pathlib import Path

import click

from tffix.commands.options import command, command_help


@click.group(
    "bulk-report",
    cls=click.Group,
    no_args_is_help=True,
    hidden=True,
    **command_help(
        "Work with bulk campaign reports (`tffix bulk report merge shard-*.json -o out.html`)."
    ),
)
def report_app() -> None:
    """The group of ``tffix bulk report`` commands."""


@command("merge", arguments=[("SHARDS...", "Shard reports (tffix.bulk/1 JSON).")])
@click.argument("shards", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(path_type=Path),
    help="The merged report: .html, .md or .json.",
)
def merge_command(shards: tuple[Path, ...], output: Path) -> None:
    """Merge shard reports into one page: totals, progress, and every repository."""
    from tffix.bulk.report_html import load_shards, render
    from tffix.bulk.state import ReportError, write

    try:
        entries, options = load_shards(list(shards))
        text = render(entries, options, output)
    except ReportError as exc:
        click.echo(f"tffix: {exc}", err=True)
        raise click.exceptions.Exit(2) from None
    write(output, text)
    click.echo(f"{output}: {len(entries)} repositories from {len(shards)} reports")


report_app.add_command(merge_command)
