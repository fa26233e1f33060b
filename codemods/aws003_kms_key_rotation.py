"""AWS003 kms-key-rotation: customer-managed KMS keys rotate their key material."""

from __future__ import annotations

from tffix.analysis.kms import is_symmetric
from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.cst.placement import first_attribute
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

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
        from tffix.analysis.evaluate import Evaluator

        evaluator = Evaluator(ctx.analysis)
        for path, key in ctx.resources("aws_kms_key"):
            if not is_symmetric(key):
                continue  # only symmetric keys can rotate
            rotation = key.body.attribute("enable_key_rotation")
            label = ".".join(key.labels)
            if rotation is None:
                anchor = first_attribute(key.body, _ANCHORS)
                if anchor is None and key.body.attributes:
                    anchor = key.body.attributes[-1]
                edit.insert(key, "enable_key_rotation = true", after=anchor)
                yield self.fixed(path, key, f"{label}: enabled key rotation")
            elif m.Literal(False).matches(rotation.value):
                edit.set_value(rotation, "true")
                yield self.fixed(path, rotation, f"{label}: key rotation was disabled; enabled it")
            elif not m.Literal(True).matches(rotation.value):
                message = _expression_message(evaluator, rotation.value, label)
                if message is not None:
                    yield self.manual(path, rotation, message)


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
    if default is True:
        return None  # true unless someone overrides it: nothing to say
    if default is False or default is UNKNOWN:
        return message + default_note(name, default, "true")
    return message
