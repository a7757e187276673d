"""Stores: the only code that reads the Code from the working tree or Git (handing the rest a
:class:`Snapshot`) and that writes files: edits of the Code through the journal, built
documents through ``output``. (The GitHub glue reads its own event payload and calls the API.)"""

from __future__ import annotations

from ..snapshot import (
    ACT_FILE,
    ACTS_DIR,
    AMENDMENTS_FILE,
    ARTICLES_DIR,
    CODE_DIR,
    CODE_FILE,
    DISPOSITIONS_FILE,
    REVIEWS_DIR,
    Revision,
    Snapshot,
    blob_id,
)

__all__ = [
    "ACT_FILE",
    "ACTS_DIR",
    "AMENDMENTS_FILE",
    "ARTICLES_DIR",
    "CODE_DIR",
    "CODE_FILE",
    "DISPOSITIONS_FILE",
    "REVIEWS_DIR",
    "Revision",
    "Snapshot",
    "blob_id",
]
