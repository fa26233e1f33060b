"""tffix.aws.s3_split helpers that the corpus cases do not reach on every branch."""

from __future__ import annotations

from pathlib import Path

import pytest

from tffix.aws.s3_split import _test, ignore_changes, single_element
from tffix.cst.format import format_text
from tffix.engine.registry import get
from tffix.engine.runner import run_module
from tffix.syntax.parser import parse


@pytest.mark.parametrize(
    ("lifecycle", "expected"),
    [
        ("", "  lifecycle {\n    ignore_changes = [replication_configuration]\n  }\n"),
        (
            "  lifecycle {\n    prevent_destroy = true\n  }\n",
            "  lifecycle {\n    ignore_changes  = [replication_configuration]\n"
            "    prevent_destroy = true\n  }\n",
        ),
        (
            "  lifecycle {\n    ignore_changes = [tags]\n  }\n",
            "  lifecycle {\n    ignore_changes = [tags, replication_configuration]\n  }\n",
        ),
        # Already there, or everything ignored: nothing to add.
        (
            "  lifecycle {\n    ignore_changes = [replication_configuration]\n  }\n",
            "  lifecycle {\n    ignore_changes = [replication_configuration]\n  }\n",
        ),
        (
            "  lifecycle {\n    ignore_changes = all\n  }\n",
            "  lifecycle {\n    ignore_changes = all\n  }\n",
        ),
    ],
)
def test_ignore_changes_lists_the_attribute_once(lifecycle: str, expected: str) -> None:
    head = 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n'
    module = parse(head + ("\n" + lifecycle if lifecycle else "") + "}\n")
    bucket = module.body.blocks[0]
    ignore_changes(bucket, "replication_configuration")
    assert format_text(module.code) == head + "\n" + expected + "}\n"


@pytest.mark.parametrize(
    ("condition", "test"),
    [
        ("var.enabled", "var.enabled"),
        ("length(var.x == null ? [] : var.x) > 0", "length(var.x == null ? [] : var.x) > 0"),
        ("var.a ? true : false", "(var.a ? true : false)"),
        ('var.b != "?"', 'var.b != "?"'),
    ],
)
def test_a_condition_is_grouped_only_when_it_is_a_conditional(condition: str, test: str) -> None:
    assert _test(condition) == test


@pytest.mark.parametrize(
    ("for_each", "condition", "value"),
    [
        ("var.on ? [1] : []", "var.on", "1"),
        ("var.key == null ? [] : [var.key]", "var.key != null", "var.key"),
        ("var.cfg == null ? [] : [var.cfg.x + 1]", "var.cfg != null", "(var.cfg.x + 1)"),
        ("var.list", "length(var.list) > 0", "one([for v in var.list : v])"),
    ],
)
def test_a_one_only_dynamic_block_is_its_element_where_it_has_one(
    for_each: str, condition: str, value: str
) -> None:
    text = f'dynamic "logging" {{\n  for_each = {for_each}\n  content {{}}\n}}\n'
    single = single_element(parse(text).body.blocks[0])
    assert (single.condition, single.value) == (condition, value)


# ---- raise_provider_constraint in a module that states no AWS provider version ----

_CALLED = """\
variable "name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.name

  versioning {
    enabled = VALUE
  }
}
"""


def _split(tmp_path: Path, text: str, lock: str | None = None) -> tuple[str, list[str]]:
    """(main.tf after AWSV401 with raise_provider_constraint, findings as status: message)."""
    (tmp_path / "main.tf").write_text(text)
    if lock is not None:
        (tmp_path / ".terraform.lock.hcl").write_text(
            f'provider "registry.terraform.io/hashicorp/aws" {{\n  version = "{lock}"\n}}\n'
        )
    codemod = get("AWSV401")(raise_provider_constraint=True)
    result = run_module(str(tmp_path), [str(tmp_path / "main.tf")], [codemod])
    assert not result.errors, result.errors
    main = next(f for f in result.files if f.path.endswith("main.tf"))
    return main.new, [f"{f.status.value}: {f.message}" for f in result.findings]


_RP = "terraform {\n  required_providers {\n"
_ENTRY = '    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 3.75"\n    }\n'


