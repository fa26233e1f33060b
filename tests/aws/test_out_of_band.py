"""tffix.aws.out_of_band: bucket settings made by commands instead of resources."""

from __future__ import annotations

from pathlib import Path

import pytest

import tffix
from tffix.analysis.module import ModuleAnalysis, analyze_directory, analyze_modules
from tffix.aws import out_of_band, s3
from tffix.syntax import nodes as n

LIFECYCLE = out_of_band.LIFECYCLE


def module(text: str) -> ModuleAnalysis:
    return analyze_modules("/nonexistent", {"main.tf": tffix.parse(text)})


def bucket(analysis: ModuleAnalysis, label: str) -> n.Block:
    found = analysis.lookup(f"aws_s3_bucket.{label}")
    assert found is not None
    return found.node  # type: ignore[return-value]


def settings_of(analysis: ModuleAnalysis, label: str) -> list[tuple[str, str, bool]]:
    found = out_of_band.Settings(analysis, s3.Resolver(analysis))
    return [(s.configures, s.operation, s.sure) for s in found.of(bucket(analysis, label))]


BUCKETS = """
resource "aws_s3_bucket" "a" {
  bucket = "bucket-a"
}

resource "aws_s3_bucket" "b" {
  bucket = "bucket-b"
}
"""


def provisioner(command: str, extra: str = "") -> str:
    return (
        'resource "null_resource" "cli" {\n'
        '  provisioner "local-exec" {\n'
        f"    command = {command}\n{extra}"
        "  }\n"
        "}\n"
    )


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        # The CLI, the bucket by reference: a, not b.
        (
            '"aws s3api put-bucket-lifecycle-configuration --bucket ${aws_s3_bucket.a.id} '
            '--lifecycle-configuration file://l.json"',
            [(LIFECYCLE, "put-bucket-lifecycle-configuration", True)],
        ),
        # By its literal name, --bucket=NAME form.
        (
            '"aws s3api put-bucket-versioning --bucket=bucket-a --versioning-configuration '
            'Status=Enabled"',
            [(out_of_band.VERSIONING, "put-bucket-versioning", True)],
        ),
        # Deleting a configuration manages it too.
        (
            '"aws s3api delete-bucket-encryption --bucket ${aws_s3_bucket.a.bucket}"',
            [(out_of_band.ENCRYPTION, "delete-bucket-encryption", True)],
        ),
        # boto3, the keyword argument quoted.
        (
            "\"python3 -c \\\"import boto3; boto3.client('s3').put_bucket_lifecycle_"
            "configuration(Bucket='${aws_s3_bucket.a.id}', LifecycleConfiguration={})\\\"\"",
            [(LIFECYCLE, "put_bucket_lifecycle_configuration", True)],
        ),
        # AWS Tools for PowerShell.
        (
            '"pwsh -c Write-S3LifecycleConfiguration -BucketName ${aws_s3_bucket.a.id} '
            '-Configuration_Rule $rules"',
            [(LIFECYCLE, "Write-S3LifecycleConfiguration", True)],
        ),
        # s3cmd names the bucket with an s3:// URL.
        (
            '"s3cmd setlifecycle lifecycle.xml s3://${aws_s3_bucket.a.id}"',
            [(LIFECYCLE, "setlifecycle", True)],
        ),
        # Another bucket by name, by reference: none for a.
        (
            '"aws s3api put-bucket-lifecycle-configuration --bucket bucket-b --lifecycle-'
            'configuration file://l.json"',
            [],
        ),
        (
            '"aws s3api put-bucket-versioning --bucket ${aws_s3_bucket.b.id} '
            '--versioning-configuration Status=Enabled"',
            [],
        ),
        # The account's public access block (s3control), not a bucket's.
        (
            '"aws s3control put-public-access-block --account-id 123456789012 '
            '--public-access-block-configuration BlockPublicAcls=true"',
            [],
        ),
        # Reading a configuration changes nothing.
        ('"aws s3api get-bucket-lifecycle-configuration --bucket bucket-a"', []),
        # A bucket from a shell variable the provisioner does not set: may be a.
        (
            '"aws s3api put-bucket-policy --bucket $TARGET --policy file://p.json"',
            [(out_of_band.POLICY, "put-bucket-policy", False)],
        ),
    ],
)
def test_commands_and_the_bucket_they_name(command: str, expected: list[object]) -> None:
    assert settings_of(module(BUCKETS + provisioner(command)), "a") == expected


