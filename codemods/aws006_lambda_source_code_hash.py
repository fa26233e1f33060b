"""AWS006 lambda-source-code-hash: functions built from an archive redeploy when it changes."""

from __future__ import annotations

import re

from tffix.cst import edit
from tffix.engine.codemod import Codemod, Finding, ModuleContext, Option, Safety
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

_FUNCTION = "aws_lambda_function"
_HASH = "source_code_hash"
_PATH = "output_path"
_SHA = "output_base64sha256"
# A function with one of these set is deployed from S3 or a container image.
_ELSEWHERE = ("s3_bucket", "s3_key", "image_uri")
_SPACE = re.compile(r"\s+")


class _Archive:
    """Where a function's ``filename`` comes from: an archive_file, maybe one instance of it."""

    def __init__(self, address: str, index: n.Step | None, reference: str) -> None:
        self.address = address  # data.archive_file.x, or archive_file.x (the resource)
        self.index = index  # the [each.key] / [0] / ["api"] step, if any
        self.reference = reference  # the filename's reference without .output_path

    @property
    def hash_reference(self) -> str:
        return f"{self.reference}.{_SHA}"


class LambdaSourceCodeHash(Codemod):
    """``aws_lambda_function`` deployed from an archive_file gets its ``source_code_hash``."""

    code = "AWS006"
    name = "lambda-source-code-hash"
    summary = "Lambda functions packaged by archive_file redeploy when their code changes"
    seed_section = "§8 Lambda Function Placeholder Code Issues"
    documentation = (
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function#source_code_hash",
    )
    checks = ()
    safety = Safety.SAFE
    options = (
        Option(
            "shared",
            "report",
            "a function whose archive another function also deploys: `report` it "
            "(the default; usually each function was meant to have its own code) or "
            "`fix` it like any other (one package with several handlers)",
            choices=("report", "fix"),
        ),
    )
    explanation = """\
Why: Terraform decides whether to upload new code to a function by comparing
attributes, and `filename` is only a path: when the archive at that path is
rebuilt with new code, the path is the same and nothing is deployed. Setting
`source_code_hash` to the archive's `output_base64sha256` makes every change
of the zipped code a change of the function, and only of the functions that
deploy that archive (AWS provider, `aws_lambda_function`, `source_code_hash`).
Each function with its own archive then updates independently.

What it does: for each `aws_lambda_function` whose `filename` is
`data.archive_file.X.output_path` (or the `archive_file` resource's), adds
`source_code_hash = data.archive_file.X.output_base64sha256` right after
`filename`, with the same index when there is one (`[each.key]`,
`[count.index]`, `["api"]`). A `source_code_hash` that is already that
reference is left alone; any other value (`filebase64sha256(...)`, another
archive's hash, a variable) is reported and never overwritten. When two
functions deploy the same archive (no index, the same literal index, or
indexes such as `each.key` that can name the same instance), each is
reported instead: the hash would be right, but two functions running the
same package is usually a copy-paste mistake (option
`shared = "fix"` adds the hash anyway, for a package with several
handlers). Functions deployed from S3 (`s3_bucket`) or from an image
(`image_uri`) are not touched. A `filename` that spells out the path an
`archive_file` of the module writes (`"${path.module}/files/app.zip"`,
its `output_path`) gets that archive's hash as a reference would. A
`filename` naming a file the module does not build (a path, a variable)
without `source_code_hash` gets a finding instead:
`source_code_hash = filebase64sha256(<the path>)` would make a rebuilt
file redeploy, but it reads the file at plan time, which must then exist.
Comments and the rest of the block stay as they were.

Fix safety: safe. `source_code_hash` only makes Terraform upload the
archive when its content changes (AWS provider, `aws_lambda_function`
argument reference); on the first apply nothing is uploaded when the
deployed code is that archive. What it could break: a function whose code
is deployed outside Terraform (a CI job calling `update-function-code`)
would get the archive uploaded over it on the next apply. It checks first
that `lifecycle { ignore_changes }` does not list `filename`,
`source_code_hash` or `all` (the usual sign of code deployed elsewhere:
such functions are left alone), that the function is not deployed from S3
or an image, that no other value of `source_code_hash` was chosen (reported,
never overwritten) and that no other function deploys the same archive.

Example:

    resource "aws_lambda_function" "orders" {
      for_each         = local.services
      function_name    = "orders-${each.key}"
      filename         = data.archive_file.service[each.key].output_path
    +  source_code_hash = data.archive_file.service[each.key].output_base64sha256
      handler          = "index.handler"
    }
"""

    def __init__(self, **options: object) -> None:
        super().__init__(**options)
        if self.settings["shared"] not in ("report", "fix"):
            raise ValueError(f"{self.code}: shared must be 'report' or 'fix'")

    def triggers(self, ctx: ModuleContext) -> Iterator[tuple[str, n.Block]]:
        """Functions deployed from a local file (``filename``): the output of an
        ``archive_file``, or a path."""
        for path, function in ctx.targets(_FUNCTION):
            if _local_file(function) is not None:
                yield path, function

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        # Sharing is judged over every function of the module, waived or not.
        paths = _archive_paths(ctx)
        archives: dict[str, list[tuple[n.Block, _Archive]]] = {}
        for _path, function in ctx.analysis.resources(_FUNCTION):
            archive = _archive_of(function) or _archive_by_path(function, paths)
            if archive is not None:
                archives.setdefault(archive.address, []).append((function, archive))

        for path, function in ctx.targets(_FUNCTION):
            filename = _local_file(function)
            if filename is None:
                continue
            archive = _archive_of(function)
            by_path = False
            if archive is None:
                archive = _archive_by_path(function, paths)
                by_path = archive is not None
            if archive is None:
                yield self._unbuilt(path, function, filename)
                continue
            label = ".".join(function.labels)
            wanted = archive.hash_reference
            current = function.body.attribute(_HASH)
            ignored = _ignored_code(function)
            if ignored:
                yield self.fine(
                    path,
                    function,
                    f"{label}: lifecycle ignore_changes lists {ignored}: its code is deployed "
                    "outside Terraform, which a source_code_hash must not undo",
                )
                continue
            if current is not None and by_path:
                yield self.fine(
                    path, current, f"{label}: source_code_hash is set (`{_short(current.value)}`)"
                )
                continue
            if current is not None:
                if _same(current.value, wanted):
                    yield self.fine(path, current, f"{label}: source_code_hash follows its archive")
                    continue
                yield self.manual(
                    path,
                    current,
                    f"{label}: source_code_hash is `{current.value.code.strip()}` rather than "
                    f"the archive's own `{wanted}`; check that it follows this function's "
                    f"archive, or replace it",
                )
                continue
            others = _sharing(function, archive, archives.get(archive.address, []))
            if others and self.settings["shared"] == "report":
                filename = function.body.attribute("filename")
                assert filename is not None
                names = ", ".join(others)
                yield self.manual(
                    path,
                    filename,
                    f"{label}: deploys {archive.address}, which {names} also deploys; give each "
                    f"function its own archive (or index), then set source_code_hash = {wanted}",
                )
                continue
            edit.insert(function, f"{_HASH} = {wanted}", after="filename")
            how = (
                f" (its filename is the path {archive.address} writes, its output_path)"
                if by_path
                else ""
            )
            yield self.fixed(
                path,
                function,
                f"{label}: added source_code_hash{how}, so code changes redeploy it",
            )

    def _unbuilt(self, path: str, function: n.Block, filename: n.Attribute) -> Finding:
        """A function deployed from a file this module does not build: report what would
        make a rebuilt file redeploy, unless that is already said or left to others."""
        label = ".".join(function.labels)
        ignored = _ignored_code(function)
        if ignored:
            return self.fine(
                path,
                function,
                f"{label}: lifecycle ignore_changes lists {ignored}: its code is deployed "
                "outside Terraform",
            )
        current = function.body.attribute(_HASH)
        if current is not None:
            return self.fine(
                path, current, f"{label}: source_code_hash is set (`{_short(current.value)}`)"
            )
        file = _short(_unwrap(filename.value))
        modules = sorted(
            {
                f"module.{t.names()[1]}"
                for t in edit.traversals(filename.value)
                if t.root_name() == "module" and len(t.names()) > 1
            }
        )
        if modules:
            return self.manual(
                path,
                filename,
                f"{label}: deployed from {file}, a file {', '.join(modules)} builds, without "
                "source_code_hash: Terraform uploads new code only when filename changes, so "
                "a rebuilt archive at the same path is never deployed; set source_code_hash "
                "to the archive's hash that module outputs (a filebase64sha256() of a file "
                "made during apply fails at plan time)",
            )
        return self.manual(
            path,
            filename,
            f"{label}: deployed from {file}, a file this module does not build, without "
            "source_code_hash: Terraform uploads new code only when filename changes, so a "
            "rebuilt archive at the same path is never deployed; set source_code_hash = "
            f"filebase64sha256({file}) (the file must exist when terraform plan runs), or "
            "build the archive with data.archive_file and use its output_base64sha256",
        )


