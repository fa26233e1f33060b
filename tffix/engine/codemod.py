"""The codemod contract.

A codemod is a small class that says what it fixes and why (shown by
``tffix rules`` and ``tffix explain``), how safe the fix is, which scanner
checks it satisfies, which options it takes, and a ``fix`` method that edits
the trees of one module and yields findings. ``fix`` may edit any file of the
module; the runner works out what changed, lays the changed lines out as
``terraform fmt`` would, re-parses, and only then writes.
"""

from __future__ import annotations

import builtins
import copy
import dataclasses
import enum
import json
import os
from dataclasses import dataclass
from types import MappingProxyType

from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping
    from typing import Any, ClassVar

    from tffix.analysis.module import ModuleAnalysis


class Safety(str, enum.Enum):
    """``safe``: cannot change what gets deployed beyond the stated intent.
    ``unsafe``: may replace or rename real infrastructure; runs only with --unsafe-fixes."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class Status(str, enum.Enum):
    FIXED = "fixed"  # the codemod changed the code
    FIXABLE = "fixable"  # a fix exists but was not applied (dry run, unsafe not enabled)
    MANUAL = "manual"  # cannot be fixed safely; the message says what to do
    # Looked at and left as it is on purpose; the message says why. Not a
    # finding for the user: listed under -v, and what proves a codemod was
    # not silent about a block its trigger matched.
    FINE = "fine"


class OptionError(ValueError):
    """An option value a codemod cannot take (wrong type, not allowed, out of range)."""


_TYPE_NAMES = {bool: "true or false", int: "an integer", str: "a string", list: "a list of strings"}


@dataclass(frozen=True)
class Option:
    """A codemod option: name, default, what it means, and the values it takes.

    The type and the allowed values are declared once, here: the
    configuration is checked against them when it loads (a typo in a
    ``.tffix.toml`` is an error before any work, never a silently different
    fix), ``tffix explain`` and ``tffix rules --format json`` show them, and
    the codemod receives only values that passed. ``type`` defaults to the
    type of ``default`` (``str`` for a ``None`` default, ``list`` of strings
    for a tuple); a ``None`` default means the option may be left unset.
    ``choices`` lists the accepted values (strings compare case-insensitively
    and are given to the codemod as declared); ``minimum``/``maximum`` bound
    an integer.
    """

    name: str
    default: Any
    help: str
    type: builtins.type[Any] | None = None  # the field shadows the builtin in this class
    choices: tuple[Any, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    @property
    def kind(self) -> builtins.type[Any]:
        if self.type is not None:
            return self.type
        if self.default is None:
            return str
        if isinstance(self.default, (tuple, list)):
            return list
        return type(self.default)

    def describe(self) -> str:
        """The accepted values in words: ``one of 1, 3, 5``, ``an integer from 1 to 30``."""
        if self.choices:
            return "one of " + ", ".join(show_value(c) for c in self.choices)
        words = _TYPE_NAMES.get(self.kind, self.kind.__name__)
        if self.minimum is not None and self.maximum is not None:
            words += f" from {self.minimum} to {self.maximum}"
        elif self.minimum is not None:
            words += f" of at least {self.minimum}"
        elif self.maximum is not None:
            words += f" of at most {self.maximum}"
        return words

    def refuse(self, value: Any) -> OptionError:
        """The error for a value this option does not take: ``days: must be ... (got 13)``."""
        return OptionError(f"{self.name}: must be {self.describe()} (got {show_value(value)})")

    def check(self, value: Any) -> Any:
        """``value`` as the codemod receives it; ``OptionError`` (one line) when it is refused."""
        if value is None and self.default is None:
            return None
        kind = self.kind
        if kind is list:
            if isinstance(value, str) or not isinstance(value, (list, tuple)):
                raise self.refuse(value)
            if not all(isinstance(v, str) for v in value):
                raise self.refuse(value)
            return tuple(value)
        # bool is an int in Python, never in a configuration file.
        if isinstance(value, bool) is not (kind is bool) or not isinstance(value, kind):
            raise self.refuse(value)
        if self.choices:
            for choice in self.choices:
                if value == choice or (
                    isinstance(value, str)
                    and isinstance(choice, str)
                    and value.lower() == choice.lower()
                ):
                    return choice
            raise self.refuse(value)
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            raise self.refuse(value)
        return value


def show_value(value: Any) -> str:
    """A value as a configuration file spells it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(show_value(v) for v in value) + "]"
    return str(value)


