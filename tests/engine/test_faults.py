"""A module's fault is that module's: the run reports it and goes on.

Each test reproduces one fault seen on hostile input (issue 13): a codemod
that raises, files that are not regular files, link loops, unreadable
directories, files past the size limit or the time budget, write errors,
edits made by someone else during the run, damaged cache entries.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, run_tffix
from tffix.engine.cache import Cache, module_key
from tffix.engine.codemod import Codemod
from tffix.engine.registry import get
from tffix.engine.runner import run_module, write_results
from tffix.engine.session import run

ODD_BUCKET = b'resource "aws_s3_bucket" "b i1" {\n  bucket = "x"\n}\n'
KEY = b'resource "aws_kms_key" "k" {\n  description = "x"\n}\n'
ROTATED = (
    b'resource "aws_kms_key" "k" {\n  description         = "x"\n  enable_key_rotation = true\n}\n'
)


def _tree(root: Path, modules: dict[str, dict[str, bytes]]) -> Path:
    for directory, files in modules.items():
        (root / directory).mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (root / directory / name).write_bytes(data)
    return root


# ---- a codemod that raises -------------------------------------------------------------


def test_a_module_terraform_rejects_fails_that_module_only(tmp_path: Path) -> None:
    """AWS008 once raised ParseError on a bucket label that is not an identifier and the
    whole run stopped. Terraform 0.12 and later reject such a name (Terraform 0.11
    code): the module is an error, left as it is, and the other modules are fixed.
    (A codemod that raises: test_run_module_reports_the_codemod_and_why.)"""
    _tree(tmp_path, {"a": {"main.tf": ODD_BUCKET}, "b": {"main.tf": KEY}})
    report = run([tmp_path], [get("AWS003"), get("AWS008")], jobs=1)
    assert report.errors == [
        f"{tmp_path / 'a' / 'main.tf'}:1:26: written for Terraform 0.11 "
        '(resource name "b i1" is not a valid name since Terraform 0.12), which Terraform 0.12 '
        "and later reject; a fix would use syntax and AWS provider features its toolchain "
        "cannot run: upgrade the module to Terraform 0.12 syntax first "
        "(https://developer.hashicorp.com/terraform/language/v1.1.x/upgrade-guides/0-12)",
        f"{tmp_path / 'a'}: module left untouched because it is written for Terraform 0.11",
    ]
    assert report.written == [str(tmp_path / "b" / "main.tf")]
    assert (tmp_path / "a" / "main.tf").read_bytes() == ODD_BUCKET
    assert (tmp_path / "b" / "main.tf").read_bytes() == ROTATED
    assert report.exit_code() == 2


@pytest.mark.slow  # a tffix process
def test_a_module_terraform_rejects_is_reported_by_the_command(tmp_path: Path) -> None:
    """A bucket label that is not a name (Terraform 0.12 and later reject it: Terraform
    0.11 code) leaves that module untouched with an error; the rest is fixed."""
    _tree(tmp_path, {"a": {"main.tf": ODD_BUCKET}, "b": {"main.tf": KEY}})
    done = run_tffix("--no-cache", "--select", "AWS003,AWS008", tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert 'main.tf:1:26: written for Terraform 0.11 (resource name "b i1"' in done.stderr
    assert "1 file changed; 2 errors" in done.stdout
    assert (tmp_path / "a" / "main.tf").read_bytes() == ODD_BUCKET
    assert (tmp_path / "b" / "main.tf").read_bytes() == ROTATED


class _Raises(Codemod):
    code = "TST901"
    name = "raises"
    summary = "raises on every module"

    def fix(self, ctx):  # type: ignore[no-untyped-def]
        raise KeyError("something the codemod did not foresee")
        yield  # pragma: no cover


class _Slow(Codemod):
    code = "TST902"
    name = "slow"
    summary = "never finishes"

    def fix(self, ctx):  # type: ignore[no-untyped-def]
        while True:
            time.sleep(0.01)
        yield  # pragma: no cover


def test_run_module_reports_the_codemod_and_why(tmp_path: Path) -> None:
    _tree(tmp_path, {"m": {"main.tf": KEY}})
    path = str(tmp_path / "m" / "main.tf")
    result = run_module(str(tmp_path / "m"), [path], [get("AWS003")(), _Raises()])
    assert result.errors == [
        f"{tmp_path / 'm'}: TST901 failed on this module (main.tf): KeyError: "
        "'something the codemod did not foresee'; module left untouched, nothing of it written"
    ]
    assert not result.changed_files  # AWS003's fix of this module is not written either


def test_a_module_past_its_time_budget_is_reported(tmp_path: Path) -> None:
    _tree(tmp_path, {"m": {"main.tf": KEY}})
    path = str(tmp_path / "m" / "main.tf")
    started = time.monotonic()
    result = run_module(str(tmp_path / "m"), [path], [_Slow()], time_limit=0.3)
    assert time.monotonic() - started < 5
    assert result.errors == [
        f"{tmp_path / 'm'}: timed out after 0.3 s while running TST902 (module time budget); "
        "module left untouched, nothing of it written"
    ]


# ---- files that are not files ----------------------------------------------------------


def _fifo(path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(path)


@pytest.mark.slow  # a tffix process per command
@pytest.mark.parametrize("command", [(), ("--dry-run",), ("parse",), ("fmt", "-r")])
def test_a_fifo_named_tf_is_never_opened(tmp_path: Path, command: tuple[str, ...]) -> None:
    """It blocked the run forever (open waits for a writer)."""
    _tree(tmp_path, {"a": {"main.tf": KEY}, "b": {"main.tf": KEY}})
    _fifo(tmp_path / "a" / "pipe.tf")
    args = (*command, "--no-cache") if command[:1] != ("parse",) else command
    done = run_tffix(*args, tmp_path, cwd=tmp_path, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "pipe.tf: skipped: a FIFO, not a regular file" in done.stderr
    if command == ():
        assert (tmp_path / "b" / "main.tf").read_bytes() == ROTATED
        assert (tmp_path / "a" / "main.tf").read_bytes() == KEY  # its module is left alone


@pytest.mark.slow  # tffix processes with a FIFO
def test_a_fifo_given_by_name_is_refused(tmp_path: Path) -> None:
    _fifo(tmp_path / "pipe.tf")
    for args in (("parse",), ("fmt",), ("--no-cache",)):
        done = run_tffix(*args, tmp_path / "pipe.tf", cwd=tmp_path, timeout=120)
        assert done.returncode == 2, (args, done.stderr)
        assert "skipped: a FIFO, not a regular file" in done.stderr, args


def test_a_device_named_tf_is_not_read(tmp_path: Path) -> None:
    """/dev/zero under a .tf name was read until memory ran out."""
    device = tmp_path / "m" / "zero.tf"
    device.parent.mkdir()
    try:
        os.mknod(device, stat.S_IFCHR | 0o644, os.makedev(1, 5))
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here")
    result = run_module(str(device.parent), [str(device)], [get("AWS003")()])
    assert result.errors[0] == f"{device}: skipped: a character device, not a regular file"
    done = run_tffix("parse", tmp_path, timeout=120)
    assert done.returncode == 2 and "a character device" in done.stderr


@pytest.mark.slow  # a tffix process per command
@pytest.mark.parametrize("command", [(), ("--dry-run",), ("parse",)])
def test_symlink_loops_are_reported_not_a_crash(tmp_path: Path, command: tuple[str, ...]) -> None:
    _tree(tmp_path, {"a": {"main.tf": KEY}, "b": {"main.tf": KEY}})
    (tmp_path / "a" / "self.tf").symlink_to("self.tf")
    (tmp_path / "a" / "ping.tf").symlink_to("pong.tf")
    (tmp_path / "a" / "pong.tf").symlink_to("ping.tf")
    args = (*command, "--no-cache") if command[:1] != ("parse",) else command
    done = run_tffix(*args, tmp_path, cwd=tmp_path, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "RuntimeError" not in done.stderr
    assert "self.tf: cannot read: Too many levels of symbolic links" in done.stderr
    assert "ping.tf: cannot read" in done.stderr
    if command == ():
        assert (tmp_path / "b" / "main.tf").read_bytes() == ROTATED


def test_an_unreadable_directory_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It was skipped silently ("0 errors"). The tests run as root, for whom mode 000
    opens anyway, so the refusal is simulated where discovery lists directories."""
    _tree(tmp_path, {"a": {"main.tf": KEY}, "secret": {"main.tf": KEY}})
    real_scandir = os.scandir
    hidden = str(tmp_path / "secret")

    def scandir(path: str) -> object:
        if os.fspath(path) == hidden:
            raise PermissionError(errno.EACCES, "Permission denied", hidden)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = run([tmp_path], [get("AWS003")], jobs=1)
    assert report.errors == [
        f"{hidden}: cannot read directory: Permission denied; its files were not checked"
    ]
    assert report.exit_code() == 2
    assert report.written == [str(tmp_path / "a" / "main.tf")]


