"""What the Code was written to remove: contradictions and gaps between the acts it gathers, and
between them and the Code.

Found from the text the repository holds, in each language:

- **defined terms**: the definitions articles («Основные понятия», «Негизги түшүнүктөр») of the
  Code and of each act, read as «термин – определение», «под … понимается …», «… деп … түшүнүлөт».
  A term defined differently in two places; a term the Code defines and never uses; a term an act
  defines that the Code uses without defining; a definition in one language with none beside it
  in the other.
- **the same matter twice**: provisions of two acts, or of an act and the Code where no
  ``sources:`` ties them, that share most of their words (word three-grams, Jaccard ≥ 0.5, found
  through an index of the three-grams, so pairs are never enumerated), with a word diff that
  brings out the numbers, the bodies, «вправе» / «обязан».
- **gaps**: references to acts the consolidation declares void; referral norms with no target
  («в порядке, установленном законодательством»), per article of the Code; provisions still
  open that no Code article covers, by chapter of their act.

Each finding has a stable id (its kind and a hash of its places and term), which
``code_text/conflicts.yaml`` answers (``parse/conflict_decisions``): a decided finding stays
quiet. Matching is by exact normalised words and stems, not by meaning: the report says what a
careful reader is to look at, and the reader decides.
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from . import wording
from .consolidation import Consolidation, Fate, Outcome, printed_provision
from .diff import tokens
from .marks import marked_lines, site_page, unit_key
from .model import Article, Chapter, Code, ConflictDecision, ReferenceTarget, TargetKind
from .review_table import unit_place
from .words import opcodes, words


class Kind(enum.Enum):
    TERM_DIFFERS = "term-differs"
    TERM_UNUSED = "term-unused"
    TERM_UNDEFINED = "term-undefined"
    TERM_UNPAIRED = "term-unpaired"
    SAME_MATTER = "same-matter"
    VOID_REFERENCE = "void-reference"
    REFERRAL = "referral"
    UNCOVERED = "uncovered"

    __hash__ = object.__hash__


@dataclass(frozen=True, slots=True)
class Place:
    """A unit of the Code or of an act, named in each language, with its text there."""

    key: str
    """``art:ID#2`` for the Code, ``act:ID/17#2`` for an act: stable, what the finding's id hashes."""
    names: dict[str, str]
    texts: dict[str, str]
    disposition: str = ""
    """For an act's provision: what becomes of it («absorbed by art:x», «open»)."""
    pages: dict[str, str] = field(default_factory=dict)
    """Per language, where the published site (``kodeks site``) shows the unit, from its top."""
    position: tuple[object, ...] = ()
    """Where the unit stands: the Code's units in legal order, then each act's."""


@dataclass(frozen=True, slots=True)
class Finding:
    kind: Kind
    subject: str
    """The term, or a few words saying what the finding is about."""
    places: tuple[Place, ...]
    diff: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Per language, the first two places' texts as a word diff: (``=``/``-``/``+``, words)."""
    id: str = ""
    decision: ConflictDecision | None = None
    said: tuple[str, ...] = ()
    """The subject as each language says it, where they differ (the id keeps the first's)."""


def finding_id(kind: Kind, subject: str, keys: Iterable[str]) -> str:
    digest = hashlib.blake2b("\n".join([subject, *sorted(keys)]).encode("utf-8"), digest_size=5).hexdigest()
    return f"{kind.value}/{digest}"


# --- the texts: the Code and each act kept as text, unit by unit ----------------------------------


@dataclass(frozen=True, slots=True)
class _Unit:
    source: str
    """"" for the Code, else the act's id."""
    article: Article
    target: ReferenceTarget
    """The unit, as ``marks`` names it for the Code (``art:ID#2.abz2``) or for an act (``act:ID/17#2``)."""
    language: str
    text: str
    anchor: str
    """The paragraph's key on the published site without its language: ``art-ID-p2-a2``."""


