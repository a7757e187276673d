"""An amending law read back into instructions: the text ``kodeks amend`` writes, and the same
forms written by hand (plain text or Markdown, Kyrgyz or Russian or both, one after the other).

Article 1 is read item by item: «1) …;», sub-items «а) …;» under «в статье 7:» / «7-беренеде:»;
a unit's new text follows its instruction in «…» and ends where its quotation marks balance.
Whatever cannot be read is reported with its line, and nothing is applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..citation import ordinal
from ..diagnostics import Diagnostic, SourceLocation
from ..instruction import Instruction, Op, UnitPath
from ..model import LegalNumber
from ..rules import rule
from ..wording import MARKS, TEXT_OF

HEADINGS = {"ru": "закон кыргызской республики", "ky": "кыргыз республикасынын мыйзамы"}
_OPENING = {
    "ru": re.compile(r"^Внести в .+ (?:следующие изменения|следующее изменение):$"),
    "ky": re.compile(r"^.+ төмөнкүдөй (?:өзгөртүүлөр|өзгөртүү) киргизилсин:$"),
}
_ARTICLE = {"ru": re.compile(r"^Статья (\d+)\.?$"), "ky": re.compile(r"^(\d+)-берене\.?$")}
_ONLY = {version: {phrase: text for text, phrase in phrases.items()} for version, phrases in TEXT_OF.items()}
_ITEM = re.compile(r"^(\d+|[а-яё])\)\s+(.*)$")
_NUMBER = r"\d+(?:-\d+)*"

_RU_LOC = rf"(?:(?:абзац\w* \w+|подпункт\w* «[а-яё]»|пункт\w* {_NUMBER}|част\w+ {_NUMBER}|стать\w+ {_NUMBER})(?: |$))+"
_KY_LOC = rf"(?:(?:{_NUMBER}-(?:берене\w*|бөлүг\w*|пункт\w*)|«[а-яё]» пунктча\w*|\w+ абзац\w*)(?: |$))+"
_RU_NUMBERS = rf"(?:«[а-яё]»|{_NUMBER})(?:(?:, | и |–)(?:«[а-яё]»|{_NUMBER}))+"
_KY_NUMBERS = rf"(?:«[а-яё]»|{_NUMBER})(?:(?:, | жана )(?:«[а-яё]»|{_NUMBER}))*"
_RU_MARK = "|".join(re.escape(names["ru"][0]) for names in sorted(MARKS.values(), key=lambda n: -len(n["ru"][0])))
_RU_MARK_WITH = "|".join(re.escape(n["ru"][1]) for n in sorted(MARKS.values(), key=lambda n: -len(n["ru"][1])))
_KY_MARK = "|".join(re.escape(names["ky"][0]) for names in sorted(MARKS.values(), key=lambda n: -len(n["ky"][0])))
_W = r"(?:слова|слово)"
_WS = r"(?:словами|словом)"
_RU = [
    (Op.THROUGHOUT, re.compile(rf"^по всему тексту (?:Кодекса|Закона)(?:, за исключением (?P<exc>(?:статьи|статей) [^,]+),)? {_W} «(?P<old>.*)» заменить {_WS} «(?P<new>.*)»$")),
    (Op.REPLACE, re.compile(rf"^(?:в (?P<loc>{_RU_LOC}))?{_W} «(?P<old>.*)» заменить {_WS} «(?P<new>.*)»$")),
    (Op.DELETE, re.compile(rf"^(?:в (?P<loc>{_RU_LOC}))?{_W} «(?P<old>.*)» исключить$")),
    (Op.INSERT_AFTER, re.compile(rf"^(?:в (?P<loc>{_RU_LOC}))?после (?:слов|слова) «(?P<old>.*)» дополнить {_WS} «(?P<new>.*)»$")),
    (Op.INSERT_BEFORE, re.compile(rf"^(?:в (?P<loc>{_RU_LOC}))?перед {_WS} «(?P<old>.*)» дополнить {_WS} «(?P<new>.*)»$")),
    (Op.RETITLE, re.compile(rf"^наименование(?: (?P<loc>статьи {_NUMBER}))? изложить в следующей редакции: «(?P<new>.*)»$")),
    (Op.RESTATE, re.compile(rf"^(?P<loc>{_RU_LOC}|статью|) ?изложить в следующей редакции:$")),
    (Op.REPEAL, re.compile(rf"^(?P<loc>{_RU_LOC}|статью|) ?признать утративш(?:ей|им) силу$")),
    (Op.REPEAL, re.compile(rf"^(?P<kind>части|пункты|подпункты) (?P<nums>{_RU_NUMBERS}) ?(?P<loc>{_RU_LOC})?признать утратившими силу$")),
    (Op.ADD, re.compile(rf"^(?:главу (?P<ch>{_NUMBER}) )?дополнить статьей (?P<num>{_NUMBER}) следующего содержания:$")),
    (Op.ADD, re.compile(rf"^(?P<loc>{_RU_LOC})?дополнить (?P<kind>частью|пунктом|подпунктом) (?P<num>«[а-яё]»|{_NUMBER}) следующего содержания:$")),
    (Op.ADD, re.compile(rf"^(?P<loc>{_RU_LOC})?дополнить (?P<kind>частями|пунктами|подпунктами) (?P<nums>{_RU_NUMBERS}) следующего содержания:$")),
    (Op.ADD, re.compile(rf"^(?P<loc>{_RU_LOC}|статью )?дополнить абзацем (?P<ord>\w+) следующего содержания:$")),
    (Op.REPLACE, re.compile(rf"^(?:в (?P<loc>{_RU_LOC}))?(?P<sign>{_RU_MARK}) заменить (?P<by>{_RU_MARK_WITH})$")),
]  # fmt: skip
_KW = r"деген (?:сөздөр|сөз)"
_KY = [
    (Op.THROUGHOUT, re.compile(rf"^(?:Кодекстин|Мыйзамдын)(?: (?P<exc>{_KY_NUMBERS})-(?:беренесин|беренелерин) кошпогондо,)? бүткүл тексти боюнча «(?P<old>.*)» {_KW} «(?P<new>.*)» (?:деген (?:сөздөргө|сөзгө)|{_KW} менен) алмаштырылсын$")),
    (Op.REPLACE, re.compile(rf"^(?P<loc>{_KY_LOC})?(?P<sign>{_KY_MARK}) (?P<by>{_KY_MARK}) менен алмаштырылсын$")),
    (Op.REPLACE, re.compile(rf"^(?P<loc>{_KY_LOC})?«(?P<old>.*)» {_KW} «(?P<new>.*)» {_KW} менен алмаштырылсын$")),
    (Op.DELETE, re.compile(rf"^(?P<loc>{_KY_LOC})?«(?P<old>.*)» {_KW} алып салынсын$")),
    (Op.INSERT_AFTER, re.compile(rf"^(?P<loc>{_KY_LOC})?«(?P<old>.*)» деген (?:сөздөрдөн|сөздөн) кийин «(?P<new>.*)» {_KW} менен толукталсын$")),
    (Op.INSERT_BEFORE, re.compile(rf"^(?P<loc>{_KY_LOC})?«(?P<old>.*)» деген (?:сөздөрдөн|сөздөн) мурда «(?P<new>.*)» {_KW} менен толукталсын$")),
    (Op.RETITLE, re.compile(rf"^(?:(?P<loc>{_NUMBER}-берененин) )?аталышы төмөнкүдөй редакцияда баяндалсын: «(?P<new>.*)»$")),
    (Op.RESTATE, re.compile(rf"^(?P<loc>{_KY_LOC}|берене )төмөнкүдөй редакцияда баяндалсын:$")),
    (Op.REPEAL, re.compile(rf"^(?P<loc>{_KY_LOC})?(?P<nums>{_KY_NUMBERS})(?P<kind>-бөлүктөрү|-пункттары| пунктчалары) күчүн жоготту деп таанылсын$")),
    (Op.REPEAL, re.compile(rf"^(?P<loc>{_KY_LOC}|берене )күчүн жоготту деп таанылсын$")),
    (Op.ADD, re.compile(rf"^(?:(?P<ch>{_NUMBER})-глава|Кодекс|Мыйзам) төмөнкүдөй мазмундагы (?P<num>{_NUMBER})-берене менен толукталсын:$")),
    (Op.ADD, re.compile(rf"^(?P<loc>{_KY_LOC}|берене )төмөнкүдөй мазмундагы (?P<num>{_NUMBER}-бөлүк|{_NUMBER}-пункт|«[а-яё]» пунктча) менен толукталсын:$")),
    (Op.ADD, re.compile(rf"^(?P<loc>{_KY_LOC}|берене )төмөнкүдөй мазмундагы (?P<nums>{_KY_NUMBERS})(?P<kind>-бөлүктөр|-пункттар| пунктчалар) менен толукталсын:$")),
    (Op.ADD, re.compile(rf"^(?P<loc>{_KY_LOC}|берене )төмөнкүдөй мазмундагы (?P<ord>\w+) абзац менен толукталсын:$")),
]  # fmt: skip


@dataclass(slots=True)
class LawText:
    """The versions of an amending law found in a file, each its instructions."""

    versions: dict[str, list[Instruction]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    """L001 for every line that could not be read."""


def read_law(text: str, path: str = "law.md") -> LawText:
    law = LawText()
    lines = [(number, _clean(line)) for number, line in enumerate(text.splitlines(), start=1)]
    lines = [(number, line) for number, line in lines if line]
    starts = [
        (i, lang) for i, (_, line) in enumerate(lines) for lang, heading in HEADINGS.items() if line.lower() == heading
    ]
    if not starts:
        language = "ky" if any(c in text for c in "ңөүҢӨҮ") else "ru"
        starts = [(0, language)]
    for position, (start, language) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        law.versions[language] = _version(lines[start:end], language, law.problems, path)
    return law


def _clean(line: str) -> str:
    """A line without its Markdown: heading marks, bold, a leading backslash escape."""
    line = line.strip().lstrip("\ufeff")
    line = re.sub(r"^#+\s*", "", line)
    if line.startswith("**") and line.endswith("**") and len(line) > 4:
        line = line[2:-2].strip()
    return line[1:] if line.startswith("\\") else line


def _version(lines: list[tuple[int, str]], language: str, problems: list[Diagnostic], path: str) -> list[Instruction]:
    def unread(line: int, message: str) -> None:
        problems.append(rule("L001").at(SourceLocation(path, line), message))

    opening = next((i for i, (_, line) in enumerate(lines) if _OPENING[language].match(line)), None)
    if opening is None:
        unread(
            lines[0][0] if lines else 1,
            f"no «{'Внести в … следующие изменения:' if language == 'ru' else '… төмөнкүдөй өзгөртүүлөр киргизилсин:'}» opens article 1 ({language})",
        )
        return []
    found: list[Instruction] = []
    group: LegalNumber | None = None
    index = opening + 1
    while index < len(lines):
        number, line = lines[index]
        article = _ARTICLE[language].match(line)
        if article and article.group(1) != "1":
            break  # the article on entry into force
        item = _ITEM.match(line)
        if item is None and not found and group is None:
            item = re.match(r"^()(.*)$", line)  # a law with one change does not number it
        if item is None:
            unread(number, f"not an instruction: {line[:80]}")
            index += 1
            continue
        body = item.group(2)
        header = re.fullmatch(rf"в статье ({_NUMBER}):" if language == "ru" else rf"({_NUMBER})-беренеде:", body)
        if header and item.group(1).isdigit():
            group = LegalNumber.parse(header.group(1))
            index += 1
            continue
        if item.group(1).isdigit():
            group = None
        content: list[str] = []
        index += 1
        if body.endswith(":") and not body.endswith("»:"):
            content, index = _content(lines, index, language)
        text = body.rstrip(";.").rstrip() if not content else body
        instruction = _instruction(text, language, group, tuple(content))
        if instruction is None:
            unread(number, f"cannot read the instruction: {body[:100]}")
            continue
        found.append(instruction)
    return found


def _content(lines: list[tuple[int, str]], index: int, language: str) -> tuple[list[str], int]:
    """A unit's new text in «…», up to the line where the quotation marks balance; where a
    quotation mark inside the text is left open, up to the first line that closes the quotation
    («…»; / «…».) before the next instruction or the next article."""
    content: list[str] = []
    depth = 0
    start = index
    while index < len(lines):
        _, line = lines[index]
        index += 1
        depth += line.count("«") - line.count("»")
        content.append(line)
        if depth <= 0:
            break
    if depth > 0:
        for end in range(start, len(lines)):
            following = lines[end + 1][1] if end + 1 < len(lines) else ""
            closes = lines[end][1].endswith(("»;", "».", "»"))
            if closes and (not following or _ITEM.match(following) or _ARTICLE[language].match(following)):
                content, index = [line for _, line in lines[start : end + 1]], end + 1
                break
    if content:
        content[0] = content[0].removeprefix("«")
        last = content[-1].rstrip(";.")
        content[-1] = last[:-1] if last.endswith("»") else last
        if not content[-1] and len(content) > 1:
            content.pop()
    return content, index


def _instruction(text: str, language: str, group: LegalNumber | None, content: tuple[str, ...]) -> Instruction | None:
    only_language = None
    for phrase, named in _ONLY[language].items():
        if text.startswith(phrase + ": "):
            text, only_language = text[len(phrase) + 2 :], named
    target = only_language or language
    for op, pattern in _RU if language == "ru" else _KY:
        match = pattern.match(text)
        if match is None:
            continue
        values = match.groupdict()
        if op is Op.THROUGHOUT:
            excepted = tuple(
                n for n in (LegalNumber.parse(x) for x in re.findall(_NUMBER, values.get("exc") or "")) if n
            )
            return Instruction(
                op, target, None, values["old"], values["new"], excepted=excepted, only=only_language is not None
            )
        if op is Op.ADD and values.get("kind") is None and "num" in values and "ch" in values:
            article = LegalNumber.parse(values["num"])
            if article is None:
                return None
            chapter = LegalNumber.parse(values["ch"]) if values.get("ch") else None
            return Instruction(
                op, target, UnitPath(article), content=content, chapter=chapter, only=only_language is not None
            )
        path = _path(values.get("loc") or "", language, group)
        if path is None:
            return None
        old, new = values.get("old") or "", values.get("new") or ""
        added: tuple[str, ...] = ()
        if values.get("sign"):  # a sign named: «точку заменить точкой с запятой»
            old, new = _mark(values["sign"], language, 0), _mark(values["by"], language, 1)
        if op is Op.ADD and values.get("ord"):
            ordinal_value = ordinal(values["ord"], language)
            if ordinal_value is None or path.paragraph is not None:
                return None
            path = UnitPath(path.article, path.part, path.point, path.subpoint, ordinal_value)
        elif op is Op.REPEAL and values.get("nums"):
            added = _numbers(values["nums"])
            role = {"части": "part", "пункты": "point", "подпункты": "subpoint", "-бөлүктөрү": "part",
                    "-пункттары": "point", " пунктчалары": "subpoint"}[values["kind"]]  # fmt: skip
            repealed = _unit_at(path, role, added[0])
            if repealed is None or len(added) < 2:
                return None
            path = repealed
        elif op is Op.ADD and values.get("nums"):
            added = _numbers(values["nums"])
            singular = {"частями": "частью", "пунктами": "пунктом", "подпунктами": "подпунктом"}
            kind = singular.get(values["kind"], "")
            first = added[0] + {"-бөлүктөр": "-бөлүк", "-пункттар": "-пункт", " пунктчалар": " пунктча"}.get(
                values["kind"], ""
            )
            path = _added(path, first, kind, language)
            if path is None or len(added) < 2:
                return None
        elif op is Op.ADD:
            path = _added(path, values["num"], values.get("kind"), language)
            if path is None:
                return None
        return Instruction(op, target, path, old, new, content, added=added, only=only_language is not None)
    return None


def _unit_at(parent: UnitPath, role: str, label: str) -> UnitPath | None:
    """The part, point or subpoint ``label`` of the unit ``parent`` names."""
    if role == "subpoint":
        return UnitPath(parent.article, parent.part, parent.point, label.strip("«»"))
    number = LegalNumber.parse(label)
    if number is None:
        return None
    return UnitPath(parent.article, number) if role == "part" else UnitPath(parent.article, parent.part, number)


def _mark(name: str, language: str, form: int) -> str:
    """«точку» / «точкой с запятой» / «үтүр» → the sign."""
    return next(sign for sign, names in MARKS.items() if names[language][form] == name)


def _numbers(words: str) -> tuple[str, ...]:
    """«7 и 8», «4–6», «1, 5 жана 9», «4-6» (a range where a list is plural), «"в" и "г"»."""
    found: list[str] = []
    pieces = re.split(r", | и | жана ", words)
    for piece in pieces:
        piece = piece.strip("«»")
        # «4–6»; in Kyrgyz «4-6-пункттар» (one piece, and plural): an inserted number is never a range
        bounds = re.fullmatch(r"(\d+)[–-](\d+)", piece) if len(pieces) == 1 else None
        if bounds and int(bounds.group(1)) < int(bounds.group(2)):
            found += [str(n) for n in range(int(bounds.group(1)), int(bounds.group(2)) + 1)]
        else:
            found.append(piece)
    return tuple(found)


def _path(words: str, language: str, group: LegalNumber | None) -> UnitPath | None:
    """``части 2 статьи 7`` / ``7-берененин 2-бөлүгүнүн`` as a unit path; the article of the
    group when the words do not name one."""
    article, part, point, subpoint, paragraph = group, None, None, None, None
    words = words.strip()
    if language == "ru":
        for noun, value in re.findall(
            rf"(абзац\w*|подпункт\w*|пункт\w*|част\w+|стать\w+) («[а-яё]»|{_NUMBER}|\w+)", words
        ):
            if noun.startswith("абзац"):
                paragraph = ordinal(value, "ru")
            elif noun.startswith("подпункт"):
                subpoint = value.strip("«»")
            elif noun.startswith("пункт"):
                point = LegalNumber.parse(value)
            elif noun.startswith("част"):
                part = LegalNumber.parse(value)
            else:
                article = LegalNumber.parse(value)
    else:
        for number, noun in re.findall(rf"({_NUMBER})-(берене\w*|бөлүг\w*|пункт\w*)", words):
            if noun.startswith("берене"):
                article = LegalNumber.parse(number)
            elif noun.startswith("бөлүг"):
                part = LegalNumber.parse(number)
            else:
                point = LegalNumber.parse(number)
        letter = re.search(r"«([а-яё])» пунктча", words)
        subpoint = letter.group(1) if letter else None
        abzac = re.search(r"(\w+) абзац", words)
        paragraph = ordinal(abzac.group(1), "ky") if abzac else None
    if article is None:
        return None
    return UnitPath(article, part, point, subpoint, paragraph)


def _added(parent: UnitPath, number: str, kind: str | None, language: str) -> UnitPath | None:
    """The new unit's path: the parent's, with the new number in its place."""
    if language == "ru":
        role = {"частью": "part", "пунктом": "point", "подпунктом": "subpoint"}.get(kind or "")
        value = number
    else:
        role = "part" if number.endswith("-бөлүк") else "point" if number.endswith("-пункт") else "subpoint"
        value = number.removesuffix("-бөлүк").removesuffix("-пункт").removesuffix(" пунктча")
    if role == "subpoint":
        return UnitPath(parent.article, parent.part, parent.point, value.strip("«»"))
    parsed = LegalNumber.parse(value)
    if parsed is None or role is None:
        return None
    if role == "part":
        return UnitPath(parent.article, parsed)
    return UnitPath(parent.article, parent.part, parsed)
