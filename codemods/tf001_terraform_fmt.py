"""TF001 terraform-fmt: every file the run touches ends up `terraform fmt` clean."""

from __future__ import annotations

from tffix.analysis.evaluate import UNKNOWN, evaluate
from tffix.cst import edit
from tffix.cst.format import format_module
from tffix.cst.formatted import is_formatted
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Safety
from tffix.syntax import nodes as n
from tffix.syntax.parser import parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Any

# Quoted collection keywords Terraform still reads, and what `terraform fmt` makes of them.
_LEGACY = ("list", "map")


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
Why: CI commonly runs `terraform fmt -check`, and a fix that leaves the
file unformatted fails it
(https://developer.hashicorp.com/terraform/cli/commands/fmt). Formatting
changes no behaviour.

What it does: rewrites each file of the module to exactly the bytes
`terraform fmt` (1.11) would write: indentation, spacing, `=` alignment,
`"${x}"` unwrapped to `x`, legacy quoted variable types unquoted. Other
codemods' edits are already laid out this way; this one also tidies the rest
of the file. Opt-in (`--extend-select TF001`, or `select` in the
configuration): a security fix's diff should not carry a reformatting of
unrelated lines; `tffix fmt` is the formatter.

Where it differs from `terraform fmt` (`tffix fmt` does not: it stays
byte for byte what terraform fmt writes):

- Legacy quoted collection types. For `type = "list"` / `"map"` terraform
  fmt writes `list(string)` / `map(string)`. Terraform >= 0.12 refuses the
  quoted form ("Invalid quoted type constraints"), and Terraform 0.11 took
  any list or map there: defaults and callers' values holding lists or
  maps. Where the default is such a value, `map(string)` is a constraint
  it does not satisfy, and Terraform refuses the module ("Invalid default
  value for variable"). TF001 writes the type of the default instead
  (`map(list(string))`, `list(map(string))`, `map(any)` when the elements
  differ); `list(any)` / `map(any)` when there is no default, or it is
  null or empty, since nothing then shows what callers pass and
  `(string)` would refuse their lists and maps; and terraform fmt's
  `(string)` when the default is strings (or numbers and bools, which
  convert). Each such variable gets a finding saying which and why. See
  https://developer.hashicorp.com/terraform/language/values/variables#type-constraints
  and https://developer.hashicorp.com/terraform/language/expressions/type-constraints.
- Block labels containing `$` or `%` are kept; terraform fmt 1.11
  deletes them, which changes the configuration.

Fix safety: safe. Layout changes no behaviour; the only values it writes
are type constraints for quoted legacy types, and those are chosen so
that the default still converts (checked against the default's value
first) and, without a default, so that no caller's value is refused. What
it could break: a caller passing a value of another shape than a
variable's string-typed default (a list where the default is a string
map) is refused, as it would be after terraform fmt.

Example:

    -resource "aws_s3_bucket" "b" {
    -    bucket = "${var.name}"
    +resource "aws_s3_bucket" "b" {
    +  bucket = var.name
     }
"""

    def triggers(self, ctx: ModuleContext) -> list[tuple[str, n.Block]]:
        """Variables with a quoted ``"list"``/``"map"`` type: where TF001 may write
        something other than ``terraform fmt`` does, each gets a decision."""
        return [(path, block) for path, block, _attribute in _legacy_types(ctx.files.items())]

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        # Texts found formatted in an earlier round of this run, by path: a file no
        # codemod changed since is not formatted again.
        clean: dict[str, str] = ctx.memo.setdefault(self.code, {})
        for path, module in list(ctx.files.items()):
            if "variable" in ctx.text(path):  # (a file without the word has no variable)
                for _path, block, attribute in _legacy_types([(path, module)]):
                    yield self._retype(path, block, attribute)
            code = ctx.text(path)  # module.code, not printed again when the runner has it
            if clean.get(path) == code:
                continue
            if is_formatted(code):  # most files: decided from the text, nothing built
                clean[path] = code
                continue
            # A fixed point (terraform fmt is not one on a BOM-only file or on
            # "${"${x}"}"), or the runner's rounds would never settle.
            formatted = format_module(module, bom_kept=True, converge=True)
            if module.bom:
                formatted = module.bom + formatted  # terraform drops it; a fix must not
            if formatted != code:
                ctx.replace_file(path, parse(formatted, path=path), text=formatted)
                yield Finding(self.code, "formatted as terraform fmt does", path, 1, 1)
            else:
                clean[path] = code

    def _retype(self, path: str, block: n.Block, attribute: n.Attribute) -> Finding:
        """Write the type a legacy ``"list"``/``"map"`` must become here, before formatting.

        Terraform >= 0.12 refuses the quoted form; 0.11 took any list or map
        (modules of that time took lists of maps from their callers).
        ``terraform fmt`` writes ``map(string)``, which a default holding
        lists or maps does not satisfy (Terraform then refuses the module:
        "Invalid default value for variable").
        """
        assert isinstance(attribute.value, n.TemplateString)  # _legacy_types: "list" or "map"
        word = attribute.value.literal_value()
        default = block.body.attribute("default")
        name = block.labels[0] if block.labels else "?"
        fmt = f"terraform fmt writes {word}(string)"
        value = UNKNOWN if default is None else evaluate(default.value)
        if value is None or value is UNKNOWN or value in ([], {}):
            edit.set_value(attribute, f"{word}(any)")
            what = "no default shows" if default is None else "its default shows nothing of"
            return self.fixed(
                path,
                attribute,
                f'variable {name}: type = "{word}" is {word}(any): Terraform 0.11 took any '
                f"{word} here and {what} what callers pass ({fmt}, which would refuse "
                "callers' lists and maps)",
            )
        inferred = _collection_type(word, value)
        if inferred == f"{word}(string)":
            return self.fixed(
                path,
                attribute,
                f'variable {name}: type = "{word}" is {inferred}, as terraform fmt writes it; '
                "the default satisfies it",
            )
        edit.set_value(attribute, inferred)
        return self.fixed(
            path,
            attribute,
            f'variable {name}: type = "{word}" is {inferred}, the type of its default '
            f"({fmt}, which the default does not satisfy: Terraform would refuse the module)",
        )


def _legacy_types(
    files: Iterable[tuple[str, n.Module]],
) -> Iterator[tuple[str, n.Block, n.Attribute]]:
    """(path, variable block, its type attribute) for each ``type = "list"`` or ``"map"``."""
    for path, module in files:
        for block in module.body.blocks_of_type("variable"):
            attribute = block.body.attribute("type")
            value = attribute.value if attribute is not None else None
            if (
                isinstance(value, n.TemplateString)
                and value.is_literal
                and value.literal_value() in _LEGACY
            ):
                yield path, block, attribute  # type: ignore[misc]


def _collection_type(word: str, value: Any) -> str:
    """The ``list(...)``/``map(...)`` constraint a default satisfies, ``any`` inside
    where its elements differ or are not known."""
    if word == "map" and isinstance(value, dict):
        return f"map({_unify(list(value.values()))})"
    if word == "list" and isinstance(value, list):
        return f"list({_unify(value)})"
    return f"{word}(any)"  # null, unknown, or not a collection of that kind


def _unify(values: list[Any]) -> str:
    """One type for all ``values`` (elements of a collection), or ``any`` (also when
    there are none: an empty collection says nothing of its elements)."""
    types = {_type_of(v) for v in values}
    return types.pop() if len(types) == 1 else "any"


def _type_of(value: Any) -> str:
    """A type constraint ``value`` satisfies; numbers and bools convert to string."""
    if isinstance(value, (str, bool, int, float)):
        return "string"
    if isinstance(value, list):
        return f"list({_unify(value)})"
    if isinstance(value, dict):
        return f"map({_unify(list(value.values()))})"
    return "any"  # null, or not known without a plan
