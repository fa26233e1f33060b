"""``tffix bulk`` end to end: real git repositories, bare remotes and a fake GitHub.

The 20 repositories are made from modules of ``../shared/corpus`` (one
module directory each). What a repository's fix branch must hold is not
written down here: it is what plain ``tffix`` does to a copy of the same
module, so the campaign is checked against the single-repository tool.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bulk.fake_github import FakeGitHub
from tests.bulk.gitrepos import (
    git,
    git_env,
    make_remote,
    module_files,
    push_change,
    pushes,
    refs,
    run_bulk,
)
from tests.conftest import REPO, SHARED_CORPUS

TOKEN = "ghp_campaignTestToken123"
BRANCH = "refs/heads/tffix/fixes"

# Twenty module directories: some need fixes today, some do not (both paths
# are exercised; which is which is found by running plain tffix on them).
MODULES = [
    "bridgecrewio+terragoat/terraform/aws",
    "bridgecrewio+terragoat/terraform/azure",
    "bridgecrewio+terragoat/terraform/gcp",
    "terraform-aws-modules+terraform-aws-cloudwatch/examples/fixtures/aws_cloudwatch_log_group",
    "terraform-aws-modules+terraform-aws-cloudwatch/examples/fixtures/aws_kms_key",
    "terraform-aws-modules+terraform-aws-cloudwatch/examples/fixtures/aws_lambda_function",
    "terraform-aws-modules+terraform-aws-dynamodb-table/examples/global-tables",
    "terraform-aws-modules+terraform-aws-lambda/examples/event-source-mapping",
    "terraform-aws-modules+terraform-aws-s3-bucket/examples/complete",
    "terraform-aws-modules+terraform-aws-s3-bucket/examples/directory-bucket",
    "terraform-aws-modules+terraform-aws-s3-bucket/examples/object",
    "terraform-aws-modules+terraform-aws-s3-bucket/examples/s3-replication",
    "terraform-aws-modules+terraform-aws-kms",
    "terraform-aws-modules+terraform-aws-dynamodb-table",
    "terraform-aws-modules+terraform-aws-apigateway-v2",
    "terraform-aws-modules+terraform-aws-lambda",
    "terraform-aws-modules+terraform-aws-eks",
    "terraform-aws-modules+terraform-aws-cloudwatch/modules/log-group",
    "terraform-aws-modules+terraform-aws-cloudwatch/modules/metric-alarm",
    "terraform-aws-modules+terraform-aws-iam/modules/iam-user",
]

KMS_WITHOUT_ROTATION = b'resource "aws_kms_key" "added" {\n  description = "added later"\n}\n'


def _name(module: str) -> tuple[str, str]:
    owner, _, rest = module.partition("+")
    return owner, rest.replace("/", "-")


class Campaign:
    """Remotes, a fake GitHub and a way to run `tffix bulk` on them."""

    def __init__(self, root: Path, fake: FakeGitHub, modules: list[str]) -> None:
        self.root = root
        self.fake = fake
        self.env = git_env(root / "home")
        (root / "home").mkdir()
        self.remotes: dict[str, Path] = {}
        for module in modules:
            owner, name = _name(module)
            files = module_files(SHARED_CORPUS / module)
            self.remotes[module] = make_remote(root, owner, name, files, self.env)
            fake.add_repo(owner, name, remote=self.remotes[module])
        self.list = root / "repos.txt"
        lines = ["# campaign test", *(str(r) for r in self.remotes.values())]
        self.list.write_text("\n".join(lines) + "\n")
        self.workdir = root / "clones"

    def bulk(self, *args: str, token: str = TOKEN) -> subprocess.CompletedProcess[str]:
        return run_bulk(
            "--repos", str(self.list), "--workdir", str(self.workdir),
            "--github-url", self.fake.url, *args,
            cwd=self.root, env={**self.env, "GITHUB_TOKEN": token},
        )  # fmt: skip

    def expected(self, module: str, files: dict[str, bytes]) -> dict[str, bytes]:
        """What plain `tffix` makes of these files (the oracle for the fix branch)."""
        copy = self.root / "oracle" / module.replace("/", "_")
        if copy.exists():
            shutil.rmtree(copy)
        copy.mkdir(parents=True)
        for rel, data in files.items():
            (copy / rel).write_bytes(data)
        env = {**self.env, "PYTHONPATH": str(REPO)}
        env["TFFIX_CACHE_DIR"] = os.environ["TFFIX_CACHE_DIR"]
        subprocess.run(
            [sys.executable, "-m", "tffix", "--no-cache", "-q", str(copy)],
            env=env, capture_output=True, check=False,
        )  # fmt: skip
        return {p.name: p.read_bytes() for p in sorted(copy.iterdir()) if p.is_file()}

    def tree(self, module: str, ref: str) -> dict[str, bytes]:
        remote = self.remotes[module]
        names = git("ls-tree", "--name-only", ref, cwd=remote, env=self.env).splitlines()
        return {
            n: subprocess.run(
                ["git", "show", f"{ref}:{n}"], cwd=remote, env=self.env,
                capture_output=True, check=True,
            ).stdout
            for n in names
        }  # fmt: skip

    def all_refs(self) -> dict[str, dict[str, str]]:
        return {m: refs(r, self.env) for m, r in self.remotes.items()}


@pytest.fixture
def campaign_factory(tmp_path: Path):
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {SHARED_CORPUS}")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    fakes: list[FakeGitHub] = []

    def make(modules: list[str]) -> Campaign:
        fake = FakeGitHub(token=TOKEN).start()
        fakes.append(fake)
        return Campaign(tmp_path, fake, modules)

    yield make
    for fake in fakes:
        fake.stop()


def _report(path: Path) -> dict[str, dict]:
    data = json.loads(path.read_text())
    assert data["schema"] == "tffix.bulk/1"
    return {Path(e["repo"]).name: e for e in data["repositories"]}


def _check_first_run(c: Campaign, report: dict[str, dict]) -> tuple[list[str], list[str]]:
    changed, clean = [], []
    for module, remote in c.remotes.items():
        entry = report[remote.name]
        main = refs(remote, c.env)["refs/heads/main"]
        original = c.tree(module, "main")
        want = c.expected(module, original)
        owner, name = _name(module)
        pulls = c.fake.pulls(owner, name)
        if want == original:
            clean.append(module)
            assert entry["status"] == "no-changes", entry
            assert BRANCH not in refs(remote, c.env), "nothing to fix: no branch"
            assert pulls == []
            continue
        changed.append(module)
        assert entry["status"] == "changed", entry
        assert entry["base_commit"] == main
        head = refs(remote, c.env)[BRANCH]
        assert entry["commit"] == head
        # One commit on top of main, holding exactly what plain tffix does.
        assert git("rev-parse", f"{head}^", cwd=remote, env=c.env) == main
        assert c.tree(module, head) == want
        touched = sorted(n for n in want if want[n] != original.get(n))
        assert entry["files"] == touched
        message = git("log", "-1", "--format=%B", head, cwd=remote, env=c.env)
        for codemod in entry["codemods"]:
            assert codemod["code"] in message
        assert len(pulls) == 1, pulls
        pull = pulls[0]
        assert (pull["head"]["ref"], pull["base"]["ref"], pull["state"]) == (
            "tffix/fixes", "main", "open",
        )  # fmt: skip
        assert entry["pull_request"] == {
            "number": pull["number"], "url": pull["html_url"], "action": "created",
        }  # fmt: skip
        for rel in touched:
            assert rel in pull["body"]
    return changed, clean


@pytest.mark.slow
def test_campaign_over_twenty_repositories(campaign_factory) -> None:
    c = campaign_factory(MODULES)
    report_json, report_md = c.root / "campaign.json", c.root / "campaign.md"
    reports = ["--report", str(report_json), "--report", str(report_md)]

    first = c.bulk("--pr", "github", "--jobs", "2", *reports)
    assert first.returncode == 0, first.stderr
    assert "20 repositories:" in first.stderr
    assert TOKEN not in first.stdout + first.stderr
    report = _report(report_json)
    assert len(report) == 20
    changed, clean = _check_first_run(c, report)
    assert changed and clean, "the module list should exercise both outcomes"
    markdown = report_md.read_text()
    assert markdown.count("\n| ") == 21  # header + one row per repository
    assert c.fake.violations == []
    created = len(c.fake.writes)
    assert created == len(changed)

    # Re-run, report in hand: every repository is skipped without cloning.
    state = c.all_refs()
    logs = {m: pushes(r) for m, r in c.remotes.items()}
    assert sum(map(len, logs.values())) == len(changed)  # one push per fix branch
    again = c.bulk("--pr", "github", *reports)
    assert again.returncode == 0, again.stderr
    assert all(e["skipped"] for e in _report(report_json).values())
    assert len(c.fake.writes) == created
    assert c.all_refs() == state
    assert {m: pushes(r) for m, r in c.remotes.items()} == logs

    # Re-run without the report: everything is looked at again, and found done.
    fresh = c.root / "fresh.json"
    third = c.bulk("--pr", "github", "--jobs", "2", "--report", str(fresh))
    assert third.returncode == 0, third.stderr
    statuses = {e["status"] for n, e in _report(fresh).items()}
    assert statuses <= {"up-to-date", "no-changes"}, statuses
    assert {m: pushes(r) for m, r in c.remotes.items()} == logs, "no pushes"
    assert c.all_refs() == state, "no new commits"
    assert len(c.fake.writes) == created, "no API writes"

    # A developer adds code that needs a fix: the same PR is updated, not duplicated.
    module = changed[0]
    new_main = push_change(c.remotes[module], "added.tf", KMS_WITHOUT_ROTATION, c.env)
    before = c.fake.pulls(*_name(module))
    fourth = c.bulk("--pr", "github", *reports)
    assert fourth.returncode == 0, fourth.stderr
    entry = _report(report_json)[c.remotes[module].name]
    assert entry["status"] == "changed" and not entry["skipped"]
    assert entry["pull_request"]["action"] == "updated"
    after = c.fake.pulls(*_name(module))
    assert len(after) == 1 and after[0]["number"] == before[0]["number"]
    assert "added.tf" in after[0]["body"] and after[0]["body"] != before[0]["body"]
    head = refs(c.remotes[module], c.env)[BRANCH]
    assert git("rev-parse", f"{head}^", cwd=c.remotes[module], env=c.env) == new_main
    assert c.tree(module, head) == c.expected(module, c.tree(module, "main"))
    assert len(pushes(c.remotes[module])) == 1  # one force-push of the branch
    writes = c.fake.writes
    assert [w.method for w in writes[created:]] == ["PATCH"]
    others = {m: r for m, r in c.all_refs().items() if m != module}
    assert others == {m: r for m, r in state.items() if m != module}
    assert c.fake.violations == []


@pytest.mark.slow
def test_one_broken_repository_does_not_stop_the_others(campaign_factory) -> None:
    c = campaign_factory(MODULES)
    broken = MODULES[0]
    push_change(c.remotes[broken], "broken.tf", b'resource "aws_s3_bucket" "x" {\n', c.env)
    report_json = c.root / "campaign.json"
    run = c.bulk("--push", "--jobs", "2", "--report", str(report_json))
    assert run.returncode == 1, run.stderr
    report = _report(report_json)
    bad = report[c.remotes[broken].name]
    assert bad["status"] == "failed"
    assert any("broken.tf:" in e for e in bad["errors"]), bad["errors"]
    assert BRANCH not in refs(c.remotes[broken], c.env), "nothing pushed for a failed repo"
    others = [e for n, e in report.items() if n != c.remotes[broken].name]
    assert len(others) == 19
    assert all(e["status"] in ("changed", "no-changes") for e in others), others
    assert "failed" in run.stderr and "broken.tf" in run.stderr
    # Only the failed repository is retried on the next run.
    again = c.bulk("--push", "--report", str(report_json))
    assert again.returncode == 1
    report = _report(report_json)
    assert not report[c.remotes[broken].name]["skipped"]
    assert all(e["skipped"] for n, e in report.items() if n != c.remotes[broken].name)
