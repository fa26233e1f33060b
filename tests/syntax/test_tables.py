"""The stored parse tables are exactly what Lark builds from the grammar today."""

from __future__ import annotations

from tffix.syntax import _tables, tables


def test_stored_tables_match_the_grammar() -> None:
    fresh = tables.build()  # strict: raises on any LALR conflict
    assert fresh["RULES"] == _tables.RULES, "run: python -m tffix.syntax.tables"
    assert fresh["STATES"] == _tables.STATES, "run: python -m tffix.syntax.tables"
    assert (fresh["START"], fresh["END"]) == (_tables.START, _tables.END)


def test_every_rule_alias_has_a_callback() -> None:
    from tffix.syntax.build import CALLBACKS
    from tffix.syntax.parser import _UNIT

    # Unit rules pass their value through in the driver and need none (nor have one).
    assert {alias for _, _, alias in _tables.RULES} <= set(CALLBACKS) | _UNIT
    assert not _UNIT & set(CALLBACKS)
