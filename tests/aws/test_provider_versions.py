"""Which AWS provider versions a module allows, and whether they all have a resource."""

from __future__ import annotations

from pathlib import Path

import pytest

import tffix
from tffix.analysis.module import analyze_modules
from tffix.aws import provider_versions as pv


def module(text: str, directory: str = "/nonexistent") -> object:
    return analyze_modules(directory, {"main.tf": tffix.parse(text)})


def required(version: str) -> str:
    return (
        "terraform {\n  required_providers {\n    aws = {\n"
        f'      source  = "hashicorp/aws"\n      version = "{version}"\n'
        "    }\n  }\n}\n"
    )


@pytest.mark.parametrize(
    ("constraint", "versioning", "public_access_block"),
    [
        ("~> 3.50", None, True),  # 3.50..3.74 lack it, 3.75 has it
        ("~> 3.75", True, True),
        ("~> 3.74.0", False, True),  # 3.74.x only
        ("< 4.0, >= 3.0", None, True),
        (">= 4.0", True, True),
        ("~> 5.0", True, True),
        (">= 3.0", None, True),
        ("= 3.74.3", False, True),
        ("3.76.0", True, True),
        ("~> 1.50", False, None),  # 1.50..1.x: the block came in 1.54.0
        ("< 3.0, > 4.0", None, None),  # contradiction
    ],
)
def test_supports_reads_the_constraint(
    constraint: str, versioning: bool | None, public_access_block: bool | None
) -> None:
    analysis = module(required(constraint))
    assert pv.supports(analysis, "aws_s3_bucket_versioning") is versioning
    assert pv.supports(analysis, "aws_s3_bucket_public_access_block") is public_access_block


_PROVIDER = 'provider "aws" {\n  region = "eu-west-1"\n}\n'


def test_no_constraint_means_the_newest_provider_in_a_root_module() -> None:
    bucket = 'resource "aws_s3_bucket" "b" {}\n'
    assert pv.supports(module(_PROVIDER + bucket), "aws_s3_bucket_versioning") is True
    # Without a provider, nothing shows whether callers elsewhere run an older one.
    assert pv.supports(module(bucket), "aws_s3_bucket_versioning") is None


def test_legacy_forms_and_other_providers() -> None:
    legacy = 'terraform {\n  required_providers {\n    aws = "~> 3.0"\n  }\n}\n'
    assert pv.supports(module(legacy), "aws_s3_bucket_versioning") is None
    block = 'provider "aws" {\n  version = "~> 2.70"\n}\n'
    assert pv.supports(module(block), "aws_s3_bucket_versioning") is False
    # A provider named aws from another namespace is not hashicorp/aws: its constraint
    # says nothing about hashicorp/aws, and its own versions are not in the table (a
    # fork such as c2devel/croccloud "4.14.0-CROC1" numbers its releases its own way).
    other = required("~> 1.0").replace("hashicorp/aws", "acme/aws")
    assert pv.supports(module(_PROVIDER + other), "aws_s3_bucket_versioning") is None
    assert '"acme/aws", not hashicorp/aws' in pv.explain(
        module(_PROVIDER + other), "aws_s3_bucket_versioning"
    )
    assert pv.supports(module(_PROVIDER + other), "aws_instance") is True  # not in the table
    # The type alone (as CDKTF writes it) is hashicorp's, as are the registries' forms.
    for source in (
        "aws",
        "registry.terraform.io/hashicorp/aws",
        "registry.opentofu.org/hashicorp/aws",
    ):
        same = required("~> 3.75").replace('"hashicorp/aws"', f'"{source}"')
        assert pv.supports(module(same), "aws_s3_bucket_versioning") is True, source
    # Constraints in several blocks intersect.
    both = required(">= 3.0") + required(">= 3.75")
    assert pv.supports(module(both), "aws_s3_bucket_versioning") is True


def test_lock_file_decides(tmp_path: Path) -> None:
    (tmp_path / ".terraform.lock.hcl").write_text(
        'provider "registry.terraform.io/hashicorp/aws" {\n'
        '  version     = "3.74.1"\n'
        '  constraints = ">= 3.0"\n'
        "}\n",
        encoding="utf-8",
    )
    analysis = module(required(">= 3.0"), str(tmp_path))
    assert pv.supports(analysis, "aws_s3_bucket_versioning") is False
    assert "3.74.1" in pv.explain(analysis, "aws_s3_bucket_versioning")


def test_context_and_unknown_resources() -> None:
    analysis = module(required("~> 3.50"))

    class Context:
        def __init__(self, analysis: object) -> None:
            self.analysis = analysis

    assert pv.supports(Context(analysis), "aws_s3_bucket_versioning") is None
    assert pv.supports(analysis, "aws_instance") is True  # not in the table: old enough
    text = pv.explain(analysis, "aws_s3_bucket_versioning")
    assert '"~> 3.50"' in text and "3.75.0" in text and "CHANGELOG.md" in text
    with pytest.raises(TypeError):
        pv.supports(object(), "aws_s3_bucket_versioning")


