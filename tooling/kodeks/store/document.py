"""The published text of an act, as the working group receives it: plain text or a DOCX.

Both come from outside the repository and are read as untrusted: a size limit on the file and,
for a DOCX, on the package (member count, each member's size, compression ratio: a zip bomb is
refused before anything is unpacked); its XML is parsed by python-docx without resolving
entities; nothing in it is executed. Text comes back one paragraph per line.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..diagnostics import Diagnostic
from ..errors import KodeksError
from ..source import decode

MAX_INPUT = 20 * 1024 * 1024
"""A law's text is well under a megabyte; a DOCX with pictures a few."""
MAX_MEMBERS = 2_000
MAX_MEMBER_SIZE = 50 * 1024 * 1024
MAX_RATIO = 200
"""Ordinary XML compresses about 10:1; a bomb by thousands."""


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
    text, problems = decode(path.name, data[: 1024 * 1024 * 16])
    if text is None:
        hint = " (it looks like Windows-1251: save it as UTF-8)" if _looks_cp1251(data) else ""
        raise InputError(f"{path}: not UTF-8 text{hint}; {problems[0].message if problems else ''}".rstrip("; "))
    return text, problems


def _looks_cp1251(data: bytes) -> bool:
    return sum(0xC0 <= byte <= 0xFF for byte in data[:4096]) > 32


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


def _docx_text(path: Path) -> str:
    open_package(path).close()

    import docx  # python-docx: its XML parser does not resolve entities

    try:
        document = docx.Document(str(path))
    except Exception as error:  # noqa: BLE001 - any failure of a foreign file is the file's
        raise InputError(f"{path}: the document cannot be read ({type(error).__name__}: {error})") from error
    if document.tables:
        raise InputError(
            f"{path}: the document has {len(document.tables)} table(s); kodeks imports running text only "
            "(copy the tables' text out, or import the plain text)"
        )
    return "\n".join(paragraph.text for paragraph in document.paragraphs)
