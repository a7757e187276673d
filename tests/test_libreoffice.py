"""The Word document as LibreOffice opens it (Debian's `libreoffice-writer`, headless).

.ci/run installs LibreOffice and poppler-utils, so CI always runs this; it skips only on a
machine without them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from kodeks import check
from kodeks.store.worktree import read_worktree

from .conftest import kodeks

ROOT = Path(__file__).resolve().parents[1]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None, reason="LibreOffice or pdftotext missing (.ci/run installs them)"
)
@pytest.mark.parametrize("language", ["ky", "ru"])
def test_every_article_survives_conversion_to_pdf(tmp_path: Path, language: str) -> None:
    docx_path = tmp_path / f"code.{language}.docx"
    result = kodeks("build", "--root", str(ROOT), "--format", "docx", "--lang", language, "-o", str(docx_path))
    assert result.exit_code == 0, result.output
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / f"code.{language}.pdf"
    text = subprocess.run([str(PDFTOTEXT), "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = re.sub(r"([-–])\s+", r"\1", " ".join(text.split()))  # lines may wrap after a hyphen
    code = check(read_worktree(ROOT)).code
    assert code is not None
    for article in code.ordered_articles():
        assert " ".join(article.title[language].split()) in flat, article.id
        for paragraph in article.texts[language].paragraphs():
            words = re.sub(r"([-–])\s+", r"\1", paragraph.plain_text).split()
            # Line breaks may fall anywhere in the PDF: compare the first and last few words.
            assert " ".join(words[:4]) in flat and " ".join(words[-3:]) in flat, (article.id, paragraph.plain_text)
    if language == "ky":
        assert all(letter in text for letter in "ңөү")
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "3", "-l", "3", str(pdf), str(tmp_path / "page")], check=True)
    assert any(tmp_path.glob("page*.png"))


@pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None, reason="LibreOffice or pdftotext missing (.ci/run installs them)"
)
def test_a_redline_with_tracked_changes_opens_in_libreoffice(code_repo: Any, tmp_path: Path) -> None:
    from .conftest import BASE_FILES, kodeks

    changed = BASE_FILES["code_text/articles/concepts.md"].replace(
        "1) местный кенеш – орган", "1) местный кенеш – представительный орган"
    )
    root = code_repo([{"code_text/articles/concepts.md": changed}])
    docx_path = tmp_path / "redline.docx"
    result = kodeks("redline", "--root", str(root), "HEAD~1", "--format", "docx", "--docx-table", "-o", str(docx_path))
    assert result.exit_code == 0, result.output
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(
        [str(PDFTOTEXT), str(tmp_path / "redline.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "представительный" in text and "Прежняя редакция" in text


@pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None, reason="LibreOffice or pdftotext missing (.ci/run installs them)"
)
def test_the_parallel_document_has_no_nearly_empty_pages(tmp_path: Path) -> None:
    """A heading kept with the next paragraph inside a table cell made LibreOffice move whole rows
    to the next page: 16 pages, some with 4–10 lines, for the sample Code."""
    docx_path = tmp_path / "code.docx"
    assert kodeks("build", "--root", str(ROOT), "--format", "docx", "-o", str(docx_path)).exit_code == 0
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "code.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    assert found is not None
    pages = int(found.group(1))
    body = range(4, pages)  # after the title page and the contents, before the last page
    lines = [
        sum(1 for line in subprocess.run([str(PDFTOTEXT), "-layout", "-f", str(p), "-l", str(p), str(pdf), "-"],
                                          capture_output=True, text=True, check=True).stdout.splitlines() if line.strip())
        for p in body
    ]  # fmt: skip
    assert lines and min(lines) >= 15, lines  # before the fix: a page of 10 lines


@pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None, reason="LibreOffice or pdftotext missing (.ci/run installs them)"
)
def test_the_contents_have_page_numbers_in_libreoffice(tmp_path: Path) -> None:
    """Word filled in the TOC field's page numbers; LibreOffice showed none. Each entry's page is
    now a PAGEREF field LibreOffice computes: it must be the page the heading is on."""
    docx_path = tmp_path / "code.ru.docx"
    assert kodeks("build", "--root", str(ROOT), "--format", "docx", "--lang", "ru", "-o", str(docx_path)).exit_code == 0
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "code.ru.pdf"
    contents = subprocess.run(
        [str(PDFTOTEXT), "-layout", "-f", "1", "-l", "3", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(contents.split())  # a long title wraps: the dots and the page follow later
    found = dict(re.findall(r"(Статья \d+)\. [^.]*?\.{3,} ?(\d+)", flat))
    assert len(found) >= 5, contents[:1500]
    for heading, page in list(found.items())[:5]:
        text = subprocess.run(
            [str(PDFTOTEXT), "-f", page, "-l", page, str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert heading + "." in text, (heading, page)
