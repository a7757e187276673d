"""What becomes of the existing acts: dispositions, coverage, concordance, and the acts to be
declared void, in the report a working group reads (md, html in Chromium, docx in LibreOffice)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from kodeks import check
from kodeks.consolidation import Fate, Outcome, consolidate
from kodeks.store.worktree import read_worktree

from .conftest import BASE_FILES, A, WriteCode, kodeks
from .test_acts import ACT, civil_code_act

DISPOSITIONS = ACT + "dispositions.yaml"


def with_sources(files: dict[str, str | bytes | None], subject: list[str], concepts: list[str]) -> None:
    """Point two Code articles at provisions of the Civil Code."""
    listed = "".join(f"  - {s}\n" for s in subject)
    files[A + "subject.md"] = str(BASE_FILES[A + "subject.md"]).replace('  - {act: lsg-law, article: "1"}\n', listed)
    files[A + "concepts.md"] = str(BASE_FILES[A + "concepts.md"]).replace(
        "status: agreed\n", "status: agreed\nsources:\n" + "".join(f"  - {s}\n" for s in concepts)
    )


def civil_code(monkeypatch: pytest.MonkeyPatch, code_dir: WriteCode, dispositions: str, subject: list[str]) -> Path:
    files = civil_code_act()
    with_sources(files, subject, ["act:civil-code/1#2", "act:civil-code/7"])
    files[DISPOSITIONS] = dispositions
    root = code_dir(files)
    monkeypatch.chdir(root)
    return root


EVERYTHING_ELSE = """\
# Reviewed at the seminar of 12 November.
- {provision: "1#3", reason: obsolete}
- {provision: "1#4", reason: other-law, note: "В Закон о предпринимательской деятельности."}
- {provision: "1#5", reason: obsolete}
- {provision: "3", reason: other-law}
- {provision: "4", reason: obsolete}
- {provision: "5", reason: replaced, by: art:kenesh}
- {provision: "8", reason: obsolete}
- {provision: "9", reason: contradicts, by: [art:kenesh, art:subject]}
- {provision: "10", reason: obsolete}
"""


def test_an_act_whose_every_provision_is_decided_is_to_be_declared_void(
    code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = civil_code(monkeypatch, code_dir, EVERYTHING_ELSE + '- {provision: "11", reason: obsolete}\n',
                      ["act:civil-code/1#1", "act:civil-code/2"])  # fmt: skip
    result = check(read_worktree(root))
    assert result.diagnostics == []
    assert result.code is not None
    coverage = consolidate(result.code).acts[0]
    assert (coverage.count(Fate.ABSORBED), coverage.count(Fate.NOT_TRANSFERRED), coverage.count(Fate.OPEN)) == (
        9,  # 1#1, 1#2, 2#1–4, 2#6, 7#1, 7#2 (2#5 is repealed: no provision to decide)
        22,  # 1#3–5, 3 (2 parts), 4 (2), 5 (3), 8 (3), 9 (5), 10 (3), 11 (no parts)
        0,
    )
    assert coverage.outcome is Outcome.VOID
    report = kodeks("consolidation", "--fail-under", "100")
    assert report.exit_code == 0, report.output
    void = report.output.split("Перечень законов, подлежащих признанию утратившими силу")[1].split("##")[0]
    assert "Жарандык кодекс / Гражданский кодекс" in void
    # The law enacting the Code declares it void, in each language's words; the day stays the drafters'.
    from kodeks.render.enacting_law import lines

    law = {
        language: [text for _, text in lines(result.code, consolidate(result.code), language)]
        for language in ("ky", "ru")
    }
    assert law["ru"][:6] == [
        "Закон Кыргызской Республики",
        "О введении в действие «Тестовый кодекс»",
        "Статья 1.",
        "Ввести в действие Тестовый кодекс с [«__» ________ 20__ года].",
        "Статья 2.",
        "Признать утратившими силу:",
    ]
    # Each with where it was published (bracketed when act.yaml does not say), then the laws that
    # amended it, which the repository does not hold; and the list says when it is not complete.
    assert law["ru"][6:9] == [
        "1) Гражданский кодекс (Ведомости Жогорку Кенеша Кыргызской Республики, 20__ г., № __, ст. ___);",
        "2) [законы о внесении изменений в названные законы];",
        "3) [иные акты: по ним решение еще не принято или их тексты разработчиками не представлены].",
    ]
    assert (
        law["ky"][6] == "1) Жарандык кодекс (Кыргыз Республикасынын Жогорку Кеңешинин Жарчысы, 20__-ж., № __, ___-ст.);"
    )
    # An act repealed already is not declared void again.
    from dataclasses import replace

    from kodeks.model import ActStatus
    from kodeks.render.enacting_law import _void

    covered = consolidate(result.code)
    act = covered.acts[0].act
    assert act.text is not None and act.text.enactment is not None and _void(covered) == [act]
    repealed = replace(act, text=replace(act.text, enactment=replace(act.text.enactment, status=ActStatus.REPEALED)))
    assert _void(replace(covered, acts=(replace(covered.acts[0], act=repealed),))) == []
    assert law["ky"][1] == "Сыноо кодексин колдонууга киргизүү жөнүндө"


def test_a_provision_that_stays_makes_the_act_one_to_amend_and_an_open_one_undecided(
    code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch
) -> None:
    stays = (
        EVERYTHING_ELSE + '- {provision: "11", reason: stays, note: "Остаётся до принятия процессуального кодекса."}\n'
    )
    root = civil_code(monkeypatch, code_dir, stays, ["act:civil-code/1#1", "act:civil-code/2"])
    amended = check(read_worktree(root)).code
    assert amended is not None and consolidate(amended).acts[0].outcome is Outcome.AMEND
    (root / DISPOSITIONS).write_text(EVERYTHING_ELSE, encoding="utf-8")  # article 11 now open
    code = check(read_worktree(root)).code
    assert code is not None
    assert consolidate(code).acts[0].outcome is Outcome.UNDECIDED
    report = kodeks("consolidation", "--fail-under", "99")
    assert report.exit_code == 1
    assert "96.8% of provisions decided, under 99%" in report.output  # 30 of 31 (2#5 repealed)
    table = report.output.split("### Жарандык кодекс / Гражданский кодекс")[1]
    assert "| 11-берене / ст. 11 | Чечиле элек / Не решено |" in table
    # Each language one sentence that names the articles as its laws do.
    assert (
        "| 9-берененин 3-бөлүгү / ст. 9, ч. 3 | Кодекске өткөрүлбөйт: Кодекстин 3 («Жергиликтүү кеңеш») жана "
        "1-беренелерине («Жөнгө салуу предмети») карама-каршы келет / Не переносится в Кодекс: противоречит статьям 3 "
        "(«Местный кенеш») и 1 («Предмет регулирования») Кодекса |" in table
    )
    code_to_acts = report.output.split("статья Кодекса → положения законов")[1]
    assert (
        "| 2-берене. Түшүнүктөр / Статья 2. Понятия | Жарандык кодекс / Гражданский кодекс, 1-берененин 2-бөлүгү / ст. 1, "
        "ч. 2; Жарандык кодекс / Гражданский кодекс, 7-берене / ст. 7 |" in code_to_acts
    )


def test_a_provision_absorbed_twice_is_a_finding(code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch) -> None:
    civil_code(monkeypatch, code_dir, "[]\n", ["act:civil-code/1#2"])  # concepts absorbs 1#2 too
    report = kodeks("consolidation")
    findings = report.output.split("## Байкоолор / Замечания")[1]
    assert "1-берененин 2-бөлүгү / ст. 1, ч. 2: Кодекстин бир нече беренесине киргизилген" in findings


def test_wrong_dispositions_are_reported_by_validate(code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch) -> None:
    root = civil_code(
        monkeypatch,
        code_dir,
        '- {provision: "40", reason: obsolete}\n- {provision: "5", reason: replaced, by: art:nowhere}\n'
        '- {provision: "1#1", reason: obsolete}\n- {provision: "4", reason: replaced}\n',
        ["act:civil-code/1#1"],
    )
    messages = [str(d) for d in check(read_worktree(root)).diagnostics]
    assert messages == [
        f"{DISPOSITIONS}:1:3: D001 act `civil-code` has no provision `act:civil-code/40`",
        f"{DISPOSITIONS}:2:3: D001 `by: art:nowhere`: the Code has no article `nowhere`",
        f"{DISPOSITIONS}:3:3: D002 `act:civil-code/1#1` is declared not transferred (obsolete) but the "
        "sources of `subject` absorb it: keep one",
        f"{DISPOSITIONS}:4:3: Y006 `reason: replaced` names the Code article: `by: art:ID`",
    ]


SOFFICE = shutil.which("soffice")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(SOFFICE is None or CHROMIUM is None, reason="Chromium and LibreOffice: .ci/run installs them")
def test_the_report_reads_in_the_browser_and_in_libreoffice(
    code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = civil_code(monkeypatch, code_dir, EVERYTHING_ELSE, ["act:civil-code/1#1", "act:civil-code/2"])
    assert kodeks("consolidation", "--format", "html", "-o", "report.html").exit_code == 0
    shown = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", (root / "report.html").as_uri()],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    assert shown.count("<svg") == 1 and 'aria-label="9/21/1"' in shown
    assert "<script" not in shown
    assert kodeks("consolidation", "--format", "docx", "-o", "report.docx").exit_code == 0
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "txt:Text",
         "--outdir", str(tmp_path), str(root / "report.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = " ".join((tmp_path / "report.txt").read_text(encoding="utf-8-sig").split())
    assert "Чечим кабыл алына элек мыйзамдар / Законы, по которым решение не принято" in text
    assert re.search(r"Жарандык кодекс / Гражданский кодекс\s*31\s*9\s*21\s*1\s*97%", text), text[:2000]


def test_build_review_shows_the_text_of_the_provisions_an_article_absorbs(
    code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = civil_code(monkeypatch, code_dir, "[]\n", ["act:civil-code/1#1", "act:civil-code/9#3"])
    assert kodeks("build", "--review", "-o", "review.html").exit_code == 0
    html = (root / "review.html").read_text(encoding="utf-8")
    quoted = re.findall(r'<blockquote class="absorbed"><p class="source">([^<]*)</p>(.*?)</blockquote>', html)
    ru = [(label, body) for label, body in quoted if label.startswith("Гражданский кодекс")]
    assert [label for label, _ in ru] == [
        "Гражданский кодекс, ст. 1, ч. 1",
        "Гражданский кодекс, ст. 9, ч. 3",
        "Гражданский кодекс, ст. 1, ч. 2",
        "Гражданский кодекс, ст. 7",
    ]
    assert ru[1][1] == (
        "<p>3. В случае несоблюдения требований, предусмотренных пунктами 1–2 настоящей статьи, суд может отказать "
        "лицу в защите принадлежащего ему права.</p>"
    )
    # The ky column quotes the act in the language it is kept in, under the Kyrgyz label.
    assert any(label == "Жарандык кодекс, 9-берененин 3-бөлүгү" for label, _ in quoted)
    assert kodeks("build").exit_code == 0
    assert '<blockquote class="absorbed">' not in (root / "build" / "test-code.html").read_text(encoding="utf-8")


def test_the_redline_tells_when_a_pull_request_changes_dispositions(
    code_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = civil_code_act()
    files[DISPOSITIONS] = '- {provision: "4", reason: obsolete}\n- {provision: "8", reason: other-law}\n'
    changed = '- {provision: "4", reason: replaced, by: art:kenesh}\n- {provision: "10#1", reason: stays}\n'
    root = code_repo([files, {DISPOSITIONS: changed}])
    monkeypatch.chdir(root)
    result = kodeks("redline", "HEAD~1", "HEAD")
    assert result.exit_code == 0, result.output
    section = result.output.split("өзгөртүлдү / Изменены решения о положениях действующих законов**")[1]
    lines = section.split("\n\n")[1].splitlines()
    assert [line.split(" / Гражданский кодекс")[0] for line in lines] == [
        "- Жарандык кодекс, 4-берене: Кодекске өткөрүлбөйт: маанисин жоготкон → Кодекске өткөрүлбөйт: Кодекстин "
        "беренеси менен алмаштырылган (\\`kenesh\\`)",
        "- Жарандык кодекс, 8-берене: Кодекске өткөрүлбөйт: башка мыйзамга тиешелүү → Чечиле элек",
        "- Жарандык кодекс, 10-берененин 1-бөлүгү: Чечиле элек → Кодекске өткөрүлбөйт: ушул мыйзамда күчүндө калат",
    ]
    assert lines[2].endswith(
        " / Гражданский кодекс, ст. 10, ч. 1: Не решено → Не переносится в Кодекс: остается в силе в этом законе"
    )
    unchanged = kodeks("redline", "HEAD~1", "HEAD~1")
    assert "чечимдер өзгөртүлдү" not in unchanged.output


def test_a_provision_amended_after_an_article_absorbed_it_is_a_finding(
    code_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = civil_code_act()
    with_sources(files, ["act:civil-code/9#3", "act:civil-code/9#1"], ["act:civil-code/7"])
    limits = ACT + "articles/limits.md"
    amended = str(files[limits]).replace("суд может отказать лицу", "суд отказывает лицу")  # part 3 only
    root = code_repo([files, {limits: amended}])
    monkeypatch.chdir(root)
    report = kodeks("consolidation")
    assert report.exit_code == 0, report.output
    findings = report.output.split("## Байкоолор / Замечания")[1]
    amended_lines = [line for line in findings.splitlines() if "изменено после включения" in line]
    assert len(amended_lines) == 1
    assert amended_lines[0].startswith("- Жарандык кодекс / Гражданский кодекс, 9-берененин 3-бөлүгү / ст. 9, ч. 3: ")
    assert amended_lines[0].endswith(
        ": Кодекстин 1-беренесине («Жөнгө салуу предмети») киргизилгенден кийин өзгөртүлгөн: беренени текшериңиз"
        " / изменено после включения в статью 1 Кодекса («Предмет регулирования»): проверьте статью"
        f" ({amended_lines[0][-13:-1]})"
    )
    # Read before the amendment, nothing has changed since.
    assert "изменено после включения" not in kodeks("consolidation", "--rev", "HEAD~1").output


def test_an_act_amended_in_the_working_tree_only_is_found_too(
    code_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The act has one version in the history (no `git blame` is needed for such acts), but the
    working tree has a second: the report reads the working tree."""
    files = civil_code_act()
    with_sources(files, ["act:civil-code/9#3", "act:civil-code/9#1"], ["act:civil-code/7"])
    limits = ACT + "articles/limits.md"
    root = code_repo([files])
    monkeypatch.chdir(root)
    assert "изменено после включения" not in kodeks("consolidation").output
    (root / limits).write_text(str(files[limits]).replace("суд может отказать лицу", "суд отказывает лицу"), "utf-8")
    findings = kodeks("consolidation").output.split("## Байкоолор / Замечания")[1]
    amended = [line for line in findings.splitlines() if "изменено после включения" in line]
    assert len(amended) == 1 and "9-берененин 3-бөлүгү / ст. 9, ч. 3" in amended[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("provision: 4\n", "Y006 dispositions.yaml is a list of provisions"),
        ('- {provision: "4#x", reason: obsolete}\n', 'Y006 `provision: 4#x` names an article ("17") or a part of it'),
        ('- {provision: "4.1", reason: obsolete}\n', 'Y006 `provision: 4.1` names an article ("17") or a part of it'),
        ('- {provision: "4", reason: forgotten}\n', "Y006 `reason:` is one of: obsolete, other-law"),
        ('- {provision: "4", reason: replaced, by: [1, 2]}\n', "Y006 `by: 1` must be a Code article, `art:ID`"),
        ('- &a {provision: "4", reason: obsolete}\n- *a\n', "Y003"),
        ("- {provision: [\n", "Y00"),
        (b"\xff\xfe- x\n", "F001"),
    ],
)
def test_a_broken_dispositions_file_is_reported_never_a_crash(
    code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch, text: str | bytes, expected: str
) -> None:
    files = civil_code_act()
    files[DISPOSITIONS] = text
    root = code_dir(files)
    monkeypatch.chdir(root)
    result = kodeks("validate")
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert kodeks("consolidation").exit_code == 1


def test_a_provision_replaced_by_the_code_names_the_article_as_each_language_s_laws_do() -> None:
    from kodeks.wording import code_articles_reason

    one, two = [("3", "Жергиликтүү кеңеш")], [("3", "Жергиликтүү кеңеш"), ("5", "")]
    assert (
        code_articles_reason("ky", "replaced", one) == "Кодекстин 3-беренеси («Жергиликтүү кеңеш») менен алмаштырылган"
    )
    assert code_articles_reason("ky", "replaced", two) == (
        "Кодекстин 3 («Жергиликтүү кеңеш») жана 5-беренелери менен алмаштырылган"  # «жана», the suffix on the last
    )
    ru = [("3", "Местный кенеш")]
    assert code_articles_reason("ru", "replaced", ru) == "заменено статьей 3 Кодекса («Местный кенеш»)"
    assert (
        code_articles_reason("ru", "replaced", [*ru, ("5", "")]) == "заменено статьями 3 («Местный кенеш») и 5 Кодекса"
    )
    assert code_articles_reason("ru", "contradicts", ru) == "противоречит статье 3 Кодекса («Местный кенеш»)"
