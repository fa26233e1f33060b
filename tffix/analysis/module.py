"""Symbols and references of one Terraform module (a directory of .tf files)."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field

from tffix.analysis.dynamic import iterator_name
from tffix.analysis.json_config import JsonConfig, JsonDeclaration, read_json_module
from tffix.analysis.traversals import Holders, TraversalIndex
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import parse_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

# Roots of references that are not declarations of the module.
_BUILTIN_ROOTS = frozenset(("each", "count", "self", "path", "terraform"))
# Attributes whose traversals are not references to module objects.
_NOT_REFERENCES = {
    # `provider = aws.west` names a provider configuration.
    ("resource", "provider"),
    ("data", "provider"),
    # `ignore_changes = [tags["x"]]` names the resource's own attributes.
    ("lifecycle", "ignore_changes"),
    # `from` of a moved block names what no longer exists.
    ("moved", "from"),
    ("removed", "from"),
    # `providers = { aws = aws.west }` in a module call passes configurations.
    ("module", "providers"),
}
# Blocks none of whose arguments refer to module objects: in `required_providers`,
# `configuration_aliases = [aws.west]` names provider configurations a caller
# passes in, and source/version are strings.
_NO_REFERENCES_IN = frozenset(("required_providers",))


@dataclass(frozen=True)
class Declaration:
    """Something the module declares, with where it is."""

    kind: str  # resource, data, variable, local, output, module, provider, terraform
    address: str  # aws_kms_key.main, data.x.y, var.x, local.x, module.x, output.x, provider.aws
    path: str
    line: int
    column: int
    node: n.Block | n.Attribute = field(compare=False, repr=False)

    @property
    def name(self) -> str:
        return self.address.rsplit(".", 1)[-1]


@dataclass(frozen=True)
class Reference:
    """A reference to a module object, with its position (templates and heredocs included)."""

    kind: str  # resource, data, var, local, module, or a built-in root (each, count, ...)
    address: str  # the object: aws_kms_key.main, data.x.y, var.x, local.x, module.x
    path: str
    line: int
    column: int
    node: n.Traversal = field(compare=False, repr=False)

    @property
    def position(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Undefined:
    """A reference to something the module does not declare, with the nearest name.

    The did-you-mean is worked out only when asked for: comparing every
    undefined reference with every declaration made whole runs quadratic on
    big modules, and most callers only want the addresses.
    """

    reference: Reference
    # Declared addresses of the same kind, shared by all the undefined references of it.
    candidates: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def suggestion(self) -> str | None:
        close = difflib.get_close_matches(self.reference.address, self.candidates, n=1, cutoff=0.6)
        return close[0] if close else None

    @property
    def message(self) -> str:
        text = (
            f"reference to undeclared {_KIND_WORDS[self.reference.kind]} {self.reference.address}"
        )
        suggestion = self.suggestion
        if suggestion:
            text += f"; did you mean {suggestion}?"
        return text


_KIND_WORDS = {
    "resource": "resource",
    "data": "data source",
    "var": "variable",
    "local": "local value",
    "module": "module",
}


@dataclass
class ModuleAnalysis:
    """Declarations, references and parse errors of one module directory."""

    directory: str
    files: dict[str, n.Module] = field(default_factory=dict)
    errors: list[ParseError] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    # The module's JSON configuration (``.tf.json``), read only: what it declares
    # is declared (never a node to edit), what it references is in use.
    json: list[JsonConfig] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """False when a file failed to parse: cross-file conclusions are then unsafe."""
        return not self.errors and not any(c.error for c in self.json)

    def json_declared(self) -> dict[str, JsonDeclaration]:
        """Addresses declared in JSON configuration files, with where (the first wins)."""
        found: dict[str, JsonDeclaration] = {}
        for config in self.json:
            for declaration in config.declarations:
                found.setdefault(declaration.address, declaration)
        return found

    # ---- indexes -----------------------------------------------------------
    # Codemods ask ``resources(type)`` and ``references_to(address)`` for every
    # block they look at; scanning every declaration each time made one big
    # module (hundreds of files in one directory) quadratic. The indexes are
    # built once, on first use, and rebuilt only if the lists were replaced or
    # grew (the engine builds a new analysis after a change instead).

    def _indexes(self) -> _Indexes:
        stamp = (
            id(self.declarations),
            len(self.declarations),
            id(self.references),
            len(self.references),
        )
        cached: _Indexes | None = self.__dict__.get("_cached_indexes")
        if cached is None or cached.stamp != stamp:
            cached = _Indexes(stamp, self.declarations, self.references)
            self.__dict__["_cached_indexes"] = cached
        return cached

    # ---- declarations ------------------------------------------------------

    def declared(self, kind: str | None = None) -> list[Declaration]:
        if kind is None:
            return list(self.declarations)
        return list(self._indexes().by_kind.get(kind, ()))

    def lookup(self, address: str) -> Declaration | None:
        return self._indexes().by_address.get(address)

    def duplicated(self) -> dict[str, list[Declaration]]:
        """Resource, data source and module addresses declared more than once (outside
        override files, which merge into the block they name): Terraform refuses the
        configuration ("Duplicate resource configuration"), and an edit of either
        block fixes nothing. Address -> its declarations, in file order."""
        cached: tuple[object, dict[str, list[Declaration]]] | None = self.__dict__.get(
            "_duplicated"
        )
        stamp = (id(self.declarations), len(self.declarations))
        if cached is not None and cached[0] == stamp:
            return cached[1]
        from tffix.engine.files import is_override

        seen: dict[str, list[Declaration]] = {}
        for declaration in self.declarations:
            if declaration.kind in ("resource", "data", "module") and not is_override(
                declaration.path
            ):
                seen.setdefault(declaration.address, []).append(declaration)
        found = {a: d for a, d in seen.items() if len(d) > 1}
        self.__dict__["_duplicated"] = (stamp, found)
        return found

    def resources(self, type: str | None = None) -> list[tuple[str, n.Block]]:
        """(path, block) of each ``resource`` block, optionally of one type, in file order."""
        index = self._indexes()
        found = index.by_kind.get("resource", ()) if type is None else index.resources.get(type, ())
        return [(d.path, d.node) for d in found]  # type: ignore[misc]

    def resources_in(self, path: str) -> list[n.Block]:
        """The ``resource`` blocks of one file, in file order: what holds a reference
        found there, without scanning every resource of the module per reference."""
        return list(self._indexes().resources_by_path.get(path, ()))

    def data_sources(self, type: str | None = None) -> list[tuple[str, n.Block]]:
        index = self._indexes()
        found = index.by_kind.get("data", ()) if type is None else index.data.get(type, ())
        return [(d.path, d.node) for d in found]  # type: ignore[misc]

    def variable(self, name: str) -> n.Block | None:
        found = self.lookup(f"var.{name}")
        return found.node if found is not None else None  # type: ignore[return-value]

    def local(self, name: str) -> n.Attribute | None:
        found = self.lookup(f"local.{name}")
        return found.node if found is not None else None  # type: ignore[return-value]

    # ---- references --------------------------------------------------------

    def references_to(self, address: str) -> list[Reference]:
        """References to ``address``; ``aws_x.y`` also covers ``aws_x.y.id`` and ``aws_x.y[0]``."""
        return list(self._indexes().references.get(address, ()))

    def holding(self, key: str, files: Mapping[str, n.Module] | None = None) -> Holders:
        """The top-level items of ``files`` (default: the analysed files; a codemod
        passes ``ctx.files``, which may have grown) holding a traversal rooted at
        ``key`` (``aws_s3_bucket``, ``var``; ``data.<type>`` for data sources), as
        the trees are now, edits included: ``top in holders``. Unlike
        ``references_to``, every traversal counts (bound names, ``moved``,
        ``lifecycle`` and ``provider`` arguments too). See ``tffix.analysis.traversals``."""
        return self.traversal_index().holding(key, self.files if files is None else files)

    def traversal_index(self) -> TraversalIndex:
        index: TraversalIndex | None = self.__dict__.get("_traversals")
        if index is None:
            index = self.__dict__["_traversals"] = TraversalIndex()
        return index

    def undefined(self) -> list[Undefined]:
        """References to undeclared objects, each with a did-you-mean where one is close."""
        index = self._indexes()
        declared = index.by_address
        in_json = self.json_declared() if self.json else {}
        candidates = index.candidates()
        return [
            Undefined(ref, candidates.get(ref.kind, ()))
            for ref in self.references
            if ref.kind not in _BUILTIN_ROOTS
            and ref.address not in declared
            and ref.address not in in_json
        ]


class _Indexes:
    """Declarations by kind, address and type, references by address: one pass each."""

    def __init__(
        self,
        stamp: tuple[int, ...],
        declarations: list[Declaration],
        references: list[Reference],
    ) -> None:
        self.stamp = stamp
        self.declarations = declarations
        self.by_kind: dict[str, list[Declaration]] = {}
        self.by_address: dict[str, Declaration] = {}  # the first of an address wins
        self.resources: dict[str, list[Declaration]] = {}
        self.data: dict[str, list[Declaration]] = {}
        self.resources_by_path: dict[str, list[n.Block]] = {}
        for d in declarations:
            self.by_kind.setdefault(d.kind, []).append(d)
            self.by_address.setdefault(d.address, d)
            if d.kind == "resource":
                self.resources.setdefault(d.address.split(".")[0], []).append(d)
                self.resources_by_path.setdefault(d.path, []).append(d.node)  # type: ignore[arg-type]
            elif d.kind == "data":
                self.data.setdefault(d.address.split(".")[1], []).append(d)
        self.references: dict[str, list[Reference]] = {}
        for r in references:
            self.references.setdefault(r.address, []).append(r)
        self._candidates: dict[str, tuple[str, ...]] | None = None

    def candidates(self) -> dict[str, tuple[str, ...]]:
        """Declared addresses by reference kind (``var`` for variables), for did-you-mean."""
        if self._candidates is None:
            by_kind: dict[str, list[str]] = {}
            for d in self.declarations:
                by_kind.setdefault(_reference_kind(d.kind), []).append(d.address)
            self._candidates = {kind: tuple(found) for kind, found in by_kind.items()}
        return self._candidates


def _reference_kind(declaration_kind: str) -> str:
    return {"variable": "var"}.get(declaration_kind, declaration_kind)


# ---- building -----------------------------------------------------------------


def analyze_directory(directory: str | os.PathLike[str]) -> ModuleAnalysis:
    """Parse every ``*.tf`` and ``*.tofu`` file of ``directory`` (not its subdirectories)
    and analyse them."""
    root = os.fspath(directory)
    from tffix.engine.files import shadowed

    names = sorted(name for name in os.listdir(root) if name.endswith((".tf", ".tofu")))
    hidden = shadowed(names)  # x.tf when x.tofu exists: OpenTofu reads only x.tofu
    names = [name for name in names if name not in hidden]
    files: dict[str, n.Module] = {}
    errors: list[ParseError] = []
    for name in names:
        path = os.path.join(root, name)
        if not os.path.isfile(path):
            continue
        try:
            files[path] = parse_file(path)
        except ParseError as exc:
            errors.append(exc)
    return analyze_modules(root, files, errors)


def analyze_modules(
    directory: str,
    files: dict[str, n.Module],
    errors: Iterable[ParseError] = (),
    *,
    previous: ModuleAnalysis | None = None,
) -> ModuleAnalysis:
    """Analyse already parsed files of one module (the engine parses each file once).

    With ``previous`` (the analysis of the module before a change), a file
    whose tree is the very object ``previous`` analysed keeps its
    declarations and references: after a fix, only the files it changed
    (re-parsed, so new trees) are walked again, not the whole module. The
    caller promises that trees are not edited in place after being analysed
    without being replaced (the runner re-parses every file whose text
    changed).
    """
    analysis = ModuleAnalysis(directory, dict(files), list(errors))
    before: dict[str, _FileFacts] = previous.__dict__.get("_per_file", {}) if previous else {}
    per_file: dict[str, _FileFacts] = {}
    for path, module in files.items():
        facts = before.get(path)
        if facts is None or facts[0] is not module:
            declarations: list[Declaration] = []
            for block in module.body.blocks:
                declarations.extend(_declarations(path, block))
            facts = (module, declarations, list(_references(path, module)))
        per_file[path] = facts
        analysis.declarations.extend(facts[1])
        analysis.references.extend(facts[2])
    analysis.__dict__["_per_file"] = per_file
    if previous is not None and "_traversals" in previous.__dict__:
        # What the traversal index found in the trees that are still the same.
        analysis.__dict__["_traversals"] = previous.__dict__["_traversals"].hand_over()
    # JSON files are never changed by a run: read once per module.
    analysis.json = previous.json if previous is not None else read_json_module(directory)
    return analysis


# A file's tree and what it declares and refers to (reused while the tree is the same).
_FileFacts = tuple[n.Module, list["Declaration"], list["Reference"]]


def _declarations(path: str, block: n.Block) -> Iterator[Declaration]:
    labels = block.labels
    kind = block.type

    def make(kind: str, address: str, node: n.Block | n.Attribute) -> Declaration:
        return Declaration(kind, address, path, node.line, node.column, node)

    if kind == "resource" and len(labels) == 2:
        yield make("resource", f"{labels[0]}.{labels[1]}", block)
    elif kind == "data" and len(labels) == 2:
        yield make("data", f"data.{labels[0]}.{labels[1]}", block)
    elif kind == "variable" and len(labels) == 1:
        yield make("variable", f"var.{labels[0]}", block)
    elif kind == "output" and len(labels) == 1:
        yield make("output", f"output.{labels[0]}", block)
    elif kind == "module" and len(labels) == 1:
        yield make("module", f"module.{labels[0]}", block)
    elif kind == "provider" and len(labels) == 1:
        alias = block.body.attribute("alias")
        suffix = ""
        if alias is not None and isinstance(alias.value, n.TemplateString):
            suffix = "." + alias.value.literal_value()
        yield make("provider", f"provider.{labels[0]}{suffix}", block)
    elif kind == "terraform":
        yield make("terraform", "terraform", block)
    elif kind == "locals":
        for attribute in block.body.attributes:
            yield make("local", f"local.{attribute.name}", attribute)


def _address(trav: n.Traversal) -> tuple[str, str] | None:
    """(kind, address) of the object a traversal refers to, or None."""
    names = trav.names()
    root = names[0]
    if root is None:
        return None
    if root in _BUILTIN_ROOTS:
        return root, ".".join(str(x) for x in names[:2] if x is not None)
    if root in ("var", "local", "module"):
        if len(names) < 2 or names[1] is None or names[1] == "*":
            return None
        return root, f"{root}.{names[1]}"
    if root == "data":
        if len(names) < 3 or None in names[1:3]:
            return None
        return "data", f"data.{names[1]}.{names[2]}"
    if len(names) < 2 or names[1] is None or names[1] == "*":
        return None
    return "resource", f"{root}.{names[1]}"


def _references(path: str, module: n.Module) -> Iterator[Reference]:
    """References in source order, skipping names bound by for/dynamic/directives."""
    # (node, bound names, skip?) -- iterative walk with lexical scopes.
    stack: list[tuple[n.Node, frozenset[str], str]] = [(module.body, frozenset(), "")]
    while stack:
        node, bound, context = stack.pop()
        if isinstance(node, n.Traversal):
            found = _address(node)
            root = node.root_name()
            if found is not None and root not in bound:
                kind, address = found
                yield Reference(kind, address, path, node.line, node.column, node)
        inner = bound
        if isinstance(node, (n.ForTuple, n.ForObject, n.ForDirective)):
            names = {node.value_var}
            if node.key_var:
                names.add(node.key_var)
            inner = bound | names
        elif isinstance(node, n.Block):
            if node.type == "encryption" and context == "terraform":
                # OpenTofu's state encryption names its own key providers and
                # methods (key_provider.pbkdf2.k, method.aes_gcm.m): not resources
                # (https://opentofu.org/docs/language/state/encryption/)
                inner = bound | {"key_provider", "method"}
            context = node.type
            if node.type == "dynamic" and node.labels:
                inner = bound | {iterator_name(node)}
        children = node.children
        for i in range(len(children) - 1, -1, -1):
            child = children[i]
            if not isinstance(child, n.Node):
                continue
            if isinstance(child, n.Attribute) and (
                (context, child.name) in _NOT_REFERENCES or context in _NO_REFERENCES_IN
            ):
                continue
            stack.append((child, inner, context))
