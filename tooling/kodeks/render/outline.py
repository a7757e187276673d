"""A report as an outline of headings, tables, lists and bars, written as Markdown, HTML or Word.

The consolidation report and the table of comments build an outline; this module writes it,
escaping every piece of text for its format.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import quote

from ..characters import visible
from .md import escape as _md_escape


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int


@dataclass(frozen=True, slots=True)
class Link:
    """Words that lead somewhere: a place in a report, to its unit on the published site."""

    text: str
    href: str
    language: str = ""
    """The language of ``text`` when it differs from the report's (a parallel name)."""


@dataclass(frozen=True, slots=True)
class Marked:
    """A line with words struck out and put in, as a word diff: runs of (``=``, ``-`` or ``+``,
    text with its spacing)."""

    runs: tuple[tuple[str, str], ...]


Line = str | Link | Marked
Cell = str | tuple[Line, ...]
"""A table cell: text, its lines split at ``\n``; or lines some of which are links or marked."""


def cell_lines(cell: Cell) -> list[Line]:
    pieces = (cell,) if isinstance(cell, str) else cell
    return [line for piece in pieces for line in (piece.split("\n") if isinstance(piece, str) else (piece,))]


def _marked_runs(line: Marked) -> list[tuple[str, str, str]]:
    """(op, the words, the spacing after them): a mark ends before the space that follows it."""
    out = []
    for op, text in line.runs:
        core = text.rstrip() if op != "=" else text
        out.append((op, core, text[len(core) :]))
    return out


def _href(href: str) -> str:
    """An address as Markdown and Word take it: no space, bracket or quote left bare."""
    return quote(href, safe="/:#?=%~+,;@!$'*")  # «&» encoded: «&#58;» would read as «:» in Markdown


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...] = ()
    """Each column's share of the width in per cent; equal columns when empty."""


@dataclass(frozen=True, slots=True)
class Items:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Text:
    """Paragraphs of prose, as a note is written (not a list)."""

    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Bars:
    """Coverage per act: (label, absorbed, not transferred, open)."""

    legend: tuple[str, str, str]
    rows: tuple[tuple[str, int, int, int], ...]


Block = Heading | Table | Items | Text | Bars


def render(format_name: str, blocks: list[Block], language: str, landscape: bool = True) -> bytes:
    """``landscape``: a report of wide tables; a note of text prints upright."""
    if format_name == "md":
        return _markdown(blocks).encode("utf-8")
    if format_name == "html":
        return _html(blocks, language).encode("utf-8")
    return _docx(blocks, landscape)


def md_escape(text: str) -> str:
    """Escaped for Markdown, hidden characters shown (a register holds strangers' words)."""
    return _md_escape(visible(text))


def _markdown(blocks: list[Block]) -> str:
    out = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {md_escape(block.text)}")
        elif isinstance(block, Table):
            out.append("| " + " | ".join(md_escape(h) for h in block.header) + " |")
            out.append("|" + "---|" * len(block.header))
            out += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in block.rows]
        elif isinstance(block, Items):
            out += [f"- {md_escape(item)}" for item in block.items]
        elif isinstance(block, Text):
            out.append("\n\n".join(md_escape(paragraph) for paragraph in block.paragraphs))
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


def _md_cell(cell: Cell) -> str:
    def line_md(line: Line) -> str:
        if isinstance(line, Link):
            return f"[{md_escape(line.text)}]({_href(line.href)})"
        if isinstance(line, Marked):  # struck out and bold, as GitHub shows them
            marks = {"=": "", "-": "~~", "+": "**"}
            return "".join(
                f"{marks[op]}{md_escape(core)}{marks[op]}{after}" if core.strip() else core + after
                for op, core, after in _marked_runs(line)
            )
        return md_escape(line)

    return "<br>".join(line_md(line) for line in cell_lines(cell))


def _cells(count: int, total: int) -> int:
    return round(20 * count / total) if total else 0


