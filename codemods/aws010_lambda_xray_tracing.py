"""AWS010 lambda-xray-tracing: Lambda functions record X-Ray traces."""

from __future__ import annotations

from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from tffix.analysis.evaluate import Evaluator

_BLOCK = "tracing_config"
_ACTIVE = "Active"
_SNIPPET = f'{_BLOCK} {{\n  mode = "{_ACTIVE}"\n}}'
# Items that close a resource body by convention (the style guide puts
# meta-arguments last); a new nested block goes before them.
_TRAILING_BLOCKS = ("lifecycle", "provisioner", "connection")
_TRAILING_ATTRIBUTES = ("depends_on",)


class LambdaXrayTracing(Codemod):
    """Every ``aws_lambda_function`` gets ``tracing_config { mode = "Active" }``."""

    code = "AWS010"
    name = "lambda-xray-tracing"
    summary = "Lambda functions sample and record requests with X-Ray (active tracing)"
    seed_section = "Infrastructure Improvements §3 Better Observability"
    checks = ("CKV_AWS_50",)
    safety = Safety.SAFE
    explanation = """\
Why: with active tracing a function samples its invocations and sends
X-Ray a segment for each, so a slow call to DynamoDB or a cold start shows
up in the same trace as the API Gateway request that caused it. The default,
`PassThrough`, only forwards a trace that an upstream service already
started, so a function invoked by a queue, a schedule or a plain API call is
never traced. The seed stack enabled tracing on API Gateway and Lambda
together (see AWS011). checkov CKV_AWS_50 fails a function with no
`tracing_config` block. The function's role also needs permission to send
traces (`xray:PutTraceSegments`, `xray:PutTelemetryRecords`, as in the
managed policy AWSXRayDaemonWriteAccess): Lambda refuses the change when
the role lacks them, so check the role before applying.

What it does: adds

    tracing_config {
      mode = "Active"
    }

to each function that has none, after its last nested block (or after its
arguments when it has no nested block), separated by a blank line, and
before `lifecycle`, `provisioner` and a trailing `depends_on`, which by
convention close a resource. A `mode` of `"PassThrough"` (or any literal
other than `"Active"`) becomes `"Active"`; a block without `mode` gets one.
A `dynamic "tracing_config"` block is the author's own configuration and is
left alone. A mode given by an expression (`var.tracing_mode`) is not
overwritten: the finding names the expression and, for a variable with a
literal default, says what to change; a variable that defaults to "Active"
is left alone. Functions created with `count` or `for_each` are fixed like
any other, and comments stay where they were.

Example:

    resource "aws_lambda_function" "api" {
      function_name = "api"
      runtime       = "python3.12"
      handler       = "app.handler"

      environment {
        variables = { TABLE = aws_dynamodb_table.main.name }
      }
    +
    +  tracing_config {
    +    mode = "Active"
    +  }
    }
"""

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        from tffix.analysis.evaluate import Evaluator

        evaluator = Evaluator(ctx.analysis)
        for path, function in ctx.resources("aws_lambda_function"):
            label = ".".join(function.labels)
            body = function.body
            if body.blocks_of_type("dynamic", _BLOCK):
                continue  # configured by the author, possibly per instance
            configs = body.blocks_of_type(_BLOCK)
            if not configs:
                _insert_block(function, _SNIPPET)
                yield self.fixed(path, function, f"{label}: enabled active X-Ray tracing")
                continue
            config = configs[0]
            mode = config.body.attribute("mode")
            if mode is None:
                edit.insert(config, f'mode = "{_ACTIVE}"')
                yield self.fixed(path, config, f"{label}: tracing_config had no mode; set Active")
            elif m.Literal(_ACTIVE).matches(mode.value):
                continue
            elif _is_literal(mode.value):
                old = mode.value.code.strip()
                edit.set_value(mode, f'"{_ACTIVE}"')
                yield self.fixed(path, mode, f"{label}: tracing mode was {old}; set Active")
            else:
                message = _expression_message(evaluator, mode.value, label)
                if message is not None:
                    yield self.manual(path, mode, message)


def _is_literal(expr: n.Expression) -> bool:
    """A string without interpolation, or ``null``: a value that can be replaced as is."""
    if isinstance(expr, n.TemplateString):
        return expr.is_literal
    return isinstance(expr, n.Literal) and expr.value is None


def _expression_message(evaluator: Evaluator, expr: n.Expression, label: str) -> str | None:
    """What to say about a mode computed by ``expr``, or None when it is Active anyway."""
    from tffix.analysis.evaluate import UNKNOWN

    text = expr.code.strip()
    if evaluator.value(expr) == _ACTIVE:
        return None  # Active unless someone overrides it: nothing to say
    message = f'{label}: tracing mode depends on `{text}`; make it "{_ACTIVE}"'
    name = _variable_name(expr)
    if name is not None:
        default: Any = evaluator.variable_default(name)
        if default is UNKNOWN:
            message += f" (variable {name} has no literal default)"
        else:
            message += f' (variable {name} defaults to {_hcl(default)}: make that "{_ACTIVE}")'
    return message


def _variable_name(expr: n.Expression) -> str | None:
    """``NAME`` when ``expr`` is exactly ``var.NAME``."""
    if isinstance(expr, n.Traversal):
        names = expr.names()
        if len(names) == 2 and names[0] == "var" and names[1] is not None:
            return names[1]
    return None


def _hcl(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def _is_trailing(item: n.Attribute | n.Block) -> bool:
    if isinstance(item, n.Block):
        return item.type in _TRAILING_BLOCKS
    return item.name in _TRAILING_ATTRIBUTES


def _insert_block(function: n.Block, text: str) -> None:
    """Insert a nested block where a person would, separated by blank lines.

    After the last nested block that is not a closing meta-argument
    (``lifecycle``, ...); without one, after the last argument that is not
    ``depends_on``; in an empty body, as its only item.
    """
    items = function.body.items
    ordinary = [item for item in items if not _is_trailing(item)]
    blocks = [item for item in ordinary if isinstance(item, n.Block)]
    if blocks:
        new = edit.insert(function, text, after=blocks[-1], blank_line=True)
    elif ordinary:
        new = edit.insert(function, text, after=ordinary[-1], blank_line=True)
    elif items:
        new = edit.insert(function, text, before=items[0])
    else:
        edit.append(function, text)
        return
    _blank_line_after(function, new)


def _blank_line_after(block: n.Block, new: n.Attribute | n.Block) -> None:
    """Separate the item that follows ``new`` (if any) from it by a blank line.

    A blank line splits an attribute group, so the attributes on both sides
    may need their ``=`` realigned. The runner lays out only the lines an edit
    changed (and their paragraph), so the neighbours' padding is reset to one
    space to make their lines "changed"; the runner then aligns them as
    ``terraform fmt`` would.
    """
    items = block.body.items
    i = next(k for k, item in enumerate(items) if item is new)
    if i > 0:
        _touch_alignment(items[i - 1])
    if i + 1 >= len(items):
        return
    following = items[i + 1]
    _touch_alignment(following)
    token = following.first_token
    pre = token.pre
    if "\n" in pre and not pre.split("\n", 1)[0].strip():
        return  # already separated
    token.pre = edit.newline_of(block) + pre


def _touch_alignment(item: n.Attribute | n.Block) -> None:
    if isinstance(item, n.Attribute) and not item.equals.pre.strip():
        item.equals.pre = " "
