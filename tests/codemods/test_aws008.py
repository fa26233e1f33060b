"""AWS008 s3-bucket-baseline: what the single-file corpus cannot show.

Companions, keys and policies that live in other files of the module, and
the options (lifecycle, kms_key_arn).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import tffix
from tests.conftest import OWN_CORPUS
from tffix.engine.registry import get
from tffix.engine.runner import run_module

CORPUS = OWN_CORPUS / "AWS008"
BUCKET = 'resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n'
# A key whose policy lets every principal of the account use it through S3, as the AWS
# managed key aws/s3 does: whoever may write a bucket may then encrypt with it.
GENERAL_KEY = """resource "aws_kms_key" "main" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Admin"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "S3"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"]
        Resource  = "*"
        Condition = {
          StringEquals = {
            "kms:CallerAccount" = data.aws_caller_identity.current.account_id
            "kms:ViaService"    = "s3.eu-west-1.amazonaws.com"
          }
        }
      },
    ]
  })
}
"""


def run(directory: Path, **options: object):
    paths = sorted(str(p) for p in directory.glob("*.tf"))
    result = run_module(str(directory), paths, [get("AWS008")(**options)])
    assert not result.errors, result.errors
    return {Path(f.path).name: f.new for f in result.files}, result.findings


def write(directory: Path, **files: str) -> None:
    """The files, in a root module (its provider in providers.tf): where the module may
    be called instead, versioning is not added (corpus/AWS008/root_or_called)."""
    files = {"providers.tf": 'provider "aws" {\n  region = "eu-west-1"\n}\n', **files}
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")


def test_companions_and_key_in_other_files_are_seen(tmp_path: Path) -> None:
    write(
        tmp_path,
        **{
            "main.tf": BUCKET,
            "kms.tf": GENERAL_KEY,
            "s3_extra.tf": (
                'resource "aws_s3_bucket_versioning" "data" {\n'
                "  bucket = aws_s3_bucket.data.id\n\n"
                "  versioning_configuration {\n"
                '    status = "Enabled"\n'
                "  }\n"
                "}\n"
            ),
        },
    )
    files, _ = run(tmp_path)
    main = files["main.tf"]
    assert "aws_s3_bucket_versioning" not in main
    assert 'resource "aws_s3_bucket_public_access_block" "data"' in main
    assert "kms_master_key_id = aws_kms_key.main.arn" in main
    assert files["kms.tf"] == GENERAL_KEY
    # A second run changes nothing; what is left is the decision versioning without any
    # lifecycle rule leaves to a person (how long to keep noncurrent versions).
    (tmp_path / "main.tf").write_text(main, encoding="utf-8")
    again, findings = run(tmp_path)
    assert again["main.tf"] == main
    assert [(f.status.value, f.message.split(" and no lifecycle rule")[0]) for f in findings] == [
        ("manual", "aws_s3_bucket.data is versioned (aws_s3_bucket_versioning.data)")
    ]


def test_public_policy_in_another_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        **{
            "main.tf": BUCKET,
            "policy.tf": (
                'resource "aws_s3_bucket_policy" "data" {\n'
                "  bucket = aws_s3_bucket.data.id\n"
                "  policy = <<-EOT\n"
                '    {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},\n'
                '      "Action": "s3:GetObject", "Resource": "*"}]}\n'
                "  EOT\n"
                "}\n"
            ),
        },
    )
    files, findings = run(tmp_path)
    assert "aws_s3_bucket_public_access_block" not in files["main.tf"]
    assert 'sse_algorithm = "AES256"' in files["main.tf"]
    assert [f.message for f in findings if f.status.value == "manual"] == [
        'aws_s3_bucket.data is public on purpose (its policy grants Principal "*"): no public '
        "access block added; if it should not be public, remove that and run again"
    ]


def test_lifecycle_and_key_options(tmp_path: Path) -> None:
    write(tmp_path, **{"main.tf": BUCKET})
    files, _ = run(tmp_path, lifecycle=True, noncurrent_days=30, kms_key_arn="var.bucket_key")
    main = files["main.tf"]
    assert "kms_master_key_id = var.bucket_key" in main
    assert main.endswith(
        'resource "aws_s3_bucket_lifecycle_configuration" "data" {\n'
        "  bucket = aws_s3_bucket.data.id\n\n"
        "  rule {\n"
        '    id     = "baseline"\n'
        '    status = "Enabled"\n\n'
        "    filter {}\n\n"
        "    abort_incomplete_multipart_upload {\n"
        "      days_after_initiation = 7\n"
        "    }\n\n"
        "    noncurrent_version_expiration {\n"
        "      noncurrent_days = 30\n"
        "    }\n"
        "  }\n\n"
        "  depends_on = [aws_s3_bucket_versioning.data]\n"
        "}\n"
    )


def test_several_keys_fall_back_to_the_aws_managed_key(tmp_path: Path) -> None:
    keys = 'resource "aws_kms_key" "a" {}\n\nresource "aws_kms_key" "b" {}\n'
    write(tmp_path, **{"main.tf": BUCKET, "kms.tf": keys})
    files, _ = run(tmp_path)
    assert 'sse_algorithm = "aws:kms"\n    }\n    bucket_key_enabled = true' in files["main.tf"]
    assert "kms_master_key_id" not in files["main.tf"]


def test_name_already_taken_gets_a_suffix(tmp_path: Path) -> None:
    other = (
        'resource "aws_s3_bucket" "other" {}\n\n'
        'resource "aws_s3_bucket_public_access_block" "data" {\n'
        "  bucket = aws_s3_bucket.other.id\n"
        "}\n"
    )
    write(tmp_path, **{"main.tf": BUCKET, "other.tf": other})
    files, _ = run(tmp_path)
    assert 'resource "aws_s3_bucket_public_access_block" "data_2"' in files["main.tf"]


def test_public_acl_grant_in_another_file(tmp_path: Path) -> None:
    """An aws_s3_bucket_acl elsewhere that grants to a public group makes the bucket public."""
    acl = (
        'resource "aws_s3_bucket_acl" "data" {\n'
        "  bucket = aws_s3_bucket.data.id\n\n"
        "  access_control_policy {\n"
        "    grant {\n"
        "      grantee {\n"
        '        type = "Group"\n'
        '        uri  = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"\n'
        "      }\n"
        '      permission = "READ_ACP"\n'
        "    }\n\n"
        "    owner {\n"
        "      id = data.aws_canonical_user_id.current.id\n"
        "    }\n"
        "  }\n"
        "}\n"
    )
    write(tmp_path, **{"main.tf": BUCKET, "acl.tf": acl})
    files, findings = run(tmp_path)
    assert "aws_s3_bucket_public_access_block" not in files["main.tf"]
    assert 'sse_algorithm = "AES256"' in files["main.tf"]
    assert files["acl.tf"] == acl
    assert [f.message for f in findings if f.status.value == "manual"] == [
        "aws_s3_bucket.data is public on purpose (its ACL grants READ_ACP to the "
        "AuthenticatedUsers group): no public access block added; if it should not be "
        "public, remove that and run again"
    ]
    # A second run changes nothing and says the same.
    (tmp_path / "main.tf").write_text(files["main.tf"], encoding="utf-8")
    again, findings_again = run(tmp_path)
    assert again["main.tf"] == files["main.tf"]
    assert [f.message for f in findings_again] == [
        f.message for f in findings if f.status.value == "manual"
    ]


def test_private_grants_get_a_public_access_block(tmp_path: Path) -> None:
    """Grants to accounts or to the log delivery group are not public."""
    acl = (
        'resource "aws_s3_bucket_acl" "data" {\n'
        "  bucket = aws_s3_bucket.data.id\n\n"
        "  access_control_policy {\n"
        "    grant {\n"
        "      grantee {\n"
        '        type = "Group"\n'
        '        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"\n'
        "      }\n"
        '      permission = "WRITE"\n'
        "    }\n\n"
        "    owner {\n"
        "      id = data.aws_canonical_user_id.current.id\n"
        "    }\n"
        "  }\n"
        "}\n"
    )
    write(tmp_path, **{"main.tf": BUCKET, "acl.tf": acl})
    files, findings = run(tmp_path)
    assert 'resource "aws_s3_bucket_public_access_block" "data"' in files["main.tf"]
    assert [f for f in findings if f.status.value == "manual"] == []


def test_a_log_target_named_by_a_legacy_bucket_in_another_file_gets_sse_s3(
    tmp_path: Path,
) -> None:
    """S3 delivers access logs only to SSE-S3 buckets: the target gets AES256, and
    the target is found through a provider-v3 inline `logging` block elsewhere,
    by reference or by its literal name."""
    legacy = (
        'resource "aws_s3_bucket" "site" {\n'
        '  bucket = "site"\n\n'
        "  logging {\n"
        '    target_bucket = "acme-logs"\n'
        "  }\n"
        "}\n"
    )
    logs = 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n'
    write(tmp_path, **{"site.tf": legacy, "logs.tf": logs, "kms.tf": GENERAL_KEY})
    files, findings = run(tmp_path)
    assert 'sse_algorithm = "AES256"' in files["logs.tf"]
    assert "aws:kms" not in files["logs.tf"]
    assert "kms_master_key_id = aws_kms_key.main.arn" in files["site.tf"]
    (message,) = [f.message for f in findings if f.path.endswith("logs.tf")]
    assert "S3 server access logging (aws_s3_bucket.site) delivers logs to it" in message


def test_a_log_target_already_on_kms_gets_a_finding_not_a_change(tmp_path: Path) -> None:
    logs = (
        'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n\n'
        'resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {\n'
        "  bucket = aws_s3_bucket.logs.id\n\n"
        "  rule {\n"
        "    apply_server_side_encryption_by_default {\n"
        '      sse_algorithm = "aws:kms"\n'
        "    }\n"
        "  }\n"
        "}\n"
    )
    logging = (
        'resource "aws_s3_bucket_logging" "data" {\n'
        "  bucket        = aws_s3_bucket.data.id\n"
        "  target_bucket = aws_s3_bucket.logs.id\n"
        "}\n"
    )
    write(tmp_path, **{"logs.tf": logs, "main.tf": BUCKET + "\n" + logging})
    files, findings = run(tmp_path)
    assert 'sse_algorithm = "aws:kms"' in files["logs.tf"]  # not rewritten: a person decides
    (manual,) = [f for f in findings if f.status.value == "manual"]
    assert manual.path.endswith("logs.tf") and manual.line == 1
    assert "the logs never arrive" in manual.message


# ---- terraform validate: the fixed corpus cases load with the real AWS provider -------

TERRAFORM = shutil.which("terraform")
PLUGINS = Path("/opt/tf-plugins")  # a filesystem mirror of hashicorp/aws (no network)
# The after files that are whole modules (the others are excerpts: undeclared
# variables or locals, a child module, a provider version the mirror lacks, the
# misspelt resource type TF005 renames).
VALID_AFTER = (
    "acl_and_policy_document",
    "acl_grants",
    "acl_grants_dynamic",
    "cross_account_readers",
    "dependencies",
    "firehose_role_key",
    "key_choice",
    "plain",
    "provider_and_iteration",
    "public_judgement",
    "public_on_purpose",
    "service_writers",
    "versioning_and_expiration",
    "waived_and_complete",
)


_SAMPLE = {"string": '"x"', "number": "1", "bool": "true"}


@pytest.mark.slow
def test_fixed_cases_validate_with_the_aws_provider(tmp_path: Path) -> None:
    """What AWS008 writes is accepted by the provider's schema (resource types,
    arguments, provider references, count/for_each indexing): every whole-module
    case, as a child module of one configuration, in one ``terraform validate``."""
    if TERRAFORM is None or not (PLUGINS / "registry.terraform.io/hashicorp/aws").is_dir():
        pytest.skip("terraform or the local AWS provider mirror (/opt/tf-plugins) is absent")
    config = tmp_path / "terraform.rc"
    config.write_text(
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path    = "{PLUGINS}"\n'
        '    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n'
        '  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n',
        encoding="utf-8",
    )
    root = tmp_path / "root"
    calls = ['provider "aws" {\n  region = "eu-west-1"\n}\n']
    for name in VALID_AFTER:
        (root / name).mkdir(parents=True)
        text = (CORPUS / f"{name}.after.tf").read_text(encoding="utf-8")
        (root / name / "main.tf").write_text(text, encoding="utf-8")
        inputs = []
        for block in tffix.parse(text).body.blocks:  # variables without a default
            if block.type == "variable" and block.body.attribute("default") is None:
                kind = block.body.attribute("type")
                value = _SAMPLE.get(kind.value.code.strip() if kind else "string", "[]")
                inputs.append(f"  {block.labels[0]} = {value}\n")
        calls.append(f'module "{name}" {{\n  source = "./{name}"\n{"".join(inputs)}}}\n')
    (root / "main.tf").write_text("\n".join(calls), encoding="utf-8")
    env = {**os.environ, "TF_CLI_CONFIG_FILE": str(config), "TF_IN_AUTOMATION": "1"}
    for args in (["init", "-backend=false", "-input=false"], ["validate", "-no-color"]):
        done = subprocess.run(
            [str(TERRAFORM), *args], cwd=root, env=env,
            capture_output=True, text=True, check=False, timeout=600,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_bucket_given_to_a_child_module_gets_only_what_that_module_cannot_add(
    tmp_path: Path,
) -> None:
    """A local child module that declares a versioning resource may version the bucket it
    is given: a second versioning resource here would fight it on every apply. What the
    child cannot add (it declares no such resource) is added; a module whose source is
    not read here may add anything, so nothing is."""
    child = tmp_path / "modules" / "archive"
    child.mkdir(parents=True)
    (child / "main.tf").write_text(
        'variable "bucket" {}\n\n'
        'resource "aws_s3_bucket_versioning" "this" {\n'
        "  bucket = var.bucket\n\n"
        "  versioning_configuration {\n"
        '    status = "Enabled"\n'
        "  }\n"
        "}\n"
    )
    root = tmp_path / "root"
    root.mkdir()
    (root / "providers.tf").write_text('provider "aws" {\n  region = "eu-west-1"\n}\n')
    (root / "main.tf").write_text(
        BUCKET + "\n"
        'resource "aws_s3_bucket" "shared" {\n  bucket = "shared"\n}\n\n'
        'module "archive" {\n'
        '  source = "../modules/archive"\n'
        "  bucket = aws_s3_bucket.data.id\n"
        "}\n\n"
        'module "replica" {\n'
        '  source = "example-org/replica/aws"\n'
        "  source_bucket_arn = aws_s3_bucket.shared.arn\n"
        "}\n"
    )
    new, findings = run(root)
    text = new["main.tf"]
    assert 'resource "aws_s3_bucket_versioning" "data"' not in text
    assert 'resource "aws_s3_bucket_public_access_block" "data"' in text
    assert 'resource "aws_s3_bucket_server_side_encryption_configuration" "data"' in text
    assert "aws_s3_bucket.shared.id" not in text  # no companion at all for the other
    manual = {f.message for f in findings if f.status.value == "manual"}
    assert manual == {
        "aws_s3_bucket.data is given to module.archive (input bucket), whose module declares "
        "aws_s3_bucket_versioning, which may configure it: no aws_s3_bucket_versioning added "
        "here, since two for one bucket overwrite each other on every apply; add what that "
        "module does not",
        "aws_s3_bucket.shared is given to module.replica (input source_bucket_arn; source "
        "example-org/replica/aws is not read here), which may configure it: no "
        "aws_s3_bucket_public_access_block, aws_s3_bucket_versioning, "
        "aws_s3_bucket_server_side_encryption_configuration added here, since two for one "
        "bucket overwrite each other on every apply; add what that module does not",
    }


FLOW_LOG = """resource "aws_flow_log" "vpc" {
  log_destination      = aws_s3_bucket.flows.arn
  log_destination_type = "s3"
  traffic_type         = "ALL"
  vpc_id               = "vpc-123"
}

