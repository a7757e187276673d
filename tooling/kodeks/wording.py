"""How the law writes its units in each language: «Статья 12. …» / «12-берене. …».

The one vocabulary of kodeks: unit labels, headings, statuses, stages, and every fixed word of
the documents, redlines and templates, in each language. Kept in the core because renderers,
redlines, drafter tools and (later) amendment instructions all need the same words. Languages
other than ky and ru fall back to neutral English forms.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence

from .model import Decision, LegalNumber, ReferenceTarget, Stage, Status, roman


def _number(number: LegalNumber | str | None) -> str:
    return "?" if number is None else str(number)


def _roman(number: LegalNumber | None) -> str:
    if number is None:
        return "?"
    head, *rest = number.components
    return "-".join([roman(head), *map(str, rest)])


_LABELS = {
    "section": {"ru": "Раздел {}", "ky": "{} бөлүм", "en": "Section {}"},
    "chapter": {"ru": "Глава {}", "ky": "{}-глава", "en": "Chapter {}"},
    "article": {"ru": "Статья {}", "ky": "{}-берене", "en": "Article {}"},
}
"""Russian puts the number after the word; Kyrgyz before it, with a hyphen for chapters and articles."""


def _label(unit: str, language: str, number: str) -> str:
    forms = _LABELS[unit]
    return forms.get(language, forms["en"]).format(number)


def section_label(language: str, number: LegalNumber | None) -> str:
    """«Раздел II», «II бөлүм»: sections are numbered in Roman numerals."""
    return _label("section", language, _roman(number))


def chapter_label(language: str, number: LegalNumber | str | None) -> str:
    return _label("chapter", language, _number(number))


def article_label(language: str, number: LegalNumber | str | None) -> str:
    """«Статья 12», «12-берене»; ``number`` may be a text such as ``5 → 6``."""
    return _label("article", language, _number(number))


def heading(label: str, title: str) -> str:
    """«Статья 1. Предмет регулирования»."""
    return f"{label}. {title}" if title else label


_WORDS: dict[str, dict[str, str]] = {
    "repealed": {"ru": "Утратила силу", "ky": "Күчүн жоготту", "en": "Repealed"},
    "contents": {"ru": "Содержание", "ky": "Мазмуну", "en": "Contents"},
    "revision": {"ru": "Редакция", "ky": "Редакция", "en": "Revision"},
    "working-tree": {
        "ru": "рабочая копия (изменения не зафиксированы в Git)",
        "ky": "жумушчу көчүрмө (өзгөртүүлөр Git'те катталган эмес)",
        "en": "working tree (uncommitted)",
    },
    "sources": {"ru": "Источники", "ky": "Булактар", "en": "Sources"},
    "notes": {"ru": "Примечание рабочей группы", "ky": "Жумушчу топтун эскертүүсү", "en": "Working group note"},
    "article": {"ru": "ст.", "ky": "берене", "en": "art."},
    "part": {"ru": "ч.", "ky": "бөлүк", "en": "part"},
    "point": {"ru": "п.", "ky": "пункт", "en": "point"},
    "subpoint": {"ru": "пп.", "ky": "пунктча", "en": "subpoint"},
    "paragraph": {"ru": "абз.", "ky": "абзац", "en": "paragraph"},
    "page": {"ru": "Стр.", "ky": "Бет", "en": "Page"},
    # Comparison tables (сравнительная таблица / салыштырма таблица)
    "comparison": {"ru": "Сравнительная таблица", "ky": "Салыштырма таблица", "en": "Comparison table"},
    # The package a draft law is filed with
    "package": {"ru": "Пакет документов", "ky": "Документтердин топтому", "en": "Package"},
    "package-code": {"ru": "Текст Кодекса", "ky": "Кодекстин тексти", "en": "The Code"},
    "justification-note": {"ru": "Справка-обоснование", "ky": "Негиздеме-маалымкат", "en": "Justification note"},
    "enacting-law": {
        "ru": "Проект закона о введении Кодекса в действие",
        "ky": "Кодексти колдонууга киргизүү жөнүндө мыйзамдын долбоору",
        "en": "Draft law enacting the Code",
    },
    "document": {"ru": "Документ", "ky": "Документ", "en": "Document"},
    "conflicts-title": {
        "ru": "Противоречия и пробелы законодательства",
        "ky": "Мыйзамдардагы карама-каршылыктар жана боштуктар",
        "en": "Contradictions and gaps",
    },
    "conflicts-kind": {"ru": "Вид", "ky": "Түрү", "en": "Kind"},
    "conflicts-open": {"ru": "не решено", "ky": "чечиле элек", "en": "open"},
    "conflicts-decided": {"ru": "решение принято", "ky": "чечим кабыл алынды", "en": "decided"},
    "conflicts-finding": {"ru": "Выявленный вопрос", "ky": "Аныкталган маселе", "en": "Finding"},
    "conflicts-places": {"ru": "Структурная единица", "ky": "Түзүмдүк бирдик", "en": "Places"},
    "conflicts-texts": {"ru": "Текст", "ky": "Текст", "en": "Texts"},
    "conflicts-diff": {"ru": "Различия", "ky": "Айырмачылыктар", "en": "Differences"},
    "conflicts-decision": {"ru": "Решение", "ky": "Чечим", "en": "Decision"},
    "conflicts-resolved": {"ru": "урегулировано", "ky": "жөнгө салынды", "en": "resolved"},
    "conflicts-kept": {"ru": "сохранено сознательно", "ky": "атайын сакталды", "en": "kept on purpose"},
    "conflicts-not-a-conflict": {"ru": "противоречия нет", "ky": "карама-каршылык жок", "en": "not a conflict"},
    "conflicts-stale": {
        "ru": "Решения по вопросам, которые больше не выявляются",
        "ky": "Азыр аныкталбаган маселелер боюнча чечимдер",
        "en": "Decisions that answer no finding",
    },
    "conflicts-term-differs": {
        "ru": "Термин определен по-разному",
        "ky": "Термин ар түрдүү аныкталган",
        "en": "A term defined differently",
    },
    "conflicts-term-unused": {
        "ru": "Термин, определенный в Кодексе, в его тексте не используется",
        "ky": "Кодексте аныкталган термин анын текстинде колдонулбайт",
        "en": "A term the Code defines and never uses",
    },
    "conflicts-term-undefined": {
        "ru": "Термин, определенный в акте, используется в Кодексе без определения",
        "ky": "Актыда аныкталган термин Кодексте аныктамасыз колдонулат",
        "en": "A term the Code uses without defining it",
    },
    "conflicts-term-unpaired": {
        "ru": "Определение дано только на одном языке",
        "ky": "Аныктама бир гана тилде берилген",
        "en": "A definition in one language only",
    },
    "conflicts-same-matter": {
        "ru": "Один и тот же вопрос урегулирован дважды",
        "ky": "Бир эле маселе эки жерде жөнгө салынган",
        "en": "The same matter regulated twice",
    },
    "conflicts-void-reference": {
        "ru": "Ссылки на акты, признаваемые утратившими силу",
        "ky": "Күчүн жоготту деп таанылуучу актыларга шилтемелер",
        "en": "References to acts declared void",
    },
    "conflicts-referral": {
        "ru": "Отсылочные нормы без указания акта",
        "ky": "Акты көрсөтүлбөгөн шилтеме берүүчү ченемдер",
        "en": "Referral norms without a target",
    },
    "conflicts-uncovered": {
        "ru": "Положения актов, не охваченные Кодексом",
        "ky": "Актылардын Кодекске киргизилбеген жоболору",
        "en": "Provisions of the acts the Code does not cover",
    },
    "site-contents": {"ru": "Содержание", "ky": "Мазмуну", "en": "Contents"},
    "site-search": {"ru": "Поиск по тексту", "ky": "Текст боюнча издөө", "en": "Search the text"},
    "site-acts": {
        "ru": "Действующие акты, нормы которых включаются в Кодекс",
        "ky": "Ченемдери Кодекске киргизилүүчү колдонуудагы актылар",
        "en": "Acts the Code gathers",
    },
    "site-whole-text": {
        "ru": "Весь текст на одной странице",
        "ky": "Толук текст бир бетте",
        "en": "The whole text on one page",
    },
    "site-both": {"ru": "На двух языках", "ky": "Эки тилде", "en": "In both languages"},
    "site-versions": {"ru": "Редакции", "ky": "Редакциялар", "en": "Versions"},
    "site-editions": {"ru": "Редакции статьи", "ky": "Берененин редакциялары", "en": "The article's versions"},
    "site-current-text": {"ru": "Текущий текст", "ky": "Учурдагы текст", "en": "The current text"},
    "site-changes": {
        "ru": "Изменения по сравнению с предыдущей редакцией",
        "ky": "Мурунку редакцияга салыштырганда өзгөртүүлөр",
        "en": "Changes from the version before",
    },
    "site-earlier": {
        "ru": "Это не текущая редакция",
        "ky": "Бул учурдагы редакция эмес",
        "en": "This is not the current version",
    },
    "site-to-current": {
        "ru": "Перейти к текущему тексту",
        "ky": "Учурдагы текстке өтүү",
        "en": "Go to the current text",
    },
    "site-copy-address": {"ru": "Скопировать адрес", "ky": "Даректи көчүрүү", "en": "Copy the address"},
    "public-form-unit": {"ru": "Структурная единица", "ky": "Түзүмдүк бирдик", "en": "Unit of the draft"},
    "public-form-text": {"ru": "Текст проекта", "ky": "Долбоордун тексти", "en": "Text of the draft"},
    "file": {"ru": "Файл", "ky": "Файл", "en": "File"},
    "tracked-changes": {
        "ru": "Текст с отмеченными изменениями",
        "ky": "Өзгөртүүлөр белгиленген текст",
        "en": "Text with its changes tracked",
    },
    # The left column of a comparison table: the wording in force, or the draft's previous one
    "current-in-force": {"ru": "Действующая редакция", "ky": "Колдонуудагы редакция", "en": "Wording in force"},
    "current-draft": {"ru": "Прежняя редакция", "ky": "Мурунку редакция", "en": "Previous wording"},
    "left-out": {
        "ru": "{shown} из {total} статей показаны, остальные не поместились в комментарий; полная сравнительная таблица:",
        "ky": "{total} беренеден {shown} берене көрсөтүлдү, калгандары комментарийге батпады; толук салыштырма таблица:",
        "en": "{shown} of {total} articles shown, the others did not fit the comment; the full redline:",
    },
    "column": {"ru": "На русском языке", "ky": "Кыргыз тилинде", "en": "In English"},
    "left-out-where": {
        "ru": "kodeks redline --format html (или --format docx)",
        "ky": "kodeks redline --format html (же --format docx)",
        "en": "kodeks redline --format html (or --format docx)",
    },
    # The table of comments (таблица замечаний и предложений / сын-пикирлердин жана сунуштардын таблицасы)
    "review-table": {
        "ru": "Таблица замечаний и предложений",
        "ky": "Сын-пикирлердин жана сунуштардын таблицасы",
        "en": "Table of comments and proposals",
    },
    "round": {"ru": "Обсуждение", "ky": "Талкуу", "en": "Round"},
    "sent": {"ru": "направлено", "ky": "жөнөтүлдү", "en": "sent"},
    "due": {"ru": "срок", "ky": "мөөнөтү", "en": "due"},
    "unit": {"ru": "Структурная единица", "ky": "Түзүмдүк бирдик", "en": "Unit"},
    "author": {"ru": "Автор", "ky": "Автор", "en": "Author"},
    "comment": {"ru": "Замечание, предложение", "ky": "Сын-пикир, сунуш", "en": "Comment or proposal"},
    "decision": {"ru": "Решение", "ky": "Чечим", "en": "Decision"},
    "reason": {"ru": "Обоснование", "ky": "Негиздеме", "en": "Reason"},
    "count": {"ru": "Количество", "ky": "Саны", "en": "Count"},
    "totals": {"ru": "Итоги", "ky": "Жыйынтыктар", "en": "Totals"},
    "total": {"ru": "Всего", "ky": "Бардыгы", "en": "Total"},
    "answered": {
        "ru": "Ответы на замечания из таблицы замечаний",
        "ky": "Сын-пикирлер таблицасындагы сын-пикирлерге жооптор",
        "en": "Comments of the register this change answers",
    },
    "unknown-comment": {
        "ru": "в таблице замечаний нет такого замечания",
        "ky": "сын-пикирлер таблицасында мындай сын-пикир жок",
        "en": "no such comment in the register",
    },
    "no-comments": {"ru": "Замечаний нет.", "ky": "Сын-пикирлер жок.", "en": "No comments."},
    "proposed": {"ru": "Предлагаемая редакция", "ky": "Сунушталган редакция", "en": "Proposed wording"},
    "new": {"ru": "новая", "ky": "жаңы", "en": "new"},
    "new-comment": {"ru": "новое замечание", "ky": "жаңы сын-пикир", "en": "new comment"},
    "exclude": {"ru": "исключить", "ky": "алып салынсын", "en": "delete"},
    "absent": {"ru": "отсутствует", "ky": "жок", "en": "none"},
    "from": {"ru": "Сравнение", "ky": "Салыштыруу", "en": "Comparing"},
    "articles": {"ru": "Статьи", "ky": "Беренелер", "en": "Articles"},
    "structure": {"ru": "Структура (разделы и главы)", "ky": "Түзүмү (бөлүмдөр жана главалар)", "en": "Structure"},
    "no-changes": {"ru": "Изменений нет.", "ky": "Өзгөртүүлөр жок.", "en": "No changes."},
    "valid": {"ru": "Проверка: ошибок нет", "ky": "Текшерүү: ката жок", "en": "Validation: no errors"},
    "invalid": {"ru": "Проверка: есть ошибки", "ky": "Текшерүү: каталар бар", "en": "Validation: errors found"},
    "too-long": {
        "ru": "Изменения этой статьи не помещаются в комментарий: см. полную сравнительную таблицу.",
        "ky": "Бул берененин өзгөртүүлөрү комментарийге батпайт: толук салыштырма таблицаны караңыз.",
        "en": "The changes to this article do not fit in the comment: see the full redline.",
    },
    "renumbered-only": {
        "ru": "Статьи, у которых изменились только номера",
        "ky": "Номерлери гана өзгөртүлгөн беренелер",
        "en": "Articles renumbered only",
    },
    "one-language": {
        "ru": "Текст изменен только на одном языке (возможно, не хватает перевода)",
        "ky": "Текст бир гана тилде өзгөртүлдү (котормосу жетишпеши мүмкүн)",
        "en": "Text changed in one language only (a translation may be missing)",
    },
    # What happened to an article …
    "article-added": {"ru": "добавлена", "ky": "кошулду", "en": "added"},
    "article-amended": {"ru": "изменена", "ky": "өзгөртүлдү", "en": "amended"},
    "article-renumbered": {"ru": "перенумерована", "ky": "номери өзгөртүлдү", "en": "renumbered"},
    "article-moved": {"ru": "перемещена", "ky": "жылдырылды", "en": "moved"},
    "article-removed": {"ru": "исключена", "ky": "алынып салынды", "en": "removed"},
    "article-repealed": {"ru": "утратила силу", "ky": "күчүн жоготту", "en": "repealed"},
    "article-retitled": {"ru": "изменено название", "ky": "аталышы өзгөртүлдү", "en": "retitled"},
    # … and to a section or chapter
    # Russian agrees with the unit: раздел is masculine, глава feminine.
    "section-added": {"ru": "добавлен", "ky": "кошулду", "en": "added"},
    "section-removed": {"ru": "исключен", "ky": "алынып салынды", "en": "removed"},
    "section-retitled": {"ru": "изменено название", "ky": "аталышы өзгөртүлдү", "en": "retitled"},
    "section-renumbered": {"ru": "перенумерован", "ky": "номери өзгөртүлдү", "en": "renumbered"},
    "chapter-added": {"ru": "добавлена", "ky": "кошулду", "en": "added"},
    "chapter-removed": {"ru": "исключена", "ky": "алынып салынды", "en": "removed"},
    "chapter-retitled": {"ru": "изменено название", "ky": "аталышы өзгөртүлдү", "en": "retitled"},
    "chapter-renumbered": {"ru": "перенумерована", "ky": "номери өзгөртүлдү", "en": "renumbered"},
    "chapter-moved": {"ru": "перемещена", "ky": "жылдырылды", "en": "moved"},
    # Fields of an article's front matter, as a redline names them
    "field-status": {"ru": "Статус", "ky": "Абалы", "en": "Status"},
    "field-title": {"ru": "Название", "ky": "Аталышы", "en": "Title"},
    "field-sources": {"ru": "Источники", "ky": "Булактар", "en": "Sources"},
    "field-notes": {"ru": "Примечание", "ky": "Эскертүү", "en": "Notes"},
    # The heading of a language's part of a document, in that language
    "in-this-language": {"ru": "На русском языке", "ky": "Кыргызча", "en": "In English"},
    # The consolidation report: what becomes of the existing acts
    "consolidation": {"ru": "Консолидация законов", "ky": "Мыйзамдарды консолидациялоо", "en": "Consolidation"},
    "coverage": {"ru": "Охват", "ky": "Камтылышы", "en": "Coverage"},
    "act": {"ru": "Акт", "ky": "Акт", "en": "Act"},
    "provisions": {"ru": "Положения законов", "ky": "Мыйзамдардын жоболору", "en": "Provisions of the acts"},
    "provision-count": {"ru": "Число положений", "ky": "Жоболордун саны", "en": "Provisions"},
    "provision": {"ru": "Положение", "ky": "Жобо", "en": "Provision"},
    "fate-absorbed": {"ru": "Включено в Кодекс", "ky": "Кодекске киргизилди", "en": "Absorbed"},
    "fate-not-transferred": {"ru": "Не переносится в Кодекс", "ky": "Кодекске өткөрүлбөйт", "en": "Not transferred"},
    "fate-open": {"ru": "Не решено", "ky": "Чечиле элек", "en": "Open"},
    "fate-open-transfer": {
        "ru": "Решение о переносе в Кодекс еще не принято",
        "ky": "Кодекске өткөрүү жөнүндө чечим кабыл алына элек",
        "en": "Whether it goes into the Code is not decided",
    },
    "conflicts-only-ky": {
        "ru": "только в тексте на кыргызском языке",
        "ky": "кыргыз тилиндеги текстте гана",
        "en": "in the Kyrgyz text only",
    },
    "conflicts-only-ru": {
        "ru": "только в тексте на русском языке",
        "ky": "орус тилиндеги текстте гана",
        "en": "in the Russian text only",
    },
    "act-in-force": {"ru": "Действующий акт", "ky": "Колдонуудагы акт", "en": "In force"},
    "act-repealed": {"ru": "Утративший силу акт", "ky": "Күчүн жоготкон акт", "en": "Repealed"},
    "decided": {"ru": "Решено", "ky": "Чечилди", "en": "Decided"},
    "void-list": {
        "ru": "Перечень законов, подлежащих признанию утратившими силу",
        "ky": "Күчүн жоготту деп таанылууга тийиш мыйзамдардын тизмеси",
        "en": "Acts to be declared void",
    },
    "amend-list": {
        "ru": "Законы, в которые вносятся изменения",
        "ky": "Өзгөртүүлөр киргизилүүчү мыйзамдар",
        "en": "Acts to be amended",
    },
    "undecided-list": {
        "ru": "Законы, по которым решение не принято",
        "ky": "Чечим кабыл алына элек мыйзамдар",
        "en": "Acts still undecided",
    },
    "without-text": {
        "ru": "Текст не внесен в репозиторий, охват неизвестен",
        "ky": "Тексти репозиторийге киргизиле элек, камтылышы белгисиз",
        "en": "Text not in the repository; coverage unknown",
    },
    "act-to-code": {
        "ru": "Таблица соответствия: положение закона → статья Кодекса",
        "ky": "Шайкештик таблицасы: мыйзамдын жобосу → Кодекстин беренеси",
        "en": "Concordance: provision → Code article",
    },
    "code-to-acts": {
        "ru": "Таблица соответствия: статья Кодекса → положения законов",
        "ky": "Шайкештик таблицасы: Кодекстин беренеси → мыйзамдардын жоболору",
        "en": "Concordance: Code article → provisions",
    },
    "code-article": {"ru": "Статья Кодекса", "ky": "Кодекстин беренеси", "en": "Code article"},
    "findings": {"ru": "Замечания", "ky": "Байкоолор", "en": "Findings"},
    "absorbed-twice": {
        "ru": "включено в несколько статей Кодекса (возможны дублирование или противоречие)",
        "ky": "Кодекстин бир нече беренесине киргизилген (кайталоо же карама-каршылык болушу мүмкүн)",
        "en": "absorbed by several Code articles (possible duplicate or contradiction)",
    },
    "none": {"ru": "нет", "ky": "жок", "en": "none"},
    "not-measured": {
        "ru": "неизвестно: текст ни одного закона не внесен в репозиторий",
        "ky": "белгисиз: бир да мыйзамдын тексти репозиторийге киргизиле элек",
        "en": "unknown: no act's text is in the repository",
    },
    "dispositions-changed": {
        "ru": "Изменены решения о положениях действующих законов",
        "ky": "Колдонуудагы мыйзамдардын жоболору боюнча чечимдер өзгөртүлдү",
        "en": "Decisions on provisions of existing acts changed",
    },
    "reason-obsolete": {"ru": "утратило значение", "ky": "маанисин жоготкон", "en": "obsolete"},
    "reason-other-law": {
        "ru": "относится к другому закону",
        "ky": "башка мыйзамга тиешелүү",
        "en": "belongs in another law",
    },
    "reason-replaced": {
        "ru": "заменено статьей Кодекса",
        "ky": "Кодекстин беренеси менен алмаштырылган",
        "en": "replaced by a Code article",
    },
    "reason-contradicts": {
        "ru": "противоречит статье Кодекса",
        "ky": "Кодекстин беренесине карама-каршы келет",
        "en": "contradicts a Code article",
    },
    "reason-stays": {
        "ru": "остается в силе в этом законе",
        "ky": "ушул мыйзамда күчүндө калат",
        "en": "stays in force in its act",
    },
    # What a new article says until the drafter writes it
    "placeholder": {"ru": "(текст статьи)", "ky": "(берененин тексти)", "en": "(text of the article)"},
}
_STAGES = {
    Stage.DRAFT: {"ru": "Проект", "ky": "Долбоор", "en": "Draft"},
    Stage.IN_FORCE: {"ru": "Действующая редакция", "ky": "Колдонуудагы редакция", "en": "In force"},
}
_STATUSES = {
    Status.DRAFT: {"ru": "в работе", "ky": "иштелүүдө", "en": "draft"},
    Status.AGREED: {"ru": "согласована", "ky": "макулдашылган", "en": "agreed"},
    Status.CONTESTED: {"ru": "спорная", "ky": "талаштуу", "en": "contested"},
    Status.REPEALED: {"ru": "утратила силу", "ky": "күчүн жоготту", "en": "repealed"},
}


_DECISIONS = {
    Decision.OPEN: {"ru": "не рассмотрено", "ky": "каралган жок", "en": "open"},
    Decision.ACCEPTED: {"ru": "принято", "ky": "кабыл алынды", "en": "accepted"},
    Decision.PARTLY: {"ru": "принято частично", "ky": "жарым-жартылай кабыл алынды", "en": "partly accepted"},
    Decision.REJECTED: {"ru": "не принято", "ky": "кабыл алынган жок", "en": "not accepted"},
    Decision.WITHDRAWN: {"ru": "снято автором", "ky": "автор кайтарып алды", "en": "withdrawn"},
}


def decision_name(decision: Decision, language: str) -> str:
    forms = _DECISIONS[decision]
    return forms.get(language, forms["en"])


def word(key: str, language: str) -> str:
    """A fixed word of the rendered Code (labels) in ``language``."""
    forms = _WORDS[key]
    return forms.get(language, forms["en"])


def word_in_each(key: str, languages: Sequence[str]) -> str:
    """A fixed word in every language of a document, ky first: «Мазмуну / Содержание» (a word
    the languages share is written once)."""
    return " / ".join(dict.fromkeys(word(key, language) for language in languages))


_MONTHS = {
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
    "ky": ("январы", "февралы", "марты", "апрели", "майы", "июну", "июлу", "августу", "сентябры", "октябры",
           "ноябры", "декабры"),
}  # fmt: skip


def date(language: str, day: datetime.date) -> str:
    """«28 ноября 2026 года», «2026-жылдын 28-ноябры» (ISO in other languages)."""
    if language == "ru":
        return f"{day.day} {_MONTHS['ru'][day.month - 1]} {day.year} года"
    if language == "ky":
        return f"{day.year}-жылдын {day.day}-{_MONTHS['ky'][day.month - 1]}"
    return day.isoformat()


_RU_CODE_CASES = {"genitive": "Кодекса", "instrumental": "Кодексом"}


def code_genitive(language: str, title: str) -> str | None:
    """A Code's title in the genitive, as «к проекту …» and «… долбооруна» need it: «Кодекса
    Кыргызской Республики о …» / «… кодексинин»; None for a title of another shape."""
    if language == "ru":
        return ru_code_case(title, "genitive")
    return f"{title.removesuffix(' кодекси')} кодексинин" if language == "ky" and title.endswith(" кодекси") else None


def ru_code_case(title: str, case: str) -> str | None:
    """«Кодекс …» declined (``genitive``: «Кодекса …», ``instrumental``: «Кодексом …»); None for
    a title that does not begin with the word."""
    return f"{_RU_CODE_CASES[case]} {title.removeprefix('Кодекс ')}" if title.startswith("Кодекс ") else None


def comparison_title(language: str, title: str, stage: Stage) -> str:
    """«Сравнительная таблица к проекту Кодекса …» / «… кодексинин долбооруна салыштырма таблица»
    for a draft Code; «Сравнительная таблица: …» where the title does not take those forms."""
    drafted = code_genitive(language, title) if stage is Stage.DRAFT else None
    if drafted:
        return (
            f"Сравнительная таблица к проекту {drafted}"
            if language == "ru"
            else f"{drafted} долбооруна салыштырма таблица"
        )
    return f"{word('comparison', language)}: {title}" if title else word("comparison", language)


def changes_title(language: str, title: str, stage: Stage) -> str:
    """The title of a text with its changes tracked (no table): «Проект Кодекса … с отмеченными
    изменениями» / «… кодексинин долбоору: өзгөртүүлөр белгиленген»."""
    drafted = code_genitive(language, title) if stage is Stage.DRAFT else None
    if drafted:
        return (
            f"Проект {drafted} с отмеченными изменениями"
            if language == "ru"
            else f"{drafted} долбоору: өзгөртүүлөр белгиленген"
        )
    return f"{word('tracked-changes', language)}: {title}" if title else word("tracked-changes", language)


def stage_name(stage: Stage, language: str) -> str:
    return _STAGES[stage].get(language, _STAGES[stage]["en"])


def status_name(status: Status, language: str) -> str:
    """The working group's badge for an article: «согласована», «талаштуу»."""
    return _STATUSES[status].get(language, _STATUSES[status]["en"])


