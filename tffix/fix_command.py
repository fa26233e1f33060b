"""``tffix [OPTIONS] PATH...``: apply the codemods (``--dry-run`` shows diffs only)."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from tffix.cst.write import split_lines
from tffix.engine.files import DEFAULT_MAX_FILE_SIZE, parse_size
from tffix.engine.session import RunReport, SelectionError, configured_codemods, run

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable


# The selection options, shared with `tffix bulk` so both read the same.
SelectOption = Annotated[
    list[str] | None,
    typer.Option("--select", help="Codes, names or prefixes to run (AWS003, AWS, ALL)."),
]
IgnoreOption = Annotated[
    list[str] | None, typer.Option("--ignore", help="Codes, names or prefixes to skip.")
]
UnsafeOption = Annotated[
    bool,
    typer.Option(
        "--unsafe-fixes",
        help="Also run codemods marked unsafe (they may rename or replace real infrastructure).",
    ),
]


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    pr_markdown = "pr-markdown"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _colour_diff(diff: str, enabled: bool) -> str:
    if not enabled:
        return diff
    out = []
    for line in split_lines(diff):
        if line.startswith(("+++", "---")):
            out.append(typer.style(line, bold=True))
        elif line.startswith("+"):
            out.append(typer.style(line, fg="green"))
        elif line.startswith("-"):
            out.append(typer.style(line, fg="red"))
        elif line.startswith("@@"):
            out.append(typer.style(line, fg="cyan"))
        else:
            out.append(line)
    return "".join(out)


def _display(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def _text_report(report: RunReport, quiet: bool) -> str:
    lines = []
    for finding in report.findings:
        lines.append(
            f"{_display(finding.path)}:{finding.line}:{finding.column} {finding.code} "
            f"{finding.message} [{finding.status.value}]"
        )
    if not quiet:
        unwritten = len(report.unwritten)
        changed = len(report.changed) - unwritten
        verb = "would change" if report.dry_run else "changed"
        not_written = f"; {unwritten} not written (see the errors)" if unwritten else ""
        lines.append(
            f"{len(report.findings)} findings; {changed} file{'s' * (changed != 1)} {verb}"
            f"{not_written}; {len(report.errors)} errors"
        )
    return "\n".join(lines) + ("\n" if lines else "")


def _common_root(paths: list[Path]) -> str:
    """The directory the paths share: report paths are shown relative to it."""
    dirs = [os.path.abspath(p if p.is_dir() else p.parent) for p in paths]
    try:
        return os.path.commonpath(dirs)
    except ValueError:  # different drives on Windows
        return os.getcwd()


def _progress_bar() -> Callable[[int, int], None]:
    """A progress line on the terminal, for runs over many modules."""
    state = {"last": -1}

    def show(done: int, total: int) -> None:
        if total < 20:
            return
        percent = done * 100 // total
        if percent != state["last"]:
            state["last"] = percent
            bar = "#" * (percent // 4)
            end = "\n" if done == total else ""
            sys.stderr.write(f"\r[{bar:<25}] {done}/{total} modules{end}")
            sys.stderr.flush()

    return show


def fix(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or directories (searched recursively for .tf files)."),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print unified diffs; write nothing.")
    ] = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    unsafe_fixes: UnsafeOption = False,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="Report format.")
    ] = OutputFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")
    ] = None,
    color: Annotated[Color, typer.Option("--color", help="Colour the diffs.")] = Color.auto,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Do not skip modules that an earlier run with the same options left unchanged "
            "(the cache lives in $TFFIX_CACHE_DIR or ~/.cache/tffix).",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also list each module and file processed.")
    ] = False,
    max_file_size: Annotated[
        str | None,
        typer.Option(
            "--max-file-size",
            help="Skip (and report) files larger than this: 20MB, 512KB or bytes "
            "(default: the configuration's max-file-size, else 20MB).",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Configuration file (.tffix.toml, or a pyproject.toml with [tool.tffix]); "
            "default: the nearest one above the first PATH.",
        ),
    ] = None,
) -> None:
    """Apply tffix's codemods to Terraform code (`tffix PATH...` is short for this).

    Each directory is one module; codemods see all of its files. A FILE given
    alone (as pre-commit passes staged files) is fixed with the rest of its
    module read for context, and only the given files change: a fix that
    would also change another file is not applied and says so. Changed files
    are re-parsed before they are written, and written atomically.

    Exit status: 0 nothing left to do; 1 changes pending (--dry-run) or
    findings that need a person; 2 usage, parse or I/O errors.

    Examples:

        tffix --dry-run infra/            review what would change

        tffix infra/                      apply the safe fixes

        tffix --select AWS003 --format json infra/
    """
    from tffix.engine import config as configuration

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        typer.echo(f"tffix: no such file or directory: {', '.join(missing)}", err=True)
        raise typer.Exit(2)
    try:
        if config is not None:
            settings = configuration.load_file(config) or configuration.Config(source=str(config))
        else:
            settings = configuration.discover(paths[0])
        codemods = configured_codemods(settings, select or (), ignore or (), unsafe=unsafe_fixes)
        size_limit = settings.max_file_size or DEFAULT_MAX_FILE_SIZE
        if max_file_size is not None:
            try:
                size_limit = parse_size(max_file_size)
            except ValueError as exc:
                raise configuration.ConfigError(f"--max-file-size: {exc}") from None
    except (SelectionError, configuration.ConfigError) as exc:
        typer.echo(f"tffix: {exc}", err=True)
        raise typer.Exit(2) from None
    if verbose:
        source = settings.source or "none found, defaults"
        typer.echo(f"configuration: {source}", err=True)
        typer.echo(f"codemods: {', '.join(c.code for c in codemods) or 'none'}", err=True)
    from tffix.engine.cache import Cache

    report = run(
        [str(p) for p in paths],
        codemods,
        dry_run=dry_run,
        jobs=jobs,
        exclude=settings.exclude,
        options=settings.options,
        cache=Cache(enabled=not no_cache),
        max_file_size=size_limit,
        progress=_progress_bar() if sys.stderr.isatty() and not quiet else None,
    )
    if verbose:
        for module in report.modules:
            typer.echo(f"module {_display(module.directory)}", err=True)
            for note in module.notes:  # decisions to leave code alone, and why
                typer.echo(
                    f"  {_display(note.path)}:{note.line}:{note.column} {note.code} "
                    f"{note.message} [fine]",
                    err=True,
                )
    use_colour = color is Color.always or (color is Color.auto and sys.stdout.isatty())
    if dry_run and output_format is OutputFormat.text:
        for module in report.modules:
            for file in module.changed_files:
                typer.echo(_colour_diff(file.diff(_display(file.path)), use_colour), nl=False)
    for error in report.errors:
        typer.echo(error, err=True)
    from tffix.report import github_annotations, pr_markdown, sarif_text
    from tffix.report.summary import reproduce_command

    if output_format is OutputFormat.json:
        text = report.json_text()
    elif output_format is OutputFormat.sarif:
        text = sarif_text(report, codemods)
    elif output_format is OutputFormat.github:
        text = github_annotations(report)
    elif output_format is OutputFormat.pr_markdown:
        command = reproduce_command(
            paths,
            dry_run=dry_run,
            select=select or (),
            ignore=ignore or (),
            unsafe_fixes=unsafe_fixes,
            config=config,
        )
        text = pr_markdown(report, codemods, command=command, root=_common_root(paths))
    else:
        text = _text_report(report, quiet)
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=False)
    raise typer.Exit(report.exit_code())
