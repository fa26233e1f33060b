"""Partial evaluation: what is known of a value when part of it is not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import tffix
from tffix.analysis.module import analyze_modules
from tffix.analysis.partial import (
    OneOf,
    PartialEvaluator,
    Template,
    Unknown,
    can_equal,
    describe,
    instances,
    is_known,
    known_keys,
    read_tfvars,
    unknowns,
)


def _evaluator(tmp_path: Path, text: str, tfvars: dict[str, str] | None = None) -> PartialEvaluator:
    path = tmp_path / "main.tf"
    path.write_text(text)
    for name, content in (tfvars or {}).items():
        (tmp_path / name).write_text(content)
    module = tffix.parse(text, path=str(path))
    return PartialEvaluator(analyze_modules(str(tmp_path), {str(path): module}))


def _local(tmp_path: Path, expr: str, extra: str = "") -> Any:
    return _evaluator(tmp_path, f"{extra}\nlocals {{\n  x = {expr}\n}}\n").local("x")


_WORKERS = """
locals {
  workers = {
    ingest = { role = aws_iam_role.ingest.arn, memory = 512 }
    report = { role = aws_iam_role.report.arn, memory = 256 }
  }
}
"""


def test_map_with_literal_keys_and_unknown_values(tmp_path: Path) -> None:
    value = _local(tmp_path, "local.workers", _WORKERS)
    assert known_keys(value) == ["ingest", "report"]
    assert not is_known(value)
    assert value["ingest"]["memory"] == 512  # the known leaves stay known
    assert isinstance(value["ingest"]["role"], Unknown)
    assert unknowns(value) == [
        "aws_iam_role.ingest.arn (known after apply)",
        "aws_iam_role.report.arn (known after apply)",
    ]


def test_list_of_known_length_with_unknown_elements(tmp_path: Path) -> None:
    value = _local(tmp_path, "[aws_s3_bucket.a.arn, data.aws_caller_identity.me.id, 3]")
    assert len(value) == 3 and value[2] == 3
    assert (
        unknowns(value)[1] == "data.aws_caller_identity.me.id (read by a data source at plan time)"
    )
    assert _local(tmp_path, "length([aws_s3_bucket.a.arn, 1])") == 2


def test_template_with_known_prefix_and_suffix(tmp_path: Path) -> None:
    value = _local(tmp_path, '"${var.env}-gh-oauth"', 'variable "env" {}')
    assert isinstance(value, Template)
    assert (value.prefix, value.suffix) == ("", "-gh-oauth")
    assert str(value) == "${var.env}-gh-oauth"
    assert unknowns(value) == ["var.env (no default: set by the caller)"]
    assert can_equal(value, "prod-gh-oauth")
    assert not can_equal(value, "github-token")
    assert not can_equal(value, "prod-gh-oauth-2")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Template(("app-", Unknown("x"))), "app-prod", True),
        (Template(("app-", Unknown("x"))), "web-prod", False),
        (Template(("a", Unknown("x"), "-b-", Unknown("y"), "c")), "a1-b-2c", True),
        (Template(("a", Unknown("x"), "-b-", Unknown("y"), "c")), "a1-x-2c", False),
        (Template(("app-", Unknown("x"))), Template(("app-prod-", Unknown("y"))), True),
        (Template(("app-", Unknown("x"))), Template(("web-", Unknown("y"))), False),
        (Template((Unknown("x"), "-a")), Template((Unknown("y"), "-b")), False),
        (OneOf(("a", "b")), "b", True),
        (OneOf(("a", "b")), "c", False),
        (Unknown("x"), "anything", True),
        ("a", "a", True),
        ({"k": Unknown("x")}, {"k": 1}, True),
        ({"k": 1}, {"j": 1}, False),
    ],
)
def test_can_equal(a: Any, b: Any, expected: bool) -> None:
    assert can_equal(a, b) is expected
    assert can_equal(b, a) is expected


def test_conditional_is_one_of_its_branches(tmp_path: Path) -> None:
    value = _local(
        tmp_path, 'var.env == "prod" ? { a = 1, b = 2 } : { a = 3, b = 4 }', 'variable "env" {}'
    )
    assert isinstance(value, OneOf)
    assert known_keys(value) == ["a", "b"]  # the branches agree on their keys
    assert "var.env (no default: set by the caller)" in value.origin
    different = _local(tmp_path, 'var.env == "prod" ? { a = 1 } : { b = 1 }', 'variable "env" {}')
    assert known_keys(different) is None
    agreeing = _local(tmp_path, 'var.on ? "same" : "same"', 'variable "on" {}')
    assert agreeing == "same"
    known_condition = _local(
        tmp_path, 'var.env == "prod" ? "p" : "d"', 'variable "env" {\n  default = "dev"\n}'
    )
    assert known_condition == "d"


def test_comparison_decided_by_known_pieces(tmp_path: Path) -> None:
    extra = 'variable "env" {}'
    assert _local(tmp_path, '"${var.env}-x" == "prod-y"', extra) is False
    assert _local(tmp_path, '"${var.env}-x" != "prod-y"', extra) is True
    assert isinstance(_local(tmp_path, '"${var.env}-x" == "prod-x"', extra), Unknown)


def test_for_expression_keys_from_a_literal_list(tmp_path: Path) -> None:
    value = _local(tmp_path, '{ for s in ["api", "worker"] : "${s}-fn" => aws_iam_role.r[s].arn }')
    assert known_keys(value) == ["api-fn", "worker-fn"]
    filtered = _local(tmp_path, '[for s in ["a", "bb"] : s if length(s) > 1]')
    assert filtered == ["bb"]
    unknown_key = _local(tmp_path, "{ for s in [aws_s3_bucket.a.id] : s => 1 }")
    assert known_keys(unknown_key) is None


def test_variables_defaults_and_tfvars(tmp_path: Path) -> None:
    text = """
