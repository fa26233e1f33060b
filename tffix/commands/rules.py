"""``tffix rules``: the codemod catalog, as a table or as JSON."""

from __future__ import annotations

import json
from enum import Enum

import click

from tffix.commands.options import command


class RulesFormat(str, Enum):
    text = "text"
    json = "json"


def option_json(option: object) -> dict[str, object]:
    """An option as data: name, default, help, and the values it accepts."""
    from tffix.engine.codemod import Option

    assert isinstance(option, Option)
    data: dict[str, object] = {
        "name": option.name,
        "default": list(option.default) if isinstance(option.default, tuple) else option.default,
        "help": option.help,
        "type": {bool: "boolean", int: "integer", str: "string", list: "array"}.get(
            option.kind, option.kind.__name__
        ),
        "accepts": option.describe(),
    }
    if option.choices:
        data["choices"] = list(option.choices)
    if option.minimum is not None:
        data["minimum"] = option.minimum
    if option.maximum is not None:
        data["maximum"] = option.maximum
    return data


@command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice([f.value for f in RulesFormat]),
    default=RulesFormat.text.value,
    show_default=True,
    help="Output format.",
)
@click.option("--json", "as_json", is_flag=True, hidden=True, help="Deprecated: use --format json.")
def rules_command(output_format: str, as_json: bool) -> None:
    """List every codemod: code, name, safety, whether it runs by default, and summary."""
    from tffix.engine.registry import all_codemods

    codemods = all_codemods()
    if as_json or output_format == RulesFormat.json.value:
        rows = [
            {
                "code": c.code,
                "name": c.name,
                "summary": c.summary,
                "safety": c.safety.value,
                "default": c.default_selected,
                "checks": list(c.checks),
                "options": [option_json(o) for o in c.options],
            }
            for c in codemods
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    for c in codemods:
        checks = f" ({', '.join(c.checks)})" if c.checks else ""
        opt_in = "" if c.default_selected else " [opt-in]"
        click.echo(f"{c.code:<7} {c.name:<28} {c.safety.value:<7} {c.summary}{checks}{opt_in}")
