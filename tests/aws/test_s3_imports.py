"""The AWSV4 one-off imports: ids Terraform knows at plan, a file to delete, steps kept.

The oracle for "cannot break a plan" is Terraform itself: the fixed root
cases of the corpus are planned as a fresh environment (no state, no bucket)
with the AWS provider from the local mirror and an S3 endpoint that refuses
connections. Terraform evaluates every import block's ``id`` before asking
the provider; an id built from resource attributes fails there ("depends on
resource attributes that cannot be determined until apply"), an id it knows
reaches the provider ("Preparing import... [id=...]").
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import hcl2
import pytest

from tests.conftest import OWN_CORPUS
from tffix.engine.registry import get
from tffix.engine.runner import run_module

TERRAFORM = shutil.which("terraform")
PLUGINS = Path("/opt/tf-plugins")  # a filesystem mirror of hashicorp/aws (no network)
IMPORTS = "s3_v4_imports.tf"
# Values for the inputs of the cases, by declared type.
_VALUES = {
    "string": '"dev"',
    "bool": "true",
    "list(string)": '["a", "b"]',
    "set(string)": '["a", "b"]',
    "map(object({ name = string }))": '{ k = { name = "kk" } }',
}


def _root_cases() -> list[Path]:
    """The cases whose fixed output has import blocks (root modules)."""
    out = []
    for found in sorted(OWN_CORPUS.glob(f"AWSV4*/*.after.{IMPORTS}")):
        if "import {" in found.read_text(encoding="utf-8"):
            out.append(found)
    return out


def test_root_cases_cover_every_import_form() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in _root_cases())
    blocks = [b for p in _root_cases() for b in hcl2.loads(p.read_text()).get("import", [])]
    assert any("${" not in b["id"] and "for_each" not in b for b in blocks)  # literal
    assert any("${" in b["id"] and "for_each" not in b for b in blocks)  # expression
    assert any("for_each" in b and "range(" in b["for_each"] for b in blocks)  # count
    assert any("for_each" in b and "range(" not in b["for_each"] for b in blocks)  # for_each
    assert "bucket_prefix" in text and "known only after apply" in text
    assert "a data source read during the plan" in text


@pytest.mark.slow
def test_import_ids_are_known_when_a_fresh_environment_plans(tmp_path: Path) -> None:
    if TERRAFORM is None or not (PLUGINS / "registry.terraform.io/hashicorp/aws").is_dir():
        pytest.skip("terraform or the local AWS provider mirror (/opt/tf-plugins) is absent")
    config = tmp_path / "terraform.rc"
    config.write_text(
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path    = "{PLUGINS}"\n'
        '    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n'
        '  direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n',
        encoding="utf-8",
    )
    env = {**os.environ, "TF_CLI_CONFIG_FILE": str(config), "TF_IN_AUTOMATION": "1"}
    checked = 0
    for imports in _root_cases():
        name = imports.name.removesuffix(f".after.{IMPORTS}")
        work = tmp_path / f"{imports.parent.name}-{name}"
        work.mkdir()
        main = imports.with_name(f"{name}.after.tf").read_text(encoding="utf-8")
        if re.search(r'version\s*=\s*"~> 6', main):
            continue  # per-resource `region` needs provider 6; the mirror has 5.x
        # The mirror has one provider version (5.x, which has every split resource).
        main = re.sub(r'(\n\s*version\s*=\s*)"[^"]*"', r'\1">= 3.75"', main)
        # The plan runs on local state: a fresh environment.
        main = re.sub(r'\n  backend "\w+" \{.*?\n  \}\n', "\n", main, flags=re.S)
        # Other providers (random) are not in the mirror: an S3 bucket stands in.
        main = main.replace('resource "random_id"', 'resource "aws_s3_bucket"')
        main = main.replace("byte_length = 4", 'bucket = "stand-in"')
        main = main.replace("random_id.suffix.hex", "aws_s3_bucket.suffix.arn")
        # A data source is read during the plan, from the endpoint that refuses: the
        # owner of an access_control_policy becomes a literal canonical ID.
        main = main.replace('data "aws_canonical_user_id" "current" {}', "")
        main = main.replace("data.aws_canonical_user_id.current.id", '"0123abcd"')
        (work / "main.tf").write_text(main, encoding="utf-8")
        # Policies the case reads from files beside it: an empty policy document stands in.
        for shipped in re.findall(r'file\("\$\{path\.module\}/([\w.-]+\.json)"\)', main):
            (work / shipped).write_text('{"Version": "2012-10-17", "Statement": []}')
        shutil.copyfile(imports, work / IMPORTS)
        aliases = [None, *re.findall(r'alias\s*=\s*"([^"]+)"', main)]
        (work / "override.tf").write_text("\n".join(_provider(a) for a in aliases))
        args = []
        for label, body in re.findall(r'variable "(\w+)" \{\n(.*?)\n\}', main, flags=re.S):
            kind = re.search(r"^  type\s*=\s*([^\n]+)$", body, flags=re.M)
            if kind is not None and not re.search(r"^  default\s*=", body, flags=re.M):
                args += ["-var", f"{label}={_VALUES[kind.group(1)]}"]  # inputs without a default
        for command in (["init", "-backend=false", "-input=false"], ["plan", *args]):
            done = subprocess.run(
                [str(TERRAFORM), *command, "-no-color"], cwd=work, env=env,
                capture_output=True, text=True, check=False, timeout=600,
            )  # fmt: skip
            output = done.stdout + done.stderr
            if command[0] == "init":
                assert done.returncode == 0, output
        assert "cannot be determined until apply" not in output, (work.name, output)
        assert "Invalid import id" not in output, (work.name, output)
        prepared = re.findall(r"Preparing import\.\.\. \[id=([^\]]*)\]", output)
        expected = sum(
            (2 if "for_each" in b else 1) for b in hcl2.loads(imports.read_text())["import"]
        )
        # Each block reached the provider with its id (for_each: each instance; the
        # inputs above give two, and count = var.create_logs ? 1 : 0 gives one).
        assert len(prepared) >= len(hcl2.loads(imports.read_text())["import"]), output
        assert all(p and "(known after apply)" not in p for p in prepared), prepared
        assert expected
        checked += 1
    assert checked >= 5


def _provider(alias: str | None) -> str:
    """Credentials that are never sent anywhere, and an S3 endpoint that refuses."""
    head = f'  alias = "{alias}"\n' if alias else ""
    return (
        f'provider "aws" {{\n{head}  region = "eu-west-1"\n'
        '  access_key = "test"\n  secret_key = "test"\n'
        "  skip_credentials_validation = true\n  skip_requesting_account_id = true\n"
        "  skip_metadata_api_check = true\n  max_retries = 1\n"
        '  endpoints {\n    s3  = "http://127.0.0.1:9"\n    sts = "http://127.0.0.1:9"\n  }\n}\n'
    )


# ---- later runs -------------------------------------------------------------------


def _manual(result: object) -> list[str]:
    return [
        f"{f.code} {f.message}"
        for f in result.findings  # type: ignore[attr-defined]
        if f.status.value == "manual"
    ]


def test_a_later_run_shows_the_imports_left_until_they_are_deleted(tmp_path: Path) -> None:
    """The imports file is the record: a run on migrated code reports each import it
    holds (blocks and commands), and nothing once the file is deleted."""
    before = OWN_CORPUS / "AWSV404" / "root_import_ids_1_7.before.tf"  # blocks and commands
    main = tmp_path / "main.tf"
    shutil.copyfile(before, main)
    first = run_module(str(tmp_path), [str(main)], [get("AWSV404")()])
    for file in first.files:
        Path(file.path).write_text(file.new, encoding="utf-8")
    imports = tmp_path / IMPORTS
    assert imports.exists()
    text = imports.read_text(encoding="utf-8")
    assert "Apply once in each existing environment" in text
    assert "A new environment must not carry it" in text
    again = run_module(str(tmp_path), [str(main), str(imports)], [get("AWSV404")()])
    assert not again.changed_files
    left = _manual(again)
    assert left == _manual(first)
    assert len([m for m in left if "one-off import in" in m]) == 4  # blocks
    commands = [m for m in left if "one-off import left in" in m]
    assert len(commands) == 3 and all("terraform import 'aws_s3_bucket_acl." in m for m in commands)
    # One import done and deleted: the others are still shown.
    imports.write_text(
        re.sub(r"import \{\n  to = aws_s3_bucket_acl\.static\n[^}]*\}\n", "", text),
        encoding="utf-8",
    )
    fewer = _manual(run_module(str(tmp_path), [str(main), str(imports)], [get("AWSV404")()]))
    assert len(fewer) == len(left) - 1 and not any(".static:" in m for m in fewer)
    imports.unlink()
    done = run_module(str(tmp_path), [str(main)], [get("AWSV404")()])
    assert _manual(done) == [] and not done.changed_files


# ---- placeholders -------------------------------------------------------------------


def test_every_placeholder_of_a_command_is_explained() -> None:
    """A command a person runs names what goes where: ``<name of ...>`` with how to
    find it, INDEX with its range, KEY with its for_each, module.<CALL> with what it is."""
    commands = 0
    for found in sorted(OWN_CORPUS.glob(f"AWSV4*/*.after.{IMPORTS}")):
        for line in found.read_text(encoding="utf-8").splitlines():
            match = re.match(
                r"# \S+: (terraform import '([^']*)' ('[^']*'|\"\$\(echo '[^']*' \| "
                r"terraform console \| tr -d '\"'\)\"(?:'[^']*')?))(.*)$",
                line,
            )
            if match is None:
                assert "terraform import" not in line, line
                continue
            commands += 1
            command, address, import_id, rest = match.groups()
            assert "no import block: " in rest, line
            if "<name of " in import_id:
                assert "terraform state show" in rest, line
            if "terraform console" in import_id:  # a root module: read from the state
                assert "the name is read from the state" in rest, line
                assert not address.startswith("module."), line
            if "[INDEX]" in address:
                assert "INDEX: each of 0 to count - 1, count = " in rest, line
            if '["KEY"]' in address:
                assert "KEY: each key of for_each = " in rest, line
            if address.startswith("module.<CALL>."):
                assert "module.<CALL>: the module call's address" in rest, line
            # A placeholder may hold an expression with its own ``<``/``>`` one level deep.
            leftover = re.sub(r"<(?:name|value) of (?:[^<>]|<[^<>]*>)*>|<CALL>", "", command)
            assert "<" not in leftover, line
    assert commands >= 20


# ---- a root module that states no required_version ----------------------------------

_ROOT = """\
provider "aws" {
  region = "us-east-1"
}

