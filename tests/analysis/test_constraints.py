"""Version constraints read as ranges (tffix.analysis.constraints)."""

from __future__ import annotations

import pytest

from tffix import parse
from tffix.analysis.constraints import bounds, range_of, required_terraform


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("~> 4.0", ((4, 0, 0), (5, 0, 0))),
        ("~> 3.75.2", ((3, 75, 2), (3, 76, 0))),
        (">= 1.5, < 2.0", ((1, 5, 0), (2, 0, 0))),
        ("= 0.11.14", ((0, 11, 14), (0, 11, 15))),
        ("<= 0.11.14", ((0, 0, 0), (0, 11, 15))),
        (">= 3.75, ~> 4.15", ((4, 15, 0), (5, 0, 0))),
        ("latest", ((0, 0, 0), None)),  # unreadable: left out
    ],
)
def test_a_constraint_is_the_range_every_clause_admits(text: str, expected: object) -> None:
    assert range_of(text) == expected


def test_unreadable_clause_has_no_bounds() -> None:
    assert bounds("latest") is None
    assert bounds("!= 1.2.0") == ((0, 0, 0), None)


def test_every_terraform_block_applies() -> None:
    files = {
        "/m/a.tf": parse('terraform {\n  required_version = ">= 1.3"\n}\n'),
        "/m/b.tf": parse('terraform {\n  required_version = "< 1.9"\n}\n'),
        "/m/c.tf": parse('resource "aws_s3_bucket" "b" {}\n'),
    }
    assert required_terraform(files) == ((1, 3, 0), (1, 9, 0))
    assert required_terraform({"/m/c.tf": files["/m/c.tf"]}) == ((0, 0, 0), None)
