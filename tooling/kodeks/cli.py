"""The ``kodeks`` command line: a thin layer over the library."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .errors import KodeksError, SourceLocation

if TYPE_CHECKING:
    from .drafting import Workspace
    from .model import Link
    from .store import Snapshot

EXIT_INVALID = 1
EXIT_INTERNAL = 3


class _Group(click.Group):
    """Turns library errors into exit 2 and bugs into a short message and exit 3."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KodeksError as error:
            raise click.UsageError(str(error), ctx) from None
        except Exception as error:  # a traceback that reaches a user is a bug
            click.echo(
                f"kodeks: internal error: {type(error).__name__}: {error}\n"
                "This is a bug in kodeks; please report it with the command you ran.",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kodeks")
def cli() -> None:
    """kodeks: the Code on Local Self-Government, kept as text in Git.

    Run `kodeks COMMAND --help` for the options of each command.
    """


def _root_option(function: Any) -> Any:
    return click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        help="Directory that holds code_text/ (default: found by walking up from here).",
    )(function)


@cli.command()
@_root_option
@click.option("--rev", metavar="REV", help="Validate the Code as it is in a Git revision (read from Git, no checkout).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text for people, github for workflow annotations, json for programs.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def validate(root: Path | None, rev: str | None, output_format: str, strict: bool) -> None:
    """Check the Code: front matter, structure, numbering, references, parity of languages.

    Every problem is printed as `path:line:col: CODE message`; exit 0 when valid, 1 when not,
    2 for a usage error.

    \b
    Examples:
      kodeks validate
      kodeks validate --rev v0.3 --format json
    """
    from .load import check
    from .report import RENDERERS
    from .store.worktree import repository_prefix

    code_root, snapshot = _snapshot(root, rev)
    result = check(snapshot)
    diagnostics = result.diagnostics
    prefix = repository_prefix(code_root)
    if prefix:
        diagnostics = [
            dataclasses.replace(
                d, location=SourceLocation(prefix + d.location.path, d.location.line, d.location.column)
            )
            for d in diagnostics
        ]
    article_count = len(result.code.articles) if result.code else 0
    click.echo(RENDERERS[output_format](diagnostics, article_count), nl=False)
    if output_format == "github":
        import os

        from .github import append_file, step_summary
        from .report import summary

        append_file(
            os.environ.get("GITHUB_STEP_SUMMARY"), step_summary(diagnostics, summary(diagnostics, article_count))
        )
    if result.errors or (strict and result.warnings):
        raise SystemExit(EXIT_INVALID)


def _snapshot(root: Path | None, rev: str | None) -> tuple[Path, Snapshot]:
    """The directory holding code_text/, and the Code as the working tree or ``rev`` has it."""
    from .store.worktree import find_root, read_worktree

    code_root = root if root is not None else find_root(Path.cwd())
    if rev is None:
        snapshot = read_worktree(code_root)
        _say_completed(snapshot)
        return code_root, snapshot
    from .store.git import read_revision

    return code_root, read_revision(code_root, rev)


@cli.command()
@_root_option
@click.option("--rev", metavar="REV", help="Build the Code as it is in a Git revision (read from Git, no checkout).")
@click.option(
    "--lang", "lang", metavar="LANGS", help="ky, ru, or ky,ru for parallel text (default: every language of the Code)."
)
@click.option("--format", "output_format", type=click.Choice(["html", "md", "docx"]), default="html", show_default=True)
@click.option(
    "--review", is_flag=True, help="Add status badges, working-group notes and sources (never in the official text)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: build/<code id>[.<langs>].<format>; - for standard output).",
)
@click.option("--force", is_flag=True, help="Build even when the Code has errors.")
def build(
    root: Path | None,
    rev: str | None,
    lang: str | None,
    output_format: str,
    review: bool,
    output: Path | None,
    force: bool,
) -> None:
    """Render the consolidated Code as one HTML, Markdown or Word document.

    The same revision always gives the same bytes. An invalid Code is refused with the
    validator's diagnostics unless --force.

    \b
    Examples:
      kodeks build                                  # build/lsg-code.html, ky and ru side by side
      kodeks build --rev submitted-17-december --format docx --lang ru
      kodeks build --review -o review.html
    """
    from .load import check
    from .render import SUFFIXES, BuildOptions, render
    from .report import as_text

    code_root, snapshot = _snapshot(root, rev)
    result = check(snapshot)
    if result.code is None or (result.errors and not force):
        click.echo(as_text(result.diagnostics, len(result.code.articles) if result.code else 0), err=True, nl=False)
        click.echo("kodeks: not built; fix the errors above or use --force", err=True)
        raise SystemExit(EXIT_INVALID)
    code = result.code
    languages = code.languages
    if lang:
        languages = tuple(part.strip() for part in lang.split(",") if part.strip())
        unknown = [language for language in languages if language not in code.languages]
        if unknown or not languages:
            raise click.BadParameter(f"the Code's languages are {', '.join(code.languages)}", param_hint="--lang")
    data = render(output_format, code, snapshot.revision, BuildOptions(languages, review))
    if output is not None and str(output) == "-":
        click.echo(data, nl=False)
        return
    if output is None:
        language_suffix = "" if languages == code.languages else "." + "-".join(languages)
        review_suffix = ".review" if review else ""
        output = code_root / "build" / f"{code.id}{language_suffix}{review_suffix}{SUFFIXES[output_format]}"
    write_atomically(output, data)
    articles = len(code.ordered_articles())
    click.echo(f"kodeks: wrote {output} ({articles} articles, {'+'.join(languages)}, {len(data):,} bytes)")


@cli.command()
@_root_option
@click.argument("base")
@click.argument("head", required=False)
@click.option("--worktree", is_flag=True, help="Compare BASE with the uncommitted working tree (instead of HEAD).")
@click.option("--no-merge-base", is_flag=True, help="Compare BASE and HEAD directly, not from their merge-base.")
@click.option("--lang", "lang", metavar="LANGS", help="ky, ru or ky,ru (default: every language of the Code).")
@click.option("--format", "output_format", type=click.Choice(["md", "html", "docx"]), default="md", show_default=True)
@click.option("--docx-table", is_flag=True, help="With --format docx: add the two-column comparison table.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: standard output for md, build/redline.<format> otherwise).",
)
def redline(
    root: Path | None,
    base: str,
    head: str | None,
    worktree: bool,
    no_merge_base: bool,
    lang: str | None,
    output_format: str,
    docx_table: bool,
    output: Path | None,
) -> None:
    """Compare two revisions as the working group reads a proposal: a comparison table.

    Articles are matched by id: renumbered, moved, added, removed and amended articles are
    named as such; text is compared part by part, point by point, word by word.

    \b
    Examples:
      kodeks redline main                    # this branch against main, like its pull request
      kodeks redline main --worktree         # before committing
      kodeks redline v0.3 v0.4 --format docx -o changes.docx
    """
    from .compare import compare
    from .store.pair import read_pair
    from .store.worktree import find_root

    if worktree and head is not None:
        raise click.UsageError("give either HEAD or --worktree, not both")
    code_root = root if root is not None else find_root(Path.cwd())
    base_snapshot, head_snapshot = read_pair(code_root, base, None if worktree else (head or "HEAD"), not no_merge_base)
    comparison = compare(base_snapshot, head_snapshot)
    code = comparison.redline.head
    languages = code.languages
    if lang:
        languages = tuple(part.strip() for part in lang.split(",") if part.strip())
        if not languages or any(language not in code.languages for language in languages):
            raise click.BadParameter(f"the Code's languages are {', '.join(code.languages)}", param_hint="--lang")
    if output_format == "md":
        from .render.redline_md import render as render_md

        data = render_md(comparison, languages).encode("utf-8")
    elif output_format == "html":
        from .render.redline_html import render as render_html

        data = render_html(comparison, languages)
    else:
        from .render.redline_docx import render as render_docx

        data = render_docx(comparison, languages, with_table=docx_table)
    if output is None and output_format == "md" or output is not None and str(output) == "-":
        click.echo(data, nl=False)
        return
    target = output or code_root / "build" / f"redline.{output_format}"
    write_atomically(target, data)
    click.echo(f"kodeks: wrote {target} ({len(comparison.redline.articles)} articles changed)")


@cli.group()
def github() -> None:
    """GitHub Actions entry points (see .github/workflows/ and CONTRIBUTING.md).

    \b
    Examples:
      kodeks github redline --out redline          # in the pull_request workflow
      kodeks github comment --out redline          # in the workflow_run workflow
    """


@github.command("redline")
@_root_option
@click.option(
    "--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Directory for the artifact."
)
@click.option(
    "--event",
    "event_path",
    type=click.Path(dir_okay=False),
    envvar="GITHUB_EVENT_PATH",
    help="The pull_request event (default: $GITHUB_EVENT_PATH).",
)
def github_redline(root: Path | None, out: Path, event_path: str | None) -> None:
    """Write the pull request's redline (comment, HTML, DOCX) as an artifact for its author.

    Runs on the pull request's code with a read-only token; it only writes files. The comment
    job never reads them: it recomputes the redline itself.

    \b
    Example:
      kodeks github redline --out redline
    """
    import os

    from .github import comment_body, pull_request, read_event, redline_files, run_url, write_redline_artifact
    from .store.worktree import find_root

    pr = pull_request(read_event(event_path))
    code_root = root if root is not None else find_root(Path.cwd())
    url = run_url(dict(os.environ))
    markdown, html, docx = redline_files(code_root, pr, url)
    write_redline_artifact(out, comment_body(markdown, url), html, docx)
    click.echo(f"kodeks: redline of pull request #{pr.number} written to {out}")


@github.command("comment")
@_root_option
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("redline"),
    show_default=True,
    help="Directory for the recomputed redline (pr-N/comment.md, redline.html, redline.docx) to upload.",
)
@click.option(
    "--event",
    "event_path",
    type=click.Path(dir_okay=False),
    envvar="GITHUB_EVENT_PATH",
    help="The workflow_run event (default: $GITHUB_EVENT_PATH).",
)
def github_comment(root: Path | None, out: Path, event_path: str | None) -> None:
    """Post the redline comment on the pull request a workflow_run built: trusting nothing from it.

    Finds the open pull request whose head is the run's head commit through the API, fetches its
    commits as Git objects, recomputes the redline with this kodeks, sanitises the body and creates
    or updates the one sticky comment. Needs GITHUB_TOKEN and GITHUB_REPOSITORY.

    \b
    Example:
      kodeks github comment --out redline
    """
    import os

    from .github import Api, comment_on_pull_requests, read_event, run_url
    from .store.worktree import find_root

    environ = dict(os.environ)
    token = environ.get("GITHUB_TOKEN", "")
    api = Api(environ.get("GITHUB_API_URL", "https://api.github.com"), environ.get("GITHUB_REPOSITORY", ""), token)
    code_root = root if root is not None else find_root(Path.cwd())
    event = read_event(event_path)
    for line in comment_on_pull_requests(code_root, event, api, out, run_url(environ), token):
        click.echo(f"kodeks: {line}")


