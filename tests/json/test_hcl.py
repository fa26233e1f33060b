"""Terraform's JSON configuration as HCL (the shadow), and HCL edits back as JSON edits."""

from __future__ import annotations

import json

import pytest

from tffix.cst import edit
from tffix.json.hcl import Unsupported, read, translate
from tffix.syntax.parser import parse

CONFIG = {
    "//": "kept",
    "variable": {"name": {"type": "list(string)", "default": ["${not.a_ref}"]}},
    "locals": {"prefix": "${var.name[0]}-x"},
    "resource": {
        "aws_s3_bucket": {
            "b": {
                "bucket": "${local.prefix}",
                "tags": {"Name": "n", "lower": "l"},
                "depends_on": ["aws_kms_key.k"],
                "provider": "aws.west",
                "lifecycle": {"ignore_changes": ["tags"], "prevent_destroy": True},
                "server_side_encryption_configuration": {
                    "rule": {"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}
                },
                "dynamic": {
                    "grant": {"for_each": "${var.name}", "content": {"id": "${grant.value}"}}
                },
            }
        },
        "aws_kms_key": {"k": [{"description": 'a "quoted" $${literal}\n'}]},
    },
    "module": {"m": {"source": "./m", "inputs": {"a": 1}, "providers": {"aws": "aws.west"}}},
}

SHADOW = """\
variable "name" {
  type = list(string)
  default = ["$${not.a_ref}"]
}

locals {
  prefix = "${var.name[0]}-x"
}

resource "aws_s3_bucket" "b" {
  bucket = local.prefix
  tags = {"Name" = "n", "lower" = "l"}
  depends_on = [aws_kms_key.k]
  provider = aws.west
  lifecycle {
    ignore_changes = [tags]
    prevent_destroy = true
  }
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
  dynamic "grant" {
    for_each = var.name
    content {
      id = grant.value
    }
  }
}

resource "aws_kms_key" "k" {
  description = "a \\"quoted\\" $${literal}\\n"
}

module "m" {
  source = "./m"
  inputs = {"a" = 1}
  providers = {aws = aws.west}
}

"""


def test_the_shadow_reads_as_terraform_reads_the_json() -> None:
    text = json.dumps(CONFIG, indent=2)
    shadow = read(text)
    assert shadow.text == SHADOW
    parse(shadow.text)
    # each line knows where it comes from: the block's name, the argument's key
    assert shadow.position(10, 3) == (16, 7)  # resource "aws_s3_bucket" "b" -> "b":
    assert shadow.position(11, 3) == (17, 9)  # bucket


def _fix(text: str, change: str) -> str:
    shadow = read(text)
    old, new = parse(shadow.text), parse(shadow.text)
    blocks = {(b.type, *b.labels): b for b in new.body.blocks}
    exec(change, {"edit": edit, "new": new, "blocks": blocks})
    return translate(shadow, old, new)


BUCKET = json.dumps(
    {"resource": {"aws_s3_bucket": {"b": {"bucket": "x", "tags": {"Name": "n"}}}}}, indent=2
)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            "edit.append(blocks['resource', 'aws_s3_bucket', 'b'], 'force_destroy = false')",
            {"bucket": "x", "tags": {"Name": "n"}, "force_destroy": False},
        ),
        (
            "edit.set_value(blocks['resource', 'aws_s3_bucket', 'b'].body.attribute('bucket'),"
            " '\"${var.env}-b\"')",
            {"bucket": "${var.env}-b", "tags": {"Name": "n"}},
        ),
        (
            "edit.append(blocks['resource', 'aws_s3_bucket', 'b'],"
            " 'versioning {\\n  enabled = var.on\\n  list = [1, \"a\", aws_x.y.id]\\n}')",
            {
                "bucket": "x",
                "tags": {"Name": "n"},
                "versioning": {"enabled": "${var.on}", "list": [1, "a", "${aws_x.y.id}"]},
            },
        ),
        (
            "b = blocks['resource', 'aws_s3_bucket', 'b']\n"
            "edit.remove(b.body.attribute('tags'), b)",
            {"bucket": "x"},
        ),
    ],
)
def test_an_edit_of_the_shadow_is_the_same_edit_of_the_json(change: str, expected: object) -> None:
    fixed = _fix(BUCKET, change)
    assert json.loads(fixed) == {"resource": {"aws_s3_bucket": {"b": expected}}}
    # the untouched lines are as they were
    assert fixed.startswith('{\n  "resource": {\n    "aws_s3_bucket": {\n      "b": {\n')


