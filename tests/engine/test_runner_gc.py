"""The runner keeps a module's parsed trees out of the garbage collector's walks.

The trees of a big module are most of the objects of the process, live until
the module is done and hold no reference cycles: each collection walking them
all again was a third of the run of a 2,000-file module. They are frozen
(``gc.freeze``) as they are parsed and thawed when the module is done, and
objects the caller froze stay frozen.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from tffix.engine.codemod import Codemod, ModuleContext
from tffix.engine.runner import run_module

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tffix.engine.codemod import Finding


class _Watch(Codemod):
    """Notes how many objects are frozen while it runs."""

    code = "T900"
    name = "watch"
    summary = "test codemod"
    seen: ClassVar[list[int]] = []

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        _Watch.seen.append(gc.get_freeze_count())
        return iter(())


def _module(directory: Path) -> list[str]:
    paths = []
    for index in range(3):
        path = directory / f"f{index}.tf"
        path.write_text(f'resource "aws_sqs_queue" "q{index}" {{\n  name = "q{index}"\n}}\n')
        paths.append(str(path))
    return paths


def test_trees_are_frozen_during_the_module_and_thawed_after(tmp_path: Path) -> None:
    gc.unfreeze()
    _Watch.seen.clear()
    result = run_module(str(tmp_path), _module(tmp_path), [_Watch()])
    assert not result.errors
    assert _Watch.seen and _Watch.seen[0] > 0  # the trees, at least
    assert gc.get_freeze_count() == 0


def test_objects_the_caller_froze_stay_frozen(tmp_path: Path) -> None:
    gc.unfreeze()
    kept = [object() for _ in range(10)]
    gc.freeze()
    frozen = gc.get_freeze_count()
    try:
        _Watch.seen.clear()
        run_module(str(tmp_path), _module(tmp_path), [_Watch()])
        # Left alone: nothing more frozen, nothing thawed (some frozen objects may
        # have been freed meanwhile).
        assert len(_Watch.seen) == 1 and 0 < _Watch.seen[0] <= frozen
        assert 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()
    del kept
