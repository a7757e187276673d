"""GitHub Actions glue, in Python so that it is tested and the workflow YAML stays short.

Two halves, never in the same job. ``kodeks github redline`` runs on the pull request's own
code with a read-only token and writes an artifact for the author to download. ``kodeks github
comment`` runs from the default branch with a write token and trusts nothing the pull request
produced: it finds the pull request through the API from the run's head commit and head
repository, fetches its commits as Git objects (data, never checked out or run), recomputes
the redline with the default branch's kodeks, sanitises the body, and posts it.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic
from .errors import KodeksError, RevisionError
from .messages import Message, msg, plural
from .store.git import has_revision
from .wording import LEGAL_LANGUAGES

MARKER = "<!-- kodeks-redline -->"
"""Opens the sticky comment; the posting step finds the comment to update by it."""
COMMENT_MAX = 65_536
"""GitHub answers 422 for a longer comment body."""
SUMMARY_MAX = 1024 * 1024
"""$GITHUB_STEP_SUMMARY takes at most 1 MiB per step."""
EVENT_MAX = 25 * 1024 * 1024
"""GitHub's event payloads are far smaller; a bigger file is not one of them."""
API_RESPONSE_MAX = 16 * 1024 * 1024
BOT_LOGIN = "github-actions[bot]"
_SHA = re.compile(r"[0-9a-f]{40}")
_REPOSITORY = re.compile(r"[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}")


class GitHubError(KodeksError):
    """Missing or inconsistent GitHub Actions context, or an answer of the API we cannot use."""


@dataclass(frozen=True, slots=True)
class PullRequest:
    number: int
    base_sha: str
    head_sha: str
    base_ref: str = ""
    """The branch it is to merge into (``main``), as GitHub names it."""
    head_label: str = ""
    """Where its commits come from (``owner:branch``): a stranger's words, escaped where shown."""


def read_event(path: str | None) -> dict[str, Any]:
    if not path:
        raise GitHubError(msg("GITHUB_EVENT_PATH is not set: run this inside GitHub Actions or pass --event FILE"))
    try:
        with open(path, "rb") as handle:
            data = handle.read(EVENT_MAX + 1)
        if len(data) > EVENT_MAX:
            raise GitHubError(
                msg("the event payload {path} is larger than {limit} bytes", path=path, limit=format(EVENT_MAX, ","))
            )
        event = json.loads(data.decode("utf-8"))
    except (OSError, ValueError) as error:
        raise GitHubError(msg("cannot read the event payload {path}: {error}", path=path, error=str(error))) from error
    if not isinstance(event, dict):
        raise GitHubError(msg("the event payload {path} is not a JSON object", path=path))
    return event


def _field(value: Any, *keys: str) -> Any:
    """``value[k1][k2]…``, or None where any level is missing or not an object."""
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**9 else None


def pull_request(event: dict[str, Any]) -> PullRequest:
    """The pull request of a ``pull_request`` event: its number and the SHAs to compare."""
    pr = event.get("pull_request")
    if not isinstance(pr, dict):
        raise GitHubError(msg("the event is not a pull_request event"))
    number = _number(pr.get("number"))
    base_sha, head_sha = _field(pr, "base", "sha"), _field(pr, "head", "sha")
    if number is None:
        raise GitHubError(msg("the pull_request event has no pull request number"))
    if not (
        isinstance(base_sha, str)
        and _SHA.fullmatch(base_sha)
        and isinstance(head_sha, str)
        and _SHA.fullmatch(head_sha)
    ):
        raise GitHubError(msg("the pull_request event has malformed commit SHAs"))
    return PullRequest(number, base_sha, head_sha)


def run_url(environ: dict[str, str]) -> str:
    """The Actions run page, where the redline artifact can be downloaded."""
    server = environ.get("GITHUB_SERVER_URL", "https://github.com")
    repository, run_id = environ.get("GITHUB_REPOSITORY", ""), environ.get("GITHUB_RUN_ID", "")
    if not (_REPOSITORY.fullmatch(repository) and run_id.isdigit() and server.startswith("https://")):
        return ""
    return f"{server}/{repository}/actions/runs/{run_id}"


