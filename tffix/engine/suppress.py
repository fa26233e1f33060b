"""Suppression comments: a person's deliberate "leave this alone".

- ``# tffix: ignore[AWS003]`` (or ``ignore[AWS003, AWS009]``, or a bare
  ``# tffix: ignore`` for every codemod) on the line above a block or on its
  first line;
- ``#checkov:skip=CKV_AWS_7:reason`` anywhere in or right above the block,
  for a codemod that satisfies that check: the scanner finding was already
  waived on purpose;
- ``#trivy:ignore:<rule>`` likewise, in trivy's documented syntax
  (https://trivy.dev/latest/docs/scanner/misconfiguration/#skipping-resources-by-inline-comments):
  after ``#`` or ``//``, several on one line, the rule being the check ID
  (``AVD-AWS-0065``, any case), its long ID (``aws-kms-auto-rotate-keys``)
  or ``*``, optionally narrowed to some instances (``[bucket=logs]``, which
  tffix cannot tell apart, so the block is left alone) or given an expiry
  (``:exp:2025-01-31``: once past, the waiver no longer counts). Trivy's
  checks are mapped to the checkov checks the codemods declare
  (``TRIVY_TO_CHECKOV``).
"""

from __future__ import annotations

import re

from tffix.syntax import nodes as n
from tffix.syntax.trivia import comments_in

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from tffix.engine.codemod import Codemod

_TFFIX = re.compile(r"tffix:\s*ignore(?:\[([A-Za-z0-9_,\s-]+)\])?")
_CHECKOV = re.compile(r"checkov:skip=([A-Z0-9_]+)")
_TRIVY = re.compile(
    r"trivy:ignore:(?P<rule>\*|[A-Za-z0-9_.-]+)(?:\[[^\]]*\])?"
    r"(?::ws:[^\s:]+)?(?::exp:(?P<exp>\d{4}-\d{2}-\d{2}))?"
)

# Trivy's checks (ID and long ID) that stand for a check a codemod satisfies.
TRIVY_TO_CHECKOV = {
    "AVD-AWS-0065": "CKV_AWS_7",  # aws-kms-auto-rotate-keys
    "AVD-AWS-0017": "CKV_AWS_158",  # aws-cloudwatch-log-group-customer-key
    "AVD-AWS-0066": "CKV_AWS_50",  # aws-lambda-enable-tracing
    "AVD-AWS-0003": "CKV_AWS_73",  # aws-api-gateway-enable-tracing
    "AVD-AWS-0024": "CKV_AWS_28",  # aws-dynamodb-enable-recovery
    "AVD-AWS-0025": "CKV_AWS_119",  # aws-dynamodb-table-customer-key
    "AVD-AWS-0090": "CKV_AWS_21",  # aws-s3-enable-versioning
    "AVD-AWS-0088": "CKV_AWS_145",  # aws-s3-enable-bucket-encryption
    "AVD-AWS-0132": "CKV_AWS_145",  # aws-s3-encryption-customer-key
    "AVD-AWS-0086": "CKV2_AWS_6",  # aws-s3-block-public-acls
    "AVD-AWS-0087": "CKV2_AWS_6",  # aws-s3-block-public-policy
    "AVD-AWS-0091": "CKV2_AWS_6",  # aws-s3-ignore-public-acls
    "AVD-AWS-0093": "CKV2_AWS_6",  # aws-s3-no-public-buckets
    "AVD-AWS-0094": "CKV2_AWS_6",  # aws-s3-specify-public-access-block
}
_TRIVY_LONG = {
    "aws-kms-auto-rotate-keys": "AVD-AWS-0065",
    "aws-cloudwatch-log-group-customer-key": "AVD-AWS-0017",
    "aws-lambda-enable-tracing": "AVD-AWS-0066",
    "aws-api-gateway-enable-tracing": "AVD-AWS-0003",
    "aws-dynamodb-enable-recovery": "AVD-AWS-0024",
    "aws-dynamodb-table-customer-key": "AVD-AWS-0025",
    "aws-s3-enable-versioning": "AVD-AWS-0090",
    "aws-s3-enable-bucket-encryption": "AVD-AWS-0088",
    "aws-s3-encryption-customer-key": "AVD-AWS-0132",
    "aws-s3-block-public-acls": "AVD-AWS-0086",
    "aws-s3-block-public-policy": "AVD-AWS-0087",
    "aws-s3-ignore-public-acls": "AVD-AWS-0091",
    "aws-s3-no-public-buckets": "AVD-AWS-0093",
    "aws-s3-specify-public-access-block": "AVD-AWS-0094",
}
ANY_CHECK = "*"  # ``trivy:ignore:*``: every check


