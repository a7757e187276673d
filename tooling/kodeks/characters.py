"""Characters a reader cannot see, that XML cannot hold, or that are not what they look like.

A bidi override makes «\\u202e03\\u202c» display as «30»; a zero-width space splits a word that
looks whole; a Latin «с» in a Cyrillic word looks the same and searches differently. Validation
reports them where they are written; renderers strip what XML cannot hold; the redline shows
every such character inside a change, so that a change is never invisible.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .messages import Message, listed, msg, verbatim

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""Control characters (tab and newline aside), line and paragraph separators, and what XML 1.0
cannot hold at all: Word refuses a document with any of them."""

INVISIBLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef]"
)
"""Format characters (Unicode category Cf: zero-width, bidi controls, soft hyphen, tags), fillers
(the Hangul ones, the braille blank U+2800) and variation selectors: nothing to see, yet they
change what the text says or how it sorts."""

_HIDDEN = re.compile(f"{CONTROL.pattern}|{INVISIBLE.pattern}")

_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_CYRILLIC = "\u0410-\u044f\u0401\u0451\u04a2\u04a3\u04ae\u04af\u04e8\u04e9"
"""The letters of the Code's languages: the Russian alphabet, and Kyrgyz's ң, ү, ө besides. Other
Cyrillic letters are look-alikes here: «ѳ» (fita) for «ө», «ӊ» for «ң», Cyrillic Extended-C's
narrow «ᲂ» and wide «ᲃ», «ѕ», «і»."""
_GREEK = "\u0370-\u03ff\u1f00-\u1fff"
_LETTER = r"[^\W\d_]"
_LETTER_CHARACTER = re.compile(_LETTER)
_FOREIGN = rf"[^\W\d_{_CYRILLIC}]"
"""A letter of any other alphabet: Latin, Greek, Armenian «օ», fullwidth «ｏ», mathematical «𝐨»…"""
MIXED_WORD = re.compile(rf"(?<!{_LETTER})(?=(?:{_LETTER})*?[{_CYRILLIC}])(?=(?:{_LETTER})*?{_FOREIGN})(?:{_LETTER})+")
"""A word with letters of the Code's alphabets and letters of another: «Кoдекс» with a Latin «o»."""
_SCRIPTS = (("Latin", re.compile(f"[{_LATIN}]")), ("Greek", re.compile(f"[{_GREEK}]")))
_BESIDE_CYRILLIC = re.compile(f"{_FOREIGN}(?:(?=[{_CYRILLIC}])|(?<=[{_CYRILLIC}].))")
"""A letter of another alphabet right next to one of ours: where a mixed word must be. Searched
first because it starts on the rare letters (0.06 s on 4 million characters, against 0.5 s for
the word pattern everywhere)."""
_DIGIT_BEFORE_LETTER = re.compile(rf"[0-9](?={_LETTER})")
"""The last digit of a run a letter follows: where «Осн0вные» (a digit between letters, one of
them ours, where «о» was meant) must be. Searched from the digits, which are rare: a pattern
that starts from the letters cost 0.07 s a megabyte, this one 0.015."""
_OURS = re.compile(f"[{_CYRILLIC}]")
_CODE = re.compile(r"[A-ZА-ЯЁҢӨҮ][0-9][A-ZА-ЯЁҢӨҮ]?|[A-ZА-ЯЁҢӨҮ]{1,2}[0-9]")
"""A category code of capitals and a digit («С1Е», «D1», «СЕ1»): letters and a digit, not a
look-alike (driving licence categories in the road traffic law)."""
_UNUSUAL = re.compile("[^\x00-\x7f\u0400-\u04ff]")
"""Anything but ASCII and basic Cyrillic: the only places an invisible character can be."""


