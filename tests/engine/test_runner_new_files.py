"""Codemods that create a file in the module they fix (TF003's data.tf)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tffix.engine import session
from tffix.engine.cache import Cache
from tffix.engine.codemod import Codemod, ModuleContext
from tffix.engine.registry import get
from tffix.engine.runner import run_module, write_results
from tffix.engine.session import run
from tffix.syntax.parser import parse

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tffix.engine.codemod import Finding

_ROLE = (
    'resource "aws_iam_role" "lambda" {\n'
    '  name               = "api"\n'
    "  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json\n"
    "}\n"
)
_DOCUMENT = (
    'data "aws_iam_policy_document" "lambda_assume_role" {\n'
    "  statement {\n"
    '    effect  = "Allow"\n'
    '    actions = ["sts:AssumeRole"]\n'
    "\n"
    "    principals {\n"
    '      type        = "Service"\n'
    '      identifiers = ["lambda.amazonaws.com"]\n'
    "    }\n"
    "  }\n"
    "}\n"
)


class _Creates(Codemod):
    """Creates ``target`` (relative to the module directory) holding one local."""

    code = "TST901"
    name = "creates-a-file"
    summary = "test codemod that creates a file"

    def __init__(self, target: str) -> None:
        self.target = target

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        path = os.path.join(ctx.directory, self.target)
        if path in ctx.files:
            return
        where, first = next(iter(ctx.files.items()))
        ctx.add_file(path, parse("locals {\n  created = true\n}\n", path=path))
        yield self.fixed(where, first.body.blocks[0], f"created {self.target}")


def _module(tmp_path: Path) -> Path:
    directory = tmp_path / "mod"
    directory.mkdir()
    (directory / "iam.tf").write_text(_ROLE, encoding="utf-8")
    return directory


def test_created_file_is_written_on_apply(tmp_path: Path) -> None:
    directory = _module(tmp_path)
    report = run([directory], [get("TF003")], jobs=1)
    assert not report.errors, report.errors
    data = directory / "data.tf"
    assert report.written == [str(data)]
    assert data.read_text(encoding="utf-8") == _DOCUMENT
    assert (directory / "iam.tf").read_text(encoding="utf-8") == _ROLE


def test_created_file_is_a_dev_null_diff_in_dry_run(tmp_path: Path) -> None:
    directory = _module(tmp_path)
    report = run([directory], [get("TF003")], dry_run=True, jobs=1)
    assert not report.errors, report.errors
    assert not (directory / "data.tf").exists()
    assert report.written == []
    (module,) = report.modules
    assert [Path(f.path).name for f in module.files] == ["iam.tf", "data.tf"]
    (created,) = module.changed_files
    assert created.created and created.original == ""
    diff = created.diff("mod/data.tf")
    assert diff.startswith("--- /dev/null\n+++ b/mod/data.tf\n@@ -0,0 +1,11 @@\n")
    assert report.exit_code() == 1


def test_file_outside_the_module_directory_is_refused(tmp_path: Path) -> None:
    directory = _module(tmp_path)
    paths = [str(directory / "iam.tf")]
    for target in ("../escaped.tf", "sub/nested.tf"):
        result = run_module(str(directory), paths, [_Creates(target)])
        assert result.errors and "outside the module directory" in result.errors[0]
        assert not result.files
        assert write_results(result) == []
    assert not (tmp_path / "escaped.tf").exists()
    assert not (directory / "sub").exists()


def test_existing_file_or_symlink_is_not_overwritten(tmp_path: Path) -> None:
    directory = _module(tmp_path)
    (directory / "data.tf").write_text("# by hand\n", encoding="utf-8")
    (directory / "link.tf").symlink_to(tmp_path / "nowhere.tf")  # dangling
    paths = [str(directory / "iam.tf")]  # the others are not part of the run
    for target in ("data.tf", "link.tf"):
        result = run_module(str(directory), paths, [_Creates(target)])
        assert result.errors and "already exists" in result.errors[0]
        assert write_results(result) == []
    assert (directory / "data.tf").read_text(encoding="utf-8") == "# by hand\n"
    assert not (tmp_path / "nowhere.tf").exists()


def test_created_file_is_laid_out_and_listed_last(tmp_path: Path) -> None:
    directory = _module(tmp_path)
    result = run_module(str(directory), [str(directory / "iam.tf")], [_Creates("extra.tf")])
    assert not result.errors, result.errors
    assert [(Path(f.path).name, f.created) for f in result.files] == [
        ("iam.tf", False),
        ("extra.tf", True),
    ]
    assert result.files[1].new == "locals {\n  created = true\n}\n"
    assert write_results(result) == [str(directory / "extra.tf")]


def test_cached_dry_run_reproduces_the_diff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = _module(tmp_path)
    cache = Cache(tmp_path / "cache")
    first = run([directory], [get("TF003")], dry_run=True, jobs=1, cache=cache)
    assert not first.errors, first.errors

    def not_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("the module was run again instead of read from the cache")

    monkeypatch.setattr(session, "_work", not_again)
    second = run([directory], [get("TF003")], dry_run=True, jobs=1, cache=cache)
    assert not second.errors, second.errors
    (before,) = first.modules
    (after,) = second.modules
    assert [f.diff() for f in after.changed_files] == [f.diff() for f in before.changed_files]
    assert [f.created for f in after.changed_files] == [True]
    assert second.changed == first.changed
    assert second.findings == first.findings
    assert not (directory / "data.tf").exists()


def test_second_run_changes_nothing(tmp_path: Path) -> None:
    directory = _module(tmp_path)
    assert run([directory], [get("TF003")], jobs=1).written == [str(directory / "data.tf")]
    again = run([directory], [get("TF003")], jobs=1)
    assert not again.errors, again.errors
    assert again.changed == [] and again.written == []
    assert again.findings == []
