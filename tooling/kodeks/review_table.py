"""The comment register checked against the Code: every comment names a unit that exists, ids
are unique, and an answer carries its reason.

A unit is named by its article's id, so renumbering articles never breaks the register; a
comment on a unit that was later removed or merged is reported with the place it had when the
comment was written, so the drafters can move it by hand.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from . import wording
from .diagnostics import Diagnostic
from .messages import Message, Param, msg
from .model import (
    ANSWERED,
    SUBPOINT_LETTERS,
    Code,
    Decision,
    LegalNumber,
    Numbering,
    ReferenceTarget,
    ReviewEntry,
    ReviewRound,
    TargetKind,
)
from .references import missing_unit
from .rules import rule


def register_problems(code: Code) -> Iterator[Diagnostic]:
    owners: dict[str, str] = {}
    for review_round in code.reviews:
        for entry in review_round.entries:
            if entry.id in owners:
                yield rule("V002").at(
                    entry.location,
                    msg("comment id `{id}` is already used in {file}", id=entry.id, file=owners[entry.id]),
                )
            else:
                owners[entry.id] = review_round.path
            missing = _missing(code, entry)
            if missing:
                about: dict[str, Param] = {"id": entry.id, "unit": str(entry.unit), "missing": missing}
                yield rule("V001").at(
                    entry.location,
                    msg(
                        "comment `{id}` is about `{unit}`, and {missing}: point `unit:` at the unit that now holds the text",
                        **about,
                    )
                    if not entry.place
                    else msg(
                        "comment `{id}` is about `{unit}`, and {missing} (it was {place} in {revision}): "
                        "point `unit:` at the unit that now holds the text",
                        **about,
                        place=entry.place,
                        revision=review_round.revision[:12],
                    )
                    if review_round.revision
                    else msg(
                        "comment `{id}` is about `{unit}`, and {missing} (it was {place}): "
                        "point `unit:` at the unit that now holds the text",
                        **about,
                        place=entry.place,
                    ),
                )
            if entry.decision in ANSWERED and not entry.reason:
                yield rule("V003").at(
                    entry.location,
                    msg(
                        "comment `{id}` is `{decision}` without a `reason:`: the table of comments "
                        "gives the drafters' answer to each one",
                        id=entry.id,
                        decision=entry.decision.value,
                    ),
                )


def unit_place(numbering: Numbering, unit: ReferenceTarget, language: str) -> str:
    """A unit as the law names it with today's numbers: «пункт 3 части 2 статьи 7», «глава 2»,
    «I бөлүм»."""
    if unit.kind is TargetKind.CHAPTER:
        label = wording.chapter_label(language, numbering.chapters.get(unit.id))
    elif unit.kind is TargetKind.SECTION:
        label = wording.section_label(language, numbering.sections.get(unit.id))
    else:
        return wording.unit_place(language, numbering.articles.get(unit.id), unit)
    return label[:1].lower() + label[1:] if language == "ru" else label


def _missing(code: Code, entry: ReviewEntry) -> Message | None:
    if entry.unit.kind is TargetKind.CHAPTER:
        return None if code.find_chapter(entry.unit.id) else msg("the Code has no chapter `{id}`", id=entry.unit.id)
    if entry.unit.kind is TargetKind.SECTION:
        return None if code.find_section(entry.unit.id) else msg("the Code has no section `{id}`", id=entry.unit.id)
    article = code.articles.get(entry.unit.id)
    if article is None:
        return msg("the Code has no article `{id}`", id=entry.unit.id)
    language = entry.language if entry.language in article.texts else next(iter(article.texts), None)
    if language is None or not entry.unit.locator:
        return None
    missing = missing_unit(article, language, entry.unit)
    return msg("the article has no {missing}", missing=missing) if missing else None


@dataclass(frozen=True, slots=True)
class TableRow:
    entry: ReviewEntry
    places: Mapping[str, str]
    """The unit as the law names it today, per language."""


@dataclass(frozen=True, slots=True)
class UnitGroup:
    """The comments on one article (or on a chapter's or section's heading)."""

    unit: ReferenceTarget | None
    """The article, chapter or section; None for comments on units the Code no longer has."""
    headings: Mapping[str, str]
    rows: tuple[TableRow, ...]


@dataclass(frozen=True, slots=True)
class ReviewTable:
    rounds: tuple[ReviewRound, ...]
    groups: tuple[UnitGroup, ...]
    totals: tuple[tuple[Decision, int], ...]
    """Every decision with its count, in the order of :class:`Decision`."""


def review_table(code: Code, round_ids: Sequence[str] = ()) -> ReviewTable:
    """The register as the table of comments: grouped by article in legal order (a section's or
    chapter's own comments before its first article), units in legal order inside an article,
    numbered through."""
    rounds = tuple(r for r in code.reviews if not round_ids or r.id in round_ids)
    numbering = code.numbering()
    order = {article.id: index for index, article in enumerate(code.ordered_articles())}
    first: dict[tuple[TargetKind, str], int] = {}
    for section in code.sections:
        listed = (*section.articles, *(entry for chapter in section.chapters for entry in chapter.articles))
        ids = [entry.id for entry in listed if entry.id in order]
        first[(TargetKind.SECTION, section.id)] = min((order[i] for i in ids), default=len(order))
    for chapter in code.chapters:
        ids = [entry.id for entry in chapter.articles if entry.id in order]
        first[(TargetKind.CHAPTER, chapter.id)] = min((order[i] for i in ids), default=len(order))

    def group_of(entry: ReviewEntry) -> ReferenceTarget | None:
        whole = ReferenceTarget(entry.unit.kind, entry.unit.id)
        known = entry.unit.id in order if entry.unit.kind is TargetKind.ARTICLE else (whole.kind, whole.id) in first
        return whole if known else None

    def position(entry: ReviewEntry) -> tuple[object, ...]:
        group = group_of(entry)
        if group is None:
            return (len(order) + 1, 0, ())
        if group.kind is TargetKind.ARTICLE:
            return (order[group.id], 2, _unit_order(entry.unit))
        return (first[(group.kind, group.id)], 0 if group.kind is TargetKind.SECTION else 1, ())

    entries = sorted((e for r in rounds for e in r.entries), key=position)
    groups: list[UnitGroup] = []
    for group, members in itertools.groupby(entries, key=group_of):
        headings = {language: _heading(code, numbering, group, language) for language in code.languages}
        rows = []
        for entry in members:
            places = {
                language: unit_place(numbering, entry.unit, language) if group else entry.place or str(entry.unit)
                for language in code.languages
            }
            rows.append(TableRow(entry, places))
        groups.append(UnitGroup(group, headings, tuple(rows)))
    counts = Counter(entry.decision for entry in entries)
    return ReviewTable(rounds, tuple(groups), tuple((decision, counts[decision]) for decision in Decision))


def _heading(code: Code, numbering: Numbering, unit: ReferenceTarget | None, language: str) -> str:
    if unit is None:
        return "—"
    if unit.kind is TargetKind.SECTION:
        section = code.find_section(unit.id)
        title = section.title.get(language, "") if section else ""
        return wording.heading(wording.section_label(language, numbering.sections.get(unit.id)), title)
    if unit.kind is TargetKind.CHAPTER:
        chapter = code.find_chapter(unit.id)
        title = chapter.title.get(language, "") if chapter else ""
        return wording.heading(wording.chapter_label(language, numbering.chapters.get(unit.id)), title)
    article = code.articles[unit.id]
    number = numbering.articles.get(unit.id, article.number)
    return wording.heading(wording.article_label(language, number), article.title.get(language, ""))


def _unit_order(unit: ReferenceTarget) -> tuple[object, ...]:
    def number(value: LegalNumber | None) -> tuple[int, ...]:
        return value.components if value is not None else ()

    letter = SUBPOINT_LETTERS.find(unit.subpoint) if unit.subpoint else -1
    return (number(unit.part), number(unit.point), letter, unit.paragraph or 0)
