"""Findings point at the file as it was before the run, whatever ran before them.

A later codemod sees text that earlier codemods grew or shrank; its
positions are mapped back, so a finding, a SARIF result or a GitHub
annotation lands on the line the user has (and the pull request shows on
the left side of its diff).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tffix.cst import edit
from tffix.engine.codemod import Codemod, ModuleContext, Status
from tffix.engine.runner import run_module
from tffix.syntax import nodes as n

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tffix.engine.codemod import Finding

SOURCE = """\
resource "aws_kms_key" "k" {
  description = "k"
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
}
"""


def _block(ctx: ModuleContext, type_: str) -> tuple[str, n.Block]:
    for path, module in ctx.files.items():
        for item in module.body.items:
            if isinstance(item, n.Block) and item.labels[:1] == [type_]:
                return path, item
    raise AssertionError(type_)


class GrowsTheKey(Codemod):
    """Adds three lines to the first block, above everything the next one reports on."""

    code, name, summary = "TST1", "grows-the-key", "test"

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        path, key = _block(ctx, "aws_kms_key")
        if key.body.attribute("tags") is None:
            edit.append(key, 'tags = {\n  team = "x"\n}')
            yield self.fixed(path, key, "tagged")


class ReportsTheBucket(Codemod):
    """Reports on the bucket, and on a block it adds inside it."""

    code, name, summary = "TST2", "reports-the-bucket", "test"

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        path, bucket = _block(ctx, "aws_s3_bucket")
        yield self.manual(path, bucket.body.items[0], "look at the bucket name")
        if not any(isinstance(i, n.Block) for i in bucket.body.items):
            edit.append(bucket, "versioning {\n  enabled = true\n}", blank_line=True)
            yield self.fixed(path, bucket, "added versioning")
        added = next(i for i in bucket.body.items if isinstance(i, n.Block))
        yield self.manual(path, added, "check the versioning block")


def test_positions_refer_to_the_original_file(tmp_path: Path) -> None:
    main = tmp_path / "main.tf"
    main.write_text(SOURCE)
    result = run_module(str(tmp_path), [str(main)], [GrowsTheKey(), ReportsTheBucket()])
    assert not result.errors
    new = result.files[0].new
    assert new.index('bucket = "b"') > SOURCE.index('bucket = "b"')  # the text did move
    manual = {f.message: (f.line, f.column) for f in result.findings if f.status is Status.MANUAL}
    # The bucket's name is on line 6 of the original, not where it sits now (9).
    assert manual["look at the bucket name"] == (6, 3)
    assert new.splitlines()[8].strip() == 'bucket = "b"'
    # A block the run added has no original line: the finding goes to the
    # header of the top-level block it was added to.
    assert manual["check the versioning block"] == (5, 1)
    fixed = {f.message: f.line for f in result.findings if f.status is Status.FIXED}
    assert fixed == {"tagged": 1, "added versioning": 5}


# ---- a file TF001 reformats ------------------------------------------------------

TABLES = """\
resource "aws_dynamodb_table" "orders" {
    name = "orders"
    billing_mode = "PROVISIONED"
    read_capacity = 5
    write_capacity = 5
    hash_key = "id"
    attribute {
        name = "id"
        type = "S"
    }
    point_in_time_recovery {
        enabled = var.pitr
    }
}

variable "pitr" {
    default = false
}

resource "aws_dynamodb_table" "events" {
    name = "events"
    hash_key = "id"
    server_side_encryption {
        enabled = var.pitr
    }
    attribute {
        name = "id"
        type = "S"
    }
}
"""


def _deformat(text: str) -> str:
    """Each line indented twice as deep and `=` unaligned: what TF001 rewrites."""
    out = []
    for line in text.splitlines(keepends=True):
        body = line.lstrip(" ")
        if " = " in body:
            name, value = body.split("=", 1)
            body = f"{name.strip()} = {value.strip()}\n"
        out.append(" " * 2 * (len(line) - len(body)) + body)
    return "".join(out)


def _positions(directory: Path, codes: list[str]) -> list[tuple[str, str, int, int, str]]:
    from tffix.engine.registry import get

    paths = sorted(str(p) for p in directory.glob("*.tf"))
    result = run_module(str(directory), paths, [get(code)() for code in codes], dry_run=True)
    # (Code that may be Terraform 0.11's is left untouched, TF001 aside: no findings.)
    assert all("Terraform 0.11" in e for e in result.errors), result.errors
    # A note may quote the code it is about, which TF001 rewrites: its position counts.
    return sorted(
        (f.code, Path(f.path).name, f.line, f.column, "" if f in result.notes else f.message)
        for f in [*result.findings, *result.notes]
        if f.code != "TF001"
    )


@pytest.mark.slow  # tffix processes
def test_findings_in_a_reformatted_file_keep_their_lines(tmp_path: Path) -> None:
    """TF001 re-indents and re-aligns every block: no line of them stays byte-equal,
    and the findings of the codemods that ran on the formatted text fell back to
    their block's first line (or, through a stray `}` match, into another block)."""
    (tmp_path / "main.tf").write_text(TABLES, encoding="utf-8")
    codes = ["AWS002", "AWS012", "TF001"]
    with_fmt = _positions(tmp_path, codes)
    without = _positions(tmp_path, codes[:-1])
    assert with_fmt == without
    lines = TABLES.splitlines()
    about = {(c, m.split(":")[0], line) for c, _f, line, _c, m in with_fmt if m}
    # Each finding sits in the block it names, on the line of what it is about.
    for _code, address, line in about:
        labels = '"' + '" "'.join(address.split(".")) + '"'
        start = next(i for i, text in enumerate(lines, 1) if labels in text)
        end = next(i for i, text in enumerate(lines[start:], start + 1) if text == "}")
        assert start <= line <= end, (address, line)
    pitr = [
        f
        for f in with_fmt
        if "point-in-time" in f[4] and f[4].startswith("aws_dynamodb_table.orders")
    ]
    assert [(f[2], f[3]) for f in pitr] == [(12, 9)]  # `enabled = var.pitr`, column included


@pytest.mark.slow
def test_deformatted_corpus_findings_keep_their_positions(tmp_path: Path) -> None:
    """The same positions with TF001 as without it, on unformatted copies of every
    codemod's corpus cases (before the fix, hundreds moved, most to their block's first line)."""
    import shutil

    from tests.conftest import OWN_CORPUS
    from tffix.engine.registry import all_codemods

    codes = [c.code for c in all_codemods()]
    for before in sorted(OWN_CORPUS.glob("[AT]*/*.before.tf")):
        case = tmp_path / f"{before.parent.name}_{before.name.removesuffix('.before.tf')}"
        case.mkdir()
        (case / "main.tf").write_text(
            _deformat(before.read_text(encoding="utf-8")), encoding="utf-8"
        )
        created = {p.name for p in case.iterdir()}
        with_fmt = _positions(case, codes)
        without = _positions(case, [c for c in codes if c != "TF001"])
        assert with_fmt == without, case.name
        assert {p.name for p in case.iterdir()} == created
        shutil.rmtree(case)
