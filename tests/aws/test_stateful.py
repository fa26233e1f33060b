"""tffix.aws.stateful: names whose change replaces a resource holding data."""

from __future__ import annotations

from tffix.aws.stateful import entries, replaced_data
from tffix.codemods.tf004_environment_suffix import _names


def test_data_holding_names() -> None:
    bucket = replaced_data("aws_s3_bucket", "bucket")
    assert bucket is not None and "objects" in bucket.loses
    assert replaced_data("aws_dynamodb_table", "name") is not None
    assert replaced_data("aws_cloudwatch_log_group", "name") is not None
    # Another argument of the same type, and types that hold no data, are not in it.
    assert replaced_data("aws_s3_bucket", "bucket_prefix") is None
    assert replaced_data("aws_iam_role", "name") is None
    assert replaced_data("aws_sns_topic", "name") is None


def test_every_entry_has_a_source_and_is_a_name_tf004_knows() -> None:
    """TF004 reads physical names from its own table: each entry here must be one of
    them (same attribute), or TF004 would rename what this table protects."""
    names = _names()
    for entry in entries():
        assert entry.source.startswith("https://registry.terraform.io/"), entry.type
        assert entry.loses, entry.type
        assert names[entry.type][0] == entry.attribute, entry.type
