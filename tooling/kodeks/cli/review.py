"""``kodeks review``: a round of review, from the reviewers' Word copies to the table of comments."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from ..messages import Param, msg, plural
from . import EXIT_INVALID, cli
from .options import (
    F,
    chosen_languages,
    dry_run_option,
    lang_option,
    root_option,
    working_tree,
    write_edit,
    write_or_print,
)


def _round_id(value: str) -> str:
    """A round's id names its file: lowercase letters, digits and hyphens."""
    from ..model import ID_PATTERN

    if not ID_PATTERN.fullmatch(value):
        raise click.BadParameter(str(msg("a round id is lowercase letters, digits and hyphens, e.g. round-1")))
    return value


def _round_option(said: str) -> Callable[[F], F]:
    """``--round ID``, required, its id checked."""
    return click.option(
        "--round",
        "round_id",
        required=True,
        metavar="ID",
        callback=lambda _context, _parameter, value: _round_id(value),
        help=said,
    )


@cli.group()
def review() -> None:
    """Review rounds: reviewers' Word copies back into the register, and the table of comments.

    The register is code_text/reviews/ROUND.yaml: one entry per comment or proposal, on a unit
    of an article by its id, with the drafters' decision and reason (`kodeks validate` checks it).

    \b
    Examples:
      kodeks review import reviewer.docx --round round-1
      kodeks review table --round round-1 --format docx
    """


@review.command(name="import")
@root_option
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@_round_option("The round: code_text/reviews/ID.yaml.")
@click.option(
    "--author", metavar="NAME", help="Who made the changes or wrote the comments, where the file does not say."
)
@click.option("--organisation", metavar="NAME", help="The author's organisation, where the file does not say.")
@click.option("--apply", "apply", is_flag=True, help="Also write the proposed wordings into the articles.")
@dry_run_option
def import_(
    root: Path,
    file: Path,
    round_id: str,
    author: str | None,
    organisation: str | None,
    apply: bool,
    dry_run: bool,
) -> None:
    """Read a reviewer's copy of a document kodeks built (the Code or a redline, saved by Word or
    LibreOffice), or what came back from the public discussion, into the round's register.

    From the public discussion: the form `kodeks review export` wrote, filled in (XLSX, CSV or
    DOCX), or comments as text (.txt, .md: one per paragraph), each placed on the unit its row
    or its words cite («статья 5, часть 2», «5-берененин 2-бөлүгү»). A new round's file says
    `source: public`; the proposals wait for the drafters' decision (no --apply).

    Every comment becomes an entry on the unit it was written on; every paragraph changed, with
    tracked changes or without, an entry proposing its new wording. With --apply the proposals
    are also written into the articles, only the words that changed, ready to commit as the
    reviewer's proposal. What cannot be placed is listed with the page text around it. A second
    import of the same file adds nothing.

    \b
    Examples:
      kodeks review import comments-minjust.docx --round round-1 --dry-run
      kodeks review import comments-minjust.docx --round round-1 --apply
      kodeks review import portal-export.xlsx --round public-1
      kodeks review import letters.txt --round public-1 --author "Жаран А."
    """
    from ..drafting import Workspace
    from ..edit.texts import unified_diff
    from ..public_form import read_public
    from ..review import code_sent, import_review, kodeks_signature, read_review
    from ..store.reviewed import read_reviewed

    workspace = Workspace.of(working_tree(root).files, validated=False)
    public = read_public(file, workspace.code, author, organisation)
    if public is not None:
        if apply:
            raise click.BadParameter(
                str(msg("the public's proposals wait for the drafters' decision; --apply takes a reviewer's copy")),
                param_hint="--apply",
            )
        result = import_review(
            public, workspace.texts, workspace.code, round_id, "", False, workspace.diagnostics, public=True
        )
    else:
        document = read_reviewed(file)
        if not document.revision:
            click.echo(
                "kodeks: "
                + msg(
                    "{file} names no commit (built from an uncommitted tree): compared with the working tree",
                    file=str(file),
                ).said(),
                err=True,
            )
        snapshot, sent = code_sent(root, file, document, workspace.code, workspace.cache)
        reading = read_review(document, sent, kodeks_signature(snapshot.revision if snapshot else None), author)
        result = import_review(
            reading, workspace.texts, workspace.code, round_id, document.revision, apply, workspace.diagnostics
        )
    for unplaced in result.unplaced:
        click.echo(
            f"{file}: "
            + msg(
                "not placed: {what}\n    on the page: {context}", what=unplaced.what, context=unplaced.context
            ).said(),
            err=True,
        )
    for item, why in result.refused:
        click.echo(
            f"{file}: "
            + msg("not applied: {place} ({language}): {why}", place=item.place, language=item.language, why=why).said(),
            err=True,
        )
    comments = sum(item.proposal is None for item in result.found)
    proposals = len(result.found) - comments
    counts: dict[str, Param] = {
        "comments": plural("{count} comment", "{count} comments", comments),
        "proposals": plural("{count} proposal", "{count} proposals", proposals),
        "unplaced": len(result.unplaced),
        "added": result.added,
        "round": round_id,
    }
    found = (
        msg(
            "{comments}, {proposals}, {unplaced} not placed; {added} new in round `{round}`; {applied} applied",
            applied=result.applied,
            **counts,
        )
        if apply
        else msg("{comments}, {proposals}, {unplaced} not placed; {added} new in round `{round}`", **counts)
    )
    click.echo(f"kodeks: {file}: {found}", err=True)
    if not result.changes:
        click.echo("kodeks: " + msg("nothing to change").said())
        return
    if dry_run:
        click.echo(unified_diff(workspace.texts.files, dict(result.changes)), nl=False)
        return
    write_edit(root, {path: text.encode("utf-8") for path, text in result.changes.items()})
    click.echo(
        "kodeks: "
        + plural(
            "changed {count} file: {names}",
            "changed {count} files: {names}",
            len(result.changes),
            names=", ".join(sorted(result.changes)),
        ).said()
    )


