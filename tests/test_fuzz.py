"""Fuzzing: whatever bytes a pull request holds, kodeks answers with diagnostics or documents,
never an internal error, and never takes long on a small file.

The default (quick) profile runs about 540 examples in the suite. The long profile, run by
hand and reported, runs 10,000 per parsing and formatting property and 2,500 per property that
renders every format (HTML, Markdown, Word, and the three redlines: about 0.25 s an example),
50,000 in all:

    KODEKS_FUZZ=long .venv/bin/python -m pytest -q tests/test_fuzz.py
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kodeks.compare import compare
from kodeks.edit.fmt import format_text
from kodeks.model import Article
from kodeks.render import BuildOptions, render
from kodeks.render.redline_docx import render as redline_docx
from kodeks.render.redline_html import render as redline_html
from kodeks.render.redline_md import render as redline_md
from kodeks.store import Snapshot
from kodeks.store.worktree import read_worktree
from kodeks.verdict import check

from .conftest import BASE_FILES, CONCEPTS, KENESH, YAML, A

LONG = os.environ.get("KODEKS_FUZZ") == "long"


def profile(quick: int, long: int) -> settings:
    """``quick`` examples in the suite, ``long`` in the long run; at most 5 s per input."""
    return settings(
        max_examples=long if LONG else quick,
        deadline=5_000,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
        derandomize=not LONG,  # the suite is reproducible; the long run explores
    )


fuzz = profile(10, 2_500)
"""Properties that render every format (about 0.2 s an example)."""
fuzz_parse = profile(60, 10_000)
"""Properties that only parse and validate, or format."""

# Characters that have broken parsers and renderers before: Markdown and YAML syntax, list
# markers, Kyrgyz letters, controls, separators, bidi and zero-width characters, look-alikes.
TRICKY = list(
    "#*_`[]()<>!&|~\\:-{}\"',.;@%\n\t 1234567890)ңөүҢӨҮабвгдеКодексoOcCpPxX"
) + ["\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x00", "\x01", "\x1b", "\u202e", "\u200b", "\ufeff",
     "\u00a0", "\U0001f600", "1. ", "2) ", "   1) ", "\n\n", "## ky\n", "## ru\n", "---\n", "[x](art:kenesh#2)",
     "[a](https://e.org/x)", "![i](http://e.org/i.png)", "<!-- kodeks-redline -->", "&#64;", "::error::x", "- ",
     "> ", "    ", "|a|b|\n|-|-|\n", "__kodeks_body__", "9" * 30, "0x" + "f" * 20,
     # subpoints, notes, plural, range, subpoint, абзац and act references
     "а) ", "      б) ", "й) ", "Примечание.\n", "Эскертүүлөр.\n", "3-1. ", "[y](art:kenesh#1,2)",
     "[z](art:subject~art:kenesh)", "[s](art:kenesh#1.1.б)", "[p](art:kenesh#1.abz2)", "[q](act:lsg-law/5#1~3)",
     "[частями 1-2](art:kenesh#1~2)", "[2 жана 3-бөлүктөрү](art:kenesh#2,3)",
     # look-alikes: Armenian, fullwidth and mathematical o, the braille blank, a decomposed й
     "\u0585", "\uff4f", "\U0001d428", "\u2800", "и\u0306"]  # fmt: skip
tricky_text = st.lists(st.sampled_from(TRICKY) | st.text(max_size=4), max_size=60).map("".join)


def snapshot(changes: dict[str, bytes | str]) -> Snapshot:
    files = {path: text.encode("utf-8") for path, text in BASE_FILES.items()}
    files.update(
        {
            path: data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
            for path, data in changes.items()
        }
    )
    return Snapshot(files=files)


def everything(changes: dict[str, bytes | str]) -> None:
    """Validate, build in every format and redline against the base: none of it may raise."""
    result = check(snapshot(changes))
    if result.code is not None:
        languages = result.code.languages or ("ky",)
        for name in ("html", "md", "docx"):
            render(name, result.code, None, BuildOptions(languages, review=True))
    comparison = compare(snapshot({}), snapshot(changes))
    languages = comparison.redline.head.languages or ("ky",)
    redline_md(comparison, languages)
    redline_html(comparison, languages)
    redline_docx(comparison, languages, with_table=True)


@fuzz_parse
@given(st.binary(max_size=3000) | tricky_text.map(lambda t: CONCEPTS[: len(CONCEPTS) // 2] + t))
def test_any_bytes_as_an_article_are_diagnosed(data: bytes | str) -> None:
    check(snapshot({A + "concepts.md": data}))


@fuzz_parse
@given(st.binary(max_size=3000) | tricky_text.map(lambda t: BASE_FILES[YAML][:300] + t))
def test_any_bytes_as_code_yaml_are_diagnosed(data: bytes | str) -> None:
    check(snapshot({YAML: data}))


@fuzz
@given(st.binary(max_size=3000))
def test_any_bytes_as_an_article_render(data: bytes) -> None:
    everything({A + "concepts.md": data})


yaml_scalar = (
    st.integers()
    | st.floats()
    | st.booleans()
    | st.none()
    | tricky_text.map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"')
    | tricky_text.map(lambda t: t.replace("\n", " "))
    | st.sampled_from(["[]", "{}", "[1, [2, [3]]]", "{ky: x}", "|\n  a\n\n  b\n", "0x" + "f" * 5000, "9" * 5000,
                       '"\\v\\x01\\u202e"', "&a x", "*a", "!!python/object:os.system x", "2001-01-01", "~"])
)  # fmt: skip


@fuzz
@given(st.sampled_from(["id", "number", "title", "status", "sources", "notes", "extra"]), yaml_scalar)
def test_any_front_matter_value(key: str, value: object) -> None:
    lines = [line for line in KENESH.split("\n")]
    closing = lines.index("---", 1)
    front = [line for line in lines[1:closing] if not line.startswith(f"{key}:")]
    text = "\n".join(["---", *front, f"{key}: {value}", *lines[closing:]])
    everything({A + "kenesh.md": text})


@fuzz
@given(st.sampled_from(["id", "stage", "languages", "title", "acts", "sections"]), yaml_scalar)
def test_any_code_yaml_value(key: str, value: object) -> None:
    lines = BASE_FILES[YAML].split("\n")
    kept = [line for line in lines if not line.startswith(f"{key}:")]
    everything({YAML: "\n".join([f"{key}: {value}", *kept])})


@fuzz
@given(tricky_text, st.sampled_from(["ky", "ru"]))
def test_a_paragraph_outside_the_parts_in_one_language(text: str, language: str) -> None:
    """Once an internal error in validate, build and redline (204 of 36,000 fuzzed inputs)."""
    kenesh = KENESH.replace(f"## {language}\n\n1. ", f"## {language}\n\n{text.strip() or 'Абзац'}\n\n1. ")
    everything({A + "kenesh.md": kenesh})


@fuzz
@given(tricky_text, tricky_text)
def test_any_markdown_body(ky: str, ru: str) -> None:
    front = CONCEPTS[: CONCEPTS.index("## ky")]
    everything({A + "concepts.md": f"{front}## ky\n\n{ky}\n\n## ru\n\n{ru}\n"})


# --- kodeks fmt on valid articles ----------------------------------------------------------------

words = st.lists(
    st.sampled_from(["Кеңеш", "чечет", "орган", "местный", "кенеш", "решает", "ң", "ө", "ү", "ст. 12", ","]),
    min_size=1,
    max_size=6,
).map(" ".join)
noise = st.sampled_from(["\n", "\r\n"])


@st.composite
def valid_article(draw: st.DrawFn) -> str:
    """The concepts article with its front matter reordered, commented and respaced, notes as a
    block scalar with blank and indented lines, blank-line runs and trailing spaces in the body."""
    notes_lines = draw(
        st.lists(
            st.sampled_from(["", "  ", draw(words), "    " + draw(words), draw(words) + "  "]), min_size=1, max_size=6
        )
    )
    notes = (
        "notes: "
        + draw(st.sampled_from(["|", "|-", "|+", ">"]))
        + "\n"
        + "".join(f"  {line}\n" if line.strip() else f"{line}\n" for line in [draw(words), *notes_lines])
    )
    keys = [
        "id: concepts\n",
        "number: " + draw(st.sampled_from(["2", '"2"'])) + "\n",
        'title: {ky: "Түшүнүктөр", ru: "Понятия"}\n',
        draw(st.sampled_from(["", "# the group's comment\n"])) + "status: agreed\n",
        notes,
    ]
    front = "".join(draw(st.permutations(keys)))
    blank = draw(st.sampled_from(["\n", "\n\n\n", "\n  \n\t\n"]))
    body_ky = f"{draw(words)}{draw(st.sampled_from(['', '  ']))}\n{blank}1) {draw(words)};\n2) {draw(words)}."
    body_ru = f"{draw(words)}:\n{blank}1) {draw(words)};\n2) {draw(words)}."
    text = f"---\n{front}---\n{blank}## ky\n{blank}{body_ky}\n{blank}## ru\n\n{body_ru}{blank}"
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + text.replace("\n", draw(noise))


def read_back(text: str) -> tuple[object, ...]:
    result = check(snapshot({A + "concepts.md": text}))
    assert result.code is not None
    article = result.code.articles["concepts"]
    errors = [str(d) for d in result.diagnostics if d.is_error]
    return errors, article.title, article.notes, article.status, {k: v.parts for k, v in article.texts.items()}


@fuzz_parse
@given(valid_article())
def test_fmt_keeps_what_a_valid_article_says_and_is_idempotent(text: str) -> None:
    before = read_back(text)
    assert before[0] == []
    once = format_text(A + "concepts.md", text)
    assert format_text(A + "concepts.md", once) == once
    after = read_back(once)
    assert after[0] == [] and after[1:] == before[1:]


@fuzz_parse
@given(tricky_text)
def test_fmt_never_changes_the_text_of_any_article_it_can_read(body: str) -> None:
    text = CONCEPTS.replace("В настоящем Кодексе:", body or "x")
    once = format_text(A + "concepts.md", text)
    assert format_text(A + "concepts.md", once) == once
    before, after = check(snapshot({A + "concepts.md": text})), check(snapshot({A + "concepts.md": once}))
    assert before.code is not None and after.code is not None
    old, new = before.code.articles.get("concepts"), after.code.articles.get("concepts")
    assert (old is None) == (new is None)
    if old is not None and new is not None:  # the same text, up to canonical equivalence (fmt composes)
        assert {k: [nfc(p.plain_text) for p in v.printed()] for k, v in old.texts.items()} == {
            k: [p.plain_text for p in v.printed()] for k, v in new.texts.items()
        }


def nfc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", text)


STATUTE_LINES = [
    "РАЗДЕЛ I", "Глава 1. Общие положения", "Глава 2", "Статья 1. Понятия", "Статья 2", "Статья 2¹. Новая",
    "1-берене. Түшүнүктөр", "1. Первая часть.", "2. Вторая часть настоящего Закона.", "1) пункт;", "2-1) пункт;",
    "а) подпункт;", "б) подпункт.", "Примечание. Текст.", "Эскертүү.", "(В редакции Закона КР от 1 июня 2020 года № 5)",
    "(Утратила силу в соответствии с Законом КР от 1 июня 2020 года № 5)", "в соответствии с частью 1 статьи 1 настоящего Закона",
    "пунктами 1 и 2 части 2 настоящей статьи", "ушул Мыйзамдын 1-беренесинин 2-бөлүгүнө", "от 15 марта 2002 года № 37",
    "О порядке", "ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ", "абзацем вторым части 1 настоящей статьи",
]  # fmt: skip
statute_text = st.lists(st.sampled_from(STATUTE_LINES) | tricky_text, min_size=1, max_size=40).map("\n".join)


@fuzz_parse
@given(statute_text)
def test_import_places_every_line_or_refuses_cleanly(text: str) -> None:
    """Whatever the published text, import writes files kodeks reads back unit for unit, or stops
    with the lines it could not place: never an internal error."""
    from kodeks.errors import KodeksError
    from kodeks.importing import ImportProblemsError, import_act
    from kodeks.parse import parse_structure
    from kodeks.parse.statute import read_statute

    code, _ = parse_structure(YAML, str(BASE_FILES[YAML]))
    assert code is not None
    statute = read_statute("law.txt", text)
    try:
        imported = import_act(code, "lsg-law", [statute], number="1", adopted=__import__("datetime").date(2000, 1, 1))
    except ImportProblemsError as problems:
        assert all(p.code in ("I001",) or p.code.startswith(("N", "Y")) for p in problems.problems), problems
        return
    except KodeksError as error:
        assert "internal error" not in str(error), error
        return
    result = check(snapshot({path: content for path, content in imported.files.items()}))
    parse_errors = [d for d in result.diagnostics if d.is_error and d.code[0] in "BYFC" and "acts/" in d.location.path]
    assert parse_errors == [], parse_errors


_CIVIL_CODE = Path(__file__).parent / "fixtures" / "civil-code"
_WORDS = st.sampled_from(
    ["право", "пункта 2", "[скобка]", "a\\b", "&amp;", "1) подпункт", "# решётка", "а) буква", "-", "ң ө ү", "  "]
)


@lru_cache(maxsize=1)
def _civil_code_articles() -> list[tuple[str, str, Article]]:
    """The fixture's articles that have a text (a repealed one has none)."""
    from kodeks.parse import parse_article

    found = []
    for path, data in sorted(read_worktree(_CIVIL_CODE).files.items()):
        if path.startswith(A):
            article, _ = parse_article(path, data.decode("utf-8"), ("ru",))
            if article is not None and "ru" in article.texts:
                found.append((path, data.decode("utf-8"), article))
    return found


