"""The redline as a GitHub pull-request comment: summary, then a comparison table per article.

Every character of article text is escaped (Markdown, HTML, and ``@`` so that no one is
mentioned); deletions are ``<del>``, insertions ``<ins>``. The comment stays under GitHub's
limit: articles that do not fit are counted and pointed to the full redline.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from .. import wording
from ..characters import reveal
from ..diff import ArticleChange, Comparison, Op
from .md import escape
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
    visible_rows,
)

OPEN_ROWS = 12
"""Articles with more changed rows than this start collapsed in the comment."""
MAX_FINDINGS = 20
"""Validation findings listed in the comment, errors first; each is cut to 300 characters."""
COMMENT_LIMIT = 65_000
"""GitHub refuses comments over 65,536 characters; leave room for a workflow's own lines."""
MAX_LISTED = 30
"""Entries of each list in the summary (structure, one-language, renumbered, dispositions,
answered comments); the rest are counted. A Russian-only change of a term in 2,000 articles
once listed them all: 340,000 characters, a comment GitHub refuses."""


def _listed(entries: list[str]) -> list[str]:
    """At most MAX_LISTED entries, then how many more (the full redline has them all)."""
    if len(entries) <= MAX_LISTED:
        return entries
    return [*entries[:MAX_LISTED], f"… +{len(entries) - MAX_LISTED}"]


def cell(pieces: Sequence[tuple[Op, str]]) -> str:
    out = []
    for op, raw in pieces:
        if op is Op.EQUAL:
            out.append(escape(raw))
            continue
        # Spacing after a changed word stays outside the mark, so no stray underlined space.
        core = raw.rstrip()
        tag = "del" if op is Op.DELETE else "ins"
        # What cannot be seen (U+200B, a Latin «с» in a Cyrillic word) is shown by name.
        out.append(f"<{tag}>{escape(reveal(core))}</{tag}>{escape(raw[len(core) :])}")
    return "".join(out) or " "


def render(comparison: Comparison, languages: tuple[str, ...], full_redline: str = "") -> str:
    """The comment body; ``full_redline`` says where the complete HTML/DOCX redline is."""
    redline = comparison.redline
    current = {lang: current_label(comparison, lang) for lang in languages}

    def label(key: str) -> str:
        return both(languages, partial(wording.word, key))

    head = redline.head
    title = both(languages, lambda lang: wording.comparison_title(lang, head.title.get(lang, ""), head.stage))
    head_lines = [f"## {escape(title)}"]
    if sides(comparison):  # branch names come from a stranger: escaped, like every other text
        head_lines.append(f"{label('from')}: {escape(sides(comparison))}")
    facts = summary(comparison, languages)
    status = label("valid" if facts.valid else "invalid")
    head_lines.append(
        f"**{status}** ({both(languages, lambda lang: wording.findings_count(lang, facts.errors, facts.warnings))})"
    )
    # Errors first, then warnings (CI fails on those too, and C002/C003 name deceptive text).
    findings = sorted(comparison.head_diagnostics, key=lambda d: not d.is_error)
    if findings:
        listed = [
            f"- {escape(_cut(str(d.location)))}: {d.code}{'' if d.is_error else ' ⚠'} {escape(_cut(both(languages, d.message.said)))}"
            for d in findings[:MAX_FINDINGS]
        ]
        if len(findings) > MAX_FINDINGS:
            more = both(languages, lambda lang: wording.more_findings(lang, len(findings) - MAX_FINDINGS))
            listed.append(f"- {escape(more)}: `kodeks validate --strict`")
        head_lines.append("\n".join(listed))
    if comparison.dispositions:
        entries = [escape(both(languages, partial(disposition_line, c))) for c in comparison.dispositions]
        lines = "\n".join(f"- {entry}" for entry in _listed(entries))
        head_lines.append(f"**{escape(label('dispositions-changed'))}**\n\n{lines}")
    if comparison.answered:
        entries = [escape(both(languages, partial(answered_line, a))) for a in comparison.answered]
        lines = "\n".join(f"- {entry}" for entry in _listed(entries))
        head_lines.append(f"**{escape(label('answered'))}**\n\n{lines}")
    if redline.empty:
        head_lines.append(label("no-changes"))
        return "\n\n".join(head_lines) + "\n"
    head_lines.append(" · ".join(f"{name}: **{count}**" for name, count in facts.counts))
    if redline.structure:
        entries = [escape(both(languages, partial(structure_line, c))) for c in redline.structure]
        head_lines.append("\n".join(f"- {entry}" for entry in _listed(entries)))
    one_language = redline.one_language_changes()
    if one_language:
        entries = [
            escape(both(languages, partial(one_language_caption, c, changed=redline.changed_alone(c))))
            for c in one_language
        ]
        lines = "\n".join(f"- {entry}" for entry in _listed(entries))
        head_lines.append(f"**⚠ {escape(label('one-language'))}**\n\n{lines}")
    renumbered = renumbered_only(redline)
    if renumbered:
        entries = [escape(both(languages, partial(caption, c))) for c in renumbered]
        rows = "\n".join(f"| {entry} |" for entry in _listed(entries))
        head_lines.append(f"**{label('renumbered-only')}**\n\n| {label('articles')} |\n|---|\n{rows}")

    changes = detailed(redline)
    body = "\n\n".join(head_lines)
    shown = 0
    shortest = len(_too_long(languages, ""))  # a pointer without its title: none is shorter
    for change in changes:
        # An article too long for what is left is named with a pointer to the full redline,
        # and the articles after it still get their turn. Where not even that pointer fits, the
        # article is left out without writing its table (2,000 changed articles wrote 2,000
        # tables to show 57), or its pointer once no pointer can fit.
        if len(body) + shortest + 400 > COMMENT_LIMIT:
            continue
        pointer = _too_long(languages, _title(change, languages))
        if len(body) + len(pointer) + 400 > COMMENT_LIMIT:
            continue
        for block in (_article(change, languages, current), pointer):
            if len(body) + len(block) + 400 <= COMMENT_LIMIT:
                body += "\n\n" + block
                shown += 1
                break
    if shown < len(changes):
        total = len(changes)
        said = escape(both(languages, lambda lang: wording.word("left-out", lang).format(shown=shown, total=total)))
        # The link is ours (the run's page), written as is; the words around it are escaped.
        where = full_redline or escape(both(languages, partial(wording.word, "left-out-where")))
        body += f"\n\n**{said} {where}**"
    return body + "\n"


