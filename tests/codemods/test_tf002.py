"""TF002 backend-config: multi-file root modules, child modules and the lock options."""

from __future__ import annotations

from pathlib import Path

import pytest

from tffix.engine.registry import get
from tffix.engine.runner import run_module

PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n'
BACKEND = (
    '  backend "s3" {\n'
    "    # bucket, key and region: terraform init -backend-config=...\n"
    "    use_lockfile = true\n"
    "  }\n"
)
# Without a required_version nothing says init runs Terraform >= 1.10, which
# use_lockfile needs: the backend comes without a lock, and a finding asks for one.
UNLOCKED = (
    '  backend "s3" {\n    # bucket, key and region: terraform init -backend-config=...\n  }\n'
)


def run(directory: Path, **options: object):
    paths = sorted(str(p) for p in directory.glob("*.tf"))
    result = run_module(str(directory), paths, [get("TF002")(**options)])
    assert not result.errors, result.errors
    return {Path(f.path).name: f.new for f in result.files}, result.findings


def write(directory: Path, **files: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")


def manual(findings) -> list[str]:
    return [f.message for f in findings if f.status.value == "manual"]


# The finding for a backend whose state bucket the module does not show: encrypt = true
# without a key would replace the bucket's default encryption, so it is not written.
UNSHOWN = 'backend "s3": no encrypt = true added: the state bucket is not named here'


def other_manual(findings) -> list[str]:
    """The manual findings besides the one about the unshown state bucket."""
    return [message for message in manual(findings) if not message.startswith(UNSHOWN)]


def test_backend_goes_into_the_terraform_block_of_versions_tf(tmp_path: Path) -> None:
    versions = 'terraform {\n  required_version = ">= 1.10"\n}\n'
    write(tmp_path, **{"versions.tf": versions, "providers.tf": PROVIDER, "main.tf": ""})
    files, findings = run(tmp_path, add_backend=True)
    assert files["versions.tf"] == (
        'terraform {\n  required_version = ">= 1.10"\n\n' + BACKEND + "}\n"
    )
    assert files["providers.tf"] == PROVIDER
    assert [message[: len(UNSHOWN)] for message in manual(findings)] == [UNSHOWN]
    (tmp_path / "versions.tf").write_text(files["versions.tf"], encoding="utf-8")
    again, _ = run(tmp_path, add_backend=True)
    assert again["versions.tf"] == files["versions.tf"]


def test_new_terraform_block_goes_into_providers_tf(tmp_path: Path) -> None:
    write(tmp_path, **{"providers.tf": PROVIDER, "main.tf": 'resource "aws_sqs_queue" "q" {}\n'})
    files, findings = run(tmp_path, add_backend=True)
    assert files["providers.tf"] == "terraform {\n" + UNLOCKED + "}\n\n" + PROVIDER
    assert files["main.tf"] == 'resource "aws_sqs_queue" "q" {}\n'
    (lock,) = other_manual(findings)
    assert "does not rule out Terraform < 1.10" in lock


def test_child_modules_never_get_a_backend(tmp_path: Path) -> None:
    child = tmp_path / "modules" / "queue"
    write(child, **{"main.tf": PROVIDER + '\nterraform {\n  backend "s3" {}\n}\n'})
    files, findings = run(child)
    assert files["main.tf"] == PROVIDER + '\nterraform {\n  backend "s3" {}\n}\n'
    assert findings == []


def test_non_aws_root_module_is_left_alone(tmp_path: Path) -> None:
    write(tmp_path, **{"main.tf": 'provider "google" {}\n'})
    files, findings = run(tmp_path)
    assert files["main.tf"] == 'provider "google" {}\n'
    assert findings == []


def test_required_version_in_another_file_selects_the_lock_table(tmp_path: Path) -> None:
    write(
        tmp_path,
        **{
            "versions.tf": 'terraform {\n  required_version = ">= 1.5.0"\n}\n',
            "backend.tf": 'terraform {\n  backend "s3" {}\n}\n',
            "providers.tf": PROVIDER,
        },
    )
    files, findings = run(tmp_path, lock_table="tf-locks")
    assert files["backend.tf"] == (
        "terraform {\n"
        '  backend "s3" {\n'
        "    # bucket, key and region: terraform init -backend-config=...\n"
        '    dynamodb_table = "tf-locks"\n'
        "  }\n"
        "}\n"
    )
    assert other_manual(findings) == [] and len(manual(findings)) == 1


def test_dynamodb_lock_without_a_table_is_reported(tmp_path: Path) -> None:
    write(tmp_path, **{"main.tf": PROVIDER + '\nterraform {\n  backend "s3" {}\n}\n'})
    files, findings = run(tmp_path, lock="dynamodb")
    assert "use_lockfile" not in files["main.tf"]
    (lock,) = other_manual(findings)
    assert "dynamodb_table" in lock


def test_cloud_block_is_left_alone(tmp_path: Path) -> None:
    text = PROVIDER + '\nterraform {\n  cloud {\n    organization = "acme"\n  }\n}\n'
    write(tmp_path, **{"main.tf": text})
    files, findings = run(tmp_path)
    assert files["main.tf"] == text
    assert findings == []


def test_examples_and_tests_of_a_reusable_module_get_no_backend(tmp_path: Path) -> None:
    """terraform-aws-modules' layout: examples/ and tests/ configure a provider and call
    the module with source = "../../"; 87 of them got a backend in the shared corpus."""
    (tmp_path / ".git").mkdir()
    write(tmp_path, **{"main.tf": 'resource "aws_sqs_queue" "q" {}\n'})
    call = 'module "queue" {\n  source = "../../"\n}\n'
    for where in ("examples/complete", "tests/basic"):
        directory = tmp_path / where
        write(directory, **{"main.tf": PROVIDER + "\n" + call})
        paths = [str(directory / "main.tf")]
        result = run_module(str(directory), paths, [get("TF002")()], strict=True)
        assert not result.changed_files and result.findings == []
        segment = where.split("/")[0]
        assert [(f.line, f.message) for f in result.notes] == [
            (1, f"no backend added: the directory lives under {segment}/: "
             + ("an example of how to call a module, not a deployment" if segment == "examples"
                else "a test fixture, not a deployment")),
        ]  # fmt: skip
    # The module itself configures no provider: not a candidate at all.
    files, findings = run(tmp_path)
    assert files["main.tf"] == 'resource "aws_sqs_queue" "q" {}\n' and findings == []


def test_a_stack_called_by_an_environment_gets_no_backend(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    stack = tmp_path / "stacks" / "queue"
    write(stack, **{"main.tf": PROVIDER + '\nresource "aws_sqs_queue" "q" {}\n'})
    env = tmp_path / "prod"
    write(env, **{"main.tf": PROVIDER + '\nmodule "queue" {\n  source = "../stacks/queue"\n}\n'})
    files, findings = run(stack)
    assert files["main.tf"] == PROVIDER + '\nresource "aws_sqs_queue" "q" {}\n'
    assert findings == []
    files, findings = run(env, add_backend=True)  # the environment is the deployment
    assert files["main.tf"].startswith("terraform {\n" + UNLOCKED + "}\n\n" + PROVIDER)
    assert [(f.line, f.status.value) for f in findings] == [
        (1, "fixed"),
        (1, "manual"),
        (1, "manual"),
    ]


@pytest.mark.slow
def test_shared_corpus_only_terragoats_aws_stack_is_touched() -> None:
    """Checked by hand: before root classification, TF002 added 91 backends to the
    examples/ (87) and tests/ (4) of terraform-aws-modules repositories and asked for
    a lock table on 78 of them. Terragoat's AWS stack is the one deployment on AWS."""
    import json

    import pytest

    from tests.conftest import SHARED_CORPUS, run_tffix

    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"shared corpus absent: {SHARED_CORPUS}")
    args = ("--select", "TF002", "--unsafe-fixes", "--dry-run", "--no-cache", "--format", "json")
    run = run_tffix(*args, SHARED_CORPUS)
    report = json.loads(run.stdout)
    assert report["errors"] == []
    found = [
        (Path(f["path"]).relative_to(SHARED_CORPUS).as_posix(), f["line"], f["message"])
        for f in report["findings"]
    ]
    # terragoat has no required_version: use_lockfile could break its init, so the
    # lock is asked for instead (found wrong by the independent review).
    assert found == [
        (
            "bridgecrewio+terragoat/terraform/aws/providers.tf",
            15,
            'backend "s3" has no state locking and required_version does not rule out '
            "Terraform < 1.10 (use_lockfile needs 1.10): pass -backend-config=dynamodb_table="
            '<table>, set the lock_table option, or require ">= 1.10" and run again',
        )
    ]


def test_a_deployment_without_a_backend_is_reported_not_given_one(tmp_path: Path) -> None:
    """Local state is moved only when asked: the next init would have to migrate it, and
    samples and tutorials keep local state on purpose."""
    write(tmp_path, **{"providers.tf": PROVIDER, "main.tf": 'resource "aws_sqs_queue" "q" {}\n'})
    files, findings = run(tmp_path)
    assert files == {"main.tf": 'resource "aws_sqs_queue" "q" {}\n', "providers.tf": PROVIDER}
    (finding,) = findings
    assert finding.status.value == "manual" and "the state is local" in finding.message


def test_state_bucket_whose_policy_requires_kms_gets_no_encrypt(tmp_path: Path) -> None:
    """The module manages the state bucket with no default encryption of its own
    (SSE-S3), but its policy denies writes that do not ask for aws:kms: encrypt = true
    without a key would make every state write ask for AES256, and be denied."""
    backend = (
        'terraform {\n  required_version = ">= 1.10"\n  backend "s3" {\n'
        '    bucket       = "acme-state"\n    key          = "k"\n'
        "    use_lockfile = true\n  }\n}\n"
    )
    bucket = (
        'resource "aws_s3_bucket" "state" {\n  bucket = "acme-state"\n}\n\n'
        'resource "aws_s3_bucket_policy" "state" {\n'
        "  bucket = aws_s3_bucket.state.id\n"
        "  policy = jsonencode({\n"
        '    Version = "2012-10-17"\n'
        "    Statement = [{\n"
        '      Effect    = "Deny"\n'
        '      Principal = "*"\n'
        '      Action    = "s3:PutObject"\n'
        '      Resource  = "${aws_s3_bucket.state.arn}/*"\n'
        "      Condition = {\n"
        '        StringNotEquals = { "s3:x-amz-server-side-encryption" = "aws:kms" }\n'
        "      }\n"
        "    }]\n"
        "  })\n"
        "}\n"
    )
    write(tmp_path, **{"main.tf": backend + "\n" + PROVIDER + "\n" + bucket})
    files, findings = run(tmp_path)
    assert files["main.tf"] == backend + "\n" + PROVIDER + "\n" + bucket
    (message,) = manual(findings)
    assert "x-amz-server-side-encryption and names aws:kms" in message
    # Without the policy the bucket is SSE-S3 encrypted by default: encrypt = true would
    # only repeat it, and is not written (a note under -v).
    plain = 'resource "aws_s3_bucket" "state" {\n  bucket = "acme-state"\n}\n'
    write(tmp_path, **{"main.tf": backend + "\n" + PROVIDER + "\n" + plain})
    files, findings = run(tmp_path)
    assert files["main.tf"] == backend + "\n" + PROVIDER + "\n" + plain and findings == []
    # A policy that requires the AES256 header: encrypt = true sends it.
    aes = bucket.replace('"aws:kms"', '"AES256"')
    write(tmp_path, **{"main.tf": backend + "\n" + PROVIDER + "\n" + aes})
    files, findings = run(tmp_path)
    assert "    encrypt      = true\n" in files["main.tf"] and manual(findings) == []
