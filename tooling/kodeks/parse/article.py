"""One article file: YAML front matter, then one ``## <lang>`` section per language."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ..diagnostics import Diagnostic, SourceLocation
from ..messages import Message, msg, plural
from ..model import (
    ALL_LANGUAGES,
    SUBPOINT_LETTERS,
    Article,
    ArticleText,
    Block,
    Inline,
    LegalNumber,
    Link,
    Note,
    Notes,
    Paragraph,
    Part,
    Point,
    SourceProvision,
    Status,
    Subpoint,
    TargetKind,
    Text,
)
from ..rules import rule
from ..wording import NOTES_OPENING
from ..yamlsafe import YamlPath, load_yaml
from .fields import FieldReader
from .markdown import BodyToken, body_parser
from .plain_markdown import plain_tokens
from .reference import SYNTAX, parse_reference, parse_references

MAX_FRONT_MATTER = 64 * 1024
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_ARTICLE_KEYS = ("id", "number", "title", "status", "sources", "notes", "history")
_SOURCE_KEYS = ("act", "article", "part", "point", "subpoint", "paragraph")
_SCHEMES = tuple(f"{kind.value}:" for kind in TargetKind)
_UNSUPPORTED = {
    "bullet_list_open": msg("bulleted lists are not used in the Code: number parts «1.» and points «1)»"),
    "blockquote_open": msg("quotations («> …») are not used in the Code"),
    "table_open": msg("tables are not supported in articles yet"),
    "fence": msg("code blocks are not used in the Code"),
    "code_block": msg(
        "text indented by 4 or more spaces reads as a code block: indent points by 3 spaces under «1.», 4 under «10.»"
    ),
    "hr": msg("horizontal rules («---») are not used in article bodies"),
    "heading_open": msg("headings other than the language sections («## ky», «## ru») are not used in article bodies"),
}


def split_front_matter(path: str, text: str) -> tuple[str, str, int] | Diagnostic:
    """``(front_matter, body, body_line_offset)``, or the Y001/Y011 problem."""
    if not text.startswith("---") or _FENCE.match(text) is None:
        return rule("Y001").at(
            SourceLocation(path),
            msg("the file must begin with front matter: a line `---`, the YAML keys, and a closing `---`"),
        )
    first_line_end = text.find("\n")
    if first_line_end < 0:
        return rule("Y001").at(SourceLocation(path), msg("front matter is not closed with a line `---`"))
    closing = _FENCE.search(text, first_line_end + 1)
    if closing is None:
        return rule("Y001").at(SourceLocation(path), msg("front matter is not closed with a line `---`"))
    front_matter = text[first_line_end + 1 : closing.start()]
    if len(front_matter) > MAX_FRONT_MATTER:
        return rule("Y011").at(
            SourceLocation(path, 2),
            plural(
                "front matter is {size} character; the limit is {limit}",
                "front matter is {size} characters; the limit is {limit}",
                len(front_matter),
                size=format(len(front_matter), ","),
                limit=format(MAX_FRONT_MATTER, ","),
            ),
        )
    body_start = text.find("\n", closing.end())
    body = "" if body_start < 0 else text[body_start + 1 :]
    body_offset = text.count("\n", 0, body_start + 1) if body_start >= 0 else text.count("\n") + 1
    return front_matter, body, body_offset


def parse_article(path: str, text: str, languages: Sequence[str]) -> tuple[Article | None, list[Diagnostic]]:
    """Parse an article file. Returns None only when the front matter cannot be read at all."""
    split = split_front_matter(path, text)
    if isinstance(split, Diagnostic):
        return None, [split]
    front_matter, body, body_offset = split
    document, diagnostics = load_yaml(path, front_matter, line_offset=1)
    if document is None:
        return None, diagnostics
    reader = FieldReader(document, diagnostics)
    meta = reader.mapping(document.value, (), msg("the front matter"))
    if meta is None:
        return None, diagnostics
    # An existing act's article may have no title, as an amending law's «1-берене» has none;
    # the Code's own articles always have one.
    required = ("id", "number", "status") if "/acts/" in f"/{path}" else ("id", "number", "title", "status")
    reader.check_keys(meta, (), required, _ARTICLE_KEYS, msg("the front matter"))

    stem = path.rsplit("/", 1)[-1].removesuffix(".md")
    article_id = reader.identifier(meta, ())
    if article_id is not None and article_id != stem:
        reader.report(
            "Y008",
            ("id",),
            msg(
                "`id: {id}` differs from the file name `{file}`: rename the file or fix the id",
                id=article_id,
                file=stem + ".md",
            ),
        )
    status = Status.DRAFT
    if "status" in meta:
        try:
            status = Status(meta["status"])
        except ValueError:
            reader.report(
                "Y006",
                ("status",),
                msg(
                    "`status: {value}` must be one of: {choices}",
                    value=str(meta["status"]),
                    choices=", ".join(s.value for s in Status),
                ),
            )

    body_parser_state = _BodyReader(path, body, body_offset, tuple(languages), diagnostics)
    texts = body_parser_state.read()
    article = Article(
        id=stem,
        number=reader.number(meta, ()),
        title=reader.titles(meta, (), tuple(languages), msg("article `{id}`", id=stem)),
        status=status,
        texts=texts,
        sources=_sources(reader, meta),
        notes=_notes(reader, meta, tuple(languages)),
        history=reader.lines_per_language(meta, (), "history"),
        path=path,
        key_locations={key: document.location((key,)) for key in meta}
        | {f"title.{lang}": document.location(("title", lang)) for lang in _keys(meta.get("title"))},
    )
    return article, diagnostics


def _notes(reader: FieldReader, meta: dict[str, Any], languages: tuple[str, ...]) -> dict[str, str]:
    """``notes: "…"`` (for every language) or ``notes: {ru: "…"}`` (in the language it is written in,
    so a Russian note is not shown under the Kyrgyz label)."""
    value = meta.get("notes")
    if value is None:
        return {}
    if isinstance(value, str):
        return {ALL_LANGUAGES: value}
    if isinstance(value, dict) and all(k in languages and isinstance(v, str) for k, v in value.items()):
        return dict(value)
    reader.report(
        "Y006", ("notes",), msg("`notes:` is text, or text per language ({languages})", languages=", ".join(languages))
    )
    return {}


def _sources(reader: FieldReader, meta: dict[str, Any]) -> tuple[SourceProvision, ...]:
    """``sources:`` items, each ``act:ID/17#1.2`` or ``{act: ID, article: 17, part: 1, point: 2}``."""
    provisions = []
    for index, item in enumerate(reader.sequence(meta, (), "sources")):
        path: YamlPath = ("sources", index)
        if isinstance(item, str):
            locator = item
        else:
            mapping = reader.mapping(item, path, msg("a source"))
            if mapping is None:
                continue
            reader.check_keys(mapping, path, ("act", "article"), _SOURCE_KEYS, msg("a source"))
            fields: dict[str, str] = {}
            for key in _SOURCE_KEYS:
                value = mapping.get(key)
                if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int))):
                    reader.report("Y006", path + (key,), msg("`{key}:` of a source must be text or a number", key=key))
                elif value is not None:
                    fields[key] = str(value)
            if "act" not in fields or "article" not in fields:
                continue
            inner = ".".join([fields.get("part", ""), fields.get("point", ""), fields.get("subpoint", "")]).rstrip(".")
            if "paragraph" in fields:
                inner = (inner + "." if inner else "") + "abz" + fields["paragraph"]
            locator = f"act:{fields['act']}/{fields['article']}" + (f"#{inner}" if inner else "")
        target = parse_reference(locator)
        if target is None or target.kind is not TargetKind.ACT or target.article is None:
            reader.report(
                "Y006",
                path,
                msg(
                    "source `{locator}` is not a provision of an act: write act:ID/ARTICLE, act:ID/ARTICLE#PART.POINT "
                    "(or the keys act, article, part, point, subpoint, paragraph)",
                    locator=str(locator),
                ),
            )
            continue
        provisions.append(SourceProvision(target, reader.document.location(path)))
    return tuple(provisions)