def _ignored_code(function: n.Block) -> str:
    """What of the code ``lifecycle { ignore_changes }`` lists (``all``, filename, hash), or ""."""
    for lifecycle in function.body.blocks_of_type("lifecycle"):
        ignore = lifecycle.body.attribute("ignore_changes")
        if ignore is None:
            continue
        if isinstance(ignore.value, n.Variable) and ignore.value.name == "all":
            return "all"
        names = [
            node.name
            for node in ignore.value.walk()
            if isinstance(node, n.Variable) and node.name in ("filename", _HASH, "all")
        ]
        if names:
            return ", ".join(names)
    return ""


def _deployed_elsewhere(function: n.Block) -> bool:
    """True when the function's code comes from S3 or a container image."""
    for name in _ELSEWHERE:
        attribute = function.body.attribute(name)
        if attribute is not None and not _is_null(attribute.value):
            return True
    package_type = function.body.attribute("package_type")
    if package_type is not None:
        value = package_type.value
        if isinstance(value, n.TemplateString) and value.is_literal:
            return value.literal_value() == "Image"
    return False


def _local_file(function: n.Block) -> n.Attribute | None:
    """The function's ``filename``, when its code comes from a local file."""
    filename = function.body.attribute("filename")
    if filename is None or _is_null(filename.value) or _deployed_elsewhere(function):
        return None
    return filename