def test_new_blocks_go_where_terraform_json_puts_them() -> None:
    fixed = _fix(
        BUCKET,
        'edit.append(new, \'resource "aws_s3_bucket_versioning" "b" {\\n'
        "  bucket = aws_s3_bucket.b.id\\n}\\n')\n"
        'edit.append(new, \'resource "aws_s3_bucket" "c" {\\n}\\n\')\n'
        "edit.append(new, 'variable \"v\" {\\n  type = number\\n  default = 3\\n}\\n')",
    )
    assert json.loads(fixed) == {
        "resource": {
            "aws_s3_bucket": {"b": {"bucket": "x", "tags": {"Name": "n"}}, "c": {}},
            "aws_s3_bucket_versioning": {"b": {"bucket": "${aws_s3_bucket.b.id}"}},
        },
        "variable": {"v": {"type": "number", "default": 3}},
    }


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (
            "edit.append(blocks['resource', 'aws_s3_bucket', 'b'], 'policy = <<EOF\\n{}\\nEOF')",
            "heredoc",
        ),
        (
            "edit.set_value(blocks['resource', 'aws_s3_bucket', 'b'].body.attribute('bucket'),"
            " '[1, /* note */ 2]')",
            "comment",
        ),
    ],
)
def test_what_json_cannot_hold_is_unsupported(change: str, why: str) -> None:
    with pytest.raises(Unsupported, match=why):
        _fix(BUCKET, change)


def test_comments_become_json_comment_properties() -> None:
    fixed = _fix(
        BUCKET,
        "b = blocks['resource', 'aws_s3_bucket', 'b']\n"
        "edit.comment_first(b, '# checkov:skip=CKV_AWS_1:why')\n"
        "edit.append(b, 'logging {\\n  # where\\n  target_bucket = \"t\"\\n}')",
    )
    assert json.loads(fixed)["resource"]["aws_s3_bucket"]["b"] == {
        "bucket": "x",
        "tags": {"Name": "n"},
        "//": "checkov:skip=CKV_AWS_1:why",
        "logging": {"//": "where", "target_bucket": "t"},
    }


def test_a_renamed_block_keeps_its_body_and_removed_blocks_take_their_holders() -> None:
    text = json.dumps(
        {
            "resource": {
                "aws_s3_bucket": {"b": {"bucket": "x", "//": "kept"}},
                "aws_s3_bucket_acl": {"a": {"acl": "private"}},
            },
            "data": {"aws_iam_policy_document": {"d": {}}},
        },
        indent=2,
    )
    fixed = _fix(
        text,
        "edit.rename_label(blocks['resource', 'aws_s3_bucket', 'b'], 1, 'c')\n"
        "edit.remove(blocks['resource', 'aws_s3_bucket_acl', 'a'], new)\n"
        "edit.remove(blocks['data', 'aws_iam_policy_document', 'd'], new)",
    )
    assert fixed == (
        '{\n  "resource": {\n    "aws_s3_bucket": {\n      "c": {\n        "bucket": "x",\n'
        '        "//": "kept"\n      }\n    }\n  }\n}'
    )


def test_a_second_block_turns_one_object_into_an_array() -> None:
    text = json.dumps({"resource": {"t": {"n": {"rule": {"a": 1}}}}}, indent=2)
    fixed = _fix(text, "edit.append(blocks['resource', 't', 'n'], 'rule {\\n  a = 2\\n}')")
    assert json.loads(fixed) == {"resource": {"t": {"n": {"rule": [{"a": 1}, {"a": 2}]}}}}
    assert '"rule": [\n          {\n            "a": 1\n          },\n' in fixed
    text = json.dumps({"resource": {"t": {"n": {"rule": [{"a": 1}]}}}})
    fixed = _fix(text, "edit.append(blocks['resource', 't', 'n'], 'rule {\\n  a = 2\\n}')")
    assert json.loads(fixed) == {"resource": {"t": {"n": {"rule": [{"a": 1}, {"a": 2}]}}}}
    # the first one changed too: not both in one edit
    with pytest.raises(Unsupported, match="second rule block"):
        _fix(
            json.dumps({"resource": {"t": {"n": {"rule": {"a": 1}}}}}),
            "b = blocks['resource', 't', 'n']\n"
            "edit.set_value(b.body.blocks[0].body.attribute('a'), '3')\n"
            "edit.append(b, 'rule {\\n  a = 2\\n}')",
        )


@pytest.mark.parametrize(
    "text",
    [
        "[]",
        '{"resource": "x"}',
        '{"terraform_x": {}}',
        '{"resource": {"t": {"n": {"a": "x-${\\n1}"}}}}',
        "{",
    ],
)
def test_what_the_shadow_cannot_express_is_unsupported(text: str) -> None:
    with pytest.raises(Unsupported):
        read(text)
