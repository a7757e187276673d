"""`kodeks import`: an existing act's published text into code_text/acts/<id>/, word for word.

The real input is the Civil Code fixture (tests/fixtures/civil-code/SOURCE.md) written out as the
official database's plain text: one line per paragraph, headings «Статья N. Title»."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from kodeks import check
from kodeks.parse import parse_article
from kodeks.store.worktree import read_worktree

from .conftest import BASE_FILES, YAML, WriteCode, kodeks

FIXTURE = Path(__file__).parent / "fixtures" / "civil-code" / "code_text"
ORDER = [
    "civil-relations", "civil-legislation", "time", "business-customs", "analogy", "international-treaties",
    "grounds", "exercise", "limits", "judicial-protection", "remedies",
]  # fmt: skip
HEADER = [
    "ГРАЖДАНСКИЙ КОДЕКС КЫРГЫЗСКОЙ РЕСПУБЛИКИ",
    "от 8 мая 1996 года № 15",
    "(В редакции Законов КР от 15 июля 2009 года № 216, 8 июня 2017 года № 100)",
    "РАЗДЕЛ I",
    "Общие положения",
    "Глава 1. Статьи 1–11",
]
ACT = "code_text/acts/civil-code/"


def published_text() -> str:
    """The fixture as the database prints it: plain lines, references as their words."""
    lines = list(HEADER)
    for name in ORDER:
        text = (FIXTURE / "articles" / f"{name}.md").read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        number = re.search(r"number: (\S+)", front).group(1)  # type: ignore[union-attr]
        title = re.search(r'ru: "([^"]+)"', front).group(1)  # type: ignore[union-attr]
        lines.append(f"Статья {number}. {title}")
        if "status: repealed" in front:
            lines.append("(Утратила силу в соответствии с Законом КР от 14 марта 2014 года № 49)")
        for line in body.splitlines():
            if line.strip() and not line.startswith("## "):
                lines.append(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.strip()))
    return "\n\n".join(lines) + "\n"


@pytest.fixture
def repo(code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = code_dir(
        {
            YAML: str(BASE_FILES[YAML]).replace(
                "acts:\n", 'acts:\n  civil-code:\n    title: {ky: "Жарандык кодекс", ru: "Гражданский кодекс"}\n'
            )
        }
    )
    monkeypatch.chdir(root)
    return root


def act_files(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((root / ACT).rglob("*"))
        if path.is_file()
    }


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+(?:-\w+)*", text))


def test_a_real_act_is_imported_unit_for_unit_and_word_for_word(repo: Path) -> None:
    source = repo / "civil.ru.txt"
    source.write_text(published_text(), encoding="utf-8")
    result = kodeks("import", str(source), "--act", "civil-code")
    assert result.exit_code == 0, result.output
    assert "act `civil-code`: 11 articles" in result.output
    checked = check(read_worktree(repo))
    assert checked.diagnostics == []
    assert checked.code is not None
    summary = kodeks("validate").output.splitlines()[-1]
    assert (
        summary
        == "kodeks: the Code is valid: 0 errors, 0 warnings (3 articles checked, and 11 of the acts kept as text)"
    )
    text = checked.code.acts["civil-code"].text
    assert text is not None and text.enactment is not None
    assert (text.enactment.number, text.enactment.adopted.isoformat()) == ("15", "1996-05-08")
    # Unit for unit: every article reads as the hand-converted fixture reads (its links aside).
    for number, name in enumerate(ORDER, start=1):
        fixture, _ = parse_article(f"x/{name}.md", (FIXTURE / "articles" / f"{name}.md").read_text("utf-8"), ("ru",))
        imported = text.articles[f"art-{number}"]
        assert fixture is not None and imported is not None
        assert imported.title == fixture.title and imported.status == fixture.status
        if "ru" in fixture.texts:
            units = [(line.label, line.plain_text) for line in fixture.texts["ru"].printed()]
            assert [(line.label, line.plain_text) for line in imported.texts["ru"].printed()] == units, name
    # Word for word: every word of the input is in the files, and no other word is.
    written = "\n".join(act_files(repo).values())
    written = re.sub(
        r"(?m)^[ -]*(?:id|number|status|stage|languages|adopted):.*$|^# .*$|art-\d+|section-\d|chapter-\d", "", written
    )
    for marker in ("title", "preamble", "history", "sections", "chapters", "articles", "ru", "in-force", "agreed",
                   "repealed"):  # fmt: skip
        written = re.sub(rf"\b{marker}\b", "", written)
    expected = words(published_text())
    expected.subtract(words("РАЗДЕЛ I Глава 1 " + " ".join(f"Статья {n}" for n in range(1, 12)) + " 15 1996 05 08"))
    got = words(written)
    assert +(expected - got) == Counter() and +(got - words(published_text())) == Counter()


def test_a_second_import_changes_nothing_and_dry_run_writes_nothing(repo: Path) -> None:
    source = repo / "civil.ru.txt"
    source.write_text(published_text(), encoding="utf-8")
    dry = kodeks("import", str(source), "--act", "civil-code", "--dry-run")
    assert dry.exit_code == 0 and "+++ b/code_text/acts/civil-code/articles/art-7.md" in dry.output
    assert not (repo / ACT).exists()
    assert kodeks("import", str(source), "--act", "civil-code").exit_code == 0
    before = act_files(repo)
    again = kodeks("import", str(source), "--act", "civil-code")
    assert "nothing to change" in again.output
    assert act_files(repo) == before
    # The working group's decisions on the act's provisions, and its own notes there, are not
    # import's: a re-import (once it deleted dispositions.yaml, and validate still passed) keeps them.
    decisions = 'not-transferred:\n  - {article: "10", reason: "Регулируется ГПК."}\n'
    (repo / ACT / "dispositions.yaml").write_text(decisions, encoding="utf-8")
    (repo / ACT / "NOTES.md").write_text("Сверено с Токтом.\n", encoding="utf-8")
    kept = act_files(repo)
    for args in (["--dry-run"], []):
        result = kodeks("import", str(source), "--act", "civil-code", *args)
        assert result.exit_code == 0 and "nothing to change" in result.output, result.output
    assert act_files(repo) == kept


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by .ci/run")
def test_a_docx_made_by_libreoffice_from_the_same_text_imports_to_the_same_files(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "civil.ru.txt"
    source.write_text(published_text(), encoding="utf-8")
    subprocess.run(
        ["soffice", "--headless", "--infilter=Text (encoded):UTF8,LF,,", "--convert-to", "docx", "--outdir",
         str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert kodeks("import", str(source), "--act", "civil-code").exit_code == 0
    from_text = act_files(repo)
    shutil.rmtree(repo / ACT)
    result = kodeks("import", str(tmp_path / "civil.ru.docx"), "--act", "civil-code")
    assert result.exit_code == 0, result.output
    assert act_files(repo) == from_text


BILINGUAL_RU = """\
ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ
от 15 марта 2002 года № 37
О муниципальной собственности
Статья 1. Понятия
В настоящем Законе:
1) муниципальное имущество – имущество местного сообщества;
2) орган – исполнительный орган.
Статья 1¹. Дополнение
1. Первая часть.
Примечание. Применяется с 2003 года.
"""
BILINGUAL_KY = """\
КЫРГЫЗ РЕСПУБЛИКАСЫНЫН МЫЙЗАМЫ
2002-жылдын 15-мартындагы № 37
Муниципалдык менчик жөнүндө
1-берене. Түшүнүктөр
Ушул Мыйзамда:
1) муниципалдык мүлк – жергиликтүү коомдоштуктун мүлкү;
2) орган – аткаруу органы.
1-1-берене. Толуктоо
1. Биринчи бөлүк.
Эскертүү. 2003-жылдан тартып колдонулат.
"""


def test_two_languages_are_merged_by_article_number(repo: Path) -> None:
    (repo / "ru.txt").write_text(BILINGUAL_RU, encoding="utf-8")
    (repo / "ky.txt").write_text(BILINGUAL_KY, encoding="utf-8")
    result = kodeks("import", "ru.txt", "ky.txt", "--act", "civil-code")
    assert result.exit_code == 0, result.output
    files = act_files(repo)
    assert 'title: {ky: "Муниципалдык менчик жөнүндө", ru: "О муниципальной собственности"}' in files[ACT + "act.yaml"]
    inserted = files[ACT + "articles/art-1-1.md"]  # «Статья 1¹» is article 1-1
    assert 'number: "1-1"' in inserted and "## ky\n\n1. Биринчи бөлүк." in inserted
    assert "\nЭскертүү. 2003-жылдан тартып колдонулат.\n" in inserted
    assert check(read_worktree(repo)).diagnostics == []


def test_lines_that_cannot_be_placed_stop_the_import_with_their_line(repo: Path) -> None:
    (repo / "ru.txt").write_text(BILINGUAL_RU.replace("1. Первая часть.", "а) подпункт без пункта"), encoding="utf-8")
    (repo / "ky.txt").write_text(BILINGUAL_KY.replace("1-1-берене. Толуктоо\n", ""), encoding="utf-8")
    result = kodeks("import", "ru.txt", "ky.txt", "--act", "civil-code")
    assert result.exit_code == 1
    assert "ru.txt:9:1: I001 «а) подпункт без пункта» opens a subpoint, but no point stands before it" in result.output
    assert "I001 article 1-1 has no counterpart in the other language's text" in result.output
    assert not (repo / ACT).exists()


def test_an_input_is_named_as_the_user_gave_it(repo: Path) -> None:
    """Below the current directory, by its path from there; elsewhere, whole (not «null:1:1»)."""
    (repo / "in").mkdir()
    (repo / "in" / "empty.txt").write_text("", encoding="utf-8")
    for given, named in (
        ("in/empty.txt", "in/empty.txt"),
        (str(repo / "in" / "empty.txt"), "in/empty.txt"),
        ("/dev/null", "/dev/null"),
    ):
        result = kodeks("import", given, "--act", "civil-code", "--language", "ru")
        assert result.exit_code == 1 and f"{named}:1:1: I001 no article found" in result.output, result.output


def test_foreign_inputs_get_a_clear_error(repo: Path) -> None:
    (repo / "cp1251.txt").write_bytes(BILINGUAL_RU.replace("¹", "-1").encode("cp1251"))
    result = kodeks("import", "cp1251.txt", "--act", "civil-code")
    assert result.exit_code == 2 and "it looks like Windows-1251: save it as UTF-8" in result.output
    with zipfile.ZipFile(repo / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("word/document.xml", b"<" + b"a" * 30_000_000 + b"/>")
    result = kodeks("import", "bomb.docx", "--act", "civil-code")
    assert result.exit_code == 2 and "refused as a possible zip bomb" in result.output
    (repo / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    assert "save it as .docx" in kodeks("import", "old.doc", "--act", "civil-code").output
    result = kodeks("import", "ru.txt", "--act", "no-such-act")
    assert result.exit_code == 2


LAW_123_OPENING = """\
ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ

