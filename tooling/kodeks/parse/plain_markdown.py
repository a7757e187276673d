"""A fast reader for the plain Markdown nearly every article body is written in.

markdown-it-py reads a body character by character through a chain of a dozen rules; most of a
cold ``validate`` went there. Article bodies use a small part of Markdown: ``## ky`` headings,
paragraphs, numbered parts and points (``1.``, ``3-1.``, ``2)``) and reference links
``[…](art:…)``. For a body written only with those, :func:`plain_tokens` runs the same block
algorithm as markdown-it-py (the list rule of ``markdown.py``, CommonMark's paragraph and ATX
heading rules, the block tokenizer's tight/loose bookkeeping) line by line, and the inline
rules (text, line breaks, links) with string searches, and returns the very tokens
markdown-it-py would. Anything outside that subset (a tab, a quotation, a bullet, a code block,
an escape, an entity, a bracket that is not a reference link, an empty item, a long marker,
deep nesting) returns None, and the body is read by markdown-it-py. tests/test_plain_markdown.py
proves the two agree on every body of the test corpora, on the benchmark Code and on generated
hostile bodies.
"""

from __future__ import annotations

import re
from typing import ClassVar

from .markdown import PLAIN_REFERENCE

MD_TRIM_CHARS = "\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
"""What markdown-it's ``mdTrim`` strips (its own constant; importing markdown-it costs more than
reading a small Code)."""

MAX_LEVEL = 12
"""Deeper structures go to markdown-it-py, which cuts them at its nesting limit."""

MAX_MARKER = 9
"""Longer markers go to markdown-it-py (CommonMark's own limit is 9 digits)."""

_OUTSIDE_CHARACTERS = re.compile(r"[\t\r\0|\\&]")
_OUTSIDE_LINE_START = re.compile(r"\n *(?:[>`~*+_-]|#(?!#{0,5} +[^ #\n][^#\n]*$))", re.MULTILINE)
"""A character, or a line start (searched in the body after a "\n": a third of the time of
``^`` in one pattern with the characters), that needs a rule of markdown-it-py this reader does
not run."""

_OTHER_BLOCKS = frozenset(">`~*+_-")
_MARKER = re.compile(r"(\d+(?:-\d+)*)([.)])(?= |$)")
_HEADING = re.compile(r"(#{1,6}) +([^#]*?) *$")
_LINK = re.compile(r"\[([^\[\]]*)\]\(([^\s()\[\]]*)\)")


class NotPlain(Exception):
    """The body needs markdown-it-py."""


class PlainToken:
    """The fields of markdown-it's ``Token``, made in half the time (no dataclass defaults to build)."""

    __slots__ = (
        "type",
        "tag",
        "nesting",
        "level",
        "map",
        "children",
        "content",
        "markup",
        "info",
        "attrs",
        "hidden",
        "block",
    )
    EMPTY_ATTRS: ClassVar[dict[str, str | int | float]] = {}

    def __init__(self, kind: str, tag: str, nesting: int, level: int, block: bool) -> None:
        self.type = kind
        self.tag = tag
        self.nesting = nesting
        self.level = level
        self.block = block
        self.map: list[int] | None = None
        self.children: list[PlainToken] | None = None
        self.content = ""
        self.markup = ""
        self.info = ""
        self.attrs = PlainToken.EMPTY_ATTRS
        self.hidden = False


def plain_tokens(body: str) -> list[PlainToken] | None:
    """markdown-it-py's tokens of ``body`` (with ``body_parser``'s rules), or None outside the subset."""
    if _OUTSIDE_CHARACTERS.search(body) or _OUTSIDE_LINE_START.search("\n" + body):
        return None
    try:
        return _Blocks(body).parse()
    except NotPlain:
        return None


