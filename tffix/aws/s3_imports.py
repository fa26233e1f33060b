"""One-off imports for the AWS provider v4 S3 split, that can never break a plan.

The resources provider v4 split out of ``aws_s3_bucket`` (``aws_s3_bucket_acl``,
``aws_s3_bucket_versioning``, ...) are PUT-style: creating one applies the
same settings the bucket already has, so importing them is optional (the v4
upgrade guide's S3 refactor section). An import only spares existing
environments a plan full of creations. It must not cost anything else:

- An ``import`` block's ``id`` must be known when Terraform plans. Built from
  the bucket's own attributes (``aws_s3_bucket.x.id``), it is unknown in an
  environment where the bucket is new, and the plan fails. So the id is built
  from what the configuration itself knows: the ``bucket`` argument's
  expression (a literal, variables, locals, ``each``), checked reference by
  reference. A bucket whose name is generated (``bucket_prefix``, no
  ``bucket``, or ``bucket = ""``, which v3 read as none) or comes from
  another resource gets the ``terraform import`` command instead, with a
  placeholder that says what to put there.
- Terraform 1.5 takes only a literal id, 1.6 an expression known at plan, 1.7
  ``for_each`` in an import block: a form is used only when ``required_version``
  guarantees a Terraform that reads it (an absent constraint counts as a
  current Terraform).
- Importing a bucket that does not exist fails the plan ("Cannot import
  non-existent remote object"), so a new environment must not carry the
  blocks. They go into one file per module, :data:`IMPORTS_FILE`, whose
  header says to apply it once in each existing environment and delete it.
- Import blocks are valid only in a root module: anywhere else (a reusable
  module, an example, a test fixture) the file holds the commands, as
  comments, for the root modules that call it.

The file is the durable record of what is left to do: each AWSV4 codemod
reports its pending entries (:func:`pending`) on every run until the file, or
the entry, is deleted, so a later run on migrated code still shows them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from tffix.analysis.dialect import REMOVED_FUNCTIONS_GUIDE, removed_function
from tffix.analysis.partial import OneOf, PartialEvaluator, instances
from tffix.analysis.roots import module_use
from tffix.cst import edit
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from tffix.engine.codemod import ModuleContext

IMPORTS_FILE = "s3_v4_imports.tf"
Version = tuple[int, int, int]
LITERAL_ID: Version = (1, 5, 0)
EXPRESSION_ID: Version = (1, 6, 0)
FOR_EACH_IMPORT: Version = (1, 7, 0)
GUIDE = (
    "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/"
    "version-4-upgrade#s3-bucket-refactor"
)
IMPORT_DOCS = "https://developer.hashicorp.com/terraform/language/import"
# Functions whose value changes on every run: not known when Terraform plans.
_IMPURE = frozenset({"timestamp", "uuid", "bcrypt"})
# A command entry of the file: "# <address>: terraform import ..."
_ENTRY = re.compile(
    r"^# (?P<address>(?:module\.<CALL>\.)?(?P<type>aws_s3_bucket_\w+)\.(?P<label>[\w-]+)\S*): "
    r"(?P<text>terraform import .*)$",
    re.MULTILINE,
)
ONCE = (
    "apply it once in each environment whose bucket exists already, then delete it; "
    "a new environment must not carry it (importing a bucket that does not exist "
    "fails the plan); the import is optional, as creating the resource applies the same "
    "settings"
)

_ROOT_HEADER = f"""\
# One-off imports for the AWS provider v4 S3 split (written by tffix, AWSV4).
#
# Provider v4 moved these bucket settings out of aws_s3_bucket into resources
# of their own. Creating them applies the same settings, so importing is
# optional: it keeps `terraform plan` free of creations where the buckets exist.
#
# Apply once in each existing environment (`terraform plan` shows the imports),
# then delete this file. A new environment must not carry it: importing a
# bucket that does not exist yet fails the plan ("Cannot import non-existent
# remote object").
#
# {GUIDE}
# {IMPORT_DOCS}
"""
_MODULE_HEADER = f"""\
# One-off imports for the AWS provider v4 S3 split (written by tffix, AWSV4).
#
# Provider v4 moved these bucket settings out of aws_s3_bucket into resources
# of their own. Creating them applies the same settings, so importing is
# optional: it keeps `terraform plan` free of creations where the buckets exist.
#
# This directory is not a root module, where import blocks are not allowed:
# in each existing environment of a root module that calls it, run the
# commands below once (module.<CALL> is the call's address there, as
# `terraform state list` shows it), then delete this file. Nothing here runs
# on its own; a new environment needs none of it.
#
# {GUIDE}
# {IMPORT_DOCS}
"""
_COMMANDS_INTRO = (
    "# Imports that cannot be import blocks here (each line says why): run each\n"
    "# command once in every environment whose bucket exists, then delete its line.\n"
)


@dataclass
class ImportPlan:
    """How one new resource is imported: an import block, or commands (and why)."""

    block: str | None = None
    need: Version | None = None
    commands: list[str] = field(default_factory=list)  # "ADDRESS: terraform import ..."
    why: str = ""  # why there is no block
    # With a block: the commands that do the same on a Terraform that reads no import
    # blocks (or not this form), same shape as ``commands``.
    fallback: list[str] = field(default_factory=list)


def may_be_null(ctx: ModuleContext, expr: n.Expression, _depth: int = 0) -> str | None:
    """How ``expr`` can be null, or None when the code shows it cannot (as far as it
    shows: a variable with no default must be given by every caller). v3 read null in an
    optional argument as "not set"; the split-out resources require some of them, and a
    null there fails the plan ("The argument ... is required")."""
    while isinstance(expr, n.Parens):
        expr = expr.expr
    if isinstance(expr, n.Literal) and expr.value is None:
        return "is null"
    if isinstance(expr, n.Conditional):
        for branch in (expr.true_result, expr.false_result):
            if may_be_null(ctx, branch, _depth + 1) is not None:
                return "has a null branch"
        return None
    if isinstance(expr, n.Call) and expr.name in ("lookup", "try") and expr.args:
        if may_be_null(ctx, expr.args[-1]) is not None:
            return f"falls back to null ({expr.name})"
        return None
    if isinstance(expr, n.Traversal) and expr.root_name() == "local" and _depth < 8:
        names = expr.names()
        local = ctx.analysis.local(names[1]) if len(names) == 2 and names[1] else None
        if local is not None:
            found = may_be_null(ctx, local.value, _depth + 1)
            return f"is local.{names[1]}, which {found}" if found is not None else None
    value = PartialEvaluator(ctx.analysis).value(expr)
    if value is None:
        return "is null unless the caller sets it"
    if isinstance(value, OneOf) and any(option is None for option in value.options):
        return "can be null"
    return None


def plan_import(
    ctx: ModuleContext,
    bucket: n.Block,
    new: str,
    suffix: str,
    guarantees: object,
    condition: str | None = None,
) -> ImportPlan:
    """The import of ``new`` (``aws_s3_bucket_acl.b``), made for ``bucket``; ``suffix``
    follows the bucket name in the id (``,private``); ``guarantees(version)`` says
    whether ``required_version`` ensures a Terraform at least that recent. A resource
    that exists only where ``condition`` holds (made from a dynamic block) is imported
    by commands run where it does: an import block would fail where it does not."""
    assert callable(guarantees)
    address = f"aws_s3_bucket.{bucket.labels[1]}"
    suffix += _region_suffix(bucket)
    role = module_use(ctx.directory, dict(ctx.files), ctx.analysis)
    name_attr = bucket.body.attribute("bucket")
    count = bucket.body.attribute("count")
    for_each = bucket.body.attribute("for_each")
    kind = "count" if count is not None else "for_each" if for_each is not None else None
    scope_roots = {"count"} if kind == "count" else {"each"} if kind == "for_each" else set()
    id_expr: n.Expression | None = None
    why: str | None = None
    evaluator = PartialEvaluator(ctx.analysis, {}, inputs=False)
    empty = name_attr is not None and evaluator.value(name_attr.value) == ""
    # A name that can be null (a variable defaulting to null beside bucket_prefix) is
    # generated where it is: an import block's id would be null there and fail the plan.
    null = may_be_null(ctx, name_attr.value) if name_attr is not None else None
    if null is not None and name_attr is not None:
        code = " ".join(name_attr.value.code.split())
        name_attr = None
        why = (
            f"{address} has bucket = {code}, which {null}: where it is, the provider "
            "generates the name"
            + (" from bucket_prefix" if bucket.body.attribute("bucket_prefix") else "")
        )
    elif name_attr is None or empty:
        # v3 read an empty bucket as an absent one and generated the name: there is
        # no name to import by, and "" would fail the import.
        name_attr = None
        why = (
            f"{address} has bucket_prefix: the provider generates its name"
            if bucket.body.attribute("bucket_prefix") is not None
            else f'{address} has bucket = "": the provider generates its name'
            if empty
            else f"{address} has no bucket argument: the provider generates its name"
        )
    else:
        id_expr = _parse_expression(_id_text(name_attr.value, suffix))
        if id_expr is None:
            why = f"the name of {address} cannot be written as an import id here"
        else:
            why = unknown_at_plan(ctx, id_expr, scope_roots)
    only = None
    if condition is not None:
        if kind is None:
            new = f"{new}[0]"  # count = condition ? 1 : 0
        only = (
            f"{new.split('[')[0]} exists only where `{condition}` holds (a dynamic block): "
            "run it only in the environments where it does"
        )
        why = only if why is None else f"{why}; {only}"
    if not role.is_deployment:
        why = (
            "import blocks are valid only in a root module, and this directory "
            f"{role.classification.reason}"
        )
        if only is not None:
            why = f"{why}; {only}"
        commands = _commands(bucket, new, suffix, id_expr, evaluator, "module.<CALL>.")
        return ImportPlan(commands=[_with_reason(c, why) for c in commands], why=why)
    if why is None and id_expr is not None:
        why = _before_import_blocks(ctx)
    if why is None and id_expr is not None:
        block = _block(ctx, bucket, new, kind, id_expr, evaluator, guarantees)
        if isinstance(block, ImportPlan):
            block.fallback = _commands(bucket, new, suffix, id_expr, evaluator, "")
            return block
        why = block
    commands = _commands(bucket, new, suffix, id_expr, evaluator, "")
    return ImportPlan(commands=[_with_reason(c, why or "") for c in commands], why=why or "")


def _before_import_blocks(ctx: ModuleContext) -> str | None:
    """Why the module cannot be on a Terraform that reads import blocks (1.5+) whatever
    ``required_version`` says: it calls a function Terraform 0.15 removed. Looked up
    once per analysis (every bucket of every AWSV4 codemod asks)."""
    memo: dict[str, str | None] = ctx.analysis.__dict__.setdefault("_before_import_blocks", {})
    if "why" not in memo:
        found = removed_function({p: m for p, m in ctx.files.items() if p in ctx.analysis.files})
        memo["why"] = (
            None
            if found is None
            else f"{os.path.basename(found[0])} calls {found[1].name}(), which "
            "Terraform 0.15 removed, so the module runs on a Terraform that reads no import "
            f"blocks (1.5 and later; {REMOVED_FUNCTIONS_GUIDE})"
        )
    return memo["why"]


def _block(
    ctx: ModuleContext,
    bucket: n.Block,
    new: str,
    kind: str | None,
    id_expr: n.Expression,
    evaluator: PartialEvaluator,
    guarantees: object,
) -> ImportPlan | str:
    """The import block, or why ``required_version`` or the iteration rules it out."""
    assert callable(guarantees)
    if kind is None:
        value = evaluator.value(id_expr)
        if isinstance(value, str):
            if not guarantees(LITERAL_ID):
                return "no required_version ensures Terraform >= 1.5 (import blocks)"
            text = f"import {{\n  to = {new}\n  id = {edit.quoted(value)}\n}}"
            return ImportPlan(block=text, need=LITERAL_ID)
        if not guarantees(EXPRESSION_ID):
            return (
                "its name is an expression, and no required_version ensures "
                "Terraform >= 1.6 (import ids that are expressions)"
            )
        code = id_expr.code.strip()
        return ImportPlan(block=f"import {{\n  to = {new}\n  id = {code}\n}}", need=EXPRESSION_ID)
    concrete = _concrete(bucket, id_expr, evaluator)
    if concrete is not None and guarantees(LITERAL_ID) and not guarantees(FOR_EACH_IMPORT):
        # Known instances and names: one literal block each reads on any Terraform >= 1.5.
        blocks = [
            f"import {{\n  to = {new}{key}\n  id = {edit.quoted(value)}\n}}"
            for key, value in concrete
        ]
        return ImportPlan(block="\n\n".join(blocks), need=LITERAL_ID) if blocks else "no instances"
    if not guarantees(FOR_EACH_IMPORT):
        return (
            f"it has {kind}, and no required_version ensures Terraform >= 1.7 "
            "(import blocks with for_each)"
        )
    meta = bucket.body.attribute(kind)
    assert meta is not None
    source = meta.value.code.strip()
    if "\n" in source:
        return f"its {kind} expression spans several lines"
    reason = unknown_at_plan(ctx, meta.value, set())
    if reason is not None:
        return f"its {kind}: {reason}"
    code = id_expr.code.strip()
    if kind == "count":
        references = sum(1 for t in edit.traversals(id_expr) if t.names()[:2] == ["count", "index"])
        if len(re.findall(r"\bcount\.index\b", code)) != references:
            return "count.index appears in its name other than as a reference"
        code = re.sub(r"\bcount\.index\b", "each.value", code)
        lines = [
            f"  for_each = {{ for i in range({source}) : tostring(i) => i }}",
            f"  to       = {new}[each.value]",
        ]
    else:
        lines = [f"  for_each = {source}", f"  to       = {new}[each.key]"]
    text = "\n".join(["import {", *lines, f"  id       = {code}", "}"])
    return ImportPlan(block=text, need=FOR_EACH_IMPORT)


def unknown_at_plan(ctx: ModuleContext, expr: n.Node, scope_roots: set[str]) -> str | None:
    """Why ``expr``'s value is not known when Terraform plans, or None when it is.

    Known: literals, variables, locals made of those, ``path``, ``terraform``
    and the names in ``scope_roots`` (``each`` in a ``for_each`` import). Not
    known: attributes of resources, module outputs, data sources (read during
    the plan, possibly after the import is planned), ``timestamp()``/``uuid()``,
    and names tffix does not follow (a ``for`` expression's variables).
    """
    return _unknown(ctx, expr, scope_roots, set())


def _unknown(ctx: ModuleContext, expr: n.Node, scope_roots: set[str], seen: set[str]) -> str | None:
    for node in expr.walk():
        if isinstance(node, n.Call) and node.name in _IMPURE:
            return f"it calls {node.name}(), whose value changes on every run"
        if isinstance(node, (n.ForTuple, n.ForObject)):
            return f"it holds a for expression (`{_short(node)}`), which tffix does not follow"
    for t in edit.traversals(expr):
        root = t.root_name()
        names = t.names()
        if root is None or root in ("var", "path", "terraform") or root in scope_roots:
            continue
        name = names[1] if len(names) > 1 else None
        if root == "local" and isinstance(name, str):
            if name in seen:
                continue
            seen.add(name)
            attribute = ctx.analysis.local(name)
            if attribute is None:
                return f"local.{name} is not declared in the module"
            found = _unknown(ctx, attribute.value, set(), seen)
            if found is not None:
                return f"it uses local.{name}: {found}"
            continue
        shown = _short(t)
        if root == "data":
            return f"it refers to `{shown}`, a data source read during the plan"
        if root == "module":
            return f"it refers to `{shown}`, an output of a module call"
        if root in ("count", "each", "self"):
            return f"it refers to `{shown}`"
        return f"it refers to `{shown}`, known only after apply"
    return None


def _short(node: n.Node) -> str:
    code = " ".join(node.code.split())
    return code if len(code) <= 60 else code[:57] + "..."


def _region_suffix(bucket: n.Block) -> str:
    """``@<region>`` when the bucket sets provider 6's per-resource ``region``: the new
    resource is then managed in that region, and the provider imports in the provider
    configuration's region unless the id ends with ``@<region>`` (Enhanced Region Support,
    https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/enhanced-region-support)."""
    region = bucket.body.attribute("region")
    if region is None:
        return ""
    value = region.value
    if isinstance(value, n.TemplateString) and value.is_literal:
        return "@" + value.literal_value()
    return "@${" + " ".join(value.code.split()) + "}"


def _id_text(name: n.Expression, suffix: str) -> str:
    """The import id as an expression: the bucket's name followed by ``suffix``."""
    code = name.code.strip()
    if not suffix:
        return code
    if isinstance(name, n.TemplateString) and "\n" not in code:
        return code[:-1] + suffix + '"'
    return f'"${{{code}}}{suffix}"'


