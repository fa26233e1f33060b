"""The module cache: hits only for unchanged modules under the same configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from tffix.engine import session
from tffix.engine.cache import Cache, module_key
from tffix.engine.codemod import Finding, Status
from tffix.engine.registry import get
from tffix.engine.session import run


def test_key_changes_with_content_config_and_path(tmp_path: Path) -> None:
    a = tmp_path / "a.tf"
    a.write_text("x = 1\n")
    key = module_key([str(a)], {"codes": ["AWS003"]})
    assert key == module_key([str(a)], {"codes": ["AWS003"]})
    assert key != module_key([str(a)], {"codes": ["AWS003", "AWS009"]})
    a.write_text("x = 2\n")
    assert key != module_key([str(a)], {"codes": ["AWS003"]})
    assert module_key([str(tmp_path / "missing.tf")], {}) is None


def test_key_changes_with_the_runtime_table_date_within_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What every module of a run shares is hashed once per configuration and day: a
    long-lived process (``--watch``, the language server) that crosses a date of the
    runtime table gets new keys, since findings about runtimes change on it."""
    import datetime

    from tffix.aws.lambda_runtimes import RUNTIMES

    day = min(r.deprecation for r in RUNTIMES.values() if r.deprecation is not None)
    a = tmp_path / "a.tf"
    a.write_text("x = 1\n")
    keys = []
    for when in (day - datetime.timedelta(days=1), day, day):
        monkeypatch.setenv("TFFIX_TODAY", when.isoformat())
        keys.append(module_key([str(a)], {"codes": ["AWS010"]}))
    assert keys[0] != keys[1] == keys[2]


