"""Edits on the CST that touch only what a fix needs.

Every function here mutates the tree in place and keeps each untouched
token, comment and blank line where it was. New lines get the indentation of
the body they go into; exact layout (``=`` alignment of the attribute group,
indentation inside a multi-line value) is then settled for the changed lines
only by ``tffix.cst.layout.relayout``, the way ``terraform fmt`` would write
them.

Comments follow the item they describe: the comment lines directly above an
attribute or block (no blank line between) and its trailing ``# ...`` are
its own, and go with it when it is removed; a comment separated by a blank
line stays.
"""

from __future__ import annotations

import re

from tffix.cst.builders import parse_attribute, parse_block, parse_expression
from tffix.syntax import nodes as n
from tffix.syntax.tokens import Token

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    Container = n.Block | n.Module
    Item = n.Attribute | n.Block


class EditError(ValueError):
    """An edit that cannot be made as asked (an anchor that is not there, ...)."""


# ---- change tracking -----------------------------------------------------------

# Told of every edit, with the node edited in place (or that holds what was):
# the runner learns from these which files a codemod changed, instead of
# printing every file of the module to compare (see ``touched``).
observers: list[Callable[[n.Node | n.Module], None]] = []
# Edits made in this process so far: what was worked out from trees holds while
# this count (and the trees) are the same.
edits = 0


def touched(node: n.Node | n.Module) -> None:
    """Say that ``node``, or something under it, was changed in place.

    Every function here calls it. A codemod that changes tokens or children
    itself (``token.pre = ...``) calls it with the node it changed: a file
    nobody said was touched is not printed again to look for changes (tests
    run with ``TFFIX_STRICT=1``, which compares every file and fails on an
    edit that was not said).
    """
    global edits
    edits += 1
    for observer in observers:
        observer(node)


# ---- small helpers -----------------------------------------------------------


def _is_nl(child: object) -> bool:
    return isinstance(child, Token) and child.type == "NL"


def newline_of(container: Container) -> str:
    """The line ending the container already uses (``\\r\\n`` files stay CRLF)."""
    for token in container.tokens():
        if token.type == "NL":
            return token.text
        if "\n" in token.pre:
            return "\r\n" if "\r\n" in token.pre else "\n"
    return "\n"


def _line_indent(token: Token) -> str | None:
    """Indentation of the line ``token`` starts, if it is the first on its line."""
    pre = token.pre
    i = pre.rfind("\n")
    tail = pre[i + 1 :]
    if i < 0 or tail.strip(" \t"):
        return None
    return tail


def _closer(container: Container) -> Token:
    return container.eof if isinstance(container, n.Module) else container.close_brace


def body_indent(container: Container) -> str:
    """Indentation of the items of ``container``'s body."""
    if isinstance(container, n.Module):
        return ""
    for item in container.body.items:
        indent = _line_indent(item.first_token)
        if indent is not None:
            return indent
    return _outer_indent(container) + "  "


def _outer_indent(container: Container) -> str:
    if isinstance(container, n.Module):
        return ""
    return _line_indent(container.first_token) or ""


def _reindent(item: n.Node, indent: str, newline: str) -> None:
    """Shift every line of a built fragment right by ``indent``, in ``newline`` style.

    Blank lines get no indentation (no trailing whitespace), and the text of
    heredocs and quoted strings is never touched.
    """
    line_start = False  # the previous token was a newline token
    for token in item.tokens():
        pre = token.pre
        if "\n" in pre:
            pre = re.sub(r"\r?\n(?![\r\n])", newline + indent, pre)
            pre = re.sub(r"\r?\n(?=\r?\n)", newline, pre)
        elif line_start:
            pre = indent + pre
        token.pre = pre
        if token.type == "NL":
            token.text = newline
        line_start = token.type == "NL"


def _coerce_item(item: Item | str) -> Item:
    if not isinstance(item, str):
        return item
    text = item.strip()
    head = text.split("\n", 1)[0]
    if re.match(r"^[^\W\d][\w-]*\s*=(?!=)", head):
        return parse_attribute(text)
    return parse_block(text)


