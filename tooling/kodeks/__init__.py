"""kodeks: legislation as code for a bilingual Code kept in Git.

The library reads a Code from a :class:`~kodeks.store.Snapshot` (working tree or Git
revision), builds the :mod:`kodeks.model`, and validates it::

    from kodeks import check
    from kodeks.store.worktree import read_worktree
    result = check(read_worktree(Path(".")))

Names are imported on first use, so that ``kodeks --help`` and pre-commit hooks start fast.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "kodeks.diagnostics": ("Diagnostic", "Severity", "SourceLocation"),
    "kodeks.errors": ("CodeNotFoundError", "InvalidCodeError", "KodeksError", "RevisionError"),
    "kodeks.load": ("LoadResult", "load_code"),
    "kodeks.model": ("Article", "ArticleText", "Chapter", "Code", "LegalNumber", "Link", "Paragraph", "Part", "Point", "Section", "Stage", "Status"),
    "kodeks.validate": ("assert_validates", "validate"),
    "kodeks.verdict": ("CheckResult", "check"),
}  # fmt: skip
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'kodeks' has no attribute {name!r}")
    return getattr(importlib.import_module(_MODULE_OF[name]), name)