def _block_spans(tokens: Sequence[BodyToken], start: int, stop: int) -> Iterator[tuple[int, int]]:
    """``(open, close)`` indices of the blocks directly inside ``tokens[start:stop]``."""
    index = start
    while index < stop:
        if tokens[index].nesting != 1:
            yield index, index
            index += 1
            continue
        depth, close = 1, index + 1
        while depth:
            depth += tokens[close].nesting
            close += 1
        yield index, close - 1
        index = close


_SUBPOINT_MARKER = re.compile(rf"([{SUBPOINT_LETTERS}ёйъыь])\)[ \t]+")
"""«а) » opening a paragraph (the raw source: an escaped «а\\)» is text). Letters legal practice
skips are read as markers too, so that N009 can name them."""


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_NEAR_LINK = re.compile(r"\[[^\]\n]{1,200}\]\s+\((?:art|ch|sec|act):([^)\s]{1,200})\)")
"""Words in brackets, then a reference target in parentheses, with a space between."""
_FOLDED_MARKER = re.compile(rf"(\s*)([0-9]+(?:-[0-9]+)*[.)]|[{SUBPOINT_LETTERS}]\))(?=\s|$)")
"""A part (``2.``), point (``2)``) or subpoint (``а)``) marker at the start of a line."""


class _BodyReader:
    """Converts markdown-it tokens of one body into :class:`ArticleText` values, once."""

    def __init__(
        self, path: str, body: str, line_offset: int, languages: tuple[str, ...], diagnostics: list[Diagnostic]
    ) -> None:
        self.path = path
        self.lines = body.split("\n")
        self.line_offset = line_offset
        self.languages = languages
        self.diagnostics = diagnostics
        tokens: Sequence[BodyToken] | None = plain_tokens(body) if body.strip() else []
        self.tokens = body_parser().parse(body) if tokens is None else tokens

    def at(self, token: BodyToken) -> SourceLocation:
        line = token.map[0] if token.map else 0
        return SourceLocation.from_zero_based(self.path, line, 0, self.line_offset)

    def report(self, code: str, token: BodyToken, message: Message | str) -> None:
        self.diagnostics.append(rule(code).at(self.at(token), message))

    def read(self) -> dict[str, ArticleText]:
        texts: dict[str, ArticleText] = {}
        current: tuple[str, BodyToken] | None = None
        skipping = False  # inside a duplicated or unknown section, already reported
        blocks: list[Block] = []
        seen: set[str] = set()

        notes: list[Paragraph | Note] | None = None  # after «Примечание.» every block is a note
        notes_token: BodyToken | None = None

        def close_section() -> None:
            nonlocal notes
            if current is not None:
                language, heading = current
                if notes is not None and notes_token is not None:
                    blocks.append(Notes(tuple(notes), self.at(notes_token)))
                texts[language] = ArticleText(language, tuple(blocks), self.at(heading))
            notes = None

        tokens = self.tokens
        for open_index, close_index in _block_spans(tokens, 0, len(tokens)):
            token = tokens[open_index]
            if token.type == "heading_open" and token.tag == "h2":
                name = tokens[open_index + 1].content.strip()
                if name in self.languages:
                    close_section()
                    blocks = []
                    if name in seen:
                        self.report("B002", token, msg("language section «## {name}» appears twice", name=name))
                        current, skipping = None, True
                        continue
                    seen.add(name)
                    current, skipping = (name, token), False
                    continue
                self.report(
                    "B004",
                    token,
                    msg(
                        "«## {name}» is not a language of the Code; sections are {sections}",
                        name=name,
                        sections=", ".join(f"«## {lang}»" for lang in self.languages),
                    ),
                )
                close_section()
                current, skipping = None, True
                continue
            if skipping:
                continue
            if current is None:
                if token.type in _UNSUPPORTED or token.type == "paragraph_open" or token.type.endswith("list_open"):
                    self.report("B004", token, self._outside_sections())
                continue
            if notes is not None:
                notes.extend(self._note_blocks(open_index, close_index))
                continue
            if token.type == "paragraph_open" and NOTES_OPENING.match(tokens[open_index + 1].content):
                notes, notes_token = [self._paragraph(open_index)], token
                continue
            blocks.extend(self._article_block(open_index, close_index))
        close_section()
        return texts

    def _article_block(self, open_index: int, close_index: int) -> list[Block]:
        token = self.tokens[open_index]
        if token.type == "paragraph_open":
            self._check_stray_subpoint(open_index)
            return [self._paragraph(open_index)]
        if token.type == "ordered_list_open":
            if token.markup == ".":
                return list(self._parts(open_index, close_index))
            return list(self._points(open_index, close_index))
        self._unsupported(token)
        return []

    def _unsupported(self, token: BodyToken) -> None:
        self.report(
            "B006",
            token,
            _UNSUPPORTED.get(token.type) or msg("markup `{type}` is not used in the Code", type=token.type),
        )

    def _outside_sections(self) -> Message:
        """B004 for text before the first language section, naming the sections it may go under."""
        sections = [f"«## {lang}»" for lang in self.languages]
        if len(sections) == 1:
            return msg("text outside a language section: every paragraph belongs under {section}", section=sections[0])
        return msg(
            "text outside a language section: every paragraph belongs under {sections} or {last}",
            sections=", ".join(sections[:-1]),
            last=sections[-1],
        )

    def _items(self, open_index: int, close_index: int) -> Iterator[tuple[BodyToken, LegalNumber | None, int, int]]:
        for item_open, item_close in _block_spans(self.tokens, open_index + 1, close_index):
            item = self.tokens[item_open]
            number = LegalNumber.parse(item.info)
            if number is None:
                self.report(
                    "N007",
                    item,
                    msg(
                        "«{marker}» is not a legal number: write 1, 2 … (or 2-1 for an insertion in force)",
                        marker=item.info + item.markup,
                    ),
                )
            elif number.is_insertion:
                self._check_github_view(item)
            yield item, number, item_open, item_close

    def _unshowable(self, marker: str, inner: Paragraph | Point | Subpoint, kind: str) -> None:
        """M002: what an inserted unit holds, GitHub shows outside it whatever the layout."""
        if isinstance(inner, Point):
            message = msg(
                "GitHub shows its points outside the inserted part «{marker}»: set off by a blank line as "
                "preformatted lines, else run into its text. Its Markdown has no «{marker}» list marker, so no "
                "layout puts them inside it; kodeks, the built documents and the redlines read them right",
                marker=marker,
            )
        elif isinstance(inner, Subpoint):
            message = msg(
                "GitHub shows its subpoints outside the inserted point «{marker}»: set off by a blank line as "
                "preformatted lines, else run into its text. Its Markdown has no «{marker}» list marker, so no "
                "layout puts them inside it; kodeks, the built documents and the redlines read them right",
                marker=marker,
            )
        elif kind == "part":
            message = msg(
                "GitHub shows its further абзацы outside the inserted part «{marker}»: set off by a blank line as "
                "preformatted lines, else run into its text. Its Markdown has no «{marker}» list marker, so no "
                "layout puts them inside it; kodeks, the built documents and the redlines read them right",
                marker=marker,
            )
        else:
            message = msg(
                "GitHub shows its further абзацы outside the inserted point «{marker}»: set off by a blank line as "
                "preformatted lines, else run into its text. Its Markdown has no «{marker}» list marker, so no "
                "layout puts them inside it; kodeks, the built documents and the redlines read them right",
                marker=marker,
            )
        self.diagnostics.append(rule("M002").at(inner.location, message))

    def _check_github_view(self, item: BodyToken) -> None:
        """GitHub's renderer knows no «3-1.» markers: an inserted unit is its own block there only
        with a blank line before it, and the unit after it only with a blank line after it."""
        if not item.map:
            return
        start, end = item.map
        marker = f"{item.info}{item.markup}"
        if start > 0 and self.lines[start - 1].strip() and not self.lines[start - 1].lstrip().startswith("#"):
            self.diagnostics.append(
                rule("M001").at(
                    SourceLocation.from_zero_based(self.path, start, 0, self.line_offset),
                    msg(
                        "GitHub shows «{marker}» inside the paragraph above (it does not read inserted numbers "
                        "as list markers): leave a blank line before it (`kodeks validate` and the built documents "
                        "read it right either way)",
                        marker=marker,
                    ),
                )
            )
        following = _FOLDED_MARKER.match(self.lines[end]) if end < len(self.lines) else None
        if following and self.lines[end - 1].strip() and following.group(2)[:-1] != "1":
            self.diagnostics.append(
                rule("M001").at(
                    SourceLocation.from_zero_based(self.path, end, following.start(2), self.line_offset),
                    msg(
                        "GitHub shows «{following}» inside the inserted «{marker}» above: leave a blank "
                        "line after an inserted unit",
                        following=following.group(2),
                        marker=marker,
                    ),
                )
            )

    def _parts(self, open_index: int, close_index: int) -> Iterator[Part]:
        for item, number, item_open, item_close in self._items(open_index, close_index):
            content: list[Paragraph | Point] = []
            for inner_open, inner_close in _block_spans(self.tokens, item_open + 1, item_close):
                inner = self.tokens[inner_open]
                if inner.type == "paragraph_open":
                    self._check_stray_subpoint(inner_open, item.info)
                    content.append(self._paragraph(inner_open))
                elif inner.type == "ordered_list_open" and inner.markup == ")":
                    content.extend(self._points(inner_open, inner_close))
                elif inner.type == "ordered_list_open":
                    self.report(
                        "B008", inner, msg("a part cannot hold parts: points inside a part are written «1)», «2)»")
                    )
                else:
                    self._unsupported(inner)
            if number is not None and number.is_insertion and len(content) > 1:
                self._unshowable(f"{item.info}{item.markup}", content[1], "part")
            yield Part(number, item.info, tuple(content), self.at(item))

    def _points(self, open_index: int, close_index: int) -> Iterator[Point]:
        for item, number, item_open, item_close in self._items(open_index, close_index):
            content: list[Paragraph | Subpoint] = []
            for inner_open, _ in _block_spans(self.tokens, item_open + 1, item_close):
                inner = self.tokens[inner_open]
                if inner.type == "paragraph_open":
                    marker = _SUBPOINT_MARKER.match(self.tokens[inner_open + 1].content)
                    paragraph = self._paragraph(inner_open, len(marker.group(0)) if marker else 0)
                    if marker:
                        content.append(Subpoint(marker.group(1), paragraph, self.at(inner)))
                    else:
                        content.append(paragraph)
                elif inner.type == "ordered_list_open":
                    self.report(
                        "B008",
                        inner,
                        msg("a point cannot hold numbered lists: write subpoints «а)» as paragraphs of the point"),
                    )
                else:
                    self._unsupported(inner)
            if number is not None and number.is_insertion and len(content) > 1:
                self._unshowable(f"{item.info}{item.markup}", content[1], "point")
            yield Point(number, item.info, tuple(content), self.at(item))

    def _note_blocks(self, open_index: int, close_index: int) -> list[Paragraph | Note]:
        """A block after «Примечание.»: a paragraph, or numbered notes «1.» «2.»."""
        token = self.tokens[open_index]
        if token.type == "paragraph_open":
            return [self._paragraph(open_index)]
        if token.type != "ordered_list_open":
            self._unsupported(token)
            return []
        notes: list[Paragraph | Note] = []
        for item, number, item_open, item_close in self._items(open_index, close_index):
            paragraphs = []
            for inner_open, _ in _block_spans(self.tokens, item_open + 1, item_close):
                inner = self.tokens[inner_open]
                if inner.type == "paragraph_open":
                    paragraphs.append(self._paragraph(inner_open))
                else:
                    self.report("B008", inner, msg("a note holds paragraphs only"))
            notes.append(Note(number, item.info, tuple(paragraphs), self.at(item)))
        return notes

    def _check_stray_subpoint(self, open_index: int, part: str | None = None) -> None:
        """«а)» opens a subpoint only inside a point: elsewhere (the article, ``part``) the format
        cannot hold it."""
        marker = _SUBPOINT_MARKER.match(self.tokens[open_index + 1].content)
        if not marker:
            return
        letter, escaped = f"{marker.group(1)})", f"{marker.group(1)}\\)"
        if part is None:
            message = msg(
                "«{letter}» opens a subpoint, but it stands directly in the article: subpoints belong to a "
                "point (indent it under the point's text, after a blank line), or write "
                "`{escaped}` if it really is text",
                letter=letter,
                escaped=escaped,
            )
        else:
            message = msg(
                "«{letter}» opens a subpoint, but it stands directly in part {part}: subpoints belong to a "
                "point (indent it under the point's text, after a blank line), or write "
                "`{escaped}` if it really is text",
                letter=letter,
                part=part,
                escaped=escaped,
            )
        self.report("B011", self.tokens[open_index], message)

    def _paragraph(self, open_index: int, skip: int = 0) -> Paragraph:
        """The paragraph's text and links; ``skip`` characters of its start (a subpoint's «а) »)
        are the unit's marker, not its text."""
        opening = self.tokens[open_index]
        inline = self.tokens[open_index + 1]
        children = inline.children or []
        if not skip and len(children) == 1 and children[0].type == "text":  # most paragraphs
            self._check_folded_markers(opening)
            self._check_broken_links(opening, children[0].content)
            return Paragraph((Text(children[0].content),), self.at(opening))
        inlines: list[Inline] = []
        text: list[str] = []
        first_line = opening.map[0] if opening.map else 0
        source_line, search_from = first_line, 0
        index = 0
        while index < len(children):
            child = children[index]
            if child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                label: list[str] = []
                index += 1
                while index < len(children) and children[index].type != "link_close":
                    label.append(_inline_text(children[index]))
                    index += 1
                if text:
                    inlines.append(Text("".join(text)))
                    text = []
                source_line, search_from, location = self._locate_link(href, source_line, search_from)
                label_text = "".join(label)
                # A kodeks reference, or a web address; a destination with no scheme at all
                # («settlements#1») is a reference someone mistyped, not a link to keep.
                targets = parse_references(href) if href.startswith(_SCHEMES) or not _SCHEME.match(href) else ()
                if targets is None:
                    self.diagnostics.append(
                        rule("R001").at(
                            location, msg("`{href}` is not a valid reference: use {syntax}", href=href, syntax=SYNTAX)
                        )
                    )
                inlines.append(Link(href, label_text, targets or (), location))
            else:
                text.append(_inline_text(child))
            index += 1
        if text:
            inlines.append(Text("".join(text)))
        self._check_broken_links(opening, "".join(i.value for i in inlines if isinstance(i, Text)))
        if skip and inlines and isinstance(inlines[0], Text):
            rest = inlines[0].value[skip:]
            inlines = inlines[1:] if not rest else [Text(rest), *inlines[1:]]
        self._check_folded_markers(opening)
        return Paragraph(tuple(inlines), self.at(opening))

    def _check_broken_links(self, opening: BodyToken, text: str) -> None:
        """«[частью 1 статьи 10] (art:…)»: a space between «]» and «(» makes no link in CommonMark;
        the official text would print the markup. An error at its line, in the language it is in."""
        if "]" in text and (found := _NEAR_LINK.search(text)):
            start = opening.map[0] if opening.map else 0
            end = opening.map[1] if opening.map else start + 1
            line = next((n for n in range(start, min(end, len(self.lines))) if found.group(1) in self.lines[n]), start)
            self.diagnostics.append(
                rule("R001").at(
                    SourceLocation.from_zero_based(self.path, line, 0, self.line_offset),
                    msg("«{text}» is not a link: nothing may stand between «]» and «(»", text=found.group()),
                )
            )

    def _check_folded_markers(self, opening: BodyToken) -> None:
        """A line inside a paragraph that starts like a part, point or subpoint was swallowed by
        the paragraph (CommonMark lets only a list that starts at 1 interrupt one): the unit
        would vanish without a word, so it is an error at that line."""
        if not opening.map:
            return
        start, end = opening.map
        # A paragraph's first line is a marker's own line inside a list item; at the top of a
        # language section it begins with a marker only when the marker was not taken as one.
        first = start if opening.level == 0 else start + 1
        for line in range(first, min(end, len(self.lines))):
            match = _FOLDED_MARKER.match(self.lines[line])
            if match is None:
                continue
            marker = match.group(2)
            unit = "subpoint" if marker[0].isalpha() else "part" if marker.endswith(".") else "point"
            if line == start and unit == "subpoint":
                continue  # an article's own text may open with «а)»; only numbers are markers here
            escaped = marker[:-1] + "\\" + marker[-1]
            self.diagnostics.append(
                rule("B010").at(
                    SourceLocation.from_zero_based(self.path, line, match.start(2), self.line_offset),
                    _folded(marker, unit, escaped, first_line=line == start),
                )
            )

    def _locate_link(self, href: str, line: int, column: int) -> tuple[int, int, SourceLocation]:
        """Where ``[…](href)`` is written, searching forward from the previous link."""
        needle = "](" + href
        for current in range(line, min(line + 200, len(self.lines))):
            found = self.lines[current].find(needle, column if current == line else 0)
            if found >= 0:
                bracket = self.lines[current].rfind("[", 0, found)
                start = bracket if bracket >= 0 else found
                return (
                    current,
                    found + len(needle),
                    SourceLocation.from_zero_based(self.path, current, start, self.line_offset),
                )
        return line, column, SourceLocation.from_zero_based(self.path, line, 0, self.line_offset)


