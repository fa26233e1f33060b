"""Editing IAM and KMS policies written in HCL: add a statement in place.

The editing API can insert attributes and blocks, but not elements of a
tuple inside ``jsonencode(...)``. ``append_statement`` re-renders just the
``Statement = [...]`` tuple with one more element and lets the runner lay
the changed lines out; every untouched statement keeps its text. Reading
what a policy allows is ``tffix.aws.policies``; this module only writes.
"""

from __future__ import annotations

from tffix.analysis.names import find_data, referenced_data
from tffix.cst import edit
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tffix.analysis.module import ModuleAnalysis


def policy_document(analysis: ModuleAnalysis, value: n.Expression) -> tuple[str, n.Block] | None:
    """The ``data.aws_iam_policy_document`` a ``policy = data.x.y.json`` uses."""
    if isinstance(value, n.Traversal):
        names = referenced_data(value, "aws_iam_policy_document")
        if len(names) == 1:
            return find_data(analysis, "aws_iam_policy_document", names[0])
    return None


def jsonencode_statements(value: n.Expression) -> tuple[n.ObjectItem, n.Tuple] | None:
    """The ``Statement = [...]`` item of a ``jsonencode({...})`` policy, if written so."""
    if not (isinstance(value, n.Call) and value.name == "jsonencode" and len(value.args) == 1):
        return None
    document = value.args[0]
    if not isinstance(document, n.Object):
        return None
    for item in document.items:
        if item.key_name() == "Statement" and isinstance(item.value, n.Tuple):
            return item, item.value
    return None


def append_statement(
    analysis: ModuleAnalysis,
    owner: n.Block,
    attribute: str,
    json_statement: str,
    document_statement: str,
) -> str | None:
    """Add a statement to the policy in ``owner.<attribute>``; say where, or None.

    ``json_statement`` is the HCL object for ``jsonencode`` policies,
    ``document_statement`` the ``statement { ... }`` block for
    ``aws_iam_policy_document`` ones. Heredocs, ``file()`` and variables are
    not edited: the caller reports them.
    """
    policy = owner.body.attribute(attribute)
    if policy is None:
        return None
    found = jsonencode_statements(policy.value)
    if found is not None:
        item, statements = found
        old = statements.code.strip()
        inner = old[1:-1].rstrip()
        if inner and not inner[0].isspace():
            # `[{ ... }]`: the first statement opens on the bracket's line; each
            # statement gets its own lines, as a list of several is written.
            inner = edit.newline_of(owner) + inner
        nl = edit.newline_of(owner)  # a CRLF file stays CRLF
        added = json_statement.replace("\n", nl)
        if not statements.elements:
            text = "[" + nl + added + nl + "]"
        else:
            comma = "" if inner.endswith(",") else ","
            text = "[" + inner + comma + nl + added + nl + "]"
        edit.replace(item, statements, text)
        return f"{'.'.join(owner.labels)}.{attribute}"
    document = policy_document(analysis, policy.value)
    if document is not None:
        _path, block = document
        blocks = block.body.blocks_of_type("statement")
        anchor = blocks[-1] if blocks else None
        edit.insert(block, document_statement, after=anchor, blank_line=bool(block.body.items))
        return f"data.{'.'.join(block.labels)}"
    return None
