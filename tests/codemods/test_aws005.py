"""AWS005 beyond single-file corpus cases: modules of several files, strategy create-secret."""

from __future__ import annotations

from pathlib import Path

from tffix.codemods.aws005_codepipeline_github_source import CodepipelineGithubSource
from tffix.engine.runner import run_module
from tffix.syntax.parser import parse

DATA = """\
data "aws_secretsmanager_secret" "github" {
  name = "ci/github-token"
}

data "aws_secretsmanager_secret_version" "github" {
  secret_id = data.aws_secretsmanager_secret.github.id
}
"""

IAM = """\
resource "aws_iam_role" "codepipeline" {
  name               = "pipeline-role"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "codepipeline" {
  role = aws_iam_role.codepipeline.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = "*"
      }
    ]
  })
}
"""

PIPELINE = """\
resource "aws_codepipeline" "pipeline" {
  name     = "app"
  role_arn = aws_iam_role.codepipeline.arn

  stage {
    name = "Source"

    action {
      name     = "Source"
      category = "Source"
      owner    = "ThirdParty"
      provider = "GitHub"
      version  = "1"

      configuration = {
        Owner      = var.github_owner
        Repo       = var.github_repo
        Branch     = "main"
        OAuthToken = data.aws_secretsmanager_secret_version.github.secret_string
      }
    }
  }
}
"""


def _module(tmp_path: Path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path / name) for name in files]


def _twice(tmp_path: Path, paths: list[str], **options: str):
    results = []
    for _ in range(2):
        result = run_module(str(tmp_path), paths, [CodepipelineGithubSource(**options)])
        assert not result.errors, result.errors
        for file in result.files:
            parse(file.new)
            Path(file.path).write_text(file.new, encoding="utf-8")
        results.append(result)
    assert not results[1].changed_files, "second run changed the module"
    return results[0]


CONNECTION = """\
resource "aws_codestarconnections_connection" "github" {
  name          = "github"
  provider_type = "GitHub"
}
"""


# A CodeBuild project that reads its source through the connection: in use, so completed.
BUILD = """
resource "aws_codebuild_project" "docs" {
  name         = "docs"
  service_role = var.build_role_arn

  artifacts {
    type = "NO_ARTIFACTS"
  }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }

  source {
    type     = "GITHUB"
    location = "https://github.com/acme/docs.git"

    auth {
      type     = "CODECONNECTIONS"
      resource = aws_codestarconnections_connection.github.arn
    }
  }
}
"""


def test_connection_across_files(tmp_path: Path) -> None:
    """The module's own connection (in another file), in use by a CodeBuild project of the
    module, is used; nothing new is created."""
    files = {
        "connection.tf": CONNECTION + BUILD,
        "data.tf": DATA,
        "iam.tf": IAM,
        "pipeline.tf": PIPELINE,
    }
    paths = _module(tmp_path, files)
    result = _twice(tmp_path, paths)
    # nothing reads the secret any more; a data source of a missing secret fails the plan
    assert (tmp_path / "data.tf").read_text() == ""
    assert (tmp_path / "connection.tf").read_text() == CONNECTION + BUILD
    assert (tmp_path / "iam.tf").read_text() == IAM.replace(
        '        Resource = "*"\n      }\n',
        '        Resource = "*"\n'
        "      },\n"
        "      {\n"
        '        Effect   = "Allow"\n'
        '        Action   = "codestar-connections:UseConnection"\n'
        "        Resource = aws_codestarconnections_connection.github.arn\n"
        "      }\n",
    )
    pipeline = (tmp_path / "pipeline.tf").read_text()
    assert pipeline == (
        PIPELINE.replace('owner    = "ThirdParty"', 'owner    = "AWS"')
        .replace('provider = "GitHub"', 'provider = "CodeStarSourceConnection"')
        .replace(
            "        Owner      = var.github_owner\n"
            "        Repo       = var.github_repo\n"
            '        Branch     = "main"\n'
            "        OAuthToken = data.aws_secretsmanager_secret_version.github.secret_string\n",
            "        ConnectionArn    = aws_codestarconnections_connection.github.arn\n"
            '        FullRepositoryId = "${var.github_owner}/${var.github_repo}"\n'
            '        BranchName       = "main"\n',
        )
    )
    (finding,) = result.findings
    assert finding.status.value == "fixed"
    assert "must be AVAILABLE" in finding.message


def test_no_connection_no_edit(tmp_path: Path) -> None:
    """Without a connection the module already has, a new one would be PENDING until an
    admin confirms it in the console, and the pipeline would stop: reported, no edit."""
    files = {"data.tf": DATA, "iam.tf": IAM, "pipeline.tf": PIPELINE}
    paths = _module(tmp_path, files)
    result = _twice(tmp_path, paths)
    for name, text in files.items():
        assert (tmp_path / name).read_text() == text, name
    (finding,) = result.findings
    assert finding.status.value == "manual"
    assert "a connection confirmed in the console" in finding.message
    assert "PENDING" in finding.message and "UseConnection" in finding.message


def test_create_secret_across_files(tmp_path: Path) -> None:
    paths = _module(tmp_path, {"data.tf": DATA, "iam.tf": IAM, "pipeline.tf": PIPELINE})
    result = _twice(tmp_path, paths, strategy="create-secret")
    assert (tmp_path / "pipeline.tf").read_text() == PIPELINE
    assert (tmp_path / "iam.tf").read_text() == IAM
    assert (tmp_path / "data.tf").read_text() == (
        'resource "aws_secretsmanager_secret" "github" {\n'
        '  name        = "ci/github-token"\n'
        '  description = "GitHub OAuth token of aws_codepipeline.pipeline, set outside '
        'Terraform"\n'
        "}\n\n"
        'data "aws_secretsmanager_secret_version" "github" {\n'
        "  secret_id = aws_secretsmanager_secret.github.id\n"
        "}\n"
    )
    (finding,) = result.findings
    assert "put-secret-value" in finding.message


def test_create_secret_with_literal_secret_id(tmp_path: Path) -> None:
    data = 'data "aws_secretsmanager_secret_version" "github" {\n  secret_id = "gh-token"\n}\n'
    paths = _module(tmp_path, {"main.tf": data + "\n" + PIPELINE})
    _twice(tmp_path, paths, strategy="create-secret")
    text = (tmp_path / "main.tf").read_text()
    assert text.startswith(
        'resource "aws_secretsmanager_secret" "github" {\n  name        = "gh-token"\n'
    )
    assert "  secret_id = aws_secretsmanager_secret.github.id\n" in text
    assert 'provider = "GitHub"' in text


def test_unknown_strategy_is_an_error(tmp_path: Path) -> None:
    import pytest

    paths = _module(tmp_path, {"main.tf": PIPELINE})
    with pytest.raises(ValueError, match="strategy"):
        run_module(str(tmp_path), paths, [CodepipelineGithubSource(strategy="webhook")])
