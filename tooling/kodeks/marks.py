"""How kodeks marks what it writes so it can find it again: the anchor of every unit, the key of
every printed paragraph and heading, and the Word bookmark a key becomes. The renderers write
these marks; ``review`` reads a reviewer's copy back through the same contract, never through
a renderer.

A key is ASCII (Word bookmarks take no Cyrillic) and carries the language, so both columns of
a parallel text have their own.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from . import wording
from .model import (
    SUBPOINT_LETTERS,
    Article,
    ArticleText,
    Chapter,
    Code,
    LegalNumber,
    Numbering,
    PrintedParagraph,
    ReferenceTarget,
    Section,
    StructureEntry,
    TargetKind,
)

UNDATED = datetime(2000, 1, 1, tzinfo=UTC)
"""The date of a document built from the working tree, which has no commit date."""


def section_anchor(section_id: str) -> str:
    return f"sec-{section_id}"


def chapter_anchor(chapter_id: str) -> str:
    return f"ch-{chapter_id}"


def article_anchor(article_id: str) -> str:
    return f"art-{article_id}"


def unit_anchor(
    language: str,
    article_id: str,
    part: LegalNumber | None,
    point: LegalNumber | None = None,
    subpoint: str | None = None,
) -> str:
    """Anchor of a part, point or subpoint: stable ids for articles, the legal numbers inside them.

    Carries the language, so that both columns of a parallel text have their own targets.
    """
    return f"{language}-{unit_key(article_id, part, point, subpoint)}"


def unit_key(
    article_id: str, part: LegalNumber | None, point: LegalNumber | None = None, subpoint: str | None = None
) -> str:
    """A unit's anchor without its language: ``art-ID-p2-pt3``, the same unit in each text."""
    anchor = f"art-{article_id}"
    if part is not None:
        anchor += f"-p{part}"
    if point is not None:
        anchor += f"-pt{point}"
    if subpoint is not None:
        anchor += f"-sp{SUBPOINT_LETTERS.index(subpoint) + 1}"  # ASCII: Word bookmarks take no Cyrillic
    return anchor


def site_page(target: ReferenceTarget, language: str, key: str = "") -> str:
    """Where ``kodeks site`` publishes a unit, from the site's top: a Code article on its page in
    ``language`` (``ky/art/ID.html``), an act's article on the act's page (``act/ID.html#a-17``);
    at the paragraph ``key`` (a ``marked_lines`` key) when one is given."""
    if target.kind is TargetKind.ACT:
        anchor = key or (f"a-{target.article}" if target.article is not None else "")
        return f"act/{target.id}.html" + (f"#{anchor}" if anchor else "")
    return f"{language}/art/{target.id}.html" + (f"#{key}" if key else "")


def unit_anchor_of(unit: Section | Chapter | Article) -> str:
    if isinstance(unit, Section):
        return section_anchor(unit.id)
    if isinstance(unit, Chapter):
        return chapter_anchor(unit.id)
    return article_anchor(unit.id)


def printed_anchor(language: str, article_id: str, line: PrintedParagraph) -> str:
    """The anchor of the unit a printed paragraph opens; empty for other paragraphs."""
    if not line.label or line.notes is not None:
        return ""
    part = line.part.number if line.part else None
    point = line.point.number if line.point else None
    return unit_anchor(language, article_id, part, point, line.subpoint.label if line.subpoint else None)


@dataclass(frozen=True, slots=True)
class MarkedLine:
    """A printed paragraph with the key a document marks it by (a Word bookmark) and the unit
    a reviewer's comment on it is about."""

    key: str
    line: PrintedParagraph
    unit: ReferenceTarget


def marked_lines(language: str, article_id: str, text: ArticleText) -> Iterator[MarkedLine]:
    """Every printed paragraph of an article, each with its own key: the unit's anchor for the
    paragraph that opens it, ``…-aN`` for its further абзацы, ``…-nN`` for the notes."""
    counts: Counter[tuple[object, ...]] = Counter()
    notes = 0
    for line in text.printed():
        part = line.part.number if line.part else None
        point = line.point.number if line.point else None
        subpoint = line.subpoint.label if line.subpoint else None
        unit = ReferenceTarget(TargetKind.ARTICLE, article_id, part, point, subpoint)
        if line.notes is not None:
            notes += 1
            yield MarkedLine(
                f"{language}-art-{article_id}-n{notes}", line, ReferenceTarget(TargetKind.ARTICLE, article_id)
            )
            continue
        if line.paragraph is not None:
            counts[(part, point, subpoint)] += 1
        ordinal = counts[(part, point, subpoint)]
        anchor = unit_anchor(language, article_id, part, point, subpoint)
        if line.label:
            yield MarkedLine(anchor, line, unit)
        else:
            yield MarkedLine(f"{anchor}-a{ordinal}", line, replace(unit, paragraph=ordinal))


def heading_key(language: str, unit: Section | Chapter | Article) -> str:
    """The key of a heading in one language: a comment on it is about the section, chapter or
    article."""
    return f"{language}-{unit_anchor_of(unit)}"


def bookmark_name(key: str) -> str:
    """A Word bookmark name for an anchor or paragraph key: a hash, because Word allows 40
    characters of letters, digits and ``_``; the leading ``_`` hides it from the reader, as
    Word's own ``_Toc`` bookmarks are. ``kodeks review import`` finds a paragraph's unit by
    hashing every key of the revision the document was built from."""
    return "_k" + hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def units_in_order(code: Code) -> Iterator[Section | Chapter | Article]:
    """Sections, chapters and articles in legal order, each followed by what it holds."""

    def chapter_units(chapter: Chapter) -> Iterator[Chapter | Article]:
        yield chapter
        yield from articles(chapter.articles)

    def articles(entries: Iterable[StructureEntry]) -> Iterator[Article]:
        for entry in entries:
            article = code.articles.get(entry.id)
            if article is not None:
                yield article

    yield from articles(code.leading)
    if not code.sections:
        for chapter in code.top_chapters:
            yield from chapter_units(chapter)
    for section in code.sections:
        yield section
        yield from articles(section.articles)
        for chapter in section.chapters:
            yield from chapter_units(chapter)


def heading_of(numbering: Numbering, unit: Section | Chapter | Article, language: str) -> str:
    """«Раздел I. …», «Глава 2. …», «Статья 12-1. …» / «12-1-берене. …», as the text is numbered."""
    if isinstance(unit, Section):
        label = wording.section_label(language, numbering.sections.get(unit.id))
    elif isinstance(unit, Chapter):
        label = wording.chapter_label(language, numbering.chapters.get(unit.id))
    else:
        label = wording.article_label(language, numbering.articles.get(unit.id, unit.number))
    return wording.heading(label, unit.title.get(language, ""))
