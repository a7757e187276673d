"""`kodeks package`: the papers a draft law is filed with, one folder or zip, the same bytes for
the same revision, and `--check` saying what keeps it from being filed."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from .conftest import BASE_FILES, A, git, kodeks, write_files

ROUND = """\
name: Первое обсуждение
comments:
  - {id: round-1/1, author: Бакыт Осмонов, unit: "art:kenesh#2", language: ru, comment: "Уточнить.", decision: accepted, reason: "Уточнено."}
"""


def test_the_package_holds_every_paper_named_in_both_languages_with_its_hash(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    changed = BASE_FILES[A + "kenesh.md"].replace("Кенеш решает", "Кенеш рассматривает и решает")
    root = code_repo([{"code_text/reviews/round-1.yaml": ROUND}, {A + "kenesh.md": changed}])
    folder = tmp_path / "package"
    result = kodeks("package", "--root", str(root), "--base", "HEAD~1", "-o", str(folder))
    assert result.exit_code == 0, result.output + result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        ["test-code.html", "test-code.docx", "test-code.ky.docx", "test-code.ru.docx", "consolidation.docx",
         "review-round-1.docx", "justification-note.ky.docx", "justification-note.ru.docx", "enacting-law.docx",
         "comparison.docx", "index.html", "manifest.json"]
    )  # fmt: skip
    # The manifest's sums are the files' own; the index names each paper in each language.
    files = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert {f["name"] for f in files} == set(names) - {"index.html", "manifest.json"}
    for entry in files:
        assert hashlib.sha256((folder / entry["name"]).read_bytes()).hexdigest() == entry["sha256"]
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert '<td lang="ky">Кодекстин тексти (кыргыз жана орус тилдеринде)</td>' in index
    assert '<td lang="ru">Текст Кодекса (на русском языке)</td>' in index
    assert '<td lang="ru">Таблица замечаний и предложений (Первое обсуждение)</td>' in index
    # Each Word paper is what its command writes: the comparison shows the change, the table the comment.
    text = "\n".join(p.text for p in docx.Document(str(folder / "comparison.docx")).paragraphs)
    assert "Сыноо кодексинин долбооруна салыштырма таблица" in text
    cells = [c.text for t in docx.Document(str(folder / "review-round-1.docx")).tables for r in t.rows for c in r.cells]
    assert "Уточнить." in cells
    # The note: every section in each language, the ones the repository knows written from it.
    from kodeks.render.justification_note import SECTIONS

    for language in ("ky", "ru"):
        note = [p.text for p in docx.Document(str(folder / f"justification-note.{language}.docx")).paragraphs]
        assert [text for text in note if text[:2] in {f"{n}." for n in range(1, 8)}] == [
            h[language] for _, h in SECTIONS
        ]
        said = {"ky": "Первое обсуждение: сын-пикирлердин жана сунуштардын саны – 1 (анын ичинен кабыл алынганы – 1).",
                "ru": "Первое обсуждение: замечаний и предложений – 1 (из них: принято – 1)."}[language]  # fmt: skip
        assert said in note
    ru = [p.text for p in docx.Document(str(folder / "justification-note.ru.docx")).paragraphs]
    assert "Проект Кодекса состоит из 1 раздела, 2 глав и 3 статей." in ru


def test_the_zip_is_the_same_bytes_each_time_and_holds_the_folder(
    code_repo: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = code_repo()
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    assert kodeks("package", "--root", str(root), "-o", str(first)).exit_code == 0
    monkeypatch.setattr("os.cpu_count", lambda: 1)  # made one by one, not on forked workers
    assert kodeks("package", "--root", str(root), "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    folder = tmp_path / "folder"
    assert kodeks("package", "--root", str(root), "-o", str(folder)).exit_code == 0
    archive = zipfile.ZipFile(io.BytesIO(first.read_bytes()))
    assert {name: archive.read(name) for name in archive.namelist()} == {
        p.name: p.read_bytes() for p in folder.iterdir()
    }


NOTE = """\
aims:
  ky: |
    Жергиликтүү өз алдынча башкаруу жөнүндө ченемдерди бир актыга бириктирүү.

    Экинчи абзац.
  ru: |
    Объединить нормы о местном самоуправлении в одном акте.

    Второй абзац.
