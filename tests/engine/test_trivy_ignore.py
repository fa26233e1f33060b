"""``#trivy:ignore:<rule>`` in trivy's documented syntax waives the codemod that
satisfies the same check (trivy docs, "Skipping resources by inline comments")."""

from __future__ import annotations

import pytest

from tffix.engine.registry import get
from tffix.engine.suppress import is_suppressed, trivy_checks, waived_checks
from tffix.syntax.parser import parse

KEY = 'resource "aws_kms_key" "k" {\n  description = "k"\n}\n'
BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'


def block(comment: str, body: str = KEY):  # type: ignore[no-untyped-def]
    return parse(comment + body).body.blocks[0]


@pytest.mark.parametrize(
    "comment",
    [
        "#trivy:ignore:AVD-AWS-0065\n",
        "# trivy:ignore:avd-aws-0065\n",  # the ID is not case-sensitive
        "//trivy:ignore:aws-kms-auto-rotate-keys\n",  # long ID, // comment
        "#trivy:ignore:AVD-GCP-0051 trivy:ignore:AVD-AWS-0065\n",  # several on one line
        "#trivy:ignore:aws-kms-auto-rotate-keys:exp:2999-03-10\n",  # not expired yet
        "#trivy:ignore:*\n",
        "#trivy:ignore:AVD-AWS-0065[description=k]\n",  # some instances: left alone
    ],
)
def test_documented_forms_waive_the_codemod(comment: str) -> None:
    assert is_suppressed(block(comment), get("AWS003")())


@pytest.mark.parametrize(
    "comment",
    [
        "#trivy:ignore:aws-kms-auto-rotate-keys:exp:2020-03-10\n",  # expired
        "#trivy:ignore:AVD-AWS-0089\n",  # another check
        "#trivy:ignore:AVD-AWS-00655\n",  # not the same ID
    ],
)
def test_other_forms_do_not(comment: str) -> None:
    assert not is_suppressed(block(comment), get("AWS003")())


def test_expiry_is_compared_with_today() -> None:
    comment = "#trivy:ignore:AVD-AWS-0065:exp:2024-03-10"
    assert trivy_checks(comment, today="2024-03-10") == {"CKV_AWS_7"}
    assert trivy_checks(comment, today="2024-03-11") == set()


def test_one_check_of_a_codemod_that_satisfies_several() -> None:
    bucket = block("#trivy:ignore:aws-s3-enable-versioning\n", BUCKET)
    codemod = get("AWS008")()
    assert not is_suppressed(bucket, codemod)
    assert waived_checks(bucket, codemod) == {"CKV_AWS_21"}
    bucket = block("#trivy:ignore:AVD-AWS-0086 trivy:ignore:AVD-AWS-0132\n", BUCKET)
    assert waived_checks(bucket, codemod) == {"CKV2_AWS_6", "CKV_AWS_145"}


def test_a_waiver_answer_kept_for_a_block_is_asked_again_after_an_edit() -> None:
    """``suppressed`` keeps its answers while no edit is made; a comment added through
    ``tffix.cst.edit`` is seen at once."""
    from tffix import parse
    from tffix.cst import edit
    from tffix.engine import suppress

    module = parse('resource "aws_kms_key" "k" {\n  description = "a"\n}\n')
    (block,) = module.body.blocks
    assert suppress.suppressed(block) == (frozenset(), frozenset())
    assert suppress.suppressed(block)[1] is suppress.suppressed(block)[1]  # kept
    edit.insert(block, "lifecycle {\n  # checkov:skip=CKV_AWS_7:done elsewhere\n}")
    assert suppress.suppressed(block)[1] == {"CKV_AWS_7"}
    suppress.forget()
