"""``tffix lsp``: the language server (pygls, an optional dependency)."""

from __future__ import annotations

import typer


def lsp_command() -> None:
    """Run the language server on stdin/stdout (editors start it; see the README)."""
    try:
        from tffix.lsp.server import main
    except ImportError as exc:  # pygls is an optional dependency
        typer.echo(f"tffix lsp needs pygls: pip install 'tffix[lsp]' ({exc})", err=True)
        raise typer.Exit(2) from None
    main()
