"""The bad-input corpus: one broken Code per rule, each asserting code, path and line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kodeks import check
from kodeks.rules import RULES
from kodeks.store.worktree import read_worktree

from .conftest import BASE_FILES, YAML, A, WriteCode


def edit(path: str, old: str, new: str, count: int = 1) -> dict[str, str | bytes | None]:
    text = BASE_FILES[path]
    assert text.count(old) >= count, f"{old!r} not in {path}"
    return {path: text.replace(old, new, count)}


IN_FORCE = edit(YAML, "stage: draft", "stage: in-force")

OLD_LAW = """\
id: old-law
stage: in-force
languages: [ru]
title: {ru: "Закон о старом"}
number: "7"
adopted: 2002-03-15
chapters:
  - id: only
    number: 1
    title: {ru: "Глава"}
    articles: [art-1]
"""
OLD_LAW_ARTICLE = """\
---
id: art-1
number: 1
title: {ru: "Статья"}
status: agreed
---

## ru

Текст статьи.
"""

REVIEWS = "code_text/reviews/round-1.yaml"
CONFLICTS = "code_text/conflicts.yaml"
ROUND = """\
name: Первое обсуждение
sent: 2026-12-01
revision: 0123456789abcdef0123456789abcdef01234567
comments:
  - id: round-1/1
    author: Айгүл Токтогулова
    organisation: Министерство юстиции
    unit: art:kenesh#2
    place: часть 2 статьи 3
    language: ru
    comment: Уточнить, какой кенеш.
    decision: accepted
    reason: Уточнено.
    via: comment
"""
ROUND_ENTRY = """\
  - id: round-1/2
    author: Бакыт Осмонов
    unit: art:concepts
    comment: Согласен.
    decision: open
