"""Which provisions of the existing acts the Code has taken over, which it drops and why, which
are still open, and so which acts must be declared void when the Code enters into force.

A provision is a part of an article of an act kept as text (or the article, when it has no
parts). It is *absorbed* when a Code article's ``sources:`` name it, something inside it, or its
whole article; *not transferred* when the act's ``dispositions.yaml`` says so, with a reason;
*open* otherwise.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .diagnostics import Diagnostic
from .messages import msg
from .model import (
    Act,
    Article,
    Code,
    Disposition,
    LegalNumber,
    Part,
    PrintedParagraph,
    Reason,
    ReferenceTarget,
    SourceProvision,
    TargetKind,
)
from .references import missing_unit
from .rules import rule


class Fate(enum.Enum):
    ABSORBED = "absorbed"
    NOT_TRANSFERRED = "not-transferred"
    OPEN = "open"


@dataclass(frozen=True, slots=True)
class Provision:
    target: ReferenceTarget
    """``act:ID/17#2``, or ``act:ID/17`` for an article without parts."""
    article: Article
    """The act's article that holds it."""
    absorbed_by: tuple[str, ...]
    """Ids of the Code articles whose sources name it, in legal order."""
    disposition: Disposition | None

    @property
    def fate(self) -> Fate:
        if self.absorbed_by:
            return Fate.ABSORBED
        return Fate.NOT_TRANSFERRED if self.disposition else Fate.OPEN


class Outcome(enum.Enum):
    """What the Code's entry into force does to an act."""

    VOID = "void"
    """Every provision absorbed or dropped: the act is declared void."""
    AMEND = "amend"
    """Some provisions stay in force: the act is amended."""
    UNDECIDED = "undecided"
    """Some provisions are still open."""


@dataclass(frozen=True, slots=True)
class ActCoverage:
    act: Act
    provisions: tuple[Provision, ...]

    def count(self, fate: Fate) -> int:
        return sum(p.fate is fate for p in self.provisions)

    @property
    def decided_share(self) -> float:
        """Absorbed or dropped, of all provisions (1.0 for an act without provisions)."""
        return 1.0 if not self.provisions else 1 - self.count(Fate.OPEN) / len(self.provisions)

    @property
    def outcome(self) -> Outcome:
        if self.count(Fate.OPEN):
            return Outcome.UNDECIDED
        stays = any(p.disposition and p.disposition.reason is Reason.STAYS for p in self.provisions)
        return Outcome.AMEND if stays else Outcome.VOID


@dataclass(frozen=True, slots=True)
class AmendedSince:
    """A provision whose text changed after a Code article absorbed it: the article may need review."""

    provision: ReferenceTarget
    article_id: str
    commit: str
    """The commit that wrote the source into the Code article."""


Earlier = Callable[[Article, SourceProvision, Article], "tuple[Article, str] | None"]
"""The act's article as it was when the Code article's source was written, and that commit;
None when that cannot be known (no history, an uncommitted line, an act imported later)."""


@dataclass(frozen=True, slots=True)
class Consolidation:
    acts: tuple[ActCoverage, ...]
    """Acts kept as text, in the order of ``acts:``."""
    without_text: tuple[Act, ...]
    """Acts the Code lists but whose text is not in the repository: coverage unknown."""
    sources: dict[str, tuple[ReferenceTarget, ...]] = field(default_factory=dict)
    """Code article id → the provisions it names, in legal order of the Code."""
    amended: tuple[AmendedSince, ...] = ()

    @property
    def measured(self) -> bool:
        """Whether any provision of an act is kept as text: else no share can be said."""
        return any(a.provisions for a in self.acts)

    @property
    def decided_share(self) -> float:
        total = sum(len(a.provisions) for a in self.acts)
        return 1.0 if not total else 1 - sum(a.count(Fate.OPEN) for a in self.acts) / total


def printed_provision(article: Article, target: ReferenceTarget, language: str) -> tuple[str, ...]:
    """The lines of the unit ``target`` names in ``article`` (of an act), as printed; in
    ``language`` when the article has it, else in the language it is kept in."""
    if not article.texts:
        return ()
    text = article.texts.get(language) or next(iter(article.texts.values()))

    def inside(line: PrintedParagraph) -> bool:
        for wanted, unit in ((target.part, line.part), (target.point, line.point)):
            if wanted is not None and (unit is None or unit.number != wanted):
                return False
        return target.subpoint is None or (line.subpoint is not None and line.subpoint.label == target.subpoint)

    return tuple(f"{line.label} {line.plain_text}".strip() for line in text.printed() if inside(line))


