"""tffix: auto-remediation and refactoring for Terraform.

The public parsing API::

    import tffix
    module = tffix.parse(text, path="main.tf")
    assert module.code == text            # lossless
    for block in module.body.blocks:
        print(block.type, block.labels, block.line)

Names are imported on first use, so that ``tffix --version`` (run by
pre-commit hooks) does not pay for loading the parser.
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

# typing costs ~6 ms at start-up; it is only needed by type checkers.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_EXPORTS = {
    "parse": "tffix.syntax.parser",
    "parse_file": "tffix.syntax.parser",
    "ParseError": "tffix.syntax.errors",
    "Token": "tffix.syntax.tokens",
    "Module": "tffix.syntax.nodes",
    "Node": "tffix.syntax.nodes",
    "Body": "tffix.syntax.nodes",
    "Block": "tffix.syntax.nodes",
    "Attribute": "tffix.syntax.nodes",
    "Expression": "tffix.syntax.nodes",
}

__all__ = [
    "Attribute",
    "Block",
    "Body",
    "Expression",
    "Module",
    "Node",
    "ParseError",
    "Token",
    "__version__",
    "parse",
    "parse_file",
]

if TYPE_CHECKING:
    from tffix.syntax.errors import ParseError
    from tffix.syntax.nodes import Attribute, Block, Body, Expression, Module, Node
    from tffix.syntax.parser import parse, parse_file
    from tffix.syntax.tokens import Token


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tffix' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