г.Бишкек, от 20 октября 2021 года № 123

О местной государственной администрации и органах местного самоуправления

(В редакции Законов КР от 28 ноября 2022 года N 113, 1 декабря 2022 года N 114, 16 января 2024 года N 17, 29 июля 2024 года N 150, 29 июля 2024 года N 152, 29 июля 2024 года N 154, 30 июля 2024 года N 156, 30 сентября 2024 года N 166)

Статья 1. Предмет регулирования

1. Настоящий Закон устанавливает порядок организации деятельности местной государственной администрации и органов местного самоуправления, их задачи, функции и полномочия, а также порядок взаимоотношений между ними.

2. Другие законы, регламентирующие вопросы местной государственной администрации и органов местного самоуправления, применяются в той части, в которой не противоречат настоящему Закону.

3. Законами о приграничных, высокогорных, отдаленных территориях могут быть установлены особенности функционирования местной государственной администрации и органов местного самоуправления.

РАЗДЕЛ I

МЕСТНАЯ ГОСУДАРСТВЕННАЯ АДМИНИСТРАЦИЯ

Глава 1

Общие положения и принципы

Статья 2. Местная государственная администрация

1. Местная государственная администрация осуществляет исполнительную власть в районе
"""
"""The opening of Law No 123 of 20 October 2021 as published on shailoo.gov.kg (header, article 1,
section I); chapter 1 and article 2's first part as in the draft the Jogorku Kenesh published in
2021 (slideshare.net/akipress), enough to show article 1 standing before section I."""


def test_an_article_before_the_first_section_is_kept_there(repo: Path) -> None:
    (repo / "law-123.txt").write_text(LAW_123_OPENING, encoding="utf-8")
    result = kodeks("import", "law-123.txt", "--act", "civil-code")
    assert result.exit_code == 0, result.output
    structure = (repo / ACT / "act.yaml").read_text(encoding="utf-8")
    assert 'number: "123"\nadopted: 2021-10-20\n' in structure
    assert 'title: {ru: "О местной государственной администрации и органах местного самоуправления"}' in structure
    assert "\narticles: [art-1]\nsections:\n  - id: section-1\n" in structure
    assert 'title: {ru: "МЕСТНАЯ ГОСУДАРСТВЕННАЯ АДМИНИСТРАЦИЯ"}' in structure
    assert 'title: {ru: "Общие положения и принципы"}' in structure
    checked = check(read_worktree(repo))
    assert checked.diagnostics == []
    assert checked.code is not None
    text = checked.code.acts["civil-code"].text
    assert text is not None and [e.id for e in text.article_order()] == ["art-1", "art-2"]


def test_the_acts_references_to_itself_become_links_where_unambiguous(repo: Path) -> None:
    ru = BILINGUAL_RU.replace(
        "1. Первая часть.",
        "1. Первая часть применяется в соответствии с пунктом 2 статьи 1 настоящего Закона и абзацем вторым "
        "части 1 настоящей статьи.",
    )
    ky = BILINGUAL_KY.replace(
        "1. Биринчи бөлүк.",
        "1. Биринчи бөлүк ушул Мыйзамдын 1-беренесинин 2-пунктуна жана ушул берененин 1-бөлүгүнүн экинчи "
        "абзацына ылайык колдонулат.",
    )
    (repo / "ru.txt").write_text(ru, encoding="utf-8")
    (repo / "ky.txt").write_text(ky, encoding="utf-8")
    result = kodeks("import", "ru.txt", "ky.txt", "--act", "civil-code")
    assert result.exit_code == 0, result.output
    inserted = (repo / ACT / "articles" / "art-1-1.md").read_text(encoding="utf-8")
    assert "в соответствии с [пунктом 2 статьи 1](art:art-1#.2) настоящего Закона" in inserted
    assert "ушул Мыйзамдын [1-беренесинин 2-пунктуна](art:art-1#.2) жана" in inserted
    # An абзац is kept as words, and said so, in both languages.
    assert "ru.txt:9:1: I002 warning: «абзацем вторым части 1» kept as words" in result.output
    assert "ky.txt:9:1: I002 warning: «1-бөлүгүнүн экинчи абзацына» kept as words" in result.output
    assert check(read_worktree(repo)).diagnostics == []


def test_structure_lines_as_laws_print_them_are_read_or_reported(repo: Path) -> None:
    """«РАЗДЕЛ 1.» with an Arabic numeral went into the preamble; a heading between two articles
    became a paragraph of the earlier one's last part, exit 0."""
    header = "ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ\n\nот 8 мая 1996 года № 15\n\nО собственности\n\n"
    article = "Статья {n}. Статья {n}\n\n1. Текст части {n}.\n\n"
    sections = header + "РАЗДЕЛ 1.\n\nОБЩИЕ ПОЛОЖЕНИЯ\n\n" + article.format(n=1) + "РАЗДЕЛ 2\n\nОСОБЕННАЯ ЧАСТЬ\n\n"
    (repo / "sections.txt").write_text(sections + article.format(n=2), encoding="utf-8")
    assert kodeks("import", "sections.txt", "--act", "civil-code").exit_code == 0
    act = (repo / ACT / "act.yaml").read_text(encoding="utf-8")
    assert "ОБЩИЕ ПОЛОЖЕНИЯ" in act and "ОСОБЕННАЯ ЧАСТЬ" in act and "РАЗДЕЛ" not in act
    assert "ОСОБЕННАЯ" not in (repo / ACT / "articles" / "art-1.md").read_text(encoding="utf-8")
    unmarked = header + article.format(n=1) + "ОСОБЕННАЯ ЧАСТЬ\n\n" + article.format(n=2)
    (repo / "unmarked.txt").write_text(unmarked, encoding="utf-8")
    result = kodeks("import", "unmarked.txt", "--act", "civil-code")
    assert (
        result.exit_code == 1 and "unmarked.txt:11:1: I001 «ОСОБЕННАЯ ЧАСТЬ» is printed as a heading" in result.output
    )


