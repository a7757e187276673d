"""``.kodeks-cache/``: results kept between runs, keyed by what they were computed from.

A key is a hash of kodeks's own source files (a changed parser never reads an older result)
and the Git blob ids of every file read (hashed as Git
does, so a working tree and a commit with the same files share entries). Entries are written
atomically (a temporary file renamed into place), so runs at the same time never see half an
entry; an entry that cannot be read back exactly (corrupt, foreign, of another kodeks) is
ignored and computed again. The cache is never followed through a symlink.

It is a convenience of a drafter's own clone: a pull request could commit a forged
``.kodeks-cache/``, so CI runs with ``--no-cache`` (CONTRIBUTING.md, "How CI … works").
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

CACHE_DIR = ".kodeks-cache"
MAX_ENTRY = 64 * 1024 * 1024
_MAGIC = b"kodeks-cache 1\n"


@lru_cache(maxsize=1)
def _version() -> str:
    """The kodeks that computes: every source file's name, size and time of change. A version
    number would keep a developer's or a pre-release's results after its parser changed."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        status = path.stat()
        digest.update(f"{path.relative_to(package)} {status.st_size} {status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def key(kind: str, parts: Iterable[str]) -> str:
    """The key of a result: its kind, kodeks's version and everything it was computed from."""
    digest = hashlib.sha256(f"{kind}\n{_version()}\n".encode())
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape"))
        digest.update(b"\n")
    return digest.hexdigest()


def _path(root: Path, kind: str, entry: str) -> Path:
    return root / CACHE_DIR / kind / entry[:2] / entry


_CHECKED: set[Path] = set()
"""Directories found real (not links) in this process: checked once, not per entry."""


def _safe_directory(path: Path, root: Path) -> bool:
    """Every directory from the cache down is a real directory, not a link."""
    if path.parent in _CHECKED:
        return True
    current = root
    for part in path.relative_to(root).parts[:-1]:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return True
        if not stat.S_ISDIR(mode):
            return False
    if path.parent.is_dir():
        _CHECKED.add(path.parent)
    return True


def read(root: Path, kind: str, entry: str) -> bytes | None:
    path = _path(root, kind, entry)
    if not _safe_directory(path, root):
        return None
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode) or os.fstat(descriptor).st_size > MAX_ENTRY:
            return None
        with os.fdopen(descriptor, "rb") as file:
            descriptor = -1
            data = file.read(MAX_ENTRY + 1)
    finally:
        if descriptor >= 0:
            os.close(descriptor)
    expected = _MAGIC + entry.encode() + b"\n"
    return data[len(expected) :] if data.startswith(expected) else None


def write(root: Path, kind: str, entry: str, data: bytes) -> None:
    """Store an entry; a cache that cannot be written is no error (the result was computed)."""
    path = _path(root, kind, entry)
    if not _safe_directory(path, root):
        return
    try:
        if path.parent not in _CHECKED:
            path.parent.mkdir(parents=True, exist_ok=True)
            _CHECKED.add(path.parent)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(_MAGIC + entry.encode() + b"\n" + data)
        os.replace(temporary, path)
    except OSError:
        return


_QUERY_SIZE = 500
"""Keys per query: SQLite allows 999 parameters in the oldest versions still about."""


class ArticleCache(dict):  # type: ignore[type-arg]
    """The parse cache of :func:`kodeks.load.load_code` (path, blob id, languages → article and
    diagnostics), backed by ``.kodeks-cache/articles.sqlite``: a file parsed once is read back
    as tuples (``codec``) by every later command, in the working tree and in any revision.

    SQLite (the standard library's) keeps thousands of entries in one file, written in one
    transaction and safe for runs at the same time; one file per entry cost a millisecond each
    to create. A database that cannot be opened or read is no error: nothing is cached."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root
        self._connection: Any = None
        self._opened = False
        self._missing: set[tuple[str, str, tuple[str, ...]]] = set()

    def _database(self) -> Any:
        if self._opened:
            return self._connection
        self._opened = True
        try:
            import sqlite3
        except ImportError:  # a Python built without SQLite: nothing is cached
            return None

        path = self.root / CACHE_DIR / "articles.sqlite"
        if not _safe_directory(path, self.root) or (path.is_symlink()):
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(str(path), timeout=5)
            connection.execute("CREATE TABLE IF NOT EXISTS entry (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        except (sqlite3.Error, OSError):
            return None
        self._connection = connection
        return connection

    @staticmethod
    def _entry(item: tuple[str, str, tuple[str, ...]]) -> str:
        path, blob, languages = item
        return key("article", [path, blob, " ".join(languages)])

    def prefetch(self, items: list[tuple[str, str, tuple[str, ...]]]) -> None:
        """Look up many entries in a few queries (one each cost a round trip to SQLite); what is
        found is decoded now, what is not is remembered as missing."""
        import sqlite3

        from ..codec import decode

        database = self._database()
        wanted = {self._entry(item): item for item in items if not dict.__contains__(self, item)}
        if database is None or not wanted:
            return
        keys = list(wanted)
        for start in range(0, len(keys), _QUERY_SIZE):
            chunk = keys[start : start + _QUERY_SIZE]
            try:
                rows = database.execute(
                    f"SELECT key, data FROM entry WHERE key IN ({','.join('?' * len(chunk))})", chunk
                ).fetchall()
            except sqlite3.Error:
                return
            for key, data in rows:
                item = wanted.pop(key, None)
                found = decode(item[0], bytes(data)) if item is not None and isinstance(data, bytes) else None
                if found is not None:
                    super().__setitem__(item, found)
        self._missing.update(wanted.values())

    def __contains__(self, item: object) -> bool:
        if super().__contains__(item):
            return True
        if not (isinstance(item, tuple) and len(item) == 3) or item in self._missing:
            return False
        import sqlite3

        from ..codec import decode

        database = self._database()
        if database is None:
            return False
        try:
            row = database.execute("SELECT data FROM entry WHERE key = ?", (self._entry(item),)).fetchone()
        except sqlite3.Error:
            return False
        found = decode(item[0], bytes(row[0])) if row and isinstance(row[0], bytes) else None
        if found is None:
            return False
        super().__setitem__(item, found)
        return True

    def __setitem__(self, item: tuple[str, str, tuple[str, ...]], value: object) -> None:
        import sqlite3

        from ..codec import encode

        super().__setitem__(item, value)
        self._missing.discard(item)
        database = self._database()
        if database is None:
            return
        article, diagnostics = cast("tuple[Any, list[Any]]", value)
        try:
            database.execute(
                "INSERT OR REPLACE INTO entry (key, data) VALUES (?, ?)",
                (self._entry(item), encode(item[0], article, diagnostics)),
            )
        except sqlite3.Error:
            return

    def flush(self) -> None:
        """Commit what this load added (one transaction for all of it)."""
        import sqlite3

        if self._connection is not None:
            try:
                self._connection.commit()
            except sqlite3.Error:
                return
