"""Comparing two states of the Code: what a reviewer needs to read, and nothing else.

Articles are matched by id, never by number or file name; inside an article, parts and points
are aligned first and only then compared word by word. The differ compares two models and
never knows where they came from.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .diagnostics import Diagnostic
from .model import (
    ALL_LANGUAGES,
    Act,
    Article,
    ArticleText,
    Chapter,
    Code,
    Decision,
    Disposition,
    LegalNumber,
    ReferenceTarget,
    ReviewEntry,
    Section,
    Text,
)
from .review_table import unit_place
from .snapshot import Revision
from .words import SPACED


class Op(enum.Enum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text in a word diff, with the spacing as written."""

    op: Op
    text: str
    """The head's text (the base's for a deletion)."""
    base_text: str = ""
    """For an equal run: the same words with the base's spacing."""

    def seen_from(self, side: Op) -> str:
        """The text as one side reads it: DELETE for the base, INSERT for the head."""
        return self.base_text if self.op is Op.EQUAL and side is Op.DELETE else self.text


def tokens(text: str) -> list[tuple[str, str]]:
    """``(token, token with the whitespace around it)`` pairs; comparisons use the bare token.

    Leading whitespace goes with the first token, so joining the second members gives back
    the text exactly.
    """
    return list(_tokens(text))


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[tuple[str, str], ...]:
    """Each paragraph is tokenised once, however often it is scored and diffed."""
    out: list[tuple[str, str]] = SPACED.findall(text)
    leading = len(text) - len(text.lstrip())
    if out and leading:
        out[0] = (out[0][0], text[:leading] + out[0][1])
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    return tuple(t for t, _ in _tokens(text))


MAX_MATCH_WORK = 4_000_000
"""Above this many token pairs (about 2,000 × 2,000 words changed in one paragraph), the middle
of a paragraph is shown as replaced whole: SequenceMatcher is quadratic, and one pasted
344,000-character paragraph took 68 s."""


def word_diff(base: str, head: str) -> list[Piece]:
    """Word-level differences; whitespace-only changes are not changes."""
    if base == head:
        return [Piece(Op.EQUAL, head, base)] if head else []
    base_tokens, head_tokens = _tokens(base), _tokens(head)
    base_words, head_words = _words(base), _words(head)
    # The words before and after the change are equal: compare only what lies between.
    prefix = 0
    while prefix < min(len(base_words), len(head_words)) and base_words[prefix] == head_words[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(base_words), len(head_words)) - prefix and base_words[-1 - suffix] == head_words[-1 - suffix]
    ):
        suffix += 1
    middle_base = base_words[prefix : len(base_words) - suffix]
    middle_head = head_words[prefix : len(head_words) - suffix]
    middle: Sequence[tuple[str, int, int, int, int]]
    if len(middle_base) * len(middle_head) > MAX_MATCH_WORK or (len(middle_base) == len(middle_head) == 1):
        # Also one word for another (the commonest change): SequenceMatcher says the same.
        middle = [("replace", 0, len(middle_base), 0, len(middle_head))]
    elif not middle_base or not middle_head:
        middle = [("insert" if middle_head else "delete", 0, len(middle_base), 0, len(middle_head))]
    else:
        matcher = difflib.SequenceMatcher(None, middle_base, middle_head, autojunk=False)
        middle = matcher.get_opcodes()
    opcodes = [("equal", 0, prefix, 0, prefix)] + [
        (tag, i1 + prefix, i2 + prefix, j1 + prefix, j2 + prefix) for tag, i1, i2, j1, j2 in middle
    ]
    opcodes.append(("equal", len(base_words) - suffix, len(base_words), len(head_words) - suffix, len(head_words)))
    pieces: list[Piece] = []

    def add(op: Op, text: str, base_text: str = "") -> None:
        if not text and not base_text:
            return
        if pieces and pieces[-1].op is op:
            last = pieces[-1]
            pieces[-1] = Piece(op, last.text + text, last.base_text + base_text)
        else:
            pieces.append(Piece(op, text, base_text))

    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            add(Op.EQUAL, "".join(t for _, t in head_tokens[j1:j2]), "".join(t for _, t in base_tokens[i1:i2]))
            continue
        add(Op.DELETE, "".join(text for _, text in base_tokens[i1:i2]))
        add(Op.INSERT, "".join(text for _, text in head_tokens[j1:j2]))
    return pieces


