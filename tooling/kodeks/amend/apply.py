"""An amending law applied back: every instruction carried out on the files, all or nothing."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import wording
from ..diagnostics import Diagnostic, SourceLocation
from ..edit.as_markdown import line_markdown, markdown_lines
from ..edit.front_matter import scalar_edit, value_edit, yaml_string
from ..edit.paragraphs import CannotApply, paragraph_edits
from ..edit.structure import insert_entry_edit
from ..edit.texts import Texts
from ..edit.word_change import carry_out
from ..errors import KodeksError
from ..instruction import Instruction, Op, UnitPath
from ..messages import Message, msg, plural
from ..model import (
    Article,
    ArticleText,
    Code,
    LegalNumber,
    Paragraph,
    Part,
    Point,
    ReferenceTarget,
    Stage,
    Subpoint,
    TargetKind,
)
from ..parse import parse_article, parse_structure
from ..parse.statute import read_statute
from ..references import find_unit, own_paragraphs
from ..rules import rule
from ..source import decode
from .units import NUMBER_LINE, replace_throughout, unit_children, unit_paragraphs

_UNIT_LINE = re.compile(r"^\s*(\d+(?:-\d+)*[.)]\s+|[а-яё]\)\s+)")


def repealed_wording(language: str, kind: str, was: str = "") -> str:
    """What stands after the number of a repealed part, point or subpoint, or for an абзац: a
    point or subpoint in a list keeps the list's case and sign («4) утратил силу;»), as the
    consolidated texts print it; a part, «3. Утратила силу.»."""
    words = wording.repealed_unit(language, kind)
    if kind in ("point", "subpoint"):
        return words[0].lower() + words[1:] + (was[-1] if was[-1:] in ";." else ".")
    return words + "."


class LawUnreadable(KodeksError):
    """An amending law with lines that cannot be read as instructions: nothing is applied."""

    exit_code = 1

    def __init__(self, problems: Sequence[Diagnostic]) -> None:
        super().__init__(msg("{problems}\nkodeks: nothing applied", problems="\n".join(str(p) for p in problems)))
        self.problems = list(problems)


def read_law_file(path: Path) -> dict[str, list[Instruction]]:
    """The instructions of an amending law in a file (Markdown or text, one version or both),
    by the language of each version; every line that cannot be read is L001."""
    from ..parse.amending_law import read_law
    from ..store.document import InputError, check_size

    check_size(path)
    text, problems = decode(path.name, path.read_bytes())
    if text is None:
        if problems:
            raise InputError(msg("{path}: not UTF-8 text; {problem}", path=str(path), problem=problems[0].message))
        raise InputError(msg("{path}: not UTF-8 text", path=str(path)))
    law = read_law(text, str(path))
    if not law.problems and not any(law.versions.values()):
        law.problems.append(rule("L001").at(SourceLocation(str(path), 1), msg("no instructions found")))
    if law.problems:
        raise LawUnreadable(law.problems)
    return law.versions


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
    if code.stage is Stage.DRAFT:  # as `kodeks amend` refuses to write one for a draft
        raise ApplyError(
            msg("the Code is a draft: an amending law changes a text in force (stage: in-force); edit the draft itself")
        )
    state = _State(dict(files), code, paths)
    both = len(versions) > 1
    problems: list[Message] = []
    for version, instructions in versions.items():
        for number, instruction in enumerate(instructions, start=1):
            if both and instruction.language != version:
                continue
            try:
                state.carry_out(instruction)
            except ApplyError as error:
                problems.append(
                    msg(
                        "{language}, instruction {number}: {problem}",
                        language=version,
                        number=number,
                        problem=error.message,
                    )
                )
    if problems:
        raise ApplyError(
            msg(
                "the amending law cannot be applied; nothing was written:\n{problems}",
                problems="\n".join(str(p) for p in problems),
            )
        )
    return {path: text for path, text in state.files.items() if files.get(path) != text}


class _State:
    """The files as the instructions change them; an article is read again after each change."""

    def __init__(self, files: dict[str, str], code: Code, paths: Mapping[LegalNumber, str] | None) -> None:
        self.files = files
        self.code = code
        known = {a.number: a.path for a in code.articles.values() if a.number is not None}
        self.paths = dict(paths) if paths is not None else known
        self._parsed: dict[str, tuple[str, Article]] = {}
        self.language = code.languages[0] if code.languages else "ru"
        """The language of the instruction being carried out: messages name units in it."""
        self._added: set[str] = set()
        """Files of articles this law adds: the other language's version fills them in."""

    def article(self, number: LegalNumber) -> Article:

        path = self.paths.get(number)
        if path is None:
            raise ApplyError(msg("the text has no article {article}", article=str(number)))
        text = self.files[path]
        cached = self._parsed.get(path)
        if cached is None or cached[0] != text:
            article, _ = parse_article(path, text, self.code.languages)
            if article is None:
                raise ApplyError(msg("{path} cannot be read", path=path))
            cached = (text, article)
            self._parsed[path] = cached
        return cached[1]

    def edit(self, path: str, edits: Sequence[Any]) -> None:

        self.files.update(Texts({path: self.files[path]}).apply(edits))

    def _where(self, path: UnitPath) -> str:
        return _where(path, self.language)

    def carry_out(self, instruction: Instruction) -> None:
        self.language = instruction.language
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
            raise ApplyError(
                msg("article {article} has no {language} text", article=str(path.article), language=language)
            )
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
                self.carry_out(replace(instruction, path=sibling_path(path, label, language), added=()))
            return
        unit = self._unit(article, text, path)
        if instruction.op in (Op.REPLACE, Op.DELETE, Op.INSERT_AFTER, Op.INSERT_BEFORE):
            self._words(article, unit, instruction)
        elif instruction.op is Op.REPEAL and isinstance(unit, Paragraph):
            self._paragraph(article, unit, repealed_wording(language, "paragraph", unit.plain_text), instruction)
        elif instruction.op is Op.REPEAL:
            label = f"{unit.label}." if isinstance(unit, Part) else f"{unit.label})"
            last = unit_paragraphs(unit)[-1].plain_text
            self._replace_unit(article, text, unit, [f"{label} {repealed_wording(language, path.kind, last)}"])
        elif instruction.op is Op.RESTATE:
            self._restate(article, text, unit, instruction)

    # -- units ------------------------------------------------------------------------------

    def _unit(self, article: Article, text: ArticleText, path: UnitPath) -> Any:

        target = ReferenceTarget(TargetKind.ARTICLE, article.id, path.part, path.point, path.subpoint, path.paragraph)
        found = find_unit(text, target)
        if isinstance(found, Message):  # what is missing, in words
            raise ApplyError(msg("{where}: the text has no {unit}", where=self._where(path), unit=found))
        return found

    def _words(self, article: Article, unit: Any, instruction: Instruction) -> None:

        paragraphs = [unit] if isinstance(unit, Paragraph) else unit_paragraphs(unit)
        holding = [p for p in paragraphs if instruction.old in p.plain_text]
        count = sum(p.plain_text.count(instruction.old) for p in holding)
        assert instruction.path is not None
        if wording.is_mark(instruction.old):  # the unit's last sign
            holding, count = paragraphs[-1:], int(paragraphs[-1].plain_text.endswith(instruction.old))
            if count != 1:
                where = self._where(instruction.path)
                raise ApplyError(
                    msg("{where}: the unit does not end with «{words}»", where=where, words=instruction.old)
                )
        if count != 1:
            where = self._where(instruction.path)
            raise ApplyError(
                plural(
                    "{where}: the words «{words}» occur {count} time, not once",
                    "{where}: the words «{words}» occur {count} times, not once",
                    count,
                    where=where,
                    words=instruction.old,
                )
            )
        new_text = carry_out(holding[0].plain_text, instruction)
        assert new_text is not None

        texts = Texts({article.path: self.files[article.path]})
        try:
            self.edit(article.path, paragraph_edits(texts, holding[0], new_text))
        except CannotApply as error:
            raise ApplyError(_at(self._where(instruction.path), error)) from None

    def _restate(self, article: Article, text: ArticleText, unit: Any, instruction: Instruction) -> None:
        content = list(instruction.content)
        if isinstance(unit, Paragraph) and len(content) == 1:
            self._paragraph(article, unit, content[0], instruction)
            return
        if isinstance(unit, _LEVELS) and len(content) == 1 and len(unit_paragraphs(unit)) == 1:
            label = f"{unit.label}." if isinstance(unit, Part) else f"{unit.label})"
            if content[0].startswith(label + " "):
                self._paragraph(article, unit_paragraphs(unit)[0], content[0][len(label) + 1 :], instruction)
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
            raise ApplyError(_at(self._where(instruction.path), error)) from None

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
        siblings = unit_children(parent)
        new_number = path.part if path.kind == "part" else path.point
        before = [
            s
            for s in siblings
            if not isinstance(s, Subpoint) and s.number is not None and new_number is not None and s.number < new_number
        ]
        if any(not isinstance(s, Subpoint) and s.number == new_number for s in siblings):
            raise ApplyError(msg("{where}: the unit already exists", where=self._where(path)))
        source = self.files[article.path]
        if before:
            _, end = _span(source, text, before[-1])
            indent = _indent_of(source, before[-1].location.line)
        elif siblings:
            end = siblings[0].location.line
            indent = _indent_of(source, end)
        else:
            raise ApplyError(msg("{where}: no unit to add it after", where=self._where(path)))
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
        if isinstance(unit, Subpoint) or unit_children(unit):
            raise ApplyError(msg("{where}: an абзац is added only to a unit of paragraphs", where=self._where(path)))
        paragraphs = own_paragraphs(unit)
        if not 1 < path.paragraph <= len(paragraphs) + 1:
            raise ApplyError(
                plural(
                    "{where}: the unit has {count} абзац",
                    "{where}: the unit has {count} абзацы",
                    len(paragraphs),
                    where=self._where(path),
                )
            )
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
            raise ApplyError(
                msg(
                    "article {article}: its {language} title cannot be found in the front matter",
                    article=str(article.number),
                    language=language,
                )
            )
        self.edit(article.path, [edit])

    def _restate_article(self, article: Article, text: ArticleText, instruction: Instruction) -> None:
        content = list(instruction.content)
        heading = content[0] if content else ""
        label = wording.article_label(text.language, article.number)
        if not heading.startswith(label):
            raise ApplyError(_no_heading(str(article.number), label))
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
            raise ApplyError(msg("{path}: no «## {language}» section", path=path, language=language))
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
            raise ApplyError(
                msg("article {article}: `status:` cannot be found in its front matter", article=str(article.number))
            )
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
            raise ApplyError(_no_heading(str(path.article), label))
        title = content[0][len(label) :].lstrip(".").strip()
        body = _markdown(content[1:], language)
        existing = self.paths.get(path.article)
        if existing is not None and existing in self._added:
            if f"## {language}" in self.files[existing]:
                raise ApplyError(
                    msg("article {article} is added twice in {language}", article=str(path.article), language=language)
                )
            section = f"\n\n## {language}\n\n" + "\n".join(body).rstrip("\n") + "\n"
            self.files[existing] = self.files[existing].rstrip("\n") + section
            self._set_title_language(existing, language, title)
            return
        if existing is not None:
            raise ApplyError(msg("article {article} already exists", article=str(path.article)))
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
            raise ApplyError(msg("{path} cannot be read", path=self.code.path))
        chapter = next(
            (
                c
                for c in structure.chapters
                if instruction.chapter is None or structure.numbering().chapters.get(c.id) == instruction.chapter
            ),
            None,
        )
        if chapter is None:
            raise ApplyError(msg("the text has no chapter {chapter}", chapter=str(instruction.chapter)))
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
                        raise ApplyError(
                            msg("article {article}: {problem}", article=str(number), problem=error.message)
                        ) from None
            if edits:
                self.edit(article.path, edits)


