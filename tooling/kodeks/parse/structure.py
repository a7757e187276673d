"""``code_text/code.yaml``: the Code's metadata and its structure."""

from __future__ import annotations

import datetime
import re
from typing import Any

from ..diagnostics import Diagnostic
from ..messages import MESSAGE_LANGUAGES, msg, verbatim
from ..model import ID_PATTERN, Act, ActStatus, Chapter, Code, Enactment, Section, Stage, StructureEntry
from ..yamlsafe import YamlPath, load_yaml
from .fields import FieldReader

DEFAULT_LANGUAGES = ("ky", "ru")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_CODE_KEYS = (
    "id", "stage", "languages", "messages", "title", "publication", "acts", "unit-words", "articles", "sections",
    "chapters", "definitions",
)  # fmt: skip
_ACT_FILE_KEYS = (
    "id", "stage", "languages", "title", "publication", "number", "adopted", "status", "preamble", "history",
    "signature", "unit-words", "articles", "sections", "chapters", "definitions",
)  # fmt: skip
_UNIT_WORD_ROLES = ("part", "point", "subpoint")
_UNIT_WORD = re.compile(r"[а-яёңөү]{2,30}")
_SECTION_KEYS = ("id", "number", "title", "articles", "chapters")
_CHAPTER_KEYS = ("id", "number", "title", "articles")
_ACT_KEYS = ("title", "url")


