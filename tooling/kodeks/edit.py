"""Edits that drafters trust: numbers and structure changed in place, nothing else.

Every edit is a replacement of a span of a file's text as written (BOM and CRLF kept), found
from the parsed model's source locations; files are never re-dumped, so comments, key order,
quoting and spacing survive. The core here computes edits; the CLI shows or writes them.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from . import citation, references, wording
from .diagnostics import Diagnostic, SourceLocation
from .errors import KodeksError
from .model import (
    SUBPOINT_LETTERS,
    Article,
    Code,
    LegalNumber,
    Link,
    Numbering,
    Point,
    ReferenceTarget,
    Stage,
    TargetKind,
    references_text,
    roman,
)


class EditError(KodeksError):
    """An edit that cannot be made as asked (an unknown id, a frozen number); nothing is written."""


class CodeProblemsError(EditError):
    """The Code has problems an edit does not fix; nothing is written."""

    exit_code = 1


@dataclass(frozen=True, slots=True)
class Edit:
    path: str
    start: int
    end: int
    replacement: str


class Texts:
    """The files of the Code as written, with positions mapped from parsed locations."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = dict(files)
        self._line_starts: dict[str, list[int]] = {}

    def offset(self, location: SourceLocation) -> int:
        """Character offset of a 1-based ``line:col`` (as the parser counts, BOM and CR aside)."""
        text = self.files[location.path]
        starts = self._line_starts.get(location.path)
        if starts is None:
            starts = [0] + [match.end() for match in re.finditer("\n", text)]
            self._line_starts[location.path] = starts
        bom = 1 if location.line == 1 and text.startswith("\ufeff") else 0
        return starts[location.line - 1] + location.column - 1 + bom

    def apply(self, edits: Iterable[Edit]) -> dict[str, str]:
        """New texts of the files the edits touch; overlapping edits are refused."""
        by_path: dict[str, list[Edit]] = {}
        for edit in edits:
            by_path.setdefault(edit.path, []).append(edit)
        changed = {}
        for path, file_edits in by_path.items():
            text = self.files[path]
            previous_start = len(text) + 1
            for edit in sorted(file_edits, key=lambda e: (e.start, e.end), reverse=True):
                if edit.end > previous_start:
                    raise EditError(f"{path}: two edits overlap at offset {edit.start}")
                text = text[: edit.start] + edit.replacement + text[edit.end :]
                previous_start = edit.start
            if text != self.files[path]:
                changed[path] = text
        return changed


_SCALAR = re.compile(r"\"[^\"\n]*\"|'[^'\n]*'|[^\s,}\]#]+")


_REFERENCE_SCALAR = re.compile(r"\"[^\"\n]*\"|'[^'\n]*'|[^\s,}\]]+")
"""A reference written as a YAML scalar: unquoted, ``#`` is part of it (``art:x#2``)."""


def value_edit(texts: Texts, location: SourceLocation, value: str, pattern: re.Pattern[str] = _SCALAR) -> Edit | None:
    """Replace the YAML scalar written at ``location`` by ``value``, keeping its quoting."""
    start = texts.offset(location)
    match = pattern.match(texts.files[location.path], start)
    if match is None:
        return None
    written = match.group()
    replacement = f"{written[0]}{value}{written[0]}" if written[0] in "\"'" else value
    return None if written == replacement else Edit(location.path, start, match.end(), replacement)


def scalar_edit(texts: Texts, location: SourceLocation, value: str) -> Edit | None:
    """Replace the YAML scalar written at ``location`` by ``value`` as a double-quoted string
    (which holds any text); None when no scalar is written there."""
    start = texts.offset(location)
    match = _SCALAR.match(texts.files[location.path], start)
    if match is None or match.group()[0] in "|>":
        return None
    return Edit(location.path, start, match.end(), yaml_string(value))


_NUMBER = wording.NUMBER
_ROMAN = wording.ROMAN
_UNIT_OF_KIND = {TargetKind.ARTICLE: "article", TargetKind.CHAPTER: "chapter", TargetKind.SECTION: "section"}
_ANY_NUMBER = re.compile(rf"(?<![\w-])({_NUMBER}|{_ROMAN})(?![\w])")


