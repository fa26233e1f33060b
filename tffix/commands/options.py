"""Command-line options shared by several commands, so that they read the same."""

from __future__ import annotations

from typing import Annotated

import typer

SelectOption = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        help="Codes, names or prefixes to run (AWS003, AWS, ALL), instead of the default set.",
    ),
]
ExtendSelectOption = Annotated[
    list[str] | None,
    typer.Option(
        "--extend-select",
        help="Codes, names or prefixes to run as well (TF001, formatting, is opt-in).",
    ),
]
IgnoreOption = Annotated[
    list[str] | None, typer.Option("--ignore", help="Codes, names or prefixes to skip.")
]
UnsafeOption = Annotated[
    bool,
    typer.Option(
        "--unsafe-fixes",
        help="Also apply the fixes marked unsafe (they may rename or replace real "
        "infrastructure). Without it, selected unsafe codemods report fixable findings only.",
    ),
]