_STYLE = """
del { color: #b3261e; } ins { color: #1b5e20; font-weight: bold; text-decoration: underline; }
@page { size: A4 landscape; margin: 15mm; }
@media print { body { max-width: none; margin: 0; padding: 0; font-size: 10pt; } tr { break-inside: avoid; } }
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
    def e(text: str) -> str:
        return html.escape(visible(text))

    def _a(link: Link) -> str:
        language = f' lang="{e(link.language)}"' if link.language else ""
        return f'<a href="{html.escape(link.href)}"{language}>{e(link.text)}</a>'

    def html_cell(cell: Cell) -> str:
        def line_html(line: Line) -> str:
            if isinstance(line, Link):
                return _a(line)
            if isinstance(line, Marked):
                tags = {"=": "", "-": "del", "+": "ins"}
                return "".join(
                    f"<{tags[op]}>{e(core)}</{tags[op]}>{e(after)}" if tags[op] and core else e(core + after)
                    for op, core, after in _marked_runs(line)
                )
            return e(line)

        return "<br>".join(line_html(line) for line in cell_lines(cell))

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
            widths = block.widths or ()
            out.append(
                "<table><thead><tr>"
                + "".join(
                    f'<th style="width:{widths[i]}%">{e(h)}</th>' if widths else f"<th>{e(h)}</th>"
                    for i, h in enumerate(block.header)
                )
                + "</tr></thead><tbody>"
            )
            out += ["<tr>" + "".join(f"<td>{html_cell(cell)}</td>" for cell in row) + "</tr>" for row in block.rows]
            out.append("</tbody></table>")
        elif isinstance(block, Items):
            out.append("<ul>" + "".join(f"<li>{e(item)}</li>" for item in block.items) + "</ul>")
        elif isinstance(block, Text):
            out += [f"<p>{e(paragraph)}</p>" for paragraph in block.paragraphs]
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


def _docx(blocks: list[Block], landscape: bool = True) -> bytes:
    from datetime import UTC, datetime

    from docx.opc.constants import RELATIONSHIP_TYPE

    from .word import HYPERLINK_STYLE, Properties, new_document, package, run, table

    title = next((b.text for b in blocks if isinstance(b, Heading)), "")
    document = new_document(landscape, Properties(title, "", "kodeks", datetime(2000, 1, 1, tzinfo=UTC), "", ""))

    def paragraph(line: Line) -> str:
        if isinstance(line, str):
            return run(line)
        if isinstance(line, Marked):  # struck out, and put in bold underlined, as a redline shows them
            looks = {"=": "", "-": "<w:strike/>", "+": '<w:b/><w:u w:val="single"/>'}
            return "".join(
                run(core, looks[op]) + (run(after) if after else "")
                for op, core, after in _marked_runs(line)
                if core or after
            )
        relationship = document.part.relate_to(_href(line.href), RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        return f'<w:hyperlink r:id="{relationship}">{run(line.text, HYPERLINK_STYLE)}</w:hyperlink>'

    body = []
    for block in blocks:
        if isinstance(block, Heading):
            style = "Title" if block.level == 1 else f"Heading{block.level - 1}"
            body.append(f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run(block.text)}</w:p>')
        elif isinstance(block, Table):
            cells = [
                ["".join(f"<w:p>{paragraph(line)}</w:p>" for line in cell_lines(cell)) for cell in row]
                for row in block.rows
            ]
            header = [f"<w:p>{run(h, '<w:b/>')}</w:p>" for h in block.header]
            body.append(table(cells, len(block.header), header, block.widths))
        elif isinstance(block, Items):
            body += [f"<w:p>{run('• ' + item)}</w:p>" for item in block.items]
        elif isinstance(block, Text):  # a note's paragraph: indented first line, justified, as typed by hand
            prose = '<w:pPr><w:spacing w:after="120"/><w:ind w:firstLine="709"/><w:jc w:val="both"/></w:pPr>'
            body += [f"<w:p>{prose}{run(paragraph)}</w:p>" for paragraph in block.paragraphs]
        else:
            body += [f"<w:p>{run(f'{name}: {a}/{d}/{o}')}</w:p>" for name, a, d, o in block.rows]
    return package(document, "".join(body))
