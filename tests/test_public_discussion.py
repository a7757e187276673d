"""The public discussion: the form the portal and the public get (DOCX, XLSX, CSV), and what
comes back (filled forms, letters citing units in words) placed in `reviews/public-1.yaml`.

The filled spreadsheet and Word form are made by LibreOffice itself, driven through its UNO
API as a member of the public would fill them (tests/office/uno_edit.py).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import yaml

from .conftest import git, kodeks, write_files
from .test_review import SYSTEM_PYTHON, UNO_EDIT, needs_libreoffice

REGISTER = "code_text/reviews/public-1.yaml"


def _form(root: Path, output_format: str) -> Path:
    result = kodeks("review", "export", "--root", str(root), "--round", "public-1", "--format", output_format)
    assert result.exit_code == 0, result.output + result.stderr
    return root / "build" / f"public-1-form.{output_format}"


def _csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads Cyrillic CSV only with the mark
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _register(root: Path) -> dict[str, object]:
    loaded = yaml.safe_load((root / REGISTER).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_the_form_has_a_row_per_unit_cited_in_both_languages(code_repo: Callable[..., Path]) -> None:
    root = code_repo()
    rows = _csv(_form(root, "csv"))
    assert rows[0][:3] == [
        "№",
        "Түзүмдүк бирдик (кыргызча) / Структурная единица (на кыргызском языке)",
        "Түзүмдүк бирдик (орусча) / Структурная единица (на русском языке)",
    ]
    assert rows[0][5] == "Сын-пикир / Замечание"
    by_place = {row[2]: row for row in rows[1:]}
    part = by_place["часть 2 статьи 3"]
    assert part[1] == "3-берененин 2-бөлүгү"
    assert part[3].startswith("2. Кеңеш 1-главада жана I бөлүмдө")  # the text as printed, links as words
    assert part[4].startswith("2. Кенеш решает вопросы")
    assert part[5:9] == ["", "", "", ""] and part[9] == "art:kenesh#2"
    assert by_place["пункт 2 части 2 статьи 1"][9] == "art:subject#2.2"  # «2)» under part 2
    assert [row[2] for row in rows[1:4]] == ["раздел I", "глава 1", "статья 1"]
    # The same draft, the same bytes: a form sent twice is one form.
    first = (root / "build" / "public-1-form.csv").read_bytes()
    assert _form(root, "csv").read_bytes() == first
    xlsx = _form(root, "xlsx").read_bytes()
    assert _form(root, "xlsx").read_bytes() == xlsx


def test_a_text_that_looks_like_a_formula_stays_text_in_the_csv(code_repo: Callable[..., Path]) -> None:
    from .conftest import BASE_FILES, A

    planted = BASE_FILES[A + "concepts.md"].replace("В настоящем Кодексе:", '@HYPERLINK("http://evil.example") Кодекс:')
    root = code_repo([{A + "concepts.md": planted}])
    rows = _csv(_form(root, "csv"))
    intro = next(row for row in rows if row[9] == "art:concepts#abz1")
    assert intro[4] == '\'@HYPERLINK("http://evil.example") Кодекс:'  # a spreadsheet shows it, never runs it
    assert intro[3] == "Ушул Кодексте:"


def test_a_filled_csv_lands_in_the_public_round_and_unplaced_comments_are_listed(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    root = code_repo()
    rows = _csv(_form(root, "csv"))
    part = next(row for row in rows if row[9] == "art:kenesh#2")
    part[5], part[7], part[8] = "Уточнить, какие вопросы.", "Асанов А.", "ОО «Айыл»"
    point = next(row for row in rows if row[9] == "art:subject#2.1")
    point[6] = "жергиликтүү кеңештерге;"
    empty = [""] * 10
    rows.append([*empty[:5], "Ст. 3, ч. 1: кто действует?", "", "Петров", "", ""])  # a row the reader added
    rows.append([*empty[:5], "В статье 9 нет ясности.", "", "Петров", "", ""])  # no article 9
    rows.append([*empty[:5], "Части 1 и 2 статьи 3 противоречат друг другу.", "", "Петров", "", ""])
    filled = tmp_path / "filled.csv"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)  # saved with commas, as an English-language Excel does
    filled.write_text(buffer.getvalue(), encoding="utf-8")

    result = kodeks("review", "import", str(filled), "--root", str(root), "--round", "public-1")
    assert result.exit_code == 0, result.output + result.stderr
    assert "2 comments, 1 proposal, 2 not placed; 3 new in round `public-1`" in result.stderr
    assert "the draft has no «статье 9»" in result.stderr
    assert "on the page: В статье 9 нет ясности." in result.stderr
    assert "it cites 2 units (art:kenesh#1, art:kenesh#2)" in result.stderr
    register = _register(root)
    assert register["source"] == "public"
    entries = register["comments"]
    assert isinstance(entries, list)
    assert [(e["unit"], e["author"], e.get("organisation"), e["via"]) for e in entries] == [
        ("art:subject#2.1", "?", None, "form"),
        ("art:kenesh#2", "Асанов А.", "ОО «Айыл»", "form"),
        ("art:kenesh#1", "Петров", None, "form"),
    ]
    assert entries[0]["proposal"] == {"ky": "жергиликтүү кеңештерге;"}  # its words are the Kyrgyz text's
    assert entries[0]["place"] == "1-берененин 2-бөлүгүнүн 1-пункту"
    # The register reads, and a second import of the same file adds nothing.
    assert kodeks("validate", "--root", str(root)).exit_code == 0
    again = kodeks("review", "import", str(filled), "--root", str(root), "--round", "public-1")
    assert "0 new in round `public-1`" in again.stderr and "nothing to change" in again.output


def test_letters_are_placed_by_the_units_they_cite_in_words(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = code_repo()
    letters = tmp_path / "letters.txt"
    letters.write_text(
        "Предлагаю в пункте 2 части 2 статьи 1 слова «айыл окмоту» заменить.\r\n\r\n"
        "3-берененин 2-бөлүгүн тактоо керек.\r\n\r\n"
        "Кодекс в целом поддерживаю.\r\n",
        encoding="utf-8",
    )
    result = kodeks("review", "import", str(letters), "--root", str(root), "--round", "public-1", "--author", "Жаран")
    assert result.exit_code == 0, result.output + result.stderr
    assert "paragraph 3: it names no unit of the Code" in result.stderr
    entries = _register(root)["comments"]
    assert isinstance(entries, list)
    assert [(e["unit"], e["language"], e["via"], e["author"]) for e in entries] == [
        ("art:subject#2.2", "ru", "text", "Жаран"),
        ("art:kenesh#2", "ky", "text", "Жаран"),
    ]
    refused = kodeks("review", "import", str(letters), "--root", str(root), "--round", "public-1", "--apply")
    assert refused.exit_code == 2 and "wait for the drafters' decision" in refused.stderr


def test_the_note_reports_the_public_round_first(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    import docx

    public = (
        "name: Коомдук талкуу\nsource: public\ncomments:\n"
        '  - {id: public-1/1, author: Жаран, unit: "art:kenesh#2", comment: "Тактоо.", decision: rejected, reason: "Так."}\n'
    )
    review = "name: Ведомстволор\ncomments: []\n"
    root = code_repo([{REGISTER: public, "code_text/reviews/a-round.yaml": review}])
    folder = tmp_path / "package"
    assert kodeks("package", "--root", str(root), "-o", str(folder)).exit_code == 0
    ru = [p.text for p in docx.Document(str(folder / "justification-note.ru.docx")).paragraphs]
    section = ru[ru.index("4. Информация о результатах общественного обсуждения") + 1 :][:3]
    assert section == [
        "Коомдук талкуу: замечаний и предложений – 1 (из них: не принято – 1).",
        "Ведомстволор: замечаний и предложений – 0.",
        "5. Анализ соответствия проекта законодательству",
    ]
    write_files(root, {REGISTER: public.replace("source: public\n", "source: portal\n")})
    git(root, "add", "-A")
    wrong = kodeks("validate", "--root", str(root))
    assert wrong.exit_code == 1 and "Y006 `source:` is one of: public, review" in wrong.output


def test_a_file_that_is_not_a_form_is_refused_with_its_reason(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = code_repo()
    table = tmp_path / "table.csv"
    table.write_text("a,b\n1,2\n", encoding="utf-8")
    result = kodeks("review", "import", str(table), "--root", str(root), "--round", "public-1")
    assert result.exit_code == 2 and "not a kodeks form: its first row has no column «Сын-пикир" in result.stderr
    cp1251 = tmp_path / "letters.txt"
    cp1251.write_bytes("В части 2 статьи 3 ошибка, исправьте её немедленно.".encode("cp1251") * 20)
    result = kodeks("review", "import", str(cp1251), "--root", str(root), "--round", "public-1")
    assert result.exit_code == 2 and "not UTF-8 text (it looks like Windows-1251" in result.stderr
    # A spreadsheet whose sheet is named outside the package, or with a DTD, is refused, not followed.
    book = tmp_path / "book.xlsx"
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                         '<sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>')  # fmt: skip
        archive.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                         '2006/relationships"><Relationship Id="rId1" Type="x/worksheet" Target="../../../etc/passwd"/>'
                         "</Relationships>")  # fmt: skip
    result = kodeks("review", "import", str(book), "--root", str(root), "--round", "public-1")
    assert result.exit_code == 2 and "the workbook has no sheet" in result.stderr
    assert not (root / REGISTER).exists()
    for command in ("export", "import"):  # a round's id names its file: nothing else passes
        bad = kodeks("review", command, *([str(table)] if command == "import" else []), "--root", str(root),
                     "--round", "../public")  # fmt: skip
        assert bad.exit_code == 2 and "a round id is lowercase letters, digits and hyphens" in bad.stderr


@needs_libreoffice
def test_forms_filled_in_libreoffice_come_back_on_their_units(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = code_repo()
    spec = {
        "author": "Жаран Асанов",
        # Calc: row 5 of the sheet is the fourth unit; the comment is column F, the author H.
        "cells": [["F5", "Бул бөлүктү тактоо керек."], ["H5", "Асанов А."], ["F40", "Статья 3, часть 1: неясно."]],
    }
    spec_path = tmp_path / "spec.json"
    spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    filled = tmp_path / "filled.xlsx"
    subprocess.run(
        [
            SYSTEM_PYTHON,
            str(UNO_EDIT),
            str(tmp_path / "profile"),
            str(_form(root, "xlsx")),
            str(filled),
            str(spec_path),
        ],
        check=True,
        timeout=120,
    )
    with zipfile.ZipFile(filled) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()  # Calc's own way of writing text, not ours
    unit_of_row_5 = _csv(_form(root, "csv"))[4][9]
    # Writer: the Word form's table, row 4 (the third unit), the proposal column.
    spec = {"author": "Жаран Асанов", "cells": [["E4", "Новая редакция статьи."]]}
    spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    filled_docx = tmp_path / "filled.docx"
    subprocess.run(
        [SYSTEM_PYTHON, str(UNO_EDIT), str(tmp_path / "profile"), str(_form(root, "docx")), str(filled_docx),
         str(spec_path)],
        check=True,
        timeout=120,
    )  # fmt: skip
    for path in (filled, filled_docx):
        result = kodeks("review", "import", str(path), "--root", str(root), "--round", "public-1", "--author", "Жаран")
        assert result.exit_code == 0, result.output + result.stderr
    entries = _register(root)["comments"]
    assert isinstance(entries, list)
    assert [(e["unit"], e["author"], e.get("comment"), e.get("proposal")) for e in entries] == [
        (unit_of_row_5, "Асанов А.", "Бул бөлүктү тактоо керек.", None),
        ("art:kenesh#1", "Жаран", "Статья 3, часть 1: неясно.", None),
        ("art:subject", "Жаран", None, {"ru": "Новая редакция статьи."}),
    ]


def test_what_a_stranger_plants_in_a_form_is_read_within_bounds_and_shown_plainly(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    import os

    root = code_repo()
    heading = '"Сын-пикир / Замечание";"Код (өзгөртпөңүз) / Код (не изменять)"\n'
    rows = [
        '"первая строка\nвторая строка";"art:kenesh#2"',  # a line break inside a quoted cell
        '"часть\u2028 1 статьи 3";""',  # U+2028 splits no row
        '"' + "x" * 140_000 + '";"art:kenesh#1"',  # over the csv module's default field limit
        '"\x1b]0;pwned\x07 без ссылки";""',  # a terminal escape in an unplaced comment
        '"' + "1, " * 4_000 + 'x абзац";""',  # a list the citation patterns would retry from every number
        '"абзац ' + ", ".join(map(str, range(1, 31))) + " пункта " + ", ".join(map(str, range(1, 31)))
        + " части " + ", ".join(map(str, range(1, 31))) + " статьи 3" + '";""',  # 30³ combinations
    ]  # fmt: skip
    form = tmp_path / "form.csv"
    form.write_text(heading + "\n".join(rows) + "\n", encoding="utf-8")
    result = kodeks("review", "import", str(form), "--root", str(root), "--round", "public-1")
    assert result.exit_code == 0, result.output + result.stderr
    assert "\x1b" not in result.stderr and "⟨U+001B⟩]0;pwned⟨U+0007⟩ без ссылки" in result.stderr
    entries = _register(root)["comments"]
    assert isinstance(entries, list)
    assert [(e["unit"], e["comment"][:27]) for e in entries] == [
        ("art:kenesh#2", "первая строка\nвторая строка"),
        ("art:kenesh#1", "часть\u2028 1 статьи 3"),
        ("art:kenesh#1", "x" * 27),
        ("art:kenesh", "абзац 1, 2, 3, 4, 5, 6, 7, "),  # of 27,000 places named, the one the Code has
    ]
    # A pipe would wait forever, a device never ends: neither is read past the limit.
    os.mkfifo(tmp_path / "pipe.csv")
    piped = kodeks("review", "import", str(tmp_path / "pipe.csv"), "--root", str(root), "--round", "public-1")
    assert piped.exit_code == 2 and "pipe.csv: not a regular file" in piped.stderr
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    endless = kodeks("review", "import", str(tmp_path / "zero.txt"), "--root", str(root), "--round", "public-1")
    assert endless.exit_code == 2 and "zero.txt: 20,971,521+ bytes; a law's text is read up to 20,971,520" in (
        endless.stderr
    )


def test_a_spreadsheet_with_odd_references_is_read_sparsely(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = code_repo()
    book = tmp_path / "book.xlsx"
    data = zipfile.ZipFile(io.BytesIO(_form(root, "xlsx").read_bytes()))
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="0"><c r="A1" t="inlineStr"><is><t>Замечание</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Код</t></is></c></row>'
        '<row r="²"><c r="A2" t="inlineStr"><is><t>Уточнить.</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>art:kenesh#2</t></is></c><c r="XFD2"/></row>'
        + "".join(f'<row r="{n}"><c r="XFD{n}"/></row>' for n in range(3, 3_000))
        + '<row r="3001"><c r="A3001" t="s"><v>¹</v></c></row></sheetData></worksheet>'
    )  # fmt: skip
    with zipfile.ZipFile(book, "w") as archive:
        for name in data.namelist():
            archive.writestr(name, sheet if name == "xl/worksheets/sheet1.xml" else data.read(name))
    result = kodeks("review", "import", str(book), "--root", str(root), "--round", "public-1")
    assert result.exit_code == 0, result.output + result.stderr
    entries = _register(root)["comments"]
    assert isinstance(entries, list)
    assert [(e["unit"], e["comment"]) for e in entries] == [("art:kenesh#2", "Уточнить.")]


def test_the_word_form_shows_what_word_shows(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    """Hidden text is not a comment; a row whose comment and proposal cells were merged keeps its words."""
    from lxml import etree

    root = code_repo()
    source = zipfile.ZipFile(io.BytesIO(_form(root, "docx").read_bytes()))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    document = etree.fromstring(source.read("word/document.xml"))
    rows = list(next(document.iter(f"{w}tbl")).iterchildren(f"{w}tr"))

    def fill(cell: etree._Element, text: str, hidden: str = "") -> None:
        paragraph = cell.find(f"{w}p")
        run = etree.SubElement(paragraph, f"{w}r")
        etree.SubElement(run, f"{w}t").text = text
        if hidden:
            run = etree.SubElement(paragraph, f"{w}r")
            etree.SubElement(etree.SubElement(run, f"{w}rPr"), f"{w}vanish")
            etree.SubElement(run, f"{w}t").text = hidden

    fill(list(rows[3].iterchildren(f"{w}tc"))[3], "Видимое.", hidden=" СКРЫТОЕ")
    moved = list(rows[3].iterchildren(f"{w}tc"))[3].find(f"{w}p")
    away = etree.SubElement(moved, f"{w}moveFrom")  # Word moved these words elsewhere: not here
    etree.SubElement(etree.SubElement(away, f"{w}r"), f"{w}t").text = " УНЕСЕННОЕ"
    # A table a reader put inside a cell: its rows are not rows of the form.
    cell = list(rows[4].iterchildren(f"{w}tc"))[3]
    inner = etree.SubElement(cell, f"{w}tbl")
    inner_row = etree.SubElement(inner, f"{w}tr")
    for text in ("a", "b", "c", "d", "Вложенная строка."):
        etree.SubElement(etree.SubElement(etree.SubElement(inner_row, f"{w}tc"), f"{w}p"), f"{w}r")
        inner_row[-1][0][0].append(etree.Element(f"{w}t"))
        inner_row[-1][0][0][0].text = text
    etree.SubElement(cell, f"{w}p")
    merged = list(rows[5].iterchildren(f"{w}tc"))
    rows[5].remove(merged[4])
    fill(merged[3], "Объединенная ячейка.")
    filled = tmp_path / "filled.docx"
    with zipfile.ZipFile(filled, "w") as archive:
        for name in source.namelist():
            archive.writestr(name, etree.tostring(document) if name == "word/document.xml" else source.read(name))
    result = kodeks("review", "import", str(filled), "--root", str(root), "--round", "public-1")
    assert result.exit_code == 0, result.output + result.stderr
    entries = _register(root)["comments"]
    assert isinstance(entries, list)
    assert [e["comment"] for e in entries] == ["Видимое.", "a\nb\nc\nd\nВложенная строка.", "Объединенная ячейка."]
    assert "not placed:" not in result.stderr  # the inner table's row is no row of the form


def test_a_letter_cites_a_subpoint_in_abbreviations_and_a_blank_line_of_spaces_parts_two_letters(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    from .conftest import A
    from .test_akn import tricky_kenesh

    root = code_repo([{A + "kenesh.md": tricky_kenesh()}])
    letters = tmp_path / "letters.txt"
    repeated = "переписать целиком, " * 40
    letters.write_text(
        f"Предлагаю изменить пп. «а» п. 2 ч. 3 ст. 3.\n   \nВ ч. 1 ст. 3 уточнить.\n\nЧасти 1, 2 и 3 статьи 3 {repeated}\n",
        encoding="utf-8",
    )
    result = kodeks("review", "import", str(letters), "--root", str(root), "--round", "public-1", "--author", "Жаран")
    assert result.exit_code == 0, result.output + result.stderr
    entries = _register(root)["comments"]
    assert isinstance(entries, list)
    assert [e["unit"] for e in entries] == ["art:kenesh#3.2.а", "art:kenesh#1"]
    # Three parts named: a list, not a place; listed with its words, cut to what finds it in the file.
    assert "paragraph 3: it cites 3 units (art:kenesh#1, art:kenesh#2, art:kenesh#3)" in result.stderr
    listed = result.stderr.split("on the page: ")[-1].splitlines()[0]
    assert listed.startswith("Части 1, 2 и 3 статьи 3") and len(listed) == 300 and listed.endswith("…")
    # A code the form gave that names no unit of the Code today is not believed.
    form = tmp_path / "form.csv"
    form.write_text('"Сын-пикир / Замечание";"Код"\n"Уточнить.";"art:kenesh#9"\n', encoding="utf-8")
    unknown = kodeks("review", "import", str(form), "--root", str(root), "--round", "public-1")
    assert "row 2: it names no unit of the Code" in unknown.stderr
