"""Terraform 0.11 code is recognised from its own text (tffix.analysis.dialect)."""

from __future__ import annotations

import os

import pytest

from tests.conftest import SHARED_CORPUS
from tffix.analysis.dialect import legacy, may_be_legacy, removed_function
from tffix.syntax.parser import parse, parse_file


def _files(text: str) -> dict[str, object]:
    return {"main.tf": parse(text, path="main.tf")}


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        (
            'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n\n  tags {\n    Name = "x"\n  }\n}\n',
            (4, 3),
            "`tags` written as a block",
        ),
        (
            'resource "aws_lambda_function" "f" {\n  environment {\n    variables {\n'
            '      A = "1"\n    }\n  }\n}\n',
            (3, 5),
            "`variables` written as a block",
        ),
        ('output "Web DNS Name" {\n  value = "x"\n}\n', (1, 8), 'output name "Web DNS Name"'),
        ('resource "aws_s3_bucket" "b i1" {\n}\n', (1, 26), 'resource name "b i1"'),
        ('variable "2fast" {\n}\n', (1, 10), 'variable name "2fast"'),
    ],
)
def test_terraform_0_11_syntax_is_found(text: str, where: tuple[int, int], what: str) -> None:
    found = legacy(_files(text))  # type: ignore[arg-type]
    assert found is not None
    assert (found.line, found.column) == where
    assert found.what.startswith(what)


def test_a_provider_pinned_before_terraform_0_12_support_is_legacy() -> None:
    text = 'provider "aws" {\n  version = ">= 1.20.0, <= 2.0.0"\n  region  = "us-east-1"\n}\n'
    found = legacy(_files(text), (2, 0, 1))  # type: ignore[arg-type]
    assert found is not None and (found.line, found.column) == (2, 3)
    assert legacy(_files(text), (2, 7, 1)) is None  # type: ignore[arg-type]
    assert legacy(_files(text), None) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        # Current syntax: map arguments, names with dashes and underscores.
        'resource "aws_s3_bucket" "my-bucket_1" {\n  tags = {\n    Name = "x"\n  }\n}\n',
        # A block named tags outside AWS resources, and a dynamic "tags" content.
        'resource "other_thing" "x" {\n  tags {\n    a = 1\n  }\n}\n',
        'resource "aws_autoscaling_group" "g" {\n  tag {\n    key = "a"\n  }\n}\n',
        # Unicode letters are letters.
        'output "größe" {\n  value = 1\n}\n',
        # A provider label is a provider's name, not checked here.
        'provider "aws" {\n  region = "x"\n}\n',
    ],
)
def test_current_code_is_not_legacy(text: str) -> None:
    assert legacy(_files(text)) is None  # type: ignore[arg-type]


