"""Metamorphic tests: a case written another way must reach the same decision.

Every before/after case of ``corpus/<CODE>/`` is one spelling of a problem.
Real modules spell the same problem differently: blocks spread over files,
other labels, CRLF line endings, comments everywhere, values held in locals.
From each case this test makes variants that do not change the meaning and
runs the codemod on them:

- *structural* variants (files, labels, line endings, comments) must give
  exactly the case's expected output, transformed the same way;
- *semantic* variants (a literal moved into a local) may legitimately need
  a person, so they must reach a decision on every block the case decided
  on: ``fixed`` or ``manual``, never silence.

Outcomes are counted (``fixed``, ``manual``, ``silent``, ``wrong``) and
printed at the end of the run (see ``conftest.py`` beside this file).
Variants that fail today are listed in ``KNOWN`` with the reason; the list
is strict: a listed variant that starts passing fails until it is removed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from tests.codemods.test_corpus import cases
from tffix.cst import edit
from tffix.engine.codemod import Status
from tffix.engine.registry import get
from tffix.engine.runner import run_module
from tffix.syntax import nodes as n
from tffix.syntax.parser import parse

pytestmark = pytest.mark.slow  # every codemod case times every variant: hundreds of module runs

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

OUTCOMES: Counter[str] = Counter()

# (code, case name, variant) -> why it fails today. Strict: remove when fixed.
KNOWN: dict[tuple[str, str, str], str] = {}
# Variants that change what the case is about, so no decision is expected to hold.
NOT_A_VARIANT: dict[tuple[str, str, str], str] = {
    ("TF003", "typo_and_indexed", "relabel"): "a did-you-mean reads the label's spelling",
}


@dataclass
class Run:
    files: dict[str, str]  # file name -> text after the run (created files included)
    decided: dict[str, set[Status]]  # block address -> statuses of its findings


def _address(block: n.Block) -> str:
    return ".".join([block.type, *block.labels])


def _run(code: str, files: dict[str, str], tmp: Path) -> Run:
    tmp.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in files.items():
        path = tmp / name
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        paths.append(str(path))
    result = run_module(str(tmp), paths, [get(code)()])
    assert not result.errors, result.errors
    out = {f.path.rsplit("/", 1)[-1]: f.new for f in result.files if f.created or f.path in paths}
    trees = {name: parse(text, path=name) for name, text in files.items()}
    decided: dict[str, set[Status]] = {}
    for finding in result.findings:
        tree = trees.get(finding.path.rsplit("/", 1)[-1])
        block = None if tree is None else _enclosing(tree, finding.line)
        key = _address(block) if block is not None else f"<{finding.path.rsplit('/', 1)[-1]}>"
        decided.setdefault(key, set()).add(finding.status)
    return Run(out, decided)


def _enclosing(tree: n.Module, line: int) -> n.Block | None:
    for item in tree.body.items:
        if isinstance(item, n.Block) and item.line <= line <= item.end_line:
            return item
    return None


# ---- structural variants: exact output ---------------------------------------------


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


_NOTE = "# A reviewer's note kept above this block.\n"


def _with_notes(text: str) -> str:
    """A comment line above every top-level block."""
    return re.sub(r"(?m)^(?=(resource|data|module|variable|locals|output|terraform) )", _NOTE, text)


def _without_notes(text: str) -> str:
    return text.replace(_NOTE, "")


def _relabel(text: str, labels: dict[tuple[str, str], str]) -> str:
    """Every resource and data source renamed, with every reference to it."""
    tree = parse(text, path="main.tf")
    for block in tree.body.blocks:
        if block.type in ("resource", "data") and len(block.labels) == 2:
            new = labels.get((block.labels[0], block.labels[1]))
            if new is not None:
                edit.rename_label(block, 1, new)
    for (type_, label), new in labels.items():
        for prefix in ((type_, label), ("data", type_, label)):
            edit.rename_references(tree, prefix, (*prefix[:-1], new))
    return tree.code


# Labels some codemods read on purpose (TF005 gives a generic label the name of
# what it refers to): renaming them changes the meaning, so they stay.
_GENERIC = {"this", "main", "default"}
_SUFFIX = "_renamed"


def _labels_of(text: str) -> dict[tuple[str, str], str]:
    """A new label for every resource and data source of ``text``."""
    return {
        (b.labels[0], b.labels[1]): f"{b.labels[1]}{_SUFFIX}"
        for b in parse(text, path="main.tf").body.blocks
        if b.type in ("resource", "data") and len(b.labels) == 2 and b.labels[1] not in _GENERIC
    }


def _blocks_text(files: dict[str, str]) -> list[str]:
    """Every top-level item of every file, as text without surrounding blank lines."""
    out = []
    for text in files.values():
        tree = parse(text, path="x.tf")
        for item in tree.body.items:
            out.append(item.code.strip("\n").replace("\r\n", "\n"))
    return sorted(out)


# ---- semantic variants: a decision on every block --------------------------------


def _literals_to_locals(text: str) -> str | None:
    """Each plain string argument of a resource read from a local instead."""
    tree = parse(text, path="main.tf")
    values: list[str] = []
    for block in tree.body.blocks:
        if block.type != "resource":
            continue
        for attribute in block.body.attributes:
            value = attribute.value
            if re.fullmatch(r'"[\w./:-]*"', value.code.strip()):
                values.append(value.code.strip())
                edit.set_value(attribute, f"local.metamorphic_{len(values)}")
    if not values:
        return None
    lines = "".join(f"  metamorphic_{i} = {v}\n" for i, v in enumerate(values, 1))
    return tree.code + f"\nlocals {{\n{lines}}}\n"


# ---- the test ---------------------------------------------------------------------


VARIANTS = ("split_files", "crlf", "comments", "relabel", "literals_in_locals")


def _params() -> list[object]:
    out = []
    for code, before in cases():
        name = before.name.removesuffix(".before.tf")
        for variant in VARIANTS:
            marks = []
            reason = KNOWN.get((code, name, variant))
            if reason is not None:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            reason = NOT_A_VARIANT.get((code, name, variant))
            if reason is not None:
                marks.append(pytest.mark.skip(reason=reason))
            out.append(
                pytest.param(code, before, variant, marks=marks, id=f"{code}-{name}-{variant}")
            )
    return out


@pytest.mark.parametrize(("code", "before", "variant"), _params())
def test_variant(code: str, before: Path, variant: str, tmp_path: Path) -> None:
    name = before.name.removesuffix(".before.tf")
    original = before.read_bytes().decode("utf-8", "surrogateescape")
    expected = {"main.tf": before.with_name(f"{name}.after.tf").read_bytes().decode("utf-8")}
    for extra in sorted(before.parent.glob(f"{name}.after.*")):
        if extra.name != f"{name}.after.tf":
            expected[extra.name.removeprefix(f"{name}.after.")] = extra.read_text(encoding="utf-8")
    reference = _run(code, {"main.tf": original}, tmp_path / "case")

    compare: Callable[[Run], None]
    if variant == "split_files":
        tree = parse(original, path="main.tf")
        if len(tree.body.items) < 2 or tree.code.strip() == "":
            pytest.skip("one block: nothing to spread over files")
        files = {f"part{i:02}.tf": item.code.lstrip("\n") for i, item in enumerate(tree.body.items)}

        def compare(run: Run) -> None:
            assert _blocks_text(run.files) == _blocks_text(expected)

    elif variant == "crlf":
        if "\r\n" in original:
            pytest.skip("already CRLF")
        files = {"main.tf": _crlf(original)}

        def compare(run: Run) -> None:
            # Files the codemod creates start with LF, whatever the others use.
            assert run.files == {k: _crlf(v) if k == "main.tf" else v for k, v in expected.items()}

    elif variant == "comments":
        files = {"main.tf": _with_notes(original)}
        if files["main.tf"] == original:
            pytest.skip("no top-level block")

        def compare(run: Run) -> None:
            assert {k: _without_notes(v) for k, v in run.files.items()} == expected

    elif variant == "relabel":
        labels = _labels_of(original)
        if not labels:
            pytest.skip("no resource or data source to rename")
        files = {"main.tf": _relabel(original, labels)}

        def compare(run: Run) -> None:
            # Labels the codemod derives from renamed ones (``x_renamed_2``) carry
            # the suffix too: taking it out everywhere gives the case's output.
            assert {k: v.replace(_SUFFIX, "") for k, v in run.files.items()} == expected

    else:  # literals_in_locals: a decision wherever the case decided
        moved = _literals_to_locals(original)
        if moved is None:
            pytest.skip("no plain string argument to move")
        files = {"main.tf": moved}

        def compare(run: Run) -> None:
            for address, statuses in reference.decided.items():
                if statuses & {Status.FIXED, Status.MANUAL}:
                    assert run.decided.get(address, set()) & {Status.FIXED, Status.MANUAL}, (
                        f"{address}: decided in the case, silent in the variant"
                    )

    try:
        run = _run(code, files, tmp_path / "variant")
    except AssertionError:
        OUTCOMES["wrong"] += 1
        raise
    try:
        compare(run)
    except AssertionError:
        silent = variant == "literals_in_locals"
        OUTCOMES["silent" if silent else "wrong"] += 1
        raise
    statuses = set().union(*run.decided.values()) if run.decided else set()
    if Status.FIXED in statuses:
        OUTCOMES["fixed"] += 1
    elif Status.MANUAL in statuses:
        OUTCOMES["manual"] += 1
    else:
        OUTCOMES["unchanged"] += 1
