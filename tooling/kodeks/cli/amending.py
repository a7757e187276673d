"""``kodeks amend``: the amending law a change to a text in force needs, and such a law applied."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..messages import Message, msg, plural
from . import cli
from .options import (
    chosen_languages,
    dry_run_option,
    lang_option,
    root_option,
    working_tree,
    write_edit,
    write_or_print,
)

if TYPE_CHECKING:
    from ..model import Code


def _text(code: Code | None, act_id: str | None, where: Message | str) -> Code:
    """The Code, or the text of the act ``act_id`` kept in the repository."""
    from ..amend.write import AmendError

    if code is None:
        raise AmendError(msg("{where}: code.yaml cannot be read", where=where))
    if act_id is None:
        return code
    act = code.acts.get(act_id)
    if act is None or act.text is None:
        raise AmendError(msg("{where}: no act `{id}` with its text in code_text/acts/", where=where, id=act_id))
    return act.text


@cli.command()
@root_option
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option(
    "--act", "act_id", metavar="ID", help="Amend an existing act kept in code_text/acts/ID/ instead of the Code."
)
@click.option(
    "--apply",
    "law_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Apply this amending law (Markdown or text, ky and/or ru) to the working tree.",
)
@lang_option
@click.option("--format", "output_format", type=click.Choice(["md", "docx"]), default="md", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: standard output for md, build/amendment.docx for docx).",
)
@dry_run_option
def amend(
    root: Path,
    base: str | None,
    head: str | None,
    act_id: str | None,
    law_file: Path | None,
    lang: tuple[str, ...] | None,
    output_format: str,
    output: Path | None,
    dry_run: bool,
) -> None:
    """Write the draft amending law that turns BASE into HEAD (default HEAD), or apply one.

    For a text in force: each change becomes the least intrusive exact instruction (words
    replaced, deleted or added; a unit restated, added with its inserted number, or repealed; a
    title restated; a term replaced throughout), grouped by article in legal order, in Kyrgyz
    and Russian. With --apply FILE the instructions of such a law (kodeks's, or the same forms
    written by hand) are carried out on the working tree: all of them, or none.

    \b
    Examples:
      kodeks amend v1.0 HEAD                      # the law for everything since tag v1.0
      kodeks amend v1.0 HEAD --format docx -o build/amendment.docx
      kodeks amend --apply amendment.md --dry-run
    """
    if law_file is not None:
        if base or head:
            raise click.UsageError(str(msg("give either BASE [HEAD] or --apply FILE, not both")))
        _apply(root, law_file, act_id, dry_run)
        return
    if base is None:
        raise click.UsageError(str(msg("give BASE (and HEAD), or --apply FILE")))
    from ..amend.write import amending_law
    from ..load import load_code
    from ..render.amending_law import render_docx, render_markdown
    from ..store.pair import read_changed

    base_snapshot, head_snapshot, unchanged = read_changed(root, base, head or "HEAD")
    base_text = _text(load_code(base_snapshot).code, act_id, base)
    head_text = _text(load_code(head_snapshot).code, act_id, head or "HEAD")
    folder = head_text.path.rpartition("/")[0] + "/articles/"
    unread = {
        path.rpartition("/")[2].removesuffix(".md"): data.decode("utf-8", "replace")
        for path, data in unchanged.items()
        if path.startswith(folder)
    }
    law = amending_law(base_text, head_text, unread)
    languages = chosen_languages(head_text.languages, lang)
    if not law.instructions:
        click.echo("kodeks: " + msg("the texts are the same: no amending law").said(), err=True)
        return
    data = render_docx(law, languages) if output_format == "docx" else render_markdown(law, languages).encode("utf-8")
    target = write_or_print(data, output, root / "build" / "amendment.docx" if output_format == "docx" else None)
    if target is not None:
        click.echo(
            "kodeks: "
            + plural(
                "wrote {target} ({count} instruction)",
                "wrote {target} ({count} instructions)",
                law.count(),
                target=str(target),
            ).said()
        )


def _apply(root: Path, law_file: Path, act_id: str | None, dry_run: bool) -> None:
    from ..amend.apply import apply_law, article_paths, read_law_file
    from ..drafting import Workspace
    from ..edit.texts import unified_diff

    versions = read_law_file(law_file)
    files = working_tree(root).files
    texts = {path: data.decode("utf-8", "replace") for path, data in files.items()}
    # Only the structure is parsed here; an article is parsed when an instruction reaches it.
    structure = {path: data for path, data in files.items() if not path.endswith(".md")}
    target = _text(Workspace.of(structure, validated=False).code, act_id, msg("the working tree"))
    paths = article_paths(texts, target.path.rpartition("/")[0] + "/articles")
    changes = apply_law(versions, texts, target, paths)
    # One version's instructions: what the law numbers (each version numbers the same ones).
    count = max(len(v) for v in versions.values())
    if not changes:
        click.echo("kodeks: " + msg("nothing to change").said())
        return
    if dry_run:
        click.echo(unified_diff(texts, dict(changes)), nl=False)
        return
    write_edit(root, {path: data.encode("utf-8") for path, data in changes.items()})
    click.echo(
        "kodeks: "
        + msg(
            "applied {instructions}; changed {files}: {names}",
            instructions=plural("{count} instruction", "{count} instructions", count),
            files=plural("{count} file", "{count} files", len(changes)),
            names=", ".join(sorted(changes)),
        ).said()
    )
