"""What kodeks says to a person, in Kyrgyz, Russian and English: every sentence of the code is in
both catalogs with the same placeholders, the compiled catalogs are the ones in the repository,
and each run speaks the language its reader chose."""

from __future__ import annotations

import functools
import gettext
import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from kodeks.messages import LOCALE_DIR, Message, from_row, msg, placeholders, plural

from .conftest import BASE_FILES, YAML, A, WriteCode, kodeks

PACKAGE = Path(__file__).resolve().parents[1] / "tooling" / "kodeks"
TRANSLATED = ("ky", "ru")


@functools.cache
def extracted() -> dict[str, tuple[str, ...]]:
    """Every msgid of the code (a plural's as its two English forms), as tooling/messages.py extracts."""
    found: dict[str, tuple[str, ...]] = {}
    for _, _, message, _, _ in extract_from_dir(str(PACKAGE), keywords={"msg": None, "plural": (1, 2)}):
        forms = message if isinstance(message, tuple) else (message,)
        found[forms[0]] = forms
    return found


@functools.cache
def catalog(language: str) -> Catalog:
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "kodeks.po", "rb") as handle:
        return read_po(handle, locale=language)


def _strings(entry: Any) -> tuple[str, ...]:
    """A catalog entry's translation, or its forms for a plural."""
    string = entry.string
    return tuple(str(s) for s in string) if isinstance(string, (tuple, list)) else (str(string or ""),)


def test_the_code_has_messages_to_translate() -> None:
    assert len(extracted()) > 300  # every finding, error and summary; fewer means extraction missed them


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_the_placeholders_of_its_english(language: str) -> None:
    entries = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog(language) if m.id}
    missing = sorted(set(extracted()) - set(entries))
    assert not missing, f"not in {language}.po (run tooling/messages.py): {missing[:5]}"
    dead = sorted(set(entries) - set(extracted()))
    assert not dead, f"in {language}.po but said nowhere: {dead[:5]}"
    problems = []
    for msgid, forms in extracted().items():
        entry = entries[msgid]
        translations = _strings(entry)
        if entry.fuzzy or not all(translations):
            problems.append(f"untranslated: {msgid}")
            continue
        if len(forms) == 2 and not isinstance(entry.id, tuple):
            problems.append(f"a plural in the code, a single form in the catalog: {msgid}")
        expected = set().union(*(placeholders(form) for form in forms))
        for translation in translations:
            if placeholders(translation) != expected:
                problems.append(f"placeholders {sorted(placeholders(translation))} ≠ {sorted(expected)}: {msgid}")
            if language == "ru" and re.search(r"\wё|ё\w", translation):  # the letter named alone is no word
                problems.append(f"«ё» in a Russian message (legal texts write «е»): {translation}")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalog_is_the_catalog_in_the_repository(language: str) -> None:
    """The .mo kodeks reads says what the .po says: after editing a .po, tooling/messages.py compiles it."""
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "kodeks.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in catalog(language):
        strings = _strings(entry)
        if not entry.id or entry.fuzzy or not all(strings):
            continue  # the other test names what is untranslated
        if isinstance(entry.id, tuple):
            for count, form in ((1, 0), (3, 1), (5, 2)):
                expected = strings[min(form, len(strings) - 1)]
                assert compiled.ngettext(str(entry.id[0]), str(entry.id[1]), count) == expected, entry.id
        else:
            assert compiled.gettext(str(entry.id)) == strings[0], entry.id


def test_counts_take_each_language_s_form() -> None:
    one, few, many = (plural("{count} error", "{count} errors", n) for n in (1, 3, 5))
    assert [m.said("en") for m in (one, few, many)] == ["1 error", "3 errors", "5 errors"]
    assert [m.said("ru") for m in (one, few, many)] == ["1 ошибка", "3 ошибки", "5 ошибок"]
    assert [m.said("ky") for m in (one, few, many)] == ["1 ката", "3 ката", "5 ката"]


def test_a_wording_is_filled_by_name_only() -> None:
    """A wording from a catalog or a cache never reaches a parameter's attributes."""
    hostile = Message("{text.__class__} {0} {text!r} {{text}} {text}", (("text", "x"),))
    assert hostile.said("en") == "{text.__class__} {0} {text!r} {text} x"
    assert from_row(msg("{a} and {b}", a="x", b=msg("{c}", c=1)).as_row()).said("en") == "x and 1"
    with pytest.raises(ValueError):
        from_row(("{a}", (("a", object()),), "", None))


def _invalid_code(code_dir: WriteCode, messages: str = "") -> Path:
    code_yaml = str(BASE_FILES[YAML]).replace(
        "stage: draft\n", f"stage: draft\nmessages: {messages}\n" if messages else "stage: draft\n"
    )
    kenesh = str(BASE_FILES[A + "kenesh.md"]).replace("number: 3", "number: 4")
    return code_dir({YAML: code_yaml, A + "kenesh.md": kenesh})


# A finding in each language: the rule's code and location as they are, the sentence in the
# reader's language and in its legal register.
N003 = {
    "en": "N003 article `kenesh` is numbered 4",
    "ky": "N003 `kenesh` беренеси",
    "ru": "N003 статья `kenesh`",
}


