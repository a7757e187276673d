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
    from kodeks.edit.fmt import format_text

    tight = kenesh_with_inserted_part(blank_lines=False)
    formatted = format_text(A + "kenesh.md", tight)
    assert formatted == kenesh_with_inserted_part(blank_lines=True)
    assert format_text(A + "kenesh.md", formatted) == formatted
    result = check(snapshot({YAML: IN_FORCE, A + "kenesh.md": formatted}))
    assert [d for d in result.diagnostics if d.code == "M001" or d.is_error] == []


# --- every unit GitHub shows, compared with kodeks's reading ---------------------------------

_BLOCKS = {"p", "ol", "ul", "blockquote", "pre", "table", "h1", "h2", "h3", "h4", "h5", "h6"}


def _inline_text(element) -> str:  # type: ignore[no-untyped-def]
    """The text of an element up to its first block child (a tight list item has no <p>)."""
    pieces = [element.text or ""]
    for child in element:
        if child.tag in _BLOCKS:
            break
        pieces.append(child.text_content() + (child.tail or ""))
    return " ".join("".join(pieces).split())


def github_units(markdown: str) -> list[str]:
    """The paragraphs GitHub shows, in order, each after the number of the list item it opens."""
    from lxml import html as lxml_html

    units: list[str] = []

    def walk(element, number: str | None) -> None:  # type: ignore[no-untyped-def]
        opened = number is None
        if number is not None and (not len(element) or element[0].tag != "p"):
            units.append(f"{number} {_inline_text(element)}".rstrip() + ("" if _inline_text(element) else " "))
            opened = True
        for child in element:
            if child.tag == "p":
                text = " ".join(child.text_content().split())
                units.append(text if opened else f"{number} {text}")
                opened = True
            elif child.tag == "ol":
                start = int(child.get("start", "1"))
                for index, item in enumerate(child.findall("li")):
                    walk(item, str(start + index))

    root = lxml_html.fragment_fromstring(github_html(markdown), create_parent="div")
    walk(root, None)
    return units


def kodeks_units(text) -> list[str]:  # type: ignore[no-untyped-def]
    """The same, as kodeks reads it: a list number without its delimiter (HTML has none), and
    numbers GitHub shows as text («1-1.», «а)») as written."""
    units = []
    for line in text.printed():
        label = line.label
        if re.fullmatch(r"\d+[.)]", label) and line.kind != "subpoint":
            label = label[:-1]
        body = " ".join(line.plain_text.split())
        units.append(f"{label} {body}" if label else body)
    return units


def _corpus() -> list[tuple[str, str, tuple[str, ...]]]:
    from pathlib import Path

    from .test_legislation import POWERS

    articles: list[tuple[str, str | bytes | None, tuple[str, ...]]] = [
        (name, text, ("ky", "ru")) for name, text in BASE_FILES.items() if name.startswith(A)
    ]
    articles.append((A + "powers.md", POWERS, ("ky", "ru")))
    articles.append((A + "kenesh.md", kenesh_with_inserted_part(blank_lines=True), ("ky", "ru")))
    civil = Path(__file__).parent / "fixtures" / "civil-code" / "code_text" / "articles"
    articles += [(A + path.name, path.read_text(encoding="utf-8"), ("ru",)) for path in sorted(civil.glob("*.md"))]
    return [(name, str(text), languages) for name, text, languages in articles]


@pytest.mark.parametrize(("name", "text", "languages"), _corpus(), ids=[f"{i}-{c[0]}" for i, c in enumerate(_corpus())])
def test_github_shows_every_unit_kodeks_reads(name: str, text: str, languages: tuple[str, ...]) -> None:
    from kodeks.parse import parse_article

    article, diagnostics = parse_article(name, text, languages)
    assert article is not None and not [d for d in diagnostics if d.is_error]
    for language, body in article.texts.items():
        section = re.split(r"^## \w+\n", text, flags=re.M)[1 + list(article.texts).index(language)]
        assert github_units(section) == kodeks_units(body), (name, language)


def test_the_comparison_sees_an_inserted_part_github_folds_into_its_neighbour() -> None:
    from kodeks.parse import parse_article

    text = kenesh_with_inserted_part(blank_lines=False)  # what M001 warns about
    article, _ = parse_article(A + "kenesh.md", text, ("ky", "ru"))
    assert article is not None
    section = text.split("## ky\n")[1].split("## ru")[0]
    assert github_units(section) != kodeks_units(article.texts["ky"])
    assert "1-1. Кеңеш жаңы бөлүккө ылайык иштейт." in kodeks_units(article.texts["ky"])


