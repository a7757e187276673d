"""A parsed article file as plain tuples and back: what the parse cache stores with ``marshal``.

Unpickling the frozen, slotted model costs as much as parsing; tuples of strings and numbers
load in milliseconds and the dataclasses are rebuilt from them directly. Every location of a
file shares its path, so only lines and columns are stored. ``decode`` checks the shape of what
it reads and answers None for anything else: a cache entry is never trusted to be well formed.
"""

from __future__ import annotations

import marshal
from typing import Any

from .diagnostics import Diagnostic, Severity, SourceLocation
from .messages import from_row
from .model import (
    Article,
    ArticleText,
    LegalNumber,
    Link,
    Note,
    Notes,
    Paragraph,
    Part,
    Point,
    ReferenceTarget,
    SourceProvision,
    Status,
    Subpoint,
    TargetKind,
    Text,
)

FORMAT = 2
_KINDS = {kind.value: kind for kind in TargetKind}
_STATUSES = {status.value: status for status in Status}
_SEVERITIES = {severity.value: severity for severity in Severity}


def encode(path: str, article: Article | None, diagnostics: list[Diagnostic]) -> bytes:
    return marshal.dumps((FORMAT, path, _article(article) if article else None, [_diagnostic(d) for d in diagnostics]))


def decode(path: str, data: bytes) -> tuple[Article | None, list[Diagnostic]] | None:
    """The article and diagnostics ``encode`` stored for ``path``; None if ``data`` is not that."""
    try:
        version, stored_path, article, diagnostics = marshal.loads(data)
        if version != FORMAT or stored_path != path:
            return None
        reader = _Reader(path)
        return (reader.article(article) if article is not None else None), [_undiagnostic(d) for d in diagnostics]
    except (EOFError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def _location(location: SourceLocation) -> tuple[int, int]:
    return (location.line, location.column)


def _number(number: LegalNumber | None) -> tuple[int, ...] | None:
    return number.components if number is not None else None


def _target(target: ReferenceTarget) -> tuple[Any, ...]:
    return (
        target.kind.value, target.id, _number(target.part), _number(target.point), target.subpoint,
        target.paragraph, _number(target.article), _target(target.through) if target.through else None,
    )  # fmt: skip


def _paragraph(paragraph: Paragraph) -> tuple[Any, ...]:
    inlines = tuple(
        (0, inline.value) if isinstance(inline, Text)
        else (1, inline.href, inline.text, tuple(_target(t) for t in inline.targets), _location(inline.location))
        for inline in paragraph.inlines
    )  # fmt: skip
    return (inlines, _location(paragraph.location))


def _block(block: Any) -> tuple[Any, ...]:
    if isinstance(block, Paragraph):
        return ("p", _paragraph(block))
    if isinstance(block, Subpoint):
        return ("s", block.label, _paragraph(block.paragraph), _location(block.location))
    if isinstance(block, (Part, Point)):
        kind = "part" if isinstance(block, Part) else "point"
        return (
            kind,
            _number(block.number),
            block.label,
            tuple(_block(b) for b in block.content),
            _location(block.location),
        )
    if isinstance(block, Notes):
        return ("notes", tuple(_block(b) for b in block.content), _location(block.location))
    if isinstance(block, Note):
        return (
            "note",
            _number(block.number),
            block.label,
            tuple(_paragraph(p) for p in block.paragraphs),
            _location(block.location),
        )
    raise TypeError(type(block).__name__)


def _article(article: Article) -> tuple[Any, ...]:
    texts = tuple(
        (language, tuple(_block(b) for b in text.content), _location(text.location))
        for language, text in article.texts.items()
    )
    sources = tuple((_target(s.target), _location(s.location) if s.location else None) for s in article.sources)
    return (
        article.id, _number(article.number), dict(article.title), article.status.value, texts, sources,
        dict(article.notes), {k: tuple(v) for k, v in article.history.items()},
        {k: (v.path, v.line, v.column) for k, v in article.key_locations.items()},
    )  # fmt: skip


def _diagnostic(diagnostic: Diagnostic) -> tuple[Any, ...]:
    location = diagnostic.location
    return (
        diagnostic.severity.value,
        diagnostic.code,
        diagnostic.message.as_row(),
        location.path,
        location.line,
        location.column,
    )


def _undiagnostic(row: Any) -> Diagnostic:
    severity, code, message, path, line, column = row
    return Diagnostic(
        _SEVERITIES[severity], str(code), from_row(message), SourceLocation(str(path), int(line), int(column))
    )


_NUMBERS: dict[Any, LegalNumber] = {}
_TARGETS: dict[Any, ReferenceTarget] = {}
"""Numbers and targets already rebuilt (frozen, so shared): a Code repeats them thousands of times."""


class _Reader:
    """Rebuilds the model of one file (every location in it gets the file's path)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def location(self, pair: Any) -> SourceLocation:
        line, column = pair
        return SourceLocation(self.path, int(line), int(column))

    @staticmethod
    def number(value: Any) -> LegalNumber | None:
        if value is None:
            return None
        number = _NUMBERS.get(value)
        if number is None:
            number = _NUMBERS[value] = LegalNumber(tuple(int(c) for c in value))
        return number

    def target(self, row: Any) -> ReferenceTarget:
        target = _TARGETS.get(row)
        if target is None:
            kind, target_id, part, point, subpoint, paragraph, article, through = row
            target = _TARGETS[row] = ReferenceTarget(
                _KINDS[kind], str(target_id), self.number(part), self.number(point), subpoint, paragraph,
                self.number(article), self.target(through) if through is not None else None,
            )  # fmt: skip
        return target

    def paragraph(self, row: Any) -> Paragraph:
        inlines, location = row
        built: list[Text | Link] = []
        for inline in inlines:
            if inline[0] == 0:
                built.append(Text(str(inline[1])))
            else:
                _, href, text, targets, at = inline
                built.append(Link(str(href), str(text), tuple(self.target(t) for t in targets), self.location(at)))
        return Paragraph(tuple(built), self.location(location))

    def block(self, row: Any) -> Any:
        kind = row[0]
        if kind == "p":
            return self.paragraph(row[1])
        if kind == "s":
            return Subpoint(str(row[1]), self.paragraph(row[2]), self.location(row[3]))
        if kind in ("part", "point"):
            _, number, label, content, location = row
            unit = Part if kind == "part" else Point
            return unit(self.number(number), str(label), tuple(self.block(b) for b in content), self.location(location))
        if kind == "notes":
            return Notes(tuple(self.block(b) for b in row[1]), self.location(row[2]))
        if kind == "note":
            _, number, label, paragraphs, location = row
            return Note(
                self.number(number), str(label), tuple(self.paragraph(p) for p in paragraphs), self.location(location)
            )
        raise ValueError(kind)

    def article(self, row: Any) -> Article:
        article_id, number, title, status, texts, sources, notes, history, keys = row
        return Article(
            id=str(article_id),
            number=self.number(number),
            title=dict(title),
            status=_STATUSES[status],
            texts={
                str(language): ArticleText(str(language), tuple(self.block(b) for b in content), self.location(at))
                for language, content, at in texts
            },
            sources=tuple(
                SourceProvision(self.target(target), self.location(at) if at is not None else None)
                for target, at in sources
            ),
            notes=dict(notes),
            history={str(k): tuple(v) for k, v in history.items()},
            path=self.path,
            key_locations={
                str(k): SourceLocation(str(p), int(line), int(column)) for k, (p, line, column) in keys.items()
            },
        )
