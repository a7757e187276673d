"""The Code as the law structures it: no I/O, no Markdown, just frozen values.

Code → sections (optional) → chapters → articles → parts → points. Articles are kept by id;
the structure (which chapter holds which article, in which order) lives in the chapters, as in
``code.yaml``. Every unit carries the :class:`SourceLocation` it was read from.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .diagnostics import SourceLocation

ID_PATTERN = re.compile(r"(?!(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$)[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
"""Lowercase words with hyphens; not a device name Windows reserves (``con.md`` cannot be
checked out there)."""

Translations = Mapping[str, str]
"""Text per language code (``ky``, ``ru``)."""


class Stage(enum.Enum):
    DRAFT = "draft"
    IN_FORCE = "in-force"


class Status(enum.Enum):
    DRAFT = "draft"
    AGREED = "agreed"
    CONTESTED = "contested"
    REPEALED = "repealed"


_NUMBER = re.compile(r"[1-9][0-9]{0,5}(?:-[1-9][0-9]{0,5})*")


@dataclass(frozen=True, slots=True, order=True)
class LegalNumber:
    """A unit's number as the law writes it: ``12``, or ``12-1`` for an insertion in force."""

    components: tuple[int, ...]
    """``(12,)`` for 12, ``(12, 1)`` for 12-1; tuple order is legal order."""

    @staticmethod
    def parse(text: str) -> LegalNumber | None:
        """``"12-1"`` → ``LegalNumber((12, 1))``; None for anything else (``0``, ``007``, ``12a``)."""
        return _parse_number(text)

    @classmethod
    def of(cls, value: int) -> LegalNumber:
        return cls((value,))

    @property
    def is_insertion(self) -> bool:
        return len(self.components) > 1

    def successors(self) -> tuple[LegalNumber, ...]:
        """Numbers that may follow this one without a gap in the in-force stage.

        After 12-1 come 12-2, 13 or 12-1-1: the last component or any shorter prefix
        incremented, or a new insertion level.
        """
        nexts = [
            LegalNumber(self.components[: i - 1] + (self.components[i - 1] + 1,))
            for i in range(len(self.components), 0, -1)
        ]
        nexts.append(LegalNumber(self.components + (1,)))
        return tuple(nexts)

    def __str__(self) -> str:
        return _number_text(self.components)


@lru_cache(maxsize=4096)
def _number_text(components: tuple[int, ...]) -> str:
    return "-".join(str(c) for c in components)


@lru_cache(maxsize=4096)
def _parse_number(text: str) -> LegalNumber | None:
    # Cached: a Code writes the same few labels ("1", "2", "3") tens of thousands of times.
    if not _NUMBER.fullmatch(text):
        return None
    return LegalNumber(tuple(int(c) for c in text.split("-")))


FIRST = LegalNumber.of(1)


def roman(value: int) -> str:
    """Section numbers are Roman: 4 → ``IV``."""
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for amount, letters in numerals:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


@lru_cache(maxsize=1)
def _romans() -> dict[str, int]:
    return {roman(value): value for value in range(1, 400)}


def from_roman(text: str) -> int | None:
    """``IV`` → 4, for numerals written as :func:`roman` writes them; None for anything else."""
    return _romans().get(text.upper())


# --- References ---------------------------------------------------------------------------


class TargetKind(enum.Enum):
    ARTICLE = "art"
    CHAPTER = "ch"
    SECTION = "sec"
    ACT = "act"

    # Members are singletons compared by identity; Enum's own hash runs Python code, and every
    # reference target hashes its kind when the parity check counts targets.
    __hash__ = object.__hash__


ALL_LANGUAGES = "*"
"""The key of a working-group note written as plain text: shown with every language."""

SUBPOINT_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
"""Letters of subpoints «а)», «б)» … in legal order: the Cyrillic alphabet without ё й ъ ы ь,
the same letters in both languages."""


