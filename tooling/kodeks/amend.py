"""The draft amending law from two revisions of a text in force, and the law applied back.

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
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from . import wording
from .edit.as_markdown import line_markdown, markdown_lines
from .edit.front_matter import scalar_edit, value_edit, yaml_string
from .edit.paragraphs import CannotApply, paragraph_edits
from .edit.structure import insert_entry_edit
from .edit.texts import Texts
from .edit.word_change import carry_out
from .errors import KodeksError
from .instruction import AmendingLaw, Instruction, Op, UnitPath
from .model import (
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
    ReferenceTarget,
    Stage,
    Subpoint,
    TargetKind,
    Text,
)
from .parse import parse_article, parse_structure
from .parse.statute import read_statute
from .references import find_unit, own_paragraphs
from .words import opcodes, tokens

RESTATE_SHARE = 0.5
"""A paragraph is restated, not amended word by word, when more than half of its words change
(counted on the longer of the two texts), or when it would take more than
:data:`MAX_WORD_INSTRUCTIONS` word instructions. Practice says «when most of it changes»; no
written rule was found (../shared/amendments.md)."""
MAX_WORD_INSTRUCTIONS = 3
NEAR_WORDS = 2
"""Changes in one paragraph with at most this many unchanged words between them are one
replacement, as a reader would quote it."""
THROUGHOUT_ARTICLES = 3
"""The same words replaced in at least this many articles become one instruction for the whole
text, the articles that keep them excepted (at most as many as are changed)."""

_UNIT_LINE = re.compile(r"^\s*(\d+(?:-\d+)*[.)]\s+|[а-яё]\)\s+)")
_NUMBER_LINE = re.compile(r"^number:\s*[\"']?(\d+(?:-\d+)*)[\"']?\s*$", re.MULTILINE)


class AmendError(KodeksError):
    """Two revisions no amending law can join (exit 2): a draft, a renumbering in force."""


# --- what the law prints -------------------------------------------------------------------


def printed(
    text: ArticleText, part: Part | None = None, point: Point | None = None, subpoint: Subpoint | None = None
) -> list[str]:
    """The unit's lines as the law prints them, label first: the whole text, or one unit of it."""
    lines = []
    for line in text.printed():
        if part is not None and line.part is not part:
            continue
        if point is not None and line.point is not point:
            continue
        if subpoint is not None and line.subpoint is not subpoint:
            continue
        lines.append(" ".join(filter(None, (line.label, line.plain_text))))
    return lines


def article_lines(code: Code, article: Article, language: str) -> list[str]:
    """An article as the law prints it: its heading, then its text."""
    number = code.numbering().articles.get(article.id, article.number)
    heading = wording.heading(wording.article_label(language, number), article.title.get(language, ""))
    text = article.texts.get(language)
    return [heading, *(printed(text) if text is not None else [])]


def is_repealed_text(lines: Sequence[str], label: str) -> bool:
    """«3. Утратила силу.» / «4) утратил силу;» / «2) Күчүн жоготту.»: a unit repealed in force
    keeps its number, whatever case and punctuation its line keeps."""
    return len(lines) == 1 and wording.is_repeal_note(lines[0].removeprefix(label))


def repealed_wording(language: str, kind: str, was: str = "") -> str:
    """What stands after the number of a repealed part, point or subpoint, or for an абзац: a
    point or subpoint in a list keeps the list's case and sign («4) утратил силу;»), as the
    consolidated texts print it; a part, «3. Утратила силу.»."""
    words = wording.repealed_unit(language, kind)
    if kind in ("point", "subpoint"):
        return words[0].lower() + words[1:] + (was[-1] if was[-1:] in ";." else ".")
    return words + "."


# --- word instructions -------------------------------------------------------------------


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


# --- units compared ------------------------------------------------------------------------


class _Restate(Exception):
    """The unit's structure changed in a way only restating it says."""


