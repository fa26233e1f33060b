"""AWS001 dynamodb-gsi-projection: every DynamoDB secondary index says what it projects."""

from __future__ import annotations

from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Option, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from tffix.analysis.evaluate import Evaluator

_INDEX_TYPES = ("global_secondary_index", "local_secondary_index")
_VALID = ("ALL", "KEYS_ONLY", "INCLUDE")
# Attributes after which a person writes projection_type; the one written last wins.
_ANCHORS = ("name", "hash_key", "range_key")
# Attributes that describe throughput or projection details, written after the keys.
_AFTER_KEYS = ("write_capacity", "read_capacity")


class DynamodbGsiProjection(Codemod):
    """Secondary indexes of ``aws_dynamodb_table`` get a ``projection_type``."""

    code = "AWS001"
    name = "dynamodb-gsi-projection"
    summary = "DynamoDB secondary indexes declare their projection_type"
    seed_section = "§3 DynamoDB Global Secondary Index Misconfiguration"
    documentation = (
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Projections",
    )
    checks = ()
    safety = Safety.SAFE
    options = (
        Option(
            "projection_type",
            "ALL",
            "what an index without projection_type projects: ALL, KEYS_ONLY or INCLUDE "
            "(an index that lists non_key_attributes always gets INCLUDE)",
            choices=_VALID,
        ),
    )
    explanation = """\
Why: the AWS provider requires `projection_type` in every
`global_secondary_index` and `local_secondary_index` block of an
`aws_dynamodb_table`; without it Terraform rejects the whole configuration
(`The argument "projection_type" is required`) and nothing gets planned. The
value decides which attributes the index copies: `ALL` (what queries usually
expect, and the default here), `KEYS_ONLY`, or `INCLUDE` with
a `non_key_attributes` list.

What it does: writes `projection_type = "ALL"` (or the `projection_type`
option) into each index that lacks it, after the index's `range_key`,
`hash_key` or `name`, whichever comes last; an index that already lists
`non_key_attributes` gets `INCLUDE`, the only projection that allows them.
A literal that is not a projection type (`"all"`, `"KEYS-ONLY"`) is corrected
when its meaning is clear and otherwise replaced by the option's value.
Indexes written as `dynamic` blocks are handled in their `content`; when the
elements of `for_each` may carry their own projection, the inserted value is
`try(<iterator>.value.projection_type, "ALL")` so theirs still wins.
A value given by an expression is not overwritten: the finding names the
variable and, when its default is a literal, says what to change. `INCLUDE`
without `non_key_attributes`, and `non_key_attributes` with another
projection, are reported for a person to decide.

Fix safety: safe. It edits only indexes Terraform rejects as they are
(`projection_type` is required, and must be one of the three values), so
no table was created from this code and none is replaced: adding or
changing the projection of an existing local secondary index would
replace the table, and of a global one rebuild the index, but neither can
exist here. What it could break: nothing deployed; the projection chosen
(`ALL` by default) decides what the index stores and costs, so set the
option when the queries need less. Values from variables, locals or
`for_each` elements are reported, never overwritten.

Example:

    global_secondary_index {
      name            = "email-index"
      hash_key        = "email"
    +  projection_type = "ALL"
    }
"""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        default = str(self.settings["projection_type"]).upper()
        if default not in _VALID:
            raise ValueError(f"{self.code}: option projection_type must be one of {_VALID}")
        self.settings["projection_type"] = default

    def triggers(self, ctx: ModuleContext) -> Iterator[tuple[str, n.Block]]:
        """Every secondary index of a table: the block, or a dynamic block's content."""
        for path, table in ctx.targets("aws_dynamodb_table"):
            for _index_type, block, _iterator, _dynamic in _index_blocks(table):
                yield path, block

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        from tffix.analysis.evaluate import Evaluator

        default = self.settings["projection_type"]
        evaluator = Evaluator(ctx.analysis)
        for path, table in ctx.targets("aws_dynamodb_table"):
            label = ".".join(table.labels)
            for index_type, block, iterator, dynamic in _index_blocks(table):
                where = f"{label}: {_describe(block, index_type, iterator)}"
                found = list(
                    self._fix_index(path, where, block, iterator, dynamic, default, evaluator)
                )
                yield from found
                if not found:
                    projection = block.body.attribute("projection_type")
                    shown = projection.value.code.strip() if projection is not None else ""
                    yield self.fine(path, block, f"{where}: projects {shown}")

    def _fix_index(
        self,
        path: str,
        where: str,
        block: n.Block,
        iterator: str | None,
        dynamic: n.Block | None,
        default: str,
        evaluator: Evaluator,
    ) -> Iterator[Finding]:
        from tffix.analysis.describe import depends_on, expression_note, hcl, source
        from tffix.analysis.dynamic import iteration_scopes, uses_iterator
        from tffix.analysis.evaluate import UNKNOWN

        body = block.body
        projection = body.attribute("projection_type")
        non_key = body.attribute("non_key_attributes")

        if projection is None:
            if non_key is not None:
                written = '"INCLUDE"'
            elif iterator is not None and _elements_may_project(evaluator, dynamic):
                written = f'try({iterator}.value.projection_type, "{default}")'
            else:
                written = f'"{default}"'
            if non_key is not None:
                edit.insert(block, f"projection_type = {written}", before=non_key)
            else:
                edit.insert(block, f"projection_type = {written}", after=_anchor(body))
            yield self.fixed(path, block, f"{where}: added projection_type = {written}")
            return

        value = projection.value
        literal = m.string_value(value)
        fallback = "INCLUDE" if non_key is not None else default
        if literal is not None:
            if literal not in _VALID:
                canonical = _canonical(literal)
                replacement = canonical if canonical in _VALID else fallback
                edit.set_value(projection, f'"{replacement}"')
                yield self.fixed(
                    path,
                    projection,
                    f'{where}: projection_type "{literal}" is not one of {", ".join(_VALID)}; '
                    f'set it to "{replacement}"',
                )
                literal = replacement
        elif isinstance(value, n.Literal):  # null, true, false
            edit.set_value(projection, f'"{fallback}"')
            yield self.fixed(
                path,
                projection,
                f'{where}: projection_type was {source(value)}; set it to "{fallback}"',
            )
            literal = fallback
        elif dynamic is not None and uses_iterator(value, dynamic):
            # Data-driven: check each element of for_each when they are known.
            scopes = iteration_scopes(evaluator, dynamic) or []
            values = [evaluator.value(value, scope) for scope in scopes]
            bad = [v for v in values if v is not UNKNOWN and v not in _VALID]
            if bad:
                yield self.manual(
                    path,
                    projection,
                    f"{where}: an element of for_each gives projection_type {hcl(bad[0])}; "
                    f"make it one of {', '.join(_VALID)}",
                )
            return
        else:
            statically = evaluator.value(value)
            want = default
            if isinstance(statically, str) and _canonical(statically) in _VALID:
                want = _canonical(statically)
            note = expression_note(evaluator, value, want=f'"{want}"', ok=_valid)
            if note is not None:
                one_of = f"one of {', '.join(_VALID)}"
                message = depends_on(f"{where}: projection_type", value, one_of, note)
                yield self.manual(path, projection, message)
            literal = statically if statically is not UNKNOWN else None

        if literal == "INCLUDE" and non_key is None:
            yield self.manual(
                path,
                projection,
                f"{where}: projection_type INCLUDE needs non_key_attributes listing the "
                "attributes to project (or use KEYS_ONLY/ALL)",
            )
        elif literal in ("ALL", "KEYS_ONLY") and non_key is not None:
            yield self.manual(
                path,
                non_key,
                f"{where}: non_key_attributes is only allowed with projection_type INCLUDE "
                f"(it is {literal}); remove it or make the projection INCLUDE",
            )


