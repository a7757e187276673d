"""A reviewer's copy of a Word document kodeks built: its paragraphs as the reviewer left them,
their tracked changes, the comments and where they stand.

The file comes from outside and is read as untrusted: the package is checked before anything
is unpacked (``document.open_package``), its XML parsed by lxml without DTDs, entities or
network, with lxml's limits on tree size in place; nothing in it is executed. Word and
LibreOffice write the same things differently (runs split anywhere, comment ranges or only a
reference, bookmarks moved out of a paragraph, moves as ``w:moveFrom``/``w:moveTo``); this
reader gives one shape for both.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..messages import msg, plural
from .document import MAX_PARAGRAPHS, InputError, check_size, open_package, read_xml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
REVISION_PROPERTY = "kodeks-revision"


@dataclass(frozen=True, slots=True)
class Change:
    """Who made a tracked change, and when (``w:ins``, ``w:del`` and moves)."""

    author: str
    date: str

    @property
    def day(self) -> datetime.date | None:
        """The day of the change, when the file gives a valid one."""
        return _date(self.date)


@dataclass(slots=True)
class Piece:
    """Text of a paragraph: plain, or inside a tracked insertion or deletion."""

    text: str
    inserted: Change | None = None
    deleted: Change | None = None


@dataclass(slots=True)
class ReviewedParagraph:
    index: int
    marks: list[str] = field(default_factory=list)
    """Names of the bookmarks that start in it (or just before it, where Word moved them)."""
    pieces: list[Piece] = field(default_factory=list)
    mark_inserted: Change | None = None
    """The paragraph mark itself is a tracked insertion: the reviewer pressed Enter here."""
    mark_deleted: Change | None = None
    in_table: bool = False

    @property
    def untouched(self) -> bool:
        """No tracked change in it, its mark included."""
        return (
            self.mark_inserted is None
            and self.mark_deleted is None
            and all(piece.inserted is None and piece.deleted is None for piece in self.pieces)
        )

    def text(self, keep: Any) -> str:
        """The paragraph with each change taken or not: ``keep(piece)`` says which pieces stand."""
        return "".join(piece.text for piece in self.pieces if keep(piece))


@dataclass(frozen=True, slots=True)
class Comment:
    id: str
    author: str
    date: datetime.date | None
    text: str
    paragraph: int | None
    """Where its range starts (or its reference stands); None for a comment anchored nowhere."""
    quote: str
    """The words it was written on."""


@dataclass(frozen=True, slots=True)
class ReviewedDocument:
    paragraphs: list[ReviewedParagraph]
    comments: list[Comment]
    revision: str
    """The commit the document was built from ("" for a build of an uncommitted working tree)."""
    last_modified_by: str


def read_reviewed(path: Path) -> ReviewedDocument:
    check_size(path)
    with open_package(path) as package:
        document = read_xml(package, "word/document.xml", path)
        comments_xml = read_xml(package, "word/comments.xml", path)
        custom = read_xml(package, "docProps/custom.xml", path)
        core = read_xml(package, "docProps/core.xml", path)
    body = document.find(f"{W}body")
    if body is None:
        raise InputError(msg("{path}: not a Word document (no body)", path=str(path)))
    count = sum(1 for _ in body.iter(f"{W}p"))
    if count > MAX_PARAGRAPHS:
        raise InputError(
            plural(
                "{path}: {number} paragraph, more than a Code's copy holds (read up to {limit})",
                "{path}: {number} paragraphs, more than a Code's copy holds (read up to {limit})",
                count,
                path=str(path),
                number=format(count, ","),
                limit=format(MAX_PARAGRAPHS, ","),
            )
        )
    paragraphs, ranges = _paragraphs(body)
    comments = []
    for element in comments_xml.iter(f"{W}comment") if comments_xml is not None else ():
        comment_id = element.get(f"{W}id", "")
        text = "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in element.iter(f"{W}p")).strip()
        where, quote = ranges.get(comment_id, (None, ""))
        comments.append(
            Comment(
                comment_id, element.get(f"{W}author", ""), _date(element.get(f"{W}date")), text, where, quote.strip()
            )
        )
    revision = ""
    for prop in custom.iter(f"{_CUSTOM}property") if custom is not None else ():
        if prop.get("name") == REVISION_PROPERTY:
            revision = "".join(prop.itertext()).strip()
    if not revision and core is not None:
        revision = (core.findtext(f"{_DC}identifier") or "").strip()
    modified_by = (core.findtext(f"{_CP}lastModifiedBy") or "").strip() if core is not None else ""
    return ReviewedDocument(paragraphs, comments, revision, modified_by)


def _date(value: str | None) -> datetime.date | None:
    """A comment's date; LibreOffice writes ``0-00-00T00:00:00Z`` for a comment without one."""
    try:
        return datetime.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _change(element: Any) -> Change:
    return Change(element.get(f"{W}author", ""), element.get(f"{W}date", ""))


