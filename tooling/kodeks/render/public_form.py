"""The public discussion's form as the portal and the public get it: a Word document (the draft
with a column for each comment), a spreadsheet (XLSX) and the same table as CSV.

The spreadsheet is written here, not through a library: one sheet of text cells, a bold heading
row frozen at the top, wrapped text and set column widths is a few parts of SpreadsheetML, and
written by hand its bytes are the same for the same draft (libraries date the package). CSV is
UTF-8 with a byte order mark, which Excel needs to read Cyrillic, and every field quoted.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime

from .. import wording
from ..characters import xml_safe
from ..model import Code
from ..public_form import FormRow, form_mark, form_rows, header
from ..store.filled_form import COLUMNS, FORM_KEYWORD
from .word import Properties, new_document, package, run, table, xml_attribute, xml_text

_WIDTHS = {"number": 6, "place-ky": 22, "place-ru": 22, "text-ky": 60, "text-ru": 60, "comment": 45,
           "proposal": 45, "author": 24, "organisation": 24, "unit": 22}  # fmt: skip
"""Spreadsheet column widths, in characters."""
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def cells(rows: Sequence[FormRow], languages: Sequence[str]) -> list[list[str]]:
    """The form as a table of text: the heading row, then one row per unit, comment columns empty."""
    out = [header(languages)]
    for number, row in enumerate(rows, start=1):
        values = {
            "number": str(number),
            "unit": str(row.unit),
            **{f"place-{lang}": row.places.get(lang, "") for lang in ("ky", "ru")},
            **{f"text-{lang}": row.texts.get(lang, "") for lang in ("ky", "ru")},
        }
        out.append([values.get(key, "") for key, _ in COLUMNS])
    return out


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet opening a CSV takes for a formula («=HYPERLINK(…)» in a title a pull
request wrote): such a cell is written after an apostrophe, which shows it as text."""


def as_csv(rows: Sequence[FormRow], languages: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerows(
        [["'" + cell if cell.startswith(_FORMULA_START) else cell for cell in row] for row in cells(rows, languages)]
    )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(ord("A") + remainder) + name
    return name


_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/></Relationships>',
    "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font>'
    '<font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf></cellXfs></styleSheet>',
}


def as_xlsx(rows: Sequence[FormRow], languages: Sequence[str], title: str) -> bytes:
    """The form as one sheet of text cells (numbers too: «2-1» stays text), the heading row bold
    and frozen."""
    table_cells = cells(rows, languages)
    columns = "".join(
        f'<col min="{i}" max="{i}" width="{_WIDTHS[key]}" customWidth="1"/>' for i, (key, _) in enumerate(COLUMNS, 1)
    )
    sheet_rows = []
    for r, values in enumerate(table_cells, start=1):
        style = 2 if r == 1 else 1
        cells_xml = "".join(
            f'<c r="{_column(c)}{r}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{xml_text(value)}</t></is></c>'
            for c, value in enumerate(values)
        )
        sheet_rows.append(f'<row r="{r}">{cells_xml}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
        'state="frozen"/></sheetView></sheetViews>'
        f"<cols>{columns}</cols><sheetData>{''.join(sheet_rows)}</sheetData></worksheet>"
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{xml_attribute(xml_safe(title)[:31])}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (*_PARTS.items(), ("xl/workbook.xml", workbook), ("xl/worksheets/sheet1.xml", sheet)):
            entry = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data.encode("utf-8"))
    return out.getvalue()


def as_docx(code: Code, rows: Sequence[FormRow], languages: Sequence[str], revision: str) -> bytes:
    """The draft with a column for the comment and one for the proposed wording, each row
    bookmarked with its unit, landscape A4; the heading repeats on every page."""
    title = " / ".join(f"{wording.word('public-form', lang)}: {code.title.get(lang, code.id)}" for lang in languages)
    when = datetime(2000, 1, 1, tzinfo=UTC)
    document = new_document(True, Properties(title, "", "kodeks", when, FORM_KEYWORD, revision), languages[0])
    body = [f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{run(title)}</w:p>']
    for key in ("author", "organisation"):
        label = " / ".join(dict.fromkeys(dict(COLUMNS)[key][lang] for lang in languages))
        body.append(f"<w:p>{run(label + ': ', '<w:b/>')}{run('_' * 40)}</w:p>")
    heading = header(languages)
    keep = {"number": 0, "place": 1, "text": 3, "comment": 5, "proposal": 6}
    head = [
        heading[keep["number"]],
        " / ".join(dict.fromkeys(wording.word("public-form-unit", lang) for lang in languages)),
        " / ".join(dict.fromkeys(wording.word("public-form-text", lang) for lang in languages)),
        heading[keep["comment"]],
        heading[keep["proposal"]],
    ]
    grid = []
    for number, row in enumerate(rows, start=1):
        mark = form_mark(row)
        bookmark = f'<w:bookmarkStart w:id="{number}" w:name="{mark}"/><w:bookmarkEnd w:id="{number}"/>'
        places = "".join(f"<w:p>{run(row.places[lang])}</w:p>" for lang in languages if lang in row.places)
        texts = "".join(f"<w:p>{run(row.texts[lang])}</w:p>" for lang in languages if lang in row.texts)
        grid.append(
            [f"<w:p>{bookmark}{run(str(number))}</w:p>", places or "<w:p/>", texts or "<w:p/>", "<w:p/>", "<w:p/>"]
        )
    body.append(table(grid, 5, [f"<w:p>{run(h, '<w:b/>')}</w:p>" for h in head], (5, 15, 40, 20, 20)))
    return package(document, "".join(body))


def render(code: Code, format_name: str, languages: Sequence[str], revision: str) -> bytes:
    """The form in ``format_name`` (docx, xlsx or csv)."""
    rows = form_rows(code)
    if format_name == "csv":
        return as_csv(rows, languages)
    if format_name == "xlsx":
        return as_xlsx(rows, languages, code.id)
    return as_docx(code, rows, languages, revision)
