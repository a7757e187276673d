"""Commands that edit the Code for the drafter: new, move, remove, renumber, refs, fmt, import.

Each computes a plan in the library (``kodeks.drafting``, ``kodeks.edit``), then shows it
(``--dry-run``) or writes it whole through the store's journal.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..messages import msg, plural
from ..wording import LEGAL_LANGUAGES
from . import EXIT_INVALID, cli
from .options import dry_run_option, root_option, working_tree, write_edit

if TYPE_CHECKING:
    from ..drafting import Plan, Workspace


def _workspace(root: Path) -> Workspace:
    from ..drafting import Workspace

    return Workspace.of(working_tree(root).files)


def _carry_out(root: Path, workspace: Workspace, plan: Plan, dry_run: bool) -> None:
    """Show the unified diff (--dry-run) or write every file, all or nothing; then say what
    changed and which references' wording the drafter must still update by hand."""
    from ..edit.texts import unified_diff

    for link in plan.unresolved:
        click.echo(
            f"{link.location}: R004 "
            + msg(
                "wording of [{text}]({href}) not updated: "
                "it does not say unambiguously which number is the target's; update it by hand",
                text=link.text,
                href=link.href,
            ).said(),
            err=True,
        )
    changes = plan.changes
    if not changes:
        click.echo("kodeks: " + msg("nothing to change").said())
        return
    if dry_run:
        click.echo(unified_diff(workspace.texts.files, changes), nl=False)
        return
    write_edit(root, {path: None if text is None else text.encode("utf-8") for path, text in changes.items()})
    names = ", ".join(sorted(changes)) if len(changes) <= 10 else f"{', '.join(sorted(changes)[:10])} …"
    click.echo(
        "kodeks: "
        + plural("changed {count} file: {names}", "changed {count} files: {names}", len(changes), names=names).said()
    )


@cli.command()
@root_option
@click.option(
    "--parts",
    "parts_of",
    metavar="ID",
    help="Also renumber the parts and points of this article and reletter its subpoints, and references to them.",
)
@dry_run_option
def renumber(root: Path, parts_of: str | None, dry_run: bool) -> None:
    """Renumber sections, chapters and articles from the structure, and every reference's wording.

    Draft stage only: «статьи 12» becomes «статьи 13», «12-беренесинин» «13-беренесинин».
    After a merge that leaves duplicate or stale numbers, this is the fix.

    \b
    Examples:
      kodeks renumber --dry-run
      kodeks renumber --parts settlements      # after inserting a part in the middle
    """
    from ..drafting import renumber as plan

    workspace = _workspace(root)
    _carry_out(root, workspace, plan(workspace, parts_of), dry_run)


def _position_options(function: Any) -> Any:
    function = click.option("--first", is_flag=True, help="Put it first in the chapter.")(function)
    function = click.option("--after", metavar="ID", help="Put it after this article (default: last).")(function)
    return click.option("--chapter", "chapter", metavar="CH", required=True, help="The chapter's id.")(function)


@cli.command()
@root_option
@click.argument("article_id", metavar="ID")
@_position_options
@click.option(
    "--title",
    "titles",
    metavar="LANG=TEXT",
    multiple=True,
    help="The title in one language of the Code (repeat for each: --title ky=… --title ru=…).",
)
@click.option("--title-ky", help="Short for --title ky=TEXT.")
@click.option("--title-ru", help="Short for --title ru=TEXT.")
@dry_run_option
def new(
    root: Path,
    article_id: str,
    chapter: str,
    after: str | None,
    first: bool,
    titles: tuple[str, ...],
    title_ky: str | None,
    title_ru: str | None,
    dry_run: bool,
) -> None:
    """Create an article from the template and place it in the structure.

    In a draft every later article is renumbered (and references to it); in force the new
    article gets the next insertion number (12-1) and nothing is renumbered.

    \b
    Example:
      kodeks new budget-reserve --chapter local-budgets \\
        --title-ky "Жергиликтүү бюджеттин резерви" --title-ru "Резерв местного бюджета"
    """
    from ..drafting import new_article

    given: dict[str, str] = {}
    for title in titles:
        language, equals, text = title.partition("=")
        if not equals:
            raise click.BadParameter(
                str(msg("{given}: write LANG=TEXT, e.g. ru=Местный бюджет", given=repr(title))), param_hint="--title"
            )
        given[language.strip()] = text
    given.update({language: text for language, text in (("ky", title_ky), ("ru", title_ru)) if text is not None})
    workspace = _workspace(root)
    _carry_out(root, workspace, new_article(workspace, article_id, chapter, given, after, first), dry_run)
    if not dry_run:
        path = f"code_text/articles/{article_id}.md"
        click.echo(
            "kodeks: "
            + msg("next, write the article's text in {path} (in place of the placeholders)", path=path).said()
        )


