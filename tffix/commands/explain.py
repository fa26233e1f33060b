"""``tffix explain CODE``: what a codemod fixes, why, how safely, and its options."""

from __future__ import annotations

from typing import Annotated

import typer


def explain_command(
    code: Annotated[str, typer.Argument(help="A codemod code (AWS003) or name.")],
) -> None:
    """Print a codemod's documentation: what, why, example, safety, options."""
    from tffix.engine.codemod import show_value
    from tffix.engine.registry import get

    try:
        c = get(code)
    except KeyError:
        typer.echo(f"tffix: no codemod {code!r}; see `tffix rules`", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{c.code} {c.name}: {c.summary}")
    typer.echo(f"Fix safety: {c.safety.value}")
    if not c.default_selected:
        typer.echo(f"Opt-in: runs only when selected (--extend-select {c.code})")
    if c.checks:
        typer.echo(f"Satisfies: {', '.join(c.checks)}")
    typer.echo("")
    typer.echo(c.explanation.rstrip())
    if c.documentation:
        typer.echo("\nDocumentation:")
        for url in c.documentation:
            typer.echo(f"  {url}")
    if c.options:
        typer.echo(f"\nOptions ([options.{c.code}] in .tffix.toml):")
        for o in c.options:
            default = "unset" if o.default is None else show_value(o.default)
            typer.echo(f"  {o.name} = {o.describe()} (default {default})")
            typer.echo(f"      {o.help}")
