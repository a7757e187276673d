"""The consolidated Code as a Word document (python-docx).

Real Heading 1–3 styles (Word's navigation pane and TOC work), a TOC field Word fills in on
opening, parts and points numbered literally as the law numbers them (no auto-numbering that
drifts), internal references as hyperlinks to bookmarks, A4, Times New Roman, page numbers.
One language per document, or a two-column table per chapter for parallel text.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from .. import wording
from ..model import Article, ArticleText, Chapter, Paragraph, Part, Point, Section, Text
from . import BuildOptions, Edition
from .common import (
    external_href,
    reference_href,
    revision_line,
    source_text,
    unit_anchor,
    unit_anchor_of,
    unit_heading,
    walk,
)

FONT = "Times New Roman"
"""Word's legal-document default; covers Kyrgyz ң ө ү (LibreOffice maps it to Liberation Serif)."""
UNDATED = datetime(2000, 1, 1, tzinfo=UTC)
"""Core-property date of a working-tree build, which has no commit date."""
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_HEADING_STYLES = {Section: "Heading 1", Chapter: "Heading 2", Article: "Heading 3"}


class _Bookmarks:
    """Word bookmark names (≤ 40 characters, no hyphens) for our anchors, stable per document."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.next_id = 0

    def name(self, anchor: str) -> str:
        if anchor not in self.names:
            self.names[anchor] = f"_k{len(self.names):06d}"
        return self.names[anchor]

    def mark(self, paragraph: Any, anchor: str) -> None:
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(self.next_id))
        start.set(qn("w:name"), self.name(anchor))
        end.set(qn("w:id"), str(self.next_id))
        self.next_id += 1
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)


def _field(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """A Word field (TOC, PAGE): begin, instruction, separate, cached result, end."""

    def char(kind: str) -> Any:
        run = OxmlElement("w:r")
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            element.set(qn("w:dirty"), "true")
        run.append(element)
        return run

    paragraph._p.append(char("begin"))
    run = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run.append(text)
    paragraph._p.append(run)
    paragraph._p.append(char("separate"))
    paragraph.add_run(placeholder)
    paragraph._p.append(char("end"))


class _Writer:
    """Writes one language's text into a container (the document body or a table cell)."""

    def __init__(
        self, edition: Edition, options: BuildOptions, language: str, bookmarks: _Bookmarks, part: Any
    ) -> None:
        self.edition = edition
        self.options = options
        self.language = language
        self.bookmarks = bookmarks
        self.part = part

    def _hyperlink(self, paragraph: Any, text: str, href: str) -> None:
        link = OxmlElement("w:hyperlink")
        if href.startswith("#"):
            link.set(qn("w:anchor"), self.bookmarks.name(href[1:]))
        else:
            link.set(qn("r:id"), self.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
        run = OxmlElement("w:r")
        properties = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), "Hyperlink")
        properties.append(style)
        run.append(properties)
        text_element = OxmlElement("w:t")
        text_element.set(qn("xml:space"), "preserve")
        text_element.text = text
        run.append(text_element)
        link.append(run)
        paragraph._p.append(link)

    def paragraph(
        self, container: Any, paragraph: Paragraph, number: str = "", anchor: str = "", indent: int = 0
    ) -> None:
        out = container.add_paragraph(style="Normal")
        if indent:
            out.paragraph_format.left_indent = Cm(0.75 * indent)
        if number:
            out.add_run(f"{number} ").bold = True
        for inline in paragraph.inlines:
            if isinstance(inline, Text):
                _add_text(out, inline.value)
                continue
            target = inline.target
            href = reference_href(self.edition, target, self.language) if target else external_href(inline.href)
            if href is None:
                out.add_run(inline.text)
            else:
                self._hyperlink(out, inline.text, href)
        if anchor:
            self.bookmarks.mark(out, anchor)

    def points(self, container: Any, point: Point, part: Part | None, article_id: str) -> None:
        anchor = unit_anchor(self.language, article_id, part.number if part else None, point.number)
        for index, paragraph in enumerate(point.paragraphs):
            first = index == 0
            self.paragraph(container, paragraph, f"{point.label})" if first else "", anchor if first else "", indent=1)

    def text(self, container: Any, text: ArticleText, article_id: str) -> None:
        for block in text.content:
            if isinstance(block, Part):
                anchor = unit_anchor(self.language, article_id, block.number)
                numbered = False
                for inner in block.content:
                    if isinstance(inner, Point):
                        if not numbered:
                            self.paragraph(container, Paragraph((), text.location), f"{block.label}.", anchor)
                        self.points(container, inner, block, article_id)
                    else:
                        self.paragraph(
                            container, inner, "" if numbered else f"{block.label}.", "" if numbered else anchor
                        )
                    numbered = True
            elif isinstance(block, Point):
                self.points(container, block, None, article_id)
            else:
                self.paragraph(container, block)

    def heading(self, container: Any, unit: Section | Chapter | Article) -> None:
        heading = container.add_paragraph(
            unit_heading(self.edition, unit, self.language), style=_HEADING_STYLES[type(unit)]
        )
        if not isinstance(unit, Article):
            heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if self.language == self.options.languages[0]:
            self.bookmarks.mark(heading, unit_anchor_of(unit))

    def article(self, container: Any, article: Article) -> None:
        self.heading(container, article)
        if self.options.review:
            run = container.add_paragraph().add_run(wording.status_name(article.status, self.language))
            run.italic = True
        if article.is_repealed:
            container.add_paragraph().add_run(wording.word("repealed", self.language)).italic = True
        elif self.language in article.texts:
            self.text(container, article.texts[self.language], article.id)
        if self.options.review and article.sources:
            sources = "; ".join(source_text(s, self.edition.code.acts, self.language) for s in article.sources)
            container.add_paragraph().add_run(f"{wording.word('sources', self.language)}: {sources}").italic = True
        if self.options.review and article.notes:
            container.add_paragraph().add_run(f"{wording.word('notes', self.language)}: {article.notes}").italic = True


