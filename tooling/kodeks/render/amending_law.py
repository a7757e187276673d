"""The amending law as it is printed, in Kyrgyz and in Russian (CONTRIBUTING.md, «Amending laws»).

Each version lists the instructions for its own language's text, and those for the other
language's text alone with the text named («в тексте на государственном языке»). Article 1
groups several instructions on one article («в статье 7: а) …; б) …»); the last article is the
entry into force. Quotation marks are «…» in both versions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from .. import wording
from ..instruction import AmendingLaw, Instruction, Op, UnitPath
from ..law_phrases import by_kind, forms, one_or_several, phrase
from ..model import SUBPOINT_LETTERS, LegalNumber

LETTERS = SUBPOINT_LETTERS
"""Sub-items of one article's instructions: а), б) … (the letters of subpoints)."""


ENTRY_INTO_FORCE = {
    "ru": "Настоящий Закон вступает в силу по истечении десяти дней со дня официального опубликования.",
    "ky": "Ушул Мыйзам расмий жарыяланган күндөн тартып он күн өткөндөн кийин күчүнө кирет.",
}
LAW_HEADING = {"ru": "Закон Кыргызской Республики", "ky": "Кыргыз Республикасынын Мыйзамы"}


def _ordinal(words: Sequence[str], value: int) -> str:
    return words[value - 1] if value <= len(words) else str(value)


# --- Russian ---------------------------------------------------------------------------------


def _ru_chain(path: UnitPath, first: str, within: bool) -> str:
    """The unit named from the smallest: ``first`` is the case of the first noun ("loc",
    "acc", "gen"); the article is left out ``within`` its group."""
    forms = {
        "paragraph": {"loc": "абзаце", "acc": "абзац", "gen": "абзаца"},
        "subpoint": {"loc": "подпункте", "acc": "подпункт", "gen": "подпункта"},
        "point": {"loc": "пункте", "acc": "пункт", "gen": "пункта"},
        "part": {"loc": "части", "acc": "часть", "gen": "части"},
        "article": {"loc": "статье", "acc": "статью", "gen": "статьи"},
    }
    pieces: list[tuple[str, str]] = []
    if path.paragraph is not None:
        pieces.append(("paragraph", ""))
    if path.subpoint is not None:
        pieces.append(("subpoint", f"«{path.subpoint}»"))
    if path.point is not None:
        pieces.append(("point", str(path.point)))
    if path.part is not None:
        pieces.append(("part", str(path.part)))
    if not within:
        pieces.append(("article", str(path.article)))
    words = []
    for index, (kind, value) in enumerate(pieces):
        case = first if index == 0 else "gen"
        if kind == "paragraph":
            assert path.paragraph is not None
            # An абзац is always named first, so never in the genitive.
            ordinal = _ordinal(
                wording.RU_ORDINALS_LOCATIVE if case == "loc" else wording.ORDINALS["ru"], path.paragraph
            )
            words.append(f"{forms[kind][case]} {ordinal}")
        else:
            words.append(f"{forms[kind][case]} {value}")
    return " ".join(words)