# ---- the size limit ---------------------------------------------------------------------


@pytest.mark.slow  # several tffix processes
def test_a_file_over_the_size_limit_is_skipped_and_the_run_goes_on(tmp_path: Path) -> None:
    big = KEY + b"# padding\n" * 200
    _tree(tmp_path, {"a": {"main.tf": big}, "b": {"main.tf": KEY}})
    done = run_tffix("--no-cache", "--max-file-size", "1KB", tmp_path)
    assert done.returncode == 2, done.stderr
    assert f"{tmp_path / 'a' / 'main.tf'}: skipped: larger than 1 KB (max-file-size)" in (
        done.stderr
    )
    assert (tmp_path / "a" / "main.tf").read_bytes() == big
    assert (tmp_path / "b" / "main.tf").read_bytes() == ROTATED

    (tmp_path / "b" / "main.tf").write_bytes(KEY)
    (tmp_path / ".tffix.toml").write_text('max-file-size = "1KB"\n')
    configured = run_tffix("--no-cache", tmp_path)
    assert configured.returncode == 2
    assert "skipped: larger than 1 KB (max-file-size)" in configured.stderr
    assert (tmp_path / "b" / "main.tf").read_bytes() == ROTATED
    # The command line wins over the configuration.
    assert run_tffix("--no-cache", "--max-file-size", "1MB", tmp_path).returncode == 0

    (tmp_path / ".tffix.toml").write_text('max-file-size = "lots"\n')
    bad = run_tffix("--no-cache", tmp_path)
    assert bad.returncode == 2 and "`max-file-size`: not a size: 'lots'" in bad.stderr
    assert "Traceback" not in bad.stderr


