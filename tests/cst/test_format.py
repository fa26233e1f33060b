"""``tffix.cst.format`` against its oracle, ``terraform fmt`` (1.11), byte for byte.

- (a) every shared-corpus file that ``terraform fmt -check`` calls clean is
  left unchanged;
- (b) every shared-corpus file, with its whitespace mangled (random
  indentation, extra spaces between tokens where HCL allows them, collapsed
  ``=`` alignment, trailing spaces, CRLF line endings for some), formats to
  exactly what ``terraform fmt`` writes for the same mangled copy;
- (c) the terragoat files that Terraform would reformat come out as it
  writes them;
- (d) one small input per rule (interpolation unwrapping, legacy type
  keywords, labels, heredocs, comments, alignment, indentation, spacing,
  line endings, end of file), with the expected text computed by running
  Terraform in the test; inputs Terraform rejects must raise ``ParseError``.

Terraform runs once per group of files (a temporary directory holding them
all), not once per file. The ``tffix fmt`` command is tested at the end.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

import tffix
from tffix.__main__ import main
from tffix.cst.format import format_module, format_text
from tffix.cst.write import unified_diff, write_atomic
from tffix.syntax.parser import decode, encode
from tffix.syntax.scanner import scan

# Resolved: ../shared may be a symbolic link, and terraform prints real paths.
CORPUS = (Path(__file__).resolve().parents[2].parent / "shared" / "corpus").resolve()
TERRAFORM = shutil.which("terraform")
ENV = {**os.environ, "TF_CLI_CONFIG_FILE": os.devnull}

needs_terraform = pytest.mark.skipif(
    TERRAFORM is None, reason="terraform not on PATH: `terraform fmt` is the formatter's oracle"
)
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus absent: {CORPUS}")


def run_terraform_fmt(directory: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TERRAFORM or "terraform", "fmt", "-no-color", *args, str(directory)],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )


def terraform_outputs(directory: Path, inputs: dict[str, bytes]) -> dict[str, bytes | None]:
    """What ``terraform fmt`` writes for each input (None: it rejects the file); one run."""
    directory.mkdir(parents=True, exist_ok=True)
    names = {}
    for i, key in enumerate(inputs):
        names[key] = f"{i:05d}.tf"
        (directory / names[key]).write_bytes(inputs[key])
    done = run_terraform_fmt(directory)
    rejected = set(re.findall(r"(\d{5}\.tf)", done.stderr))
    return {
        key: None if name in rejected else (directory / name).read_bytes()
        for key, name in names.items()
    }


def fmt(data: bytes) -> bytes:
    return encode(format_text(decode(data)))


# ---- the shared corpus ----------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> dict[str, bytes]:
    files = sorted(CORPUS.rglob("*.tf"))
    assert files, f"no .tf files under {CORPUS}"
    return {str(p.relative_to(CORPUS)): p.read_bytes() for p in files}


@pytest.fixture(scope="module")
def unclean(corpus: dict[str, bytes]) -> set[str]:
    """Corpus files ``terraform fmt -check`` would change (relative paths)."""
    done = run_terraform_fmt(CORPUS, "-check", "-list=true", "-recursive")
    assert done.returncode in (0, 3), done.stderr
    listed = {str(Path(line).resolve().relative_to(CORPUS)) for line in done.stdout.split()}
    assert listed <= corpus.keys()
    return listed


@pytest.mark.slow
@needs_terraform
@needs_corpus
def test_a_clean_corpus_files_are_unchanged(corpus: dict[str, bytes], unclean: set[str]) -> None:
    changed = [rel for rel, data in corpus.items() if rel not in unclean and fmt(data) != data]
    clean = len(corpus) - len(unclean)
    assert clean > 800
    assert not changed, f"{len(changed)} of {clean} clean files changed: {changed[:10]}"


# Tokens whose leading trivia is template text, not whitespace: never touched.
_TEMPLATE_SIDE = frozenset(("TLIT", "TINTERP", "TDIRECTIVE", "CQUOTE", "HEREDOC_CLOSE"))
# Punctuation around which HCL allows any spaces.
_LOOSE = frozenset(
    {"EQ", "COMMA", "COLON", "QMARK", "ARROW", "BINOP"}
    | {"LBRACE", "RBRACE", "LBRACK", "RBRACK", "LPAREN", "RPAREN"}
)
_PIECES = re.compile(r"\r?\n|(?:#|//)(?:[^\r\n]|\r(?!\n))*|/\*.*?\*/|[ \t]+", re.DOTALL)
_INDENTS = ("", " ", "  ", "   ", "    ", "\t", "      ", " \t ", "        ")


def _mangle_trivia(pre: str, rng: random.Random) -> str:
    """New spaces around the newlines and comments of ``pre``; those stay as they are."""
    pieces = _PIECES.findall(pre)
    if "".join(pieces) != pre:
        return pre
    out = []
    line_start = False
    for piece in pieces:
        if piece[0] in " \t":
            out.append(rng.choice(_INDENTS) if line_start else " " * rng.randint(1, 3))
        else:
            if piece[-1] == "\n" and rng.random() < 0.3:
                out.append(" " * rng.randint(1, 3))  # trailing spaces
            out.append(piece)
        line_start = piece[-1] == "\n"
    if line_start:
        out.append(rng.choice(_INDENTS))  # indentation of the token's line
    return "".join(out)


def mangle(text: str, rng: random.Random) -> str:
    """The same code with random whitespace: what ``terraform fmt`` must undo."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    out = [bom]
    prev = ""
    for token in scan(text[len(bom) :]):
        pre = token.pre
        kind = token.type
        if kind in _TEMPLATE_SIDE:
            pass
        elif "\n" in pre or "#" in pre or "/" in pre:
            pre = _mangle_trivia(pre, rng)
        elif pre:
            pre = rng.choice((" ", "  ", "\t", "   ", " \t"))
        elif kind in _LOOSE or prev in _LOOSE:
            pre = rng.choice(("", "", " ", "  "))
        if kind == "EQ" and not pre.strip(" \t"):
            pre = rng.choice(("", " ", " ", "   "))  # alignment collapsed or broken
        elif kind == "NL" and rng.random() < 0.3:
            pre += " " * rng.randint(1, 2)
        out.append(pre)
        out.append(token.text)
        prev = kind
    mangled = "".join(out)
    if rng.random() < 0.35:
        mangled = re.sub(r"(?<!\r)\n", "\r\n", mangled)
    return mangled