def test_the_signature_block_is_the_acts_metadata_not_its_last_article(repo: Path) -> None:
    """«Президент Кыргызской Республики», the name, «г. Бишкек», the date and number once became
    paragraphs of the last article."""
    signed = (
        "ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ\n\nот 8 мая 1996 года № 15\n\nО собственности\n\n"
        "Статья 1. Вступление в силу\n\n1. Настоящий Закон вступает в силу со дня опубликования.\n\n"
        "Президент Кыргызской Республики\n\nА. Акаев\n\nг. Бишкек\n\n8 мая 1996 года\n\n№ 15\n\n"
        "Принят Жогорку Кенешем Кыргызской Республики 5 апреля 1996 года\n"
    )
    (repo / "signed.txt").write_text(signed, encoding="utf-8")
    result = kodeks("import", "signed.txt", "--act", "civil-code")
    assert result.exit_code == 0, result.output
    article = (repo / ACT / "articles" / "art-1.md").read_text(encoding="utf-8")
    assert article.rstrip().endswith("1. Настоящий Закон вступает в силу со дня опубликования.")
    act = (repo / ACT / "act.yaml").read_text(encoding="utf-8")
    assert '- "А. Акаев"' in act and '- "Принят Жогорку Кенешем Кыргызской Республики 5 апреля 1996 года"' in act
    assert kodeks("validate", "--strict").exit_code == 0
    # The same words as text of an article are text: only a closing run of short lines moves.
    text = signed.replace(
        "со дня опубликования.\n",
        "со дня опубликования.\n\nПрезидент Кыргызской Республики Указом утверждает порядок.\n\n2. Вторая часть.\n",
    )
    (repo / "signed.txt").write_text(text, encoding="utf-8")
    assert kodeks("import", "signed.txt", "--act", "civil-code").exit_code == 0
    article = (repo / ACT / "articles" / "art-1.md").read_text(encoding="utf-8")
    assert "   Президент Кыргызской Республики Указом утверждает порядок." in article