_V3_BUCKET = (
    'resource "aws_s3_bucket" "site" {\n  bucket = "site"\n\n'
    "  versioning {\n    enabled = true\n  }\n}\n"
)


def test_a_module_made_to_be_called_without_a_constraint_runs_an_unknown_provider(
    tmp_path: Path,
) -> None:
    """No constraint means "the newest provider" only where a fresh init chooses it: in
    a root module. A module that its place or a caller marks as called runs the
    provider its callers pinned, which may lack the resource, and so may a directory
    with no provider block that nothing marks (a root, or a module called from elsewhere)."""
    from tffix.analysis.module import analyze_directory
    from tffix.engine.registry import get
    from tffix.engine.runner import run_module

    library = tmp_path / "modules" / "site"
    library.mkdir(parents=True)
    (library / "main.tf").write_text(_V3_BUCKET)
    called = analyze_directory(library)
    assert pv.supports(called, "aws_s3_bucket_versioning") is None
    assert "may be called by other modules" in pv.explain(called, "aws_s3_bucket_versioning")
    result = run_module(str(library), [str(library / "main.tf")], [get("AWSV401")()])
    assert not result.changed_files
    (finding,) = result.findings
    assert finding.status.value == "manual"
    assert "no required_providers constraint says which AWS provider" in finding.message
    assert 'version = ">= 3.75" } in required_providers' in finding.message
    # The same bucket in a root module, and in a directory that is merely unmarked.
    root = tmp_path / "live"
    root.mkdir()
    (root / "main.tf").write_text('provider "aws" {\n  region = "eu-west-1"\n}\n\n' + _V3_BUCKET)
    assert pv.supports(analyze_directory(root), "aws_s3_bucket_versioning") is True
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "main.tf").write_text(_V3_BUCKET)
    assert pv.supports(analyze_directory(bare), "aws_s3_bucket_versioning") is None


@pytest.mark.parametrize(
    ("constraint", "routing_rules", "object_lock_enabled"),
    [
        # routing_rules: 4.15.0; 4.0 to 4.14 lack it; 3.x from 3.75.2 unconfirmed (a
        # backport was merged, no release note names it): never True there.
        # object_lock_enabled on the bucket: 4.5.0, no 3.x release.
        ("~> 3.75", None, False),
        ("~> 3.75.2", None, False),
        ("3.75.2", None, False),
        ("= 3.75.1", False, False),
        (">= 3.75", None, None),
        ("~> 4.0", None, None),
        ("4.14.0", False, True),  # the exact pin of the review (minamijoyo/tfedit#30)
        ("~> 4.5", None, True),
        ("~> 4.15", True, True),
        (">= 4.15", True, True),
        ("~> 5.0", True, True),
    ],
)
def test_arguments_newer_than_their_resource(
    constraint: str, routing_rules: bool | None, object_lock_enabled: bool | None
) -> None:
    analysis = module(required(constraint))
    website = "aws_s3_bucket_website_configuration"
    assert pv.supports(analysis, website, "routing_rules") is routing_rules
    assert pv.supports(analysis, "aws_s3_bucket", "object_lock_enabled") is object_lock_enabled


def test_argument_explanations_and_raise_floors() -> None:
    analysis = module(required(">= 3.75"))
    text = pv.explain(analysis, "aws_s3_bucket_website_configuration", "routing_rules")
    assert "routing_rules exists only from 4.15.0 on" in text
    assert "#4150-may-20-2022" in text
    # ">= 3.75" reaches 3.75.2+: what is not known is said, with where to look.
    assert "whether 3.75.2 and later 3.x releases have it too is not confirmed" in text
    assert "pull request 24199" in text and "registry documentation" in text
    # A constraint that admits no 3.x release says nothing about 3.x.
    text = pv.explain(
        module(required("~> 4.0")), "aws_s3_bucket_website_configuration", "routing_rules"
    )
    assert "exists only from 4.15.0 on" in text and "3.75.2" not in text
    text = pv.explain(analysis, "aws_s3_bucket", "object_lock_enabled")
    assert "object_lock_enabled exists only from 4.5.0 on" in text and "23556" in text
    # A single floor below which something lacks it (3.75.2 would admit 4.0 to 4.14).
    assert pv.raise_floor("aws_s3_bucket_website_configuration", "routing_rules") == (4, 15, 0)
    assert pv.raise_floor("aws_s3_bucket", "object_lock_enabled") == (4, 5, 0)
    assert pv.raise_floor("aws_s3_bucket_versioning") == (3, 75, 0)
    assert pv.raise_floor("aws_instance") == (0, 0, 0)


@pytest.mark.parametrize(
    ("version", "routing_rules", "object_lock_enabled"),
    [("4.2.0", False, False), ("4.10.0", False, True), ("3.75.2", None, False)],
)
def test_lock_file_decides_arguments(
    tmp_path: Path, version: str, routing_rules: bool | None, object_lock_enabled: bool
) -> None:
    (tmp_path / ".terraform.lock.hcl").write_text(
        f'provider "registry.terraform.io/hashicorp/aws" {{\n  version = "{version}"\n}}\n',
        encoding="utf-8",
    )
    analysis = module(required(">= 3.0"), str(tmp_path))
    website = "aws_s3_bucket_website_configuration"
    assert pv.supports(analysis, website, "routing_rules") is routing_rules
    assert pv.supports(analysis, "aws_s3_bucket", "object_lock_enabled") is object_lock_enabled
    if not routing_rules:
        text = pv.explain(analysis, website, "routing_rules")
        assert f"pins the AWS provider to {version}" in text
        # Only the 3.x pin reaches the unconfirmed backport.
        assert ("not confirmed" in text) is (version == "3.75.2")


