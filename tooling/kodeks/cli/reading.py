"""Commands that read the Code and write nothing into it: validate, build, redline, consolidation, history."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import click

from .. import wording
from ..messages import Message, msg, plural
from . import EXIT_INVALID, cli
from .options import chosen_languages, lang_option, root_option, working_tree, write_or_print

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from ..editions import Change, UnitKey
    from ..model import AmendmentRecord, Code
    from ..snapshot import Snapshot
    from ..verdict import Verdict


def _read_code(root: Path, rev: str) -> Code:
    from ..load import load_code
    from ..store.git import read_revision

    code = load_code(read_revision(root, rev)).code
    if code is None:
        raise click.ClickException(str(msg("revision {revision}: code.yaml cannot be read", revision=rev)))
    return code


def _in_force(root: Path, day: Any) -> tuple[str, tuple[AmendmentRecord, ...]]:
    """The revision of the last law in force on ``day`` by the register in the working tree (an
    edited register counts before it is committed), and the laws in force by then. A register
    with errors is refused: a law left out would leave its changes out of the text."""
    from ..editions import in_force_on
    from ..load import read_register
    from ..report import as_text

    records, problems = read_register(working_tree(root))
    problems += _missing_revisions(root, records)
    if any(problem.is_error for problem in problems):
        click.echo(as_text(problems, 0), err=True, nl=False)
        click.echo("kodeks: " + msg("code_text/amendments.yaml has errors: not built").said(), err=True)
        raise SystemExit(EXIT_INVALID)
    last = in_force_on(records, day)
    return last.revision, tuple(r for r in records if r.in_force <= last.in_force)


def _missing_revisions(root: Path, records: tuple[AmendmentRecord, ...]) -> list[Diagnostic]:
    """Y013 for each law whose revision this repository does not have."""
    from ..rules import RULES
    from ..store.git import has_revision

    return [
        RULES["Y013"].at(
            record.location,
            msg(
                "law № {number} names revision `{revision}`, which this repository does not have",
                number=record.number,
                revision=record.revision,
            ),
        )
        for record in records
        if not has_revision(root, record.revision)
    ]


def _history(
    root: Path, records: tuple[AmendmentRecord, ...]
) -> dict[UnitKey, tuple[tuple[AmendmentRecord, Change], ...]]:
    """The laws that changed each unit, from the laws given, and what each did."""
    from ..editions import changes, editions

    if not records:
        return {}
    return changes(editions(records, lambda rev: _read_code(root, rev)))


def _snapshot(root: Path, rev: str | None, name_commit: bool = False) -> Snapshot:
    """The Code as the working tree or ``rev`` has it. With ``name_commit``, a working tree that
    is exactly HEAD's (a clean clone) carries HEAD's revision, so a document names the commit."""
    if rev is None:
        snapshot = working_tree(root)
        if name_commit:
            from ..store.git import committed_revision

            snapshot.revision = committed_revision(root, snapshot)
        return snapshot
    from ..store.git import read_revision

    return read_revision(root, rev)


def _valid_code(root: Path, rev: str | None, refusal: Message) -> tuple[Snapshot, Code]:
    """The Code as ``rev`` (or the working tree) has it, validated (from the verdict memo when
    these files were validated before); its errors printed and exit 1 with ``refusal`` when it
    has any."""
    from ..load import load_code
    from ..report import as_text
    from ..verdict import validated

    snapshot = _snapshot(root, rev, name_commit=True)
    loaded = load_code(snapshot)
    diagnostics = validated(snapshot, loaded)
    if loaded.code is None or any(d.is_error for d in diagnostics):
        click.echo(as_text(diagnostics, len(loaded.code.articles) if loaded.code else 0), err=True, nl=False)
        click.echo("kodeks: " + refusal.said(), err=True)
        raise SystemExit(EXIT_INVALID)
    return snapshot, loaded.code


def _with_register_revisions(root: Path, snapshot: Snapshot, result: Verdict) -> Verdict:
    """The verdict, with Y013 for each law of the register whose revision is not here (the cache
    answers for files; whether a tag exists is asked of Git each time)."""
    from ..load import read_register
    from ..snapshot import AMENDMENTS_FILE
    from ..verdict import Verdict

    if AMENDMENTS_FILE not in snapshot.files:
        return result
    records, _ = read_register(snapshot)
    missing = _missing_revisions(root, records)
    return Verdict([*result.diagnostics, *missing], result.articles, result.act_articles) if missing else result


@cli.command()
@root_option
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
@click.option(
    "--no-cache",
    is_flag=True,
    envvar="KODEKS_NO_CACHE",
    help="Validate everything again instead of answering an unchanged Code from the cache (CI does).",
)
def validate(root: Path, rev: str | None, output_format: str, strict: bool, no_cache: bool) -> None:
    """Check the Code: front matter, structure, numbering, references, parity of languages.

    Every problem is printed as `path:line:col: CODE message`; exit 0 when valid, 1 when not,
    2 for a usage error.

    \b
    Examples:
      kodeks validate
      kodeks validate --rev main --format json
    """
    from ..report import RENDERERS, in_repository, summary
    from ..rules import RENUMBER_FIXES
    from ..store.worktree import repository_prefix
    from ..verdict import verdict

    if no_cache:
        from .options import use_cache

        use_cache(None)
    snapshot = _snapshot(root, rev)
    result = verdict(snapshot, None if no_cache else root)
    result = _with_register_revisions(root, snapshot, result)
    diagnostics = in_repository(result.diagnostics, repository_prefix(root))
    article_count = result.articles
    click.echo(RENDERERS[output_format](diagnostics, article_count, result.act_articles), nl=False)
    if output_format == "text" and rev is None and any(d.code in RENUMBER_FIXES for d in diagnostics):
        from ..drafting import renumber_would_change

        changed = renumber_would_change(working_tree(root).files)
        if changed:
            click.echo(
                "kodeks: "
                + plural(
                    "`kodeks renumber` would fix the numbers and reference wordings in {count} file"
                    " (`kodeks renumber --dry-run` shows how)",
                    "`kodeks renumber` would fix the numbers and reference wordings in {count} files"
                    " (`kodeks renumber --dry-run` shows how)",
                    changed,
                ).said()
            )
    if output_format == "github":
        import os

        from ..github import append_file, step_summary

        append_file(
            os.environ.get("GITHUB_STEP_SUMMARY"),
            step_summary(diagnostics, summary(diagnostics, article_count, result.act_articles)),
        )
    if result.errors or (strict and result.warnings):
        raise SystemExit(EXIT_INVALID)


@cli.command()
@root_option
@click.option("--rev", metavar="REV", help="Build the Code as it is in a Git revision (read from Git, no checkout).")
@lang_option
@click.option(
    "--format", "output_format", type=click.Choice(["html", "md", "docx", "akn"]), default="html", show_default=True
)
@click.option(
    "--review", is_flag=True, help="Add status badges, working-group notes and sources (never in the official text)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: build/<code id>[.<langs>][.review].<format>; - for standard output).",
)
@click.option("--force", is_flag=True, help="Build even when the Code has errors.")
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The text in force on that date (the revision of the last law in code_text/amendments.yaml in force then).",
)
@click.option(
    "--act",
    "act_id",
    metavar="ID",
    help="With --format akn: an existing act kept as text (code_text/acts/ID/), not the Code.",
)
@click.option(
    "--history/--no-history",
    default=None,
    help="History notes under each amended unit («(В редакции Закона КР от … № …)»); on by default in force.",
)
def build(
    root: Path,
    rev: str | None,
    lang: tuple[str, ...] | None,
    output_format: str,
    review: bool,
    output: Path | None,
    force: bool,
    as_of: Any,
    act_id: str | None,
    history: bool | None,
) -> None:
    """Render the consolidated Code as one HTML, Markdown or Word document, or as Akoma Ntoso
    3.0 XML (one document a language).

    The same revision always gives the same bytes. An invalid Code is refused with the
    validator's diagnostics unless --force.

    \b
    Examples:
      kodeks build                                  # build/lsg-code.html, ky and ru side by side
      kodeks build --rev main --format docx --lang ru
      kodeks build --review -o review.html
      kodeks build --format akn                     # build/lsg-code.ky.akn.xml and .ru.akn.xml
      kodeks build --as-of 2027-03-15 --format docx   # the text in force that day, with history notes
    """
    from ..load import DEFAULT_CACHE, load_code
    from ..model import Stage
    from ..parse.cache import ParseCache
    from ..render import SUFFIXES, BuildOptions, render
    from ..report import as_text
    from ..verdict import verdict

    records = None
    if as_of is not None:
        if rev is not None:
            raise click.UsageError(str(msg("give either --rev or --as-of, not both")))
        rev, records = _in_force(root, as_of.date())
    snapshot = _snapshot(root, rev, name_commit=True)
    # The validation a build needs is validate's own: answered from the cache when these files
    # were validated before (the articles then come from the parse cache).
    cache = DEFAULT_CACHE[0] if DEFAULT_CACHE else ParseCache()  # parsed once, for the verdict and the build
    checked = verdict(snapshot, root if DEFAULT_CACHE else None, cache)
    code = load_code(snapshot, cache).code
    if code is None or (checked.errors and not force):
        click.echo(as_text(checked.diagnostics, checked.articles), err=True, nl=False)
        click.echo("kodeks: " + msg("not built; fix the errors above or use --force").said(), err=True)
        raise SystemExit(EXIT_INVALID)
    if act_id is not None:
        act = code.acts.get(act_id)
        if output_format != "akn" or act is None or act.text is None:
            raise click.BadParameter(
                str(msg("--act names an act kept as text (code_text/acts/ID/), with --format akn")), param_hint="--act"
            )
        code = act.text
    languages = chosen_languages(code.languages, lang)
    records = code.amendments if records is None else records
    notes = _history(root, records) if history or (history is None and code.stage is Stage.IN_FORCE) else {}
    day = None
    if as_of is not None:
        from ..render import AsOf

        # The first law adopted the text; the others in force by then amended it.
        day = AsOf(as_of.date(), tuple(records[1:]))
    if output_format == "akn" and len(languages) > 1 and output is not None:
        raise click.UsageError(str(msg("Akoma Ntoso is one language a file: give --lang with -o")))
    # Akoma Ntoso is one document per language expression: build/<id>.<lang>.akn.xml each
    editions = [(lang,) for lang in languages] if output_format == "akn" else [languages]
    for shown in editions:
        data = render(output_format, code, snapshot.revision, BuildOptions(shown, review), notes, day)
        suffix = "." + shown[0] if output_format == "akn" else "" if shown == code.languages else "." + "-".join(shown)
        name = f"{code.id}{suffix}{'.review' if review else ''}{SUFFIXES[output_format]}"
        _report_built(write_or_print(data, output, root / "build" / name), code, shown, data)


def _report_built(target: Path | None, code: Code, languages: tuple[str, ...], data: bytes) -> None:
    if target is not None:
        articles = len(code.ordered_articles())
        click.echo(
            "kodeks: "
            + plural(
                "wrote {target} ({count} article, {languages}, {size} bytes)",
                "wrote {target} ({count} articles, {languages}, {size} bytes)",
                articles,
                target=str(target),
                languages="+".join(languages),
                size=format(len(data), ","),
            ).said()
        )


@cli.command()
@root_option
@click.argument("base")
@click.argument("head", required=False)
@click.option("--worktree", is_flag=True, help="Compare BASE with the uncommitted working tree (instead of HEAD).")
@click.option("--no-merge-base", is_flag=True, help="Compare BASE and HEAD directly, not from their merge-base.")
@lang_option
@click.option("--format", "output_format", type=click.Choice(["md", "html", "docx"]), default="md", show_default=True)
@click.option("--docx-table", is_flag=True, help="With --format docx: add the two-column comparison table.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: standard output for md, build/redline.<format> otherwise).",
)
def redline(
    root: Path,
    base: str,
    head: str | None,
    worktree: bool,
    no_merge_base: bool,
    lang: tuple[str, ...] | None,
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
      kodeks redline main~1 main --format docx -o changes.docx
    """
    import dataclasses

    from ..compare import compare
    from ..render import render_redline
    from ..store.pair import read_pair

    if worktree and head is not None:
        raise click.UsageError(str(msg("give either HEAD or --worktree, not both")))
    comparison = compare(*read_pair(root, base, None if worktree else (head or "HEAD"), not no_merge_base))
    comparison = dataclasses.replace(comparison, names=(base, "" if worktree else (head or "HEAD")))
    languages = chosen_languages(comparison.redline.head.languages, lang)
    data = render_redline(output_format, comparison, languages, with_table=docx_table)
    target = write_or_print(
        data, output, None if output_format == "md" else root / "build" / f"redline.{output_format}"
    )
    if target is not None:
        click.echo(
            "kodeks: "
            + plural(
                "wrote {target} ({count} article changed)",
                "wrote {target} ({count} articles changed)",
                len(comparison.redline.articles),
                target=str(target),
            ).said()
        )


