"""tffix.aws.s3_split helpers that the corpus cases do not reach on every branch."""

from __future__ import annotations

import pytest

from tffix.aws.s3_split import ignore_changes
from tffix.cst.format import format_text
from tffix.syntax.parser import parse


@pytest.mark.parametrize(
    ("lifecycle", "expected"),
    [
        ("", "  lifecycle {\n    ignore_changes = [replication_configuration]\n  }\n"),
        (
            "  lifecycle {\n    prevent_destroy = true\n  }\n",
            "  lifecycle {\n    ignore_changes  = [replication_configuration]\n"
            "    prevent_destroy = true\n  }\n",
        ),
        (
            "  lifecycle {\n    ignore_changes = [tags]\n  }\n",
            "  lifecycle {\n    ignore_changes = [tags, replication_configuration]\n  }\n",
        ),
        # Already there, or everything ignored: nothing to add.
        (
            "  lifecycle {\n    ignore_changes = [replication_configuration]\n  }\n",
            "  lifecycle {\n    ignore_changes = [replication_configuration]\n  }\n",
        ),
        (
            "  lifecycle {\n    ignore_changes = all\n  }\n",
            "  lifecycle {\n    ignore_changes = all\n  }\n",
        ),
    ],
)
def test_ignore_changes_lists_the_attribute_once(lifecycle: str, expected: str) -> None:
    head = 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n'
    module = parse(head + ("\n" + lifecycle if lifecycle else "") + "}\n")
    bucket = module.body.blocks[0]
    ignore_changes(bucket, "replication_configuration")
    assert format_text(module.code) == head + "\n" + expected + "}\n"
