"""TF005 across the files of a module, and the `moved` path (an option asserts the move)."""

from __future__ import annotations

from pathlib import Path

from tffix.engine.codemod import Codemod
from tffix.engine.registry import get
from tffix.engine.runner import run_module

ResourceTypeRename = get("TF005")


def _run(directory: Path, codemod: Codemod) -> dict[str, str]:
    paths = sorted(str(p) for p in directory.glob("*.tf"))
    result = run_module(str(directory), paths, [codemod])
    assert not result.errors, result.errors
    again = run_module(str(directory), paths, [codemod])  # in memory: inputs unchanged
    assert [f.new for f in again.files] == [f.new for f in result.files]
    return {Path(f.path).name: f.new for f in result.files}


def _write(directory: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")


def test_references_follow_in_every_file(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "s3.tf": (
                'resource "aws_s3_bucket_encryption_configuration" "artifacts" {\n'
                '  bucket = "artifacts"\n'
                "}\n"
            ),
            "outputs.tf": (
                'output "rule" {\n'
                "  value = aws_s3_bucket_encryption_configuration.artifacts.rule\n"
                "}\n"
            ),
            "moves.tf": (
                "moved {\n"
                "  from = aws_s3_bucket_encryption_configuration.old\n"
                "  to   = aws_s3_bucket_encryption_configuration.artifacts\n"
                "}\n"
            ),
        },
    )
    new = _run(tmp_path, ResourceTypeRename())
    full = "aws_s3_bucket_server_side_encryption_configuration"
    assert new["s3.tf"].startswith(f'resource "{full}" "artifacts" {{')
    assert f"value = {full}.artifacts.rule" in new["outputs.tf"]
    # the old address of a moved block is history: it stays as written
    assert "from = aws_s3_bucket_encryption_configuration.old" in new["moves.tf"]
    assert f"to   = {full}.artifacts" in new["moves.tf"]


def test_moved_block_when_terraform_and_provider_allow_it(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "versions.tf": 'terraform {\n  required_version = "~> 1.9"\n}\n',
            "alb.tf": (
                'resource "aws_alb" "main" {\n'
                '  name = "main"\n'
                "}\n"
                "\n"
                'resource "aws_alb_listener" "http" {\n'
                "  load_balancer_arn = aws_alb.main.arn\n"
                "  port              = 80\n"
                "}\n"
            ),
            "outputs.tf": 'output "dns" {\n  value = aws_alb.main.dns_name\n}\n',
        },
    )
    new = _run(tmp_path, ResourceTypeRename(moves_supported=("aws_alb",)))
    assert new["alb.tf"] == (
        'resource "aws_lb" "main" {\n'
        '  name = "main"\n'
        "}\n"
        "\n"
        "moved {\n"
        "  from = aws_alb.main\n"
        "  to   = aws_lb.main\n"
        "}\n"
        "\n"
        'resource "aws_alb_listener" "http" {\n'
        "  load_balancer_arn = aws_lb.main.arn\n"
        "  port              = 80\n"
        "}\n"
    )
    assert "value = aws_lb.main.dns_name" in new["outputs.tf"]


def test_no_moved_block_below_terraform_1_8(tmp_path: Path) -> None:
    text = 'terraform {\n  required_version = ">= 1.5"\n}\n\nresource "aws_alb" "main" {\n}\n'
    _write(tmp_path, {"main.tf": text})
    paths = [str(tmp_path / "main.tf")]
    result = run_module(str(tmp_path), paths, [ResourceTypeRename(moves_supported=("aws_alb",))])
    assert result.files[0].new == text
    (finding,) = result.findings
    assert finding.status.value == "manual"
    assert "does not guarantee Terraform >= 1.8" in finding.message
    assert "terraform state rm aws_alb.main" in finding.message


def test_import_id_not_derivable_per_instance(tmp_path: Path) -> None:
    text = (
        'terraform {\n  required_version = ">= 1.7"\n\n'
        "  required_providers {\n"
        '    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 4.0"\n    }\n'
        "  }\n}\n\n"
        'resource "aws_s3_bucket_object" "docs" {\n'
        "  count  = 2\n"
        '  bucket = "docs"\n'
        '  key    = "page-${count.index}"\n'
        "}\n"
    )
    _write(tmp_path, {"main.tf": text})
    result = run_module(str(tmp_path), [str(tmp_path / "main.tf")], [ResourceTypeRename()])
    assert result.files[0].new == text
    (finding,) = result.findings
    assert "count/for_each" in finding.message
    assert "terraform import aws_s3_object.docs '<bucket>/<key>'" in finding.message


