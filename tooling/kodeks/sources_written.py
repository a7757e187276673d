"""The act article a Code article's source named when that source was written: ``git blame``
of the source line, and the act's article parsed as it was in that commit. Consolidation
compares it with the act as it is now, to say which sources point at changed provisions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .errors import CodeNotFoundError, RevisionError
from .model import Article, SourceProvision
from .parse import parse_article
from .snapshot import ACTS_DIR, blob_id
from .store.git import GitStore

SourceHistory = Callable[[Article, SourceProvision, Article], "tuple[Article, str] | None"]


def source_history(root: Path, rev: str | None, languages: tuple[str, ...]) -> SourceHistory:
    """For a Code article's source into an act kept as text: the act's article as it was in the
    commit that wrote that source line (``git blame``), parsed, and that commit. None where it
    cannot be known: outside Git, a line not yet committed, an act article not there yet."""
    try:
        store = GitStore(root)
    except RevisionError:
        return lambda article, source, cited: None
    at = rev or "HEAD"
    commits: dict[str, list[str] | None] = {}
    try:
        # An act file with one version in the history (imported once, never amended) reads the
        # same whenever a source was written: no finding, and no `git blame` of the Code
        # article (one each cost 15 ms: 30 s for 2,000 articles with sources).
        versions = store.versions(at, ACTS_DIR)
        committed = store.listing(at).blobs
    except (RevisionError, CodeNotFoundError, store._git.GitCommandError):
        return lambda article, source, cited: None

    def one_version(cited: Article) -> bool:
        if versions.get(cited.path, 0) != 1:
            return False
        if rev is not None:
            return True
        try:  # the working tree's act must still be the committed one
            return blob_id((root / cited.path).read_bytes()) == committed.get(cited.path)
        except OSError:
            return False

    def line_commits(article: Article) -> list[str] | None:
        if article.path not in commits:
            try:
                committed = store.file_at(store.commit(at).hexsha, article.path)
                current = (root / article.path).read_bytes() if rev is None else committed
                commits[article.path] = store.line_commits(at, article.path) if committed == current else None
            except (RevisionError, OSError, ValueError):
                commits[article.path] = None
        return commits[article.path]

    def earlier(article: Article, source: SourceProvision, cited: Article) -> tuple[Article, str] | None:
        if one_version(cited):
            return None
        shas = line_commits(article)
        line = source.location.line if source.location else 0
        if shas is None or not 0 < line <= len(shas):
            return None
        data = store.file_at(shas[line - 1], cited.path)
        text = data.decode("utf-8", "replace") if data is not None else None
        before = parse_article(cited.path, text, languages)[0] if text is not None else None
        return (before, shas[line - 1]) if before is not None else None

    return earlier
