"""What every redline format shares: summary counts, article captions, the rows to show."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from .. import wording
from ..diff import (
    AnsweredComment,
    ArticleChange,
    ArticleChangeKind,
    Comparison,
    DispositionChange,
    Op,
    Piece,
    Redline,
    StructureChange,
    UnitChange,
)
from ..model import Disposition, LegalNumber, Stage

SUMMARY_ORDER = (
    ArticleChangeKind.ADDED, ArticleChangeKind.AMENDED, ArticleChangeKind.RENUMBERED, ArticleChangeKind.MOVED,
    ArticleChangeKind.REMOVED, ArticleChangeKind.REPEALED, ArticleChangeKind.RETITLED,
)  # fmt: skip


def kind_word(kind: ArticleChangeKind, language: str) -> str:
    """«изменена», «кошулду»: what happened to an article."""
    return wording.word(f"article-{kind.value}", language)


def counted_word(kind: ArticleChangeKind, language: str) -> str:
    """What happened, said before a count: «добавлено: 1, изменено: 4» (a feminine «добавлена»
    agrees with one «статья», not with a number)."""
    return wording.RU_COUNTED[kind.value] if language == "ru" else kind_word(kind, language)


def number_text(base: LegalNumber | None, head: LegalNumber | None) -> str:
    if base is None or head is None or base == head:
        return str(head or base or "?")
    return f"{base} → {head}"


def caption(change: ArticleChange, language: str) -> str:
    """«Статья 5 → 6. Название», «Статья 12 (новая). …», «Статья 7. …» (removed: the kinds say so)."""
    article = change.head or change.base
    title = article.title.get(language, change.id) if article else change.id
    if ArticleChangeKind.ADDED in change.kinds:
        label = f"{wording.article_label(language, change.head_number)} ({wording.word('new', language)})"
        return wording.heading(label, title)
    if ArticleChangeKind.REMOVED in change.kinds:
        # What happened is said once, by the kinds after the caption and «исключить» in the table.
        return wording.heading(wording.article_label(language, change.base_number), title)
    if change.base_number is not None and change.head_number is not None and change.base_number != change.head_number:
        # «12-берене → 10-берене», «Статья 12 → Статья 10»: each number a whole label.
        moved = f"{wording.article_label(language, change.base_number)} → {wording.article_label(language, change.head_number)}"
        return wording.heading(moved, title)
    label = wording.article_label(language, number_text(change.base_number, change.head_number))
    return wording.heading(label, title)


def one_language_caption(change: ArticleChange, language: str, changed: Sequence[str]) -> str:
    """«2-берене. Түшүнүктөр — расмий тилдеги тексти гана өзгөртүлдү»: the article and which text
    changed without its translation."""
    return f"{caption(change, language)} — {wording.changed_alone(language, changed)}"


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


def current_label(comparison: Comparison, language: str) -> str:
    """The left column: «Действующая редакция» when the base is in force, «Прежняя редакция» for
    a draft («Текущая» is an everyday calque)."""
    in_force = comparison.redline.base.stage is Stage.IN_FORCE
    return wording.word("current-in-force" if in_force else "current-draft", language)


def sides(comparison: Comparison) -> str:
    """«main (1c7040e63c3b) → owner:feature (991841400b1a)»: each side by the name the reader
    knows it by, with its commit; the commit alone where it has no other name."""
    shown = []
    for revision, name in zip((comparison.base_revision, comparison.head_revision), comparison.names, strict=True):
        if revision is None:
            return ""
        sha = revision.hexsha[:12]
        shown.append(f"{name} ({sha})" if name and not revision.hexsha.startswith(name) else sha)
    return " → ".join(shown)


def both(languages: Sequence[str], text: Callable[[str], str]) -> str:
    """A label in every language of the document, ky first, compactly: «кошулду / добавлена»
    (a word the languages share is written once)."""
    return " / ".join(dict.fromkeys(text(language) for language in languages))


def summary(comparison: Comparison, languages: Sequence[str]) -> Summary:
    redline = comparison.redline
    counts = [(both(languages, partial(counted_word, kind)), redline.count(kind)) for kind in SUMMARY_ORDER]
    counts.append((both(languages, partial(wording.word, "structure")), len(redline.structure)))
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
    detail = wording.word(f"{change.unit}-{change.kind}", language)
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


Run = list[tuple[Op, str]]
"""What one column shows of a label or a text: equal text and that side's changes."""


@dataclass(frozen=True, slots=True)
class Column:
    """One cell of a comparison table: the unit's number (as changed) and its text."""

    label: Run
    text: Run


@dataclass(frozen=True, slots=True)
class TableRow:
    """A row of the comparison table, the same for every format."""

    current: Column | None
    """None for a unit the proposal adds (an empty cell)."""
    proposed: Column | None
    """None for a unit the proposal deletes («исключить»)."""


def table_rows(change: ArticleChange, language: str) -> list[TableRow | None]:
    """The rows of an article's comparison table in one language, None where unchanged rows
    are left out (an ellipsis); empty when nothing in that language changed."""
    rows: list[TableRow | None] = []
    for row in visible_rows(change.texts.get(language, [])):
        if row is None:
            rows.append(None)
            continue
        current = Column(side(row.label, Op.DELETE), side(row.text, Op.DELETE)) if row.base else None
        proposed = Column(side(row.label, Op.INSERT), side(row.text, Op.INSERT)) if row.head else None
        rows.append(TableRow(current, proposed))
    return rows if any(row is not None for row in rows) else []


def side(pieces: Sequence[Piece], op: Op) -> list[tuple[Op, str]]:
    """What one column shows: ``(op, text)`` for equal text (with that side's spacing) and
    its own side's changes."""
    return [(p.op, p.seen_from(op)) for p in pieces if p.op is Op.EQUAL or p.op is op]


def disposition_line(change: DispositionChange, language: str) -> str:
    """«Закон …, ст. 17, ч. 2: не решено → не переносится: утратило значение»."""
    return (
        f"{change.act.title.get(language, change.act.id)}, {wording.provision(language, change.provision)}: "
        f"{_decision_text(change.before, language)} → {_decision_text(change.after, language)}"
    )


def _decision_text(disposition: Disposition | None, language: str) -> str:
    if disposition is None:
        return wording.word("fate-open", language)
    text = f"{wording.word('fate-not-transferred', language)}: {wording.word('reason-' + disposition.reason.value, language)}"
    if disposition.by:
        text += " (" + ", ".join(f"`{by.id}`" for by in disposition.by) + ")"
    return text


def answered_line(answered: AnsweredComment, language: str) -> str:
    """«round-1/3, часть 2 статьи 12, Айгүл Токтогулова: не рассмотрено → принято (reason)»."""
    entry = answered.entry
    if entry is None:
        return f"{answered.id}: {wording.word('unknown-comment', language)}"
    place = answered.places.get(language, str(entry.unit))
    before = (
        wording.decision_name(answered.before, language) if answered.before else wording.word("new-comment", language)
    )
    text = f"{entry.id}, {place}, {entry.author}: {before} → {wording.decision_name(entry.decision, language)}"
    if entry.reason:
        text += f" ({entry.reason})"
    if entry.carried_out:
        text += f" [{entry.carried_out}]"
    return text
