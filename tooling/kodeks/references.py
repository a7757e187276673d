"""References checked: every target exists, ranges run forward, and the words carry the numbers.

A link may name several units («частями 2 и 2-1») and ranges («статьями 5–7»); each target is
checked, and its numbers must stand in the wording in their roles and in the order the language
cites them (see :mod:`citation`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import NamedTuple

from . import citation
from .diagnostics import Diagnostic
from .messages import Message, msg
from .model import (
    SUBPOINT_LETTERS,
    Article,
    ArticleText,
    Code,
    LegalNumber,
    Link,
    Numbering,
    Paragraph,
    Part,
    Point,
    ReferenceTarget,
    Stage,
    Subpoint,
    TargetKind,
    from_roman,
    roman,
)
from .rules import rule

_ARABIC = re.compile(r"(?<![0-9])[0-9]+(?:-[0-9]+)*")
_ROMAN = re.compile(r"\b[IVXLCDM]+\b")


class Place(NamedTuple):
    """Where a link stands: its article, and the part and point it is written in."""

    article: Article
    language: str
    part: Part | None
    point: Point | None


def placed_links(article: Article) -> Iterator[tuple[Place, Link]]:
    for language, text in article.texts.items():
        for line in text.printed():
            if line.paragraph is not None:
                place = Place(article, language, line.part, line.point)
                for link in line.paragraph.links:
                    yield place, link


def check(
    code: Code,
    numbering: Numbering,
    article: Article,
    unreadable: Collection[str],
    placed: Iterable[tuple[Place, Link]],
) -> Iterator[Diagnostic]:
    for source in article.sources:
        location = source.location or article.location_of("sources")
        if source.target.id not in code.acts:
            yield rule("R006").at(
                location, msg("source act `{act}` is not listed under `acts:` in code.yaml", act=source.target.id)
            )
            continue
        missing = _missing_in_act(code, source.target, None)
        if missing:
            yield rule("R003").at(
                location, msg("source `{source}`: {missing}", source=str(source.target), missing=missing)
            )
    for place, link in placed:
        if not link.targets:
            continue
        problems = list(_target_problems(code, place, link, unreadable))
        yield from problems
        if not problems:
            yield from _wording(code, numbering, place, link)


def _target_problems(code: Code, place: Place, link: Link, unreadable: Collection[str]) -> Iterator[Diagnostic]:
    for target in link.targets:
        for end in target.ends():
            yield from _end_problems(code, place, link, end, unreadable)
        if target.through is not None:
            problem = _range_problem(code, target)
            if problem:
                yield rule("R008").at(link.location, msg("`{target}`: {problem}", target=str(target), problem=problem))


def _end_problems(
    code: Code, place: Place, link: Link, target: ReferenceTarget, unreadable: Collection[str]
) -> Iterator[Diagnostic]:
    if target.kind is TargetKind.ACT:
        if target.id not in code.acts:
            yield rule("R006").at(
                link.location, msg("act `{act}` is not listed under `acts:` in code.yaml", act=target.id)
            )
            return
        missing = _missing_in_act(code, target, place.language)
        if missing:
            yield rule("R003").at(link.location, missing)
    elif target.kind is TargetKind.CHAPTER:
        if code.find_chapter(target.id) is None:
            yield rule("R002").at(link.location, msg("no chapter `{id}`", id=target.id))
    elif target.kind is TargetKind.SECTION:
        if code.find_section(target.id) is None:
            yield rule("R002").at(link.location, msg("no section `{id}`", id=target.id))
    else:
        referenced = code.articles.get(target.id)
        if referenced is None:
            if target.id not in unreadable:
                nearest = difflib.get_close_matches(target.id, sorted(code.articles), n=1)
                yield rule("R002").at(
                    link.location,
                    msg("no article `{id}`; did you mean `{nearest}`?", id=target.id, nearest=nearest[0])
                    if nearest
                    else msg("no article `{id}`", id=target.id),
                )
            return
        if referenced.is_repealed:
            yield rule("R005").at(
                link.location, msg("article {number} (`{id}`) is repealed", number=str(referenced.number), id=target.id)
            )
        missing = missing_unit(referenced, place.language, target)
        if missing:
            yield rule("R003").at(
                link.location,
                msg(
                    "article {number} (`{id}`) has no {missing}",
                    number=str(referenced.number),
                    id=target.id,
                    missing=missing,
                ),
            )


def _missing_in_act(code: Code, target: ReferenceTarget, language: str | None) -> Message | None:
    """What a reference into another act names that the act's text lacks; None when the act
    has no text in the repository (nothing to check against) or the unit exists."""
    text = code.acts[target.id].text
    if text is None or target.article is None:
        return None
    cited = code.cited_article(target)
    if cited is None:
        return msg("act `{act}` has no article {article}", act=target.id, article=str(target.article))
    missing = missing_unit(cited, language or text.languages[0], target)
    if missing is None:
        return None
    return msg(
        "article {article} of act `{act}` has no {missing}", article=str(target.article), act=target.id, missing=missing
    )


def _text(article: Article, language: str) -> ArticleText | None:
    return article.texts.get(language) or next(iter(article.texts.values()), None)


def missing_unit(article: Article, language: str, target: ReferenceTarget) -> Message | None:
    """What ``target`` names inside ``article`` that the article lacks, in words; None when it exists."""
    text = _text(article, language)
    if text is None:
        return None
    found = find_unit(text, target)
    return found if isinstance(found, Message) else None


Unit = ArticleText | Part | Point | Subpoint | Paragraph


def find_unit(text: ArticleText, target: ReferenceTarget) -> Unit | Message:
    """The unit ``target`` names in ``text``, or what is missing, as the object of «… has no …»."""
    unit: ArticleText | Part | Point | Subpoint = text
    part_number, point_number = str(target.part), str(target.point)
    if target.part is not None:
        part = text.find_part(target.part)
        if part is None:
            return msg("part {part}", part=part_number)
        unit = part
    elif target.point is not None and text.parts:
        return msg(
            "point {point} outside its parts (write {kind}:{id}#PART.{point})",
            point=point_number,
            kind=target.kind.value,
            id=target.id,
        )
    if target.point is not None:
        points = unit.points if isinstance(unit, (Part, ArticleText)) else ()
        point = next((p for p in points if p.number == target.point), None)
        if point is None:
            if target.part is None:
                return msg("point {point}", point=point_number)
            return msg("point {point} in part {part}", point=point_number, part=part_number)
        unit = point
    if target.subpoint is not None:
        assert isinstance(unit, Point)
        subpoint = next((s for s in unit.subpoints if s.label == target.subpoint), None)
        letter = target.subpoint
        if subpoint is None:
            if target.part is None:
                return msg("subpoint «{subpoint}» in point {point}", subpoint=letter, point=point_number)
            return msg(
                "subpoint «{subpoint}» in point {point} in part {part}",
                subpoint=letter,
                point=point_number,
                part=part_number,
            )
        unit = subpoint
    if target.paragraph is not None:
        paragraphs = own_paragraphs(unit)
        if target.paragraph > len(paragraphs):
            return _missing_paragraph(target, len(paragraphs))
        return paragraphs[target.paragraph - 1]
    return unit


def _missing_paragraph(target: ReferenceTarget, count: int) -> Message:
    """«абзац 3 in point 2 in part 1 (it has 2)»: one sentence for each unit an абзац can stand in."""
    paragraph, part, point, subpoint = target.paragraph or 0, str(target.part), str(target.point), target.subpoint
    if target.subpoint is not None and target.part is not None:
        return msg(
            "абзац {paragraph} in subpoint «{subpoint}» in point {point} in part {part} (it has {count})",
            paragraph=paragraph, subpoint=subpoint or "", point=point, part=part, count=count,
        )  # fmt: skip
    if target.subpoint is not None:
        return msg(
            "абзац {paragraph} in subpoint «{subpoint}» in point {point} (it has {count})",
            paragraph=paragraph, subpoint=subpoint or "", point=point, count=count,
        )  # fmt: skip
    if target.point is not None and target.part is not None:
        return msg(
            "абзац {paragraph} in point {point} in part {part} (it has {count})",
            paragraph=paragraph, point=point, part=part, count=count,
        )  # fmt: skip
    if target.point is not None:
        return msg("абзац {paragraph} in point {point} (it has {count})", paragraph=paragraph, point=point, count=count)
    if target.part is not None:
        return msg("абзац {paragraph} in part {part} (it has {count})", paragraph=paragraph, part=part, count=count)
    return msg("абзац {paragraph} (it has {count})", paragraph=paragraph, count=count)


def own_paragraphs(unit: ArticleText | Part | Point | Subpoint) -> tuple[Paragraph, ...]:
    """The абзацы of a unit: its own unnumbered paragraphs, in order (its points and subpoints
    are not абзацы of it)."""
    if isinstance(unit, Subpoint):
        return (unit.paragraph,)
    if isinstance(unit, ArticleText):
        return unit.paragraphs_outside_parts
    return unit.paragraphs


def _range_problem(code: Code, target: ReferenceTarget) -> Message | None:
    """Why a range cannot be read: ends of different kinds of unit, or an end that does not
    come after the start; None for a good range."""
    first, last = target.ends()
    if first.kind in (TargetKind.CHAPTER, TargetKind.SECTION):
        units = [c.id for c in code.chapters] if first.kind is TargetKind.CHAPTER else [s.id for s in code.sections]
        return _order_problem(units, first.id, last.id)
    if first.kind is TargetKind.ARTICLE and first.id != last.id:
        if first.locator or last.locator:
            return msg("a range of articles runs from one whole article to another")
        return _order_problem(list(dict.fromkeys(e.id for e in code.article_order())), first.id, last.id)
    if first.id != last.id:
        return msg("a range stays inside one act")
    if first.article != last.article and (first.locator or last.locator):
        return msg("a range of an act's articles runs from one whole article to another")
    if _level(first) != _level(last):
        return msg("both ends of a range must be units of one kind (parts, or points of one part, …)")
    start, stop = _rank(first), _rank(last)
    if start is not None and stop is not None and start >= stop:
        return msg(
            "{last} does not come after {first}",
            last=str(last.locator or last.article),
            first=str(first.locator or first.article),
        )
    return None


def _order_problem(order: list[str], first: str, last: str) -> Message | None:
    if first in order and last in order and order.index(first) >= order.index(last):
        return msg("`{last}` does not come after `{first}`", last=last, first=first)
    return None


def _level(target: ReferenceTarget) -> tuple[object, ...] | None:
    """Ends of a range are the same kind of unit inside the same parent."""
    if target.paragraph is not None:
        return ("paragraph", target.part, target.point, target.subpoint)
    if target.subpoint is not None:
        return ("subpoint", target.part, target.point)
    if target.point is not None:
        return ("point", target.part)
    if target.part is not None:
        return ("part",)
    if target.article is not None:
        return ("article",)
    return None


def _rank(target: ReferenceTarget) -> tuple[int, ...] | None:
    if target.paragraph is not None:
        return (target.paragraph,)
    if target.subpoint is not None:
        return (SUBPOINT_LETTERS.index(target.subpoint),)
    number = target.point or target.part or target.article
    return number.components if number else None


# --- wording ------------------------------------------------------------------------------


def _expected(
    numbering: Numbering, place: Place, link: Link
) -> tuple[dict[str, list[tuple[str, bool]]], str | None, set[str]]:
    """The values each role must carry, in order; the own article's number (which the wording
    may give or leave out); and the roles whose numbers are unknown, which are not checked."""
    expected: dict[str, list[tuple[str, bool]]] = {}
    unknown: set[str] = set()
    own = None

    def add(role: str, value: object, ends_range: bool) -> None:
        listed = expected.setdefault(role, [])
        if ends_range and (str(value), False) in listed:
            return  # a unit both ends share: «частями 1–3 статьи 5» names article 5 once
        entry = (str(value), ends_range)
        if entry not in listed:
            listed.append(entry)

    for target in link.targets:
        for index, end in enumerate(target.ends()):
            ends_range = index == 1
            role, number = _numbered_unit(numbering, end)
            if role == "article" and end.kind is TargetKind.ARTICLE and end.id == place.article.id:
                own = str(number) if number else None
            elif number is None:
                unknown.add(role)  # the unit has no number yet (reported elsewhere)
            else:
                add(role, number, ends_range)
            if end.part is not None:
                add("part", end.part, ends_range)
            if end.point is not None:
                add("point", end.point, ends_range)
            if end.subpoint is not None:
                add("subpoint", end.subpoint, ends_range)
            if end.paragraph is not None:
                add("paragraph", end.paragraph, ends_range)
    for role in unknown:
        expected.pop(role, None)
    return expected, own, unknown


def _numbered_unit(numbering: Numbering, target: ReferenceTarget) -> tuple[str, LegalNumber | None]:
    """The role and number of the unit a target names before its locator."""
    if target.kind is TargetKind.ARTICLE:
        return "article", numbering.articles.get(target.id)
    if target.kind is TargetKind.ACT:
        return "article", target.article
    if target.kind is TargetKind.CHAPTER:
        return "chapter", numbering.chapters.get(target.id)
    return "section", numbering.sections.get(target.id)


def _normalised(role: str, value: citation.Value, language: str) -> str:
    if role == "paragraph":
        number = citation.ordinal(value.text, language)
        return str(number) if number else value.text
    if role == "section" and _ROMAN.fullmatch(value.text):
        return str(from_roman(value.text))
    return value.text


def _wording(code: Code, numbering: Numbering, place: Place, link: Link) -> Iterator[Diagnostic]:
    language = place.language
    if not citation.understands(language):
        yield from _numbers_only(numbering, place, link)
        return
    mentions = citation.read(link.text, language, _unit_words(code, link, language))
    spaced = _SPACED_HYPHEN.search(link.text)
    if spaced and code.stage is Stage.DRAFT and code.articles.get(place.article.id) is place.article:
        # Published texts print a range so, and it is read as one there; the draft writes an en dash.
        dashed = spaced.group().replace(" - ", "–").replace(" -", "–").replace("- ", "–")
        yield rule("R007").at(
            link.location,
            msg(
                "«{hyphen}» in «{text}»: write the range with an en dash, «{dashed}»",
                hyphen=spaced.group(),
                text=link.text,
                dashed=dashed,
            ),
        )
    expected, own, unknown = _expected(numbering, place, link)
    said: dict[str, list[tuple[str, bool]]] = {}
    this = {m.role for m in mentions if not m.values}
    for mention in mentions:
        for value in mention.values:
            said.setdefault(mention.role, []).append((_normalised(mention.role, value, language), value.ends_range))
    if own is not None and said.get("article") and "article" not in expected:
        said["article"] = [v for v in said["article"] if v[0] != own]
        if not said["article"]:
            del said["article"]
    if "article" in this and any(t.id != place.article.id or t.kind is not TargetKind.ARTICLE for t in link.targets):
        yield rule("R004").at(
            link.location,
            msg(
                "link text «{text}» says «настоящей статьи» / «ушул берене» but points to another article or act "
                "(`{href}`): update the wording",
                text=link.text,
                href=_href(link),
            ),
        )
        return
    if said == expected:
        checked: list[str] = []  # the usual case: every role carries exactly its numbers
    else:
        checked = [role for role in citation.ROLES[::-1] if (role in expected or role in said) and role not in unknown]
    for role in checked:
        wanted, written = expected.get(role, []), said.get(role, [])
        if wanted == written:
            continue
        if not written and role in ("part", "point") and _is_own(role, place, link):
            continue  # «настоящей части», «ушул бөлүктүн», inside or next to the link
        hyphen = _hyphen_range(wanted, written)
        if hyphen:
            dashed = hyphen.replace("-", "–", 1)
            yield rule("R007").at(
                link.location,
                msg(
                    "«{hyphen}» in «{text}» reads as the inserted number {hyphen}: write a range with an en dash "
                    "«{dashed}» (or list the numbers)",
                    hyphen=hyphen,
                    text=link.text,
                    dashed=dashed,
                )
                if hyphen.count("-") == 1
                else msg(
                    "«{hyphen}» in «{text}» reads as the inserted number {hyphen}: write a range with an en dash "
                    "«{dashed}»",
                    hyphen=hyphen,
                    text=link.text,
                    dashed=dashed,
                ),
            )
            return
        yield rule("R004").at(link.location, _mismatch(link, role, wanted, written))
        return
    if citation.out_of_order(mentions, language):
        yield rule("R004").at(
            link.location,
            msg(
                "link text «{text}» names its units in the wrong order: Russian names the smaller unit first, "
                "as in {example} (`{href}`): update the wording",
                text=link.text,
                example="«пункта 3 части 2 статьи 5»",
                href=_href(link),
            )
            if language == "ru"
            else msg(
                "link text «{text}» names its units in the wrong order: Kyrgyz names the larger unit first, "
                "as in {example} (`{href}`): update the wording",
                text=link.text,
                example="«5-берененин 2-бөлүгүнүн 3-пункту»",
                href=_href(link),
            ),
        )


_SPACED_HYPHEN = re.compile(r"\d[⁰¹²³⁴⁵⁶⁷⁸⁹]*\s+-\s+\d")


def _unit_words(code: Code, link: Link, language: str) -> citation.WordOverrides:
    """The words the cited text names its units with: a reference into another act cites it in
    that act's terms («пункт 3 статьи 9 Гражданского кодекса» is its part 3)."""
    acts = {t.id for t in link.targets if t.kind is TargetKind.ACT}
    if len(acts) == 1 and len(link.targets) == sum(t.kind is TargetKind.ACT for t in link.targets):
        text = code.acts[next(iter(acts))].text if next(iter(acts)) in code.acts else None
        if text is not None:
            return text.unit_words.get(language, ())
    return code.unit_words.get(language, ())