def _units(code: Code) -> Iterator[_Unit]:
    """Every printed paragraph of the Code and of each act kept as text, notes left out; an
    unnumbered paragraph by its ordinal, as ``marks.marked_lines`` counts them."""
    documents: list[tuple[str, Code]] = [("", code)]
    documents += [(act.id, act.text) for act in code.acts.values() if act.text is not None]
    for source, document in documents:
        for article in document.ordered_articles():
            if article.is_repealed:
                continue
            for language, text in article.texts.items():
                for marked in marked_lines(language, article.id, text):
                    plain = marked.line.plain_text
                    if marked.line.notes is not None or not plain.strip():
                        continue
                    target = marked.unit
                    if source:  # the act's unit: its article by number (acts' articles have no ids here)
                        target = ReferenceTarget(
                            TargetKind.ACT, source, target.part, target.point, target.subpoint, target.paragraph,
                            article.number,
                        )  # fmt: skip
                    yield _Unit(source, article, target, language, plain, marked.key.removeprefix(f"{language}-"))


class _Names:
    """How a unit is named in the report: «часть 2 статьи 5 Кодекса», «ст. 17, ч. 2 (Закон …)»."""

    def __init__(self, code: Code, consolidation: Consolidation | None) -> None:
        self.code = code
        self.numbering = code.numbering()
        self.order = {article.id: index for index, article in enumerate(code.ordered_articles())}
        self.fates: dict[tuple[str, object, object], str] = {}
        for coverage in consolidation.acts if consolidation else ():
            for provision in coverage.provisions:
                target = provision.target
                if provision.fate is Fate.ABSORBED:  # «Перенесено в статью 1 Кодекса», by number, not id
                    numbers = [str(self.numbering.articles.get(a) or "") for a in provision.absorbed_by]
                    said = [wording.moved_to(lang, numbers) for lang in code.languages]
                else:
                    # «not decided» beside the finding's own decision: said in full, whose it is
                    key = "fate-open-transfer" if provision.fate is Fate.OPEN else "fate-not-transferred"
                    said = [wording.word(key, lang) for lang in code.languages]
                fate = " / ".join(dict.fromkeys(said))
                self.fates[(target.id, str(target.article), str(target.part))] = fate

    def name(self, target: ReferenceTarget, language: str) -> str:
        """«пункт 4 статьи 2 Кодекса» / «Кодекстин 2-беренесинин 4-пункту»; an act's unit with the
        act's title after it, as the title cannot be declined here."""
        if target.kind is TargetKind.ACT:
            act = self.code.acts.get(target.id)
            title = act.title.get(language, target.id) if act else target.id
            return wording.of_the_act(language, wording.unit_place(language, target.article, target), title)
        return wording.of_the_code(language, unit_place(self.numbering, target, language))

    def disposition(self, target: ReferenceTarget) -> str:
        """An act's provisions are its parts, or its articles without parts (``consolidation``)."""
        if target.kind is not TargetKind.ACT:
            return ""
        return self.fates.get((target.id, str(target.article), str(target.part)), "")

    def position(self, target: ReferenceTarget) -> tuple[object, ...]:
        inside = (
            target.part.components if target.part else (),
            target.point.components if target.point else (),
            target.subpoint or "",
            target.paragraph or 0,
        )
        if target.kind is TargetKind.ACT:
            return (1, target.id, target.article.components if target.article else (), *inside)
        return (0, "", (self.order.get(target.id, len(self.order)),), *inside)

    def place(
        self, target: ReferenceTarget, texts: dict[str, str], anchor: str = "", anchored: Iterable[str] = ()
    ) -> Place:
        """``anchor``: the paragraph's key without its language (``_Unit.anchor``), in the
        languages ``anchored`` (an act may be kept in one); elsewhere the place is its article."""
        languages = self.code.languages
        names = {lang: self.name(target, lang) for lang in languages}
        keys = {lang: f"{lang}-{anchor}" for lang in anchored if anchor}
        pages = {lang: site_page(target, lang, keys.get(lang, "")) for lang in languages}
        return Place(str(target), names, texts, self.disposition(target), pages, self.position(target))

    def unit(self, unit: _Unit, texts: dict[str, str] | None = None) -> Place:
        return self.place(unit.target, texts or {unit.language: unit.text}, unit.anchor, unit.article.texts)


