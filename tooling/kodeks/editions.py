"""The text in force through time: which law gave each unit its wording, and its editions.

The register (``code_text/amendments.yaml``) lists each law with the revision that carries the
text as the law made it. Two consecutive revisions compared line by line say which units the
later law changed, each at the deepest unit that holds the change; a unit's history note names
every law that changed it («(В редакции Законов КР от … № …, … № …)»). Nothing here is typed by
hand.
"""

from __future__ import annotations

import datetime
import difflib
import enum
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from . import wording
from .errors import KodeksError
from .messages import msg
from .model import AmendmentRecord, ArticleText, Code, PrintedParagraph
from .printed import article_lines
from .wording import is_repeal_note

UnitKey = tuple[str, str, str]
"""(article id, unit, language): the unit is ``2`` for a part, ``2.3`` / ``.3`` for a point,
``2.3.а`` for a subpoint, with ``#N`` for one of its абзацы, or empty for the whole article; a
law that changes one language's text leaves the other's without a note."""


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
    if not records:
        raise HistoryError(msg("code_text/amendments.yaml lists no laws: the text has no editions yet"))
    if not earlier:
        first = records[0].in_force.isoformat()
        raise HistoryError(
            msg(
                "on {day} the text was not in force yet (the register starts on {first})",
                day=day.isoformat(),
                first=first,
            )
        )
    return earlier[-1]


def editions(records: tuple[AmendmentRecord, ...], read: Callable[[str], Code]) -> list[Edition]:
    """Each law's text, in order of entry into force (``read`` loads a revision)."""
    return [Edition(record, read(record.revision)) for record in records]


class Change(enum.Enum):
    """What a law did to a unit, as Akoma Ntoso's textual modifications name it."""

    INSERTION = "insertion"
    SUBSTITUTION = "substitution"
    REPEAL = "repeal"


def changes(history: list[Edition]) -> dict[UnitKey, tuple[tuple[AmendmentRecord, Change], ...]]:
    """Every law that changed each unit, in order, and what it did (the law that adopted the text
    is no change)."""
    found: dict[UnitKey, tuple[tuple[AmendmentRecord, Change], ...]] = {}
    for before, after in zip(history, history[1:], strict=False):
        for key, change in changed_units(before.code, after.code):
            if all(record is not after.record for record, _ in found.get(key, ())):
                found[key] = (*found.get(key, ()), (after.record, change))
    return found


def laws_of(
    made: Mapping[UnitKey, tuple[tuple[AmendmentRecord, Change], ...]],
) -> dict[UnitKey, tuple[AmendmentRecord, ...]]:
    """Every law that changed each unit, in order: what its history note names."""
    return {key: tuple(record for record, _ in changed) for key, changed in made.items()}


def changed_units(before: Code, after: Code) -> Iterator[tuple[UnitKey, Change]]:
    """The units a law changed from ``before`` to ``after``, per language, each at the deepest
    unit: the line it changed (an абзац, a point, a subpoint: worded anew, or now saying it is
    repealed), a unit it added as a whole, the article itself when it is new, repealed or
    retitled."""
    for article in after.articles.values():
        old = before.articles.get(article.id)
        for language in after.languages:
            if old is None:
                yield (article.id, "", language), Change.INSERTION
                continue
            if article.is_repealed and not old.is_repealed:
                yield (article.id, "", language), Change.REPEAL
                continue
            if old.is_repealed != article.is_repealed or old.title.get(language) != article.title.get(language):
                yield (article.id, "", language), Change.SUBSTITUTION
            was, now = old.texts.get(language), article.texts.get(language)
            if now is None:
                continue
            printed = dict(zip(line_keys(now), now.printed(), strict=True))
            for key, inserted in _changed_lines(was, now):
                line = printed.get(key)
                if line is not None and is_repeal_note(line.paragraph.plain_text if line.paragraph else ""):
                    yield (article.id, key, language), Change.REPEAL
                elif inserted:
                    yield (article.id, key, language), Change.INSERTION
                else:
                    yield (article.id, key, language), Change.SUBSTITUTION


