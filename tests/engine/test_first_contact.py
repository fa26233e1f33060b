"""What a new user meets: paths from the cache, unsafe codemods, colour, flags, scope."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, run_tffix

pytestmark = pytest.mark.slow  # a tffix process per scenario, many per test

KEY = 'resource "aws_kms_key" "main" {\n  description = "k"\n}\n'
UNFORMATTED = 'variable "x" {\n    default = 1\n}\n'
# On-demand billing with capacity left from provisioned days: AWS012 (unsafe) removes it.
TABLE = """\
resource "aws_dynamodb_table" "t" {
  name           = "t"
  billing_mode   = "PAY_PER_REQUEST"
  read_capacity  = 5
  write_capacity = 5
  hash_key       = "id"

  attribute {
    name = "id"
    type = "S"
  }
}
"""


def tffix(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run_tffix(*args, cwd=cwd, env=None if env is None else {**os.environ, **env})


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "main.tf").write_text(KEY, encoding="utf-8")
    return tmp_path


# ---- 4. the cache never serves another run's paths ------------------------------


def test_cached_results_show_the_paths_of_this_run(tree: Path) -> None:
    first = tffix("--dry-run", "copy/", cwd=tree)
    assert first.returncode == 1 and "+++ b/copy/main.tf" in first.stdout
    inside = tree / "copy"
    for fmt, expected in (("text", "+++ b/main.tf"), ("github", "::notice file=main.tf,")):
        again = tffix("--dry-run", "--format", fmt, ".", cwd=inside)
        assert again.returncode == 1, again.stderr
        assert expected in again.stdout, (fmt, again.stdout)
        assert "copy/" not in again.stdout and "/dev/null" not in again.stdout, again.stdout
    report = json.loads(tffix("--dry-run", "--format", "json", ".", cwd=inside).stdout)
    assert [f["path"] for f in report["findings"]] == ["main.tf"]
    assert report["changed_files"] == ["main.tf"]
    sarif = json.loads(tffix("--dry-run", "--format", "sarif", ".", cwd=inside).stdout)
    result = sarif["runs"][0]["results"][0]
    uris = [result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]]
    uris += [c["artifactLocation"]["uri"] for c in result["fixes"][0]["artifactChanges"]]
    assert uris == ["main.tf", "main.tf"]


def test_fmt_cache_is_keyed_by_code(tmp_path: Path) -> None:
    from tffix.engine.cache import FormattedCache, code_fingerprint

    cache = FormattedCache(tmp_path)
    cache.add(b"a = 1\n")
    assert cache.known(b"a = 1\n")
    code_fingerprint.cache_clear()
    real = code_fingerprint()
    try:
        # Another formatter (a changed checkout) must not trust this entry.
        import tffix.engine.cache as module

        original = module.code_fingerprint
        module.code_fingerprint = lambda: "other code"  # type: ignore[assignment]
        assert not FormattedCache(tmp_path).known(b"a = 1\n")
    finally:
        module.code_fingerprint = original
    assert real == code_fingerprint()


# ---- 3. a selected unsafe codemod is never silent -------------------------------


def test_selected_unsafe_codemod_reports_fixable_findings(tree: Path) -> None:
    (tree / "copy" / "table.tf").write_text(TABLE, encoding="utf-8")
    done = tffix("--select", "AWS012", "copy", cwd=tree)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "AWS012" in done.stdout and "[fixable]" in done.stdout
    assert "1 fix is available with --unsafe-fixes" in done.stdout
    assert (tree / "copy" / "table.tf").read_text() == TABLE  # nothing written
    # The default set does not name unsafe codemods: they stay quiet.
    default = tffix("--format", "json", "--dry-run", "copy", cwd=tree)
    codes = {f["code"] for f in json.loads(default.stdout)["findings"]}
    assert "AWS012" not in codes
    applied = tffix("--select", "AWS012", "--unsafe-fixes", "copy", cwd=tree)
    assert "available with --unsafe-fixes" not in applied.stdout
    # On-demand billing: the provisioned capacity left behind goes.
    assert "read_capacity" not in (tree / "copy" / "table.tf").read_text()


# ---- 2. formatting is opt-in ------------------------------------------------------


def test_formatting_is_not_mixed_into_fixes(tree: Path) -> None:
    (tree / "copy" / "vars.tf").write_text(UNFORMATTED, encoding="utf-8")
    done = tffix("--dry-run", "--format", "json", "copy", cwd=tree)
    assert json.loads(done.stdout)["changed_files"] == ["copy/main.tf"]
    opted = tffix("--dry-run", "--format", "json", "--extend-select", "TF001", "copy", cwd=tree)
    assert json.loads(opted.stdout)["changed_files"] == ["copy/main.tf", "copy/vars.tf"]
    (tree / ".tffix.toml").write_text('extend-select = ["TF001"]\n', encoding="utf-8")
    configured = tffix("--dry-run", "--format", "json", "copy", cwd=tree)
    assert json.loads(configured.stdout)["changed_files"] == ["copy/main.tf", "copy/vars.tf"]


# ---- 5. colour, -o, words ----------------------------------------------------------


def test_colour_follows_the_flag_and_the_environment(tree: Path) -> None:
    plain = {"NO_COLOR": "", "FORCE_COLOR": ""}
    assert "\x1b[" in tffix("--dry-run", "--color", "always", "copy", cwd=tree, env=plain).stdout
    assert "\x1b[" not in tffix("--dry-run", "copy", cwd=tree, env=plain).stdout  # piped
    forced = {"NO_COLOR": "", "FORCE_COLOR": "1"}
    assert "\x1b[" in tffix("--dry-run", "copy", cwd=tree, env=forced).stdout
    both = {"NO_COLOR": "1", "FORCE_COLOR": "1"}
    assert "\x1b[" not in tffix("--dry-run", "copy", cwd=tree, env=both).stdout


def test_no_color_is_honoured_on_a_terminal() -> None:
    from tffix.report.text import colour_enabled

    class Terminal:
        def isatty(self) -> bool:
            return True

    saved = {k: os.environ.pop(k, None) for k in ("NO_COLOR", "FORCE_COLOR")}
    try:
        assert colour_enabled("auto", Terminal())  # type: ignore[arg-type]
        os.environ["NO_COLOR"] = "1"
        assert not colour_enabled("auto", Terminal())  # type: ignore[arg-type]
        assert colour_enabled("always", Terminal())  # type: ignore[arg-type]
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None)
            if value is not None:
                os.environ[key] = value


def test_text_output_file_holds_the_diffs_too(tree: Path) -> None:
    done = tffix("--dry-run", "-o", "report.txt", "copy", cwd=tree)
    assert done.stdout == ""
    text = (tree / "report.txt").read_text()
    assert "+++ b/copy/main.tf" in text and "1 finding; 1 file would change; 0 errors" in text


# ---- 11. flags ---------------------------------------------------------------------


def test_diff_is_dry_run_and_exit_flags(tree: Path) -> None:
    assert tffix("--diff", "copy", cwd=tree).returncode == 1
    assert (tree / "copy" / "main.tf").read_text() == KEY
    assert tffix("--diff", "--exit-zero", "copy", cwd=tree).returncode == 0
    assert tffix("--exit-non-zero-on-fix", "copy", cwd=tree).returncode == 1
    assert (tree / "copy" / "main.tf").read_text() != KEY
    assert tffix("--exit-non-zero-on-fix", "copy", cwd=tree).returncode == 0  # nothing left


def test_statistics_and_show_fixes(tree: Path) -> None:
    (tree / "copy" / "b.tf").write_text(KEY.replace("main", "other"), encoding="utf-8")
    stats = tffix("--dry-run", "--statistics", "copy", cwd=tree)
    lines = stats.stdout.splitlines()
    assert any(
        line.split()[:3] == ["2", "AWS003", "kms-key-rotation"] and "2 fixable" in line
        for line in lines
    ), stats.stdout
    assert "copy/b.tf" not in stats.stdout  # counts only: no findings, no diffs
    fixes = tffix("--show-fixes", "copy", cwd=tree)
    assert "Fixed 2 findings:\n- copy/b.tf:\n    1 x AWS003 (kms-key-rotation)" in fixes.stdout


def test_help_version_and_completion(tree: Path) -> None:
    assert "Usage" in tffix("-h", cwd=tree).stdout
    assert "--exit-zero" in tffix("fix", "-h", cwd=tree).stdout
    version = tffix("--version", cwd=tree).stdout.splitlines()
    assert version[0] == "tffix 0.1.0" and version[1].startswith("rule catalog 0.1.0+")
    assert "--install-completion" in tffix("--help", cwd=tree).stdout


def test_exclude_and_extend_exclude(tree: Path) -> None:
    (tree / "gen").mkdir()
    (tree / "gen" / "main.tf").write_text(KEY, encoding="utf-8")
    done = tffix("--dry-run", "--format", "json", "--extend-exclude", "gen", ".", cwd=tree)
    assert json.loads(done.stdout)["changed_files"] == ["copy/main.tf"]
    (tree / ".tffix.toml").write_text('exclude = ["copy"]\n', encoding="utf-8")
    done = tffix("--dry-run", "--format", "json", ".", cwd=tree)
    assert json.loads(done.stdout)["changed_files"] == ["gen/main.tf"]
    done = tffix("--dry-run", "--format", "json", "--exclude", "gen", ".", cwd=tree)
    assert json.loads(done.stdout)["changed_files"] == ["copy/main.tf"]


def test_watch_runs_again_on_change(tree: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tffix", "--watch", "--dry-run", "copy"],
        cwd=tree, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(
            target=lambda: [lines.put(line) for line in process.stdout], daemon=True
        ).start()
        summaries = []
        deadline = time.monotonic() + 120
        while len(summaries) < 2 and time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1.0)
            except queue.Empty:
                continue
            if "would change" in line:
                summaries.append(line)
                if len(summaries) == 1:
                    (tree / "copy" / "b.tf").write_text(KEY.replace("main", "b"))
        assert summaries == [
            "1 finding; 1 file would change; 0 errors\n",
            "2 findings; 2 files would change; 0 errors\n",
        ]
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_rules_format(tree: Path) -> None:
    rows = json.loads(tffix("rules", "--format", "json", cwd=tree).stdout)
    aws009 = next(r for r in rows if r["code"] == "AWS009")
    assert aws009["options"][0]["choices"][:3] == [0, 1, 3]
    assert next(r for r in rows if r["code"] == "TF001")["default"] is False
    assert json.loads(tffix("rules", "--json", cwd=tree).stdout) == rows  # deprecated alias
    text = tffix("rules", cwd=tree).stdout
    assert "TF001" in text and "[opt-in]" in text


# ---- 8. configuration per file -----------------------------------------------------


def test_configuration_is_resolved_per_module(tree: Path) -> None:
    (tree / "b").mkdir()
    (tree / "b" / "main.tf").write_text(KEY, encoding="utf-8")
    (tree / "b" / ".tffix.toml").write_text('ignore = ["AWS003"]\n', encoding="utf-8")
    ab = tffix("--dry-run", "--format", "json", "copy", "b", cwd=tree)
    ba = tffix("--dry-run", "--format", "json", "b", "copy", cwd=tree)
    assert json.loads(ab.stdout) == json.loads(ba.stdout)
    assert json.loads(ab.stdout)["changed_files"] == ["copy/main.tf"]


def test_exclude_is_anchored_at_the_configuration(tree: Path) -> None:
    (tree / "copy" / "examples").mkdir()
    (tree / "copy" / "examples" / "main.tf").write_text(KEY, encoding="utf-8")
    (tree / "copy" / ".tffix.toml").write_text('exclude = ["examples/*"]\n', encoding="utf-8")
    from_above = tffix("--dry-run", "--format", "json", "copy", cwd=tree)
    from_inside = tffix("--dry-run", "--format", "json", ".", cwd=tree / "copy")
    assert json.loads(from_above.stdout)["changed_files"] == ["copy/main.tf"]
    assert json.loads(from_inside.stdout)["changed_files"] == ["main.tf"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_gitignore_is_honoured(tree: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tree, check=True)
    (tree / "build").mkdir()
    (tree / "build" / "main.tf").write_text(KEY, encoding="utf-8")
    (tree / ".gitignore").write_text("build/\n", encoding="utf-8")
    done = tffix("--dry-run", "--format", "json", ".", cwd=tree)
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["changed_files"] == ["copy/main.tf"]
    every = tffix("--dry-run", "--format", "json", "--no-respect-gitignore", ".", cwd=tree)
    assert every.returncode == 1, every.stderr
    assert json.loads(every.stdout)["changed_files"] == ["build/main.tf", "copy/main.tf"]


# ---- 7. parallelism ------------------------------------------------------------------


def test_small_runs_are_serial_and_large_ones_parallel(tmp_path: Path) -> None:
    from tffix.engine import session

    small = [(str(tmp_path), [str(tmp_path / "a.tf")], None)] * 3
    (tmp_path / "a.tf").write_bytes(b"#" * 1000)
    assert session._workers(None, small) == 1
    # Asked for: still in-process below the size where workers pay (never slower than -j 1).
    assert session._workers(4, small) == 1
    (tmp_path / "a.tf").write_bytes(b"#" * (session.PARALLEL_MIN_BYTES // 2))
    cores = os.cpu_count() or 1
    assert session._workers(None, small) == (1 if cores < 2 else min(cores, 3))
    assert session._workers(4, small) == 3  # no more workers than modules
    assert session._workers(1, small) == 1
    # Work is counted in bytes: each worker gets at least half the threshold.
    (tmp_path / "a.tf").write_bytes(b"#" * (session.PARALLEL_MIN_BYTES // 5))  # 6/5 of it
    assert session._workers(4, small * 2) == 2


def test_per_file_ignores(tree: Path) -> None:
    (tree / "copy" / "b.tf").write_text(KEY.replace("main", "b"), encoding="utf-8")
    (tree / ".tffix.toml").write_text(
        '[per-file-ignores]\n"copy/b.tf" = ["kms-key-rotation"]\n', encoding="utf-8"
    )
    done = tffix("--dry-run", "--format", "json", "copy", cwd=tree)
    assert json.loads(done.stdout)["changed_files"] == ["copy/main.tf"], done.stderr
    (tree / ".tffix.toml").write_text('[per-file-ignores]\n"copy/b.tf" = ["NOPE1"]\n')
    bad = tffix("--dry-run", "copy", cwd=tree)
    assert bad.returncode == 2 and "per-file-ignores: no codemod 'NOPE1'" in bad.stderr
