"""A paragraph rewritten in place: only the words that changed, a reference whose words are
kept stays a link. Review rounds and amending laws carry their wordings into the Markdown so."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..messages import msg
from ..model import Paragraph, Text
from ..words import opcodes, tokens
from .as_markdown import inline_markdown, line_markdown
from .texts import Edit, EditError, Texts


class CannotApply(EditError):
    """A proposal whose words cannot be carried into the Markdown exactly."""


_OPENING = re.compile(r"[ \t]*(?:(?:\d+(?:-\d+)*[.)]|[а-яё]\))[ \t]+)?")


def paragraph_edits(texts: Texts, paragraph: Paragraph, new_text: str) -> list[Edit]:
    """Edits of the paragraph's Markdown that make its text ``new_text``: only the words that
    changed are rewritten; a reference whose words are unchanged stays a link, and one whose
    words change keeps its link when the change is inside its words."""
    source = texts.files[paragraph.location.path]
    start = texts.offset(paragraph.location)
    spans = _spans(source, start, paragraph)
    old = paragraph.plain_text
    new = " ".join(new_text.split())
    if not new:
        raise CannotApply(msg("it deletes the whole paragraph: remove the unit by hand"))
    old_tokens, new_tokens = tokens(old), tokens(new)
    offsets = [0]
    for token in old_tokens:
        offsets.append(offsets[-1] + len(token))
    new_offsets = [0]
    for token in new_tokens:
        new_offsets.append(new_offsets[-1] + len(token))
    edits = []
    for op, i1, i2, j1, j2 in opcodes(old_tokens, new_tokens):
        if op == "equal":
            continue
        a, b = offsets[i1], offsets[i2]
        replacement = new[new_offsets[j1] : new_offsets[j2]]
        edits.append(_edit(paragraph, spans, source, a, b, replacement))
    return edits


@dataclass(frozen=True, slots=True)
class _Span:
    """Where one character of the paragraph's text is written in the source."""

    start: int
    end: int
    link: int | None
    """The index of the link whose words hold it."""


def _spans(source: str, start: int, paragraph: Paragraph) -> list[_Span]:
    """For each character of the paragraph's text, its place in the Markdown; a final entry
    marks where the text ends."""
    spans: list[_Span] = []
    opening = _OPENING.match(source, start)  # the paragraph's location is its line: skip «2. », «а) »
    position = opening.end() if opening else start

    def take(value: str, link: int | None) -> None:
        nonlocal position
        for character in value:
            written = source[position : position + 1]
            if written == character:
                spans.append(_Span(position, position + 1, link))
                position += 1
            elif written == "\\" and source[position + 1 : position + 2] == character:
                spans.append(_Span(position, position + 2, link))
                position += 2
            elif character == " " and written == "\n":
                end = position + 1
                while source[end : end + 1] in (" ", "\t"):
                    end += 1
                spans.append(_Span(position, end, link))
                position = end
            elif written == "&":
                end = source.find(";", position)
                if end < 0 or end - position > 32:
                    raise CannotApply(msg("an entity in the text could not be read back"))
                spans.append(_Span(position, end + 1, link))
                position = end + 1
            else:
                raise CannotApply(msg("the paragraph's Markdown could not be matched to its text"))

    for index, inline in enumerate(paragraph.inlines):
        if isinstance(inline, Text):
            take(inline.value, None)
            continue
        if source[position : position + 1] != "[":
            raise CannotApply(msg("a reference's Markdown could not be found"))
        position += 1
        take(inline.text, index)
        close = f"]({inline.href})"
        if not source.startswith(close, position):
            raise CannotApply(msg("a reference's Markdown could not be found"))
        position += len(close)
    spans.append(_Span(position, position, None))
    return spans


def _edit(paragraph: Paragraph, spans: list[_Span], source: str, a: int, b: int, replacement: str) -> Edit:
    """The edit that replaces characters ``a``–``b`` of the paragraph's text: inside a
    reference's words it stays a link; next to one it goes outside the link."""
    path = paragraph.location.path
    if b > a:
        links = {span.link for span in spans[a:b]}
        if len(links) > 1:
            raise CannotApply(msg("it rewords a reference and the text around it at once: edit the link by hand"))
        start, end = spans[a].start, spans[b - 1].end
        in_link = links != {None}
    else:  # an insertion between two characters
        before = spans[a - 1].link if a > 0 else None
        after = spans[a].link if a < len(spans) - 1 else None
        in_link = after is not None and after == before
        # Next to a link, outside it: before its «[», or after its «](…)».
        start = end = spans[a].start - 1 if after is not None and not in_link else spans[a].start
    if in_link:
        return Edit(path, start, end, inline_markdown(replacement))
    # Text that opens a line of the source could open a block there («1) …», «# …»): escaped as such.
    opens_line = a == 0 or not source[source.rfind("\n", 0, start) + 1 : start].strip()
    return Edit(path, start, end, line_markdown(replacement) if opens_line else inline_markdown(replacement))
