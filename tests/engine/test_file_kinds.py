"""Every file Terraform and OpenTofu read: discovery, ``.tofu`` shadowing, override files."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_tffix
from tffix.analysis.overrides import merged_attributes, overridden_ranges
from tffix.engine.codemod import Status
from tffix.engine.files import file_kind, find_modules, is_override, shadowed, survey
from tffix.engine.session import run, select_codemods
from tffix.syntax.parser import parse

KEY = 'resource "aws_kms_key" "{name}" {{\n  description = "{text}"\n}}\n'


def _module(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text)
    return directory


def test_file_kinds_take_the_longest_suffix() -> None:
    assert file_kind("a.tfvars.json") == ".tfvars.json"
    assert file_kind("a.auto.tfvars") == ".tfvars"
    assert file_kind("main.tofu.json") == ".tofu.json"
    assert file_kind("main.tf.json") == ".tf.json"
    assert file_kind("main.tofu") == ".tofu"
    assert file_kind("main.tf") == ".tf"
    assert file_kind("main.tf.bak") is None


def test_override_file_names() -> None:
    # https://developer.hashicorp.com/terraform/language/files/override
    for name in ("override.tf", "x_override.tf", "override.tofu", "x_override.tf.json"):
        assert is_override(name), name
    for name in ("overrides.tf", "x-override.tf", "myoverride.tf", "override.tfvars"):
        assert not is_override(name), name


def test_a_tofu_file_shadows_the_tf_file_of_the_same_name() -> None:
    # https://opentofu.org/docs/language/files/ : "if both main.tf and main.tofu
    # exist, OpenTofu ignores main.tf"; the same for the JSON forms.
    names = ["main.tf", "main.tofu", "b.tf", "c.tf.json", "c.tofu.json", "d.tofu"]
    assert shadowed(names) == {"main.tf": "main.tofu", "c.tf.json": "c.tofu.json"}


def test_discovery_finds_every_kind_and_fixes_configuration_only(tmp_path: Path) -> None:
    module = _module(
        tmp_path / "m",
        {
            "main.tf": KEY.format(name="a", text="old"),
            "main.tofu": KEY.format(name="a", text="new"),
            "b.tf": KEY.format(name="b", text="b"),
            "c.tf.json": '{"variable": {"x": {}}}\n',
            "terraform.tfvars": "x = 1\n",
            "prod.tfvars.json": '{"x": 2}\n',
            "notes.txt": "not Terraform\n",
        },
    )
    [found] = find_modules([tmp_path])
    # JSON configuration is fixed through its HCL form (tffix.json); variables are read
    assert [p.name for p in found.files] == ["b.tf", "c.tf.json", "main.tofu"]
    assert {p.name: t.name for p, t in found.ignored.items()} == {"main.tf": "main.tofu"}
    assert sorted(p.name for p in found.context) == ["prod.tfvars.json", "terraform.tfvars"]
    counts = survey([module])
    assert counts.counts == {".tf": 2, ".tofu": 1, ".tf.json": 1, ".tfvars": 1, ".tfvars.json": 1}
    assert counts.lines()[0] == "found: 2 .tf, 1 .tofu, 1 .tfvars, 1 .tf.json, 1 .tfvars.json"


def test_a_shadowed_tf_file_given_by_name_is_not_read(tmp_path: Path) -> None:
    module = _module(
        tmp_path, {"main.tf": "this is { not HCL", "main.tofu": KEY.format(name="a", text="a")}
    )
    [found] = find_modules([module / "main.tf"])
    assert [p.name for p in found.files] == ["main.tofu"]
    assert found.writable == set()  # main.tofu was not given: context only


def test_verbose_run_counts_kinds_and_names_ignored_files(tmp_path: Path) -> None:
    _module(
        tmp_path / "m",
        {
            "main.tf": "this is { not HCL: OpenTofu never reads it",
            "main.tofu": KEY.format(name="a", text="a"),
            "vars.tfvars": "x = 1\n",
        },
    )
    done = run_tffix("-v", "--dry-run", "--no-cache", "m", cwd=tmp_path)
    assert "found: 1 .tf, 1 .tofu, 1 .tfvars" in done.stderr
    assert "ignored: m/main.tf (main.tofu replaces it, as in OpenTofu)" in done.stderr
    # the .tofu file is fixed like a .tf file, the shadowed .tf one is not parsed
    assert "m/main.tofu:1:1 AWS003" in done.stdout
    assert done.returncode == 1, done.stderr


def test_an_empty_directory_has_no_terraform_files(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "README.md").write_text("nothing\n")
    done = run_tffix("empty", cwd=tmp_path)
    assert "empty: no Terraform files found" in done.stderr
    assert done.returncode == 2


def test_an_overridden_block_is_not_fixed_and_says_why(tmp_path: Path) -> None:
    module = _module(
        tmp_path,
        {
            "keys.tf": KEY.format(name="a", text="a") + "\n" + KEY.format(name="b", text="b"),
            "keys_override.tf": KEY.format(name="b", text="from the override"),
        },
    )
    before = {p.name: p.read_text() for p in module.iterdir()}
    report = run([module], select_codemods(["AWS003"]), dry_run=True)
    assert not report.errors
    [result] = report.modules
    [changed] = result.changed_files
    assert changed.path.endswith("keys.tf")
    # aws_kms_key.a is fixed; aws_kms_key.b (line 5) is left, the override untouched
    assert 'resource "aws_kms_key" "a" {\n  description         = "a"\n  enable_key_rotation' in (
        changed.new
    )
    assert changed.new.endswith(before["keys.tf"].split("\n\n")[1])
    manual = sorted(
        (Path(f.path).name, f.line) for f in report.findings if f.status.value == "manual"
    )
    assert ("keys.tf", 5) in manual and ("keys_override.tf", 1) in manual
    texts = " ".join(f.message for f in report.findings)
    assert "overridden by keys_override.tf" in texts


def test_override_arguments_replace_the_base_ones() -> None:
    files = {
        "main.tf": parse(
            'resource "x" "y" {\n  a = 1\n  b = 2\n}\n\nlocals {\n  l = 1\n  m = 2\n}\n'
        ),
        "main_override.tf": parse('resource "x" "y" {\n  b = 3\n}\n\nlocals {\n  m = 4\n}\n'),
    }
    block = files["main.tf"].body.blocks[0]
    merged = merged_attributes(block, files)
    assert {k: v.value.code.strip() for k, v in merged.items()} == {"a": "1", "b": "3"}
    # the resource, and the one overridden local (not its neighbour)
    assert overridden_ranges(files) == {
        "main.tf": [(1, 4, "main_override.tf"), (8, 8, "main_override.tf")]
    }


@pytest.mark.slow  # tffix and terraform processes
@pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform not on PATH")
def test_fmt_formats_tofu_files_as_terraform_formats_the_same_tf(tmp_path: Path) -> None:
    text = (
        'terraform {\n  encryption {\n    key_provider "pbkdf2" "k" {\n'
        'passphrase = var.passphrase\n    }\n    method "aes_gcm" "m" {\n'
        "      keys = key_provider.pbkdf2.k\n    }\n  }\n}\n"
        'variable "passphrase" {\n  type = string\n  sensitive= true\n}\n'
    )
    (tmp_path / "main.tofu").write_text(text)
    (tmp_path / "oracle").mkdir()
    (tmp_path / "oracle" / "main.tf").write_text(text)
    subprocess.run(["terraform", "fmt", str(tmp_path / "oracle")], check=True, capture_output=True)
    done = run_tffix("fmt", str(tmp_path / "main.tofu"))
    assert done.returncode == 0, done.stderr
    expected = (tmp_path / "oracle" / "main.tf").read_bytes()
    assert expected != text.encode()
    assert (tmp_path / "main.tofu").read_bytes() == expected


KINDS_CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "filekinds"
HCL_FILES = sorted(p for p in KINDS_CORPUS.iterdir() if p.name.endswith((".tofu", ".tfvars")))


@pytest.mark.parametrize("path", HCL_FILES, ids=lambda p: p.name)
def test_tofu_and_tfvars_files_roundtrip_byte_identical(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    assert parse(text, path=str(path)).code == text


@pytest.mark.slow  # tffix and terraform processes
@pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform not on PATH")
def test_fmt_matches_terraform_fmt_on_tofu_and_tfvars_files(tmp_path: Path) -> None:
    ours, oracle = tmp_path / "ours", tmp_path / "oracle"
    shutil.copytree(KINDS_CORPUS, ours)
    oracle.mkdir()
    for path in HCL_FILES:  # terraform fmt reads .tf, not .tofu: the same bytes as .tf
        name = path.name.replace(".tofu", ".tofu.tf") if path.suffix == ".tofu" else path.name
        shutil.copy(path, oracle / name)
    subprocess.run(["terraform", "fmt", str(oracle)], check=True, capture_output=True)
    done = run_tffix("fmt", str(ours))
    assert done.returncode == 0, done.stderr
    changed = 0
    for path in HCL_FILES:
        name = path.name.replace(".tofu", ".tofu.tf") if path.suffix == ".tofu" else path.name
        expected = (oracle / name).read_bytes()
        changed += expected != path.read_bytes()
        assert (ours / path.name).read_bytes() == expected, path.name
    assert changed == len(HCL_FILES)  # each one exercises the formatter
    for path in KINDS_CORPUS.glob("*.json"):  # JSON is never formatted
        assert (ours / path.name).read_bytes() == path.read_bytes()


def test_given_json_configuration_is_fixed_and_variable_files_are_context(
    tmp_path: Path,
) -> None:
    key = '{\n  "resource": {\n    "aws_kms_key": {\n      "j": {}\n    }\n  }\n}\n'
    module = _module(
        tmp_path,
        {"a.tf.json": key, "t.tfvars": "x = 1\n", "main.tf": 'variable "x" {\n}\n'},
    )
    report = run([module / "a.tf.json", module / "t.tfvars"], select_codemods(["AWS003"]))
    assert not report.errors and report.written == [str(module / "a.tf.json")]
    assert (
        '"j": {\n        "enable_key_rotation": true\n      }' in (module / "a.tf.json").read_text()
    )
    [found] = find_modules([module / "t.tfvars"])
    assert [p.name for p in found.files] == ["a.tf.json", "main.tf"] and found.writable == set()


def test_a_directory_of_json_configuration_is_a_module_and_excluded_json_is_not_written(
    tmp_path: Path,
) -> None:
    key = '{"resource": {"aws_kms_key": {"j": {}}}}\n'
    only = _module(tmp_path / "only", {"main.tf.json": key})
    [found] = find_modules([only])
    assert [p.name for p in found.files] == ["main.tf.json"] and found.writable is None
    report = run([only], select_codemods(["AWS003"]))
    assert report.written == [str(only / "main.tf.json")]
    assert json.loads((only / "main.tf.json").read_text()) == {
        "resource": {"aws_kms_key": {"j": {"enable_key_rotation": True}}}
    }
    # excluded: read (its resource is reported as not checked), never written
    kept = _module(tmp_path / "kept", {"gen.tf.json": key, "main.tf": 'variable "x" {\n}\n'})
    report = run([kept], select_codemods(["AWS003"]), exclude=["gen.tf.json"])
    assert not report.written and (kept / "gen.tf.json").read_text() == key
    [finding] = report.findings
    assert finding.status is Status.MANUAL and "gen.tf.json" in finding.message
