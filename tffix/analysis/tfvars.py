"""Which ``.tfvars`` file sets a variable, for findings that quote a variable's value.

Terraform gives a root module's variables the values of
``terraform.tfvars``, ``terraform.tfvars.json`` and ``*.auto.tfvars(.json)``
(in that order, later files winning) before their defaults
(https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence).
A finding that quotes a default while such a file sets the variable would
ask for the wrong change: it quotes the value used, and says where it is
set. The file list is the partial evaluator's (``tffix.analysis.partial``).

``tffix --var-file FILE`` (repeatable) adds files as ``terraform plan
-var-file`` does: after the automatic ones, in the order given, the last
winning. The run passes them in the environment (``TFFIX_VAR_FILES``,
absolute paths joined by ``os.pathsep``; ``given_var_files`` sets it), so
that worker processes and every module's analysis see the same list, and
the cache keys modules by their content too.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError


@dataclass(frozen=True)
class TfvarsValue:
    path: str
    value: n.Expression | Any  # an HCL expression, or a value from a JSON file

    @property
    def file(self) -> str:
        """The file as a finding names it: an automatic file by its name, a
        ``--var-file`` as given (relative to the working directory when inside it)."""
        if self.path not in var_files():
            return os.path.basename(self.path)
        relative = os.path.relpath(self.path)
        return self.path if relative.startswith("..") else relative


VAR_FILES = "TFFIX_VAR_FILES"


def var_files() -> list[str]:
    """The ``--var-file`` files of this run (absolute paths, in the order given)."""
    value = os.environ.get(VAR_FILES, "")
    return [p for p in value.split(os.pathsep) if p]


@contextlib.contextmanager
def given_var_files(paths: Sequence[str | os.PathLike[str]]) -> Iterator[list[str]]:
    """Make ``paths`` the run's ``--var-file`` files while the block runs (restored after).

    ``FileNotFoundError`` for a path that is not a file, as Terraform refuses it."""
    absolute = [os.path.abspath(p) for p in paths]
    for path in absolute:
        if not os.path.isfile(path):
            raise FileNotFoundError(path)
    before = os.environ.get(VAR_FILES)
    if absolute:
        os.environ[VAR_FILES] = os.pathsep.join(absolute)
    try:
        yield absolute
    finally:
        if before is None:
            os.environ.pop(VAR_FILES, None)
        else:
            os.environ[VAR_FILES] = before


def tfvars_value(directory: str, name: str) -> TfvarsValue | None:
    """The value the module's automatically loaded variable files give ``name`` (the
    last file setting it wins), or None when none does. Unreadable files set nothing."""
    from tffix.syntax.parser import parse_file

    found: TfvarsValue | None = None
    # Imported here: every run asks for var_files(), few read a tfvars value.
    from tffix.analysis.partial import _tfvars_files

    for path in _tfvars_files(directory):
        if path.endswith(".json"):
            try:
                with open(path, encoding="utf-8") as f:
                    data = json.load(f)
            except (OSError, ValueError):
                continue
            if isinstance(data, dict) and name in data:
                found = TfvarsValue(path, data[name])
            continue
        try:
            module = parse_file(path)
        except (OSError, ParseError):
            continue
        for attribute in module.body.attributes:
            if attribute.name == name:
                found = TfvarsValue(path, attribute.value)
    return found
