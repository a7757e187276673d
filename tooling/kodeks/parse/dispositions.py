"""``code_text/acts/<id>/dispositions.yaml``: the provisions of an act the Code does not take over.

- provision: "17#2"        # article 17, part 2 ("17" for the whole article)
  reason: replaced         # obsolete | other-law | replaced | contradicts | stays
  by: art:settlements      # replaced, contradicts: the Code article(s), one or a list
  note: "…"                # optional, the working group's words
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..messages import msg
from ..model import Disposition, Reason, ReferenceTarget, TargetKind
from ..yamlsafe import YamlPath, load_yaml
from .fields import FieldReader
from .reference import parse_reference

_KEYS = ("provision", "reason", "by", "note")
NEEDS_ARTICLE = (Reason.REPLACED, Reason.CONTRADICTS)


def parse_dispositions(path: str, text: str, act_id: str) -> tuple[tuple[Disposition, ...], list[Diagnostic]]:
    document, diagnostics = load_yaml(path, text)
    if document is None or document.value is None:
        return (), diagnostics
    reader = FieldReader(document, diagnostics)
    if not isinstance(document.value, list):
        reader.report("Y006", (), msg("dispositions.yaml is a list of provisions, each `- provision: …`"))
        return (), diagnostics
    found = []
    for index, item in enumerate(document.value):
        path_: YamlPath = (index,)
        mapping = reader.mapping(item, path_, msg("a disposition"))
        if mapping is None:
            continue
        reader.check_keys(mapping, path_, ("provision", "reason"), _KEYS, msg("a disposition"))
        provision = parse_reference(f"act:{act_id}/{mapping.get('provision')}")
        if provision is None or provision.point is not None or provision.subpoint or provision.paragraph:
            reader.report(
                "Y006",
                path_ + ("provision",),
                msg(
                    '`provision: {provision}` names an article ("17") or a part of it ("17#2")',
                    provision=str(mapping.get("provision")),
                ),
            )
            continue
        try:
            reason = Reason(mapping.get("reason"))
        except ValueError:
            reader.report(
                "Y006",
                path_ + ("reason",),
                msg("`reason:` is one of: {choices}", choices=", ".join(r.value for r in Reason)),
            )
            continue
        by = _by(reader, mapping.get("by"), path_)
        if reason in NEEDS_ARTICLE and not by:
            reader.report(
                "Y006",
                path_ + ("by",),
                msg("`reason: {reason}` names the Code article: `by: art:ID`", reason=reason.value),
            )
        found.append(
            Disposition(provision, reason, by, reader.optional_text(mapping, path_, "note"), document.location(path_))
        )
    return tuple(found), diagnostics


def _by(reader: FieldReader, value: object, path: YamlPath) -> tuple[ReferenceTarget, ...]:
    values = value if isinstance(value, list) else [] if value is None else [value]
    targets = []
    for item in values:
        target = parse_reference(item) if isinstance(item, str) else None
        if target is None or target.kind is not TargetKind.ARTICLE:
            reader.report(
                "Y006", path + ("by",), msg("`by: {value}` must be a Code article, `art:ID`", value=str(item))
            )
            continue
        targets.append(target)
    return tuple(targets)
