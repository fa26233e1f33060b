"""Never silent: every block a codemod's trigger matches ends in a decision.

Each codemod below runs alone, in strict mode, on every module of the
corpus (``corpus/<CODE>/*.before.tf``, all codes, so that a codemod also
meets code written for the others) and of ``../shared/corpus``. A block
its trigger matches without a ``fixed``, ``manual`` or ``fine`` finding of
the codemod raises ``ContractError`` in the runner: that is a silent
match, and the count must be 0. The counts of decisions are printed
(``pytest -s``) and can be had with ``python -m tests.codemods.test_never_silent``.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import OWN_CORPUS, SHARED_CORPUS
from tffix.engine.codemod import ModuleContext
from tffix.engine.registry import get
from tffix.engine.runner import ContractError, run_module

# The codemods that declare a trigger and promise a decision for each match.
CODES = ("AWS001", "AWS002", "AWS004", "AWS005", "AWS006", "AWS007", "AWS008", "AWS012", "TF003")


def _own_modules(work: Path) -> list[tuple[str, list[str]]]:
    """Each corpus case as a module of one file (copied: nothing is written anyway)."""
    out = []
    for i, before in enumerate(sorted(OWN_CORPUS.glob("[A-Z]*/*.before.tf"))):
        directory = work / f"{before.parent.name}-{i}"
        directory.mkdir()
        shutil.copyfile(before, directory / "main.tf")
        out.append((str(directory), [str(directory / "main.tf")]))
    return out


def _shared_modules() -> list[tuple[str, list[str]]]:
    by_directory: dict[Path, list[str]] = {}
    for path in sorted(SHARED_CORPUS.rglob("*.tf")):
        by_directory.setdefault(path.parent, []).append(str(path))
    return [(str(d), paths) for d, paths in sorted(by_directory.items())]


def survey(modules: list[tuple[str, list[str]]]) -> dict[str, Counter[str]]:
    """Per codemod: triggered blocks, decisions by status, silent matches, modules skipped."""
    counts: dict[str, Counter[str]] = {code: Counter() for code in CODES}
    for code in CODES:
        codemod = get(code)()
        original = codemod.triggers
        last: list[int] = [0]  # blocks matched in the last round (the one reported)

        def counted(ctx: ModuleContext, original=original, last=last) -> object:
            found = original(ctx)
            if found is None:
                return None
            found = list(found)
            last[0] = len(found)
            return found

        codemod.triggers = counted  # type: ignore[method-assign]
        for directory, paths in modules:
            last[0] = 0
            try:
                result = run_module(directory, paths, [codemod], strict=True)
            except ContractError as exc:
                counts[code]["silent"] += 1
                counts[code][f"silent: {exc}"] += 1
                continue
            if result.errors:
                counts[code]["modules not analysed (parse errors)"] += 1
                continue
            counts[code]["triggered"] += last[0]
            for finding in [*result.findings, *result.notes]:
                if finding.code == code:
                    counts[code][finding.status.value] += 1
    return counts


def _report(title: str, counts: dict[str, Counter[str]]) -> str:
    lines = [title]
    for code, tally in counts.items():
        shown = ", ".join(
            f"{key} {tally[key]}"
            for key in ("triggered", "fixed", "manual", "fine", "silent")
            if key in tally or key == "silent"
        )
        lines.append(f"  {code}: {shown}")
        lines.extend(f"    {key}" for key in tally if key.startswith("silent: "))
    return "\n".join(lines)


@pytest.mark.slow
def test_no_silent_trigger_match_over_the_corpus(tmp_path: Path) -> None:
    counts = survey(_own_modules(tmp_path))
    print(_report("corpus/", counts))
    assert {code: tally["silent"] for code, tally in counts.items()} == dict.fromkeys(CODES, 0)
    # The corpus has cases for each of them: a trigger that matches nothing is broken.
    assert all(tally["triggered"] > 0 for tally in counts.values()), counts


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"shared corpus absent: {SHARED_CORPUS}")
def test_no_silent_trigger_match_over_the_shared_corpus() -> None:
    counts = survey(_shared_modules())
    print(_report("../shared/corpus", counts))
    assert {code: tally["silent"] for code, tally in counts.items()} == dict.fromkeys(CODES, 0)


if __name__ == "__main__":  # python -m tests.codemods.test_never_silent
    import os
    import tempfile

    os.environ["TFFIX_STRICT"] = "1"
    with tempfile.TemporaryDirectory() as work:
        print(_report("corpus/", survey(_own_modules(Path(work)))))
    if SHARED_CORPUS.is_dir():
        print(_report("../shared/corpus", survey(_shared_modules())))
