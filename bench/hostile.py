"""Hostile-input benchmark: time and memory of parse, format and relayout per input shape.

Run from the repository root::

    PYTHONPATH=. python bench/hostile.py [--scale N] [--only NAME] [--big]

The shapes are the ones ``tests/syntax/test_linearity.py`` checks for linear
growth (nesting, long lines, many comments, ``for`` with trivia, heredocs,
templates, blank lines, and inputs that are refused); here each is built at
``--scale`` times the test's size n and at 4x that, and the table shows, per
shape: input size, parse time (best of 3, CPU seconds), format time (shapes
whose formatted text is not quadratic by definition), the 4x/1x time ratio
(linear: about 4), and the parse's peak traced memory per input byte
(``tracemalloc``, measured in a separate run since tracing slows the parse).

Then every shape at about 1 MB (the issue's target: parsed or refused in
under a second of CPU time; expressions nested past
``scanner.MAX_NESTING`` are refused), and the bytes per character of
ordinary code (corpus files concatenated, ``--corpus-mb``, traced peak).

Then the cases of issue 13, one fresh process each for a true peak RSS
(the input is written to a file first and read with ``parse_file``, so the
peak is the parser's, not the generator's; "per byte" is the growth of the
peak RSS from before reading the file, divided by its size, so reading
alone (the bytes and the decoded text) accounts for about 2):

- single-line lists of 1 and 10 MB (``--list-mb`` adds another size);
- 100,000 interpolations on one line;
- a heredoc with a `${x}` and a `$y` on every line, 5 MB (``--big``: 50 MB);
- 400 and 800 fixes in one file (``relayout`` of a file whose every block
  gained an argument);
- the 38-byte ``{ for####...`` file with 20 and 22 ``#``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import tffix  # noqa: E402
from tests.syntax.test_linearity import FLAT, PARSE_SHAPES, SHAPES  # noqa: E402
from tffix.cst.format import format_text  # noqa: E402


def cpu(run, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def parse_or_refuse(text: str) -> None:
    with contextlib.suppress(tffix.ParseError):
        tffix.parse(text)


def traced_peak(text: str) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        parse_or_refuse(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def shapes_table(scale: float, only: str | None) -> None:
    print(
        f"{'shape':24} {'size':>9} {'parse s':>8} {'x4':>5} {'format s':>9} {'x4':>5} {'B/byte':>7}"
    )
    table = {**{f"for:{k}": v for k, v in SHAPES.items()}, **PARSE_SHAPES}
    for name, (make, n) in table.items():
        if only and only not in name:
            continue
        size = max(1, int(n * scale))
        small, large = make(size), make(4 * size)
        p1 = cpu(lambda text=small: parse_or_refuse(text))
        p4 = cpu(lambda text=large: parse_or_refuse(text))
        fmt = ""
        if name in FLAT:
            f1 = cpu(lambda text=small: format_text(text))
            f4 = cpu(lambda text=large: format_text(text))
            fmt = f"{f4:9.3f} {f4 / max(f1, 1e-4):5.1f}"
        per_byte = traced_peak(large) / len(large)
        print(
            f"{name:24} {len(large):9} {p4:8.3f} {p4 / max(p1, 1e-4):5.1f} {fmt:15} {per_byte:7.0f}"
        )


def size_for(make, target: int) -> int:  # type: ignore[no-untyped-def]
    """The largest n whose text is at most ``target`` characters."""
    hi = 1
    while len(make(hi)) < target:
        hi *= 2
    lo = hi // 2
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if len(make(mid)) <= target:
            lo = mid
        else:
            hi = mid - 1
    return lo


def megabyte_table(only: str | None) -> None:
    print(f"{'shape at 1 MB':28} {'parse s':>8}  outcome")
    table = {**{f"for:{k}": v for k, v in SHAPES.items()}, **PARSE_SHAPES}
    for name, (make, _n) in table.items():
        if only and only not in name:
            continue
        text = make(size_for(make, 1_000_000))
        outcome = "parsed"

        def run(text: str = text) -> None:
            nonlocal outcome
            try:
                tffix.parse(text)
            except tffix.ParseError as exc:
                outcome = f"refused: {exc.message[:60]}"

        seconds = cpu(run, repeat=1)
        flag = "  > 1 s" if seconds > 1 else ""
        print(f"{name:28} {seconds:8.2f}  {outcome}{flag}")


def corpus_bytes_per_char(megabytes: float, layouts: bool = False) -> None:
    """Traced peak of one parse of corpus files concatenated, per character."""
    from tests.conftest import shared_corpus_files
    from tffix.syntax.parser import decode

    parts: list[str] = []
    size = 0
    for path in shared_corpus_files():
        text = decode(path.read_bytes())
        if text.startswith("\ufeff"):
            continue
        try:
            tffix.parse(text)
        except tffix.ParseError:
            continue
        parts.append(text if text.endswith("\n") else text + "\n")
        size += len(parts[-1])
        if size >= megabytes * 1e6:
            break
    if not parts:
        print("ordinary code: no corpus")
        return
    text = "".join(parts)
    seconds = cpu(lambda: tffix.parse(text), repeat=1)
    per_char = traced_peak(text) / len(text)
    print(
        f"ordinary code ({len(text) / 1e6:.1f} MB, {len(parts)} corpus files): "
        f"{seconds:.2f} s CPU, {len(text) / seconds / 1e6:.2f} MB/s, "
        f"{per_char:.1f} bytes per character (traced peak)"
    )
    object_profile(tffix.parse(text), len(text))
    if layouts:
        layout_profile(tffix.parse(text, lazy=False), len(text))


def object_profile(module: tffix.Module, size: int) -> None:
    """Where a parse's memory goes: objects of the tree per kind, per input character.

    ``sys.getsizeof`` counts each object's header, garbage-collector header
    and (lists) item storage; shared strings are counted once.
    """
    from tffix.syntax.nodes import Node
    from tffix.syntax.tokens import Token

    count: dict[str, int] = {}
    size_of: dict[str, int] = {}
    strings: dict[int, str] = {}

    def add(kind: str, obj: object) -> None:
        count[kind] = count.get(kind, 0) + 1
        size_of[kind] = size_of.get(kind, 0) + sys.getsizeof(obj)

    stack: list[object] = [module.body, module.eof]
    while stack:
        item = stack.pop()
        if type(item) is Token:
            add("tokens", item)
            strings[id(item.text)] = item.text
            strings[id(item.pre)] = item.pre
            continue
        assert isinstance(item, Node)
        add("nodes", item)
        add("children lists", item.children)
        stack.extend(item.children)
    for text in strings.values():
        add("strings (distinct)", text)
    total = sum(size_of.values())
    print(f"  objects of the tree: {total / size:.1f} bytes per character")
    for kind, nbytes in sorted(size_of.items(), key=lambda kv: -kv[1]):
        print(
            f"    {kind:20} {count[kind]:9,} ({count[kind] / size * 100:4.1f} per 100 chars)"
            f" {nbytes / size:5.1f} B/char"
        )


def layout_profile(module: tffix.Module, size: int) -> None:
    """What other layouts of the same tree would cost (``--layouts``), per input character.

    Each row copies the parsed tree into stand-in classes laid out another
    way and measures the copy with ``tracemalloc`` (strings and ints are
    shared with the parsed tree, as a parse shares them): the gain a change
    of the node and token classes would bring, before anyone makes it.
    """
    from tffix.syntax.tokens import Token

    class Token5:
        __slots__ = ("column", "line", "pre", "text", "type")

    class Node1:
        __slots__ = ("children",)

    class ListNode(list):  # type: ignore[type-arg]
        __slots__ = ()
        __hash__ = object.__hash__  # type: ignore[assignment]

    leaves = {"Variable", "Number", "Literal", "TemplateLiteral"}

    def token(old: Token) -> Token5:
        new = Token5()
        new.type, new.text, new.pre, new.line, new.column = (
            old.type,
            old.text,
            old.pre,
            old.line,
            old.column,
        )
        return new

    def copy(node, cls, fold):  # type: ignore[no-untyped-def]
        out: list[object] = []
        for child in node.children:
            if type(child) is Token:
                out.append(token(child))
            elif fold and type(child).__name__ in leaves and len(child.children) == 1:
                out.append(token(child.children[0]))
            else:
                out.append(copy(child, cls, fold))
        if cls is ListNode:
            return ListNode(out)
        new = cls()
        new.children = out
        return new

    rows = [
        ("today: a node and its list of children", Node1, False),
        ("a node that is its list of children", ListNode, False),
        ("  and one-token nodes folded into their token", ListNode, True),
    ]
    print("  other layouts of the same tree (copies, traced):")
    for what, cls, fold in rows:
        gc.collect()
        tracemalloc.start()
        try:
            tree = copy(module.body, cls, fold)
            traced = tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
        del tree
        print(f"    {what:48} {traced / size:5.1f} B/char")


# Peak RSS from /proc (VmHWM): getrusage's ru_maxrss survives exec, so a
# child would report its parent's peak if that were higher.
PARSE_CHILD = """
import os, sys, time
import tffix
def peak():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) * 1024
path, what = sys.argv[1], sys.argv[2]
tffix.parse("a = [1]\\n")  # warm-up: the first parse loads the tables
before = peak()
start, cpu = time.perf_counter(), time.process_time()
tffix.parse_file(path)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
size = os.path.getsize(path)
print(f"{what} ({size / 1e6:.1f} MB): {seconds:.2f} s wall, {cpu:.2f} s CPU, "
      f"peak RSS {peak() / 1e6:.0f} MB, {(peak() - before) / size:.1f} per byte")
