"""TF004 across the files of one module, and its option.

The corpus cases are single files; here the variable goes to variables.tf,
the names live in main.tf and the IAM policy that names them in iam.tf.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tffix import parse
from tffix.analysis.module import analyze_directory
from tffix.codemods.tf004_environment_suffix import _validation_max
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
resource "aws_sns_topic" "alerts" {
  name = "${var.project_name}-alerts"
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = "arn:aws:iam::123456789012:role/orders"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "orders.zip"
}
"""

IAM = """\
data "aws_iam_policy_document" "access" {
  statement {
    actions = ["sns:Publish"]
    resources = [
      "arn:aws:sns:${var.region}:*:${var.project_name}-alerts",
    ]
  }

  statement {
    actions   = ["lambda:InvokeFunction"]
    resources = ["arn:aws:lambda:${var.region}:*:function:orders"]
  }
}
"""

# Names whose change replaces a resource holding data.
STATEFUL = """\
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

STATEFUL_IAM = """\
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
    assert f'name = "{SUFFIX}-alerts"' in main
    assert f'function_name = "{SUFFIX}-orders"' in main
    iam = (module / "iam.tf").read_text()
    assert f'"arn:aws:sns:${{var.region}}:*:{SUFFIX}-alerts",' in iam
    assert f'function:{SUFFIX}-orders"' in iam
    # Physical renames replace resources: every rename finding says so.
    renames = [f for f in result.findings if " is now " in f.message]
    assert len(renames) == 2
    assert all("replaces the resource" in f.message for f in renames)
    # Every reference resolves, and a second run changes nothing.
    assert analyze_directory(module).undefined() == []
    again = _run(module)
    assert again.changed_files == []


def test_names_that_replace_data_are_reported_not_renamed(tmp_path: Path) -> None:
    """A bucket's or a table's name forces a new resource: renaming one deletes its data.
    Nothing is renamed, no variable is declared for nothing, the policies stay."""
    (tmp_path / "variables.tf").write_text(VARIABLES)
    (tmp_path / "main.tf").write_text(STATEFUL)
    (tmp_path / "iam.tf").write_text(STATEFUL_IAM)
    result = _run(tmp_path)
    assert result.changed_files == []
    manual = sorted(f.message for f in result.findings if f.status.value == "manual")
    assert [m.split(":")[0] for m in manual] == [
        "aws_dynamodb_table.orders",
        "aws_s3_bucket.artifacts",
    ]
    assert all("forces a new resource" in m and "moved block does not help" in m for m in manual)
    assert "every item" in manual[0] and "objects" in manual[1]


def test_a_function_whose_log_group_holds_data_keeps_its_name(tmp_path: Path) -> None:
    """The log group is named after the function: renaming the function replaces it."""
    (tmp_path / "variables.tf").write_text(VARIABLES)
    main = MAIN + (
        '\nresource "aws_cloudwatch_log_group" "orders" {\n'
        '  name = "/aws/lambda/${aws_lambda_function.orders.function_name}"\n}\n'
    )
    (tmp_path / "main.tf").write_text(main)
    result = _run(tmp_path)
    text = (tmp_path / "main.tf").read_text()
    assert 'function_name = "orders"' in text  # held back with its log group
    assert f'name = "{SUFFIX}-alerts"' in text  # a topic holds no data that a rename loses
    (held,) = [f for f in result.findings if f.message.startswith("aws_lambda_function.orders")]
    assert held.status.value == "manual"
    assert "aws_cloudwatch_log_group.orders is built from it" in held.message


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


# ---- names and their length limits -------------------------------------------------

LONG_PROJECT = """\
variable "project_name" {
  type    = string
  default = "cicd-platform"
}
"""

# A target group (at most 32 characters), made before the old one is destroyed (a
# listener may forward to it). Not a CodeStar connection: a renamed one is created
# anew in the PENDING state, so TF004 never renames one.
CONNECTION = """\
resource "aws_lb_target_group" "github" {
  name        = "main-github"
  target_type = "ip"

  lifecycle {
    create_before_destroy = true
  }
}
"""


