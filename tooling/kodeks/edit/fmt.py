"""`kodeks fmt`: front matter in order, one final newline, inserted units set off for GitHub;
what kodeks reads is never changed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..model import (
    Article,
)

FRONT_MATTER_ORDER = ("id", "number", "title", "status", "sources", "notes")


def format_text(path: str, text: str) -> str:
    """What can be normalised without changing meaning: LF endings, no BOM, letters composed
    (Unicode NFC: «и» + U+0306 is «й», as every search expects), one final newline, no runs of
    blank lines in article bodies, and front matter keys in the manual's order.

    Lines are split on LF only: U+2028, U+0085, form feeds are characters of the text. YAML
    (code.yaml, front matter) is never re-wrapped or re-spaced, since blank and whitespace-only
    lines inside a block scalar (``notes: |``) are part of its value; keys are reordered only
    when the reordered YAML reads back as the same values. Trailing spaces on text lines are
    kept: two of them are a Markdown line break.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not path.endswith(".md"):
        return _final_newline(text)
    front, body = None, text
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end < 0 and text.endswith("\n---"):
            end = len(text) - 4
        if end >= 0:
            front, body = text[4 : end + 1], text[end + 5 :]
    lines = [line if line.strip(" \t") else "" for line in body.split("\n")]
    collapsed: list[str] = []
    for line in lines:
        if line == "" and (not collapsed or collapsed[-1] == ""):
            continue
        collapsed.append(line)
    body = "\n".join(collapsed).rstrip("\n")
    if front is None:
        return body + "\n"
    front = _ordered_front_matter(path, front)
    return _set_off_inserted_units(path, f"---\n{front}---\n\n{body}\n" if body else f"---\n{front}---\n")


_INSERTED_MARKER = re.compile(r"^[ \t]*[0-9]+(?:-[0-9]+)+[.)]", re.MULTILINE)


def _set_off_inserted_units(path: str, text: str) -> str:
    """A blank line before each inserted unit and before the unit after it, where M001 says
    GitHub would show it inside its neighbour, and before what an inserted unit holds (M002:
    GitHub then shows it line by line, as preformatted text, not run into the unit's words);
    kept only if kodeks reads the same units after."""
    if not _INSERTED_MARKER.search(text):
        return text
    from ..parse import parse_article

    languages = tuple(dict.fromkeys(re.findall(r"^## (\S+)[ \t]*$", text, re.MULTILINE)))
    article, diagnostics = parse_article(path, text, languages)
    lines = text.split("\n")
    lines_before = sorted(
        {
            d.location.line
            for d in diagnostics
            if d.code == "M001" or (d.code == "M002" and 1 < d.location.line and lines[d.location.line - 2].strip())
        },
        reverse=True,
    )
    if article is None or not lines_before:
        return text
    for line in lines_before:
        lines.insert(line - 1, "")
    spaced = "\n".join(lines)
    reread, _ = parse_article(path, spaced, languages)

    def units(read: Article) -> dict[str, list[tuple[str, str]]]:
        return {lang: [(u.label, u.plain_text) for u in body.printed()] for lang, body in read.texts.items()}

    return spaced if reread is not None and units(reread) == units(article) else text


@dataclass(frozen=True, slots=True)
class Formatting:
    """What ``kodeks fmt`` found: the files as written, their formatted texts where they
    differ, and the files it could not read (each with its F001 finding)."""

    originals: dict[str, str]
    changes: dict[str, str | None]
    unreadable: list[Diagnostic]


def format_files(files: Mapping[str, bytes]) -> Formatting:
    """Every .md and .yaml file formatted; a file that is not UTF-8 is reported and left alone."""
    from ..source import decode

    originals: dict[str, str] = {}
    unreadable: list[Diagnostic] = []
    for path, data in files.items():
        if not path.endswith((".md", ".yaml")):
            continue
        try:
            originals[path] = data.decode("utf-8")
        except UnicodeDecodeError:
            unreadable += decode(path, data)[1]
    changes: dict[str, str | None] = {}
    for path, text in originals.items():
        formatted = format_text(path, text)
        if formatted != text:
            changes[path] = formatted
    return Formatting(originals, changes, unreadable)


def _final_newline(text: str) -> str:
    """YAML ends with one newline, unless its last value keeps trailing lines (``|+``)."""
    trimmed = text.rstrip("\n") + "\n"
    return trimmed if _same_yaml(text, trimmed) else text


def _same_yaml(before: str, after: str) -> bool:
    from ..yamlsafe import load_yaml

    old, _ = load_yaml("", before)
    new, _ = load_yaml("", after)
    return old is not None and new is not None and old.value == new.value


def _ordered_front_matter(path: str, front: str) -> str:
    """Top-level key blocks (a key, its nested lines, and comments just above it) reordered,
    found by the YAML parser; unchanged when the result would read differently."""
    from ..yamlsafe import load_yaml

    if any(separator in front for separator in "\x85\u2028\u2029"):
        return front  # YAML counts these as line breaks, the file's lines do not: keys cannot be placed
    document, _ = load_yaml(path, front)
    if document is None or not isinstance(document.value, dict):
        return front
    lines = front.split("\n")[:-1] if front.endswith("\n") else front.split("\n")
    starts = sorted((document.key_locations[(key,)].line - 1, key) for key in document.value)
    if not starts or any(lines[line][:1] in (" ", "\t") for line, _ in starts):
        return front
    blocks: list[tuple[str, list[str]]] = []
    head = lines[: starts[0][0]]
    for index, (line, key) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        blocks.append((key, lines[line:end]))
    # Comments just above a key move with it.
    for index in range(len(blocks) - 1, 0, -1):
        previous = blocks[index - 1][1]
        while previous and previous[-1].startswith("#"):
            blocks[index][1].insert(0, previous.pop())
    if head and head[-1].startswith("#") and blocks:
        while head and head[-1].startswith("#"):
            blocks[0][1].insert(0, head.pop())
    order = {key: index for index, key in enumerate(FRONT_MATTER_ORDER)}
    ordered = sorted(enumerate(blocks), key=lambda item: (order.get(item[1][0], len(order)), item[0]))
    result = "".join(line + "\n" for line in head + [line for _, (_, block) in ordered for line in block])
    return result if _same_yaml(front, result) else front
