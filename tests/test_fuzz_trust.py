"""Fuzzing what a commit, an archive or a reviewer plants: cache files, journals, hidden marks.
Whatever they hold, kodeks answers exactly as it does without them, never writes outside the
Code or a unit the reviewer did not change, and never ends in an internal error.

The quick profile runs in the suite; ``KODEKS_FUZZ=long`` runs the long one (CONTRIBUTING.md)."""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from kodeks.store import cache
from kodeks.store import journal as journal_store

from .conftest import BASE_FILES, A, kodeks, write_files
from .test_fuzz import profile

planted = profile(8, 400)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("planted")
    write_files(root, dict(BASE_FILES))
    return root


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


rows = st.lists(st.tuples(st.sampled_from(["", "0" * 64]) | st.text(max_size=70), st.binary(max_size=300)), max_size=6)
schema = st.sampled_from(
    [
        "",
        "CREATE TABLE entry (key TEXT PRIMARY KEY, data BLOB NOT NULL)",
        "CREATE TABLE entry (key TEXT PRIMARY KEY, data BLOB NOT NULL); CREATE VIEW v AS SELECT 1",
        "CREATE TABLE entry (key TEXT, data BLOB); CREATE TRIGGER t AFTER INSERT ON entry BEGIN DELETE FROM entry; END",
        "CREATE TABLE other (x)",
    ]
)


