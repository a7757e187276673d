"""Word plumbing shared by the Code and the redline documents.

python-docx provides the package, the styles and the core properties; the body is written as
WordprocessingML text and spliced in once, because building tens of thousands of paragraphs
element by element through python-docx costs seconds per thousand.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from ..characters import xml_safe

FONT = "Times New Roman"
"""Word's legal-document default; covers Kyrgyz ң ө ү (LibreOffice maps it to a metric twin)."""
HYPERLINK_STYLE = '<w:rStyle w:val="Hyperlink"/>'
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_BODY_MARKER = "__kodeks_body__"


def xml_text(text: str) -> str:
    """Text for a ``w:t`` element: escaped, without the control characters XML forbids."""
    return escape(xml_safe(text))


def xml_attribute(value: str) -> str:
    """Text for a double-quoted XML attribute value."""
    return escape(xml_safe(value), {'"': "&quot;"})


def add_paragraph(document: Any, text: str, style: str | None = None) -> Any:
    """A paragraph added through python-docx, which refuses control characters: they are
    dropped here (validation reports them; a commit author's name is not validated)."""
    return document.add_paragraph(xml_safe(text), style=style)


LOCALES = {"ky": "ky-KG", "ru": "ru-RU", "en": "en-US"}
"""Word's language of each text, so its spelling and hyphenation are Kyrgyz or Russian."""


def language_of_run(language: str) -> str:
    """The run property that says a run is in ``language`` (``<w:lang w:val="ky-KG"/>``)."""
    return f'<w:lang w:val="{LOCALES.get(language, "ru-RU")}"/>'


def run(text: str, properties: str = "", deleted: bool = False) -> str:
    """One run; line breaks inside the text become ``w:br``. Deleted text is ``w:delText``."""
    tag = "w:delText" if deleted else "w:t"
    pieces = [f'<{tag} xml:space="preserve">{xml_text(line)}</{tag}>' for line in text.split("\n")]
    properties = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f"<w:r>{properties}{'<w:br/>'.join(pieces)}</w:r>"


def field(instruction: str) -> tuple[str, str]:
    """The runs that open a Word field (up to its cached result) and the run that closes it.

    ``w:dirty`` asks Word to recompute the result (TOC page numbers) when it opens the file.
    """
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    return begin, '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


@dataclass(frozen=True, slots=True)
class Properties:
    """Core properties, all fixed from the commit so the same revision gives the same bytes."""

    title: str
    subject: str
    author: str
    when: datetime
    keywords: str
    identifier: str
    """The commit the text is of: ``dc:identifier`` and the custom property ``kodeks-revision``,
    which ``kodeks review import`` compares a reviewer's copy with."""


def new_document(landscape: bool, properties: Properties, language: str = "ru", running: str = "") -> Any:
    """An A4 document with Times New Roman styles, a Hyperlink style and page numbers, its text
    in ``language`` unless a run says otherwise (python-docx's template says English); ``running``
    heads every page (a draft's title and «Долбоор / Проект»)."""
    document = Document()
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for lang in defaults.iter(qn("w:lang")) if defaults is not None else ():
        lang.set(qn("w:val"), LOCALES.get(language, "ru-RU"))
        lang.set(qn("w:eastAsia"), LOCALES.get(language, "ru-RU"))
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
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
    begin, end = field("PAGE")
    footer = section.footer.paragraphs[0]._p
    footer.addnext(parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:jc w:val="center"/></w:pPr>{begin}{run("1")}{end}</w:p>'))
    footer.getparent().remove(footer)
    if running:
        grey = '<w:color w:val="5C5C5C"/><w:sz w:val="16"/>'
        header = section.header.paragraphs[0]._p
        header.addnext(
            parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:jc w:val="center"/></w:pPr>{run(running, grey)}</w:p>')
        )
        header.getparent().remove(header)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)

    core = document.core_properties
    core.title = xml_safe(properties.title)
    core.subject = xml_safe(properties.subject)
    core.author = xml_safe(properties.author)
    core.last_modified_by = "kodeks"
    core.created = core.modified = core.last_printed = properties.when.astimezone(UTC).replace(tzinfo=None)
    core.revision = 1
    core.comments = ""
    core.keywords = xml_safe(properties.keywords)
    core.identifier = xml_safe(properties.identifier)
    return document


REVISION_PROPERTY = "kodeks-revision"
_CUSTOM_PART = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


def _custom_properties(revision: str) -> bytes:
    """A custom document property (File → Properties → Custom): Word and LibreOffice keep it
    when they save a reviewer's copy."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
        f'name="{REVISION_PROPERTY}"><vt:lpwstr>{xml_text(revision)}</vt:lpwstr></property></Properties>'
    ).encode()


def package(document: Any, body: str) -> bytes:
    """The .docx bytes: ``body`` (WordprocessingML paragraphs and tables) after what the
    document already holds, the revision as a custom property, and fixed zip entry dates."""
    document.add_paragraph(_BODY_MARKER)
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = _replace_marker(content.decode("utf-8"), body).encode("utf-8")
            elif item.filename == "[Content_Types].xml":
                override = f'<Override PartName="/{_CUSTOM_PART}" ContentType="{_CUSTOM_TYPE}"/></Types>'
                content = content.replace(b"</Types>", override.encode("utf-8"))
            elif item.filename == "_rels/.rels":
                relationship = f'<Relationship Id="rIdKodeks" Type="{_CUSTOM_RELATIONSHIP}" Target="{_CUSTOM_PART}"/>'
                content = content.replace(b"</Relationships>", relationship.encode("utf-8") + b"</Relationships>")
            entry = zipfile.ZipInfo(item.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
        entry = zipfile.ZipInfo(_CUSTOM_PART, date_time=_ZIP_DATE)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        target.writestr(entry, _custom_properties(document.core_properties.identifier or ""))
    return out.getvalue()


def _replace_marker(xml: str, body: str) -> str:
    """Put the body where the marker paragraph is; the root of document.xml declares the
    ``w:`` and ``r:`` prefixes the body uses. The marker paragraph is the last one added, so
    the last occurrence is it, whatever a title says."""
    marker = xml.rindex(_BODY_MARKER)
    start = max(xml.rfind("<w:p>", 0, marker), xml.rfind("<w:p ", 0, marker))
    end = xml.index("</w:p>", marker) + len("</w:p>")
    return xml[:start] + body + xml[end:]


def table(
    rows: list[list[str]],
    columns: int,
    header: list[str] | None = None,
    widths: tuple[int, ...] = (),
    whole_rows: bool = False,
) -> str:
    """A full-width grid table, its columns equal or ``widths`` per cent; each cell holds its
    paragraphs. ``whole_rows``: no row is split across pages (a form's row is one unit)."""
    shares = [w * 50 for w in widths] if widths else [5000 // columns] * columns  # fiftieths of a percent
    grid = "".join(f'<w:gridCol w:w="{share}"/>' for share in shares)

    def row(cells: list[str], is_header: bool = False) -> str:
        properties = (
            "<w:trPr><w:tblHeader/></w:trPr>"
            if is_header
            else ("<w:trPr><w:cantSplit/></w:trPr>" if whole_rows else "")
        )
        tcs = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{share}" w:type="pct"/></w:tcPr>{cell}</w:tc>'
            for share, cell in zip(shares, cells, strict=True)
        )
        return f"<w:tr>{properties}{tcs}</w:tr>"

    body = (row(header, True) if header else "") + "".join(row(cells) for cells in rows)
    properties = '<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/></w:tblPr>'
    return f"<w:tbl>{properties}<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