def link_label_span(texts: Texts, link: Link) -> tuple[int, int] | None:
    """Where the label of ``[label](href)`` is written, or None if it cannot be found exactly."""
    text = texts.files[link.location.path]
    start = texts.offset(link.location)
    if start >= len(text) or text[start] != "[":
        return None
    end = text.find("](" + link.href + ")", start)
    if end < 0 or ("\n" in text[start:end] and text.count("[", start + 1, end)):
        return None
    return start + 1, end


def relabel(
    label: str, language: str, changes: Mapping[str, Mapping[str, str]], overrides: citation.WordOverrides = ()
) -> str | None:
    """The label with each number changed in its role: ``{"article": {"5": "6"}}`` turns
    «статьями 5 и 7» into «статьями 6 и 7». None when a number to change is not found in its
    role (then the drafter must look)."""
    if not changes:
        return label
    if not citation.understands(language):
        return _relabel_single(label, changes)
    pieces, position, changed = [], 0, set()
    for mention in citation.read(label, language, overrides):
        for value in mention.values:
            new = changes.get(mention.role, {}).get(value.text)
            if new is not None and value.start >= position:
                pieces += [label[position : value.start], new]
                position = value.end
                changed.add((mention.role, value.text))
    wanted = {(role, old) for role, mapping in changes.items() for old in mapping}
    if changed != wanted:
        return None
    return "".join(pieces) + label[position:]


def _relabel_single(label: str, changes: Mapping[str, Mapping[str, str]]) -> str | None:
    """In a language kodeks cannot read citations of, only a label with one number is changed."""
    pairs = [pair for mapping in changes.values() for pair in mapping.items()]
    matches = list(_ANY_NUMBER.finditer(label))
    if len(pairs) != 1 or len(matches) != 1 or matches[0].group(1) != pairs[0][0]:
        return None
    return label[: matches[0].start(1)] + pairs[0][1] + label[matches[0].end(1) :]


def _stored_numbers(code: Code) -> dict[tuple[TargetKind, str], str]:
    """The numbers as the files have them now, which the references were written with."""
    numbers = {}
    for section in code.sections:
        if section.number is not None and not section.number.is_insertion:
            numbers[(TargetKind.SECTION, section.id)] = roman(section.number.components[0])
    for chapter in code.chapters:
        if chapter.number is not None:
            numbers[(TargetKind.CHAPTER, chapter.id)] = str(chapter.number)
    for article in code.articles.values():
        if article.number is not None:
            numbers[(TargetKind.ARTICLE, article.id)] = str(article.number)
    return numbers


def _target_number(numbering: Numbering, target: ReferenceTarget) -> str | None:
    if target.kind is TargetKind.ARTICLE:
        number = numbering.articles.get(target.id)
    elif target.kind is TargetKind.CHAPTER:
        number = numbering.chapters.get(target.id)
    elif target.kind is TargetKind.SECTION:
        section = numbering.sections.get(target.id)
        return roman(section.components[0]) if section and not section.is_insertion else None
    else:
        return None
    return None if number is None else str(number)