@cli.command()
@root_option
@click.option("--rev", metavar="REV", help="Report on the Code as it is in a Git revision.")
@lang_option
@click.option("--format", "output_format", type=click.Choice(["md", "html", "docx"]), default="md", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: standard output for md, build/consolidation.<format> otherwise).",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="PCT",
    help="Exit 1 when less than PCT % of the provisions of the acts kept as text are decided (for CI).",
)
def consolidation(
    root: Path,
    rev: str | None,
    lang: tuple[str, ...] | None,
    output_format: str,
    output: Path | None,
    fail_under: float | None,
) -> None:
    """Report what becomes of the existing acts: coverage, concordance, acts to declare void.

    For every act kept as text (code_text/acts/ID/): which provisions Code articles absorb
    (their `sources:`), which are not transferred and why (the act's dispositions.yaml), which
    are still open; the acts to be declared void, or amended, when the Code enters into force.

    \b
    Examples:
      kodeks consolidation
      kodeks consolidation --format html -o build/consolidation.html
      kodeks consolidation --fail-under 80
    """
    from ..consolidation import consolidate
    from ..render.consolidation import outline
    from ..render.outline import render
    from ..sources_written import source_history

    snapshot, code = _valid_code(root, rev, msg("no report; fix the errors above"))
    languages = chosen_languages(code.languages, lang)
    report = consolidate(code, source_history(root, rev, code.languages))
    data = render(output_format, outline(code, report, languages, snapshot.revision), languages[0])
    target = write_or_print(
        data, output, None if output_format == "md" else root / "build" / f"consolidation.{output_format}"
    )
    share = report.decided_share * 100
    if not report.measured:  # no act kept as text: a share of nothing is no 100%
        if target is not None:
            click.echo(
                "kodeks: "
                + msg("wrote {target} (no act's text is kept yet: nothing to measure)", target=str(target)).said()
            )
        if fail_under is not None:
            click.echo("kodeks: " + msg("no act's text is kept: no provision is decided yet").said(), err=True)
            raise SystemExit(EXIT_INVALID)
        return
    if target is not None:
        click.echo(
            "kodeks: "
            + plural(
                "wrote {target} ({count} act, {share} of provisions decided)",
                "wrote {target} ({count} acts, {share} of provisions decided)",
                len(report.acts),
                target=str(target),
                share=format(share / 100, ".0%"),  # the sign in the value: a «%» in a wording reads as %-format
            ).said()
        )
    if fail_under is not None and share < fail_under:
        click.echo(
            "kodeks: "
            + msg(
                "{share} of provisions decided, under {threshold}",
                share=format(share / 100, ".1%"),
                threshold=format(fail_under, "g") + "%",
            ).said(),
            err=True,
        )
        raise SystemExit(EXIT_INVALID)


