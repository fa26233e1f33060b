"""Symbols and references of one Terraform module (a directory of .tf files)."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field

from tffix.analysis.dynamic import iterator_name
from tffix.analysis.labels import label_value
from tffix.analysis.traversals import Holders, Seed, TraversalIndex
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError
from tffix.syntax.parser import parse_file
from tffix.syntax.tokens import Token

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Container, Iterable, Iterator, Mapping
    from typing import Any

    from tffix.analysis.json_config import JsonConfig, JsonDeclaration

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


class _Every:
    """Every argument name (for the blocks of ``_NO_REFERENCES_IN``)."""

    def __contains__(self, name: object) -> bool:
        return True


# The two tables by block type, asked once per node by the walk: the names of the
# arguments there whose traversals are not references to module objects.
_NOT_REFERENCES_BY_CONTEXT: dict[str, Container[str]] = {
    **{
        context: frozenset(name for inner, name in _NOT_REFERENCES if inner == context)
        for context, _name in _NOT_REFERENCES
    },
    **dict.fromkeys(_NO_REFERENCES_IN, _Every()),
}


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
    # grew. The engine makes a new analysis after every change: its indexes are
    # those of the last analysis that built them, with the entries of the files
    # parsed again since replaced (see ``_Indexes.patched``), not a new pass
    # over every declaration and reference of the module.

    def _indexes(self) -> _Indexes:
        stamp = (
            id(self.declarations),
            len(self.declarations),
            id(self.references),
            len(self.references),
        )
        cached: _Indexes | None = self.__dict__.get("_cached_indexes")
        if cached is None or cached.stamp != stamp:
            per_file: dict[str, _FileFacts] | None = self.__dict__.get("_per_file")
            base: _Base | None = self.__dict__.get("_index_base")
            if per_file is None or stamp != self.__dict__.get("_stamp"):
                # Lists made or changed by hand: indexed as they are.
                cached = _Indexes(stamp, self.declarations, self.references)
            elif base is not None and len(base[2]) * 4 <= len(per_file):
                cached = base[0].patched(stamp, self.declarations, base[1], per_file, base[2])
            else:
                cached = _Indexes.of_files(stamp, self.declarations, per_file)
            self.__dict__["_cached_indexes"] = cached
            self.__dict__.pop("_index_base", None)  # (and what it kept alive)
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
        overrides: dict[str, bool] = {}  # by path: each file's name looked at once
        for declaration in self.declarations:
            if declaration.kind not in ("resource", "data", "module"):
                continue
            path = declaration.path
            override = overrides.get(path)
            if override is None:
                override = overrides[path] = is_override(path)
            if not override:
                seen.setdefault(declaration.address, []).append(declaration)
        found = {a: d for a, d in seen.items() if len(d) > 1}
        self.__dict__["_duplicated"] = (stamp, found)
        return found

    def resources(self, type: str | None = None) -> list[tuple[str, n.Block]]:
        """(path, block) of each ``resource`` block, optionally of one type, in file order."""
        index = self._indexes()
        found = index.by_kind.get("resource") if type is None else index.resources.get(type)
        if not found:
            return []  # (most questions: codemods ask for each type of their tables)
        return [(d.path, d.node) for d in found]  # type: ignore[misc]

    def resources_in(self, path: str) -> list[n.Block]:
        """The ``resource`` blocks of one file, in file order: what holds a reference
        found there, without scanning every resource of the module per reference."""
        return list(self._indexes().resources_by_path().get(path, ()))

    def taken_labels(self) -> TakenLabels:
        """The labels the module's ``resource`` blocks hold, by type, for a codemod that
        adds resources under labels no block of their type has (``names.free_label``);
        what it adds is added to its copy. The labels are read once per analysis, not
        by each codemod (a scan of every resource), and asked by type, not by going
        through every resource for each label wanted."""
        index = self._indexes()
        cached: tuple[_Indexes, dict[str, frozenset[str]]] | None = self.__dict__.get(
            "_labels_by_type"
        )
        if cached is None or cached[0] is not index:
            by_type: dict[str, set[str]] = {}
            for _path, block in self.resources():
                labels = block.labels
                by_type.setdefault(labels[0], set()).add(labels[1])
            frozen = {type: frozenset(found) for type, found in by_type.items()}
            cached = self.__dict__["_labels_by_type"] = (index, frozen)
        return TakenLabels(cached[1])

    def data_sources(self, type: str | None = None) -> list[tuple[str, n.Block]]:
        index = self._indexes()
        found = index.by_kind.get("data") if type is None else index.data.get(type)
        if not found:
            return []
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


class TakenLabels:
    """Resource labels in use, by type (``ModuleAnalysis.taken_labels``), and the ones a
    codemod takes as it adds blocks."""

    __slots__ = ("_added", "_base")

    def __init__(self, base: Mapping[str, frozenset[str]]) -> None:
        self._base = base
        self._added: dict[str, set[str]] = {}

    def of(self, type: str) -> set[str]:
        """The labels ``type`` resources hold (a set of its own)."""
        return set(self._base.get(type, ())) | self._added.get(type, set())

    def add(self, type: str, label: str) -> None:
        self._added.setdefault(type, set()).add(label)


class _Group:
    """Declarations by kind, address and type, references by address, each list in
    declaration order: of one file (kept with the file's facts), or of the module."""

    __slots__ = ("by_address", "by_kind", "data", "references", "resources")

    def __init__(self) -> None:
        self.by_kind: dict[str, list[Declaration]] = {}
        self.by_address: dict[str, list[Declaration]] = {}
        self.resources: dict[str, list[Declaration]] = {}
        self.data: dict[str, list[Declaration]] = {}
        self.references: dict[str, list[Reference]] = {}

    @classmethod
    def of(cls, declarations: Iterable[Declaration], references: Iterable[Reference]) -> _Group:
        group = cls()
        by_kind, by_address = group.by_kind, group.by_address
        resources, data = group.resources, group.data
        for d in declarations:
            by_kind.setdefault(d.kind, []).append(d)
            by_address.setdefault(d.address, []).append(d)
            if d.kind == "resource":
                resources.setdefault(d.address.split(".")[0], []).append(d)
            elif d.kind == "data":
                data.setdefault(d.address.split(".")[1], []).append(d)
        by_reference = group.references
        for r in references:
            by_reference.setdefault(r.address, []).append(r)
        return group


# The parts of a group, each a dict of lists of entries that know their file.
_PARTS = _Group.__slots__


class _Indexes:
    """Declarations by kind, address and type, references by address: one pass each,
    or the indexes of an earlier analysis with the entries of changed files replaced."""

    def __init__(
        self,
        stamp: tuple[int, ...],
        declarations: list[Declaration],
        references: list[Reference],
        group: _Group | None = None,
        by_address: dict[str, Declaration] | None = None,
    ) -> None:
        self.stamp = stamp
        self.declarations = declarations
        self.group = _Group.of(declarations, references) if group is None else group
        self.by_kind = self.group.by_kind
        self.resources = self.group.resources
        self.data = self.group.data
        self.references = self.group.references
        # the first of an address wins
        self.by_address: dict[str, Declaration] = (
            {address: found[0] for address, found in self.group.by_address.items()}
            if by_address is None
            else by_address
        )
        self._candidates: dict[str, tuple[str, ...]] | None = None
        self._by_path: dict[str, list[n.Block]] | None = None

    @classmethod
    def of_files(
        cls,
        stamp: tuple[int, ...],
        declarations: list[Declaration],
        per_file: Mapping[str, _FileFacts],
    ) -> _Indexes:
        """The indexes of the module, from each file's group (in file order)."""
        group = _Group()
        for facts in per_file.values():
            mine = facts[3]
            for part in _PARTS:
                into: dict[str, list[Any]] = getattr(group, part)
                for key, found in getattr(mine, part).items():
                    known = into.get(key)
                    if known is None:
                        into[key] = list(found)
                    else:
                        known.extend(found)
        return cls(stamp, declarations, [], group)

    def patched(
        self,
        stamp: tuple[int, ...],
        declarations: list[Declaration],
        before: Mapping[str, _FileFacts],
        after: Mapping[str, _FileFacts],
        changed: set[str],
    ) -> _Indexes:
        """These indexes (built from the files ``before``) for the files ``after``: the
        lists holding an entry of a ``changed`` file lose the old entries and get the
        new ones in file order; the others are shared (no list is changed in place)."""
        rank = {path: index for index, path in enumerate(after)}
        now = sorted((p for p in changed if p in after), key=rank.__getitem__)
        group = _Group()
        first = self.by_address
        for part in _PARTS:
            old: dict[str, list[Any]] = getattr(self.group, part)
            new = dict(old)
            keys: set[str] = set()
            for path in changed:
                for facts in (before.get(path), after.get(path)):
                    if facts is not None:
                        keys.update(getattr(facts[3], part))
            for key in keys:
                kept = [x for x in old.get(key, ()) if x.path not in changed]
                added = [x for path in now for x in getattr(after[path][3], part).get(key, ())]
                if kept and added:
                    kept += added
                    kept.sort(key=lambda x: rank[x.path])  # stable: a file's order stays
                elif added:
                    kept = added
                if kept:
                    new[key] = kept
                else:
                    new.pop(key, None)
            setattr(group, part, new)
            if part == "by_address":
                first = dict(self.by_address)
                for key in keys:
                    found = new.get(key)
                    if found:
                        first[key] = found[0]
                    else:
                        first.pop(key, None)
        return _Indexes(stamp, declarations, [], group, first)

    def resources_by_path(self) -> dict[str, list[n.Block]]:
        if self._by_path is None:
            by_path: dict[str, list[n.Block]] = {}
            for d in self.by_kind.get("resource", ()):
                by_path.setdefault(d.path, []).append(d.node)  # type: ignore[arg-type]
            self._by_path = by_path
        return self._by_path

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
    changed: set[str] = set()
    for path, module in files.items():
        facts = before.get(path)
        if facts is None or facts[0] is not module:
            declarations: list[Declaration] = []
            for block in module.body.blocks:
                declarations.extend(_declarations(path, block))
            references, seed = _walk(path, module)
            facts = (module, declarations, references, _Group.of(declarations, references), seed)
            changed.add(path)
        per_file[path] = facts
        analysis.declarations.extend(facts[1])
        analysis.references.extend(facts[2])
    changed.update(path for path in before if path not in per_file)
    analysis.__dict__["_per_file"] = per_file
    analysis.__dict__["_stamp"] = (
        id(analysis.declarations),
        len(analysis.declarations),
        id(analysis.references),
        len(analysis.references),
    )
    if previous is not None:
        # What to start the indexes from, should they be asked for: the previous
        # analysis's (built from its files' facts), or what it would have started from.
        built: _Indexes | None = previous.__dict__.get("_cached_indexes")
        base: _Base | None = previous.__dict__.get("_index_base")
        if built is not None and built.stamp == previous.__dict__.get("_stamp"):
            analysis.__dict__["_index_base"] = (built, before, changed)
        elif base is not None:
            analysis.__dict__["_index_base"] = (base[0], base[1], base[2] | changed)
    # The traversal index: what the previous one found in the trees that are still
    # the same (and the edits it was told of since), and for the others what the
    # walk above found, brought in when first asked (``TraversalIndex.seed``). It
    # is made now, so that it is told of every edit from now on.
    known: TraversalIndex | None = previous.__dict__.get("_traversals") if previous else None
    index = known.hand_over() if known is not None else TraversalIndex()
    for path, facts in per_file.items():
        index.seed(path, facts[0], facts[4])
    analysis.__dict__["_traversals"] = index
    # JSON files are never changed by a run: read once per module.
    analysis.json = previous.json if previous is not None else _read_json(directory)
    return analysis


def _read_json(directory: str) -> list[JsonConfig]:
    """The module's JSON configuration files, read; the JSON reader is imported only for
    a directory that has some (most have none: start-up of a run on one file)."""
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    if not any(name.endswith((".tf.json", ".tofu.json")) for name in names):
        return []
    from tffix.analysis.json_config import read_json_module

    return read_json_module(directory)


# A file's tree, what it declares and refers to, and both grouped (reused while the
# tree is the same).
_FileFacts = tuple[n.Module, list["Declaration"], list["Reference"], "_Group", "Seed"]
# Indexes to start from, the file facts they were built from, and the files changed since.
_Base = tuple["_Indexes", dict[str, _FileFacts], set[str]]


def _declarations(path: str, block: n.Block) -> Iterator[Declaration]:
    children = block.children
    kind: str = children[0].text  # type: ignore[union-attr]
    labels = [label_value(label) for label in children[1:-3]]  # (``block.labels``)

    def make(kind: str, address: str, node: n.Block | n.Attribute) -> Declaration:
        # (made as ``_reference`` makes a reference: one per block of every file)
        made: Declaration = _new(Declaration)
        fields = made.__dict__
        fields["kind"] = kind
        fields["address"] = address
        fields["path"] = path
        # (``node.line``/``column``: its first token, which is its first child, the
        # block's type or the attribute's name)
        first = node.children[0]
        fields["line"] = first.line
        fields["column"] = first.column
        fields["node"] = node
        return made

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
    found = _root_address(trav.children)
    return None if found is None else (found[0], found[1])


def _root_address(children: list[Any]) -> tuple[str, str, str] | None:
    """(kind, address, root name) of the object the traversal of ``children`` refers
    to, or None. Every traversal of every file is asked once per analysis of the
    file: the names are read from the first steps alone (``Traversal.names`` lists
    every step's) and the root from its token."""
    root_node = children[0]
    if not isinstance(root_node, _VARIABLE):
        return None
    root: str = root_node.children[0].text  # type: ignore[union-attr]
    steps = len(children) - 1
    if root in _BUILTIN_ROOTS:
        if steps and (key := children[1].key) is not None:
            return root, f"{root}.{key}", root
        return root, root, root
    if root == "data":
        if steps < 2:
            return None
        first, second = children[1].key, children[2].key
        if first is None or second is None:
            return None
        return "data", f"data.{first}.{second}", root
    if not steps:
        return None
    key = children[1].key
    if key is None or key == "*":
        return None
    if root in _OWN_KINDS:
        return root, f"{root}.{key}", root
    return "resource", f"{root}.{key}", root


_VARIABLE = n.Variable
_OWN_KINDS = frozenset(("var", "local", "module"))
_new = object.__new__


def _reference(
    kind: str, address: str, path: str, line: int, column: int, node: n.Node
) -> Reference:
    """``Reference(kind, address, path, line, column, node)``, made without the frozen
    dataclass's six ``object.__setattr__`` calls (one per reference of every file)."""
    made: Reference = _new(Reference)
    fields = made.__dict__
    fields["kind"] = kind
    fields["address"] = address
    fields["path"] = path
    fields["line"] = line
    fields["column"] = column
    fields["node"] = node
    return made


def _walk(path: str, module: n.Module) -> tuple[list[Reference], Seed]:
    """The references of a file in source order (skipping names bound by
    for/dynamic/directives), and what the traversal index wants of each top-level
    item (``tffix.analysis.traversals.Seed``): one walk of the file for both.

    Every node of every file is visited here once per analysis of the file (a
    module of thousands of files has millions of nodes), so the walk tests each
    node's exact class once (the syntax classes have no subclasses) instead of a
    chain of ``isinstance``. The index counts every traversal (those of
    ``moved``, ``lifecycle`` and ``provider`` arguments, and bound names, too):
    the parts the references leave out are walked for it alone.
    """
    found: list[Reference] = []
    add = found.append
    seed: Seed = []
    traversal, block_class, attribute_class = n.Traversal, n.Block, n.Attribute
    node_class, binders, containers, skipped = n.Node, _BINDERS, _CONTAINERS, _SKIPPED
    string_class, literal_class = n.TemplateString, n.TemplateLiteral
    variable_class, root_address, reference = n.Variable, _root_address, _reference
    for top in module.body.children:
        if not isinstance(top, node_class):
            continue
        keys: set[str] = set()
        named: list[n.Node] = []  # the nodes under it an edit may name
        if top.__class__ is block_class and top.type == "variable":
            labels = top.labels
            if len(labels) == 1:
                keys.add(f"variable {labels[0]}")
        # (node, bound names, the type of the innermost block, whether references
        # are looked for under it) -- an iterative walk with lexical scopes, children
        # pushed last first so that nodes come in source order.
        stack: list[tuple[n.Node, frozenset[str], str, bool]] = [(top, frozenset(), "", True)]
        pop, push = stack.pop, stack.append
        while stack:
            node, bound, context, refs = pop()
            inner = bound
            kind = node.__class__
            not_refs: Container[str] | None = None
            if refs:
                if kind is traversal:
                    address = root_address(node.children)
                    if address is not None and address[2] not in bound:
                        # The root is a name (``_root_address`` found one): its token is
                        # the first (``first_token`` looks for it through a generator).
                        first = node.children[0].children[0]  # type: ignore[union-attr]
                        add(reference(address[0], address[1], path, first.line, first.column, node))
                elif kind is block_class:
                    if node.type == "encryption" and context == "terraform":  # type: ignore[attr-defined]
                        # OpenTofu's state encryption names its own key providers and
                        # methods (key_provider.pbkdf2.k, method.aes_gcm.m): not resources
                        # (https://opentofu.org/docs/language/state/encryption/)
                        inner = bound | {"key_provider", "method"}
                    context = node.type  # type: ignore[attr-defined]
                    if context == "dynamic" and node.labels:  # type: ignore[attr-defined]
                        inner = bound | {iterator_name(node)}  # type: ignore[arg-type]
                elif kind in binders:
                    names = {node.value_var}  # type: ignore[attr-defined]
                    if node.key_var:  # type: ignore[attr-defined]
                        names.add(node.key_var)  # type: ignore[attr-defined]
                    inner = bound | names
                # The arguments here whose traversals are not references, if any.
                not_refs = _NOT_REFERENCES_BY_CONTEXT.get(context)
            holds = False
            children: list[Any] = node.children  # nodes and tokens, told apart by class
            for child in reversed(children):
                child_kind = child.__class__
                if child_kind in skipped:  # tokens, and nodes made of tokens alone
                    continue
                if child_kind is string_class:
                    parts = child.children
                    if len(parts) == 2 or (len(parts) == 3 and parts[1].__class__ is literal_class):
                        continue  # a plain string ("", "text"): nothing in it (nine in ten)
                    push((child, inner, context, refs))
                elif child_kind is traversal:
                    holds = True
                    parts = child.children
                    root_node = parts[0]
                    if isinstance(root_node, variable_class):  # (``root_name``)
                        root = root_node.children[0].text  # type: ignore[union-attr]
                        keys.add(root)
                        if root == "data" and len(parts) > 1:
                            key = parts[1].key
                            if key is not None:
                                keys.add(f"data.{key}")
                    push((child, inner, context, refs))
                elif (
                    not_refs is not None
                    and child_kind is attribute_class
                    and child.children[0].text in not_refs  # (``Attribute.name``)
                ):
                    push((child, inner, context, False))
                else:
                    push((child, inner, context, refs))
            if holds or kind in containers:
                named.append(node)
        if top.__class__ is traversal:  # not reached by the loop, which looks at children
            root = top.root_name()
            if root is not None:
                keys.add(root)
        seed.append((top, frozenset(keys), named))
    return found, seed


# Nodes that bind names for what they hold.
_BINDERS = frozenset((n.ForTuple, n.ForObject, n.ForDirective))
# Nodes an edit may name whatever they hold (see ``tffix.analysis.traversals``).
_CONTAINERS = frozenset((n.Block, n.Body, n.Attribute))
# Nodes made of tokens alone (the grammar gives them no node below): nothing to
# find in them, and about a third of all nodes, so not visited.
_LEAVES = frozenset(
    (
        *(n.Number, n.Literal, n.Variable, n.TemplateLiteral),
        *(n.GetAttr, n.LegacyIndex, n.AttrSplat, n.FullSplat),
    )
)
# What the walk steps over among a node's children: the leaves, and tokens (two
# thirds of all children, told from nodes by their class as the leaves are).
_SKIPPED = _LEAVES | {Token}
