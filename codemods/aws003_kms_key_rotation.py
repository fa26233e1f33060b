"""AWS003 kms-key-rotation: customer-managed KMS keys rotate their key material."""

from __future__ import annotations

from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

# Attributes after which a person would write enable_key_rotation, best first.
_ANCHORS = ("deletion_window_in_days", "description", "key_usage")
_SYMMETRIC = "SYMMETRIC_DEFAULT"


class KmsKeyRotation(Codemod):
    """Every symmetric ``aws_kms_key`` gets ``enable_key_rotation = true``."""

    code = "AWS003"
    name = "kms-key-rotation"
    summary = "Customer-managed KMS keys rotate their key material every year"
    seed_section = "§5 KMS Key Rotation Not Enabled"
    checks = ("CKV_AWS_7",)
    safety = Safety.SAFE
    explanation = """\
Why: a key whose material never rotates keeps every byte ever encrypted under
one secret; rotation limits what one leaked or cracked version exposes, and
audits (CIS AWS 3.8, checkov CKV_AWS_7) require it. AWS keeps old versions
for decryption, so enabling rotation changes nothing for readers.

What it does: adds `enable_key_rotation = true` after `deletion_window_in_days`
(or `description`), or turns a literal `false` into `true`. A value given by
an expression (`var.rotate`) is not overwritten: the finding names the
variable and, when its default is a literal, says what to change. Asymmetric
and HMAC keys cannot rotate and are left alone.

Example:

    resource "aws_kms_key" "main" {
      description             = "pipeline artifacts"
      deletion_window_in_days = 7
    +  enable_key_rotation     = true
    }
"""

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        from tffix.analysis.evaluate import UNKNOWN, Evaluator

        evaluator = Evaluator(ctx.analysis)
        for path, key in ctx.resources("aws_kms_key"):
            spec = key.body.attribute("customer_master_key_spec") or key.body.attribute("key_spec")
            if spec is not None and not m.Literal(_SYMMETRIC).matches(spec.value):
                continue  # only symmetric keys can rotate
            rotation = key.body.attribute("enable_key_rotation")
            label = ".".join(key.labels)
            if rotation is None:
                present = [key.body.attribute(a) for a in _ANCHORS]
                anchor = next((a for a in present if a is not None), None)
                if anchor is None and key.body.attributes:
                    anchor = key.body.attributes[-1]
                edit.insert(key, "enable_key_rotation = true", after=anchor)
                yield self.fixed(path, key, f"{label}: enabled key rotation")
            elif m.Literal(False).matches(rotation.value):
                edit.set_value(rotation, "true")
                yield self.fixed(path, rotation, f"{label}: key rotation was disabled; enabled it")
            elif not m.Literal(True).matches(rotation.value):
                expr = rotation.value.code.strip()
                message = f"{label}: rotation depends on `{expr}`; make it true"
                names = rotation.value.code.strip()
                if names.startswith("var.") and names[4:].replace("_", "").isalnum():
                    default = evaluator.variable_default(names[4:])
                    if default is False:
                        message += f" (variable {names[4:]} defaults to false: make that true)"
                    elif default is UNKNOWN:
                        message += f" (variable {names[4:]} has no literal default)"
                    elif default is True:
                        continue  # true unless someone overrides it: nothing to say
                yield self.manual(path, rotation, message)