REPEALED_UNITS = """\
ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ

от 8 мая 1996 года № 15

О собственности

Статья 21. Предмет

1. Текст части.

2. (Утратила силу в соответствии с Законом КР от 1 июня 2020 года № 5)

3. Текст:

1) пункт;

2) (утратил силу в соответствии с Законом КР от 1 июня 2020 года № 5);

2-1) (утратил силу в соответствии с Законом КР от 1 июня 2021 года № 6);

3) пункт.

Статья 21¹. (Утратила силу в соответствии с Законом КР от 1 июня 2020 года № 5)

Статья 22. Другое

1. Текст.
"""


def test_repealed_units_are_structured_and_no_provisions_to_decide(repo: Path) -> None:
    """«Статья 21¹. (Утратила силу …)» on the heading line was refused (I001); a part «2. (Утратила
    силу …)» was counted as an open provision."""
    from kodeks.consolidation import consolidate

    (repo / "law.txt").write_text(REPEALED_UNITS, encoding="utf-8")
    result = kodeks("import", "law.txt", "--act", "civil-code")
    assert result.exit_code == 0, result.output
    inserted = (repo / ACT / "articles" / "art-21-1.md").read_text(encoding="utf-8")
    assert (
        "status: repealed" in inserted
        and "Утратила силу в соответствии с Законом КР от 1 июня 2020 года № 5" in inserted
    )
    checked = check(read_worktree(repo))
    assert checked.code is not None
    (coverage,) = consolidate(checked.code).acts
    open_provisions = [(str(p.target.article), str(p.target.part)) for p in coverage.provisions]
    assert open_provisions == [("21", "1"), ("21", "3"), ("22", "1")]


