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

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from tffix.analysis.constraints import range_of
from tffix.analysis.labels import label_value
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
    # False when the module may be 0.11 code (its syntax is 0.11's, which 0.12 to
    # 0.14 also read) rather than code only 0.11 reads.
    certain: bool = True

    def __str__(self) -> str:
        if not self.certain:
            return (
                f"{self.path}:{self.line}:{self.column}: may be written for Terraform 0.11 "
                f"({self.what}); a fix would write references in Terraform 0.12 syntax "
                '(aws_s3_bucket.x.id, not "${aws_s3_bucket.x.id}"), which Terraform 0.11 '
                "cannot parse, and AWS provider features its toolchain may lack: upgrade the "
                'module to Terraform 0.12 syntax, or declare required_version = ">= 0.12", '
                f"first ({UPGRADE_GUIDE})"
            )
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
            found = _sign(path, block)
            if found is not None:
                return found
    for path, module in files.items():
        for block in module.body.blocks_of_type("terraform"):
            required = block.body.attribute("required_version")
            if required is not None and _only_before_0_12(required.value):
                return Legacy(
                    path,
                    required.value.line,
                    required.value.column,
                    "its required_version admits only Terraform releases before 0.12",
                )
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
    return maybe_0_11(files)


def maybe_0_11(files: Mapping[str, n.Module]) -> Legacy | None:
    """Where a module written in Terraform 0.11's syntax, which Terraform 0.12 to 0.14
    also read, shows it, when nothing in it needs 0.12; else None.

    The sign is a quoted type constraint (``type = "string"``: the form 0.11
    requires, deprecated in 0.12 and an error from 0.15) or a reference
    written as a whole interpolation (``bucket = "${var.name}"``: 0.11
    accepts references only inside ``${...}``). Any construct 0.11 cannot
    parse or run (a bare reference or function call, an operator outside
    ``${...}``, ``null``, a ``for`` expression, a template directive,
    ``dynamic``, ``for_each``, ``required_providers`` with ``source``, a
    ``required_version`` that excludes 0.11, blocks added later such as
    ``moved``) shows the module is not 0.11 code. A fix there writes bare
    references (``bucket = aws_s3_bucket.x.id``) that 0.11 rejects at
    ``init`` for every caller still on it (0.12 upgrade guide, UPGRADE_GUIDE).
    """
    sign: Legacy | None = None
    for path, module in files.items():
        for block in module.body.blocks:
            if block.type not in _0_11_BLOCKS or _needs_0_12(block):
                return None
            if sign is None:
                sign = _0_11_sign(path, block)
    return sign


# Top-level blocks Terraform 0.11 reads (``moved``, ``import``, ``check``, ``removed``
# came later).
_0_11_BLOCKS = frozenset(
    ("resource", "data", "module", "output", "variable", "provider", "terraform", "locals")
)
# Arguments and nested blocks later than 0.11 (for_each: 0.12.6; variable validation:
# 0.13; sensitive variables: 0.14; lifecycle conditions: 1.2).
_LATER_NAMES = frozenset(
    (
        "for_each",
        "dynamic",
        "validation",
        "sensitive",
        "nullable",
        "precondition",
        "postcondition",
        "replace_triggered_by",
        "configuration_aliases",
    )
)
_VERSION = re.compile(r"(>=|>|~>|=|)\s*v?(\d+)\.(\d+)")


def _needs_0_12(block: n.Block) -> bool:
    """True when ``block`` holds something Terraform 0.11 cannot parse or run."""
    if block.type == "terraform":
        required = block.body.attribute("required_version")
        if required is not None and _excludes_0_11(required.value):
            return True
        if block.body.blocks_of_type("required_providers"):
            return True  # 0.12.26 and later (with source: 0.13)
    for node in block.walk():
        if isinstance(node, n.Block) and node.type in _LATER_NAMES:
            return True
        if isinstance(node, n.Attribute) and (
            node.name in _LATER_NAMES or _later_expression(node.value)
        ):
            return True
    return False


def _excludes_0_11(value: n.Node) -> bool:
    """True when a ``required_version`` literal admits no 0.11 release."""
    if not isinstance(value, n.TemplateString) or not value.is_literal:
        return False
    for clause in value.literal_value().split(","):
        found = _VERSION.match(clause.strip())
        if found is None:
            continue
        operator, major, minor = found.group(1), int(found.group(2)), int(found.group(3))
        if operator in (">=", ">", "~>", "=", "") and (major, minor) >= (0, 12):
            return True
    return False


def _only_before_0_12(value: n.Node) -> bool:
    """True when a ``required_version`` literal admits no release from 0.12 on
    (``~> 0.11.14``, ``= 0.11.14``, ``< 0.12``): the module is run by Terraform 0.11."""
    if not isinstance(value, n.TemplateString) or not value.is_literal:
        return False
    high = range_of(value.literal_value())[1]
    return high is not None and high <= (0, 12, 0)