def _with_body(ky: str, ru: str) -> str:
    return BASE_FILES[A + "kenesh.md"].split("## ky")[0] + "## ky\n\n" + ky + "\n## ru\n\n" + ru


HELD = {
    "an inserted part with points": (
        "1. Бөлүк.\n\n1-1. Киргизилген бөлүк:\n     1) биринчи;\n     2) экинчи.\n\n2. Экинчи бөлүк.\n",
        "1. Часть.\n\n1-1. Вставленная часть:\n     1) первый;\n     2) второй.\n\n2. Вторая часть.\n",
    ),
    "an inserted point with subpoints": (
        "1. Бөлүк:\n   1) биринчи;\n\n   1-1) киргизилген:\n\n        а) аа;\n\n        б) бб;\n\n   2) экинчи.\n",
        "1. Часть:\n   1) первый;\n\n   1-1) вставленный:\n\n        а) аа;\n\n        б) бб;\n\n   2) второй.\n",
    ),
    "an inserted part with a second абзац": (
        "1. Бөлүк.\n\n1-1. Киргизилген бөлүк.\n\n     Экинчи абзац.\n\n2. Экинчи бөлүк.\n",
        "1. Часть.\n\n1-1. Вставленная часть.\n\n     Второй абзац.\n\n2. Вторая часть.\n",
    ),
}


@pytest.mark.parametrize("shape", list(HELD))
def test_what_an_inserted_unit_holds_github_cannot_show_inside_it_and_kodeks_says_so(shape: str) -> None:
    from kodeks.edit.fmt import format_text
    from kodeks.parse import parse_article

    text = _with_body(*HELD[shape])
    article, diagnostics = parse_article(A + "kenesh.md", text, ("ky", "ru"))
    assert article is not None and not [d for d in diagnostics if d.is_error or d.is_warning], diagnostics
    noticed = [d for d in diagnostics if d.code == "M002"]
    assert len(noticed) == 2 and all(not d.is_warning and not d.is_error for d in noticed)
    for language, body in article.texts.items():
        section = re.split(r"^## \w+\n", text, flags=re.M)[1 + list(article.texts).index(language)]
        shown, read = github_units(section), kodeks_units(body)
        assert shown != read  # what the notice says is so: GitHub shows these units differently
        assert sorted(" ".join(u.split()) for u in shown) != sorted(read) or len(shown) != len(read)
    # A notice never fails a check, --strict included.
    result = check(snapshot({YAML: IN_FORCE, A + "kenesh.md": text}))
    assert result.errors == 0 and result.warnings == 0 and sum(d.code == "M002" for d in result.diagnostics) == 2
    # fmt keeps what kodeks reads, once and for all (it may set the held units off).
    formatted = format_text(A + "kenesh.md", text)
    again, _ = parse_article(A + "kenesh.md", formatted, ("ky", "ru"))
    assert again is not None and format_text(A + "kenesh.md", formatted) == formatted
    assert [kodeks_units(t) for t in again.texts.values()] == [kodeks_units(t) for t in article.texts.values()]


def test_fmt_sets_off_the_points_of_an_inserted_part_so_github_shows_each_on_its_line() -> None:
    from kodeks.edit.fmt import format_text
    from kodeks.parse import parse_article

    text = _with_body(*HELD["an inserted part with points"])
    formatted = format_text(A + "kenesh.md", text)
    assert (
        "1-1. Вставленная часть:\n\n     1) первый;" in formatted
        and format_text(A + "kenesh.md", formatted) == formatted
    )
    before, _ = parse_article(A + "kenesh.md", text, ("ky", "ru"))
    after, _ = parse_article(A + "kenesh.md", formatted, ("ky", "ru"))
    assert before is not None and after is not None
    assert kodeks_units(after.texts["ru"]) == kodeks_units(before.texts["ru"])
    shown = github_html(formatted.split("## ru\n")[1])
    assert "<pre><code> 1) первый;\n 2) второй.\n</code></pre>" in shown  # line by line, not run together
    assert "1-1. Вставленная часть:\n1) первый;" in github_html(text.split("## ru\n")[1])  # run together
