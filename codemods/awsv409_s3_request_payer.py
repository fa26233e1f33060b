"""AWSV409 s3-v4-request-payer: ``request_payer`` becomes
aws_s3_bucket_request_payment_configuration."""

from __future__ import annotations

from typing import ClassVar

from tffix.aws.s3_split import S3Split, Translation, explanation, nullable
from tffix.engine.codemod import ModuleContext
from tffix.syntax import nodes as n

_RESOURCE = "aws_s3_bucket_request_payment_configuration"


class S3V4RequestPayer(S3Split):
    """``request_payer = ...`` -> ``aws_s3_bucket_request_payment_configuration { payer }``."""

    code = "AWSV409"
    name = "s3-v4-request-payer"
    summary = (
        "AWS provider v4: move a bucket's request_payer to "
        "aws_s3_bucket_request_payment_configuration"
    )
    inline = ("request_payer",)
    resource = _RESOURCE
    reads: ClassVar[dict[str, str]] = {".request_payer": "{r}.payer"}
    documentation = (
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/version-4-upgrade#request_payer-argument",
        "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_request_payment_configuration",
    )
    explanation = explanation(
        "`request_payer` argument",
        _RESOURCE,
        """
`request_payer` becomes the new resource's `payer` (`BucketOwner` or
`Requester`).
""",
        """\
    resource "aws_s3_bucket" "dataset" {
      bucket        = "open-dataset"
    -  request_payer = "Requester"
    }
    +
    +resource "aws_s3_bucket_request_payment_configuration" "dataset" {
    +  bucket = aws_s3_bucket.dataset.id
    +  payer  = "Requester"
    +}

    s3_v4_imports.tf (apply once in each existing environment, then delete it):

    +import {
    +  to = aws_s3_bucket_request_payment_configuration.dataset
    +  id = "open-dataset"
    +}
""",
    )

    def translate(
        self, ctx: ModuleContext, bucket: n.Block, items: list[n.Attribute | n.Block]
    ) -> Translation:
        item = items[0]
        assert isinstance(item, n.Attribute)
        empty = nullable(ctx, item.value)
        if empty is not None:
            # v3 read null as "not set" and left who pays for requests alone; the new resource
            # requires payer, so an unconditional one fails the plan where it is null.
            code = " ".join(item.value.code.split())
            tested = f"({code})" if isinstance(item.value, n.Conditional) else code
            return Translation(
                manual=f"request_payer is `{code}`, which {empty}; on the bucket that meant "
                f"who pays for requests was not managed, but {_RESOURCE} requires payer, so an "
                "unconditional resource fails where it is null: write it with "
                f"`count = {tested} == null ? 0 : 1` and import it as "
                f"{_RESOURCE}.{bucket.labels[1]}[0] only where it is set"
            )
        return Translation(body=[f"payer = {item.value.code.strip()}"])
