"""tffix installs and imports as one package: ``tffix.codemods`` and ``tffix.grammar``
resolve by the ordinary import system in a wheel install, an editable install
and a bare checkout, with no ``__path__`` extension at run time.

The sources stay where the project keeps them (``codemods/`` and ``grammar/``
beside ``tffix/``): pyproject maps them into the package for builds, and the
checkout links ``tffix/codemods`` and ``tffix/grammar`` to them so that
``PYTHONPATH=checkout`` and type checkers see the same package an install does.

The installs run offline: a throw-away venv without pip sees this
interpreter's packages (pip, setuptools, lark, click) through a ``.pth`` file,
and pip builds with ``--no-deps --no-build-isolation``. The project is copied
first, so that building leaves nothing (``build/``, egg-info) in the checkout.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO

# What a build needs; the rest of the checkout (corpora, tests) is not packaged.
_NOT_BUILT = {".git", ".venv", "corpus", "tests", "bench", "examples", "build", "dist"}
_CACHES = {"__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache", ".mypy_cache"}

# Run in the new venv, from a directory outside the checkout: where each
# package comes from, that the codemods' data tables are there, and that the
# installed tool parses and fixes a module.
_PROBE = textwrap.dedent(
    """\
    import sys
    # The outer environment (reached through _outer.pth for the build tools) may hold a
    # regular tffix install, as CI's venv does; a user's venv would not: let an editable
    # install's finder come first, as it would there.
    sys.meta_path.sort(key=lambda f: "__editable__" not in getattr(f, "__module__", str(f)))
    import json, pathlib, tffix, tffix.codemods, tffix.grammar
    from importlib.resources import files
    from tffix.engine.registry import builtin_codemods
    from tffix.engine.session import run
    module = pathlib.Path(sys.argv[1])
    report = run([str(module)], [c for c in builtin_codemods() if c.code == "AWS003"], jobs=1)
    print(json.dumps({
        "tffix": tffix.__path__,
        "codemods": tffix.codemods.__path__,
        "grammar": str(files("tffix.grammar") / "hcl2.lark"),
        "tables": sorted(p.name for p in files("tffix.codemods").iterdir()
                         if p.name.endswith(".toml")),
        "codes": [c.code for c in tffix.codemods.BUILTIN],
        "modules": sorted(c.__module__.rsplit(".", 1)[1] for c in tffix.codemods.BUILTIN),
        "statuses": [f.status.value for f in report.findings],
    }))
    """
)


def _venv(tmp: Path) -> Path:
    """A venv whose own site-packages comes first, then this interpreter's."""
    venv = tmp / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", str(venv)],
        check=True,
    )
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    ours = [*site.getsitepackages(), sysconfig.get_paths()["purelib"]]
    Path(purelib, "_outer.pth").write_text("\n".join(dict.fromkeys(ours)) + "\n")
    return python


def _source_copy(tmp: Path) -> Path:
    def skip(directory: str, names: list[str]) -> list[str]:
        top = Path(directory) == REPO
        return [
            n for n in names if (top and n in _NOT_BUILT) or n in _CACHES or n.endswith(".egg-info")
        ]

    src = tmp / "src"
    shutil.copytree(REPO, src, symlinks=True, ignore=skip)
    return src


