"""AWS006, AWS009, AWS010, AWS011: what the before/after corpus cannot show.

The corpus cases (corpus/AWS0xx/) hold the usual shapes. Here: options,
inputs whose fix `terraform fmt` would rewrite further (so no fmt-clean
after file exists), CRLF files, the four codemods together on a stack like
the seed's, and the real-world shared corpus (fixes stay `terraform fmt`
clean and a second run changes nothing).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SHARED_CORPUS
from tffix.engine.registry import get
from tffix.engine.runner import run_module
from tffix.syntax.parser import encode

CODES = ("AWS006", "AWS009", "AWS010", "AWS011")
TERRAFORM = shutil.which("terraform")


def run(directory: Path, codes: tuple[str, ...] = CODES, **options: object):
    paths = sorted(str(p) for p in directory.glob("*.tf"))
    codemods = [get(code)(**options) if options else get(code)() for code in codes]
    result = run_module(str(directory), paths, codemods)
    assert not result.errors, result.errors
    return result


def fix_text(tmp_path: Path, text: str, codes: tuple[str, ...] = CODES, **options: object):
    path = tmp_path / "main.tf"
    path.write_bytes(text.encode("utf-8"))
    result = run(tmp_path, codes, **options)
    (file,) = result.files
    return file.new, result.findings


def manual(findings) -> list[str]:
    return [f.message for f in findings if f.status.value == "manual"]


def fmt_clean(directory: Path) -> set[str]:
    """Files under ``directory`` that terraform fmt would change."""
    done = subprocess.run(
        [TERRAFORM or "terraform", "fmt", "-check", "-list=true", "-recursive", str(directory)],
        capture_output=True,
        text=True,
        env={**os.environ, "TF_CLI_CONFIG_FILE": os.devnull},
        check=False,
    )
    assert done.returncode in (0, 3), done.stderr
    return set(done.stdout.split())


# ---- AWS006 --------------------------------------------------------------------


def test_aws006_interpolated_filename_gets_a_plain_reference(tmp_path: Path) -> None:
    # The module says it needs Terraform 0.12 (without that, "${...}"-only code may be
    # 0.11's, which cannot parse a plain reference: left untouched, tffix.analysis.dialect).
    version = '\nterraform {\n  required_version = ">= 0.12"\n}\n'
    new, findings = fix_text(
        tmp_path,
        'resource "aws_lambda_function" "f" {\n'
        '  filename = "${data.archive_file.f.output_path}"\n'
        "}\n" + version,
        ("AWS006",),
    )
    assert new == (
        'resource "aws_lambda_function" "f" {\n'
        '  filename         = "${data.archive_file.f.output_path}"\n'
        "  source_code_hash = data.archive_file.f.output_base64sha256\n"
        "}\n" + version
    )
    assert manual(findings) == []


def test_aws006_existing_interpolated_hash_counts_as_equal(tmp_path: Path) -> None:
    text = (
        'resource "aws_lambda_function" "f" {\n'
        "  filename         = data.archive_file.f.output_path\n"
        '  source_code_hash = "${data.archive_file.f.output_base64sha256}"\n'
        "}\n"
    )
    new, findings = fix_text(tmp_path, text, ("AWS006",))
    assert new == text
    assert findings == []


def test_aws006_shared_fix_option_adds_the_hash_to_each(tmp_path: Path) -> None:
    text = (
        'resource "aws_lambda_function" "a" {\n'
        '  handler  = "a.handler"\n'
        "  filename = data.archive_file.pkg.output_path\n"
        "}\n\n"
        'resource "aws_lambda_function" "b" {\n'
        '  handler  = "b.handler"\n'
        "  filename = data.archive_file.pkg.output_path\n"
        "}\n"
    )
    new, findings = fix_text(tmp_path, text, ("AWS006",), shared="fix")
    assert new.count("source_code_hash = data.archive_file.pkg.output_base64sha256") == 2
    assert manual(findings) == []


def test_aws006_literal_indexes_that_collide_are_shared(tmp_path: Path) -> None:
    text = (
        'resource "aws_lambda_function" "a" {\n'
        '  filename = data.archive_file.pkg["x"].output_path\n'
        "}\n\n"
        'resource "aws_lambda_function" "b" {\n'
        '  filename = data.archive_file.pkg["x"].output_path\n'
        "}\n\n"
        'resource "aws_lambda_function" "c" {\n'
        '  filename = data.archive_file.pkg["y"].output_path\n'
        "}\n"
    )
    new, findings = fix_text(tmp_path, text, ("AWS006",))
    assert new.count("source_code_hash") == 1
    assert 'pkg["y"].output_base64sha256' in new
    assert len(manual(findings)) == 2


def test_aws006_rejects_an_unknown_shared_mode() -> None:
    with pytest.raises(ValueError, match="shared"):
        get("AWS006")(shared="sometimes")


# ---- AWS009 --------------------------------------------------------------------


def test_aws009_days_option(tmp_path: Path) -> None:
    new, _ = fix_text(
        tmp_path,
        # A deployment (its provider configured): a retention is set.
        'resource "aws_cloudwatch_log_group" "g" {\n  name = "g"\n}\n\nprovider "aws" {}\n',
        ("AWS009",),
        days=14,
    )
    assert "retention_in_days = 14" in new


def test_aws009_default_is_a_year(tmp_path: Path) -> None:
    assert get("AWS009")().settings["days"] == 365  # checkov CKV_AWS_338


def test_aws009_audit_groups_keep_a_year_whatever_the_option(tmp_path: Path) -> None:
    text = (
        'resource "aws_cloudwatch_log_group" "trail" {\n  name = "trail"\n}\n\n'
        'resource "aws_cloudwatch_log_group" "app" {\n  name = "app"\n}\n\n'
        'resource "aws_cloudwatch_log_group" "month" {\n'
        '  name              = "month"\n  retention_in_days = 30\n}\n\n'
        'resource "aws_cloudtrail" "t" {\n'
        "  cloud_watch_logs_group_arn = aws_cloudwatch_log_group.trail.arn\n}\n\n"
        'provider "aws" {}\n'  # a deployment: retentions are set
    )
    new, findings = fix_text(tmp_path, text, ("AWS009",), days=14)
    assert new == text.replace(
        '  name = "trail"\n', '  name              = "trail"\n  retention_in_days = 365\n'
    ).replace('  name = "app"\n', '  name              = "app"\n  retention_in_days = 14\n')
    trail = next(f for f in findings if "trail" in f.message)
    assert "CloudTrail events" in trail.message and "365" in trail.message
    assert manual(findings) == []  # 30 days on an ordinary group is the author's choice


@pytest.mark.parametrize("days", [10, -1, "14", True, 4000])
def test_aws009_rejects_a_retention_cloudwatch_does_not_accept(days: object) -> None:
    with pytest.raises(ValueError, match="AWS009"):
        get("AWS009")(days=days)


# ---- AWS010 --------------------------------------------------------------------


def test_aws010_keeps_crlf(tmp_path: Path) -> None:
    text = (
        'resource "aws_iam_role" "f" {\r\n  name = "f"\r\n}\r\n\r\n'
        'resource "aws_lambda_function" "f" {\r\n'
        '  function_name = "f"\r\n'
        "  role          = aws_iam_role.f.arn\r\n"
        "}\r\n"
    )
    new, _ = fix_text(tmp_path, text, ("AWS010",))
    assert new == (
        'resource "aws_iam_role" "f" {\r\n  name = "f"\r\n}\r\n\r\n'
        'resource "aws_iam_role_policy_attachment" "f_xray" {\r\n'
        "  role       = aws_iam_role.f.name\r\n"
        '  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"\r\n'
        "}\r\n\r\n"
        'resource "aws_lambda_function" "f" {\r\n'
        '  function_name = "f"\r\n'
        "  role          = aws_iam_role.f.arn\r\n"
        "\r\n"
        "  tracing_config {\r\n"
        '    mode = "Active"\r\n'
        "  }\r\n"
        "\r\n"
        "  depends_on = [aws_iam_role_policy_attachment.f_xray]\r\n"
        "}\r\n"
    )


def test_aws010_role_in_another_file_gets_its_attachment_there(tmp_path: Path) -> None:
    (tmp_path / "iam.tf").write_text(
        'resource "aws_iam_role" "api" {\n'
        "  provider           = aws.eu\n"
        '  name               = "api"\n'
        "  assume_role_policy = data.aws_iam_policy_document.assume.json\n"
        "}\n",
        encoding="utf-8",
    )
    (tmp_path / "data.tf").write_text('data "aws_partition" "current" {}\n', encoding="utf-8")
    (tmp_path / "lambda.tf").write_text(
        'resource "aws_lambda_function" "api" {\n'
        "  provider      = aws.eu\n"
        '  function_name = "api"\n'
        "  role          = aws_iam_role.api.arn\n"
        "\n"
        "  depends_on = [\n"
        "    aws_cloudwatch_log_group.api, # logs first\n"
        "  ]\n"
        "}\n",
        encoding="utf-8",
    )
    result = run(tmp_path, ("AWS010",))
    changed = {Path(f.path).name: f.new for f in result.changed_files}
    assert set(changed) == {"iam.tf", "lambda.tf"}
    # The data source has another provider configuration: the partition is not taken from it.
    assert changed["iam.tf"].endswith(
        'resource "aws_iam_role_policy_attachment" "api_xray" {\n'
        "  provider = aws.eu\n"
        "\n"
        "  role       = aws_iam_role.api.name\n"
        '  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"\n'
        "}\n"
    )
    assert changed["lambda.tf"].endswith(
        "  depends_on = [\n"
        "    aws_cloudwatch_log_group.api, # logs first\n"
        "    aws_iam_role_policy_attachment.api_xray,\n"
        "  ]\n"
        "}\n"
    )
    (finding,) = result.findings
    assert "aws_iam_role_policy_attachment.api_xray" in finding.message
    assert "aws partition" in finding.message
    for file in result.changed_files:
        Path(file.path).write_text(file.new, encoding="utf-8")
    assert not run(tmp_path, ("AWS010",)).changed_files
    if TERRAFORM is not None:
        assert fmt_clean(tmp_path) == set()


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"shared corpus absent: {SHARED_CORPUS}")
def test_aws010_terragoat_deprecated_runtime_is_reported(tmp_path: Path) -> None:
    """terragoat's analysis_lambda runs nodejs12.x: Lambda blocks updates to it, so
    turning tracing on would fail to apply; it is reported, nothing changes."""
    source = SHARED_CORPUS / "bridgecrewio+terragoat" / "terraform" / "aws"
    for tf in source.glob("*.tf"):
        shutil.copyfile(tf, tmp_path / tf.name)
    result = run(tmp_path, ("AWS010",))
    assert not result.changed_files
    (finding,) = result.findings
    assert finding.status.value == "manual" and "nodejs12.x" in finding.message


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"shared corpus absent: {SHARED_CORPUS}")
def test_aws010_terragoat_role_gets_x_ray_before_tracing(tmp_path: Path) -> None:
    """The same function on a supported runtime: its role has no X-Ray grant (Lambda
    would refuse Active), so the grant comes first."""
    source = SHARED_CORPUS / "bridgecrewio+terragoat" / "terraform" / "aws"
    for tf in source.glob("*.tf"):
        text = tf.read_text(encoding="utf-8").replace('"nodejs12.x"', '"nodejs24.x"')
        (tmp_path / tf.name).write_text(text, encoding="utf-8")
    result = run(tmp_path, ("AWS010",))
    (lambda_tf,) = [f for f in result.changed_files if Path(f.path).name == "lambda.tf"]
    assert 'resource "aws_iam_role_policy_attachment" "iam_for_lambda_xray"' in lambda_tf.new
    assert "depends_on = [aws_iam_role_policy_attachment.iam_for_lambda_xray]" in lambda_tf.new
    assert [f.status.value for f in result.findings] == ["fixed"]


# ---- together ---------------------------------------------------------------------

SEED_LIKE = """\
locals {
  services = {
    orders = { memory = 256 }
    users  = { memory = 128 }
  }
}

