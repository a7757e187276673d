"""The consolidated Code as a Word document (python-docx).

Real Heading 1–3 styles (Word's navigation pane and TOC work), a TOC field Word fills in on
opening, parts and points numbered literally as the law numbers them (no auto-numbering that
drifts), internal references as hyperlinks to bookmarks, A4, Times New Roman, page numbers.
One language per document, or a two-column table per chapter for parallel text.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from .. import wording
from ..model import Article, ArticleText, Chapter, Paragraph, Part, Point, Section, Text
from . import BuildOptions, Edition
from .common import (
    contents,
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
_HEADING_STYLES = {Section: "Heading1", Chapter: "Heading2", Article: "Heading3"}
"""Style ids, set directly: looking a style up by name costs a scan of every style, per paragraph."""


_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BODY_MARKER = "__kodeks_body__"
_HYPERLINK_STYLE = '<w:rStyle w:val="Hyperlink"/>'


def _xml_text(text: str) -> str:
    """Text for a ``w:t`` element: escaped, without the control characters XML forbids."""
    return escape(_INVALID_XML.sub("", text))


def _run(text: str, properties: str = "") -> str:
    """One run; line breaks inside the text become ``w:br``."""
    pieces = [f'<w:t xml:space="preserve">{_xml_text(line)}</w:t>' for line in text.split("\n")]
    properties = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f"<w:r>{properties}{'<w:br/>'.join(pieces)}</w:r>"


class _Bookmarks:
    """Word bookmark names (≤ 40 characters, no hyphens) for our anchors, stable per document."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.next_id = 0

    def name(self, anchor: str) -> str:
        if anchor not in self.names:
            self.names[anchor] = f"_k{len(self.names):06d}"
        return self.names[anchor]

    def around(self, anchor: str, content: str) -> str:
        self.next_id += 1
        return (
            f'<w:bookmarkStart w:id="{self.next_id}" w:name="{self.name(anchor)}"/>'
            f'{content}<w:bookmarkEnd w:id="{self.next_id}"/>'
        )


def _field(instruction: str) -> tuple[str, str]:
    """The runs that open a Word field (up to its cached result) and the run that closes it.

    ``w:dirty`` asks Word to recompute the result (TOC page numbers) when it opens the file.
    """
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    return begin, '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


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
        self.bookmarks = bookmarks
        self.part = part

    def hyperlink(self, text: str, href: str) -> str:
        if href.startswith("#"):
            target = f'w:anchor="{self.bookmarks.name(href[1:])}"'
        else:
            target = f'r:id="{self.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)}"'
        return f"<w:hyperlink {target}>{_run(text, _HYPERLINK_STYLE)}</w:hyperlink>"

    def paragraph(self, paragraph: Paragraph | None, number: str = "", anchor: str = "", indent: bool = False) -> str:
        content = [_run(f"{number} ", "<w:b/>")] if number else []
        for inline in paragraph.inlines if paragraph else ():
            if isinstance(inline, Text):
                content.append(_run(inline.value))
                continue
            target = inline.target
            href = reference_href(self.edition, target, self.language) if target else external_href(inline.href)
            content.append(_run(inline.text) if href is None else self.hyperlink(inline.text, href))
        body = "".join(content)
        if anchor:
            body = self.bookmarks.around(anchor, body)
        properties = '<w:pPr><w:ind w:left="425"/></w:pPr>' if indent else ""
        return f"<w:p>{properties}{body}</w:p>"

    def italic(self, text: str) -> str:
        return f"<w:p>{_run(text, '<w:i/>')}</w:p>"

    def points(self, point: Point, part: Part | None, article_id: str) -> Iterator[str]:
        anchor = unit_anchor(self.language, article_id, part.number if part else None, point.number)
        for index, paragraph in enumerate(point.paragraphs):
            first = index == 0
            yield self.paragraph(paragraph, f"{point.label})" if first else "", anchor if first else "", indent=True)

    def text(self, text: ArticleText, article_id: str) -> Iterator[str]:
        for block in text.content:
            if isinstance(block, Part):
                anchor = unit_anchor(self.language, article_id, block.number)
                numbered = False
                for inner in block.content:
                    if isinstance(inner, Point):
                        if not numbered:
                            yield self.paragraph(None, f"{block.label}.", anchor)
                        yield from self.points(inner, block, article_id)
                    else:
                        yield self.paragraph(inner, "" if numbered else f"{block.label}.", "" if numbered else anchor)
                    numbered = True
            elif isinstance(block, Point):
                yield from self.points(block, None, article_id)
            else:
                yield self.paragraph(block)

    def heading(self, unit: Section | Chapter | Article) -> str:
        text = _run(unit_heading(self.edition, unit, self.language))
        if self.language == self.options.languages[0]:
            text = self.bookmarks.around(unit_anchor_of(unit), text)
        centre = "" if isinstance(unit, Article) else '<w:jc w:val="center"/>'
        return f'<w:p><w:pPr><w:pStyle w:val="{_HEADING_STYLES[type(unit)]}"/>{centre}</w:pPr>{text}</w:p>'

    def article(self, article: Article) -> Iterator[str]:
        yield self.heading(article)
        if self.options.review:
            yield self.italic(wording.status_name(article.status, self.language))
        if article.is_repealed:
            yield self.italic(wording.word("repealed", self.language))
        elif self.language in article.texts:
            yield from self.text(article.texts[self.language], article.id)
        if self.options.review and article.sources:
            sources = "; ".join(source_text(s, self.edition.code.acts, self.language) for s in article.sources)
            yield self.italic(f"{wording.word('sources', self.language)}: {sources}")
        if self.options.review and article.notes:
            yield self.italic(f"{wording.word('notes', self.language)}: {article.notes}")


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
    begin, end = _field("PAGE")
    footer = section.footer.paragraphs[0]._p
    footer.addnext(parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:jc w:val="center"/></w:pPr>{begin}{_run("1")}{end}</w:p>'))
    footer.getparent().remove(footer)
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)

    code = edition.code
    properties = document.core_properties
    revision = edition.revision
    when = revision.committed.astimezone(UTC).replace(tzinfo=None) if revision else UNDATED.replace(tzinfo=None)
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


