"""TF004 environment-suffix: physical names carry the deployment's suffix.

Two deployments of one stack in one account (two environments, two pull
requests) collide on every globally or regionally unique name: buckets,
tables, functions, roles, log groups. The seed fixed that by putting
``var.environment_suffix`` into every name and into the IAM policies that
name those resources. Renaming a resource's physical name replaces it, so
this codemod is unsafe and says so in every finding.
"""

from __future__ import annotations

import re

from tffix.cst import edit
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Option, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

SUFFIX = "environment_suffix"
PROJECT = "project_name"

# The top-level attribute holding each resource type's physical name.
NAME_ATTRIBUTES: dict[str, str] = {
    "aws_s3_bucket": "bucket",
    "aws_dynamodb_table": "name",
    "aws_lambda_function": "function_name",
    "aws_lambda_layer_version": "layer_name",
    "aws_cloudwatch_log_group": "name",
    "aws_cloudwatch_metric_alarm": "alarm_name",
    "aws_cloudwatch_dashboard": "dashboard_name",
    "aws_cloudwatch_event_rule": "name",
    "aws_iam_role": "name",
    "aws_iam_policy": "name",
    "aws_iam_user": "name",
    "aws_iam_group": "name",
    "aws_iam_instance_profile": "name",
    "aws_kms_alias": "name",
    "aws_sns_topic": "name",
    "aws_sqs_queue": "name",
    "aws_api_gateway_rest_api": "name",
    "aws_apigatewayv2_api": "name",
    "aws_codebuild_project": "name",
    "aws_codepipeline": "name",
    "aws_codestarconnections_connection": "name",
    "aws_secretsmanager_secret": "name",
    "aws_ecr_repository": "name",
    "aws_ecs_cluster": "name",
    "aws_sfn_state_machine": "name",
    "aws_kinesis_stream": "name",
    "aws_cognito_user_pool": "name",
    "aws_elasticache_replication_group": "replication_group_id",
    "aws_db_instance": "identifier",
    "aws_rds_cluster": "cluster_identifier",
    "aws_lb": "name",
    "aws_lb_target_group": "name",
    "aws_security_group": "name",
}

# ARN segments that are structure, never a resource's name.
_ARN_WORDS = frozenset(
    {
        "aws",
        "arn",
        "index",
        "stream",
        "function",
        "table",
        "role",
        "policy",
        "log-group",
        "log-stream",
        "project",
        "secret",
        "topic",
        "key",
        "alias",
        "user",
        "group",
    }
)