def _ru(instruction: Instruction, within: bool, code: bool = True) -> str:
    path = instruction.path
    op = instruction.op
    if op is Op.THROUGHOUT:
        where = f"{phrase('ru', 'throughout')} {'Кодекса' if code else 'Закона'}"
        if instruction.excepted:
            where += f", {phrase('ru', 'except')} " + _ru_articles(instruction.excepted) + ","
        return f"{where} {_ru_replace(instruction)}"
    assert path is not None
    loc = _ru_chain(path, "loc", within) if path.kind != "article" or not within else ""
    prefix = f"в {loc} " if loc else ""
    if op is Op.REPLACE:
        return prefix + _ru_replace(instruction)
    old, new = instruction.old, instruction.new
    if op is Op.DELETE:
        return prefix + f"{one_or_several('ru', 'words', old)} «{old}» {phrase('ru', 'delete')}"
    if op in (Op.INSERT_AFTER, Op.INSERT_BEFORE):
        side = one_or_several("ru", "after" if op is Op.INSERT_AFTER else "before", old)
        added = f"{phrase('ru', 'add')} {one_or_several('ru', 'with_words', new)} «{new}»"
        return prefix + f"{side} «{old}» {added}"
    if op is Op.RETITLE:
        whole = "" if within else f" статьи {path.article}"
        return f"{phrase('ru', 'title')}{whole} {phrase('ru', 'restate')}: «{new}»"
    subject = _ru_chain(path, "acc", within) if path.kind != "article" or not within else ""
    if op is Op.RESTATE:
        return f"{subject or 'статью'} {phrase('ru', 'restate')}:".lstrip()
    if op is Op.REPEAL and len(instruction.added) > 1:
        parent = _parent(path)
        owner = _ru_chain(parent, "gen", within) if parent.kind != "article" or not within else ""
        nouns = by_kind("ru", "repealed_several")[path.kind]
        return f"{nouns} {_added_numbers(instruction, 'ru')} {owner}".rstrip() + f" {forms('ru', 'repeal')[2]}"
    if op is Op.REPEAL:
        feminine = path.kind in ("part", "article")
        return f"{subject or 'статью'} {forms('ru', 'repeal')[1 if feminine else 0]}"
    # ADD: the parent, then the new unit in the instrumental
    if path.kind == "article":
        chapter = f"главу {instruction.chapter} " if instruction.chapter else ""
        return f"{chapter}{phrase('ru', 'add')} статьей {path.article} {phrase('ru', 'content')}:"
    parent = _parent(path)
    parent_words = _ru_chain(parent, "acc", within) if parent.kind != "article" or not within else ""
    if not parent_words:
        parent_words = "" if within else f"статью {path.article}"
    if path.kind == "paragraph":
        assert path.paragraph is not None
        ordinal = _ordinal(wording.RU_ORDINALS_INSTRUMENTAL, path.paragraph)
        return f"{parent_words} {phrase('ru', 'add')} абзацем {ordinal} {phrase('ru', 'content')}:".lstrip()
    kind = by_kind("ru", "added")[path.kind]
    assert isinstance(kind, tuple)
    unit = kind[len(instruction.added) > 1]
    return f"{parent_words} {phrase('ru', 'add')} {unit} {_added_numbers(instruction, 'ru')} {phrase('ru', 'content')}:".lstrip()


def _added_numbers(instruction: Instruction, language: str) -> str:
    """«7», «7 и 8», «4–6» / «7», «7 жана 8», «4-6»; letters in quotation marks."""
    path = instruction.path
    assert path is not None
    labels = list(instruction.added) or [
        str(path.subpoint if path.kind == "subpoint" else path.point if path.kind == "point" else path.part)
    ]
    if path.kind == "subpoint":
        return wording.number_list(language, [f"«{label}»" for label in labels])
    if len(labels) > 2 and all(label.isdigit() for label in labels):
        values = [int(label) for label in labels]
        if values == list(range(values[0], values[-1] + 1)):
            return f"{labels[0]}{'–' if language == 'ru' else '-'}{labels[-1]}"
    return wording.number_list(language, labels)


def _ru_replace(instruction: Instruction) -> str:
    verb = phrase("ru", "replace")
    if wording.is_mark(instruction.old):
        return f"{wording.MARKS[instruction.old]['ru'][0]} {verb} {wording.MARKS[instruction.new]['ru'][1]}"
    old = one_or_several("ru", "words", instruction.old)
    new = one_or_several("ru", "with_words", instruction.new)
    return f"{old} «{instruction.old}» {verb} {new} «{instruction.new}»"


def _ru_articles(numbers: Sequence[LegalNumber]) -> str:
    if len(numbers) == 1:
        return f"статьи {numbers[0]}"
    return "статей " + wording.number_list("ru", [str(n) for n in numbers])


# --- Kyrgyz ----------------------------------------------------------------------------------


