"""AWS010 lambda-xray-tracing: Lambda functions record X-Ray traces."""

from __future__ import annotations

from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.cst.placement import insert_nested_block
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from tffix.analysis.evaluate import Evaluator

_BLOCK = "tracing_config"
_ACTIVE = "Active"
_SNIPPET = f'{_BLOCK} {{\n  mode = "{_ACTIVE}"\n}}'
# A mode that can be replaced as it is: a plain string, or null.
_REPLACEABLE = m.String() | m.Literal(None)


class LambdaXrayTracing(Codemod):
    """Every ``aws_lambda_function`` gets ``tracing_config { mode = "Active" }``."""

    code = "AWS010"
    name = "lambda-xray-tracing"
    summary = "Lambda functions sample and record requests with X-Ray (active tracing)"
    seed_section = "Infrastructure Improvements §3 Better Observability"
    documentation = ("https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html",)
    checks = ("CKV_AWS_50",)
    safety = Safety.SAFE
    explanation = """\
Why: with active tracing a function samples its invocations and sends
X-Ray a segment for each, so a slow call to DynamoDB or a cold start shows
up in the same trace as the API Gateway request that caused it. The default,
`PassThrough`, only forwards a trace that an upstream service already
started, so a function invoked by a queue, a schedule or a plain API call is
never traced. Enable tracing on API Gateway and Lambda together (see
AWS011). checkov CKV_AWS_50 fails a function with no
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
                insert_nested_block(function, _SNIPPET)
                yield self.fixed(path, function, f"{label}: enabled active X-Ray tracing")
                continue
            config = configs[0]
            mode = config.body.attribute("mode")
            if mode is None:
                edit.insert(config, f'mode = "{_ACTIVE}"')
                yield self.fixed(path, config, f"{label}: tracing_config had no mode; set Active")
            elif m.Literal(_ACTIVE).matches(mode.value):
                continue
            elif _REPLACEABLE.matches(mode.value):
                old = mode.value.code.strip()
                edit.set_value(mode, f'"{_ACTIVE}"')
                yield self.fixed(path, mode, f"{label}: tracing mode was {old}; set Active")
            else:
                message = _expression_message(evaluator, mode.value, label)
                if message is not None:
                    yield self.manual(path, mode, message)


def _expression_message(evaluator: Evaluator, expr: n.Expression, label: str) -> str | None:
    """What to say about a mode computed by ``expr``, or None when it is Active anyway."""
    from tffix.analysis.describe import depends_on, variable_note

    if evaluator.value(expr) == _ACTIVE:
        return None  # Active unless someone overrides it: nothing to say
    want = f'"{_ACTIVE}"'
    return depends_on(f"{label}: tracing mode", expr, want, variable_note(evaluator, expr, want))
