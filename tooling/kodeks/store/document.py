"""The published text of an act, as the working group receives it: plain text or a DOCX.

Both come from outside the repository and are read as untrusted: a size limit on the file and,
for a DOCX, on the package (member count, each member's size, compression ratio: a zip bomb is
refused before anything is unpacked) and on the XML read (its size, its number of elements: a
tree of millions of tiny paragraphs costs a gigabyte); only the parts read are unpacked (not
every part a relationship names, as python-docx loads them); XML is parsed by lxml without a
DTD, entities or network, and a part that declares a DTD is refused; nothing in it is executed.
Text comes back one paragraph per line.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..errors import KodeksError
from ..source import decode

MAX_INPUT = 20 * 1024 * 1024
"""A law's text is well under a megabyte; a DOCX with pictures a few."""
MAX_MEMBERS = 2_000
MAX_MEMBER_SIZE = 50 * 1024 * 1024
MAX_RATIO = 200
"""Ordinary XML compresses about 10:1; a bomb by thousands."""
MAX_XML = 64 * 1024 * 1024
"""A part read as XML: word/document.xml of a 2,000-article Code as kodeks writes it is 18.6 MB."""
MAX_ELEMENTS = 2_000_000
"""XML elements in a part read (bounded before it is parsed: each needs a «<»): the same Code has
526,000 in 38,000 paragraphs; a tree costs about 0.5 KB an element."""

MAX_PARAGRAPHS = 150_000
"""Paragraphs (or lines of a text) read: the 2,000-article Code has 38,000; the Civil Code, the
longest act it gathers, about 15,000. Each costs the import about half a millisecond."""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class InputError(KodeksError):
    """An input file that cannot be read as a law's text (exit 2: the command was given it)."""


def read_text_of_act(path: Path) -> tuple[str, list[Diagnostic]]:
    """The text of ``path`` (``.txt`` in UTF-8, or ``.docx``), and problems of its encoding."""
    check_size(path)
    if path.suffix.lower() == ".docx":
        return _docx_text(path), []
    if path.suffix.lower() == ".doc":
        raise InputError(f"{path}: an old Word .doc file; save it as .docx (or as UTF-8 text) and import that")
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        raise InputError(f"{path}: a ZIP package (a DOCX?); name it .docx to import it as one")
    text, problems = decode(path.name, data, limit=MAX_INPUT)
    if text is not None:
        _count_paragraphs(path, text.count("\n") + 1)
    if text is None:
        hint = " (it looks like Windows-1251: save it as UTF-8)" if _looks_cp1251(data) else ""
        raise InputError(f"{path}: not UTF-8 text{hint}; {problems[0].message if problems else ''}".rstrip("; "))
    return text, problems


def words_shown(path: Path) -> str:
    """The text of ``path`` by a second, independent reading, for the word-for-word check of an
    import: of a DOCX, every ``w:t`` of the body in document order that is not deleted (nor an
    alternative Word does not show), whatever element holds it; of a text, the text. A reader
    that skips an element cannot pass its own check."""
    if path.suffix.lower() != ".docx":
        return read_text_of_act(path)[0]
    with open_package(path) as package:
        document = read_xml(package, "word/document.xml", path)
    hidden = (f"{W}del", f"{W}moveFrom", f"{_MC}Fallback")
    pieces = []
    for element in document.iter(f"{W}t", f"{W}p"):
        if element.tag == f"{W}p":
            pieces.append("\n")
        elif not any(ancestor.tag in hidden for ancestor in element.iterancestors()):
            pieces.append(element.text or "")
    return "".join(pieces)


def _looks_cp1251(data: bytes) -> bool:
    """Many bytes that are not UTF-8 where Cyrillic letters would be (one bad byte in UTF-8
    Cyrillic text, whose lead bytes are 0xD0 and 0xD1, is not Windows-1251)."""
    return data[:4096].decode("utf-8", "replace").count("\ufffd") > 32


def open_package(path: Path) -> zipfile.ZipFile:
    """A Word package checked before anything is unpacked: member count, sizes, compression
    ratio, and a ``word/document.xml``."""
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(f"{path}: not a DOCX package ({error})") from error
    members = package.infolist()
    if len(members) > MAX_MEMBERS:
        package.close()
        raise InputError(f"{path}: {len(members):,} parts in the package; refused")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MAX_MEMBER_SIZE or ratio > MAX_RATIO:
            package.close()
            raise InputError(
                f"{path}: part {member.filename} unpacks to {member.file_size:,} bytes "
                f"({ratio:.0f}× its packed size): refused as a possible zip bomb"
            )
    if "word/document.xml" not in package.namelist():
        package.close()
        raise InputError(f"{path}: not a Word document (no word/document.xml)")
    return package


def check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputError(f"{path}: {error.strerror}") from error
    if size > MAX_INPUT:
        raise InputError(f"{path}: {size:,} bytes; a law's text is read up to {MAX_INPUT:,}")