@dataclass(frozen=True, slots=True)
class ReferenceTarget:
    """Where a reference points: ``art:ID#2.3.б``, ``ch:ID``, ``sec:ID``, ``act:ID/17#1``.

    Inside an article: part, point, subpoint (a letter) and абзац (the ordinal of an unnumbered
    paragraph of the smallest unit named). ``article`` is the article number inside another act,
    whose articles have numbers but no ids here. ``through`` makes a range: «статьями 5–7» is
    the target of article 5 through the target of article 7, both included.
    """

    kind: TargetKind
    id: str
    part: LegalNumber | None = None
    point: LegalNumber | None = None
    subpoint: str | None = None
    paragraph: int | None = None
    article: LegalNumber | None = None
    through: ReferenceTarget | None = None

    @property
    def locator(self) -> str:
        """The part after ``#``: ``2.3.б``, ``.3``, ``2.abz2``; empty for a whole unit."""
        components = []
        if self.part is not None or self.point is not None or self.subpoint is not None:
            components.append(str(self.part) if self.part is not None else "")
            if self.point is not None or self.subpoint is not None:
                components.append(str(self.point) if self.point is not None else "")
            if self.subpoint is not None:
                components.append(self.subpoint)
        if self.paragraph is not None:
            components.append(f"abz{self.paragraph}")
        return ".".join(components)

    @property
    def single(self) -> ReferenceTarget:
        """This target without its range end."""
        return self if self.through is None else replace(self, through=None)

    def ends(self) -> tuple[ReferenceTarget, ...]:
        """The target, or both ends of a range."""
        return (self,) if self.through is None else (self.single, self.through)

    def __str__(self) -> str:
        text = f"{self.kind.value}:{self.id}"
        if self.article is not None:
            text += f"/{self.article}"
        if self.locator:
            text += f"#{self.locator}"
        if self.through is not None:
            end = self.through
            same = (end.kind, end.id, end.article) == (self.kind, self.id, self.article)
            text += "~" + (end.locator if same and end.locator else str(end))
        return text


def references_text(targets: tuple[ReferenceTarget, ...]) -> str:
    """The ``href`` of a link to ``targets``: later targets of the same unit keep only their locator."""
    pieces = []
    previous: ReferenceTarget | None = None
    for target in targets:
        same = previous is not None and (target.kind, target.id, target.article) == (
            previous.kind,
            previous.id,
            previous.article,
        )
        text = str(target)
        pieces.append(text.split("#", 1)[1] if same and target.locator else text)
        previous = target
    return ",".join(pieces)


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text inside a paragraph."""

    value: str


@dataclass(frozen=True, slots=True)
class Link:
    """A Markdown link; ``target`` is set when it is a reference inside the Code's world."""

    href: str
    text: str
    """The link text: the legal wording, e.g. «части 2 статьи 14», «частями 2 и 2-1»."""
    targets: tuple[ReferenceTarget, ...]
    """Empty for a link outside the Code's world; several for a plural reference."""
    location: SourceLocation

    @property
    def target(self) -> ReferenceTarget | None:
        """The first target: where a rendered link leads."""
        return self.targets[0] if self.targets else None


Inline = Text | Link


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph (абзац): text with references."""

    inlines: tuple[Inline, ...]
    location: SourceLocation

    @property
    def plain_text(self) -> str:
        inlines = self.inlines
        if len(inlines) == 1:  # most paragraphs: no join (the differ asks tens of thousands of times)
            only = inlines[0]
            return only.value if isinstance(only, Text) else only.text
        return "".join([i.value if isinstance(i, Text) else i.text for i in inlines])

    @property
    def links(self) -> tuple[Link, ...]:
        return tuple(i for i in self.inlines if isinstance(i, Link))


@dataclass(frozen=True, slots=True)
class Subpoint:
    """Подпункт / пунктча: ``а)`` inside a point, written as a paragraph that opens with its letter."""

    label: str
    """The letter: «а», «б» …"""
    paragraph: Paragraph
    """Its text after «а) »; a paragraph after the subpoints that does not open with a letter is
    the point's closing абзац."""
    location: SourceLocation


@dataclass(frozen=True, slots=True)
class Point:
    """Пункт / пункт: ``1)`` inside a part, or inside an article without parts."""

    number: LegalNumber | None
    """None when the marker is malformed (reported by the parser)."""
    label: str
    """The marker as written, without its delimiter: ``2``, ``2-1``."""
    content: tuple[Paragraph | Subpoint, ...]
    """Paragraphs and subpoints in the order written (intro, subpoints, closing paragraph)."""
    location: SourceLocation

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The point's own абзацы (subpoints are not абзацы)."""
        return tuple(b for b in self.content if isinstance(b, Paragraph))

    @property
    def subpoints(self) -> tuple[Subpoint, ...]:
        return tuple(b for b in self.content if isinstance(b, Subpoint))


