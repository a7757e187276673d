"""Each article's editions on the published site: the wordings it has had across the versions
``kodeks site`` publishes (the draft's stages, the laws of the register) and the current text,
each beside the one before it with what changed marked, in each language.

An edition is a wording: a version that left the article as it was adds none. An article absent
from a version and back in a later one starts again: what came back is compared with nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape as e

from . import wording
from .diff import align, units, word_diff
from .marks import heading_of
from .model import Article, Code
from .render.redline_html import cell


@dataclass(frozen=True, slots=True)
class Version:
    """An earlier text published beside the current one: a stage of the draft (a tag) or the
    text as a law of the register made it."""

    name: str
    """Its folder under ``v/``: letters, digits, ``.``, ``-``, ``_``."""
    label: dict[str, str]
    """What it is, in each language («submitted-1, 28.11.2026»)."""

    def said(self, language: str) -> str:
        """Its label in ``language``; its name where the text then had a language it has not now."""
        return self.label.get(language, self.name)


@dataclass(frozen=True, slots=True)
class Edition:
    version: Version | None
    """The first version with this wording; None for a wording only the current text has."""
    article: Article
    headings: dict[str, str]
    """«Статья 5. …» as that text numbered it, in each language."""
    number: str = ""
    """The article's number in that text."""


def _wording(article: Article, headings: dict[str, str]) -> tuple[object, ...]:
    return (
        tuple(sorted(headings.items())),
        tuple(
            (lang, tuple((line.label, line.plain_text) for line in text.printed()))
            for lang, text in sorted(article.texts.items())
        ),
    )


def editions(history: Sequence[tuple[Version, Code]], code: Code) -> dict[str, list[Edition]]:
    """Per article of ``code``: its editions, oldest first, the last being the current text's.
    ``history``: the versions, oldest first. An article no version has has one edition."""
    numberings = [(version, then, then.numbering()) for version, then in history]
    current = code.numbering()
    found: dict[str, list[Edition]] = {}
    for article in code.ordered_articles():
        listed: list[Edition] = []
        last: tuple[object, ...] | None = None
        for version, then, numbering in [*numberings, (None, code, current)]:
            held = then.articles.get(article.id)
            if held is None:
                last = None
                continue
            headings = {lang: heading_of(numbering, held, lang) for lang in then.languages}
            said = _wording(held, headings)
            if said != last:
                listed.append(Edition(version, held, headings, str(numbering.articles.get(held.id, held.number))))
            last = said
        found[article.id] = listed
    return found


def _changes(before: Edition | None, after: Edition, language: str) -> str:
    """The edition's text in one language, what it changed against ``before`` marked."""
    old = before.article.texts.get(language) if before else None
    new = after.article.texts.get(language)
    heading = e(after.headings.get(language, ""))
    if before is not None:
        heading = cell(
            [(p.op, p.text) for p in word_diff(before.headings.get(language, ""), after.headings.get(language, ""))]
        )
    out = [f'<section lang="{e(language)}"><h3>{heading}</h3>\n']
    if before is None:
        out += [f'<p class="unit">{e(u.label)} {e(u.text)}</p>\n' for u in units(new)]
    else:
        for row in align(units(old), units(new)):
            label = cell([(p.op, p.text) for p in row.label])
            text = cell([(p.op, p.text) for p in row.text])
            out.append(f'<p class="unit">{label} {text}</p>\n')
    out.append("</section>\n")
    return "".join(out)


def page_body(
    article_id: str, listed: Sequence[Edition], languages: tuple[str, ...], root: str, day: datetime.date | None = None
) -> str:
    """The editions page: the newest first, each with a link to its page and its changes; the
    current text dated ``day`` (its commit's) when it has one."""
    newest = listed[-1]
    title = " / ".join(
        wording.editions_title(lang, newest.number, newest.article.title.get(lang, "")) for lang in languages
    )
    out = [f"<h1>{e(title)}</h1>\n"]
    current = " / ".join(
        dict.fromkeys(
            wording.word("site-current-text", lang)
            + (f" ({wording.as_of_line(lang, day, []).lower()})" if day is not None else "")
            for lang in languages
        )
    )
    compared = wording.word_in_each("site-changes", languages)
    for index in range(len(listed) - 1, -1, -1):
        edition = listed[index]
        before = listed[index - 1] if index else None
        label = (
            " / ".join(dict.fromkeys(edition.version.said(lang) for lang in languages)) if edition.version else current
        )
        if index == len(listed) - 1:
            page = f"{root}art/{e(article_id)}.html"
            if edition.version:  # the current text, unchanged since that version
                label = " / ".join(
                    f"{wording.word('site-current-text', lang)}: {edition.version.said(lang)}" for lang in languages
                )
        else:
            assert edition.version is not None  # only the newest may be the current text's alone
            page = f"{root}v/{e(edition.version.name)}/art/{e(article_id)}.html"
        out.append(f'<section class="edition"><h2><a href="{page}">{e(label)}</a></h2>\n')
        if before is not None:
            out.append(f'<p class="where">{e(compared)}</p>\n')
        out.append('<div class="parallel">\n')
        out += [_changes(before, edition, lang) for lang in languages]
        out.append("</div></section>\n")
    return "".join(out)
