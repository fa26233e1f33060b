"""AWS004 beyond single-file corpus cases: strategy grant, and modules of several files."""

from __future__ import annotations

from pathlib import Path

from tffix.codemods.aws004_log_group_kms import LogGroupKms
from tffix.engine.runner import run_module
from tffix.syntax.parser import parse

KEY = """\
resource "aws_kms_key" "pipeline" {
  description             = "pipeline key"
  deletion_window_in_days = 7
  enable_key_rotation     = true

  tags = var.tags
}
"""

LOGS = """\
resource "aws_cloudwatch_log_group" "lambda" {
  name              = "/aws/lambda/orders"
  retention_in_days = 14
  kms_key_id        = aws_kms_key.pipeline.arn
}
"""

LOGS_STATEMENT = """\
      {
        Sid    = "AllowCloudWatchLogs"
        Effect = "Allow"
        Principal = {
          Service = "logs.${data.aws_region.current.name}.amazonaws.com"
        }
        Action = [
          "kms:Encrypt*",
          "kms:Decrypt*",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:Describe*"
        ]
        Resource = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:aws:logs:REGION:${ACCOUNT}:*"
          }
        }
      }
"""


LOGS_STATEMENT = LOGS_STATEMENT.replace("REGION", "${data.aws_region.current.name}").replace(
    "${ACCOUNT}", "${data.aws_caller_identity.ACCOUNT.account_id}"
)


def _module(tmp_path: Path, files: dict[str, str]) -> list[str]:
    paths = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths


def _run(tmp_path: Path, paths: list[str], **options: str):
    result = run_module(str(tmp_path), paths, [LogGroupKms(**options)])
    assert not result.errors, result.errors
    for file in result.files:
        parse(file.new)  # every output re-parses
        Path(file.path).write_text(file.new, encoding="utf-8")
    return result


def _twice(tmp_path: Path, paths: list[str], **options: str):
    first = _run(tmp_path, paths, **options)
    again = _run(tmp_path, paths, **options)
    assert not again.changed_files, "second run changed the module"
    return first


def test_strip_across_files(tmp_path: Path) -> None:
    paths = _module(tmp_path, {"kms.tf": KEY, "logs.tf": LOGS})
    result = _twice(tmp_path, paths, strategy="strip")
    assert (tmp_path / "kms.tf").read_text() == KEY
    assert (tmp_path / "logs.tf").read_text() == (
        'resource "aws_cloudwatch_log_group" "lambda" {\n'
        "  # checkov:skip=CKV_AWS_158:the policy of aws_kms_key.pipeline does not let "
        "CloudWatch Logs use it (tffix AWS004)\n"
        '  name              = "/aws/lambda/orders"\n'
        "  retention_in_days = 14\n"
        "}\n"
    )
    assert [f.status.value for f in result.findings] == ["fixed"]


def test_grant_key_without_policy_uses_data_tf(tmp_path: Path) -> None:
    data = 'data "aws_availability_zones" "available" {}\n'
    paths = _module(tmp_path, {"data.tf": data, "kms.tf": KEY, "logs.tf": LOGS})
    _twice(tmp_path, paths, strategy="grant")
    assert (tmp_path / "logs.tf").read_text() == LOGS  # encryption kept
    assert (tmp_path / "data.tf").read_text() == (
        data + '\ndata "aws_region" "current" {}\n\ndata "aws_caller_identity" "current" {}\n'
    )
    kms = (tmp_path / "kms.tf").read_text()
    assert kms == (
        KEY.replace(
            "  enable_key_rotation     = true\n",
            "  enable_key_rotation     = true\n"
            "  policy = jsonencode({\n"
            '    Version = "2012-10-17"\n'
            "    Statement = [\n"
            "      {\n"
            '        Sid    = "EnableRootAccountPermissions"\n'
            '        Effect = "Allow"\n'
            "        Principal = {\n"
            '          AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"\n'
            "        }\n"
            '        Action   = "kms:*"\n'
            '        Resource = "*"\n'
            "      },\n" + LOGS_STATEMENT.replace("ACCOUNT", "current") + "    ]\n"
            "  })\n",
        )
    )


