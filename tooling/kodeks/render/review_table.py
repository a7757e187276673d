"""The table of comments and proposals (``kodeks review table``) as Markdown, HTML or Word.

The table the working group files with each round: one row per comment, grouped by article in
legal order, the unit named as the law names it today, the drafters' decision and reason, and
the totals per decision that the explanatory note quotes. Headings in every chosen language;
each comment in the language it was written in.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import wording
from ..review_table import ReviewTable, TableRow
from .outline import Block, Heading, Items, Table
from .outline import render as write

_WIDTHS = (8, 17, 15, 29, 13, 18)
"""Per cent of the page: the comment's id («round-1/12», what trailers and the PR comment name)
needs more than a row number did."""


def outline(review: ReviewTable, languages: Sequence[str]) -> list[Block]:
    def label(key: str) -> str:
        return wording.word_in_each(key, languages)

    def decision(row: TableRow) -> str:
        return " / ".join(dict.fromkeys(wording.decision_name(row.entry.decision, lang) for lang in languages))

    blocks: list[Block] = [Heading(label("review-table"), 1)]
    for review_round in review.rounds:
        facts = [review_round.name or review_round.id]
        # Each language its label and its own date: «жөнөтүлдү 2026-жылдын 1-декабры / направлено 1 декабря 2026 года».
        for key, day in (("sent", review_round.sent), ("due", review_round.due)):
            if day:
                facts.append(" / ".join(f"{wording.word(key, lang)} {wording.date(lang, day)}" for lang in languages))
        if review_round.revision:
            facts.append(f"{label('revision')} {review_round.revision[:12]}")
        blocks.append(Items((f"{label('round')}: " + ", ".join(facts),)))
    header = ("№", label("unit"), label("author"), label("comment"), label("decision"), label("reason"))
    for group in review.groups:
        blocks.append(Heading(" / ".join(dict.fromkeys(group.headings[lang] for lang in languages)), 2))
        rows = tuple(
            (
                row.entry.id,
                "\n".join(dict.fromkeys(row.places[lang] for lang in languages)),
                row.entry.author + (f"\n{row.entry.organisation}" if row.entry.organisation else ""),
                _comment(row, label),
                decision(row),
                row.entry.reason or "",
            )
            for row in group.rows
        )
        blocks.append(Table(header, rows, _WIDTHS))
    if not review.groups:
        blocks.append(Items((label("no-comments"),)))
    blocks.append(Heading(label("totals"), 2))
    totals = [
        (" / ".join(dict.fromkeys(wording.decision_name(d, lang) for lang in languages)), str(count))
        for d, count in review.totals
    ]
    totals.append((label("total"), str(sum(count for _, count in review.totals))))
    blocks.append(Table((label("decision"), label("count")), tuple(totals), (70, 30)))
    return blocks


def _comment(row: TableRow, label: object) -> str:
    """The comment, the words it was written on, and the proposed wording, each as written."""
    entry = row.entry
    language = entry.language or next(iter(entry.proposal), "ru")
    pieces = []
    if entry.quote:
        pieces.append(wording.on_words(language, entry.quote))
    if entry.comment:
        pieces.append(entry.comment)
    for lang, text in entry.proposal.items():
        pieces.append(f"{wording.word('proposed', lang)}: «{text}»")
    return "\n".join(pieces)


def render(format_name: str, review: ReviewTable, languages: Sequence[str]) -> bytes:
    return write(format_name, outline(review, languages), languages[0])