def _workspace(root: Path | None) -> tuple[Path, Workspace]:
    from .drafting import Workspace
    from .store.worktree import find_root, read_worktree

    code_root = root if root is not None else find_root(Path.cwd())
    snapshot = read_worktree(code_root)
    _say_completed(snapshot)
    return code_root, Workspace.of(snapshot.files)


def _say_completed(snapshot: Snapshot) -> None:
    if snapshot.completed:
        click.echo(f"kodeks: finished an interrupted edit first ({len(snapshot.completed)} files)", err=True)


def _write_changes(
    code_root: Path, workspace: Workspace, changes: dict[str, str | None], dry_run: bool, unresolved: list[Link]
) -> None:
    """Show the unified diff (--dry-run) or write every file atomically; then say what changed
    and which references' wording the drafter must still update by hand."""
    from .edit import unified_diff

    for link in unresolved:
        click.echo(
            f"{link.location}: R004 wording of [{link.text}]({link.href}) not updated: "
            "it does not say unambiguously which number is the target's; update it by hand",
            err=True,
        )
    if not changes:
        click.echo("kodeks: nothing to change")
        return
    if dry_run:
        click.echo(unified_diff(workspace.texts.files, changes), nl=False)
        return
    from .store.journal import JournalError, write_files

    try:
        write_files(code_root, {path: None if text is None else text.encode("utf-8") for path, text in changes.items()})
    except JournalError as error:
        raise click.ClickException(str(error)) from None
    names = ", ".join(sorted(changes)) if len(changes) <= 10 else f"{', '.join(sorted(changes)[:10])} …"
    click.echo(f"kodeks: changed {len(changes)} file{'s' * (len(changes) != 1)}: {names}")


