"""The Code as it is on disk, never following a symlink out of ``code_text/``."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..diagnostics import Diagnostic, SourceLocation
from ..errors import CodeNotFoundError
from ..messages import Message, msg
from ..rules import rule
from ..source import MAX_FILE_SIZE
from . import CODE_DIR, CODE_FILE, Snapshot
from .journal import complete_interrupted_edit


def find_root(start: Path | None = None) -> Path:
    """The nearest directory at or above ``start`` (the current one by default) that holds
    ``code_text/code.yaml``."""
    try:
        start = (start or Path.cwd()).resolve(strict=True)
    except OSError as error:  # the current directory was deleted under us
        raise CodeNotFoundError(
            msg("cannot look for {file} from here: {error}", file=CODE_FILE, error=str(error.strerror))
        ) from error
    for directory in (start, *start.parents):
        if (directory / CODE_FILE).is_file():
            return directory
    raise CodeNotFoundError(
        msg("no {file} in {directory} or any directory above it (use --root)", file=CODE_FILE, directory=str(start))
    )


def read_worktree(root: Path) -> Snapshot:
    code_dir = root / CODE_DIR
    if code_dir.is_symlink() or not code_dir.is_dir():
        raise CodeNotFoundError(
            msg("{path} is not a directory (it is a symlink, which kodeks never follows)", path=str(code_dir))
            if code_dir.is_symlink()
            else msg("{path} is not a directory", path=str(code_dir))
        )
    snapshot = Snapshot(files={})
    recovery = complete_interrupted_edit(root)
    snapshot.completed, snapshot.set_aside = recovery.finished, recovery.set_aside
    _walk(code_dir, CODE_DIR, snapshot)
    return snapshot


def read_files(root: Path) -> dict[str, bytes]:
    """The files :func:`read_worktree` would read, as they are now (no interrupted edit finished:
    the journal's writer asks under its lock whether the Code changed since a command read it)."""
    snapshot = Snapshot(files={})
    _walk(root / CODE_DIR, CODE_DIR, snapshot)
    return snapshot.files


def _walk(directory: Path, relative: str, snapshot: Snapshot) -> None:
    with os.scandir(directory) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            path = f"{relative}/{entry.name}"
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode) and os.path.lexists(os.path.join(entry.path, ".git")):
                # What `--rev` sees as a submodule: refused the same way here.
                snapshot.problems.append(
                    _refused(path, msg("a submodule or nested Git repository; kodeks reads only regular files"))
                )
            elif stat.S_ISDIR(info.st_mode):
                _walk(Path(entry.path), path, snapshot)
            elif not stat.S_ISREG(info.st_mode):
                snapshot.problems.append(
                    _refused(
                        path,
                        msg("a symlink; kodeks reads only regular files and never follows links")
                        if stat.S_ISLNK(info.st_mode)
                        else msg("not a regular file; kodeks reads only regular files and never follows links"),
                    )
                )
            elif info.st_size > MAX_FILE_SIZE:
                snapshot.problems.append(
                    rule("F002").at(
                        SourceLocation(path),
                        msg(
                            "file is {size} bytes; the limit is {limit} (1 MiB)",
                            size=format(info.st_size, ","),
                            limit=format(MAX_FILE_SIZE, ","),
                        ),
                    )
                )
            else:
                snapshot.files[path] = _read_no_follow(entry.path)


def _read_no_follow(path: str) -> bytes:
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read(MAX_FILE_SIZE + 1)


def _refused(path: str, why: Message) -> Diagnostic:
    return rule("F003").at(SourceLocation(path), why)


def repository_prefix(root: Path) -> str:
    """Where ``root`` sits inside its Git working tree (``""`` at the top or outside Git).

    Diagnostics name files relative to the repository, as GitHub annotations need.
    """
    root = root.resolve()
    for directory in (root, *root.parents):
        if (directory / ".git").exists():
            relative = root.relative_to(directory).as_posix()
            return "" if relative == "." else relative + "/"
    return ""
