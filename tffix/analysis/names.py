"""Finding blocks by address and naming new ones, over a module's analysis.

Codemods that add a block (a connection, a policy, a data source) need a
label no block of that type has, and codemods that follow a reference need
the block it names. Both are questions about the module's namespace, so
they live here once rather than in each codemod.
"""

from __future__ import annotations

from tffix.cst import edit
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Container, Iterator

    from tffix.analysis.module import ModuleAnalysis


def free_label(taken: Container[str], wanted: str, fallback: str | None = None) -> str:
    """``wanted`` when no block has it, else ``fallback`` (default ``wanted``),
    then ``<fallback>_2``, ``<fallback>_3``... : the first label not ``taken``."""
    if wanted not in taken:
        return wanted
    base = wanted if fallback is None else fallback
    label, i = base, 2
    while label in taken:
        label, i = f"{base}_{i}", i + 1
    return label


def resource_labels(analysis: ModuleAnalysis, type: str) -> set[str]:
    """The labels of the module's ``resource "<type>"`` blocks, waived or not
    (a waived block still holds its address)."""
    return {b.labels[1] for _p, b in analysis.resources(type) if len(b.labels) > 1}


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


def _declared(analysis: ModuleAnalysis, address: str) -> tuple[str, n.Block] | None:
    found = analysis.lookup(address)
    if found is None or not isinstance(found.node, n.Block):
        return None
    return found.path, found.node


def find_resource(analysis: ModuleAnalysis, type: str, name: str) -> tuple[str, n.Block] | None:
    """(path, block) of ``resource "<type>" "<name>"``, waived or not."""
    return _declared(analysis, f"{type}.{name}")


def find_data(analysis: ModuleAnalysis, type: str, name: str) -> tuple[str, n.Block] | None:
    """(path, block) of ``data "<type>" "<name>"``."""
    return _declared(analysis, f"data.{type}.{name}")


def object_part(expr: n.Expression, steps: list[str | None]) -> n.Expression:
    """The part of a literal object that a traversal's further steps pick
    (``local.x.logs`` -> the ``logs`` item of local ``x``'s object), as far as the
    object is written out; where it stops being one, what was reached."""
    for step in steps:
        if step is None or not isinstance(expr, n.Object):
            break
        for item in expr.items:
            if item.key_name() == step:
                expr = item.value
                break
        else:
            break
    return expr


def traversals_through_locals(analysis: ModuleAnalysis, expr: n.Node) -> Iterator[n.Traversal]:
    """Every traversal of ``expr`` and, for each ``local.x`` it reads, of that local's
    value, transitively (each local once).

    A bucket, topic or log group is often named through a local
    (``local.bucket_id``), and a decision that looks only at ``expr`` would take
    the reference for something else. The ``local.x`` traversals themselves are
    yielded too, so a caller can tell that a local was involved.
    """
    pending: list[n.Node] = [expr]
    seen: set[str] = set()
    while pending:
        for trav in edit.traversals(pending.pop()):
            yield trav
            names = trav.names()
            if names[0] == "local" and len(names) > 1 and names[1] is not None:
                name = str(names[1])
                if name not in seen:
                    seen.add(name)
                    local = analysis.local(name)
                    if local is not None:
                        pending.append(local.value)