NUMBER = r"\d+(?:-\d+)*"
ROMAN = r"[IVXLCDM]+"
NOTES_OPENING = re.compile(r"(?:Примечани[ея]|Эскертүү(?:лөр)?)\s*[.:]")
"""The word that opens the notes of an article, as the source writes it: «Примечание.»,
«Примечания:», «Эскертүү.», «Эскертүүлөр.»."""


def provision(language: str, target: ReferenceTarget) -> str:
    """«ст. 31, ч. 1, п. 2, пп. «а»» / «31-берененин 1-бөлүгүнүн 2-пункту» for a provision of
    another act (``act:ID/31#1.2.а``): Kyrgyz runs from the article down, in genitive chains, as
    its laws cite (never «31-берене, 1-бөлүк»)."""
    if language == "ky" and target.article is not None:
        return unit_place("ky", target.article, target)
    pieces = []
    for key, value in (
        ("article", target.article),
        ("part", target.part),
        ("point", target.point),
        ("subpoint", f"«{target.subpoint}»" if target.subpoint else None),
        ("paragraph", target.paragraph),
    ):
        if value is None:
            continue
        if language == "ky" and key == "paragraph":  # «экинчи абзац», as laws count абзацы
            pieces.append(f"{_ordinal(ORDINALS['ky'], str(value))} {word(key, language)}")
        elif language == "ky":
            pieces.append(f"{value} {word(key, language)}" if key == "subpoint" else f"{value}-{word(key, language)}")
        else:
            pieces.append(f"{word(key, language)} {value}")
    return ", ".join(pieces)


