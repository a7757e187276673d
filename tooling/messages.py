"""The message catalogs, after a change to what kodeks says (run from the repository's root):

    .venv/bin/python tooling/messages.py

extracts every ``msg(…)`` and ``plural(…)`` of the package into ``locale/kodeks.pot``, merges it
into the Kyrgyz and Russian catalogs (a new sentence arrives untranslated, a changed one fuzzy)
and compiles them, and Click's own sentences (``click.po``, kept by hand), to the ``.mo``
files kodeks reads. Babel does the work (``pip install
'.[dev]'`` brings it); tests/test_messages.py fails until every sentence is translated.
"""

from __future__ import annotations

import os
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tooling" / "kodeks"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "kodeks.pot"
KEYWORDS = ["-k", "msg", "-k", "plural:1,2"]
"""The two functions whose literal first arguments are messages (kodeks.messages)."""
TRANSLATED = ("ky", "ru")


def pybabel(*arguments: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *arguments])  # type: ignore[no-untyped-call]


def main() -> None:
    os.chdir(ROOT)  # the catalogs name each message's file from the repository's root
    LOCALE.mkdir(exist_ok=True)
    pybabel(
        "extract", "--no-default-keywords", *KEYWORDS, "--sort-by-file", "--no-wrap", "--add-location=file",
        "--project", "kodeks", "--copyright-holder", "the kodeks authors", "-o", str(TEMPLATE),
        str(PACKAGE.relative_to(ROOT)),
    )  # fmt: skip
    for language in TRANSLATED:
        catalog = LOCALE / language / "LC_MESSAGES" / "kodeks.po"
        if catalog.exists():
            pybabel(
                "update",
                "--no-wrap",
                "--ignore-pot-creation-date",
                "-D",
                "kodeks",
                "-i",
                str(TEMPLATE),
                "-d",
                str(LOCALE),
                "-l",
                language,
            )
        else:
            pybabel("init", "--no-wrap", "-D", "kodeks", "-i", str(TEMPLATE), "-d", str(LOCALE), "-l", language)
    for domain in ("kodeks", "click"):  # click.po: Click's own sentences, kept by hand (nothing to extract)
        pybabel("compile", "--statistics", "-D", domain, "-d", str(LOCALE))


if __name__ == "__main__":
    main()
