"""``tffix [OPTIONS] PATH...``: apply the codemods (``--dry-run`` shows diffs only).

Every user error (a missing path, a path without Terraform files, an output
file that cannot be written, a configuration or option that cannot be
used) is found before any work, said in one line, and exits 2.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from functools import partial
from pathlib import Path

import click

from tffix.commands.options import (
    command,
    extend_select_option,
    ignore_option,
    select_option,
    unsafe_option,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from tffix.engine.codemod import Codemod
    from tffix.engine.session import RunReport


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


class UserError(Exception):
    """A problem with what the user asked for: one line, exit status 2."""


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


def check_output(output: Path) -> None:
    """Raise ``UserError`` when the report cannot be written to ``output``.

    Checked before any work: a run that fixes files and then loses its
    report would leave the user with changes and no account of them.
    """
    if output.is_dir():
        raise UserError(f"{output}: cannot write the report: is a directory")
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        raise UserError(f"{output}: cannot write the report: no directory {parent}")
    if output.exists() and not os.access(output, os.W_OK):
        raise UserError(f"{output}: cannot write the report: permission denied")
    if not output.exists() and not os.access(parent, os.W_OK | os.X_OK):
        raise UserError(f"{output}: cannot write the report: permission denied in {parent}")


def check_paths(paths: list[Path]) -> None:
    """Raise ``UserError`` for a path that does not exist or holds no Terraform file."""
    from tffix.engine.files import discover

    missing = [str(p) for p in paths if not os.path.lexists(p)]
    if missing:
        raise UserError(f"no such file or directory: {', '.join(missing)}")
    for path in paths:
        if path.is_dir() and next(iter(discover([path], json=True)), None) is None:
            raise UserError(f"{path}: no Terraform files found")


class Plan:
    """What a run will do: per configuration, its modules and codemods."""

    def __init__(
        self,
        paths: list[Path],
        *,
        config: Path | None,
        select: list[str],
        extend_select: list[str],
        ignore: list[str],
        unsafe: bool,
        exclude: list[str],
        extend_exclude: list[str],
        respect_gitignore: bool | None,
    ) -> None:
        from tffix.engine import scope
        from tffix.engine.session import configured_entries, expand_codes

        self.parts = []
        for part in scope.resolve(
            paths,
            config=config,
            exclude=exclude,
            extend_exclude=extend_exclude,
            respect_gitignore=respect_gitignore,
        ):
            # Catalog entries: a codemod is imported only if a module not in
            # the cache needs it run (or a report needs more than its name).
            choose = partial(
                configured_entries, part.settings, select, ignore, unsafe=unsafe,
                extend_select=extend_select,
            )  # fmt: skip
            codemods = choose()
            hidden = choose(hidden=True)
            # per-file-ignores name codes, names or prefixes, like --ignore.
            part.ignores = {
                path: sorted(expand_codes(patterns, "per-file-ignores"))
                for path, patterns in part.ignores.items()
            }
            self.parts.append((part, codemods, hidden))

    @property
    def codemods(self) -> list[type[Codemod]]:
        """Every codemod some part runs (for reports), in code order (imports them)."""
        seen = {c.code: c for _p, run, hidden in self.parts for c in [*run, *hidden]}
        return [seen[code].load() for code in sorted(seen)]

    def run(
        self,
        *,
        dry_run: bool,
        jobs: int | None,
        no_cache: bool,
        progress: bool,
        max_file_size: int | None = None,
    ) -> RunReport:
        """Run every part; ``max_file_size`` (the command line's) beats the configuration's."""
        from tffix.engine.cache import Cache
        from tffix.engine.files import DEFAULT_MAX_FILE_SIZE
        from tffix.engine.session import RunReport, run

        report = RunReport(dry_run=dry_run)
        for part, codemods, hidden in self.parts:
            limit = max_file_size or part.settings.max_file_size or DEFAULT_MAX_FILE_SIZE
            report.extend(
                run(
                    [],
                    codemods,
                    modules=part.modules,
                    hidden=hidden,
                    dry_run=dry_run,
                    jobs=jobs,
                    options=part.settings.options,
                    cache=Cache(enabled=not no_cache),
                    progress=_progress_bar() if progress else None,
                    max_file_size=limit,
                    file_ignores=part.ignores,
                )
            )
        return report


def _emit(text: str, output: Path | None) -> None:
    """Write to ``output``, or to standard output as is (no stripping of colour codes)."""
    if output is not None:
        output.write_text(text, encoding="utf-8")
        return
    sys.stdout.write(text)
    sys.stdout.flush()


@command(
    "fix",
    arguments=[
        ("PATHS...", "Files or directories (searched recursively for .tf and .tofu files).")
    ],
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print unified diffs; write nothing.")
@click.option("--diff", is_flag=True, help="The same as --dry-run.")
@select_option
@extend_select_option
@ignore_option
@unsafe_option
@click.option(
    "--exclude",
    multiple=True,
    help="Glob patterns of files or directories to skip, instead of the configured "
    "ones (relative to the working directory).",
)
@click.option("--extend-exclude", multiple=True, help="Glob patterns to skip as well.")
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=None,
    help="Skip files git ignores (.gitignore). Default: on, or as configured.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice([f.value for f in OutputFormat]),
    default=OutputFormat.text.value,
    show_default=True,
    help="Report format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="Write the report (with --dry-run's diffs) to this file.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="At most this many worker processes (default: all cores); a small run, where "
    "starting workers costs more than it saves, runs in one process.",
)
@click.option(
    "--color",
    type=click.Choice([c.value for c in Color]),
    default=Color.auto.value,
    show_default=True,
    help="Colour the diffs (auto: on a terminal; NO_COLOR, FORCE_COLOR).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Do not skip modules that an earlier run with the same options left unchanged, "
    "and read and write nothing in the cache ($TFFIX_CACHE_DIR or ~/.cache/tffix).",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when fixes are pending or findings remain (not on errors).",
)
@click.option(
    "--exit-non-zero-on-fix",
    is_flag=True,
    help="Exit 1 when files were changed, even if nothing remains.",
)
@click.option("--statistics", is_flag=True, help="Count findings per code instead of listing them.")
@click.option("--show-fixes", is_flag=True, help="List what was fixed, per file and code.")
@click.option(
    "--watch", "-w", is_flag=True, help="Run again whenever a .tf or configuration file changes."
)
@click.option(
    "--max-file-size",
    help="Skip (and report) files larger than this: 20MB, 512KB or bytes "
    "(default: the configuration's max-file-size, else 20MB).",
)
@click.option(
    "--var-file",
    "var_file",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A variable file (.tfvars or .tfvars.json) whose values Terraform would use, as "
    "terraform plan -var-file: after terraform.tfvars and *.auto.tfvars, the last one "
    "winning; repeatable.",
)
@click.option("--quiet", "-q", is_flag=True, help="No summary line.")
@click.option("--verbose", "-v", is_flag=True, help="Also list each module and file processed.")
@click.option(
    "--config",
    type=click.Path(path_type=Path),
    help="Configuration file (.tffix.toml, or a pyproject.toml with [tool.tffix]) for "
    "every path; default: for each module, the nearest one above it.",
)
def fix(
    paths: tuple[Path, ...],
    dry_run: bool,
    diff: bool,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    unsafe_fixes: bool,
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    respect_gitignore: bool | None,
    output_format: str,
    output: Path | None,
    jobs: int | None,
    color: str,
    no_cache: bool,
    exit_zero: bool,
    exit_non_zero_on_fix: bool,
    statistics: bool,
    show_fixes: bool,
    watch: bool,
    max_file_size: str | None,
    var_file: tuple[Path, ...],
    quiet: bool,
    verbose: bool,
    config: Path | None,
) -> None:
    """Apply tffix's codemods to Terraform code (`tffix PATH...` is short for this).

    Each directory is one module; codemods see all of its files. A FILE given
    alone (as pre-commit passes staged files) is fixed with the rest of its
    module read for context, and only the given files change: a fix that
    would also change another file is not applied and says so. Changed files
    are re-parsed before they are written, and written atomically.

    Exit status: 0 nothing left to do; 1 changes pending (--dry-run), fixes
    not applied (an unsafe fix without --unsafe-fixes) or findings that need a
    person; 2 usage, configuration, parse or I/O errors.

    Examples:

        tffix --dry-run infra/            review what would change

        tffix infra/                      apply the safe fixes

        tffix --select AWS003 --format json infra/
    """
    from tffix.engine import timeline

    timeline.mark("fix command")
    from tffix.engine.codemod import OptionError
    from tffix.engine.config import ConfigError
    from tffix.engine.files import parse_size
    from tffix.engine.session import SelectionError

    if no_cache:  # nothing read from the cache directory, nothing written to it
        from tffix.engine.cache import bypass

        bypass()
    given = list(paths)
    dry_run = dry_run or diff
    size_limit = None

    def make_plan() -> Plan:  # again under --watch: files and configuration come and go
        return Plan(
            given,
            config=config,
            select=list(select),
            extend_select=list(extend_select),
            ignore=list(ignore),
            unsafe=unsafe_fixes,
            exclude=list(exclude),
            extend_exclude=list(extend_exclude),
            respect_gitignore=respect_gitignore,
        )

    try:
        if max_file_size is not None:
            try:
                size_limit = parse_size(max_file_size)
            except ValueError as exc:
                raise UserError(f"--max-file-size: {exc}") from None
        check_paths(given)
        timeline.mark("paths checked")
        for path in var_file:
            if not path.is_file():
                raise UserError(f"--var-file {path}: no such file")
        if output is not None:
            check_output(output)
        plan = make_plan()
    except (UserError, SelectionError, ConfigError, OptionError) as exc:
        click.echo(f"tffix: {exc}", err=True)
        raise click.exceptions.Exit(2) from None

    def once() -> int:
        if not var_file:  # the usual case: nothing to set, nothing to import
            return _once()
        from tffix.analysis.tfvars import given_var_files

        with given_var_files(var_file):
            return _once()

    def _once() -> int:
        return _run_once(
            plan,
            given,
            dry_run=dry_run,
            select=list(select),
            extend_select=list(extend_select),
            ignore=list(ignore),
            unsafe_fixes=unsafe_fixes,
            config=config,
            output_format=OutputFormat(output_format),
            output=output,
            jobs=jobs,
            color=Color(color),
            no_cache=no_cache,
            quiet=quiet,
            verbose=verbose,
            exit_zero=exit_zero,
            exit_non_zero_on_fix=exit_non_zero_on_fix,
            statistics=statistics,
            show_fixes=show_fixes,
            max_file_size=size_limit,
        )

    if watch:
        from tffix.commands.watch import watch_paths

        def again() -> int:
            nonlocal plan
            try:
                plan = make_plan()
            except (SelectionError, ConfigError, OptionError) as exc:
                click.echo(f"tffix: {exc}", err=True)
                return 2
            return once()

        raise click.exceptions.Exit(watch_paths(given, once, again))
    raise click.exceptions.Exit(once())


def _run_once(
    plan: Plan,
    paths: list[Path],
    *,
    dry_run: bool,
    select: list[str],
    extend_select: list[str],
    ignore: list[str],
    unsafe_fixes: bool,
    config: Path | None,
    output_format: OutputFormat,
    output: Path | None,
    jobs: int | None,
    color: Color,
    no_cache: bool,
    quiet: bool,
    verbose: bool,
    exit_zero: bool,
    exit_non_zero_on_fix: bool,
    statistics: bool,
    show_fixes: bool,
    max_file_size: int | None,
) -> int:
    """One run of the plan: fix, report, and the exit status."""
    from tffix.report import text as text_format
    from tffix.report.paths import display_path

    if verbose:
        from tffix.engine.files import survey

        for line in survey(paths).lines():  # what discovery found, and ignored
            click.echo(line, err=True)
        for part, codemods, hidden in plan.parts:
            source = part.settings.source or "none found, defaults"
            click.echo(f"configuration: {source}", err=True)
            click.echo(f"  codemods: {', '.join(c.code for c in codemods) or 'none'}", err=True)
            if hidden:
                click.echo(
                    f"  findings only (unsafe): {', '.join(c.code for c in hidden)}", err=True
                )
    if not plan.parts:
        click.echo("tffix: no Terraform files found (every file is excluded or ignored)", err=True)
        return 0
    from tffix.engine import timeline

    timeline.mark("plan")
    report = plan.run(
        dry_run=dry_run,
        jobs=jobs,
        no_cache=no_cache,
        progress=sys.stderr.isatty() and not quiet,
        max_file_size=max_file_size,
    )
    if verbose:
        for module in report.modules:
            click.echo(f"module {display_path(module.directory)}", err=True)
            for note in module.notes:  # decisions to leave code alone, and why
                click.echo(
                    f"  {display_path(note.path)}:{note.line}:{note.column} {note.code} "
                    f"{note.message} [fine]",
                    err=True,
                )
    for error in report.errors:
        click.echo(error, err=True)
    if output_format is OutputFormat.json:
        from tffix.report.json_report import json_text

        text = json_text(report)
    elif output_format is OutputFormat.sarif:
        from tffix.report.sarif import sarif_text

        text = sarif_text(report, plan.codemods)
    elif output_format is OutputFormat.github:
        from tffix.report.github import github_annotations

        text = github_annotations(report)
    elif output_format is OutputFormat.pr_markdown:
        from tffix.report.pr_markdown import pr_markdown
        from tffix.report.summary import reproduce_command

        command = reproduce_command(
            paths,
            dry_run=dry_run,
            select=select,
            extend_select=extend_select,
            ignore=ignore,
            unsafe_fixes=unsafe_fixes,
            config=config,
        )
        text = pr_markdown(report, plan.codemods, command=command, root=_common_root(paths))
    else:
        colour = text_format.colour_enabled(color.value, None if output else sys.stdout)
        text = text_format.diffs(report, colour=colour) if dry_run and not statistics else ""
        # Only the statistics and the list of fixes name the codemods.
        named = plan.codemods if statistics or show_fixes else []
        text += text_format.text_report(
            report,
            named,
            quiet=quiet,
            with_statistics=statistics,
            with_fixes=show_fixes,
            width=None if output else text_format.terminal_width(sys.stdout),
        )
    timeline.mark("report")
    try:
        _emit(text, output)
    except OSError as exc:
        click.echo(f"tffix: {output}: cannot write the report: {exc.strerror or exc}", err=True)
        return 2
    timeline.mark("printed")
    status = report.exit_code()
    if status == 2:
        return 2
    if exit_zero:
        return 0
    if exit_non_zero_on_fix and (report.written or (dry_run and report.changed)):
        return 1
    return status


def _common_root(paths: list[Path]) -> str:
    """The directory the paths share: report paths are shown relative to it."""
    dirs = [os.path.abspath(p if p.is_dir() else p.parent) for p in paths]
    try:
        return os.path.commonpath(dirs)
    except ValueError:  # different drives on Windows
        return os.getcwd()
