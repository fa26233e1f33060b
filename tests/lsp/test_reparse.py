"""A buffer parsed again around its changed block equals the buffer parsed whole.

``reparse`` builds the new tree from the old one's unchanged blocks and the
changed block parsed alone. Every token (type, text, trivia, line, column)
and every node's kind must come out as a fresh parse of the new text gives
them, for random edits of real files: inside a block (where it splices),
on a block's first or last line and between blocks (where it parses whole).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from tests.conftest import SHARED_CORPUS
from tffix.lsp.reparse import reparse
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import parse

FILES = [
    "terraform-aws-modules+terraform-aws-dynamodb-table/main.tf",
    "terraform-aws-modules+terraform-aws-kms/main.tf",
    "bridgecrewio+terragoat/terraform/aws/s3.tf",
    "terraform-aws-modules+terraform-aws-lambda/main.tf",
]

OWN = (
    "# keys\n"
    'resource "aws_kms_key" "a" {\n  description = "a" # why\n\n  tags = {\n'
    '    Name = "a"\n  }\n}\n\n'
    "locals {\n  names = [for k in var.keys : upper(k)]\n  policy = <<-EOT\n"
    '    {"Version": "2012-10-17"}\n  EOT\n}\n'
    'resource "aws_sns_topic" "t" {\r\n  name = "t"\r\n} # end\r\n'
    'output "x" { value = local.names }'
)


def _shape(tree: n.Module) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = [(type(node).__name__,) for node in tree.walk()]
    out += [(t.type, t.text, t.pre, t.line, t.column) for t in tree.tokens()]
    return out


def _edits(text: str, rng: random.Random) -> list[str]:
    lines = text.splitlines(keepends=True)
    out = []
    for _ in range(40):
        changed = list(lines)
        i = rng.randrange(len(changed))
        kind = rng.choice(["value", "insert", "delete", "duplicate", "brace"])
        if kind == "value":
            changed[i] = re.sub(r"=\s*(\S)", r"= \1", changed[i]).replace('"', '"z', 1)
        elif kind == "insert":
            changed.insert(i, rng.choice(['  extra = "x"\n', "\n", "  # note\n"]))
        elif kind == "delete":
            del changed[i]
        elif kind == "duplicate":
            changed.insert(i, changed[i])
        else:
            changed.insert(i, rng.choice(["}\n", "  nested {\n  }\n", 'b "c" {\n']))
        out.append("".join(changed))
    return out


def _check(text: str, seed: str) -> int:
    """Compare every edit; the number spliced (not parsed whole)."""
    rng = random.Random(seed)
    spliced = 0
    for new in _edits(text, rng):
        old = parse(text)
        blocks = {id(b) for b in old.body.blocks}
        try:
            fresh = parse(new)
        except ParseError as exc:
            with pytest.raises(ParseError) as caught:
                reparse(old, text, new)
            assert (caught.value.line, caught.value.column) == (exc.line, exc.column)
            continue
        again = reparse(old, text, new)
        assert again.code == new
        assert _shape(again) == _shape(fresh)
        spliced += any(id(b) in blocks for b in again.body.blocks)
    return spliced


def test_reparse_equals_a_fresh_parse_on_a_file_of_every_shape() -> None:
    assert _check(OWN, "own") > 0


@pytest.mark.slow  # every edit of whole corpus files: seconds each
@pytest.mark.parametrize("name", FILES)
def test_reparse_equals_a_fresh_parse_on_corpus_files(name: str) -> None:
    source = SHARED_CORPUS / name
    if not source.is_file():
        pytest.skip(f"{source} is not there (the shared corpus lives beside the checkout)")
    assert _check(Path(source).read_text(), name) > 0
