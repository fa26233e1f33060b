"""Resources that hold data and whose physical name cannot change without replacing them.

Renaming a resource in Terraform is not a rename in AWS when the provider
marks the name argument "Forces new resource": the plan destroys the old
object and creates a new one under the new name. For a role or a dashboard
that costs a moment; for a bucket, a table or a log group it is the data: the
new one starts empty, and the old one is deleted (a bucket with
``force_destroy`` loses every object; a table without deletion protection
every item). A ``moved`` block does not help: the address stays the same,
it is the physical object that is replaced. Codemods that change names
(TF004) ask :func:`replaced_data` first and report these instead of editing
them.

Each entry says what a replacement loses and where the provider documents
that the argument forces a new resource (the argument reference of each
resource on registry.terraform.io/providers/hashicorp/aws, "Forces new
resource", and the AWS API that has no rename).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StatefulName:
    """The name argument of a resource type that holds data."""

    type: str
    attribute: str
    loses: str  # what a replacement destroys, completing "replacing it deletes ..."
    source: str


_DOCS = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/"

_TABLE = (
    StatefulName(
        "aws_s3_bucket",
        "bucket",
        "the bucket and its objects (force_destroy deletes them; without it the apply "
        "fails on a bucket that is not empty)",
        f"{_DOCS}s3_bucket (bucket: Forces new resource); S3 has no bucket rename",
    ),
    StatefulName(
        "aws_dynamodb_table",
        "name",
        "the table and every item in it",
        f"{_DOCS}dynamodb_table (name: Forces new resource); DynamoDB has no table rename",
    ),
    StatefulName(
        "aws_cloudwatch_log_group",
        "name",
        "the log group and every log event it holds",
        f"{_DOCS}cloudwatch_log_group (name: Forces new resource)",
    ),
    StatefulName(
        "aws_sqs_queue",
        "name",
        "the queue and the messages waiting in it",
        f"{_DOCS}sqs_queue (name: Forces new resource)",
    ),
    StatefulName(
        "aws_secretsmanager_secret",
        "name",
        "the secret and its value (and the old name stays taken for the recovery window)",
        f"{_DOCS}secretsmanager_secret (name: Forces new resource)",
    ),
    StatefulName(
        "aws_ecr_repository",
        "name",
        "the repository and every image in it",
        f"{_DOCS}ecr_repository (name: Forces new resource)",
    ),
    StatefulName(
        "aws_kinesis_stream",
        "name",
        "the stream and the records it retains",
        f"{_DOCS}kinesis_stream (name: Forces new resource)",
    ),
    StatefulName(
        "aws_cognito_user_pool",
        "name",
        "the user pool and every user in it",
        f"{_DOCS}cognito_user_pool (name: Forces new resource); UpdateUserPool has no name",
    ),
    StatefulName(
        "aws_elasticache_cluster",
        "cluster_id",
        "the cache cluster and its data",
        f"{_DOCS}elasticache_cluster (cluster_id: Forces new resource)",
    ),
    StatefulName(
        "aws_elasticache_replication_group",
        "replication_group_id",
        "the replication group and its data",
        f"{_DOCS}elasticache_replication_group (replication_group_id: Forces new resource)",
    ),
    StatefulName(
        "aws_rds_cluster",
        "cluster_identifier",
        "the cluster and its databases (unless a final snapshot is restored)",
        f"{_DOCS}rds_cluster (cluster_identifier: Forces new resource)",
    ),
    StatefulName(
        "aws_db_instance",
        "identifier",
        "the database (AWS provider < 5.0; from 5.0 on the instance is renamed in place, "
        "which still reboots it and moves its endpoint under every client)",
        f"{_DOCS}db_instance (identifier; in-place rename from provider 5.0, "
        "hashicorp/terraform-provider-aws#507)",
    ),
)

_BY_TYPE = {entry.type: entry for entry in _TABLE}


def replaced_data(type: str, attribute: str) -> StatefulName | None:
    """The entry when changing ``attribute`` of a ``type`` resource loses data, else None."""
    entry = _BY_TYPE.get(type)
    return entry if entry is not None and entry.attribute == attribute else None


def entries() -> tuple[StatefulName, ...]:
    """Every entry of the table."""
    return _TABLE
