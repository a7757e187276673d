"""The comment register checked against the Code: every comment names a unit that exists, ids
are unique, and an answer carries its reason.

A unit is named by its article's id, so renumbering articles never breaks the register; a
comment on a unit that was later removed or merged is reported with the place it had when the
comment was written, so the drafters can move it by hand.
"""

from __future__ import annotations

from collections.abc import Iterator

from .diagnostics import Diagnostic
from .model import ANSWERED, Code, ReviewEntry
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