resource "aws_s3_bucket" "flows" {
  bucket = "flows"
}
"""


@pytest.mark.parametrize(
    ("policy", "encrypted_with_key"),
    [
        # jsonencode: the documented statement is appended, the key used.
        (
            "  policy = jsonencode({\n"
            '    Version = "2012-10-17"\n'
            "    Statement = [\n"
            "      {\n"
            '        Effect    = "Allow"\n'
            '        Principal = { AWS = "arn:aws:iam::123456789012:root" }\n'
            '        Action    = "kms:*"\n'
            '        Resource  = "*"\n'
            "      }\n"
            "    ]\n"
            "  })\n",
            True,
        ),
        # A policy read from a file cannot be edited: SSE-S3, which flow logs support.
        ('  policy = file("key-policy.json")\n', False),
    ],
)
def test_a_flow_log_bucket_gets_the_module_key_with_the_grant_or_sse_s3(
    tmp_path: Path, policy: str, encrypted_with_key: bool
) -> None:
    (tmp_path / "main.tf").write_text(FLOW_LOG)
    (tmp_path / "kms.tf").write_text(
        f'resource "aws_kms_key" "logs" {{\n  enable_key_rotation = true\n{policy}}}\n'
    )
    (tmp_path / "providers.tf").write_text('provider "aws" {\n  region = "eu-west-1"\n}\n')
    new, findings = run(tmp_path)
    main = new["main.tf"]
    kms = new["kms.tf"]
    if encrypted_with_key:
        assert "kms_master_key_id = aws_kms_key.logs.arn" in main
        assert 'Service = "delivery.logs.amazonaws.com"' in kms
        assert 'Action   = "kms:GenerateDataKey*"' in kms
        (fixed,) = [f for f in findings if f.status.value == "fixed"]
        assert "now lets delivery.logs.amazonaws.com use aws_kms_key.logs" in fixed.message
        # A second run finds the key usable as it is: nothing more to do.
        (tmp_path / "main.tf").write_text(main)
        (tmp_path / "kms.tf").write_text(kms)
        again, _ = run(tmp_path)
        assert again["main.tf"] == main and again["kms.tf"] == kms
    else:
        assert 'sse_algorithm = "AES256"' in main
        assert kms == (tmp_path / "kms.tf").read_text()


def test_objects_a_local_child_module_tracks_by_etag(tmp_path: Path) -> None:
    """A local module given the bucket that uploads objects tracked by etag: the bucket
    gets SSE-S3, as SSE-KMS would make the child's plans never converge; a child whose
    objects use source_hash changes nothing."""
    call = 'module "app" {\n  source = "./app"\n  bucket = aws_s3_bucket.data.id\n}\n'
    child = tmp_path / "app"
    child.mkdir()
    upload = (
        'variable "bucket" {\n  type = string\n}\n\n'
        'resource "aws_s3_object" "zip" {\n'
        "  bucket = var.bucket\n"
        '  key    = "app.zip"\n'
        '  source = "app.zip"\n'
        '  {hash} = filemd5("app.zip")\n'
        "}\n"
    )
    (child / "main.tf").write_text(upload.replace("{hash}", "etag"), encoding="utf-8")
    write(tmp_path, **{"main.tf": BUCKET + "\n" + call})
    files, findings = run(tmp_path)
    assert 'sse_algorithm = "AES256"' in files["main.tf"]
    (fixed,) = [f for f in findings if f.status.value == "fixed"]
    assert "module.app's aws_s3_object.zip" in fixed.message
    (child / "main.tf").write_text(upload.replace("{hash}", "source_hash"), encoding="utf-8")
    files, _ = run(tmp_path)
    assert 'sse_algorithm = "aws:kms"' in files["main.tf"]


def test_settings_made_by_commands_in_other_files_and_child_modules(tmp_path: Path) -> None:
    """A lifecycle configuration set by a provisioner in another file, and versioning set
    by a command of a local child module given the bucket: neither gets a resource here
    (S3 keeps one of each per bucket; each call replaces it), and versioning, which
    needs a noncurrent-version rule in the author's lifecycle configuration, is reported."""
    child = tmp_path / "modules" / "versioning"
    child.mkdir(parents=True)
    (child / "main.tf").write_text(
        'variable "bucket" {}\n\n'
        'resource "terraform_data" "versioning" {\n'
        '  provisioner "local-exec" {\n'
        '    command = "aws s3api put-bucket-versioning --bucket ${var.bucket} '
        '--versioning-configuration Status=Enabled"\n'
        "  }\n"
        "}\n"
    )
    root = tmp_path / "root"
    root.mkdir()
    write(
        root,
        **{
            "main.tf": BUCKET + '\nresource "aws_s3_bucket" "plain" {\n  bucket = "plain"\n}\n\n'
            'module "versioning" {\n'
            '  source = "../modules/versioning"\n'
            "  bucket = aws_s3_bucket.plain.id\n"
            "}\n",
            "lifecycle.tf": (
                'resource "null_resource" "lifecycle" {\n'
                "  triggers = {\n"
                "    bucket = aws_s3_bucket.data.id\n"
                "  }\n\n"
                '  provisioner "local-exec" {\n'
                '    command = "aws s3api put-bucket-lifecycle-configuration --bucket '
                '${self.triggers.bucket} --lifecycle-configuration file://lifecycle.json"\n'
                "  }\n"
                "}\n"
            ),
        },
    )
    new, findings = run(root, lifecycle=True)
    text = new["main.tf"]
    assert 'resource "aws_s3_bucket_lifecycle_configuration" "data"' not in text
    assert 'resource "aws_s3_bucket_versioning" "data"' not in text
    assert 'resource "aws_s3_bucket_public_access_block" "data"' in text
    assert 'resource "aws_s3_bucket_versioning" "plain"' not in text
    assert 'resource "aws_s3_bucket_public_access_block" "plain"' in text
    manual = sorted(f.message for f in findings if f.status.value == "manual")
    assert len(manual) == 3, manual
    assert manual[0].startswith(
        "aws_s3_bucket.data: no aws_s3_bucket_lifecycle_configuration added: its lifecycle "
        "configuration is set outside Terraform by `put-bucket-lifecycle-configuration` in "
        "the local-exec provisioner of null_resource.lifecycle"
    )
    assert manual[1].startswith(
        "aws_s3_bucket.data: no versioning added: its lifecycle configuration is set outside "
        "Terraform by `put-bucket-lifecycle-configuration`"
    )
    assert manual[2].startswith(
        "aws_s3_bucket.plain is given to module.versioning (input bucket), whose module "
        "declares aws_s3_bucket_versioning"
    )


