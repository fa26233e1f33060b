"""The hardened git runner: what it passes to git, and what it never shows."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

import pytest

from tffix.bulk.git import HARDENING, Git, GitError, https_auth_config


def test_the_token_travels_in_the_environment_never_the_command_line() -> None:
    token = "ghp_secretValue"
    config = https_auth_config("https://github.example.com/acme/infra.git", token)
    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    assert config == {
        "http.https://github.example.com/.extraheader": f"AUTHORIZATION: basic {basic}"
    }
    git = Git(extra_config=config, secrets=(token, basic))
    env = git.env()
    keys = {
        env[f"GIT_CONFIG_KEY_{i}"]: env[f"GIT_CONFIG_VALUE_{i}"]
        for i in range(int(env["GIT_CONFIG_COUNT"]))
    }
    assert keys["http.https://github.example.com/.extraheader"].endswith(basic)
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    assert not any(token in part or basic in part for part in HARDENING)
    assert git.mask(f"fatal: {token} and {basic} at https://u:{token}@h/x") == (
        "fatal: *** and *** at https://***@h/x"
    )


def test_ssh_and_local_urls_get_no_http_credentials() -> None:
    assert https_auth_config("git@github.com:acme/infra.git", "t") == {}
    assert https_auth_config("/srv/git/acme/infra.git", "t") == {}


def test_failures_name_the_command_and_mask_secrets(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git = Git(secrets=("hunter2",))
    with pytest.raises(GitError) as caught:
        git.run("ls-remote", "--", str(tmp_path / "hunter2" / "nothing-here"))
    message = str(caught.value)
    assert message.startswith("git ls-remote failed: fatal:")
    assert "hunter2" not in message
