"""Built-in codemods, installed as ``tffix.codemods`` (one module per fix)."""

from tffix.codemods.aws003_kms_key_rotation import KmsKeyRotation

BUILTIN = (KmsKeyRotation,)

__all__ = ["BUILTIN", "KmsKeyRotation"]
