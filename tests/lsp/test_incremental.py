"""The language server's incremental analysis agrees with a fresh one, edit after edit.

The server keeps each module's trees, analysis and waiver readings from one
keystroke to the next, and puts back every tree a codemod edited. A stale
tree, a tree left edited, or a cache that outlives what it describes would
show as a difference between the diagnostics after a run of edits and those
of a fresh analysis of the same buffers. So each test copies a module (real
ones from the shared corpus, and a generated one), makes a seeded series of
random edits through the editor's buffers and on disk (strings changed,
lines deleted, blocks removed, copied and added, a file added, a file that
stops parsing), and after each compares the two.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import SHARED_CORPUS
from tffix.lsp.modules import Analysis, Modules, Settings, findings_of, is_config, is_hcl
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import parse

CORPUS_MODULES = [
    "bridgecrewio+terragoat/terraform/aws",
    "terraform-aws-modules+terraform-aws-dynamodb-table",
    "terraform-aws-modules+terraform-aws-kms",
    "terraform-aws-modules+terraform-aws-cloudwatch/modules/log-group",
    "terraform-aws-modules+terraform-aws-lambda",
]

NEW_BLOCKS = [
    'resource "aws_kms_key" "added{n}" {{\n  description = "added {n}"\n}}\n',
    'resource "aws_cloudwatch_log_group" "added{n}" {{\n  name = "/added/{n}"\n}}\n',
    'resource "aws_dynamodb_table" "added{n}" {{\n  name     = "added{n}"\n'
    '  hash_key = "id"\n\n  attribute {{\n    name = "id"\n    type = "S"\n  }}\n}}\n',
    'output "added{n}" {{\n  value = aws_kms_key.added{m}.arn\n}}\n',
]

JSON_DECLARED = (
    '{\n  "resource": {\n    "aws_kms_key": {\n      "json_key": {\n'
    '        "description": "declared in JSON"\n      }\n    },\n'
    '    "aws_cloudwatch_log_group": {\n      "json_logs": {\n'
    '        "name": "/json",\n        "kms_key_id": "${aws_kms_key.added0.arn}"\n'
    "      }\n    }\n  }\n}\n"
)

GENERATED = {
    "declared.tf.json": JSON_DECLARED,
    "keys.tf": "".join(NEW_BLOCKS[0].format(n=i) for i in range(6)),
    "logs.tf": "".join(NEW_BLOCKS[1].format(n=i) for i in range(6)),
    "tables.tf": "".join(NEW_BLOCKS[2].format(n=i) for i in range(4)),
    "outputs.tf": "".join(NEW_BLOCKS[3].format(n=i + 10, m=i) for i in range(6)),
}


def _findings(analysis: Analysis) -> dict[str, list[tuple[object, ...]]]:
    return {
        os.path.basename(path): sorted(
            (f.code, f.line, f.column, f.status.value, f.message) for f in found
        )
        for path, found in analysis.findings.items()
        if found
    }


def _errors(analysis: Analysis) -> dict[str, object]:
    found: dict[str, object] = {
        os.path.basename(p): (e.line, e.column, e.message) for p, e in analysis.parse_errors.items()
    }
    found.update((os.path.basename(p), e) for p, e in analysis.json_errors.items())
    return found


class Editor:
    """A module's files as an editor holds them: open buffers over files on disk."""

    def __init__(self, directory: Path, rng: random.Random) -> None:
        self.directory = directory
        self.rng = rng
        self.buffers: dict[str, str] = {}
        self.count = 0

    def paths(self) -> list[str]:
        on_disk = [str(p) for p in sorted(self.directory.iterdir()) if is_config(str(p))]
        return sorted({*on_disk, *self.buffers})

    def text(self, path: str) -> str:
        return self.buffers[path] if path in self.buffers else Path(path).read_text()

    def put(self, path: str, text: str) -> None:
        """An edit in the buffer, or (a third of the time, for a file not open) on disk."""
        if path not in self.buffers and self.rng.random() < 0.35:
            Path(path).write_text(text)
        else:
            self.buffers[path] = text

    def edit(self) -> str:
        """One random edit; what it was, for the failure message."""
        self.count += 1
        path = self.rng.choice(self.paths())
        text = self.text(path)
        lines = text.splitlines(keepends=True)
        kind = self.rng.choice(["string", "string", "delete", "remove", "copy", "add", "file"])
        if kind == "string" and '"' in text:
            spots = [i for i, line in enumerate(lines) if re.search(r'"[^"$%]*"', line)]
            if spots:
                i = self.rng.choice(spots)
                lines[i] = re.sub(r'"([^"$%]*)"', rf'"\1x{self.count}"', lines[i], count=1)
        elif kind == "delete" and lines:
            del lines[self.rng.randrange(len(lines))]  # often leaves the file not parsing
        elif kind in ("remove", "copy"):
            try:
                items = parse(text).body.items
            except ParseError:
                items = []
            if items:
                item = self.rng.choice(items)
                first, last = item.line - 1, item.end_line
                block = lines[first:last]
                if kind == "remove":
                    del lines[first:last]
                else:
                    copy = "".join(block)
                    copy = re.sub(r'"([^"]*)"(\s*\{)', rf'"\1_c{self.count}"\2', copy, count=1)
                    lines.append("\n" + copy)
        elif kind == "add":
            template = self.rng.choice(NEW_BLOCKS)
            lines.append("\n" + template.format(n=self.count, m=self.rng.randrange(self.count)))
        elif kind == "file":
            path = str(self.directory / f"new{self.count}.tf")
            self.buffers[path] = self.rng.choice(NEW_BLOCKS).format(n=self.count, m=0)
            return f"{kind} {os.path.basename(path)}"
        self.put(path, "".join(lines))
        return f"{kind} {os.path.basename(path)}"