ORDINALS = {
    "ru": ("первый", "второй", "третий", "четвертый", "пятый", "шестой", "седьмой", "восьмой", "девятый", "десятый"),
    "ky": (
        "биринчи",
        "экинчи",
        "үчүнчү",
        "төртүнчү",
        "бешинчи",
        "алтынчы",
        "жетинчи",
        "сегизинчи",
        "тогузунчу",
        "онунчу",
    ),
}
"""Ordinal words for абзацы, «абзац второй» / «экинчи абзацы», first to tenth."""
RU_ORDINALS_LOCATIVE = (
    "первом", "втором", "третьем", "четвертом", "пятом", "шестом", "седьмом", "восьмом", "девятом", "десятом",
)  # fmt: skip
RU_ORDINALS_INSTRUMENTAL = (
    "первым", "вторым", "третьим", "четвертым", "пятым", "шестым", "седьмым", "восьмым", "девятым", "десятым",
)  # fmt: skip
_RU_UNITS = {  # nominative, genitive
    "paragraph": ("абзац", "абзаца"),
    "subpoint": ("подпункт", "подпункта"),
    "point": ("пункт", "пункта"),
    "part": ("часть", "части"),
    "article": ("статья", "статьи"),
}
_KY_UNITS = {  # the last named (possessive), one named before another (possessive genitive)
    "paragraph": ("абзацы", "абзацынын"),
    "subpoint": ("пунктчасы", "пунктчасынын"),
    "point": ("пункту", "пунктунун"),
    "part": ("бөлүгү", "бөлүгүнүн"),
}


