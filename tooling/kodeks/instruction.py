"""An amending law as data: instructions on units named by their numbers in force.

Once a text is in force its numbers are frozen, so an amending law names units by number
(«в части 2 статьи 7»), never by kodeks's ids. Each instruction changes the text of one
language: the Kyrgyz version of the law changes the Kyrgyz text, the Russian version the
Russian one, and an instruction for one text only says which («в тексте на государственном
языке»).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from .model import LegalNumber


class Op(enum.Enum):
    REPLACE = "replace"
    """Words replaced by words: «слова «X» заменить словами «Y»»."""
    DELETE = "delete"
    """«слова «X» исключить»."""
    INSERT_AFTER = "insert-after"
    """«после слов «X» дополнить словами «Y»»."""
    INSERT_BEFORE = "insert-before"
    """«перед словами «X» дополнить словами «Y»» (words at the start of a paragraph)."""
    RESTATE = "restate"
    """«изложить в следующей редакции: «…»»: the unit's whole new text."""
    RETITLE = "retitle"
    """«наименование статьи 7 изложить в следующей редакции: «…»»."""
    ADD = "add"
    """A new unit with its inserted number: «дополнить частью 3-1 следующего содержания: «…»»;
    several added together: «дополнить пунктами 7 и 8 …»; a new абзац: «дополнить абзацем
    вторым …»."""
    REPEAL = "repeal"
    """«признать утратившей силу»: an article, part, point, subpoint or абзац."""
    THROUGHOUT = "throughout"
    """«по всему тексту … слова «X» заменить словами «Y»», with the articles excepted."""

    __hash__ = object.__hash__


@dataclass(frozen=True, slots=True, order=True)
class UnitPath:
    """A unit of the text in force by its numbers: article, part, point, subpoint, абзац."""

    article: LegalNumber
    part: LegalNumber | None = None
    point: LegalNumber | None = None
    subpoint: str | None = None
    paragraph: int | None = None
    """The абзац of the smallest unit named (1 = its first paragraph)."""

    @property
    def kind(self) -> str:
        if self.paragraph is not None:
            return "paragraph"
        if self.subpoint is not None:
            return "subpoint"
        if self.point is not None:
            return "point"
        return "part" if self.part is not None else "article"


@dataclass(frozen=True, slots=True)
class Instruction:
    op: Op
    language: str
    """The language of the text it changes."""
    path: UnitPath | None
    """The unit it changes (for ADD: the new unit); None for THROUGHOUT."""
    old: str = ""
    """The words it finds: replaced, deleted, or that the new words go after or before."""
    new: str = ""
    """The new words, or the new title."""
    content: tuple[str, ...] = ()
    """RESTATE and ADD: the unit's lines as the law prints them («3. …», «1) …»; an article's
    first line is its heading)."""
    chapter: LegalNumber | None = None
    """ADD of an article: the chapter it joins."""
    excepted: tuple[LegalNumber, ...] = ()
    """THROUGHOUT: the articles left as they are."""
    added: tuple[str, ...] = ()
    """ADD of several units together: the number (or letter) of each, the path's first."""
    only: bool = False
    """The other language's text does not change here: the law says which text it changes."""


@dataclass(frozen=True, slots=True)
class AmendingLaw:
    """The draft amending law: titles, and the instructions of article 1 in legal order."""

    titles: dict[str, str]
    """The act amended, per language, as the title names it («Кодекс Кыргызской Республики о …»)."""
    instructions: tuple[Instruction, ...]
    languages: tuple[str, ...]
    publication: dict[str, str] = field(default_factory=dict)
    """Where the act amended was published, per language: cited after its name."""

    def count(self) -> int:
        """The instructions one version of the law numbers (items and sub-items); every version
        numbers the same ones."""
        first = self.languages[0] if self.languages else ""
        return sum(1 for i in self.instructions if i.language == first or i.only)
