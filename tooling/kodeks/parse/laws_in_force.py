"""``code_text/amendments.yaml``: the laws that made and amended the text in force.

- number: "45"                 # the law that adopted the Code comes first
  adopted: 2026-06-20
  in-force: 2027-01-01
  title: {ky: "…", ru: "…"}
  revision: adopted            # the tag or commit that carries the text as this law made it
- number: "12"
  adopted: 2027-03-01
  in-force: 2027-03-11
  title: {ky: "…", ru: "…"}
  revision: amendment-12
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..messages import msg
from ..model import AmendmentRecord
from ..yamlsafe import YamlPath, load_yaml
from .fields import FieldReader

_KEYS = ("number", "adopted", "in-force", "title", "revision")


def parse_amendments(
    path: str, text: str, languages: tuple[str, ...]
) -> tuple[tuple[AmendmentRecord, ...], list[Diagnostic]]:
    document, diagnostics = load_yaml(path, text)
    if document is None or document.value is None:
        return (), diagnostics
    reader = FieldReader(document, diagnostics)
    if not isinstance(document.value, list):
        reader.report("Y006", (), msg("amendments.yaml is a list of laws, each `- number: …`"))
        return (), diagnostics
    found = []
    for index, item in enumerate(document.value):
        where: YamlPath = (index,)
        mapping = reader.mapping(item, where, msg("a law"))
        if mapping is None:
            continue
        reader.check_keys(mapping, where, _KEYS, _KEYS, msg("a law"))
        number, revision = mapping.get("number"), mapping.get("revision")
        adopted, in_force = reader.date(mapping, where, "adopted"), reader.date(mapping, where, "in-force")
        if isinstance(number, int) and not isinstance(number, bool):
            number = str(number)
        if not isinstance(number, str) or not isinstance(revision, str) or adopted is None or in_force is None:
            if "revision" in mapping and not isinstance(revision, str):
                reader.report(
                    "Y006", where + ("revision",), msg("`revision:` is the tag or commit that carries the law's text")
                )
            continue
        if in_force < adopted:
            reader.report(
                "Y006", where + ("in-force",), msg("a law enters into force on or after the day it is adopted")
            )
        titles = reader.titles(mapping, where, languages, msg("law № {number}", number=number))
        found.append(AmendmentRecord(number, adopted, in_force, titles, revision, document.location(where)))
    ordered = tuple(sorted(found, key=lambda record: (record.in_force, record.adopted)))
    return ordered, diagnostics
