"""``tffix bulk report merge``: combine the shard reports of a bulk campaign into one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

report_app = typer.Typer(
    name="bulk-report",
    help="Work with bulk campaign reports (`tffix bulk report merge shard-*.json -o out.html`).",
    no_args_is_help=True,
)


@report_app.command("merge")
def merge_command(
    shards: Annotated[list[Path], typer.Argument(help="Shard reports (tffix.bulk/1 JSON).")],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The merged report: .html, .md or .json."),
    ],
) -> None:
    """Merge shard reports into one page: totals, progress, and every repository."""
    from tffix.bulk.report_html import load_shards, render
    from tffix.bulk.state import ReportError, write

    try:
        entries, options = load_shards(shards)
        text = render(entries, options, output)
    except ReportError as exc:
        typer.echo(f"tffix: {exc}", err=True)
        raise typer.Exit(2) from None
    write(output, text)
    typer.echo(f"{output}: {len(entries)} repositories from {len(shards)} reports")