@dataclass(frozen=True, slots=True)
class Part:
    """Часть / бөлүк: ``1.`` inside an article."""

    number: LegalNumber | None
    label: str
    content: tuple[Paragraph | Point, ...]
    """Paragraphs and points in the order written (intro, points, closing paragraph)."""
    location: SourceLocation

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(b for b in self.content if isinstance(b, Point))

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The part's own абзацы (points are not абзацы)."""
        return tuple(b for b in self.content if isinstance(b, Paragraph))


@dataclass(frozen=True, slots=True)
class Note:
    """A numbered note «1.» inside «Примечания.»."""

    number: LegalNumber | None
    label: str
    paragraphs: tuple[Paragraph, ...]
    location: SourceLocation


@dataclass(frozen=True, slots=True)
class Notes:
    """«Примечание.» / «Эскертүү.» at the end of an article: a block of the article, never parts.

    Its first paragraph opens with the word; numbered notes follow as «1.», «2.»."""

    content: tuple[Paragraph | Note, ...]
    location: SourceLocation

    @property
    def numbered(self) -> tuple[Note, ...]:
        return tuple(b for b in self.content if isinstance(b, Note))


Block = Paragraph | Part | Point | Notes


@dataclass(frozen=True, slots=True)
class ArticleText:
    """The body of an article in one language."""

    language: str
    content: tuple[Block, ...]
    location: SourceLocation
    """The ``## ky`` heading."""

    @property
    def parts(self) -> tuple[Part, ...]:
        return tuple(b for b in self.content if isinstance(b, Part))

    @property
    def points(self) -> tuple[Point, ...]:
        """Points directly in the article (an article without parts)."""
        return tuple(b for b in self.content if isinstance(b, Point))

    @property
    def paragraphs_outside_parts(self) -> tuple[Paragraph, ...]:
        """The article's own абзацы (in an article without parts, its text)."""
        return tuple(b for b in self.content if isinstance(b, Paragraph))

    @property
    def notes(self) -> Notes | None:
        return next((b for b in self.content if isinstance(b, Notes)), None)

    def find_part(self, number: LegalNumber) -> Part | None:
        return next((p for p in self.parts if p.number == number), None)

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph, depth first, in reading order (the order of :meth:`printed`, without
        building its lines)."""
        for block in self.content:
            if isinstance(block, Paragraph):
                yield block
            elif isinstance(block, Notes):
                for note in block.content:
                    yield from note.paragraphs if isinstance(note, Note) else (note,)
            else:
                for inner in block.content if isinstance(block, Part) else (block,):
                    if isinstance(inner, Paragraph):
                        yield inner
                    else:
                        for unit in inner.content:
                            yield unit.paragraph if isinstance(unit, Subpoint) else unit

    def printed(self) -> Iterator[PrintedParagraph]:
        """The text as the law prints it: each paragraph with the number it opens, if any.

        The one place that decides where «2.», «1)» and «а)» stand; every renderer and the
        differ read the article through it.
        """
        for block in self.content:
            if isinstance(block, Paragraph):
                yield PrintedParagraph(block, "", None, None)
            elif isinstance(block, Point):
                yield from _printed_point(block, None)
            elif isinstance(block, Notes):
                for inner in block.content:
                    if isinstance(inner, Note):
                        for index, paragraph in enumerate(inner.paragraphs):
                            yield PrintedParagraph(paragraph, f"{inner.label}." if index == 0 else "", notes=block)
                    else:
                        yield PrintedParagraph(inner, "", notes=block)
            else:
                numbered = False
                for part_inner in block.content:
                    if isinstance(part_inner, Point):
                        if not numbered:  # a part that opens with a point still shows its number
                            yield PrintedParagraph(None, f"{block.label}.", block, None)
                        yield from _printed_point(part_inner, block)
                    else:
                        yield PrintedParagraph(part_inner, "" if numbered else f"{block.label}.", block, None)
                    numbered = True


@dataclass(frozen=True, slots=True)
class PrintedParagraph:
    """A paragraph of an article as printed, with the unit it belongs to."""

    paragraph: Paragraph | None
    """None where a part opens directly with a point: its number stands alone."""
    label: str
    """«2.», «1)» or «а)» on the paragraph that opens a unit; empty on the others."""
    part: Part | None = None
    point: Point | None = None
    subpoint: Subpoint | None = None
    notes: Notes | None = None

    @property
    def plain_text(self) -> str:
        return self.paragraph.plain_text if self.paragraph else ""

    @property
    def depth(self) -> int:
        """How far the law indents it: 0 for a part or the article's text, 1 for a point, 2 for a subpoint."""
        return 2 if self.subpoint else 1 if self.point else 0

    @property
    def kind(self) -> str:
        """The smallest unit it belongs to: subpoint, point, part, note or paragraph."""
        if self.subpoint:
            return "subpoint"
        if self.point:
            return "point"
        if self.part:
            return "part"
        return "note" if self.notes else "paragraph"


