"""One state of the Code's files as values: the bytes of every file under ``code_text/``, the
commit they were read from, and where each kind of file lives. The stores make snapshots; every
layer above reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from .diagnostics import Diagnostic

CODE_DIR = "code_text"
CODE_FILE = f"{CODE_DIR}/code.yaml"
ARTICLES_DIR = f"{CODE_DIR}/articles"
ACTS_DIR = f"{CODE_DIR}/acts"
"""``acts/<act-id>/act.yaml`` and ``acts/<act-id>/articles/*.md``: the text of an existing act."""
ACT_FILE = "act.yaml"
DISPOSITIONS_FILE = "dispositions.yaml"
"""Beside act.yaml: the act's provisions the Code does not take over, and why."""
AMENDMENTS_FILE = f"{CODE_DIR}/amendments.yaml"
"""The laws that made and amended the text in force."""
CONFLICTS_FILE = f"{CODE_DIR}/conflicts.yaml"
"""The drafters' decisions on what ``kodeks conflicts`` found."""
NOTE_FILE = f"{CODE_DIR}/justification-note.yaml"
"""The sections of the justification note the drafters write (``kodeks package``)."""
REVIEWS_DIR = f"{CODE_DIR}/reviews"
"""``reviews/<round>.yaml``: a round of review and its comment register."""


@dataclass(frozen=True, slots=True)
class Revision:
    """The commit a snapshot was read from."""

    hexsha: str
    committed: datetime
    author: str
    summary: str


@dataclass(slots=True)
class Snapshot:
    """The bytes of every regular file under ``code_text/`` in one state of the repository (a
    revision's article files may be ``deferred``: known by their blob id, read when needed)."""

    files: dict[str, bytes]
    """Repository-relative path (``code_text/articles/x.md``) → content, for the files read."""
    problems: list[Diagnostic] = field(default_factory=list)
    """Files refused before reading: symlinks, special files, oversize files."""
    revision: Revision | None = None
    """None for the working tree."""
    unread: frozenset[str] = frozenset()
    """Files that exist but were left unread because they did not change (redlines read only
    what a change touched)."""
    resolves: frozenset[str] = frozenset()
    """For the head of a comparison: comment ids named by ``Resolves-comment:`` trailers of the
    commits since the base."""
    completed: tuple[str, ...] = ()
    """Files of an interrupted edit that reading the working tree finished first."""
    set_aside: str | None = None
    """An interrupted edit's journal that reading the working tree did not believe, and why."""
    deferred: dict[str, str] = field(default_factory=dict)
    """Article files listed but not read yet (path → Git blob id): a revision's files whose
    parse the cache may hold. :meth:`read` reads the ones it does not."""
    reader: Callable[[dict[str, str]], tuple[dict[str, bytes], list[Diagnostic]]] | None = None
    """Reads deferred files by blob id: their contents, and the problems of those refused."""

    def read(self, paths: Collection[str]) -> list[Diagnostic]:
        """Read these deferred files now, into ``files``; the problems of those refused (too
        large) join ``problems`` and are returned."""
        wanted = {path: self.deferred.pop(path) for path in paths if path in self.deferred}
        if not wanted:
            return []
        assert self.reader is not None, "a snapshot with deferred files has a reader"
        files, problems = self.reader(wanted)
        self.files.update(files)
        self.problems += problems
        return problems

    def blob_ids(self) -> dict[str, str]:
        """Every file's Git blob id, read or deferred, by path."""
        ids = {path: blob_id(data) for path, data in self.files.items()} | self.deferred
        return dict(sorted(ids.items()))


@lru_cache(maxsize=1 << 13)
def blob_id(data: bytes) -> str:
    """Git's id for a file's content, to compare working-tree files with a commit's (cached: the
    verdict, the parse cache and an act's findings each key on the same files' ids; a bytes
    object keeps its own hash, so a second lookup does not read it again)."""
    import hashlib

    return hashlib.sha1(b"blob %d\x00" % len(data) + data).hexdigest()
