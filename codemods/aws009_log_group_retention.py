"""AWS009 log-group-retention: CloudWatch log groups say how long they keep logs."""

from __future__ import annotations

from tffix.cst import edit
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
_LEADING_META = ("count", "for_each", "provider")
_TRAILING_META = ("depends_on",)
_TAGS = ("tags", "tags_all")


class LogGroupRetention(Codemod):
    """Every ``aws_cloudwatch_log_group`` gets a ``retention_in_days``."""

    code = "AWS009"
    name = "log-group-retention"
    summary = "CloudWatch log groups expire their logs after a set number of days"
    seed_section = "Infrastructure Improvements §2 Improved Reliability, §4 Cost Optimization"
    checks = ("CKV_AWS_66",)
    safety = Safety.SAFE
    options = (
        Option(
            "days",
            14,
            "retention given to log groups that have none; one of the values CloudWatch "
            "Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, ... 3653)",
        ),
    )
    explanation = """\
Why: a log group without `retention_in_days` keeps every event forever, and
CloudWatch Logs bills each GB stored every month, so a chatty Lambda or API
quietly grows a bill nobody reviews. The seed stack set 14 days on every
group it created. checkov CKV_AWS_66 asks only that some retention is set
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
                _insert_attribute(group, f"{_ATTRIBUTE} = {days}", _ANCHORS)
                yield self.fixed(
                    path, group, f"{label}: no retention (logs never expire); set {days} days"
                )
                continue
            value = retention.value
            if isinstance(value, n.Literal) and value.value is None:
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
    from tffix.analysis.evaluate import UNKNOWN

    text = expr.code.strip()
    value: Any = _as_number(evaluator.value(expr))
    if value is not UNKNOWN and not isinstance(value, bool) and value in ACCEPTED:
        return None  # a retention the service accepts, whoever overrides it
    name = _variable_name(expr)
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
            message + f" (variable {name} defaults to {_hcl(default)}, which CloudWatch Logs "
            f"does not accept: make that {suggestion})"
        )
    if value is None:
        return (
            f"{label}: retention depends on `{text}`, which is null (logs never expire); "
            f"make it {days}"
        )
    if value is not UNKNOWN:
        return (
            f"{label}: retention depends on `{text}`, which is {_hcl(value)}; CloudWatch Logs "
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