# --- defined terms ---------------------------------------------------------------------------------

_DEFINITIONS_TITLE = re.compile(r"(?i)понят|термин|түшүнүк|терминдер")
_DASH = re.compile(r"^\s*(?:\d+[-\d]*\)\s*)?(?P<term>[^–—:;.]{2,80}?)\s+[–—-]\s+(?P<definition>\S.*)$")
_RU_UNDER = re.compile(r"(?i)^\s*под\s+(?P<term>.{2,80}?)\s+понима(?:ется|ются)\s+(?P<definition>.+)$")
_KY_DEP = re.compile(r"^\s*(?P<term>.{2,80}?)\s+деп\s+(?P<definition>.+?)\s+түшүнүл(?:өт|сүн)\.?\s*$")
_QUOTES = str.maketrans("", "", '«»"“”„')


def normal_term(term: str) -> str:
    return " ".join(term.translate(_QUOTES).lower().split()).strip(" ,;:")


def _definition(text: str, language: str) -> tuple[str, str] | None:
    for pattern in (_DASH, _KY_DEP if language == "ky" else _RU_UNDER):
        match = pattern.match(text)
        if match:
            term = normal_term(match.group("term"))
            if term and len(term.split()) <= 8:
                return term, match.group("definition").strip()
    return None


@dataclass(frozen=True, slots=True)
class Definition:
    term: str
    definition: str
    unit: _Unit


class _DefinitionsArticles:
    """Whether an article defines its text's terms: those ``definitions:`` names, in a text that
    names them; else those whose title says so («Основные понятия», «Негизги түшүнүктөр»)."""

    def __init__(self, code: Code) -> None:
        self.named = {"": {e.id for e in code.definitions}}
        for act in code.acts.values():
            if act.text is not None:
                self.named[act.id] = {e.id for e in act.text.definitions}
        self.known: dict[int, bool] = {}

    def __call__(self, unit: _Unit) -> bool:
        key = id(unit.article)
        if key not in self.known:
            named = self.named.get(unit.source)
            self.known[key] = (
                unit.article.id in named
                if named
                else bool(_DEFINITIONS_TITLE.search(" ".join(unit.article.title.values())))
            )
        return self.known[key]


def definitions(units: Sequence[_Unit], defining: _DefinitionsArticles) -> list[Definition]:
    """Every «термин – определение» of a definitions article, each language apart."""
    found = []
    for unit in units:
        if not defining(unit):
            continue
        read = _definition(unit.text, unit.language)
        if read is not None:
            found.append(Definition(read[0], read[1], unit))
    return found


_ENDING = {"ru": 4, "ky": 9}
"""Letters a case ending adds after a word's stem: Russian «-ами», Kyrgyz «-дарында» (plural,
possessive and case stack)."""
_SOFT_END = "аеёиоуыэюяйьөү"


def _stems(term: str, language: str) -> re.Pattern[str]:
    """The term's words in any case ending, and only those words: «местный кенеш» finds «местного
    кенеша», «закон» finds «законом» and never «законодательством»."""
    ending = _ENDING.get(language, 4)
    pieces = [re.escape(word.rstrip(_SOFT_END) or word) + rf"\w{{0,{ending}}}(?!\w)" for word in term.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(pieces), re.IGNORECASE)


def _diff(old: str, new: str) -> list[tuple[str, str]]:
    """``old`` and ``new`` as written, signs and spacing kept, their words and signs compared
    without case: «Городское» at the start of a sentence is the same word as «городское»."""
    a, b = tokens(old), tokens(new)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in opcodes([t.lower() for t, _ in a], [t.lower() for t, _ in b]):
        if tag == "equal":
            out.append(("=", "".join(spaced for _, spaced in b[j1:j2])))
            continue
        if i2 > i1:
            out.append(("-", "".join(spaced for _, spaced in a[i1:i2])))
        if j2 > j1:
            out.append(("+", "".join(spaced for _, spaced in b[j1:j2])))
    return out