def _contents(edition: Edition, languages: tuple[str, ...], writer: _Writer) -> Iterator[str]:
    """The TOC field, its result filled in already: readers that never update fields
    (LibreOffice, converters) still get a table of contents with working links; Word
    replaces it with one that has page numbers."""
    title = _xml_text(" / ".join(wording.word("contents", lang) for lang in languages))
    yield f'<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t xml:space="preserve">{title}</w:t></w:r></w:p>'
    begin, end = _field('TOC \\o "1-3" \\h \\z \\u')
    entries = list(contents(edition, languages))
    for index, entry in enumerate(entries):
        text = " / ".join(entry.texts[lang] for lang in languages)
        link = writer.hyperlink(text, f"#{entry.anchor}")
        opening = begin if index == 0 else ""
        closing = end if index == len(entries) - 1 else ""
        indent = (entry.level - 1) * 340
        yield f'<w:p><w:pPr><w:spacing w:after="0"/><w:ind w:left="{indent}"/></w:pPr>{opening}{link}{closing}</w:p>'
    yield '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def _deterministic_zip(data: bytes, body: str) -> bytes:
    """The package with the body in place of its marker, and fixed entry dates, so that one
    revision gives byte-identical files."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = _replace_marker(content.decode("utf-8"), body).encode("utf-8")
            entry = zipfile.ZipInfo(item.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


def _replace_marker(xml: str, body: str) -> str:
    marker = xml.index(_BODY_MARKER)
    start = max(xml.rfind("<w:p>", 0, marker), xml.rfind("<w:p ", 0, marker))
    end = xml.index("</w:p>", marker) + len("</w:p>")
    return xml[:start] + body + xml[end:]


def _table(rows: list[list[str]], columns: int) -> str:
    """A full-width table with equal columns; each cell holds its paragraphs."""
    width = 5000 // columns  # fiftieths of a percent
    grid = "".join('<w:gridCol w:w="1"/>' for _ in range(columns))
    cells = "".join(
        "<w:tr>"
        + "".join(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="pct"/></w:tcPr>{cell}</w:tc>' for cell in row)
        + "</w:tr>"
        for row in rows
    )
    properties = '<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/></w:tblPr>'
    return f"<w:tbl>{properties}<w:tblGrid>{grid}</w:tblGrid>{cells}</w:tbl>"


def render(edition: Edition, options: BuildOptions) -> bytes:
    languages = options.languages
    document = Document()
    _setup(document, edition, languages[0], len(languages) > 1)
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
                body.append(_table(rows, len(languages)))
                rows = []
            if isinstance(unit, Article):
                rows.append(["".join(writer.article(unit)) for writer in writers])
            else:
                rows.append([writer.heading(unit) for writer in writers])
            previous = unit
        if rows:
            body.append(_table(rows, len(languages)))
        body.append("<w:p/>")  # Word wants a paragraph between a table and the section end
    # The body goes in as text: handing lxml tens of megabytes to parse and re-parent costs
    # seconds. python-docx writes the package around a marker paragraph; the marker is then
    # replaced in word/document.xml, whose root declares the w: and r: prefixes used here.
    document.add_paragraph(_BODY_MARKER)
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic_zip(buffer.getvalue(), "".join(body))