def test_max_length_option_bounds_the_suffix_and_the_names(tmp_path: Path) -> None:
    """32 characters: 13 (project) + 8 (suffix) + 13 do not fit, 13 + 4 + 13 do."""
    (tmp_path / "variables.tf").write_text(LONG_PROJECT)
    (tmp_path / "main.tf").write_text(CONNECTION)
    result = _run(tmp_path)
    assert (tmp_path / "main.tf").read_text() == CONNECTION
    assert (tmp_path / "variables.tf").read_text() == LONG_PROJECT  # nothing to declare it for
    (manual,) = [f for f in result.findings if f.status.value == "manual"]
    assert "could be 34 characters" in manual.message and "over the 32" in manual.message

    result = _run(tmp_path, max_length=4)
    main = (tmp_path / "main.tf").read_text()
    assert f'name        = "{SUFFIX}-main-github"' in main
    variables = (tmp_path / "variables.tf").read_text()
    assert '"^[a-z0-9][a-z0-9-]{0,3}$"' in variables and "must be 1-4 lowercase" in variables
    assert not [f for f in result.findings if f.status.value == "manual"]
    # The second run reads the bound back from the validation it wrote.
    assert _run(tmp_path).changed_files == []


def test_max_length_must_be_a_positive_integer() -> None:
    for wrong in (0, -3, "8", True):
        with pytest.raises(ValueError, match="max_length"):
            get("TF004")(max_length=wrong)


def test_aws005_creates_no_connection_for_tf004_to_name(tmp_path: Path) -> None:
    """AWS005 never creates a connection (it would be PENDING): TF004 renames the
    pipeline, and AWS005's finding says what is missing."""
    (tmp_path / "variables.tf").write_text(LONG_PROJECT)
    (tmp_path / "pipeline.tf").write_text(
        'resource "aws_codepipeline" "deployment_pipeline" {\n'
        '  name     = "${var.project_name}-pipeline"\n'
        '  role_arn = "arn:aws:iam::123456789012:role/pipeline"\n\n'
        "  artifact_store {\n"
        '    location = "artifacts"\n'
        '    type     = "S3"\n'
        "  }\n\n"
        "  stage {\n"
        '    name = "Source"\n\n'
        "    action {\n"
        '      name             = "Source"\n'
        '      category         = "Source"\n'
        '      owner            = "ThirdParty"\n'
        '      provider         = "GitHub"\n'
        '      version          = "1"\n'
        '      output_artifacts = ["source"]\n\n'
        "      configuration = {\n"
        '        Owner      = "acme"\n'
        '        Repo       = "shop"\n'
        '        Branch     = "main"\n'
        "        OAuthToken = data.aws_secretsmanager_secret_version.github.secret_string\n"
        "      }\n"
        "    }\n"
        "  }\n"
        "}\n\n"
        'data "aws_secretsmanager_secret_version" "github" {\n'
        '  secret_id = "github-token"\n'
        "}\n"
    )
    paths = sorted(str(p) for p in tmp_path.glob("*.tf"))
    codemods = [get("AWS005")(), get("TF004")()]
    result = run_module(str(tmp_path), paths, codemods)
    assert not result.errors, result.errors
    manual = [f for f in result.findings if f.status.value == "manual"]
    assert [f.code for f in manual] == ["AWS005"]
    assert "a connection confirmed in the console" in manual[0].message
    write_results(result)
    pipeline = (tmp_path / "pipeline.tf").read_text()
    assert "aws_codestarconnections_connection" not in pipeline
    assert f'name     = "{SUFFIX}-pipeline"' in pipeline
    again = run_module(str(tmp_path), paths, codemods)
    assert again.changed_files == []