@planted
@given(schema, rows, st.binary(max_size=200), st.booleans())
def test_a_planted_cache_changes_no_answer(
    code: Path,
    tmp_path_factory: pytest.TempPathFactory,
    ddl: str,
    entries: list[tuple[str, bytes]],
    noise: bytes,
    raw: bool,
) -> None:
    """An SQLite file of any schema and rows, or any bytes, where the cache lives, and forged
    verdict files: `validate` and `build` say what they say without a cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KODEKS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        directory = cache.directory(code)
        directory.mkdir(parents=True)
        database = directory / "articles.sqlite"
        if raw:
            database.write_bytes(noise)
        else:
            with sqlite3.connect(database) as connection:
                connection.executescript(ddl)
                if ddl.startswith("CREATE TABLE entry"):
                    connection.executemany("INSERT OR REPLACE INTO entry VALUES (?, ?)", entries)
            connection.close()
        for kind in ("verdict", "act-verdict"):
            for key, data in entries:
                name = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
                (directory / kind / name[:2]).mkdir(parents=True, exist_ok=True)
                (directory / kind / name[:2] / name).write_bytes(b"kodeks-cache 2\n" + name.encode() + b"\n" + data)
        expected = [kodeks(*c, "--root", str(code), env={"KODEKS_NO_CACHE": "1"}) for c in COMMANDS]
        for _ in range(2):
            got = [kodeks(*c, "--root", str(code)) for c in COMMANDS]
            assert [(r.exit_code, r.stdout) for r in got] == [(r.exit_code, r.stdout) for r in expected]


COMMANDS = (["validate"], ["build", "--format", "md", "-o", "-"])

journal_entry = st.fixed_dictionaries(
    {
        "path": st.sampled_from(
            [A + "kenesh.md", "code_text/code.yaml", "../outside", "/etc/passwd", "code_text/x/../../y", A]
        ),
        "delete": st.booleans() | st.none(),
    },
    optional={"old": st.text(max_size=3) | st.none(), "new": st.text(max_size=3) | st.none()},
)


@planted
@given(
    st.lists(journal_entry, max_size=4),
    st.sampled_from(["", "0" * 64, "x"]),
    st.booleans(),
    st.binary(max_size=100),
)
def test_a_planted_journal_changes_no_file(
    code: Path,
    tmp_path_factory: pytest.TempPathFactory,
    entries: list[dict[str, object]],
    tag: str,
    staged: bool,
    junk: bytes,
) -> None:
    """A journal beside code_text/ (as an archive ships one), sealed with no key of this user's,
    with staged files beside its targets: nothing in the Code changes, no internal error."""
    root = tmp_path_factory.mktemp("tree")
    shutil.copytree(code / "code_text", root / "code_text")
    before = files(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KODEKS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        body = json.dumps({"tree": str(root.resolve()), "entries": entries})
        journal_store.journal_path(root).write_text(f"{tag}\n{body}" if tag != "x" else junk.decode("latin-1"))
        if staged:
            (root / A / ".kenesh.md.kodeks-new").write_bytes(junk)
        result = kodeks("validate", "--root", str(root))
    assert result.exit_code in (0, 1), result.output
    after = files(root)
    assert {k: v for k, v in after.items() if k.startswith("code_text")} == before
    assert not journal_store.journal_path(root).exists()


@pytest.fixture(scope="module")
def built(code: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("docx") / "code.docx"
    assert kodeks("build", "--root", str(code), "--format", "docx", "--lang", "ru", "-o", str(target)).exit_code == 0
    return target


ARTICLE_OF = {"Настоящий Кодекс": "subject", "местный кенеш – орган": "concepts", "Кенеш решает": "kenesh"}


@planted
@given(st.data())
def test_shuffled_marks_never_edit_another_unit(
    code: Path, built: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """The hidden marks moved, copied and dropped at random, one word deleted with tracking in
    one paragraph: `review import --apply` changes that paragraph's article or nothing."""
    package = zipfile.ZipFile(io.BytesIO(built.read_bytes()))
    document = etree.fromstring(package.read("word/document.xml"))
    paragraphs = [p for p in document.iter(f"{W}p") if "".join(p.itertext()).strip()]
    marks = [m for m in document.iter(f"{W}bookmarkStart") if m.get(f"{W}name", "").startswith("_k")]
    done = []
    for mark in marks:
        action = data.draw(st.sampled_from(["keep", "keep", "move", "copy", "drop"]))
        if action != "keep":
            target = data.draw(st.sampled_from(paragraphs))
            done.append(
                f"{action} the mark of «{''.join(mark.getparent().itertext())[:30]}» to «{''.join(target.itertext())[:30]}»"
            )
            target.insert(0, copy.deepcopy(mark) if action != "drop" else etree.Element(f"{W}proofErr"))
            if action in ("move", "drop"):
                mark.getparent().remove(mark)
    prefix = data.draw(st.sampled_from(sorted(ARTICLE_OF)))
    changed = next(p for p in paragraphs if prefix in "".join(p.itertext()))
    run = next(r for r in changed.iter(f"{W}r") if (r.findtext(f"{W}t") or "").strip())
    deleted = etree.Element(f"{W}del", {f"{W}id": "99", f"{W}author": "Рецензент", f"{W}date": "2026-12-04T00:00:00Z"})
    gone = copy.deepcopy(run)
    gone.find(f"{W}t").tag = f"{W}delText"
    run.addprevious(deleted)
    deleted.append(gone)
    changed.remove(run) if run.getparent() is changed else run.getparent().remove(run)
    root = tmp_path_factory.mktemp("review")
    shutil.copytree(code / "code_text", root / "code_text")
    reviewed = root / "reviewed.docx"
    with zipfile.ZipFile(reviewed, "w") as out:
        for item in package.infolist():
            content = etree.tostring(document) if item.filename == "word/document.xml" else package.read(item.filename)
            out.writestr(item, content)
    before = files(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KODEKS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        result = kodeks("review", "import", "--root", str(root), str(reviewed), "--round", "r1", "--apply")
    assert result.exit_code in (0, 1, 2), result.output
    after = files(root)
    edited = {path for path in set(before) | set(after) if before.get(path) != after.get(path)}
    assert edited <= {A + ARTICLE_OF[prefix] + ".md", "code_text/reviews/r1.yaml", "reviewed.docx"}, (edited, done)
    assert os.path.exists(reviewed)
