"""What the language server keeps from one keystroke to the next follows what it is about.

A keystroke's analysis reuses the other files' trees and analysis, each
top-level block's reading of its waiver comments, and each block's record for
putting trees back after a codemod edited them. Each test makes the change a
kept fact depends on and checks that the kept analysis says what a fresh one
says, and what it said before where nothing it depends on changed: a change
in another file of the module (the keys a table's finding names), a waiver
comment typed inside a block or removed above one, ``per-file-ignores``
changed in the configuration while the text stays, and lines added above
blocks whose records are kept.
"""

from __future__ import annotations

import os
from pathlib import Path

from tffix.lsp.modules import Analysis, Modules, Settings
from tffix.syntax.parser import parse

TABLE = (
    'resource "aws_dynamodb_table" "t" {\n  name         = "t"\n'
    '  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "id"\n\n'
    '  attribute {\n    name = "id"\n    type = "S"\n  }\n}\n'
)
KEYS = (
    '# tffix: ignore[AWS003]\nresource "aws_kms_key" "a" {\n  description = "a"\n}\n\n'
    'resource "aws_kms_key" "b" {\n  description = "b"\n}\n'
)


def _found(analysis: Analysis) -> dict[str, list[tuple[object, ...]]]:
    return {
        os.path.basename(p): sorted((f.code, f.line, f.status.value, f.message) for f in found)
        for p, found in analysis.findings.items()
        if found
    }


def _module(tmp_path: Path) -> tuple[str, str, str]:
    (tmp_path / "main.tf").write_text(TABLE)
    (tmp_path / "keys.tf").write_text(KEYS)
    return str(tmp_path), str(tmp_path / "main.tf"), str(tmp_path / "keys.tf")


def _both(kept: Modules, directory: str, buffers: dict[str, str]) -> Analysis:
    """The kept state's analysis, checked against a fresh one of the same buffers."""
    analysis = kept.analyse(directory, buffers, Settings())
    fresh = Modules().analyse(directory, buffers, Settings())
    assert _found(analysis) == _found(fresh)
    return analysis


def test_a_change_in_another_file_changes_the_findings_that_depend_on_it(
    tmp_path: Path,
) -> None:
    directory, main, keys = _module(tmp_path)
    kept = Modules()
    before = _found(_both(kept, directory, {main: TABLE}))
    assert any("aws_kms_key.a, aws_kms_key.b" in f[3] for f in before["main.tf"])
    # Only keys.tf changes (a key removed): the table's finding in main.tf follows.
    one_key = KEYS.split("\n\n")[0] + "\n"
    after = _found(_both(kept, directory, {main: TABLE, keys: one_key}))
    assert after["main.tf"] != before["main.tf"]
    assert not any("aws_kms_key.b" in f[3] for f in after["main.tf"])
    # And back: the other file's text as it was gives the findings as they were.
    assert _found(_both(kept, directory, {main: TABLE, keys: KEYS})) == before


def _rotation(analysis: Analysis) -> list[int]:
    """The lines of the keys AWS003 would rotate."""
    return sorted(
        f.line for found in analysis.findings.values() for f in found if f.code == "AWS003"
    )


def test_waiver_readings_follow_the_comments(tmp_path: Path) -> None:
    directory, _main, keys = _module(tmp_path)
    kept = Modules()
    assert _rotation(_both(kept, directory, {keys: KEYS})) == [6]  # a is waived
    # A change inside b: a is the same block, still waived; b is read again.
    inside = KEYS.replace('"b"\n}', '"b2"\n}')
    assert _rotation(_both(kept, directory, {keys: inside})) == [6]
    # A scanner waiver of AWS003's one check typed inside b waives it.
    skipped = inside.replace(
        '  description = "b2"', '  # checkov:skip=CKV_AWS_7\n  description = "b2"'
    )
    assert _rotation(_both(kept, directory, {keys: skipped})) == []
    # The comment above a removed: a is rotated.
    unwaived = skipped.replace("# tffix: ignore[AWS003]\n", "")
    assert _rotation(_both(kept, directory, {keys: unwaived})) == [1]


def test_per_file_ignores_apply_while_the_text_stays(tmp_path: Path) -> None:
    directory, _main, keys = _module(tmp_path)
    kept = Modules()
    assert _rotation(_both(kept, directory, {keys: KEYS})) == [6]
    (tmp_path / ".tffix.toml").write_text('[per-file-ignores]\n"keys.tf" = ["AWS003"]\n')
    assert _rotation(_both(kept, directory, {keys: KEYS})) == []
    (tmp_path / ".tffix.toml").write_text('[per-file-ignores]\n"other.tf" = ["AWS003"]\n')
    assert _rotation(_both(kept, directory, {keys: KEYS})) == [6]


def test_kept_blocks_are_put_back_on_their_new_lines(tmp_path: Path) -> None:
    """Lines added inside the first table move every block below it; the codemods
    edit those blocks (AWS002 adds settings to every table) and each is put back
    as a fresh parse of the buffer has it, token by token."""
    tables = "\n".join(TABLE.replace('"t"', f'"t{i}"') for i in range(4))
    (tmp_path / "main.tf").write_text(tables)
    directory, main = str(tmp_path), str(tmp_path / "main.tf")
    kept = Modules()
    texts = [
        tables,
        tables.replace(
            '  hash_key     = "id"\n', '  hash_key     = "id"\n  range_key    = "r"\n', 1
        ),
        tables.replace('  hash_key     = "id"\n', "", 1),
        tables,
    ]
    for text in texts:
        _both(kept, directory, {main: text})
        tree = kept.states[directory].files[main].tree
        assert tree is not None and tree.code == text
        fresh = parse(text, path=main)
        assert [(t.type, t.text, t.pre, t.line, t.column) for t in tree.body.tokens()] == [
            (t.type, t.text, t.pre, t.line, t.column) for t in fresh.body.tokens()
        ]
