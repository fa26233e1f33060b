"""KMS keys as codemods need them: which keys can encrypt data, and key options.

Several fixes encrypt something with "the module's only customer-managed
key": that only works with a symmetric ENCRYPT_DECRYPT key (an asymmetric
or HMAC key cannot encrypt a table or a bucket), and a key given as an
option may be an ARN or an expression.
"""

from __future__ import annotations

from tffix.cst import matchers as m
from tffix.cst.builders import parse_expression
from tffix.cst.edit import quoted
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tffix.analysis.module import ModuleAnalysis

SYMMETRIC = "SYMMETRIC_DEFAULT"


def is_symmetric(key: n.Block) -> bool:
    """True for an ``aws_kms_key`` whose key spec is (or defaults to) SYMMETRIC_DEFAULT."""
    spec = key.body.attribute("customer_master_key_spec") or key.body.attribute("key_spec")
    return spec is None or m.Literal(SYMMETRIC).matches(spec.value)


def is_symmetric_encryption_key(key: n.Block) -> bool:
    """True for an ``aws_kms_key`` that can encrypt data at rest (the default kind)."""
    if not is_symmetric(key):
        return False
    usage = key.body.attribute("key_usage")
    return usage is None or m.Literal("ENCRYPT_DECRYPT").matches(usage.value)


def default_key(
    analysis: ModuleAnalysis, option: object, option_name: str = "kms_key_arn"
) -> tuple[str | None, str]:
    """(HCL of the key to encrypt with, "") or (None, why there is none).

    The module's only symmetric encryption key (``aws_kms_key.<x>.arn``)
    when it has exactly one and that one has no count/for_each; otherwise
    the ``option`` a person set (an ARN or an expression), if any.
    """
    keys = [k for _p, k in analysis.resources("aws_kms_key") if is_symmetric_encryption_key(k)]
    if len(keys) == 1:
        name = keys[0].labels[1]
        if keys[0].body.attribute("count") is None and keys[0].body.attribute("for_each") is None:
            return f"aws_kms_key.{name}.arn", ""
        why = f"the module's only key, aws_kms_key.{name}, has count/for_each"
    elif keys:
        names = ", ".join(f"aws_kms_key.{k.labels[1]}" for k in keys)
        why = f"the module has several keys ({names}) and the {option_name} option is not set"
    else:
        why = f"the module has no aws_kms_key and the {option_name} option is not set"
    if option:
        return key_expression(str(option)), ""
    return None, why


def key_expression(option: str) -> str:
    """A key option as HCL: an ARN (or any non-expression) is quoted, an expression is kept."""
    text = option.strip()
    if not text.startswith("arn:"):
        try:
            parse_expression(text)
        except ParseError:
            pass
        else:
            return text
    return quoted(text)
