"""Root-module classification: only a directory a team deploys gets a backend or provider.

The trees here are the layouts real repositories have: a reusable module with
``examples/`` calling ``source = "../../"``, Terratest and ``terraform test``
fixtures, ``modules/`` libraries, ``wrappers/`` calling ``../``, and a
deployment repository whose environments call shared stacks.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import SHARED_CORPUS
from tffix.analysis import roots
from tffix.analysis.roots import Role, RootClassification, classify
from tffix.cst import edit
from tffix.syntax.nodes import Block, Module
from tffix.syntax.parser import parse, parse_file

PROVIDER = 'provider "aws" {\n  region = "eu-west-1"\n}\n'


def write(directory: Path, **files: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def role(directory: Path) -> tuple[Role, str]:
    files = {str(p): parse_file(str(p)) for p in sorted(directory.glob("*.tf"))}
    found = classify(str(directory), files)
    return found.role, found.reason


@pytest.fixture
def module_repo(tmp_path: Path) -> Path:
    """terraform-aws-modules' layout: the module at the top, examples, tests, wrappers."""
    repo = tmp_path / "terraform-aws-queue"
    (repo / ".git").mkdir(parents=True)
    write(repo, **{"main.tf": 'variable "name" {}\nresource "aws_sqs_queue" "q" {}\n'})
    call = 'module "queue" {\n  source = "../../"\n  name   = "x"\n}\n'
    write(repo / "examples" / "complete", **{"main.tf": PROVIDER + call})
    write(repo / "tests" / "basic", **{"main.tf": PROVIDER + call})
    write(repo / "wrappers", **{"main.tf": 'module "wrapper" {\n  source = "../"\n}\n'})
    write(repo / "modules" / "dlq", **{"main.tf": PROVIDER + 'resource "aws_sqs_queue" "d" {}\n'})
    write(repo / "test" / "go", **{"queue_test.go": "package test\n"})
    write(repo / "terratest-run", **{"main.tf": PROVIDER, "queue_test.go": "package test\n"})
    return repo


def test_examples_tests_and_libraries_are_not_deployments(module_repo: Path) -> None:
    assert role(module_repo / "examples" / "complete")[0] is Role.EXAMPLE
    assert role(module_repo / "tests" / "basic")[0] is Role.TEST
    assert role(module_repo / "terratest-run")[0] is Role.TEST
    assert role(module_repo / "modules" / "dlq")[0] is Role.REUSABLE
    assert role(module_repo / "wrappers")[0] is Role.REUSABLE


def test_the_module_its_examples_call_is_called(module_repo: Path) -> None:
    found, reason = role(module_repo)
    assert found is Role.CALLED
    # wrappers/ (source = "../") and the example and test (../../) call it.
    assert reason.startswith("is called as a module from examples/complete/main.tf (and 2 more)")


def test_markers_above_the_repository_do_not_count(tmp_path: Path) -> None:
    """A checkout kept under ~/tests/ is still a deployment: only paths inside it count."""
    repo = tmp_path / "tests" / "infra"
    (repo / ".git").mkdir(parents=True)
    write(repo, **{"main.tf": PROVIDER})
    assert role(repo) == (
        Role.DEPLOYMENT,
        "configures a provider, is not an example or test, and no module calls it",
    )


def test_deployment_repository_with_shared_stacks(tmp_path: Path) -> None:
    repo = tmp_path / "live"
    (repo / ".git").mkdir(parents=True)
    write(repo / "stacks" / "network", **{"main.tf": PROVIDER + 'resource "aws_vpc" "v" {}\n'})
    write(
        repo / "envs" / "prod",
        **{"main.tf": PROVIDER + 'module "net" {\n  source = "../../stacks//network"\n}\n'},
    )
    assert role(repo / "envs" / "prod")[0] is Role.DEPLOYMENT
    found, reason = role(repo / "stacks" / "network")
    assert (found, reason) == (
        Role.CALLED,
        "is called as a module from ../../envs/prod/main.tf, not deployed by itself",
    )


def test_a_commented_out_call_and_a_non_module_source_are_not_calls(tmp_path: Path) -> None:
    repo = tmp_path / "live"
    (repo / ".git").mkdir(parents=True)
    write(repo / "app", **{"main.tf": PROVIDER})
    write(
        repo / "other",
        **{
            "main.tf": PROVIDER
            + '# module "app" {\n#   source = "../app"\n# }\n'
            + 'resource "aws_s3_object" "o" {\n  source = "../app"\n}\n'
        },
    )
    assert role(repo / "app")[0] is Role.DEPLOYMENT


