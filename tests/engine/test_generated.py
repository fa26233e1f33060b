"""CDKTF's synthesized configuration is reported, never edited.

``cdktf synth`` writes ``cdktf.out/stacks/NAME/cdk.tf.json`` again on every
run: a fix there is lost at the next synth and the app keeps the problem.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_tffix

STACK = {
    "//": {"metadata": {"backend": "local", "stackName": "app", "version": "0.20.0"}},
    "terraform": {"required_providers": {"aws": {"source": "aws", "version": "5.40.0"}}},
    "provider": {"aws": [{"region": "eu-west-1"}]},
    "resource": {
        "aws_kms_key": {"app_Key_9F8E": {"description": "app key"}},
        "aws_cloudwatch_log_group": {"app_Logs_77": {"name": "/app/logs"}},
    },
}


def _run(directory: Path, *args: str) -> tuple[int, list[str]]:
    result = run_tffix(*args, "--no-cache", "--select", "AWS003,AWS009", directory)
    assert result.returncode in (0, 1), result.stderr
    lines = [line for line in result.stdout.splitlines() if " AWS00" in line]
    return result.returncode, lines


def _check_reported_not_edited(path: Path) -> None:
    text = json.dumps(STACK, indent=2) + "\n"
    path.write_text(text)
    code, findings = _run(path.parent)  # a real run: nothing may be written
    assert path.read_text() == text
    assert code == 1 and len(findings) == 2
    for line in findings:
        assert line.endswith("[manual]")
        assert "cdktf synth" in line and "make this change in the CDKTF app's code" in line
    assert any("AWS003" in line and "enabled key rotation" in line for line in findings)
    assert any("AWS009" in line and "no retention" in line for line in findings)


def test_a_stack_under_cdktf_out_is_reported_not_edited(tmp_path: Path) -> None:
    stack = tmp_path / "cdktf.out" / "stacks" / "app"
    stack.mkdir(parents=True)
    _check_reported_not_edited(stack / "cdk.tf.json")


def test_a_file_with_cdktf_metadata_is_reported_not_edited(tmp_path: Path) -> None:
    _check_reported_not_edited(tmp_path / "cdk.tf.json")


def test_json_configuration_written_by_people_is_still_fixed(tmp_path: Path) -> None:
    plain = {key: value for key, value in STACK.items() if key != "//"}
    path = tmp_path / "main.tf.json"
    path.write_text(json.dumps(plain, indent=2) + "\n")
    code, findings = _run(tmp_path, "--dry-run")
    assert code == 1 and len(findings) == 2
    assert all(line.endswith("[fixable]") and "cdktf" not in line for line in findings)


def test_a_fifo_named_like_json_configuration_does_not_block_the_check(tmp_path: Path) -> None:
    import os

    from tffix.engine.generated import generator

    fifo = tmp_path / "cdk.tf.json"
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever
    assert generator(str(tmp_path), [str(fifo)]) is None
