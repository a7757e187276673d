"""Problems as values: where in a file, how serious, what to do: ``path:line:col: CODE message``."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .messages import Message


@dataclass(frozen=True, slots=True, order=True)
class SourceLocation:
    """A 1-based position in a file, printed as ``path:line:col``."""

    path: str
    """Path relative to the repository root, with forward slashes."""
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    @classmethod
    def from_zero_based(cls, path: str, line: int, column: int = 0, line_offset: int = 0) -> SourceLocation:
        """The one place where 0-based positions (markdown-it maps, YAML marks) become 1-based.

        ``line_offset`` is the number of lines before the text that was parsed (the front matter
        for an article body).
        """
        return cls(path, line + line_offset + 1, column + 1)


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"
    """Said, never failing a check (not even --strict): what no change to the file can mend."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in the Code."""

    severity: Severity
    code: str
    """Stable rule code, documented in CONTRIBUTING.md (e.g. ``R003``)."""
    message: Message
    location: SourceLocation

    def __str__(self) -> str:
        return f"{self.location}: {self.code} {self.message}"

    def said(self, language: str | None = None) -> str:
        """``path:line:col: CODE message`` with the message in ``language`` (default: this run's)."""
        return f"{self.location}: {self.code} {self.message.said(language)}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity is Severity.WARNING

    @property
    def is_notice(self) -> bool:
        return self.severity is Severity.NOTICE


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    location = diagnostic.location
    return (location.path, location.line, location.column, diagnostic.code)