def test_calling_an_enclosing_module_is_unknown(tmp_path: Path) -> None:
    repo = tmp_path / "queue"
    (repo / ".git").mkdir(parents=True)
    write(repo, **{"main.tf": 'resource "aws_sqs_queue" "q" {}\n'})
    write(repo / "sandbox", **{"main.tf": PROVIDER + 'module "q" {\n  source = "../"\n}\n'})
    found, reason = role(repo / "sandbox")
    assert found is Role.UNKNOWN
    assert reason.startswith("calls the module of an enclosing directory (source = '../')")
    # Its author declaring a backend there says it is deployed.
    backend = 'terraform {\n  backend "s3" {}\n}\n'
    write(repo / "sandbox", **{"backend.tf": backend})
    assert role(repo / "sandbox")[0] is Role.DEPLOYMENT


def test_configuration_aliases_mark_a_called_module(tmp_path: Path) -> None:
    text = (
        "terraform {\n  required_providers {\n    aws = {\n"
        '      source                = "hashicorp/aws"\n'
        "      configuration_aliases = [aws.replica]\n    }\n  }\n}\n" + PROVIDER
    )
    found = classify(str(tmp_path), {str(tmp_path / "main.tf"): parse(text)})
    assert found.role is Role.REUSABLE


def test_alias_only_provider_blocks_mark_a_called_module(tmp_path: Path) -> None:
    """Before configuration_aliases (Terraform 0.15), a child module declared the aliased
    configurations its caller passes with provider blocks holding only ``alias``."""
    proxy = 'provider "aws" {\n  alias = "useast1"\n}\nprovider "aws" {}\n'
    found = classify(str(tmp_path), {str(tmp_path / "main.tf"): parse(proxy)})
    assert found.role is Role.REUSABLE and found.marked
    assert "aws.useast1" in found.reason


@pytest.mark.parametrize(
    "text",
    [
        # an alias with settings configures a provider of its own: a deployment
        'provider "aws" {\n  alias  = "useast1"\n  region = "us-east-1"\n}\n',
        # one configured provider beside the proxy: the directory configures providers
        PROVIDER + 'provider "aws" {\n  alias = "useast1"\n}\n',
        # a backend says its author runs init here, whatever the provider blocks hold
        'terraform {\n  backend "s3" {}\n}\nprovider "aws" {\n  alias = "useast1"\n}\n',
        # an empty provider block alone takes its settings from the environment
        'provider "aws" {}\n',
    ],
)
def test_provider_blocks_with_settings_or_a_backend_stay_deployments(
    tmp_path: Path, text: str
) -> None:
    found = classify(str(tmp_path), {str(tmp_path / "main.tf"): parse(text)})
    assert found.role is Role.DEPLOYMENT, found.reason


def test_no_provider_and_no_backend_is_a_module_to_call(tmp_path: Path) -> None:
    found = classify(str(tmp_path), {str(tmp_path / "main.tf"): parse('variable "x" {}\n')})
    assert found.role is Role.REUSABLE and not found.is_deployment


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"shared corpus absent: {SHARED_CORPUS}")
def test_shared_corpus_deployments_are_terragoats_stacks() -> None:
    """Checked by hand: of the 201 module directories, three terragoat stacks (aws,
    azure, gcp: a backend or the AWS provider) are the only deployments; every
    examples/ and tests/ directory is an example or a test, except
    terraform-aws-cloudwatch's three examples/fixtures/*, which its examples call (as
    they call wrappers/log-group and wrappers/log-stream): called modules."""
    roles: Counter[Role] = Counter()
    deployments = []
    for current, dirs, names in os.walk(SHARED_CORPUS):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        paths = [os.path.join(current, f) for f in names if f.endswith(".tf")]
        if not paths:
            continue
        found = classify(current, {p: parse_file(p) for p in paths})
        roles[found.role] += 1
        relative = os.path.relpath(current, SHARED_CORPUS).replace(os.sep, "/")
        if relative.endswith(
            tuple(
                f"cloudwatch/examples/fixtures/{f}"
                for f in ("aws_cloudwatch_log_group", "aws_lambda_function", "aws_sns_topic")
            )
        ):
            # terraform-aws-cloudwatch's fixtures, each called by sibling examples
            # (source = "../fixtures/aws_sns_topic"); its aws_kms_key fixture no one calls.
            assert found.role is Role.CALLED, relative
        elif "/examples/" in f"/{relative}/":
            assert found.role is Role.EXAMPLE, relative
        if "/tests/" in f"/{relative}/":
            assert found.role is Role.TEST, relative
        if found.is_deployment:
            deployments.append(relative)
    # (alicloud and oracle configure only their cloud's provider and no backend: no
    # sign of a root for AWS decisions)
    assert sorted(deployments) == [
        f"bridgecrewio+terragoat/terraform/{cloud}" for cloud in ("aws", "azure", "gcp")
    ]
    assert roles == {
        Role.EXAMPLE: 88,
        Role.REUSABLE: 90,
        Role.CALLED: 15,
        Role.DEPLOYMENT: 3,
        Role.TEST: 5,
    }