def _parse_expression(text: str) -> n.Expression | None:
    try:
        module = parse(f"x = {text}\n", path="<import id>")
    except ParseError:
        return None
    attribute = module.body.attribute("x")
    return attribute.value if attribute is not None else None


# ---- commands ------------------------------------------------------------------


def _commands(
    bucket: n.Block,
    new: str,
    suffix: str,
    id_expr: n.Expression | None,
    evaluator: PartialEvaluator,
    prefix: str,
) -> list[str]:
    """``terraform import`` commands, one per instance when the instances and their
    names are known, else one with placeholders that say what goes there."""
    found = _bare_commands(bucket, new, suffix, id_expr, evaluator, prefix)
    if not prefix:
        return found
    return [c if _CALL_HINT in c else _with_hint(c, _CALL_HINT) for c in found]


_CALL_HINT = "module.<CALL>: the module call's address in the root module"
CONSOLE_GUIDE = "https://developer.hashicorp.com/terraform/cli/commands/console#scripting"


def _with_hint(command: str, hint: str) -> str:
    if command.endswith(")"):
        return f"{command[:-1]}; {hint})"
    return f"{command} ({hint})"


def _bare_commands(
    bucket: n.Block,
    new: str,
    suffix: str,
    id_expr: n.Expression | None,
    evaluator: PartialEvaluator,
    prefix: str,
) -> list[str]:
    address = f"aws_s3_bucket.{bucket.labels[1]}"
    target = f"{prefix}{new}"
    count = bucket.body.attribute("count")
    for_each = bucket.body.attribute("for_each")
    concrete = _concrete(bucket, id_expr, evaluator)
    if concrete is not None:
        return [_command(f"{target}{k}", v) for k, v in concrete]
    if count is not None:
        return [
            _unknown_name(f"{target}[INDEX]", f"{address}[INDEX]", suffix, prefix)
            + f" (INDEX: each of 0 to count - 1, count = {_short(count.value)}; "
            + _name_hint(prefix, f"{address}[INDEX]")
            + ")"
        ]
    if for_each is not None:
        return [
            _unknown_name(f'{target}["KEY"]', f'{address}["KEY"]', suffix, prefix)
            + f" (KEY: each key of for_each = {_short(for_each.value)}; "
            + _name_hint(prefix, f'{address}["KEY"]')
            + ")"
        ]
    value = evaluator.value(id_expr) if id_expr is not None else None
    if isinstance(value, str):
        return [_command(target, value)]
    name = bucket.body.attribute("bucket")
    known = evaluator.value(name.value) if name is not None and id_expr is not None else None
    if isinstance(known, str) and known:
        # The name is known, the rest of the id is not (``,<ACL>`` by a variable).
        return [_command(target, known + _shown_suffix(suffix))]
    return [_unknown_name(target, address, suffix, prefix) + f" ({_name_hint(prefix, address)})"]