def _paragraph_texts(unit: ArticleText | Part | Point | Subpoint) -> list[Paragraph]:
    """Every paragraph of a unit, its children's included, in reading order."""
    if isinstance(unit, Subpoint):
        return [unit.paragraph]
    if isinstance(unit, Point):
        return [b if isinstance(b, Paragraph) else b.paragraph for b in unit.content]
    found: list[Paragraph] = []
    for block in unit.content:
        if isinstance(block, Paragraph):
            found.append(block)
        elif isinstance(block, (Part, Point)):
            found += _paragraph_texts(block)
        else:  # notes: compared as a whole by the article
            continue
    return found


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
        children_base = _children(base)
        children_head = _children(head)
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
                is_repealed_text(_lines_of(head_text, child), _printed_label(child))
                and not is_repealed_text(_lines_of(base_text, by_label[label]), _printed_label(by_label[label]))
            ):
                repealing = None
            if label not in by_label:
                lines = tuple(_lines_of(head_text, child))
                if adding is not None and self.out and self.out[-1] is adding:
                    together = adding.added or (_added_label(adding),)
                    adding = replace(adding, content=adding.content + lines, added=(*together, label))
                    self.out[-1] = adding
                else:
                    adding = Instruction(Op.ADD, self.language, child_path, content=lines)
                    self.out.append(adding)
                continue
            adding = None
            old = by_label[label]
            if _lines_of(base_text, old) == _lines_of(head_text, child):
                continue
            head_lines = _lines_of(head_text, child)
            if is_repealed_text(head_lines, _printed_label(child)):
                if is_repealed_text(_lines_of(base_text, old), _printed_label(old)):
                    continue
                if repealing is not None and self.out and self.out[-1] is repealing:
                    together = repealing.added or (_added_label(repealing),)
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
        unit = _Unit([p.plain_text for p in _paragraph_texts(base)])
        positions = [_paragraph_texts(base).index(old) for old, _ in pairs]
        single = len(pairs) == 1 and not (not isinstance(base, Subpoint) and _children(base))
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


def _sibling(path: UnitPath, label: str) -> UnitPath:
    """The unit ``label`` beside the one ``path`` names (a part, point or subpoint)."""
    if path.kind == "subpoint":
        return replace(path, subpoint=label)
    number = LegalNumber.parse(label)
    if number is None:
        raise ApplyError(f"{_where(path)}: «{label}» is not a number")
    return replace(path, point=number) if path.kind == "point" else replace(path, part=number)


def _added_label(instruction: Instruction) -> str:
    """The number (or letter) of the one unit an ADD instruction adds."""
    path = instruction.path
    assert path is not None
    value = path.subpoint if path.kind == "subpoint" else path.point if path.kind == "point" else path.part
    return str(value)


def _children(unit: ArticleText | Part | Point) -> list[Part | Point | Subpoint]:
    if isinstance(unit, ArticleText):
        return list(unit.parts) or list(unit.points)
    if isinstance(unit, Part):
        return list(unit.points)
    return list(unit.subpoints)


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


def _printed_label(unit: Part | Point | Subpoint) -> str:
    return f"{unit.label}." if isinstance(unit, Part) else f"{unit.label})"


def _lines_of(text: ArticleText, unit: Part | Point | Subpoint) -> list[str]:
    if isinstance(unit, Part):
        return printed(text, part=unit)
    if isinstance(unit, Point):
        return printed(text, point=unit)
    return printed(text, subpoint=unit)


# --- the law ---------------------------------------------------------------------------------


def amending_law(base: Code, head: Code, unchanged: Mapping[str, str] | None = None) -> AmendingLaw:
    """The instructions that turn ``base`` into ``head``, per language, in legal order.

    ``unchanged`` holds the Markdown of the article files that are the same on both sides and
    were not read (a large text with a small change): they need no instruction, and a term
    replaced throughout must except those that still hold it."""
    unchanged = unchanged or {}
    for code in (base, head):
        if code.stage is not Stage.IN_FORCE:
            raise AmendError(
                "the Code is a draft: an amending law changes a text in force (stage: in-force); "
                "a draft is compared with `kodeks redline`"
            )
    base_numbers, head_numbers = base.numbering(), head.numbering()
    for article_id, article in base.articles.items():
        if article_id not in head.articles and article_id not in unchanged:
            raise AmendError(
                f"article `{article_id}` ({article.number}) is removed: in force a number stays; "
                "repeal it instead (`status: repealed`)"
            )
        before, after = base_numbers.articles.get(article_id), head_numbers.articles.get(article_id)
        if before != after:
            raise AmendError(
                f"article `{article_id}` is renumbered ({before} → {after}): numbers are frozen in force; "
                "a new article takes an inserted number (12-1)"
            )
    chapters_before = {c.id: base_numbers.chapters.get(c.id) for c in base.chapters}
    for chapter in head.chapters:
        if chapter.id not in chapters_before or chapters_before[chapter.id] != head_numbers.chapters.get(chapter.id):
            raise AmendError(
                f"chapter `{chapter.id}` is new or renumbered: an amending law that adds chapters is not "
                "written by kodeks yet; write that instruction by hand"
            )
    chapter_of: dict[str, Chapter] = {entry.id: chapter for chapter in head.chapters for entry in chapter.articles}
    instructions: list[Instruction] = []
    rewrites: dict[str, _Rewrite] = {}
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
            instructions += _settled(per_language, head.languages, _Restatement(head, article))
    return AmendingLaw(
        dict(head.title),
        tuple(_mark_one_language(instructions, head.languages)),
        head.languages,
        dict(head.publication),
    )


