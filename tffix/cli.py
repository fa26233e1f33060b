"""The typer application: it only assembles the commands (``tffix.commands.*``)."""

from __future__ import annotations

import sys

import typer

from tffix.commands.bulk import bulk
from tffix.commands.bulk_report import report_app
from tffix.commands.explain import explain_command
from tffix.commands.fix import fix
from tffix.commands.fmt import fmt_command
from tffix.commands.lsp import lsp_command
from tffix.commands.parse import parse_command
from tffix.commands.rules import rules_command

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
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from tffix.commands.version import version_text

        typer.echo(version_text())
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_version,
        is_eager=True,
        help="Print the version of tffix and of its rule catalog.",
    ),
) -> None:
    """Auto-remediation and refactoring for Terraform."""


# The main jobs first, so that `tffix --help` lists them first.
app.command("fix")(fix)
app.command("bulk")(bulk)
app.command("parse")(parse_command)
app.command("fmt")(fmt_command)
app.command("rules")(rules_command)
app.command("explain")(explain_command)
app.command("lsp")(lsp_command)
# `tffix bulk report ...` (bulk itself is a command, not a group): __main__ routes it here.
app.add_typer(report_app, name="bulk-report", hidden=True)

# Subcommands; any other first argument means `fix` (`tffix --dry-run infra/`).
SUBCOMMANDS = frozenset(
    [c.name for c in app.registered_commands if c.name]
    + [g.name for g in app.registered_groups if g.name]
)


def run() -> None:  # pragma: no cover - convenience for `python -m tffix.cli`
    sys.exit(app())
