"""Terraform's JSON configuration as HCL, and HCL edits back as minimal JSON edits.

Codemods work on HCL syntax trees. To let them fix a resource a
``.tf.json`` file declares, the runner gives them the file as HCL: a
*shadow* written from the JSON by the rules of Terraform's JSON syntax
(https://developer.hashicorp.com/terraform/language/syntax/json), one line
per argument, each line knowing the JSON offset it comes from (findings
point into the JSON file). After a codemod ran, ``translate`` compares the
shadow as it was with the tree the codemod left and makes the same change
to the JSON text with ``tffix.json.edit``: arguments set, added or removed,
nested blocks added or removed, new top-level blocks added; every other
byte stays. It then reads the result back and checks that it means what
the codemod's tree means; a change it cannot make exactly (a comment, a
heredoc, a renamed block, an ambiguous nested block) raises
``Unsupported`` and the runner makes it a manual finding.

What JSON cannot tell without a provider's schema is whether an object is
a nested block or an argument holding a map; the shadow guesses (known map
arguments such as ``tags``, keys that are not lowercase names), and the
read-back check catches a guess a fix depends on: both readings write the
same JSON, so only what the codemod reads is at stake.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from tffix.json.document import Document, JArray, JNode, JObject, JScalar, Member, parse
from tffix.json.edit import Editor, Raw
from tffix.syntax import nodes as n
from tffix.syntax.errors import ParseError

JSON_DOC = "https://developer.hashicorp.com/terraform/language/syntax/json"


class Unsupported(ValueError):
    """A JSON file (or a change to one) that the shadow cannot express exactly."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line  # the shadow line it is about (0: the whole file)
        # the top-level block of the shadow it is about: (type, labels...); None: unknown
        self.block: tuple[str, ...] | None = None


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_BLOCK_KEY = re.compile(r"[a-z_][a-z0-9_]*\Z")
# Arguments that hold maps (never nested blocks) in the AWS provider and Terraform.
MAP_ARGUMENTS = frozenset(
    (
        "tags", "tags_all", "variables", "triggers", "parameters", "labels", "metadata",
        "environment_variables", "stage_variables", "request_parameters", "request_templates",
        "response_parameters", "response_templates", "request_models", "response_models",
        "default_tags_all", "attributes", "options", "providers", "context", "inputs",
    )
)  # fmt: skip
# Meta-arguments whose JSON strings are expressions without ``${}`` (keywords/references).
_BARE = {
    "depends_on": "list",
    "ignore_changes": "list",
    "replace_triggered_by": "list",
    "provider": "one",
}
_LABELED = {"dynamic": 1, "provisioner": 1, "backend": 1}
# Meta-arguments: arguments, whatever their value looks like.
_NEVER_BLOCKS = frozenset(("count", "for_each", "depends_on", "provider", "source", "version"))


# ---- JSON -> HCL (the shadow) ---------------------------------------------------------


def _escape_literal(text: str, template: bool) -> str:
    out = json.dumps(text, ensure_ascii=False)[1:-1]
    out = out.replace("\\/", "/")
    if not template:
        out = out.replace("${", "$${").replace("%{", "%%{")
    return out


def _segments(text: str) -> list[tuple[bool, str]]:
    """(is a ``${}``/``%{}`` sequence, text) of a template string, in order."""
    found: list[tuple[bool, str]] = []
    at = literal = 0
    while at < len(text):
        if text.startswith(("$${", "%%{"), at):
            at += 3
            continue
        if not text.startswith(("${", "%{"), at):
            at += 1
            continue
        depth, i, quote = 1, at + 2, False
        while i < len(text) and depth:
            char = text[i]
            if quote:
                if char == "\\":
                    i += 1
                elif char == '"':
                    quote = False
            elif char == '"':
                quote = True
            elif char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            i += 1
        if depth:
            raise Unsupported("an unterminated ${...} sequence in a string")
        if literal < at:
            found.append((False, text[literal:at]))
        found.append((True, text[at:i]))
        at = literal = i
    if literal < len(text):
        found.append((False, text[literal:]))
    return found