def test_unknown_types_not_judged_for_newer_provider(tmp_path: Path) -> None:
    # The list of known types is hashicorp/aws 5.100.0: it cannot know 6.x types.
    versions = (
        "terraform {\n  required_providers {\n"
        '    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 6.42"\n    }\n'
        "  }\n}\n"
    )
    text = 'resource "aws_s3vectors_index" "x" {\n}\n'
    _write(tmp_path, {"versions.tf": versions, "main.tf": text})
    paths = sorted(str(p) for p in tmp_path.glob("*.tf"))
    assert not run_module(str(tmp_path), paths, [ResourceTypeRename()]).findings
    (tmp_path / "versions.tf").write_text(versions.replace(">= 6.42", "~> 5.0"), encoding="utf-8")
    (finding,) = run_module(str(tmp_path), paths, [ResourceTypeRename()]).findings
    assert "aws_s3vectors_index is not in the AWS provider" in finding.message


# ---- a rename onto a label the new type already has ------------------------------------


def _alb_module(tmp_path: Path, required_version: str) -> None:
    """Two load balancers: the internal one written as aws_lb, the public one as aws_alb."""
    _write(
        tmp_path,
        {
            "versions.tf": f'terraform {{\n  required_version = "{required_version}"\n}}\n',
            "internal.tf": (
                'resource "aws_lb" "main" {\n  name     = "internal"\n  internal = true\n}\n'
            ),
            "public.tf": (
                'resource "aws_security_group" "public" {\n'
                '  name = "public-lb"\n'
                "}\n"
                "\n"
                'resource "aws_alb" "main" {\n'
                '  name            = "public"\n'
                "  security_groups = [aws_security_group.public.id]\n"
                "}\n"
            ),
            "listeners.tf": (
                'resource "aws_lb_listener" "http" {\n'
                "  load_balancer_arn = aws_alb.main.arn\n"
                "  port              = 80\n"
                "}\n"
                "\n"
                'resource "aws_lb_listener" "internal" {\n'
                "  load_balancer_arn = aws_lb.main.arn\n"
                "  port              = 8080\n"
                "}\n"
            ),
            "outputs.tf": (
                'output "dns" {\n'
                '  value = "${aws_alb.main.dns_name} and ${aws_lb.main.dns_name}"\n'
                "}\n"
            ),
            "moves.tf": "moved {\n  from = aws_alb.web\n  to   = aws_alb.main\n}\n",
        },
    )


def test_label_rename_on_collision_with_moved_block(tmp_path: Path) -> None:
    """aws_alb.main cannot become aws_lb.main (taken): it becomes aws_lb.public, moved."""
    _alb_module(tmp_path, ">= 1.8.0")
    new = _run(tmp_path, ResourceTypeRename(moves_supported=("aws_alb",)))
    assert new["public.tf"].endswith(
        'resource "aws_lb" "public" {\n'
        '  name            = "public"\n'
        "  security_groups = [aws_security_group.public.id]\n"
        "}\n"
        "\n"
        "moved {\n"
        "  from = aws_alb.main\n"
        "  to   = aws_lb.public\n"
        "}\n"
    )
    assert new["internal.tf"].startswith('resource "aws_lb" "main" {\n')  # untouched
    listeners = new["listeners.tf"]
    assert "load_balancer_arn = aws_lb.public.arn\n  port              = 80\n" in listeners
    assert "load_balancer_arn = aws_lb.main.arn\n  port              = 8080\n" in listeners
    assert new["outputs.tf"] == (
        'output "dns" {\n  value = "${aws_lb.public.dns_name} and ${aws_lb.main.dns_name}"\n}\n'
    )
    # The older move now ends at the new address; its `from` is history.
    assert new["moves.tf"] == "moved {\n  from = aws_alb.web\n  to   = aws_lb.public\n}\n"
    # Written, a second run changes nothing.
    _write(tmp_path, new)
    assert _run(tmp_path, ResourceTypeRename(moves_supported=("aws_alb",))) == new


