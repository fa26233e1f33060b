"""The GitHub provider against the local fake: behaviour, retries, errors, and the token."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bulk.fake_github import FakeGitHub
from tffix.bulk.github import GitHub, GitHubError, PullRequest, RepoId, repo_id_from_url

TOKEN = "ghp_s3cretT0kenValue1234567890abcdef"
REPO = RepoId("acme", "infra")


class Clock:
    """Fake time: the client sleeps by advancing it, so tests never wait."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub(token=TOKEN) as server:
        server.add_repo("acme", "infra", default_branch="trunk")
        yield server
        assert server.violations == []


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(fake: FakeGitHub, clock: Clock) -> GitHub:
    return GitHub(TOKEN, api_url=fake.url, sleep=clock.sleep, clock=clock)


def open_pr(client: GitHub, title: str = "tffix: fixes", body: str = "body") -> tuple:
    return client.open_or_update(REPO, branch="tffix/fixes", base="trunk", title=title, body=body)


# -- behaviour ---------------------------------------------------------------


def test_default_branch(client: GitHub) -> None:
    assert client.default_branch(REPO) == "trunk"
    assert client.requests_made == [("GET", "/repos/acme/infra")]


def test_create_find_update_unchanged(client: GitHub, fake: FakeGitHub) -> None:
    assert client.find_open_pull(REPO, "tffix/fixes") is None

    pr, action = open_pr(client)
    assert action == "created"
    assert pr == PullRequest(
        number=1,
        url="https://github.test/acme/infra/pull/1",
        title="tffix: fixes",
        body="body",
        head="tffix/fixes",
        base="trunk",
        draft=False,
    )
    assert client.find_open_pull(REPO, "tffix/fixes") == pr

    pr2, action = open_pr(client, body="new body")
    assert (action, pr2.number, pr2.body) == ("updated", 1, "new body")
    assert [(w.method, w.path, w.json) for w in fake.writes] == [
        (
            "POST",
            "/repos/acme/infra/pulls",
            {
                "title": "tffix: fixes",
                "head": "tffix/fixes",
                "base": "trunk",
                "body": "body",
                "draft": False,
            },
        ),
        ("PATCH", "/repos/acme/infra/pulls/1", {"title": "tffix: fixes", "body": "new body"}),
    ]

    writes_before = len(fake.writes)
    pr3, action = open_pr(client, body="new body")
    assert (action, pr3) == ("unchanged", pr2)
    assert len(fake.writes) == writes_before
    assert len(fake.pulls("acme", "infra")) == 1


def test_title_change_alone_updates(client: GitHub) -> None:
    open_pr(client)
    pr, action = open_pr(client, title="tffix: more fixes")
    assert (action, pr.title) == ("updated", "tffix: more fixes")


def test_crlf_body_from_web_editor_is_unchanged(client: GitHub, fake: FakeGitHub) -> None:
    fake.add_pull("acme", "infra", head="tffix/fixes", base="trunk", title="t", body="a\r\nb\r\n")
    _, action = open_pr(client, title="t", body="a\nb\n")
    assert action == "unchanged"
    assert fake.writes == []


def test_null_body_equals_empty(client: GitHub, fake: FakeGitHub) -> None:
    fake.add_pull("acme", "infra", head="tffix/fixes", base="trunk", title="t", body=None)
    pr, action = open_pr(client, title="t", body="")
    assert (action, pr.body) == ("unchanged", "")


def test_closed_pr_is_not_reused(client: GitHub, fake: FakeGitHub) -> None:
    fake.add_pull("acme", "infra", head="tffix/fixes", base="trunk", state="closed")
    pr, action = open_pr(client)
    assert (action, pr.number) == ("created", 2)


def test_other_branches_prs_are_ignored(client: GitHub, fake: FakeGitHub) -> None:
    fake.add_pull("acme", "infra", head="feature", base="trunk")
    assert client.find_open_pull(REPO, "tffix/fixes") is None
    assert fake.requests[-1].query["head"] == ["acme:tffix/fixes"]


def test_draft(client: GitHub, fake: FakeGitHub) -> None:
    pr, action = client.open_or_update(
        REPO, branch="b", base="trunk", title="t", body="", draft=True
    )
    assert (action, pr.draft) == ("created", True)
    assert fake.writes[0].json["draft"] is True


