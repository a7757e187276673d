"""Every sentence kodeks says to a person, in the reader's language: Kyrgyz, Russian or English.

A message is a value: its English wording (the gettext msgid, with ``{name}`` placeholders) and
its parameters, put into words only when it is printed. So one finding can be printed in Kyrgyz
in a drafter's terminal and in both of the Code's languages in a pull request's comment, and a
cache holds findings in no language at all.

The catalogs are ``locale/<language>/LC_MESSAGES/kodeks.po`` beside this file, compiled to
``.mo`` in the repository (``tooling/messages.py`` extracts, updates and compiles them with
Babel; a test keeps all three in step with the code). English is the msgid itself.

The language of a run: ``--messages``, then ``KODEKS_MESSAGES``, then code.yaml's
``messages:``, then the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), then English.
"""

from __future__ import annotations

import contextvars
import gettext
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Union

MESSAGE_LANGUAGES = ("ky", "ru", "en")
"""The languages kodeks speaks to its users; English is what the code is written in."""

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "kodeks"

Param = Union[str, int, "Message"]


@dataclass(frozen=True, slots=True)
class Message:
    """A sentence for a person, put into words in a language only when it is said."""

    template: str
    """The English wording, the catalogs' msgid: ``{name}`` is a parameter, ``{{`` a brace."""
    params: tuple[tuple[str, Param], ...] = ()
    several: str = ""
    """The English wording for several, when ``count`` chooses between the two (ngettext)."""
    count: int | None = None

    def said(self, language: str | None = None) -> str:
        """The message in ``language`` (default: the language of this run)."""
        language = language or current_language()
        translations = _catalog(language)
        if self.count is None:
            wording = translations.gettext(self.template)
        else:
            wording = translations.ngettext(self.template, self.several, self.count)
        values = {
            name: value.said(language) if isinstance(value, Message) else str(value) for name, value in self.params
        }
        return _fill(wording, values)

    def __str__(self) -> str:
        return self.said()

    def as_row(self) -> tuple[object, ...]:
        """The message as plain tuples, for a cache (:func:`from_row` reads it back)."""
        params = tuple((name, value.as_row() if isinstance(value, Message) else value) for name, value in self.params)
        return (self.template, params, self.several, self.count)


def from_row(row: object, depth: int = 0) -> Message:
    """A message :meth:`Message.as_row` stored; anything else is a ValueError (a cache entry is
    read, not trusted: the wording is only ever filled by name, see :func:`_fill`)."""
    if depth > 8 or not isinstance(row, tuple) or len(row) != 4:
        raise ValueError("not a stored message")
    template, params, several, count = row
    if not isinstance(template, str) or not isinstance(several, str) or not isinstance(params, tuple):
        raise ValueError("not a stored message")
    if count is not None and not isinstance(count, int):
        raise ValueError("not a stored message")
    read: list[tuple[str, Param]] = []
    for name, value in params:
        if not isinstance(name, str):
            raise ValueError("not a stored message")
        read.append((name, value if isinstance(value, (str, int)) else from_row(value, depth + 1)))
    return Message(template, tuple(read), several, count)


def msg(template: str, /, **params: Param) -> Message:
    """A message: ``msg("article {number} is repealed", number=12)``. The template is a literal
    string, so that extraction finds it; the parameters fill its placeholders."""
    return Message(template, tuple(params.items()))


def plural(one: str, several: str, count: int, /, **params: Param) -> Message:
    """A message with a form for one and one for several, chosen by ``count`` (``{count}``) as
    each language counts: Russian has three forms, Kyrgyz one."""
    return Message(one, (("count", count), *params.items()), several, count)


def verbatim(text: str) -> Message:
    """Text that is no sentence of kodeks's (a library's own error, a line of the user's file):
    said as it is in every language."""
    return Message("{text}", (("text", text),))


def listed(items: Sequence[Param]) -> Param:
    """«a, b, c» of messages, each said in the reader's language: plain neighbours joined at once,
    the rest in halves (a cache reads a message back only so many levels deep)."""
    merged: list[Param] = []
    for item in items:
        if merged and isinstance(item, str) and isinstance(merged[-1], str):
            merged[-1] = f"{merged[-1]}, {item}"
        else:
            merged.append(item)
    if len(merged) == 1:
        return merged[0]
    half = len(merged) // 2
    return msg("{first}, {rest}", first=listed(merged[:half]), rest=listed(merged[half:]))


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([a-z_][a-z0-9_]*)\}")


def _fill(wording: str, values: Mapping[str, str]) -> str:
    """Placeholders filled by name only: never str.format, which would let a wording from a
    catalog or a cache reach an attribute of a parameter (``{0.__class__}``)."""

    def value(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        return values.get(match.group(1), token)

    return _PLACEHOLDER.sub(value, wording)


def placeholders(wording: str) -> set[str]:
    """The parameter names a wording uses: every translation uses the same ones as its msgid."""
    return {match.group(1) for match in _PLACEHOLDER.finditer(wording) if match.group(1)}


@cache
def _catalog(language: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(domain, LOCALE_DIR, languages=[language], fallback=True)


def click_gettext(message: str) -> str:
    """One of Click's own sentences («Missing argument», «Usage:») in this run's language: Click
    formats it itself (``click.po`` is kept by hand from Click's source)."""
    return _catalog(current_language(), "click").gettext(message)


def click_ngettext(one: str, several: str, count: int) -> str:
    return _catalog(current_language(), "click").ngettext(one, several, count)


_CHOSEN: contextvars.ContextVar[str | None] = contextvars.ContextVar("kodeks_messages", default=None)
_CODE_DEFAULT: contextvars.ContextVar[str | None] = contextvars.ContextVar("kodeks_code_messages", default=None)


def current_language() -> str:
    """The language of this run: ``--messages``, ``KODEKS_MESSAGES``, code.yaml's default, the
    locale, English: the first that names a language kodeks speaks."""
    return _CHOSEN.get() or _from_variable() or _CODE_DEFAULT.get() or _from_locale() or "en"


def choose(language: str | None) -> None:
    """``--messages``: speak ``language`` for the rest of this run, whatever else says."""
    _CHOSEN.set(language)


def code_default(language: str | None) -> None:
    """code.yaml's ``messages:``: the Code's working language, unless the reader chose one."""
    _CODE_DEFAULT.set(language if language in MESSAGE_LANGUAGES else None)


def _from_variable() -> str | None:
    chosen = os.environ.get("KODEKS_MESSAGES", "").strip()
    return chosen if chosen in MESSAGE_LANGUAGES else None


def _from_locale() -> str | None:
    """The language of the locale (``ru_RU.UTF-8`` is Russian) when kodeks speaks it."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            language = value.split("_")[0].split(".")[0].split("@")[0]
            return language if language in MESSAGE_LANGUAGES else None
    return None