def _hcl_string(text: str, template: bool = True) -> str:
    """A JSON string value as HCL: a template (``${}`` kept), or a literal string."""
    if not template:
        return '"' + _escape_literal(text, False) + '"'
    parts = _segments(text)
    if len(parts) == 1 and parts[0][0] and parts[0][1].startswith("${"):
        inner = parts[0][1][2:-1]
        if not inner.startswith("~") and not inner.endswith("~") and inner.strip():
            return inner.strip()
    out = []
    for sequence, part in parts:
        if sequence:
            if "\n" in part:
                raise Unsupported("a ${...} sequence over several lines")
            out.append(part)
        else:
            out.append(_escape_literal(part, True))
    return '"' + "".join(out) + '"'


def _hcl_value(node: JNode, template: bool = True) -> str:
    if isinstance(node, JScalar):
        if isinstance(node.value, str):
            return _hcl_string(node.value, template)
        if node.value is None:
            return "null"
        if isinstance(node.value, bool):
            return "true" if node.value else "false"
        return json.dumps(node.value)
    if isinstance(node, JArray):
        return "[" + ", ".join(_hcl_value(item, template) for item in node.items) + "]"
    assert isinstance(node, JObject)
    items = [
        f"{_hcl_string(m.key, template)} = {_hcl_value(m.value, template)}"
        for m in node.members
        if m.key != "//"
    ]
    return "{" + ", ".join(items) + "}"


def _bare(node: JNode, how: str) -> str:
    """A meta-argument's value: JSON strings that are HCL expressions without ``${}``."""

    def one(item: JNode) -> str:
        if not isinstance(item, JScalar) or not isinstance(item.value, str):
            raise Unsupported("a meta-argument that is not a string")
        text = item.value
        if text.startswith("${") and text.endswith("}"):
            text = text[2:-1]
        if ("\n" in text and how != "type") or not text.strip():
            raise Unsupported("a meta-argument over several lines")
        return text.strip()

    if how == "list" and isinstance(node, JArray):
        return "[" + ", ".join(one(item) for item in node.items) + "]"
    return one(node)


def _objects(node: JNode) -> list[JObject]:
    if isinstance(node, JObject):
        return [node]
    if isinstance(node, JArray) and node.items and all(isinstance(i, JObject) for i in node.items):
        return list(node.items)  # type: ignore[arg-type]
    raise Unsupported("a block that is neither an object nor an array of objects")


def _looks_like_block(key: str, node: JNode) -> bool:
    """Whether an object (or array of objects) under ``key`` of a resource body is a
    nested block rather than an argument holding a map (see the module's docstring)."""
    if key in MAP_ARGUMENTS:
        return False
    objects = [node] if isinstance(node, JObject) else getattr(node, "items", [])
    if not objects or not all(isinstance(o, JObject) for o in objects):
        return False
    return all(_BLOCK_KEY.match(m.key) or m.key == "//" for o in objects for m in o.members)


@dataclass
class Frame:
    """A block of the shadow and the JSON object its body comes from."""

    body: JObject
    kind: str  # what decides its arguments: resource, module, variable, ...
    member: Member | None = None  # where the object sits (None: inside an array)
    array: JArray | None = None  # the array holding this body, if any
    parent: JObject | None = None  # the object holding ``member``
    blocks: list[tuple[str, tuple[str, ...], Frame]] = field(default_factory=list)