def comment_body(markdown: str, artifact_url: str, languages: Sequence[str] = LEGAL_LANGUAGES) -> str:
    """The sticky comment: our marker, the redline, and where the full HTML/DOCX is (in the
    languages of the comment, as the redline's own words are)."""
    words = " / ".join(dict.fromkeys(msg("Full redline (HTML, DOCX) — run artifacts").said(lang) for lang in languages))
    link = f"\n\n[{words}]({artifact_url})\n" if artifact_url else "\n"
    return f"{MARKER}\n{markdown.rstrip()}{link}"


def write_redline_artifact(directory: Path, comment: str, html: bytes, docx: bytes) -> None:
    """The redline as files: the comment as it is posted, the HTML and the Word document."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "comment.md").write_text(comment, encoding="utf-8")
    (directory / "redline.html").write_bytes(html)
    (directory / "redline.docx").write_bytes(docx)


# --- the trusted side: the API ----------------------------------------------------------------

Transport = Callable[[str, str, bytes | None, dict[str, str]], tuple[int, dict[str, str], bytes]]
"""``(method, url, body, headers) → (status, headers, body)``; tests give a recording one."""


def _urllib_transport(
    method: str, url: str, body: bytes | None, headers: dict[str, str]
) -> tuple[int, dict[str, str], bytes]:
    import urllib.error

    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (https API URL, checked)
            return response.status, dict(response.headers), response.read(API_RESPONSE_MAX + 1)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read(64 * 1024)
    except (urllib.error.URLError, OSError) as error:
        raise GitHubError(msg("cannot reach the GitHub API at {url}: {error}", url=url, error=str(error))) from error


class Api:
    """The few REST calls the comment job makes, with the job's token, JSON in and out."""

    def __init__(self, base_url: str, repository: str, token: str, transport: Transport = _urllib_transport) -> None:
        if not _REPOSITORY.fullmatch(repository):
            raise GitHubError(msg("GITHUB_REPOSITORY {repository} is not owner/name", repository=repr(repository)))
        if not token:
            raise GitHubError(msg("GITHUB_TOKEN is not set: the comment job needs the workflow's token"))
        self.base_url = base_url.rstrip("/")
        self.repository = repository
        self._token = token
        self._transport = transport

    def call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        body = None if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers = {
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {self._token}",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "kodeks",
        }
        if body is not None:
            headers["Content-Type"] = "application/json"
        status, _, data = self._transport(method, f"{self.base_url}/repos/{self.repository}{path}", body, headers)
        request = f"{method} {path}"
        if len(data) > API_RESPONSE_MAX:
            raise GitHubError(
                msg(
                    "{request}: the answer is larger than {limit} bytes",
                    request=request,
                    limit=format(API_RESPONSE_MAX, ","),
                )
            )
        if not 200 <= status < 300:
            raise GitHubError(
                msg(
                    "{request}: GitHub answered {status}: {answer}",
                    request=request,
                    status=status,
                    answer=data[:300].decode("utf-8", "replace"),
                )
            )
        try:
            return json.loads(data.decode("utf-8")) if data else None
        except ValueError as error:
            raise GitHubError(msg("{request}: the answer is not JSON", request=request)) from error

    def pages(self, path: str, limit: int = 50) -> list[Any]:
        """Every item of a paginated list (100 per page, at most ``limit`` pages)."""
        items: list[Any] = []
        separator = "&" if "?" in path else "?"
        for page in range(1, limit + 1):
            batch = self.call("GET", f"{path}{separator}per_page=100&page={page}")
            if not isinstance(batch, list):
                request = f"GET {path}"
                raise GitHubError(msg("{request}: expected a list", request=request))
            items += batch
            if len(batch) < 100:
                break
        return items


@dataclass(frozen=True, slots=True)
class RunHead:
    """What the workflow_run event says about the commit that was built; set by GitHub, not the PR."""

    sha: str
    repository: str
    owner: str
    branch: str


