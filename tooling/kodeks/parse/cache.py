"""The parse cache's contract: article files parsed once, by path, content id and languages."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic
from ..model import Article

ParseKey = tuple[str, str, tuple[str, ...]]
"""An article file by its path, its content's id and the languages it is read in."""
Parsed = tuple[Article | None, list[Diagnostic]]


class ParseCache:
    """Parsed article files, for callers that load a Code again after changing a few files (the
    drafter tools): unchanged files are not parsed twice. This one is in memory, for one command;
    ``store.cache.ArticleCache`` keeps its entries for later commands too."""

    root: Path | None = None
    """The Code whose entries these are, where they are kept on disk."""

    def __init__(self) -> None:
        self._entries: dict[ParseKey, Parsed] = {}

    def __contains__(self, key: ParseKey) -> bool:
        return key in self._entries

    def __getitem__(self, key: ParseKey) -> Parsed:
        return self._entries[key]

    def __setitem__(self, key: ParseKey, value: Parsed) -> None:
        self._entries[key] = value

    def prefetch(self, keys: list[ParseKey]) -> None:
        """Make many entries ready at once (in memory, they are)."""

    def flush(self) -> None:
        """Keep what a load added (in memory, it is kept)."""