def _later_expression(value: n.Node) -> bool:
    """True when an argument's value is written as only Terraform 0.12 and later read it:
    an expression outside ``${...}`` other than a string, number, bool, list or map of
    those, or ``null``, or a template directive (``%{if}``)."""
    if isinstance(value, n.Number):
        return False
    if isinstance(value, n.Literal):
        return value.value is None  # null came with 0.12
    if isinstance(value, n.Unary):
        return not any(isinstance(c, n.Number) for c in value.children)
    if isinstance(value, n.Tuple):
        return any(_later_expression(c) for c in value.children if isinstance(c, n.Expression))
    if isinstance(value, n.Object):
        return any(_later_expression(item.value) for item in value.items)
    if isinstance(value, (n.TemplateString, n.Heredoc)):
        return any(
            isinstance(p, (n.IfDirective, n.ForDirective))
            or (isinstance(p, n.Interpolation) and _later_interpolation(p))
            for p in value.parts
        )
    return True


def _later_interpolation(part: n.Interpolation) -> bool:
    """True when an interpolation holds what 0.11's HIL cannot parse: a step after an
    index (``x[0].enabled``; 0.11 writes ``x.0.enabled``), a ``[*]`` splat, a ``for``
    expression or ``null`` (0.12 upgrade guide)."""
    for node in part.walk():
        if isinstance(node, n.Literal) and node.value is None:
            return True
        if isinstance(node, (n.FullSplat, n.ForTuple, n.ForObject)):
            return True
        if isinstance(node, n.Traversal):
            steps = node.steps
            if any(
                isinstance(before, n.Index) and not isinstance(steps[i + 1], n.Index)
                for i, before in enumerate(steps[:-1])
            ):
                return True
    return False


def _0_11_sign(path: str, block: n.Block) -> Legacy | None:
    """A quoted type constraint, or an argument that is a whole interpolation."""
    if block.type == "variable":
        constraint = block.body.attribute("type")
        if (
            constraint is not None
            and isinstance(constraint.value, n.TemplateString)
            and constraint.value.is_literal
        ):
            return Legacy(
                path,
                constraint.line,
                constraint.column,
                f'a quoted type constraint, type = "{constraint.value.literal_value()}", '
                "and nothing that needs Terraform 0.12",
                certain=False,
            )
    for node in block.walk():
        if isinstance(node, n.Attribute) and isinstance(node.value, n.TemplateString):
            parts = node.value.parts
            if len(parts) == 1 and isinstance(parts[0], n.Interpolation):
                return Legacy(
                    path,
                    node.line,
                    node.column,
                    f"{node.name} = {_text(node.value)}, a reference written as a whole "
                    "interpolation, and nothing that needs Terraform 0.12",
                    certain=False,
                )
    return None


def _text(node: n.Node) -> str:
    text = "".join(token.text for token in node.tokens())
    return text if len(text) <= 60 else text[:57] + "..."


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


def _sign(path: str, block: n.Block) -> Legacy | None:
    """The first 0.11 sign of one top-level block: ``_bad_name``, ``_map_block``,
    ``_language_block`` and ``_flattened_list``, in that order. Each block of every
    module is looked at here, so its type, labels and nested blocks are read once
    for the four checks, not once by each."""
    children = block.children
    kind: str = children[0].text  # type: ignore[union-attr]
    label_nodes = children[1:-3]
    if kind in _NAMED and label_nodes:
        found = _bad_name(path, kind, label_nodes)
        if found is not None:
            return found
    if kind in _RESOURCE_LIKE:
        nested = list(_nested_in(block))
        if label_nodes:
            found = _map_block(path, label_value(label_nodes[0]), nested)
            if found is not None:
                return found
        return _flattened_list(path, block, nested)
    return _language_block(path, block, kind)


def _bad_name(path: str, kind: str, label_nodes: list[n.Child]) -> Legacy | None:
    label = label_nodes[-1]
    name = label_value(label)
    if kind == "provider":
        return None
    valid = _VALID_NAMES.get(name)
    if valid is None:
        if len(_VALID_NAMES) > 50_000:
            _VALID_NAMES.clear()
        valid = _VALID_NAMES[name] = _IDENTIFIER.match(name) is not None
    if valid:
        return None
    return Legacy(
        path,
        label.line,
        label.column,
        f'{kind} name "{name}" is not a valid name since Terraform 0.12',
    )


# Names seen, and whether Terraform 0.12 and later accept them (``_IDENTIFIER``).
_VALID_NAMES: dict[str, bool] = {}
# Blocks whose nested blocks may be maps written as blocks, and whose arguments may be
# lists interpolated into lists.
_RESOURCE_LIKE = frozenset(("resource", "data", "provider"))
# The names of _MAP_AS_BLOCK that apply to a resource type, by type (a run sees a few
# hundred types, each looked up for every block of it).
_MAP_NAMES: dict[str, frozenset[str]] = {}