@dataclass(frozen=True, slots=True)
class _Rewrite:
    """Words replaced throughout one language's text, and the articles excepted."""

    instructions: tuple[Instruction, ...] = ()

    def __call__(self, text: str, article: LegalNumber) -> str:
        for instruction in self.instructions:
            if article not in instruction.excepted:
                text = replace_throughout(text, instruction.old, instruction.new)
        return text


def replace_throughout(text: str, old: str, new: str) -> str:
    """Every occurrence of ``old`` that stands as whole words replaced by ``new``."""
    return re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", lambda _: new, text)


def _article_text(article: Article, language: str) -> list[str]:
    text = article.texts.get(language)
    return [article.title.get(language, "")] + ([p.plain_text for p in text.paragraphs()] if text else [])


def _throughout(base: Code, head: Code, language: str, unchanged: Mapping[str, str]) -> _Rewrite:
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
                number = _NUMBER_LINE.search(markdown)
                numbering[article_id] = LegalNumber.parse(number.group(1)) if number else None
        if len(kept) > len(changed):
            continue
        excepted = tuple(sorted(n for a in kept if (n := numbering.get(a)) is not None))
        accepted.append(Instruction(Op.THROUGHOUT, language, None, old_words, new_words, excepted=excepted))
        break  # one term per language; the rest are found unit by unit
    return _Rewrite(tuple(accepted))


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
    old: Article, new: Article, number: LegalNumber, language: str, rewrite: _Rewrite, head: Code
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


# --- the two texts say the same thing ----------------------------------------------------------

_WORDS = (Op.REPLACE, Op.INSERT_AFTER, Op.INSERT_BEFORE)
_WHOLE = (Op.RESTATE, Op.REPEAL, Op.ADD)
_TITLE = "title"
UnitKey = UnitPath | str


def _unit_key(instruction: Instruction) -> UnitKey:
    """The unit an instruction belongs to: an абзац's unit, a new unit itself, the title."""
    if instruction.op is Op.RETITLE:
        return _TITLE
    path = instruction.path
    assert path is not None
    return UnitPath(path.article, path.part, path.point, path.subpoint)


def _within(key: UnitKey, unit: UnitPath) -> bool:
    """Whether ``key`` is ``unit`` or inside it (an article's title is inside the article)."""
    if isinstance(key, str):
        return unit.kind == "article"
    names = (unit.part, unit.point, unit.subpoint)
    theirs = (key.part, key.point, key.subpoint)
    return all(mine is None or mine == other for mine, other in zip(names, theirs, strict=True))


def _depth(key: UnitKey) -> int:
    return -1 if isinstance(key, str) else ("article", "part", "point", "subpoint").index(key.kind)


def _legal_order(key: UnitKey) -> tuple[object, ...]:
    if isinstance(key, str):
        return (0,)
    return (
        1,
        key.part.components if key.part else (),
        key.point.components if key.point else (),
        key.subpoint or "",
    )


def _same(first: list[Instruction], second: list[Instruction]) -> bool:
    """One unit's instructions name the same units by the same operations (words added and
    words replaced are both said as a replacement)."""
    return len(first) == len(second) and all(
        a.path == b.path and a.added == b.added and (a.op is b.op or (a.op in _WORDS and b.op in _WORDS))
        for a, b in zip(first, second, strict=True)
    )


def as_replacement(instruction: Instruction) -> Instruction:
    """Words added, said as the words they go after (or before) replaced: the same change."""
    if instruction.op is Op.INSERT_AFTER:
        joint = "" if instruction.new[:1] in ",.;:)" else " "
        return replace(instruction, op=Op.REPLACE, new=instruction.old + joint + instruction.new)
    if instruction.op is Op.INSERT_BEFORE:
        return replace(instruction, op=Op.REPLACE, new=instruction.new + " " + instruction.old)
    return instruction


class _Restatement:
    """A unit of one article restated (or repealed) in one language, as the head has it."""

    def __init__(self, head: Code, article: Article) -> None:
        self.head, self.article = head, article

    def __call__(self, language: str, unit: UnitPath) -> Instruction:
        if unit.kind == "article":
            return Instruction(
                Op.RESTATE, language, unit, content=tuple(article_lines(self.head, self.article, language))
            )
        text = self.article.texts[language]
        target = ReferenceTarget(TargetKind.ARTICLE, self.article.id, unit.part, unit.point, unit.subpoint)
        found = find_unit(text, target)
        assert isinstance(found, (Part, Point, Subpoint))
        lines = _lines_of(text, found)
        if is_repealed_text(lines, _printed_label(found)):
            return Instruction(Op.REPEAL, language, unit)
        return Instruction(Op.RESTATE, language, unit, content=tuple(lines))


