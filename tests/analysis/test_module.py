"""Declarations, references (with positions, in templates too) and undefined names."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import tffix
from tests.conftest import SHARED_CORPUS
from tffix.analysis import analyze_directory
from tffix.analysis.module import ModuleAnalysis, analyze_modules
from tffix.syntax.parser import parse

MAIN = """\
variable "names" {
  default = { api = "a", worker = "w" }
}

locals {
  prefix = "app-${var.env}"
}

resource "aws_kms_key" "main" {
  description = "${local.prefix} key ${aws_s3_bucket.b.id}"
  policy      = data.aws_iam_policy_document.key.json
}

resource "aws_lambda_function" "fn" {
  for_each      = var.names
  function_name = "${local.prefx}-${each.key}"
  kms_key_arn   = aws_kms_key.main.arn
  provider      = aws.west

  dynamic "environment" {
    for_each = [1]
    content {
      variables = { x = environment.value }
    }
  }
  lifecycle {
    ignore_changes = [tags["x"]]
  }
}

output "ids" {
  value = [for k, f in aws_lambda_function.fn : f.arn if k != ""]
  doc   = <<EOT
  ${module.net.vpc_id}
  EOT
}
"""


@pytest.fixture
def module_dir(tmp_path: Path) -> Path:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "vars.tf").write_text('variable "env" {}\n', encoding="utf-8")
    return tmp_path


def test_declarations(module_dir: Path) -> None:
    a = analyze_directory(module_dir)
    assert a.complete
    addresses = [d.address for d in a.declarations]
    assert addresses == [
        "var.names", "local.prefix", "aws_kms_key.main", "aws_lambda_function.fn",
        "output.ids", "var.env",
    ]  # fmt: skip
    assert [b.labels for _, b in a.resources("aws_kms_key")] == [["aws_kms_key", "main"]]
    assert a.variable("env") is not None and a.local("prefix") is not None


def test_references_with_positions(module_dir: Path) -> None:
    a = analyze_directory(module_dir)
    refs = {(r.address, r.line, r.column) for r in a.references}
    assert ("var.env", 6, 19) in refs  # inside a string template
    assert ("aws_s3_bucket.b", 10, 40) in refs
    assert ("module.net", 34, 5) in refs  # inside a heredoc
    assert ("aws_lambda_function.fn", 32, 24) in refs  # for collection
    names = {r.address for r in a.references}
    assert "environment.value" not in names and "f.arn" not in names  # bound names
    assert not any(r.address.startswith("aws.") for r in a.references)  # provider = aws.west
    assert not any(r.address.startswith("tags") for r in a.references)  # ignore_changes
    assert [r.line for r in a.references_to("aws_kms_key.main")] == [17]


def test_undefined_with_did_you_mean(module_dir: Path) -> None:
    a = analyze_directory(module_dir)
    found = {(u.reference.address, u.suggestion) for u in a.undefined()}
    assert found == {
        ("local.prefx", "local.prefix"),
        ("aws_s3_bucket.b", None),
        ("data.aws_iam_policy_document.key", None),
        ("module.net", None),
    }
    (typo,) = [u for u in a.undefined() if u.reference.address == "local.prefx"]
    assert (
        typo.message
        == "reference to undeclared local value local.prefx; did you mean local.prefix?"
    )
    assert typo.reference.position.endswith("main.tf:16:22")


def test_parse_error_makes_the_analysis_incomplete(module_dir: Path) -> None:
    (module_dir / "broken.tf").write_text("resource {\n", encoding="utf-8")
    a = analyze_directory(module_dir)
    assert not a.complete
    assert a.errors[0].path is not None and a.errors[0].path.endswith("broken.tf")


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"shared corpus absent: {SHARED_CORPUS}")
def test_shared_corpus_undefined_references_are_the_real_ones() -> None:
    """Checked by hand: terragoat's azure gateway uses locals it never defines, and the
    karpenter module has a stale `moved` block pointing at aws_iam_policy.node."""
    dirs = sorted(
        {root for root, _, files in os.walk(SHARED_CORPUS) if any(f.endswith(".tf") for f in files)}
    )
    found = set()
    for directory in dirs:
        for u in analyze_directory(directory).undefined():
            rel = os.path.relpath(u.reference.path, SHARED_CORPUS)
            found.add((rel, u.reference.address))
    gateway = "bridgecrewio+terragoat/terraform/azure/application_gateway.tf"
    assert found == {
        (gateway, "local.backend_address_pool_name"),
        (gateway, "local.http_setting_name"),
        (gateway, "local.listener_name"),
        (gateway, "local.frontend_ip_configuration_name"),
        (gateway, "local.frontend_port_name"),
        (gateway, "local.request_routing_rule_name"),
        (
            "terraform-aws-modules+terraform-aws-eks/modules/karpenter/migrations.tf",
            "aws_iam_policy.node",
        ),
    }


def test_configuration_aliases_are_provider_references(tmp_path: Path) -> None:
    """`configuration_aliases = [aws.replica]` names provider configurations the caller
    passes; it was reported as a reference to an undeclared resource `aws.replica`."""
    (tmp_path / "versions.tf").write_text(
        "terraform {\n"
        "  required_providers {\n"
        "    aws = {\n"
        '      source                = "hashicorp/aws"\n'
        "      configuration_aliases = [aws.replica, aws.us_east_1]\n"
        "    }\n"
        "  }\n"
        "}\n"
        'resource "aws_s3_bucket" "b" {\n'
        "  provider = aws.replica\n"
        "  bucket   = aws_s3_bucket.missing.id\n"
        "}\n",
        encoding="utf-8",
    )
    analysis = analyze_directory(tmp_path)
    assert [u.reference.address for u in analysis.undefined()] == ["aws_s3_bucket.missing"]
    assert not any(r.address.startswith("aws.") for r in analysis.references)


def test_configuration_aliases_are_not_references() -> None:
    text = (
        "terraform {\n"
        "  required_providers {\n"
        "    aws = {\n"
        '      source                = "hashicorp/aws"\n'
        "      configuration_aliases = [aws.replica, aws.dns]\n"
        "    }\n"
        "  }\n"
        "}\n"
    )
    analysis = analyze_modules("m", {"m/main.tf": tffix.parse(text, path="m/main.tf")})
    assert analysis.references == []
    assert analysis.undefined() == []


def _index_parts(analysis: ModuleAnalysis) -> dict[str, object]:
    """Every index the analysis answers from, as plain values (entries by identity)."""
    index = analysis._indexes()

    def ids(table: dict[str, list[object]]) -> dict[str, list[int]]:
        return {key: [id(x) for x in found] for key, found in table.items() if found}

    return {
        "by_kind": ids(index.by_kind),  # type: ignore[arg-type]
        "resources": ids(index.resources),  # type: ignore[arg-type]
        "data": ids(index.data),  # type: ignore[arg-type]
        "references": ids(index.references),  # type: ignore[arg-type]
        "by_address": {key: id(d) for key, d in index.by_address.items()},
        "by_path": {p: [id(b) for b in found] for p, found in index.resources_by_path().items()},
        "candidates": index.candidates(),
    }


def _scratch(analysis: ModuleAnalysis) -> dict[str, object]:
    """The same, from a new analysis object holding the very same lists (no reuse)."""
    fresh = ModuleAnalysis(
        analysis.directory, analysis.files, [], analysis.declarations, analysis.references
    )
    return _index_parts(fresh)


_FILES = {
    "a.tf": 'resource "aws_s3_bucket" "b" {}\nvariable "x" {}\nlocals {\n  l = var.x\n}\n',
    "b.tf": 'resource "aws_s3_bucket" "b" {}\ndata "aws_iam_policy_document" "d" {}\n'
    'output "o" {\n  value = aws_s3_bucket.b.id\n}\n',
    "c.tf": 'resource "aws_kms_key" "k" {}\nmodule "m" {\n  source = "./m"\n'
    "  key = aws_kms_key.k.arn\n  x = var.x\n}\n",
    "d.tf": 'variable "x" {}\nresource "aws_sqs_queue" "q" {\n  name = local.l\n}\n',
    "e.tf": 'data "aws_iam_policy_document" "d" {}\nresource "aws_s3_bucket" "c" {\n'
    "  bucket = aws_s3_bucket.b.id\n}\n",
}


@pytest.mark.parametrize("ask_between", [True, False])
def test_indexes_patched_after_a_change_are_those_of_a_full_build(ask_between: bool) -> None:
    """After a change the engine re-parses the changed files and makes a new analysis;
    its indexes start from the last ones built and replace the changed files' entries.
    They must be exactly those a pass over every declaration gives: the same entries
    in the same order, the first declaration of an address winning (here declared
    twice, in a file that changes and one that does not), files added and removed."""
    directory = "/m"
    texts = {f"{directory}/{name}": text for name, text in _FILES.items()}
    files = {path: parse(text, path=path) for path, text in texts.items()}
    analysis = analyze_modules(directory, files)
    assert _index_parts(analysis) == _scratch(analysis)
    steps: list[tuple[str, str | None]] = [
        ("a.tf", 'resource "aws_s3_bucket" "z" {}\nvariable "y" {}\n'),  # first of b gone
        ("d.tf", 'resource "aws_sqs_queue" "q" {\n  name = aws_s3_bucket.z.id\n}\n'),
        ("f.tf", 'resource "aws_s3_bucket" "b" {}\nvariable "x" {}\n'),  # added
        ("b.tf", None),  # removed
        ("a.tf", 'variable "x" {}\ndata "aws_iam_policy_document" "d" {}\n'),
        ("c.tf", None),
    ]
    for name, text in steps:
        path = f"{directory}/{name}"
        files = dict(files)
        if text is None:
            del files[path]
        else:
            files[path] = parse(text, path=path)
        analysis = analyze_modules(directory, files, previous=analysis)
        if ask_between or (name, text) == steps[-1]:
            assert _index_parts(analysis) == _scratch(analysis), name
    assert [d.path for d in analysis.declared("variable")] == [
        f"{directory}/a.tf",
        f"{directory}/f.tf",
    ]


def test_the_walk_skips_only_nodes_made_of_tokens() -> None:
    """The reference walk does not visit the node kinds the grammar builds from tokens
    alone (about a third of all nodes): none of them holds a node, in any construct
    (every kind of expression, step, template and directive written once)."""
    from tffix.analysis.module import _LEAVES
    from tffix.syntax import nodes as n

    text = """\
