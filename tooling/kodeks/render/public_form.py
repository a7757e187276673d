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
from ..model import Code
from ..public_form import FormRow, columns, form_mark, form_rows
from ..store.filled_form import COLUMNS, FORM_KEYWORD
from .word import Properties, new_document, package, run, table, xml_text

_WIDTHS = {"number": 5, "place-ky": 16, "place-ru": 16, "text-ky": 42, "text-ru": 42, "comment": 32,
           "proposal": 32, "author": 16, "organisation": 16, "unit": 18}  # fmt: skip
"""Spreadsheet column widths, in characters: the whole form at 60 % fits A4 landscape."""
_LINE_HEIGHT = 15
"""Points a wrapped line of 11-point text takes."""
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def cells(rows: Sequence[FormRow], languages: Sequence[str]) -> list[list[str]]:
    """The form as a table of text: the heading row, then one row per unit, comment columns empty."""
    kept = columns(languages)
    out = [[heading for _, heading in kept]]
    for number, row in enumerate(rows, start=1):
        values = {
            "number": str(number),
            "unit": str(row.unit),
            **{f"place-{lang}": row.places.get(lang, "") for lang in ("ky", "ru")},
            **{f"text-{lang}": row.texts.get(lang, "") for lang in ("ky", "ru")},
        }
        out.append([values.get(key, "") for key, _ in kept])
    return out


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet opening a CSV takes for a formula («=HYPERLINK(…)» in a title a pull
request wrote): such a cell is written after an apostrophe, which shows it as text."""


def as_csv(rows: Sequence[FormRow], languages: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    # «;»: the list separator of Windows in Kyrgyz and Russian, which Excel splits a CSV by.
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
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


_SHEET = "Форма"
"""The sheet's name: the same word in Kyrgyz and Russian."""


def as_xlsx(rows: Sequence[FormRow], languages: Sequence[str]) -> bytes:
    """The form as one sheet of text cells (the row number a number, so it sorts; «2-1» stays
    text), the heading row bold, frozen and printed on every page; A4 landscape, one page wide at 60 %."""
    table_cells = cells(rows, languages)
    widths = "".join(
        f'<col min="{i}" max="{i}" width="{_WIDTHS[key]}" customWidth="1"/>'
        for i, (key, _) in enumerate(columns(languages), 1)
    )
    sheet_rows = []
    kept = [key for key, _ in columns(languages)]
    for r, values in enumerate(table_cells, start=1):
        # Row heights as the wrapped text needs: Calc does not work them out when it opens a file.
        lines = max(
            sum(-(-len(line) // (_WIDTHS[key] - 1)) or 1 for line in value.split("\n"))
            for key, value in zip(kept, values, strict=True)
        )
        style = 2 if r == 1 else 1
        cells_xml = "".join(
            f'<c r="{_column(c)}{r}" s="{style}"><v>{value}</v></c>'
            if c == 0 and r > 1
            else f'<c r="{_column(c)}{r}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{xml_text(value)}</t></is></c>'
            for c, value in enumerate(values)
        )
        sheet_rows.append(f'<row r="{r}" ht="{lines * _LINE_HEIGHT}" customHeight="1">{cells_xml}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
        'state="frozen"/></sheetView></sheetViews>'
        f"<cols>{widths}</cols><sheetData>{''.join(sheet_rows)}</sheetData>"
        '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" scale="60" orientation="landscape"/></worksheet>'
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{_SHEET}" sheetId="1" r:id="rId1"/></sheets>'
        f'<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">\'{_SHEET}\'!$1:$1</definedName>'
        "</definedNames></workbook>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (*_PARTS.items(), ("xl/workbook.xml", workbook), ("xl/worksheets/sheet1.xml", sheet)):
            entry = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data.encode("utf-8"))
    return out.getvalue()


def _title(code: Code, language: str) -> str:
    """«Форма замечаний и предложений к проекту Кодекса …» / «… кодексинин долбооруна
    сын-пикирлердин жана сунуштардын формасы»."""
    title = code.title.get(language, code.id)
    drafted = wording.code_genitive(language, title) or f"«{title}»"
    if language == "ky":
        return f"{drafted} долбооруна сын-пикирлердин жана сунуштардын формасы"
    return f"Форма замечаний и предложений к проекту {drafted}"


def as_docx(code: Code, rows: Sequence[FormRow], languages: Sequence[str], revision: str) -> bytes:
    """The draft with a column for the comment and one for the proposed wording, each row
    bookmarked with its unit, landscape A4; the heading repeats on every page."""
    titles = [_title(code, lang) for lang in languages]
    when = datetime(2000, 1, 1, tzinfo=UTC)
    running = " / ".join(wording.stage_name(code.stage, lang) for lang in languages)
    properties = Properties(" / ".join(titles), "", "kodeks", when, FORM_KEYWORD, revision)
    document = new_document(True, properties, languages[0], running)
    centred, bold = '<w:pPr><w:spacing w:after="120"/><w:jc w:val="center"/></w:pPr>', '<w:b/><w:sz w:val="28"/>'
    body = [f"<w:p>{centred}{run(title, bold)}</w:p>" for title in titles]
    for key in ("author", "organisation"):
        label = " / ".join(dict.fromkeys(dict(COLUMNS)[key][lang] for lang in languages))
        body.append(f"<w:p>{run(label + ': ', '<w:b/>')}{run('_' * 40)}</w:p>")
    heading = dict(columns(languages))
    head = [
        heading["number"],
        wording.word_in_each("public-form-unit", languages),
        wording.word_in_each("public-form-text", languages),
        heading["comment"],
        heading["proposal"],
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
    body.append(table(grid, 5, [f"<w:p>{run(h, '<w:b/>')}</w:p>" for h in head], (5, 15, 40, 20, 20), True))
    return package(document, "".join(body))


def render(code: Code, formats: Sequence[str], languages: Sequence[str], revision: str) -> dict[str, bytes]:
    """The form in each of ``formats`` (docx, xlsx, csv), its rows gathered once."""
    rows = form_rows(code)
    writers = {
        "csv": lambda: as_csv(rows, languages),
        "xlsx": lambda: as_xlsx(rows, languages),
        "docx": lambda: as_docx(code, rows, languages, revision),
    }
    return {format_name: writers[format_name]() for format_name in formats}