@cli.command()
@root_option
@click.argument("unit_id", metavar="ID")
@click.option("--chapter", "chapter", metavar="CH", help="Move the article ID into this chapter.")
@click.option("--section", "section", metavar="SEC", help="Move the chapter ID into this section.")
@click.option("--after", metavar="ID", help="Put it after this article (or chapter).")
@click.option("--first", is_flag=True, help="Put it first in the chapter (or section).")
@dry_run_option
def move(
    root: Path,
    unit_id: str,
    chapter: str | None,
    section: str | None,
    after: str | None,
    first: bool,
    dry_run: bool,
) -> None:
    """Move an article between chapters, or a chapter between sections (draft stage),
    renumbering what follows and every reference's wording.

    \b
    Examples:
      kodeks move settlements --chapter basic-provisions --after basic-concepts
      kodeks move municipal-service --section general-provisions --after territorial-basis
    """
    from ..drafting import move_article, move_chapter

    workspace = _workspace(root)
    if workspace.code.find_chapter(unit_id) is not None:
        if chapter is not None:
            raise click.UsageError(
                str(msg("`{id}` is a chapter: give --section SEC, --after CHAPTER or --first", id=unit_id))
            )
        plan = move_chapter(workspace, unit_id, section, after, first)
    elif chapter is None:
        raise click.UsageError(str(msg("give --chapter CH: the chapter to move the article into")))
    else:
        plan = move_article(workspace, unit_id, chapter, after, first)
    _carry_out(root, workspace, plan, dry_run)


@cli.command()
@root_option
@click.argument("article_id", metavar="ID")
@click.option("--force", is_flag=True, help="Remove it even though other articles refer to it.")
@dry_run_option
def remove(root: Path, article_id: str, force: bool, dry_run: bool) -> None:
    """Remove an article (draft stage); refused while other articles refer to it.

    \b
    Example:
      kodeks remove old-article --dry-run
    """
    from ..drafting import remove_article

    workspace = _workspace(root)
    plan = remove_article(workspace, article_id, force)
    if plan.referring and not force:
        for link in plan.referring:
            click.echo(f"{link.location.path}:{link.location.line}: [{link.text}]({link.href})", err=True)
        raise click.ClickException(
            str(
                plural(
                    "{count} reference points to `{id}`: change it first, or use --force",
                    "{count} references point to `{id}`: change them first, or use --force",
                    len(plan.referring),
                    id=article_id,
                )
            )
        )
    _carry_out(root, workspace, plan, dry_run)


@cli.command()
@root_option
@click.argument("old", metavar="WORDS")
@click.argument("new", metavar="REPLACEMENT")
@click.option("--lang", "language", type=click.Choice(LEGAL_LANGUAGES), required=True, help="The text to change.")
@dry_run_option
def replace(root: Path, old: str, new: str, language: str, dry_run: bool) -> None:
    """Replace a term throughout the text of one language: every paragraph and title where the
    words stand whole (a capital at a sentence's start is kept). Each inflected form is its own
    term.

    \b
    Example:
      kodeks replace "жергиликтүү коомдоштуктун" "жергиликтүү жамааттын" --lang ky --dry-run
    """
    from ..drafting import replace_words

    workspace = _workspace(root)
    _carry_out(root, workspace, replace_words(workspace, old, new, language), dry_run)


@cli.command()
@root_option
@click.argument("target", metavar="ID[#LOCATOR]")
def refs(root: Path, target: str) -> None:
    """List every place that refers to an article, chapter, section or act (or a unit inside an article).

    \b
    Examples:
      kodeks refs territory-and-boundaries
      kodeks refs change-of-boundaries#2.2
      kodeks refs change-of-boundaries#2.2.б     # a subpoint
    """
    from ..edit.renumber import references_to
    from ..parse import parse_reference

    workspace = _workspace(root)
    unit_id, _, anchor = target.partition("#")
    within = parse_reference(f"art:{target}") if anchor else None
    if anchor and within is None:
        raise click.BadParameter(
            str(msg("{given}: write ID, ID#P, ID#P.Q, ID#.Q, ID#P.Q.б or ID#P.abzN", given=repr(target))),
            param_hint="ID[#LOCATOR]",
        )
    code = workspace.code
    known = {*code.articles, *(c.id for c in code.chapters), *(s.id for s in code.sections), *code.acts}
    if unit_id not in known:
        import difflib

        nearest = difflib.get_close_matches(unit_id, sorted(known), n=1)
        unknown = (
            msg("no article, chapter, section or act `{id}`; did you mean `{nearest}`?", id=unit_id, nearest=nearest[0])
            if nearest
            else msg("no article, chapter, section or act `{id}`", id=unit_id)
        )
        raise click.BadParameter(str(unknown), param_hint="ID")
    links = references_to(code, unit_id, within)
    for link in links:
        click.echo(f"{link.location.path}:{link.location.line}: [{link.text}]({link.href})")
    click.echo(
        "kodeks: "
        + plural("{count} reference to {target}", "{count} references to {target}", len(links), target=target).said(),
        err=True,
    )


