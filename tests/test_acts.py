"""Existing acts kept as text in the repository (code_text/acts/<id>/): validated with the Code's
rules, and the Code's references and sources checked against them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kodeks import check
from kodeks.store import cache
from kodeks.store.worktree import read_worktree

from .conftest import BASE_FILES, YAML, A, WriteCode, kodeks

CIVIL = Path(__file__).parent / "fixtures" / "civil-code" / "code_text"
ACT = "code_text/acts/civil-code/"


def civil_code_act() -> dict[str, str | bytes | None]:
    """The real-law fixture as an act of the Code: its structure file with a number and a date."""
    structure = (CIVIL / "code.yaml").read_text(encoding="utf-8")
    structure = structure.replace("stage: in-force\n", 'stage: in-force\nnumber: "15"\nadopted: 1996-05-08\n')
    # How the Code cites it in Kyrgyz, though its text here is Russian only.
    structure = structure.replace(
        "  ru: {part: пункт, point: подпункт}\n",
        "  ru: {part: пункт, point: подпункт}\n  ky: {part: пункт, point: пунктча}\n",
    )
    files: dict[str, str | bytes | None] = {ACT + "act.yaml": structure}
    for path in sorted((CIVIL / "articles").glob("*.md")):
        files[ACT + "articles/" + path.name] = path.read_text(encoding="utf-8")
    files[YAML] = str(BASE_FILES[YAML]).replace(
        "acts:\n", 'acts:\n  civil-code:\n    title: {ky: "Жарандык кодекс", ru: "Гражданский кодекс"}\n'
    )
    return files


def findings(root: Path) -> set[tuple[str, str, int]]:
    return {(d.code, d.location.path, d.location.line) for d in check(read_worktree(root)).diagnostics}


def messages(root: Path) -> list[str]:
    return [str(d) for d in check(read_worktree(root)).diagnostics]


def test_an_acts_text_is_read_and_validated_with_the_codes_rules(code_dir: WriteCode) -> None:
    root = code_dir(civil_code_act())
    result = check(read_worktree(root))
    assert result.diagnostics == []
    assert result.code is not None
    text = result.code.acts["civil-code"].text
    assert text is not None and text.languages == ("ru",)  # a one-language act, declared so
    assert text.enactment is not None and (text.enactment.number, str(text.enactment.adopted)) == ("15", "1996-05-08")
    assert len(text.articles) == 11


def test_the_acts_own_slips_are_reported_in_its_files(code_dir: WriteCode) -> None:
    files = civil_code_act()
    limits = ACT + "articles/limits.md"
    files[limits] = str(files[limits]).replace("[пунктами 1–2](art:limits#1~2)", "[пунктами 1-2](art:limits#1~2)")
    analogy = ACT + "articles/analogy.md"
    files[analogy] = str(files[analogy]).replace("(art:civil-relations#1,2)", "(art:civil-relations#1,7)")
    assert findings(code_dir(files)) == {("R007", limits, 12), ("R003", analogy, 10)}


@pytest.mark.parametrize(
    ("ru", "ky", "expected"),
    [
        (
            "[пунктом 3 статьи 9 Гражданского кодекса](act:civil-code/9#3)",
            "[Жарандык кодекстин 9-беренесинин 3-пунктунда](act:civil-code/9#3)",
            [],
        ),
        (
            "[пунктом 7 статьи 9 Гражданского кодекса](act:civil-code/9#7)",
            "[Жарандык кодекстин 9-беренесинин 7-пунктунда](act:civil-code/9#7)",
            ["R003 article 9 of act `civil-code` has no part 7"],
        ),
        (
            "[статьей 40 Гражданского кодекса](act:civil-code/40)",
            "[Жарандык кодекстин 40-беренесинде](act:civil-code/40)",
            ["R003 act `civil-code` has no article 40"],
        ),
    ],
)
def test_references_into_an_act_with_text_are_checked_to_the_unit(
    code_dir: WriteCode, ru: str, ky: str, expected: list[str]
) -> None:
    files = civil_code_act()
    kenesh = str(BASE_FILES[A + "kenesh.md"])
    files[A + "kenesh.md"] = kenesh.replace("[главе 1](ch:basics)", f"[главе 1](ch:basics) и {ru}").replace(
        "[1-главада](ch:basics)", f"[1-главада](ch:basics) жана {ky}"
    )
    found = [m.split(": ", 1)[1] for m in messages(code_dir(files))]
    assert [m for m in found if m.startswith("R")] == [e for e in expected for _ in ("ky", "ru")]


def test_a_source_provision_is_checked_against_the_acts_text(code_dir: WriteCode) -> None:
    files = civil_code_act()
    subject = str(BASE_FILES[A + "subject.md"])
    files[A + "subject.md"] = subject.replace(
        '  - {act: lsg-law, article: "1"}', "  - act:civil-code/7#1.9\n  - act:civil-code/7#1.10"
    )
    assert messages(code_dir(files)) == [
        f"{A}subject.md:8:5: R003 source `act:civil-code/7#1.10`: article 7 of act `civil-code` has no point 10 in part 1"
    ]


def test_a_folder_for_an_unlisted_act_and_a_draft_act_are_errors(code_dir: WriteCode) -> None:
    files = civil_code_act()
    files[YAML] = BASE_FILES[YAML]
    assert ("S006", ACT + "act.yaml", 1) in findings(code_dir(files))
    files = civil_code_act()
    files[ACT + "act.yaml"] = str(files[ACT + "act.yaml"]).replace("stage: in-force", "stage: draft")
    assert ("S007", ACT + "act.yaml", 1) in findings(code_dir(files))


def test_a_folder_of_an_unlisted_act_with_only_its_dispositions_is_reported(code_dir: WriteCode) -> None:
    """Once an internal error (exit 3): the folder had no file left to name once its
    dispositions were read."""
    root = code_dir({"code_text/acts/stray/dispositions.yaml": "- {provision: act:stray/1#2, reason: x}\n"})
    result = kodeks("validate", "--root", str(root))
    assert result.exit_code == 1
    assert (
        "code_text/acts/stray/dispositions.yaml:1:1: S006 code_text/acts/stray/ holds the text of an act that "
        "`acts:` in code_text/code.yaml does not list" in result.output
    )


def test_an_article_before_the_first_section_is_numbered_first_and_built_first(
    code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import kodeks

    front = str(BASE_FILES[A + "kenesh.md"]).replace("id: kenesh", "id: front").replace("number: 3", "number: 1")
    front = front.replace("art:kenesh#2", "art:front#2")
    root = code_dir(
        {YAML: str(BASE_FILES[YAML]).replace("sections:\n", "articles: [front]\nsections:\n", 1), A + "front.md": front}
    )
    monkeypatch.chdir(root)
    assert kodeks("renumber").exit_code == 0
    assert messages(root) == []
    assert "number: 4" in (root / A / "kenesh.md").read_text(encoding="utf-8")
    assert kodeks("build", "-o", "code.html").exit_code == 0
    html = (root / "code.html").read_text(encoding="utf-8")
    assert html.index('id="art-front"') < html.index('id="sec-general"') < html.index('id="art-subject"')


def test_an_unchanged_acts_findings_come_from_the_cache_and_a_changed_acts_never_do(code_dir: WriteCode) -> None:
    files = civil_code_act()
    limits = ACT + "articles/limits.md"
    files[limits] = str(files[limits]).replace("[пунктами 1–2](art:limits#1~2)", "[пунктами 1-2](art:limits#1~2)")
    root = code_dir(files)
    cold = kodeks("validate", "--root", str(root), env={"KODEKS_NO_CACHE": "1"})
    assert "R007" in cold.output and cold.exit_code == 1
    kodeks("validate", "--root", str(root))  # fills the cache, the act's findings among them
    assert list((cache.directory(root) / "act-verdict").rglob("*"))
    kenesh = root / A / "kenesh.md"
    kenesh.write_text(kenesh.read_text(encoding="utf-8").replace("решает вопросы", "решает все вопросы"), "utf-8")
    # The Code changed, the act did not: its findings are read back, the same as computed.
    assert kodeks("validate", "--root", str(root)).output == cold.output
    # The act changed: computed again, never an older entry.
    (root / limits).write_text(str(files[limits]).replace("[пунктами 1-2]", "[пунктами 1–2]"), encoding="utf-8")
    warm = kodeks("validate", "--root", str(root))
    assert (warm.exit_code, "R007" in warm.output) == (0, False)
