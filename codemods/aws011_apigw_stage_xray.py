"""AWS011 apigw-stage-xray: REST API stages send traces to AWS X-Ray."""

from __future__ import annotations

from tffix.analysis.roots import library_module
from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.cst.placement import insert_attribute
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from tffix.analysis.evaluate import Evaluator

_ATTRIBUTE = "xray_tracing_enabled"
# Attributes after which a person would write xray_tracing_enabled, best first.
_ANCHORS = ("stage_name", "deployment_id", "rest_api_id")
_TRUE = m.Literal(True) | m.Literal("true")
_FALSE = m.Literal(False) | m.Literal("false")


class ApiGatewayStageXray(Codemod):
    """Every ``aws_api_gateway_stage`` gets ``xray_tracing_enabled = true``."""

    code = "AWS011"
    name = "apigw-stage-xray"
    summary = "API Gateway REST API stages have X-Ray tracing enabled"
    seed_section = "Infrastructure Improvements §3 Better Observability"
    documentation = (
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html",
    )
    checks = ("CKV_AWS_73",)
    safety = Safety.SAFE
    explanation = """\
Why: without X-Ray, a slow or failing request through API Gateway can only be
followed by correlating logs by hand; with it, each request becomes one trace
from the stage through the Lambda functions and AWS services behind it
(AWS010 does the same for functions). checkov CKV_AWS_73 fails every stage
that leaves it off (the provider's default).
Tracing samples requests (5% after the first each second, by default), so it
costs little and changes nothing about how the API answers.

What it does: adds `xray_tracing_enabled = true` after `stage_name` (or
`deployment_id`, `rest_api_id`, else the stage's last argument), or replaces
a literal `null`. An explicit `false` is the author's decision (tracing
costs money per sampled request) and is reported, not flipped. A value
given by an expression (`var.tracing`) is not overwritten: the finding
names the expression and, when it is a variable with a literal default,
says what to change; a variable that defaults to true is left alone. A stage
created by an `aws_api_gateway_deployment`'s `stage_name` is reported: the
deployment has no argument for tracing, and the stage has to move into an
`aws_api_gateway_stage` (an import) first. Stages
created with `count` or `for_each` are fixed like any other; nested and
`dynamic` blocks (`access_log_settings`, ...) and comments stay where they
are.

Fix safety: safe. API Gateway sends the traces itself, through its
service-linked role (AWSServiceRoleForAPIGateway), so no IAM permission
has to be added to the module, and tracing does not change how the API
answers
(https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html).
What it could break: nothing at apply; X-Ray bills the traces it records
(the default sampling rule records the first request each second and 5% of
the rest). It checks first: the value already written (literal, variable
default) and an explicit `false`, which it leaves alone, and whether the
directory is a module made to be called (tffix.analysis.roots): there it
changes nothing, since every caller's stage would be traced with no input
to opt out, and suggests the input instead.

Example:

    resource "aws_api_gateway_stage" "prod" {
      deployment_id        = aws_api_gateway_deployment.main.id
      rest_api_id          = aws_api_gateway_rest_api.main.id
      stage_name           = "prod"
    +  xray_tracing_enabled = true
    }

The `=` of the attribute group is realigned, as `terraform fmt` would.
"""

    def triggers(self, ctx: ModuleContext) -> Iterable[tuple[str, n.Block]]:
        """Every stage, and every deployment that creates a stage of its own
        (``stage_name``), which no ``aws_api_gateway_stage`` can trace."""
        yield from ctx.targets("aws_api_gateway_stage")
        yield from _deployment_stages(ctx)

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        from tffix.analysis.evaluate import Evaluator

        evaluator = Evaluator(ctx.analysis)
        for path, deployment in _deployment_stages(ctx):
            stage_name = deployment.body.attribute("stage_name")
            assert stage_name is not None
            yield self.manual(
                path,
                stage_name,
                f"{'.'.join(deployment.labels)}: the stage {stage_name.value.code.strip()} is "
                "created by the deployment's stage_name, and aws_api_gateway_deployment has "
                "no argument for X-Ray tracing, so its requests are not traced; declare the "
                "stage as an aws_api_gateway_stage with xray_tracing_enabled = true instead, "
                "where the provider manages stages "
                "(https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/"
                "api_gateway_stage), and import the existing stage into it (API Gateway "
                "refuses a second stage of the same name)",
            )
        library: str | None = None  # why callers would get the change ("" if none), once asked
        for path, stage in ctx.targets("aws_api_gateway_stage"):
            label = ".".join(stage.labels)
            tracing = stage.body.attribute(_ATTRIBUTE)
            unset = tracing is None or m.Literal(None).matches(tracing.value)
            if unset and library is None:
                library = library_module(ctx.directory, ctx.files, ctx.analysis) or ""
            if unset and library:
                yield self.manual(
                    path,
                    stage if tracing is None else tracing,
                    f"{label}: X-Ray tracing not enabled here: this directory {library}, and "
                    "tracing (billed per trace recorded, https://aws.amazon.com/xray/pricing/) "
                    "would change every caller's stage with no way to opt out; add an input "
                    f'(variable "xray_tracing_enabled", default false, today\'s behaviour) set '
                    f"as {_ATTRIBUTE} = var.xray_tracing_enabled; callers opt in",
                )
            elif tracing is None:
                insert_attribute(stage, f"{_ATTRIBUTE} = true", _ANCHORS)
                yield self.fixed(path, stage, f"{label}: enabled X-Ray tracing")
            elif m.Literal(None).matches(tracing.value):
                edit.set_value(tracing, "true")
                yield self.fixed(path, tracing, f"{label}: X-Ray tracing was null; enabled it")
            elif _FALSE.matches(tracing.value):
                yield self.manual(
                    path,
                    tracing,
                    f"{label}: X-Ray tracing is turned off explicitly; left as chosen. Set "
                    f"{_ATTRIBUTE} = true to follow requests through the API (checkov CKV_AWS_73)",
                )
            elif _TRUE.matches(tracing.value):
                yield self.fine(path, tracing, f"{label}: X-Ray tracing is enabled")
            else:
                message = _expression_message(evaluator, tracing.value, label)
                if message is None:
                    yield self.fine(path, tracing, f"{label}: X-Ray tracing is true by default")
                else:
                    yield self.manual(path, tracing, message)


def _expression_message(evaluator: Evaluator, expr: n.Expression, label: str) -> str | None:
    """What to say about a value computed by ``expr``, or None when it is true anyway."""
    from tffix.analysis.describe import depends_on, variable_note

    if evaluator.value(expr) is True:
        return None  # true unless someone overrides it: nothing to say
    note = variable_note(evaluator, expr, "true")
    return depends_on(f"{label}: X-Ray tracing", expr, "true", note)


def _deployment_stages(ctx: ModuleContext) -> list[tuple[str, n.Block]]:
    """REST API deployments that create a stage themselves (``stage_name`` set, not ""
    or null): that stage has no ``aws_api_gateway_stage``, so nothing else traces it."""
    found = []
    for path, deployment in ctx.targets("aws_api_gateway_deployment"):
        stage_name = deployment.body.attribute("stage_name")
        if stage_name is None or m.Literal(None).matches(stage_name.value):
            continue
        if m.string_value(stage_name.value) == "":
            continue
        found.append((path, deployment))
    return found