locals {
  a = [1, 2.5e3, true, null, "s-${var.x}", -var.n, (var.y ? var.z : 0) + 1]
  b = { k = aws_s3_bucket.b[0].id, (var.k) = data.x.y.z.0, s = var.l[*].id, t = var.o.*.id }
  c = [for i, v in var.m : "${i}=${v}" if v != ""]
  d = { for k, v in var.m : k => v... }
  e = <<-EOT
    %{ for x in var.list }${x}%{ if x == "a" }!%{ else }?%{ endif }%{ endfor }
  EOT
  f = lookup(var.map, "k", null)
}
"""
    module = parse(text, path="main.tf")
    kinds = set()
    for node in module.body.walk():
        kinds.add(type(node))
        if type(node) in _LEAVES:
            assert not any(isinstance(c, n.Node) for c in node.children), node
    # each skipped kind was seen (the sample covers them)
    assert kinds >= _LEAVES
    refs = analyze_modules("/m", {"main.tf": module}).references
    assert [r.address for r in refs] == [
        "var.x", "var.n", "var.y", "var.z", "aws_s3_bucket.b", "var.k", "data.x.y", "var.l",
        "var.o", "var.m", "var.m", "var.list", "var.map",
    ]  # fmt: skip


def test_taken_labels_by_type_each_copy_its_own() -> None:
    """What codemods adding resources ask for a free label: every resource label of a
    type (waived blocks too), read once per analysis; what one codemod takes is its own."""
    text = (
        'resource "aws_s3_bucket" "a" {}\n'
        'resource "aws_s3_bucket" "b" {} # tffix: ignore\n'
        'resource "aws_iam_role" "a" {}\n'
        'data "aws_s3_bucket" "c" {}\n'
    )
    analysis = analyze_modules("/m", {"/m/main.tf": parse(text, path="/m/main.tf")})
    first = analysis.taken_labels()
    assert first.of("aws_s3_bucket") == {"a", "b"}
    assert first.of("aws_iam_role") == {"a"}
    assert first.of("aws_kms_key") == set()
    first.add("aws_s3_bucket", "c")
    first.of("aws_iam_role").add("x")  # a copy: changes nothing
    assert first.of("aws_s3_bucket") == {"a", "b", "c"}
    assert first.of("aws_iam_role") == {"a"}
    assert analysis.taken_labels().of("aws_s3_bucket") == {"a", "b"}
