"""The draft amending law from two revisions of a text in force.

``amending_law(base, head)`` writes the instructions that turn the base into the head, per
language, in legal order, each the least intrusive one that is exact:

- words replaced, deleted or added inside a unit, quoted with just enough context to occur once
  in the unit named (every word instruction is checked by carrying it out on the text it will
  meet: the text left by the instructions before it);
- a unit restated when most of a paragraph changed (:data:`RESTATE_SHARE`), or when its
  structure changed in a way no smaller instruction says (an абзац or a point added or lost);
- a new unit with its inserted number; a unit repealed («Утратила силу.», or an article's
  ``status: repealed``); a title restated; a term replaced throughout the text, the articles
  that keep it excepted.

Numbers are frozen in force: a renumbered or removed article is refused, with the way to do it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .. import wording
from ..edit.word_change import carry_out
from ..errors import KodeksError
from ..instruction import AmendingLaw, Instruction, Op, UnitPath
from ..messages import msg
from ..model import (
    Article,
    ArticleText,
    Chapter,
    Code,
    LegalNumber,
    Note,
    Notes,
    Paragraph,
    Part,
    Point,
    Stage,
    Subpoint,
    Text,
)
from ..printed import article_lines, is_repealed_text, printed
from ..references import own_paragraphs
from ..words import opcodes, tokens
from .parity import Restatement, mark_one_language, settled
from .units import NUMBER_LINE, added_label, replace_throughout, unit_children, unit_label, unit_lines, unit_paragraphs

RESTATE_SHARE = 0.5


"""A paragraph is restated, not amended word by word, when more than half of its words change
(counted on the longer of the two texts), or when it would take more than
:data:`MAX_WORD_INSTRUCTIONS` word instructions. Practice says «when most of it changes»; no
written rule was found (CONTRIBUTING.md, «Amending laws»)."""


MAX_WORD_INSTRUCTIONS = 3


NEAR_WORDS = 2


"""Changes in one paragraph with at most this many unchanged words between them are one
replacement, as a reader would quote it."""


THROUGHOUT_ARTICLES = 3


"""The same words replaced in at least this many articles become one instruction for the whole
text, the articles that keep them excepted (at most as many as are changed)."""


class AmendError(KodeksError):
    """Two revisions no amending law can join (exit 2): a draft, a renumbering in force."""


@dataclass(slots=True)
class _Unit:
    """The paragraphs of one numbered unit as they stand while its instructions are written."""

    texts: list[str]

    def count(self, words: str) -> int:
        return sum(text.count(words) for text in self.texts)


def _word_instructions(
    unit: _Unit, index: int, new_text: str, path: UnitPath, language: str
) -> list[Instruction] | None:
    """Word instructions that turn paragraph ``index`` of the unit into ``new_text``, or None
    when the paragraph should be restated."""
    old_text = unit.texts[index]
    old_tokens, new_tokens = tokens(old_text), tokens(new_text)
    changed_words = sum(
        sum(1 for t in old_tokens[i1:i2] if not t.isspace()) + sum(1 for t in new_tokens[j1:j2] if not t.isspace())
        for op, i1, i2, j1, j2 in opcodes(old_tokens, new_tokens)
        if op != "equal"
    )
    words = max(sum(1 for t in old_tokens if not t.isspace()), sum(1 for t in new_tokens if not t.isspace()), 1)
    if changed_words > RESTATE_SHARE * 2 * words:
        return None
    instructions: list[Instruction] = []
    # Changes with only spaces between them are one instruction («слова «местного
    # самоуправления» заменить словами «муниципального управления»»); each is checked on the
    # text the ones before it leave.
    pieces = _merged(opcodes(old_tokens, new_tokens), old_tokens, NEAR_WORDS)
    if len(pieces) > MAX_WORD_INSTRUCTIONS:
        return None
    current = old_text
    offsets = [0]
    for token in old_tokens:
        offsets.append(offsets[-1] + len(token))
    shift = 0
    for i1, i2, j1, j2 in pieces:
        start, end = offsets[i1] + shift, offsets[i2] + shift
        replacement = "".join(new_tokens[j1:j2])
        target = current[:start] + replacement + current[end:]
        texts = unit.texts[:index] + [current] + unit.texts[index + 1 :]
        final = end == len(current) and index == len(unit.texts) - 1
        instruction = _smallest(_Unit(texts), current, start, end, replacement, target, path, language, final)
        if instruction is None:
            return None
        instructions.append(instruction)
        shift += len(replacement) - (end - start)
        current = target
    if current != new_text:
        return None
    unit.texts[index] = current
    return instructions


def _merged(
    opcodes: Sequence[tuple[str, int, int, int, int]], tokens: Sequence[str], near: int = 0
) -> list[tuple[int, int, int, int]]:
    """The changed token ranges; changes with at most ``near`` unchanged words between them are
    one («три рабочих дня» → «пять рабочих дней», not «три» and «дня» apart)."""
    pieces: list[tuple[int, int, int, int]] = []
    gap = False
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            words = sum(1 for t in tokens[i1:i2] if not t.isspace())
            gap = bool(pieces) and words <= near and i2 < len(tokens)
            if not gap:
                pieces.append((-1, -1, -1, -1))  # a separator
            continue
        if pieces and pieces[-1][0] >= 0 and gap:
            pieces[-1] = (pieces[-1][0], i2, pieces[-1][2], j2)
        else:
            pieces.append((i1, i2, j1, j2))
        gap = False
    return [piece for piece in pieces if piece[0] >= 0]


def _smallest(
    unit: _Unit,
    text: str,
    start: int,
    end: int,
    replacement: str,
    target: str,
    path: UnitPath,
    language: str,
    final: bool = False,
) -> Instruction | None:
    """The least intrusive word instruction that makes ``text`` into ``target`` in this unit:
    the unit's last sign replaced by name (``final``), delete or add when that alone is exact,
    else replace, the quoted words widened word by word until they occur once in the unit."""
    old = text[start:end]
    if final and wording.is_mark(old) and wording.is_mark(replacement):
        return Instruction(Op.REPLACE, language, path, old, replacement)

    def exact(instruction: Instruction) -> bool:
        # Quoted words hold a word: «окмоту.», never a lone «.».
        if not any(c.isalpha() for c in instruction.old):
            return False
        return unit.count(instruction.old) == 1 and carry_out(text, instruction) == target

    candidates = []
    if old.strip() and not replacement.strip():
        candidates.append(Instruction(Op.DELETE, language, path, old.strip()))
    if not old.strip() and replacement.strip():
        words = replacement.strip()
        left = text[:start].rstrip()
        right = text[end:].lstrip()
        for anchor in _widen_left(left):
            candidates.append(Instruction(Op.INSERT_AFTER, language, path, anchor, words))
        for anchor in _widen_right(right):
            candidates.append(Instruction(Op.INSERT_BEFORE, language, path, anchor, words))
    for instruction in candidates:
        if exact(instruction):
            return instruction
    # Replace: the changed words, then with neighbours until they occur once.
    left_tokens = tokens(text[:start])
    right_tokens = tokens(text[end:])
    for grow in range(0, 12):
        for left_count in range(grow + 1):
            right_count = grow - left_count
            if left_count > len(left_tokens) or right_count > len(right_tokens):
                continue
            before = "".join(left_tokens[len(left_tokens) - left_count :])
            after = "".join(right_tokens[:right_count])
            quoted_old = before + old + after
            quoted_new = before + replacement + after
            if quoted_old != quoted_old.strip() or not quoted_old.strip():
                continue  # quoted words begin and end with a word or a sign, not a space
            instruction = Instruction(Op.REPLACE, language, path, quoted_old, quoted_new)
            if exact(instruction):
                return instruction
    return None


def _widen_left(text: str) -> Iterator[str]:
    found = tokens(text)
    for count in range(1, min(len(found), 12) + 1):
        anchor = "".join(found[len(found) - count :])
        if anchor == anchor.strip():
            yield anchor


def _widen_right(text: str) -> Iterator[str]:
    found = tokens(text)
    for count in range(1, min(len(found), 12) + 1):
        anchor = "".join(found[:count])
        if anchor == anchor.strip():
            yield anchor


class _Restate(Exception):
    """The unit's structure changed in a way only restating it says."""