def test_validation_bounds_are_read() -> None:
    """What TF004 understands of a variable's validation, and what it does not trust."""

    def bound(condition: str) -> int | None:
        module = parse(
            'variable "x" {\n  type = string\n\n  validation {\n'
            f"    condition     = {condition}\n"
            '    error_message = "no"\n  }\n}\n'
        )
        return _validation_max(module.body.blocks[0], "x")

    assert bound("length(var.x) <= 6") == 6
    assert bound("length(var.x) < 6") == 5
    assert bound("12 >= length(var.x)") == 12
    assert bound('can(regex("^(dev|staging|prod)$", var.x))') == 7
    assert bound('can(regex("^pr-[0-9]{1,5}$", var.x))') == 8
    assert bound('contains(["dev", "prod"], var.x)') == 4
    assert bound('length(var.x) <= 20 && can(regex("^[a-z]{1,3}$", var.x))') == 3
    # Unbounded, unanchored, negated or alternative conditions bound nothing.
    assert bound('can(regex("^[a-z]+$", var.x))') is None
    assert bound('can(regex("[a-z]{1,3}", var.x))') is None
    assert bound("!(length(var.x) <= 6)") is None
    assert bound('length(var.x) <= 6 || var.x == "default"') is None
    assert bound("length(var.y) <= 6") is None


def test_examples_of_a_module_keep_their_names(tmp_path: Path) -> None:
    """An example's names are the example's: no suffix, no new variable, a reason under -v."""
    (tmp_path / ".git").mkdir()
    example = tmp_path / "examples" / "complete"
    example.mkdir(parents=True)
    (example / "main.tf").write_text(VARIABLES + "\n" + MAIN, encoding="utf-8")
    paths = [str(example / "main.tf")]
    result = run_module(str(example), paths, [get("TF004")()], strict=True)
    assert not result.changed_files and result.findings == []
    assert sorted((f.line, f.message) for f in result.notes) == [
        (12, "aws_sns_topic.alerts: no suffix: the directory lives under examples/: "
         "an example of how to call a module, not a deployment"),
        (16, "aws_lambda_function.orders: no suffix: the directory lives under examples/: "
         "an example of how to call a module, not a deployment"),
    ]  # fmt: skip


def test_a_topic_with_an_email_subscription_in_another_file_keeps_its_name(
    tmp_path: Path,
) -> None:
    """The subscription lives in another file and names the topic through a local: the
    new topic's email subscription would wait for a person's confirmation, so the
    topic keeps its name, the function is renamed, and nothing claims "what refers to
    it follows" for the topic."""
    (tmp_path / "variables.tf").write_text(VARIABLES)
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "alerts.tf").write_text(
        "locals {\n  alerts_topic = aws_sns_topic.alerts.arn\n}\n\n"
        'resource "aws_sns_topic_subscription" "oncall" {\n'
        "  topic_arn = local.alerts_topic\n"
        '  protocol  = "email"\n'
        '  endpoint  = "oncall@example.com"\n'
        "}\n"
    )
    result = _run(tmp_path)
    main = (tmp_path / "main.tf").read_text()
    assert 'name = "${var.project_name}-alerts"' in main
    assert f'function_name = "{SUFFIX}-orders"' in main
    (held,) = [f for f in result.findings if f.message.startswith("aws_sns_topic.alerts")]
    assert held.status.value == "manual"
    assert 'aws_sns_topic_subscription.oncall subscribes to it with protocol "email"' in (
        held.message
    )
    assert "follows" not in held.message and "sns-email-notifications" in held.message
    assert _run(tmp_path).changed_files == []


