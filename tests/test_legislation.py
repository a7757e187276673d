"""Real legislation's structure: subpoints, абзацы, notes, plural, range and cross-act references,
read, checked, rendered and rewritten in both languages."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kodeks import check
from kodeks.model import Paragraph
from kodeks.parse import parse_article
from kodeks.store.worktree import read_worktree

from .conftest import BASE_FILES, YAML, A, WriteCode, github_html, kodeks

POWERS = """\
---
id: powers
number: 4
title: {ky: "Кеңештин ыйгарым укуктары", ru: "Полномочия кенеша"}
status: draft
sources:
  - act:lsg-law/31#1.2
---

## ky

1. Кеңеш:
   1) жергиликтүү маанидеги маселелерди чечет, анын ичинде:

      а) жергиликтүү бюджетти бекитет;

      б) муниципалдык менчикти башкарат;

      мыйзамда башкача белгиленбесе;
   2) өткөрүлүп берилген ыйгарым укуктарды ишке ашырат.

   Кеңештин чечимдери милдеттүү.
2. Ушул бөлүктүн [1 жана 2-пункттарында](art:powers#2.1,2.2) каралган чечимдер:
   1) жарыяланат;
   2) каттоодон өтөт.
3. Ушул берененин [1 жана 2-бөлүктөрү](art:powers#1,2), [1-бөлүгүнүн 1-пунктунун «б» пунктчасы](art:powers#1.1.б), [1-бөлүгүнүн экинчи абзацы](art:powers#1.abz2) жана Кодекстин [1–3-беренелери](art:subject~art:kenesh) [Мыйзамдын 31-беренесинин 1-бөлүгүнө](act:lsg-law/31#1) ылайык колдонулат.

Эскертүүлөр.

1. Бул берене 2027-жылдан тартып колдонулат.
2. Кошумча эскертүү.

## ru

1. Кенеш:
   1) решает вопросы местного значения, в том числе:

      а) утверждает местный бюджет;

      б) управляет муниципальной собственностью;

      если иное не установлено законом;
   2) осуществляет делегированные полномочия.

   Решения кенеша обязательны.
2. Решения, предусмотренные [пунктами 1 и 2 настоящей части](art:powers#2.1,2.2):
   1) публикуются;
   2) регистрируются.
