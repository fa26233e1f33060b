"""Editing IAM and KMS policies written in HCL: add a statement in place.

The editing API can insert attributes and blocks, but not elements of a
tuple inside ``jsonencode(...)``. ``append_statement`` re-renders just the
``Statement = [...]`` tuple with one more element and lets the runner lay
the changed lines out; every untouched statement keeps its text. Reading
what a policy allows is ``tffix.aws.policies``; this module only writes.
"""

from __future__ import annotations

import re

from tffix.analysis.names import find_data, referenced_data
from tffix.cst import edit
from tffix.cst.placement import first_attribute
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tffix.analysis.module import ModuleAnalysis
    from tffix.engine.codemod import ModuleContext


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


# ---- key policies ----------------------------------------------------------------

# The statement of the default key policy: the account, and through it IAM policies,
# may use the key (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
# A key that had no policy keeps it when one is written.
ROOT_STATEMENT = """\
{
  Sid    = "EnableRootAccountPermissions"
  Effect = "Allow"
  Principal = {
    AWS = "arn:aws:iam::${ACCOUNT}:root"
  }
  Action   = "kms:*"
  Resource = "*"
}"""
# Attributes of aws_kms_key after which a policy is written, best first.
_POLICY_ANCHORS = ("enable_key_rotation", "deletion_window_in_days", "description")
_PLACEHOLDER = re.compile(r"\$\{(REGION|ACCOUNT)\}")


class KeyPolicyEditor:
    """Adds a statement to the policy of a key the module owns, in the form it is written.

    Statement templates may say ``${REGION}`` and ``${ACCOUNT}``: they become
    ``data.aws_region.<x>.name`` (``.region`` for a module on provider v6) and
    ``data.aws_caller_identity.<x>.account_id``, data sources the module has, or
    added (``current``, in ``data.tf`` when it exists, else above the key). One
    editor per codemod run, so that several statements share the data sources.
    """

    def __init__(self, ctx: ModuleContext) -> None:
        self.ctx = ctx
        self._data: dict[str, str] = {}  # data source type -> label

    def editable(self, holder: n.Block) -> bool:
        return key_policy_editable(self.ctx.analysis, holder)

    def add(
        self,
        key_path: str,
        key: n.Block,
        holder: n.Block,
        json_statement: str,
        document_statement: str,
    ) -> str | None:
        """Add the statement to the policy ``holder`` sets for ``key``; where it went
        (for a finding), or None when that policy cannot be edited."""
        if not self.editable(holder):
            return None
        policy = holder.body.attribute("policy")
        names = {}
        for placeholder, type, attribute in (
            ("REGION", "aws_region", region_attribute(self.ctx.analysis)),
            ("ACCOUNT", "aws_caller_identity", "account_id"),
        ):
            used = f"${{{placeholder}}}" in json_statement + document_statement
            if used or (policy is None and placeholder == "ACCOUNT"):
                label = self._data_label(key_path, key, type)
                names[placeholder] = f"data.{type}.{label}.{attribute}"

        def fill(template: str) -> str:
            return _PLACEHOLDER.sub(lambda m: "${" + names[m[1]] + "}", template)

        if policy is None:
            text = (
                "policy = jsonencode({\n"
                '  Version = "2012-10-17"\n'
                "  Statement = [\n"
                + indent(fill(ROOT_STATEMENT), "    ")
                + ",\n"
                + indent(fill(json_statement), "    ")
                + "\n  ]\n})"
            )
            anchor = first_attribute(key.body, _POLICY_ANCHORS)
            if anchor is None and key.body.attributes:
                anchor = key.body.attributes[-1]
            edit.insert(key, text, after=anchor)
            # It had the default key policy: written out (the account's statement kept).
            return (
                f"a key policy written out for aws_kms_key.{key.labels[1]} (its default "
                "one, the account's statement, plus one more)"
            )
        where = append_statement(
            self.ctx.analysis,
            holder,
            "policy",
            indent(fill(json_statement), "  "),
            fill(document_statement),
        )
        return None if where is None else f"the key policy ({where})"

    def _data_label(self, key_path: str, key: n.Block, type: str) -> str:
        """Label of the module's ``data "<type>"``; one named ``current`` is added if none."""
        if type in self._data:
            return self._data[type]
        ctx = self.ctx
        existing = ctx.analysis.data_sources(type)
        if existing:
            label = existing[0][1].labels[1]
        else:
            label = "current"
            if find_data(ctx.analysis, type, label) is None:
                block = f'data "{type}" "{label}" {{}}'
                data_path = ctx.file_named("data.tf")
                if data_path is not None:
                    data_tf = ctx.files[data_path]
                    edit.insert(data_tf, block, blank_line=bool(data_tf.body.items))
                else:
                    edit.insert(ctx.files[key_path], block, before=key, blank_line_after=True)
        self._data[type] = label
        return label


def region_attribute(analysis: ModuleAnalysis) -> str:
    """The attribute of ``data "aws_region"`` that holds the region's name: ``region`` where
    every AWS provider version the module allows (or has locked) is 6.x or later, else
    ``name``, which v6 deprecates but still has and which every earlier version needs
    (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-6-upgrade#data-source-aws_region)."""
    from tffix.aws import provider_versions

    allowed = provider_versions.allowed(analysis)
    v6 = (6, 0, 0)
    if allowed.locked is not None:
        return "region" if allowed.locked >= v6 else "name"
    return "region" if allowed.text and allowed.low >= v6 else "name"


def key_policy_editable(analysis: ModuleAnalysis, holder: n.Block) -> bool:
    """Whether ``holder``'s policy (an aws_kms_key or aws_kms_key_policy) can take a
    statement: none yet (the key's), ``jsonencode`` or ``aws_iam_policy_document``."""
    policy = holder.body.attribute("policy")
    if policy is None:
        return holder.type == "resource" and holder.labels[0] == "aws_kms_key"
    return jsonencode_statements(policy.value) is not None or (
        policy_document(analysis, policy.value) is not None
    )


def indent(text: str, prefix: str) -> str:
    """Every non-empty line of ``text`` indented by ``prefix``."""
    return "\n".join(prefix + line if line else line for line in text.split("\n"))