def test_no_duplicate_when_create_races(
    client: GitHub, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another run opened the PR between our lookup and our POST: update it, don't fail."""
    pr = client.create_pull(REPO, branch="tffix/fixes", base="trunk", title="old", body="")
    with pytest.raises(GitHubError) as info:
        client.create_pull(REPO, branch="tffix/fixes", base="trunk", title="t", body="")
    assert info.value.status == 422
    assert "A pull request already exists for acme:tffix/fixes." in str(info.value)

    real_find = client.find_open_pull
    lookups: list[str] = []

    def find_missing_the_first_time(repo: RepoId, branch: str) -> PullRequest | None:
        lookups.append(branch)
        return None if len(lookups) == 1 else real_find(repo, branch)

    monkeypatch.setattr(client, "find_open_pull", find_missing_the_first_time)
    got, action = open_pr(client, title="new")
    assert (action, got.number, got.title) == ("updated", pr.number, "new")
    assert len(lookups) == 2
    assert len(fake.pulls("acme", "infra")) == 1


def test_lost_answer_to_create_is_not_a_duplicate(
    client: GitHub, fake: FakeGitHub, clock: Clock
) -> None:
    """GitHub wrote the PR but the 502 hid it; the retried POST gets 422 'already exists'."""
    fake.fail_next(502, method="POST", after=True)
    pr, action = open_pr(client)
    assert (action, pr.number) == ("created", 1)
    assert len(fake.pulls("acme", "infra")) == 1
    assert clock.sleeps == [1.0]


def test_ghe_path_prefix(clock: Clock) -> None:
    with FakeGitHub(token=TOKEN, prefix="/api/v3") as fake:
        fake.add_repo("acme", "infra")
        assert fake.url.endswith("/api/v3")
        client = GitHub(TOKEN, api_url=fake.url + "/", sleep=clock.sleep, clock=clock)
        assert client.default_branch(REPO) == "main"
        _, action = client.open_or_update(REPO, branch="b", base="main", title="t", body="")
        assert action == "created"
        assert fake.violations == []
        assert {r.path for r in fake.requests} == {"/repos/acme/infra", "/repos/acme/infra/pulls"}


def test_api_url_from_environment(fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_API_URL", fake.url)
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    assert GitHub().default_branch(REPO) == "trunk"


def test_bare_remote_checks(tmp_path: Path, clock: Clock) -> None:
    """With a remote, the fake refuses PRs for unpushed or empty branches like GitHub."""
    remote = tmp_path / "acme" / "infra.git"
    work = tmp_path / "work"

    def git(*args: str) -> None:
        config = ["-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"]
        subprocess.run(["git", *config, *args], check=True)

    git("init", "-q", "--bare", str(remote))
    git("init", "-q", str(work))
    git("-C", str(work), "commit", "-q", "--allow-empty", "-m", "a")
    git("-C", str(work), "push", "-q", str(remote), "main", "main:same")
    with FakeGitHub(token=TOKEN) as fake:
        fake.add_repo("acme", "infra", remote=remote)
        client = GitHub(TOKEN, api_url=fake.url, sleep=clock.sleep, clock=clock)
        repo = repo_id_from_url(str(remote))
        with pytest.raises(GitHubError, match=r"PullRequest\.head invalid"):
            client.create_pull(repo, branch="nope", base="main", title="t", body="")
        with pytest.raises(GitHubError, match="No commits between main and same"):
            client.create_pull(repo, branch="same", base="main", title="t", body="")
        git("-C", str(work), "commit", "-q", "--allow-empty", "-m", "b")
        git("-C", str(work), "push", "-q", str(remote), "HEAD:fix")
        pr = client.create_pull(repo, branch="fix", base="main", title="t", body="")
        assert pr.number == 1
        assert fake.violations == []


# -- repo_id_from_url ----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://github.com/acme/infra", RepoId("acme", "infra")),
        ("https://github.com/acme/infra.git", RepoId("acme", "infra")),
        ("https://github.com/acme/infra/", RepoId("acme", "infra")),
        ("https://ghe.example.com/acme/infra.git", RepoId("acme", "infra")),
        ("https://user:pw@github.com/acme/infra.git", RepoId("acme", "infra")),
        ("git@github.com:acme/infra.git", RepoId("acme", "infra")),
        ("git@github.com:acme/infra", RepoId("acme", "infra")),
        ("github.com:acme/infra.git", RepoId("acme", "infra")),
        ("ssh://git@github.com/acme/infra.git", RepoId("acme", "infra")),
        ("ssh://git@github.com:2222/acme/infra.git", RepoId("acme", "infra")),
        ("file:///srv/remotes/acme/infra.git", RepoId("acme", "infra")),
        ("/tmp/x/remotes/acme/infra.git", RepoId("acme", "infra")),
        ("remotes/acme/infra", RepoId("acme", "infra")),
        ("acme/infra", RepoId("acme", "infra")),
        ("C:\\remotes\\acme\\infra.git", RepoId("acme", "infra")),
        ("  https://github.com/acme/infra.git\n", RepoId("acme", "infra")),
    ],
)
def test_repo_id_from_url(url: str, expected: RepoId) -> None:
    assert repo_id_from_url(url) == expected