def test_grant_appends_to_jsonencode_and_reuses_data_sources(tmp_path: Path) -> None:
    key = """\
data "aws_caller_identity" "me" {}

resource "aws_kms_key" "main" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Root"
        Effect   = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${data.aws_caller_identity.me.account_id}:root"
        }
        Action   = "kms:*"
        Resource = "*"
      }
    ]
  })
}
"""
    groups = LOGS + LOGS.replace('"lambda"', '"build"').replace("lambda/orders", "build")
    groups = groups.replace("aws_kms_key.pipeline", "aws_kms_key.main")
    paths = _module(tmp_path, {"main.tf": key, "logs.tf": groups})
    _twice(tmp_path, paths, strategy="grant")
    text = (tmp_path / "main.tf").read_text()
    assert text.count("AllowCloudWatchLogs") == 1  # one statement for both groups
    assert LOGS_STATEMENT.replace("ACCOUNT", "me") in text
    assert '      },\n      {\n        Sid    = "AllowCloudWatchLogs"' in text
    assert text.count('data "aws_caller_identity"') == 1
    assert 'data "aws_region" "current" {}\n\nresource "aws_kms_key" "main"' in text


def test_grant_adds_policy_document_statement(tmp_path: Path) -> None:
    main = """\
data "aws_iam_policy_document" "key" {
  statement {
    sid       = "Root"
    actions   = ["kms:*"]
    resources = ["*"]
  }
}

resource "aws_kms_key" "main" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key.json
}

resource "aws_cloudwatch_log_group" "app" {
  name       = "/app"
  kms_key_id = aws_kms_key.main.arn
}
"""
    paths = _module(tmp_path, {"main.tf": main})
    _twice(tmp_path, paths, strategy="grant")
    text = (tmp_path / "main.tf").read_text()
    assert '    resources = ["*"]\n  }\n\n  statement {\n    sid    = "AllowCloudWatchLogs"' in text
    assert 'identifiers = ["logs.${data.aws_region.current.name}.amazonaws.com"]' in text
    assert "kms_key_id = aws_kms_key.main.arn" in text


def test_grant_reports_policies_it_cannot_edit(tmp_path: Path) -> None:
    main = """\
resource "aws_kms_key" "main" {
  enable_key_rotation = true
  policy              = <<-EOT
    {"Version": "2012-10-17", "Statement": []}
  EOT
}

resource "aws_cloudwatch_log_group" "app" {
  name       = "/app"
  kms_key_id = aws_kms_key.main.arn
}
"""
    paths = _module(tmp_path, {"main.tf": main})
    result = _twice(tmp_path, paths, strategy="grant")
    assert (tmp_path / "main.tf").read_text() == main
    assert [f.status.value for f in result.findings] == ["manual"]
    assert "logs.<region>.amazonaws.com" in result.findings[0].message


def test_grant_leaves_a_key_on_an_aliased_provider_to_a_person(tmp_path: Path) -> None:
    """data.aws_region.current would name the default provider's region, not the key's."""
    key = KEY.replace("  description", "  provider                = aws.west\n  description")
    logs = LOGS.replace("  name", "  provider          = aws.west\n  name")
    paths = _module(tmp_path, {"kms.tf": key, "logs.tf": logs})
    result = _run(tmp_path, paths, strategy="grant")
    assert result.changed_files == []
    (finding,) = result.findings
    assert finding.status.value == "manual"
    assert "the key is on provider aws.west" in finding.message


def test_the_readme_example_is_reported_by_a_default_run(tmp_path: Path) -> None:
    """examples/s3-kms (what the README runs): its log group's key has the default key
    policy, which CloudWatch Logs cannot use. AWS004 is unsafe, yet a default run reports
    it (fixable, nothing written for it) with what to check first; --unsafe-fixes applies
    it, keeping the key."""
    import shutil

    from tests.conftest import REPO, run_tffix
    from tffix.engine.session import hidden_codemods, select_codemods

    assert LogGroupKms not in select_codemods() and LogGroupKms in hidden_codemods()
    assert LogGroupKms not in hidden_codemods(unsafe=True)  # then it is a fix like any
    shutil.copytree(REPO / "examples" / "s3-kms", tmp_path / "m")
    done = run_tffix("--dry-run", "m", cwd=tmp_path)
    (line,) = [x for x in done.stdout.splitlines() if " AWS004 " in x]
    assert line.endswith("[fixable]") and "the policy of aws_kms_key.main does not let" in line
    assert "aws kms get-key-policy" in line  # the live policy may differ from the default
    assert 'Sid    = "AllowCloudWatchLogs"' not in done.stdout  # not in the diff: not applied
    assert "1 fix is available with --unsafe-fixes" in done.stdout
    run_tffix("--unsafe-fixes", "m", cwd=tmp_path)
    main = (tmp_path / "m" / "main.tf").read_text()
    assert 'Sid    = "AllowCloudWatchLogs"' in main
    assert 'Sid    = "EnableRootAccountPermissions"' in main
    assert "kms_key_id=aws_kms_key.main.arn" in main.replace(" ", "")  # the key stays
