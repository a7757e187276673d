"""The consolidated Code as one self-contained HTML page: no scripts, no network, prints on A4."""

from __future__ import annotations

import functools
import re
from html import escape as _e

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .. import wording
from ..marks import printed_anchor, unit_anchor_of
from ..model import Article, ArticleText, Chapter, Paragraph, Section, Text
from . import BuildOptions, Edition
from .common import (
    aligned,
    contents,
    external_href,
    history_notes,
    reference_href,
    review_of,
    revision_line,
    starts_row,
    unit_heading,
    walk,
)

SHORT_ARTICLE = 4
"""Articles of at most this many paragraphs are kept on one printed page."""


@functools.cache  # compiling the template costs more than rendering a small Code
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("kodeks.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["css_string"] = css_string
    return environment


def css_string(value: str) -> Markup:
    """A CSS string literal that cannot end the string or the ``<style>`` element."""
    out = ['"']
    for char in value:
        if char.isalnum() or char in " .,-–—«»()№:;'":
            out.append(char)
        else:
            out.append(f"\\{ord(char):X} ")
    out.append('"')
    return Markup("".join(out))


_NUMBERED = re.compile(r"\d+(?:-\d+)*-[^\W\d_]+")
"""«10-главасында», «12-1-берене»: a number and its suffix, which a line must not break apart."""


def _kept_together(escaped: str) -> str:
    """Escaped text with each numbered word held on one line (no character is changed: search and
    copy find the hyphen they expect)."""
    return _NUMBERED.sub(lambda m: f'<span class="nw">{m.group()}</span>', escaped)


class _BodyWriter:
    """Article bodies as HTML strings; every piece of text passes through ``_e``.

    Plain strings rather than ``Markup.format``: a large Code has a million pieces of text,
    and markupsafe's formatter costs seconds where ``html.escape`` costs a fraction.
    """

    def __init__(self, edition: Edition, language: str) -> None:
        self.edition = edition
        self.language = language

    def paragraph(self, paragraph: Paragraph | None, number: str = "", anchor: str = "", css: str = "") -> str:
        attributes = (f' id="{_e(anchor)}"' if anchor else "") + (f' class="{css}"' if css else "")
        # A unit's number is the link to it: its address, to copy and cite.
        if number and anchor:
            label = f'<a class="num" href="#{_e(anchor)}">{_e(number)}</a> '
        else:
            label = f'<span class="num">{_e(number)}</span> ' if number else ""
        return f"<p{attributes}>{label}{self.inlines(paragraph) if paragraph else ''}</p>\n"

    def inlines(self, paragraph: Paragraph) -> str:
        out = []
        for inline in paragraph.inlines:
            if isinstance(inline, Text):
                out.append(_kept_together(_e(inline.value)).replace("\n", "<br>"))
                continue
            href = (
                reference_href(self.edition, inline.target, self.language)
                if inline.target
                else external_href(inline.href)
            )
            if href is None:
                out.append(f'<span class="ref">{_kept_together(_e(inline.text))}</span>')
            else:
                out.append(f'<a href="{_e(href)}">{_kept_together(_e(inline.text))}</a>')
        return "".join(out)

    def rows(self, text: ArticleText, article_id: str) -> list[str]:
        """The text cut where parallel text starts a row (:func:`starts_row`)."""
        notes = history_notes(self.edition, text, article_id, self.language)
        rows = [[self.note(note) for note in notes.under.get(-1, ())]]
        previous = None
        for index, line in enumerate(text.printed()):
            if starts_row(line, previous) and rows[-1]:
                rows.append([])
            paragraph = notes.line(index, line.paragraph)
            anchor = printed_anchor(self.language, article_id, line)
            rows[-1].append(self.paragraph(paragraph, line.label, anchor, _CSS[line.kind]))
            rows[-1] += [self.note(note) for note in notes.under.get(index, ())]
            previous = line
        return ["".join(row) for row in rows if row]

    def note(self, text: str) -> str:
        return f'<p class="history">{_e(text)}</p>'


_CSS = {"subpoint": "subpoint", "point": "point", "part": "", "paragraph": "", "note": "note"}


def _article_cells(edition: Edition, options: BuildOptions, article: Article, language: str) -> list[Markup]:
    """One language's article as the cells of its rows: the heading, then its units."""
    anchor, back = _e(unit_anchor_of(article)), _e(wording.word("contents", language))
    out = [
        f'<h4 class="article-heading">{_kept_together(_e(unit_heading(edition, article, language)))}'
        f' <a class="pilcrow" href="#{anchor}" aria-hidden="true">¶</a>'
        f' <a class="up" href="#contents" title="{back}" aria-label="{back}">↑</a></h4>\n'
    ]
    review = review_of(edition, article, language) if options.review else None
    if review:
        badge = _e(review.status)
        out.append(f'<p class="review"><span class="badge status-{article.status.value}">{badge}</span></p>\n')
    if article.is_repealed:
        # «(Утратила силу в соответствии с Законом КР от …)» where the law is known
        notes = history_notes(edition, None, article.id, language).under.get(-1)
        out += [f'<p class="repealed">{_e(note)}</p>\n' for note in notes or [wording.word("repealed", language)]]
    cells = ["".join(out)]
    out = []
    if not article.is_repealed and language in article.texts:
        cells += _BodyWriter(edition, language).rows(article.texts[language], article.id)
    if review and review.sources:
        items = "".join(f"<li>{_e(source)}</li>" for source in review.sources)
        out.append(f'<aside class="sources"><p>{_e(review.sources_label)}:</p><ul>{items}</ul></aside>\n')
        for label, lines in review.absorbed:
            quoted = "".join(f"<p>{_e(line)}</p>" for line in lines)
            out.append(f'<blockquote class="absorbed"><p class="source">{_e(label)}</p>{quoted}</blockquote>\n')
    if review and review.notes:
        out.append(f'<aside class="note"><p>{_e(review.notes_label)}: {_e(review.notes)}</p></aside>\n')
    if out:
        cells.append("".join(out))
    return [Markup(cell) for cell in cells]  # every piece above was escaped


def _paragraph_count(article: Article) -> int:
    return max((sum(1 for _ in text.paragraphs()) for text in article.texts.values()), default=0)


def render(edition: Edition, options: BuildOptions) -> bytes:
    code = edition.code
    languages = options.languages
    units = []
    for unit in walk(edition):
        headings = {language: unit_heading(edition, unit, language) for language in languages}
        if isinstance(unit, Article):
            cells = [_article_cells(edition, options, unit, language) for language in languages]
            rows = [dict(zip(languages, row, strict=True)) for row in aligned(cells, Markup(""))]
            short = _paragraph_count(unit) <= SHORT_ARTICLE
            units.append({"kind": "article", "anchor": unit_anchor_of(unit), "rows": rows, "short": short})
        else:
            kind = "section" if isinstance(unit, Section) else "chapter"
            assert isinstance(unit, (Section, Chapter))
            # A section with no article yet (a draft's later sections) starts no page of its own.
            empty = isinstance(unit, Section) and not (unit.articles or any(c.articles for c in unit.chapters))
            units.append({"kind": kind, "anchor": unit_anchor_of(unit), "headings": headings, "empty": empty})
    template = _environment().get_template("code.html.j2")
    page = template.render(
        languages=languages,
        titles={language: code.title.get(language, code.id) for language in languages},
        stage={language: wording.stage_name(code.stage, language) for language in languages},
        revision={language: revision_line(edition, language) for language in languages},
        contents_title={language: wording.word("contents", language) for language in languages},
        contents=list(contents(edition, languages)),
        units=units,
        page_word=" / ".join(wording.word("page", language) for language in languages),
    )
    return page.encode("utf-8")
