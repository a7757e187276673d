"""The justification note that travels with the draft (справка-обоснование / негиздеме-маалымкат),
one document per language, its sections in the usual order.

The sections the repository knows are written from it: the description (the Code's sections,
chapters and articles; the laws whose norms it gathers), the consolidation (by act: provisions
absorbed, not transferred, undecided), the results of the review rounds (by round and decision)
and conformity with legislation (the laws to declare void and to amend). The others (aims,
forecasts of consequences, financing, regulatory impact) are the drafters' to write: each
stands as a bracketed placeholder.
"""

from __future__ import annotations

from .. import wording
from ..consolidation import Consolidation, Fate, Outcome
from ..model import Code, Decision
from .outline import Block, Heading, Text

SECTIONS = (
    ("aims", {"ru": "1. Цель и задачи", "ky": "1. Максаты жана милдеттери"}),
    ("description", {"ru": "2. Описательная часть", "ky": "2. Сыпаттама бөлүгү"}),
    (
        "forecasts",
        {
            "ru": "3. Прогнозы возможных социальных, экономических, правовых, правозащитных, гендерных, "
            "экологических, коррупционных последствий",
            "ky": "3. Мүмкүн болуучу социалдык, экономикалык, укуктук, укук коргоо, гендердик, экологиялык, "
            "коррупциялык кесепеттердин божомолдору",
        },
    ),
    (
        "discussion",
        {
            "ru": "4. Информация о результатах общественного обсуждения",
            "ky": "4. Коомдук талкуунун жыйынтыктары жөнүндө маалымат",
        },
    ),
    (
        "conformity",
        {
            "ru": "5. Анализ соответствия проекта законодательству",
            "ky": "5. Долбоордун мыйзамдарга шайкештигин талдоо",
        },
    ),
    (
        "financing",
        {
            "ru": "6. Информация о необходимости финансирования",
            "ky": "6. Каржылоонун зарылдыгы жөнүндө маалымат",
        },
    ),
    (
        "impact",
        {
            "ru": "7. Информация об анализе регулятивного воздействия",
            "ky": "7. Жөнгө салуучу таасирди талдоо жөнүндө маалымат",
        },
    ),
)
"""The note's sections, as a draft law's note orders them (domain.md, «What goes with a draft law»)."""

PLACEHOLDER = {"ru": "[Раздел заполняется разработчиками.]", "ky": "[Бөлүмдү иштеп чыгуучулар толтурат.]"}


def _title(title: str, language: str) -> str:
    """«Справка-обоснование к проекту Кодекса …» / «… кодексинин долбооруна негиздеме-маалымкат»."""
    drafted = wording.code_genitive(language, title) or f"«{title}»"
    if language == "ky":
        return f"{drafted} долбооруна негиздеме-маалымкат"
    return f"Справка-обоснование к проекту {drafted}"


_KY_COUNTED = {
    Decision.OPEN: "каралбаганы",
    Decision.ACCEPTED: "кабыл алынганы",
    Decision.PARTLY: "жарым-жартылай кабыл алынганы",
    Decision.REJECTED: "кабыл алынбаганы",
    Decision.WITHDRAWN: "автор кайтарып алганы",
}
_NOT_MEASURED = {
    "ru": "[Тексты законов разработчиками не представлены: перечни законов, подлежащих признанию утратившими силу и "
    "изменению, составляются разработчиками.]",
    "ky": "[Мыйзамдардын тексттерин иштеп чыгуучулар тапшыра элек: күчүн жоготту деп таанылууга жана өзгөртүлүүгө "
    "тийиш мыйзамдардын тизмелерин иштеп чыгуучулар түзөт.]",
}


def _ru_count(count: int, forms: tuple[str, str, str]) -> str:
    """«6 разделов», «1 глава», «3 статьи»: a count with its noun as Russian agrees them."""
    if count % 10 == 1 and count % 100 != 11:
        form = forms[0]
    elif 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        form = forms[1]
    else:
        form = forms[2]
    return f"{count} {form}"


def _description(code: Code, consolidation: Consolidation, language: str) -> list[str]:
    sections, chapters = len(code.sections), len(code.chapters)
    articles = len(code.ordered_articles())
    # The acts the Code's articles name as their sources, not every act it cites (the Constitution).
    named = {target.id for targets in consolidation.sources.values() for target in targets}
    acts = [act.title.get(language, act.id) for act_id, act in code.acts.items() if act_id in named]
    if language == "ru":
        parts = [_ru_count(articles, ("статьи", "статей", "статей"))]
        size = (
            f"Проект Кодекса состоит из {_ru_count(sections, ('раздела', 'разделов', 'разделов'))}, "
            f"{_ru_count(chapters, ('главы', 'глав', 'глав'))} и {parts[0]}."
        )
        gathered = "Проект Кодекса объединяет нормы следующих актов:"
    else:
        size = f"Кодекстин долбоору {sections} бөлүмдөн, {chapters} главадан жана {articles} беренеден турат."
        gathered = "Кодекстин долбоору төмөнкү актылардын ченемдерин бириктирет:"
    if not acts:
        return [size]
    # numbered as a law's list: «1) …;», the last «…».
    return [size, gathered] + [f"{n}) {act}{'.' if n == len(acts) else ';'}" for n, act in enumerate(acts, start=1)]