@pytest.mark.parametrize("order", [("AWSV401", "AWS008"), ("AWS008", "AWSV401")])
def test_versioning_the_v4_split_removed_as_off_stays_off(
    tmp_path: Path, order: tuple[str, str]
) -> None:
    """``versioning { enabled = false }`` is a choice; once the v4 split (AWSV401) has
    removed the block, the code no longer shows it, and AWS008 in the same run must not
    take the missing block for a bucket nobody decided about (either order)."""
    write(
        tmp_path,
        **{
            "main.tf": (
                "terraform {\n  required_providers {\n    aws = {\n"
                '      source  = "hashicorp/aws"\n      version = "~> 4.0"\n    }\n  }\n}\n\n'
                'provider "aws" {\n  region = "eu-west-1"\n}\n\n'
                'resource "aws_s3_bucket" "state" {\n  bucket = "team-state"\n\n'
                "  versioning {\n    enabled = false\n  }\n}\n\n"
                'resource "aws_s3_bucket" "cache" {\n  bucket = "team-cache"\n\n'
                "  versioning {\n    enabled = true\n  }\n}\n"
            )
        },
    )
    paths = [str(tmp_path / "main.tf")]
    result = run_module(str(tmp_path), paths, [get(code)() for code in order])
    assert not result.errors, result.errors
    new = result.files[0].new
    assert "versioning {" not in new  # both blocks split out
    # the bucket versioned on purpose keeps it; the one off on purpose gets none
    assert 'resource "aws_s3_bucket_versioning" "cache"' in new
    assert 'resource "aws_s3_bucket_versioning" "state"' not in new
    off = [f for f in result.findings if f.code == "AWS008" and "aws_s3_bucket.state" in f.message]
    assert any(f.status.value == "manual" and "off on purpose" in f.message for f in off), [
        f.message for f in off
    ]