def test_label_rename_on_collision_when_state_cannot_follow(tmp_path: Path) -> None:
    """Below Terraform 1.8 nothing is renamed; the steps name the free label."""
    _alb_module(tmp_path, ">= 1.5.0")
    before = {p.name: p.read_text() for p in tmp_path.glob("*.tf")}
    paths = sorted(str(p) for p in tmp_path.glob("*.tf"))
    result = run_module(str(tmp_path), paths, [ResourceTypeRename(moves_supported=("aws_alb",))])
    assert {Path(f.path).name: f.new for f in result.files} == before
    (finding,) = result.findings
    assert finding.status.value == "manual"
    assert "rename it by hand to aws_lb.public (aws_lb.main is taken)" in finding.message
    assert "`terraform state rm aws_alb.main` then `terraform import aws_lb.public" in (
        finding.message
    )


def test_two_old_blocks_and_a_collision_get_distinct_labels(tmp_path: Path) -> None:
    """Labels that other renamed blocks will take are not free either."""
    _write(
        tmp_path,
        {
            "main.tf": (
                'resource "aws_s3_bucket_server_side_encryption_configuration" "a" {\n'
                '  bucket = "one"\n'
                "}\n\n"
                'resource "aws_s3_bucket_encryption_configuration" "a" {\n'
                '  bucket = "two"\n'
                "}\n\n"
                'resource "aws_s3_bucket_encryption_configuration" "a_2" {\n'
                '  bucket = "three"\n'
                "}\n"
            ),
        },
    )
    new = _run(tmp_path, ResourceTypeRename())
    full = "aws_s3_bucket_server_side_encryption_configuration"
    labels = [line for line in new["main.tf"].splitlines() if line.startswith("resource")]
    assert labels == [
        f'resource "{full}" "a" {{',
        f'resource "{full}" "a_3" {{',
        f'resource "{full}" "a_2" {{',
    ]
    assert "moved" not in new["main.tf"]  # a type that never existed has no state


def test_waived_block_still_takes_its_address(tmp_path: Path) -> None:
    """A block waived for TF005 keeps its address: a renamed block must not land on it."""
    full = "aws_s3_bucket_server_side_encryption_configuration"
    _write(
        tmp_path,
        {
            "main.tf": (
                "# tffix: ignore[TF005]\n"
                f'resource "{full}" "a" {{\n'
                '  bucket = "one"\n'
                "}\n\n"
                'resource "aws_s3_bucket_encryption_configuration" "a" {\n'
                '  bucket = "two"\n'
                "}\n"
            ),
        },
    )
    new = _run(tmp_path, ResourceTypeRename())
    labels = [line for line in new["main.tf"].splitlines() if line.startswith("resource")]
    assert labels == [f'resource "{full}" "a" {{', f'resource "{full}" "a_2" {{']


def test_removed_and_import_only_when_every_state_holds_the_object(tmp_path: Path) -> None:
    """An `import` of an object that does not exist (a new environment, a configuration
    never applied) makes plan fail, so the removed + import rename is opt-in
    (import_existing); by default the same cases are manual findings
    (corpus/TF005/*_import_manual)."""
    from tests.conftest import OWN_CORPUS

    cases = sorted((OWN_CORPUS / "TF005" / "import_existing").glob("*.before.tf"))
    assert len(cases) == 2
    for before in cases:
        work = tmp_path / before.name.removesuffix(".before.tf")
        work.mkdir()
        (work / "main.tf").write_bytes(before.read_bytes())
        codemod = get("TF005")(import_existing=True)
        result = run_module(str(work), [str(work / "main.tf")], [codemod])
        expected = before.with_name(before.name.replace(".before.", ".after."))
        assert result.files[0].new == expected.read_text(encoding="utf-8")
        assert [f.status.value for f in result.findings] == ["fixed"]
        assert "`removed` (destroy = false) and `import`" in result.findings[0].message
        (work / "main.tf").write_text(result.files[0].new, encoding="utf-8")
        again = run_module(str(work), [str(work / "main.tf")], [get("TF005")(import_existing=True)])
        assert not again.changed_files
