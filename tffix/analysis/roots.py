"""Is a module directory a deployment, or code made to be called, shown or tested?

Terraform runs ``init``/``apply`` in a root module, and only a root module's
``backend`` and ``provider`` configuration take effect. A codemod that adds a
backend, a provider or a deployment-wide variable must know that the
directory is one a team deploys. Repositories of reusable modules
(terraform-aws-modules and the like) are full of directories that look like
roots and are not: ``examples/*`` configure providers and call the module
with ``source = "../../"``, ``tests/*`` and Terratest fixtures do the same,
``wrappers/`` call it with ``source = "../"``. A backend added there is
stored by nobody and noise in every pull request; a required variable added
to a module changes what its callers must pass.

``classify`` answers from what the files and the tree around them show, in
this order, first match wins:

1. Where it is: a path segment (below the repository's root, the nearest
   directory holding ``.git``) that marks an example (``examples/``,
   ``example/``), a test or fixture (``tests/``, ``test/``, ``fixtures/``,
   ``testdata/``, ...; not a ``test/`` beside ``prod/`` or ``dev/``, an
   environment named test; a directory with Terratest ``*_test.go`` files), a
   copy ``terraform init`` downloaded (``.terraform/``), or a module library
   (``modules/``). An example or test directory that another module calls
   (``examples/fixtures/x``, ``source = "../fixtures/x"``) is a called module.
2. What it says: ``configuration_aliases`` in ``required_providers``, or,
   written before Terraform 0.15, provider blocks that hold only ``alias``
   ("proxy configuration blocks") and no backend: only a called module
   declares the provider configurations it is passed.
3. Who calls it: a ``module`` block elsewhere in the repository whose
   relative ``source`` (``../``, ``../../modules/x``, ``git::`` excluded)
   resolves to this directory (without a ``.git``, the repository is taken
   to be the directory above its standard layout: ``_search_top``).
4. A ``backend``/``cloud`` block (its author runs ``init`` here), or a
   ``provider "aws"`` block that is not a proxy: a deployment, except that a provider-only directory
   that instantiates a module of an enclosing directory
   (``source = "../../"``), as a reusable module's examples do wherever
   they live, may be one or not: the code does not say (``UNKNOWN``).
5. Neither AWS provider nor backend configuration: a module made to be called.
   A provider block of another provider alone (``provider "github"`` in a
   module that also makes a CodePipeline) is no sign of a root: a called
   module may configure one (the legacy pattern Terraform still accepts), and
   its AWS resources run with its caller's AWS provider, so what a fix writes
   for them (an ``import`` block, valid only in a root module) is judged as
   for a called module.

Only ``DEPLOYMENT`` licenses adding a backend or provider. ``UNKNOWN`` is
for the codemod to report as a ``manual`` finding naming the fact
(``reason``); the other roles are decisions to leave the directory alone.

:func:`module_use` is the one answer to "root module, or made to be
called?" that every codemod and the import writer ask (two answers for one
directory made one codemod edit as a root what another wrote imports for as
a called module): ``ROOT``, ``CALLED``, or ``EITHER`` where step 5 decided
only from the absence of provider and backend configuration and the module
takes no required input.
"""

from __future__ import annotations

import contextlib
import enum
import os
import re
from dataclasses import dataclass, field
from stat import S_ISREG

from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from pathlib import Path

    from tffix.analysis.module import ModuleAnalysis


class Role(str, enum.Enum):
    DEPLOYMENT = "deployment"  # a root module a team runs apply in
    EXAMPLE = "example"  # shows how to call a module
    TEST = "test"  # a test fixture (Terratest, terraform test, kitchen, ...)
    CALLED = "called"  # another module calls it, or init downloaded it
    REUSABLE = "reusable"  # made to be called: no provider or backend configuration
    UNKNOWN = "unknown"  # the code does not say


@dataclass(frozen=True)
class RootClassification:
    """What a module directory is, and the evidence: ``reason`` completes the sentence
    "the directory ..." (``lives under examples/: an example ...``)."""

    role: Role
    reason: str
    # False when only the absence of provider and backend configuration says
    # so (a deployment may take its provider from the environment), True when
    # something marks the directory: its path, configuration_aliases, a caller.
    marked: bool = True
    # Provider blocks of providers other than AWS, when only those configure one:
    # no sign of a root module for the module's AWS resources.
    others: tuple[str, ...] = ()

    @property
    def is_deployment(self) -> bool:
        return self.role is Role.DEPLOYMENT


