"""The command line: the ``tffix`` group, which only assembles the commands (``tffix.commands.*``).

Plain click, and each command's module imported only when that command runs
(or when help lists them): a pre-commit hook starts ``tffix`` on every commit,
and what it does not import costs nothing.
"""

from __future__ import annotations

import sys

import click

from tffix.commands.options import command_help

# name -> "module:attribute" of the click command; the main jobs first, so that
# `tffix --help` lists them first.
COMMANDS = {
    "fix": "tffix.commands.fix:fix",
    "bulk": "tffix.commands.bulk:bulk",
    "parse": "tffix.commands.parse:parse_command",
    "fmt": "tffix.commands.fmt:fmt_command",
    "rules": "tffix.commands.rules:rules_command",
    "explain": "tffix.commands.explain:explain_command",
    "lsp": "tffix.commands.lsp:lsp_command",
    # `tffix bulk report ...` (bulk itself is a command, not a group): __main__ routes it here.
    "bulk-report": "tffix.commands.bulk_report:report_app",
}

# Subcommands; any other first argument means `fix` (`tffix --dry-run infra/`).
SUBCOMMANDS = frozenset(COMMANDS)


class LazyGroup(click.Group):
    """A group whose commands are imported when they are asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        from importlib import import_module

        module, _, attribute = target.partition(":")
        found = getattr(import_module(module), attribute)
        assert isinstance(found, click.Command)
        return found


def _version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from tffix.commands.version import version_text

        click.echo(version_text())
        ctx.exit()


def _show_completion(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from tffix.commands.completion import completion_script

        click.echo(completion_script(ctx.command, ctx.info_name or "tffix"))
        ctx.exit()


def _install_completion(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from tffix.commands.completion import install

        ctx.exit(install(ctx.command, ctx.info_name or "tffix"))


@click.group(
    "tffix",
    cls=LazyGroup,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    **command_help(
        """Auto-remediation and refactoring for Terraform.

        tffix reads .tf files losslessly (every byte, comment and line ending is kept)
        and rewrites only what a fix needs.

        Usage: tffix [OPTIONS] PATH... applies the fixes (same as `tffix fix`);
        tffix --dry-run PATH... shows them as diffs. See `tffix fix --help`."""
    ),
)
@click.option(
    "--version",
    "-V",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_version,
    help="Print the version of tffix and of its rule catalog.",
)
@click.option(
    "--install-completion",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_install_completion,
    help="Install completion for the current shell.",
)
@click.option(
    "--show-completion",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_completion,
    help="Show completion for the current shell, to copy it or customize the installation.",
)
def app() -> None:
    """The root of every tffix command."""


def run() -> None:  # pragma: no cover - convenience for `python -m tffix.cli`
    sys.exit(app())