def _consolidation(consolidation: Consolidation, language: str) -> list[str]:
    lines = []  # nothing measured: section 5 says so once
    for coverage in consolidation.acts:
        title = coverage.act.title.get(language, coverage.act.id)
        counts = (len(coverage.provisions), coverage.count(Fate.ABSORBED), coverage.count(Fate.NOT_TRANSFERRED))
        undecided = coverage.count(Fate.OPEN)
        if language == "ru":
            lines.append(
                f"{title}: положений – {counts[0]}, из них включено в Кодекс – {counts[1]}, не переносится в Кодекс – "
                f"{counts[2]}, решение не принято – {undecided}."
            )
        else:
            lines.append(
                f"{title}: жоболордун саны – {counts[0]}, анын ичинен Кодекске киргизилгени – {counts[1]}, "
                f"Кодекске өткөрүлбөгөнү – {counts[2]}, чечим кабыл алынбаганы – {undecided}."
            )
    return lines


def _discussion(code: Code, language: str) -> list[str]:
    """The public discussion's rounds first (what section 4 is about), then the rounds of the
    bodies the draft was sent to; without a public round the section keeps its placeholder."""
    lines = []
    for review_round in sorted(code.reviews, key=lambda r: not r.public):
        counts = [(d, sum(e.decision is d for e in review_round.entries)) for d in Decision]
        total = len(review_round.entries)
        name = review_round.name or review_round.id
        if language == "ru":
            decided = "; ".join(f"{wording.decision_name(d, language)} – {n}" for d, n in counts if n)
            lines.append(f"{name}: замечаний и предложений – {total}" + (f" (из них: {decided})." if decided else "."))
        else:  # a count takes the participle noun («кабыл алынганы – 3»), not the table's «кабыл алынды»
            decided = "; ".join(f"{_KY_COUNTED[d]} – {n}" for d, n in counts if n)
            lines.append(
                f"{name}: сын-пикирлердин жана сунуштардын саны – {total}"
                + (f" (анын ичинен {decided})." if decided else ".")
            )
    if not any(r.public for r in code.reviews):
        lines.append(PLACEHOLDER[language])
    return lines


def _conformity(consolidation: Consolidation, language: str) -> list[str]:
    if not consolidation.measured:
        return [_NOT_MEASURED[language]]
    lines = []
    for outcome, key in ((Outcome.VOID, "void-list"), (Outcome.AMEND, "amend-list")):
        acts = [c.act.title.get(language, c.act.id) for c in consolidation.acts if c.outcome is outcome]
        lines.append(
            f"{wording.word(key, language)}: " + ("; ".join(acts) if acts else wording.word("none", language)) + "."
        )
    return lines


def outline(code: Code, consolidation: Consolidation, language: str) -> list[Block]:
    """The note in ``language``: every section's heading, its text from the repository and from
    the drafters' ``justification-note.yaml``, or a placeholder."""
    title = code.title.get(language, code.id)
    blocks: list[Block] = [Heading(_title(title, language), 1)]
    known = {
        "description": _description(code, consolidation, language) + _consolidation(consolidation, language),
        "discussion": _discussion(code, language),
        "conformity": _conformity(consolidation, language),
    }
    for key, headings in SECTIONS:
        written = list(code.note.get(key, {}).get(language, ()))
        lines = [line for line in known.get(key, []) if not (written and _bracketed(line))] + written
        blocks += [Heading(headings[language], 2), Text(tuple(lines or [PLACEHOLDER[language]]))]
    return blocks


def _bracketed(line: str) -> bool:
    """A placeholder kodeks writes where the drafters are to write: «[…]»."""
    return line.startswith("[") and line.endswith("]")


def placeholders(code: Code, consolidation: Consolidation, language: str) -> list[tuple[str, str]]:
    """The sections still standing as placeholders in ``language``: each key and heading."""
    blocks = outline(code, consolidation, language)
    texts = [block for block in blocks if isinstance(block, Text)]
    return [
        (key, headings[language])
        for (key, headings), text in zip(SECTIONS, texts, strict=True)
        if any(map(_bracketed, text.paragraphs))
    ]
