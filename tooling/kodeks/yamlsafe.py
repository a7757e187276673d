"""Safe, bounded YAML with the location of every value.

Anchors and aliases are refused (they are never needed in the Code and allow memory bombs),
documents are size- and depth-capped, and only the safe schema is used (libyaml when present).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import characters
from .diagnostics import Diagnostic, SourceLocation
from .messages import Message, msg, verbatim
from .rules import rule

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 32
MAX_INTEGER = 10**18
"""Larger integers are refused where they are written, so no later step formats or compares a
number of thousands of digits (Python refuses to print one over 4,300)."""

YamlPath = tuple[str | int, ...]


@dataclass(slots=True)
class YamlDocument:
    """A parsed YAML document: plain Python values plus where each one was written."""

    value: Any
    path: str
    value_locations: dict[YamlPath, SourceLocation] = field(default_factory=dict)
    key_locations: dict[YamlPath, SourceLocation] = field(default_factory=dict)

    def location(self, path: YamlPath) -> SourceLocation:
        """Where the value at ``path`` was written, or its nearest written ancestor."""
        while path not in self.value_locations and path:
            path = path[:-1]
        return self.value_locations.get(path, SourceLocation(self.path))

    def key_location(self, path: YamlPath) -> SourceLocation:
        return self.key_locations.get(path) or self.location(path)


class _TooDeep(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark


class _Refused(Exception):
    """Valid YAML that the Code's files may not hold (a key written twice), where it is written."""

    def __init__(self, problem: Message, mark: Any) -> None:
        self.problem = problem
        self.mark = mark


def load_yaml(
    path: str, text: str, line_offset: int = 0, verbatim: frozenset[str] = frozenset()
) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse ``text`` (written at ``line_offset`` lines into ``path``) safely. Values under a key
    in ``verbatim`` are a record of someone else's words (a reviewer's comment): characters
    written there as escapes are kept, not reported."""

    # YAML counts U+0085, U+2028 and U+2029 as line breaks; the file's lines are split on LF only.
    other_breaks = any(separator in text for separator in "\x85\u2028\u2029")

    def at(mark: Any) -> SourceLocation:
        if mark is None:
            return SourceLocation(path, line_offset + 1, 1)
        if other_breaks:
            index = min(mark.index, len(text))
            line, start = text.count("\n", 0, index), text.rfind("\n", 0, index) + 1
            return SourceLocation.from_zero_based(path, line, index - start, line_offset)
        return SourceLocation.from_zero_based(path, mark.line, mark.column, line_offset)

    try:
        if "&" in text or "*" in text:
            for event in yaml.parse(text, Loader=_Loader):
                if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                    return None, [
                        rule("Y003").at(
                            at(event.start_mark), msg("YAML anchors and aliases are not allowed; write the value out")
                        )
                    ]
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            document = YamlDocument(None, path)
            escaped: list[Diagnostic] = []
            if node is not None:
                document.value = _build(loader, node, (), document, at, 0)
                escaped = _escaped_characters(document, text, verbatim)
            return document, escaped
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_error(error, at, text)]
    except _Refused as error:
        return None, [rule("Y002").at(at(error.mark), msg("YAML syntax error: {problem}", problem=error.problem))]
    except _TooDeep as error:
        return None, [rule("Y002").at(at(error.mark), msg("YAML nested deeper than {depth} levels", depth=MAX_DEPTH))]
    except yaml.YAMLError as error:
        return None, [rule("Y002").at(at(None), msg("YAML error: {error}", error=str(error)))]


def _syntax_error(error: yaml.MarkedYAMLError, at: Any, text: str) -> Diagnostic:
    """Point at the line a drafter must fix, and say in the reader's language what is wrong.

    An unclosed quote or bracket is reported by libyaml where it gave up (often the next
    key); the place to fix is where the quote or bracket opened, which ``context_mark`` holds.
    """
    problem = error.problem or ""
    said: Message = _PROBLEMS.get(problem) or (verbatim(problem) if problem else msg("invalid YAML"))
    context = error.context or ""
    opened_earlier = error.context_mark is not None and ("quoted" in context or "flow" in context)
    if opened_earlier:
        location = at(error.context_mark)
        gave_up = at(error.problem_mark)
        said = msg(
            "{problem} ({context} opened here; found at line {line})",
            problem=said,
            context=_CONTEXTS.get(context) or verbatim(context),
            line=gave_up.line,
        )
    else:
        location = at(error.problem_mark or error.context_mark)
    mark = error.problem_mark
    line = text.splitlines()[mark.line] if mark is not None and mark.line < len(text.splitlines()) else ""
    tab = (
        "\t" in line[: len(line) - len(line.lstrip())]
    )  # libyaml calls a tab «a character that cannot start any token»
    hint = _HINTS[0][1] if tab else next((hint for cause, hint in _HINTS if cause in problem), None)
    if hint is None:
        return rule("Y002").at(location, msg("YAML syntax error: {problem}", problem=said))
    return rule("Y002").at(location, msg("YAML syntax error: {problem}: {hint}", problem=said, hint=hint))


_PROBLEMS = {
    "did not find expected ',' or ']'": msg("a list in «[ ]» is not closed, or a comma is missing"),
    "did not find expected ',' or '}'": msg("a mapping in «{{ }}» is not closed, or a comma is missing"),
    "found unexpected end of stream": msg("the text ends inside a value: a quote is not closed"),
    "mapping values are not allowed in this context": msg("a colon where a value was expected"),
    "found character that cannot start any token": msg("a character no value can start with"),
    "did not find expected '-' indicator": msg("a line in a list without its «-»"),
    "did not find expected key": msg("a line indented as if it continued the mapping above, but it is no «key: value»"),
    "could not find expected ':'": msg("a key without its colon"),
    "did not find expected node content": msg("a value is missing"),
    "found a tab character that violates indentation": msg("a tab in the indentation"),
    "block sequence entries are not allowed in this context": msg("a list item «- » where a value was expected"),
}
"""What libyaml says, as a drafter reads it (anything else is quoted as libyaml wrote it)."""
_CONTEXTS = {
    "while parsing a flow sequence": msg("the list in «[ ]»"),
    "while parsing a flow mapping": msg("the mapping in «{{ }}»"),
    "while scanning a quoted scalar": msg("the quoted value"),
}

_HINTS = (
    ("tab", msg("YAML indents with spaces only: replace the tab by spaces")),
    (
        "mapping values are not allowed",
        msg('a colon in an unquoted value: put the value in quotes, title: "Статья: …"'),
    ),
)
"""What the commonest YAML errors mean for a drafter, and how to fix them."""


def _escaped_characters(document: YamlDocument, text: str, verbatim: frozenset[str]) -> list[Diagnostic]:
    """Control and invisible characters written as escapes (``"\\v"``, ``"\\u202e"``), which the
    scan of the file's characters cannot see: reported at the value that holds them."""
    if "\\" not in text:
        return []
    found = []
    for path, location in document.value_locations.items():
        if verbatim.intersection(key for key in path if isinstance(key, str)):
            continue
        value: Any = document.value
        for key in path:
            value = value[key]
        if not isinstance(value, str):
            continue
        for pattern, code in ((characters.CONTROL, "C001"), (characters.INVISIBLE, "C002")):
            for character in dict.fromkeys(pattern.findall(value)):
                if character not in text:
                    found.append(rule(code).at(location, _written_as_escape(code, characters.name(character))))
    return found