class _Writer:
    """The instructions for one article in one language."""

    def __init__(self, language: str, number: LegalNumber) -> None:
        self.language = language
        self.number = number
        self.out: list[Instruction] = []

    def unit(
        self,
        base: ArticleText | Part | Point | Subpoint,
        head: ArticleText | Part | Point | Subpoint,
        path: UnitPath,
        base_text: ArticleText,
        head_text: ArticleText,
    ) -> None:
        """Instructions for one unit present on both sides, or :class:`_Restate`."""
        if isinstance(base, Subpoint) and isinstance(head, Subpoint):
            self._paragraphs(base, head, path)
            return
        assert not isinstance(base, Subpoint) and not isinstance(head, Subpoint)
        children_base = unit_children(base)
        children_head = unit_children(head)
        if len(own_paragraphs(base)) != len(own_paragraphs(head)):
            if children_base or children_head:
                raise _Restate
            self._new_paragraphs(base, head, path)
            return
        if (
            [type(c) for c in children_base[:1]] != [type(c) for c in children_head[:1]]
            and children_base
            and children_head
        ):
            raise _Restate
        base_labels = [_label(c) for c in children_base]
        head_labels = [_label(c) for c in children_head]
        if not set(base_labels) <= set(head_labels) or _order(children_head) != head_labels:
            raise _Restate
        added = [c for c in children_head if _label(c) not in base_labels]
        if added and (isinstance(base, Point)):
            raise _Restate  # a new subpoint: the point is restated
        # The unit's own paragraphs and the children it keeps, word by word.
        self._paragraphs(base, head, path)
        by_label = {_label(c): c for c in children_base}
        adding: Instruction | None = None  # units added together are one instruction
        repealing: Instruction | None = None  # and units repealed together
        for child in children_head:
            label = _label(child)
            child_path = _child_path(path, child)
            if label in by_label and not (
                is_repealed_text(unit_lines(head_text, child), unit_label(child))
                and not is_repealed_text(unit_lines(base_text, by_label[label]), unit_label(by_label[label]))
            ):
                repealing = None
            if label not in by_label:
                lines = tuple(unit_lines(head_text, child))
                if adding is not None and self.out and self.out[-1] is adding:
                    together = adding.added or (added_label(adding),)
                    adding = replace(adding, content=adding.content + lines, added=(*together, label))
                    self.out[-1] = adding
                else:
                    adding = Instruction(Op.ADD, self.language, child_path, content=lines)
                    self.out.append(adding)
                continue
            adding = None
            old = by_label[label]
            if unit_lines(base_text, old) == unit_lines(head_text, child):
                continue
            head_lines = unit_lines(head_text, child)
            if is_repealed_text(head_lines, unit_label(child)):
                if is_repealed_text(unit_lines(base_text, old), unit_label(old)):
                    continue
                if repealing is not None and self.out and self.out[-1] is repealing:
                    together = repealing.added or (added_label(repealing),)
                    repealing = replace(repealing, added=(*together, label))
                    self.out[-1] = repealing
                else:
                    repealing = Instruction(Op.REPEAL, self.language, child_path)
                    self.out.append(repealing)
                continue
            mark = len(self.out)
            try:
                self.unit(old, child, child_path, base_text, head_text)
            except _Restate:
                del self.out[mark:]
                self.out.append(Instruction(Op.RESTATE, self.language, child_path, content=tuple(head_lines)))

    def _new_paragraphs(
        self, base: ArticleText | Part | Point, head: ArticleText | Part | Point, path: UnitPath
    ) -> None:
        """Абзацы added to a unit of paragraphs alone, the others as they were: «дополнить
        абзацем вторым следующего содержания»; anything else restates the unit."""
        old = [p.plain_text for p in own_paragraphs(base)]
        new = [p.plain_text for p in own_paragraphs(head)]
        changes = opcodes(old, new)
        if any(op not in ("equal", "insert") for op, *_ in changes) or path.kind == "article" and not old:
            raise _Restate
        for op, _, _, j1, j2 in changes:
            for ordinal in range(j1 + 1, j2 + 1) if op == "insert" else ():
                where = UnitPath(path.article, path.part, path.point, path.subpoint, ordinal)
                self.out.append(Instruction(Op.ADD, self.language, where, content=(new[ordinal - 1],)))

    def _paragraphs(
        self,
        base: ArticleText | Part | Point | Subpoint,
        head: ArticleText | Part | Point | Subpoint,
        path: UnitPath,
    ) -> None:
        """Word instructions (or абзац restatements and repeals) for the unit's own paragraphs."""
        if isinstance(base, Subpoint) and isinstance(head, Subpoint):
            pairs = [(base.paragraph, head.paragraph)]
        else:
            assert not isinstance(base, Subpoint) and not isinstance(head, Subpoint)
            pairs = list(zip(own_paragraphs(base), own_paragraphs(head), strict=True))
        unit = _Unit([p.plain_text for p in unit_paragraphs(base)])
        positions = [unit_paragraphs(base).index(old) for old, _ in pairs]
        single = len(pairs) == 1 and not (not isinstance(base, Subpoint) and unit_children(base))
        for ordinal, ((old, new), index) in enumerate(zip(pairs, positions, strict=True), start=1):
            if old.plain_text == new.plain_text:
                continue
            abzac = UnitPath(path.article, path.part, path.point, path.subpoint, ordinal)
            if wording.is_repeal_note(new.plain_text) and not single:
                if not wording.is_repeal_note(old.plain_text):
                    self.out.append(Instruction(Op.REPEAL, self.language, abzac))
                unit.texts[index] = new.plain_text
                continue
            words = _word_instructions(unit, index, new.plain_text, path, self.language)
            if words is not None:
                self.out += words
                continue
            if single and path.kind != "article":
                raise _Restate
            self.out.append(Instruction(Op.RESTATE, self.language, abzac, content=(new.plain_text,)))
            unit.texts[index] = new.plain_text


