"""The two texts say the same thing: item N, sub-item x of an amending law names the same unit
and the same operation in every version."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace

from ..instruction import Instruction, Op, UnitPath
from ..model import (
    Article,
    Code,
    Part,
    Point,
    ReferenceTarget,
    Subpoint,
    TargetKind,
)
from ..printed import article_lines, is_repealed_text
from ..references import find_unit
from .units import unit_label, unit_lines

_WORDS = (Op.REPLACE, Op.INSERT_AFTER, Op.INSERT_BEFORE)


_WHOLE = (Op.RESTATE, Op.REPEAL, Op.ADD)


_TITLE = "title"


UnitKey = UnitPath | str


def _unit_key(instruction: Instruction) -> UnitKey:
    """The unit an instruction belongs to: an абзац's unit, a new unit itself, the title."""
    if instruction.op is Op.RETITLE:
        return _TITLE
    path = instruction.path
    assert path is not None
    return UnitPath(path.article, path.part, path.point, path.subpoint)


def _within(key: UnitKey, unit: UnitPath) -> bool:
    """Whether ``key`` is ``unit`` or inside it (an article's title is inside the article)."""
    if isinstance(key, str):
        return unit.kind == "article"
    names = (unit.part, unit.point, unit.subpoint)
    theirs = (key.part, key.point, key.subpoint)
    return all(mine is None or mine == other for mine, other in zip(names, theirs, strict=True))


def _depth(key: UnitKey) -> int:
    return -1 if isinstance(key, str) else ("article", "part", "point", "subpoint").index(key.kind)


def _legal_order(key: UnitKey) -> tuple[object, ...]:
    if isinstance(key, str):
        return (0,)
    return (
        1,
        key.part.components if key.part else (),
        key.point.components if key.point else (),
        key.subpoint or "",
    )


def _same(first: list[Instruction], second: list[Instruction]) -> bool:
    """One unit's instructions name the same units by the same operations (words added and
    words replaced are both said as a replacement)."""
    return len(first) == len(second) and all(
        a.path == b.path and a.added == b.added and (a.op is b.op or (a.op in _WORDS and b.op in _WORDS))
        for a, b in zip(first, second, strict=True)
    )


def as_replacement(instruction: Instruction) -> Instruction:
    """Words added, said as the words they go after (or before) replaced: the same change."""
    if instruction.op is Op.INSERT_AFTER:
        joint = "" if instruction.new[:1] in ",.;:)" else " "
        return replace(instruction, op=Op.REPLACE, new=instruction.old + joint + instruction.new)
    if instruction.op is Op.INSERT_BEFORE:
        return replace(instruction, op=Op.REPLACE, new=instruction.new + " " + instruction.old)
    return instruction


class Restatement:
    """A unit of one article restated (or repealed) in one language, as the head has it."""

    def __init__(self, head: Code, article: Article) -> None:
        self.head, self.article = head, article

    def __call__(self, language: str, unit: UnitPath) -> Instruction:
        if unit.kind == "article":
            return Instruction(
                Op.RESTATE, language, unit, content=tuple(article_lines(self.head, self.article, language))
            )
        text = self.article.texts[language]
        target = ReferenceTarget(TargetKind.ARTICLE, self.article.id, unit.part, unit.point, unit.subpoint)
        found = find_unit(text, target)
        assert isinstance(found, (Part, Point, Subpoint))
        lines = unit_lines(text, found)
        if is_repealed_text(lines, unit_label(found)):
            return Instruction(Op.REPEAL, language, unit)
        return Instruction(Op.RESTATE, language, unit, content=tuple(lines))


def settled(
    per_language: dict[str, list[Instruction]],
    languages: Sequence[str],
    restate: Callable[[str, UnitPath], Instruction],
) -> list[Instruction]:
    """One article's instructions in every language, unit by unit in legal order, so that item
    N, sub-item x names the same unit and the same operation in each version of the law.

    Where the languages change a unit in ways no common instructions say (two replacements in
    one, one in the other; a unit restated in one and amended word by word in the other), the
    unit is restated in each language that changes it: the smallest such unit, deepest first.
    """
    lists = {language: list(items) for language, items in per_language.items()}
    settled: set[UnitKey] = set()
    while True:
        conflict = _conflict(lists, settled)
        if conflict is None:
            break
        settled.add(conflict)
        for language, items in lists.items():
            if any(_within(_unit_key(i), conflict) for i in items):
                kept = [i for i in items if not _within(_unit_key(i), conflict)]
                lists[language] = [*kept, restate(language, conflict)]
    groups = {language: _grouped(items) for language, items in lists.items()}
    keys = sorted({key for found in groups.values() for key in found}, key=_legal_order)
    out: list[Instruction] = []
    for key in keys:
        having = {language: found[key] for language, found in groups.items() if key in found}
        paired = len(having) == len(languages) and all(
            _same(items, next(iter(having.values()))) for items in having.values()
        )
        if paired:
            converted = [
                any(items[i].op is not next(iter(having.values()))[i].op for items in having.values())
                for i in range(len(next(iter(having.values()))))
            ]
            for i, convert in enumerate(converted):
                for language in languages:
                    instruction = having[language][i]
                    out.append(as_replacement(instruction) if convert else instruction)
            continue
        for language in languages:
            out += [replace(i, only=len(languages) > 1) for i in having.get(language, ())]
    return out


def _grouped(items: list[Instruction]) -> dict[UnitKey, list[Instruction]]:
    found: dict[UnitKey, list[Instruction]] = {}
    for instruction in items:
        found.setdefault(_unit_key(instruction), []).append(instruction)
    return found


def _conflict(lists: Mapping[str, list[Instruction]], settled: set[UnitKey]) -> UnitPath | None:
    """The deepest unit the languages change in ways no common instructions say."""
    groups = {language: _grouped(items) for language, items in lists.items()}
    keys = {key for found in groups.values() for key in found if not isinstance(key, str)}
    units: set[UnitPath] = set()
    for key in keys:  # every unit that holds a change, and the units around it
        units |= {
            UnitPath(key.article),
            UnitPath(key.article, key.part) if key.part else UnitPath(key.article),
            UnitPath(key.article, key.part, key.point) if key.point else UnitPath(key.article, key.part),
            key,
        }
    for unit in sorted(units, key=_depth, reverse=True):
        if unit in settled:
            continue
        own = {language: found[unit] for language, found in groups.items() if unit in found}
        if len(own) > 1 and not all(_same(items, next(iter(own.values()))) for items in own.values()):
            return unit
        whole = [language for language, items in own.items() if any(i.op in _WHOLE and i.path == unit for i in items)]
        deeper = [
            language for language, found in groups.items() if any(key != unit and _within(key, unit) for key in found)
        ]
        if whole and any(language not in whole for language in deeper):
            return unit
    return None


def mark_one_language(instructions: list[Instruction], languages: Sequence[str]) -> Iterator[Instruction]:
    """Each instruction, marked ``only`` where the other language's text has no counterpart."""

    keys = Counter((i.op, i.path, i.language) for i in instructions)
    for instruction in instructions:
        others = [lang for lang in languages if lang != instruction.language]
        paired = any(keys[(instruction.op, instruction.path, lang)] for lang in others)
        yield instruction if paired or not others else replace(instruction, only=True)
