"""IAM policy documents as the module writes them, read as far as they are known.

Bucket policies and key policies come in three shapes: ``jsonencode({...})``,
a JSON heredoc (often with ``${...}`` inside), and a
``data "aws_iam_policy_document"`` referenced by ``.json`` (possibly through a
local). Questions such as "does an Allow statement name the principal ``*``?"
or "may ``delivery.logs.amazonaws.com`` use this key?" only need the
statements' effect, principals, actions and condition keys, which are
usually literal even when the ARNs inside are not. So a document is read
into :class:`Statement` objects whose unknown pieces are ``None``; a
document that cannot be read at all (``file()``, a module output) is None.

Policy grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
Policy document data source:
https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from tffix.analysis.evaluate import UNKNOWN, Evaluator
from tffix.analysis.module import ModuleAnalysis
from tffix.cst import matchers as m
from tffix.syntax import nodes as n
from tffix.syntax.strings import decode_heredoc, decode_quoted

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Stands for an interpolation whose value is not known, inside JSON text.
_HOLE = "\ue000unknown\ue000"  # JSON-safe (a control character is not)


@dataclass
class Statement:
    """One statement; None where the module does not show the value."""

    effect: str | None = "Allow"
    # (type, identifier) pairs: ("AWS", "*"), ("Service", "delivery.logs.amazonaws.com"),
    # ("*", "*") for `Principal = "*"`; identifier None when not known. None: unknown list.
    principals: list[tuple[str, str | None]] | None = field(default_factory=list)
    not_principal: bool = False
    actions: list[str | None] | None = field(default_factory=list)
    not_action: bool = False
    # Condition keys in lower case, with whether every value is known and not a wildcard.
    conditions: dict[str, bool] | None = field(default_factory=dict)

    def names_everyone(self) -> bool | None:
        """True when the principal is ``*`` (or ``{AWS = "*"}``), None when unknown."""
        if self.principals is None:
            return None
        if any(ident == "*" for _kind, ident in self.principals):
            return True
        if any(ident is None for _kind, ident in self.principals):
            return None
        return False

    def allows_action(self, *wanted: str) -> bool | None:
        """Whether the statement's actions cover any of ``wanted`` (``kms:*`` covers all)."""
        if self.actions is None:
            return None
        if self.not_action:
            return None
        unknown = False
        for action in self.actions:
            if action is None:
                unknown = True
                continue
            if any(_glob(action.lower(), w.lower()) for w in wanted):
                return True
        return None if unknown else False


def _glob(pattern: str, value: str) -> bool:
    import fnmatch

    return fnmatch.fnmatchcase(value, pattern)


def statements(analysis: ModuleAnalysis, expr: n.Expression) -> list[Statement] | None:
    """The statements of the policy ``expr`` writes, or None when it cannot be read."""
    return _Reader(analysis).document(expr, depth=0)