@pytest.mark.slow
@needs_terraform
@needs_corpus
def test_b_mangled_corpus_formats_like_terraform(corpus: dict[str, bytes], tmp_path: Path) -> None:
    mangled = {}
    for rel, data in corpus.items():
        text = mangle(decode(data), random.Random(rel))
        mangled[rel] = encode(text)
    changed = sum(mangled[rel] != corpus[rel] for rel in corpus)
    non_empty = sum(bool(data.strip()) for data in corpus.values())
    assert changed > 0.95 * non_empty, "the mangling should change nearly every file"
    # Terraform works on its copies while we format ours.
    names = {}
    for i, rel in enumerate(mangled):
        names[rel] = f"{i:05d}.tf"
        (tmp_path / names[rel]).write_bytes(mangled[rel])
    terraform = subprocess.Popen(
        [TERRAFORM or "terraform", "fmt", "-no-color", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    ours = {}
    unparsable = []
    for rel, data in mangled.items():
        try:
            ours[rel] = fmt(data)
        except tffix.ParseError as exc:
            unparsable.append(f"{rel}: {exc}")
    _, stderr = terraform.communicate()
    assert terraform.returncode == 0, f"terraform rejects mangled files:\n{stderr[:2000]}"
    assert not unparsable, "mangled copies must still parse:\n" + "\n".join(unparsable[:10])
    differ = [rel for rel in mangled if ours[rel] != (tmp_path / names[rel]).read_bytes()]
    assert not differ, f"{len(differ)} of {len(mangled)} differ from terraform fmt: {differ[:10]}"


@pytest.mark.slow
@needs_terraform
@needs_corpus
def test_c_terragoat_files_needing_format_match_terraform(
    corpus: dict[str, bytes], unclean: set[str], tmp_path: Path
) -> None:
    todo = {rel: corpus[rel] for rel in sorted(unclean) if "terragoat" in rel}
    assert todo, "terragoat is expected to have files that need formatting"
    expected = terraform_outputs(tmp_path, todo)
    differ = [rel for rel, data in todo.items() if fmt(data) != expected[rel]]
    assert not differ, f"{len(differ)} of {len(todo)} differ from terraform fmt: {differ}"


# ---- (d) one rule at a time -------------------------------------------------------------

CASES: dict[str, str] = {
    # attribute values that are a single interpolation are unwrapped
    "unwrap": 'a = "${var.x}"\nbb = "${ var.y }"\n',
    "unwrap_strip_markers": 'a = "${~ var.x ~}"\n',
    "unwrap_multiline": 'a = "${\n  var.x\n}"\nb = "${x ?\n  y : z}"\n',
    "unwrap_multiline_parenthesized": 'a = "${(\n  x\n)}"\n',
    "unwrap_nested_template": 'a = "${f("${b}")}"\nc = "${"${d}"}"\n',
    "unwrap_object": 'a = "${ {b = 1} }"\n',
    "unwrap_heredoc": 'a = "${<<EOT\nfoo\nEOT\n}"\n',
    "unwrap_comment_inside": 'a = "${x # c\n}"\nb = 1\n',
    "no_unwrap_text_around": (
        'a = "x${c}"\nb = "${c}x"\nc = "${a}${b}"\nd = "${a}%{if b}%{endif}"\n'
    ),
    "no_unwrap_in_objects": 'a = {\n  b = "${c}"\n}\nd = ["${e}"]\n',
    "unwrap_in_nested_blocks": 'resource "a" "b" {\n  c {\n    d = "${e}"\n  }\n}\n',
    # legacy type keywords in top-level variable blocks
    "type_quoted": (
        'variable "a" {\n  type = "string"\n}\nvariable "b" {\n  type = "list"\n}\n'
        'variable "c" {\n  type = "map"\n}\nvariable "d" {\n  type = "set"\n}\n'
    ),
    "type_bare_collections": (
        'variable "a" {\n  type = list\n}\nvariable "b" {\n  type = map\n}\n'
        'variable "c" {\n  type = set\n}\nvariable "d" {\n  type = string\n}\n'
    ),
    "type_not_rewritten": (
        'variable "a" {\n  type = "${string}"\n}\nvariable "b" {\n  type = ("string")\n}\n'
        'variable "c" {\n  type = "str\\u0069ng"\n}\nvariable "d" {\n  x {\n    type = "string"\n'
        '  }\n}\noutput "e" {\n  type = "string"\n  value = "${x}"\n}\n'
    ),
    "type_with_comments": 'variable "a" {\n  type = /* c */ "list" # d\n}\n',
    # block labels: quoted, re-escaped, comments among them dropped
    "labels_quoted": "resource aws_instance web {}\n",
    "labels_comments": 'resource /* a */ "x" /* b */ "y" /* c */ {}\nb /* d */ {}\n',
    "labels_escapes": 'resource "a\\u0041\\t\\u00a0" "c\\"d\\\\" {}\nresource "e\\u0301" "" {}\n',
    "labels_dollar_percent": 'a "100%" "x$y" {}\nb "$" "%" {}\nc "$${x}" "%%{y}" {}\n',
    # heredocs: text untouched, interpolations inside respaced, marker line kept whole
    "heredoc": (
        "a {\n  b = <<-EOT\n    hello ${ var.x }  \n     %{ if  a }x%{ endif }\n    EOT  \n"
        "    c = 1\n}\n"
    ),
    "heredoc_in_list": "a = [<<EOT\nx\nEOT\n, 2]\nbbb = 1\n",
    "heredoc_alignment_chain": "foo = <<EOF\nx\nEOF\nbarbaz = 1\n",
    "heredoc_multiline_interpolation": "b {\n  a = <<EOT\n${\nfoo\n}\nEOT\n  c = 1\n}\nd = 2\n",
    "heredoc_crlf": "a = <<EOT\r\nx\r\nEOT\r\nbb = 1\r\n",
    # comments
    "comments_aligned": "a = 1 # x\nbbb = 2 // y\n\ncc = 3 # z\nd {\n  e = 1   # w\n}\n",
    "comments_chain_breaks": "a = 1 # x\nbbb = 2\ncc = 3 # y\n# alone\ndddd = 4 # z\n",
    "comments_block": "a = 1 /* x */\nbb = 2 /* y */ # z\nc = [ /* q */ 1, 2 /* r */ ]\n",
    "comments_multiline_block": "/* a\nb */ x = 1\nyy = 2 # c\nz = 1 /* d\ne */ # f\ng = 2 # h\n",
    "comments_in_lists": "a = [\n  1, # one\n  22, # two\n  333 # three\n]\n",
    "comments_trailing_spaces": "# a   \nb = 1 # c  \n",
    "comments_at_eof": "a = 1 # c",
    # alignment of `=`
    "align_equals": "a = 1\nbbbb = 2\ncc {\n  d = 1\n  eeeee = 2\n}\nf = 3\n",
    "align_object_items": 'a = {\n  b = 1\n  ccc = 2\n  "d e" = 3\n  f : 4\n}\n',
    "align_unicode": (
        'a = {\n  "ключ" = 1\n  ab = 2\n  "日本語" = 3\n  "e\u0301" = 4 # c\n'
        '  "👍🏽" = 5 # d\n  "a\u200bb" = 6 # e\n}\n'
    ),
    "align_breaks_on_open_brackets": "a = 1\nbbb = {\n  c = 1\n}\ndd = [\n]\neeee = 1\n",
    # indentation of nested brackets
    "indent_nested": "a = [[\n1,\n]]\nb = f(g(\nx\n))\nc = {\nd = [{\ne = 1\n}]\n}\n",
    "indent_dangling": "a = [\n  1,\n  2]\nb = [1,\n2, [3,\n4]]\nc = {\nd = [\n] }\n",
    "indent_deep": "a = [\n[\n[\n[\n1\n]\n]\n]\n]\n",
    "indent_conditional": "a = (\n  x\n  ? y\n  : z\n)\nb = (\nx +\ny\n)\n",
    "indent_blocks": "a {\nb {\nc = 1\n}\n}\n",
    # one-line blocks and objects
    "one_line_blocks": "a { b = 1 }\nccc { dd = 2 }\ne {}\nx = 1\n",
    "one_line_objects": "a = {b=1, c=2}\nd = {}\ne = { }\nf = {\n}\n",
    # spaces between tokens
    "spacing_operators": "a = 1+2*3/4%5\nb = x==y&&z!=w||!v\nc = a<b?c:d\n",
    "spacing_minus": "a = [-1, 2 - -1, x * -1, -x, (-1), y ? -1 : -2, !-x]\nb = f(-1)\n",
    "spacing_minus_heuristic": 'a = {for k in x: k => -1}\nc = [for x in -y: x]\nd = "${-1}x"\n',
    "spacing_for": "a = [for x in [1,2]: x*2 if x>0]\nb = {for k,v in x: k=>v...}\n",
    "spacing_for_in_paren": "a = [for x in (y): x]\n",
    "spacing_traversals": "a = x [*] . y\nb = x . * . y\nc = x[0] [1]\nd = x.0.y\n",
    "spacing_calls": "a = f ( 1 , 2 )\nb = provider::aws::f( 1 )\nc = f(x ...)\n",
    "spacing_templates": 'a = "${ a }-${b}%{ if c }d%{ endif }${ {e=1} }"\n',
    "spacing_tabs": "a\t=\t[\t1,\t2\t]\n",
    # line endings, BOM and the end of the file
    "crlf": 'resource "a" "b" {\r\n  x = 1 # c\r\n  yyy = 2   # d\r\n}\r\n',
    "mixed_line_endings": "a = 1\r\nbb = 2\ncc = 3\r\n",
    "bom": "\ufeffa   = 1\n",
    "bom_only": "\ufeff",
    "bom_then_spaces": "\ufeff  ",
    "eof_no_newline": "a = 1",
    "eof_spaces": "a = 1\n   ",
    "eof_tab": "a = 1\n\t\t",
    "eof_blank_lines": "a = 1\n\n\n",
    "eof_spaces_no_newline": "a = 1   ",
    "empty": "",
    "only_newlines": "\n\n",
    "only_comment": "   # c",
    "blank_lines_kept": "\n\na = 1\n\n\n\nb = 2\n\n",
    "trailing_spaces": "a = 1   \nb {   \n}   \n",
    # what terraform rejects, and so must we
    "error_duplicate_attribute": "a = 1\na = 2\n",
    "error_duplicate_in_block": "b {\n  c = 1\n  c = 2\n}\n",
    "error_template_in_label": 'resource "a" "x${y}" {}\n',
    "error_directive_in_label": 'resource "a" "x%{if y}z%{endif}" {}\n',
    "error_syntax": "a = \n",
    "error_unclosed_heredoc": "a = <<EOT\nx\nEOT",
}


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes | None]:
    if TERRAFORM is None:
        pytest.skip("terraform not on PATH: `terraform fmt` is the formatter's oracle")
    inputs = {name: encode(text) for name, text in CASES.items()}
    return terraform_outputs(tmp_path_factory.mktemp("cases"), inputs)


# Where tffix deliberately writes something else than terraform fmt, with the
# output we want (checked by hand) and why. Each case also checks that
# terraform still differs, so the list cannot outlive the reason.
DEVIATIONS: dict[str, tuple[str, str]] = {
    "labels_dollar_percent": (
        'a "100%" "x$y" {}\nb "$" "%" {}\nc "$${x}" "%%{y}" {}\n',
        "terraform fmt 1.11 deletes quoted labels that contain `$` or `%` "
        '(`a "100%" {}` becomes `a {}`), which changes the configuration; tffix keeps them',
    ),
}


@needs_terraform
@pytest.mark.parametrize("name", sorted(CASES))
def test_d_rule(name: str, expected: dict[str, bytes | None]) -> None:
    want = expected[name]
    data = encode(CASES[name])
    if name in DEVIATIONS:
        ours, why = DEVIATIONS[name]
        assert want != encode(ours), f"terraform no longer differs here: {why}"
        assert fmt(data) == encode(ours), why
        return
    if name.startswith("error_"):
        assert want is None, "terraform accepts this input; the case is misnamed"
    if want is None:
        with pytest.raises(tffix.ParseError):
            fmt(data)
        return
    got = fmt(data)
    assert got == want, unified_diff(want.decode(), got.decode(), name).decode()


# ---- without terraform ----------------------------------------------------------------


def test_format_basics() -> None:
    assert format_text("a=1\nbbb  =  2\n") == "a   = 1\nbbb = 2\n"
    assert format_text("\ufeffa = 1\r\n") == "a = 1\r\n"  # BOM dropped, CRLF kept
    assert format_text('x {\ny = "${z}"\n}') == "x {\n  y = z\n}"  # no newline added


def test_format_rejects_invalid_input() -> None:
    with pytest.raises(tffix.ParseError) as info:
        format_text("a = 1\nb = [\n", path="main.tf")
    assert info.value.path == "main.tf"
    with pytest.raises(tffix.ParseError, match="already set"):
        format_text("a = 1\nb = 2\na = 3\n")


def test_format_module_of_a_parsed_tree() -> None:
    from tffix.cst.format import format_module

    module = tffix.parse('resource aws_s3_bucket b {\nacl="private"\n}\n')
    assert format_module(module) == 'resource "aws_s3_bucket" "b" {\n  acl = "private"\n}\n'


# ---- file writing -----------------------------------------------------------------------


def test_write_atomic_keeps_mode_and_symlinks(tmp_path: Path) -> None:
    target = tmp_path / "main.tf"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    link = tmp_path / "link.tf"
    link.symlink_to("main.tf")
    write_atomic(link, b"new \xff\n")
    assert link.is_symlink()
    assert target.read_bytes() == b"new \xff\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.tf", "main.tf"]