def _editing(function: Any) -> Any:
    """Run a drafting command; an edit that cannot be made safely is exit 1 with its reason."""
    import functools

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .edit import EditError

        try:
            return function(*args, **kwargs)
        except EditError as error:
            raise click.ClickException(str(error)) from None

    return wrapper


_dry_run_option = click.option("--dry-run", is_flag=True, help="Print the unified diff instead of writing.")


@cli.command()
@_root_option
@click.option(
    "--parts",
    "parts_of",
    metavar="ID",
    help="Also renumber the parts and points of this article, and references to them.",
)
@_dry_run_option
@_editing
def renumber(root: Path | None, parts_of: str | None, dry_run: bool) -> None:
    """Renumber sections, chapters and articles from the structure, and every reference's wording.

    Draft stage only: «статьи 12» becomes «статьи 13», «12-беренесинин» «13-беренесинин».
    After a merge that leaves duplicate or stale numbers, this is the fix.

    \b
    Examples:
      kodeks renumber --dry-run
      kodeks renumber --parts local-budget     # after inserting a part in the middle
    """
    from .drafting import renumber as plan

    code_root, workspace = _workspace(root)
    unresolved: list[Link] = []
    _write_changes(code_root, workspace, plan(workspace, parts_of, unresolved), dry_run, unresolved)


