"""The trusted comment job, replayed as a fork would attack it: a real Git origin with
``refs/pull/N/head``, a recorded workflow_run event, and a local HTTP server standing in for
the GitHub API that records every request. What GitHub would show is checked with cmark-gfm."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from kodeks.github import BOT_LOGIN, COMMENT_MAX, MARKER

from .conftest import BASE_FILES, A, git, github_html, kodeks

REPO = "lsg/code"


@dataclass
class FakeGitHub:
    """Answers the three calls the job makes; remembers every request."""

    pulls: list[dict[str, Any]] = field(default_factory=list)
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    requests: list[tuple[str, str, Any]] = field(default_factory=list)
    url: str = ""

    def pull(
        self, number: int, head_sha: str, base_sha: str, head_repo: str = "stranger/code", branch: str = "fix"
    ) -> dict[str, Any]:
        return {
            "number": number,
            "head": {"sha": head_sha, "repo": {"full_name": head_repo}, "label": f"{head_repo.split('/')[0]}:{branch}"},
            "base": {"sha": base_sha, "repo": {"full_name": REPO}, "ref": "main"},
        }


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def answer(self, status: int, payload: Any) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def handle_any(self, method: str) -> None:
            url = urlparse(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            fake.requests.append((method, self.path, body))
            if self.headers.get("Authorization") != "Bearer t0ken":
                return self.answer(401, {"message": "Bad credentials"})
            query = parse_qs(url.query)
            if method == "GET" and url.path == f"/repos/{REPO}/pulls":
                owner, _, _ = query["head"][0].partition(":")
                return self.answer(
                    200, [p for p in fake.pulls if p["head"]["repo"]["full_name"].split("/")[0] == owner]
                )
            match = re.fullmatch(rf"/repos/{REPO}/issues/(\d+)/comments", url.path)
            if match and method == "GET":
                return self.answer(200, fake.comments.get(int(match[1]), []) if query["page"] == ["1"] else [])
            if match and method == "POST":
                return self.answer(201, {"id": 1})
            if re.fullmatch(rf"/repos/{REPO}/issues/comments/\d+", url.path) and method == "PATCH":
                return self.answer(200, {"id": 1})
            return self.answer(404, {"message": "Not Found"})

        def do_GET(self) -> None:
            self.handle_any("GET")

        def do_POST(self) -> None:
            self.handle_any("POST")

        def do_PATCH(self) -> None:
            self.handle_any("PATCH")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=lambda: server.serve_forever(poll_interval=0.02), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield fake
    server.shutdown()


@dataclass
class Setup:
    checkout: Path
    """The trusted job's checkout of the default branch."""
    base_sha: str
    head_sha: str


def origin_with_pull_request(tmp_path: Path, code_repo: Callable[..., Path], head_files: dict[str, str]) -> Setup:
    """An origin where pull request 17 is a fork's commit on top of main, and the job's clone of main."""
    work = code_repo()
    base_sha = git(work, "rev-parse", "HEAD")
    git(work, "switch", "-q", "-c", "patch")
    for path, text in head_files.items():
        (work / path).write_text(text, encoding="utf-8")
    git(work, "commit", "-q", "-am", "a fork's proposal")
    head_sha = git(work, "rev-parse", "HEAD")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(work), str(origin))
    git(origin, "update-ref", "refs/pull/17/head", head_sha)
    git(origin, "update-ref", "-d", "refs/heads/patch")  # the fork's branch lives in the fork
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", "--branch", "main", str(origin), str(checkout))
    return Setup(checkout, base_sha, head_sha)


def run_event(tmp_path: Path, head_sha: str, owner: str = "stranger", branch: str = "patch") -> Path:
    path = tmp_path / "workflow_run.json"
    event = {
        "workflow_run": {
            "id": 99,
            "event": "pull_request",
            "head_sha": head_sha,
            "head_branch": branch,
            "head_repository": {"full_name": f"{owner}/code", "owner": {"login": owner}},
            "pull_requests": [],  # always empty for forks
        }
    }
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def comment(setup: Setup, github: FakeGitHub, tmp_path: Path, event: Path) -> Any:
    env = {
        "GITHUB_TOKEN": "t0ken",
        "GITHUB_API_URL": github.url,
        "GITHUB_REPOSITORY": REPO,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_RUN_ID": "5150",
        "GITHUB_EVENT_PATH": str(event),
    }
    return kodeks("github", "comment", "--root", str(setup.checkout), "--out", str(tmp_path / "out"), env=env)


def posted(github: FakeGitHub) -> list[tuple[str, str, Any]]:
    return [r for r in github.requests if r[0] in ("POST", "PATCH")]


HOSTILE = (
    "Кенеш @maintainers &#64;owner &commat;team решает ![pixel](https://evil.example/p.png) "
    "<img src=https://evil.example/i.png> [жми](https://evil.example/x) https://evil.example/y "
    "www.evil.example см. #123 и GH-7 <!-- kodeks<!-- kodeks-redline -->-redline --> вопросы"
)