def test_roundtrip_and_corrupt_entries(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    finding = Finding("AWS003", "m", "p.tf", 1, 2, Status.MANUAL)
    cache.put("ab" * 32, [finding])
    assert cache.get("ab" * 32) == ([finding], {}, [])
    note = Finding("AWS009", "keeps logs 365 days", "p.tf", 3, 1, Status.FINE)
    cache.put("ef" * 32, [finding], {"p.tf": "new text\n"}, notes=[note])
    assert cache.get("ef" * 32) == ([finding], {"p.tf": "new text\n"}, [note])
    assert cache.get("cd" * 32) is None
    entry = next(p for p in (tmp_path / "cache").rglob("*.json") if p.name.startswith("ab"))
    entry.write_text("{not json")
    assert cache.get("ab" * 32) is None  # unreadable entry: do the work again
    assert Cache(tmp_path / "off", enabled=False).get("ab" * 32) is None


def test_a_cache_that_never_kept_a_module_says_so(tmp_path: Path) -> None:
    """What lets a run fork its workers before computing keys that can only miss."""
    cache = Cache(tmp_path / "cache")
    assert not cache.holds_modules()
    cache.put("ab" * 32, [])
    assert cache.holds_modules()
    assert not Cache(tmp_path / "cache", enabled=False).holds_modules()


def test_entries_are_not_flushed_to_disk_and_leave_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry is a hint checked on reading, so writing one does not wait for the disk
    (an fsync per module was most of a cold run's time after the workers were done):
    writing still works where fsync fails, and the entry is complete."""
    import os

    def no_fsync(fd: int) -> None:
        raise OSError(5, "fsync called for a cache entry")

    monkeypatch.setattr(os, "fsync", no_fsync)
    cache = Cache(tmp_path / "cache")
    finding = Finding("AWS003", "m", "p.tf", 1, 2, Status.MANUAL)
    for _ in range(2):  # the second replaces the first
        cache.put("ab" * 32, [finding], {"p.tf": "new text\n"})
    assert cache.get("ab" * 32) == ([finding], {"p.tf": "new text\n"}, [])
    files = [p.name for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert files == [f"{'ab' * 32}.json"]


def test_second_run_uses_the_cache_and_an_edit_invalidates_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "m"
    module.mkdir()
    tf = module / "main.tf"
    tf.write_text('resource "aws_kms_key" "k" {\n  enable_key_rotation = var.r\n}\n')
    cache = Cache(tmp_path / "cache")
    codemods = [get("AWS003")]
    first = run([str(module)], codemods, jobs=1, cache=cache)
    assert [f.status for f in first.findings] == [Status.MANUAL]
    assert list((tmp_path / "cache").rglob("*.json"))
    config = {"codes": ["AWS003"], "options": {}, "max_rounds": 10, "dry_run": False}
    key = module_key([str(tf)], config)
    assert cache.get(key) is not None
    # A cache hit must not run the module at all: make running it fail loudly.
    real_work = session._work

    def no_work(*args: object) -> object:
        raise AssertionError("module was run despite an unchanged cache entry")

    monkeypatch.setattr(session, "_work", no_work)
    second = run([str(module)], codemods, jobs=1, cache=cache)
    assert second.findings == first.findings and not second.errors
    monkeypatch.setattr(session, "_work", real_work)
    tf.write_text('resource "aws_kms_key" "k" {\n  enable_key_rotation = null\n}\n')
    third = run([str(module)], codemods, jobs=1, cache=cache)
    assert [f.status for f in third.findings] == [Status.FIXED]
    assert "enable_key_rotation = true" in tf.read_text()


def test_a_run_served_from_the_cache_lists_the_notes_of_the_run_that_filled_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``tffix -v`` lists the decisions to leave a block alone; a warm run listed none."""
    module = tmp_path / "m"
    module.mkdir()
    (module / "main.tf").write_text(
        'resource "aws_cloudwatch_log_group" "g" {\n  retention_in_days = 365\n}\n'
    )
    cache = Cache(tmp_path / "cache")
    codemods = [get("AWS009")]
    first = run([str(module)], codemods, jobs=1, cache=cache, dry_run=True)
    notes = [n for m in first.modules for n in m.notes]
    assert notes and all(n.status is Status.FINE for n in notes)

    def no_work(*args: object) -> object:
        raise AssertionError("module was run despite an unchanged cache entry")

    monkeypatch.setattr(session, "_work", no_work)
    second = run([str(module)], codemods, jobs=1, cache=cache, dry_run=True)
    assert [n for m in second.modules for n in m.notes] == notes


def test_dry_run_results_with_changes_are_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "m"
    module.mkdir()
    tf = module / "main.tf"
    tf.write_text('resource "aws_kms_key" "k" {\n  description = "x"\n}\n')
    cache = Cache(tmp_path / "cache")
    first = run([str(module)], [get("AWS003")], jobs=1, dry_run=True, cache=cache)
    monkeypatch.setattr(session, "_work", lambda *a: pytest.fail("not served from the cache"))
    second = run([str(module)], [get("AWS003")], jobs=1, dry_run=True, cache=cache)
    assert [f.diff() for m in second.modules for f in m.changed_files] == [
        f.diff() for m in first.modules for f in m.changed_files
    ]
    assert second.findings == first.findings and second.exit_code() == 1


def test_the_code_fingerprint_covers_tffix_and_the_codemods_once_and_not_the_tests() -> None:
    """Editing a test or a corpus file must not invalidate every cached result,
    and a codemod reached both as ``tffix/codemods`` and ``codemods/`` counts once."""
    from tests.conftest import REPO
    from tffix.engine.cache import code_files

    files = code_files()
    assert len(files) == len(set(files))
    assert not [f for f in files if not f.is_relative_to(REPO / "tffix")
                and not f.is_relative_to(REPO / "codemods")
                and not f.is_relative_to(REPO / "grammar")]  # fmt: skip
    assert REPO / "tffix" / "engine" / "cache.py" in files
    codemods = sorted(
        p.resolve() for p in (REPO / "codemods").iterdir() if p.suffix in (".py", ".toml")
    )
    assert [f for f in files if f.is_relative_to(REPO / "codemods")] == codemods


def test_data_tables_are_parsed_once_per_content(tmp_path: Path) -> None:
    """A codemod's TOML table is parsed once; the JSON kept is used until the file changes."""
    import json

    from tffix.engine.cache import cache_dir, data_table

    table = tmp_path / "t.toml"
    table.write_text('version = "1"\n[[rename]]\nold = "a"\nnew = "b"\nratio = 0.5\n')
    parsed = {"version": "1", "rename": [{"old": "a", "new": "b", "ratio": 0.5}]}
    assert data_table(table) == parsed
    (kept,) = (cache_dir() / "tables").iterdir()
    kept.write_text(json.dumps({"version": "from the cache"}))
    assert data_table(table) == {"version": "from the cache"}  # not parsed again
    table.write_text('version = "2"\n')
    assert data_table(table) == {"version": "2"}  # other bytes, parsed
    kept.write_text("{damaged")
    table.write_text('version = "1"\n[[rename]]\nold = "a"\nnew = "b"\nratio = 0.5\n')
    assert data_table(table) == parsed  # a damaged entry is parsed over
    dated = tmp_path / "d.toml"
    dated.write_text("when = 2024-01-02\n")  # JSON has no date: parsed every time
    assert str(data_table(dated)["when"]) == "2024-01-02"
    assert str(data_table(dated)["when"]) == "2024-01-02"


def test_shipped_tables_are_compiled_from_their_toml_as_it_is() -> None:
    """Every codemod data table ships compiled beside it, from its current bytes: a
    table edited without compiling it again would be parsed on every run without the
    cache (correct, but the start-up the compiled form saves is lost)."""
    from tffix.engine.cache import compile_table, compiled_table_path

    repo = Path(__file__).resolve().parents[2]
    tables = sorted((repo / "codemods").glob("*.toml"))
    assert tables
    for table in tables:
        shipped = compiled_table_path(table)
        assert shipped.read_text(encoding="utf-8") == compile_table(table), (
            f"{shipped.name} is stale; write it again: PYTHONPATH=. python -c "
            "'from pathlib import Path; from tffix.engine.cache import compile_table, "
            f'compiled_table_path as c; p = Path("codemods/{table.name}"); '
            "c(p).write_text(compile_table(p))'"
        )


def test_a_compiled_table_is_read_only_for_the_bytes_it_was_compiled_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the cache directory, a table compiled from these bytes is read from its
    JSON (TOML is not parsed); edited since, or damaged, the TOML is parsed."""
    from tffix.engine import cache
    from tffix.engine.cache import compile_table, compiled_table_path, data_table

    monkeypatch.setitem(cache._MEMOS, "on", False)  # --no-cache
    table = tmp_path / "t.toml"
    table.write_text('version = "1"\n[[rename]]\nold = "a"\nnew = "b"\n')
    compiled = compiled_table_path(table)
    compiled.write_text(compile_table(table).replace('"b"', '"from the JSON"'))
    assert data_table(table)["rename"] == [{"old": "a", "new": "from the JSON"}]
    table.write_text('version = "2"\n')
    assert data_table(table) == {"version": "2"}  # compiled from other bytes: parsed
    table.write_text('version = "1"\n[[rename]]\nold = "a"\nnew = "b"\n')
    compiled.write_text("{damaged")
    assert data_table(table) == {"version": "1", "rename": [{"old": "a", "new": "b"}]}


def test_a_run_served_from_the_cache_imports_no_runner_parser_or_analysis(
    tmp_path: Path,
) -> None:
    """Pre-commit and CI re-runs find their modules in the cache: what runs a module
    (runner, parser, analysis, layout, JSON) is then not imported, about a fifth of
    such a run's time. The first run, which fixes, imports them."""
    import json
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    module = tmp_path / "m"
    module.mkdir()
    # A finding to report, no fix (a fix's diff needs the diff writer and its decoder).
    (module / "main.tf").write_text(
        'resource "aws_kms_key" "k" {\n  enable_key_rotation = var.r\n}\n'
    )
    probe = (
        "import sys, json\n"
        "from tffix.__main__ import main\n"
        "status = main(['--dry-run', '-q', sys.argv[1]])\n"
        "print(json.dumps([status, sorted(m for m in sys.modules if m in (\n"
        "    'tffix.engine.runner', 'tffix.syntax.parser', 'tffix.analysis.module',\n"
        "    'tffix.cst.layout', 'tffix.json.hcl'))]))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "TFFIX_CACHE_DIR": str(tmp_path / "cache")}

    def run() -> tuple[int, list[str]]:
        done = subprocess.run(
            [sys.executable, "-c", probe, str(module)],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        status, imported = json.loads(done.stdout.splitlines()[-1])
        return status, imported

    first = run()
    assert first == (1, sorted(first[1])) and "tffix.engine.runner" in first[1]
    assert run() == (1, [])  # the same findings, from the cache alone


TABLE = """\
provider "aws" {
  region = "eu-west-1"
}

resource "aws_dynamodb_table" "t" {
  name         = "t"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}
"""

LOCK_4_8 = """\
provider "registry.terraform.io/hashicorp/aws" {
  version = "4.8.0"
}
"""


def _deletion_protection(report: session.RunReport) -> list[str]:
    return [
        f"{f.status.value}: {f.message}"
        for f in report.findings
        if f.code == "AWS002" and "deletion_protection_enabled" in f.message
    ]


def test_a_lock_file_that_appears_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    """``deletion_protection_enabled`` needs provider 4.59.0: written when nothing pins an
    older provider, held back once ``.terraform.lock.hcl`` selects 4.8.0. The .tf files are
    the same in both runs, so only the lock file can tell the cached answer is stale."""
    module = tmp_path / "m"
    module.mkdir()
    (module / "main.tf").write_text(TABLE)
    cache = Cache(tmp_path / "cache")
    first = run([str(module)], [get("AWS002")], jobs=1, dry_run=True, cache=cache)
    assert any("wrote out" in line for line in _deletion_protection(first))
    (module / ".terraform.lock.hcl").write_text(LOCK_4_8)
    second = run([str(module)], [get("AWS002")], jobs=1, dry_run=True, cache=cache)
    uncached = run([str(module)], [get("AWS002")], jobs=1, dry_run=True, cache=None)
    assert _deletion_protection(second) == _deletion_protection(uncached)
    assert any("4.8.0" in line for line in _deletion_protection(second))
    # And back: the entry made with the lock file is not served without it.
    (module / ".terraform.lock.hcl").unlink()
    third = run([str(module)], [get("AWS002")], jobs=1, dry_run=True, cache=cache)
    assert _deletion_protection(third) == _deletion_protection(first)


def test_an_unchanged_lock_file_still_hits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = tmp_path / "m"
    module.mkdir()
    (module / "main.tf").write_text(TABLE)
    (module / ".terraform.lock.hcl").write_text(LOCK_4_8)
    cache = Cache(tmp_path / "cache")
    first = run([str(module)], [get("AWS002")], jobs=1, dry_run=True, cache=cache)
    (result,) = first.modules
    assert str(module / ".terraform.lock.hcl") in result.inputs
    monkeypatch.setattr(session, "_work", lambda *a: pytest.fail("not served from the cache"))
    second = run([str(module)], [get("AWS002")], jobs=1, dry_run=True, cache=cache)
    assert second.findings == first.findings


def test_inputs_fingerprint_files_directories_and_absence(tmp_path: Path) -> None:
    from tffix.engine import inputs

    child = tmp_path / "child"
    child.mkdir()
    (child / "a.tf").write_text("x = 1\n")
    with inputs.recording() as record:
        inputs.note(str(child / "a.tf"))
        inputs.note(str(tmp_path / "absent.hcl"))
        inputs.note_listing(str(child))
    inputs.note(str(tmp_path / "outside"))  # not recording: nothing noted
    assert len(record) == 3 and record[str(tmp_path / "absent.hcl")] is None
    assert inputs.unchanged(record)
    (child / "b.tf").write_text("y = 2\n")  # a new file: the listing differs
    assert not inputs.unchanged(record)
    (child / "b.tf").unlink()
    assert inputs.unchanged(record)
    (child / "a.tf").write_text("x = 2\n")
    assert not inputs.unchanged(record)
    (child / "a.tf").write_text("x = 1\n")
    (tmp_path / "absent.hcl").write_text("")
    assert not inputs.unchanged(record)


def test_callers_outside_the_module_and_its_lock_file_are_part_of_its_key(
    tmp_path: Path,
) -> None:
    """What a module's fixes depend on besides its .tf files: the AWS provider release
    .terraform.lock.hcl selects (a table's deletion_protection_enabled exists from
    4.59.0), and the modules that call it (a root gets retention, a called module a
    finding). A cached result replayed after either changed wrote what the provider
    rejects, or changed every caller's groups (review round 7p, wrong/02)."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    app = repo / "app"
    app.mkdir()
    (app / "main.tf").write_text(
        'provider "aws" {\n  region = "eu-west-1"\n}\n\n'
        'resource "aws_dynamodb_table" "t" {\n  name         = "t"\n'
        '  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "id"\n\n'
        '  attribute {\n    name = "id"\n    type = "S"\n  }\n}\n\n'
        'resource "aws_cloudwatch_log_group" "g" {\n  name = "g"\n}\n'
    )
    cache = Cache(tmp_path / "cache")
    codemods = [get("AWS002"), get("AWS009")]

    def statuses() -> dict[str, list[str]]:
        done = run([str(app)], codemods, jobs=1, dry_run=True, cache=cache)
        found: dict[str, list[str]] = {}
        for f in done.findings:
            found.setdefault(f.code, []).append(f"{f.status.value}: {f.message}")
        return found

    first = statuses()
    assert any("deletion_protection_enabled = false" in m for m in first["AWS002"])
    assert first["AWS009"][0].startswith("fixable:")
    (app / ".terraform.lock.hcl").write_text(LOCK_4_8)
    second = statuses()
    assert any(
        m.startswith("manual: ") and "pins the AWS provider to 4.8.0" in m for m in second["AWS002"]
    )
    assert not any("deletion_protection_enabled = false" in m for m in second["AWS002"])
    live = repo / "live"
    live.mkdir()
    (live / "main.tf").write_text('module "app" {\n  source = "../app"\n}\n')
    third = statuses()
    assert third["AWS009"][0].startswith("manual: ") and "called as a module" in third["AWS009"][0]