def _site_address(context: click.Context, parameter: click.Parameter, value: str | None) -> str | None:
    """An https:// (or http://) address or a folder, ending in «/»; nothing a link could run."""
    if value is None:
        return None
    # browsers drop leading spaces and controls and any tab or line break before they read a
    # scheme: «java\tscript:» is «javascript:»; such an address is refused whole
    unseen = value != value.strip() or any(c < " " or c == "\x7f" or c in '"<>\\' for c in value)
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", value)
    if unseen or (scheme and scheme.group(1).lower() not in ("http", "https")):
        raise click.BadParameter(str(msg("give an https:// address or a folder")), context, parameter)
    return value if value.endswith("/") else value + "/"


@cli.command()
@root_option
@click.option("--rev", metavar="REV", help="Report on the Code as it is in a Git revision.")
@lang_option
@click.option(
    "--format", "output_format", type=click.Choice(["md", "html", "docx", "json"]), default="md", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file (default: standard output for md and json, build/conflicts.<format> otherwise).",
)
@click.option(
    "--fail-on",
    metavar="KINDS",
    help="Exit 1 when a finding of these kinds is still open: comma-separated, or `all` (for CI).",
)
@click.option(
    "--site",
    metavar="ADDRESS",
    callback=_site_address,
    help="The published site (kodeks site) each place links to its unit on: an https:// address or a "
    "folder (default for a report written to a file: build/site, as seen from the report).",
)
def conflicts(
    root: Path,
    rev: str | None,
    lang: tuple[str, ...] | None,
    output_format: str,
    output: Path | None,
    fail_on: str | None,
    site: str | None,
) -> None:
    """Report contradictions and gaps between the acts the Code gathers, and the Code.

    Terms defined differently (or defined and unused, used undefined, defined in one language);
    provisions of different acts, or of an act and the Code with no `sources:` between them,
    that regulate the same matter, with a word diff; references to acts the consolidation
    declares void; referral norms without a target; provisions no Code article covers. Each
    finding has an id that code_text/conflicts.yaml answers (resolved, kept, not-a-conflict),
    and a decided finding stays quiet.

    \b
    Examples:
      kodeks conflicts
      kodeks conflicts --format html -o build/conflicts.html
      kodeks conflicts --fail-on term-differs,void-reference
    """
    from ..conflicts import Kind, find
    from ..consolidation import consolidate
    from ..render.conflicts import as_json, outline
    from ..render.outline import render

    kinds = {kind.value for kind in Kind}
    failing = set(kinds) if fail_on == "all" else {k.strip() for k in (fail_on or "").split(",") if k.strip()}
    if failing - kinds:
        raise click.BadParameter(
            str(
                msg(
                    "unknown kind `{kind}` (kinds: {kinds}, or all)",
                    kind=sorted(failing - kinds)[0],
                    kinds=", ".join(k.value for k in Kind),
                )
            ),
            param_hint="--fail-on",
        )
    snapshot, code = _valid_code(root, rev, msg("no report; fix the errors above"))
    languages = chosen_languages(code.languages, lang)
    findings = find(code, consolidate(code))
    stale = sorted({d.finding for d in code.conflicts} - {f.id for f in findings})
    default = None if output_format in ("md", "json") else root / "build" / f"conflicts.{output_format}"
    written = output or default
    if site is None and written is not None and str(written) != "-":
        # a folder, as a relative address: encoded, and never read as a scheme («javascript:…/»)
        relative = quote(Path(os.path.relpath(root / "build" / "site", written.absolute().parent)).as_posix())
        site = (relative if relative.startswith(".") else "./" + relative) + "/"
    data = (
        as_json(findings, stale)
        if output_format == "json"
        else render(output_format, outline(code, findings, stale, languages, snapshot.revision, site), languages[0])
    )
    target = write_or_print(data, output, default)
    still_open = [f for f in findings if f.decision is None]
    if target is not None:
        click.echo(
            "kodeks: "
            + plural(
                "wrote {target} ({count} finding, {open} open)",
                "wrote {target} ({count} findings, {open} open)",
                len(findings),
                target=str(target),
                open=len(still_open),
            ).said()
        )
    for identifier in stale:
        click.echo(
            "kodeks: " + msg("code_text/conflicts.yaml: `{id}` answers no finding now", id=identifier).said(),
            err=True,
        )
    blocking = [f for f in still_open if f.kind.value in failing]
    if blocking:
        click.echo(
            "kodeks: "
            + plural(
                "{count} open finding of the kinds --fail-on names",
                "{count} open findings of the kinds --fail-on names",
                len(blocking),
            ).said(),
            err=True,
        )
        raise SystemExit(EXIT_INVALID)