def _install(python: Path, *spec: str, cwd: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIP_REQUIRE_VIRTUALENV")}
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--disable-pip-version-check", *spec],
        cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def _probe(python: Path, tmp: Path) -> dict[str, object]:
    import json

    module = Path(tempfile.mkdtemp(dir=tmp))
    (module / "main.tf").write_text('resource "aws_kms_key" "k" {\n}\n')
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [str(python), "-c", _PROBE, str(module)],
        cwd=tmp, env=env, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _codemod_modules(src: Path) -> list[str]:
    """The codemod modules of a source tree: every public module of codemods/."""
    return sorted(p.stem for p in (src / "codemods").glob("*.py") if not p.name.startswith("_"))


@pytest.mark.slow  # builds and installs: ~5 s
def test_a_wheel_install_imports_tffix_codemods_from_site_packages(tmp_path: Path) -> None:
    python = _venv(tmp_path)
    src = _source_copy(tmp_path)
    _install(python, str(src), cwd=tmp_path)
    expected = _codemod_modules(src)
    shutil.rmtree(src)  # the install must not need its source any more

    found = _probe(python, tmp_path)

    site_packages = tmp_path / "venv" / "lib"
    for key in ("tffix", "codemods"):
        (path,) = found[key]  # type: ignore[misc]
        assert Path(path).is_relative_to(site_packages), (key, path)
    codemods_dir = Path(found["codemods"][0])  # type: ignore[index]
    assert codemods_dir == Path(found["tffix"][0]) / "codemods"  # type: ignore[index]
    assert not codemods_dir.is_symlink()  # a real package, copied from codemods/
    assert Path(str(found["grammar"])).is_file()
    assert found["tables"] == sorted(p.name for p in (REPO / "codemods").glob("*.toml"))
    assert found["modules"] == expected  # every codemod module was installed and found
    assert found["statuses"] == ["fixed"]  # AWS003 turns rotation on: the install works
    # Only the package is installed: no tests, no top-level codemods or grammar.
    top = {p.name for p in codemods_dir.parents[1].iterdir()}
    assert not top & {"tests", "codemods", "grammar"}


@pytest.mark.slow
def test_an_editable_install_imports_tffix_codemods_from_the_checkout(tmp_path: Path) -> None:
    python = _venv(tmp_path)
    src = _source_copy(tmp_path)
    _install(python, "--editable", str(src), cwd=tmp_path)

    found = _probe(python, tmp_path)

    assert [Path(p) for p in found["tffix"]] == [src / "tffix"]  # type: ignore[attr-defined]
    (codemods_dir,) = found["codemods"]  # type: ignore[misc]
    assert Path(codemods_dir).resolve() == src / "codemods"
    assert Path(str(found["grammar"])).resolve() == src / "grammar" / "hcl2.lark"
    assert found["modules"] == _codemod_modules(src)
    assert found["statuses"] == ["fixed"]

    # Editable: a codemod added to the checkout's codemods/ is found at once.
    source = (REPO / "codemods" / "aws003_kms_key_rotation.py").read_text()
    copy = source.replace('code = "AWS003"', 'code = "XTRA001"')
    assert copy != source
    (src / "codemods" / "xtra001_copy.py").write_text(copy)
    assert "XTRA001" in _probe(python, tmp_path)["codes"]  # type: ignore[operator]


def test_a_bare_checkout_resolves_tffix_codemods_without_path_tricks() -> None:
    """``PYTHONPATH=checkout`` (how the tests start tffix) finds the same package
    through the checkout's links, and ``tffix.__path__`` is tffix/ alone."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    probe = "import tffix, tffix.codemods; print(tffix.__path__[0]); print(tffix.codemods.__file__)"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd="/", env=env, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    package, init = done.stdout.splitlines()
    assert Path(package).resolve() == REPO / "tffix"
    assert Path(init).resolve() == REPO / "codemods" / "__init__.py"
    import tffix

    assert len(tffix.__path__) == 1
    for name in ("codemods", "grammar"):
        link = REPO / "tffix" / name
        assert link.is_symlink() and link.resolve() == REPO / name, link


def test_every_package_of_the_checkout_is_built() -> None:
    """pyproject lists tffix's packages by name: a new subpackage missing from
    the list is left out of wheels (found only by the slow install above)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    on_disk = {
        ".".join(p.parent.relative_to(REPO).parts)
        for p in (REPO / "tffix").rglob("__init__.py")
        if not p.parent.is_symlink()  # tffix/codemods, tffix/grammar: mapped by package-dir
    }
    assert on_disk <= set(setuptools["packages"]), sorted(on_disk - set(setuptools["packages"]))
    assert set(setuptools["package-dir"]) <= set(setuptools["packages"])
