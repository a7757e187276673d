"""`kodeks build`: the consolidated Code in HTML, Markdown and Word, as readers get it."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from .conftest import BASE_FILES, A, WriteCode, git, kodeks

HOSTILE = "Текст <script>alert(1)</script> & <b>жирный</b> *звёздочки* _нижние_ ]]> | труба `код` <!-- x --> @mention"


def build(root: Path, *args: str) -> Result:
    return kodeks("build", "--root", str(root), *args)


def built(root: Path, *args: str) -> bytes:
    result = kodeks("build", "--root", str(root), "-o", "-", *args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_build_writes_the_html_and_says_where(code_dir: WriteCode) -> None:
    root = code_dir()
    result = build(root)
    target = root / "build" / "test-code.html"
    assert result.exit_code == 0
    assert result.stdout == f"kodeks: wrote {target} (3 articles, ky+ru, {target.stat().st_size:,} bytes)\n"
    assert target.read_bytes().startswith(b"<!DOCTYPE html>")


def test_file_names_follow_language_and_review(code_dir: WriteCode) -> None:
    root = code_dir()
    assert build(root, "--lang", "ru", "--format", "md", "--review").exit_code == 0
    assert (root / "build" / "test-code.ru.review.md").is_file()


def test_unknown_language_is_a_usage_error(code_dir: WriteCode) -> None:
    result = build(code_dir(), "--lang", "en")
    assert result.exit_code == 2
    assert "the Code's languages are ky, ru" in result.stderr
    # A language named twice would write its column twice.
    twice = build(code_dir(), "--lang", "ky,ru,ky", "--format", "md", "-o", "-")
    assert twice.exit_code == 2 and "ky is named twice: give each language once" in twice.stderr


def test_an_invalid_code_is_refused_unless_forced(code_dir: WriteCode) -> None:
    root = code_dir({A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: 4")})
    result = build(root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"{A}kenesh.md:3:9: N003 ")
    assert result.stderr.splitlines()[-1] == "kodeks: not built; fix the errors above or use --force"
    assert not (root / "build").exists()
    assert build(root, "--force").exit_code == 0
    # The structure decides the number in a draft: the stale front matter does not leak out.
    assert "Статья 3. Местный кенеш" in built(root, "--force").decode()


@pytest.mark.parametrize("output_format", ["html", "md", "docx"])
def test_the_same_revision_gives_the_same_bytes(code_repo: Callable[..., Path], output_format: str) -> None:
    root = code_repo()
    first = built(root, "--rev", "HEAD", "--format", output_format)
    (root / A / "kenesh.md").write_text("changed in the working tree only", encoding="utf-8")
    assert built(root, "--rev", "HEAD", "--format", output_format) == first


def test_the_title_page_names_the_revision(code_repo: Callable[..., Path]) -> None:
    root = code_repo()
    import datetime

    from kodeks import wording

    sha = git(root, "rev-parse", "HEAD")
    day = datetime.date.fromisoformat(git(root, "show", "-s", "--format=%cs", "HEAD").strip())
    html = built(root, "--rev", "HEAD").decode()
    assert f"Редакция: {sha[:12]}, {wording.date('ru', day)}" in html
    assert f"Редакция: {sha[:12]}, {wording.date('ky', day)}" in html
    assert f"Редакция: {sha[:12]}, {wording.date('ru', day)}" in built(root).decode()  # a clean tree is that commit


def test_dates_as_each_language_writes_them() -> None:
    import datetime

    from kodeks import wording

    assert wording.date("ru", datetime.date(2026, 11, 28)) == "28 ноября 2026 года"
    assert wording.date("ky", datetime.date(2026, 11, 28)) == "2026-жылдын 28-ноябры"
    assert wording.date("ky", datetime.date(2021, 10, 20)) == "2021-жылдын 20-октябры"


def test_headings_as_the_law_writes_them(code_dir: WriteCode) -> None:
    html = built(code_dir()).decode()
    for heading in ["Раздел I. Общие положения", "I бөлүм. Жалпы жоболор", "Глава 2. Органы", "2-глава. Органдар",
                    "Статья 3. Местный кенеш", "3-берене. Жергиликтүү кеңеш"]:  # fmt: skip
        assert heading in html


def test_every_internal_link_has_a_target(code_dir: WriteCode) -> None:
    html = built(code_dir()).decode()
    ids = set(re.findall(r'id="([^"]+)"', html))
    hrefs = set(re.findall(r'href="#([^"]+)"', html))
    assert hrefs and hrefs <= ids
    assert 'href="#ru-art-concepts-pt1">пункте 1 статьи 2</a>' in html
    assert 'href="#ky-art-kenesh-p2"><span class="nw">2-бөлүккө</span></a>' in html  # one line, number and word
    assert 'href="#ch-basics">главе 1</a>' in html


def test_an_act_links_to_its_url_when_it_has_one(code_dir: WriteCode) -> None:
    html = built(code_dir()).decode()
    assert '<span class="ref">Закон</span>' in html
    with_url = BASE_FILES["code_text/code.yaml"].replace(
        '    title: {ky: "Мыйзам", ru: "Закон"}',
        '    title: {ky: "Мыйзам", ru: "Закон"}\n    url: "https://cbd.minjust.gov.kg/act/view/ru-ru/203102"',
    )
    html = built(code_dir({"code_text/code.yaml": with_url})).decode()
    assert '<a href="https://cbd.minjust.gov.kg/act/view/ru-ru/203102">Закон</a>' in html


def test_review_adds_status_notes_and_sources_and_the_clean_text_has_none(code_dir: WriteCode) -> None:
    root = code_dir()
    clean = built(root, "--lang", "ru").decode()
    review = built(root, "--lang", "ru", "--review").decode()
    for extra in ["Обсудить на семинаре.", "согласована", "Источники", "Закон, ст. 1"]:
        assert extra not in clean
        assert extra in review


def test_a_repealed_article_keeps_number_and_heading(code_dir: WriteCode) -> None:
    root = code_dir({
        "code_text/code.yaml": BASE_FILES["code_text/code.yaml"].replace("stage: draft", "stage: in-force"),
        A + "kenesh.md": "---\nid: kenesh\nnumber: 3\ntitle: {ky: \"Жергиликтүү кеңеш\", ru: \"Местный кенеш\"}\nstatus: repealed\n---\n",
    })  # fmt: skip
    html = built(root, "--force").decode()
    assert re.search(
        r"Статья 3\. Местный кенеш <a class=\"pilcrow\"[^\n]*</h4>\s*<p class=\"repealed\">Утратила силу</p>", html
    )
    assert re.search(
        r"<span class=\"nw\">3-берене</span>\. Жергиликтүү кеңеш <a class=\"pilcrow\"[^\n]*</h4>\s*<p class=\"repealed\">Күчүн жоготту</p>",
        html,
    )


def hostile_code(code_dir: WriteCode) -> Path:
    """Markup in the text and in a title (which is a finding, Y012: built with --force)."""
    return code_dir({A + "subject.md": BASE_FILES[A + "subject.md"].replace(
        "1. Настоящий Кодекс регулирует местное самоуправление.", f"1. {HOSTILE}"
    ).replace('ru: "Предмет регулирования"', 'ru: "Предмет </title><script>x()</script>"')})  # fmt: skip


def test_html_escapes_every_piece_of_text(code_dir: WriteCode) -> None:
    html = built(hostile_code(code_dir), "--force").decode()
    assert "<script>" not in html and "<b>" not in html and "<!-- x" not in html
    assert (
        "Текст &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;жирный&lt;/b&gt; *звёздочки* _нижние_ ]]&gt; | труба `код` &lt;!-- x --&gt; @mention"
        in html
    )
    assert "Предмет &lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;" in html


def test_markdown_escapes_every_piece_of_text(code_dir: WriteCode) -> None:
    from markdown_it import MarkdownIt

    markdown = built(hostile_code(code_dir), "--force", "--lang", "ru", "--format", "md").decode()
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    assert "<script>" not in rendered and "<b>" not in rendered and "<em>" not in rendered and "<code>" not in rendered
    assert (
        "Текст &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;жирный&lt;/b&gt; *звёздочки* _нижние_ ]]&gt; | труба `код` &lt;!-- x --&gt; @\u2060mention"
        in rendered
    )
    # Parts keep their numbers; Markdown did not turn them into a list that renumbers.
    assert "<ol" not in rendered and "<strong>1.</strong> Текст" in rendered


def test_parallel_markdown_keeps_one_table_row_per_article(code_dir: WriteCode) -> None:
    from markdown_it import MarkdownIt

    markdown = built(hostile_code(code_dir), "--force", "--format", "md").decode()
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    assert rendered.count("<table>") == 3
    # Each column is headed in its own language, as a parallel text is.
    assert "<th>Кыргыз тилинде</th>" in rendered and "<th>На русском языке</th>" in rendered
    assert "| труба" in rendered  # the pipe stayed text inside the table cell


def docx_xml(data: bytes, name: str = "word/document.xml") -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode()


def test_docx_has_word_headings_toc_bookmarked_links_and_page_numbers(code_dir: WriteCode) -> None:
    import docx

    data = built(code_dir(), "--lang", "ru", "--format", "docx")
    document = docx.Document(io.BytesIO(data))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style and p.style.name.startswith("Heading")]
    assert headings[:3] == [
        ("Heading 1", "Раздел I. Общие положения"),
        ("Heading 2", "Глава 1. Основы"),
        ("Heading 3", "Статья 1. Предмет регулирования"),
    ]
    xml = docx_xml(data)
    # Each contents entry links to its heading and asks for its page with a PAGEREF field to the
    # heading's bookmark, which LibreOffice computes and Word updates.
    texts = [p.text.strip() for p in document.paragraphs]
    assert texts.count("Статья 1. Предмет регулирования") == 2
    pagerefs = set(re.findall(r"PAGEREF (_k[0-9a-f]+) \\h", xml))
    anchors = set(re.findall(r'w:hyperlink w:anchor="([^"]+)"', xml))
    bookmarks = set(re.findall(r'w:bookmarkStart w:id="\d+" w:name="([^"]+)"', xml))
    assert anchors and anchors <= bookmarks
    assert pagerefs and pagerefs <= bookmarks
    footers = [name for name in zipfile.ZipFile(io.BytesIO(data)).namelist() if name.startswith("word/footer")]
    assert any(" PAGE " in docx_xml(data, name) for name in footers)
    # Every page says which text it is and that it is a draft.
    headers = [name for name in zipfile.ZipFile(io.BytesIO(data)).namelist() if name.startswith("word/header")]
    assert any("Тестовый кодекс (Проект)" in docx_xml(data, name) for name in headers)
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert "1. Настоящий Кодекс регулирует местное самоуправление." in texts
    assert "1) местным кенешам;" in texts


def test_parallel_docx_sets_each_unit_beside_its_other_language(code_dir: WriteCode) -> None:
    """A row of the parallel table per heading and per unit, not per article: in a long article
    the languages cannot drift pages apart."""
    import docx

    document = docx.Document(io.BytesIO(built(code_dir(), "--format", "docx")))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    kenesh = rows.index(["3-берене. Жергиликтүү кеңеш", "Статья 3. Местный кенеш"])
    assert [row[0][:2] + row[1][:2] for row in rows[kenesh + 1 : kenesh + 3]] == ["1.1.", "2.2."]
    assert rows[kenesh + 2][1] == "2. Кенеш решает вопросы, названные в главе 1 и разделе I."


def test_docx_core_properties_come_from_the_commit(code_repo: Callable[..., Path]) -> None:
    import docx

    root = code_repo()
    data = built(root, "--rev", "HEAD", "--format", "docx")
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.author == "Drafter"
    assert properties.created.isoformat()[:10] == git(root, "show", "-s", "--format=%cs", "HEAD")
    assert properties.identifier == git(root, "rev-parse", "HEAD")


def test_docx_keeps_hostile_text_literal(code_dir: WriteCode) -> None:
    import docx

    document = docx.Document(io.BytesIO(built(hostile_code(code_dir), "--force", "--lang", "ru", "--format", "docx")))
    assert f"1. {HOSTILE}" in [p.text for p in document.paragraphs]


def test_a_clean_clone_is_built_as_its_commit_not_as_an_uncommitted_working_tree(
    code_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = code_repo()
    monkeypatch.chdir(root)
    head = git(root, "rev-parse", "HEAD").strip()
    assert kodeks("build", "-o", "clean.html").exit_code == 0
    html = (root / "clean.html").read_text(encoding="utf-8")
    assert head[:12] in html and "рабочая копия" not in html
    (root / "code_text/articles/kenesh.md").write_text(
        (root / "code_text/articles/kenesh.md")
        .read_text(encoding="utf-8")
        .replace("Кенеш решает", "Кенеш рассматривает"),
        encoding="utf-8",
    )
    assert kodeks("build", "-o", "dirty.html").exit_code == 0
    dirty = (root / "dirty.html").read_text(encoding="utf-8")
    assert "рабочая копия (изменения не зафиксированы в Git)" in dirty and head[:12] not in dirty


def test_a_note_written_in_russian_is_not_shown_under_the_kyrgyz_label(code_dir: WriteCode) -> None:
    kenesh = BASE_FILES[A + "kenesh.md"].replace(
        'notes: "Обсудить на семинаре."', 'notes: {ru: "Обсудить на семинаре."}'
    )
    html = built(code_dir({A + "kenesh.md": kenesh}), "--review").decode()
    assert "Примечание рабочей группы: Обсудить на семинаре." in html
    assert "Жумушчу топтун эскертүүсү" not in html
    # A note as plain text is every language's, as before.
    html = built(code_dir(), "--review").decode()
    assert "Жумушчу топтун эскертүүсү: Обсудить на семинаре." in html


def test_one_kyrgyz_form_for_repealed() -> None:
    from kodeks import wording
    from kodeks.model import Status

    assert (
        wording.status_name(Status.REPEALED, "ky").lower() == wording.word("repealed", "ky").lower() == "күчүн жоготту"
    )
