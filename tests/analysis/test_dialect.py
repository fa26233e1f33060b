"""Terraform 0.11 code is recognised from its own text (tffix.analysis.dialect)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import SHARED_CORPUS
from tffix.analysis.dialect import legacy, removed_function
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


# Terraform 0.11 syntax that 0.12 to 0.14 also read (review round 6, wrong/02: a bare
# reference written into such a module breaks every caller still on 0.11).
OLD_SYNTAX = (
    'variable "bucket_name" {\n  type = "string"\n}\n\n'
    'resource "aws_s3_bucket" "site" {\n  bucket = "${var.bucket_name}"\n  acl    = "public-read"\n'
    '  policy = <<POLICY\n{"Statement": [{"Effect": "Allow", "Principal": "*", '
    '"Action": "s3:GetObject", "Resource": "arn:aws:s3:::${var.bucket_name}/*"}]}\nPOLICY\n\n'
    '  website {\n    index_document = "index.html"\n  }\n}\n'
)


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        (OLD_SYNTAX, (2, 3), 'a quoted type constraint, type = "string"'),
        (
            'resource "aws_s3_bucket" "b" {\n  bucket = "${var.name}"\n  tags = {\n'
            '    Name = "x-${var.name}"\n  }\n  count = 2\n  force_destroy = -1\n}\n',
            (2, 3),
            'bucket = "${var.name}", a reference written as a whole interpolation',
        ),
        # A required_version that admits 0.11 says nothing against it.
        (
            'terraform {\n  required_version = "< 0.13"\n}\n\n'
            'variable "n" {\n  type    = "list"\n  default = []\n}\n',
            (6, 3),
            'a quoted type constraint, type = "list"',
        ),
    ],
)
def test_code_that_may_be_terraform_0_11_is_found(
    text: str, where: tuple[int, int], what: str
) -> None:
    found = legacy(_files(text))  # type: ignore[arg-type]
    assert found is not None and not found.certain
    assert (found.line, found.column) == where
    assert found.what.startswith(what)
    assert "may be written for Terraform 0.11" in str(found)


@pytest.mark.parametrize(
    "needs_0_12",
    [
        'resource "x" "y" {\n  a = var.bucket_name\n}\n',  # a bare reference
        'resource "x" "y" {\n  a = upper("b")\n}\n',  # a call outside ${...}
        'resource "x" "y" {\n  a = null\n}\n',
        'resource "x" "y" {\n  a = ["${var.b}", [for s in ["c"] : s]]\n}\n',
        'resource "x" "y" {\n  a = "%{if true}b%{endif}"\n}\n',
        'resource "x" "y" {\n  for_each = {}\n}\n',
        'resource "x" "y" {\n  dynamic "z" {\n    content {}\n  }\n}\n',
        'terraform {\n  required_version = ">= 0.12.26, < 2.0"\n}\n',
        'terraform {\n  required_version = "~> 1.0"\n}\n',
        'moved {\n  from = "a"\n  to   = "b"\n}\n',
        'variable "v" {\n  type      = "string"\n  sensitive = true\n}\n',
        # Inside ${...}, what 0.11's HIL cannot parse: a step after an index (0.11
        # writes x.0.enabled), a [*] splat, a for expression, null (v4r8 I04).
        'output "o" {\n  value = "${aws_s3_bucket.b.versioning[0].enabled}"\n}\n',
        'output "o" {\n  value = "${join(",", aws_instance.x[*].id)}"\n}\n',
        'output "o" {\n  value = "${[for s in var.l : upper(s)]}"\n}\n',
        'output "o" {\n  value = "${var.a == null ? "x" : "y"}"\n}\n',
    ],
)
def test_a_construct_of_terraform_0_12_clears_the_old_syntax(needs_0_12: str) -> None:
    assert legacy(_files(OLD_SYNTAX + "\n" + needs_0_12)) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "still_0_11",
    [
        'output "o" {\n  value = "${aws_s3_bucket.b.versioning.0.enabled}"\n}\n',
        'output "o" {\n  value = "${var.list[0]}"\n}\n',
        'output "o" {\n  value = "${element(aws_instance.x.*.id, 0)}"\n}\n',
    ],
)
def test_interpolations_0_11_reads_keep_the_old_syntax(still_0_11: str) -> None:
    assert legacy(_files(OLD_SYNTAX + "\n" + still_0_11)) is not None  # type: ignore[arg-type]


def test_a_module_that_may_be_0_11_is_left_untouched_but_formatted_when_asked(
    tmp_path: Path,
) -> None:
    from tffix.engine.registry import catalog, get
    from tffix.engine.runner import run_module

    (tmp_path / "main.tf").write_text(OLD_SYNTAX, encoding="utf-8")
    paths = [str(tmp_path / "main.tf")]
    every = [get(entry.code)() for entry in catalog() if entry.default_selected]
    result = run_module(str(tmp_path), paths, every)
    assert not result.changed_files and not result.findings
    assert result.errors[-1].endswith(
        "module left untouched because it may be written for Terraform 0.11"
    )
    # TF001, selected, is terraform fmt: it rewrites 0.11 forms as terraform fmt does.
    result = run_module(str(tmp_path), paths, [get("TF001")(), get("AWS008")()])
    assert result.errors[-1].endswith(
        "only TF001 run, because the module may be written for Terraform 0.11"
    )
    assert {f.code for f in result.findings} == {"TF001"}
    assert "type = string" in result.changed_files[0].new


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
    """Current code (201 module directories): none is declined, as 0.11 code or code
    that may be 0.11's."""
    seen = 0
    for current, dirs, names in os.walk(SHARED_CORPUS):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        paths = [os.path.join(current, f) for f in sorted(names) if f.endswith(".tf")]
        if not paths:
            continue
        files = {p: parse_file(p) for p in paths}
        seen += 1
        assert legacy(files) is None, current
    assert seen == 201