def _find(body: n.Body, anchor: Item | str) -> Item:
    if isinstance(anchor, str):
        found = body.attribute(anchor)
        if found is None:
            blocks = [b for b in body.blocks if b.type == anchor]
            if not blocks:
                raise EditError(f"no attribute or block named {anchor!r} in this body")
            return blocks[-1]
        return found
    if not any(c is anchor for c in body.children):
        raise EditError(f"{anchor!r} is not an item of this body")
    return anchor


def _index(children: list[n.Child], node: object) -> int:
    for i, child in enumerate(children):
        if child is node:
            return i
    raise EditError(f"{node!r} is not a child here")


def split_leading(pre: str, starts_line: bool) -> tuple[str, list[str], str]:
    """Split an item's leading trivia into (rest of previous line, lines that stay, own part).

    The item's own part is the run of comment lines right above it plus its
    indentation; blank lines, and comments separated from it by a blank
    line, stay where they are. When the item is the first in a block, its
    trivia starts with the end of the ``{`` line, returned separately.
    Public because a codemod that moves an item elsewhere takes its comments
    along the same way (``tffix.aws.s3_split``).
    """
    lines = pre.split("\n")
    indent = lines[-1]
    full = lines[:-1]
    first = ""
    if not starts_line and full:
        first, full = full[0] + "\n", full[1:]
    own_start = len(full)
    while own_start > 0 and full[own_start - 1].strip():
        own_start -= 1
    own = "".join(line + "\n" for line in full[own_start:]) + indent
    return first, full[:own_start], own


def _starts_blank(pre: str) -> bool:
    """True when trivia that starts a line begins with an empty line."""
    return "\n" in pre and not pre.split("\n", 1)[0].strip()


def _first_token_after(container: Container, children: list[n.Child], index: int) -> Token:
    for child in children[index:]:
        if isinstance(child, Token):
            return child
        return child.first_token
    return _closer(container)


# ---- inserting ---------------------------------------------------------------


def expand_single_line(container: n.Block) -> None:
    """Turn ``x { a = 1 }`` into a multi-line block, so that items can be added."""
    children = container.body.children
    if any(_is_nl(c) for c in children) or not children:
        return
    touched(container)
    newline = newline_of(container)
    indent = _outer_indent(container) + "  "
    first = children[0].first_token  # type: ignore[union-attr]
    first.pre = newline + indent
    children.append(Token("NL", newline, "", 0, 0))
    container.close_brace.pre = _outer_indent(container)


def insert(
    container: Container,
    item: Item | str,
    *,
    after: Item | str | None = None,
    before: Item | str | None = None,
    blank_line: bool = False,
    blank_line_after: bool = False,
) -> Item:
    """Insert an attribute or block into ``container``'s body and return it.

    With ``after``/``before`` (an item or the name of an attribute or block
    type) it goes next to that item; otherwise after the last item, before
    any trailing comments. ``blank_line`` puts an empty line above it, as a
    human separates a nested block from the attributes before it;
    ``blank_line_after`` puts one between it and the item that follows, if
    they are not separated already (a new block, or an attribute that goes
    above a group it does not belong to, stands apart from both sides).

    A blank line splits an attribute group: ``relayout`` re-aligns the
    paragraphs on both sides of a blank line it sees added, so the ``=`` of
    the neighbours needs no help here.
    """
    touched(container)
    new = _place(container, _coerce_item(item), after=after, before=before, blank_line=blank_line)
    if blank_line_after:
        _separate_from_next(container, new)
    return new