def _concrete(
    bucket: n.Block, id_expr: n.Expression | None, evaluator: PartialEvaluator
) -> list[tuple[str, str]] | None:
    """(instance key as written in an address, import id) of every instance of a
    ``count``/``for_each`` bucket, when the module itself fixes them all (at most 50)."""
    if id_expr is None:
        return None
    count = bucket.body.attribute("count")
    for_each = bucket.body.attribute("for_each")
    found: list[tuple[str, object]] = []
    if count is not None:
        number = evaluator.value(count.value)
        if not isinstance(number, int) or isinstance(number, bool) or not 0 <= number <= 50:
            return None
        found = [
            (f"[{i}]", evaluator.value(id_expr, {"count": {"index": i}})) for i in range(number)
        ]
    elif for_each is not None:
        keys = instances(evaluator.value(for_each.value))
        if keys is None or len(keys) > 50:
            return None
        found = [
            (f'["{k}"]', evaluator.value(id_expr, {"each": {"key": k, "value": v}}))
            for k, v in keys.items()
        ]
    else:
        return None
    if not all(isinstance(v, str) for _, v in found):
        return None
    return [(k, str(v)) for k, v in found]


def _with_reason(command: str, why: str) -> str:
    """``command`` with why it is not an import block, inside its parenthesis."""
    return _with_hint(command, f"no import block: {why}")