def _folded(marker: str, unit: str, escaped: str, first_line: bool) -> Message:
    """B010: a marker the paragraph swallowed, at its first line (a part or a point) or a later one."""
    if first_line and unit == "part":
        return msg(
            "«{marker}» begins a paragraph but is not read as a marker (a number has at most 6 digits, 9 in "
            "Markdown): write the part's number as the law has it, or write `{escaped}` if it really is text",
            marker=marker,
            escaped=escaped,
        )
    if first_line:
        return msg(
            "«{marker}» begins a paragraph but is not read as a marker (a number has at most 6 digits, 9 in "
            "Markdown): write the point's number as the law has it, or write `{escaped}` if it really is text",
            marker=marker,
            escaped=escaped,
        )
    if unit == "part":
        return msg(
            "«{marker}» begins a line but is read as the continuation of the paragraph above, so this part "
            "is lost: leave a blank line before it (and indent a paragraph that belongs to the unit "
            "before it), or write `{escaped}` if it really is text",
            marker=marker,
            escaped=escaped,
        )
    if unit == "point":
        return msg(
            "«{marker}» begins a line but is read as the continuation of the paragraph above, so this point "
            "is lost: leave a blank line before it (and indent a paragraph that belongs to the unit "
            "before it), or write `{escaped}` if it really is text",
            marker=marker,
            escaped=escaped,
        )
    return msg(
        "«{marker}» begins a line but is read as the continuation of the paragraph above, so this subpoint "
        "is lost: leave a blank line before it (and indent a paragraph that belongs to the unit "
        "before it), or write `{escaped}` if it really is text",
        marker=marker,
        escaped=escaped,
    )


def _inline_text(token: BodyToken) -> str:
    if token.type == "softbreak":
        return " "
    if token.type == "hardbreak":
        return "\n"
    return token.content


def _keys(value: object) -> list[str]:
    return [str(key) for key in value] if isinstance(value, dict) else []