@dataclass
class Shadow:
    """The HCL form of one JSON configuration file."""

    doc: Document
    text: str
    origins: list[int]  # per shadow line (0-based): the JSON offset it comes from
    frames: list[tuple[str, tuple[str, ...], Frame]]  # per top-level block, in order
    # JSON containers of the top-level kinds: (block type, type label) -> the object
    containers: dict[tuple[str, ...], JObject] = field(default_factory=dict)

    def position(self, line: int, column: int) -> tuple[int, int]:
        """The JSON file's (line, column) for a shadow position (1-based)."""
        from tffix.json.document import position

        if not self.origins:
            return 1, 1
        offset = self.origins[min(max(line, 1), len(self.origins)) - 1]
        return position(self.doc.text, offset)


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.origins: list[int] = []

    def line(self, text: str, origin: int) -> None:
        for line in text.split("\n"):  # an expression over several lines
            self.lines.append(line)
            self.origins.append(origin)


def _attribute_kind(kind: str, key: str) -> str:
    """How an argument's JSON value reads: ``bare`` (meta-argument expressions),
    ``literal`` (no templates), ``type`` (a type expression), or ``template``."""
    if kind == "variable":
        if key == "type":
            return "type"
        if key in ("default", "description", "nullable", "sensitive", "ephemeral"):
            return "literal"
    if kind in ("resource", "data", "output", "module", "lifecycle") and key in _BARE:
        if kind in ("module", "output") and key == "provider":
            return "template"
        return "bare"
    if kind == "module" and key == "providers":
        return "providers"
    if kind == "dynamic" and key == "iterator":
        return "type"  # a name, written as it is
    if kind == "terraform" and key == "required_version":
        return "literal"
    return "template"


def _attribute(kind: str, member: Member) -> str:
    how = _attribute_kind(kind, member.key)
    if how == "bare":
        return _bare(member.value, _BARE[member.key])
    if how == "type":
        return _bare(member.value, "type")
    if how == "providers":
        if not isinstance(member.value, JObject):
            raise Unsupported("providers that are not an object")
        return (
            "{"
            + ", ".join(f"{m.key} = {_bare(m.value, 'one')}" for m in member.value.members)
            + "}"
        )
    return _hcl_value(member.value, how == "template")


def _child_kind(kind: str, key: str) -> str | None:
    """The kind of a nested block ``key`` in a body of ``kind``, or None (an argument)."""
    if kind in ("module", "locals", "required_providers", "backend"):
        return None
    if kind == "variable":
        return "validation" if key == "validation" else None
    if kind == "output":
        return "check" if key == "precondition" else None
    if kind == "terraform":
        return {
            "required_providers": "required_providers",
            "backend": "backend",
            "cloud": "nested",
        }.get(key)
    if kind == "dynamic":
        return "nested" if key == "content" else None
    if key in _NEVER_BLOCKS:
        return None
    if key == "lifecycle":
        return "lifecycle"
    if key == "dynamic":
        return "dynamic"
    return "nested"


def _body(writer: _Writer, frame: Frame, indent: str) -> None:
    for member in frame.body.members:
        if member.key == "//":
            continue
        child = _child_kind(frame.kind, member.key)
        labels = _LABELED.get(member.key, 0) if child else 0
        if child == "nested" and not labels and not _looks_like_block(member.key, member.value):
            child = None
        if child is None:
            writer.line(
                f"{indent}{member.key} = {_attribute(frame.kind, member)}", member.key_start
            )
            continue
        if not _IDENT.match(member.key):
            raise Unsupported(f"a nested block named {member.key!r}")
        if labels:
            for obj in _objects(member.value):
                for inner in obj.members:
                    if inner.key == "//":
                        continue
                    _nested(writer, frame, member.key, (inner.key,), inner, child, indent)
        else:
            _nested(writer, frame, member.key, (), member, child, indent)


def _nested(
    writer: _Writer,
    frame: Frame,
    type_: str,
    labels: tuple[str, ...],
    member: Member,
    kind: str,
    indent: str,
) -> None:
    array = member.value if isinstance(member.value, JArray) else None
    for obj in _objects(member.value):
        child = Frame(obj, kind, member, array)
        frame.blocks.append((type_, labels, child))
        head = " ".join([type_, *(json.dumps(label) for label in labels)])
        writer.line(f"{indent}{head} {{", member.key_start)
        _body(writer, child, indent + "  ")
        writer.line(f"{indent}}}", member.key_start)