# --- units inside an article --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unit:
    """A paragraph of an article with the label the law gives it: «2.», «1)», or none."""

    label: str
    text: str
    kind: str
    """``part``, ``point``, ``subpoint``, ``note`` or ``paragraph``: what the label numbers."""
    depth: int = 0
    """How far the law indents it (``PrintedParagraph.depth``)."""


def units(text: ArticleText | None) -> list[Unit]:
    """The article's paragraphs in reading order, each labelled as printed."""
    if text is None:
        return []
    return [Unit(line.label, line.plain_text, line.kind, line.depth) for line in text.printed()]


@dataclass(frozen=True, slots=True)
class UnitChange:
    """One row of an article's comparison: a paragraph as it was and as proposed."""

    base: Unit | None
    head: Unit | None
    label: list[Piece]
    text: list[Piece]

    @property
    def changed(self) -> bool:
        return any(p.op is not Op.EQUAL for p in self.text) or self.base is None or self.head is None

    @property
    def renumbered_only(self) -> bool:
        return not self.changed and any(p.op is not Op.EQUAL for p in self.label)


_SIMILAR = 0.5
_REWORDED = 0.25


def _similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """The share of words two paragraphs have in common (difflib's ratio); 0 as soon as the
    cheap upper bounds show it is under ``at_least``, so the decisions are difflib's own."""
    a_words, b_words = _words(a), _words(b)
    if not a_words and not b_words:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a_words, b_words, autojunk=False)
    if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return 0.0
    return matcher.ratio()


def align(base: list[Unit], head: list[Unit]) -> list[UnitChange]:
    """Pair paragraphs by their text (not their numbers), then diff each pair word by word.

    An inserted part is one added row: the parts after it keep their pairing and show only
    their new number.
    """
    base_texts, head_texts = [u.text for u in base], [u.text for u in head]
    opcodes: Sequence[tuple[str, int, int, int, int]]
    if base_texts == head_texts:  # a language the change left alone: SequenceMatcher's answer
        opcodes = [("equal", 0, len(base), 0, len(head))] if base else []
    else:
        opcodes = difflib.SequenceMatcher(None, base_texts, head_texts, autojunk=False).get_opcodes()
    rows: list[UnitChange] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            rows.extend(_pair(b, h) for b, h in zip(base[i1:i2], head[j1:j2], strict=True))
            continue
        rows.extend(_match_block(base[i1:i2], head[j1:j2]))
    return rows


def _pair(base: Unit | None, head: Unit | None) -> UnitChange:
    return UnitChange(
        base,
        head,
        word_diff(base.label if base else "", head.label if head else ""),
        word_diff(base.text if base else "", head.text if head else ""),
    )


def _match_block(base: list[Unit], head: list[Unit]) -> Iterator[UnitChange]:
    """Within a replaced block, pair paragraphs that are similar enough, in order.

    One paragraph replaced by one is the same paragraph reworded unless almost nothing is
    left of it; then, as with several, only similar paragraphs pair up and a rewrite shows as
    a deletion and an addition.
    """
    if len(base) == len(head) == 1 and _similarity(base[0].text, head[0].text, _REWORDED) >= _REWORDED:
        yield _pair(base[0], head[0])
        return
    j = 0
    for b in base:
        best, best_score = None, _SIMILAR
        for k in range(j, len(head)):
            score = _similarity(b.text, head[k].text, best_score)
            if score >= best_score:
                best, best_score = k, score
                if score == 1.0:
                    break
        if best is None:
            yield _pair(b, None)
            continue
        for k in range(j, best):
            yield _pair(None, head[k])
        yield _pair(b, head[best])
        j = best + 1
    for k in range(j, len(head)):
        yield _pair(None, head[k])