variable "env" {
  default = "dev"
}
variable "region" {
  default = "eu-west-1"
}
variable "names" {
  default = ["a"]
}
variable "required" {}
"""
    evaluator = _evaluator(
        tmp_path,
        text,
        {
            "terraform.tfvars": 'env = "prod"\nnames = ["x", "y"]\n',
            "b.auto.tfvars": 'env = "staging"\n',
            "a.auto.tfvars.json": '{"region": "us-east-1", "env": "qa"}',
        },
    )
    assert evaluator.variable("env") == "staging"  # the last auto file wins
    assert evaluator.variable("region") == "us-east-1"
    assert evaluator.variable("names") == ["x", "y"]  # tfvars beats the default
    assert isinstance(evaluator.variable("required"), Unknown)
    assert evaluator.variable("required").reason == "no default: set by the caller"
    (tmp_path / "plain").mkdir()
    assert _evaluator(tmp_path / "plain", text).variable("env") == "dev"


def test_unparseable_tfvars_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "terraform.tfvars").write_text('env = "prod\n')
    assert read_tfvars(str(tmp_path)) == {}


@pytest.mark.parametrize(
    ("expr", "keys"),
    [
        (
            "merge(local.workers, { extra = { role = data.x.y.arn } })",
            ["ingest", "report", "extra"],
        ),
        ("keys(local.workers)", ["ingest", "report"]),
        ('toset(["b", "a", "b"])', ["a", "b"]),
        ("tomap(local.workers)", ["ingest", "report"]),
        ('{ for k, v in local.workers : k => v.role if k != "report" }', ["ingest"]),
        ('lookup({ a = { x = aws_s3_bucket.b.id } }, "a", {})', ["x"]),
        ('lookup({ a = 1 }, "missing", { d = aws_s3_bucket.b.id })', ["d"]),
        ("try(local.workers.nope, { fallback = aws_s3_bucket.b.id })", ["fallback"]),
        ("try(local.workers, {})", ["ingest", "report"]),
    ],
)
def test_functions_keep_known_keys(tmp_path: Path, expr: str, keys: list[str]) -> None:
    assert known_keys(_local(tmp_path, expr, _WORKERS)) == keys


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ('format("%s-%s-tok", var.project, var.env)', "svc-${var.env}-tok"),
        ('join("-", [var.project, var.env])', "svc-${var.env}"),
        ('lower("${var.project}-${upper(var.env)}-X")', "svc-${var.env}-x"),
        ('upper("a-${var.env}")', "A-${var.env}"),
        ('coalesce("", var.project)', "svc"),
        ('concat(["a"], [var.env])', ["a", "${var.env}"]),
    ],
)
def test_string_functions_keep_known_pieces(tmp_path: Path, expr: str, expected: Any) -> None:
    extra = 'variable "env" {}\nvariable "project" {\n  default = "svc"\n}'
    value = _local(tmp_path, expr, extra)
    if isinstance(expected, list):
        assert [v if isinstance(v, str) else "${" + v.origin + "}" for v in value] == expected
    else:
        assert str(value) == expected


def test_coalesce_with_an_unknown_first_argument_is_one_of(tmp_path: Path) -> None:
    value = _local(tmp_path, 'coalesce(var.name, "default-name")', 'variable "name" {}')
    assert isinstance(value, OneOf)
    assert can_equal(value, "default-name") and can_equal(value, "anything")
    assert not can_equal(
        _local(tmp_path, 'coalesce("x-${var.name}", "y")', 'variable "name" {}'), "y"
    )


def test_cycles_and_errors_are_unknown_not_crashes(tmp_path: Path) -> None:
    evaluator = _evaluator(
        tmp_path, "locals {\n  a = local.b\n  b = local.a\n  c = { k = 1 }.j\n}\n"
    )
    assert isinstance(evaluator.local("a"), Unknown)
    assert isinstance(evaluator.local("c"), Unknown)
    assert "cannot be evaluated" in evaluator.local("c").reason


def test_instances_of_for_each_values() -> None:
    assert instances(["b", "a"]) == {"b": "b", "a": "a"}
    assert instances([Unknown("x")]) is None
    assert instances(Unknown("x")) is None
    both = instances(OneOf(({"a": 1}, {"a": 2})))
    assert both is not None and isinstance(both["a"], OneOf)


def test_describe_for_messages() -> None:
    assert describe(Template((Unknown("var.env"), "-x"))) == '"${var.env}-x"'
    assert describe(OneOf(("a", Unknown("var.b")))) == 'one of "a", `var.b`'


def test_without_inputs_variables_are_unknown(tmp_path: Path) -> None:
    text = 'variable "mode" {\n  default = "A"\n}\nlocals {\n  fixed = "B"\n  given = var.mode\n}\n'
    (tmp_path / "main.tf").write_text(text)
    module = tffix.parse(text, path=str(tmp_path / "main.tf"))
    analysis = analyze_modules(str(tmp_path), {str(tmp_path / "main.tf"): module})
    evaluator = PartialEvaluator(analysis, inputs=False)
    assert evaluator.local("fixed") == "B"
    assert isinstance(evaluator.local("given"), Unknown)
    assert evaluator.local("given").reason == "an input of the module"
