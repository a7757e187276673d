"""Amending laws: written from two revisions of a text in force, and applied back as the proof.

The base is the working group's own Code (code_text/) taken as in force; the edits are made on
its Markdown as a drafter would (words, paragraphs, new and repealed units, titles, articles, a
term throughout, one language only), and the law kodeks writes, printed and read back, must
turn the base into exactly the head, in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kodeks.amend.apply import apply_law
from kodeks.amend.write import AmendError, amending_law
from kodeks.instruction import UnitPath
from kodeks.load import load_code
from kodeks.model import Code, LegalNumber
from kodeks.parse.amending_law import read_law
from kodeks.printed import article_lines
from kodeks.render.amending_law import render_markdown
from kodeks.store import Snapshot
from kodeks.store.worktree import read_worktree
from kodeks.wording import is_repeal_note

from .conftest import kodeks, write_files
from .test_fuzz import profile

ROOT = Path(__file__).resolve().parents[1]
WORDS = ["муниципальный", "орган", "айыл", "в порядке", "жергиликтүү", "кеңеш", "закон", "«Об уставе»", "2-1"]


def in_force() -> dict[str, str]:
    files = {path: data.decode("utf-8") for path, data in read_worktree(ROOT).files.items()}
    files["code_text/code.yaml"] = files["code_text/code.yaml"].replace("stage: draft", "stage: in-force")
    return files


def load(files: dict[str, str]) -> Code:
    code = load_code(Snapshot({path: text.encode("utf-8") for path, text in files.items()})).code
    assert code is not None
    return code


def text_of(code: Code) -> dict[str, object]:
    """What the law says, by article number: heading and lines per language, repealed or not (a
    repealed unit's line as the law leaves it: the law says «repealed», not how a drafter typed
    «Утратил силу.»)."""

    def line(text: str) -> str:
        label, _, rest = text.partition(" ")
        return f"{label} <repealed>" if rest and is_repeal_note(rest) else text

    return {
        str(article.number): (
            article.is_repealed,
            {language: [line(t) for t in article_lines(code, article, language)] for language in code.languages},
        )
        for article in code.articles.values()
    }


def roundtrip(base_files: dict[str, str], head_files: dict[str, str]) -> str:
    base, head = load(base_files), load(head_files)
    law = amending_law(base, head)
    # Reading only the files that differ (as the command does) gives the same law.
    same = {p for p, text in head_files.items() if p.endswith(".md") and base_files.get(p) == text}
    unread = {p.rsplit("/", 1)[1].removesuffix(".md"): head_files[p] for p in same}
    partial = amending_law(
        load({p: t for p, t in base_files.items() if p not in same}),
        load({p: t for p, t in head_files.items() if p not in same}),
        unread,
    )
    assert partial == law
    printed = render_markdown(law, base.languages)
    read = read_law(printed)
    assert read.problems == [], (read.problems, printed)
    # Item N, sub-item x names the same unit and operation in every version of the law.
    shapes = {
        language: [(i.op, i.path, i.added, i.only and i.language) for i in instructions]
        for language, instructions in read.versions.items()
    }
    assert len(set(map(tuple, shapes.values()))) == 1, (shapes, printed)
    changed = apply_law(read.versions, dict(base_files), base)
    result = dict(base_files) | changed
    got, want = text_of(load(result)), text_of(head)
    wrong = {n: (got.get(n), want.get(n)) for n in set(got) | set(want) if got.get(n) != want.get(n)}
    assert not wrong, (wrong, printed)
    return printed


_SECTION = re.compile(r"^## (ky|ru)$", re.MULTILINE)


def _lines(text: str) -> list[tuple[int, str, str]]:
    """Body lines of an article file: (index, language, line) for each line of text."""
    found = []
    language = ""
    for index, line in enumerate(text.split("\n")):
        match = _SECTION.match(line)
        if match:
            language = match.group(1)
        elif language and line.strip() and "](" not in line:
            found.append((index, language, line))
    return found


KINDS = (
    "word", "delete", "insert", "restate", "part", "point", "point-at-end", "abzac", "repeal-part", "repeal-point",
    "title", "article", "repeal-article",
)  # fmt: skip
Edit = tuple[str, int, int, int, tuple[int, ...]]
"""(kind, article, line, position, words): indexes taken modulo what the text has."""
EDITS = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.integers(0, 99),
        st.integers(0, 99),
        st.integers(0, 99),
        st.lists(st.integers(0, len(WORDS) - 1), min_size=1, max_size=6).map(tuple),
    ),
    min_size=1,
    max_size=6,
)


def edit_code(base: dict[str, str], edits: list[Edit]) -> dict[str, str]:
    """The base with each edit made on its Markdown, as a drafter would type it."""
    head = dict(base)
    articles = sorted(
        p for p in head if p.startswith("code_text/articles/") and p != "code_text/articles/new-article.md"
    )
    for kind, which, line_choice, position, word_choices in edits:
        words_drawn = [WORDS[i] for i in word_choices]
        path = articles[which % len(articles)]
        text = head[path]
        lines = text.split("\n")
        body = _lines(text)
        if "status: repealed" in text:
            continue
        if kind in ("word", "delete", "insert", "restate") and body:
            index, _, line = body[line_choice % len(body)]
            label = re.match(r"^\s*(?:\d+(?:-\d+)*[.)]\s+)?", line)
            assert label is not None
            words = line[label.end() :].split(" ")
            at = position % len(words)
            if kind == "word":
                words[at] = words_drawn[0]
            elif kind == "delete" and len(words) > 2:
                del words[at]
            elif kind == "insert":
                words.insert(at, words_drawn[0])
            elif kind == "restate":
                words = words_drawn + ["."]
            lines[index] = line[: label.end()] + " ".join(words)
        elif kind in ("part", "repeal-part"):
            parts = [(i, lang, line) for i, lang, line in body if re.match(r"^\d+(?:-\d+)*\. ", line)]
            if not parts:
                continue
            index, language, line = parts[line_choice % len(parts)]
            number = line.split(".", 1)[0]
            end = index + 1
            while end < len(lines) and not re.match(r"^(\d+(?:-\d+)*\. |## )", lines[end]):
                end += 1
            if kind == "part":
                if f"\n{number}-1. " in text:
                    continue
                lines[end:end] = ["", f"{number}-1. " + " ".join(words_drawn) + ".", ""]
            else:
                wording = "Күчүн жоготту." if language == "ky" else "Утратила силу."
                lines[index:end] = [f"{number}. {wording}", ""]
        elif kind == "abzac":
            parts = [(i, lang, line) for i, lang, line in body if re.match(r"^\d+(?:-\d+)*\. .*[.;]$", line)]
            if not parts:
                continue
            index, _, line = parts[line_choice % len(parts)]
            if index + 1 < len(lines) and re.match(r"^\s+\d+\)", lines[index + 1]):
                continue  # a part with points: its абзацы are not added this way
            lines[index + 1 : index + 1] = ["", "   " + " ".join(words_drawn) + "."]
        elif kind in ("point-at-end", "repeal-point"):
            points = [(i, lang, line) for i, lang, line in body if re.match(r"^\s*\d+(?:-\d+)*\) .*\.$", line)]
            if kind == "repeal-point":
                points = [(i, lang, line) for i, lang, line in body if re.match(r"^\s*\d+(?:-\d+)*\) ", line)]
            if not points:
                continue
            index, language, line = points[line_choice % len(points)]
            indent, number = re.match(r"^(\s*)(\d+(?:-\d+)*)\)", line).groups()  # type: ignore[union-attr]
            if kind == "repeal-point":
                repealed = "күчүн жоготту" if language == "ky" else "утратил силу"
                lines[index] = f"{indent}{number}) {repealed}{line[-1]}"
            elif f"{number}-1)" not in text and index + 1 < len(lines) and not lines[index + 1].startswith(" "):
                lines[index] = line[:-1] + ";"
                lines[index + 1 : index + 1] = [f"{indent}{number}-1) " + " ".join(words_drawn) + "."]
        elif kind == "point":
            points = [(i, lang, line) for i, lang, line in body if re.match(r"^\s*\d+(?:-\d+)*\) ", line)]
            if not points:
                continue
            index, _, line = points[line_choice % len(points)]
            indent, number = re.match(r"^(\s*)(\d+(?:-\d+)*)\)", line).groups()  # type: ignore[union-attr]
            if f"{number}-1)" in text:
                continue
            lines[index + 1 : index + 1] = ["", f"{indent}{number}-1) " + " ".join(words_drawn) + ";", ""]
        elif kind == "title":
            language = ("ky", "ru")[position % 2]
            title = next((i for i, line in enumerate(lines) if line.startswith(f"  {language}: ")), None)
            if title is None:
                continue
            lines[title] = f'  {language}: "' + " ".join(w for w in words_drawn if "«" not in w) + '"'
        elif kind == "repeal-article":
            status = next(i for i, line in enumerate(lines) if line.startswith("status:"))
            lines[status] = "status: repealed"
            first = next(i for i, line in enumerate(lines) if line == "## ky")
            lines = lines[:first] + ["## ky", "", "## ru", ""]
        elif kind == "article" and "code_text/articles/new-article.md" not in head:
            after = path.rsplit("/", 1)[1].removesuffix(".md")
            number = re.search(r"^number: (\S+)", text, re.MULTILINE).group(1).strip('"')  # type: ignore[union-attr]
            head["code_text/code.yaml"] = re.sub(
                rf"- {after}\n", f"- {after}\n          - new-article\n", head["code_text/code.yaml"], count=1
            )
            head["code_text/articles/new-article.md"] = (
                f'---\nid: new-article\nnumber: "{number}-1"\ntitle:\n  ky: "Жаңы берене"\n  ru: "Новая статья"\n'
                "status: agreed\n---\n\n## ky\n\n1. Жаңы эреже.\n\n2. Экинчи эреже:\n   1) биринчи;\n   2) экинчи.\n\n"
                "## ru\n\n1. Новое правило.\n\n2. Второе правило:\n   1) первое;\n   2) второе.\n"
            )
            continue
        head[path] = "\n".join(lines)
    return head


@profile(25, 2_000)
@given(edits=EDITS)
def test_the_law_kodeks_writes_turns_the_base_into_the_head(edits: list[Edit]) -> None:
    base = in_force()
    roundtrip(base, edit_code(base, edits))


def test_a_term_replaced_throughout_with_one_exception_and_a_kyrgyz_only_change() -> None:
    base = in_force()
    head = dict(base)
    kept = "code_text/articles/legislation-on-local-self-government.md"
    changed = 0
    for path, text in base.items():
        if path.startswith("code_text/articles/") and path != kept and "местного самоуправления" in text:
            head[path] = text.replace("местного самоуправления", "муниципального управления")
            changed += 1
    assert changed >= 3 and "местного самоуправления" in base[kept]
    subject = "code_text/articles/subject-of-regulation.md"
    head[subject] = head[subject].replace("жөнгө салат", "аныктайт", 1)
    law = roundtrip(base, head)
    number = load(base).articles["legislation-on-local-self-government"].number
    assert (
        f"по всему тексту Кодекса, за исключением статьи {number}, слова «местного самоуправления» "
        "заменить словами «муниципального управления»"
    ) in law
    # The Kyrgyz-only change is one item in both versions, each naming the text it changes.
    assert (
        "\n2) в тексте на государственном языке: в части 2 статьи 1 слова «жөнгө салат» заменить словом «аныктайт».\n"
        in law
    )
    assert (
        "\n2) мамлекеттик тилдеги текстинде: 1-берененин 2-бөлүгүндө «жөнгө салат» деген сөздөр «аныктайт» "
        "деген сөз менен алмаштырылсын.\n"
    ) in law


def test_a_draft_and_a_renumbering_are_refused() -> None:
    base = in_force()
    draft = {p: t.replace("stage: in-force", "stage: draft") for p, t in base.items()}
    with pytest.raises(AmendError, match="the Code is a draft"):
        amending_law(load(draft), load(draft))
    head = dict(base)
    path = "code_text/articles/settlements.md"
    head[path] = head[path].replace("number: 12", "number: 14")
    with pytest.raises(AmendError, match="renumbered"):
        amending_law(load(base), load(head))


def test_the_command_line_writes_the_law_and_applies_it(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    from .conftest import BASE_FILES, YAML, A

    in_force_yaml = BASE_FILES[YAML].replace("stage: draft", "stage: in-force")
    changed = (
        BASE_FILES[A + "kenesh.md"]
        .replace("решает вопросы", "решает все вопросы")
        .replace("маселелерди чечет", "бардык маселелерди чечет")
    )
    root = code_repo([{YAML: in_force_yaml}, {A + "kenesh.md": changed}])
    result = kodeks("amend", "--root", str(root), "HEAD~1", "HEAD")
    assert result.exit_code == 0, result.output + result.stderr
    assert "в части 2 статьи 3 после слова «решает» дополнить словом «все»" in result.output
    law = tmp_path / "law.md"
    law.write_text(result.output, encoding="utf-8")
    write_files(root, {A + "kenesh.md": BASE_FILES[A + "kenesh.md"]})
    applied = kodeks("amend", "--root", str(root), "--apply", str(law))
    assert applied.exit_code == 0, applied.output + applied.stderr
    assert (root / A / "kenesh.md").read_text(encoding="utf-8") == changed
    # A law written by hand, plain text, Russian only: one instruction cannot be carried out,
    # so none is.
    by_hand = tmp_path / "by-hand.txt"
    by_hand.write_text(
        "ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ\nО внесении изменений в Тестовый кодекс\nСтатья 1.\n"
        "Внести в Тестовый кодекс следующие изменения:\n"
        "1) в части 1 статьи 3 слова «действует согласно» заменить словами «работает в соответствии с»;\n"
        "2) в части 2 статьи 3 слово «отсутствует» исключить.\n"
        "Статья 2.\nНастоящий Закон вступает в силу со дня официального опубликования.\n",
        encoding="utf-8",
    )
    refused = kodeks("amend", "--root", str(root), "--apply", str(by_hand))
    assert refused.exit_code == 1, refused.output
    assert "ru, instruction 2: часть 2 статьи 3: the words «отсутствует» occur 0 times, not once" in refused.stderr
    assert (root / A / "kenesh.md").read_text(encoding="utf-8") == changed
    by_hand.write_text(
        by_hand.read_text(encoding="utf-8").replace("слово «отсутствует» исключить", "слово «все» исключить"),
        encoding="utf-8",
    )
    assert kodeks("amend", "--root", str(root), "--apply", str(by_hand)).exit_code == 0
    assert "1. Местный кенеш работает в соответствии с [части 2](art:kenesh#2)" in (root / A / "kenesh.md").read_text(
        encoding="utf-8"
    )
    assert "2. Кенеш решает вопросы" in (root / A / "kenesh.md").read_text(encoding="utf-8")
    docx = kodeks("amend", "--root", str(root), "HEAD~1", "HEAD", "--format", "docx", "-o", str(tmp_path / "law.docx"))
    assert docx.exit_code == 0 and (tmp_path / "law.docx").stat().st_size > 0
    # Words that occur more than once in the unit name no place: refused, not applied at the first.
    twice = tmp_path / "twice.md"
    twice.write_text(
        "Внести в Кодекс следующее изменение:\nв части 2 статьи 3 слово «в» исключить.\n"
        "Статья 2.\nНастоящий Закон вступает в силу со дня официального опубликования.\n",
        encoding="utf-8",
    )
    ambiguous = kodeks("amend", "--root", str(root), "--apply", str(twice))
    assert ambiguous.exit_code == 1 and "the words «в» occur 4 times, not once" in ambiguous.stderr
    # A line that is no instruction is named where it is, and nothing is applied.
    before = (root / A / "kenesh.md").read_text(encoding="utf-8")
    garbled = tmp_path / "garbled.md"
    garbled.write_text(
        "Внести в Кодекс следующие изменения:\n1) в статье 3 слова «все» переставить;\n2) статью 3 признать утратившей силу.\n",
        encoding="utf-8",
    )
    unread = kodeks("amend", "--root", str(root), "--apply", str(garbled))
    assert unread.exit_code == 1
    assert f"{garbled}:2:1: L001 cannot read the instruction: в статье 3 слова «все» переставить" in unread.stderr
    assert "nothing applied" in unread.stderr and (root / A / "kenesh.md").read_text(encoding="utf-8") == before
    empty = tmp_path / "empty.md"
    empty.write_text("Внести в Кодекс следующие изменения:\n", encoding="utf-8")
    assert (
        f"{empty}:1:1: L001 no instructions found" in kodeks("amend", "--root", str(root), "--apply", str(empty)).stderr
    )


def test_the_text_in_force_on_a_date_carries_the_history_notes_of_its_laws(code_repo: Callable[..., Path]) -> None:
    from .conftest import BASE_FILES, YAML, A, git

    root = code_repo([{YAML: BASE_FILES[YAML].replace("stage: draft", "stage: in-force")}])
    git(root, "tag", "adopted")
    amended = (
        BASE_FILES[A + "kenesh.md"]
        .replace("решает вопросы", "решает все вопросы")
        .replace("маселелерди чечет", "бардык маселелерди чечет")
    )
    # The law also changes the Russian text of article 1 alone.
    subject = BASE_FILES[A + "subject.md"].replace("регулирует местное", "регулирует в целом местное")
    write_files(root, {A + "kenesh.md": amended, A + "subject.md": subject})
    git(root, "commit", "-qam", "Law No 12")
    git(root, "tag", "law-12")
    register = (
        '- {number: "45", adopted: 2026-12-20, in-force: 2027-01-01, revision: adopted,\n'
        '   title: {ky: "Кодексти кабыл алуу жөнүндө", ru: "О введении в действие Кодекса"}}\n'
        '- {number: "12", adopted: 2027-03-01, in-force: 2027-03-11, revision: law-12,\n'
        '   title: {ky: "Кодекске өзгөртүү киргизүү жөнүндө", ru: "О внесении изменения в Кодекс"}}\n'
    )
    write_files(root, {"code_text/amendments.yaml": register})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "The register")
    assert kodeks("validate", "--root", str(root)).exit_code == 0

    def built(day: str) -> str:
        result = kodeks("build", "--root", str(root), "--as-of", day, "--format", "md", "-o", "-")
        assert result.exit_code == 0, result.output + result.stderr
        return result.output

    before, after = built("2027-03-10"), built("2027-03-11")
    assert "Кенеш решает вопросы" in before and "В редакции" not in before
    assert "Кенеш решает все вопросы" in after
    part_2 = after.index("Кенеш решает все вопросы")
    note = after.index("*(В редакции Закона КР от 1 марта 2027 года № 12)*", part_2)
    assert 0 < note - part_2 < 120  # right under the part the law changed
    assert "*(КР 2027-жылдын 1-мартындагы № 12 Мыйзамынын редакциясына ылайык)*" in after
    # Only the parts the law changed, and in article 1 only the text it changed (Russian).
    assert after.count("*(В редакции Закона") == 2 and after.count("Мыйзамынын редакциясына ылайык)*") == 1
    too_early = kodeks("build", "--root", str(root), "--as-of", "2026-12-31", "-o", "-")
    assert too_early.exit_code == 2 and "was not in force yet" in too_early.output + too_early.stderr
    plain = kodeks("build", "--root", str(root), "--format", "md", "--no-history", "-o", "-").output
    assert "В редакции" not in plain

    listed = kodeks("history", "--root", str(root), "3#2", "--lang", "ru")
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines() == [
        "Закон КР от 20 декабря 2026 года № 45 «О введении в действие Кодекса» (вступил в силу 1 января 2027 года)",
        "    2. Кенеш решает вопросы, названные в главе 1 и разделе I.",
        "Закон КР от 1 марта 2027 года № 12 «О внесении изменения в Кодекс» (вступил в силу 11 марта 2027 года)",
        "    2. Кенеш решает все вопросы, названные в главе 1 и разделе I.",
    ]


def a_dozen_amendments() -> tuple[dict[str, str], dict[str, str]]:
    """Twelve amendments a working group would make to this Code once in force."""
    base = in_force()
    head = dict(base)
    art = "code_text/articles/"

    def change(name: str, old: str, new: str, count: int = 1) -> None:
        assert head[art + name].count(old) >= count, (name, old)
        head[art + name] = head[art + name].replace(old, new, count)

    # A term replaced throughout, article 2 (the definitions) excepted.
    for path, text in list(head.items()):
        if path.startswith(art) and not path.endswith("basic-concepts.md"):
            head[path] = text.replace(
                "административно-территориальной единицы", "административно-территориального образования"
            )
    change("subject-of-regulation.md", "негиздерин", "укуктук негиздерин")  # the Kyrgyz text only
    change("subject-of-regulation.md", "   2) соттук өз алдынча башкаруу органдарынын ишине.", "   2) Күчүн жоготту.")
    change(
        "subject-of-regulation.md", "   2) на деятельность органов судейского самоуправления.", "   2) Утратил силу."
    )
    change("right-of-citizens.md", "имеют равные права", "имеют равные и гарантированные права")
    change("right-of-citizens.md", "укугу жынысына", "укугу кепилденет жана жынысына")
    change("relations-with-state-bodies.md", " путем согласительных процедур или", "")
    change("relations-with-state-bodies.md", " макулдашуу жол-жоболору аркылуу же", "")
    change(
        "system-of-local-self-government-bodies.md",
        "кеңештер;\n",
        "кеңештер;\n   1-1) жергиликтүү кеңештердин төрагалары;\n",
    )
    change("system-of-local-self-government-bodies.md", "кенеши;\n", "кенеши;\n   1-1) председатели местных кенешей;\n")
    for name, ky, ru in (
        (
            "territory-and-boundaries.md",
            "3-1. Чек аралар ар бир он жылда такталат.",
            "3-1. Границы уточняются каждые десять лет.",
        ),
    ):
        change(name, "\n\n## ru", f"\n\n{ky}\n\n## ru")
        head[art + name] = head[art + name].rstrip("\n") + f"\n\n{ru}\n"
    change(
        "change-of-boundaries.md",
        '  ru: "Изменение границ административно-территориального образования"',
        '  ru: "Изменение и уточнение границ административно-территориального образования"',
    )
    change(
        "change-of-boundaries.md",
        '  ky: "Административдик-аймактык бирдиктин чек араларын өзгөртүү"',
        '  ky: "Административдик-аймактык бирдиктин чек араларын өзгөртүү жана тактоо"',
    )
    change(
        "formation-and-abolition.md",
        "2. При объединении айылных аймаков:",
        "2. При объединении айылных аймаков по решению местных кенешей:",
    )
    change(
        "formation-and-abolition.md",
        "2. Айыл аймактары бириктирилген учурда:",
        "2. Айыл аймактары жергиликтүү кеңештердин чечими боюнча бириктирилген учурда:",
    )
    change(
        "settlements.md",
        "3. Отнесение населенного пункта",
        "3. Перевод населенного пункта из одной категории в другую осуществляется Жогорку Кенешем по представлению местного кенеша. Отнесение населенного пункта",
    )
    status = head[art + "naming-and-renaming.md"].replace("status: draft", "status: repealed")
    head[art + "naming-and-renaming.md"] = status.split("## ky")[0] + "## ky\n\n## ru\n"
    head["code_text/code.yaml"] = head["code_text/code.yaml"].replace(
        "          - settlements\n", "          - settlements\n          - settlement-categories\n"
    )
    head[art + "settlement-categories.md"] = (
        '---\nid: settlement-categories\nnumber: "12-1"\ntitle:\n  ky: "Калктуу конуштардын категориялары"\n'
        '  ru: "Категории населенных пунктов"\nstatus: agreed\n---\n\n## ky\n\n'
        "1. Калктуу конуштун категориясы калкынын санына жараша аныкталат.\n\n2. Категориялар:\n   1) айыл;\n   2) шаар.\n\n"
        "## ru\n\n1. Категория населенного пункта определяется численностью его населения.\n\n"
        "2. Категории:\n   1) айыл;\n   2) город.\n"
    )
    return base, head


def test_a_dozen_realistic_amendments_make_a_law_that_applies_back_exactly(tmp_path: Path) -> None:
    base, head = a_dozen_amendments()
    law = roundtrip(base, head)
    for expected in (
        "в тексте на официальном языке: по всему тексту Кодекса, за исключением статьи 2, слова «административно-территориальной единицы» заменить словами «административно-территориального образования»;",
        "расмий тилдеги текстинде: Кодекстин 2-беренесин кошпогондо, бүткүл тексти боюнча «административно-территориальной единицы» деген сөздөр",
        "а) в тексте на государственном языке: в части 1 после слова «экономикалык» дополнить словом «укуктук»;",
        "б) пункт 2 части 3 признать утратившим силу;",
        "б) 3-бөлүгүнүн 2-пункту күчүн жоготту деп таанылсын;",
        "4) часть 1 статьи 6 дополнить пунктом 1-1 следующего содержания:\n\n«1-1) председатели местных кенешей;»;",
        "6) статью 9 дополнить частью 3-1 следующего содержания:",
        "7) наименование статьи 10 изложить в следующей редакции: «Изменение и уточнение границ административно-территориального образования»;",
        "10) главу 2 дополнить статьей 12-1 следующего содержания:\n\n«Статья 12-1. Категории населенных пунктов",
        "11) статью 13 признать утратившей силу.",
        "5) в части 4 статьи 7 слова «путем согласительных процедур или» исключить;",
    ):
        assert expected in law, expected


def test_an_act_kept_as_text_is_amended_the_same_way(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    from .conftest import BASE_FILES, YAML
    from .test_validate_corpus import OLD_LAW, OLD_LAW_ARTICLE

    act = {
        YAML: BASE_FILES[YAML].replace("acts:\n", 'acts:\n  old-law:\n    title: {ky: "Мыйзам", ru: "Закон"}\n'),
        "code_text/acts/old-law/act.yaml": OLD_LAW,
        "code_text/acts/old-law/articles/art-1.md": OLD_LAW_ARTICLE,
    }
    changed = OLD_LAW_ARTICLE.replace("Текст статьи.", "Новый текст статьи.")
    root = code_repo([act, {"code_text/acts/old-law/articles/art-1.md": changed}])
    result = kodeks("amend", "--root", str(root), "--act", "old-law", "HEAD~1", "HEAD", "--lang", "ru")
    assert result.exit_code == 0, result.output + result.stderr
    assert "О внесении изменения в Закон о старом" in result.output
    assert "Внести в Закон о старом следующее изменение:" in result.output
    # A law with one change does not number it.
    assert "\nв статье 1 слово «Текст» заменить словами «Новый текст».\n" in result.output
    law = tmp_path / "law.md"
    law.write_text(result.output, encoding="utf-8")
    write_files(root, {"code_text/acts/old-law/articles/art-1.md": OLD_LAW_ARTICLE})
    applied = kodeks("amend", "--root", str(root), "--act", "old-law", "--apply", str(law))
    assert applied.exit_code == 0, applied.output + applied.stderr
    assert (root / "code_text/acts/old-law/articles/art-1.md").read_text(encoding="utf-8") == changed
    draft = kodeks("amend", "--root", str(root), "HEAD~1", "HEAD")
    assert draft.exit_code == 2 and "the Code is a draft" in draft.output + draft.stderr


ART = "code_text/articles/"
BODIES = "system-of-local-self-government-bodies.md"
RIGHTS = "right-of-citizens.md"
SUBJECT = "subject-of-regulation.md"
SHAPES: dict[
    str, tuple[list[tuple[str, str, str]], list[str]] | tuple[list[tuple[str, str, str]], list[str], list[str]]
] = {
    "a point added at the end of a list, with the sign before it": (
        [
            (
                BODIES,
                "шаарлардагы мэрия.\n",
                "шаарлардагы мэрия;\n   3) жергиликтүү кеңештердин төрагалары;\n   4) айыл өкмөтүнүн башчылары.\n",
            ),
            (
                BODIES,
                "мэрия в городах.\n",
                "мэрия в городах;\n   3) председатели местных кенешей;\n   4) главы айыл окмоту.\n",
            ),
        ],
        [
            "а) 1-бөлүгүнүн 2-пунктундагы чекит үтүрлүү чекит менен алмаштырылсын;",
            "а) в пункте 2 части 1 точку заменить точкой с запятой;",
            "б) 1-бөлүгү төмөнкүдөй мазмундагы 3 жана 4-пункттар менен толукталсын:",
            "б) часть 1 дополнить пунктами 3 и 4 следующего содержания:",
        ],
    ),
    "a new абзац": (
        [
            (
                BODIES,
                "системасына кирбейт.\n",
                "системасына кирбейт.\n\n   Алардын ортосундагы мамилелер ушул Кодекс менен жөнгө салынат.\n",
            ),
            (
                BODIES,
                "государственной власти.\n",
                "государственной власти.\n\n   Отношения между ними регулируются настоящим Кодексом.\n",
            ),
        ],
        [
            "6-берененин 2-бөлүгү төмөнкүдөй мазмундагы экинчи абзац менен толукталсын:",
            "часть 2 статьи 6 дополнить абзацем вторым следующего содержания:",
        ],
    ),
    "nearby words replaced as one replacement": (
        [
            (RIGHTS, "имеют равные права на осуществление", "имеют одинаковые права при осуществлении"),
            (RIGHTS, "саясий же башка ынанымдарына", "диний же башка көз караштарына"),
        ],
        [
            "в части 2 статьи 5 слова «равные права на осуществление» заменить словами «одинаковые права при осуществлении»",
            "5-берененин 2-бөлүгүндө «саясий же башка ынанымдарына» деген сөздөр «диний же башка көз караштарына» деген сөздөр менен алмаштырылсын",
        ],
    ),
    "a point repealed, written in lower case with the list's semicolon": (
        [
            (SUBJECT, "   1) мамлекеттик бийлик органдарынын ички уюштурулушуна;", "   1) күчүн жоготту;"),
            (SUBJECT, "   1) на внутреннюю организацию органов государственной власти;", "   1) утратил силу;"),
        ],
        [
            "1-берененин 3-бөлүгүнүн 1-пункту күчүн жоготту деп таанылсын.",
            "пункт 1 части 3 статьи 1 признать утратившим силу.",
        ],
        # --apply writes the point in the list's case and with its sign, as it was typed here
        ["   1) күчүн жоготту;", "   1) утратил силу;"],
    ),
    "two points repealed together: one instruction": (
        [
            (
                SUBJECT,
                "   1) мамлекеттик бийлик органдарынын ички уюштурулушуна;\n   2) соттук өз алдынча башкаруу органдарынын ишине.",
                "   1) күчүн жоготту;\n   2) күчүн жоготту.",
            ),
            (
                SUBJECT,
                "   1) на внутреннюю организацию органов государственной власти;\n   2) на деятельность органов судейского самоуправления.",
                "   1) утратил силу;\n   2) утратил силу.",
            ),
        ],
        [
            "1-берененин 3-бөлүгүнүн 1 жана 2-пункттары күчүн жоготту деп таанылсын.",
            "пункты 1 и 2 части 3 статьи 1 признать утратившими силу.",
        ],
        ["   1) күчүн жоготту;\n   2) күчүн жоготту.", "   1) утратил силу;\n   2) утратил силу."],
    ),
    "three points added together: a range": (
        [
            (
                BODIES,
                "шаарлардагы мэрия.\n",
                "шаарлардагы мэрия;\n   3) төрагалар;\n   4) башчылар;\n   5) катчылар.\n",
            ),
            (BODIES, "мэрия в городах.\n", "мэрия в городах;\n   3) председатели;\n   4) главы;\n   5) секретари.\n"),
        ],
        [
            "б) часть 1 дополнить пунктами 3–5 следующего содержания:",
            "б) 1-бөлүгү төмөнкүдөй мазмундагы 3-5-пункттар менен толукталсын:",
        ],
    ),
    "a subpoint added: its point is restated": (
        [
            (
                BODIES,
                "   1) жергиликтүү өз алдынча башкаруунун өкүлчүлүктүү органдары – жергиликтүү кеңештер;",
                "   1) жергиликтүү өз алдынча башкаруунун өкүлчүлүктүү органдары:\n\n      а) жергиликтүү кеңештер;",
            ),
            (
                BODIES,
                "   1) представительные органы местного самоуправления – местные кенеши;",
                "   1) представительные органы местного самоуправления:\n\n      а) местные кенеши;",
            ),
        ],
        [
            "6-берененин 1-бөлүгүнүн 1-пункту төмөнкүдөй редакцияда баяндалсын:",
            "пункт 1 части 1 статьи 6 изложить в следующей редакции:",
        ],
    ),
    "a part restated in one language, a word of its point changed in the other: restated in both": (
        [
            (BODIES, "шаарлардагы мэрия.\n", "шаарлардагы мэрия.\n\n   Кеңештер жана мэриялар өз ара аракеттенишет.\n"),
            (BODIES, "мэрия в городах.", "мэрии в городах."),
        ],
        [
            "6-берененин 1-бөлүгү төмөнкүдөй редакцияда баяндалсын:",
            "часть 1 статьи 6 изложить в следующей редакции:",
        ],
    ),
    "words added at a paragraph's start in one language and replaced in the other": (
        [
            (RIGHTS, "3. Жарандар ушул", "3. Бардык Жарандар ушул"),
            (RIGHTS, "3. Граждане участвуют", "3. Жители участвуют"),
        ],
        [
            "5-берененин 3-бөлүгүндө «Жарандар» деген сөз «Бардык Жарандар» деген сөздөр менен алмаштырылсын",
            "в части 3 статьи 5 слово «Граждане» заменить словом «Жители»",
        ],
    ),
    "a part with points inserted": (
        [
            (
                RIGHTS,
                "\n3. Жарандар ушул",
                "\n2-1. Жарандар:\n\n     1) кайрылууга;\n     2) катышууга укуктуу.\n\n3. Жарандар ушул",
            ),
            (
                RIGHTS,
                "\n3. Граждане участвуют",
                "\n2-1. Граждане вправе:\n\n     1) обращаться;\n     2) участвовать.\n\n3. Граждане участвуют",
            ),
        ],
        [
            "статью 5 дополнить частью 2-1 следующего содержания:",
            "5-берене төмөнкүдөй мазмундагы 2-1-бөлүк менен толукталсын:",
            "«2-1. Граждане вправе:\n\n1) обращаться;\n\n2) участвовать.»",
        ],
    ),
    "a part repealed": (
        [
            (RIGHTS, "3. Жарандар ушул Кодекстин", "3. Күчүн жоготту.\n\n## ky-rest\n\n3. Жарандар ушул Кодекстин"),
            (RIGHTS, "3. Граждане участвуют", "3. Утратила силу.\n\n## ru-rest\n\n3. Граждане участвуют"),
        ],
        ["5-берененин 3-бөлүгү күчүн жоготту деп таанылсын.", "часть 3 статьи 5 признать утратившей силу."],
    ),
    "words added in one language and replaced in the other: both say a replacement": (
        [
            (RIGHTS, "укугу жынысына", "укугу кепилденет жана жынысына"),
            (RIGHTS, "имеют равные права", "имеют гарантированные права"),
        ],
        [
            "5-берененин 2-бөлүгүндө «укугу» деген сөз «укугу кепилденет жана» деген сөздөр менен алмаштырылсын",
            "в части 2 статьи 5 слово «равные» заменить словом «гарантированные»",
        ],
    ),
    "two changes in one language and one in the other: the part is restated in both": (
        [
            (RIGHTS, "2. Жарандардын жергиликтүү", "2. Бардык жарандардын жергиликтүү"),
            (RIGHTS, "карабастан тең болот", "карабастан бирдей болот"),
            (RIGHTS, "имеют равные права", "имеют одинаковые права"),
        ],
        [
            "5-берененин 2-бөлүгү төмөнкүдөй редакцияда баяндалсын:",
            "часть 2 статьи 5 изложить в следующей редакции:",
        ],
    ),
}


def _cut_rest(text: str) -> str:
    """A part repealed: what followed the marker (the part's old text) goes."""
    return re.sub(r"\n\n## (ky|ru)-rest\n\n[^\n]*\n", "\n", text)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_instruction_shape_is_worded_as_drafters_write_it_and_applies_back(shape: str) -> None:
    changes, expected, *applied_lines = SHAPES[shape]
    base = in_force()
    head = dict(base)
    for name, old, new in changes:
        assert old in head[ART + name], (name, old)
        head[ART + name] = _cut_rest(head[ART + name].replace(old, new, 1))
    law = roundtrip(base, head)
    for line in expected:
        assert line in law, (line, law)
    assert "в тексте на" not in law  # each change is said in both versions, no text changed alone
    if applied_lines:
        applied = apply_law(read_law(law).versions, dict(base), load(base))
        for line in applied_lines[0]:
            assert any(line in text for text in applied.values()), (line, applied)
    ky, ru = law.split("# Закон Кыргызской Республики")
    # A law with one article's changes is one item: it is not numbered «1)» when it is one change.
    for version in (ky, ru):
        items = re.findall(r"^(\d+)\) ", version, re.MULTILINE)
        subs = re.findall(r"^([а-я])\) ", version, re.MULTILINE)
        assert items or subs or "\n1)" not in version


def test_an_abzac_repealed_and_several_laws_worded_in_kyrgyz_grammar() -> None:
    base = in_force()
    base[ART + BODIES] = (
        base[ART + BODIES]
        .replace("системасына кирбейт.\n", "системасына кирбейт.\n\n   Алар ушул Кодекс менен жөнгө салынат.\n")
        .replace("государственной власти.\n", "государственной власти.\n\n   Они регулируются настоящим Кодексом.\n")
    )
    base["code_text/code.yaml"] = base["code_text/code.yaml"].replace(
        "title:",
        'publication:\n  ky: "Кыргыз Республикасынын Жогорку Кеңешинин Жарчысы, 2027-ж., № 1, 1-ст."\n'
        '  ru: "Ведомости Жогорку Кенеша Кыргызской Республики, 2027 г., № 1, ст. 1"\ntitle:',
        1,
    )
    head = dict(base)
    head[ART + BODIES] = (
        head[ART + BODIES]
        .replace("   Алар ушул Кодекс менен жөнгө салынат.", "   Күчүн жоготту.")
        .replace("   Они регулируются настоящим Кодексом.", "   Утратил силу.")
    )
    law = roundtrip(base, head)
    assert "абзац второй части 2 статьи 6 признать утратившим силу." in law
    assert "6-берененин 2-бөлүгүнүн экинчи абзацы күчүн жоготту деп таанылсын." in law
    assert (
        "Внести в Кодекс Кыргызской Республики о местном самоуправлении (Ведомости Жогорку Кенеша Кыргызской "
        "Республики, 2027 г., № 1, ст. 1) следующее изменение:"
    ) in law
    assert (
        "кодексине (Кыргыз Республикасынын Жогорку Кеңешинин Жарчысы, 2027-ж., № 1, 1-ст.) төмөнкүдөй өзгөртүү киргизилсин:"
        in law
    )


@pytest.mark.parametrize(
    ("name", "dative"),
    [
        ("Кыргыз Республикасынын Жарандык кодекси", "Кыргыз Республикасынын Жарандык кодексине"),
        ("Кыргыз Республикасынын Конституциясы", "Кыргыз Республикасынын Конституциясына"),
        (
            "Кыргыз Республикасынын Жогорку Кеңешинин Регламенти",
            "Кыргыз Республикасынын Жогорку Кеңешинин Регламентине",
        ),
        ("Жарандык кодекс", "Жарандык кодекске"),
        (
            "Кыргыз Республикасынын «Жергиликтүү өз алдынча башкаруу жөнүндө» Мыйзамы",
            "Кыргыз Республикасынын «Жергиликтүү өз алдынча башкаруу жөнүндө» Мыйзамына",
        ),
    ],
)
def test_the_kyrgyz_dative_of_an_acts_name(name: str, dative: str) -> None:
    from kodeks.wording import ky_dative

    assert ky_dative(name) == dative


def test_the_word_law_is_in_kyrgyz_and_russian_for_word_justified_as_laws_are_printed() -> None:
    import io
    import zipfile

    from kodeks.render.amending_law import render_docx

    base, head = a_dozen_amendments()
    data = render_docx(amending_law(load(base), load(head)), ("ky", "ru"))
    package = zipfile.ZipFile(io.BytesIO(data))
    xml = package.read("word/document.xml").decode()
    styles = package.read("word/styles.xml").decode()
    ky, ru = xml.split('<w:br w:type="page"/>')
    assert "Кодекстин 2-беренесин кошпогондо" in ky and 'w:val="ky-KG"' in ky and 'w:val="ru-RU"' not in ky
    assert "по всему тексту Кодекса" in ru and 'w:val="ru-RU"' in ru and 'w:val="ky-KG"' not in ru
    assert "en-US" not in styles  # Word would mark every line misspelt
    assert ru.count('<w:jc w:val="both"/>') > 10


@pytest.mark.parametrize(
    ("path", "old", "new", "ky", "ru"),
    [
        (UnitPath(LegalNumber.of(5), LegalNumber.of(2)), ".", ";",
         "5-берененин 2-бөлүгүндөгү чекит үтүрлүү чекит менен алмаштырылсын",
         "в части 2 статьи 5 точку заменить точкой с запятой"),
        (UnitPath(LegalNumber.of(5), LegalNumber.of(2), LegalNumber.of(3)), ":", ",",
         "5-берененин 2-бөлүгүнүн 3-пунктундагы кош чекит үтүр менен алмаштырылсын",
         "в пункте 3 части 2 статьи 5 двоеточие заменить запятой"),
        (UnitPath(LegalNumber.of(5)), ";", ".", "5-беренедеги үтүрлүү чекит чекит менен алмаштырылсын",
         "в статье 5 точку с запятой заменить точкой"),
    ],
)  # fmt: skip
def test_a_sign_is_named_in_each_language_and_read_back(path: UnitPath, old: str, new: str, ky: str, ru: str) -> None:
    from kodeks.instruction import AmendingLaw, Instruction, Op
    from kodeks.render.amending_law import version

    law = AmendingLaw(
        {"ky": "Кодекси", "ru": "Кодекс"},
        (Instruction(Op.REPLACE, "ky", path, old, new), Instruction(Op.REPLACE, "ru", path, old, new)),
        ("ky", "ru"),
    )
    assert version(law, "ky") == [ky + "."] and version(law, "ru") == [ru + "."]
    printed = render_markdown(law, ("ky", "ru"))
    read = read_law(printed)
    assert read.problems == [] and [(i.op, i.path, i.old, i.new) for i in read.versions["ru"]] == [
        (Op.REPLACE, path, old, new)
    ]


def test_an_amending_law_is_not_applied_to_a_draft(tmp_path: Path) -> None:
    """A draft is edited, not amended: `kodeks amend` writes no law for one, and --apply carries
    none out on one."""
    from .conftest import BASE_FILES

    write_files(tmp_path, dict(BASE_FILES))
    law = tmp_path / "law.md"
    law.write_text(
        "**Статья 1.**\n\nВнести в Кодекс следующие изменения:\n\nв статье 3 слово «решает» заменить словом «рассматривает».\n",
        encoding="utf-8",
    )
    result = kodeks("amend", "--root", str(tmp_path), "--apply", str(law))
    assert result.exit_code != 0 and "the Code is a draft: an amending law changes a text in force" in result.output
    assert (tmp_path / "code_text/articles/kenesh.md").read_text(encoding="utf-8") == BASE_FILES[
        "code_text/articles/kenesh.md"
    ]


@pytest.mark.parametrize(
    ("name", "accusative"),
    [
        ("Кыргыз Республикасынын Жергиликтүү өз алдынча башкаруу жөнүндө кодекси", "… жөнүндө кодексин"),
        ("Кыргыз Республикасынын Конституциясы", "… Конституциясын"),
        ("Жарандык кодекс", "… кодексти"),
        ("Мыйзам", "… Мыйзамды"),
        ("Жобо", "… Жобону"),
    ],
)
def test_the_kyrgyz_accusative_of_an_acts_name(name: str, accusative: str) -> None:
    """What «… кодексин колдонууга киргизүү жөнүндө» (the law enacting the Code) is built on."""
    from kodeks.wording import ky_accusative

    assert ky_accusative(name).endswith(accusative.removeprefix("… "))