"""


def list_text(megabytes: float) -> str:
    return "a = [" + "1, " * int(megabytes * 1e6 / 3) + "]\n"


def interpolations_text(count: int) -> str:
    return 'a = "' + "${x}" * count + '"\n'


def heredoc_text(megabytes: float) -> str:
    line = "line ${x} and $y\n"
    return "a = <<EOF\n" + line * int(megabytes * 1e6 / len(line)) + "EOF\n"


def parse_child(what: str, text: str) -> None:
    """Parse ``text`` from a file in a fresh process: time and peak RSS."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hostile.tf"
        path.write_text(text)
        child(PARSE_CHILD, str(path), what)


FIXES_CHILD = """
import sys, time
from tffix.cst.layout import relayout
n = int(sys.argv[1])
block = 'resource "aws_cloudwatch_log_group" "g{0}" {{\\n  name = "g{0}"\\n}}\\n\\n'
before = "".join(block.format(i) for i in range(n))
after = before.replace('"\\n}', '"\\n  retention_in_days = 365\\n}')
start, cpu = time.perf_counter(), time.process_time()
relayout(before, after)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(f"{n} fixes in one file, relayout: {seconds:.2f} s wall, {cpu:.2f} s CPU")
"""

FOR_CHILD = """
import sys, time
import tffix
n = int(sys.argv[1])
text = "a = {\\n  for" + "#" * n + "\\n}\\n"
tffix.parse("a = 1\\n")  # warm-up: the first parse loads the tables
start = time.perf_counter()
try:
    tffix.parse(text)
except tffix.ParseError:
    pass
print(f"{{ for + {n} '#' ({len(text)} bytes): {(time.perf_counter() - start) * 1000:.2f} ms")
"""


def child(code: str, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=False
    )
    print((done.stdout or done.stderr).strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=4.0)
    parser.add_argument("--only")
    parser.add_argument("--list-mb", type=float, help="also a single-line list of this size")
    parser.add_argument("--big", action="store_true", help="the 50 MB heredoc of issue 13")
    parser.add_argument("--corpus-mb", type=float, default=2.0)
    parser.add_argument(
        "--layouts", action="store_true", help="also what other tree layouts would cost"
    )
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    shapes_table(args.scale, args.only)
    print()
    megabyte_table(args.only)
    print()
    corpus_bytes_per_char(args.corpus_mb, args.layouts)
    print()
    for megabytes in (1.0, 10.0, *([args.list_mb] if args.list_mb else [])):
        parse_child("single-line list", list_text(megabytes))
    parse_child("100,000 interpolations on one line", interpolations_text(100_000))
    parse_child("heredoc, `${x}` and `$y` on every line", heredoc_text(50 if args.big else 5))
    for n in ("400", "800"):
        child(FIXES_CHILD, n)
    for n in ("20", "22"):
        child(FOR_CHILD, n)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