def unit_place(language: str, article: LegalNumber | None, target: ReferenceTarget) -> str:
    """A unit of an article as the law names it: «абзац второй пункта 3 части 2 статьи 7»,
    «7-берененин 2-бөлүгүнүн 3-пункту»; Russian from the smallest unit, Kyrgyz from the article."""
    named = (
        ("paragraph", target.paragraph),
        ("subpoint", target.subpoint),
        ("point", target.point),
        ("part", target.part),
    )
    pieces = [(role, str(value)) for role, value in named if value is not None]
    number = _number(article)
    if language == "ky":
        if not pieces:
            return f"{number}-берене"
        words = [f"{number}-берененин"]
        for index, (role, value) in enumerate(reversed(pieces)):
            form = _KY_UNITS[role][0 if index == len(pieces) - 1 else 1]
            if role == "paragraph":
                words.append(f"{_ordinal(ORDINALS['ky'], value)} {form}")
            elif role == "subpoint":
                words.append(f"«{value}» {form}")
            else:
                words.append(f"{value}-{form}")
        return " ".join(words)
    words = []
    for index, (role, value) in enumerate(pieces):
        form = _RU_UNITS[role][0 if index == 0 else 1]
        if role == "paragraph":
            words.append(f"{form} {_ordinal(ORDINALS['ru'], value)}" if index == 0 else f"{form} {value}")
        elif role == "subpoint":
            words.append(f"{form} «{value}»")
        else:
            words.append(f"{form} {value}")
    words.append(f"{_RU_UNITS['article'][0 if not pieces else 1]} {number}")
    return " ".join(words)