SELF_REFERENCES = """\
ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ

от 8 мая 1996 года № 15

О собственности

Статья 1. Понятия

1. Первая часть.

2. Вторая часть:

1) первый пункт;

2) второй пункт;

3) третий пункт.

3. Как указано в пунктах 1 - 3 части 2 настоящей статьи.

4. Согласно частям 1 - 3 настоящей статьи и частью 2¹ статьи 2 настоящего Закона.

5. В пунктах 1 и 2 настоящей части.

Статья 2. Другое

1. Текст.

2. Текст.

2¹. Вставленная часть.
"""


def test_references_to_the_act_itself_are_linked_whole_or_listed(repo: Path) -> None:
    """A spaced hyphen is a range as published texts print it («пунктах 1 - 3 части 1» once became
    «пунктах 1 - 3 [части 1](…#1)»); «2¹» is 2-1; «настоящей части» is listed, never left silent."""
    (repo / "law.txt").write_text(SELF_REFERENCES, encoding="utf-8")
    result = kodeks("import", "law.txt", "--act", "civil-code")
    assert result.exit_code == 0, result.output
    article = (repo / ACT / "articles" / "art-1.md").read_text(encoding="utf-8")
    assert "3. Как указано в [пунктах 1 - 3 части 2](art:art-1#2.1~2.3) настоящей статьи." in article
    assert "[частям 1 - 3](art:art-1#1~3) настоящей статьи" in article
    assert "[частью 2¹ статьи 2](art:art-2#2-1) настоящего Закона" in article
    assert "5. В пунктах 1 и 2 настоящей части." in article
    assert "law.txt:23:1: I002 warning: «пунктах 1 и 2» kept as words" in result.output
    assert kodeks("validate", "--strict").exit_code == 0


