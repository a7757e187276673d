"""The drafter's commands as plans: new article, move, remove, renumber, in files' own words.

A :class:`Workspace` is the Code as written plus its parsed model; each command returns the
new contents of the files it changes (None for a deleted file). Nothing here touches disk.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import characters
from .diagnostics import Diagnostic, SourceLocation
from .edit.front_matter import new_article_text
from .edit.renumber import references_to, renumber_edits, renumber_parts_edits
from .edit.structure import insert_entry_edit, move_chapter_edits, remove_entry_edit
from .edit.texts import CodeProblemsError, EditError, Texts
from .load import DEFAULT_CACHE, load_code
from .messages import msg, plural
from .model import ID_PATTERN, Code, LegalNumber, Link, Stage
from .parse.cache import ParseCache
from .rules import RENUMBER_FIXES
from .snapshot import ARTICLES_DIR, Snapshot
from .verdict import validated as validated_findings

FIXABLE: frozenset[str] = RENUMBER_FIXES
"""Problems renumbering repairs; any other error stops a rewriting command."""

Changes = dict[str, str | None]


@dataclass(frozen=True, slots=True)
class Plan:
    """What a drafting command would write, and what the drafter must still look at."""

    changes: Changes
    """Path → new text, or None for a file to delete."""
    unresolved: tuple[Link, ...] = ()
    """References whose wording could not be updated unambiguously."""
    referring: tuple[Link, ...] = ()
    """For a removal: the references to the article (the removal is refused while there are
    any, unless forced)."""


@dataclass(frozen=True, slots=True)
class Workspace:
    texts: Texts
    code: Code
    diagnostics: list[Diagnostic]
    cache: ParseCache = field(default_factory=ParseCache)
    """Shared by a workspace and those derived from it: only changed files are parsed again."""

    @classmethod
    def of(cls, files: dict[str, bytes], cache: ParseCache | None = None, validated: bool = True) -> Workspace:
        """The Code as written; ``validated=False`` skips the cross-file rules (``diagnostics``
        then holds the parse problems only), for a command that only adds to the Code."""
        if cache is None:  # the command's parse cache if it installed one
            cache = DEFAULT_CACHE[0] if DEFAULT_CACHE else ParseCache()
        snapshot = Snapshot(files=dict(files))
        result = load_code(snapshot, cache)
        if result.code is None:
            raise EditError(
                msg(
                    "code.yaml cannot be read: {problems}",
                    problems="; ".join(str(d) for d in result.diagnostics[:3]),
                )
            )
        # The findings of a Code validated as it is now come from the verdict memo.
        diagnostics = validated_findings(snapshot, result, cache) if validated else result.diagnostics
        # A file that is not UTF-8 has its F001 finding, which stops every edit: it is left
        # out of the texts rather than decoded some other way.
        decoded = {}
        for path, data in files.items():
            try:
                decoded[path] = data.decode("utf-8")
            except UnicodeDecodeError:
                continue
        return cls(Texts(decoded), result.code, diagnostics, cache)

    def with_changes(self, changes: Mapping[str, str | None]) -> Workspace:
        files = {path: text.encode("utf-8") for path, text in self.texts.files.items()}
        for path, text in changes.items():
            if text is None:
                files.pop(path, None)
            else:
                files[path] = text.encode("utf-8")
        return Workspace.of(files, self.cache)

    def blocking_errors(self, fixable: frozenset[str] = FIXABLE) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error and d.code not in fixable]


def _combine(first: Mapping[str, str | None], second: Mapping[str, str | None]) -> Changes:
    return {**first, **second}


def _refuse_if_invalid(workspace: Workspace, fixable: frozenset[str] = FIXABLE) -> None:
    blocking = workspace.blocking_errors(fixable)
    if blocking:
        listed = "\n".join(str(d) for d in blocking[:20])
        raise CodeProblemsError(
            msg("the Code has problems this command does not fix; fix them first:\n{problems}", problems=listed)
        )


def renumber(workspace: Workspace, parts_of: str | None = None) -> Plan:
    """Numbers and link texts made to follow the structure (draft stage); with ``parts_of``,
    also the parts and points of that article and every reference to them."""
    _refuse_if_invalid(workspace, FIXABLE | ({"N004", "N005", "N009", "R003"} if parts_of else frozenset()))
    if parts_of is None:
        unresolved: list[Link] = []
        changes: Changes = dict(workspace.texts.apply(renumber_edits(workspace.code, workspace.texts, unresolved)))
        return Plan(changes, tuple(unresolved))
    parts = workspace.texts.apply(renumber_parts_edits(workspace.code, workspace.texts, parts_of))
    return _then_renumber(workspace, dict(parts))


def renumber_would_change(files: dict[str, bytes]) -> int:
    """How many files `kodeks renumber` would rewrite now: 0 when it changes nothing, or would
    refuse (a text in force, or other problems to fix first), so that no one is sent to it."""
    from .errors import KodeksError

    workspace = Workspace.of(files)
    if workspace.code.stage is not Stage.DRAFT:
        return 0
    try:
        return len(renumber(workspace).changes)
    except KodeksError:
        return 0


def _then_renumber(workspace: Workspace, changes: Mapping[str, str | None]) -> Plan:
    if workspace.code.stage is not Stage.DRAFT:
        return Plan(dict(changes))
    updated = workspace.with_changes(changes)
    unresolved: list[Link] = []
    renumbered = updated.texts.apply(renumber_edits(updated.code, updated.texts, unresolved))
    return Plan(_combine(changes, dict(renumbered)), tuple(unresolved))


def _last_in(code: Code, chapter_id: str, but: str | None = None) -> str | None:
    """Where an article goes when neither --after nor --first is given: last in the chapter."""
    chapter = code.find_chapter(chapter_id)
    return next((e.id for e in reversed(chapter.articles) if e.id != but), None) if chapter else None


def new_article(
    workspace: Workspace,
    article_id: str,
    chapter_id: str,
    titles: dict[str, str],
    after: str | None = None,
    first: bool = False,
) -> Plan:
    """A new article from the template, placed after ``after``, first (``first``) or last in
    the chapter; later articles renumbered (draft) or the new one numbered N-k (in force)."""
    _refuse_if_invalid(workspace)
    code = workspace.code
    after = _placement(code, chapter_id, after, first)
    if not ID_PATTERN.fullmatch(article_id):
        raise EditError(
            msg("`{id}` is not a valid id: lowercase Latin letters, digits and single hyphens", id=article_id)
        )
    path = f"{ARTICLES_DIR}/{article_id}.md"
    taken = {entry.id for entry in code.article_order()} | code.articles.keys() | {c.id for c in code.chapters}
    taken |= {s.id for s in code.sections} | code.acts.keys()
    if article_id in taken or path in workspace.texts.files:
        raise EditError(msg("the id `{id}` is already used", id=article_id))
    unknown = [language for language in titles if language not in code.languages]
    if unknown:
        raise EditError(
            plural(
                "the Code has no language {unknown}: its languages are {languages}",
                "the Code has no language {unknown}: its languages are {languages}",
                len(unknown),
                unknown=", ".join(unknown),
                languages=", ".join(code.languages),
            )
        )
    missing = [language for language in code.languages if not titles.get(language, "").strip()]
    if missing:
        raise EditError(
            msg("give a title in every language of the Code: missing {languages}", languages=", ".join(missing))
        )
    for language, title in titles.items():
        hidden = re.search("[\n\t]", title) or characters.CONTROL.search(title) or characters.INVISIBLE.search(title)
        if hidden:
            raise EditError(
                msg(
                    "the {language} title holds {character}: a title is one line of visible text",
                    language=language,
                    character=characters.name(hidden.group()),
                )
            )
    number = _new_number(code, chapter_id, after)
    structure = workspace.texts.apply([insert_entry_edit(code, workspace.texts, article_id, chapter_id, after)])
    ordered = {language: titles[language] for language in code.languages}
    changes: Changes = {**structure, path: new_article_text(article_id, number, ordered)}
    return _then_renumber(workspace, changes)


def _placement(code: Code, chapter_id: str, after: str | None, first: bool, moving: str | None = None) -> str | None:
    """The article to go after (None: first in the chapter)."""
    if after and first:
        raise EditError(msg("give --after ID or --first, not both"))
    if first:
        return None
    return after if after is not None else _last_in(code, chapter_id, but=moving)


def _new_number(code: Code, chapter_id: str, after: str | None) -> LegalNumber:
    """In force: the insertion number after ``after`` (12-1, then 12-2); in a draft, a
    placeholder the renumbering that follows replaces."""
    if code.stage is Stage.DRAFT:
        return LegalNumber.of(1)
    order = [entry.id for entry in code.article_order()]
    chapter = code.find_chapter(chapter_id)
    if after is None:
        if chapter is None or not chapter.articles:
            previous_index = -1
            earlier = [c for c in code.chapters[: code.chapters.index(chapter)] if c.articles] if chapter else []
            if earlier:
                previous_index = order.index(earlier[-1].articles[-1].id)
        else:
            previous_index = order.index(chapter.articles[0].id) - 1
    else:
        previous_index = order.index(after)
    if previous_index < 0:
        raise EditError(msg("in force, a new article cannot go before article 1"))
    numbering = code.numbering()
    previous = numbering.articles.get(order[previous_index])
    following = numbering.articles.get(order[previous_index + 1]) if previous_index + 1 < len(order) else None
    if previous is None:
        raise EditError(msg("article `{id}` has no number to insert after", id=order[previous_index]))
    if following is None:
        return LegalNumber.of(previous.components[0] + 1)
    sibling = LegalNumber(previous.components[:-1] + (previous.components[-1] + 1,))
    if previous.is_insertion and sibling < following:
        return sibling
    return LegalNumber(previous.components + (1,))


def move_article(
    workspace: Workspace, article_id: str, chapter_id: str, after: str | None = None, first: bool = False
) -> Plan:
    """An article moved into a chapter, after ``after``, first or last (draft stage)."""
    _refuse_if_invalid(workspace)
    after = _placement(workspace.code, chapter_id, after, first, moving=article_id)
    if workspace.code.stage is not Stage.DRAFT:
        raise EditError(msg("the Code is in force: moving an article would renumber the law"))
    if after == article_id:
        raise EditError(msg("an article cannot be placed after itself"))
    removed = workspace.texts.apply([remove_entry_edit(workspace.code, workspace.texts, article_id)])
    middle = workspace.with_changes(removed)
    inserted = middle.texts.apply([insert_entry_edit(middle.code, middle.texts, article_id, chapter_id, after)])
    return _then_renumber(workspace, _combine(removed, inserted))


def move_chapter(
    workspace: Workspace, chapter_id: str, section_id: str | None, after: str | None = None, first: bool = False
) -> Plan:
    """A chapter moved within or across sections (draft stage): chapters and articles renumbered."""
    _refuse_if_invalid(workspace)
    if after and first:
        raise EditError(msg("give --after CHAPTER or --first, not both"))
    if workspace.code.stage is not Stage.DRAFT:
        raise EditError(msg("the Code is in force: moving a chapter would renumber the law"))
    moved = workspace.texts.apply(move_chapter_edits(workspace.code, workspace.texts, chapter_id, section_id, after))
    return _then_renumber(workspace, dict(moved))


def remove_article(workspace: Workspace, article_id: str, force: bool = False) -> Plan:
    """The article out of the structure and its file deleted; refused while others refer to it."""
    _refuse_if_invalid(workspace)
    code = workspace.code
    if code.stage is not Stage.DRAFT:
        raise EditError(msg("the Code is in force: articles are repealed, not removed (status: repealed, empty text)"))
    if article_id not in code.articles:
        raise EditError(msg("no article `{id}`", id=article_id))
    referring = [
        link for link in references_to(code, article_id) if link.location.path != code.articles[article_id].path
    ]
    if referring and not force:
        return Plan({}, referring=tuple(referring))
    changes: Changes = dict(workspace.texts.apply([remove_entry_edit(code, workspace.texts, article_id)]))
    changes[code.articles[article_id].path] = None
    plan = _then_renumber(workspace, changes)
    return Plan(plan.changes, plan.unresolved, tuple(referring))


def replace_words(workspace: Workspace, old: str, new: str, language: str) -> Plan:
    """A term replaced throughout the Code's text in one language: every paragraph, every
    article's title and every title in code.yaml where ``old`` stands as whole words (a word
    that begins a sentence keeps its capital: «Коомдоштуктун» → «Жамааттын»). Only the words
    change; a reference whose words are kept stays a link. Each inflected form is its own term
    (Kyrgyz suffixes follow the stem: «коомдоштуктун» is «жамааттын», not «жамааттун»)."""
    from .edit.front_matter import scalar_edit
    from .edit.paragraphs import paragraph_edits
    from .edit.texts import Edit
    from .snapshot import CODE_FILE
    from .yamlsafe import load_yaml

    _refuse_if_invalid(workspace)
    old, new = old.strip(), new.strip()
    if not old or not new or "\n" in old or "\n" in new:
        raise EditError(msg("give the words to replace and their replacement, each on one line"))
    if old == new:
        raise EditError(msg("the words and their replacement are the same: nothing to change"))
    code, texts = workspace.code, workspace.texts
    if language not in code.languages:
        raise EditError(msg("the Code has no `{language}` text", language=language))
    # The words as written, or with a capital at a sentence's start; no other case (a «Кеңеш»
    # in «Жогорку Кеңеш» is a name, not the term «кеңеш»).
    first = re.escape(old[0].lower()) + re.escape(old[0].upper())
    pattern = re.compile(rf"(?<!\w)[{first}]{re.escape(old[1:])}(?!\w)")

    def replaced(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            return new[:1].upper() + new[1:] if match.group()[0].isupper() else new

        return pattern.sub(one, text)

    def title_edit(location: SourceLocation | None, title: str) -> Edit:
        edit = scalar_edit(texts, location, replaced(title)) if location is not None else None
        if edit is None:
            raise EditError(
                msg("the title «{title}» could not be found where it is written: edit it by hand", title=title)
            )
        return edit

    edits = []
    for article in code.articles.values():
        text = article.texts.get(language)
        for paragraph in text.paragraphs() if text else ():
            if pattern.search(paragraph.plain_text):
                edits += paragraph_edits(texts, paragraph, replaced(paragraph.plain_text))
        title = article.title.get(language, "")
        if pattern.search(title):
            edits.append(title_edit(article.key_locations.get(f"title.{language}"), title))
    structure, _ = load_yaml(CODE_FILE, texts.files[CODE_FILE])
    if structure is not None:  # the Code is valid (checked above): its code.yaml reads
        for path, location in structure.value_locations.items():
            value: Any = structure.value
            for key in path:
                value = value[key]
            if path[-2:] == ("title", language) and isinstance(value, str) and pattern.search(value):
                edits.append(title_edit(location, value))
    if not edits:
        raise EditError(msg("«{old}» stands nowhere in the {language} text", old=old, language=language))
    return Plan(dict(texts.apply(edits)))
