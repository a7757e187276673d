"""Diagnostics as a person, GitHub Actions or a program wants to read them."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

from .characters import CONTROL
from .diagnostics import Diagnostic, Severity, SourceLocation
from .messages import Param, msg, plural

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
    counts: dict[str, Param] = {
        "errors": plural("{count} error", "{count} errors", errors),
        "warnings": plural("{count} warning", "{count} warnings", warnings),
        "notices": plural(", {count} notice", ", {count} notices", notices) if notices else "",
        "checked": plural("{count} article checked", "{count} articles checked", article_count),
        "acts": plural(", and {count} of the acts kept as text", ", and {count} of the acts kept as text", act_articles)
        if act_articles
        else "",
    }
    if errors:
        return "kodeks: " + msg("the Code is invalid: {errors}, {warnings}{notices} ({checked}{acts})", **counts).said()
    return "kodeks: " + msg("the Code is valid: {errors}, {warnings}{notices} ({checked}{acts})", **counts).said()


def severity_word(severity: Severity) -> str:
    """«warning» or «notice» before a message that does not fail the check, in this run's language."""
    return str(
        msg("warning")
        if severity is Severity.WARNING
        else msg("notice")
        if severity is Severity.NOTICE
        else msg("error")
    )


def printable(text: str) -> str:
    """A message on one line with no control character: a value quoted from a file cannot
    start a new line (a forged ``::error`` workflow command) or steer a terminal."""
    return CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text.replace("\n", "\\n").replace("\r", "\\r"))


def as_text(diagnostics: Sequence[Diagnostic], article_count: int, act_articles: int = 0) -> str:
    lines = [
        printable(
            f"{d.location}: {d.code} {d.message}"
            if d.is_error
            else f"{d.location}: {d.code} {severity_word(d.severity)}: {d.message}"
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
        lines.append(f"::{d.severity.value} {properties}::{_escape_data(str(d.message))}")
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
                "message": str(d.message),
            }
            for d in diagnostics
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": as_text, "github": as_github, "json": as_json}