forecasts: {ky: "Терс кесепеттер күтүлбөйт.", ru: "Негативных последствий не ожидается."}
discussion: {ky: "Долбоор порталда 30 күн талкууланды.", ru: "Проект обсуждался на портале 30 дней."}
financing: {ky: "Кошумча каражат талап кылынбайт.", ru: "Дополнительных средств не требуется."}
impact: {ky: "Талап кылынбайт.", ru: "Не требуется."}
conformity: {ky: "Долбоор Конституцияга шайкеш келет.", ru: "Проект соответствует Конституции."}
"""


def test_check_lists_what_keeps_the_package_from_being_filed(code_repo: Callable[..., Path]) -> None:
    root = code_repo()
    unwritten = kodeks("package", "--root", str(root), "--check")
    assert unwritten.exit_code == 1
    # Four sections only the drafters can write, and the public discussion, in each language.
    assert "the justification note's section «1. Цель и задачи» is still a placeholder in ru" in unwritten.output
    assert "section «4. Коомдук талкуунун" in unwritten.output
    assert "section «5. Анализ соответствия" in unwritten.output  # no act texts
    assert "kodeks: 12 things keep the package from being filed" in unwritten.output
    write_files(root, {"code_text/justification-note.yaml": NOTE})
    git(root, "add", "-A")
    ready = kodeks("package", "--root", str(root), "--check")
    assert ready.exit_code == 0 and "the package can be filed" in ready.output, ready.output
    open_round = ROUND.replace('decision: accepted, reason: "Уточнено."', "decision: open")
    write_files(root, {"code_text/reviews/round-1.yaml": open_round, "code_text/notes.txt": "x"})
    git(root, "add", "-A")
    result = kodeks("package", "--root", str(root), "--check")
    assert result.exit_code == 1
    assert "round `round-1`: 1 comment is not answered yet" in result.output
    assert "code_text/notes.txt:1:1: F004" in result.output  # a warning too, as CI treats it
    assert "kodeks: 2 things keep the package from being filed" in result.output
    # A section in one language only: the two authentic texts would differ; nothing is built.
    one_language = NOTE.replace(
        'impact: {ky: "Талап кылынбайт.", ru: "Не требуется."}', 'impact: {ru: "Не требуется."}'
    )
    write_files(root, {"code_text/justification-note.yaml": one_language})
    result = kodeks("package", "--root", str(root), "--check")
    assert result.exit_code == 1
    assert "code_text/justification-note.yaml:13:9: Y009 section `impact` of the justification note has no ky" in (
        result.output
    )


def test_the_drafters_sections_of_the_note_are_its_paragraphs(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = code_repo([{"code_text/justification-note.yaml": NOTE}])
    folder = tmp_path / "package"
    assert kodeks("package", "--root", str(root), "-o", str(folder)).exit_code == 0
    ru = [p.text for p in docx.Document(str(folder / "justification-note.ru.docx")).paragraphs]
    aims = ru.index("1. Цель и задачи")
    assert ru[aims + 1 : aims + 4] == [
        "Объединить нормы о местном самоуправлении в одном акте.",
        "Второй абзац.",
        "2. Описательная часть",
    ]
    ky = [p.text for p in docx.Document(str(folder / "justification-note.ky.docx")).paragraphs]
    assert "Терс кесепеттер күтүлбөйт." in ky and "Негативных последствий не ожидается." not in ky
    assert not any(text.startswith("[") for text in ru + ky)  # no placeholder left


def test_the_note_prints_upright_on_a4(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    folder = tmp_path / "package"
    assert kodeks("package", "--root", str(code_repo()), "-o", str(folder)).exit_code == 0
    section = docx.Document(str(folder / "justification-note.ru.docx")).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