def _ordinal(words: tuple[str, ...], value: str) -> str:
    index = int(value)
    return words[index - 1] if index <= len(words) else value


def history_note(language: str, laws: Sequence[tuple[str, datetime.date]]) -> str:
    """«(В редакции Закона КР от 1 марта 2027 года № 12)», several laws «(В редакции Законов КР от
    15 июля 2009 года № 216, 25 февраля 2013 года № 32)» / «(КР 2027-жылдын 1-мартындагы № 12
    Мыйзамынын редакциясына ылайык)», «(КР … № 216, … № 32 Мыйзамдарынын редакцияларына
    ылайык)»: under a unit amending laws changed, as the official database prints it."""
    several = len(laws) > 1
    if language == "ky":
        named = ", ".join(f"{_ky_on(adopted)} № {number}" for number, adopted in laws)
        if several:
            return f"(КР {named} Мыйзамдарынын редакцияларына ылайык)"
        return f"(КР {named} Мыйзамынын редакциясына ылайык)"
    if language == "ru":
        named = ", ".join(f"{date('ru', adopted)} № {number}" for number, adopted in laws)
        return f"(В редакции {'Законов' if several else 'Закона'} КР от {named})"
    named = ", ".join(f"No {number} of {adopted.isoformat()}" for number, adopted in laws)
    return f"(As amended by {'Laws' if several else 'Law'} {named})"


