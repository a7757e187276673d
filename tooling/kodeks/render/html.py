"""The consolidated Code as one self-contained HTML page: no scripts, no network, prints on A4."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from .. import wording
from ..model import Article, ArticleText, Chapter, Paragraph, Part, Point, Section, Text
from . import BuildOptions, Edition
from .common import (
    contents,
    external_href,
    reference_href,
    revision_line,
    source_text,
    unit_anchor,
    unit_anchor_of,
    unit_heading,
    walk,
)

SHORT_ARTICLE = 12
"""Articles of at most this many paragraphs are kept on one printed page."""


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


class _BodyWriter:
    def __init__(self, edition: Edition, language: str) -> None:
        self.edition = edition
        self.language = language

    def paragraph(self, paragraph: Paragraph, number: str = "", anchor: str = "", css: str = "") -> Markup:
        attributes = Markup("")
        if anchor:
            attributes += Markup(' id="{}"').format(anchor)
        if css:
            attributes += Markup(' class="{}"').format(css)
        label = Markup('<span class="num">{}</span> ').format(number) if number else Markup("")
        return Markup("<p{}>{}{}</p>\n").format(attributes, label, self.inlines(paragraph))

    def inlines(self, paragraph: Paragraph) -> Markup:
        out = []
        for inline in paragraph.inlines:
            if isinstance(inline, Text):
                out.append(escape(inline.value).replace("\n", Markup("<br>")))
                continue
            href = (
                reference_href(self.edition, inline.target, self.language)
                if inline.target
                else external_href(inline.href)
            )
            if href is None:
                out.append(Markup('<span class="ref">{}</span>').format(inline.text))
            else:
                out.append(Markup('<a href="{}">{}</a>').format(href, inline.text))
        return Markup("").join(out)

    def point(self, point: Point, part: Part | None, article_id: str) -> Markup:
        anchor = unit_anchor(self.language, article_id, part.number if part else None, point.number)
        out = []
        for index, paragraph in enumerate(point.paragraphs):
            if index == 0:
                out.append(self.paragraph(paragraph, f"{point.label})", anchor, "point"))
            else:
                out.append(self.paragraph(paragraph, css="point"))
        return Markup("").join(out)

    def part(self, part: Part, article_id: str) -> Markup:
        anchor = unit_anchor(self.language, article_id, part.number)
        out = [Markup('<div class="part" id="{}">\n').format(anchor)]
        numbered = False
        for block in part.content:
            if isinstance(block, Point):
                if not numbered:  # a part that opens with a point still shows its number
                    out.append(Markup('<p><span class="num">{}.</span></p>\n').format(part.label))
                out.append(self.point(block, part, article_id))
            else:
                out.append(self.paragraph(block, "" if numbered else f"{part.label}."))
            numbered = True
        out.append(Markup("</div>\n"))
        return Markup("").join(out)

    def text(self, text: ArticleText, article_id: str) -> Markup:
        out = []
        for block in text.content:
            if isinstance(block, Part):
                out.append(self.part(block, article_id))
            elif isinstance(block, Point):
                out.append(self.point(block, None, article_id))
            else:
                out.append(self.paragraph(block))
        return Markup("").join(out)


def _article_column(edition: Edition, options: BuildOptions, article: Article, language: str) -> Markup:
    writer = _BodyWriter(edition, language)
    out = [Markup('<h4 class="article-heading">{}</h4>\n').format(unit_heading(edition, article, language))]
    if options.review:
        out.append(
            Markup('<p class="review"><span class="badge status-{}">{}</span></p>\n').format(
                article.status.value, wording.status_name(article.status, language)
            )
        )
    if article.is_repealed:
        out.append(Markup('<p class="repealed">{}</p>\n').format(wording.word("repealed", language)))
    elif language in article.texts:
        out.append(writer.text(article.texts[language], article.id))
    if options.review and article.sources:
        items = Markup("").join(
            Markup("<li>{}</li>").format(source_text(source, edition.code.acts, language)) for source in article.sources
        )
        out.append(
            Markup('<aside class="sources"><p>{}:</p><ul>{}</ul></aside>\n').format(
                wording.word("sources", language), items
            )
        )
    if options.review and article.notes:
        out.append(
            Markup('<aside class="note"><p>{}: {}</p></aside>\n').format(wording.word("notes", language), article.notes)
        )
    return Markup("").join(out)


def _paragraph_count(article: Article) -> int:
    return max((sum(1 for _ in text.paragraphs()) for text in article.texts.values()), default=0)


def render(edition: Edition, options: BuildOptions) -> bytes:
    code = edition.code
    languages = options.languages
    units = []
    for unit in walk(edition):
        headings = {language: unit_heading(edition, unit, language) for language in languages}
        if isinstance(unit, Article):
            columns = {language: _article_column(edition, options, unit, language) for language in languages}
            short = _paragraph_count(unit) <= SHORT_ARTICLE
            units.append({"kind": "article", "anchor": unit_anchor_of(unit), "columns": columns, "short": short})
        else:
            kind = "section" if isinstance(unit, Section) else "chapter"
            assert isinstance(unit, (Section, Chapter))
            units.append({"kind": kind, "anchor": unit_anchor_of(unit), "headings": headings})
    template = _environment().get_template("code.html.j2")
    page = template.render(
        languages=languages,
        titles={language: code.title.get(language, code.id) for language in languages},
        stage={language: wording.stage_name(code.stage, language) for language in languages},
        revision={language: revision_line(edition, language) for language in languages},
        contents_title={language: wording.word("contents", language) for language in languages},
        contents=list(contents(edition, languages)),
        units=units,
        page_word=wording.word("page", languages[0]),
    )
    return page.encode("utf-8")
