"""The codemod registry: a static catalog in step with the modules, codemods
imported only when a run keeps them, and entry points read once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import types
from importlib import import_module
from pathlib import Path

import pytest

from tests.conftest import REPO
from tffix.codemods._catalog import CATALOG
from tffix.engine import registry
from tffix.engine.codemod import Codemod, Safety


def _row(cls: type[Codemod]) -> str:
    module = cls.__module__.rsplit(".", 1)[1]
    fields = (cls.code, cls.name, cls.safety.value, cls.default_selected, module)
    return (
        "    (" + ", ".join(json.dumps(f) if isinstance(f, str) else str(f) for f in fields) + "),"
    )


def test_the_catalog_lists_every_builtin_module_as_it_declares_itself() -> None:
    found: list[type[Codemod]] = []
    for name in registry.builtin_modules():
        module = import_module(f"tffix.codemods.{name}")
        classes = registry._defined_in(vars(module), module.__name__)
        assert len(classes) == 1, f"{name}: one codemod per module, found {len(classes)}"
        found.extend(classes)
    expected = [_row(c) for c in sorted(found, key=lambda c: c.code)]
    listed = [
        _row(type("Row", (Codemod,), {"code": c, "name": n, "safety": Safety(s),
                                      "default_selected": d, "__module__": f"x.{m}"}))
        for c, n, s, d, m in CATALOG
    ]  # fmt: skip
    assert listed == expected, "codemods/_catalog.py is out of date; its rows are:\n" + "\n".join(
        expected
    )


def _imported_after(code: str) -> list[str]:
    """The codemod modules a fresh interpreter has imported after running ``code``."""
    probe = (
        f"{code}\nimport sys\n"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules\n"
        "             if m.startswith('tffix.codemods.') and m != 'tffix.codemods._catalog'))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().replace("'", '"'))


def test_choosing_codemods_imports_only_the_ones_chosen() -> None:
    chosen = "from tffix.engine.session import select_codemods\nselect_codemods(['AWS009'])"
    assert _imported_after(chosen) == ["aws009_log_group_retention"]
    # The default set: the safe codemods on by default; TF001 (opt-in) and the
    # unsafe ones are not imported, nor is any to print the version or list the commands.
    default = _imported_after("from tffix.engine.session import select_codemods\nselect_codemods()")
    assert "tf001_terraform_fmt" not in default and "aws004_log_group_kms" not in default
    assert "aws009_log_group_retention" in default
    assert _imported_after("import tffix.codemods, tffix.cli") == []


def test_a_module_missing_from_the_catalog_is_still_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = types.ModuleType("tffix.codemods.zz_unlisted")

    class Unlisted(Codemod):
        code = "ZZ001"
        name = "unlisted"
        summary = "a codemod the catalog does not list yet"

    Unlisted.__module__ = module.__name__
    module.Unlisted = Unlisted  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    real = registry.builtin_modules()
    monkeypatch.setattr(registry, "builtin_modules", lambda: [*real, "zz_unlisted"])
    registry.builtin_entries.cache_clear()
    registry.catalog.cache_clear()
    try:
        assert registry.get("ZZ001") is Unlisted
        assert registry.get("unlisted") is Unlisted
        assert [c.code for c in registry.builtin_codemods()][-1] == "ZZ001"
    finally:
        registry.builtin_entries.cache_clear()
        registry.catalog.cache_clear()


def test_a_stale_catalog_row_is_an_error_not_another_codemod() -> None:
    entry = registry.Entry(
        "AWS009", "other-name", Safety.SAFE, True, "tffix.codemods.aws009_log_group_retention"
    )
    with pytest.raises(RuntimeError, match="does not match its row"):
        entry.load()


_PLUGIN = """\
from tffix.engine.codemod import Codemod


class First(Codemod):
    code = "ZZ101"
    name = "first"
    summary = "a plug-in"


class Second(Codemod):
    code = "ZZ102"
    name = "second"
    summary = "another plug-in"
