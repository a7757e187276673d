"""Validation rules beyond the corpus: the in-force stage, references, exact messages."""

from __future__ import annotations

import pytest

from kodeks import check
from kodeks.store.worktree import read_worktree

from .conftest import BASE_FILES, YAML, A, WriteCode


def messages(root) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(d) for d in check(read_worktree(root)).diagnostics]


INSERTED = """\
---
id: inserted
number: 2-1
title: {ky: "Кошумча берене", ru: "Дополнительная статья"}
status: draft
---

## ky

1. Ушул Кодекстин [2-беренесинин 1-пунктунда](art:concepts#.1) жана [3-берененин 1-1-бөлүгүндө](art:kenesh#1-1) аталган.

## ru

1. Указанные в [пункте 1 статьи 2](art:concepts#.1) и [части 1-1 статьи 3](art:kenesh#1-1) настоящего Кодекса.
"""

REPEALED = """\
---
id: old-rule
number: 4
title: {ky: "Эски эреже", ru: "Старое правило"}
status: repealed
---
"""


def in_force_code(code_dir: WriteCode) -> dict[str, str | bytes | None]:
    return {
        YAML: BASE_FILES[YAML]
        .replace("stage: draft", "stage: in-force")
        .replace("articles: [subject, concepts]", "articles: [subject, concepts, inserted]")
        .replace("articles: [kenesh]", "articles: [kenesh, old-rule]"),
        A + "inserted.md": INSERTED,
        A + "old-rule.md": REPEALED,
        A + "kenesh.md": BASE_FILES[A + "kenesh.md"]
        .replace("2. Кеңеш", "\n1-1. Кошумча бөлүк.\n\n2. Кеңеш")  # set off, as GitHub needs (M001)
        .replace("2. Кенеш", "\n1-1. Дополнительная часть.\n\n2. Кенеш"),
    }


def test_in_force_insertions_and_repealed_articles_are_valid(code_dir: WriteCode) -> None:
    assert messages(code_dir(in_force_code(code_dir))) == []


def test_the_same_insertions_in_a_draft_are_refused(code_dir: WriteCode) -> None:
    files = in_force_code(code_dir)
    files[YAML] = str(files[YAML]).replace("stage: in-force", "stage: draft")
    found = messages(code_dir(files))
    assert (
        f"{A}inserted.md:3:9: N006 article `inserted` is numbered 2-1: insertion numbers exist only once the Code is in force; in a draft, number continuously"
        in found
    )
    assert (
        f"{A}old-rule.md:5:9: N008 an article is repealed only once the Code is in force; in a draft, remove it instead"
        in found
    )
    assert (
        f"{A}kenesh.md:13:1: N006 this part is numbered 1-1: insertion numbers exist only once the Code is in force; in a draft, number continuously"
        in found
    )


def test_in_force_gap_names_what_may_come(code_dir: WriteCode) -> None:
    files = in_force_code(code_dir)
    files[A + "inserted.md"] = INSERTED.replace("number: 2-1", "number: 2-2")
    assert messages(code_dir(files)) == [
        f"{A}inserted.md:3:9: N003 article `inserted` is numbered 2-2; after 2 comes 3 or 2-1 (numbers in force never skip)"
    ]


def test_reference_to_a_repealed_article_is_a_warning(code_dir: WriteCode) -> None:
    files = in_force_code(code_dir)
    files[A + "inserted.md"] = INSERTED.replace(
        "(art:concepts#.1) жана", "(art:concepts#.1) жана [4-берене](art:old-rule) жана"
    ).replace("(art:concepts#.1) и", "(art:concepts#.1) и [статья 4](art:old-rule) и")
    result = check(read_worktree(code_dir(files)))
    assert [(d.code, d.severity.value, str(d.message)) for d in result.diagnostics] == [
        ("R005", "warning", "article 4 (`old-rule`) is repealed"),
        ("R005", "warning", "article 4 (`old-rule`) is repealed"),
    ]
    assert result.errors == 0


def test_stale_number_after_an_insertion_in_a_draft(code_dir: WriteCode) -> None:
    """Inserting an article before `kenesh` makes it article 4: «статье 3» is now stale."""
    files = {
        YAML: BASE_FILES[YAML].replace("articles: [subject, concepts]", "articles: [subject, concepts, inserted]"),
        A + "inserted.md": INSERTED.replace("number: 2-1", "number: 3")
        .replace(" жана [3-берененин 1-1-бөлүгүндө](art:kenesh#1-1)", "")
        .replace(" и [части 1-1 статьи 3](art:kenesh#1-1)", ""),
        A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: 4"),
    }
    assert messages(code_dir(files)) == [
        f"{A}concepts.md:12:24: R004 link text «3-беренеде» names article 3 where the link points to article 4 (`art:kenesh`): update the wording",
        f"{A}concepts.md:19:39: R004 link text «статье 3» names article 3 where the link points to article 4 (`art:kenesh`): update the wording",
    ]