@pytest.mark.parametrize(
    ("terraform", "expected"),
    [
        # Another provider's entry: aws joins it.
        (
            'terraform {\n  required_providers {\n    random = {\n      source = "hashicorp/random"'
            "\n    }\n  }\n}\n\n",
            'terraform {\n  required_providers {\n    random = {\n      source = "hashicorp/random"'
            f"\n    }}\n{_ENTRY}  }}\n}}\n\n",
        ),
        # An aws entry without a version gets one, in its own shape.
        (
            _RP + '    aws = { source = "hashicorp/aws" }\n  }\n}\n\n',
            _RP + '    aws = { source = "hashicorp/aws", version = ">= 3.75" }\n  }\n}\n\n',
        ),
        (
            _RP + '    aws = {\n      source = "hashicorp/aws" # ours\n    }\n  }\n}\n\n',
            _RP + '    aws = {\n      source  = "hashicorp/aws" # ours\n'
            '      version = ">= 3.75"\n    }\n  }\n}\n\n',
        ),
        # No terraform block: a new one opens the file, after its header comment.
        (
            "# Bucket module.\n\n",
            f"# Bucket module.\n\nterraform {{\n  required_providers {{\n{_ENTRY}  }}\n}}\n\n",
        ),
    ],
)
def test_a_called_module_without_a_version_gets_the_floor_alone(
    tmp_path: Path, terraform: str, expected: str
) -> None:
    new, findings = _split(tmp_path, terraform + _CALLED.replace("VALUE", "true"))
    assert new.startswith(expected)
    assert 'resource "aws_s3_bucket_versioning" "this"' in new
    assert "< 5.0" not in new and "~>" not in new  # a floor, never an upper bound
    assert any(
        f.startswith("fixed:") and 'constraint ">= 3.75" added to required_providers' in f
        for f in findings
    )
    # The floor makes the versions the module allows have the resource: nothing more to do.
    (tmp_path / "main.tf").write_text(new)
    again, _ = _split(tmp_path, new)
    assert again == new


def test_a_root_module_locked_before_3_75_gets_the_target_major(tmp_path: Path) -> None:
    text = 'provider "aws" {\n  region = "us-east-1"\n}\n\n' + _CALLED.replace(
        "var.name", '"acme-logs"'
    ).replace("VALUE", "true")
    new, findings = _split(tmp_path, text, lock="3.50.0")
    assert new.startswith(
        'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n'
        '      version = "~> 4.0"\n    }\n  }\n}\n\nprovider "aws" {'
    )
    assert any("(root module); run `terraform init -upgrade`" in f for f in findings)


def test_two_buckets_raise_once_and_both_say_so(tmp_path: Path) -> None:
    second = _CALLED.split("\n\n", 1)[1].replace('"this"', '"other"').replace("var.name", '"x"')
    new, findings = _split(
        tmp_path, _CALLED.replace("VALUE", "true") + "\n" + second.replace("VALUE", "true")
    )
    assert new.count("required_providers") == 1
    said = [f for f in findings if "added to required_providers" in f]
    assert len(said) == 2 and "is now" not in " ".join(findings)


@pytest.mark.parametrize(
    "text",
    [
        # The translation needs a person (an expression): the constraint stays as it is.
        _CALLED.replace("VALUE", "var.versioned"),
        # "aws" names another provider here.
        'terraform {\n  required_providers {\n    aws = { source = "acme/aws" }\n  }\n}\n\n'
        + _CALLED.replace("VALUE", "true"),
        # Constrained by a provider block's (deprecated) version: left to a person.
        'provider "aws" {\n  version = "~> 3.50"\n}\n\n' + _CALLED.replace("VALUE", "true"),
    ],
)
def test_no_floor_written_where_the_split_is_not_made(tmp_path: Path, text: str) -> None:
    new, findings = _split(tmp_path, text)
    assert new == text
    assert findings and all(f.startswith("manual:") for f in findings)


_RULES = """\
variable "name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.name

  lifecycle_rule {
    id      = "expire"
    enabled = true

    expiration {
      days = 30
    }
  }
}
"""


@pytest.mark.parametrize(
    ("head", "guarded"),
    [
        # A reusable module gets the floor alone: its callers may run 3.75/3.76, whose
        # bucket still manages lifecycle_rule and would delete the rules it no longer sets.
        ("", True),
        # A root module raised to ~> 4.0 runs no 3.x provider.
        (
            'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n'
            '      version = "~> 3.60"\n    }\n  }\n}\n\nprovider "aws" {\n  region = "eu-west-1"'
            "\n}\n\n",
            False,
        ),
    ],
)
def test_a_raised_constraint_that_still_admits_3x_keeps_the_guard(
    tmp_path: Path, head: str, guarded: bool
) -> None:
    (tmp_path / "main.tf").write_text(head + _RULES)
    codemod = get("AWSV406")(raise_provider_constraint=True)
    result = run_module(str(tmp_path), [str(tmp_path / "main.tf")], [codemod])
    assert not result.errors, result.errors
    new = next(f.new for f in result.files if f.path.endswith("main.tf"))
    assert 'resource "aws_s3_bucket_lifecycle_configuration" "this"' in new
    assert ("ignore_changes = [lifecycle_rule]" in new) is guarded


_WEBSITE = """resource "aws_s3_bucket" "NAME" {
  bucket = "NAME"

  website {
    index_document = "index.html"RULES
  }
}
"""
_ROUTING = '\n    routing_rules  = "[{\\"Redirect\\":{\\"HostName\\":\\"example.com\\"}}]"'


