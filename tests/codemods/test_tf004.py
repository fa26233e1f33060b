"""TF004 across the files of one module, and its option.

The corpus cases are single files; here the variable goes to variables.tf,
the names live in main.tf and the IAM policy that names them in iam.tf.
"""

from __future__ import annotations

from pathlib import Path

from tffix.analysis.module import analyze_directory
from tffix.engine.registry import get
from tffix.engine.runner import run_module, write_results

VARIABLES = """\
variable "project_name" {
  type    = string
  default = "shop"
}

variable "region" {
  type    = string
  default = "us-east-1"
}
"""

MAIN = """\
resource "aws_s3_bucket" "artifacts" {
  bucket = "${var.project_name}-artifacts"
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}
"""

IAM = """\
data "aws_iam_policy_document" "access" {
  statement {
    actions = ["s3:GetObject"]
    resources = [
      "arn:aws:s3:::${var.project_name}-artifacts",
      "arn:aws:s3:::${var.project_name}-artifacts/*",
    ]
  }

  statement {
    actions   = ["dynamodb:Query"]
    resources = ["arn:aws:dynamodb:${var.region}:*:table/orders/index/*"]
  }
}
"""

SUFFIX = "${var.project_name}-${var.environment_suffix}"


def _module(tmp_path: Path) -> Path:
    (tmp_path / "variables.tf").write_text(VARIABLES)
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "iam.tf").write_text(IAM)
    return tmp_path


def _run(directory: Path, **options: object):
    paths = sorted(str(p) for p in directory.glob("*.tf"))
    result = run_module(str(directory), paths, [get("TF004")(**options)])
    assert not result.errors, result.errors
    write_results(result)
    return result


def test_multi_file_module(tmp_path: Path) -> None:
    module = _module(tmp_path)
    result = _run(module)
    variables = (module / "variables.tf").read_text()
    # Next to project_name, whose companion it is.
    project = VARIABLES.split("\n\n")[0]
    assert variables.startswith(project + '\n\nvariable "environment_suffix" {\n')
    assert variables.endswith("\n\n" + VARIABLES.split("\n\n")[1])
    assert "validation {" in variables and "default" not in variables.split("environment_suffix")[1]
    main = (module / "main.tf").read_text()
    assert f'bucket = "{SUFFIX}-artifacts"' in main
    assert f'name         = "{SUFFIX}-orders"' in main
    iam = (module / "iam.tf").read_text()
    assert f'"arn:aws:s3:::{SUFFIX}-artifacts/*"' in iam
    assert f'"arn:aws:s3:::{SUFFIX}-artifacts",' in iam
    assert f'table/{SUFFIX}-orders/index/*"' in iam
    # Physical renames replace resources: every rename finding says so.
    renames = [f for f in result.findings if " is now " in f.message]
    assert len(renames) == 2
    assert all("replaces the resource" in f.message for f in renames)
    # Every reference resolves, and a second run changes nothing.
    assert analyze_directory(module).undefined() == []
    again = _run(module)
    assert again.changed_files == []


def test_default_option(tmp_path: Path) -> None:
    module = _module(tmp_path)
    _run(module, default="dev")
    variables = (module / "variables.tf").read_text()
    assert 'default     = "dev"' in variables.split('"environment_suffix"')[1]


def test_variable_next_to_project_name_without_variables_tf(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "inputs.tf").write_text(VARIABLES)
    _run(tmp_path)
    inputs = (tmp_path / "inputs.tf").read_text()
    assert inputs.index('"project_name"') < inputs.index('"environment_suffix"')
    assert inputs.index('"environment_suffix"') < inputs.index('"region"')
    assert "environment_suffix" not in (tmp_path / "main.tf").read_text().split("resource")[0]