@cli.command()
@root_option
@click.option("--rev", metavar="REV", help="Publish the Code as it is in a Git revision.")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: build/site); a folder kodeks built before is replaced whole.",
)
@click.option("--no-search", is_flag=True, help="Leave the search index out (when Pagefind is not installed).")
@click.option(
    "--versions",
    "stages",
    metavar="PATTERN",
    default="*",
    show_default=True,
    help="Publish the tags that match, as earlier versions (a shell pattern: 'submitted-*'; '' for none); "
    "the laws of the register are published in any case.",
)
def site(root: Path, rev: str | None, output: Path | None, no_search: bool, stages: str) -> None:
    """Publish the Code as a static site people can search and cite: a page per article in each
    language and in parallel, addresses by id (art/ID.html, which survive renumbering) and by
    number (n/12.html), an anchor at every part, point, subpoint and абзац, the contents, each
    existing act kept as text with where each provision went, and search (Pagefind) across
    them in both languages. Serve it from GitHub Pages or any static host; no request leaves it.

    \b
    Examples:
      kodeks site
      kodeks site --rev HEAD~1 -o build/site-previous
      kodeks site --versions 'submitted-*'
    """
    from ..site import clear_previous, publish
    from ..store.git import tracks_any
    from ..store.output import make_own_directory

    snapshot, code = _valid_code(root, rev, msg("no site; fix the errors above"))
    target = output or root / "build" / "site"
    if output is None and (root / "build").is_symlink():  # committed, it would lead the site out of the checkout
        raise click.BadParameter(
            str(msg("{target} is a symlink: give the folder itself", target=str(root / "build"))), param_hint="-o"
        )
    if tracks_any(root, target):  # a marker a commit planted never makes kodeks delete what Git keeps
        raise click.BadParameter(
            str(msg("{target} holds files Git tracks: give an output folder outside them", target=str(target))),
            param_hint="-o",
        )
    clear_previous(target)  # the last build, file by file: a renamed article leaves no page behind
    if output is None and not target.parent.exists():
        make_own_directory(target.parent)
    published = publish(root, rev, code, snapshot.revision, target, search=not no_search, stages=stages)
    for name in published.left_out:
        click.echo(
            "kodeks: " + msg("{version}: the text there has errors; not published", version=name).said(), err=True
        )
    written = published.pages
    click.echo(
        "kodeks: "
        + plural("wrote {target} ({count} page)", "wrote {target} ({count} pages)", written, target=str(target)).said()
    )


