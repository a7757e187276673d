"""The built HTML as a reader sees it, in headless Chromium (Debian's `chromium`).

.ci/run installs Chromium, so CI always runs these; they skip only on a machine without it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import kodeks

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def built_code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("html") / "code.html"
    result = kodeks("build", "--root", str(ROOT), "-o", str(output))
    assert result.exit_code == 0, result.output
    return output


def open_page(browser: Any, path: Path, width: int = 1280, height: int = 900) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    return page, errors, requests


def test_first_page_and_a_chapter_render_without_errors_or_requests(
    browser: Any, built_code: Path, tmp_path: Path
) -> None:
    page, errors, requests = open_page(browser, built_code)
    title = page.get_by_role("heading", name="Кодекс Кыргызской Республики о местном самоуправлении")
    assert title.is_visible()
    assert page.get_by_role(
        "heading", name="Кыргыз Республикасынын Жергиликтүү өз алдынча башкаруу жөнүндө кодекси"
    ).is_visible()
    page.screenshot(path=str(tmp_path / "first-page.png"))
    page.get_by_role("link", name="Глава 2. Территориальные основы местного самоуправления").click()
    chapter = page.locator("#ch-territorial-basis")
    assert chapter.is_visible() and chapter.bounding_box()["y"] < 50
    assert "2-глава. Жергиликтүү өз алдынча башкаруунун аймактык негиздери" in chapter.inner_text()
    page.screenshot(path=str(tmp_path / "chapter-2.png"))
    assert (tmp_path / "first-page.png").stat().st_size > 10_000
    assert errors == []
    assert requests == [built_code.as_uri()]


def test_clicking_a_reference_lands_on_its_part(browser: Any, built_code: Path) -> None:
    page, errors, _ = open_page(browser, built_code)
    link = page.locator("#art-change-of-boundaries [lang=ru] a", has_text="частью 2 статьи 9")
    link.click()
    assert page.evaluate("location.hash") == "#ru-art-territory-and-boundaries-p2"
    target = page.locator("#ru-art-territory-and-boundaries-p2")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 50
    assert target.inner_text().startswith("2. Границы административно-территориальной единицы")
    assert errors == []


def _cells(page: Any, article: str) -> dict[str, list[dict[str, float]]]:
    return {
        language: [cell.bounding_box() for cell in page.locator(f"#{article} > .columns > [lang={language}]").all()]
        for language in ("ky", "ru")
    }


def test_parallel_text_stands_part_beside_part_and_stacks_on_a_phone(browser: Any, built_code: Path) -> None:
    """On a wide page each part starts level with its other language (a long article cannot
    drift pages apart); on a phone the article reads in one language whole, then the other."""
    page, _, _ = open_page(browser, built_code, width=1280, height=900)
    wide = _cells(page, "art-subject-of-regulation")
    assert len(wide["ky"]) == len(wide["ru"]) == 4  # the heading and parts 1, 2, 3
    assert [round(box["y"]) for box in wide["ky"]] == [round(box["y"]) for box in wide["ru"]]
    # «10-главасында» is never split at its hyphen across two lines.
    assert page.evaluate("getComputedStyle(document.querySelector('main .nw')).whiteSpace") == "nowrap"
    page, _, _ = open_page(browser, built_code, width=390, height=844)
    narrow = _cells(page, "art-subject-of-regulation")
    assert all(box["width"] > 300 for box in narrow["ky"] + narrow["ru"])
    assert max(box["y"] + box["height"] for box in narrow["ky"]) <= min(box["y"] for box in narrow["ru"]) + 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_html_redline_shows_struck_and_inserted_words(browser: Any, code_repo: Any, tmp_path: Path) -> None:
    from .conftest import BASE_FILES, kodeks

    changed = BASE_FILES["code_text/articles/concepts.md"].replace(
        "1) местный кенеш – орган", "1) местный кенеш – представительный орган"
    )
    root = code_repo([{"code_text/articles/concepts.md": changed}])
    target = tmp_path / "redline.html"
    result = kodeks("redline", "--root", str(root), "HEAD~1", "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.output
    page, errors, requests = open_page(browser, target)
    inserted = page.locator("ins", has_text="представительный")
    assert inserted.is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('ins')).textDecorationLine") == "underline"
    page.get_by_role("navigation").get_by_role("link", name="2-берене. Түшүнүктөр").click()
    assert page.evaluate("location.hash") == "#change-concepts"
    page.screenshot(path=str(tmp_path / "redline.png"), full_page=True)
    assert errors == [] and requests == [target.as_uri()]


def test_both_columns_of_the_contents_are_indented_alike(browser: Any, built_code: Path) -> None:
    page, _, _ = open_page(browser, built_code)
    indents = page.evaluate(
        """() => {
        const left = (selector, index) => {
            const span = document.querySelectorAll(selector)[0].querySelectorAll('.columns > span')[index];
            const text = document.createRange();
            text.selectNodeContents(span);  // where the words begin, after any padding
            return text.getClientRects()[0].left;
        };
        const column = index => [1, 2, 3].map(level => left(`nav.toc li.level-${level}`, index));
        return [column(0), column(1)];
        }"""
    )
    ky, ru = indents
    assert [round(x - ky[0]) for x in ky] == [round(x - ru[0]) for x in ru]
    assert ky[2] - ky[0] > 20  # an article is indented under its section
