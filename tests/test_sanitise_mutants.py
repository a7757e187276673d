"""The sanitiser's smaller promises, each one a mutation test found unchecked: the words of the
body stay (in order, formatted as GitHub showed them) around what is dropped; what is left of a
link out of the repository is plain text; attribute values outside their forms go; the output
is one line however the body breaks its own; and a comment cut to a limit shows the beginning of
the body, as much of it as fits, then the note."""

from __future__ import annotations

import functools
import sys
from html.parser import HTMLParser

import lxml.html
import pytest

from kodeks.sanitise import JOINER, SanitiserMissing, sanitise

from .conftest import github_html
from .test_sanitise import REPO, live

NOTE_WORDS = ["…", "(cut", "to", "fit", "GitHub's", "comment", "limit)"]


def shown(markdown: str) -> lxml.html.HtmlElement:
    """What GitHub renders of ``markdown``, under one <div>."""
    return lxml.html.fragment_fromstring(github_html(markdown), create_parent="div")


def kept(body: str, limit: int | None = None) -> lxml.html.HtmlElement:
    """What GitHub renders of the sanitised ``body``: the sanitiser's own <div>."""
    (div,) = shown(sanitise(body, REPO, limit))
    return div


def words(element: lxml.html.HtmlElement) -> list[str]:
    """The words shown, the sanitiser's invisible word joiners aside."""
    text: str = element.text_content()
    return text.replace(JOINER, "").split()


def formatted(element: lxml.html.HtmlElement) -> list[tuple[str, tuple[str, ...]]]:
    """Each word shown under ``element``, with the elements it is shown in (bold, a cell, …)."""
    found: list[tuple[str, tuple[str, ...]]] = []

    def walk(node: lxml.html.HtmlElement, within: tuple[str, ...]) -> None:
        found.extend((word, within) for word in (node.text or "").replace(JOINER, "").split())
        for child in node:
            if isinstance(child.tag, str):
                walk(child, (*within, child.tag))
            found.extend((word, within) for word in (child.tail or "").replace(JOINER, "").split())

    walk(element, ())
    return found


