"""Rules that look across the Code: structure, numbering, references, parity of languages.

``validate`` collects every problem; ``assert_validates`` raises when there is an error.
Rules that need the raw syntax (YAML, Markdown) live in the parsers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence

from .diagnostics import Diagnostic, SourceLocation, sort_key
from .errors import InvalidCodeError
from .model import (
    FIRST,
    Article,
    ArticleText,
    Code,
    LegalNumber,
    Numbering,
    Point,
    Stage,
    TargetKind,
    roman,
)
from .rules import rule

_ARABIC = re.compile(r"(?<![0-9])[0-9]+(?:-[0-9]+)*")
_ROMAN = re.compile(r"\b[IVXLCDM]+\b")


def validate(
    code: Code, parse_diagnostics: Iterable[Diagnostic] = (), unreadable: Collection[str] = ()
) -> list[Diagnostic]:
    """Every problem of the Code, parse problems included, in file and line order.

    ``unreadable`` names article files that exist but could not be parsed (already reported):
    they are neither "missing" nor unknown reference targets.
    """
    diagnostics = list(parse_diagnostics)
    diagnostics += _structure(code, unreadable)
    diagnostics += _numbering(code)
    numbering = code.numbering()
    for article in code.articles.values():
        diagnostics += _bodies(code, article)
        diagnostics += _references(code, numbering, article, unreadable)
        diagnostics += _parity(code, article)
    return sorted(set(diagnostics), key=sort_key)


def assert_validates(
    code: Code, parse_diagnostics: Iterable[Diagnostic] = (), unreadable: Collection[str] = ()
) -> None:
    diagnostics = validate(code, parse_diagnostics, unreadable)
    if any(d.is_error for d in diagnostics):
        raise InvalidCodeError(diagnostics)


# --- structure ----------------------------------------------------------------------------


def _structure(code: Code, unreadable: Collection[str]) -> Iterator[Diagnostic]:
    owners: dict[str, str] = {}

    def claim(unit_id: str, what: str, location: SourceLocation) -> Iterator[Diagnostic]:
        if unit_id in owners:
            yield rule("S004").at(location, f"id `{unit_id}` of {what} is already used by {owners[unit_id]}")
        else:
            owners[unit_id] = what

    for act in code.acts.values():
        yield from claim(act.id, "an act", act.location)
    for section in code.sections:
        yield from claim(section.id, "a section", section.location)
    for chapter in code.chapters:
        yield from claim(chapter.id, "a chapter", chapter.location)

    listed: Counter[str] = Counter()
    for entry in code.article_order():
        listed[entry.id] += 1
        if listed[entry.id] > 1:
            yield rule("S003").at(
                entry.location, f"article `{entry.id}` is listed more than once; keep it in one chapter only"
            )
            continue
        yield from claim(entry.id, "an article", entry.location)
        if entry.id not in code.articles and entry.id not in unreadable:
            yield rule("S001").at(
                entry.location,
                f"article `{entry.id}` has no file: create code_text/articles/{entry.id}.md or remove it from code.yaml",
            )
    for article in code.articles.values():
        if article.id not in listed:
            yield rule("S002").at(
                article.location_of("id"),
                f"article `{article.id}` is not in any chapter of code.yaml: add it to the `articles:` list of its chapter",
            )


# --- numbering ----------------------------------------------------------------------------


def _sequence(
    code: Code, numbers: Sequence[tuple[LegalNumber | None, SourceLocation, str]], mismatch_code: str
) -> Iterator[Diagnostic]:
    """Numbers in legal order must be 1, 2, 3 … (draft) or gap-free with insertions (in force).

    Each entry is ``(number, location, name)``; the name says which unit in a message.
    """
    previous: LegalNumber | None = None
    for position, (number, location, name) in enumerate(numbers):
        if number is None:
            previous = None
            continue
        if code.stage is Stage.DRAFT:
            if number.is_insertion:
                yield rule("N006").at(
                    location,
                    f"{name} is numbered {number}: insertion numbers exist only once the Code is in force; in a draft, number continuously",
                )
            elif number != LegalNumber.of(position + 1):
                yield rule(mismatch_code).at(
                    location,
                    f"{name} is numbered {number} but comes {position + 1}{_ordinal(position + 1)} in order: number it {position + 1}",
                )
        else:
            allowed = (FIRST,) if position == 0 else previous.successors() if previous else None
            if allowed is not None and number not in allowed:
                expected = " or ".join(str(n) for n in allowed)
                after = f"after {previous}" if previous else "first"
                yield rule(mismatch_code).at(
                    location, f"{name} is numbered {number}; {after} comes {expected} (numbers in force never skip)"
                )
        previous = number


def _ordinal(value: int) -> str:
    if value % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


def _numbering(code: Code) -> Iterator[Diagnostic]:
    yield from _sequence(code, [(s.number, s.number_location, f"section `{s.id}`") for s in code.sections], "N001")
    yield from _sequence(code, [(c.number, c.number_location, f"chapter `{c.id}`") for c in code.chapters], "N002")
    # Positions come from the structure, so an unreadable article still takes its place.
    listed = dict.fromkeys(entry.id for entry in code.article_order())
    articles = [code.articles.get(article_id) for article_id in listed]
    yield from _sequence(
        code,
        [
            (a.number, a.location_of("number"), f"article `{a.id}`") if a else (None, SourceLocation(""), "")
            for a in articles
        ],
        "N003",
    )
    for article in code.articles.values():
        if code.stage is Stage.DRAFT and article.is_repealed:
            yield rule("N008").at(
                article.location_of("status"),
                "an article is repealed only once the Code is in force; in a draft, remove it instead",
            )
        for text in article.texts.values():
            yield from _sequence(code, [(p.number, p.location, "this part") for p in text.parts], "N004")
            for part in text.parts:
                yield from _sequence(
                    code, [(p.number, p.location, f"this point of part {part.label}") for p in part.points], "N005"
                )
            yield from _sequence(code, [(p.number, p.location, "this point") for p in text.points], "N005")


# --- bodies -------------------------------------------------------------------------------


def _bodies(code: Code, article: Article) -> Iterator[Diagnostic]:
    start = SourceLocation(article.path)
    present = [language for language in article.texts if language in code.languages]
    expected_order = [language for language in code.languages if language in article.texts]
    if present != expected_order:
        yield rule("B003").at(
            article.texts[present[0]].location,
            "language sections must come in the order " + ", ".join(f"«## {lang}»" for lang in code.languages),
        )
    for language in code.languages:
        text = article.texts.get(language)
        if text is None:
            if not (article.is_repealed and not article.texts):
                yield rule("B001").at(start, f"the article has no «## {language}» section")
            continue
        if article.is_repealed:
            if text.content:
                yield rule("B009").at(
                    text.location, "a repealed article keeps its number and title but no text; remove the text"
                )
        elif not text.content:
            yield rule("B005").at(text.location, f"the «## {language}» section is empty")
        elif text.parts and text.points:
            point = text.points[0]
            yield rule("B007").at(
                point.location,
                f"point {point.label}) stands directly in an article that has parts; indent it under its part "
                "by the width of the part's marker (3 spaces under «1.», 4 under «10.»)",
            )


# --- references ---------------------------------------------------------------------------


def _numbers_in(text: str) -> set[str]:
    return set(_ARABIC.findall(text)) | set(_ROMAN.findall(text))


def _references(
    code: Code, numbering: Numbering, article: Article, unreadable: Collection[str]
) -> Iterator[Diagnostic]:
    """Targets exist, and link texts carry the numbers the targets have in law."""
    for source in article.sources:
        if source.act not in code.acts:
            yield rule("R006").at(
                source.location or article.location_of("sources"),
                f"source act `{source.act}` is not listed under `acts:` in code.yaml",
            )
    for language, link in article.links():
        target = link.target
        if target is None:
            continue
        stale = None
        if target.kind is TargetKind.ACT:
            if target.id not in code.acts:
                yield rule("R006").at(link.location, f"act `{target.id}` is not listed under `acts:` in code.yaml")
            continue
        if target.kind is TargetKind.CHAPTER:
            chapter = code.find_chapter(target.id)
            if chapter is None:
                yield rule("R002").at(link.location, f"no chapter `{target.id}`")
                continue
            stale = _missing_numbers(link.text, [numbering.chapters.get(chapter.id)])
        elif target.kind is TargetKind.SECTION:
            section = code.find_section(target.id)
            if section is None:
                yield rule("R002").at(link.location, f"no section `{target.id}`")
                continue
            section_number = numbering.sections.get(section.id)
            if section_number is not None and not section_number.is_insertion:
                value = section_number.components[0]
                if not {str(value), roman(value)} & _numbers_in(link.text):
                    stale = [roman(value)]
        else:
            referenced = code.articles.get(target.id)
            if referenced is None and target.id in unreadable:
                continue
            if referenced is None:
                yield rule("R002").at(link.location, f"no article `{target.id}`")
                continue
            if referenced.is_repealed:
                yield rule("R005").at(link.location, f"article {referenced.number} (`{target.id}`) is repealed")
            missing_unit = _missing_unit(referenced, language, target.part, target.point)
            if missing_unit:
                yield rule("R003").at(
                    link.location, f"article {referenced.number} (`{target.id}`) has no {missing_unit}"
                )
                continue
            own = [numbering.articles.get(referenced.id)] if referenced.id != article.id else []
            stale = _missing_numbers(link.text, [*own, target.part, target.point])
        if stale:
            yield rule("R004").at(
                link.location,
                f"link text «{link.text}» does not carry the number {', '.join(stale)} of `{target}`: update the wording",
            )


def _missing_numbers(text: str, numbers: Sequence[LegalNumber | None]) -> list[str]:
    found = _numbers_in(text)
    return [str(n) for n in numbers if n is not None and str(n) not in found]


def _missing_unit(article: Article, language: str, part: LegalNumber | None, point: LegalNumber | None) -> str | None:
    """What ``art:ID#part.point`` names that the article lacks, in words; None when it exists."""
    text = article.texts.get(language) or next(iter(article.texts.values()), None)
    if text is None or (part is None and point is None):
        return None
    points: Sequence[Point]
    if part is not None:
        found = text.find_part(part)
        if found is None:
            return f"part {part}"
        points = found.points
    else:
        if text.parts:
            return f"point {point} outside its parts (write art:{article.id}#PART.{point})"
        points = text.points
    if point is not None and not any(p.number == point for p in points):
        return f"point {point}" + (f" in part {part}" if part is not None else "")
    return None