def _label(unit: Part | Point | Subpoint) -> str:
    return unit.label


def _order(children: Sequence[Part | Point | Subpoint]) -> list[str]:
    """The labels in legal order (numbers by their components, letters alphabetically)."""

    def key(unit: Part | Point | Subpoint) -> tuple[object, ...]:
        if isinstance(unit, Subpoint):
            return (unit.label,)
        return unit.number.components if unit.number else (0,)

    return [c.label for c in sorted(children, key=key)]


def _child_path(path: UnitPath, child: Part | Point | Subpoint) -> UnitPath:
    if isinstance(child, Part):
        return UnitPath(path.article, child.number)
    if isinstance(child, Point):
        return UnitPath(path.article, path.part, child.number)
    return UnitPath(path.article, path.part, path.point, child.label)


def amending_law(base: Code, head: Code, unchanged: Mapping[str, str] | None = None) -> AmendingLaw:
    """The instructions that turn ``base`` into ``head``, per language, in legal order.

    ``unchanged`` holds the Markdown of the article files that are the same on both sides and
    were not read (a large text with a small change): they need no instruction, and a term
    replaced throughout must except those that still hold it."""
    unchanged = unchanged or {}
    for code in (base, head):
        if code.stage is not Stage.IN_FORCE:
            raise AmendError(
                msg(
                    "the Code is a draft: an amending law changes a text in force (stage: in-force); "
                    "a draft is compared with `kodeks redline`"
                )
            )
    base_numbers, head_numbers = base.numbering(), head.numbering()
    for article_id, article in base.articles.items():
        if article_id not in head.articles and article_id not in unchanged:
            raise AmendError(
                msg(
                    "article `{id}` ({number}) is removed: in force a number stays; "
                    "repeal it instead (`status: repealed`)",
                    id=article_id,
                    number=str(article.number),
                )
            )
        before, after = base_numbers.articles.get(article_id), head_numbers.articles.get(article_id)
        if before != after:
            raise AmendError(
                msg(
                    "article `{id}` is renumbered ({before} → {after}): numbers are frozen in force; "
                    "a new article takes an inserted number (12-1)",
                    id=article_id,
                    before=str(before),
                    after=str(after),
                )
            )
    chapters_before = {c.id: base_numbers.chapters.get(c.id) for c in base.chapters}
    for chapter in head.chapters:
        if chapter.id not in chapters_before or chapters_before[chapter.id] != head_numbers.chapters.get(chapter.id):
            raise AmendError(
                msg(
                    "chapter `{id}` is new or renumbered: an amending law that adds chapters is not "
                    "written by kodeks yet; write that instruction by hand",
                    id=chapter.id,
                )
            )
    chapter_of: dict[str, Chapter] = {entry.id: chapter for chapter in head.chapters for entry in chapter.articles}
    instructions: list[Instruction] = []
    rewrites: dict[str, Rewrite] = {}
    for language in head.languages:
        rewrite = _throughout(base, head, language, unchanged)
        rewrites[language] = rewrite
        instructions += rewrite.instructions
    for article in head.ordered_articles():
        number = head_numbers.articles.get(article.id, article.number)
        if number is None:
            continue
        old = base.articles.get(article.id)
        per_language: dict[str, list[Instruction]] = {}
        for language in head.languages:
            if old is None:
                joins = chapter_of.get(article.id)
                instructions.append(
                    Instruction(
                        Op.ADD,
                        language,
                        UnitPath(number),
                        content=tuple(article_lines(head, article, language)),
                        chapter=head_numbers.chapters.get(joins.id) if joins else None,
                    )
                )
                continue
            per_language[language] = _article(old, article, number, language, rewrites[language], head)
        if per_language:
            instructions += settled(per_language, head.languages, Restatement(head, article))
    return AmendingLaw(
        dict(head.title),
        tuple(mark_one_language(instructions, head.languages)),
        head.languages,
        dict(head.publication),
    )


