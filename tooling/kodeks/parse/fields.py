"""Checks for the fields that code.yaml and the front matter share: ids, numbers, titles."""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from ..diagnostics import Diagnostic
from ..messages import Message, msg
from ..model import ID_PATTERN, LegalNumber
from ..rules import rule
from ..yamlsafe import YamlDocument, YamlPath

Choice = TypeVar("Choice", bound=enum.Enum)

MAX_NUMBER = 999_999
"""The largest number a unit can have (six digits, as in ``LegalNumber.parse``)."""


_MARKUP = re.compile(r"<\s*/?[A-Za-z!?][^>]{0,40}>?|!\[|\]\(|\]\[")
"""An HTML tag or comment, a Markdown image or link: nothing a title may hold."""


class FieldReader:
    """Reads typed fields out of one YAML mapping, collecting diagnostics instead of raising."""

    def __init__(self, document: YamlDocument, diagnostics: list[Diagnostic]) -> None:
        self.document = document
        self.diagnostics = diagnostics

    def report(self, code: str, path: YamlPath, message: Message | str, *, at_key: bool = False) -> None:
        location = self.document.key_location(path) if at_key else self.document.location(path)
        self.diagnostics.append(rule(code).at(location, message))

    def mapping(self, value: Any, path: YamlPath, what: Message) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.report("Y004" if not path else "Y006", path, msg("{what} must be a mapping of keys to values", what=what))
        return None

    def check_keys(
        self, mapping: dict[str, Any], path: YamlPath, required: Iterable[str], known: Iterable[str], what: Message
    ) -> None:
        known_keys = set(known)
        for key in required:
            if key not in mapping:
                self.report("Y005", path, msg("{what} has no `{key}:`", what=what, key=key))
        for key in mapping:
            if key not in known_keys:
                self.report(
                    "Y007",
                    path + (key,),
                    msg(
                        "unknown key `{key}:` in {what} (known: {known})",
                        key=key,
                        what=what,
                        known=", ".join(sorted(known_keys)),
                    ),
                    at_key=True,
                )

    def identifier(self, mapping: dict[str, Any], path: YamlPath, key: str = "id") -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
            self.report(
                "Y010",
                path + (key,),
                msg(
                    "`{key}: {value}` is not a valid id: use lowercase Latin letters, digits and single hyphens, "
                    "e.g. `local-keneshes` (not con, prn, aux, nul, com1–9 or lpt1–9, which Windows reserves)",
                    key=key,
                    value=str(value),
                ),
            )
            return None
        return value

    def number(self, mapping: dict[str, Any], path: YamlPath) -> LegalNumber | None:
        value = mapping.get("number")
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_NUMBER:
            return LegalNumber.of(value)
        parsed = LegalNumber.parse(value) if isinstance(value, str) else None
        if parsed is None:
            self.report(
                "N007",
                path + ("number",),
                msg(
                    "`number: {value}` is not a legal number: write 12, or 12-1 for an insertion in force",
                    value=str(value),
                ),
            )
        return parsed

    def titles(
        self, mapping: dict[str, Any], path: YamlPath, languages: tuple[str, ...], what: Message
    ) -> dict[str, str]:
        value = mapping.get("title")
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.report(
                "Y006",
                path + ("title",),
                msg(
                    "the title of {what} must be a mapping with one title per language: {{{example}}}",
                    what=what,
                    example=", ".join(f"{lang}: …" for lang in languages),
                ),
            )
            return {}
        titles: dict[str, str] = {}
        for language in languages:
            text = value.get(language)
            if not isinstance(text, str) or not text.strip():
                self.report(
                    "Y009", path + ("title",), msg("{what} has no {language} title", what=what, language=language)
                )
                continue
            titles[language] = text.strip()
            markup = _MARKUP.search(text)
            if markup:
                self.report(
                    "Y012",
                    path + ("title", language),
                    msg(
                        "the {language} title of {what} holds markup «{markup}»: a title is plain words "
                        "(it is printed in headings, tables of contents and the pull-request comment)",
                        language=language,
                        what=what,
                        markup=markup.group(),
                    ),
                )
        for language in value:
            if language not in languages:
                self.report(
                    "Y007",
                    path + ("title", language),
                    msg(
                        "title in `{language}`, which is not a language of the Code ({languages})",
                        language=str(language),
                        languages=", ".join(languages),
                    ),
                    at_key=True,
                )
        return titles

    def optional_text(self, mapping: dict[str, Any], path: YamlPath, key: str) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.report("Y006", path + (key,), msg("`{key}:` must be text", key=key))
            return None
        return value

    def choice(self, mapping: dict[str, Any], path: YamlPath, key: str, kind: type[Choice]) -> Choice | None:
        """``key:`` one of ``kind``'s values; another is Y006 naming them (an absent key, None:
        ``check_keys`` says when it is required)."""
        try:
            return kind(mapping.get(key))
        except ValueError:
            if key in mapping:
                choices = ", ".join(str(value.value) for value in kind)
                self.report("Y006", path + (key,), msg("`{key}:` is one of: {choices}", key=key, choices=choices))
            return None

    def sequence(self, mapping: dict[str, Any], path: YamlPath, key: str) -> list[Any]:
        value = mapping.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report("Y006", path + (key,), msg("`{key}:` must be a list", key=key))
            return []
        return value

    def date(self, mapping: dict[str, Any], path: YamlPath, key: str) -> datetime.date | None:
        """``key: 2027-03-01``: a date, or None: reported when the key is there and holds no date
        (an impossible one such as 2027-06-31 reads as nothing)."""
        if key not in mapping:
            return None
        value = mapping[key]
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        elif isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        self.report("Y006", path + (key,), msg("`{key}:` is a date, YYYY-MM-DD", key=key))
        return None

    def text_per_language(self, mapping: dict[str, Any], path: YamlPath, key: str) -> dict[str, str]:
        """``{ky: "…", ru: "…"}``: one text per language (where an act was published)."""
        value = mapping.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(
            isinstance(language, str) and isinstance(text, str) and text.strip() for language, text in value.items()
        ):
            self.report(
                "Y006", path + (key,), msg('`{key}:` must give one text per language, e.g. {{ru: "…"}}', key=key)
            )
            return {}
        return {language: text.strip() for language, text in value.items()}

    def lines_per_language(self, mapping: dict[str, Any], path: YamlPath, key: str) -> dict[str, tuple[str, ...]]:
        """``{ru: [line, …], ky: [line, …]}``: lines of text kept per language (history, preamble)."""
        value = mapping.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(
            isinstance(language, str) and isinstance(lines, list) and all(isinstance(line, str) for line in lines)
            for language, lines in value.items()
        ):
            self.report(
                "Y006",
                path + (key,),
                msg('`{key}:` must give a list of lines per language, e.g. {{ru: ["…"]}}', key=key),
            )
            return {}
        return {language: tuple(lines) for language, lines in value.items()}
