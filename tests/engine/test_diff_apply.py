"""The diffs tffix prints apply with ``git apply`` and ``patch -p1``, byte for byte.

A diff that drops the ``\\ No newline at end of file`` marker, or splits lines
where ``diff`` does not (``str.splitlines`` splits at a lone CR, form feeds and
Unicode separators), either fails to apply or gives another file: the oracle
here is the real tools, on the real bytes.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
from pathlib import Path

import pytest

from tffix.cst.write import unified_diff
from tffix.engine.runner import FileResult
from tffix.syntax.parser import encode

TEXTS = {
    "lf": "a = 1\nb = 2\nc = 3\n",
    "lf_no_eol": "a = 1\nb = 2\nc = 3",
    "lf_changed_last": "a = 1\nb = 2\nc = 4\n",
    "lf_changed_last_no_eol": "a = 1\nb = 2\nc = 4",
    "crlf": "a = 1\r\nb = 2\r\nc = 3\r\n",
    "crlf_no_eol": "a = 1\r\nb = 2\r\nc = 3",
    "crlf_changed_first": "a = 0\r\nb = 2\r\nc = 3\r\n",
    "one_line_no_eol": "x = 1",
    "separators": 'a = 1 # \x0c \u2028 \x1c\nb = "\r"\nc = 3\n',  # one line each for diff
    "empty": "",
}
PAIRS = [(a, b) for a, b in itertools.permutations(TEXTS, 2)]


def _apply(tool: str, directory: Path, diff: str) -> None:
    if tool == "git":
        argv = ["git", "apply", "--whitespace=nowarn", "-"]
    else:
        argv = ["patch", "-p1", "--quiet", "--batch", "--binary"]
    done = subprocess.run(argv, cwd=directory, input=encode(diff), capture_output=True, check=False)
    assert done.returncode == 0, (done.stdout + done.stderr).decode(errors="replace") + diff


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("needs git")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


@pytest.mark.parametrize("tool", ["git", "patch"])
@pytest.mark.parametrize(("old", "new"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_file_result_diff_applies(workdir: Path, tool: str, old: str, new: str) -> None:
    if tool == "patch" and shutil.which("patch") is None:
        pytest.skip("needs patch")
    target = workdir / "mod" / "main.tf"
    target.parent.mkdir()
    target.write_bytes(encode(TEXTS[old]))
    diff = FileResult(str(target), TEXTS[old], TEXTS[new]).diff("mod/main.tf")
    assert diff.startswith("--- a/mod/main.tf\n+++ b/mod/main.tf\n@@ ")
    _apply(tool, workdir, diff)
    assert target.read_bytes() == encode(TEXTS[new])


@pytest.mark.parametrize(("old", "new"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_write_unified_diff_applies(workdir: Path, old: str, new: str) -> None:
    target = workdir / "main.tf"
    target.write_bytes(encode(TEXTS[old]))
    _apply("git", workdir, unified_diff(TEXTS[old], TEXTS[new], "main.tf").decode())
    assert target.read_bytes() == encode(TEXTS[new])


@pytest.mark.parametrize("new", [t for t in TEXTS if TEXTS[t]])
def test_created_file_diff_applies(workdir: Path, new: str) -> None:
    diff = FileResult("data.tf", "", TEXTS[new], created=True).diff("data.tf")
    assert diff.startswith("--- /dev/null\n+++ b/data.tf\n")
    _apply("git", workdir, diff)
    assert (workdir / "data.tf").read_bytes() == encode(TEXTS[new])


def test_marker_is_written_as_diff_u_writes_it() -> None:
    diff = FileResult("m.tf", "a = 1\nb = 2", "a = 1\nb = 3\n").diff()
    assert diff.endswith("-b = 2\n\\ No newline at end of file\n+b = 3\n")
    diff = FileResult("m.tf", "a = 1\r\n", "a = 1\r\nb = 2").diff()
    assert diff.endswith(" a = 1\r\n+b = 2\n\\ No newline at end of file\n")
    assert FileResult("m.tf", "same", "same").diff() == ""
