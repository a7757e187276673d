"""The consolidation report (``kodeks consolidation``) as Markdown, HTML or Word, bilingual.

One neutral outline (headings, tables, lists, coverage bars) is built from the
:class:`~kodeks.consolidation.Consolidation` and written in each format; every piece of text is
escaped for its format.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .. import wording
from ..consolidation import Consolidation, Fate, Outcome, Provision
from ..model import Act, Code, ReferenceTarget
from ..store import Revision
from .markdown import escape as md_escape


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Items:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Bars:
    """Coverage per act: (label, absorbed, not transferred, open)."""

    legend: tuple[str, str, str]
    rows: tuple[tuple[str, int, int, int], ...]


Block = Heading | Table | Items | Bars


def outline(
    code: Code, consolidation: Consolidation, languages: Sequence[str], revision: Revision | None
) -> list[Block]:
    def label(key: str) -> str:
        return " / ".join(dict.fromkeys(wording.word(key, language) for language in languages))

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
                label("provisions"),
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
        acts = [c for c in consolidation.acts if c.outcome is outcome]
        blocks += [Heading(label(key), 2), Items(tuple(act_title(c.act) for c in acts) or (label("none"),))]

    blocks.append(Heading(label("act-to-code"), 2))
    for coverage in consolidation.acts:
        blocks += [
            Heading(act_title(coverage.act), 3),
            Table(
                (label("provision"), label("code-article")),
                tuple((provision_text(p.target), _fate_text(p, label, code_article)) for p in coverage.provisions),
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
        f"{act_title(titles_by_id[a.provision.id])}, {provision_text(a.provision)}: {label('amended-since')} "
        f"{code_article(a.article_id)} ({a.commit[:12]})"
        for a in consolidation.amended
    ]
    findings += [
        f"{act_title(c.act)}: {label('fate-open')}: {c.count(Fate.OPEN)}"
        for c in consolidation.acts
        if c.count(Fate.OPEN)
    ]
    blocks += [Heading(label("findings"), 2), Items(tuple(findings) or (label("none"),))]
    return blocks


def _fate_text(provision: Provision, label: Callable[[str], str], code_article: Callable[[str], str]) -> str:
    if provision.absorbed_by:
        return "; ".join(code_article(a) for a in provision.absorbed_by)
    disposition = provision.disposition
    if disposition is None:
        return f"{label('fate-open')}"
    text = f"{label('fate-not-transferred')}: {label('reason-' + disposition.reason.value)}"
    if disposition.by:
        text += " " + "; ".join(code_article(by.id) for by in disposition.by)
    if disposition.note:
        text += f" ({disposition.note})"
    return text


def render(format_name: str, blocks: list[Block], language: str) -> bytes:
    if format_name == "md":
        return _markdown(blocks).encode("utf-8")
    if format_name == "html":
        return _html(blocks, language).encode("utf-8")
    return _docx(blocks)


def _markdown(blocks: list[Block]) -> str:
    out = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {md_escape(block.text)}")
        elif isinstance(block, Table):
            out.append("| " + " | ".join(md_escape(h) for h in block.header) + " |")
            out.append("|" + "---|" * len(block.header))
            out += ["| " + " | ".join(md_escape(cell) for cell in row) + " |" for row in block.rows]
        elif isinstance(block, Items):
            out += [f"- {md_escape(item)}" for item in block.items]
        else:
            out.append(
                f"█ {md_escape(block.legend[0])} · ▒ {md_escape(block.legend[1])} · ░ {md_escape(block.legend[2])}"
            )
            out.append("")
            out += [
                f"- {md_escape(name)}: {'█' * _cells(a, a + d + o)}{'▒' * _cells(d, a + d + o)}"
                f"{'░' * (20 - _cells(a, a + d + o) - _cells(d, a + d + o))} {a}/{d}/{o}"
                for name, a, d, o in block.rows
            ]
        out.append("")
    return "\n".join(out)


def _cells(count: int, total: int) -> int:
    return round(20 * count / total) if total else 0


_STYLE = """
body { font-family: "DejaVu Serif", "Times New Roman", serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
.bar { display: flex; align-items: center; gap: 0.6rem; margin: 0.3rem 0; }
.bar svg { flex: none; }
.legend span { display: inline-block; margin-right: 1rem; }
.legend i { display: inline-block; width: 0.9rem; height: 0.9rem; margin-right: 0.3rem; vertical-align: -0.1rem; }
"""
_COLOURS = ("#2e7d32", "#9e9e9e", "#ef6c00")


def _html(blocks: list[Block], language: str) -> str:
    e = html.escape
    title = next((b.text for b in blocks if isinstance(b, Heading)), "")
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{e(language)}"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{_STYLE}</style></head><body>",
    ]
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"<h{block.level}>{e(block.text)}</h{block.level}>")
        elif isinstance(block, Table):
            out.append(
                "<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in block.header) + "</tr></thead><tbody>"
            )
            out += ["<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>" for row in block.rows]
            out.append("</tbody></table>")
        elif isinstance(block, Items):
            out.append("<ul>" + "".join(f"<li>{e(item)}</li>" for item in block.items) + "</ul>")
        else:
            out.append(
                '<p class="legend">'
                + "".join(
                    f'<span><i style="background:{c}"></i>{e(t)}</span>'
                    for c, t in zip(_COLOURS, block.legend, strict=True)
                )
                + "</p>"
            )
            for name, *counts in block.rows:
                total = sum(counts) or 1
                x, rects = 0.0, []
                for count, colour in zip(counts, _COLOURS, strict=True):
                    width = 300 * count / total
                    rects.append(f'<rect x="{x:.1f}" y="0" width="{width:.1f}" height="18" fill="{colour}"/>')
                    x += width
                label = "/".join(str(c) for c in counts)
                out.append(
                    f'<div class="bar"><svg width="300" height="18" role="img" aria-label="{e(label)}">'
                    f"{''.join(rects)}</svg><span>{e(name)}: {e(label)}</span></div>"
                )
    out.append("</body></html>\n")
    return "\n".join(out)


def _docx(blocks: list[Block]) -> bytes:
    from datetime import UTC, datetime

    from .word import Properties, new_document, package, run, table

    title = next((b.text for b in blocks if isinstance(b, Heading)), "")
    document = new_document(True, Properties(title, "", "kodeks", datetime(2000, 1, 1, tzinfo=UTC), "", ""))
    body = []
    for block in blocks:
        if isinstance(block, Heading):
            style = "Title" if block.level == 1 else f"Heading{block.level - 1}"
            body.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run(block.text)}</w:p>')
        elif isinstance(block, Table):
            cells = [[f"<w:p>{run(cell)}</w:p>" for cell in row] for row in block.rows]
            header = [f"<w:p>{run(h, '<w:b/>')}</w:p>" for h in block.header]
            body.append(table(cells, len(block.header), header))
        elif isinstance(block, Items):
            body += [f"<w:p>{run('• ' + item)}</w:p>" for item in block.items]
        else:
            body += [f"<w:p>{run(f'{name}: {a}/{d}/{o}')}</w:p>" for name, a, d, o in block.rows]
    return package(document, "".join(body))
