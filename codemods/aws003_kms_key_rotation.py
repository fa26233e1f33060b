"""AWS003 kms-key-rotation: customer-managed KMS keys rotate their key material."""

from __future__ import annotations

from tffix.analysis.kms import SYMMETRIC, is_symmetric
from tffix.analysis.roots import library_module
from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.cst.placement import first_attribute
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from tffix.analysis.evaluate import Evaluator

# Attributes after which a person would write enable_key_rotation, best first.
_ANCHORS = ("deletion_window_in_days", "description", "key_usage")


class KmsKeyRotation(Codemod):
    """Every symmetric ``aws_kms_key`` gets ``enable_key_rotation = true``."""

    code = "AWS003"
    name = "kms-key-rotation"
    summary = "Customer-managed KMS keys rotate their key material every year"
    seed_section = "§5 KMS Key Rotation Not Enabled"
    documentation = ("https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",)
    checks = ("CKV_AWS_7",)
    safety = Safety.SAFE
    explanation = """\
Why: a key whose material never rotates keeps every byte ever encrypted under
one secret; rotation limits what one leaked or cracked version exposes, and
audits (CIS AWS 3.8, checkov CKV_AWS_7) require it. AWS keeps old versions
for decryption, so enabling rotation changes nothing for readers
(https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html).

What it does: adds `enable_key_rotation = true` after `deletion_window_in_days`
(or `description`), or replaces a literal `null`. An explicit
`enable_key_rotation = false` is the author's decision and is reported, not
flipped. The strings `"true"` and `"false"` are what Terraform converts
them to for a bool argument
(https://developer.hashicorp.com/terraform/language/expressions/types#type-conversion):
`"true"` needs nothing, `"false"` is reported like false. A value given by
an expression (`var.rotate`) is not overwritten:
the finding names the variable and, when its default is a literal, says what
to change. Keys KMS cannot rotate automatically are left alone: asymmetric
and HMAC keys, and keys in a custom key store (`custom_key_store_id`,
`xks_key_id`: CloudHSM and external key stores); a store given by an input
(`custom_key_store_id = var.custom_key_store_id`, often null by default)
gets `enable_key_rotation = var.custom_key_store_id == null`, rotation for
the ordinary key a caller gets without a store; a key spec given by an
expression is reported. KMS refuses to enable rotation on a disabled key
(`KMSInvalidStateException`), so a key with `is_enabled = false` (or an
expression) is reported too.

In a module made to be called (marked by its place, its callers, or
required inputs without a provider of its own: tffix.analysis.roots), a key
without rotation gets a finding suggesting an input instead: rotation there
would turn on for every caller's key, billed per key version, with no way
to keep today's behaviour.

Fix safety: safe. Rotation keeps every earlier key version for decryption
and the key's ID, ARN and policy stay the same, so nothing that reads or
writes with the key changes. What it could break: nothing at apply for the
keys it edits; each of the first two rotations adds a monthly charge for
the key (AWS KMS pricing). It checks first: the key spec and usage
(symmetric encryption keys only), the key store, whether the key is
enabled, and the value already written (literal, variable default).

Example:

    resource "aws_kms_key" "main" {
      description             = "pipeline artifacts"
      deletion_window_in_days = 7
    +  enable_key_rotation     = true
    }
"""

    def triggers(self, ctx: ModuleContext) -> Iterable[tuple[str, n.Block]]:
        return ctx.targets("aws_kms_key")

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        from tffix.analysis.evaluate import Evaluator

        evaluator = Evaluator(ctx.analysis)
        library: str | None = None  # why callers would get the change ("" if none), once asked
        for path, key in ctx.targets("aws_kms_key"):
            label = ".".join(key.labels)
            skip = _cannot_rotate(evaluator, key, label)
            rotation = key.body.attribute("enable_key_rotation")
            unset = rotation is None or m.Literal(None).matches(rotation.value)
            if unset and (skip is None or skip[0] == "conditional") and library is None:
                library = library_module(ctx.directory, ctx.files, ctx.analysis) or ""
            if unset and (skip is None or skip[0] == "conditional") and library:
                # Every caller's key would start rotating (and be billed for each new key
                # version) with no way to keep today's behaviour: the callers choose.
                yield self.manual(
                    path,
                    key if rotation is None else rotation,
                    f"{label}: key rotation not enabled here: this directory {library}, and "
                    "rotation would change every caller's key (each of its first two "
                    "rotations adds a monthly charge, https://aws.amazon.com/kms/pricing/) "
                    'with no way to opt out; add an input (variable "enable_key_rotation", '
                    "default false, today's behaviour) set as enable_key_rotation = "
                    "var.enable_key_rotation, and let callers turn it on (checkov CKV_AWS_7)",
                )
                continue
            if skip is not None and skip[0] == "conditional":
                _status, node, condition = skip
                rotation = key.body.attribute("enable_key_rotation")
                if rotation is None:
                    anchor = first_attribute(key.body, _ANCHORS)
                    if anchor is None and key.body.attributes:
                        anchor = key.body.attributes[-1]
                    edit.insert(key, f"enable_key_rotation = {condition}", after=anchor)
                else:
                    edit.set_value(rotation, condition)
                yield self.fixed(
                    path,
                    key,
                    f"{label}: enabled key rotation where the key is an ordinary one "
                    f"(enable_key_rotation = {condition}): {condition.removesuffix(' == null')} "
                    "decides "
                    "whether it is in a custom key store, where KMS cannot rotate it "
                    "(EnableKeyRotation fails: "
                    "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html)",
                )
                continue
            if skip is not None:
                status, node, message = skip
                finding = self.fine if status == "fine" else self.manual
                yield finding(path, node, message)
                continue
            rotation = key.body.attribute("enable_key_rotation")
            if rotation is None:
                anchor = first_attribute(key.body, _ANCHORS)
                if anchor is None and key.body.attributes:
                    anchor = key.body.attributes[-1]
                edit.insert(key, "enable_key_rotation = true", after=anchor)
                yield self.fixed(path, key, f"{label}: enabled key rotation")
            elif m.Literal(None).matches(rotation.value):
                edit.set_value(rotation, "true")
                yield self.fixed(path, rotation, f"{label}: key rotation was null; enabled it")
            elif m.Literal(False).matches(rotation.value):
                yield self.manual(
                    path,
                    rotation,
                    f"{label}: key rotation is disabled explicitly (enable_key_rotation = false); "
                    "left as chosen. Set it to true unless the key must keep one key material "
                    "(audits such as CIS AWS 3.8 and checkov CKV_AWS_7 ask for rotation)",
                )
            elif _as_bool(m.string_value(rotation.value)) is False:
                yield self.manual(
                    path,
                    rotation,
                    f'{label}: key rotation is disabled explicitly (enable_key_rotation = "false", '
                    "which Terraform converts to false); left as chosen. Set it to true unless "
                    "the key must keep one key material (audits such as CIS AWS 3.8 and checkov "
                    "CKV_AWS_7 ask for rotation)",
                )
            elif m.Literal(True).matches(rotation.value) or (
                _as_bool(m.string_value(rotation.value)) is True
            ):
                # "true" is true: Terraform converts the string for a bool argument.
                yield self.fine(path, rotation, f"{label}: key rotation is enabled")
            else:
                note = _expression_message(evaluator, rotation.value, label)
                if note is None:
                    yield self.fine(path, rotation, f"{label}: rotation is true by default")
                else:
                    yield self.manual(path, rotation, note)