def renumber_edits(code: Code, texts: Texts, unresolved: list[Link] | None = None) -> list[Edit]:
    """Numbers from the structure (draft stage), and every link text that carries them.

    Links whose wording cannot be updated unambiguously are left as written and added to
    ``unresolved``, so that the drafter is told without parsing the Code again.
    """
    if code.stage is not Stage.DRAFT:
        raise EditError(
            "the Code is in force: numbers are frozen (a new article between 12 and 13 is 12-1); "
            "renumbering would change the law's citations"
        )
    numbering = code.numbering()
    edits: list[Edit] = []

    def number_edit(location: SourceLocation, stored: LegalNumber | None, wanted: LegalNumber | None) -> None:
        if wanted is not None and stored != wanted and location.path in texts.files:
            edit = value_edit(texts, location, str(wanted))
            if edit:
                edits.append(edit)

    for section in code.sections:
        number_edit(section.number_location, section.number, numbering.sections.get(section.id))
    for chapter in code.chapters:
        number_edit(chapter.number_location, chapter.number, numbering.chapters.get(chapter.id))
    for article in code.articles.values():
        if "number" in article.key_locations:
            number_edit(article.key_locations["number"], article.number, numbering.articles.get(article.id))
    stored = _stored_numbers(code)
    for article in code.articles.values():
        for language, link in article.links():
            changes: dict[str, dict[str, str]] = {}
            for target in link.targets:
                for end in target.ends():
                    if end.kind is TargetKind.ACT or (end.kind is TargetKind.ARTICLE and end.id == article.id):
                        continue
                    old, new = stored.get((end.kind, end.id)), _target_number(numbering, end)
                    if old is not None and new is not None and old != new:
                        changes.setdefault(_UNIT_OF_KIND[end.kind], {})[old] = new
            if not changes:
                continue
            span = link_label_span(texts, link)
            label = texts.files[link.location.path][span[0] : span[1]] if span else None
            new_label = relabel(label, language, changes, code.unit_words.get(language, ())) if label else None
            if new_label is None or span is None:
                if unresolved is not None:
                    unresolved.append(link)
            elif new_label != label:
                edits.append(Edit(link.location.path, span[0], span[1], new_label))
    return edits


# --- the structure in code.yaml -------------------------------------------------------------


def remove_entry_edit(code: Code, texts: Texts, article_id: str) -> Edit:
    """Take ``article_id`` out of its chapter's ``articles:`` list, flow or block style."""
    entry = next((e for e in code.article_order() if e.id == article_id), None)
    if entry is None:
        raise EditError(f"article `{article_id}` is not in code.yaml")
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
        raise EditError(f"no chapter `{chapter_id}` in code.yaml")
    path = code.path
    text = texts.files[path]
    if after is not None:
        anchor = next((e for e in chapter.articles if e.id == after), None)
        if anchor is None:
            raise EditError(f"article `{after}` is not in chapter `{chapter_id}`")
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
        raise EditError(f"chapter `{chapter_id}` has no `articles:` list to add to")
    start = texts.offset(chapter.articles_location)
    match = re.compile(r"\[\s*\]").match(text, start)
    if match is None:
        raise EditError(f"chapter `{chapter_id}`: cannot read its empty `articles:` list")
    return Edit(path, match.start(), match.end(), f"[{article_id}]")


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_article_text(article_id: str, number: LegalNumber, titles: Mapping[str, str]) -> str:
    """A new article: front matter with a title per language, then a section per language
    (in the Code's order, which ``titles`` follows) holding a placeholder."""
    title = "".join(f"  {language}: {yaml_string(text)}\n" for language, text in titles.items())
    sections = "".join(f"\n## {language}\n\n{wording.word('placeholder', language)}\n" for language in titles)
    return f"---\nid: {article_id}\nnumber: {number}\ntitle:\n{title}status: draft\n---\n{sections}"


def references_to(code: Code, unit_id: str, within: ReferenceTarget | None = None) -> list[Link]:
    """Every link that points at the unit (for an article: at it or any unit inside it; with
    ``within``, at that part, point, subpoint or абзац or inside it), as one of several targets or
    inside a range («статьями 5–7» refers to article 6)."""

    def covers(member: ReferenceTarget) -> bool:
        if member.id != unit_id:
            return False
        if within is None:
            return True
        return all(
            wanted is None or getattr(member, name) == wanted
            for name, wanted in (
                ("part", within.part),
                ("point", within.point),
                ("subpoint", within.subpoint),
                ("paragraph", within.paragraph),
            )
        )

    found = []
    for article in code.ordered_articles():
        for language, link in article.links():
            members = (m for t in link.targets for m in references.range_members(code, language, t))
            if any(covers(member) for member in members):
                found.append(link)
    return found


