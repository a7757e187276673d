"""``kodeks import``: an existing act, read from its published text, as files of the repository.

One or two statutes (ru, ky, merged by article number) become ``code_text/acts/<id>/act.yaml``
and one Markdown file per article. Nothing is reworded: each line of the input is one paragraph
of the output, and the written files are read back with kodeks's own parser and compared, unit
by unit and word by word, with what was read; any difference stops the import.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .diagnostics import Diagnostic, SourceLocation
from .edit.as_markdown import inline_markdown, line_markdown, markdown_lines
from .errors import KodeksError, SelfCheckError
from .messages import Message, msg, plural
from .model import Code, LegalNumber, ReferenceTarget, references_text
from .parse import parse_article, parse_structure
from .parse.citations_in_text import find_citations, segments
from .parse.statute import Statute, StatuteArticle, StatuteBlock, StatuteHeading
from .rules import rule
from .snapshot import ACT_FILE, ACTS_DIR
from .wording import LEGAL_LANGUAGES


class ImportProblemsError(KodeksError):
    """The input has lines that could not be placed, or its languages disagree; nothing is written."""

    exit_code = 1

    def __init__(self, problems: Sequence[Diagnostic]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)


@dataclass(frozen=True, slots=True)
class ImportedAct:
    files: dict[str, str]
    """Repository path → text, for the act's folder."""
    articles: int
    units: int
    """Parts, points, subpoints, абзацы and notes written, over all languages."""
    unlinked: tuple[Diagnostic, ...] = ()
    """References to the act itself kept as words, because they could not be read unambiguously."""


def import_act(
    code: Code,
    act_id: str,
    statutes: Sequence[Statute],
    number: str | None = None,
    adopted: datetime.date | None = None,
    shown: Sequence[str] = (),
) -> ImportedAct:
    """The files of act ``act_id`` (listed under ``acts:``) made from ``statutes``; ``number``
    and ``adopted`` where the header does not say them (or says them wrong). ``shown``: each
    file read a second, independent way (``store.document.words_shown``): a word of it the files
    would not hold stops the import."""
    if act_id not in code.acts:
        raise KodeksError(msg("act `{id}` is not listed under `acts:` in code.yaml: add it there first", id=act_id))
    languages = [s.language for s in statutes]
    if len(set(languages)) != len(languages):
        raise KodeksError(
            msg(
                "two inputs in the same language ({languages}): give one text per language",
                languages=", ".join(languages),
            )
        )
    problems = [p for s in statutes for p in s.problems]
    ordered = sorted(statutes, key=lambda s: LEGAL_LANGUAGES.index(s.language))
    problems += _disagreements(ordered)
    for statute in ordered:
        if not statute.title:
            problems.append(
                rule("I001").at(
                    SourceLocation(statute.path, 1),
                    msg("the header does not give the act's title (a line «О …» / «… жөнүндө»): give it with --title"),
                )
            )
        seen: dict[tuple[str, str], int] = {}
        for unit in statute.outline:
            kind = unit.kind if isinstance(unit, StatuteHeading) else "article"
            first = seen.setdefault((kind, str(unit.number)), unit.line)
            if first != unit.line:
                problems.append(
                    rule("I001").at(
                        SourceLocation(statute.path, unit.line),
                        _again(kind, str(unit.number), first),
                    )
                )
            if not unit.title and kind != "article":
                problems.append(
                    rule("I001").at(SourceLocation(statute.path, unit.line), _untitled(kind, str(unit.number)))
                )
            if isinstance(unit, StatuteArticle) and not unit.blocks and not unit.repealed:
                problems.append(
                    rule("I001").at(
                        SourceLocation(statute.path, unit.line),
                        msg(
                            "article {number} has no text (a repealed one says «(Утратила силу …)»)",
                            number=str(unit.number),
                        ),
                    )
                )
    number = number or next((s.number for s in ordered if s.number), None)
    adopted = adopted or next((s.adopted for s in ordered if s.adopted), None)
    if number is None or adopted is None:
        if number is None and adopted is None:
            missing = msg("the header does not give the act's number (--number) and date of adoption (--adopted)")
        elif number is None:
            missing = msg("the header does not give the act's number (--number)")
        else:
            missing = msg("the header does not give the act's date of adoption (--adopted)")
        problems.append(rule("I001").at(SourceLocation(ordered[0].path, 1), missing))
    if any(p.is_error for p in problems):
        raise ImportProblemsError(problems)
    assert number is not None and adopted is not None

    folder = f"{ACTS_DIR}/{act_id}"
    files = {f"{folder}/{ACT_FILE}": _act_yaml(act_id, ordered, number, adopted)}
    units = 0
    unlinked: list[Diagnostic] = []
    indexes = [_index(statute) for statute in ordered]  # once: per article it made import quadratic
    for articles in zip(*(s.articles for s in ordered), strict=True):
        path = f"{folder}/articles/{_article_id(articles[0].number)}.md"
        files[path] = _article_file(_article_id(articles[0].number), ordered, indexes, articles, unlinked)
        units += sum(len(a.blocks) for a in articles)
    _read_back(folder, files, ordered)
    # Without the second readings (a caller that has none) nothing is compared.
    lost = [(s, words) for s, text in zip(statutes, shown, strict=False) if (words := lost_words(text, files))]
    if lost:
        raise ImportProblemsError(
            [
                rule("I001").at(
                    SourceLocation(statute.path, 1),
                    plural(
                        "{count} word of the file would not be in the act's files: {words}; "
                        "nothing written: please report this file (the import would lose words)",
                        "{count} words of the file would not be in the act's files: {words}; "
                        "nothing written: please report this file (the import would lose words)",
                        len(words),
                        words=", ".join(f"«{word}»" for word in dict.fromkeys(words[:12])),
                    ),
                )
                for statute, words in lost
            ]
        )
    return ImportedAct(files, len(ordered[0].articles), units, tuple(unlinked))


