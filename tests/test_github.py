"""The GitHub entry points, run with recorded event payloads on real Git repositories."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from kodeks.github import COMMENT_MAX

from .conftest import BASE_FILES, A, git, kodeks

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


ENV = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "lsg/code", "GITHUB_RUN_ID": "4242"}


def test_a_pull_request_without_code_changes_says_so(code_repo: Repo, tmp_path: Path) -> None:
    root = code_repo([{"README.md": "notes\n"}])
    out = tmp_path / "artifact"
    assert (
        kodeks(
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


def test_a_huge_pull_request_comment_is_cut_to_fit(synthetic_repo: Callable[[int], Path], tmp_path: Path) -> None:
    root = synthetic_repo(300)
    for path in (root / "code_text" / "articles").glob("*.md"):
        path.write_text(
            path.read_text(encoding="utf-8").replace("местного значения", "местного самоуправления"), encoding="utf-8"
        )
    git(root, "commit", "-q", "-am", "everywhere")
    out = tmp_path / "artifact"
    result = kodeks(
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
    assert "толук салыштырма таблица: / " in comment
    assert "полная сравнительная таблица: https://github.com/lsg/code/actions/runs/4242**" in comment


def test_an_invalid_head_still_gets_a_redline_with_its_findings(code_repo: Repo, tmp_path: Path) -> None:
    root = code_repo([{A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: 9")}])
    out = tmp_path / "artifact"
    assert (
        kodeks(
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
    assert (
        "**Текшерүү: каталар бар / Проверка: есть ошибки** (ката: 1, эскертүү: 0 / ошибок: 1, предупреждений: 0)"
        in comment
    )
    # The finding in each of the Code's languages, as the comment is written in them.
    assert (
        "N003 \\`kenesh\\` беренеси 9 деп номерленген, бирок тартиби боюнча 3-орунда турат: 3 деп номерлеңиз / "
        "статья \\`kenesh\\` имеет номер 9, но по порядку стоит на 3-м месте: присвойте номер 3\n" in comment
    )


def test_outside_github_actions_the_commands_say_what_is_missing(tmp_path: Path) -> None:
    result = kodeks("github", "redline", "--out", str(tmp_path / "x"), env={"GITHUB_EVENT_PATH": ""})
    assert result.exit_code == 2
    assert "GITHUB_EVENT_PATH is not set" in result.stderr


def test_validate_writes_a_step_summary_and_the_full_list(code_dir: Callable[..., Path], tmp_path: Path) -> None:
    broken = {
        f"{A}{name}.md": BASE_FILES[A + "kenesh.md"].replace("kenesh", name)
        for name in (f"extra{i}" for i in range(12))
    }
    root = code_dir(broken)
    summary = tmp_path / "summary.md"
    result = kodeks(
        "validate", "--root", str(root), "--format", "github", "--strict", env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 12  # GitHub shows 10 of these…
    assert sum(line.startswith(f"{A}extra") for line in lines) == 12  # …so the log has all of them
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### kodeks validate\n\nkodeks: the Code is invalid: 12 errors, 0 warnings")
    assert text.count("| S002 |") == 12