def _settled(
    per_language: dict[str, list[Instruction]],
    languages: Sequence[str],
    restate: Callable[[str, UnitPath], Instruction],
) -> list[Instruction]:
    """One article's instructions in every language, unit by unit in legal order, so that item
    N, sub-item x names the same unit and the same operation in each version of the law.

    Where the languages change a unit in ways no common instructions say (two replacements in
    one, one in the other; a unit restated in one and amended word by word in the other), the
    unit is restated in each language that changes it: the smallest such unit, deepest first.
    """
    lists = {language: list(items) for language, items in per_language.items()}
    settled: set[UnitKey] = set()
    while True:
        conflict = _conflict(lists, settled)
        if conflict is None:
            break
        settled.add(conflict)
        for language, items in lists.items():
            if any(_within(_unit_key(i), conflict) for i in items):
                kept = [i for i in items if not _within(_unit_key(i), conflict)]
                lists[language] = [*kept, restate(language, conflict)]
    groups = {language: _grouped(items) for language, items in lists.items()}
    keys = sorted({key for found in groups.values() for key in found}, key=_legal_order)
    out: list[Instruction] = []
    for key in keys:
        having = {language: found[key] for language, found in groups.items() if key in found}
        paired = len(having) == len(languages) and all(
            _same(items, next(iter(having.values()))) for items in having.values()
        )
        if paired:
            converted = [
                any(items[i].op is not next(iter(having.values()))[i].op for items in having.values())
                for i in range(len(next(iter(having.values()))))
            ]
            for i, convert in enumerate(converted):
                for language in languages:
                    instruction = having[language][i]
                    out.append(as_replacement(instruction) if convert else instruction)
            continue
        for language in languages:
            out += [replace(i, only=len(languages) > 1) for i in having.get(language, ())]
    return out


def _grouped(items: list[Instruction]) -> dict[UnitKey, list[Instruction]]:
    found: dict[UnitKey, list[Instruction]] = {}
    for instruction in items:
        found.setdefault(_unit_key(instruction), []).append(instruction)
    return found


def _conflict(lists: Mapping[str, list[Instruction]], settled: set[UnitKey]) -> UnitPath | None:
    """The deepest unit the languages change in ways no common instructions say."""
    groups = {language: _grouped(items) for language, items in lists.items()}
    keys = {key for found in groups.values() for key in found if not isinstance(key, str)}
    units: set[UnitPath] = set()
    for key in keys:  # every unit that holds a change, and the units around it
        units |= {
            UnitPath(key.article),
            UnitPath(key.article, key.part) if key.part else UnitPath(key.article),
            UnitPath(key.article, key.part, key.point) if key.point else UnitPath(key.article, key.part),
            key,
        }
    for unit in sorted(units, key=_depth, reverse=True):
        if unit in settled:
            continue
        own = {language: found[unit] for language, found in groups.items() if unit in found}
        if len(own) > 1 and not all(_same(items, next(iter(own.values()))) for items in own.values()):
            return unit
        whole = [language for language, items in own.items() if any(i.op in _WHOLE and i.path == unit for i in items)]
        deeper = [
            language for language, found in groups.items() if any(key != unit and _within(key, unit) for key in found)
        ]
        if whole and any(language not in whole for language in deeper):
            return unit
    return None


def _mark_one_language(instructions: list[Instruction], languages: Sequence[str]) -> Iterator[Instruction]:
    """Each instruction, marked ``only`` where the other language's text has no counterpart."""

    keys = Counter((i.op, i.path, i.language) for i in instructions)
    for instruction in instructions:
        others = [lang for lang in languages if lang != instruction.language]
        paired = any(keys[(instruction.op, instruction.path, lang)] for lang in others)
        yield instruction if paired or not others else replace(instruction, only=True)


# --- the law applied -----------------------------------------------------------------------


class ApplyError(KodeksError):
    """An instruction that cannot be carried out on the text it meets (exit 1): nothing is written."""

    exit_code = 1


_LEVELS = (Part, Point, Subpoint)


