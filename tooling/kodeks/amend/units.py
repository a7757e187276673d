"""The units of an article as amending laws name and change them: their paragraphs, their
children, a sibling by number, a term replaced throughout."""

from __future__ import annotations

import re

from ..instruction import Instruction
from ..model import (
    ArticleText,
    Paragraph,
    Part,
    Point,
    Subpoint,
)
from ..printed import printed

NUMBER_LINE = re.compile(r"^number:\s*[\"']?(\d+(?:-\d+)*)[\"']?\s*$", re.MULTILINE)


def unit_paragraphs(unit: ArticleText | Part | Point | Subpoint) -> list[Paragraph]:
    """Every paragraph of a unit, its children's included, in reading order."""
    if isinstance(unit, Subpoint):
        return [unit.paragraph]
    if isinstance(unit, Point):
        return [b if isinstance(b, Paragraph) else b.paragraph for b in unit.content]
    found: list[Paragraph] = []
    for block in unit.content:
        if isinstance(block, Paragraph):
            found.append(block)
        elif isinstance(block, (Part, Point)):
            found += unit_paragraphs(block)
        else:  # notes: compared as a whole by the article
            continue
    return found


def added_label(instruction: Instruction) -> str:
    """The number (or letter) of the one unit an ADD instruction adds."""
    path = instruction.path
    assert path is not None
    value = path.subpoint if path.kind == "subpoint" else path.point if path.kind == "point" else path.part
    return str(value)


def unit_children(unit: ArticleText | Part | Point) -> list[Part | Point | Subpoint]:
    if isinstance(unit, ArticleText):
        return list(unit.parts) or list(unit.points)
    if isinstance(unit, Part):
        return list(unit.points)
    return list(unit.subpoints)


def unit_label(unit: Part | Point | Subpoint) -> str:
    return f"{unit.label}." if isinstance(unit, Part) else f"{unit.label})"


def unit_lines(text: ArticleText, unit: Part | Point | Subpoint) -> list[str]:
    if isinstance(unit, Part):
        return printed(text, part=unit)
    if isinstance(unit, Point):
        return printed(text, point=unit)
    return printed(text, subpoint=unit)


def replace_throughout(text: str, old: str, new: str) -> str:
    """Every occurrence of ``old`` that stands as whole words replaced by ``new``."""
    return re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", lambda _: new, text)