def _place(
    container: Container,
    new: Item,
    *,
    after: Item | str | None,
    before: Item | str | None,
    blank_line: bool,
) -> Item:
    """The placement part of ``insert``: ``new`` goes into the body, on its own line."""
    if isinstance(container, n.Block):
        expand_single_line(container)
    body = container.body
    children = body.children
    newline = newline_of(container)
    indent = body_indent(container)
    _reindent(new, indent, newline)
    nl = Token("NL", newline, "", 0, 0)
    blank = newline if blank_line else ""

    if before is not None:
        anchor = _find(body, before)
        i = _index(children, anchor)
        token = anchor.first_token
        first, stay, own = split_leading(
            token.pre, starts_line=i > 0 or isinstance(container, n.Module)
        )
        new.first_token.pre = first + "".join(line + "\n" for line in stay) + blank + indent
        token.pre = own
        children[i:i] = [new, nl]
        return new

    items = body.items
    previous = _find(body, after) if after is not None else (items[-1] if items else None)
    if previous is not None:
        i = _index(children, previous)
        if i + 1 >= len(children) or not _is_nl(children[i + 1]):
            # The last item of a file without a final newline.
            children.insert(i + 1, Token("NL", newline, "", 0, 0))
        new.first_token.pre = blank + indent
        children[i + 2 : i + 2] = [new, nl]
        return new

    closer = _closer(container)
    if isinstance(container, n.Module):
        new.first_token.pre = closer.pre
        closer.pre = ""
        children[:] = [new, nl]
        return new
    cp = closer.pre
    last_nl = cp.rfind("\n")
    lead = cp[: last_nl + 1] if last_nl >= 0 else newline
    new.first_token.pre = lead + indent
    closer.pre = _outer_indent(container)
    children[:] = [new, nl]
    return new


def _separate_from_next(container: Container, item: Item) -> None:
    """Start the item after ``item`` (if any) with a blank line, unless it has one."""
    children = container.body.children
    following = next(
        (c for c in children[_index(children, item) + 1 :] if not isinstance(c, Token)), None
    )
    if following is None:
        return
    token = following.first_token
    if not _starts_blank(token.pre):
        token.pre = newline_of(container) + token.pre


def insert_after(container: Container, anchor: Item | str, item: Item | str) -> Item:
    """``insert(container, item, after=anchor)``, in the order a codemod reads."""
    return insert(container, item, after=anchor)


def append(container: Container, item: Item | str, *, blank_line: bool = False) -> Item:
    """Insert after the last item of the body."""
    return insert(container, item, blank_line=blank_line)


def comment_first(block: n.Block, comment: str, before: Item | None = None) -> None:
    """Put a comment line (``# ...``) at the top of ``block``'s body, or above its item
    ``before``.

    Scanners read waivers such as ``# checkov:skip=ID:reason`` from inside
    the resource they apply to; the top of the body is where people look. A comment
    is part of the item under it: ``before`` names an item that stays in the block
    when another codemod may move the first one out (a bucket's ``acl``).
    """
    touched(block)
    indent = body_indent(block)
    newline = newline_of(block)
    items = block.body.items
    first = before if before is not None else (items[0] if items else None)
    token = first.first_token if first is not None else block.close_brace
    pre = token.pre
    if "\n" in pre:
        head, rest = pre.split("\n", 1)
        token.pre = head + "\n" + indent + comment + newline + rest
    else:
        outer = pre if not items else indent
        token.pre = newline + indent + comment + newline + outer


# ---- removing ----------------------------------------------------------------


def remove(item: Item, within: Container) -> None:
    """Remove an attribute or block with its own comments and its line.

    Blank lines around it collapse to one, and none is left right before
    the closing ``}``.
    """
    touched(within)
    children = within.body.children
    i = _index(children, item)
    starts_line = i > 0 or isinstance(within, n.Module)
    at_file_start = isinstance(within, n.Module) and not any(
        isinstance(c, (n.Attribute, n.Block)) for c in children[:i]
    )
    first, stay, _own = split_leading(item.first_token.pre, starts_line)
    end = i + 2 if i + 1 < len(children) and _is_nl(children[i + 1]) else i + 1
    del children[i:end]
    if i < len(children):
        following = _first_token_after(within, children, i)
        if stay and not stay[-1].strip() and _starts_blank(following.pre):
            stay = stay[:-1]
    else:
        following = _closer(within)
        while stay and not stay[-1].strip():
            stay.pop()
    kept = first + "".join(line + "\n" for line in stay)
    if at_file_start and not kept.strip():
        # A file does not start with the blank line that followed its first block.
        rest = following.pre
        while rest.startswith(("\n", "\r\n")):
            rest = rest.split("\n", 1)[1]
        following.pre = rest
    else:
        following.pre = kept + following.pre