def _position_options(function: Any) -> Any:
    function = click.option("--first", is_flag=True, help="Put it first in the chapter.")(function)
    function = click.option("--after", metavar="ID", help="Put it after this article.")(function)
    return click.option("--chapter", "chapter", metavar="CH", required=True, help="The chapter's id.")(function)


def _after(after: str | None, first: bool) -> str | None:
    if after and first:
        raise click.UsageError("give --after ID or --first, not both")
    return after


@cli.command()
@_root_option
@click.argument("article_id", metavar="ID")
@_position_options
@click.option("--title-ky", required=True, help="The Kyrgyz title.")
@click.option("--title-ru", required=True, help="The Russian title.")
@_dry_run_option
@_editing
def new(
    root: Path | None,
    article_id: str,
    chapter: str,
    after: str | None,
    first: bool,
    title_ky: str,
    title_ru: str,
    dry_run: bool,
) -> None:
    """Create an article from the template and place it in the structure.

    In a draft every later article is renumbered (and references to it); in force the new
    article gets the next insertion number (12-1) and nothing is renumbered.

    \b
    Example:
      kodeks new local-budget-reserve --chapter local-budgets --after local-budget \\
        --title-ky "Жергиликтүү бюджеттин резерви" --title-ru "Резерв местного бюджета"
    """
    from .drafting import new_article

    code_root, workspace = _workspace(root)
    if after is None and not first:
        last = workspace.code.find_chapter(chapter)
        after = last.articles[-1].id if last and last.articles else None
    unresolved: list[Link] = []
    titles = {"ky": title_ky, "ru": title_ru}
    changes = new_article(workspace, article_id, chapter, _after(after, first), titles, unresolved)
    _write_changes(code_root, workspace, changes, dry_run, unresolved)


