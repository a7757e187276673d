"""Turning a file's bytes into text: UTF-8 with or without BOM, LF or CRLF, nothing else."""

from __future__ import annotations

from .diagnostics import Diagnostic, SourceLocation
from .messages import Message, msg, plural
from .rules import rule

MAX_FILE_SIZE = 1024 * 1024
_BOM = b"\xef\xbb\xbf"


def decode(path: str, data: bytes, limit: int = MAX_FILE_SIZE) -> tuple[str | None, list[Diagnostic]]:
    """Text with LF line endings, or None and a diagnostic pointing at the first bad byte. A file
    of the Code is read up to ``limit`` (1 MiB); an act's published text, given, up to its own."""
    if len(data) > limit:
        return None, [
            rule("F002").at(
                SourceLocation(path),
                _too_large(len(data), limit),
            )
        ]
    body = data[len(_BOM) :] if data.startswith(_BOM) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + (len(data) - len(body))
        line = data.count(b"\n", 0, offset) + 1
        column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
        return None, [
            rule("F001").at(
                SourceLocation(path, line, column),
                msg(
                    "not valid UTF-8 (byte {byte} at byte offset {offset}); save the file as UTF-8",
                    byte="0x" + format(data[offset], "02X"),
                    offset=offset,
                ),
            )
        ]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def _too_large(size: int, limit: int) -> Message:
    if limit == MAX_FILE_SIZE:
        return plural(
            "file is {size} byte; the limit is {limit} (1 MiB)",
            "file is {size} bytes; the limit is {limit} (1 MiB)",
            size,
            size=format(size, ","),
            limit=format(limit, ","),
        )
    return plural(
        "file is {size} byte; the limit is {limit}",
        "file is {size} bytes; the limit is {limit}",
        size,
        size=format(size, ","),
        limit=format(limit, ","),
    )
