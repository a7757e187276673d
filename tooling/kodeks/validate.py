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
from .messages import Message, Param, listed, msg, plural
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
    if code.conflicts:
        from .parse.conflict_decisions import decision_problems

        diagnostics += decision_problems(code)
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
                SourceLocation(text.path, 1), msg("the text of an existing act is in force: write `stage: in-force`")
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
    owners: dict[str, Message] = {}
    for entry in code.definitions:
        if entry.id not in code.articles:
            yield rule("K004").at(
                entry.location, msg("`definitions:` names `{id}`, and the text has no such article", id=entry.id)
            )

    def claim(unit_id: str, what: Message, location: SourceLocation) -> Iterator[Diagnostic]:
        if unit_id in owners:
            yield rule("S004").at(
                location,
                msg("id `{id}` of {what} is already used by {owner}", id=unit_id, what=what, owner=owners[unit_id]),
            )
        else:
            owners[unit_id] = what

    for act in code.acts.values():
        yield from claim(act.id, msg("an act"), act.location)
    for section in code.sections:
        yield from claim(section.id, msg("a section"), section.location)
    for chapter in code.chapters:
        yield from claim(chapter.id, msg("a chapter"), chapter.location)

    listed: Counter[str] = Counter()
    for entry in code.article_order():
        listed[entry.id] += 1
        if listed[entry.id] > 1:
            yield rule("S003").at(
                entry.location,
                msg("article `{id}` is listed more than once; keep it in one chapter only", id=entry.id),
            )
            continue
        yield from claim(entry.id, msg("an article"), entry.location)
        if entry.id not in code.articles and entry.id not in unreadable:
            yield rule("S001").at(
                entry.location,
                msg(
                    "article `{id}` has no file: create {folder}/articles/{id}.md or remove it from {structure}",
                    id=entry.id,
                    folder=folder,
                    structure=structure,
                ),
            )
    for article in code.articles.values():
        if article.id not in listed:
            yield rule("S002").at(
                article.location_of("id"),
                msg(
                    "article `{id}` is not in any chapter of {structure}: add it to the `articles:` list of its chapter",
                    id=article.id,
                    structure=structure,
                ),
            )


# --- numbering ----------------------------------------------------------------------------


def _sequence(
    code: Code, numbers: Sequence[tuple[LegalNumber | None, SourceLocation, Param]], mismatch_code: str
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
                    msg(
                        "{name} is numbered {number}: insertion numbers exist only once the Code is in force; in a draft, number continuously",
                        name=name,
                        number=str(number),
                    ),
                )
            elif number != LegalNumber.of(position + 1):
                yield rule(mismatch_code).at(
                    location,
                    msg(
                        "{name} is numbered {number} but comes {position} in order: number it {expected}",
                        name=name,
                        number=str(number),
                        position=_ordinal(position + 1),
                        expected=position + 1,
                    ),
                )
        else:
            allowed = (FIRST,) if position == 0 else previous.successors() if previous else None
            if allowed is not None and number not in allowed:
                expected: Param = str(allowed[-1])
                for other in reversed(allowed[:-1]):
                    expected = msg("{one} or {other}", one=str(other), other=expected)
                flattened = _flattened(previous, number)
                hint: Param = (
                    msg(
                        "; «{number}» looks like {flattened} with its raised digit printed flat",
                        number=str(number),
                        flattened=flattened,
                    )
                    if flattened
                    else ""
                )
                yield rule(mismatch_code).at(
                    location,
                    msg(
                        "{name} is numbered {number}; after {previous} comes {expected} (numbers in force never skip){hint}",
                        name=name,
                        number=str(number),
                        previous=str(previous),
                        expected=expected,
                        hint=hint,
                    )
                    if previous
                    else msg(
                        "{name} is numbered {number}; first comes {expected} (numbers in force never skip){hint}",
                        name=name,
                        number=str(number),
                        expected=expected,
                        hint=hint,
                    ),
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
            msg(
                "{name} is numbered {number} after the last one: an addition at the end continues the "
                "sequence ({following}); an inserted number stands between two units",
                name=numbers[-1][2],
                number=str(last),
                following=str(following),
            ),
        )


