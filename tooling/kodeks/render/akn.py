"""The Code as Akoma Ntoso 3.0 (OASIS LegalDocML): one document per language expression.

``<bill>`` while the Code is a draft, ``<act>`` once in force; FRBR work, expression and
manifestation URIs under ``/akn/kg/``; sections ``<part>``, chapters ``<chapter>``, articles
``<article>`` (kodeks's id kept as ``wId``), parts ``<paragraph>``, points ``<point>`` (subpoints
nested), the абзацы before and after them ``<intro>`` and ``<wrapUp>``, notes ``<hcontainer
name="notes">``; numbers and headings as the law prints them. eIds follow the naming
convention Laws.Africa's tools generate (``part_1__chp_1__art_5__para_2__point_1``) and are the
same in both languages, the units being the same (parity). A reference inside the Code is
``<ref href="#eId">``; one into another act, the act's work URI and the unit's eId.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from itertools import count
from xml.sax.saxutils import escape, quoteattr

from .. import wording
from ..characters import xml_safe
from ..marks import UNDATED
from ..model import (
    Article,
    ArticleText,
    Chapter,
    Code,
    LegalNumber,
    Link,
    Notes,
    Paragraph,
    Part,
    Point,
    ReferenceTarget,
    Section,
    Stage,
    StructureEntry,
    Subpoint,
    TargetKind,
    Text,
)
from . import BuildOptions, Edition

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LANGUAGES = {"ky": "kir", "ru": "rus", "en": "eng"}
"""ISO 639-2 codes, as FRBR expressions name languages."""


def _t(text: str) -> str:
    return escape(xml_safe(text))


def _a(text: str) -> str:
    return quoteattr(xml_safe(text))


def _number(number: LegalNumber | str | None) -> str:
    return str(number) if number is not None else "0"


class _Ids:
    """Each article's eId with the section and chapter above it, worked out once."""

    def __init__(self, code: Code) -> None:
        numbering = code.numbering()
        self.numbering = numbering
        self.article: dict[str, str] = {}
        self.chapter: dict[str, str] = {}
        self.section: dict[str, str] = {}

        def articles(entries: tuple[StructureEntry, ...], prefix: str) -> None:
            for entry in entries:
                self.article[entry.id] = f"{prefix}art_{_number(numbering.articles.get(entry.id))}"

        def chapters(items: tuple[Chapter, ...], prefix: str) -> None:
            for chapter in items:
                eid = f"{prefix}chp_{_number(numbering.chapters.get(chapter.id))}"
                self.chapter[chapter.id] = eid
                articles(chapter.articles, eid + "__")

        articles(code.leading, "")
        chapters(code.top_chapters, "")
        for section in code.sections:
            eid = f"part_{_number(numbering.sections.get(section.id))}"
            self.section[section.id] = eid
            articles(section.articles, eid + "__")
            chapters(section.chapters, eid + "__")

    def of(self, target: ReferenceTarget) -> str | None:
        """The eId of a unit of the Code a reference names."""
        if target.kind is TargetKind.CHAPTER:
            return self.chapter.get(target.id)
        if target.kind is TargetKind.SECTION:
            return self.section.get(target.id)
        article = self.article.get(target.id)
        if article is None:
            return None
        return article + _inner(target)


def _inner(target: ReferenceTarget) -> str:
    """``__para_2__point_1__point_а`` for the part, point and subpoint a target names."""
    out = ""
    if target.part is not None:
        out += f"__para_{target.part}"
    if target.point is not None:
        out += f"__point_{target.point}"
    if target.subpoint is not None:
        out += f"__point_{target.subpoint}"
    return out


