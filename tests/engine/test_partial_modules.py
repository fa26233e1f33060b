"""``tffix FILE...``: the whole module is read, only the given files change.

A pre-commit hook passes only the staged files. Their module is still every
``.tf`` file of the directory (a resource or variable declared in another
file exists), so codemods and analysis see all of it; a fix that would
also change or create a file that was not given is not applied at all, and
a ``manual`` finding on the given file says to run tffix on the directory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tffix.cst import edit
from tffix.engine import registry
from tffix.engine.cache import Cache, module_key
from tffix.engine.codemod import Codemod, ModuleContext, Status
from tffix.engine.files import find_modules
from tffix.engine.registry import get
from tffix.engine.runner import FileResult, ModuleResult, run_module, write_results
from tffix.engine.session import run

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tffix.engine.codemod import Finding

BUCKET = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n'
# Versioning with the lifecycle rule that expires its noncurrent versions (versioning
# alone leaves AWS008 a manual finding: how long to keep them).
VERSIONING = (
    'resource "aws_s3_bucket_versioning" "logs" {\n'
    "  bucket = aws_s3_bucket.logs.id\n"
    "\n"
    "  versioning_configuration {\n"
    '    status = "Enabled"\n'
    "  }\n"
    "}\n"
    "\n"
    'resource "aws_s3_bucket_lifecycle_configuration" "logs" {\n'
    "  bucket = aws_s3_bucket.logs.id\n"
    "\n"
    "  rule {\n"
    '    id     = "expire-noncurrent-versions"\n'
    '    status = "Enabled"\n'
    "\n"
    "    filter {}\n"
    "\n"
    "    noncurrent_version_expiration {\n"
    "      noncurrent_days = 90\n"
    "    }\n"
    "  }\n"
    "}\n"
)
KEY = 'resource "aws_kms_key" "main" {\n  description = "k"\n}\n'
KEY_FIXED = (
    'resource "aws_kms_key" "main" {\n  description         = "k"\n'
    "  enable_key_rotation = true\n}\n"
)
OLD = 'resource "test_old" "x" {\n  name = "x"\n}\n'
OUTPUT = 'output "id" {\n  value = test_old.x.id\n}\n'


class _RenameType(Codemod):
    """Renames resource type ``test_old`` to ``test_new`` and every reference to it."""

    code = "TST902"
    name = "rename-test-type"
    summary = "test codemod: a cross-file rename"

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        for path, block in ctx.targets("test_old"):
            edit.rename_type(block, "test_new")
            for module in ctx.files.values():
                edit.rename_references(module, ("test_old",), ("test_new",))
            yield self.fixed(path, block, "renamed test_old to test_new")


@pytest.fixture
def with_rename(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[Codemod]]:
    """``_RenameType`` known to the session, as an installed plugin would be."""
    monkeypatch.setattr(registry, "plugin_codemods", lambda: [_RenameType])
    registry.catalog.cache_clear()
    yield _RenameType
    registry.catalog.cache_clear()


def _module(tmp_path: Path, files: dict[str, str]) -> Path:
    directory = tmp_path / "m"
    directory.mkdir()
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


# ---- which files make a module --------------------------------------------------------


def test_a_file_path_brings_its_directory_as_context(tmp_path: Path) -> None:
    directory = _module(tmp_path, {"main.tf": BUCKET, "b.tf": KEY, "skip.tf": KEY})
    (directory / "sub").mkdir()
    (directory / "sub" / "nested.tf").write_text(KEY)  # another module
    (directory / ".hidden").mkdir()
    (directory / ".hidden" / "h.tf").write_text(KEY)
    (directory / "notes.md").write_text("#")
    (module,) = find_modules([directory / "main.tf"], exclude=["skip.tf"])
    assert module.directory == directory
    assert [p.name for p in module.files] == ["b.tf", "main.tf"]
    assert module.writable == {directory / "main.tf"}
    assert not module.may_change(directory / "b.tf")


def test_a_directory_makes_all_writable(tmp_path: Path) -> None:
    directory = _module(tmp_path, {"a.tf": BUCKET, "b.tf": KEY})
    for paths in ([directory], [directory / "a.tf", directory], [tmp_path, directory / "a.tf"]):
        (module,) = find_modules(paths)
        assert [p.name for p in module.files] == ["a.tf", "b.tf"], paths
        assert module.writable is None, paths  # may create files too
    # Every file given one by one: all may change, but none may be created.
    (module,) = find_modules([directory / "b.tf", directory / "a.tf", directory / "b.tf"])
    assert [p.name for p in module.files] == ["a.tf", "b.tf"]
    assert module.writable == {directory / "a.tf", directory / "b.tf"}


def test_an_excluded_file_given_is_skipped_and_a_link_outside_is_no_context(
    tmp_path: Path,
) -> None:
    outside = tmp_path / "outside.tf"
    outside.write_text(KEY)
    directory = _module(tmp_path, {"main.tf": BUCKET})
    (directory / "link.tf").symlink_to(outside)
    assert find_modules([directory / "main.tf"], exclude=["main.tf"]) == []
    (module,) = find_modules([directory / "main.tf"])
    assert [p.name for p in module.files] == ["main.tf"]


# ---- fixes see the whole module -------------------------------------------------------


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_companion_declared_in_another_file_is_not_added_again(
    tmp_path: Path, dry_run: bool
) -> None:
    # a deployment: its provider is configured (providers.tf, not given to the run)
    provider = 'provider "aws" {\n  region = "eu-west-1"\n}\n'
    files = {"main.tf": BUCKET, "versioning.tf": VERSIONING, "providers.tf": provider}
    directory = _module(tmp_path, files)
    # What fixing the directory would do, where versioning.tf is writable too.
    whole = run([directory], [get("AWS008")], dry_run=True, jobs=1)
    report = run([directory / "main.tf"], [get("AWS008")], dry_run=dry_run, jobs=1)
    assert not report.errors, report.errors
    assert report.changed == [str(directory / "main.tf")]
    (module,) = report.modules
    (changed,) = module.changed_files
    assert "aws_s3_bucket_versioning" not in changed.new
    assert "aws_s3_bucket_public_access_block" in changed.new
    assert {f.path for f in report.findings} == {str(directory / "main.tf")}
    assert [f.new for m in whole.modules for f in m.changed_files] == [changed.new]
    if dry_run:
        assert report.written == [] and report.exit_code() == 1
        assert (directory / "main.tf").read_text() == BUCKET
    else:
        assert report.written == [str(directory / "main.tf")]
        assert report.exit_code() == 0
        assert (directory / "main.tf").read_text() == changed.new
    assert (directory / "versioning.tf").read_text() == VERSIONING


def test_a_variable_declared_in_another_file_is_declared(tmp_path: Path) -> None:
    main = 'provider "aws" {\n  region = var.region\n}\n'
    directory = _module(tmp_path, {"main.tf": main, "variables.tf": 'variable "region" {}\n'})
    report = run([directory / "main.tf"], [get("TF003")], dry_run=True, jobs=1)
    assert not report.errors and not report.findings and report.exit_code() == 0
    (directory / "variables.tf").unlink()  # the check above is not vacuous
    (finding,) = run([directory / "main.tf"], [get("TF003")], dry_run=True, jobs=1).findings
    assert "undeclared variable var.region" in finding.message


def test_findings_are_reported_for_the_given_files_only(tmp_path: Path) -> None:
    directory = _module(tmp_path, {"main.tf": BUCKET, "other.tf": "locals {\n  a = var.nope\n}\n"})
    report = run([directory / "main.tf"], [get("TF003")], dry_run=True, jobs=1)
    assert not report.findings and report.exit_code() == 0
    (finding,) = run([directory], [get("TF003")], dry_run=True, jobs=1).findings
    assert finding.path == str(directory / "other.tf")


# ---- a fix that needs a file that was not given ----------------------------------------


@pytest.mark.parametrize("dry_run", [True, False])
@pytest.mark.parametrize("given", ["outputs.tf", "main.tf"])
def test_a_cross_file_rename_is_not_half_applied(
    tmp_path: Path, with_rename: type[Codemod], dry_run: bool, given: str
) -> None:
    directory = _module(tmp_path, {"main.tf": OLD, "outputs.tf": OUTPUT})
    before = _snapshot(directory)
    report = run([directory / given], [with_rename], dry_run=dry_run, jobs=1)
    assert not report.errors, report.errors
    assert report.changed == [] and report.written == []
    assert _snapshot(directory) == before
    other = str(directory / ("main.tf" if given == "outputs.tf" else "outputs.tf"))
    blocked = [f for f in report.findings if f.status is Status.MANUAL]
    assert [(f.code, f.path, f.line) for f in blocked] == [
        ("TST902", str(directory / given), 1 if given == "main.tf" else 2)
    ]
    assert blocked[0].message == (
        f"the fix also changes {other}, which was not given; not applied; "
        f"run tffix on the directory {directory}"
    )
    # The rename itself is reported where it is, as a fix not applied.
    assert all(f.status is not Status.FIXED for f in report.findings)
    assert all(f.path == str(directory / given) for f in report.findings)
    assert report.exit_code() == 1
    # Given the directory (or both files), it is applied.
    both = [directory / "main.tf", directory / "outputs.tf"]
    whole = run(both, [with_rename], dry_run=dry_run, jobs=1)
    assert not whole.errors and len(whole.changed) == 2
    if not dry_run:
        assert "test_new.x.id" in (directory / "outputs.tf").read_text()


def test_other_codemods_still_fix_the_given_file(
    tmp_path: Path, with_rename: type[Codemod]
) -> None:
    directory = _module(tmp_path, {"main.tf": OLD + "\n" + KEY, "outputs.tf": OUTPUT})
    report = run([directory / "main.tf"], [get("AWS003"), with_rename], jobs=1)
    assert report.written == [str(directory / "main.tf")]
    main = (directory / "main.tf").read_text()
    assert main == OLD + "\n" + KEY_FIXED  # AWS003 applied, the rename left out whole
    assert (directory / "outputs.tf").read_text() == OUTPUT
    assert {(f.code, f.status) for f in report.findings} == {
        ("AWS003", Status.FIXED),
        ("TST902", Status.FIXABLE),
        ("TST902", Status.MANUAL),
    }


def test_a_fix_only_in_files_not_given_is_silently_left_out(tmp_path: Path) -> None:
    directory = _module(tmp_path, {"main.tf": BUCKET, "keys.tf": KEY})
    report = run([directory / "main.tf"], [get("AWS003")], jobs=1)
    assert not report.errors and not report.findings and not report.written
    assert report.exit_code() == 0
    assert (directory / "keys.tf").read_text() == KEY


def test_a_file_to_create_is_not_created(tmp_path: Path) -> None:
    role = (
        'resource "aws_iam_role" "lambda" {\n'
        '  name               = "api"\n'
        "  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json\n"
        "}\n"
    )
    directory = _module(tmp_path, {"iam.tf": role, "other.tf": BUCKET})
    for dry_run, paths in (
        (True, ["iam.tf"]),
        (False, ["iam.tf"]),
        (False, ["iam.tf", "other.tf"]),
    ):
        given = [directory / name for name in paths]
        report = run(given, [get("TF003")], dry_run=dry_run, jobs=1)
        assert not report.errors and not report.changed and not report.written
        manual = [f for f in report.findings if f.status is Status.MANUAL]
        assert len(manual) == 1 and manual[0].path == str(directory / "iam.tf")
        assert f"creates {directory / 'data.tf'}, which was not given" in manual[0].message
        assert report.exit_code() == 1
        assert not (directory / "data.tf").exists()
    assert run([directory], [get("TF003")], jobs=1).written == [str(directory / "data.tf")]


def test_run_module_writable_and_the_write_guard(tmp_path: Path) -> None:
    directory = _module(tmp_path, {"main.tf": OLD, "outputs.tf": OUTPUT})
    paths = [str(directory / "main.tf"), str(directory / "outputs.tf")]
    result = run_module(str(directory), paths, [_RenameType()], writable=[paths[0]])
    assert not result.changed_files and write_results(result) == []
    assert result.writable == frozenset([paths[0]])
    forged = ModuleResult(
        str(directory),
        files=[FileResult(paths[1], OUTPUT, "# forged\n")],
        writable=frozenset([paths[0]]),
    )
    with pytest.raises(PermissionError, match="not given"):
        write_results(forged)
    assert (directory / "outputs.tf").read_text() == OUTPUT


# ---- the cache -----------------------------------------------------------------------


def test_cache_key_accounts_for_the_writable_files(tmp_path: Path) -> None:
    directory = _module(tmp_path, {"main.tf": OLD, "outputs.tf": OUTPUT})
    names = [str(directory / "main.tf"), str(directory / "outputs.tf")]
    keys = {
        module_key(names, {}),
        module_key(names, {}, writable=[names[0]]),
        module_key(names, {}, writable=[names[1]]),
        module_key(names, {}, writable=[]),
    }
    assert len(keys) == 4
    assert module_key(names, {}, writable=names[::-1]) == module_key(names, {}, writable=names)


def test_cached_file_run_does_not_answer_for_the_directory(
    tmp_path: Path, with_rename: type[Codemod]
) -> None:
    directory = _module(tmp_path, {"main.tf": OLD, "outputs.tf": OUTPUT})
    cache = Cache(tmp_path / "cache")
    given = run([directory / "main.tf"], [with_rename], dry_run=True, jobs=1, cache=cache)
    assert not given.changed and given.exit_code() == 1
    again = run([directory / "main.tf"], [with_rename], dry_run=True, jobs=1, cache=cache)
    assert again.findings == given.findings and not again.changed  # from the cache
    whole = run([directory], [with_rename], dry_run=True, jobs=1, cache=cache)
    assert sorted(os.path.basename(p) for p in whole.changed) == ["main.tf", "outputs.tf"]