def apply_law(
    versions: dict[str, list[Instruction]],
    files: dict[str, str],
    code: Code,
    paths: Mapping[LegalNumber, str] | None = None,
) -> dict[str, str]:
    """The Code's files with every instruction carried out, in order; the changed files only.

    With both versions of the law given, an instruction that names the other language's text
    («в тексте на государственном языке») is carried out once, from that language's version."""
    state = _State(dict(files), code, paths)
    both = len(versions) > 1
    problems: list[str] = []
    for version, instructions in versions.items():
        for number, instruction in enumerate(instructions, start=1):
            if both and instruction.language != version:
                continue
            try:
                state.carry_out(instruction)
            except ApplyError as error:
                problems.append(f"{version}, instruction {number}: {error}")
    if problems:
        raise ApplyError("the amending law cannot be applied; nothing was written:\n" + "\n".join(problems))
    return {path: text for path, text in state.files.items() if files.get(path) != text}


class _State:
    """The files as the instructions change them; an article is read again after each change."""

    def __init__(self, files: dict[str, str], code: Code, paths: Mapping[LegalNumber, str] | None) -> None:
        self.files = files
        self.code = code
        known = {a.number: a.path for a in code.articles.values() if a.number is not None}
        self.paths = dict(paths) if paths is not None else known
        self._parsed: dict[str, tuple[str, Article]] = {}
        self._added: set[str] = set()
        """Files of articles this law adds: the other language's version fills them in."""

    def article(self, number: LegalNumber) -> Article:

        path = self.paths.get(number)
        if path is None:
            raise ApplyError(f"the text has no article {number}")
        text = self.files[path]
        cached = self._parsed.get(path)
        if cached is None or cached[0] != text:
            article, _ = parse_article(path, text, self.code.languages)
            if article is None:
                raise ApplyError(f"{path} cannot be read")
            cached = (text, article)
            self._parsed[path] = cached
        return cached[1]

    def edit(self, path: str, edits: Sequence[Any]) -> None:

        self.files.update(Texts({path: self.files[path]}).apply(edits))

    def carry_out(self, instruction: Instruction) -> None:
        if instruction.op is Op.THROUGHOUT:
            self._throughout(instruction)
            return
        path = instruction.path
        assert path is not None
        if instruction.op is Op.ADD and path.kind == "article":
            self._add_article(instruction)
            return
        article = self.article(path.article)
        language = instruction.language
        if instruction.op is Op.RETITLE:
            self._title(article, language, instruction.new)
            return
        if path.kind == "article" and instruction.op is Op.REPEAL:
            self._repeal_article(article)
            return
        text = article.texts.get(language)
        if text is None:
            raise ApplyError(f"article {path.article} has no {language} text")
        if path.kind == "article" and instruction.op is Op.RESTATE:
            self._restate_article(article, text, instruction)
            return
        if instruction.op is Op.ADD and path.kind == "paragraph":
            self._add_paragraph(article, text, instruction)
            return
        if instruction.op is Op.ADD:
            self._add_unit(article, text, instruction)
            return
        if instruction.op is Op.REPEAL and instruction.added:  # «пункты 1 и 2 … признать утратившими силу»
            for label in instruction.added:
                self.carry_out(replace(instruction, path=_sibling(path, label), added=()))
            return
        unit = self._unit(article, text, path)
        if instruction.op in (Op.REPLACE, Op.DELETE, Op.INSERT_AFTER, Op.INSERT_BEFORE):
            self._words(article, unit, instruction)
        elif instruction.op is Op.REPEAL and isinstance(unit, Paragraph):
            self._paragraph(article, unit, repealed_wording(language, "paragraph", unit.plain_text), instruction)
        elif instruction.op is Op.REPEAL:
            label = f"{unit.label}." if isinstance(unit, Part) else f"{unit.label})"
            last = _paragraph_texts(unit)[-1].plain_text
            self._replace_unit(article, text, unit, [f"{label} {repealed_wording(language, path.kind, last)}"])
        elif instruction.op is Op.RESTATE:
            self._restate(article, text, unit, instruction)

    # -- units ------------------------------------------------------------------------------

    def _unit(self, article: Article, text: ArticleText, path: UnitPath) -> Any:

        target = ReferenceTarget(TargetKind.ARTICLE, article.id, path.part, path.point, path.subpoint, path.paragraph)
        found = find_unit(text, target)
        if isinstance(found, str):
            raise ApplyError(f"{_where(path)}: the text has no {found}")
        return found

    def _words(self, article: Article, unit: Any, instruction: Instruction) -> None:

        paragraphs = [unit] if isinstance(unit, Paragraph) else _paragraph_texts(unit)
        holding = [p for p in paragraphs if instruction.old in p.plain_text]
        count = sum(p.plain_text.count(instruction.old) for p in holding)
        assert instruction.path is not None
        if wording.is_mark(instruction.old):  # the unit's last sign
            holding, count = paragraphs[-1:], int(paragraphs[-1].plain_text.endswith(instruction.old))
            if count != 1:
                where = _where(instruction.path)
                raise ApplyError(f"{where}: the unit does not end with «{instruction.old}»")
        if count != 1:
            where = _where(instruction.path)
            raise ApplyError(f"{where}: the words «{instruction.old}» occur {count} times, not once")
        new_text = carry_out(holding[0].plain_text, instruction)
        assert new_text is not None

        texts = Texts({article.path: self.files[article.path]})
        try:
            self.edit(article.path, paragraph_edits(texts, holding[0], new_text))
        except CannotApply as error:
            raise ApplyError(f"{_where(instruction.path)}: {error}") from None

    def _restate(self, article: Article, text: ArticleText, unit: Any, instruction: Instruction) -> None:
        content = list(instruction.content)
        if isinstance(unit, Paragraph) and len(content) == 1:
            self._paragraph(article, unit, content[0], instruction)
            return
        if isinstance(unit, _LEVELS) and len(content) == 1 and len(_paragraph_texts(unit)) == 1:
            label = f"{unit.label}." if isinstance(unit, Part) else f"{unit.label})"
            if content[0].startswith(label + " "):
                self._paragraph(article, _paragraph_texts(unit)[0], content[0][len(label) + 1 :], instruction)
                return
        self._replace_unit(article, text, unit, content)

    def _paragraph(self, article: Article, paragraph: Paragraph, new_text: str, instruction: Instruction) -> None:

        if paragraph.plain_text == new_text:
            return
        texts = Texts({article.path: self.files[article.path]})
        try:
            self.edit(article.path, paragraph_edits(texts, paragraph, new_text))
        except CannotApply as error:
            assert instruction.path is not None
            raise ApplyError(f"{_where(instruction.path)}: {error}") from None

    def _replace_unit(self, article: Article, text: ArticleText, unit: Any, content: list[str]) -> None:
        source = self.files[article.path]
        start, end = _span(source, text, unit)
        self._replace_lines(article.path, start, end, _markdown(content, text.language), _indent_of(source, start))

    def _replace_lines(self, path: str, start: int, end: int, lines: list[str], indent: int) -> None:
        """Lines ``start`` (1-based, included) to ``end`` (excluded) replaced by ``lines``."""
        source = self.files[path].split("\n")
        new = [(" " * indent + line) if line else "" for line in lines]
        while new and not new[-1]:
            new.pop()
        while end - 1 > start and not source[end - 2].strip():
            end -= 1  # keep the blank lines after the unit
        self.files[path] = "\n".join(source[: start - 1] + new + source[end - 1 :])

    def _add_unit(self, article: Article, text: ArticleText, instruction: Instruction) -> None:
        path = instruction.path
        assert path is not None
        parent_path = UnitPath(
            path.article, path.part if path.kind != "part" else None, path.point if path.kind == "subpoint" else None
        )
        parent = text if parent_path.kind == "article" else self._unit(article, text, parent_path)
        siblings = _children(parent)
        new_number = path.part if path.kind == "part" else path.point
        before = [
            s
            for s in siblings
            if not isinstance(s, Subpoint) and s.number is not None and new_number is not None and s.number < new_number
        ]
        if any(not isinstance(s, Subpoint) and s.number == new_number for s in siblings):
            raise ApplyError(f"{_where(path)}: the unit already exists")
        source = self.files[article.path]
        if before:
            _, end = _span(source, text, before[-1])
            indent = _indent_of(source, before[-1].location.line)
        elif siblings:
            end = siblings[0].location.line
            indent = _indent_of(source, end)
        else:
            raise ApplyError(f"{_where(path)}: no unit to add it after")
        lines = source.split("\n")
        while end - 1 > 1 and not lines[end - 2].strip():
            end -= 1
        block = [
            "",
            *[(" " * indent + line) if line else "" for line in _markdown(list(instruction.content), text.language)],
        ]
        while block and not block[-1]:
            block.pop()
        self.files[article.path] = "\n".join(lines[: end - 1] + block + [""] + lines[end - 1 :]).replace(
            "\n\n\n", "\n\n"
        )

    def _add_paragraph(self, article: Article, text: ArticleText, instruction: Instruction) -> None:
        """A new абзац of a unit of paragraphs, after the one before it."""
        path = instruction.path
        assert path is not None and path.paragraph is not None
        parent = UnitPath(path.article, path.part, path.point, path.subpoint)
        unit = text if parent.kind == "article" else self._unit(article, text, parent)
        if isinstance(unit, Subpoint) or _children(unit):
            raise ApplyError(f"{_where(path)}: an абзац is added only to a unit of paragraphs")
        paragraphs = own_paragraphs(unit)
        if not 1 < path.paragraph <= len(paragraphs) + 1:
            raise ApplyError(f"{_where(path)}: the unit has {len(paragraphs)} абзацы")
        lines = self.files[article.path].split("\n")
        previous = paragraphs[path.paragraph - 2]
        start = previous.location.line - 1
        end = start + 1
        while end < len(lines) and lines[end].strip() and not _UNIT_LINE.match(lines[end]):
            end += 1
        first = lines[start]
        indent = len(first) - len(first.lstrip(" "))
        opening = _UNIT_LINE.match(first)
        if opening and previous is paragraphs[0] and not isinstance(unit, ArticleText):
            indent += len(opening.group(1))  # the part's first paragraph stands on its number's line
        new = " " * indent + line_markdown(instruction.content[0])
        self.files[article.path] = "\n".join(lines[:end] + ["", new] + lines[end:])

    # -- articles ---------------------------------------------------------------------------

    def _title(self, article: Article, language: str, title: str) -> None:

        location = article.key_locations.get(f"title.{language}")
        edit = scalar_edit(Texts({article.path: self.files[article.path]}), location, title) if location else None
        if edit is None:
            raise ApplyError(f"article {article.number}: its {language} title cannot be found in the front matter")
        self.edit(article.path, [edit])

    def _restate_article(self, article: Article, text: ArticleText, instruction: Instruction) -> None:
        content = list(instruction.content)
        heading = content[0] if content else ""
        label = wording.article_label(text.language, article.number)
        if not heading.startswith(label):
            raise ApplyError(f"article {article.number}: the new text does not open with «{label}. …»")
        title = heading[len(label) :].lstrip(".").strip()
        if title != article.title.get(text.language, ""):
            self._title(article, text.language, title)
            article = self.article(article.number)  # type: ignore[arg-type]
            text = article.texts[text.language]
        self._replace_section(article.path, text.language, _markdown(content[1:], text.language))

    def _replace_section(self, path: str, language: str, body: list[str]) -> None:
        lines = self.files[path].split("\n")
        start = next((i for i, line in enumerate(lines) if line.strip() == f"## {language}"), None)
        if start is None:
            raise ApplyError(f"{path}: no «## {language}» section")
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        new = ["", *body]
        while new and not new[-1]:
            new.pop()
        tail = lines[end:]
        self.files[path] = "\n".join(lines[: start + 1] + new + ([""] + tail if tail else [""]))

    def _repeal_article(self, article: Article) -> None:

        if article.is_repealed:
            return
        location = article.key_locations.get("status")
        edit = value_edit(Texts({article.path: self.files[article.path]}), location, "repealed") if location else None
        if edit is None:
            raise ApplyError(f"article {article.number}: `status:` cannot be found in its front matter")
        self.edit(article.path, [edit])
        for language in self.code.languages:
            if f"## {language}" in self.files[article.path]:
                self._replace_section(article.path, language, [])

    def _add_article(self, instruction: Instruction) -> None:

        path = instruction.path
        assert path is not None
        language = instruction.language
        content = list(instruction.content)
        label = wording.article_label(language, path.article)
        if not content or not content[0].startswith(label):
            raise ApplyError(f"article {path.article}: the new text does not open with «{label}. …»")
        title = content[0][len(label) :].lstrip(".").strip()
        body = _markdown(content[1:], language)
        existing = self.paths.get(path.article)
        if existing is not None and existing in self._added:
            if f"## {language}" in self.files[existing]:
                raise ApplyError(f"article {path.article} is added twice in {language}")
            section = f"\n\n## {language}\n\n" + "\n".join(body).rstrip("\n") + "\n"
            self.files[existing] = self.files[existing].rstrip("\n") + section
            self._set_title_language(existing, language, title)
            return
        if existing is not None:
            raise ApplyError(f"article {path.article} already exists")
        folder = self.code.path.rpartition("/")[0] + "/articles"
        article_id = f"article-{path.article}"
        while f"{folder}/{article_id}.md" in self.files:
            article_id += "-new"
        file_path = f"{folder}/{article_id}.md"
        number = yaml_string(str(path.article)) if path.article.is_insertion else str(path.article)
        self.files[file_path] = (
            f"---\nid: {article_id}\nnumber: {number}\ntitle:\n  {language}: {yaml_string(title)}\nstatus: agreed\n---\n\n"
            f"## {language}\n\n" + "\n".join(body).rstrip("\n") + "\n"
        )
        self.paths[path.article] = file_path
        self._added.add(file_path)
        structure, _ = parse_structure(self.code.path, self.files[self.code.path], act=self.code.enactment is not None)
        if structure is None:
            raise ApplyError(f"{self.code.path} cannot be read")
        chapter = next(
            (
                c
                for c in structure.chapters
                if instruction.chapter is None or structure.numbering().chapters.get(c.id) == instruction.chapter
            ),
            None,
        )
        if chapter is None:
            raise ApplyError(f"the text has no chapter {instruction.chapter}")
        previous = [
            entry.id for entry in chapter.articles if (n := self._number_of(entry.id)) is not None and n < path.article
        ]
        texts = Texts({self.code.path: self.files[self.code.path]})
        edit = insert_entry_edit(structure, texts, article_id, chapter.id, previous[-1] if previous else None)
        self.edit(self.code.path, [edit])

    def _number_of(self, article_id: str) -> LegalNumber | None:
        for number, path in self.paths.items():
            if path.rpartition("/")[2].removesuffix(".md") == article_id:
                return number
        return None

    def _set_title_language(self, path: str, language: str, title: str) -> None:

        lines = self.files[path].split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith("title:"))
        lines.insert(index + 1, f"  {language}: {yaml_string(title)}")
        self.files[path] = "\n".join(lines)

    def _throughout(self, instruction: Instruction) -> None:

        language = instruction.language
        pattern = re.compile(rf"(?<!\w){re.escape(instruction.old)}(?!\w)")
        for number in sorted(self.paths):
            if number in instruction.excepted or instruction.old not in self.files[self.paths[number]]:
                continue
            article = self.article(number)
            title = article.title.get(language, "")
            if pattern.search(title):
                self._title(article, language, replace_throughout(title, instruction.old, instruction.new))
                article = self.article(number)
            text = article.texts.get(language)
            if text is None:
                continue
            texts = Texts({article.path: self.files[article.path]})
            edits = []
            for paragraph in text.paragraphs():
                if pattern.search(paragraph.plain_text):
                    try:
                        edits += paragraph_edits(
                            texts, paragraph, replace_throughout(paragraph.plain_text, instruction.old, instruction.new)
                        )
                    except CannotApply as error:
                        raise ApplyError(f"article {number}: {error}") from None
            if edits:
                self.edit(article.path, edits)