@cli.command()
@_root_option
@click.argument("article_id", metavar="ID")
@click.option("--chapter", "chapter", metavar="CH", help="Move the article ID into this chapter.")
@click.option("--section", "section", metavar="SEC", help="Move the chapter ID into this section.")
@click.option("--after", metavar="ID", help="Put it after this article (or chapter).")
@click.option("--first", is_flag=True, help="Put it first in the chapter (or section).")
@_dry_run_option
@_editing
def move(
    root: Path | None,
    article_id: str,
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
    from .drafting import move_article, move_chapter

    code_root, workspace = _workspace(root)
    unresolved: list[Link] = []
    if workspace.code.find_chapter(article_id) is not None:
        if chapter is not None:
            raise click.UsageError(f"`{article_id}` is a chapter: give --section SEC, --after CHAPTER or --first")
        changes = move_chapter(workspace, article_id, section, _after(after, first), unresolved)
        _write_changes(code_root, workspace, changes, dry_run, unresolved)
        return
    if chapter is None:
        raise click.UsageError("give --chapter CH: the chapter to move the article into")
    if after is None and not first:
        target = workspace.code.find_chapter(chapter)
        after = next((e.id for e in reversed(target.articles) if e.id != article_id), None) if target else None
    changes = move_article(workspace, article_id, chapter, _after(after, first), unresolved)
    _write_changes(code_root, workspace, changes, dry_run, unresolved)


@cli.command()
@_root_option
@click.argument("article_id", metavar="ID")
@click.option("--force", is_flag=True, help="Remove it even though other articles refer to it.")
@_dry_run_option
@_editing
def remove(root: Path | None, article_id: str, force: bool, dry_run: bool) -> None:
    """Remove an article (draft stage); refused while other articles refer to it.

    \b
    Example:
      kodeks remove old-article --dry-run
    """
    from .drafting import remove_article

    code_root, workspace = _workspace(root)
    unresolved: list[Link] = []
    changes, referring = remove_article(workspace, article_id, force, unresolved)
    if referring and not force:
        for link in referring:
            click.echo(f"{link.location.path}:{link.location.line}: [{link.text}]({link.href})", err=True)
        raise click.ClickException(
            f"{len(referring)} reference(s) point to `{article_id}`: change them first, or use --force"
        )
    _write_changes(code_root, workspace, changes, dry_run, unresolved)


@cli.command()
@_root_option
@click.argument("target", metavar="ID[#P[.Q]]")
def refs(root: Path | None, target: str) -> None:
    """List every place that refers to an article, chapter, section or act (or a part or point).

    \b
    Examples:
      kodeks refs territory-and-boundaries
      kodeks refs change-of-boundaries#2.2
    """
    from .edit import references_to
    from .model import LegalNumber

    _, workspace = _workspace(root)
    unit_id, _, anchor = target.partition("#")
    part_text, _, point_text = anchor.partition(".")
    part = LegalNumber.parse(part_text) if part_text else None
    point = LegalNumber.parse(point_text) if point_text else None
    if (part_text and part is None) or (point_text and point is None):
        raise click.BadParameter(f"{target!r}: write ID, ID#P, ID#P.Q or ID#.Q", param_hint="ID[#P[.Q]]")
    links = references_to(workspace.code, unit_id, part, point)
    for link in links:
        click.echo(f"{link.location.path}:{link.location.line}: [{link.text}]({link.href})")
    click.echo(f"kodeks: {len(links)} reference(s) to {target}", err=True)


@cli.command()
@_root_option
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if any file would change (for CI).")
@_dry_run_option
def fmt(root: Path | None, check_only: bool, dry_run: bool) -> None:
    """Normalise the files of the Code without changing their meaning.

    LF line endings, no BOM, one final newline, no runs of blank lines, front matter keys in
    the order id, number, title, status, sources, notes (comments move with their key).

    \b
    Examples:
      kodeks fmt --check
      kodeks fmt
    """
    from .edit import format_text, unified_diff
    from .source import decode
    from .store.worktree import find_root, read_worktree

    code_root = root if root is not None else find_root(Path.cwd())
    originals: dict[str, str] = {}
    unreadable = 0
    for path, data in read_worktree(code_root).files.items():
        if not path.endswith((".md", ".yaml")):
            continue
        try:
            originals[path] = data.decode("utf-8")
        except UnicodeDecodeError:  # fmt cannot know what such a file says: it reports and skips it
            for diagnostic in decode(path, data)[1]:
                click.echo(str(diagnostic), err=True)
            unreadable += 1
    changes: dict[str, str | None] = {}
    for path, text in originals.items():
        formatted = format_text(path, text)
        if formatted != text:
            changes[path] = formatted
    if check_only:
        for path in sorted(changes):
            click.echo(f"{path}: would be reformatted")
        if changes or unreadable:
            raise SystemExit(EXIT_INVALID)
        click.echo(f"kodeks: {len(originals)} files already formatted")
        return
    if dry_run:
        click.echo(unified_diff(originals, changes), nl=False)
        return
    from .store.journal import JournalError, write_files

    try:
        write_files(code_root, {path: (text or "").encode("utf-8") for path, text in changes.items()})
    except JournalError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"kodeks: reformatted {len(changes)} file{'s' * (len(changes) != 1)}")
    if unreadable:
        raise SystemExit(EXIT_INVALID)


def write_atomically(path: Path, data: bytes) -> None:
    """Write an output file through a temporary file in the same directory, so a reader never
    sees half a file; a path that cannot be written is a usage error, not a bug."""
    import os
    import stat
    import tempfile

    try:
        if path.exists() and not stat.S_ISREG(path.stat().st_mode):  # a pipe or a device: write into it
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


def main() -> None:
    cli(prog_name="kodeks")
