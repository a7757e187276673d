"""References an act makes to itself, found in its plain text: «части 2 статьи 5 настоящего
Закона», «пунктом 3 части 1 настоящей статьи», «ушул Мыйзамдын 5-беренесинин 2-бөлүгүндө».

Used by ``kodeks import`` to turn them into links. A citation becomes targets only when it is
unambiguous: it says it cites this act (or this article), every number has its role, at most one
role has several numbers, and every unit it names exists. The rest stay words and are listed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .. import citation
from ..model import LegalNumber, ReferenceTarget, TargetKind

_TOKEN = re.compile(r"\S+")
_RU_SELF = re.compile(r"настоящ(?:его|ей)\s+(Закона|Кодекса|статьи|части|пункта)")
_KY_SELF = re.compile(r"[Уу]шул\s+(Мыйзамдын|Кодекстин|берененин|бөлүктүн|пункттун)")
_UNIT_OWN = {"части", "пункта", "бөлүктүн", "пункттун"}
"""«пунктах 1 и 2 настоящей части»: the part the words stand in, which the import does not link
yet; listed (I002), never half-linked."""
_RU_PIECE = re.compile(
    r"(?i)(?:абзац|подпункт|пункт|част|стать|стате)\w*|\d+(?:-\d+)*[⁰¹²³⁴⁵⁶⁷⁸⁹]*[,–—]?|[«\"]?[а-я][»\"]?\)?"
    r"|и|или|,|[–—-]"
    r"|(?:перв|втор|трет|четв|пят|шест|седьм|восьм|девят|десят)\w*"
)
"""A word of a citation: role words, numbers, letters, ordinals (so that «абзаце первом пункта 1»
is read whole, as a citation of an абзац, and not as «пункта 1»), and the words between."""
_KY_WORD = re.compile(
    r"(?i)[«\"]?[а-я][»\"]?|пунктча\w*|абзац\w*"
    r"|биринчи|экинчи|үчүнчү|төртүнчү|бешинчи|алтынчы|жетинчи|сегизинчи|тогузунчу|онунчу"
)
_KY_PIECE = re.compile(r"(?i)\d+(?:-\d+)*[⁰¹²³⁴⁵⁶⁷⁸⁹]*(?:-\w+)?,?|жана|же|[–—-]|\d+[–—]\d+(?:-\w+)?")


@dataclass(frozen=True, slots=True)
class Citation:
    start: int
    end: int
    """The span of the words to link (the «настоящего Закона» part stays outside)."""
    targets: tuple[ReferenceTarget, ...] | None
    """None when the citation is ambiguous or names a unit that does not exist."""


Exists = Callable[[ReferenceTarget], bool]


def find_citations(
    text: str, language: str, own_article: str, article_id: Callable[[str], str | None], exists: Exists
) -> list[Citation]:
    """Self-citations in ``text``: ``article_id`` maps an article number to its id; ``exists``
    says whether a target's unit exists."""
    found = []
    if language == "ru":
        for tail in _RU_SELF.finditer(text):
            start = _chain_start(text, tail.start())
            if start is None:
                continue
            words = text[start : tail.start()].rstrip()
            own = tail.group(1) == "статьи"
            targets = (
                None if tail.group(1) in _UNIT_OWN else _targets(words, language, own, own_article, article_id, exists)
            )
            found.append(Citation(start, start + len(words), targets))
    else:
        for head in _KY_SELF.finditer(text):
            end = _chain_end(text, head.end())
            if end is None:
                continue
            own = head.group(1) == "берененин"
            words = text[head.end() : end].strip()
            start = text.index(words, head.end())
            targets = (
                None if head.group(1) in _UNIT_OWN else _targets(words, language, own, own_article, article_id, exists)
            )
            found.append(Citation(start, start + len(words), targets))
    return found


def _chain_start(text: str, tail_start: int) -> int | None:
    """Where the run of citation words before ``tail_start`` begins (at a role word)."""
    tokens = [m for m in _TOKEN.finditer(text, 0, tail_start)]
    start = None
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if not _RU_PIECE.fullmatch(token.group(0)):
            break
        if index and re.match(r"(?i)настоящ", tokens[index - 1].group(0)):
            break  # «… настоящей статьи и частью 2 статьи 5»: that «статьи» closes another citation
        if re.match(r"(?i)(?:абзац|подпункт|пункт|част|стат)", token.group(0)):
            start = token.start()
    return start


def _chain_end(text: str, head_end: int) -> int | None:
    end = None
    for token in _TOKEN.finditer(text, head_end):
        word = token.group(0).rstrip(".;:")
        if not _KY_PIECE.fullmatch(word) and not _KY_WORD.fullmatch(word):
            break
        if re.search(r"-(?:берене|бөлү|пункт)", word) or word.lower().startswith(("пунктча", "абзац")):
            end = token.start() + len(word)
    return end


def _targets(
    words: str, language: str, own: bool, own_article: str, article_id: Callable[[str], str | None], exists: Exists
) -> tuple[ReferenceTarget, ...] | None:
    mentions = citation.read(words, language)
    by_role: dict[str, list[citation.Value]] = {}
    for mention in mentions:
        if not mention.values:
            return None
        by_role.setdefault(mention.role, []).extend(mention.values)
    if not by_role or "paragraph" in by_role or "chapter" in by_role or "section" in by_role:
        return None
    if citation.out_of_order(mentions, language):
        return None
    plural = [role for role, values in by_role.items() if len(values) > 1]
    if len(plural) > 1:
        return None
    if "article" in by_role:
        if own:
            return None  # «статьи 5 настоящей статьи» cannot be read
        ids = [article_id(v.text) for v in by_role["article"]]
        if any(i is None for i in ids):
            return None
    elif own:
        ids = [own_article]
    else:
        return None  # «настоящего Закона» with no article: the whole act, not a unit
    targets: list[ReferenceTarget] = []
    varying = plural[0] if plural else None
    count = len(by_role[varying]) if varying else 1
    for index in range(count):
        values = {role: (vals[index] if role == varying else vals[0]) for role, vals in by_role.items()}
        unit = ids[index] if varying == "article" else ids[0]
        target = ReferenceTarget(
            TargetKind.ARTICLE,
            unit or own_article,
            LegalNumber.parse(values["part"].text) if "part" in values else None,
            LegalNumber.parse(values["point"].text) if "point" in values else None,
            values["subpoint"].text if "subpoint" in values else None,
        )
        if ("part" in values and target.part is None) or ("point" in values and target.point is None):
            return None
        if not exists(target):
            return None
        if varying is not None and index > 0 and values[varying].ends_range:
            targets[-1] = replace(targets[-1], through=target)
        else:
            targets.append(target)
    return tuple(targets)


def segments(text: str, citations: Sequence[Citation]) -> list[tuple[str, tuple[ReferenceTarget, ...] | None]]:
    """``text`` cut into plain pieces and linked pieces, in order."""
    out: list[tuple[str, tuple[ReferenceTarget, ...] | None]] = []
    position = 0
    for found in sorted(citations, key=lambda c: c.start):
        if found.targets is None or found.start < position:
            continue
        if found.start > position:
            out.append((text[position : found.start], None))
        out.append((text[found.start : found.end], found.targets))
        position = found.end
    if position < len(text):
        out.append((text[position:], None))
    return out