def _short(expr: n.Expression) -> str:
    text = _SPACE.sub(" ", expr.code.strip())
    return text if len(text) <= 80 else text[:77] + "..."


def _path_key(expr: n.Expression) -> str:
    """A path expression as text to compare: spacing, ``"${...}"`` and ``./`` aside."""
    text = _SPACE.sub("", _unwrap(expr).code)
    if text.startswith('"./'):
        text = '"' + text[3:]
    return text


def _archive_paths(ctx: ModuleContext) -> dict[str, str]:
    """``output_path`` (as :func:`_path_key`) -> address of the ``archive_file`` (data
    source or resource, without count/for_each) that writes it; a path two of them
    write is left out."""
    found: dict[str, str] = {}
    shared: set[str] = set()
    blocks = [("data.archive_file", b) for _p, b in ctx.analysis.data_sources("archive_file")]
    blocks += [("archive_file", b) for _p, b in ctx.analysis.resources("archive_file")]
    for prefix, block in blocks:
        if block.body.attribute("count") or block.body.attribute("for_each"):
            continue
        output = block.body.attribute(_PATH)
        if output is None:
            continue
        key = _path_key(output.value)
        if key in found:
            shared.add(key)
        found[key] = f"{prefix}.{block.labels[-1]}"
    return {k: v for k, v in found.items() if k not in shared}


def _archive_by_path(function: n.Block, paths: dict[str, str]) -> _Archive | None:
    """The archive_file whose ``output_path`` the function's ``filename`` spells out."""
    filename = _local_file(function)
    if filename is None:
        return None
    address = paths.get(_path_key(filename.value))
    return None if address is None else _Archive(address, None, address)


def _is_null(expr: n.Expression) -> bool:
    return isinstance(expr, n.Literal) and expr.value is None


def _unwrap(expr: n.Expression) -> n.Expression:
    """``"${x}"`` is ``x``."""
    if isinstance(expr, n.TemplateString):
        parts = expr.parts
        if len(parts) == 1 and isinstance(parts[0], n.Interpolation):
            return parts[0].expr
    return expr


def _archive_of(function: n.Block) -> _Archive | None:
    """The archive a function's ``filename`` names, or None (a path, S3, an image...)."""
    filename = function.body.attribute("filename")
    if filename is None or _deployed_elsewhere(function):
        return None
    expr = _unwrap(filename.value)
    if not isinstance(expr, n.Traversal):
        return None
    root = expr.root_name()
    steps = expr.steps
    if root == "data":
        head, rest = steps[:2], steps[2:]
        if len(head) < 2 or not isinstance(head[0], n.GetAttr) or head[0].name != "archive_file":
            return None
    elif root == "archive_file":
        head, rest = steps[:1], steps[1:]
    else:
        return None
    if not head or not isinstance(head[-1], n.GetAttr):
        return None
    index: n.Step | None = None
    if len(rest) == 2 and isinstance(rest[0], (n.Index, n.LegacyIndex)):
        index, rest = rest[0], rest[1:]
    if len(rest) != 1 or not isinstance(rest[0], n.GetAttr) or rest[0].name != _PATH:
        return None
    address = ".".join([root, *(step.name for step in head if isinstance(step, n.GetAttr))])
    reference = "".join(child.code for child in expr.children[:-1]).strip()
    return _Archive(address, index, reference)


def _same(expr: n.Expression, reference: str) -> bool:
    """True when ``expr`` is ``reference`` (spacing and ``"${...}"`` aside)."""
    return _SPACE.sub("", _unwrap(expr).code) == _SPACE.sub("", reference)


def _index_key(step: n.Step | None) -> object:
    """The constant an index step selects (``[0]``, ``["api"]``, ``.0``), else None."""
    if isinstance(step, n.LegacyIndex):
        return step.index
    if isinstance(step, n.Index):
        expr = step.expr
        if isinstance(expr, n.Number):
            return expr.value
        if isinstance(expr, n.TemplateString) and expr.is_literal:
            value = expr.literal_value()
            return int(value) if value.isdigit() else value
    return None


def _sharing(
    function: n.Block, archive: _Archive, users: list[tuple[n.Block, _Archive]]
) -> list[str]:
    """The other functions that may deploy the same instance of ``archive``."""
    mine = _index_key(archive.index)
    others = []
    for other, theirs in users:
        if other is function:
            continue
        key = _index_key(theirs.index)
        if mine is None or key is None or key == mine:
            others.append(".".join(other.labels))
    return others