def _units(article: StatuteArticle) -> set[tuple[object, ...]]:
    """What a reference may name in an article: its parts, points and subpoints."""
    found: set[tuple[object, ...]] = set()
    part: LegalNumber | None = None
    point: LegalNumber | None = None
    for block in article.blocks:
        if block.kind == "part":
            part, point = LegalNumber.parse(block.label), None
            found.add((part, None, None))
        elif block.kind == "point":
            point = LegalNumber.parse(block.label)
            found.add((part, point, None))
        elif block.kind == "subpoint":
            found.add((part, point, block.label))
    return found


_Index = tuple[dict[str, StatuteArticle], dict[str, set[tuple[object, ...]]]]


def _index(statute: Statute) -> _Index:
    """An act's articles by number, and each article's units by id: what its references may name."""
    articles = statute.articles
    return {str(a.number): a for a in articles}, {_article_id(a.number): _units(a) for a in articles}


def _linker(
    statute: Statute, index: _Index, article: StatuteArticle, unlinked: list[Diagnostic]
) -> Callable[[StatuteBlock], str]:
    """Markdown of a block's text with the act's references to itself as links."""
    by_number, units = index

    def article_id(number: str) -> str | None:
        return _article_id(by_number[number].number) if number in by_number else None

    def exists(target: ReferenceTarget) -> bool:
        inside = units.get(target.id, set())
        if target.part is None and target.point is None:
            return target.id in units
        return (target.part, target.point, target.subpoint) in inside

    def link(block: StatuteBlock) -> str:
        found = find_citations(block.text, statute.language, _article_id(article.number), article_id, exists)
        for citation in found:
            if citation.targets is None:
                unlinked.append(
                    rule("I002").at(
                        SourceLocation(statute.path, block.line),
                        msg(
                            "«{quoted}» kept as words: it does not say unambiguously which unit of this act it names",
                            quoted=block.text[citation.start : citation.end],
                        ),
                    )
                )
        pieces: list[str] = []
        for text, targets in segments(block.text, found):
            if targets is None:
                pieces.append(line_markdown(text) if not pieces else inline_markdown(text))
            else:
                label = inline_markdown(text)
                pieces.append(f"[{label}]({references_text(targets)})")
        return "".join(pieces)

    return link