# Path segments (lowercased) and the role they give. Sources: the Terraform
# standard module structure (developer.hashicorp.com/terraform/language/modules/develop/structure:
# `examples/`, `modules/`), `terraform test` (`tests/`), Terratest (`test/`,
# fixtures beside `*_test.go`), kitchen-terraform (`test/fixtures`).
_SEGMENTS: dict[str, Role] = {
    "examples": Role.EXAMPLE,
    "example": Role.EXAMPLE,
    "tests": Role.TEST,
    "test": Role.TEST,
    "fixtures": Role.TEST,
    "fixture": Role.TEST,
    "test-fixtures": Role.TEST,
    "test_fixtures": Role.TEST,
    "testdata": Role.TEST,
    "terratest": Role.TEST,
    ".terraform": Role.CALLED,
}
# Directories named like environments: a `test/` beside one of them is an
# environment (envs/test next to envs/prod), not a test fixture.
_ENVIRONMENTS = frozenset(
    ("prod", "production", "prd", "dev", "development", "staging", "stage", "stg", "qa", "uat")
)
# `modules/` marks a library of modules, but only above the directory
# (`modules/vpc`), never the directory itself.
_LIBRARY = "modules"
_WHY = {
    Role.EXAMPLE: "an example of how to call a module, not a deployment",
    Role.TEST: "a test fixture, not a deployment",
    Role.CALLED: "a copy of a module that terraform init downloaded",
}
# Directories never searched for callers.
_SKIP = frozenset((".git", ".terraform", "node_modules", ".venv", "venv", "vendor"))
# Most .tf files read when looking for callers; past it the search is incomplete.
_MAX_FILES = 20000
# Version control markers: the directory holding one is the repository's top.
_VCS = (".git", ".hg", ".svn")
# Without one, the caller search climbs past directories of these names (a module
# repository's standard layout, and the fixtures of its examples and tests), at most
# _MAX_CLIMB levels.
_CLIMB = frozenset(
    (*(name for name, role in _SEGMENTS.items() if role is not Role.CALLED), "modules", "wrappers")
)
_MAX_CLIMB = 6
# hashicorp/aws with or without its registry (Terraform's or OpenTofu's), or the type
# alone, which Terraform reads as hashicorp's (CDKTF writes it so).
_AWS_SOURCE = re.compile(
    r"((registry\.terraform\.io|registry\.opentofu\.org)/)?hashicorp/aws\Z|aws\Z"
)
# The caller search's patterns, compiled when a file is read (``re`` keeps them): a
# run whose trees are unchanged reads none (``_Store``).
_MODULE_HEAD = r'^module\s+"[^"\n]*"\s*\{'
_BLOCK_END = r"^\}"
_SOURCE = r'^\s*source\s*=\s*"(\.\.?(?:/[^"\n]*)?)"'


# Block types the classification reads; every other top-level block is irrelevant to it.
_READ = frozenset(("terraform", "provider", "module"))
# Past this many edits not yet looked at, the next answer is worked out again whole.
_MAX_PENDING = 4096


class _Watched:
    """The last module classified: per file, its tree and the top-level blocks the
    classification reads (``_READ``), the nodes an edit of those may name, and the
    answer, kept while none of those blocks is edited, added or removed.

    Codemods ask once per resource they look at (the S3 split once per bucket),
    and fix blocks in between; forgetting the answer after any edit anywhere made
    one big module quadratic. An edit names the node it changed in place
    (``tffix.cst.edit.touched``): a file is looked at again when that node is its
    tree, its body or one of its top-level items, and the answer is worked out
    again when the node is under a block of ``_READ`` or the file's blocks of
    ``_READ`` are no longer the same. A node is held while its id is looked up
    (the ids of freed nodes are reused).
    """

    def __init__(self, directory: str, files: Mapping[str, n.Module]) -> None:
        self.directory = directory
        self.paths = tuple(files)
        self.modules: dict[str, n.Module] = {}
        self.blocks: dict[str, list[n.Block]] = {}
        # id(node) -> (node, its file, whether it is in a block the answer reads)
        self.where: dict[int, tuple[object, str, bool]] = {}
        self.pending: list[object] = []
        self.blind = False
        self.answer: RootClassification | None = None
        for path, module in files.items():
            self._read(path, module)

    def _read(self, path: str, module: n.Module) -> bool:
        """Note the file's blocks of ``_READ``; True when they are not the ones it had."""
        self.modules[path] = module
        where = self.where
        where[id(module)] = (module, path, False)
        where[id(module.body)] = (module.body, path, False)
        read: list[n.Block] = []
        for item in module.body.children:
            if isinstance(item, n.Node):
                where[id(item)] = (item, path, False)
                if isinstance(item, n.Block) and item.type in _READ:
                    read.append(item)
                    for node in _read_nodes(item):
                        where[id(node)] = (node, path, True)
        before = self.blocks.get(path)
        self.blocks[path] = read
        if before is None:  # a file new here changes the answer if it has such blocks
            return bool(read)
        return len(before) != len(read) or any(
            a is not b for a, b in zip(before, read, strict=True)
        )

    def touched(self, node: object) -> None:
        if not self.blind:
            self.pending.append(node)
            if len(self.pending) > _MAX_PENDING:
                self.pending.clear()
                self.blind = True

    def refresh(self, files: Mapping[str, n.Module]) -> None:
        """Look again at the files whose trees were replaced or edited, and forget the
        answer when what it reads changed."""
        if self.blind:
            self.blind = False
            self.where.clear()
            self.blocks.clear()
            for path, module in files.items():
                self._read(path, module)
            self.answer = None
            return
        stale = {path for path, module in files.items() if self.modules[path] is not module}
        changed = False
        where = self.where
        for node in self.pending:
            found = where.get(id(node))
            if found is not None:
                stale.add(found[1])
                changed = changed or found[2]
        self.pending.clear()
        for path in stale:
            # (Entries of the file's old nodes stay, harmlessly: an edit of one reads it again.)
            changed = self._read(path, files[path]) or changed
        if changed:
            self.answer = None