def test_a_capitalised_kyrgyz_self_reference_is_found(repo: Path) -> None:
    ky = (
        "КЫРГЫЗ РЕСПУБЛИКАСЫНЫН МЫЙЗАМЫ\n\n1996-жылдын 8-майы № 15\n\nМенчик жөнүндө\n\n"
        "1-берене. Түшүнүктөр\n\n1. Биринчи бөлүк.\n\n2. Ушул берененин 1-бөлүгүндө аталган.\n"
    )
    (repo / "ky.txt").write_text(ky, encoding="utf-8")
    result = kodeks("import", "ky.txt", "--act", "civil-code")
    assert result.exit_code == 0, result.output
    article = (repo / ACT / "articles" / "art-1.md").read_text(encoding="utf-8")
    assert "2. Ушул берененин [1-бөлүгүндө](art:art-1#1) аталган." in article


def test_notes_printed_on_one_line_are_a_note_list(repo: Path) -> None:
    """«Примечания. 1. Под …» on one line, «2. …» on the next: the first note was read as the
    opening's text, and the list began at 2 (N010)."""
    text = (
        "ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ\n\nот 8 мая 1996 года № 15\n\nО собственности\n\n"
        "Статья 1. Понятия\n\n1. Текст части.\n\n"
        "Примечания. 1. Под собственностью понимается право.\n\n2. Под владением понимается факт.\n"
    )
    (repo / "notes.txt").write_text(text, encoding="utf-8")
    result = kodeks("import", "notes.txt", "--act", "civil-code")
    assert result.exit_code == 0, result.output
    assert kodeks("validate", "--strict").exit_code == 0
    checked = check(read_worktree(repo))
    assert checked.code is not None
    act = checked.code.acts["civil-code"].text
    assert act is not None
    notes = act.articles["art-1"].texts["ru"].notes
    assert notes is not None and [n.label for n in notes.numbered] == ["1", "2"]