# --- parity -------------------------------------------------------------------------------


def _outline(text: ArticleText) -> list[tuple[str, tuple[str, ...]]]:
    """Parts and their points as labels; an article without parts is one unnamed part."""
    if text.parts:
        return [(part.label, tuple(p.label for p in part.points)) for part in text.parts]
    return [("", tuple(p.label for p in text.points))]


def _reference_targets(text: ArticleText) -> dict[int, Counter[str]]:
    """The reference targets of a text per part, keyed by the part's ``id()`` (hashing a part
    would hash its whole text); ``id(None)`` holds those outside any part."""
    targets: dict[int, Counter[str]] = {}
    for line in text.printed():
        if line.paragraph is not None:
            counter = targets.setdefault(id(line.part), Counter())
            counter.update(str(link.target) for link in line.paragraph.links if link.target is not None)
    return targets


def _parity(code: Code, article: Article) -> Iterator[Diagnostic]:
    texts = [article.texts[lang] for lang in code.languages if lang in article.texts and article.texts[lang].content]
    if len(texts) < 2 or article.is_repealed:
        return
    reference, *others = texts
    base_outline = _outline(reference)
    for text in others:
        outline = _outline(text)
        if outline != base_outline:
            yield rule("P001").at(
                text.location,
                f"«## {text.language}» has {_describe(outline)} but «## {reference.language}» has {_describe(base_outline)}",
            )
            continue
        if text.parts:
            base_by_part, by_part = _reference_targets(reference), _reference_targets(text)
            for base_part, part in zip(reference.parts, text.parts, strict=True):
                base_targets, targets = base_by_part.get(id(base_part), Counter()), by_part.get(id(part), Counter())
                if base_targets != targets:
                    where = f"part {part.label}"
                    yield rule("P002").at(
                        part.location,
                        _reference_difference(reference.language, base_targets, text.language, targets, where),
                    )
        else:
            base_targets = sum(_reference_targets(reference).values(), Counter())
            targets = sum(_reference_targets(text).values(), Counter())
            if base_targets != targets:
                yield rule("P002").at(
                    text.location,
                    _reference_difference(reference.language, base_targets, text.language, targets, "the article"),
                )


def _describe(outline: list[tuple[str, tuple[str, ...]]]) -> str:
    if outline and outline[0][0] == "":
        return f"no parts and {len(outline[0][1])} point(s)"
    points = sum(len(points) for _, points in outline)
    return f"{len(outline)} part(s) and {points} point(s) ({'; '.join(f'{label}.' + (' ' + ','.join(p + ')' for p in pts) if pts else '') for label, pts in outline)})"


def _reference_difference(
    base_language: str, base_targets: Counter[str], language: str, targets: Counter[str], where: str
) -> str:
    only_base = sorted((base_targets - targets).elements())
    only_other = sorted((targets - base_targets).elements())
    details = []
    if only_base:
        details.append(f"only {base_language} refers to {', '.join(only_base)}")
    if only_other:
        details.append(f"only {language} refers to {', '.join(only_other)}")
    return f"in {where}, " + "; ".join(details)