_TOP = {
    "resource": 2, "data": 2, "module": 1, "variable": 1, "output": 1, "provider": 1,
    "check": 1, "locals": 0, "terraform": 0, "moved": 0, "import": 0, "removed": 0,
}  # fmt: skip


def shadow(doc: Document) -> Shadow:
    """The HCL form of a JSON configuration document (``Unsupported`` when it has
    something the shadow cannot express; the file is then read only)."""
    root = doc.root
    if not isinstance(root, JObject):
        raise Unsupported("the file is not a JSON object")
    writer = _Writer()
    frames: list[tuple[str, tuple[str, ...], Frame]] = []
    containers: dict[tuple[str, ...], JObject] = {}
    for top in root.members:
        if top.key == "//":
            continue
        depth = _TOP.get(top.key)
        if depth is None:
            raise Unsupported(f"a top-level {top.key!r}, which tffix does not read")
        levels: list[tuple[tuple[str, ...], Member]] = [((), top)]
        for _level in range(depth):
            deeper: list[tuple[tuple[str, ...], Member]] = []
            for labels, member in levels:
                for obj in _objects(member.value):
                    containers.setdefault((top.key, *labels), obj)
                    deeper.extend(((*labels, m.key), m) for m in obj.members if m.key != "//")
            levels = deeper
        kind = {"data": "resource", "check": "check", "locals": "locals"}.get(top.key, top.key)
        for labels, member in levels:
            array = member.value if isinstance(member.value, JArray) else None
            parent = containers.get((top.key, *labels[:-1])) if labels else root
            for obj in _objects(member.value):
                frame = Frame(obj, kind, member, array, parent)
                frames.append((top.key, labels, frame))
                head = " ".join([top.key, *(json.dumps(label) for label in labels)])
                writer.line(f"{head} {{", member.key_start)
                _body(writer, frame, "  ")
                writer.line("}", member.key_start)
                writer.line("", member.key_start)
    text = "\n".join(writer.lines)
    return Shadow(doc, text + ("\n" if text else ""), writer.origins, frames, containers)


def read(text: str) -> Shadow:
    """``shadow`` of a JSON text (``Unsupported`` also when it is not JSON)."""
    from tffix.json.document import JsonSyntaxError

    try:
        doc = parse(text)
    except JsonSyntaxError as exc:
        raise Unsupported(f"not JSON: {exc}") from None
    return shadow(doc)


# ---- HCL -> JSON (the edits) -----------------------------------------------------------

_HCL_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def _unescape(text: str) -> str:
    """HCL's backslash escapes decoded; ``$${`` and ``%%{`` kept (JSON strings are
    templates too)."""

    def one(match: re.Match[str]) -> str:
        code = match.group()[1]
        if code in "uU":
            return chr(int(match.group()[2:], 16))
        if code not in _SIMPLE:
            raise Unsupported(f"an unknown escape {match.group()!r}")
        return _SIMPLE[code]

    return _HCL_ESCAPE.sub(one, text)


def _code(node: n.Node) -> str:
    """An expression's text without its leading trivia, its lines after the first
    dedented together (an expression over several lines keeps its newlines, which
    separate object items)."""
    lines = [line.rstrip("\r") for line in node.code.strip().split("\n")]
    rest = [line for line in lines[1:] if line.strip()]
    cut = min((len(line) - len(line.lstrip(" \t")) for line in rest), default=0)
    return "\n".join([lines[0], *(line[cut:] for line in lines[1:])])


def _comment_text(comment: str) -> str:
    if comment.startswith("/*"):
        return comment[2:-2].strip()
    return comment.lstrip("#").removeprefix("//").strip()


