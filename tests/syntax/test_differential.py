"""Differential test: tffix's tree, in python-hcl2's shape, equals ``hcl2.loads``.

python-hcl2 (8.1.x) is an independent HCL2 parser. ``hcl2_shape`` renders a
tffix tree the way python-hcl2 serialises its own (comments off: where
python-hcl2 attaches comments depends on its grammar, and it drops some), so
equality on every real file means both parsers found the same blocks, labels,
attributes, values and expression structure.

Known differences are python-hcl2's, each listed with the input that shows it
and checked to still be one (a fixed oracle bug makes that case fail, so the
list cannot rot).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tffix
from tests.conftest import SHARED_CORPUS, corpus_id, roundtrip_files, shared_corpus_files
from tests.syntax.hcl2_shape import OracleQuirk, module_to_dict

hcl2 = pytest.importorskip("hcl2", reason="python-hcl2 is the differential oracle")
OPTIONS = hcl2.SerializationOptions(with_comments=False)


def oracle(text: str) -> dict:
    return hcl2.loads(text, serialization_options=OPTIONS)


def ours(text: str) -> dict:
    return module_to_dict(tffix.parse(text))


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"shared corpus absent: {SHARED_CORPUS}")
def test_shared_corpus_matches_python_hcl2() -> None:
    files = shared_corpus_files()
    mismatches = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        if oracle(text) != ours(text):
            mismatches.append(corpus_id(path))
    assert not mismatches, f"{len(mismatches)} files differ: {mismatches[:20]}"
    assert len(files) >= 800


# Our own edge cases that python-hcl2 8.1 rejects although Terraform accepts them.
ORACLE_REJECTS = {
    "bom": "UTF-8 BOM",
    "bom_only": "UTF-8 BOM",
    "unicode_identifiers": "non-ASCII identifier",
    "heredoc_end_marker_trailing_spaces": "spaces after the heredoc end marker",
    "comments_everywhere": "comments between labels / inside ${} / after '='",
    "template_strip_markers": "${~ x ~} strip markers",
    "escaped_interpolation_markers": "a literal `%%{` / `$${` at the end of a string",
    "interpolation_edge_cases": "newlines inside ${ }",
    "literals_and_unary": "a doubled unary operator (`!!x`, `--1`)",
    "operators_precedence": "a doubled unary operator (`- -x`)",
    "provider_functions": "a provider function call inside an interpolation",
    "splats": "spaces inside `[ * ]`",
    "for_attribute_with_trivia": "comments before and after an argument's '='",
}


@pytest.mark.parametrize("path", roundtrip_files(), ids=corpus_id)
def test_own_corpus_matches_python_hcl2(path: Path) -> None:
    from tffix.syntax.parser import decode

    text = decode(path.read_bytes())
    try:
        expected = oracle(text)
    except Exception as exc:  # the oracle's own failure, not ours
        assert path.stem in ORACLE_REJECTS, f"python-hcl2 rejects it; say why: {exc!r:.200}"
        pytest.skip(f"python-hcl2 rejects valid HCL here: {ORACLE_REJECTS[path.stem]}")
    try:
        got = ours(text)
    except OracleQuirk as exc:
        pytest.fail(f"python-hcl2 accepted what it should reject: {exc}")
    if got != expected and path.stem in KNOWN_DIFFERENCES:
        pytest.xfail(KNOWN_DIFFERENCES[path.stem])
    assert got == expected


# Files where python-hcl2's output is wrong (so equality is not expected).
KNOWN_DIFFERENCES: dict[str, str] = {}


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('x "l" /* c */ {\n}\n', "a comment before '{' becomes a fake block label"),
        ("a = x /* c */ + y\n", "a comment before an operator is glued into the operator"),
        ("a = (true)\n", "parenthesised literals print Python reprs (True)"),
    ],
)
def test_known_oracle_bugs_still_differ(text: str, why: str) -> None:
    """Each documented python-hcl2 bug still shows; if one is fixed, revisit the list."""
    expected = oracle(text)
    got = ours(text)
    if why.startswith("parenthesised"):
        assert got == expected == {"a": "${(True)}"}  # our converter mimics this one
    else:
        assert got != expected, why


@pytest.mark.parametrize(
    "text",
    [
        'a = 1\nb = -2.5\nc = 1e3\nd = true\ne = null\nf = name\ng = "s\\n${x.y[0]}"\n',
        'r "t" "n" {\n  a = [1, "x", {k = v}]\n  n { x = 1 }\n  n { x = 2 }\n}\n',
        "a = b ? c + d * e : f(g, h...)\n",
        'a = [for k, v in m : "${k}=${v}" if v != null]\nb = {for x in l : x => x...}\n',
        "a = x.*.y[*].z\nb = x.0.y\nc = -x\nd = !y\ne = (a || b) && c\n",
        'a = "%{ if x }y%{ else }z%{ endif }%{ for i in l }${i}%{ endfor }"\n',
        "a = <<EOF\nhello ${x}\nEOF\nb = <<-EOT\n  x\n  EOT\n",
        'a = { (k) = 1, "q" = 2, 3 = 4 }\n',
    ],
)
def test_snippets_match_python_hcl2(text: str) -> None:
    assert ours(text) == oracle(text)
