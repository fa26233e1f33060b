"""Command-line options shared by several commands, so that they read the same,
and the command class that lays their help out."""

from __future__ import annotations

import textwrap
from typing import Any, TypeVar

import click

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

F = TypeVar("F", bound="Callable[..., Any]")

select_option = click.option(
    "--select",
    multiple=True,
    help="Codes, names or prefixes to run (AWS003, AWS, ALL), instead of the default set.",
)
extend_select_option = click.option(
    "--extend-select",
    multiple=True,
    help="Codes, names or prefixes to run as well (TF001, formatting, is opt-in).",
)
ignore_option = click.option("--ignore", multiple=True, help="Codes, names or prefixes to skip.")
unsafe_option = click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="Also apply the fixes marked unsafe (they may rename or replace real "
    "infrastructure). Without it, selected unsafe codemods report fixable findings only.",
)


class Command(click.Command):
    """A command whose help also describes its arguments (click lists options only)."""

    def __init__(
        self, *args: Any, arguments: Sequence[tuple[str, str]] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.arguments = list(arguments)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(self.arguments)
        super().format_options(ctx, formatter)


def command(
    name: str, *, arguments: Sequence[tuple[str, str]] = ()
) -> Callable[[F], click.Command]:
    """``click.command(name)``, with the help laid out from the function's docstring.

    ``arguments``: (metavar, help) of each argument, for the help.
    """

    def make(function: F) -> click.Command:
        return click.command(
            name, cls=Command, arguments=arguments, **command_help(function.__doc__)
        )(function)

    return make


def command_help(doc: str | None) -> dict[str, str]:
    """``help`` and ``short_help`` for a command from its docstring, laid out as written.

    Click re-wraps every paragraph of a help text (and breaks words at
    hyphens); a docstring is laid out already, and its examples must keep
    their lines, which click does for a paragraph that starts with a ``\\b``
    line. The short help (the command list of
    ``tffix --help``) is the whole first paragraph, not click's first 45 characters.
    """
    first, _, rest = (doc or "").strip().partition("\n")
    text = (first + "\n" + textwrap.dedent(rest)).strip()
    paragraphs = text.split("\n\n")
    laid_out = "\n\n".join("\b\n" + paragraph for paragraph in paragraphs)
    return {"help": laid_out, "short_help": paragraphs[0].replace("\n", " ")}