def test_a_published_kyrgyz_amending_law_is_read_as_printed() -> None:
    """Law No 21 of 15 February 2018 (tests/fixtures/law-2018-21/SOURCE.md): its articles «1-берене»
    have no titles, so the sentence after the heading is text, not a title (it became the title);
    its closing block in Kyrgyz is the signature, not text of article 2."""
    from kodeks.parse.statute import read_statute

    source = Path(__file__).parent / "fixtures" / "law-2018-21" / "law.ky.txt"
    statute = read_statute(source.name, source.read_text(encoding="utf-8"))
    assert statute.language == "ky"
    first, second = statute.articles
    assert first.title == "" and first.blocks[0].text.startswith('"Жергиликтүү өз алдынча башкаруу жөнүндө"')
    assert [b.label for b in first.blocks if b.kind == "point"] == ["1", "2", "3"]
    assert [b.text for b in second.blocks] == ["Ушул Мыйзам расмий жарыяланган күндөн тартып күчүнө кирет."]
    assert statute.signature == [
        "Кыргыз Республикасынын Президенти", "С.Ш. Жээнбеков", "Бишкек ш.", "2018-жылдын 15-февралы", "№21"
    ]  # fmt: skip


SMALL_LAW = "ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ\n\nот 8 мая 1996 года № 15\n\nО порядке\n\nСтатья 1. Понятия\n\n"


@pytest.mark.parametrize(
    "body, says",
    [
        # a part after points of the article's own (B007 after the import)
        ("1) пункт;\n\n1. Первая часть.\n", "mixed.txt:11:1: I001 «1. Первая часть.» opens a part after text"),
        # a part after a sentence of the article's own (B012 after the import)
        (
            "в соответствии с частью 1 статьи 1 настоящего Закона\n\n1. Первая часть.\n",
            "mixed.txt:11:1: I001 «1. Первая часть.» opens a part after text",
        ),
        # two articles with one number: the second overwrote the first's file, an internal error
        (
            "1. Первая часть.\n\nСтатья 1. Понятия\n\n1. Другая часть.\n",
            "mixed.txt:11:1: I001 article 1 again (the first is on line 7)",
        ),
    ],
)
def test_what_would_be_written_invalid_is_refused_at_its_line(repo: Path, body: str, says: str) -> None:
    """Found by the long fuzz: each was written as an act the next validate found invalid, or
    ended in an internal error."""
    (repo / "mixed.txt").write_text(SMALL_LAW + body, encoding="utf-8")
    result = kodeks("import", "mixed.txt", "--act", "civil-code")
    assert result.exit_code == 1 and says in result.output, result.output
    assert not (repo / ACT).exists()


def test_a_published_kyrgyz_amending_law_imports_word_for_word(
    code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Law No 21 of 15 February 2018, as published (its header gives no number or date: they are
    given): untitled articles are kept untitled, the signature goes to act.yaml, a second import
    changes nothing, and the act passes `validate --strict`."""
    root = code_dir(
        {YAML: str(BASE_FILES[YAML]).replace("acts:\n", 'acts:\n  lsg-2018:\n    title: {ky: "Мыйзам", ru: "Закон"}\n')}
    )
    monkeypatch.chdir(root)
    source = Path(__file__).parent / "fixtures" / "law-2018-21" / "law.ky.txt"
    args = ("import", str(source), "--act", "lsg-2018", "--number", "21", "--adopted", "2018-02-15")
    result = kodeks(*args)
    assert result.exit_code == 0, result.output
    first = (root / "code_text/acts/lsg-2018/articles/art-1.md").read_text(encoding="utf-8")
    assert first.startswith("---\nid: art-1\nnumber: 1\nstatus: agreed\n---\n")
    assert "3) 49-берененин 3-бөлүгүндө" in first
    act = (root / "code_text/acts/lsg-2018/act.yaml").read_text(encoding="utf-8")
    assert '- "С.Ш. Жээнбеков"' in act and 'number: "21"' in act
    assert kodeks("validate", "--strict").exit_code == 0
    assert "nothing to change" in kodeks(*args).output
