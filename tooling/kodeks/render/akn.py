"""The Code as Akoma Ntoso 3.0 (OASIS LegalDocML): one document per language expression.

``<bill>`` while the Code is a draft, ``<act>`` once in force; FRBR work, expression and
manifestation URIs under ``/akn/kg/``; sections ``<part>``, chapters ``<chapter>``, articles
``<article>`` (kodeks's id kept as ``wId``), parts ``<paragraph>``, each run of points a
``<list>`` with the абзацы before and after it as ``<intro>`` and ``<wrapUp>``, points
``<point>`` (subpoints in a list of their own), notes ``<hcontainer name="notes">``; numbers and
headings as the law prints them. eIds follow the naming convention Laws.Africa's tools and the
OASIS vocabulary's examples use (``part_1__chp_1__art_5__para_2__list_1__point_1``) and are the
same in both languages, the units being the same (parity). A reference inside the Code is
``<ref href="#eId">``; one into another act, the act's work URI and the unit's eId.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import count
from xml.sax.saxutils import escape, quoteattr

from .. import wording
from ..characters import xml_safe
from ..marks import UNDATED
from ..model import (
    AmendmentRecord,
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
        self.code = code
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

    def of(self, target: ReferenceTarget, language: str) -> str | None:
        """The eId of a unit of the Code a reference in ``language`` names."""
        if target.kind is TargetKind.CHAPTER:
            return self.chapter.get(target.id)
        if target.kind is TargetKind.SECTION:
            return self.section.get(target.id)
        article = self.article.get(target.id)
        if article is None:
            return None
        return article + _inner(target, self.code.articles[target.id].texts.get(language))


def _inner(target: ReferenceTarget, text: ArticleText | None) -> str:
    """``__para_2__list_1__point_1__list_1__point_а`` for the part, point and subpoint a target
    names, each point in the list of its container that holds it (``text``: the article's)."""
    out = ""
    blocks: Sequence[object] = text.content if text else ()
    if target.part is not None:
        out += f"__para_{target.part}"
        part = next((b for b in blocks if isinstance(b, Part) and b.number == target.part), None)
        blocks = part.content if part else ()
    if target.point is not None:
        out += f"__list_{_list_of(blocks, target.point) or 1}__point_{target.point}"
        point = next((b for b in blocks if isinstance(b, Point) and b.number == target.point), None)
        blocks = point.content if point else ()
    if target.subpoint is not None:
        out += f"__list_{_list_of(blocks, target.subpoint) or 1}__point_{target.subpoint}"
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
            held = act.text.article_numbered(target.article) if act.text and target.article else None
            text = (held.texts.get(self.language) or next(iter(held.texts.values()), None)) if held else None
            unit = f"art_{target.article}{_inner(target, text)}" if target.article is not None else ""
            return work + (f"/~{unit}" if unit else "")
        eid = self.ids.of(target, self.language)
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

    def blocks(self, paragraphs: Sequence[Paragraph]) -> str:
        return "".join(self.p(p) for p in paragraphs)

    def container(self, eid: str, num: str, heading: str | None, blocks: Sequence[object]) -> str:
        """A hierarchical element's inside: its number and heading, then its content; or, when
        it holds units, the абзацы before them as intro, each run of points as a ``<list>``
        (the абзацы around the points as the list's intro and wrapUp), parts and notes, and
        the абзацы after them as wrapUp: everything in the order the law prints it."""
        head = (f"<num>{_t(num)}</num>" if num else "") + (
            f"<heading>{_t(heading)}</heading>" if heading is not None else ""
        )
        arranged = _arrange(blocks)
        if not arranged.children:
            return f"{head}<content>{self.blocks(arranged.intro) or '<p/>'}</content>"
        out = [head, f"<intro>{self.blocks(arranged.intro)}</intro>" if arranged.intro else ""]
        lists, hcontainers = count(1), count(1)
        for child in arranged.children:
            if isinstance(child, _List):
                list_eid = f"{eid}__list_{next(lists)}"
                points = "".join(self.listed(point, f"{list_eid}__point_") for point in child.points)
                intro = f"<intro>{self.blocks(child.intro)}</intro>" if child.intro else ""
                wrap = f"<wrapUp>{self.blocks(child.wrap)}</wrapUp>" if child.wrap else ""
                out.append(f"<list eId={_a(list_eid)}>{intro}{points}{wrap}</list>")
            elif isinstance(child, Part):
                out.append(self.part(child, f"{eid}__para_{child.number}"))
            elif isinstance(child, Notes):
                inner = "".join(self.p(p) for p in _note_paragraphs(child))
                notes_eid = f"{eid}__hcontainer_{next(hcontainers)}"
                out.append(f'<hcontainer name="notes" eId={_a(notes_eid)}><content>{inner}</content></hcontainer>')
            else:  # абзацы between two parts: kept where they stand
                inner = self.blocks(child)
                text_eid = f"{eid}__hcontainer_{next(hcontainers)}"
                out.append(f'<hcontainer name="text" eId={_a(text_eid)}><content>{inner}</content></hcontainer>')
        out.append(f"<wrapUp>{self.blocks(arranged.wrap)}</wrapUp>" if arranged.wrap else "")
        return "".join(out)

    def listed(self, block: object, prefix: str) -> str:
        """A point (subpoints in a list of their own) or a subpoint, in a list."""
        if isinstance(block, Subpoint):
            eid = f"{prefix}{block.label}"
            return f"<point eId={_a(eid)}><num>{_t(block.label)})</num><content>{self.p(block.paragraph)}</content></point>"
        assert isinstance(block, Point)
        eid = f"{prefix}{block.number}"
        return f"<point eId={_a(eid)}>{self.container(eid, f'{block.label})', None, block.content)}</point>"

    def part(self, part: Part, eid: str) -> str:
        return f"<paragraph eId={_a(eid)}>{self.container(eid, f'{part.label}.', None, part.content)}</paragraph>"

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
        inner = self.container(eid, label, heading, text.content if text else ())
        return f"<article eId={_a(eid)} wId={_a(article.id)}>{inner}</article>"


@dataclass(slots=True)
class _List:
    """A run of points (or subpoints), with the абзацы before and after it."""

    intro: list[Paragraph] = field(default_factory=list)
    points: list[object] = field(default_factory=list)
    wrap: list[Paragraph] = field(default_factory=list)


@dataclass(slots=True)
class _Arranged:
    intro: list[Paragraph]
    children: list[_List | Part | Notes | list[Paragraph]]
    wrap: list[Paragraph]


def _arrange(blocks: Sequence[object]) -> _Arranged:
    """A container's blocks as AKN orders them. The абзацы right before a run of points are the
    list's intro, those after it its wrapUp; абзацы between two runs close the first. The
    абзацы before anything else are the container's intro only when no list takes them, and
    those after everything its wrapUp."""
    arranged = _Arranged([], [], [])
    pending: list[Paragraph] = []
    current: _List | None = None
    for block in blocks:
        if isinstance(block, Paragraph):
            pending.append(block)
        elif isinstance(block, (Point, Subpoint)):
            if current is None or pending:
                if current is not None:
                    current.wrap, pending = pending, []
                current = _List(intro=pending)
                pending = []
                arranged.children.append(current)
            current.points.append(block)
        elif isinstance(block, (Part, Notes)):
            if current is not None:
                current.wrap, pending, current = pending, [], None
            elif pending:
                if arranged.children:
                    arranged.children.append(pending)
                else:
                    arranged.intro = pending
                pending = []
            arranged.children.append(block)
    if current is not None:
        current.wrap = pending
    elif arranged.children:
        arranged.wrap = pending
    else:
        arranged.intro = pending
    return arranged


def _list_of(blocks: Sequence[object], number: object) -> int | None:
    """Which list of a container (1, 2, …) holds the point or subpoint numbered ``number``."""
    lists = [child for child in _arrange(blocks).children if isinstance(child, _List)]
    for index, listed in enumerate(lists, start=1):
        for block in listed.points:
            if (block.label if isinstance(block, Subpoint) else getattr(block, "number", None)) == number:
                return index
    return None


def _note_paragraphs(notes: Notes) -> Iterator[Paragraph]:
    for inner in notes.content:
        if isinstance(inner, Paragraph):
            yield inner
        else:
            yield from inner.paragraphs


def _law_eids(code: Code) -> list[str]:
    """Each law of the register's eId, by its number («law_12»); a number taken before (numbers
    start again each year; «12/1» and «12-1» read alike) with the law's place in the register."""
    eids: list[str] = []
    for index, law in enumerate(code.amendments, start=1):
        eid = "law_" + "".join(c if c.isalnum() else "-" for c in law.number)
        eids.append(eid if eid not in eids else f"{eid}_{index}")
    return eids


def _lifecycle(code: Code) -> str:
    """The laws of the register as events: the first made the text, the others amended it."""
    if not code.amendments:
        return ""
    events = "".join(
        f'<eventRef date="{law.adopted.isoformat()}" eId="evt_{index}" source="#{eid}" '
        f'type="{"generation" if index == 1 else "amendment"}"/>'
        for index, (law, eid) in enumerate(zip(code.amendments, _law_eids(code), strict=True), start=1)
    )
    return f'<lifecycle source="#kodeks">{events}</lifecycle>'


def _passive_modifications(edition: Edition, language: str, ids: _Ids) -> str:
    """What each law of the register did to each unit of this language's text: its passive
    modifications, in the register's order and the text's."""
    code = edition.code

    # a law by its place in this text's register: one the register does not list (a text read
    # from an earlier revision) has no reference to name it, and is left out
    def place(record: AmendmentRecord) -> int | None:
        return code.amendments.index(record) if record in code.amendments else None

    eids = _law_eids(code)
    order = {article.id: index for index, article in enumerate(code.ordered_articles())}
    found = []
    for (article_id, key, lang), made in edition.changes.items():
        if lang != language or article_id not in ids.article:
            continue
        destination = ids.of(_unit_target(article_id, key), language) or ids.article[article_id]
        for record, change in made:
            law = place(record)
            if law is not None:
                found.append((law, order.get(article_id, 0), key, destination, eids[law], change))
    unique, seen = [], set()
    for item in sorted(found, key=lambda f: f[:3]):  # two абзацы of a unit changed alike: one change
        if (item[0], item[3], item[5]) not in seen:
            seen.add((item[0], item[3], item[5]))
            unique.append(item)
    mods = "".join(
        f'<textualMod type="{change.value}" eId="pmod_{index}"><source href="#{law}"/>'
        f"<destination href={_a('#' + destination)}/></textualMod>"
        for index, (*_, destination, law, change) in enumerate(unique, start=1)
    )
    return f'<analysis source="#kodeks"><passiveModifications>{mods}</passiveModifications></analysis>' if mods else ""


def _unit_target(article_id: str, key: str) -> ReferenceTarget:
    """The unit of a history key («2.3.а#1», «.3», «notes#1», «»): the абзац's unit, notes the article's."""
    unit = key.partition("#")[0]
    pieces = unit.split(".") if unit and unit != "notes" else []
    part = LegalNumber.parse(pieces[0]) if pieces and pieces[0] else None
    point = LegalNumber.parse(pieces[1]) if len(pieces) > 1 else None
    subpoint = pieces[2] if len(pieces) > 2 else None
    return ReferenceTarget(TargetKind.ARTICLE, article_id, part, point, subpoint)


def _laws(code: Code) -> str:
    """Each law of the register, as the events name it: its work URI and its number."""
    refs = []
    for law, eid in zip(code.amendments, _law_eids(code), strict=True):
        href = f"/akn/kg/act/{law.adopted.isoformat()}/{law.number}"
        refs.append(f'<passiveRef eId="{eid}" href={_a(href)} showAs={_a(law.number)}/>')
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
        f"{_passive_modifications(edition, language, ids)}"
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

    def opened(tag: str, eid: str, label: str, unit: Chapter | Section) -> None:
        body.append(f"<{tag} eId={_a(eid)}><num>{_t(label)}</num><heading>{_t(unit.title.get(language, ''))}</heading>")

    def chapter(item: Chapter) -> None:
        opened(
            "chapter", ids.chapter[item.id], wording.chapter_label(language, ids.numbering.chapters.get(item.id)), item
        )
        articles(item.articles)
        body.append("</chapter>")

    def section(item: Section) -> None:
        opened("part", ids.section[item.id], wording.section_label(language, ids.numbering.sections.get(item.id)), item)
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
