"""From a :class:`Snapshot` of files to a :class:`Code`, with every problem found on the way."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from . import characters
from .diagnostics import Diagnostic, SourceLocation
from .errors import CodeNotFoundError
from .messages import Message, msg, plural
from .model import AmendmentRecord, Article, Code, ConflictDecision, Disposition, ReviewRound
from .parse import DEFAULT_LANGUAGES, parse_article, parse_structure
from .parse.cache import ParseCache
from .rules import rule
from .snapshot import (
    ACT_FILE,
    ACTS_DIR,
    AMENDMENTS_FILE,
    ARTICLES_DIR,
    CODE_FILE,
    CONFLICTS_FILE,
    DISPOSITIONS_FILE,
    NOTE_FILE,
    REVIEWS_DIR,
    Snapshot,
    blob_id,
)
from .source import decode


@dataclass(frozen=True, slots=True)
class LoadResult:
    code: Code | None
    """None when code.yaml cannot be read at all."""
    diagnostics: list[Diagnostic]
    """Problems found while reading and parsing (validation adds the cross-file ones)."""
    unreadable: frozenset[str] = frozenset()
    """Ids of article files that exist but were not parsed: unreadable ones (their problems are
    reported) and ones left unread as unchanged. Validation adds no "missing article" noise
    for them."""


DEFAULT_CACHE: list[ParseCache] = []
"""The parse cache a command installs for its Code (``cli.options``): every load of that
command uses it unless given its own."""


def load_code(snapshot: Snapshot, cache: ParseCache | None = None) -> LoadResult:
    if cache is None and DEFAULT_CACHE:
        cache = DEFAULT_CACHE[0]
    if cache is None:  # nothing can answer for a deferred file: read them all, in one go
        snapshot.read(list(snapshot.deferred))
    diagnostics = list(snapshot.problems)
    refused = {d.location.path for d in snapshot.problems}
    if CODE_FILE not in snapshot.files and CODE_FILE not in refused:
        raise CodeNotFoundError(msg("{file} not found", file=CODE_FILE))

    texts: dict[str, list[str]] = {"": []}
    """The files of the Code (key "") and of each act's text (key: the act's id)."""
    rounds: dict[str, bytes] = {}
    paths = sorted([*snapshot.files, *snapshot.deferred]) if snapshot.deferred else list(snapshot.files)
    for path in paths:
        folder = _text_of(path)
        if path.startswith(REVIEWS_DIR + "/") and path.count("/") == 2 and path.endswith(".yaml"):
            rounds[path] = snapshot.files[path]
        elif path in (AMENDMENTS_FILE, NOTE_FILE, CONFLICTS_FILE):
            continue
        elif folder is None:
            diagnostics.append(
                rule("F004").at(
                    SourceLocation(path),
                    msg(
                        "kodeks reads only {code}, {articles}/*.md, {reviews}/*.yaml, {amendments}, {note}, {conflicts} and, for an existing "
                        "act, {acts}/ID/{act}, {dispositions} and articles/*.md; move or remove this file",
                        code=CODE_FILE,
                        articles=ARTICLES_DIR,
                        reviews=REVIEWS_DIR,
                        amendments=AMENDMENTS_FILE,
                        note=NOTE_FILE,
                        conflicts=CONFLICTS_FILE,
                        acts=ACTS_DIR,
                        act=ACT_FILE,
                        dispositions=DISPOSITIONS_FILE,
                    ),
                )
            )
        else:
            texts.setdefault(folder, []).append(path)

    code, unreadable = _load_text(CODE_FILE, texts.pop(""), snapshot, None, cache, diagnostics)
    if code is not None:
        acts = dict(code.acts)
        for act_id, files in sorted(texts.items()):
            structure = f"{ACTS_DIR}/{act_id}/{ACT_FILE}"
            dispositions_path = f"{ACTS_DIR}/{act_id}/{DISPOSITIONS_FILE}"
            dispositions = _dispositions(dispositions_path, snapshot.files, act_id, diagnostics)
            text, _ = _load_text(
                structure,
                [p for p in files if p != dispositions_path],
                snapshot,
                code.languages,
                cache,
                diagnostics,
                act=True,
            )
            if act_id not in acts:
                diagnostics.append(
                    rule("S006").at(
                        SourceLocation(structure if structure in files else files[0]),
                        msg(
                            "{folder}/ holds the text of an act that `acts:` in {code} does not list: "
                            "add `{act}` there, or remove the folder",
                            folder=ACTS_DIR + "/" + act_id,
                            code=CODE_FILE,
                            act=act_id,
                        ),
                    )
                )
            else:
                acts[act_id] = dataclasses.replace(acts[act_id], text=text, dispositions=dispositions)
        code = dataclasses.replace(
            code,
            acts=acts,
            reviews=_rounds(rounds, code.languages, diagnostics),
            amendments=_amendments(snapshot.files.get(AMENDMENTS_FILE), code.languages, diagnostics),
            note=_note(snapshot.files.get(NOTE_FILE), code.languages, diagnostics),
            conflicts=_conflicts(snapshot.files.get(CONFLICTS_FILE), diagnostics),
        )
    if cache is not None:
        cache.flush()
    unreadable.update(d.location.path.rpartition("/")[2].removesuffix(".md") for d in snapshot.problems)
    unreadable.update(path.rpartition("/")[2].removesuffix(".md") for path in snapshot.unread)
    return LoadResult(code, diagnostics, frozenset(unreadable - (code.articles.keys() if code else set())))


def _text_of(path: str) -> str | None:
    """Which text a file belongs to: "" for the Code, an act's id, or None for a stray file."""
    if path == CODE_FILE or (path.startswith(ARTICLES_DIR + "/") and path.count("/") == 2 and path.endswith(".md")):
        return ""
    pieces = path.split("/")
    if path.startswith(ACTS_DIR + "/") and len(pieces) >= 4:
        act_id = pieces[2]
        if len(pieces) == 4 and pieces[3] in (ACT_FILE, DISPOSITIONS_FILE):
            return act_id
        if len(pieces) == 5 and pieces[3] == "articles" and pieces[4].endswith(".md"):
            return act_id
    return None


