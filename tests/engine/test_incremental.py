"""Incremental rounds: a codemod whose input did not change is not run again, and nothing shows.

The runner repeats its codemods until a round changes nothing. In a later
round, a codemod that last ran on exactly the text it would see now is
skipped and its findings kept, and TF001 does not format again a file it
found formatted. The full engine (``incremental=False``: every codemod in
every round) is kept beside it, and both must give the same diffs,
findings, notes and errors on the shared corpus and on one module holding
many fixes (several rounds).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tffix.engine import codemod as codemod_module
from tffix.engine.codemod import Codemod, ModuleContext
from tffix.engine.files import find_modules
from tffix.engine.runner import ModuleResult, run_module
from tffix.engine.session import select_codemods

REPO = Path(__file__).resolve().parents[2]
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


def _codemods() -> list[Codemod]:
    return [cls() for cls in select_codemods(["ALL"], unsafe=True)]


def _shown(result: ModuleResult) -> tuple[object, ...]:
    return (
        [(f.path, f.created, f.new, f.diff()) for f in result.files],
        result.findings,
        result.notes,
        result.errors,
    )


def _both(directory: Path, paths: list[str]) -> tuple[ModuleResult, ModuleResult]:
    new = run_module(str(directory), paths, _codemods(), dry_run=True)
    old = run_module(str(directory), paths, _codemods(), dry_run=True, incremental=False)
    return new, old


def _one_module(tmp_path: Path, count: int = 80) -> Path:
    """The ``before`` files of the repository's corpus cases, all in one directory."""
    cases = sorted((REPO / "corpus").glob("[AT][WF]*/*.before.tf"))[:count]
    assert len(cases) == count, "the corpus holds fewer cases than the test needs"
    root = tmp_path / "module"
    root.mkdir()
    for index, case in enumerate(cases):
        shutil.copyfile(case, root / f"f{index:03d}_{case.parent.name}.tf")
    return root


@pytest.mark.slow  # both engines over a module of every corpus case: ~15 s
def test_one_module_with_many_fixes_gives_what_the_full_engine_gives(tmp_path: Path) -> None:
    root = _one_module(tmp_path)
    paths = sorted(str(p) for p in root.glob("*.tf"))
    new, old = _both(root, paths)
    assert old.changed_files and not old.errors  # there was work to do
    assert _shown(new) == _shown(old)


@pytest.mark.slow
def test_shared_corpus_gives_what_the_full_engine_gives() -> None:
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {SHARED_CORPUS}")
    changed = 0
    for module in find_modules([SHARED_CORPUS]):
        new, old = _both(module.directory, [str(p) for p in module.files])
        assert _shown(new) == _shown(old), module.directory
        changed += bool(old.changed_files)
    assert changed  # some modules were fixed


