"""AWSV405 s3-v4-policy: a bucket's inline ``policy`` becomes aws_s3_bucket_policy.

The policy document moves as written (a heredoc, ``jsonencode``, a data
source's ``json``).
"""

from __future__ import annotations

import re
from typing import ClassVar

from tffix.analysis.partial import OneOf, PartialEvaluator, Unknown
from tffix.aws.provider_versions import possibly_called
from tffix.aws.s3_split import (
    S3Split,
    Translation,
    bucket_outputs,
    explanation,
    item_text,
)
from tffix.cst.edit import traversals
from tffix.engine.codemod import ModuleContext
from tffix.syntax import nodes as n

_RESOURCE = "aws_s3_bucket_policy"


class S3V4Policy(S3Split):
    """``policy = ...`` of ``aws_s3_bucket`` -> ``aws_s3_bucket_policy``."""

    code = "AWSV405"
    name = "s3-v4-policy"
    summary = "AWS provider v4: move a bucket's policy argument to aws_s3_bucket_policy"
    inline = ("policy",)
    resource = _RESOURCE
    reads: ClassVar[dict[str, str]] = {".policy": "{r}.policy"}
    documentation = (
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#policy-argument",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_policy#import",
    )
    explanation = explanation(
        "`policy` argument",
        _RESOURCE,
        """
The policy document moves as written. A policy that can be empty or null
(`policy = var.policy` with a default of `""` or `null`, an input with no
default, a conditional with an empty branch) meant "no policy" on the bucket,
but `aws_s3_bucket_policy` requires one: that bucket is reported with the
`count` to write, not changed. A bucket that already has an
`aws_s3_bucket_policy` is left for a person: the two would overwrite each
other on every apply. Where the module allows a provider before 4.0, whose
bucket still manages `policy` and would delete the policy once the argument
is gone, the bucket gets `lifecycle { ignore_changes = [policy] }`.

A service that checks the bucket policy when it creates a resource using the
bucket (`aws_cloudtrail`: InsufficientS3BucketPolicyException;
`aws_config_delivery_channel`: InsufficientDeliveryPolicyException; access
logs of `aws_lb`/`aws_alb`/`aws_elb`: "Access Denied for bucket"; audit
logging of `aws_redshift_cluster`/`aws_redshift_logging`:
InsufficientS3BucketPolicyFault; the S3 action of `aws_ses_receipt_rule`:
InvalidS3ConfigurationException; `aws_guardduty_publishing_destination`;
`aws_cur_report_definition`) was ordered after the policy by referencing the
bucket that carried it; such resources of the module now get
`depends_on = [aws_s3_bucket_policy.x]` (added to their list when they have
one), as the provider's `aws_cloudtrail` and
`aws_guardduty_publishing_destination` examples do. In a module that may be
called, the outputs that read the bucket get the same `depends_on`: its
callers may hand the bucket to such a service, and the output used to be
known only once the policy existed. An `aws_s3_bucket_public_access_block`
of the same bucket gets `depends_on = [aws_s3_bucket_policy.x]`: S3 refuses
the two changes at the same time (409 OperationAborted), which providers
before 3.67 do not retry, and in v3 the block came after the bucket and its
policy.
""",
        """\
    resource "aws_s3_bucket" "site" {
      bucket = "my-site"
    -  policy = data.aws_iam_policy_document.site.json
    }
    +
    +resource "aws_s3_bucket_policy" "site" {
    +  bucket = aws_s3_bucket.site.id
    +  policy = data.aws_iam_policy_document.site.json
    +}

    s3_v4_imports.tf (apply once in each existing environment, then delete it):

    +import {
    +  to = aws_s3_bucket_policy.site
    +  id = "my-site"
    +}
""",
    )

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        policy = items[0]
        assert isinstance(policy, n.Attribute)
        empty = _may_be_empty(ctx, policy.value)
        if empty is not None:
            code = policy.value.code.strip()
            count = (
                f'`count = {code} == null || {code} == "" ? 0 : 1`'
                if _INPUT.fullmatch(code)
                else "a `count` that is 0 where it is empty"
            )
            return Translation(
                manual=f"the policy is `{code}`, which {empty}; on the bucket that meant "
                "no policy, but aws_s3_bucket_policy requires one, so an unconditional "
                f"resource fails where it is empty: write it with {count} and import it "
                f"as {_RESOURCE}.{bucket.labels[1]}[0] only where the policy is set"
            )
        translation = Translation(body=item_text(policy, 0))
        translation.waiters = [
            (consumer, f"now waits for it (depends_on): {why}")
            for consumer, why in _checking(ctx, bucket.labels[1])
        ]
        translation.waiters += [
            (block, f"now waits for it (depends_on): {_PAB_WAITS}")
            for block in _access_blocks(ctx, bucket.labels[1], policy)
        ]
        if possibly_called(ctx):
            translation.waiters += [
                (output, f"now waits for it (depends_on): {_OUTPUT_WAITS}")
                for output in bucket_outputs(ctx, bucket.labels[1])
            ]
        return translation