class EnvironmentSuffix(Codemod):
    """Physical names become ``${var.project_name}-${var.environment_suffix}-<name>``."""

    code = "TF004"
    name = "environment-suffix"
    summary = "Physical resource names include var.environment_suffix so deployments can coexist"
    seed_section = "§1 Missing Environment Suffix Implementation"
    checks = ()
    safety = Safety.UNSAFE
    options = (
        Option(
            "default",
            None,
            "default of the new environment_suffix variable; none (the default) makes "
            "every deployment say which one it is (-var environment_suffix=pr-123)",
        ),
    )
    explanation = """\
Why: names such as an S3 bucket's, a DynamoDB table's, a Lambda function's
or an IAM role's are unique per account (or worldwide, for buckets). A
stack that hard-codes them can be deployed once: the second environment,
or the second pull request's preview, fails with "already exists", or
worse, two deployments fight over one resource. The seed had to add
`environment_suffix` to every name and to the IAM policies naming them.

What it does: declares `variable "environment_suffix"` (a string with a
description and a validation: lowercase letters, digits and hyphens) next
to `project_name` (in `variables.tf` when the module has one), and rewrites
the physical name of each resource (`bucket`, `name`, `function_name`,
`alarm_name`, ...) to `${var.project_name}-${var.environment_suffix}-<name>`:
`"${var.project_name}-artifacts"` gets the suffix after the project, a
literal `"orders"` gets both in front, and path-like names (`/aws/lambda/x`,
`alias/x`) get them in their last segment. ARNs and wildcard patterns in
the module (IAM policies, bucket policies) whose segments are one of the
renamed names, or a pattern matching one, follow. Names that are a plain
expression (`var.name`, another resource's name), that already use the
suffix (directly or through a local), and `name_prefix` are left alone:
they are a caller's choice or already unique. Resource addresses never
change: names are not addresses.

This is unsafe: changing a physical name replaces the resource (a new,
empty bucket or table; the old one is destroyed unless protected). Each
finding says so: move data first, or apply only to new environments. A
module without `variable "project_name"` is reported, not changed.

Option `default` (none by default) gives the new variable a default.

Example:

    +variable "environment_suffix" {
    +  description = "..."
    +  type        = string
    +  validation { ... }
    +}

     resource "aws_s3_bucket" "artifacts" {
    -  bucket = "${var.project_name}-artifacts"
    +  bucket = "${var.project_name}-${var.environment_suffix}-artifacts"
     }
"""

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        targets = []
        for type_, attribute_name in NAME_ATTRIBUTES.items():
            for path, block in ctx.resources(type_):
                attribute = block.body.attribute(attribute_name)
                if attribute is None or not _renamable(attribute.value, ctx):
                    continue
                targets.append((path, block, attribute))
        if not targets:
            return
        if ctx.analysis.variable(PROJECT) is None:
            path, block, attribute = targets[0]
            yield self.manual(
                path,
                attribute,
                f"{len(targets)} physical name(s) lack var.{SUFFIX}, but the module declares "
                f"no variable {PROJECT}: declare it, then run TF004 again",
            )
            return
        if ctx.analysis.variable(SUFFIX) is None:
            where = self._declare(ctx)
            yield self.fixed(
                where[0],
                where[1],
                f"declared variable {SUFFIX}; every deployment must now set it",
            )

        renames: dict[str, str] = {}
        for path, block, attribute in targets:
            if _is_project(attribute.value):
                old = "${var." + PROJECT + "}"
            else:
                old = _inner(attribute.value)  # type: ignore[arg-type]
            new = _with_suffix(old)
            renames[old] = new
            head, _tail = _split_path(old)
            if head:
                renames[old[len(head) :]] = new[len(head) :]
            edit.set_value(attribute, f'"{new}"')
            label = ".".join(block.labels)
            yield self.fixed(
                path,
                attribute,
                f'{label}: {attribute.name} is now "{new}"; renaming replaces the resource '
                f"(data in it is not moved): migrate it or deploy only to new environments",
            )

        for path, module in ctx.files.items():
            for node in list(module.walk()):
                if not isinstance(node, (n.TemplateString, n.Heredoc)):
                    continue
                code = node.code[len(node.first_token.pre) :]
                if "arn:" not in code:
                    continue
                new_code = _rewrite_arns(code, renames)
                if new_code != code:
                    parent = _parent_of(module, node)
                    if parent is None:
                        continue
                    edit.replace(parent, node, new_code)
                    yield self.fixed(
                        path, node, "ARN pattern follows the renamed resources' new names"
                    )

    def _declare(self, ctx: ModuleContext) -> tuple[str, n.Node]:
        """Add ``variable "environment_suffix"`` where variables live; (path, node)."""
        project = ctx.analysis.lookup(f"var.{PROJECT}")
        assert project is not None
        path = next((p for p in ctx.files if p.replace("\\", "/").endswith("/variables.tf")), None)
        if path is None or path == project.path:
            path, anchor = project.path, project.node
        else:
            variables = ctx.files[path].body.blocks_of_type("variable")
            anchor = variables[-1] if variables else None
        default = self.settings["default"]
        lines = [
            f'variable "{SUFFIX}" {{',
            '  description = "Suffix of every physical name (environment or pull request), '
            'so that several deployments can share an account"',
            "  type        = string",
        ]
        if default is not None:
            lines.append(f"  default     = {_quote(str(default))}")
        lines += [
            "",
            "  validation {",
            f'    condition     = can(regex("^[a-z0-9][a-z0-9-]{{0,19}}$", var.{SUFFIX}))',
            f'    error_message = "{SUFFIX} must be 1-20 lowercase letters, digits or hyphens."',
            "  }",
            "}",
        ]
        edit.insert(ctx.files[path], "\n".join(lines), after=anchor, blank_line=True)
        return project.path, project.node


def _renamable(value: n.Expression, ctx: ModuleContext) -> bool:
    """True for a name written here (a string) that does not use the suffix yet."""
    if _is_project(value):
        return True
    return (
        isinstance(value, n.TemplateString)
        and not _passthrough(value)
        and not _suffixed(value, ctx)
    )


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("${", "$${") + '"'