def test_several_commands_in_a_heredoc_each_with_its_bucket() -> None:
    command = (
        "<<-EOT\n"
        "      aws s3api put-bucket-versioning --bucket ${aws_s3_bucket.b.id} \\\n"
        "        --versioning-configuration Status=Enabled\n"
        "      aws s3api put-bucket-lifecycle-configuration --bucket ${aws_s3_bucket.a.id} \\\n"
        "        --lifecycle-configuration file://l.json\n"
        "    EOT"
    )
    analysis = module(BUCKETS + provisioner(command))
    assert settings_of(analysis, "a") == [(LIFECYCLE, "put-bucket-lifecycle-configuration", True)]
    assert settings_of(analysis, "b") == [(out_of_band.VERSIONING, "put-bucket-versioning", True)]


def test_environment_triggers_and_input_are_followed() -> None:
    text = BUCKETS + (
        'resource "null_resource" "env" {\n'
        "  triggers = {\n"
        "    name = aws_s3_bucket.a.bucket\n"
        "  }\n\n"
        '  provisioner "local-exec" {\n'
        '    command = "aws s3api put-bucket-encryption --bucket $${NAME} --sse file://s.json"\n'
        "    environment = {\n"
        "      NAME = self.triggers.name\n"
        "    }\n"
        "  }\n"
        "}\n\n"
        'resource "terraform_data" "input" {\n'
        "  input = { bucket = aws_s3_bucket.b.id }\n\n"
        '  provisioner "local-exec" {\n'
        '    command = "aws s3api put-bucket-acl --bucket ${self.output.bucket} --acl private"\n'
        "  }\n"
        "}\n"
    )
    analysis = module(text)
    assert settings_of(analysis, "a") == [(out_of_band.ENCRYPTION, "put-bucket-encryption", True)]
    assert settings_of(analysis, "b") == [(out_of_band.ACL, "put-bucket-acl", True)]


def test_command_from_a_local_and_programs_and_user_data() -> None:
    text = BUCKETS + (
        "locals {\n"
        '  lifecycle = "aws s3api put-bucket-lifecycle --bucket ${aws_s3_bucket.a.id}"\n'
        "}\n\n"
        'resource "null_resource" "from_local" {\n'
        '  provisioner "local-exec" {\n'
        "    command = local.lifecycle\n"
        "  }\n"
        "}\n\n"
        'data "external" "policy" {\n'
        '  program = ["aws", "s3api", "put-bucket-policy", "--bucket", aws_s3_bucket.b.id]\n'
        "}\n\n"
        'resource "aws_instance" "boot" {\n'
        '  ami       = "ami-123"\n'
        '  user_data = "aws s3api put-bucket-website --bucket ${aws_s3_bucket.b.id}"\n'
        "}\n"
    )
    analysis = module(text)
    assert settings_of(analysis, "a") == [(LIFECYCLE, "put-bucket-lifecycle", True)]
    assert sorted(settings_of(analysis, "b")) == [
        (out_of_band.POLICY, "put-bucket-policy", True),
        (out_of_band.WEBSITE, "put-bucket-website", True),
    ]


def test_a_script_of_the_module_the_command_runs(tmp_path: Path) -> None:
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "lifecycle.sh").write_text(
        '#!/bin/sh\nset -e\naws s3api put-bucket-lifecycle-configuration --bucket "$1" '
        "--lifecycle-configuration file://lifecycle.json\n"
    )
    (tmp_path / "main.tf").write_text(
        BUCKETS + provisioner('"${path.module}/scripts/lifecycle.sh ${aws_s3_bucket.b.bucket}"')
    )
    analysis = analyze_directory(str(tmp_path))
    assert settings_of(analysis, "a") == [(LIFECYCLE, "put-bucket-lifecycle-configuration", False)]
    assert settings_of(analysis, "b") == [(LIFECYCLE, "put-bucket-lifecycle-configuration", True)]
    found = out_of_band.Settings(analysis, s3.Resolver(analysis)).of(bucket(analysis, "b"))
    assert found[0].where == "scripts/lifecycle.sh"
    assert "a script the local-exec provisioner of null_resource.cli runs" in found[0].describe()