def test_code_that_already_uses_an_unconfirmed_argument_sets_the_lowest_floor() -> None:
    """A module on "~> 3.75" that already writes routing_rules may run 3.75.2 (if that has
    it): its floor is 3.75.2, not 4.15.0, which would leave no version admitted at all."""
    rules = (
        'resource "aws_s3_bucket_website_configuration" "w" {\n  bucket        = "b"\n'
        '  routing_rules = "[]"\n}\n'
    )
    analysis = module(required("~> 3.75") + rules)
    assert pv.allowed(analysis).low == (3, 75, 2)
    assert not pv.allowed(analysis).empty()
    assert pv.supports(analysis, "aws_s3_bucket_versioning") is True


_OBJECT = 'resource "aws_s3_object" "o" {\n  bucket = "b"\n  key    = "k"\n}\n'
_ACL = 'resource "aws_s3_bucket_acl" "a" {\n  bucket = "b"\n  acl    = "private"\n}\n'


def test_the_module_own_code_sets_a_floor(tmp_path: Path) -> None:
    """A module that already declares aws_s3_object plans only with provider 4.0 or later,
    whatever its constraint admits: the split-out resources are there for it."""
    from tffix.analysis.module import analyze_directory

    analysis = module(required(">= 3.0") + _OBJECT)
    assert pv.allowed(analysis).low == (4, 0, 0)
    assert pv.supports(analysis, "aws_s3_bucket_versioning") is True
    # Not beyond what the code shows: object_lock_enabled came with 4.5.
    assert pv.supports(analysis, "aws_s3_bucket", "object_lock_enabled") is None
    text = pv.explain(analysis, "aws_s3_bucket", "object_lock_enabled")
    assert "the module's own code already needs >= 4.0.0 (aws_s3_object (aws_s3_object.o)" in text
    # 3.75 for a split-out resource; the top-level object_lock_enabled of a bucket: 4.5.
    assert pv.supports(module(required("~> 3.0") + _ACL), "aws_s3_bucket_versioning") is True
    locked = 'resource "aws_s3_bucket" "v" {\n  object_lock_enabled = true\n}\n'
    analysis = module(required(">= 3.0") + locked)
    assert pv.allowed(analysis).low == (4, 5, 0)
    assert pv.supports(analysis, "aws_s3_bucket", "object_lock_enabled") is True
    # Without a constraint, a module made to be called runs its callers' provider, at
    # least the one its own code needs.
    library = tmp_path / "modules" / "site"
    library.mkdir(parents=True)
    (library / "main.tf").write_text(_V3_BUCKET + _ACL)
    called = analyze_directory(library)
    assert pv.supports(called, "aws_s3_bucket_versioning") is True
    assert pv.supports(called, "aws_s3_object") is None
    # A lock file still decides: the version init installs is the one that runs.
    (tmp_path / ".terraform.lock.hcl").write_text(
        'provider "registry.terraform.io/hashicorp/aws" {\n  version = "3.74.0"\n}\n'
    )
    assert pv.supports(module(_ACL, str(tmp_path)), "aws_s3_bucket_versioning") is False


@pytest.mark.parametrize(
    ("constraint", "expected"),
    [("~> 2.40", None), ("~> 2.47", True), ("= 2.46.0", False), ("~> 3.0", True)],
)
def test_dynamodb_customer_managed_key_came_with_2_47(
    constraint: str, expected: bool | None
) -> None:
    """kms_key_arn of a table's server_side_encryption (AWS002 writes it): 2.47.0."""
    analysis = module(required(constraint))
    key = "server_side_encryption.kms_key_arn"
    assert pv.supports(analysis, "aws_dynamodb_table", key) is expected
    if expected is not True:
        assert "from 2.47.0 on" in pv.explain(analysis, "aws_dynamodb_table", key)


@pytest.mark.parametrize(
    ("source", "hashicorp"),
    [
        ("hashicorp/aws", True),
        ("registry.terraform.io/hashicorp/aws", True),
        ("aws", True),  # the type alone (CDKTF writes it): hashicorp/aws
        ("HashiCorp/AWS", True),
        ("acme/aws", False),
        ("registry.example.com/acme/aws", False),
    ],
)
def test_source_addresses_of_hashicorp_aws(source: str, hashicorp: bool) -> None:
    text = (
        "terraform {\n  required_providers {\n    aws = {\n"
        f'      source  = "{source}"\n      version = "~> 5.0"\n'
        "    }\n  }\n}\n"
    )
    assert (pv.allowed(module(text)).foreign is None) is hashicorp
    assert pv.is_hashicorp(source) is hashicorp