def _website(tmp_path: Path, text: str, *, raising: bool) -> tuple[str, list[str]]:
    (tmp_path / "main.tf").write_text(text)
    codemod = get("AWSV410")(raise_provider_constraint=raising)
    result = run_module(str(tmp_path), [str(tmp_path / "main.tf")], [codemod])
    assert not result.errors, result.errors
    main = next(f for f in result.files if f.path.endswith("main.tf"))
    return main.new, [f"{f.status.value}: {f.message}" for f in result.findings]


@pytest.mark.parametrize(
    ("head", "raised"),
    [
        # A root module: the target major from the release that has routing_rules.
        (_RP + _ENTRY.replace(">= 3.75", ">= 3.0") + '  }\n}\n\nprovider "aws" {}\n\n', "~> 4.15"),
        # A reusable module that states nothing: the floor alone (3.75.2 would admit 4.0-4.14).
        ("", ">= 4.15"),
    ],
)
def test_a_later_bucket_that_writes_routing_rules_raises_the_floor_again(
    tmp_path: Path, head: str, raised: str
) -> None:
    """The first bucket needs only the resource (3.75 / ~> 4.0), the second also
    routing_rules (4.15.0): the constraint written for the first is raised again in
    the same round, and the result admits no provider without the argument."""
    text = (
        head
        + _WEBSITE.replace("NAME", "plain").replace("RULES", "")
        + "\n"
        + _WEBSITE.replace("NAME", "rules").replace("RULES", _ROUTING)
    )
    new, findings = _website(tmp_path, text, raising=True)
    assert f'version = "{raised}"' in new and new.count("version =") == 1
    assert "routing_rules = " in new and "website {" not in new
    assert any(f'is now "{raised}"' in f for f in findings), findings
    again, _ = _website(tmp_path, new, raising=True)
    assert again == new


def test_routing_rules_in_a_dynamic_website_is_asked_about_too(tmp_path: Path) -> None:
    dynamic = (
        _RP
        + _ENTRY
        + "  }\n}\n\n"
        + 'variable "site" {\n  type    = any\n  default = null\n}\n\n'
        + 'resource "aws_s3_bucket" "site" {\n  bucket = "site"\n\n'
        + '  dynamic "website" {\n    for_each = var.site == null ? [] : [var.site]\n\n'
        + "    content {\n      index_document = website.value.index\n"
        + "      routing_rules  = website.value.rules\n    }\n  }\n}\n"
    )
    new, findings = _website(tmp_path, dynamic, raising=False)
    assert new == dynamic
    (finding,) = findings
    assert finding.startswith("manual:") and "routing_rules exists only from 4.15.0" in finding
    assert "raise the hashicorp/aws constraint to ~> 4.15" in finding


def test_written_arguments_are_paths_of_what_a_translation_writes() -> None:
    from tffix.aws.s3_split import RAW, written_arguments

    lines = [
        "role = aws_iam_role.r.arn",
        "",
        'dynamic "rule" {',
        "  for_each = {",
        '    a = "x {"',
        "  }",
        "  iterator = rules",
        "",
        "  content {",
        "    id = rules.key",
        "    destination {",
        "      account = var.account",
        "    }",
        "  }",
        "}",
        "routing_rules = <<EOF",
        f"{RAW}[{{",
        f"{RAW}}}]",
        f"{RAW}EOF",
        "",
        "depends_on = [aws_s3_bucket_versioning.v]",
    ]
    text = "\n".join(line[len(RAW) :] if line.startswith(RAW) else f"  {line}" for line in lines)
    body = parse(f'resource "x" "y" {{\n  bucket = "b"\n{text}\n}}\n').body.blocks[0].body
    assert written_arguments(body) == [
        "role",
        "rule",
        "rule.id",
        "rule.destination",
        "rule.destination.account",
        "routing_rules",
    ]


_REPLICATED = """\
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 3.74.0"
    }
  }
}

resource "aws_s3_bucket" "source" {
  bucket = "src"

  replication_configuration {
    role = "arn:aws:iam::123456789012:role/r"

    rules {
      id     = "all"
      status = "Enabled"

      destination {
        bucket             = "arn:aws:s3:::dst"
        account_id         = "210987654321"
        replica_kms_key_id = "arn:aws:kms:eu-west-1:210987654321:key/k"
      }
    }
  }
}
"""