def _term_findings(code: Code, units: Sequence[_Unit], names: _Names) -> Iterator[Finding]:
    defining = _DefinitionsArticles(code)
    defined = definitions(units, defining)
    by_term: dict[tuple[str, str], list[Definition]] = defaultdict(list)
    for item in defined:
        by_term[(item.unit.language, item.term)].append(item)
    # A term defined differently in two places (each language apart; merged by places below).
    for (language, term), items in sorted(by_term.items()):
        distinct = {tuple(w.lower() for w in words(i.definition)): i for i in items}
        if len(distinct) < 2:
            continue
        first, second = list(distinct.values())[:2]
        places = tuple(names.unit(i.unit) for i in distinct.values())
        yield Finding(Kind.TERM_DIFFERS, term, places, {language: _diff(first.definition, second.definition)})
    code_units = [u for u in units if not u.source]
    code_defined = {(i.unit.language, i.term) for i in defined if not i.unit.source}
    # All the Code's text in a language as one string: a term is searched once, not unit by unit.
    joined = {language: "\n".join(u.text for u in code_units if u.language == language) for language in code.languages}
    # A term the Code defines and never uses again.
    for item in defined:
        if item.unit.source:
            continue
        pattern = _stems(item.term, item.unit.language)
        elsewhere = len(pattern.findall(joined.get(item.unit.language, ""))) - len(pattern.findall(item.unit.text))
        if elsewhere <= 0:
            place = names.unit(item.unit)
            yield Finding(Kind.TERM_UNUSED, item.term, (place,))
    # A term an act defines that the Code uses without defining.
    seen: set[tuple[str, str]] = set()
    for item in defined:
        key = (item.unit.language, item.term)
        if not item.unit.source or key in code_defined or key in seen or len(item.term) < 5:
            continue
        seen.add(key)
        pattern = _stems(item.term, item.unit.language)
        if not pattern.search(joined.get(item.unit.language, "")):
            continue
        using = [u for u in code_units if u.language == item.unit.language and pattern.search(u.text)]
        definition = names.unit(item.unit)
        uses = tuple(names.unit(u) for u in using[:3])
        yield Finding(Kind.TERM_UNDEFINED, item.term, (definition, *uses))
    # A definition in one language with none in the same unit of the other.
    by_unit: dict[ReferenceTarget, dict[str, Definition]] = defaultdict(dict)
    definition_units = {u.target for u in units if defining(u)}
    for item in defined:
        by_unit[item.unit.target][item.unit.language] = item
    languages = code.languages
    for unit_target in sorted(definition_units, key=str):
        present = by_unit.get(unit_target, {})
        if present and len(present) < len(languages):
            item = next(iter(present.values()))
            if len(item.unit.article.texts) < len(languages):
                continue  # an act kept in one language only: nothing to pair
            others = {u.language: u.text for u in units if u.target == unit_target}
            place = names.unit(item.unit, others)
            yield Finding(Kind.TERM_UNPAIRED, item.term, (place,))


# --- the same matter twice -------------------------------------------------------------------------

_MIN_WORDS = 8
_SHINGLE = 3
_COMMON = 40
"""A three-gram in more provisions than this («в соответствии с») says nothing about a pair."""
_SIMILAR = 0.5


