"""The redline as one self-contained HTML page: the comparison table of the whole change set."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from functools import partial
from html import escape as _e
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .. import wording
from ..characters import reveal
from ..diff import ArticleChange, Comparison, Op
from .redline_common import (
    ELLIPSIS,
    Column,
    anchor,
    answered_line,
    both,
    caption,
    current_label,
    detailed,
    disposition_line,
    kinds_text,
    one_language_caption,
    renumbered_only,
    side,
    sides,
    structure_line,
    summary,
    table_rows,
)


def cell(pieces: Sequence[tuple[Op, str]]) -> str:
    out = []
    for op, text in pieces:
        if op is Op.EQUAL:
            out.append(_e(text).replace("\n", "<br>"))
            continue
        # Spacing after a changed word stays outside the mark, so no stray underlined space.
        core = text.rstrip()
        tag = "del" if op is Op.DELETE else "ins"
        # What cannot be seen (U+200B, a Latin «с» in a Cyrillic word) is shown by name.
        out.append(f"<{tag}>{_e(reveal(core)).replace(chr(10), '<br>')}</{tag}>{_e(text[len(core) :])}")
    return "".join(out)


def _numbered(column: Column) -> str:
    number = cell(column.label).strip()
    return (f'<span class="num">{number}</span> ' if number else "") + cell(column.text)


def _article(change: ArticleChange, languages: tuple[str, ...], current: dict[str, str]) -> Markup:
    out = [f'<section class="change" id="{_e(anchor(change))}">']
    heading = both(languages, partial(caption, change))
    out.append(f"<h2>{_e(heading)} <small>{_e(both(languages, partial(kinds_text, change)))}</small></h2>")
    if change.fields:
        out.append('<ul class="fields">')
        for field in change.fields:
            name = both(languages, partial(wording.word, f"field-{field.name}")) + (
                f" ({field.language})" if field.language else ""
            )
            out.append(
                f"<li>{_e(name)}: {cell(side(field.pieces, Op.DELETE))} → {cell(side(field.pieces, Op.INSERT))}</li>"
            )
        out.append("</ul>")
    for lang in languages:
        rows = table_rows(change, lang)
        if not rows:
            continue
        out.append(f'<table class="comparison" lang="{_e(lang)}"><thead><tr>')
        out.append(f"<th>{_e(current[lang])}</th><th>{_e(wording.word('proposed', lang))}</th></tr></thead><tbody>")
        for row in rows:
            if row is None:
                out.append(f'<tr class="skipped"><td>{ELLIPSIS}</td><td>{ELLIPSIS}</td></tr>')
                continue
            left = _numbered(row.current) if row.current else f"<i>{_e(wording.word('absent', lang))}</i>"
            right = (
                _numbered(row.proposed)
                if row.proposed
                else f'<span class="exclude">{_e(wording.word("exclude", lang))}</span>'
            )
            out.append(f"<tr><td>{left}</td><td>{right}</td></tr>")
        out.append("</tbody></table>")
    out.append("</section>")
    return Markup("\n".join(out))  # every piece of text above was escaped


@functools.cache  # compiling the template costs more than rendering a small redline
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("kodeks.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )


def render(comparison: Comparison, languages: tuple[str, ...]) -> bytes:
    redline = comparison.redline
    language = languages[0]
    facts = summary(comparison, languages)
    current = {lang: current_label(comparison, lang) for lang in languages}
    code = redline.head

    def label(key: str) -> str:
        return both(languages, partial(wording.word, key))

    def in_all(function: Callable[[Any, str], str], change: Any) -> str:
        return both(languages, partial(function, change))

    page = (
        _environment()
        .get_template("redline.html.j2")
        .render(
            language=language,
            title=both(
                languages, lambda lang: wording.comparison_title(lang, code.title.get(lang, code.id), code.stage)
            ),
            revisions=sides(comparison),
            status=label("valid" if facts.valid else "invalid"),
            valid=facts.valid,
            counts=facts.counts,
            findings=[str(d) for d in comparison.head_diagnostics],
            structure=[in_all(structure_line, c) for c in redline.structure],
            dispositions=[in_all(disposition_line, c) for c in comparison.dispositions],
            dispositions_title=label("dispositions-changed"),
            answered=[in_all(answered_line, a) for a in comparison.answered],
            answered_title=label("answered"),
            one_language=[
                (
                    anchor(c),
                    in_all(lambda change, lang: one_language_caption(change, lang, redline.changed_alone(change)), c),
                )
                for c in redline.one_language_changes()
            ],
            one_language_title=label("one-language"),
            renumbered=[in_all(caption, c) for c in renumbered_only(redline)],
            renumbered_title=label("renumbered-only"),
            contents=[(anchor(c), in_all(caption, c), in_all(kinds_text, c)) for c in detailed(redline)],
            articles=[_article(c, languages, current) for c in detailed(redline)],
            empty=label("no-changes") if redline.empty else "",
        )
    )
    return page.encode("utf-8")