def _written_as_escape(code: str, character: str) -> Message:
    if code == "C001":
        return msg("{character} written as an escape: Word and XML cannot hold it; delete it", character=character)
    return msg(
        "{character} written as an escape: it is invisible and can change how the text reads; delete it",
        character=character,
    )


def _build(loader: Any, node: yaml.Node, path: YamlPath, document: YamlDocument, at: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise _TooDeep(node.start_mark)
    document.value_locations[path] = at(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, Hashable) or key is None:
                raise _Refused(msg("mapping keys must be plain words"), key_node.start_mark)
            key = str(key)
            document.key_locations[path + (key,)] = at(key_node.start_mark)
            if key in mapping:
                raise _Refused(msg("key {key} appears twice", key=repr(key)), key_node.start_mark)
            mapping[key] = _build(loader, value_node, path + (key,), document, at, depth + 1)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (index,), document, at, depth + 1) for index, item in enumerate(node.value)]
    try:
        value = _scalar(loader, node)
    except ValueError:  # an integer of thousands of digits: Python refuses to convert it
        value = None
    if value is None and node.tag.endswith(":int") or isinstance(value, int) and abs(value) > MAX_INTEGER:
        raise _Refused(msg("number too large (the Code needs at most 6 digits)"), node.start_mark)
    return value


_STR = "tag:yaml.org,2002:str"


def _scalar(loader: Any, node: yaml.Node) -> Any:
    """A scalar's value as the safe loader constructs it; text, most of what the Code's files
    hold, is the node's own value (what ``construct_yaml_str`` returns), without the round
    through the constructor's bookkeeping (a third of the time of reading 2,000 front matters)."""
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    return loader.construct_object(node)