def _read_nodes(block: n.Block) -> Iterator[n.Node]:
    """The nodes of ``block`` whose edit may change the answer: all of a terraform or
    provider block; of a module block (its inputs can be big), the block, its body,
    the items of the body, and its ``source`` (the only argument read)."""
    if block.type != "module":
        yield from block.walk()
        return
    yield block
    yield block.body
    for item in block.body.children:
        if isinstance(item, n.Node):
            if isinstance(item, n.Attribute) and item.name == "source":
                yield from item.walk()
            else:
                yield item


_WATCHED: _Watched | None = None


def _observe(node: object) -> None:
    if _WATCHED is not None:
        _WATCHED.touched(node)


def classify(directory: str, files: Mapping[str, n.Module]) -> RootClassification:
    """What the module in ``directory`` (parsed ``files``) is; see the module docstring.

    Codemods ask once per resource they look at, and each answer reads the
    repository: asked again for the same files with no edit made since to a
    block the answer reads (see ``_Watched``), the last answer is given.
    """
    global _WATCHED
    from tffix.cst import edit

    if _observe not in edit.observers:
        edit.observers.append(_observe)
    watched = _WATCHED
    paths = tuple(files)
    if (
        watched is None
        or watched.directory != directory
        or paths[: len(watched.paths)] != watched.paths
    ):
        watched = _WATCHED = _Watched(directory, files)
    else:
        if len(paths) > len(watched.paths):  # files a codemod added (data.tf)
            for path in paths[len(watched.paths) :]:
                if watched._read(path, files[path]):
                    watched.answer = None
            watched.paths = paths
        watched.refresh(files)
    if watched.answer is None:
        blocks = [b for path in watched.paths for b in watched.blocks[path]]
        watched.answer = _classify(directory, blocks)
    return watched.answer


def _classify(directory: str, blocks: list[n.Block]) -> RootClassification:
    """The answer, from the module's top-level blocks of the types in ``_READ``."""
    real = os.path.realpath(directory)
    top = _repository_root(real)
    by_path = _by_path(real, top)
    if by_path is not None and by_path.role in (Role.EXAMPLE, Role.TEST):
        # A fixture of examples or tests that another one calls (examples/fixtures/x
        # with source = "../fixtures/x") is a module: what a fix changes there, it
        # changes for its callers.
        callers, _complete = _callers(real, top)
        if callers:
            return _called(real, callers, f"lives under an {by_path.role.value} directory and ")
    if by_path is not None:
        return by_path
    terraform = [b for b in blocks if b.type == "terraform"]
    if any(_has_configuration_aliases(b) for b in terraform):
        return RootClassification(
            Role.REUSABLE,
            "declares configuration_aliases in required_providers: its callers pass it "
            "provider configurations, so it is a module made to be called",
        )
    proxies = _proxy_aliases(blocks)
    if proxies and not _has_backend(terraform):
        return RootClassification(
            Role.REUSABLE,
            f"declares {', '.join(proxies)} with provider blocks that hold only an alias "
            "(proxy configuration blocks, filled by a caller's providers argument): a module "
            "made to be called",
        )
    callers, complete = _callers(real, top)
    if callers:
        return _called(real, callers)
    backend = _has_backend(terraform)
    names = _aws_names(terraform)
    providers = [b for b in blocks if b.type == "provider"]
    provider = any(_configures(b) for b in providers if b.labels and b.labels[0] in names)
    if not (backend or provider):
        others = sorted({b.labels[0] for b in providers if b.labels and b.labels[0] not in names})
        if others:
            shown = ", ".join(f'provider "{name}"' for name in others)
            return RootClassification(
                Role.REUSABLE,
                f"configures no AWS provider and no backend ({shown} configures another "
                "provider, as a module made to be called may do too: no sign of a root "
                "module for AWS resources, which run with the AWS provider of the module's "
                "caller): a module made to be called",
                marked=False,
                others=tuple(others),
            )
        return RootClassification(
            Role.REUSABLE,
            "configures no provider and no backend: a module made to be called",
            marked=False,
        )
    enclosing = None if backend else _calls_enclosing(real, blocks)
    if enclosing is not None:
        return RootClassification(
            Role.UNKNOWN,
            f"calls the module of an enclosing directory (source = {enclosing!r}), as "
            "the examples of a reusable module do; whether a team deploys it is not in the code",
        )
    if not complete:
        return RootClassification(
            Role.UNKNOWN,
            f"sits in a repository of more than {_MAX_FILES} .tf files, too many to check "
            "whether another module calls it",
        )
    what = "declares a backend" if backend else "configures a provider"
    return RootClassification(
        Role.DEPLOYMENT, f"{what}, is not an example or test, and no module calls it"
    )


def _called(directory: str, callers: list[str], lead: str = "") -> RootClassification:
    where = os.path.relpath(callers[0], directory)
    more = f" (and {len(callers) - 1} more)" if len(callers) > 1 else ""
    return RootClassification(
        Role.CALLED, f"{lead}is called as a module from {where}{more}, not deployed by itself"
    )