def _cut(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _title(change: ArticleChange, languages: Sequence[str]) -> str:
    heading = escape(both(languages, partial(caption, change)))
    kinds = escape(both(languages, partial(kinds_text, change)))
    return f'<a id="{anchor(change)}"></a><b>{heading}</b> — {kinds}'


def _too_long(languages: Sequence[str], title: str) -> str:
    """An article named, with a pointer to the full redline instead of its table."""
    too_long = escape(both(languages, partial(wording.word, "too-long")))
    return f"<details><summary>{title}</summary>\n\n{too_long}\n\n</details>"


def _article(change: ArticleChange, languages: tuple[str, ...], current: dict[str, str]) -> str:
    title = _title(change, languages)
    shown = sum(1 for lang in languages for row in visible_rows(change.texts.get(lang, [])) if row is not None)
    parts = [f"<details{' open' if shown <= OPEN_ROWS else ''}><summary>{title}</summary>", ""]
    for field_change in change.fields:
        name = both(languages, partial(wording.word, f"field-{field_change.name}")) + (
            f" ({field_change.language})" if field_change.language else ""
        )
        parts.append(
            f"- {name}: {cell(side(field_change.pieces, Op.DELETE))} → {cell(side(field_change.pieces, Op.INSERT))}"
        )
    for lang in languages:
        rows = table_rows(change, lang)
        if not rows:
            continue
        parts.append("")
        parts.append(f"| {escape(current[lang])} | {escape(wording.word('proposed', lang))} |")
        parts.append("|---|---|")
        for row in rows:
            if row is None:
                parts.append(f"| {ELLIPSIS} | {ELLIPSIS} |")
                continue
            left = _numbered(row.current) if row.current else f"*{escape(wording.word('absent', lang))}*"
            right = _numbered(row.proposed) if row.proposed else escape(wording.word("exclude", lang))
            parts.append(f"| {left} | {right} |")
    parts.append("")
    parts.append("</details>")
    return "\n".join(parts)


def _numbered(column: Column) -> str:
    number = cell(column.label).strip()
    return f"**{number}** {cell(column.text)}" if number else cell(column.text)