@cli.command()
@root_option
@click.argument("unit", metavar="ARTICLE[#PART[.POINT]]")
@lang_option
def history(root: Path, unit: str, lang: tuple[str, ...] | None) -> None:
    """List the editions of an article, part or point: each law that gave it new wording.

    ARTICLE is the article's id or its number in force (`12-1`); `#2` names part 2, `#2.3` its
    point 3, `#.3` point 3 of an article without parts. The laws come from
    code_text/amendments.yaml, each with the revision that carries its text.

    \b
    Examples:
      kodeks history 7#2
      kodeks history settlements --lang ru
    """
    from ..editions import editions, unit_editions
    from ..model import LegalNumber

    code = _read_code(root, "HEAD")
    if not code.amendments:
        raise click.ClickException(str(msg("code_text/amendments.yaml lists no laws: the text has no editions yet")))
    name, _, key = unit.partition("#")
    number = LegalNumber.parse(name)
    article = code.articles.get(name) or (code.article_numbered(number) if number else None)
    if article is None:
        raise click.BadParameter(
            str(msg("no article `{name}` (an id or a number in force)", name=name)), param_hint="ARTICLE"
        )
    if key and not re.fullmatch(r"(\d+(-\d+)*)?(\.\d+(-\d+)*)?", key):
        raise click.BadParameter(
            str(msg("`#{key}`: write #PART, #PART.POINT or #.POINT", key=key)), param_hint="ARTICLE"
        )
    languages = chosen_languages(code.languages, lang)
    found = editions(code.amendments, lambda rev: _read_code(root, rev))
    for index, language in enumerate(languages):
        if index:
            click.echo("")
        for record, lines in unit_editions(found, article.id, key, language):
            title = record.title.get(language, "")
            click.echo(wording.law_line(language, record.number, record.adopted, record.in_force, title))
            for line in lines or [wording.word("absent", language)]:
                click.echo(f"    {line}")