# --- articles and structure ---------------------------------------------------------------


class ArticleChangeKind(enum.Enum):
    ADDED = "added"
    REMOVED = "removed"
    AMENDED = "amended"
    RENUMBERED = "renumbered"
    MOVED = "moved"
    REPEALED = "repealed"
    RETITLED = "retitled"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A change of status, title, sources or notes: shown in its own row."""

    name: str
    language: str | None
    base: str
    head: str
    pieces: list[Piece]


@dataclass(slots=True)
class ArticleChange:
    id: str
    base: Article | None
    head: Article | None
    base_number: LegalNumber | None
    head_number: LegalNumber | None
    base_chapter: str | None
    head_chapter: str | None
    kinds: set[ArticleChangeKind] = field(default_factory=set)
    texts: dict[str, list[UnitChange]] = field(default_factory=dict)
    """Per language: every row, changed or not (renderers show the changed ones)."""
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def text_changed(self) -> bool:
        return any(row.changed for rows in self.texts.values() for row in rows)

    @property
    def only_renumbered(self) -> bool:
        return self.kinds == {ArticleChangeKind.RENUMBERED}


@dataclass(frozen=True, slots=True)
class StructureChange:
    """A section or chapter added, removed, retitled, renumbered or moved."""

    unit: str
    """``section`` or ``chapter``."""
    id: str
    kind: str
    base: Section | Chapter | None
    head: Section | Chapter | None
    base_number: LegalNumber | None
    head_number: LegalNumber | None


@dataclass(slots=True)
class Redline:
    base: Code
    head: Code
    articles: list[ArticleChange]
    """Changed articles in the head's legal order; removed ones where they stood."""
    structure: list[StructureChange]

    def count(self, kind: ArticleChangeKind) -> int:
        return sum(kind in change.kinds for change in self.articles)

    @property
    def empty(self) -> bool:
        return not self.articles and not self.structure

    def changed_alone(self, change: ArticleChange) -> tuple[str, ...]:
        """The languages whose text changed where the others' did not: the ones to read against
        the translation (``change`` is one of :meth:`one_language_changes`)."""
        languages = self.head.languages
        changed = _changed_places(change, languages)
        alone = set(_one_language_units(change, languages))
        return tuple(language for language in languages if changed[language] & alone)

    def one_language_changes(self) -> list[ArticleChange]:
        """Articles with a part, point, subpoint or абзац changed in some languages but not in the
        others: a likely missing translation. A change that only renumbers references does not
        count, so a renumbering in one language cannot hide a new word in the other."""
        languages = self.head.languages
        return [
            change
            for change in self.articles
            if change.base is not None and change.head is not None and _one_language_units(change, languages)
        ]


_DIGITS = re.compile(r"\d+(?:-\d+)*")


@lru_cache(maxsize=1 << 12)
def _numbers_blanked(text: str) -> str:
    """A reference's words with its numbers blanked (the same few hundred recur across a Code)."""
    return _DIGITS.sub("#", text)


def _unit_texts(text: ArticleText | None) -> dict[tuple[str, ...], str]:
    """Each printed paragraph by its place (part, point, subpoint, position in the unit), with
    the numbers inside its references blanked: what a translation must follow."""
    found: dict[tuple[str, ...], str] = {}
    if text is None:
        return found
    seen: Counter[tuple[str, ...]] = Counter()
    for line in text.printed():
        place = (
            line.part.label if line.part else "",
            line.point.label if line.point else "",
            line.subpoint.label if line.subpoint else "",
            "notes" if line.notes else "",
        )
        index = seen[place]
        seen[place] += 1
        words = "".join(
            [
                inline.value if isinstance(inline, Text) else _numbers_blanked(inline.text)
                for inline in (line.paragraph.inlines if line.paragraph else ())
            ]
        )
        found[(*place, str(index))] = f"{line.label}|{words}"
    return found


