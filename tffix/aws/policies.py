"""IAM policy documents as the module writes them, read as far as they are known.

One reader for every policy of a module: bucket and key policies (S3, KMS:
"does an Allow statement name the principal ``*``?", "may
``delivery.logs.amazonaws.com`` use this key?") and role policies
(tffix.aws.iam: "does role R grant action A?"). Documents come in three
shapes: ``jsonencode({...})``, a JSON string or heredoc (often with
``${...}`` inside), and a ``data "aws_iam_policy_document"`` referenced by
``.json`` (possibly through a local). The questions only need the
statements' effect, principals, actions, resources and condition keys,
which are usually literal even when the ARNs inside are not. So a document
is read into :class:`Statement` objects whose unknown pieces are ``None``;
a document the module does not show (``file()``, a variable, a module
output) is a :class:`Document` whose ``unknown`` names that fact.

Policy grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
Policy document data source:
https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass, field

from tffix.analysis.evaluate import UNKNOWN, Evaluator
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from tffix.analysis.module import ModuleAnalysis

# Stands for a part of a string the module does not show (inside JSON strings).
MARK = "\u2047unknown\u2047"


@dataclass(frozen=True)
class Reference:
    """A resource of the module named by reference (``aws_kms_key.x.arn``): its ARN is known
    only after apply, but it is that resource's and no other's.

    ``indexed``: ``aws_kms_key.x[0].arn``, one instance among several, not the whole
    resource.
    """

    address: str  # aws_kms_key.x
    indexed: bool = False
    # The literal index of an indexed reference (``"data"`` of ``aws_kms_key.this["data"]``),
    # None when it is not a literal (``[each.key]``) or there is none.
    key: str | None = None


@dataclass
class Statement:
    """One policy statement; ``None`` (or ``None`` in a list) stands for what is not known."""

    source: str = "policy"  # where it is written, for findings: aws_iam_role_policy.x
    effect: str | None = "Allow"
    # (type, identifier) pairs: ("AWS", "*"), ("Service", "delivery.logs.amazonaws.com"),
    # ("*", "*") for `Principal = "*"`; identifier None when not known (a string with
    # unknown pieces is kept, with MARK where they are: it is known not to be "*").
    # None: unknown list.
    principals: list[tuple[str, str | None]] | None = field(default_factory=list)
    not_principal: bool = False
    actions: list[str | Reference | None] | None = None
    not_actions: list[str | Reference | None] | None = None
    resources: list[str | Reference | None] | None = None
    not_resources: list[str | Reference | None] | None = None
    # Condition keys in lower case, with whether every value is known and not a wildcard.
    conditions: dict[str, bool] | None = field(default_factory=dict)
    conditional: bool = False  # a Condition (or a condition block) is written
    certain: bool = True  # False: the policy holding it may not be attached
    sid: str | None = None
    why_uncertain: str = ""

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
        if self.not_actions is not None:
            return None
        unknown = False
        for action in self.actions or []:
            if not isinstance(action, str) or MARK in action:
                unknown = True
                continue
            if any(fnmatch.fnmatchcase(w.lower(), action.lower()) for w in wanted):
                return True
        return None if unknown else False


@dataclass
class Document:
    """Statements of a policy, or why they cannot be known (``unknown``)."""

    statements: list[Statement] = field(default_factory=list)
    unknown: str | None = None  # the fact the module does not show
    complete: bool = True  # False: statements beyond these may exist


def statements(analysis: ModuleAnalysis, expr: n.Expression) -> list[Statement] | None:
    """The statements of the policy ``expr`` writes, or None when it cannot be read whole."""
    document = Reader(analysis).document(expr, "policy")
    if document.unknown is not None or not document.complete:
        return None
    return document.statements


def readable(text: str) -> str:
    """A string with unknown pieces as a person reads it."""
    return text.replace(MARK, "${...}")


class Reader:
    """Reads the policy documents of one module."""

    def __init__(
        self,
        analysis: ModuleAnalysis,
        evaluator: Evaluator | None = None,
        inputs: Mapping[str, tuple[Reader, n.Expression, str]] | None = None,
    ) -> None:
        self.analysis = analysis
        self.evaluator = evaluator or Evaluator(analysis)
        self._active: set[int] = set()  # guards recursion through locals and documents
        # For a called module read as one caller calls it: variable -> (a reader of the
        # caller's module, the argument the caller passes, the call for messages).
        self.inputs: Mapping[str, tuple[Reader, n.Expression, str]] = inputs or {}

    # ---- the document's shapes -------------------------------------------------

    def document(self, expr: n.Expression, where: str) -> Document:
        """The statements of a policy document expression (``policy = ...``)."""
        from tffix.analysis.describe import source

        if id(expr) in self._active:
            return Document(unknown=f"{where}: `{source(expr)}` refers to itself")
        self._active.add(id(expr))
        try:
            return self._document(expr, where)
        finally:
            self._active.discard(id(expr))

    def _document(self, expr: n.Expression, where: str) -> Document:
        from tffix.analysis.describe import source

        text = source(expr)
        if isinstance(expr, n.Parens):
            return self.document(expr.expr, where)
        if isinstance(expr, n.Call) and expr.name == "jsonencode" and len(expr.args) == 1:
            return _from_json(self.partial(expr.args[0]), where)
        if isinstance(expr, (n.TemplateString, n.Heredoc)):
            if len(expr.parts) == 1:
                (part,) = expr.parts
                if isinstance(part, n.Interpolation):
                    return self.document(part.expr, where)
            rendered = self._render(expr)
            if rendered is None:
                return Document(unknown=f"{where}: the policy text is built by template directives")
            try:
                return _from_json(json.loads(rendered), where)
            except ValueError:
                return Document(unknown=f"{where}: the policy text is not JSON tffix can read")
        if isinstance(expr, n.Traversal):
            names = expr.names()
            if names[0] == "data" and names[1:2] == ["aws_iam_policy_document"] and len(names) > 2:
                address = f"data.aws_iam_policy_document.{names[2]}"
                found = self.analysis.lookup(address)
                if found is None or not isinstance(found.node, n.Block):
                    return Document(unknown=f"{where}: {address} is not declared")
                return self._policy_document(found.node, address)
            if names[0] == "local" and len(names) == 2 and names[1]:
                local = self.analysis.local(names[1])
                if local is not None:
                    return self.document(local.value, where)
            if names[0] == "aws_iam_policy" and len(names) > 2 and names[-1] == "policy":
                return self.managed_policy(str(names[1]), where)
            if names[0] == "var":
                given = self.inputs.get(str(names[1]))
                if given is not None and len(names) == 2:
                    reader, argument, call = given
                    return reader.document(argument, f"{where} (var.{names[1]} as {call} sets it)")
                return Document(unknown=f"{where}: the policy comes from variable {names[1]}")
        value = self.evaluator.value(expr)
        if isinstance(value, str):
            try:
                return _from_json(json.loads(value), where)
            except ValueError:
                pass
        return Document(unknown=f"{where}: the policy `{text}` is not a document tffix can read")

    def managed_policy(self, label: str, where: str) -> Document:
        """The document of the module's ``aws_iam_policy.<label>``."""
        found = self.analysis.lookup(f"aws_iam_policy.{label}")
        if found is None or not isinstance(found.node, n.Block):
            return Document(unknown=f"{where}: aws_iam_policy.{label} is not declared")
        policy = found.node.body.attribute("policy")
        if policy is None:
            return Document(unknown=f"aws_iam_policy.{label} has no policy")
        return self.document(policy.value, f"aws_iam_policy.{label}")

    def _policy_document(self, block: n.Block, where: str) -> Document:
        """Statements of a ``data "aws_iam_policy_document"`` block."""
        if block.body.attribute("for_each") is not None:
            return Document(unknown=f"{where} has one document for each of its for_each")
        document = Document()
        overridden: set[str] = set()
        for name in ("override_policy_documents", "override_json"):
            attribute = block.body.attribute(name)
            if attribute is not None:
                for inner in self._documents_in(attribute.value, where):
                    _extend(document, inner)
                    overridden |= {s.sid for s in inner.statements if s.sid}
        for name in ("source_policy_documents", "source_json"):
            attribute = block.body.attribute(name)
            if attribute is not None:
                for inner in self._documents_in(attribute.value, where):
                    inner.statements = [s for s in inner.statements if s.sid not in overridden]
                    _extend(document, inner)
        for _dynamic in block.body.blocks_of_type("dynamic", "statement"):
            _extend(document, Document(unknown=f"{where} has statements made by a dynamic block"))
        for statement in block.body.blocks_of_type("statement"):
            made = self._statement_block(statement, where)
            if made.sid not in overridden:
                document.statements.append(made)
        return document

    def _statement_block(self, block: n.Block, where: str) -> Statement:
        made = Statement(where)
        body = block.body
        sid = body.attribute("sid")
        made.sid = self._string(sid.value) if sid is not None else None
        effect = body.attribute("effect")
        made.effect = "Allow" if effect is None else self._string(effect.value)
        for attr in ("actions", "not_actions", "resources", "not_resources"):
            found = body.attribute(attr)
            if found is not None:
                setattr(made, attr, self._strings(found.value))
        principals: list[tuple[str, str | None]] | None = []
        for kind in ("principals", "not_principals"):
            for inner in body.blocks:
                if inner.type == "dynamic" and inner.labels == [kind]:
                    principals = None
                elif inner.type == kind and principals is not None:
                    made.not_principal |= kind == "not_principals"
                    type_attr = inner.body.attribute("type")
                    ids = inner.body.attribute("identifiers")
                    type_ = self._string(type_attr.value) if type_attr is not None else None
                    values = _texts(self.partial(ids.value)) if ids is not None else None
                    if values is None:
                        principals.append((type_ or "?", None))
                    else:
                        principals.extend((type_ or "?", v) for v in values)
        made.principals = principals
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
                listed_values = _texts(self.partial(listed.value)) if listed is not None else None
                conditions[key.lower()] = conditions.get(key.lower(), True) and _known(
                    listed_values
                )
        made.conditions = conditions
        made.conditional = bool(
            body.blocks_of_type("condition") or body.blocks_of_type("dynamic", "condition")
        )
        return made

    def _documents_in(self, expr: n.Expression, where: str) -> list[Document]:
        if isinstance(expr, n.Tuple):
            return [self.document(e, where) for e in expr.elements]
        return [self.document(expr, where)]

    # ---- values known in part ------------------------------------------------

    def partial(self, expr: n.Node) -> Any:
        """The value of ``expr`` with the parts the module does not show as UNKNOWN.

        Objects and tuples are taken apart (a statement's ``Resource`` may
        refer to a bucket while its ``Action`` is a literal); strings keep
        their known text, with ``MARK`` where an interpolation is unknown; the
        ARN of a resource of the module is a :class:`Reference`.
        """
        if id(expr) in self._active:
            return UNKNOWN
        self._active.add(id(expr))
        try:
            if isinstance(expr, n.Parens):
                return self.partial(expr.expr)
            if isinstance(expr, n.Object):
                out: dict[str, Any] = {}
                for item in expr.items:
                    key = item.key_name()
                    if key is None:
                        key = self.evaluator.value(item.key)
                        if not isinstance(key, str):
                            return UNKNOWN
                    out[key] = self.partial(item.value)
                return out
            if isinstance(expr, n.Tuple):
                return [self.partial(e) for e in expr.elements]
            if isinstance(expr, n.Traversal):
                names = expr.names()
                if names[0] == "local" and len(names) == 2 and names[1]:
                    local = self.analysis.local(names[1])
                    if local is not None:
                        return self.partial(local.value)
                reference = self._reference(expr)
                if reference is not None:
                    return reference
            if isinstance(expr, n.TemplateString):
                if len(expr.parts) == 1 and isinstance(expr.parts[0], n.Interpolation):
                    reference = self.partial(expr.parts[0].expr)
                    if isinstance(reference, Reference):
                        return reference
                rendered = self._render(expr)
                return UNKNOWN if rendered is None or rendered == MARK else rendered
            return self.evaluator.value(expr)
        finally:
            self._active.discard(id(expr))

    def _reference(self, expr: n.Traversal) -> Reference | None:
        """``aws_kms_key.x.arn`` (or ``aws_kms_key.x[0].arn``) of a resource the module declares."""
        names = expr.names()
        if len(names) < 3 or names[-1] != "arn" or not names[1]:
            return None
        address = f"{names[0]}.{names[1]}"
        found = self.analysis.lookup(address)
        if found is None or found.kind != "resource" or len(names) > 4:
            return None
        indexed = len(names) == 4
        return Reference(address, indexed=indexed, key=_literal_index(expr) if indexed else None)

    def _render(self, expr: n.Expression, scope: dict[str, Any] | None = None) -> str | None:
        """A string expression's text, with MARK for each unknown interpolation."""
        from tffix.syntax.strings import decode_heredoc, decode_quoted

        if isinstance(expr, n.Traversal):
            value = self.evaluator.value(expr, scope)
            return value if isinstance(value, str) else MARK
        if not isinstance(expr, (n.TemplateString, n.Heredoc)):
            value = self.evaluator.value(expr, scope)
            return value if isinstance(value, str) else None
        quoted = isinstance(expr, n.TemplateString)
        out: list[str] = []
        for part in expr.parts:
            if isinstance(part, n.TemplateLiteral):
                out.append(decode_quoted(part.text) if quoted else decode_heredoc(part.text))
            elif isinstance(part, n.Interpolation):
                value = self.evaluator.value(part.expr, scope)
                if isinstance(value, bool):
                    value = "true" if value else "false"
                out.append(str(value) if isinstance(value, (str, int, float)) else MARK)
            else:
                return None
        return "".join(out)

    def _string(self, expr: n.Expression) -> str | None:
        value = self._render(expr)
        return None if value is None or MARK in value else value

    def _strings(self, expr: n.Expression) -> list[str | Reference | None]:
        return _string_list(self.partial(expr))


