"""Two snapshots of the Code to a :class:`~kodeks.diff.Comparison`: the redline and the head's findings."""

from __future__ import annotations

import dataclasses

from .diff import Comparison, answered_comments, diff_codes, disposition_changes
from .load import load_code
from .model import Code, Stage
from .parse import DEFAULT_LANGUAGES
from .snapshot import Snapshot
from .verdict import validated


def _empty_code(languages: tuple[str, ...]) -> Code:
    """Stands in for a side whose code.yaml cannot be read, so the other side still shows."""
    return Code("code", Stage.DRAFT, languages, {}, {}, (), (), {})


def compare(base: Snapshot, head: Snapshot) -> Comparison:
    """Everything a reviewer reads; works when either side is invalid.

    The head is validated whole (or its verdict read from the cache); articles whose files the
    base left unread (the same on both sides) are left out of the comparison of texts.
    """
    base_loaded, head_loaded = load_code(base), load_code(head)
    languages = (head_loaded.code or base_loaded.code or _empty_code(DEFAULT_LANGUAGES)).languages
    base_code = base_loaded.code or _empty_code(languages)
    head_code = head_loaded.code or _empty_code(languages)
    diagnostics = validated(head, head_loaded)
    changed = {i: a for i, a in head_code.articles.items() if a.path not in base.unread}
    return Comparison(
        diff_codes(base_code, dataclasses.replace(head_code, articles=changed)),
        diagnostics,
        base.revision,
        head.revision,
        disposition_changes(base_code, head_code, base.unread),
        answered_comments(base_code, head_code, base.unread, head.resolves),
    )