def test_callers_are_looked_for_in_regular_files_only(tmp_path: Path) -> None:
    """A pipe (or /dev/zero) under a .tf name beside the module is not opened: a
    run beside another test's fixtures blocked, or read until memory ran out."""
    import os
    import threading

    from tffix.analysis.roots import _calls_in

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    pipe = tmp_path / "pipe.tf"
    os.mkfifo(pipe)
    found: list[tuple[str, ...]] = []
    reader = threading.Thread(target=lambda: found.append(_calls_in(str(pipe))), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert found == [()], "opened the pipe and blocked"


def test_an_environment_named_test_is_a_deployment(tmp_path: Path) -> None:
    """live/test beside live/prod is an environment; tests/ of a module is not."""
    repo = tmp_path / "infra"
    (repo / ".git").mkdir(parents=True)
    for env in ("test", "prod"):
        write(repo / "live" / env / "network", **{"main.tf": PROVIDER})
    assert role(repo / "live" / "test" / "network")[0] is Role.DEPLOYMENT
    write(repo / "test" / "fixture", **{"main.tf": PROVIDER})
    assert role(repo / "test" / "fixture")[0] is Role.TEST


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('variable "name" {}\nresource "x" "y" {\n  a = var.name\n}\n', "has no default"),
        # A copied main.tf whose variables live in a file not given: inputs of unknown default.
        ('resource "x" "y" {\n  a = var.name\n}\n', "declared in a file not given here"),
        ('variable "name" {\n  default = "a"\n}\nresource "x" "y" {\n  a = var.name\n}\n', None),
        ('provider "aws" {}\nvariable "name" {}\n', None),
    ],
)
def test_library_module(tmp_path: Path, text: str, why: str | None) -> None:
    """A module with no provider or backend is made to be called when its inputs have no
    default, or are declared in files tffix was not given; with defaults only, it may be
    a deployment taking its provider from the environment; with a provider, it is one."""
    from tffix.analysis.module import analyze_modules
    from tffix.analysis.roots import library_module

    (tmp_path / ".git").mkdir()
    files = {str(tmp_path / "main.tf"): parse(text)}
    found = library_module(str(tmp_path), files, analyze_modules(str(tmp_path), files))
    assert (found is None) if why is None else (found is not None and why in found)


_CLASSIFY = roots._classify


def _fresh(directory: Path, files: dict[str, Module]) -> RootClassification:
    """The answer worked out from the trees as they are, with nothing kept."""
    return _CLASSIFY(str(directory), [b for m in files.values() for b in m.body.blocks])


