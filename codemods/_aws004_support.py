"""Shared by AWS004 and AWS005: find and extend IAM/KMS policies written in HCL.

The editing API can insert attributes and blocks, but not elements of a
tuple inside ``jsonencode(...)``. ``append_statement`` re-renders just the
``Statement = [...]`` tuple with one more element and lets the runner lay
the changed lines out; every untouched statement keeps its text.
"""

from __future__ import annotations

from tffix.cst import edit
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tffix.engine.codemod import ModuleContext


def referenced(expr: n.Node, type: str) -> list[str]:
    """Names of the ``type`` resources ``expr`` refers to, in order, without repeats."""
    names: list[str] = []
    for trav in edit.traversals(expr):
        parts = trav.names()
        name = parts[1] if trav.root_name() == type and len(parts) > 1 else None
        if isinstance(name, str) and name not in names:
            names.append(name)
    return names


def referenced_data(expr: n.Node, type: str) -> list[str]:
    """Names of the ``data.<type>`` sources ``expr`` refers to."""
    names: list[str] = []
    for trav in edit.traversals(expr):
        parts = trav.names()
        if trav.root_name() == "data" and len(parts) > 2 and parts[1] == type:
            name = parts[2]
            if isinstance(name, str) and name not in names:
                names.append(name)
    return names


def _declared(ctx: ModuleContext, address: str) -> tuple[str, n.Block] | None:
    found = ctx.analysis.lookup(address)
    if found is None or not isinstance(found.node, n.Block):
        return None
    return found.path, found.node


def find_resource(ctx: ModuleContext, type: str, name: str) -> tuple[str, n.Block] | None:
    """(path, block) of ``resource "<type>" "<name>"``, waived or not."""
    return _declared(ctx, f"{type}.{name}")


def find_data(ctx: ModuleContext, type: str, name: str) -> tuple[str, n.Block] | None:
    """(path, block) of ``data "<type>" "<name>"``."""
    return _declared(ctx, f"data.{type}.{name}")


def free_label(ctx: ModuleContext, type: str, wanted: str, fallback: str) -> str:
    """``wanted`` if no ``type`` resource has that name yet, else ``fallback`` (numbered)."""
    taken = {b.labels[1] for _p, b in ctx.analysis.resources(type) if len(b.labels) > 1}
    if wanted not in taken:
        return wanted
    label, i = fallback, 2
    while label in taken:
        label, i = f"{fallback}_{i}", i + 1
    return label


def policy_document(ctx: ModuleContext, value: n.Expression) -> tuple[str, n.Block] | None:
    """The ``data.aws_iam_policy_document`` a ``policy = data.x.y.json`` uses."""
    if isinstance(value, n.Traversal):
        names = referenced_data(value, "aws_iam_policy_document")
        if len(names) == 1:
            return find_data(ctx, "aws_iam_policy_document", names[0])
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
    ctx: ModuleContext,
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
        nl = edit.newline_of(owner)  # a CRLF file stays CRLF
        added = json_statement.replace("\n", nl)
        if not statements.elements:
            text = "[" + nl + added + nl + "]"
        else:
            comma = "" if inner.endswith(",") else ","
            text = "[" + inner + comma + nl + added + nl + "]"
        edit.replace(item, statements, text)
        return f"{'.'.join(owner.labels)}.{attribute}"
    document = policy_document(ctx, policy.value)
    if document is not None:
        _path, block = document
        statements = block.body.blocks_of_type("statement")
        anchor = statements[-1] if statements else None
        edit.insert(block, document_statement, after=anchor, blank_line=bool(block.body.items))
        return f"data.{'.'.join(block.labels)}"
    return None
