"""tffix: auto-remediation and refactoring for Terraform.

The public parsing API::

    import tffix
    module = tffix.parse(text, path="main.tf")
    assert module.code == text            # lossless
    for block in module.body.blocks:
        print(block.type, block.labels, block.line)
"""

from tffix.syntax.errors import ParseError
from tffix.syntax.nodes import (
    Attribute,
    Block,
    Body,
    Expression,
    Module,
    Node,
)
from tffix.syntax.parser import parse, parse_file
from tffix.syntax.tokens import Token

__version__ = "0.1.0"

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
