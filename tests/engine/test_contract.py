"""The codemod contract the runner enforces in strict mode (``TFFIX_STRICT=1``).

Each check is proven able to fail: a deliberately bad codemod breaks it and
the run raises ``ContractError``; a well-behaved one passes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tffix.cst import edit
from tffix.engine.codemod import Codemod, ModuleContext, Status
from tffix.engine.runner import ContractError, run_module

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from tffix.engine.codemod import Finding
    from tffix.syntax import nodes as n

_TABLE = 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n}\n'
_TWO = _TABLE + '\nresource "aws_dynamodb_table" "u" {\n  name = "u"\n}\n'


class _Base(Codemod):
    code = "TST900"
    name = "contract-test"
    summary = "test codemod"

    def triggers(self, ctx: ModuleContext) -> Iterable[tuple[str, n.Block]] | None:
        return ctx.targets("aws_dynamodb_table")


class SilentEditor(_Base):
    """Edits the code and says nothing: the worst kind of codemod."""

    def triggers(self, ctx: ModuleContext) -> Iterable[tuple[str, n.Block]] | None:
        return None  # so that only the edit check can fail

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        for _path, block in ctx.targets("aws_dynamodb_table"):
            edit.append(block, 'billing_mode = "PAY_PER_REQUEST"')
        return iter(())


class HonestEditor(_Base):
    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        for path, block in ctx.targets("aws_dynamodb_table"):
            if block.body.attribute("billing_mode") is None:
                edit.append(block, 'billing_mode = "PAY_PER_REQUEST"')
                yield self.fixed(path, block, "billing mode set")
            else:
                yield self.fine(path, block, "billing mode already chosen")


class SkipsOne(_Base):
    """Judges the first table only: the second one is matched and ignored."""

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        path, block = ctx.targets("aws_dynamodb_table")[0]
        yield self.manual(path, block, "cannot tell")


def _module(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "main.tf"
    path.write_text(text)
    return [str(path)]


def test_an_edit_without_a_fixed_finding_is_a_contract_error(tmp_path: Path) -> None:
    paths = _module(tmp_path, _TABLE)
    with pytest.raises(ContractError, match="without reporting a fixed finding"):
        run_module(str(tmp_path), paths, [SilentEditor()], strict=True)


def test_a_triggered_block_without_a_decision_is_a_contract_error(tmp_path: Path) -> None:
    paths = _module(tmp_path, _TWO)
    with pytest.raises(ContractError, match=r"main.tf:5: its trigger matched"):
        run_module(str(tmp_path), paths, [SkipsOne()], strict=True)


def test_not_strict_the_run_goes_on(tmp_path: Path) -> None:
    paths = _module(tmp_path, _TWO)
    result = run_module(str(tmp_path), paths, [SkipsOne()], strict=False)
    assert [f.status for f in result.findings] == [Status.MANUAL]


def test_fine_decisions_are_notes_not_findings(tmp_path: Path) -> None:
    text = _TABLE + '\nresource "aws_dynamodb_table" "u" {\n  billing_mode = "PROVISIONED"\n}\n'
    paths = _module(tmp_path, text)
    result = run_module(str(tmp_path), paths, [HonestEditor()], strict=True)
    assert [(f.line, f.status) for f in result.findings] == [(1, Status.FIXED)]
    assert [(f.line, f.message) for f in result.notes] == [(5, "billing mode already chosen")]
    assert 'billing_mode = "PAY_PER_REQUEST"' in result.files[0].new


def test_every_builtin_codemod_declares_its_trigger() -> None:
    """Never silent needs a trigger to check against: each codemod says what it is about."""
    from tffix.engine.registry import builtin_codemods

    missing = [c.code for c in builtin_codemods() if c.triggers is Codemod.triggers]
    assert missing == []