# ---- writes ---------------------------------------------------------------------------


@pytest.mark.slow  # tffix and terraform processes
def test_a_read_only_file_is_refused_like_terraform_fmt(tmp_path: Path) -> None:
    _tree(tmp_path, {"a": {"main.tf": KEY}, "b": {"main.tf": KEY}})
    locked = tmp_path / "a" / "main.tf"
    locked.chmod(0o444)
    done = run_tffix("--no-cache", tmp_path)
    assert done.returncode == 2, done.stderr
    assert (
        f"{locked}: Failed to write: read-only file (mode 0444); the file was left as it was"
        in done.stderr
    )
    assert "1 file changed; 1 not written (see the errors); 1 error" in done.stdout
    assert locked.read_bytes() == KEY
    assert (tmp_path / "b" / "main.tf").read_bytes() == ROTATED

    (tmp_path / "a" / "fmt.tf").write_bytes(b"a  =  1\n")
    (tmp_path / "a" / "fmt.tf").chmod(0o444)
    fmt = run_tffix("fmt", tmp_path / "a" / "fmt.tf", cwd=tmp_path)
    assert fmt.returncode == 2 and "Failed to write" in fmt.stderr
    assert (tmp_path / "a" / "fmt.tf").read_bytes() == b"a  =  1\n"


ENOSPC_AT = """
import errno, os, sys
import tffix.cst.write as write
real_fsync = os.fsync
def fsync(fd):
    if sys.argv[1] in os.readlink(f"/proc/self/fd/{fd}"):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    real_fsync(fd)
proxy = type(sys)("os_proxy")
proxy.__dict__.update(os.__dict__)
proxy.fsync = fsync
write.os = proxy
from tffix.__main__ import main
sys.exit(main(sys.argv[2:]))
"""