def _disagreements(statutes: Sequence[Statute]) -> list[Diagnostic]:
    """Two languages of one act must have the same headings and articles, in the same order."""
    if len(statutes) < 2:
        return []
    first, second = statutes
    problems = []
    for one, other in zip(first.outline, second.outline, strict=False):
        if type(one) is not type(other) or one.number != other.number or _kind(one) != _kind(other):
            problems.append(
                rule("I001").at(
                    SourceLocation(second.path, other.line),
                    msg(
                        "{unit} stands where the {language} text has {other} ({location}): "
                        "the languages must have the same headings and articles",
                        unit=_describe(other),
                        language=first.language,
                        other=_describe(one),
                        location=str(SourceLocation(first.path, one.line)),
                    ),
                )
            )
            return problems
    if len(first.outline) != len(second.outline):
        longer = first if len(first.outline) > len(second.outline) else second
        extra = longer.outline[min(len(first.outline), len(second.outline))]
        problems.append(
            rule("I001").at(
                SourceLocation(longer.path, extra.line),
                msg("{unit} has no counterpart in the other language's text", unit=_describe(extra)),
            )
        )
    return problems


def _kind(unit: StatuteHeading | StatuteArticle) -> str:
    return unit.kind if isinstance(unit, StatuteHeading) else "article"


def _describe(unit: StatuteHeading | StatuteArticle) -> Message:
    """«article 5», «chapter 2», «section 1»: a unit as a finding names it."""
    kind, number = _kind(unit), str(unit.number)
    if kind == "section":
        return msg("section {number}", number=number)
    if kind == "chapter":
        return msg("chapter {number}", number=number)
    return msg("article {number}", number=number)


def _again(kind: str, number: str, first: int) -> Message:
    """A unit whose number an earlier one of its kind already has."""
    if kind == "section":
        return msg(
            "section {number} again (the first is on line {line}): two units cannot share a number",
            number=number,
            line=first,
        )
    if kind == "chapter":
        return msg(
            "chapter {number} again (the first is on line {line}): two units cannot share a number",
            number=number,
            line=first,
        )
    return msg(
        "article {number} again (the first is on line {line}): two units cannot share a number",
        number=number,
        line=first,
    )


def _untitled(kind: str, number: str) -> Message:
    """A heading without its title (an article may have none)."""
    if kind == "section":
        return msg("section {number} has no title", number=number)
    return msg("chapter {number} has no title", number=number)


def _article_id(number: LegalNumber) -> str:
    return f"art-{number}"


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escaping is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _per_language(values: Mapping[str, str]) -> str:
    return "{" + ", ".join(f"{language}: {_quoted(value)}" for language, value in values.items()) + "}"


def _lines_per_language(key: str, values: Mapping[str, Sequence[str]]) -> str:
    present = {language: lines for language, lines in values.items() if lines}
    if not present:
        return ""
    out = [f"{key}:"]
    for language, lines in present.items():
        out.append(f"  {language}:")
        out += [f"    - {_quoted(line)}" for line in lines]
    return "\n".join(out) + "\n"


