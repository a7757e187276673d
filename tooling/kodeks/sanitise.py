"""The pull-request comment, made safe in the trusted job: an allow-list over what GitHub parses.

The renderer escapes article text already; this pass is a second, independent line of
defence, so that a bug there, or a body written by anyone else, still cannot post an image, a
link out of this repository, raw HTML beyond the redline's own markup, a mention or an issue
reference. It does not look for hazards in Markdown (every pattern missed one: a link with a
title, a reference definition inside a quote, an escape that does nothing on a raw HTML line);
it parses the body as GitHub does, with cmark-gfm, keeps from the parsed tree only the elements
and attributes on the list below, and writes that tree back as one line of HTML, which GitHub
passes through as a raw HTML block without reading any Markdown in it again.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import KodeksError
from .messages import msg

JOINER = "\u2060"
"""A word joiner: invisible, and enough to keep GitHub from reading a mention, a link or #N."""

ELEMENTS = frozenset(
    "div p br b strong em i del s ins code pre blockquote ul ol li table thead tbody tr th td details summary "
    "h1 h2 h3 h4 h5 h6 hr a".split()
)
"""What a redline comment is made of (tables, lists and quotes of article text included)."""
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"id", "href"}),
    "details": frozenset({"open"}),
    "th": frozenset({"align"}),
    "td": frozenset({"align"}),
    "ol": frozenset({"start"}),
}
_VALUES = {
    "align": re.compile(r"left|center|right"),
    "open": re.compile(r"|open"),
    "start": re.compile(r"[0-9]{1,9}"),
    "id": re.compile(r"[A-Za-z0-9_.:-]{1,200}"),
}
_ANCHOR = re.compile(r"#[A-Za-z0-9_.:-]{0,200}")
_UNFIT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_DEFUSE = re.compile(r"@(?=\w)|#(?=[0-9])|(?i:gh)-(?=[0-9])|(?i:www)\.|:(?=//)")


class SanitiserMissing(KodeksError):
    """The trusted job runs without cmarkgfm: nothing is posted rather than an unchecked body."""

    exit_code = 2


def sanitise(body: str, repository: str, limit: int | None = None) -> str:
    """``body`` (GitHub Markdown) as one line of HTML holding nothing live but the redline's own
    markup and links to anchors or into ``repository`` (``owner/name``); at most ``limit``
    characters, cut between elements, with a note saying so."""
    try:
        import cmarkgfm
        from cmarkgfm.cmark import Options
    except ImportError:  # pragma: no cover - the comment job installs it (tooling/requirements/comment.txt)
        raise SanitiserMissing(
            msg("the comment's sanitiser needs cmarkgfm: {command}", command="pip install 'kodeks[github]'")
        ) from None
    from lxml import etree
    from lxml import html as lxml_html

    body = _UNFIT.sub("\ufffd", body)  # what XML cannot hold (lxml refuses it): shown as �
    rendered = cmarkgfm.github_flavored_markdown_to_html(body, options=Options.CMARK_OPT_UNSAFE)
    if not rendered.strip():
        return ""
    # One <div> around it all: a line that began with another tag (<b>, as a raw HTML block of the
    # body may) would not be read as raw HTML by GitHub, and its Markdown would be read again.
    root = lxml_html.document_fromstring(f"<!DOCTYPE html><html><body>{rendered}</body></html>").find("body")
    root.tag = "div"
    _clean(root, repository)
    root.attrib.clear()
    text = _line(etree.tostring(root, encoding="unicode", method="html"))
    if limit is None or len(text) <= limit:
        return text
    note = lxml_html.fragment_fromstring("<p></p>")
    note.text = str(msg("… (cut to fit GitHub's comment limit)"))
    budget = limit - len(_line(etree.tostring(note, encoding="unicode", method="html")))
    # Every character is counted as written (line breaks escaped, a container's own markup
    # charged only when it is kept), so the cut fits: a redline's last article (one <details>)
    # is cut inside, never dropped whole for a few characters. Only a limit below the note's own
    # length (never a real comment's) gives more than the limit: the note alone.
    _fit(root, budget - _own(root))
    root.append(note)
    return _line(etree.tostring(root, encoding="unicode", method="html"))


def _line(serialised: str) -> str:
    """One line: a blank line would end GitHub's raw HTML block and let Markdown be read again."""
    return serialised.replace("\r", "&#13;").replace("\n", "&#10;")


def _clean(element: Any, repository: str) -> None:
    for child in list(element):
        if not isinstance(child.tag, str):  # a comment or processing instruction: dropped, its tail kept
            _drop(child, keep_text=False)
            continue
        _clean(child, repository)
        tag = child.tag.lower()
        if tag not in ELEMENTS:
            _drop(child, keep_text=tag not in ("img", "input", "script", "style"))
            continue
        allowed = ATTRIBUTES.get(tag, frozenset())
        for name, value in list(child.attrib.items()):
            pattern = _VALUES.get(name)
            keep = name in allowed and (
                _safe_href(value, repository) if name == "href" else bool(pattern and pattern.fullmatch(value))
            )
            if not keep:
                del child.attrib[name]
        if tag == "a" and not child.attrib:
            _drop(child, keep_text=True)
    element.text = _defused(element.text)
    for child in element:
        child.tail = _defused(child.tail)


def _drop(element: Any, keep_text: bool) -> None:
    """Remove ``element``; its text and children's text stay (as plain text) if ``keep_text``."""
    parent = element.getparent()
    if keep_text:
        element.drop_tag()
        return
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _defused(text: str | None) -> str | None:
    return _DEFUSE.sub(lambda m: m.group() + JOINER, text) if text else text


def _safe_href(href: str, repository: str) -> bool:
    """An anchor of the comment, or a plain path into this repository on GitHub: nothing encoded,
    escaped or relative that a browser could resolve elsewhere."""
    if _ANCHOR.fullmatch(href):
        return True
    own = f"https://github.com/{repository}/"
    path, _, fragment = href.removeprefix(own).partition("#")
    return (
        href.startswith(own)
        and re.fullmatch(r"[A-Za-z0-9_\-]+(?:[./][A-Za-z0-9_\-]+)*/?", path) is not None
        and ".." not in path
        and re.fullmatch(r"[A-Za-z0-9_.:-]{0,200}", fragment) is not None
    )


def _own(element: Any) -> int:
    """The characters of an element's own markup and text, without its children's."""
    from lxml import etree

    return len(_line(etree.tostring(element, encoding="unicode", method="html", with_tail=False))) - sum(
        len(_line(etree.tostring(child, encoding="unicode", method="html"))) for child in element
    )


def _fit(element: Any, budget: int) -> int:
    """Keep the children of ``element`` that fit in ``budget`` characters besides its own markup
    (a container that does not fit whole is cut inside, if its own markup and a first child fit);
    what is left of the budget."""
    from lxml import etree

    for index, child in enumerate(list(element)):
        size = len(_line(etree.tostring(child, encoding="unicode", method="html")))
        if size <= budget:
            budget -= size
            continue
        if len(child) and child.tag in ("div", "details", "table", "thead", "tbody", "ul", "ol", "blockquote"):
            child.tail = None
            own = _own(child)
            if own <= budget:
                left = _fit(child, budget - own)
                if len(child):  # an empty container says nothing: it goes too
                    budget, index = left, index + 1
        for rest in list(element)[index:]:
            element.remove(rest)
        break
    return budget