def as_of_line(language: str, day: datetime.date, laws: Sequence[tuple[str, datetime.date]]) -> str:
    """«По состоянию на 15 марта 2027 года, в редакции Законов КР от 1 марта 2027 года № 12, 24
    июня 2027 года № 13» / «2027-жылдын 15-мартындагы абалы боюнча, КР … Мыйзамдарынын
    редакцияларына ылайык»: the title page of the text in force on a date names every law that
    amended it, as the official database heads a consolidated text."""
    if language == "ky":
        line = f"{_ky_on(day)} абалы боюнча"
        return line + (f", {history_note('ky', laws)[1:-1]}" if laws else "")
    if language == "ru":
        line = f"По состоянию на {date('ru', day)}"
        return line + (f", в{history_note('ru', laws)[2:-1]}" if laws else "")
    return f"As in force on {day.isoformat()}" + (f", {history_note('en', laws)[1:-1].lower()}" if laws else "")


def law_line(language: str, number: str, adopted: datetime.date, in_force: datetime.date, title: str) -> str:
    """A law of the register as a lawyer names it: «Закон КР от 1 марта 2027 года № 12 «О …»
    (вступил в силу 11 марта 2027 года)» / «КР 2027-жылдын 1-мартындагы № 12 «… жөнүндө»
    Мыйзамы (2027-жылдын 11-мартында күчүнө кирген)»."""
    named = f" «{title}»" if title else ""
    if language == "ky":
        return f"КР {_ky_on(adopted)} № {number}{named} Мыйзамы ({_ky_in(in_force)} күчүнө кирген)"
    if language == "ru":
        return f"Закон КР от {date('ru', adopted)} № {number}{named} (вступил в силу {date('ru', in_force)})"
    return f"Law No {number} of {adopted.isoformat()}{named} (in force {in_force.isoformat()})"


def repeal_history_note(language: str, kind: str, number: str, adopted: datetime.date) -> str:
    """What a repealed unit says in a consolidated text: «(Утратила силу в соответствии с Законом
    КР от 24 июня 2027 года № 12)» / «(КР 2027-жылдын 24-июнундагы № 12 Мыйзамына ылайык күчүн
    жоготту)»."""
    if language == "ky":
        return f"(КР {_ky_on(adopted)} № {number} Мыйзамына ылайык күчүн жоготту)"
    if language == "ru":
        return f"({repealed_unit('ru', kind)} в соответствии с Законом КР от {date('ru', adopted)} № {number})"
    return f"(Repealed by Law No {number} of {adopted.isoformat()})"


def _ky_on(day: datetime.date) -> str:
    """«2027-жылдын 24-июнундагы»: a date as an attribute (the law adopted that day)."""
    return _ky_date(day, ("ндагы", "ндеги"))


def _ky_in(day: datetime.date) -> str:
    """«2027-жылдын 11-мартында»: on a date."""
    return _ky_date(day, ("нда", "нде"))


def _ky_date(day: datetime.date, suffixes: tuple[str, str]) -> str:
    """The date with the month in a case: the front-vowel suffix after «апрели», the back one else."""
    month = _MONTHS["ky"][day.month - 1]
    return f"{day.year}-жылдын {day.day}-{month}{suffixes[month.endswith('и')]}"


LEGAL_LANGUAGES = ("ky", "ru")
"""The languages kodeks reads and writes laws in, the state language first: a bilingual act is
merged and printed in this order."""

TEXT_OF = {
    "ru": {"ky": "в тексте на государственном языке", "ru": "в тексте на официальном языке"},
    "ky": {"ky": "мамлекеттик тилдеги текстинде", "ru": "расмий тилдеги текстинде"},
}
"""How a version of an amending law names the text an instruction changes alone, by the version's
language and the text's: written by ``render.amending_law``, read by ``parse.amending_law``."""

MARKS = {
    ".": {"ru": ("точку", "точкой"), "ky": ("чекит", "чекит")},
    ";": {"ru": ("точку с запятой", "точкой с запятой"), "ky": ("үтүрлүү чекит", "үтүрлүү чекит")},
    ",": {"ru": ("запятую", "запятой"), "ky": ("үтүр", "үтүр")},
    ":": {"ru": ("двоеточие", "двоеточием"), "ky": ("кош чекит", "кош чекит")},
}
"""A sign an amending law replaces by name, what is replaced and what replaces it: «точку
заменить точкой с запятой» / «чекит үтүрлүү чекит менен алмаштырылсын»."""


def is_mark(text: str) -> bool:
    return text in MARKS


def repealed_unit(language: str, kind: str) -> str:
    """«Утратила силу» (статья, часть), «Утратил силу» (пункт, подпункт, абзац), «Күчүн жоготту»."""
    if language == "ky":
        return "Күчүн жоготту"
    return "Утратила силу" if kind in ("article", "part") else "Утратил силу"