def _add_text(paragraph: Any, text: str) -> None:
    lines = text.split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if index < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


def _setup(document: Any, edition: Edition, language: str, parallel: bool) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if parallel:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(25), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    styles = document.styles
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "TOC Heading"):
        style = styles[name]
        style.font.name = FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme), None)
        if name != "Normal":
            style.font.color.rgb = RGBColor(0, 0, 0)
    styles["Normal"].font.size = Pt(12)
    styles["Normal"].paragraph_format.space_after = Pt(4)
    styles["Heading 1"].font.size = Pt(15)
    styles["Heading 2"].font.size = Pt(13.5)
    styles["Heading 3"].font.size = Pt(12)
    if "Hyperlink" not in [s.name for s in styles]:
        hyperlink = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        hyperlink.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
        hyperlink.font.underline = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE", "1")
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)

    code = edition.code
    properties = document.core_properties
    revision = edition.revision
    when = (
        revision.committed.astimezone(UTC).replace(tzinfo=None) if revision else UNDATED.replace(tzinfo=None)
    )
    properties.title = code.title.get(language, code.id)
    properties.subject = revision_line(edition, language)
    properties.author = revision.author if revision else "kodeks"
    properties.last_modified_by = "kodeks"
    properties.created = properties.modified = properties.last_printed = when
    properties.revision = 1
    properties.comments = ""
    properties.keywords = code.id
    properties.identifier = revision.hexsha if revision else ""


def _title_page(document: Any, edition: Edition, languages: tuple[str, ...]) -> None:
    code = edition.code
    for language in languages:
        title = document.add_paragraph(code.title.get(language, code.id), style="Title")
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for line in (wording.stage_name(code.stage, language), revision_line(edition, language)):
            document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(" / ".join(wording.word("contents", lang) for lang in languages), style="TOC Heading")
    placeholder = {
        "ru": "Оглавление обновится при открытии в Word (F9).",
        "ky": "Мазмуну Word'до ачылганда жаңыланат (F9).",
    }
    _field(document.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', placeholder.get(languages[0], "Update field (F9)."))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _deterministic_zip(data: bytes) -> bytes:
    """The same package with fixed entry dates, so one revision gives byte-identical files."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(item.filename))
    return out.getvalue()


def render(edition: Edition, options: BuildOptions) -> bytes:
    languages = options.languages
    parallel = len(languages) > 1
    document = Document()
    _setup(document, edition, languages[0], parallel)
    _title_page(document, edition, languages)
    bookmarks = _Bookmarks()
    writers = [_Writer(edition, options, language, bookmarks, document.part) for language in languages]
    table = None
    previous: Section | Chapter | Article | None = None
    for unit in walk(edition):
        if not parallel:
            if isinstance(unit, Article):
                writers[0].article(document, unit)
            else:
                writers[0].heading(document, unit)
            continue
        # Parallel text: one table per chapter, its rows the headings and then the articles.
        if (
            table is None
            or isinstance(unit, Section)
            or (isinstance(unit, Chapter) and not isinstance(previous, Section))
        ):
            table = document.add_table(rows=0, cols=len(languages))
            table.style = document.styles["Table Grid"]
        row = table.add_row()
        for writer, cell in zip(writers, row.cells, strict=True):
            if isinstance(unit, Article):
                writer.article(cell, unit)
            else:
                writer.heading(cell, unit)
            _drop_first_empty_paragraph(cell)
        previous = unit
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic_zip(buffer.getvalue())


def _drop_first_empty_paragraph(cell: Any) -> None:
    """A new table cell starts with an empty paragraph; ours begin with a heading."""
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        first._p.getparent().remove(first._p)
