"""A statute as the official database gives it in plain text, read line by line into its units.

ru and ky: sections («РАЗДЕЛ I», «I БӨЛҮМ»), chapters («Глава 1.», «1-глава.»), articles
(«Статья 12. Title», «12-берене. Title», the title possibly on the next line), parts «1.»,
points «1)», subpoints «а)», абзацы, notes («Примечание.», «Эскертүү.»), inserted numbers
(«12-1», and superscripts «12¹» written as 12-1), and amendment notes «(В редакции Закона КР от …)»,
which are history, not text. Every line is placed somewhere or reported with its number.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from ..characters import CONTROL
from ..diagnostics import Diagnostic, SourceLocation
from ..messages import Message, msg
from ..model import SUBPOINT_LETTERS, LegalNumber, from_roman
from ..rules import rule
from ..wording import NOTES_OPENING

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_NUMBER = r"\d+(?:-\d+)*[⁰¹²³⁴⁵⁶⁷⁸⁹]*"
_HEADINGS = {
    "ru": {
        "section": re.compile(r"(?i)раздел\s+([IVXLC]+|\d+)\.?(?:\s+(.*))?"),
        "chapter": re.compile(rf"(?i)глава\s+({_NUMBER})\.?(?:\s+(.*))?"),
        "article": re.compile(rf"Статья\s+({_NUMBER})\.?(?:\s+(.*))?"),
    },
    "ky": {
        "section": re.compile(r"(?i)([IVXLC]+|\d+)(?:\s+|-)бөлүм\.?(?:\s+(.*))?"),
        "chapter": re.compile(rf"(?i)({_NUMBER})-глава\.?(?:\s+(.*))?"),
        "article": re.compile(rf"({_NUMBER})-берене\.?(?:\s+(.*))?"),
    },
}
_PART = re.compile(rf"({_NUMBER})\.\s+(\S.*)")
_POINT = re.compile(rf"({_NUMBER})\)\s+(\S.*)")
_SUBPOINT = re.compile(rf"([{SUBPOINT_LETTERS}])\)\s+(\S.*)")
_HISTORY = re.compile(r"\((?:[^()]*редакци[^()]*|[^()]*(?:Утратил|Күчүн жоготту)[^()]*)\)")
_REPEALED = re.compile(r"\((?:Утратил\w*\s+силу|Күчүн жоготту)[^()]*\)")
_NUMBER_LINE = re.compile(r"(?:№|N)\s*(\d+)")
_MONTHS_RU = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
_DATE_RU = re.compile(r"от\s+(\d{1,2})\s+(" + "|".join(_MONTHS_RU) + r")\s+(\d{4})")
_DATE_KY = re.compile(r"(\d{4})-жылдын\s+(\d{1,2})-(\w+)")
_MONTHS_KY = (
    "январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр",
)  # fmt: skip
_KYRGYZ_LETTERS = re.compile("[ңөүҢӨҮ]")
_SIGNATURE = re.compile(
    r"(?:Президент(?:\s+Кыргызской\s+Республики)?|Кыргыз\s+Республикасынын\s+Президенти)"
    r"(?:\s+[А-ЯЁӨҮҢ]\.\s?(?:[А-ЯЁӨҮҢ]\.\s?)?[А-ЯЁӨҮҢ][а-яёөүң-]+)?"  # and the name: «С. Жапаров»
    r"|(?:Принят\s+Жогорку\s+Кенешем|Кыргыз\s+Республикасынын\s+Жогорку\s+Кеңеши).*"
    r"|г\.\s*Бишкек.*|Бишкек\s+шаары.*"
)
"""The first line of the signature and adoption block that closes a published act."""
_PUBLICATION = re.compile(r"\([^()]*\b(?:1[89]|20)\d\d\b[^()]*(?:№|N)\s*\d[^()]*\)")
"""The first publication, in parentheses before the signature: «("Эркин Тоо", 29 апреля 1998
года, № 53-54)», «(Ведомости Жогорку Кенеша …, 1998 г., № 7, ст. 229)»."""
_CAPITALS = re.compile(r"(?=(?:\W*[А-ЯЁҢӨҮ]){4})[^a-zа-яёңөү;,]*[А-ЯЁҢӨҮ][^a-zа-яёңөү;,]*")
"""A line in capitals (four letters or more, none small): how a law prints a heading, never a
paragraph; between two articles it is a heading kodeks did not recognise."""


@dataclass(slots=True)
class StatuteBlock:
    kind: str
    """``part``, ``point``, ``subpoint``, ``paragraph``, ``notes`` (the line that opens them) or
    ``note`` (a numbered note)."""
    label: str
    """«2», «2-1», «а»; empty for a paragraph."""
    text: str
    line: int
    owner: str = ""
    """For a paragraph: the unit it is an абзац of (``part``, ``point``, ``article``, ``notes``)."""


@dataclass(slots=True)
class StatuteArticle:
    number: LegalNumber
    title: str
    line: int
    blocks: list[StatuteBlock] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    repealed: bool = False


@dataclass(slots=True)
class StatuteHeading:
    kind: str
    """``section`` or ``chapter``."""
    number: LegalNumber
    title: str
    line: int


@dataclass(slots=True)
class Statute:
    path: str
    language: str
    title: str = ""
    number: str | None = None
    adopted: datetime.date | None = None
    preamble: list[str] = field(default_factory=list)
    """Header lines that are neither the title, number nor date, and text before the first
    article: kept, never dropped."""
    history: list[str] = field(default_factory=list)
    publication: str = ""
    """Where the act was first published, as the text cites it after its last article."""
    signature: list[str] = field(default_factory=list)
    """The block after the last article: who signed, where, when, the number, «Принят Жогорку
    Кенешем …»: the act's metadata, never text of its last article."""
    outline: list[StatuteHeading | StatuteArticle] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def articles(self) -> list[StatuteArticle]:
        return [a for a in self.outline if isinstance(a, StatuteArticle)]