def _differential(directory: Path, seed: str, edits: int = 12) -> int:
    """Edit the module at random; after each edit the kept state agrees with a fresh
    analysis. The number of comparisons with findings (some must have findings)."""
    rng = random.Random(seed)
    editor = Editor(directory, rng)
    settings = Settings()
    kept = Modules()
    kept.analyse(str(directory), editor.buffers, settings)
    compared = 0
    history = []
    for _ in range(edits):
        history.append(editor.edit())
        incremental = kept.analyse(str(directory), editor.buffers, settings)
        fresh = Modules().analyse(str(directory), editor.buffers, settings)
        assert incremental.errors == fresh.errors, history
        assert _errors(incremental) == _errors(fresh), history
        if not fresh.parse_errors and not fresh.json_errors:
            assert _findings(incremental) == _findings(fresh), history
            compared += bool(_findings(fresh))
        # Every kept tree is its text again, whatever the codemods edited.
        for path, entry in kept.states[str(directory)].files.items():
            if entry.tree is not None:
                assert entry.tree.code == entry.code, (path, history)
    return compared


@pytest.mark.slow
@pytest.mark.parametrize("name", CORPUS_MODULES)
def test_incremental_equals_fresh_on_corpus_modules(name: str, tmp_path: Path) -> None:
    source = SHARED_CORPUS / name
    if not source.is_dir():
        pytest.skip(f"{source} is not there (the shared corpus lives beside the checkout)")
    directory = tmp_path / "module"
    directory.mkdir()
    for path in source.iterdir():
        if path.is_file() and is_hcl(path.name):
            shutil.copyfile(path, directory / path.name)
    assert _differential(directory, name) > 0


@pytest.mark.parametrize(
    "seed",
    ["a", pytest.param("b", marks=pytest.mark.slow), pytest.param("c", marks=pytest.mark.slow)],
)
def test_incremental_equals_fresh_on_a_generated_module(seed: str, tmp_path: Path) -> None:
    for name, text in GENERATED.items():
        (tmp_path / name).write_text(text)
    assert _differential(tmp_path, seed, edits=15) > 0


def test_codemods_see_the_buffers_as_written(tmp_path: Path) -> None:
    """Each codemod's findings come from the module as written, whatever the codemods
    before it edited: running all of them together gives what each gives alone."""
    from tffix.lsp.modules import ModuleState, codemods_for

    for name, text in GENERATED.items():
        (tmp_path / name).write_text(text)
    codemods = codemods_for(str(tmp_path), Settings())
    state = ModuleState(str(tmp_path))
    paths, texts, _hidden = Modules().texts_of(str(tmp_path), {})
    state.update(paths, texts)
    together, errors = findings_of(state, codemods)
    assert not errors
    alone = [f for codemod in codemods for f in findings_of(state, [codemod])[0]]
    assert sorted(map(repr, together)) == sorted(map(repr, alone))
    assert {f.code for f in together} >= {"AWS002", "AWS003", "AWS009"}