def _counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times each codemod runs (by code)."""
    runs: dict[str, int] = {}
    original = codemod_module.Codemod.run

    def run(self: Codemod, ctx: ModuleContext) -> list[object]:
        runs[self.code] = runs.get(self.code, 0) + 1
        return original(self, ctx)  # type: ignore[return-value]

    monkeypatch.setattr(codemod_module.Codemod, "run", run)
    return runs


_KEY = 'resource "aws_kms_key" "k" {\n  description = "k"\n}\n'
_GROUP = (
    'resource "aws_cloudwatch_log_group" "g" {\n'
    '  name              = "g"\n'
    "  retention_in_days = 30\n"
    "}\n"
)


def _by_code(*codes: str) -> list[Codemod]:
    return [cls() for cls in select_codemods(list(codes), unsafe=True)]


def test_a_later_round_runs_only_the_codemods_before_the_last_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.tf").write_text(_KEY + "\n" + _GROUP)
    runs = _counting(monkeypatch)
    # AWS001 runs before AWS003's fix and sees new text in round 2; AWS009 ran
    # after it, on the text round 2 has too.
    result = run_module(
        str(tmp_path), [str(tmp_path / "main.tf")], _by_code("AWS001", "AWS003", "AWS009")
    )
    assert [f.code for f in result.findings if f.status.value == "fixed"] == ["AWS003"]
    assert runs == {"AWS001": 2, "AWS003": 2, "AWS009": 1}
    runs.clear()
    again = run_module(
        str(tmp_path),
        [str(tmp_path / "main.tf")],
        _by_code("AWS001", "AWS003", "AWS009"),
        incremental=False,
    )
    assert runs == {"AWS001": 2, "AWS003": 2, "AWS009": 2}
    assert _shown(again) == _shown(result)


_RENAMED = 'resource "aws_s3_bucket_encryption_configuration" "e" {\n  bucket = "b"\n}\n'


def test_terraform_fmt_formats_a_file_once_while_nothing_changes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tffix.codemods import tf001_terraform_fmt as tf001

    (tmp_path / "a.tf").write_text(_GROUP)  # formatted, and nothing changes it
    (tmp_path / "b.tf").write_text(_RENAMED)  # TF005 (after TF001) changes it
    checked: list[str] = []  # texts decided from the text (tffix.cst.formatted)
    formatted: list[str] = []  # paths whose formatted text was built
    original_check, original_format = tf001.is_formatted, tf001.format_module

    def is_formatted(text: str) -> bool:
        checked.append(text)
        return original_check(text)

    def format_module(module: object, **options: object) -> str:
        formatted.append(module.path)  # type: ignore[attr-defined]
        return original_format(module, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(tf001, "is_formatted", is_formatted)
    monkeypatch.setattr(tf001, "format_module", format_module)
    paths = [str(tmp_path / "a.tf"), str(tmp_path / "b.tf")]
    result = run_module(str(tmp_path), paths, _by_code("TF001", "TF005"))
    assert [f.path for f in result.changed_files] == [paths[1]]
    # Round 1 looks at both; round 2 (after TF005's fix) only at the changed b.tf.
    # Both texts are clean: the check decides them, nothing is formatted.
    changed = result.changed_files[0].new
    assert checked == [_GROUP, _RENAMED, changed]
    assert formatted == []


def test_an_edit_not_said_is_a_contract_error(tmp_path: Path) -> None:
    """Only files an edit touched (``tffix.cst.edit``) or a fix was reported in are printed
    to see what changed; strict, every file is, and a change the tracking missed fails."""
    from tffix.engine.codemod import Finding, Status
    from tffix.engine.runner import ContractError

    class Sneaky(Codemod):
        code = "X001"
        name = "sneaky"
        summary = "changes b.tf, reports a fix in a.tf, edits without tffix.cst.edit"

        def fix(self, ctx: ModuleContext):  # type: ignore[no-untyped-def]
            module = ctx.files[str(tmp_path / "b.tf")]
            module.body.blocks[0].first_token.pre = "# sneaky\n"
            yield Finding(self.code, "fixed", str(tmp_path / "a.tf"), 1, 1, Status.FIXED)

    (tmp_path / "a.tf").write_text(_KEY)
    (tmp_path / "b.tf").write_text(_GROUP)
    paths = [str(tmp_path / "a.tf"), str(tmp_path / "b.tf")]
    with pytest.raises(ContractError, match=r"X001 changed .*b\.tf without"):
        run_module(str(tmp_path), paths, [Sneaky()], strict=True)


def test_callers_are_searched_once_per_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Within a run, the repository is listed once for every module's callers, with the
    answers a search of its own gives."""
    from tffix.analysis import roots

    (tmp_path / ".git").mkdir()
    for name in ("app", "lib", "other"):
        (tmp_path / name).mkdir()
    (tmp_path / "app" / "main.tf").write_text('module "lib" {\n  source = "../lib"\n}\n')
    (tmp_path / "lib" / "main.tf").write_text('provider "aws" {}\n')
    (tmp_path / "other" / "main.tf").write_text('provider "aws" {}\n')
    alone = {d: roots._callers(str(tmp_path / d), str(tmp_path)) for d in ("lib", "other")}
    assert alone["lib"] == ([str(tmp_path / "app" / "main.tf")], True)
    listed: list[str] = []
    original = roots._tf_files

    def tf_files(top: str):  # type: ignore[no-untyped-def]
        listed.append(top)
        return original(top)

    monkeypatch.setattr(roots, "_tf_files", tf_files)
    with roots.run_scope():
        scoped = {d: roots._callers(str(tmp_path / d), str(tmp_path)) for d in ("lib", "other")}
    assert scoped == alone
    assert listed == [str(tmp_path)]


def test_a_change_without_a_fix_is_still_seen_when_the_last_codemod_would_be_skipped(
    tmp_path: Path,
) -> None:
    """Outside strict mode, a change no fix was reported for is caught by the round's last
    codemod, as it always was, also when that codemod's input looked unchanged."""
    from tffix.cst import edit

    calls = [0]

    class Silent(Codemod):
        code = "X002"
        name = "silent"
        summary = "in its second run, changes a description without reporting it"

        def fix(self, ctx: ModuleContext):  # type: ignore[no-untyped-def]
            calls[0] += 1
            if calls[0] == 2:
                block = ctx.files[str(tmp_path / "b.tf")].body.blocks[0]
                attribute = block.body.attribute("name")
                assert attribute is not None
                edit.set_value(attribute, '"changed"')
            return iter(())

    (tmp_path / "a.tf").write_text(_KEY)
    (tmp_path / "b.tf").write_text(_GROUP)
    paths = [str(tmp_path / "a.tf"), str(tmp_path / "b.tf")]
    codemods = [Silent(), *_by_code("AWS003", "AWS009")]
    result = run_module(str(tmp_path), paths, codemods, strict=False)
    assert calls[0] >= 3  # rounds went on after the change was seen
    assert [f.path for f in result.changed_files] == paths
    assert 'name              = "changed"' in result.files[1].new
