"""AWSV401 s3-v4-versioning: a bucket's inline ``versioning`` becomes aws_s3_bucket_versioning.

``enabled`` maps to ``status``: true is ``Enabled``; false on a bucket is
what a bucket without versioning is, so it becomes nothing (writing
``Suspended`` would turn on, and suspend, versioning of a bucket that never
had it, which cannot be undone). ``mfa_delete = false`` becomes
``"Disabled"``; an ``mfa_delete`` that is or may be true is left for a person:
aws_s3_bucket_versioning then requires ``mfa`` (the MFA device's serial number
and a current code), which the configuration does not hold, and S3 refuses the
change without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from tffix.aws import provider_versions
from tffix.aws.s3 import VERSIONING_OFF
from tffix.aws.s3_split import (
    BUCKET,
    OBJECTS,
    S3Split,
    Translation,
    boolean,
    explanation,
    literal,
    users_of,
)
from tffix.engine.codemod import Finding, ModuleContext
from tffix.syntax import nodes as n

_RESOURCE = "aws_s3_bucket_versioning"


class S3V4Versioning(S3Split):
    """``versioning { ... }`` of ``aws_s3_bucket`` -> ``aws_s3_bucket_versioning``."""

    code = "AWSV401"
    name = "s3-v4-versioning"
    summary = "AWS provider v4: move a bucket's versioning block to aws_s3_bucket_versioning"
    inline = ("versioning",)
    resource = _RESOURCE
    dynamic_form = "single"
    reads: ClassVar[dict[str, str]] = {
        ".versioning[0].enabled": '({r}.versioning_configuration[0].status == "Enabled")',
        ".versioning[0].mfa_delete": '({r}.versioning_configuration[0].mfa_delete == "Enabled")',
    }
    documentation = (
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#versioning-argument",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_versioning",
    )
    explanation = explanation(
        "`versioning` block",
        _RESOURCE,
        """
`enabled = true` becomes `status = "Enabled"`; `mfa_delete = false` becomes
`mfa_delete = "Disabled"`. A bucket whose `mfa_delete` is true (or an
expression) is left alone with a finding: `aws_s3_bucket_versioning` then
requires `mfa`, the MFA device's serial number and a current code, and S3
rejects the request without them, so the move needs a person (import the
resource and add `mfa`, or drop `mfa_delete` and keep it managed outside
Terraform). `enabled = false` (or absent) becomes nothing: a
bucket that never had versioning has none, and `status = "Suspended"` would
change that for good. If the bucket had versioning once (S3 shows
"Suspended"), add `aws_s3_bucket_versioning` with `status = "Suspended"` by
hand. An `enabled` that is an expression is left for a person: `Suspended`
for false would change buckets that never had versioning.