def _command(address: str, import_id: str) -> str:
    return f"{address}: terraform import '{address}' '{import_id}'"


def _placeholder_id(address: str, suffix: str) -> str:
    return f"<name of {address}>{_shown_suffix(suffix)}"


def _unknown_name(target: str, address: str, suffix: str, prefix: str) -> str:
    """The command for a bucket whose name the code does not fix (a variable, a
    generated name): in a root module the name is read from the state, where the
    bucket is (``terraform console`` reads expressions from standard input and prints
    a string quoted), so the command runs as it is; a called module's resources are
    not readable there, so ``<name of ...>`` stays, with how to find it."""
    if prefix:
        return _command(target, _placeholder_id(address, suffix))
    read = f"\"$(echo '{address}.id' | terraform console | tr -d '\"')\""
    rest = _shown_suffix(suffix)
    word = f"{read}'{rest}'" if rest else read
    return f"{target}: terraform import '{target}' {word}"


def _shown_suffix(suffix: str) -> str:
    """``suffix`` with each interpolation shown as ``<value of ...>``; an interpolation
    may hold a template with interpolations of its own (``${c ? "" : ",${acl}"}``),
    so the braces are matched, not cut at the first ``}``."""
    out: list[str] = []
    index = 0
    while index < len(suffix):
        start = suffix.find("${", index)
        if start < 0:
            out.append(suffix[index:])
            break
        out.append(suffix[index:start])
        depth, end = 0, start + 1
        while end < len(suffix):
            if suffix[end] == "{":
                depth += 1
            elif suffix[end] == "}":
                depth -= 1
                if depth == 0:
                    break
            end += 1
        out.append(f"<value of {suffix[start + 2 : end].strip()}>")
        index = end + 1
    return "".join(out)


