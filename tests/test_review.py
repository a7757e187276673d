"""Review rounds: reviewers' Word copies back into the register and the articles, the table of
comments, and the answers a pull request gives.

The reviewers' copies are made by LibreOffice itself, driven through its UNO API as a reviewer
would edit (tests/office/uno_edit.py, run with Debian's python3-uno); Word's own markup is
checked on a copy rewritten the way Word writes (see ``_as_word_writes``).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from kodeks import check
from kodeks.store.worktree import read_worktree

from .conftest import BASE_FILES, YAML, A, git, github_html, kodeks, write_files

SOFFICE = shutil.which("soffice")
SYSTEM_PYTHON = "/usr/bin/python3"
UNO_EDIT = Path(__file__).parent / "office" / "uno_edit.py"


def _has_uno() -> bool:
    if SOFFICE is None or not Path(SYSTEM_PYTHON).exists():
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


needs_libreoffice = pytest.mark.skipif(
    not _has_uno(), reason="LibreOffice with python3-uno missing (.ci/run installs them)"
)

REVIEWER = "Айгүл Токтогулова"
EDITS = {
    "author": REVIEWER,
    "replace": [
        ["регулирует местное самоуправление", "регулирует вопросы местного самоуправления"],
        ["решает вопросы", "рассматривает вопросы"],
    ],
    "comment": [["орган, указанный", "Какой орган? Уточнить по Закону № 123."]],
    "untracked": [["действует согласно", "работает согласно"]],
}


def libreoffice_edit(tmp_path: Path, source: Path, spec: dict[str, Any]) -> Path:
    target = source.with_name(source.stem + ".reviewed.docx")
    spec_path = tmp_path / "spec.json"
    spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    subprocess.run(
        [SYSTEM_PYTHON, str(UNO_EDIT), str(tmp_path / "office-profile"), str(source), str(target), str(spec_path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return target


def register(root: Path, round_id: str = "round-1") -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((root / f"code_text/reviews/{round_id}.yaml").read_text(encoding="utf-8"))
    return data


def ru_text(root: Path, article: str) -> str:
    return (root / A / f"{article}.md").read_text(encoding="utf-8").split("## ru", 1)[1]


def reviewer_copy(
    source: zipfile.ZipFile, document_xml: str, target: Path, comment: tuple[str, str] | None = None
) -> Path:
    """``source`` with its body replaced by ``document_xml`` and, given (id, text), one comment
    by «Рецензент» in comments.xml, as a reviewer's edited copy."""
    with zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            copy.writestr(item, document_xml if item.filename == "word/document.xml" else source.read(item.filename))
        if comment is not None:
            copy.writestr(
                "word/comments.xml",
                '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f'<w:comment w:id="{comment[0]}" w:author="Рецензент" w:date="2026-12-04T09:31:00Z"><w:p><w:r>'
                f"<w:t>{comment[1]}</w:t></w:r></w:p></w:comment></w:comments>",
            )
    return target