def test_the_kept_answer_follows_the_edits_that_matter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Codemods ask once per resource and edit in between: the answer is worked out
    again only after an edit of a block it reads (terraform, provider, module) or of
    a file's list of blocks, and is then the one a fresh reading gives."""
    worked = Counter[str]()
    real = _CLASSIFY

    def counted(directory: str, blocks: list[Block]) -> RootClassification:
        worked["times"] += 1
        return real(directory, blocks)

    monkeypatch.setattr(roots, "_classify", counted)
    main, other = str(tmp_path / "main.tf"), str(tmp_path / "other.tf")
    files = {
        main: parse(PROVIDER + 'variable "x" {}\n'),
        other: parse('resource "aws_sqs_queue" "q" {\n  name = "a"\n}\n'),
    }

    def check(times: int) -> Role:
        found = classify(str(tmp_path), files)
        assert found == _fresh(tmp_path, files)
        assert worked["times"] == times
        return found.role

    assert check(1) is Role.DEPLOYMENT
    queue = files[other].body.blocks[0]
    edit.set_value(queue.body.attribute("name"), '"b"')  # a resource: not read
    edit.insert(files[other], 'resource "aws_sqs_queue" "r" {}', blank_line=True)
    assert check(1) is Role.DEPLOYMENT  # a new resource block: not one the answer reads
    assert check(1) is Role.DEPLOYMENT  # nothing since: kept
    provider = files[main].body.blocks[0]
    edit.remove(provider.body.attribute("region"), provider)
    edit.append(provider, 'alias = "east"')
    assert check(2) is Role.REUSABLE  # only an alias now: a proxy configuration block
    edit.insert(files[other], 'terraform {\n  backend "s3" {}\n}', blank_line=True)
    assert check(3) is Role.DEPLOYMENT  # a backend added at the top of a file
    backend = files[other].body.blocks[-1].body.blocks[0]
    edit.rename_type(backend, "cloud")
    assert check(4) is Role.DEPLOYMENT
    files[main] = parse('module "m" {\n  source = "../"\n}\n')  # a file parsed again
    assert check(5) is Role.DEPLOYMENT
    files[other] = parse('variable "y" {}\n')
    assert check(6) is Role.REUSABLE
    edit.set_value(files[main].body.blocks[0].body.attribute("source"), '"./local"')
    assert check(7) is Role.REUSABLE
    files[str(tmp_path / "data.tf")] = parse('data "aws_iam_policy_document" "d" {}\n')
    assert check(7) is Role.REUSABLE  # a file added without such blocks: kept
    files[str(tmp_path / "providers.tf")] = parse(PROVIDER)
    assert check(8) is Role.DEPLOYMENT  # a file added with a provider block
    del files[main]
    assert check(9) is Role.DEPLOYMENT  # a file gone


@pytest.mark.parametrize(
    ("text", "use"),
    [
        # Nothing says: no provider, no backend, no required input, no caller.
        ('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n', "either"),
        ('variable "n" {\n  default = "a"\n}\nresource "x" "y" {\n  a = var.n\n}\n', "either"),
        ('variable "name" {}\nresource "x" "y" {\n  a = var.name\n}\n', "called"),
        (PROVIDER + 'resource "x" "y" {}\n', "root"),
        ('terraform {\n  backend "s3" {}\n}\n', "root"),
    ],
)
def test_module_use_is_one_answer(tmp_path: Path, text: str, use: str) -> None:
    """Root, called or either: library_module is its CALLED answer, and the role behind
    it is classify's, so no two codemods answer differently for one directory."""
    from tffix.analysis.module import analyze_modules
    from tffix.analysis.roots import library_module, module_use

    (tmp_path / ".git").mkdir()
    files = {str(tmp_path / "main.tf"): parse(text)}
    analysis = analyze_modules(str(tmp_path), files)
    found = module_use(str(tmp_path), files, analysis)
    assert found.use.value == use
    assert found.classification == classify(str(tmp_path), files)
    assert (library_module(str(tmp_path), files, analysis) is not None) == (use == "called")
    if use == "either":
        assert "no module in this repository calls it" in found.reason


