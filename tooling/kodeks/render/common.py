"""What every renderer shares: anchors, reference targets, headings, revision lines."""

from __future__ import annotations

import itertools
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .. import wording
from ..consolidation import printed_provision
from ..marks import (
    article_anchor,
    chapter_anchor,
    heading_of,
    section_anchor,
    unit_anchor,
    unit_anchor_of,
    units_in_order,
)
from ..model import (
    ALL_LANGUAGES,
    Act,
    Article,
    ArticleText,
    Chapter,
    Code,
    Paragraph,
    PrintedParagraph,
    ReferenceTarget,
    Section,
    SourceProvision,
    TargetKind,
    Text,
)
from . import Edition

T = TypeVar("T")


def reference_href(edition: Edition, target: ReferenceTarget, language: str) -> str | None:
    """Where a reference leads: an anchor in the document, an act's URL, or nowhere. A reference
    to an абзац leads to the unit that holds it."""
    code = edition.code
    if target.kind is TargetKind.ACT:
        act = code.acts.get(target.id)
        return external_href(act.url) if act and act.url and not act.url.startswith("mailto:") else None
    if target.kind is TargetKind.CHAPTER:
        return f"#{chapter_anchor(target.id)}" if code.find_chapter(target.id) else None
    if target.kind is TargetKind.SECTION:
        return f"#{section_anchor(target.id)}" if code.find_section(target.id) else None
    if target.id not in code.articles:
        return None
    if target.part is None and target.point is None:
        return f"#{article_anchor(target.id)}"
    return f"#{unit_anchor(language, target.id, target.part, target.point, target.subpoint)}"


def external_href(href: str) -> str | None:
    """Links outside the Code keep their target only when it is a web or mail address, with
    spaces, line breaks, quotes and angle brackets percent-encoded so no output format can be
    broken out of."""
    if not href.startswith(("https://", "http://", "mailto:")):
        return None
    return urllib.parse.quote(href, safe="!#$%&'()*+,/:;=?@[]~")


def revision_line(edition: Edition, language: str) -> str:
    """«Редакция: 1a2b3c4d, 2026-11-28» or the working-tree notice; for the text in force on a
    date, that date and the laws that amended it («По состоянию на 15 марта 2027 года, в
    редакции Законов КР от 1 марта 2027 года № 12, 24 июня 2027 года № 13»)."""
    if edition.as_of is not None:
        laws = [(law.number, law.adopted) for law in edition.as_of.laws]
        return wording.as_of_line(language, edition.as_of.day, laws)
    revision = edition.revision
    if revision is None:
        return f"{wording.word('revision', language)}: {wording.word('working-tree', language)}"
    return f"{wording.word('revision', language)}: {revision.hexsha[:12]}, {wording.date(language, revision.committed.date())}"


def source_text(source: SourceProvision, acts: Mapping[str, Act], language: str) -> str:
    """«Закон … «О местном самоуправлении», ст. 31, ч. 1»."""
    act = acts.get(source.target.id)
    title = act.title.get(language, source.target.id) if act else source.target.id
    return f"{title}, {wording.provision(language, source.target)}"


@dataclass(frozen=True, slots=True)
class TocEntry:
    level: int
    """1 section, 2 chapter, 3 article."""
    anchor: str
    texts: dict[str, str]
    """Heading per language."""


def walk(edition: Edition) -> Iterator[Section | Chapter | Article]:
    """Sections, chapters and articles in legal order, each followed by what it holds."""
    return units_in_order(edition.code)


def unit_heading(edition: Edition, unit: Section | Chapter | Article, language: str) -> str:
    return heading_of(edition.numbering, unit, language)


def contents(edition: Edition, languages: tuple[str, ...]) -> Iterator[TocEntry]:
    """The table of contents in legal order: sections, chapters, articles."""
    levels = {Section: 1, Chapter: 2, Article: 3}
    for unit in walk(edition):
        texts = {language: unit_heading(edition, unit, language) for language in languages}
        yield TocEntry(levels[type(unit)], unit_anchor_of(unit), texts)