class _Reader:
    def __init__(self, analysis: ModuleAnalysis) -> None:
        self.analysis = analysis
        self.evaluator = Evaluator(analysis)

    # ---- the document's shapes -------------------------------------------------

    def document(self, expr: n.Expression, depth: int) -> list[Statement] | None:
        if depth > 8:
            return None
        while isinstance(expr, n.Parens):
            expr = expr.expr
        if isinstance(expr, n.Call) and expr.name == "jsonencode" and len(expr.args) == 1:
            return self._from_value(self.value(expr.args[0], depth))
        if isinstance(expr, (n.TemplateString, n.Heredoc)):
            text = self._text(expr)
            if text is None:
                return self._document_reference(expr, depth)
            try:
                return self._from_value(json.loads(text))
            except ValueError:
                return None
        if isinstance(expr, n.Traversal):
            names = expr.names()
            if names[0] == "data" and len(names) >= 4 and names[1] == "aws_iam_policy_document":
                return self.policy_document(str(names[2]), depth)
            if names[0] == "local" and len(names) >= 2 and names[1] is not None:
                local = self.analysis.local(str(names[1]))
                return None if local is None else self.document(local.value, depth + 1)
        value = self.evaluator.value(expr)
        if isinstance(value, str):
            try:
                return self._from_value(json.loads(value))
            except ValueError:
                return None
        return None

    def _document_reference(self, expr: n.Expression, depth: int) -> list[Statement] | None:
        """``"${data.aws_iam_policy_document.x.json}"``: a template that is one reference."""
        parts = expr.parts if isinstance(expr, (n.TemplateString, n.Heredoc)) else []
        if len(parts) == 1 and isinstance(parts[0], n.Interpolation):
            return self.document(parts[0].expr, depth + 1)
        return None

    def policy_document(self, label: str, depth: int) -> list[Statement] | None:
        block = None
        for _path, candidate in self.analysis.data_sources("aws_iam_policy_document"):
            if candidate.labels[1] == label:
                block = candidate
        if block is None or block.body.attribute("for_each") is not None:
            return None
        out: list[Statement] = []
        for name in ("source_json", "override_json"):
            if block.body.attribute(name) is not None:
                return None
        for name in ("source_policy_documents", "override_policy_documents"):
            attribute = block.body.attribute(name)
            if attribute is None:
                continue
            if not isinstance(attribute.value, n.Tuple):
                return None
            for element in attribute.value.elements:
                inner = self.document(element, depth + 1)
                if inner is None:
                    return None
                out.extend(inner)
        for statement in block.body.blocks:
            if statement.type == "dynamic":
                return None  # statements generated from data: not read here
            if statement.type == "statement":
                out.append(self._statement_block(statement))
        return out

    def _statement_block(self, block: n.Block) -> Statement:
        body = block.body
        effect_attr = body.attribute("effect")
        effect = "Allow" if effect_attr is None else self._string(effect_attr.value)
        statement = Statement(effect=effect)
        principals: list[tuple[str, str | None]] | None = []
        for kind in ("principals", "not_principals"):
            for inner in body.blocks:
                if inner.type == "dynamic" and inner.labels == [kind]:
                    principals = None
                elif inner.type == kind and principals is not None:
                    statement.not_principal |= kind == "not_principals"
                    type_attr = inner.body.attribute("type")
                    ids = inner.body.attribute("identifiers")
                    type_ = self._string(type_attr.value) if type_attr is not None else None
                    values = self._strings(ids.value) if ids is not None else None
                    if values is None:
                        principals.append((type_ or "?", None))
                    else:
                        principals.extend((type_ or "?", v) for v in values)
        statement.principals = principals
        for kind in ("actions", "not_actions"):
            attribute = body.attribute(kind)
            if attribute is not None:
                statement.actions = self._strings(attribute.value)
                statement.not_action = kind == "not_actions"
        conditions: dict[str, bool] | None = {}
        for inner in body.blocks:
            if inner.type == "dynamic" and inner.labels == ["condition"]:
                conditions = None
            elif inner.type == "condition" and conditions is not None:
                variable = inner.body.attribute("variable")
                listed = inner.body.attribute("values")
                key = self._string(variable.value) if variable is not None else None
                if key is None:
                    conditions = None
                    continue
                found = self._strings(listed.value) if listed is not None else None
                known = found is not None and all(
                    v is not None and "*" not in v and _HOLE not in v for v in found
                )
                conditions[key.lower()] = conditions.get(key.lower(), True) and known
        statement.conditions = conditions
        return statement

    # ---- values ----------------------------------------------------------------

    def value(self, expr: n.Expression, depth: int = 0) -> Any:
        """A Python value with UNKNOWN where the module does not show it."""
        while isinstance(expr, n.Parens):
            expr = expr.expr
        if isinstance(expr, n.Object):
            out: dict[str, Any] = {}
            for item in expr.items:
                key = item.key_name()
                if key is None:
                    known = self.evaluator.value(item.key)
                    if not isinstance(known, str):
                        return UNKNOWN
                    key = known
                out[key] = self.value(item.value, depth)
            return out
        if isinstance(expr, n.Tuple):
            return [self.value(e, depth) for e in expr.elements]
        if isinstance(expr, n.TemplateString) and not expr.is_literal:
            text = self._text(expr)  # "arn:aws:iam::${var.x}:root": known not to be "*"
            return UNKNOWN if text is None else text
        if isinstance(expr, n.Traversal) and expr.names()[:1] == ["local"] and depth < 8:
            names = expr.names()
            local = self.analysis.local(str(names[1])) if len(names) == 2 else None
            if local is not None:
                return self.value(local.value, depth + 1)
        return self.evaluator.value(expr)

    def _text(self, expr: n.TemplateString | n.Heredoc) -> str | None:
        """The template's text, unknown interpolations replaced by a marker."""
        out = []
        for part in expr.parts:
            if isinstance(part, n.TemplateLiteral):
                quoted = isinstance(expr, n.TemplateString)
                out.append(decode_quoted(part.text) if quoted else decode_heredoc(part.text))
            elif isinstance(part, n.Interpolation):
                value = self.evaluator.value(part.expr)
                out.append(value if isinstance(value, str) else _HOLE)
            else:
                return None
        text = "".join(out)
        if text.strip() == _HOLE:
            return None
        if isinstance(expr, n.Heredoc) and expr.indented:
            lines = text.split("\n")
            widths = [len(x) - len(x.lstrip(" \t")) for x in lines if x.strip()]
            cut = min(widths, default=0)
            text = "\n".join(x[cut:] for x in lines)
        return text

    def _string(self, expr: n.Expression) -> str | None:
        value = self.evaluator.value(expr)
        return value if isinstance(value, str) else m.string_value(expr)

    def _strings(self, expr: n.Expression) -> list[str | None] | None:
        value = self.value(expr)
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [v if isinstance(v, str) and v != _HOLE else None for v in value]
        return None

    # ---- JSON shape -> statements ---------------------------------------------

    def _from_value(self, document: Any) -> list[Statement] | None:
        if not isinstance(document, dict):
            return None
        raw = document.get("Statement", UNKNOWN)
        if isinstance(raw, dict):
            raw = [raw]
        if not isinstance(raw, list):
            return None
        out = []
        for item in raw:
            if not isinstance(item, dict):
                return None
            out.append(_json_statement(item))
        return out


