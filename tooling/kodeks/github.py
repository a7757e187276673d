"""GitHub Actions glue, in Python so that it is tested and the workflow YAML stays short.

Two halves, never in the same job: ``redline_artifact`` runs on the pull request's own code
with a read-only token and writes files; ``comment_from_artifact`` runs in a separate
``workflow_run`` workflow from the default branch and treats those files as untrusted data.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Diagnostic, KodeksError

MARKER = "<!-- kodeks-redline -->"
"""Opens the sticky comment; the posting step finds the comment to update by it."""
COMMENT_MAX = 65_536
"""GitHub answers 422 for a longer comment body."""
SUMMARY_MAX = 1024 * 1024
"""$GITHUB_STEP_SUMMARY takes at most 1 MiB per step."""
_DIGITS = re.compile(r"[0-9]{1,10}")
_SHA = re.compile(r"[0-9a-f]{40}")
_MENTION = re.compile("@(?!\u2060)")
"""An «@» not yet followed by a word joiner, which keeps GitHub from reading a mention."""


class GitHubError(KodeksError):
    """Missing or inconsistent GitHub Actions context, or an artifact that fails its checks."""


@dataclass(frozen=True, slots=True)
class PullRequest:
    number: int
    base_sha: str
    head_sha: str


def read_event(path: str | None) -> dict[str, Any]:
    if not path:
        raise GitHubError("GITHUB_EVENT_PATH is not set: run this inside GitHub Actions or pass --event FILE")
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise GitHubError(f"cannot read the event payload {path}: {error}") from error
    if not isinstance(event, dict):
        raise GitHubError(f"the event payload {path} is not a JSON object")
    return event


def pull_request(event: dict[str, Any]) -> PullRequest:
    """The pull request of a ``pull_request`` event: its number and the SHAs to compare."""
    pr = event.get("pull_request")
    if not isinstance(pr, dict):
        raise GitHubError("the event is not a pull_request event")
    try:
        number = int(pr["number"])
        base_sha, head_sha = str(pr["base"]["sha"]), str(pr["head"]["sha"])
    except (KeyError, TypeError, ValueError) as error:
        raise GitHubError(f"the pull_request event lacks {error}") from error
    if not (_SHA.fullmatch(base_sha) and _SHA.fullmatch(head_sha)):
        raise GitHubError("the pull_request event has malformed commit SHAs")
    return PullRequest(number, base_sha, head_sha)


def run_url(environ: dict[str, str]) -> str:
    """The Actions run page, where the redline artifact can be downloaded."""
    server = environ.get("GITHUB_SERVER_URL", "https://github.com")
    repository, run_id = environ.get("GITHUB_REPOSITORY", ""), environ.get("GITHUB_RUN_ID", "")
    return f"{server}/{repository}/actions/runs/{run_id}" if repository and run_id else ""


def comment_body(markdown: str, artifact_url: str) -> str:
    """The sticky comment: our marker, the redline, and where the full HTML/DOCX is."""
    link = f"\n\n[Full redline (HTML, DOCX) — run artifacts]({artifact_url})\n" if artifact_url else "\n"
    return f"{MARKER}\n{markdown.rstrip()}{link}"


def write_redline_artifact(
    directory: Path, pr: PullRequest, markdown: str, html: bytes, docx: bytes, artifact_url: str
) -> None:
    """The files the comment workflow will read: all of them data, none of them code."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "comment.md").write_text(comment_body(markdown, artifact_url), encoding="utf-8")
    (directory / "redline.html").write_bytes(html)
    (directory / "redline.docx").write_bytes(docx)
    (directory / "pr-number").write_text(f"{pr.number}\n", encoding="ascii")
    (directory / "head-sha").write_text(f"{pr.head_sha}\n", encoding="ascii")


@dataclass(frozen=True, slots=True)
class Comment:
    pr_number: int
    body: str


def comment_from_artifact(directory: Path, event: dict[str, Any]) -> Comment:
    """Check an artifact written by pull-request code and make a comment that is safe to post.

    The PR number must be digits and belong to the run's head commit; the body is re-fenced:
    mentions are defused, forged markers removed, and the length capped.
    """
    run = event.get("workflow_run")
    if not isinstance(run, dict):
        raise GitHubError("the event is not a workflow_run event")
    try:
        number_text = (directory / "pr-number").read_text(encoding="ascii").strip()
        head_sha = (directory / "head-sha").read_text(encoding="ascii").strip()
        raw = (directory / "comment.md").read_bytes()[: COMMENT_MAX * 4]
    except (OSError, UnicodeDecodeError) as error:
        raise GitHubError(f"the redline artifact is incomplete or malformed: {error}") from error
    if not _DIGITS.fullmatch(number_text):
        raise GitHubError("the artifact's PR number is not a number")
    if head_sha != run.get("head_sha"):
        raise GitHubError("the artifact's head commit is not the commit this workflow run built")
    number = int(number_text)
    listed = [pr.get("number") for pr in run.get("pull_requests") or [] if isinstance(pr, dict)]
    if listed and number not in listed:  # empty for forks: then the head SHA check stands alone
        raise GitHubError("the artifact's PR number does not match the workflow run's pull request")
    return Comment(number, safe_comment(raw.decode("utf-8", errors="replace")))


def safe_comment(body: str) -> str:
    """A body that mentions no one, carries exactly one marker (ours, first) and fits GitHub."""
    body = _MENTION.sub("@\u2060", body.replace(MARKER, ""))
    limit = COMMENT_MAX - len(MARKER) - 200
    if len(body) > limit:
        body = body[:limit] + "\n\n… (cut to fit GitHub's comment limit)\n"
    return f"{MARKER}\n{body.lstrip()}"


def step_summary(diagnostics: list[Diagnostic], verdict: str) -> str:
    """A Markdown summary of validation for $GITHUB_STEP_SUMMARY, within its 1 MiB."""
    from .render.markdown import escape

    lines = [f"### kodeks validate\n\n{escape(verdict)}\n"]
    if diagnostics:
        lines.append("| where | code | message |\n|---|---|---|")
    size = sum(len(line) for line in lines)
    for index, d in enumerate(diagnostics):
        line = f"| {escape(str(d.location))} | {d.code} | {escape(d.message)} |"
        if size + len(line) + 200 > SUMMARY_MAX:
            lines.append(f"\n… and {len(diagnostics) - index} more: see the job log.")
            break
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n"


def append_file(path: str | None, text: str) -> None:
    """Append to a GitHub-provided file ($GITHUB_STEP_SUMMARY, $GITHUB_OUTPUT) when it is set."""
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)
