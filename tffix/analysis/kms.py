"""Moved to :mod:`tffix.aws.kms` (what tffix knows about AWS lives in ``tffix.aws``);
kept so that existing imports go on working."""

from tffix.aws.kms import (
    SYMMETRIC,
    default_key,
    is_symmetric,
    is_symmetric_encryption_key,
    key_expression,
)

__all__ = [
    "SYMMETRIC",
    "default_key",
    "is_symmetric",
    "is_symmetric_encryption_key",
    "key_expression",
]