def _is_own(role: str, place: Place, link: Link) -> bool:
    """«настоящей части» stands for a part only inside that part (and article)."""
    for target in link.targets:
        for end in target.ends():
            if end.kind is not TargetKind.ARTICLE or end.id != place.article.id:
                return False
            if role == "part" and (place.part is None or end.part != place.part.number):
                return False
            if role == "point" and (place.point is None or end.point != place.point.number):
                return False
    return True


def _hyphen_range(wanted: list[tuple[str, bool]], written: list[tuple[str, bool]]) -> str | None:
    """«частей 2-6» for parts 2 through 6: a value of the wording that joins two wanted numbers."""
    texts = [value for value, _ in wanted]
    for value, _ in written:
        if value in texts or "-" not in value:
            continue
        for split in range(1, value.count("-") + 1):
            pieces = value.split("-")
            head, tail = "-".join(pieces[:split]), "-".join(pieces[split:])
            if head in texts and tail in texts:
                return value
    return None


def _describe(role: str, values: Sequence[tuple[str, bool]]) -> Message:
    """«parts 2, 3», «points 1–4», «subpoint «а»»: the units of a role a wording names."""
    text = ""
    for index, (value, ends_range) in enumerate(values):
        shown = f"«{value}»" if role == "subpoint" else value
        text += shown if index == 0 else (f"–{shown}" if ends_range else f", {shown}")
    one = len(values) == 1
    if role == "paragraph":
        return msg("абзац {numbers}", numbers=text)
    if role == "subpoint":
        return msg("subpoint {numbers}", numbers=text) if one else msg("subpoints {numbers}", numbers=text)
    if role == "point":
        return msg("point {numbers}", numbers=text) if one else msg("points {numbers}", numbers=text)
    if role == "part":
        return msg("part {numbers}", numbers=text) if one else msg("parts {numbers}", numbers=text)
    if role == "article":
        return msg("article {numbers}", numbers=text) if one else msg("articles {numbers}", numbers=text)
    if role == "chapter":
        return msg("chapter {numbers}", numbers=text) if one else msg("chapters {numbers}", numbers=text)
    return msg("section {numbers}", numbers=text) if one else msg("sections {numbers}", numbers=text)