def test_lifecycle_option_on_a_versioned_bucket_says_old_versions_go(tmp_path: Path) -> None:
    """Versioned before the run: without the option a person decides how long noncurrent
    versions stay; with it the configuration is added and the finding says what it deletes."""
    versioned = BUCKET.replace(
        '  bucket = "data"\n', '  bucket = "data"\n\n  versioning {\n    enabled = true\n  }\n'
    )
    write(tmp_path, **{"main.tf": versioned})
    files, findings = run(tmp_path)
    assert "aws_s3_bucket_lifecycle_configuration" not in files["main.tf"]
    assert [f.message.split(",")[0] for f in findings if f.status.value == "manual"] == [
        "aws_s3_bucket.data is versioned (its versioning block) and no lifecycle rule "
        "expires its noncurrent versions"
    ]
    files, findings = run(tmp_path, lifecycle=True, noncurrent_days=30)
    assert "noncurrent_days = 30" in files["main.tf"]
    assert "days_after_initiation = 7" in files["main.tf"]
    assert [f.status.value for f in findings] == ["fixed"]
    assert findings[0].message.endswith(
        "it is versioned, and the lifecycle configuration (lifecycle option) expires its "
        "noncurrent versions after 30 days: older ones are deleted once it applies"
    )


def test_a_public_access_block_added_waits_for_a_policy_the_v4_split_moves_out(
    tmp_path: Path,
) -> None:
    """AWS008 adds the block while the policy is still inline; AWSV405 then moves the
    policy into aws_s3_bucket_policy: the two would be applied at once, which S3 refuses
    (OperationAborted, 409). In the next round the block waits for the policy."""
    (tmp_path / "main.tf").write_text(
        "terraform {\n  required_providers {\n    aws = {\n"
        '      source  = "hashicorp/aws"\n      version = ">= 4.9"\n    }\n  }\n}\n\n'
        'provider "aws" {\n  region = "eu-west-1"\n}\n\n'
        'resource "aws_s3_bucket" "b" {\n  bucket = "example-b"\n'
        "  policy = jsonencode({\n"
        '    Version = "2012-10-17"\n'
        "    Statement = [{\n"
        '      Effect    = "Deny"\n      Principal = "*"\n      Action    = "s3:*"\n'
        '      Resource  = "arn:aws:s3:::example-b/*"\n'
        '      Condition = { Bool = { "aws:SecureTransport" = "false" } }\n'
        "    }]\n  })\n}\n",
        encoding="utf-8",
    )
    paths = [str(tmp_path / "main.tf")]
    result = run_module(
        str(tmp_path), paths, [get("AWS008")(), get("AWSV405")()], dry_run=True, strict=True
    )
    assert not result.errors, result.errors
    new = result.changed_files[0].new
    block = new[new.index('resource "aws_s3_bucket_public_access_block" "b"') :]
    block = block[: block.index("\n}\n")]
    assert "depends_on = [aws_s3_bucket_policy.b]" in block
    assert 'resource "aws_s3_bucket_policy" "b"' in new
    # Said by whichever codemod wrote the depends_on (AWSV405 does, for a block it finds).
    assert any(
        "waits for aws_s3_bucket_policy.b" in f.message
        or "aws_s3_bucket_public_access_block.b now waits for it" in f.message
        for f in result.findings
    )
    # Alone, AWS008 has nothing to wait for: the policy is part of the bucket.
    alone = run_module(str(tmp_path), paths, [get("AWS008")()], dry_run=True, strict=True)
    assert "depends_on = [aws_s3_bucket_policy" not in alone.changed_files[0].new


