"""GitHub Actions entry points (see .github/workflows/ and DEVELOPING.md)."""

from __future__ import annotations

from pathlib import Path

import click

from ..messages import msg
from . import cli
from .options import root_option

_event_option = click.option(
    "--event",
    "event_path",
    type=click.Path(dir_okay=False),
    envvar="GITHUB_EVENT_PATH",
    help="The event payload (default: $GITHUB_EVENT_PATH).",
)


@cli.group()
def github() -> None:
    """GitHub Actions entry points (see .github/workflows/ and DEVELOPING.md).

    \b
    Examples:
      kodeks github redline --out redline          # in the pull_request workflow
      kodeks github comment --out redline          # in the workflow_run workflow
    """


@github.command("redline")
@root_option
@click.option(
    "--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Directory for the artifact."
)
@_event_option
def github_redline(root: Path, out: Path, event_path: str | None) -> None:
    """Write the pull request's redline (comment, HTML, DOCX) as an artifact for its author.

    Runs on the pull request's code with a read-only token; it only writes files. The comment
    job never reads them: it recomputes the redline itself.

    \b
    Example:
      kodeks github redline --out redline
    """
    import os

    from ..github import comment_body, pull_request, read_event, redline_files, run_url, write_redline_artifact

    pr = pull_request(read_event(event_path))
    url = run_url(dict(os.environ))
    markdown, html, docx = redline_files(root, pr, url)
    write_redline_artifact(out, comment_body(markdown, url), html, docx)
    click.echo(
        "kodeks: " + msg("redline of pull request #{number} written to {out}", number=pr.number, out=str(out)).said()
    )


@github.command("comment")
@root_option
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("redline"),
    show_default=True,
    help="Directory for the recomputed redline (pr-N/comment.md, redline.html, redline.docx) to upload.",
)
@_event_option
def github_comment(root: Path, out: Path, event_path: str | None) -> None:
    """Post the redline comment on the pull request a workflow_run built: trusting nothing from it.

    Finds the open pull request whose head is the run's head commit through the API, fetches its
    commits as Git objects, recomputes the redline with this kodeks, sanitises the body and creates
    or updates the one sticky comment. Needs GITHUB_TOKEN and GITHUB_REPOSITORY.

    \b
    Example:
      kodeks github comment --out redline
    """
    import os

    from ..github import Api, comment_on_pull_requests, read_event, run_url

    environ = dict(os.environ)
    token = environ.get("GITHUB_TOKEN", "")
    api = Api(environ.get("GITHUB_API_URL", "https://api.github.com"), environ.get("GITHUB_REPOSITORY", ""), token)
    event = read_event(event_path)
    for line in comment_on_pull_requests(root, event, api, out, run_url(environ), token):
        click.echo(f"kodeks: {line}")
