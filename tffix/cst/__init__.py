"""Editing layer over the CST: visitors, matchers, builders, edits and formatting.

Imports point down only: ``tffix.cst`` uses ``tffix.syntax`` and never the
other way round.
"""