@pytest.mark.parametrize(
    "url", ["", "infra", "https://github.com/infra", "git@github.com:infra.git", "/", ".git"]
)
def test_repo_id_from_url_needs_two_components(url: str) -> None:
    with pytest.raises(ValueError, match="owner/name"):
        repo_id_from_url(url)


def test_repo_with_odd_characters_is_quoted(client: GitHub, fake: FakeGitHub) -> None:
    fake.add_repo("acme", "my.repo-x")
    assert client.default_branch(RepoId("acme", "my.repo-x")) == "main"


# -- retries and rate limits ---------------------------------------------------


def test_retries_5xx_with_backoff(client: GitHub, fake: FakeGitHub, clock: Clock) -> None:
    fake.fail_next(502, times=2, path="/repos/acme/infra")
    assert client.default_branch(REPO) == "trunk"
    assert clock.sleeps == [1.0, 2.0]
    assert client.requests_made == [("GET", "/repos/acme/infra")] * 3


def test_html_error_page_is_retried(client: GitHub, fake: FakeGitHub, clock: Clock) -> None:
    fake.fail_next(503, body="<html><body>Unicorn!</body></html>")
    assert client.default_branch(REPO) == "trunk"
    assert clock.sleeps == [1.0]


def test_network_error_is_retried(client: GitHub, fake: FakeGitHub, clock: Clock) -> None:
    fake.disconnect_next(times=2)
    assert client.default_branch(REPO) == "trunk"
    assert clock.sleeps == [1.0, 2.0]


def test_network_error_gives_up(clock: Clock) -> None:
    with FakeGitHub(token=TOKEN) as fake:
        url = fake.url
    client = GitHub(TOKEN, api_url=url, retries=2, sleep=clock.sleep, clock=clock, timeout=2)
    with pytest.raises(GitHubError, match=r"could not reach GitHub .* after 3 attempt") as info:
        client.default_branch(REPO)
    assert info.value.status is None
    assert info.value.__context__ is None and info.value.__cause__ is None
    assert clock.sleeps == [1.0, 2.0]


def test_gives_up_after_retries(fake: FakeGitHub, clock: Clock) -> None:
    client = GitHub(TOKEN, api_url=fake.url, retries=3, sleep=clock.sleep, clock=clock)
    fake.fail_next(500, times=10)
    with pytest.raises(GitHubError) as info:
        client.default_branch(REPO)
    message = str(info.value)
    assert info.value.status == 500
    assert "GET /repos/acme/infra: 500" in message
    assert "server error after 4 attempt(s)" in message
    assert clock.sleeps == [1.0, 2.0, 4.0]
    assert len(fake.requests) == 4


def test_retry_after_honoured(client: GitHub, fake: FakeGitHub, clock: Clock) -> None:
    fake.fail_next(429, headers={"Retry-After": "7"})
    fake.fail_next(403, headers={"Retry-After": "3"}, body={"message": "secondary rate limit"})
    assert client.default_branch(REPO) == "trunk"
    assert clock.sleeps == [7.0, 3.0]


def test_retry_after_on_503(client: GitHub, fake: FakeGitHub, clock: Clock) -> None:
    fake.fail_next(503, headers={"Retry-After": "12"})
    assert client.default_branch(REPO) == "trunk"
    assert clock.sleeps == [12.0]