data "archive_file" "service" {
  for_each = local.services

  type        = "zip"
  output_path = "${path.module}/build/${each.key}.zip"

  source {
    content  = templatefile("${path.module}/lambda_function.py.tpl", { service = each.key })
    filename = "lambda_function.py"
  }
}

resource "aws_cloudwatch_log_group" "lambda" {
  for_each = local.services
  name     = "/aws/lambda/${each.key}"
}

resource "aws_lambda_function" "service" {
  for_each = local.services

  function_name = each.key
  role          = aws_iam_role.lambda.arn
  handler       = "lambda_function.handler"
  runtime       = "python3.12"
  memory_size   = each.value.memory
  filename      = data.archive_file.service[each.key].output_path

  environment {
    variables = {
      SERVICE = each.key
    }
  }

  depends_on = [aws_cloudwatch_log_group.lambda]
}

resource "aws_iam_role" "lambda" {
  name               = "services"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
}

resource "aws_api_gateway_stage" "main" {
  deployment_id = aws_api_gateway_deployment.main.id
  rest_api_id   = aws_api_gateway_rest_api.main.id
  stage_name    = "prod"
}

provider "aws" {
  region = "eu-west-1"
}
"""


def test_all_four_on_a_seed_like_stack(tmp_path: Path) -> None:
    new, findings = fix_text(tmp_path, SEED_LIKE)
    assert manual(findings) == []
    assert {f.code for f in findings} == set(CODES)
    assert "source_code_hash = data.archive_file.service[each.key].output_base64sha256" in new
    assert "retention_in_days = 365" in new
    assert 'tracing_config {\n    mode = "Active"\n  }\n\n  depends_on' in new
    # The role could not write traces: the fix attaches the policy and waits for it.
    assert 'resource "aws_iam_role_policy_attachment" "lambda_xray"' in new
    assert (
        "depends_on = [aws_cloudwatch_log_group.lambda, aws_iam_role_policy_attachment.lambda_xray]"
        in new
    )
    assert "xray_tracing_enabled = true" in new
    (tmp_path / "main.tf").write_text(new, encoding="utf-8")
    again, _ = fix_text(tmp_path, new)
    assert again == new
    if TERRAFORM is not None:
        assert fmt_clean(tmp_path) == set()


@pytest.mark.slow
@pytest.mark.skipif(TERRAFORM is None, reason="terraform not on PATH (the formatting oracle)")
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"shared corpus absent: {SHARED_CORPUS}")
def test_shared_corpus_fixes_stay_fmt_clean_and_idempotent(tmp_path: Path) -> None:
    types = ("aws_lambda_function", "aws_cloudwatch_log_group", "aws_api_gateway_stage")
    sources = sorted(
        {
            p.parent
            for p in SHARED_CORPUS.rglob("*.tf")
            if any(t in p.read_text("utf-8", "replace") for t in types)
        }
    )
    work = tmp_path / "corpus"
    directories = []
    for k, source in enumerate(sources):  # only the modules these codemods can touch
        directory = work / str(k)
        directory.mkdir(parents=True)
        for tf in source.glob("*.tf"):
            shutil.copyfile(tf, directory / tf.name)
        if not any(
            'provider "aws"' in tf.read_text("utf-8", "replace") for tf in source.glob("*.tf")
        ):
            # Out of its repository nothing says whether the directory is deployed or
            # called (where AWS009 sets no retention): the copy stands for a deployment.
            (directory / "zz_provider.tf").write_text('provider "aws" {}\n', encoding="utf-8")
        directories.append(directory)
    unclean_before = fmt_clean(work)
    changed = 0
    for directory in directories:
        paths = sorted(str(p) for p in directory.glob("*.tf"))
        result = run_module(str(directory), paths, [get(code)() for code in CODES])
        if result.errors:
            continue  # a module that does not parse is left alone by design
        for file in result.changed_files:
            Path(file.path).write_bytes(encode(file.new))
            changed += 1
        again = run_module(str(directory), paths, [get(code)() for code in CODES])
        assert not again.changed_files, sources[directories.index(directory)]
    assert changed, "expected at least one fix in the shared corpus"
    assert fmt_clean(work) - unclean_before == set()


@pytest.mark.parametrize("code", ["AWS003", "AWS009", "AWS010", "AWS011"])
def test_explanations_state_fix_safety_and_cite_no_internal_report(code: str) -> None:
    """ruff's shape: when the fix is safe, what it could break, what it checks first."""
    text = get(code).explanation
    safety = text[text.index("Fix safety:") :]
    assert "could break" in safety and "checks first" in safety
    for word in ("incident", "seed", "model"):
        assert word not in text.lower(), word