def _where(path: UnitPath, language: str) -> str:
    return wording.unit_place(language, path.article, _target(path))


def _at(where: str, error: CannotApply) -> Message:
    """Why a unit's words cannot be carried into its Markdown, after the unit's name."""
    return msg("{where}: {problem}", where=where, problem=error.message)


def _no_heading(article: str, label: str) -> Message:
    return msg("article {article}: the new text does not open with «{label}. …»", article=article, label=label)


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
        raise ApplyError(
            msg(
                "the new text cannot be read as units: {problems}",
                problems="; ".join(str(p.message) for p in statute.problems[:3]),
            )
        )
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
    raise ApplyError(msg("the unit's place in its file cannot be found"))


def article_paths(files: Mapping[str, str], folder: str) -> dict[LegalNumber, str]:
    """The article files of a text in force by their numbers, read off their front matter
    without parsing them (a law that touches a few articles reads only those)."""
    found = {}
    for path, text in files.items():
        if path.startswith(folder + "/") and path.endswith(".md") and path.count("/") == folder.count("/") + 1:
            match = NUMBER_LINE.search(text.split("\n---", 1)[0])
            number = LegalNumber.parse(match.group(1)) if match else None
            if number is not None:
                found[number] = path
    return found


def sibling_path(path: UnitPath, label: str, language: str) -> UnitPath:
    """The unit ``label`` beside the one ``path`` names (a part, point or subpoint)."""
    if path.kind == "subpoint":
        return replace(path, subpoint=label)
    number = LegalNumber.parse(label)
    if number is None:
        raise ApplyError(msg("{where}: «{label}» is not a number", where=_where(path, language), label=label))
    return replace(path, point=number) if path.kind == "point" else replace(path, part=number)
