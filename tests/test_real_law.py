"""Real statutory text nobody on the team wrote: articles 1–11 of the Civil Code of the Kyrgyz
Republic (source and conversion in fixtures/civil-code/SOURCE.md). It validates with zero
findings, builds unit for unit, and the slips a drafter makes when pasting it are each caught at
their line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kodeks import check
from kodeks.store.worktree import read_worktree

from .conftest import kodeks

FIXTURE = Path(__file__).parent / "fixtures" / "civil-code"
ARTICLES = "code_text/articles/"


@pytest.fixture
def civil_code(tmp_path: Path) -> Path:
    root = tmp_path / "civil-code"
    shutil.copytree(FIXTURE, root)
    return root


def findings(root: Path) -> set[tuple[str, str, int]]:
    return {(d.code, d.location.path, d.location.line) for d in check(read_worktree(root)).diagnostics}


def slip(root: Path, article: str, old: str, new: str) -> Path:
    path = root / ARTICLES / f"{article}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def test_the_real_text_validates_with_zero_findings(civil_code: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(civil_code)
    result = kodeks("validate", "--strict")
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings (11 articles checked)" in result.output


def test_the_built_text_has_every_unit_of_the_source_in_order(
    civil_code: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unit for unit: the numbers «1.» «2)» each article's source lines open with are the numbers
    the built HTML prints for that article, in the same order."""
    monkeypatch.chdir(civil_code)
    for kind in ("html", "md", "docx"):
        result = kodeks("build", "--format", kind, "-o", f"code.{kind}")
        assert result.exit_code == 0, result.output
        assert (civil_code / f"code.{kind}").stat().st_size > 1000
    html = (civil_code / "code.html").read_text(encoding="utf-8")
    for source in sorted((civil_code / ARTICLES).glob("*.md")):
        article_id = source.stem
        written = re.findall(r"^\s*(\d+[.)]) ", source.read_text(encoding="utf-8").split("---", 2)[2], re.M)
        column = re.search(rf'id="art-{article_id}".*?(?=<h3|id="art-|</main>|$)', html, re.S)
        assert column is not None, article_id
        printed = re.findall(r'<(?:span|a) class="num"[^>]*>([^<]+)</(?:span|a)>', column.group(0))
        assert printed == written, article_id
    assert "абзаце первом пункта 1" in html and "Утратила силу" in html


@pytest.mark.parametrize(
    ("article", "old", "new", "expected"),
    [
        (  # the second абзац of пункт 1 pasted without indentation: it leaves its пункт, and the
            # third абзац with it; пункт 2 then cannot interrupt the paragraph and folds into it,
            # and пункты 3–5 with it; the plural references to пункт 2 lose their target.
            "civil-relations",
            "\n   К семейным",
            "\nК семейным",
            {
                ("B012", "civil-relations", 12),
                ("B012", "civil-relations", 14),
                ("B010", "civil-relations", 15),
                ("B010", "civil-relations", 16),
                ("B010", "civil-relations", 17),
                ("B010", "civil-relations", 18),
                ("R003", "civil-legislation", 13),
                ("R003", "analogy", 10),
            },
        ),
        (  # one подпункт pasted at the left margin: it leaves its пункт, and the indented подпункты
            # after it become lines of its paragraph, each reported
            "grounds",
            "   1) из договоров",
            "1) из договоров",
            {("B007", "grounds", 13)} | {("B010", "grounds", line) for line in range(14, 22)},
        ),
        (  # the official text's own hyphen
            "limits",
            "[пунктами 1–2](art:limits#1~2)",
            "[пунктами 1-2](art:limits#1~2)",
            {("R007", "limits", 12)},
        ),
        (  # a plural reference to a пункт the article does not have
            "civil-legislation",
            "(art:civil-relations#1,2)",
            "(art:civil-relations#1,6)",
            {("R003", "civil-legislation", 13)},
        ),
        (  # a plural reference whose wording names one number too few
            "analogy",
            "[пунктами 1 и 2 статьи 1](art:civil-relations#1,2)",
            "[пунктом 1 статьи 1](art:civil-relations#1,2)",
            {("R004", "analogy", 10)},
        ),
        (  # the wording and the target disagree about the абзац
            "civil-relations",
            "[абзаце первом пункта 1](art:civil-relations#1.abz1)",
            "[абзаце втором пункта 1](art:civil-relations#1.abz1)",
            {("R004", "civil-relations", 12)},
        ),
        (  # a пункт deleted in force: the numbers skip and both plural references lose пункт 2
            "civil-relations",
            "2. Отношения, связанные с осуществлением",
            "3. Отношения, связанные с осуществлением",
            {
                ("N004", "civil-relations", 15),
                ("N004", "civil-relations", 16),
                ("R003", "civil-legislation", 13),
                ("R003", "analogy", 10),
            },
        ),
    ],
)
def test_each_slip_on_the_real_text_is_caught_at_its_line(
    civil_code: Path, article: str, old: str, new: str, expected: set[tuple[str, str, int]]
) -> None:
    found = findings(slip(civil_code, article, old, new))
    assert found == {(code, f"{ARTICLES}{name}.md", line) for code, name, line in expected}
