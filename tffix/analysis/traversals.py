"""Which top-level blocks of a module hold a traversal rooted at a given name.

Codemods that rename an attribute or a reference look for its reads in the
whole module (``aws_s3_bucket.b.region``, ``data.aws_region.r.name``): walking
every node of every file for every rename and every candidate made one big
module (hundreds of files in one directory) do its walks again and again.
The index walks each file once and says, for a root name, which top-level
items (blocks, and the attributes a JSON file or a broken file may have at
the top) hold a traversal starting with it; a codemod then runs its own
matching, unchanged, on those items only, so what it finds and decides is the
same as when it walked everything.

It also says which top-level ``variable`` blocks declare a name (key
``variable <name>``): the override merge (``effective_variable``) looked
through every file for each variable an evaluator asked about.

Traversals are counted wherever they are: templates, heredocs, bodies of
``for`` expressions, ``moved``/``lifecycle`` arguments (the module analysis
leaves some of those out of its references, and names bound by a ``for`` or
``dynamic`` too; the codemods asking here did not, so the index does not).

Codemods edit the trees in place between their own questions (AWSV601 renames
an argument, then looks for reads of the old name). Every edit made through
``tffix.cst.edit`` is told to the live indexes (``edit.observers``) with the
node it changed; the next question walks again only the top-level items
holding those nodes (the new items of a file whose list of items changed, the
whole module when a node is not one the index knows), so answers are always
those of a fresh build on the trees as they are. An index moves with the
module from one analysis to the next (``ModuleAnalysis.traversal_index``): the
engine re-parses the files a fix changed, and only those new trees are
walked again.
"""

from __future__ import annotations

import weakref

from tffix.cst import edit
from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from typing import TypeVar

    T = TypeVar("T")

# What a walk of one file found for each of its top-level items, in order: the item,
# its keys (``keys_of``) and the nodes under it an edit may name (``TraversalIndex``).
# The module analysis makes it in the walk that finds the file's references.
Seed = list[tuple[n.Node, frozenset[str], list[n.Node]]]

# Past this many edits not yet looked at, an index forgets them and walks the whole
# module on its next question (an index nobody asks keeps nothing alive for long).
_MAX_PENDING = 4096


def keys_of(
    top: n.Node, where: dict[int, tuple[object, str, n.Node | None]] | None = None, path: str = ""
) -> frozenset[str]:
    """The root names of the traversals under ``top``, ``data.<type>`` for the reads of
    a data source type, and ``variable <name>`` for a top-level variable block: what
    the index answers for. With ``where``, the nodes an edit may name are entered
    in it (see ``TraversalIndex``), in the same walk."""
    keys: set[str] = set()
    if isinstance(top, n.Block) and top.type == "variable":
        labels = top.labels
        if len(labels) == 1:
            keys.add(f"variable {labels[0]}")
    # One pass over each node's children, in no particular order (a set is made):
    # this walk is most of what building the index costs.
    node_type, traversal, containers = n.Node, n.Traversal, (n.Block, n.Body, n.Attribute)
    stack: list[n.Node] = [top]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        holds = False
        for child in node.children:
            if not isinstance(child, node_type):
                continue
            push(child)
            if isinstance(child, traversal):
                holds = True
                root = child.root_name()
                if root is not None:
                    keys.add(root)
                    if root == "data":
                        steps = child.steps
                        if steps:
                            key = steps[0].key
                            if key is not None:
                                keys.add(f"data.{key}")
        if where is not None and (holds or isinstance(node, containers)):
            where[id(node)] = (node, path, top)
    if isinstance(top, traversal):  # not reached by the loop, which looks at children
        root = top.root_name()
        if root is not None:
            keys.add(root)
    return frozenset(keys)


class _File:
    """One file's tree, its top-level items, each item's keys and what codemods
    worked out from an item (``TraversalIndex.memo``)."""

    __slots__ = ("memos", "module", "tops")

    def __init__(self, module: n.Module) -> None:
        self.module = module
        # id(item) -> (item, keys): the item is held, so its id stays its own.
        self.tops: dict[int, tuple[n.Node, frozenset[str]]] = {}
        # id(item) -> name -> value, dropped with the item's keys when it is walked again.
        self.memos: dict[int, dict[str, object]] = {}


