"""The library's exceptions: a problem the user can act on, each with its exit code."""

from __future__ import annotations

from .diagnostics import Diagnostic
from .messages import Message, plural, verbatim


class KodeksError(Exception):
    """Base of the library's exceptions: a problem the user can act on.

    ``exit_code`` is what the command line exits with: 2 by default (a usage error: a bad
    argument, no Code, an unknown revision), 1 when the content is what is wrong.
    """

    exit_code = 2

    def __init__(self, message: Message | str = "") -> None:
        self.message = message if isinstance(message, Message) else verbatim(message)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message.said()


class CodeNotFoundError(KodeksError):
    """No ``code_text/code.yaml`` where one was expected."""


class RevisionError(KodeksError):
    """A Git revision that does not exist or cannot be read."""


class InvalidCodeError(KodeksError):
    """The Code has errors; raised by :func:`kodeks.validate.assert_validates`."""

    exit_code = 1

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.is_error]
        first = errors[0] if errors else "-"
        super().__init__(
            plural(
                "the Code has {count} error; first: {first}",
                "the Code has {count} errors; first: {first}",
                len(errors),
                first=str(first),
            )
        )


class SelfCheckError(KodeksError):
    """kodeks's own output failed the check it runs before writing (an import that would not read
    back as read): a bug in kodeks, reported as one, with nothing written."""

    exit_code = 3
