"""Runs settle: a module that only the formatter changes never exits "still changing".

The runner repeats its codemods until nothing changes (at most ten rounds)
and calls anything else two codemods undoing each other. Terraform's
formatter is not idempotent on two inputs, a file holding only a BOM (three
spaces more on every run) and ``"${"${x}"}"`` (one level unwrapped per
run); the fix must settle in one round on both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_tffix

pytestmark = pytest.mark.slow  # runs tffix processes to a fixed point on generated modules


@pytest.mark.parametrize(
    ("data", "fixed"),
    [
        pytest.param(b"\xef\xbb\xbf", None, id="bom_only"),
        pytest.param(b"\xef\xbb\xbf  \n", b"\xef\xbb\xbf\n", id="bom_and_blank_line"),
        pytest.param(
            b"a = " + b'"${' * 10 + b"x" + b'}"' * 10 + b"\n", b"a = x\n", id="nested_ten_deep"
        ),
        pytest.param(
            b'b {\n  a = "${"${"${\n    x\n  }"}"}"\n}\n',
            b'b {\n  a = ("${"${\n    x\n  }"}")\n}\n',  # as repeated terraform fmt runs end
            id="nested_multi_line",
        ),
    ],
)
def test_formatting_alone_settles(tmp_path: Path, data: bytes, fixed: bytes | None) -> None:
    path = tmp_path / "main.tf"
    path.write_bytes(data)
    done = run_tffix("--select", "TF001", "--no-cache", ".", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "still changing" not in done.stderr
    assert path.read_bytes() == (data if fixed is None else fixed)
    again = run_tffix("--select", "TF001", "--no-cache", ".", cwd=tmp_path)
    assert again.returncode == 0 and path.read_bytes() == (data if fixed is None else fixed)
