"""What the words of a reference say: which units, with which numbers, in which roles.

«пунктами 3 и 4 части 2 статьи 5» names points 3 and 4, part 2, article 5; «5-берененин 2 жана
2-1-бөлүктөрү» names article 5, parts 2 and 2-1. Russian names the smaller unit first (point,
then part, then article), Kyrgyz the larger, with a hyphen and a case suffix after the number.
«настоящей части» / «ушул бөлүктүн» name the part the reference stands in. The validator
compares these roles with the link's targets, and the drafter tools rewrite the numbers they
find here; nothing else reads legal wording.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .wording import NUMBER, ORDINALS, ROMAN

ROLES = ("paragraph", "subpoint", "point", "part", "article", "chapter", "section")
"""From the smallest unit to the largest: the order Russian cites them in, Kyrgyz the reverse."""

_ORDINALS = {
    "ru": ("перв", "втор", "трет", "четв", "пят", "шест", "седьм", "восьм", "девят", "десят"),
    "ky": ORDINALS["ky"],
}
"""Stems that begin an ordinal in any case: «вторым», «второго»; Kyrgyz ordinals do not decline."""
_LETTER = r"[«\"“]?([абвгдежзиклмнопрстуфхцчшщэюяёйъыь])[»\"”)]?"

_SEPARATOR = {"ru": r"\s*,\s*|\s+(?:и|или|либо)\s+", "ky": r"\s*,\s*|\s+(?:жана|же)\s+"}
_DASH = r"\s*[–—]\s*|\s+-\s+"
"""A range: an en or em dash, or a hyphen with spaces around it as published texts print one
(«частей 2 - 4»; unspaced, «2-4» is an inserted number)."""
_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPT_DIGITS, "0123456789")


class Value(NamedTuple):
    """One number (or letter, or ordinal) as written, with where it stands in the wording."""

    text: str
    start: int
    end: int
    ends_range: bool = False
    """Written after a dash: «5–7» is 5 through 7."""


class Mention(NamedTuple):
    role: str
    values: tuple[Value, ...]
    """Empty for «настоящей части» / «ушул бөлүктүн»: the unit the reference stands in."""
    start: int


def _value_pattern(role: str, language: str) -> str:
    if role == "subpoint":
        return _LETTER
    if role == "paragraph":
        stems = "|".join(_ORDINALS.get(language, ()))
        return rf"((?:{stems})\w*|\d+)" if stems else r"(\d+)"
    if role == "section":
        return rf"({ROMAN}|{NUMBER})"
    return rf"({NUMBER}[{_SUPERSCRIPT_DIGITS}]*)"  # «2¹»: inserted number 2-1 as printed


def _list(value: str, language: str) -> str:
    separator = _SEPARATOR.get(language, r"\s*,\s*")
    return rf"{value}(?:(?:{separator}|{_DASH}){value})*"


_RU_WORDS = {
    "paragraph": r"абзац\w*",
    "subpoint": r"подпункт\w*",
    "point": r"пункт\w*",
    "part": r"част(?:ь|и|ью|ей|ям|ями|ях)\b",
    "article": r"стат(?:ья|ьи|ье|ью|ьей|ей|ьям|ьями|ьях)\b",
    "chapter": r"глав\w*",
    "section": r"раздел\w*",
}
_KY_WORDS = {
    "paragraph": r"абзац\w*",
    "subpoint": r"пунктча\w*",
    "point": r"-пункт(?!ча)\w*",
    "part": r"-бөлү[кг]\w*",
    "article": r"-берене\w*",
    "chapter": r"-глава\w*",
    "section": r"\s+бөлүм\w*",
}
_RU_THIS = re.compile(r"(?i)\b(?:настоящ|эт|данн)\w*\s+(част|пункт|подпункт|стат)")
_KY_THIS = re.compile(r"(?i)\bушул\s+(бөлү[кг]|пункт(?!ча)|пунктча|берене)")
_THIS_CUES = ("настоящ", "эт", "данн", "ушул")
_THIS_ROLES = {
    "част": "part", "пункт": "point", "подпункт": "subpoint", "стат": "article",
    "бөлүк": "part", "бөлүг": "part", "пунктча": "subpoint", "берене": "article",
}  # fmt: skip


WordOverrides = tuple[tuple[str, str], ...]
"""``(("part", "пункт"), ("point", "подпункт"))``: an act that names its units its own way."""


@lru_cache(maxsize=64)
def _pattern(role: str, language: str, overrides: WordOverrides = ()) -> re.Pattern[str]:
    """The pattern of one role, compiled when a link text first needs it (compiling all of them
    costs more than checking a small Code's references)."""
    words = _RU_WORDS if language == "ru" else _KY_WORDS
    word = words[role]
    for overridden, stem in overrides:
        if overridden == role:
            # A word of its own, not the start or end of a longer one: «пункт» is neither inside
            # «подпункт» nor the start of «пунктча».
            longer = {other for _, other in overrides if other != stem and other.startswith(stem)} | {
                default for default in ("пунктча",) if default != stem and default.startswith(stem)
            }
            exclude = "".join(f"(?!{re.escape(other[len(stem) :])})" for other in sorted(longer))
            prefix = r"(?<![\w-])" if language == "ru" else "-"
            word = rf"{prefix}{re.escape(stem)}{exclude}\w*"
    values = _list(_value_pattern(role, language), language)
    if language == "ru" and role == "paragraph":
        # «абзацем вторым», and «второй абзац» as some texts write it
        text = rf"(?i)\b{word}\s+(?P<values>{values})|(?P<before>{values})\s+{word}"
    elif language == "ru":
        text = rf"(?i)(?<![\w-]){word}\s+(?P<values>{values})"
    elif role in ("paragraph", "subpoint"):
        text = rf"(?i)(?P<values>{values})\s+{word}"
    else:
        text = rf"(?i)(?<![\w-])(?P<values>{values}){word}"
    return re.compile(text)


@lru_cache(maxsize=64)
def _value(role: str, language: str) -> re.Pattern[str]:
    return re.compile(_value_pattern(role, language))


def understands(language: str) -> bool:
    """Whether citations in ``language`` can be read (else only the numbers are compared)."""
    return language in ("ru", "ky")


_CUES = {
    "ru": {"paragraph": "абзац", "subpoint": "подпункт", "point": "пункт", "part": "част", "article": "стат",
           "chapter": "глав", "section": "раздел"},
    "ky": {"paragraph": "абзац", "subpoint": "пунктча", "point": "пункт", "part": "бөлү", "article": "берене",
           "chapter": "глав", "section": "бөлүм"},
}  # fmt: skip
"""A word each role's pattern needs: a link text without it is not searched for that role (most
link texts name two or three units, and the patterns are the cost of the check)."""


@lru_cache(maxsize=16)
def _cues(language: str, overrides: WordOverrides) -> dict[str, str]:
    return {**_CUES[language], **dict(overrides)}


@lru_cache(maxsize=8192)
def read(text: str, language: str, overrides: WordOverrides = ()) -> tuple[Mention, ...]:
    """The units a reference's wording names, in the order written (cached: a Code repeats its
    wordings, «части 2», «настоящей статьи», many times)."""
    mentions = []
    lowered = text.lower()
    cues = _cues(language, overrides)
    for role in ROLES:
        if cues[role] not in lowered:
            continue
        for match in _pattern(role, language, overrides).finditer(text):
            group = "values" if match.group("values") is not None else "before"
            mentions.append(Mention(role, _values(match, group, role, language), match.start()))
    this = _RU_THIS if language == "ru" else _KY_THIS
    for match in this.finditer(text) if any(cue in lowered for cue in _THIS_CUES) else ():
        word = match.group(1).lower()
        role = next((r for r, stem in overrides if stem == word), _THIS_ROLES[word])
        mentions.append(Mention(role, (), match.start()))
    return tuple(sorted(mentions, key=lambda m: m.start))


def _values(match: re.Match[str], group: str, role: str, language: str) -> tuple[Value, ...]:
    start, end = match.span(group)
    values = []
    previous_end = start
    for found in _value(role, language).finditer(match.string, start, end):
        between = match.string[previous_end : found.start()]
        values.append(Value(_plain(found.group(1)), found.start(1), found.end(1), bool(re.search(_DASH, between))))
        previous_end = found.end()
    return tuple(values)


def _plain(number: str) -> str:
    """«2¹» as kodeks writes it, «2-1»."""
    head = number.rstrip(_SUPERSCRIPT_DIGITS)
    return number if head == number else f"{head}-{number[len(head) :].translate(_FROM_SUPERSCRIPT)}"


def ordinal(text: str, language: str) -> int | None:
    """«вторым» → 2, «экинчи» → 2, «3» → 3."""
    if text.isdigit():
        return int(text)
    lowered = text.lower()
    for index, stem in enumerate(_ORDINALS.get(language, ()), start=1):
        if lowered.startswith(stem):
            return index
    return None


def out_of_order(mentions: tuple[Mention, ...], language: str) -> bool:
    """Russian cites the smaller unit first, Kyrgyz the larger: «пункта 2 части 5» is point 2 of
    part 5, never part 2."""
    ranks = [ROLES.index(m.role) for m in mentions if m.values]
    if language == "ky":
        ranks.reverse()
    return ranks != sorted(ranks)
