"""The redline as Word: the changed articles with every change a real tracked change.

Each change is ``w:ins`` / ``w:del`` with the head commit's author and date, so a reviewer can
accept or reject it in Word or LibreOffice: accepting all gives exactly the proposed text,
rejecting all exactly the current text. With ``with_table=True`` a second part holds the two-column
comparison table the working group files with a draft.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC
from functools import partial

from docx.enum.text import WD_ALIGN_PARAGRAPH

from .. import wording
from ..diff import ArticleChange, Comparison, Op, Piece, UnitChange, tokens, word_diff
from ..marks import UNDATED, bookmark_name, heading_key, marked_lines
from ..model import Article, LegalNumber
from .redline_common import (
    ELLIPSIS,
    answered_line,
    both,
    caption,
    current_label,
    detailed,
    kinds_text,
    one_language_caption,
    renumbered_only,
    sides,
    structure_line,
    summary,
    table_rows,
)
from .word import (
    Properties,
    add_paragraph,
    new_document,
    package,
    run,
    table,
    xml_attribute,
)


class _Tracker:
    """Writes diff pieces as tracked changes, numbering each revision mark."""

    def __init__(self, author: str, date: str) -> None:
        self.author = author
        self.date = date
        self.next_id = 0

    def _attributes(self) -> str:
        self.next_id += 1
        return f'w:id="{self.next_id}" w:author="{self.author}" w:date="{self.date}"'

    def marked(self, key: str, content: str) -> str:
        """Content inside the bookmark that tells ``kodeks review import`` which unit it is."""
        self.next_id += 1
        name = bookmark_name(key)
        return (
            f'<w:bookmarkStart w:id="{self.next_id}" w:name="{name}"/>{content}<w:bookmarkEnd w:id="{self.next_id}"/>'
        )

    def inserted(self, text: str, properties: str = "") -> str:
        return f"<w:ins {self._attributes()}>{run(text, properties)}</w:ins>" if text else ""

    def deleted(self, text: str, properties: str = "") -> str:
        return f"<w:del {self._attributes()}>{run(text, properties, deleted=True)}</w:del>" if text else ""

    def pieces(self, pieces: Sequence[Piece], properties: str = "") -> str:
        out = []
        for piece in pieces:
            if piece.op is Op.INSERT:
                out.append(self.inserted(piece.text, properties))
            elif piece.op is Op.DELETE:
                out.append(self.deleted(piece.text, properties))
            elif piece.base_text == piece.text:
                out.append(run(piece.text, properties))
            else:
                out.append(self._respaced(piece, properties))
        return "".join(out)

    def _respaced(self, piece: Piece, properties: str) -> str:
        """Equal words whose spacing differs: the words stay, the spacing is tracked, so that
        rejecting every change gives back the current text to the character."""
        out = []
        for (word, base_spaced), (_, head_spaced) in zip(tokens(piece.base_text), tokens(piece.text), strict=True):
            base_lead, head_lead = base_spaced[: base_spaced.index(word)], head_spaced[: head_spaced.index(word)]
            base_tail = base_spaced[base_spaced.index(word) + len(word) :]
            head_tail = head_spaced[head_spaced.index(word) + len(word) :]
            for base_space, head_space, between in ((base_lead, head_lead, word), (base_tail, head_tail, "")):
                if base_space == head_space:
                    out.append(run(base_space + between, properties) if base_space + between else "")
                else:
                    out.append(self.deleted(base_space, properties) + self.inserted(head_space, properties))
                    out.append(run(between, properties) if between else "")
        return "".join(out)

    def paragraph(self, content: str, inserted: bool, deleted: bool, style: str = "", depth: int = 0) -> str:
        """A paragraph whose mark is itself inserted or deleted when the whole paragraph is;
        points and subpoints indented as the built document indents them."""
        mark = ""
        if inserted:
            mark = f"<w:rPr><w:ins {self._attributes()}/></w:rPr>"
        elif deleted:
            mark = f"<w:rPr><w:del {self._attributes()}/></w:rPr>"
        style_element = f'<w:pStyle w:val="{style}"/>' if style else ""
        indent = f'<w:ind w:left="{425 * depth}"/>' if depth else ""
        properties = f"<w:pPr>{style_element}{indent}{mark}</w:pPr>" if style_element or mark or indent else ""
        return f"<w:p>{properties}{content}</w:p>"


def _heading_pieces(change: ArticleChange, language: str) -> list[Piece]:
    """«Статья 5 → 6. Название» as a diff: the number and the title as they changed."""

    def heading(article: Article | None, number: LegalNumber | None) -> str:
        if article is None or number is None:
            return ""
        return wording.heading(wording.article_label(language, number), article.title.get(language, ""))

    return word_diff(heading(change.base, change.base_number), heading(change.head, change.head_number))


def _row_pieces(row: UnitChange) -> list[Piece]:
    """A paragraph's label and text as one line of pieces."""
    pieces = list(row.label)
    if row.label and (row.base and row.base.label or row.head and row.head.label):
        space = (
            Op.EQUAL
            if row.base and row.head and row.base.label and row.head.label
            else (Op.INSERT if row.head else Op.DELETE)
        )
        pieces.append(Piece(space, " ", " "))
    return pieces + list(row.text)