def _printed_point(point: Point, part: Part | None) -> Iterator[PrintedParagraph]:
    first = True
    for block in point.content:
        if isinstance(block, Subpoint):
            if first:  # a point that opens with a subpoint still shows its number
                yield PrintedParagraph(None, f"{point.label})", part, point)
            yield PrintedParagraph(block.paragraph, f"{block.label})", part, point, block)
        else:
            yield PrintedParagraph(block, f"{point.label})" if first else "", part, point)
        first = False


@dataclass(frozen=True, slots=True)
class SourceProvision:
    """A provision of another act that an article consolidates (front matter ``sources``)."""

    target: ReferenceTarget
    """``act:ID/ARTICLE#PART.POINT.SUBPOINT``: the same locator grammar as a link's."""
    location: SourceLocation | None = None


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    """The file name's stem, which the front matter's ``id`` must equal."""
    number: LegalNumber | None
    """The stored legal number; None when missing or malformed (reported)."""
    title: Translations
    status: Status
    texts: Mapping[str, ArticleText]
    """Body per language, in the order written."""
    sources: tuple[SourceProvision, ...] = ()
    notes: Mapping[str, str] = field(default_factory=dict)
    """The working group's note, per language (``*``: one note for every language); never printed
    in the official text."""
    history: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Amendment notes as published («(В редакции Закона КР от …)»), per language: history, not text."""
    path: str = ""
    key_locations: Mapping[str, SourceLocation] = field(default_factory=dict)
    """Where the value of each front matter key is written, for precise messages."""

    def location_of(self, key: str) -> SourceLocation:
        return self.key_locations.get(key, SourceLocation(self.path))

    @property
    def is_repealed(self) -> bool:
        return self.status is Status.REPEALED

    def links(self) -> Iterator[tuple[str, Link]]:
        """Every link of every language, as ``(language, link)``."""
        for language, text in self.texts.items():
            for paragraph in text.paragraphs():
                for link in paragraph.links:
                    yield language, link


@dataclass(frozen=True, slots=True)
class StructureEntry:
    """An article id as listed in a chapter of ``code.yaml``."""

    id: str
    location: SourceLocation


@dataclass(frozen=True, slots=True)
class Chapter:
    id: str
    number: LegalNumber | None
    title: Translations
    articles: tuple[StructureEntry, ...]
    location: SourceLocation
    number_location: SourceLocation
    articles_location: SourceLocation | None = None
    """Where the ``articles:`` list is written (for tools that edit the structure)."""


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    number: LegalNumber | None
    title: Translations
    chapters: tuple[Chapter, ...]
    location: SourceLocation
    number_location: SourceLocation
    articles: tuple[StructureEntry, ...] = ()
    """Articles directly in the section, before its chapters: a law divided into sections alone
    (the road traffic law of 1998: «РАЗДЕЛ II» holds articles 5–9)."""


@dataclass(frozen=True, slots=True)
class Act:
    """Another act the Code refers to or consolidates."""

    id: str
    title: Translations
    url: str | None
    location: SourceLocation
    text: Code | None = None
    """Its text, when the repository holds it (``code_text/acts/<id>/``): articles by number."""
    dispositions: tuple[Disposition, ...] = ()
    """Its provisions the Code does not take over, and why (``dispositions.yaml``)."""


class Reason(enum.Enum):
    """Why a provision of an existing act is not taken over by the Code."""

    OBSOLETE = "obsolete"
    OTHER_LAW = "other-law"
    """It belongs in another law."""
    REPLACED = "replaced"
    """A Code article (``by``) replaces it."""
    CONTRADICTS = "contradicts"
    """It contradicts a Code article (``by``), which prevails."""
    STAYS = "stays"
    """It stays in force in its act, which is then amended rather than declared void."""


@dataclass(frozen=True, slots=True)
class Disposition:
    """A provision of an act declared not transferred into the Code, with the reason."""

    provision: ReferenceTarget
    """``act:ID/17`` or ``act:ID/17#2``: a whole article, or a part of it."""
    reason: Reason
    by: tuple[ReferenceTarget, ...]
    """The Code articles that replace it or that it contradicts."""
    note: str | None
    location: SourceLocation