def _dispositions(
    path: str, files: dict[str, bytes], act_id: str, diagnostics: list[Diagnostic]
) -> tuple[Disposition, ...]:
    """The act's ``dispositions.yaml`` (it is not an article)."""
    if path not in files:
        return ()
    decoded, problems = decode(path, files[path])
    diagnostics += problems
    if decoded is None:
        return ()
    diagnostics += character_diagnostics(path, decoded)
    from .parse.dispositions import parse_dispositions  # only an act with dispositions pays for it

    dispositions, problems = parse_dispositions(path, decoded, act_id)
    diagnostics += problems
    return dispositions


def read_register(snapshot: Snapshot) -> tuple[tuple[AmendmentRecord, ...], list[Diagnostic]]:
    """``code_text/amendments.yaml`` of ``snapshot`` alone, in the languages its code.yaml names:
    the laws, and what is wrong with the register."""
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    if CODE_FILE in snapshot.files:
        structure, _ = parse_structure(CODE_FILE, snapshot.files[CODE_FILE].decode("utf-8", "replace"))
        languages = structure.languages if structure is not None else languages
    diagnostics: list[Diagnostic] = []
    return _amendments(snapshot.files.get(AMENDMENTS_FILE), languages, diagnostics), diagnostics


def _amendments(
    data: bytes | None, languages: tuple[str, ...], diagnostics: list[Diagnostic]
) -> tuple[AmendmentRecord, ...]:
    if data is None:
        return ()
    decoded, problems = decode(AMENDMENTS_FILE, data)
    diagnostics += problems
    if decoded is None:
        return ()
    from .parse.laws_in_force import parse_amendments  # only a Code in force with a register pays for it

    records, problems = parse_amendments(AMENDMENTS_FILE, decoded, languages)
    diagnostics += problems
    return records


def _conflicts(data: bytes | None, diagnostics: list[Diagnostic]) -> tuple[ConflictDecision, ...]:
    if data is None:
        return ()
    decoded, problems = decode(CONFLICTS_FILE, data)
    diagnostics += problems
    if decoded is None:
        return ()
    diagnostics += character_diagnostics(CONFLICTS_FILE, decoded, look_alikes=False)
    from .parse.conflict_decisions import parse_decisions

    decisions, problems = parse_decisions(CONFLICTS_FILE, decoded)
    diagnostics += problems
    return decisions


def _note(
    data: bytes | None, languages: tuple[str, ...], diagnostics: list[Diagnostic]
) -> dict[str, dict[str, tuple[str, ...]]]:
    if data is None:
        return {}
    decoded, problems = decode(NOTE_FILE, data)
    diagnostics += problems
    if decoded is None:
        return {}
    diagnostics += character_diagnostics(NOTE_FILE, decoded, look_alikes=False)
    from .parse.justification_note import parse_note

    sections, problems = parse_note(NOTE_FILE, decoded, languages)
    diagnostics += problems
    return sections


def _rounds(
    files: dict[str, bytes], languages: tuple[str, ...], diagnostics: list[Diagnostic]
) -> tuple[ReviewRound, ...]:
    """The review rounds, by file name."""
    if not files:
        return ()
    from .parse.review_round import parse_round  # only a Code with a register pays for it

    found = []
    for path, data in sorted(files.items()):
        decoded, problems = decode(path, data)
        diagnostics += problems
        if decoded is None:
            continue
        diagnostics += character_diagnostics(path, decoded, look_alikes=False)
        review_round, problems = parse_round(path, decoded, languages)
        diagnostics += problems
        if review_round is not None:
            found.append(review_round)
    return tuple(found)