def test_rate_limit_reset_honoured(client: GitHub, fake: FakeGitHub, clock: Clock) -> None:
    reset = int(clock.now) + 42
    fake.fail_next(
        403,
        headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)},
        body={"message": "API rate limit exceeded for user ID 1."},
    )
    assert client.default_branch(REPO) == "trunk"
    assert clock.sleeps == [pytest.approx(43.0)]  # the reset, plus a second of clock skew


def test_secondary_rate_limit_without_headers_waits_a_minute(
    client: GitHub, fake: FakeGitHub, clock: Clock
) -> None:
    fake.fail_next(403, body={"message": "You have exceeded a secondary rate limit."})
    assert client.default_branch(REPO) == "trunk"
    assert clock.sleeps == [60.0]


def test_429_without_headers_backs_off(client: GitHub, fake: FakeGitHub, clock: Clock) -> None:
    fake.fail_next(429, times=2)
    assert client.default_branch(REPO) == "trunk"
    assert clock.sleeps == [1.0, 2.0]


def test_rate_limit_wait_too_long_fails_clearly(
    client: GitHub, fake: FakeGitHub, clock: Clock
) -> None:
    fake.fail_next(
        403,
        headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(clock.now) + 3600)},
        body={"message": "API rate limit exceeded"},
    )
    with pytest.raises(GitHubError, match="rate limit exhausted") as info:
        client.default_branch(REPO)
    assert info.value.status == 403
    assert "more than the 600 s" in str(info.value)
    assert clock.sleeps == []


def test_retry_after_too_long_on_503(client: GitHub, fake: FakeGitHub, clock: Clock) -> None:
    fake.fail_next(503, headers={"Retry-After": "7200"})
    with pytest.raises(GitHubError, match=r"503 GitHub unavailable; it asks to wait 7200 s"):
        client.default_branch(REPO)
    assert clock.sleeps == []


def test_rate_limit_exhausted_after_retries(fake: FakeGitHub, clock: Clock) -> None:
    client = GitHub(TOKEN, api_url=fake.url, retries=1, sleep=clock.sleep, clock=clock)
    fake.fail_next(429, times=5, headers={"Retry-After": "1"})
    with pytest.raises(GitHubError, match=r"429 GitHub API rate limit exhausted after 2"):
        client.default_branch(REPO)


def test_4xx_are_not_retried(client: GitHub, fake: FakeGitHub, clock: Clock) -> None:
    fake.fail_next(404)
    with pytest.raises(GitHubError):
        client.default_branch(REPO)
    assert clock.sleeps == []
    assert len(fake.requests) == 1


# -- errors ----------------------------------------------------------------------


def test_401(client: GitHub, fake: FakeGitHub) -> None:
    fake.fail_next(401, body={"message": "Bad credentials"})
    with pytest.raises(GitHubError) as info:
        client.default_branch(REPO)
    assert info.value.status == 401
    assert str(info.value).startswith("GET /repos/acme/infra: 401")
    assert "invalid, expired or revoked" in str(info.value)
    assert "Bad credentials" in str(info.value)


def test_wrong_token_is_401(fake: FakeGitHub, clock: Clock) -> None:
    client = GitHub("ghp_wrong", api_url=fake.url, sleep=clock.sleep, clock=clock)
    with pytest.raises(GitHubError, match=r"401.*invalid, expired or revoked"):
        client.default_branch(REPO)
    assert fake.violations == ["GET /repos/acme/infra: wrong Authorization: Bearer token"]
    fake.violations.clear()


def test_403_permission(client: GitHub, fake: FakeGitHub) -> None:
    fake.fail_next(403, body={"message": "Resource not accessible by integration"})
    with pytest.raises(GitHubError) as info:
        open_pr(client)
    assert info.value.status == 403
    assert "lacks permission" in str(info.value)
    assert "Resource not accessible by integration" in str(info.value)


def test_403_sso(client: GitHub, fake: FakeGitHub) -> None:
    fake.fail_next(
        403,
        headers={"X-GitHub-SSO": "required; url=https://github.com/orgs/acme/sso?authorization"},
        body={"message": "Resource protected by organization SAML enforcement."},
    )
    with pytest.raises(GitHubError, match=r"SAML SSO authorization.*orgs/acme/sso"):
        client.default_branch(REPO)


