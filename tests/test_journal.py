"""Edits through the journal: nothing a commit, an archive or a second writer plants makes kodeks
write where it must not, finish an edit it did not plan, or lose an update."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kodeks.store import journal

from .conftest import BASE_FILES, TITLES, A, WriteCode, git, kodeks


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "code_text").rglob("*")) if p.is_file()
    }


def killed_after_deciding(renamed: int, *command: str) -> None:
    """``command`` killed once its journal decided the edit, after ``renamed`` files were renamed."""

    def killed(root: Path, entries: list[dict[str, object]]) -> None:
        for entry in entries[:renamed]:
            target = root / str(entry["path"])
            os.replace(journal._temporary(target), target)
        raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(journal, "_apply", killed)
        kodeks(*command)


def test_an_edit_killed_after_it_was_decided_is_finished_by_the_next_command(code_repo: Callable[..., Path]) -> None:
    root = code_repo()
    before = files(root)
    killed_after_deciding(1, "new", "fresh", "--chapter", "basics", *TITLES, "--root", str(root))
    assert journal.journal_path(root).exists() and files(root) != before
    result = kodeks("validate", "--root", str(root))
    assert result.exit_code == 0 and "finished an interrupted edit first" in result.stderr
    assert (root / A / "fresh.md").exists() and not journal.journal_path(root).exists()


def test_a_journal_planned_before_a_git_reset_is_set_aside_not_replayed(code_repo: Callable[..., Path]) -> None:
    """The drafter reset the tree after a killed `new`: the rest of the edit must not be applied
    over the reset files (that left 563 of 601 files moved)."""
    root = code_repo()
    before = files(root)
    killed_after_deciding(2, "new", "fresh", "--chapter", "basics", "--first", *TITLES, "--root", str(root))
    git(root, "reset", "-q", "--hard")
    result = kodeks("validate", "--root", str(root))
    # Only the new article, which a reset leaves untracked, is out of the structure.
    assert result.exit_code == 1 and {line.split(":")[0] for line in result.stdout.splitlines()[:-1]} == {
        A + "fresh.md"
    }
    assert "no longer as the interrupted edit left them" in result.stderr and "set aside" in result.stderr
    # The reset tree (the new article, untracked, stays as Git left it); the staged files removed.
    assert {path: data for path, data in files(root).items() if path != A + "fresh.md"} == before
    assert journal.journal_path(root).with_name("kodeks-journal.json.set-aside").exists()


def test_a_journal_shipped_in_an_archive_deletes_nothing(code_dir: WriteCode, tmp_path: Path) -> None:
    """Outside Git the journal sits beside code_text/, so an archive can carry one; with a link to
    a folder outside, it once made a plain `validate` delete a file there."""
    import json

    root = code_dir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("mine")
    (root / "code_text" / "linked").symlink_to(outside, target_is_directory=True)
    shipped = {"entries": [{"path": "code_text/linked/precious.txt", "delete": True}]}
    for journal_text in (json.dumps(shipped), "0" * 64 + "\n" + json.dumps({"tree": str(root), **shipped})):
        journal.journal_path(root).write_text(journal_text)
        result = kodeks("validate", "--root", str(root))
        assert (outside / "precious.txt").read_text() == "mine"
        assert "did not write" in result.stderr and result.exit_code == 1  # F003: the link
        assert not journal.journal_path(root).exists()


def test_a_journal_of_this_kodeks_with_a_broken_entry_is_a_clear_message(code_dir: WriteCode) -> None:
    import json

    from kodeks.store.cache import seal

    root = code_dir()
    body = json.dumps({"tree": str(root.resolve()), "entries": [{"path": A + "kenesh.md"}]}).encode()
    sealed = seal(journal._seal_context(root), body)
    assert sealed is not None
    journal.journal_path(root).write_bytes(sealed[:32].hex().encode() + b"\n" + body)
    result = kodeks("validate", "--root", str(root))
    assert result.exit_code == 0 and "not what kodeks writes" in result.stderr
    assert (root / A / "kenesh.md").exists()


@pytest.mark.parametrize("linked", ["code_text/acts/civil-code", "code_text/acts", "code_text/reviews"])
def test_no_edit_writes_through_a_committed_symlink(code_dir: WriteCode, tmp_path: Path, linked: str) -> None:
    from .test_import import published_text

    root = code_dir(
        {"code_text/code.yaml": str(BASE_FILES["code_text/code.yaml"]).replace(
            "acts:\n", 'acts:\n  civil-code:\n    title: {ky: "Жарандык кодекс", ru: "Гражданский кодекс"}\n'
        )}
    )  # fmt: skip
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / linked).parent.mkdir(parents=True, exist_ok=True)
    (root / linked).symlink_to(outside, target_is_directory=True)
    source = tmp_path / "civil-code.txt"
    source.write_text(published_text(), encoding="utf-8")
    if linked.endswith("reviews"):
        with pytest.raises(journal.JournalError, match="is a symlink"):
            journal.write_files(root, {"code_text/reviews/round-1.yaml": b"round: round-1\n"})
    else:
        result = kodeks("import", str(source), "--act", "civil-code", "--root", str(root))
        assert result.exit_code == 1 and "is a symlink: kodeks never writes through a link" in result.output
    assert not list(outside.iterdir())


def test_two_edits_at_once_never_lose_one(code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch) -> None:
    """`remove` planned from what it read; `new` wrote before `remove` took the lock: `remove` must
    not write its plan over `new`'s edit (it once left the Code with 854 errors, exit 0)."""
    from kodeks.cli import drafting
    from kodeks.cli.options import write_edit

    root = code_dir()

    def meanwhile(where: Path, changes: dict[str, bytes | None]) -> None:
        monkeypatch.setattr(drafting, "write_edit", write_edit)
        assert kodeks("new", "fresh", "--chapter", "basics", "--first", *TITLES, "--root", str(root)).exit_code == 0
        write_edit(where, changes)

    monkeypatch.setattr(drafting, "write_edit", meanwhile)
    result = kodeks("remove", "kenesh", "--force", "--root", str(root))
    assert result.exit_code == 1 and "changed while this command was planning its edit" in result.output
    assert (root / A / "fresh.md").exists() and (root / A / "kenesh.md").exists()
    assert kodeks("validate", "--root", str(root)).exit_code == 0


def test_a_git_file_shipped_in_an_archive_cannot_send_the_journal_elsewhere(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    """A `.git` file naming another clone's Git directory: kodeks once set aside (and could
    replace) that clone's journal. A `.git` file counts only if the directory it names names
    this tree back, as Git's linked worktrees and submodules do."""
    import shutil

    victim = code_repo()
    archive = tmp_path / "archive"
    shutil.copytree(victim / "code_text", archive / "code_text")
    (archive / ".git").write_text(f"gitdir: {victim / '.git'}\n")
    assert journal.journal_path(archive) == archive / ".kodeks-journal.json"
    (victim / ".git" / "kodeks-journal.json").write_text("the victim's own")
    assert kodeks("validate", "--root", str(archive)).exit_code == 0
    assert (victim / ".git" / "kodeks-journal.json").read_text() == "the victim's own"
    from .conftest import git

    worktree = victim.parent / "linked"
    git(victim, "worktree", "add", "-q", str(worktree))
    assert journal.journal_path(worktree).parent == (victim / ".git" / "worktrees" / "linked").resolve()
