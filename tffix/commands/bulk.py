"""``tffix bulk``: run the fixes over many repositories and publish them as branches and PRs."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

import click

from tffix.commands.options import command, ignore_option, select_option, unsafe_option


class PullRequests(str, Enum):
    github = "github"


def _line(done: int, total: int, result: object) -> str:
    from tffix.bulk.campaign import FAILED, RepoResult

    assert isinstance(result, RepoResult)
    detail = ""
    if result.status == FAILED:
        detail = ": " + "; ".join(result.errors[:3])
    elif result.files:
        detail = f" ({len(result.files)} file{'s' * (len(result.files) != 1)}"
        if result.pull_request:
            pr = result.pull_request
            detail += f", PR #{pr['number']} {pr['action']}"
        detail += ")"
    skipped = " [previous report up to date]" if result.skipped else ""
    return f"[{done}/{total}] {result.repo}: {result.status}{skipped}{detail}"


@command("bulk")
@click.option(
    "--repo",
    multiple=True,
    help="A repository: a URL to clone or a local checkout to work in (repeatable).",
)
@click.option(
    "--repos",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A file with one repository per line; # starts a comment.",
)
@click.option(
    "--workdir",
    type=click.Path(path_type=Path),
    help="Where clones live and are reused by later runs "
    "(default: $TFFIX_CACHE_DIR/bulk or ~/.cache/tffix/bulk).",
)
@click.option(
    "--branch",
    default="tffix/fixes",
    show_default=True,
    help="The fix branch, started from the default branch.",
)
@select_option
@ignore_option
@unsafe_option
@click.option("--push", is_flag=True, help="Push the branch (force, with lease).")
@click.option(
    "--pr",
    type=click.Choice([p.value for p in PullRequests]),
    help="Open a pull request for the branch, or update the open one "
    "(implies --push; token from $GITHUB_TOKEN).",
)
@click.option("--draft", is_flag=True, help="Open pull requests as drafts.")
@click.option(
    "--github-url",
    help="GitHub API URL, for GitHub Enterprise: https://HOST/api/v3 "
    "(default: $GITHUB_API_URL or https://api.github.com).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Repositories processed at once.",
)
@click.option(
    "--shard",
    help="K/N: only the K-th of N stable slices of the list (one per CI machine).",
)
@click.option(
    "--report",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Write per-repository results here: JSON, or Markdown for a .md name "
    "(repeatable). A JSON report is read back on the next run, which skips "
    "repositories whose entry is up to date.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Plan only: clone and compute each repository's fix, report it, "
    "commit and push nothing (local checkouts are not written either).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=1800.0,
    show_default=True,
    help="Seconds a repository may take; past that it is stopped and reported as "
    "failed, and the campaign goes on (0: no limit).",
)
@click.option(
    "--module-timeout",
    type=click.FloatRange(min=0),
    default=300.0,
    show_default=True,
    help="Seconds one module (directory) may take to fix; past that it is an "
    "error of its repository (0: no limit).",
)
@click.option(
    "--max-file-size",
    default="20MB",
    show_default=True,
    help="Files larger than this are not read (an error of their repository); "
    "a repository's own max-file-size may lower it, never raise it.",
)
@click.option("--quiet", "-q", is_flag=True, help="No per-repository lines.")
def bulk(
    repo: tuple[str, ...],
    repos: tuple[Path, ...],
    workdir: Path | None,
    branch: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    unsafe_fixes: bool,
    push: bool,
    pr: str | None,
    draft: bool,
    github_url: str | None,
    jobs: int,
    shard: str | None,
    report: tuple[Path, ...],
    dry_run: bool,
    timeout: float,
    module_timeout: float,
    max_file_size: str,
    quiet: bool,
) -> None:
    """Apply tffix to many repositories: a branch, a commit and a pull request each.

    For each repository: clone it shallowly (or reuse the clone, or work in a
    local checkout), run tffix with the selection options (the repository's
    own .tffix.toml is honoured), commit what changed on --branch with a
    message listing the fixes, and with --push/--pr publish it. Nothing to fix:
    no branch, no commit. A repository that fails is reported and the others
    go on. Re-running an unchanged campaign commits, pushes and writes nothing.

    Repositories are untrusted: their hooks, filters and plugins never run,
    and tffix writes only inside each clone.

    Exit status: 0 every repository done; 1 at least one failed; 2 usage errors.

    Examples:

        tffix bulk --repos repos.txt --select AWS003 --report campaign.json

        tffix bulk --repos repos.txt --pr github --draft --jobs 4 --shard 1/8
    """
    from tffix.bulk import state
    from tffix.bulk.campaign import FAILED, Context, Options, identity, run_campaign
    from tffix.bulk.repos import (
        RepoListError,
        collect,
        default_workdir,
        parse_shard,
        select_shard,
    )
    from tffix.engine.files import parse_size
    from tffix.engine.session import SelectionError, select_codemods
    from tffix.report.summary import plural

    try:
        specs = collect(list(repo), list(repos))
        if not specs:
            raise RepoListError("no repositories: give --repo or --repos")
        part = parse_shard(shard) if shard else None
        select_codemods(select or (), ignore or (), unsafe=True)  # check the codes now
        previous: dict = {}
        for path in report or []:
            previous.update(state.load(path))
        try:
            size_limit = parse_size(max_file_size)
        except ValueError as exc:
            raise RepoListError(f"--max-file-size: {exc}") from None
    except (RepoListError, SelectionError, state.ReportError) as exc:
        click.echo(f"tffix bulk: {exc}", err=True)
        raise click.exceptions.Exit(2) from None
    token = os.environ.get("GITHUB_TOKEN") or None
    if pr is not None and not token and not dry_run:
        click.echo("tffix bulk: --pr github needs a token in $GITHUB_TOKEN", err=True)
        raise click.exceptions.Exit(2)
    options = Options(
        branch=branch,
        select=tuple(select or ()),
        ignore=tuple(ignore or ()),
        unsafe_fixes=unsafe_fixes,
        push=(push or pr is not None) and not dry_run,
        pr=pr if pr is not None and not dry_run else None,
        draft=draft,
        github_url=github_url,
        dry_run=dry_run,
    )
    ctx = Context(
        options,
        (workdir or default_workdir()).resolve(),
        token=token,
        identity=identity(),
        timeout=timeout or None,
        module_timeout=module_timeout or None,
        max_file_size=size_limit,
    )
    chosen = select_shard(specs, part)

    def progress(done: int, total: int, result: object) -> None:
        if not quiet:
            click.echo(_line(done, total, result), err=True)

    results = run_campaign(chosen, ctx, jobs=jobs, previous=previous, progress=progress)
    entries = state.merge(previous, results, keep={s.display for s in specs})
    for path in report or []:
        if path.suffix == ".md":
            text = state.markdown_text(entries)
        else:
            recorded = {**options.recorded(), "fingerprint": options.fingerprint()}
            text = state.json_text(entries, recorded)
        state.write(path, text)
    failed = [r for r in results if r.status == FAILED]
    if not quiet:
        counts = ", ".join(f"{n} {s}" for s, n in state.counts(results).items())
        click.echo(f"{plural(len(results), 'repository', 'repositories')}: {counts}", err=True)
    raise click.exceptions.Exit(1 if failed else 0)