@dataclass(frozen=True, slots=True)
class Rewrite:
    """Words replaced throughout one language's text, and the articles excepted."""

    instructions: tuple[Instruction, ...] = ()

    def __call__(self, text: str, article: LegalNumber) -> str:
        for instruction in self.instructions:
            if article not in instruction.excepted:
                text = replace_throughout(text, instruction.old, instruction.new)
        return text


def _article_text(article: Article, language: str) -> list[str]:
    text = article.texts.get(language)
    return [article.title.get(language, "")] + ([p.plain_text for p in text.paragraphs()] if text else [])


def _throughout(base: Code, head: Code, language: str, unchanged: Mapping[str, str]) -> Rewrite:
    """Replacements made in many articles, found as one instruction for the whole text."""
    numbering = dict(head.numbering().articles)
    seen: dict[tuple[str, str], set[str]] = {}
    for article_id, old in base.articles.items():
        new = head.articles.get(article_id)
        if new is None:
            continue
        old_texts, new_texts = _article_text(old, language), _article_text(new, language)
        for before, after in _paired(old_texts, new_texts):
            for pair in _replacements(before, after):
                if all(pair[:2]) and any(c.isalpha() for c in pair[0]):
                    for candidate in _widened(*pair):
                        seen.setdefault(candidate, set()).add(article_id)
    accepted: list[Instruction] = []
    for (old_words, new_words), changed in sorted(
        seen.items(), key=lambda item: (-len(item[1]), len(item[0][0]), item[0])
    ):
        if len(changed) < THROUGHOUT_ARTICLES:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(old_words)}(?!\w)")
        having = [a for a in base.articles if any(pattern.search(t) for t in _article_text(base.articles[a], language))]
        kept = [
            a
            for a in having
            if a in head.articles and any(pattern.search(t) for t in _article_text(head.articles[a], language))
        ]
        # Articles not read hold it if their Markdown does (where it stands only in a link's
        # target, excepting one more article changes nothing).
        for article_id, markdown in unchanged.items():
            if pattern.search(markdown):
                kept.append(article_id)
                number = NUMBER_LINE.search(markdown)
                numbering[article_id] = LegalNumber.parse(number.group(1)) if number else None
        if len(kept) > len(changed):
            continue
        excepted = tuple(sorted(n for a in kept if (n := numbering.get(a)) is not None))
        accepted.append(Instruction(Op.THROUGHOUT, language, None, old_words, new_words, excepted=excepted))
        break  # one term per language; the rest are found unit by unit
    return Rewrite(tuple(accepted))


