"""One repository from clone to pull request, and many of them at once.

Each repository is handled in isolation: whatever goes wrong in one (clone,
parse, push, API) becomes its ``failed`` result and the campaign goes on.
Each runs in a process of its own, in a process group of its own, so that
one that stalls (a file that takes forever, a server that never answers) is
killed with every git command it started when its time is up, reported as
timed out, and the next repository starts; within it, every module has a
time budget and every file a size limit (see ``tffix.engine.runner``).
Every step that would write somewhere else first checks whether it is needed
(the branch already holds exactly this tree on top of this base; the pull
request already has this title and body), so re-running an unchanged
campaign commits, pushes and writes to the API nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import shutil
import signal
import stat
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tffix import __version__
from tffix.bulk.git import (
    Git,
    GitError,
    configured_identity,
    https_auth_config,
    receive_pack_options,
)
from tffix.bulk.repos import RepoSpec, clone_dir
from tffix.engine.files import DEFAULT_MAX_FILE_SIZE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

DEFAULT_IDENTITY = ("tffix", "tffix@users.noreply.github.com")
# A repository that takes longer is stopped; a module that takes longer is an error.
DEFAULT_REPO_TIMEOUT = 1800.0
DEFAULT_MODULE_TIMEOUT = 300.0

# Outcomes: something was committed (and pushed); the branch already held the
# same fix; nothing to fix; the previous report was still up to date; error.
CHANGED, UP_TO_DATE, NO_CHANGES, FAILED = "changed", "up-to-date", "no-changes", "failed"
WOULD_CHANGE = "would-change"  # --dry-run: the fix was computed, nothing committed


@dataclass(frozen=True)
class Options:
    """What a campaign does to every repository (the report keys results by these)."""

    branch: str = "tffix/fixes"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    push: bool = False
    pr: str | None = None  # "github"
    draft: bool = False
    github_url: str | None = None
    dry_run: bool = False

    def recorded(self) -> dict[str, Any]:
        """What decides a repository's result (where the API lives does not)."""
        return {k: v for k, v in asdict(self).items() if k != "github_url"}

    def fingerprint(self) -> str:
        text = json.dumps(self.recorded(), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def command(self) -> str:
        """The tffix command that reproduces a repository's fix, run at its root."""
        from tffix.report.summary import reproduce_command

        return reproduce_command(
            ["."], select=self.select, ignore=self.ignore, unsafe_fixes=self.unsafe_fixes
        )


@dataclass
class RepoResult:
    """One line of the campaign report."""

    repo: str
    status: str
    tffix: str = __version__
    options: str = ""
    base_branch: str | None = None
    base_commit: str | None = None
    branch: str | None = None
    commit: str | None = None
    pushed: bool = False
    pull_request: dict[str, Any] | None = None
    codemods: list[dict[str, Any]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: bool = False  # carried over from the previous report
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RepoResult:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


class RepoFailure(Exception):
    """A repository-level failure with a message meant for the report."""


@dataclass
class Context:
    """What a worker needs besides the repository: picklable, so it crosses processes."""

    options: Options
    workdir: Path
    token: str | None = None
    identity: tuple[str, str] = DEFAULT_IDENTITY
    # Seconds per repository (None: no limit, and run in this process when jobs is 1).
    timeout: float | None = DEFAULT_REPO_TIMEOUT
    module_timeout: float | None = DEFAULT_MODULE_TIMEOUT  # seconds per module
    # Bytes per file; a repository's own max-file-size may lower it, never raise it.
    max_file_size: int = DEFAULT_MAX_FILE_SIZE

    def git(self, url: str | None) -> Git:
        config: dict[str, str] = {}
        secrets: tuple[str, ...] = (self.token,) if self.token else ()
        if self.token and url:
            config = https_auth_config(url, self.token)
            secrets += tuple(v.split()[-1] for v in config.values())
        return Git(extra_config=config, secrets=secrets, identity=self.identity)


def _inside(path: str, root: Path) -> bool:
    real = Path(os.path.realpath(path))
    return real == root or root in real.parents


def _checkout_clone(git: Git, spec: RepoSpec, ctx: Context, default: str) -> tuple[Path, Git]:
    """A clean, detached checkout of the default branch's tip in the work directory,
    and the git runner to use on it (its filter drivers turned off)."""
    target = clone_dir(ctx.workdir, spec)
    if (target / ".git").is_dir():
        git.run("fetch", "--quiet", "--depth", "1", "--no-tags", "origin", default, cwd=target)
        git = git.without_filters(target, "FETCH_HEAD")
        git.run("checkout", "--quiet", "--force", "--detach", "FETCH_HEAD", cwd=target)
        git.run("clean", "-ffdxq", cwd=target)
        return target, git
    if target.exists():
        shutil.rmtree(target)  # a half-made clone of an earlier run; it is ours
    ctx.workdir.mkdir(parents=True, exist_ok=True)
    git.run(
        "clone", "--quiet", "--depth", "1", "--single-branch", "--no-tags", "--no-checkout",
        "--no-recurse-submodules", "--template=", "--branch", default,
        "--", spec.source, str(target),
    )  # fmt: skip
    git = git.without_filters(target, "HEAD")
    git.run("checkout", "--quiet", "--force", "--detach", "HEAD", cwd=target)
    return target, git


def process(spec: RepoSpec, ctx: Context, previous: RepoResult | None = None) -> RepoResult:
    """Fix one repository; never raises (a failure is a ``failed`` result)."""
    started = time.monotonic()
    options = ctx.options
    result = RepoResult(spec.display, FAILED, options=options.fingerprint(), branch=options.branch)
    git = ctx.git(None if spec.local else spec.source)
    try:
        _process(spec, ctx, git, result, previous)
    except (RepoFailure, GitError) as exc:
        result.status = FAILED
        result.errors.append(git.mask(str(exc)))
    except Exception as exc:  # a bug must not stop the campaign either
        result.status = FAILED
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        result.errors.append(git.mask(f"internal error: {detail}"))
    if previous is not None and result.skipped:
        return previous_with(previous, time.monotonic() - started)
    result.seconds = round(time.monotonic() - started, 3)
    return result


def previous_with(previous: RepoResult, seconds: float) -> RepoResult:
    carried = RepoResult.from_json(previous.to_json())
    carried.skipped = True
    carried.seconds = round(seconds, 3)
    return carried


def _up_to_date(previous: RepoResult | None, result: RepoResult, base_commit: str) -> bool:
    return (
        previous is not None
        and previous.status in (CHANGED, UP_TO_DATE, NO_CHANGES, WOULD_CHANGE)
        and previous.tffix == __version__
        and previous.options == result.options
        and previous.base_commit == base_commit
    )


def _process(
    spec: RepoSpec, ctx: Context, git: Git, result: RepoResult, previous: RepoResult | None
) -> None:
    options = ctx.options
    remote_branch: str | None = None
    url: str | None = None
    restore: str | None = None
    if spec.local:
        repo = Path(spec.source).resolve()
        # Before anything that reads the working tree: `status` runs the clean
        # filter of a file whose stat data changed.
        git = git.without_filters(repo, "HEAD")
        if git.run("status", "--porcelain", "--untracked-files=all", cwd=repo).strip():
            raise RepoFailure(f"{repo}: uncommitted changes; commit or stash them first")
        base_commit = git.run("rev-parse", "HEAD", cwd=repo).strip()
        current = git.run("symbolic-ref", "--quiet", "--short", "HEAD", cwd=repo, check=False)
        restore = current.strip() or base_commit
        result.base_branch = current.strip() or None
        if options.push:
            url = git.run("remote", "get-url", "origin", cwd=repo).strip()
            # A checkout that already authenticates (actions/checkout leaves an
            # extraheader behind) keeps its own: two Authorization headers are
            # refused by GitHub.
            own = git.run(
                "config", "--local", "--get-regexp", r"^http\..*\.extraheader$",
                cwd=repo, check=False,
            )  # fmt: skip
            git = ctx.git(None if own.strip() else url).without_filters(repo, "HEAD")
            default, _, remote_branch = git.remote_heads("origin", options.branch)
            # The pull request goes to the remote's default branch; the fix is
            # made on what is checked out, which is what the caller asked for.
            result.base_branch = default or result.base_branch
        result.base_commit = base_commit
        if _up_to_date(previous, result, base_commit):
            result.skipped = True
            return
    else:
        url = spec.source
        default, head, remote_branch = git.remote_heads(url, options.branch)
        if default is None or head is None:
            raise RepoFailure(f"{spec.display}: the remote has no default branch (empty?)")
        result.base_branch, result.base_commit = default, head
        if _up_to_date(previous, result, head):
            result.skipped = True
            return
        repo, git = _checkout_clone(git, spec, ctx, default)
        base_commit = git.run("rev-parse", "HEAD", cwd=repo).strip()
        result.base_commit = base_commit
    try:
        _fix_and_publish(repo, ctx, git, result, url, remote_branch)
    finally:
        if restore is not None:
            git.run("checkout", "--quiet", "--force", restore, cwd=repo, check=False)


def _check_configuration_files(repo: Path) -> None:
    """Refuse a configuration file that is not a regular file of the repository.

    A link could make tffix read any file of this machine (``/proc/self/environ``
    holds the token) and echo it in an error; a FIFO would block the run. The
    repository fails rather than being fixed without the configuration it asked for.
    """
    for name in (".tffix.toml", "pyproject.toml"):
        candidate = repo / name
        try:
            info = os.lstat(candidate)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise RepoFailure(f"{name}: cannot read: {exc.strerror or exc}") from None
        if stat.S_ISLNK(info.st_mode):
            why = "a symbolic link"
        elif not stat.S_ISREG(info.st_mode):
            why = "not a regular file"
        else:
            continue
        raise RepoFailure(
            f"{name}: not read: {why}; a repository's configuration must be a regular "
            "file inside it"
        )


def _run_tffix(repo: Path, ctx: Context) -> tuple[Any, list[Any]]:
    from tffix.engine import config as configuration
    from tffix.engine.session import SelectionError, configured_codemods, run

    options = ctx.options
    _check_configuration_files(repo)
    try:
        settings = configuration.discover(repo, stop=repo)
        codemods = configured_codemods(
            settings, options.select, options.ignore, unsafe=options.unsafe_fixes
        )
    except (SelectionError, configuration.ConfigError) as exc:
        raise RepoFailure(str(exc)) from None
    size_limit = min(settings.max_file_size or ctx.max_file_size, ctx.max_file_size)
    report = run(
        [str(repo)], codemods, jobs=1, exclude=settings.exclude, options=settings.options,
        dry_run=options.dry_run, max_file_size=size_limit, time_limit=ctx.module_timeout,
    )  # fmt: skip
    return report, codemods


def _fix_and_publish(
    repo: Path,
    ctx: Context,
    git: Git,
    result: RepoResult,
    url: str | None,
    remote_branch: str | None,
) -> None:
    from tffix.report.summary import commit_message, summarize

    options = ctx.options
    report, codemods = _run_tffix(repo, ctx)
    root = Path(os.path.realpath(repo))
    escaped = [p for p in report.written if not _inside(p, root)]
    if report.errors or escaped:
        git.run("checkout", "--quiet", "--force", "--", ".", cwd=repo)
        git.run("clean", "-fdq", cwd=repo)
        result.errors.extend(report.errors)
        result.errors.extend(f"{p}: written outside the repository" for p in escaped)
        raise RepoFailure(f"{len(result.errors)} error(s); nothing committed")
    result.codemods = [asdict(s) for s in summarize(report, codemods, root=str(repo))]
    touched = report.changed if options.dry_run else report.written
    result.files = sorted(os.path.relpath(p, repo).replace(os.sep, "/") for p in touched)
    if options.dry_run:  # a plan: what each repository would get, nothing written anywhere
        result.status = WOULD_CHANGE if touched else NO_CHANGES
        result.branch = None
        return
    if not report.written:
        result.status = NO_CHANGES
        result.branch = None
        if remote_branch is not None:
            result.notes.append(
                f"nothing to fix now, but branch {options.branch} from an earlier run is still "
                "on the remote: close its pull request if the fixes landed another way"
            )
        return
    git.run("add", "--", *result.files, cwd=repo)
    tree = git.run("write-tree", cwd=repo).strip()
    # The branch as it stands: on the remote when we publish, else the local one
    # an earlier run made. Same tree on the same base: nothing to commit or push.
    existing = remote_branch
    if existing is not None and url is not None:
        git.run(
            "fetch", "--quiet", "--depth", "1", "--no-tags", url,
            f"+refs/heads/{options.branch}:refs/remotes/tffix/{options.branch}",
            cwd=repo,
        )  # fmt: skip
    elif not options.push:
        found = git.run(
            "rev-parse", "--verify", "--quiet", f"refs/heads/{options.branch}",
            cwd=repo, check=False,
        )  # fmt: skip
        existing = found.strip() or None
    same = False
    if existing is not None:
        existing_tree, parents = git.commit_info(repo, existing)
        same = existing_tree == tree and parents == [result.base_commit]
    if same:
        result.status = UP_TO_DATE
        result.commit = existing
        git.run("reset", "--quiet", "--hard", cwd=repo)
        git.run("clean", "-fdq", cwd=repo)
    else:
        message = commit_message(report, codemods, root=str(repo))
        git.run("checkout", "--quiet", "-B", options.branch, cwd=repo)
        git.run("commit", "--quiet", "--no-verify", "--no-gpg-sign", "-m", message, cwd=repo)
        result.commit = git.run("rev-parse", "HEAD", cwd=repo).strip()
        result.status = CHANGED
        if options.push and url is not None:
            lease = f"--force-with-lease=refs/heads/{options.branch}:{remote_branch or ''}"
            git.run(
                "push", "--quiet", "--no-verify", *receive_pack_options(url), lease, url,
                f"HEAD:refs/heads/{options.branch}", cwd=repo,
            )  # fmt: skip
            result.pushed = True
    if options.pr == "github" and url is not None:
        _pull_request(repo, ctx, result, url, report, codemods)


def _pull_request(
    repo: Path, ctx: Context, result: RepoResult, url: str, report: Any, codemods: list[Any]
) -> None:
    from tffix.bulk.github import GitHub, GitHubError, repo_id_from_url
    from tffix.report.pr_markdown import pr_markdown
    from tffix.report.summary import pr_title

    options = ctx.options
    try:
        github = GitHub(ctx.token, api_url=options.github_url)
        target = repo_id_from_url(url)
        pull, action = github.open_or_update(
            target,
            branch=options.branch,
            base=result.base_branch or "main",
            title=pr_title(report, codemods),
            body=pr_markdown(report, codemods, command=options.command(), root=str(repo)),
            draft=options.draft,
        )
    except (GitHubError, ValueError) as exc:
        raise RepoFailure(f"pull request: {exc}") from None
    result.pull_request = {"number": pull.number, "url": pull.url, "action": action}


def run_campaign(
    specs: Sequence[RepoSpec],
    ctx: Context,
    *,
    jobs: int = 1,
    previous: dict[str, RepoResult] | None = None,
    progress: Callable[[int, int, RepoResult], None] | None = None,
) -> list[RepoResult]:
    """Process ``specs`` (``jobs`` at a time), in list order in the result.

    With a per-repository ``ctx.timeout`` (the default), each repository runs
    in a process of its own that is killed, with everything it started, when
    its time is up. Without one and with one job, in this process.
    """
    earlier = previous or {}
    results: list[RepoResult | None] = [None] * len(specs)
    done = 0

    def finish(i: int, result: RepoResult) -> None:
        nonlocal done
        results[i] = result
        done += 1
        if progress:
            progress(done, len(specs), result)

    if ctx.timeout is None and (jobs <= 1 or len(specs) <= 1):
        for i, spec in enumerate(specs):
            finish(i, process(spec, ctx, earlier.get(spec.display)))
    else:
        _run_isolated(specs, ctx, max(jobs, 1), earlier, finish)
    return [r for r in results if r is not None]


def _child(conn: Any, spec: RepoSpec, ctx: Context, previous: RepoResult | None) -> None:
    """A repository's own process: a new process group, so that a kill reaches the
    git commands it started too."""
    with contextlib.suppress(OSError):
        os.setsid()
    result = process(spec, ctx, previous)
    conn.send(result.to_json())
    conn.close()


def _kill(pid: int) -> None:
    """Kill a repository's process and its process group (its git commands)."""
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)


def _run_isolated(
    specs: Sequence[RepoSpec],
    ctx: Context,
    jobs: int,
    earlier: dict[str, RepoResult],
    finish: Callable[[int, RepoResult], None],
) -> None:
    import multiprocessing
    from multiprocessing.connection import wait

    # Workers must not inherit the parent's threads (a progress display, a
    # test's HTTP server) through fork; a fork server started afresh, with
    # tffix and its codemods imported once, starts each of them in milliseconds
    # (spawn re-imported everything: over a second per repository).
    mp: multiprocessing.context.BaseContext
    if "forkserver" in multiprocessing.get_all_start_methods():
        server = multiprocessing.get_context("forkserver")
        server.set_forkserver_preload(
            ["tffix.bulk.campaign", "tffix.engine.session", "tffix.codemods"]
        )
        mp = server
    else:
        mp = multiprocessing.get_context("spawn")
    waiting = list(range(len(specs)))
    running: dict[int, tuple[Any, Any, float, float]] = {}  # i -> process, pipe, deadline, start

    def failed(i: int, message: str, started: float) -> RepoResult:
        result = RepoResult(
            specs[i].display, FAILED, options=ctx.options.fingerprint(), errors=[message]
        )
        result.seconds = round(time.monotonic() - started, 3)
        return result

    try:
        while waiting or running:
            while waiting and len(running) < jobs:
                i = waiting.pop(0)
                receive, send = mp.Pipe(duplex=False)
                previous = earlier.get(specs[i].display)
                worker = mp.Process(target=_child, args=(send, specs[i], ctx, previous))
                worker.daemon = True
                started = time.monotonic()
                worker.start()
                send.close()
                deadline = started + ctx.timeout if ctx.timeout is not None else math.inf
                running[i] = (worker, receive, deadline, started)
            soonest = min(entry[2] for entry in running.values())
            pause = None if soonest == math.inf else max(0.0, soonest - time.monotonic())
            wait([e[1] for e in running.values()] + [e[0].sentinel for e in running.values()],
                 timeout=pause)  # fmt: skip
            now = time.monotonic()
            for i, (worker, receive, deadline, started) in list(running.items()):
                if receive.poll():
                    try:
                        result = RepoResult.from_json(receive.recv())
                    except (EOFError, OSError):  # it died without a word
                        worker.join(5)
                        result = failed(
                            i, f"worker failed (exit status {worker.exitcode})", started
                        )
                    else:
                        worker.join(5)
                elif not worker.is_alive():
                    result = failed(i, f"worker failed (exit status {worker.exitcode})", started)
                elif now >= deadline:
                    _kill(worker.pid)
                    worker.join(5)
                    message = (
                        f"timed out after {ctx.timeout:g} s (per-repository timeout); "
                        "its work was stopped and nothing more was done"
                    )
                    if specs[i].local:
                        message += "; check the checkout: it may be on another branch"
                    else:
                        # A git killed mid-command leaves lock files that would fail
                        # every later run of this clone: it is ours, start it afresh.
                        with contextlib.suppress(OSError, ValueError):
                            shutil.rmtree(clone_dir(ctx.workdir, specs[i]))
                    result = failed(i, message, started)
                else:
                    continue
                del running[i]
                receive.close()
                finish(i, result)
    finally:
        for worker, receive, _deadline, _started in running.values():  # interrupted
            _kill(worker.pid)
            receive.close()


def identity() -> tuple[str, str]:
    """The user's git identity if configured, else tffix's own."""
    return configured_identity(Git()) or DEFAULT_IDENTITY