def parse_structure(path: str, text: str, act: bool = False) -> tuple[Code | None, list[Diagnostic]]:
    """Parse code.yaml into a :class:`Code` without articles (the loader adds them); with
    ``act``, an existing act's ``act.yaml``, which also records its number, date and status."""
    document, diagnostics = load_yaml(path, text)
    if document is None:
        return None, diagnostics
    reader = FieldReader(document, diagnostics)
    what = verbatim("act.yaml" if act else "code.yaml")
    root = reader.mapping(document.value, (), what)
    if root is None:
        return None, diagnostics
    if act:
        required = ("id", "stage", "languages", "title", "number", "adopted")
        reader.check_keys(root, (), required, _ACT_FILE_KEYS, what)
    else:
        reader.check_keys(root, (), ("id", "stage", "languages", "title"), _CODE_KEYS, what)

    code_id = reader.identifier(root, ()) or "code"
    stage = Stage.DRAFT
    if "stage" in root:
        try:
            stage = Stage(root["stage"])
        except ValueError:
            reader.report(
                "Y006",
                ("stage",),
                msg(
                    "`stage: {value}` must be one of: {choices}",
                    value=str(root["stage"]),
                    choices=", ".join(s.value for s in Stage),
                ),
            )
    languages = _languages(reader, root)
    acts = _acts(reader, root, languages)

    def entries_of(mapping: dict[str, Any], path: YamlPath, key: str = "articles") -> tuple[StructureEntry, ...]:
        entries = []
        for article_index, article_id in enumerate(reader.sequence(mapping, path, key)):
            entry_path = path + (key, article_index)
            if isinstance(article_id, str) and _valid_id(article_id):
                entries.append(StructureEntry(article_id, document.location(entry_path)))
            else:
                reader.report("Y010", entry_path, msg("`{id}` is not a valid article id", id=str(article_id)))
        return tuple(entries)

    def chapters_of(parent: dict[str, Any], parent_path: YamlPath) -> tuple[Chapter, ...]:
        chapters = []
        for index, item in enumerate(reader.sequence(parent, parent_path, "chapters")):
            item_path = parent_path + ("chapters", index)
            mapping = reader.mapping(item, item_path, msg("a chapter"))
            if mapping is None:
                continue
            reader.check_keys(
                mapping, item_path, ("id", "number", "title", "articles"), _CHAPTER_KEYS, msg("a chapter")
            )
            chapter_id = reader.identifier(mapping, item_path) or f"chapter-{index + 1}"
            entries = entries_of(mapping, item_path)
            chapters.append(
                Chapter(
                    id=chapter_id,
                    number=reader.number(mapping, item_path),
                    title=reader.titles(mapping, item_path, languages, msg("chapter `{id}`", id=chapter_id)),
                    articles=entries,
                    location=document.location(item_path),
                    number_location=document.location(item_path + ("number",)),
                    articles_location=document.value_locations.get(item_path + ("articles",)),
                )
            )
        return tuple(chapters)

    sections = []
    for index, item in enumerate(reader.sequence(root, (), "sections")):
        item_path: YamlPath = ("sections", index)
        mapping = reader.mapping(item, item_path, msg("a section"))
        if mapping is None:
            continue
        section_required = ("id", "number", "title") + (("chapters",) if "articles" not in mapping else ())
        reader.check_keys(mapping, item_path, section_required, _SECTION_KEYS, msg("a section"))
        section_id = reader.identifier(mapping, item_path) or f"section-{index + 1}"
        sections.append(
            Section(
                id=section_id,
                number=reader.number(mapping, item_path),
                title=reader.titles(mapping, item_path, languages, msg("section `{id}`", id=section_id)),
                chapters=chapters_of(mapping, item_path),
                location=document.location(item_path),
                number_location=document.location(item_path + ("number",)),
                articles=entries_of(mapping, item_path) if "articles" in mapping else (),
            )
        )
    top_chapters = chapters_of(root, ())
    if ("sections" in root) == ("chapters" in root):
        reader.report(
            "S005",
            (),
            msg("code.yaml must list either `sections:` (each with its chapters) or top-level `chapters:`, not both")
            if "sections" in root
            else msg(
                "code.yaml must list either `sections:` (each with its chapters) or top-level `chapters:`, not neither"
            ),
        )

    code = Code(
        id=code_id,
        stage=stage,
        languages=languages,
        title=reader.titles(root, (), languages, msg("the Code")),
        publication=reader.text_per_language(root, (), "publication"),
        acts=acts,
        sections=tuple(sections),
        top_chapters=top_chapters if not sections else (),
        articles={},
        path=path,
        leading=entries_of(root, ()),
        enactment=_enactment(reader, root) if act else None,
        preamble=reader.lines_per_language(root, (), "preamble"),
        history=reader.lines_per_language(root, (), "history"),
        signature=reader.lines_per_language(root, (), "signature"),
        unit_words=_unit_words(reader, root),
        messages=_messages(reader, root),
        definitions=entries_of(root, (), "definitions"),
    )
    return code, diagnostics


def _enactment(reader: FieldReader, root: dict[str, Any]) -> Enactment | None:
    """``number: "123"``, ``adopted: 2021-10-20``, ``status: in-force`` of an existing act."""
    number = root.get("number")
    if number is not None and (isinstance(number, bool) or not isinstance(number, (str, int))):
        reader.report("Y006", ("number",), msg('`number:` of an act is its number as published, e.g. "123"'))
        number = None
    adopted = root.get("adopted")
    if isinstance(adopted, str):
        try:
            adopted = datetime.date.fromisoformat(adopted)
        except ValueError:
            adopted = None
    if "adopted" in root and not isinstance(adopted, datetime.date):
        reader.report("Y006", ("adopted",), msg("`adopted:` is the date of adoption, written 2021-10-20"))
        adopted = None
    status = ActStatus.IN_FORCE
    if "status" in root:
        try:
            status = ActStatus(root["status"])
        except ValueError:
            reader.report(
                "Y006",
                ("status",),
                msg("`status:` of an act must be one of: {choices}", choices=", ".join(s.value for s in ActStatus)),
            )
    if number is None or adopted is None:
        return None
    return Enactment(str(number), adopted, status)


def _valid_id(value: str) -> bool:
    return ID_PATTERN.fullmatch(value) is not None


