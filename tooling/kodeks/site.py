"""``kodeks site``: the Code published as a static site people can search and cite.

A page per article in each language and in parallel, at an address by its id that survives
renumbering (``art/ID.html``) and one by its number for the current text (``n/12.html``, a
redirect); an anchor at every part, point, subpoint and абзац (the keys ``marks`` gives each
printed paragraph), its number a link to it and a ¶ that copies the address; the contents;
each existing act kept as text, every provision saying where it went. Search is Pagefind's
static index of the single-language pages, read by a small script of ours that opens each result
at the unit it was found in. No page asks anything of another site: styles and scripts are the
site's own. The same revision gives the same bytes.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html import escape as e
from pathlib import Path

from . import wording
from .consolidation import Consolidation, Fate
from .errors import KodeksError
from .marks import (
    chapter_anchor,
    heading_of,
    marked_lines,
    section_anchor,
    site_page,
    unit_anchor,
    units_in_order,
)
from .messages import msg
from .model import (
    ActStatus,
    Article,
    Chapter,
    Code,
    Link,
    Numbering,
    Paragraph,
    ReferenceTarget,
    Section,
    TargetKind,
    Text,
)
from .review_table import unit_place
from .site_editions import Edition, Version, editions
from .site_editions import page_body as editions_page
from .snapshot import Revision

MARKER = "site.json"
"""The file that says a folder is a site kodeks built (and so may be replaced whole)."""


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    data: bytes
    searched: bool = False
    """A page search reads: ``pages`` yields them all first, so the index can start early."""


_CSS = """
:root { --ink: #1b1b1b; --muted: #5b5b5b; --line: #d6d6d6; --accent: #1d4f91; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Serif", "Times New Roman", serif; color: var(--ink); margin: 0; line-height: 1.45; }
header.site { border-bottom: 1px solid var(--line); padding: .6rem 1rem; display: flex; gap: 1rem; flex-wrap: wrap; align-items: center; }
header.site a { color: var(--accent); }
.stage { margin-left: auto; color: #b3261e; font-weight: bold; }
.versions select { font: inherit; max-width: 20rem; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 1.5rem; }
.parallel { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; }
@media (max-width: 48rem) { .parallel { grid-template-columns: 1fr; } }
.unit { position: relative; }
.num { color: var(--accent); text-decoration: none; font-weight: bold; }
.pilcrow { visibility: hidden; margin-left: .3rem; color: var(--muted); text-decoration: none; border: 0; background: none; cursor: pointer; font: inherit; }
.unit:hover .pilcrow, .pilcrow:focus { visibility: visible; }
.fate { color: var(--muted); font-size: .92rem; margin: .2rem 0 .8rem 1.5rem; }
.contents li { margin: .15rem 0; }
#search { width: 100%; max-width: 30rem; padding: .4rem; font: inherit; }
#results li { margin: .6rem 0; }
.where { color: var(--muted); margin: 0; }
.printed { display: none; }
.steps { display: flex; justify-content: space-between; gap: 1rem; margin-top: 2rem; border-top: 1px solid var(--line); padding-top: .6rem; }
.earlier { background: #fdecea; border-left: 4px solid #b3261e; padding: .4rem .8rem; }
del { color: #b3261e; } ins { color: #1b5e20; background: #e8f5e9; }
.edition { border-top: 1px solid var(--line); margin-top: 1.5rem; } .edition h3 { font-size: 1rem; }
:target { background: #fff3bf; }
@page { size: A4; margin: 18mm; }
@media print { header.site, .pilcrow, #search, #results, .steps { display: none; } .parallel { grid-template-columns: 1fr 1fr; }
  .printed { display: block; font-size: .85rem; color: var(--muted); } a { color: inherit; text-decoration: none; } }
"""

_JS = """
document.addEventListener('click', function (event) {
  var button = event.target.closest('.pilcrow');
  if (!button) return;
  var address = location.href.split('#')[0] + '#' + button.getAttribute('data-anchor');
  if (navigator.clipboard) navigator.clipboard.writeText(button.getAttribute('data-cite') + '\\n' + address);
  button.textContent = '✓';
  setTimeout(function () { button.textContent = '¶'; }, 1500);
  history.replaceState(null, '', '#' + button.getAttribute('data-anchor'));
});
document.addEventListener('change', function (event) {
  // the selector of the texts published: the same page in the one chosen
  if (event.target.closest('.versions select')) location.href = event.target.value;
});
var box = document.getElementById('search');
if (box) {
  var pagefind = null;
  var list = document.getElementById('results');
  box.addEventListener('input', async function () {
    // import() resolves against this script's address: name the index from the page's own
    if (!pagefind) {
      var bundle = new URL(box.getAttribute('data-index') + 'pagefind/', document.baseURI).href;
      pagefind = await import(bundle + 'pagefind.js');
      await pagefind.options({});
      // Pagefind reads the page's language's index only: the other languages' are merged in
      for (var other of box.getAttribute('data-languages').split(' ')) {
        if (other !== document.documentElement.lang) await pagefind.mergeIndex(bundle, {language: other});
      }
    }
    var found = await pagefind.debouncedSearch(box.value);
    if (found === null) return;
    list.textContent = '';
    for (var hit of found.results.slice(0, 20)) {
      var data = await hit.data();
      // The unit the first match stands in: the last anchor before it.
      var anchor = '';
      for (var a of data.anchors) { if (a.location <= (data.locations[0] || 0)) anchor = a.id; }
      var item = document.createElement('li');
      var link = document.createElement('a');
      // a merged language's results come with the bundle's address; the page's own, from the site's top
      var url = /^https?:/.test(data.url) ? data.url : box.getAttribute('data-index') + data.url.replace(/^\\//, '');
      link.href = url + (anchor ? '#' + anchor : '');
      link.textContent = data.meta.title || data.url;
      // Pagefind's excerpt is escaped text with <mark> around the words found: read as an inert
      // document (nothing in it runs or loads), its text and marks rebuilt node by node
      var excerpt = document.createElement('div');
      var parsed = new DOMParser().parseFromString(data.excerpt, 'text/html').body;
      for (var node of parsed.childNodes) {
        if (node.nodeName === 'MARK') {
          var mark = document.createElement('mark');
          mark.textContent = node.textContent;
          excerpt.append(mark);
        } else {
          excerpt.append(document.createTextNode(node.textContent));
        }
      }
      item.append(link, excerpt);
      list.append(item);
    }
  });
}
"""


class _Writer:
    """Article text as HTML for a page ``root`` away from the site's top."""

    def __init__(
        self, code: Code, root: str, numbering: Numbering, either: bool = False, act: Code | None = None
    ) -> None:
        self.act = act
        """On an act's page: its own articles are what ``art:`` names there, not the Code's."""
        self.code = code
        self.root = root
        self.either = either
        """Links to articles lead to the pages in their language, or to the parallel ones: the
        language's folder between placeholders ``_at`` keeps or drops."""
        self.numbering = numbering
        """Worked out once for the site: it walks the whole structure."""

    def href(self, target: ReferenceTarget, language: str) -> str | None:
        if target.kind is TargetKind.ARTICLE and self.act is not None:
            own = self.act.articles.get(target.id)
            return f"#a-{own.number}" if own is not None else None
        if target.kind is TargetKind.ARTICLE:
            if target.id not in self.code.articles:
                return None
            anchor = ""
            if target.part is not None or target.point is not None:
                anchor = "#" + unit_anchor(language, target.id, target.part, target.point, target.subpoint)
            folder = f"{_FOLDER[0]}{language}/{_FOLDER[1]}" if self.either else f"{language}/"
            return f"{self.root}{folder}art/{target.id}.html{anchor}"
        if target.kind is TargetKind.CHAPTER:
            return f"{self.root}index.html#{chapter_anchor(target.id)}"
        if target.kind is TargetKind.SECTION:
            return f"{self.root}index.html#{section_anchor(target.id)}"
        act = self.code.acts.get(target.id)
        if act is None or act.text is None:
            return None
        return self.root + site_page(target, language)

    def inlines(self, paragraph: Paragraph, language: str) -> str:
        out = []
        for inline in paragraph.inlines:
            if isinstance(inline, Text):
                out.append(e(inline.value).replace("\n", "<br>"))
            elif isinstance(inline, Link):
                href = self.href(inline.target, language) if inline.target else None
                out.append(f'<a href="{e(href)}">{e(inline.text)}</a>' if href else e(inline.text))
        return "".join(out)

    def article(self, article: Article, language: str, numbered: str) -> str:
        text = article.texts.get(language)
        title = heading_of(self.numbering, article, language) if numbered else ""
        out = [f'<section lang="{e(language)}"><h2>{e(title)}</h2>\n']
        for marked in marked_lines(language, article.id, text) if text else ():
            line = marked.line
            label = f'<a class="num" href="#{e(marked.key)}">{e(line.label)}</a> ' if line.label else ""
            words = self.inlines(line.paragraph, language) if line.paragraph else ""
            # a unit is cited as the law names it: «пункт 1 части 2 статьи 11 Кодекса» and its address
            cite = _cited(self.numbering, marked.unit, language)
            copy = (
                f'<button class="pilcrow" type="button" data-pagefind-ignore data-anchor="{e(marked.key)}" '
                f'data-cite="{e(cite)}" aria-label="{e(wording.word("site-copy-address", language))}">¶</button>'
            )
            out.append(f'<p class="unit" id="{e(marked.key)}">{label}{words}{copy}</p>\n')
        out.append("</section>\n")
        return "".join(out)


_ROOT = "\x00"
"""Where a page's way to the site's top goes: never in a Code's text (a control character is
an error the site is not built with)."""


_FOLDER = ("\x01", "\x02")
"""Around the language's folder in a link written for both views (control characters, as
``_ROOT``)."""
_IN_FOLDER = re.compile("\x01[^\x02]*\x02")


def _at(html: str, root: str, parallel: bool = False) -> str:
    """Article text written once, for a page ``root`` away from the site's top: its links to
    articles lead to their parallel pages, or to the pages in their language."""
    html = html.replace(_ROOT, root)
    if parallel:
        return _IN_FOLDER.sub("", html)
    return html.replace(_FOLDER[0], "").replace(_FOLDER[1], "")


def _cited(numbering: Numbering, unit: ReferenceTarget, language: str) -> str:
    """«пункт 1 части 2 статьи 11 Кодекса» / «Кодекстин 11-беренесинин 2-бөлүгүнүн 1-пункту»."""
    return wording.of_the_code(language, unit_place(numbering, unit, language))


def _views(page: str, root: str, languages: tuple[str, ...]) -> list[str]:
    """Links to a page in parallel («Эки тилде / На двух языках») and in each language."""
    both = " / ".join(wording.word("site-both", lang) for lang in languages)
    links = [f'<a href="{root}{e(page)}">{e(both)}</a>']
    for lang in languages:
        name = wording.in_languages(lang, (lang,))
        links.append(f'<a href="{root}{e(lang)}/{e(page)}" lang="{e(lang)}">{e(name[:1].upper() + name[1:])}</a>')
    return links


def _whole_text_links(languages: tuple[str, ...]) -> str:
    """The whole text on one page, in parallel and in each language."""
    said = " / ".join(wording.word("site-whole-text", lang) for lang in languages)
    return f'<p class="whole">{e(said)}: {" · ".join(_views("all.html", "", languages))}</p>\n'


def _contents(code: Code, root: str, languages: tuple[str, ...]) -> str:
    numbering = code.numbering()
    out = ['<ul class="contents">\n']
    for unit in units_in_order(code):
        names = " / ".join(heading_of(numbering, unit, lang) for lang in languages)
        if isinstance(unit, Section):
            out.append(f'<li id="{section_anchor(unit.id)}"><strong>{e(names)}</strong></li>\n')
        elif isinstance(unit, Chapter):
            out.append(f'<li id="{chapter_anchor(unit.id)}"><em>{e(names)}</em></li>\n')
        else:
            links = " · ".join(
                f'<a href="{root}{lang}/art/{e(unit.id)}.html" lang="{e(lang)}">{e(heading_of(numbering, unit, lang))}</a>'
                for lang in languages
            )
            out.append(
                f'<li><a href="{root}art/{e(unit.id)}.html">{e(str(numbering.articles.get(unit.id) or ""))}</a> {links}</li>\n'
            )
    out.append("</ul>\n")
    return "".join(out)


def _fates(code: Code, consolidation: Consolidation) -> dict[tuple[str, str, str], list[str]]:
    """(act id, article number, part) → where it went, said in each language, as HTML."""
    numbering = code.numbering()
    said: dict[tuple[str, str, str], list[str]] = {}
    for coverage in consolidation.acts:
        for provision in coverage.provisions:
            target = provision.target
            key = (target.id, str(target.article), str(target.part or ""))
            lines = []
            for language in code.languages:
                if provision.fate is Fate.ABSORBED:
                    ids = provision.absorbed_by

                    def link(index: int, text: str, ids: tuple[str, ...] = ids, language: str = language) -> str:
                        return f'<a href="../{language}/art/{e(ids[index])}.html">{e(text)}</a>'

                    numbers = [str(numbering.articles.get(a) or "") for a in ids]
                    lines.append(wording.moved_to(language, numbers, link))
                elif provision.fate is Fate.NOT_TRANSFERRED and provision.disposition is not None:
                    disposition = provision.disposition
                    reason = wording.word(f"reason-{disposition.reason.value}", language)
                    by = [str(numbering.articles.get(t.id) or t.id) for t in disposition.by if t.id in code.articles]
                    if by and disposition.reason.value in ("replaced", "contradicts"):  # by which article
                        reason = wording.code_articles_reason(language, disposition.reason.value, [(n, "") for n in by])
                    lines.append(e(f"{wording.word('fate-not-transferred', language)}: {reason}"))
                else:
                    lines.append(e(wording.word("fate-open", language)))
            said[key] = lines
    return said


def _act_text(
    code: Code, act_id: str, text: Code, numbering: Numbering, fates: dict[tuple[str, str, str], list[str]]
) -> str:
    """An existing act's articles, each provision followed by where it went."""
    writer = _Writer(code, "../", numbering, act=text)
    act_numbering = text.numbering()
    lines = []
    for article in text.ordered_articles():
        side_by_side = ' class="parallel"' if len(article.texts) > 1 else ""  # as the Code's parallel pages
        lines.append(f'<div id="a-{e(str(article.number))}"{side_by_side}>\n')
        for language, article_text in article.texts.items():
            lines.append(f'<section lang="{e(language)}"><h2>{e(heading_of(act_numbering, article, language))}</h2>\n')
            pending = ""  # a part's fate, said after its last paragraph (its points, its абзацы)
            for marked in marked_lines(language, article.id, article_text):
                line = marked.line
                if line.part and line.label == f"{line.part.label}.":
                    lines.append(pending)
                    said = fates.get((act_id, str(article.number), str(line.part.number)))
                    if said and side_by_side and language in code.languages:  # each column in its language
                        said = [said[code.languages.index(language)]]
                    pending = f'<p class="fate">{" / ".join(said)}</p>\n' if said else ""
                words = writer.inlines(line.paragraph, language) if line.paragraph else ""
                lines.append(f'<p class="unit" id="{e(marked.key)}">{e(line.label)} {words}</p>\n')
            lines.append(pending + "</section>\n")
        whole = fates.get((act_id, str(article.number), ""))
        if whole:
            lines.append(f'<p class="fate">{" / ".join(whole)}</p>\n')
        lines.append("</div>\n")
    return "".join(lines)


def _has_editions(listed: list[Edition]) -> bool:
    """More than the current text's: an earlier version had the article."""
    return len(listed) > 1 or any(edition.version is not None for edition in listed)


def version_list(versions: list[Version], languages: tuple[str, ...], root: str) -> str:
    if not versions:
        return ""
    items = "".join(
        f'<li><a href="{root}v/{e(v.name)}/index.html">{e(" / ".join(dict.fromkeys(v.said(lang) for lang in languages)))}</a></li>\n'
        for v in versions
    )
    heading = wording.word_in_each("site-versions", languages)
    return f"<h2>{e(heading)}</h2>\n<ul>\n{items}</ul>\n"


def _selector(
    path: str,
    article_id: str | None,
    root: str,
    version: Version | None,
    timeline: Timeline,
    languages: tuple[str, ...],
) -> str:
    """The texts published that have the page ``path`` (the article's, if one), newest first, the
    page's own chosen: choosing one opens the same page there."""
    if not timeline.versions:
        return ""
    top = root if version is None else root + "../../"
    options = []
    if article_id is None or article_id in timeline.current:
        options.append(
            (
                f"{top}{path}",
                "",
                wording.word_in_each("site-current-text", languages),
            )
        )
    for other in reversed(timeline.versions):
        if article_id is None or article_id in timeline.present.get(other.name, ()):
            label = " / ".join(dict.fromkeys(other.said(lang) for lang in languages))
            options.append((f"{top}v/{other.name}/{path}", other.name, label))
    if len(options) < 2:
        return ""
    here = version.name if version else ""
    listed = "".join(
        f'<option value="{e(url)}"{" selected" if name == here else ""}>{e(label)}</option>'
        for url, name, label in options
    )
    said = wording.word_in_each("site-versions", languages)
    return f'<label class="versions" data-pagefind-ignore>{e(said)}: <select>{listed}</select></label>'


@dataclass(frozen=True, slots=True)
class Timeline:
    """Every text the site publishes, for the contents' list and each page's selector."""

    versions: tuple[Version, ...]
    """The earlier texts, oldest first."""
    present: Mapping[str, frozenset[str]]
    """A version's name → the ids of the articles it has."""
    current: frozenset[str]
    """The ids of the current text's articles."""


def pages(
    code: Code,
    revision: Revision | None,
    consolidation: Consolidation,
    version: Version | None = None,
    timeline: Timeline | None = None,
    history: dict[str, list[Edition]] | None = None,
) -> Iterator[Page]:
    """Every page of the site, and its style and script. ``version``: the pages of an earlier
    text, each saying so, outside the search, each article's leading to it in the current text
    when that has it; ``timeline``: every text published, which the contents list and each page's
    selector offers; ``history``: each article's editions, which get a page when it has more than
    this one."""
    current = timeline.current if timeline else frozenset()
    versions = list(timeline.versions) if timeline else []
    languages = code.languages
    numbering = code.numbering()
    title = " / ".join(code.title.get(lang, code.id) for lang in languages)
    revision_text = revision.hexsha[:12] if revision else wording.word("working-tree", languages[0])
    # the contents say which text this is, dated as the house dates it: «Редакция: … (5 декабря 2026 года)»
    revision_line = " / ".join(
        f"{wording.word('revision', lang)}: {revision_text}"
        + (f" ({wording.date(lang, revision.committed.date())})" if revision else "")
        for lang in languages
    )

    def banner(shown: tuple[str, ...]) -> str:
        """What an earlier version's page says it is, in the languages the page shows."""
        if version is None:
            return ""
        return " / ".join(f"{wording.word('site-earlier', lang)}: {version.said(lang)}" for lang in shown)

    stage = " / ".join(dict.fromkeys(wording.stage_name(code.stage, lang) for lang in languages))

    def page(
        title: str,
        language: str,
        body: str,
        root: str,
        indexed: bool = False,
        nav: str = "",
        latest: str = "",
        badge: str = "",
        alone: bool = False,
    ) -> bytes:
        """A page of the site; ``indexed`` pages are what search reads (the current text's); an
        earlier version's page says so and leads to ``latest`` of the current text. A page in
        one language (``alone``) says everything in it; the others in every language."""
        shown = (language,) if alone else languages
        contents = wording.word_in_each("site-contents", shown)
        earlier = banner(shown)
        if earlier:
            to_current = " / ".join(wording.word("site-to-current", lang) for lang in shown)
            link = f'<a href="{root}../../{e(latest or "index.html")}">{e(to_current)} →</a>'
            earlier = f'<p class="earlier">{e(earlier)} {link}</p>\n'
        marker = " data-pagefind-body" if indexed and version is None else ""
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{e(language)}"><head><meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{e(title)}</title>\n"
            '<link rel="icon" href="data:,">\n'  # no request for /favicon.ico
            f'<link rel="stylesheet" href="{root}assets/site.css">\n'
            "</head><body>\n"
            f'<header class="site"><a href="{root}index.html">{e(contents)}</a>'
            f'{nav}<span class="stage">{e(badge or stage)}</span></header>\n'
            f"<main{marker}>\n{earlier}{body}</main>\n"
            f'<script src="{root}assets/site.js"></script>\n'
            "</body></html>\n"
        ).encode()

    editions_word = wording.word_in_each("site-editions", languages)

    def select(path: str, article_id: str | None, root: str, shown: tuple[str, ...] = languages) -> str:
        return _selector(path, article_id, root, version, timeline, shown) if timeline else ""

    def article_nav(article: Article, root: str, path: str, shown: tuple[str, ...] = languages) -> str:
        """The views of the article, its editions, and the selector, said in ``shown``."""
        views = "".join(_views(f"art/{article.id}.html", root, languages))
        if history and _has_editions(history.get(article.id, [])):
            views += f'<a href="{root}ed/{e(article.id)}.html">{e(editions_word)}</a>'
        return views + select(path, article.id, root, shown)

    def latest(article: Article, language: str = "") -> str:
        folder = f"{language}/" if language else ""
        return f"{folder}art/{article.id}.html" if article.id in current else ""

    search = (
        ""
        if version is not None
        else (
            f'<p><input id="search" type="search" data-index="./" data-languages="{e(" ".join(languages))}" '
            f'placeholder="{e(" / ".join(wording.word("site-search", lang) for lang in languages))}"></p>\n'
            '<ol id="results"></ol>\n'
        )
    )
    acts = [a for a in code.acts.values() if a.text is not None]
    act_list = "".join(f'<li><a href="act/{e(a.id)}.html">{e(" / ".join(a.title.values()))}</a></li>\n' for a in acts)

    ordered = code.ordered_articles()
    holder = {entry.id: chapter for chapter in code.chapters for entry in chapter.articles}
    printed = " / ".join(
        f"{code.title.get(lang, code.id)} ({wording.stage_name(code.stage, lang).lower()}), "
        f"{wording.word('revision', lang).lower()} {revision_text}"
        for lang in languages
    )

    def around(index: int, root: str, folder: str, shown: tuple[str, ...]) -> tuple[str, str]:
        """Where the article stands (its chapter), and the way to the one before and after it;
        the Code's title and revision for print."""
        article = ordered[index]
        chapter = holder.get(article.id)
        where = " / ".join(heading_of(numbering, chapter, lang) for lang in shown) if chapter else ""
        # none of it is the article's text: search leaves it out
        top = f'<p class="printed" data-pagefind-ignore>{e(printed)}</p>\n' + (
            f'<p class="where" data-pagefind-ignore>{e(where)}</p>\n' if where else ""
        )
        steps = []
        for step, arrow in ((index - 1, "←"), (index + 1, "→")):
            if 0 <= step < len(ordered):
                other = ordered[step]
                label = " / ".join(
                    wording.article_label(lang, numbering.articles.get(other.id, other.number)) for lang in shown
                )
                text = f"{arrow} {label}" if arrow == "←" else f"{label} {arrow}"
                steps.append(f'<a href="{root}{folder}art/{e(other.id)}.html">{e(text)}</a>')
        return top, f'<nav class="steps" data-pagefind-ignore>{"".join(steps)}</nav>\n'

    # Each article is written once, its links from a placeholder for the way to the site's top:
    # its own pages and the whole text's put in theirs. The pages search reads come first.
    writer = _Writer(code, _ROOT, numbering, either=True)
    single_html: dict[tuple[str, str], str] = {}
    for index, article in enumerate(ordered):
        for language in languages:
            single_html[(article.id, language)] = writer.article(article, language, "y")
            top, steps = around(index, "../../", f"{language}/", (language,))
            yield Page(
                f"{language}/art/{article.id}.html",
                page(
                    heading_of(numbering, article, language),
                    language,
                    top + _at(single_html[(article.id, language)], "../../") + steps,
                    "../../",
                    indexed=True,
                    nav=article_nav(article, "../../", f"{language}/art/{article.id}.html", (language,)),
                    latest=latest(article, language),
                    alone=True,
                ),
                searched=version is None,
            )
    fates = _fates(code, consolidation)
    for act in acts:
        assert act.text is not None
        body = _act_text(code, act.id, act.text, numbering, fates)
        act_title = " / ".join(act.title.values())
        # the act is law, not the draft: its status heads its page
        repealed = act.text.enactment is not None and act.text.enactment.status is ActStatus.REPEALED
        status = " / ".join(wording.word("act-repealed" if repealed else "act-in-force", lang) for lang in languages)
        yield Page(
            f"act/{act.id}.html",
            page(act_title, languages[0], f"<h1>{e(act_title)}</h1>\n" + body, "../", indexed=True, badge=status),
            searched=version is None,
        )
    for index, article in enumerate(ordered):
        number = numbering.articles.get(article.id)
        both = "".join(single_html[(article.id, lang)] for lang in languages)
        top, steps = around(index, "../", "", languages)
        body = top + '<div class="parallel">\n' + _at(both, "../", parallel=True)
        yield Page(
            f"art/{article.id}.html",
            page(
                heading_of(numbering, article, languages[0]),
                languages[0],
                body + "</div>\n" + steps,
                "../",
                nav=article_nav(article, "../", f"art/{article.id}.html"),
                latest=latest(article),
            ),
        )
        if history and _has_editions(history.get(article.id, [])):
            yield Page(
                f"ed/{article.id}.html",
                page(
                    heading_of(numbering, article, languages[0]),
                    languages[0],
                    editions_page(
                        article.id,
                        history[article.id],
                        languages,
                        "../",
                        revision.committed.date() if revision else None,
                    ),
                    "../",
                    nav=article_nav(article, "../", f"art/{article.id}.html"),
                ),
            )
        if number is not None:  # the current number's address: a redirect to the id's, which survives renumbering
            target = f"../art/{article.id}.html"
            redirect = (
                f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url={target}">'
                f'<link rel="canonical" href="{target}"><title>{e(str(number))}</title></head>'
                f'<body><a href="{target}">{e(heading_of(numbering, article, languages[0]))}</a></body></html>\n'
            )
            yield Page(f"n/{number}.html", redirect.encode("utf-8"))
    yield Page(
        "index.html",
        page(
            title,
            languages[0],
            f"<h1>{e(title)}</h1>\n<p>{e(revision_line)}</p>\n"
            + search
            + _whole_text_links(languages)
            + _contents(code, "", languages)
            + (
                f"<h2>{e(' / '.join(wording.word('site-acts', lang) for lang in languages))}</h2>\n<ul>{act_list}</ul>\n"
                if acts
                else ""
            )
            + version_list(versions if version is None else [], languages, ""),
            "",
            nav=select("index.html", None, ""),
        ),
    )
    # The whole text on one page, to read through or print: in parallel and in each language.
    parallel_text = "".join(
        '<div class="parallel">\n'
        + _at("".join(single_html[(a.id, lang)] for lang in languages), "", parallel=True)
        + "</div>\n"
        for a in ordered
    )
    yield Page("all.html", page(title, languages[0], f"<h1>{e(title)}</h1>\n" + parallel_text, ""))
    for language in languages:
        one_language = "".join(_at(single_html[(a.id, language)], "../") for a in ordered)
        name = code.title.get(language, code.id)
        yield Page(f"{language}/all.html", page(name, language, f"<h1>{e(name)}</h1>\n" + one_language, "../"))
    yield Page("assets/site.css", _CSS.lstrip().encode("utf-8"))
    yield Page("assets/site.js", _JS.lstrip().encode("utf-8"))


class SearchIndexError(KodeksError):
    """Pagefind could not index the site (not installed, or it failed)."""


class _Indexing:
    """Pagefind's static index of the pages marked for search, under ``folder/pagefind``, built
    while the rest of the site is written. Only the folders that hold such pages are read: the
    parallel pages, the whole text and the versions are half the site. Its entry file is written
    with sorted keys (Pagefind lists the languages in no fixed order), so the same site gives the
    same bytes."""

    def __init__(self, folder: Path, languages: tuple[str, ...]) -> None:
        import tempfile

        self.folder = folder
        where = "{" + ",".join([*languages, "act"]) + "}/**/*.html"
        self.output = tempfile.TemporaryFile()  # closed in finish
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "pagefind", "--site", str(folder), "--glob", where, "--quiet"],
                stdout=self.output,
                stderr=subprocess.STDOUT,
            )
        except OSError as error:
            self.output.close()
            raise SearchIndexError(msg("the search index was not built: {error}", error=str(error))) from error

    def abandon(self) -> None:
        self.process.kill()
        self.process.wait()
        self.output.close()

    def finish(self) -> None:
        try:
            code = self.process.wait(timeout=600)
        except subprocess.TimeoutExpired as error:
            self.process.kill()
            raise SearchIndexError(msg("the search index was not built: {error}", error=str(error))) from error
        finally:
            self.output.seek(0)
            said = self.output.read().decode("utf-8", "replace")
            self.output.close()
        if code != 0:
            raise SearchIndexError(
                msg(
                    "the search index was not built (pip install 'pagefind[bin]', or --no-search): {error}",
                    error=said.strip()[-500:],
                )
            )
        entry = self.folder / "pagefind" / "pagefind-entry.json"
        if entry.is_file():
            data = json.loads(entry.read_text(encoding="utf-8"))
            text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            entry.write_text(text, encoding="utf-8")


_VERSION_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def versions_of(tag_names: list[str], code: Code) -> list[tuple[Version, str]]:
    """The earlier texts to publish, each with the revision that holds it: the Code's tags (its
    draft's stages) and, in force, each law of the register; a name unfit for a folder is left out."""
    found: list[tuple[Version, str]] = []
    for tag in tag_names:
        if _VERSION_NAME.fullmatch(tag):
            found.append((Version(tag, {lang: tag for lang in code.languages}), tag))
    for law in code.amendments:
        name = "law-" + re.sub(r"[^A-Za-z0-9._-]", "-", law.number)
        label = {lang: wording.as_of_line(lang, law.in_force, [(law.number, law.adopted)]) for lang in code.languages}
        if _VERSION_NAME.fullmatch(name) and law.revision not in tag_names:
            found.append((Version(name, label), law.revision))
    taken: set[str] = set()
    unique = []
    for version, revision in found:  # «12/1» and «12-1» would share a folder: the first keeps it
        if version.name.lower() not in taken:
            taken.add(version.name.lower())
            unique.append((version, revision))
    return unique


class SiteFolderError(KodeksError):
    """An output folder kodeks will not write into (exit 2): it holds what kodeks did not write."""


_GENERATOR = "kodeks site"


def _present(folder: Path) -> list[str]:
    """Every file (or link, never followed) under ``folder``, as a path from it."""
    found = []
    for parent, folders, files in os.walk(folder, followlinks=False):
        here = Path(parent)
        found += [(here / name).relative_to(folder).as_posix() for name in files]
        found += [(here / name).relative_to(folder).as_posix() for name in folders if (here / name).is_symlink()]
    return sorted(found)


def clear_previous(folder: Path) -> None:
    """Make ``folder`` ready for a new build: empty or new, or the last build kodeks wrote there,
    whose files its marker lists and which are all that is there; those are removed, file by
    file. A folder holding anything else, or reached through a link, is refused: a marker a pull
    request planted cannot make kodeks delete a checkout."""
    if folder.is_symlink():
        raise SiteFolderError(msg("{target} is a symlink: give the folder itself", target=str(folder)))
    if not folder.exists():
        return
    if not folder.is_dir():
        raise SiteFolderError(msg("{target} is a file: give a folder", target=str(folder)))
    present = _present(folder)
    if not present:
        return
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        listed = set(marker["files"]) if marker.get("generator") == _GENERATOR else set()
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        listed = set()
    stray = [path for path in present if path != MARKER and path not in listed]
    if stray or MARKER not in present:
        raise SiteFolderError(
            msg(
                "{target} holds files kodeks did not write ({file}): give an empty or new folder",
                target=str(folder),
                file=(stray or present)[0],
            )
        )
    try:
        for path in present:
            (folder / path).unlink()
        for parent, _, _ in sorted(os.walk(folder), key=lambda entry: -len(entry[0])):
            if Path(parent) != folder:
                Path(parent).rmdir()
    except OSError as error:
        raise SiteFolderError(
            msg("{target}: the last build cannot be removed ({error})", target=str(folder), error=str(error))
        ) from error


def write_marker(folder: Path, revision: Revision | None) -> None:
    """The list of what this build wrote: what the next build may remove, and nothing else."""
    marker = {
        "generator": _GENERATOR,
        "revision": revision.hexsha if revision else None,
        "files": [path for path in _present(folder) if path != MARKER],
    }
    try:  # created, never written through: the last build's marker is gone (clear_previous)
        with open(folder / MARKER, "x", encoding="utf-8") as stream:
            stream.write(json.dumps(marker, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    except OSError as error:
        raise SiteFolderError(
            msg("cannot write {path}: {error}", path=str(folder / MARKER), error=str(error))
        ) from None


@dataclass(frozen=True, slots=True)
class Published:
    pages: int
    left_out: list[str]
    """Versions whose text has errors: not published."""


def publish(
    root: Path,
    rev: str | None,
    code: Code,
    revision: Revision | None,
    target: Path,
    search: bool,
    stages: str = "*",
) -> Published:
    """The site of ``code`` (the text of ``rev``, or the working tree) in ``target``, which
    ``clear_previous`` made ready: the current text at the top, each earlier version under
    ``v/`` (the tags ``stages`` matches, a shell pattern, and the laws of the register), each
    article's editions across them, the search index, the marker."""
    from .consolidation import consolidate
    from .load import load_code
    from .store.git import depth, read_revision, tag_labels, tags
    from .verdict import validated

    made: set[Path] = set()

    def write(path: Path, data: bytes) -> None:
        # The folder is new or emptied (``clear_previous``): each file is created, never
        # replaced, and «x» refuses whatever appeared meanwhile, a link included.
        try:
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            with open(path, "xb") as stream:
                stream.write(data)
        except OSError as error:
            raise SiteFolderError(msg("cannot write {path}: {error}", path=str(path), error=str(error))) from None

    written = 0
    left_out: list[str] = []
    earlier: list[tuple[Version, Code, Revision | None]] = []
    chosen = [tag for tag in tags(root, rev or "HEAD") if fnmatch.fnmatchcase(tag, stages)]
    labels = tag_labels(root, rev or "HEAD")
    for version, name in versions_of(chosen, code):
        try:
            stored = read_revision(root, name)  # a tag from before the Code had files, too
        except KodeksError:
            left_out.append(version.name)
            continue
        then = load_code(stored)
        # an earlier text is published only as valid as the current one must be
        if then.code is None or any(d.is_error for d in validated(stored, then)):
            left_out.append(version.name)
            continue
        if version.name == name and stored.revision is not None:  # a tag: dated by its commit, named by its message
            day = stored.revision.committed.date()
            said = labels.get(name, {})
            version = Version(
                version.name, {lang: f"{said.get(lang, name)} ({wording.date(lang, day)})" for lang in version.label}
            )
        earlier.append((version, then.code, stored.revision))
    # Oldest first, by the history that holds each text (a stage tagged after a law came in
    # force comes after it), then by the commit's date
    order = {version.name: depth(root, then.hexsha) if then else 0 for version, _, then in earlier}
    earlier.sort(key=lambda one: (order[one[0].name], one[2].committed.timestamp() if one[2] else 0.0))
    timeline = Timeline(
        tuple(version for version, _, _ in earlier),
        {version.name: frozenset(then.articles) for version, then, _ in earlier},
        frozenset(code.articles),
    )
    history = editions([(version, then_code) for version, then_code, _ in earlier], code) if earlier else None
    # The pages search reads come first: the index is built from them while the rest is written.
    indexing: _Indexing | None = None
    try:
        for page in pages(code, revision, consolidate(code), timeline=timeline, history=history):
            if search and indexing is None and not page.searched:
                indexing = _Indexing(target, code.languages)
            write(target / page.path, page.data)
            written += 1
        for version, then_code, then_revision in earlier:
            for page in pages(then_code, then_revision, consolidate(then_code), version, timeline):
                write(target / "v" / version.name / page.path, page.data)
                written += 1
    except BaseException:
        if indexing is not None:  # a build that failed leaves no indexer running
            indexing.abandon()
        raise
    if search:
        (indexing or _Indexing(target, code.languages)).finish()
    write_marker(target, revision)
    return Published(written, left_out)
