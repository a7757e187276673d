"""Hostile GitHub Markdown for the comment's sanitiser: every GFM construct that can make an image,
a link, raw HTML, a mention or an issue reference, alone and nested. CASES = [(name, text), …].

Cases named ``ctl-*`` are controls that must stay as they are (and are not live).
Cases named ``r-*`` pass the hostile text through the renderer's own ``escape()`` first and
put it where redline_md puts article text (the <summary> line, a table cell, a list item).
"""

from kodeks.render.md import escape

EVIL = "//evil.example"
IMG = "//evil.example/p.png"
OWN = "https://github.com/lsg/code/"


def summary_line(title: str) -> str:
    """What redline_md._article writes for an article whose caption is ``title``."""
    return (
        f'<details open><summary><a id="ky-art-1"></a><b>{escape(title)}</b> — changed</summary>\n\n'
        f"| current | proposed |\n|---|---|\n| {escape(title)} | x |\n\n</details>"
    )


CASES = [
    # --- controls ------------------------------------------------------------------------------
    (
        "ctl-redline-markup",
        '<details open><summary><a id="ky-art-1"></a><b>x</b> — y</summary>\n\n'
        "| a | b |\n|---|---|\n| <del>a</del> | <ins>b</ins><br>c |\n\n</details>",
    ),
    ("ctl-anchor-link", "[x](#ky-art-1)"),
    ("ctl-own-link", f"[x]({OWN}pull/1)"),
    ("ctl-entities", "a &amp; b &lt; &gt; &quot; &emsp; &nbsp;"),
    # --- images --------------------------------------------------------------------------------
    ("img-inline", f"![x]({IMG})"),
    ("img-title-dq", f'![x]({IMG} "t")'),
    ("img-title-nextline", f'![x]({IMG}\n"t")'),
    ("img-ref-full", f"![x][r]\n\n[r]: {IMG}"),
    ("img-ref-def-in-quote", f"![r]\n\n> [r]: {IMG}"),
    ("img-in-link", f"[![x]({IMG})](#a)"),
    ("img-in-table", f'| a |\n|---|\n| ![x]({IMG} "t") |'),
    ("img-in-footnote", f"x[^1]\n\n[^1]: ![x]({IMG})"),
    ("img-html", f'<img src="{IMG}">'),
    ("img-html-escaped-para", f'\\<img src="{IMG}">'),
    ("img-html-escaped-in-summary", f'<details><summary>\\<img src="{IMG}"></summary>\n\n</details>'),
    ("img-html-escaped-in-details", f'<details>\\<img src="{IMG}">\n\n</details>'),
    ("img-html-escaped-after-b-line", f"<b>\n\\<img src={IMG}>\n</b>"),
    ("img-html-escaped-after-br-line", f"<br>\n\\<img src={IMG}>"),
    ("img-html-escaped-after-ins-line", f"<ins>\n\\<img src={IMG}>"),
    ("img-html-entity", f"&lt;img src={IMG}&gt; &#60;img src={IMG}&#62; &#x3C;img src={IMG}&#x3E;"),
    ("img-html-entity-escaped-in-summary", f"<details><summary>\\&#60;img src={IMG}&#62;</summary>"),
    ("img-bare-tag-via-anchor-link", "a](#<img>)"),
    ("img-picture-svg", f'<svg><image href="{IMG}"/></svg><picture><source srcset="{IMG}"></picture>'),
    ("img-svg-escaped-in-summary", f'<details><summary>\\<svg>\\<image href="{IMG}"/>\\</svg></summary>'),
    # --- inline links --------------------------------------------------------------------------
    ("link-scheme-relative", f"[x]({EVIL})"),
    ("link-https", "[x](https://evil.example)"),
    ("link-title-dq", f'[x]({EVIL} "t")'),
    ("link-title-sq", f"[x]({EVIL} 't')"),
    ("link-title-paren", f"[x]({EVIL} (t))"),
    ("link-title-nextline", f'[x]({EVIL}\n"t")'),
    ("link-title-nextline-sq", f"[x]({EVIL}\n't')"),
    ("link-angle", f"[x](<{EVIL}>)"),
    ("link-angle-title", f'[x](<{EVIL}> "t")'),
    ("link-angle-space", f"[x](<{EVIL}/a b>)"),
    ("link-backslash-host-title", '[x](/\\evil.example "t")'),
    ("link-escaped-slashes-title", '[x](\\/\\/evil.example "t")'),
    ("link-root-relative-title", '[x](/evil/repo "t")'),
    ("link-javascript", "[x](javascript:alert(1))"),
    ("link-javascript-title", '[x](javascript:alert(1) "t")'),
    ("link-javascript-noparen-title", '[x](javascript:alert%281%29 "t")'),
    ("link-data-title", '[x](data:text/html;base64,PHNjcmlwdD4= "t")'),
    ("link-entity-scheme", "[x](&#106;avascript:alert(1))"),
    ("link-entity-scheme-title", '[x](&#106;avascript&colon;alert(1) "t")'),
    ("link-https-title", '[x](https://evil.example "t")'),
    ("link-balanced-parens", f"[x]({EVIL}/(a)b)"),
    ("link-escaped-bracket", f"\\[x]({EVIL}) [x\\]({EVIL})"),
    ("link-in-emphasis", f"*[x]({EVIL} \"t\")* **[y]({EVIL})** ~~[z]({EVIL} 't')~~"),
    ("link-in-atx-heading", f'# [x]({EVIL} "t")'),
    ("link-in-setext-heading", f'[x]({EVIL} "t")\n==='),
    ("link-in-table", f'| a | b |\n|---|---|\n| [x]({EVIL} "t") | [y]({EVIL}\\|z) |'),
    ("link-in-blockquote", f'> [x]({EVIL} "t")'),
    ("link-in-list", f'- [x]({EVIL} "t")'),
    ("link-in-nested-list", f"- a\n  - b\n    1. [x]({EVIL} 't')"),
    ("link-in-quote-list-table", f'> - | a |\n>   |---|\n>   | [x]({EVIL} "t") |'),
    ("link-in-footnote", f'x[^1]\n\n[^1]: [x]({EVIL} "t")'),
    ("link-md-in-summary", f'<details><summary>[x]({EVIL} "t")</summary>\n\n[y]({EVIL} "t")\n\n</details>'),
    ("link-html-a", f'<a href="{EVIL}">x</a>'),
    ("link-html-a-escaped-in-summary", f'<details><summary>\\<a href="{EVIL}">x\\</a></summary>'),
    ("link-html-a-escaped-after-del-line", f'<del>\n\\<a href="{EVIL}">x\\</a>'),
    ("link-html-a-id-plus-href", f'<a id="x" href="{EVIL}"></a> <a href="{EVIL}" id="x"></a>'),
    # --- own-repository allowance --------------------------------------------------------------
    ("own-dotdot", f"[x]({OWN}../../evil/repo)"),
    ("own-dotdot-backslash-escaped", f"[x]({OWN}.\\./.\\./evil/repo)"),
    ("own-dotdot-entity", f"[x]({OWN}&#46;&#46;/&#46;&#46;/evil/repo)"),
    ("own-dotdot-named-entity", f"[x]({OWN}&period;&period;/&period;&period;/evil/repo)"),
    ("own-dotdot-percent", f"[x]({OWN}%2e%2e/%2e%2e/evil/repo)"),
    ("own-dotdot-mixed-percent", f"[x]({OWN}.%2E/%2e./evil/repo)"),
    ("own-escaped-paren-then-dotdot", f"[x]({OWN}a\\)/../../../evil/repo)"),
    ("own-lookalike-repo", "[x](https://github.com/lsg/code.evil/x)"),
    ("own-in-image", f"![x]({OWN}raw/p.png)"),
    # --- reference links -----------------------------------------------------------------------
    ("ref-full", f"[x][r]\n\n[r]: {EVIL}"),
    ("ref-collapsed", f"[r][]\n\n[r]: {EVIL}"),
    ("ref-shortcut", f"[r]\n\n[r]: {EVIL}"),
    ("ref-def-indented-3", f"[r]\n\n   [r]: {EVIL}"),
    ("ref-def-title-nextline", f'[r]\n\n[r]: {EVIL}\n"t"'),
    ("ref-def-in-quote", f"[r]\n\n> [r]: {EVIL}"),
    ("ref-def-in-nested-quote", f"[r]\n\n> > [r]: {EVIL}"),
    ("ref-def-in-list", f"[r]\n\n- [r]: {EVIL}"),
    ("ref-def-in-ordered-list", f"[r]\n\n1. [r]: {EVIL}"),
    ("ref-def-in-nested-list", f"[r]\n\n- a\n  - [r]: {EVIL}"),
    ("ref-def-in-quote-list", f"[r]\n\n> * [r]: {EVIL}"),
    ("ref-def-list-tab", f"[r]\n\n-\t[r]: {EVIL}"),
    ("ref-def-multiline-label", f"[r x]\n\n[r\nx]: {EVIL}"),
    ("ref-def-escaped-bracket-label", f"[a\\]]\n\n[a\\]]: {EVIL}"),
    ("ref-def-in-footnote", f"x[^1]\n\n[^1]: y\n\n    [r]: {EVIL}\n\n[r]"),
    ("ref-def-in-table-neighbour", f'| [r] |\n|---|\n\n> [r]: {EVIL} "t"'),
    ("ref-case-fold", f"[ẞ]\n\n> [SS]: {EVIL}"),
    # --- autolinks -----------------------------------------------------------------------------
    ("autolink-angle", "<https://evil.example>"),
    ("autolink-angle-upper", "<HTTPS://evil.example>"),
    ("autolink-angle-other-scheme", "<irc://evil.example> <javascript:alert(1)>"),
    ("autolink-angle-email", "<x@evil.example>"),
    ("ext-www", "www.evil.example WWW.evil.example"),
    ("ext-http", "http://evil.example https://evil.example ftp://evil.example"),
    ("ext-email", "x@evil.example mailto:x@evil.example xmpp:x@evil.example"),
    ("ext-www-in-table", "| a |\n|---|\n| www.evil.example |"),
    ("ext-www-in-heading-quote-list", "# www.evil.example\n> - https://evil.example"),
    ("ext-entity-www", "&#119;ww.evil.example h&#116;tps://evil.example"),
    ("ext-www-escaped-dot", "www\\.evil.example"),
    # --- raw HTML, block kinds 1-7 and inline --------------------------------------------------
    ("html1-script", "<script>alert(1)</script>"),
    ("html1-pre-style-textarea", "<pre onclick=x>\n</pre>\n<style>*{}</style>\n<textarea>x</textarea>"),
    ("html2-comment", "<!-- hidden -->\nvisible"),
    ("html3-pi", "<?php echo 1; ?>"),
    ("html4-declaration", "<!DOCTYPE html>"),
    ("html5-cdata", "<![CDATA[ <img src=x> ]]>"),
    ("html6-div", '<div style="position:fixed">x</div>'),
    ("html6-details-attr", "<details ontoggle=alert(1) open>\n<summary onclick=x>s</summary>\n</details>"),
    ("html7-span", "<span onmouseover=alert(1)>x</span>"),
    ("html7-allowed-tag-attr", '<b onclick="x">b</b> <ins class="x">i</ins> <br/> <del\n>d</del>'),
    ("html-inline", "text <kbd>k</kbd> <sub>s</sub> <input type=checkbox>"),
    ("html-escaped-para", "\\<span onmouseover=alert(1)>x\\</span>"),
    ("html-escaped-in-details", "<details>\\<span onmouseover=alert(1)>x\\</span>\n\n</details>"),
    (
        "html-escaped-form-in-summary",
        f'<details><summary>\\<form action="{EVIL}">\\<button>go\\</button>\\</form></summary>',
    ),
    (
        "html-escaped-object-in-details",
        f'<details>\n\\<object data="{EVIL}">\\</object>\n\\<video poster="{IMG}">\n\n</details>',
    ),
    ("html-escaped-comment-in-summary", "<details><summary>\\<!-- hides the rest --></summary>"),
    ("html-escaped-pi-cdata-in-summary", "<details><summary>\\<?x ?> \\<![CDATA[ y ]]></summary>"),
    ("html-entity-encoded", "&#60;script&#62;x&#60;/script&#62; &lt;b onclick=x&gt;"),
    ("html-tag-via-anchor-link", "a](#<details>) b](#</details>) c](#<!--) d -->"),
    ("html-tasklist", "- [ ] x\n- [x] y"),
    ("html-footnote-tags", "x[^n]\n\n[^n]: y"),
    ("html-allowed-close-then-raw", "</details>\n<div>x</div>"),
    # --- mentions ------------------------------------------------------------------------------
    ("mention", "@user"),
    ("mention-team", "@org/team"),
    ("mention-escaped", "\\@user"),
    ("mention-entity", "&#64;user &#x40;user &commat;user"),
    ("mention-entity-escaped-para", "\\&#64;user"),
    ("mention-entity-escaped-in-summary", "<details><summary>\\&#64;user \\&commat;org/team</summary>"),
    ("mention-in-link-text", "[@user](#a)"),
    ("mention-in-table", "| a |\n|---|\n| @user |"),
    ("mention-in-summary", "<details><summary>@user</summary>\n\n@org/team\n\n</details>"),
    ("mention-in-footnote", "x[^1]\n\n[^1]: @user"),
    ("mention-in-heading-quote-list", "## @user\n> - @org/team"),
    # --- issue references ----------------------------------------------------------------------
    ("issue-hash", "#12"),
    ("issue-gh", "GH-12 gh-12"),
    ("issue-cross-repo", "owner/repo#12"),
    ("issue-escaped", "\\#12"),
    ("issue-entity", "&#35;12 GH&#45;12 &num;12"),
    ("issue-entity-escaped-in-summary", "<details><summary>\\&#35;12 GH\\&#45;12 owner/repo\\&num;12</summary>"),
    ("issue-in-table-summary", "<details><summary>#12</summary>\n\n| a |\n|---|\n| GH-12 |\n\n</details>"),
    ("issue-in-heading", "# #12"),
    # --- through the renderer's escape(), where redline_md puts article text ------------------
    ("r-img-title", summary_line(f'<img src="{IMG}">')),
    ("r-a-title", summary_line(f'<a href="{EVIL}">x</a>')),
    ("r-event-title", summary_line("<b onmouseover=alert(1)>x</b>")),
    ("r-comment-title", summary_line("<!-- hides the table")),
    ("r-mention-entity-title", summary_line("&#64;user")),
    ("r-issue-entity-title", summary_line("&#35;12 GH&#45;12")),
    ("r-mention-title", summary_line("@user #12 GH-12 www.evil.example https://evil.example")),
    ("r-md-link-title", summary_line(f'[x]({EVIL} "t") ![y]({IMG})')),
    ("r-refdef-title", summary_line(f"[r]: {EVIL}")),
    # --- characters XML cannot hold (lxml refused the body: an internal error in the trusted job) ---
    ("control-characters", "a\x0cb\x00c\x1b[31m <b>\x01</b> [x](\x02//evil.example)"),
]