@cli.command()
@root_option
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if any file would change (for CI).")
@dry_run_option
def fmt(root: Path, check_only: bool, dry_run: bool) -> None:
    """Normalise the files of the Code without changing their meaning.

    LF line endings, no BOM, one final newline, no runs of blank lines, front matter keys in
    the order id, number, title, status, sources, notes (comments move with their key).

    \b
    Examples:
      kodeks fmt --check
      kodeks fmt
    """
    from ..edit.fmt import format_files
    from ..edit.texts import unified_diff

    formatting = format_files(working_tree(root).files)
    for diagnostic in formatting.unreadable:
        click.echo(str(diagnostic), err=True)
    changes = formatting.changes
    if check_only:
        for path in sorted(changes):
            click.echo(f"{path}: " + msg("would be reformatted").said())
        if not changes and not formatting.unreadable:
            click.echo(
                "kodeks: "
                + plural(
                    "{count} file already formatted", "{count} files already formatted", len(formatting.originals)
                ).said()
            )
    elif dry_run:
        click.echo(unified_diff(formatting.originals, changes), nl=False)
    else:
        write_edit(root, {path: (text or "").encode("utf-8") for path, text in changes.items()})
        click.echo("kodeks: " + plural("reformatted {count} file", "reformatted {count} files", len(changes)).said())
    if formatting.unreadable or (check_only and changes):
        raise SystemExit(EXIT_INVALID)


@cli.command(name="import")
@root_option
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--act", "act_id", required=True, metavar="ID", help="The act's id under `acts:` in code.yaml.")
@click.option(
    "--language",
    type=click.Choice(LEGAL_LANGUAGES),
    help="The language of a single input (guessed when not given).",
)
@click.option("--number", metavar="N", help="The act's number, where its header does not give it.")
@click.option(
    "--title", metavar="TEXT", help="The act's title («О …»), where the header of its one input does not give it."
)
@click.option(
    "--adopted",
    metavar="YYYY-MM-DD",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The date of adoption, where its header does not give it.",
)
@dry_run_option
def import_(
    root: Path,
    files: tuple[Path, ...],
    act_id: str,
    language: str | None,
    number: str | None,
    title: str | None,
    adopted: Any,
    dry_run: bool,
) -> None:
    """Turn an existing act's published text into its folder code_text/acts/ID/.

    FILES are the text as copied from the official database (UTF-8) or a DOCX downloaded from
    it, or an Akoma Ntoso 3.0 document (.xml) another system exported, in ru, ky or both
    (merged by article number). Every line becomes one paragraph of the
    act, word for word; amendment notes «(В редакции …)» become its history. A line that cannot
    be placed stops the import and is named with its line number. A second import of the same
    text changes nothing.

    \b
    Examples:
      kodeks import law-123.ru.txt law-123.ky.txt --act law-123 --dry-run
      kodeks import law-123.docx --act law-123
      kodeks import law-123.rus.akn.xml --act law-123
    """
    from ..drafting import Plan
    from ..importing import changes_for, import_act
    from ..report import severity_word
    from ..store.document import statute_of, words_shown

    if len(files) > 2:
        raise click.UsageError(str(msg("give one text per language: at most two files (ky and ru)")))
    workspace = _workspace(root)
    statutes = []
    for path in files:
        statutes.append(statute_of(path, language if len(files) == 1 else None))
    if title is not None:
        untitled = [s for s in statutes if not s.title]
        if len(untitled) != 1:
            raise click.UsageError(str(msg("--title names the title of the one input whose header has none")))
        untitled[0].title = title.strip()
    readings = [words_shown(path) for path in files]  # word for word, against a reading of its own
    imported = import_act(workspace.code, act_id, statutes, number, adopted.date() if adopted else None, readings)
    for finding in imported.unlinked:
        click.echo(f"{finding.location}: {finding.code} {severity_word(finding.severity)}: {finding.message}", err=True)
    _carry_out(root, workspace, Plan(changes_for(workspace.texts.files, imported, act_id)), dry_run)
    click.echo(
        "kodeks: "
        + msg(
            "act `{id}`: {articles}, {units} ({languages})",
            id=act_id,
            articles=plural("{count} article", "{count} articles", imported.articles),
            units=plural("{count} unit", "{count} units", imported.units),
            languages=", ".join(s.language for s in statutes),
        ).said(),
        err=True,
    )
