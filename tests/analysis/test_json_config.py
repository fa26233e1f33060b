"""JSON configuration (.tf.json) in the analysis, and the runner's read-only rule for it."""

from __future__ import annotations

import json
from pathlib import Path

from tffix.analysis.json_config import json_files, read_json_config
from tffix.analysis.module import analyze_directory
from tffix.engine.codemod import Status
from tffix.engine.session import run, select_codemods

NETWORK = Path(__file__).resolve().parents[2] / "corpus" / "filekinds" / "network.tf.json"


def test_declarations_and_references_with_their_positions() -> None:
    config = read_json_config(str(NETWORK))
    assert config.error is None
    assert [(d.kind, d.address, d.line, d.column) for d in config.declarations] == [
        ("variable", "var.vpc_cidr", 4, 5),
        ("resource", "aws_vpc.main", 11, 7),
        ("output", "output.vpc_id", 20, 5),
    ]
    assert [(r.address, r.line) for r in config.references] == [
        ("var.vpc_cidr", 12),
        ("local.name_prefix", 14),
        ("aws_vpc.main", 21),
    ]


def test_arrays_locals_data_depends_on_comments_and_escapes(tmp_path: Path) -> None:
    text = {
        "//": "a comment, not a block",
        "locals": [{"a": "${data.aws_caller_identity.me.account_id}", "b": "$${not.a_ref}"}],
        "data": {"aws_caller_identity": {"me": {}}},
        "module": {"m": {"source": "./m", "depends_on": ["aws_s3_bucket.b"]}},
        "resource": {"aws_s3_bucket": {"b": {"bucket": '${upper("x}")}-${local.a}'}}},
    }
    path = tmp_path / "x.tf.json"
    path.write_text(json.dumps(text, indent=2))
    config = read_json_config(str(path))
    assert [d.address for d in config.declarations] == [
        "local.a",
        "local.b",
        "data.aws_caller_identity.me",
        "module.m",
        "aws_s3_bucket.b",
    ]
    assert [r.address for r in config.references] == [
        "data.aws_caller_identity.me",
        "aws_s3_bucket.b",
        "local.a",
    ]


def test_invalid_json_is_an_error_not_a_guess(tmp_path: Path) -> None:
    path = tmp_path / "x.tf.json"
    path.write_text('{"resource": {"a": }')
    assert read_json_config(str(path)).error is not None
    (tmp_path / "main.tf").write_text('output "o" {\n  value = aws_vpc.main.id\n}\n')
    assert not analyze_directory(tmp_path).complete


def test_a_tofu_json_file_shadows_the_tf_json_one(tmp_path: Path) -> None:
    for name in ("a.tf.json", "a.tofu.json", "b.tf.json"):
        (tmp_path / name).write_text("{}")
    assert [Path(p).name for p in json_files(str(tmp_path))] == ["a.tofu.json", "b.tf.json"]


def _module(tmp_path: Path, files: dict[str, str]) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_references_to_json_declarations_resolve(tmp_path: Path) -> None:
    module = _module(
        tmp_path,
        {
            "network.tf.json": NETWORK.read_text(),
            "main.tf": 'locals {\n  name_prefix = "x"\n}\n\noutput "cidr" {\n'
            "  value = aws_vpc.main.cidr_block\n}\n\n"
            'output "typo" {\n  value = aws_vpc.mian.id\n}\n',
        },
    )
    analysis = analyze_directory(module)
    assert [u.reference.address for u in analysis.undefined()] == ["aws_vpc.mian"]
    report = run([module], select_codemods(["TF003"]), dry_run=True)
    assert [f.message for f in report.findings] == [
        "reference to undeclared resource aws_vpc.mian; did you mean aws_vpc.main?"
    ]


def test_a_json_declared_resource_is_a_manual_finding_and_json_is_never_written(
    tmp_path: Path,
) -> None:
    key = {"resource": {"aws_kms_key": {"json": {"description": "in JSON"}}}}
    text = json.dumps(key, indent=2) + "\n"
    module = _module(
        tmp_path,
        {
            "keys.tf.json": text,
            "main.tf": 'resource "aws_kms_key" "hcl" {\n  description = "x"\n}\n',
        },
    )
    report = run([module], select_codemods(["AWS003"]))
    assert not report.errors
    found = {(Path(f.path).name, f.status) for f in report.findings}
    assert found == {("main.tf", Status.FIXED), ("keys.tf.json", Status.MANUAL)}
    [manual] = [f for f in report.findings if f.status is Status.MANUAL]
    assert manual.message.startswith(
        "aws_kms_key.json is declared in keys.tf.json; tffix does not edit JSON configuration yet"
    )
    assert (manual.line, manual.column) == (4, 7)
    assert (module / "keys.tf.json").read_text() == text
    assert "enable_key_rotation = true" in (module / "main.tf").read_text()


def test_a_fix_that_renames_what_json_refers_to_is_manual(tmp_path: Path) -> None:
    # TF005 renames a type that never existed, and the references to it in .tf files
    main = 'resource "aws_s3_bucket_encryption_configuration" "a" {\n  bucket = "b"\n}\n'
    old = "aws_s3_bucket_encryption_configuration.a"
    outputs = {"output": {"rule": {"value": "${" + old + ".rule}"}}}
    module = _module(tmp_path / "m", {"main.tf": main, "outputs.tf.json": json.dumps(outputs)})
    without_json = _module(tmp_path / "plain", {"main.tf": main})
    plain = run([without_json], select_codemods(["TF005"]), dry_run=True)
    assert any(f.status is Status.FIXABLE for f in plain.findings)
    report = run([module], select_codemods(["TF005"]), dry_run=True)
    assert not report.errors and not report.changed
    [manual] = [f for f in report.findings if "outputs.tf.json" in f.message]
    assert manual.status is Status.MANUAL and Path(manual.path).name == "main.tf"
    assert f"removes or renames {old}, which outputs.tf.json:1 refers to" in manual.message


def test_opentofu_encryption_names_are_not_references(tmp_path: Path) -> None:
    (tmp_path / "backend.tofu").write_text(
        (NETWORK.parent / "backend.tofu").read_text()
        + 'variable "state_passphrase" {\n  type = string\n}\n'
    )
    analysis = analyze_directory(tmp_path)
    assert analysis.undefined() == []
    # the passphrase is still a reference to the variable
    assert [r.line for r in analysis.references_to("var.state_passphrase")] == [15]