3. [Части 1 и 2](art:powers#1,2), [подпункт «б» пункта 1 части 1](art:powers#1.1.б), [абзац второй части 1](art:powers#1.abz2) настоящей статьи и [статьи 1–3](art:subject~art:kenesh) Кодекса применяются в соответствии с [частью 1 статьи 31 Закона](act:lsg-law/31#1).

Примечания.

1. Статья применяется с 2027 года.
2. Дополнительное примечание.
"""

FILES: dict[str, str] = {
    YAML: str(BASE_FILES[YAML]).replace("articles: [kenesh]", "articles: [kenesh, powers]"),
    A + "powers.md": POWERS,
}


def findings(root) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(d) for d in check(read_worktree(root)).diagnostics]


def test_subpoints_абзацы_and_notes_are_read_as_units() -> None:
    article, diagnostics = parse_article(A + "powers.md", POWERS, ("ky", "ru"))
    assert diagnostics == [] and article is not None
    ru = article.texts["ru"]
    first = ru.parts[0]
    point = first.points[0]
    assert [s.label for s in point.subpoints] == ["а", "б"]
    assert point.subpoints[1].paragraph.plain_text == "управляет муниципальной собственностью;"
    assert [p.plain_text for p in point.paragraphs] == [
        "решает вопросы местного значения, в том числе:",
        "если иное не установлено законом;",
    ]
    assert [p.plain_text for p in first.paragraphs] == ["Кенеш:", "Решения кенеша обязательны."]
    assert [p.label for p in ru.parts] == ["1", "2", "3"]  # the notes are not parts
    assert ru.notes is not None and [n.label for n in ru.notes.numbered] == ["1", "2"]
    assert isinstance(ru.notes.content[0], Paragraph) and ru.notes.content[0].plain_text == "Примечания."
    assert [str(s.target) for s in article.sources] == ["act:lsg-law/31#1.2"]
    links = [link for paragraph in ru.paragraphs() for link in paragraph.links]
    assert [",".join(str(t) for t in link.targets) for link in links] == [
        "art:powers#2.1,art:powers#2.2",
        "art:powers#1,art:powers#2",
        "art:powers#1.1.б",
        "art:powers#1.abz2",
        "art:subject~art:kenesh",
        "act:lsg-law/31#1",
    ]
    printed = [(line.label, line.kind, line.depth) for line in ru.printed()][:6]
    assert printed == [
        ("1.", "part", 0),
        ("1)", "point", 1),
        ("а)", "subpoint", 2),
        ("б)", "subpoint", 2),
        ("", "point", 1),
        ("2)", "point", 1),
    ]


def test_an_article_with_every_unit_and_reference_form_validates(code_dir: WriteCode) -> None:
    assert findings(code_dir(FILES)) == []


def _with(old: str, new: str, language: str = "ru") -> dict[str, str | bytes | None]:
    ky, ru = POWERS.split("## ru")
    if language == "ru":
        assert old in ru
        ru = ru.replace(old, new)
    else:
        assert old in ky
        ky = ky.replace(old, new)
    return {**FILES, A + "powers.md": ky + "## ru" + ru}


@pytest.mark.parametrize(
    ("old", "new", "language", "expected"),
    [
        (  # numbers swapped between their roles: the old check found both numbers "somewhere"
            "[подпункт «б» пункта 1 части 1](art:powers#1.1.б)",
            "[подпункт «б» пункта 1 части 1](art:powers#1.2.б)",
            "ru",
            "R003 article 4 (`powers`) has no subpoint «б» in point 2 in part 1",
        ),
        (
            "[частью 1 статьи 31 Закона](act:lsg-law/31#1)",
            "[статьи 31 части 1 Закона](act:lsg-law/31#1)",
            "ru",
            "R004 link text «статьи 31 части 1 Закона» names its units in the wrong order: Russian names the smaller unit first",
        ),
        (
            "[Части 1 и 2](art:powers#1,2)",
            "[Части 1 и 3](art:powers#1,2)",
            "ru",
            "R004 link text «Части 1 и 3» names parts 1, 3 where the link points to parts 1, 2 (`art:powers#1,art:powers#2`)",
        ),
        (
            "[1 жана 2-бөлүктөрү](art:powers#1,2)",
            "[1-бөлүгү](art:powers#1,2)",
            "ky",
            "R004 link text «1-бөлүгү» names part 1 where the link points to parts 1, 2",
        ),
        (
            "[статьи 1–3](art:subject~art:kenesh)",
            "[статьи 1-3](art:subject~art:kenesh)",
            "ru",
            "R007 «1-3» in «статьи 1-3» reads as the inserted number 1-3: write a range with an en dash «1–3»",
        ),
        (
            "[статьи 1–3](art:subject~art:kenesh)",
            "[статьи 1–3](art:kenesh~art:subject)",
            "ru",
            "R008 `art:kenesh~art:subject`: `subject` does not come after `kenesh`",
        ),
        (
            "[абзац второй части 1](art:powers#1.abz2)",
            "[абзац третий части 1](art:powers#1.abz3)",
            "ru",
            "R003 article 4 (`powers`) has no абзац 3 in part 1 (it has 2)",
        ),
        (
            "[абзац второй части 1](art:powers#1.abz2)",
            "[абзац первый части 1](art:powers#1.abz2)",
            "ru",
            "R004 link text «абзац первый части 1» names абзац 1 where the link points to абзац 2",
        ),
        (  # «настоящей части» only where the reference stands in that part
            "[пунктами 1 и 2 настоящей части](art:powers#2.1,2.2)",
            "[пунктами 1 и 2 настоящей части](art:powers#1.1,1.2)",
            "ru",
            "R004 link text «пунктами 1 и 2 настоящей части» does not name part 1",
        ),
        (
            "      б) управляет муниципальной собственностью;",
            "      в) управляет муниципальной собственностью;",
            "ru",
            "N009 subpoint «в)» skips б: after «а)» comes «б)»",
        ),
        (
            "   Решения кенеша обязательны.",
            "Решения кенеша обязательны.",
            "ru",
            "B012 this paragraph stands outside the parts of an article that has parts: indent it by the width of «1.» to make it an абзац of part 1",
        ),
    ],
)
def test_each_target_and_its_wording_are_checked(
    code_dir: WriteCode, old: str, new: str, language: str, expected: str
) -> None:
    found = findings(code_dir(_with(old, new, language)))
    assert any(expected in message for message in found), found


def test_a_missing_translation_of_a_subpoint_or_note_is_a_parity_error(code_dir: WriteCode) -> None:
    files = _with("\n      б) управляет муниципальной собственностью;\n", "\n")
    assert any(
        "P001" in m
        and "point 1) of part 1: «## ru» has 2 абзац(ы) and subpoints а but «## ky» has 2 абзац(ы) and subpoints а, б"
        in m
        for m in findings(code_dir(files))
    )
    files = _with("2. Дополнительное примечание.\n", "")
    assert any("P001" in m and "the notes" in m for m in findings(code_dir(files)))


def test_deleting_a_part_that_a_plural_reference_names_is_reported_and_renumber_rewrites_both_languages(
    code_dir: WriteCode,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Part 1 of `powers` is deleted in both languages: parts 2 and 3 must become 1 and 2.
    ky, ru = POWERS.split("## ru")
    ky = re.sub(r"1\. Кеңеш:.*?(?=2\. Ушул)", "", ky, flags=re.S).replace(
        "[1 жана 2-бөлүктөрү](art:powers#1,2), [1-бөлүгүнүн 1-пунктунун «б» пунктчасы](art:powers#1.1.б), "
        "[1-бөлүгүнүн экинчи абзацы](art:powers#1.abz2)",
        "[2 жана 3-бөлүктөрү](art:powers#2,3)",
    )
    ru = re.sub(r"1\. Кенеш:.*?(?=2\. Решения)", "", ru, flags=re.S).replace(
        "[Части 1 и 2](art:powers#1,2), [подпункт «б» пункта 1 части 1](art:powers#1.1.б), "
        "[абзац второй части 1](art:powers#1.abz2)",
        "[Части 2 и 3](art:powers#2,3)",
    )
    root = code_dir({**FILES, A + "powers.md": ky + "## ru" + ru})
    before = findings(root)
    assert any("N004" in m for m in before)

    monkeypatch.chdir(root)
    result = kodeks("renumber", "--parts", "powers")
    assert result.exit_code == 0, result.output
    text = (root / A / "powers.md").read_text(encoding="utf-8")
    assert "[1 жана 2-бөлүктөрү](art:powers#1,2)" in text
    assert "[Части 1 и 2](art:powers#1,2)" in text
    assert "[1 жана 2-пункттарында](art:powers#1.1,1.2)" in text
    assert "[пунктами 1 и 2 настоящей части](art:powers#1.1,1.2)" in text
    assert findings(root) == []


def test_renumbering_articles_rewrites_every_number_of_a_plural_reference(
    code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        **FILES,
        YAML: FILES[YAML]
        .replace("articles: [subject, concepts]", "articles: [subject, concepts, kenesh]")
        .replace("articles: [kenesh, powers]", "articles: [powers]"),
    }
    files = {
        **files,
        YAML: files[YAML].replace("articles: [subject, concepts, kenesh]", "articles: [concepts, subject, kenesh]"),
    }
    root = code_dir(files)
    monkeypatch.chdir(root)
    result = kodeks("renumber")
    assert result.exit_code == 0, result.output
    text = (root / A / "powers.md").read_text(encoding="utf-8")
    # subject is now article 2 and concepts 1: the range still runs subject → kenesh, 2 → 3
    assert "[2–3-беренелери](art:subject~art:kenesh)" in text
    assert "[статьи 2–3](art:subject~art:kenesh)" in text


def test_refs_finds_plural_and_range_references(code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch) -> None:
    root = code_dir(FILES)
    monkeypatch.chdir(root)
    result = kodeks("refs", "concepts")  # inside the range «статьи 1–3»
    assert result.exit_code == 0
    assert "статьи 1–3" in result.output and "1–3-беренелери" in result.output
    result = kodeks("refs", "powers#2")
    assert "Части 1 и 2" in result.output
    result = kodeks("refs", "powers#1.1.б")
    assert result.exit_code == 0
    assert "[подпункт «б» пункта 1 части 1](art:powers#1.1.б)" in result.output
    assert "абзац второй" not in result.output
    assert kodeks("refs", "powers#1.1.й").exit_code == 2


def test_built_documents_show_subpoints_and_notes_as_the_law_prints_them(
    code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = code_dir(FILES)
    monkeypatch.chdir(root)
    assert kodeks("build", "-o", "code.html").exit_code == 0
    html = (root / "code.html").read_text(encoding="utf-8")
    assert re.search(
        r'<p id="ru-art-powers-p1-pt1-sp2" class="subpoint"><a class="num" href="#ru-art-powers-p1-pt1-sp2">б\)</a> управляет',
        html,
    )
    assert '<p class="note">Примечания.</p>' in html
    assert '<p class="note"><span class="num">1.</span> Статья применяется с 2027 года.</p>' in html
    assert 'href="#ru-art-powers-p1-pt1-sp2"' in html  # the subpoint reference leads to it
    assert kodeks("build", "--format", "md", "-o", "code.md").exit_code == 0
    markdown = (root / "code.md").read_text(encoding="utf-8")
    assert "&emsp;&emsp;**б)** управляет муниципальной собственностью;" in markdown


def test_github_shows_each_subpoint_and_note_as_its_own_paragraph() -> None:
    body = POWERS.split("## ru")[1]
    html = github_html(body)
    assert "<p>а) утверждает местный бюджет;</p>" in html
    assert "<p>б) управляет муниципальной собственностью;</p>" in html
    assert "<p>Примечания.</p>" in html
    # the numbered notes are a list of their own after the paragraph, not parts 4 and 5
    assert re.search(r"<p>Примечания\.</p>\s*<ol>\s*<li>Статья применяется", html)


def test_renumber_parts_reletters_subpoints_and_the_references_to_them(
    code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A new subpoint written first, with the letter of the one it pushes down.
    text = POWERS.replace(
        "      а) жергиликтүү бюджетти", "      а) жаңы пунктча;\n\n      а) жергиликтүү бюджетти"
    ).replace("      а) утверждает", "      а) новый подпункт;\n\n      а) утверждает")
    root = code_dir({**FILES, A + "powers.md": text})
    assert any("N009" in m and "repeats a letter" in m for m in findings(root))
    monkeypatch.chdir(root)
    result = kodeks("renumber", "--parts", "powers")
    assert result.exit_code == 0, result.output
    written = (root / A / "powers.md").read_text(encoding="utf-8")
    assert "      б) утверждает местный бюджет;" in written and "      в) управляет" in written
    assert "[подпункт «в» пункта 1 части 1](art:powers#1.1.в)" in written
    assert "[1-бөлүгүнүн 1-пунктунун «в» пунктчасы](art:powers#1.1.в)" in written
    assert findings(root) == []


def test_the_redline_shows_a_changed_subpoint_and_абзац_as_their_own_rows(
    code_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = POWERS.replace(
        "б) управляет муниципальной собственностью;", "б) управляет и распоряжается муниципальной собственностью;"
    ).replace("   Решения кенеша обязательны.", "   Решения кенеша обязательны для исполнения.")
    root = code_repo([FILES, {A + "powers.md": changed}])
    monkeypatch.chdir(root)
    result = kodeks("redline", "HEAD~1", "HEAD", "--format", "md")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "<ins>" in line]
    assert rows == [
        "| **б)** управляет муниципальной собственностью; "
        "| **б)** управляет <ins>и распоряжается</ins> муниципальной собственностью; |",
        "| Решения кенеша обязательны. | Решения кенеша обязательны <ins>для исполнения</ins>. |",
    ]


@pytest.mark.parametrize(
    ("ru_link", "ky_link", "problem"),
    [
        ("[главах 1–2](ch:basics~ch:bodies)", "[1–2-главаларында](ch:basics~ch:bodies)", None),
        (
            "[главах 2–1](ch:bodies~ch:basics)",
            "[2–1-главаларында](ch:bodies~ch:basics)",
            "R008 `ch:bodies~ch:basics`: `basics` does not come after `bodies`",
        ),
        (
            "[статьями 5–7 Закона](act:lsg-law/5~act:lsg-law/7)",
            "[Мыйзамдын 5–7-беренелери](act:lsg-law/5~act:lsg-law/7)",
            None,
        ),
        (
            "[статьями 7–5 Закона](act:lsg-law/7~act:lsg-law/5)",
            "[Мыйзамдын 7–5-беренелери](act:lsg-law/7~act:lsg-law/5)",
            "R008 `act:lsg-law/7~act:lsg-law/5`: 5 does not come after 7",
        ),
        (
            "[частями 1–3 статьи 5 Закона](act:lsg-law/5#1~3)",
            "[Мыйзамдын 5-беренесинин 1–3-бөлүктөрү](act:lsg-law/5#1~3)",
            None,
        ),
        (
            "[статьи 5 Закона](act:lsg-law/5#1~act:lsg-law/7)",
            "[Мыйзамдын 5-беренеси](act:lsg-law/5#1~act:lsg-law/7)",
            "R008 `act:lsg-law/5#1~act:lsg-law/7`: a range of an act's articles runs from one whole article to another",
        ),
    ],
)
def test_ranges_of_chapters_and_of_another_acts_articles(
    code_dir: WriteCode, ru_link: str, ky_link: str, problem: str | None
) -> None:
    ky, ru = POWERS.split("## ru")
    ru = ru.replace("[частью 1 статьи 31 Закона](act:lsg-law/31#1)", ru_link)
    ky = ky.replace("[Мыйзамдын 31-беренесинин 1-бөлүгүнө](act:lsg-law/31#1)", ky_link)
    found = findings(code_dir({**FILES, A + "powers.md": ky + "## ru" + ru}))
    if problem is None:
        assert found == []
    else:
        assert any(problem in m for m in found), found


def test_renumber_parts_refuses_while_a_reference_names_a_deleted_part(
    code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Renumbering would silently point «части 1» at the part that takes number 1."""
    ky, ru = POWERS.split("## ru")
    ky = re.sub(r"1\. Кеңеш:.*?(?=2\. Ушул)", "", ky, flags=re.S)
    ru = re.sub(r"1\. Кенеш:.*?(?=2\. Решения)", "", ru, flags=re.S)
    root = code_dir({**FILES, A + "powers.md": ky + "## ru" + ru})
    before = (root / A / "powers.md").read_bytes()
    monkeypatch.chdir(root)
    result = kodeks("renumber", "--parts", "powers")
    assert result.exit_code == 1
    assert "references name units of `powers` that no longer exist" in result.output
    assert "«Части 1 и 2» names part 1" in result.output
    assert (root / A / "powers.md").read_bytes() == before