def run_head(event: dict[str, Any]) -> RunHead:
    run = event.get("workflow_run")
    if not isinstance(run, dict):
        raise GitHubError(msg("the event is not a workflow_run event"))
    sha = run.get("head_sha")
    repository = _field(run, "head_repository", "full_name")
    owner = _field(run, "head_repository", "owner", "login")
    branch = run.get("head_branch")
    if not (isinstance(sha, str) and _SHA.fullmatch(sha)):
        raise GitHubError(msg("the workflow_run event has no valid head_sha"))
    if not (isinstance(repository, str) and _REPOSITORY.fullmatch(repository) and isinstance(owner, str)):
        raise GitHubError(msg("the workflow_run event has no valid head_repository"))
    if not (isinstance(branch, str) and branch and len(branch) <= 255):
        raise GitHubError(msg("the workflow_run event has no head_branch"))
    return RunHead(sha, repository, owner, branch)


def find_pull_requests(api: Api, head: RunHead) -> list[PullRequest]:
    """The open pull requests of this repository whose head is exactly the commit the run built,
    from the run's head repository. Empty when the pull request moved on (a newer push) or closed:
    then the newer run posts."""
    query = urllib.parse.urlencode({"state": "open", "head": f"{head.owner}:{head.branch}"})
    found = []
    for pr in api.pages(f"/pulls?{query}", limit=5):
        number = _number(_field(pr, "number"))
        if (
            number is not None
            and _field(pr, "head", "sha") == head.sha
            and _field(pr, "head", "repo", "full_name") == head.repository
            and _field(pr, "base", "repo", "full_name") == api.repository
            and isinstance(_field(pr, "base", "sha"), str)
            and _SHA.fullmatch(_field(pr, "base", "sha"))
        ):
            base_ref, head_label = _field(pr, "base", "ref"), _field(pr, "head", "label")
            found.append(
                PullRequest(
                    number,
                    _field(pr, "base", "sha"),
                    head.sha,
                    base_ref if isinstance(base_ref, str) else "",
                    head_label if isinstance(head_label, str) else "",
                )
            )
    return found


def post_sticky(api: Api, number: int, body: str) -> Message:
    """Create or update our one comment on pull request ``number``; which of the two it did."""
    for comment in api.pages(f"/issues/{number}/comments"):
        body_text = _field(comment, "body")
        comment_id = _field(comment, "id")
        if (
            _field(comment, "user", "login") == BOT_LOGIN
            and isinstance(body_text, str)
            and body_text.startswith(MARKER)
            and isinstance(comment_id, int)
            and not isinstance(comment_id, bool)
            and 0 < comment_id < 2**63
        ):
            api.call("PATCH", f"/issues/comments/{comment_id}", {"body": body})
            return msg("comment updated")
    api.call("POST", f"/issues/{number}/comments", {"body": body})
    return msg("comment created")


def redline_files(root: Path, pr: PullRequest, artifact_url: str) -> tuple[str, bytes, bytes]:
    """The pull request's redline as the comment's Markdown, HTML and Word, read from Git objects."""
    from .compare import compare
    from .render import render_redline
    from .render.redline_md import render as render_md
    from .store.pair import read_pair

    comparison = compare(*read_pair(root, pr.base_sha, pr.head_sha))
    comparison = dataclasses.replace(comparison, names=(pr.base_ref, pr.head_label))
    languages = comparison.redline.head.languages
    return (
        render_md(comparison, languages, full_redline=artifact_url),
        render_redline("html", comparison, languages),
        render_redline("docx", comparison, languages, with_table=True),
    )


def comment_on_pull_requests(
    root: Path, event: dict[str, Any], api: Api, out: Path, artifact_url: str, token: str
) -> list[Message]:
    """The trusted job: for each open pull request whose head is the run's head commit, fetch
    its objects, recompute the redline with this (default-branch) kodeks, write the HTML and
    Word into ``out/pr-N/`` for upload, and post the sanitised comment. What it did, per line."""

    head = run_head(event)
    pull_requests = find_pull_requests(api, head)
    if not pull_requests:
        return [
            msg(
                "no open pull request from {repository} ends at {commit}: nothing to post (it moved on or closed)",
                repository=head.repository,
                commit=head.sha[:12],
            )
        ]
    done: list[Message] = []
    for pr in pull_requests:
        try:
            fetch_pull_request(root, pr.number, pr.head_sha, pr.base_sha, token)
        except RevisionError as error:
            done.append(msg("#{number}: {error}: nothing posted", number=pr.number, error=error.message))
            continue
        markdown, html, docx = redline_files(root, pr, artifact_url)
        body = safe_comment(comment_body(markdown, artifact_url), api.repository)
        write_redline_artifact(out / f"pr-{pr.number}", body, html, docx)
        posted = post_sticky(api, pr.number, body)
        size = format(len(body), ",")
        done.append(msg("#{number}: {done} ({size} characters)", number=pr.number, done=posted, size=size))
    return done


