"""What comes back from the public discussion: the form filled in (XLSX, CSV or the DOCX form),
or comments as free text, read into rows of cells.

Every file comes from a stranger and is read as untrusted, as a reviewer's copy is: the size
of the file, the package checked before anything is unpacked, XML parsed without DTDs,
entities or network and within limits (``document``); text as UTF-8 only. Columns are found
by their headings, in any order, in either language; a file without the comment column is not
a form and is refused, never guessed at.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..messages import Message, msg, plural
from .document import (
    MAX_INPUT,
    MAX_PARAGRAPHS,
    SPREADSHEET_MAIN,
    InputError,
    W,
    check_size,
    open_package,
    read_text_of_act,
    read_xml,
)

COLUMNS = (
    ("number", {"ky": "№", "ru": "№"}),
    ("place-ky", {"ky": "Түзүмдүк бирдик (кыргызча)", "ru": "Структурная единица (на кыргызском языке)"}),
    ("place-ru", {"ky": "Түзүмдүк бирдик (орусча)", "ru": "Структурная единица (на русском языке)"}),
    ("text-ky", {"ky": "Кыргыз тилиндеги текст", "ru": "Текст на кыргызском языке"}),
    ("text-ru", {"ky": "Орус тилиндеги текст", "ru": "Текст на русском языке"}),
    ("comment", {"ky": "Сын-пикир", "ru": "Замечание"}),
    ("proposal", {"ky": "Сунушталган редакция", "ru": "Предлагаемая редакция"}),
    ("author", {"ky": "Автор (аты-жөнү)", "ru": "Автор (Ф.И.О.)"}),
    ("organisation", {"ky": "Уюм", "ru": "Организация"}),
    ("unit", {"ky": "Код (өзгөртпөңүз)", "ru": "Код (не изменять)"}),
)
"""The form's columns: a key and its heading in each language (the heading row reads
«Сын-пикир / Замечание»). A filled form's columns are found by heading, in any order, under
either language's heading or both."""


FORM_KEYWORD = "kodeks-public-form"
"""The DOCX form's keywords: ``kodeks review import`` reads a form's table, not a Code's text."""
FORM_SUFFIXES = (".csv", ".xlsx")
TEXT_SUFFIXES = (".txt", ".md")
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"


@dataclass(frozen=True, slots=True)
class FilledRow:
    """A row of a filled form, or a paragraph of free text (then only ``comment``)."""

    where: Message
    """How a message names it: «row 14», «paragraph 3»."""
    cells: dict[str, str]
    """Column key → text (``unit``, ``place-ky``, ``comment``…)."""
    mark: str | None = None
    """The heading or paragraph key a DOCX form's row is bookmarked with."""


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _columns(path: Path, heading: list[str]) -> dict[str, int]:
    """Column key → index, from the heading row: «Сын-пикир / Замечание», «Замечание» or «Сын-пикир»."""
    names: dict[str, str] = {}
    short: dict[str, set[str]] = {}
    for key, titles in COLUMNS:
        for title in (*titles.values(), " / ".join(titles.values()), " / ".join(reversed(titles.values()))):
            names[_normal(title)] = key
        for title in titles.values():  # «Код», «Автор»: a heading without its note, where only one column has it
            short.setdefault(_normal(re.sub(r"\s*\(.*?\)", "", title)), set()).add(key)
    names.update({name: keys.pop() for name, keys in short.items() if len(keys) == 1 and name not in names})
    found: dict[str, int] = {}
    for index, cell in enumerate(heading):
        column = names.get(_normal(cell))
        if column is not None and column not in found:
            found[column] = index
    if "comment" not in found and "proposal" not in found:
        raise InputError(
            msg(
                "{path}: not a kodeks form: its first row has no column «{comment}» or «{proposal}»",
                path=str(path),
                comment=" / ".join(dict(COLUMNS)["comment"].values()),
                proposal=" / ".join(dict(COLUMNS)["proposal"].values()),
            )
        )
    return found