def _own_comments(block: n.Block, top: bool) -> str | None:
    """The comments of ``block`` itself (above it when ``top``, and inside it but not
    inside its nested blocks), as the text of a ``"//"`` property, or None."""
    inner: set[int] = set()
    for nested in block.body.blocks:
        tokens = list(nested.tokens())
        inner.update(id(t) for t in tokens[1:])  # the first one's trivia is outside it
    for attribute in block.body.attributes:
        for token in list(attribute.value.tokens())[1:]:
            if token.comments:
                raise Unsupported("a comment inside a value", token.line)
    found: list[str] = []
    tokens = list(block.tokens())
    for index, token in enumerate(tokens):
        if (index == 0 and not top) or id(token) in inner:
            continue
        found.extend(_comment_text(c) for c in token.comments)
    return "\n".join(found) if found else None


def _has_comment(node: n.Node) -> bool:
    return any(token.comments for token in node.tokens())


def value(expr: n.Expression, how: str = "template") -> Any:
    """An HCL expression as the JSON value Terraform reads the same from."""
    while isinstance(expr, n.Parens) and how != "template":
        expr = expr.expr
    if how in ("bare", "type"):
        if isinstance(expr, n.Tuple) and how == "bare":
            return [value(e, "bare") for e in expr.elements]
        return _code(expr)
    if isinstance(expr, n.Number):
        try:
            json.loads(expr.text)
        except ValueError:
            return "${" + expr.text + "}" if how == "template" else float(expr.value)
        return Raw(expr.text)
    if isinstance(expr, n.Literal):
        return expr.value
    if isinstance(expr, n.TemplateString):
        if how == "literal":
            if not expr.is_literal:
                raise Unsupported("a template where Terraform's JSON syntax takes a literal")
            return expr.literal_value()
        out = []
        for part in expr.parts:
            if isinstance(part, n.TemplateLiteral):
                out.append(_unescape(part.text))
            else:
                code = part.code
                if "\n" in code:
                    raise Unsupported("a ${...} sequence over several lines")
                out.append(code.strip() if isinstance(part, n.Interpolation) else code)
        return "".join(out)
    if isinstance(expr, n.Tuple):
        return [value(e, how) for e in expr.elements]
    if isinstance(expr, n.Object):
        result: dict[str, Any] = {}
        for item in expr.items:
            key = item.key
            while isinstance(key, n.Parens):
                key = key.expr
            name = item.key_name()
            if isinstance(key, n.Variable) and name is not None:
                result[name] = value(item.value, how)
            elif isinstance(key, n.TemplateString):
                result[value(key, how)] = value(item.value, how)
            elif how == "template":
                result["${" + " ".join(key.code.split()) + "}"] = value(item.value, how)
            else:
                raise Unsupported("a computed key where Terraform's JSON syntax takes a literal")
        return result
    if isinstance(expr, n.Heredoc):
        raise Unsupported("a heredoc string")
    if how != "template":
        raise Unsupported("an expression where Terraform's JSON syntax takes a literal")
    if _has_comment(expr):
        raise Unsupported("an expression with a comment in it")
    return "${" + _code(expr) + "}"


def _attribute_value(kind: str, attribute: n.Attribute) -> Any:
    how = _attribute_kind(kind, attribute.name)
    if how == "providers":
        if not isinstance(attribute.value, n.Object):
            raise Unsupported("providers that are not an object")
        return {
            item.key_name() or value(item.key, "bare"): value(item.value, "bare")
            for item in attribute.value.items
        }
    return value(attribute.value, how)