def _load_text(
    structure: str,
    paths: list[str],
    snapshot: Snapshot,
    code_languages: tuple[str, ...] | None,
    cache: ParseCache | None,
    diagnostics: list[Diagnostic],
    act: bool = False,
) -> tuple[Code | None, set[str]]:
    """The Code, or an act's text, from its structure file and its article files."""
    files = snapshot.files
    text: Code | None = None
    if structure in files:
        decoded, problems = decode(structure, files[structure])
        diagnostics += problems
        if decoded is not None:
            diagnostics += character_diagnostics(structure, decoded)
            text, problems = parse_structure(structure, decoded, act=act)
            diagnostics += problems
    elif act:
        diagnostics.append(
            rule("S006").at(
                SourceLocation(structure),
                msg("the act's folder has no {file} (its title, number, date, languages and structure)", file=ACT_FILE),
            )
        )
    languages = text.languages if text is not None else code_languages or DEFAULT_LANGUAGES
    articles_paths = [path for path in paths if path != structure]

    def key(path: str) -> tuple[str, str, tuple[str, ...]]:
        return (path, snapshot.deferred.get(path) or blob_id(files[path]), languages)

    if cache is not None:  # without one, load_code read every deferred file already
        cache.prefetch([key(path) for path in articles_paths])
        # A revision's files not read yet are read now, together, unless the cache knows their parse.
        diagnostics += snapshot.read(
            [path for path in articles_paths if path in snapshot.deferred and key(path) not in cache]
        )

    articles: dict[str, Article] = {}
    unreadable: set[str] = set()
    for path in articles_paths:
        if path not in files and path not in snapshot.deferred:  # refused when read: reported above
            unreadable.add(path.rpartition("/")[2].removesuffix(".md"))
            continue
        # Without a cache, no file is hashed: its id only serves as the cache's key.
        if cache is not None and key(path) in cache:
            article, problems = cache[key(path)]
        else:
            decoded, problems = decode(path, files[path])
            article = None
            if decoded is not None:
                article, parse_problems = parse_article(path, decoded, languages)
                problems = problems + character_diagnostics(path, decoded) + parse_problems
            if cache is not None:
                cache[key(path)] = (article, problems)
        diagnostics += problems
        if article is None:
            unreadable.add(path.rpartition("/")[2].removesuffix(".md"))
            continue
        articles[article.id] = article
    if text is not None:
        text = dataclasses.replace(text, articles=articles)
    return text, unreadable


_CHARACTER_RULES: dict[str, tuple[str, Callable[[Message], Message]]] = {
    "control": ("C001", lambda what: msg("{what}: Word and XML cannot hold it; delete it", what=what)),
    "invisible": (
        "C002",
        lambda what: msg("{what} is invisible and can change how the text reads or sorts; delete it", what=what),
    ),
    "mixed": (
        "C003",
        lambda what: msg(
            "{what}: a look-alike in a Kyrgyz or Russian word, which searches differently; retype it", what=what
        ),
    ),
    "decomposed": (
        "C003",
        lambda what: msg(
            "{what}: it looks the same and searches differently; retype it (`kodeks fmt` composes it)", what=what
        ),
    ),
}


_YAML_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abtnvfreN_LP\\\"/ ])")
"""An escape of a double-quoted YAML scalar: its letters are not the text's («\\nНовый» is a line
break and «Новый», not a word mixing Latin and Cyrillic). Blanked, offsets kept, for the scan."""


MAX_CHARACTER_FINDINGS = 20
"""Per rule and file: a file pasted with thousands of stray characters gets twenty findings and
a count, not a flood."""


def character_diagnostics(path: str, text: str, look_alikes: bool = True) -> list[Diagnostic]:
    """Control, invisible and look-alike characters of a file, each where it is written.
    ``look_alikes=False`` for a review round: what reviewers wrote is a record of their words,
    kept as written («Kодекс» with a Latin «K» included), not the Code's text (kodeks writes
    what XML cannot hold, and invisible characters, as escapes)."""
    found = []
    counts: Counter[str] = Counter()
    line_starts: list[int] = []
    scanned = (
        _YAML_ESCAPE.sub(lambda m: " " * len(m.group()), text) if path.endswith(".yaml") and "\\" in text else text
    )
    for kind, offset, what in characters.described_findings(scanned):
        if not look_alikes and kind in ("mixed", "decomposed"):
            continue
        counts[kind] += 1
        if counts[kind] > MAX_CHARACTER_FINDINGS + 1:
            continue
        if not line_starts:
            line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        line = bisect.bisect_right(line_starts, offset)
        location = SourceLocation(path, line, offset - line_starts[line - 1] + 1)
        code, message = _CHARACTER_RULES[kind]
        found.append(rule(code).at(location, message(what)))
    for kind, count in counts.items():  # the first finding past the limit stands for the rest
        if count > MAX_CHARACTER_FINDINGS:
            code, _ = _CHARACTER_RULES[kind]
            index = max(i for i, d in enumerate(found) if d.code == code)
            more = count - MAX_CHARACTER_FINDINGS
            found[index] = rule(code).at(
                found[index].location,
                plural(
                    "… and {number} more like it in this file",
                    "… and {number} more like it in this file",
                    more,
                    number=format(more, ","),
                ),
            )
    return found