_INSERTS = (f"{W}ins", f"{W}moveTo")
_DELETES = (f"{W}del", f"{W}moveFrom")
_TEXTS: dict[str, str] = {
    f"{W}t": "",
    f"{W}delText": "",
    f"{W}tab": "\t",
    f"{W}br": "\n",
    f"{W}cr": "\n",
    f"{W}noBreakHyphen": "-",
}
_P = f"{W}p"
_PPR = f"{W}pPr"
_FIELD = f"{W}fldChar"
_BOOKMARK = f"{W}bookmarkStart"
_RANGE_START, _RANGE_END, _REFERENCE = f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}commentReference"


def _paragraphs(body: Any) -> tuple[list[ReviewedParagraph], dict[str, tuple[int, str]]]:
    """Every paragraph in reading order (table cells included), and for each comment the
    paragraph its range starts in and the words it covers.

    One pass over the elements that matter, in document order (lxml filters them in C); the
    few tracked changes are looked up first, so a text knows whether it is inserted or deleted
    without climbing its ancestors."""
    changed: dict[Any, tuple[Change | None, Change | None]] = {}
    for kind in (*_INSERTS, *_DELETES):
        for change in body.iter(kind):
            if change.getparent().tag == f"{W}rPr":
                continue  # a paragraph mark's change: read with its paragraph
            for text in change.iter(*_TEXTS):
                inserted, deleted = changed.get(text, (None, None))
                if kind in _INSERTS:
                    inserted = _change(change)
                else:
                    deleted = _change(change)
                changed[text] = (inserted, deleted)
    paragraphs: list[ReviewedParagraph] = []
    ranges: dict[str, tuple[int, str]] = {}
    open_ranges: dict[str, list[str]] = {}
    pending_marks: list[str] = []
    paragraph: ReviewedParagraph | None = None
    element_of_paragraph: Any = None
    in_field = False
    for element in body.iter(_P, _BOOKMARK, _RANGE_START, _RANGE_END, _REFERENCE, _FIELD, *_TEXTS):
        tag = element.tag
        if tag == _P:
            paragraph = ReviewedParagraph(len(paragraphs), marks=pending_marks[:], in_table=_in_table(element))
            pending_marks.clear()
            element_of_paragraph, in_field = element, False
            mark = element.find(f"{_PPR}/{W}rPr")
            if mark is not None:
                inserted, deleted = mark.find(f"{W}ins"), mark.find(f"{W}del")
                paragraph.mark_inserted = _change(inserted) if inserted is not None else None
                paragraph.mark_deleted = _change(deleted) if deleted is not None else None
            paragraphs.append(paragraph)
        elif tag == _BOOKMARK:
            inside = paragraph is not None and _within(element, element_of_paragraph)
            (paragraph.marks if inside and paragraph is not None else pending_marks).append(element.get(f"{W}name", ""))
        elif tag == _RANGE_START or tag == _REFERENCE:
            comment_id = element.get(f"{W}id", "")
            if comment_id not in ranges and paragraph is not None:
                ranges[comment_id] = (paragraph.index, "")
            if tag == _RANGE_START:
                open_ranges.setdefault(comment_id, [])
        elif tag == _RANGE_END:
            comment_id = element.get(f"{W}id", "")
            words = open_ranges.pop(comment_id, [])
            if comment_id in ranges:
                ranges[comment_id] = (ranges[comment_id][0], "".join(words))
        elif tag == _FIELD:
            kind = element.get(f"{W}fldCharType")
            in_field = kind == "begin" or (in_field and kind != "separate" and kind != "end")
        elif paragraph is not None and not in_field:
            text = _TEXTS[tag] or element.text or ""
            inserted, deleted = changed.get(element, (None, None))
            paragraph.pieces.append(Piece(text, inserted, deleted))
            if deleted is None:
                for words in open_ranges.values():
                    words.append(text)
    return paragraphs, ranges


def _within(element: Any, paragraph: Any) -> bool:
    """Whether ``element`` stands inside ``paragraph`` (Word also writes bookmarks between paragraphs)."""
    parent = element.getparent()
    while parent is not None and parent.tag != _P:
        parent = parent.getparent()
    return parent is paragraph


def _in_table(paragraph: Any) -> bool:
    parent = paragraph.getparent()
    while parent is not None:
        if parent.tag == f"{W}tc":
            return True
        parent = parent.getparent()
    return False
