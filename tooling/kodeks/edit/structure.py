"""Articles and chapters moved in code.yaml's structure: entries inserted, removed, moved."""

from __future__ import annotations

import re

from ..messages import msg
from ..model import (
    Code,
)
from .texts import Edit, EditError, Texts


def remove_entry_edit(code: Code, texts: Texts, article_id: str) -> Edit:
    """Take ``article_id`` out of its chapter's ``articles:`` list, flow or block style."""
    entry = next((e for e in code.article_order() if e.id == article_id), None)
    if entry is None:
        raise EditError(msg("article `{id}` is not in code.yaml", id=article_id))
    text = texts.files[entry.location.path]
    start = texts.offset(entry.location)
    end = start + len(article_id)
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip() == "-":  # block style: drop the whole line
        line_end = text.find("\n", end)
        return Edit(entry.location.path, line_start, len(text) if line_end < 0 else line_end + 1, "")
    after = re.match(r"\s*,\s*", text[end:])
    if after:
        return Edit(entry.location.path, start, end + after.end(), "")
    before = re.search(r",\s*$", text[:start])
    return Edit(entry.location.path, before.start() if before else start, end, "")


def insert_entry_edit(code: Code, texts: Texts, article_id: str, chapter_id: str, after: str | None) -> Edit:
    """Put ``article_id`` into a chapter's ``articles:`` list: after ``after``, or first."""
    chapter = code.find_chapter(chapter_id)
    if chapter is None:
        raise EditError(msg("no chapter `{id}` in code.yaml", id=chapter_id))
    path = code.path
    text = texts.files[path]
    if after is not None:
        anchor = next((e for e in chapter.articles if e.id == after), None)
        if anchor is None:
            raise EditError(msg("article `{id}` is not in chapter `{chapter}`", id=after, chapter=chapter_id))
        start = texts.offset(anchor.location)
        end = start + len(after)
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip() == "-":
            line_end = text.find("\n", end)
            newline = "\r\n" if line_end > 0 and text[line_end - 1] == "\r" else "\n"
            insert_at = len(text) if line_end < 0 else line_end + 1
            prefix = "" if line_end >= 0 else newline
            return Edit(path, insert_at, insert_at, f"{prefix}{text[line_start:start]}{article_id}{newline}")
        return Edit(path, end, end, f", {article_id}")
    if chapter.articles:
        first = chapter.articles[0]
        start = texts.offset(first.location)
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip() == "-":
            line_end = text.find("\n", start)
            newline = "\r\n" if line_end > 0 and text[line_end - 1] == "\r" else "\n"
            return Edit(path, line_start, line_start, f"{text[line_start:start]}{article_id}{newline}")
        return Edit(path, start, start, f"{article_id}, ")
    if chapter.articles_location is None:
        raise EditError(msg("chapter `{id}` has no `articles:` list to add to", id=chapter_id))
    start = texts.offset(chapter.articles_location)
    match = re.compile(r"\[\s*\]").match(text, start)
    if match is None:
        raise EditError(msg("chapter `{id}`: cannot read its empty `articles:` list", id=chapter_id))
    return Edit(path, match.start(), match.end(), f"[{article_id}]")


def chapter_block(code: Code, texts: Texts, chapter_id: str) -> tuple[int, int]:
    """The lines of code.yaml that hold a chapter (its ``- id:`` item and everything under it)."""
    chapter = code.find_chapter(chapter_id)
    if chapter is None:
        raise EditError(msg("no chapter `{id}` in code.yaml", id=chapter_id))
    text = texts.files[code.path]
    start = text.rfind("\n", 0, texts.offset(chapter.location)) + 1
    dash = re.compile(r"[ \t]*-[ \t]").match(text, start)
    if dash is None:
        raise EditError(msg("chapter `{id}` is not written as a block list item (`- id: …`)", id=chapter_id))
    indent = dash.end() - start - 2
    end = text.find("\n", start) + 1 or len(text)
    while end < len(text):
        line_end = text.find("\n", end) + 1 or len(text)
        line = text[end:line_end]
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and len(line) - len(line.lstrip()) <= indent:
            break
        end = line_end
    while end > start and text[:end].endswith("\n\n"):  # blank lines between items stay put
        end -= 1
    return start, end


def move_chapter_edits(
    code: Code, texts: Texts, chapter_id: str, section_id: str | None, after: str | None
) -> list[Edit]:
    """Cut a chapter's block out of code.yaml and put it after ``after`` (or first in its section)."""
    start, end = chapter_block(code, texts, chapter_id)
    block = texts.files[code.path][start:end]
    if after is not None:
        if after == chapter_id:
            raise EditError(msg("a chapter cannot be placed after itself"))
        _, insert_at = chapter_block(code, texts, after)
    else:
        section = code.find_section(section_id) if section_id else None
        siblings = section.chapters if section else code.top_chapters
        if section_id and section is None:
            raise EditError(msg("no section `{id}` in code.yaml", id=section_id))
        first = next((c for c in siblings if c.id != chapter_id), None)
        if first is None:
            raise EditError(msg("give --after CHAPTER: the section has no other chapter to place it before"))
        insert_at, _ = chapter_block(code, texts, first.id)
    return [Edit(code.path, start, end, ""), Edit(code.path, insert_at, insert_at, block)]