class TraversalIndex:
    """Top-level items by the root names of the traversals they hold, kept in step
    with the edits made to the trees (see the module docstring)."""

    def __init__(self, files: Mapping[str, n.Module] | None = None) -> None:
        self._files: dict[str, _File] = {}
        # key -> {id(top): (path, top)} of the items holding a traversal with that key
        self._by_key: dict[str, dict[int, tuple[str, n.Node]]] = {}
        # id(node) -> (node, path, top) for the nodes an edit may name: each top
        # item, the bodies, blocks and attributes under it, and the node directly
        # holding each traversal (what ``edit.replace`` names). The node is held.
        self._where: dict[int, tuple[object, str, n.Node | None]] = {}
        # Nodes edits named since the last question.
        self._pending: list[object] = []
        self._blind = False  # an edit was missed: walk everything again
        # (id, paths, ids of the trees) of the files last brought in line with
        self._signature: tuple[object, ...] = ()
        # path -> (tree, what a walk found in it) for files not brought in yet
        self._seeds: dict[str, tuple[n.Module, Seed]] = {}
        _live.add(self)
        if files is not None:
            self.update(files)

    # ---- questions ---------------------------------------------------------------

    def holding(self, key: str, files: Mapping[str, n.Module]) -> Holders:
        """The top-level items of ``files`` holding a traversal whose root name is
        ``key`` (or, for ``data.<type>``, a read of a data source of that type)."""
        self.update(files)
        found = self._by_key.get(key, {})
        return Holders(frozenset(found), frozenset(path for path, _top in found.values()))

    def keys(self, files: Mapping[str, n.Module]) -> dict[str, dict[int, frozenset[str]]]:
        """path -> id(top item) -> keys, for every top-level item of ``files``: what a
        fresh build would find (the tests compare both)."""
        self.update(files)
        return {
            path: {id(top): self._files[path].tops[id(top)][1] for top in _tops(module)}
            for path, module in files.items()
        }

    def memo(
        self,
        path: str,
        top: n.Node,
        name: str,
        make: Callable[[], T],
        files: Mapping[str, n.Module],
    ) -> T:
        """``make()`` for the top-level item ``top`` of file ``path``, worked out again
        only after an edit touched the item (as its keys are): a codemod that looks
        at the same blocks for each of its runs (the S3 split, twelve codemods) walks
        each one once. ``make`` must read nothing but ``top``."""
        if self._pending or self._blind:
            self.update(files)
        known = self._files.get(path)
        if known is None or known.module is not files.get(path) or id(top) not in known.tops:
            return make()
        memos = known.memos.setdefault(id(top), {})
        if name not in memos:
            memos[name] = make()
        return memos[name]  # type: ignore[return-value]

    # ---- keeping up --------------------------------------------------------------

    def seed(self, path: str, module: n.Module, tops: Seed) -> None:
        """What a walk of ``module`` found (see ``Seed``), taken instead of walking the
        file when the index first brings it in: each file is walked once for the
        module analysis and the index together. The tree must be as walked when
        this is said; edits made after are told to the index as any (so it must be
        live by then), and the items they touch are walked again. A tree whose
        top-level items are not those walked is walked."""
        known = self._files.get(path)
        if known is None or known.module is not module:
            self._seeds[path] = (module, tops)

    def update(self, files: Mapping[str, n.Module]) -> None:
        """Bring the index in line with ``files`` as they are now."""
        # Asked again with no edit since and the same trees: nothing to do (checked
        # without a loop in Python: evaluators ask once per variable).
        signature = (id(files), tuple(files), tuple(map(id, files.values())))
        if not self._pending and not self._blind and signature == self._signature:
            return
        pending, self._pending = self._pending, []
        if self._blind:
            self._blind = False
            self._files.clear()
            self._by_key.clear()
            self._where.clear()
            self._seeds.clear()
            pending = []
        # Files brought in from what a walk found, before the edits named since it
        # are looked at (those make the items they touch walked again, below).
        if self._seeds:
            for path, module in files.items():
                seeded = self._seeds.pop(path, None)
                if seeded is None:
                    continue
                known = self._files.get(path)
                if known is not None and known.module is module:
                    continue
                if seeded[0] is module and _walked_tops(seeded[1], module):
                    if known is not None:
                        self._drop_file(path)
                    self._add_seeded(path, module, seeded[1])
        stale_files: set[str] = set()
        stale_tops: dict[int, tuple[str, n.Node]] = {}
        unknown: list[object] = []
        for node in pending:
            where = self._where.get(id(node))
            if where is None:
                unknown.append(node)
                continue
            _node, path, top = where
            if top is None:
                stale_files.add(path)
            else:
                stale_tops[id(top)] = (path, top)
        # A file whose list of items changed (an item put in or taken out: AWS008 adds
        # companions to one big file, one bucket at a time) keeps the items still there
        # and walks only the new ones; walking the whole file for each made one big
        # module quadratic. What an item's memos were made from may include the text
        # an edit of the list changes at its edges (leading comments), so those go.
        dropped: set[str] = set()
        fresh: set[int] = set()
        for path in stale_files:
            known = self._files.get(path)
            tree = files.get(path)
            if (
                known is None
                or tree is None
                or known.module is not tree
                or self._where.get(id(tree.body), (None,))[0] is not tree.body
            ):
                self._drop_file(path)
                dropped.add(path)
                continue
            fresh.update(self._refresh_tops(path, tree, known))
        for path, module in files.items():
            known = self._files.get(path)
            if known is not None and known.module is not module:
                self._drop_file(path)
                known = None
            if known is None:
                self._add_file(path, module)
        for path, top in stale_tops.values():
            known = self._files.get(path)
            if known is None or path in dropped or id(top) not in known.tops or id(top) in fresh:
                continue  # walked again, or no longer there
            self._drop_top(path, top)
            self._add_top(path, top)
        # A node first seen in what was just walked again (a block put in, then
        # edited; a file added, then edited) is accounted for. Any other one is in
        # no file the index knows: which, if any, holds it is not known, so all
        # are walked again.
        if any(id(node) not in self._where for node in unknown):
            self._files.clear()
            self._by_key.clear()
            self._where.clear()
            for path, module in files.items():
                self._add_file(path, module)
        self._signature = signature

    def _add_file(self, path: str, module: n.Module) -> None:
        self._files[path] = _File(module)
        self._where[id(module)] = (module, path, None)
        self._where[id(module.body)] = (module.body, path, None)
        for top in _tops(module):
            self._add_top(path, top)

    def _refresh_tops(self, path: str, module: n.Module, known: _File) -> set[int]:
        """Bring the items of a file whose list of items changed in line: the ones gone
        are unlisted, the new ones walked; returns the ids of those walked."""
        now = _tops(module)
        ids = {id(top) for top in now}
        for top, _keys in list(known.tops.values()):
            if id(top) not in ids:
                self._unlist(path, top, known)
        walked: set[int] = set()
        for top in now:
            if id(top) in known.tops:
                known.memos.pop(id(top), None)
            else:
                self._add_top(path, top)
                walked.add(id(top))
        return walked

    def _add_seeded(self, path: str, module: n.Module, tops: Seed) -> None:
        """``_add_file`` from what a walk found (the same entries, without the walk)."""
        known = self._files[path] = _File(module)
        where, by_key, items = self._where, self._by_key, known.tops
        where[id(module)] = (module, path, None)
        where[id(module.body)] = (module.body, path, None)
        for top, keys, named in tops:
            where[id(top)] = (top, path, top)
            for node in named:
                where[id(node)] = (node, path, top)
            items[id(top)] = (top, keys)
            for key in keys:
                by_key.setdefault(key, {})[id(top)] = (path, top)

    def _drop_file(self, path: str) -> None:
        known = self._files.pop(path, None)
        if known is None:
            return
        for top, _keys in list(known.tops.values()):
            self._unlist(path, top, known)

    def _add_top(self, path: str, top: n.Node) -> None:
        self._where[id(top)] = (top, path, top)
        keys = keys_of(top, self._where, path)
        self._files[path].tops[id(top)] = (top, keys)
        for key in keys:
            self._by_key.setdefault(key, {})[id(top)] = (path, top)

    def _drop_top(self, path: str, top: n.Node) -> None:
        known = self._files[path]
        self._unlist(path, top, known)

    def _unlist(self, path: str, top: n.Node, known: _File) -> None:
        _top, keys = known.tops.pop(id(top))
        known.memos.pop(id(top), None)
        for key in keys:
            holders = self._by_key.get(key)
            if holders is not None:
                holders.pop(id(top), None)
                if not holders:
                    del self._by_key[key]
        # Entries of ``_where`` for the nodes under it stay: they still name its file
        # and item, which an edit of them makes walk again (harmlessly, if gone).

    def _touched(self, node: object) -> None:
        if self._blind:
            return
        self._pending.append(node)
        if len(self._pending) > _MAX_PENDING:
            self._pending.clear()
            self._blind = True

    def hand_over(self) -> TraversalIndex:
        """This index, for a new analysis of the same module (the trees a fix did not
        change are the same objects, and keep what was found in them); this one starts
        again from nothing, should it be asked again."""
        new = TraversalIndex()
        if not self._blind:
            new._files, new._by_key, new._where = self._files, self._by_key, self._where
            # An edit of a node the index does not know is in a tree it never brought
            # in (those it was given as seeds), whose edits changed its text, so the
            # new analysis has it parsed again, or in a fragment put in since, which
            # the edit putting it in accounts for: it no longer says anything.
            where = self._where
            new._pending = [node for node in self._pending if id(node) in where]
            self._pending = []
        self._files, self._by_key, self._where, self._seeds = {}, {}, {}, {}
        self._blind = False
        self._signature = ()
        return new


class Holders:
    """The answer of ``TraversalIndex.holding``: ``top in holders`` for a top-level
    item, ``path in holders.paths`` for a file."""

    __slots__ = ("_ids", "paths")

    def __init__(self, ids: frozenset[int], paths: frozenset[str]) -> None:
        self._ids = ids
        self.paths = paths

    def __contains__(self, top: object) -> bool:
        return id(top) in self._ids

    def __len__(self) -> int:
        return len(self._ids)


def _tops(module: n.Module) -> Iterable[n.Node]:
    return [c for c in module.body.children if isinstance(c, n.Node)]


def _walked_tops(tops: Seed, module: n.Module) -> bool:
    """Whether ``module``'s top-level items are still the very ones ``tops`` were found in."""
    now = [c for c in module.body.children if isinstance(c, n.Node)]
    return len(now) == len(tops) and all(a is b[0] for a, b in zip(now, tops, strict=True))


# The indexes in use, told of every edit.
_live: weakref.WeakSet[TraversalIndex] = weakref.WeakSet()


def _observe(node: object) -> None:
    for index in list(_live):
        index._touched(node)


edit.observers.append(_observe)
