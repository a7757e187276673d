"""`kodeks validate` as users and CI run it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kodeks.cli import cli

from .conftest import BASE_FILES, TITLES, YAML, A, WriteCode, git, kodeks, write_files


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """kodeks run from ``cwd`` (where it finds the Code by itself): exit code, stdout, stderr."""
    old = os.getcwd()
    os.chdir(cwd or old)
    try:
        result = kodeks(*args)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def test_valid_code_exits_0_with_a_summary(code_dir: WriteCode) -> None:
    assert run("validate", cwd=code_dir()) == (
        0,
        "kodeks: the Code is valid: 0 errors, 0 warnings (3 articles checked)\n",
        "",
    )


def test_root_is_found_from_a_subdirectory(code_dir: WriteCode) -> None:
    root = code_dir()
    code, out, _ = run("validate", cwd=root / "code_text" / "articles")
    assert code == 0 and "is valid" in out


def test_problems_are_listed_with_path_line_and_code(code_dir: WriteCode) -> None:
    root = code_dir(
        {A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: 4"), "code_text/notes.txt": "x"}
    )
    assert run("validate", "--root", str(root)) == (
        1,
        f"{A}kenesh.md:3:9: N003 article `kenesh` is numbered 4 but comes 3rd in order: number it 3\n"
        "code_text/notes.txt:1:1: F004 warning: kodeks reads only code_text/code.yaml, code_text/articles/*.md, code_text/reviews/*.yaml, code_text/amendments.yaml, code_text/justification-note.yaml, code_text/conflicts.yaml and, for an existing act, code_text/acts/ID/act.yaml, dispositions.yaml and articles/*.md; move or remove this file\n"
        "kodeks: the Code is invalid: 1 error, 1 warning (3 articles checked)\n"
        "kodeks: `kodeks renumber` would fix the numbers and reference wordings in 1 file (`kodeks renumber --dry-run` shows how)\n",
        "",
    )


def test_warnings_pass_unless_strict(code_dir: WriteCode) -> None:
    root = code_dir({"code_text/notes.txt": "x"})
    assert run("validate", "--root", str(root))[0] == 0
    assert run("validate", "--root", str(root), "--strict")[0] == 1


def test_github_format_prints_annotations_with_escaped_properties(code_dir: WriteCode) -> None:
    root = code_dir(
        {"code_text/a,b:c.txt": "x", A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: 4")}
    )
    code, out, _ = run("validate", "--root", str(root), "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        "::warning file=code_text/a%2Cb%3Ac.txt,line=1,col=1,title=F004::kodeks reads only code_text/code.yaml, code_text/articles/*.md, code_text/reviews/*.yaml, code_text/amendments.yaml, code_text/justification-note.yaml, code_text/conflicts.yaml and, for an existing act, code_text/acts/ID/act.yaml, dispositions.yaml and articles/*.md; move or remove this file",
        f"::error file={A}kenesh.md,line=3,col=9,title=N003::article `kenesh` is numbered 4 but comes 3rd in order: number it 3",
        # The full list for the log: GitHub shows only 10 annotations of each kind per step.
        "code_text/a,b:c.txt:1:1: F004 warning: kodeks reads only code_text/code.yaml, code_text/articles/*.md, code_text/reviews/*.yaml, code_text/amendments.yaml, code_text/justification-note.yaml, code_text/conflicts.yaml and, for an existing act, code_text/acts/ID/act.yaml, dispositions.yaml and articles/*.md; move or remove this file",
        f"{A}kenesh.md:3:9: N003 article `kenesh` is numbered 4 but comes 3rd in order: number it 3",
        "kodeks: the Code is invalid: 1 error, 1 warning (3 articles checked)",
    ]


def test_json_format(code_dir: WriteCode) -> None:
    root = code_dir({A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: 4")})
    code, out, _ = run("validate", "--root", str(root), "--format", "json")
    assert code == 1
    assert json.loads(out) == {
        "errors": 1,
        "warnings": 0,
        "articles": 3,
        "act_articles": 0,
        "diagnostics": [
            {
                "path": f"{A}kenesh.md",
                "line": 3,
                "column": 9,
                "severity": "error",
                "code": "N003",
                "message": "article `kenesh` is numbered 4 but comes 3rd in order: number it 3",
            }
        ],
    }


def test_paths_are_relative_to_the_repository_when_the_code_is_in_a_subfolder(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write_files(
        repo / "law", {**BASE_FILES, A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: 4")}
    )
    git(repo, "init", "-q")
    code, out, _ = run("validate", "--format", "json", cwd=repo / "law")
    assert code == 1
    assert json.loads(out)["diagnostics"][0]["path"] == f"law/{A}kenesh.md"


def test_no_code_found_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = run("validate", cwd=tmp_path)
    assert code == 2
    assert out == ""
    assert f"Error: no code_text/code.yaml in {tmp_path.resolve()} or any directory above it (use --root)" in err


def test_unknown_option_is_a_usage_error(code_dir: WriteCode) -> None:
    assert run("validate", "--format", "xml", "--root", str(code_dir()))[0] == 2


def test_an_internal_error_is_a_short_message_and_exit_3(code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch) -> None:
    import kodeks.verdict

    def broken(*arguments: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(kodeks.verdict, "check", broken)
    code, out, err = run("validate", "--root", str(code_dir()))
    assert code == 3
    assert (
        err
        == "kodeks: internal error: RuntimeError: boom\nThis is a bug in kodeks; please report it with the command you ran.\n"
    )
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    ("arguments", "status"), [(["validate"], 0), (["validate", "--strict"], 1), (["validate", "--format", "xml"], 2)]
)
def test_the_installed_command_writes_everything_and_exits_with_its_status(
    code_dir: WriteCode, tmp_path: Path, arguments: list[str], status: int
) -> None:
    """The `kodeks` a user runs leaves without tearing the interpreter down: its output must still
    be whole (a file, not a terminal, is buffered) and its exit status the command's."""
    import subprocess
    import sys

    root = code_dir({"code_text/notes.txt": "x"})
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "tooling")}
    with (tmp_path / "out").open("wb") as stdout, (tmp_path / "err").open("wb") as stderr:
        command = [sys.executable, "-m", "kodeks", *arguments]
        ran = subprocess.run(command, cwd=root, env=env, stdout=stdout, stderr=stderr, check=False)
    assert ran.returncode == status
    _, out, err = run(*arguments, cwd=root)
    expected = (out, err.replace("cli validate", "kodeks validate"))  # the test runner names the group `cli`
    assert ((tmp_path / "out").read_text(), (tmp_path / "err").read_text()) == expected