def code_articles_reason(language: str, reason: str, articles: Sequence[tuple[str, str]]) -> str:
    """Why a provision is not transferred, naming the Code's articles ((number, title) each) where
    the sentence does: «Кодекстин 3-беренеси («…») менен алмаштырылган» / «заменено статьей 3
    Кодекса («…»)»; «Кодекстин 3-беренесине («…») карама-каршы келет» / «противоречит статье 3
    Кодекса («…»)»."""
    named = [(number, f" («{title}»)" if title else "") for number, title in articles]
    several = len(named) > 1
    # a list of numbers ends «… жана 5-беренелери» / «… и 5»: the suffix on the last only
    before = ", ".join(f"{number}{title}" for number, title in named[:-1])
    last_number, last_title = named[-1]
    if language == "ky":
        if several:
            case = "-беренелери" if reason == "replaced" else "-беренелерине"
            listed = f"{before} жана {last_number}{case}{last_title}"
        else:
            listed = f"{last_number}{'-беренеси' if reason == 'replaced' else '-беренесине'}{last_title}"
        return f"Кодекстин {listed} " + ("менен алмаштырылган" if reason == "replaced" else "карама-каршы келет")
    if language == "ru":
        if several:
            listed = f"{before} и {last_number}{last_title} Кодекса"
            return f"заменено статьями {listed}" if reason == "replaced" else f"противоречит статьям {listed}"
        listed = f"{last_number} Кодекса{last_title}"
        return f"заменено статьей {listed}" if reason == "replaced" else f"противоречит статье {listed}"
    listed = ", ".join(f"{number}{title}" for number, title in named)
    verb = "replaced by" if reason == "replaced" else "contradicts"
    return f"{verb} Code article{'s' * (len(named) > 1)} {listed}"


def amended_since(language: str, number: str, title: str) -> str:
    """A provision changed in its act after the Code's article took it in."""
    titled = f" («{title}»)" if title else ""
    if language == "ky":
        return f"Кодекстин {number}-беренесине{titled} киргизилгенден кийин өзгөртүлгөн: беренени текшериңиз"
    if language == "ru":
        return f"изменено после включения в статью {number} Кодекса{titled}: проверьте статью"
    return f"amended after Code article {number}{titled} absorbed it: review the article"


RU_COUNTED = {
    "added": "добавлено",
    "amended": "изменено",
    "renumbered": "перенумеровано",
    "moved": "перемещено",
    "removed": "исключено",
    "repealed": "утратило силу",
    "retitled": "изменено наименований",
}
"""The Russian kinds of change before a count, neuter as a number takes them («добавлено: 3»)."""


def findings_count(language: str, errors: int, warnings: int) -> str:
    """«ката: 0, эскертүү: 1» / «ошибок: 0, предупреждений: 1»: the counts named, not «(0 / 1)»."""
    if language == "ky":
        return f"ката: {errors}, эскертүү: {warnings}"
    if language == "ru":
        return f"ошибок: {errors}, предупреждений: {warnings}"
    return f"errors: {errors}, warnings: {warnings}"


_TEXT_IN = {  # the legal names of the two texts, as amending laws write them
    "ky": {"ky": "мамлекеттик тилдеги", "ru": "расмий тилдеги"},
    "ru": {"ky": "на государственном языке", "ru": "на официальном языке"},
}


def changed_alone(language: str, changed: Sequence[str]) -> str:
    """Which text changed alone: «мамлекеттик тилдеги тексти гана өзгөртүлдү» / «изменен только
    текст на государственном языке» (the Kyrgyz text is the state language's, the Russian the
    official language's)."""
    if language == "ky":
        return " жана ".join(_TEXT_IN["ky"].get(c, c) for c in changed) + " тексти гана өзгөртүлдү"
    if language == "ru":
        return "изменен только текст " + " и ".join(_TEXT_IN["ru"].get(c, f"на языке {c}") for c in changed)
    return f"changed in {', '.join(changed)} only"


_LANGUAGE_NAMES = {  # a text's language named in each language: (adjective, in the plural form of a list)
    "ky": {"ky": "кыргыз", "ru": "орус"},
    "ru": {"ky": "кыргызском", "ru": "русском"},
}


def in_languages(language: str, languages: Sequence[str]) -> str:
    """«кыргыз жана орус тилдеринде» / «на кыргызском и русском языках», «орус тилинде» / «на
    русском языке»: which texts a document holds, said in ``language``."""
    names = [_LANGUAGE_NAMES.get(language, {}).get(lang, lang) for lang in languages]
    if language == "ky":
        return " жана ".join(names) + (" тилдеринде" if len(names) > 1 else " тилинде")
    if language == "ru":
        return "на " + " и ".join(names) + (" языках" if len(names) > 1 else " языке")
    return "in " + " and ".join(languages)


def on_words(language: str, quote: str) -> str:
    """What a comment was written on: ««жергиликтүү кеңештер» деген сөздөргө:» / «К словам «…»:»."""
    if language == "ky":
        return f"«{quote}» деген сөздөргө:"
    return f"К словам «{quote}»:" if language == "ru" else f"On the words «{quote}»:"


def more_findings(language: str, count: int) -> str:
    """What a list cut short leaves out: «… дагы 5» / «… и еще 5» (no noun: none to agree with)."""
    return {"ky": f"… дагы {count}", "ru": f"… и еще {count}"}.get(language, f"… {count} more")


def number_list(language: str, numbers: Sequence[str]) -> str:
    """«1, 5 и 9» / «1, 5 жана 9»: the last joined by the conjunction (a Kyrgyz list then takes
    the noun's suffix once, on the last number: «1, 5 жана 9-беренелерин»)."""
    if len(numbers) < 2:
        return "".join(numbers)
    conjunction = "жана" if language == "ky" else "и"
    return ", ".join(numbers[:-1]) + f" {conjunction} {numbers[-1]}"


_KY_BACK = "аоуы"
_KY_VOICELESS = "кпстфхцчшщ"


def ky_dative(name: str) -> str:
    """An act's name in the dative, by vowel harmony and the possessive: «… кодекси» →
    «… кодексине», «Конституциясы» → «Конституциясына», «Регламенти» → «Регламентине»,
    «Жарандык кодекс» → «Жарандык кодекске», «Жобо» → «Жобого»."""
    word = name.rstrip()
    if not word:
        return name
    last = word[-1].lower()
    vowels = [c for c in word.lower() if c in "аоуыэеиөүюяё"]
    harmony = vowels[-1] if vowels else "а"
    if last in "ыиуү" and len(word) > 1 and word[-2].lower() not in "аоуыэеиөүюяё":
        # the possessive of a name in a genitive chain: -ына / -ине / -уна / -үнө
        return word + {"ы": "на", "и": "не", "у": "на", "ү": "нө"}[last]
    if harmony in "аыя":
        vowel = "а"
    elif harmony in "оу":
        vowel = "о"
    elif harmony in "өү":
        vowel = "ө"
    else:
        vowel = "е"
    consonant = "к" if last in _KY_VOICELESS else "г"
    return word + consonant + vowel


