"""Parsers: text in, model values and diagnostics out. No file or Git access here."""

from .article import parse_article, split_front_matter
from .reference import parse_reference, parse_references
from .structure import DEFAULT_LANGUAGES, parse_structure

__all__ = [
    "DEFAULT_LANGUAGES",
    "parse_article",
    "parse_reference",
    "parse_references",
    "parse_structure",
    "split_front_matter",
]
