"""TF003 in a module of several files: data.tf is where generated documents go."""

from __future__ import annotations

from pathlib import Path

from tffix.engine.registry import get
from tffix.engine.runner import run_module

MissingDataSource = get("TF003")

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


def _run(directory: Path) -> dict[str, str]:
    paths = sorted(str(p) for p in directory.glob("*.tf"))
    result = run_module(str(directory), paths, [MissingDataSource()])
    assert not result.errors, result.errors
    for file in result.files:
        Path(file.path).write_text(file.new, encoding="utf-8")
    paths = sorted(str(p) for p in directory.glob("*.tf"))  # with any file created
    again = run_module(str(directory), paths, [MissingDataSource()])
    assert not again.changed_files, "second run changed the module"
    return {Path(f.path).name: f.new for f in result.files}


def test_document_goes_to_existing_data_tf(tmp_path: Path) -> None:
    existing = 'data "aws_caller_identity" "current" {}\n'
    (tmp_path / "data.tf").write_text(existing, encoding="utf-8")
    (tmp_path / "iam.tf").write_text(_ROLE, encoding="utf-8")
    (tmp_path / "lambda.tf").write_text(
        'output "trust" {\n  value = data.aws_iam_policy_document.lambda_assume_role.json\n}\n',
        encoding="utf-8",
    )
    new = _run(tmp_path)
    assert new["iam.tf"] == _ROLE
    assert new["data.tf"] == existing + "\n" + _DOCUMENT


def test_without_data_tf_document_goes_to_a_new_data_tf(tmp_path: Path) -> None:
    (tmp_path / "iam.tf").write_text(_ROLE, encoding="utf-8")
    (tmp_path / "main.tf").write_text('resource "aws_s3_bucket" "b" {}\n', encoding="utf-8")
    new = _run(tmp_path)
    assert new["iam.tf"] == _ROLE
    assert new["main.tf"] == 'resource "aws_s3_bucket" "b" {}\n'
    assert new["data.tf"] == _DOCUMENT


def test_data_tf_left_out_of_the_run_is_not_touched(tmp_path: Path) -> None:
    # data.tf exists but is not one of the files run (excluded): the document
    # goes above its first use, as it did before files could be created.
    (tmp_path / "data.tf").write_text("# kept by hand\n", encoding="utf-8")
    (tmp_path / "iam.tf").write_text(_ROLE, encoding="utf-8")
    result = run_module(str(tmp_path), [str(tmp_path / "iam.tf")], [MissingDataSource()])
    assert not result.errors, result.errors
    (file,) = result.files
    assert file.new == _DOCUMENT + "\n" + _ROLE


def test_declared_in_another_file_is_not_undefined(tmp_path: Path) -> None:
    (tmp_path / "iam.tf").write_text(_ROLE, encoding="utf-8")
    (tmp_path / "policies.tf").write_text(_DOCUMENT, encoding="utf-8")
    paths = sorted(str(p) for p in tmp_path.glob("*.tf"))
    result = run_module(str(tmp_path), paths, [MissingDataSource()])
    assert not result.changed_files
    assert not result.findings


def test_moved_to_a_removed_resource_is_not_reported(tmp_path: Path) -> None:
    # A moved chain may end at a resource removed since: Terraform accepts it.
    text = "moved {\n  from = aws_iam_policy.this\n  to   = aws_iam_policy.node\n}\n"
    (tmp_path / "migrations.tf").write_text(text, encoding="utf-8")
    result = run_module(str(tmp_path), [str(tmp_path / "migrations.tf")], [MissingDataSource()])
    assert not result.changed_files
    assert not result.findings


def test_an_address_declared_twice_is_reported_and_never_edited(tmp_path: Path) -> None:
    """Two files declare aws_s3_bucket.data: TF003 names both positions, and AWS008
    adds no companion on top of either copy (ModuleContext.targets leaves them out),
    while the other bucket of the module is fixed as usual."""
    (tmp_path / "main.tf").write_text(
        'provider "aws" {\n  region = "eu-west-1"\n}\n\n'
        'resource "aws_s3_bucket" "data" {\n  bucket = "a"\n}\n\n'
        'resource "aws_s3_bucket" "other" {\n  bucket = "b"\n}\n',
        encoding="utf-8",
    )
    (tmp_path / "more.tf").write_text(
        'resource "aws_s3_bucket" "data" {\n  bucket = "c"\n}\n', encoding="utf-8"
    )
    paths = sorted(str(p) for p in tmp_path.glob("*.tf"))
    result = run_module(str(tmp_path), paths, [get("TF003")(), get("AWS008")()], dry_run=True)
    new = "".join(f.new for f in result.files)
    assert "aws_s3_bucket.data.id" not in new
    assert "aws_s3_bucket.other.id" in new
    (error,) = [f for f in result.findings if f.code == "TF003"]
    assert error.path.endswith("more.tf") and error.line == 1
    assert "declared 2 times, at main.tf:5 and more.tf:1" in error.message


def test_did_you_mean_is_difflibs_best_over_every_declared_name(tmp_path: Path) -> None:
    """The suggestion, worked out once per undeclared name and from each declared name
    once, is what difflib picks among all the declared names of the kind: locals
    declared in two files (a duplicate) and used undeclared in several places."""
    import difflib

    names = ["listener_name", "listener_names", "listen_name", "http_setting", "pool_name"]
    declared = "locals {\n" + "".join(f'  {name} = "x"\n' for name in names) + "}\n"
    (tmp_path / "a.tf").write_text(declared, encoding="utf-8")
    (tmp_path / "b.tf").write_text(declared, encoding="utf-8")
    wanted = ["listner_name", "http_settings", "pool_nam", "zzz", "listner_name"]
    uses = "".join(f'output "o{i}" {{\n  value = local.{w}\n}}\n' for i, w in enumerate(wanted))
    (tmp_path / "c.tf").write_text(uses, encoding="utf-8")
    paths = sorted(str(p) for p in tmp_path.glob("*.tf"))
    result = run_module(str(tmp_path), paths, [MissingDataSource()])
    messages = [f.message for f in result.findings if "undeclared" in f.message]
    expected = []
    for w in wanted:
        close = difflib.get_close_matches(w, names + names, n=1, cutoff=0.75)
        text = f"reference to undeclared local value local.{w}"
        expected.append(text + (f"; did you mean local.{close[0]}?" if close else ""))
    assert messages == expected
    assert "did you mean local.listener_name?" in messages[0]