def _shingles(tokens: Sequence[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(zip(*(tokens[i:] for i in range(_SHINGLE)), strict=False))  # zip: tuples made in C


def _tied(code: Code) -> set[tuple[str, str, str]]:
    """(Code article id, act id, act article number): provisions ``sources:`` already ties."""
    return {
        (article.id, source.target.id, str(source.target.article))
        for article in code.ordered_articles()
        for source in article.sources
    }


def _same_matter(code: Code, units: Sequence[_Unit], names: _Names) -> Iterator[Finding]:
    tied = _tied(code)
    for language in code.languages:
        # A provision of eight words holds forty characters at least: shorter ones are not read.
        tokens = {id(u): words(u.text.lower()) for u in units if u.language == language and len(u.text) >= 40}
        candidates = [u for u in units if id(u) in tokens and len(tokens[id(u)]) >= _MIN_WORDS]
        shingles = [_shingles(tokens[id(u)]) for u in candidates]
        index: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for number, grams in enumerate(shingles):
            for gram in grams:
                index[gram].append(number)
        shared: dict[tuple[int, int], int] = defaultdict(int)
        for members in index.values():
            if len(members) > _COMMON:
                continue
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    if candidates[a].source != candidates[b].source:
                        shared[(a, b)] += 1
        parent = list(range(len(candidates)))
        for (a, b), count in shared.items():
            union = len(shingles[a]) + len(shingles[b]) - count
            if count < 2 or count / union < _SIMILAR:
                continue
            first, second = candidates[a], candidates[b]
            if _is_tied(first, second, tied):  # the Code's units come first: ``first`` is the Code's
                continue
            parent[_root(parent, b)] = _root(parent, a)
        groups: dict[int, list[int]] = defaultdict(list)
        for n in range(len(candidates)):
            groups[_root(parent, n)].append(n)
        for members in groups.values():
            if len(members) < 2:
                continue
            group = [candidates[n] for n in members]
            places = tuple(names.unit(u) for u in group)
            subject = " ".join(words(group[0].text)[:6]) + " …"
            yield Finding(Kind.SAME_MATTER, subject, places, {language: _diff(group[0].text, group[1].text)})


def _root(parent: list[int], n: int) -> int:
    """Union-find: the group ``n`` belongs to (paths halved as they are walked)."""
    while parent[n] != n:
        parent[n] = parent[parent[n]]
        n = parent[n]
    return n


def _is_tied(code_unit: _Unit, act_unit: _Unit, tied: set[tuple[str, str, str]]) -> bool:
    return (
        not code_unit.source
        and bool(act_unit.source)
        and (code_unit.article.id, act_unit.source, str(act_unit.target.article)) in tied
    )


# --- gaps ------------------------------------------------------------------------------------------

REFERRALS = {
    "ru": re.compile(
        r"(?i)в\s+порядке,?\s+(?:установленном|предусмотренном|определенном|определяемом)\s+"
        r"(?:законодательством|законами|законом|нормативными\s+правовыми\s+актами)(?:\s+Кыргызской\s+Республики)?"
    ),
    "ky": re.compile(
        r"(?i)(?:мыйзамдарда|мыйзамда|мыйзам\s+менен|ченемдик\s+укуктук\s+актыларда)\s+"
        r"(?:белгиленген|каралган|аныкталган)\s+тартипте"
    ),
}
"""Referral norms without a target: the anti-corruption review of a draft counts them as a risk."""


def _gaps(code: Code, units: Sequence[_Unit], consolidation: Consolidation, names: _Names) -> Iterator[Finding]:
    void = {c.act.id: c.act for c in consolidation.acts if c.outcome is Outcome.VOID}
    staying = {c.act.id for c in consolidation.acts if c.outcome is not Outcome.VOID}
    # References to acts declared void, from the Code and from acts that stay in force.
    documents = [("", code)] + [(i, code.acts[i].text) for i in sorted(staying) if code.acts[i].text is not None]
    for source, document in documents:
        if document is None:
            continue
        for article in document.ordered_articles():
            for language, link in article.links():
                targets = [t for t in link.targets if t.kind is TargetKind.ACT and t.id in void and t.id != source]
                if not targets:
                    continue
                where = ReferenceTarget(TargetKind.ARTICLE, article.id)
                if source:
                    where = ReferenceTarget(TargetKind.ACT, source, article=article.number)
                act = void[targets[0].id]
                place = names.place(where, {language: link.text})  # the reference's own words
                yield Finding(Kind.VOID_REFERENCE, act.title.get(language, act.id), (place,))
    # Referral norms, per article of the Code.
    per_article: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for unit in units:
        pattern = REFERRALS.get(unit.language)
        if unit.source or pattern is None:
            continue
        for match in pattern.finditer(unit.text):
            per_article[unit.article.id][unit.language].append(match.group())
    for article_id, found in per_article.items():
        count = max(len(phrases) for phrases in found.values())
        texts = {lang: "; ".join(dict.fromkeys(phrases)) for lang, phrases in found.items()}
        place = names.place(ReferenceTarget(TargetKind.ARTICLE, article_id), texts)
        yield Finding(Kind.REFERRAL, str(count), (place,))
    # Provisions still open, by the act's chapter.
    for coverage in consolidation.acts:
        text = coverage.act.text
        chapters: dict[str, Chapter] = {}
        for chapter in text.chapters if text else ():
            for entry in chapter.articles:
                chapters[entry.id] = chapter
        grouped: dict[str, list[Place]] = defaultdict(list)  # by the chapter's id («» outside one)
        for provision in coverage.provisions:
            if provision.fate is not Fate.OPEN:
                continue
            holding = chapters.get(provision.article.id)
            texts = {
                lang: " ".join(printed_provision(provision.article, provision.target, lang))
                for lang in code.languages
                if lang in provision.article.texts
            }
            part = provision.target.part  # a whole article: the act's page at the article
            anchor = unit_key(provision.article.id, part) if part is not None else ""
            grouped[holding.id if holding else ""].append(
                names.place(provision.target, texts, anchor, provision.article.texts)
            )
        by_id = {chapter.id: chapter for chapter in chapters.values()}
        for chapter_id, places in grouped.items():
            holding = by_id.get(chapter_id)
            said = []
            for lang in code.languages:
                title = coverage.act.title.get(lang, coverage.act.id)
                said.append(f"{title}: {wording.chapter_label(lang, holding.number)}" if holding else title)
            yield Finding(Kind.UNCOVERED, said[0], tuple(places), said=tuple(dict.fromkeys(said)))


# --- the report ------------------------------------------------------------------------------------


def find(code: Code, consolidation: Consolidation) -> list[Finding]:
    """Every finding, with its id and the drafters' decision on it (``code.conflicts``)."""
    units = list(_units(code))
    names = _Names(code, consolidation)
    raw = [
        *_term_findings(code, units, names),
        *_same_matter(code, units, names),
        *_gaps(code, units, consolidation, names),
    ]
    differing = {frozenset(p.key for p in f.places) for f in raw if f.kind is Kind.TERM_DIFFERS}
    raw = [f for f in raw if not (f.kind is Kind.SAME_MATTER and frozenset(p.key for p in f.places) in differing)]
    decisions = {decision.finding: decision for decision in code.conflicts}
    merged: dict[tuple[Kind, frozenset[str]], Finding] = {}
    for item in raw:  # the same places found in each language: one finding, both texts
        key = (item.kind, frozenset(p.key for p in item.places))
        known = merged.get(key)
        if known is None:
            merged[key] = item
            continue
        places = tuple(
            Place(p.key, p.names, {**p.texts, **q.texts}, p.disposition, p.pages, p.position)
            for p, q in zip(known.places, item.places, strict=False)
        )
        said = tuple(dict.fromkeys((*(known.said or (known.subject,)), item.subject)))  # «закон» / «мыйзам»
        merged[key] = Finding(known.kind, known.subject, places, {**known.diff, **item.diff}, said=said)
    out = []
    for (kind, keys), item in merged.items():
        identifier = finding_id(kind, item.subject if kind in _BY_SUBJECT else "", keys)
        out.append(
            Finding(item.kind, item.subject, item.places, item.diff, identifier, decisions.get(identifier), item.said)
        )
    order = list(Kind)
    return sorted(out, key=lambda f: (order.index(f.kind), f.places[0].position, f.id))


_BY_SUBJECT = {Kind.TERM_DIFFERS, Kind.TERM_UNUSED, Kind.TERM_UNDEFINED, Kind.UNCOVERED}
"""Kinds whose id includes the term: two terms defined in one unit are two findings."""