def test_map_and_list_calls_are_found_but_not_type_constraints() -> None:
    typed = 'variable "v" {\n  type = map(list(string))\n}\n'
    assert removed_function(_files(typed)) is None  # type: ignore[arg-type]
    called = typed + 'locals {\n  t = merge(map("a", "b"), {})\n}\n'
    found = removed_function(_files(called))  # type: ignore[arg-type]
    assert found is not None and found[1].name == "map" and found[1].line == 5


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        # review v4r7 W06: template_file's vars map written as a block
        (
            'data "template_file" "policy" {\n  template = "${file("p.json")}"\n\n'
            '  vars {\n    bucket = "${var.domain}"\n  }\n}\n',
            (4, 3),
            "`vars` written as a block",
        ),
        (
            'variable "amis" {\n  type = "map"\n\n  default {\n    a = "b"\n  }\n}\n',
            (4, 3),
            "`default`",
        ),
        ('module "m" {\n  source = "./m"\n\n  tags {\n    a = "b"\n  }\n}\n', (4, 3), "`tags`"),
        ('locals {\n  common {\n    a = "b"\n  }\n}\n', (2, 3), "`common`"),
        (
            'resource "aws_cloudwatch_metric_alarm" "a" {\n  dimensions {\n'
            '    InstanceId = "${aws_instance.x.id}"\n  }\n}\n',
            (2, 3),
            "`dimensions`",
        ),
        (
            'resource "null_resource" "n" {\n  triggers {\n    v = "1"\n  }\n}\n',
            (2, 3),
            "`triggers`",
        ),
        ('resource "random_id" "r" {\n  keepers {\n    v = "1"\n  }\n}\n', (2, 3), "`keepers`"),
        (
            'resource "null_resource" "n" {\n  provisioner "local-exec" {\n    command = "x"\n\n'
            '    environment {\n      foo = "1"\n    }\n  }\n}\n',
            (5, 5),
            "`environment`",
        ),
        (
            'resource "aws_codepipeline" "p" {\n  stage {\n    action {\n      configuration {\n'
            '        repo = "x"\n      }\n    }\n  }\n}\n',
            (4, 7),
            "`configuration`",
        ),
        (
            'resource "aws_api_gateway_method" "m" {\n  request_parameters {\n'
            "    x = true\n  }\n}\n",
            (2, 3),
            "`request_parameters`",
        ),
        # a key no provider schema has: a map written as a block, whatever its name
        (
            'resource "google_compute_instance" "i" {\n  metadata {\n    Owner = "a"\n  }\n}\n',
            (3, 5),
            "`metadata` written as a block with the key `Owner`",
        ),
        # a list interpolated into a list, which 0.11 flattened
        (
            'resource "aws_instance" "i" {\n'
            '  vpc_security_group_ids = ["${aws_security_group.s.*.id}"]\n}\n',
            (2, 28),
            "a list interpolated into a list",
        ),
        (
            'resource "aws_instance" "i" {\n'
            '  vpc_security_group_ids = ["${split(",", var.ids)}"]\n}\n',
            (2, 28),
            "a list interpolated into a list",
        ),
    ],
)
def test_other_terraform_0_11_shapes_are_found(
    text: str, where: tuple[int, int], what: str
) -> None:
    """The shapes the 0.12 upgrade guide lists ("Attributes as Blocks", list
    flattening) beyond `tags { }`: Terraform 0.12 and later refuse each."""
    found = legacy(_files(text))  # type: ignore[arg-type]
    assert found is not None, text
    assert (found.line, found.column) == where
    assert what in found.what


@pytest.mark.parametrize(
    "text",
    [
        # nested blocks of the same names where the schema has blocks
        'resource "aws_lambda_function" "f" {\n  environment {\n    variables = {\n'
        '      A = "1"\n    }\n  }\n}\n',
        'resource "aws_codebuild_project" "p" {\n  environment {\n    image = "x"\n  }\n}\n',
        'resource "aws_apigatewayv2_integration" "i" {\n  response_parameters {\n'
        '    status_code = "500"\n  }\n}\n',
        'resource "aws_ecs_cluster" "c" {\n  configuration {\n    x = 1\n  }\n}\n',
        # a CodePipeline action's own provider argument and a map with capital keys
        'resource "aws_codepipeline" "p" {\n  stage {\n    action {\n      provider = "GitHub"\n'
        '      configuration = {\n        Owner = "x"\n      }\n    }\n  }\n}\n',
        # dynamic blocks, validation and precondition blocks
        'resource "aws_security_group" "g" {\n  dynamic "ingress" {\n    for_each = var.i\n'
        "    content {\n      from_port = ingress.value\n    }\n  }\n}\n",
        'variable "v" {\n  type = string\n\n  validation {\n    condition = true\n'
        '    error_message = "x"\n  }\n}\n',
        'output "o" {\n  value = 1\n\n  precondition {\n    condition     = true\n'
        '    error_message = "x"\n  }\n}\n',
        # one interpolation of something that need not be a list, and a list in data
        'resource "aws_instance" "i" {\n  vpc_security_group_ids = ["${var.sg}"]\n}\n',
        'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n'
        '    Resource = ["${aws_s3_bucket.b.*.arn}"]\n  })\n}\n',
    ],
)
def test_current_shapes_of_the_same_names_are_not_legacy(text: str) -> None:
    assert legacy(_files(text)) is None  # type: ignore[arg-type]


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"shared corpus absent: {SHARED_CORPUS}")
def test_no_module_of_the_shared_corpus_is_taken_for_old_terraform() -> None:
    """Current code (201 module directories): none is declined, none "may be 0.11"."""
    seen = 0
    for current, dirs, names in os.walk(SHARED_CORPUS):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        paths = [os.path.join(current, f) for f in sorted(names) if f.endswith(".tf")]
        if not paths:
            continue
        files = {p: parse_file(p) for p in paths}
        seen += 1
        assert legacy(files) is None, current
        assert may_be_legacy(files) is None, current
    assert seen == 201


