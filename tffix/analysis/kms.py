"""KMS keys as codemods need them: which keys can encrypt data, and key options.

Several fixes encrypt something with "the module's only customer-managed
key": that only works with a symmetric ENCRYPT_DECRYPT key (an asymmetric
or HMAC key cannot encrypt a table or a bucket), and a key given as an
option may be an ARN or an expression.
"""

from __future__ import annotations

import json

from tffix.cst import matchers as m
from tffix.cst.builders import parse_expression
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError

SYMMETRIC = "SYMMETRIC_DEFAULT"


def is_symmetric_encryption_key(key: n.Block) -> bool:
    """True for an ``aws_kms_key`` that can encrypt data at rest (the default kind)."""
    spec = key.body.attribute("customer_master_key_spec") or key.body.attribute("key_spec")
    if spec is not None and not m.Literal(SYMMETRIC).matches(spec.value):
        return False
    usage = key.body.attribute("key_usage")
    return usage is None or m.Literal("ENCRYPT_DECRYPT").matches(usage.value)


def key_expression(option: str) -> str:
    """A key option as HCL: an ARN is quoted, an expression is kept as written."""
    text = option.strip()
    if not text.startswith("arn:"):
        try:
            parse_expression(text)
        except ParseError:
            pass
        else:
            return text
    return json.dumps(text)
