"""Writing a built document (HTML, Markdown, Word) where the user asked for it."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ..errors import KodeksError


def write_output(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same directory, so a reader never sees half a
    file; a pipe or a device (``-o /dev/stdout``) is written into, not replaced. A path that
    cannot be written is a usage error."""
    try:
        if path.exists() and not stat.S_ISREG(path.stat().st_mode):
            with open(path, "wb") as stream:
                stream.write(data)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise KodeksError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask)
        os.replace(temporary, path)
    except OSError as error:
        os.unlink(temporary)
        raise KodeksError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        os.unlink(temporary)
        raise