class Use(str, enum.Enum):
    """The one answer every codemod and the import writer use to "is this directory a
    root module, or one made to be called?"."""

    ROOT = "root"  # Terraform runs here: a deployment, an example, a test fixture
    CALLED = "called"  # made to be called: what a fix changes, it changes for every caller
    EITHER = "either"  # no provider, no backend, no caller, no required input: not shown


@dataclass(frozen=True)
class ModuleUse:
    """``use`` and why (``reason`` completes "this directory ..."), with the
    classification it comes from (``classification.role`` says which kind of root)."""

    use: Use
    reason: str
    classification: RootClassification

    @property
    def is_deployment(self) -> bool:
        return self.classification.is_deployment


def module_use(
    directory: str, files: Mapping[str, n.Module], analysis: ModuleAnalysis
) -> ModuleUse:
    """Root, called, or either, for ``directory``: the classification of
    :func:`classify` completed by what the module's inputs say.

    A directory without provider and backend configuration that nothing marks
    (its path, ``configuration_aliases``, a caller in the repository) is made
    to be called when it has required inputs (a variable without a default, or
    one used but declared in a file not given). Without those, the code does
    not say: a root module may take its provider settings from the
    environment, and a module published on its own is called from other
    repositories. Then ``EITHER``: a codemod makes no edit that cannot be
    undone (versioning, retention that deletes, a replacement) and names the
    fact, who calls this directory, in a manual finding.
    """
    found = classify(directory, files)
    if found.role not in (Role.REUSABLE, Role.CALLED):
        return ModuleUse(Use.ROOT, found.reason, found)
    why = _called_by_inputs(found, files, analysis)
    if why is not None:
        return ModuleUse(Use.CALLED, why, found)
    return ModuleUse(
        Use.EITHER,
        f"{_unconfigured(found)}, and no module in this repository calls "
        "it: whether it is a root module that takes its provider settings from the "
        "environment or a module made to be called from elsewhere is not in the code",
        found,
    )


def _unconfigured(found: RootClassification) -> str:
    """What the directory lacks, for a reason: "configures no provider and no backend",
    or, when it configures other providers only, says so."""
    if found.others:
        shown = ", ".join(f'provider "{name}"' for name in found.others)
        return f"configures no AWS provider and no backend (only {shown})"
    return "configures no provider and no backend"


def library_module(
    directory: str, files: Mapping[str, n.Module], analysis: ModuleAnalysis
) -> str | None:
    """Why the module is made to be called by others (completing "this directory ..."),
    or None (:func:`module_use` is ``ROOT`` or ``EITHER``). Marked by its place or its
    callers, or unmarked but with required inputs (a variable without a default) and
    no provider or backend of its own: what a fix changes there, it changes for every
    caller."""
    found = module_use(directory, files, analysis)
    return found.reason if found.use is Use.CALLED else None


def _called_by_inputs(
    found: RootClassification, files: Mapping[str, n.Module], analysis: ModuleAnalysis
) -> str | None:
    if found.marked:
        return found.reason
    required = [
        d.name
        for d in analysis.declared("variable")
        if isinstance(d.node, n.Block) and d.node.body.attribute("default") is None
    ]
    # and those a .tf.json file declares without a default
    required += [
        d.address.split(".", 1)[1]
        for d in analysis.json_declared().values()
        if d.kind == "variable" and not d.has_default
    ]
    if required:
        # Inputs set by .tfvars files beside it (terraform.tfvars, *.auto.tfvars, or one
        # given with -var-file such as prod.tfvars): the directory is run as it stands,
        # a root, not called for them.
        given = _tfvars_names(analysis.directory)
        required = [name for name in required if name not in given]
    if required:
        return f"{found.reason} (its input var.{required[0]} has no default)"
    # Inputs it uses but does not declare here: declared in files not given (a
    # copied main.tf of a module), so whether they have defaults is not known,
    # and a module of inputs without provider configuration is made to be called.
    declared = {d.name for d in analysis.declared("variable")}
    declared |= {
        d.address.split(".", 1)[1]
        for d in analysis.json_declared().values()
        if d.kind == "variable"
    }
    for module in files.values():
        for node in module.walk():
            if isinstance(node, n.Traversal):
                names = node.names()
                if names[0] == "var" and len(names) > 1 and names[1] not in declared:
                    return (
                        f"{_unconfigured(found)} and uses "
                        f"var.{names[1]}, an input declared in a file not given here: "
                        "it may be a module made to be called"
                    )
    return None


def _tfvars_names(directory: str) -> set[str]:
    """The variables the ``.tfvars`` (and ``.tfvars.json``) files of ``directory`` set."""
    import json

    from tffix.engine import inputs
    from tffix.syntax.errors import ParseError
    from tffix.syntax.parser import parse_file

    names: set[str] = set()
    inputs.note_listing(directory)
    try:
        listed = sorted(os.listdir(directory))
    except OSError:
        return names
    for name in listed:
        path = os.path.join(directory, name)
        if not name.endswith((".tfvars", ".tfvars.json")) or not os.path.isfile(path):
            continue
        inputs.note(path)
        try:
            if name.endswith(".json"):
                with open(path, encoding="utf-8") as handle:
                    data = json.load(handle)
                names |= set(data) if isinstance(data, dict) else set()
            else:
                names |= {a.name for a in parse_file(path).body.attributes}
        except (OSError, ValueError, ParseError):
            continue  # an unreadable file sets nothing known
    return names