class _Blocks:
    """markdown-it-py's StateBlock and block rules, for lines of spaces and text only."""

    def __init__(self, body: str) -> None:
        lines = body.split("\n")
        if lines and not lines[-1].strip(" "):
            lines.pop()  # markdown-it keeps no last line that is empty or only spaces
        self.raw = lines
        self.shift = [len(line) - len(line.lstrip(" ")) for line in lines]  # tShift = sCount without tabs
        self.raw_shift = list(self.shift)
        self.line_max = len(lines)
        self.shift.append(0)
        self.raw.append("")
        # isEmpty: an item moves its first line's shift to its text, which is never empty.
        self.blank = [shift >= len(line) for shift, line in zip(self.shift, self.raw, strict=True)]
        self.tokens: list[PlainToken] = []
        self.level = 0
        self.blk_indent = 0
        self.list_indent = -1
        self.line = 0
        self.tight = False

    def parse(self) -> list[PlainToken]:
        self.tokenize(0, self.line_max)
        return self.tokens

    def push(self, kind: str, tag: str, nesting: int) -> PlainToken:
        if nesting < 0:
            self.level -= 1
        token = PlainToken(kind, tag, nesting, self.level, True)
        if nesting > 0:
            self.level += 1
        self.tokens.append(token)
        return token

    def tokenize(self, line: int, end: int) -> None:
        has_empty_lines = False
        while line < end:
            while line < self.line_max and self.blank[line]:
                line += 1
            self.line = line
            if line >= end or self.shift[line] < self.blk_indent:
                break
            if self.level >= MAX_LEVEL:
                raise NotPlain
            if self.shift[line] - self.blk_indent >= 4:
                raise NotPlain  # an indented code block
            text = self.raw[line]
            start = self.shift[line]
            if text[start] in _OTHER_BLOCKS:
                raise NotPlain  # after a marker: «1. > …», «1. - …»
            marker = _marker(text, start)
            if text[start] == "#":
                self.heading(line)
            elif marker is None:
                self.paragraph(line)
            else:
                self.list(line, end, marker)
            self.tight = not has_empty_lines
            line = self.line
            if line - 1 < end and self.blank[line - 1]:
                has_empty_lines = True
            if line < end and self.blank[line]:
                has_empty_lines = True
                line += 1
                self.line = line

    def heading(self, line: int) -> None:
        found = _HEADING.match(self.raw[line], self.shift[line])
        if found is None:
            raise NotPlain
        hashes = found.group(1)
        self.line = line + 1
        opening = self.push("heading_open", f"h{len(hashes)}", 1)
        opening.markup = hashes
        opening.map = [line, line + 1]
        inline = self.push("inline", "", 0)
        inline.content = _trim(found.group(2))
        inline.map = [line, line + 1]
        inline.children = _inline(inline.content)
        self.push("heading_close", f"h{len(hashes)}", -1).markup = hashes

    def interrupts_paragraph(self, line: int) -> bool:
        """Whether a line ends the paragraph above it (the heading and list rules, silently)."""
        text = self.raw[line]
        start = self.shift[line]
        if text[start] == "#":
            return True
        marker = _marker(text, start)
        if marker is None:
            return False
        if self.list_indent >= 0 and start - self.list_indent >= 4 and start < self.blk_indent:
            return False
        if start >= self.blk_indent:
            # Only a list that starts at 1, with text after its marker, may interrupt a
            # paragraph at the paragraph's own indent.
            number = marker.group(1)
            return number.isdigit() and int(number) == 1 and bool(text[marker.end() :].strip(" "))
        return True

    def paragraph(self, start: int) -> None:
        following = start + 1
        while following < self.line_max and not self.blank[following]:
            if self.shift[following] - self.blk_indent <= 3 and self.interrupts_paragraph(following):
                break
            following += 1
        if following == start + 1:
            content = _trim(self.cut(start))
        else:
            content = _trim("\n".join([self.cut(line) for line in range(start, following)]))
        self.line = following
        # The three tokens push() would make, made directly: this is the hottest path.
        level = self.level
        opening = PlainToken("paragraph_open", "p", 1, level, True)
        opening.map = [start, following]
        inline = PlainToken("inline", "", 0, level + 1, True)
        inline.content = content
        inline.map = [start, following]
        inline.children = _inline(content)
        self.tokens += (opening, inline, PlainToken("paragraph_close", "p", -1, level, True))

    def cut(self, line: int) -> str:
        """The line without the block indent (getLines): a marker before the shift counts as indent."""
        return self.raw[line][min(self.blk_indent, max(self.shift[line], self.raw_shift[line])) :]

    def list(self, start_line: int, end: int, marker: re.Match[str]) -> None:
        """The list rule of ``markdown.py`` (CommonMark's, with inserted numbers) for ordered lists."""
        first = marker.group(1)
        delimiter = marker.group(2)
        list_open = self.push("ordered_list_open", "ol", 1)
        list_open.markup = delimiter
        list_open.map = list_lines = [start_line, 0]
        if first.isdigit() and int(first) != 1:
            list_open.attrs = {"start": int(first)}
        list_index = len(self.tokens) - 1
        previous_empty_end = False
        tight = True
        next_line = start_line
        while next_line < end:
            text = self.raw[start_line]
            marker_text = marker.group(1)
            after_marker = marker.end()
            content_start = len(text) - len(text[after_marker:].lstrip(" "))
            if content_start >= len(text) or content_start - after_marker > 4:
                raise NotPlain  # an empty item, or an item opening with a code block

            item = self.push("list_item_open", "li", 1)
            item.markup = delimiter
            item.map = item_lines = [start_line, 0]
            item.info = marker_text

            old_tight, old_shift, old_list_indent = self.tight, self.shift[start_line], self.list_indent
            self.list_indent = self.blk_indent
            self.blk_indent = content_start
            self.tight = True
            self.shift[start_line] = content_start
            self.tokenize(start_line, end)
            if not self.tight or previous_empty_end:
                tight = False
            previous_empty_end = self.line - start_line > 1 and self.blank[self.line - 1]
            self.blk_indent = self.list_indent
            self.list_indent = old_list_indent
            self.shift[start_line] = old_shift
            self.tight = old_tight

            self.push("list_item_close", "li", -1).markup = delimiter
            next_line = start_line = self.line
            item_lines[1] = next_line
            if next_line >= end or self.shift[next_line] < self.blk_indent:
                break
            if self.shift[next_line] - self.blk_indent >= 4:
                break
            following = _marker(self.raw[next_line], self.shift[next_line])
            if following is None or following.group(2) != delimiter:
                break
            marker = following

        self.push("ordered_list_close", "ol", -1).markup = delimiter
        list_lines[1] = next_line
        self.line = next_line
        if tight:
            level = self.level + 2
            for token in self.tokens[list_index + 2 : -2]:
                if token.level == level and token.type in ("paragraph_open", "paragraph_close"):
                    token.hidden = True


