"""The ``kodeks`` command line: a thin layer over the library."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import click

from .errors import KodeksError, SourceLocation

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
    from .store.worktree import find_root, read_worktree, repository_prefix

    code_root = root if root is not None else find_root(Path.cwd())
    if rev is not None:
        from .store.git import read_revision

        snapshot = read_revision(code_root, rev)
    else:
        snapshot = read_worktree(code_root)
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
    if result.errors or (strict and result.warnings):
        raise SystemExit(EXIT_INVALID)


def main() -> None:
    cli(prog_name="kodeks")
