"""A local fake of the GitHub REST endpoints that ``tffix bulk`` uses.

It is strict on purpose: GitHub itself forgives some client mistakes (a
``head`` filter without ``owner:`` is silently ignored and lists every PR),
and a forgiving fake would let such bugs through to real campaigns. Every
request is checked, every problem lands in ``violations``, and tests end with
``assert fake.violations == []``.

Usage::

    with FakeGitHub(token="t0ken") as gh:
        gh.add_repo("acme", "infra")
        client = GitHub("t0ken", api_url=gh.url)
        ...
        assert gh.violations == []
        assert gh.writes == []
"""

from __future__ import annotations

import fnmatch
import json
import subprocess
import threading
import urllib.parse
from dataclasses import dataclass, field
from email.message import Message
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

API_VERSION = "2022-11-28"
ACCEPT = "application/vnd.github+json"
WRITE_METHODS = frozenset({"POST", "PATCH", "PUT", "DELETE"})
DOCS = "https://docs.github.com/rest"

# Keys GitHub accepts for each write, with the JSON types it accepts.
_CREATE_KEYS: dict[str, tuple[type, ...]] = {
    "title": (str,),
    "head": (str,),
    "base": (str,),
    "body": (str, type(None)),
    "draft": (bool,),
    "maintainer_can_modify": (bool,),
    "head_repo": (str,),
    "issue": (int,),
}
_UPDATE_KEYS: dict[str, tuple[type, ...]] = {
    "title": (str,),
    "body": (str, type(None)),
    "state": (str,),
    "base": (str,),
    "maintainer_can_modify": (bool,),
}
_LIST_QUERY = frozenset({"state", "head", "base", "sort", "direction", "per_page", "page"})


@dataclass
class Request:
    """One request as the fake saw it; ``path`` is relative to the API prefix.

    ``headers`` looks names up case-insensitively (urllib sends ``X-github-api-version``).
    """

    method: str
    path: str
    query: dict[str, list[str]]
    headers: Message
    json: Any = None


@dataclass
class _Failure:
    status: int
    times: int
    headers: dict[str, str]
    body: Any
    method: str | None
    path: str | None
    after: bool
    disconnect: bool

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and (
            self.path is None or fnmatch.fnmatchcase(path, self.path)
        )


@dataclass
class _Repo:
    owner: str
    name: str
    default_branch: str
    remote: Path | None
    pulls: list[dict[str, Any]] = field(default_factory=list)