def _known_str(value: Any) -> str | None:
    """The string, None when unknown; a string with unknown pieces is kept (it is known
    not to be ``*``), with :data:`HOLE` where the pieces are."""
    return value if isinstance(value, str) and value != _HOLE else None


def readable(text: str) -> str:
    """A string with unknown pieces as a person reads it."""
    return text.replace(_HOLE, "${...}")


def _json_list(value: Any) -> list[str | None] | None:
    if value is UNKNOWN:
        return None
    values = value if isinstance(value, list) else [value]
    return [_known_str(v) for v in values]


def _json_statement(item: dict[str, Any]) -> Statement:
    effect = item.get("Effect", UNKNOWN)
    statement = Statement(effect=_known_str(effect))
    key = "Principal" if "Principal" in item else "NotPrincipal" if "NotPrincipal" in item else None
    statement.not_principal = key == "NotPrincipal"
    if key is None:
        statement.principals = []
    else:
        principal = item[key]
        if isinstance(principal, str) or principal is UNKNOWN:
            text = _known_str(principal)
            statement.principals = None if principal is UNKNOWN else [("*", text)]
        elif isinstance(principal, dict):
            pairs: list[tuple[str, str | None]] = []
            for kind, ids in principal.items():
                values = _json_list(ids)
                if values is None:
                    pairs.append((kind, None))
                else:
                    pairs.extend((kind, v) for v in values)
            statement.principals = pairs
        else:
            statement.principals = None
    for name in ("Action", "NotAction"):
        if name in item:
            statement.actions = _json_list(item[name])
            statement.not_action = name == "NotAction"
    condition = item.get("Condition", {})
    if condition is UNKNOWN or not isinstance(condition, dict):
        statement.conditions = None
    else:
        keys: dict[str, bool] = {}
        for _operator, pairs_ in condition.items():
            if not isinstance(pairs_, dict):
                statement.conditions = None
                break
            for variable, values in pairs_.items():
                found = _json_list(values)
                known = found is not None and all(
                    v is not None and "*" not in v and _HOLE not in v for v in found
                )
                keys[variable.lower()] = keys.get(variable.lower(), True) and known
        else:
            statement.conditions = keys
    return statement