def _inner(template: n.TemplateString) -> str:
    """The source text between the quotes."""
    return "".join(part.code for part in template.parts)


def _is_project(expr: n.Expression) -> bool:
    """``var.project_name`` or ``"${var.project_name}"``: the project's name alone."""
    if isinstance(expr, n.TemplateString) and _passthrough(expr):
        expr = expr.parts[0].expr  # type: ignore[attr-defined]
    return isinstance(expr, n.Traversal) and expr.names() == ["var", PROJECT]


def _passthrough(template: n.TemplateString) -> bool:
    """``"${var.name}"``: the name is chosen elsewhere, not here."""
    parts = template.parts
    return len(parts) == 1 and isinstance(parts[0], n.Interpolation)


def _suffixed(template: n.TemplateString, ctx: ModuleContext) -> bool:
    """True when the name already uses the suffix, directly or through locals."""
    seen: set[str] = set()
    pending: list[n.Node] = [template]
    while pending:
        for trav in edit.traversals(pending.pop()):
            names = trav.names()
            if names[:2] == ["var", SUFFIX]:
                return True
            if names[0] == "local" and len(names) > 1 and names[1] and names[1] not in seen:
                seen.add(names[1])
                local = ctx.analysis.local(names[1])
                if local is not None:
                    pending.append(local.value)
            if names[0] not in ("var", "local", "each", "count", "path", "terraform", "data"):
                return True  # derived from another resource's name, which gets the suffix
    return False


def _outside(text: str) -> list[bool]:
    """For each character, True when it is outside ``${...}`` / ``%{...}``."""
    flags = []
    depth = 0
    for i, char in enumerate(text):
        opens = char == "{" and i > 0 and text[i - 1] in "$%"
        escaped = i > 1 and text[i - 2] == text[i - 1]
        if depth == 0 and opens and not escaped:
            flags[-1] = False  # the $ or %
            depth = 1
            flags.append(False)
            continue
        if depth:
            depth += {"{": 1, "}": -1}.get(char, 0)
            flags.append(False)
            continue
        flags.append(True)
    return flags


def _split_path(name: str) -> tuple[str, str]:
    """``/aws/lambda/x`` -> (``/aws/lambda/``, ``x``): the last ``/`` outside interpolations."""
    flags = _outside(name)
    for i in range(len(name) - 1, -1, -1):
        if name[i] == "/" and flags[i]:
            return name[: i + 1], name[i + 1 :]
    return "", name


def _with_suffix(name: str) -> str:
    head, tail = _split_path(name)
    project = "${var." + PROJECT + "}"
    suffix = "${var." + SUFFIX + "}"
    if tail.startswith(project):
        rest = tail[len(project) :].lstrip("-_")
        return f"{head}{project}-{suffix}" + (f"-{rest}" if rest else "")
    return f"{head}{project}-{suffix}-{tail}"


def _glob(pattern: str, name: str) -> bool:
    regex = ".*".join(re.escape(piece) for piece in pattern.split("*"))
    return re.fullmatch(regex, name) is not None


def _rewrite_arns(code: str, renames: dict[str, str]) -> str:
    """Rename the ARN segments of ``code`` that are, or match, a renamed name."""
    if not renames:
        return code
    flags = _outside(code)
    out: list[str] = []
    start = 0
    boundaries = set(':/"\n ,[]')
    for i in range(len(code) + 1):
        if i < len(code) and not (code[i] in boundaries and flags[i]):
            continue
        segment = code[start:i]
        out.append(_rename_segment(segment, renames))
        if i < len(code):
            out.append(code[i])
        start = i + 1
    return "".join(out)


def _rename_segment(segment: str, renames: dict[str, str]) -> str:
    if not segment or segment in _ARN_WORDS or "environment_suffix" in segment:
        return segment
    if segment in renames:
        return renames[segment]
    if "*" in segment and segment.strip("*") and any(_glob(segment, old) for old in renames):
        return _with_suffix(segment)
    return segment


def _parent_of(module: n.Module, target: n.Node) -> n.Node | None:
    for node in module.walk():
        if any(child is target for child in node.children):
            return node
    return None