def test_a_module_made_to_be_called_gets_one_finding_naming_the_input_it_needs(
    tmp_path: Path,
) -> None:
    """No provider or backend, a required input, no project_name: not "declare
    project_name" (a required variable for every caller) but one finding for the
    module, counting the names written out in full, in whatever file; names built
    from the input (directly, through a local, with for_each) are the callers'."""
    (tmp_path / "variables.tf").write_text('variable "name" {\n  type = string\n}\n')
    (tmp_path / "main.tf").write_text(
        'locals {\n  prefix = "${var.name}-app"\n}\n\n'
        'resource "aws_iam_role" "app" {\n'
        '  name               = "${local.prefix}-role"\n'
        '  assume_role_policy = "{}"\n}\n\n'
        'resource "aws_sns_topic" "per_team" {\n'
        '  for_each = toset(["a", "b"])\n'
        '  name     = "${var.name}-${each.key}"\n}\n'
    )
    (tmp_path / "alarms.tf").write_text(
        'resource "aws_sns_topic" "alarms" {\n  for_each = toset(["a", "b"])\n'
        '  name     = "alarms-${each.key}"\n}\n\n'
        'resource "aws_iam_policy" "read" {\n  name   = "read"\n  policy = "{}"\n}\n'
    )
    result = _run(tmp_path)
    assert result.changed_files == []
    findings = [f for f in result.findings if f.code == "TF004"]
    (only,) = findings
    assert only.status.value == "manual"
    assert only.message.startswith("2 physical name(s) are written out in full")
    assert "module made to be called" in only.message and "declare it" not in only.message
    assert "an input its callers pass" in only.message
    # Without a required input and with a provider, it is a deployment again.
    (tmp_path / "variables.tf").write_text(
        'variable "name" {\n  default = "x"\n}\n\nprovider "aws" {}\n'
    )
    (again,) = [f for f in _run(tmp_path).findings if f.code == "TF004"]
    assert "declares no variable project_name: declare it" in again.message


def test_a_name_built_from_another_resource_says_so(tmp_path: Path) -> None:
    """A rule named after its function follows the function's name; the reason under -v
    says that, not that it uses var.environment_suffix (it does not)."""
    (tmp_path / "main.tf").write_text(
        'provider "aws" {\n  region = "eu-west-1"\n}\n\n'
        'resource "aws_lambda_function" "this" {\n'
        "  function_name = var.function_name\n"
        "  role          = var.role_arn\n"
        "}\n\n"
        'resource "aws_cloudwatch_event_rule" "scheduled" {\n'
        '  name                = "${aws_lambda_function.this.function_name}-schedule"\n'
        '  schedule_expression = "rate(5 minutes)"\n'
        "}\n",
        encoding="utf-8",
    )
    paths = [str(tmp_path / "main.tf")]
    result = run_module(str(tmp_path), paths, [get("TF004")()], strict=True)
    assert not result.changed_files and result.findings == []
    notes = {f.line: f.message for f in result.notes}
    assert notes[11] == (
        "aws_cloudwatch_event_rule.scheduled: name is built from "
        "aws_lambda_function.this.function_name, another resource's attribute: it follows "
        "that resource's name (and gets a suffix when that name does)"
    )
    assert all("environment_suffix already" not in m for m in notes.values())


def test_a_random_suffix_is_named_as_what_it_is(tmp_path: Path) -> None:
    """A name unique through a random_* resource is left alone saying so, not claimed
    to use var.environment_suffix (review round 5: network-firewall bucket, fixtures);
    one built from another resource's name says that, and the suffix variable itself
    is named only where it is used."""
    (tmp_path / "main.tf").write_text(
        'terraform {\n  backend "s3" {}\n}\n\n'
        'variable "environment_suffix" {\n  type = string\n}\n\n'
        'resource "random_pet" "this" {}\n\n'
        "locals {\n  tag = random_pet.this.id\n}\n\n"
        'resource "aws_s3_bucket" "logs" {\n  bucket = "logs-${local.tag}"\n}\n\n'
        'resource "aws_sqs_queue" "q" {\n  name = "q-${var.environment_suffix}"\n}\n\n'
        'resource "aws_sqs_queue" "dlq" {\n  name = "${aws_sqs_queue.q.name}-dlq"\n}\n',
        encoding="utf-8",
    )
    result = run_module(str(tmp_path), [str(tmp_path / "main.tf")], [get("TF004")()], dry_run=True)
    notes = {n.message for n in result.notes if n.code == "TF004"}
    assert (
        "aws_s3_bucket.logs: bucket carries the random suffix of random_pet.this (generated "
        "once per deployment, so each environment's name differs already), not "
        "var.environment_suffix"
    ) in notes
    assert "aws_sqs_queue.q: name uses var.environment_suffix already" in notes
    assert (
        "aws_sqs_queue.dlq: name is built from aws_sqs_queue.q.name, another resource's "
        "attribute: it follows that resource's name (and gets a suffix when that name does)"
    ) in notes


