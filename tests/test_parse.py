"""Parsing article files into the model: what a drafter writes is what the model holds."""

from __future__ import annotations

from kodeks.diagnostics import SourceLocation
from kodeks.model import LegalNumber, Link, Paragraph, Point, Status, TargetKind, Text
from kodeks.parse import parse_article
from kodeks.source import decode

from .conftest import BASE_FILES

LANGS = ("ky", "ru")
PATH = "code_text/articles/subject.md"


def test_parts_points_and_references_become_the_model() -> None:
    article, diagnostics = parse_article(PATH, BASE_FILES[PATH], LANGS)
    assert diagnostics == []
    assert article is not None
    assert article.id == "subject"
    assert article.number == LegalNumber((1,))
    assert article.title == {"ky": "Жөнгө салуу предмети", "ru": "Предмет регулирования"}
    assert article.status is Status.DRAFT
    assert [str(s.target) for s in article.sources] == ["act:lsg-law/1"]
    assert list(article.texts) == ["ky", "ru"]
    ru = article.texts["ru"]
    assert [p.label for p in ru.parts] == ["1", "2"]
    part = ru.parts[1]
    assert [p.label for p in part.points] == ["1", "2"]
    assert part.points[0].paragraphs[0].plain_text == "местным кенешам;"
    intro = part.paragraphs[0]
    assert intro.plain_text == "Настоящий Кодекс применяется к указанным в пункте 1 статьи 2:"
    link = intro.links[0]
    assert link.text == "пункте 1 статьи 2"
    assert link.target is not None and link.target.kind is TargetKind.ARTICLE
    assert str(link.target) == "art:concepts#.1"
    assert link.location == SourceLocation(PATH, 20, 47)  # the «[», counted in characters


def test_inserted_parts_and_points_in_force() -> None:
    text = (
        BASE_FILES[PATH]
        .replace("2. Настоящий", "1-1. Вставка.\n2. Настоящий")
        .replace("   2) айыл окмоту.", "   1-1) вставка;\n   2) айыл окмоту.")
    )
    article, diagnostics = parse_article(PATH, text, LANGS)
    # Written tight, kodeks reads them right; only GitHub's view would not (M001, warnings).
    assert {d.code for d in diagnostics} == {"M001"} and not any(d.is_error for d in diagnostics)
    assert article is not None
    ru = article.texts["ru"]
    assert [p.label for p in ru.parts] == ["1", "1-1", "2"]
    assert ru.parts[1].number == LegalNumber((1, 1))
    assert [p.label for p in ru.parts[2].points] == ["1", "1-1", "2"]


def test_paragraphs_inside_a_part_keep_their_order() -> None:
    text = BASE_FILES[PATH].replace("   2) айыл окмоту.\n", "   2) айыл окмоту.\n\n   Заключительный абзац части.\n")
    article, _ = parse_article(PATH, text, LANGS)
    assert article is not None
    content = article.texts["ru"].parts[1].content
    assert [type(block) for block in content] == [Paragraph, Point, Point, Paragraph]
    assert isinstance(content[-1], Paragraph) and content[-1].plain_text == "Заключительный абзац части."


def test_html_and_markdown_characters_stay_literal_text() -> None:
    text = BASE_FILES[PATH].replace(
        "1. Настоящий Кодекс регулирует местное самоуправление.",
        "1. Текст <script>alert(1)</script> & *звёздочки* _подчёркивания_ ]]> `код`.",
    )
    article, diagnostics = parse_article(PATH, text, LANGS)
    assert diagnostics == []
    assert article is not None
    paragraph = article.texts["ru"].parts[0].content[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.inlines == (Text("Текст <script>alert(1)</script> & *звёздочки* _подчёркивания_ ]]> `код`."),)


def test_other_links_pass_untouched() -> None:
    text = BASE_FILES[PATH].replace("регулирует местное", "регулирует [местное](https://example.org/a?b=1)")
    article, diagnostics = parse_article(PATH, text, LANGS)
    assert diagnostics == []
    assert article is not None
    link = article.texts["ru"].parts[0].paragraphs[0].inlines[1]
    assert isinstance(link, Link) and link.target is None and link.href == "https://example.org/a?b=1"


def test_bom_and_crlf_are_accepted_and_lines_stay_true() -> None:
    data = b"\xef\xbb\xbf" + BASE_FILES[PATH].replace("\n", "\r\n").encode()
    text, problems = decode(PATH, data)
    assert problems == [] and text is not None
    article, diagnostics = parse_article(PATH, text, LANGS)
    assert diagnostics == [] and article is not None
    assert article.texts["ru"].parts[1].paragraphs[0].links[0].location == SourceLocation(PATH, 20, 47)


def test_invalid_utf8_names_the_byte() -> None:
    text, problems = decode(PATH, b"---\nid: x\n" + b"title: caf\xe9\n")
    assert text is None
    assert [str(p) for p in problems] == [
        f"{PATH}:3:11: F001 not valid UTF-8 (byte 0xE9 at byte offset 20); save the file as UTF-8"
    ]


def test_kyrgyz_letters_survive_parsing() -> None:
    article, _ = parse_article(PATH, BASE_FILES[PATH], LANGS)
    assert article is not None
    assert "жергиликтүү өз алдынча" in article.texts["ky"].parts[0].paragraphs[0].plain_text
    assert "кеңештер" in article.texts["ky"].parts[1].points[0].paragraphs[0].plain_text


def test_a_list_that_does_not_start_at_one_carries_its_start_as_commonmark_does() -> None:
    from kodeks.parse.markdown import body_parser

    tokens = body_parser().parse("3. третья\n4. четвёртая\n\n1) первый\n")
    lists = [t for t in tokens if t.type == "ordered_list_open"]
    assert [t.attrGet("start") for t in lists] == [3, None]
    assert [t.info for t in tokens if t.type == "list_item_open"] == ["3", "4", "1"]
