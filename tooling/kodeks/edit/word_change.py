"""An amending law's word change carried out on a text: words replaced, deleted, added after or
before words, or the unit's last sign replaced by name. ``kodeks amend`` checks each instruction
it writes with this, and ``--apply`` carries it out with it."""

from __future__ import annotations

from .. import wording
from ..instruction import Instruction, Op


def carry_out(text: str, instruction: Instruction) -> str | None:
    """``text`` with a word instruction carried out; None when its words do not occur exactly
    once. Inserted words are set off by one space (none before punctuation); deleted words take
    one neighbouring space with them."""
    old, new = instruction.old, instruction.new
    if wording.is_mark(old):  # «точку заменить точкой с запятой»: the unit's last sign
        return text[: -len(old)] + new if text.endswith(old) else None
    if not old or text.count(old) != 1:
        return None
    at = text.index(old)
    before, after = text[:at], text[at + len(old) :]
    if instruction.op is Op.REPLACE:
        return before + new + after
    if instruction.op is Op.DELETE:
        if after.startswith(" ") and (not before or before.endswith(" ")):
            after = after[1:]
        elif before.endswith(" ") and (not after or after[0] in ",.;:)»"):
            before = before[:-1]
        return before + after
    if instruction.op is Op.INSERT_AFTER:
        return before + old + ("" if new[:1] in ",.;:)" else " ") + new + after
    if instruction.op is Op.INSERT_BEFORE:
        return before + new + " " + old + after
    return None
