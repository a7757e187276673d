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
from ..law_phrases import any_of, by_kind, forms, phrase
from ..messages import Message, msg
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
_RU_WORDS, _RU_WITH = any_of(forms("ru", "words")), any_of(forms("ru", "with_words"))
_RU_AFTER, _RU_BEFORE = any_of(forms("ru", "after")), any_of(forms("ru", "before"))
_RU_REPEAL = any_of(forms("ru", "repeal")[:2])
_RU_ADDED = {kind: any_of(pair) for kind, pair in by_kind("ru", "added").items() if isinstance(pair, tuple)}
_RU_ONE_ADDED = any_of(pair[0] for pair in by_kind("ru", "added").values() if isinstance(pair, tuple))
_RU_SEVERAL_ADDED = any_of(pair[1] for pair in by_kind("ru", "added").values() if isinstance(pair, tuple))
_RU_SEVERAL_REPEALED = any_of(str(noun) for noun in by_kind("ru", "repealed_several").values())
_RU_RESTATE, _RU_CONTENT, _RU_ADD = (re.escape(phrase("ru", name)) for name in ("restate", "content", "add"))
_ROLE_OF: dict[str, dict[str, str]] = {
    language: {
        **{
            str(word): kind
            for kind, pair in by_kind(language, "added").items()
            if isinstance(pair, tuple)
            for word in pair
        },
        **{str(word): kind for kind, word in by_kind(language, "repealed_several").items()},
    }
    for language in ("ru", "ky")
}
"""The kind of unit each word of the table names: «частью» / «-бөлүк» … → part."""
_RU = [
    (Op.THROUGHOUT, re.compile(rf"^{phrase('ru', 'throughout')} (?:Кодекса|Закона)(?:, {phrase('ru', 'except')} (?P<exc>(?:статьи|статей) [^,]+),)? {_RU_WORDS} «(?P<old>.*)» {phrase('ru', 'replace')} {_RU_WITH} «(?P<new>.*)»$")),
    (Op.REPLACE, re.compile(rf"^(?:в (?P<loc>{_RU_LOC}))?{_RU_WORDS} «(?P<old>.*)» {phrase('ru', 'replace')} {_RU_WITH} «(?P<new>.*)»$")),
    (Op.DELETE, re.compile(rf"^(?:в (?P<loc>{_RU_LOC}))?{_RU_WORDS} «(?P<old>.*)» {phrase('ru', 'delete')}$")),
    (Op.INSERT_AFTER, re.compile(rf"^(?:в (?P<loc>{_RU_LOC}))?{_RU_AFTER} «(?P<old>.*)» {_RU_ADD} {_RU_WITH} «(?P<new>.*)»$")),
    (Op.INSERT_BEFORE, re.compile(rf"^(?:в (?P<loc>{_RU_LOC}))?{_RU_BEFORE} «(?P<old>.*)» {_RU_ADD} {_RU_WITH} «(?P<new>.*)»$")),
    (Op.RETITLE, re.compile(rf"^{phrase('ru', 'title')}(?: (?P<loc>статьи {_NUMBER}))? {_RU_RESTATE}: «(?P<new>.*)»$")),
    (Op.RESTATE, re.compile(rf"^(?P<loc>{_RU_LOC}|статью|) ?{_RU_RESTATE}:$")),
    (Op.REPEAL, re.compile(rf"^(?P<loc>{_RU_LOC}|статью|) ?{_RU_REPEAL}$")),
    (Op.REPEAL, re.compile(rf"^(?P<kind>{_RU_SEVERAL_REPEALED}) (?P<nums>{_RU_NUMBERS}) ?(?P<loc>{_RU_LOC})?{re.escape(forms('ru', 'repeal')[2])}$")),
    (Op.ADD, re.compile(rf"^(?:главу (?P<ch>{_NUMBER}) )?{_RU_ADD} статьей (?P<num>{_NUMBER}) {_RU_CONTENT}:$")),
    (Op.ADD, re.compile(rf"^(?P<loc>{_RU_LOC})?{_RU_ADD} (?P<kind>{_RU_ONE_ADDED}) (?P<num>«[а-яё]»|{_NUMBER}) {_RU_CONTENT}:$")),
    (Op.ADD, re.compile(rf"^(?P<loc>{_RU_LOC})?{_RU_ADD} (?P<kind>{_RU_SEVERAL_ADDED}) (?P<nums>{_RU_NUMBERS}) {_RU_CONTENT}:$")),
    (Op.ADD, re.compile(rf"^(?P<loc>{_RU_LOC}|статью )?{_RU_ADD} абзацем (?P<ord>\w+) {_RU_CONTENT}:$")),
    (Op.REPLACE, re.compile(rf"^(?:в (?P<loc>{_RU_LOC}))?(?P<sign>{_RU_MARK}) {phrase('ru', 'replace')} (?P<by>{_RU_MARK_WITH})$")),
]  # fmt: skip
_KW, _KW_WITH = any_of(forms("ky", "words")), any_of(forms("ky", "with_words"))
_KY_FROM = any_of(forms("ky", "from_words"))
_KY_ADDED = {kind: pair for kind, pair in by_kind("ky", "added").items() if isinstance(pair, tuple)}
_KY_ONE_ADDED = "|".join(
    rf"{_NUMBER}{re.escape(pair[0])}" if kind != "subpoint" else rf"«[а-яё]»{re.escape(pair[0])}"
    for kind, pair in _KY_ADDED.items()
)
_KY_SEVERAL_ADDED = any_of(pair[1] for pair in _KY_ADDED.values())
_KY_SEVERAL_REPEALED = any_of(str(noun) for noun in by_kind("ky", "repealed_several").values())
_KY_REPLACE, _KY_ADD, _KY_REPEAL = (re.escape(phrase("ky", name)) for name in ("replace", "add", "repeal"))
_KY_RESTATE, _KY_CONTENT = re.escape(phrase("ky", "restate")), re.escape(phrase("ky", "content"))
_KY = [
    (Op.THROUGHOUT, re.compile(rf"^(?:Кодекстин|Мыйзамдын)(?: (?P<exc>{_KY_NUMBERS})-(?:беренесин|беренелерин) {phrase('ky', 'except')},)? {phrase('ky', 'throughout')} «(?P<old>.*)» {_KW} «(?P<new>.*)» (?:деген (?:сөздөргө|сөзгө)|{_KW_WITH}) {_KY_REPLACE}$")),
    (Op.REPLACE, re.compile(rf"^(?P<loc>{_KY_LOC})?(?P<sign>{_KY_MARK}) (?P<by>{_KY_MARK}) менен {_KY_REPLACE}$")),
    (Op.REPLACE, re.compile(rf"^(?P<loc>{_KY_LOC})?«(?P<old>.*)» {_KW} «(?P<new>.*)» {_KW_WITH} {_KY_REPLACE}$")),
    (Op.DELETE, re.compile(rf"^(?P<loc>{_KY_LOC})?«(?P<old>.*)» {_KW} {re.escape(phrase('ky', 'delete'))}$")),
    (Op.INSERT_AFTER, re.compile(rf"^(?P<loc>{_KY_LOC})?«(?P<old>.*)» {_KY_FROM} {phrase('ky', 'after')} «(?P<new>.*)» {_KW_WITH} {_KY_ADD}$")),
    (Op.INSERT_BEFORE, re.compile(rf"^(?P<loc>{_KY_LOC})?«(?P<old>.*)» {_KY_FROM} {phrase('ky', 'before')} «(?P<new>.*)» {_KW_WITH} {_KY_ADD}$")),
    (Op.RETITLE, re.compile(rf"^(?:(?P<loc>{_NUMBER}-берененин) )?{phrase('ky', 'title')} {_KY_RESTATE}: «(?P<new>.*)»$")),
    (Op.RESTATE, re.compile(rf"^(?P<loc>{_KY_LOC}|берене ){_KY_RESTATE}:$")),
    (Op.REPEAL, re.compile(rf"^(?P<loc>{_KY_LOC})?(?P<nums>{_KY_NUMBERS})(?P<kind>{_KY_SEVERAL_REPEALED}) {_KY_REPEAL}$")),
    (Op.REPEAL, re.compile(rf"^(?P<loc>{_KY_LOC}|берене ){_KY_REPEAL}$")),
    (Op.ADD, re.compile(rf"^(?:(?P<ch>{_NUMBER})-глава|Кодекс|Мыйзам) {_KY_CONTENT} (?P<num>{_NUMBER})-берене менен {_KY_ADD}:$")),
    (Op.ADD, re.compile(rf"^(?P<loc>{_KY_LOC}|берене ){_KY_CONTENT} (?P<num>{_KY_ONE_ADDED}) менен {_KY_ADD}:$")),
    (Op.ADD, re.compile(rf"^(?P<loc>{_KY_LOC}|берене ){_KY_CONTENT} (?P<nums>{_KY_NUMBERS})(?P<kind>{_KY_SEVERAL_ADDED}) менен {_KY_ADD}:$")),
    (Op.ADD, re.compile(rf"^(?P<loc>{_KY_LOC}|берене ){_KY_CONTENT} (?P<ord>\w+) абзац менен {_KY_ADD}:$")),
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
    def unread(line: int, message: Message | str) -> None:
        problems.append(rule("L001").at(SourceLocation(path, line), message))

    opening = next((i for i, (_, line) in enumerate(lines) if _OPENING[language].match(line)), None)
    if opening is None:
        unread(
            lines[0][0] if lines else 1,
            msg(
                "no «{opening}» opens article 1 ({language})",
                opening="Внести в … следующие изменения:"
                if language == "ru"
                else "… төмөнкүдөй өзгөртүүлөр киргизилсин:",
                language=language,
            ),
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
            unread(number, msg("not an instruction: {line}", line=line[:80]))
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
            unread(number, msg("cannot read the instruction: {line}", line=body[:100]))
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
    for words, named in _ONLY[language].items():
        if text.startswith(words + ": "):
            text, only_language = text[len(words) + 2 :], named
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
            role = _ROLE_OF[language][values["kind"]]
            repealed = _unit_at(path, role, added[0])
            if repealed is None or len(added) < 2:
                return None
            path = repealed
        elif op is Op.ADD and values.get("nums"):
            added = _numbers(values["nums"])
            first_added = _unit_at(path, _ROLE_OF[language][values["kind"]], added[0])
            if first_added is None or len(added) < 2:
                return None
            path = first_added
            if path is None or len(added) < 2:
                return None
        elif op is Op.ADD:
            found = _added(path, values["num"], values.get("kind"), language)
            if found is None:
                return None
            path = found
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
    """The new unit's path: the parent's, with the new number in its place (the kind of unit
    comes before the number in Russian, «частью 3-1», after it in Kyrgyz, «3-1-бөлүк»)."""
    if language == "ru":
        return _unit_at(parent, _ROLE_OF["ru"][kind or ""], number) if kind in _ROLE_OF["ru"] else None
    for suffix, role in _ROLE_OF["ky"].items():
        if number.endswith(suffix):
            return _unit_at(parent, role, number.removesuffix(suffix))
    return None
