"""``tffix explain CODE``: what a codemod fixes, why, how safely, and its options."""

from __future__ import annotations

import click

from tffix.commands.options import command


@command("explain", arguments=[("CODE", "A codemod code (AWS003) or name.")])
@click.argument("code")
def explain_command(code: str) -> None:
    """Print a codemod's documentation: what, why, example, safety, options."""
    from tffix.engine.codemod import show_value
    from tffix.engine.registry import get

    try:
        c = get(code)
    except KeyError:
        click.echo(f"tffix: no codemod {code!r}; see `tffix rules`", err=True)
        raise click.exceptions.Exit(2) from None
    click.echo(f"{c.code} {c.name}: {c.summary}")
    click.echo(f"Fix safety: {c.safety.value}")
    if not c.default_selected:
        click.echo(f"Opt-in: runs only when selected (--extend-select {c.code})")
    if c.checks:
        click.echo(f"Satisfies: {', '.join(c.checks)}")
    click.echo("")
    click.echo(c.explanation.rstrip())
    if c.documentation:
        click.echo("\nDocumentation:")
        for url in c.documentation:
            click.echo(f"  {url}")
    if c.options:
        click.echo(f"\nOptions ([options.{c.code}] in .tffix.toml):")
        for o in c.options:
            default = "unset" if o.default is None else show_value(o.default)
            click.echo(f"  {o.name} = {o.describe()} (default {default})")
            click.echo(f"      {o.help}")
