"""The drafters' manual and the README stay true to the toolkit."""

from __future__ import annotations

import re
from pathlib import Path

from kodeks.rules import RULES

ROOT = Path(__file__).resolve().parents[1]


def test_every_rule_is_documented_with_its_severity() -> None:
    manual = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| ([A-Z]\d{3}) \| (error|warning) \|", manual, re.MULTILINE))
    assert documented == {code: rule.severity.value for code, rule in RULES.items()}


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.DOTALL)
    assert block is not None and readme.index("```sh") < readme.index("## ")
    commands = [line for line in block.group(1).splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[0].endswith("kodeks build")
    assert "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
