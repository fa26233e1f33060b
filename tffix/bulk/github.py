"""The GitHub REST provider behind ``tffix bulk --pr github``.

Standard library only (``urllib.request``): a bulk campaign runs in CI images
where every extra dependency is one more thing to pin, and the API surface
needed here is four endpoints.

The token is a secret that CI logs keep forever, so it is held in one private
attribute, sent only in the ``Authorization`` header, never sent across a
redirect to another host, and replaced by ``***`` in every text this module
produces, including error bodies in which a proxy or server echoes it back.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException

import tffix

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any

DEFAULT_API_URL = "https://api.github.com"
API_VERSION = "2022-11-28"
MASK = "***"

# Exponential backoff for 5xx and network errors: 1, 2, 4, 8, 16 s with the
# default five retries, so a flapping GitHub gets about half a minute.
BACKOFF_BASE = 1.0
BACKOFF_CAP = 60.0
# GitHub's documented minimum wait after a secondary rate limit without headers.
SECONDARY_RATE_LIMIT_WAIT = 60.0
# Waiting longer than this for a rate limit to reset is worse than failing: a
# campaign is re-runnable and skips finished repositories, a stuck CI job is not.
DEFAULT_MAX_WAIT = 600.0

_WRITE_METHODS = frozenset({"POST", "PATCH", "PUT", "DELETE"})


class GitHubError(Exception):
    """A GitHub API call that failed for good (after any retries).

    The message names method, path and status so that a campaign report says
    which repository and which step failed; it has already been masked, so
    callers may print or store it as is.
    """

    status: int | None

    def __init__(
        self,
        message: str,
        status: int | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        errors: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.status = status
        self.method = method
        self.path = path
        # GitHub's validation messages (422), kept apart so that callers can
        # recognise "already exists" without parsing the sentence.
        self.errors = errors


@dataclass(frozen=True)
class PullRequest:
    number: int
    url: str
    title: str
    body: str
    head: str
    base: str
    draft: bool

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PullRequest:
        """GitHub sends ``"body": null`` for an empty description; "" compares equal to ours."""
        return cls(
            number=int(data["number"]),
            url=str(data.get("html_url") or ""),
            title=str(data.get("title") or ""),
            body=str(data.get("body") or ""),
            head=str(data["head"]["ref"]),
            base=str(data["base"]["ref"]),
            draft=bool(data.get("draft", False)),
        )


@dataclass(frozen=True)
class RepoId:
    owner: str
    name: str

    def __str__(self) -> str:
        return f"{self.owner}/{self.name}"


_SCP_LIKE = re.compile(r"^(?:[^@/:]+@)?[^/:]+:(?!//)(?P<path>.+)$")


def repo_id_from_url(url: str) -> RepoId:
    """Name a repository from however the campaign list spells it.

    Only the last two path components count, so that the same rule covers
    github.com, GitHub Enterprise, scp-like SSH remotes and the bare
    ``.../owner/name.git`` remotes that tests keep on disk.
    """
    text = url.strip()
    if "://" in text:
        path = urllib.parse.urlsplit(text).path
    else:
        match = _SCP_LIKE.match(text)
        # A Windows drive ("C:\\x") is a path, not host:path.
        path = match.group("path") if match and not re.match(r"^[A-Za-z]:[\\/]", text) else text
    parts = [p for p in re.split(r"[\\/]+", path) if p]
    if parts and parts[-1].endswith(".git"):
        parts[-1] = parts[-1][: -len(".git")]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        raise ValueError(f"cannot tell owner/name from {url!r}: need at least two path components")
    return RepoId(parts[-2], parts[-1])


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only for a GET to the same scheme, host and port.

    urllib's default copies the Authorization header to wherever a redirect
    points, which would hand the token to another host. GitHub redirects
    renamed repositories within the API host, so that case keeps working; a
    POST or PATCH is never replayed (urllib would turn it into a GET).
    """

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        if req.get_method() != "GET" or _origin(newurl) != _origin(req.full_url):
            return None  # urllib then raises HTTPError with the 3xx status
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and "Authorization" in req.unredirected_hdrs:
            # Sent as an unredirected header so that no other path can forward it.
            new.add_unredirected_header("Authorization", req.unredirected_hdrs["Authorization"])
        return new