@review.command(name="export")
@root_option
@_round_option("The round the form is for, e.g. public-1.")
@click.option(
    "--format",
    "formats",
    type=click.Choice(["docx", "xlsx", "csv"]),
    multiple=True,
    help="Repeatable; default: all three.",
)
@lang_option
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: build/).",
)
def export(
    root: Path, round_id: str, formats: tuple[str, ...], lang: tuple[str, ...] | None, output: Path | None
) -> None:
    """The form for the public discussion, as the portal and the public get it: one row per
    unit of the draft with its citation and text in each language, and columns for the
    comment, the proposed wording, the author and the organisation. As DOCX (the draft with a
    column for comments), XLSX and CSV; `kodeks review import` reads any of them back filled.

    \b
    Examples:
      kodeks review export --round public-1
      kodeks review export --round public-1 --format xlsx -o build/portal
    """
    from ..render.public_form import render as form
    from ..report import as_text
    from ..store.output import make_own_directory, write_output
    from ..verdict import check

    result = check(working_tree(root))
    if result.code is None or result.errors:
        click.echo(as_text(result.diagnostics, len(result.code.articles) if result.code else 0), err=True, nl=False)
        click.echo("kodeks: " + msg("no form; fix the errors above").said(), err=True)
        raise SystemExit(EXIT_INVALID)
    languages = chosen_languages(result.code.languages, lang)
    folder = output or root / "build"
    if output is None and not folder.exists():  # build/ is kodeks's: marked so Git leaves it out
        make_own_directory(folder)
    for output_format, data in form(result.code, formats or ("docx", "xlsx", "csv"), languages, "").items():
        target = folder / f"{round_id}-form.{output_format}"
        write_output(target, data)
        click.echo("kodeks: " + msg("wrote {target}", target=str(target)).said())


@review.command()
@root_option
@click.option("--round", "round_ids", multiple=True, metavar="ID", help="Only this round (repeatable; default: all).")
@lang_option
@click.option("--format", "output_format", type=click.Choice(["md", "html", "docx"]), default="md", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: standard output for md, build/review-table.<format> otherwise).",
)
def table(
    root: Path, round_ids: tuple[str, ...], lang: tuple[str, ...] | None, output_format: str, output: Path | None
) -> None:
    """The table of comments and proposals with the drafters' answers, as the working group files it.

    One row per comment, grouped by article in legal order, each unit named as the law names
    it today; totals per decision at the end (the explanatory note quotes them).

    \b
    Examples:
      kodeks review table
      kodeks review table --round round-1 --format docx -o build/round-1.docx
    """
    from ..render.review_table import render
    from ..report import as_text
    from ..review_table import review_table
    from ..verdict import check

    result = check(working_tree(root))
    if result.code is None or result.errors:
        click.echo(as_text(result.diagnostics, len(result.code.articles) if result.code else 0), err=True, nl=False)
        click.echo("kodeks: " + msg("no table; fix the errors above").said(), err=True)
        raise SystemExit(EXIT_INVALID)
    code = result.code
    unknown = sorted(set(round_ids) - {r.id for r in code.reviews})
    if unknown:
        known = ", ".join(r.id for r in code.reviews)
        missing = (
            msg("no round `{id}` in code_text/reviews/ (rounds: {known})", id=unknown[0], known=known)
            if known
            else msg("no round `{id}` in code_text/reviews/ (rounds: none yet)", id=unknown[0])
        )
        raise click.BadParameter(str(missing), param_hint="--round")
    languages = chosen_languages(code.languages, lang)
    data = render(output_format, review_table(code, round_ids), languages)
    target = write_or_print(
        data, output, None if output_format == "md" else root / "build" / f"review-table.{output_format}"
    )
    if target is not None:
        click.echo("kodeks: " + msg("wrote {target}", target=str(target)).said())
