"""``code_text/justification-note.yaml``: the sections of the justification note only the
drafters can write, in each language of the Code.

aims:                      # 1. the aims and tasks
  ky: |
    Биринчи абзац.

    Экинчи абзац.
  ru: |
    Первый абзац.

    Второй абзац.
forecasts: {ky: "…", ru: "…"}   # 3. forecasts of consequences
financing: {ky: "…", ru: "…"}   # 6. the need for financing
impact: {ky: "…", ru: "…"}      # 7. the regulatory impact analysis

A blank line separates paragraphs. The sections kodeks writes from the repository (description,
discussion, conformity) may be given too: their text follows what kodeks writes. A section
given in one language only is a finding: the two authentic texts say the same thing.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..messages import msg
from ..yamlsafe import load_yaml
from .fields import FieldReader

SECTION_KEYS = ("aims", "description", "forecasts", "discussion", "conformity", "financing", "impact")
"""In the note's order (``render.justification_note.SECTIONS``)."""

NoteSections = dict[str, dict[str, tuple[str, ...]]]
"""Section key → language → paragraphs."""


def parse_note(path: str, text: str, languages: tuple[str, ...]) -> tuple[NoteSections, list[Diagnostic]]:
    document, diagnostics = load_yaml(path, text)
    if document is None or document.value is None:
        return {}, diagnostics
    reader = FieldReader(document, diagnostics)
    root = reader.mapping(document.value, (), msg("the justification note"))
    if root is None:
        return {}, diagnostics
    reader.check_keys(root, (), (), SECTION_KEYS, msg("the justification note"))
    sections: NoteSections = {}
    for key in SECTION_KEYS:
        texts = reader.text_per_language(root, (), key)
        for language in texts.keys() - set(languages):
            reader.report("Y006", (key, language), msg("`{language}` is not a language of the Code", language=language))
        missing = [language for language in languages if language not in texts]
        if texts and missing:
            reader.report(
                "Y009",
                (key,),
                msg(
                    "section `{key}` of the justification note has no {language} text: "
                    "both authentic texts say the same thing",
                    key=key,
                    language=missing[0],
                ),
            )
        paragraphs = {
            language: tuple(" ".join(block.split()) for block in texts[language].split("\n\n") if block.strip())
            for language in languages
            if language in texts
        }
        if paragraphs:
            sections[key] = paragraphs
    return sections, diagnostics
