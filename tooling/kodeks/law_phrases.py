"""The phrases of an amending law in each language: one table that ``render.amending_law``
prints from and ``parse.amending_law`` reads with, so the two cannot drift apart.

Where a phrase has a form for one word and one for several, the pair is (one, several).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PHRASES: dict[str, dict[str, object]] = {
    "ru": {
        "words": ("слово", "слова"),
        "with_words": ("словом", "словами"),
        "after": ("после слова", "после слов"),
        "before": ("перед словом", "перед словами"),
        "replace": "заменить",
        "delete": "исключить",
        "add": "дополнить",
        "restate": "изложить в следующей редакции",
        "repeal": ("признать утратившим силу", "признать утратившей силу", "признать утратившими силу"),
        "content": "следующего содержания",
        "title": "наименование",
        "throughout": "по всему тексту",
        "except": "за исключением",
        "added": {"part": ("частью", "частями"), "point": ("пунктом", "пунктами"), "subpoint": ("подпунктом", "подпунктами")},
        "repealed_several": {"part": "части", "point": "пункты", "subpoint": "подпункты"},
    },
    "ky": {
        "words": ("деген сөз", "деген сөздөр"),
        "with_words": ("деген сөз менен", "деген сөздөр менен"),
        "from_words": ("деген сөздөн", "деген сөздөрдөн"),
        "after": "кийин",
        "before": "мурда",
        "replace": "алмаштырылсын",
        "delete": "алып салынсын",
        "add": "толукталсын",
        "restate": "төмөнкүдөй редакцияда баяндалсын",
        "repeal": "күчүн жоготту деп таанылсын",
        "content": "төмөнкүдөй мазмундагы",
        "title": "аталышы",
        "throughout": "бүткүл тексти боюнча",
        "except": "кошпогондо",
        "added": {"part": ("-бөлүк", "-бөлүктөр"), "point": ("-пункт", "-пункттар"), "subpoint": (" пунктча", " пунктчалар")},
        "repealed_several": {"part": "-бөлүктөрү", "point": "-пункттары", "subpoint": " пунктчалары"},
    },
}  # fmt: skip


def phrase(language: str, name: str) -> str:
    value = PHRASES[language][name]
    assert isinstance(value, str), name
    return value


def forms(language: str, name: str) -> tuple[str, ...]:
    value = PHRASES[language][name]
    assert isinstance(value, tuple), name
    return value


def by_kind(language: str, name: str) -> dict[str, object]:
    value = PHRASES[language][name]
    assert isinstance(value, dict), name
    return value


def one_or_several(language: str, name: str, quoted: str) -> str:
    """The form for one quoted word, or for several: «слово» / «слова», «деген сөз» / «деген сөздөр»."""
    one, several = forms(language, name)[:2]
    return one if " " not in quoted.strip() else several


def any_of(words: Iterable[str]) -> str:
    """A regular expression that matches any of ``words``, the longest first."""
    return "(?:" + "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True)) + ")"
