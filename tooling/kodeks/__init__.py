"""kodeks: legislation as code for a bilingual Code kept in Git.

The library reads a Code from a :class:`~kodeks.store.Snapshot` (working tree or Git
revision), builds the :mod:`kodeks.model`, and validates it.
"""

from .errors import (
    CodeNotFoundError,
    Diagnostic,
    InvalidCodeError,
    KodeksError,
    RevisionError,
    Severity,
    SourceLocation,
)
from .load import CheckResult, LoadResult, check, load_code
from .model import (
    Article,
    ArticleText,
    Chapter,
    Code,
    LegalNumber,
    Link,
    Paragraph,
    Part,
    Point,
    Section,
    Stage,
    Status,
)
from .validate import assert_validates, validate

__all__ = [
    "Article",
    "ArticleText",
    "Chapter",
    "CheckResult",
    "Code",
    "CodeNotFoundError",
    "Diagnostic",
    "InvalidCodeError",
    "KodeksError",
    "LegalNumber",
    "Link",
    "LoadResult",
    "Paragraph",
    "Part",
    "Point",
    "RevisionError",
    "Section",
    "Severity",
    "SourceLocation",
    "Stage",
    "Status",
    "assert_validates",
    "check",
    "load_code",
    "validate",
]