def test_self_reference_needs_no_own_number(code_dir: WriteCode) -> None:
    # kenesh.md refers to its own part 2 as «части 2 настоящей статьи»: no article number needed.
    assert "(art:kenesh#2) настоящей статьи" in BASE_FILES[A + "kenesh.md"]
    assert messages(code_dir()) == []


def test_kyrgyz_insertion_forms_carry_their_number(code_dir: WriteCode) -> None:
    files = in_force_code(code_dir)
    files[A + "concepts.md"] = (
        BASE_FILES[A + "concepts.md"]
        .replace("[3-беренеде](art:kenesh)", "[2-1-беренеде](art:inserted)")
        .replace("[статье 3](art:kenesh)", "[статье 2-1](art:inserted)")
    )
    assert messages(code_dir(files)) == []
    files[A + "concepts.md"] = str(files[A + "concepts.md"]).replace("[2-1-беренеде]", "[2-беренеде]")
    assert messages(code_dir(files)) == [
        f"{A}concepts.md:12:24: R004 link text «2-беренеде» names article 2 where the link points to article 2-1 (`art:inserted`): update the wording"
    ]


def test_point_reference_into_an_article_with_parts_must_name_the_part(code_dir: WriteCode) -> None:
    files = {
        A + "concepts.md": BASE_FILES[A + "concepts.md"]
        .replace("(art:kenesh)", "(art:subject#.1)")
        .replace("[статье 3]", "[пункте 1 статьи 1]")
        .replace("[3-беренеде]", "[1-берененин 1-пунктунда]")
    }
    assert messages(code_dir(files)) == [
        f"{A}concepts.md:12:24: R003 article 1 (`subject`) has no point 1 outside its parts (write art:subject#PART.1)",
        f"{A}concepts.md:19:39: R003 article 1 (`subject`) has no point 1 outside its parts (write art:subject#PART.1)",
    ]


def test_the_seed_code_passes_strict_validation() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    result = check(read_worktree(root))
    assert result.diagnostics == []
    assert result.code is not None
    assert len(result.code.articles) >= 12
    assert len(result.code.chapters) >= 10


def test_assert_validates_raises_with_every_diagnostic(code_dir: WriteCode) -> None:
    import pytest

    from kodeks import InvalidCodeError, assert_validates, load_code

    loaded = load_code(
        read_worktree(code_dir({A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: 4")}))
    )
    assert loaded.code is not None
    with pytest.raises(InvalidCodeError) as raised:
        assert_validates(loaded.code, loaded.diagnostics)
    assert [d.code for d in raised.value.diagnostics] == ["N003"]
    assert str(raised.value).startswith("the Code has 1 error; first: code_text/articles/kenesh.md:3:9: N003 ")


def test_an_unknown_article_id_in_a_reference_suggests_the_nearest(code_dir: WriteCode) -> None:
    root = code_dir({A + "concepts.md": BASE_FILES[A + "concepts.md"].replace("(art:kenesh);", "(art:kenes);")})
    assert f"{A}concepts.md:19:39: R002 no article `kenes`; did you mean `kenesh`?" in messages(root)


def test_the_commonest_yaml_slips_say_how_to_fix_them(code_dir: WriteCode) -> None:
    tab = BASE_FILES[A + "kenesh.md"].replace("number: 3\n", "\tnumber: 3\n")
    assert any("replace the tab by spaces" in m for m in messages(code_dir({A + "kenesh.md": tab})))
    colon = BASE_FILES[A + "kenesh.md"].replace("status: draft", "status: draft\nnotes: Обсудить: на семинаре")
    assert any("put the value in quotes" in m for m in messages(code_dir({A + "kenesh.md": colon})))


def test_p001_says_the_structure_of_both_languages_readably(code_dir: WriteCode) -> None:
    subject = BASE_FILES[A + "subject.md"].replace("   2) айыл окмоту.", "   2) айыл окмоту;\n   3) мэриям.")
    found = [m for m in messages(code_dir({A + "subject.md": subject})) if " P001 " in m]
    assert found == [
        f"{A}subject.md:17:1: P001 «## ru» has parts 1., 2. with 3 points 1)–3) "
        "but «## ky» has parts 1., 2. with 2 points 1)–2)"
    ]


@pytest.mark.parametrize(
    ("yaml_text", "finding"),
    [
        (
            "id: x\n\tstage: draft\n",
            "x.yaml:2:1: Y002 YAML syntax error: a tab in the indentation: "
            "YAML indents with spaces only: replace the tab by spaces",
        ),
        (
            "languages: [ky, ru\nid: x\n",
            "x.yaml:1:12: Y002 YAML syntax error: a list in «[ ]» is not closed, or a comma is missing "
            "(the list in «[ ]» opened here; found at line 2)",
        ),
    ],
    ids=["tab", "unclosed-list"],
)
def test_a_yaml_mistake_says_what_to_fix_where_it_began(yaml_text: str, finding: str) -> None:
    """libyaml's own words («found character that cannot start any token») said as a drafter
    reads them: a tab is named as one; an unclosed list is found where it opened."""
    from kodeks.yamlsafe import load_yaml

    _, problems = load_yaml("x.yaml", yaml_text)
    assert [p.said("en") for p in problems] == [finding]