def amended_since(code: Code, earlier: Earlier) -> tuple[AmendedSince, ...]:
    """Sources whose provision reads differently now than when the source was written."""
    found = []
    for article in code.ordered_articles():
        for source in article.sources:
            cited = code.cited_article(source.target)
            then = earlier(article, source, cited) if cited is not None else None
            if cited is None or then is None:
                continue
            before, commit = then
            for language in cited.texts:
                if printed_provision(before, source.target, language) != printed_provision(
                    cited, source.target, language
                ):
                    found.append(AmendedSince(source.target, article.id, commit))
                    break
    return tuple(found)


def consolidate(code: Code, earlier: Earlier | None = None) -> Consolidation:
    by_provision: dict[tuple[str, object, object], list[str]] = {}
    sources: dict[str, tuple[ReferenceTarget, ...]] = {}
    for article in code.ordered_articles():
        if article.sources:
            sources[article.id] = tuple(s.target for s in article.sources)
        for source in article.sources:
            key = (source.target.id, source.target.article, source.target.part)
            if article.id not in by_provision.setdefault(key, []):
                by_provision[key].append(article.id)
    coverages = []
    for act in code.acts.values():
        if act.text is None:
            continue
        dispositions = {(d.provision.article, d.provision.part): d for d in act.dispositions}
        provisions = []
        for article in act.text.ordered_articles():
            if article.is_repealed or article.number is None:
                continue
            whole = by_provision.get((act.id, article.number, None), [])
            text = next(iter(article.texts.values()), None)
            parts: list[LegalNumber | None] = (
                [p.number for p in text.parts if p.number is not None and not _repealed(p)] if text else []
            )
            if text is not None and text.parts and not parts:
                continue  # every part repealed: nothing left to decide
            for part in parts or [None]:
                absorbed = list(whole)
                if part is not None:
                    absorbed += [a for a in by_provision.get((act.id, article.number, part), []) if a not in absorbed]
                disposition = dispositions.get((article.number, part)) or dispositions.get((article.number, None))
                target = ReferenceTarget(TargetKind.ACT, act.id, part, article=article.number)
                provisions.append(Provision(target, article, tuple(absorbed), disposition))
        coverages.append(ActCoverage(act, tuple(provisions)))
    without_text = tuple(a for a in code.acts.values() if a.text is None)
    amended = amended_since(code, earlier) if earlier is not None else ()
    return Consolidation(tuple(coverages), without_text, sources, amended)


def _repealed(part: Part) -> bool:
    """A part that says only that it was repealed (its points too, if any): no provision."""
    from .wording import is_repeal_note

    paragraphs = [*part.paragraphs, *(paragraph for point in part.points for paragraph in point.paragraphs)]
    return bool(paragraphs) and all(is_repeal_note(paragraph.plain_text) for paragraph in paragraphs)


def disposition_problems(code: Code) -> Iterator[Diagnostic]:
    """A disposition must name a provision its act has and a Code article that exists; a
    provision both absorbed and dropped is a contradiction to resolve."""
    consolidation = consolidate(code)
    absorbed = {
        (p.target.id, p.target.article, p.target.part): p.absorbed_by for c in consolidation.acts for p in c.provisions
    }
    for act in code.acts.values():
        for disposition in act.dispositions:
            target = disposition.provision
            article = code.cited_article(target)
            if act.text is not None and (article is None or missing_unit(article, act.text.languages[0], target)):
                yield rule("D001").at(
                    disposition.location,
                    msg("act `{act}` has no provision `{provision}`", act=act.id, provision=str(target)),
                )
                continue
            for by in disposition.by:
                if by.id not in code.articles:
                    yield rule("D001").at(
                        disposition.location, msg("`by: {by}`: the Code has no article `{id}`", by=str(by), id=by.id)
                    )
            taken = absorbed.get((target.id, target.article, target.part), ())
            if taken:
                yield rule("D002").at(
                    disposition.location,
                    msg(
                        "`{provision}` is declared not transferred ({reason}) but the sources of {articles} absorb it: keep one",
                        provision=str(target),
                        reason=disposition.reason.value,
                        articles=", ".join(f"`{a}`" for a in taken),
                    ),
                )
