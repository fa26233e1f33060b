"""Version constraints (``~> 4.0``, ``>= 1.5, < 2.0``) as version ranges.

``required_version`` (which Terraform runs a module) and ``required_providers``
(which provider release) are written in the same constraint language; one
reader serves the AWS version table, the S3 split's import decisions and the
Terraform 0.11 detector, so they cannot read one constraint two ways.
https://developer.hashicorp.com/terraform/language/expressions/version-constraints
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tffix.cst import matchers as m
from tffix.syntax import nodes as n

Version = tuple[int, int, int]

_OPERATOR = re.compile(r"^\s*(~>|>=|<=|!=|=|>|<)?\s*v?(\d+(?:\.\d+){0,2})(?:-[\w.]+)?\s*$")


def parse_version(text: str) -> tuple[Version, int]:
    """(version padded with zeros, how many parts were written)."""
    parts = [int(p) for p in text.split(".")]
    return (*parts, 0, 0)[:3], len(parts)  # type: ignore[return-value]


def bounds(constraint: str) -> tuple[Version, Version | None] | None:
    """(inclusive low, exclusive high) of one constraint, None when it cannot be read."""
    match = _OPERATOR.match(constraint)
    if match is None:
        return None
    operator, (version, written) = match.group(1) or "=", parse_version(match.group(2))
    major, minor, patch = version
    following = (major, minor, patch + 1)
    if operator == "=":
        return version, following
    if operator == "!=":
        return (0, 0, 0), None
    if operator == ">=":
        return version, None
    if operator == ">":
        return following, None
    if operator == "<":
        return (0, 0, 0), version
    if operator == "<=":
        return (0, 0, 0), following
    # ~>: the rightmost written part may grow.
    if written in (1, 2):
        return version, (major + 1, 0, 0)
    return version, (major, minor + 1, 0)


def range_of(text: str) -> tuple[Version, Version | None]:
    """(low, exclusive high) every clause of ``text`` admits (clauses it cannot read
    are left out)."""
    low: Version = (0, 0, 0)
    high: Version | None = None
    for part in text.split(","):
        found = bounds(part.strip()) if part.strip() else None
        if found is None:
            continue
        low = max(low, found[0])
        if found[1] is not None:
            high = found[1] if high is None else min(high, found[1])
    return low, high


def required_terraform(files: Mapping[str, n.Module]) -> tuple[Version, Version | None]:
    """(low, exclusive high) of the Terraform versions the module's ``required_version``
    arguments admit together (every ``terraform`` block applies); all when none."""
    low: Version = (0, 0, 0)
    high: Version | None = None
    for module in files.values():
        for block in module.body.blocks_of_type("terraform"):
            attribute = block.body.attribute("required_version")
            text = m.string_value(attribute.value) if attribute is not None else None
            if not text:
                continue
            one_low, one_high = range_of(text)
            low = max(low, one_low)
            if one_high is not None:
                high = one_high if high is None else min(high, one_high)
    return low, high
