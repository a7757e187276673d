"""Writing a built document (HTML, Markdown, Word) where the user asked for it."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ..errors import KodeksError
from ..messages import msg

IGNORE_ALL = b"# Made by kodeks: what it builds here is not committed.\n*\n"
CACHEDIR_TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This file is a cache directory tag created by kodeks.\n"
    b"# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


def write_output(path: Path, data: bytes, own_directory: bool = False) -> None:
    """Write through a temporary file in the same directory, so a reader never sees half a
    file; a pipe or a device (``-o /dev/stdout``) is written into, not replaced. A path that
    cannot be written is a usage error.

    ``own_directory``: the directory is kodeks's choice (``build/``), not the user's; if kodeks
    creates it, it carries a ``.gitignore`` of everything and a ``CACHEDIR.TAG``, as pytest's and
    ruff's do, so ``git add -A`` never commits it in a repository without our ``.gitignore``."""
    try:
        if path.exists() and not stat.S_ISREG(path.stat().st_mode):
            with open(path, "wb") as stream:
                stream.write(data)
            return
        if own_directory and path.parent.is_symlink():  # a committed «build» link leads out of the checkout
            raise KodeksError(msg("{target} is a symlink: give the folder itself", target=str(path.parent)))
        if own_directory and not path.parent.exists():
            make_own_directory(path.parent)
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise KodeksError(
            msg("cannot write {path}: {error}", path=str(path), error=str(error.strerror or error))
        ) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask)
        os.replace(temporary, path)
    except OSError as error:
        os.unlink(temporary)
        raise KodeksError(
            msg("cannot write {path}: {error}", path=str(path), error=str(error.strerror or error))
        ) from None
    except BaseException:
        os.unlink(temporary)
        raise


def make_own_directory(directory: Path) -> None:
    """A directory kodeks creates in a working tree, marked as its own (see :func:`write_output`)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / ".gitignore").write_bytes(IGNORE_ALL)
    (directory / "CACHEDIR.TAG").write_bytes(CACHEDIR_TAG)