def _literal_index(expr: n.Traversal) -> str | None:
    """The literal index of ``x.y["k"].arn`` / ``x.y[0].arn`` as text, else None."""
    step = expr.steps[1] if len(expr.steps) > 1 else None
    if isinstance(step, n.LegacyIndex):
        return step.key
    if isinstance(step, n.Index):
        inner = step.expr
        if isinstance(inner, n.TemplateString) and inner.is_literal:
            return inner.literal_value()
        if isinstance(inner, n.Number):
            return str(inner.value)
    return None


def _string_list(value: Any) -> list[str | Reference | None]:
    """Patterns (actions, resources): a string with unknown pieces is not known."""
    values = value if isinstance(value, list) else [value]
    return [
        v if isinstance(v, Reference) or (isinstance(v, str) and MARK not in v) else None
        for v in values
    ]


def _texts(value: Any) -> list[str | None] | None:
    """Identifiers and condition values: a string with unknown pieces is kept (it is
    known not to be ``*``); None when the list itself is not known."""
    if value is UNKNOWN:
        return None
    values = value if isinstance(value, list) else [value]
    return [v if isinstance(v, str) and v != MARK else None for v in values]


def _known(values: list[str | None] | None) -> bool:
    """Whether every value is known and not a wildcard (a condition that narrows)."""
    return values is not None and all(
        v is not None and "*" not in v and MARK not in v for v in values
    )


