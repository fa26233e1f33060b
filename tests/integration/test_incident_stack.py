"""Issue 6's acceptance test: the incident report's stack, fixed end to end.

``stack/`` is a Terraform module in the shape the incident report
(``seed/MODEL_FAILURES.md``) describes, with each of its twelve failures as
the generated stack had them. ``tffix --unsafe-fixes --extend-select TF001``
(formatting is opt-in) runs once on a copy
(as a user would run it, in a subprocess); each test then checks one
section of the report on the result, by parsing the fixed files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

import tffix
from tests.conftest import REPO, run_tffix
from tffix.analysis import ModuleAnalysis, analyze_directory
from tffix.analysis.evaluate import Evaluator, evaluate
from tffix.syntax import nodes as n

pytestmark = pytest.mark.slow  # whole stacks or campaigns through the CLI: seconds each

STACK = Path(__file__).resolve().parent / "stack"
KEY_ARN = "aws_kms_key.pipeline_key.arn"
PROJECT = "${var.project_name}"
SUFFIX = "${var.environment_suffix}"

# Resources whose physical name forces a new resource that holds data (and the
# function its log group is named after): renaming them deletes what they hold,
# so TF004 reports them and leaves their names.
KEPT_NAMES = {
    ("aws_s3_bucket", "artifacts"): "bucket",
    ("aws_dynamodb_table", "users"): "name",
    ("aws_dynamodb_table", "orders"): "name",
    ("aws_dynamodb_table", "notifications"): "name",
    ("aws_lambda_function", "service"): "function_name",
    ("aws_cloudwatch_log_group", "lambda"): "name",
    ("aws_cloudwatch_log_group", "codebuild"): "name",
    # Its email subscription would have to be confirmed again by a person on a new
    # topic: alarms and deployment notifications would reach nobody meanwhile.
    ("aws_sns_topic", "deployments"): "name",
    # The execution role of the API functions, its permissions in aws_iam_role_policy:
    # replaced (destroy first) under the running functions, which work without their
    # permissions until they are updated to the new role.
    ("aws_iam_role", "lambda"): "name",
    # The name applications give the key by: a new alias deletes the old name.
    ("aws_kms_alias", "pipeline_key"): "name",
}

# Every other resource of the stack with a physical name, and the attribute holding it.
PHYSICAL_NAMES = {
    ("aws_cloudwatch_metric_alarm", "lambda_errors"): "alarm_name",
    ("aws_cloudwatch_dashboard", "main"): "dashboard_name",
    ("aws_cloudwatch_event_rule", "pipeline_state"): "name",
    ("aws_iam_role", "codebuild"): "name",
    ("aws_iam_role", "codepipeline"): "name",
    ("aws_api_gateway_rest_api", "main"): "name",
    ("aws_codebuild_project", "build"): "name",
    ("aws_codepipeline", "main"): "name",
}


def _tffix(*args: str | Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return run_tffix(*args, cwd=REPO, env={**os.environ, "TFFIX_CACHE_DIR": str(cache)})


def _tf_bytes(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.glob("*.tf"))}


@dataclass
class Fixed:
    directory: Path
    run: subprocess.CompletedProcess[str]
    cache: Path

    @property
    def output(self) -> str:
        return f"exit status {self.run.returncode}\n{self.run.stdout}\n{self.run.stderr}"


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> Fixed:
    """The stack copied to a temporary directory and fixed by one tffix run."""
    root = tmp_path_factory.mktemp("incident")
    directory = root / "stack"
    shutil.copytree(STACK, directory)
    cache = root / "cache"
    run = _tffix("--unsafe-fixes", "--extend-select", "TF001", directory, cache=cache)
    result = Fixed(directory, run, cache)
    assert run.returncode in (0, 1), result.output  # 2: usage, parse or I/O error
    return result


@pytest.fixture(scope="module")
def analysis(fixed: Fixed) -> ModuleAnalysis:
    result = analyze_directory(fixed.directory)
    assert result.complete, result.errors
    return result


# ---- helpers -------------------------------------------------------------------


def _blocks(analysis: ModuleAnalysis, type_: str) -> dict[str, n.Block]:
    return {block.labels[1]: block for _path, block in analysis.resources(type_)}


def _code(block: n.Block, name: str) -> str | None:
    """The source of attribute ``name`` of ``block``, spacing removed, or None."""
    attribute = block.body.attribute(name)
    return None if attribute is None else re.sub(r"\s+", "", attribute.value.code)


def _value(block: n.Block, name: str) -> object:
    attribute = block.body.attribute(name)
    assert attribute is not None, f"{'.'.join(block.labels)} has no {name}"
    return evaluate(attribute.value)


def _items(expr: n.Expression) -> dict[str, n.ObjectItem]:
    assert isinstance(expr, n.Object), expr.code
    return {item.key_name() or item.key.code.strip(): item for item in expr.items}


def _nested(block: n.Block, type_: str) -> list[n.Block]:
    return block.body.blocks_of_type(type_)


def _file_text(fixed: Fixed) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(fixed.directory.glob("*.tf"))}


# ---- the run itself --------------------------------------------------------------


def test_input_stack_reproduces_the_report() -> None:
    """The stack under test really has the failures (so that the fixes are not vacuous)."""
    before = analyze_directory(STACK)
    assert before.complete, before.errors
    undefined = {u.reference.address for u in before.undefined()}
    assert undefined == {
        "data.aws_iam_policy_document.lambda_assume_role",
        "data.aws_iam_policy_document.codebuild_assume_role",
    }
    assert _blocks(before, "aws_s3_bucket_encryption_configuration")
    assert before.references_to("aws_s3_bucket_encryption_configuration.artifacts")
    assert before.variable("project_name") is not None
    assert before.variable("environment_suffix") is None
    assert "kms_key_id" in _blocks(before, "aws_cloudwatch_log_group")["lambda"].code
    assert "OAuthToken" in _blocks(before, "aws_codepipeline")["main"].code
    text = {p.name: p.read_text(encoding="utf-8") for p in STACK.glob("*.tf")}
    assert 'backend "s3" {}' in text["backend.tf"]
    from tffix.cst.format import format_text

    unformatted = [name for name, code in text.items() if format_text(code, path=name) != code]
    assert len(unformatted) >= 3, unformatted


def manual_findings(output: str) -> set[tuple[str, str, str]]:
    """(code, file, what it is about) of each manual finding of a text report."""
    found = set()
    for line in output.splitlines():
        match = re.match(r"(\S+?):\d+:\d+ (\w+) (\S+?):? .*\[manual\]$", line)
        if match is not None:
            found.add((match[2], Path(match[1]).name, match[3]))
    return found


def test_run_succeeds_and_leaves_only_what_needs_a_person(fixed: Fixed) -> None:
    """What a safe fix cannot do is reported: renaming what holds data, and a GitHub
    connection nobody has confirmed in the console yet."""
    assert fixed.run.returncode == 1, fixed.output  # manual findings remain
    assert "0 errors" in fixed.run.stdout, fixed.output
    # AWSV6xx (provider v6 upgrade notes on a module pinned to ~> 5.0) are not the
    # incident report's and are left out.
    assert {f for f in manual_findings(fixed.run.stdout) if not f[0].startswith("AWSV")} == {
        ("AWS005", "codepipeline.tf", "aws_codepipeline.main"),
        ("TF004", "s3.tf", "aws_s3_bucket.artifacts"),
        ("TF004", "dynamodb.tf", "aws_dynamodb_table.users"),
        ("TF004", "dynamodb.tf", "aws_dynamodb_table.orders"),
        ("TF004", "dynamodb.tf", "aws_dynamodb_table.notifications"),
        ("TF004", "cloudwatch.tf", "aws_cloudwatch_log_group.lambda"),
        ("TF004", "cloudwatch.tf", "aws_cloudwatch_log_group.codebuild"),
        ("TF004", "lambda.tf", "aws_lambda_function.service"),
        ("TF004", "sns.tf", "aws_sns_topic.deployments"),
        ("TF004", "iam.tf", "aws_iam_role.lambda"),
        ("TF004", "kms.tf", "aws_kms_alias.pipeline_key"),
        # /aws/lambda/${var.project_name}-*: the functions keep their names with their
        # log groups, so the pattern stays as written (reported).
        ("TF004", "iam.tf", "ARN"),
        # encrypt = true without kms_key_id would replace the state bucket's default
        # encryption (SSE-KMS included), and the bucket comes from -backend-config.
        ("TF002", "backend.tf", "backend"),
    }


# ---- one test per section of the report --------------------------------------------


def test_1_missing_environment_suffix(fixed: Fixed, analysis: ModuleAnalysis) -> None:
    variable = analysis.lookup("var.environment_suffix")
    assert variable is not None
    assert Path(variable.path).name == "variables.tf"
    for (type_, name), attribute in PHYSICAL_NAMES.items():
        block = _blocks(analysis, type_)[name]
        code = _code(block, attribute)
        assert code is not None and f"{PROJECT}-{SUFFIX}-" in code, (type_, name, code)
    # Names whose change would delete data stay as they were, and so do the policies
    # that name them.
    before = analyze_directory(STACK)
    for (type_, name), attribute in KEPT_NAMES.items():
        old = _code(_blocks(before, type_)[name], attribute)
        assert _code(_blocks(analysis, type_)[name], attribute) == old, (type_, name)
    policy = _code(_blocks(analysis, "aws_iam_role_policy")["lambda"], "policy") or ""
    assert f"log-group:/aws/lambda/{PROJECT}-*" in policy


def test_2_s3_bucket_encryption_configuration_error(fixed: Fixed, analysis: ModuleAnalysis) -> None:
    old = "aws_s3_bucket_encryption_configuration"
    new = "aws_s3_bucket_server_side_encryption_configuration"
    assert not _blocks(analysis, old)
    for name, text in _file_text(fixed).items():
        assert old not in text, name
    configurations = _blocks(analysis, new)
    assert list(configurations) == ["artifacts"]  # renamed, and no second one added
    block = configurations["artifacts"]
    assert _code(block, "bucket") == "aws_s3_bucket.artifacts.id"
    (default,) = _nested(_nested(block, "rule")[0], "apply_server_side_encryption_by_default")
    assert _code(default, "kms_master_key_id") == KEY_ARN
    assert _value(default, "sse_algorithm") == "aws:kms"
    where = {Path(r.path).name for r in analysis.references_to(f"{new}.artifacts")}
    assert {"codepipeline.tf", "outputs.tf"} <= where  # depends_on and the output follow
    pipeline = _blocks(analysis, "aws_codepipeline")["main"]
    assert _code(pipeline, "depends_on") == f"[{new}.artifacts]"


def test_3_dynamodb_global_secondary_index_misconfiguration(analysis: ModuleAnalysis) -> None:
    indexes = {}
    for table in _blocks(analysis, "aws_dynamodb_table").values():
        for index in _nested(table, "global_secondary_index"):
            indexes[_value(index, "name")] = _value(index, "projection_type")
    assert indexes == {
        "email-index": "ALL",
        "user-orders-index": "ALL",
        "user-index": "ALL",
        "status-index": "ALL",
    }


def test_4_inconsistent_dynamodb_table_configurations(analysis: ModuleAnalysis) -> None:
    tables = _blocks(analysis, "aws_dynamodb_table")
    assert set(tables) == {"users", "orders", "notifications"}
    for name, table in tables.items():
        assert _value(table, "deletion_protection_enabled") is False, name
        (pitr,) = _nested(table, "point_in_time_recovery")
        assert _value(pitr, "enabled") is True, name
        (sse,) = _nested(table, "server_side_encryption")
        assert _value(sse, "enabled") is True, name
        assert _code(sse, "kms_key_arn") == KEY_ARN, name


def test_5_kms_key_rotation_not_enabled(analysis: ModuleAnalysis) -> None:
    keys = _blocks(analysis, "aws_kms_key")
    assert list(keys) == ["pipeline_key"]
    assert _value(keys["pipeline_key"], "enable_key_rotation") is True


def test_6_cloudwatch_log_group_kms_encryption(analysis: ModuleAnalysis) -> None:
    """AWS004's default strategy, ``grant``: the log groups keep the key the author chose,
    and the key policy lets CloudWatch Logs of this account and region use it."""
    groups = _blocks(analysis, "aws_cloudwatch_log_group")
    assert set(groups) == {"lambda", "codebuild"}
    for name, group in groups.items():
        assert _code(group, "kms_key_id") == KEY_ARN, name
        assert "checkov:skip" not in group.code, name
        assert _value(group, "retention_in_days") == 14, name
    from tffix.aws.kms import grants_logs

    key = _blocks(analysis, "aws_kms_key")["pipeline_key"]
    assert grants_logs(analysis, key) is True
    policy = _code(key, "policy") or ""
    assert '"kms:EncryptionContext:aws:logs:arn"' in policy  # limited to this account's groups
    assert policy.count("Principal") == 3  # the two statements it had, and the one added


def test_7_codepipeline_github_token_reference(analysis: ModuleAnalysis) -> None:
    """The module has no GitHub connection to move to, and a new one would be PENDING
    until an organisation admin confirms it: the source is reported, not swapped, and
    the data source reading the token (a secret made outside the module) stays."""
    assert not _blocks(analysis, "aws_codestarconnections_connection")
    pipeline = _blocks(analysis, "aws_codepipeline")["main"]
    (action,) = [
        action
        for stage in _nested(pipeline, "stage")
        for action in _nested(stage, "action")
        if _value(action, "category") == "Source"
    ]
    assert _value(action, "provider") == "GitHub"
    configuration = action.body.attribute("configuration")
    assert configuration is not None
    assert "OAuthToken" in _items(configuration.value)
    assert analysis.data_sources("aws_secretsmanager_secret_version")
    policy = _code(_blocks(analysis, "aws_iam_role_policy")["codepipeline"], "policy") or ""
    assert "codestar-connections:UseConnection" not in policy


def test_8_lambda_function_source_code_hash(analysis: ModuleAnalysis) -> None:
    functions = _blocks(analysis, "aws_lambda_function")
    assert functions
    for name, function in functions.items():
        filename = _code(function, "filename")
        assert filename is not None and filename.startswith("data.archive_file."), name
        assert filename.endswith("[each.key].output_path"), filename
        archive = filename.removesuffix(".output_path")
        assert _code(function, "source_code_hash") == f"{archive}.output_base64sha256", name


def test_9_missing_data_sources(analysis: ModuleAnalysis) -> None:
    expected = {
        "lambda_assume_role": "lambda.amazonaws.com",
        "codebuild_assume_role": "codebuild.amazonaws.com",
    }
    documents = {
        block.labels[1]: (path, block)
        for path, block in analysis.data_sources("aws_iam_policy_document")
    }
    for name, principal in expected.items():
        assert name in documents, sorted(documents)
        path, document = documents[name]
        assert Path(path).name == "data.tf"  # where the module keeps its data sources
        (statement,) = _nested(document, "statement")
        assert _value(statement, "actions") == ["sts:AssumeRole"]
        effect = statement.body.attribute("effect")
        assert effect is None or evaluate(effect.value) == "Allow"
        (principals,) = _nested(statement, "principals")
        assert _value(principals, "type") == "Service"
        assert _value(principals, "identifiers") == [principal]
        assert analysis.references_to(f"data.aws_iam_policy_document.{name}")


def test_10_api_gateway_integration_key_mismatches(analysis: ModuleAnalysis) -> None:
    integration = _blocks(analysis, "aws_api_gateway_integration")["endpoint"]
    assert _code(integration, "uri") == "aws_lambda_function.service[each.value.service].invoke_arn"
    # Resources iterated over the same map as the integration keep each.key.
    assert _code(integration, "resource_id") == "aws_api_gateway_resource.endpoint[each.key].id"
    # And each.value.service is indeed a key of the functions, for every endpoint.
    evaluator = Evaluator(analysis)
    endpoints = evaluator.local_value("api_endpoints")
    services = evaluator.local_value("lambda_services")
    assert isinstance(endpoints, dict) and isinstance(services, dict)
    assert not set(endpoints) & set(services)  # each.key could never have worked
    assert {e["service"] for e in endpoints.values()} <= set(services)


def test_11_terraform_backend_configuration(analysis: ModuleAnalysis) -> None:
    backends = [
        (path, backend)
        for path, module in analysis.files.items()
        for block in module.body.blocks_of_type("terraform")
        for backend in block.body.blocks_of_type("backend")
    ]
    assert len(backends) == 1
    path, backend = backends[0]
    assert Path(path).name == "backend.tf"
    assert backend.labels == ["s3"]
    # No encrypt = true: the state bucket (from -backend-config) is not shown, and
    # without kms_key_id the line would replace an SSE-KMS default with SSE-S3 (reported).
    assert backend.body.attribute("encrypt") is None
    locking = backend.body.attribute("use_lockfile") or backend.body.attribute("dynamodb_table")
    assert locking is not None, backend.code
    if locking.name == "use_lockfile":
        assert evaluate(locking.value) is True
    # A partial configuration: per-environment values come from -backend-config.
    for name in ("bucket", "key", "region"):
        assert backend.body.attribute(name) is None, name


def test_12_missing_terraform_formatting(fixed: Fixed) -> None:
    """Every file is laid out exactly as tffix's terraform-fmt twin would write it."""
    from tffix.cst.format import format_text

    for name, text in _file_text(fixed).items():
        assert format_text(text, path=name) == text, name
        tffix.parse_file(fixed.directory / name)  # and still parses


@pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform is not installed")
def test_12_missing_terraform_formatting_terraform_fmt(fixed: Fixed) -> None:
    run = subprocess.run(
        ["terraform", "fmt", "-check", "-recursive", "-diff", str(fixed.directory)],
        env={**os.environ, "TF_CLI_CONFIG_FILE": os.devnull},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr


# ---- the module as a whole ----------------------------------------------------------


def test_every_reference_resolves(analysis: ModuleAnalysis) -> None:
    undefined = [f"{u.reference.position}: {u.message}" for u in analysis.undefined()]
    assert undefined == []


def test_second_run_changes_nothing(fixed: Fixed, tmp_path: Path) -> None:
    again = tmp_path / "stack"
    shutil.copytree(fixed.directory, again)
    run = _tffix(
        "--unsafe-fixes", "--extend-select", "TF001", "--no-cache", again, cache=fixed.cache
    )
    assert run.returncode == 1, run.stdout + run.stderr  # the same manual findings
    assert "[fixed]" not in run.stdout, run.stdout
    assert manual_findings(run.stdout) == manual_findings(fixed.run.stdout)
    assert _tf_bytes(again) == _tf_bytes(fixed.directory)