@dataclass(frozen=True, slots=True)
class Review:
    """What ``--review`` adds to an article, in one language: every format writes these."""

    status: str
    """The working group's badge: «согласована», «талаштуу»."""
    sources_label: str
    sources: tuple[str, ...]
    notes_label: str
    notes: str | None
    absorbed: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Each source whose act is kept as text, with the provision's lines as that act prints
    them (in this language when the act has it), so old and new read side by side."""


def review_of(edition: Edition, article: Article, language: str) -> Review:
    sources = tuple(source_text(source, edition.code.acts, language) for source in article.sources)
    absorbed = tuple(
        (label, lines)
        for label, source in zip(sources, article.sources, strict=True)
        if (lines := provision_lines(edition.code, source.target, language))
    )
    return Review(
        wording.status_name(article.status, language),
        wording.word("sources", language),
        sources,
        wording.word("notes", language),
        article.notes.get(language, article.notes.get(ALL_LANGUAGES)),
        absorbed,
    )


def provision_lines(code: Code, target: ReferenceTarget, language: str) -> tuple[str, ...]:
    """The printed lines of a provision of an act kept as text; empty when it is not."""
    cited = code.cited_article(target)
    return printed_provision(cited, target, language) if cited is not None else ()


@dataclass(frozen=True, slots=True)
class HistoryNotes:
    """The history notes of one article in one language, as the official database prints them."""

    under: dict[int, list[str]]
    """Each note by the index of the printed line it stands under (-1: under the heading)."""
    repealed: dict[int, str]
    """A repealed unit's line: the note stands in place of its words, «3. (Утратила силу в
    соответствии с Законом КР от …)»."""

    def line(self, index: int, paragraph: Paragraph | None) -> Paragraph | None:
        """The paragraph printed on line ``index``: a repealed unit's note in place of its words."""
        note = self.repealed.get(index)
        if note is None or paragraph is None:
            return paragraph
        return Paragraph((Text(note),), paragraph.location)


def history_notes(edition: Edition, text: ArticleText | None, article_id: str, language: str) -> HistoryNotes:
    """The history notes of an article's units in ``language``; a repealed article's (``text``
    None) stand under its heading."""
    if not edition.history:
        return HistoryNotes({}, {})
    from ..editions import notes_after

    if text is None:
        laws = edition.history.get((article_id, "", language), ())
        if not laws:
            return HistoryNotes({}, {})
        last = laws[-1]
        return HistoryNotes({-1: [wording.repeal_history_note(language, "article", last.number, last.adopted)]}, {})
    under: dict[int, list[str]] = {}
    repealed: dict[int, str] = {}
    lines = list(text.printed())
    for index, records in notes_after(text, article_id, edition.history).items():
        line = lines[index] if index >= 0 else None
        if line is not None and line.paragraph is not None and wording.is_repeal_note(line.paragraph.plain_text):
            kind = "subpoint" if line.subpoint else "point" if line.point else "part" if line.part else "paragraph"
            if line.label == "" and kind != "paragraph":
                kind = "paragraph"  # an абзац of the unit
            last = records[-1]
            repealed[index] = wording.repeal_history_note(language, kind, last.number, last.adopted)
            continue
        under[index] = [wording.history_note(language, [(r.number, r.adopted) for r in records])]
    return HistoryNotes(under, repealed)


def starts_row(line: PrintedParagraph, previous: PrintedParagraph | None) -> bool:
    """Parallel text stands unit beside unit, not article beside article, so that in a long
    article the two languages do not drift pages apart: a part starts a row, and so, in an
    article without parts, does each point and each абзац of its own; the notes are one row."""
    if previous is None:
        return True
    if line.notes is not None:
        return previous.notes is None
    if line.part is not None:
        return line.part is not previous.part
    if line.point is not None:
        return line.point is not previous.point
    return line.subpoint is None


def aligned(cells: Sequence[Sequence[T]], empty: T) -> list[list[T]]:
    """Rows of parallel text from each language's cells: the n-th cells side by side (the
    languages have the same units; where one has fewer, its cell is empty)."""
    return [list(row) for row in itertools.zip_longest(*cells, fillvalue=empty)]