@needs_libreoffice
def test_a_code_docx_edited_in_libreoffice_comes_back_on_its_units(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    root = code_repo()
    built = tmp_path / "code.ru.docx"
    assert kodeks("build", "--root", str(root), "--format", "docx", "--lang", "ru", "-o", str(built)).exit_code == 0
    reviewed = libreoffice_edit(tmp_path, built, EDITS)
    before = {path.name: path.read_bytes() for path in (root / A).iterdir()}

    result = kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "round-1", "--apply")
    assert result.exit_code == 0, result.output + result.stderr
    entries = register(root)["comments"]
    by_unit = {(e["unit"], e["via"]): e for e in entries}
    assert set(by_unit) == {
        ("art:concepts#.1", "comment"),
        ("art:subject#1", "tracked"),
        ("art:kenesh#2", "tracked"),
        ("art:kenesh#1", "untracked"),
    }
    comment = by_unit[("art:concepts#.1", "comment")]
    assert comment["author"] == REVIEWER and comment["comment"] == "Какой орган? Уточнить по Закону № 123."
    assert comment["quote"] == "орган, указанный" and comment["place"] == "пункт 1 статьи 2"
    assert str(comment["date"]) == "2026-12-03"
    assert by_unit[("art:subject#1", "tracked")]["proposal"] == {
        "ru": "Настоящий Кодекс регулирует вопросы местного самоуправления."
    }
    assert by_unit[("art:kenesh#2", "tracked")]["place"] == "часть 2 статьи 3"
    assert all(e["decision"] == "open" for e in entries)

    # --apply wrote exactly the edited words; the references stayed links; Kyrgyz untouched.
    assert "1. Настоящий Кодекс регулирует вопросы местного самоуправления.\n" in ru_text(root, "subject")
    kenesh = ru_text(root, "kenesh")
    assert "1. Местный кенеш работает согласно [части 2](art:kenesh#2) настоящей статьи.\n" in kenesh
    assert "2. Кенеш рассматривает вопросы, названные в [главе 1](ch:basics) и [разделе I](sec:general).\n" in kenesh
    after = {path.name: path.read_bytes() for path in (root / A).iterdir()}
    assert after["concepts.md"] == before["concepts.md"]
    assert after["kenesh.md"].split(b"## ru")[0] == before["kenesh.md"].split(b"## ru")[0]
    result_check = check(read_worktree(root))
    assert result_check.errors == 0, result_check.diagnostics

    # A second import of the same copy adds nothing and changes nothing.
    snapshot = {p: p.read_bytes() for p in root.rglob("*.md")} | {p: p.read_bytes() for p in root.rglob("*.yaml")}
    again = kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "round-1", "--apply")
    assert again.exit_code == 0 and "nothing to change" in again.output
    assert snapshot == (
        {p: p.read_bytes() for p in root.rglob("*.md")} | {p: p.read_bytes() for p in root.rglob("*.yaml")}
    )


