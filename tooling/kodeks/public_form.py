"""The public discussion's form: one row per unit of the draft, with its citation and text in
every language and columns for the comment, the proposed wording, the author and the
organisation; and what comes back, filled forms or free text, placed on units.

A filled row names its unit three ways, tried in turn: the form's own code column (``art:ID#2``,
stable however the article is renumbered), the citation columns, and the words of the comment
(«статья 5 часть 2», «п. 3 ч. 2 ст. 5», «5-беренесинин 2-бөлүгү»), read with kodeks's citation
reader against the Code's numbering today. A comment that names no unit, or several, is not
guessed at: it is listed with its text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import citation
from .characters import visible
from .marks import bookmark_name, heading_of, marked_lines, unit_anchor_of, units_in_order
from .messages import Message, msg, plural
from .model import Article, Code, ReferenceTarget, Section, TargetKind
from .parse.reference import parse_reference
from .review import Found, ReviewReading, Unplaced
from .review_table import unit_place
from .store.filled_form import COLUMNS, FilledRow
from .words import words


def columns(languages: Sequence[str]) -> list[tuple[str, str]]:
    """The form's columns for ``languages``: each key with its heading in them («Сын-пикир /
    Замечание»); a citation or text column only for a language given."""
    return [
        (key, " / ".join(dict.fromkeys(title[lang] for lang in languages)))
        for key, title in COLUMNS
        if key.rpartition("-")[2] in languages or not key.startswith(("place-", "text-"))
    ]


@dataclass(frozen=True, slots=True)
class FormRow:
    """One unit of the draft as the form shows it."""

    unit: ReferenceTarget
    key: str
    """Its paragraph key without the language (``art-ID-p2``): what a DOCX form's row is
    bookmarked by."""
    places: dict[str, str]
    texts: dict[str, str]


def form_rows(code: Code) -> list[FormRow]:
    """Every heading and printed paragraph of the Code in legal order, the languages side by
    side (a paragraph's key without its language prefix pairs them)."""
    numbering = code.numbering()
    rows: list[FormRow] = []
    for unit in units_in_order(code):
        if not isinstance(unit, Article):
            kind = TargetKind.SECTION if isinstance(unit, Section) else TargetKind.CHAPTER
            target = ReferenceTarget(kind, unit.id)
            rows.append(
                FormRow(
                    target,
                    unit_anchor_of(unit),
                    {lang: unit_place(numbering, target, lang) for lang in code.languages},
                    {lang: heading_of(numbering, unit, lang) for lang in code.languages},
                )
            )
            continue
        article = ReferenceTarget(TargetKind.ARTICLE, unit.id)
        lines: dict[str, FormRow] = {
            "": FormRow(
                article,
                unit_anchor_of(unit),
                {lang: unit_place(numbering, article, lang) for lang in code.languages},
                {lang: heading_of(numbering, unit, lang) for lang in code.languages},
            )
        }
        for language in code.languages:
            text = unit.texts.get(language)
            for marked in marked_lines(language, unit.id, text) if text else ():
                pairing = marked.key.removeprefix(language + "-")
                row = lines.setdefault(pairing, FormRow(marked.unit, pairing, {}, {}))
                row.places[language] = unit_place(numbering, marked.unit, language)
                row.texts[language] = " ".join(filter(None, (marked.line.label, marked.line.plain_text)))
        rows += lines.values()
    return rows


def form_mark(row: FormRow) -> str:
    """The bookmark a DOCX form's row carries: hidden, and stable while its unit is."""
    return bookmark_name("form-" + row.key)


_ABBREVIATIONS = (
    (re.compile(r"(?i)(?<!\w)пп\.\s*"), "подпункт "),
    (re.compile(r"(?i)(?<!\w)п\.\s*"), "пункт "),
    (re.compile(r"(?i)(?<!\w)ч\.\s*"), "часть "),
    (re.compile(r"(?i)(?<!\w)ст\.\s*"), "статья "),
    (re.compile(r"(?i)(?<!\w)абз\.\s*"), "абзац "),
)
"""How the public abbreviates a citation: «п. 3 ч. 2 ст. 5» is «пункт 3 часть 2 статья 5»."""


class Units:
    """The Code's units as a citation names them today: article number, part, point, subpoint, абзац."""

    def __init__(self, code: Code, rows: Iterable[FormRow]) -> None:
        numbering = code.numbering()
        self.by_citation: dict[tuple[str, ...], ReferenceTarget] = {}
        self.known = {row.unit for row in rows}
        self.marked = {form_mark(row): row.unit for row in rows}
        for unit in self.known:
            if unit.kind is TargetKind.CHAPTER and unit.id in numbering.chapters:
                self.by_citation[("chapter", str(numbering.chapters[unit.id]))] = unit
            if unit.kind is not TargetKind.ARTICLE or numbering.articles.get(unit.id) is None:
                continue
            located = (
                str(numbering.articles[unit.id]),
                str(unit.part or ""),
                str(unit.point or ""),
                unit.subpoint or "",
                str(unit.paragraph or ""),
            )
            self.by_citation[("article", *located)] = unit

    def cited(self, text: str) -> tuple[list[ReferenceTarget], list[str]]:
        """The units ``text`` cites, and the citations that name no unit of the Code."""
        found: list[ReferenceTarget] = []
        missing: list[str] = []
        expanded = text[:_CITED_IN]
        for pattern, word in _ABBREVIATIONS:
            expanded = pattern.sub(word, expanded)
        for plain in _PIECE.findall(expanded):
            for language in ("ky", "ru"):
                for chain in _chains(citation.read(plain, language), plain):
                    for key in _keys(chain, language):
                        unit = self.by_citation.get(key)
                        if unit is None:
                            missing.append(plain[chain[0].start : chain[-1].values[-1].end])
                        elif unit not in found:
                            found.append(unit)
        return found, missing


def _chains(mentions: Sequence[citation.Mention], text: str) -> list[list[citation.Mention]]:
    """Mentions that make one citation: each role once, nothing but a word of a unit's name
    between them («части 2 статьи 5», «5-беренесинин 2-бөлүгү»)."""
    chains: list[list[citation.Mention]] = []
    for mention in mentions:
        if not mention.values:
            continue
        current = chains[-1] if chains else None
        if current is not None:
            between = text[current[-1].values[-1].end : mention.start]
            if mention.role not in {m.role for m in current} and len(words(between)) <= 1:
                current.append(mention)
                continue
        chains.append([mention])
    return chains


def _keys(chain: list[citation.Mention], language: str) -> list[tuple[str, ...]]:
    """The units a citation names, as ``Units`` keys: «части 1 и 2 статьи 3» names two."""
    roles = {mention.role: [value.text for value in mention.values] for mention in chain}
    if "article" not in roles:
        return [("chapter", number) for number in roles["chapter"]] if set(roles) == {"chapter"} else []
    combinations = itertools.product(
        roles["article"],
        roles.get("part", [""]),
        roles.get("point", [""]),
        roles.get("subpoint", [""]),
        roles.get("paragraph", [""]),
    )
    # A citation names a few units; more is a list, not a place: twenty are enough to say so.
    return [
        (
            "article",
            article,
            part,
            point,
            subpoint,
            str(citation.ordinal(paragraph, language) or "") if paragraph else "",
        )
        for article, part, point, subpoint, paragraph in itertools.islice(combinations, 20)
    ]


def language_of(text: str, row: FormRow | None, languages: Sequence[str]) -> str:
    """The language a comment or proposal is in: the unit's text it shares more words with, else
    Kyrgyz when it has ң, ө or ү, else Russian."""
    if row is not None:
        own = {w.lower() for w in words(text)}
        shared = {lang: len(own & {w.lower() for w in words(row.texts.get(lang, ""))}) for lang in languages}
        best = max(shared.values(), default=0)
        if best and list(shared.values()).count(best) == 1:
            return max(shared, key=lambda lang: shared[lang])
    kyrgyz = "ky" in languages and re.search("[ңөүҢӨҮ]", text)
    return "ky" if kyrgyz or "ru" not in languages else "ru"


_SHOWN = 300
"""Characters of an unplaced comment listed: enough to find it in the file."""
_CITED_IN = 600
"""Characters of a comment searched for the units it cites: where a writer names them. The
citation patterns cost the square of a long list of numbers; a bound keeps a hostile cell cheap."""
_PIECE = re.compile(r"[^.;!?\n]{1,300}")
"""A sentence, or 300 characters of one: a citation does not run across sentences."""


def read_filled(
    filled: Sequence[FilledRow], code: Code, author: str | None, organisation: str | None, via: str
) -> ReviewReading:
    """The comments and proposals of a filled form (or free text), each on its unit."""
    rows = form_rows(code)
    units = Units(code, rows)
    by_unit = {row.unit: row for row in rows}
    numbering = code.numbering()
    reading = ReviewReading()
    for item in filled:
        comment = item.cells.get("comment", "").strip() or None
        proposal = item.cells.get("proposal", "").strip() or None
        if comment is None and proposal is None:
            continue
        unit = _unit(item, units, comment, proposal)
        if isinstance(unit, Message):
            said = visible(" / ".join(filter(None, (comment, proposal))))
            shown = said if len(said) <= _SHOWN else said[: _SHOWN - 1] + "…"
            reading.unplaced.append(Unplaced(msg("{where}: {why}", where=item.where, why=unit), shown))
            continue
        row = by_unit.get(unit)
        language = language_of(proposal or comment or "", row, code.languages)
        reading.found.append(
            Found(
                author=item.cells.get("author", "").strip() or author or "?",
                date="",
                unit=unit,
                place=unit_place(numbering, unit, language),
                language=language,
                via=via,
                comment=comment,
                proposal=proposal,
                organisation=item.cells.get("organisation", "").strip() or organisation,
            )
        )
    return reading


def _unit(item: FilledRow, units: Units, comment: str | None, proposal: str | None) -> ReferenceTarget | Message:
    """The unit a row names (by its code or bookmark, its citation, its words), or why none."""
    coded = parse_reference(item.cells.get("unit", "").strip()) or units.marked.get(item.mark or "")
    if coded is not None and coded in units.known:
        return coded
    for source in (
        item.cells.get("place-ky", ""),
        item.cells.get("place-ru", ""),
        comment or "",
        proposal or "",
    ):
        found, missing = units.cited(source)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return plural(
                "it cites {count} unit ({units}): give each its own row",
                "it cites {count} units ({units}): give each its own row",
                len(found),
                units=", ".join(map(str, found)),
            )
        if missing:
            return msg("the draft has no «{citation}»", citation=missing[0])
    return msg("it names no unit of the Code (write, e.g., «статья 5, часть 2» or «5-берененин 2-бөлүгү»)")


def read_public(path: Path, code: Code, author: str | None, organisation: str | None) -> ReviewReading | None:
    """A filled form or comments as text placed on the Code's units; None when ``path`` is
    neither (a reviewer's copy of the Code, read as one)."""
    from .store.filled_form import FORM_SUFFIXES, TEXT_SUFFIXES, is_form_docx, read_form, read_free_text

    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return read_filled(read_free_text(path), code, author, organisation, "text")
    if suffix in FORM_SUFFIXES or suffix == ".docx" and is_form_docx(path):
        return read_filled(read_form(path), code, author, organisation, "form")
    return None
