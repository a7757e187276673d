"""The model's own logic: legal numbers, Roman numerals, reference targets."""

from __future__ import annotations

import pytest

from kodeks.model import LegalNumber, ReferenceTarget, TargetKind, references_text, roman
from kodeks.parse import parse_reference, parse_references


@pytest.mark.parametrize(
    ("text", "components"),
    [("1", (1,)), ("12", (12,)), ("12-1", (12, 1)), ("3-1-2", (3, 1, 2))],
)
def test_legal_numbers_parse(text: str, components: tuple[int, ...]) -> None:
    number = LegalNumber.parse(text)
    assert number == LegalNumber(components)
    assert str(number) == text


@pytest.mark.parametrize("text", ["0", "007", "12a", "12-", "-1", "12-0", "", "1.2", "１２"])
def test_malformed_numbers_are_refused(text: str) -> None:
    assert LegalNumber.parse(text) is None


def test_insertions_sort_between_their_neighbours() -> None:
    numbers = [LegalNumber.parse(t) for t in ["13", "12-1", "12", "12-2", "2"]]
    assert [str(n) for n in sorted(numbers)] == ["2", "12", "12-1", "12-2", "13"]  # type: ignore[type-var]


def test_successors_allow_no_gap() -> None:
    assert [str(n) for n in LegalNumber((12,)).successors()] == ["13", "12-1"]
    assert [str(n) for n in LegalNumber((12, 1)).successors()] == ["12-2", "13", "12-1-1"]


@pytest.mark.parametrize(
    ("value", "numeral"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (1994, "MCMXCIV")]
)
def test_roman_numerals(value: int, numeral: str) -> None:
    assert roman(value) == numeral


@pytest.mark.parametrize(
    ("href", "target"),
    [
        ("art:local-budget", ReferenceTarget(TargetKind.ARTICLE, "local-budget")),
        ("art:local-budget#2", ReferenceTarget(TargetKind.ARTICLE, "local-budget", LegalNumber((2,)))),
        ("art:x#2.3", ReferenceTarget(TargetKind.ARTICLE, "x", LegalNumber((2,)), LegalNumber((3,)))),
        ("art:x#.3", ReferenceTarget(TargetKind.ARTICLE, "x", None, LegalNumber((3,)))),
        ("art:x#3-1.2-1", ReferenceTarget(TargetKind.ARTICLE, "x", LegalNumber((3, 1)), LegalNumber((2, 1)))),
        ("ch:basics", ReferenceTarget(TargetKind.CHAPTER, "basics")),
        ("sec:general", ReferenceTarget(TargetKind.SECTION, "general")),
        ("act:lsg-law-2011", ReferenceTarget(TargetKind.ACT, "lsg-law-2011")),
        ("art:x#2.3.б", ReferenceTarget(TargetKind.ARTICLE, "x", LegalNumber((2,)), LegalNumber((3,)), "б")),
        ("art:x#.3.а", ReferenceTarget(TargetKind.ARTICLE, "x", None, LegalNumber((3,)), "а")),
        ("art:x#2.abz2", ReferenceTarget(TargetKind.ARTICLE, "x", LegalNumber((2,)), paragraph=2)),
        ("art:x#abz3", ReferenceTarget(TargetKind.ARTICLE, "x", paragraph=3)),
        ("act:law-123/17", ReferenceTarget(TargetKind.ACT, "law-123", article=LegalNumber((17,)))),
        (
            "act:law-123/12-1#1.2",
            ReferenceTarget(
                TargetKind.ACT, "law-123", LegalNumber((1,)), LegalNumber((2,)), article=LegalNumber((12, 1))
            ),
        ),
    ],
)
def test_reference_targets_round_trip(href: str, target: ReferenceTarget) -> None:
    assert parse_reference(href) == target
    assert str(target) == href


@pytest.mark.parametrize(
    ("href", "written"),
    [
        ("art:x#2,2-1", ["art:x#2", "art:x#2-1"]),
        ("art:x#2.3,2.4", ["art:x#2.3", "art:x#2.4"]),
        ("art:a,art:b#3", ["art:a", "art:b#3"]),
        ("art:x#2~6", ["art:x#2~6"]),
        ("art:a~art:c", ["art:a~art:c"]),
        ("art:x#1.2.а~1.2.в", ["art:x#1.2.а~1.2.в"]),
        ("act:law/5~act:law/7", ["act:law/5~act:law/7"]),
    ],
)
def test_plural_and_range_references_round_trip(href: str, written: list[str]) -> None:
    targets = parse_references(href)
    assert targets is not None
    assert [str(t) for t in targets] == written
    assert references_text(targets) == href


@pytest.mark.parametrize(
    "href",
    [
        "art:", "art:X", "art:x#", "art:x#a", "ch:x#2", "act:x#1", "art:x#2.", "art:x#02", "art:x y",
        "art:x/3", "art:x#2.3.й", "art:x#2.б", "art:x#abz0", "art:x#2~2", "art:x#2~ch:y", "art:x#1~2~3", "art:x,",
    ],
)  # fmt: skip
def test_malformed_reference_targets(href: str) -> None:
    assert parse_references(href) is None
