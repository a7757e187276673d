"""`kodeks import` of a DOCX as Word writes it, and as an attacker does: every run Word shows is
read (wherever WordprocessingML keeps it), nothing unsettled or hidden is taken for the law, and
a hostile package costs bounded time and memory."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kodeks.store import document as document_store

from .conftest import BASE_FILES, YAML, WriteCode, kodeks

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ACT = "code_text/acts/civil-code/"


@pytest.fixture
def repo(code_dir: WriteCode, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = code_dir(
        {YAML: str(BASE_FILES[YAML]).replace(
            "acts:\n", 'acts:\n  civil-code:\n    title: {ky: "Жарандык кодекс", ru: "Гражданский кодекс"}\n'
        )}
    )  # fmt: skip
    monkeypatch.chdir(root)
    return root


def docx(path: Path, body: str, extra: dict[str, bytes] | None = None, prolog: str = "") -> Path:
    """A minimal Word package whose body is ``body`` (WordprocessingML), stored uncompressed."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        package.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?>{prolog}<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>',
        )
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return path


def paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


HEADER = ("ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ", "от 8 мая 1996 года № 15", "О собственности")
ARTICLE = "".join(
    paragraph(line) for line in (*HEADER, "Статья 1. Собственность", "1. Собственность может быть отчуждена.")
)


def imported(root: Path) -> str:
    return (root / ACT / "articles" / "art-1.md").read_text(encoding="utf-8")


def test_words_in_every_container_word_shows_are_read(repo: Path) -> None:
    """«не может быть» once came in as «может быть», exit 0: the reader skipped smart tags,
    content controls, custom XML and simple fields."""
    containers = [
        '<w:smartTag w:uri="u" w:element="e"><w:r><w:t xml:space="preserve">не </w:t></w:r></w:smartTag>',
        '<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve">может </w:t></w:r></w:sdtContent></w:sdt>',
        '<w:customXml w:element="x"><w:r><w:t xml:space="preserve">быть </w:t></w:r></w:customXml>',
        '<w:fldSimple w:instr=" DOCPROPERTY x "><w:r><w:t xml:space="preserve">никем </w:t></w:r></w:fldSimple>',
        '<w:hyperlink w:anchor="a"><w:r><w:t>отчуждена</w:t></w:r></w:hyperlink>',
    ]
    body = (
        "".join(map(paragraph, HEADER))
        + paragraph("Статья 1. Собственность")
        + f'<w:p><w:r><w:t xml:space="preserve">1. Собственность </w:t></w:r>{"".join(containers)}<w:r><w:t>.</w:t></w:r></w:p>'
    )
    result = kodeks("import", str(docx(repo / "law.docx", body)), "--act", "civil-code", "--language", "ru")
    assert result.exit_code == 0, result.output
    assert "1. Собственность не может быть никем отчуждена." in imported(repo)


