"""Entry point of the ``tffix`` command.

``tffix --version`` answers before the command line is built, and the
command line imports only the command that runs: a pre-commit hook may start
tffix on every commit, so start-up time is a feature (``bench/startup.py``).
"""

from __future__ import annotations

import sys

# Options of `tffix` itself; anything else before a subcommand belongs to `tffix fix`.
ROOT_OPTIONS = frozenset(
    ("--help", "-h", "-V", "--version", "--install-completion", "--show-completion")
)


def main(argv: list[str] | None = None) -> int:
    from tffix.engine import timeline

    timeline.mark("main")
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from tffix.commands.version import version_text

        print(version_text())
        return 0
    import gc

    # A run builds trees of many small objects that live as long as their module
    # is worked on: with the default threshold (700) the collector ran over 400
    # times on the shared corpus, a tenth of a cold run's CPU, and found next to
    # nothing (trees hold no cycles; they go with their last reference).
    gc.set_threshold(50_000, 20, 10)
    from tffix.cli import SUBCOMMANDS, app

    if args[:2] == ["bulk", "report"]:
        args = ["bulk-report", *args[2:]]  # a group under a command: see tffix.cli
    if args and args[0] not in SUBCOMMANDS and args[0] not in ROOT_OPTIONS:
        args = ["fix", *args]  # `tffix [OPTIONS] PATH...` is `tffix fix ...`
    status = 0
    try:
        app.main(args=args, prog_name="tffix", standalone_mode=True)
    except SystemExit as exc:
        status = int(exc.code or 0) if not isinstance(exc.code, str) else 1
    finally:
        timeline.mark("exit")
        if argv is None:
            # The process ends next (console script, python -m tffix): what is still
            # alive (the last module's trees, kept by caches) is left to the
            # interpreter's exit, whose full collections walked every object of it
            # first -- 3.7 s of CPU after a 2,000-file module's 5 s of work.
            gc.freeze()
    if argv is None and args[:1] == ["fix"]:
        _end(status)
    return status


def _end(status: int) -> None:
    """End the process now, once what it printed is out: the interpreter's own exit
    frees every object and module one by one first (7-9 ms of a 90 ms pre-commit
    run, 20 ms after the shared corpus), which nothing of a finished ``fix`` needs
    (its files and cache entries are written and closed, its workers ended)."""
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        return  # a closed pipe: the interpreter's exit reports it as usual
    os._exit(status)


if __name__ == "__main__":
    raise SystemExit(main())
