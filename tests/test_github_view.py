"""What GitHub shows of an article file is what kodeks reads: compared with cmark-gfm, the
renderer GitHub uses, on articles in force with inserted parts and points."""

from __future__ import annotations

import re

import pytest

from kodeks import check

from .conftest import BASE_FILES, YAML, A, github_html
from .test_fuzz import snapshot

IN_FORCE = BASE_FILES[YAML].replace("stage: draft", "stage: in-force")


def kenesh_with_inserted_part(blank_lines: bool) -> str:
    text = BASE_FILES[A + "kenesh.md"]
    for first, second in (
        ("\n2. Кеңеш", "1-1. Кеңеш жаңы бөлүккө ылайык иштейт."),
        ("\n2. Кенеш", "1-1. Кенеш действует по новой части."),
    ):
        gap = "\n\n" if blank_lines else "\n"
        text = text.replace(first, f"{gap}{second}{gap}{first.lstrip()}")
    return text


@pytest.mark.parametrize("blank_lines", [False, True], ids=["tight", "set-off"])
def test_kodeks_warns_exactly_where_github_shows_an_inserted_part_inside_its_neighbour(blank_lines: bool) -> None:
    text = kenesh_with_inserted_part(blank_lines)
    result = check(snapshot({YAML: IN_FORCE, A + "kenesh.md": text}))
    assert [d for d in result.diagnostics if d.is_error] == []
    warned = sorted(d.location.line for d in result.diagnostics if d.code == "M001")
    body = text[text.index("## ky") :]
    shown = github_html(body)
    # GitHub shows the inserted part as its own block exactly when its number opens a paragraph.
    own_block = all(re.search(rf"<p>{re.escape(n)}", shown) for n in ("1-1. Кеңеш", "1-1. Кенеш"))
    mid_sentence = "ылайык иштейт.\n1-1." in shown or "настоящей статьи.\n1-1." in shown
    assert own_block == blank_lines and mid_sentence != blank_lines
    assert (warned == []) == blank_lines
    if not blank_lines:  # before each inserted part and before the part after it, in both languages
        assert len(warned) == 4


def test_fmt_sets_off_inserted_units_so_github_shows_each_as_its_own_block() -> None:
    from kodeks.edit import format_text

    tight = kenesh_with_inserted_part(blank_lines=False)
    formatted = format_text(A + "kenesh.md", tight)
    assert formatted == kenesh_with_inserted_part(blank_lines=True)
    assert format_text(A + "kenesh.md", formatted) == formatted
    result = check(snapshot({YAML: IN_FORCE, A + "kenesh.md": formatted}))
    assert [d for d in result.diagnostics if d.code == "M001" or d.is_error] == []