def _flattened(previous: LegalNumber | None, number: LegalNumber) -> str:
    """«23-1» where 231 follows 23: a superscript «23¹» a copy printed as «231»; else empty."""
    if previous is None or previous.is_insertion or number.is_insertion:
        return ""
    before, now = str(previous), str(number)
    if len(now) == len(before) + 1 and now.startswith(before) and now[-1] != "0":
        return f"{before}-{now[-1]}"
    return ""


def _ordinal(value: int) -> Message:
    """«9th»: a place in order (each language says it its own way, so each English suffix is a message)."""
    if value % 100 in (11, 12, 13):
        return msg("{number}th", number=value)
    if value % 10 == 1:
        return msg("{number}st", number=value)
    if value % 10 == 2:
        return msg("{number}nd", number=value)
    if value % 10 == 3:
        return msg("{number}rd", number=value)
    return msg("{number}th", number=value)


def _numbering(code: Code) -> Iterator[Diagnostic]:
    yield from _sequence(
        code, [(s.number, s.number_location, msg("section `{id}`", id=s.id)) for s in code.sections], "N001"
    )
    yield from _sequence(
        code, [(c.number, c.number_location, msg("chapter `{id}`", id=c.id)) for c in code.chapters], "N002"
    )
    # Positions come from the structure, so an unreadable article still takes its place.
    listed = dict.fromkeys(entry.id for entry in code.article_order())
    articles = [code.articles.get(article_id) for article_id in listed]
    yield from _sequence(
        code,
        [
            (a.number, a.location_of("number"), msg("article `{id}`", id=a.id)) if a else (None, SourceLocation(""), "")
            for a in articles
        ],
        "N003",
    )
    for article in code.articles.values():
        if code.stage is Stage.DRAFT and article.is_repealed:
            yield rule("N008").at(
                article.location_of("status"),
                msg("an article is repealed only once the Code is in force; in a draft, remove it instead"),
            )
        for text in article.texts.values():
            yield from _sequence(code, [(p.number, p.location, msg("this part")) for p in text.parts], "N004")
            for part in text.parts:
                yield from _sequence(
                    code,
                    [(p.number, p.location, msg("this point of part {part}", part=part.label)) for p in part.points],
                    "N005",
                )
            yield from _sequence(code, [(p.number, p.location, msg("this point")) for p in text.points], "N005")
            for point in _all_points(text):
                yield from _letters(point)
            if text.notes is not None:
                yield from _sequence(
                    code, [(n.number, n.location, msg("this note")) for n in text.notes.numbered], "N010"
                )


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
                subpoint.location,
                msg("subpoint «{letter})»: legal practice does not use ё, й, ъ, ы, ь for subpoints", letter=letter),
            )
            continue
        index = SUBPOINT_LETTERS.index(letter)
        skipped = [c for c in SUBPOINT_LETTERS[previous + 1 : index] if c not in _SKIPPED_BY_SOME]
        if index <= previous:
            problem = (
                msg("subpoint «{letter})» repeats a letter in point {point})", letter=letter, point=point.label)
                if index == previous
                else msg(
                    "subpoint «{letter})» is out of alphabetical order in point {point})",
                    letter=letter,
                    point=point.label,
                )
            )
            yield rule("N009").at(subpoint.location, problem)
        elif skipped:
            expected = SUBPOINT_LETTERS[previous + 1]
            yield rule("N009").at(
                subpoint.location,
                msg(
                    "subpoint «{letter})» skips {skipped}: after «{previous})» comes «{expected})»",
                    letter=letter,
                    skipped=", ".join(skipped),
                    previous=SUBPOINT_LETTERS[previous],
                    expected=expected,
                )
                if previous >= 0
                else msg(
                    "subpoint «{letter})» skips {skipped}: after «the start» comes «{expected})»",
                    letter=letter,
                    skipped=", ".join(skipped),
                    expected=expected,
                ),
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
            msg(
                "language sections must come in the order {order}",
                order=", ".join(f"«## {lang}»" for lang in code.languages),
            ),
        )
    for language in code.languages:
        text = article.texts.get(language)
        if text is None:
            if not (article.is_repealed and not article.texts):
                yield rule("B001").at(start, msg("the article has no «## {language}» section", language=language))
            continue
        if article.is_repealed:
            if text.content:
                yield rule("B009").at(
                    text.location, msg("a repealed article keeps its number and title but no text; remove the text")
                )
        elif not text.content:
            yield rule("B005").at(text.location, msg("the «## {language}» section is empty", language=language))
        elif text.parts and text.paragraphs_outside_parts:
            yield from _outside_parts(text)
        elif not text.parts and len(text.points) > 1:
            yield from _between_points(text)
        placeholder = wording.word("placeholder", language)
        for paragraph in text.paragraphs():
            inlines = paragraph.inlines  # the placeholder is one run of text: skip the rest cheaply
            if len(inlines) == 1 and isinstance(inlines[0], Text) and inlines[0].value.strip() == placeholder:
                yield rule("B013").at(
                    paragraph.location,
                    msg(
                        "«{placeholder}» is what `kodeks new` writes: write the article's text here",
                        placeholder=placeholder,
                    ),
                )
        if not article.is_repealed and text.parts and text.points:
            point = text.points[0]
            before = [b for b in text.content[: text.content.index(point)] if isinstance(b, Part)]
            width = (
                plural(
                    "{count} space under «{label}.»",
                    "{count} spaces under «{label}.»",
                    len(before[-1].label) + 2,
                    label=before[-1].label,
                )
                if before
                else msg("3 spaces under «1.», 4 under «10.»")
            )
            yield rule("B007").at(
                point.location,
                msg(
                    "point {point}) stands directly in an article that has parts; indent it under its part "
                    "by the width of the part's marker ({width})",
                    point=point.label,
                    width=width,
                ),
            )