@needs_libreoffice
def test_a_redline_docx_edited_in_libreoffice_reads_its_own_changes_as_the_text_shown(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    proposal = BASE_FILES[A + "kenesh.md"].replace("решает вопросы", "решает все вопросы")
    root = code_repo([{A + "kenesh.md": proposal}])
    redline = tmp_path / "redline.docx"
    result = kodeks("redline", "--root", str(root), "HEAD~1", "--format", "docx", "-o", str(redline))
    assert result.exit_code == 0, result.output
    spec = {
        "author": REVIEWER,
        "replace": [["названные в", "указанные в"]],
        "comment": [["Местный кенеш действует", "Согласна с редакцией."]],
    }
    reviewed = libreoffice_edit(tmp_path, redline, spec)
    result = kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "round-2", "--apply")
    assert result.exit_code == 0, result.output + result.stderr
    entries = register(root, "round-2")["comments"]
    assert [(e["unit"], e["via"]) for e in entries] == [("art:kenesh#1", "comment"), ("art:kenesh#2", "tracked")]
    # The redline's own change («все») is the text the reviewer saw: it is kept, not proposed away.
    assert entries[1]["proposal"] == {"ru": "Кенеш решает все вопросы, указанные в главе 1 и разделе I."}
    assert "2. Кенеш решает все вопросы, указанные в [главе 1](ch:basics) и [разделе I](sec:general).\n" in ru_text(
        root, "kenesh"
    )
    assert check(read_worktree(root)).errors == 0


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _as_word_writes(data: bytes) -> bytes:
    """A built document rewritten with the markup Word itself saves (ECMA-376 Part 1, §17.13:
    annotations): every run split in two with rsid attributes, a proofing mark, the bookmark of
    the first article paragraph moved before its paragraph, a comment whose range spans two
    runs with its reference in a CommentReference run, a tracked deletion and insertion, a
    moved word (``w:moveFrom``/``w:moveTo``), and comments.xml with Word's initials and date."""
    package = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(package.read("word/document.xml"))
    body = root.find(f"{W}body")
    paragraphs = [p for p in body.iter(f"{W}p") if "Настоящий Кодекс регулирует" in "".join(p.itertext())]
    target = paragraphs[-1]

    def run(text: str, tag: str = "t") -> Any:
        r = etree.SubElement(etree.Element(f"{W}dummy"), f"{W}r")
        r.set(f"{W}rsidR", "00A1B2C3")
        t = etree.SubElement(r, f"{W}{tag}")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return r

    bookmark = target.find(f"{W}bookmarkStart")
    target.remove(bookmark)
    target.addprevious(bookmark)  # Word may put a paragraph's bookmark just before it
    for child in list(target):
        if child.tag != f"{W}pPr":
            target.remove(child)
    change = {f"{W}author": "Бакыт Осмонов", f"{W}date": "2026-12-04T09:30:00Z"}
    target.append(run("1. "))
    target.append(etree.Element(f"{W}proofErr", {f"{W}type": "spellStart"}))
    target.append(etree.Element(f"{W}commentRangeStart", {f"{W}id": "7"}))
    target.append(run("Настоящий "))
    target.append(run("Кодекс "))
    target.append(etree.Element(f"{W}commentRangeEnd", {f"{W}id": "7"}))
    reference = run("", "t")
    reference.remove(reference[0])
    etree.SubElement(reference, f"{W}commentReference", {f"{W}id": "7"})
    target.append(reference)
    deleted = etree.SubElement(target, f"{W}del", {f"{W}id": "8", **change})
    deleted.append(run("регулирует", "delText"))
    inserted = etree.SubElement(target, f"{W}ins", {f"{W}id": "9", **change})
    inserted.append(run("определяет"))
    target.append(run(" местное "))
    moved_from = etree.SubElement(target, f"{W}moveFrom", {f"{W}id": "10", **change})
    moved_from.append(run("самоуправление", "delText"))
    moved_to = etree.SubElement(target, f"{W}moveTo", {f"{W}id": "11", **change})
    moved_to.append(run("самоуправление в Кыргызской Республике"))
    target.append(run("."))
    comments = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
        '<w:comment w:id="7" w:author="Бакыт Осмонов" w:date="2026-12-04T09:31:00Z" w:initials="БО">'
        '<w:p w14:paraId="1A2B3C4D"><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
        "<w:r><w:t>Какой кодекс — этот или Бюджетный?</w:t></w:r></w:p></w:comment></w:comments>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in package.infolist():
            content = package.read(item.filename)
            if item.filename == "word/document.xml":
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.wordprocessingml.comments+xml"/></Types>',
                )
            copy.writestr(item, content)
        copy.writestr("word/comments.xml", comments)
    return out.getvalue()


def test_a_copy_saved_by_word_comes_back_too(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = code_repo()
    built = tmp_path / "code.docx"
    assert kodeks("build", "--root", str(root), "--format", "docx", "-o", str(built)).exit_code == 0
    reviewed = tmp_path / "word.docx"
    reviewed.write_bytes(_as_word_writes(built.read_bytes()))
    result = kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "round-1", "--apply")
    assert result.exit_code == 0, result.output + result.stderr
    entries = register(root)["comments"]
    assert [(e["unit"], e["via"], e["author"], str(e.get("date"))) for e in entries] == [
        ("art:subject#1", "comment", "Бакыт Осмонов", "2026-12-04"),
        ("art:subject#1", "tracked", "Бакыт Осмонов", "2026-12-04"),
    ]
    assert entries[0]["quote"] == "Настоящий Кодекс"
    assert entries[1]["proposal"] == {
        "ru": "Настоящий Кодекс определяет местное самоуправление в Кыргызской Республике."
    }
    assert "1. Настоящий Кодекс определяет местное самоуправление в Кыргызской Республике.\n" in ru_text(
        root, "subject"
    )


