"""Whole documents as kodeks writes them, held against golden files a person has read
(`tests/golden/`): a change to a renderer shows as a diff here, to be read and accepted.

Regenerate with ``KODEKS_GOLDEN=update .venv/bin/python -m pytest tests/test_golden.py``, then
read every changed file before committing it.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import BASE_FILES, A, kodeks

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("KODEKS_GOLDEN") == "update"


def holds(name: str, written: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(written, encoding="utf-8")
    assert path.exists(), f"{name}: no golden file yet (KODEKS_GOLDEN=update writes it; read it first)"
    assert written == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.fixture
def fixed_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commits with fixed dates: the same content gives the same hashes, as the files name them."""
    for variable in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(variable, "2026-12-01T10:00:00+06:00")


def test_the_built_code_in_markdown_html_and_word(
    code_repo: Callable[..., Path], fixed_dates: None, tmp_path: Path
) -> None:
    root = code_repo()
    for name, options in (("build.md", ["--format", "md"]), ("build.ru.html", ["--format", "html", "--lang", "ru"])):
        result = kodeks("build", "--root", str(root), *options, "-o", "-")
        assert result.exit_code == 0, result.output
        holds(name, result.output)
    target = tmp_path / "code.docx"
    assert kodeks("build", "--root", str(root), "--format", "docx", "--lang", "ky", "-o", str(target)).exit_code == 0
    holds("build.ky.document.xml", _pretty(zipfile.ZipFile(target).read("word/document.xml")))


def test_the_pull_request_comment(code_repo: Callable[..., Path], fixed_dates: None) -> None:
    changed = BASE_FILES[A + "kenesh.md"].replace("решает вопросы", "решает все вопросы")
    root = code_repo([{A + "kenesh.md": changed}])
    result = kodeks("redline", "--root", str(root), "HEAD~1")
    assert result.exit_code == 0, result.output
    holds("redline.md", result.output)


def test_an_amending_law_in_both_languages() -> None:
    from kodeks.amend.write import amending_law
    from kodeks.render.amending_law import render_markdown

    from .test_amend import a_dozen_amendments, load

    base, head = a_dozen_amendments()
    holds("amending-law.md", render_markdown(amending_law(load(base), load(head)), ("ky", "ru")))


def test_the_consolidation_report(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(Path(__file__).resolve().parents[1] / "code_text", tmp_path / "code_text")
    result = kodeks("consolidation", "--root", str(tmp_path), "--format", "md", "-o", "-")
    assert result.exit_code == 0, result.output
    holds("consolidation.md", result.output)


def _pretty(xml: bytes) -> str:
    from lxml import etree

    return str(etree.tostring(etree.parse(io.BytesIO(xml)), pretty_print=True, encoding="unicode"))
