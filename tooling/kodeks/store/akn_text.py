"""An act as another system exports it in Akoma Ntoso 3.0, read as the official database prints
its text, one paragraph a line, for ``kodeks import``.

What the law prints is read: the FRBR number and date (the header the text reader takes them
from), the long title or the preface's paragraphs, the preamble, and the body: sections,
chapters, articles, parts, lists of points and subpoints with the абзацы around them, notes.
A unit's number is written as the law prints one in its language («Статья 5.», «5-берене.»,
«2.», «1)», «а)»), whatever the exporting system put in ``<num>``.

Nothing is dropped without a word: an element this reader does not know that holds text (a
table, a block list, a signature block, an annex, a second document) stops the import and is
named, as a table in a Word file does; so does a paragraph that would read as a unit of its own
(«Статья 8. …» inside another article's text) and a number kodeks cannot write as the law's
(«5.1»). The XML is read within the limits of a law's text, without a DTD, entities or network.
The word-for-word check reads every text node of the document on its own (:func:`akn_words`).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import wording
from ..messages import msg
from ..model import LegalNumber, from_roman
from ..parse.statute import Statute, StatuteArticle, reads_as_structure
from .document import MAX_ELEMENTS, MAX_INPUT, InputError, check_size, limit_paragraphs, xml_parser

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
_LANGUAGES = {"kir": "ky", "rus": "ru", "ky": "ky", "ru": "ru"}
_DOCUMENTS = {f"{AKN}{name}" for name in ("act", "bill", "doc")}
_READ = {f"{AKN}{name}" for name in ("meta", "preface", "preamble", "body")}
_UNITS = {f"{AKN}{name}" for name in ("part", "chapter", "article", "paragraph", "point")}
_HOLDERS = {f"{AKN}{name}" for name in ("list", "intro", "wrapUp", "content", "hcontainer", "body")}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def is_akn(path: Path) -> bool:
    """A file named as XML (``.xml``, ``.akn``): read as Akoma Ntoso."""
    return path.suffix.lower() in (".xml", ".akn")


def _refused(path: Path, element: Any, what: str) -> InputError:
    return InputError(
        msg(
            "{path}:{line}: <{element}> holds text kodeks does not read ({what}); "
            "make it running text, or import the plain text",
            path=str(path),
            line=str(element.sourceline or 1),
            element=str(element.tag).removeprefix(AKN),
            what=what,
        )
    )


def _tree(path: Path) -> Any:
    from lxml import etree

    check_size(path)
    with path.open("rb") as file:
        data = file.read(MAX_INPUT + 1)
    if len(data) > MAX_INPUT:
        raise InputError(msg("{path}: more than {limit} bytes", path=str(path), limit=format(MAX_INPUT, ",")))
    if data.count(b"<") > MAX_ELEMENTS:
        raise InputError(msg("{path}: more XML elements than a law holds", path=str(path)))
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as error:
        raise InputError(msg("{path}: not well-formed XML ({error})", path=str(path), error=str(error))) from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:  # in any encoding, UTF-16 too
        raise InputError(msg("{path}: the XML declares a DTD; an Akoma Ntoso document needs none", path=str(path)))
    documents = [child for child in root if child.tag in _DOCUMENTS]
    if root.tag != f"{AKN}akomaNtoso" or not documents:
        raise InputError(msg("{path}: not an Akoma Ntoso 3.0 act (no <akomaNtoso><act>)", path=str(path)))
    for child in root:  # a second document, components: one act is imported
        if child is not documents[0] and isinstance(child.tag, str) and _words_in(child):
            raise _refused(path, child, msg("one act is imported at a time").said())
    document = documents[0]
    for child in document:
        if isinstance(child.tag, str) and child.tag not in _READ and _words_in(child):
            raise _refused(path, child, msg("only the preface, preamble and body are read").said())
    limit_paragraphs(path, sum(1 for _ in document.iter(f"{AKN}p")))
    return document


def _words_in(element: Any) -> bool:
    return any(piece.strip() for piece in element.itertext())


def akn_language(path: Path) -> str | None:
    """The language of the document's expression (``kir`` is ky, ``rus`` ru), if it says."""
    found = _tree(path).find(f"{AKN}meta/{AKN}identification/{AKN}FRBRExpression/{AKN}FRBRlanguage")
    return _LANGUAGES.get(found.get("language", "")) if found is not None else None


def akn_text(path: Path, language: str) -> tuple[str, list[int]]:
    """The act as the official database prints it in ``language``, one paragraph a line, and
    for each line the line of the file it comes from."""
    document = _tree(path)
    lines = [*_header(document, language), *_Reader(path, language).body(document)]
    return "\n".join(line for line, _, _ in lines) + "\n", [element.sourceline or 1 for _, element, _ in lines]


def relocated(statute: Statute, lines: list[int]) -> Statute:
    """``statute`` read from :func:`akn_text`'s text, its units and problems at the file's lines."""

    def at(line: int) -> int:
        return lines[line - 1] if 0 < line <= len(lines) else 1

    for unit in statute.outline:
        unit.line = at(unit.line)
        for block in unit.blocks if isinstance(unit, StatuteArticle) else ():
            block.line = at(block.line)
    statute.problems = [
        dataclasses.replace(problem, location=dataclasses.replace(problem.location, line=at(problem.location.line)))
        for problem in statute.problems
    ]
    return statute


def akn_words(path: Path) -> str:
    """Every text node of the document but its metadata, in document order: the second reading
    the word-for-word check compares the imported files with."""
    document = _tree(path)
    return "\n".join(" ".join(child.itertext()) for child in document if child.tag != f"{AKN}meta")


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