def _name_hint(prefix: str, address: str) -> str:
    where = f"{prefix}{address}"
    if not prefix:
        return (
            "the name is read from the state: run it where `terraform "
            "init` has set up that environment's backend, as `terraform plan` would "
            f"({CONSOLE_GUIDE})"
        )
    return f"`terraform state show '{where}'` shows the name as bucket; {_CALL_HINT}"


# ---- the file ------------------------------------------------------------------


def record(ctx: ModuleContext, plan: ImportPlan) -> str | None:
    """Add ``plan``'s block or commands to the module's :data:`IMPORTS_FILE` (created
    with its header when missing); the file's name, or None when it cannot be
    written (a file of that name that is not part of the run)."""
    deployment = module_use(ctx.directory, dict(ctx.files), ctx.analysis).is_deployment
    path = ctx.file_named(IMPORTS_FILE)
    if path is None:
        path = os.path.join(ctx.directory, IMPORTS_FILE)
        if os.path.lexists(path):
            return None
        text = _ROOT_HEADER if deployment else _MODULE_HEADER
        module = ctx.add_file(path, parse(text, path=path))
    module = ctx.files[path]
    text = module.code
    if plan.block is not None:
        addition = plan.block + "\n"
        if _ENTRY.search(text):  # blocks go before the commands, after the others
            first = _COMMANDS_INTRO if _COMMANDS_INTRO in text else _ENTRY.search(text).group(0)  # type: ignore[union-attr]
            at = text.index(first)
            text = text[:at] + addition + "\n" + text[at:]
        else:
            text = text.rstrip("\n") + "\n\n" + addition
    else:
        lines = "".join(f"# {c}\n" for c in plan.commands)
        if deployment and _COMMANDS_INTRO not in text:
            lines = _COMMANDS_INTRO + lines
        if _ENTRY.search(text) is None:
            text = text.rstrip("\n") + "\n\n" + lines
        else:
            text = text.rstrip("\n") + "\n" + lines
    ctx.replace_file(path, parse(text, path=path))
    return IMPORTS_FILE