# ---- where it is -----------------------------------------------------------------


def _repository_root(directory: str) -> str | None:
    """The nearest directory at or above ``directory`` that holds ``.git`` (or the
    marker of another version control system, ``_VCS``), or None."""
    memo = _SCOPE.tops if _SCOPE is not None else {}
    trail = []
    current = directory
    found: str | None = None
    while True:
        if current in memo:
            found = memo[current]
            break
        trail.append(current)
        if any(os.path.exists(os.path.join(current, marker)) for marker in _VCS):
            found = current
            break
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    for walked in trail:  # within a run, each directory is looked at once
        memo[walked] = found
    return found


def _by_path(directory: str, top: str | None) -> RootClassification | None:
    relative = os.path.relpath(directory, top) if top is not None else directory
    parts = [p for p in relative.replace("\\", "/").split("/") if p not in ("", ".")]
    base = top if top is not None else os.sep  # where ``parts`` start
    for index, part in enumerate(parts):
        role = _SEGMENTS.get(part.lower())
        if role is Role.TEST and part.lower() == "test":
            parent = os.path.join(base, *parts[:index])
            if _beside_environments(parent):
                continue  # live/test next to live/prod: an environment named test
        if role is not None:
            return RootClassification(role, f"lives under {part}/: {_WHY[role]}")
        if part.lower() == _LIBRARY and index < len(parts) - 1:
            return RootClassification(
                Role.REUSABLE, f"lives under {part}/: a module made to be called"
            )
    try:
        names = os.listdir(directory)
    except OSError:
        return None
    if any(name.endswith("_test.go") for name in names):
        return RootClassification(
            Role.TEST, "holds Terratest files (*_test.go): a test fixture, not a deployment"
        )
    return None


def _beside_environments(parent: str) -> bool:
    """True when ``parent`` also holds directories named like deployment environments."""
    try:
        names = {name.lower() for name in os.listdir(parent)}
    except OSError:
        return False
    return bool(names & _ENVIRONMENTS)


def _has_backend(terraform: list[n.Block]) -> bool:
    return any(
        b.body.blocks_of_type("backend") or b.body.blocks_of_type("cloud") for b in terraform
    )


def _proxy_aliases(blocks: list[n.Block]) -> list[str]:
    """``aws.useast1`` for each aliased provider block, when every provider block is a
    proxy: empty or holding only ``alias``. Terraform calls these proxy configuration
    blocks: a module written before ``configuration_aliases`` declared with them the
    aliased configurations its caller passes
    (developer.hashicorp.com/terraform/language/modules/develop/providers, "Provider
    Aliases Within Modules"). One provider block with settings makes it a configuration
    of its own, and an empty block alone is a root taking its settings from the
    environment."""
    providers = [b for b in blocks if b.type == "provider"]
    aliases: list[str] = []
    for block in providers:
        if block.body.blocks or any(a.name != "alias" for a in block.body.attributes):
            return []
        for attribute in block.body.attributes:
            value = attribute.value
            name = value.literal_value() if isinstance(value, n.TemplateString) else "?"
            aliases.append(f"{block.labels[0] if block.labels else 'provider'}.{name}")
    return aliases


def _has_configuration_aliases(terraform: n.Block) -> bool:
    for providers in terraform.body.blocks_of_type("required_providers"):
        for attribute in providers.body.attributes:
            if isinstance(attribute.value, n.Object) and any(
                item.key_name() == "configuration_aliases" for item in attribute.value.items
            ):
                return True
    return False


def _aws_names(terraform: list[n.Block]) -> set[str]:
    """The local names the module gives the AWS provider: ``aws``, and any other name
    whose ``required_providers`` entry has the source ``hashicorp/aws``."""
    names = {"aws"}
    for block in terraform:
        for providers in block.body.blocks_of_type("required_providers"):
            for attribute in providers.body.attributes:
                if not isinstance(attribute.value, n.Object):
                    continue
                for item in attribute.value.items:
                    value = item.value
                    if (
                        item.key_name() == "source"
                        and isinstance(value, n.TemplateString)
                        and value.is_literal
                        and _AWS_SOURCE.match(value.literal_value().lower())
                    ):
                        names.add(attribute.name)
    return names


def _configures(provider: n.Block) -> bool:
    """Whether a provider block is a configuration of its own, not a proxy (a block
    holding only ``alias``, which a called module's caller fills)."""
    attributes = provider.body.attributes
    proxy = not provider.body.blocks and attributes and all(a.name == "alias" for a in attributes)
    return not proxy


# ---- who calls it ------------------------------------------------------------------

# (path, mtime_ns, size, inode, ctime_ns) -> the relative sources of its module
# blocks: a process reads each file once however many directories ask, and sees edits.
_FILE_CALLS: dict[tuple[str, int, int, int, int], tuple[str, ...]] = {}
# A file changed this recently (nanoseconds) may change again within the same tick of
# the file system's clock, leaving its stamp as it was: its calls are not kept on disk.
_RACY_NS = 2_000_000_000


