"""What every redline format shares: summary counts, article captions, the rows to show."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .. import wording
from ..compare import Comparison
from ..diff import ArticleChange, ArticleChangeKind, Op, Piece, Redline, StructureChange, UnitChange
from ..model import LegalNumber

KIND_WORDS: dict[ArticleChangeKind, dict[str, str]] = {
    ArticleChangeKind.ADDED: {"ru": "добавлена", "ky": "кошулду", "en": "added"},
    ArticleChangeKind.AMENDED: {"ru": "изменена", "ky": "өзгөртүлдү", "en": "amended"},
    ArticleChangeKind.RENUMBERED: {"ru": "перенумерована", "ky": "номери өзгөрдү", "en": "renumbered"},
    ArticleChangeKind.MOVED: {"ru": "перемещена", "ky": "которулду", "en": "moved"},
    ArticleChangeKind.REMOVED: {"ru": "исключена", "ky": "алынып салынды", "en": "removed"},
    ArticleChangeKind.REPEALED: {"ru": "утратила силу", "ky": "күчүн жоготту", "en": "repealed"},
    ArticleChangeKind.RETITLED: {"ru": "изменено название", "ky": "аталышы өзгөрдү", "en": "retitled"},
}
SUMMARY_ORDER = (
    ArticleChangeKind.ADDED, ArticleChangeKind.AMENDED, ArticleChangeKind.RENUMBERED, ArticleChangeKind.MOVED,
    ArticleChangeKind.REMOVED, ArticleChangeKind.REPEALED, ArticleChangeKind.RETITLED,
)  # fmt: skip
_WORDS = {
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
    "renumbered-only": {"ru": "Только перенумерация", "ky": "Номерлери гана өзгөргөн", "en": "Renumbered only"},
    "one-language": {
        "ru": "Текст изменён только на одном языке (возможно, не хватает перевода)",
        "ky": "Текст бир гана тилде өзгөртүлдү (котормосу жетишпеши мүмкүн)",
        "en": "Text changed in one language only (a translation may be missing)",
    },
    "section": {"ru": "раздел", "ky": "бөлүм", "en": "section"},
    "chapter": {"ru": "глава", "ky": "глава", "en": "chapter"},
    "added": {"ru": "добавлен(а)", "ky": "кошулду", "en": "added"},
    "removed": {"ru": "исключен(а)", "ky": "алынып салынды", "en": "removed"},
    "retitled": {"ru": "изменено название", "ky": "аталышы өзгөрдү", "en": "retitled"},
    "renumbered": {"ru": "перенумерован(а)", "ky": "номери өзгөрдү", "en": "renumbered"},
    "moved": {"ru": "перемещена", "ky": "которулду", "en": "moved"},
    "field-status": {"ru": "Статус", "ky": "Абалы", "en": "Status"},
    "field-title": {"ru": "Название", "ky": "Аталышы", "en": "Title"},
    "field-sources": {"ru": "Источники", "ky": "Булактар", "en": "Sources"},
    "field-notes": {"ru": "Примечание", "ky": "Эскертүү", "en": "Notes"},
    "from": {"ru": "Сравнение", "ky": "Салыштыруу", "en": "Comparing"},
}


def say(key: str, language: str) -> str:
    forms = _WORDS[key]
    return forms.get(language, forms["en"])


def kind_word(kind: ArticleChangeKind, language: str) -> str:
    return KIND_WORDS[kind].get(language, KIND_WORDS[kind]["en"])


def number_text(base: LegalNumber | None, head: LegalNumber | None) -> str:
    if base is None or head is None or base == head:
        return str(head or base or "?")
    return f"{base} → {head}"


def caption(change: ArticleChange, language: str) -> str:
    """«Статья 5 → 6. Название», «Статья 12 (новая). …», «Статья 7. … — исключить»."""
    article = change.head or change.base
    title = article.title.get(language, change.id) if article else change.id
    if ArticleChangeKind.ADDED in change.kinds:
        label = f"{wording.article_label(language, change.head_number)} ({wording.word('new', language)})"
        return wording.heading(label, title)
    if ArticleChangeKind.REMOVED in change.kinds:
        return f"{wording.heading(wording.article_label(language, change.base_number), title)} — {wording.word('exclude', language)}"
    label = wording.article_label(language, number_text(change.base_number, change.head_number))
    return wording.heading(label, title)


def kinds_text(change: ArticleChange, language: str) -> str:
    return ", ".join(kind_word(kind, language) for kind in SUMMARY_ORDER if kind in change.kinds)


def anchor(change: ArticleChange) -> str:
    return f"change-{change.id}"


@dataclass(frozen=True, slots=True)
class Summary:
    counts: list[tuple[str, int]]
    valid: bool
    errors: int
    warnings: int


def summary(comparison: Comparison, language: str) -> Summary:
    redline = comparison.redline
    counts = [(kind_word(kind, language), redline.count(kind)) for kind in SUMMARY_ORDER]
    counts.append((say("structure", language), len(redline.structure)))
    errors = sum(d.is_error for d in comparison.head_diagnostics)
    return Summary(
        [(name, n) for name, n in counts if n], errors == 0, errors, len(comparison.head_diagnostics) - errors
    )


def structure_line(change: StructureChange, language: str) -> str:
    unit = change.head or change.base
    label = (wording.section_label if change.unit == "section" else wording.chapter_label)(
        language, change.head_number or change.base_number
    )
    title = unit.title.get(language, change.id) if unit else change.id
    detail = say(change.kind, language)
    if change.kind == "renumbered":
        detail += f" {number_text(change.base_number, change.head_number)}"
    if change.kind == "retitled" and change.base and change.head:
        detail += f": «{change.base.title.get(language, '')}» → «{change.head.title.get(language, '')}»"
    return f"{wording.heading(label, title)} — {detail}"


def detailed(redline: Redline) -> list[ArticleChange]:
    """Articles whose text or fields changed: each gets its comparison table."""
    return [c for c in redline.articles if not c.only_renumbered]


def renumbered_only(redline: Redline) -> list[ArticleChange]:
    """Articles that only changed number: one compact table, not text diffs."""
    return [c for c in redline.articles if c.only_renumbered]


ELLIPSIS = "…"


def visible_rows(rows: Sequence[UnitChange]) -> Iterator[UnitChange | None]:
    """Changed rows (text or number), with None where unchanged rows were left out."""
    skipped = False
    for row in rows:
        if row.changed or row.renumbered_only:
            if skipped:
                yield None
                skipped = False
            yield row
        else:
            skipped = True
    if skipped:
        yield None


def side(pieces: Sequence[Piece], op: Op) -> list[tuple[Op, str]]:
    """What one column shows: ``(op, text)`` for equal text (with that side's spacing) and
    its own side's changes."""
    return [(p.op, p.seen_from(op)) for p in pieces if p.op is Op.EQUAL or p.op is op]