def test_what_cannot_be_placed_is_listed_with_its_page_text(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = code_repo()
    built = tmp_path / "code.docx"
    assert kodeks("build", "--root", str(root), "--format", "docx", "--lang", "ru", "-o", str(built)).exit_code == 0
    package = zipfile.ZipFile(built)
    xml = package.read("word/document.xml").decode()
    # A comment on the title page, before any article.
    title = xml.index("Тестовый кодекс</w:t>")
    anchor = xml.rindex("<w:r>", 0, title)
    xml = xml[:anchor] + '<w:commentRangeStart w:id="1"/>' + xml[anchor:]
    reviewed = reviewer_copy(package, xml, tmp_path / "title.docx", ("1", "Название длинное."))
    result = kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "round-1")
    assert result.exit_code == 0
    assert "not placed: comment by Рецензент: «Название длинное.»" in result.stderr
    assert "on the page: Тестовый кодекс" in result.stderr
    assert "1 not placed" in result.stderr


@pytest.mark.parametrize(
    "broken",
    [b"name: Round 1\ncomments: [\n  - {id: round-1/1, author: X\n", "name: «Первый»\ncomments:\n".encode("cp1251")],
    ids=["invalid-yaml", "not-utf-8"],
)
def test_a_round_file_that_does_not_read_is_refused_not_written_over(
    code_repo: Callable[..., Path], tmp_path: Path, broken: bytes
) -> None:
    """The drafter's unfinished edits in the round's file are theirs: an import adds to a file it
    can read, or writes nothing."""
    root = code_repo()
    built = tmp_path / "code.docx"
    assert kodeks("build", "--root", str(root), "--format", "docx", "--lang", "ru", "-o", str(built)).exit_code == 0
    package = zipfile.ZipFile(built)
    xml = package.read("word/document.xml").decode()
    anchor = xml.rindex("<w:r>", 0, xml.index("Настоящий Кодекс регулирует"))
    xml = xml[:anchor] + '<w:commentRangeStart w:id="1"/>' + xml[anchor:]
    reviewed = reviewer_copy(package, xml, tmp_path / "reviewed.docx", ("1", "Уточнить."))
    (root / "code_text/reviews").mkdir(exist_ok=True)
    (root / "code_text/reviews/round-1.yaml").write_bytes(broken)
    result = kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "round-1")
    assert (
        result.exit_code == 2 and "the round's file does not read; fix it first (nothing was written)" in result.output
    )
    assert (root / "code_text/reviews/round-1.yaml").read_bytes() == broken


@pytest.mark.parametrize(
    "make, says",
    [
        (lambda p: p.write_bytes(b"plain text"), "not a DOCX package"),
        (lambda p: _zip(p, {"word/other.xml": b"<x/>"}), "no word/document.xml"),
        (lambda p: _zip(p, {"word/document.xml": b"\x00" * 50_000_000}), "zip bomb"),
        (
            lambda p: _zip(
                p,
                {
                    "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                    b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
                },
            ),
            "declares a DTD",
        ),
        (lambda p: _zip(p, {"word/document.xml": b"<w:document"}), "is damaged"),
        (
            lambda p: _zip(
                p,
                {
                    "word/document.xml": b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                    b"<w:body><w:p><w:r><w:t>Letter to a friend</w:t></w:r></w:p></w:body></w:document>"
                },
            ),
            "not a document kodeks built from this Code",
        ),
    ],
)
def test_a_damaged_or_foreign_file_gets_a_clear_error(
    code_repo: Callable[..., Path], tmp_path: Path, make: Callable[[Path], None], says: str
) -> None:
    root = code_repo()
    path = tmp_path / "reviewed.docx"
    make(path)
    result = kodeks("review", "import", "--root", str(root), str(path), "--round", "round-1", "--apply")
    assert result.exit_code == 2, result.output + result.stderr
    assert says in result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not (root / "code_text/reviews").exists()


def _zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)