def test_name_written_into_a_file_the_module_reads_is_kept(tmp_path: Path) -> None:
    """A state machine definition read with templatefile() calls the function by the
    value of its name ("shop-orders", project_name at its default): the file does not
    follow a rename, and the replacement deletes the function it calls."""
    main = (
        'terraform {\n  backend "s3" {}\n}\n\n'
        'variable "project_name" {\n  default = "shop"\n}\n\n'
        'resource "aws_lambda_function" "orders" {\n'
        '  function_name = "${var.project_name}-orders"\n'
        '  role          = "arn:aws:iam::111122223333:role/orders"\n'
        '  runtime       = "python3.12"\n'
        '  handler       = "app.handler"\n'
        '  filename      = "app.zip"\n'
        "}\n\n"
        'resource "aws_sfn_state_machine" "flow" {\n'
        '  name_prefix = "flow-"\n'
        '  role_arn    = "arn:aws:iam::111122223333:role/flow"\n'
        '  definition  = templatefile("${path.module}/flow.json", {})\n'
        "}\n"
    )
    (tmp_path / "main.tf").write_text(main, encoding="utf-8")
    (tmp_path / "flow.json").write_text(
        '{"StartAt": "A", "States": {"A": {"Type": "Task", '
        '"Parameters": {"FunctionName": "shop-orders"}, "End": true}}}\n',
        encoding="utf-8",
    )
    result = run_module(str(tmp_path), [str(tmp_path / "main.tf")], [get("TF004")()], strict=True)
    assert not result.errors, result.errors
    assert not result.changed_files
    (finding,) = [f for f in result.findings if f.status.value == "manual"]
    assert finding.message.startswith(
        'aws_lambda_function.orders: function_name is left as it is: main.tf:20 templatefile("'
    )
    assert '("${var.project_name}-orders") out as text' in finding.message


def test_name_shared_by_a_kept_resource_and_named_in_an_arn_is_kept(tmp_path: Path) -> None:
    """A queue (kept: renaming deletes its messages) and a function are both called
    "orders", and an ARN names "orders": it may mean either, so renaming the function
    would leave the ARN wrong or rewrite the queue's. The function keeps its name."""
    main = (
        'terraform {\n  backend "s3" {}\n}\n\n'
        'variable "project_name" {\n  default = "shop"\n}\n\n'
        'resource "aws_sqs_queue" "orders" {\n  name = "orders"\n}\n\n'
        'resource "aws_lambda_function" "orders" {\n'
        '  function_name = "orders"\n'
        '  role          = "arn:aws:iam::111122223333:role/worker"\n'
        '  runtime       = "python3.12"\n'
        '  handler       = "app.handler"\n'
        '  filename      = "app.zip"\n'
        "}\n\n"
        'data "aws_iam_policy_document" "send" {\n'
        "  statement {\n"
        '    actions   = ["sqs:SendMessage"]\n'
        '    resources = ["arn:aws:sqs:eu-west-1:111122223333:orders"]\n'
        "  }\n"
        "}\n"
    )
    (tmp_path / "main.tf").write_text(main, encoding="utf-8")
    result = run_module(str(tmp_path), [str(tmp_path / "main.tf")], [get("TF004")()], strict=True)
    assert not result.errors, result.errors
    assert not result.changed_files
    messages = sorted(f.message for f in result.findings if f.status.value == "manual")
    assert [m.split(":")[0] for m in messages] == [
        "aws_lambda_function.orders",
        "aws_sqs_queue.orders",
    ]
    assert 'also named "orders" and keeps its name, and an ARN' in messages[0]