def test_unified_diff_format() -> None:
    diff = unified_diff("a  = 1\nb = 2", "a = 1\nb = 2", "x/main.tf").decode()
    assert diff.startswith("--- a/x/main.tf\n+++ b/x/main.tf\n@@ -1,2 +1,2 @@\n")
    assert "-a  = 1\n+a = 1\n b = 2\n\\ No newline at end of file\n" in diff
    assert unified_diff("same", "same", "f") == b""


# ---- the `tffix fmt` command --------------------------------------------------------------

UNFORMATTED = b"a  =  1\n"
FORMATTED = b"a = 1\n"


@pytest.fixture()
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small module tree, with the working directory at its root."""
    (tmp_path / "clean.tf").write_bytes(FORMATTED)
    (tmp_path / "dirty.tf").write_bytes(UNFORMATTED)
    (tmp_path / "vars.tfvars").write_bytes(UNFORMATTED)
    (tmp_path / "notes.txt").write_bytes(UNFORMATTED)
    (tmp_path / ".hidden.tf").write_bytes(UNFORMATTED)
    (tmp_path / "backup.tf~").write_bytes(UNFORMATTED)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "nested.tf").write_bytes(UNFORMATTED)
    (tmp_path / ".terraform").mkdir()
    (tmp_path / ".terraform" / "cached.tf").write_bytes(UNFORMATTED)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_fmt_check_lists_and_writes_nothing(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(tree)
    assert main(["fmt", "--check", "."]) == 3
    assert capsys.readouterr().out.split() == ["dirty.tf", "vars.tfvars"]
    assert main(["fmt", "--check", "--recursive", "."]) == 3
    assert capsys.readouterr().out.split() == ["dirty.tf", "sub/nested.tf", "vars.tfvars"]
    assert main(["fmt", "--check", "clean.tf"]) == 0
    assert capsys.readouterr().out == ""
    assert snapshot(tree) == before


def test_fmt_writes_and_keeps_mode(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "dirty.tf").chmod(0o600)
    assert main(["fmt", "-r", str(tree)]) == 0
    assert capsys.readouterr().out.split() == ["dirty.tf", "sub/nested.tf", "vars.tfvars"]
    assert (tree / "dirty.tf").read_bytes() == FORMATTED
    assert (tree / "sub" / "nested.tf").read_bytes() == FORMATTED
    assert stat.S_IMODE((tree / "dirty.tf").stat().st_mode) == 0o600
    for untouched in ("notes.txt", ".hidden.tf", "backup.tf~", ".terraform/cached.tf"):
        assert (tree / untouched).read_bytes() == UNFORMATTED
    assert main(["fmt", "-r", "."]) == 0
    assert capsys.readouterr().out == ""


def test_fmt_diff(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fmt", "--check", "--diff", "dirty.tf"]) == 3
    out = capsys.readouterr().out
    assert out == "dirty.tf\n--- a/dirty.tf\n+++ b/dirty.tf\n@@ -1 +1 @@\n-a  =  1\n+a = 1\n"
    assert (tree / "dirty.tf").read_bytes() == UNFORMATTED


def test_fmt_syntax_error(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "bad.tf").write_bytes(b"a = 1\nb = \n")
    assert main(["fmt", "."]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("bad.tf:2:5: ")
    assert captured.out.split() == ["dirty.tf", "vars.tfvars"]  # the others are still done
    assert (tree / "bad.tf").read_bytes() == b"a = 1\nb = \n"
    assert main(["fmt", "--check", "bad.tf"]) == 2


def test_fmt_bad_paths(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fmt", "notes.txt"]) == 2
    assert "notes.txt" in capsys.readouterr().err
    assert main(["fmt", "missing", "dirty.tf"]) == 2  # stops at the missing path, like terraform
    assert (tree / "dirty.tf").read_bytes() == UNFORMATTED


@needs_terraform
def test_fmt_command_agrees_with_terraform(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--check"], ["--check", "--recursive"]):
        terraform = run_terraform_fmt(Path("."), *[a.replace("--", "-") for a in args])
        status = main(["fmt", *args, "."])
        assert (status, capsys.readouterr().out) == (terraform.returncode, terraform.stdout)


def test_fmt_many_files_in_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Enough files for the process pool: same listing, order and errors as in-process."""
    monkeypatch.chdir(tmp_path)
    for i in range(48):
        (tmp_path / f"f{i:02d}.tf").write_bytes(UNFORMATTED if i % 3 == 0 else FORMATTED)
    (tmp_path / "f47.tf").write_bytes(b"a = [\n")
    assert main(["fmt", "--check", "."]) == 2
    captured = capsys.readouterr()
    assert captured.out.split() == [f"f{i:02d}.tf" for i in range(0, 46, 3)]
    assert captured.err.startswith("f47.tf:2:1: ")
    assert main(["fmt", "."]) == 2
    capsys.readouterr()
    assert (tmp_path / "f45.tf").read_bytes() == FORMATTED


