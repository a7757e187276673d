"""A reviewer's Word file is input. Its hidden marks are hints, not proof: a mark copied or moved
into another paragraph never makes `review import --apply` edit the unit it names. Whatever a
reviewer typed is kept exactly in a register that stays valid, and nothing the validator would
reject is applied to the text."""

from __future__ import annotations

import copy
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from .conftest import BASE_FILES, A, git, kodeks, write_files
from .test_review import ru_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHANGE = {f"{W}author": "Рецензент", f"{W}date": "2026-12-04T09:30:00Z"}


def paragraph_with(body: Any, text: str, marked: bool = True) -> Any:
    """The paragraph holding ``text``: of the Code's text (marked), not its line in the contents."""
    (found,) = [p for p in body.iter(f"{W}p") if text in "".join(p.itertext()) and bool(marks(p)) == marked]
    return found


def track_insertion(paragraph: Any, after: str, inserted: str) -> None:
    """Word's tracked insertion of ``inserted`` right after ``after`` in ``paragraph``."""
    _tracked(paragraph, after, "ins", inserted, keep_found=True)


def track_deletion(paragraph: Any, word: str) -> None:
    """Word's tracked deletion of ``word`` in ``paragraph`` (its run split around it)."""
    _tracked(paragraph, word, "del", word, keep_found=False)


def _tracked(paragraph: Any, found: str, kind: str, changed: str, keep_found: bool) -> None:
    """The run holding ``found`` split there, a tracked ``kind`` change of ``changed`` between."""
    for run in paragraph.iter(f"{W}r"):
        text = run.find(f"{W}t")
        if text is None or found not in (text.text or ""):
            continue
        before, after = text.text.split(found, 1)
        text.text = before + found if keep_found else before
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        change = etree.Element(f"{W}{kind}", {f"{W}id": "901", **CHANGE})
        piece = copy.deepcopy(run)
        piece.find(f"{W}t").text = changed
        if kind == "del":
            piece.find(f"{W}t").tag = f"{W}delText"
        change.append(piece)
        rest = copy.deepcopy(run)
        rest.find(f"{W}t").text = after
        run.addnext(change)
        change.addnext(rest)
        return
    raise AssertionError(f"{found} not in one run")


def edited(built: Path, target: Path, edit: Callable[[Any], None]) -> Path:
    package = zipfile.ZipFile(built)
    root = etree.fromstring(package.read("word/document.xml"))
    edit(root.find(f"{W}body"))
    with zipfile.ZipFile(target, "w") as out:
        for item in package.infolist():
            data = package.read(item.filename)
            out.writestr(item, etree.tostring(root) if item.filename == "word/document.xml" else data)
    return target


def marks(paragraph: Any) -> list[Any]:
    return [m for m in paragraph.iter(f"{W}bookmarkStart") if m.get(f"{W}name", "").startswith("_k")]


SUBJECT_1 = "Настоящий Кодекс регулирует местное самоуправление."
KENESH_2 = "Кенеш решает вопросы"


@pytest.mark.parametrize("how", ["copied beside its own", "instead of its own", "moved from its paragraph"])
def test_a_copied_mark_never_edits_the_unit_it_names(code_repo: Callable[..., Path], tmp_path: Path, how: str) -> None:
    root = code_repo()
    built = tmp_path / "code.docx"
    assert kodeks("build", "--root", str(root), "--format", "docx", "--lang", "ru", "-o", str(built)).exit_code == 0

    def attack(body: Any) -> None:
        victim, host = paragraph_with(body, SUBJECT_1), paragraph_with(body, KENESH_2)
        (mark,) = marks(victim)
        if how == "moved from its paragraph":
            mark.getparent().remove(mark)
        if how != "copied beside its own":
            for own in marks(host):
                own.getparent().remove(own)
        host.insert(1, copy.deepcopy(mark))
        track_deletion(host, " вопросы")  # in Word: "delete «вопросы» in article 3"

    reviewed = edited(built, tmp_path / "hostile.docx", attack)
    result = kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "round-1", "--apply")
    assert result.exit_code == 0, result.output
    assert SUBJECT_1 in ru_text(root, "subject")  # article 1 untouched
    assert kodeks("validate", "--root", str(root), "--strict").exit_code == 0
    # Not even beside the paragraph's own mark: kodeks marks a paragraph with one unit's marks only,
    # and the long fuzz found a tie in the marks' order that let a copied one win.
    assert "not placed: a change in a paragraph whose hidden mark" in result.stderr
    assert "Кенеш решает вопросы" in ru_text(root, "kenesh")
    assert not (root / "code_text/reviews/round-1.yaml").exists()  # nothing placed on article 1


def test_a_copy_built_before_the_article_changed_still_applies_to_its_other_units(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    """The reviewer worked on a copy of yesterday's text; today part 1 of the article changed. A
    proposal on part 2, which nobody touched, is carried out (all were refused)."""
    root = code_repo()
    built = tmp_path / "code.docx"
    assert kodeks("build", "--root", str(root), "--format", "docx", "--lang", "ru", "-o", str(built)).exit_code == 0
    kenesh = BASE_FILES[A + "kenesh.md"].replace("Местный кенеш действует", "Местный кенеш работает")
    write_files(root, {A + "kenesh.md": kenesh})
    git(root, "commit", "-qam", "part 1 reworded")
    reviewed = edited(
        built, tmp_path / "old.docx", lambda body: track_deletion(paragraph_with(body, KENESH_2), " вопросы")
    )
    result = kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "round-1", "--apply")
    assert result.exit_code == 0 and "1 applied" in result.stderr, result.stderr
    text = ru_text(root, "kenesh")
    assert "Кенеш решает, названные" in text and "Местный кенеш работает" in text


