"""The cache: results kept between runs, keyed by what they were computed from.

A key is a hash of kodeks's own source files (a changed parser never reads an older result)
and the Git blob ids of every file read (hashed as Git does, so a working tree and a commit
with the same files share entries). Entries are written atomically (a temporary file renamed
into place), so runs at the same time never see half an entry.

Nothing a commit or an archive can plant is believed. The cache lives outside every working
tree, in the user's cache directory, one folder per repository (by the real path of the
directory holding ``code_text/``); and every entry carries an HMAC made with a key only this
user's kodeks holds (``key`` beside the repositories' folders, created once, mode 0600). An entry
whose tag does not check (forged, copied from another machine, cut short) is ignored and
computed again; an SQLite file whose schema is not exactly ours (a trigger, a view) is not
opened for use, and its schema is never trusted (``trusted_schema`` off).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..parse.cache import ParseCache, Parsed, ParseKey
from .output import CACHEDIR_TAG

MAX_ENTRY = 64 * 1024 * 1024
_MAGIC = b"kodeks-cache 2\n"
_TAG = 32
"""Bytes of an entry's HMAC-SHA256."""


def base_directory() -> Path:
    """Where every repository's cache lives: ``$KODEKS_CACHE_DIR``, else ``$XDG_CACHE_HOME/kodeks``,
    else ``~/.cache/kodeks`` (``%LOCALAPPDATA%\\kodeks`` on Windows)."""
    chosen = os.environ.get("KODEKS_CACHE_DIR")
    if chosen:
        return Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    return Path(xdg) / "kodeks" if xdg else Path.home() / ".cache" / "kodeks"


def directory(root: Path) -> Path:
    """The cache of the Code at ``root``: outside the working tree, named by its real path."""
    name = hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:32]
    return base_directory() / "repos" / name


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
    """The key of a result: its kind, kodeks's version and everything it was computed from. Each
    part goes in with its length: joined by a separator, a file name holding that separator
    could spell the parts of two files and take another tree's key (Git allows «\\n» in a path)."""
    digest = hashlib.sha256(f"{kind}\n{_version()}\n".encode())
    for part in parts:
        encoded = part.encode("utf-8", "surrogateescape")
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    return digest.hexdigest()


_SECRET: dict[Path, bytes] = {}
"""The key read in this process, by cache directory."""


def secret() -> bytes | None:
    """This user's key, made on first use; None when it cannot be kept (then nothing is cached,
    and an interrupted edit's journal cannot be believed across processes)."""
    base = base_directory()
    if base in _SECRET:
        return _SECRET[base]
    path = base / "key"
    try:
        _make_directory(base)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(os.urandom(32))
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            value = handle.read(33)
    except OSError:
        return None
    mine = not hasattr(os, "getuid") or status.st_uid == os.getuid()
    if len(value) != 32 or not stat.S_ISREG(status.st_mode) or not mine or status.st_mode & 0o077:
        return None  # shorter, longer, another user's or readable by others: not a secret
    _SECRET[base] = value
    return value


def seal(context: bytes, data: bytes) -> bytes | None:
    """``data`` with the tag that proves this user's kodeks wrote it for ``context``."""
    key_bytes = secret()
    if key_bytes is None:
        return None
    return hmac.digest(key_bytes, context + b"\0" + data, "sha256") + data


def unseal(context: bytes, sealed: bytes) -> bytes | None:
    """What :func:`seal` wrapped, if its tag checks for ``context``; None for anything else."""
    key_bytes = secret()
    if key_bytes is None or len(sealed) < _TAG:
        return None
    data = sealed[_TAG:]
    expected = hmac.digest(key_bytes, context + b"\0" + data, "sha256")
    return data if hmac.compare_digest(expected, sealed[:_TAG]) else None


def _make_directory(path: Path) -> None:
    """Create the cache's directories, the top one tagged (backup tools skip it)."""
    if path.is_dir():
        return
    path.mkdir(parents=True, exist_ok=True)
    tag = path / "CACHEDIR.TAG"
    if path == base_directory() and not tag.exists():
        tag.write_bytes(CACHEDIR_TAG)


def _path(root: Path, kind: str, entry: str) -> Path:
    return directory(root) / kind / entry[:2] / entry


_CHECKED: set[Path] = set()
"""Directories found real (not links) in this process: checked once, not per entry."""


