"""The GitHub entry points, run with recorded event payloads on real Git repositories."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from kodeks.cli import cli
from kodeks.github import COMMENT_MAX, MARKER

from .conftest import BASE_FILES, git

A = "code_text/articles/"
Repo = Callable[..., Path]


def pull_request_event(root: Path, tmp_path: Path, fork: bool = False) -> Path:
    event = {
        "action": "synchronize",
        "number": 17,
        "pull_request": {
            "number": 17,
            "base": {"sha": git(root, "rev-parse", "HEAD~1"), "repo": {"full_name": "lsg/code"}},
            "head": {
                "sha": git(root, "rev-parse", "HEAD"),
                "repo": {"full_name": "stranger/code" if fork else "lsg/code"},
            },
        },
    }
    path = tmp_path / "pull_request.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def workflow_run_event(tmp_path: Path, head_sha: str, pull_requests: list[dict[str, Any]]) -> Path:
    path = tmp_path / "workflow_run.json"
    path.write_text(
        json.dumps({"workflow_run": {"id": 99, "head_sha": head_sha, "pull_requests": pull_requests}}), encoding="utf-8"
    )
    return path


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


ENV = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "lsg/code", "GITHUB_RUN_ID": "4242"}


def test_a_fork_pull_request_gets_its_redline_and_a_safe_comment(code_repo: Repo, tmp_path: Path) -> None:
    changed = BASE_FILES[A + "kenesh.md"].replace("Кенеш решает", "Кенеш @maintainers <!-- kodeks-redline --> решает")
    root = code_repo([{A + "kenesh.md": changed}])
    out = tmp_path / "artifact"
    result = invoke(
        "github",
        "redline",
        "--root",
        str(root),
        "--out",
        str(out),
        "--event",
        str(pull_request_event(root, tmp_path, fork=True)),
        env=ENV,
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "comment.md",
        "head-sha",
        "pr-number",
        "redline.docx",
        "redline.html",
    ]
    assert (out / "pr-number").read_text() == "17\n"
    assert (out / "head-sha").read_text().strip() == git(root, "rev-parse", "HEAD")
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith(MARKER + "\n## ")
    assert comment.count(MARKER) == 1  # the article's own «marker» is escaped text
    assert "[Full redline (HTML, DOCX) — run artifacts](https://github.com/lsg/code/actions/runs/4242)" in comment

    # The comment workflow: from a fork, workflow_run lists no pull requests; the head SHA decides.
    run_event = workflow_run_event(tmp_path, git(root, "rev-parse", "HEAD"), [])
    output = tmp_path / "github_output"
    body_file = tmp_path / "body.md"
    result = invoke(
        "github",
        "comment",
        str(out),
        "--event",
        str(run_event),
        "--body-file",
        str(body_file),
        env={"GITHUB_OUTPUT": str(output)},
    )
    assert result.exit_code == 0, result.output
    assert output.read_text() == "pr-number=17\n"
    body = body_file.read_text(encoding="utf-8")
    assert body.startswith(MARKER) and body.count(MARKER) == 1
    assert "@maintainers" not in body and "@\u2060maintainers" in body


def test_a_pull_request_without_code_changes_says_so(code_repo: Repo, tmp_path: Path) -> None:
    root = code_repo([{"README.md": "notes\n"}])
    out = tmp_path / "artifact"
    assert (
        invoke(
            "github",
            "redline",
            "--root",
            str(root),
            "--out",
            str(out),
            "--event",
            str(pull_request_event(root, tmp_path)),
        ).exit_code
        == 0
    )
    assert "Өзгөртүүлөр жок." in (out / "comment.md").read_text(encoding="utf-8")


def test_a_huge_pull_request_comment_is_cut_to_fit(code_repo: Repo, tmp_path: Path) -> None:
    from .test_redline import _synthetic_repo

    root = _synthetic_repo(tmp_path, 300)
    for path in (root / "code_text" / "articles").glob("*.md"):
        path.write_text(
            path.read_text(encoding="utf-8").replace("местного значения", "местного самоуправления"), encoding="utf-8"
        )
    git(root, "commit", "-q", "-am", "everywhere")
    out = tmp_path / "artifact"
    result = invoke(
        "github",
        "redline",
        "--root",
        str(root),
        "--out",
        str(out),
        "--event",
        str(pull_request_event(root, tmp_path)),
        env=ENV,
    )
    assert result.exit_code == 0, result.output
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert len(comment) < COMMENT_MAX
    assert (
        "articles left out to fit the comment; the full redline: https://github.com/lsg/code/actions/runs/4242"
        in comment
    )


def test_an_invalid_head_still_gets_a_redline_with_its_findings(code_repo: Repo, tmp_path: Path) -> None:
    root = code_repo([{A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: 9")}])
    out = tmp_path / "artifact"
    assert (
        invoke(
            "github",
            "redline",
            "--root",
            str(root),
            "--out",
            str(out),
            "--event",
            str(pull_request_event(root, tmp_path)),
        ).exit_code
        == 0
    )
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert "**Текшерүү: каталар бар** (1 / 0)" in comment
    assert "N003 article \\`kenesh\\` is numbered 9" in comment


def artifact(tmp_path: Path, number: str = "17", sha: str = "a" * 40, body: str = "hello") -> Path:
    directory = tmp_path / "untrusted"
    directory.mkdir(exist_ok=True)
    (directory / "pr-number").write_text(number)
    (directory / "head-sha").write_text(sha)
    (directory / "comment.md").write_text(body)
    return directory


def test_the_comment_step_refuses_a_forged_artifact(tmp_path: Path) -> None:
    event = workflow_run_event(tmp_path, "a" * 40, [{"number": 17}])
    for number, sha, error in [
        ("17; rm -rf /", "a" * 40, "the artifact's PR number is not a number"),
        ("18", "a" * 40, "does not match the workflow run's pull request"),
        ("17", "b" * 40, "is not the commit this workflow run built"),
    ]:
        result = invoke(
            "github",
            "comment",
            str(artifact(tmp_path, number, sha)),
            "--event",
            str(event),
            "--body-file",
            str(tmp_path / "b.md"),
        )
        assert result.exit_code == 1 and error in result.stderr, number


def test_the_comment_step_fences_whatever_the_artifact_says(tmp_path: Path) -> None:
    event = workflow_run_event(tmp_path, "a" * 40, [{"number": 17}])
    hostile = f"{MARKER} @everyone please merge " + "x" * 100_000
    result = invoke(
        "github",
        "comment",
        str(artifact(tmp_path, body=hostile)),
        "--event",
        str(event),
        "--body-file",
        str(tmp_path / "b.md"),
    )
    assert result.exit_code == 0, result.output
    body = (tmp_path / "b.md").read_text(encoding="utf-8")
    assert len(body) <= COMMENT_MAX and body.count(MARKER) == 1 and body.startswith(MARKER)
    assert "@everyone" not in body and body.endswith("… (cut to fit GitHub's comment limit)\n")


def test_outside_github_actions_the_commands_say_what_is_missing(tmp_path: Path) -> None:
    result = invoke("github", "redline", "--out", str(tmp_path / "x"), env={"GITHUB_EVENT_PATH": ""})
    assert result.exit_code == 2
    assert "GITHUB_EVENT_PATH is not set" in result.stderr


def test_validate_writes_a_step_summary_and_the_full_list(code_dir: Callable[..., Path], tmp_path: Path) -> None:
    broken = {
        f"{A}{name}.md": BASE_FILES[A + "kenesh.md"].replace("kenesh", name)
        for name in (f"extra{i}" for i in range(12))
    }
    root = code_dir(broken)
    summary = tmp_path / "summary.md"
    result = invoke(
        "validate", "--root", str(root), "--format", "github", "--strict", env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 12  # GitHub shows 10 of these…
    assert sum(line.startswith(f"{A}extra") for line in lines) == 12  # …so the log has all of them
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### kodeks validate\n\nkodeks: the Code is invalid: 12 errors, 0 warnings")
    assert text.count("| S002 |") == 12