def language_of(text: str) -> str:
    """ky when the text has Kyrgyz letters or «-берене» headings, else ru."""
    return "ky" if _KYRGYZ_LETTERS.search(text) or re.search(r"\d-берене", text) else "ru"


def _section_number(text: str) -> LegalNumber | None:
    """«I» as most sections are numbered, or «1» as some laws print them («РАЗДЕЛ 1.», «1-бөлүм»)."""
    value = int(text) if text.isdigit() else from_roman(text)
    return LegalNumber.of(value) if value else None


def _number(text: str) -> LegalNumber | None:
    """«12», «12-1», and «12¹» as the official print writes an inserted number."""
    head = text.rstrip("⁰¹²³⁴⁵⁶⁷⁸⁹")
    if head != text:
        text = f"{head}-{text[len(head) :].translate(_SUPERSCRIPTS)}"
    return LegalNumber.parse(text)


def read_statute(path: str, text: str, language: str | None = None) -> Statute:
    """Every line of ``text`` placed into a :class:`Statute`, or reported (I001)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    statute = Statute(path, language or language_of(text))
    lines = [(number, " ".join(line.split())) for number, line in enumerate(text.split("\n"), start=1)]
    lines = [(number, line) for number, line in lines if line]
    for number, line in lines:
        control = CONTROL.search(line)
        if control:  # not a character of a law: the copy is damaged, and no file could hold it
            statute.problems.append(
                _unplaced(
                    path,
                    number,
                    msg(
                        "a control character {character}: remove it from the input",
                        character="U+" + format(ord(control.group()), "04X"),
                    ),
                )
            )
    headings = _HEADINGS[statute.language]
    index = _read_header(statute, lines, headings)
    article: StatuteArticle | None = None
    state = _State()
    pending_title: StatuteHeading | StatuteArticle | None = None
    wrapped: StatuteHeading | None = None  # a heading in capitals whose title may go on
    while index < len(lines):
        number, line = lines[index]
        index += 1
        kind, match = _heading(headings, line)
        if kind is None and wrapped is not None and _CAPITALS.fullmatch(line):
            wrapped.title += " " + line  # «РАЗДЕЛ II. ГОСУДАРСТВЕННАЯ ПОЛИТИКА В ОБЛАСТИ» / «ОБЕСПЕЧЕНИЯ …»
            continue
        wrapped = None
        if kind is not None and match is not None:
            value = _section_number(match.group(1)) if kind == "section" else _number(match.group(1))
            if value is None:
                statute.problems.append(_unplaced(path, number, msg("«{line}»: its number cannot be read", line=line)))
                continue
            title = (match.group(2) or "").strip()
            if kind == "article":
                article = StatuteArticle(value, title, number)
                # «Статья 21¹. (Утратила силу …)»: the note stands where the title would.
                article.repealed = bool(_REPEALED.fullmatch(title))
                state = _State()
                statute.outline.append(article)
                pending_title = None if title else article
            else:
                heading = StatuteHeading(kind, value, title, number)
                statute.outline.append(heading)
                article = None
                pending_title = None if title else heading
                wrapped = heading if title and _CAPITALS.fullmatch(title) else None
            continue
        if pending_title is not None and not _is_unit(line) and not line.endswith((".", ":", ";")):
            pending_title.title = line  # a title printed on the line after its heading (a sentence is text)
            pending_title = None
            continue
        pending_title = None
        if _HISTORY.fullmatch(line):
            target = article.history if article is not None else statute.history
            target.append(line)
            if article is not None and not article.blocks and _REPEALED.fullmatch(line):
                article.repealed = True
            continue
        if article is not None and article.repealed and not article.blocks:
            # Under a repealed article the database prints only its notes («Примечание:
            # Изменения … на официальном языке имеют различия …»): its history, kept.
            article.history.append(line)
            continue
        if article is None:
            if statute.articles:  # text between a heading and the first article under it
                statute.problems.append(
                    _unplaced(path, number, msg("«{line}» stands under a heading but in no article", line=_short(line)))
                )
            else:  # before the first article (some texts print the preamble under «РАЗДЕЛ I»)
                statute.preamble.append(line)
            continue
        problem = state.place(article, number, line)
        if problem:
            statute.problems.append(_unplaced(path, number, problem))
    if not statute.articles:
        statute.problems.append(
            _unplaced(path, 1, msg("no article found: articles begin «Статья 1.» (ru) or «1-берене.» (ky)"))
        )
    elif isinstance(statute.outline[-1], StatuteArticle):
        _take_signature(statute, statute.outline[-1])
    return statute


def _take_signature(statute: Statute, last: StatuteArticle) -> None:
    """The signature and adoption block closing the text (who signed, where, when, the number,
    «Принят Жогорку Кенешем …»), read as абзацы of the last article: moved to the act's metadata.
    Only a run of short plain lines at the very end that begins with such a line: a paragraph
    «Президент Кыргызской Республики подписывает …» in an article is text, not a signature."""
    blocks = last.blocks
    start = len(blocks)
    while start and blocks[start - 1].kind == "paragraph" and len(blocks[start - 1].text) <= 120:
        start -= 1
    opener = next((i for i in range(start, len(blocks)) if _SIGNATURE.fullmatch(blocks[i].text)), None)
    if opener is None:
        return
    if opener and blocks[opener - 1].kind == "paragraph" and _PUBLICATION.fullmatch(blocks[opener - 1].text):
        # «("Эркин Тоо - Свободные горы", 29 апреля 1998 года, № 53-54)»: where it was published
        statute.publication = blocks[opener - 1].text[1:-1].strip()
        opener -= 1
        statute.signature.extend(block.text for block in blocks[opener + 1 :])
    else:
        statute.signature.extend(block.text for block in blocks[opener:])
    del blocks[opener:]


def _short(line: str) -> str:
    return line if len(line) <= 60 else line[:57] + "…"


def _unplaced(path: str, line: int, message: Message | str) -> Diagnostic:
    return rule("I001").at(SourceLocation(path, line), message)


def _heading(headings: dict[str, re.Pattern[str]], line: str) -> tuple[str | None, re.Match[str] | None]:
    for kind, pattern in headings.items():
        match = pattern.fullmatch(line)
        if match:
            return kind, match
    return None, None


def _is_unit(line: str) -> bool:
    return bool(_PART.fullmatch(line) or _POINT.fullmatch(line) or _SUBPOINT.fullmatch(line))


def reads_as_structure(line: str, language: str) -> bool:
    """Whether a line of running text would be read as something else: a heading, a numbered
    unit, a history note («(В редакции …)»), notes. A reader that writes a document's paragraphs
    as lines refuses such a paragraph rather than let it become a unit of its own."""
    headings = _HEADINGS.get(language, _HEADINGS["ru"])
    return bool(
        _heading(headings, line)[0]
        or _is_unit(line)
        or _HISTORY.fullmatch(line)
        or NOTES_OPENING.match(line)
        or _SIGNATURE.fullmatch(line)
    )


def _read_header(statute: Statute, lines: list[tuple[int, str]], headings: dict[str, re.Pattern[str]]) -> int:
    """Title, number and date before the first heading; the rest of the header is preamble."""
    index = 0
    while index < len(lines):
        number, line = lines[index]
        kind, _ = _heading(headings, line)
        if kind is not None:
            break
        index += 1
        if _HISTORY.fullmatch(line):
            statute.history.append(line)
            continue
        found_number = _NUMBER_LINE.search(line)
        found_date = _date(statute.language, line)
        if (found_number or found_date) and len(line) < 80:
            statute.number = statute.number or (found_number.group(1) if found_number else None)
            statute.adopted = statute.adopted or found_date
            statute.preamble.append(line)
            continue
        if not statute.title and _is_title(statute.language, line):
            statute.title = line
            continue
        statute.preamble.append(line)
    if not statute.title:  # a code's header names it («ГРАЖДАНСКИЙ КОДЕКС …»), with no «О …» line
        named = [line for line in statute.preamble if re.search(r"(?i)кодекс", line)]
        if named:
            statute.title = named[0]
            statute.preamble.remove(named[0])
    return index


def _is_title(language: str, line: str) -> bool:
    if language == "ru":
        return bool(re.match(r"(?:О|Об|Обо)\s", line)) and not line.isupper()
    return bool(re.search(r"(?:жөнүндө|тууралуу)$", line))


def _date(language: str, line: str) -> datetime.date | None:
    if language == "ru":
        match = _DATE_RU.search(line)
        if match:
            return _safe_date(int(match.group(3)), _MONTHS_RU.index(match.group(2)) + 1, int(match.group(1)))
        return None
    match = _DATE_KY.search(line)
    if match:
        month = next((i for i, stem in enumerate(_MONTHS_KY, 1) if match.group(3).lower().startswith(stem)), None)
        if month:
            return _safe_date(int(match.group(1)), month, int(match.group(2)))
    return None


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


@dataclass(slots=True)
class _State:
    """Where in an article the next line goes."""

    has_part: bool = False
    has_point: bool = False
    last: str = "article"
    in_notes: bool = False

    def place(self, article: StatuteArticle, number: int, line: str) -> Message | None:
        """Add ``line`` to the article; a problem when it cannot be placed."""
        blocks = article.blocks
        if self.in_notes:
            part = _PART.fullmatch(line)
            if part:
                blocks.append(StatuteBlock("note", _label(part.group(1)), part.group(2), number))
            else:
                blocks.append(StatuteBlock("paragraph", "", line, number, "notes"))
            return None
        opening = NOTES_OPENING.match(line)
        if opening:
            self.in_notes = True
            first = _PART.fullmatch(line[opening.end() :].strip())
            if first and first.group(1) == "1":  # «Примечания. 1. Под …» on one line: the list's first note
                blocks.append(StatuteBlock("notes", "", line[: opening.end()], number))
                blocks.append(StatuteBlock("note", "1", first.group(2), number))
            else:
                blocks.append(StatuteBlock("notes", "", line, number))
            return None
        part, point, subpoint = _PART.fullmatch(line), _POINT.fullmatch(line), _SUBPOINT.fullmatch(line)
        if part:
            if blocks and not self.has_part:
                return msg(
                    "«{line}» opens a part after text that stands directly in the article: once an "
                    "article has parts, all its text belongs in them (kodeks would read it as B007 or B012)",
                    line=_short(line),
                )
            self.has_part, self.has_point, self.last = True, False, "part"
            blocks.append(StatuteBlock("part", _label(part.group(1)), part.group(2), number))
        elif point:
            self.has_point, self.last = True, "point"
            blocks.append(StatuteBlock("point", _label(point.group(1)), point.group(2), number))
        elif subpoint:
            if not self.has_point:
                return msg("«{line}» opens a subpoint, but no point stands before it", line=_short(line))
            self.last = "subpoint"
            blocks.append(StatuteBlock("subpoint", subpoint.group(1), subpoint.group(2), number))
        elif _CAPITALS.fullmatch(line):
            return msg(
                "«{line}» is printed as a heading (in capitals), not as a paragraph of the article: "
                "kodeks reads a section as «РАЗДЕЛ I» / «I БӨЛҮМ» and a chapter as «Глава 1» / «1-глава»; "
                "write the heading so, or mark it in the input",
                line=_short(line),
            )
        else:
            # After subpoints a plain line closes their point; after points, their part (or the
            # article); after an абзац, the same unit goes on.
            if self.last == "subpoint":
                owner = "point"
            elif self.last == "point":
                owner = "part" if self.has_part else "article"
            else:
                owner = self.last.removeprefix("paragraph-")
            blocks.append(StatuteBlock("paragraph", "", line, number, owner))
            self.last = f"paragraph-{owner}"
        return None


def _label(text: str) -> str:
    number = _number(text)
    return str(number) if number is not None else text
