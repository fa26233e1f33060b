"""Long lists kept as text: the same tree, the same errors, as building everything.

A tuple, object or template with more than ``build.LIST_CAP`` entries is
checked without building it (runs of plain entries are not even tokenized)
and kept as its source text until someone asks for its children. Nothing of
that may show: here the cap and the span threshold are lowered so that
nearly every container goes that way, and every file of the corpus, every
mutant of the fuzzer's seeds and the hostile shapes must give exactly the
tree (every token's type, text, trivia, line and column, every node's type)
or exactly the error of the plain parse that builds everything at once.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

import tffix
from tests.conftest import SHARED_CORPUS
from tests.syntax.test_fuzz import _seeds, mutate
from tffix.syntax import build, nodes, scanner
from tffix.syntax.parser import _run, decode
from tffix.syntax.tokens import Token


def shape(node: nodes.Node | Token) -> Iterator[object]:
    """Every node's type and every token's fields, in order (iterative: deep trees)."""
    stack: list[object] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Token):
            yield (item.type, item.text, item.pre, item.line, item.column)
        elif isinstance(item, str):
            yield item
        else:
            assert isinstance(item, nodes.Node)
            yield type(item).__name__
            stack.append(")")
            stack.extend(reversed(item.children))


def outcome(text: str, *, lazy: bool) -> tuple[object, ...]:
    try:
        body, eof = _run(text, None, lazy=lazy)
    except tffix.ParseError as exc:
        return ("error", exc.message, exc.line, exc.column)
    except RecursionError:
        return ("recursion",)
    code = tffix.Module(body, eof).code  # printed before anything is materialized
    return ("tree", code, *shape(body), *shape(eof))


@pytest.fixture
def tiny_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "LIST_CAP", 2)
    monkeypatch.setattr(scanner, "LAZY_SPAN", 0)


def check(text: str) -> None:
    lazy = outcome(text, lazy=True)
    full = outcome(text, lazy=False)
    assert lazy[:2] == full[:2], text[:300]
    assert lazy == full, text[:300]
    if full[0] == "tree":
        assert full[1] == text


LONG = [
    "a = [" + "1, " * 50 + "]\n",
    "a = [\n" + '  "x${y}", # c\n' * 30 + "]\n",
    'a = "' + "${x}ab\\n$${z}%y" * 40 + '"\n',
    "a = <<EOF\n" + "line ${x} $y\n" * 40 + "EOF\n",
    "a = <<-EOT\n" + "  ${x}EOT\n  $${y} %z\n" * 40 + "  EOT\n",
    "a = <<EOF\n" + "${x}\n" * 40 + "${ x + }\nEOF\n",
    "a = [<<EOF\n" + "${x}\n" * 40 + "x" * 5000 + "${a.b}\nEOF\n, 1, 2]\n",
    "b {\n  a = {" + "k = 1, " * 40 + "}\n  c = 2\n}\n",
    "a = {\n" + "".join(f'  k{i} = "{i}"\n\n' for i in range(40)) + "}\n",
    "a = {\r\n" + "  k: 1\r\n" * 40 + "}\r\n",
    "a = [[" + "1, " * 40 + "], [" + "2, " * 40 + "]]\n",
    "a = [" + "[1, 2], " * 40 + "]\n",
    "a = [" + '[1, "a",], [], [x\n], [ ], ' * 20 + "]\n",
    "a = [" + "[1, 2], " * 20 + "[for, 1], " + "[1], " * 20 + "]\n",
    "a = [" + "[1, 2], " * 20 + "[ for x in y : x], [1 2], " + "]\n",
    "a = [" + "[1, 2], " * 20 + "[for-x, 1], [forx], [fo, r]" + "]\n",
    "a = f(" + "1, " * 40 + ")\n",
    "a = x::y(" + "1, " * 40 + ")\n",
    'b "' + '" "'.join("l" * 40) + '" {\n}\n',
    'a = "%{ for x in y }' + "${x}" * 40 + '%{ endfor }"\n',
    "a = [" + "1, " * 40 + "][0]\n",
    "a = [" + "1, " * 40 + "1 2]\n",
    "a = [" + "1, " * 40 + "\n",
    "a = [" + '"x", ' * 40 + '"y\\q"]\n',
    "a = {" + "k = 1, " * 40 + "k = }\n",
    "a = {" + "k = 1\n" * 40 + "k = 1 }\n",
    "a = [" + "1, " * 40 + "for x in y : x]\n",
    "a = [for k, v in [" + "1, " * 40 + "] : v]\n",
    "a = [" + "1.5e3, x-y, true, null, " * 20 + "]\n",
    'a = "' + "${x}" * 40 + "${ 1 + }" + '"\n',
    'a = "' + "${x}" * 40 + "\\" + '"\n',
    "a = [" + "1, " * 40 + "]\nb = [" + "2, " * 40 + "]\n",
    # Long traversals and operator chains, kept as text the same way.
    "a = x" + ".b[0]" * 40 + "\n",
    "a = x" + ".b[0]" * 40 + ".c\nb = y" + ".d" * 40 + "[*].e\n",
    "a = f(1)" + '.b["k"][0].c.0' * 20 + ".*.d[*]\n",
    "a = -x" + ".b" * 40 + " + 1 * y" + ".c" * 40 + "\n",
    "a = " + "x + " * 40 + "1\n",
    "a = " + "x + 1 == y != 2 && z || w < 3 > 4 <= 5 >= 6 % 7 / 8 - 9 * " * 10 + "1\n",
    "a = " + '"s" + ' * 40 + "<<EOF\nx\nEOF\n",
    "a = " + "x < " * 40 + "<<EOF\nx\nEOF\n",
    "a = (" + "x +\n" * 40 + "1)\n",
    "a = [" + "x + /* c */ y + # c\n" * 20 + "1]\n",
    "a = " + "x + " * 40 + "1 ? 2 : 3\n",
    "a = x ? " + "y + " * 40 + "1 : " + "z" + ".a" * 40 + "\n",
    "a = [for k, v in x" + ".b" * 40 + " : v + " + "k + " * 40 + "1 if k" + ".c" * 40 + "]\n",
    "a = {for k, v in x : k => " + "v + " * 40 + "1...}\n",
    'a = "${' + "x + " * 40 + "1}" + "${y" + ".z" * 40 + '}"\n',
    "a = " + "x + " * 40 + "\n",
    "a = x" + ".b" * 40 + ".\n",
    "a = x" + ".b" * 40 + ".0.1\n",
    "a = " + "x + " * 40 + "[" + "1, " * 40 + "]" + ".y" * 40 + "\n",
    "a = [" + "1, " * 40 + "]" + "[0]" * 40 + " + 1\n",
    "a = " + "f(x" + ".b" * 10 + ") + " * 20 + "1\n",
    "a = x" + ".b" * 40 + "\r\nb = " + "1 + " * 40 + "2\r\n",
]


@pytest.mark.parametrize("text", LONG, ids=range(len(LONG)))
def test_long_containers(text: str, tiny_cap: None) -> None:
    check(text)


@pytest.mark.slow
def test_corpus_and_mutants(tiny_cap: None) -> None:
    seeds = _seeds() + LONG
    if SHARED_CORPUS.is_dir():
        seeds += [decode(p.read_bytes()) for p in sorted(SHARED_CORPUS.rglob("*.tf"))[::3]]
    for text in seeds:
        check(text)
    rng = random.Random(13)
    for _ in range(3000):
        check(mutate(rng.choice(seeds), rng))


def test_a_long_list_is_kept_as_text_until_asked() -> None:
    text = "a = [" + "1, " * 10_000 + "]\n"
    module = tffix.parse(text)
    (attribute,) = module.body.attributes
    value = attribute.value
    assert isinstance(value, nodes.Tuple)
    assert value._lazy is not None  # kept as text
    assert module.code == text  # printing does not parse it
    assert value._lazy is not None
    assert len(value.elements) == 10_000  # asking does, once
    assert value._lazy is None
    assert value.children[1].line == 1 and value.children[1].column == 6
    first = value.elements[0]
    assert value.elements[0] is first


@pytest.mark.parametrize(
    ("text", "kept", "plain"),
    [
        ("a = x" + ".b[0]" * 5_000 + "\n", nodes.LazyTraversal, nodes.Traversal),
        ("a = (\n  " + "x +\n  " * 5_000 + "1)\n", nodes.LazyBinary, nodes.Binary),
    ],
    ids=["traversal", "chain"],
)
def test_a_long_traversal_or_chain_is_kept_as_text_until_asked(
    text: str, kept: type[nodes.Node], plain: type[nodes.Node]
) -> None:
    module = tffix.parse(text)
    value = module.body.attributes[0].value
    if isinstance(value, nodes.Parens):
        value = value.expr
    assert type(value) is kept  # kept as text, under the plain class's name
    assert isinstance(value, plain) and type(value).__name__ == plain.__name__
    assert module.code == text  # printing does not parse it
    assert type(value) is kept
    children = value.children  # asking does, once, and the node becomes a plain one
    assert type(value) is plain and value.children is children
    full = tffix.parse(text, lazy=False).body.attributes[0].value
    if isinstance(full, nodes.Parens):
        full = full.expr
    assert list(shape(value)) == list(shape(full))
    assert module.code == text


def test_children_given_to_a_kept_node_make_it_plain() -> None:
    module = tffix.parse("a = x" + ".b" * 5_000 + "\n")
    value = module.body.attributes[0].value
    assert type(value) is nodes.LazyTraversal
    value.children = [nodes.Traversal([])]  # (nonsense, but what was asked)
    assert type(value) is nodes.Traversal
    assert len(value.children) == 1
