"""The cache: an unchanged Code answered without parsing, never a stale, forged or planted answer."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kodeks.store import cache

from .conftest import A, WriteCode, kodeks, write_files

BROKEN: dict[str, str | bytes | None] = {A + "kenesh.md": None}  # listed, no file: S001


def entries(root: Path) -> list[Path]:
    return sorted(p for p in cache.directory(root).rglob("*") if p.is_file())


def test_a_second_run_answers_from_the_cache_exactly_as_the_first(code_dir: WriteCode) -> None:
    root = code_dir(BROKEN)
    for output in ("text", "json", "github"):
        cold = kodeks("validate", "--root", str(root), "--format", output)
        assert entries(root)
        warm = kodeks("validate", "--root", str(root), "--format", output)
        assert (warm.exit_code, warm.output) == (cold.exit_code, cold.output) and cold.exit_code == 1


def test_a_change_is_never_answered_from_an_older_entry(code_dir: WriteCode) -> None:
    root = code_dir()
    assert kodeks("validate", "--root", str(root)).exit_code == 0
    write_files(root, BROKEN)
    result = kodeks("validate", "--root", str(root))
    assert result.exit_code == 1 and "S001" in result.output


def test_a_corrupt_or_linked_cache_is_ignored(code_dir: WriteCode, tmp_path: Path) -> None:
    root = code_dir(BROKEN)
    expected = kodeks("validate", "--root", str(root)).output
    for entry in entries(root):
        entry.write_bytes(entry.read_bytes()[:40] + b"\x00garbage")
    assert kodeks("validate", "--root", str(root)).output == expected
    # A cache directory that is a link (say, committed by someone else) is not followed.
    elsewhere = tmp_path / "elsewhere"
    os.rename(cache.directory(root), elsewhere)
    cache.directory(root).symlink_to(elsewhere, target_is_directory=True)
    assert kodeks("validate", "--root", str(root)).output == expected
    assert not any(p.name.endswith(".tmp") for p in elsewhere.rglob("*"))


def test_an_entry_this_users_kodeks_did_not_write_is_never_believed(code_dir: WriteCode) -> None:
    root = code_dir()
    kodeks("validate", "--root", str(root))
    verdicts = cache.directory(root) / "verdict"
    (valid,) = [p for p in verdicts.rglob("*") if p.is_file()]
    write_files(root, BROKEN)
    assert kodeks("validate", "--root", str(root)).exit_code == 1
    (broken,) = [p for p in verdicts.rglob("*") if p.is_file() and p.name != valid.name]
    # The valid Code's entry copied under the broken Code's key: its tag is for the other key.
    payload = valid.read_bytes().split(b"\n", 2)[2]
    broken.write_bytes(b"kodeks-cache 2\n" + broken.name.encode() + b"\n" + payload)
    assert kodeks("validate", "--root", str(root)).exit_code == 1
    # Sealed with any key but this user's (another machine's, an archive's): not believed.
    import hashlib
    import hmac

    data = payload[32:]
    forged = hmac.digest(b"k" * 32, f"verdict {broken.name}".encode() + b"\0" + data, hashlib.sha256)
    broken.write_bytes(b"kodeks-cache 2\n" + broken.name.encode() + b"\n" + forged + data)
    assert kodeks("validate", "--root", str(root)).exit_code == 1
    # The key itself is this user's alone: one others can read is no key, and nothing is cached.
    key = cache.base_directory() / "key"
    assert key.stat().st_mode & 0o777 == 0o600
    for workflow in (Path(__file__).resolve().parents[1] / ".github/workflows").glob("*.yml"):
        assert 'KODEKS_NO_CACHE: "1"' in workflow.read_text(encoding="utf-8"), workflow.name


def test_a_hostile_branch_cannot_plant_a_cache(code_repo: Callable[..., Path]) -> None:
    """The attack: a branch commits an SQLite cache whose trigger swaps the parse of a hostile
    article for the parse of the original. Where a commit can put it, kodeks never looks; where
    kodeks looks, a file with a trigger is not used, and nothing in it runs."""
    import shutil
    import sqlite3

    from .conftest import BASE_FILES, git

    root = code_repo()
    kodeks("build", "--root", str(root), "--format", "md", "-o", "-")  # the original, parsed and cached
    database = cache.directory(root) / "articles.sqlite"
    with sqlite3.connect(database) as connection:
        (original,) = connection.execute("SELECT data FROM entry LIMIT 1").fetchone()
        connection.execute("CREATE TABLE fired (n INTEGER)")
        connection.execute(
            "CREATE TRIGGER swap AFTER INSERT ON entry BEGIN "
            "INSERT INTO fired VALUES (1); UPDATE entry SET data = ? WHERE key = NEW.key; END".replace("?", "x''")
        )
    connection.close()
    # The same file committed where the cache used to live, on a hostile branch.
    git(root, "switch", "-qc", "hostile")
    (root / ".kodeks-cache").mkdir()
    shutil.copy(database, root / ".kodeks-cache" / "articles.sqlite")
    hostile = BASE_FILES[A + "kenesh.md"].replace("решает вопросы", "[решает](art:nowhere) вопросы")
    write_files(root, {A + "kenesh.md": hostile})
    git(root, "add", "-Af")
    git(root, "commit", "-qm", "hostile")
    truth = [
        kodeks("validate", "--root", str(root), env={"KODEKS_NO_CACHE": "1"}).output,
        kodeks("redline", "--root", str(root), "main", env={"KODEKS_NO_CACHE": "1"}).output,
    ]
    assert "R00" in truth[0] and "nowhere" in truth[1]
    for _ in range(2):  # the first command would fill the cache, the second read it
        assert kodeks("validate", "--root", str(root)).output == truth[0]
        assert kodeks("redline", "--root", str(root), "main").output == truth[1]
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM fired").fetchone() == (0,)
    assert isinstance(original, bytes)


def test_kodeks_leaves_nothing_in_a_working_tree_git_would_commit(code_repo: Callable[..., Path]) -> None:
    """In a Code repository without this project's .gitignore: reading commands and --dry-run
    leave the tree as it was (not even an ignored file); build's own folder ignores itself."""
    from .conftest import TITLES, git

    root = code_repo()
    (root / ".gitignore").unlink(missing_ok=True)
    git(root, "commit", "-qam", "no .gitignore", "--allow-empty")
    for command in (["validate"], ["redline", "HEAD"], ["new", "fresh", "--chapter", "bodies", *TITLES, "--dry-run"]):
        assert kodeks(*command, "--root", str(root)).exit_code == 0, command
        assert git(root, "status", "--porcelain", "--ignored") == "", command
    assert kodeks("build", "--root", str(root)).exit_code == 0
    assert git(root, "status", "--porcelain") == ""
    assert (root / "build" / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55")
    git(root, "add", "-A")
    assert git(root, "diff", "--cached", "--name-only") == ""


def test_the_parse_cache_serves_build_and_redline_the_same_bytes(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    from .conftest import BASE_FILES

    changed = BASE_FILES[A + "kenesh.md"].replace("решает вопросы", "решает все вопросы")
    root = code_repo([{A + "kenesh.md": changed}])
    outputs = []
    for _ in range(2):  # cold, then from the cache
        build = kodeks("build", "--root", str(root), "--format", "md", "-o", "-")
        redline = kodeks("redline", "--root", str(root), "HEAD~1")
        outputs.append((build.output, redline.output))
    assert (cache.directory(root) / "articles.sqlite").is_file()
    assert outputs[0] == outputs[1]
    uncached = kodeks("build", "--root", str(root), "--format", "md", "-o", "-", env={"KODEKS_NO_CACHE": "1"})
    assert uncached.output == outputs[0][0]


def test_every_article_reads_back_from_the_cache_exactly(tmp_path: Path) -> None:
    from kodeks import codec
    from kodeks.parse import parse_article
    from kodeks.store.worktree import read_worktree

    from .conftest import BASE_FILES, generate_synthetic

    root = Path(__file__).resolve().parents[1]
    files = dict(read_worktree(root).files) | dict(read_worktree(root / "tests/fixtures/civil-code").files)
    files |= {path: text.encode() for path, text in BASE_FILES.items()}
    files |= dict(read_worktree(generate_synthetic(40, tmp_path)).files)
    # An existing act's article keeps the amendment notes it was published with.
    files["code_text/acts/old/articles/art-5.md"] = (
        '---\nid: art-5\nnumber: 5\ntitle: {ky: "Берене", ru: "Статья"}\nstatus: agreed\n'
        'history:\n  ru: ["(В редакции Законов КР от 15 июля 2009 года № 216, 25 февраля 2013 года № 32)"]\n'
        '  ky: ["(КР 2009-жылдын 15-июлундагы № 216 Мыйзамынын редакциясына ылайык)"]\n---\n\n'
        "## ky\n\n1. Текст.\n\n## ru\n\n1. Текст.\n"
    ).encode()
    count = 0
    for path, data in files.items():
        if not path.endswith(".md"):
            continue
        parsed = parse_article(path, data.decode("utf-8"), ("ky", "ru"))
        assert codec.decode(path, codec.encode(path, *parsed)) == parsed, path
        count += 1
    with_history = parse_article(path := "code_text/acts/old/articles/art-5.md", files[path].decode(), ("ky", "ru"))[0]
    assert with_history is not None and with_history.history
    assert count > 60
    encoded = codec.encode("a.md", *parse_article("a.md", BASE_FILES[A + "kenesh.md"], ("ky", "ru")))
    assert codec.decode("b.md", encoded) is None  # another file's entry
    assert codec.decode("a.md", encoded[:-7]) is None and codec.decode("a.md", b"\\x00junk") is None


def test_a_redline_takes_the_heads_findings_from_the_cache_only_where_it_may(
    code_repo: Callable[..., Path],
) -> None:
    import marshal

    root = code_repo([BROKEN])
    cold = kodeks("redline", "--root", str(root), "HEAD~1")
    assert "S001" in cold.output
    (entry,) = [p for p in (cache.directory(root) / "verdict").rglob("*") if p.is_file()]
    assert kodeks("redline", "--root", str(root), "HEAD~1").output == cold.output
    # A verdict of the head without findings, as if this user's kodeks had stored it: believed…
    cache.write(root, "verdict", entry.name, marshal.dumps((3, [])))
    assert "S001" not in kodeks("redline", "--root", str(root), "HEAD~1").output
    # … CI, which runs without the cache, is not.
    assert kodeks("redline", "--root", str(root), "HEAD~1", env={"KODEKS_NO_CACHE": "1"}).output == cold.output


def test_another_kodeks_never_reads_this_ones_results(code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys hold kodeks's own source files: after an upgrade, or an edit of kodeks itself, a result
    is computed again, never read from an entry an older parser wrote."""
    import marshal

    root = code_dir()
    assert kodeks("validate", "--root", str(root)).exit_code == 0
    (entry,) = [p for p in (cache.directory(root) / "verdict").rglob("*") if p.is_file()]
    from kodeks.messages import verbatim

    finding = ("error", "S001", verbatim("stands for what an older kodeks found").as_row(), A + "kenesh.md", 1, 1)
    cache.write(root, "verdict", entry.name, marshal.dumps((3, [finding])))
    assert "older kodeks" in kodeks("validate", "--root", str(root)).output  # this kodeks's own entry
    monkeypatch.setattr(cache, "_version", lambda: "another kodeks")
    newer = kodeks("validate", "--root", str(root))
    assert newer.exit_code == 0 and "older kodeks" not in newer.output


def test_a_redline_reads_only_the_files_of_a_revision_the_cache_cannot_answer(
    code_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kodeks.store.git import GitStore

    from .conftest import BASE_FILES

    oversized = BASE_FILES[A + "subject.md"] + "x" * (1024 * 1024)
    root = code_repo([{A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("решает вопросы", "решает все вопросы")}])
    read: list[str] = []
    read_files = GitStore.read_files

    def recorded(store: GitStore, wanted: dict[str, str]) -> object:
        read.extend(wanted)
        return read_files(store, wanted)

    monkeypatch.setattr(GitStore, "read_files", recorded)
    runs = []
    for env in ({"KODEKS_NO_CACHE": "1"}, {}, {}):
        read.clear()
        runs.append((kodeks("redline", "--root", str(root), "HEAD~1", env=env).output, sorted(read)))
    articles = sorted(path for path in BASE_FILES if path.endswith(".md"))
    assert runs[0][1] == sorted([*articles, A + "kenesh.md", "code_text/code.yaml", "code_text/code.yaml"])
    assert runs[1][1] == runs[0][1]  # the first run with the cache fills it
    assert runs[2][1] == ["code_text/code.yaml", "code_text/code.yaml"]  # the second reads no article
    assert runs[0][0] == runs[1][0] == runs[2][0] and "<ins>все</ins>" in runs[0][0]
    # A file too large to read is refused the same way, whether the cache is warm or not.
    write_files(root, {A + "subject.md": oversized})
    from .conftest import git

    git(root, "commit", "-qam", "too large")
    outputs = [
        kodeks("redline", "--root", str(root), "HEAD~2", env=env).output for env in ({}, {}, {"KODEKS_NO_CACHE": "1"})
    ]
    assert outputs[0] == outputs[1] == outputs[2] and "F002" in outputs[0]


def test_runs_at_the_same_time_share_the_cache_without_harm(tmp_path: Path) -> None:
    """Two terminals, or an editor and a terminal, run kodeks on the same clone at once: every run
    answers as a run without the cache does, and what they leave behind reads back whole."""
    import sqlite3
    import subprocess
    import sys

    from .conftest import generate_synthetic

    root = generate_synthetic(120, tmp_path / "code")
    write_files(root, {A + "article-7.md": None})  # listed, no file: S001, so findings are written too
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "tooling")}
    env.pop("KODEKS_NO_CACHE", None)
    commands = [["validate"], ["validate", "--format", "json"], ["build", "--force", "--format", "md", "-o", "-"]]
    commands.append(["validate"])
    expected = [kodeks(*command, "--root", str(root), env={"KODEKS_NO_CACHE": "1"}).stdout for command in commands]
    for _ in range(2):  # the first round fills the cache at the same time, the second reads it
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "kodeks", *command],
                cwd=root,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            for command in commands
        ]
        assert [run.communicate()[0] for run in runs] == expected
        assert [run.returncode for run in runs] == [1, 1, 0, 1]
    with sqlite3.connect(cache.directory(root) / "articles.sqlite") as database:
        assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert database.execute("SELECT count(*) FROM entry").fetchone() == (119,)
    assert not [p for p in cache.directory(root).rglob("*.tmp")]


def test_a_file_name_cannot_spell_another_trees_key(code_dir: WriteCode) -> None:
    """Two articles deleted and one file added whose name holds «\\n»: its line of the verdict's
    key once spelt the two deleted files' lines, and the valid tree's verdict was believed."""
    from kodeks.store import blob_id

    root = code_dir()
    assert kodeks("validate", "--root", str(root), "--strict").exit_code == 0  # fills the cache
    articles = root / A
    first, second = "concepts.md", "kenesh.md"
    forged = articles / f"{first} {blob_id((articles / first).read_bytes())}\ncode_text" / "articles"
    forged.mkdir(parents=True)
    (forged / second).write_bytes((articles / second).read_bytes())
    (articles / first).unlink()
    (articles / second).unlink()
    truth = kodeks("validate", "--root", str(root), "--strict", env={"KODEKS_NO_CACHE": "1"})
    assert truth.exit_code == 1
    assert (kodeks("validate", "--root", str(root), "--strict").stdout) == truth.stdout
