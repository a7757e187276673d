"""`kodeks validate --rev`: the Code as a commit has it, read from Git objects."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .conftest import BASE_FILES, A, git, kodeks

BROKEN = {A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: 4")}


def validate(root: Path, *args: str) -> tuple[int, str, str]:
    result = kodeks("validate", "--root", str(root), *args)
    return result.exit_code, result.stdout, result.stderr


def test_each_revision_is_validated_as_committed(code_repo: Callable[..., Path]) -> None:
    root = code_repo([BROKEN])
    assert validate(root, "--rev", "HEAD~1")[0] == 0
    code, out, _ = validate(root, "--rev", "HEAD")
    assert code == 1
    assert out.startswith(f"{A}kenesh.md:3:9: N003 ")


def test_the_working_tree_is_not_read_or_touched(code_repo: Callable[..., Path]) -> None:
    root = code_repo()
    (root / A / "kenesh.md").write_text("not an article", encoding="utf-8")
    head = git(root, "rev-parse", "HEAD")
    assert validate(root, "--rev", "HEAD")[0] == 0
    assert validate(root)[0] == 1
    assert git(root, "rev-parse", "HEAD") == head
    assert (root / A / "kenesh.md").read_text(encoding="utf-8") == "not an article"


def test_a_committed_symlink_is_refused(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = code_repo()
    os.symlink("/etc/passwd", root / A / "passwd.md")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "symlink")
    code, out, _ = validate(root, "--rev", "HEAD")
    assert code == 1
    assert (
        out.splitlines()[0]
        == f"{A}passwd.md:1:1: F003 a symlink; kodeks reads only regular files and never follows links"
    )


def test_an_unknown_revision_is_a_usage_error(code_repo: Callable[..., Path]) -> None:
    code, out, err = validate(code_repo(), "--rev", "no-such-tag")
    assert code == 2
    assert "Error: unknown revision 'no-such-tag'" in err


def test_a_revision_without_the_code_is_a_usage_error(code_repo: Callable[..., Path]) -> None:
    root = code_repo()
    empty = git(root, "commit-tree", "-m", "empty", git(root, "mktree", "--missing"))
    code, _, err = validate(root, "--rev", empty)
    assert code == 2
    assert "has no code_text/" in err


def test_outside_git_rev_is_a_usage_error(tmp_path: Path) -> None:
    from .conftest import write_files

    root = write_files(tmp_path / "plain", dict(BASE_FILES))
    code, _, err = validate(root, "--rev", "HEAD")
    assert code == 2
    assert "is not inside a Git repository" in err


def test_tags_and_crlf_files_in_history(code_repo: Callable[..., Path]) -> None:
    crlf = {A + "kenesh.md": ("\ufeff" + BASE_FILES[A + "kenesh.md"]).replace("\n", "\r\n")}
    root = code_repo([crlf])
    git(root, "-c", "core.autocrlf=false", "tag", "submitted-17-december")
    assert validate(root, "--rev", "submitted-17-december")[:2] == (
        0,
        "kodeks: the Code is valid: 0 errors, 0 warnings (3 articles checked)\n",
    )


def test_an_oversized_file_in_history_is_refused(code_repo: Callable[..., Path]) -> None:
    content = BASE_FILES[A + "kenesh.md"] + "x" * (1024 * 1024)
    root = code_repo([{A + "kenesh.md": content}])
    code, out, _ = validate(root, "--rev", "HEAD")
    assert code == 1
    size = len(content.encode())
    assert out.splitlines()[0] == f"{A}kenesh.md:1:1: F002 file is {size:,} bytes; the limit is 1,048,576 (1 MiB)"


def test_a_shallow_clone_says_to_fetch_the_history(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    source = code_repo([{"code_text/articles/kenesh.md": BASE_FILES["code_text/articles/kenesh.md"] + "\n"}])
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{source}", str(clone))
    for command in (
        ["validate", "--rev", "HEAD~1"],
        ["build", "--rev", "HEAD~1", "-o", "-"],
        ["redline", "HEAD~1"],
        ["redline", "main", "HEAD~1"],
    ):
        result = kodeks(*command, "--root", str(clone))
        assert result.exit_code == 2, (command, result.output)
        assert "this clone is shallow" in result.output and "git fetch --unshallow" in result.output
    unknown = kodeks("validate", "--rev", "no-such-tag", "--root", str(clone))
    assert unknown.exit_code == 2 and "unknown revision 'no-such-tag'" in unknown.output
    assert "shallow" not in unknown.output
