"""An amending law's word change carried out on a wording, one case per form and spacing: what
`kodeks amend` checks every instruction with, and what `--apply` writes."""

from __future__ import annotations

import pytest

from kodeks.edit.word_change import carry_out
from kodeks.instruction import Instruction, Op, UnitPath
from kodeks.model import LegalNumber

WHERE = UnitPath(LegalNumber.of(5), LegalNumber.of(2))
TEXT = "Совет решает вопросы местного значения, названные в главе 1."


def change(op: Op, old: str, new: str = "") -> Instruction:
    return Instruction(op, "ru", WHERE, old, new)


@pytest.mark.parametrize(
    ("instruction", "result"),
    [
        (
            change(Op.REPLACE, "вопросы", "все вопросы"),
            "Совет решает все вопросы местного значения, названные в главе 1.",
        ),
        # A deletion takes one space with it: the one after, or before a sign that follows.
        (change(Op.DELETE, "местного"), "Совет решает вопросы значения, названные в главе 1."),
        (change(Op.DELETE, "Совет"), "решает вопросы местного значения, названные в главе 1."),
        (change(Op.DELETE, "значения"), "Совет решает вопросы местного, названные в главе 1."),
        (change(Op.DELETE, "в главе 1"), "Совет решает вопросы местного значения, названные."),
        # Words added after words are set off by a space, signs are not.
        (change(Op.INSERT_AFTER, "решает", "все"), "Совет решает все вопросы местного значения, названные в главе 1."),
        (
            change(Op.INSERT_AFTER, "значения", ", в том числе"),
            "Совет решает вопросы местного значения, в том числе, названные в главе 1.",
        ),
        (
            change(Op.INSERT_BEFORE, "Совет", "Местный"),
            "Местный Совет решает вопросы местного значения, названные в главе 1.",
        ),
        # The unit's last sign, by name.
        (change(Op.REPLACE, ".", ";"), "Совет решает вопросы местного значения, названные в главе 1;"),
        # Words that are not there once are no change.
        (change(Op.REPLACE, "кенеш", "совет"), None),
        (change(Op.DELETE, "в"), None),  # «в» stands in «вопросы» and alone: more than once
        (change(Op.REPLACE, ";", "."), None),  # the text does not end with «;»
        (change(Op.REPLACE, "", "все"), None),
        (change(Op.RESTATE, "Совет", "Кенеш"), None),  # not a word change
    ],
)
def test_a_word_change_is_carried_out_exactly(instruction: Instruction, result: str | None) -> None:
    assert carry_out(TEXT, instruction) == result


@pytest.mark.parametrize(
    ("text", "instruction", "result"),
    [
        # The last sign by name, where the text holds others like it.
        ("Согласно ст. 5 закона.", change(Op.REPLACE, ".", ";"), "Согласно ст. 5 закона;"),
        # Words deleted inside brackets, and at the very end: no space left over, none eaten.
        ("Совет (местный) решает.", change(Op.DELETE, "местный"), "Совет () решает."),
        ("Совет решает", change(Op.DELETE, "решает"), "Совет"),
    ],
)
def test_a_word_change_at_the_edges_of_a_wording(text: str, instruction: Instruction, result: str) -> None:
    assert carry_out(text, instruction) == result