def _paired(old: list[str], new: list[str]) -> Iterator[tuple[str, str]]:
    """Paragraphs that changed, each with what it became (a paragraph added or lost has no pair)."""
    for op, i1, i2, j1, j2 in opcodes(old, new):
        if op == "replace" and i2 - i1 == j2 - j1:
            yield from zip(old[i1:i2], new[j1:j2], strict=True)


def _replacements(before: str, after: str) -> Iterator[tuple[str, str, str, str]]:
    """The words replaced, with the word before and the word after them: changes separated
    only by spaces count as one («местного самоуправления» → «муниципального управления»)."""
    a, b = tokens(before), tokens(after)
    for i1, i2, j1, j2 in _merged(opcodes(a, b), a):
        left = next((t for t in reversed(a[:i1]) if not t.isspace()), "")
        right = next((t for t in a[i2:] if not t.isspace()), "")
        yield "".join(a[i1:i2]).strip(), "".join(b[j1:j2]).strip(), left, right


def _widened(old: str, new: str, left: str, right: str) -> Iterator[tuple[str, str]]:
    """The replacement, and with the word before or after it: «местного самоуправления» is not
    replaced everywhere, «органов местного самоуправления» may be."""
    yield old, new
    if left.isalpha():
        yield f"{left} {old}", f"{left} {new}"
    if right.isalpha():
        yield f"{old} {right}", f"{new} {right}"