def test_prefix_local_leaves_a_literal_name_written_out_as_text(tmp_path: Path) -> None:
    """Most names start with local.name, which gets the suffix; the function named
    "alerts" would get the prefix in front, but a state machine calls it by that text,
    which would not follow: it keeps its name."""
    main = (
        'terraform {\n  backend "s3" {}\n}\n\n'
        'variable "org" {\n  default = "acme"\n}\n\n'
        'locals {\n  name = "${var.org}-shop"\n}\n\n'
        'resource "aws_sns_topic" "a" {\n  name = "${local.name}-a"\n}\n\n'
        'resource "aws_sns_topic" "b" {\n  name = "${local.name}-b"\n}\n\n'
        'resource "aws_lambda_function" "alerts" {\n'
        '  function_name = "alerts"\n'
        '  role          = "arn:aws:iam::111122223333:role/x"\n'
        '  runtime       = "python3.12"\n'
        '  handler       = "app.handler"\n'
        '  filename      = "app.zip"\n'
        "}\n\n"
        'resource "aws_sfn_state_machine" "flow" {\n'
        '  name_prefix = "flow-"\n'
        '  role_arn    = "arn:aws:iam::111122223333:role/flow"\n'
        "  definition = jsonencode({\n"
        '    StartAt = "A"\n'
        '    States  = { A = { Type = "Task", Parameters = { FunctionName = "alerts" } } }\n'
        "  })\n"
        "}\n"
    )
    (tmp_path / "main.tf").write_text(main, encoding="utf-8")
    result = run_module(str(tmp_path), [str(tmp_path / "main.tf")], [get("TF004")()], strict=True)
    assert not result.errors, result.errors
    (changed,) = [f for f in result.files if f.new is not None and Path(f.path).name == "main.tf"]
    assert 'name = "${var.org}-shop-${var.environment_suffix}"' in changed.new
    assert 'function_name = "alerts"' in changed.new
    assert 'FunctionName = "alerts"' in changed.new


def test_name_a_template_renders_from_its_variables_is_kept(tmp_path: Path) -> None:
    """The definition file writes "${project}-orders" and templatefile() gives it
    project = var.project_name: rendered, that is the function's name, which the file
    would keep after the rename (review round 9, wrong/19)."""
    main = (
        'terraform {\n  backend "s3" {}\n}\n\n'
        'variable "project_name" {\n  default = "shop"\n}\n\n'
        'resource "aws_lambda_function" "orders" {\n'
        '  function_name = "${var.project_name}-orders"\n'
        '  role          = "arn:aws:iam::111122223333:role/orders"\n'
        '  runtime       = "python3.12"\n'
        '  handler       = "app.handler"\n'
        '  filename      = "app.zip"\n'
        "}\n\n"
        'resource "aws_sfn_state_machine" "flow" {\n'
        '  name_prefix = "flow-"\n'
        '  role_arn    = "arn:aws:iam::111122223333:role/flow"\n'
        '  definition = templatefile("${path.module}/flow.asl.json", {\n'
        "    project = var.project_name\n"
        "  })\n"
        "}\n"
    )
    (tmp_path / "main.tf").write_text(main, encoding="utf-8")
    (tmp_path / "flow.asl.json").write_text(
        '{\n  "StartAt": "A",\n  "States": {\n'
        '    "A": {"Type": "Task", "Parameters": {"FunctionName": "${project}-orders"}}\n'
        "  }\n}\n",
        encoding="utf-8",
    )
    result = run_module(str(tmp_path), [str(tmp_path / "main.tf")], [get("TF004")()], strict=True)
    assert not result.errors, result.errors
    assert not result.changed_files
    (finding,) = [f for f in result.findings if f.status.value == "manual"]
    assert 'templatefile("${path.module}/flow.asl.json"), line 4 of the file' in finding.message