def ky_accusative(name: str) -> str:
    """An act's name in the accusative: «… кодекси» → «… кодексин» (a possessive takes -н),
    «Жарандык кодекс» → «Жарандык кодексти», «Мыйзам» → «Мыйзамды», «Жобо» → «Жобону»."""
    word = name.rstrip().lower()
    if len(word) > 1 and word[-1] in "ыиуү" and word[-2] not in "аоуыэеиөүюяё":
        return name + "н"  # the possessive of a name in a genitive chain
    harmony = next((c for c in reversed(word) if c in "аеиоуыэөүюяё"), "ы")
    vowel = "и" if harmony in "еиэ" else "у" if harmony in "оую" else "ү" if harmony in "өү" else "ы"
    consonant = "н" if word[-1:] in "аоуыэеиөүюяё" else "т" if word[-1:] in _KY_VOICELESS else "д"
    return name + consonant + vowel


REPEAL_NOTE = re.compile(r"\(?\s*(?:утратил[аио]?\s+силу|күчүн\s+жоготту)\b[^()]*\)?\s*[.;]?", re.IGNORECASE)
"""What stands in place of a repealed unit's text, in force: «Утратила силу.», «(Утратил силу в
соответствии с Законом КР от … № …);», «Күчүн жоготту.»."""


def is_repeal_note(text: str) -> bool:
    """Whether ``text`` is all a repealed unit says (it keeps its number, and is no provision)."""
    return bool(REPEAL_NOTE.fullmatch(text.strip()))


_KY_OF_CODE = (
    (re.compile(r"^(\S+-)берененин "), r"\1беренесинин "),
    (re.compile(r"^(\S+-)берене$"), r"\1беренеси"),
    (re.compile(r"^(\S+-)глава$"), r"\1главасы"),
    (re.compile(r"^(\S+) бөлүм$"), r"\1 бөлүмү"),
)
"""After «Кодекстин» the first noun takes the possessive: «Кодекстин 11-беренесинин 2-бөлүгү»."""


def of_the_code(language: str, place: str) -> str:
    """A unit named as the Code's: «пункт 1 части 2 статьи 11 Кодекса» / «Кодекстин
    11-беренесинин 2-бөлүгүнүн 1-пункту», «глава 2 Кодекса» / «Кодекстин 2-главасы»."""
    if language != "ky":
        return f"{place} Кодекса"
    for pattern, replacement in _KY_OF_CODE:
        place, done = pattern.subn(replacement, place, count=1)
        if done:
            break
    return f"Кодекстин {place}"


_RU_ACT_GENITIVE = (
    ("Закон ", "Закона "),
    ("Кодекс ", "Кодекса "),
    ("Конституция ", "Конституции "),
    ("Указ ", "Указа "),
)
_RU_NAMED_CODE = re.compile(r"([А-ЯЁ][а-яё]+)(?:ый|ий|ой) кодекс\b")
_KY_ACT_GENITIVE = (
    ("Мыйзамы", "Мыйзамынын"),
    ("кодекси", "кодексинин"),
    ("Кодекси", "Кодексинин"),
    ("Конституциясы", "Конституциясынын"),
)


def of_the_act(language: str, place: str, title: str) -> str:
    """A unit named as an act's, the act in the genitive where its title takes it: «абзац второй
    части 1 статьи 2 Закона Кыргызской Республики «О …»» / «… Мыйзамынын 2-беренесинин
    1-бөлүгүнүн экинчи абзацы»; otherwise the title after the unit, in parentheses."""
    if language == "ru":
        for nominative, genitive in _RU_ACT_GENITIVE:
            if title.startswith(nominative):
                return f"{place} {genitive}{title.removeprefix(nominative)}"
        coded = _RU_NAMED_CODE.match(title)  # «Гражданский кодекс …»: «Гражданского кодекса …»
        if coded:
            return f"{place} {coded.group(1)}ого кодекса{title[coded.end() :]}"
    if language == "ky":
        for nominative, genitive in _KY_ACT_GENITIVE:
            if title.endswith(nominative):
                for pattern, replacement in _KY_OF_CODE:
                    place, done = pattern.subn(replacement, place, count=1)
                    if done:
                        break
                return f"{title.removesuffix(nominative)}{genitive} {place}"
    return f"{place} ({title})"


def editions_title(language: str, number: str, title: str) -> str:
    """«Редакции статьи 9 «…»» / «9-берененин («…») редакциялары»: an article's editions page."""
    titled = f"«{title}»" if title else ""
    if language == "ky":
        return f"{number}-берененин" + (f" ({titled})" if titled else "") + " редакциялары"
    if language == "ru":
        return f"Редакции статьи {number}" + (f" {titled}" if titled else "")
    return f"Versions of article {number}" + (f" {titled}" if titled else "")


def moved_to(language: str, numbers: Sequence[str], link: Callable[[int, str], str] = lambda _, text: text) -> str:
    """«Перенесено в статью 12 Кодекса», «… в статьи 12, 14 и 15 Кодекса» / «Кодекстин
    12-беренесине өткөрүлдү», «Кодекстин 12, 14 жана 15-беренелерине өткөрүлдү» (as amending laws
    list numbers: the suffix on the last only). ``link(index, words)`` may wrap the words that
    name article ``index``."""
    if language == "ky":
        if len(numbers) == 1:
            return f"Кодекстин {link(0, numbers[0] + '-беренесине')} өткөрүлдү"
        listed = ", ".join(link(i, n) for i, n in enumerate(numbers[:-1]))
        return f"Кодекстин {listed} жана {link(len(numbers) - 1, numbers[-1] + '-беренелерине')} өткөрүлдү"
    if len(numbers) == 1:
        return f"Перенесено в {link(0, 'статью ' + numbers[0])} Кодекса"
    listed = ", ".join(link(i, n) for i, n in enumerate(numbers[:-1]))
    return f"Перенесено в статьи {listed} и {link(len(numbers) - 1, numbers[-1])} Кодекса"
