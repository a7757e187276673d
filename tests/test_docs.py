"""The drafters' manual and the README stay true to the toolkit."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

from kodeks.rules import RULES

ROOT = Path(__file__).resolve().parents[1]


def test_every_rule_is_documented_with_its_severity() -> None:
    manual = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| ([A-Z]\d{3}) \| (error|warning|notice) \|", manual, re.MULTILINE))
    assert documented == {code: rule.severity.value for code, rule in RULES.items()}


def test_no_two_rules_share_a_code() -> None:
    """The table is a dict: a second rule under one code would silently replace the first (the
    conflicts register once took C001–C003 from the character rules)."""
    written = re.findall(r'Rule\("([A-Z]\d{3})"', (ROOT / "tooling/kodeks/rules.py").read_text(encoding="utf-8"))
    assert len(written) == len(set(written)) == len(RULES)
    manual = re.findall(r"^\| ([A-Z]\d{3}) \|", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert len(manual) == len(set(manual))


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.DOTALL)
    assert block is not None and readme.index("```sh") < readme.index("## ")
    commands = [line for line in block.group(1).splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[0].endswith("kodeks build")
    assert "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_examples_name_ids_and_revisions_a_fresh_clone_has() -> None:
    """A newcomer who copies an example from README or `--help` finds its ids in the Code and its
    revisions in the clone (no tag that was never made, no article that does not exist)."""
    from kodeks import check
    from kodeks.cli import cli
    from kodeks.store.worktree import read_worktree

    from .conftest import kodeks

    code = check(read_worktree(ROOT)).code
    assert code is not None
    ids = {*code.articles, *(c.id for c in code.chapters), *(s.id for s in code.sections), *code.acts}
    texts = [(ROOT / "README.md").read_text(encoding="utf-8")]
    texts += [kodeks(name, "--help").output for name in cli.commands]
    examples = "\n".join(line for text in texts for line in text.splitlines() if "kodeks " in line or "art:" in line)
    named = set(re.findall(r"--(?:chapter|parts|after) ([a-z][a-z0-9-]*)", examples))
    named |= set(re.findall(r"kodeks refs ([a-z][a-z0-9-]*)", examples))
    named |= set(re.findall(r"\(art:([a-z][a-z0-9-]*)", examples))
    assert named and named <= ids, named - ids
    revisions = set(re.findall(r"--rev ([^\s`]+)", examples)) | set(
        re.findall(r"redline ([^\s-][^\s`]*) ([^\s-][^\s`]*)", examples)[0]
    )
    assert revisions <= {"main", "main~1", "HEAD", "HEAD~1"}, revisions


def _vocabulary() -> list[str]:
    from kodeks import wording

    return sorted(wording._WORDS)


@functools.cache
def _string_literals() -> frozenset[str]:
    """The strings the toolkit's code holds as values: not its comments or docstrings, and not
    wording.py's table of words, where every key is defined and none is shown."""
    literals: set[str] = set()
    for path in (ROOT / "tooling" / "kodeks").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "_WORDS":
                docstrings |= {id(inner) for inner in ast.walk(node)}
        literals |= {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        }
    return frozenset(literals)


@pytest.mark.parametrize("key", _vocabulary())
def test_every_label_is_in_both_languages_and_used(key: str) -> None:
    """Each fixed word of the documents has its Kyrgyz and its Russian form, and something shows
    it (a label nobody shows is dead; one missing a language falls back to English)."""
    from kodeks import wording

    forms = wording._WORDS[key]
    assert forms.get("ky") and forms.get("ru"), key
    assert forms["ky"] != forms.get("en") and forms["ru"] != forms.get("en"), key
    if key in _string_literals():
        return
    # Labels whose key is built: the literal it is built from, and the values it can take.
    from kodeks.diff import ArticleChangeKind
    from kodeks.model import Reason

    structure = "-"  # f"{change.unit}-{change.kind}"
    families = {
        "article": ("article-", {k.value for k in ArticleChangeKind}),
        "field": ("field-", {"status", "title", "sources", "notes"}),
        "reason": ("reason-", {r.value for r in Reason}),
        "section": (structure, {"added", "removed", "retitled", "renumbered"}),  # a section never moves
        "chapter": (structure, {"added", "removed", "retitled", "renumbered", "moved"}),
    }
    family, _, value = key.partition("-")
    assert family in families, f"`{key}` is shown nowhere"
    builder, values = families[family]
    assert builder in _string_literals() and value in values, f"`{key}` is shown nowhere"
