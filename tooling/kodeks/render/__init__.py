"""Renderers: the consolidated Code as HTML, Markdown or Word, selected by format name.

Each renderer module has ``render(edition, options) -> bytes``; heavy libraries (Jinja2,
python-docx) are imported only by the renderer that needs them.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import AmendmentRecord, Code, Numbering
from ..snapshot import Revision

if TYPE_CHECKING:
    from ..diff import Comparison
    from ..editions import Change

FORMATS = {"html": "html", "md": "md", "docx": "docx", "akn": "akn"}
SUFFIXES = {"html": ".html", "md": ".md", "docx": ".docx", "akn": ".akn.xml"}


@dataclass(frozen=True, slots=True)
class BuildOptions:
    languages: tuple[str, ...]
    """One language, or several rendered side by side (parallel text)."""
    review: bool = False
    """Show what the official text never shows: status, notes, sources."""


@dataclass(frozen=True, slots=True)
class Edition:
    """One state of the Code, ready to render."""

    code: Code
    revision: Revision | None
    """The commit it was read from; None for the working tree."""
    numbering: Numbering
    history: Mapping[tuple[str, str, str], tuple[AmendmentRecord, ...]] = field(default_factory=dict)
    """The laws that changed each unit (article id, unit, language): their note is printed under it."""
    as_of: AsOf | None = None
    """The text in force on a date (``build --as-of``): the title page says so, not the commit."""
    changes: Mapping[tuple[str, str, str], tuple[tuple[AmendmentRecord, Change], ...]] = field(default_factory=dict)
    """What each of those laws did to the unit (Akoma Ntoso's passive modifications)."""


@dataclass(frozen=True, slots=True)
class AsOf:
    day: datetime.date
    laws: tuple[AmendmentRecord, ...]
    """The laws that amended the text by then, in order; none while the text is as adopted."""


def render(
    format_name: str,
    code: Code,
    revision: Revision | None,
    options: BuildOptions,
    changes: Mapping[tuple[str, str, str], tuple[tuple[AmendmentRecord, Change], ...]] | None = None,
    as_of: AsOf | None = None,
) -> bytes:
    """``changes``: the laws of the register that changed each unit, and what each did."""
    module = importlib.import_module(f"{__name__}.{FORMATS[format_name]}")
    from ..editions import laws_of

    history = laws_of(changes or {})
    edition = Edition(code, revision, code.numbering(), history, as_of, changes or {})
    output: bytes = module.render(edition, options)
    return output


def render_redline(
    format_name: str, comparison: Comparison, languages: tuple[str, ...], with_table: bool = False
) -> bytes:
    """The comparison as the pull-request comment (md), one HTML page, or Word with tracked
    changes (``with_table`` adds the two-column table to the Word document)."""
    if format_name == "md":
        from .redline_md import render as render_md

        return render_md(comparison, languages).encode("utf-8")
    if format_name == "html":
        from .redline_html import render as render_html

        return render_html(comparison, languages)
    from .redline_docx import render as render_docx

    return render_docx(comparison, languages, with_table=with_table)