def _search_top(directory: str, top: str | None) -> str:
    """Where callers of ``directory`` may be: the repository, else the tree of the
    module repository it seems to lie in.

    Without a version control marker (a copy, an unpacked archive) the
    search starts at the parent and climbs past the directories of a module
    repository's standard layout (``examples/``, ``tests/``, ``fixtures/``,
    ``modules/``, ``wrappers/``, ...: ``_CLIMB``), to the directory that holds
    them, the repository's top: a fixture in ``examples/fixtures/x`` is called
    from ``examples/other`` (``source = "../fixtures/x"``), a module in
    ``modules/x`` from the top or from ``examples/``. It stops below the
    filesystem root, the home directory and the temporary directory, which
    hold unrelated trees, and after ``_MAX_CLIMB`` levels (the cost: every .tf
    file below is read once per run, at most ``_MAX_FILES``).
    """
    if top is not None:
        return top
    memo = _SCOPE.searched if _SCOPE is not None else {}
    found = memo.get(directory)
    if found is None:
        found = memo[directory] = _climb(directory)
    return found


def _climb(directory: str) -> str:
    """``_search_top`` without a version control marker."""
    stops = _stops()
    current = directory
    for _ in range(_MAX_CLIMB):
        parent = os.path.dirname(current)
        if parent == current or parent in stops or os.path.dirname(parent) == parent:
            break
        current = parent
        if os.path.basename(current).lower() not in _CLIMB:
            break
    return current


def _stops() -> _Stops:
    """Where ``_search_top`` stops climbing (worked out once per run)."""
    if _SCOPE is not None and _SCOPE.stops is not None:
        return _SCOPE.stops
    stops = _Stops()
    if _SCOPE is not None:
        _SCOPE.stops = stops
    return stops


class _Stops:
    """The home and temporary directories, as resolved paths.

    ``tempfile.gettempdir()`` is the first usable of ``$TMPDIR``, ``$TEMP``,
    ``$TMP``, ``/tmp``, ``/var/tmp``, ``/usr/tmp`` and the working directory;
    importing ``tempfile`` and asking it (it creates a file to test each) cost
    ~5 ms, 2-3% of a warm run, so it is asked only for a directory that is one
    of those.
    """

    def __init__(self) -> None:
        self.home = os.path.realpath(os.path.expanduser("~"))
        names = [os.environ.get(name) for name in ("TMPDIR", "TEMP", "TMP")]
        names += ["/tmp", "/var/tmp", "/usr/tmp"]
        with contextlib.suppress(OSError):
            names.append(os.getcwd())
        self.maybe = {os.path.realpath(name) for name in names if name}
        self.temporary: str | None = None

    def __contains__(self, directory: str) -> bool:
        if directory == self.home:
            return True
        if directory not in self.maybe:
            return False
        if self.temporary is None:
            import tempfile

            self.temporary = os.path.realpath(tempfile.gettempdir())
        return directory == self.temporary


def _tf_files(top: str) -> Iterator[str]:
    for current, dirs, files in os.walk(top):  # does not follow directory links
        dirs[:] = sorted(d for d in dirs if d not in _SKIP and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".tf"):
                yield os.path.join(current, name)


def _stamp(info: os.stat_result) -> tuple[int, int, int, int]:
    """What changes when a file's bytes may have: ``git status`` trusts the same.

    The size and modification time; the inode for a file replaced by another
    (an editor's save, ``rsync``); the change time for one rewritten in place
    with its modification time set back (``cp -p``, ``touch -d``), which no
    program can set.
    """
    return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)


