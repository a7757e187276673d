"""The consolidation report (``kodeks consolidation``) as Markdown, HTML or Word, bilingual.

One neutral outline (headings, tables, lists, coverage bars) is built from the
:class:`~kodeks.consolidation.Consolidation` and written in each format; every piece of text is
escaped for its format.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import wording
from ..consolidation import Consolidation, Fate, Outcome, Provision
from ..model import Act, Code, ReferenceTarget
from ..snapshot import Revision
from .outline import Bars, Block, Heading, Items, Table


def outline(
    code: Code, consolidation: Consolidation, languages: Sequence[str], revision: Revision | None
) -> list[Block]:
    def label(key: str) -> str:
        return wording.word_in_each(key, languages)

    def act_title(act: Act) -> str:
        return " / ".join(act.title[language] for language in languages if act.title.get(language))

    def provision_text(target: ReferenceTarget) -> str:
        return " / ".join(wording.provision(language, target) for language in languages)

    numbering = code.numbering()

    def code_article(article_id: str) -> str:
        article = code.articles.get(article_id)
        number = numbering.articles.get(article_id)
        if article is None:
            return f"`{article_id}`"
        return " / ".join(
            wording.heading(wording.article_label(language, number), article.title.get(language, ""))
            for language in languages
        )

    def named(article_id: str, language: str) -> tuple[str, str]:
        """A Code article as a sentence names it: its number (its id if it has none) and title."""
        article = code.articles.get(article_id)
        number = numbering.articles.get(article_id)
        if article is None or number is None:
            return f"`{article_id}`", ""
        return str(number), article.title.get(language, "")

    def fate_text(provision: Provision) -> str:
        if provision.absorbed_by:
            return "; ".join(code_article(a) for a in provision.absorbed_by)
        disposition = provision.disposition
        if disposition is None:
            return label("fate-open")
        reason = disposition.reason.value
        by = [by.id for by in disposition.by]

        def said(language: str) -> str:
            if by and reason in ("replaced", "contradicts"):
                why = wording.code_articles_reason(language, reason, [named(a, language) for a in by])
            else:
                why = wording.word(f"reason-{reason}", language)
                why += " " + "; ".join(code_article(a) for a in by) if by else ""
            return f"{wording.word('fate-not-transferred', language)}: {why}"

        text = " / ".join(said(language) for language in languages)
        return text + (f" ({disposition.note})" if disposition.note else "")

    revision_text = revision.hexsha[:12] if revision else wording.word("working-tree", languages[0])
    blocks: list[Block] = [
        Heading(f"{label('consolidation')}: {' / '.join(code.title.get(lang, '') for lang in languages)}", 1),
        Items((f"{label('revision')}: {revision_text}",)),
        Heading(label("coverage"), 2),
        Bars(
            (label("fate-absorbed"), label("fate-not-transferred"), label("fate-open")),
            tuple(
                (act_title(c.act), c.count(Fate.ABSORBED), c.count(Fate.NOT_TRANSFERRED), c.count(Fate.OPEN))
                for c in consolidation.acts
            ),
        ),
        Table(
            (
                label("act"),
                label("provision-count"),
                label("fate-absorbed"),
                label("fate-not-transferred"),
                label("fate-open"),
                label("decided"),
            ),
            tuple(
                (
                    act_title(c.act),
                    str(len(c.provisions)),
                    str(c.count(Fate.ABSORBED)),
                    str(c.count(Fate.NOT_TRANSFERRED)),
                    str(c.count(Fate.OPEN)),
                    f"{c.decided_share:.0%}",
                )
                for c in consolidation.acts
            ),
            (40, 12, 12, 12, 12, 12),  # an act's title takes room; counts do not
        ),  # fmt: skip
    ]
    if not consolidation.acts:  # no act kept as text yet: nothing to chart or count
        blocks[-2:] = [Items((label("none"),))]
    if consolidation.without_text:
        blocks += [Heading(label("without-text"), 3), Items(tuple(act_title(a) for a in consolidation.without_text))]
    for outcome, key in (
        (Outcome.VOID, "void-list"),
        (Outcome.AMEND, "amend-list"),
        (Outcome.UNDECIDED, "undecided-list"),
    ):
        if not consolidation.measured:  # «none» would claim what nobody has checked
            blocks += [Heading(label(key), 2), Items((label("not-measured"),))]
            continue
        acts = [c for c in consolidation.acts if c.outcome is outcome]
        blocks += [Heading(label(key), 2), Items(tuple(act_title(c.act) for c in acts) or (label("none"),))]

    blocks.append(Heading(label("act-to-code"), 2))
    for coverage in consolidation.acts:
        blocks += [
            Heading(act_title(coverage.act), 3),
            Table(
                (label("provision"), label("code-article")),
                tuple((provision_text(p.target), fate_text(p)) for p in coverage.provisions),
                (30, 70),
            ),
        ]
    blocks.append(Heading(label("code-to-acts"), 2))
    titles = {act.id: act for act in code.acts.values()}
    blocks.append(
        Table(
            (label("code-article"), label("provisions")),
            tuple(
                (
                    code_article(article_id),
                    "; ".join(
                        f"{act_title(titles[t.id]) if t.id in titles else t.id}, {provision_text(t)}" for t in targets
                    ),
                )
                for article_id, targets in consolidation.sources.items()
            ),
            (35, 65),
        )
    )
    findings = [
        f"{act_title(c.act)}, {provision_text(p.target)}: {label('absorbed-twice')}: "
        + "; ".join(code_article(a) for a in p.absorbed_by)
        for c in consolidation.acts
        for p in c.provisions
        if len(p.absorbed_by) > 1
    ]
    titles_by_id = {act.id: act for act in code.acts.values()}
    findings += [
        f"{act_title(titles_by_id[a.provision.id])}, {provision_text(a.provision)}: "
        + " / ".join(wording.amended_since(language, *named(a.article_id, language)) for language in languages)
        + f" ({a.commit[:12]})"
        for a in consolidation.amended
    ]
    findings += [
        f"{act_title(c.act)}: {label('fate-open')}: {c.count(Fate.OPEN)}"
        for c in consolidation.acts
        if c.count(Fate.OPEN)
    ]
    blocks += [Heading(label("findings"), 2), Items(tuple(findings) or (label("none"),))]
    return blocks
