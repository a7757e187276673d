"""Options and output helpers the commands share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..messages import msg, plural

if TYPE_CHECKING:
    from ..snapshot import Snapshot

F = TypeVar("F", bound=Callable[..., Any])


def _find_root(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    from ..store.worktree import find_root

    root = value if value is not None else find_root(None)
    use_cache(root)
    code_messages(root)
    return root


def code_messages(root: Path) -> None:
    """code.yaml's ``messages:`` as the run's default language, read before the Code is (a
    usage error is said in it too); the structure's reader checks the value."""
    import re

    from .. import messages
    from ..snapshot import CODE_FILE

    path = root / CODE_FILE
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 1 << 20:
            return
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return
    found = re.search(r"^messages:[ \t]*[\"']?([a-z]{2})[\"']?[ \t]*(?:#.*)?$", text, re.MULTILINE)
    messages.code_default(found.group(1) if found else None)


def use_cache(root: Path | None) -> None:
    """Parse through the cache of ``root`` (``store.cache.directory``) for this command (None: no cache; also when
    ``KODEKS_NO_CACHE`` is set, as every workflow sets it)."""
    import os

    from ..load import DEFAULT_CACHE

    DEFAULT_CACHE.clear()
    if root is not None and not os.environ.get("KODEKS_NO_CACHE"):
        from ..store.cache import ArticleCache  # with hashlib and sqlite3: not imported without a cache

        DEFAULT_CACHE.append(ArticleCache(root))


def root_option(function: F) -> F:
    """``--root DIR``; commands receive the directory holding code_text/, found when not given."""
    return click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        callback=_find_root,
        help="Directory that holds code_text/ (default: found by walking up from here).",
    )(function)


class Languages(click.ParamType):  # type: ignore[type-arg]
    """``ky``, ``ru`` or ``ky,ru``: the languages to show, checked against the Code's."""

    name = "LANGS"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        languages = tuple(part.strip() for part in str(value).split(",") if part.strip())
        if not languages:
            self.fail(str(msg("give one or more languages, e.g. ky or ky,ru")), param, ctx)
        repeated = sorted({language for language in languages if languages.count(language) > 1})
        if repeated:
            self.fail(
                str(
                    plural(
                        "{languages} is named twice: give each language once, e.g. ky,ru",
                        "{languages} are named twice: give each language once, e.g. ky,ru",
                        len(repeated),
                        languages=", ".join(repeated),
                    )
                ),
                param,
                ctx,
            )
        return languages


def lang_option(function: F) -> F:
    return click.option(
        "--lang",
        "lang",
        type=Languages(),
        help="ky, ru, or ky,ru for parallel text (default: every language of the Code).",
    )(function)


def chosen_languages(code_languages: tuple[str, ...], requested: tuple[str, ...] | None) -> tuple[str, ...]:
    """The languages asked for, all of them the Code's; every language when none were asked."""
    if not requested:
        return code_languages
    unknown = [language for language in requested if language not in code_languages]
    if unknown:
        raise click.BadParameter(
            str(
                msg(
                    "{unknown}: the Code's languages are {languages}",
                    unknown=", ".join(unknown),
                    languages=", ".join(code_languages),
                )
            ),
            param_hint="--lang",
        )
    return requested


def dry_run_option(function: F) -> F:
    return click.option("--dry-run", is_flag=True, help="Print the unified diff instead of writing.")(function)


def working_tree(root: Path) -> Snapshot:
    """The Code on disk; if reading it finished an edit a killed kodeks left, the user is told."""
    from ..store.worktree import read_worktree

    snapshot = read_worktree(root)
    if snapshot.completed:
        completed = len(snapshot.completed)
        click.echo(
            "kodeks: "
            + plural(
                "finished an interrupted edit first ({count} file)",
                "finished an interrupted edit first ({count} files)",
                completed,
            ).said(),
            err=True,
        )
    if snapshot.set_aside:
        click.echo("kodeks: " + msg("{what}; check `git status`", what=snapshot.set_aside).said(), err=True)
    _READ[root] = snapshot.files
    return snapshot


_READ: dict[Path, dict[str, bytes]] = {}
"""The files each command read of a working tree: what its edit was planned from."""


def write_edit(root: Path, changes: dict[str, bytes | None]) -> None:
    """Write an edit through the journal, all or nothing, unless the Code changed since the
    command read it (another kodeks or an editor wrote in between: the plan would undo it)."""
    from ..store.journal import write_files

    write_files(root, changes, basis=_READ.get(root))


def write_or_print(data: bytes, output: Path | None, default: Path | None) -> Path | None:
    """``-o -`` (or no default) prints; otherwise the file is written. Where it went, if a file."""
    from ..store.output import write_output

    target = output or default
    if target is None or str(target) == "-":
        click.echo(data, nl=False)
        return None
    write_output(target, data, own_directory=output is None)
    return target
