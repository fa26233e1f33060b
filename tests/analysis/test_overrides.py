"""Override files merged as Terraform documents it, and findings on the merged block.

https://developer.hashicorp.com/terraform/language/files/override: an
override block's arguments replace the original's; a nested block type it
has replaces every original nested block of that type; ``lifecycle`` merges
argument by argument; ``locals`` merge one by one; a ``backend`` or
``cloud`` block replaces either; several override files apply in name order.
"""

from __future__ import annotations

from pathlib import Path

from tffix.analysis.overrides import merge, merged_texts
from tffix.engine.codemod import Status
from tffix.engine.session import run, select_codemods
from tffix.syntax.parser import parse

BASE = """\
resource "aws_s3_bucket" "b" {
  bucket = "x"
  tags   = { a = "1" }

  versioning {
    enabled = false
  }
  versioning {
    mfa_delete = false
  }

  dynamic "grant" {
    for_each = var.grants
    content {
      id = grant.value
    }
  }

  lifecycle {
    prevent_destroy = true
    ignore_changes  = [tags]
  }
}
"""


def _shape(text: str) -> str:
    return "".join(text.split())


def test_arguments_replace_nested_blocks_replace_by_type_lifecycle_merges() -> None:
    base = parse(BASE).body.blocks[0]
    first = parse(
        'resource "aws_s3_bucket" "b" {\n  force_destroy = true\n  tags = {}\n'
        "  versioning {\n    enabled = true\n  }\n"
        "  lifecycle {\n    prevent_destroy = false\n  }\n}\n"
    ).body.blocks[0]
    second = parse(
        'resource "aws_s3_bucket" "b" {\n  bucket = "y"\n  grant {\n    id = "z"\n  }\n}\n'
    ).body.blocks[0]
    merged = merge(base, [first, second])
    assert _shape(merged.code) == _shape(
        'resource "aws_s3_bucket" "b" {\n  bucket = "y"\n  tags = {}\n'
        "  lifecycle {\n    prevent_destroy = false\n    ignore_changes = [tags]\n  }\n"
        "  force_destroy = true\n  versioning {\n    enabled = true\n  }\n"
        '  grant {\n    id = "z"\n  }\n}\n'
    )
    assert base.code in BASE  # the original is not touched


def test_terraform_backend_cloud_and_required_providers() -> None:
    base = parse(
        'terraform {\n  required_version = ">= 1.0"\n  backend "s3" {\n    bucket = "b"\n  }\n'
        '  required_providers {\n    aws = { source = "hashicorp/aws" }\n'
        '    random = { source = "hashicorp/random" }\n  }\n}\n'
    ).body.blocks[0]
    override = parse(
        'terraform {\n  cloud {\n    organization = "o"\n  }\n'
        '  required_providers {\n    aws = { source = "hashicorp/aws", version = "~> 5.0" }\n'
        "  }\n}\n"
    ).body.blocks[0]
    merged = merge(base, [override])
    assert [b.type for b in merged.body.blocks] == ["required_providers", "cloud"]
    providers = merged.body.blocks[0].body
    assert [a.name for a in providers.attributes] == ["aws", "random"]
    assert "~> 5.0" in providers.attribute("aws").code  # type: ignore[union-attr]


def test_merged_texts_leave_override_files_out_and_merge_locals_one_by_one() -> None:
    files = {
        "main.tf": parse('locals {\n  a = 1\n  b = 2\n}\n\noutput "o" {\n  value = 1\n}\n'),
        "a_override.tf": parse("locals {\n  b = 3\n}\n"),
        "b_override.tf": parse('locals {\n  b = 4\n}\n\noutput "o" {\n  value = 5\n}\n'),
    }
    texts = merged_texts(files)
    assert list(texts) == ["main.tf"]
    assert _shape(texts["main.tf"]) == _shape(
        'locals {\n  a = 1\n  b = 4\n}\n\noutput "o" {\n  value = 5\n}\n'
    )


KEY = 'resource "aws_kms_key" "{name}" {{\n  description = "{text}"\n}}\n'


def test_a_finding_on_an_overridden_block_judges_the_merged_block(tmp_path: Path) -> None:
    (tmp_path / "keys.tf").write_text(
        KEY.format(name="a", text="a") + "\n" + KEY.format(name="b", text="b")
    )
    # the override turns rotation on for b: as Terraform merges it, b needs nothing
    (tmp_path / "keys_override.tf").write_text(
        'resource "aws_kms_key" "b" {\n  enable_key_rotation = true\n}\n'
    )
    report = run([tmp_path], select_codemods(["AWS003"]), dry_run=True)
    assert not report.errors
    assert [(Path(f.path).name, f.line, f.status) for f in report.findings] == [
        ("keys.tf", 1, Status.FIXABLE)
    ]
    # an override that leaves rotation alone: b still needs it, and says so
    (tmp_path / "keys_override.tf").write_text(
        'resource "aws_kms_key" "b" {\n  description = "from the override"\n}\n'
    )
    report = run([tmp_path], select_codemods(["AWS003"]), dry_run=True)
    manual = [f for f in report.findings if f.status is Status.MANUAL]
    [on_b] = [f for f in manual if Path(f.path).name == "keys.tf"]
    assert on_b.line == 5
    assert "(as keys_override.tf merges into it): not applied: this block is overridden" in (
        on_b.message
    )


def test_evaluators_read_variables_and_locals_as_overrides_leave_them(tmp_path: Path) -> None:
    from tffix.analysis.evaluate import Evaluator
    from tffix.analysis.module import analyze_directory

    (tmp_path / "main.tf").write_text(
        'variable "days" {\n  default = 1\n}\n\nlocals {\n  name = "a"\n  keep = "k"\n}\n'
    )
    (tmp_path / "override.tf").write_text(
        'variable "days" {\n  default = 30\n}\n\nlocals {\n  name = "b"\n}\n'
    )
    analysis = analyze_directory(tmp_path)
    evaluator = Evaluator(analysis)
    assert evaluator.variable_default("days") == 30
    assert (evaluator.local_value("name"), evaluator.local_value("keep")) == ("b", "k")
    (tmp_path / "override.tf").unlink()
    plain = Evaluator(analyze_directory(tmp_path))
    assert (plain.variable_default("days"), plain.local_value("name")) == (1, "a")


def test_effective_variable_follows_the_files_and_edits() -> None:
    """The declaring files are found through the traversal index: in name order,
    override files merged last to first as Terraform reads them, and a variable
    put in by an edit after the index was built is found."""
    from tffix.analysis.module import analyze_modules
    from tffix.analysis.overrides import effective_variable
    from tffix.cst import edit

    files = {
        f"/m/{name}": parse(text, path=f"/m/{name}")
        for name, text in [
            ("z_override.tf", 'variable "env" {\n  default = "z"\n}\n'),
            ("main.tf", 'variable "env" {\n  default = "main"\n  type = string\n}\n'),
            ("a_override.tf", 'variable "env" {\n  default = "a"\n}\n'),
            ("b.tf", 'variable "other" {}\n'),
        ]
    }
    analysis = analyze_modules("/m", files)
    env = effective_variable(analysis, "env")
    assert env is not None
    assert _shape(env.code) == _shape('variable "env" {\n  default = "z"\n  type = string\n}\n')
    assert effective_variable(analysis, "other") is files["/m/b.tf"].body.blocks[0]
    edit.insert(files["/m/b.tf"], 'variable "late" {\n  default = 1\n}\n')
    late = effective_variable(analysis, "late")
    assert late is not None and late.labels == ["late"]
    assert effective_variable(analysis, "missing") is None
