"""`kodeks site`: the Code published as a static site, searched and cited in Chromium."""

from __future__ import annotations

import filecmp
import functools
import http.server
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import TITLES, A, git, kodeks
from .test_browser import ARGS, CHROMIUM
from .test_consolidation import DISPOSITIONS, EVERYTHING_ELSE, with_sources


def _site(root: Path, target: Path, *options: str) -> Path:
    result = kodeks("site", "--root", str(root), "-o", str(target), *options)
    assert result.exit_code == 0, result.output + result.stderr
    return target


def test_every_article_has_its_pages_every_unit_its_anchor_and_the_same_bytes_twice(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    root = code_repo()
    site = _site(root, tmp_path / "site")
    for article in ("subject", "concepts", "kenesh"):
        for page in (f"art/{article}.html", f"ky/art/{article}.html", f"ru/art/{article}.html"):
            assert (site / page).is_file(), page
    ru = (site / "ru/art/subject.html").read_text(encoding="utf-8")
    ids = re.findall(r' id="([^"]+)"', ru)
    assert ids == ["ru-art-subject-p1", "ru-art-subject-p2", "ru-art-subject-p2-pt1", "ru-art-subject-p2-pt2"]
    # The ¶ copies the unit as the law cites it, and its address.
    assert 'data-anchor="ru-art-subject-p2-pt1" data-cite="пункт 1 части 2 статьи 1 Кодекса"' in ru
    ky = (site / "ky/art/subject.html").read_text(encoding="utf-8")
    assert 'data-cite="Кодекстин 1-беренесинин 2-бөлүгүнүн 1-пункту"' in ky  # the Code's article: possessive
    assert 'data-cite="Кодекстин 1-беренесинин 1-бөлүгү"' in ky
    assert '<a href="../../ru/art/concepts.html#ru-art-concepts-pt1">пункте 1 статьи 2</a>' in ru
    # By number, a redirect to the address by id; search reads the single-language pages only.
    assert 'url=../art/kenesh.html"' in (site / "n/3.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in ru and "data-pagefind-body" not in (site / "art/subject.html").read_text()
    again = _site(root, tmp_path / "again")
    comparison = filecmp.dircmp(site, again)
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    for folder in ("pagefind", "art", "ky/art", "assets"):
        inner = filecmp.dircmp(site / folder, again / folder)
        assert not inner.diff_files, folder
    # A folder kodeks did not write is never emptied.
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("x", encoding="utf-8")
    refused = kodeks("site", "--root", str(root), "-o", str(tmp_path / "mine"))
    assert refused.exit_code == 2 and (tmp_path / "mine" / "notes.txt").exists()


def _civil_code_page(
    code_dir: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, subject_sources: list[str]
) -> str:
    """The Civil Code fixture's page on the site, article 1 of the Code taking ``subject_sources``."""
    from .test_acts import civil_code_act

    files = civil_code_act()
    with_sources(files, subject_sources, ["act:civil-code/1#2", "act:civil-code/7"])
    files[DISPOSITIONS] = EVERYTHING_ELSE
    root = code_dir(files)
    monkeypatch.chdir(root)
    return (_site(root, tmp_path / "site", "--no-search") / "act/civil-code.html").read_text(encoding="utf-8")


def test_each_provision_of_an_act_says_where_it_went(
    code_dir: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _civil_code_page(code_dir, tmp_path, monkeypatch, ["act:civil-code/1#1", "act:civil-code/2"])
    assert (
        'Кодекстин <a href="../ky/art/subject.html">1-беренесине</a> өткөрүлдү / '
        'Перенесено в <a href="../ru/art/subject.html">статью 1</a> Кодекса'
    ) in page
    assert "Кодекске өткөрүлбөйт: маанисин жоготкон / Не переносится в Кодекс: утратило значение" in page
    assert "Чечиле элек / Не решено" in page  # article 11: no disposition yet
    assert '<span class="stage">Колдонуудагы акт / Действующий акт</span>' in page  # law, not the draft
    assert ">Мазмуну / Содержание</a>" in page  # the act's page is in both languages
    contents = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "Ченемдери Кодекске киргизилүүчү колдонуудагы актылар / Действующие акты, нормы которых" in contents
    assert (  # article 5, replaced: by which article
        "Кодекске өткөрүлбөйт: Кодекстин 3-беренеси менен алмаштырылган / "
        "Не переносится в Кодекс: заменено статьей 3 Кодекса"
    ) in page
    # a part's fate follows the whole part, its абзацы included, once
    part_1 = page[page.index("1. Гражданское законодательство") : page.index("2. Отношения, связанные")]
    assert part_1.count('class="fate"') == 1
    assert part_1.index("не урегулированной другими законами.") < part_1.index("Кодекстин <a href")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def _served(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """The site as GitHub Pages serves it: a static server on this machine, nothing else."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def test_search_finds_a_kyrgyz_word_and_a_permanent_link_survives_renumbering(
    browser: Any, code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    root = code_repo()
    server, address = _served(_site(root, tmp_path / "site"))
    try:
        page = browser.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(address + "index.html")
        page.fill("#search", "кеңештер")  # ң: a Kyrgyz letter, and the word in the Kyrgyz text only
        page.wait_for_selector("#results li a")
        first = page.locator("#results li a").first
        assert first.get_attribute("href") == "./ky/art/subject.html#ky-art-subject-p2-pt1"
        first.click()
        page.wait_for_url("**/ky/art/subject.html#ky-art-subject-p2-pt1")
        assert page.locator(":target").inner_text().startswith("1) жергиликтүү кеңештер")
        # The contents page is Kyrgyz; the Russian index is searched from it too.
        page.goto(address + "index.html")
        page.fill("#search", "окмоту")  # in the Russian text only
        page.wait_for_selector("#results li a")
        href = page.locator("#results li a").first.get_attribute("href")
        assert href == address + "ru/art/subject.html#ru-art-subject-p2-pt2"
        assert "¶" not in page.locator("#results li div").first.inner_text()
        assert errors == [] and all(url.startswith(address) or url.startswith("data:") for url in requests)
    finally:
        server.shutdown()
    # A new first article renumbers every other: the address by id still reaches the same text.
    git(root, "tag", "submitted-1")
    assert kodeks("new", "fresh", "--chapter", "basics", "--first", *TITLES, "--root", str(root)).exit_code == 0
    git(root, "add", "-A")
    git(root, "commit", "-qm", "new first article")
    renumbered = _site(root, tmp_path / "site")
    assert "2-берене. Жөнгө салуу предмети" in (renumbered / "ky/art/subject.html").read_text(encoding="utf-8")
    assert "url=../art/subject.html" in (renumbered / "n/2.html").read_text(encoding="utf-8")
    assert "url=../art/fresh.html" in (renumbered / "n/1.html").read_text(encoding="utf-8")
    assert (root / A / "fresh.md").is_file()
    # The stage tagged before stays published as it was, saying it is not the latest.
    earlier = (renumbered / "v/submitted-1/ky/art/subject.html").read_text(encoding="utf-8")
    assert "1-берене. Жөнгө салуу предмети" in earlier and "Бул учурдагы редакция эмес: submitted-1 (" in earlier
    assert "data-pagefind-body" not in earlier  # search reads the latest text only
    assert 'href="v/submitted-1/index.html"' in (renumbered / "index.html").read_text(encoding="utf-8")
    # choosing the stage in a page's selector opens the same article as it stood then
    server, address = _served(renumbered)
    try:
        page = browser.new_page()
        page.goto(address + "ky/art/subject.html")
        page.select_option(".versions select", value="../../v/submitted-1/ky/art/subject.html")
        page.wait_for_url("**/v/submitted-1/ky/art/subject.html")
        assert page.locator("h2").first.inner_text() == "1-берене. Жөнгө салуу предмети"
    finally:
        server.shutdown()


def test_a_rebuild_removes_only_what_the_last_build_wrote(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    from .conftest import write_files

    root = code_repo()
    target = _site(root, tmp_path / "site", "--no-search")
    assert (target / "ru/art/concepts.html").is_file()
    # A folder holding anything the last build did not write is refused, never emptied.
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    refused = kodeks("site", "--root", str(root), "-o", str(target), "--no-search")
    assert refused.exit_code == 2 and "holds files kodeks did not write (notes.txt)" in refused.stderr
    # A marker kodeks did not write (no generator) lists nothing kodeks may remove.
    ours = (target / "site.json").read_text(encoding="utf-8")
    import json

    listed = json.loads(ours)["files"] + ["notes.txt"]
    (target / "site.json").write_text(json.dumps({"files": listed}), encoding="utf-8")
    foreign = kodeks("site", "--root", str(root), "-o", str(target), "--no-search")
    assert foreign.exit_code == 2 and (target / "notes.txt").exists()
    (target / "site.json").write_text(ours, encoding="utf-8")
    (target / "notes.txt").unlink()
    (target / "ru/art/gone.html").write_text("an article since removed", encoding="utf-8")
    marker = (target / "site.json").read_text(encoding="utf-8")
    (target / "site.json").write_text(marker.replace('"index.html",', '"index.html",\n  "ru/art/gone.html",'), "utf-8")
    assert kodeks("site", "--root", str(root), "-o", str(target), "--no-search").exit_code == 0
    assert not (target / "ru/art/gone.html").exists() and (target / "ru/art/concepts.html").is_file()
    # A marker a commit planted in a folder Git tracks never makes kodeks delete what is there.
    write_files(root, {"docs/site.json": '{"generator": "kodeks site", "files": ["README.md"]}', "docs/README.md": "x"})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "docs")
    planted = kodeks("site", "--root", str(root), "-o", str(root / "docs"), "--no-search")
    assert planted.exit_code == 2 and "holds files Git tracks" in planted.stderr
    assert (root / "docs/README.md").read_text(encoding="utf-8") == "x"
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    linked = kodeks("site", "--root", str(root), "-o", str(tmp_path / "link"), "--no-search")
    assert linked.exit_code == 2 and "is a symlink" in linked.stderr and not any((tmp_path / "elsewhere").iterdir())


def test_an_article_page_says_where_it_stands_and_leads_to_its_neighbours(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    page = (_site(code_repo(), tmp_path / "site", "--no-search") / "ru/art/concepts.html").read_text(encoding="utf-8")
    assert '<p class="where" data-pagefind-ignore>Глава 1. Основы</p>' in page
    assert '<a href="../../ru/art/subject.html">← Статья 1</a><a href="../../ru/art/kenesh.html">Статья 3 →</a>' in page
    assert "Тестовый кодекс (проект), редакция" in page  # what a printed page carries
    # The whole text on one page, to read through or print, every unit's anchor on it.
    whole = (tmp_path / "site/ru/all.html").read_text(encoding="utf-8")
    assert [whole.index(f'id="ru-art-{a}-') for a in ("subject", "concepts", "kenesh")] == sorted(
        whole.index(f'id="ru-art-{a}-') for a in ("subject", "concepts", "kenesh")
    )
    assert "data-pagefind-body" not in whole  # search opens a unit's own page, not this one
    assert 'href="ky/all.html"' in (tmp_path / "site/index.html").read_text(encoding="utf-8")


def test_signs_are_escaped_references_stay_in_their_view_and_the_first_article_leads_nowhere_back(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    from .test_akn import tricky_kenesh

    root = code_repo([{A + "kenesh.md": tricky_kenesh()}])
    site = _site(root, tmp_path / "site", "--no-search")
    ru = (site / "ru/art/kenesh.html").read_text(encoding="utf-8")
    assert "Кенеш «A &amp; B» &lt;принимает&gt;:" in ru and "<принимает>" not in ru
    assert "подпункту «а» пункта 2 (A &amp; B)</a>" in ru
    assert "<title>Статья 3. Кенеш &amp; &lt;мэрия&gt; &quot;A&quot;</title>" in ru
    parallel = (site / "art/subject.html").read_text(encoding="utf-8")
    assert '<a href="../art/concepts.html#ru-art-concepts-pt1">пункте 1 статьи 2</a>' in parallel  # not ru/art/
    first = (site / "ky/art/subject.html").read_text(encoding="utf-8")
    assert "←" not in first.split('<nav class="steps"')[1] and "2-берене →" in first


def test_an_acts_own_references_and_a_provision_moved_into_two_articles(
    code_dir: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Article 1, part 2 goes into two articles of the Code.
    page = _civil_code_page(code_dir, tmp_path, monkeypatch, ["act:civil-code/1#2", "act:civil-code/2"])
    assert (
        'Кодекстин <a href="../ky/art/subject.html">1</a> жана <a href="../ky/art/concepts.html">2-беренелерине</a> '
        "өткөрүлдү / Перенесено в статьи "
        '<a href="../ru/art/subject.html">1</a> и <a href="../ru/art/concepts.html">2</a> Кодекса'
    ) in page
    assert page.count("Перенесено в статьи") == 1  # said once for the part, not after each of its points
    own = re.findall(r'href="(#a-[^"]+)"', page)
    assert own and all(f'id="{anchor[1:]}"' in page for anchor in own)  # the act's own articles, on its page


def test_each_article_lists_its_editions_with_what_each_changed(code_repo: Callable[..., Path], tmp_path: Path) -> None:
    from lxml import html

    from .conftest import BASE_FILES, write_files

    root = code_repo()
    git(root, "tag", "submitted-1")
    subject = str(BASE_FILES[A + "subject.md"])
    write_files(
        root,
        {
            A + "subject.md": subject.replace(
                "регулирует местное самоуправление", "регулирует и защищает местное самоуправление"
            ).replace("жөнгө салат.", "жөнгө салат жана коргойт.")
        },
    )
    git(root, "commit", "-qam", "second reading")
    # an annotated tag names its stage in each language; a lightweight one by its name
    git(root, "tag", "-a", "submitted-2", "-m", "Second reading\n\nky: Экинчи окуу\nru: Второе чтение")
    assert kodeks("new", "fresh", "--chapter", "basics", "--first", *TITLES, "--root", str(root)).exit_code == 0
    git(root, "add", "-A")
    git(root, "commit", "-qm", "a new first article")
    site = _site(root, tmp_path / "site", "--no-search")
    editions = html.parse(str(site / "ed/subject.html")).getroot()
    # newest first, each opening its page: the current text, then the two stages
    links = [(a.get("href"), a.text_content()) for a in editions.xpath("//section[@class='edition']/h2/a")]
    assert [href for href, _ in links] == [
        "../art/subject.html",
        "../v/submitted-2/art/subject.html",
        "../v/submitted-1/art/subject.html",
    ]
    assert re.fullmatch(  # the current text dated by its commit
        r"Учурдагы текст \(\d{4}-жылдын \d+-\w+ абалы боюнча\) / Текущий текст \(по состоянию на \d+ \w+ \d{4} года\)",
        links[0][1],
    ), links[0][1]
    assert links[1][1].startswith("Экинчи окуу (") and " / Второе чтение (" in links[1][1]
    assert links[2][1].startswith("submitted-1 (")
    contents = (site / "index.html").read_text(encoding="utf-8")  # the text dated, as the house dates
    assert re.search(r"Редакция: [0-9a-f]{12} \(\d+ \w+ \d{4} года\)</p>", contents)
    assert editions.xpath("//h1/text()") == [
        "2-берененин («Жөнгө салуу предмети») редакциялары / Редакции статьи 2 «Предмет регулирования»"
    ]
    newest, second, first = editions.xpath("//section[@class='edition']")
    # the current text renumbered it and the article it cites; the second reading changed words
    assert newest.xpath(".//section[@lang='ru']//ins/text()") == ["2", "3"]
    assert newest.xpath(".//section[@lang='ru']//del/text()") == ["1", "2"]
    assert newest.xpath(".//section[@lang='ky']//ins/text()") == ["2-берене", "3-берененин"]
    assert second.xpath(".//section[@lang='ru']//ins/text()") == ["и защищает"]
    assert second.xpath(".//section[@lang='ky']//ins/text()") == ["жана коргойт"]
    assert not first.xpath(".//ins | .//del")  # the first has nothing before it
    assert "Настоящий Кодекс регулирует местное самоуправление." in first.text_content()
    # a stage that left an article as it was adds no edition of it
    kenesh = html.parse(str(site / "ed/kenesh.html")).getroot()
    assert kenesh.xpath("//section[@class='edition']/h2/a/@href") == [
        "../art/kenesh.html",  # renumbered by the new first article
        "../v/submitted-1/art/kenesh.html",
    ]
    # the article's pages lead to its editions; an article no version had has none
    assert 'href="../ed/subject.html"' in (site / "art/subject.html").read_text(encoding="utf-8")
    assert not (site / "ed/fresh.html").exists()
    assert "ed/fresh.html" not in (site / "art/fresh.html").read_text(encoding="utf-8")
    # an earlier version's page leads to the same article in the current text
    earlier = html.parse(str(site / "v/submitted-1/ru/art/subject.html")).getroot()
    assert earlier.xpath("//p[@class='earlier']/a/@href") == ["../../../../ru/art/subject.html"]
    said = earlier.xpath("string(//p[@class='earlier'])")  # a Russian page says it in Russian
    assert said.startswith("Это не текущая редакция: submitted-1") and "өтүү" not in said
    # each page offers the texts published that have it, newest first, its own chosen
    assert earlier.xpath("//label[@class='versions']//option/@value") == [
        "../../../../ru/art/subject.html",
        "../../../../v/submitted-2/ru/art/subject.html",
        "../../../../v/submitted-1/ru/art/subject.html",
    ]
    assert earlier.xpath("//option[@selected]/@value") == ["../../../../v/submitted-1/ru/art/subject.html"]
    assert not html.parse(str(site / "art/fresh.html")).getroot().xpath("//label[@class='versions']")


def test_a_history_a_stranger_wrote_publishes_what_it_can_and_never_leaves_the_checkout(
    code_dir: Callable[..., Path], tmp_path: Path
) -> None:
    from .conftest import BASE_FILES, YAML, write_files

    root = tmp_path / "repo"
    write_files(root, {"README.md": "Код\n"})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "before the Code")
    git(root, "tag", "v0")  # no code_text/ there
    write_files(root, dict(BASE_FILES))
    git(root, "add", "-A")
    git(root, "commit", "-qm", "the Code")
    git(root, "tag", "both")  # in Kyrgyz and Russian
    kenesh = str(BASE_FILES[A + "kenesh.md"]).replace("(art:kenesh#2)", "(art:nowhere#2)", 1)
    write_files(root, {A + "kenesh.md": kenesh})
    git(root, "commit", "-qam", "a broken reference")
    git(root, "tag", "broken")  # R002: not published
    russian: dict[str, str | bytes | None] = {
        YAML: str(BASE_FILES[YAML]).replace("languages: [ky, ru]", "languages: [ru]")
    }
    for name in ("subject.md", "concepts.md", "kenesh.md"):
        text = str(BASE_FILES[A + name])
        russian[A + name] = re.sub(r"(?s)## ky\n.*?(?=## ru)", "", text)
    write_files(root, russian)
    git(root, "commit", "-qam", "Russian only")
    built = kodeks("site", "--root", str(root), "--no-search")
    assert built.exit_code == 0, built.output + built.stderr
    assert "v0: the text there has errors; not published" in built.stderr
    assert "broken: the text there has errors; not published" in built.stderr
    site = root / "build" / "site"
    assert (site / "v/both/ky/art/subject.html").is_file() and not (site / "v/broken").exists()
    assert "Это не текущая редакция: both" in (site / "v/both/art/subject.html").read_text(encoding="utf-8")
    # a long history publishes the stages chosen
    chosen = kodeks("site", "--root", str(root), "--no-search", "--versions", "v*")
    assert chosen.exit_code == 0 and "v0:" in chosen.stderr and "broken:" not in chosen.stderr
    assert not (site / "v").exists()  # «both» is not chosen; «v0» has no Code
    # a «build» link committed into the repository would lead every output out of it
    (tmp_path / "outside").mkdir()
    for path in sorted((root / "build").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (root / "build").rmdir()
    (root / "build").symlink_to(tmp_path / "outside")
    refused = kodeks("site", "--root", str(root), "--no-search")
    assert refused.exit_code == 2 and "is a symlink" in refused.stderr
    report = kodeks("conflicts", "--root", str(root), "--format", "html")
    assert report.exit_code == 2 and "is a symlink" in report.stderr
    assert not list((tmp_path / "outside").iterdir())


def test_a_link_that_appears_in_the_folder_during_a_build_is_never_written_through(
    code_repo: Callable[..., Path], tmp_path: Path
) -> None:
    from kodeks.load import load_code
    from kodeks.site import SiteFolderError, publish
    from kodeks.store.worktree import read_worktree

    root = code_repo()
    code = load_code(read_worktree(root)).code
    assert code is not None
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n", encoding="utf-8")
    for planted in ("index.html", "site.json"):  # a page, and the marker written last
        target = tmp_path / f"site-{planted}"
        target.mkdir()
        (target / planted).symlink_to(victim)  # as if another process put it there after clearing
        with pytest.raises(SiteFolderError):
            publish(root, None, code, None, target, search=False)
        assert victim.read_text(encoding="utf-8") == "mine\n"