def test_a_fork_cannot_comment_anywhere_but_its_own_pull_request(
    tmp_path: Path, code_repo: Callable[..., Path], github: FakeGitHub
) -> None:
    head = BASE_FILES[A + "kenesh.md"].replace("Кенеш решает вопросы", HOSTILE)
    setup = origin_with_pull_request(tmp_path, code_repo, {A + "kenesh.md": head})
    # The fork's own run left an artifact naming another pull request: the job never reads it.
    forged = setup.checkout / "artifact"
    forged.mkdir()
    (forged / "pr-number").write_text("18\n")
    (forged / "comment.md").write_text("![x](https://evil.example/x.png)")
    github.pulls = [github.pull(17, setup.head_sha, setup.base_sha)]
    github.comments[17] = [
        {"id": 5, "user": {"login": "stranger"}, "body": MARKER + " a forged sticky comment"},
        {"id": 6, "user": {"login": BOT_LOGIN}, "body": MARKER + "\nold redline"},
    ]

    result = comment(setup, github, tmp_path, run_event(tmp_path, setup.head_sha))

    assert result.exit_code == 0, result.output
    assert "#17: comment updated" in result.output
    writes = posted(github)
    assert [(method, path) for method, path, _ in writes] == [("PATCH", f"/repos/{REPO}/issues/comments/6")]
    body = writes[0][2]["body"]
    assert body.startswith(MARKER + "\n") and body.count(MARKER) == 1
    assert len(body) <= COMMENT_MAX
    html = github_html(body)
    assert html.count("<!--") == 1 and "<img" not in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith(("#", f"https://github.com/{REPO}/")) for h in hrefs), hrefs
    text = re.sub(r"<[^>]+>", "", html)
    for live in ("@maintainers", "@owner", "@team", "#123", "GH-7", "https://evil", "www.evil"):
        assert live not in text, live
    assert "&#64;owner" not in body and "&commat;team" not in body
    # The text itself is all there for the reader, only defused.
    assert "maintainers" in text and "pixel" in text and "evil.example/y" in text and "решает" in text
    # The recomputed redline is in the job's own artifact, linked from the comment.
    assert (tmp_path / "out" / "pr-17" / "redline.docx").stat().st_size > 0
    assert "https://github.com/lsg/code/actions/runs/5150" in body


def test_a_pull_request_from_another_repository_or_that_moved_on_gets_nothing(
    tmp_path: Path, code_repo: Callable[..., Path], github: FakeGitHub
) -> None:
    setup = origin_with_pull_request(
        tmp_path, code_repo, {A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("решает", "рассматривает")}
    )
    # Same branch name in another fork, and our pull request whose head is now a newer commit.
    github.pulls = [
        github.pull(18, setup.head_sha, setup.base_sha, head_repo="stranger/other"),
        github.pull(17, "c" * 40, setup.base_sha),
    ]
    result = comment(setup, github, tmp_path, run_event(tmp_path, setup.head_sha))
    assert result.exit_code == 0, result.output
    assert "nothing to post" in result.output
    assert posted(github) == []


def test_the_fetched_head_must_be_the_commit_the_run_built(
    tmp_path: Path, code_repo: Callable[..., Path], github: FakeGitHub
) -> None:
    setup = origin_with_pull_request(
        tmp_path, code_repo, {A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("решает", "рассматривает")}
    )
    # The API still says the old head, but refs/pull/17/head moved between the two calls.
    github.pulls = [github.pull(17, setup.head_sha, setup.base_sha)]
    git(tmp_path / "origin.git", "update-ref", "refs/pull/17/head", setup.base_sha)
    result = comment(setup, github, tmp_path, run_event(tmp_path, setup.head_sha))
    assert result.exit_code == 0, result.output
    assert "it moved on: nothing posted" in result.output
    assert posted(github) == []


def test_a_first_redline_creates_the_comment_and_bad_context_is_a_clear_error(
    tmp_path: Path, code_repo: Callable[..., Path], github: FakeGitHub
) -> None:
    setup = origin_with_pull_request(
        tmp_path, code_repo, {A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("решает", "рассматривает")}
    )
    # A branch name is the stranger's words: the comment names both sides by branch, as text.
    github.pulls = [github.pull(17, setup.head_sha, setup.base_sha, branch="fix-<img src=x>`*b*`")]
    result = comment(setup, github, tmp_path, run_event(tmp_path, setup.head_sha))
    assert result.exit_code == 0, result.output
    assert [(m, p) for m, p, _ in posted(github)] == [("POST", f"/repos/{REPO}/issues/17/comments")]
    body = posted(github)[0][2]["body"]
    assert "<del>решает</del>" in body
    assert f"main ({setup.base_sha[:12]}) → stranger:fix-&lt;img src=x&gt;`*b*` ({setup.head_sha[:12]})" in body
    assert "<img" not in body and "<em>b</em>" not in body

    event = tmp_path / "bad.json"
    for payload in ({"workflow_run": {"head_sha": "x"}}, {"workflow_run": {"pull_requests": 17}}, [1, 2]):
        event.write_text(json.dumps(payload))
        result = comment(setup, github, tmp_path, event)
        assert result.exit_code == 2 and "Error:" in result.output, result.output