def test_logging_payload_names_the_target_bucket() -> None:
    command = (
        '"aws s3api put-bucket-logging --bucket ${aws_s3_bucket.a.id} --bucket-logging-status '
        '\'{\\"LoggingEnabled\\":{\\"TargetBucket\\":\\"${aws_s3_bucket.b.id}\\"}}\'"'
    )
    analysis = module(BUCKETS + provisioner(command))
    found = out_of_band.Settings(analysis, s3.Resolver(analysis))
    assert [s.owner for s in found.logs_to(bucket(analysis, "b"))] == [
        "the local-exec provisioner of null_resource.cli"
    ]
    assert found.logs_to(bucket(analysis, "a")) == []
    assert [s.configures for s in found.of(bucket(analysis, "a"))] == [out_of_band.LOGGING]


def test_types_in_text_of_a_child_module() -> None:
    text = provisioner('"aws s3api put-bucket-lifecycle-configuration --bucket ${var.bucket}"')
    assert out_of_band.types_in_text(text) == {LIFECYCLE}
    assert out_of_band.types_in_text('resource "aws_s3_bucket" "x" {}\n') == frozenset()


def test_a_shell_variable_assigned_in_the_script() -> None:
    command = (
        "<<-EOT\n"
        "      TARGET=${aws_s3_bucket.b.id}\n"
        '      aws s3api put-bucket-versioning --bucket "$TARGET" \\\n'
        "        --versioning-configuration Status=Enabled\n"
        "    EOT"
    )
    analysis = module(BUCKETS + provisioner(command))
    assert settings_of(analysis, "a") == []
    assert settings_of(analysis, "b") == [(out_of_band.VERSIONING, "put-bucket-versioning", True)]


@pytest.mark.parametrize(
    ("command", "operation"),
    [
        (
            '"aws s3 sync ./dist s3://${aws_s3_bucket.a.bucket}/ --acl public-read"',
            "--acl public-read",
        ),
        ('"aws s3 cp x s3://bucket-a/x --acl=public-read-write"', "--acl=public-read-write"),
        (
            '"aws s3api put-object-acl --bucket bucket-a --key x '
            '--grant-read uri=http://acs.amazonaws.com/groups/global/AllUsers"',
            "uri=http://acs.amazonaws.com/groups/global/AllUsers",
        ),
        (
            "\"python3 -c \\\"s3.upload_file('x', 'bucket-a', 'x', "
            "ExtraArgs={'ACL': 'public-read'})\\\"\"",
            "ACL: public-read",
        ),
        (
            '"Write-S3Object -BucketName bucket-a -File x -CannedACLName public-read"',
            "-CannedACLName public-read",
        ),
    ],
)
def test_objects_given_a_public_acl(command: str, operation: str) -> None:
    """Uploads and grants that make objects public: the bucket is public on purpose."""
    analysis = module(BUCKETS + provisioner(command))
    found = [s for s in settings_of(analysis, "a") if s[0] == out_of_band.OBJECT_ACL]
    assert [s[1] for s in found] == [operation]
    assert not [s for s in settings_of(analysis, "b") if s[0] == out_of_band.OBJECT_ACL and s[2]]


@pytest.mark.parametrize(
    "command",
    [
        '"aws s3 cp x s3://${aws_s3_bucket.a.bucket}/x --acl bucket-owner-full-control"',
        '"aws s3 sync ./dist s3://bucket-a/ --acl private"',
    ],
)
def test_private_object_acls_are_not_public(command: str) -> None:
    analysis = module(BUCKETS + provisioner(command))
    assert not [s for s in settings_of(analysis, "a") if s[0] == out_of_band.OBJECT_ACL]