def _ky_chain(path: UnitPath, last: str, within: bool) -> str:
    """The unit named from the article: genitives, then ``last`` ("loc", "nom") on the smallest."""
    forms = {
        "part": {"loc": "бөлүгүндө", "nom": "бөлүгү", "gen": "бөлүгүнүн"},
        "point": {"loc": "пунктунда", "nom": "пункту", "gen": "пунктунун"},
        "subpoint": {"loc": "пунктчасында", "nom": "пунктчасы", "gen": "пунктчасынын"},
        "paragraph": {"loc": "абзацында", "nom": "абзацы", "gen": "абзацынын"},
    }
    pieces: list[tuple[str, str]] = []
    if path.part is not None:
        pieces.append(("part", f"{path.part}-"))
    if path.point is not None:
        pieces.append(("point", f"{path.point}-"))
    if path.subpoint is not None:
        pieces.append(("subpoint", f"«{path.subpoint}» "))
    if path.paragraph is not None:
        pieces.append(("paragraph", f"{_ordinal(wording.ORDINALS['ky'], path.paragraph)} "))
    if not pieces:
        return "" if within else (f"{path.article}-беренеде" if last == "loc" else f"{path.article}-берене")
    words = [] if within else [f"{path.article}-берененин"]
    for index, (kind, value) in enumerate(pieces):
        case = last if index == len(pieces) - 1 else "gen"
        words.append(f"{value}{forms[kind][case]}")
    return " ".join(words)


def _ky(instruction: Instruction, within: bool, code: bool = True) -> str:
    path = instruction.path
    op = instruction.op
    old, new = instruction.old, instruction.new
    old_words = one_or_several("ky", "words", old)
    new_words = one_or_several("ky", "with_words", new)
    replace, add, content = phrase("ky", "replace"), phrase("ky", "add"), phrase("ky", "content")
    if op is Op.THROUGHOUT:
        where = "Кодекстин" if code else "Мыйзамдын"
        excepted = phrase("ky", "except")
        if len(instruction.excepted) == 1:
            where += f" {instruction.excepted[0]}-беренесин {excepted},"
        elif instruction.excepted:
            numbers = wording.number_list("ky", [str(n) for n in instruction.excepted])
            where += f" {numbers}-беренелерин {excepted},"
        return f"{where} {phrase('ky', 'throughout')} «{old}» {old_words} «{new}» {new_words} {replace}"
    assert path is not None
    loc = _ky_chain(path, "loc", within)
    prefix = f"{loc} " if loc else ""
    if op is Op.REPLACE and wording.is_mark(old):
        where = f"{_attributive(loc)} " if loc else ""
        marks = wording.MARKS
        return f"{where}{marks[old]['ky'][0]} {marks[new]['ky'][1]} менен {replace}"
    if op is Op.REPLACE:
        return prefix + f"«{old}» {old_words} «{new}» {new_words} {replace}"
    if op is Op.DELETE:
        return prefix + f"«{old}» {old_words} {phrase('ky', 'delete')}"
    if op in (Op.INSERT_AFTER, Op.INSERT_BEFORE):
        side = phrase("ky", "after" if op is Op.INSERT_AFTER else "before")
        return prefix + f"«{old}» {one_or_several('ky', 'from_words', old)} {side} «{new}» {new_words} {add}"
    if op is Op.RETITLE:
        whole = "" if within else f"{path.article}-берененин "
        return f"{whole}{phrase('ky', 'title')} {phrase('ky', 'restate')}: «{new}»"
    subject = _ky_chain(path, "nom", within) or ("берене" if within else f"{path.article}-берене")
    if op is Op.RESTATE:
        return f"{subject} {phrase('ky', 'restate')}:"
    if op is Op.REPEAL and len(instruction.added) > 1:
        parent = _parent(path)
        if parent.kind == "article":
            owner = "" if within else f"{path.article}-берененин "
        else:
            owner = _ky_chain(parent, "gen", within) + " "
        numbers = _added_numbers(instruction, "ky")
        return f"{owner}{numbers}{by_kind('ky', 'repealed_several')[path.kind]} {phrase('ky', 'repeal')}"
    if op is Op.REPEAL:
        return f"{subject} {phrase('ky', 'repeal')}"
    if path.kind == "article":
        chapter = f"{instruction.chapter}-глава " if instruction.chapter else ("Кодекс " if code else "Мыйзам ")
        return f"{chapter}{content} {path.article}-берене менен {add}:"
    parent = _parent(path)
    parent_words = _ky_chain(parent, "nom", within) or ("берене" if within else f"{path.article}-берене")
    if path.kind == "paragraph":
        assert path.paragraph is not None
        ordinal = _ordinal(wording.ORDINALS["ky"], path.paragraph)
        return f"{parent_words} {content} {ordinal} абзац менен {add}:"
    numbers = _added_numbers(instruction, "ky")
    kind = by_kind("ky", "added")[path.kind]
    assert isinstance(kind, tuple)
    return f"{parent_words} {content} {numbers}{kind[len(instruction.added) > 1]} менен {add}:"


