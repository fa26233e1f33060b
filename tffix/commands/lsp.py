"""``tffix lsp``: the language server (pygls, an optional dependency)."""

from __future__ import annotations

import click

from tffix.commands.options import command


@command("lsp")
def lsp_command() -> None:
    """Run the language server on stdin/stdout (editors start it; see the README)."""
    try:
        from tffix.lsp.server import main
    except ImportError as exc:  # pygls is an optional dependency
        click.echo(f"tffix lsp needs pygls: pip install 'tffix[lsp]' ({exc})", err=True)
        raise click.exceptions.Exit(2) from None
    main()