def _languages(reader: FieldReader, root: dict[str, Any]) -> tuple[str, ...]:
    value = root.get("languages")
    if value is None:
        return DEFAULT_LANGUAGES
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and _LANGUAGE.fullmatch(v) for v in value)
        or len(set(value)) != len(value)
    ):
        reader.report(
            "Y006", ("languages",), msg("`languages:` must be a list of distinct language codes, e.g. [ky, ru]")
        )
        return DEFAULT_LANGUAGES
    return tuple(value)


def _messages(reader: FieldReader, root: dict[str, Any]) -> str | None:
    """``messages: ky``: the language kodeks speaks to the Code's drafters unless they choose."""
    value = root.get("messages")
    if value is None or value in MESSAGE_LANGUAGES:
        return value
    reader.report(
        "Y006", ("messages",), msg("`messages:` must be one of: {choices}", choices=", ".join(MESSAGE_LANGUAGES))
    )
    return None


def _unit_words(reader: FieldReader, root: dict[str, Any]) -> dict[str, tuple[tuple[str, str], ...]]:
    """``unit-words: {ru: {part: пункт, point: подпункт}}``: how references name the units."""
    value = root.get("unit-words")
    if value is None:
        return {}
    per_language = reader.mapping(value, ("unit-words",), verbatim("`unit-words:`"))
    words: dict[str, tuple[tuple[str, str], ...]] = {}
    for language, entry in (per_language or {}).items():
        path: YamlPath = ("unit-words", language)
        if language not in ("ky", "ru"):
            # Either of the two, even one an act is not kept in: the Code cites it in both.
            reader.report(
                "Y006", path, msg("`unit-words:` are read for ky and ru; not `{language}`", language=language)
            )
            continue
        mapping = reader.mapping(entry, path, verbatim(f"`unit-words: {language}`"))
        if mapping is None:
            continue
        reader.check_keys(mapping, path, (), _UNIT_WORD_ROLES, verbatim(f"`unit-words: {language}`"))
        pairs = []
        for role in _UNIT_WORD_ROLES:
            stem = mapping.get(role)
            if stem is None:
                continue
            if not isinstance(stem, str) or not _UNIT_WORD.fullmatch(stem):
                reader.report(
                    "Y006", path + (role,), msg("`{role}:` must be one lowercase word, e.g. пункт", role=role)
                )
                continue
            pairs.append((role, stem))
        words[language] = tuple(pairs)
    return words


def _acts(reader: FieldReader, root: dict[str, Any], languages: tuple[str, ...]) -> dict[str, Act]:
    value = root.get("acts")
    if value is None:
        return {}
    acts_map = reader.mapping(value, ("acts",), verbatim("`acts:`"))
    if acts_map is None:
        return {}
    acts = {}
    for act_id, entry in acts_map.items():
        path: YamlPath = ("acts", act_id)
        if not _valid_id(act_id):
            reader.report("Y010", path, msg("`{id}` is not a valid act id", id=act_id), at_key=True)
            continue
        what = msg("act `{id}`", id=act_id)
        mapping = reader.mapping(entry, path, what)
        if mapping is None:
            continue
        reader.check_keys(mapping, path, ("title",), _ACT_KEYS, what)
        acts[act_id] = Act(
            id=act_id,
            title=reader.titles(mapping, path, languages, what),
            url=_url(reader, mapping, path),
            location=reader.document.key_location(path),
        )
    return acts


_URL = re.compile(r"https?://[^\s<>\"'`\\]+")


def _url(reader: FieldReader, mapping: dict[str, Any], path: YamlPath) -> str | None:
    """An act's web address: http(s), one line, nothing that could end a link early."""
    url = reader.optional_text(mapping, path, "url")
    if url is not None and not _URL.fullmatch(url):
        reader.report(
            "Y006", path + ("url",), msg("`url:` must be one http:// or https:// address without spaces or quotes")
        )
        return None
    return url