# Services that check the bucket policy when the resource using the bucket is created,
# and fail without it: with the policy inline, the bucket (which they reference) was
# created with it; now only depends_on orders them after aws_s3_bucket_policy.
_CHECKS = {
    "aws_cloudtrail": (
        "CloudTrail checks the bucket policy when it creates the trail and fails with "
        "InsufficientS3BucketPolicyException without it, as the provider's example shows "
        "(https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail)"
    ),
    "aws_config_delivery_channel": (
        "AWS Config checks the bucket policy when it creates the delivery channel and "
        "fails with InsufficientDeliveryPolicyException without it "
        "(https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html)"
    ),
}
_REDSHIFT = (
    "Amazon Redshift checks the bucket policy when it turns on audit logging to S3 "
    '(EnableLogging) and fails with InsufficientS3BucketPolicyFault ("The cluster does not '
    'have read bucket or put object permissions on the S3 bucket") without it '
    "(https://docs.aws.amazon.com/redshift/latest/APIReference/API_EnableLogging.html, "
    "https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html)"
)
_CHECKS.update(
    {
        # logging { bucket_name } of the cluster (v4), or its own resource (v5 on).
        "aws_redshift_cluster": _REDSHIFT,
        "aws_redshift_logging": _REDSHIFT,
        "aws_ses_receipt_rule": (
            "Amazon SES checks that it may write to the bucket of an S3 action when it "
            "creates the receipt rule and fails with InvalidS3ConfigurationException "
            '("could not publish to the bucket, possibly due to permissions issues") '
            "without the policy "
            "(https://docs.aws.amazon.com/ses/latest/APIReference/API_CreateReceiptRule.html, "
            "https://docs.aws.amazon.com/ses/latest/dg/receiving-email-permissions.html)"
        ),
        "aws_guardduty_publishing_destination": (
            "GuardDuty needs the bucket policy that admits it when the publishing destination "
            "is created, which is why the provider's example makes the destination depend on "
            "aws_s3_bucket_policy "
            "(https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/"
            "guardduty_publishing_destination, "
            "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html)"
        ),
        "aws_cur_report_definition": (
            "AWS Cost and Usage Reports verifies the bucket policy that admits "
            "billingreports.amazonaws.com when the report definition is created, and the "
            "creation fails without it "
            "(https://docs.aws.amazon.com/cur/latest/userguide/cur-s3.html)"
        ),
    }
)
for _type in ("aws_lb", "aws_alb", "aws_elb"):
    _CHECKS[_type] = (
        "Elastic Load Balancing checks that it may write to the bucket when access logs are "
        'turned on and fails ("Access Denied for bucket ... Please check S3bucket '
        'permission") without the policy '
        "(https://docs.aws.amazon.com/elasticloadbalancing/latest/application/"
        "enable-access-logging.html)"
    )


def _checking(ctx: ModuleContext, label: str) -> list[tuple[n.Block, str]]:
    """The module's resources of :data:`_CHECKS` that use ``aws_s3_bucket.<label>``."""
    found = []
    for type_, why in _CHECKS.items():
        for _path, block in ctx.analysis.resources(type_):
            if any(
                t.names()[:2] == ["aws_s3_bucket", label]
                for t in traversals(block)
                if t.names()[:1] != ["aws_s3_bucket_policy"]
            ):
                found.append((block, why))
    return found


_PAB_WAITS = (
    "S3 refuses a change to a bucket's policy while its public access block is being "
    'written, and the reverse (409 OperationAborted, "A conflicting conditional operation '
    'is currently in progress"), which providers before 3.67 do not retry '
    "(hashicorp/terraform-provider-aws issue 7628, pull request 12949); with the policy "
    "inline the public access block came after the bucket and its policy, and it still "
    "does"
)


def _access_blocks(ctx: ModuleContext, label: str, policy: n.Attribute) -> list[n.Block]:
    """The module's aws_s3_bucket_public_access_block resources for
    ``aws_s3_bucket.<label>`` (their ``bucket`` reads it): the author's, which would now
    be written at the same time as the new policy. One the policy itself reads is left
    out (waiting for the policy would be a cycle)."""
    read = {tuple(t.names()[:2]) for t in traversals(policy.value)}
    found = []
    for _path, block in ctx.analysis.resources("aws_s3_bucket_public_access_block"):
        target = block.body.attribute("bucket")
        if target is None or tuple(block.labels[:2]) in read:
            continue
        if any(t.names()[:2] == ["aws_s3_bucket", label] for t in traversals(target.value)):
            found.append(block)
    return found


_OUTPUT_WAITS = (
    "a module that may be called hands the bucket to its callers through this output, "
    "and with the policy inline the output was known only once the policy existed; a "
    "caller that turns on log delivery to the bucket (load balancer access logs, a "
    "trail, a Config channel) would otherwise be created before the policy and fail "
    "(https://developer.hashicorp.com/terraform/language/values/outputs#depends_on)"
)


_INPUT = re.compile(r"(var|local)\.[A-Za-z_][A-Za-z0-9_-]*")


def _may_be_empty(ctx: ModuleContext, expr: n.Expression) -> str | None:
    """How ``expr`` can be empty or null (the optional-policy idiom of v3 modules), or
    None when the module shows it never is."""
    value = PartialEvaluator(ctx.analysis).value(expr)
    if value is None or value == "":
        return "is " + ("null" if value is None else "empty") + " unless the caller sets it"
    if isinstance(value, OneOf) and any(o is None or o == "" for o in value.options):
        return "can be null or empty"
    code = expr.code.strip()
    if isinstance(value, Unknown) and _INPUT.fullmatch(code):
        kind, name = code.split(".", 1)
        if kind == "var" and ctx.analysis.variable(name) is not None:
            return None  # declared without a default: every caller must give a policy
        return "comes from a declaration this module does not show, so it can be empty"
    return None
