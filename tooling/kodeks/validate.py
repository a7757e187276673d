"""Rules that look across the Code: structure, numbering, references, parity of languages.

``validate`` collects every problem; ``assert_validates`` raises when there is an error.
Rules that need the raw syntax (YAML, Markdown) live in the parsers.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence

from . import references, wording
from .diagnostics import Diagnostic, SourceLocation, sort_key
from .errors import InvalidCodeError
from .model import (
    FIRST,
    SUBPOINT_LETTERS,
    Article,
    ArticleText,
    Code,
    LegalNumber,
    Link,
    Paragraph,
    Part,
    Point,
    ReferenceTarget,
    Stage,
    Text,
)
from .rules import rule


def validate(
    code: Code,
    parse_diagnostics: Iterable[Diagnostic] = (),
    unreadable: Collection[str] = (),
    act_findings: Callable[[Code, str], list[Diagnostic]] | None = None,
) -> list[Diagnostic]:
    """Every problem of the Code, parse problems included, in file and line order.

    ``unreadable`` names article files that exist but could not be parsed (already reported):
    they are neither "missing" nor unknown reference targets. ``act_findings(code, act_id)``
    gives the problems of an act's text (default :func:`act_text_findings`; the loader answers
    an unchanged act from its cache).
    """
    diagnostics = list(parse_diagnostics)
    diagnostics += _rules(code, unreadable)
    for act in code.acts.values():
        if act.text is not None:
            diagnostics += (act_findings or act_text_findings)(code, act.id)
    if any(act.dispositions for act in code.acts.values()):
        from .consolidation import disposition_problems  # only a Code with dispositions pays for it

        diagnostics += disposition_problems(code)
    if code.reviews:
        from .review_table import register_problems  # only a Code with a register pays for it

        diagnostics += register_problems(code)
    return sorted(set(diagnostics), key=sort_key)


def _rules(code: Code, unreadable: Collection[str]) -> Iterator[Diagnostic]:
    """The rules of one text: the Code's, or an existing act's."""
    yield from _structure(code, unreadable)
    yield from _numbering(code)
    numbering = code.numbering()
    for article in code.articles.values():
        placed = list(references.placed_links(article))  # one walk of the text for both rules
        yield from _bodies(code, article)
        yield from references.check(code, numbering, article, unreadable, placed)
        yield from _parity(code, article, placed)


def act_text_findings(code: Code, act_id: str) -> list[Diagnostic]:
    """The problems of an existing act's text: in force, with its number and date, and the same
    rules as the Code's; its references to other acts resolve through the Code's `acts:`. They
    depend on the act's files, the other acts' and code.yaml only."""
    text = code.acts[act_id].text
    if text is None:
        return []
    found = []
    if text.stage is not Stage.IN_FORCE:
        found.append(
            rule("S007").at(
                SourceLocation(text.path, 1), "the text of an existing act is in force: write `stage: in-force`"
            )
        )
    found += _rules(dataclasses.replace(text, acts=code.acts), ())
    return found


def assert_validates(
    code: Code, parse_diagnostics: Iterable[Diagnostic] = (), unreadable: Collection[str] = ()
) -> None:
    diagnostics = validate(code, parse_diagnostics, unreadable)
    if any(d.is_error for d in diagnostics):
        raise InvalidCodeError(diagnostics)


# --- structure ----------------------------------------------------------------------------


def _structure(code: Code, unreadable: Collection[str]) -> Iterator[Diagnostic]:
    folder, _, structure = code.path.rpartition("/")
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
                f"article `{entry.id}` has no file: create {folder}/articles/{entry.id}.md or remove it from {structure}",
            )
    for article in code.articles.values():
        if article.id not in listed:
            yield rule("S002").at(
                article.location_of("id"),
                f"article `{article.id}` is not in any chapter of {structure}: add it to the `articles:` list of its chapter",
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
                flattened = _flattened(previous, number)
                hint = f"; «{number}» looks like {flattened} with its raised digit printed flat" if flattened else ""
                yield rule(mismatch_code).at(
                    location,
                    f"{name} is numbered {number}; {after} comes {expected} (numbers in force never skip){hint}",
                )
        previous = None if _flattened(previous, number) else number
    last = numbers[-1][0] if numbers else None
    if (
        code.stage is Stage.IN_FORCE
        and code.enactment is None  # the Code's own text: an act's is as it was published
        and last is not None
        and len(numbers) > 1
        and last.is_insertion
        and len(last.components) == 2
        and numbers[-2][0] == LegalNumber(last.components[:1])
    ):
        following = LegalNumber.of(last.components[0] + 1)
        yield rule("N011").at(
            numbers[-1][1],
            f"{numbers[-1][2]} is numbered {last} after the last one: an addition at the end continues the "
            f"sequence ({following}); an inserted number stands between two units",
        )


def _flattened(previous: LegalNumber | None, number: LegalNumber) -> str:
    """«23-1» where 231 follows 23: a superscript «23¹» a copy printed as «231»; else empty."""
    if previous is None or previous.is_insertion or number.is_insertion:
        return ""
    before, now = str(previous), str(number)
    if len(now) == len(before) + 1 and now.startswith(before) and now[-1] != "0":
        return f"{before}-{now[-1]}"
    return ""


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
            for point in _all_points(text):
                yield from _letters(point)
            if text.notes is not None:
                yield from _sequence(code, [(n.number, n.location, "this note") for n in text.notes.numbered], "N010")


def _all_points(text: ArticleText) -> Iterator[Point]:
    yield from text.points
    for part in text.parts:
        yield from part.points


_SKIPPED_ANYWHERE = "ёйъыь"
_SKIPPED_BY_SOME = "зоч"
"""Some Russian drafting recommendations also skip з, о, ч, which look like digits."""


def _letters(point: Point) -> Iterator[Diagnostic]:
    """Subpoints run а, б, в …: no duplicates, in alphabetical order, no gap over a letter that
    no tradition skips."""
    previous = -1
    for subpoint in point.subpoints:
        letter = subpoint.label
        if letter in _SKIPPED_ANYWHERE:
            yield rule("N009").at(
                subpoint.location, f"subpoint «{letter})»: legal practice does not use ё, й, ъ, ы, ь for subpoints"
            )
            continue
        index = SUBPOINT_LETTERS.index(letter)
        skipped = [c for c in SUBPOINT_LETTERS[previous + 1 : index] if c not in _SKIPPED_BY_SOME]
        if index <= previous:
            problem = "repeats a letter" if index == previous else "is out of alphabetical order"
            yield rule("N009").at(subpoint.location, f"subpoint «{letter})» {problem} in point {point.label})")
        elif skipped:
            expected = SUBPOINT_LETTERS[previous + 1]
            yield rule("N009").at(
                subpoint.location,
                f"subpoint «{letter})» skips {', '.join(skipped)}: after «{SUBPOINT_LETTERS[previous] + ')' if previous >= 0 else 'the start'}» comes «{expected})»",
            )
        previous = max(previous, index)


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
        elif text.parts and text.paragraphs_outside_parts:
            yield from _outside_parts(text)
        elif not text.parts and len(text.points) > 1:
            yield from _between_points(text)
        placeholder = wording.word("placeholder", language)
        for paragraph in text.paragraphs():
            inlines = paragraph.inlines  # the placeholder is one run of text: skip the rest cheaply
            if len(inlines) == 1 and isinstance(inlines[0], Text) and inlines[0].value.strip() == placeholder:
                yield rule("B013").at(
                    paragraph.location, f"«{placeholder}» is what `kodeks new` writes: write the article's text here"
                )
        if not article.is_repealed and text.parts and text.points:
            point = text.points[0]
            before = [b for b in text.content[: text.content.index(point)] if isinstance(b, Part)]
            width = f"{len(before[-1].label) + 2} spaces under «{before[-1].label}.»" if before else ""
            yield rule("B007").at(
                point.location,
                f"point {point.label}) stands directly in an article that has parts; indent it under its part "
                f"by the width of the part's marker ({width or '3 spaces under «1.», 4 under «10.»'})",
            )


def _outside_parts(text: ArticleText) -> Iterator[Diagnostic]:
    """An абзац typed without indentation leaves its part: the law has no text between parts."""
    previous = None
    for block in text.content:
        if isinstance(block, Part):
            previous = block
        elif isinstance(block, Paragraph):
            fix = (
                f"indent it by the width of «{previous.label}.» to make it an абзац of part {previous.label}"
                if previous
                else "number it as part 1, or indent it under a part"
            )
            yield rule("B012").at(
                block.location,
                f"this paragraph stands outside the parts of an article that has parts: {fix}",
            )


def _between_points(text: ArticleText) -> Iterator[Diagnostic]:
    """In an article of points, an абзац typed without indentation after a point and before the
    next one: the law has no text between points (one after the last closes the list)."""
    previous: Point | None = None
    pending: list[Paragraph] = []
    for block in text.content:
        if isinstance(block, Point):
            if previous is not None:
                for paragraph in pending:
                    yield rule("B012").at(
                        paragraph.location,
                        f"this paragraph stands between points {previous.label}) and {block.label}): indent it by "
                        f"the width of «{previous.label}) » to make it an абзац of point {previous.label})",
                    )
            previous, pending = block, []
        elif isinstance(block, Paragraph):
            pending.append(block)


# --- parity -------------------------------------------------------------------------------


def _outline(text: ArticleText) -> list[tuple[str, tuple[str, ...]]]:
    """Parts and their points as labels; an article without parts is one unnamed part."""
    if text.parts:
        return [(part.label, tuple(p.label for p in part.points)) for part in text.parts]
    return [("", tuple(p.label for p in text.points))]


def _reference_targets(
    placed: list[tuple[references.Place, Link]], language: str
) -> dict[int, Counter[ReferenceTarget]]:
    """The reference targets of a text per part, keyed by the part's ``id()`` (hashing a part
    would hash its whole text); ``id(None)`` holds those outside any part."""
    targets: dict[int, Counter[ReferenceTarget]] = {}
    for place, link in placed:
        if place.language == language:
            targets.setdefault(id(place.part), Counter()).update(link.targets)
    return targets


def _parity(code: Code, article: Article, placed: list[tuple[references.Place, Link]]) -> Iterator[Diagnostic]:
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
        if _shape(reference) != _shape(text):
            yield rule("P001").at(text.location, _detail_difference(reference, text))
            continue
        base_by_part = _reference_targets(placed, reference.language)
        by_part = _reference_targets(placed, text.language)
        if text.parts:
            for base_part, part in zip(reference.parts, text.parts, strict=True):
                base_targets, targets = base_by_part.get(id(base_part), Counter()), by_part.get(id(part), Counter())
                if base_targets != targets:
                    where = f"part {part.label}"
                    yield rule("P002").at(
                        part.location,
                        _reference_difference(reference.language, base_targets, text.language, targets, where),
                    )
        else:
            base_targets = sum(base_by_part.values(), Counter())
            targets = sum(by_part.values(), Counter())
            if base_targets != targets:
                yield rule("P002").at(
                    text.location,
                    _reference_difference(reference.language, base_targets, text.language, targets, "the article"),
                )


def _shape(text: ArticleText) -> tuple[object, ...]:
    """What :func:`_details` describes, cheap to compare: абзац counts, subpoint letters, notes."""

    def point_shape(point: Point) -> tuple[object, ...]:
        return (len(point.paragraphs), tuple(s.label for s in point.subpoints))

    notes = text.notes
    return (
        tuple((len(part.paragraphs), tuple(point_shape(p) for p in part.points)) for part in text.parts),
        len(text.paragraphs_outside_parts),
        tuple(point_shape(p) for p in text.points),
        None if notes is None else (len(notes.content), tuple(n.label for n in notes.numbered)),
    )


def _details(text: ArticleText) -> list[tuple[str, str]]:
    """Below parts and points: each unit's абзацы and subpoints, and the notes, as
    ``(where, what)``, in order."""
    details = []

    def point_details(point: Point, where: str) -> None:
        letters = ", ".join(s.label for s in point.subpoints)
        details.append(
            (
                f"point {point.label}){where}",
                f"{len(point.paragraphs)} абзац(ы)" + (f" and subpoints {letters}" if letters else ""),
            )
        )

    for part in text.parts:
        details.append((f"part {part.label}", f"{len(part.paragraphs)} абзац(ы)"))
        for point in part.points:
            point_details(point, f" of part {part.label}")
    if not text.parts:
        details.append(("the article", f"{len(text.paragraphs_outside_parts)} абзац(ы)"))
    else:  # B012 reports a paragraph outside the parts; the shapes still differ by it
        outside = len(text.paragraphs_outside_parts)
        details.append(("outside the parts", f"{outside} абзац(ы)" if outside else "none"))
    for point in text.points:
        point_details(point, "")
    notes = text.notes
    numbered = ", ".join(n.label for n in notes.numbered) if notes else ""
    details.append(
        (
            "the notes",
            "none"
            if notes is None
            else f"{len(notes.content)} block(s)" + (f", numbered {numbered}" if numbered else ""),
        )
    )
    return details


def _detail_difference(reference: ArticleText, text: ArticleText) -> str:
    """The first unit whose details differ (called when the shapes differ)."""
    from itertools import zip_longest

    for (where, base), (other_where, other) in zip_longest(
        _details(reference), _details(text), fillvalue=("", "nothing")
    ):
        if (where, base) != (other_where, other):
            return f"{where or other_where}: «## {text.language}» has {other} but «## {reference.language}» has {base}"
    return f"«## {text.language}» and «## {reference.language}» are built differently"


def _describe(outline: list[tuple[str, tuple[str, ...]]]) -> str:
    """«parts 1., 2. with 3 points 1)–3), 3.» or «no parts, 5 points 1)–5)»: the structure as read."""

    def points(labels: tuple[str, ...]) -> str:
        if len(labels) == 1:
            return f"point {labels[0]})"
        return f"{len(labels)} points {labels[0]})–{labels[-1]})" if labels else ""

    if outline and outline[0][0] == "":
        listed = points(outline[0][1])
        return f"no parts, {listed}" if listed else "no parts and no points"
    return "parts " + ", ".join(f"{label}." + (f" with {points(pts)}" if pts else "") for label, pts in outline)


def _reference_difference(
    base_language: str,
    base_targets: Counter[ReferenceTarget],
    language: str,
    targets: Counter[ReferenceTarget],
    where: str,
) -> str:
    only_base = sorted(str(t) for t in (base_targets - targets).elements())
    only_other = sorted(str(t) for t in (targets - base_targets).elements())
    details = []
    if only_base:
        details.append(f"only {base_language} refers to {', '.join(only_base)}")
    if only_other:
        details.append(f"only {language} refers to {', '.join(only_other)}")
    return f"in {where}, " + "; ".join(details)
