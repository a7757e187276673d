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
from .model import (
    ANSWERED,
    SUBPOINT_LETTERS,
    Article,
    Code,
    Decision,
    LegalNumber,
    ReferenceTarget,
    ReviewEntry,
    ReviewRound,
)
from .references import missing_unit
from .rules import rule


def register_problems(code: Code) -> Iterator[Diagnostic]:
    owners: dict[str, str] = {}
    for review_round in code.reviews:
        for entry in review_round.entries:
            if entry.id in owners:
                yield rule("V002").at(entry.location, f"comment id `{entry.id}` is already used in {owners[entry.id]}")
            else:
                owners[entry.id] = review_round.path
            missing = _missing(code, entry)
            if missing:
                was = f" (it was {entry.place}" + (
                    f" in {review_round.revision[:12]})" if review_round.revision else ")"
                )
                yield rule("V001").at(
                    entry.location,
                    f"comment `{entry.id}` is about `{entry.unit}`, and {missing}{was if entry.place else ''}: "
                    "point `unit:` at the unit that now holds the text",
                )
            if entry.decision in ANSWERED and not entry.reason:
                yield rule("V003").at(
                    entry.location,
                    f"comment `{entry.id}` is `{entry.decision.value}` without a `reason:`: the table of comments "
                    "gives the drafters' answer to each one",
                )


def _missing(code: Code, entry: ReviewEntry) -> str | None:
    article = code.articles.get(entry.unit.id)
    if article is None:
        return f"the Code has no article `{entry.unit.id}`"
    language = entry.language if entry.language in article.texts else next(iter(article.texts), None)
    if language is None or not entry.unit.locator:
        return None
    missing = missing_unit(article, language, entry.unit)
    return f"the article has no {missing}" if missing else None


@dataclass(frozen=True, slots=True)
class TableRow:
    number: int
    entry: ReviewEntry
    places: Mapping[str, str]
    """The unit as the law names it today, per language."""


@dataclass(frozen=True, slots=True)
class ArticleGroup:
    article: Article | None
    """None for comments on articles the Code no longer has."""
    headings: Mapping[str, str]
    rows: tuple[TableRow, ...]


@dataclass(frozen=True, slots=True)
class ReviewTable:
    rounds: tuple[ReviewRound, ...]
    groups: tuple[ArticleGroup, ...]
    totals: tuple[tuple[Decision, int], ...]
    """Every decision with its count, in the order of :class:`Decision`."""


def review_table(code: Code, round_ids: Sequence[str] = ()) -> ReviewTable:
    """The register as the table of comments: grouped by article in legal order, units in
    legal order inside an article, numbered through."""
    rounds = tuple(r for r in code.reviews if not round_ids or r.id in round_ids)
    numbering = code.numbering().articles
    order = {article.id: index for index, article in enumerate(code.ordered_articles())}
    entries = [entry for review_round in rounds for entry in review_round.entries]
    entries.sort(key=lambda e: (order.get(e.unit.id, len(order)), _unit_order(e.unit)))
    groups: list[ArticleGroup] = []
    number = 0
    for article_id, members in itertools.groupby(entries, key=lambda e: e.unit.id if e.unit.id in order else None):
        article = code.articles.get(article_id) if article_id else None
        headings = {
            language: wording.heading(
                wording.article_label(language, numbering.get(article.id)), article.title.get(language, "")
            )
            if article
            else "—"
            for language in code.languages
        }
        rows = []
        for entry in members:
            number += 1
            places = {
                language: wording.unit_place(language, numbering.get(entry.unit.id), entry.unit)
                if article
                else entry.place or str(entry.unit)
                for language in code.languages
            }
            rows.append(TableRow(number, entry, places))
        groups.append(ArticleGroup(article, headings, tuple(rows)))
    counts = Counter(entry.decision for entry in entries)
    return ReviewTable(rounds, tuple(groups), tuple((decision, counts[decision]) for decision in Decision))


def _unit_order(unit: ReferenceTarget) -> tuple[object, ...]:
    def number(value: LegalNumber | None) -> tuple[int, ...]:
        return value.components if value is not None else ()

    letter = SUBPOINT_LETTERS.find(unit.subpoint) if unit.subpoint else -1
    return (number(unit.part), number(unit.point), letter, unit.paragraph or 0)