def test_a_caller_in_the_repository_decides_called(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same unmarked directory is CALLED once a module of the repository calls it."""
    from tffix.analysis.module import analyze_modules
    from tffix.analysis.roots import Use, module_use

    (tmp_path / ".git").mkdir()
    bucket = write(tmp_path / "bucket", **{"main.tf": 'resource "aws_s3_bucket" "b" {}\n'})
    files = {str(bucket / "main.tf"): parse_file(str(bucket / "main.tf"))}
    assert module_use(str(bucket), files, analyze_modules(str(bucket), files)).use is Use.EITHER
    write(tmp_path / "live", **{"main.tf": PROVIDER + 'module "b" {\n  source = "../bucket"\n}\n'})
    monkeypatch.setattr(roots, "_WATCHED", None)  # a new run: no answer kept
    files = {str(bucket / "main.tf"): parse_file(str(bucket / "main.tf"))}
    found = module_use(str(bucket), files, analyze_modules(str(bucket), files))
    assert found.use is Use.CALLED and "live/main.tf" in found.reason


def test_aws008_and_the_import_writer_agree(tmp_path: Path) -> None:
    """The directory of review round 5 (a v3 bucket with an expiring lifecycle rule, no
    provider, no backend): both treat it as a module that may be called. AWS008 adds
    no versioning, naming the fact, instead of editing it as a root; the v4 split,
    whose resources its callers' provider may lack (no constraint says), is reported
    with the floor to declare, so no imports are written."""
    from tests.conftest import run_tffix

    (tmp_path / ".git").mkdir()
    write(
        tmp_path,
        **{
            "main.tf": 'resource "aws_s3_bucket" "example" {\n  bucket = "example-bucket"\n\n'
            '  lifecycle_rule {\n    id      = "rule-1"\n    enabled = true\n\n'
            "    expiration {\n      days = 30\n    }\n  }\n}\n"
        },
    )
    result = run_tffix("--unsafe-fixes", "--select", "AWS008,AWSV406", str(tmp_path))
    text = (tmp_path / "main.tf").read_text()
    assert "aws_s3_bucket_versioning" not in text and "noncurrent" not in text
    assert "lifecycle_rule {" in text and not (tmp_path / "s3_v4_imports.tf").exists()
    assert "no aws_s3_bucket_versioning added" in result.stdout
    assert "lifecycle_rule is set inline, and no required_providers constraint" in result.stdout


def test_a_fixture_called_from_a_sibling_example_is_called_without_a_repository(
    tmp_path: Path,
) -> None:
    """A copy with no .git (an unpacked archive, a review tree): the search for callers
    climbs past examples/ and fixtures/ to the module repository's top, and a fixture
    an example calls is a called module, not an example a team deploys (shared corpus:
    terraform-aws-cloudwatch examples/fixtures/aws_cloudwatch_log_group, called from
    examples/cis-alarms)."""
    repo = tmp_path / "copies" / "terraform-aws-alarms"
    write(
        repo / "modules" / "alarm", **{"main.tf": 'resource "aws_cloudwatch_metric_alarm" "a" {}\n'}
    )
    fixture = write(
        repo / "examples" / "fixtures" / "log_group",
        **{"main.tf": 'resource "aws_cloudwatch_log_group" "this" {\n  name = "x"\n}\n'},
    )
    unused = write(
        repo / "examples" / "fixtures" / "topic", **{"main.tf": 'resource "aws_sns_topic" "t" {}\n'}
    )
    call = (
        'module "log_group" {\n  source = "../fixtures/log_group"\n}\n\n'
        'module "alarm" {\n  source = "../../modules/alarm"\n}\n'
    )
    write(repo / "examples" / "cis", **{"main.tf": PROVIDER + call})
    assert role(fixture) == (
        Role.CALLED,
        "lives under an example directory and is called as a module from "
        "../../cis/main.tf, not deployed by itself",
    )
    assert role(unused)[0] is Role.EXAMPLE  # no caller: what its path says
    assert role(repo / "examples" / "cis")[0] is Role.EXAMPLE
    assert role(repo / "modules" / "alarm")[0] is Role.REUSABLE
    # The climb stops at the first directory outside the standard layout: a module of
    # a sibling repository copied beside it calling this fixture is not looked at.
    write(
        tmp_path / "copies" / "other" / "stack",
        **{
            "main.tf": PROVIDER
            + 'module "x" {\n  source = "../../terraform-aws-alarms/examples/fixtures/topic"\n}\n'
        },
    )
    roots._FILE_CALLS.clear()
    assert roots._search_top(str(unused.resolve()), None) == str(repo.resolve())
    # A version control marker is the top, whatever the layout below it.
    (repo / "examples" / ".hg").mkdir()
    assert roots._search_top(
        str(fixture.resolve()), roots._repository_root(str(fixture.resolve()))
    ) == str((repo / "examples").resolve())


GITHUB = 'provider "github" {\n  owner = "acme"\n}\n'
CICD = 'resource "aws_s3_bucket" "artifacts" {\n  bucket = "${var.name}-artifacts"\n}\n'


@pytest.mark.parametrize(
    ("text", "use"),
    [
        # review v4r7 W09: a CI/CD module at the root of its own repository configures the
        # GitHub provider; its AWS resources run with its caller's AWS provider
        (GITHUB + 'variable "name" {}\n' + CICD, "called"),
        (GITHUB + 'variable "name" {\n  default = "x"\n}\n' + CICD, "either"),
        # a proxy block for aws beside the configured github provider: still called
        (GITHUB + 'provider "aws" {\n  alias = "east"\n}\nvariable "name" {}\n' + CICD, "called"),
        # the AWS provider configured beside it: a root
        (GITHUB + PROVIDER + 'variable "name" {}\n' + CICD, "root"),
        # the AWS provider under another local name
        (
            'terraform {\n  required_providers {\n    amazon = {\n      source = "hashicorp/aws"\n'
            '    }\n  }\n}\nprovider "amazon" {\n  region = "eu-west-1"\n}\n'
            'variable "name" {}\n' + CICD,
            "root",
        ),
        # a backend makes a root whatever the providers
        (GITHUB + 'terraform {\n  backend "s3" {}\n}\nvariable "name" {}\n' + CICD, "root"),
    ],
)
def test_another_providers_block_is_no_sign_of_a_root(tmp_path: Path, text: str, use: str) -> None:
    """Only an AWS provider configuration or a backend makes a root for the AWS decisions
    (import blocks, backends, retention): a called module may configure a provider of its
    own, and import blocks in it fail every caller's plan ("Import blocks are only
    allowed in the root module")."""
    from tffix.analysis.module import analyze_modules
    from tffix.analysis.roots import module_use

    (tmp_path / ".git").mkdir()
    files = {str(tmp_path / "main.tf"): parse(text)}
    found = module_use(str(tmp_path), files, analyze_modules(str(tmp_path), files))
    assert found.use.value == use, found.reason
    if use != "root" and "alias" not in text:
        assert "configures no AWS provider and no backend" in found.reason
        assert 'provider "github"' in found.reason
        assert found.classification.others == ("github",)


def test_the_import_writer_leaves_a_module_with_another_provider_alone(tmp_path: Path) -> None:
    """W09 end to end: the v4 split of a bucket of such a module writes no import block."""
    from tests.conftest import run_tffix

    (tmp_path / ".git").mkdir()
    bucket = (
        'resource "aws_s3_bucket" "artifacts" {\n  bucket = "${var.name}-artifacts"\n'
        "\n  versioning {\n    enabled = true\n  }\n}\n"
    )
    versions = (
        'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n'
        '      version = ">= 4.0"\n    }\n  }\n}\n'
    )
    write(
        tmp_path, **{"main.tf": GITHUB + 'variable "name" {}\n' + bucket, "versions.tf": versions}
    )
    run_tffix("--unsafe-fixes", "--select", "AWSV401", str(tmp_path))
    assert "aws_s3_bucket_versioning" in (tmp_path / "main.tf").read_text()
    imports = tmp_path / "s3_v4_imports.tf"
    assert imports.exists() and "import {" not in imports.read_text()
    assert "terraform import 'module.<CALL>." in imports.read_text()


@pytest.mark.parametrize(
    ("tfvars", "use"),
    [
        ({}, "called"),
        ({"terraform.tfvars": 'name = "x"\n'}, "either"),
        ({"prod.tfvars": 'name = "x"\n'}, "either"),  # given with -var-file
        ({"prod.tfvars.json": '{"name": "x"}\n'}, "either"),
        ({"prod.tfvars": 'other = "x"\n'}, "called"),  # var.name still required
    ],
)
def test_required_inputs_set_by_tfvars_beside_it(
    tmp_path: Path, tfvars: dict[str, str], use: str
) -> None:
    """An input without a default that a .tfvars file beside the module sets is given
    when the directory is run as it stands: not a sign of a module made to be called."""
    from tffix.analysis.module import analyze_modules
    from tffix.analysis.roots import module_use

    (tmp_path / ".git").mkdir()
    write(tmp_path, **tfvars)
    text = 'variable "name" {}\nresource "x" "y" {\n  a = var.name\n}\n'
    files = {str(tmp_path / "main.tf"): parse(text)}
    assert module_use(str(tmp_path), files, analyze_modules(str(tmp_path), files)).use.value == use