def test_a_tracked_change_in_a_paragraph_that_is_not_its_units_text_is_refused(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    """The text around a tracked change must be the unit's text as sent; here the paragraph was
    also rewritten without tracking, so the proposal is listed, not applied."""
    root = code_repo()
    built = tmp_path / "code.docx"
    assert kodeks("build", "--root", str(root), "--format", "docx", "--lang", "ru", "-o", str(built)).exit_code == 0

    def edit(body: Any) -> None:
        paragraph = paragraph_with(body, SUBJECT_1)
        for text in paragraph.iter(f"{W}t"):
            text.text = (text.text or "").replace("Настоящий Кодекс", "Этот закон")
        track_deletion(paragraph, " местное")

    reviewed = edited(built, tmp_path / "mixed.docx", edit)
    result = kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "round-1", "--apply")
    assert result.exit_code == 0
    assert "not applied: часть 1 статьи 1 (ru): the paragraph around the change is not the text" in result.stderr
    assert SUBJECT_1 in ru_text(root, "subject")


def test_whatever_a_reviewer_typed_is_kept_exactly_and_the_round_stays_valid(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    """A comment with a line separator and C1 controls, a proposal with a bidi override and one
    split in two paragraphs: the register reads back exactly, the Code stays valid (no false
    C003 on the escape of the split), `review table` works, a second import works, and the
    override is not written into the law."""
    import yaml

    from .test_review import reviewer_copy

    root = code_repo()
    built = tmp_path / "code.docx"
    assert kodeks("build", "--root", str(root), "--format", "docx", "--lang", "ru", "-o", str(built)).exit_code == 0
    typed = "Первая строка\u2028вторая\u0085третья \u009bконец; Kодекс с латинской K, сеи\u0306час"

    def edit(body: Any) -> None:
        track_insertion(paragraph_with(body, SUBJECT_1), "регулирует", " \u202eвсе")
        first_run = next(paragraph_with(body, KENESH_2).iter(f"{W}r"))
        first_run.addprevious(etree.Element(f"{W}commentRangeStart", {f"{W}id": "1"}))

    edited(built, tmp_path / "edited.docx", edit)
    package = zipfile.ZipFile(tmp_path / "edited.docx")
    xml = package.read("word/document.xml").decode()
    reviewed = reviewer_copy(package, xml, tmp_path / "reviewed.docx", ("1", typed))
    result = kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "round-1", "--apply")
    assert result.exit_code == 0, result.output
    assert "not applied: часть 1 статьи 1 (ru): it holds U+202E RIGHT-TO-LEFT OVERRIDE" in result.stderr
    assert SUBJECT_1 in ru_text(root, "subject")
    raw = (root / "code_text/reviews/round-1.yaml").read_text(encoding="utf-8")
    assert "\u2028" not in raw and "\u0085" not in raw and "\\u2028" in raw
    entries = yaml.safe_load(raw)["comments"]
    assert [e.get("comment") for e in entries if e["via"] == "comment"] == [typed]
    assert [e["proposal"]["ru"] for e in entries if e["via"] == "tracked"] == [
        "Настоящий Кодекс регулирует \u202eвсе местное самоуправление."
    ]
    assert kodeks("validate", "--root", str(root), "--strict").exit_code == 0
    assert kodeks("review", "table", "--root", str(root), "--round", "round-1", "-o", "-").exit_code == 0
    again = kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "round-1")
    assert again.exit_code == 0 and "0 new in round" in again.stderr
    # A proposal split in two paragraphs keeps its line break as «\n»: not a word «nНовый».
    split = raw.replace("регулирует \\u202eвсе местное", "регулирует\\nНовый абзац местное")
    assert split != raw
    (root / "code_text/reviews/round-1.yaml").write_text(split, encoding="utf-8")
    assert kodeks("validate", "--root", str(root), "--strict").exit_code == 0


def test_a_mark_moved_into_another_units_paragraph_wins_no_tie(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    """What the long fuzz found: article 1's point 1 mark moved into article 2's point 1, and article
    2's heading and opening marks moved to the title page. The marks' order then had two longest
    runs, one trusting the moved mark; the paragraph's text (all short words and punctuation)
    passed as «most words kept», and article 1 was rewritten with article 2's point."""
    root = code_repo()
    built = tmp_path / "code.docx"
    assert kodeks("build", "--root", str(root), "--format", "docx", "--lang", "ru", "-o", str(built)).exit_code == 0

    def attack(body: Any) -> None:
        title = paragraph_with(body, "Тестовый кодекс", marked=False)
        for text, target in (("1) местным кенешам;", "1) местный кенеш – орган"), ("Статья 2. Понятия", None),
                             ("В настоящем Кодексе:", None)):  # fmt: skip
            for mark in marks(paragraph_with(body, text)):  # a heading has two: its number's and its title's
                mark.getparent().remove(mark)
                (paragraph_with(body, target) if target else title).insert(0, mark)
        track_deletion(paragraph_with(body, KENESH_2), " вопросы")

    reviewed = edited(built, tmp_path / "tie.docx", attack)
    result = kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "round-1", "--apply")
    assert result.exit_code == 0, result.output
    assert (root / A / "subject.md").read_text(encoding="utf-8") == BASE_FILES[A + "subject.md"]
    assert (root / A / "concepts.md").read_text(encoding="utf-8") == BASE_FILES[A + "concepts.md"]