def test_404(client: GitHub) -> None:
    with pytest.raises(GitHubError) as info:
        client.default_branch(RepoId("acme", "missing"))
    assert info.value.status == 404
    assert str(info.value).startswith("GET /repos/acme/missing: 404")
    assert "not found, or the token cannot see it" in str(info.value)


def test_422_lists_errors(client: GitHub) -> None:
    with pytest.raises(GitHubError) as info:
        client.create_pull(REPO, branch="trunk", base="trunk", title="t", body="")
    assert info.value.status == 422
    assert info.value.errors == ("No commits between trunk and trunk",)
    assert str(info.value) == (
        "POST /repos/acme/infra/pulls: 422 GitHub refused the request (Validation Failed): "
        "No commits between trunk and trunk"
    )


def test_422_field_errors(client: GitHub, fake: FakeGitHub) -> None:
    fake.fail_next(
        422,
        body={
            "message": "Validation Failed",
            "errors": [{"resource": "PullRequest", "field": "base", "code": "invalid"}],
        },
    )
    with pytest.raises(GitHubError, match=r"Validation Failed\): PullRequest\.base invalid"):
        open_pr(client)


def test_non_json_answer_hints_at_api_url(client: GitHub, fake: FakeGitHub) -> None:
    fake.fail_next(200, body="<html>GitHub Enterprise sign-in</html>")
    with pytest.raises(GitHubError, match=r"not JSON.*GitHub Enterprise uses https://HOST/api/v3"):
        client.default_branch(REPO)


def test_cross_host_redirect_is_not_followed(client: GitHub, fake: FakeGitHub) -> None:
    """urllib would carry the Authorization header to whatever host a redirect names."""
    with FakeGitHub(token=TOKEN) as other:
        other.add_repo("acme", "infra")
        fake.fail_next(301, headers={"Location": other.url + "/repos/acme/infra"})
        with pytest.raises(GitHubError, match=r"301 redirect .* not followed"):
            client.default_branch(REPO)
        assert other.requests == []


def test_same_host_redirect_is_followed(client: GitHub, fake: FakeGitHub) -> None:
    """GitHub answers 301 for a renamed repository, within the API host."""
    fake.add_repo("acme", "renamed", default_branch="develop")
    fake.fail_next(301, headers={"Location": fake.url + "/repos/acme/renamed"}, path="*/infra")
    assert client.default_branch(REPO) == "develop"
    assert fake.requests[-1].headers["Authorization"] == f"Bearer {TOKEN}"


# -- the token -------------------------------------------------------------------


def test_missing_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    with pytest.raises(GitHubError, match="GITHUB_TOKEN"):
        GitHub()
    monkeypatch.setenv("GITHUB_TOKEN", "  ")
    with pytest.raises(GitHubError, match="GITHUB_TOKEN"):
        GitHub()


def test_token_from_environment_is_stripped(
    fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN + "\n")
    assert GitHub(api_url=fake.url).default_branch(REPO) == "trunk"


def test_token_with_line_break_refused() -> None:
    with pytest.raises(GitHubError, match="whitespace") as info:
        GitHub("abc\r\nX-Evil: 1")
    assert "abc" not in str(info.value)


def test_plain_http_only_to_loopback() -> None:
    with pytest.raises(GitHubError, match="plain http") as info:
        GitHub(TOKEN, api_url="http://ghe.example.com/api/v3")
    assert TOKEN not in str(info.value)
    assert GitHub(TOKEN, api_url="http://localhost:1/api/v3").api_url.endswith("/api/v3")
    with pytest.raises(GitHubError, match="http"):
        GitHub(TOKEN, api_url="ftp://ghe.example.com")


def test_default_api_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_API_URL", raising=False)
    assert GitHub(TOKEN).api_url == "https://api.github.com"


