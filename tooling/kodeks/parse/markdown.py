"""The markdown-it parser kodeks reads article bodies with.

Only what the Code uses is read as structure: ATX headings, paragraphs, ordered lists, links,
backslash escapes, entities and line breaks. Raw HTML and emphasis stay literal text, so
nothing a drafter types can turn into markup by accident. Code blocks, quotations, tables and
rules are recognised only so that the validator can say they are not used (B006).

CommonMark's list rule only knows markers like ``3.`` and ``2)``. In the in-force stage an
inserted part is ``3-1.`` and an inserted point ``2-1)``, so the list rule below is CommonMark's
(ported from markdown-it-py 4, MIT licence) with one change: an ordered marker is
``N(-K)*`` followed by ``.`` or ``)``. The marker as written is kept in ``token.info``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # markdown-it is imported only when a body needs it (plain_markdown.py reads most)
    from markdown_it import MarkdownIt
    from markdown_it.rules_block.state_block import StateBlock

_MAX_MARKER_LENGTH = 20


class BodyToken(Protocol):
    """What kodeks reads of a token: markdown-it's ``Token``, or plain_markdown's lighter one."""

    @property
    def type(self) -> str: ...
    @property
    def tag(self) -> str: ...
    @property
    def nesting(self) -> int: ...
    @property
    def level(self) -> int: ...
    @property
    def map(self) -> Sequence[int] | None: ...
    @property
    def children(self) -> Sequence[BodyToken] | None: ...
    @property
    def content(self) -> str: ...
    @property
    def markup(self) -> str: ...
    @property
    def info(self) -> str: ...
    @property
    def attrs(self) -> Mapping[str, str | int | float]: ...


def _is_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def _skip_ordered_marker(state: StateBlock, line: int) -> int:
    """Position after a ``N(-K)*[.)]`` marker and its space, or -1."""
    start = pos = state.bMarks[line] + state.tShift[line]
    maximum = state.eMarks[line]
    src = state.src
    if pos >= maximum or not _is_digit(src[pos]):
        return -1
    while True:
        pos += 1
        if pos >= maximum or pos - start > _MAX_MARKER_LENGTH:
            return -1
        ch = src[pos]
        if _is_digit(ch):
            continue
        # A hyphen joins two numbers (3-1); anything else must end the marker.
        if ch == "-" and pos + 1 < maximum and _is_digit(src[pos + 1]):
            continue
        if ch in ".)":
            break
        return -1
    pos += 1
    if pos < maximum and src[pos] not in " \t":
        return -1
    return pos


def _skip_bullet_marker(state: StateBlock, line: int) -> int:
    pos = state.bMarks[line] + state.tShift[line]
    maximum = state.eMarks[line]
    if pos >= maximum or state.src[pos] not in "*-+":
        return -1
    pos += 1
    if pos < maximum and state.src[pos] not in " \t":
        return -1
    return pos


def _mark_tight_paragraphs(state: StateBlock, index: int) -> None:
    level = state.level + 2
    i = index + 2
    length = len(state.tokens) - 2
    while i < length:
        if state.tokens[i].level == level and state.tokens[i].type == "paragraph_open":
            state.tokens[i + 2].hidden = True
            state.tokens[i].hidden = True
            i += 2
        i += 1


def legal_list(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """CommonMark's list rule, accepting ``3-1.`` and ``2-1)`` as ordered markers."""
    if state.is_code_block(start_line):
        return False
    if (
        state.listIndent >= 0
        and state.sCount[start_line] - state.listIndent >= 4
        and state.sCount[start_line] < state.blkIndent
    ):
        return False

    terminating_paragraph = silent and state.parentType == "paragraph" and state.sCount[start_line] >= state.blkIndent

    pos_after_marker = _skip_ordered_marker(state, start_line)
    first_marker = ""
    if pos_after_marker >= 0:
        ordered = True
        marker_start = state.bMarks[start_line] + state.tShift[start_line]
        first_marker = state.src[marker_start : pos_after_marker - 1]
        # Only a list starting at 1 may interrupt a paragraph (CommonMark): «01.» starts at 1 too.
        if terminating_paragraph and not (first_marker.isdigit() and int(first_marker) == 1):
            return False
    else:
        pos_after_marker = _skip_bullet_marker(state, start_line)
        if pos_after_marker < 0:
            return False
        ordered = False

    if terminating_paragraph and state.skipSpaces(pos_after_marker) >= state.eMarks[start_line]:
        return False

    delimiter = state.src[pos_after_marker - 1]
    if silent:
        return True

    list_token_index = len(state.tokens)
    token = state.push("ordered_list_open" if ordered else "bullet_list_open", "ol" if ordered else "ul", 1)
    token.map = list_lines = [start_line, 0]
    token.markup = delimiter
    if ordered and first_marker.isdigit() and int(first_marker) != 1:
        token.attrSet("start", int(first_marker))  # as CommonMark's rule does

    next_line = start_line
    previous_empty_end = False
    tight = True
    terminators = state.md.block.ruler.getRules("list")
    old_parent_type = state.parentType
    state.parentType = "list"

    while next_line < end_line:
        pos = pos_after_marker
        maximum = state.eMarks[next_line]
        initial = offset = (
            state.sCount[next_line] + pos_after_marker - (state.bMarks[start_line] + state.tShift[start_line])
        )
        while pos < maximum:
            ch = state.src[pos]
            if ch == "\t":
                offset += 4 - (offset + state.bsCount[next_line]) % 4
            elif ch == " ":
                offset += 1
            else:
                break
            pos += 1
        content_start = pos
        indent_after_marker = 1 if content_start >= maximum else offset - initial
        if indent_after_marker > 4:
            indent_after_marker = 1
        indent = initial + indent_after_marker

        token = state.push("list_item_open", "li", 1)
        token.markup = delimiter
        token.map = item_lines = [start_line, 0]
        if ordered:
            item_start = state.bMarks[start_line] + state.tShift[start_line]
            token.info = state.src[item_start : pos_after_marker - 1]

        old_tight = state.tight
        old_t_shift = state.tShift[start_line]
        old_s_count = state.sCount[start_line]
        old_list_indent = state.listIndent
        state.listIndent = state.blkIndent
        state.blkIndent = indent
        state.tight = True
        state.tShift[start_line] = content_start - state.bMarks[start_line]
        state.sCount[start_line] = offset

        if content_start >= maximum and state.isEmpty(start_line + 1):
            state.line = min(state.line + 2, end_line)
        else:
            state.md.block.tokenize(state, start_line, end_line)

        if not state.tight or previous_empty_end:
            tight = False
        previous_empty_end = (state.line - start_line) > 1 and state.isEmpty(state.line - 1)

        state.blkIndent = state.listIndent
        state.listIndent = old_list_indent
        state.tShift[start_line] = old_t_shift
        state.sCount[start_line] = old_s_count
        state.tight = old_tight

        token = state.push("list_item_close", "li", -1)
        token.markup = delimiter

        next_line = start_line = state.line
        item_lines[1] = next_line
        if next_line >= end_line:
            break
        if state.sCount[next_line] < state.blkIndent or state.is_code_block(start_line):
            break
        if any(terminator(state, next_line, end_line, True) for terminator in terminators):
            break
        if ordered:
            pos_after_marker = _skip_ordered_marker(state, next_line)
        else:
            pos_after_marker = _skip_bullet_marker(state, next_line)
        if pos_after_marker < 0 or delimiter != state.src[pos_after_marker - 1]:
            break

    token = state.push("ordered_list_close" if ordered else "bullet_list_close", "ol" if ordered else "ul", -1)
    token.markup = delimiter
    list_lines[1] = next_line
    state.line = next_line
    state.parentType = old_parent_type
    if tight:
        _mark_tight_paragraphs(state, list_token_index)
    return True


PLAIN_REFERENCE = re.compile(r"(?:art|ch|sec|act):[a-z0-9.#,~/абвгдежзийклмнопрстуфхцчшщъыьэюяё-]*")


@lru_cache(maxsize=1)
def body_parser() -> MarkdownIt:
    """The shared parser for article bodies (building one costs more than parsing a body)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("zero", {"maxNesting": 20})
    normalize_link = md.normalizeLink

    def normalize(url: str) -> str:
        # Our reference targets are kept as written (a subpoint's letter is Cyrillic, which
        # normalisation would percent-encode); skipping it also saves a tenth of the parse time
        # of a Code full of references.
        return url if PLAIN_REFERENCE.fullmatch(url) else normalize_link(url)

    md.normalizeLink = normalize  # type: ignore[method-assign]
    md.enable(["heading", "link", "escape", "newline", "entity", "fence", "code", "blockquote", "hr", "table"])
    md.block.ruler.before("paragraph", "legal_list", legal_list, {"alt": ["paragraph", "reference", "blockquote"]})
    return md
