"""A reviewer's Word copy read back into the Code: comments and proposed wordings placed on the
units they are about, as register entries, and the proposals as edits of the Markdown.

Every paragraph kodeks writes into a Word document carries a hidden bookmark named after its
unit's key (``marks.bookmark_name``); hashing the keys of the revision the document was
built from finds each paragraph's unit again. Three things come back:

- a comment: an entry on the unit of the paragraph its range starts in (a heading: the article);
- tracked changes in a paragraph: an entry proposing the paragraph's new wording;
- text changed without tracking: found by comparing the paragraph, changes rejected, with the
  text of that revision, and proposed the same way.

kodeks's own tracked changes (a redline's, carrying the head commit's author and date) are read
as accepted: they are the text the reviewer was shown. Whatever cannot be placed is listed with
the words around it, never dropped.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from . import characters, wording
from .diagnostics import Diagnostic
from .edit.front_matter import scalar_edit
from .edit.paragraphs import CannotApply, paragraph_edits
from .edit.texts import Edit, Texts
from .errors import KodeksError
from .marks import UNDATED, bookmark_name, heading_key, heading_of, marked_lines, units_in_order
from .messages import Message, msg, plural
from .model import Article, Code, Numbering, Paragraph, ReferenceTarget, Section, TargetKind
from .review_table import unit_place
from .snapshot import REVIEWS_DIR, Revision, Snapshot
from .store.reviewed import Change, Piece, ReviewedDocument, ReviewedParagraph
from .words import opcodes, words

if TYPE_CHECKING:
    from .parse.cache import ParseCache


class ReviewError(KodeksError):
    """A reviewer's copy that cannot be read into this Code (exit 2: the command was given it)."""


@dataclass(frozen=True, slots=True)
class Mark:
    """What kodeks wrote in a marked paragraph."""

    article: Article | None
    """None for the heading of a section or chapter."""
    language: str
    unit: ReferenceTarget
    key: str
    label: str
    """«2.», «1)», «а)» or empty; a heading's is its «Статья 12.»."""
    paragraph: Paragraph | None
    """The paragraph's text in the model; None for a heading or a number standing alone."""
    expected: str
    """The whole paragraph as printed: label and text."""
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Found:
    """A comment or a proposal, placed on its unit: the makings of a register entry."""

    author: str
    date: str
    unit: ReferenceTarget
    place: str
    language: str
    via: str
    comment: str | None = None
    quote: str | None = None
    proposal: str | None = None
    mark: Mark | None = None
    """For a proposal: the paragraph it rewords."""
    not_applicable: Message | None = None
    """Why ``--apply`` cannot carry it out (a new paragraph, a renumbered unit, a title)."""
    organisation: str | None = None


@dataclass(frozen=True, slots=True)
class Unplaced:
    what: Message
    context: str
    """The page text around it."""


@dataclass(slots=True)
class ReviewReading:
    found: list[Found] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)


def marks_of(code: Code) -> dict[str, Mark]:
    """Every paragraph key of the Code, headings included, by bookmark name."""
    marks: dict[str, Mark] = {}
    numbering = code.numbering()
    for unit in units_in_order(code):
        if isinstance(unit, Article):
            marks.update(_article_marks(code, unit, numbering))
            continue
        kind = TargetKind.SECTION if isinstance(unit, Section) else TargetKind.CHAPTER
        for language in code.languages:
            key = heading_key(language, unit)
            text = heading_of(numbering, unit, language)
            marks[bookmark_name(key)] = Mark(None, language, ReferenceTarget(kind, unit.id), key, "", None, text, True)
    return marks


def _article_marks(code: Code, article: Article, numbering: Numbering) -> dict[str, Mark]:
    marks: dict[str, Mark] = {}
    whole = ReferenceTarget(TargetKind.ARTICLE, article.id)
    number = numbering.articles.get(article.id, article.number)
    for language in code.languages:
        label = wording.article_label(language, number)
        key = heading_key(language, article)
        heading = heading_of(numbering, article, language)
        marks[bookmark_name(key)] = Mark(article, language, whole, key, label, None, heading, heading=True)
        marks[bookmark_name("t-" + key)] = Mark(article, language, whole, "t-" + key, label, None, "", heading=True)
        text = article.texts.get(language)
        if text is None:
            continue
        for marked in marked_lines(language, article.id, text):
            line = marked.line
            printed = " ".join(filter(None, (line.label, line.plain_text)))
            marks[bookmark_name(marked.key)] = Mark(
                article, language, marked.unit, marked.key, line.label, line.paragraph, printed
            )
    return marks


