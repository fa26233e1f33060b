"""Git, run on repositories we do not trust.

A campaign clones code written by others, so every git command tffix runs
turns off what a repository could use to run something on this machine:
hooks (``core.hooksPath`` points at an empty place, commits use
``--no-verify``), fsmonitor, submodules, the ``ext::`` transport, LFS
smudging, and interactive credential prompts (a campaign must fail, not
hang). Clones get no template directory, so not even sample hooks exist.
Filter drivers are defined by configuration (a clone gets none from its
remote), but a repository's ``.gitattributes`` chooses which configured
driver runs on its files: ``without_filters`` turns off every driver the
tree names and every driver configured on this machine, before the first
command that could run one (checkout, and ``status`` in a local checkout),
for every later command.

A push to a repository on this machine (a path or ``file://`` URL) runs
``git receive-pack`` here, in that repository, with its hooks
(``pre-receive``, ``update``, ``post-receive``...): the ``-c`` options above
are not passed on to it (git clears them for the other side), so
``receive_pack_options`` gives it its own.

Credentials for pushing over HTTPS come from the environment through
``GIT_CONFIG_*`` variables, never the command line (visible to every user of
the machine), and are masked in every error message.
"""

from __future__ import annotations

import base64
import os
import re
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

from tffix.bulk.repos import mask_credentials

HARDENING = (
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.fsmonitor=false",
    "-c", "protocol.ext.allow=never",
    "-c", "submodule.recurse=false",
    "-c", "advice.detachedHead=false",
    "-c", "init.defaultBranch=main",
    "-c", "core.attributesFile=/dev/null",
)  # fmt: skip


# For the receiving side of a push to a local repository: its hooks stay off too.
LOCAL_RECEIVE_PACK = "git -c core.hooksPath=/dev/null -c core.fsmonitor=false receive-pack"


def is_local_url(url: str) -> bool:
    """A repository git reaches on this machine: a path or a ``file://`` URL.

    Git's rule: a URL with ``://`` names its transport; ``host:path`` with
    no slash before the colon is SSH; anything else is a path.
    """
    if "://" in url:
        return url.startswith("file://")
    return re.match(r"^[^/]*:", url) is None


def receive_pack_options(url: str) -> list[str]:
    """``git push`` options that keep a local remote's hooks from running here.

    Remote servers (SSH, HTTPS) run their own hooks on their side, as they
    should; only a local push would run them on this machine.
    """
    return [f"--receive-pack={LOCAL_RECEIVE_PACK}"] if is_local_url(url) else []


class GitError(RuntimeError):
    """A git command failed; the message holds its (masked) stderr."""