def test_a_document_from_a_commit_this_clone_lacks_is_refused(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = code_repo()
    built = tmp_path / "code.docx"
    assert kodeks("build", "--root", str(root), "--format", "docx", "-o", str(built)).exit_code == 0
    package = zipfile.ZipFile(built)
    foreign = tmp_path / "foreign.docx"
    with zipfile.ZipFile(foreign, "w") as copy:
        for item in package.infolist():
            data = package.read(item.filename)
            if item.filename in ("docProps/custom.xml", "docProps/core.xml"):
                data = re.sub(rb"[0-9a-f]{40}", b"ab" * 20, data)
            copy.writestr(item, data)
    result = kodeks("review", "import", "--root", str(root), str(foreign), "--round", "round-1")
    assert result.exit_code == 2
    assert "was built from revision abababababab, which this repository does not have" in result.stderr


def test_the_table_of_comments_groups_by_article_and_counts_decisions(code_dir: Callable[..., Path]) -> None:
    round_file = """\
name: Первое обсуждение
sent: 2026-12-01
comments:
  - id: round-1/1
    author: Бакыт Осмонов
    organisation: Министерство юстиции
    unit: art:kenesh#2
    language: ru
    comment: Уточнить перечень вопросов.
    decision: accepted
    reason: Перечень дополнен.
  - id: round-1/2
    author: Айгүл Токтогулова
    unit: art:subject#2.1
    language: ky
    quote: жергиликтүү кеңештер
    comment: Кеңештердин түрлөрүн көрсөтүү керек.
    decision: rejected
    reason: Түрлөрү 3-беренеде.
  - id: round-1/3
    author: Айгүл Токтогулова
    unit: art:subject#1
    language: ru
    proposal: {ru: "Настоящий Кодекс регулирует вопросы местного самоуправления."}
    decision: open
"""
    root = code_dir({"code_text/reviews/round-1.yaml": round_file})
    result = kodeks("review", "table", "--root", str(root))
    assert result.exit_code == 0, result.output + result.stderr
    table = result.output
    # Article 1 before article 3; inside article 1, part 1 before part 2 point 1; each row under
    # the comment's id, as the PR comment and `Resolves-comment:` name it.
    assert table.index("Статья 1. Предмет регулирования") < table.index("Статья 3. Местный кенеш")
    rows = [line for line in table.splitlines() if re.match(r"\| round-1/\d+ \|", line)]
    assert [row.split(" | ")[0] for row in rows] == ["| round-1/3", "| round-1/2", "| round-1/1"]
    assert [row.split(" | ")[1] for row in rows] == [
        "1-берененин 1-бөлүгү<br>часть 1 статьи 1",
        "1-берененин 2-бөлүгүнүн 1-пункту<br>пункт 1 части 2 статьи 1",
        "3-берененин 2-бөлүгү<br>часть 2 статьи 3",
    ]
    assert "Кеңештердин түрлөрүн көрсөтүү керек." in rows[1] and "«жергиликтүү кеңештер» деген сөздөргө:" in rows[1]
    assert "Предлагаемая редакция: «Настоящий Кодекс регулирует вопросы местного самоуправления.»" in rows[0]
    assert "Бакыт Осмонов<br>Министерство юстиции" in rows[2]
    # Each language says the date its own way, after its own word.
    assert "Первое обсуждение, жөнөтүлдү 2026-жылдын 1-декабры / направлено 1 декабря 2026 года" in table
    assert "кабыл алынды / принято" in rows[2] and "Перечень дополнен." in rows[2]
    totals = table.split("Жыйынтыктар / Итоги", 1)[1]
    assert "| каралган жок / не рассмотрено | 1 |" in totals
    assert "| кабыл алынган жок / не принято | 1 |" in totals
    assert "| Бардыгы / Всего | 3 |" in totals

    html_result = kodeks("review", "table", "--root", str(root), "--format", "html", "--lang", "ru", "-o", "-")
    assert '<th style="width:29%">Замечание, предложение</th>' in html_result.output
    assert "Министерство юстиции" in html_result.output


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing (.ci/run installs it)")
def test_the_table_of_comments_in_word_is_a4_landscape_and_opens_in_libreoffice(
    code_dir: Callable[..., Path], tmp_path: Path
) -> None:
    import docx

    round_file = """\
comments:
  - {id: r/1, author: Бакыт Осмонов, unit: "art:kenesh#2", language: ru, comment: "Уточнить перечень вопросов.", decision: accepted, reason: "Перечень дополнен."}
"""
    root = code_dir({"code_text/reviews/r.yaml": round_file})
    out = tmp_path / "table.docx"
    assert kodeks("review", "table", "--root", str(root), "--format", "docx", "-o", str(out)).exit_code == 0
    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "table.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Уточнить перечень вопросов." in text and "часть 2 статьи 3" in text


def test_a_redline_lists_the_comments_a_change_answers(code_repo: Callable[..., Path]) -> None:
    round_file = """\
comments:
  - {id: round-1/1, author: Бакыт Осмонов, unit: "art:kenesh#2", comment: "Уточнить.", decision: open}
  - {id: round-1/2, author: Айгүл Токтогулова, unit: "art:subject", comment: "Ок.", decision: open}
"""
    # In force, where numbers are the articles' own: the redline names units with them.
    in_force = BASE_FILES[YAML].replace("stage: draft", "stage: in-force")
    root = code_repo([{"code_text/reviews/round-1.yaml": round_file, YAML: in_force}])
    answered = (
        round_file.replace(
            'comment: "Уточнить.", decision: open', 'comment: "Уточнить.", decision: accepted, reason: "Уточнено."'
        )
        + '  - {id: round-1/3, author: Бакыт Осмонов, unit: "art:kenesh#1", comment: "Ок.", decision: rejected, reason: "Нет."}\n'
    )
    write_files(root, {"code_text/reviews/round-1.yaml": answered})
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Answer the comments\n\nResolves-comment: round-1/2\nResolves-comment: round-9/1")
    result = kodeks("redline", "--root", str(root), "HEAD~1", "--lang", "ru")
    assert result.exit_code == 0, result.output
    assert "Ответы на замечания из таблицы замечаний" in result.output
    assert "round-1/1, часть 2 статьи 3, Бакыт Осмонов: не рассмотрено → принято (Уточнено.)" in result.output
    assert "round-1/2, статья 1, Айгүл Токтогулова: не рассмотрено → не рассмотрено" in result.output
    assert "round-9/1: в таблице замечаний нет такого замечания" in result.output
    # A comment entered and decided in this change: new, not «новая» (which agrees with «статья»).
    assert "round-1/3, часть 1 статьи 3, Бакыт Осмонов: новое замечание → не принято (Нет.)" in result.output
    html = kodeks("redline", "--root", str(root), "HEAD~1", "--format", "html", "--lang", "ru", "-o", "-").output
    assert "<li>round-1/1, часть 2 статьи 3, Бакыт Осмонов: не рассмотрено → принято (Уточнено.)</li>" in html


def test_a_reason_written_as_markup_is_text_in_the_pull_request_comment(code_repo: Callable[..., Path]) -> None:
    hostile = "<img src=x onerror=alert(1)> [link](javascript:alert(1)) @team"
    round_file = (
        "comments:\n"
        f"  - {{id: round-1/1, author: 'x', unit: 'art:kenesh#2', comment: 'c', decision: rejected, reason: '{hostile}'}}\n"
    )
    root = code_repo([{"code_text/reviews/round-1.yaml": round_file.replace("rejected", "open")}])
    write_files(root, {"code_text/reviews/round-1.yaml": round_file})
    git(root, "commit", "-qam", "answer")
    comment = kodeks("redline", "--root", str(root), "HEAD~1", "--lang", "ru").output
    shown = github_html(comment)
    assert "<img" not in shown and 'href="javascript' not in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown


def test_a_changed_heading_proposes_the_title_and_apply_writes_it_to_the_front_matter(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    root = code_repo()
    built = tmp_path / "code.docx"
    assert kodeks("build", "--root", str(root), "--format", "docx", "--lang", "ru", "-o", str(built)).exit_code == 0
    package = zipfile.ZipFile(built)
    xml = package.read("word/document.xml").decode()
    # The heading in the text (the one with bookmarks; the contents has a link to it).
    heading = re.search(
        r'(<w:bookmarkStart [^>]*/>)+<w:r>(?:<w:rPr><w:lang w:val="ru-RU"/></w:rPr>)<w:t xml:space="preserve">Статья 3\. Местный кенеш</w:t></w:r>',
        xml,
    )
    assert heading is not None
    tracked = (
        '<w:r><w:t xml:space="preserve">Статья 3. </w:t></w:r>'
        '<w:del w:id="90" w:author="Бакыт Осмонов" w:date="2026-12-04T09:30:00Z"><w:r><w:delText>Местный</w:delText></w:r></w:del>'
        '<w:ins w:id="91" w:author="Бакыт Осмонов" w:date="2026-12-04T09:30:00Z"><w:r><w:t>Айылный</w:t></w:r></w:ins>'
        '<w:r><w:t xml:space="preserve"> кенеш</w:t></w:r>'
    )
    xml = xml.replace(heading.group(0), heading.group(0).split("<w:r>")[0] + tracked)
    reviewed = reviewer_copy(package, xml, tmp_path / "heading.docx")
    result = kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "round-1", "--apply")
    assert result.exit_code == 0, result.output + result.stderr
    (entry,) = register(root)["comments"]
    assert (entry["unit"], entry["place"], entry["proposal"]) == ("art:kenesh", "статья 3", {"ru": "Айылный кенеш"})
    front = (root / A / "kenesh.md").read_text(encoding="utf-8").split("---")[1]
    assert 'title: {ky: "Жергиликтүү кеңеш", ru: "Айылный кенеш"}' in front
    assert check(read_worktree(root)).errors == 0


def test_a_comment_on_a_chapter_heading_is_about_the_chapter_and_leads_its_articles_in_the_table(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    root = code_repo()
    built = tmp_path / "code.docx"
    assert kodeks("build", "--root", str(root), "--format", "docx", "--lang", "ru", "-o", str(built)).exit_code == 0
    package = zipfile.ZipFile(built)
    xml = package.read("word/document.xml").decode()
    heading = re.search(
        r'(<w:bookmarkStart [^>]*/>)+<w:r>(?:<w:rPr><w:lang w:val="ru-RU"/></w:rPr>)<w:t xml:space="preserve">Глава 2\. Органы</w:t></w:r>',
        xml,
    )
    assert heading is not None
    commented = (
        heading.group(0).replace("<w:r>", '<w:commentRangeStart w:id="3"/><w:r>', 1) + '<w:commentRangeEnd w:id="3"/>'
    )
    xml = xml.replace(heading.group(0), commented)
    reviewed = reviewer_copy(
        package, xml, tmp_path / "chapter.docx", ("3", "Назвать главу «Органы местного самоуправления».")
    )
    assert kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "round-1").exit_code == 0
    write_files(
        root,
        {
            "code_text/reviews/round-1.yaml": (root / "code_text/reviews/round-1.yaml").read_text(encoding="utf-8")
            + '  - {id: round-1/2, author: "Б", unit: "art:kenesh#1", comment: "Да.", decision: open}\n'
            + '  - {id: round-1/3, author: "В", unit: "art:subject", comment: "Да.", decision: open}\n'
        },
    )
    (entry, *_) = register(root)["comments"]
    assert (entry["unit"], entry["place"], entry["quote"]) == ("ch:bodies", "глава 2", "Глава 2. Органы")
    table = kodeks("review", "table", "--root", str(root), "--lang", "ru").output
    headings = [line for line in table.splitlines() if line.startswith("## ")]
    assert headings[:3] == ["## Статья 1. Предмет регулирования", "## Глава 2. Органы", "## Статья 3. Местный кенеш"]
    write_files(root, {YAML: BASE_FILES[YAML].replace("      - id: bodies\n", "      - id: organs\n")})
    result = kodeks("validate", "--root", str(root))
    assert "V001" in result.output and "the Code has no chapter `bodies` (it was глава 2" in result.output


@pytest.mark.parametrize(
    "proposal, written",
    [
        # Words after a reference go after the link; its words stay a link.
        (
            "1. Местный кенеш действует согласно части 2 и 3 настоящей статьи.",
            "1. Местный кенеш действует согласно [части 2](art:kenesh#2) и 3 настоящей статьи.",
        ),
        # Words and signs right next to a reference go outside its link, before and after it.
        (
            "1. Местный кенеш действует согласно новой части 2 настоящей статьи.",
            "1. Местный кенеш действует согласно новой [части 2](art:kenesh#2) настоящей статьи.",
        ),
        (
            "1. Местный кенеш действует согласно «части 2» настоящей статьи.",
            "1. Местный кенеш действует согласно «[части 2](art:kenesh#2)» настоящей статьи.",
        ),
        # A change inside a reference's words keeps the link (validate checks the new wording).
        (
            "1. Местный кенеш действует согласно частям 2 настоящей статьи.",
            "1. Местный кенеш действует согласно [частям 2](art:kenesh#2) настоящей статьи.",
        ),
        # Characters Markdown would read as syntax are escaped, so the text reads back as proposed.
        (
            "1. Местный кенеш [всегда] действует согласно части 2 настоящей статьи & закона.",
            "1. Местный кенеш \\[всегда\\] действует согласно [части 2](art:kenesh#2) настоящей статьи \\& закона.",
        ),
    ],
)
def test_a_proposal_rewrites_only_its_words(code_dir: Callable[..., Path], proposal: str, written: str) -> None:
    from kodeks.edit.paragraphs import paragraph_edits
    from kodeks.edit.texts import Texts

    root = code_dir()
    path = A + "kenesh.md"
    source = (root / path).read_text(encoding="utf-8")
    code = check(read_worktree(root)).code
    assert code is not None
    paragraph = code.articles["kenesh"].texts["ru"].parts[0].paragraphs[0]
    texts = Texts({path: source})
    changed = texts.apply(paragraph_edits(texts, paragraph, proposal.removeprefix("1. ")))[path]
    assert written + "\n" in changed
    assert changed.replace(written, "") == source.replace(
        "1. Местный кенеш действует согласно [части 2](art:kenesh#2) настоящей статьи.", ""
    )


def test_a_proposal_that_rewords_a_reference_and_its_surroundings_is_refused(code_dir: Callable[..., Path]) -> None:
    from kodeks.edit.paragraphs import CannotApply, paragraph_edits
    from kodeks.edit.texts import Texts

    root = code_dir()
    code = check(read_worktree(root)).code
    assert code is not None
    paragraph = code.articles["kenesh"].texts["ru"].parts[0].paragraphs[0]
    texts = Texts({A + "kenesh.md": (root / A / "kenesh.md").read_text(encoding="utf-8")})
    with pytest.raises(CannotApply, match="rewords a reference and the text around it"):
        paragraph_edits(texts, paragraph, "Местный кенеш действует по частью второй статьи.")


def test_a_comment_in_a_redlines_comparison_table_is_about_its_article(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    proposal = BASE_FILES[A + "kenesh.md"].replace("решает вопросы", "решает все вопросы")
    root = code_repo([{A + "kenesh.md": proposal}])
    redline = tmp_path / "redline.docx"
    result = kodeks(
        "redline", "--root", str(root), "HEAD~1", "--format", "docx", "--docx-table", "--lang", "ru", "-o", str(redline)
    )
    assert result.exit_code == 0, result.output
    package = zipfile.ZipFile(redline)
    xml = package.read("word/document.xml").decode()
    table = xml.index("<w:tbl>")
    cell_text = xml.index("Кенеш решает", table)  # the current wording, left column
    run_start = xml.rindex("<w:r>", 0, cell_text)
    xml = xml[:run_start] + '<w:commentRangeStart w:id="5"/>' + xml[run_start:]
    reviewed = reviewer_copy(package, xml, tmp_path / "table.docx", ("5", "Слово «все» лишнее."))
    result = kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "round-1")
    assert result.exit_code == 0, result.output + result.stderr
    (entry,) = register(root)["comments"]
    assert (entry["unit"], entry["place"], entry["comment"]) == ("art:kenesh", "статья 3", "Слово «все» лишнее.")
