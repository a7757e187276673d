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

import stat
import zipfile
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..errors import KodeksError
from ..messages import msg, plural
from ..parse.statute import Statute
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


def shown(path: Path) -> str:
    """An input file as its problems name it: from the current directory when it lies below it,
    else as given (``/dev/null``, not ``null``)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def statute_of(path: Path, language: str | None) -> Statute:
    """The act in ``path`` read into its units: plain text, Word, or Akoma Ntoso (read in
    ``language``, else in the one the document says; its units and problems at the file's lines)."""
    from ..parse.statute import read_statute
    from .akn_text import akn_language, akn_text, is_akn, relocated

    if is_akn(path):
        language = language or akn_language(path)
        text, lines = akn_text(path, language or "ru")
        return relocated(read_statute(shown(path), text, language), lines)
    text, _ = read_text_of_act(path)
    return read_statute(shown(path), text, language)


def read_text_of_act(path: Path) -> tuple[str, list[Diagnostic]]:
    """The text of ``path`` (``.txt`` in UTF-8, or ``.docx``), and problems of its encoding."""
    check_size(path)
    if path.suffix.lower() == ".docx":
        return _docx_text(path), []
    if path.suffix.lower() == ".doc":
        raise InputError(
            msg("{path}: an old Word .doc file; save it as .docx (or as UTF-8 text) and import that", path=str(path))
        )
    with path.open("rb") as file:  # a device says it holds 0 bytes: read no more than the limit
        data = file.read(MAX_INPUT + 1)
    if len(data) > MAX_INPUT:
        raise InputError(
            msg(
                "{path}: {size} bytes; a law's text is read up to {limit}",
                path=str(path),
                size=format(len(data), ",") + "+",
                limit=format(MAX_INPUT, ","),
            )
        )
    if data.startswith(b"PK\x03\x04"):
        raise InputError(msg("{path}: a ZIP package (a DOCX?); name it .docx to import it as one", path=str(path)))
    text, problems = decode(shown(path), data, limit=MAX_INPUT)
    if text is not None:
        limit_paragraphs(path, text.count("\n") + 1)
    if text is None:
        cp1251 = _looks_cp1251(data)
        if problems:
            raise InputError(
                msg(
                    "{path}: not UTF-8 text (it looks like Windows-1251: save it as UTF-8); {problem}",
                    path=str(path),
                    problem=problems[0].message,
                )
                if cp1251
                else msg("{path}: not UTF-8 text; {problem}", path=str(path), problem=problems[0].message)
            )
        raise InputError(
            msg("{path}: not UTF-8 text (it looks like Windows-1251: save it as UTF-8)", path=str(path))
            if cp1251
            else msg("{path}: not UTF-8 text", path=str(path))
        )
    return text, problems


def words_shown(path: Path) -> str:
    """The text of ``path`` by a second, independent reading, for the word-for-word check of an
    import: of a DOCX, every ``w:t`` of the body in document order that is not deleted (nor an
    alternative Word does not show), whatever element holds it; of a text, the text. A reader
    that skips an element cannot pass its own check."""
    from .akn_text import akn_words, is_akn

    if is_akn(path):
        return akn_words(path)
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


WORD_MAIN = "word/document.xml"
SPREADSHEET_MAIN = "xl/workbook.xml"


def open_package(path: Path, main: str = WORD_MAIN) -> zipfile.ZipFile:
    """An Office package (Word's, or with ``main`` a spreadsheet's) checked before anything is
    unpacked: member count, sizes, compression ratio, and its main part."""
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        if main != WORD_MAIN:
            raise InputError(msg("{path}: not an XLSX package ({error})", path=str(path), error=str(error))) from error
        raise InputError(msg("{path}: not a DOCX package ({error})", path=str(path), error=str(error))) from error
    members = package.infolist()
    if len(members) > MAX_MEMBERS:
        package.close()
        raise InputError(
            plural(
                "{path}: {number} part in the package; refused",
                "{path}: {number} parts in the package; refused",
                len(members),
                path=str(path),
                number=format(len(members), ","),
            )
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MAX_MEMBER_SIZE or ratio > MAX_RATIO:
            package.close()
            raise InputError(
                msg(
                    "{path}: part {part} unpacks to {size} bytes ({ratio}× its packed size): refused as a possible zip bomb",
                    path=str(path),
                    part=member.filename,
                    size=format(member.file_size, ","),
                    ratio=format(ratio, ".0f"),
                )
            )
    if main not in package.namelist():
        package.close()
        if main != WORD_MAIN:
            raise InputError(msg("{path}: not a spreadsheet (no {part})", path=str(path), part=main))
        raise InputError(msg("{path}: not a Word document (no word/document.xml)", path=str(path)))
    return package


def check_size(path: Path) -> None:
    """A file that can be read within bounds: a regular file (or a device, as ``/dev/null``,
    read only up to the limit), never a pipe, which would wait forever."""
    try:
        info = path.stat()
    except OSError as error:
        raise InputError(
            msg("{path}: the file cannot be read ({error})", path=str(path), error=str(error.strerror))
        ) from error
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        raise InputError(msg("{path}: not a regular file", path=str(path)))
    size = info.st_size
    if size > MAX_INPUT:
        raise InputError(
            msg(
                "{path}: {size} bytes; a law's text is read up to {limit}",
                path=str(path),
                size=format(size, ","),
                limit=format(MAX_INPUT, ","),
            )
        )


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
        raise InputError(
            msg(
                "{path}: {part} unpacks to {size} bytes; read up to {limit}",
                path=str(path),
                part=name,
                size=format(package.getinfo(name).file_size, ","),
                limit=format(MAX_XML, ","),
            )
        )
    data = package.read(name)
    if data.count(b"<") > 2 * MAX_ELEMENTS:
        raise InputError(
            msg(
                "{path}: {part} holds millions of XML elements, more than any Code or law (a 2,000-article "
                "Code holds about 530,000): refused",
                path=str(path),
                part=name,
            )
        )
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as error:
        raise InputError(
            msg("{path}: {part} is damaged ({error})", path=str(path), part=name, error=str(error))
        ) from error
    if root.getroottree().docinfo.internalDTD is not None or b"<!DOCTYPE" in data[:4096]:
        raise InputError(msg("{path}: {part} declares a DTD; a Word document has none", path=str(path), part=name))
    return root


_TRACKED = (f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo")
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_NOT_AS_SHOWN = (
    (f"{W}txbxContent", msg("text boxes")),
    (f"{W}vanish", msg("hidden text, which Word does not show")),
    (f"{W}specVanish", msg("hidden text, which Word does not show")),
    (f"{W}sym", msg("symbols inserted from a symbol font")),
    (f"{W}bdo", msg("text whose direction is overridden")),
    (f"{W}dir", msg("text whose direction is overridden")),
    (f"{W}altChunk", msg("content imported from another file")),
)
"""What would be read differently from what Word shows: refused, never guessed."""


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
        raise InputError(msg("{path}: not a Word document (no body)", path=str(path)))
    tables = sum(1 for _ in body.iter(f"{W}tbl"))
    if tables:
        raise InputError(
            plural(
                "{path}: the document has {count} table(s); kodeks imports running text only "
                "(copy the tables' text out, or import the plain text)",
                "{path}: the document has {count} table(s); kodeks imports running text only "
                "(copy the tables' text out, or import the plain text)",
                tables,
                path=str(path),
            )
        )
    tracked = sum(1 for _ in body.iter(*_TRACKED))
    if tracked:
        raise InputError(
            plural(
                "{path}: the document has {count} tracked change(s) neither accepted nor rejected; "
                "the law's text is not settled: accept or reject them in Word (Review → Accept All) and import again",
                "{path}: the document has {count} tracked change(s) neither accepted nor rejected; "
                "the law's text is not settled: accept or reject them in Word (Review → Accept All) and import again",
                tracked,
                path=str(path),
            )
        )
    for fallback in list(body.iter(f"{_MC}Fallback")):  # Word shows the Choice; the Fallback is for older readers
        fallback.getparent().remove(fallback)
    for tag, what in _NOT_AS_SHOWN:
        found = [element for element in body.iter(tag) if tag != f"{W}vanish" or _hides_a_run(element)]
        if found:
            raise InputError(
                msg(
                    "{path}: the document has {what} ({count}); kodeks imports a law's running text only, "
                    "read as Word shows it: make it plain text in Word, or import the plain text",
                    path=str(path),
                    what=what,
                    count=len(found),
                )
            )
    limit_paragraphs(path, sum(1 for _ in body.iter(f"{W}p")))
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


def limit_paragraphs(path: Path, count: int) -> None:
    if count > MAX_PARAGRAPHS:
        raise InputError(
            plural(
                "{path}: {number} paragraph, more than any law or Code holds (read up to {limit}): refused",
                "{path}: {number} paragraphs, more than any law or Code holds (read up to {limit}): refused",
                count,
                path=str(path),
                number=format(count, ","),
                limit=format(MAX_PARAGRAPHS, ","),
            )
        )