def _lines(text: str) -> list[str]:
    """Lines split on LF only, as Git splits them."""
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def unified_diff(old: Mapping[str, str], new: Mapping[str, str | None]) -> str:
    """The change as a unified diff; None in ``new`` is a deleted file."""
    out: list[str] = []
    for path in sorted(new):
        before = old.get(path)
        after = new[path]
        out.extend(
            difflib.unified_diff(
                _lines(before or ""),
                _lines(after or ""),
                fromfile=f"a/{path}" if before is not None else "/dev/null",
                tofile=f"b/{path}" if after is not None else "/dev/null",
            )
        )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)


# --- kodeks fmt ----------------------------------------------------------------------------

FRONT_MATTER_ORDER = ("id", "number", "title", "status", "sources", "notes")


def format_text(path: str, text: str) -> str:
    """What can be normalised without changing meaning: LF endings, no BOM, letters composed
    (Unicode NFC: «и» + U+0306 is «й», as every search expects), one final newline, no runs of
    blank lines in article bodies, and front matter keys in the manual's order.

    Lines are split on LF only: U+2028, U+0085, form feeds are characters of the text. YAML
    (code.yaml, front matter) is never re-wrapped or re-spaced, since blank and whitespace-only
    lines inside a block scalar (``notes: |``) are part of its value; keys are reordered only
    when the reordered YAML reads back as the same values. Trailing spaces on text lines are
    kept: two of them are a Markdown line break.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not path.endswith(".md"):
        return _final_newline(text)
    front, body = None, text
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end < 0 and text.endswith("\n---"):
            end = len(text) - 4
        if end >= 0:
            front, body = text[4 : end + 1], text[end + 5 :]
    lines = [line if line.strip(" \t") else "" for line in body.split("\n")]
    collapsed: list[str] = []
    for line in lines:
        if line == "" and (not collapsed or collapsed[-1] == ""):
            continue
        collapsed.append(line)
    body = "\n".join(collapsed).rstrip("\n")
    if front is None:
        return body + "\n"
    front = _ordered_front_matter(path, front)
    return _set_off_inserted_units(path, f"---\n{front}---\n\n{body}\n" if body else f"---\n{front}---\n")


_INSERTED_MARKER = re.compile(r"^[ \t]*[0-9]+(?:-[0-9]+)+[.)]", re.MULTILINE)


def _set_off_inserted_units(path: str, text: str) -> str:
    """A blank line before each inserted unit and before the unit after it, where M001 says
    GitHub would show it inside its neighbour, and before what an inserted unit holds (M002:
    GitHub then shows it line by line, as preformatted text, not run into the unit's words);
    kept only if kodeks reads the same units after."""
    if not _INSERTED_MARKER.search(text):
        return text
    from .parse import parse_article

    languages = tuple(dict.fromkeys(re.findall(r"^## (\S+)[ \t]*$", text, re.MULTILINE)))
    article, diagnostics = parse_article(path, text, languages)
    lines = text.split("\n")
    lines_before = sorted(
        {
            d.location.line
            for d in diagnostics
            if d.code == "M001" or (d.code == "M002" and 1 < d.location.line and lines[d.location.line - 2].strip())
        },
        reverse=True,
    )
    if article is None or not lines_before:
        return text
    for line in lines_before:
        lines.insert(line - 1, "")
    spaced = "\n".join(lines)
    reread, _ = parse_article(path, spaced, languages)

    def units(read: Article) -> dict[str, list[tuple[str, str]]]:
        return {lang: [(u.label, u.plain_text) for u in body.printed()] for lang, body in read.texts.items()}

    return spaced if reread is not None and units(reread) == units(article) else text


@dataclass(frozen=True, slots=True)
class Formatting:
    """What ``kodeks fmt`` found: the files as written, their formatted texts where they
    differ, and the files it could not read (each with its F001 finding)."""

    originals: dict[str, str]
    changes: dict[str, str | None]
    unreadable: list[Diagnostic]


def format_files(files: Mapping[str, bytes]) -> Formatting:
    """Every .md and .yaml file formatted; a file that is not UTF-8 is reported and left alone."""
    from .source import decode

    originals: dict[str, str] = {}
    unreadable: list[Diagnostic] = []
    for path, data in files.items():
        if not path.endswith((".md", ".yaml")):
            continue
        try:
            originals[path] = data.decode("utf-8")
        except UnicodeDecodeError:
            unreadable += decode(path, data)[1]
    changes: dict[str, str | None] = {}
    for path, text in originals.items():
        formatted = format_text(path, text)
        if formatted != text:
            changes[path] = formatted
    return Formatting(originals, changes, unreadable)


def _final_newline(text: str) -> str:
    """YAML ends with one newline, unless its last value keeps trailing lines (``|+``)."""
    trimmed = text.rstrip("\n") + "\n"
    return trimmed if _same_yaml(text, trimmed) else text


def _same_yaml(before: str, after: str) -> bool:
    from .yamlsafe import load_yaml

    old, _ = load_yaml("", before)
    new, _ = load_yaml("", after)
    return old is not None and new is not None and old.value == new.value


def _ordered_front_matter(path: str, front: str) -> str:
    """Top-level key blocks (a key, its nested lines, and comments just above it) reordered,
    found by the YAML parser; unchanged when the result would read differently."""
    from .yamlsafe import load_yaml

    if any(separator in front for separator in "\x85\u2028\u2029"):
        return front  # YAML counts these as line breaks, the file's lines do not: keys cannot be placed
    document, _ = load_yaml(path, front)
    if document is None or not isinstance(document.value, dict):
        return front
    lines = front.split("\n")[:-1] if front.endswith("\n") else front.split("\n")
    starts = sorted((document.key_locations[(key,)].line - 1, key) for key in document.value)
    if not starts or any(lines[line][:1] in (" ", "\t") for line, _ in starts):
        return front
    blocks: list[tuple[str, list[str]]] = []
    head = lines[: starts[0][0]]
    for index, (line, key) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        blocks.append((key, lines[line:end]))
    # Comments just above a key move with it.
    for index in range(len(blocks) - 1, 0, -1):
        previous = blocks[index - 1][1]
        while previous and previous[-1].startswith("#"):
            blocks[index][1].insert(0, previous.pop())
    if head and head[-1].startswith("#") and blocks:
        while head and head[-1].startswith("#"):
            blocks[0][1].insert(0, head.pop())
    order = {key: index for index, key in enumerate(FRONT_MATTER_ORDER)}
    ordered = sorted(enumerate(blocks), key=lambda item: (order.get(item[1][0], len(order)), item[0]))
    result = "".join(line + "\n" for line in head + [line for _, (_, block) in ordered for line in block])
    return result if _same_yaml(front, result) else front


# --- parts and points inside one article ----------------------------------------------------

_MARKER = re.compile(r"[ \t]*(\d+(?:-\d+)*)[.)]")


def _marker_edit(texts: Texts, location: SourceLocation, number: int) -> Edit | None:
    start = texts.offset(SourceLocation(location.path, location.line, 1))
    match = _MARKER.match(texts.files[location.path], start)
    if match is None or match.group(1) == str(number):
        return None
    return Edit(location.path, match.start(1), match.end(1), str(number))


def renumber_parts_edits(code: Code, texts: Texts, article_id: str) -> list[Edit]:
    """Parts and points of one article numbered 1, 2, 3 … in order, subpoints lettered а, б, в …,
    in every language, and every reference to them (target and wording) in the whole Code.

    When two parts carry the same number (a part inserted with its neighbour's number), a
    reference to that number is taken to mean the one that was there before: the last of them,
    since a new part is written before the part it pushes down.
    """
    if code.stage is not Stage.DRAFT:
        raise EditError("the Code is in force: parts and points keep their numbers (a new part after 3 is 3-1)")
    article = code.articles.get(article_id)
    if article is None:
        raise EditError(f"no article `{article_id}`")
    edits: list[Edit] = []
    part_map: dict[LegalNumber, LegalNumber] = {}
    point_map: dict[tuple[LegalNumber | None, LegalNumber], LegalNumber] = {}
    letter_map: dict[tuple[LegalNumber | None, LegalNumber | None, str], str] = {}
    for text in article.texts.values():
        for index, part in enumerate(text.parts, start=1):
            if part.number is not None:
                part_map[part.number] = LegalNumber.of(index)
            edit = _marker_edit(texts, part.location, index)
            edits.extend([edit] if edit else [])
            for point_index, point in enumerate(part.points, start=1):
                if point.number is not None and part.number is not None:
                    point_map[(part.number, point.number)] = LegalNumber.of(point_index)
                edit = _marker_edit(texts, point.location, point_index)
                edits.extend([edit] if edit else [])
                edits.extend(_letter_edits(texts, point, (part.number, point.number), letter_map))
        for point_index, point in enumerate(text.points, start=1):
            if point.number is not None:
                point_map[(None, point.number)] = LegalNumber.of(point_index)
            edit = _marker_edit(texts, point.location, point_index)
            edits.extend([edit] if edit else [])
            edits.extend(_letter_edits(texts, point, (None, point.number), letter_map))
    dangling = [
        f"{link.location}: «{link.text}» names {missing}"
        for referring in code.ordered_articles()
        for _, link in referring.links()
        for target in link.targets
        for end in target.ends()
        if end.kind is TargetKind.ARTICLE and end.id == article_id
        for missing in [_missing_in_maps(end, part_map, point_map, letter_map)]
        if missing
    ]
    if dangling:
        # Renumbering would point these at whatever unit takes the number: refuse instead.
        raise CodeProblemsError(
            f"references name units of `{article_id}` that no longer exist; point them at the right unit first:\n"
            + "\n".join(dangling)
        )
    for referring in code.articles.values():
        for language, link in referring.links():
            if not any(t.kind is TargetKind.ARTICLE and t.id == article_id for t in link.targets):
                continue
            changes: dict[str, dict[str, str]] = {}
            targets = tuple(
                replace(
                    _moved(t, article_id, part_map, point_map, letter_map, changes),
                    through=_moved(t.through, article_id, part_map, point_map, letter_map, changes)
                    if t.through
                    else None,
                )
                for t in link.targets
            )
            if targets != link.targets:
                overrides = code.unit_words.get(language, ())
                edits.extend(_retarget(texts, link, language, targets, changes, overrides))
    # The comment register names units by number too; one whose unit is gone stays for V001.
    for review_round in code.reviews:
        for entry in review_round.entries:
            if entry.unit.id != article_id or entry.unit_location is None:
                continue
            if _missing_in_maps(entry.unit, part_map, point_map, letter_map):
                continue
            moved = _moved(entry.unit, article_id, part_map, point_map, letter_map, {})
            edit = (
                value_edit(texts, entry.unit_location, str(moved), _REFERENCE_SCALAR) if moved != entry.unit else None
            )
            edits.extend([edit] if edit else [])
    return edits


def _missing_in_maps(
    end: ReferenceTarget,
    part_map: Mapping[LegalNumber, LegalNumber],
    point_map: Mapping[tuple[LegalNumber | None, LegalNumber], LegalNumber],
    letter_map: Mapping[tuple[LegalNumber | None, LegalNumber | None, str], str],
) -> str | None:
    """What a reference names that the article does not have (any more), in words."""
    if end.part is not None and end.part not in part_map:
        return f"part {end.part}"
    if end.point is not None and (end.part, end.point) not in point_map:
        return f"point {end.point}" + (f" of part {end.part}" if end.part else "")
    if end.subpoint is not None and (end.part, end.point, end.subpoint) not in letter_map:
        return f"subpoint «{end.subpoint}» of point {end.point}"
    return None


def _moved(
    end: ReferenceTarget,
    article_id: str,
    part_map: Mapping[LegalNumber, LegalNumber],
    point_map: Mapping[tuple[LegalNumber | None, LegalNumber], LegalNumber],
    letter_map: Mapping[tuple[LegalNumber | None, LegalNumber | None, str], str],
    changes: dict[str, dict[str, str]],
) -> ReferenceTarget:
    """``end`` with its part, point and subpoint renumbered; the numbers changed are added to
    ``changes``."""
    if end.kind is not TargetKind.ARTICLE or end.id != article_id:
        return end
    part = part_map.get(end.part, end.part) if end.part else None
    point = point_map.get((end.part, end.point), end.point) if end.point else None
    letter = letter_map.get((end.part, end.point, end.subpoint), end.subpoint) if end.subpoint else None
    for role, before, after in (
        ("part", end.part, part),
        ("point", end.point, point),
        ("subpoint", end.subpoint, letter),
    ):
        if before is not None and after is not None and before != after:
            changes.setdefault(role, {})[str(before)] = str(after)
    return replace(end, part=part, point=point, subpoint=letter)


_LETTER_MARKER = re.compile(r"[ \t]*([а-яё])\)")


def _letter_edits(
    texts: Texts,
    point: Point,
    key: tuple[LegalNumber | None, LegalNumber | None],
    letter_map: dict[tuple[LegalNumber | None, LegalNumber | None, str], str],
) -> list[Edit]:
    """Subpoints lettered а, б, в … in order (the letters of :data:`SUBPOINT_LETTERS`)."""
    edits = []
    for index, subpoint in enumerate(point.subpoints[: len(SUBPOINT_LETTERS)]):
        letter = SUBPOINT_LETTERS[index]
        letter_map[(*key, subpoint.label)] = letter
        start = texts.offset(SourceLocation(subpoint.location.path, subpoint.location.line, 1))
        match = _LETTER_MARKER.match(texts.files[subpoint.location.path], start)
        if match is not None and match.group(1) != letter:
            edits.append(Edit(subpoint.location.path, match.start(1), match.end(1), letter))
    return edits


def _retarget(
    texts: Texts,
    link: Link,
    language: str,
    targets: tuple[ReferenceTarget, ...],
    changes: Mapping[str, Mapping[str, str]],
    overrides: citation.WordOverrides,
) -> list[Edit]:
    """Point a link at ``targets`` and make its wording carry the new part and point numbers."""
    span = link_label_span(texts, link)
    if span is None:
        return []
    label = texts.files[link.location.path][span[0] : span[1]]
    new_label = relabel(label, language, changes, overrides)
    href_start = span[1] + 2
    return [
        Edit(link.location.path, span[0], span[1], label if new_label is None else new_label),
        Edit(link.location.path, href_start, href_start + len(link.href), references_text(targets)),
    ]


def chapter_block(code: Code, texts: Texts, chapter_id: str) -> tuple[int, int]:
    """The lines of code.yaml that hold a chapter (its ``- id:`` item and everything under it)."""
    chapter = code.find_chapter(chapter_id)
    if chapter is None:
        raise EditError(f"no chapter `{chapter_id}` in code.yaml")
    text = texts.files[code.path]
    start = text.rfind("\n", 0, texts.offset(chapter.location)) + 1
    dash = re.compile(r"[ \t]*-[ \t]").match(text, start)
    if dash is None:
        raise EditError(f"chapter `{chapter_id}` is not written as a block list item (`- id: …`)")
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
            raise EditError("a chapter cannot be placed after itself")
        _, insert_at = chapter_block(code, texts, after)
    else:
        section = code.find_section(section_id) if section_id else None
        siblings = section.chapters if section else code.top_chapters
        if section_id and section is None:
            raise EditError(f"no section `{section_id}` in code.yaml")
        first = next((c for c in siblings if c.id != chapter_id), None)
        if first is None:
            raise EditError("give --after CHAPTER: the section has no other chapter to place it before")
        insert_at, _ = chapter_block(code, texts, first.id)
    return [Edit(code.path, start, end, ""), Edit(code.path, insert_at, insert_at, block)]
