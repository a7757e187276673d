"""An act as another system exports it in Akoma Ntoso 3.0, read as the official database prints
its text, one paragraph a line, for ``kodeks import``.

Only what the law prints is read: the FRBR number and date (the header the text reader takes
them from), the long title, the preamble, and the body: sections, chapters, articles, parts,
lists of points and subpoints with the абзацы around them, notes. A unit's number is written as
the law prints one in its language («Статья 5.», «5-берене.», «2.», «1)», «а)»), whatever the
exporting system put in ``<num>``. The XML is read within the limits of a law's text, without
a DTD, entities or network. The word-for-word check reads every text node of the body on its
own (:func:`akn_words`): an element this reader skipped cannot pass it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import wording
from ..messages import msg
from ..model import LegalNumber, from_roman
from .document import MAX_ELEMENTS, MAX_INPUT, InputError, check_size, xml_parser

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
_LANGUAGES = {"kir": "ky", "rus": "ru", "ky": "ky", "ru": "ru"}
_DOCUMENTS = ("act", "bill", "doc")
_SKIPPED = {f"{AKN}meta", f"{AKN}num", f"{AKN}heading", f"{AKN}subheading"}


def is_akn(path: Path) -> bool:
    """A file named as XML (``.xml``, ``.akn``): read as Akoma Ntoso."""
    return path.suffix.lower() in (".xml", ".akn")


def _tree(path: Path) -> Any:
    from lxml import etree

    check_size(path)
    with path.open("rb") as file:
        data = file.read(MAX_INPUT + 1)
    if len(data) > MAX_INPUT:
        raise InputError(msg("{path}: more than {limit} bytes", path=str(path), limit=format(MAX_INPUT, ",")))
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise InputError(msg("{path}: the XML declares a DTD; an Akoma Ntoso document needs none", path=str(path)))
    if data.count(b"<") > MAX_ELEMENTS:
        raise InputError(msg("{path}: more XML elements than a law holds", path=str(path)))
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as error:
        raise InputError(msg("{path}: not well-formed XML ({error})", path=str(path), error=str(error))) from None
    document = next((child for child in root if child.tag in {f"{AKN}{d}" for d in _DOCUMENTS}), None)
    if root.tag != f"{AKN}akomaNtoso" or document is None:
        raise InputError(msg("{path}: not an Akoma Ntoso 3.0 act (no <akomaNtoso><act>)", path=str(path)))
    return document


def akn_language(path: Path) -> str | None:
    """The language of the document's expression (``kir`` is ky, ``rus`` ru), if it says."""
    found = _tree(path).find(f"{AKN}meta/{AKN}identification/{AKN}FRBRExpression/{AKN}FRBRlanguage")
    return _LANGUAGES.get(found.get("language", "")) if found is not None else None


def akn_text(path: Path, language: str) -> str:
    """The act as the official database prints it in ``language``, one paragraph a line."""
    document = _tree(path)
    return "\n".join(_header(document, language)) + "\n" + "\n".join(_body(document, language)) + "\n"


def akn_words(path: Path) -> str:
    """Every text node of the preface, preamble and body, in document order: the second reading
    the word-for-word check compares the imported files with."""
    document = _tree(path)
    pieces = []
    for name in ("preface", "preamble", "body"):
        element = document.find(f"{AKN}{name}")
        if element is not None:
            pieces.append(" ".join(element.itertext()))
    return "\n".join(pieces)


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _header(document: Any, language: str) -> Iterator[str]:
    """The number and date (from FRBR), the long title, the preamble's paragraphs."""
    work = document.find(f"{AKN}meta/{AKN}identification/{AKN}FRBRWork")
    number = work.find(f"{AKN}FRBRnumber") if work is not None else None
    day = work.find(f"{AKN}FRBRdate") if work is not None else None
    if number is not None and day is not None:
        import datetime

        try:
            adopted = datetime.date.fromisoformat(day.get("date", ""))
        except ValueError:
            adopted = None
        if adopted is not None:
            said = wording.date(language, adopted)
            yield (f"от {said}" if language == "ru" else said) + f" № {number.get('value', '')}"
    title = document.find(f"{AKN}preface/{AKN}longTitle")
    if title is not None:
        yield _text(title)
    for paragraph in document.iterfind(f"{AKN}preamble//{AKN}p"):
        yield _text(paragraph)


_NUMBER = re.compile(r"\d+(?:-\d+)*")
_LETTER = re.compile(r"[а-яёңөү]", re.IGNORECASE)


def _label(element: Any, language: str) -> str:
    """The unit's number as the law prints it in ``language``."""
    num = element.find(f"{AKN}num")
    said = _text(num) if num is not None else ""
    kind = element.tag.removeprefix(AKN)
    found = _NUMBER.search(said)
    if kind in ("article", "chapter"):
        number = found.group() if found else said.strip(". ")
        labels = {"article": wording.article_label, "chapter": wording.chapter_label}
        return labels[kind](language, number) + "."
    if kind == "part":  # a Code's section, numbered in Roman numerals (or Arabic)
        roman = re.search(r"\b[IVXLC]+\b", said)
        value = from_roman(roman.group()) if roman else int(found.group().split("-")[0]) if found else None
        return wording.section_label(language, LegalNumber.of(value) if value else None) + "."
    if kind == "paragraph":
        return f"{found.group()}." if found else said
    letter = _LETTER.search(said)
    if kind == "point" and found is None and letter is not None:
        return f"{letter.group()})"
    return f"{found.group()})" if found else said


def _body(document: Any, language: str) -> Iterator[str]:
    body = document.find(f"{AKN}body")
    if body is not None:
        yield from _children(body, language)


def _children(element: Any, language: str) -> Iterator[str]:
    for child in element:
        yield from _unit(child, language)


def _unit(element: Any, language: str) -> Iterator[str]:
    tag = element.tag.removeprefix(AKN) if isinstance(element.tag, str) else ""
    if tag in ("part", "chapter", "article"):
        heading = element.find(f"{AKN}heading")
        yield " ".join(filter(None, (_label(element, language), _text(heading) if heading is not None else "")))
        yield from _children(element, language)
    elif tag in ("paragraph", "point"):
        lines = list(_inside(element, language))
        label = _label(element, language)
        yield " ".join(filter(None, (label, lines[0] if lines else "")))
        yield from lines[1:]
    elif tag == "hcontainer" and element.get("name") == "notes":
        yield from _inside(element, language)
    elif tag in ("list", "intro", "wrapUp", "content", "hcontainer"):
        yield from _inside(element, language)
    elif tag == "p" and element.get("class") == "repealed":  # as the database prints a repealed unit
        yield f"({_text(element)})"
    elif tag == "p":
        yield _text(element)


def _inside(element: Any, language: str) -> Iterator[str]:
    for child in element:
        if child.tag in _SKIPPED:
            continue
        yield from _unit(child, language)