QUOTED = 'variable "name" {\n  type = "string"\n}\n'
BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "${var.name}"\n}\n'


@pytest.mark.parametrize(
    ("text", "what"),
    [
        # review round 6, 02: the only version sign is a quoted type constraint
        (QUOTED + BUCKET, 'quoted type constraint type = "string"'),
        (
            BUCKET + 'resource "aws_s3_bucket_policy" "p" {\n  bucket = "${aws_s3_bucket.b.id}"\n'
            '  policy = "{}"\n\n  depends_on = ["aws_s3_bucket.b"]\n}\n',
            "quoted reference in depends_on",
        ),
        (
            'resource "aws_s3_bucket" "b" {\n  provider = "aws.west"\n}\n',
            "quoted reference in provider",
        ),
        (
            'resource "aws_s3_bucket" "b" {\n  lifecycle {\n'
            '    ignore_changes = ["tags"]\n  }\n}\n',
            "quoted reference in ignore_changes",
        ),
        ('locals {\n  l = "${list("a")}"\n}\n', "list(), which Terraform 0.15 removed"),
    ],
)
def test_code_that_may_run_on_terraform_0_11(text: str, what: str) -> None:
    found = may_be_legacy(_files(text))  # type: ignore[arg-type]
    assert found is not None and what in found.what
    assert "which Terraform runs this module is not in the code" in found.fact
    assert 'required_version = ">= 0.12"' in found.fact
    assert legacy(_files(text)) is None  # type: ignore[arg-type]  (0.12 loads it too)


@pytest.mark.parametrize(
    "modern",
    [
        # a bare reference, call, operator, conditional or null: 0.11 reads none
        'resource "x" "y" {\n  a = var.name\n}\n',
        'resource "x" "y" {\n  a = lower("A")\n}\n',
        'resource "x" "y" {\n  a = ["${var.name}", 1 + 2]\n}\n',
        'resource "x" "y" {\n  a = { k = var.name == "" ? "a" : "b" }\n}\n',
        'resource "x" "y" {\n  a = null\n}\n',
        'variable "other" {\n  type = string\n}\n',
        'resource "x" "y" {\n  dynamic "z" {\n    for_each = []\n    content {}\n  }\n}\n',
        'terraform {\n  required_version = ">= 0.12.26"\n}\n',
        'terraform {\n  required_version = "~> 0.13.0"\n}\n',
    ],
)
def test_syntax_of_terraform_0_12_settles_it(modern: str) -> None:
    assert may_be_legacy(_files(QUOTED + BUCKET + modern)) is None  # type: ignore[arg-type]


def test_no_sign_either_way_is_not_old_terraform() -> None:
    """A module of literals and "${...}" only, with no 0.11-only form, says nothing: it
    is not taken for 0.11 (every module of plain strings would be)."""
    assert may_be_legacy(_files(BUCKET + 'variable "name" {}\n')) is None  # type: ignore[arg-type]
    old = 'terraform {\n  required_version = ">= 0.11.0"\n}\n'
    assert may_be_legacy(_files(QUOTED + BUCKET + old)) is not None  # type: ignore[arg-type]


def test_the_first_answer_of_a_run_is_kept() -> None:
    """Asked with a run's memo, the answer is the module's before any fix: a fix that
    writes 0.12 syntax (TF001 unquoting the type) does not change it."""
    files = _files(QUOTED + BUCKET)
    memo: dict[str, object] = {}
    first = may_be_legacy(files, memo)  # type: ignore[arg-type]
    assert first is not None
    files["main.tf"] = parse(QUOTED.replace('"string"', "string") + BUCKET, path="main.tf")
    assert may_be_legacy(files) is None  # type: ignore[arg-type]
    assert may_be_legacy(files, memo) is first  # type: ignore[arg-type]