variable "env" {
  type = string
}

variable "names" {
  type = set(string)
}

resource "aws_s3_bucket" "literal" {
  bucket = "acme-logs"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "expression" {
  bucket = "acme-${var.env}-data"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "each" {
  for_each = var.names
  bucket   = "acme-${each.key}"

  versioning {
    enabled = true
  }
}
"""


def _fixed(tmp_path: Path, text: str) -> tuple[dict[str, str], str]:
    """(fixed findings by bucket address, the imports file written) of AWSV401 on ``text``."""
    (tmp_path / "main.tf").write_text(text)
    result = run_module(str(tmp_path), [str(tmp_path / "main.tf")], [get("AWSV401")()])
    assert not result.errors, result.errors
    fixed = {
        f.message.split(":", 1)[0]: f.message for f in result.findings if f.status.value == "fixed"
    }
    imports = next((f.new for f in result.files if f.path.endswith(IMPORTS)), "")
    return fixed, imports


def test_without_required_version_the_imports_are_commands_not_blocks(tmp_path: Path) -> None:
    """A module that states no required_version admits every Terraform, and one before
    1.5 refuses the whole imports file ("Unsupported block type"): the optional import
    is a command to run, as where required_version does not ensure the form."""
    fixed, imports = _fixed(tmp_path, _ROOT)
    assert "import {" not in imports
    literal = fixed["aws_s3_bucket.literal"]
    assert "`terraform import 'aws_s3_bucket_versioning.literal' 'acme-logs'`" in literal
    assert "no required_version ensures Terraform >= 1.5 (import blocks)" in imports
    expression = fixed["aws_s3_bucket.expression"]
    assert (
        "`terraform import 'aws_s3_bucket_versioning.expression' "
        "\"$(echo 'aws_s3_bucket.expression.id' | terraform console | tr -d '\"')\"`"
    ) in expression
    each = fixed["aws_s3_bucket.each"]
    assert """`terraform import 'aws_s3_bucket_versioning.each["KEY"]'""" in each


@pytest.mark.parametrize("version", ['">= 1.5"', '">= 1.7"'])
def test_a_stated_required_version_gets_the_blocks_it_ensures(tmp_path: Path, version: str) -> None:
    text = f"terraform {{\n  required_version = {version}\n}}\n\n{_ROOT}"
    _fixed_findings, imports = _fixed(tmp_path, text)
    blocks = {b["to"].strip("${}"): b["id"].strip('"') for b in hcl2.loads(imports)["import"]}
    assert blocks["aws_s3_bucket_versioning.literal"] == "acme-logs"
    # for_each in an import block needs 1.7: on ">= 1.5" that one is a command.
    assert ("aws_s3_bucket_versioning.each[each.key]" in blocks) == (version == '">= 1.7"')


def test_the_pull_request_text_says_it(tmp_path: Path) -> None:
    from tffix.engine.session import run, select_codemods
    from tffix.report import pr_markdown

    (tmp_path / "main.tf").write_text(_ROOT)
    codemods = select_codemods(["AWSV401"], unsafe=True)
    report = run([tmp_path], codemods, dry_run=True, jobs=1)
    text = pr_markdown(report, codemods, command="tffix --select AWSV401", root=str(tmp_path))
    plain = text.replace("\\", "")  # Markdown escapes (`\\>=`)
    assert "no required_version ensures Terraform >= 1.5 (import blocks)" in plain
    assert "terraform import 'aws_s3_bucket_versioning.literal' 'acme-logs'" in plain


def test_a_command_for_a_name_the_code_does_not_fix_runs_as_written(tmp_path: Path) -> None:
    """The name comes from the state through `terraform console` (which prints a string
    quoted): run by a shell with a stand-in terraform, the import gets the bare name,
    and a suffix the code fixes (the ACL's ,private) follows it."""
    import subprocess

    from tffix.aws.s3_imports import _unknown_name

    fake = tmp_path / "bin" / "terraform"
    fake.parent.mkdir()
    log = tmp_path / "calls"
    fake.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = console ]; then read expr; echo "$expr" >> "$LOG";'
        " echo '\"acme-logs-prod\"'; exit 0; fi\n"
        'printf "%s\\n" "$@" >> "$LOG"\n'
    )
    fake.chmod(0o755)
    env = {"PATH": f"{fake.parent}:/usr/bin:/bin", "LOG": str(log)}
    for suffix, expected in (("", "acme-logs-prod"), (",private", "acme-logs-prod,private")):
        log.write_text("")
        line = _unknown_name("aws_s3_bucket_acl.logs", "aws_s3_bucket.logs", suffix, "")
        command = line.split(": ", 1)[1]
        assert command.startswith("terraform import 'aws_s3_bucket_acl.logs' ")
        subprocess.run(["sh", "-c", command], env=env, check=True)
        assert log.read_text().splitlines() == [
            "aws_s3_bucket.logs.id",
            "import",
            "aws_s3_bucket_acl.logs",
            expected,
        ]
    # A bucket with for_each: the person puts the key in both places (KEY).
    line = _unknown_name('aws_s3_bucket_acl.logs["KEY"]', 'aws_s3_bucket.logs["KEY"]', "", "")
    assert """echo 'aws_s3_bucket.logs["KEY"].id' | terraform console""" in line
    # In a called module the state holds module.<CALL>.…, which console cannot read.
    line = _unknown_name("module.<CALL>.aws_s3_bucket_acl.logs", "aws_s3_bucket.logs", "", "m.")
    assert "'<name of aws_s3_bucket.logs>'" in line