def test_every_argument_awsv412_writes_is_asked_of_the_version_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An inner argument the table says came later than the resource stops the split on
    a provider without it, like routing_rules does for the website (the split writes
    `account` for v3's account_id)."""
    from tffix.aws import provider_versions as pv

    (tmp_path / "main.tf").write_text(_REPLICATED)
    resource = "aws_s3_bucket_replication_configuration"

    def run() -> list[str]:
        result = run_module(str(tmp_path), [str(tmp_path / "main.tf")], [get("AWSV412")()])
        assert not result.errors, result.errors
        return [f"{f.status.value}: {f.message}" for f in result.findings]

    assert any(f.startswith("fixed:") for f in run())  # 3.74 has the resource
    later = pv.Since((3, 75, 0), "https://example.invalid/changelog")
    monkeypatch.setitem(pv.SINCE, (resource, "rule.destination.account"), later)
    (finding,) = run()
    assert finding.startswith("manual:"), finding
    assert f"{resource}.rule.destination.account exists only from 3.75.0 on" in finding
    # An argument the translation does not write is not asked about.
    monkeypatch.delitem(pv.SINCE, (resource, "rule.destination.account"))
    monkeypatch.setitem(pv.SINCE, (resource, "rule.destination.metrics"), later)
    assert any(f.startswith("fixed:") for f in run())


# ---- values put in while the translation is made, from the tree ----


def test_code_with_replaces_references_not_text_that_reads_like_them() -> None:
    from tffix.aws.s3_split import code_with
    from tffix.cst.builders import parse_expression
    from tffix.syntax import nodes as n

    expr = parse_expression(
        'lookup(\n  logging.value, # the element\n  "logging.value  x",\n  null\n)'
    )

    def element(node: n.Node) -> str | None:
        return (
            "var.log" if isinstance(node, n.Traversal) and node.root_name() == "logging" else None
        )

    assert code_with(expr, element) == (
        'lookup(\n  var.log, # the element\n  "logging.value  x",\n  null\n)'
    )
    plain = parse_expression('lookup(\n  logging.value,\n  "a  b",\n  null\n)')
    # One line: a line break is one space or none inside brackets; a string's spaces stay.
    assert code_with(plain, element, flat=True) == 'lookup(var.log, "a  b", null)'
    # The expression itself can be what is replaced.
    assert code_with(parse_expression("logging.value"), element) == "var.log"


def test_a_single_dynamic_block_content_reads_the_element_by_its_references() -> None:
    text = (
        'dynamic "logging" {\n  for_each = var.on ? [var.log] : []\n  content {\n'
        "    target_bucket = logging.value.bucket\n"
        '    target_prefix = lookup(\n      logging.value,\n      "prefix",\n      null\n    )\n'
        '    note = "logging.value is text"\n  }\n}\n'
    )
    dynamic = parse(text).body.blocks[0]
    single = single_element(dynamic)
    from tffix.aws.s3_split import content_of

    content = single.applied(content_of(dynamic))
    assert content.type == "content"
    assert content.body.attribute("target_bucket").value.code.strip() == "var.log.bucket"  # type: ignore[union-attr]
    prefix = content.body.attribute("target_prefix")
    assert prefix is not None
    assert (
        prefix.value.code.strip() == 'lookup(\n      var.log,\n      "prefix",\n      null\n    )'
    )
    assert prefix.column == 5  # the lines keep their place relative to the item
    note = content.body.attribute("note")
    assert note is not None and note.value.code.strip() == '"logging.value is text"'


@pytest.mark.parametrize(
    ("condition", "test"),
    [
        ("each.value.on", "v.on"),
        ('each.key != "each.key"', 'k != "each.key"'),
        ('length(each.value[\n  "x"\n]) > 0', 'length(v[\n  "x"\n]) > 0'),
        ("var.each.value", "var.each.value"),
    ],
)
def test_a_for_each_condition_reads_the_for_variables(condition: str, test: str) -> None:
    from tffix.aws.s3_split import _each_as

    assert _each_as(condition, {"key": "k", "value": "v"}) == test


def test_a_translation_that_does_not_parse_stops_the_split_unchecked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the version check cannot read is not written: the split stops with a manual
    finding that says what could not be checked, and the bucket is left as it is."""
    from tffix.aws.s3_split import Translation

    text = (
        'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n'
        '      version = "~> 4.0"\n    }\n  }\n}\n\nresource "aws_s3_bucket" "b" {\n'
        '  bucket = "b"\n\n  logging {\n    target_bucket = "logs"\n  }\n}\n'
    )
    (tmp_path / "main.tf").write_text(text)
    codemod = get("AWSV403")
    monkeypatch.setattr(
        codemod, "translate", lambda self, ctx, bucket, items: Translation(body=["a = (1"])
    )
    result = run_module(str(tmp_path), [str(tmp_path / "main.tf")], [codemod()])
    assert not result.errors, result.errors
    assert not any(f.changed for f in result.files)
    (finding,) = result.findings
    assert finding.status.value == "manual"
    assert "aws_s3_bucket_logging written for logging is not valid HCL" in finding.message
    assert "which provider versions have what it sets could not be checked" in finding.message