def test_every_command_has_help_with_an_example() -> None:
    for name, command in cli.commands.items():
        code, out, _ = run(name, "--help")
        assert code == 0 and "Example" in out, name
        for sub in getattr(command, "commands", {}):
            code, out, _ = run(name, sub, "--help")
            assert code == 0 and "Example" in out, f"{name} {sub}"


def test_commands_are_documented() -> None:
    root = Path(__file__).resolve().parents[1]
    docs = "".join(
        (root / name).read_text(encoding="utf-8") for name in ("README.md", "CONTRIBUTING.md", "DEVELOPING.md")
    )
    for name in cli.commands:
        assert f"kodeks {name}" in docs, name


@pytest.mark.parametrize(
    "args, exit_code, says",
    [
        (("new", "Bad_Id", "--chapter", "basics", *TITLES), 2, "is not a valid id"),
        (("new", "kenesh", "--chapter", "basics", *TITLES), 2, "the id `kenesh` is already used"),
        (("new", "budget", "--chapter", "basics", "--after", "subject", "--first", *TITLES), 2, "not both"),
        (("new", "budget", "--chapter", "basics", "--title", "ky=Бюджет"), 2, "missing ru"),
        (("new", "budget", "--chapter", "basics", *TITLES, "--title", "en=Budget"), 2, "no language en"),
        (("new", "budget", "--chapter", "basics", "--title", "ky"), 2, "write LANG=TEXT"),
        (("remove", "no-such"), 2, "no article `no-such`"),
        (("remove", "kenesh"), 1, "2 references point to `kenesh`: change them first"),
        (("validate", "--rev", "no-such"), 2, "unknown revision"),
        (("build", "--lang", "en"), 2, "the Code's languages are ky, ru"),
        (("build", "--lang", ","), 2, "give one or more languages"),
        (("refs", "kenesh#x"), 2, "write ID, ID#P, ID#P.Q, ID#.Q, ID#P.Q.б or ID#P.abzN"),
    ],
)
def test_usage_errors_exit_2_and_refusals_for_content_exit_1(
    code_dir: WriteCode, args: tuple[str, ...], exit_code: int, says: str
) -> None:
    root = code_dir()
    git(root, "init", "-q")
    code, _, err = run(*args, "--root", str(root))
    assert code == exit_code and says in err, err


def test_an_edit_on_a_broken_code_is_refused_as_invalid_content(code_dir: WriteCode) -> None:
    root = code_dir({A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("## ru", "## en")})
    code, _, err = run("new", "budget", "--chapter", "basics", *TITLES, "--root", str(root))
    assert code == 1 and "the Code has problems this command does not fix" in err


def test_titles_can_be_given_for_each_language_of_the_code(code_dir: WriteCode) -> None:
    root = code_dir()
    code, _, err = run(
        "new", "budget", "--chapter", "basics", "--title", "ky=Бюджет", "--title", "ru=Бюджет", "--root", str(root)
    )
    assert code == 0, err
    text = (root / A / "budget.md").read_text(encoding="utf-8")
    assert (
        'title:\n  ky: "Бюджет"\n  ru: "Бюджет"\n' in text
        and "## ky\n\n(берененин тексти)\n\n## ru\n\n(текст статьи)\n" in text
    )
    assert run("validate", "--root", str(root))[0] == 0


def test_a_problem_with_the_repository_is_said_without_the_usage_block(code_dir: WriteCode) -> None:
    root = code_dir()
    result = kodeks("validate", "--root", str(root), "--rev", "nosuch")
    assert result.exit_code == 2
    assert "Usage:" not in result.output and "is not inside a Git repository" in result.output
    result = kodeks("build", "--root", str(root), "--lang", "en")
    assert result.exit_code == 2 and "en: the Code's languages are ky, ru" in result.output


def test_renumber_is_offered_only_where_it_would_change_something(code_dir: WriteCode) -> None:
    """A mistyped reference number is R004 that `renumber` cannot fix (it says «nothing to change»);
    a text in force is never renumbered."""
    typo = BASE_FILES[A + "kenesh.md"].replace("[части 2](art:kenesh#2)", "[части 3](art:kenesh#2)")
    result = kodeks("validate", "--root", str(code_dir({A + "kenesh.md": typo})))
    assert "R004" in result.output and "kodeks renumber" not in result.output
    in_force = {
        YAML: BASE_FILES[YAML].replace("stage: draft", "stage: in-force"),
        A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: 4"),
    }
    result = kodeks("validate", "--root", str(code_dir(in_force)))
    assert "N003" in result.output and "kodeks renumber" not in result.output