def test_repr_hides_token(client: GitHub) -> None:
    assert TOKEN not in repr(client)
    assert TOKEN not in str(vars(client).get("requests_made"))


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422, 500])
def test_token_echoed_by_server_is_masked(client: GitHub, fake: FakeGitHub, status: int) -> None:
    """A proxy or server that echoes the request back must not put the token in our errors."""
    fake.fail_next(
        status,
        times=10,
        headers={"X-GitHub-SSO": f"required; url=https://x/?t={TOKEN}"},
        body={
            "message": f"Bad header Authorization: Bearer {TOKEN}",
            "errors": [{"message": f"token {TOKEN} rejected"}, f"raw {TOKEN}"],
        },
    )
    with pytest.raises(GitHubError) as info:
        client.default_branch(REPO)
    exc = info.value
    texts = [str(exc), repr(exc), *map(str, exc.args), *exc.errors]
    assert all(TOKEN not in text for text in texts), texts
    assert "***" in str(exc)
    assert exc.__context__ is None and exc.__cause__ is None


def test_token_echoed_in_text_body_is_masked(client: GitHub, fake: FakeGitHub) -> None:
    fake.fail_next(418, body=f"<pre>Authorization: Bearer {TOKEN}</pre>")
    with pytest.raises(GitHubError) as info:
        client.default_branch(REPO)
    assert TOKEN not in str(info.value) and TOKEN not in repr(info.value)
    assert "Bearer ***" in str(info.value)


def test_token_echoed_in_non_json_success_is_masked(client: GitHub, fake: FakeGitHub) -> None:
    fake.fail_next(200, body=f"echo {TOKEN}")
    with pytest.raises(GitHubError) as info:
        client.default_branch(REPO)
    assert TOKEN not in str(info.value)


def test_token_sent_only_in_authorization(client: GitHub, fake: FakeGitHub) -> None:
    open_pr(client)
    for request in fake.requests:
        others = {k: v for k, v in request.headers.items() if k.lower() != "authorization"}
        assert TOKEN not in str(others) and TOKEN not in str(request.json)


def test_every_request_carries_the_required_headers(client: GitHub, fake: FakeGitHub) -> None:
    import tffix

    open_pr(client)
    open_pr(client, body="changed")
    for request in fake.requests:
        assert request.headers["User-Agent"] == f"tffix/{tffix.__version__}"
        assert request.headers["Accept"] == "application/vnd.github+json"
        assert request.headers["X-GitHub-Api-Version"] == "2022-11-28"
    assert all(w.headers["Content-Type"] == "application/json" for w in fake.writes)


# -- the fake itself ---------------------------------------------------------------


def test_fake_flags_bad_requests(fake: FakeGitHub) -> None:
    """The fake's checks are what make the tests above meaningful; prove they bite."""
    import json
    import urllib.error
    import urllib.request

    def send(method: str, path: str, headers: dict[str, str], body: bytes | None = None) -> int:
        request = urllib.request.Request(fake.url + path, data=body, method=method)
        for key, value in headers.items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    good = {
        "Authorization": f"Bearer {TOKEN}",
        "Accept": "application/vnd.github+json",
        "X-GitHub-Api-Version": "2022-11-28",
        "User-Agent": "tffix/0",
    }
    assert send("GET", "/repos/acme/infra", good) == 200
    assert send("GET", "/repos/acme/infra", {**good, "Accept": "*/*"}) == 400
    assert send("GET", "/repos/acme/infra", {**good, "User-Agent": "curl"}) == 400
    assert send("GET", "/repos/acme/infra", {**good, "X-GitHub-Api-Version": "x"}) == 400
    assert send("GET", "/repos/acme/infra/pulls?head=branch", good) == 400
    post = {**good, "Content-Type": "application/json"}
    pull = {"title": "t", "head": "h", "base": "trunk"}
    assert send("POST", "/repos/acme/infra/pulls", good, json.dumps(pull).encode()) == 400
    assert send("POST", "/repos/acme/infra/pulls", post, b"[1]") == 400
    assert send("POST", "/repos/acme/infra/pulls", post, b"{") == 400
    extra = json.dumps({**pull, "labels": ["x"]}).encode()
    assert send("POST", "/repos/acme/infra/pulls", post, extra) == 422
    typed = json.dumps({**pull, "draft": "yes"}).encode()
    assert send("POST", "/repos/acme/infra/pulls", post, typed) == 422
    assert send("POST", "/repos/acme/infra/pulls", post, b'{"head": "h", "base": "b"}') == 422
    assert send("DELETE", "/repos/acme/infra", good) == 404
    assert len(fake.violations) == 11
    assert send("POST", "/repos/acme/infra/pulls", post, json.dumps(pull).encode()) == 201
    assert len(fake.violations) == 11
    fake.violations.clear()