_ACT_NUMBER = re.compile(r"[\w/.-]{1,30}")
"""An act's number as a register writes it («30», «123-VII», «12/1»): one word, no spaces."""


def _header(document: Any, language: str) -> Iterator[_Line]:
    """The number and date (from FRBR, when the number reads as one), the long title or the
    preface's paragraphs, the preamble's."""
    work = document.find(f"{AKN}meta/{AKN}identification/{AKN}FRBRWork")
    number = work.find(f"{AKN}FRBRnumber") if work is not None else None
    day = work.find(f"{AKN}FRBRdate") if work is not None else None
    value = number.get("value", "") if number is not None else ""
    if _ACT_NUMBER.fullmatch(value) and day is not None:  # never a line break into the text read
        try:
            adopted = datetime.date.fromisoformat(day.get("date", ""))
        except ValueError:
            adopted = None
        if adopted is not None:
            said = wording.date(language, adopted)
            yield (f"от {said}" if language == "ru" else said) + f" № {value}", number, False
    preface = document.find(f"{AKN}preface")
    if preface is not None:
        title = preface.find(f"{AKN}longTitle")
        shown = [title] if title is not None else list(preface.iter(f"{AKN}p"))
        yield from ((_text(element), element, False) for element in shown)
    for paragraph in document.iterfind(f"{AKN}preamble//{AKN}p"):
        yield _text(paragraph), paragraph, False


_Line = tuple[str, Any, bool]
"""A line of the text, the element it comes from (its line in the file), and whether it stands on
its own (a paragraph that must not read as a unit)."""


class _Reader:
    """The body, unit by unit, as lines of the official database's text."""

    def __init__(self, path: Path, language: str) -> None:
        self.path = path
        self.language = language

    def body(self, document: Any) -> Iterator[_Line]:
        body = document.find(f"{AKN}body")
        if body is not None:
            yield from self.alone(self.inside(body))

    def alone(self, lines: Iterator[_Line]) -> Iterator[_Line]:
        """Lines that stand on their own: a paragraph's must not read as a unit, a heading, a
        history note (a unit's first paragraph follows its number, and reads as its text)."""
        for line, element, standing in lines:
            if standing and reads_as_structure(line, self.language):
                raise _refused(self.path, element, msg("a paragraph that would read as a unit of its own").said())
            yield line, element, False

    def inside(self, element: Any, notes: bool = False) -> Iterator[_Line]:
        """The lines of what ``element`` holds; in ``notes``, «Примечание.» and numbered notes
        are what the lines are meant to read as."""
        if (element.text or "").strip():
            raise _refused(self.path, element, msg("text outside a paragraph").said())
        for child in element:
            if not isinstance(child.tag, str) or child.tag in (f"{AKN}num", f"{AKN}heading"):
                pass
            elif child.tag in _UNITS:
                yield from self.unit(child)
            elif child.tag in _HOLDERS:
                yield from self.inside(child, notes or child.get("name") == "notes")
            elif child.tag == f"{AKN}p":
                repealed = child.get("class") == "repealed"  # as the database prints a repealed unit
                yield (f"({_text(child)})" if repealed else _text(child)), child, not (notes or repealed)
            elif _words_in(child):
                raise _refused(self.path, child, msg("an element kodeks does not read").said())
            if (child.tail or "").strip():
                raise _refused(self.path, element, msg("text outside a paragraph").said())

    def unit(self, element: Any) -> Iterator[_Line]:
        label = self.label(element)
        lines = self.inside(element)
        if element.tag in (f"{AKN}part", f"{AKN}chapter", f"{AKN}article"):
            heading = element.find(f"{AKN}heading")
            yield " ".join(filter(None, (label, _text(heading) if heading is not None else ""))), element, False
            yield from self.alone(lines)
            return
        first = next(lines, None)
        yield " ".join(filter(None, (label, first[0] if first else ""))), first[1] if first else element, False
        yield from self.alone(lines)

    def label(self, element: Any) -> str:
        """The unit's number as the law prints it in this language."""
        kind = element.tag.removeprefix(AKN)
        num = element.find(f"{AKN}num")
        if num is None:
            return ""
        raised = num.find(f"{AKN}sup")  # «5<sup>1</sup>»: article 5¹, inserted
        said = " ".join(
            "".join([num.text or "", f"-{raised.text}" if raised is not None else "", raised.tail or ""]).split()
            if raised is not None
            else _text(num).split()
        )
        said = re.sub(r"(\d)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: f"{m.group(1)}-{m.group(2).translate(_SUPERSCRIPTS)}", said)
        numbers = re.findall(r"\d+(?:-\d+)*", said)
        roman = re.findall(r"\b[IVXLC]+\b", said)
        letters = re.findall(r"(?<!\w)[а-яёңөү](?!\w)", said, re.IGNORECASE)
        if len(numbers) > 1 or (not numbers and not roman and not letters) or (numbers and roman):
            raise _refused(self.path, num, msg("a number kodeks cannot write as the law's").said())
        if kind in ("part", "chapter") and roman:
            value = from_roman(roman[0])
            if value is None:
                raise _refused(self.path, num, msg("a number kodeks cannot write as the law's").said())
            number: str = str(value)
        else:
            number = numbers[0] if numbers else letters[0] if letters else ""
        if kind == "part":  # a Code's section
            return wording.section_label(self.language, LegalNumber.parse(number) if number.isdigit() else None) + "."
        if kind == "chapter":
            return wording.chapter_label(self.language, number) + "."
        if kind == "article":
            return wording.article_label(self.language, number) + "."
        if kind == "paragraph":
            return f"{number}." if numbers else said
        return f"{number})"