def model(
    body: n.Body, kind: str, block: n.Block | None = None, top: bool = False, comments: bool = True
) -> dict[str, Any]:
    """A block body as the JSON object Terraform reads the same from; with ``block``,
    its comments go in a ``"//"`` property (Terraform's JSON comments)."""
    result: dict[str, Any] = {}
    if block is not None and comments:
        comment = _own_comments(block, top)
        if comment is not None:
            result["//"] = comment
    for attribute in body.attributes:
        result[attribute.name] = _attribute_value(kind, attribute)
    for block in body.blocks:
        child = _child_kind(kind, block.type) or "nested"
        inner: Any = model(block.body, child, block, comments=comments)
        holder, key = result, block.type
        for label in block.labels:  # dynamic "name" {...}: {"dynamic": {"name": {...}}}
            holder = holder.setdefault(key, {})
            if not isinstance(holder, dict):
                raise Unsupported(f"{block.type} blocks both with and without labels", block.line)
            key = label
        if key in holder:  # blocks of one kind (and labels): an array of their bodies
            previous = holder[key]
            holder[key] = [*previous, inner] if isinstance(previous, list) else [previous, inner]
        else:
            holder[key] = inner
    return result


def _plain(value: Any) -> Any:
    """A model with numbers as numbers (``1e3`` and ``1000`` are one value)."""
    if isinstance(value, Raw):
        return json.loads(value.text)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _module_model(module: n.Module) -> list[Any]:
    """Every top-level block's model, in a canonical order (JSON keeps its own order)."""
    found = []
    for block in module.body.blocks:
        kind = {"data": "resource", "check": "check"}.get(block.type, block.type)
        model_ = model(block.body, kind, block, comments=False)
        found.append((block.type, tuple(block.labels), _plain(model_)))
    return sorted(found, key=lambda item: (item[0], item[1]))


def _same(a: n.Node, b: n.Node) -> bool:
    return "".join(a.code.split()) == "".join(b.code.split())


def _diff_body(
    editor: Editor, frame: Frame, old: n.Body, new: n.Body, block: n.Block, top: bool = False
) -> None:
    comment = _own_comments(block, top)
    if comment is not None:
        existing = frame.body.get("//")
        if existing is None:
            editor.add(frame.body, "//", comment)
        elif not (isinstance(existing.value, JScalar) and existing.value.value == comment):
            raise Unsupported("a comment where the JSON has one already", block.line)
    before = {a.name: a for a in old.attributes}
    after = {a.name: a for a in new.attributes}
    for name, attribute in after.items():
        member = frame.body.get(name)
        if name not in before:
            if member is not None:  # it was a nested block in the shadow
                raise Unsupported(f"{name} set both as a block and as an argument", attribute.line)
            editor.add(frame.body, name, _attribute_value(frame.kind, attribute))
        elif not _same(before[name].value, attribute.value):
            assert member is not None
            editor.replace(member.value, _attribute_value(frame.kind, attribute))
    for name in before:
        if name not in after:
            member = frame.body.get(name)
            assert member is not None
            editor.remove(frame.body, member)
    old_groups: dict[tuple[str, tuple[str, ...]], list[n.Block]] = {}
    for block in old.blocks:
        old_groups.setdefault((block.type, tuple(block.labels)), []).append(block)
    new_groups: dict[tuple[str, tuple[str, ...]], list[n.Block]] = {}
    for block in new.blocks:
        new_groups.setdefault((block.type, tuple(block.labels)), []).append(block)
    frames: dict[tuple[str, tuple[str, ...]], list[Frame]] = {}
    for type_, labels, child in frame.blocks:
        frames.setdefault((type_, labels), []).append(child)
    for key in [*old_groups, *(k for k in new_groups if k not in old_groups)]:
        olds, news = old_groups.get(key, []), new_groups.get(key, [])
        children = frames.get(key, [])
        type_, labels = key
        if len(news) >= len(olds):
            for block_old, block_new, child in zip(olds, news, children, strict=False):
                _diff_body(editor, child, block_old.body, block_new.body, block_new)
            added = news[len(olds) :]
            if not added:
                continue
            kind = _child_kind(frame.kind, type_) or "nested"
            values = [model(b.body, kind, b) for b in added]
            if olds:
                array = children[0].array
                if array is not None:
                    for item in values:
                        editor.append(array, item)
                    continue
                # one object becomes an array of them: the first as written, the new after
                first = children[0].member
                if len(olds) != 1 or first is None or not _same(olds[0], news[0]):
                    raise Unsupported(
                        f"a second {type_} block where the JSON has one object", added[0].line
                    )
                if labels:  # dynamic "x": {...}: the member under the label
                    holder = frame.body.get(type_)
                    if holder is None or not isinstance(holder.value, JObject):
                        raise Unsupported(f"a second {type_} block", added[0].line)
                    first = holder.value.get(labels[-1]) or first
                editor.replace(first.value, [_indented(editor, first.value), *values])
                continue
            if labels:
                holder = frame.body.get(type_)
                if holder is None:
                    editor.add(
                        frame.body, type_, {labels[0]: values[0] if len(values) == 1 else values}
                    )
                elif isinstance(holder.value, JObject):
                    editor.add(holder.value, labels[0], values[0] if len(values) == 1 else values)
                else:
                    raise Unsupported(f"a {type_} block beside an array of them", added[0].line)
                continue
            if frame.body.get(type_) is not None:
                raise Unsupported(
                    f"a {type_} block where the JSON has an argument {type_}", added[0].line
                )
            editor.add(frame.body, type_, values[0] if len(values) == 1 else values)
            continue
        # blocks removed: those whose text is gone, the others must be as they were
        remaining = list(news)
        gone: list[Frame] = []
        for block_old, child in zip(olds, children, strict=False):
            if remaining and _same(remaining[0], block_old):
                remaining.pop(0)
            else:
                gone.append(child)
        if remaining or not gone:
            raise Unsupported(f"{type_} blocks both changed and removed", olds[0].line)
        if len(gone) == len(children) and not labels:
            member = gone[0].member
            assert member is not None
            editor.remove(frame.body, member)
        elif labels and len(gone) == len(children):
            holder = frame.body.get(type_)
            member = gone[0].member
            if holder is None or member is None or not isinstance(holder.value, JObject):
                raise Unsupported(f"a {type_} block removed from an array", olds[0].line)
            # the holder goes with its last label, unless a block of that type comes in
            others = [k for k in new_groups if k[0] == type_ and k[1] and k not in old_groups]
            if len(holder.value.members) == 1 and not others:
                editor.remove(frame.body, holder)
            else:
                editor.remove(holder.value, member)
        else:
            raise Unsupported(f"one of several {type_} blocks removed", olds[0].line)


