"""Edits on fmt-clean real files stay fmt-clean, and the diff stays local.

For each shared-corpus file that ``terraform fmt`` leaves unchanged, one edit
per top-level block is made (insert an attribute after the first one, remove
the first attribute, or replace a value with a longer one, chosen by file),
the changed lines are laid out by ``relayout``, and then:

- ``terraform fmt -check`` (the oracle, one run over all edited files)
  reports nothing to change;
- every line that differs from the original lies inside an edited block.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import tffix
from tests.conftest import SHARED_CORPUS, shared_corpus_files
from tffix.cst import edit
from tffix.syntax import nodes as n

TERRAFORM = shutil.which("terraform")
pytestmark = [
    pytest.mark.skipif(TERRAFORM is None, reason="terraform not on PATH (the formatting oracle)"),
    pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"shared corpus absent: {SHARED_CORPUS}"),
]


def terraform_fmt_list(directory: Path) -> set[str]:
    """Files under ``directory`` that ``terraform fmt`` would change (relative paths)."""
    env = {**os.environ, "TF_CLI_CONFIG_FILE": os.devnull}
    done = subprocess.run(
        [TERRAFORM or "terraform", "fmt", "-check", "-list=true", "-recursive", str(directory)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode in (0, 3), done.stderr
    return {
        str(Path(line).resolve().relative_to(directory.resolve())) for line in done.stdout.split()
    }


def _edit_module(module: n.Module, how: int) -> list[n.Block]:
    edited = []
    for block in module.body.blocks:
        attrs = block.body.attributes
        if not attrs:
            continue
        if how == 0:
            edit.insert_after(block, attrs[0], "tffix_added_setting = true")
        elif how == 1 and len(attrs) >= 2:
            edit.remove(attrs[0], block)
        elif how == 2:
            edit.set_value(attrs[-1], '"a-considerably-longer-value-than-before"')
        else:
            continue
        edited.append(block)
    return edited


@pytest.mark.slow
def test_edits_stay_fmt_clean_and_local(tmp_path: Path) -> None:
    from tffix.cst.layout import relayout

    unclean = terraform_fmt_list(SHARED_CORPUS)
    out_dir = tmp_path / "edited"
    checked = 0
    leaks: list[str] = []
    for path in shared_corpus_files():
        rel = str(path.relative_to(SHARED_CORPUS))
        if rel in unclean:
            continue
        original = path.read_text(encoding="utf-8")
        module = tffix.parse(original)
        how = int(hashlib.sha256(rel.encode()).hexdigest(), 16) % 3
        # Line ranges of the blocks, before editing (the edit may only touch these).
        before_lines = original.splitlines(keepends=True)
        blocks = _edit_module(module, how)
        if not blocks:
            continue
        edited = module.code
        result = relayout(original, edited)
        # Every changed line of the result must fall inside an edited block.
        spans = []
        after_lines = result.splitlines(keepends=True)
        matcher = difflib.SequenceMatcher(None, before_lines, after_lines, autojunk=False)
        block_ranges = [(b.line - 1, b.end_line - 1) for b in blocks]
        for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            spans.append((i1, max(i1, i2 - 1)))
        for lo, hi in spans:
            if not any(start <= lo and hi <= end for start, end in block_ranges):
                leaks.append(f"{rel}: lines {lo + 1}-{hi + 1} changed outside the edited blocks")
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(result, encoding="utf-8")
        checked += 1
    assert checked > 200
    assert not leaks, "\n".join(leaks[:20])
    not_clean = terraform_fmt_list(out_dir)
    assert not not_clean, (
        f"{len(not_clean)} edited files are not fmt-clean: {sorted(not_clean)[:10]}"
    )


def test_a_tree_parsed_already_is_laid_out_without_parsing_again() -> None:
    """``relayout_module(..., parsed=tree)``: the tree the parser made of the edited
    text is used as it is; a formatted text (a whole file the terraform-fmt codemod
    rewrote) comes back as that very tree, and an edit to lay out gives the text
    it gives without the tree."""
    from tffix.cst.layout import relayout_module
    from tffix.syntax.parser import parse

    original = 'resource "a" "b" {\n  x = 1\n}\n'
    formatted = 'resource "a" "b" {\n  x   = 1\n  abc = 2\n}\n'
    tree = parse(formatted)
    assert relayout_module(original, formatted, parsed=tree) is tree
    edited = 'resource "a" "b" {\n  x = 1\n  abc = 2\n}\n'
    laid_out = relayout_module(original, edited, parsed=parse(edited))
    assert laid_out.code == relayout_module(original, edited).code == formatted


def test_the_text_laid_out_is_the_tree_printed() -> None:
    """``relayout_text`` hands back the text it parsed with the tree (the runner then
    need not print the file again): the same as printing the tree, in each case."""
    from tffix.cst.layout import relayout_text
    from tffix.syntax.parser import parse

    original = '\ufeffresource "a" "b" {\n  x = 1\n}\n'
    for edited in (
        original,  # unchanged
        original.replace("x = 1", "x = 2"),  # laid out already
        original.replace("  x = 1\n", "  x = 1\n  abc = 2\n"),  # laid out here
    ):
        tree, text = relayout_text(original, edited)
        assert text == tree.code
        tree, text = relayout_text(original, edited, parsed=parse(edited))
        assert text == tree.code