@pytest.mark.parametrize(
    ("option", "variable", "code_yaml", "locale", "expected"),
    [
        ("ru", "ky", "ky", "ky_KG.UTF-8", "ru"),  # --messages first
        (None, "ky", "ru", "ru_RU.UTF-8", "ky"),  # then KODEKS_MESSAGES
        (None, None, "ky", "ru_RU.UTF-8", "ky"),  # then code.yaml's messages:
        (None, None, None, "ru_RU.UTF-8", "ru"),  # then the locale
        (None, None, None, "C.UTF-8", "en"),  # and English when none names a language kodeks speaks
    ],
)
def test_a_run_speaks_the_language_chosen_first(
    code_dir: WriteCode,
    option: str | None,
    variable: str | None,
    code_yaml: str | None,
    locale: str,
    expected: str,
) -> None:
    root = _invalid_code(code_dir, code_yaml or "")
    env = {"KODEKS_MESSAGES": variable, "LC_ALL": None, "LC_MESSAGES": None, "LANG": locale}
    arguments = (["--messages", option] if option else []) + ["validate", "--root", str(root)]
    result = kodeks(*arguments, env=env)
    assert result.exit_code == 1
    assert N003[expected] in result.output, result.output
    summary = {"en": "the Code is invalid", "ky": "Кодекс", "ru": "Кодекс"}[expected]
    assert summary in result.output.splitlines()[-2 if "renumber" in result.output else -1]


def test_a_wrong_messages_value_in_code_yaml_is_a_finding(code_dir: WriteCode) -> None:
    root = code_dir({YAML: str(BASE_FILES[YAML]).replace("stage: draft\n", "stage: draft\nmessages: kk\n")})
    result = kodeks("validate", "--root", str(root))
    assert result.exit_code == 1 and "code.yaml:3:11: Y006 `messages:` must be one of: ky, ru, en" in result.output


def test_every_message_is_a_literal_that_extraction_finds() -> None:
    """``msg`` and ``plural`` take literal wordings outside f-strings: Babel reads neither a
    variable nor a call inside an f-string, and such a sentence would stay English for ever."""
    import ast

    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside_fstrings = {
            id(node) for joined in ast.walk(tree) if isinstance(joined, ast.JoinedStr) for node in ast.walk(joined)
        }
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("msg", "plural")
            ):
                continue
            where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
            literals = node.args[: 2 if node.func.id == "plural" else 1]
            if id(node) in inside_fstrings:
                problems.append(f"{where}: {node.func.id}() inside an f-string")
            elif not literals or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in literals):
                problems.append(f"{where}: {node.func.id}() of something other than a literal wording")
    assert not problems, "\n".join(problems)


def test_click_s_own_sentences_are_said_in_the_run_s_language_too(
    code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A usage error is Click's frame around kodeks's words: a drafter meets both in one language,
    the Code's own when code.yaml names it, before any option is read."""
    unknown = kodeks("--messages", "ru", "valdate")
    assert unknown.exit_code == 2
    assert "Ошибка: Нет команды 'valdate'. Возможно, имелось в виду 'validate'?" in unknown.stderr
    assert "Использование: " in unknown.stderr and "Справка: " in unknown.stderr
    monkeypatch.delenv("KODEKS_MESSAGES")
    monkeypatch.chdir(code_dir({YAML: str(BASE_FILES[YAML]).replace("stage: draft\n", "stage: draft\nmessages: ky\n")}))
    missing = kodeks("new", env={"LANG": "C.UTF-8", "LC_ALL": None})
    assert missing.exit_code == 2 and "Ката: Аргумент көрсөтүлгөн жок: 'ID'." in missing.stderr, missing.stderr


def test_findings_read_in_the_legal_register_of_each_language(code_dir: WriteCode) -> None:
    """An article inserted before `kenesh` (now article 4), whose part 2 was renumbered 3: each
    finding as a Kyrgyz or Russian legal editor words it (read by a person, then pinned)."""
    from kodeks.store.worktree import read_worktree
    from kodeks.verdict import check

    from .test_validate import INSERTED

    files = {
        YAML: BASE_FILES[YAML].replace("articles: [subject, concepts]", "articles: [subject, concepts, inserted]"),
        A + "inserted.md": INSERTED.replace("number: 2-1", "number: 3")
        .replace(" жана [3-берененин 1-1-бөлүгүндө](art:kenesh#1-1)", "")
        .replace(" и [части 1-1 статьи 3](art:kenesh#1-1)", ""),
        A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: 4").replace("2. ", "3. ", 1),
    }
    said = {
        language: [f"{d.code} {d.message.said(language)}" for d in check(read_worktree(code_dir(files))).diagnostics]
        for language in TRANSLATED
    }
    assert said["ky"] == [
        "R004 «3-беренеде» шилтемесинин текстинде 3-берене аталган, ал эми шилтеме 4-берене дегенге багытталган "
        "(`art:kenesh`): текстин оңдоңуз",
        "R004 «статье 3» шилтемесинин текстинде 3-берене аталган, ал эми шилтеме 4-берене дегенге багытталган "
        "(`art:kenesh`): текстин оңдоңуз",
        "R003 4-беренеде (`kenesh`) 2-бөлүк жок",
        "N004 бул бөлүк 3 деп номерленген, бирок тартиби боюнча 2-орунда турат: 2 деп номерлеңиз",
        "P001 «## ru» текстинде бөлүктөр: 1., 2., ал эми «## ky» текстинде бөлүктөр: 1., 3.",
    ]
    assert said["ru"] == [
        "R004 текст ссылки «3-беренеде» называет статью 3, а ссылка указывает на статью 4 (`art:kenesh`): "
        "исправьте формулировку",
        "R004 текст ссылки «статье 3» называет статью 3, а ссылка указывает на статью 4 (`art:kenesh`): "
        "исправьте формулировку",
        "R003 в статье 4 (`kenesh`) отсутствует часть 2",
        "N004 эта часть имеет номер 3, но по порядку стоит на 2-м месте: присвойте номер 2",
        "P001 в «## ru»: части 1., 2., а в «## ky»: части 1., 3.",
    ]