def _sources_in(path: str) -> tuple[str, ...]:
    """The relative sources (``../modules/vpc``) of the ``module`` blocks of ``path``."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return ()
    found: list[str] = []
    # (Most files call no module: one substring search instead of the pattern tried
    # at every line.)
    if "module" not in text:
        return ()
    block_end, source = re.compile(_BLOCK_END, re.M), re.compile(_SOURCE, re.M)
    for head in re.finditer(_MODULE_HEAD, text, re.M):
        end = block_end.search(text, head.end())
        found.extend(source.findall(text[head.end() : end.start() if end else len(text)]))
    return tuple(found)


def _file_sources(path: str, stamp: tuple[int, int, int, int]) -> tuple[str, ...]:
    key = (path, *stamp)
    found = _FILE_CALLS.get(key)
    if found is None:
        found = _FILE_CALLS[key] = _sources_in(path)
    return found


def _calls_in(path: str) -> tuple[str, ...]:
    """The directories the ``module`` blocks of ``path`` call by a relative source."""
    try:
        info = os.stat(path)
    except OSError:
        return ()
    if not S_ISREG(info.st_mode):
        return ()  # /dev/zero or a pipe under a .tf name: reading it never ends
    base = os.path.dirname(path)
    return tuple(_resolve(base, s) for s in _file_sources(path, _stamp(info)))


def _resolve(base: str, source: str) -> str:
    """The directory a local source names (``../modules//vpc`` is ``../modules/vpc``)."""
    memo = _SCOPE.resolved if _SCOPE is not None else None
    if memo is not None:
        found = memo.get((base, source))
        if found is not None:
            return found
    found = os.path.realpath(os.path.join(base, source.replace("//", "/")))
    if memo is not None:
        memo[(base, source)] = found
    return found


class _Store:
    """What the module blocks of each .tf file of one searched tree call, kept in the
    cache directory between runs, so that a run on an unchanged tree stats its files
    instead of reading them (``tffix.engine.cache``; ``--no-cache`` turns it off).

    One JSON file per tree (``calls/<hash of its path>.json``): each file's
    name below the tree, its ``_stamp`` and the sources of its ``module``
    blocks as written (resolved when used: a directory link may change). A file
    whose stamp differs, or that has no entry, is read again; files no longer
    listed drop out when the tree's entry is written again, which happens only
    when something changed. An entry is only a hint: anything unexpected in it
    is ignored and the file read.
    """

    def __init__(self, top: str) -> None:
        from tffix.engine.cache import cache_dir, memos

        self.top = top
        self.path: Path | None = None
        self.fresh = 0
        self.known: dict[str, object] = {}
        self.kept: dict[str, list[object]] = {}
        if not memos():
            return
        import hashlib
        import json
        import time

        self.fresh = time.time_ns() - _RACY_NS

        name = hashlib.sha256(os.fsencode(top)).hexdigest()
        self.path = cache_dir() / "calls" / f"{name}.json"
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("top") == top:
            files = data.get("files")
            if isinstance(files, dict):
                self.known = files

    def sources(self, path: str, stamp: tuple[int, int, int, int]) -> tuple[str, ...]:
        """The sources ``path`` holds: remembered while its stamp is the same."""
        if self.path is None:
            return _file_sources(path, stamp)
        name = path[len(self.top) :].lstrip(os.sep)
        entry = self.known.get(name)
        found: tuple[str, ...] | None = None
        if (
            isinstance(entry, list)
            and len(entry) == 5
            and tuple(entry[:4]) == stamp
            and isinstance(entry[4], list)
            and all(isinstance(s, str) for s in entry[4])
        ):
            found = tuple(entry[4])
        else:
            found = _file_sources(path, stamp)
        if max(stamp[0], stamp[3]) < self.fresh:
            self.kept[name] = [*stamp, list(found)]
        return found

    def save(self) -> None:
        """Write the tree's entry when it differs from the one read (or there was none)."""
        if self.path is None or self.kept == self.known:
            return
        import json

        from tffix.engine.cache import write_entry

        data = {"top": self.top, "files": self.kept}
        with contextlib.suppress(OSError, UnicodeEncodeError):  # a read-only cache
            write_entry(self.path, json.dumps(data).encode("utf-8", "surrogateescape"))


@dataclass
class _Listing:
    """The .tf files of a searched tree (in ``_tf_files`` order) and the directories
    each calls; ``complete`` False when the tree held more than ``_MAX_FILES``."""

    calls: list[tuple[str, tuple[str, ...]]]
    complete: bool
    # called directory -> the files calling it, in listing order
    by_target: dict[str, list[str]]

    @classmethod
    def of(cls, calls: list[tuple[str, tuple[str, ...]]], complete: bool) -> _Listing:
        by_target: dict[str, list[str]] = {}
        for path, called in calls:
            for target in called:
                files = by_target.setdefault(target, [])
                if not files or files[-1] != path:
                    files.append(path)
        return cls(calls, complete, by_target)


def _list(search: str) -> _Listing:
    """Read the tree ``search`` for module calls (``_Store``: unchanged files are not read)."""
    from tffix.engine.cache import memos

    store = _Store(search) if memos() else None
    seen: list[tuple[str, tuple[str, ...]]] = []
    complete = True
    for count, path in enumerate(_tf_files(search)):
        if count >= _MAX_FILES:
            complete = False
            break
        try:
            info = os.stat(path)
        except OSError:
            seen.append((path, ()))
            continue
        if not S_ISREG(info.st_mode):
            seen.append((path, ()))  # /dev/zero or a pipe under a .tf name
            continue
        stamp = _stamp(info)
        sources = store.sources(path, stamp) if store is not None else _file_sources(path, stamp)
        base = os.path.dirname(path)
        seen.append((path, tuple(_resolve(base, s) for s in sources)))
    if store is not None and complete:
        store.save()
    return _Listing.of(seen, complete)


def _within(search: str) -> _Listing | None:
    """``search``'s listing taken from a complete listing of a tree enclosing it, when
    that tree's walk went into it (no directory on the way is one ``_tf_files`` skips)."""
    if _SCOPE is None:
        return None
    for top, listing in _SCOPE.listings.items():
        prefix = top.rstrip(os.sep) + os.sep
        if not listing.complete or not search.startswith(prefix):
            continue
        parts = search[len(prefix) :].split(os.sep)
        if any(p in _SKIP or p.startswith(".") for p in parts):
            continue
        inner = search + os.sep
        return _Listing.of([(p, c) for p, c in listing.calls if p.startswith(inner)], True)
    return None


def _listing(search: str) -> _Listing:
    """The listing of ``search``: once per run (``run_scope``), else read anew."""
    if _SCOPE is None:
        return _list(search)
    found = _SCOPE.listings.get(search)
    if found is None:
        found = _within(search) or _list(search)
        _SCOPE.listings[search] = found
    return found


def _callers(directory: str, top: str | None) -> tuple[list[str], bool]:
    """(files with a module block calling ``directory``, whether every file was read)."""
    listing = _listing(_search_top(directory, top))
    calling = listing.by_target.get(directory, ())
    # a module cannot call itself
    return [p for p in calling if os.path.dirname(p) != directory], listing.complete


@dataclass
class _Run:
    """What one run (``run_scope``) reads once: a run changes no file before its end.

    Every module of a repository searches the same tree for its callers, which
    read the whole repository once per module; the listing of each searched
    tree (and of a tree inside it, taken from it), each directory's repository
    top and each resolved source are kept for the whole run.
    """

    listings: dict[str, _Listing]
    resolved: dict[tuple[str, str], str]
    tops: dict[str, str | None]
    searched: dict[str, str] = field(default_factory=dict)
    stops: _Stops | None = None


# Within one run: the run's memos; outside a run: None, read every time.
_SCOPE: _Run | None = None


@contextlib.contextmanager
def run_scope() -> Iterator[None]:
    """Remember the trees searched for callers until the end of the block (one run)."""
    global _SCOPE
    outer = _SCOPE
    _SCOPE = _Run({}, {}, {}) if outer is None else outer
    try:
        yield
    finally:
        _SCOPE = outer


def run_state() -> _Run | None:
    """What this run has read so far (``run_scope``), for a worker forked before it was
    read (``tffix.engine.jobs``) to take instead of reading the trees again."""
    return _SCOPE


def adopt_run_state(state: _Run | None) -> None:
    """Take ``run_state()`` of the process that forked this one (within its run_scope)."""
    global _SCOPE
    if state is not None and _SCOPE is not None:
        _SCOPE = state


def caller_files(directories: list[str]) -> dict[str, list[str]]:
    """For each module directory, the ``.tf`` files elsewhere whose module blocks call
    it. What :func:`classify` answers depends on them, so a result kept for a module
    (the run cache) holds only while they stay the same: a caller added or removed
    makes fixes there change (made in a root, reported in a called module).

    Within ``run_scope`` (the run's own, so that the modules it runs find the
    trees listed already); the widest trees are listed first, so that a
    repository inside a searched tree is taken from its listing, not read again.
    """
    found: dict[str, list[str]] = {}
    with run_scope():
        wanted = []
        for directory in directories:
            real = os.path.realpath(directory)
            top = _repository_root(real)
            wanted.append((directory, real, top, _search_top(real, top)))
        for search in sorted({w[3] for w in wanted}, key=len):
            _listing(search)
        for directory, real, top, _search in wanted:
            found[directory] = _callers(real, top)[0]
    return found


def _calls_enclosing(directory: str, blocks: list[n.Block]) -> str | None:
    """The source of a module block calling a directory above ``directory``, or None."""
    for block in blocks:
        if block.type != "module":
            continue
        source = block.body.attribute("source")
        value = source.value if source is not None else None
        if not isinstance(value, n.TemplateString) or not value.is_literal:
            continue
        text = value.literal_value()
        if not text.startswith(".."):
            continue
        target = _resolve(directory, text)
        if directory.startswith(target.rstrip(os.sep) + os.sep):
            return text
    return None


@dataclass(frozen=True)
class Call:
    """A module block of the repository that calls a directory, with its module read."""

    block: n.Block
    analysis: ModuleAnalysis
    where: str  # "module.x in ../../main.tf", relative to the called directory, for messages


def calls_of(directory: str) -> list[Call]:
    """The module blocks elsewhere in the repository whose local source is ``directory``
    (each caller's module analysed from its files on disk), for a decision that
    depends on what callers pass: empty when no module of the repository calls it.
    A caller's directory that cannot be read is left out."""
    from tffix.analysis.module import analyze_directory
    from tffix.engine import inputs

    real = os.path.realpath(directory)
    out: list[Call] = []
    files = caller_files([real]).get(real, [])
    for caller in sorted({os.path.dirname(f) for f in files}):
        # The callers' files are part of the decision (a cached result must not outlive
        # a change of what they pass).
        inputs.note_listing(caller)
        try:
            for name in sorted(os.listdir(caller)):
                if name.endswith((".tf", ".tofu")):
                    inputs.note(os.path.join(caller, name))
            analysis = analyze_directory(caller)
        except OSError:
            continue
        for path, module in analysis.files.items():
            for block in module.body.blocks_of_type("module"):
                source = block.body.attribute("source")
                value = source.value if source is not None else None
                if not isinstance(value, n.TemplateString) or not value.is_literal:
                    continue
                text = value.literal_value()
                if not text.startswith((".", "/")) or _resolve(caller, text) != real:
                    continue
                name = block.labels[0] if block.labels else "?"
                where = os.path.relpath(os.path.join(caller, os.path.basename(path)), real)
                out.append(Call(block, analysis, f"module.{name} in {where}"))
    return out
