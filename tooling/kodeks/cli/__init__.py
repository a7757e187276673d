"""The ``kodeks`` command line: a thin layer over the library.

Each command parses its options, calls one library function and prints what it returns; a
library error becomes its exit code here, in one place: ``KodeksError.exit_code`` (2 for a
usage error, 1 for invalid content), 3 for a bug. The commands live in one module per group.
"""

from __future__ import annotations

from typing import Any

import click

from ..errors import KodeksError
from ..messages import MESSAGE_LANGUAGES, msg

EXIT_INVALID = 1
"""The content is invalid: what validate reports, an import or a law that cannot be carried out."""
EXIT_INTERNAL = 3


class _Failure(click.ClickException):
    """``Error: message`` and the library error's own exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]


class _Group(click.Group):
    """Turns library errors into their exit codes and bugs into a short message and exit 3."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # The run's language before Click reads a single argument: a usage error («Missing
        # argument») is said in it too, frame and all. --messages, if given, overrides.
        from .. import messages
        from ..store.worktree import find_root
        from .options import code_messages

        messages.choose(None)
        messages.code_default(None)
        try:
            code_messages(find_root(None))
        except KodeksError:
            pass  # no Code here: the environment and the locale decide
        return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return self._mapped(ctx)
        finally:
            from ..load import DEFAULT_CACHE

            DEFAULT_CACHE.clear()  # a command's cache is its own, not the next caller's

    def _mapped(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KodeksError as error:
            # A problem with the repository or an input (an unknown revision, a shallow clone, a
            # file kodeks cannot read) is not misuse of the command: no usage block, the message.
            raise _Failure(str(error), error.exit_code) from None
        except BrokenPipeError:  # `kodeks build -o - | head`: the reader had enough; no bug
            ctx.exit(1)
        except Exception as error:  # a traceback that reaches a user is a bug
            # The first line is for kodeks's developers (English); the second for the person.
            click.echo(
                f"kodeks: internal error: {type(error).__name__}: {error}\n"
                + msg("This is a bug in kodeks; please report it with the command you ran.").said(),
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


def _click_speaks_the_run_s_language() -> None:
    """Click's own sentences («Usage:», «Missing argument», «Error:») through kodeks's catalog of
    them: Click asks the standard library's gettext, which knows nothing of --messages."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types

    from ..messages import click_gettext, click_ngettext

    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.termui,
        click.types,
    ):
        if hasattr(module, "_"):
            module._ = click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = click_ngettext  # type: ignore[attr-defined]


_click_speaks_the_run_s_language()


def _choose_messages(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    from .. import messages

    if value is not None:  # given before the command or after it: either says it (main() resets)
        messages.choose(value)


def _messages_option() -> click.Option:
    return click.Option(
        ["--messages"],
        type=click.Choice(MESSAGE_LANGUAGES),
        expose_value=False,
        is_eager=True,
        callback=_choose_messages,
        help="The language kodeks speaks to you (default: KODEKS_MESSAGES, code.yaml's `messages:`, the locale).",
    )


def _messages_on_every_command(group: click.Group) -> None:
    """``--messages`` after a command too (``kodeks validate --messages ky``), as a user types it."""
    for command in group.commands.values():
        command.params.append(_messages_option())
        if isinstance(command, click.Group):
            _messages_on_every_command(command)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kodeks")
@click.option(
    "--messages",
    type=click.Choice(MESSAGE_LANGUAGES),
    expose_value=False,
    is_eager=True,
    callback=_choose_messages,
    help="The language kodeks speaks to you (default: KODEKS_MESSAGES, code.yaml's `messages:`, the locale).",
)
def cli() -> None:
    """kodeks: the Code on Local Self-Government, kept as text in Git.

    Run `kodeks COMMAND --help` for the options of each command.
    """


def main() -> None:
    import gc
    import os
    import sys

    # A command builds a large model once and frees it at exit: collecting cycles while it grows
    # only costs time (a tenth of a second or more on a large Code).
    gc.disable()
    try:
        cli(prog_name="kodeks")
        code = 0
    except SystemExit as done:
        code = _exit_code(done.code)
    # Nothing is left to do but free memory the system takes back anyway: tearing down the
    # interpreter's caches and models took a tenth of a second after a redline of 2,000 articles.
    # Every file kodeks writes is closed (and synced) by then; only the standard streams are open.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`kodeks … | head`): what fit was written
            code = code or 1
    os._exit(code)


def _exit_code(code: object) -> int:
    """The status ``sys.exit(code)`` would give: a message is printed and means 1."""
    import sys

    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


# The commands register themselves on `cli`; their heavy imports happen when they run.
from . import amending, drafting, github, reading, review  # noqa: E402,F401

_messages_on_every_command(cli)
