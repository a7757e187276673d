"""The consolidated Code as one Markdown file that reads well on GitHub.

Every character of article text is escaped, so nothing in it becomes markup: numbers are
written literally (``**1.**``, ``1\\)``) rather than as Markdown lists that would renumber.
"""

from __future__ import annotations

import re

from .. import wording
from ..marks import printed_anchor, unit_anchor_of
from ..model import Article, ArticleText, Chapter, Paragraph, Section, Text
from . import BuildOptions, Edition
from .common import contents, external_href, history_notes, reference_href, review_of, revision_line, unit_heading, walk

_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~!])")
_BLOCK_START = re.compile(r"^(\s*)(?:([-+=#])|(\d+)([.)]))")


_LIVE = re.compile(r"@|(?:#|(?i:gh)-)(?=[0-9])|(?i:https?|ftp|mailto|xmpp)(?=:)|(?i:www)(?=\.)")
"""What GitHub turns into a mention, an issue reference or a link in plain text."""


def escape(text: str) -> str:
    """Text that GitHub shows exactly as written: no links, emphasis, HTML or tables, and no
    mention, issue reference or bare URL (an invisible word joiner follows each «@», «#» or
    «https» that would start one)."""
    return _LIVE.sub("\\g<0>\u2060", _SPECIAL.sub(r"\\\1", text)).replace("\n", "<br>")


def _line(text: str) -> str:
    """A line of output that cannot start a list or a heading: «1.», «- », «=», «#»."""
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[2] else f"{m[1]}{m[3]}\\{m[4]}", text)


class _Writer:
    def __init__(self, edition: Edition, language: str) -> None:
        self.edition = edition
        self.language = language

    def inlines(self, paragraph: Paragraph) -> str:
        out = []
        for inline in paragraph.inlines:
            if isinstance(inline, Text):
                out.append(escape(inline.value))
                continue
            href = (
                reference_href(self.edition, inline.target, self.language)
                if inline.target
                else external_href(inline.href)
            )
            label = escape(inline.text)
            out.append(f"[{label}](<{href.replace('<', '%3C').replace('>', '%3E')}>)" if href else label)
        return "".join(out)

    def paragraph(self, paragraph: Paragraph | None, number: str = "", anchor: str = "", depth: int = 0) -> str:
        pieces = []
        if anchor:
            pieces.append(f'<a id="{anchor}"></a>')
        pieces.append("&emsp;" * depth)
        if number:
            pieces.append(f"**{escape(number)}** ")
        return _line("".join(pieces) + (self.inlines(paragraph) if paragraph else "")).rstrip()

    def text(self, text: ArticleText, article_id: str) -> list[str]:
        notes = history_notes(self.edition, text, article_id, self.language)
        out = [f"*{escape(note)}*" for note in notes.under.get(-1, ())]
        for index, line in enumerate(text.printed()):
            paragraph = notes.line(index, line.paragraph)
            out.append(
                self.paragraph(paragraph, line.label, printed_anchor(self.language, article_id, line), line.depth)
            )
            out += [f"*{escape(note)}*" for note in notes.under.get(index, ())]
        return out

    def article(self, options: BuildOptions, article: Article) -> list[str]:
        lines = []
        review = review_of(self.edition, article, self.language) if options.review else None
        if review:
            lines.append(f"*{escape(review.status)}*")
        if article.is_repealed:
            # «(Утратила силу в соответствии с Законом КР от …)» where the law is known
            notes = history_notes(self.edition, None, article.id, self.language).under.get(-1)
            lines += [f"*{escape(note)}*" for note in notes or [wording.word("repealed", self.language)]]
        elif self.language in article.texts:
            lines.extend(self.text(article.texts[self.language], article.id))
        if review and review.sources:
            lines.append(f"*{escape(review.sources_label)}:* {escape('; '.join(review.sources))}")
            for label, quoted in review.absorbed:
                lines.append(f"*{escape(label)}:*" + "".join(f"<br>{escape(line)}" for line in quoted))
        if review and review.notes:
            lines.append(f"*{escape(review.notes_label)}:* {escape(review.notes)}")
        return lines


def render(edition: Edition, options: BuildOptions) -> bytes:
    code = edition.code
    languages = options.languages
    parallel = len(languages) > 1
    out: list[str] = []
    for language in languages:
        out.append(f"# {escape(code.title.get(language, code.id))}")
    out.append(" · ".join(f"**{escape(wording.stage_name(code.stage, lang))}**" for lang in languages))
    out.append("<br>".join(escape(revision_line(edition, lang)) for lang in languages))
    out.append("## " + " / ".join(escape(wording.word("contents", lang)) for lang in languages))
    toc = []
    for entry in contents(edition, languages):
        text = " / ".join(escape(entry.texts[lang]) for lang in languages)
        toc.append(f"{'  ' * (entry.level - 1)}- [{text}](#{entry.anchor})")
    out.append("\n".join(toc))

    levels = {Section: "##", Chapter: "###", Article: "####"}
    writers = {lang: _Writer(edition, lang) for lang in languages}
    for unit in walk(edition):
        heading = " / ".join(escape(unit_heading(edition, unit, lang)) for lang in languages)
        out.append(f'<a id="{unit_anchor_of(unit)}"></a>\n\n{levels[type(unit)]} {heading}')
        if not isinstance(unit, Article):
            continue
        if parallel:
            header = " | ".join(escape(wording.word("column", lang)) for lang in languages)
            cells = " | ".join("<br><br>".join(writers[lang].article(options, unit)) for lang in languages)
            out.append(f"| {header} |\n|{'---|' * len(languages)}\n| {cells} |")
        else:
            out.extend(writers[languages[0]].article(options, unit))
    return ("\n\n".join(out) + "\n").encode("utf-8")