@pytest.mark.parametrize("given", ['"shared-logs-123"', "local.name", "aws_s3_bucket.shared.id"])
def test_a_local_module_given_the_bucket_by_name_may_configure_it(
    tmp_path: Path, given: str
) -> None:
    """Its literal name (or a local equal to it) designates the bucket as its id does: the
    child module's versioning and encryption would fight companions added here on every
    apply (review round 7p, wrong/07)."""
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "main.tf").write_text(
        'variable "bucket" {\n  type = string\n}\n\n'
        'resource "aws_s3_bucket_versioning" "this" {\n  bucket = var.bucket\n\n'
        '  versioning_configuration {\n    status = "Enabled"\n  }\n}\n',
        encoding="utf-8",
    )
    (tmp_path / "main.tf").write_text(
        'provider "aws" {\n  region = "us-east-1"\n}\n\n'
        'locals {\n  name = "shared-logs-123"\n}\n\n'
        f'module "logs" {{\n  source = "./logs"\n  bucket = {given}\n}}\n\n'
        'resource "aws_s3_bucket" "shared" {\n  bucket = "shared-logs-123"\n}\n',
        encoding="utf-8",
    )
    result = run_module(
        str(tmp_path), [str(tmp_path / "main.tf")], [get("AWS008")()], dry_run=True, strict=True
    )
    new = result.changed_files[0].new
    assert "aws_s3_bucket_versioning" not in new
    assert "aws_s3_bucket_public_access_block" in new
    assert any(
        "is given to module.logs (input bucket)" in f.message and f.status.value == "manual"
        for f in result.findings
    )