def _one_language_units(change: ArticleChange, languages: Sequence[str]) -> list[tuple[str, ...]]:
    """The places changed in some of ``languages`` but not in all of them."""
    changed = _changed_places(change, languages)
    everywhere = set.intersection(*changed.values()) if changed else set()
    return sorted(set.union(set(), *changed.values()) - everywhere)


def _changed_places(change: ArticleChange, languages: Sequence[str]) -> dict[str, set[tuple[str, ...]]]:
    """Per language, the places (units, абзацы) its text changed, reference numbers aside."""
    assert change.base is not None and change.head is not None
    changed: dict[str, set[tuple[str, ...]]] = {}
    for language in languages:
        base_text, head_text = change.base.texts.get(language), change.head.texts.get(language)
        if base_text == head_text:  # the language the change left alone (cheaper to compare than to walk)
            changed[language] = set()
            continue
        before, after = _unit_texts(base_text), _unit_texts(head_text)
        changed[language] = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    return changed


def _reordered(base_order: list[str], head_order: list[str]) -> set[str]:
    """Articles whose place among the others changed (not only their number): those outside the
    longest run of articles that kept their relative order."""
    common = set(base_order) & set(head_order)
    before = [i for i in base_order if i in common]
    after = [i for i in head_order if i in common]
    kept = {
        after[block.b + k]
        for block in difflib.SequenceMatcher(None, before, after, autojunk=False).get_matching_blocks()
        for k in range(block.size)
    }
    return common - kept


def _chapter_of(code: Code) -> dict[str, str]:
    return {entry.id: chapter.id for chapter in code.chapters for entry in chapter.articles}


def _fields(base: Article, head: Article, languages: Sequence[str]) -> list[FieldChange]:
    changes = []
    if base.status is not head.status:
        changes.append(
            FieldChange(
                "status", None, base.status.value, head.status.value, word_diff(base.status.value, head.status.value)
            )
        )
    for language in languages:
        old, new = base.title.get(language, ""), head.title.get(language, "")
        if old != new:
            changes.append(FieldChange("title", language, old, new, word_diff(old, new)))
    old_sources = "; ".join(str(s.target) for s in base.sources)
    new_sources = "; ".join(str(s.target) for s in head.sources)
    if old_sources != new_sources:
        changes.append(FieldChange("sources", None, old_sources, new_sources, word_diff(old_sources, new_sources)))
    for key in sorted(base.notes.keys() | head.notes.keys()):
        old, new = base.notes.get(key, ""), head.notes.get(key, "")
        if old != new:
            changes.append(FieldChange("notes", None if key == ALL_LANGUAGES else key, old, new, word_diff(old, new)))
    return changes