def _cannot_rotate(
    evaluator: Evaluator, key: n.Block, label: str
) -> tuple[str, n.Node, str] | None:
    """("fine" | "manual", node, why) when KMS cannot or may not rotate this key; else None."""
    from tffix.analysis.describe import dependence, source, variables
    from tffix.analysis.evaluate import UNKNOWN

    spec = key.body.attribute("customer_master_key_spec") or key.body.attribute("key_spec")
    if spec is not None and m.string_value(spec.value) is None:
        # A caller may pass another spec: a variable's default decides nothing.
        value = UNKNOWN if variables(spec.value) else evaluator.value(spec.value)
        if value is UNKNOWN:
            return (
                "manual",
                spec,
                f"{dependence(f'{label}: the key spec', spec.value)}; only "
                f"{SYMMETRIC} keys rotate automatically: when it is {SYMMETRIC}, set "
                "enable_key_rotation = true",
            )
        symmetric = value == SYMMETRIC
    else:
        symmetric = is_symmetric(key)
    if not symmetric:
        return "fine", key, f"{label}: asymmetric and HMAC keys cannot rotate automatically"
    for store in ("custom_key_store_id", "xks_key_id"):
        attribute = key.body.attribute(store)
        if attribute is not None and not m.Literal(None).matches(attribute.value):
            rotation = key.body.attribute("enable_key_rotation")
            unset = rotation is None or m.Literal(None).matches(rotation.value)
            if unset and m.string_value(attribute.value) is None and variables(attribute.value):
                # An input decides: a caller that passes no store (null, often the
                # default) gets an ordinary key, which may rotate.
                return ("conditional", attribute, f"{source(attribute.value)} == null")
            return (
                "fine",
                attribute,
                f"{label}: keys in a custom key store ({store}) cannot rotate automatically",
            )
    enabled = key.body.attribute("is_enabled")
    rotation = key.body.attribute("enable_key_rotation")
    if enabled is not None and (rotation is None or m.Literal(None).matches(rotation.value)):
        value = UNKNOWN if variables(enabled.value) else evaluator.value(enabled.value)
        value = _as_bool(value) if isinstance(value, str) else value
        if value is not True:
            state = "disabled" if value is False else f"enabled only when `{source(enabled.value)}`"
            return (
                "manual",
                enabled,
                f"{label}: the key is {state}, and KMS refuses to enable rotation on a disabled "
                "key (KMSInvalidStateException); set enable_key_rotation = true together with "
                "is_enabled = true",
            )
    return None


def _as_bool(value: object) -> bool | None:
    """The bool Terraform makes of a value for a bool argument: true and false, and the
    strings "true" and "false", which it converts (Terraform language, "Type
    Conversion": https://developer.hashicorp.com/terraform/language/expressions/types);
    None for anything else."""
    if isinstance(value, bool):
        return value
    return {"true": True, "false": False}.get(value) if isinstance(value, str) else None


def _expression_message(evaluator: Evaluator, expr: n.Expression, label: str) -> str | None:
    """What to say about a rotation computed by ``expr``, or None when its variable is true.

    Only a variable that defaults to false, or has no literal default, gets
    a note on what to change.
    """
    from tffix.analysis.describe import default_note, depends_on, variable_name
    from tffix.analysis.evaluate import UNKNOWN

    message = depends_on(f"{label}: rotation", expr, "true")
    name = variable_name(expr)
    if name is None or not name.replace("_", "").isalnum():
        return message  # only var.NAME with a name of letters, digits and _ is looked up
    default = evaluator.variable_default(name)
    if isinstance(default, str) and _as_bool(default) is not None:
        default = _as_bool(default)
    if default is True:
        return None  # true unless someone overrides it: nothing to say
    if default is False or default is UNKNOWN:
        return message + default_note(name, default, "true")
    return message