def test_default_encryption_says_which_key_and_why_not_the_modules(tmp_path: Path) -> None:
    """The finding names what default encryption uses: the AWS managed key aws/s3 (and,
    key by key, why not the module's), or the module key it picked."""
    logs = (
        'resource "aws_cloudwatch_log_group" "app" {\n'
        '  name       = "app"\n'
        "  kms_key_id = aws_kms_key.logs.arn\n}\n"
    )
    keys = (
        'resource "aws_kms_key" "logs" {}\n\nresource "aws_kms_key" "spare" {}\n\n'
        'resource "aws_kms_key" "signing" {\n  key_usage = "SIGN_VERIFY"\n'
        '  customer_master_key_spec = "RSA_2048"\n}\n'
    )
    write(tmp_path, **{"main.tf": BUCKET, "kms.tf": keys, "logs.tf": logs})
    _, findings = run(tmp_path)
    (fixed,) = [f for f in findings if f.status.value == "fixed"]
    assert "default encryption (SSE-KMS with the AWS managed key aws/s3, " in fixed.message
    assert "API_ServerSideEncryptionByDefault.html" in fixed.message
    assert "not aws_kms_key.logs, which is the key of aws_cloudwatch_log_group.app" in (
        fixed.message
    )
    assert "not aws_kms_key.spare, whose policy is the default one" in fixed.message
    assert "not aws_kms_key.signing, which is not a symmetric encryption key" in fixed.message

    other = tmp_path / "general"
    other.mkdir()
    write(other, **{"main.tf": BUCKET, "kms.tf": GENERAL_KEY})
    _, findings = run(other)
    (fixed,) = [f for f in findings if f.status.value == "fixed"]
    assert "default encryption (SSE-KMS with aws_kms_key.main, whose policy lets the " in (
        fixed.message
    )