def trivy_checks(comment: str, today: str | None = None) -> set[str]:
    """The checks (checkov IDs, or ``*``) a comment's unexpired trivy waivers name.

    ``today`` (``YYYY-MM-DD``, default: the current UTC date) decides expiry.
    """
    found: set[str] = set()
    for m in _TRIVY.finditer(comment):
        expires = m.group("exp")
        if expires is not None:
            if today is None:
                import datetime

                today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
            if expires < today:
                continue  # expired: the finding is back
        rule = m.group("rule")
        if rule == "*":
            found.add(ANY_CHECK)
            continue
        avd = _TRIVY_LONG.get(rule.lower(), rule.upper())
        check = TRIVY_TO_CHECKOV.get(avd)
        if check is not None:
            found.add(check)
    return found


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


# Answers by block, while no edit was made (``tffix.cst.edit.edits``): each codemod
# asks of the same blocks (``ctx.targets``). id(block) -> [block, the tffix codes
# waived, the scanner checks waived (None until asked: it reads every token of the
# block, and only codemods that satisfy checks need it)]. The block is held, so its
# id stays its own.
_answers: dict[int, list[Any]] = {}
_answers_at = [-1]  # the edit count the answers hold for
_MAX_ANSWERS = 4096


def forget() -> None:
    """Drop the answers kept (the runner does after each module: its trees are gone)."""
    _answers.clear()


def _known(block: n.Block) -> list[Any]:
    """The answers kept for ``block`` (its waived codes worked out if not yet)."""
    from tffix.cst import edit

    if _answers_at[0] != edit.edits or len(_answers) >= _MAX_ANSWERS:
        _answers.clear()
        _answers_at[0] = edit.edits
    known = _answers.get(id(block))
    if known is None or known[0] is not block:
        known = _answers[id(block)] = [block, _codes(block), None]
    return known


def _checks_of(known: list[Any]) -> frozenset[str]:
    if known[2] is None:
        known[2] = _checks(known[0])
    return known[2]


def suppressed(block: n.Block) -> tuple[frozenset[str], frozenset[str]]:
    """(tffix codes or ``*``, scanner check IDs) waived for ``block``."""
    known = _known(block)
    return known[1], _checks_of(known)


def _codes(block: n.Block) -> frozenset[str]:
    codes: set[str] = set()
    for comment in _above(block) + _first_line(block):
        for m in _TFFIX.finditer(comment):
            if m.group(1) is None:
                codes.add(ALL)
            else:
                codes.update(c.strip().upper() for c in m.group(1).split(",") if c.strip())
    return frozenset(codes)


def _checks(block: n.Block) -> frozenset[str]:
    checks: set[str] = set()
    inside = [c for t in block.tokens() for c in comments_in(t.pre)]
    for comment in _above(block) + inside:
        checks.update(_CHECKOV.findall(comment))
        checks.update(trivy_checks(comment))
    return frozenset(checks)


def is_suppressed(block: n.Block, codemod: Codemod) -> bool:
    """True when ``block`` is waived for the whole codemod.

    A scanner waiver covers one check. It waives a codemod that satisfies
    exactly that check; a codemod that satisfies several (one per setting it
    adds) asks ``waived_checks`` and leaves alone only what is waived.
    """
    known = _known(block)
    codes = known[1]
    if ALL in codes or codemod.code in codes:
        return True
    if not codemod.checks:
        return False  # a scanner waiver is about a check: none of this codemod's
    checks = _checks_of(known)
    if ANY_CHECK in checks:
        return True
    return len(codemod.checks) == 1 and codemod.checks[0] in checks


def waived_checks(block: n.Block, codemod: Codemod) -> set[str]:
    """The checks of ``codemod`` that a scanner waiver on ``block`` skips."""
    checks = suppressed(block)[1]
    if ANY_CHECK in checks:
        return set(codemod.checks)
    return set(checks & set(codemod.checks))
