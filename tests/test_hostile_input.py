"""Text written to break the outputs: every command ends in a diagnostic or a safe document,
never an internal error, and nothing in the text becomes live markup or a workflow command."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from .conftest import BASE_FILES, CODE_YAML, YAML, A, WriteCode, git, github_html, kodeks

Repo = Callable[..., Path]


def test_control_characters_in_titles_and_the_author_still_give_word_documents(code_repo: Repo, tmp_path: Path) -> None:
    hostile_yaml = (
        CODE_YAML.replace('ru: "Основы"', 'ru: "Осн\\vовы"')
        .replace('ky: "Сыноо кодекси"', 'ky: "Сыноо __kodeks_body__ кодекси"')
        .replace('ru: "Тестовый кодекс"', 'ru: "Тестовый\\x01 кодекс"')
    )
    root = code_repo()
    (root / YAML).write_text(hostile_yaml, encoding="utf-8")
    (root / A / "kenesh.md").write_text(BASE_FILES[A + "kenesh.md"].replace("решает", "рассматривает"), "utf-8")
    git(root, "-c", "user.name=Drafter\x01\x0b", "commit", "-qam", "hostile")

    validated = kodeks("validate", "--root", str(root))
    assert validated.exit_code == 1
    assert f"{YAML}:4:" in validated.output and "C001 U+0001 control character written as an escape" in validated.output
    assert f"{YAML}:15:" in validated.output and "U+000B" in validated.output

    for args in (
        ("build", "--rev", "HEAD", "--force", "--format", "docx", "-o", str(tmp_path / "code.docx")),
        ("redline", "HEAD~1", "HEAD", "--format", "docx", "-o", str(tmp_path / "redline.docx")),
    ):
        result = kodeks(*args, "--root", str(root))
        assert result.exit_code == 0, result.output
    for name in ("code.docx", "redline.docx"):
        with zipfile.ZipFile(tmp_path / name) as package:
            document = package.read("word/document.xml").decode()
            core = package.read("docProps/core.xml").decode()
        assert "\x01" not in document + core and "\x0b" not in document + core
        assert "Drafter" in core
    code_xml = zipfile.ZipFile(tmp_path / "code.docx").read("word/document.xml").decode()
    # The body went where it belongs, not in place of the title that names the splice marker.
    assert "Сыноо __kodeks_body__ кодекси" in code_xml
    assert code_xml.index("Сыноо __kodeks_body__ кодекси") < code_xml.index("Местный кенеш")
    assert "Основы" in code_xml


def test_a_value_with_a_newline_cannot_forge_a_workflow_command(code_dir: WriteCode) -> None:
    forged = 'status: "draft\\n::error file=README.md,line=1::forged\\n::stop-commands::x"'
    root = code_dir({A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("status: draft", forged)})
    result = kodeks("validate", "--root", str(root), "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == 1 and commands[0].startswith("::error file=code_text/articles/kenesh.md,line=5")
    assert "%0A::error file=README.md" in commands[0]
    text = kodeks("validate", "--root", str(root)).stdout
    assert "\\n::error file=README.md" in text and len(text.splitlines()) == 2


def test_markdown_build_has_no_image_link_or_mention_from_article_text(code_dir: WriteCode) -> None:
    body = "Кенеш ![pixel](https://evil.example/p.png) @maintainers #123 https://evil.example/x www.evil.example решает"
    yaml = CODE_YAML.replace(
        'title: {ky: "Мыйзам", ru: "Закон"}',
        'title: {ky: "Мыйзам", ru: "Закон"}\n    url: "https://example.org/law\\n\\n![x](https://evil.example/i.png)"',
    )
    root = code_dir({YAML: yaml, A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("Кенеш решает", body)})
    result = kodeks("validate", "--root", str(root))
    assert "Y006 `url:` must be one http:// or https:// address" in result.output
    built = kodeks("build", "--root", str(root), "--force", "--lang", "ru", "--format", "md", "-o", "-")
    assert built.exit_code == 0, built.output
    html = github_html(built.stdout)
    assert "<img" not in html
    # The drafter's own link stays a link (not an image); nothing else links anywhere.
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert all(h.startswith("#") or h == "https://evil.example/p.png" for h in hrefs), hrefs
    text = re.sub(r"<[^>]+>", "", html)
    for live in ("@maintainers", "#123", "https://evil", "www.evil"):
        assert live not in text, live
    assert "pixel" in text and "maintainers" in text


def test_an_act_url_with_odd_characters_is_percent_encoded_in_every_format(code_dir: WriteCode) -> None:
    yaml = CODE_YAML.replace(
        'title: {ky: "Мыйзам", ru: "Закон"}',
        'title: {ky: "Мыйзам", ru: "Закон"}\n    url: "https://example.org/a)b(c]d"',
    )
    root = code_dir({YAML: yaml})
    assert kodeks("validate", "--root", str(root)).exit_code == 0
    html = github_html(kodeks("build", "--root", str(root), "--lang", "ru", "--format", "md", "-o", "-").stdout)
    assert 'href="https://example.org/a)b(c%5Dd"' in html


def test_an_invisible_change_is_shown_by_name_in_the_redline(code_repo: Repo) -> None:
    kenesh = BASE_FILES[A + "kenesh.md"]
    swapped = kenesh.replace("Местный кенеш действует", "Местный кенеш дейcтвует").replace(
        "Кенеш решает", "Кенеш\u200b решает"
    )
    root = code_repo([{A + "kenesh.md": swapped}])
    comment = kodeks("redline", "HEAD~1", "--root", str(root)).stdout
    assert "<ins>дей⟨Latin c⟩твует</ins>" in comment
    assert (
        "C003 ⚠ «дейcтвует» сөзүндө: латын «c» тамгасы" in comment
        and "в слове «дейcтвует»: латинская буква «c»" in comment
    )  # the warning is listed, not only counted
    assert "⟨U+200B⟩" in comment
    html = kodeks("redline", "HEAD~1", "--root", str(root), "--format", "html", "-o", "-").stdout
    assert "дей⟨Latin c⟩твует" in html
    strict = kodeks("validate", "--root", str(root), "--strict")
    assert (
        strict.exit_code == 1
        and "C003 warning: «дейcтвует» has Latin «c»" in strict.output
        and "C002 warning: U+200B" in strict.output
    )


def test_an_oversized_article_does_not_push_the_others_out_of_the_comment(code_repo: Repo) -> None:
    long_text = " ".join(f"слово{i}" for i in range(12_000))
    kenesh = BASE_FILES[A + "kenesh.md"].replace("Кенеш решает", f"Кенеш {long_text} решает")
    subject = BASE_FILES[A + "subject.md"].replace("регулирует", "определяет")
    bad_links = {
        A + "concepts.md": BASE_FILES[A + "concepts.md"].replace("art:kenesh", "art:" + "x" * 5000, 1),
    }
    root = code_repo([{A + "kenesh.md": kenesh, A + "subject.md": subject, **bad_links}])
    comment = kodeks("redline", "HEAD~1", "--root", str(root)).stdout
    assert len(comment) < 65_000
    assert "<del>регулирует</del>" in comment  # the short article after the long one is there
    assert "не помещаются в комментарий" in comment or "комментарийге батпайт" in comment
    error_lines = [line for line in comment.splitlines() if line.startswith("- ") and " R00" in line]
    assert error_lines and all(len(line) < 700 for line in error_lines)


def test_an_oversized_integer_is_a_diagnostic(code_dir: WriteCode) -> None:
    root = code_dir({A + "kenesh.md": BASE_FILES[A + "kenesh.md"].replace("number: 3", "number: " + "7" * 5000)})
    for command in (("validate",), ("build", "-o", "-"), ("fmt", "--check")):
        result = kodeks(*command, "--root", str(root))
        assert result.exit_code in (0, 1), (command, result.output)
        assert "internal error" not in result.output


def test_docx_core_properties_stay_readable_with_a_control_character_in_the_code_title(code_dir: WriteCode) -> None:
    root = code_dir({YAML: CODE_YAML.replace('ky: "Сыноо кодекси"', 'ky: "Сыноо\\x07 кодекси"')})
    result = kodeks("build", "--root", str(root), "--force", "--format", "docx", "-o", "-")
    assert result.exit_code == 0
    with zipfile.ZipFile(io.BytesIO(result.stdout_bytes)) as package:
        assert "Сыноо кодекси" in package.read("docProps/core.xml").decode()


def test_fmt_reports_a_file_that_is_not_utf8_and_formats_the_rest(code_dir: WriteCode) -> None:
    root = code_dir({A + "notes.md": b"caf\xe9", A + "kenesh.md": BASE_FILES[A + "kenesh.md"] + "\n\n\n"})
    checked = kodeks("fmt", "--check", "--root", str(root))
    assert checked.exit_code == 1 and "internal error" not in checked.output
    assert f"{A}notes.md:1:4: F001 not valid UTF-8" in checked.stderr
    assert f"{A}kenesh.md: would be reformatted" in checked.stdout
    formatted = kodeks("fmt", "--root", str(root))
    assert formatted.exit_code == 1 and (root / A / "notes.md").read_bytes() == b"caf\xe9"
    assert (root / A / "kenesh.md").read_text(encoding="utf-8") == BASE_FILES[A + "kenesh.md"]


def test_an_output_path_that_cannot_be_written_is_a_usage_error(code_dir: WriteCode, tmp_path: Path) -> None:
    import stat

    root = code_dir()
    blocked = tmp_path / "file"
    blocked.write_text("x")
    result = kodeks("build", "--root", str(root), "-o", str(blocked / "x.html"))
    assert result.exit_code == 2 and f"cannot write {blocked / 'x.html'}" in result.output
    assert kodeks("build", "--root", str(root), "-o", "/dev/null").exit_code == 0
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)  # written into, not replaced by a file


def test_every_format_character_of_unicode_is_invisible_to_kodeks() -> None:
    import sys
    import unicodedata

    from kodeks.characters import CONTROL, INVISIBLE
    from kodeks.load import MAX_CHARACTER_FINDINGS, character_diagnostics

    format_characters = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert format_characters and all(INVISIBLE.match(c) or CONTROL.match(c) for c in format_characters)
    found = set()
    for start in range(0, len(format_characters), MAX_CHARACTER_FINDINGS):  # files under the cap
        text = "Кодекс " + "".join(format_characters[start : start + MAX_CHARACTER_FINDINGS]) + " Кодекс"
        found |= {str(d.message).split()[0] for d in character_diagnostics("x.md", text)}
    assert found == {f"U+{ord(c):04X}" for c in format_characters}  # each one reported where it is


def test_a_file_full_of_stray_characters_gets_twenty_findings_and_a_count(code_dir: WriteCode) -> None:
    pasted = BASE_FILES[A + "kenesh.md"].replace("Кенеш решает", "Кенеш" + " \x0c" * 5000 + " решает")
    result = kodeks("validate", "--root", str(code_dir({A + "kenesh.md": pasted})))
    findings = [line for line in result.stdout.splitlines() if " C001 " in line]
    assert result.exit_code == 1 and len(findings) == 21
    assert findings[-1].endswith("C001 … and 4,980 more like it in this file")