class Decision(enum.Enum):
    """The drafters' answer to a reviewer's comment or proposal."""

    OPEN = "open"
    ACCEPTED = "accepted"
    PARTLY = "partly"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    __hash__ = object.__hash__


ANSWERED = (Decision.ACCEPTED, Decision.PARTLY, Decision.REJECTED)
"""Decisions the drafters owe a reason for."""


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """One reviewer's comment or proposal on a unit of the Code, and the drafters' answer."""

    id: str
    """``ROUND/N``: stable, what a commit's ``Resolves-comment:`` trailer names."""
    author: str
    organisation: str | None
    date: datetime.date | None
    unit: ReferenceTarget
    """``art:ID#2.3``: by the article's id, so it survives renumbering of articles."""
    place: str | None
    """Where the unit stood when the comment was written («часть 2 статьи 12»): what to tell
    a drafter when the unit no longer exists."""
    language: str | None
    """The language the comment is written in."""
    quote: str | None
    """The words the comment was written on, as the reviewer marked them."""
    comment: str | None
    proposal: Mapping[str, str]
    """Proposed wording of the unit, by language."""
    decision: Decision
    reason: str | None
    carried_out: str | None
    """The commit or pull request that carried it out."""
    via: str | None
    """How it reached the register: ``comment``, ``tracked`` or ``untracked`` (a Word file), or none."""
    location: SourceLocation
    unit_location: SourceLocation | None = None
    """Where ``unit:`` is written, for the drafter tools that renumber parts."""


@dataclass(frozen=True, slots=True)
class ReviewRound:
    """A round of review (``code_text/reviews/<id>.yaml``): the draft sent out and what came back."""

    id: str
    name: str | None
    sent: datetime.date | None
    due: datetime.date | None
    revision: str | None
    """The commit the draft was built from."""
    entries: tuple[ReviewEntry, ...]
    path: str
    public: bool = False
    """``source: public``: the public discussion of the draft (the note's section on it)."""


class Resolution(enum.Enum):
    """What the drafters decided about a finding of ``kodeks conflicts``."""

    RESOLVED = "resolved"
    """The Code settles it (``by:`` the article that does)."""
    KEPT = "kept"
    """Kept on purpose: the two provisions differ for a reason."""
    NOT_A_CONFLICT = "not-a-conflict"


@dataclass(frozen=True, slots=True)
class ConflictDecision:
    """An entry of ``code_text/conflicts.yaml``: a finding answered, so it stays quiet."""

    finding: str
    """The finding's id, as ``kodeks conflicts`` prints it (``term-differs/3f9a…``)."""
    resolution: Resolution
    by: str | None
    """For ``resolved``: the Code article's id."""
    reason: str | None
    location: SourceLocation


@dataclass(frozen=True, slots=True)
class AmendmentRecord:
    """A law that made (or amended) the text in force: ``code_text/amendments.yaml``."""

    number: str
    adopted: datetime.date
    in_force: datetime.date
    title: Translations
    revision: str
    """The commit or tag that carries the text as the law made it."""
    location: SourceLocation


@dataclass(frozen=True, slots=True)
class Enactment:
    """What an act in force records about itself (``act.yaml``): «от 20 октября 2021 года № 123»."""

    number: str
    adopted: datetime.date
    status: ActStatus


class ActStatus(enum.Enum):
    IN_FORCE = "in-force"
    REPEALED = "repealed"


@dataclass(frozen=True, slots=True)
class Numbering:
    """The number each section, chapter and article has in law, by id.

    In a draft the structure decides (the 5th article is article 5, whatever its file says);
    in force, numbers are frozen and the stored ones count.
    """

    sections: Mapping[str, LegalNumber | None]
    chapters: Mapping[str, LegalNumber | None]
    articles: Mapping[str, LegalNumber | None]