def line_keys(text: ArticleText) -> list[str]:
    """The note key of each printed line: its unit («2», «2.3», «2.3.а», «.3» for a point of an
    article without parts, «» for the article's own paragraphs) and its абзац in the unit («#1»)."""
    keys: list[str] = []
    seen: Counter[str] = Counter()
    for line in text.printed():
        unit = "notes" if line.notes is not None else _unit_of(line)
        seen[unit] += 1
        keys.append(f"{unit}#{seen[unit]}")
    return keys


def _unit_of(line: PrintedParagraph) -> str:
    part = line.part.label if line.part else ""
    if line.subpoint is not None and line.point is not None:
        return f"{part}.{line.point.label}.{line.subpoint.label}"
    if line.point is not None:
        return f"{part}.{line.point.label}"
    return part


def _ancestors(key: str) -> list[str]:
    """The units a line key stands in, largest first: «2.3.а#1» → «2», «2.3», «2.3.а»."""
    unit = key.partition("#")[0]
    if not unit or unit == "notes":
        return []
    pieces = unit.split(".")
    found = [".".join(pieces[: index + 1]) for index in range(len(pieces))]
    return found if pieces[0] else found[1:]  # «.3»: a point of an article without parts


def _resembles(old: str, new: str) -> bool:
    """Whether ``new`` is ``old`` worded anew rather than another line: half their words shared."""
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio() >= 0.5


def _changed_lines(was: ArticleText | None, now: ArticleText) -> list[tuple[str, bool]]:
    """The keys of the lines of ``now`` that are new or worded anew, each saying whether it is
    new (an абзац added, or a unit the law added, named as a whole)."""

    def by_unit(text: ArticleText | None) -> dict[str, list[tuple[str, str]]]:
        grouped: dict[str, list[tuple[str, str]]] = {}
        if text is None:
            return grouped
        for key, line in zip(line_keys(text), text.printed(), strict=True):
            words = " ".join(filter(None, (line.label, line.paragraph.plain_text if line.paragraph else "")))
            grouped.setdefault(key.partition("#")[0], []).append((key, words))
        return grouped

    old, new = by_unit(was), by_unit(now)
    changed: dict[str, bool] = {}
    for unit, lines in new.items():
        before = [words for _, words in old.get(unit, [])]
        after = [words for _, words in lines]
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                # a line replacing lines none of which it resembles is one the law added
                changed.update(
                    (key, op == "insert" or not any(_resembles(was_words, words) for was_words in before[i1:i2]))
                    for key, words in lines[j1:j2]
                )
    if not changed:
        return []
    existed = {unit for key in old for unit in _ancestors(key + "#1")}
    out: dict[str, bool] = {}
    for lines in new.values():
        for key, _ in lines:
            if key not in changed:
                continue
            # A unit the law added is noted once, under its last line; a unit it changed, at
            # each line it changed.
            added = next((unit for unit in _ancestors(key) if unit not in existed), None)
            out.setdefault(added or key, added is not None or changed[key])
    return list(out.items())


def notes_after(
    text: ArticleText, article_id: str, history: Mapping[UnitKey, tuple[AmendmentRecord, ...]]
) -> dict[int, list[AmendmentRecord]]:
    """Under which printed line (its index; -1: under the heading) the history note stands, with
    every law it names, in order of adoption: the last line of the unit a law changed."""
    wanted = {key[1]: records for key, records in history.items() if key[0] == article_id and key[2] == text.language}
    if not wanted:
        return {}
    last: dict[str, int] = {}
    keys = line_keys(text)
    for index, key in enumerate(keys):
        last[key] = index
        for unit in _ancestors(key):
            last[unit] = index
    found: dict[int, list[AmendmentRecord]] = {}
    for key, records in wanted.items():
        index = -1 if key == "" else last.get(key, -1)
        for record in records:
            if record not in found.setdefault(index, []):
                found[index].append(record)
    ordered = {index: sorted(records, key=lambda r: (r.adopted, r.in_force)) for index, records in found.items()}
    # Абзацы of one unit next to each other that the same laws changed: one note, after the last.
    for index in sorted(ordered):
        after = index + 1
        if (
            index >= 0
            and after in ordered
            and ordered[after] == ordered[index]
            and keys[index].partition("#")[0] == keys[after].partition("#")[0]
        ):
            del ordered[index]
    return ordered


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
        lines = article_lines(code, article, language)
        # A repealed article keeps its heading; its repeal is an edition of its own.
        return [*lines, wording.word("repealed", language)] if article.is_repealed else lines
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
