"""Findings point at the file as it was before the run, whatever ran before them.

A later codemod sees text that earlier codemods grew or shrank; its
positions are mapped back, so a finding, a SARIF result or a GitHub
annotation lands on the line the user has (and the pull request shows on
the left side of its diff).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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