def diff_codes(base: Code, head: Code) -> Redline:
    """Everything that changed from ``base`` to ``head``.

    Either Code may hold only the articles whose files changed (plus any others it has):
    an article listed in both structures but loaded on neither side is unchanged text, and
    is reported only if its number or chapter moved.
    """
    base_numbers, head_numbers = base.numbering(), head.numbering()
    base_chapters, head_chapters = _chapter_of(base), _chapter_of(head)
    reordered = _reordered(list(base_chapters), list(head_chapters))
    languages = head.languages
    changes: dict[str, ArticleChange] = {}
    for article_id in dict.fromkeys([*head_chapters, *base_chapters]):
        in_base, in_head = article_id in base_chapters, article_id in head_chapters
        old, new = base.articles.get(article_id), head.articles.get(article_id)
        change = ArticleChange(
            article_id, old, new,
            base_numbers.articles.get(article_id), head_numbers.articles.get(article_id),
            base_chapters.get(article_id), head_chapters.get(article_id),
        )  # fmt: skip
        if not in_base:
            change.kinds.add(ArticleChangeKind.ADDED)
        elif not in_head:
            change.kinds.add(ArticleChangeKind.REMOVED)
        else:
            if change.base_number != change.head_number:
                change.kinds.add(ArticleChangeKind.RENUMBERED)
            if change.base_chapter != change.head_chapter or article_id in reordered:
                change.kinds.add(ArticleChangeKind.MOVED)
        if old is not None or new is not None:
            for language in languages:
                old_text = old.texts.get(language) if old else None
                new_text = new.texts.get(language) if new else None
                if old_text is not None and old_text == new_text:  # a language the change left alone
                    change.texts[language] = [_pair(unit, unit) for unit in units(old_text)]
                else:
                    change.texts[language] = align(units(old_text), units(new_text))
            if old is not None and new is not None:
                change.fields = _fields(old, new, languages)
                if change.text_changed:
                    change.kinds.add(ArticleChangeKind.AMENDED)
                if new.is_repealed and not old.is_repealed:
                    change.kinds.add(ArticleChangeKind.REPEALED)
                if any(f.name == "title" for f in change.fields):
                    change.kinds.add(ArticleChangeKind.RETITLED)
        if change.kinds or change.fields:
            changes[article_id] = change
    # Removed articles stand where they stood: after the article that preceded them in the base.
    base_order = list(base_chapters)
    removed_after: dict[str | None, list[str]] = defaultdict(list)
    for article_id, change in changes.items():
        if ArticleChangeKind.REMOVED in change.kinds:
            earlier = base_order[: base_order.index(article_id)]
            removed_after[next((i for i in reversed(earlier) if i in head_chapters), None)].append(article_id)
    ordered = [changes[i] for i in removed_after[None]]
    for article_id in head_chapters:
        if article_id in changes:
            ordered.append(changes[article_id])
        ordered.extend(changes[i] for i in removed_after.get(article_id, ()))
    return Redline(base, head, ordered, list(_structure(base, head)))


def _structure(base: Code, head: Code) -> Iterator[StructureChange]:
    base_numbers, head_numbers = base.numbering(), head.numbering()
    pairs: list[tuple[str, dict[str, Section | Chapter], dict[str, Section | Chapter], dict[str, LegalNumber | None], dict[str, LegalNumber | None]]] = [
        ("section", {s.id: s for s in base.sections}, {s.id: s for s in head.sections}, dict(base_numbers.sections), dict(head_numbers.sections)),
        ("chapter", {c.id: c for c in base.chapters}, {c.id: c for c in head.chapters}, dict(base_numbers.chapters), dict(head_numbers.chapters)),
    ]  # fmt: skip
    base_parent = {c.id: s.id for s in base.sections for c in s.chapters}
    head_parent = {c.id: s.id for s in head.sections for c in s.chapters}
    for unit, old_units, new_units, old_numbers, new_numbers in pairs:
        for unit_id in dict.fromkeys([*new_units, *old_units]):
            old, new = old_units.get(unit_id), new_units.get(unit_id)
            old_number, new_number = old_numbers.get(unit_id), new_numbers.get(unit_id)
            kinds = []
            if old is None:
                kinds.append("added")
            elif new is None:
                kinds.append("removed")
            else:
                if dict(old.title) != dict(new.title):
                    kinds.append("retitled")
                if old_number != new_number:
                    kinds.append("renumbered")
                if unit == "chapter" and base_parent.get(unit_id) != head_parent.get(unit_id):
                    kinds.append("moved")
            for kind in kinds:
                yield StructureChange(unit, unit_id, kind, old, new, old_number, new_number)


@dataclass(frozen=True, slots=True)
class Comparison:
    """What a reviewer reads: the redline of two states and the head's validation."""

    redline: Redline
    head_diagnostics: list[Diagnostic]
    """The head's validation findings: the same as ``kodeks validate`` of the head."""
    base_revision: Revision | None
    head_revision: Revision | None
    dispositions: tuple[DispositionChange, ...] = ()
    """Provisions of existing acts whose declared fate (``dispositions.yaml``) changed."""
    answered: tuple[AnsweredComment, ...] = ()
    """Comments of the register this change answers."""
    names: tuple[str, str] = ("", "")
    """What the reader calls the two sides (``main``, ``owner:feature``, ``HEAD~1``), if anything."""


