"""The files being edited, and an edit: a span of a file's text replaced, all or nothing.

Every edit replaces a span of a file's text as written (BOM and CRLF kept), found from the
parsed model's source locations; files are never re-dumped, so comments, key order, quoting and
spacing survive."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..diagnostics import SourceLocation
from ..errors import KodeksError


class EditError(KodeksError):
    """An edit that cannot be made as asked (an unknown id, a frozen number); nothing is written."""


class CodeProblemsError(EditError):
    """The Code has problems an edit does not fix; nothing is written."""

    exit_code = 1


@dataclass(frozen=True, slots=True)
class Edit:
    path: str
    start: int
    end: int
    replacement: str


class Texts:
    """The files of the Code as written, with positions mapped from parsed locations."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = dict(files)
        self._line_starts: dict[str, list[int]] = {}

    def offset(self, location: SourceLocation) -> int:
        """Character offset of a 1-based ``line:col`` (as the parser counts, BOM and CR aside)."""
        text = self.files[location.path]
        starts = self._line_starts.get(location.path)
        if starts is None:
            starts = [0] + [match.end() for match in re.finditer("\n", text)]
            self._line_starts[location.path] = starts
        bom = 1 if location.line == 1 and text.startswith("\ufeff") else 0
        return starts[location.line - 1] + location.column - 1 + bom

    def apply(self, edits: Iterable[Edit]) -> dict[str, str]:
        """New texts of the files the edits touch; overlapping edits are refused."""
        by_path: dict[str, list[Edit]] = {}
        for edit in edits:
            by_path.setdefault(edit.path, []).append(edit)
        changed = {}
        for path, file_edits in by_path.items():
            text = self.files[path]
            previous_start = len(text) + 1
            for edit in sorted(file_edits, key=lambda e: (e.start, e.end), reverse=True):
                if edit.end > previous_start:
                    raise EditError(f"{path}: two edits overlap at offset {edit.start}")
                text = text[: edit.start] + edit.replacement + text[edit.end :]
                previous_start = edit.start
            if text != self.files[path]:
                changed[path] = text
        return changed


def _lines(text: str) -> list[str]:
    """Lines split on LF only, as Git splits them."""
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def unified_diff(old: Mapping[str, str], new: Mapping[str, str | None]) -> str:
    """The change as a unified diff; None in ``new`` is a deleted file."""
    out: list[str] = []
    for path in sorted(new):
        before = old.get(path)
        after = new[path]
        out.extend(
            difflib.unified_diff(
                _lines(before or ""),
                _lines(after or ""),
                fromfile=f"a/{path}" if before is not None else "/dev/null",
                tofile=f"b/{path}" if after is not None else "/dev/null",
            )
        )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)