def _attributive(located: str) -> str:
    """«6-пунктунда» → «6-пунктундагы», «2-бөлүгүндө» → «2-бөлүгүндөгү», «беренеде» → «беренедеги»."""
    ending = {"а": "гы", "е": "ги", "о": "гу", "ө": "гү"}
    return located + ending.get(located[-1:], "гы")


def _parent(path: UnitPath) -> UnitPath:
    if path.paragraph is not None:
        return UnitPath(path.article, path.part, path.point, path.subpoint)
    if path.subpoint is not None:
        return UnitPath(path.article, path.part, path.point)
    if path.point is not None:
        return UnitPath(path.article, path.part)
    return UnitPath(path.article)


# --- the law ---------------------------------------------------------------------------------


def is_code(law: AmendingLaw) -> bool:
    """Whether the act amended is a code («по всему тексту Кодекса») or a law («… Закона»)."""
    return any("кодекс" in title.lower() for title in law.titles.values())


def title(law: AmendingLaw, language: str) -> str:
    act = law.titles.get(language, "")
    one = law.count() == 1
    if language == "ky":
        return f"{wording.ky_dative(act)} {'өзгөртүү' if one else 'өзгөртүүлөрдү'} киргизүү жөнүндө"
    return f"О внесении {'изменения' if one else 'изменений'} в {act}"


def opening(law: AmendingLaw, language: str) -> str:
    """«Внести в {акт} ({где опубликован}) следующие изменения:» /
    «{актка} ({жарыяланган жери}) төмөнкүдөй өзгөртүүлөр киргизилсин:»."""
    act = law.titles.get(language, "")
    published = f" ({law.publication[language]})" if law.publication.get(language) else ""
    one = law.count() == 1
    if language == "ky":
        return f"{wording.ky_dative(act)}{published} төмөнкүдөй {'өзгөртүү' if one else 'өзгөртүүлөр'} киргизилсин:"
    return f"Внести в {act}{published} {'следующее изменение' if one else 'следующие изменения'}:"


def version(law: AmendingLaw, language: str) -> list[str]:
    """The instructions of article 1 as lines: «1) …;», sub-items «а) …;», quoted contents."""
    return [line for _, line in version_lines(law, language)]


def version_lines(law: AmendingLaw, language: str) -> list[tuple[str, str]]:
    """Each line of article 1 with what it is: ``item``, ``sub-item`` or ``content`` (a unit's
    new text in «…»)."""
    chosen = [i for i in law.instructions if i.language == language or i.only]
    phrase = _ky if language == "ky" else _ru
    code = is_code(law)
    lines: list[tuple[str, str]] = []
    items = list(_items(chosen))
    for number, (article, group) in enumerate(items, start=1):
        last_item = number == len(items)
        if len(group) == 1 or article is None:
            label = f"{number})" if len(chosen) > 1 else ""  # a law with one change does not number it
            lines += _sentence(label, group[0], phrase, language, within=False, last=last_item, code=code)
            continue
        head = f"в статье {article}:" if language == "ru" else f"{article}-беренеде:"
        lines.append(("item", f"{number}) {head}"))
        for index, instruction in enumerate(group):
            last = last_item and index == len(group) - 1
            lines += _sentence(f"{LETTERS[index]})", instruction, phrase, language, within=True, last=last, code=code)
    return lines


