"""The text in force through time: which law gave each unit its wording, and its editions.

The register (``code_text/amendments.yaml``) lists each law with the revision that carries the
text as the law made it. Two consecutive revisions compared as an amending law (``amend``) say
which units the later law changed; the latest law to change a unit is the one its history note
names («(В редакции Закона КР от … № …)»). Nothing here is typed by hand.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

from .amend import AmendError, amending_law, article_lines
from .errors import KodeksError
from .instruction import Op, UnitPath
from .model import AmendmentRecord, ArticleText, Code, LegalNumber

UnitKey = tuple[str, str, str]
"""(article id, ``2`` for a part, ``2.3`` / ``.3`` for a point or empty for the whole article,
language): a law that changes one language's text leaves the other's without a note."""


class HistoryError(KodeksError):
    """A date before the text was in force, or a register naming a revision that is not here."""


@dataclass(frozen=True, slots=True)
class Edition:
    """The text as one law left it."""

    record: AmendmentRecord
    code: Code


def in_force_on(records: tuple[AmendmentRecord, ...], day: datetime.date) -> AmendmentRecord:
    """The last law in force on ``day``: its revision is the text in force that day."""
    earlier = [record for record in records if record.in_force <= day]
    if not earlier:
        first = records[0].in_force.isoformat() if records else "—"
        raise HistoryError(f"on {day.isoformat()} the text was not in force yet (the register starts on {first})")
    return earlier[-1]


def editions(records: tuple[AmendmentRecord, ...], read: Callable[[str], Code]) -> list[Edition]:
    """Each law's text, in order of entry into force (``read`` loads a revision)."""
    return [Edition(record, read(record.revision)) for record in records]


def notes(history: list[Edition]) -> dict[UnitKey, AmendmentRecord]:
    """The latest law that changed each unit (the law that adopted the text names none)."""
    found: dict[UnitKey, AmendmentRecord] = {}
    for before, after in zip(history, history[1:], strict=False):
        for key in changed_units(before.code, after.code):
            found[key] = after.record
    return found


def changed_units(before: Code, after: Code) -> Iterator[UnitKey]:
    """The units an amending law from ``before`` to ``after`` changes, as note keys."""

    def changed_articles(languages: Iterable[str], excepted: Collection[LegalNumber] = ()) -> Iterator[UnitKey]:
        for article in after.articles.values():
            old = before.articles.get(article.id)
            if article.number in excepted:
                continue
            for language in languages:
                if old is None or article_lines(before, old, language) != article_lines(after, article, language):
                    yield (article.id, "", language)

    try:
        law = amending_law(before, after)
    except AmendError:  # not one amending law's worth of change: every changed article
        yield from changed_articles(after.languages)
        return
    for instruction in law.instructions:
        if instruction.op is Op.THROUGHOUT:
            yield from changed_articles((instruction.language,), instruction.excepted)
            continue
        assert instruction.path is not None
        changed = after.article_numbered(instruction.path.article)
        if changed is not None:
            where = "" if instruction.op is Op.RETITLE else locator(instruction.path)
            yield (changed.id, where, instruction.language)


def locator(path: UnitPath) -> str:
    """The note key of a unit: its part, or its point; a subpoint or абзац counts as its point or part."""
    if path.point is not None:
        return f"{path.part or ''}.{path.point}"
    return str(path.part) if path.part is not None else ""


def notes_after(
    text: ArticleText, article_id: str, history: Mapping[UnitKey, AmendmentRecord]
) -> dict[int, list[AmendmentRecord]]:
    """Under which printed line (its index; -1: under the heading) each history note stands: the
    last line of the unit the law changed."""
    wanted = {key[1]: record for key, record in history.items() if key[0] == article_id and key[2] == text.language}
    if not wanted:
        return {}
    last: dict[str, int] = {}
    lines = list(text.printed())
    for index, line in enumerate(lines):
        part = line.part.label if line.part else ""
        last[part] = index
        if line.point is not None:
            last[f"{part}.{line.point.label}"] = index
        last[""] = index
    found: dict[int, list[AmendmentRecord]] = {}
    for key, record in wanted.items():
        found.setdefault(last.get(key, last.get("", -1)), []).append(record)
    return found


def unit_editions(
    history: list[Edition], article_id: str, key: str, language: str
) -> list[tuple[AmendmentRecord, list[str]]]:
    """The editions of one unit: each law that gave it new wording, with that wording."""
    out: list[tuple[AmendmentRecord, list[str]]] = []
    previous: list[str] | None = None
    for edition in history:
        article = edition.code.articles.get(article_id)
        lines = _unit_lines(edition.code, article_id, key, language) if article else []
        if lines != previous:
            out.append((edition.record, lines))
        previous = lines
    return out


def _unit_lines(code: Code, article_id: str, key: str, language: str) -> list[str]:
    article = code.articles[article_id]
    if not key:
        return article_lines(code, article, language)
    text = article.texts.get(language)
    if text is None:
        return []
    part_label, _, point_label = key.partition(".")
    out = []
    for line in text.printed():
        if (line.part.label if line.part else "") != part_label:
            continue
        if point_label and (line.point is None or line.point.label != point_label):
            continue
        out.append(" ".join(filter(None, (line.label, line.plain_text))))
    return out