class _Reply(Exception):
    """Unwinds request handling with the answer to send."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


class FakeGitHub:
    """A threaded HTTP server on 127.0.0.1 that behaves like the GitHub REST API.

    ``prefix`` mounts the API under a path, as GitHub Enterprise does with
    ``/api/v3``; requests outside it are violations. ``add_repo(..., remote=)``
    points at a bare git repository, so that creating a PR checks that the
    head branch was pushed and differs from the base, as GitHub does.
    """

    def __init__(self, token: str = "test-token", *, prefix: str = "") -> None:
        self.token = token
        self.prefix = "/" + prefix.strip("/") if prefix.strip("/") else ""
        self.requests: list[Request] = []
        self.violations: list[str] = []
        self._repos: dict[tuple[str, str], _Repo] = {}
        self._failures: list[_Failure] = []
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------

    def start(self) -> FakeGitHub:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                fake._handle(self)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _any

            def log_message(self, format: str, *args: Any) -> None:
                """Keep pytest output clean; ``requests`` is the log."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # A short poll interval makes shutdown() quick: tests start many servers.
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.01,), daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeGitHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The API base URL to hand the client (``api_url``), prefix included."""
        if self._server is None:
            raise RuntimeError("FakeGitHub is not running; use it as a context manager")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{self.prefix}"

    # -- test set-up and inspection ------------------------------------------

    def add_repo(
        self,
        owner: str,
        name: str,
        default_branch: str = "main",
        *,
        remote: str | Path | None = None,
    ) -> None:
        with self._lock:
            self._repos[(owner, name)] = _Repo(
                owner, name, default_branch, Path(remote) if remote else None
            )

    def add_pull(
        self,
        owner: str,
        name: str,
        *,
        head: str,
        base: str = "main",
        title: str = "existing",
        body: str | None = "",
        draft: bool = False,
        state: str = "open",
    ) -> dict[str, Any]:
        """Seed a PR without going through the API (not recorded as a request)."""
        with self._lock:
            repo = self._repos[(owner, name)]
            pull = self._new_pull(repo, head, base, title, body, draft)
            pull["state"] = state
            return dict(pull)

    def pulls(self, owner: str, name: str, state: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return [
                json.loads(json.dumps(p))
                for p in self._repos[(owner, name)].pulls
                if state is None or p["state"] == state
            ]

    @property
    def writes(self) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.method in WRITE_METHODS]

    def fail_next(
        self,
        status: int,
        times: int = 1,
        headers: dict[str, str] | None = None,
        body: Any = None,
        *,
        method: str | None = None,
        path: str | None = None,
        after: bool = False,
    ) -> None:
        """Answer the next ``times`` matching requests with ``status``.

        ``method``/``path`` (an fnmatch pattern on the API path without the
        query) narrow the match; neither means any request. ``body`` is a JSON
        value, or a str sent as text (an HTML error page); by default GitHub's
        ``{"message": ...}``. With ``after=True`` the request takes effect first
        and only its answer is lost, like a gateway timeout after GitHub wrote.
        Valid requests only: one that violates the checks gets its 400 instead.
        """
        with self._lock:
            self._failures.append(
                _Failure(status, times, dict(headers or {}), body, method, path, after, False)
            )

    def disconnect_next(
        self, times: int = 1, *, method: str | None = None, path: str | None = None
    ) -> None:
        """Close the connection without answering: a network error for the client."""
        with self._lock:
            self._failures.append(_Failure(0, times, {}, None, method, path, False, True))

    # -- request handling ------------------------------------------------------

    def _handle(self, http: BaseHTTPRequestHandler) -> None:
        method = http.command
        split = urllib.parse.urlsplit(http.path)
        length = int(http.headers.get("Content-Length") or 0)
        raw = http.rfile.read(length) if length else b""
        path = split.path
        record = Request(
            method=method,
            path=path,
            query=urllib.parse.parse_qs(split.query, keep_blank_values=True),
            headers=http.headers,
        )
        try:
            with self._lock:
                self.requests.append(record)
                record.path = path = self._strip_prefix(method, path)
                record.json = self._check(method, path, http, raw)
                failure = self._take_failure(method, path)
                if failure is not None and failure.disconnect:
                    http.close_connection = True
                    return
                if failure is not None and not failure.after:
                    raise self._failure_reply(failure)
                status, body = self._route(method, path, record)
                if failure is not None:
                    raise self._failure_reply(failure)
            self._send(http, status, body, {})
        except _Reply as reply:
            self._send(http, reply.status, reply.body, reply.headers)

    def _violation(self, status: int, message: str) -> _Reply:
        self.violations.append(message)
        return _Reply(status, {"message": message, "documentation_url": DOCS})

    def _strip_prefix(self, method: str, path: str) -> str:
        if not self.prefix:
            return path
        if path != self.prefix and not path.startswith(self.prefix + "/"):
            raise self._violation(404, f"{method} {path}: outside the API prefix {self.prefix}")
        return path[len(self.prefix) :] or "/"

    def _check(self, method: str, path: str, http: BaseHTTPRequestHandler, raw: bytes) -> Any:
        """Validate what every request must carry; return the parsed JSON body."""
        where = f"{method} {path}"
        auth = http.headers.get("Authorization")
        if auth != f"Bearer {self.token}":
            # GitHub answers 401 here; the client either sent no token or the wrong one.
            what = "missing" if auth is None else "wrong"
            self.violations.append(f"{where}: {what} Authorization: Bearer token")
            raise _Reply(401, {"message": "Bad credentials", "documentation_url": DOCS})
        if http.headers.get("Accept") != ACCEPT:
            raise self._violation(400, f"{where}: Accept is {http.headers.get('Accept')!r}")
        if http.headers.get("X-GitHub-Api-Version") != API_VERSION:
            got = http.headers.get("X-GitHub-Api-Version")
            raise self._violation(400, f"{where}: X-GitHub-Api-Version is {got!r}")
        agent = http.headers.get("User-Agent") or ""
        if not agent.startswith("tffix/"):
            raise self._violation(400, f"{where}: User-Agent is {agent!r}")
        if method not in WRITE_METHODS or (method == "DELETE" and not raw):
            if raw:
                raise self._violation(400, f"{where}: a {method} must not have a body")
            return None
        ctype = (http.headers.get("Content-Type") or "").split(";")[0].strip()
        if ctype != "application/json":
            raise self._violation(400, f"{where}: Content-Type is {ctype!r}")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise self._violation(400, f"{where}: body is not JSON: {raw[:100]!r}") from None
        if not isinstance(data, dict):
            raise self._violation(400, f"{where}: body is not a JSON object")
        return data

    def _take_failure(self, method: str, path: str) -> _Failure | None:
        for failure in self._failures:
            if failure.times > 0 and failure.matches(method, path):
                failure.times -= 1
                return failure
        return None

    @staticmethod
    def _failure_reply(failure: _Failure) -> _Reply:
        body = failure.body
        if body is None:
            body = {"message": HTTPStatus(failure.status).phrase, "documentation_url": DOCS}
        return _Reply(failure.status, body, failure.headers)

    def _send(
        self, http: BaseHTTPRequestHandler, status: int, body: Any, headers: dict[str, str]
    ) -> None:
        if isinstance(body, str):
            data, ctype = body.encode("utf-8"), "text/html; charset=utf-8"
        else:
            data, ctype = json.dumps(body).encode("utf-8"), "application/json; charset=utf-8"
        http.send_response(status)
        http.send_header("Content-Type", ctype)
        http.send_header("Content-Length", str(len(data)))
        for key, value in headers.items():
            http.send_header(key, value)
        http.end_headers()
        http.wfile.write(data)

    # -- endpoints -------------------------------------------------------------

    def _route(self, method: str, path: str, record: Request) -> tuple[int, Any]:
        parts = path.strip("/").split("/")
        if len(parts) >= 3 and parts[0] == "repos":
            owner, name = (urllib.parse.unquote(p) for p in parts[1:3])
            rest = parts[3:]
            if method == "GET" and not rest:
                return 200, self._repo_json(self._repo(owner, name))
            if rest == ["pulls"] and method == "GET":
                return self._list_pulls(self._repo(owner, name), record)
            if rest == ["pulls"] and method == "POST":
                return self._create_pull(self._repo(owner, name), record)
            if len(rest) == 2 and rest[0] == "pulls" and rest[1].isdigit():
                repo = self._repo(owner, name)
                pull = self._pull(repo, int(rest[1]))
                if method == "GET":
                    return 200, pull
                if method == "PATCH":
                    return self._update_pull(repo, pull, record)
        raise self._violation(404, f"{method} {path}: endpoint not implemented by the fake")

    def _repo(self, owner: str, name: str) -> _Repo:
        repo = self._repos.get((owner, name))
        if repo is None:
            # Not a violation: a missing repository is a case tests want to see.
            raise _Reply(404, {"message": "Not Found", "documentation_url": DOCS})
        return repo

    @staticmethod
    def _pull(repo: _Repo, number: int) -> dict[str, Any]:
        for pull in repo.pulls:
            if pull["number"] == number:
                return pull
        raise _Reply(404, {"message": "Not Found", "documentation_url": DOCS})

    @staticmethod
    def _repo_json(repo: _Repo) -> dict[str, Any]:
        return {
            "id": abs(hash((repo.owner, repo.name))) % 10**8,
            "name": repo.name,
            "full_name": f"{repo.owner}/{repo.name}",
            "owner": {"login": repo.owner},
            "private": False,
            "html_url": f"https://github.test/{repo.owner}/{repo.name}",
            "default_branch": repo.default_branch,
        }

    def _list_pulls(self, repo: _Repo, record: Request) -> tuple[int, Any]:
        where = f"GET {record.path}"
        unknown = sorted(set(record.query) - _LIST_QUERY)
        if unknown:
            raise self._violation(400, f"{where}: unknown query parameters {unknown}")
        query = {k: v[-1] for k, v in record.query.items()}
        state = query.get("state", "open")
        if state not in ("open", "closed", "all"):
            raise self._violation(422, f"{where}: state={state!r}")
        head = query.get("head")
        if head is not None and ":" not in head:
            raise self._violation(
                400, f"{where}: head={head!r} must be owner:branch (GitHub ignores it otherwise)"
            )
        try:
            per_page = min(100, int(query.get("per_page", "30")))
            page = max(1, int(query.get("page", "1")))
        except ValueError:
            raise self._violation(400, f"{where}: per_page/page not integers") from None
        pulls = [
            p
            for p in repo.pulls
            if (state == "all" or p["state"] == state)
            and (head is None or p["head"]["label"] == head)
            and ("base" not in query or p["base"]["ref"] == query["base"])
        ]
        pulls.sort(key=lambda p: -p["number"])  # GitHub's default: newest first
        return 200, pulls[(page - 1) * per_page : page * per_page]

    def _validate(
        self, where: str, data: dict[str, Any], allowed: dict[str, tuple[type, ...]]
    ) -> None:
        unknown = sorted(set(data) - set(allowed))
        if unknown:
            raise self._violation(422, f"{where}: unknown keys {unknown}")
        for key, value in data.items():
            types = allowed[key]
            # bool is an int in Python, not in JSON.
            if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
                raise self._violation(422, f"{where}: {key} has type {type(value).__name__}")

    def _create_pull(self, repo: _Repo, record: Request) -> tuple[int, Any]:
        where = f"POST {record.path}"
        data = record.json
        self._validate(where, data, _CREATE_KEYS)
        missing = [k for k in ("title", "head", "base") if not data.get(k)]
        if missing:
            raise self._violation(422, f"{where}: missing {missing}")
        head: str = data["head"]
        if ":" in head:
            owner, _, head = head.partition(":")
            if owner != repo.owner:
                raise self._violation(422, f"{where}: head from another owner {owner!r}")
        base: str = data["base"]
        label = f"{repo.owner}:{head}"
        if any(p["state"] == "open" and p["head"]["label"] == label for p in repo.pulls):
            raise _Reply(
                422,
                _validation_failed(f"A pull request already exists for {label}."),
            )
        if head == base:
            raise _Reply(422, _validation_failed(f"No commits between {base} and {head}"))
        if repo.remote is not None:
            head_sha = _rev_parse(repo.remote, head)
            base_sha = _rev_parse(repo.remote, base)
            if head_sha is None or base_sha is None:
                field = "head" if head_sha is None else "base"
                raise _Reply(
                    422,
                    {
                        "message": "Validation Failed",
                        "errors": [{"resource": "PullRequest", "field": field, "code": "invalid"}],
                        "documentation_url": DOCS,
                    },
                )
            if _is_ancestor(repo.remote, head_sha, base_sha):
                raise _Reply(422, _validation_failed(f"No commits between {base} and {head}"))
        pull = self._new_pull(
            repo, head, base, data["title"], data.get("body"), bool(data.get("draft", False))
        )
        return 201, pull

    def _update_pull(self, repo: _Repo, pull: dict[str, Any], record: Request) -> tuple[int, Any]:
        where = f"PATCH {record.path}"
        data = record.json
        self._validate(where, data, _UPDATE_KEYS)
        if "state" in data and data["state"] not in ("open", "closed"):
            raise self._violation(422, f"{where}: state={data['state']!r}")
        if "title" in data and not data["title"]:
            raise self._violation(422, f"{where}: empty title")
        for key in ("title", "body", "state"):
            if key in data:
                pull[key] = data[key]
        if "base" in data:
            pull["base"]["ref"] = data["base"]
            pull["base"]["label"] = f"{repo.owner}:{data['base']}"
        return 200, pull

    @staticmethod
    def _new_pull(
        repo: _Repo, head: str, base: str, title: str, body: str | None, draft: bool
    ) -> dict[str, Any]:
        number = max((p["number"] for p in repo.pulls), default=0) + 1
        full = f"{repo.owner}/{repo.name}"
        pull = {
            "number": number,
            "html_url": f"https://github.test/{full}/pull/{number}",
            "state": "open",
            "title": title,
            "body": body,
            "draft": draft,
            "head": {"ref": head, "label": f"{repo.owner}:{head}", "repo": {"full_name": full}},
            "base": {"ref": base, "label": f"{repo.owner}:{base}", "repo": {"full_name": full}},
            "user": {"login": "tffix-bot"},
        }
        repo.pulls.append(pull)
        return pull


def _validation_failed(message: str) -> dict[str, Any]:
    return {
        "message": "Validation Failed",
        "errors": [{"resource": "PullRequest", "code": "custom", "message": message}],
        "documentation_url": DOCS,
    }


def _rev_parse(remote: Path, branch: str) -> str | None:
    result = subprocess.run(
        ["git", "--git-dir", str(remote), "rev-parse", "--verify", "-q", f"refs/heads/{branch}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or None if result.returncode == 0 else None


def _is_ancestor(remote: Path, commit: str, of: str) -> bool:
    """True when head adds nothing over base: GitHub's "No commits between"."""
    result = subprocess.run(
        ["git", "--git-dir", str(remote), "merge-base", "--is-ancestor", commit, of],
        capture_output=True,
        check=False,
    )
    return result.returncode == 0