class GitHub:
    """A small GitHub REST client: the calls a fix pull request needs, made robust.

    Safe to share between the threads of ``--jobs N``: requests hold no shared
    connection state, and the request log is only appended to.
    """

    requests_made: list[tuple[str, str]]

    def __init__(
        self,
        token: str | None = None,
        *,
        api_url: str | None = None,
        retries: int = 5,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        max_wait: float = DEFAULT_MAX_WAIT,
    ) -> None:
        """Raise GitHubError early, before any repository is touched, when no usable token
        or API URL is configured: a campaign should not clone 200 repositories first."""
        if token is None:
            token = os.environ.get("GITHUB_TOKEN")
        token = (token or "").strip()
        if not token:
            raise GitHubError("no GitHub token: set GITHUB_TOKEN to a token that can open PRs")
        if any(c.isspace() or ord(c) < 32 for c in token):
            # A line break in a header value would split the request.
            raise GitHubError("the GitHub token contains whitespace or control characters")
        self._token = token
        api_url = (api_url or os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL).strip()
        parts = urllib.parse.urlsplit(api_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise GitHubError(
                self._mask(f"GitHub API URL must be http(s)://HOST[/PATH]: {api_url}")
            )
        if parts.scheme == "http" and not _is_loopback(parts.hostname):
            raise GitHubError(
                self._mask(f"refusing to send the GitHub token over plain http to {api_url}")
            )
        if parts.query or parts.fragment:
            raise GitHubError(self._mask(f"GitHub API URL must not have a query: {api_url}"))
        self.api_url = api_url.rstrip("/")
        self.retries = max(0, retries)
        self.timeout = timeout
        self.max_wait = max_wait
        self._sleep = sleep
        self._clock = clock
        handlers: list[urllib.request.BaseHandler] = [_SameOriginRedirects()]
        if _is_loopback(parts.hostname):
            # A test's local fake must not be reached through a CI proxy.
            handlers.append(urllib.request.ProxyHandler({}))
        self._opener = urllib.request.build_opener(*handlers)
        self._user_agent = f"tffix/{tffix.__version__}"
        self.requests_made = []

    def __repr__(self) -> str:
        return f"GitHub(api_url={self.api_url!r}, token={MASK!r})"

    # -- the calls ---------------------------------------------------------

    def default_branch(self, repo: RepoId) -> str:
        data = self._request("GET", self._repo_path(repo))
        branch = data.get("default_branch") if isinstance(data, dict) else None
        if not isinstance(branch, str) or not branch:
            raise GitHubError(f"GET {self._repo_path(repo)}: no default_branch in the answer")
        return branch

    def find_open_pull(self, repo: RepoId, branch: str) -> PullRequest | None:
        """The ``head`` filter must be ``owner:branch``: GitHub silently ignores a bare branch
        name and lists every open PR, so the answer is filtered again here."""
        query = urllib.parse.urlencode(
            {"state": "open", "head": f"{repo.owner}:{branch}", "per_page": "100"}
        )
        data = self._request("GET", f"{self._repo_path(repo)}/pulls?{query}")
        if not isinstance(data, list):
            raise GitHubError(f"GET {self._repo_path(repo)}/pulls: expected a list of pulls")
        pulls = [
            PullRequest.from_json(item)
            for item in data
            if isinstance(item, dict) and item.get("head", {}).get("ref") == branch
        ]
        # Several open PRs for one branch can only come from elsewhere; keep
        # updating the oldest, the one reviewers already know.
        return min(pulls, key=lambda pr: pr.number) if pulls else None

    def create_pull(
        self,
        repo: RepoId,
        *,
        branch: str,
        base: str,
        title: str,
        body: str,
        draft: bool = False,
    ) -> PullRequest:
        payload = {"title": title, "head": branch, "base": base, "body": body, "draft": draft}
        data = self._request("POST", f"{self._repo_path(repo)}/pulls", payload)
        return PullRequest.from_json(data)

    def update_pull(self, repo: RepoId, number: int, *, title: str, body: str) -> PullRequest:
        payload = {"title": title, "body": body}
        data = self._request("PATCH", f"{self._repo_path(repo)}/pulls/{int(number)}", payload)
        return PullRequest.from_json(data)

    def open_or_update(
        self,
        repo: RepoId,
        *,
        branch: str,
        base: str,
        title: str,
        body: str,
        draft: bool = False,
    ) -> tuple[PullRequest, str]:
        """Keep exactly one open PR per branch, and write only when its text changed.

        An unchanged re-run must make no API writes. A create that GitHub
        refuses because the PR already exists (a concurrent run, or a retried
        POST whose first answer was lost) falls back to updating that PR. The
        draft flag only applies when creating: the REST API cannot change it.
        """
        existing = self.find_open_pull(repo, branch)
        fell_back = False
        if existing is None:
            try:
                created = self.create_pull(
                    repo, branch=branch, base=base, title=title, body=body, draft=draft
                )
            except GitHubError as exc:
                if exc.status != 422 or not any("already exists" in e for e in exc.errors):
                    raise
                existing = self.find_open_pull(repo, branch)
                if existing is None:
                    raise
                fell_back = True
            else:
                return created, "created"
        if _same_text(existing.title, title) and _same_text(existing.body, body):
            # After a fallback, identical text means the PR is ours from the attempt
            # whose answer was lost; otherwise this run really changed nothing.
            return existing, "created" if fell_back else "unchanged"
        return self.update_pull(repo, existing.number, title=title, body=body), "updated"

    # -- transport ---------------------------------------------------------

    @staticmethod
    def _repo_path(repo: RepoId) -> str:
        quote = urllib.parse.quote
        return f"/repos/{quote(repo.owner, safe='')}/{quote(repo.name, safe='')}"

    def _mask(self, text: str) -> str:
        """Hide the token, also percent-encoded, in any text that may reach a user."""
        token = getattr(self, "_token", "")
        if not token:
            return text
        for form in {token, urllib.parse.quote(token, safe=""), urllib.parse.quote_plus(token)}:
            text = text.replace(form, MASK)
        return text

    def _error(
        self,
        message: str,
        status: int | None,
        method: str,
        path: str,
        errors: tuple[str, ...] = (),
    ) -> GitHubError:
        return GitHubError(
            self._mask(message),
            status,
            method=method,
            path=path,
            errors=tuple(self._mask(e) for e in errors),
        )

    def _request(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        """One API call with retries; returns the decoded JSON answer."""
        url = self.api_url + path
        data = None
        headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": API_VERSION,
            "User-Agent": self._user_agent,
        }
        if payload is not None:
            data = json.dumps(payload).encode("utf-8")
            headers["Content-Type"] = "application/json"
        attempts = self.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            request = urllib.request.Request(url, data=data, method=method, headers=headers)
            request.add_unredirected_header("Authorization", f"Bearer {self._token}")
            self.requests_made.append((method, path))
            failure: tuple[int, Any, bytes] | None = None
            network: str | None = None
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    raw = response.read()
                    status = response.status
            except urllib.error.HTTPError as exc:
                try:
                    failure = (exc.code, exc.headers, exc.read())
                except (OSError, HTTPException):
                    failure = (exc.code, exc.headers, b"")
                finally:
                    exc.close()
            except (urllib.error.URLError, HTTPException, OSError) as exc:
                network = str(getattr(exc, "reason", None) or exc) or type(exc).__name__
            # Errors are raised out here, not in the except clauses, so that no
            # urllib exception (holding the request) rides along as __context__.
            if network is not None:
                if last:
                    raise self._error(
                        f"{method} {path}: could not reach GitHub at {self.api_url} "
                        f"after {attempts} attempt(s): {network}",
                        None,
                        method,
                        path,
                    )
                self._sleep(self._backoff(attempt))
                continue
            if failure is not None:
                status, resp_headers, raw = failure
                wait = self._retry_wait(status, resp_headers, raw, attempt, method, path)
                if wait is None or last:
                    raise self._http_error(method, path, status, resp_headers, raw, attempt + 1)
                self._sleep(wait)
                continue
            return self._decode(method, path, status, raw)
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int) -> float:
        return min(BACKOFF_BASE * 2**attempt, BACKOFF_CAP)

    def _retry_wait(
        self, status: int, headers: Any, raw: bytes, attempt: int, method: str, path: str
    ) -> float | None:
        """Seconds to wait before retrying, or None when retrying cannot help."""
        retry_after = headers.get("Retry-After") if headers else None
        remaining = headers.get("X-RateLimit-Remaining") if headers else None
        reset = headers.get("X-RateLimit-Reset") if headers else None
        rate_limited = status == 429 or (
            status == 403
            and (
                retry_after is not None
                or remaining == "0"
                or "rate limit" in _body_message(raw).lower()
            )
        )
        if not rate_limited and not 500 <= status < 600:
            return None
        wait: float | None = None
        if retry_after is not None:
            wait = self._parse_retry_after(retry_after)
        elif rate_limited and remaining == "0" and reset is not None:
            try:
                # One second past the reset: GitHub's clock and ours differ.
                wait = max(0.0, float(reset) - self._clock()) + 1.0
            except ValueError:
                wait = None
        elif rate_limited and "secondary rate limit" in _body_message(raw).lower():
            wait = SECONDARY_RATE_LIMIT_WAIT
        if wait is None:
            return self._backoff(attempt)
        if wait > self.max_wait:
            until = time.strftime("%H:%M:%S UTC", time.gmtime(self._clock() + wait))
            why = "GitHub API rate limit exhausted" if rate_limited else "GitHub unavailable"
            raise self._error(
                f"{method} {path}: {status} {why}; it asks to wait "
                f"{wait:.0f} s (until {until}), more than the {self.max_wait:.0f} s tffix waits. "
                "Re-run later: finished repositories are skipped.",
                status,
                method,
                path,
            )
        return wait

    def _parse_retry_after(self, value: str) -> float | None:
        """Seconds, or an HTTP date (allowed by RFC 9110 though GitHub sends seconds)."""
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - self._clock())

    def _decode(self, method: str, path: str, status: int, raw: bytes) -> Any:
        if not raw.strip():
            return {}
        try:
            return json.loads(raw)
        except ValueError:
            raise self._error(
                f"{method} {path}: {status} answer is not JSON ({_snippet(raw)!r}); "
                f"is the API URL {self.api_url} right? GitHub Enterprise uses https://HOST/api/v3",
                status,
                method,
                path,
            ) from None

    def _http_error(
        self, method: str, path: str, status: int, headers: Any, raw: bytes, attempts: int
    ) -> GitHubError:
        message = _body_message(raw) or _snippet(raw)
        errors = _body_errors(raw)
        where = f"{method} {path}: {status}"
        detail = f" ({message})" if message else ""
        if status == 401:
            text = (
                f"{where} GitHub rejected the token: it is invalid, expired or revoked"
                f"{detail}; check GITHUB_TOKEN"
            )
        elif status == 403:
            sso = headers.get("X-GitHub-SSO") if headers else None
            if sso:
                text = (
                    f"{where} the organization requires SAML SSO authorization for this token"
                    f"{detail}; authorize it: {sso}"
                )
            elif (headers and headers.get("X-RateLimit-Remaining") == "0") or (
                "rate limit" in message.lower()
            ):
                text = f"{where} GitHub API rate limit exhausted after {attempts} attempt(s)"
                text += detail
            else:
                text = (
                    f"{where} the token lacks permission{detail}; it needs contents and "
                    "pull requests write access (classic tokens: the repo scope)"
                )
        elif status == 404:
            text = (
                f"{where} repository or pull request not found, or the token cannot see it"
                f"{detail} (GitHub answers 404, not 403, for private repositories)"
            )
        elif status == 422:
            listed = "; ".join(errors)
            text = f"{where} GitHub refused the request{detail}" + (f": {listed}" if listed else "")
        elif status == 429:
            text = f"{where} GitHub API rate limit exhausted after {attempts} attempt(s){detail}"
        elif 500 <= status < 600:
            text = f"{where} GitHub server error after {attempts} attempt(s){detail}"
        elif 300 <= status < 400:
            location = headers.get("Location") if headers else None
            text = f"{where} redirect to {location} not followed (another host, or not a GET)"
        else:
            text = f"{where} unexpected answer{detail}"
        return self._error(text, status, method, path, errors)


def _same_text(ours: str, theirs: str) -> bool:
    """A description edited in GitHub's web editor comes back with CRLF line ends."""
    return ours.replace("\r\n", "\n") == theirs.replace("\r\n", "\n")


def _json_object(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _body_message(raw: bytes) -> str:
    message = _json_object(raw).get("message")
    return message if isinstance(message, str) else ""


def _body_errors(raw: bytes) -> tuple[str, ...]:
    """GitHub's ``errors`` list: a sentence when it has one, else resource.field code."""
    items = _json_object(raw).get("errors")
    if not isinstance(items, list):
        return ()
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            if isinstance(item.get("message"), str):
                out.append(item["message"])
            else:
                field = ".".join(str(item[k]) for k in ("resource", "field") if item.get(k))
                out.append(f"{field} {item.get('code', 'invalid')}".strip())
    return tuple(out)


def _snippet(raw: bytes, limit: int = 200) -> str:
    text = raw.decode("utf-8", "replace").strip()
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "..."