def test_a_full_disk_is_reported_per_file_and_the_run_goes_on(tmp_path: Path) -> None:
    """A write error gave a traceback and exit 1 after earlier modules were written."""
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc")
    _tree(tmp_path, {"a": {"main.tf": KEY}, "b": {"main.tf": KEY}, "c": {"main.tf": KEY}})
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", ENOSPC_AT, "/b/.main.tf", "--no-cache", "-j", "1", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert (
        f"{tmp_path / 'b' / 'main.tf'}: Failed to write: No space left on device; "
        "the file was left as it was"
    ) in done.stderr
    assert "2 files changed; 1 not written (see the errors); 1 error" in done.stdout
    assert (tmp_path / "a" / "main.tf").read_bytes() == ROTATED
    assert (tmp_path / "b" / "main.tf").read_bytes() == KEY
    assert (tmp_path / "c" / "main.tf").read_bytes() == ROTATED
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["main.tf"]  # no temp file


def test_a_read_only_directory_is_reported_as_json(tmp_path: Path) -> None:
    _tree(tmp_path, {"a": {"main.tf": KEY}})
    path = str(tmp_path / "a" / "main.tf")
    result = run_module(str(tmp_path / "a"), [path], [get("AWS003")()])

    def refuse(directory: str, name: str) -> object:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), directory)

    from tffix.cst import write

    real = write._temp_file
    write._temp_file = refuse  # type: ignore[assignment]
    try:
        assert write_results(result) == []
    finally:
        write._temp_file = real  # type: ignore[assignment]
    assert result.errors == [
        f"{path}: Failed to write: Read-only file system; the file was left as it was"
    ]


def test_an_edit_during_the_run_is_not_lost(tmp_path: Path) -> None:
    """The file was overwritten (or recreated) when someone changed it meanwhile."""
    _tree(tmp_path, {"m": {"main.tf": KEY}})
    tf = tmp_path / "m" / "main.tf"
    result = run_module(str(tmp_path / "m"), [str(tf)], [get("AWS003")()])
    tf.write_bytes(KEY + b"# a colleague's edit\n")
    assert write_results(result) == []
    assert result.errors == [
        f"{tf}: Failed to write: changed by someone else since it was read; "
        "not overwritten, run tffix again"
    ]
    assert tf.read_bytes() == KEY + b"# a colleague's edit\n"

    result = run_module(str(tmp_path / "m"), [str(tf)], [get("AWS003")()])
    tf.unlink()
    assert write_results(result) == []
    assert "deleted by someone else during the run" in result.errors[0]
    assert not tf.exists()


def test_two_concurrent_runs_keep_both_runs_fixes(tmp_path: Path) -> None:
    """Both read the file, each fixes something else; the second must not write over
    the first: its write is refused and reported, and running it again adds its fix."""
    _tree(tmp_path, {"m": {"main.tf": KEY + b'\nvariable "v" {\n  default="x"\n}\n'}})
    tf = str(tmp_path / "m" / "main.tf")
    first = run_module(str(tmp_path / "m"), [tf], [get("AWS003")()])
    second = run_module(str(tmp_path / "m"), [tf], [get("TF001")()])
    assert write_results(first) == [tf]
    assert write_results(second) == []
    assert "changed by someone else since it was read" in second.errors[0]
    text = Path(tf).read_text()
    assert "enable_key_rotation = true" in text and 'default="x"' in text
    again = run_module(str(tmp_path / "m"), [tf], [get("TF001")()])
    assert write_results(again) == [tf]
    text = Path(tf).read_text()
    assert "enable_key_rotation = true" in text and 'default = "x"' in text


@pytest.mark.slow  # concurrent tffix processes
def test_concurrent_processes_lose_no_fix(tmp_path: Path) -> None:
    """Two real runs on one tree: whatever the interleaving, every fix of a run that
    reported success is in the files, and a refused write is reported."""
    for i in range(20):
        _tree(tmp_path, {f"m{i:02d}": {"main.tf": KEY + b'\nvariable "v" {\n  default="x"\n}\n'}})
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tffix",
                "--no-cache",
                "-j",
                "1",
                "--select",
                code,
                str(tmp_path),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for code in ("AWS003", "TF001")
    ]
    outputs = [(p.wait(timeout=300), p.stderr.read()) for p in runs]  # type: ignore[union-attr]
    for code, (status, stderr) in zip(("AWS003", "TF001"), outputs, strict=True):
        assert "Traceback" not in stderr
        refused = {line.split(":")[0] for line in stderr.splitlines() if "Failed to write" in line}
        assert status == (2 if refused else 0), stderr
        for i in range(20):
            path = str(tmp_path / f"m{i:02d}" / "main.tf")
            text = Path(path).read_text()
            fixed = "enable_key_rotation = true" if code == "AWS003" else 'default = "x"'
            assert (fixed in text) != (path in refused), (code, path, text)