def _add_top(editor: Editor, shadow_: Shadow, block: n.Block) -> None:
    root = shadow_.doc.root
    assert isinstance(root, JObject)
    depth = _TOP.get(block.type)
    if depth is None or len(block.labels) != depth:
        raise Unsupported(f"a new {block.type} block", block.line)
    kind = {"data": "resource", "check": "check"}.get(block.type, block.type)
    body: Any = model(block.body, kind, block, top=True)
    if depth == 0:
        if root.get(block.type) is not None:
            raise Unsupported(f"a second {block.type} block", block.line)
        editor.add(root, block.type, body)
        return
    labels = tuple(block.labels)
    # the deepest container that exists already, then the rest as new objects
    for cut in range(depth - 1, -1, -1):
        container = shadow_.containers.get((block.type, *labels[:cut]))
        if container is not None:
            if container.get(labels[cut]) is not None:
                raise Unsupported(f"a {block.type} block beside one of the same name", block.line)
            inner = body
            for label in reversed(labels[cut + 1 :]):
                inner = {label: inner}
            editor.add(container, labels[cut], inner)
            return
    if root.get(block.type) is not None:
        raise Unsupported(
            f"a new {block.type} block where the JSON has an array of them", block.line
        )
    inner = body
    for label in reversed(labels):
        inner = {label: inner}
    editor.add(root, block.type, inner)


def _indented(editor: Editor, node: JNode) -> Raw:
    """A node's text one indentation step deeper (it moves into a new array)."""
    text = editor.doc.text[node.start : node.end]
    newline = editor.style.newline
    return Raw(text.replace(newline, newline + editor.style.unit))