def _extend(document: Document, other: Document) -> None:
    document.statements.extend(other.statements)
    if other.unknown is not None and document.unknown is None:
        document.unknown = other.unknown
    document.complete = document.complete and other.complete


def _from_json(value: Any, where: str) -> Document:
    """Statements of a policy given as a (partly known) JSON value."""
    if not isinstance(value, dict):
        return Document(unknown=f"{where}: the policy document is not known")
    statements = value.get("Statement", UNKNOWN)
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list):
        return Document(unknown=f"{where}: its statements are not known")
    document = Document()
    for raw in statements:
        if not isinstance(raw, dict):
            _extend(document, Document(unknown=f"{where}: a statement is not known"))
            continue
        document.statements.append(_json_statement(raw, where))
    return document


def _json_statement(raw: dict[str, Any], where: str) -> Statement:
    statement = Statement(where)
    effect = raw.get("Effect", UNKNOWN)
    statement.effect = effect if isinstance(effect, str) and MARK not in effect else None
    sid = raw.get("Sid")
    statement.sid = sid if isinstance(sid, str) else None
    for name, attr in (
        ("Action", "actions"),
        ("NotAction", "not_actions"),
        ("Resource", "resources"),
        ("NotResource", "not_resources"),
    ):
        if name in raw:
            setattr(statement, attr, _string_list(raw[name]))
    key = "Principal" if "Principal" in raw else "NotPrincipal" if "NotPrincipal" in raw else None
    statement.not_principal = key == "NotPrincipal"
    principal = raw[key] if key is not None else None
    if key is None:
        statement.principals = []
    elif principal is UNKNOWN:
        statement.principals = None
    elif isinstance(principal, str):
        statement.principals = [("*", principal if principal != MARK else None)]
    elif isinstance(principal, dict):
        pairs: list[tuple[str, str | None]] = []
        for kind, ids in principal.items():
            values = _texts(ids)
            if values is None:
                pairs.append((kind, None))
            else:
                pairs.extend((kind, v) for v in values)
        statement.principals = pairs
    else:
        statement.principals = None
    condition = raw.get("Condition")
    statement.conditional = condition is not None and condition != {}
    if condition is None:
        statement.conditions = {}
    elif not isinstance(condition, dict):
        statement.conditions = None
    else:
        keys: dict[str, bool] | None = {}
        for pairs_ in condition.values():
            if not isinstance(pairs_, dict) or keys is None:
                keys = None
                break
            for variable, values_ in pairs_.items():
                keys[variable.lower()] = keys.get(variable.lower(), True) and _known(
                    _texts(values_)
                )
        statement.conditions = keys
    return statement