def code_sent(
    root: Path, file: Path, document: ReviewedDocument, working: Code, cache: ParseCache
) -> tuple[Snapshot | None, Code]:
    """The Code as it was when the reviewer's copy was built: the revision the document names
    (its unchanged files answered from ``cache``), or the working tree's if it names none."""
    from .errors import RevisionError
    from .load import load_code
    from .store.git import read_revision

    if not document.revision:
        return None, working
    if not re.fullmatch(r"[0-9a-f]{40}", document.revision):
        raise ReviewError(
            msg(
                "{file}: its kodeks-revision property is not a commit id; was the file built by kodeks?", file=str(file)
            )
        )
    try:
        snapshot = read_revision(root, document.revision)
    except RevisionError as error:
        raise ReviewError(
            msg(
                "{file} was built from revision {revision}, which this repository does not have "
                "({error}): fetch it, or the file belongs to another Code",
                file=str(file),
                revision=document.revision[:12],
                error=error.message,
            )
        ) from None
    sent = load_code(snapshot, cache).code
    if sent is None:
        raise ReviewError(msg("the Code of revision {revision} cannot be read", revision=document.revision[:12]))
    return snapshot, sent


def kodeks_signature(revision: Revision | None) -> Change:
    """The author and date kodeks gives its own tracked changes in a redline of ``revision``."""
    when = revision.committed if revision else UNDATED
    return Change(revision.author if revision else "kodeks", when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def _flat(text: str) -> str:
    return " ".join(text.split())


def read_review(document: ReviewedDocument, code: Code, ours: Change, author: str | None = None) -> ReviewReading:
    """Place every comment and every change of the reviewer's copy on the units of ``code`` (the
    Code at the revision the document was built from)."""
    marks = marks_of(code)
    reading = ReviewReading()
    numbering = code.numbering()

    def theirs(change: Change | None) -> bool:
        return change is not None and (change.author, change.date) != (ours.author, ours.date)

    def as_sent(piece: Piece) -> bool:  # the text the reviewer was given
        return not (theirs(piece.inserted) or (piece.deleted is not None and not theirs(piece.deleted)))

    def as_proposed(piece: Piece) -> bool:  # the reviewer's changes made, kodeks's accepted
        return piece.deleted is None

    def place(mark: Mark) -> str:
        return unit_place(numbering, mark.unit, mark.language)

    paragraphs = document.paragraphs
    if not any(any(name in marks for name in p.marks) for p in paragraphs):
        raise ReviewError(
            msg(
                "not a document kodeks built from this Code: none of its paragraphs carries the hidden bookmark "
                "of a unit (was the text copied into another document? send back the file kodeks built)"
            )
        )
    suspect = _suspect_marks(paragraphs, marks)

    def own_mark(paragraph: ReviewedParagraph) -> Mark | None:
        return next((marks[name] for name in paragraph.marks if name in marks and name not in suspect), None)

    context: dict[int, Mark | None] = {}
    current: Mark | None = None
    for paragraph in paragraphs:
        own = own_mark(paragraph)
        if own is not None:
            current = own
        context[paragraph.index] = own if own is not None else (_article_of(current) if current else None)

    for comment in document.comments:
        mark = context.get(comment.paragraph) if comment.paragraph is not None else None
        if mark is None:
            where = comment.paragraph if comment.paragraph is not None else 0
            reading.unplaced.append(
                Unplaced(
                    msg("comment by {author}: «{text}»", author=comment.author or "?", text=comment.text),
                    _around(paragraphs, where),
                )
            )
            continue
        reading.found.append(
            Found(
                comment.author or author or "",
                comment.date.isoformat() if comment.date else "",
                mark.unit,
                place(mark),
                mark.language,
                "comment",
                comment=comment.text,
                quote=comment.quote or None,
            )
        )

    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        joined = [paragraph]
        while joined[-1].mark_inserted is not None and theirs(joined[-1].mark_inserted) and index + 1 < len(paragraphs):
            index += 1
            joined.append(paragraphs[index])
        index += 1
        if len(joined) == 1 and paragraph.untouched:  # most paragraphs: one reading of the text
            sent = proposed = paragraph.text(as_sent)
            changes = []
        else:
            sent = "".join(p.text(as_sent) for p in joined)
            proposed = "\n".join(p.text(as_proposed) for p in joined)
            changes = [
                c
                for p in joined
                for c in [*(x for piece in p.pieces for x in (piece.inserted, piece.deleted)), p.mark_deleted]
                if c is not None and theirs(c)
            ]
        mark = next((m for p in joined if (m := own_mark(p)) is not None), None)
        suspected = next((name for p in joined for name in p.marks if name in suspect), None)
        if mark is None and suspected is not None:
            if changes or _flat(sent) != _flat(marks[suspected].expected):
                reading.unplaced.append(
                    Unplaced(
                        msg(
                            "a change in a paragraph whose hidden mark {why}, so its unit is not known: «{text}»",
                            why=suspect[suspected],
                            text=_flat(proposed),
                        ),
                        _around(paragraphs, paragraph.index),
                    )
                )
            continue
        if mark is None or mark.key.startswith("t-"):
            if changes:
                reading.unplaced.append(
                    Unplaced(
                        msg(
                            "a change by {author} outside the text of an article: «{text}»",
                            author=changes[0].author or "?",
                            text=_flat(proposed),
                        ),
                        _around(paragraphs, paragraph.index),
                    )
                )
            continue
        untracked = _flat(sent) != _flat(mark.expected)
        if not changes and not untracked:
            continue
        if _flat(proposed) == _flat(mark.expected):
            continue
        who = changes[0] if changes else None
        found = Found(
            (who.author if who else "") or author or document.last_modified_by or "",
            who.day.isoformat() if who and who.day else "",
            mark.unit,
            place(mark),
            mark.language,
            "tracked" if changes else "untracked",
            proposal=_without_label(mark, proposed),
            mark=mark,
            not_applicable=_not_its_text(mark, sent, bool(changes)) or _not_applicable(mark, proposed, joined),
        )
        reading.found.append(found)
    return reading


def _suspect_marks(paragraphs: Sequence[ReviewedParagraph], marks: dict[str, Mark]) -> dict[str, Message]:
    """The hidden marks that cannot be believed, with why: a mark is a hint, not proof (a
    reviewer's file can carry a copy of another unit's mark). One found in two paragraphs, or
    out of the Code's order among the marks of its language (not in the longest run of marks
    in order), names no paragraph."""
    order = {name: index for index, name in enumerate(marks)}
    seen: dict[str, int] = {}
    by_language: dict[str, list[tuple[int, str]]] = {}
    together: set[str] = set()
    for paragraph in paragraphs:
        known = [name for name in dict.fromkeys(paragraph.marks) if name in marks]
        if len({marks[name].key.removeprefix("t-") for name in known}) > 1:
            together.update(known)  # kodeks marks a paragraph with one unit's marks only
        for name in known:
            seen[name] = seen.get(name, 0) + 1
            if seen[name] == 1:
                by_language.setdefault(marks[name].language, []).append((order[name], name))
    suspect = {
        name: plural("is found in {count} paragraph", "is found in {count} paragraphs", count)
        for name, count in seen.items()
        if count > 1
    }
    for name in together:
        suspect.setdefault(name, msg("stands in one paragraph with another unit's mark"))
    for sequence in by_language.values():
        for name in _out_of_order(sequence):
            suspect.setdefault(name, msg("stands out of the Code's order (copied or moved)"))
    return suspect


def _out_of_order(sequence: list[tuple[int, str]]) -> list[str]:
    """The names outside one longest increasing run of ``sequence``'s positions (patience sorting)."""
    import bisect

    tails: list[int] = []
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(sequence)
    for index, (position, _) in enumerate(sequence):
        place = bisect.bisect_left(tails, position)
        if place == len(tails):
            tails.append(position)
            tail_index.append(index)
        else:
            tails[place] = position
            tail_index[place] = index
        previous[index] = tail_index[place - 1] if place else -1
    kept: set[int] = set()
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        kept.add(index)
        index = previous[index]
    return [name for index, (_, name) in enumerate(sequence) if index not in kept]


def _not_its_text(mark: Mark, sent: str, tracked: bool) -> Message | None:
    """Why the paragraph around a change is not ``mark``'s unit as sent, if it is not: tracked
    changes must stand in exactly that text; a paragraph edited without tracking must keep most
    of its words."""
    expected, before = _flat(mark.expected), _flat(sent)
    if tracked and before == expected:
        return None
    if not tracked:  # words only: spaces and punctuation would make any two short paragraphs alike
        old, new = words(expected.lower()), words(before.lower())
        kept = sum(i2 - i1 for op, i1, i2, _, _ in opcodes(old, new) if op == "equal")
        if kept * 2 > len(old) and kept * 2 > len(new):
            return None
    return msg(
        "the paragraph around the change is not the text of this unit in the document's revision "
        "(a mark copied from another paragraph, or changes not tracked): carry the proposal over by hand"
    )


def _article_of(mark: Mark) -> Mark:
    """A paragraph after a marked one that has no mark of its own (the reviewer's new
    paragraph, a table row): a comment on it is about the article (or the chapter or section
    whose heading it follows)."""
    if mark.article is None:
        return mark
    whole = ReferenceTarget(TargetKind.ARTICLE, mark.article.id)
    return Mark(mark.article, mark.language, whole, "t-" + heading_key(mark.language, mark.article), "", None, "", True)


def _without_label(mark: Mark, proposed: str) -> str:
    text = proposed.strip()
    if mark.heading:
        return text.removeprefix(mark.label).lstrip(". ").strip() if text.startswith(mark.label) else text
    if mark.label and text.startswith(mark.label):
        return text[len(mark.label) :].strip()
    return text


def _not_applicable(mark: Mark, proposed: str, joined: Sequence[ReviewedParagraph]) -> Message | None:
    text = proposed.strip()
    if "\n" in text:
        return msg("it splits the paragraph: add the new paragraph by hand, numbered as the law requires")
    if any(p.mark_deleted is not None for p in joined):
        return msg("it joins paragraphs: change the units by hand")
    if mark.article is None:
        return msg("it changes the heading of a section or chapter: edit its `title:` in code.yaml")
    if mark.heading and not text.startswith(f"{mark.label}. "):
        return msg(
            "it changes the article's number «{label}»: numbers are the drafter tools' (`kodeks renumber`)",
            label=mark.label,
        )
    if mark.label and not text.startswith(mark.label):
        return msg(
            "it changes the number «{label}»: numbers are the drafter tools' (`kodeks renumber`)", label=mark.label
        )
    if mark.paragraph is None and not mark.heading:
        return msg("it writes text where the law has only a number")
    if not text:
        return msg("it deletes the whole paragraph: remove the unit by hand")
    return None


def _around(paragraphs: Sequence[ReviewedParagraph], index: int, width: int = 160) -> str:
    """The text of a paragraph and its neighbours, as a reviewer's page shows it."""
    pieces = []
    for neighbour in paragraphs[max(0, index - 1) : index + 2]:
        pieces.append(_flat(neighbour.text(lambda piece: piece.deleted is None)))
    text = " ¶ ".join(p for p in pieces if p)
    return text if len(text) <= width else text[: width - 1] + "…"


# --- the proposals as edits of the Markdown ----------------------------------------------


def apply_edits(
    texts: Texts, code: Code, found: Sequence[Found]
) -> tuple[list[Edit], list[tuple[Found, Message]], int]:
    """The edits that give each proposal's wording in the current Code, byte-minimal; the
    proposals that cannot be carried out, with the reason; and how many were carried out."""
    edits: list[Edit] = []
    refused: list[tuple[Found, Message]] = []
    applied = 0
    now: dict[str, dict[str, Mark]] = {}
    numbering: Numbering | None = None
    for item in found:
        if item.proposal is None or item.mark is None:
            continue
        if item.not_applicable:
            refused.append((item, item.not_applicable))
            continue
        if item.mark.article is None:
            continue  # a section's or chapter's heading: not_applicable says so
        article = code.articles.get(item.mark.article.id)
        current: Mark | None = item.mark
        if article is not item.mark.article:  # the file changed since the document was built
            if article is not None and article.id not in now:
                numbering = numbering or code.numbering()
                now[article.id] = _article_marks(code, article, numbering)
            current = now.get(article.id, {}).get(bookmark_name(item.mark.key)) if article is not None else None
        if current is not None and _flat(_current_wording(current)) == _flat(item.proposal):
            continue  # carried out already (a second --apply of the same file)
        if current is None or _flat(current.expected) != _flat(item.mark.expected):
            refused.append(
                (item, msg("the unit changed since the document was built: carry the proposal over by hand"))
            )
            continue
        proposal = unicodedata.normalize("NFC", item.proposal)  # stored text is composed
        rejected = _rejected_characters(proposal, _current_wording(current))
        if rejected:
            refused.append(
                (item, msg("it holds {what}, which `kodeks validate` reports: carry it over by hand", what=rejected))
            )
            continue
        try:
            if current.heading:
                edits.append(_title_edit(texts, current, _flat(proposal)))
            elif current.paragraph is not None:
                edits.extend(paragraph_edits(texts, current.paragraph, proposal))
            applied += 1
        except CannotApply as error:
            refused.append((item, error.message))
    return edits, refused, applied


def _rejected_characters(proposal: str, current: str) -> str | None:
    """What in a proposal the validator would report (a control, invisible or look-alike
    character) that the unit's text does not hold already."""
    known = {what for _, _, what in characters.findings(current)}
    return next((what for _, _, what in characters.findings(proposal) if what not in known), None)


def _current_wording(mark: Mark) -> str:
    if mark.heading and mark.article is not None:
        return mark.article.title.get(mark.language, "")
    return mark.paragraph.plain_text if mark.paragraph is not None else ""


def _title_edit(texts: Texts, mark: Mark, title: str) -> Edit:
    """The article's title in one language, in its front matter."""
    location = mark.article.key_locations.get(f"title.{mark.language}") if mark.article else None
    edit = scalar_edit(texts, location, title) if location is not None else None
    if edit is None:
        raise CannotApply(msg("the title's place in the front matter could not be found: edit `title:` by hand"))
    return edit


# --- the register file ---------------------------------------------------------------------


def _yaml_text(text: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly ``text``, line breaks and tabs
    included (JSON's string syntax is YAML's double-quoted one). Whatever YAML reads as a line
    break (U+0085, U+2028) or may not hold (C1 controls), and every invisible character, is
    written as an escape: the round stays readable whatever a reviewer typed, and shows it."""
    return _UNSAFE_IN_YAML.sub(_escape, json.dumps(text, ensure_ascii=False))


_UNSAFE_IN_YAML = re.compile(f"{characters.CONTROL.pattern}|{characters.INVISIBLE.pattern}")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def entries_yaml(round_id: str, first_number: int, found: Sequence[Found]) -> str:
    """New entries of ``comments:``, numbered on from ``first_number``."""
    lines = []
    for number, item in enumerate(found, start=first_number):
        lines.append(f"  - id: {_yaml_text(f'{round_id}/{number}')}")
        lines.append(f"    author: {_yaml_text(item.author or '?')}")
        if item.organisation:
            lines.append(f"    organisation: {_yaml_text(item.organisation)}")
        if item.date:
            lines.append(f"    date: {item.date}")
        lines.append(f"    unit: {item.unit}")
        lines.append(f"    place: {_yaml_text(item.place)}")
        lines.append(f"    language: {item.language}")
        if item.quote:
            lines.append(f"    quote: {_yaml_text(item.quote)}")
        if item.comment:
            lines.append(f"    comment: {_yaml_text(item.comment)}")
        if item.proposal is not None:
            lines.append(f"    proposal: {{{item.language}: {_yaml_text(item.proposal)}}}")
        lines.append("    decision: open")
        lines.append(f"    via: {item.via}")
    return "".join(line + "\n" for line in lines)


def is_known(item: Found, code: Code, round_id: str) -> bool:
    """Whether the round already holds this comment or proposal (a second import of one file
    adds nothing)."""
    for review_round in code.reviews:
        if review_round.id != round_id:
            continue
        for entry in review_round.entries:
            if (
                entry.author == (item.author or "?")
                and entry.unit == item.unit
                and (entry.comment or None) == (item.comment or None)
                and dict(entry.proposal) == ({item.language: item.proposal} if item.proposal is not None else {})
            ):
                return True
    return False


def next_number(code: Code, round_id: str) -> int:
    numbers = [0]
    for review_round in code.reviews:
        for entry in review_round.entries:
            prefix, _, number = entry.id.rpartition("/")
            if prefix == round_id and number.isdigit():
                numbers.append(int(number))
    return max(numbers) + 1


def register_text(existing: str | None, round_id: str, revision: str, entries: str, public: bool = False) -> str:
    """The round's file with ``entries`` added at the end of its ``comments:`` (created with its
    revision, and ``source: public`` for the public discussion, when new); nothing else in it is
    touched."""
    if existing is None:
        head = (
            f"name: {_yaml_text(round_id)}\n"
            + (f"revision: {revision}\n" if revision else "")
            + ("source: public\n" if public else "")
            + "comments:\n"
        )
        return head + entries
    text = existing if existing.endswith("\n") or not existing else existing + "\n"
    last_key = [line for line in text.splitlines() if line and not line[0].isspace() and not line.startswith("#")]
    if not last_key or not last_key[-1].startswith("comments:"):
        if "\ncomments:" in "\n" + text:
            raise CannotApply(msg("`comments:` is not the last key of the round's file: move it to the end"))
        return text + "comments:\n" + entries
    if last_key[-1].strip() in ("comments: []", "comments:[]"):
        return text.replace(last_key[-1], "comments:", 1) + entries
    return text + entries


@dataclass(frozen=True, slots=True)
class ReviewImport:
    """What ``kodeks review import`` would write, and what it must tell the reviewer's drafter."""

    changes: dict[str, str]
    """Path → new text: the round's register file, and with ``apply`` the articles."""
    found: list[Found]
    added: int
    """Entries new to the register (a second import of the same file adds none)."""
    unplaced: list[Unplaced]
    refused: list[tuple[Found, Message]]
    """Proposals ``apply`` could not carry out, with the reason (they stay in the register)."""
    applied: int


def import_review(
    reading: ReviewReading,
    texts: Texts,
    code: Code,
    round_id: str,
    revision: str,
    apply: bool,
    problems: Sequence[Diagnostic] = (),
    public: bool = False,
) -> ReviewImport:
    """The register entries and (with ``apply``) the Markdown edits for a reviewer's copy read
    as ``reading``; ``texts`` and ``code`` are the Code as it is now, ``problems`` what reading
    it found. A round's file that does not read is refused, never written over: the drafter's
    edits in it would be lost."""
    path = f"{REVIEWS_DIR}/{round_id}.yaml"
    broken = [p for p in problems if p.location.path == path and p.is_error]
    if broken:
        raise ReviewError(
            msg("{problem}: the round's file does not read; fix it first (nothing was written)", problem=str(broken[0]))
        )
    new = [item for item in reading.found if not is_known(item, code, round_id)]
    changes: dict[str, str] = {}
    if new:
        try:
            changes[path] = register_text(
                texts.files.get(path),
                round_id,
                revision,
                entries_yaml(round_id, next_number(code, round_id), new),
                public,
            )
        except CannotApply as error:
            raise ReviewError(msg("{path}: {error}", path=path, error=error.message)) from None
    refused: list[tuple[Found, Message]] = []
    applied = 0
    if apply:
        proposals = [item for item in reading.found if item.proposal is not None]
        edits, refused, applied = apply_edits(texts, code, proposals)
        changes.update(texts.apply(edits))
    return ReviewImport(changes, reading.found, len(new), reading.unplaced, refused, applied)
