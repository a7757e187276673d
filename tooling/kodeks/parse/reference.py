"""The reference syntax: where a link leads, as one plain Markdown link GitHub renders.

    art:ID                      an article              ch:ID / sec:ID   a chapter, a section
    art:ID#2                    part 2                  art:ID#.3        point 3 (no parts)
    art:ID#2.3                  point 3 of part 2       art:ID#2.3.б     its subpoint «б»
    art:ID#2.abz2               абзац 2 of part 2       art:ID#abz2      абзац 2 of the article
    act:ID                      another act             act:ID/17#1.2    its article 17, part 1, point 2
    art:ID#2,2-1                parts 2 and 2-1         art:A,art:B      two articles
    art:ID#2~6                  parts 2 to 6            art:A~art:C      articles A to C

A target after ``,`` or ``~`` that has no ``kind:`` keeps the unit (kind, id, act article) of the
one before it and gives only its locator. One grammar serves links and ``sources:``.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import replace
from functools import lru_cache

from ..model import SUBPOINT_LETTERS, LegalNumber, ReferenceTarget, TargetKind

_UNIT = re.compile(
    r"(?P<kind>art|ch|sec|act):(?P<id>[a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?:/(?P<article>[0-9]+(?:-[0-9]+)*))?"
)
MAX_TARGETS = 50
"""More targets in one link is not a reference a law makes; it bounds the work of a hostile link."""

SYNTAX = (
    "art:ID, art:ID#2, art:ID#2.3, art:ID#.3, art:ID#2.3.б, art:ID#2.abz2, ch:ID, sec:ID, act:ID, "
    "act:ID/17#1.2; several as art:ID#2,3 and a range as art:ID#2~6"
)


@lru_cache(maxsize=8192)
def parse_references(href: str) -> tuple[ReferenceTarget, ...] | None:
    """The targets of a link's ``href``; None when it is not valid reference syntax (cached: the
    targets are frozen, and a Code links the same units many times)."""
    href = urllib.parse.unquote(href)
    items = href.split(",")
    if len(items) > MAX_TARGETS:
        return None
    targets: list[ReferenceTarget] = []
    previous: ReferenceTarget | None = None
    for item in items:
        ends = item.split("~")
        if len(ends) > 2:
            return None
        first = _parse_one(ends[0], previous)
        if first is None:
            return None
        target = first
        if len(ends) == 2:
            last = _parse_one(ends[1], first)
            if last is None or last == first or last.kind is not first.kind:
                return None
            target = replace(first, through=last)
        targets.append(target)
        previous = first
    return tuple(targets)


def parse_reference(href: str) -> ReferenceTarget | None:
    """A single target (no list, no range), as ``sources:`` takes it."""
    targets = parse_references(href)
    if targets is None or len(targets) != 1 or targets[0].through is not None:
        return None
    return targets[0]


def _parse_one(text: str, previous: ReferenceTarget | None) -> ReferenceTarget | None:
    unit = _UNIT.match(text)
    if unit is not None:
        kind = TargetKind(unit["kind"])
        article = _number(unit["article"]) if unit["article"] else None
        if unit["article"] and (article is None or kind is not TargetKind.ACT):
            return None
        rest = text[unit.end() :]
        if not rest:
            return ReferenceTarget(kind, unit["id"], article=article)
        if not rest.startswith("#"):
            return None
        locator = rest[1:]
        base = ReferenceTarget(kind, unit["id"], article=article)
    elif previous is not None:
        locator, base = text, ReferenceTarget(previous.kind, previous.id, article=previous.article)
    else:
        return None
    return _located(base, locator)


def _located(base: ReferenceTarget, locator: str) -> ReferenceTarget | None:
    """``base`` narrowed by ``2.3.б`` / ``.3`` / ``2.abz2`` / ``abz2``; None if malformed or
    if the unit cannot hold parts (a chapter, a section, a whole act)."""
    if not locator:
        return None
    paragraph = None
    components = locator.split(".")
    if components[-1].startswith("abz"):
        digits = components.pop()[3:]
        if not digits.isdigit() or digits.startswith("0") or len(digits) > 3:
            return None
        paragraph = int(digits)
    if len(components) > 3:
        return None
    part_text, point_text, subpoint = (components + ["", "", ""])[:3]
    part = _number(part_text) if part_text else None
    point = _number(point_text) if point_text else None
    if (part_text and part is None) or (point_text and point is None):
        return None
    if subpoint and (len(subpoint) != 1 or subpoint not in SUBPOINT_LETTERS or point is None):
        return None
    if len(components) >= 2 and point is None and not subpoint:
        return None  # «2.» names no point
    if part is None and point is None and paragraph is None:
        return None
    if base.kind in (TargetKind.CHAPTER, TargetKind.SECTION) or (base.kind is TargetKind.ACT and base.article is None):
        return None
    return ReferenceTarget(base.kind, base.id, part, point, subpoint or None, paragraph, base.article)


def _number(text: str) -> LegalNumber | None:
    return LegalNumber.parse(text)