def _items(instructions: Sequence[Instruction]) -> Iterator[tuple[LegalNumber | None, list[Instruction]]]:
    """Instructions grouped by the article they change (a throughout replacement or a new
    article stands alone), in the order given."""
    group: list[Instruction] = []
    current: LegalNumber | None = None
    for instruction in instructions:
        path = instruction.path
        article = None if path is None or (instruction.op is Op.ADD and path.kind == "article") else path.article
        if group and (article is None or article != current):
            yield current, group
            group = []
        group.append(instruction)
        current = article
        if article is None:
            yield None, group
            group = []
    if group:
        yield current, group


def _sentence(
    label: str,
    instruction: Instruction,
    phrase: Callable[[Instruction, bool, bool], str],
    language: str,
    within: bool,
    last: bool,
    code: bool,
) -> list[tuple[str, str]]:
    text = phrase(instruction, within, code)
    if instruction.only:
        text = f"{wording.TEXT_OF[language][instruction.language]}: {text}"
    end = "." if last else ";"
    kind = "sub-item" if within else "item"
    opening = f"{label} {text}".lstrip()
    if not instruction.content:
        return [(kind, f"{opening}{end}")]
    content = list(instruction.content)
    content[0] = "«" + content[0]
    content[-1] = content[-1] + "»" + end
    return [(kind, opening), *(("content", line) for line in content)]


def render_markdown(law: AmendingLaw, languages: Sequence[str]) -> str:
    """The law in each language, one after the other, as Markdown a person reads and
    ``kodeks amend --apply`` reads back."""
    out: list[str] = []
    for language in languages:
        out += [f"# {LAW_HEADING[language]}", "", f"## {title(law, language)}", ""]
        out += [f"**{_article_label(language, 1)}**", "", opening(law, language), ""]
        for line in version(law, language):
            out += [_escape_line(line), ""]
        out += [f"**{_article_label(language, 2)}**", "", ENTRY_INTO_FORCE[language], ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_docx(law: AmendingLaw, languages: Sequence[str]) -> bytes:
    """The law in Word: each language on its own pages, A4, Times New Roman, its text justified
    with a first-line indent as laws are printed, each version's runs in its own language."""
    from datetime import UTC, datetime

    from .word import Properties, language_of_run, new_document, package, run

    document = new_document(
        False,
        Properties(title(law, languages[0]), "", "kodeks", datetime(2000, 1, 1, tzinfo=UTC), "", ""),
        languages[0],
    )
    body: list[str] = []
    centre = '<w:pPr><w:jc w:val="center"/></w:pPr>'
    text = '<w:pPr><w:ind w:firstLine="709"/><w:jc w:val="both"/></w:pPr>'
    for index, language in enumerate(languages):
        lang = language_of_run(language)
        if index:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        body.append(f"<w:p>{centre}{run(LAW_HEADING[language].upper(), '<w:b/>' + lang)}</w:p>")
        body.append(f"<w:p>{centre}{run(title(law, language), '<w:b/>' + lang)}</w:p>")
        body.append(f"<w:p>{text}{run(_article_label(language, 1), '<w:b/>' + lang)}</w:p>")
        body.append(f"<w:p>{text}{run(opening(law, language), lang)}</w:p>")
        for _, line in version_lines(law, language):
            body.append(f"<w:p>{text}{run(line, lang)}</w:p>")
        body.append(f"<w:p>{text}{run(_article_label(language, 2), '<w:b/>' + lang)}</w:p>")
        body.append(f"<w:p>{text}{run(ENTRY_INTO_FORCE[language], lang)}</w:p>")
    return package(document, "".join(body))


def _article_label(language: str, number: int) -> str:
    return f"{wording.article_label(language, LegalNumber.of(number))}."


def _escape_line(line: str) -> str:
    """A line as Markdown that shows it as written (a leading «#» or «>» stays text)."""
    return "\\" + line if line[:1] in "#>*+-=|`~" else line
