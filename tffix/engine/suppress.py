"""Suppression comments: a person's deliberate "leave this alone".

- ``# tffix: ignore[AWS003]`` (or ``ignore[AWS003, AWS009]``, or a bare
  ``# tffix: ignore`` for every codemod) on the line above a block or on its
  first line;
- ``#checkov:skip=CKV_AWS_7:reason`` or ``#trivy:ignore:AVD-AWS-0065``
  anywhere in or right above the block, for a codemod that satisfies that
  check: the scanner finding was already waived on purpose.
"""

from __future__ import annotations

import re

from tffix.syntax import nodes as n
from tffix.syntax.trivia import comments_in

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tffix.engine.codemod import Codemod

_TFFIX = re.compile(r"tffix:\s*ignore(?:\[([A-Za-z0-9_,\s-]+)\])?")
_CHECKOV = re.compile(r"checkov:skip=([A-Z0-9_]+)")
_TRIVY = re.compile(r"trivy:ignore:([A-Za-z0-9_-]+)")

ALL = "*"


def _above(block: n.Block) -> list[str]:
    """Comments on the lines directly above the block (no blank line between)."""
    pre = block.first_token.pre
    lines = pre.split("\n")[:-1]
    own: list[str] = []
    for line in reversed(lines):
        if not line.strip():
            break
        own.append(line)
    return comments_in("\n".join(reversed(own)))


def _first_line(block: n.Block) -> list[str]:
    """Comments after the block's ``{`` on the same line."""
    body = block.body
    token = body.first_token if body.children else block.close_brace
    return comments_in(token.pre.split("\n", 1)[0])


def suppressed(block: n.Block) -> tuple[set[str], set[str]]:
    """(tffix codes or ``*``, scanner check IDs) waived for ``block``."""
    above = _above(block)
    codes: set[str] = set()
    for comment in above + _first_line(block):
        for m in _TFFIX.finditer(comment):
            if m.group(1) is None:
                codes.add(ALL)
            else:
                codes.update(c.strip().upper() for c in m.group(1).split(",") if c.strip())
    checks: set[str] = set()
    inside = [c for t in block.tokens() for c in comments_in(t.pre)]
    for comment in above + inside:
        checks.update(_CHECKOV.findall(comment))
        checks.update(_TRIVY.findall(comment))
    return codes, checks


def is_suppressed(block: n.Block, codemod: Codemod) -> bool:
    """True when ``block`` is waived for the whole codemod.

    A scanner waiver covers one check. It waives a codemod that satisfies
    exactly that check; a codemod that satisfies several (one per setting it
    adds) asks ``waived_checks`` and leaves alone only what is waived.
    """
    codes, checks = suppressed(block)
    if ALL in codes or codemod.code in codes:
        return True
    return len(codemod.checks) == 1 and codemod.checks[0] in checks


def waived_checks(block: n.Block, codemod: Codemod) -> set[str]:
    """The checks of ``codemod`` that a scanner waiver on ``block`` skips."""
    return suppressed(block)[1] & set(codemod.checks)
