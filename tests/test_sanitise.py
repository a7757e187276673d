"""The comment's sanitiser as its own line of defence: fed hostile Markdown directly (not through
the renderer, which escapes article text already), what GitHub renders of its output holds no
image, no link out of this repository, no element or attribute outside the redline's own, no
hidden comment, and no mention or issue reference; the redline's own markup comes through."""

from __future__ import annotations

import posixpath
import re
import urllib.parse

import lxml.html
import pytest

from kodeks.github import COMMENT_MAX, MARKER, safe_comment
from kodeks.sanitise import JOINER

from .conftest import github_html
from .hostile_markdown import CASES

REPO = "lsg/code"
PAGE = f"https://github.com/{REPO}/pull/1"
"""The page the comment is shown on: where a relative link goes."""
SHOWN = {
    "div", "p", "br", "b", "strong", "em", "del", "ins", "code", "pre", "blockquote", "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "a", "html", "body",
}  # fmt: skip
MENTION = re.compile(r"(?<![\w`])@[A-Za-z0-9][A-Za-z0-9-]*")
ISSUE = re.compile(r"(?<![\w&])(?:#|(?i:gh)-)[0-9]+")
URL = re.compile(r"(?:(?i:https?|ftp):(?=//)|(?i:www)\.)(?!\u2060)")


def destination(href: str) -> urllib.parse.SplitResult:
    """Where a browser goes: relative to the page, «\\» as «/», %2e as «.», dot segments removed."""
    url = urllib.parse.urlsplit(urllib.parse.urljoin(PAGE, href.strip().replace("\\", "/")))
    path = re.sub(r"%2e", ".", url.path, flags=re.IGNORECASE)
    return url._replace(path=posixpath.normpath(path) if path else "/")


def live(rendered: str) -> list[str]:
    """Everything live in what GitHub renders of a comment, as a list of findings."""
    found = []
    body = rendered.split(MARKER, 1)[-1]
    if re.search(r"<!--|<\?|<!\[CDATA\[|<![A-Za-z]", body):
        found.append("a comment, processing instruction or declaration")
    root = lxml.html.document_fromstring(f"<div>{rendered}</div>")
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag not in SHOWN:
            found.append(f"<{node.tag}>")
        for name, value in node.attrib.items():
            if node.tag == "a" and name == "href":
                target = destination(value)
                inside = target.netloc == "github.com" and target.path.startswith(f"/{REPO}/")
                if not value.startswith("#") and not (target.scheme == "https" and inside):
                    found.append(f"a link to {value!r}")
            elif (node.tag, name) not in {("a", "id"), ("details", "open"), ("td", "align"), ("th", "align")}:
                if (node.tag, name) != ("ol", "start"):
                    found.append(f"{name}= on <{node.tag}>")
        if node.tag in ("code", "pre", "a"):
            continue
        for text in (node.text, *(child.tail for child in node)):
            for pattern in (MENTION, ISSUE, URL):
                found += [f"{match.group()!r} in the text" for match in pattern.finditer(text or "")]
    return found


@pytest.mark.parametrize("name, hostile", CASES, ids=[name for name, _ in CASES])
def test_nothing_hostile_survives_the_sanitiser(name: str, hostile: str) -> None:
    before = live(github_html(hostile))
    after = live(github_html(safe_comment(hostile, REPO)))
    assert after == [], after
    if name.startswith("ctl-"):
        assert before == []  # the controls were harmless to begin with …
        # … and keep their words (an invisible word joiner aside).
        shown = lxml.html.fromstring(f"<div>{github_html(hostile)}</div>").text_content()
        kept = lxml.html.fromstring(f"<div>{github_html(safe_comment(hostile, REPO))}</div>").text_content()
        assert kept.replace(JOINER, "").split() == shown.split()


def test_the_corpus_is_hostile() -> None:
    """Without the sanitiser, what GitHub renders of most cases is live: the oracle sees it."""
    hostile = [name for name, text in CASES if not name.startswith("ctl-") and live(github_html(text))]
    assert len(hostile) >= 100, len(hostile)


def test_a_redline_comes_through_as_github_showed_it(code_repo_redline: str) -> None:
    """The redline's own markup (details, summaries, tables, del and ins, anchors) renders the same
    after the sanitiser: the same elements, in the same order, with the same words."""
    shown = lxml.html.fromstring(f"<div>{github_html(code_repo_redline)}</div>")
    kept = lxml.html.fromstring(f"<div>{github_html(safe_comment(code_repo_redline, REPO))}</div>")
    assert [e.tag for e in kept.iter() if isinstance(e.tag, str)][2:] == [
        e.tag for e in shown.iter() if isinstance(e.tag, str)
    ][1:]  # the sanitiser's own <div> aside
    assert kept.text_content().replace(JOINER, "").split() == shown.text_content().split()


@pytest.fixture
def code_repo_redline(code_repo: object) -> str:
    from .conftest import BASE_FILES, A, kodeks

    changed = BASE_FILES[A + "kenesh.md"].replace("решает вопросы", "решает все вопросы")
    root = code_repo([{A + "kenesh.md": changed}])  # type: ignore[operator]
    result = kodeks("redline", "--root", str(root), "HEAD~1")
    assert "<ins>все</ins>" in result.output
    return result.output


def test_a_long_body_is_cut_between_elements_with_its_details_closed() -> None:
    body = "<details open><summary>x</summary>\n\n| a | b |\n|---|---|\n" + "| a | b |\n" * 20_000 + "\n</details>"
    safe = safe_comment(body, REPO)
    assert len(safe) <= COMMENT_MAX
    shown = lxml.html.fromstring(f"<div>{github_html(safe)}</div>")
    (details,) = shown.iter("details")
    assert 1000 < len(list(details.iter("tr"))) < 20_000
    assert shown.text_content().rstrip().endswith("(cut to fit GitHub's comment limit)")
    assert live(github_html(safe)) == []


def test_the_comments_own_links_keep_their_targets() -> None:
    """What the sanitiser keeps must still lead where it led: an anchor of the comment, and a
    page of this repository, capitals and a fragment included."""
    own = [
        "#change-kenesh",
        f"https://github.com/{REPO}/blob/main/CONTRIBUTING.md#Validation-rules",
        f"https://github.com/{REPO}/actions/runs/123",
    ]
    body = "".join(f'<a href="{href}">x</a> ' for href in own)
    kept = lxml.html.fromstring(f"<div>{github_html(safe_comment(body, REPO))}</div>")
    assert [a.get("href") for a in kept.iter("a") if a.get("href")] == own