"""


@pytest.mark.slow  # four interpreters
def test_entry_points_are_read_once_and_again_when_the_installation_changes(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    dist = site / "zzplugin-0.1.dist-info"
    dist.mkdir(parents=True)
    (site / "zzplugin.py").write_text(_PLUGIN)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: zzplugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[tffix.codemods]\nZZ101 = zzplugin:First\n")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), str(site)]),
        "TFFIX_CACHE_DIR": str(tmp_path / "cache"),
    }
    probe = (
        "import sys\nfrom tffix.engine.registry import catalog\n"
        "codes = [e.code for e in catalog() if e.code.startswith('ZZ')]\n"
        "print(codes, 'importlib.metadata' in sys.modules)"
    )

    def run() -> str:
        command = [sys.executable, "-c", probe]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    assert run() == "['ZZ101'] True"  # read, and remembered
    assert run() == "['ZZ101'] False"  # from the cache: importlib.metadata not needed
    # A reinstall of the same version (pip removes the metadata and writes it again).
    shutil.rmtree(dist)
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: zzplugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(
        "[tffix.codemods]\nZZ101 = zzplugin:First\nZZ102 = zzplugin:Second\n"
    )
    assert run() == "['ZZ101', 'ZZ102'] True"  # the installation changed: read again
    assert run() == "['ZZ101', 'ZZ102'] False"
    # Files made and removed beside the distributions (a checkout's top directory:
    # a test run's cache, an editor's swap file) change nothing installed.
    (site / ".pytest_cache").mkdir()
    (site / "notes.txt").write_text("x")
    assert run() == "['ZZ101', 'ZZ102'] False"
    (dist / "entry_points.txt").write_text("[tffix.codemods]\nZZ102 = zzplugin:Second\n")
    assert run() == "['ZZ102'] True"  # an edit in place (pip install -e . again)
    shutil.rmtree(dist)  # uninstalled: read again, and no entry_points.txt names the
    assert run() == "[] False"  # group, which is known without importlib.metadata


def test_codemods_with_nothing_to_act_on_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_kms_key" "k" {}\n')
    files = [str(tmp_path / "main.tf")]
    assert registry.acting(["AWS003", "AWS009", "TF003"], files) == ["AWS003", "TF003"]
    (tmp_path / "groups.tf.json").write_text('{"resource": {"aws_cloudwatch_log_group": {}}}')
    assert registry.acting(["AWS003", "AWS009"], files) == ["AWS003", "AWS009"]
    os.mkfifo(tmp_path / "fifo.json")  # never opened: every codemod may act, the run says why
    assert registry.acting(["AWS011"], files) == ["AWS011"]


def test_a_run_leaves_out_what_has_nothing_to_act_on_and_gives_the_same_result(
    tmp_path: Path,
) -> None:
    """``tffix --dry-run``: codemods whose types no file names are not imported; when
    the others change something, every codemod runs (what a run without the shortcut does)."""
    module = tmp_path / "m"
    module.mkdir()
    probe = (
        "import sys, json\n"
        "from tffix.__main__ import main\n"
        "status = main(['--dry-run', '--no-cache', '--format', 'json', sys.argv[1]])\n"
        "print(json.dumps(sorted(m.rsplit('.', 1)[1][:6] for m in sys.modules\n"
        "                 if m.startswith('tffix.codemods.') and '_catalog' not in m)))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def run() -> tuple[list[str], list[str]]:
        done = subprocess.run(
            [sys.executable, "-c", probe, str(module)],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        report, imported = done.stdout.rsplit("\n", 2)[:2]
        codes = [f["code"] for f in json.loads(report)["findings"]]
        return json.loads(imported), codes

    (module / "main.tf").write_text('variable "x" {\n  type = string\n}\n')
    imported, codes = run()
    assert codes == [] and "aws003" not in imported and "aws009" not in imported
    assert "tf003_" in imported  # acts on any module
    (module / "main.tf").write_text('resource "aws_kms_key" "k" {\n}\n')
    imported, codes = run()
    assert codes == ["AWS003"] and "aws003" in imported and "aws009" not in imported


def test_when_a_fix_writes_a_left_out_type_every_codemod_runs_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A codemod may create what a left-out one acts on: then the module runs
    again with all of them, as it would have without the shortcut."""
    from tffix.engine import session
    from tffix.engine.runner import FileResult, ModuleResult

    (tmp_path / "main.tf").write_text('resource "aws_kms_key" "k" {\n}\n')
    path = str(tmp_path / "main.tf")
    calls: list[list[str]] = []
    writes = {"new": 'resource "aws_kms_key" "k" {\n}\n'}

    def run_module(directory: str, paths: list[str], codemods: list, **_: object) -> ModuleResult:
        calls.append([c.code for c in codemods])
        original = (tmp_path / "main.tf").read_text()
        return ModuleResult(directory, files=[FileResult(path, original, writes["new"])])

    monkeypatch.setattr(session, "run_module", run_module)
    work = [str(tmp_path), [path], None, ["AWS003", "AWS009", "TF003"], {}, True, 10]
    session._work(*work)  # type: ignore[arg-type]
    assert calls == [["AWS003", "TF003"]]  # nothing written names a log group
    calls.clear()
    writes["new"] += 'resource "aws_cloudwatch_log_group" "g" {\n}\n'
    session._work(*work)  # type: ignore[arg-type]
    assert calls == [["AWS003", "TF003"], ["AWS003", "AWS009", "TF003"]]


