"""`kodeks redline`: what reviewers read, on real Git repositories."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from kodeks.cli import cli
from kodeks.compare import compare
from kodeks.diff import ArticleChangeKind as K
from kodeks.diff import Op, word_diff
from kodeks.store.pair import read_pair

from .conftest import BASE_FILES, git

A = "code_text/articles/"
YAML = "code_text/code.yaml"
Repo = Callable[..., Path]

BUDGET = """\
---
id: budget
number: 3
title: {ky: "Жергиликтүү бюджет", ru: "Местный бюджет"}
status: draft
---

## ky

1. Жергиликтүү бюджет ачык болот.

## ru

1. Местный бюджет открыт.
"""

INSERTION = {
    YAML: BASE_FILES[YAML].replace("articles: [subject, concepts]", "articles: [subject, concepts, budget]"),
    A + "budget.md": BUDGET,
    A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: 4"),
    A + "concepts.md": BASE_FILES[A + "concepts.md"].replace("[3-беренеде]", "[4-беренеде]").replace("[статье 3]", "[статье 4]"),
}


def redline(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["redline", "--root", str(root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def changes(root: Path, base: str = "HEAD~1") -> dict[str, set[K]]:
    comparison = compare(*read_pair(root, base, "HEAD"))
    return {change.id: change.kinds for change in comparison.redline.articles}


def test_words_are_tokens_with_kyrgyz_letters_and_punctuation_apart() -> None:
    pieces = word_diff("жергиликтүү кеңеш, орган.", "жергиликтүү  өкүлчүлүктүү кеңеш; орган.")
    assert [(p.op, p.text) for p in pieces] == [
        (Op.EQUAL, "жергиликтүү  "), (Op.INSERT, "өкүлчүлүктүү "), (Op.EQUAL, "кеңеш"),
        (Op.DELETE, ", "), (Op.INSERT, "; "), (Op.EQUAL, "орган."),
    ]  # fmt: skip
    assert [p.op for p in word_diff("a  b\n c", "a b c")] == [Op.EQUAL]  # whitespace is not a change


def test_an_insertion_that_renumbers(code_repo: Repo) -> None:
    root = code_repo([INSERTION])
    assert changes(root) == {"budget": {K.ADDED}, "kenesh": {K.RENUMBERED}, "concepts": {K.AMENDED}}
    code, out = redline(root, "HEAD~1", "--lang", "ru,ky")
    assert code == 0
    assert "добавлена: **1** · изменена: **1** · перенумерована: **1**" in out
    assert "<b>Статья 3 (новая). Местный бюджет</b> — добавлена" in out
    assert "| <ins>**1.**</ins> " not in out and "| **<ins>1.</ins>** <ins>Местный бюджет открыт.</ins> |" in out
    # Renumbering is one compact table, not a text diff.
    assert "**Только перенумерация**\n\n| Статьи |\n|---|\n| Статья 3 → 4. Местный кенеш |" in out
    assert "<b>Статья 3 → 4. Местный кенеш</b>" not in out
    # The renumbered reference shows as the words that changed.
    assert "| **1)** местный кенеш – орган, указанный в статье <del>3</del>; | **1)** местный кенеш – орган, указанный в статье <ins>4</ins>; |" in out


def test_a_move_between_chapters(code_repo: Repo) -> None:
    moved = BASE_FILES[YAML].replace("articles: [subject, concepts]", "articles: [subject, concepts, kenesh]").replace(
        "articles: [kenesh]", "articles: []"
    )
    root = code_repo([{YAML: moved}])
    assert changes(root) == {"kenesh": {K.MOVED}}
    _, out = redline(root, "HEAD~1")
    assert "которулду: **1**" in out


def test_a_word_changed_inside_a_point_in_one_language(code_repo: Repo) -> None:
    changed = BASE_FILES[A + "concepts.md"].replace("1) местный кенеш – орган", "1) местный кенеш – представительный орган")
    root = code_repo([{A + "concepts.md": changed}])
    assert changes(root) == {"concepts": {K.AMENDED}}
    _, out = redline(root, "HEAD~1", "--lang", "ru")
    assert "| **1)** местный кенеш – орган, указанный в статье 3; | **1)** местный кенеш – <ins>представительный </ins>орган, указанный в статье 3; |" in out
    assert "| … | … |" in out  # the unchanged intro and point 2 are left out
    _, out = redline(root, "HEAD~1")
    assert "⚠ Текст бир гана тилде өзгөртүлдү (котормосу жетишпеши мүмкүн): 2-берене. Түшүнүктөр" in out


def test_a_part_inserted_in_the_middle_shifts_nothing_else_into_changed(code_repo: Repo) -> None:
    text = BASE_FILES[A + "kenesh.md"]
    text = text.replace("2. Кеңеш [1-главада]", "2. Кеңеш жылына эки жолу чогулат.\n3. Кеңеш [1-главада]")
    text = text.replace("2. Кенеш решает", "2. Кенеш собирается дважды в год.\n3. Кенеш решает")
    text = text.replace("[2-бөлүккө](art:kenesh#2)", "[3-бөлүккө](art:kenesh#3)").replace("[части 2](art:kenesh#2)", "[части 3](art:kenesh#3)")
    root = code_repo([{A + "kenesh.md": text}])
    comparison = compare(*read_pair(root, "HEAD~1", "HEAD"))
    rows = comparison.redline.articles[0].texts["ru"]
    assert [(row.base is not None, row.head is not None, row.changed, row.renumbered_only) for row in rows] == [
        (True, True, True, False),   # part 1: its reference now says «части 3»
        (False, True, True, False),  # the inserted part 2
        (True, True, False, True),   # old part 2, now 3: only its number changed
    ]  # fmt: skip
    _, out = redline(root, "HEAD~1", "--lang", "ru")
    assert "| **<del>2</del>.** Кенеш решает вопросы, названные в главе 1 и разделе I. | **<ins>3</ins>.** Кенеш решает вопросы" in out


def test_a_removed_article(code_repo: Repo) -> None:
    concepts = BASE_FILES[A + "concepts.md"]
    concepts = concepts.replace("1) жергиликтүү кеңеш – [3-беренеде](art:kenesh) аталган орган;\n2) мыйзам", "1) мыйзам")
    concepts = concepts.replace("1) местный кенеш – орган, указанный в [статье 3](art:kenesh);\n2) закон", "1) закон")
    root = code_repo([{YAML: BASE_FILES[YAML].replace("articles: [kenesh]", "articles: []"), A + "kenesh.md": None, A + "concepts.md": concepts}])
    assert changes(root) == {"concepts": {K.AMENDED}, "kenesh": {K.REMOVED}}
    code, out = redline(root, "HEAD~1", "--lang", "ru")
    assert code == 0
    assert "<b>Статья 3. Местный кенеш — исключить</b> — исключена" in out
    assert "| **<del>1.</del>** <del>Местный кенеш действует согласно части 2 настоящей статьи.</del> | исключить |" in out
    assert out.index("Статья 2. Понятия") < out.index("Статья 3. Местный кенеш — исключить")


def test_no_changes(code_repo: Repo) -> None:
    root = code_repo()
    git(root, "commit", "-q", "--allow-empty", "-m", "nothing")
    code, out = redline(root, "HEAD~1")
    assert code == 0
    assert "Өзгөртүүлөр жок." in out


def test_only_changed_files_are_read(code_repo: Repo) -> None:
    root = code_repo([{A + "concepts.md": BASE_FILES[A + "concepts.md"].replace("орган,", "орган местного самоуправления,")}])
    base, head = read_pair(root, "HEAD~1", "HEAD")
    assert sorted(head.files) == [A + "concepts.md", YAML]
    assert head.unread == {A + "subject.md", A + "kenesh.md"}


def test_the_working_tree_against_a_branch(code_repo: Repo) -> None:
    root = code_repo()
    (root / A / "kenesh.md").write_text(BASE_FILES[A + "kenesh.md"].replace("Кенеш решает", "Кенеш самостоятельно решает"), encoding="utf-8")
    _, out = redline(root, "main", "--worktree", "--lang", "ru")
    assert "Кенеш <ins>самостоятельно </ins>решает" in out


def test_an_invalid_head_still_shows_the_proposal_and_its_findings(code_repo: Repo) -> None:
    broken = BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: 5").replace("Кенеш решает", "Совет решает")
    root = code_repo([{A + "kenesh.md": broken}])
    code, out = redline(root, "HEAD~1", "--lang", "ru")
    assert code == 0
    assert "**Проверка: есть ошибки** (1 / 0)" in out
    assert "- code\\_text/articles/kenesh.md:3:9: N003 article \\`kenesh\\` is numbered 5 but comes 3rd in order: number it 3" in out
    assert "<del>Кенеш </del>решает" in out and "<ins>Совет </ins>решает" in out


def test_hostile_text_cannot_break_the_comment(code_repo: Repo) -> None:
    hostile = "@everyone </details> <!-- x --> `код` <script>alert(1)</script> | ~~x~~"
    root = code_repo([{A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("Кенеш решает вопросы", f"Кенеш решает {hostile} вопросы")}])
    _, out = redline(root, "HEAD~1", "--lang", "ru")
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(out)
    assert "<script>" not in html and "<!--" not in html and "<code>код" not in html and "<s>" not in html
    assert html.count("</details>") == out.count("</details>") == 1
    assert "@everyone" not in out and "@\u2060everyone" in out
