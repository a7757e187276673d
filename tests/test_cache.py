"""``.kodeks-cache/``: an unchanged Code answered without parsing, never a stale or forged answer
where it matters."""

from __future__ import annotations

import os
from pathlib import Path

from kodeks.store.cache import CACHE_DIR

from .conftest import A, WriteCode, kodeks, write_files

BROKEN: dict[str, str | bytes | None] = {A + "kenesh.md": None}  # listed, no file: S001


def entries(root: Path) -> list[Path]:
    return sorted(p for p in (root / CACHE_DIR).rglob("*") if p.is_file())


def test_a_second_run_answers_from_the_cache_exactly_as_the_first(code_dir: WriteCode) -> None:
    root = code_dir(BROKEN)
    for output in ("text", "json", "github"):
        cold = kodeks("validate", "--root", str(root), "--format", output)
        assert entries(root)
        warm = kodeks("validate", "--root", str(root), "--format", output)
        assert (warm.exit_code, warm.output) == (cold.exit_code, cold.output) and cold.exit_code == 1


def test_a_change_is_never_answered_from_an_older_entry(code_dir: WriteCode) -> None:
    root = code_dir()
    assert kodeks("validate", "--root", str(root)).exit_code == 0
    write_files(root, BROKEN)
    result = kodeks("validate", "--root", str(root))
    assert result.exit_code == 1 and "S001" in result.output


def test_a_corrupt_or_linked_cache_is_ignored(code_dir: WriteCode, tmp_path: Path) -> None:
    root = code_dir(BROKEN)
    expected = kodeks("validate", "--root", str(root)).output
    for entry in entries(root):
        entry.write_bytes(entry.read_bytes()[:40] + b"\x00garbage")
    assert kodeks("validate", "--root", str(root)).output == expected
    # A cache directory that is a link (say, committed by someone else) is not followed.
    elsewhere = tmp_path / "elsewhere"
    os.rename(root / CACHE_DIR, elsewhere)
    (root / CACHE_DIR).symlink_to(elsewhere, target_is_directory=True)
    assert kodeks("validate", "--root", str(root)).output == expected
    assert not any(p.name.endswith(".tmp") for p in elsewhere.rglob("*"))


def test_ci_runs_without_the_cache_a_pull_request_could_forge(code_dir: WriteCode) -> None:
    root = code_dir()
    kodeks("validate", "--root", str(root))  # an entry saying "valid" for these files
    valid_entry = entries(root)[0].read_bytes()
    write_files(root, BROKEN)
    assert kodeks("validate", "--root", str(root)).exit_code == 1
    # A forged entry for the broken files, written as the valid one was: trusted with the cache…
    for entry in entries(root):
        name = entry.name
        if kodeks("validate", "--root", str(root)).exit_code == 1:
            entry.write_bytes(valid_entry.replace(valid_entry.split(b"\n")[1], name.encode()))
    assert kodeks("validate", "--root", str(root)).exit_code == 0
    # … and not with --no-cache (or KODEKS_NO_CACHE), which the validate workflow passes.
    assert kodeks("validate", "--root", str(root), "--no-cache").exit_code == 1
    assert kodeks("validate", "--root", str(root), env={"KODEKS_NO_CACHE": "1"}).exit_code == 1
    workflow = (Path(__file__).resolve().parents[1] / ".github/workflows/validate.yml").read_text(encoding="utf-8")
    assert "kodeks validate --format github --strict --no-cache" in workflow
