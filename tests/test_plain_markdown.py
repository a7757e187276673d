"""The fast reader of article bodies (kodeks/parse/plain_markdown.py) gives exactly the tokens
markdown-it-py gives, or declines and leaves the body to markdown-it-py.

Proved on: every body any test of the suite parses (conftest's ``plain_reader_agrees`` reads
each twice); the texts in this repository (the sample Code, the real Civil Code fixture); the
benchmark's Code, all of which the fast reader must take; and generated hostile bodies. Long
profile, run by hand and reported:

    KODEKS_FUZZ=long .venv/bin/python -m pytest -q tests/test_plain_markdown.py
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it.common.utils import MD_TRIM_CHARS

from kodeks.parse import article as article_module
from kodeks.parse.article import parse_article, split_front_matter
from kodeks.parse.markdown import body_parser
from kodeks.parse.plain_markdown import MD_TRIM_CHARS as OUR_TRIM_CHARS
from kodeks.parse.plain_markdown import plain_tokens

from .conftest import generate_synthetic, token_signature
from .test_fuzz import profile

REPOSITORY = Path(__file__).resolve().parents[1]
TEXTS = sorted(REPOSITORY.glob("code_text/**/*.md")) + sorted(REPOSITORY.glob("tests/fixtures/**/code_text/**/*.md"))


def body_of(path: Path) -> str:
    split = split_front_matter(path.name, path.read_text(encoding="utf-8"))
    assert isinstance(split, tuple), path
    return split[1]


def same_as_markdown_it(body: str) -> bool:
    """True when the fast reader took the body (and then gave markdown-it-py's tokens)."""
    tokens = plain_tokens(body)
    if tokens is None:
        return False
    assert token_signature(tokens) == token_signature(body_parser().parse(body)), body
    return True


def test_the_repository_texts_read_the_same() -> None:
    taken = [path.name for path in TEXTS if same_as_markdown_it(body_of(path))]
    assert len(TEXTS) > 20 and len(taken) >= len(TEXTS) // 2, (len(TEXTS), taken)


def test_the_benchmark_code_is_read_by_the_fast_reader(tmp_path: Path) -> None:
    root = generate_synthetic(60, tmp_path)
    paths = sorted((root / "code_text" / "articles").glob("*.md"))
    assert all(same_as_markdown_it(body_of(path)) for path in paths)


@pytest.mark.parametrize("path", TEXTS[::4], ids=lambda path: path.name)
def test_the_model_and_findings_are_the_same_either_way(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    fast = parse_article(path.name, text, ("ky", "ru"))
    monkeypatch.setattr(article_module, "plain_tokens", lambda body: None)
    assert parse_article(path.name, text, ("ky", "ru")) == fast


def test_it_trims_what_markdown_it_trims() -> None:
    assert OUR_TRIM_CHARS == MD_TRIM_CHARS


# Generated bodies: lines of the indents, markers and words article bodies use (the structure the
# fast reader must get exactly right: nesting, lazy lines, loose and tight lists, breaks), and
# with them every construct it must leave to markdown-it-py.
INDENTS = ["", "", "", "", " ", "  ", "   ", "   ", "   ", "    ", "      "]
MARKERS = ["", "", "", "1. ", "2. ", "1) ", "2) ", "3-1. ", "2-1) ", "01. ", "0. ", "10. ", "1.  ", "а) ", "б) ",
           "1.5 ", "1) 2) ", "1. 1) ", "1. 2) "]  # fmt: skip
WORDS = ["Органы", "өз", "ңөү", "жана", "статьи", "3-1.", "2)", "1.", "[части 1](art:kenesh#1)", "[части\n1](art:x#1.2)",
         "[](art:z)", "[ a ](act:law/5)", "  ", " ", "\u00a0", "\u2003", "\u2028", "<b>", "!", "(", ")", "*", "_",
         "-", "#", "Примечание.", "## ky", "1) text\n   2) more"]  # fmt: skip
HOSTILE = ["\t", "\\", "\\)", "&amp;", "&", ">", "|", "`", "[x](http://e.org)", "[x](art:a b)", "[x]", "]", "[", "\r",
           "1234567890. ", "12-1-1-1-1. ", "1)\t", "1.", "2)", "1.      ", "        ", "* ", "- ", "> ", "```", "    code", "# x", "###### y", "####### z",
           "## ky ##", "##", "---", "* * *", "|a|b|\n|-|-|"]  # fmt: skip
WHOLE_LINES = ["", "", "   ", "## ky", "## ru"]


def lines(words: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(WHOLE_LINES),
        st.builds(
            lambda indent, marker, chosen, tail: indent + marker + " ".join(chosen) + tail,
            st.sampled_from(INDENTS),
            st.sampled_from(MARKERS),
            st.lists(st.sampled_from(words), min_size=1, max_size=6),
            st.sampled_from(["", "", "", " ", "  "]),
        ),
    )


def bodies(words: list[str]) -> st.SearchStrategy[str]:
    ends = st.sampled_from(["", "\n", "\n\n", "\n  "])
    return st.builds(lambda chosen, end: "\n".join(chosen) + end, st.lists(lines(words), max_size=25), ends)


@profile(200, 20_000)
@given(bodies(WORDS))
def test_generated_bodies_read_the_same(body: str) -> None:
    same_as_markdown_it(body)


@profile(100, 10_000)
@given(bodies(WORDS + HOSTILE))
def test_generated_hostile_bodies_read_the_same_or_are_declined(body: str) -> None:
    same_as_markdown_it(body)