def _where(path: UnitPath) -> str:
    return wording.unit_place("ru", path.article, _target(path))


def _target(path: UnitPath) -> Any:

    return ReferenceTarget(TargetKind.ARTICLE, "", path.part, path.point, path.subpoint, path.paragraph)


def _markdown(content: list[str], language: str) -> list[str]:
    """A unit's lines as the law prints them, as kodeks writes them in Markdown."""

    if not content:
        return []
    heading = "Статья 1. Х" if language == "ru" else "1-берене. Х"
    statute = read_statute("amendment", heading + "\n" + "\n".join(content), language)
    articles = statute.articles
    if statute.problems or not articles:
        raise ApplyError("the new text cannot be read as units: " + "; ".join(p.message for p in statute.problems[:3]))
    return markdown_lines(articles[0].blocks, lambda block: line_markdown(block.text))


def _indent_of(source: str, line: int) -> int:
    text = source.split("\n")[line - 1]
    return len(text) - len(text.lstrip(" "))


def _span(source: str, text: ArticleText, unit: Any) -> tuple[int, int]:
    """The lines a unit is written on: from its first line to the next unit that is not inside
    it (or the end of its language's section)."""
    entries: list[tuple[int, int, object]] = []

    def walk(blocks: Sequence[Any], level: int) -> None:
        for block in blocks:
            entries.append((block.location.line, level, block))
            if isinstance(block, (Part, Point)):
                walk(block.content, level + 1)
            elif isinstance(block, Subpoint):
                continue

    walk(text.content, 1)
    lines = source.split("\n")
    section_end = next(
        (i + 1 for i in range(text.location.line, len(lines)) if lines[i].startswith("## ")), len(lines) + 1
    )
    for index, (line, level, block) in enumerate(entries):
        if block is unit:
            end = next((entry[0] for entry in entries[index + 1 :] if entry[1] <= level), section_end)
            return line, end
    raise ApplyError("the unit's place in its file cannot be found")


def article_paths(files: Mapping[str, str], folder: str) -> dict[LegalNumber, str]:
    """The article files of a text in force by their numbers, read off their front matter
    without parsing them (a law that touches a few articles reads only those)."""
    found = {}
    for path, text in files.items():
        if path.startswith(folder + "/") and path.endswith(".md") and path.count("/") == folder.count("/") + 1:
            match = _NUMBER_LINE.search(text.split("\n---", 1)[0])
            number = LegalNumber.parse(match.group(1)) if match else None
            if number is not None:
                found[number] = path
    return found
