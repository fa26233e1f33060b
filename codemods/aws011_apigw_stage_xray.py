"""AWS011 apigw-stage-xray: REST API stages send traces to AWS X-Ray."""

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

_ATTRIBUTE = "xray_tracing_enabled"
# Attributes after which a person would write xray_tracing_enabled, best first.
_ANCHORS = ("stage_name", "deployment_id", "rest_api_id")
# Meta-arguments: new settings never go next to these unless nothing else is there.
_LEADING_META = ("count", "for_each", "provider")
_TRAILING_META = ("depends_on",)
_TAGS = ("tags", "tags_all")
_TRUE = m.Literal(True) | m.Literal("true")
_FALSE = m.Literal(False) | m.Literal("false") | m.Literal(None)


class ApiGatewayStageXray(Codemod):
    """Every ``aws_api_gateway_stage`` gets ``xray_tracing_enabled = true``."""

    code = "AWS011"
    name = "apigw-stage-xray"
    summary = "API Gateway REST API stages have X-Ray tracing enabled"
    seed_section = "Infrastructure Improvements §3 Better Observability"
    checks = ("CKV_AWS_73",)
    safety = Safety.SAFE
    explanation = """\
Why: without X-Ray, a slow or failing request through API Gateway can only be
followed by correlating logs by hand; with it, each request becomes one trace
from the stage through the Lambda functions and AWS services behind it. The
seed stack turned tracing on for API Gateway and Lambda together; checkov
CKV_AWS_73 fails every stage that leaves it off (the provider's default).
Tracing samples requests (5% after the first each second, by default), so it
costs little and changes nothing about how the API answers.

What it does: adds `xray_tracing_enabled = true` after `stage_name` (or
`deployment_id`, `rest_api_id`, else the stage's last argument), or turns a
literal `false` (or `null`) into `true`. A value given by an expression
(`var.tracing`) is not overwritten: the finding names the expression and,
when it is a variable with a literal default, says what to change; a
variable that defaults to true is left alone. Stages created with `count` or
`for_each` are fixed like any other; nested and `dynamic` blocks
(`access_log_settings`, ...) and comments stay where they are.

Example:

    resource "aws_api_gateway_stage" "prod" {
      deployment_id        = aws_api_gateway_deployment.main.id
      rest_api_id          = aws_api_gateway_rest_api.main.id
      stage_name           = "prod"
    +  xray_tracing_enabled = true
    }

The `=` of the attribute group is realigned, as `terraform fmt` would.
"""

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        from tffix.analysis.evaluate import Evaluator

        evaluator = Evaluator(ctx.analysis)
        for path, stage in ctx.resources("aws_api_gateway_stage"):
            label = ".".join(stage.labels)
            tracing = stage.body.attribute(_ATTRIBUTE)
            if tracing is None:
                _insert_attribute(stage, f"{_ATTRIBUTE} = true", _ANCHORS)
                yield self.fixed(path, stage, f"{label}: enabled X-Ray tracing")
            elif _FALSE.matches(tracing.value):
                old = tracing.value.code.strip()
                edit.set_value(tracing, "true")
                yield self.fixed(path, tracing, f"{label}: X-Ray tracing was {old}; enabled it")
            elif not _TRUE.matches(tracing.value):
                message = _expression_message(evaluator, tracing.value, label)
                if message is not None:
                    yield self.manual(path, tracing, message)


def _expression_message(evaluator: Evaluator, expr: n.Expression, label: str) -> str | None:
    """What to say about a value computed by ``expr``, or None when it is true anyway."""
    from tffix.analysis.evaluate import UNKNOWN

    text = expr.code.strip()
    value: Any = evaluator.value(expr)
    if value is True:
        return None  # true unless someone overrides it: nothing to say
    message = f"{label}: X-Ray tracing depends on `{text}`; make it true"
    name = _variable_name(expr)
    if name is not None:
        default = evaluator.variable_default(name)
        if default is UNKNOWN:
            message += f" (variable {name} has no literal default)"
        else:
            message += f" (variable {name} defaults to {_hcl(default)}: make that true)"
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


def _insert_attribute(block: n.Block, text: str, anchors: tuple[str, ...]) -> None:
    """Insert ``text`` where a person would: after an anchor, else among the arguments.

    Without an anchor it goes after the last ordinary argument (before
    ``tags``, which people keep last); with only meta-arguments, after them
    and a blank line; in an empty block, as its only line.
    """
    body = block.body
    for name in anchors:
        anchor = body.attribute(name)
        if anchor is not None:
            edit.insert(block, text, after=anchor)
            return
    plain = [
        a
        for a in body.attributes
        if a.name not in _LEADING_META + _TRAILING_META and a.name not in _TAGS
    ]
    if plain:
        edit.insert(block, text, after=plain[-1])
        return
    tags = [a for a in body.attributes if a.name in _TAGS]
    if tags:
        edit.insert(block, text, before=tags[0])
        return
    leading = [a for a in body.attributes if a.name in _LEADING_META]
    if leading:
        new = edit.insert(block, text, after=leading[-1], blank_line=True)
        _blank_line_after(block, new)
        return
    items = body.items
    if items:
        new = edit.insert(block, text, before=items[0])
        _blank_line_after(block, new)
        return
    edit.append(block, text)


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