@profile(60, 10_000)
@given(data=st.data())
def test_a_proposed_wording_applied_to_real_law_reads_back_as_proposed(data: st.DataObject) -> None:
    """Any word-level rewording of a paragraph of the Civil Code fixture, written into its
    Markdown by ``review --apply``, parses back as exactly that wording, with the article's
    units and every reference whose words were kept."""
    from kodeks.edit.paragraphs import CannotApply, paragraph_edits
    from kodeks.edit.texts import Texts
    from kodeks.parse import parse_article

    path, source, article = data.draw(st.sampled_from(_civil_code_articles()))
    lines = [line for line in article.texts["ru"].printed() if line.paragraph is not None]
    line = data.draw(st.sampled_from(lines))
    paragraph = line.paragraph
    assert paragraph is not None
    words = paragraph.plain_text.split(" ")
    for _ in range(data.draw(st.integers(1, 3))):
        index = data.draw(st.integers(0, len(words) - 1))
        words[index] = data.draw(_WORDS)
    proposal = " ".join(" ".join(words).split())
    texts = Texts({path: source})
    try:
        edits = paragraph_edits(texts, paragraph, proposal)
    except CannotApply:
        return  # refused and reported, never written wrong
    changed = texts.apply(edits).get(path, source)
    again, _ = parse_article(path, changed, ("ru",))
    assert again is not None
    after = list(again.texts["ru"].printed())
    before = list(article.texts["ru"].printed())
    assert [(p.label, p.kind) for p in after] == [(p.label, p.kind) for p in before]
    position = before.index(line)
    assert after[position].plain_text == proposal
    kept = {(link.text, link.href) for link in paragraph.links if link.text in proposal}
    assert kept <= {(link.text, link.href) for link in after[position].paragraph.links}  # type: ignore[union-attr]
