"""Shared fixtures: a small valid bilingual Code, on disk and in real Git repositories."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from kodeks.cli import cli
from kodeks.parse.plain_markdown import PlainToken

A = "code_text/articles/"
YAML = "code_text/code.yaml"
TITLES = ("--title-ky", "Жаңы берене", "--title-ru", "Новая статья")
"""The titles every test's new article gets."""


def kodeks(*args: str, env: Mapping[str, str | None] | None = None) -> Result:
    """The command line, as a user runs it (standard error kept apart)."""
    return CliRunner().invoke(cli, list(args), env=env)


CODE_YAML = """\
id: test-code
stage: draft
languages: [ky, ru]
title: {ky: "Сыноо кодекси", ru: "Тестовый кодекс"}
acts:
  lsg-law:
    title: {ky: "Мыйзам", ru: "Закон"}
sections:
  - id: general
    number: 1
    title: {ky: "Жалпы жоболор", ru: "Общие положения"}
    chapters:
      - id: basics
        number: 1
        title: {ky: "Негиздер", ru: "Основы"}
        articles: [subject, concepts]
      - id: bodies
        number: 2
        title: {ky: "Органдар", ru: "Органы"}
        articles: [kenesh]
"""

# Line numbers matter: the bad-input corpus asserts them.
SUBJECT = """\
---
id: subject
number: 1
title: {ky: "Жөнгө салуу предмети", ru: "Предмет регулирования"}
status: draft
sources:
  - {act: lsg-law, article: "1"}
---

## ky

1. Ушул Кодекс жергиликтүү өз алдынча башкарууну жөнгө салат.
2. Ушул Кодекс [2-берененин 1-пунктунда](art:concepts#.1) аталган:
   1) жергиликтүү кеңештер;
   2) айыл өкмөтү.

## ru

1. Настоящий Кодекс регулирует местное самоуправление.
2. Настоящий Кодекс применяется к указанным в [пункте 1 статьи 2](art:concepts#.1):
   1) местным кенешам;
   2) айыл окмоту.
"""

CONCEPTS = """\
---
id: concepts
number: 2
title: {ky: "Түшүнүктөр", ru: "Понятия"}
status: agreed
---

## ky

Ушул Кодексте:

1) жергиликтүү кеңеш – [3-беренеде](art:kenesh) аталган орган;
2) мыйзам – [Мыйзам](act:lsg-law).

## ru

В настоящем Кодексе:

1) местный кенеш – орган, указанный в [статье 3](art:kenesh);
2) закон – [Закон](act:lsg-law).
"""

KENESH = """\
---
id: kenesh
number: 3
title: {ky: "Жергиликтүү кеңеш", ru: "Местный кенеш"}
status: draft
notes: "Обсудить на семинаре."
---

## ky

1. Жергиликтүү кеңеш [2-бөлүккө](art:kenesh#2) ылайык иштейт.
2. Кеңеш [1-главада](ch:basics) жана [I бөлүмдө](sec:general) аталган маселелерди чечет.

## ru

1. Местный кенеш действует согласно [части 2](art:kenesh#2) настоящей статьи.
2. Кенеш решает вопросы, названные в [главе 1](ch:basics) и [разделе I](sec:general).
"""

BASE_FILES = {
    "code_text/code.yaml": CODE_YAML,
    "code_text/articles/subject.md": SUBJECT,
    "code_text/articles/concepts.md": CONCEPTS,
    "code_text/articles/kenesh.md": KENESH,
}

WriteCode = Callable[..., Path]


def write_files(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write ``files`` under ``root``; None deletes a file."""
    for relative, content in files.items():
        path = root / relative
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def user_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own user cache directory (kodeks's cache lives outside every working tree):
    no test reads another's entries, and none writes into the home directory."""
    directory = tmp_path_factory.mktemp("user-cache")
    monkeypatch.setenv("KODEKS_CACHE_DIR", str(directory))
    return directory


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English unless a test chooses (a developer's locale may be Russian): the
    tests of the other languages and of how a run's language is chosen set their own."""
    monkeypatch.setenv("KODEKS_MESSAGES", "en")


@pytest.fixture
def code_dir(tmp_path: Path) -> WriteCode:
    """``code_dir(**changes)`` writes the small valid Code, with files replaced or removed."""

    def make(files: dict[str, str | bytes | None] | None = None) -> Path:
        root = tmp_path / "repo"
        write_files(root, dict(BASE_FILES))
        return write_files(root, files or {})

    return make


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Drafter", "-c", "user.email=drafter@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


@pytest.fixture
def code_repo(code_dir: WriteCode) -> Callable[..., Path]:
    """``code_repo([changes1, changes2, …])`` commits the base Code, then each set of changes."""

    def make(revisions: list[dict[str, str | bytes | None]] | None = None) -> Path:
        root = code_dir()
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "base")
        for number, changes in enumerate(revisions or [], start=1):
            write_files(root, changes)
            git(root, "add", "-A")
            git(root, "commit", "-q", "-m", f"revision {number}")
        return root

    return make


def github_html(markdown: str) -> str:
    """What GitHub shows of Markdown: cmark-gfm with its extensions; raw HTML is kept, as
    GitHub's own filter runs after, so a test sees everything a body could smuggle."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    return str(cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE))


def generate_synthetic(count: int, directory: Path) -> Path:
    """tooling/bench.py's synthetic Code: the one the benchmark times, written under ``directory``."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench", Path(__file__).resolve().parents[1] / "tooling" / "bench.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    root: Path = bench.generate(count, directory)
    return root


@pytest.fixture
def synthetic_repo(tmp_path: Path) -> Callable[[int], Path]:
    """``synthetic_repo(n)``: the benchmark's valid draft Code of ``n`` articles, committed."""

    def make(count: int) -> Path:
        root: Path = generate_synthetic(count, tmp_path / f"synthetic-{count}")
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "base")
        return root

    return make


def token_signature(tokens: Sequence[Any]) -> list[tuple[object, ...]]:
    """Every field of the tokens of a body that kodeks or a renderer could read."""
    return [
        (t.type, t.tag, t.nesting, t.level, list(t.map) if t.map else None, t.content, t.markup, t.info,
         dict(t.attrs), t.hidden, t.block,
         None if t.children is None else token_signature(t.children))
        for t in tokens
    ]  # fmt: skip


_PLAIN_DIFFERENCES: list[str] = []


@pytest.fixture(autouse=True, scope="session")
def plain_reader_agrees() -> Iterator[None]:
    """Every body any test parses is read twice: the fast reader (plain_markdown) must give
    markdown-it-py's very tokens, or decline. A difference fails the test that met it, and the
    session, with the body."""
    from kodeks.parse import article, plain_markdown
    from kodeks.parse.markdown import body_parser

    fast = plain_markdown.plain_tokens
    agreed: set[str] = set()  # the suite parses the same few bodies thousands of times: each is compared once

    def checked(body: str) -> list[PlainToken] | None:
        tokens = fast(body)
        if tokens is None or body in agreed:
            return tokens
        if token_signature(tokens) != token_signature(body_parser().parse(body)):
            _PLAIN_DIFFERENCES.append(body)
            raise AssertionError(f"plain_markdown differs from markdown-it-py on {body!r}")
        agreed.add(body)
        return tokens

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(article, "plain_tokens", checked)
        yield
    assert not _PLAIN_DIFFERENCES, f"plain_markdown differs from markdown-it-py on {_PLAIN_DIFFERENCES[0]!r}"
