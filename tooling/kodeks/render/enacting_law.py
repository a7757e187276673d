"""The law that enacts the Code, drafted from the consolidation: «О введении в действие Кодекса
…» / «… кодексин колдонууга киргизүү жөнүндө».

What the repository knows is written out: the acts declared void, each as its title is cited
(every provision absorbed by the Code or not transferred: the consolidation's «void» list; the
acts to amend are the report's own list, which the Cabinet of Ministers' proposals answer).
What only the working group decides (the day of entry into force, the transitional provisions)
stands as a bracketed placeholder for the drafters to write.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import wording
from ..consolidation import Consolidation, Outcome
from ..model import Act, ActStatus, Code
from .amending_law import LAW_HEADING

PLACEHOLDER = {
    "ru": {
        "day": "[«__» ________ 20__ года]",
        "transitional": "[Переходные положения.]",
        "none": "[перечень законов]",
        "publication": "(Ведомости Жогорку Кенеша Кыргызской Республики, 20__ г., № __, ст. ___)",
        "amending": "[законы о внесении изменений в названные законы]",
        "unknown": "[иные акты: по ним решение еще не принято или их тексты разработчиками не представлены]",
    },
    "ky": {
        "day": "[20__-жылдын «__» ____________ тартып]",
        "transitional": "[Өткөөл жоболор.]",
        "none": "[мыйзамдардын тизмеси]",
        "publication": "(Кыргыз Республикасынын Жогорку Кеңешинин Жарчысы, 20__-ж., № __, ___-ст.)",
        "amending": "[аталган мыйзамдарга өзгөртүүлөрдү киргизүү жөнүндө мыйзамдар]",
        "unknown": "[башка актылар: алар боюнча чечим кабыл алына элек же алардын тексттерин иштеп чыгуучулар тапшыра элек]",
    },
}
"""What the drafters write in: the enacting law's own decisions, not the repository's."""


def title(code: Code, language: str) -> str:
    name = code.title.get(language, code.id)
    if language == "ky":
        return f"{wording.ky_accusative(name)} колдонууга киргизүү жөнүндө"
    return f"О введении в действие {wording.ru_code_case(name, 'genitive') or f'«{name}»'}"


def _void(consolidation: Consolidation) -> list[Act]:
    """The acts to declare void: in force, kept as text, with provisions, every one of them
    absorbed or not transferred (an act repealed already, or one whose text says nothing, is not)."""
    return [
        coverage.act
        for coverage in consolidation.acts
        if coverage.outcome is Outcome.VOID
        and coverage.provisions
        and coverage.act.text is not None
        and coverage.act.text.enactment is not None
        and coverage.act.text.enactment.status is ActStatus.IN_FORCE
    ]


def _complete(consolidation: Consolidation) -> bool:
    """Whether every act the Code lists is decided: else the list of acts declared void says it
    is not the whole list."""
    return not consolidation.without_text and all(c.outcome is not Outcome.UNDECIDED for c in consolidation.acts)


def _cited(act: Act, language: str) -> str:
    """An act as a list of repealed acts names it: its title, then where it was published."""
    published = act.text.publication.get(language) if act.text is not None else None
    return (
        f"{act.title.get(language, act.id)} {f'({published})' if published else PLACEHOLDER[language]['publication']}"
    )


def _listed(items: Sequence[str], placeholder: str) -> list[str]:
    """«1) …;», the last «…».»: the points of an article, as laws number them."""
    items = list(items) or [placeholder]
    return [f"{n}) {item}{'.' if n == len(items) else ';'}" for n, item in enumerate(items, start=1)]


def lines(code: Code, consolidation: Consolidation, language: str) -> list[tuple[str, str]]:
    """The law in ``language`` as (kind, text): ``heading``, ``title``, ``article``, ``text``."""
    placeholder = PLACEHOLDER[language]
    name = code.title.get(language, code.id)
    void = [_cited(act, language) for act in _void(consolidation)]
    if void:  # the laws that amended them go with them, and the repository does not hold those
        void.append(placeholder["amending"])
    if not _complete(consolidation):
        void.append(placeholder["unknown"])
    out = [("heading", LAW_HEADING[language]), ("title", title(code, language))]
    if language == "ky":
        dative = wording.ky_dative(name)
        out += [
            ("article", "1-берене."),
            ("text", f"{name} {placeholder['day']} колдонууга киргизилсин."),
            ("article", "2-берене."),
            ("text", "Төмөнкүлөр күчүн жоготту деп таанылсын:"),
            *(("text", line) for line in _listed(void, placeholder["none"])),
            ("article", "3-берене."),
            (
                "text",
                "Кыргыз Республикасынын Министрлер Кабинети ушул Мыйзам күчүнө кирген күндөн тартып алты айлык мөөнөттө:",
            ),
            (
                "text",
                f"1) Кыргыз Республикасынын мыйзамдарын {dative} ылайык келтирүү жөнүндө сунуштарды Кыргыз "
                "Республикасынын Жогорку Кеңешине киргизсин;",
            ),
            ("text", f"2) өзүнүн чечимдерин {dative} ылайык келтирсин."),
            ("article", "4-берене."),
            ("text", placeholder["transitional"]),
            ("article", "5-берене."),
            ("text", "Ушул Мыйзам расмий жарыяланган күндөн тартып күчүнө кирет."),
        ]
        return out
    instrumental = wording.ru_code_case(name, "instrumental") or f"«{name}»"
    out += [
        ("article", "Статья 1."),
        ("text", f"Ввести в действие {name} с {placeholder['day']}."),
        ("article", "Статья 2."),
        ("text", "Признать утратившими силу:"),
        *(("text", line) for line in _listed(void, placeholder["none"])),
        ("article", "Статья 3."),
        (
            "text",
            "Кабинету Министров Кыргызской Республики в шестимесячный срок со дня вступления в силу настоящего Закона:",
        ),
        (
            "text",
            "1) внести в Жогорку Кенеш Кыргызской Республики предложения о приведении законов Кыргызской Республики "
            f"в соответствие с {instrumental};",
        ),
        ("text", f"2) привести свои решения в соответствие с {instrumental}."),
        ("article", "Статья 4."),
        ("text", placeholder["transitional"]),
        ("article", "Статья 5."),
        ("text", "Настоящий Закон вступает в силу со дня официального опубликования."),
    ]
    return out


def render_docx(code: Code, consolidation: Consolidation) -> bytes:
    """The law in Word: each language on its own pages, as ``kodeks amend`` writes its laws."""
    from datetime import UTC, datetime

    from .word import Properties, language_of_run, new_document, package, run

    languages = code.languages
    document = new_document(
        False,
        Properties(title(code, languages[0]), "", "kodeks", datetime(2000, 1, 1, tzinfo=UTC), "", ""),
        languages[0],
    )
    styles = {
        "heading": ('<w:pPr><w:jc w:val="center"/></w:pPr>', "<w:b/>"),
        "title": ('<w:pPr><w:jc w:val="center"/></w:pPr>', "<w:b/>"),
        "article": ('<w:pPr><w:ind w:firstLine="709"/><w:jc w:val="both"/></w:pPr>', "<w:b/>"),
        "text": ('<w:pPr><w:ind w:firstLine="709"/><w:jc w:val="both"/></w:pPr>', ""),
    }
    body: list[str] = []
    for index, language in enumerate(languages):
        lang = language_of_run(language)
        if index:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        for kind, text in lines(code, consolidation, language):
            paragraph, bold = styles[kind]
            body.append(f"<w:p>{paragraph}{run(text.upper() if kind == 'heading' else text, bold + lang)}</w:p>")
    return package(document, "".join(body))
