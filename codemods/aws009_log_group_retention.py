"""AWS009 log-group-retention: CloudWatch log groups say how long they keep logs."""

from __future__ import annotations

from tffix.cst import edit
from tffix.cst import matchers as m
from tffix.cst.placement import insert_attribute
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Option, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from tffix.analysis.evaluate import Evaluator

_ATTRIBUTE = "retention_in_days"
# The only retention periods CloudWatch Logs accepts; 0 means "never expire".
ACCEPTED = (
    0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
    1827, 2192, 2557, 2922, 3288, 3653,
)  # fmt: skip
_NEVER = 0
# Attributes after which a person would write retention_in_days, best first.
_ANCHORS = ("name", "name_prefix")


class LogGroupRetention(Codemod):
    """Every ``aws_cloudwatch_log_group`` gets a ``retention_in_days``."""

    code = "AWS009"
    name = "log-group-retention"
    summary = "CloudWatch log groups expire their logs after a set number of days"
    seed_section = "Infrastructure Improvements §2 Improved Reliability, §4 Cost Optimization"
    documentation = (
        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html",
    )
    checks = ("CKV_AWS_66",)
    safety = Safety.SAFE
    options = (
        Option(
            "days",
            14,
            "retention given to log groups that have none; one of the values CloudWatch "
            "Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, ... 3653)",
            choices=ACCEPTED,
        ),
    )
    explanation = """\
Why: a log group without `retention_in_days` keeps every event forever, and
CloudWatch Logs bills each GB stored every month, so a chatty Lambda or API
quietly grows a bill nobody reviews. Fourteen days keeps what debugging
needs. checkov CKV_AWS_66 asks only that some retention is set
(any value passes); CKV_AWS_338 wants at least 365 days (or 0), so set the
option `days = 365` where audit rules require a year of logs.

What it does: adds `retention_in_days = 14` (option `days`) after `name` (or
`name_prefix`, else the group's last argument), and replaces a literal
`null`. A literal the service does not accept (`10`) would fail at apply; it
is raised to the next accepted value (`14`), never lowered, and a value
above the maximum is reported instead. A literal `0` means "never expire":
it is a deliberate choice that both checks accept, so it is kept and not
reported. A value given by an expression (`var.log_retention`) is not
overwritten: when its value cannot be worked out statically, or works out to
`null` or to a value the service rejects, the finding names the expression
and, for a variable with a literal default, says what to change. Groups
created with `count` or `for_each`, and comments, are handled like any other.

Example:

    resource "aws_cloudwatch_log_group" "lambda" {
      name              = "/aws/lambda/${var.function_name}"
    +  retention_in_days = 14
    }
"""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        days = self.settings["days"]
        if isinstance(days, bool) or days not in ACCEPTED:
            raise ValueError(
                f"{self.code}: days = {days!r} is not a retention CloudWatch Logs accepts "
                f"({', '.join(map(str, ACCEPTED))})"
            )

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        from tffix.analysis.evaluate import Evaluator

        days = self.settings["days"]
        evaluator = Evaluator(ctx.analysis)
        for path, group in ctx.resources("aws_cloudwatch_log_group"):
            label = ".".join(group.labels)
            retention = group.body.attribute(_ATTRIBUTE)
            if retention is None:
                insert_attribute(group, f"{_ATTRIBUTE} = {days}", _ANCHORS)
                yield self.fixed(
                    path, group, f"{label}: no retention (logs never expire); set {days} days"
                )
                continue
            value = retention.value
            if m.Literal(None).matches(value):
                edit.set_value(retention, str(days))
                yield self.fixed(
                    path, retention, f"{label}: retention was null (never expire); set {days} days"
                )
                continue
            literal = _literal_number(value)
            if literal is not None:
                if literal in ACCEPTED:
                    continue  # 0 included: "never expire" on purpose
                accepted = _round_up(literal)
                if accepted is None:
                    yield self.manual(
                        path,
                        retention,
                        f"{label}: CloudWatch Logs does not accept a retention of "
                        f"{_number(literal)} days; the longest is 3653 (or 0 to never expire)",
                    )
                else:
                    edit.set_value(retention, str(accepted))
                    yield self.fixed(
                        path,
                        retention,
                        f"{label}: CloudWatch Logs does not accept a retention of "
                        f"{_number(literal)} days; raised it to {accepted}",
                    )
                continue
            message = _expression_message(evaluator, value, label, days)
            if message is not None:
                yield self.manual(path, retention, message)


def _literal_number(expr: n.Expression) -> float | None:
    """The number written as ``expr`` (``14``, ``-1``, ``"14"``), or None."""
    if isinstance(expr, n.Number):
        return expr.value
    if isinstance(expr, n.Unary) and expr.operator == "-" and isinstance(expr.operand, n.Number):
        return -expr.operand.value
    if isinstance(expr, n.TemplateString) and expr.is_literal:
        try:
            number = float(expr.literal_value())
        except ValueError:
            return None
        return int(number) if number.is_integer() else number
    return None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _round_up(value: float) -> int | None:
    """The smallest accepted retention above ``value`` (never 0), or None past the maximum."""
    return next((a for a in ACCEPTED if a > value and a != _NEVER), None)


def _expression_message(
    evaluator: Evaluator, expr: n.Expression, label: str, days: int
) -> str | None:
    """What to say about a retention computed by ``expr``, or None when it is fine."""
    from tffix.analysis.describe import hcl, source, variable_name
    from tffix.analysis.evaluate import UNKNOWN

    text = source(expr)
    value: Any = _as_number(evaluator.value(expr))
    if value is not UNKNOWN and not isinstance(value, bool) and value in ACCEPTED:
        return None  # a retention the service accepts, whoever overrides it
    name = variable_name(expr)
    if name is not None:
        default = _as_number(evaluator.variable_default(name))
        message = f"{label}: retention depends on `{text}`"
        if default is UNKNOWN:
            return message + f" (variable {name} has no literal default); make sure it is set"
        if default is None:
            return (
                message + f" (variable {name} defaults to null, so logs never expire: "
                f"make the default {days})"
            )
        suggestion = _suggest(default, days)
        return (
            message + f" (variable {name} defaults to {hcl(default)}, which CloudWatch Logs "
            f"does not accept: make that {suggestion})"
        )
    if value is None:
        return (
            f"{label}: retention depends on `{text}`, which is null (logs never expire); "
            f"make it {days}"
        )
    if value is not UNKNOWN:
        return (
            f"{label}: retention depends on `{text}`, which is {hcl(value)}; CloudWatch Logs "
            f"does not accept that: make it {_suggest(value, days)}"
        )
    return (
        f"{label}: retention depends on `{text}`; make sure it is never null "
        f"(logs would never expire) and is a value CloudWatch Logs accepts, e.g. {days}"
    )


def _as_number(value: Any) -> Any:
    """Terraform converts ``"14"`` to ``14`` where a number is expected; so does this."""
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    return value


def _suggest(value: Any, days: int) -> int:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        rounded = _round_up(value)
        if rounded is not None:
            return rounded
    return days