def test_a_reader_that_skips_words_cannot_pass_its_own_check(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The word-for-word check reads the file a second way (every w:t not deleted): a reader that
    drops «не» is caught, and nothing is written."""
    body = ARTICLE.replace("может быть", "не может быть")
    reader = document_store._docx_text
    monkeypatch.setattr(document_store, "_docx_text", lambda path: reader(path).replace("не может", "может"))
    result = kodeks("import", str(docx(repo / "law.docx", body)), "--act", "civil-code", "--language", "ru")
    assert result.exit_code == 1 and "1 word of the file would not be in the act's files: «не»" in result.output
    assert not (repo / ACT).exists()


def test_a_document_with_tracked_changes_not_settled_is_refused(repo: Path) -> None:
    merged = ARTICLE.replace(
        '<w:p><w:r><w:t xml:space="preserve">1. ',
        '<w:p><w:pPr><w:rPr><w:del w:id="2" w:author="x"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">1. ',
    )
    result = kodeks("import", str(docx(repo / "merged.docx", merged)), "--act", "civil-code", "--language", "ru")
    assert result.exit_code == 2 and "1 tracked change(s)" in result.output  # a paragraph mark deleted
    body = ARTICLE.replace(
        '<w:r><w:t xml:space="preserve">1. Собственность может',
        '<w:del w:id="1" w:author="x"><w:r><w:delText>не </w:delText></w:r></w:del><w:r><w:t xml:space="preserve">1. Собственность может',
    )
    result = kodeks("import", str(docx(repo / "law.docx", body)), "--act", "civil-code", "--language", "ru")
    assert result.exit_code == 2 and "1 tracked change(s) neither accepted nor rejected" in result.output
    assert not (repo / ACT).exists()


MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


@pytest.mark.parametrize(
    "inner, says",
    [
        ('<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">не </w:t></w:r>', "hidden text"),
        ('<w:r><w:sym w:font="Symbol" w:char="0025"/></w:r>', "symbols inserted from a symbol font"),
        ('<w:dir w:val="rtl"><w:r><w:t>ан</w:t></w:r></w:dir>', "direction is overridden"),
    ],
)
def test_what_word_shows_differently_is_refused(repo: Path, inner: str, says: str) -> None:
    """Words Word does not show («не» hidden), or shows otherwise, once came in with exit 0."""
    body = ARTICLE.replace(
        '<w:r><w:t xml:space="preserve">1. Собственность', inner + '<w:r><w:t xml:space="preserve">1. Собственность'
    )
    result = kodeks("import", str(docx(repo / "law.docx", body)), "--act", "civil-code", "--language", "ru")
    assert result.exit_code == 2 and says in result.output, result.output


def test_of_alternate_content_the_choice_word_shows_is_read(repo: Path) -> None:
    choice = (
        f'<mc:AlternateContent {MC}><mc:Choice Requires="w14"><w:r><w:t xml:space="preserve">не </w:t></w:r>'
        '</mc:Choice><mc:Fallback><w:r><w:t xml:space="preserve">всегда </w:t></w:r></mc:Fallback></mc:AlternateContent>'
    )
    body = ARTICLE.replace("может быть", f'</w:t></w:r>{choice}<w:r><w:t xml:space="preserve">может быть')
    result = kodeks("import", str(docx(repo / "law.docx", body)), "--act", "civil-code", "--language", "ru")
    assert result.exit_code == 0, result.output
    assert "1. Собственность не может быть отчуждена." in imported(repo)


def test_a_dtd_is_refused(repo: Path) -> None:
    prolog = '<!DOCTYPE w:document [<!ENTITY cut "">]>'
    result = kodeks("import", str(docx(repo / "law.docx", ARTICLE, prolog=prolog)), "--act", "civil-code")
    assert result.exit_code == 2 and "declares a DTD" in result.output


def test_a_hostile_package_is_bounded(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A part no reader needs is never unpacked (python-docx loaded every part a relationship
    names: 1 GB); millions of tiny paragraphs are refused before anything is built from them."""
    read: list[str] = []
    original = zipfile.ZipFile.read

    def recorded(package: zipfile.ZipFile, name: object, pwd: bytes | None = None) -> bytes:
        read.append(str(getattr(name, "filename", name)))
        return original(package, name, pwd)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "read", recorded)
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        'Target="media/huge.bin"/></Relationships>'
    )
    linked = docx(
        repo / "linked.docx",
        ARTICLE,
        {"word/_rels/document.xml.rels": rels.encode(), "word/media/huge.bin": b"0" * 10_000_000},
    )
    assert kodeks("import", str(linked), "--act", "civil-code", "--language", "ru").exit_code == 0
    assert set(read) == {"word/document.xml"}
    many = docx(repo / "many.docx", ARTICLE + paragraph("x") * (document_store.MAX_PARAGRAPHS + 1))
    result = kodeks("import", str(many), "--act", "civil-code", "--language", "ru")
    assert result.exit_code == 2 and "more than any law or Code holds" in result.output


def test_a_text_over_one_mebibyte_is_read_up_to_the_documented_limit(repo: Path) -> None:
    text = (
        "\n\n".join(HEADER)
        + "\n\nСтатья 1. Собственность\n\n1. Собственность может быть отчуждена.\n\n"
        + "2. Текст части.\n" * 80_000
    )
    (repo / "long.txt").write_text(
        text[: text.index("2. ")] + "2. " + "очень длинная часть " * 70_000 + "\n", encoding="utf-8"
    )
    assert (repo / "long.txt").stat().st_size > 1024 * 1024
    result = kodeks("import", "long.txt", "--act", "civil-code", "--language", "ru", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Windows-1251" not in result.output


def test_one_bad_byte_in_utf8_is_not_called_windows_1251(repo: Path) -> None:
    text = ("\n\n".join(HEADER) + "\n\nСтатья 1. Собственность\n\n1. Собственность может быть отчуждена.\n") * 20
    (repo / "bad.txt").write_bytes(text.encode("utf-8").replace("может".encode(), b"\xff", 1))
    result = kodeks("import", "bad.txt", "--act", "civil-code")
    assert result.exit_code == 2 and "not valid UTF-8 (byte 0xFF" in result.output
    assert "Windows-1251" not in result.output


def test_a_raised_number_is_an_inserted_number(repo: Path) -> None:
    """Word prints article 5¹ as «Статья 5» and a superscript «1»: it became article 51."""
    raised = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>1</w:t></w:r>'
    lines = (
        "".join(map(paragraph, HEADER))
        + paragraph("Статья 5. Собственность")
        + paragraph("1. Собственность может быть отчуждена.")
        + f'<w:p><w:r><w:t>Статья 5</w:t></w:r>{raised}<w:r><w:t xml:space="preserve">. Новая статья</w:t></w:r></w:p>'
        + f'<w:p><w:r><w:t xml:space="preserve">1. Согласно части 1 статьи 5</w:t></w:r>{raised}<w:r><w:t>.</w:t></w:r></w:p>'
    )
    result = kodeks("import", str(docx(repo / "law.docx", lines)), "--act", "civil-code", "--language", "ru")
    assert result.exit_code == 0, result.output
    inserted = (repo / ACT / "articles" / "art-5-1.md").read_text(encoding="utf-8")
    assert 'number: "5-1"' in inserted and "статьи 5¹" in inserted
    assert not (repo / ACT / "articles" / "art-51.md").exists()