def _remove_top(editor: Editor, shadow_: Shadow, gone: list[Frame]) -> None:
    """Take the members of removed top-level blocks out, and the objects that held only
    them (``"aws_x": {"a": {...}}`` goes when ``a`` goes)."""
    removed: dict[int, int] = {}
    parents: dict[int, JObject] = {}
    for frame in gone:
        if frame.array is not None or frame.member is None or frame.parent is None:
            raise Unsupported("a block removed from an array of blocks")
        editor.remove(frame.parent, frame.member)
        removed[id(frame.parent)] = removed.get(id(frame.parent), 0) + 1
        parents[id(frame.parent)] = frame.parent
    # containers emptied: their own member goes, up to the root
    holders: dict[int, tuple[JObject, Member]] = {}
    root = shadow_.doc.root
    assert isinstance(root, JObject)
    for labels, container in shadow_.containers.items():
        outer = shadow_.containers.get(labels[:-1]) if len(labels) > 1 else root
        if outer is None:
            continue
        for member in outer.members:
            if member.value is container:
                holders[id(container)] = (outer, member)
    changed = True
    while changed:
        changed = False
        for key, count in list(removed.items()):
            obj = parents[key]
            if count == len(obj.members) and key in holders:
                outer, member = holders.pop(key)
                editor.discard(obj)  # its members go with it
                editor.remove(outer, member)
                removed[id(outer)] = removed.get(id(outer), 0) + 1
                parents[id(outer)] = outer
                changed = True


def translate(shadow_: Shadow, old: n.Module, new: n.Module) -> str:
    """The JSON text with the change from ``old`` (the shadow as written) to ``new``
    (as a codemod left it) made, or ``Unsupported``."""
    editor = Editor(shadow_.doc)
    olds = list(old.body.blocks)
    if len(olds) != len(shadow_.frames):
        raise Unsupported("the shadow does not match its JSON file")
    remaining = list(new.body.blocks)
    gone: list[Frame] = []
    for block, (type_, labels, frame) in zip(olds, shadow_.frames, strict=True):
        match = next((b for b in remaining if b.type == type_ and tuple(b.labels) == labels), None)
        if match is None:
            gone.append(frame)
            continue
        remaining.remove(match)
        try:
            _diff_body(editor, frame, block.body, match.body, match, top=True)
        except Unsupported as exc:
            exc.block = (type_, *labels)
            raise
    for item in new.body.items:
        if isinstance(item, n.Attribute):
            raise Unsupported("a top-level argument", item.line)
    # a block renamed (its last label): the key changes, the body is edited in place
    for frame in list(gone):
        block = olds[[f for _, _, f in shadow_.frames].index(frame)]
        same = [
            b
            for b in remaining
            if b.type == block.type
            and b.labels[:-1] == block.labels[:-1]
            and b.labels
            and b.labels[-1] != block.labels[-1]
        ]
        if len(same) == 1 and frame.member is not None and frame.array is None:
            if frame.parent is not None and frame.parent.get(same[0].labels[-1]) is not None:
                continue
            editor.rename(frame.member, same[0].labels[-1])
            _diff_body(editor, frame, block.body, same[0].body, same[0], top=True)
            gone.remove(frame)
            remaining.remove(same[0])
    _remove_top(editor, shadow_, gone)
    for block in remaining:
        _add_top(editor, shadow_, block)
    try:
        text = editor.apply() if not editor.empty else shadow_.doc.text
    except ValueError as exc:  # edits that overlap: not one change tffix can write
        raise Unsupported(str(exc)) from None
    try:
        after = read(text)
        check = _module_model(_parse_shadow(after.text))
    except (Unsupported, ParseError) as exc:
        raise Unsupported(f"the edited JSON does not read back ({exc})") from None
    if check != _module_model(new):
        raise Unsupported("the JSON edit would not mean what the fix means")
    return text


def _parse_shadow(text: str) -> n.Module:
    from tffix.syntax.parser import parse as parse_hcl

    return parse_hcl(text)