class _Writer:
    def __init__(self, code: Code, language: str, ids: _Ids) -> None:
        self.code = code
        self.language = language
        self.ids = ids

    def href(self, target: ReferenceTarget) -> str | None:
        if target.kind is TargetKind.ACT:
            act = self.code.acts.get(target.id)
            if act is None:
                return None
            work = act_work(act.id, act.text)
            unit = f"art_{target.article}{_inner(target)}" if target.article is not None else ""
            return work + (f"/~{unit}" if unit else "")
        eid = self.ids.of(target)
        return f"#{eid}" if eid else None

    def p(self, paragraph: Paragraph | None) -> str:
        if paragraph is None:
            return ""
        out = []
        for inline in paragraph.inlines:
            if isinstance(inline, Text):
                out.append(_t(inline.value))
            elif isinstance(inline, Link):
                href = self.href(inline.target) if inline.target else None
                out.append(f"<ref href={_a(href)}>{_t(inline.text)}</ref>" if href else _t(inline.text))
        return f"<p>{''.join(out)}</p>"

    def blocks(self, paragraphs: list[Paragraph]) -> str:
        return "".join(self.p(p) for p in paragraphs)

    def container(
        self, num: str, heading: str | None, blocks: Iterable[object], child: Callable[[object], str | None]
    ) -> str:
        """A hierarchical element's inside: its number and heading, then its content, or the
        абзацы before its children as intro, the children (``child`` makes each; None for an
        абзац) and the абзацы after them as wrapUp."""
        own: list[Paragraph] = []
        children: list[str] = []
        after: list[Paragraph] = []
        for block in blocks:
            made = child(block)
            if made is not None:
                children.append(made)
            elif isinstance(block, Paragraph):
                (after if children else own).append(block)
        head = (f"<num>{_t(num)}</num>" if num else "") + (
            f"<heading>{_t(heading)}</heading>" if heading is not None else ""
        )
        if not children:
            return f"{head}<content>{self.blocks(own) or '<p/>'}</content>"
        intro = f"<intro>{self.blocks(own)}</intro>" if own else ""
        wrap = f"<wrapUp>{self.blocks(after)}</wrapUp>" if after else ""
        return head + intro + "".join(children) + wrap

    def point(self, point: Point, eid: str) -> str:
        """A point, its subpoints nested as points."""

        def subpoint(block: object) -> str | None:
            if not isinstance(block, Subpoint):
                return None
            sub = f"{eid}__point_{block.label}"
            return f"<point eId={_a(sub)}><num>{_t(block.label)})</num><content>{self.p(block.paragraph)}</content></point>"

        return f"<point eId={_a(eid)}>{self.container(f'{point.label})', None, point.content, subpoint)}</point>"

    def part(self, part: Part, eid: str) -> str:
        def point(block: object) -> str | None:
            return self.point(block, f"{eid}__point_{block.number}") if isinstance(block, Point) else None

        return f"<paragraph eId={_a(eid)}>{self.container(f'{part.label}.', None, part.content, point)}</paragraph>"

    def article(self, article: Article, text: ArticleText | None) -> str:
        eid = self.ids.article.get(article.id, f"art_{_number(article.number)}")
        number = self.ids.numbering.articles.get(article.id, article.number)
        label = wording.article_label(self.language, number)
        heading = article.title.get(self.language, "")
        if article.is_repealed:  # its words are gone: the law prints that it is repealed
            repealed = _t(wording.word("repealed", self.language))
            return (
                f"<article eId={_a(eid)} wId={_a(article.id)}><num>{_t(label)}</num><heading>{_t(heading)}</heading>"
                f'<content><p class="repealed">{repealed}</p></content></article>'
            )
        notes = count(1)

        def unit(block: object) -> str | None:
            if isinstance(block, Part):
                return self.part(block, f"{eid}__para_{block.number}")
            if isinstance(block, Point):
                return self.point(block, f"{eid}__point_{block.number}")
            if isinstance(block, Notes):
                inner = "".join(self.p(p) for p in _note_paragraphs(block))
                return f'<hcontainer name="notes" eId={_a(f"{eid}__hcontainer_{next(notes)}")}><content>{inner}</content></hcontainer>'
            return None

        inner = self.container(label, heading, text.content if text else (), unit)
        return f"<article eId={_a(eid)} wId={_a(article.id)}>{inner}</article>"


def _note_paragraphs(notes: Notes) -> Iterator[Paragraph]:
    for inner in notes.content:
        if isinstance(inner, Paragraph):
            yield inner
        else:
            yield from inner.paragraphs


def _law_eid(number: str) -> str:
    return "law_" + "".join(c if c.isalnum() else "-" for c in number)


def _lifecycle(code: Code) -> str:
    """The laws of the register as events: the first made the text, the others amended it."""
    if not code.amendments:
        return ""
    events = "".join(
        f'<eventRef date="{law.adopted.isoformat()}" eId="evt_{index}" source="#{_law_eid(law.number)}" '
        f'type="{"generation" if index == 1 else "amendment"}"/>'
        for index, law in enumerate(code.amendments, start=1)
    )
    return f'<lifecycle source="#kodeks">{events}</lifecycle>'


