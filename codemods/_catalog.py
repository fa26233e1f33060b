"""What the registry needs to know of each built-in codemod without importing it.

One row per codemod: code, name, fix safety, whether it runs by default, and
its module (which defines one ``Codemod`` subclass). Choosing the codemods of
a run (``--select``, ``--ignore``, the default set, unsafe fixes) reads only
this table, and a run imports only the codemods it runs.
``tests/engine/test_registry.py`` compares the table with the modules (and
prints the rows to paste when they differ); a module missing here still runs:
it is found by listing the package, and imported up front.
"""

from __future__ import annotations

# code, name, safety, runs by default, module
CATALOG: tuple[tuple[str, str, str, bool, str], ...] = (
    ("AWS001", "dynamodb-gsi-projection", "safe", True, "aws001_dynamodb_gsi_projection"),
    ("AWS002", "dynamodb-table-baseline", "safe", True, "aws002_dynamodb_table_baseline"),
    ("AWS003", "kms-key-rotation", "safe", True, "aws003_kms_key_rotation"),
    ("AWS004", "log-group-kms", "unsafe", True, "aws004_log_group_kms"),
    ("AWS005", "codepipeline-github-source", "unsafe", True, "aws005_codepipeline_github_source"),
    ("AWS006", "lambda-source-code-hash", "safe", True, "aws006_lambda_source_code_hash"),
    ("AWS007", "for-each-key-mismatch", "safe", True, "aws007_for_each_key_mismatch"),
    ("AWS008", "s3-bucket-baseline", "safe", True, "aws008_s3_bucket_baseline"),
    ("AWS009", "log-group-retention", "safe", True, "aws009_log_group_retention"),
    ("AWS010", "lambda-xray-tracing", "safe", True, "aws010_lambda_xray_tracing"),
    ("AWS011", "apigw-stage-xray", "safe", True, "aws011_apigw_stage_xray"),
    ("AWS012", "dynamodb-on-demand", "unsafe", True, "aws012_dynamodb_on_demand"),
    ("AWSV401", "s3-v4-versioning", "unsafe", True, "awsv401_s3_versioning"),
    ("AWSV402", "s3-v4-encryption", "unsafe", True, "awsv402_s3_encryption"),
    ("AWSV403", "s3-v4-logging", "unsafe", True, "awsv403_s3_logging"),
    ("AWSV404", "s3-v4-acl", "unsafe", True, "awsv404_s3_acl"),
    ("AWSV405", "s3-v4-policy", "unsafe", True, "awsv405_s3_policy"),
    ("AWSV406", "s3-v4-lifecycle", "unsafe", True, "awsv406_s3_lifecycle"),
    ("AWSV407", "s3-v4-cors", "unsafe", True, "awsv407_s3_cors"),
    ("AWSV408", "s3-v4-accelerate", "unsafe", True, "awsv408_s3_accelerate"),
    ("AWSV409", "s3-v4-request-payer", "unsafe", True, "awsv409_s3_request_payer"),
    ("AWSV410", "s3-v4-website", "unsafe", True, "awsv410_s3_website"),
    ("AWSV411", "s3-v4-object-lock", "unsafe", True, "awsv411_s3_object_lock"),
    ("AWSV412", "s3-v4-replication", "unsafe", True, "awsv412_s3_replication"),
    ("AWSV501", "v5-renamed-arguments", "unsafe", True, "awsv501_renamed_arguments"),
    ("AWSV601", "v6-renamed-arguments", "unsafe", True, "awsv601_renamed_arguments"),
    ("AWSV602", "v6-removed-arguments", "unsafe", True, "awsv602_removed_arguments"),
    ("AWSV603", "v6-decisions", "unsafe", True, "awsv603_decisions"),
    ("TF001", "terraform-fmt", "safe", False, "tf001_terraform_fmt"),
    ("TF002", "backend-config", "unsafe", True, "tf002_backend_config"),
    ("TF003", "missing-data-source", "safe", True, "tf003_missing_data_source"),
    ("TF004", "environment-suffix", "unsafe", True, "tf004_environment_suffix"),
    ("TF005", "resource-type-rename", "safe", True, "tf005_resource_type_rename"),
)

# Unsafe codemods that run for findings only in a run that does not apply unsafe fixes,
# even when nobody selected them by name: the problem they find makes apply fail, so a
# run that says nothing about it would read as "nothing to fix" (their
# ``Codemod.reports_by_default``; tests/engine/test_registry.py compares).
REPORTS_BY_DEFAULT: frozenset[str] = frozenset({"AWS004"})

# The resource types a codemod acts on, for the codemods that act on nothing
# else: everything their ``fix`` looks at (blocks of these types, references to
# them, records of them) names one of them in the text. A module whose
# files never name one of them gives the codemod nothing to do, and the
# codemod is not even imported for it (``registry.acting``). Codemods not
# listed here run on every module. tests/engine/test_registry.py checks each
# entry over every corpus module that lacks the types.
TRIGGER_TYPES: dict[str, tuple[str, ...]] = {
    "AWS001": ("aws_dynamodb_table",),
    "AWS002": ("aws_dynamodb_table",),
    "AWS003": ("aws_kms_key",),
    "AWS004": ("aws_cloudwatch_log_group",),
    # the pipelines and their webhooks (aws_codepipeline_webhook names it too)
    "AWS005": ("aws_codepipeline",),
    "AWS006": ("aws_lambda_function",),
    "AWS008": ("aws_s3_bucket",),
    "AWS009": ("aws_cloudwatch_log_group",),
    "AWS010": ("aws_lambda_function",),
    "AWS011": ("aws_api_gateway_stage", "aws_api_gateway_deployment"),
    "AWS012": ("aws_dynamodb_table",),
    # The S3 split (tffix.aws.s3_split): buckets, references to their attributes and
    # the imports file's records of split-out aws_s3_bucket_* resources all name it.
    "AWSV401": ("aws_s3_bucket",),
    "AWSV402": ("aws_s3_bucket",),
    "AWSV403": ("aws_s3_bucket",),
    "AWSV404": ("aws_s3_bucket",),
    "AWSV405": ("aws_s3_bucket",),
    "AWSV406": ("aws_s3_bucket",),
    "AWSV407": ("aws_s3_bucket",),
    "AWSV408": ("aws_s3_bucket",),
    "AWSV409": ("aws_s3_bucket",),
    "AWSV410": ("aws_s3_bucket",),
    "AWSV411": ("aws_s3_bucket",),
    "AWSV412": ("aws_s3_bucket",),
}