@pytest.mark.slow  # every typed codemod over every corpus case without its types
def test_a_codemod_does_nothing_where_its_trigger_types_are_absent(tmp_path: Path) -> None:
    """``TRIGGER_TYPES`` is only a shortcut if it is true: over every case of the
    corpus whose files name none of a codemod's types, the codemod finds
    nothing, notes nothing and changes nothing."""
    from tffix.codemods._catalog import TRIGGER_TYPES
    from tffix.engine.runner import run_module

    cases = sorted((REPO / "corpus").glob("*/*.before.tf"))
    checked = 0
    for code, named in TRIGGER_TYPES.items():
        codemod = registry.load(code)
        for case in cases:
            text = case.read_text(encoding="utf-8", errors="replace")
            if any(t in text for t in named):
                continue
            module = tmp_path / f"{code}-{case.parent.name}-{case.name}"
            module.mkdir()
            (module / "main.tf").write_text(text, encoding="utf-8")
            result = run_module(str(module), [str(module / "main.tf")], [codemod()], dry_run=True)
            assert not result.findings and not result.notes and not result.changed_files, (
                code,
                case,
            )
            checked += 1
    assert checked > 1000


def test_no_declared_plugin_is_known_without_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``_none_declared`` says True only where ``importlib.metadata`` finds no entry
    point of the group, and False as soon as a distribution on the path names it."""
    import sys
    from importlib.metadata import entry_points

    site = tmp_path / "site"
    site.mkdir()
    other = site / "other-1.0.dist-info"
    other.mkdir()
    (other / "entry_points.txt").write_text("[console_scripts]\nother = other:main\n")
    (site / "old.egg-info").write_text("Metadata-Version: 1.0\nName: old\n")  # a file
    monkeypatch.setattr(sys, "path", [str(site)])
    assert registry._none_declared()
    assert not list(entry_points(group=registry.ENTRY_POINT_GROUP))
    dist = site / "zzplugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: zzplugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[tffix.codemods]\nZZ101 = zzplugin:First\n")
    assert not registry._none_declared()
    assert list(entry_points(group=registry.ENTRY_POINT_GROUP))
    # A zip file on the path: its distributions are not looked into here.
    (tmp_path / "lib.zip").write_bytes(b"")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "lib.zip")])
    assert not registry._none_declared()
