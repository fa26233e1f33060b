"""A parse leaves the garbage collector nothing to walk, and others' frozen objects alone.

The parser builds its tree with the collector off; the objects still count
towards the youngest generation, so the first allocation after a big parse
used to start a collection that walked the whole tree (a fifth of the parse
time of a file of small blocks). A big parse moves them to the oldest
generation at once (``parser._promote``), unless someone froze objects
(thawing theirs would undo their choice); ``freeze=True`` freezes them (the
runner, which thaws per module).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator

import pytest

import tffix
from tffix.syntax import parser

BIG = 'resource "x" "y" {\n  a = 1\n}\n\n' * (parser.PROMOTE_SIZE // 30 + 1)


@pytest.fixture(autouse=True)
def _collector() -> Iterator[None]:
    """The collector on, nothing frozen, before and after each test."""
    was_enabled = gc.isenabled()
    gc.enable()
    gc.unfreeze()
    try:
        yield
    finally:
        gc.unfreeze()
        if not was_enabled:
            gc.disable()


def collections_during(run: Callable[[], object]) -> list[int]:
    """The generations of the collections that ``run`` (and the next allocation) started."""
    started: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.collect()
    gc.callbacks.append(note)
    try:
        with contextlib.suppress(tffix.ParseError):
            run()
        [[] for _ in range(100)]  # allocations after the parse
    finally:
        gc.callbacks.remove(note)
    return started


def test_a_big_parse_leaves_the_collector_nothing_to_walk() -> None:
    assert collections_during(lambda: tffix.parse(BIG)) == []  # (before: [0], the whole tree)
    assert gc.get_freeze_count() == 0  # promoted, not left frozen


def test_a_refused_big_parse_leaves_the_collector_nothing_to_walk() -> None:
    assert collections_during(lambda: tffix.parse(BIG + "b {\n")) == []
    assert gc.get_freeze_count() == 0


def test_objects_someone_froze_stay_frozen() -> None:
    kept = [[i] for i in range(100)]
    gc.freeze()
    frozen = gc.get_freeze_count()
    tffix.parse(BIG)
    assert gc.get_freeze_count() == frozen  # neither thawed nor joined by the tree
    del kept


def test_freeze_freezes_the_tree() -> None:
    gc.collect()
    module = tffix.parse('a = [1, 2]\nb "c" {\n  d = e.f\n}\n', freeze=True)
    assert gc.get_freeze_count() >= sum(1 for _ in module.tokens())
    assert gc.get_count()[0] < 100


def test_a_small_parse_does_not_walk_the_frozen_objects() -> None:
    """Below ``PROMOTE_SIZE`` the parse leaves the collector as it was (no
    ``get_freeze_count``, which walks every frozen object, per small file)."""
    calls: list[int] = []
    original = gc.get_freeze_count

    def counting() -> int:
        calls.append(1)
        return original()

    gc.get_freeze_count = counting  # type: ignore[assignment]
    try:
        tffix.parse("".join(f"a{i} = {i}\n" for i in range(1000)))
        assert not calls
        tffix.parse(BIG)
        assert calls
    finally:
        gc.get_freeze_count = original  # type: ignore[assignment]