ROLE_AND_FUNCTION = (
    'resource "aws_iam_role" "f" {\n  name = "f"\n}\n\n'
    'resource "aws_iam_role_policy_attachment" "logs" {\n'
    "  role       = aws_iam_role.f.name\n"
    '  policy_arn = "arn:%s:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"\n'
    "}\n\n"
    'resource "aws_lambda_function" "f" {\n'
    '  function_name = "f"\n'
    "  role          = aws_iam_role.f.arn\n"
    "%s"
    "}\n"
)


def test_aws010_takes_the_partition_of_the_modules_arns(tmp_path: Path) -> None:
    new, findings = fix_text(tmp_path, ROLE_AND_FUNCTION % ("aws-us-gov", ""), ("AWS010",))
    assert 'policy_arn = "arn:aws-us-gov:iam::aws:policy/AWSXRayDaemonWriteAccess"' in new
    assert "partition aws-us-gov" in findings[0].message


def test_aws010_several_partitions_is_a_manual_finding_and_no_edit(tmp_path: Path) -> None:
    other = '  description   = "reads arn:aws-cn:s3:::bucket"\n'
    text = ROLE_AND_FUNCTION % ("aws", other)
    new, findings = fix_text(tmp_path, text, ("AWS010",))
    assert new == text
    assert manual(findings) == [
        "aws_lambda_function.f: active X-Ray tracing not enabled: the module's ARNs use "
        "several partitions, so the ARN of the policy to attach to aws_iam_role.f is not "
        "known. Lambda rejects active tracing unless the execution role grants "
        "xray:PutTraceSegments and xray:PutTelemetryRecords (InvalidParameterValueException), "
        "e.g. through the AWS managed policy AWSXRayDaemonWriteAccess"
    ]


