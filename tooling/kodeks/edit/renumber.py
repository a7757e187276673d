"""Numbers and the wordings that cite them changed in place: `kodeks renumber`, and the
references a move or a removal touches."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from .. import citation, references, wording
from ..diagnostics import SourceLocation
from ..messages import Message, msg
from ..model import (
    SUBPOINT_LETTERS,
    Code,
    LegalNumber,
    Link,
    Numbering,
    Point,
    ReferenceTarget,
    Stage,
    TargetKind,
    references_text,
    roman,
)
from .front_matter import REFERENCE_SCALAR, value_edit
from .texts import CodeProblemsError, Edit, EditError, Texts

_NUMBER = wording.NUMBER
_ROMAN = wording.ROMAN
_UNIT_OF_KIND = {TargetKind.ARTICLE: "article", TargetKind.CHAPTER: "chapter", TargetKind.SECTION: "section"}
_ANY_NUMBER = re.compile(rf"(?<![\w-])({_NUMBER}|{_ROMAN})(?![\w])")


def link_label_span(texts: Texts, link: Link) -> tuple[int, int] | None:
    """Where the label of ``[label](href)`` is written, or None if it cannot be found exactly."""
    text = texts.files[link.location.path]
    start = texts.offset(link.location)
    if start >= len(text) or text[start] != "[":
        return None
    end = text.find("](" + link.href + ")", start)
    if end < 0 or ("\n" in text[start:end] and text.count("[", start + 1, end)):
        return None
    return start + 1, end


def relabel(
    label: str, language: str, changes: Mapping[str, Mapping[str, str]], overrides: citation.WordOverrides = ()
) -> str | None:
    """The label with each number changed in its role: ``{"article": {"5": "6"}}`` turns
    «статьями 5 и 7» into «статьями 6 и 7». None when a number to change is not found in its
    role (then the drafter must look)."""
    if not changes:
        return label
    if not citation.understands(language):
        return _relabel_single(label, changes)
    pieces, position, changed = [], 0, set()
    for mention in citation.read(label, language, overrides):
        for value in mention.values:
            new = changes.get(mention.role, {}).get(value.text)
            if new is not None and value.start >= position:
                pieces += [label[position : value.start], new]
                position = value.end
                changed.add((mention.role, value.text))
    wanted = {(role, old) for role, mapping in changes.items() for old in mapping}
    if changed != wanted:
        return None
    return "".join(pieces) + label[position:]


def _relabel_single(label: str, changes: Mapping[str, Mapping[str, str]]) -> str | None:
    """In a language kodeks cannot read citations of, only a label with one number is changed."""
    pairs = [pair for mapping in changes.values() for pair in mapping.items()]
    matches = list(_ANY_NUMBER.finditer(label))
    if len(pairs) != 1 or len(matches) != 1 or matches[0].group(1) != pairs[0][0]:
        return None
    return label[: matches[0].start(1)] + pairs[0][1] + label[matches[0].end(1) :]


def _stored_numbers(code: Code) -> dict[tuple[TargetKind, str], str]:
    """The numbers as the files have them now, which the references were written with."""
    numbers = {}
    for section in code.sections:
        if section.number is not None and not section.number.is_insertion:
            numbers[(TargetKind.SECTION, section.id)] = roman(section.number.components[0])
    for chapter in code.chapters:
        if chapter.number is not None:
            numbers[(TargetKind.CHAPTER, chapter.id)] = str(chapter.number)
    for article in code.articles.values():
        if article.number is not None:
            numbers[(TargetKind.ARTICLE, article.id)] = str(article.number)
    return numbers


def _target_number(numbering: Numbering, target: ReferenceTarget) -> str | None:
    if target.kind is TargetKind.ARTICLE:
        number = numbering.articles.get(target.id)
    elif target.kind is TargetKind.CHAPTER:
        number = numbering.chapters.get(target.id)
    elif target.kind is TargetKind.SECTION:
        section = numbering.sections.get(target.id)
        return roman(section.components[0]) if section and not section.is_insertion else None
    else:
        return None
    return None if number is None else str(number)


def renumber_edits(code: Code, texts: Texts, unresolved: list[Link] | None = None) -> list[Edit]:
    """Numbers from the structure (draft stage), and every link text that carries them.

    Links whose wording cannot be updated unambiguously are left as written and added to
    ``unresolved``, so that the drafter is told without parsing the Code again.
    """
    if code.stage is not Stage.DRAFT:
        raise EditError(
            msg(
                "the Code is in force: numbers are frozen (a new article between 12 and 13 is 12-1); "
                "renumbering would change the law's citations"
            )
        )
    numbering = code.numbering()
    edits: list[Edit] = []

    def number_edit(location: SourceLocation, stored: LegalNumber | None, wanted: LegalNumber | None) -> None:
        if wanted is not None and stored != wanted and location.path in texts.files:
            edit = value_edit(texts, location, str(wanted))
            if edit:
                edits.append(edit)

    for section in code.sections:
        number_edit(section.number_location, section.number, numbering.sections.get(section.id))
    for chapter in code.chapters:
        number_edit(chapter.number_location, chapter.number, numbering.chapters.get(chapter.id))
    for article in code.articles.values():
        if "number" in article.key_locations:
            number_edit(article.key_locations["number"], article.number, numbering.articles.get(article.id))
    stored = _stored_numbers(code)
    for article in code.articles.values():
        for language, link in article.links():
            changes: dict[str, dict[str, str]] = {}
            for target in link.targets:
                for end in target.ends():
                    if end.kind is TargetKind.ACT or (end.kind is TargetKind.ARTICLE and end.id == article.id):
                        continue
                    old, new = stored.get((end.kind, end.id)), _target_number(numbering, end)
                    if old is not None and new is not None and old != new:
                        changes.setdefault(_UNIT_OF_KIND[end.kind], {})[old] = new
            if not changes:
                continue
            span = link_label_span(texts, link)
            label = texts.files[link.location.path][span[0] : span[1]] if span else None
            new_label = relabel(label, language, changes, code.unit_words.get(language, ())) if label else None
            if new_label is None or span is None:
                if unresolved is not None:
                    unresolved.append(link)
            elif new_label != label:
                edits.append(Edit(link.location.path, span[0], span[1], new_label))
    return edits


def references_to(code: Code, unit_id: str, within: ReferenceTarget | None = None) -> list[Link]:
    """Every link that points at the unit (for an article: at it or any unit inside it; with
    ``within``, at that part, point, subpoint or абзац or inside it), as one of several targets or
    inside a range («статьями 5–7» refers to article 6)."""

    def covers(member: ReferenceTarget) -> bool:
        if member.id != unit_id:
            return False
        if within is None:
            return True
        return all(
            wanted is None or getattr(member, name) == wanted
            for name, wanted in (
                ("part", within.part),
                ("point", within.point),
                ("subpoint", within.subpoint),
                ("paragraph", within.paragraph),
            )
        )

    found = []
    for article in code.ordered_articles():
        for language, link in article.links():
            members = (m for t in link.targets for m in references.range_members(code, language, t))
            if any(covers(member) for member in members):
                found.append(link)
    return found


_MARKER = re.compile(r"[ \t]*(\d+(?:-\d+)*)[.)]")


def _marker_edit(texts: Texts, location: SourceLocation, number: int) -> Edit | None:
    start = texts.offset(SourceLocation(location.path, location.line, 1))
    match = _MARKER.match(texts.files[location.path], start)
    if match is None or match.group(1) == str(number):
        return None
    return Edit(location.path, match.start(1), match.end(1), str(number))


def renumber_parts_edits(code: Code, texts: Texts, article_id: str) -> list[Edit]:
    """Parts and points of one article numbered 1, 2, 3 … in order, subpoints lettered а, б, в …,
    in every language, and every reference to them (target and wording) in the whole Code.

    When two parts carry the same number (a part inserted with its neighbour's number), a
    reference to that number is taken to mean the one that was there before: the last of them,
    since a new part is written before the part it pushes down.
    """
    if code.stage is not Stage.DRAFT:
        raise EditError(msg("the Code is in force: parts and points keep their numbers (a new part after 3 is 3-1)"))
    article = code.articles.get(article_id)
    if article is None:
        raise EditError(msg("no article `{id}`", id=article_id))
    edits: list[Edit] = []
    part_map: dict[LegalNumber, LegalNumber] = {}
    point_map: dict[tuple[LegalNumber | None, LegalNumber], LegalNumber] = {}
    letter_map: dict[tuple[LegalNumber | None, LegalNumber | None, str], str] = {}
    for text in article.texts.values():
        for index, part in enumerate(text.parts, start=1):
            if part.number is not None:
                part_map[part.number] = LegalNumber.of(index)
            edit = _marker_edit(texts, part.location, index)
            edits.extend([edit] if edit else [])
            for point_index, point in enumerate(part.points, start=1):
                if point.number is not None and part.number is not None:
                    point_map[(part.number, point.number)] = LegalNumber.of(point_index)
                edit = _marker_edit(texts, point.location, point_index)
                edits.extend([edit] if edit else [])
                edits.extend(_letter_edits(texts, point, (part.number, point.number), letter_map))
        for point_index, point in enumerate(text.points, start=1):
            if point.number is not None:
                point_map[(None, point.number)] = LegalNumber.of(point_index)
            edit = _marker_edit(texts, point.location, point_index)
            edits.extend([edit] if edit else [])
            edits.extend(_letter_edits(texts, point, (None, point.number), letter_map))
    dangling = [
        msg("{location}: «{text}» names {unit}", location=str(link.location), text=link.text, unit=missing)
        for referring in code.ordered_articles()
        for _, link in referring.links()
        for target in link.targets
        for end in target.ends()
        if end.kind is TargetKind.ARTICLE and end.id == article_id
        for missing in [_missing_in_maps(end, part_map, point_map, letter_map)]
        if missing
    ]
    if dangling:
        # Renumbering would point these at whatever unit takes the number: refuse instead.
        raise CodeProblemsError(
            msg(
                "references name units of `{id}` that no longer exist; point them at the right unit first:\n{references}",
                id=article_id,
                references="\n".join(str(line) for line in dangling),
            )
        )
    for referring in code.articles.values():
        for language, link in referring.links():
            if not any(t.kind is TargetKind.ARTICLE and t.id == article_id for t in link.targets):
                continue
            changes: dict[str, dict[str, str]] = {}
            targets = tuple(
                replace(
                    _moved(t, article_id, part_map, point_map, letter_map, changes),
                    through=_moved(t.through, article_id, part_map, point_map, letter_map, changes)
                    if t.through
                    else None,
                )
                for t in link.targets
            )
            if targets != link.targets:
                overrides = code.unit_words.get(language, ())
                edits.extend(_retarget(texts, link, language, targets, changes, overrides))
    # The comment register names units by number too; one whose unit is gone stays for V001.
    for review_round in code.reviews:
        for entry in review_round.entries:
            if entry.unit.id != article_id or entry.unit_location is None:
                continue
            if _missing_in_maps(entry.unit, part_map, point_map, letter_map):
                continue
            moved = _moved(entry.unit, article_id, part_map, point_map, letter_map, {})
            edit = value_edit(texts, entry.unit_location, str(moved), REFERENCE_SCALAR) if moved != entry.unit else None
            edits.extend([edit] if edit else [])
    return edits


def _missing_in_maps(
    end: ReferenceTarget,
    part_map: Mapping[LegalNumber, LegalNumber],
    point_map: Mapping[tuple[LegalNumber | None, LegalNumber], LegalNumber],
    letter_map: Mapping[tuple[LegalNumber | None, LegalNumber | None, str], str],
) -> Message | None:
    """What a reference names that the article does not have (any more), in words."""
    if end.part is not None and end.part not in part_map:
        return msg("part {part}", part=str(end.part))
    if end.point is not None and (end.part, end.point) not in point_map:
        if end.part:
            return msg("point {point} of part {part}", point=str(end.point), part=str(end.part))
        return msg("point {point}", point=str(end.point))
    if end.subpoint is not None and (end.part, end.point, end.subpoint) not in letter_map:
        return msg("subpoint «{subpoint}» of point {point}", subpoint=end.subpoint, point=str(end.point))
    return None


def _moved(
    end: ReferenceTarget,
    article_id: str,
    part_map: Mapping[LegalNumber, LegalNumber],
    point_map: Mapping[tuple[LegalNumber | None, LegalNumber], LegalNumber],
    letter_map: Mapping[tuple[LegalNumber | None, LegalNumber | None, str], str],
    changes: dict[str, dict[str, str]],
) -> ReferenceTarget:
    """``end`` with its part, point and subpoint renumbered; the numbers changed are added to
    ``changes``."""
    if end.kind is not TargetKind.ARTICLE or end.id != article_id:
        return end
    part = part_map.get(end.part, end.part) if end.part else None
    point = point_map.get((end.part, end.point), end.point) if end.point else None
    letter = letter_map.get((end.part, end.point, end.subpoint), end.subpoint) if end.subpoint else None
    for role, before, after in (
        ("part", end.part, part),
        ("point", end.point, point),
        ("subpoint", end.subpoint, letter),
    ):
        if before is not None and after is not None and before != after:
            changes.setdefault(role, {})[str(before)] = str(after)
    return replace(end, part=part, point=point, subpoint=letter)


_LETTER_MARKER = re.compile(r"[ \t]*([а-яё])\)")


def _letter_edits(
    texts: Texts,
    point: Point,
    key: tuple[LegalNumber | None, LegalNumber | None],
    letter_map: dict[tuple[LegalNumber | None, LegalNumber | None, str], str],
) -> list[Edit]:
    """Subpoints lettered а, б, в … in order (the letters of :data:`SUBPOINT_LETTERS`)."""
    edits = []
    for index, subpoint in enumerate(point.subpoints[: len(SUBPOINT_LETTERS)]):
        letter = SUBPOINT_LETTERS[index]
        letter_map[(*key, subpoint.label)] = letter
        start = texts.offset(SourceLocation(subpoint.location.path, subpoint.location.line, 1))
        match = _LETTER_MARKER.match(texts.files[subpoint.location.path], start)
        if match is not None and match.group(1) != letter:
            edits.append(Edit(subpoint.location.path, match.start(1), match.end(1), letter))
    return edits


def _retarget(
    texts: Texts,
    link: Link,
    language: str,
    targets: tuple[ReferenceTarget, ...],
    changes: Mapping[str, Mapping[str, str]],
    overrides: citation.WordOverrides,
) -> list[Edit]:
    """Point a link at ``targets`` and make its wording carry the new part and point numbers."""
    span = link_label_span(texts, link)
    if span is None:
        return []
    label = texts.files[link.location.path][span[0] : span[1]]
    new_label = relabel(label, language, changes, overrides)
    href_start = span[1] + 2
    return [
        Edit(link.location.path, span[0], span[1], label if new_label is None else new_label),
        Edit(link.location.path, href_start, href_start + len(link.href), references_text(targets)),
    ]