@pytest.mark.parametrize(
    ("constraint", "only_0_11"),
    [
        ("~> 0.11.14", True),
        ("= 0.11.14", True),
        ("0.11.7", True),
        ("< 0.12", True),
        ("<= 0.11.14", True),
        (">= 0.10, < 0.12.0", True),
        ("~> 0.11", False),  # >= 0.11, < 1.0: 0.12 and later too
        (">= 0.11", False),
        ("~> 0.12.0", False),
        ("< 0.13", False),
    ],
)
def test_a_required_version_before_0_12_is_legacy(constraint: str, only_0_11: bool) -> None:
    """A module pinned to Terraform 0.11 by required_version shows no other sign when its
    resources use only literals: a fix writing a bare reference would fail its init."""
    text = (
        f'terraform {{\n  required_version = "{constraint}"\n}}\n\n'
        'resource "aws_s3_bucket" "b" {\n  bucket = "logs"\n}\n'
    )
    found = legacy(_files(text))  # type: ignore[arg-type]
    if only_0_11:
        assert found is not None and "required_version" in found.what
        assert (found.line, found.column) == (2, 22)
    else:
        assert found is None


def test_a_quoted_argument_name_is_explained_as_terraform_0_11(tmp_path: Path) -> None:
    """HCL1 accepted ``tags { "Name" = "x" }``; no Terraform from 0.12 on parses it, so
    the module is 0.11 code for certain, and the parse error says so (v4r8 I02)."""
    from tffix.analysis.dialect import hcl1_hint
    from tffix.engine.registry import get
    from tffix.engine.runner import run_module

    text = (
        'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n\n  lifecycle_rule {\n'
        '    enabled = true\n\n    tags {\n      "rule" = "x"\n    }\n  }\n}\n'
    )
    (tmp_path / "s3.tf").write_text(text)
    result = run_module(str(tmp_path), [str(tmp_path / "s3.tf")], [get("AWSV406")()])
    assert not result.changed_files
    assert any("line 8 quotes an argument name" in e for e in result.errors), result.errors
    assert any("upgrade it to 0.12 syntax first" in e for e in result.errors)
    # Any other parse failure gets no such claim.
    assert hcl1_hint('resource "x" "y" {\n  a = = 1\n}\n', 2, 7) is None
    assert hcl1_hint('resource "x" "y" {\n  "a" == 1\n}\n', 2, 3) is None