def _map_names(kind: str) -> frozenset[str]:
    names = _MAP_NAMES.get(kind)
    if names is None:
        names = _MAP_NAMES[kind] = frozenset(
            name for prefix, name in _MAP_AS_BLOCK if kind.startswith(prefix)
        )
    return names


def _map_block(path: str, kind: str, nested: list[tuple[n.Block, n.Block]]) -> Legacy | None:
    """A map argument written as a nested block of a resource, data source or provider
    of type ``kind`` (``nested``: its nested blocks, ``_nested_in``)."""
    names = _map_names(kind)
    schema_name = _schema_name
    for inner, parent in nested:
        inner_children = inner.children
        if len(inner_children) > 4:  # labelled (a label node before the braces)
            continue
        inner_type = inner_children[0].text  # type: ignore[union-attr]
        if inner_type == "dynamic":
            continue
        if inner_type in names:
            return _as_block(path, inner)
        if inner_type == "environment" and parent.type == "provisioner":
            return _as_block(path, inner)  # local-exec's environment map
        if inner_type == "configuration" and parent.type == "action":
            return _as_block(path, inner)  # aws_codepipeline's action configuration
        if inner_type in ("content", "lifecycle"):
            continue
        for attribute in inner.body.attributes:
            if not schema_name(attribute.name):
                return Legacy(
                    path,
                    attribute.line,
                    attribute.column,
                    f"`{inner_type}` written as a block with the key `{attribute.name}`, "
                    "which no provider schema names an argument: a map written as a block, "
                    f"which is a map argument (`{inner_type} = {{ ... }}`) since Terraform 0.12",
                )
    return None


# Argument names seen, and whether a provider schema could give an argument that name.
_SCHEMA_NAMES: dict[str, bool] = {}


def _schema_name(name: str) -> bool:
    known = _SCHEMA_NAMES.get(name)
    if known is None:
        if len(_SCHEMA_NAMES) > 50_000:
            _SCHEMA_NAMES.clear()
        known = _SCHEMA_NAMES[name] = _SCHEMA_NAME.match(name) is not None
    return known


def _as_block(path: str, inner: n.Block) -> Legacy:
    return Legacy(
        path,
        inner.line,
        inner.column,
        f"`{inner.type}` written as a block; it is a map argument "
        f"(`{inner.type} = {{ ... }}`) since Terraform 0.12",
    )


def _language_block(path: str, block: n.Block, kind: str) -> Legacy | None:
    """A nested block where the language allows none since 0.12 (``default { ... }``)."""
    allowed = _ONLY_BLOCKS.get(kind)
    if allowed is None:
        return None
    for inner in block.body.children:  # (not ``Body.blocks``: no list for every block)
        if isinstance(inner, n.Block) and inner.type not in allowed:
            return Legacy(
                path,
                inner.line,
                inner.column,
                f"`{inner.type}` written as a block in a {kind} block; it is an "
                f"argument (`{inner.type} = {{ ... }}`) since Terraform 0.12",
            )
    return None


def _flattened_list(
    path: str, block: n.Block, nested: list[tuple[n.Block, n.Block]]
) -> Legacy | None:
    """``["${split(",", var.x)}"]`` or ``["${aws_instance.web.*.id}"]`` in a resource,
    data source or provider argument: Terraform 0.11 flattened the list the one
    interpolation yields into the brackets (`terraform 0.12upgrade` removes them).
    ``nested``: the block's nested blocks (``_nested_in``), whose arguments are the
    block's too (a list inside ``jsonencode(...)`` is data, not an argument)."""
    tuple_class, attribute_class = n.Tuple, n.Attribute
    bodies = [block.body, *(inner.body for inner, _parent in nested)]
    # (each argument: ``Body.attributes`` of each body; its value: ``Attribute.value``)
    for node in [
        c.children[2] for b in bodies for c in b.children if c.__class__ is attribute_class
    ]:
        if not isinstance(node, tuple_class) or len(node.elements) != 1:
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


_QUOTED_NAME = re.compile(r'"[^"\n]*"[ \t]*=[^=]')


def hcl1_hint(text: str, line: int, column: int) -> str | None:
    """Why a file that failed to parse is Terraform 0.11 code, when the failure is at a
    quoted argument name (``tags { "Name" = "x" }``): HCL1 accepted it, and no Terraform
    from 0.12 on reads it ("Argument names must not be quoted"), so the module needs
    upgrading before anything can be fixed in it. None for any other failure."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    if _QUOTED_NAME.match(lines[line - 1], max(column - 1, 0)) is None:
        return None
    return (
        f"line {line} quotes an argument name, which only Terraform 0.11 (HCL1) accepts: "
        "the module is written for Terraform 0.11, which no Terraform from 0.12 on reads; "
        "upgrade it to 0.12 syntax first (`terraform 0.12upgrade` on Terraform 0.12, "
        f"{UPGRADE_GUIDE}), then run this again"
    )
