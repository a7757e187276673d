"""What the law prints: a unit's lines, label first, as an amending law quotes them and a
history compares them."""

from __future__ import annotations

from collections.abc import Sequence

from . import wording
from .model import (
    Article,
    ArticleText,
    Code,
    Part,
    Point,
    Subpoint,
)


def printed(
    text: ArticleText, part: Part | None = None, point: Point | None = None, subpoint: Subpoint | None = None
) -> list[str]:
    """The unit's lines as the law prints them, label first: the whole text, or one unit of it."""
    lines = []
    for line in text.printed():
        if part is not None and line.part is not part:
            continue
        if point is not None and line.point is not point:
            continue
        if subpoint is not None and line.subpoint is not subpoint:
            continue
        lines.append(" ".join(filter(None, (line.label, line.plain_text))))
    return lines


def article_lines(code: Code, article: Article, language: str) -> list[str]:
    """An article as the law prints it: its heading, then its text."""
    number = code.numbering().articles.get(article.id, article.number)
    heading = wording.heading(wording.article_label(language, number), article.title.get(language, ""))
    text = article.texts.get(language)
    return [heading, *(printed(text) if text is not None else [])]


def is_repealed_text(lines: Sequence[str], label: str) -> bool:
    """«3. Утратила силу.» / «4) утратил силу;» / «2) Күчүн жоготту.»: a unit repealed in force
    keeps its number, whatever case and punctuation its line keeps."""
    return len(lines) == 1 and wording.is_repeal_note(lines[0].removeprefix(label))
