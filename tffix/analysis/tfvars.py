"""Which ``.tfvars`` file sets a variable, for findings that quote a variable's value.

Terraform gives a root module's variables the values of
``terraform.tfvars``, ``terraform.tfvars.json`` and ``*.auto.tfvars(.json)``
(in that order, later files winning) before their defaults
(https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence).
A finding that quotes a default while such a file sets the variable would
ask for the wrong change: it quotes the value used, and says where it is
set. The file list is the partial evaluator's (``tffix.analysis.partial``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from tffix.analysis.partial import _tfvars_files
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError


@dataclass(frozen=True)
class TfvarsValue:
    path: str
    value: n.Expression | Any  # an HCL expression, or a value from a JSON file

    @property
    def file(self) -> str:
        return os.path.basename(self.path)


def tfvars_value(directory: str, name: str) -> TfvarsValue | None:
    """The value the module's automatically loaded variable files give ``name`` (the
    last file setting it wins), or None when none does. Unreadable files set nothing."""
    from tffix.syntax.parser import parse_file

    found: TfvarsValue | None = None
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
