"""``tffix --version``: the version of tffix and of the rule catalog it runs.

Answered without importing the codemods (a pre-commit hook may ask on every
commit): the built-in catalog's version is a digest of the codemods'
files, so two installations print the same catalog version exactly when
they run the same built-in rules (plug-ins, found through entry points at a
cost of ~40 ms, are listed by ``tffix rules``).
"""

from __future__ import annotations

import hashlib
import os
from importlib.util import find_spec


def catalog_version() -> str:
    """A short digest of the built-in codemods' code and data tables."""
    spec = find_spec("tffix.codemods")
    digest = hashlib.sha256()
    for directory in spec.submodule_search_locations or [] if spec else []:
        for name in sorted(os.listdir(directory)):
            if name.endswith((".py", ".toml", ".json")):
                with open(os.path.join(directory, name), "rb") as f:
                    digest.update(name.encode() + b"\0" + f.read())
    return digest.hexdigest()[:12]


def version_text() -> str:
    from tffix import __version__

    return f"tffix {__version__}\nrule catalog {__version__}+{catalog_version()}"