# ---- the cache ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [
        [],
        {"findings": {"a": 1}},
        {"findings": [], "changed": []},
        {"findings": [], "changed": {"main.tf": 1}},
        {
            "findings": [
                {
                    "code": "AWS003",
                    "message": "m",
                    "path": "p",
                    "line": "1",
                    "column": 1,
                    "status": "manual",
                }
            ]
        },
        {
            "findings": [
                {
                    "code": "AWS003",
                    "message": "m",
                    "path": "p",
                    "line": 1,
                    "column": 1,
                    "status": "bogus",
                }
            ]
        },
        {
            "findings": [
                {
                    "code": "AWS003",
                    "message": "m",
                    "path": "p",
                    "line": True,
                    "column": 1,
                    "status": "manual",
                }
            ]
        },
        "[" * 100_000,
    ],
)
def test_a_damaged_cache_entry_is_a_miss(tmp_path: Path, entry: object) -> None:
    _tree(tmp_path, {"m": {"main.tf": KEY}})
    cache = Cache(tmp_path / "cache")
    config = {"codes": ["AWS003"], "options": {}, "max_rounds": 10, "dry_run": True}
    key = module_key([str(tmp_path / "m" / "main.tf")], config)
    assert key is not None
    path = cache._path(key)
    path.parent.mkdir(parents=True)
    path.write_text(entry if isinstance(entry, str) else json.dumps(entry))
    assert cache.get(key) is None
    report = run([tmp_path / "m"], [get("AWS003")], jobs=1, dry_run=True, cache=cache)
    assert report.changed == [str(tmp_path / "m" / "main.tf")]
    assert [f.code for f in report.findings] == ["AWS003"]


# ---- tffix fmt and tffix parse ----------------------------------------------------------


def test_fmt_recursive_does_not_write_through_a_link_out_of_the_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tffix.__main__ import main

    outside = tmp_path / "outside.tf"
    outside.write_bytes(b"a  =  1\n")
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "escape.tf").symlink_to(outside)
    (root / "inside.tf").write_bytes(b"b  =  2\n")
    (root / "sub" / "alias.tf").symlink_to(root / "inside.tf")  # inside: formatted
    monkeypatch.chdir(root)
    assert main(["fmt", "-r", "."]) == 0
    captured = capsys.readouterr()
    assert outside.read_bytes() == b"a  =  1\n"
    assert f"sub/escape.tf: skipped: a symbolic link to {outside}, outside ." in captured.err
    assert (root / "inside.tf").read_bytes() == b"b = 2\n"
    assert (root / "sub" / "escape.tf").is_symlink() and (root / "sub" / "alias.tf").is_symlink()


@pytest.mark.parametrize("command", ["parse", "fmt"])
def test_parse_and_fmt_report_an_unreadable_directory(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    from tffix.__main__ import main

    # "z" comes after the unreadable directory: the walk must go on past it.
    _tree(tmp_path, {"z": {"main.tf": b"a  =  1\n"}, "secret": {"main.tf": b"a  =  1\n"}})
    real_scandir = os.scandir
    hidden = str(tmp_path / "secret")

    def scandir(path: str) -> object:
        if os.fspath(path) == hidden:
            raise PermissionError(errno.EACCES, "Permission denied", hidden)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    args = ["parse", str(tmp_path)] if command == "parse" else ["fmt", "-r", str(tmp_path)]
    assert main(args) == 2
    assert f"{hidden}: cannot read directory: Permission denied" in capsys.readouterr().err
    if command == "fmt":  # the rest was done
        assert (tmp_path / "z" / "main.tf").read_bytes() == b"a = 1\n"
