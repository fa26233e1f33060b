"""``tffix --show-completion`` and ``--install-completion``: shell completion.

The scripts are click's (bash, zsh, fish): the shell calls ``tffix`` back
with ``_TFFIX_COMPLETE`` set, and click answers with the candidates. The
shell is the one ``$SHELL`` names.
"""

from __future__ import annotations

import os
from pathlib import Path

import click


def _shell() -> str:
    return os.path.basename(os.environ.get("SHELL", "")).lower()


def completion_script(command: click.Command, prog_name: str, shell: str | None = None) -> str:
    """The completion script of ``shell`` (default: the current one) for ``prog_name``."""
    from click.shell_completion import get_completion_class

    shell = shell or _shell()
    cls = get_completion_class(shell)
    if cls is None:
        raise click.UsageError(f"Shell {shell or '(unknown)'} is not supported.")
    complete_var = "_{}_COMPLETE".format(prog_name.replace("-", "_").upper())
    return cls(command, {}, prog_name, complete_var).source()


def install(command: click.Command, prog_name: str) -> int:
    """Install the current shell's completion where that shell loads it from; the exit status."""
    shell = _shell()
    home = Path.home()
    if shell == "bash":
        target = home / ".bash_completions" / f"{prog_name}.sh"
        rc, line = home / ".bashrc", f"source '{target}'"
    elif shell == "zsh":
        target = home / ".zfunc" / f"_{prog_name}"
        rc, line = home / ".zshrc", "fpath+=~/.zfunc; autoload -Uz compinit; compinit"
    elif shell == "fish":
        target = home / ".config" / "fish" / "completions" / f"{prog_name}.fish"
        rc, line = None, ""
    else:
        click.echo(f"Shell {shell or '(unknown)'} is not supported.", err=True)
        return 1
    script = completion_script(command, prog_name, shell)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script + "\n", encoding="utf-8")
    if rc is not None:
        content = rc.read_text(encoding="utf-8") if rc.is_file() else ""
        if line not in content:
            rc.write_text(f"{content.rstrip()}\n{line}\n".lstrip(), encoding="utf-8")
    click.echo(f"{shell} completion installed in {target}")
    click.echo("Completion will take effect once you restart the terminal")
    return 0