@dataclass(frozen=True, slots=True)
class DispositionChange:
    """A provision declared not transferred, no longer so, or for another reason."""

    act: Act
    provision: ReferenceTarget
    before: Disposition | None
    after: Disposition | None


def disposition_changes(base: Code, head: Code, unchanged: Collection[str]) -> tuple[DispositionChange, ...]:
    """Changes between the dispositions of the two states, skipping the acts whose
    ``dispositions.yaml`` (a path in ``unchanged``) is the same on both sides."""
    changes = []
    for act_id in sorted(set(base.acts) | set(head.acts)):
        if f"code_text/acts/{act_id}/dispositions.yaml" in unchanged:
            continue
        before = {d.provision: d for d in base.acts[act_id].dispositions} if act_id in base.acts else {}
        after = {d.provision: d for d in head.acts[act_id].dispositions} if act_id in head.acts else {}
        act = head.acts.get(act_id) or base.acts[act_id]
        for provision in sorted(set(before) | set(after), key=_provision_order):
            old, new = before.get(provision), after.get(provision)
            if _decision(old) != _decision(new):
                changes.append(DispositionChange(act, provision, old, new))
    return tuple(changes)


def _decision(disposition: Disposition | None) -> tuple[object, ...] | None:
    return None if disposition is None else (disposition.reason, disposition.by, disposition.note)


def _provision_order(target: ReferenceTarget) -> tuple[object, ...]:
    return (target.article.components if target.article else (), target.part.components if target.part else ())


# --- the comment register ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AnsweredComment:
    """A register entry a change answers: its decision set or changed in the change, or named
    by a ``Resolves-comment: ID`` trailer of one of its commits."""

    id: str
    entry: ReviewEntry | None
    """As the head has it; None for a trailer naming no entry of the register."""
    before: Decision | None
    """Its decision before the change; None for an entry the change adds."""
    named: bool
    """A commit's trailer names it."""
    places: Mapping[str, str] = field(default_factory=dict)
    """Its unit as the law names it in the head, per language («часть 2 статьи 3»): the
    comparison keeps only the changed articles, so the numbers are read here."""


def answered_comments(
    base: Code, head: Code, unchanged: Collection[str], named: Collection[str]
) -> tuple[AnsweredComment, ...]:
    """Entries whose decision, reason or ``carried-out`` the change sets (round files in
    ``unchanged`` are the same on both sides and skipped), and the ones commit trailers name."""
    before = {e.id: e for r in base.reviews for e in r.entries}
    entries = {e.id: e for r in head.reviews for e in r.entries}
    numbering = head.numbering()

    def answered(entry_id: str) -> AnsweredComment:
        entry, earlier = entries.get(entry_id), before.get(entry_id)
        places = {lang: unit_place(numbering, entry.unit, lang) for lang in head.languages} if entry else {}
        return AnsweredComment(entry_id, entry, earlier.decision if earlier else None, entry_id in named, places)

    found: dict[str, AnsweredComment] = {}
    for review_round in head.reviews:
        if review_round.path in unchanged:
            continue
        for entry in review_round.entries:
            old = before.get(entry.id)
            if _answer(old) != _answer(entry) and not (old is None and entry.decision is Decision.OPEN):
                found[entry.id] = answered(entry.id)
    for entry_id in named:
        if entry_id not in found:
            found[entry_id] = answered(entry_id)
    return tuple(sorted(found.values(), key=lambda a: _comment_order(a.id)))


def _answer(entry: ReviewEntry | None) -> tuple[object, ...] | None:
    return None if entry is None else (entry.decision, entry.reason, entry.carried_out)


def _comment_order(entry_id: str) -> tuple[str, int]:
    prefix, _, number = entry_id.rpartition("/")
    return (prefix, int(number) if number.isdigit() else 0)
