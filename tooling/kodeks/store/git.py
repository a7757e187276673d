"""The Code as a Git revision has it, read from Git objects without a checkout."""

from __future__ import annotations

import subprocess
import threading
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CodeNotFoundError, RevisionError, SourceLocation
from ..rules import rule
from ..source import MAX_FILE_SIZE
from . import CODE_DIR, Revision, Snapshot

if TYPE_CHECKING:
    import git

_SYMLINK_MODE = 0o120000


def read_revision(root: Path, rev: str) -> Snapshot:
    """Every file under ``code_text/`` in commit ``rev`` of the repository at ``root``."""
    import git  # heavy: imported only when a revision is asked for

    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as error:
        raise RevisionError(f"{root} is not inside a Git repository") from error
    with repo:
        try:
            commit = repo.commit(rev)
        except (git.BadName, git.BadObject, ValueError) as error:
            raise RevisionError(f"unknown revision {rev!r}") from error
        prefix = Path(root).resolve().relative_to(Path(repo.working_tree_dir or root).resolve()).as_posix()
        code_path = CODE_DIR if prefix in ("", ".") else f"{prefix}/{CODE_DIR}"
        try:
            tree = commit.tree / code_path
        except KeyError as error:
            raise CodeNotFoundError(f"revision {rev!r} has no {CODE_DIR}/") from error
        if tree.type != "tree":
            raise CodeNotFoundError(f"{CODE_DIR} in revision {rev!r} is not a directory")
        snapshot = Snapshot(
            files={},
            revision=Revision(
                hexsha=commit.hexsha,
                committed=commit.committed_datetime,
                author=str(commit.author.name or ""),
                summary=str(commit.summary),
            ),
        )
        strip = len(code_path) - len(CODE_DIR)
        wanted: dict[str, list[str]] = defaultdict(list)
        for item in tree.traverse():
            assert isinstance(item, (git.Blob, git.Tree, git.Submodule))
            path = str(item.path)[strip:]
            if item.type == "tree":
                continue
            if item.type != "blob":
                snapshot.problems.append(
                    rule("F003").at(SourceLocation(path), "a submodule; kodeks reads only regular files")
                )
            elif item.mode == _SYMLINK_MODE:
                snapshot.problems.append(
                    rule("F003").at(
                        SourceLocation(path), "a symlink; kodeks reads only regular files and never follows links"
                    )
                )
            else:
                wanted[item.hexsha].append(path)
        for hexsha, size, data in _read_blobs(repo, list(wanted)):
            for path in wanted[hexsha]:
                if data is None:
                    message = f"file is {size:,} bytes; the limit is {MAX_FILE_SIZE:,} (1 MiB)"
                    snapshot.problems.append(rule("F002").at(SourceLocation(path), message))
                else:
                    snapshot.files[path] = data
        snapshot.files = dict(sorted(snapshot.files.items()))
        return snapshot


def _read_blobs(repo: git.Repo, hexshas: list[str]) -> Iterator[tuple[str, int, bytes | None]]:
    """Contents of many blobs through one ``git cat-file --batch``, pipelined; None when too large.

    Asking GitPython for one blob at a time costs a round trip each: about a millisecond per
    article, seconds for a large Code.
    """
    if not hexshas:
        return
    process = repo.git.cat_file("--batch", as_process=True, istream=subprocess.PIPE)
    stdin, stdout = process.proc.stdin, process.proc.stdout

    def feed() -> None:
        stdin.write("".join(f"{sha}\n" for sha in hexshas).encode())
        stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        for _ in hexshas:
            header = stdout.readline().split()
            size = int(header[2])
            data = stdout.read(size)
            stdout.read(1)  # the newline after each object
            yield header[0].decode(), size, data if size <= MAX_FILE_SIZE else None
    finally:
        writer.join()
        process.wait()