def test_default_encryption_without_any_key_says_so(tmp_path: Path) -> None:
    write(tmp_path, **{"main.tf": BUCKET})
    _, findings = run(tmp_path)
    (fixed,) = [f for f in findings if f.status.value == "fixed"]
    assert "aws/s3, which S3 uses when no kms_master_key_id is set" in fixed.message
    assert "the module has no aws_kms_key; aws/s3 lets every principal" in fixed.message


def test_the_aes256_waiver_stays_in_the_bucket_when_the_v4_split_moves_its_acl(
    tmp_path: Path,
) -> None:
    """A comment belongs to the item under it: above `acl`, the first argument, it would
    move into aws_s3_bucket_acl with it (AWSV404) and the bucket lose its waiver."""
    (tmp_path / "main.tf").write_text(
        'provider "aws" {\n  region = "eu-west-1"\n}\n\n'
        'resource "aws_s3_bucket" "site" {\n  acl    = "public-read"\n  bucket = "site-123"\n}\n',
        encoding="utf-8",
    )
    paths = [str(tmp_path / "main.tf")]
    result = run_module(
        str(tmp_path), paths, [get("AWS008")(), get("AWSV404")()], dry_run=True, strict=True
    )
    assert not result.errors, result.errors
    new = result.changed_files[0].new
    bucket = new[new.index('resource "aws_s3_bucket" "site"') :]
    bucket = bucket[: bucket.index("\n}\n")]
    assert "# checkov:skip=CKV_AWS_145:AES256 on purpose" in bucket
    acl = new[new.index('resource "aws_s3_bucket_acl" "site"') :]
    assert "checkov:skip" not in acl[: acl.index("\n}\n")]