def _marker(text: str, start: int) -> re.Match[str] | None:
    """An ordered-list marker at ``start`` (``N(-K)*`` then ``.`` or ``)``), as markdown.py reads one."""
    marker = _MARKER.match(text, start)
    if marker is not None and len(marker.group(1)) > MAX_MARKER:
        raise NotPlain
    return marker


def _inline(content: str) -> list[PlainToken]:
    """The inline tokens of a paragraph or heading: text, line breaks and reference links."""
    if "[" not in content and "]" not in content and "\n" not in content:
        return [_text_token(content, 0)] if content else []  # one line of text: most paragraphs
    children: list[PlainToken] = []
    position = 0
    pending = ""
    for link in _LINK.finditer(content):
        destination = link.group(2)
        if PLAIN_REFERENCE.fullmatch(destination) is None:
            raise NotPlain  # markdown-it normalises other destinations
        pending = _text(content[position : link.start()], pending, children, 0)
        if pending:
            children.append(_text_token(pending, 0))
            pending = ""
        opening = PlainToken("link_open", "a", 1, 0, False)
        opening.attrs = {"href": destination}
        children.append(opening)
        label = _text(link.group(1), "", children, 1)
        if label:
            children.append(_text_token(label, 1))
        children.append(PlainToken("link_close", "a", -1, 0, False))
        position = link.end()
    pending = _text(content[position:], pending, children, 0)
    if "[" in pending or "]" in pending:
        raise NotPlain  # a bracket that is not a reference link
    if pending:
        children.append(_text_token(pending, 0))
    return children


def _text(segment: str, pending: str, children: list[PlainToken], level: int) -> str:
    """Text with line breaks (markdown-it's newline rule); returns the text still pending."""
    lines = segment.split("\n")
    for index, line in enumerate(lines):
        if index:
            line = line.lstrip(" ")
        if "[" in line or "]" in line:
            raise NotPlain
        pending += line
        if index == len(lines) - 1:
            break
        kind = "softbreak"
        if pending.endswith("  "):
            pending, kind = pending.rstrip(" "), "hardbreak"
        elif pending.endswith(" "):
            pending = pending[:-1]
        if pending:
            children.append(_text_token(pending, level))
            pending = ""
        children.append(PlainToken(kind, "br", 0, level, False))
    return pending


def _trim(text: str) -> str:
    return text.strip(MD_TRIM_CHARS)


def _text_token(content: str, level: int) -> PlainToken:
    token = PlainToken("text", "", 0, level, False)
    token.content = content
    return token
