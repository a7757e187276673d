"""Every validation rule: its code, severity and the drafter's fix, in one table.

CONTRIBUTING.md documents each rule; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Diagnostic, Severity, SourceLocation
from .messages import Message, verbatim


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    summary: str

    def at(self, location: SourceLocation, message: Message | str) -> Diagnostic:
        return Diagnostic(
            self.severity, self.code, verbatim(message) if isinstance(message, str) else message, location
        )


_E, _W, _N = Severity.ERROR, Severity.WARNING, Severity.NOTICE

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        # Files
        Rule("F001", _E, "file is not valid UTF-8"),
        Rule("F002", _E, "file is larger than 1 MiB"),
        Rule("F003", _E, "symlink, submodule or other non-regular file (never followed)"),
        Rule("F004", _W, "stray file in code_text/ that kodeks does not read"),
        Rule("I001", _E, "a line of an act being imported that could not be placed"),
        Rule("I002", _W, "a reference of an act being imported to itself, kept as words"),
        Rule("L001", _E, "a line of an amending law being applied that could not be read"),
        # Characters
        Rule("C001", _E, "control character (Word and XML cannot hold it)"),
        Rule("C002", _W, "invisible or direction-changing character"),
        Rule("C003", _W, "word mixes Cyrillic with letters of another script, or a letter written decomposed"),
        # Front matter and code.yaml
        Rule("Y001", _E, "front matter missing or not closed"),
        Rule("Y002", _E, "YAML syntax error"),
        Rule("Y003", _E, "YAML anchors and aliases are refused"),
        Rule("Y004", _E, "YAML document is not a mapping"),
        Rule("Y005", _E, "required key missing"),
        Rule("Y006", _E, "value has the wrong type or is not allowed"),
        Rule("Y007", _W, "unknown key"),
        Rule("Y008", _E, "article id does not equal the file name"),
        Rule("Y009", _E, "title missing or empty for a language"),
        Rule("Y010", _E, "id is not lowercase-words-with-hyphens"),
        Rule("Y011", _E, "front matter larger than 64 KiB"),
        Rule("Y012", _E, "a title holds HTML or Markdown markup"),
        Rule("Y013", _E, "a law in amendments.yaml names a revision the repository does not have"),
        # Structure
        Rule("S001", _E, "article listed in code.yaml has no file"),
        Rule("S002", _E, "article file not listed in code.yaml"),
        Rule("S003", _E, "article listed more than once in code.yaml"),
        Rule("S004", _E, "id used twice"),
        Rule("S005", _E, "code.yaml must have either sections or chapters"),
        Rule("S006", _E, "an act's text without its entry in `acts:` or without its act.yaml"),
        Rule("S007", _E, "an act's text that is not in force or records no number and date"),
        Rule("D001", _E, "a disposition that names a provision or Code article that does not exist"),
        Rule("D002", _W, "a provision both absorbed by the Code and declared not transferred"),
        # The comment register
        Rule("V001", _E, "a comment about a unit the Code no longer has"),
        Rule("V002", _E, "two comments with one id"),
        Rule("V003", _W, "a decision on a comment without the drafters' reason"),
        # Decisions on contradictions and gaps
        Rule("K001", _E, "a finding resolved by a Code article that does not exist"),
        Rule("K002", _E, "two decisions on one finding"),
        Rule("K003", _W, "a decision on a finding without the drafters' reason"),
        Rule("K004", _E, "`definitions:` names an article the text does not have"),
        # Numbering
        Rule("N001", _E, "section number does not follow the structure"),
        Rule("N002", _E, "chapter number does not follow the structure"),
        Rule("N003", _E, "article number does not follow the structure"),
        Rule("N004", _E, "parts not numbered in sequence"),
        Rule("N005", _E, "points not numbered in sequence"),
        Rule("N006", _E, "insertion number (12-1) in the draft stage"),
        Rule("N007", _E, "malformed number"),
        Rule("N008", _E, "repealed article in the draft stage"),
        Rule("N009", _E, "subpoint letters not in sequence"),
        Rule("N010", _E, "notes not numbered in sequence"),
        Rule("N011", _W, "an inserted number (3-1) after the last unit: an addition at the end continues the sequence"),
        # Body
        Rule("B001", _E, "language section missing"),
        Rule("B002", _E, "language section appears twice"),
        Rule("B003", _E, "language sections out of order"),
        Rule("B004", _E, "text outside a language section, or an unknown language"),
        Rule("B005", _E, "language section is empty"),
        Rule("B006", _E, "markup the Code does not use"),
        Rule("B007", _E, "points directly in an article that has parts"),
        Rule("B008", _E, "list marker in the wrong place"),
        Rule("B009", _E, "repealed article still has text"),
        Rule("B010", _E, "a part, point or subpoint marker folded into the paragraph above"),
        Rule("B011", _E, "a subpoint outside a point"),
        Rule("B012", _E, "a paragraph outside the parts of an article that has parts, or between two points"),
        Rule("B013", _W, "the placeholder `kodeks new` writes, still in place of the text"),
        # What GitHub shows
        Rule("M001", _W, "GitHub would show an inserted unit inside its neighbour"),
        Rule("M002", _N, "GitHub cannot show what an inserted unit holds inside it (no layout can)"),
        # References
        Rule("R001", _E, "malformed reference target"),
        Rule("R002", _E, "reference to an unknown article, chapter or section"),
        Rule("R003", _E, "reference to a part, point, subpoint or paragraph the target does not have"),
        Rule("R004", _E, "link text does not carry the target's numbers in their roles and order"),
        Rule("R005", _W, "reference to a repealed article"),
        Rule("R006", _E, "unknown act"),
        Rule("R007", _E, "a range written with a hyphen, which reads as an inserted number"),
        Rule("R008", _E, "a range whose ends are not units of one kind in legal order"),
        # Parity of languages
        Rule("P001", _E, "parts, points, subpoints, paragraphs or notes differ between languages"),
        Rule("P002", _E, "references differ between languages"),
    )
}


def rule(code: str) -> Rule:
    return RULES[code]


RENUMBER_FIXES = frozenset({"N001", "N002", "N003", "R004"})
"""What `kodeks renumber` rewrites: numbers from the structure, and the wording of references
(R004 where the wording names the stale number unambiguously); any other error stops it."""