This codemod, the first of the AWSV4 family, also reports a bucket's
`region` argument: provider 3.0 made it read-only (the provider's region
decides; plan fails with "Can't configure a value for \"region\"" on 3.x to
5.x), so the upgrade needs it removed, or, on provider 6.0 and later where
`region` is an argument of every resource again, checked against the
bucket's real region
(https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-3-upgrade#resource-aws_s3_bucket).
""",
        """\
    resource "aws_s3_bucket" "logs" {
      bucket = "my-logs"
    -
    -  versioning {
    -    enabled = true
    -  }
    }
    +
    +resource "aws_s3_bucket_versioning" "logs" {
    +  bucket = aws_s3_bucket.logs.id
    +
    +  versioning_configuration {
    +    status = "Enabled"
    +  }
    +}

    s3_v4_imports.tf (apply once in each existing environment, then delete it):

    +import {
    +  to = aws_s3_bucket_versioning.logs
    +  id = "my-logs"
    +}
""",
    )

    def fix(self, ctx: ModuleContext) -> Iterator[Finding]:
        yield from super().fix(ctx)
        if _regions_per_resource(ctx):
            return  # every provider the module admits takes `region` on each resource
        for path, bucket in ctx.targets(BUCKET):
            region = bucket.body.attribute("region")
            if region is not None:
                yield self.manual(path, region, _region(bucket, region))

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        if len(items) != 1 or not isinstance(items[0], n.Block):
            return Translation(manual="more than one versioning block: merge them by hand")
        block = items[0]
        enabled = block.body.attribute("enabled")
        mfa = block.body.attribute("mfa_delete")
        on = boolean(enabled.value) if enabled is not None else False
        mfa_value = boolean(mfa.value) if mfa is not None else False
        if on is None:
            assert enabled is not None  # absent is False
            code = enabled.value.code.strip()
            what = (
                "not a value Terraform reads as true or false"
                if isinstance(literal(enabled.value), str)
                else "an expression"
            )
            return Translation(
                manual=f"versioning enabled = {code} is {what}: write aws_s3_bucket_versioning "
                'with status "Enabled" where it is true; where it is false, "Suspended" only '
                "for buckets that had versioning before"
            )
        if not on:
            if mfa_value is not False:
                return Translation(
                    manual="versioning is off but mfa_delete is set: MFA delete needs "
                    "versioning; decide which one is meant"
                )
            notes = [
                "it was off, which a bucket without versioning is: nothing replaces it "
                '(if versioning was ever on, S3 shows "Suspended": add '
                'aws_s3_bucket_versioning with status = "Suspended")'
            ]
            if enabled is not None:
                # Written off on purpose: baselines in this run leave it off (AWS008), and
                # the finding says how to keep it so once the code no longer shows it.
                ctx.memo.setdefault(VERSIONING_OFF, set()).add(f"{BUCKET}.{bucket.labels[1]}")
                notes.append(
                    "versioning was off on purpose (enabled = false); to keep scanners and "
                    "baseline fixes from turning it on later, say so above the bucket: "
                    "#checkov:skip=CKV_AWS_21:versioning off on purpose"
                )
            return Translation(body=None, notes=notes)
        if mfa is not None and mfa_value is not False:
            return Translation(
                manual=f"versioning mfa_delete = {mfa.value.code.strip()}: "
                "aws_s3_bucket_versioning then requires mfa (the MFA device's serial number "
                'and a current code, "SERIAL CODE"), which S3 needs to change versioning of '
                "an MFA-delete bucket; import aws_s3_bucket_versioning and add mfa, or drop "
                "mfa_delete and keep it managed outside Terraform "
                "(https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/"
                "s3_bucket_versioning#mfa)"
            )
        lines = ["versioning_configuration {", '  status = "Enabled"']
        if mfa is not None:
            lines.append('  mfa_delete = "Disabled"')
        lines.append("}")
        translation = Translation(body=lines)
        # S3 refuses a replication configuration until the source and each destination
        # bucket are versioned; with versioning inline, the bucket reference ordered it.
        translation.waiters = [
            (replication, f"now waits for it (depends_on): {_REPLICATION_WAITS}")
            for replication in users_of(
                ctx, bucket.labels[1], ("aws_s3_bucket_replication_configuration",)
            )
        ]
        # An object written before versioning is on gets no version of its own (its
        # version ID is "null"); the bucket reference ordered it after versioning.
        translation.waiters += [
            (item, f"now waits for it (depends_on): {_OBJECTS_WAIT}")
            for item in users_of(ctx, bucket.labels[1], OBJECTS, "bucket")
        ]
        return translation


_OBJECTS_WAIT = (
    "an object written before versioning is enabled is stored with the version ID null "
    "(https://docs.aws.amazon.com/AmazonS3/latest/userguide/versioning-workflows.html), "
    "and with versioning inline the bucket reference ordered the object after it"
)
_REPLICATION_WAITS = (
    "S3 refuses the replication until the source and destination buckets are versioned "
    '("Destination bucket must have versioning enabled", '
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-requirements.html), "
    "and with versioning inline the bucket reference ordered it after the versioning"
)


def _regions_per_resource(ctx: ModuleContext) -> bool:
    """Whether the module admits only provider 6.0 and later (its constraints, and the
    lock file when there is one), where `region` places a resource in that region
    (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/enhanced-region-support):
    then a bucket's `region` is a choice to keep, not a v3 leftover to remove."""
    admitted = provider_versions.allowed(ctx)
    six = (6, 0, 0)
    return admitted.low >= six and (admitted.locked is None or admitted.locked >= six)


def _region(bucket: n.Block, region: n.Attribute) -> str:
    """The finding for a bucket's ``region`` argument."""
    return (
        f"aws_s3_bucket.{bucket.labels[1]}: region = {region.value.code.strip()} is read-only "
        "since provider 3.0 (the provider's region decides where the bucket is), and "
        "terraform plan fails on it with provider 3.x to 5.x: remove it, after checking "
        "that the provider configuration's region is the bucket's; on provider 6.0 and "
        "later, where every resource takes region, it must be the bucket's real region "
        "(https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/"
        "version-3-upgrade#resource-aws_s3_bucket)"
    )
