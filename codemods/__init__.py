"""Built-in codemods, installed as ``tffix.codemods`` (one module per fix)."""