def _safe_directory(path: Path) -> bool:
    """Every directory from the user's cache down is a real directory, not a link."""
    if path.parent in _CHECKED:
        return True
    base = base_directory()
    current = base
    for part in path.relative_to(base).parts[:-1]:
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
    if not _safe_directory(path):
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
    if not data.startswith(expected):
        return None
    return unseal(f"{kind} {entry}".encode(), data[len(expected) :])


def write(root: Path, kind: str, entry: str, data: bytes) -> None:
    """Store an entry; a cache that cannot be written is no error (the result was computed)."""
    path = _path(root, kind, entry)
    sealed = seal(f"{kind} {entry}".encode(), data)
    if sealed is None or not _safe_directory(path):
        return
    try:
        if path.parent not in _CHECKED:
            _make_directory(base_directory())
            path.parent.mkdir(parents=True, exist_ok=True)
            _CHECKED.add(path.parent)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(_MAGIC + entry.encode() + b"\n" + sealed)
        os.replace(temporary, path)
    except OSError:
        return


_SCHEMA = "CREATE TABLE IF NOT EXISTS entry (key TEXT PRIMARY KEY, data BLOB NOT NULL)"
_EXPECTED_SCHEMA = [
    ("table", "entry", _SCHEMA.replace(" IF NOT EXISTS", "")),
    ("index", "sqlite_autoindex_entry_1", None),
]
"""All ``sqlite_master`` may hold: the table and its key's index."""

_QUERY_SIZE = 500
"""Keys per query: SQLite allows 999 parameters in the oldest versions still about."""


class ArticleCache(ParseCache):
    """The parse cache of :func:`kodeks.load.load_code` (path, blob id, languages → article and
    diagnostics), backed by ``articles.sqlite`` in the repository's cache :func:`directory`: a file parsed once is read back
    as tuples (``codec``) by every later command, in the working tree and in any revision.

    SQLite (the standard library's) keeps thousands of entries in one file, written in one
    transaction and safe for runs at the same time; one file per entry cost a millisecond each
    to create. A database that cannot be opened or read is no error: nothing is cached."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root
        self._code = root
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

        path = directory(self._code) / "articles.sqlite"
        if secret() is None or not _safe_directory(path) or path.is_symlink():
            return None
        try:
            _make_directory(base_directory())
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(str(path), timeout=5)
            # Nothing in the file may run: no function called from its schema, no trigger or
            # view at all (a trigger could swap a hostile article's entry for an innocent one).
            connection.execute("PRAGMA trusted_schema = OFF")
            connection.execute(_SCHEMA)
            schema = connection.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        except (sqlite3.Error, OSError):
            return None
        if schema != _EXPECTED_SCHEMA:
            connection.close()
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

        database = self._database()
        wanted = {self._entry(item): item for item in items if item not in self._entries}
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
            for entry, data in rows:
                item = wanted.pop(entry, None)
                found = _decoded(item, entry, data) if item is not None else None
                if item is not None and found is not None:
                    self._entries[item] = found
        self._missing.update(wanted.values())

    def __contains__(self, item: ParseKey) -> bool:
        if item in self._entries:
            return True
        if item in self._missing:
            return False
        import sqlite3

        database = self._database()
        if database is None:
            return False
        entry = self._entry(item)
        try:
            row = database.execute("SELECT data FROM entry WHERE key = ?", (entry,)).fetchone()
        except sqlite3.Error:
            return False
        found = _decoded(item, entry, row[0]) if row else None
        if found is None:
            return False
        self._entries[item] = found
        return True

    def __setitem__(self, item: ParseKey, value: Parsed) -> None:
        import sqlite3

        from ..codec import encode

        self._entries[item] = value
        self._missing.discard(item)
        database = self._database()
        if database is None:
            return
        article, diagnostics = value
        entry = self._entry(item)
        sealed = seal(f"article {entry}".encode(), encode(item[0], article, diagnostics))
        if sealed is None:
            return
        try:
            database.execute("INSERT OR REPLACE INTO entry (key, data) VALUES (?, ?)", (entry, sealed))
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


def _decoded(item: tuple[str, str, tuple[str, ...]], entry: str, data: object) -> Any:
    """A stored parse of ``item``, if this user's kodeks stored exactly it under ``entry``."""
    from ..codec import decode

    if not isinstance(data, bytes):
        return None
    payload = unseal(f"article {entry}".encode(), data)
    return None if payload is None else decode(item[0], payload)