def _mismatch(link: Link, role: str, wanted: list[tuple[str, bool]], written: list[tuple[str, bool]]) -> Message:
    """R004: the wording names other units of ``role`` than the link points to (one of the two may be none)."""
    if not written:
        return msg(
            "link text «{text}» does not name {units} (`{href}`): update the wording",
            text=link.text,
            units=_describe(role, wanted),
            href=_href(link),
        )
    if not wanted:
        return msg(
            "link text «{text}» names {units}, which the link does not point to (`{href}`): update the wording",
            text=link.text,
            units=_describe(role, written),
            href=_href(link),
        )
    return msg(
        "link text «{text}» names {units} where the link points to {targets} (`{href}`): update the wording",
        text=link.text,
        units=_describe(role, written),
        targets=_describe(role, wanted),
        href=_href(link),
    )


def _href(link: Link) -> str:
    return ",".join(str(t) for t in link.targets)


def _numbers_only(numbering: Numbering, place: Place, link: Link) -> Iterator[Diagnostic]:
    """A language whose citations kodeks cannot read: its numbers must at least occur."""
    expected, _, _ = _expected(numbering, place, link)
    found = set(_ARABIC.findall(link.text)) | set(_ROMAN.findall(link.text))
    for role, values in expected.items():
        for value, _ in values:
            shown = roman(int(value)) if role == "section" and value.isdigit() else value
            if value not in found and shown not in found and role not in ("subpoint", "paragraph"):
                yield rule("R004").at(link.location, _number_missing(link, role, shown))
                return


