"""Words as kodeks reads a wording: the one tokeniser of amending laws, review marks and redlines.

A word is letters and digits, hyphen-joined parts counting as one («административно-
территориальной», «12-1»); ң ө ү are letters. Every sign stands alone. A replacement quoted in
an amending law, the words a reviewer kept, and the words a redline marks are all these.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

WORD = r"\w+(?:-\w+)*|[^\w\s]"
_TOKEN = re.compile(rf"{WORD}|\s+")
_WORD_ONLY = re.compile(r"\w+(?:-\w+)*")
"""The words of ``WORD`` alone: a match ends before a sign or a space, so the next starts where
``tokens`` would start one."""
SPACED = re.compile(rf"(?=({WORD}))(\1\s*)")
"""A word or sign, then the same with the spacing after it: ``findall`` gives ``(word, word and
its spacing)`` pairs without a Python loop."""


def tokens(text: str) -> list[str]:
    """Words, signs and the spaces between them: joined, they give back ``text``."""
    return _TOKEN.findall(text)


def words(text: str) -> list[str]:
    """The words of ``text``, signs and spaces left out."""
    return _WORD_ONLY.findall(text)


def opcodes(old: Sequence[str], new: Sequence[str]) -> Sequence[tuple[str, int, int, int, int]]:
    """How ``old`` tokens become ``new`` ones (difflib's opcodes, every token weighed alike)."""
    return difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
