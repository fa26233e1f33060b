"""Which Terraform a module is written for, as far as its own text says.

Code written for Terraform 0.11 still parses as HCL2 more often than not: map
arguments written as blocks (``tags { ... }``), names with spaces
(``output "Web DNS Name"``), a provider pinned to a release older than
Terraform 0.12 support. Terraform 0.12 and later reject such a module, and
the toolchain that runs it (Terraform 0.11, AWS provider 2.x) knows neither
the resources nor the syntax a fix would write (``aws_s3_bucket_versioning``
appeared in provider 3.75, bare references in Terraform 0.12). Any edit there
breaks the one toolchain the module works with and still leaves it unusable
on the other, so the runner leaves such a module untouched and says why.

Likewise ``map()`` and ``list()`` (removed in Terraform 0.15) cap the
Terraform a module runs on below the versions that read ``import`` blocks.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from tffix.syntax import nodes as n
from tffix.syntax.tokens import Token

UPGRADE_GUIDE = "https://developer.hashicorp.com/terraform/language/v1.1.x/upgrade-guides/0-12"
REMOVED_FUNCTIONS_GUIDE = (
    "https://developer.hashicorp.com/terraform/language/v1.1.x/upgrade-guides/0-15"
    "#legacy-configuration-language-features"
)

# A name Terraform 0.12 and later accept for a resource, data source, module,
# output or variable: a letter or underscore, then letters, digits, '_' or '-'.
_IDENTIFIER = re.compile(r"[^\W\d][\w-]*\Z")
# Blocks whose labels name something (the last label is the name).
_NAMED = {"resource", "data", "module", "output", "variable", "provider"}
# Map arguments that Terraform 0.11 also let you write as a block ("Attributes
# as Blocks" in the 0.12 upgrade guide; `terraform 0.12upgrade` rewrites them):
# (resource or data type prefix, block name). A block of that name, at any
# depth of a resource or data source whose type starts with the prefix, is
# 0.11 code. Each name is a map argument in those types, never a nested block
# type (checked against the provider schemas: apigatewayv2's
# ``response_parameters`` is a block, hence the narrower prefixes).
_MAP_AS_BLOCK: tuple[tuple[str, str], ...] = (
    ("aws_", "tags"),
    ("aws_", "variables"),  # lambda environment, API Gateway deployment and stage
    ("aws_cloudwatch_metric_alarm", "dimensions"),
    ("aws_api_gateway_", "request_parameters"),
    ("aws_api_gateway_", "request_templates"),
    ("aws_api_gateway_", "response_parameters"),
    ("aws_api_gateway_", "response_templates"),
    ("aws_apigatewayv2_stage", "stage_variables"),
    ("aws_cloudformation_stack", "parameters"),  # and aws_cloudformation_stack_set
    ("aws_ssm_association", "parameters"),
    ("aws_batch_job_definition", "parameters"),
    ("template_", "vars"),  # template_file, template_cloudinit_config's parts
    ("null_resource", "triggers"),
    ("random_", "keepers"),
)
# Blocks of the configuration language that hold no nested block other than these
# since Terraform 0.12 (0.11 let a map be written as one: `default { ... }` in a
# variable, `tags { ... }` in a module call or in locals).
_ONLY_BLOCKS: dict[str, frozenset[str]] = {
    "variable": frozenset(("validation",)),
    "output": frozenset(("precondition",)),
    "locals": frozenset(),
    "module": frozenset(),
}
# A name a provider schema can give an argument: lowercase letters, digits and
# underscores (the plugin SDK and framework refuse others). `Name = ...` or
# `us-east-1 = ...` in a nested block is a key of a map written as a block.
_SCHEMA_NAME = re.compile(r"[a-z0-9_]+\Z")
# Functions that always return a list: `["${split(",", var.x)}"]` was 0.11's way of
# passing that list (Terraform 0.11 flattened it); from 0.12 on it is a list of lists,
# which list(string) arguments refuse ("Inappropriate value for attribute").
_LIST_FUNCTIONS = frozenset(
    (
        "list",
        "split",
        "concat",
        "compact",
        "distinct",
        "flatten",
        "keys",
        "values",
        "sort",
        "slice",
        "formatlist",
        "matchkeys",
        "chunklist",
        "reverse",
        "cidrsubnets",
    )
)
# AWS provider releases before this one speak only Terraform 0.11's plugin
# protocol: 2.7.0 (April 2019) was the first built with the SDK that
# supports Terraform 0.12 (the provider's CHANGELOG, 2.7.0 notes).
FIRST_FOR_TERRAFORM_0_12 = (2, 7, 0)


@dataclass(frozen=True)
class Legacy:
    """Where a module shows it is written for Terraform 0.11, and how."""

    path: str
    line: int
    column: int
    what: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}:{self.column}: written for Terraform 0.11 ({self.what}), "
            "which Terraform 0.12 and later reject; a fix would use syntax and AWS provider "
            "features its toolchain cannot run: upgrade the module to Terraform 0.12 syntax "
            f"first ({UPGRADE_GUIDE})"
        )


def legacy(
    files: Mapping[str, n.Module], aws_high: tuple[int, int, int] | None = None
) -> Legacy | None:
    """The first sign that the module is Terraform 0.11 code, or None.

    ``aws_high``: the exclusive upper bound of the AWS provider versions the
    module allows (see :mod:`tffix.aws.provider_versions`), when it has one.
    """
    for path, module in files.items():
        for block in module.body.blocks:
            found = (
                _bad_name(path, block)
                or _map_block(path, block)
                or _language_block(path, block)
                or _flattened_list(path, block)
            )
            if found is not None:
                return found
    if aws_high is not None and aws_high <= FIRST_FOR_TERRAFORM_0_12:
        where = _aws_constraint(files)
        if where is not None:
            path, node = where
            return Legacy(
                path,
                node.line,
                node.column,
                "its AWS provider constraint admits only releases before 2.7.0, "
                "which run only under Terraform 0.11",
            )
    return None


def removed_function(files: Mapping[str, n.Module]) -> tuple[str, n.Call] | None:
    """A call of ``map()`` or ``list()``, which Terraform 0.15 removed, or None."""
    for path, module in files.items():
        for block in module.body.blocks:
            for node in block.walk():
                if isinstance(node, n.Call) and node.name in ("map", "list"):
                    if block.type == "variable" and _in_type(block, node):
                        continue  # map(string) in a type constraint is a type, not a call
                    return path, node
    return None


def _in_type(variable: n.Block, node: n.Node) -> bool:
    constraint = variable.body.attribute("type")
    return constraint is not None and any(inner is node for inner in constraint.walk())


def _bad_name(path: str, block: n.Block) -> Legacy | None:
    if block.type not in _NAMED or not block.label_nodes:
        return None
    label = block.label_nodes[-1]
    name = block.labels[-1]
    if block.type == "provider" or _IDENTIFIER.match(name):
        return None
    return Legacy(
        path,
        label.line,
        label.column,
        f'{block.type} name "{name}" is not a valid name since Terraform 0.12',
    )


def _map_block(path: str, block: n.Block) -> Legacy | None:
    if block.type not in ("resource", "data", "provider") or not block.labels:
        return None
    kind = block.labels[0]
    names = {name for prefix, name in _MAP_AS_BLOCK if kind.startswith(prefix)}
    for inner, parent in _nested_in(block):
        if inner.label_nodes or inner.type == "dynamic":
            continue
        if inner.type in names:
            return _as_block(path, inner)
        if inner.type == "environment" and parent.type == "provisioner":
            return _as_block(path, inner)  # local-exec's environment map
        if inner.type == "configuration" and parent.type == "action":
            return _as_block(path, inner)  # aws_codepipeline's action configuration
        keys = [a for a in inner.body.attributes if not _SCHEMA_NAME.match(a.name)]
        if keys and inner.type not in ("content", "lifecycle"):
            return Legacy(
                path,
                keys[0].line,
                keys[0].column,
                f"`{inner.type}` written as a block with the key `{keys[0].name}`, which "
                "no provider schema names an argument: a map written as a block, which "
                f"is a map argument (`{inner.type} = {{ ... }}`) since Terraform 0.12",
            )
    return None


def _as_block(path: str, inner: n.Block) -> Legacy:
    return Legacy(
        path,
        inner.line,
        inner.column,
        f"`{inner.type}` written as a block; it is a map argument "
        f"(`{inner.type} = {{ ... }}`) since Terraform 0.12",
    )


def _language_block(path: str, block: n.Block) -> Legacy | None:
    """A nested block where the language allows none since 0.12 (``default { ... }``)."""
    allowed = _ONLY_BLOCKS.get(block.type)
    if allowed is None:
        return None
    for inner in block.body.blocks:
        if inner.type not in allowed:
            return Legacy(
                path,
                inner.line,
                inner.column,
                f"`{inner.type}` written as a block in a {block.type} block; it is an "
                f"argument (`{inner.type} = {{ ... }}`) since Terraform 0.12",
            )
    return None


def _flattened_list(path: str, block: n.Block) -> Legacy | None:
    """``["${split(",", var.x)}"]`` or ``["${aws_instance.web.*.id}"]`` in a resource,
    data source or provider argument: Terraform 0.11 flattened the list the one
    interpolation yields into the brackets (`terraform 0.12upgrade` removes them)."""
    if block.type not in ("resource", "data", "provider"):
        return None
    for attribute in _attributes(block):
        node = attribute.value
        if not isinstance(node, n.Tuple) or len(node.elements) != 1:
            continue
        element = node.elements[0]
        if not isinstance(element, n.TemplateString) or len(element.parts) != 1:
            continue
        part = element.parts[0]
        if not isinstance(part, n.Interpolation):
            continue
        inner = part.expr
        listed = (isinstance(inner, n.Call) and inner.name in _LIST_FUNCTIONS) or (
            isinstance(inner, n.Traversal)
            and any(isinstance(step, (n.AttrSplat, n.FullSplat)) for step in inner.steps)
        )
        if listed:
            return Legacy(
                path,
                node.line,
                node.column,
                'a list interpolated into a list (`["${...}"]` around a value that is a '
                "list), which Terraform 0.11 flattened; since 0.12 it is a list of lists, "
                "refused where a list of strings is expected",
            )
    return None


def _attributes(block: n.Block) -> Iterator[n.Attribute]:
    """The arguments of ``block`` and of its nested blocks (whose values are the
    arguments' own: a list inside ``jsonencode(...)`` is data, not an argument)."""
    yield from block.body.attributes
    for inner, _parent in _nested_in(block):
        yield from inner.body.attributes


def _nested_in(block: n.Block) -> Iterator[tuple[n.Block, n.Block]]:
    """Each nested block of ``block`` at any depth, with the block holding it."""
    stack = [(inner, block) for inner in reversed(block.body.blocks)]
    while stack:
        inner, parent = stack.pop()
        yield inner, parent
        stack.extend((deeper, inner) for deeper in reversed(inner.body.blocks))


def _aws_constraint(files: Mapping[str, n.Module]) -> tuple[str, Token | n.Node] | None:
    """Where the module writes an AWS provider version constraint."""
    for path, module in files.items():
        for block in module.body.blocks:
            if block.type == "provider" and block.labels == ["aws"]:
                version = block.body.attribute("version")
                if version is not None:
                    return path, version
            if block.type == "terraform":
                for required in block.body.blocks_of_type("required_providers"):
                    for attribute in required.body.attributes:
                        if attribute.name == "aws":
                            return path, attribute
    return None


# ---- code that may still run on Terraform 0.11 ---------------------------------------

# Quoted type constraints: what Terraform 0.11 wrote, 0.12 to 0.14 still accept (with a
# warning) and 0.15 refuses ("Invalid quoted type constraints").
_QUOTED_TYPES = frozenset(("string", "list", "map"))
# Expressions Terraform 0.11 accepts only inside "${...}": one of these written bare,
# outside any template, is syntax of Terraform 0.12 or later.
_BARE = (
    n.Traversal,
    n.Variable,
    n.Call,
    n.Binary,
    n.Conditional,
    n.Parens,
    n._ForExpr,
)


@dataclass(frozen=True)
class MayBeLegacy:
    """Where a module shows it is written so that Terraform 0.11 runs it, with nothing
    in it that needs Terraform 0.12: which Terraform runs it is not in the code."""

    path: str
    line: int
    column: int
    what: str

    @property
    def fact(self) -> str:
        """The missing fact, for a manual finding of a codemod that would write syntax
        of Terraform 0.12 (a bare reference, a resource of AWS provider 3.x or later)."""
        return (
            "which Terraform runs this module is not in the code: it is written for "
            f"Terraform 0.11 ({self.what}, {os.path.basename(self.path)}:{self.line}) and "
            "nothing in it needs 0.12; a reference written the 0.12 way does not parse on "
            '0.11, and the 0.11 way ("${...}") is not kept by terraform fmt: if it runs on '
            'Terraform 0.12 or later, declare required_version = ">= 0.12" and run this '
            f"again ({UPGRADE_GUIDE})"
        )


_MAY_BE_LEGACY = "dialect.may_be_legacy"


def may_be_legacy(
    files: Mapping[str, n.Module], memo: dict[str, object] | None = None
) -> MayBeLegacy | None:
    """The first sign that Terraform 0.11 may run the module, or None.

    A module Terraform 0.12 and later reject is :func:`legacy`, and left alone.
    This is the weaker case: code that loads on 0.11 to 0.14 and shows it was
    written for 0.11 (a quoted type constraint ``type = "string"``, a quoted
    reference in ``depends_on``, ``provider`` or ``ignore_changes``, a call of
    ``map()`` or ``list()``), with nothing only 0.12 and later read: no
    expression outside ``"${...}"`` (a bare reference, call or operator), no
    ``dynamic`` block, no ``required_version`` that rules out 0.11. Its users
    may run it on 0.11, so a codemod that writes a new reference has no form
    that works there and survives ``terraform fmt``: it reports instead
    (:attr:`MayBeLegacy.fact`). Every codemod that writes new references or
    resources asks this one question.

    ``memo`` (a module run's ``ModuleContext.memo``): the first answer of the
    run is kept, as the module was before any fix (a fix that writes 0.12
    syntax would change it).
    """
    if memo is not None and _MAY_BE_LEGACY in memo:
        return memo[_MAY_BE_LEGACY]  # type: ignore[return-value]
    found = None if _modern(files) else _old_sign(files)
    if memo is not None:
        memo[_MAY_BE_LEGACY] = found
    return found


def _old_sign(files: Mapping[str, n.Module]) -> MayBeLegacy | None:
    for path, module in files.items():
        for block in module.body.blocks:
            if block.type == "variable":
                constraint = block.body.attribute("type")
                value = constraint.value if constraint is not None else None
                if (
                    isinstance(value, n.TemplateString)
                    and value.is_literal
                    and value.literal_value() in _QUOTED_TYPES
                ):
                    return MayBeLegacy(
                        path,
                        value.line,
                        value.column,
                        f'the quoted type constraint type = "{value.literal_value()}" '
                        "(an error since Terraform 0.15)",
                    )
            for attribute in _meta_arguments(block):
                if _quoted_reference(attribute.value):
                    return MayBeLegacy(
                        path,
                        attribute.line,
                        attribute.column,
                        f"a quoted reference in {attribute.name} (an error since Terraform 0.15)",
                    )
    removed = removed_function(files)
    if removed is not None:
        path, call = removed
        return MayBeLegacy(
            path, call.line, call.column, f"{call.name}(), which Terraform 0.15 removed"
        )
    return None


def _meta_arguments(block: n.Block) -> Iterator[n.Attribute]:
    """``depends_on`` and ``provider`` of a resource, data source, module or output, and
    ``ignore_changes`` of its lifecycle (not the arguments of a nested block: a
    CodePipeline action's ``provider = "GitHub"`` is one)."""
    if block.type not in ("resource", "data", "module", "output"):
        return
    for attribute in block.body.attributes:
        if attribute.name in ("depends_on", "provider"):
            yield attribute
    for lifecycle in block.body.blocks_of_type("lifecycle"):
        ignored = lifecycle.body.attribute("ignore_changes")
        if ignored is not None:
            yield ignored


def _quoted_reference(value: n.Expression) -> bool:
    values = value.elements if isinstance(value, n.Tuple) else [value]
    return any(isinstance(v, n.TemplateString) and v.is_literal for v in values)


def _modern(files: Mapping[str, n.Module]) -> bool:
    """Whether the module shows syntax or a constraint only Terraform 0.12 and later read."""
    for module in files.values():
        for block in module.body.blocks:
            if block.type == "terraform" and _requires_0_12(block):
                return True
            if any(inner.type == "dynamic" for inner, _p in _nested_in(block)):
                return True
            for attribute in _attributes(block) if block.type != "terraform" else ():
                if _bare(attribute.value):  # (a variable's `type = string` too)
                    return True
    return False


def _bare(value: n.Expression) -> bool:
    if isinstance(value, _BARE):
        return True
    if isinstance(value, n.Literal):
        return value.value is None  # null: 0.11 has none
    if isinstance(value, n.Tuple):
        return any(_bare(v) for v in value.elements)
    if isinstance(value, n.Object):
        return any(_bare(item.value) for item in value.items)
    if isinstance(value, n.Unary):
        return not isinstance(value.children[-1], n.Number)  # -1 is a number in 0.11
    return False


_VERSION = re.compile(r"\s*(>=|~>|>|=)?\s*v?(\d+)\.(\d+)")


def _requires_0_12(terraform: n.Block) -> bool:
    """Whether ``required_version`` rules out every Terraform before 0.12."""
    attribute = terraform.body.attribute("required_version")
    value = attribute.value if attribute is not None else None
    if not isinstance(value, n.TemplateString) or not value.is_literal:
        return False
    for part in value.literal_value().split(","):
        match = _VERSION.match(part)
        if match is None:
            continue
        operator, major, minor = match.group(1) or "=", int(match.group(2)), int(match.group(3))
        if operator in (">=", "~>", "=", ">") and (major, minor) >= (0, 12):
            return True
    return False