def _act_yaml(act_id: str, statutes: Sequence[Statute], number: str, adopted: datetime.date) -> str:
    first = statutes[0]
    text = (
        "# Imported by `kodeks import`: the text is as published, word for word.\n"
        f"id: {act_id}\nstage: in-force\nlanguages: [{', '.join(s.language for s in statutes)}]\n"
        f"title: {_per_language({s.language: s.title for s in statutes})}\n"
        f"number: {_quoted(number)}\n"
        f"adopted: {adopted.isoformat()}\n"
        "status: in-force\n"
    )
    published = {s.language: s.publication for s in statutes if s.publication}
    text += f"publication: {_per_language(published)}\n" if published else ""
    text += _lines_per_language("preamble", {s.language: s.preamble for s in statutes})
    text += _lines_per_language("history", {s.language: s.history for s in statutes})
    text += _lines_per_language("signature", {s.language: s.signature for s in statutes})
    headings = [unit for unit in first.outline if isinstance(unit, StatuteHeading)]
    titles = {
        id(unit): {s.language: s.outline[index].title for s in statutes}
        for index, unit in enumerate(first.outline)
        if isinstance(unit, StatuteHeading)
    }
    has_sections = any(h.kind == "section" for h in headings)
    leading = []  # articles before the first heading, as article 1 of Law No 123
    for unit in first.outline:
        if isinstance(unit, StatuteHeading):
            break
        leading.append(unit)
    lines = []
    if headings and leading:
        lines.append("articles: [" + ", ".join(_article_id(a.number) for a in leading) + "]")
    lines.append("sections:" if has_sections else "chapters:")
    chapter_indent = "    " if has_sections else ""
    chapter_open = False
    if not headings:  # an act without chapters is kept as one, under the act's title
        lines += [
            "  - id: text",
            "    number: 1",
            f"    title: {_per_language({s.language: s.title for s in statutes})}",
            "    articles:",
        ]
        chapter_open = True
    in_section = None  # what the current section lists so far: "", "articles" or "chapters"
    for unit in first.outline:
        if isinstance(unit, StatuteHeading) and unit.kind == "section":
            lines += [
                f"  - id: section-{unit.number}",
                f"    number: {unit.number}",
                f"    title: {_per_language(titles[id(unit)])}",
            ]
            chapter_open, in_section = False, ""
        elif in_section in ("", "articles") and not chapter_open and not isinstance(unit, StatuteHeading):
            if in_section != "articles":  # a section that holds articles directly
                lines.append("    articles:")
                in_section = "articles"
            lines.append(f"      - {_article_id(unit.number)}")
        elif isinstance(unit, StatuteHeading):
            if in_section is not None and in_section != "chapters":
                lines.append("    chapters:")
                in_section = "chapters"
            lines += [
                f"{chapter_indent}  - id: chapter-{unit.number}",
                f"{chapter_indent}    number: {_quoted(str(unit.number)) if unit.number.is_insertion else unit.number}",
                f"{chapter_indent}    title: {_per_language(titles[id(unit)])}",
                f"{chapter_indent}    articles:",
            ]
            chapter_open = True
        elif chapter_open:
            lines.append(f"{chapter_indent}      - {_article_id(unit.number)}")
    return text + "\n".join(lines) + "\n"


def _article_file(
    article_id: str,
    statutes: Sequence[Statute],
    indexes: Sequence[_Index],
    articles: Sequence[StatuteArticle],
    unlinked: list[Diagnostic],
) -> str:
    first = articles[0]
    number = _quoted(str(first.number)) if first.number.is_insertion else str(first.number)
    front = [
        "---",
        f"id: {article_id}",
        f"number: {number}",
        f"title: {_per_language({s.language: a.title for s, a in zip(statutes, articles, strict=True)})}",
        f"status: {'repealed' if all(a.repealed for a in articles) else 'agreed'}",
    ]
    if not any(a.title for a in articles):  # an amending law's «1-берене» has no title: none is invented
        front.remove(front[3])
    history = {s.language: a.history for s, a in zip(statutes, articles, strict=True)}
    if any(history.values()):
        front.append(_lines_per_language("history", history).rstrip("\n"))
    front.append("---")
    body = []
    for statute, index, article in zip(statutes, indexes, articles, strict=True):
        if article.repealed:
            continue
        body += ["", f"## {statute.language}", ""]
        body += markdown_lines(article.blocks, _linker(statute, index, article, unlinked))
    return "\n".join(front) + "\n" + "\n".join(body).rstrip("\n") + "\n"


