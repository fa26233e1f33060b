"""``tffix lsp``: tffix's findings, quick fixes, formatting and safe renames in an editor.

Imported only by ``tffix lsp`` (pygls is an optional dependency: ``pip
install 'tffix[lsp]'``), so the command line starts as fast without it.
"""