class _SelfClosed(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in {"br", "hr", "img", "input", "wbr"}:
            self.found.append(tag)


def left_open(html: str) -> list[str]:
    """Elements written self-closed, as XML writes an empty one (<b/>): HTML has no such thing, and
    a browser leaves them open (the rest of the comment bold). lxml's own parser reads them as
    XML would, so this asks the standard library's tokeniser."""
    parser = _SelfClosed()
    parser.feed(html)
    return parser.found


# --- what is dropped goes; the words around it stay -----------------------------------------------


AROUND = [
    ("img-between-words", 'before <img src="//evil.example/p.png"> after'),
    ("img-first", '<img src="//evil.example/p.png"> after'),
    ("img-after-a-tail", 'one <b>two</b> three <img src="//evil.example/p.png"> four'),
    ("img-right-after-an-element", 'one <b>two</b><img src="//evil.example/p.png"> three'),
    ("comment-and-input", "one <b>two</b> three <!-- hidden --> four <input type=checkbox> five"),
    ("unknown-elements", "press <kbd>Ctrl</kbd> and <span onmouseover=alert(1)>Enter</span>, then H<sub>2</sub>O"),
    ("untrusted-links", "[click here](https://evil.example) or [there](/evil/repo 't')"),
    ("mentions-and-references", "write to @user about #12, GH-12 and gh-3 at www.example.org or https://example.org"),
]


@pytest.mark.parametrize("body", [body for _, body in AROUND], ids=[name for name, _ in AROUND])
def test_the_words_around_what_is_dropped_stay_in_order(body: str) -> None:
    assert words(kept(body)) == words(shown(body))


@pytest.mark.parametrize("tag", ["script", "style", "SCRIPT"])
def test_a_script_or_style_is_dropped_with_its_content(tag: str) -> None:
    """cmark-gfm's tag filter escapes <script> and <style>, but not <script/x>: the sanitiser's
    own list is what keeps its content from being shown."""
    body = f"<div><{tag}/x>alert(1)</{tag}/x></div>\n\nafter"
    assert words(kept(body)) == ["after"]


def test_a_link_out_of_the_repository_stays_plain_text() -> None:
    div = kept("see [the page](https://evil.example) and [that](//evil.example 't')")
    assert div.find(".//a") is None
    assert words(div) == ["see", "the", "page", "and", "that"]


def test_an_empty_element_keeps_its_words_after_it_unformatted() -> None:
    """HTML has no <b/>: an empty element written as XML would make the rest of the line bold."""
    body = "<b></b>plain and <del></del>kept, <a id='x'></a>[own](#x)"
    assert left_open(sanitise(body, REPO)) == []
    assert formatted(kept(body)) == formatted(shown(body))


def test_characters_xml_cannot_hold_are_shown_as_replacement_characters() -> None:
    assert words(kept("a\x01b\x7fc \ud800 d")) == ["a\ufffdb\ufffdc", "\ufffd", "d"]


@pytest.mark.parametrize("body", ["", " \n\t", "[r]: https://github.com/lsg/code/"])
def test_a_body_that_shows_nothing_gives_nothing(body: str) -> None:
    assert sanitise(body, REPO) == ""


# --- attributes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, tag, attribute, value",
    [
        ('<ol start="3"><li>x</li></ol>', "ol", "start", "3"),
        ('<ol start="-3"><li>x</li></ol>', "ol", "start", None),
        ('<ol start="1e9"><li>x</li></ol>', "ol", "start", None),
        ('<table><tr><td align="right">x</td></tr></table>', "td", "align", "right"),
        ('<table><tr><td align="justify">x</td></tr></table>', "td", "align", None),
        ('<table><tr><th align="left;x">x</th></tr></table>', "th", "align", None),
        ("<details open><summary>s</summary>x</details>", "details", "open", ""),
        ('<details open="no"><summary>s</summary>x</details>', "details", "open", None),
        ('<a id="ky-art-1"></a>x', "a", "id", "ky-art-1"),
        ('<a id="a b" href="#x">x</a>', "a", "id", None),
    ],
)
def test_an_attribute_value_outside_its_form_is_dropped(body: str, tag: str, attribute: str, value: str | None) -> None:
    (element,) = kept(body).iter(tag)
    assert element.get(attribute) == value


# --- one line -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "```\ncode\n\n[x](/evil/repo)\n```",  # a blank line in a code block
        "<pre>code&#13;&#13;[x](/evil/repo)</pre>",  # two carriage returns: a blank line too
        "<pre>code&#13;&#10;&#13;&#10;[x](/evil/repo)</pre>",
    ],
    ids=["newlines", "carriage-returns", "crlf"],
)
def test_a_blank_line_in_the_body_does_not_end_the_comments_html(body: str) -> None:
    """A blank line would end GitHub's raw HTML block: what follows would be read as Markdown."""
    safe = sanitise(body, REPO)
    assert "\n" not in safe and "\r" not in safe
    assert live(github_html(safe)) == []
    assert words(kept(body)) == words(shown(body))


# --- a comment cut to its limit -----------------------------------------------------------------

PARAGRAPHS = "\n\n".join(f"paragraph {n} " + "x" * n for n in range(1, 60))
ITEMS = {
    "ul": "\n".join(f"- item {n:03} " + "x" * 60 for n in range(200)),
    "ol": "\n".join(f"1. item {n:03} " + "x" * 60 for n in range(200)),
    "blockquote": "\n>\n".join(f"> item {n:03} " + "x" * 60 for n in range(200)),
    "div": "<div>\n\n" + "\n\n".join(f"item {n:03} " + "x" * 60 for n in range(200)) + "\n\n</div>",
    "thead": "<table><thead>" + "".join(f"<tr><th>item {n:03} {'x' * 60}</th></tr>" for n in range(200)) + "</thead>",
}
DETAILS = "<details open><summary>x</summary>\n\n| a | b |\n|---|---|\n" + "| a | b |\n" * 30 + "\n</details>"