def _read_back(folder: str, files: Mapping[str, str], statutes: Sequence[Statute]) -> None:
    """Parse what is about to be written and compare it, unit by unit, with what was read."""
    languages = tuple(s.language for s in statutes)
    structure, problems = parse_structure(f"{folder}/{ACT_FILE}", files[f"{folder}/{ACT_FILE}"], act=True)
    if structure is None or problems:
        raise SelfCheckError(
            "internal error: the act.yaml written does not read back: " + "; ".join(map(str, problems))
        )
    for statute in statutes:
        for article in statute.articles:
            path = f"{folder}/articles/{_article_id(article.number)}.md"
            parsed, problems = parse_article(path, files[path], languages)
            errors = [p for p in problems if p.is_error]
            if parsed is None or errors:
                raise SelfCheckError(f"internal error: {path} does not read back: " + "; ".join(map(str, errors)))
            if tuple(parsed.history.get(statute.language, ())) != tuple(article.history):
                raise SelfCheckError(
                    f"{statute.path}: internal error: kodeks would read the history notes of article "
                    f"{article.number} back differently; nothing was written"
                )
            if article.repealed:
                continue
            read = [(line.label, line.plain_text) for line in parsed.texts[statute.language].printed()]
            expected = [_printed(block) for block in article.blocks]
            if read != expected:
                mismatch = next((i for i, (a, b) in enumerate(zip(read, expected, strict=False)) if a != b), 0)
                line = article.blocks[min(mismatch, len(article.blocks) - 1)].line
                raise SelfCheckError(
                    f"{statute.path}:{line}: internal error: kodeks would read this unit back differently "
                    f"({read[mismatch] if mismatch < len(read) else 'nothing'} instead of "
                    f"{expected[mismatch] if mismatch < len(expected) else 'nothing'}); nothing was written"
                )


def _printed(block: StatuteBlock) -> tuple[str, str]:
    if block.kind == "part" or block.kind == "note":
        return f"{block.label}.", block.text
    if block.kind in ("point", "subpoint"):
        return f"{block.label})", block.text
    return "", block.text


def changes_for(existing: Mapping[str, str], imported: ImportedAct, act_id: str) -> dict[str, str | None]:
    """What importing writes over the act's folder: the files that differ, and the removal of
    article files an earlier import wrote that this one does not (a re-import replaces the text
    whole). Nothing else in the folder is import's: the working group's ``dispositions.yaml``
    (its decision on every provision) and anything it keeps there stay as they are."""
    articles = f"{ACTS_DIR}/{act_id}/articles/"
    changes: dict[str, str | None] = {path: text for path, text in imported.files.items() if existing.get(path) != text}
    for path in existing:
        if path.startswith(articles) and path.endswith(".md") and path.count("/") == articles.count("/"):
            if path not in imported.files:
                changes[path] = None
    return changes


_STRUCTURE_WORDS = frozenset({"статья", "раздел", "глава", "берене", "бөлүм"})
"""Words of the headings that the files hold as structure, not as text."""


def _words(text: str) -> Counter[str]:
    """Words and single digits, compared without case or compatibility forms («5¹» is 5 and 1)."""
    import unicodedata

    tokens = re.findall(r"[^\W\d_]+|\d", unicodedata.normalize("NFKC", text).casefold())
    return Counter(t for t in tokens if t not in _STRUCTURE_WORDS and not re.fullmatch(r"[ivxlc]+", t))


def lost_words(source: str, files: Mapping[str, str]) -> list[str]:
    """The words of ``source`` (an independent reading of the input) that none of ``files``
    holds: what an import would drop without a word."""
    missing = _words(source) - _words("\n".join(files.values()))
    return sorted(missing.elements())