@dataclass(frozen=True, slots=True)
class Code:
    id: str
    stage: Stage
    languages: tuple[str, ...]
    title: Translations
    acts: Mapping[str, Act]
    sections: tuple[Section, ...]
    """Empty when the Code has no sections; then ``top_chapters`` holds the chapters."""
    top_chapters: tuple[Chapter, ...]
    articles: Mapping[str, Article]
    """Every article file read, by id, whether or not the structure lists it."""
    path: str = "code_text/code.yaml"
    publication: Mapping[str, str] = field(default_factory=dict)
    """Where the text in force was officially published, per language, as laws cite it after its
    name: «Ведомости Жогорку Кенеша Кыргызской Республики, 1998 г., № 7, ст. 229»."""
    leading: tuple[StructureEntry, ...] = ()
    """Articles before the first section or chapter (``articles:`` at the top of the structure
    file), as article 1 of Law No 123 stands before its section I."""
    enactment: Enactment | None = None
    """For an existing act's text: its number, date of adoption and status; None for the Code."""
    preamble: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """An existing act's lines before its first article, per language (kept, not printed yet)."""
    history: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """An existing act's amendment notes as published, per language."""
    signature: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """An existing act's signature and adoption block as published, per language."""
    unit_words: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    messages: str | None = None
    """code.yaml's ``messages:``: the language kodeks speaks to this Code's drafters by default."""
    definitions: tuple[StructureEntry, ...] = ()
    """``definitions:``: the articles that define the text's terms, when their titles do not say
    so («Основные понятия» is found without it)."""
    """Per language, how this text names its units in references where it departs from the
    usual words: the Civil Code calls its «1.» units «пункт» and «1)» units «подпункт»."""
    reviews: tuple[ReviewRound, ...] = ()
    """The working group's review rounds (``code_text/reviews/*.yaml``), by file name."""
    amendments: tuple[AmendmentRecord, ...] = ()
    """The laws that made and amended the text in force, by date of entry into force."""
    conflicts: tuple[ConflictDecision, ...] = ()
    """The drafters' decisions on ``kodeks conflicts`` findings (``code_text/conflicts.yaml``)."""
    note: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    """The justification note's sections the drafters wrote (``code_text/justification-note.yaml``):
    section key → language → paragraphs."""

    @property
    def chapters(self) -> tuple[Chapter, ...]:
        """All chapters in legal order."""
        if not self.sections:
            return self.top_chapters
        return tuple(chapter for section in self.sections for chapter in section.chapters)

    def article_order(self) -> tuple[StructureEntry, ...]:
        """Article ids in legal order, as the structure lists them (duplicates included)."""
        if not self.sections:
            return self.leading + tuple(entry for chapter in self.chapters for entry in chapter.articles)
        return self.leading + tuple(
            entry
            for section in self.sections
            for entry in (*section.articles, *(e for chapter in section.chapters for e in chapter.articles))
        )

    def ordered_articles(self) -> tuple[Article, ...]:
        """Articles in legal order, each once, skipping ids that have no file."""
        seen: set[str] = set()
        ordered = []
        for entry in self.article_order():
            article = self.articles.get(entry.id)
            if article is not None and entry.id not in seen:
                seen.add(entry.id)
                ordered.append(article)
        return tuple(ordered)

    def numbering(self) -> Numbering:
        article_ids = list(dict.fromkeys(entry.id for entry in self.article_order()))
        if self.stage is Stage.DRAFT:
            return Numbering(
                sections={s.id: LegalNumber.of(i) for i, s in enumerate(self.sections, 1)},
                chapters={c.id: LegalNumber.of(i) for i, c in enumerate(self.chapters, 1)},
                articles={a: LegalNumber.of(i) for i, a in enumerate(article_ids, 1)},
            )
        return Numbering(
            sections={s.id: s.number for s in self.sections},
            chapters={c.id: c.number for c in self.chapters},
            articles={a: self.articles[a].number if a in self.articles else None for a in article_ids},
        )

    def find_chapter(self, chapter_id: str) -> Chapter | None:
        return next((c for c in self.chapters if c.id == chapter_id), None)

    def find_section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def article_numbered(self, number: LegalNumber) -> Article | None:
        """An act's article by its number in law (how other texts cite it)."""
        return next((a for a in self.articles.values() if a.number == number), None)

    def cited_article(self, target: ReferenceTarget) -> Article | None:
        """The article of an act kept as text that ``act:ID/17…`` names; None when the act has
        no text here or no such article."""
        act = self.acts.get(target.id)
        if act is None or act.text is None or target.article is None:
            return None
        return act.text.article_numbered(target.article)
