"""Editing layer over the CST: matchers, builders, edits, placement and formatting.

Imports point down only: ``tffix.cst`` uses ``tffix.syntax`` and never the
other way round.
"""
