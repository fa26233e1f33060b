"""Every codemod against its before/after cases in corpus/<CODE>/.

A case is ``NAME.before.tf`` and ``NAME.after.tf`` (written by hand, and
``terraform fmt`` clean), optionally ``NAME.findings.txt`` with the findings
expected (``CODE line:col status message`` per line, positions in the
``.before.tf`` file, where the run found them). The case runs as a
module holding one file, ``main.tf``; a codemod that creates a file in the
module (``data.tf``) needs ``NAME.after.<file name>`` with its expected
content (``NAME.after.data.tf``), and creating any other file fails the case.
Each case is run twice: the second run must change nothing (idempotence).
``NAME.options.toml``, when present, holds the codemod's options for the case
(``days = 30``), checked against the codemod's declarations as a
configuration's ``[options.CODE]`` table is.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import OWN_CORPUS
from tffix.engine.registry import get
from tffix.engine.runner import run_module


def cases(*, with_options: bool = False) -> list[tuple[str, Path]]:
    """(code, NAME.before.tf) of every case; those with ``NAME.options.toml`` only
    when ``with_options`` (other tests run each codemod with its defaults)."""
    out = []
    for directory in sorted(OWN_CORPUS.iterdir()):
        if directory.is_dir() and directory.name[:1].isupper():
            for before in sorted(directory.glob("*.before.tf")):
                name = before.name.removesuffix(".before.tf")
                if with_options or not before.with_name(f"{name}.options.toml").exists():
                    out.append((directory.name, before))
    return out


def _options(before: Path) -> dict[str, object]:
    """The case's options (``NAME.options.toml``), validated as a configuration's are."""
    from tffix.engine.config import parse_config

    name = before.name.removesuffix(".before.tf")
    found = before.with_name(f"{name}.options.toml")
    if not found.exists():
        return {}
    try:
        import tomllib
    except ImportError:  # tomli before Python 3.11
        import tomli as tomllib  # type: ignore[no-redef]

    values = tomllib.loads(found.read_text(encoding="utf-8"))
    return parse_config({"options": {code_of(before): values}}, str(found)).options[code_of(before)]


def code_of(before: Path) -> str:
    return before.parent.name


def _run(
    code: str, path: Path, options: dict[str, object] | None = None
) -> tuple[str, dict[str, str], list[str]]:
    """(new main.tf, {name: content} of the files created, manual findings)."""
    result = run_module(str(path.parent), [str(path)], [get(code)(**(options or {}))])
    assert not result.errors, result.errors
    file, *created = result.files
    assert file.path == str(path) and not file.created
    assert all(c.created for c in created)
    findings = [
        f"{f.code} {f.line}:{f.column} {f.status.value} {f.message}"
        for f in result.findings
        if f.status.value == "manual"
    ]
    return file.new, {Path(c.path).name: c.new for c in created}, findings


def _expected_created(before: Path, name: str) -> dict[str, str]:
    prefix = f"{name}.after."
    return {
        p.name.removeprefix(prefix): p.read_bytes().decode("utf-8")
        for p in sorted(before.parent.glob(f"{prefix}*"))
        if p.name != f"{name}.after.tf"
    }


@pytest.mark.parametrize(
    ("code", "before"), cases(with_options=True), ids=lambda v: getattr(v, "name", v)
)
def test_case(code: str, before: Path, tmp_path: Path) -> None:
    name = before.name.removesuffix(".before.tf")
    after = before.with_name(f"{name}.after.tf")
    work = tmp_path / "main.tf"
    shutil.copyfile(before, work)
    options = _options(before)
    new, created, findings = _run(code, work, options)
    assert new == after.read_bytes().decode("utf-8")  # bytes: keep CRLF
    assert created == _expected_created(before, name)
    expected_findings = before.with_name(f"{name}.findings.txt")
    if expected_findings.exists():
        assert findings == expected_findings.read_text(encoding="utf-8").splitlines()
    else:
        assert findings == []
    work.write_bytes(new.encode("utf-8"))
    paths = [work]
    for file_name, content in created.items():
        (tmp_path / file_name).write_bytes(content.encode("utf-8"))
        paths.append(tmp_path / file_name)
    again = run_module(str(tmp_path), [str(p) for p in paths], [get(code)(**options)])
    assert not again.errors, again.errors
    assert not again.changed_files, "second run changed the module: the codemod is not idempotent"
    findings_again = [
        f"{f.code} {f.line}:{f.column} {f.status.value} {f.message}"
        for f in again.findings
        if f.status.value == "manual"
    ]
    # The same findings again (at their places in the fixed file, so compared without).
    assert [_unplaced(f) for f in findings_again] == [_unplaced(f) for f in findings]


def _unplaced(finding: str) -> str:
    code, _position, rest = finding.split(" ", 2)
    return f"{code} {rest}"


def test_every_builtin_codemod_has_at_least_five_cases() -> None:
    from tffix.engine.registry import builtin_codemods

    per_code: dict[str, int] = {}
    for code, _ in cases():
        per_code[code] = per_code.get(code, 0) + 1
    for codemod in builtin_codemods():
        assert per_code.get(codemod.code, 0) >= 5, codemod.code


def test_codemods_import_through_the_installed_package_name() -> None:
    """`codemods/` installs as `tffix.codemods`: a top-level `codemods` import only
    works in a source checkout, and breaks `pip install .` (it did once)."""
    import re

    from tests.conftest import REPO

    bad = []
    for path in sorted((REPO / "codemods").glob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"\s*(from|import)\s+codemods\b", line):
                bad.append(f"{path.name}:{number}: {line.strip()}")
    assert not bad, "\n".join(bad)
