"""Diagnostics as a person, GitHub Actions or a program wants to read them."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

from .characters import CONTROL
from .diagnostics import Diagnostic, SourceLocation

FORMATS = ("text", "github", "json")


def in_repository(diagnostics: Sequence[Diagnostic], prefix: str) -> list[Diagnostic]:
    """Paths relative to the repository's root (``prefix`` is where code_text/'s parent sits
    in it), as GitHub annotations need."""
    if not prefix:
        return list(diagnostics)
    return [
        dataclasses.replace(d, location=SourceLocation(prefix + d.location.path, d.location.line, d.location.column))
        for d in diagnostics
    ]


def summary(diagnostics: Sequence[Diagnostic], article_count: int, act_articles: int = 0) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = sum(d.is_warning for d in diagnostics)
    notices = len(diagnostics) - errors - warnings
    counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    counts += f", {notices} notice{'s' * (notices != 1)}" if notices else ""
    verdict = "invalid" if errors else "valid"
    acts = f", and {act_articles} of the acts kept as text" if act_articles else ""
    return f"kodeks: the Code is {verdict}: {counts} ({article_count} articles checked{acts})"


def printable(text: str) -> str:
    """A message on one line with no control character: a value quoted from a file cannot
    start a new line (a forged ``::error`` workflow command) or steer a terminal."""
    return CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text.replace("\n", "\\n").replace("\r", "\\r"))


def as_text(diagnostics: Sequence[Diagnostic], article_count: int, act_articles: int = 0) -> str:
    lines = [
        printable(
            f"{d.location}: {d.code} {d.message}"
            if d.is_error
            else f"{d.location}: {d.code} {d.severity.value}: {d.message}"
        )
        for d in diagnostics
    ]
    lines.append(summary(diagnostics, article_count, act_articles))
    return "\n".join(lines) + "\n"


def _escape_data(value: str) -> str:
    """GitHub's escaping of a workflow command's message (actions/toolkit ``escapeData``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def as_github(diagnostics: Sequence[Diagnostic], article_count: int, act_articles: int = 0) -> str:
    """Workflow commands: each diagnostic becomes an annotation on its line.

    GitHub shows only 10 error and 10 warning annotations per step, so the full list follows
    as plain lines for the log.
    """
    lines = []
    for d in diagnostics:
        location = d.location
        properties = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("file", location.path),
                ("line", location.line),
                ("col", location.column),
                ("title", d.code),
            )
        )
        lines.append(f"::{d.severity.value} {properties}::{_escape_data(d.message)}")
    return "\n".join(lines) + ("\n" if lines else "") + as_text(diagnostics, article_count, act_articles)


def as_json(diagnostics: Sequence[Diagnostic], article_count: int, act_articles: int = 0) -> str:
    errors = sum(d.is_error for d in diagnostics)
    document = {
        "errors": errors,
        "warnings": len(diagnostics) - errors,
        "articles": article_count,
        "act_articles": act_articles,
        "diagnostics": [
            {
                "path": d.location.path,
                "line": d.location.line,
                "column": d.location.column,
                "severity": d.severity.value,
                "code": d.code,
                "message": d.message,
            }
            for d in diagnostics
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": as_text, "github": as_github, "json": as_json}