# ---- changing values and names -------------------------------------------------


def set_value(attribute: n.Attribute, value: n.Expression | str) -> n.Expression:
    """Replace an attribute's value, keeping the space after ``=`` and any trailing comment."""
    touched(attribute)
    new = parse_expression(value) if isinstance(value, str) else value
    old = attribute.value
    new.first_token.pre = old.first_token.pre or " "
    attribute.children[2] = new
    return new


def replace(parent: n.Node, old: n.Node, new: n.Node | str) -> n.Node:
    """Replace a child node, giving the new one the old one's leading trivia."""
    touched(parent)
    node = parse_expression(new) if isinstance(new, str) else new
    i = _index(parent.children, old)
    node.first_token.pre = old.first_token.pre
    parent.children[i] = node
    return node


def quoted(value: str) -> str:
    """``value`` as an HCL quoted string literal (escapes, ``$${``/``%%{`` included)."""
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
        .replace("${", "$${")
        .replace("%{", "%%{")
    )
    return f'"{escaped}"'


def rename_label(block: n.Block, index: int, value: str) -> None:
    """Set label ``index`` (0-based) of ``block``, keeping its quoting style."""
    labels = block.label_nodes
    if not 0 <= index < len(labels):
        raise EditError(f"{block.type} block has no label {index}")
    label = labels[index]
    touched(block)
    if isinstance(label, Token):
        label.text = value
        return
    new = parse_expression(quoted(value))
    new.first_token.pre = label.first_token.pre
    block.children[1 + index] = new


def rename_type(block: n.Block, value: str) -> None:
    """Set a block's type keyword (``dynamic`` -> ``...``); rarely needed, labels usually are."""
    touched(block)
    block.type_token.text = value


# ---- references ------------------------------------------------------------------


def traversals(root: n.Node | n.Module) -> Iterator[n.Traversal]:
    """Every traversal under ``root``, including those in templates and heredocs."""
    for node in root.walk():
        if isinstance(node, n.Traversal):
            yield node


def rename_references(
    root: n.Node | n.Module,
    old: tuple[str, ...],
    new: tuple[str, ...],
    *,
    where: Callable[[n.Traversal], bool] | None = None,
) -> int:
    """Rewrite references whose leading names are ``old`` to start with ``new``.

    ``old``/``new`` have the same length: ``("aws_alb",) -> ("aws_lb",)``
    renames a resource type in ``aws_alb.main.arn``; ``("aws_lb", "a") ->
    ("aws_lb", "b")`` renames one resource. Only the root and attribute
    steps (``.name``) are compared, so ``aws_alb.main[0].arn`` matches too.
    ``where`` can exclude places (the ``from`` side of a ``moved`` block).
    Returns how many references changed.
    """
    if len(old) != len(new) or not old:
        raise EditError("old and new reference prefixes must have the same, non-zero length")
    count = 0
    for trav in list(traversals(root)):
        root_node = trav.root
        if not isinstance(root_node, n.Variable) or root_node.name != old[0]:
            continue
        steps = trav.steps
        if len(steps) < len(old) - 1:
            continue
        name_tokens: list[Token] = [root_node.children[0]]  # type: ignore[list-item]
        for k in range(len(old) - 1):
            step = steps[k]
            if not isinstance(step, n.GetAttr) or step.name != old[k + 1]:
                break
            name_tokens.append(step.children[1])  # type: ignore[arg-type]
        else:
            if where is not None and not where(trav):
                continue
            for token, value in zip(name_tokens, new, strict=False):
                token.text = value
            count += 1
    if count:
        touched(root)
    return count