@cli.command()
@root_option
@click.option("--rev", metavar="REV", help="Package the Code as it is in a Git revision.")
@click.option("--base", metavar="REV", help="Add the comparison table against this revision.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="A folder, or a file ending in .zip (default: build/package/).",
)
@click.option("--check", is_flag=True, help="List what keeps the package from being filed; exit 1 if anything does.")
def package(root: Path, rev: str | None, base: str | None, output: Path | None, check: bool) -> None:
    """Write the papers a draft law is filed with: the Code (parallel and each language, Word and
    HTML), the consolidation report, each round's table of comments, with --base the comparison
    table; an index page and a manifest of SHA-256 sums. The same revision gives the same bytes.

    \b
    Examples:
      kodeks package --check                      # for CI before a submission
      kodeks package --base submitted-1 -o build/package.zip
    """
    from ..compare import compare
    from ..consolidation import consolidate
    from ..load import DEFAULT_CACHE, load_code
    from ..package import as_zip, bundle, not_ready, papers
    from ..parse.cache import ParseCache
    from ..report import as_text
    from ..sources_written import source_history
    from ..store.output import make_own_directory, write_output
    from ..store.pair import read_pair
    from ..verdict import verdict

    snapshot = _snapshot(root, rev, name_commit=True)
    cache = DEFAULT_CACHE[0] if DEFAULT_CACHE else ParseCache()
    checked = verdict(snapshot, root if DEFAULT_CACHE else None, cache)
    code = load_code(snapshot, cache).code
    if code is None or checked.errors:
        click.echo(as_text(checked.diagnostics, checked.articles), err=True, nl=False)
        click.echo("kodeks: " + msg("no package; fix the errors above").said(), err=True)
        raise SystemExit(EXIT_INVALID)
    report = consolidate(code, source_history(root, rev, code.languages))
    if check:
        problems = not_ready(code, checked.diagnostics, report)
        for problem in problems:
            click.echo(problem.said())
        if problems:
            click.echo(
                "kodeks: "
                + plural(
                    "{count} thing keeps the package from being filed",
                    "{count} things keep the package from being filed",
                    len(problems),
                ).said()
            )
            raise SystemExit(EXIT_INVALID)
        click.echo("kodeks: " + msg("the package can be filed").said())
        return
    comparison = compare(*read_pair(root, base, rev)) if base is not None else None
    files = bundle(papers(code, snapshot.revision, report, comparison), code, snapshot.revision)
    target = output or root / "build" / "package"
    if output is None and not target.parent.exists():  # build/ is kodeks's: marked so Git leaves it out
        make_own_directory(target.parent)
    if target.suffix.lower() == ".zip":
        write_output(target, as_zip(files))
    else:
        for paper in files:
            write_output(target / paper.name, paper.data)
    click.echo(
        "kodeks: "
        + plural(
            "wrote {target} ({count} document)", "wrote {target} ({count} documents)", len(files), target=str(target)
        ).said()
    )