def name(character: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: what a drafter can search for."""
    return f"U+{ord(character):04X} {unicodedata.name(character, 'control character')}"


def script_of(character: str) -> str:
    """«Latin», «Greek», or the script or form Unicode names the letter by (Armenian, fullwidth
    Latin, mathematical bold…)."""
    for script, pattern in _SCRIPTS:
        if pattern.fullmatch(character):
            return script
    words = unicodedata.name(character, "letter").split()
    return " ".join(words[: words.index("LETTER")] if "LETTER" in words else words[:2]).capitalize()


def foreign_letters(word: str) -> list[Message]:
    """The letters of a mostly Kyrgyz or Russian word that are not of those alphabets, named:
    «латын «c» тамгасы»; a rarer script by Unicode's (English) name, what a drafter can search for."""
    foreign = re.compile(_FOREIGN)
    named = []
    for letter in dict.fromkeys(word):
        if foreign.fullmatch(letter):
            script = script_of(letter)
            if script == "Latin":
                named.append(msg("Latin «{letter}»", letter=letter))
            elif script == "Greek":
                named.append(msg("Greek «{letter}»", letter=letter))
            else:
                named.append(msg("{script} «{letter}»", script=script, letter=letter))
    return named


def findings(text: str) -> Iterator[tuple[str, int, str]]:
    """:func:`described_findings` with ``what`` said in this run's language (to compare or print
    now; a diagnostic, which may be cached and said in another language, takes the message)."""
    for kind, offset, what in described_findings(text):
        yield kind, offset, what.said()


def described_findings(text: str) -> Iterator[tuple[str, int, Message]]:
    """``(kind, offset, what)`` for every control character, invisible character, letter written
    decomposed and mixed word; kind is ``control``, ``invisible``, ``decomposed`` or ``mixed``."""
    for match in CONTROL.finditer(text):
        yield "control", match.start(), verbatim(name(match.group()))
    for match in _UNUSUAL.finditer(text):
        character = match.group()
        if INVISIBLE.match(character):
            yield "invisible", match.start(), verbatim(name(character))
        elif unicodedata.combining(character) and match.start() > 0:
            pair = text[match.start() - 1 : match.end()]
            composed = unicodedata.normalize("NFC", pair)
            if len(composed) == 1:  # «и» + U+0306 is «й»: the same on screen, not in a search
                yield (
                    "decomposed",
                    match.start() - 1,
                    msg(
                        "«{composed}» written as «{letter}» + {mark}",
                        composed=composed,
                        letter=pair[0],
                        mark=name(character),
                    ),
                )
            else:  # a stroke or a letter over a letter: the word looks like another
                yield (
                    "decomposed",
                    match.start() - 1,
                    msg("«{pair}»: «{letter}» carries {mark}", pair=pair, letter=pair[0], mark=name(character)),
                )
        elif unicodedata.category(character) == "Nd":
            yield (
                "mixed",
                match.start(),
                msg("«{digit}» ({name}) is a digit of another script", digit=character, name=name(character)),
            )
    for digit in _DIGIT_BEFORE_LETTER.finditer(text):
        start = digit.start()
        while start and text[start - 1] in "0123456789":
            start -= 1
        before, after = text[start - 1 : start], text[digit.end()]
        if _LETTER_CHARACTER.match(before) and (_OURS.match(before) or _OURS.match(after)):
            left, right = start, digit.end()
            while left and text[left - 1].isalnum():
                left -= 1
            while right < len(text) and text[right].isalnum():
                right += 1
            if _CODE.fullmatch(text[left:right]):
                continue  # «С1Е», «D1»: a category code of capitals and a digit, no look-alike
            run = text[start : digit.end()]
            yield "mixed", start, msg("the digit «{digit}» stands between letters, as a look-alike of one", digit=run)
    seen = -1
    for letter in _BESIDE_CYRILLIC.finditer(text):
        start = letter.start()
        while start > 0 and _LETTER_CHARACTER.match(text[start - 1]):
            start -= 1
        if start <= seen:
            continue  # another letter of a word already reported
        word = MIXED_WORD.match(text, start)
        if word:
            seen = start
            yield (
                "mixed",
                start,
                msg("«{word}» has {letters}", word=word.group(), letters=listed(foreign_letters(word.group()))),
            )


def xml_safe(text: str) -> str:
    """The text without the characters XML 1.0 cannot hold (validation has reported them)."""
    return CONTROL.sub("", text) if CONTROL.search(text) else text


def visible(text: str) -> str:
    """Every control or invisible character as ``⟨U+001B⟩``: a stranger's text printed to a
    terminal or a page can neither steer the one nor hide words in the other."""
    return _HIDDEN.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def reveal(text: str) -> str:
    """Changed text as a reviewer must see it: every control or invisible character as
    ``⟨U+200B⟩``, every Latin or Greek letter inside a Cyrillic word as ``⟨Latin c⟩``."""
    text = visible(text)

    def mark(match: re.Match[str]) -> str:
        return "".join(
            next((f"⟨{script} {c}⟩" for script, pattern in _SCRIPTS if pattern.fullmatch(c)), c) for c in match.group()
        )

    return MIXED_WORD.sub(mark, text)