@functools.cache
def whole_formatted(body: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(formatted(kept(body)))


def assert_cut(body: str, limit: int) -> str:
    """The sanitised ``body`` cut to ``limit``: within it, the note last, and before the note the
    beginning of the whole comment, each word formatted as it was there."""
    safe = sanitise(body, REPO, limit)
    assert len(safe) <= limit
    assert left_open(safe) == []
    whole, cut = whole_formatted(body), formatted(kept(body, limit))
    assert [word for word, _ in cut[-len(NOTE_WORDS) :]] == NOTE_WORDS
    cut = cut[: -len(NOTE_WORDS)]
    assert tuple(cut) == whole[: len(cut)]
    return safe


def test_a_comment_that_fits_exactly_is_not_cut() -> None:
    whole = sanitise(PARAGRAPHS, REPO)
    assert sanitise(PARAGRAPHS, REPO, len(whole)) == whole
    assert words(kept(PARAGRAPHS, len(whole) - 1))[-len(NOTE_WORDS) :] == NOTE_WORDS


@pytest.mark.parametrize("limit", [300, 777, 1500])
def test_a_paragraph_that_fits_exactly_is_kept(limit: int) -> None:
    """Cut to the length of a cut comment, the body gives that comment again: nothing less."""
    cut = assert_cut(PARAGRAPHS, limit)
    assert sanitise(PARAGRAPHS, REPO, len(cut)) == cut


@pytest.mark.parametrize("container", ITEMS)
def test_a_long_container_is_cut_between_its_items(container: str) -> None:
    body = ITEMS[container] + "\n\nthe end"
    assert_cut(body, 2100)
    cut = kept(body, 2100)
    assert 15 < cut.text_content().count("item ") < 200
    assert "end" not in words(cut)


@pytest.mark.parametrize(
    "body, limits",
    [
        (PARAGRAPHS, range(100, 2000, 19)),
        (DETAILS, range(60, 1000, 5)),
        ("<b></b>plain\n\n" + DETAILS, range(60, 1000, 5)),
        ("\n".join(f"- item {n:03} " + "x" * 200 for n in range(50)) + "\n\nthe end", range(1990, 2100)),
    ],
    ids=["paragraphs", "details", "paragraph-then-details", "list-then-paragraph"],
)
def test_a_cut_comment_is_the_beginning_of_the_whole_then_the_note(body: str, limits: range) -> None:
    """At every limit in a range: cuts inside containers, and cuts that the per-element count
    left a few characters over, so that the last element kept goes too."""
    for limit in limits:
        assert_cut(body, limit)


def test_a_limit_too_small_for_anything_still_gives_the_note() -> None:
    """Below the note's own length (never so for a real comment): the note alone, not an error."""
    assert words(kept(DETAILS, 10)) == NOTE_WORDS


# --- without its parser -------------------------------------------------------------------------


def test_without_cmarkgfm_nothing_is_sanitised_and_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "cmarkgfm", None)  # import cmarkgfm: ImportError
    with pytest.raises(SanitiserMissing) as raised:
        sanitise("x", REPO)
    assert raised.value.exit_code == 2
    assert "cmarkgfm" in str(raised.value)
    assert str(raised.value).endswith("pip install 'kodeks[github]'")


def test_a_redline_article_a_few_characters_over_is_cut_inside_not_dropped() -> None:
    """An article of a redline is a <details>: once the limit leaves room for its summary (the
    article's name), a comment a few characters over is cut inside it, never loses it whole (the
    budget, counted per element, came out a few characters over, and at 8 limits in 49 the whole
    article went)."""
    cuts = [sanitise(DETAILS, REPO, limit) for limit in range(60, 1000, 2)]
    kept_it = ["<summary>x</summary>" in cut for cut in cuts]
    first = kept_it.index(True)
    assert all(kept_it[first:]), [60 + 2 * i for i, kept in enumerate(kept_it) if i > first and not kept][:5]
    rows = [cut.count("<tr>") for cut in cuts]  # and more room never keeps fewer of its rows
    assert rows == sorted(rows)