def pending(ctx: ModuleContext, resource: str) -> Iterator[tuple[str, n.Node, str]]:
    """(path, node, message) for each import of a ``resource`` left in the module's
    :data:`IMPORTS_FILE`: a block (at the block) or a command (at the resource it
    imports into, else the file's first block)."""
    path = ctx.file_named(IMPORTS_FILE)
    if path is None:
        return
    module = ctx.files[path]
    for block in module.body.blocks_of_type("import"):
        to = block.body.attribute("to")
        target = to.value.code.strip() if to is not None else ""
        if target.split("[")[0].split(".")[0] == resource:
            yield (
                path,
                block,
                f"{target}: one-off import in {IMPORTS_FILE}: {ONCE} ({GUIDE})",
            )
    for entry in _ENTRY.finditer(module.code):
        if entry.group("type") != resource:
            continue
        anchor: n.Node | None = None
        path_ = path
        for other_path, other in ctx.analysis.resources(resource):
            if other.labels[1] == entry.group("label"):
                # At the bucket it was made for (a block the first run's input has too),
                # else at the resource.
                path_, anchor = _bucket_of(ctx, other) or (other_path, other)
                break
        else:
            anchor = next(iter(module.body.blocks), None)
        if anchor is None:
            continue
        yield (
            path_,
            anchor,
            f"{entry.group('address')}: one-off import left in {IMPORTS_FILE}: "
            f"`{entry.group('text').split(' (')[0]}`"
            + (f" ({entry.group('text').split(' (', 1)[1]}" if " (" in entry.group("text") else "")
            + f"; run it once in each environment whose bucket exists, then delete the line "
            f"({GUIDE})",
        )


def _bucket_of(ctx: ModuleContext, resource: n.Block) -> tuple[str, n.Block] | None:
    """(path, block) of the ``aws_s3_bucket`` a split-out resource's ``bucket`` names."""
    target = resource.body.attribute("bucket")
    if target is None:
        return None
    for t in edit.traversals(target.value):
        names = t.names()
        if names[:1] == ["aws_s3_bucket"] and len(names) > 1:
            for path, bucket in ctx.analysis.resources("aws_s3_bucket"):
                if bucket.labels[1] == names[1]:
                    return path, bucket
    return None