@dataclass
class Git:
    """Runs git with the hardening above; ``secrets`` are masked in errors."""

    extra_config: dict[str, str] = field(default_factory=dict)
    secrets: tuple[str, ...] = ()
    identity: tuple[str, str] | None = None  # (name, email) when git has none configured

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            GIT_TERMINAL_PROMPT="0",
            GCM_INTERACTIVE="never",
            GIT_LFS_SKIP_SMUDGE="1",
            GIT_ASKPASS="",
            SSH_ASKPASS="",
            LC_ALL="C",
        )
        env.pop("GIT_DIR", None)
        env.pop("GIT_WORK_TREE", None)
        config = dict(self.extra_config)
        if self.identity is not None:
            config.setdefault("user.name", self.identity[0])
            config.setdefault("user.email", self.identity[1])
        base = int(env.get("GIT_CONFIG_COUNT", "0") or 0)
        for i, (key, value) in enumerate(config.items(), start=base):
            env[f"GIT_CONFIG_KEY_{i}"] = key
            env[f"GIT_CONFIG_VALUE_{i}"] = value
        env["GIT_CONFIG_COUNT"] = str(base + len(config))
        return env

    def mask(self, text: str) -> str:
        for secret in self.secrets:
            if secret:
                text = text.replace(secret, "***")
        return mask_credentials(text)

    def run(self, *args: str, cwd: Path | None = None, check: bool = True) -> str:
        command = ["git", *HARDENING, *args]
        try:
            done = subprocess.run(
                command,
                cwd=cwd,
                env=self.env(),
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                stdin=subprocess.DEVNULL,
                timeout=600,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise GitError(self.mask(f"git {args[0]}: {exc}")) from None
        if check and done.returncode != 0:
            lines = [x.strip() for x in (done.stderr or done.stdout).splitlines() if x.strip()]
            # git's own verdict first ("fatal: ... does not appear to be a git
            # repository"), not the advice lines that follow it.
            verdict = [x for x in lines if x.startswith(("fatal:", "error:"))] or lines[-3:]
            tail = " / ".join(verdict[:3]) or f"exit status {done.returncode}"
            raise GitError(self.mask(f"git {args[0]} failed: {tail}"))
        return done.stdout

    # ---- what a campaign needs ------------------------------------------------------

    def remote_heads(self, url: str, branch: str) -> tuple[str | None, str | None, str | None]:
        """(default branch, its commit, commit of ``branch``) of a remote, without cloning."""
        out = self.run("ls-remote", "--symref", "--", url, "HEAD", f"refs/heads/{branch}")
        default = head = ours = None
        for line in out.splitlines():
            left, _, ref = line.partition("\t")
            if left.startswith("ref: ") and ref == "HEAD":
                default = left[5:].removeprefix("refs/heads/")
            elif ref == "HEAD":
                head = left
            elif ref == f"refs/heads/{branch}":
                ours = left
        return default, head, ours

    def without_filters(self, repo: Path, rev: str) -> Git:
        """This runner, with every filter driver named by ``rev``'s attributes turned off.

        An empty ``clean``/``smudge``/``process`` means no filter to git; that
        ``.gitattributes`` asks for one is the repository's choice, not ours.
        """
        names: set[str] = set()
        listing = self.run("ls-tree", "-r", "-z", "--name-only", rev, cwd=repo)
        for path in listing.split("\0"):
            if path == ".gitattributes" or path.endswith("/.gitattributes"):
                text = self.run("cat-file", "blob", f"{rev}:{path}", cwd=repo)
                names.update(re.findall(r"(?:^|\s)filter=([^\s]+)", text))
        info = repo / ".git" / "info" / "attributes"
        if info.is_file():
            names.update(re.findall(r"(?:^|\s)filter=([^\s]+)", info.read_text(errors="replace")))
        # Every driver this machine (or the checkout) configures: a local checkout's
        # working tree may hold attributes no commit has.
        configured = self.run(
            "config", "--name-only", "--get-regexp", r"^filter\.", cwd=repo, check=False
        )
        for key in configured.split():
            name, _, setting = key[len("filter.") :].rpartition(".")
            if name and setting in ("clean", "smudge", "process", "required"):
                names.add(name)
        config = dict(self.extra_config)
        for name in sorted(names):
            for key in ("clean", "smudge", "process"):
                config[f"filter.{name}.{key}"] = ""
            config[f"filter.{name}.required"] = "false"
        return replace(self, extra_config=config)

    def commit_info(self, repo: Path, commit: str) -> tuple[str, list[str]]:
        """(tree, parents) of a commit, read from the object (works in shallow clones)."""
        tree = ""
        parents = []
        for line in self.run("cat-file", "commit", commit, cwd=repo).splitlines():
            if not line:
                break
            key, _, value = line.partition(" ")
            if key == "tree":
                tree = value
            elif key == "parent":
                parents.append(value)
        return tree, parents


def https_auth_config(url: str, token: str) -> dict[str, str]:
    """Config that authenticates HTTPS pushes to ``url``'s host with a GitHub token."""
    if not url.startswith("https://"):
        return {}
    host = url.split("/", 3)[2].rsplit("@", 1)[-1]
    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    return {f"http.https://{host}/.extraheader": f"AUTHORIZATION: basic {basic}"}


def configured_identity(git: Git) -> tuple[str, str] | None:
    """The user's own name and e-mail for commits, if git has them."""
    name = git.run("config", "--get", "user.name", check=False).strip()
    email = git.run("config", "--get", "user.email", check=False).strip()
    return (name, email) if name and email else None