def _article(
    old: Article, new: Article, number: LegalNumber, language: str, rewrite: Rewrite, head: Code
) -> list[Instruction]:
    path = UnitPath(number)
    out: list[Instruction] = []
    old_title = rewrite(old.title.get(language, ""), number)
    if old_title != new.title.get(language, ""):
        out.append(Instruction(Op.RETITLE, language, path, new=new.title.get(language, "")))
    if new.is_repealed and not old.is_repealed:
        return [*out, Instruction(Op.REPEAL, language, path)]
    whole = Instruction(Op.RESTATE, language, path, content=tuple(article_lines(head, new, language)))
    if old.is_repealed and not new.is_repealed:
        return [whole]
    base_text, head_text = old.texts.get(language), new.texts.get(language)
    if base_text is None or head_text is None:
        return out if base_text is head_text else [whole]
    base_text = _rewritten(base_text, lambda text: rewrite(text, number))
    if printed(base_text) == printed(head_text):
        return out
    if [_note_lines(base_text)] != [_note_lines(head_text)]:
        return [whole]
    writer = _Writer(language, number)
    try:
        writer.unit(base_text, head_text, path, base_text, head_text)
    except _Restate:
        return [whole]
    return out + writer.out


def _note_lines(text: ArticleText) -> list[str]:
    return [line.plain_text for line in text.printed() if line.notes is not None]


def _rewritten(text: ArticleText, rewrite: Callable[[str], str]) -> ArticleText:
    """The text with a throughout replacement made in every paragraph (its links kept as words)."""

    def paragraph(p: Paragraph) -> Paragraph:
        value = rewrite(p.plain_text)
        return p if value == p.plain_text else replace(p, inlines=(Text(value),))

    def block(b: Any) -> Any:
        if isinstance(b, Paragraph):
            return paragraph(b)
        if isinstance(b, Subpoint):
            return replace(b, paragraph=paragraph(b.paragraph))
        if isinstance(b, Part):
            return replace(b, content=tuple(block(c) for c in b.content))
        if isinstance(b, Point):
            return replace(b, content=tuple(block(c) for c in b.content))
        if isinstance(b, Notes):
            return replace(b, content=tuple(block(c) for c in b.content))
        if isinstance(b, Note):
            return replace(b, paragraphs=tuple(paragraph(p) for p in b.paragraphs))
        return b

    return replace(text, content=tuple(block(b) for b in text.content))
