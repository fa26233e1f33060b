"""The metamorphic tests' outcome counts, printed at the end of the run."""

from __future__ import annotations

from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from tests.codemods.test_metamorphic import OUTCOMES

    if sum(OUTCOMES.values()):
        counts = ", ".join(
            f"{OUTCOMES[k]} {k}" for k in ("fixed", "manual", "unchanged", "silent", "wrong")
        )
        terminalreporter.write_line(f"metamorphic variants: {counts}")
