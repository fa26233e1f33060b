"""AWS008 s3-bucket-baseline: what the single-file corpus cannot show.

Companions, keys and policies that live in other files of the module, and
the options (lifecycle, kms_key_arn).
"""

from __future__ import annotations

from pathlib import Path

from tffix.engine.registry import get
from tffix.engine.runner import run_module

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
    # A second run changes nothing.
    (tmp_path / "main.tf").write_text(main, encoding="utf-8")
    again, findings = run(tmp_path)
    assert again["main.tf"] == main
    assert findings == []


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
        "      id = var.owner_id\n"
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
        "      id = var.owner_id\n"
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