def test_aws009_audit_groups_found_through_locals_and_firewall_logging(tmp_path: Path) -> None:
    from tests.conftest import OWN_CORPUS

    case = OWN_CORPUS / "AWS009" / "audit_through_locals"
    text = case.with_suffix(".before.tf").read_text(encoding="utf-8")
    new, findings = fix_text(tmp_path, text, ("AWS009",), days=14)
    # The same output as with the default: both groups keep a year whatever the option.
    assert new == case.with_suffix(".after.tf").read_text(encoding="utf-8")
    assert [f.message.rsplit("; ", 1)[-1] for f in findings] == [
        "it receives CloudTrail events, kept at least 365 days for audits",
        "it receives Network Firewall flow and alert logs, kept at least 365 days for audits",
    ]


_CALLED_FUNCTION = """\
variable "policy" {
  type = string
}

resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_iam_policy" "fn" {
  name   = "fn"
  policy = var.policy
}

resource "aws_iam_role_policy_attachment" "fn" {
  role       = aws_iam_role.fn.name
  policy_arn = aws_iam_policy.fn.arn
}

resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn

  tracing_config {
    mode = "Active"
  }
}
"""


@pytest.mark.parametrize(
    ("actions", "reported"),
    [
        ('["dynamodb:*"]', True),
        ('["dynamodb:*", "xray:PutTraceSegments", "xray:PutTelemetryRecords"]', False),
    ],
)
def test_aws010_active_tracing_with_the_policy_its_callers_pass(
    tmp_path: Path, actions: str, reported: bool
) -> None:
    """A called module whose role's policy is an input: what the repository's callers
    pass decides whether the role may write traces (the module alone does not say)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "main.tf").write_text(
        'provider "aws" {}\n\n'
        'module "fn" {\n'
        '  source = "./modules/fn"\n'
        "  policy = jsonencode({\n"
        '    Version   = "2012-10-17"\n'
        f'    Statement = [{{ Effect = "Allow", Action = {actions}, Resource = "*" }}]\n'
        "  })\n"
        "}\n",
        encoding="utf-8",
    )
    called = tmp_path / "modules" / "fn"
    called.mkdir(parents=True)
    (called / "main.tf").write_text(_CALLED_FUNCTION, encoding="utf-8")
    result = run(called, ("AWS010",))
    assert not result.changed_files
    found = manual(result.findings)
    if reported:
        (message,) = found
        assert "xray:PutTraceSegments" in message and "module.fn in ../../main.tf" in message
    else:
        assert found == []
        assert any("may write traces" in note for note in map(str, result.notes))