# ---- fixed points: what a fix needs where terraform fmt is not one -------------------

NESTED = {
    "nested_10": "a = " + '"${' * 10 + "x" + '}"' * 10 + "\n",
    "nested_multiline": 'b {\n  a = "${"${"${\n    x\n  }"}"}"\n}\n',
    "nested_with_text": 'a = "${"${"p${x}"}"}"\n',
    "nested_heredoc": 'a = "${"${<<EOT\nt\nEOT\n}"}"\n',
    "nested_in_object": 'a = { k = "${"${x}"}" }\nb = "${"${x}"}${y}"\n',
}


def terraform_until_stable(directory: Path, text: str) -> bytes:
    """What repeated ``terraform fmt`` runs end with (each unwraps one level)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "main.tf"
    path.write_bytes(encode(text))
    for _ in range(20):
        before = path.read_bytes()
        run_terraform_fmt(directory)
        if path.read_bytes() == before:
            return before
    raise AssertionError("terraform fmt did not settle in 20 runs")


@pytest.mark.slow  # terraform fmt until nothing changes, per case
@needs_terraform
@pytest.mark.parametrize("name", sorted(NESTED))
def test_converge_gives_what_repeated_terraform_fmt_runs_give(name: str, tmp_path: Path) -> None:
    text = NESTED[name]
    want = terraform_until_stable(tmp_path, text)
    module = tffix.parse(text)
    assert encode(format_module(module, converge=True)) == want
    # and without converge, what one run gives (one level)
    once = terraform_outputs(tmp_path / "once", {name: encode(text)})[name]
    assert encode(format_text(text)) == once


@pytest.mark.slow  # times growing inputs
def test_converge_is_a_fixed_point_and_linear_on_deep_nesting() -> None:
    from tests.growth import assert_linear

    def nest(depth: int) -> str:
        return "a = " + '"${' * depth + "x" + '}"' * depth + "\n"

    assert format_module(tffix.parse(nest(3000)), converge=True) == "a = x\n"
    assert_linear(lambda t: format_module(tffix.parse(t), converge=True), nest, 2000)


@pytest.mark.parametrize("text", ["\ufeff", "\ufeff  ", "\ufeff\n", "\ufeffa=1\n"])
def test_bom_kept_counts_no_spaces_for_the_bom(text: str) -> None:
    """terraform fmt turns a lone BOM into three spaces; a caller that keeps the BOM must not."""
    module = tffix.parse(text)
    once = module.bom + format_module(module, bom_kept=True)
    again = tffix.parse(once)
    assert again.bom + format_module(again, bom_kept=True) == once
    assert once == "\ufeff" + format_text(text[1:])
