"""A printed line of the law as kodeks writes it in Markdown: every unit and абзац its own
paragraph, indented under its parent, its text escaped so kodeks reads back exactly that text.
Import, review and amending laws write units with these."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..parse.statute import StatuteBlock


def markdown_lines(blocks: Sequence[StatuteBlock], text_of: Callable[[StatuteBlock], str]) -> list[str]:
    """The blocks as kodeks writes them: every unit and абзац its own paragraph after a blank
    line, indented under its parent, so that neither kodeks nor GitHub can fold one into another."""
    lines: list[str] = []
    part_indent = point_indent = 0
    """Where the text of the current part, and of the current point, begins."""
    has_parts = any(b.kind == "part" for b in blocks)
    for block in blocks:
        if block.kind == "part":
            lines.append(f"{block.label}. {text_of(block)}")
            part_indent = point_indent = len(f"{block.label}. ")
        elif block.kind == "point":
            base = part_indent if has_parts else 0
            lines.append(" " * base + f"{block.label}) {text_of(block)}")
            point_indent = base + len(f"{block.label}) ")
        elif block.kind == "subpoint":
            lines.append(" " * point_indent + f"{block.label}) {text_of(block)}")
        elif block.kind == "note":
            lines.append(f"{block.label}. {text_of(block)}")
        else:  # a paragraph, or the line that opens the notes
            indent = {"point": point_indent, "part": part_indent}.get(block.owner, 0)
            lines.append(" " * indent + text_of(block))
        lines.append("")
    return lines


_BLOCK_START = (
    "#", ">", "-", "+", "*", "=", "|", "~", "`",
)  # fmt: skip


def inline_markdown(text: str) -> str:
    """Text inside a line: its backslashes, brackets and entities escaped."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("&", "\\&")


def line_markdown(text: str) -> str:
    """A line of the law as Markdown that kodeks reads back as exactly that text: its own
    backslashes, brackets and entities escaped, and a start that would open a block or a unit
    («1.», «а)», «#») escaped."""
    escaped = inline_markdown(text)
    if escaped.startswith(_BLOCK_START):
        return "\\" + escaped
    for marker_end in (".", ")"):
        head, separator, _ = escaped.partition(marker_end)
        if separator and head and (head.replace("-", "").isdigit() or (len(head) == 1 and head.isalpha())):
            return head + "\\" + escaped[len(head) :]
    return escaped
