"""A second public statute nobody on the team wrote, imported as it is stored and as Word and
LibreOffice would hold it: the road traffic law of 1998 (tests/fixtures/road-traffic-law-1998/
SOURCE.md), 36 articles in seven sections without chapters, a repealed article, history notes,
its first publication and a signature on three lines, and superscripts a copy printed flat."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import BASE_FILES, YAML, WriteCode, kodeks, write_files
from .test_import_docx import docx

FIXTURE = Path(__file__).parent / "fixtures" / "road-traffic-law-1998"
ACT = "code_text/acts/road-traffic-law/"
TITLE = "О дорожном движении в Кыргызской Республике"
# The official print's raised digits, which the stored copy prints flat.
RAISED = {
    "Статья 231.": "Статья 23¹.",
    "Статья 241.": "Статья 24¹.",
    "Статья 261.": "Статья 26¹.",
    "\n41. Регистрация": "\n4¹. Регистрация",
    "\n31. При сдаче": "\n3¹. При сдаче",
}


def published() -> str:
    return (FIXTURE / "law.ru.txt").read_text(encoding="utf-8")


def restored() -> str:
    text = published()
    for flat, raised in RAISED.items():
        assert text.count(flat) == 1, flat
        text = text.replace(flat, raised)
    return text


@pytest.fixture
def repo(code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch) -> Path:
    entry = (
        "acts:\n  road-traffic-law:\n"
        '    title: {ky: "Кыргыз Республикасындагы жол кыймылы жөнүндө", ru: "О дорожном движении в Кыргызской Республике"}\n'
    )
    root = code_dir({YAML: str(BASE_FILES[YAML]).replace("acts:\n", entry)})
    monkeypatch.chdir(root)
    return root


def imported(root: Path, source: Path) -> dict[str, str]:
    # The copy has no header: the title is given; the number and date are stand-ins (SOURCE.md).
    result = kodeks(
        "import", str(source), "--act", "road-traffic-law", "--language", "ru", "--title", TITLE,
        "--number", "0", "--adopted", "1998-04-29",
    )  # fmt: skip
    assert result.exit_code == 0, result.output + result.stderr
    files = {
        p.relative_to(root).as_posix(): p.read_text("utf-8") for p in sorted((root / ACT).rglob("*")) if p.is_file()
    }
    shutil.rmtree(root / ACT)
    return files


def test_the_law_as_stored_imports_and_its_flattened_numbers_are_named(repo: Path) -> None:
    source = repo / "law.ru.txt"
    source.write_text(published(), encoding="utf-8")
    files = imported(repo, source)
    write_files(repo, dict(files))
    act = files[ACT + "act.yaml"]
    # Seven sections holding their articles (the titles printed on two lines joined), the
    # preamble under section I, the publication and the signature out of article 33's text.
    assert act.count("  - id: section-") == 7 and "chapters:" not in act
    assert '{ru: "ГОСУДАРСТВЕННАЯ ПОЛИТИКА В ОБЛАСТИ ОБЕСПЕЧЕНИЯ БЕЗОПАСНОСТИ ДОРОЖНОГО ДВИЖЕНИЯ"}' in act
    assert "Настоящий Закон определяет правовые основы" in act.split("preamble:")[1].split("signature:")[0]
    assert 'publication: {ru: "\\"Эркин Тоо - Свободные горы\\", 29 апреля 1998 года, № 53-54"}' in act
    assert act.split("signature:")[1].split("sections:")[0].split("\n")[2:5] == [
        '    - "Президент"', '    - "Кыргызской Республики"', '    - "А.Акаев"',
    ]  # fmt: skip
    assert "Эркин Тоо" not in files[ACT + "articles/art-33.md"]
    # The repealed article keeps the database's note on the two languages, as its history.
    assert "status: repealed" in files[ACT + "articles/art-7.md"]
    assert "имеют различия с государственном языком" in files[ACT + "articles/art-7.md"]
    # The copy's flat superscripts are the source's error, and validate names each one.
    result = kodeks("validate", "--strict")
    found = re.findall(r"^(\S+): (N00[34]) .*$", result.output, re.MULTILINE)
    assert result.exit_code == 1
    assert [(path.split(":")[0].rsplit("/", 1)[1], code) for path, code in found] == [
        ("art-231.md", "N003"), ("art-24.md", "N004"), ("art-241.md", "N003"), ("art-261.md", "N003"),
        ("art-27.md", "N004"),
    ]  # fmt: skip
    assert result.output.count("with its raised digit printed flat") == 5
    assert "«231» looks like 23-1" in result.output
    assert re.search(
        r"the Code is invalid: 5 errors, 0 warnings \(3 articles checked, and 36 of the acts", result.output
    )


def test_restored_as_printed_it_imports_the_same_from_text_and_both_kinds_of_word_file(
    repo: Path, tmp_path: Path
) -> None:
    source = tmp_path / "law.ru.txt"
    source.write_text(restored(), encoding="utf-8")
    from_text = imported(repo, source)
    write_files(repo, dict(from_text))
    checked = kodeks("validate", "--strict")
    assert checked.exit_code == 0, checked.output
    # Part 4¹ of article 24 has a second абзац: GitHub cannot show it inside the part (a notice).
    assert "0 errors, 0 warnings, 1 notice (3 articles checked, and 36 of the acts kept as text)" in checked.output
    assert (
        "art-24.md:37:1: M002 notice: GitHub shows its further абзацы outside the inserted part «4-1.»"
        in checked.output
    )
    assert 'number: "23-1"' in from_text[ACT + "articles/art-23-1.md"]
    shutil.rmtree(repo / ACT)
    # As Word writes it: superscript runs, smart tags, a content control, a field, custom XML.
    word = docx(tmp_path / "word.docx", _word_body(restored()))
    assert imported(repo, word) == from_text
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice is installed by .ci/run")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--infilter=Text (encoded):UTF8,LF,,", "--convert-to", "docx", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert imported(repo, tmp_path / "law.ru.docx") == from_text


def _word_body(text: str) -> str:
    """The text as Word keeps it: a raised digit as a superscript run, and words inside the
    containers Word uses (a smart tag, a content control, a field, custom XML)."""
    body = []
    wrappers = [
        ('<w:smartTag w:uri="urn:x" w:element="place">', "</w:smartTag>"),
        ("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>"),
        ('<w:fldSimple w:instr=" DOCPROPERTY x ">', "</w:fldSimple>"),
        ('<w:customXml w:element="law">', "</w:customXml>"),
    ]
    for index, line in enumerate(text.split("\n")):
        if not line.strip():
            body.append("<w:p/>")
            continue
        runs = []
        for piece in re.split("([¹²³])", line):
            if piece in "¹²³" and piece:
                digit = str("¹²³".index(piece) + 1)
                runs.append(f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{digit}</w:t></w:r>')
            elif piece:
                escaped = piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                runs.append(f'<w:r><w:t xml:space="preserve">{escaped}</w:t></w:r>')
        opening, closing = wrappers[index % len(wrappers)] if index % 7 == 0 and len(runs) == 1 else ("", "")
        body.append(f"<w:p>{opening}{''.join(runs)}{closing}</w:p>")
    return "".join(body)


def test_an_import_that_would_lose_a_history_note_writes_nothing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The read-back check covers the notes kept as history, not only the text: a writer that
    drops one is caught before anything is written."""
    from kodeks import importing

    lines_per_language = importing._lines_per_language

    def losing(key: str, values: dict[str, list[str]]) -> str:
        return lines_per_language(
            key, {lang: lines[:-1] for lang, lines in values.items()} if key == "history" else values
        )

    monkeypatch.setattr(importing, "_lines_per_language", losing)
    source = repo / "law.ru.txt"
    source.write_text(published(), encoding="utf-8")
    result = kodeks(
        "import", str(source), "--act", "road-traffic-law", "--language", "ru", "--title", TITLE,
        "--number", "0", "--adopted", "1998-04-29",
    )  # fmt: skip
    assert result.exit_code == 3 and "history notes of article 2 back differently" in result.output
    assert not (repo / ACT).exists()