# --- the body: nothing live from article text --------------------------------------------------


def safe_comment(body: str, repository: str) -> str:
    """A body that is sanitised (``kodeks.sanitise``), carries exactly one marker (ours, first)
    and fits GitHub."""
    from .sanitise import sanitise

    limit = COMMENT_MAX - len(MARKER) - 200
    return f"{MARKER}\n{sanitise(body.removeprefix(MARKER), repository, limit)}\n"


# --- workflow outputs ----------------------------------------------------------------------------


def step_summary(diagnostics: list[Diagnostic], verdict: str) -> str:
    """A Markdown summary of validation for $GITHUB_STEP_SUMMARY, within its 1 MiB."""
    from .render.md import escape

    lines = [f"### kodeks validate\n\n{escape(verdict)}\n"]
    if diagnostics:
        # Each heading a literal msg() of its own: extraction does not look inside an f-string.
        where, code, message = msg("where"), msg("code"), msg("message")
        lines.append(f"| {where} | {code} | {message} |\n|---|---|---|")
    size = sum(len(line) for line in lines)
    for index, d in enumerate(diagnostics):
        line = f"| {escape(str(d.location))} | {d.code} | {escape(str(d.message))} |"
        if size + len(line) + 200 > SUMMARY_MAX:
            more = plural(
                "… and {count} more: see the job log.", "… and {count} more: see the job log.", len(diagnostics) - index
            )
            lines.append(f"\n{escape(str(more))}")
            break
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n"


def append_file(path: str | None, text: str) -> None:
    """Append to a GitHub-provided file ($GITHUB_STEP_SUMMARY, $GITHUB_OUTPUT) when it is set."""
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)


def fetch_pull_request(root: Path, number: int, head_sha: str, base_sha: str, token: str = "") -> None:
    """Fetch a pull request's head (and its base, if missing) into ``refs/kodeks/pull/N`` as Git
    objects only: nothing is checked out, no hook or filter of the pull request runs.

    The head must still be ``head_sha`` once fetched; otherwise the pull request moved on and
    a newer run will post. With ``token`` the fetch authenticates (private repositories)
    through the environment, never the command line.
    """
    import os

    env = dict(os.environ, GIT_TERMINAL_PROMPT="0")
    if token:
        import base64

        credentials = base64.b64encode(f"x-access-token:{token}".encode()).decode()
        env.update(
            GIT_CONFIG_COUNT="1",
            GIT_CONFIG_KEY_0="http.extraheader",
            GIT_CONFIG_VALUE_0=f"AUTHORIZATION: basic {credentials}",
        )
    local = f"refs/kodeks/pull/{number}"
    refspecs = [f"+refs/pull/{number}/head:{local}"]
    if not has_revision(root, base_sha):
        refspecs.append(base_sha)
    command = ["git", "fetch", "--quiet", "--no-tags", "--no-recurse-submodules", "--no-write-fetch-head"]
    result = subprocess.run(
        [*command, "origin", *refspecs], cwd=root, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    if result.returncode != 0:
        raise RevisionError(
            msg("cannot fetch pull request #{number}: {error}", number=number, error=result.stderr.strip()[:500])
        )
    fetched = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{local}^{{commit}}"], cwd=root, capture_output=True, text=True
    ).stdout.strip()
    if fetched != head_sha:
        raise RevisionError(
            msg(
                "pull request #{number} now ends at {fetched}, not {expected}: it moved on",
                number=number,
                fetched=fetched[:12],
                expected=head_sha[:12],
            )
        )