def _number_missing(link: Link, role: str, number: str) -> Message:
    """R004 in a language kodeks cannot read citations of: a number the wording does not carry."""
    text, href = link.text, _href(link)
    if role == "part":
        return msg(
            "link text «{text}» does not carry the number {number} of the part (`{href}`): update the wording",
            text=text, number=number, href=href,
        )  # fmt: skip
    if role == "point":
        return msg(
            "link text «{text}» does not carry the number {number} of the point (`{href}`): update the wording",
            text=text, number=number, href=href,
        )  # fmt: skip
    if role == "chapter":
        return msg(
            "link text «{text}» does not carry the number {number} of the chapter (`{href}`): update the wording",
            text=text, number=number, href=href,
        )  # fmt: skip
    if role == "section":
        return msg(
            "link text «{text}» does not carry the number {number} of the section (`{href}`): update the wording",
            text=text, number=number, href=href,
        )  # fmt: skip
    return msg(
        "link text «{text}» does not carry the number {number} of the article (`{href}`): update the wording",
        text=text, number=number, href=href,
    )  # fmt: skip


def range_members(code: Code, language: str, target: ReferenceTarget) -> list[ReferenceTarget]:
    """The units a target covers: itself, or every unit of a range, both ends included (articles
    in the structure's order; units inside an article in the target article's order)."""
    if target.through is None:
        return [target]
    first, last = target.ends()
    if first.kind is TargetKind.ARTICLE and first.id != last.id:
        order = list(dict.fromkeys(entry.id for entry in code.article_order()))
        if first.id not in order or last.id not in order:
            return [first, last]
        return [ReferenceTarget(TargetKind.ARTICLE, i) for i in order[order.index(first.id) : order.index(last.id) + 1]]
    article = code.articles.get(first.id) if first.kind is TargetKind.ARTICLE else None
    text = _text(article, language) if article else None
    start, stop = _rank(first), _rank(last)
    if text is None or start is None or stop is None or _level(first) != _level(last):
        return [first, last]
    members = []
    for candidate in _siblings(text, first):
        rank = _rank(candidate)
        if rank is not None and start <= rank <= stop:
            members.append(candidate)
    return members


def _siblings(text: ArticleText, target: ReferenceTarget) -> list[ReferenceTarget]:
    """Every unit of the same kind and parent as ``target`` in ``text``, as targets."""
    base = ReferenceTarget(target.kind, target.id)
    if target.paragraph is not None:
        parent = find_unit(text, replace(target, paragraph=None))
        if isinstance(parent, (ArticleText, Part, Point, Subpoint)):
            count = len(own_paragraphs(parent))
            return [replace(target, paragraph=n) for n in range(1, count + 1)]
        return []
    if target.subpoint is not None:
        point = find_unit(text, replace(target, subpoint=None))
        return [replace(target, subpoint=s.label) for s in point.subpoints] if isinstance(point, Point) else []
    if target.point is not None:
        holder: ArticleText | Part | None = text.find_part(target.part) if target.part is not None else text
        points = holder.points if holder is not None else ()
        return [replace(base, part=target.part, point=p.number) for p in points if p.number is not None]
    return [replace(base, part=p.number) for p in text.parts if p.number is not None]
