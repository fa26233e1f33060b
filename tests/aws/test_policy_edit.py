"""Adding a statement to a policy written in HCL (tffix.aws.policy_edit)."""

from __future__ import annotations

from tffix import parse
from tffix.analysis.module import analyze_modules
from tffix.aws.policy_edit import append_statement

JSON_STATEMENT = '  {\n    Effect = "Allow"\n    Action = "kms:Decrypt"\n  }'
DOCUMENT_STATEMENT = 'statement {\n  effect  = "Allow"\n  actions = ["kms:Decrypt"]\n}'

MODULE = """\
resource "aws_iam_role_policy" "inline" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:GetObject" },
    ]
  })
}

resource "aws_iam_role_policy" "documented" {
  policy = data.aws_iam_policy_document.doc.json
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions = ["s3:GetObject"]
  }
}

resource "aws_iam_role_policy" "heredoc" {
  policy = <<EOF
{"Statement": []}
EOF
}
"""


def test_a_statement_joins_jsonencode_and_document_policies_and_heredocs_are_left() -> None:
    module = parse(MODULE)
    analysis = analyze_modules("/m", {"/m/main.tf": module})
    inline, documented, heredoc = (b for b in module.body.blocks if b.type == "resource")
    tail = MODULE[MODULE.index('resource "aws_iam_role_policy" "heredoc"') :]
    where = append_statement(analysis, inline, "policy", JSON_STATEMENT, DOCUMENT_STATEMENT)
    assert where == "aws_iam_role_policy.inline.policy"
    assert '"s3:GetObject" },\n  {\n    Effect = "Allow"\n    Action = "kms:Decrypt"' in module.code
    where = append_statement(analysis, documented, "policy", JSON_STATEMENT, DOCUMENT_STATEMENT)
    assert where == "data.aws_iam_policy_document.doc"
    assert module.code.count("statement {") == 2
    assert append_statement(analysis, heredoc, "policy", JSON_STATEMENT, DOCUMENT_STATEMENT) is None
    assert append_statement(analysis, inline, "absent", JSON_STATEMENT, DOCUMENT_STATEMENT) is None
    assert module.code.endswith(tail)  # the heredoc policy is untouched
    assert parse(module.code).code == module.code  # still HCL


def test_the_region_attribute_follows_the_provider_versions_allowed(tmp_path) -> None:
    """data.aws_region's name is region from provider v6 on; name before (and deprecated,
    still there, in v6): region only where every allowed version is a 6.x."""
    from tffix.analysis.module import analyze_directory
    from tffix.aws.policy_edit import region_attribute

    cases = {"~> 6.0": "region", ">= 6.2": "region", "~> 5.0": "name", ">= 5.0": "name"}
    for constraint, expected in cases.items():
        directory = tmp_path / constraint.replace(" ", "").replace(">", "gt").replace("~", "t")
        directory.mkdir()
        (directory / "versions.tf").write_text(
            "terraform {\n  required_providers {\n    aws = {\n"
            f'      source  = "hashicorp/aws"\n      version = "{constraint}"\n'
            "    }\n  }\n}\n"
        )
        assert region_attribute(analyze_directory(directory)) == expected, constraint
    empty = tmp_path / "none"
    empty.mkdir()
    (empty / "main.tf").write_text('data "aws_region" "current" {}\n')
    assert region_attribute(analyze_directory(empty)) == "name"