"""

# name → (changes to the base Code, expected {(code, path, line)})
CASES: dict[str, tuple[dict[str, str | bytes | None], set[tuple[str, str, int]]]] = {
    "F001 latin-1 bytes": (
        {A + "concepts.md": BASE_FILES[A + "concepts.md"].replace("Понятия", "Caf\xe9").encode("latin-1", "replace")},
        {("F001", A + "concepts.md", 4)},
    ),
    "F002 file over 1 MiB": (
        {A + "concepts.md": BASE_FILES[A + "concepts.md"] + "x" * (1024 * 1024)},
        {("F002", A + "concepts.md", 1)},
    ),
    "F004 stray file": ({"code_text/notes.txt": "hello"}, {("F004", "code_text/notes.txt", 1)}),
    "F004 nested article": (
        {A + "old/subject.md": BASE_FILES[A + "subject.md"]},
        {("F004", A + "old/subject.md", 1)},
    ),
    "C001 vertical tab pasted into a part": (
        edit(A + "kenesh.md", "Кенеш решает", "Кенеш\vрешает"),
        {("C001", A + "kenesh.md", 17)},
    ),
    "C001 control character as a YAML escape in a chapter title": (
        edit(YAML, 'ru: "Основы"', 'ru: "Осн\\x01овы"'),
        {("C001", YAML, 15)},
    ),
    "C002 bidi override makes 03 read 30": (
        edit(A + "kenesh.md", "согласно [части 2]", "согласно \u202e03\u202c [части 2]"),
        {("C002", A + "kenesh.md", 16)},
    ),
    "C002 zero-width space in a title": (
        edit(A + "concepts.md", 'ru: "Понятия"', 'ru: "Поня\u200bтия"'),
        {("C002", A + "concepts.md", 4)},
    ),
    "C003 Latin o in a Cyrillic word": (
        edit(A + "kenesh.md", "Местный кенеш действует", "Местный кенеш дейcтвует"),
        {("C003", A + "kenesh.md", 16)},
    ),
    "C003 Armenian o in a Cyrillic word": (
        edit(A + "kenesh.md", "Местный кенеш действует", "Местный кенеш действу\u0585т"),
        {("C003", A + "kenesh.md", 16)},
    ),
    "C003 fullwidth o in a Kyrgyz word": (
        edit(A + "kenesh.md", "Жергиликтүү кеңеш [2", "Жергиликтүү к\uff4fеңеш [2"),
        {("C003", A + "kenesh.md", 11)},
    ),
    "C003 mathematical bold o in a title": (
        edit(A + "concepts.md", 'ru: "Понятия"', 'ru: "П\U0001d428нятия"'),
        {("C003", A + "concepts.md", 4)},
    ),
    "C003 a decomposed й": (
        edit(A + "kenesh.md", "Местный кенеш действует", "Местныи\u0306 кенеш действует"),
        {("C003", A + "kenesh.md", 16)},
    ),
    "C003 the Kyrgyz ң written with a look-alike Cyrillic letter": (
        edit(A + "kenesh.md", "Жергиликтүү кеңеш [2", "Жергиликтүү ке\u04caеш [2"),
        {("C003", A + "kenesh.md", 11)},
    ),
    "C003 a narrow o of Cyrillic Extended-C": (
        edit(A + "kenesh.md", "Местный кенеш действует", "Местный кенеш действу\u1c82ет"),
        {("C003", A + "kenesh.md", 16)},
    ),
    "C003 a digit zero for the letter o": (
        edit(A + "kenesh.md", "Местный кенеш действует", "Местный кенеш действ0ет"),
        {("C003", A + "kenesh.md", 16)},
    ),
    "C003 a stroke over a letter": (
        edit(A + "kenesh.md", "Местный кенеш действует", "Местный кенеш де\u0335йствует"),
        {("C003", A + "kenesh.md", 16)},
    ),
    "C002 braille blank between words": (
        edit(A + "kenesh.md", "решает вопросы", "решает\u2800вопросы"),
        {("C002", A + "kenesh.md", 17)},
    ),
    "Y002 integer of 5,000 digits": (
        edit(A + "concepts.md", "number: 2", "number: " + "9" * 5000),
        {("Y002", A + "concepts.md", 3)},
    ),
    "Y002 huge hexadecimal number in code.yaml": (
        edit(YAML, "    number: 1\n", "    number: 0x" + "f" * 6000 + "\n"),
        {("Y002", YAML, 10)},
    ),
    "P001 a paragraph before part 1 in one language only (was an internal error)": (
        edit(A + "kenesh.md", "## ru\n\n1. Местный", "## ru\n\nВводный абзац.\n\n1. Местный"),
        {("B012", A + "kenesh.md", 16), ("P001", A + "kenesh.md", 14)},
    ),
    "B012 an unindented абзац between two points of an article of points": (
        edit(
            A + "concepts.md",
            "указанный в [статье 3](art:kenesh);\n",
            "указанный в [статье 3](art:kenesh);\n\nАбзац.\n\n",
        ),
        {("B012", A + "concepts.md", 21), ("P001", A + "concepts.md", 15)},
    ),
    "B010 an unindented абзац swallows the next part": (
        edit(A + "kenesh.md", "настоящей статьи.\n", "настоящей статьи.\n\nВторой абзац части.\n"),
        # Part 2 is gone, so its reference and the parity of the languages fail too: B010 says why.
        # The абзац itself now stands outside the parts: B012 says to indent it.
        {
            ("B010", A + "kenesh.md", 19),
            ("B012", A + "kenesh.md", 18),
            ("R003", A + "kenesh.md", 16),
            ("P001", A + "kenesh.md", 14),
        },
    ),
    "B010 subpoints typed one per line merge into one paragraph": (
        edit(A + "concepts.md", "1) жергиликтүү кеңеш", "1) жергиликтүү кеңеш:\n   а) биринчи;\n   б) экинчи;\n  "),
        {("B010", A + "concepts.md", 13), ("B010", A + "concepts.md", 14)},
    ),
    "B010 a marker too long to be read as one becomes text": (
        edit(A + "kenesh.md", "2. Кенеш решает", "\n2-1-1-1-1-1-1-1-1-1-1. Кенеш решает"),
        {
            ("B010", A + "kenesh.md", 18),
            ("B012", A + "kenesh.md", 18),
            ("R003", A + "kenesh.md", 16),
            ("P001", A + "kenesh.md", 14),
        },
    ),
    "N007 «01)» is read as a point, not folded into the paragraph above": (
        edit(A + "concepts.md", "В настоящем Кодексе:\n\n1) местный", "В настоящем Кодексе:\n01) местный"),
        {("N007", A + "concepts.md", 18), ("P001", A + "concepts.md", 15), ("R003", A + "subject.md", 20)},
    ),
    "M001 an inserted part written right under its neighbour": (
        {
            **IN_FORCE,
            A + "kenesh.md": BASE_FILES[A + "kenesh.md"]
            .replace("\n2. Кеңеш", "\n1-1. Кеңеш жаңы бөлүккө ылайык иштейт.\n2. Кеңеш")
            .replace("\n2. Кенеш", "\n\n1-1. Кенеш действует по новой части.\n\n2. Кенеш"),
        },
        {("M001", A + "kenesh.md", 12), ("M001", A + "kenesh.md", 13)},  # ky only: ru is set off
    ),
    "M002 the points of an inserted part": (
        {
            **IN_FORCE,
            A + "kenesh.md": BASE_FILES[A + "kenesh.md"]
            .replace("\n2. Кеңеш", "\n\n1-1. Кеңеш:\n\n     1) чечет;\n     2) бекитет.\n\n2. Кеңеш")
            .replace("\n2. Кенеш", "\n\n1-1. Кенеш:\n\n     1) решает;\n     2) утверждает.\n\n2. Кенеш"),
        },
        {("M002", A + "kenesh.md", 15), ("M002", A + "kenesh.md", 26)},
    ),
    "N011 a part added after the last one numbered as an insertion": (
        {
            **IN_FORCE,
            A + "kenesh.md": BASE_FILES[A + "kenesh.md"]
            .replace("чечет.\n", "чечет.\n\n2-1. Жаңы бөлүк.\n")
            .replace("(sec:general).\n", "(sec:general).\n\n2-1. Новая часть.\n"),
        },
        {("N011", A + "kenesh.md", 14), ("N011", A + "kenesh.md", 21)},
    ),
    "Y001 no front matter": (
        {A + "concepts.md": "## ky\n\nтекст\n\n## ru\n\nтекст\n"},
        {("Y001", A + "concepts.md", 1)},
    ),
    "Y001 front matter not closed": (
        {A + "concepts.md": "---\nid: concepts\nnumber: 2\n\n## ky\n"},
        {("Y001", A + "concepts.md", 1)},
    ),
    "Y002 YAML syntax": (
        edit(A + "concepts.md", 'ru: "Понятия"}', 'ru: "Понятия"'),
        {("Y002", A + "concepts.md", 4)},
    ),
    "Y002 YAML syntax in code.yaml": (
        edit(YAML, "    number: 1\n", "    number: [1\n"),
        {("Y002", YAML, 10)},
    ),
    "Y002 nesting bomb": (
        edit(A + "concepts.md", "status: agreed\n", "status: agreed\nnotes: " + "[" * 100 + "]" * 100 + "\n"),
        {("Y002", A + "concepts.md", 6)},
    ),
    "Y003 alias": (
        edit(A + "concepts.md", "status: agreed\n", "status: &s agreed\nnotes: *s\n"),
        {("Y003", A + "concepts.md", 5)},
    ),
    "Y004 front matter is a list": (
        {A + "concepts.md": "---\n- concepts\n---\n\n## ky\n\nа\n\n## ru\n\nа\n"},
        {("Y004", A + "concepts.md", 2)},
    ),
    "Y005 missing number": (edit(A + "concepts.md", "number: 2\n", ""), {("Y005", A + "concepts.md", 2)}),
    "Y006 unknown status": (
        edit(A + "concepts.md", "status: agreed", "status: final"),
        {("Y006", A + "concepts.md", 5)},
    ),
    "Y006 stage": (edit(YAML, "stage: draft", "stage: final"), {("Y006", YAML, 2)}),
    "Y007 unknown key": (
        edit(A + "kenesh.md", "status: draft\n", "status: draft\nauthor: someone\n"),
        {("Y007", A + "kenesh.md", 6)},
    ),
    "Y008 id differs from file name": (
        edit(A + "kenesh.md", "id: kenesh", "id: council"),
        {("Y008", A + "kenesh.md", 2)},
    ),
    "Y009 title missing for a language": (
        edit(A + "concepts.md", ', ru: "Понятия"', ""),
        {("Y009", A + "concepts.md", 4)},
    ),
    "Y009 chapter title empty": (edit(YAML, 'ru: "Основы"', 'ru: " "'), {("Y009", YAML, 15)}),
    "Y010 invalid id": (
        edit(YAML, "articles: [kenesh]", "articles: [Kenesh_1]"),
        {("Y010", YAML, 20), ("S002", A + "kenesh.md", 2)},
    ),
    "Y011 front matter over 64 KiB": (
        edit(A + "kenesh.md", 'notes: "Обсудить на семинаре."', "notes: " + "x" * 70000),
        {("Y011", A + "kenesh.md", 2)},
    ),
    "Y012 markup in a title": (
        edit(A + "kenesh.md", 'ru: "Местный кенеш"', 'ru: "<img src=//evil.example/p.png> Местный кенеш"'),
        {("Y012", A + "kenesh.md", 4)},
    ),
    "Y012 a link in a chapter title": (
        edit(YAML, 'ru: "Основы"', 'ru: "[Основы](https://evil.example)"'),
        {("Y012", YAML, 15)},
    ),
    "S001 listed article has no file": (
        {A + "kenesh.md": None},
        {("S001", YAML, 20), ("R002", A + "concepts.md", 12), ("R002", A + "concepts.md", 19)},
    ),
    "S002 file not listed": (
        {
            A + "extra.md": BASE_FILES[A + "kenesh.md"]
            .replace("id: kenesh", "id: extra")
            .replace("art:kenesh#2", "art:extra#2")
        },
        {("S002", A + "extra.md", 2)},
    ),
    "S003 listed twice": (edit(YAML, "articles: [kenesh]", "articles: [kenesh, subject]"), {("S003", YAML, 20)}),
    "S004 chapter and section share an id": (
        edit(YAML, "  - id: general", "  - id: basics"),
        {("S004", YAML, 13), ("R002", A + "kenesh.md", 12), ("R002", A + "kenesh.md", 17)},
    ),
    "S004 act and article share an id": (
        {YAML: BASE_FILES[YAML].replace("  lsg-law:", "  lsg-law:\n    title: {ky: a, ru: b}\n  kenesh:")},
        {("S004", YAML, 22)},
    ),
    "S005 neither sections nor chapters": (
        {YAML: BASE_FILES[YAML].split("sections:")[0]},
        {
            ("S005", YAML, 1),
            ("S002", A + "subject.md", 2),
            ("S002", A + "concepts.md", 2),
            ("S002", A + "kenesh.md", 2),
            ("R002", A + "kenesh.md", 12),
            ("R002", A + "kenesh.md", 17),
        },
    ),
    "N001 section number": (
        edit(YAML, "  - id: general\n    number: 1", "  - id: general\n    number: 2"),
        {("N001", YAML, 10)},
    ),
    "N002 chapter number": (edit(YAML, "number: 2\n", "number: 3\n"), {("N002", YAML, 18)}),
    "N003 article number": (edit(A + "kenesh.md", "number: 3", "number: 4"), {("N003", A + "kenesh.md", 3)}),
    "N004 parts skip a number": (
        edit(A + "kenesh.md", "2. Кенеш", "3. Кенеш"),
        {("N004", A + "kenesh.md", 17), ("P001", A + "kenesh.md", 14), ("R003", A + "kenesh.md", 16)},
    ),
    "N005 points skip a number": (
        edit(A + "concepts.md", "2) мыйзам", "3) мыйзам"),
        {("N005", A + "concepts.md", 13), ("P001", A + "concepts.md", 15)},
    ),
    "N006 insertion number in a draft": (
        edit(A + "kenesh.md", "number: 3", 'number: "2-1"'),
        {("N006", A + "kenesh.md", 3)},
    ),
    "N007 malformed article number": (
        edit(A + "kenesh.md", "number: 3", "number: three"),
        {("N007", A + "kenesh.md", 3)},
    ),
    "N007 malformed part marker": (
        edit(A + "kenesh.md", "2. Кенеш", "02. Кенеш"),
        {("N007", A + "kenesh.md", 17), ("P001", A + "kenesh.md", 14), ("R003", A + "kenesh.md", 16)},
    ),
    "N008 repealed in a draft": (
        edit(A + "kenesh.md", "status: draft", "status: repealed"),
        {
            ("N008", A + "kenesh.md", 5),
            ("B009", A + "kenesh.md", 9),
            ("B009", A + "kenesh.md", 14),
            ("R005", A + "concepts.md", 12),
            ("R005", A + "concepts.md", 19),
            ("R005", A + "kenesh.md", 11),
            ("R005", A + "kenesh.md", 16),
        },
    ),
    "B001 language section missing": (
        {A + "kenesh.md": BASE_FILES[A + "kenesh.md"].split("## ru")[0]},
        {("B001", A + "kenesh.md", 1)},
    ),
    "B002 language section twice": (
        {A + "kenesh.md": BASE_FILES[A + "kenesh.md"] + "\n## ky\n\n1. Дагы.\n"},
        {("B002", A + "kenesh.md", 19)},
    ),
    "B003 languages out of order": (
        {
            A + "concepts.md": BASE_FILES[A + "concepts.md"].split("## ky")[0]
            + "## ru"
            + BASE_FILES[A + "concepts.md"].split("## ru")[1]
            + "\n## ky"
            + BASE_FILES[A + "concepts.md"].split("## ky")[1].split("## ru")[0]
        },
        {("B003", A + "concepts.md", 8)},
    ),
    "B004 text before the first section": (
        edit(A + "kenesh.md", "## ky\n", "Вступление.\n\n## ky\n"),
        {("B004", A + "kenesh.md", 9)},
    ),
    "B004 unknown language": (
        {A + "kenesh.md": BASE_FILES[A + "kenesh.md"] + "\n## en\n\n1. Council.\n"},
        {("B004", A + "kenesh.md", 19)},
    ),
    "B005 empty section": (
        {A + "kenesh.md": BASE_FILES[A + "kenesh.md"].split("## ru")[0] + "## ru\n"},
        {("B005", A + "kenesh.md", 14)},
    ),
    "B006 bullet list": (
        edit(A + "concepts.md", "1) местный кенеш", "- местный кенеш"),
        {
            ("B006", A + "concepts.md", 19),
            ("P001", A + "concepts.md", 15),
            ("N005", A + "concepts.md", 20),
            ("R003", A + "subject.md", 20),
        },
    ),
    "B006 table": (
        edit(A + "concepts.md", "В настоящем Кодексе:\n", "| a | b |\n|---|---|\n| 1 | 2 |\n"),
        # Without its intro the ru text has one абзац fewer than the ky text.
        {("B006", A + "concepts.md", 17), ("P001", A + "concepts.md", 15)},
    ),
    "B007 points outside their part (10. needs 4 spaces)": (
        edit(A + "subject.md", "   1) местным", "1) местным"),
        # Point 2, indented under point 1, starts at 2 and cannot interrupt its paragraph.
        {("B007", A + "subject.md", 21), ("B010", A + "subject.md", 22), ("P001", A + "subject.md", 17)},
    ),
    "B008 part inside a part": (
        edit(
            A + "subject.md", "   1) местным кенешам;\n   2) айыл окмоту.", "   1. местным кенешам;\n   2. айыл окмоту."
        ),
        {("B008", A + "subject.md", 21), ("P001", A + "subject.md", 17)},
    ),
    "R001 malformed reference": (
        edit(A + "kenesh.md", "(art:kenesh#2) настоящей", "(art:kenesh#two) настоящей"),
        {("R001", A + "kenesh.md", 16), ("P002", A + "kenesh.md", 16)},
    ),
    "R002 unknown article": (
        edit(A + "concepts.md", "(art:kenesh);", "(art:council);"),
        {("R002", A + "concepts.md", 19), ("P002", A + "concepts.md", 15)},
    ),
    "R002 unknown chapter": (
        edit(A + "kenesh.md", "(ch:basics) и", "(ch:basic) и"),
        {("R002", A + "kenesh.md", 17), ("P002", A + "kenesh.md", 17)},
    ),
    "R003 unknown part": (
        edit(A + "kenesh.md", "(art:kenesh#2) ылайык", "(art:kenesh#5) ылайык"),
        {("R003", A + "kenesh.md", 11), ("P002", A + "kenesh.md", 16)},
    ),
    "R003 unknown point": (
        {A + "subject.md": BASE_FILES[A + "subject.md"].replace("art:concepts#.1", "art:concepts#.7")},
        {("R003", A + "subject.md", 13), ("R003", A + "subject.md", 20)},
    ),
    "B011 a subpoint standing directly in a part": (
        {
            A + "subject.md": BASE_FILES[A + "subject.md"]
            .replace("   2) айыл өкмөтү.\n", "   2) айыл өкмөтү.\n\n   а) шаар мэриясы.\n")
            .replace("   2) айыл окмоту.\n", "   2) айыл окмоту.\n\n   а) мэрия города.\n")
        },
        {("B011", A + "subject.md", 17), ("B011", A + "subject.md", 26)},
    ),
    "B012 an unindented абзац stands between parts": (
        {
            A + "kenesh.md": BASE_FILES[A + "kenesh.md"]
            .replace("ылайык иштейт.\n", "ылайык иштейт.\n\nЭкинчи абзац.\n\n")
            .replace("настоящей статьи.\n", "настоящей статьи.\n\nВторой абзац.\n\n")
        },
        {("B012", A + "kenesh.md", 13), ("B012", A + "kenesh.md", 21)},
    ),
    "N009 subpoint letters skip one": (
        {
            A + "subject.md": BASE_FILES[A + "subject.md"]
            .replace("   2) айыл өкмөтү.\n", "   2) айыл өкмөтү:\n\n      а) биринчи;\n\n      в) экинчи.\n")
            .replace("   2) айыл окмоту.\n", "   2) айыл окмоту:\n\n      а) первый;\n\n      б) второй.\n")
        },
        # ky skips б; the two languages then differ in their subpoints too.
        {("N009", A + "subject.md", 19), ("P001", A + "subject.md", 21)},
    ),
    "N010 notes numbered out of sequence": (
        {
            A + "kenesh.md": BASE_FILES[A + "kenesh.md"]
            .replace(
                "аталган маселелерди чечет.\n",
                "аталган маселелерди чечет.\n\nЭскертүүлөр.\n\n1. Биринчи.\n3. Экинчи.\n",
            )
            .replace(
                "и [разделе I](sec:general).\n",
                "и [разделе I](sec:general).\n\nПримечания.\n\n1. Первое.\n2. Второе.\n",
            )
        },
        {("N010", A + "kenesh.md", 17), ("P001", A + "kenesh.md", 19)},
    ),
    "R001 text that looks like a link: a space between ] and (": (
        edit(A + "kenesh.md", "[части 2](art:kenesh#2)", "[части 2] (art:kenesh#2)"),
        {("R001", A + "kenesh.md", 16), ("P002", A + "kenesh.md", 16)},
    ),
    "R001 a destination with no scheme": (
        edit(A + "kenesh.md", "[главе 1](ch:basics)", "[главе 1](basics#1)"),
        {("R001", A + "kenesh.md", 17), ("P002", A + "kenesh.md", 17)},
    ),
    "R007 a range written with a spaced hyphen in the draft": (
        {
            A + "kenesh.md": BASE_FILES[A + "kenesh.md"]
            .replace("[2-бөлүккө](art:kenesh#2)", "[1–2-бөлүктөргө](art:kenesh#1~2)")
            .replace("[части 2](art:kenesh#2)", "[частям 1 - 2](art:kenesh#1~2)")
        },
        {("R007", A + "kenesh.md", 16)},
    ),
    "R007 a range written with a hyphen": (
        {
            A + "kenesh.md": BASE_FILES[A + "kenesh.md"]
            .replace("[2-бөлүккө](art:kenesh#2)", "[1–2-бөлүктөргө](art:kenesh#1~2)")
            .replace("[части 2](art:kenesh#2)", "[частям 1-2](art:kenesh#1~2)")
        },
        {("R007", A + "kenesh.md", 16)},
    ),
    "R008 a range that runs backwards": (
        {
            A + "kenesh.md": BASE_FILES[A + "kenesh.md"]
            .replace("[2-бөлүккө](art:kenesh#2)", "[2–1-бөлүктөргө](art:kenesh#2~1)")
            .replace("[части 2](art:kenesh#2)", "[частям 2–1](art:kenesh#2~1)")
        },
        {("R008", A + "kenesh.md", 11), ("R008", A + "kenesh.md", 16)},
    ),
    "S006 the text of an act that acts: does not list": (
        {
            "code_text/acts/old-law/act.yaml": OLD_LAW,
            "code_text/acts/old-law/articles/art-1.md": OLD_LAW_ARTICLE,
        },
        {("S006", "code_text/acts/old-law/act.yaml", 1)},
    ),
    "S007 an act's text in the draft stage": (
        {
            YAML: str(BASE_FILES[YAML]).replace(
                "acts:\n", 'acts:\n  old-law:\n    title: {ky: "Мыйзам", ru: "Закон"}\n'
            ),
            "code_text/acts/old-law/act.yaml": OLD_LAW.replace("stage: in-force", "stage: draft"),
            "code_text/acts/old-law/articles/art-1.md": OLD_LAW_ARTICLE,
        },
        {("S007", "code_text/acts/old-law/act.yaml", 1)},
    ),
    "D001 a disposition of a provision the act does not have": (
        {
            YAML: str(BASE_FILES[YAML]).replace(
                "acts:\n", 'acts:\n  old-law:\n    title: {ky: "Мыйзам", ru: "Закон"}\n'
            ),
            "code_text/acts/old-law/act.yaml": OLD_LAW,
            "code_text/acts/old-law/articles/art-1.md": OLD_LAW_ARTICLE,
            "code_text/acts/old-law/dispositions.yaml": '- {provision: "2", reason: obsolete}\n',
        },
        {("D001", "code_text/acts/old-law/dispositions.yaml", 1)},
    ),
    "D002 a provision both absorbed and declared not transferred": (
        {
            YAML: str(BASE_FILES[YAML]).replace(
                "acts:\n", 'acts:\n  old-law:\n    title: {ky: "Мыйзам", ru: "Закон"}\n'
            ),
            "code_text/acts/old-law/act.yaml": OLD_LAW,
            "code_text/acts/old-law/articles/art-1.md": OLD_LAW_ARTICLE,
            "code_text/acts/old-law/dispositions.yaml": '- {provision: "1", reason: obsolete}\n',
            A + "subject.md": str(BASE_FILES[A + "subject.md"]).replace(
                '{act: lsg-law, article: "1"}', '{act: old-law, article: "1"}'
            ),
        },
        {("D002", "code_text/acts/old-law/dispositions.yaml", 1)},
    ),
    "V001 a comment about a part the article no longer has": (
        {
            REVIEWS: ROUND.replace("unit: art:kenesh#2", "unit: art:kenesh#5"),
        },
        {("V001", REVIEWS, 5)},
    ),
    "V002 two comments with one id": (
        {REVIEWS: ROUND + ROUND_ENTRY.replace("round-1/2", "round-1/1")},
        {("V002", REVIEWS, 15)},
    ),
    "V003 a rejected comment without a reason": (
        {REVIEWS: ROUND.replace("decision: accepted\n    reason: Уточнено.", "decision: rejected")},
        {("V003", REVIEWS, 5)},
    ),
    "K001 a finding resolved by an article the Code does not have": (
        {CONFLICTS: "- finding: referral/0123456789\n  decision: resolved\n  by: no-such\n  reason: Так.\n"},
        {("K001", CONFLICTS, 1)},
    ),
    "K002 two decisions on one finding": (
        {
            CONFLICTS: "- {finding: referral/0123456789, decision: kept, reason: Так.}\n"
            "- {finding: referral/0123456789, decision: not-a-conflict, reason: Так.}\n"
        },
        {("K002", CONFLICTS, 2)},
    ),
    "K004 definitions: naming an article the Code does not have": (
        edit(YAML, "languages: [ky, ru]\n", "languages: [ky, ru]\ndefinitions: [concepts, terms]\n"),
        {("K004", YAML, 4)},
    ),
    "K003 a decision without a reason": (
        {CONFLICTS: "- {finding: referral/0123456789, decision: kept}\n"},
        {("K003", CONFLICTS, 1)},
    ),
    "Y006 a decision that is not one of the three": (
        {CONFLICTS: "- {finding: referral/0123456789, decision: maybe, reason: Так.}\n"},
        {("Y006", CONFLICTS, 1)},
    ),
    "Y007 an unknown key in a comment": (
        {REVIEWS: ROUND.replace("    via: comment", "    status: done")},
        {("Y007", REVIEWS, 14)},
    ),
    "B013 the placeholder kodeks new writes, left in place": (
        edit(A + "kenesh.md", "2. Кенеш решает вопросы", "2. (текст статьи)\n3. Кенеш решает вопросы"),
        {("B013", A + "kenesh.md", 17), ("P001", A + "kenesh.md", 14)},
    ),
    "R004 stale number": (edit(A + "concepts.md", "[статье 3]", "[статье 4]"), {("R004", A + "concepts.md", 19)}),
    "R004 stale section numeral": (
        edit(A + "kenesh.md", "[разделе I]", "[разделе II]"),
        {("R004", A + "kenesh.md", 17)},
    ),
    "R006 unknown act": (
        edit(A + "concepts.md", "(act:lsg-law).\n\n## ru", "(act:lsg-law-2011).\n\n## ru"),
        {("R006", A + "concepts.md", 13), ("P002", A + "concepts.md", 15)},
    ),
    "R006 unknown source act": (
        edit(A + "subject.md", "{act: lsg-law,", "{act: old-law,"),
        {("R006", A + "subject.md", 7)},
    ),
    "P001 a part missing in one language": (
        edit(A + "kenesh.md", "2. Кенеш решает", "Кенеш решает"),
        {("P001", A + "kenesh.md", 14), ("R003", A + "kenesh.md", 16)},
    ),
    "P002 a reference missing in one language": (
        edit(A + "kenesh.md", "[главе 1](ch:basics)", "главе 1"),
        {("P002", A + "kenesh.md", 17)},
    ),
    # In force: numbers are frozen, insertions are N-k, repealed articles keep their place.
    "in force: N003 gap in article numbers": (
        {**IN_FORCE, **edit(A + "kenesh.md", "number: 3", "number: 4")},
        {("N003", A + "kenesh.md", 3), ("R004", A + "concepts.md", 12), ("R004", A + "concepts.md", 19)},
    ),
    "in force: B009 repealed article with text": (
        {**IN_FORCE, **edit(A + "kenesh.md", "status: draft", "status: repealed")},
        {
            ("B009", A + "kenesh.md", 9),
            ("B009", A + "kenesh.md", 14),
            ("R005", A + "concepts.md", 12),
            ("R005", A + "concepts.md", 19),
            ("R005", A + "kenesh.md", 11),
            ("R005", A + "kenesh.md", 16),
        },
    ),
}


def run_check(root: Path) -> set[tuple[str, str, int]]:
    result = check(read_worktree(root))
    return {(d.code, d.location.path, d.location.line) for d in result.diagnostics}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_reported_where_it_is(name: str, code_dir: WriteCode) -> None:
    changes, expected = CASES[name]
    assert run_check(code_dir(changes)) == expected


def test_the_base_code_is_valid(code_dir: WriteCode) -> None:
    assert run_check(code_dir()) == set()


def test_symlinks_are_refused_never_followed(code_dir: WriteCode, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(BASE_FILES[A + "kenesh.md"].replace("kenesh", "secret"), encoding="utf-8")
    root = code_dir()
    os.symlink(secret, root / A / "secret.md")
    os.symlink(tmp_path, root / A / "linked-dir")
    assert run_check(root) == {("F003", A + "linked-dir", 1), ("F003", A + "secret.md", 1)}


def test_a_fifo_is_refused(code_dir: WriteCode) -> None:
    root = code_dir()
    os.mkfifo(root / A / "pipe.md")
    assert run_check(root) == {("F003", A + "pipe.md", 1)}


def test_every_rule_has_a_case_in_the_corpus() -> None:
    # F003 needs a symlink or a FIFO (tests below); I001 and I002 come from `kodeks import` (test_import.py);
    # Y013 asks Git whether a law's revision exists (test_history.py); L001 comes from
    # `kodeks amend --apply` (test_amend.py).
    covered = {code for _, expected in CASES.values() for code, _, _ in expected}
    assert covered | {"F003", "I001", "I002", "Y013", "L001"} == set(RULES)


def test_a_submodule_is_refused_alike_in_the_working_tree_and_a_revision(code_dir: WriteCode, tmp_path: Path) -> None:
    import subprocess

    from kodeks.store.git import read_revision

    from .conftest import git

    library = tmp_path / "library"
    library.mkdir()
    git(library, "init", "-q", "-b", "main")
    (library / "x.md").write_text("x", encoding="utf-8")
    git(library, "add", "-A")
    git(library, "commit", "-q", "-m", "x")
    root = code_dir()
    git(root, "init", "-q", "-b", "main")
    subprocess.run(
        ["git", "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(library), A + "lib"],
        cwd=root, check=True, capture_output=True,
    )  # fmt: skip
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "with a submodule")
    expected = {("F003", A + "lib", 1)}
    assert run_check(root) == expected
    revision = check(read_revision(root, "HEAD"))
    assert {(d.code, d.location.path, d.location.line) for d in revision.diagnostics} == expected
    assert all(d.is_error for d in revision.diagnostics)


def test_ids_windows_cannot_check_out_are_refused(code_dir: WriteCode) -> None:
    for reserved in ("con", "aux", "nul", "com1", "lpt1", "prn"):
        root = code_dir({A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("id: kenesh", f"id: {reserved}")})
        assert ("Y010", A + "kenesh.md", 2) in run_check(root), reserved