def xml_parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False)


def read_xml(package: zipfile.ZipFile, name: str, path: Path) -> Any:
    """The part ``name`` of a checked package as an lxml tree (None if there is none), within
    :data:`MAX_XML` bytes and :data:`MAX_ELEMENTS` elements, and without a DTD."""
    from lxml import etree

    if name not in package.namelist():
        return None
    if package.getinfo(name).file_size > MAX_XML:
        raise InputError(f"{path}: {name} unpacks to {package.getinfo(name).file_size:,} bytes; read up to {MAX_XML:,}")
    data = package.read(name)
    if data.count(b"<") > 2 * MAX_ELEMENTS:
        raise InputError(
            f"{path}: {name} holds millions of XML elements, more than any Code or law (a 2,000-article "
            f"Code holds about 530,000): refused"
        )
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as error:
        raise InputError(f"{path}: {name} is damaged ({error})") from error
    if root.getroottree().docinfo.internalDTD is not None or b"<!DOCTYPE" in data[:4096]:
        raise InputError(f"{path}: {name} declares a DTD; a Word document has none")
    return root


_TRACKED = (f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo")
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_NOT_AS_SHOWN = (
    (f"{W}txbxContent", "text boxes"),
    (f"{W}vanish", "hidden text, which Word does not show"),
    (f"{W}specVanish", "hidden text, which Word does not show"),
    (f"{W}sym", "symbols inserted from a symbol font"),
    (f"{W}bdo", "text whose direction is overridden"),
    (f"{W}dir", "text whose direction is overridden"),
    (f"{W}altChunk", "content imported from another file"),
)
"""What would be read differently from what Word shows: refused, never guessed."""
_AS_TEXT = "kodeks imports a law's running text only, read as Word shows it: make it plain text in Word, or import the plain text"


def _hides_a_run(vanish: Any) -> bool:
    """``<w:vanish/>`` switched on in a run's properties (a paragraph mark's hides no words)."""
    properties = vanish.getparent()
    run = properties.getparent() if properties is not None else None
    on = vanish.get(f"{W}val", "true").lower() not in ("0", "false", "off")
    return on and run is not None and run.tag == f"{W}r"


_CHARACTERS = {f"{W}t": None, f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}


def _docx_text(path: Path) -> str:
    """Every paragraph of the body as Word shows it: the text of every run wherever Word keeps it
    (hyperlinks, smart tags, content controls, custom XML, simple fields), one line each."""
    with open_package(path) as package:
        document = read_xml(package, "word/document.xml", path)
    body = document.find(f"{W}body") if document is not None else None
    if body is None:
        raise InputError(f"{path}: not a Word document (no body)")
    tables = sum(1 for _ in body.iter(f"{W}tbl"))
    if tables:
        raise InputError(
            f"{path}: the document has {tables} table(s); kodeks imports running text only "
            "(copy the tables' text out, or import the plain text)"
        )
    tracked = sum(1 for _ in body.iter(*_TRACKED))
    if tracked:
        raise InputError(
            f"{path}: the document has {tracked} tracked change(s) neither accepted nor rejected; "
            "the law's text is not settled: accept or reject them in Word (Review → Accept All) and import again"
        )
    for fallback in list(body.iter(f"{_MC}Fallback")):  # Word shows the Choice; the Fallback is for older readers
        fallback.getparent().remove(fallback)
    for tag, what in _NOT_AS_SHOWN:
        found = [element for element in body.iter(tag) if tag != f"{W}vanish" or _hides_a_run(element)]
        if found:
            raise InputError(f"{path}: the document has {what} ({len(found)}); {_AS_TEXT}")
    _count_paragraphs(path, sum(1 for _ in body.iter(f"{W}p")))
    lines = []
    for paragraph in body.iter(f"{W}p"):
        pieces = []
        for element in paragraph.iter(*_CHARACTERS):
            character = _CHARACTERS[element.tag]
            text = element.text or "" if character is None else character
            pieces.append(text.translate(_SUPERSCRIPT) if _raised(element) else text)
        lines.append("".join(pieces))
    return "\n".join(lines)


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
"""Digits raised in Word are how it prints an inserted number: «Статья 5» and a raised «1» is
article 5¹ (5-1), not 51; the text reader reads «5¹» so."""


def _raised(text: Any) -> bool:
    """A run's text formatted superscript (``w:vertAlign w:val="superscript"``)."""
    run = text.getparent()
    align = run.find(f"{W}rPr/{W}vertAlign") if run is not None else None
    return align is not None and align.get(f"{W}val") == "superscript"


def _count_paragraphs(path: Path, count: int) -> None:
    if count > MAX_PARAGRAPHS:
        raise InputError(
            f"{path}: {count:,} paragraphs, more than any law or Code holds (read up to {MAX_PARAGRAPHS:,}): refused"
        )