# ---- helpers -------------------------------------------------------------------


def _index_blocks(
    table: n.Block,
) -> Iterator[tuple[str, n.Block, str | None, n.Block | None]]:
    """(index type, block to edit, iterator name, dynamic block) of each index, in order.

    A static block is edited itself; a ``dynamic`` block through its ``content``.
    """
    from tffix.analysis.dynamic import iterator_name, nested_blocks

    for block, dynamic in nested_blocks(table.body, *_INDEX_TYPES):
        if dynamic is None:
            yield block.type, block, None, None
        else:
            yield dynamic.labels[0], block, iterator_name(dynamic), dynamic


def _describe(block: n.Block, index_type: str, iterator: str | None) -> str:
    if iterator is not None:
        return f'dynamic "{index_type}"'
    name = block.body.attribute("name")
    literal = m.string_value(name.value) if name is not None else None
    return f'{index_type} "{literal}"' if literal is not None else index_type


def _canonical(value: str) -> str:
    """``"keys-only"`` -> ``"KEYS_ONLY"``: the spelling a sloppy value most likely meant."""
    return value.strip().upper().replace("-", "_").replace(" ", "_")


def _valid(value: Any) -> bool:
    return value in _VALID


def _anchor(body: n.Body) -> n.Attribute | n.Block | None:
    """Where projection_type goes: after the last key attribute, else after the attributes."""
    attributes = body.attributes
    keys = [a for a in attributes if a.name in _ANCHORS]
    if keys:
        return keys[-1]  # source order: the key written last
    leading = [a for a in attributes if a.name not in _AFTER_KEYS]
    if leading:
        return leading[-1]
    return attributes[-1] if attributes else None


def _elements_may_project(evaluator: Evaluator, dynamic: n.Block | None) -> bool:
    """False only when for_each is known and none of its elements has a projection_type."""
    from tffix.analysis.dynamic import for_each_items

    if dynamic is None or dynamic.body.attribute("for_each") is None:
        return False
    items = for_each_items(evaluator, dynamic)
    if items is None:
        return True  # unknown: the elements may well carry one
    return any(isinstance(e, dict) and "projection_type" in e for _key, e in items)
