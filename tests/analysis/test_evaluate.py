"""Static values: enough to know for_each keys and literal defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

import tffix
from tffix.analysis import analyze_directory
from tffix.analysis.evaluate import UNKNOWN, Evaluator, evaluate


def value(text: str) -> object:
    return evaluate(tffix.parse(f"x = {text}\n").body.attributes[0].value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("-1.5", -1.5),
        ("!false && true", True),
        ('"a-${1 + 1}-${true}"', "a-2-true"),
        ('"tab\\t$${x}"', "tab\t${x}"),
        ("[1, 2][1]", 2),
        ('{ a = 1, "b" = 2 }.b', 2),
        ('1 > 2 ? "y" : "n"', "n"),
        ("merge({ a = 1 }, { b = 2 })", {"a": 1, "b": 2}),
        ('[for s in ["a", "b"] : upper(s)]', ["A", "B"]),
        ("{ for k, v in { a = 1, b = 2 } : v => k if v > 1 }", {"2": "b"}),
        ('{ for s in ["a", "b", "a"] : s => s... }', {"a": ["a", "a"], "b": ["b"]}),
        ("keys({ b = 1, a = 2 })", ["a", "b"]),
        ('toset(["b", "a", "b"])', ["a", "b"]),
        ("concat([1], [2, 3])", [1, 2, 3]),
        ("<<-EOT\n    a\n      b\n    EOT", "a\n  b\n"),
    ],
)
def test_known_values(text: str, expected: object) -> None:
    assert value(text) == expected


@pytest.mark.parametrize(
    "text", ["aws_s3_bucket.b.id", "var.x", "timestamp()", "[1, aws_x.y.id][0] + 1", "a[*].b"]
)
def test_unknown_values(text: str) -> None:
    assert value(text) is UNKNOWN


def test_variables_and_locals(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "fns" {\n  default = { api = { table = "t1" }, job = { table = "t2" } }\n}\n'
        "locals {\n  tables = { for k, v in var.fns : v.table => k }\n"
        "  loop = local.loop\n}\n",
        encoding="utf-8",
    )
    a = analyze_directory(tmp_path)
    ev = Evaluator(a)
    assert ev.local_value("tables") == {"t1": "api", "t2": "job"}
    assert ev.variable_default("fns")["api"] == {"table": "t1"}
    assert ev.local_value("loop") is UNKNOWN  # a cycle is unknown, not a crash
    assert ev.variable_default("nope") is UNKNOWN
