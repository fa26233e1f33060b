"""Failures stay inside their repository; usage errors stop the campaign before it starts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.bulk.fake_github import FakeGitHub
from tests.bulk.gitrepos import git_env, make_remote, push_change, pushes, refs, run_bulk

pytestmark = pytest.mark.slow  # whole stacks or campaigns through the CLI: seconds each

TOKEN = "ghp_failureTestToken42"
NEEDS_FIX = b'resource "aws_kms_key" "k" {\n  description = "no rotation"\n}\n'


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "home").mkdir()
    return {**git_env(tmp_path / "home"), "GITHUB_TOKEN": TOKEN}


def _remotes(tmp_path: Path, env: dict, fake: FakeGitHub | None, count: int) -> list[Path]:
    remotes = []
    for i in range(count):
        remote = make_remote(tmp_path, "acme", f"infra{i}", {"main.tf": NEEDS_FIX}, env)
        if fake is not None:
            fake.add_repo("acme", f"infra{i}", remote=remote)
        remotes.append(remote)
    return remotes


def _entries(report: Path) -> dict[str, dict]:
    return {Path(e["repo"]).name: e for e in json.loads(report.read_text())["repositories"]}


def test_clone_and_api_failures_are_recorded_and_the_rest_go_on(tmp_path: Path, env: dict) -> None:
    with FakeGitHub(token=TOKEN, prefix="/api/v3") as fake:  # GitHub Enterprise layout
        remotes = _remotes(tmp_path, env, fake, 3)
        missing = tmp_path / "remotes" / "acme" / "gone.git"
        # GitHub refuses the second repository's PR; its error echoes the token.
        fake.fail_next(
            422, times=1, method="POST", path="/repos/acme/infra1/pulls",
            body={"message": f"Validation Failed for {TOKEN}", "errors": []},
        )  # fmt: skip
        listing = tmp_path / "repos.txt"
        listing.write_text("\n".join(str(p) for p in [remotes[0], missing, *remotes[1:]]))
        report = tmp_path / "r.json"
        args = ["--repos", str(listing), "--workdir", str(tmp_path / "w"), "--pr", "github"]
        args += ["--github-url", fake.url, "--report", str(report)]
        run = run_bulk(*args, cwd=tmp_path, env=env)
        assert run.returncode == 1
        entries = _entries(report)
        assert entries["gone.git"]["status"] == "failed"
        assert "gone.git" in entries["gone.git"]["errors"][0]
        assert entries["infra1.git"]["status"] == "failed"
        assert "pull request" in entries["infra1.git"]["errors"][0]
        for name in ("infra0.git", "infra2.git"):
            assert entries[name]["status"] == "changed"
            assert entries[name]["pull_request"]["action"] == "created"
        everything = run.stdout + run.stderr + report.read_text()
        assert TOKEN not in everything
        assert fake.violations == []

        # The next run retries only the failures: the pushed branch is found as
        # it is (no second push) and the pull request is opened this time.
        logs = [pushes(r) for r in remotes]
        state = [refs(r, env) for r in remotes]
        again = run_bulk(*args, cwd=tmp_path, env=env)
        assert again.returncode == 1  # the missing repository is still missing
        entries = _entries(report)
        assert entries["infra1.git"]["status"] == "up-to-date"
        assert entries["infra1.git"]["pull_request"]["action"] == "created"
        assert entries["infra0.git"]["skipped"] and entries["infra2.git"]["skipped"]
        assert [pushes(r) for r in remotes] == logs
        assert [refs(r, env) for r in remotes] == state
        assert [len(fake.pulls("acme", f"infra{i}")) for i in range(3)] == [1, 1, 1]
        assert fake.violations == []


def test_shards_split_a_campaign_without_overlap(tmp_path: Path, env: dict) -> None:
    remotes = _remotes(tmp_path, env, None, 6)
    listing = tmp_path / "repos.txt"
    listing.write_text("\n".join(map(str, remotes)) + "\n")
    seen: list[str] = []
    for k in (1, 2, 3):
        report = tmp_path / f"shard{k}.json"
        run = run_bulk(
            "--repos", str(listing), "--workdir", str(tmp_path / "w"), "--shard", f"{k}/3",
            "--report", str(report), cwd=tmp_path, env=env,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        seen += [n for n, e in _entries(report).items() if e["status"] == "changed"]
    assert sorted(seen) == sorted(r.name for r in remotes)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "no repositories"),
        (("--repo", "x", "--shard", "3/2"), "--shard"),
        (("--repo", "x", "--select", "NOPE1"), "no codemod 'NOPE1'"),
        (("--repo", "--upload-pack=evil"), "not a repository"),
    ],
)
def test_usage_errors_exit_2_before_any_work(
    tmp_path: Path, env: dict, args: tuple[str, ...], message: str
) -> None:
    run = run_bulk(*args, "--workdir", str(tmp_path / "w"), cwd=tmp_path, env=env)
    assert run.returncode == 2
    assert message in run.stderr
    assert not (tmp_path / "w").exists()


def test_pull_requests_need_a_token(tmp_path: Path, env: dict) -> None:
    env = {k: v for k, v in env.items() if k != "GITHUB_TOKEN"}
    run = run_bulk("--repo", "x", "--pr", "github", cwd=tmp_path, env=env)
    assert run.returncode == 2
    assert "GITHUB_TOKEN" in run.stderr


def test_draft_pull_requests(tmp_path: Path, env: dict) -> None:
    with FakeGitHub(token=TOKEN) as fake:
        (remote,) = _remotes(tmp_path, env, fake, 1)
        run = run_bulk(
            "--repo", str(remote), "--workdir", str(tmp_path / "w"), "--pr", "github",
            "--draft", "--branch", "bot/kms", "--github-url", fake.url, cwd=tmp_path, env=env,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        (pull,) = fake.pulls("acme", "infra0")
        assert pull["draft"] is True and pull["head"]["ref"] == "bot/kms"
        assert pull["title"].startswith("tffix: fix AWS003")
        assert "refs/heads/bot/kms" in refs(remote, env)
        assert fake.violations == []


def test_a_branch_left_from_an_earlier_run_is_pointed_out(tmp_path: Path, env: dict) -> None:
    """Fixed on main by hand since: nothing to do, but the old branch (and its PR) remain."""
    (remote,) = _remotes(tmp_path, env, None, 1)
    args = ["--repo", str(remote), "--workdir", str(tmp_path / "w"), "--push"]
    report = tmp_path / "r.md"
    assert run_bulk(*args, cwd=tmp_path, env=env).returncode == 0
    fixed = b'resource "aws_kms_key" "k" {\n  description         = "no rotation"\n'
    fixed += b"  enable_key_rotation = true\n}\n"
    push_change(remote, "main.tf", fixed, env)
    again = run_bulk(*args, "--report", str(report), cwd=tmp_path, env=env)
    assert again.returncode == 0, again.stderr
    row = report.read_text().splitlines()[-1]
    assert "no-changes" in row and "tffix/fixes from an earlier run" in row
    assert pushes(remote) == []


def test_dry_run_plans_without_writing_anything(tmp_path: Path, env: dict) -> None:
    with FakeGitHub(token=TOKEN) as fake:
        (remote,) = _remotes(tmp_path, env, fake, 1)
        checkout = tmp_path / "work" / "acme" / "infra0"  # the remote's working copy
        report = tmp_path / "plan.json"
        args = ["--repo", str(remote), "--repo", str(checkout), "--dry-run", "--pr", "github"]
        args += ["--workdir", str(tmp_path / "w"), "--github-url", fake.url]
        run = run_bulk(*args, "--report", str(report), cwd=tmp_path, env=env)
        assert run.returncode == 0, run.stderr
        entries = json.loads(report.read_text())["repositories"]
        assert [(e["status"], e["files"]) for e in entries] == [("would-change", ["main.tf"])] * 2
        assert [c["code"] for c in entries[0]["codemods"]] == ["AWS003"]
        assert (checkout / "main.tf").read_bytes() == NEEDS_FIX
        assert "refs/heads/tffix/fixes" not in refs(remote, env)
        assert pushes(remote) == [] and fake.requests == []
        again = run_bulk(*args, "--report", str(report), cwd=tmp_path, env=env)
        assert again.returncode == 0
        assert all(e["skipped"] for e in json.loads(report.read_text())["repositories"])
