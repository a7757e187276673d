"""``code_text/reviews/<round>.yaml``: one round of review and the comment register it holds.

name: "Первое обсуждение"        # optional
sent: 2026-12-01                 # when the draft went out; optional
due: 2026-12-08                  # comments were due; optional
revision: 2c15f39…               # the commit the draft was built from; optional
source: public                   # the public discussion (`kodeks review export`); optional
comments:
  - id: round-1/1                # ROUND/N, what ``Resolves-comment:`` names
    author: Айгүл Токтогулова
    organisation: Министерство юстиции      # optional
    date: 2026-12-03                         # optional
    unit: art:settlements#2.1               # the unit, by article id
    place: часть 2 статьи 12                # where it stood when written; optional
    language: ru                             # of the comment; optional
    quote: "не является"                     # the words it was written on; optional
    comment: "…"                             # a comment, a proposal or both
    proposal: {ru: "…"}
    decision: open               # open | accepted | partly | rejected | withdrawn
    reason: "…"                  # the drafters' answer
    carried-out: "#42"           # commit or pull request; optional
    via: comment                 # comment | tracked | untracked | form | text: set by `kodeks review import`
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic
from ..messages import msg
from ..model import Decision, ReviewEntry, ReviewRound, TargetKind
from ..yamlsafe import YamlPath, load_yaml
from .fields import FieldReader
from .reference import parse_reference

VERBATIM = frozenset({"author", "comment", "quote", "proposal"})
"""What a reviewer wrote, kept exactly (kodeks writes what XML or YAML cannot hold as escapes)."""

ROUND_KEYS = ("name", "sent", "due", "revision", "source", "comments")
SOURCES = ("public", "review")
"""Who commented: the public (the discussion on the portal) or the bodies the draft was sent to."""
ENTRY_KEYS = (
    "id", "author", "organisation", "date", "unit", "place", "language", "quote", "comment", "proposal", "decision",
    "reason", "carried-out", "via",
)  # fmt: skip
VIA = ("comment", "tracked", "untracked", "form", "text")


def parse_round(path: str, text: str, languages: tuple[str, ...]) -> tuple[ReviewRound | None, list[Diagnostic]]:
    document, diagnostics = load_yaml(path, text, verbatim=VERBATIM)
    round_id = path.rpartition("/")[2].removesuffix(".yaml")
    if document is None:
        return None, diagnostics
    reader = FieldReader(document, diagnostics)
    root = reader.mapping(document.value if document.value is not None else {}, (), msg("a review round"))
    if root is None:
        return None, diagnostics
    reader.check_keys(root, (), (), ROUND_KEYS, msg("a review round"))
    revision = root.get("revision")
    if revision is not None and not isinstance(revision, str):
        reader.report("Y006", ("revision",), msg("`revision:` is the commit the draft was built from, as text"))
        revision = None
    source = root.get("source")
    if source is not None and source not in SOURCES:
        reader.report("Y006", ("source",), msg("`source:` is one of: {choices}", choices=", ".join(SOURCES)))
    entries = []
    for index, item in enumerate(reader.sequence(root, (), "comments")):
        entry = _entry(reader, item, ("comments", index), languages)
        if entry is not None:
            entries.append(entry)
    return (
        ReviewRound(
            round_id,
            reader.optional_text(root, (), "name"),
            reader.date(root, (), "sent"),
            reader.date(root, (), "due"),
            revision,
            tuple(entries),
            path,
            source == "public",
        ),
        diagnostics,
    )


def _entry(reader: FieldReader, item: Any, path: YamlPath, languages: tuple[str, ...]) -> ReviewEntry | None:
    mapping = reader.mapping(item, path, msg("a comment"))
    if mapping is None:
        return None
    reader.check_keys(mapping, path, ("id", "author", "unit", "decision"), ENTRY_KEYS, msg("a comment"))
    entry_id, author = mapping.get("id"), mapping.get("author")
    if not isinstance(entry_id, str) or not isinstance(author, str):
        if "id" in mapping and not isinstance(entry_id, str):
            reader.report("Y006", path + ("id",), msg('`id:` is text, e.g. "round-1/7"'))
        if "author" in mapping and not isinstance(author, str):
            reader.report("Y006", path + ("author",), msg("`author:` is a name, as text"))
        return None
    unit_text = mapping.get("unit")
    unit = parse_reference(unit_text) if isinstance(unit_text, str) else None
    whole_structure = unit is not None and unit.kind in (TargetKind.CHAPTER, TargetKind.SECTION) and not unit.locator
    if unit is None or not (unit.kind is TargetKind.ARTICLE or whole_structure) or unit.through is not None:
        if "unit" in mapping:
            reader.report(
                "Y006",
                path + ("unit",),
                msg(
                    "`unit: {unit}` names one unit of the Code: art:ID, art:ID#2.3.б, ch:ID or sec:ID",
                    unit=str(unit_text),
                ),
            )
        return None
    decision = reader.choice(mapping, path, "decision", Decision)
    if decision is None:
        return None
    language = reader.optional_text(mapping, path, "language")
    if language is not None and language not in languages:
        reader.report(
            "Y006", path + ("language",), msg("`language: {language}` is not a language of the Code", language=language)
        )
    proposal = _proposal(reader, mapping, path, languages)
    comment = reader.optional_text(mapping, path, "comment")
    if comment is None and not proposal:
        reader.report("Y005", path, msg("a comment has a `comment:`, a `proposal:`, or both"))
    via = reader.optional_text(mapping, path, "via")
    if via is not None and via not in VIA:
        reader.report("Y006", path + ("via",), msg("`via:` is one of: {choices}", choices=", ".join(VIA)))
    return ReviewEntry(
        entry_id,
        author,
        reader.optional_text(mapping, path, "organisation"),
        reader.date(mapping, path, "date"),
        unit,
        reader.optional_text(mapping, path, "place"),
        language,
        reader.optional_text(mapping, path, "quote"),
        comment,
        proposal,
        decision,
        reader.optional_text(mapping, path, "reason"),
        _carried_out(reader, mapping, path),
        via,
        reader.document.location(path),
        reader.document.location(path + ("unit",)),
    )


def _proposal(
    reader: FieldReader, mapping: dict[str, Any], path: YamlPath, languages: tuple[str, ...]
) -> dict[str, str]:
    value = mapping.get("proposal")
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        reader.report("Y006", path + ("proposal",), msg("`proposal:` is the wording per language: {{ky: …, ru: …}}"))
        return {}
    for language in value:
        if language not in languages:
            reader.report(
                "Y006",
                path + ("proposal", language),
                msg("`{language}` is not a language of the Code", language=str(language)),
            )
    return {language: text for language, text in value.items() if language in languages}


def _carried_out(reader: FieldReader, mapping: dict[str, Any], path: YamlPath) -> str | None:
    value = mapping.get("carried-out")
    if isinstance(value, int) and not isinstance(value, bool):
        return f"#{value}"  # a pull request's number written bare
    return reader.optional_text(mapping, path, "carried-out")