def _outside_parts(text: ArticleText) -> Iterator[Diagnostic]:
    """An абзац typed without indentation leaves its part: the law has no text between parts."""
    previous = None
    for block in text.content:
        if isinstance(block, Part):
            previous = block
        elif isinstance(block, Paragraph):
            yield rule("B012").at(
                block.location,
                msg(
                    "this paragraph stands outside the parts of an article that has parts: "
                    "indent it by the width of «{part}.» to make it an абзац of part {part}",
                    part=previous.label,
                )
                if previous
                else msg(
                    "this paragraph stands outside the parts of an article that has parts: "
                    "number it as part 1, or indent it under a part"
                ),
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
                        msg(
                            "this paragraph stands between points {previous}) and {next}): indent it by "
                            "the width of «{previous}) » to make it an абзац of point {previous})",
                            previous=previous.label,
                            next=block.label,
                        ),
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
                msg(
                    "«## {language}» has {structure} but «## {reference}» has {reference_structure}",
                    language=text.language,
                    structure=_describe(outline),
                    reference=reference.language,
                    reference_structure=_describe(base_outline),
                ),
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
                    yield rule("P002").at(
                        part.location,
                        _reference_difference(reference.language, base_targets, text.language, targets, part.label),
                    )
        else:
            base_targets = sum(base_by_part.values(), Counter())
            targets = sum(by_part.values(), Counter())
            if base_targets != targets:
                yield rule("P002").at(
                    text.location,
                    _reference_difference(reference.language, base_targets, text.language, targets, None),
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


def _paragraphs(count: int) -> Message:
    return plural("{count} абзац(ы)", "{count} абзац(ы)", count)


def _details(text: ArticleText) -> list[tuple[Message, Message]]:
    """Below parts and points: each unit's абзацы and subpoints, and the notes, as
    ``(where, what)``, in order."""
    details = []

    def point_details(point: Point, where: Message) -> None:
        letters = ", ".join(s.label for s in point.subpoints)
        count = len(point.paragraphs)
        details.append(
            (
                where,
                plural(
                    "{count} абзац(ы) and subpoints {letters}",
                    "{count} абзац(ы) and subpoints {letters}",
                    count,
                    letters=letters,
                )
                if letters
                else _paragraphs(count),
            )
        )

    for part in text.parts:
        details.append((msg("part {part}", part=part.label), _paragraphs(len(part.paragraphs))))
        for point in part.points:
            point_details(point, msg("point {point}) of part {part}", point=point.label, part=part.label))
    if not text.parts:
        details.append((msg("the article"), _paragraphs(len(text.paragraphs_outside_parts))))
    else:  # B012 reports a paragraph outside the parts; the shapes still differ by it
        outside = len(text.paragraphs_outside_parts)
        details.append((msg("outside the parts"), _paragraphs(outside) if outside else msg("none")))
    for point in text.points:
        point_details(point, msg("point {point})", point=point.label))
    notes = text.notes
    numbered = ", ".join(n.label for n in notes.numbered) if notes else ""
    details.append(
        (
            msg("the notes"),
            msg("none")
            if notes is None
            else plural(
                "{count} block(s), numbered {numbered}",
                "{count} block(s), numbered {numbered}",
                len(notes.content),
                numbered=numbered,
            )
            if numbered
            else plural("{count} block(s)", "{count} block(s)", len(notes.content)),
        )
    )
    return details


def _detail_difference(reference: ArticleText, text: ArticleText) -> Message:
    """The first unit whose details differ (called when the shapes differ)."""
    from itertools import zip_longest

    nothing: tuple[Message | None, Message] = (None, msg("nothing"))
    for (where, base), (other_where, other) in zip_longest(_details(reference), _details(text), fillvalue=nothing):
        if (where, base) != (other_where, other):
            place = where or other_where
            assert place is not None  # the two lists cannot both have run out
            return msg(
                "{where}: «## {language}» has {details} but «## {reference}» has {reference_details}",
                where=place,
                language=text.language,
                details=other,
                reference=reference.language,
                reference_details=base,
            )
    return msg(
        "«## {language}» and «## {reference}» are built differently",
        language=text.language,
        reference=reference.language,
    )


def _describe(outline: list[tuple[str, tuple[str, ...]]]) -> Message:
    """«parts 1., 2. with 3 points 1)–3), 3.» or «no parts, 5 points 1)–5)»: the structure as read."""

    def points(labels: tuple[str, ...]) -> Message | None:
        if len(labels) == 1:
            return msg("point {point})", point=labels[0])
        if not labels:
            return None
        return plural(
            "{count} point {first})–{last})",
            "{count} points {first})–{last})",
            len(labels),
            first=labels[0],
            last=labels[-1],
        )

    if outline and outline[0][0] == "":
        named = points(outline[0][1])
        return msg("no parts, {points}", points=named) if named else msg("no parts and no points")
    items: list[Param] = []
    for label, pts in outline:
        named = points(pts)
        items.append(msg("{part}. with {points}", part=label, points=named) if named else f"{label}.")
    return msg("parts {parts}", parts=listed(items))


def _reference_difference(
    base_language: str,
    base_targets: Counter[ReferenceTarget],
    language: str,
    targets: Counter[ReferenceTarget],
    part: str | None,
) -> Message:
    """In ``part`` (None: the article without parts), the targets only one language refers to."""
    only_base = sorted(str(t) for t in (base_targets - targets).elements())
    only_other = sorted(str(t) for t in (targets - base_targets).elements())
    details: list[Message] = []
    if only_base:
        details.append(msg("only {language} refers to {targets}", language=base_language, targets=", ".join(only_base)))
    if only_other:
        details.append(msg("only {language} refers to {targets}", language=language, targets=", ".join(only_other)))
    said: Param = details[0] if len(details) == 1 else msg("{first}; {second}", first=details[0], second=details[1])
    if part is None:
        return msg("in the article, {differences}", differences=said)
    return msg("in part {part}, {differences}", part=part, differences=said)
