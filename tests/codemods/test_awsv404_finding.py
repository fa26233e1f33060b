"""AWSV404 s3-v4-acl: what its finding says about ACLs staying enabled.

The ownership setting written before a canned ACL keeps ACLs on, as they were
(checkov's CKV2_AWS_65 reports the new resource all the same); the finding
says so, and that turning ACLs off needs a bucket policy granting what the
ACL granted, which is a separate decision.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tffix.engine.registry import get
from tffix.engine.runner import run_module

BUCKET = """terraform {{
  required_providers {{
    aws = {{
      source  = "hashicorp/aws"
      version = ">= 4.0"
    }}
  }}
}}

resource "aws_s3_bucket" "b" {{
  bucket = "b"
  acl    = "{acl}"
}}
"""


def fixed_message(tmp_path: Path, acl: str) -> tuple[str, str]:
    main = tmp_path / "main.tf"
    main.write_text(BUCKET.format(acl=acl), encoding="utf-8")
    result = run_module(str(tmp_path), [str(main)], [get("AWSV404")()])
    assert not result.errors, result.errors
    (finding,) = [f for f in result.findings if f.status.value == "fixed"]
    (file,) = [f for f in result.files if f.path == str(main)]
    return finding.message, file.new


@pytest.mark.parametrize(
    ("acl", "instead"),
    [
        (
            "log-delivery-write",
            "one letting the logging service principal logging.s3.amazonaws.com s3:PutObject, "
            "for server access logs "
            "(https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html)",
        ),
        ("public-read", "one letting everyone s3:ListBucket"),
        ("aws-exec-read", "one granting what the ACL grants"),
    ],
)
def test_the_finding_says_acls_stay_enabled_and_disabling_them_is_a_decision(
    tmp_path: Path, acl: str, instead: str
) -> None:
    message, new = fixed_message(tmp_path, acl)
    assert 'object_ownership = "ObjectWriter"' in new
    assert f"ACLs stay enabled, as before, since the {acl} ACL works only with them" in message
    assert (
        "Disabling ACLs (BucketOwnerEnforced, which checkov's CKV2_AWS_65 asks for) is a "
        "separate decision: the ACL would go and a bucket policy would have to grant the same "
        f"access first, {instead}, and what objects' own ACLs grant"
    ) in message
    assert "about-object-ownership.html" in message