@dataclass(frozen=True)
class Finding:
    """Something a codemod found, at ``path:line:col``, and what became of it."""

    code: str
    message: str
    path: str
    line: int
    column: int
    status: Status = Status.FIXED

    @property
    def position(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def to_json(self) -> dict[str, Any]:
        """The JSON report's form (also what the cache stores)."""
        return {**dataclasses.asdict(self), "status": self.status.value}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        return cls(**{**data, "status": Status(data["status"])})


class ModuleContext:
    """What a codemod sees of one module: its parsed files and their analysis.

    Waivers are asked for explicitly. ``analysis`` describes the module as it
    is written: every block, waived or not (a waived block still exists, is
    referred to and holds its name), so it answers questions of fact.
    ``targets(type)`` lists the resources the running codemod may act on:
    those a comment waives for it (``# tffix: ignore[CODE]``, or a
    ``checkov:skip`` / ``trivy:ignore`` for a check it satisfies) are left
    out. ``waived(block)`` and ``waived_checks(block)`` answer for any other
    block a codemod comes to.

    Files are read through ``files`` (a read-only view, path -> tree), added
    with ``add_file`` and replaced with ``replace_file``; ``file_for(node)``
    and ``parent(node)`` find where a node sits. The runner builds a new
    context whenever code changed, so nothing here outlives the trees it
    describes.
    """

    def __init__(
        self,
        directory: str,
        files: dict[str, n.Module],
        analysis: ModuleAnalysis,
        dry_run: bool = False,
    ) -> None:
        self.directory = directory
        self._files = files
        self.files: Mapping[str, n.Module] = MappingProxyType(files)
        self.analysis = analysis
        self.dry_run = dry_run
        self.current: Codemod | None = None  # the codemod running now (set by the runner)
        # What codemods learnt about the module's text, kept by the runner from one
        # round to the next (TF001: the files it found formatted; the S3 split: buckets
        # whose versioning was off on purpose before it removed the block). Only facts
        # looked up by text or address belong here, never nodes: trees are replaced.
        self.memo: dict[str, Any] = {}
        # The text each file printed as when the runner built this context (``mentions``).
        self._texts: Mapping[str, str] | None = None
        self._edits = 0
        self._replaced: set[str] = set()  # files added or replaced since (``text``)

    def know_texts(self, texts: Mapping[str, str]) -> None:
        """Say what ``files`` print as now (the runner does: it printed them to lay
        them out), so that ``mentions`` can answer from the texts."""
        from tffix.cst import edit

        self._texts = texts
        self._edits = edit.edits

    def mentions(self, word: str) -> bool:
        """False only when no file of the module has ``word`` in its text: a question
        about a name (which blocks read ``aws_x``) then has no answer to look for.

        A quick test before a walk of every tree, not a fact about the module:
        True whenever the texts are not known to be those of the trees (no texts
        given, an edit made or a file added or replaced since).
        """
        from tffix.cst import edit

        texts = self._texts
        if texts is None or edit.edits != self._edits or self._replaced:
            return True
        return any(word in text for text in texts.values())

    def text(self, path: str) -> str:
        """The text of file ``path`` as it is now (``files[path].code``), without
        printing the tree again when the runner's text of it still holds: no edit
        made and the file not replaced since the context was built."""
        from tffix.cst import edit

        texts = self._texts
        if (
            texts is not None
            and edit.edits == self._edits
            and path not in self._replaced
            and path in texts
        ):
            return texts[path]
        return self._files[path].code

    def __getattr__(self, name: str) -> Any:
        if name == "resources":  # the old name, which hid waived blocks without saying so
            raise AttributeError(
                "ModuleContext.resources is gone: ctx.targets(type) lists the resources the "
                "running codemod may change (waived ones left out), ctx.analysis.resources(type) "
                "lists them all"
            )
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # ---- waivers ----------------------------------------------------------------

    def targets(self, type: str | None = None) -> list[tuple[str, n.Block]]:
        """(path, block) of every ``resource "<type>"`` (every resource when ``type``
        is None) that the running codemod may change, in file order: waived
        blocks are left out, as a person chose to leave them alone.
        ``analysis.resources`` lists them all."""
        found = self.analysis.resources(type)
        # The types asked for: the runner reports JSON-declared resources of them.
        asked = self.__dict__.get("asked")
        if asked is None:
            asked = self.__dict__["asked"] = set()
        asked.add(type)
        if not found:
            return []  # (most questions: a type the module does not have)
        # An address declared twice: Terraform refuses the module, and what an edit
        # of one copy means is not known (TF003 reports it, naming both).
        twice = self.analysis.duplicated()
        return [
            (p, b)
            for p, b in found
            if not self.waived(b) and not (twice and ".".join(b.labels[:2]) in twice)
        ]

    def waived(self, block: n.Block) -> bool:
        """True when a comment waives the running codemod for ``block``."""
        from tffix.engine.suppress import is_suppressed

        if self.current is None:
            return False
        # Blocks an override file overrides: the runner leaves them alone.
        if id(block) in self.__dict__.get("protected", ()):
            return True
        # ``per-file-ignores`` of the configuration: the session names the files.
        ignored = getattr(self.current, "ignored_files", None)
        if ignored and self.file_for(block) in ignored:
            return True
        return is_suppressed(block, self.current)

    def waived_checks(self, block: n.Block) -> set[str]:
        """The running codemod's checks that a ``checkov:skip``/``trivy:ignore`` waives.

        A codemod that satisfies several checks (one per setting it adds)
        leaves alone only what the waived check is about.
        """
        from tffix.engine.suppress import waived_checks

        return set() if self.current is None else waived_checks(block, self.current)

    # ---- files ------------------------------------------------------------------

    def add_file(self, path: str, module: n.Module) -> n.Module:
        """Add a new file to the module: ``path`` directly inside the module's
        directory, not existing yet (the runner refuses anything else and
        writes nothing). It is laid out and written like the others."""
        if path in self._files:
            raise ValueError(f"{path} is already a file of the module")
        self._replaced.add(path)  # its text is no longer the runner's
        self._files[path] = module
        return module

    def replace_file(self, path: str, module: n.Module, *, text: str | None = None) -> n.Module:
        """Put a new tree in place of an existing file's (a whole-file rewrite).

        ``text``: what ``module`` was just parsed from, when nothing edits it
        after; the runner then lays the file out from this tree instead of
        parsing its text once more (``parsed``).
        """
        if path not in self._files:
            raise KeyError(f"{path} is not a file of the module")
        self._replaced.add(path)
        self._files[path] = module
        if text is not None:
            self.__dict__.setdefault("_parsed", {})[path] = (module, text)
        return module

    def parsed(self, path: str, text: str) -> n.Module | None:
        """The tree of ``path`` when it is one ``replace_file`` was given with the text
        it was parsed from, and it still prints as that ``text``; else None."""
        module, source = self.__dict__.get("_parsed", {}).get(path, (None, None))
        if module is None or self._files.get(path) is not module or source != text:
            return None
        return module

    def file_named(self, name: str) -> str | None:
        """The path of the module's file called ``name`` (``data.tf``, ``variables.tf``),
        or None: where a person keeps blocks of a kind, so where a new one goes."""
        for path in self._files:
            if os.path.basename(path) == name:
                return path
        return None

    def file_for(self, node: n.Node) -> str:
        """The path of the file ``node`` is in (a top-level block is found without a walk)."""
        for path, module in self._files.items():
            if any(item is node for item in module.body.items):
                return path
        for path, module in self._files.items():
            if any(found is node for found in module.walk()):
                return path
        raise LookupError(f"{type(node).__name__} at line {node.line} is in no file of the module")

    def parent(self, node: n.Node) -> n.Node | None:
        """The node whose children hold ``node`` (a top-level item's is the file's body);
        None when no file of the module holds it."""
        for module in self._files.values():
            for candidate in module.walk():
                if any(child is node for child in candidate.children):
                    return candidate
        return None


# Whether ``copy.copy`` of an instance of the class is its ``__dict__`` in a new instance.
_PLAIN_COPY: dict[type, bool] = {}
_OBJECT_GETSTATE = getattr(object, "__getstate__", None)


def _copied(codemod: Codemod) -> Codemod:
    """``copy.copy(codemod)``, made directly when that is what it would do (every
    codemod shipped: no ``__copy__``, pickling hooks or slots). The runner copies
    each codemod for each module it runs on, and ``copy.copy`` goes through the
    pickling protocol (``__reduce_ex__``) to find that out every time."""
    cls = type(codemod)
    plain = _PLAIN_COPY.get(cls)
    if plain is None:
        import copyreg

        plain = _PLAIN_COPY[cls] = (
            getattr(cls, "__copy__", None) is None
            and cls.__reduce_ex__ is object.__reduce_ex__
            and cls.__reduce__ is object.__reduce__
            and getattr(cls, "__getstate__", None) is _OBJECT_GETSTATE
            and getattr(cls, "__setstate__", None) is None
            and all("__slots__" not in vars(k) for k in cls.__mro__)
            and cls not in copyreg.dispatch_table
        )
    if not plain:
        return copy.copy(codemod)
    clone = cls.__new__(cls)
    clone.__dict__.update(codemod.__dict__)
    return clone


class Codemod:
    """Base class. Subclasses set the class attributes and implement ``fix``."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    explanation: ClassVar[str] = ""
    safety: ClassVar[Safety] = Safety.SAFE
    checks: ClassVar[tuple[str, ...]] = ()
    seed_section: ClassVar[str] = ""  # internal provenance; never shown to users
    # AWS / Terraform documentation of the problem, shown by explain, SARIF and PRs.
    documentation: ClassVar[tuple[str, ...]] = ()
    options: ClassVar[tuple[Option, ...]] = ()
    # False: runs only when selected by name (``--extend-select TF001``),
    # never as part of the default set (formatting is ``tffix fmt``'s job).
    default_selected: ClassVar[bool] = True
    # An unsafe codemod whose problem makes apply fail: in the default set, it runs for
    # findings only (``fixable``, no edit) without --unsafe-fixes, as if selected by name,
    # so that a default run is never silent about it (``session.hidden_codemods``).
    reports_by_default: ClassVar[bool] = False

    def __init__(self, **options: Any) -> None:
        declared = {o.name: o for o in self.options}
        unknown = set(options) - set(declared)
        if unknown:
            raise OptionError(f"{self.code}: unknown option(s) {', '.join(sorted(unknown))}")
        checked = {}
        for name, value in options.items():
            try:
                checked[name] = declared[name].check(value)
            except OptionError as exc:
                raise OptionError(f"{self.code}: {exc}") from None
        self.settings: dict[str, Any] = {**{o.name: o.default for o in self.options}, **checked}

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def run(self, ctx: ModuleContext) -> list[Finding]:
        """``fix`` on one module, as the runner calls it: on a copy of this
        instance made for the call.

        What ``fix`` stores on ``self`` (a label it created, a role it granted)
        is about that module and round only, and goes with the copy: the
        instance keeps its options and nothing else, so one instance serves
        every module of a run in any order, and a module's result never
        depends on the modules before it.
        """
        return list(_copied(self).fix(ctx))

    def triggers(self, ctx: ModuleContext) -> Iterable[tuple[str, n.Block]] | None:
        """The blocks this codemod is about, as (path, block), before it runs.

        A codemod that is silent about a block it should have judged is the
        worst outcome: a clean run reads as "nothing to fix". So each block
        its trigger matches must end in a decision, a finding of this
        codemod within the block: ``fixed``, ``manual`` (naming the unknown
        fact) or ``fine`` (the reason it is left as it is). The runner checks
        this when ``TFFIX_STRICT=1`` (the test suite sets it). None: the
        codemod declares no trigger (not checked).
        """
        return None

    # ---- helpers for subclasses -----------------------------------------------

    def fixed(self, path: str, node: n.Node, message: str) -> Finding:
        return Finding(self.code, message, path, node.line, node.column, Status.FIXED)

    def manual(self, path: str, node: n.Node, message: str) -> Finding:
        return Finding(self.code, message, path, node.line, node.column, Status.MANUAL)

    def fine(self, path: str, node: n.Node, reason: str) -> Finding:
        """The decision to leave ``node`` as it is, and why (shown under -v)."""
        return Finding(self.code, reason, path, node.line, node.column, Status.FINE)