def _rows(path: Path, table: list[dict[int, str]]) -> list[FilledRow]:
    """The filled rows of a table read as column index → text (a spreadsheet's cells are sparse:
    a cell far to the right costs one entry, not a row of empty ones)."""
    if not table:
        raise InputError(msg("{path}: the form is empty", path=str(path)))
    if len(table) > MAX_PARAGRAPHS:
        raise InputError(
            plural(
                "{path}: {count} row; a form is read up to {limit}",
                "{path}: {count} rows; a form is read up to {limit}",
                len(table),
                path=str(path),
                limit=MAX_PARAGRAPHS,
            )
        )
    heading = [table[0].get(index, "") for index in range(max(table[0], default=-1) + 1)]
    columns = _columns(path, heading)
    rows = []
    for number, values in enumerate(table[1:], start=2):
        cells = {key: values[index] for key, index in columns.items() if index in values}
        rows.append(FilledRow(msg("row {number}", number=number), cells))
    return rows


def read_form(path: Path) -> list[FilledRow]:
    """The rows of a filled form: ``.xlsx``, ``.csv`` (comma, semicolon or tab) or the DOCX form."""
    check_size(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _rows(path, _xlsx_table(path))
    if suffix == ".docx":
        return _docx_form(path)
    text, _ = read_text_of_act(path)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    csv.field_size_limit(MAX_INPUT)  # a cell may hold the whole file, not more
    try:
        # newline="": a line break inside a quoted cell stays in the cell, U+2028 splits no row
        lines = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        table = [dict(enumerate(row)) for row in lines if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise InputError(msg("{path}: not a readable CSV ({error})", path=str(path), error=str(error))) from error
    return _rows(path, table)


def read_free_text(path: Path) -> list[FilledRow]:
    """Comments written as text: each paragraph (blank lines between) one comment."""
    check_size(path)
    text, _ = read_text_of_act(path)
    paragraphs = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return [
        FilledRow(msg("paragraph {number}", number=number), {"comment": " ".join(paragraph.split())})
        for number, paragraph in enumerate(paragraphs, start=1)
    ]


def is_form_docx(path: Path) -> bool:
    """Whether a DOCX is the form kodeks wrote (its keywords say so), not a copy of the Code."""
    with open_package(path) as package:
        core = read_xml(package, "docProps/core.xml", path)
    keywords = core.find(f"{_CP}keywords") if core is not None else None
    return keywords is not None and (keywords.text or "").strip() == FORM_KEYWORD


def _part_text(element: Any) -> str:
    """The text of a cell or shared string: its ``t`` pieces, phonetic hints left out."""
    return "".join(t.text or "" for t in element.iter(f"{_S}t") if t.getparent().tag != f"{_S}rPh")


_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_NUMBER = re.compile(r"[0-9]{1,7}")


def _column_index(reference: str) -> int | None:
    """«C12» → 2; None for what is not a cell reference within XFD (ASCII digits only: «²» is
    a digit to ``str.isdigit`` but no number)."""
    match = _REFERENCE.fullmatch(reference)
    if match is None:
        return None
    index = 0
    for letter in match.group(1):
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1 if index <= 16_384 else None


def _xlsx_table(path: Path) -> list[dict[int, str]]:
    """The first sheet's cells as text, row by row (rows and cells placed by their references)."""
    with open_package(path, SPREADSHEET_MAIN) as package:
        workbook = read_xml(package, SPREADSHEET_MAIN, path)
        relations = read_xml(package, "xl/_rels/workbook.xml.rels", path)
        sheet = workbook.find(f"{_S}sheets/{_S}sheet")
        targets = {
            rel.get("Id"): (rel.get("Type", "").rpartition("/")[2], rel.get("Target", ""))
            for rel in (relations.iter(f"{_REL}Relationship") if relations is not None else ())
        }
        if sheet is None or sheet.get(f"{_R}id") not in targets:
            raise InputError(msg("{path}: the workbook has no sheet", path=str(path)))
        sheet_xml = read_xml(package, _part(targets[sheet.get(f"{_R}id")][1]), path)
        shared_target = next((target for kind, target in targets.values() if kind == "sharedStrings"), None)
        shared_xml = read_xml(package, _part(shared_target), path) if shared_target else None
    if sheet_xml is None:
        raise InputError(msg("{path}: the workbook has no sheet", path=str(path)))
    shared = [_part_text(item) for item in shared_xml.iter(f"{_S}si")] if shared_xml is not None else []
    rows: dict[int, dict[int, str]] = {}
    for row in sheet_xml.iter(f"{_S}row"):
        number = row.get("r", "")
        index = int(number) if _NUMBER.fullmatch(number) and int(number) >= 1 else max(rows, default=0) + 1
        values = rows.setdefault(index, {})
        for cell in row.iter(f"{_S}c"):
            reference = cell.get("r")
            column = _column_index(reference.upper()) if reference else max(values, default=-1) + 1
            if column is not None:
                values[column] = _cell_text(cell, shared)
    return [rows[n] for n in sorted(rows) if any(text.strip() for text in rows[n].values())]


def _cell_text(cell: Any, shared: list[str]) -> str:
    kind = cell.get("t")
    if kind == "inlineStr":
        inline = cell.find(f"{_S}is")
        return _part_text(inline) if inline is not None else ""
    value = cell.find(f"{_S}v")
    text = value.text or "" if value is not None else ""
    if kind == "s":
        return shared[int(text)] if _NUMBER.fullmatch(text) and int(text) < len(shared) else ""
    return text


def _part(target: str) -> str:
    """A relationship's target as a member name of the package (relative to ``xl/``)."""
    parts: list[str] = []
    for piece in (target.lstrip("/") if target.startswith("/") else "xl/" + target).split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph as Word shows it: tracked deletions (``w:delText``), text moved away and
    hidden runs left out."""
    pieces = []
    for element in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
        run = element.getparent()
        if any(ancestor.tag == f"{W}moveFrom" for ancestor in element.iterancestors()) or _hidden(run):
            continue
        pieces.append(element.text or "" if element.tag == f"{W}t" else ("\t" if element.tag == f"{W}tab" else "\n"))
    return "".join(pieces)


def _hidden(run: Any) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish") if run is not None else None
    return vanish is not None and vanish.get(f"{W}val", "true") not in ("false", "0", "off")


def _docx_form(path: Path) -> list[FilledRow]:
    """The DOCX form's rows: the comment and proposal columns, the unit by the row's bookmark
    (or, on a row the reader added, by the citation written in it); the author and the
    organisation from the lines above the table."""
    with open_package(path) as package:
        document = read_xml(package, "word/document.xml", path)
    body = document.find(f"{W}body")
    table = next(body.iter(f"{W}tbl"), None) if body is not None else None  # inside a content control too
    if table is None:
        raise InputError(msg("{path}: the form's table is missing", path=str(path)))
    above: dict[str, str] = {}
    labels = {key: [_normal(title) for title in dict(COLUMNS)[key].values()] for key in ("author", "organisation")}
    for paragraph in body.iterchildren(f"{W}p"):
        label, _, value = _paragraph_text(paragraph).partition(":")
        for key, titles in labels.items():
            if any(title in _normal(label) for title in titles):
                above[key] = value.strip(" _\t")
    rows = []
    # Rows and cells inside content controls (``w:sdt``) too; a nested table's are its own.
    own_rows = [row for row in table.iter(f"{W}tr") if next(row.iterancestors(f"{W}tbl")) == table]
    for number, row in enumerate(own_rows, start=1):
        if number == 1:
            continue
        cells = [
            "\n".join(_paragraph_text(p) for p in cell.iter(f"{W}p"))
            for cell in row.iter(f"{W}tc")
            if next(cell.iterancestors(f"{W}tr")) == row
        ]
        mark = next((b.get(f"{W}name") for b in row.iter(f"{W}bookmarkStart")), None)
        if len(cells) >= 5:
            filled = {"place-ky": cells[1], "comment": cells[3], "proposal": cells[4], **above}
        else:  # cells merged or removed: what stands after the text is the comment, never dropped
            filled = {"place-ky": cells[1] if len(cells) > 1 else "", "comment": "\n".join(cells[3:]), **above}
        rows.append(FilledRow(msg("row {number}", number=number), filled, mark))
    if len(rows) > MAX_PARAGRAPHS:
        raise InputError(
            plural(
                "{path}: {count} row; a form is read up to {limit}",
                "{path}: {count} rows; a form is read up to {limit}",
                len(rows),
                path=str(path),
                limit=MAX_PARAGRAPHS,
            )
        )
    return rows