def _laws(code: Code) -> str:
    """Each law of the register, as the events name it: its work URI and its number."""
    refs = []
    for law in code.amendments:
        href = f"/akn/kg/act/{law.adopted.isoformat()}/{law.number}"
        refs.append(f'<passiveRef eId="{_law_eid(law.number)}" href={_a(href)} showAs={_a(law.number)}/>')
    return "".join(refs)


def act_work(act_id: str, text: Code | None) -> str:
    """An act's FRBR work URI: its date of adoption and number where the repository records them."""
    enactment = text.enactment if text is not None else None
    if enactment is not None and enactment.number:
        return f"/akn/kg/act/{enactment.adopted.isoformat()}/{enactment.number}"
    return f"/akn/kg/act/{act_id}"


def _date(edition: Edition) -> datetime.date:
    if edition.code.enactment is not None:
        return edition.code.enactment.adopted
    if edition.code.amendments:
        return edition.code.amendments[0].adopted
    return (edition.revision.committed if edition.revision else UNDATED).date()


def render(edition: Edition, options: BuildOptions) -> bytes:
    code = edition.code
    (language,) = options.languages
    ids = _Ids(code)
    writer = _Writer(code, language, ids)
    kind = "act" if code.stage is Stage.IN_FORCE or code.enactment is not None else "bill"
    day = _date(edition).isoformat()
    # an existing act kept as text is the act its number and date name; the Code, by its id
    work = act_work(code.id, code) if code.enactment is not None else f"/akn/kg/{kind}/{day}/{code.id}"
    number = code.enactment.number if code.enactment is not None else code.id
    expression = f"{work}/{LANGUAGES.get(language, language)}@{day}"
    title = code.title.get(language, code.id)

    def frbr(this: str, uri: str, alias: str = "") -> str:
        """The FRBR elements in the schema's order."""
        return (
            f"<FRBRthis value={_a(this)}/><FRBRuri value={_a(uri)}/>{alias}"
            f'<FRBRdate date="{day}" name="Generation"/><FRBRauthor href="#kodeks"/>'
        )

    alias = f'<FRBRalias value={_a(title)} name="title"/>'
    meta = (
        '<meta><identification source="#kodeks">'
        f"<FRBRWork>{frbr(work + '/!main', work, alias)}"
        f'<FRBRcountry value="kg"/><FRBRnumber value={_a(number)}/>'
        "</FRBRWork>"
        f"<FRBRExpression>{frbr(expression + '/!main', expression)}"
        f'<FRBRlanguage language="{LANGUAGES.get(language, language)}"/></FRBRExpression>'
        f"<FRBRManifestation>{frbr(expression + '/!main.xml', expression + '.xml')}</FRBRManifestation>"
        "</identification>"
        f"{_lifecycle(code)}"
        '<references source="#kodeks">'
        f"{_laws(code)}"
        '<TLCOrganization eId="kodeks" href="/ontology/organization/kodeks" showAs="kodeks"/></references></meta>'
    )
    body: list[str] = []

    def articles(entries: tuple[StructureEntry, ...]) -> None:
        for entry in entries:
            article = code.articles.get(entry.id)
            if article is not None:
                body.append(writer.article(article, article.texts.get(language)))

    def chapter(item: Chapter) -> None:
        label = wording.chapter_label(language, ids.numbering.chapters.get(item.id))
        body.append(
            f"<chapter eId={_a(ids.chapter[item.id])}><num>{_t(label)}</num>"
            f"<heading>{_t(item.title.get(language, ''))}</heading>"
        )
        articles(item.articles)
        body.append("</chapter>")

    def section(item: Section) -> None:
        label = wording.section_label(language, ids.numbering.sections.get(item.id))
        body.append(
            f"<part eId={_a(ids.section[item.id])}><num>{_t(label)}</num>"
            f"<heading>{_t(item.title.get(language, ''))}</heading>"
        )
        articles(item.articles)
        for inner in item.chapters:
            chapter(inner)
        body.append("</part>")

    articles(code.leading)
    for top in code.top_chapters:
        chapter(top)
    for part in code.sections:
        section(part)
    empty = '<hcontainer name="empty"><content><p/></content></hcontainer>'  # a body must hold something
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<akomaNtoso xmlns="{NAMESPACE}"><{kind} name="{kind}">{meta}'
        f"<preface><longTitle><p>{_t(title)}</p></longTitle></preface>"
        f"<body>{''.join(body) or empty}</body>"
        f"</{kind}></akomaNtoso>\n"
    )
    return document.encode("utf-8")
