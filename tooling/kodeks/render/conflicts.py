"""The report of ``kodeks conflicts`` as an outline (Markdown, HTML, Word) or as JSON.

Grouped by kind, open findings first in each; every finding with its id (what
``code_text/conflicts.yaml`` answers), its places named in each language, their texts, and the
word diff of the first two as ``[-removed-] {+added+}``, as ``git diff --word-diff`` shows one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .. import wording
from ..conflicts import Finding, Kind, Place
from ..model import Code, Resolution
from ..snapshot import Revision
from .outline import Block, Heading, Items, Line, Link, Marked, Table

KIND_WORDS = {
    Kind.TERM_DIFFERS: "conflicts-term-differs",
    Kind.TERM_UNUSED: "conflicts-term-unused",
    Kind.TERM_UNDEFINED: "conflicts-term-undefined",
    Kind.TERM_UNPAIRED: "conflicts-term-unpaired",
    Kind.SAME_MATTER: "conflicts-same-matter",
    Kind.VOID_REFERENCE: "conflicts-void-reference",
    Kind.REFERRAL: "conflicts-referral",
    Kind.UNCOVERED: "conflicts-uncovered",
}
_RESOLUTION_WORDS = {
    Resolution.RESOLVED: "conflicts-resolved",
    Resolution.KEPT: "conflicts-kept",
    Resolution.NOT_A_CONFLICT: "conflicts-not-a-conflict",
}


_ONLY = {"ky": "conflicts-only-ky", "ru": "conflicts-only-ru"}
"""A finding in one language of a text kept in two: a reader of the other is not misled."""


def _place(place: Place, languages: Sequence[str], site: str | None, number: str = "") -> list[Line]:
    """A place named in each language (once where the names agree), each name a link to the
    unit on the published site when ``site`` says where it is; then what becomes of it."""
    lines: list[Line] = []
    shown: set[str] = set()
    for lang in languages:
        name = place.names[lang]
        if name in shown:
            continue
        shown.add(name)
        said = (number if not lines else "") + name
        lines.append(Link(said, site + place.pages[lang], lang) if site is not None and lang in place.pages else said)
    return lines + ([f"({place.disposition})"] if place.disposition else [])


def _decision(finding: Finding, languages: Sequence[str]) -> str:
    decision = finding.decision
    if decision is None:
        return wording.word_in_each("conflicts-open", languages)
    said = wording.word_in_each(_RESOLUTION_WORDS[decision.resolution], languages)
    if decision.resolution is Resolution.RESOLVED and decision.by:
        said += f" (art:{decision.by})"
    return said + (f"\n{decision.reason}" if decision.reason else "")


def outline(
    code: Code,
    findings: Sequence[Finding],
    stale: Sequence[str],
    languages: Sequence[str],
    revision: Revision | None = None,
    site: str | None = None,
) -> list[Block]:
    """``site``: the published site's address (ending in ``/``), which each place links into."""
    title = " / ".join(
        f"{wording.word('conflicts-title', lang)}: {code.title.get(lang, code.id)} "
        f"({wording.stage_name(code.stage, lang).lower()})"
        for lang in languages
    )
    revision_text = (
        f"{revision.hexsha[:12]} ({' / '.join(wording.date(lang, revision.committed.date()) for lang in languages)})"
        if revision
        else wording.word("working-tree", languages[0])
    )
    blocks: list[Block] = [
        Heading(title, 1),
        Items((f"{wording.word_in_each('revision', languages)}: {revision_text}",)),
    ]
    header = (
        wording.word_in_each("conflicts-kind", languages),
        wording.word_in_each("conflicts-open", languages),
        wording.word_in_each("conflicts-decided", languages),
    )
    counts = [
        (
            wording.word_in_each(KIND_WORDS[kind], languages),
            str(sum(f.kind is kind and f.decision is None for f in findings)),
            str(sum(f.kind is kind and f.decision is not None for f in findings)),
        )
        for kind in Kind
    ]
    blocks.append(Table(header, tuple(counts), (60, 20, 20)))
    for kind in Kind:
        mine = sorted((f for f in findings if f.kind is kind), key=lambda f: f.decision is not None)
        if not mine:
            continue
        blocks.append(Heading(wording.word_in_each(KIND_WORDS[kind], languages), 2))
        rows = []
        for finding in mine:
            # the places numbered, and their texts under the same numbers
            places = tuple(
                line for n, p in enumerate(finding.places, start=1) for line in _place(p, languages, site, f"{n}. ")
            )
            texts = "\n".join(
                f"{n}. {p.texts[lang]}"
                for n, p in enumerate(finding.places, start=1)
                for lang in languages
                if lang in p.texts
            )
            # how the second place's words differ from the first's: struck out, and put in
            diff: tuple[Line, ...] = tuple(
                line
                for lang in languages
                if lang in finding.diff
                for line in ("1 → 2", Marked(tuple((op, text) for op, text in finding.diff[lang])))
            )
            said = {lang for p in finding.places for lang in p.texts}
            only = [
                wording.word_in_each(_ONLY[lang], languages) for lang in said if len(languages) > 1 and lang in _ONLY
            ]
            subject = " / ".join(finding.said or (finding.subject,))
            head = "\n".join([finding.id, subject, *(f"({note})" for note in only if len(said) == 1)])
            rows.append((head, places, texts, diff, _decision(finding, languages)))
        columns = (
            wording.word_in_each("conflicts-finding", languages),
            wording.word_in_each("conflicts-places", languages),
            wording.word_in_each("conflicts-texts", languages),
            wording.word_in_each("conflicts-diff", languages),
            wording.word_in_each("conflicts-decision", languages),
        )
        blocks.append(Table(columns, tuple(rows), (18, 20, 28, 20, 14)))
    if stale:
        blocks.append(Heading(wording.word_in_each("conflicts-stale", languages), 2))
        blocks.append(Items(tuple(stale)))
    return blocks


def as_json(findings: Sequence[Finding], stale: Sequence[str]) -> bytes:
    """Each finding with its kind, subject, places and whether it is decided; sorted, stable."""
    listed = [
        {
            "id": f.id,
            "kind": f.kind.value,
            "subject": f.subject,
            "subjects": list(f.said or (f.subject,)),
            "decided": f.decision is not None,
            "decision": None
            if f.decision is None
            else {"decision": f.decision.resolution.value, "by": f.decision.by, "reason": f.decision.reason},
            "places": [
                {
                    "key": p.key,
                    "names": p.names,
                    "texts": p.texts,
                    "disposition": p.disposition or None,
                    "pages": p.pages,
                }
                for p in f.places
            ],
            "diff": {lang: [list(op) for op in ops] for lang, ops in f.diff.items()},
        }
        for f in findings
    ]
    data = {"findings": listed, "stale_decisions": list(stale)}
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
