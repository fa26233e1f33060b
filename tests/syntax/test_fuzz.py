"""Mutation fuzzing: damaged real files parse, or are refused cleanly, and quickly.

Every case is a seed file (our corpus, small shared-corpus files, the
hostile shapes of ``test_linearity``) with a few random mutations: spans
deleted, duplicated or swapped, and fragments inserted that open or close a
context (``{ for``, ``${``, ``<<EOF``, ``/*``, quotes, runs of ``#`` or
spaces). For each one:

- ``parse`` returns a tree that prints back the same text, or raises
  ``ParseError`` at a position inside the file (never another exception);
- a tree that parses formats, and the formatted text parses again;
- all of that within a per-case time budget (a timer signal interrupts a
  case that hangs, so a hang fails the test instead of stalling CI).

The full suite runs 100,000 cases (seeded: the same cases every run; about
half a minute), the fast subset a sample of them; ``TFFIX_FUZZ_CASES`` runs
more or fewer and ``TFFIX_FUZZ_SEED`` picks other ones. A failure prints the
seed, the case number and the text.
"""

from __future__ import annotations

import os
import random

import pytest

import tffix
from tests.conftest import OWN_CORPUS, SHARED_CORPUS
from tests.growth import TooSlow, deadline
from tffix.cst.format import format_module
from tffix.syntax.parser import decode

CASES = int(os.environ.get("TFFIX_FUZZ_CASES", "100000"))
SAMPLE = 1000  # cases of the fast subset
SEED = int(os.environ.get("TFFIX_FUZZ_SEED", "13"))
BUDGET = float(os.environ.get("TFFIX_FUZZ_BUDGET", "2"))  # seconds per case, wall clock
SHARDS = 4

FRAGMENTS = [
    "{", "}", "[", "]", "(", ")", '"', "${", "%{", "~}", "}\"", "{ for ", "[for ", "for",
    " in ", " if ", ": ", "=>", "...", "=", ",", "\n", "\r\n", "\r", "#", "//", "/*", "*/",
    "<<EOF\n", "<<-EOT\n", "\nEOF\n", "EOT", "\\", "\\u", "$${", "%%{", "\ufeff", "\x00",
    "\t", ".*", "[*]", "::", "?", "!", "-", "1e", "0.", "a.0.1", "\udcff", "\u00a0",
    "#" * 40, " " * 40, "/**/" * 10, "{" * 30, "[" * 30, '"${' * 10,
]  # fmt: skip


def _seeds() -> list[str]:
    texts = [decode(p.read_bytes()) for p in sorted((OWN_CORPUS / "roundtrip").glob("*.tf"))]
    texts += [decode(p.read_bytes()) for p in sorted((OWN_CORPUS / "invalid").glob("*.tf"))]
    if SHARED_CORPUS.is_dir():
        small = [p for p in sorted(SHARED_CORPUS.rglob("*.tf")) if p.stat().st_size < 3000]
        texts += [decode(p.read_bytes()) for p in small[::8]]
    from tests.syntax.test_linearity import SHAPES

    texts += [make(40) for make, _n in SHAPES.values()]
    return texts


def mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 4)):
        n = len(text)
        i = rng.randint(0, n)
        j = min(n, i + rng.choice((1, 1, 2, 5, 20, 200)))
        op = rng.random()
        if op < 0.25:
            text = text[:i] + text[j:]  # delete a span
        elif op < 0.4:
            text = text[:j] + text[i:j] * rng.randint(1, 5) + text[j:]  # repeat it
        elif op < 0.5 and n:
            k = rng.randint(0, n)  # move it elsewhere
            piece, rest = text[i:j], text[:i] + text[j:]
            k = min(k, len(rest))
            text = rest[:k] + piece + rest[k:]
        elif op < 0.95:
            text = text[:i] + rng.choice(FRAGMENTS) + text[i:]
        else:
            text = text[:i]  # truncate
    return text


def check(text: str) -> None:
    """The properties every input must have (see the module docstring)."""
    try:
        module = tffix.parse(text)
    except tffix.ParseError as exc:
        lines = text.removeprefix("\ufeff").split("\n")
        assert 1 <= exc.line <= len(lines), f"error line out of range: {exc}"
        assert 1 <= exc.column <= len(lines[exc.line - 1]) + 1, f"error column out of range: {exc}"
        return
    assert module.code == text, "the tree does not print back the text"
    formatted = module.bom + format_module(module, bom_kept=True)
    tffix.parse(formatted)


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(SHARDS))
def test_mutants_parse_or_fail_cleanly_within_budget(shard: int) -> None:
    run_cases(shard, CASES // SHARDS)


def test_a_sample_of_mutants_parse_or_fail_cleanly_within_budget() -> None:
    """The first cases of the first shard, for the fast subset."""
    run_cases(0, min(SAMPLE, CASES // SHARDS))


def run_cases(shard: int, count: int) -> None:
    """``count`` mutants of shard ``shard``, each checked within the time budget."""
    seeds = _seeds()
    rng = random.Random(f"{SEED}-{shard}")
    for case in range(count):
        text = mutate(rng.choice(seeds), rng)
        where = f"seed {SEED}, shard {shard}, case {case}: {text[:300]!r}"
        try:
            with deadline(BUDGET, "case"):
                check(text)
        except TooSlow:
            pytest.fail(f"no result after {BUDGET} s; {where}")
        except AssertionError as exc:
            pytest.fail(f"{exc}; {where}")
        except tffix.ParseError as exc:
            pytest.fail(f"the formatted text does not parse: {exc}; {where}")
        except Exception as exc:  # any other exception is the bug
            pytest.fail(f"{type(exc).__name__}: {exc}; {where}")


def test_a_hang_fails_the_case() -> None:
    """The budget works: a case that does not finish is stopped and reported."""
    with pytest.raises(TooSlow), deadline(0.2, "case"):
        while True:
            pass


def test_fuzz_seeds_include_the_hostile_shapes() -> None:
    seeds = _seeds()
    assert any("for####" in s for s in seeds)
    assert len(seeds) >= 100 or not SHARED_CORPUS.is_dir()
