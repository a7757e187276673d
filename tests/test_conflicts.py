"""`kodeks conflicts`: contradictions and gaps between the acts the Code gathers, and the Code.

Measured on real text (fixtures/municipal-terms/SOURCE.md): two acts that define the same
terms, one of them differently; and on the suite's Code for the kinds it can show."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import BASE_FILES, CODE_YAML, A, git, kodeks, write_files
from .test_acts import civil_code_act
from .test_consolidation import DISPOSITIONS, EVERYTHING_ELSE, with_sources

FIXTURE = Path(__file__).parent / "fixtures" / "municipal-terms"
ACTS = CODE_YAML.replace(
    'acts:\n  lsg-law:\n    title: {ky: "Мыйзам", ru: "Закон"}\n',
    'acts:\n  lsg-law:\n    title: {ky: "Мыйзам", ru: "Закон"}\n'
    '  federal:\n    title: {ky: "Федералдык мыйзам", ru: "Федеральный закон"}\n'
    '  regional:\n    title: {ky: "Аймактык мыйзам", ru: "Областной закон"}\n',
)


def _with_acts(code_repo: Callable[..., Path], tmp_path: Path) -> Path:
    root = code_repo([{"code_text/code.yaml": ACTS}])
    for act, name, number, adopted in (
        ("federal", "law-131fz.ru.txt", "131-ФЗ", "2003-10-06"),
        ("regional", "regional.ru.txt", "1-test", "2005-01-01"),  # the page prints neither: the test's own
    ):
        source = tmp_path / name
        shutil.copy(FIXTURE / name, source)
        result = kodeks(
            "import", str(source), "--root", str(root), "--act", act, "--language", "ru",
            "--number", number, "--adopted", adopted, "--title", "О местном самоуправлении",
        )  # fmt: skip
        assert result.exit_code == 0, result.output + result.stderr
    git(root, "add", "-A")
    git(root, "commit", "-qm", "acts")
    return root


def _findings(root: Path, *options: str) -> list[dict[str, Any]]:
    result = kodeks("conflicts", "--root", str(root), "--format", "json", *options)
    assert result.exit_code == 0, result.output + result.stderr
    loaded = json.loads(result.stdout)
    assert isinstance(loaded, dict)
    return list(loaded["findings"])


def test_a_term_two_real_acts_define_differently_is_found_and_the_same_wording_is_not(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    root = _with_acts(code_repo, tmp_path)
    findings = _findings(root)
    differs = [f for f in findings if f["kind"] == "term-differs"]
    assert [f["subject"] for f in differs] == ["сельское поселение"]  # not «поселение», not «городское поселение»
    (found,) = differs
    assert [p["key"] for p in found["places"]] == ["act:federal/2#1.abz2", "act:regional/1#abz2"]
    removed = [text for op, text in found["diff"]["ru"] if op == "-"]
    assert removed == ["поселков, ", ", кишлаков, аулов ", ";"]  # the federal list, less the regional one

    # The other definition the acts repeat word for word is the same matter twice, not a contradiction
    # (the pair already reported as a term defined differently is not reported again).
    (same,) = [f for f in findings if f["kind"] == "same-matter"]
    assert sorted(p["key"] for p in same["places"]) == ["act:federal/2#1.abz3", "act:regional/1#abz3"]
    # «Городское» at a sentence's start is «городское»: only a sign differs («;» / «.»)
    assert not [text for op, text in same["diff"]["ru"] if op != "=" and any(c.isalnum() for c in text)]
    assert found["places"][1]["texts"]["ru"].startswith("Сельское поселение - один")  # quoted as written
    # Acts kept in Russian only have nothing to pair: no definition is «in one language only».
    assert not [f for f in findings if f["kind"] == "term-unpaired"]


KENESH_RU = "2. Кенеш решает вопросы, названные в [главе 1](ch:basics) и [разделе I](sec:general)."


def test_each_kind_of_gap_is_found_and_a_decision_quiets_it(
    code_dir: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = civil_code_act()
    with_sources(files, ["act:civil-code/1#1", "act:civil-code/2"], ["act:civil-code/1#2", "act:civil-code/7"])
    files[DISPOSITIONS] = EVERYTHING_ELSE + '- {provision: "11", reason: obsolete}\n'  # every provision decided: void
    kenesh = str(BASE_FILES[A + "kenesh.md"]).replace(
        KENESH_RU,
        KENESH_RU + "\n3. Споры разрешаются в порядке, установленном законодательством, и согласно "
        "[Гражданскому кодексу](act:civil-code).",
    )
    files[A + "kenesh.md"] = kenesh.replace(
        "аталган маселелерди чечет.",
        "аталган маселелерди чечет.\n3. Талаштар мыйзамдарда белгиленген тартипте жана "
        "[Граждандык кодекске](act:civil-code) ылайык чечилет.",
    )
    root = code_dir(files)
    monkeypatch.chdir(root)
    findings = _findings(root)
    kinds = {(f["kind"], f["places"][0]["key"]) for f in findings}
    assert ("void-reference", "art:kenesh") in kinds  # the Code cites an act it declares void
    void = next(f for f in findings if f["kind"] == "void-reference")
    assert void["subject"] in ("Жарандык кодекс", "Гражданский кодекс")  # the act by its title, not its id
    order = ["term-differs", "term-unused", "term-undefined", "term-unpaired", "same-matter", "void-reference",
             "referral", "uncovered"]  # fmt: skip
    assert [f["kind"] for f in findings] == sorted((f["kind"] for f in findings), key=order.index)
    assert ("referral", "art:kenesh") in kinds
    referral = next(f for f in findings if f["kind"] == "referral")
    assert referral["places"][0]["texts"] == {
        "ky": "мыйзамдарда белгиленген тартипте",
        "ru": "в порядке, установленном законодательством",
    }
    unused = next(f for f in findings if f["kind"] == "term-unused")
    assert unused["places"][0]["key"] == "art:concepts#.2"  # «закон» / «мыйзам»: defined, never used again
    assert unused["subjects"] == ["закон"]  # «мыйзам» is used in the Kyrgyz text
    assert unused["places"][0]["names"] == {"ky": "Кодекстин 2-беренесинин 2-пункту", "ru": "пункт 2 статьи 2 Кодекса"}
    assert not [f for f in findings if f["kind"] == "uncovered"]  # every provision decided
    # CI fails on an open finding of the kinds named; a decision quiets it, and is checked.
    assert kodeks("conflicts", "--fail-on", "referral").exit_code == 1
    write_files(
        root,
        {
            "code_text/conflicts.yaml": f"- finding: {referral['id']}\n  decision: kept\n"
            "  reason: Порядок установлен отраслевыми законами.\n"
            f"- finding: {unused['id']}\n  decision: resolved\n  by: no-such-article\n  reason: x\n"
            "- finding: referral/0000000000\n  decision: not-a-conflict\n",
        },
    )
    validated = kodeks("validate")
    assert "code_text/conflicts.yaml:4:3: K001 `" + unused["id"] + "` is resolved by `no-such-article`" in (
        validated.output
    )
    assert "K003 warning: `referral/0000000000` is `not-a-conflict` without a `reason:`" in validated.output
    write_files(root, {"code_text/conflicts.yaml": (root / "code_text/conflicts.yaml").read_text().replace(
        "no-such-article", "concepts")})  # fmt: skip
    quiet = kodeks("conflicts", "--fail-on", "referral")
    assert quiet.exit_code == 0, quiet.output + quiet.stderr
    assert "`referral/0000000000` answers no finding now" in quiet.stderr
    decided = {f["id"]: f["decision"] for f in _findings(root) if f["decided"]}
    assert decided[referral["id"]] == {
        "by": None,
        "decision": "kept",
        "reason": "Порядок установлен отраслевыми законами.",
    }
    bad = kodeks("conflicts", "--fail-on", "everything")
    assert bad.exit_code == 2 and "unknown kind `everything`" in bad.stderr


def test_the_report_is_a_table_per_kind_in_word(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    import docx

    root = _with_acts(code_repo, tmp_path)
    target = tmp_path / "conflicts.docx"
    result = kodeks("conflicts", "--root", str(root), "--format", "docx", "-o", str(target))
    assert result.exit_code == 0, result.output + result.stderr
    assert "(5 findings, 5 open)" in result.output
    document = docx.Document(str(target))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert "Термин ар түрдүү аныкталган / Термин определен по-разному" in headings
    # the words the second definition lacks struck out, commas kept; the texts numbered as the places
    rows = [row.cells for t in document.tables for row in t.rows[1:] if len(row.cells) == 5]
    struck = [r.text for cells in rows for p in cells[3].paragraphs for r in p.runs if r.font.strike]
    assert struck[:2] == ["поселков,", ", кишлаков, аулов"]
    texts = [cells[2].text for cells in rows]
    assert texts[0].startswith("1. ") and "\n2. " in texts[0]


def test_every_place_in_the_report_opens_its_unit_on_the_published_site(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    from urllib.parse import urlsplit

    import cmarkgfm
    import docx
    from lxml import html

    root = _with_acts(code_repo, tmp_path)
    built = kodeks("site", "--root", str(root), "--no-search")
    assert built.exit_code == 0, built.output + built.stderr
    assert kodeks("conflicts", "--root", str(root), "--format", "html").exit_code == 0
    report = html.parse(str(root / "build" / "conflicts.html"))
    links = report.xpath("//td/a")
    assert len(links) >= 10  # each place, in each language
    for link in links:
        page, _, anchor = link.get("href").partition("#")
        target = (root / "build" / page).resolve()
        assert target.is_relative_to(root / "build" / "site"), link.get("href")
        unit = html.parse(str(target)).getroot().get_element_by_id(anchor)
        if anchor.startswith("a-"):  # a whole article, or one of an act kept in Russian only
            assert unit.tag == "div" and "/act/" in page
            continue
        # the unit the link opens holds the text the report quotes beside it
        quoted = " ".join(" ".join(link.getparent().getnext().itertext()).split())
        assert " ".join(unit.text_content().rstrip("¶").split()[1:4]) in quoted, link.get("href")
    hrefs = {link.text: link.get("href") for link in links}
    assert hrefs["абзац второй части 1 статьи 2 (Федеральный закон)"] == "./site/act/federal.html#ru-art-art-2-p1-a2"
    assert hrefs["1. 2-берененин 1-бөлүгүнүн экинчи абзацы (Федералдык мыйзам)"] == "./site/act/federal.html#a-2"
    # Word's report links to the address given, the site's published one
    word = tmp_path / "conflicts.docx"
    given = kodeks("conflicts", "--root", str(root), "--format", "docx", "-o", str(word), "--site", "https://lsg.kg")
    assert given.exit_code == 0, given.output + given.stderr
    targets = {r.target_ref for r in docx.Document(str(word)).part.rels.values() if r.is_external}
    assert "https://lsg.kg/act/federal.html#ru-art-art-2-p1-a2" in targets
    # Markdown (a pull request's comment) links to it as GitHub renders it
    markdown = kodeks("conflicts", "--root", str(root), "--site", "https://lsg.kg/v/1 (draft)")
    rendered = html.fromstring(cmarkgfm.github_flavored_markdown_to_html(markdown.stdout))
    assert "поселков," in rendered.xpath("//del/text()")  # the words the second lacks, struck out
    assert "https://lsg.kg/v/1%20%28draft%29/act/federal.html#ru-art-art-2-p1-a2" in rendered.xpath("//a/@href")
    for hostile in ("javascript:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)", "\x01javascript:x"):
        refused = kodeks("conflicts", "--root", str(root), "--site", hostile)
        assert refused.exit_code == 2 and "https://" in refused.stderr, hostile
    # an entity would read as «:» in Markdown: the address keeps it as it is written
    entity = kodeks("conflicts", "--root", str(root), "--site", "javascript&#58;alert(1)//")
    rendered = html.fromstring(cmarkgfm.github_flavored_markdown_to_html(entity.stdout))
    hrefs_read = rendered.xpath("//a/@href")
    assert hrefs_read and all(urlsplit(href).scheme == "" for href in hrefs_read)  # a folder, no scheme


FEDERAL = """\
Статья 1. Основные понятия
Для целей настоящего Закона используются следующие понятия:
кенеш - Представительный орган местного самоуправления поселения.
закон - нормативный правовой акт, принятый Жогорку Кенешем.
Статья 2. Полномочия кенеша
1. Кенеш утверждает местный бюджет и отчет о его исполнении в течение десяти дней со дня внесения проекта главой.
2. Кенеш утверждает местный бюджет и отчет о его исполнении в течение тридцати дней со дня внесения проекта главой.
"""
REGIONAL = """\
Статья 1. Основные понятия
кенеш - представительный орган местного самоуправления поселения.
"""


def test_what_a_careful_reader_would_not_be_shown_and_the_order_the_rest_comes_in(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    subject = str(BASE_FILES[A + "subject.md"])
    referrals = {
        A + "subject.md": subject.replace(
            "1. Настоящий Кодекс регулирует местное самоуправление.",
            "1. Настоящий Кодекс регулирует местное самоуправление в порядке, установленном законодательством, "
            "и в порядке, предусмотренном нормативными правовыми актами.",
        ).replace(
            "1. Ушул Кодекс жергиликтүү өз алдынча башкарууну жөнгө салат.",
            "1. Ушул Кодекс жергиликтүү өз алдынча башкарууну ченемдик укуктук актыларда белгиленген тартипте "
            "жөнгө салат.",
        ),
        A + "concepts.md": str(BASE_FILES[A + "concepts.md"])
        .replace("В настоящем Кодексе:", "В настоящем Кодексе, в порядке, установленном законодательством:")
        .replace("Ушул Кодексте:", "Ушул Кодексте, ченемдик укуктук актыларда белгиленген тартипте:"),
        # Part 3 takes federal article 2 part 1 word for word, and says so: no same matter twice
        A + "kenesh.md": str(BASE_FILES[A + "kenesh.md"])
        .replace("настоящей статьи.", "настоящей статьи в порядке, установленном законодательством.")
        .replace("ылайык иштейт.", "ылайык ченемдик укуктук актыларда каралган тартипте иштейт.")
        .replace("status: draft\n", "status: draft\nsources:\n  - act:federal/2\n")
        .replace(
            "аталган маселелерди чечет.\n",
            "аталган маселелерди чечет.\n3. Кеңеш жергиликтүү бюджетти он күндүн ичинде бекитет.\n",
        )
        .replace(
            "и [разделе I](sec:general).\n",
            "и [разделе I](sec:general).\n3. Кенеш утверждает местный бюджет и отчет о его исполнении в течение "
            "десяти дней со дня внесения проекта главой.\n",
        ),
    }
    root = code_repo([{"code_text/code.yaml": ACTS, **referrals}])
    for act, text in (("federal", FEDERAL), ("regional", REGIONAL)):
        source = tmp_path / f"{act}.txt"
        source.write_text(text, encoding="utf-8")
        imported = kodeks(
            "import", str(source), "--root", str(root), "--act", act, "--language", "ru",
            "--number", "1", "--adopted", "2020-01-01", "--title", "О кенешах",
        )  # fmt: skip
        assert imported.exit_code == 0, imported.output + imported.stderr
    findings = _findings(root)
    subjects = {(f["kind"], f["subject"]) for f in findings}
    # «Представительный» at a sentence's start is the same definition as «представительный»
    assert ("term-differs", "кенеш") not in subjects
    assert ("term-undefined", "кенеш") in subjects  # the Code says «кенеш», defined by the acts only
    assert ("term-undefined", "закон") not in subjects  # the Code defines «закон» itself
    # Two parts of one act that differ in a deadline are that act's own matter, not two acts' conflict;
    # and the Code's part that names its source is not that source said twice
    assert not [f for f in findings if f["kind"] == "same-matter"]
    # Referral norms: as many as the language with most of them; in the Code's order, not by id
    referral = [(f["places"][0]["key"], f["subject"]) for f in findings if f["kind"] == "referral"]
    assert referral == [("art:subject", "2"), ("art:concepts", "1"), ("art:kenesh", "1")]
    # A decision answers the term it was taken on: the term renamed, it answers nothing
    (unused,) = [f for f in findings if f["kind"] == "term-unused"]
    assert unused["subjects"] == ["мыйзам", "закон"]  # one finding, the term as each text says it
    concepts = (root / A / "concepts.md").read_text(encoding="utf-8")
    (root / A / "concepts.md").write_text(concepts.replace("2) мыйзам –", "2) ченемдик акт –"), encoding="utf-8")
    (renamed,) = [f for f in _findings(root) if f["kind"] == "term-unused"]
    assert renamed["places"][0]["key"] == unused["places"][0]["key"] and renamed["id"] != unused["id"]
    # Named, the definitions articles are those named: «Понятия» is read no more
    yaml = (root / "code_text/code.yaml").read_text(encoding="utf-8")
    (root / "code_text/code.yaml").write_text(yaml.replace("stage: draft\n", "stage: draft\ndefinitions: [kenesh]\n"))
    terms = {(f["kind"], f["subject"]) for f in _findings(root) if f["kind"].startswith("term-")}
    assert terms == {("term-undefined", "кенеш"), ("term-undefined", "закон")}  # the Code defines neither now


def test_an_acts_unit_is_cited_with_the_act_in_the_genitive_in_each_language() -> None:
    from kodeks.wording import of_the_act

    assert of_the_act("ru", "статья 2", "Гражданский кодекс Кыргызской Республики") == (
        "статья 2 Гражданского кодекса Кыргызской Республики"
    )
    assert of_the_act("ru", "часть 1 статьи 2", "Закон Кыргызской Республики «О пастбищах»") == (
        "часть 1 статьи 2 Закона Кыргызской Республики «О пастбищах»"
    )
    assert of_the_act("ky", "2-берененин 1-бөлүгү", "«Жайыттар жөнүндө» Кыргыз Республикасынын Мыйзамы") == (
        "«Жайыттар жөнүндө» Кыргыз Республикасынын Мыйзамынын 2-беренесинин 1-бөлүгү"
    )
    assert of_the_act("ky", "2-берене", "Кыргыз Республикасынын Жарандык кодекси") == (
        "Кыргыз Республикасынын Жарандык кодексинин 2-беренеси"
    )
    assert of_the_act("ru", "статья 2", "Областной закон") == "статья 2 (Областной закон)"  # no declining it
