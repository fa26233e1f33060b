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


def test_a_json_declared_resource_is_fixed_in_its_json_text(tmp_path: Path) -> None:
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
    found = {(Path(f.path).name, f.status, f.line, f.column) for f in report.findings}
    # the JSON finding is where the key's name is in the JSON file
    assert found == {("main.tf", Status.FIXED, 1, 1), ("keys.tf.json", Status.FIXED, 4, 7)}
    key["resource"]["aws_kms_key"]["json"]["enable_key_rotation"] = True
    assert (module / "keys.tf.json").read_text() == json.dumps(key, indent=2) + "\n"
    assert "enable_key_rotation = true" in (module / "main.tf").read_text()
    again = run([module], select_codemods(["AWS003"]))
    assert not again.changed and not again.findings


def test_a_json_file_tffix_cannot_write_exactly_stays_read_only(tmp_path: Path) -> None:
    # an interpolation over two lines: valid, read for analysis, not given to codemods
    text = '{"resource": {"aws_kms_key": {"json": {"description": "d-${\\n\\"k\\"}"}}}}\n'
    module = _module(tmp_path, {"keys.tf.json": text, "main.tf": ""})
    assert json.loads(text)["resource"]["aws_kms_key"]["json"]["description"] == 'd-${\n"k"}'
    report = run([module], select_codemods(["AWS003"]))
    assert not report.errors and not report.changed
    [manual] = report.findings
    assert manual.status is Status.MANUAL and (manual.line, manual.column) == (1, 31)
    assert manual.message.startswith(
        "aws_kms_key.json is declared in keys.tf.json, which this run reads but does not fix"
    )
    assert (module / "keys.tf.json").read_text() == text


def test_a_rename_reaches_the_references_in_json(tmp_path: Path) -> None:
    # TF005 renames a type that never existed, and the references to it in every file
    main = 'resource "aws_s3_bucket_encryption_configuration" "a" {\n  bucket = "b"\n}\n'
    old = "aws_s3_bucket_encryption_configuration.a"
    new = "aws_s3_bucket_server_side_encryption_configuration.a"
    outputs = {"output": {"rule": {"value": "${" + old + ".rule}"}}}
    module = _module(tmp_path / "m", {"main.tf": main, "outputs.tf.json": json.dumps(outputs)})
    report = run([module], select_codemods(["TF005"], unsafe=True))
    assert not report.errors
    assert json.loads((module / "outputs.tf.json").read_text()) == {
        "output": {"rule": {"value": "${" + new + ".rule}"}}
    }
    assert f'resource "{new.split(".")[0]}" "a"' in (module / "main.tf").read_text()


def test_opentofu_encryption_names_are_not_references(tmp_path: Path) -> None:
    (tmp_path / "backend.tofu").write_text(
        (NETWORK.parent / "backend.tofu").read_text()
        + 'variable "state_passphrase" {\n  type = string\n}\n'
    )
    analysis = analyze_directory(tmp_path)
    assert analysis.undefined() == []
    # the passphrase is still a reference to the variable
    assert [r.line for r in analysis.references_to("var.state_passphrase")] == [15]
