"""A Code loaded and validated: everything ``kodeks validate`` reports, answered from the cache
where the files are as they were."""

from __future__ import annotations

import marshal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, SourceLocation, sort_key
from .load import DEFAULT_CACHE, LoadResult, load_code
from .model import Code
from .parse.cache import ParseCache
from .snapshot import ACTS_DIR, CODE_FILE, Snapshot, blob_id


class _Counted:
    """Errors and warnings of a list of diagnostics."""

    __slots__ = ()
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.is_warning for d in self.diagnostics)


@dataclass(frozen=True, slots=True)
class CheckResult(_Counted):
    code: Code | None
    diagnostics: list[Diagnostic]
    """Every problem, sorted by file and line."""


def check(snapshot: Snapshot, cache: ParseCache | None = None) -> CheckResult:
    """Load and validate: everything ``kodeks validate`` reports."""
    loaded = load_code(snapshot, cache)
    return CheckResult(loaded.code, _findings(snapshot, loaded, _cache_root(cache)))


def _findings(snapshot: Snapshot, loaded: LoadResult, cache_root: Path | None) -> list[Diagnostic]:
    """Everything wrong with a loaded Code (an unchanged act's part from the cache, if any)."""
    from .validate import validate

    if loaded.code is None:
        return sorted(set(loaded.diagnostics), key=sort_key)
    acts = _act_findings(snapshot, cache_root)
    return validate(loaded.code, loaded.diagnostics, loaded.unreadable, acts)


def _cache_root(cache: ParseCache | None = None) -> Path | None:
    """The Code whose cache this command uses, if any."""
    if cache is None and DEFAULT_CACHE:
        cache = DEFAULT_CACHE[0]
    return cache.root if cache is not None else None


def _act_findings(snapshot: Snapshot, cache_root: Path | None) -> Callable[[Code, str], list[Diagnostic]] | None:
    """The problems of an act's text, answered from the cache when the act, the other acts and
    code.yaml are as they were (acts rarely change; the Code's articles do)."""
    from .store import cache
    from .validate import act_text_findings

    if cache_root is None:
        return None
    depends = [f"{CODE_FILE} {blob_id(snapshot.files.get(CODE_FILE, b''))}"] + [
        f"{path} {sha}" for path, sha in snapshot.blob_ids().items() if path.startswith(ACTS_DIR + "/")
    ]

    def findings(code: Code, act_id: str) -> list[Diagnostic]:
        entry = cache.key("act-verdict", [act_id, *depends])
        stored = _stored_verdict(cache_root, entry, "act-verdict")
        if stored is not None:
            return stored.diagnostics
        found = act_text_findings(code, act_id)
        _store_verdict(cache_root, entry, Verdict(found, 0), "act-verdict")
        return found

    return findings


@dataclass(frozen=True, slots=True)
class Verdict(_Counted):
    """What ``kodeks validate`` reports: every problem, and how many articles were checked."""

    diagnostics: list[Diagnostic]
    articles: int
    act_articles: int = 0
    """The articles of the existing acts kept as text, checked too."""


def _act_articles(code: Code | None) -> int:
    return sum(len(act.text.articles) for act in code.acts.values() if act.text is not None) if code else 0


def verdict(snapshot: Snapshot, cache_root: Path | None = None, parsed: ParseCache | None = None) -> Verdict:
    """The validation of ``snapshot``; with ``cache_root``, answered from the cache when
    the same files were validated before (by their blob ids), without parsing them. Articles
    parsed on the way are left in ``parsed``."""
    entry = _verdict_entry(snapshot) if cache_root is not None else None
    stored = _stored_verdict(cache_root, entry)
    if stored is not None:
        return stored
    result = check(snapshot, parsed)
    found = Verdict(result.diagnostics, len(result.code.articles) if result.code else 0, _act_articles(result.code))
    _store_verdict(cache_root, entry, found)
    return found


def validated(snapshot: Snapshot, loaded: LoadResult, cache: ParseCache | None = None) -> list[Diagnostic]:
    """``validate`` of a Code already loaded from ``snapshot``: what ``check`` gives, answered from
    the verdict memo of the command's cache when these files were validated before (a redline's
    head is, by the validate workflow or an earlier redline)."""
    if loaded.code is None:
        return _findings(snapshot, loaded, None)
    cache_root = _cache_root(cache)
    entry = _verdict_entry(snapshot) if cache_root is not None else None
    stored = _stored_verdict(cache_root, entry)
    if stored is not None:
        return stored.diagnostics
    diagnostics = _findings(snapshot, loaded, cache_root)
    _store_verdict(cache_root, entry, Verdict(diagnostics, len(loaded.code.articles), _act_articles(loaded.code)))
    return diagnostics


def _verdict_entry(snapshot: Snapshot) -> str:
    from .store import cache

    parts = [f"{path} {sha}" for path, sha in snapshot.blob_ids().items()]
    parts += [f"problem {d.said('en')}" for d in snapshot.problems] + [f"unread {p}" for p in sorted(snapshot.unread)]
    return cache.key("verdict", parts)


def _stored_verdict(cache_root: Path | None, entry: str | None, kind: str = "verdict") -> Verdict | None:
    from .store import cache

    if cache_root is None or entry is None:
        return None
    stored = cache.read(cache_root, kind, entry)
    return None if stored is None else _verdict_from(stored)


def _store_verdict(cache_root: Path | None, entry: str | None, found: Verdict, kind: str = "verdict") -> None:
    from .store import cache

    if cache_root is None or entry is None:
        return
    rows = [
        (d.severity.value, d.code, d.message.as_row(), d.location.path, d.location.line, d.location.column)
        for d in found.diagnostics
    ]
    cache.write(cache_root, kind, entry, marshal.dumps((found.articles, rows, found.act_articles)))


def _verdict_from(data: bytes) -> Verdict | None:
    """A stored verdict, or None for anything that is not exactly one (never trusted blindly)."""
    from .diagnostics import Severity
    from .messages import from_row

    try:
        articles, rows, *rest = marshal.loads(data)
        act_articles = rest[0] if rest else 0
        diagnostics = [
            Diagnostic(
                Severity(severity), str(code), from_row(message), SourceLocation(str(path), int(line), int(column))
            )
            for severity, code, message, path, line, column in rows
        ]
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(articles, int) or not isinstance(act_articles, int):
        return None
    return Verdict(diagnostics, articles, act_articles)
