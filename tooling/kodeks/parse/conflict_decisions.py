"""``code_text/conflicts.yaml``: the drafters' decisions on what ``kodeks conflicts`` found.

- finding: term-differs/3f9a0c12de     # the id the report prints
  decision: resolved                   # resolved | kept | not-a-conflict
  by: basic-concepts                   # for resolved: the Code article that settles it
  reason: "Кодекс дает одно определение."
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..messages import msg
from ..model import Code, ConflictDecision, Resolution
from ..rules import rule
from ..yamlsafe import YamlPath, load_yaml
from .fields import FieldReader

_KEYS = ("finding", "decision", "by", "reason")
_FINDING = re.compile(r"[a-z-]+/[0-9a-f]{10}")


def decision_problems(code: Code) -> Iterator[Diagnostic]:
    """Across the file and the Code: ``by:`` names an article, one decision per finding, a reason."""
    seen: set[str] = set()
    for decision in code.conflicts:
        if decision.finding in seen:
            yield rule("K002").at(decision.location, msg("`{id}` is decided twice", id=decision.finding))
        seen.add(decision.finding)
        if decision.by is not None and decision.by not in code.articles:
            yield rule("K001").at(
                decision.location,
                msg(
                    "`{id}` is resolved by `{by}`, and the Code has no such article",
                    id=decision.finding,
                    by=decision.by,
                ),
            )
        if not decision.reason:
            yield rule("K003").at(
                decision.location,
                msg(
                    "`{id}` is `{decision}` without a `reason:`: say why, for whoever reads the report next",
                    id=decision.finding,
                    decision=decision.resolution.value,
                ),
            )


def parse_decisions(path: str, text: str) -> tuple[tuple[ConflictDecision, ...], list[Diagnostic]]:
    document, diagnostics = load_yaml(path, text)
    if document is None or document.value is None:
        return (), diagnostics
    reader = FieldReader(document, diagnostics)
    if not isinstance(document.value, list):
        reader.report("Y006", (), msg("conflicts.yaml is a list of decisions, each `- finding: …`"))
        return (), diagnostics
    found = []
    for index, item in enumerate(document.value):
        where: YamlPath = (index,)
        mapping = reader.mapping(item, where, msg("a decision"))
        if mapping is None:
            continue
        reader.check_keys(mapping, where, ("finding", "decision"), _KEYS, msg("a decision"))
        finding = mapping.get("finding")
        if not isinstance(finding, str) or not _FINDING.fullmatch(finding):
            if "finding" in mapping:
                reader.report(
                    "Y006",
                    where + ("finding",),
                    msg("`finding:` is an id `kodeks conflicts` prints, e.g. term-differs/3f9a0c12de"),
                )
            continue
        resolution = reader.choice(mapping, where, "decision", Resolution)
        if resolution is None:
            continue
        by = reader.optional_text(mapping, where, "by")
        if resolution is Resolution.RESOLVED and by is None:
            reader.report("Y005", where, msg("a `resolved` finding names the Code article that settles it: `by:`"))
        found.append(
            ConflictDecision(
                finding, resolution, by, reader.optional_text(mapping, where, "reason"), reader.document.location(where)
            )
        )
    return tuple(found), diagnostics
