"""The consolidated Code as a Word document (python-docx).

Real Heading 1–3 styles (Word's navigation pane and TOC work), a TOC field Word fills in on
opening, parts and points numbered literally as the law numbers them (no auto-numbering that
drifts), internal references as hyperlinks to bookmarks, A4, Times New Roman, page numbers.
One language per document, or a two-column table per chapter for parallel text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE

from .. import wording
from ..marks import UNDATED, bookmark_name, heading_key, marked_lines, unit_anchor_of
from ..model import Article, ArticleText, Chapter, Paragraph, Section, Text
from . import BuildOptions, Edition
from .common import (
    aligned,
    contents,
    external_href,
    history_notes,
    reference_href,
    review_of,
    revision_line,
    starts_row,
    unit_heading,
    walk,
)
from .word import (
    HYPERLINK_STYLE,
    Properties,
    add_paragraph,
    field,
    language_of_run,
    new_document,
    package,
    run,
    table,
    xml_text,
)

_HEADING_STYLES = {Section: "Heading1", Chapter: "Heading2", Article: "Heading3"}
"""Style ids, set directly: looking a style up by name costs a scan of every style, per paragraph."""


class _Bookmarks:
    """Word bookmarks for our anchors and paragraph keys, named by :func:`bookmark_name`."""

    def __init__(self) -> None:
        self.next_id = 0

    def name(self, anchor: str) -> str:
        return bookmark_name(anchor)

    def around(self, anchor: str, content: str) -> str:
        self.next_id += 1
        return (
            f'<w:bookmarkStart w:id="{self.next_id}" w:name="{bookmark_name(anchor)}"/>'
            f'{content}<w:bookmarkEnd w:id="{self.next_id}"/>'
        )


class _Writer:
    """Writes one language's text as WordprocessingML.

    The body is written as XML text and parsed once: building it element by element through
    python-docx costs seconds per thousand paragraphs.
    """

    def __init__(
        self, edition: Edition, options: BuildOptions, language: str, bookmarks: _Bookmarks, part: Any
    ) -> None:
        self.edition = edition
        self.options = options
        self.language = language
        self.lang = language_of_run(language)
        self.bookmarks = bookmarks
        self.part = part

    def hyperlink(self, text: str, href: str) -> str:
        if href.startswith("#"):
            target = f'w:anchor="{self.bookmarks.name(href[1:])}"'
        else:
            target = f'r:id="{self.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)}"'
        return f"<w:hyperlink {target}>{run(text, HYPERLINK_STYLE + self.lang)}</w:hyperlink>"

    def paragraph(self, paragraph: Paragraph | None, number: str = "", anchor: str = "", depth: int = 0) -> str:
        content = [run(f"{number} ", "<w:b/>" + self.lang)] if number else []
        for inline in paragraph.inlines if paragraph else ():
            if isinstance(inline, Text):
                content.append(run(inline.value, self.lang))
                continue
            target = inline.target
            href = reference_href(self.edition, target, self.language) if target else external_href(inline.href)
            content.append(run(inline.text, self.lang) if href is None else self.hyperlink(inline.text, href))
        body = "".join(content)
        if anchor:
            body = self.bookmarks.around(anchor, body)
        properties = f'<w:pPr><w:ind w:left="{425 * depth}"/></w:pPr>' if depth else ""
        return f"<w:p>{properties}{body}</w:p>"

    def italic(self, text: str) -> str:
        return f"<w:p>{run(text, '<w:i/>' + self.lang)}</w:p>"

    def rows(self, text: ArticleText, article_id: str) -> list[str]:
        """The text cut where parallel text starts a row (:func:`starts_row`)."""
        notes = history_notes(self.edition, text, article_id, self.language)
        rows = [[self.italic(note) for note in notes.under.get(-1, ())]]
        previous = None
        for index, marked in enumerate(marked_lines(self.language, article_id, text)):
            line = marked.line
            if starts_row(line, previous) and rows[-1]:
                rows.append([])
            rows[-1].append(self.paragraph(notes.line(index, line.paragraph), line.label, marked.key, depth=line.depth))
            rows[-1] += [self.italic(note) for note in notes.under.get(index, ())]
            previous = line
        return ["".join(row) for row in rows if row]

    def heading(self, unit: Section | Chapter | Article) -> str:
        text = run(unit_heading(self.edition, unit, self.language), self.lang)
        text = self.bookmarks.around(heading_key(self.language, unit), text)  # what a comment on it is about
        if self.language == self.options.languages[0]:
            text = self.bookmarks.around(unit_anchor_of(unit), text)
        centre = "" if isinstance(unit, Article) else '<w:jc w:val="center"/>'
        # In a parallel table, a heading kept with the next paragraph makes LibreOffice keep the
        # whole row with the next one, moving it to a fresh page and leaving this one nearly empty.
        keep = '<w:keepNext w:val="0"/>' if len(self.options.languages) > 1 and isinstance(unit, Article) else ""
        return f'<w:p><w:pPr><w:pStyle w:val="{_HEADING_STYLES[type(unit)]}"/>{keep}{centre}</w:pPr>{text}</w:p>'

    def article(self, article: Article) -> list[str]:
        """The article as the cells of its rows in parallel text: the heading, then its units."""
        out = [self.heading(article)]
        review = review_of(self.edition, article, self.language) if self.options.review else None
        if review:
            out.append(self.italic(review.status))
        if article.is_repealed:
            # «(Утратила силу в соответствии с Законом КР от …)» where the law is known
            notes = history_notes(self.edition, None, article.id, self.language).under.get(-1)
            out += [self.italic(note) for note in notes or [wording.word("repealed", self.language)]]
        cells = ["".join(out)]
        if not article.is_repealed and self.language in article.texts:
            cells += self.rows(article.texts[self.language], article.id)
        out = []
        if review and review.sources:
            out.append(self.italic(f"{review.sources_label}: {'; '.join(review.sources)}"))
            for label, quoted in review.absorbed:
                out.append(self.italic(label))
                out += [self.italic(line) for line in quoted]
        if review and review.notes:
            out.append(self.italic(f"{review.notes_label}: {review.notes}"))
        return cells + (["".join(out)] if out else [])


def _properties(edition: Edition, language: str) -> Properties:
    code, revision = edition.code, edition.revision
    return Properties(
        title=code.title.get(language, code.id),
        subject=revision_line(edition, language),
        author=revision.author if revision else "kodeks",
        when=revision.committed if revision else UNDATED,
        keywords=code.id,
        identifier=revision.hexsha if revision else "",
    )


def _title_page(document: Any, edition: Edition, languages: tuple[str, ...]) -> None:
    code = edition.code
    for language in languages:
        title = add_paragraph(document, code.title.get(language, code.id), style="Title")
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for line in (wording.stage_name(code.stage, language), revision_line(edition, language)):
            add_paragraph(document, line).alignment = WD_ALIGN_PARAGRAPH.CENTER


def _contents(edition: Edition, languages: tuple[str, ...], writer: _Writer) -> Iterator[str]:
    """The contents: each entry a link to its heading and a PAGEREF field for its page number,
    which LibreOffice computes as it lays the document out and Word when it updates fields on
    opening (a TOC field would have page numbers in Word only)."""
    title = xml_text(" / ".join(wording.word("contents", lang) for lang in languages))
    yield f'<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t xml:space="preserve">{title}</w:t></w:r></w:p>'
    width = 14570 if len(languages) > 1 else 9638  # twips to the right margin: landscape or portrait A4
    for entry in contents(edition, languages):
        text = " / ".join(entry.texts[lang] for lang in languages)
        link = writer.hyperlink(text, f"#{entry.anchor}")
        begin, end = field(f"PAGEREF {writer.bookmarks.name(entry.anchor)} \\h")
        page = f"<w:r><w:tab/></w:r>{begin}{run('')}{end}"
        indent = (entry.level - 1) * 340
        tabs = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{width}"/></w:tabs>'
        yield f'<w:p><w:pPr>{tabs}<w:spacing w:after="0"/><w:ind w:left="{indent}"/></w:pPr>{link}{page}</w:p>'
    yield '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def render(edition: Edition, options: BuildOptions) -> bytes:
    languages = options.languages
    code = edition.code
    running = " / ".join(
        f"{code.title.get(language, code.id)} ({wording.stage_name(code.stage, language)})" for language in languages
    )
    document = new_document(len(languages) > 1, _properties(edition, languages[0]), languages[0], running)
    _title_page(document, edition, languages)
    bookmarks = _Bookmarks()
    writers = [_Writer(edition, options, language, bookmarks, document.part) for language in languages]
    body: list[str] = list(_contents(edition, languages, writers[0]))
    if len(languages) == 1:
        for unit in walk(edition):
            if isinstance(unit, Article):
                body.extend(writers[0].article(unit))
            else:
                body.append(writers[0].heading(unit))
    else:
        # Parallel text: one table per chapter, its rows the headings and then the articles.
        rows: list[list[str]] = []
        previous: Section | Chapter | Article | None = None
        for unit in walk(edition):
            if rows and (
                isinstance(unit, Section) or (isinstance(unit, Chapter) and not isinstance(previous, Section))
            ):
                body.append(table(rows, len(languages)))
                rows = []
            if isinstance(unit, Article):  # unit beside unit: the languages never drift apart
                rows += aligned([writer.article(unit) for writer in writers], "<w:p/>")
            else:
                rows.append([writer.heading(unit) for writer in writers])
            previous = unit
        if rows:
            body.append(table(rows, len(languages)))
        body.append("<w:p/>")  # Word wants a paragraph between a table and the section end
    return package(document, "".join(body))
