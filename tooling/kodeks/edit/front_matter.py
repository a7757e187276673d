"""Edits to a YAML value as written: a front matter scalar, a title, a number."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .. import wording
from ..diagnostics import SourceLocation
from ..model import LegalNumber
from .texts import Edit, Texts

_SCALAR = re.compile(r"\"[^\"\n]*\"|'[^'\n]*'|[^\s,}\]#]+")
REFERENCE_SCALAR = re.compile(r"\"[^\"\n]*\"|'[^'\n]*'|[^\s,}\]]+")
"""A reference written as a YAML scalar: unquoted, ``#`` is part of it (``art:x#2``)."""


def value_edit(texts: Texts, location: SourceLocation, value: str, pattern: re.Pattern[str] = _SCALAR) -> Edit | None:
    """Replace the YAML scalar written at ``location`` by ``value``, keeping its quoting."""
    start = texts.offset(location)
    match = pattern.match(texts.files[location.path], start)
    if match is None:
        return None
    written = match.group()
    replacement = f"{written[0]}{value}{written[0]}" if written[0] in "\"'" else value
    return None if written == replacement else Edit(location.path, start, match.end(), replacement)


def scalar_edit(texts: Texts, location: SourceLocation, value: str) -> Edit | None:
    """Replace the YAML scalar written at ``location`` by ``value`` as a double-quoted string
    (which holds any text); None when no scalar is written there."""
    start = texts.offset(location)
    match = _SCALAR.match(texts.files[location.path], start)
    if match is None or match.group()[0] in "|>":
        return None
    return Edit(location.path, start, match.end(), yaml_string(value))


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_article_text(article_id: str, number: LegalNumber, titles: Mapping[str, str]) -> str:
    """A new article: front matter with a title per language, then a section per language
    (in the Code's order, which ``titles`` follows) holding a placeholder."""
    title = "".join(f"  {language}: {yaml_string(text)}\n" for language, text in titles.items())
    sections = "".join(f"\n## {language}\n\n{wording.word('placeholder', language)}\n" for language in titles)
    return f"---\nid: {article_id}\nnumber: {number}\ntitle:\n{title}status: draft\n---\n{sections}"