def _tracked_article(change: ArticleChange, language: str, tracker: _Tracker) -> Iterator[str]:
    added = change.base is None
    removed = change.head is None
    heading = tracker.pieces(_heading_pieces(change, language))
    if change.head is not None:
        heading = tracker.marked(heading_key(language, change.head), heading)
    yield tracker.paragraph(heading, added, removed, "Heading3")
    # The proposed text's paragraphs carry the keys the built Code gives them, in the same order.
    head_text = change.head.texts.get(language) if change.head is not None else None
    keys = iter([m.key for m in marked_lines(language, change.head.id, head_text)] if change.head and head_text else [])
    for row in change.texts.get(language, []):
        pieces = _row_pieces(row)
        label = tracker.pieces(pieces[: len(row.label)], "<w:b/>")  # numbers bold, as built
        content = label + tracker.pieces(pieces[len(row.label) :], "")
        if row.head is not None:
            key = next(keys, None)
            content = tracker.marked(key, content) if key else content
        unit = row.head or row.base
        depth = unit.depth if unit else 0
        yield tracker.paragraph(content, row.base is None, row.head is None, depth=depth)


def _table_cell(pieces: Sequence[tuple[Op, str]]) -> str:
    out = []
    for op, text in pieces:
        if op is Op.DELETE:
            out.append(run(text, "<w:strike/>"))
        elif op is Op.INSERT:
            out.append(run(text, '<w:b/><w:u w:val="single"/>'))
        else:
            out.append(run(text))
    return f"<w:p>{''.join(out)}</w:p>"


def _comparison_table(change: ArticleChange, language: str, current: str) -> str:
    rows = []
    for row in table_rows(change, language):
        if row is None:
            rows.append([f"<w:p>{run(ELLIPSIS)}</w:p>", f"<w:p>{run(ELLIPSIS)}</w:p>"])
            continue
        left = (
            _table_cell(row.current.label + [(Op.EQUAL, " ")] + row.current.text)
            if row.current
            else f"<w:p>{run(wording.word('absent', language), '<w:i/>')}</w:p>"
        )
        right = (
            _table_cell(row.proposed.label + [(Op.EQUAL, " ")] + row.proposed.text)
            if row.proposed
            else f"<w:p>{run(wording.word('exclude', language), '<w:i/>')}</w:p>"
        )
        rows.append([left, right])
    header = [
        f"<w:p>{run(current, '<w:b/>')}</w:p>",
        f"<w:p>{run(wording.word('proposed', language), '<w:b/>')}</w:p>",
    ]
    return table(rows, 2, header) if rows else ""


def render(comparison: Comparison, languages: tuple[str, ...], with_table: bool = False) -> bytes:
    redline = comparison.redline
    language = languages[0]
    head_revision = comparison.head_revision
    when = head_revision.committed if head_revision else UNDATED
    author = head_revision.author if head_revision else "kodeks"
    entitled = wording.comparison_title if with_table else wording.changes_title  # a table only with --docx-table
    titles = [entitled(lang, redline.head.title.get(lang, redline.head.id), redline.head.stage) for lang in languages]
    title = " / ".join(titles)
    document = new_document(
        landscape=with_table,
        properties=Properties(
            title,
            kinds_summary(comparison, language),
            author,
            when,
            redline.head.id,
            head_revision.hexsha if head_revision else "",
        ),
    )
    for each in titles:  # every language its own title line, as the parallel text below
        add_paragraph(document, each, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    if sides(comparison):
        add_paragraph(document, sides(comparison))
    for lang in languages:
        add_paragraph(document, kinds_summary(comparison, lang))
    for structure_change in redline.structure:
        add_paragraph(document, both(languages, partial(structure_line, structure_change)))
    # What the Markdown and HTML redlines warn of, the Word file does too.
    one_language = redline.one_language_changes()
    if one_language:
        add_paragraph(document, both(languages, partial(wording.word, "one-language")), style="Heading 2")
        for change in one_language:
            changed = redline.changed_alone(change)
            add_paragraph(document, both(languages, partial(one_language_caption, change, changed=changed)))
    if renumbered_only(redline):
        add_paragraph(document, both(languages, partial(wording.word, "renumbered-only")), style="Heading 2")
        for change in renumbered_only(redline):
            add_paragraph(document, both(languages, partial(caption, change)))
    if comparison.answered:
        add_paragraph(document, both(languages, partial(wording.word, "answered")), style="Heading 2")
        for answered in comparison.answered:
            add_paragraph(document, both(languages, partial(answered_line, answered)))
    tracker = _Tracker(xml_attribute(author), when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    body: list[str] = []
    changes = [c for c in redline.articles if c.base is not None or c.head is not None]
    for lang in languages:
        if len(languages) > 1:
            body.append(
                f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{run(wording.word("in-this-language", lang))}</w:p>'
            )
        for change in changes:
            body.extend(_tracked_article(change, lang, tracker))
    if with_table:
        body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        for lang in languages:
            body.append(
                f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{run(wording.word("comparison", lang))}</w:p>'
            )
            for change in detailed(redline):
                text = run(caption(change, lang) + " — " + kinds_text(change, lang))
                if change.head is not None:  # a comment in the table is about this article
                    text = tracker.marked("t-" + heading_key(lang, change.head), text)
                body.append(f'<w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr>{text}</w:p>')
                body.append(_comparison_table(change, lang, current_label(comparison, lang)))
    body.append("<w:p/>")
    return package(document, "".join(body))


def kinds_summary(comparison: Comparison, language: str) -> str:
    facts = summary(comparison, (language,))
    status = wording.word("valid" if facts.valid else "invalid", language)
    counts = ", ".join(f"{name}: {count}" for name, count in facts.counts) or wording.word("no-changes", language)
    return f"{status}. {counts[:1].upper()}{counts[1:]}"  # a sentence after a full stop opens with a capital
