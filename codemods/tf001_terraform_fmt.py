"""TF001 terraform-fmt: every file the run touches ends up `terraform fmt` clean."""

from __future__ import annotations

from tffix.cst.format import format_module
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety
from tffix.syntax.parser import parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator


class TerraformFmt(Codemod):
    """Canonical formatting, byte for byte what ``terraform fmt`` writes."""

    code = "TF001"
    name = "terraform-fmt"
    summary = "Format files exactly as `terraform fmt` does"
    seed_section = "§12 formatting was part of the fix"
    documentation = ("https://developer.hashicorp.com/terraform/cli/commands/fmt",)
    safety = Safety.SAFE
    default_selected = False
    explanation = """\
Why: CI often runs `terraform fmt -check`, and a file that is not formatted
fails it. Formatting changes no behaviour. Opt-in (`--extend-select TF001`):
`tffix fmt` is the formatter, and a fix should not carry a reformatting of
unrelated lines into review; tffix lays out its own edits as `terraform fmt`
would either way.

What it does: rewrites each file of the module to exactly the bytes
`terraform fmt` (1.11) would write: indentation, spacing, `=` alignment,
`"${x}"` unwrapped to `x`, legacy quoted variable types unquoted. Other
codemods' edits are already laid out this way; this one also tidies the rest
of the file. Run with `--ignore TF001` to keep a diff to the other fixes
alone.

One deliberate difference: block labels containing `$` or `%` are kept;
terraform fmt 1.11 deletes them, which changes the configuration.

Example:

    -resource "aws_s3_bucket" "b" {
    -    bucket = "${var.name}"
    +resource "aws_s3_bucket" "b" {
    +  bucket = var.name
     }
"""

    def __init__(self, **options: object) -> None:
        super().__init__(**options)
        # Trees already found formatted: the runner keeps a tree object as
        # long as nothing changes it, so the next round need not format again.
        self._clean: dict[int, object] = {}

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        for path, module in list(ctx.files.items()):
            if self._clean.get(id(module)) is module:
                continue
            formatted = format_module(module)
            if module.bom:
                formatted = module.bom + formatted  # terraform drops it; a fix must not
            if formatted != module.code:
                ctx.files[path] = parse(formatted, path=path)
                yield Finding(self.code, "formatted as terraform fmt does", path, 1, 1)
            else:
                self._clean[id(module)] = module
