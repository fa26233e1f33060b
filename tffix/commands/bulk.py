"""``tffix bulk``: run the fixes over many repositories and publish them as branches and PRs."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from tffix.commands.options import IgnoreOption, SelectOption, UnsafeOption


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


def bulk(
    repo: Annotated[
        list[str] | None,
        typer.Option(
            "--repo",
            help="A repository: a URL to clone or a local checkout to work in (repeatable).",
        ),
    ] = None,
    repos: Annotated[
        list[Path] | None,
        typer.Option("--repos", help="A file with one repository per line; # starts a comment."),
    ] = None,
    workdir: Annotated[
        Path | None,
        typer.Option(
            "--workdir",
            help="Where clones live and are reused by later runs "
            "(default: $TFFIX_CACHE_DIR/bulk or ~/.cache/tffix/bulk).",
        ),
    ] = None,
    branch: Annotated[
        str, typer.Option("--branch", help="The fix branch, started from the default branch.")
    ] = "tffix/fixes",
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    unsafe_fixes: UnsafeOption = False,
    push: Annotated[bool, typer.Option("--push", help="Push the branch (force, with lease).")] = (
        False
    ),
    pr: Annotated[
        PullRequests | None,
        typer.Option(
            "--pr",
            help="Open a pull request for the branch, or update the open one "
            "(implies --push; token from $GITHUB_TOKEN).",
        ),
    ] = None,
    draft: Annotated[bool, typer.Option("--draft", help="Open pull requests as drafts.")] = False,
    github_url: Annotated[
        str | None,
        typer.Option(
            "--github-url",
            help="GitHub API URL, for GitHub Enterprise: https://HOST/api/v3 "
            "(default: $GITHUB_API_URL or https://api.github.com).",
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Repositories processed at once.")
    ] = 1,
    shard: Annotated[
        str | None,
        typer.Option(
            "--shard",
            help="K/N: only the K-th of N stable slices of the list (one per CI machine).",
        ),
    ] = None,
    report: Annotated[
        list[Path] | None,
        typer.Option(
            "--report",
            help="Write per-repository results here: JSON, or Markdown for a .md name "
            "(repeatable). A JSON report is read back on the next run, which skips "
            "repositories whose entry is up to date.",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Plan only: clone and compute each repository's fix, report it, "
            "commit and push nothing (local checkouts are not written either).",
        ),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0,
            help="Seconds a repository may take; past that it is stopped and reported as "
            "failed, and the campaign goes on (0: no limit).",
        ),
    ] = 1800.0,
    module_timeout: Annotated[
        float,
        typer.Option(
            "--module-timeout",
            min=0,
            help="Seconds one module (directory) may take to fix; past that it is an "
            "error of its repository (0: no limit).",
        ),
    ] = 300.0,
    max_file_size: Annotated[
        str,
        typer.Option(
            "--max-file-size",
            help="Files larger than this are not read (an error of their repository); "
            "a repository's own max-file-size may lower it, never raise it.",
        ),
    ] = "20MB",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No per-repository lines.")] = False,
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
        specs = collect(repo or [], repos or [])
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
        typer.echo(f"tffix bulk: {exc}", err=True)
        raise typer.Exit(2) from None
    token = os.environ.get("GITHUB_TOKEN") or None
    if pr is not None and not token and not dry_run:
        typer.echo("tffix bulk: --pr github needs a token in $GITHUB_TOKEN", err=True)
        raise typer.Exit(2)
    options = Options(
        branch=branch,
        select=tuple(select or ()),
        ignore=tuple(ignore or ()),
        unsafe_fixes=unsafe_fixes,
        push=(push or pr is not None) and not dry_run,
        pr=pr.value if pr is not None and not dry_run else None,
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
            typer.echo(_line(done, total, result), err=True)

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
        typer.echo(f"{plural(len(results), 'repository', 'repositories')}: {counts}", err=True)
    raise typer.Exit(1 if failed else 0)
