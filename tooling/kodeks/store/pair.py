"""Both sides of a comparison, reading only the files the change touched."""

from __future__ import annotations

from pathlib import Path

from . import CODE_FILE, Snapshot, blob_id
from .git import GitStore
from .worktree import read_worktree


def read_pair(root: Path, base: str, head: str | None, use_merge_base: bool = True) -> tuple[Snapshot, Snapshot]:
    """``(base, head)`` snapshots; ``head=None`` means the uncommitted working tree.

    Like a pull request, the base is the merge-base of ``base`` and the head commit unless
    ``use_merge_base`` is off. The head is read whole, because its validation must be the
    same as ``kodeks validate``'s (an unchanged article can refer to a changed one); of the
    base, only the files that differ are read, and the others are its ``unread``: the
    comparison leaves them out. code.yaml is always read; a revision's article files are read
    only where the parse cache has no entry for them (:meth:`Snapshot.read`).
    """
    with GitStore(root) as store:
        head_commit = head if head is not None else "HEAD"
        base_commit = store.merge_base(base, head_commit) if use_merge_base else store.commit(base).hexsha
        base_listing = store.listing(base_commit)
        if head is None:
            head_snapshot = read_worktree(root)
            head_snapshot.resolves = store.resolved_comments(base_commit, "HEAD")
            unchanged = {
                path
                for path, data in head_snapshot.files.items()
                if path != CODE_FILE and base_listing.blobs.get(path) == blob_id(data)
            }
        else:
            head_listing = store.listing(head)
            unchanged = {
                path
                for path, sha in head_listing.blobs.items()
                if path != CODE_FILE and base_listing.blobs.get(path) == sha
            }
            head_snapshot = store.snapshot(head_listing, defer=True)
        head_snapshot.resolves = store.resolved_comments(base_commit, head_commit)
        return store.snapshot(base_listing, skip=unchanged, defer=True), head_snapshot


def read_changed(root: Path, base: str, head: str) -> tuple[Snapshot, Snapshot, dict[str, bytes]]:
    """Both sides with only the article files that differ (the structure files always), and the
    head's other article files, left for the caller: a small change to a large text parses little."""
    with GitStore(root) as store:
        base_listing, head_listing = store.listing(base), store.listing(head)
        unchanged = {
            path
            for path, sha in head_listing.blobs.items()
            if path.endswith(".md") and base_listing.blobs.get(path) == sha
        }
        head_snapshot = store.snapshot(head_listing)
        rest = {path: head_snapshot.files.pop(path) for path in unchanged if path in head_snapshot.files}
        return store.snapshot(base_listing, skip=unchanged), head_snapshot, rest
